//! XRP as an integer number of drops (1 XRP = 1 000 000 drops).
//!
//! XRP never needs a decimal type: the ledger stores drops, and learners type XRP with at most
//! six decimals. Converting between the two is string work on digits, so no binary float ever
//! touches a balance.

use std::fmt;
use std::ops::Neg;
use std::str::FromStr;

use super::AmountError;

/// Drops per XRP.
pub const DROPS_PER_XRP: i64 = 1_000_000;
/// All the XRP there will ever be: 100 billion XRP, 10^17 drops.
pub const MAX_DROPS: i64 = 100_000_000_000_000_000;

/// A signed number of drops, always within ±[`MAX_DROPS`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Drops(i64);

impl Drops {
    pub const ZERO: Drops = Drops(0);
    pub const MAX: Drops = Drops(MAX_DROPS);

    /// A drop count, checked against the XRP supply.
    pub fn new(drops: i64) -> Result<Drops, AmountError> {
        if drops.unsigned_abs() > MAX_DROPS as u64 {
            return Err(AmountError::XrpOutOfRange(format_xrp(drops as i128)));
        }
        Ok(Drops(drops))
    }

    pub const fn get(self) -> i64 {
        self.0
    }

    pub const fn is_zero(self) -> bool {
        self.0 == 0
    }

    pub const fn is_negative(self) -> bool {
        self.0 < 0
    }

    pub fn checked_add(self, other: Drops) -> Result<Drops, AmountError> {
        Drops::new(self.0 + other.0).map_err(|_| AmountError::Overflow)
    }

    pub fn checked_sub(self, other: Drops) -> Result<Drops, AmountError> {
        Drops::new(self.0 - other.0).map_err(|_| AmountError::Overflow)
    }

    /// Parses a drop count as the codec and rippled write it: an optional `-`, then digits.
    pub fn from_drops_str(text: &str) -> Result<Drops, AmountError> {
        let (negative, digits) = match text.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, text.strip_prefix('+').unwrap_or(text)),
        };
        if digits.is_empty() {
            return Err(AmountError::NotANumber(text.to_string()));
        }
        if digits.bytes().any(|b| b == b'.') {
            return Err(AmountError::FractionalDrops(text.to_string()));
        }
        let mut value: u128 = 0;
        for b in digits.bytes() {
            if !b.is_ascii_digit() {
                return Err(AmountError::NotANumber(text.to_string()));
            }
            value = value
                .saturating_mul(10)
                .saturating_add(u128::from(b - b'0'));
        }
        if value > MAX_DROPS as u128 {
            return Err(AmountError::XrpOutOfRange(format_xrp(value as i128)));
        }
        let drops = value as i64;
        Ok(Drops(if negative { -drops } else { drops }))
    }

    /// Parses an XRP amount (`"1"`, `"0.5"`, `"1000.000001"`) exactly into drops.
    ///
    /// More than six decimals is an error rather than a silent rounding: a learner who types a
    /// fraction of a drop should be told, not paid less.
    pub fn from_xrp_str(text: &str) -> Result<Drops, AmountError> {
        let not_a_number = || AmountError::NotANumber(text.to_string());
        let (negative, body) = match text.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, text.strip_prefix('+').unwrap_or(text)),
        };
        let (whole, fraction) = match body.split_once('.') {
            Some((w, f)) => (w, f),
            None => (body, ""),
        };
        let digits_ok = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
        let dangling_point = body.contains('.') && fraction.is_empty();
        if whole.is_empty() || dangling_point || !digits_ok(whole) || !digits_ok(fraction) {
            return Err(not_a_number());
        }
        let significant_fraction = fraction.trim_end_matches('0');
        if significant_fraction.len() > 6 {
            return Err(AmountError::FinerThanDrop(text.to_string()));
        }
        let mut drops: u128 = 0;
        for b in whole.bytes() {
            drops = drops
                .saturating_mul(10)
                .saturating_add(u128::from(b - b'0'));
        }
        let mut fraction_drops: u128 = 0;
        for i in 0..6 {
            let digit = significant_fraction
                .as_bytes()
                .get(i)
                .map_or(0, |b| b - b'0');
            fraction_drops = fraction_drops * 10 + u128::from(digit);
        }
        let total = drops
            .saturating_mul(DROPS_PER_XRP as u128)
            .saturating_add(fraction_drops);
        if total > MAX_DROPS as u128 {
            return Err(AmountError::XrpOutOfRange(format_xrp(total as i128)));
        }
        let total = total as i64;
        Ok(Drops(if negative { -total } else { total }))
    }

    /// The shortest XRP form: `1`, `0.5`, `1000.000001`.
    pub fn to_xrp_string(self) -> String {
        let whole = self.0.unsigned_abs() / DROPS_PER_XRP as u64;
        let fraction = self.0.unsigned_abs() % DROPS_PER_XRP as u64;
        let sign = if self.0 < 0 { "-" } else { "" };
        if fraction == 0 {
            format!("{sign}{whole}")
        } else {
            let fraction = format!("{fraction:06}");
            format!("{sign}{whole}.{}", fraction.trim_end_matches('0'))
        }
    }

    /// XRP with exactly six decimals (`1000.000000`), the form balances are shown in.
    pub fn to_xrp_fixed(self) -> String {
        let whole = self.0.unsigned_abs() / DROPS_PER_XRP as u64;
        let fraction = self.0.unsigned_abs() % DROPS_PER_XRP as u64;
        let sign = if self.0 < 0 { "-" } else { "" };
        format!("{sign}{whole}.{fraction:06}")
    }
}

/// Drops → "N" absolute XRP, for the out-of-range message (matches the fixture wording).
fn format_xrp(drops: i128) -> String {
    (drops.unsigned_abs() / DROPS_PER_XRP as u128).to_string()
}

impl fmt::Display for Drops {
    /// Drops, as the codec writes them in JSON.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

impl FromStr for Drops {
    type Err = AmountError;

    /// Parses a drop count (not XRP: see [`Drops::from_xrp_str`]).
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Drops::from_drops_str(text)
    }
}

impl Neg for Drops {
    type Output = Drops;

    fn neg(self) -> Drops {
        Drops(-self.0)
    }
}

impl TryFrom<i64> for Drops {
    type Error = AmountError;

    fn try_from(drops: i64) -> Result<Self, Self::Error> {
        Drops::new(drops)
    }
}
