//! The ledger header: the fixed 118-byte record a ledger hash is computed over.
//!
//! Unlike transactions it has no field ids: nine values in a fixed order. The JSON names are
//! rippled's (`ledger_index`, `total_coins`, …), as in the `ledgerData` fixtures; the sandbox
//! uses this to give its ledgers real hashes.

use serde_json::{Map, Value};

use super::CodecError;
use super::binary::Reader;

/// (JSON key, width in bytes) in wire order. Hashes are 32 bytes, the rest big-endian integers.
const LAYOUT: [(&str, usize); 9] = [
    ("ledger_index", 4),
    ("total_coins", 8),
    ("parent_hash", 32),
    ("transaction_hash", 32),
    ("account_hash", 32),
    ("parent_close_time", 4),
    ("close_time", 4),
    ("close_time_resolution", 1),
    ("close_flags", 1),
];

fn wrong(key: &str, expected: &'static str) -> CodecError {
    CodecError::WrongType {
        field: key.to_string(),
        expected,
    }
}

/// Serialises a ledger header from its JSON form.
pub fn encode_ledger_header(json: &Value) -> Result<Vec<u8>, CodecError> {
    let object = json.as_object().ok_or(CodecError::NotAnObject)?;
    let mut out = Vec::with_capacity(118);
    for (key, width) in LAYOUT {
        let value = object
            .get(key)
            .ok_or_else(|| wrong(key, "a value (missing)"))?;
        if width == 32 {
            let text = value
                .as_str()
                .ok_or_else(|| wrong(key, "a 256-bit hex hash"))?;
            let mut hash = [0u8; 32];
            if text.len() != 64 {
                return Err(CodecError::BadLength {
                    field: key.to_string(),
                    expected: 32,
                    found: text.len() / 2,
                });
            }
            hex::decode_to_slice(text, &mut hash).map_err(|_| CodecError::BadHex {
                what: key.to_string(),
            })?;
            out.extend_from_slice(&hash);
            continue;
        }
        // total_coins is a decimal string in rippled's JSON (it exceeds 2^53); the rest numbers.
        let number = match value {
            Value::Number(n) => n.as_u64(),
            Value::String(s) => s.parse::<u64>().ok(),
            _ => None,
        }
        .ok_or_else(|| wrong(key, "an unsigned integer"))?;
        let bytes = number.to_be_bytes();
        if width < 8 && number >> (width * 8) != 0 {
            return Err(CodecError::OutOfRange {
                field: key.to_string(),
                value: number.to_string(),
            });
        }
        out.extend_from_slice(&bytes[8 - width..]);
    }
    Ok(out)
}

/// Parses a serialised ledger header (exactly 118 bytes).
pub fn decode_ledger_header(bytes: &[u8]) -> Result<Value, CodecError> {
    let mut reader = Reader::new(bytes);
    let mut object = Map::new();
    for (key, width) in LAYOUT {
        let raw = reader.read(width)?;
        let value = if width == 32 {
            Value::String(hex::encode_upper(raw))
        } else {
            let mut padded = [0u8; 8];
            padded[8 - width..].copy_from_slice(raw);
            let number = u64::from_be_bytes(padded);
            if key == "total_coins" {
                Value::String(number.to_string())
            } else {
                Value::from(number)
            }
        };
        object.insert(key.to_string(), value);
    }
    if !reader.is_empty() {
        return Err(CodecError::BadLength {
            field: "ledger header".into(),
            expected: 118,
            found: bytes.len(),
        });
    }
    Ok(Value::Object(object))
}
