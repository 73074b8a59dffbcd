//! Tables whose size follows from the input, allocated without aborting.
//!
//! A roster of a few megabytes can ask for a table of its participants times its skills, or a
//! score matrix of its juniors times its seniors, far larger than itself. Allocating such a
//! table with `vec![..]` aborts the process when memory runs out; these helpers check the size
//! first and report [`MatrixError::TooLarge`] instead.

use crate::matching::error::{MatrixError, Result};
use std::collections::HashMap;
use std::hash::Hash;

/// An empty vector with room for `len` values, or `too_large()` when they cannot be reserved.
pub(crate) fn reserved<T>(len: usize, too_large: impl Fn() -> MatrixError) -> Result<Vec<T>> {
    let mut v = Vec::new();
    v.try_reserve_exact(len).map_err(|_| too_large())?;
    Ok(v)
}

/// The values of `items`, in a vector reserved for exactly them, or `too_large()` when it
/// cannot be.
pub(crate) fn collected<T>(
    items: impl ExactSizeIterator<Item = T>,
    too_large: impl Fn() -> MatrixError,
) -> Result<Vec<T>> {
    let mut v = reserved(items.len(), too_large)?;
    v.extend(items);
    Ok(v)
}

/// An empty map with room for `len` keys, or `too_large()` when they cannot be reserved: an
/// index of a roster's ids is as long as the roster.
pub(crate) fn reserved_map<K: Eq + Hash, V>(
    len: usize,
    too_large: impl Fn() -> MatrixError,
) -> Result<HashMap<K, V>> {
    let mut map = HashMap::new();
    map.try_reserve(len).map_err(|_| too_large())?;
    Ok(map)
}

/// `rows × cols` copies of `value`, or [`MatrixError::TooLarge`] naming `what` and the sizes when the
/// product overflows or the memory cannot be reserved.
pub(crate) fn filled<T: Clone>(
    what: &'static str,
    rows: usize,
    cols: usize,
    value: T,
) -> Result<Vec<T>> {
    let too_large = || MatrixError::TooLarge { what, rows, cols };
    let len = rows.checked_mul(cols).ok_or_else(too_large)?;
    let mut table = reserved(len, too_large)?;
    table.resize(len, value);
    Ok(table)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_and_maps_that_cannot_be_reserved_are_errors() {
        let too_large = || MatrixError::TooLarge {
            what: "t",
            rows: usize::MAX,
            cols: 1,
        };
        assert_eq!(collected([1u8, 2].into_iter(), too_large).unwrap(), [1, 2]);
        assert_eq!(collected(0..usize::MAX, too_large), Err(too_large()));
        let map: HashMap<u32, u32> = reserved_map(3, too_large).unwrap();
        assert!(map.is_empty() && map.capacity() >= 3);
        assert_eq!(
            reserved_map::<u32, u32>(usize::MAX, too_large).map(|m| m.len()),
            Err(too_large())
        );
    }

    #[test]
    fn sizes_that_cannot_be_allocated_are_errors() {
        assert_eq!(filled("t", 2, 3, 7u8).unwrap(), [7; 6]);
        assert_eq!(filled("t", 0, usize::MAX, 0u8).unwrap(), Vec::<u8>::new());
        for (rows, cols) in [(usize::MAX, 2), (1 << 31, 1 << 31), (1 << 40, 1 << 20)] {
            assert_eq!(
                filled("t", rows, cols, 0u8),
                Err(MatrixError::TooLarge {
                    what: "t",
                    rows,
                    cols
                })
            );
        }
    }
}
