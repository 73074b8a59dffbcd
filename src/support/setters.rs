//! By-value `with_*` setters that store their argument in the field of the same name.
//!
//! Builders across the crate (`Matcher`, `Population`, `Experiment`, the engine's `Options`,
//! ...) have many setters of one shape; writing each out repeats four lines of code under its
//! doc comment. `field_setters!` writes them from the doc comment and the signature, in the
//! `impl` block where they stand, and, for a renamed setter (`was old_name`), keeps the old
//! name for one release as a hidden, deprecated alias. Setters that do more than store a
//! field keep their old names through `renamed_setters!`.

/// `field_setters! { /// doc
/// with_x(x: T) [was x]; .. }`: `pub fn with_x(mut self, x: T) -> Self` setting `self.x`.
macro_rules! field_setters {
    ($( $(#[$attr:meta])* $setter:ident($field:ident: $arg:ty) $(was $old:ident)?; )*) => { $(
        $(#[$attr])*
        pub fn $setter(mut self, $field: $arg) -> Self {
            self.$field = $field;
            self
        }
        $(
            #[doc(hidden)]
            #[deprecated(since = "0.1.0", note = "setters are named `with_*`: use the `with_` name")]
            pub fn $old(self, $field: $arg) -> Self {
                self.$setter($field)
            }
        )?
    )* };
}

pub(crate) use field_setters;

/// `renamed_setters!(Type { old(Arg) => with_old, .. })`: a hidden, deprecated `Type::old` that
/// forwards to `Type::with_old`.
macro_rules! renamed_setters {
    ($ty:ident { $($old:ident($arg:ty) => $new:ident,)* }) => {
        impl $ty {
            $(
                #[doc(hidden)]
                #[deprecated(since = "0.1.0", note = "setters are named `with_*`: use the `with_` name")]
                pub fn $old(self, value: $arg) -> Self {
                    self.$new(value)
                }
            )*
        }
    };
}

pub(crate) use renamed_setters;
