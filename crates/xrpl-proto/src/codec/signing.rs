//! The byte strings that get signed.
//!
//! A single signature covers `STX\0` and the transaction's signing fields; a multi-signature
//! covers `SMT\0`, the same fields, and the signer's account id; a payment-channel claim covers
//! `CLM\0`, the channel id and the amount in drops. Only top-level fields are filtered, as in
//! rippled (`Signers` and `TxnSignature` are dropped; nested objects are written whole).

use serde_json::Value;

use super::CodecError;
use super::serializer::{Fields, write_object};
use crate::address::AccountId;

/// Hash prefix of single-signing data: `STX\0`.
pub const SIGNING_PREFIX: [u8; 4] = [0x53, 0x54, 0x58, 0x00];
/// Hash prefix of multi-signing data: `SMT\0`.
pub const MULTISIGNING_PREFIX: [u8; 4] = [0x53, 0x4D, 0x54, 0x00];
/// Hash prefix of a payment-channel claim: `CLM\0`.
pub const CLAIM_PREFIX: [u8; 4] = [0x43, 0x4C, 0x4D, 0x00];

/// What a single signer signs: `STX\0` ‖ the signing fields of `transaction`.
pub fn encode_for_signing(transaction: &Value) -> Result<Vec<u8>, CodecError> {
    let object = transaction.as_object().ok_or(CodecError::NotAnObject)?;
    let mut out = Vec::with_capacity(256);
    out.extend_from_slice(&SIGNING_PREFIX);
    write_object(object, Fields::SigningOnly, &mut out, 0)?;
    Ok(out)
}

/// What one of several signers signs: `SMT\0` ‖ the signing fields ‖ the signer's account.
///
/// A multi-signed transaction carries an empty `SigningPubKey`; one with a key is an error.
pub fn encode_for_multisigning(
    transaction: &Value,
    signer: AccountId,
) -> Result<Vec<u8>, CodecError> {
    let object = transaction.as_object().ok_or(CodecError::NotAnObject)?;
    match object.get("SigningPubKey") {
        Some(Value::String(key)) if key.is_empty() => {}
        None => {}
        Some(_) => return Err(CodecError::SigningPubKeyNotEmpty),
    }
    let mut out = Vec::with_capacity(256);
    out.extend_from_slice(&MULTISIGNING_PREFIX);
    write_object(object, Fields::SigningOnly, &mut out, 0)?;
    out.extend_from_slice(signer.as_bytes());
    Ok(out)
}

/// What a payment-channel claim signs: `CLM\0` ‖ channel id (32 bytes) ‖ drops (64-bit).
pub fn encode_for_signing_claim(
    channel_hex: &str,
    amount_drops: u64,
) -> Result<Vec<u8>, CodecError> {
    let mut out = Vec::with_capacity(44);
    out.extend_from_slice(&CLAIM_PREFIX);
    if channel_hex.len() != 64 {
        return Err(CodecError::BadLength {
            field: "Channel".into(),
            expected: 32,
            found: channel_hex.len() / 2,
        });
    }
    let mut channel = [0u8; 32];
    hex::decode_to_slice(channel_hex, &mut channel).map_err(|_| CodecError::BadHex {
        what: "Channel".into(),
    })?;
    out.extend_from_slice(&channel);
    out.extend_from_slice(&amount_drops.to_be_bytes());
    Ok(out)
}
