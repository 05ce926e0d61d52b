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

    /// Checks only the length and the algorithm byte, leaving the curve check to [`verify`]
    /// (which decompresses the point anyway). For verifiers that check a signature at once: the
    /// key is known valid when that succeeds, and the point is decompressed once, not twice.
    ///
    /// [`verify`]: PublicKey::verify
    pub(crate) fn from_hex_unchecked_point(text: &str) -> Result<Self, KeyError> {
        let mut bytes = [0u8; 33];
        hex::decode_to_slice(text, &mut bytes).map_err(|_| KeyError::BadPublicKey)?;
        match bytes[0] {
            ed25519::PUBLIC_KEY_PREFIX | 0x02 | 0x03 => Ok(PublicKey(bytes)),
            _ => Err(KeyError::BadPublicKey),
        }
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
        base16ct::upper::encode_string(&self.0)
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

/// How many ed25519 signatures [`PublicKey::verify_many`] checks in one batch equation: at 256
/// the multiscalar multiplication (513 points) takes the Pippenger method, the cheapest per
/// signature; a failed batch is split in halves, so one bad signature costs a few more batch
/// checks, not 256 single ones.
pub const VERIFY_BATCH: usize = 256;

/// Below this many signatures a failed batch is checked one by one rather than split again.
const SPLIT_FLOOR: usize = 8;

impl PublicKey {
    /// Checks many `(key, message, signature)` triples; each answer is the one [`verify`] gives.
    ///
    /// Ed25519 signatures are checked [`VERIFY_BATCH`] at a time with one batch equation; a
    /// batch that fails is split in halves and each half checked again, down to a few that are
    /// checked one by one, to find which signature failed and why. secp256k1 signatures are
    /// always checked one by one.
    ///
    /// [`verify`]: PublicKey::verify
    pub fn verify_many(checks: &[(PublicKey, &[u8], &[u8])]) -> Vec<Result<(), KeyError>> {
        let mut answers: Vec<Option<Result<(), KeyError>>> = vec![None; checks.len()];
        let ed25519: Vec<usize> = (0..checks.len())
            .filter(|i| checks[*i].0.algorithm() == Algorithm::Ed25519)
            .collect();
        for chunk in ed25519.chunks(VERIFY_BATCH) {
            settle_ed25519(checks, chunk, &mut answers);
        }
        checks
            .iter()
            .zip(answers)
            .map(|((key, message, signature), answer)| {
                answer.unwrap_or_else(|| key.verify(message, signature))
            })
            .collect()
    }

    /// The 32 bytes after the ed25519 prefix (the compressed point).
    fn point(&self) -> &[u8; 32] {
        let [_, point @ ..] = &self.0;
        point
    }
}

/// Answers the ed25519 checks at `indexes`: all at once when their batch holds, else by halves.
/// Checks left unanswered are for the caller to verify one by one.
fn settle_ed25519(
    checks: &[(PublicKey, &[u8], &[u8])],
    indexes: &[usize],
    answers: &mut [Option<Result<(), KeyError>>],
) {
    if indexes.len() < SPLIT_FLOOR {
        return;
    }
    let items: Vec<ed25519::BatchItem<'_>> = indexes
        .iter()
        .map(|i| {
            let (key, message, signature) = &checks[*i];
            ed25519::BatchItem {
                key: key.point(),
                message,
                signature,
            }
        })
        .collect();
    if ed25519::verify_batch(&items) {
        for i in indexes {
            answers[*i] = Some(Ok(()));
        }
    } else {
        let (left, right) = indexes.split_at(indexes.len() / 2);
        settle_ed25519(checks, left, answers);
        settle_ed25519(checks, right, answers);
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
