//! The exact check of integer potentials, component by component.

use crate::matching::assignment::certificate::cells::Cells;
use crate::matching::assignment::certificate::error::CertificateError;
use crate::matching::assignment::certificate::structure::{Components, Matching};
use crate::matching::assignment::certificate::structure::{NO_ROOM, NONE};
use crate::matching::assignment::options::{Cardinality, Cell, Sense};
use crate::matching::assignment::solution::Solution;
use crate::matching::assignment::weight::Weight;

/// The potentials' conditions for integer weights, in exact `i128` arithmetic.
pub(super) fn integer_duals(
    cells: Cells<'_, i64>,
    s: &Solution<i64>,
    m: &Matching,
) -> std::result::Result<(), CertificateError> {
    let sense = s.options.sense;
    let mf = |x: i128| if sense == Sense::Maximize { -x } else { x };
    let u: Vec<i128> = s.row_potentials.iter().map(|&x| mf(x)).collect();
    let v: Vec<i128> = s.col_potentials.iter().map(|&x| mf(x)).collect();
    let mut bad = None;
    for (r, &ur) in u.iter().enumerate() {
        cells.for_each_in_row(r, |c, x| {
            if x.cell(sense) != Cell::Allowed {
                return;
            }
            let slack = mf(i128::from(x)) - ur - v[c];
            if bad.is_none() {
                if m.col_of[r] == c && slack != 0 {
                    bad = Some(CertificateError::NotTight { row: r, col: c });
                } else if slack < 0 {
                    bad = Some(CertificateError::Infeasible { row: r, col: c });
                }
            }
        });
        if let Some(e) = bad {
            return Err(e);
        }
    }
    let left_out = |what, index| Err(CertificateError::LeftOut { what, index });
    match s.options.cardinality {
        Cardinality::Any => {
            // Assigned rows and columns at most 0, unassigned ones at least 0.
            for (r, &x) in u.iter().enumerate() {
                if (m.col_of[r] == NONE && x < 0) || (m.col_of[r] != NONE && x > 0) {
                    return left_out("row", r);
                }
            }
            for (c, &x) in v.iter().enumerate() {
                if (m.row_of[c] == NONE && x < 0) || (m.row_of[c] != NONE && x > 0) {
                    return left_out("column", c);
                }
            }
        }
        Cardinality::Maximum => {
            // Per component: the assigned rows carry the smallest potentials, and so do the
            // assigned columns.
            let comps = Components::of(cells, sense)
                .map_err(|_| CertificateError::Inconclusive { why: NO_ROOM })?;
            let top = |of: &[usize], pot: &[i128], assigned: &dyn Fn(usize) -> bool| {
                let mut top: Vec<Option<i128>> = vec![None; comps.count];
                for k in (0..of.len()).filter(|&k| of[k] != NONE && assigned(k)) {
                    let t = &mut top[of[k]];
                    *t = Some(t.map_or(pot[k], |t| t.max(pot[k])));
                }
                top
            };
            let row_top = top(&comps.of_row, &u, &|r| m.col_of[r] != NONE);
            let col_top = top(&comps.of_col, &v, &|c| m.row_of[c] != NONE);
            for (r, &x) in u.iter().enumerate() {
                let k = comps.of_row[r];
                if m.col_of[r] == NONE && k != NONE && row_top[k].is_some_and(|t| x < t) {
                    return left_out("row", r);
                }
            }
            for (c, &x) in v.iter().enumerate() {
                let k = comps.of_col[c];
                if m.row_of[c] == NONE && k != NONE && col_top[k].is_some_and(|t| x < t) {
                    return left_out("column", c);
                }
            }
        }
    }
    Ok(())
}
