//! Reading typed fields out of a decoded transaction, with rippled's malformed-input results.
//!
//! The codec hands the engine rippled's JSON form; these helpers turn it into engine types and
//! say which `tem` code a bad field earns, so no rule ever unwraps input data.

use serde_json::Value;

use crate::proto::{AccountId, Hash256, decode_address, parse_hash256};
use crate::result::Ter;

/// The largest XRP amount that can exist: 100 billion XRP in drops.
pub const MAX_DROPS: i64 = 100_000_000_000 * 1_000_000;

/// An amount field.
#[derive(Debug, Clone, PartialEq)]
pub enum Amount {
    /// XRP, in drops (may be negative or out of range in a malformed transaction).
    Xrp(i64),
    /// An issued-currency amount, kept in its JSON form.
    Issued(Value),
}

impl Amount {
    /// The drops, when this is XRP.
    pub fn drops(&self) -> Option<i64> {
        match self {
            Amount::Xrp(d) => Some(*d),
            Amount::Issued(_) => None,
        }
    }

    /// True for XRP.
    pub fn is_xrp(&self) -> bool {
        matches!(self, Amount::Xrp(_))
    }
}

/// A decoded transaction with field accessors.
#[derive(Debug, Clone, Copy)]
pub struct TxFields<'a> {
    json: &'a Value,
}

impl<'a> TxFields<'a> {
    /// Wraps a decoded transaction.
    pub fn new(json: &'a Value) -> Self {
        TxFields { json }
    }

    /// The raw JSON.
    pub fn json(&self) -> &'a Value {
        self.json
    }

    /// True when the field is present.
    pub fn has(&self, name: &str) -> bool {
        self.json.get(name).is_some()
    }

    /// A string field.
    pub fn str(&self, name: &str) -> Option<&'a str> {
        self.json.get(name)?.as_str()
    }

    /// An optional UInt32 field; present but not a UInt32 is `temMALFORMED`.
    pub fn u32(&self, name: &str) -> Result<Option<u32>, Ter> {
        match self.json.get(name) {
            None => Ok(None),
            Some(v) => v
                .as_u64()
                .and_then(|n| u32::try_from(n).ok())
                .map(Some)
                .ok_or(Ter::temMALFORMED),
        }
    }

    /// An optional UInt8 field.
    pub fn u8(&self, name: &str) -> Result<Option<u8>, Ter> {
        match self.u32(name)? {
            None => Ok(None),
            Some(n) => u8::try_from(n).map(Some).map_err(|_| Ter::temMALFORMED),
        }
    }

    /// An optional AccountID field; a bad address is `temINVALID_ACCOUNT_ID`.
    pub fn account(&self, name: &str) -> Result<Option<AccountId>, Ter> {
        match self.json.get(name) {
            None => Ok(None),
            Some(v) => v
                .as_str()
                .and_then(decode_address)
                .map(Some)
                .ok_or(Ter::temINVALID_ACCOUNT_ID),
        }
    }

    /// An optional Hash256 field.
    pub fn hash256(&self, name: &str) -> Result<Option<Hash256>, Ter> {
        match self.json.get(name) {
            None => Ok(None),
            Some(v) => v
                .as_str()
                .and_then(parse_hash256)
                .map(Some)
                .ok_or(Ter::temMALFORMED),
        }
    }

    /// An optional Blob field (hex on the wire).
    pub fn blob(&self, name: &str) -> Result<Option<Vec<u8>>, Ter> {
        match self.json.get(name) {
            None => Ok(None),
            Some(v) => v
                .as_str()
                .and_then(|s| hex::decode(s).ok())
                .map(Some)
                .ok_or(Ter::temMALFORMED),
        }
    }

    /// An optional Amount field; an unreadable amount is `temBAD_AMOUNT`.
    pub fn amount(&self, name: &str) -> Result<Option<Amount>, Ter> {
        match self.json.get(name) {
            None => Ok(None),
            Some(Value::String(drops)) => parse_drops(drops).map(|d| Some(Amount::Xrp(d))),
            Some(v @ Value::Object(_)) => Ok(Some(Amount::Issued(v.clone()))),
            Some(_) => Err(Ter::temBAD_AMOUNT),
        }
    }
}

/// Parses an XRP amount in drops, as the codec renders it (an optional sign and digits).
pub fn parse_drops(text: &str) -> Result<i64, Ter> {
    let (negative, digits) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(Ter::temBAD_AMOUNT);
    }
    let magnitude: i64 = digits.parse().map_err(|_| Ter::temBAD_AMOUNT)?;
    Ok(if negative { -magnitude } else { magnitude })
}

/// True when `drops` is a legal positive XRP amount.
pub fn is_legal_positive_xrp(drops: i64) -> bool {
    drops > 0 && drops <= MAX_DROPS
}
