//! The one error type of the amount layer.
//!
//! Parsing learner input ("1.5 XRP", "100 USD") and doing ledger arithmetic both fail in a small
//! number of ways; each is a variant here so the codec can wrap it and the sandbox can map it to
//! a result code (`temBAD_AMOUNT`, `temBAD_CURRENCY`, …) without string matching.

use thiserror::Error;

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum AmountError {
    /// Not a decimal number at all (`"1,5"`, `"abc"`, `""`).
    #[error("{0:?} is not a decimal number")]
    NotANumber(String),
    /// An issued value with more significant digits than the XRPL decimal type keeps.
    #[error("value precision of {0} is greater than maximum iou precision of 16")]
    TooPrecise(u32),
    /// An issued value above 9999999999999999e80.
    #[error("exponent is too large: the value is above the largest issued amount")]
    ExponentTooLarge,
    /// A non-zero issued value below 1e-81, too small for the XRPL decimal type.
    #[error("exponent is too small: the value is below the smallest issued amount")]
    ExponentTooSmall,
    /// Drops given with a fraction (`"1.5"` where drops are expected).
    #[error("{0:?} is not a whole number of drops")]
    FractionalDrops(String),
    /// An XRP string with more than 6 decimals: finer than one drop.
    #[error("{0:?} XRP is finer than one drop (at most 6 decimals)")]
    FinerThanDrop(String),
    /// More than 100 billion XRP (10^17 drops), in either direction.
    #[error("{0} absolute XRP is bigger than max native value 100000000000")]
    XrpOutOfRange(String),
    /// An MPT value that is negative, fractional or above 2^63 - 1.
    #[error("{0:?} is not a valid MPT amount (a whole number from 0 to 2^63-1)")]
    MptOutOfRange(String),
    /// A currency code that is neither a 3-character ISO-style code nor 40 hex digits, or the
    /// code `XRP` used for an issued currency.
    #[error("invalid currency code {0:?}")]
    BadCurrency(String),
    /// An MPT issuance id that is not 48 hex digits.
    #[error("invalid MPT issuance id {0:?} (expected 48 hex digits)")]
    BadMptIssuanceId(String),
    /// The issuer of an issued amount is not a valid account address.
    #[error("invalid issuer {0:?}")]
    BadIssuer(String),
    /// JSON that is neither a drops string nor an amount object of a known shape.
    #[error("invalid amount JSON: {0}")]
    BadJson(String),
    /// Arithmetic whose result is beyond the range of the type.
    #[error("amount overflow")]
    Overflow,
    /// Division by a zero amount.
    #[error("division by zero")]
    DivisionByZero,
    /// Adding or comparing amounts of different assets.
    #[error("amounts of different assets cannot be combined")]
    AssetMismatch,
}
