//! Ed25519 the XRPL way: the secret key is SHA-512Half of the seed's entropy (not the entropy
//! itself), the public key is written with a leading `0xED` byte to make it 33 bytes like a
//! compressed secp256k1 key, and signatures are pure Ed25519 over the whole message.

use ed25519_dalek::{Signer, SigningKey, Verifier, VerifyingKey};

use super::KeyError;
use crate::hash::sha512_half;

/// The byte that marks a 33-byte XRPL public key as ed25519.
pub(super) const PUBLIC_KEY_PREFIX: u8 = 0xED;

pub(super) fn derive(entropy: &[u8; 16]) -> SigningKey {
    // `Hash256` is Copy, so take the bytes out and let the signing key own (and zeroise) them.
    SigningKey::from_bytes(&sha512_half(entropy).0)
}

pub(super) fn public_key_bytes(key: &SigningKey) -> [u8; 33] {
    let mut bytes = [0u8; 33];
    bytes[0] = PUBLIC_KEY_PREFIX;
    bytes[1..].copy_from_slice(key.verifying_key().as_bytes());
    bytes
}

pub(super) fn sign(key: &SigningKey, message: &[u8]) -> Vec<u8> {
    key.sign(message).to_bytes().to_vec()
}

/// Checks that the 32 bytes after the prefix are a point on the curve.
pub(super) fn parse_public(key: &[u8; 32]) -> Result<VerifyingKey, KeyError> {
    VerifyingKey::from_bytes(key).map_err(|_| KeyError::BadPublicKey)
}

/// Verifies a 64-byte signature. ed25519-dalek rejects a non-canonical `S` (≥ the group order),
/// which is rippled's canonicality rule for ed25519.
pub(super) fn verify(key: &[u8; 32], message: &[u8], signature: &[u8]) -> Result<(), KeyError> {
    let key = parse_public(key)?;
    let signature =
        ed25519_dalek::Signature::from_slice(signature).map_err(|_| KeyError::BadSignature)?;
    if !is_canonical_s(&signature.s_bytes()[..]) {
        return Err(KeyError::NonCanonicalSignature);
    }
    key.verify(message, &signature)
        .map_err(|_| KeyError::SignatureMismatch)
}

/// `S < L` (the ed25519 group order), compared as a 256-bit little-endian number.
fn is_canonical_s(s: &[u8]) -> bool {
    const ORDER: [u8; 32] = [
        0xed, 0xd3, 0xf5, 0x5c, 0x1a, 0x63, 0x12, 0x58, 0xd6, 0x9c, 0xf7, 0xa2, 0xde, 0xf9, 0xde,
        0x14, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
        0x00, 0x10,
    ];
    for (byte, order) in s.iter().rev().zip(ORDER.iter().rev()) {
        if byte != order {
            return byte < order;
        }
    }
    false
}
