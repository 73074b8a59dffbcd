//! Old names kept for one release after a rename, each marked deprecated with its new name.
//!
//! By-value setters are named `with_*` across the crate (`Matcher::with_seed`, like
//! `ParticipantSpec::with_skill`); the bare names they had before 0.2 still compile, with a
//! deprecation warning that names the new one, and will go in the release after.

/// `setters!(Type { old(Arg) => with_old, .. })`: a hidden, deprecated `Type::old` that
/// forwards to `Type::with_old`.
macro_rules! setters {
    ($ty:ident { $($old:ident($arg:ty) => $new:ident,)* }) => {
        impl $ty {
            $(
                #[doc(hidden)]
                #[deprecated(since = "0.2.0", note = "setters are named `with_*`: use the `with_` name")]
                pub fn $old(self, value: $arg) -> Self {
                    self.$new(value)
                }
            )*
        }
    };
}

pub(crate) use setters;
