//! The 33-byte XRPL public key: `0xED` ‖ 32 bytes for ed25519, or a compressed secp256k1 point
//! (`0x02`/`0x03` ‖ 32 bytes). The first byte tells the algorithm, so a transaction's
//! `SigningPubKey` alone says how to check its `TxnSignature`.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::{KeyError, ed25519, secp256k1};
use crate::address::AccountId;
use crate::seed::Algorithm;

/// A validated public key of either algorithm.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct PublicKey([u8; 33]);

impl PublicKey {
    /// Accepts 33 bytes that are a valid point for the algorithm their first byte names.
    pub fn from_slice(bytes: &[u8]) -> Result<Self, KeyError> {
        let bytes: [u8; 33] = bytes.try_into().map_err(|_| KeyError::BadPublicKey)?;
        match bytes[0] {
            ed25519::PUBLIC_KEY_PREFIX => {
                let mut point = [0u8; 32];
                point.copy_from_slice(&bytes[1..]);
                ed25519::parse_public(&point)?;
            }
            0x02 | 0x03 => {
                secp256k1::parse_public(&bytes)?;
            }
            _ => return Err(KeyError::BadPublicKey),
        }
        Ok(PublicKey(bytes))
    }

    pub fn from_hex(text: &str) -> Result<Self, KeyError> {
        let bytes = hex::decode(text).map_err(|_| KeyError::BadPublicKey)?;
        Self::from_slice(&bytes)
    }

    /// Trusted construction from a key we derived ourselves.
    pub(super) fn from_derived(bytes: [u8; 33]) -> Self {
        PublicKey(bytes)
    }

    pub fn as_bytes(&self) -> &[u8; 33] {
        &self.0
    }

    /// Upper-case hex, as `SigningPubKey` is written.
    pub fn to_hex(&self) -> String {
        hex::encode_upper(self.0)
    }

    pub fn algorithm(&self) -> Algorithm {
        if self.0[0] == ed25519::PUBLIC_KEY_PREFIX {
            Algorithm::Ed25519
        } else {
            Algorithm::Secp256k1
        }
    }

    pub fn account_id(&self) -> AccountId {
        AccountId::from_public_key(&self.0)
    }

    /// Checks `signature` over `message` (the raw message: for secp256k1 it is hashed with
    /// SHA-512Half first, as rippled does). Only canonical signatures are accepted.
    pub fn verify(&self, message: &[u8], signature: &[u8]) -> Result<(), KeyError> {
        match self.algorithm() {
            Algorithm::Ed25519 => {
                let mut point = [0u8; 32];
                point.copy_from_slice(&self.0[1..]);
                ed25519::verify(&point, message, signature)
            }
            Algorithm::Secp256k1 => secp256k1::verify(&self.0, message, signature),
        }
    }
}

impl fmt::Display for PublicKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_hex())
    }
}

impl fmt::Debug for PublicKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "PublicKey({})", self.to_hex())
    }
}

impl FromStr for PublicKey {
    type Err = KeyError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Self::from_hex(text)
    }
}

impl Serialize for PublicKey {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.to_hex())
    }
}

impl<'de> Deserialize<'de> for PublicKey {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        PublicKey::from_hex(&text).map_err(serde::de::Error::custom)
    }
}
