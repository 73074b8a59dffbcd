//! Collecting every mistake of an input, so one error lists them all.
//!
//! Validation reports everything it finds in one pass, not only the first problem: a
//! coordinator fixing a roster by hand should not have to run it once per typo. The list is
//! capped at [`MAX_LISTED`] so that a badly broken or hostile input cannot make the error
//! itself huge; the rest are counted.

use crate::mentoring::error::{Error, MAX_LISTED, Result};

/// The mistakes found so far, in the order found.
#[derive(Debug, Default)]
pub(crate) struct Mistakes {
    errors: Vec<Error>,
    more: usize,
}

impl Mistakes {
    pub(crate) fn new() -> Self {
        Mistakes::default()
    }

    /// Records a mistake; an [`Error::Multiple`] is unpacked, so lists never nest, and a
    /// mistake already listed (the same unknown id in two bans, say) is listed once.
    pub(crate) fn push(&mut self, error: Error) {
        match error {
            Error::Multiple { errors, more } => {
                for e in errors {
                    self.push(e);
                }
                self.more += more;
            }
            e if self.errors.contains(&e) => {}
            e if self.errors.len() < MAX_LISTED => self.errors.push(e),
            _ => self.more += 1,
        }
    }

    /// Records the error of `result`, if any, and returns its value.
    pub(crate) fn check<T>(&mut self, result: Result<T>) -> Option<T> {
        match result {
            Ok(value) => Some(value),
            Err(e) => {
                self.push(e);
                None
            }
        }
    }

    /// Whether nothing was found.
    pub(crate) fn is_empty(&self) -> bool {
        self.errors.is_empty() && self.more == 0
    }

    /// Nothing found: `Ok(())`; one mistake: that error itself; several: [`Error::Multiple`].
    pub(crate) fn finish(self) -> Result<()> {
        match self.error() {
            None => Ok(()),
            Some(e) => Err(e),
        }
    }

    /// As [`finish`](Self::finish), as an option.
    pub(crate) fn error(self) -> Option<Error> {
        if self.is_empty() {
            return None;
        }
        Some(self.and_none())
    }

    /// Records `last` and returns everything recorded as one error.
    pub(crate) fn and(mut self, last: Error) -> Error {
        self.push(last);
        self.and_none()
    }

    /// Everything recorded as one error: the error itself when it is the only one.
    fn and_none(self) -> Error {
        let more = self.more;
        match <[Error; 1]>::try_from(self.errors) {
            Ok([e]) if more == 0 => e,
            Ok([e]) => Error::Multiple {
                errors: vec![e],
                more,
            },
            Err(errors) => Error::Multiple { errors, more },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
