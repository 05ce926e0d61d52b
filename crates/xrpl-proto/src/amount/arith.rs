//! Mixed-asset arithmetic as rippled's STAmount does it: `multiply`, `divide`, `mulRound`,
//! `divRound` (and their `Strict` variants) over XRP drops, MPT units and issued values.
//!
//! Offer crossing and transfer fees multiply an amount of one asset by a rate or a quality and
//! want the answer in another asset, rounded in a chosen direction. rippled's routines have
//! particular, long-standing rounding quirks (the "legacy" `canonicalizeRound`) that decide the
//! last drop or digit of every crossed offer; a sandbox that wants rippled's balances must repeat
//! them, so this file follows their steps one by one rather than "correct" decimal rounding.

use super::drops::MAX_DROPS;
use super::iou::{MAX_MANTISSA, MIN_EXPONENT, MIN_MANTISSA};
use super::number::{Rounding, TEN_TO_14, TEN_TO_17, pow10, round, rounds_up};
use super::{AmountError, Drops, IouValue};

/// A bare quantity of some asset kind, without its currency or issuer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Quantity {
    Drops(Drops),
    /// MPT units (a whole number).
    Mpt(i64),
    Iou(IouValue),
}

/// Which kind of quantity a computation should produce.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum QuantityKind {
    Drops,
    Mpt,
    Iou,
}

/// The largest MPT amount (2^63 − 1).
pub const MAX_MPT: i64 = i64::MAX;

impl Quantity {
    pub fn kind(self) -> QuantityKind {
        match self {
            Quantity::Drops(_) => QuantityKind::Drops,
            Quantity::Mpt(_) => QuantityKind::Mpt,
            Quantity::Iou(_) => QuantityKind::Iou,
        }
    }

    pub fn is_zero(self) -> bool {
        match self {
            Quantity::Drops(d) => d.is_zero(),
            Quantity::Mpt(v) => v == 0,
            Quantity::Iou(v) => v.is_zero(),
        }
    }

    pub fn is_negative(self) -> bool {
        match self {
            Quantity::Drops(d) => d.is_negative(),
            Quantity::Mpt(v) => v < 0,
            Quantity::Iou(v) => v.is_negative(),
        }
    }

    pub fn zero(kind: QuantityKind) -> Quantity {
        match kind {
            QuantityKind::Drops => Quantity::Drops(Drops::ZERO),
            QuantityKind::Mpt => Quantity::Mpt(0),
            QuantityKind::Iou => Quantity::Iou(IouValue::ZERO),
        }
    }

    /// The value as a normalised decimal (what rippled's `Number{amount}` gives).
    pub fn to_iou_value(self) -> Result<IouValue, AmountError> {
        match self {
            Quantity::Iou(v) => Ok(v),
            Quantity::Drops(d) => integer_as_value(d.get()),
            Quantity::Mpt(v) => integer_as_value(v),
        }
    }

    /// Sign, magnitude and exponent as STAmount stores them; whole-number kinds have exponent
    /// 0 and are brought up to a 16-digit mantissa, as rippled does before multiplying.
    fn scaled_parts(self) -> (bool, u64, i32) {
        let (negative, mut mantissa, mut exponent) = match self {
            Quantity::Drops(d) => (d.is_negative(), d.get().unsigned_abs(), 0),
            Quantity::Mpt(v) => (v < 0, v.unsigned_abs(), 0),
            Quantity::Iou(v) => (v.is_negative(), v.mantissa().unsigned_abs(), v.exponent()),
        };
        if self.kind() != QuantityKind::Iou {
            while mantissa < MIN_MANTISSA {
                mantissa *= 10;
                exponent -= 1;
            }
        }
        (negative, mantissa, exponent)
    }
}

fn integer_as_value(value: i64) -> Result<IouValue, AmountError> {
    round(
        value < 0,
        u128::from(value.unsigned_abs()),
        0,
        false,
        Rounding::ToNearest,
    )
}

/// Builds a quantity of `kind` from `magnitude × 10^exponent` as STAmount's constructor does:
/// issued values are rounded to 16 digits, whole-number kinds to an integer.
fn construct(
    kind: QuantityKind,
    negative: bool,
    magnitude: u128,
    exponent: i32,
    mode: Rounding,
) -> Result<Quantity, AmountError> {
    match kind {
        QuantityKind::Iou => Ok(Quantity::Iou(round(
            negative, magnitude, exponent, false, mode,
        )?)),
        QuantityKind::Drops | QuantityKind::Mpt => {
            if magnitude == 0 || exponent <= -20 {
                return Ok(Quantity::zero(kind));
            }
            let limit = if kind == QuantityKind::Drops {
                MAX_DROPS as u128
            } else {
                MAX_MPT as u128
            };
            let whole = if exponent >= 0 {
                let scale = pow10(exponent.min(38) as u32);
                magnitude.checked_mul(scale).ok_or(AmountError::Overflow)?
            } else {
                let unit = pow10((-exponent) as u32);
                let kept = magnitude / unit;
                let up = rounds_up(mode, negative, kept & 1 == 1, magnitude % unit, unit, false);
                kept + u128::from(up)
            };
            if whole > limit {
                return Err(AmountError::Overflow);
            }
            let signed = if negative {
                -(whole as i64)
            } else {
                whole as i64
            };
            Ok(match kind {
                QuantityKind::Drops => Quantity::Drops(Drops::new(signed)?),
                _ => Quantity::Mpt(signed),
            })
        }
    }
}

/// Exact product of two whole-number quantities of the same kind.
fn whole_product(a: i64, b: i64, kind: QuantityKind) -> Result<Quantity, AmountError> {
    let product = i128::from(a) * i128::from(b);
    let limit = if kind == QuantityKind::Drops {
        i128::from(MAX_DROPS)
    } else {
        i128::from(MAX_MPT)
    };
    if product.abs() > limit {
        return Err(AmountError::Overflow);
    }
    Ok(match kind {
        QuantityKind::Drops => Quantity::Drops(Drops::new(product as i64)?),
        _ => Quantity::Mpt(product as i64),
    })
}

fn same_kind_whole(a: Quantity, b: Quantity, kind: QuantityKind) -> Option<(i64, i64)> {
    match (a, b, kind) {
        (Quantity::Drops(x), Quantity::Drops(y), QuantityKind::Drops) => Some((x.get(), y.get())),
        (Quantity::Mpt(x), Quantity::Mpt(y), QuantityKind::Mpt) => Some((x, y)),
        _ => None,
    }
}

/// rippled's `multiply`: exact for XRP×XRP and MPT×MPT, otherwise the 16-digit decimal product.
pub fn multiply(a: Quantity, b: Quantity, kind: QuantityKind) -> Result<Quantity, AmountError> {
    if a.is_zero() || b.is_zero() {
        return Ok(Quantity::zero(kind));
    }
    if let Some((x, y)) = same_kind_whole(a, b, kind) {
        return whole_product(x, y, kind);
    }
    let product = a.to_iou_value()?.checked_mul(b.to_iou_value()?)?;
    construct(
        kind,
        product.is_negative(),
        u128::from(product.mantissa().unsigned_abs()),
        product.exponent(),
        Rounding::ToNearest,
    )
}

/// rippled's `divide`.
pub fn divide(num: Quantity, den: Quantity, kind: QuantityKind) -> Result<Quantity, AmountError> {
    if den.is_zero() {
        return Err(AmountError::DivisionByZero);
    }
    if num.is_zero() {
        return Ok(Quantity::zero(kind));
    }
    let (num_neg, num_m, num_e) = num.scaled_parts();
    let (den_neg, den_m, den_e) = den.scaled_parts();
    let quotient = u128::from(num_m) * TEN_TO_17 / u128::from(den_m);
    if quotient > u128::from(u64::MAX) {
        return Err(AmountError::Overflow);
    }
    construct(
        kind,
        num_neg != den_neg,
        quotient + 5,
        num_e - den_e - 17,
        Rounding::ToNearest,
    )
}

/// rippled's legacy `canonicalizeRound`: prepares a rounded-away-from-zero result. Its odd
/// choice (only a lost fraction of at least a tenth rounds up, for XRP) is part of the ledger.
fn canonicalize_round(whole_number: bool, value: &mut u128, exponent: &mut i32) {
    if whole_number {
        if *exponent < 0 {
            let mut loops = 0;
            while *exponent < -1 {
                *value /= 10;
                *exponent += 1;
                loops += 1;
            }
            *value += if loops >= 2 { 9 } else { 10 };
            *value /= 10;
            *exponent += 1;
        }
    } else if *value > u128::from(MAX_MANTISSA) {
        while *value > 10 * u128::from(MAX_MANTISSA) {
            *value /= 10;
            *exponent += 1;
        }
        *value += 9;
        *value /= 10;
        *exponent += 1;
    }
}

/// rippled's `canonicalizeRoundStrict`: tracks every lost digit.
fn canonicalize_round_strict(
    whole_number: bool,
    value: &mut u128,
    exponent: &mut i32,
    round_up: bool,
) {
    if whole_number {
        if *exponent < 0 {
            let mut had_remainder = false;
            while *exponent < -1 {
                had_remainder |= *value % 10 != 0;
                *value /= 10;
                *exponent += 1;
            }
            *value += if had_remainder && round_up { 10 } else { 9 };
            *value /= 10;
            *exponent += 1;
        }
    } else {
        canonicalize_round(false, value, exponent);
    }
}

/// The smallest positive quantity rippled substitutes when rounding up would give zero.
fn smallest_positive(
    kind: QuantityKind,
    whole_units_for_mpt: bool,
) -> Result<Quantity, AmountError> {
    match kind {
        QuantityKind::Drops => Ok(Quantity::Drops(Drops::new(1)?)),
        QuantityKind::Mpt if whole_units_for_mpt => Ok(Quantity::Mpt(1)),
        // mulRound builds the issued minimum even for MPT, which then canonicalises to zero.
        _ => construct(
            kind,
            false,
            u128::from(MIN_MANTISSA),
            MIN_EXPONENT,
            Rounding::ToNearest,
        ),
    }
}

fn mul_round_impl(
    a: Quantity,
    b: Quantity,
    kind: QuantityKind,
    round_up: bool,
    strict: bool,
) -> Result<Quantity, AmountError> {
    if a.is_zero() || b.is_zero() {
        return Ok(Quantity::zero(kind));
    }
    if let Some((x, y)) = same_kind_whole(a, b, kind) {
        return whole_product(x, y, kind);
    }
    let (a_neg, a_m, a_e) = a.scaled_parts();
    let (b_neg, b_m, b_e) = b.scaled_parts();
    let negative = a_neg != b_neg;
    let away_from_zero = negative != round_up;
    let bias = if away_from_zero {
        u128::from(TEN_TO_14 - 1)
    } else {
        0
    };
    let mut value = (u128::from(a_m) * u128::from(b_m) + bias) / u128::from(TEN_TO_14);
    if value > u128::from(u64::MAX) {
        return Err(AmountError::Overflow);
    }
    let mut exponent = a_e + b_e + 14;
    let xrp = kind == QuantityKind::Drops;
    if away_from_zero {
        if strict {
            canonicalize_round_strict(xrp, &mut value, &mut exponent, round_up);
        } else {
            canonicalize_round(xrp, &mut value, &mut exponent);
        }
    }
    let mode = if strict {
        Rounding::TowardsZero
    } else {
        Rounding::ToNearest
    };
    let result = construct(kind, negative, value, exponent, mode)?;
    if round_up && !negative && result.is_zero() {
        return smallest_positive(kind, false);
    }
    Ok(result)
}

fn div_round_impl(
    num: Quantity,
    den: Quantity,
    kind: QuantityKind,
    round_up: bool,
    strict: bool,
) -> Result<Quantity, AmountError> {
    if den.is_zero() {
        return Err(AmountError::DivisionByZero);
    }
    if num.is_zero() {
        return Ok(Quantity::zero(kind));
    }
    let (num_neg, num_m, num_e) = num.scaled_parts();
    let (den_neg, den_m, den_e) = den.scaled_parts();
    let negative = num_neg != den_neg;
    let away_from_zero = negative != round_up;
    let bias = if away_from_zero {
        u128::from(den_m - 1)
    } else {
        0
    };
    let mut value = (u128::from(num_m) * TEN_TO_17 + bias) / u128::from(den_m);
    if value > u128::from(u64::MAX) {
        return Err(AmountError::Overflow);
    }
    let mut exponent = num_e - den_e - 17;
    if away_from_zero {
        canonicalize_round(kind != QuantityKind::Iou, &mut value, &mut exponent);
    }
    let mode = match (strict, round_up != negative) {
        (false, _) => Rounding::ToNearest,
        (true, true) => Rounding::Upward,
        (true, false) => Rounding::Downward,
    };
    let result = construct(kind, negative, value, exponent, mode)?;
    if round_up && !negative && result.is_zero() {
        return smallest_positive(kind, true);
    }
    Ok(result)
}

/// rippled's `mulRound`: `a × b` as `kind`, rounded away from zero when `round_up`, towards
/// zero otherwise, with the legacy last-step behaviour.
pub fn mul_round(
    a: Quantity,
    b: Quantity,
    kind: QuantityKind,
    round_up: bool,
) -> Result<Quantity, AmountError> {
    mul_round_impl(a, b, kind, round_up, false)
}

/// rippled's `mulRoundStrict`.
pub fn mul_round_strict(
    a: Quantity,
    b: Quantity,
    kind: QuantityKind,
    round_up: bool,
) -> Result<Quantity, AmountError> {
    mul_round_impl(a, b, kind, round_up, true)
}

/// rippled's `divRound`.
pub fn div_round(
    num: Quantity,
    den: Quantity,
    kind: QuantityKind,
    round_up: bool,
) -> Result<Quantity, AmountError> {
    div_round_impl(num, den, kind, round_up, false)
}

/// rippled's `divRoundStrict`.
pub fn div_round_strict(
    num: Quantity,
    den: Quantity,
    kind: QuantityKind,
    round_up: bool,
) -> Result<Quantity, AmountError> {
    div_round_impl(num, den, kind, round_up, true)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn iou(text: &str) -> Quantity {
        Quantity::Iou(text.parse().unwrap())
    }

    fn drops(n: i64) -> Quantity {
        Quantity::Drops(Drops::new(n).unwrap())
    }

    #[test]
    fn xrp_times_rate_rounds_as_rippled() {
        // 10 drops × 1.5 = 15 drops exactly.
        assert_eq!(
            mul_round(drops(10), iou("1.5"), QuantityKind::Drops, false).unwrap(),
            drops(15)
        );
        // 10 drops ÷ 3 = 3.33… drops: down gives 3, up gives 4.
        assert_eq!(
            div_round(drops(10), iou("3"), QuantityKind::Drops, false).unwrap(),
            drops(3)
        );
        assert_eq!(
            div_round(drops(10), iou("3"), QuantityKind::Drops, true).unwrap(),
            drops(4)
        );
        // The legacy quirk: a lost fraction below a tenth of a drop does not round up.
        assert_eq!(
            mul_round(drops(1_000), iou("1.00005"), QuantityKind::Drops, true).unwrap(),
            drops(1_000)
        );
        assert_eq!(
            mul_round_strict(drops(1_000), iou("1.00005"), QuantityKind::Drops, true).unwrap(),
            drops(1_001)
        );
        assert_eq!(
            multiply(drops(3), drops(4), QuantityKind::Drops).unwrap(),
            drops(12)
        );
        assert_eq!(
            divide(drops(1), drops(3), QuantityKind::Iou).unwrap(),
            iou("0.3333333333333334")
        );
        assert_eq!(
            mul_round(drops(1), iou("1e-30"), QuantityKind::Drops, true).unwrap(),
            drops(1),
            "rounding up never gives zero"
        );
        assert_eq!(
            divide(drops(1), Quantity::Iou(IouValue::ZERO), QuantityKind::Drops),
            Err(AmountError::DivisionByZero)
        );
    }
}
