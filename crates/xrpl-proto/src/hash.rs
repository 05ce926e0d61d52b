//! SHA-512Half, rippled's hash prefixes, and the 256-bit hash value type.
//!
//! Almost every id on the XRPL is the first half of a SHA-512 over a domain-separating prefix and
//! some canonical bytes: a transaction id is SHA-512Half(`TXN\0` ‖ signed blob), the bytes an
//! account signs are `STX\0` ‖ unsigned blob, a ledger object's id is SHA-512Half(space key ‖
//! fields) (see [`crate::keylet`]). The prefixes are the ones rippled's `HashPrefix.h` defines.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use sha2::{Digest, Sha512};
use thiserror::Error;

/// Four-byte domain separators, `HashPrefix` in rippled: three ASCII letters and a zero byte.
pub mod prefix {
    /// Transaction id: hash of the signed transaction blob.
    pub const TRANSACTION_ID: [u8; 4] = *b"TXN\0";
    /// Transaction plus metadata, as a leaf of the transaction tree.
    pub const TX_NODE: [u8; 4] = *b"SND\0";
    /// A ledger object as a leaf of the state tree.
    pub const LEAF_NODE: [u8; 4] = *b"MLN\0";
    /// An inner node of either tree.
    pub const INNER_NODE: [u8; 4] = *b"MIN\0";
    /// A ledger header.
    pub const LEDGER_MASTER: [u8; 4] = *b"LWR\0";
    /// What a single signer signs: prefix ‖ the transaction without signature fields.
    pub const TX_SIGN: [u8; 4] = *b"STX\0";
    /// What each multi-signer signs: prefix ‖ transaction ‖ the signer's account id.
    pub const TX_MULTI_SIGN: [u8; 4] = *b"SMT\0";
    /// Validation messages.
    pub const VALIDATION: [u8; 4] = *b"VAL\0";
    /// Consensus proposals.
    pub const PROPOSAL: [u8; 4] = *b"PRP\0";
    /// Validator manifests.
    pub const MANIFEST: [u8; 4] = *b"MAN\0";
    /// A payment-channel claim: prefix ‖ channel id ‖ amount in drops (UInt64).
    pub const PAYMENT_CHANNEL_CLAIM: [u8; 4] = *b"CLM\0";
    /// A credential.
    pub const CREDENTIAL: [u8; 4] = *b"CRD\0";
    /// A batch of inner transactions.
    pub const BATCH: [u8; 4] = *b"BCH\0";
}

/// A 256-bit hash or ledger-object id. Shown, parsed and serialised as 64 upper-case hex digits,
/// the way rippled writes them (parsing accepts either case).
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Hash256(pub [u8; 32]);

/// A hex string that is not a 256-bit value.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("expected 64 hex digits for a 256-bit hash")]
pub struct BadHash256;

impl Hash256 {
    pub const ZERO: Hash256 = Hash256([0u8; 32]);

    pub const fn as_bytes(&self) -> &[u8; 32] {
        &self.0
    }

    pub fn to_hex(&self) -> String {
        hex::encode_upper(self.0)
    }

    pub fn from_hex(text: &str) -> Result<Self, BadHash256> {
        let mut bytes = [0u8; 32];
        hex::decode_to_slice(text, &mut bytes).map_err(|_| BadHash256)?;
        Ok(Hash256(bytes))
    }
}

impl fmt::Display for Hash256 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_hex())
    }
}

impl fmt::Debug for Hash256 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Hash256({})", self.to_hex())
    }
}

impl FromStr for Hash256 {
    type Err = BadHash256;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Hash256::from_hex(text)
    }
}

impl From<[u8; 32]> for Hash256 {
    fn from(bytes: [u8; 32]) -> Self {
        Hash256(bytes)
    }
}

impl AsRef<[u8]> for Hash256 {
    fn as_ref(&self) -> &[u8] {
        &self.0
    }
}

impl Serialize for Hash256 {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.to_hex())
    }
}

impl<'de> Deserialize<'de> for Hash256 {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Hash256::from_hex(&text).map_err(serde::de::Error::custom)
    }
}

/// The first 32 bytes of SHA-512 of `data`.
pub fn sha512_half(data: &[u8]) -> Hash256 {
    sha512_half_of(&[data])
}

/// SHA-512Half over the concatenation of `parts`, without building the concatenation.
pub fn sha512_half_of(parts: &[&[u8]]) -> Hash256 {
    let mut hasher = Sha512::new();
    for part in parts {
        hasher.update(part);
    }
    let digest = hasher.finalize();
    let mut half = [0u8; 32];
    half.copy_from_slice(&digest[..32]);
    Hash256(half)
}

/// The id of a signed transaction: SHA-512Half(`TXN\0` ‖ blob).
pub fn transaction_id(signed_blob: &[u8]) -> Hash256 {
    sha512_half_of(&[&prefix::TRANSACTION_ID, signed_blob])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sha512_half_is_the_first_half_of_sha512() {
        let full = Sha512::digest(b"abc");
        assert_eq!(sha512_half(b"abc").0[..], full[..32]);
        assert_eq!(
            sha512_half_of(&[b"a", b"bc"]),
            sha512_half(b"abc"),
            "parts hash like their concatenation"
        );
    }

    #[test]
    fn hash256_hex_round_trip_and_errors() {
        let h = sha512_half(b"x");
        assert_eq!(h.to_hex().parse::<Hash256>(), Ok(h));
        assert_eq!(h.to_hex().to_lowercase().parse::<Hash256>(), Ok(h));
        assert_eq!("ABCD".parse::<Hash256>(), Err(BadHash256));
        assert_eq!(format!("{h}").len(), 64);
    }
}
