//! Ed25519 the XRPL way: the secret key is SHA-512Half of the seed's entropy (not the entropy
//! itself), the public key is written with a leading `0xED` byte to make it 33 bytes like a
//! compressed secp256k1 key, and signatures are pure Ed25519 over the whole message.

use std::cell::RefCell;
use std::collections::HashMap;

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

/// Keys the per-thread memo of decompressed keys holds before it starts over.
const KEY_MEMO: usize = 1024;

thread_local! {
    /// Keys decompressed lately. Decompressing a point (a field square root) costs a tenth of a
    /// verification, and a ledger sees the same senders' keys again and again. Only keys that
    /// decompressed enter, keyed by all 32 bytes, so the memo cannot change an answer.
    static KEYS: RefCell<HashMap<[u8; 32], VerifyingKey>> = RefCell::new(HashMap::new());
}

/// Checks that the 32 bytes after the prefix are a point on the curve.
pub(super) fn parse_public(key: &[u8; 32]) -> Result<VerifyingKey, KeyError> {
    if let Some(known) = KEYS.with(|keys| keys.borrow().get(key).copied()) {
        return Ok(known);
    }
    let parsed = VerifyingKey::from_bytes(key).map_err(|_| KeyError::BadPublicKey)?;
    KEYS.with(|keys| {
        let mut keys = keys.borrow_mut();
        if keys.len() >= KEY_MEMO {
            keys.clear();
        }
        keys.insert(*key, parsed);
    });
    Ok(parsed)
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

/// One ed25519 check for [`verify_batch`]: the key's 32 point bytes, the message, the signature.
pub(super) struct BatchItem<'a> {
    pub key: &'a [u8; 32],
    pub message: &'a [u8],
    pub signature: &'a [u8],
}

/// True when every item would pass [`verify`]; false when at least one might not, and the caller
/// must check them one by one to learn which (and why).
///
/// The batch equation (ed25519-dalek's `verify_batch`, one multiscalar multiplication for all
/// signatures) is cheaper per signature than one-by-one checks, but it is not word for word the
/// same test: it decompresses `R` where [`verify`] compares encodings, so an `R` written
/// non-canonically would pass it. Those are sent to the one-by-one path here, as are keys that
/// do not decompress, signatures of the wrong length and a non-canonical `S`, so that a `true`
/// answer means what one-by-one verification would have answered.
pub(super) fn verify_batch(items: &[BatchItem<'_>]) -> bool {
    let mut keys = Vec::with_capacity(items.len());
    let mut signatures = Vec::with_capacity(items.len());
    let mut messages = Vec::with_capacity(items.len());
    for item in items {
        let Ok(key) = parse_public(item.key) else {
            return false;
        };
        let Ok(signature) = ed25519_dalek::Signature::from_slice(item.signature) else {
            return false;
        };
        if !is_canonical_s(&signature.s_bytes()[..]) || !is_canonical_point(signature.r_bytes()) {
            return false;
        }
        keys.push(key);
        signatures.push(signature);
        messages.push(item.message);
    }
    ed25519_dalek::verify_batch(&messages, &signatures, &keys).is_ok()
}

/// True when `point` is the one encoding of its point: `y < p = 2^255 - 19`, and no sign bit on
/// an `x` of zero (y = ±1). [`verify`] compares `R` as bytes, so only these can pass it.
fn is_canonical_point(point: &[u8; 32]) -> bool {
    let sign = point[31] & 0x80 != 0;
    let mut y = *point;
    y[31] &= 0x7F;
    // y ≥ p only for 0x7FFF…FFED ..= 0x7FFF…FFFF (little-endian).
    let at_least_p = y[0] >= 0xED && y[1..31].iter().all(|b| *b == 0xFF) && y[31] == 0x7F;
    if at_least_p {
        return false;
    }
    // x = 0 exactly for y = 1 and y = p - 1.
    let one = y[0] == 1 && y[1..].iter().all(|b| *b == 0);
    let minus_one = y[0] == 0xEC && y[1..31].iter().all(|b| *b == 0xFF) && y[31] == 0x7F;
    !(sign && (one || minus_one))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn signed(n: u8, message: &[u8]) -> ([u8; 32], Vec<u8>) {
        let key = derive(&[n; 16]);
        (*key.verifying_key().as_bytes(), sign(&key, message))
    }

    #[test]
    fn a_batch_passes_only_when_every_signature_does() {
        let messages: Vec<Vec<u8>> = (0..5u8).map(|n| vec![n; 40]).collect();
        let signed: Vec<([u8; 32], Vec<u8>)> = (0..5u8)
            .map(|n| signed(n, &messages[usize::from(n)]))
            .collect();
        // (the batch's answer, whether all pass one by one)
        let answers = |signed: &[([u8; 32], Vec<u8>)]| -> (bool, bool) {
            let batch: Vec<BatchItem<'_>> = signed
                .iter()
                .zip(&messages)
                .map(|((key, signature), message)| BatchItem {
                    key,
                    message,
                    signature,
                })
                .collect();
            let one_by_one = signed
                .iter()
                .zip(&messages)
                .all(|((key, signature), message)| verify(key, message, signature).is_ok());
            (verify_batch(&batch), one_by_one)
        };
        assert_eq!(answers(&signed), (true, true));
        let mut bad = signed.clone();
        bad[3].1[5] ^= 0x20;
        assert_eq!(answers(&bad), (false, false));
        let mut short = signed.clone();
        short[1].1.pop();
        assert_eq!(answers(&short), (false, false));
    }

    #[test]
    fn only_canonical_point_encodings_go_to_the_batch() {
        let mut p = [0xFFu8; 32];
        p[0] = 0xED;
        p[31] = 0x7F;
        assert!(!is_canonical_point(&p), "y = p");
        p[0] = 0xEC;
        assert!(is_canonical_point(&p), "y = p - 1, x = 0, no sign bit");
        p[31] = 0xFF;
        assert!(
            !is_canonical_point(&p),
            "y = p - 1 with a sign bit on x = 0"
        );
        let mut one = [0u8; 32];
        one[0] = 1;
        assert!(is_canonical_point(&one));
        one[31] = 0x80;
        assert!(!is_canonical_point(&one), "y = 1 with a sign bit on x = 0");
        let (key, _) = signed(1, b"m");
        assert!(is_canonical_point(&key));
    }
}
