//! The XRPL binary codec: transaction and ledger-object JSON ↔ canonical bytes.
//!
//! Driven entirely by [`crate::definitions`]: a field's name gives its type and position, and the
//! type decides the encoding. Encoding sorts fields canonically and writes only serialised ones;
//! decoding reverses it and accepts arbitrary bytes without panicking. The JSON produced is the
//! JSON ripple-binary-codec (xrpl.js) produces, so blobs, hashes and signatures agree with every
//! other XRPL client.
//!
//! | file | what |
//! |---|---|
//! | `account_cache.rs` | a per-thread memo of classic addresses, both ways |
//! | `binary.rs` | length prefixes and the bounds-checked reader |
//! | `field.rs` | field headers on the wire |
//! | `ints.rs` | UInt8/16/32/64, Int32/64, and the name-valued integer fields |
//! | `fixed.rs` | Hash128…Hash512, UInt96, Vector256 |
//! | `blob.rs` | Blob and AccountID |
//! | `amount.rs` | Amount (XRP, issued, MPT) and Number |
//! | `issue.rs` | Currency, Issue, XChainBridge |
//! | `path_set.rs` | PathSet |
//! | `serializer.rs` | JSON → bytes: STObject, STArray, dispatch, X-addresses |
//! | `deserializer.rs` | bytes → JSON: STObject, STArray, dispatch |
//! | `signing.rs` | the single-, multi- and claim-signing serialisations |
//! | `signing_blob.rs` | the single-signing bytes cut straight from a canonical blob |
//! | `ledger_header.rs` | the fixed-layout ledger header |

pub(crate) mod account_cache;
mod amount;
mod binary;
mod blob;
mod deserializer;
mod error;
mod field;
mod fixed;
mod ints;
mod issue;
mod ledger_header;
mod path_set;
mod serializer;
mod signing;
mod signing_blob;

use serde_json::Value;

use crate::amount::Amount;
use crate::definitions::definitions;

pub use error::CodecError;
pub use ledger_header::{decode_ledger_header, encode_ledger_header};
pub use signing::{
    CLAIM_PREFIX, MULTISIGNING_PREFIX, SIGNING_PREFIX, encode_for_multisigning, encode_for_signing,
    encode_for_signing_claim,
};
pub use signing_blob::signing_data_from_blob;

/// Serialises a transaction or ledger object to its canonical bytes.
pub fn encode(json: &Value) -> Result<Vec<u8>, CodecError> {
    let object = json.as_object().ok_or(CodecError::NotAnObject)?;
    let mut out = Vec::with_capacity(256);
    serializer::write_object(object, serializer::Fields::All, &mut out, 0)?;
    Ok(out)
}

/// [`encode`], as upper-case hex (the `tx_blob` form).
pub fn encode_hex(json: &Value) -> Result<String, CodecError> {
    Ok(hex::encode_upper(encode(json)?))
}

/// Parses canonical bytes back into JSON.
pub fn decode(bytes: &[u8]) -> Result<Value, CodecError> {
    let mut reader = binary::Reader::new(bytes);
    Ok(Value::Object(deserializer::read_object(
        &mut reader,
        false,
        0,
    )?))
}

/// [`decode`] from hex (either case).
pub fn decode_hex(blob: &str) -> Result<Value, CodecError> {
    let bytes = hex::decode(blob).map_err(|_| CodecError::BadHex {
        what: "the blob".into(),
    })?;
    decode(&bytes)
}

/// The wire form of one amount (8, 33 or 48 bytes), e.g. for hashing or quality keys.
pub fn encode_amount(amount: &Amount) -> Vec<u8> {
    let mut out = Vec::with_capacity(48);
    amount::write_amount(amount, &mut out);
    out
}

/// Reads one amount from its wire form; the bytes must hold exactly one amount.
pub fn decode_amount(bytes: &[u8]) -> Result<Amount, CodecError> {
    let field = definitions()
        .field("Amount")
        .ok_or_else(|| CodecError::UnknownField("Amount".into()))?;
    let mut reader = binary::Reader::new(bytes);
    let amount = amount::read_amount(field, &mut reader)?;
    if !reader.is_empty() {
        return Err(CodecError::BadLength {
            field: "Amount".into(),
            expected: reader.position(),
            found: bytes.len(),
        });
    }
    Ok(amount)
}
