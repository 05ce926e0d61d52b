//! Amounts: XRP drops, issued values, MPT units, and the assets they are counted in.
//!
//! The sandbox ledger does all its balance maths with these types, and the codec reads and
//! writes them, so they are exact (integers and the XRPL decimal type, never floats), small and
//! `Copy`, ordered, and every fallible operation returns a typed [`AmountError`].
//!
//! | file | what |
//! |---|---|
//! | `drops.rs` | [`Drops`]: XRP as an integer, XRP strings ↔ drops |
//! | `iou.rs` | [`IouValue`]: the decimal type of issued amounts; parsing and printing |
//! | `number.rs` | `IouValue` arithmetic, rounded as rippled rounds |
//! | `arith.rs` | mixed-asset `multiply`/`divide`/`mulRound`/`divRound` over [`Quantity`] |
//! | `currency.rs` | [`Currency`] codes and [`Issue`] (currency + issuer) |
//! | `mpt.rs` | [`MptIssuanceId`], [`MptAmount`] |
//! | `json.rs` | [`Amount`] ↔ the JSON shapes rippled and the codec use |
//! | `serde_impls.rs` | serde for all of the above, in those same shapes |

mod arith;
mod currency;
mod drops;
mod error;
mod iou;
mod json;
mod mpt;
mod number;
mod serde_impls;

pub use arith::{
    MAX_MPT, Quantity, QuantityKind, div_round, div_round_strict, divide, mul_round,
    mul_round_strict, multiply,
};
pub use currency::{Currency, Issue};
pub use drops::{DROPS_PER_XRP, Drops, MAX_DROPS};
pub use error::AmountError;
pub use iou::{IouValue, MAX_EXPONENT, MAX_MANTISSA, MIN_EXPONENT, MIN_MANTISSA};
pub use mpt::{MptAmount, MptIssuanceId};
pub use number::Rounding;

/// An issued-currency amount: a value in some currency from some issuer.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub struct IssuedAmount {
    pub value: IouValue,
    pub issue: Issue,
}

impl IssuedAmount {
    pub fn new(value: IouValue, issue: Issue) -> IssuedAmount {
        IssuedAmount { value, issue }
    }
}

/// Any amount the ledger knows: XRP, an issued currency, or an MPT.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum Amount {
    Xrp(Drops),
    Issued(IssuedAmount),
    Mpt(MptAmount),
}

impl Amount {
    pub fn is_xrp(&self) -> bool {
        matches!(self, Amount::Xrp(_))
    }

    pub fn is_zero(&self) -> bool {
        self.quantity().is_zero()
    }

    pub fn is_negative(&self) -> bool {
        self.quantity().is_negative()
    }

    /// The bare quantity, for arithmetic.
    pub fn quantity(&self) -> Quantity {
        match self {
            Amount::Xrp(d) => Quantity::Drops(*d),
            Amount::Issued(a) => Quantity::Iou(a.value),
            Amount::Mpt(m) => Quantity::Mpt(m.value),
        }
    }

    /// Whether two amounts are in the same asset (so they may be added or compared).
    pub fn same_asset(&self, other: &Amount) -> bool {
        match (self, other) {
            (Amount::Xrp(_), Amount::Xrp(_)) => true,
            (Amount::Issued(a), Amount::Issued(b)) => a.issue == b.issue,
            (Amount::Mpt(a), Amount::Mpt(b)) => a.issuance == b.issuance,
            _ => false,
        }
    }

    /// This amount's asset with a new quantity (which must be of the matching kind).
    pub fn with_quantity(&self, quantity: Quantity) -> Result<Amount, AmountError> {
        match (self, quantity) {
            (Amount::Xrp(_), Quantity::Drops(d)) => Ok(Amount::Xrp(d)),
            (Amount::Issued(a), Quantity::Iou(v)) => {
                Ok(Amount::Issued(IssuedAmount::new(v, a.issue)))
            }
            (Amount::Mpt(m), Quantity::Mpt(v)) => Ok(Amount::Mpt(MptAmount::new(v, m.issuance))),
            _ => Err(AmountError::AssetMismatch),
        }
    }

    /// `self + other`, same asset only.
    pub fn checked_add(&self, other: &Amount) -> Result<Amount, AmountError> {
        if !self.same_asset(other) {
            return Err(AmountError::AssetMismatch);
        }
        match (self, other) {
            (Amount::Xrp(a), Amount::Xrp(b)) => Ok(Amount::Xrp(a.checked_add(*b)?)),
            (Amount::Issued(a), Amount::Issued(b)) => Ok(Amount::Issued(IssuedAmount::new(
                a.value.checked_add(b.value)?,
                a.issue,
            ))),
            (Amount::Mpt(a), Amount::Mpt(b)) => {
                let sum = a.value.checked_add(b.value).ok_or(AmountError::Overflow)?;
                Ok(Amount::Mpt(MptAmount::new(sum, a.issuance)))
            }
            _ => Err(AmountError::AssetMismatch),
        }
    }

    /// `self - other`, same asset only.
    pub fn checked_sub(&self, other: &Amount) -> Result<Amount, AmountError> {
        self.checked_add(&other.negated())
    }

    pub fn negated(&self) -> Amount {
        match self {
            Amount::Xrp(d) => Amount::Xrp(-*d),
            Amount::Issued(a) => Amount::Issued(IssuedAmount::new(-a.value, a.issue)),
            Amount::Mpt(m) => Amount::Mpt(MptAmount::new(-m.value, m.issuance)),
        }
    }

    /// Compares two amounts of the same asset.
    pub fn checked_cmp(&self, other: &Amount) -> Result<std::cmp::Ordering, AmountError> {
        match (self, other) {
            (Amount::Xrp(a), Amount::Xrp(b)) => Ok(a.cmp(b)),
            (Amount::Issued(a), Amount::Issued(b)) if a.issue == b.issue => {
                Ok(a.value.cmp(&b.value))
            }
            (Amount::Mpt(a), Amount::Mpt(b)) if a.issuance == b.issuance => {
                Ok(a.value.cmp(&b.value))
            }
            _ => Err(AmountError::AssetMismatch),
        }
    }
}

impl From<Drops> for Amount {
    fn from(drops: Drops) -> Amount {
        Amount::Xrp(drops)
    }
}

impl From<IssuedAmount> for Amount {
    fn from(amount: IssuedAmount) -> Amount {
        Amount::Issued(amount)
    }
}

impl From<MptAmount> for Amount {
    fn from(amount: MptAmount) -> Amount {
        Amount::Mpt(amount)
    }
}
