//! Fixed-width opaque values: Hash128/160/192/256/384/512, UInt96, and Vector256 (a
//! variable-length list of 256-bit hashes).
//!
//! All are upper-case hex in JSON. The one quirk kept from ripple-binary-codec: a Hash128 of all
//! zeros (an unset `EmailHash`) is written as the empty string, and the empty string reads back
//! as zeros.

use serde_json::Value;

use super::CodecError;
use super::binary::{Reader, write_vl_length};
use crate::definitions::{FieldDef, FieldType};

/// The width in bytes of a fixed-width type.
pub fn width(field_type: FieldType) -> Option<usize> {
    Some(match field_type {
        FieldType::Hash128 => 16,
        FieldType::Hash160 => 20,
        FieldType::Hash192 => 24,
        FieldType::Hash256 => 32,
        FieldType::Hash384 => 48,
        FieldType::Hash512 => 64,
        FieldType::UInt96 => 12,
        _ => return None,
    })
}

/// Decodes `text` as exactly `width` bytes of hex, appending them to `out`.
pub fn push_hex_exact(
    field: &FieldDef,
    text: &str,
    width: usize,
    out: &mut Vec<u8>,
) -> Result<(), CodecError> {
    if text.len() != width * 2 {
        return Err(CodecError::BadLength {
            field: field.name.clone(),
            expected: width,
            found: text.len() / 2,
        });
    }
    let start = out.len();
    out.resize(start + width, 0);
    hex::decode_to_slice(text, &mut out[start..]).map_err(|_| {
        out.truncate(start);
        CodecError::BadHex {
            what: field.name.clone(),
        }
    })
}

pub fn encode_hash(field: &FieldDef, value: &Value, out: &mut Vec<u8>) -> Result<(), CodecError> {
    let width = width(field.field_type).unwrap_or(32);
    let text = value.as_str().ok_or_else(|| CodecError::WrongType {
        field: field.name.clone(),
        expected: "a hex string",
    })?;
    if field.field_type == FieldType::Hash128 && text.is_empty() {
        out.extend_from_slice(&[0; 16]);
        return Ok(());
    }
    push_hex_exact(field, text, width, out)
}

pub fn decode_hash(field: &FieldDef, reader: &mut Reader<'_>) -> Result<Value, CodecError> {
    let width = width(field.field_type).unwrap_or(32);
    let bytes = reader.read(width)?;
    if field.field_type == FieldType::Hash128 && bytes.iter().all(|b| *b == 0) {
        return Ok(Value::String(String::new()));
    }
    Ok(Value::String(base16ct::upper::encode_string(bytes)))
}

pub fn encode_vector256(
    field: &FieldDef,
    value: &Value,
    out: &mut Vec<u8>,
) -> Result<(), CodecError> {
    let items = value.as_array().ok_or_else(|| CodecError::WrongType {
        field: field.name.clone(),
        expected: "an array of 256-bit hashes",
    })?;
    write_vl_length(out, items.len() * 32)?;
    for item in items {
        let text = item.as_str().ok_or_else(|| CodecError::WrongType {
            field: field.name.clone(),
            expected: "an array of 256-bit hashes",
        })?;
        push_hex_exact(field, text, 32, out)?;
    }
    Ok(())
}

pub fn decode_vector256(field: &FieldDef, reader: &mut Reader<'_>) -> Result<Value, CodecError> {
    let len = reader.read_vl_length()?;
    if len % 32 != 0 {
        return Err(CodecError::BadLength {
            field: field.name.clone(),
            expected: (len / 32 + 1) * 32,
            found: len,
        });
    }
    let bytes = reader.read(len)?;
    Ok(Value::Array(
        bytes
            .chunks_exact(32)
            .map(|hash| Value::String(base16ct::upper::encode_string(hash)))
            .collect(),
    ))
}
