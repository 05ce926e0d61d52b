//! Key pairs for both XRPL algorithms: derivation from a [`Seed`], signing, and verification.
//!
//! A [`KeyPair`] is what signs a learner's transactions. Its private half never leaves this
//! module except through [`KeyPair::expose_private_key_hex`], which exists for the keypair test
//! vectors and says what it does; `Debug` shows only the public key.

mod ed25519;
mod public_key;
mod secp256k1;

use std::fmt;

use thiserror::Error;

use crate::address::AccountId;
use crate::seed::{Algorithm, Seed, SeedError};

pub use public_key::{PublicKey, VERIFY_BATCH};

/// What can go wrong deriving keys or checking a signature.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum KeyError {
    #[error(transparent)]
    Seed(#[from] SeedError),
    /// Not 33 bytes, an unknown first byte, or not a point on the curve.
    #[error("invalid public key (expected 33 bytes: ED… for ed25519, 02…/03… for secp256k1)")]
    BadPublicKey,
    /// The signature bytes cannot be parsed at all (wrong length, not DER).
    #[error("malformed signature")]
    BadSignature,
    /// A parsable signature that rippled would refuse: non-strict DER, high S, or S ≥ L.
    #[error("non-canonical signature (rippled accepts only strict DER with low S)")]
    NonCanonicalSignature,
    /// Well-formed, but not a signature of this message by this key.
    #[error("signature does not match the message and public key")]
    SignatureMismatch,
    /// The seed derives neither key the wallet expects.
    #[error("the seed does not control account {expected}")]
    AccountMismatch { expected: AccountId },
    /// The derivation search ran out; unreachable in practice (probability ~2^-128 per step).
    #[error("key derivation failed")]
    DerivationFailed,
    /// The signer refused to produce a signature; unreachable for keys derived here.
    #[error("signing failed")]
    SigningFailed,
}

#[derive(Clone)]
enum SecretKey {
    Ed25519(ed25519_dalek::SigningKey),
    Secp256k1(k256::ecdsa::SigningKey),
}

/// A private key and its public key. Both inner key types zeroise themselves on drop.
#[derive(Clone)]
pub struct KeyPair {
    secret: SecretKey,
    public: PublicKey,
}

impl KeyPair {
    /// Derives the account key pair for the seed's algorithm (rippled's account family 0 for
    /// secp256k1).
    pub fn from_seed(seed: &Seed) -> Result<Self, KeyError> {
        match seed.algorithm() {
            Algorithm::Ed25519 => {
                let key = ed25519::derive(seed.entropy());
                let public = PublicKey::from_derived(ed25519::public_key_bytes(&key));
                Ok(KeyPair {
                    secret: SecretKey::Ed25519(key),
                    public,
                })
            }
            Algorithm::Secp256k1 => {
                let key = secp256k1::derive(seed.entropy())?;
                let public = PublicKey::from_derived(secp256k1::public_key_bytes(&key));
                Ok(KeyPair {
                    secret: SecretKey::Secp256k1(key),
                    public,
                })
            }
        }
    }

    /// A new seed from OS randomness and its key pair: what a new learner wallet is made of.
    pub fn generate(algorithm: Algorithm) -> Result<(Seed, Self), KeyError> {
        let seed = Seed::generate(algorithm)?;
        let pair = Self::from_seed(&seed)?;
        Ok((seed, pair))
    }

    /// Parses a seed string and derives its key pair.
    pub fn from_seed_str(text: &str) -> Result<Self, KeyError> {
        Self::from_seed(&Seed::decode(text)?)
    }

    /// The key pair that controls `expected`: first with the algorithm the seed's prefix names,
    /// then with the other one. The fallback exists because xrpl-py 4 derived ed25519 keys
    /// from `s…` seeds, so older wallet files pair an `s…` seed with an ed25519 address.
    pub fn from_seed_for_account(seed: &Seed, expected: &AccountId) -> Result<Self, KeyError> {
        let primary = Self::from_seed(seed)?;
        if primary.account_id() == *expected {
            return Ok(primary);
        }
        let other = match seed.algorithm() {
            Algorithm::Ed25519 => Algorithm::Secp256k1,
            Algorithm::Secp256k1 => Algorithm::Ed25519,
        };
        let fallback = Self::from_seed(&seed.with_algorithm(other))?;
        if fallback.account_id() == *expected {
            Ok(fallback)
        } else {
            Err(KeyError::AccountMismatch {
                expected: *expected,
            })
        }
    }

    pub fn algorithm(&self) -> Algorithm {
        self.public.algorithm()
    }

    pub fn public_key(&self) -> &PublicKey {
        &self.public
    }

    pub fn account_id(&self) -> AccountId {
        self.public.account_id()
    }

    /// Signs `message` (for secp256k1: ECDSA over its SHA-512Half, canonical DER; for ed25519:
    /// 64 raw bytes).
    pub fn sign(&self, message: &[u8]) -> Result<Vec<u8>, KeyError> {
        match &self.secret {
            SecretKey::Ed25519(key) => Ok(ed25519::sign(key, message)),
            SecretKey::Secp256k1(key) => secp256k1::sign(key, message),
        }
    }

    /// Checks a signature against this pair's public key.
    pub fn verify(&self, message: &[u8], signature: &[u8]) -> Result<(), KeyError> {
        self.public.verify(message, signature)
    }

    /// The private key as xrpl.js/xrpl-py write it: `ED` ‖ 32 bytes or `00` ‖ 32 bytes, in
    /// upper-case hex. Secret: it exists to check derivations against published vectors; nothing
    /// in the lab prints or stores it.
    pub fn expose_private_key_hex(&self) -> String {
        match &self.secret {
            SecretKey::Ed25519(key) => {
                format!("ED{}", base16ct::upper::encode_string(&key.to_bytes()))
            }
            SecretKey::Secp256k1(key) => {
                format!(
                    "00{}",
                    base16ct::upper::encode_string(&secp256k1::secret_bytes(key))
                )
            }
        }
    }
}

impl fmt::Debug for KeyPair {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("KeyPair")
            .field("public_key", &self.public)
            .field("private_key", &"<redacted>")
            .finish()
    }
}
