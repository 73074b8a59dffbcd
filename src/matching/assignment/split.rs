//! Rows of a matrix split across threads, for passes in which each row's answer is its own:
//! the answers come back in the order of the rows, so they do not depend on the threads.

use std::ops::Range;

/// Runs `work` on `parts` ranges of rows of about equal size, each on its own thread (the
/// first on this one), and returns the answers in the order of the rows. A range whose
/// thread cannot be started runs on this one: the answers are the same either way.
pub(crate) fn split_rows<R: Send>(
    n: usize,
    parts: usize,
    work: impl Fn(Range<usize>) -> R + Sync,
) -> Vec<R> {
    let per = n.div_ceil(parts.max(1)).max(1);
    let mut ranges: Vec<Range<usize>> = (0..n).step_by(per).map(|a| a..(a + per).min(n)).collect();
    if ranges.is_empty() {
        ranges.push(0..0);
    }
    let work = &work;
    std::thread::scope(|scope| {
        let others: Vec<_> = ranges[1..]
            .iter()
            .map(|rows| {
                let started = std::thread::Builder::new().spawn_scoped(scope, {
                    let rows = rows.clone();
                    move || work(rows)
                });
                (rows.clone(), started.ok())
            })
            .collect();
        let mut out = vec![work(ranges[0].clone())];
        for (rows, handle) in others {
            out.push(match handle {
                // A panic in a worker is a defect: it is passed on as it would be here.
                Some(h) => h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)),
                None => work(rows),
            });
        }
        out
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_cover_the_rows_in_order() {
        assert_eq!(split_rows(0, 2, |rows| rows), vec![0..0]);
        assert_eq!(split_rows(5, 1, |rows| rows), vec![0..5]);
        assert_eq!(split_rows(5, 2, |rows| rows), vec![0..3, 3..5]);
        assert_eq!(split_rows(3, 8, |rows| rows), vec![0..1, 1..2, 2..3]);
        let sums = split_rows(1000, 3, |rows| rows.sum::<usize>());
        assert_eq!(sums.iter().sum::<usize>(), 999 * 1000 / 2);
    }
}
