//! Same-kind arithmetic and ordering on [`Quantity`] values, for the crossing engine.
//!
//! `xrpl-proto` provides rippled's rounded mixed-asset operations; these are the plain exact
//! ones (compare, add, subtract) between two quantities of one asset, with errors mapped to the
//! engine's `tecINTERNAL` since they can only fail on an engine bug, never on input.

use std::cmp::Ordering;

use xrpl_proto::amount::{Drops, Quantity};

use crate::result::Ter;

/// Compares two quantities of the same kind (different kinds compare as equal).
pub fn cmp(a: Quantity, b: Quantity) -> Ordering {
    match (a, b) {
        (Quantity::Drops(x), Quantity::Drops(y)) => x.get().cmp(&y.get()),
        (Quantity::Iou(x), Quantity::Iou(y)) => x.cmp(&y),
        (Quantity::Mpt(x), Quantity::Mpt(y)) => x.cmp(&y),
        _ => Ordering::Equal,
    }
}

/// The smaller of two quantities.
pub fn min(a: Quantity, b: Quantity) -> Quantity {
    if cmp(a, b).is_le() { a } else { b }
}

/// True when strictly positive.
pub fn is_positive(q: Quantity) -> bool {
    !q.is_zero() && !q.is_negative()
}

/// `a + b`.
pub fn add(a: Quantity, b: Quantity) -> Result<Quantity, Ter> {
    match (a, b) {
        (Quantity::Drops(x), Quantity::Drops(y)) => x
            .checked_add(y)
            .map(Quantity::Drops)
            .map_err(|_| Ter::tecINTERNAL),
        (Quantity::Iou(x), Quantity::Iou(y)) => x
            .checked_add(y)
            .map(Quantity::Iou)
            .map_err(|_| Ter::tecINTERNAL),
        (Quantity::Mpt(x), Quantity::Mpt(y)) => {
            x.checked_add(y).map(Quantity::Mpt).ok_or(Ter::tecINTERNAL)
        }
        _ => Err(Ter::tecINTERNAL),
    }
}

/// `a - b`.
pub fn sub(a: Quantity, b: Quantity) -> Result<Quantity, Ter> {
    let negated = match b {
        Quantity::Drops(d) => Quantity::Drops(Drops::new(-d.get()).map_err(|_| Ter::tecINTERNAL)?),
        Quantity::Iou(v) => Quantity::Iou(-v),
        Quantity::Mpt(v) => Quantity::Mpt(-v),
    };
    add(a, negated)
}
