//! Exact arithmetic on [`IouValue`], rounded the way rippled rounds.
//!
//! rippled (with the long-enabled `fixUniversalNumber`) adds and multiplies issued amounts through
//! its `Number` class: the exact result is rounded once to 16 significant digits, to nearest with
//! ties to even unless a rounding mode is in force. We get the same digits by computing the exact
//! result in 128-bit integers and rounding once here. Division keeps STAmount's own algorithm
//! (scale the numerator by 10^17, truncate, add 5, then round to nearest), because that is what
//! the ledger's `divide` does and offer qualities depend on its last digit.

use std::ops::Neg;

use super::arith::{
    Quantity, QuantityKind, div_round, div_round_strict, mul_round, mul_round_strict,
};
use super::iou::{MAX_EXPONENT, MAX_MANTISSA, MIN_EXPONENT, MIN_MANTISSA};
use super::{AmountError, IouValue};

/// How a result with more than 16 significant digits loses the rest (rippled's
/// `Number::rounding_mode`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Rounding {
    /// To nearest, ties to even: the default.
    ToNearest,
    /// Truncate.
    TowardsZero,
    /// Towards −∞.
    Downward,
    /// Towards +∞.
    Upward,
}

pub(crate) const TEN_TO_14: u64 = 100_000_000_000_000;
pub(crate) const TEN_TO_17: u128 = 100_000_000_000_000_000;

/// 10^n for n in 0..=38 (the range a u128 holds).
pub(crate) fn pow10(n: u32) -> u128 {
    10u128.pow(n)
}

/// Whether dropping `remainder` (out of `unit`, with `sticky` = smaller non-zero digits already
/// lost) moves the kept digits one up in magnitude.
pub(crate) fn rounds_up(
    mode: Rounding,
    negative: bool,
    kept_is_odd: bool,
    remainder: u128,
    unit: u128,
    sticky: bool,
) -> bool {
    let inexact = remainder != 0 || sticky;
    match mode {
        Rounding::TowardsZero => false,
        Rounding::Upward => inexact && !negative,
        Rounding::Downward => inexact && negative,
        Rounding::ToNearest => {
            if unit <= 1 {
                return false;
            }
            let half = unit / 2;
            remainder > half || (remainder == half && (sticky || kept_is_odd))
        }
    }
}

/// Rounds the exact magnitude `magnitude × 10^exponent` to an [`IouValue`].
///
/// Values below the smallest representable amount become zero (as in rippled); values above the
/// largest are an overflow.
pub(crate) fn round(
    negative: bool,
    magnitude: u128,
    exponent: i32,
    sticky: bool,
    mode: Rounding,
) -> Result<IouValue, AmountError> {
    if magnitude == 0 {
        return Ok(IouValue::ZERO);
    }
    let mut m = magnitude;
    let mut e = i64::from(exponent);
    while m < u128::from(MIN_MANTISSA) {
        m *= 10;
        e -= 1;
    }
    let mut drop = 0u32;
    while m / pow10(drop) > u128::from(MAX_MANTISSA) {
        drop += 1;
    }
    let unit = pow10(drop);
    let mut kept = (m / unit) as u64;
    let remainder = m % unit;
    e += i64::from(drop);
    if rounds_up(mode, negative, kept & 1 == 1, remainder, unit, sticky) {
        kept += 1;
        if kept > MAX_MANTISSA {
            kept /= 10;
            e += 1;
        }
    }
    if e > i64::from(MAX_EXPONENT) {
        return Err(AmountError::Overflow);
    }
    if e < i64::from(MIN_EXPONENT) {
        return Ok(IouValue::ZERO);
    }
    let kept = kept as i64;
    Ok(IouValue::from_normalised(
        if negative { -kept } else { kept },
        e as i32,
    ))
}

impl IouValue {
    /// `self + other`, rounded to nearest.
    pub fn checked_add(self, other: IouValue) -> Result<IouValue, AmountError> {
        self.add_rounded(other, Rounding::ToNearest)
    }

    /// `self - other`, rounded to nearest.
    pub fn checked_sub(self, other: IouValue) -> Result<IouValue, AmountError> {
        self.add_rounded(-other, Rounding::ToNearest)
    }

    /// `self + other` with an explicit rounding mode.
    pub fn add_rounded(self, other: IouValue, mode: Rounding) -> Result<IouValue, AmountError> {
        if other.is_zero() {
            return Ok(self);
        }
        if self.is_zero() {
            return Ok(other);
        }
        let (hi, lo) = if self.exponent() >= other.exponent() {
            (self, other)
        } else {
            (other, self)
        };
        let gap = (hi.exponent() - lo.exponent()) as u32;
        let hi_m = u128::from(hi.mantissa().unsigned_abs());
        let lo_m = u128::from(lo.mantissa().unsigned_abs());
        let same_sign = hi.is_negative() == lo.is_negative();
        if gap <= 22 {
            // Exact: 10^16 × 10^22 still fits in 128 bits.
            let big = hi_m * pow10(gap);
            let (magnitude, negative) = if same_sign {
                (big + lo_m, hi.is_negative())
            } else if big >= lo_m {
                (big - lo_m, hi.is_negative())
            } else {
                (lo_m - big, lo.is_negative())
            };
            return round(negative, magnitude, lo.exponent(), false, mode);
        }
        // The smaller operand is below one unit of a scale that still keeps 7+ guard digits:
        // it only decides the direction of rounding (the sticky digit).
        let shift = 22.min(gap - 16);
        let big = hi_m * pow10(shift);
        let magnitude = if same_sign { big } else { big - 1 };
        round(
            hi.is_negative(),
            magnitude,
            hi.exponent() - shift as i32,
            true,
            mode,
        )
    }

    /// `self × other`, rounded to nearest (rippled's `multiply` for issued amounts).
    pub fn checked_mul(self, other: IouValue) -> Result<IouValue, AmountError> {
        self.mul_rounded(other, Rounding::ToNearest)
    }

    /// `self × other` with an explicit rounding mode.
    pub fn mul_rounded(self, other: IouValue, mode: Rounding) -> Result<IouValue, AmountError> {
        if self.is_zero() || other.is_zero() {
            return Ok(IouValue::ZERO);
        }
        let magnitude = u128::from(self.mantissa().unsigned_abs())
            * u128::from(other.mantissa().unsigned_abs());
        round(
            self.is_negative() != other.is_negative(),
            magnitude,
            self.exponent() + other.exponent(),
            false,
            mode,
        )
    }

    /// `self ÷ other`, as rippled's STAmount `divide`.
    pub fn checked_div(self, other: IouValue) -> Result<IouValue, AmountError> {
        if other.is_zero() {
            return Err(AmountError::DivisionByZero);
        }
        if self.is_zero() {
            return Ok(IouValue::ZERO);
        }
        let quotient = u128::from(self.mantissa().unsigned_abs()) * TEN_TO_17
            / u128::from(other.mantissa().unsigned_abs());
        round(
            self.is_negative() != other.is_negative(),
            quotient + 5,
            self.exponent() - other.exponent() - 17,
            false,
            Rounding::ToNearest,
        )
    }

    /// rippled's `mulRound` for issued amounts (offer crossing, transfer fees): a positive
    /// result rounds up when `round_up`, down otherwise, with rippled's legacy last-step rounding;
    /// negative results get rippled's own (mixed) direction handling, reproduced as is.
    pub fn mul_round(self, other: IouValue, round_up: bool) -> Result<IouValue, AmountError> {
        iou_only(mul_round(
            Quantity::Iou(self),
            Quantity::Iou(other),
            QuantityKind::Iou,
            round_up,
        ))
    }

    /// rippled's `mulRoundStrict`: like [`Self::mul_round`], but every lost digit counts.
    pub fn mul_round_strict(
        self,
        other: IouValue,
        round_up: bool,
    ) -> Result<IouValue, AmountError> {
        iou_only(mul_round_strict(
            Quantity::Iou(self),
            Quantity::Iou(other),
            QuantityKind::Iou,
            round_up,
        ))
    }

    /// rippled's `divRound` for issued amounts.
    pub fn div_round(self, other: IouValue, round_up: bool) -> Result<IouValue, AmountError> {
        iou_only(div_round(
            Quantity::Iou(self),
            Quantity::Iou(other),
            QuantityKind::Iou,
            round_up,
        ))
    }

    /// rippled's `divRoundStrict`: the final rounding follows the requested direction too.
    pub fn div_round_strict(
        self,
        other: IouValue,
        round_up: bool,
    ) -> Result<IouValue, AmountError> {
        iou_only(div_round_strict(
            Quantity::Iou(self),
            Quantity::Iou(other),
            QuantityKind::Iou,
            round_up,
        ))
    }
}

fn iou_only(result: Result<Quantity, AmountError>) -> Result<IouValue, AmountError> {
    match result? {
        Quantity::Iou(value) => Ok(value),
        _ => Err(AmountError::AssetMismatch),
    }
}

impl Neg for IouValue {
    type Output = IouValue;

    fn neg(self) -> IouValue {
        if self.is_zero() {
            return self;
        }
        IouValue::from_normalised(-self.mantissa(), self.exponent())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(text: &str) -> IouValue {
        text.parse().unwrap()
    }

    #[test]
    fn addition_rounds_to_nearest_even() {
        assert_eq!(v("1").checked_add(v("2")).unwrap(), v("3"));
        assert_eq!(v("1").checked_sub(v("1")).unwrap(), IouValue::ZERO);
        // 1 + 0.5e-15 is exactly half a unit in the 16th digit: ties go to even (1).
        assert_eq!(v("1").checked_add(v("0.0000000000000005")).unwrap(), v("1"));
        assert_eq!(
            v("1.000000000000001")
                .checked_add(v("0.0000000000000005"))
                .unwrap(),
            v("1.000000000000002")
        );
        // Far-apart operands: the tiny one only nudges the rounding.
        assert_eq!(v("1").checked_add(v("1e-40")).unwrap(), v("1"));
        assert_eq!(
            v("1").checked_sub(v("1e-40")).unwrap(),
            v("1"),
            "0.99999… rounds back to 1"
        );
        assert_eq!(
            v("1")
                .add_rounded(-v("1e-40"), Rounding::TowardsZero)
                .unwrap(),
            v("0.9999999999999999")
        );
    }

    #[test]
    fn multiply_and_divide() {
        assert_eq!(v("1.5").checked_mul(v("2")).unwrap(), v("3"));
        assert_eq!(v("-1.5").checked_mul(v("2")).unwrap(), v("-3"));
        assert_eq!(v("10").checked_div(v("4")).unwrap(), v("2.5"));
        // STAmount's divide adds 5 at the 17th digit before the final round-to-nearest, so a
        // quotient whose 17th digit is 3 still rounds up (as the ledger does).
        assert_eq!(v("1").checked_div(v("3")).unwrap(), v("0.3333333333333334"));
        assert_eq!(v("2").checked_div(v("3")).unwrap(), v("0.6666666666666667"));
        assert_eq!(
            v("1").checked_div(IouValue::ZERO),
            Err(AmountError::DivisionByZero)
        );
        assert_eq!(
            IouValue::MAX.checked_mul(v("10")),
            Err(AmountError::Overflow)
        );
        assert_eq!(
            IouValue::MIN_POSITIVE.checked_mul(v("0.1")).unwrap(),
            IouValue::ZERO
        );
    }

    #[test]
    fn directed_rounding() {
        assert_eq!(
            v("1").mul_round(v("0.3333333333333333"), true).unwrap(),
            v("0.3333333333333333")
        );
        // rippled's legacy divRound truncates, then its final normalisation rounds to nearest.
        assert_eq!(
            v("2").div_round(v("3"), false).unwrap(),
            v("0.6666666666666667")
        );
        assert_eq!(
            v("2").div_round_strict(v("3"), false).unwrap(),
            v("0.6666666666666666")
        );
        assert_eq!(
            v("2").div_round_strict(v("3"), true).unwrap(),
            v("0.6666666666666667")
        );
        assert_eq!(
            v("2").div_round(v("3"), true).unwrap(),
            v("0.6666666666666667")
        );
        assert_eq!(
            v("-2").div_round(v("3"), true).unwrap(),
            v("-0.6666666666666667")
        );
        assert_eq!(
            IouValue::MIN_POSITIVE
                .mul_round(IouValue::MIN_POSITIVE, true)
                .unwrap(),
            IouValue::MIN_POSITIVE,
            "rounding up never gives zero"
        );
    }
}
