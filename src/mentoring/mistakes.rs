//! How the crate's [`Error`] lists several mistakes (see [`crate::support::mistakes`]).

use crate::mentoring::error::{Error, MatrixError};
use crate::support::mistakes::Listing;

/// The mistakes of an input of the mentoring half, found so far.
pub(crate) type Mistakes = crate::support::mistakes::Mistakes<Error>;

impl Listing for Error {
    /// A list of the matching half's mistakes is unpacked too, each kept as
    /// [`Error::Matrix`].
    fn into_list(self) -> Result<(Vec<Self>, usize), Self> {
        match self {
            Error::Multiple { errors, more } => Ok((errors, more)),
            Error::Matrix(MatrixError::Multiple { errors, more }) => {
                Ok((errors.into_iter().map(Error::Matrix).collect(), more))
            }
            one => Err(one),
        }
    }

    fn from_list(errors: Vec<Self>, more: usize) -> Self {
        Error::Multiple { errors, more }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mentoring::error::MAX_LISTED;

    #[test]
    fn one_mistake_is_itself_and_lists_are_capped_and_flat() {
        assert_eq!(Mistakes::new().finish(), Ok(()));
        let mut one = Mistakes::new();
        one.push(Error::EmptyId { index: 3 });
        one.push(Error::EmptyId { index: 3 }); // the same mistake again
        assert_eq!(one.finish(), Err(Error::EmptyId { index: 3 }));

        let mut many = Mistakes::new();
        for index in 0..MAX_LISTED + 5 {
            many.push(Error::EmptyId { index });
        }
        let mut outer = Mistakes::new();
        outer.push(Error::EmptyId { index: 999 });
        outer.push(many.error().unwrap());
        match outer.error().unwrap() {
            Error::Multiple { errors, more } => {
                assert_eq!(errors.len(), MAX_LISTED);
                assert_eq!(errors[0], Error::EmptyId { index: 999 });
                assert!(errors.iter().all(|e| !matches!(e, Error::Multiple { .. })));
                assert_eq!(more, 6);
            }
            other => panic!("expected a list, got {other:?}"),
        }
    }

    #[test]
    fn the_matching_halfs_lists_are_unpacked() {
        let cell = |row| MatrixError::InvalidTriplet {
            row,
            col: 0,
            why: "it lies outside the matrix",
        };
        let mut found = Mistakes::new();
        found.push(Error::EmptyId { index: 0 });
        found.push(Error::Matrix(MatrixError::Multiple {
            errors: vec![cell(1), cell(2)],
            more: 3,
        }));
        assert_eq!(
            found.error(),
            Some(Error::Multiple {
                errors: vec![
                    Error::EmptyId { index: 0 },
                    Error::Matrix(cell(1)),
                    Error::Matrix(cell(2)),
                ],
                more: 3,
            })
        );
    }
}
