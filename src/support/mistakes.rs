//! Collecting every mistake of an input, so one error lists them all.
//!
//! Validation reports everything it finds in one pass, not only the first problem: a
//! coordinator fixing a roster by hand, or a researcher fixing a matrix file, should not have
//! to run it once per typo. The list is capped at [`MAX_LISTED`] so that a badly broken or
//! hostile input cannot make the error itself huge; the rest are counted. Both halves' error
//! types list this way ([`Error::Multiple`](crate::Error::Multiple) and
//! [`MatrixError::Multiple`](crate::MatrixError::Multiple)).

use std::fmt::Display;

/// The most mistakes an error lists ([`Error::Multiple`](crate::Error::Multiple),
/// [`MatrixError::Multiple`](crate::MatrixError::Multiple)); beyond it they are only counted,
/// so that a hostile or badly broken input cannot make the error itself huge.
///
/// # Examples
///
/// ```
/// use mentor_match::error::MAX_LISTED;
/// use mentor_match::{Error, ParticipantSpec, RosterSpec, Side};
///
/// // One participant more than can be listed, each without an id.
/// let mut spec = RosterSpec::new();
/// for _ in 0..=MAX_LISTED {
///     spec = spec.with_participant(ParticipantSpec::new("", Side::Junior));
/// }
/// let err = spec.validate().unwrap_err();
/// assert!(matches!(err, Error::Multiple { ref errors, more: 1 } if errors.len() == MAX_LISTED));
/// assert!(err.to_string().ends_with("\n- and 1 more"));
/// ```
pub const MAX_LISTED: usize = 100;

/// An error type that can list several mistakes in one variant.
pub(crate) trait Listing: Sized + PartialEq {
    /// The list's mistakes and how many more were counted, when `self` is a list; otherwise
    /// `self` back.
    fn into_list(self) -> Result<(Vec<Self>, usize), Self>;

    /// The list of `errors` (at most [`MAX_LISTED`], none a list itself) and `more` counted.
    fn from_list(errors: Vec<Self>, more: usize) -> Self;
}

/// The mistakes found so far, in the order found.
#[derive(Debug)]
pub(crate) struct Mistakes<E> {
    errors: Vec<E>,
    more: usize,
}

impl<E: Listing> Mistakes<E> {
    pub(crate) fn new() -> Self {
        Mistakes {
            errors: Vec::new(),
            more: 0,
        }
    }

    /// Records a mistake; a list is unpacked, so lists never nest, and a mistake already
    /// listed (the same unknown id in two bans, say) is listed once.
    pub(crate) fn push(&mut self, error: E) {
        match error.into_list() {
            Ok((errors, more)) => {
                for e in errors {
                    self.push(e);
                }
                self.more += more;
            }
            Err(e) if self.errors.contains(&e) => {}
            Err(e) if self.errors.len() < MAX_LISTED => self.errors.push(e),
            Err(_) => self.more += 1,
        }
    }

    /// Records the mistake `error` makes, building it only while the list has room: past
    /// [`MAX_LISTED`] mistakes are only counted (a matrix of NaN holds as many as it has
    /// cells, and each would format its value). Unlike [`push`](Self::push), every call is
    /// a mistake of its own, listed or counted whether or not it repeats one: the count is
    /// then the same whatever the order (a repeat could not be recognised past the list).
    /// For mistakes that are distinct by construction, or where each occurrence counts.
    pub(crate) fn push_with(&mut self, error: impl FnOnce() -> E) {
        if self.errors.len() < MAX_LISTED {
            self.add(error());
        } else {
            self.more += 1;
        }
    }

    /// Lists `error` (each mistake of a list) while there is room, and counts the rest.
    fn add(&mut self, error: E) {
        match error.into_list() {
            Ok((errors, more)) => {
                for e in errors {
                    self.add(e);
                }
                self.more += more;
            }
            Err(e) if self.errors.len() < MAX_LISTED => self.errors.push(e),
            Err(_) => self.more += 1,
        }
    }

    /// Records the error of `result`, if any, and returns its value.
    pub(crate) fn check<T>(&mut self, result: Result<T, E>) -> Option<T> {
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

    /// Nothing found: `Ok(())`; one mistake: that error itself; several: the list.
    pub(crate) fn finish(self) -> Result<(), E> {
        match self.error() {
            None => Ok(()),
            Some(e) => Err(e),
        }
    }

    /// As [`finish`](Self::finish), as an option.
    pub(crate) fn error(self) -> Option<E> {
        if self.is_empty() {
            return None;
        }
        Some(self.and_none())
    }

    /// Records `last` and returns everything recorded as one error.
    pub(crate) fn and(mut self, last: E) -> E {
        self.push(last);
        self.and_none()
    }

    /// Everything recorded as one error: the error itself when it is the only one.
    fn and_none(self) -> E {
        let more = self.more;
        match <[E; 1]>::try_from(self.errors) {
            Ok([e]) if more == 0 => e,
            Ok([e]) => E::from_list(vec![e], more),
            Err(errors) => E::from_list(errors, more),
        }
    }
}

/// The lines of a list of mistakes: each on its own line, then how many more.
pub(crate) fn lines<E: Display>(errors: &[E], more: usize) -> String {
    let mut text = String::new();
    for e in errors {
        text.push_str("\n- ");
        text.push_str(&e.to_string());
    }
    if more > 0 {
        text.push_str(&format!("\n- and {more} more"));
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A small error type of its own, so the collector is tested apart from both halves.
    #[derive(Debug, PartialEq)]
    enum Fault {
        One(usize),
        Many(Vec<Fault>, usize),
    }

    impl Listing for Fault {
        fn into_list(self) -> Result<(Vec<Self>, usize), Self> {
            match self {
                Fault::Many(errors, more) => Ok((errors, more)),
                one => Err(one),
            }
        }

        fn from_list(errors: Vec<Self>, more: usize) -> Self {
            Fault::Many(errors, more)
        }
    }

    #[test]
    fn one_mistake_is_itself_and_lists_are_capped_and_flat() {
        assert_eq!(Mistakes::<Fault>::new().finish(), Ok(()));
        let mut one = Mistakes::new();
        one.push(Fault::One(3));
        one.push(Fault::One(3)); // the same mistake again
        assert_eq!(one.finish(), Err(Fault::One(3)));

        let mut many = Mistakes::new();
        for k in 0..MAX_LISTED + 5 {
            many.push(Fault::One(k));
        }
        let mut outer = Mistakes::new();
        outer.push(Fault::One(999));
        outer.push(many.error().unwrap());
        match outer.error().unwrap() {
            Fault::Many(errors, more) => {
                assert_eq!(errors.len(), MAX_LISTED);
                assert_eq!(errors[0], Fault::One(999));
                assert!(errors.iter().all(|e| matches!(e, Fault::One(_))));
                assert_eq!(more, 6);
            }
            other => panic!("expected a list, got {other:?}"),
        }
    }

    #[test]
    fn one_mistake_with_more_counted_is_still_a_list() {
        let mut found = Mistakes::new();
        found.push(Fault::Many(vec![Fault::One(1)], 2));
        assert_eq!(found.error(), Some(Fault::Many(vec![Fault::One(1)], 2)));
        assert_eq!(lines(&["a", "b"], 3), "\n- a\n- b\n- and 3 more");
    }

    #[test]
    fn each_mistake_pushed_with_counts_even_a_repeat() {
        let mut found = Mistakes::new();
        found.push_with(|| Fault::One(1));
        found.push_with(|| Fault::One(1));
        assert_eq!(
            found.error(),
            Some(Fault::Many(vec![Fault::One(1), Fault::One(1)], 0))
        );
        // The same mistakes in any order: the same count.
        let count = |order: &[usize]| {
            let mut found = Mistakes::new();
            for &k in order {
                found.push_with(|| Fault::One(k));
            }
            match found.error() {
                Some(Fault::Many(errors, more)) => errors.len() + more,
                other => panic!("{other:?}"),
            }
        };
        let distinct: Vec<usize> = (0..MAX_LISTED).collect();
        let repeats_last: Vec<usize> = distinct.iter().copied().chain([0; 5]).collect();
        let repeats_first: Vec<usize> = [0; 5].into_iter().chain(distinct).collect();
        assert_eq!(count(&repeats_last), count(&repeats_first));
    }

    #[test]
    fn past_the_cap_mistakes_are_counted_unbuilt() {
        let mut found = Mistakes::new();
        let mut built = 0;
        for k in 0..MAX_LISTED + 7 {
            found.push_with(|| {
                built += 1;
                Fault::One(k)
            });
        }
        assert_eq!(built, MAX_LISTED);
        match found.error() {
            Some(Fault::Many(errors, 7)) => assert_eq!(errors.len(), MAX_LISTED),
            other => panic!("expected a full list, got {other:?}"),
        }
    }
}
