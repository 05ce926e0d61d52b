//! Family seeds: the 16 bytes of entropy every XRPL key pair is derived from.
//!
//! A seed is written in Base58Check with one of two version prefixes, and the prefix *is* the
//! algorithm: `s…` (one byte `0x21`) for secp256k1 and `sEd…` (three bytes `01 E1 4B`) for
//! ed25519. We infer the algorithm from the prefix, as xrpl.js, rippled and xrpl-py ≥ 5 do
//! (xrpl-py 4 guessed ed25519 for every seed; see reference/ledger.md §1.5).
//!
//! A seed is the learner's secret. [`Seed`] has no `Display`, its `Debug` redacts the entropy, and
//! the entropy is zeroised when the value is dropped. The only ways to get the secret out are the
//! explicitly named [`Seed::encode`] and [`Seed::entropy`].

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};
use thiserror::Error;
use zeroize::{Zeroize, ZeroizeOnDrop};

use crate::base58::{self, Base58Error};

const ED25519_VERSION: [u8; 3] = [0x01, 0xE1, 0x4B];
const SECP256K1_VERSION: [u8; 1] = [0x21];
const ENTROPY_LEN: usize = 16;

/// The two signature algorithms the XRPL supports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Algorithm {
    Ed25519,
    Secp256k1,
}

impl Algorithm {
    pub const fn as_str(self) -> &'static str {
        match self {
            Algorithm::Ed25519 => "ed25519",
            Algorithm::Secp256k1 => "secp256k1",
        }
    }
}

impl fmt::Display for Algorithm {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Why a string is not a usable seed.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum SeedError {
    /// The Base58Check envelope is broken (bad character, typo caught by the checksum, …).
    #[error("invalid seed: {0}")]
    Base58(#[from] Base58Error),
    /// The string decodes, but is not a seed (an address, a public key, …) or has the wrong size.
    #[error("invalid seed: not a family seed (expected s… or sEd… with 16 bytes of entropy)")]
    NotASeed,
    /// The algorithm name is not `ed25519` or `secp256k1`.
    #[error("unknown algorithm {0:?} (expected ed25519 or secp256k1)")]
    UnknownAlgorithm(String),
    /// The operating system could not provide randomness for a new seed.
    #[error("no randomness available from the operating system: {0}")]
    Randomness(String),
}

impl FromStr for Algorithm {
    type Err = SeedError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        match text.to_ascii_lowercase().as_str() {
            "ed25519" => Ok(Algorithm::Ed25519),
            "secp256k1" => Ok(Algorithm::Secp256k1),
            _ => Err(SeedError::UnknownAlgorithm(text.to_owned())),
        }
    }
}

/// 16 bytes of entropy and the algorithm they are meant for.
#[derive(Clone, PartialEq, Eq)]
pub struct Seed {
    entropy: [u8; ENTROPY_LEN],
    algorithm: Algorithm,
}

impl Drop for Seed {
    fn drop(&mut self) {
        self.entropy.zeroize();
    }
}

impl ZeroizeOnDrop for Seed {}

impl Seed {
    pub fn from_entropy(entropy: [u8; ENTROPY_LEN], algorithm: Algorithm) -> Self {
        Seed { entropy, algorithm }
    }

    /// A fresh seed from the operating system's randomness.
    pub fn generate(algorithm: Algorithm) -> Result<Self, SeedError> {
        let mut entropy = [0u8; ENTROPY_LEN];
        getrandom::getrandom(&mut entropy).map_err(|err| SeedError::Randomness(err.to_string()))?;
        let seed = Seed::from_entropy(entropy, algorithm);
        entropy.zeroize();
        Ok(seed)
    }

    /// Parses `s…` (secp256k1) or `sEd…` (ed25519); the prefix decides the algorithm.
    pub fn decode(text: &str) -> Result<Self, SeedError> {
        let mut bytes = base58::decode_check(text.trim())?;
        let parsed = if bytes.len() == ED25519_VERSION.len() + ENTROPY_LEN
            && bytes.starts_with(&ED25519_VERSION)
        {
            Some((ED25519_VERSION.len(), Algorithm::Ed25519))
        } else if bytes.len() == SECP256K1_VERSION.len() + ENTROPY_LEN
            && bytes.starts_with(&SECP256K1_VERSION)
        {
            Some((SECP256K1_VERSION.len(), Algorithm::Secp256k1))
        } else {
            None
        };
        let result = parsed
            .map(|(offset, algorithm)| {
                let mut entropy = [0u8; ENTROPY_LEN];
                entropy.copy_from_slice(&bytes[offset..]);
                let seed = Seed::from_entropy(entropy, algorithm);
                entropy.zeroize();
                seed
            })
            .ok_or(SeedError::NotASeed);
        bytes.zeroize();
        result
    }

    /// The same entropy used with the other algorithm (for the xrpl-py 4 compatibility path:
    /// an `s…` seed whose stored address is the ed25519 one).
    pub fn with_algorithm(&self, algorithm: Algorithm) -> Self {
        Seed::from_entropy(self.entropy, algorithm)
    }

    pub fn algorithm(&self) -> Algorithm {
        self.algorithm
    }

    /// The raw entropy. Secret: for key derivation only.
    pub fn entropy(&self) -> &[u8; ENTROPY_LEN] {
        &self.entropy
    }

    /// The seed in its Base58 form (`s…`/`sEd…`). Secret: for writing the learner's wallet file
    /// and for `keys generate`, never for logs or reports.
    pub fn encode(&self) -> String {
        match self.algorithm {
            Algorithm::Ed25519 => base58::encode_check(&ED25519_VERSION, &self.entropy),
            Algorithm::Secp256k1 => base58::encode_check(&SECP256K1_VERSION, &self.entropy),
        }
    }
}

impl FromStr for Seed {
    type Err = SeedError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Seed::decode(text)
    }
}

impl fmt::Debug for Seed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Seed")
            .field("algorithm", &self.algorithm)
            .field("entropy", &"<redacted>")
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefix_decides_the_algorithm() {
        let zero = [0u8; 16];
        let secp = Seed::decode("sp6JS7f14BuwFY8Mw6bTtLKWauoUs").unwrap();
        assert_eq!(
            (secp.algorithm(), *secp.entropy()),
            (Algorithm::Secp256k1, zero)
        );
        let ed = Seed::decode("sEdSJHS4oiAdz7w2X2ni1gFiqtbJHqE").unwrap();
        assert_eq!((ed.algorithm(), *ed.entropy()), (Algorithm::Ed25519, zero));
        assert_eq!(ed.encode(), "sEdSJHS4oiAdz7w2X2ni1gFiqtbJHqE");
        assert_eq!(
            ed.with_algorithm(Algorithm::Secp256k1).encode(),
            "sp6JS7f14BuwFY8Mw6bTtLKWauoUs"
        );
    }

    #[test]
    fn debug_never_shows_the_entropy() {
        let seed = Seed::from_entropy([0xAB; 16], Algorithm::Ed25519);
        let shown = format!("{seed:?}");
        assert!(!shown.to_lowercase().contains("ab, ") && !shown.contains("171"));
        assert!(!shown.contains(&seed.encode()));
        assert!(shown.contains("redacted"));
    }

    #[test]
    fn generated_seeds_differ_and_round_trip() {
        let a = Seed::generate(Algorithm::Ed25519).unwrap();
        let b = Seed::generate(Algorithm::Ed25519).unwrap();
        assert_ne!(a.entropy(), b.entropy());
        assert_eq!(Seed::decode(&a.encode()).unwrap(), a);
        let c = Seed::generate(Algorithm::Secp256k1).unwrap();
        assert!(c.encode().starts_with('s') && !c.encode().starts_with("sEd"));
        assert_eq!(Seed::decode(&c.encode()).unwrap(), c);
    }
}
