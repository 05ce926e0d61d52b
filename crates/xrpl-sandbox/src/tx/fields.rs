//! Reading typed fields out of a decoded transaction, with rippled's malformed-input results.
//!
//! The codec hands the engine rippled's JSON form; these helpers turn it into engine types and
//! say which `tem` code a bad field earns, so no rule ever unwraps input data.

use serde_json::Value;

use crate::proto::{AccountId, Hash256, decode_address, parse_hash256};
use crate::result::Ter;

pub use xrpl_proto::amount::{Amount, AmountError, Currency, Drops, IouValue, Issue, IssuedAmount};

/// The largest XRP amount that can exist: 100 billion XRP in drops.
pub const MAX_DROPS: i64 = xrpl_proto::amount::MAX_DROPS;

/// The drops of an XRP amount.
pub fn xrp_drops(amount: &Amount) -> Option<i64> {
    match amount {
        Amount::Xrp(d) => Some(d.get()),
        _ => None,
    }
}

/// The result code a malformed amount earns.
fn amount_error(err: AmountError) -> Ter {
    match err {
        AmountError::BadCurrency(_) => Ter::temBAD_CURRENCY,
        AmountError::BadIssuer(_) => Ter::temBAD_ISSUER,
        _ => Ter::temBAD_AMOUNT,
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
            Some(v) => Amount::from_json(v).map(Some).map_err(amount_error),
        }
    }
}

/// True when `drops` is a legal positive XRP amount.
pub fn is_legal_positive_xrp(drops: i64) -> bool {
    drops > 0 && drops <= MAX_DROPS
}
