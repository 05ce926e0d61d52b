//! secp256k1 the XRPL way, as rippled and ripple-keypairs do it.
//!
//! A family seed does not give the account key directly. The *root* key is the first
//! SHA-512Half(entropy ‖ seq) that is a valid scalar; the *account* key adds to it the first
//! SHA-512Half(root public key ‖ 0 ‖ sub) that is a valid scalar (the "generator" of account
//! family 0). Messages are signed as ECDSA over SHA-512Half(message) with RFC 6979 nonces, and
//! rippled only accepts *fully canonical* signatures: strict DER and low S. We produce exactly
//! those and verify only those, so malleated copies of a signature are rejected.

use k256::ecdsa::signature::hazmat::{PrehashSigner, PrehashVerifier};
use k256::ecdsa::{Signature, SigningKey, VerifyingKey};
use k256::{NonZeroScalar, Scalar};

use super::KeyError;
use crate::hash::{sha512_half, sha512_half_of};

/// The first SHA-512Half(`bytes` ‖ [`family`] ‖ counter) that is a scalar in [1, n).
fn derive_scalar(bytes: &[u8], family: Option<u32>) -> Result<NonZeroScalar, KeyError> {
    let family = family.map(u32::to_be_bytes);
    for counter in 0u32..=u32::MAX {
        let counter = counter.to_be_bytes();
        let hash = match &family {
            Some(family) => sha512_half_of(&[bytes, family, &counter]),
            None => sha512_half_of(&[bytes, &counter]),
        };
        let scalar: Option<NonZeroScalar> = NonZeroScalar::from_repr(hash.0.into()).into();
        if let Some(scalar) = scalar {
            return Ok(scalar);
        }
    }
    // Each try fails with probability ~2^-128: unreachable in practice, but not a panic.
    Err(KeyError::DerivationFailed)
}

pub(super) fn derive(entropy: &[u8; 16]) -> Result<SigningKey, KeyError> {
    let root = derive_scalar(entropy, None)?;
    let root_public = SigningKey::from(root)
        .verifying_key()
        .to_encoded_point(true);
    let intermediate = derive_scalar(root_public.as_bytes(), Some(0))?;
    let account: Scalar = *root + *intermediate;
    let account: Option<NonZeroScalar> = NonZeroScalar::new(account).into();
    account
        .map(SigningKey::from)
        .ok_or(KeyError::DerivationFailed)
}

pub(super) fn public_key_bytes(key: &SigningKey) -> [u8; 33] {
    let point = key.verifying_key().to_encoded_point(true);
    let mut bytes = [0u8; 33];
    bytes.copy_from_slice(point.as_bytes());
    bytes
}

/// The 32-byte private scalar, big-endian. Secret.
pub(super) fn secret_bytes(key: &SigningKey) -> [u8; 32] {
    key.to_bytes().into()
}

pub(super) fn sign(key: &SigningKey, message: &[u8]) -> Result<Vec<u8>, KeyError> {
    let digest = sha512_half(message);
    let signature: Signature = key
        .sign_prehash(&digest.0)
        .map_err(|_| KeyError::DerivationFailed)?;
    let signature = signature.normalize_s().unwrap_or(signature);
    Ok(signature.to_der().as_bytes().to_vec())
}

pub(super) fn parse_public(key: &[u8; 33]) -> Result<VerifyingKey, KeyError> {
    VerifyingKey::from_sec1_bytes(key).map_err(|_| KeyError::BadPublicKey)
}

/// Verifies a DER signature over SHA-512Half(message), accepting only the fully canonical form.
pub(super) fn verify(key: &[u8; 33], message: &[u8], der: &[u8]) -> Result<(), KeyError> {
    let key = parse_public(key)?;
    let signature = parse_canonical(der)?;
    key.verify_prehash(&sha512_half(message).0, &signature)
        .map_err(|_| KeyError::SignatureMismatch)
}

/// Strict DER with `r, s` in [1, n) and `s ≤ n/2`, as rippled's `ecdsaCanonicality` requires
/// for a fully canonical signature.
pub(super) fn parse_canonical(der: &[u8]) -> Result<Signature, KeyError> {
    let signature = Signature::from_der(der).map_err(|_| KeyError::BadSignature)?;
    // The DER parser is lenient about some encodings (e.g. superfluous padding); re-encoding
    // and comparing leaves exactly one accepted byte string per signature.
    if signature.to_der().as_bytes() != der {
        return Err(KeyError::NonCanonicalSignature);
    }
    if signature.normalize_s().is_some() {
        return Err(KeyError::NonCanonicalSignature);
    }
    Ok(signature)
}
