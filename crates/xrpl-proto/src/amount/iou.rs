//! `IouValue`: the XRPL decimal type that issued-currency amounts are made of.
//!
//! A value is a sign, a 16-digit mantissa in [10^15, 10^16) and a decimal exponent in
//! [-96, 80], or exactly zero. That is what rippled's STAmount keeps for tokens and what the
//! codec packs into 64 bits. Parsing follows ripple-binary-codec (the fixtures' rules: at most 16
//! significant digits, exponent in range, otherwise an error rather than a rounding), and there
//! are two printers: the plain decimal that xrpl.js and our codec write, and rippled's own
//! `getText` form (scientific outside a window of exponents) for JSON-RPC answers.

use std::cmp::Ordering;
use std::fmt;
use std::str::FromStr;

use super::AmountError;

/// Smallest normalised mantissa (10^15).
pub const MIN_MANTISSA: u64 = 1_000_000_000_000_000;
/// Largest normalised mantissa (10^16 - 1).
pub const MAX_MANTISSA: u64 = 9_999_999_999_999_999;
/// Exponent range of a normalised non-zero value.
pub const MIN_EXPONENT: i32 = -96;
pub const MAX_EXPONENT: i32 = 80;
/// The exponent rippled gives zero; it keeps zero's representation unique.
const ZERO_EXPONENT: i32 = -100;

/// Bits of the 64-bit wire form of an issued amount.
const NOT_NATIVE_BIT: u64 = 0x8000_0000_0000_0000;
const POSITIVE_BIT: u64 = 0x4000_0000_0000_0000;
const MANTISSA_MASK: u64 = (1 << 54) - 1;

/// A signed decimal value of an issued currency, always normalised (hence `Eq` is value
/// equality and `Copy` is cheap).
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct IouValue {
    /// Signed mantissa: 0, or ±[10^15, 10^16).
    mantissa: i64,
    exponent: i32,
}

impl IouValue {
    pub const ZERO: IouValue = IouValue {
        mantissa: 0,
        exponent: ZERO_EXPONENT,
    };

    /// The smallest positive value (1e-81), what rippled returns when rounding up from zero.
    pub const MIN_POSITIVE: IouValue = IouValue {
        mantissa: MIN_MANTISSA as i64,
        exponent: MIN_EXPONENT,
    };

    /// The largest value (9999999999999999e80).
    pub const MAX: IouValue = IouValue {
        mantissa: MAX_MANTISSA as i64,
        exponent: MAX_EXPONENT,
    };

    /// `mantissa × 10^exponent`, normalised as rippled's STAmount constructor does: digits
    /// beyond 16 round to nearest (ties to even), values too small for the type become zero,
    /// values too large are an error.
    pub fn new(mantissa: i64, exponent: i32) -> Result<IouValue, AmountError> {
        super::number::round(
            mantissa < 0,
            u128::from(mantissa.unsigned_abs()),
            exponent,
            false,
            super::Rounding::ToNearest,
        )
    }

    /// Builds from parts already known to be normalised (used by the rounding core).
    pub(crate) const fn from_normalised(mantissa: i64, exponent: i32) -> IouValue {
        IouValue { mantissa, exponent }
    }

    /// A whole number (exact up to 16 digits; longer ones round to nearest).
    pub fn from_integer(value: i64) -> IouValue {
        // An i64 is far inside the exponent range, so this cannot fail.
        IouValue::new(value, 0).unwrap_or(IouValue::ZERO)
    }

    /// The signed mantissa: 0 or ±[10^15, 10^16).
    pub const fn mantissa(self) -> i64 {
        self.mantissa
    }

    /// The exponent (−100 for zero, as in rippled).
    pub const fn exponent(self) -> i32 {
        self.exponent
    }

    pub const fn is_zero(self) -> bool {
        self.mantissa == 0
    }

    pub const fn is_negative(self) -> bool {
        self.mantissa < 0
    }

    pub const fn is_positive(self) -> bool {
        self.mantissa > 0
    }

    /// `-1`, `0` or `1`.
    pub const fn signum(self) -> i32 {
        self.mantissa.signum() as i32
    }

    pub const fn abs(self) -> IouValue {
        IouValue {
            mantissa: self.mantissa.abs(),
            exponent: self.exponent,
        }
    }

    /// The 64-bit wire form (the first 8 bytes of an issued Amount).
    pub fn to_bits(self) -> u64 {
        if self.mantissa == 0 {
            return NOT_NATIVE_BIT;
        }
        let sign = if self.mantissa > 0 { POSITIVE_BIT } else { 0 };
        let exponent = ((self.exponent + 97) as u64) << 54;
        NOT_NATIVE_BIT | sign | exponent | self.mantissa.unsigned_abs()
    }

    /// Reads the 64-bit wire form, rejecting anything rippled would not have written.
    pub fn from_bits(bits: u64) -> Result<IouValue, AmountError> {
        if bits & NOT_NATIVE_BIT == 0 {
            return Err(AmountError::NotANumber(format!("{bits:016X}")));
        }
        let mantissa = bits & MANTISSA_MASK;
        if mantissa == 0 {
            // Zero has exactly one encoding.
            return if bits == NOT_NATIVE_BIT {
                Ok(IouValue::ZERO)
            } else {
                Err(AmountError::NotANumber(format!("{bits:016X}")))
            };
        }
        let exponent = ((bits >> 54) & 0xFF) as i32 - 97;
        if !(MIN_MANTISSA..=MAX_MANTISSA).contains(&mantissa) {
            return Err(AmountError::NotANumber(format!("{bits:016X}")));
        }
        if exponent < MIN_EXPONENT {
            return Err(AmountError::ExponentTooSmall);
        }
        if exponent > MAX_EXPONENT {
            return Err(AmountError::ExponentTooLarge);
        }
        let negative = bits & POSITIVE_BIT == 0;
        let mantissa = mantissa as i64;
        Ok(IouValue {
            mantissa: if negative { -mantissa } else { mantissa },
            exponent,
        })
    }

    /// rippled's `STAmount::getText`: plain decimal for exponents in [-25, -5], otherwise
    /// `mantissa` `e` `exponent` (e.g. `1000000000000000e5`).
    pub fn to_rippled_string(self) -> String {
        if self.mantissa == 0 {
            return "0".to_string();
        }
        if self.exponent != 0 && !(-25..=-5).contains(&self.exponent) {
            return format!("{}e{}", self.mantissa, self.exponent);
        }
        self.to_string()
    }

    /// The value as a decimal digit string and a power of ten, trailing zeros removed.
    fn trimmed_digits(self) -> (String, i32) {
        let mut mantissa = self.mantissa.unsigned_abs();
        let mut exponent = self.exponent;
        while mantissa != 0 && mantissa % 10 == 0 {
            mantissa /= 10;
            exponent += 1;
        }
        (mantissa.to_string(), exponent)
    }
}

impl Default for IouValue {
    fn default() -> Self {
        IouValue::ZERO
    }
}

impl Ord for IouValue {
    fn cmp(&self, other: &Self) -> Ordering {
        let by_sign = self.signum().cmp(&other.signum());
        if by_sign != Ordering::Equal || self.mantissa == 0 {
            return by_sign;
        }
        // Same sign, both non-zero: normalisation makes (exponent, |mantissa|) order the
        // magnitudes; a negative sign reverses it.
        let magnitude = (self.exponent, self.mantissa.unsigned_abs())
            .cmp(&(other.exponent, other.mantissa.unsigned_abs()));
        if self.mantissa < 0 {
            magnitude.reverse()
        } else {
            magnitude
        }
    }
}

impl PartialOrd for IouValue {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl fmt::Display for IouValue {
    /// Plain decimal, never scientific, as ripple-binary-codec prints values (`"0.05"`,
    /// `"1000000000000000000000"`).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.mantissa == 0 {
            return f.write_str("0");
        }
        let (digits, exponent) = self.trimmed_digits();
        let sign = if self.mantissa < 0 { "-" } else { "" };
        if exponent >= 0 {
            let zeros = "0".repeat(exponent as usize);
            return write!(f, "{sign}{digits}{zeros}");
        }
        let point = digits.len() as i32 + exponent;
        if point > 0 {
            let (whole, fraction) = digits.split_at(point as usize);
            write!(f, "{sign}{whole}.{fraction}")
        } else {
            let zeros = "0".repeat((-point) as usize);
            write!(f, "{sign}0.{zeros}{digits}")
        }
    }
}

impl fmt::Debug for IouValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "IouValue({self})")
    }
}

impl FromStr for IouValue {
    type Err = AmountError;

    /// Parses `[+-]digits[.digits][(e|E)[+-]digits]`.
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        parse_decimal(text)
    }
}

/// The pieces of a decimal string, before normalisation.
struct DecimalParts<'a> {
    negative: bool,
    /// Integer digits followed by fraction digits.
    whole: &'a [u8],
    fraction: &'a [u8],
    exponent: i64,
}

fn split_decimal(text: &str) -> Option<DecimalParts<'_>> {
    let bytes = text.as_bytes();
    let (negative, rest) = match bytes.first()? {
        b'-' => (true, &bytes[1..]),
        b'+' => (false, &bytes[1..]),
        _ => (false, bytes),
    };
    let whole_len = rest.iter().take_while(|b| b.is_ascii_digit()).count();
    if whole_len == 0 {
        return None;
    }
    let (whole, mut rest) = rest.split_at(whole_len);
    let mut fraction: &[u8] = &[];
    if let Some(after_point) = rest.strip_prefix(b".") {
        let len = after_point
            .iter()
            .take_while(|b| b.is_ascii_digit())
            .count();
        if len == 0 {
            return None;
        }
        fraction = &after_point[..len];
        rest = &after_point[len..];
    }
    let mut exponent = 0i64;
    if let Some(after_e) = rest.strip_prefix(b"e").or_else(|| rest.strip_prefix(b"E")) {
        let (exp_negative, digits) = match after_e.first() {
            Some(b'-') => (true, &after_e[1..]),
            Some(b'+') => (false, &after_e[1..]),
            _ => (false, after_e),
        };
        if digits.is_empty() || !digits.iter().all(u8::is_ascii_digit) {
            return None;
        }
        for d in digits {
            // Saturate: anything this large is out of range either way.
            exponent = (exponent * 10 + i64::from(d - b'0')).min(1 << 40);
        }
        if exp_negative {
            exponent = -exponent;
        }
        rest = &[];
    }
    if !rest.is_empty() {
        return None;
    }
    Some(DecimalParts {
        negative,
        whole,
        fraction,
        exponent,
    })
}

fn parse_decimal(text: &str) -> Result<IouValue, AmountError> {
    let parts = split_decimal(text).ok_or_else(|| AmountError::NotANumber(text.to_string()))?;
    let digit_at = |i: usize| -> u8 {
        if i < parts.whole.len() {
            parts.whole[i] - b'0'
        } else {
            parts.fraction[i - parts.whole.len()] - b'0'
        }
    };
    let total = parts.whole.len() + parts.fraction.len();
    let Some(first) = (0..total).find(|&i| digit_at(i) != 0) else {
        return Ok(IouValue::ZERO);
    };
    let last = (0..total)
        .rev()
        .find(|&i| digit_at(i) != 0)
        .unwrap_or(first);
    let precision = (last - first + 1) as u32;
    if precision > 16 {
        return Err(AmountError::TooPrecise(precision));
    }
    let mut mantissa: u64 = 0;
    for i in first..=last {
        mantissa = mantissa * 10 + u64::from(digit_at(i));
    }
    // The last significant digit has weight 10^(whole_len - 1 - last).
    let mut exponent = parts.whole.len() as i64 - 1 - last as i64 + parts.exponent;
    for _ in precision..16 {
        mantissa *= 10;
        exponent -= 1;
    }
    if exponent > i64::from(MAX_EXPONENT) {
        return Err(AmountError::ExponentTooLarge);
    }
    if exponent < i64::from(MIN_EXPONENT) {
        return Err(AmountError::ExponentTooSmall);
    }
    let mantissa = mantissa as i64;
    Ok(IouValue {
        mantissa: if parts.negative { -mantissa } else { mantissa },
        exponent: exponent as i32,
    })
}
