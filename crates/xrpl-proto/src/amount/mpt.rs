//! Multi-purpose tokens: whole-number amounts of an issuance named by a 192-bit id.
//!
//! An MPT issuance id is the issuer's sequence number at creation (32 bits, big-endian) followed
//! by the issuer's account id; amounts are unsigned 63-bit integers of the token's smallest unit.

use std::fmt;
use std::str::FromStr;

use super::AmountError;
use crate::address::AccountId;

/// The 24-byte id of an MPT issuance.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct MptIssuanceId([u8; 24]);

impl MptIssuanceId {
    pub const fn from_bytes(bytes: [u8; 24]) -> MptIssuanceId {
        MptIssuanceId(bytes)
    }

    /// The id of the issuance `issuer` created with transaction sequence `sequence`.
    pub fn new(sequence: u32, issuer: AccountId) -> MptIssuanceId {
        let mut bytes = [0u8; 24];
        bytes[..4].copy_from_slice(&sequence.to_be_bytes());
        bytes[4..].copy_from_slice(issuer.as_bytes());
        MptIssuanceId(bytes)
    }

    pub const fn as_bytes(&self) -> &[u8; 24] {
        &self.0
    }

    pub fn sequence(&self) -> u32 {
        u32::from_be_bytes([self.0[0], self.0[1], self.0[2], self.0[3]])
    }

    pub fn issuer(&self) -> AccountId {
        let mut account = [0u8; 20];
        account.copy_from_slice(&self.0[4..]);
        AccountId::from_bytes(account)
    }

    /// Parses 48 hex digits.
    pub fn from_hex(text: &str) -> Result<MptIssuanceId, AmountError> {
        let mut bytes = [0u8; 24];
        hex::decode_to_slice(text, &mut bytes)
            .map_err(|_| AmountError::BadMptIssuanceId(text.to_string()))?;
        Ok(MptIssuanceId(bytes))
    }
}

impl fmt::Display for MptIssuanceId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&hex::encode_upper(self.0))
    }
}

impl fmt::Debug for MptIssuanceId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "MptIssuanceId({self})")
    }
}

impl FromStr for MptIssuanceId {
    type Err = AmountError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        MptIssuanceId::from_hex(text)
    }
}

/// An amount of an MPT: a whole number of units (signed, for balance changes in metadata).
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub struct MptAmount {
    pub value: i64,
    pub issuance: MptIssuanceId,
}

impl MptAmount {
    pub fn new(value: i64, issuance: MptIssuanceId) -> MptAmount {
        MptAmount { value, issuance }
    }

    /// Parses the JSON `value` of an MPT amount: digits, optionally signed, within 63 bits.
    pub fn parse_value(text: &str) -> Result<i64, AmountError> {
        let bad = || AmountError::MptOutOfRange(text.to_string());
        let (negative, digits) = match text.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, text),
        };
        if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return Err(bad());
        }
        let value: i64 = digits.parse().map_err(|_| bad())?;
        Ok(if negative { -value } else { value })
    }
}
