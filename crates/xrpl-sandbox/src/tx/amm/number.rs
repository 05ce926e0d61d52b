//! rippled's `Number`: the 16-significant-digit decimal that the AMM equations are evaluated in,
//! with an explicit rounding mode per operation (rippled sets it with a scoped guard).
//!
//! This is the 16-digit ("small" mantissa) `Number` that rippled's AMM code runs on with
//! fixUniversalNumber, fixAMMv1_1 and fixAMMv1_3, operation for operation: multiplication is the
//! exact product rounded once; addition and subtraction go through rippled's 16-digit guard
//! (`Number::Guard`) — a sum rounds up from it, a difference borrows digits back from it and
//! rounds down, which at the 10^15 cusp keeps a trailing zero where exact rounding would not.
//! Division truncates the 10^17-scaled mantissa quotient, then rounds. `root2` is rippled's:
//! scale into (0, 1), a quadratic first guess, then Newton steps until the value stops changing.
//! Conversion to drops rounds in the mode, as rippled's `Number → int64`. This is the smallest
//! piece `xrpl-proto`'s amounts lacked for XLS-30 (its `IouValue` has no square root and divides
//! with STAmount's algorithm, not Number's).

use std::cmp::Ordering;

use xrpl_proto::amount::{IouValue, Rounding};

const MIN_MANTISSA: u128 = 1_000_000_000_000_000;
const MAX_MANTISSA: u128 = 9_999_999_999_999_999;

/// A normalised decimal: `mantissa × 10^exponent`, |mantissa| in [10^15, 10^16), or zero.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Number {
    mantissa: i64,
    exponent: i32,
}

impl std::ops::Neg for Number {
    type Output = Number;

    fn neg(self) -> Number {
        Number {
            mantissa: -self.mantissa,
            exponent: self.exponent,
        }
    }
}

impl Number {
    /// Zero.
    pub const ZERO: Number = Number {
        mantissa: 0,
        exponent: i32::MIN,
    };

    /// An integer, exactly (or rounded to nearest past 16 digits).
    pub fn from_i64(value: i64) -> Number {
        Number::normalized(
            value < 0,
            u128::from(value.unsigned_abs()),
            0,
            Rounding::ToNearest,
        )
    }

    /// The value of an issued amount (already a 16-digit decimal).
    pub fn from_iou(value: IouValue) -> Number {
        if value.is_zero() {
            return Number::ZERO;
        }
        Number {
            mantissa: value.mantissa(),
            exponent: value.exponent(),
        }
    }

    /// True for zero.
    pub fn is_zero(self) -> bool {
        self.mantissa == 0
    }

    /// True below zero.
    pub fn is_negative(self) -> bool {
        self.mantissa < 0
    }

    /// Rounds `magnitude × 10^exponent` to 16 digits; `sticky` says smaller non-zero digits were
    /// already dropped.
    fn round_parts(
        negative: bool,
        mut magnitude: u128,
        mut exponent: i32,
        sticky: bool,
        mode: Rounding,
    ) -> Number {
        if magnitude == 0 {
            return Number::ZERO;
        }
        while magnitude < MIN_MANTISSA {
            magnitude *= 10;
            exponent -= 1;
        }
        let mut dropped: u128 = 0;
        let mut unit: u128 = 1;
        while magnitude > MAX_MANTISSA {
            dropped += (magnitude % 10) * unit;
            unit *= 10;
            magnitude /= 10;
            exponent += 1;
        }
        let inexact = dropped != 0 || sticky;
        let up = match mode {
            Rounding::TowardsZero => false,
            Rounding::Upward => inexact && !negative,
            Rounding::Downward => inexact && negative,
            Rounding::ToNearest => {
                let half = unit / 2;
                unit > 1 && (dropped > half || (dropped == half && (sticky || magnitude % 2 == 1)))
            }
        };
        if up {
            magnitude += 1;
            if magnitude > MAX_MANTISSA {
                magnitude /= 10;
                exponent += 1;
            }
        }
        let mantissa = magnitude as i64;
        Number {
            mantissa: if negative { -mantissa } else { mantissa },
            exponent,
        }
    }

    fn normalized(negative: bool, magnitude: u128, exponent: i32, mode: Rounding) -> Number {
        Number::round_parts(negative, magnitude, exponent, false, mode)
    }

    fn parts(self) -> (bool, u128, i32) {
        (
            self.mantissa < 0,
            u128::from(self.mantissa.unsigned_abs()),
            self.exponent,
        )
    }

    /// `self + other`, rounded in `mode` as rippled's `Number::operator+=` rounds: the smaller
    /// operand's dropped digits go to a 16-digit guard, a sum rounds up from the guard, a
    /// difference borrows guard digits back and then rounds down. A difference whose kept mantissa
    /// falls below 10^15 when rounded down keeps a trailing zero, as rippled's does.
    pub fn add(self, other: Number, mode: Rounding) -> Number {
        if other.is_zero() {
            return self;
        }
        if self.is_zero() {
            return other;
        }
        if self == -other {
            return Number::ZERO;
        }
        let (mut xn, mut xm, mut xe) = self.parts();
        let (yn, mut ym, mut ye) = other.parts();
        let mut guard = Guard::default();
        if xe < ye {
            guard.negative = xn;
            while xe < ye {
                guard.push_digit(&mut xm, &mut xe);
            }
        } else if xe > ye {
            guard.negative = yn;
            while xe > ye {
                guard.push_digit(&mut ym, &mut ye);
            }
        }
        if xn == yn {
            xm += ym;
            if xm > MAX_MANTISSA {
                guard.push_digit(&mut xm, &mut xe);
            }
            if guard.rounds_away(mode, xm) {
                xm += 1;
                if xm > MAX_MANTISSA {
                    xm /= 10;
                    xe += 1;
                }
            }
        } else {
            if xm > ym {
                xm -= ym;
            } else {
                xm = ym - xm;
                xe = ye;
                xn = yn;
            }
            while xm < MIN_MANTISSA {
                xm = xm * 10 - u128::from(guard.pop());
                xe -= 1;
            }
            if guard.rounds_away(mode, xm) {
                xm -= 1;
                if xm < MIN_MANTISSA {
                    xm *= 10;
                    xe -= 1;
                }
            }
        }
        Number::normalized(xn, xm, xe, mode)
    }

    /// `self - other`, rounded in `mode`.
    pub fn sub(self, other: Number, mode: Rounding) -> Number {
        self.add(-other, mode)
    }

    /// `self × other`, rounded in `mode`.
    pub fn mul(self, other: Number, mode: Rounding) -> Number {
        if self.is_zero() || other.is_zero() {
            return Number::ZERO;
        }
        let (xn, xm, xe) = self.parts();
        let (yn, ym, ye) = other.parts();
        Number::normalized(xn != yn, xm * ym, xe + ye, mode)
    }

    /// `self ÷ other` as rippled divides: truncate the 10^17-scaled quotient, then round.
    /// Division by zero gives zero (callers check divisors first).
    pub fn div(self, other: Number, mode: Rounding) -> Number {
        if self.is_zero() || other.is_zero() {
            return Number::ZERO;
        }
        let (xn, xm, xe) = self.parts();
        let (yn, ym, ye) = other.parts();
        let quotient = xm * 100_000_000_000_000_000 / ym;
        Number::normalized(xn != yn, quotient, xe - ye - 17, mode)
    }

    /// The square root (rippled's `root2`), every step rounded in `mode`; zero for negatives.
    pub fn root2(self, mode: Rounding) -> Number {
        let one = Number::from_i64(1);
        if self == one || self.is_zero() || self.is_negative() {
            return if self.is_negative() {
                Number::ZERO
            } else {
                self
            };
        }
        // Scale into (0, 1) with an even power of ten.
        let mut e = self.exponent + 16;
        if e % 2 != 0 {
            e += 1;
        }
        let f = Number {
            mantissa: self.mantissa,
            exponent: self.exponent - e,
        };
        let n = Number::from_i64;
        let mut r = n(-60)
            .mul(f, mode)
            .add(n(144), mode)
            .mul(f, mode)
            .add(n(18), mode)
            .div(n(105), mode);
        let mut rm1 = Number::ZERO;
        loop {
            let rm2 = rm1;
            rm1 = r;
            r = r.add(f.div(r, mode), mode).div(n(2), mode);
            if r == rm1 || r == rm2 {
                break;
            }
        }
        Number {
            mantissa: r.mantissa,
            exponent: r.exponent + e / 2,
        }
    }

    /// `self^n` by repeated squaring, as rippled's `power`.
    pub fn power(self, n: u32, mode: Rounding) -> Number {
        match n {
            0 => Number::from_i64(1),
            1 => self,
            _ => {
                let half = self.power(n / 2, mode);
                let square = half.mul(half, mode);
                if n % 2 == 1 {
                    square.mul(self, mode)
                } else {
                    square
                }
            }
        }
    }

    /// As an issued-currency value (16 digits already; out-of-range exponents fail).
    pub fn to_iou(self) -> Option<IouValue> {
        if self.is_zero() {
            return Some(IouValue::ZERO);
        }
        IouValue::new(self.mantissa, self.exponent).ok()
    }

    /// As whole drops, rounded in `mode` (rippled's `Number → int64`).
    pub fn to_drops(self, mode: Rounding) -> Option<i64> {
        if self.is_zero() {
            return Some(0);
        }
        let (negative, mut magnitude, exponent) = self.parts();
        if exponent >= 0 {
            magnitude = magnitude.checked_mul(10u128.checked_pow(exponent as u32)?)?;
            let v = i64::try_from(magnitude).ok()?;
            return Some(if negative { -v } else { v });
        }
        let shift = (-exponent) as u32;
        let (whole, dropped, unit) = if shift > 30 {
            (0, 1, u128::MAX)
        } else {
            let unit = 10u128.pow(shift);
            (magnitude / unit, magnitude % unit, unit)
        };
        let inexact = dropped != 0;
        let up = match mode {
            Rounding::TowardsZero => false,
            Rounding::Upward => inexact && !negative,
            Rounding::Downward => inexact && negative,
            Rounding::ToNearest => {
                let half = unit / 2;
                dropped > half || (dropped == half && whole % 2 == 1)
            }
        };
        let v = i64::try_from(whole + u128::from(up)).ok()?;
        Some(if negative { -v } else { v })
    }

    /// Orders two numbers.
    pub fn cmp_value(self, other: Number) -> Ordering {
        let diff = self.sub(other, Rounding::ToNearest);
        if diff.is_zero() {
            Ordering::Equal
        } else if diff.is_negative() {
            Ordering::Less
        } else {
            Ordering::Greater
        }
    }
}

/// rippled's `Number::Guard`: the 16 decimal digits an operation dropped off the end of a
/// mantissa, whether anything non-zero fell past them, and the sign they carry.
#[derive(Debug, Default)]
struct Guard {
    /// The dropped digits, most significant first, as a 16-digit integer.
    digits: u64,
    /// A non-zero digit fell off the end of `digits`.
    sticky: bool,
    /// The dropped digits belong to a negative operand.
    negative: bool,
}

impl Guard {
    const HALF: u64 = 5_000_000_000_000_000;

    /// Drops the last digit of `mantissa` into the guard.
    fn push_digit(&mut self, mantissa: &mut u128, exponent: &mut i32) {
        let digit = (*mantissa % 10) as u64;
        self.sticky |= self.digits % 10 != 0;
        self.digits = self.digits / 10 + digit * 1_000_000_000_000_000;
        *mantissa /= 10;
        *exponent += 1;
    }

    /// Takes back the most significant dropped digit.
    fn pop(&mut self) -> u64 {
        let digit = self.digits / 1_000_000_000_000_000;
        self.digits = (self.digits % 1_000_000_000_000_000) * 10;
        digit
    }

    /// Whether the kept mantissa moves one step away from what was kept (up for a sum, down for
    /// a difference): rippled's `Guard::round`, ties to even.
    fn rounds_away(&self, mode: Rounding, kept: u128) -> bool {
        let inexact = self.digits > 0 || self.sticky;
        match mode {
            Rounding::TowardsZero => false,
            Rounding::Downward => self.negative && inexact,
            Rounding::Upward => !self.negative && inexact,
            Rounding::ToNearest => match self.digits.cmp(&Guard::HALF) {
                Ordering::Greater => true,
                Ordering::Less => false,
                Ordering::Equal => self.sticky || kept % 2 == 1,
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn n(v: i64) -> Number {
        Number::from_i64(v)
    }

    #[test]
    fn exact_squares_have_exact_roots() {
        let r = n(121)
            .div(n(100), Rounding::ToNearest)
            .root2(Rounding::ToNearest);
        assert_eq!(r, n(11).div(n(10), Rounding::ToNearest), "sqrt(1.21)");
        for v in [4i64, 9, 1_000_000, 250_000_000_000, 144] {
            let root = n(v).root2(Rounding::ToNearest);
            let expected = (v as f64).sqrt() as i64;
            assert_eq!(root, n(expected), "sqrt({v})");
        }
    }

    #[test]
    fn root_of_two_has_sixteen_correct_digits() {
        let root = n(2).root2(Rounding::ToNearest);
        assert_eq!(root.to_iou().unwrap().to_string(), "1.414213562373095");
        // Downward never exceeds the true root.
        let down = n(2).root2(Rounding::Downward);
        assert_ne!(
            down.mul(down, Rounding::Upward).cmp_value(n(2)),
            Ordering::Greater
        );
    }

    #[test]
    fn division_truncates_then_rounds() {
        let third = n(1).div(n(3), Rounding::ToNearest);
        assert_eq!(third.to_iou().unwrap().to_string(), "0.3333333333333333");
        let two_thirds_up = n(2).div(n(3), Rounding::Upward);
        assert_eq!(
            two_thirds_up.to_iou().unwrap().to_string(),
            "0.6666666666666667"
        );
        let two_thirds_down = n(2).div(n(3), Rounding::Downward);
        assert_eq!(
            two_thirds_down.to_iou().unwrap().to_string(),
            "0.6666666666666666"
        );
    }

    #[test]
    fn drops_round_in_the_mode() {
        let v = n(10).div(n(4), Rounding::ToNearest); // 2.5
        assert_eq!(v.to_drops(Rounding::ToNearest), Some(2));
        assert_eq!(v.to_drops(Rounding::Upward), Some(3));
        assert_eq!(v.to_drops(Rounding::Downward), Some(2));
        assert_eq!(n(-7).to_drops(Rounding::Downward), Some(-7));
    }

    fn parse(mantissa: i64, exponent: i32) -> Number {
        Number::normalized(
            mantissa < 0,
            u128::from(mantissa.unsigned_abs()),
            exponent,
            Rounding::ToNearest,
        )
    }

    #[test]
    fn differences_round_from_the_guard_as_rippled_does() {
        // 1 − 7e-16: exactly 0.9999999999999993, but rippled's guard rounds the kept
        // 1.000000000000000 down by one unit and then restores a digit: 0.9999999999999990
        // (Number.cpp, `operator+=` and `Guard::doRoundDown`).
        let d = n(1).sub(parse(7, -16), Rounding::ToNearest);
        assert_eq!(d, parse(9_999_999_999_999_990, -16));
        // Away from that cusp the difference is the exact one, rounded once.
        let d = n(2).sub(parse(7, -16), Rounding::ToNearest);
        assert_eq!(d, parse(1_999_999_999_999_999, -15));
        let d = n(2).sub(parse(7, -16), Rounding::Upward);
        assert_eq!(d, n(2));
        let d = n(2).sub(parse(7, -16), Rounding::Downward);
        assert_eq!(d, parse(1_999_999_999_999_999, -15));
        // Sums round up from the guard: 1 + 5e-16 ties to even, 1 + 5.1e-16 goes up.
        assert_eq!(n(1).add(parse(5, -16), Rounding::ToNearest), n(1));
        assert_eq!(
            n(1).add(parse(51, -17), Rounding::ToNearest),
            parse(1_000_000_000_000_001, -15)
        );
        assert_eq!(
            n(-1).add(parse(-1, -20), Rounding::Downward),
            parse(-1_000_000_000_000_001, -15)
        );
    }
}
