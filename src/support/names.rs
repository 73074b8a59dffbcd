//! Enums known by their `snake_case` names (metrics, built-in strategies): `Display` writes the
//! name, `FromStr` reads it back or names every name that exists.

/// `by_name!(Type, Error, unknown)`: `Display` through `Type::name`, and `FromStr` over
/// `Type::ALL`, with `unknown(name)` (of type `Error`) for any other name.
macro_rules! by_name {
    ($ty:ident, $error:ty, $unknown:expr) => {
        impl std::fmt::Display for $ty {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.name())
            }
        }

        impl std::str::FromStr for $ty {
            type Err = $error;

            fn from_str(name: &str) -> std::result::Result<Self, Self::Err> {
                $ty::ALL
                    .into_iter()
                    .find(|x| x.name() == name)
                    .ok_or_else(|| $unknown(name))
            }
        }
    };
}

pub(crate) use by_name;
