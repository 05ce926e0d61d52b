//! The integer types (UInt8/16/32/64, Int32/64), and the three integer fields that JSON names.
//!
//! `TransactionType` and `LedgerEntryType` (UInt16) and `TransactionResult` (UInt8) are numbers
//! on the wire and names in JSON. UInt64 is a hex string in JSON, except for the MPT amount fields
//! that current ripple-binary-codec writes in base 10.

use serde_json::Value;

use super::CodecError;
use super::binary::Reader;
use crate::definitions::{FieldDef, FieldType, definitions};

/// UInt64 fields written in decimal rather than hex in JSON (as ripple-binary-codec does).
const BASE10_UINT64_FIELDS: [&str; 3] = ["MaximumAmount", "OutstandingAmount", "MPTAmount"];

fn wrong(field: &FieldDef, expected: &'static str) -> CodecError {
    CodecError::WrongType {
        field: field.name.clone(),
        expected,
    }
}

fn out_of_range(field: &FieldDef, value: impl ToString) -> CodecError {
    CodecError::OutOfRange {
        field: field.name.clone(),
        value: value.to_string(),
    }
}

/// A JSON number, or a string of decimal digits (both appear in hand-written transactions).
fn unsigned(field: &FieldDef, value: &Value) -> Result<u64, CodecError> {
    match value {
        Value::Number(n) => n.as_u64().ok_or_else(|| out_of_range(field, n)),
        Value::String(s) if !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()) => {
            s.parse().map_err(|_| out_of_range(field, s))
        }
        _ => Err(wrong(field, "an unsigned integer")),
    }
}

fn signed(field: &FieldDef, value: &Value) -> Result<i64, CodecError> {
    match value {
        Value::Number(n) => n.as_i64().ok_or_else(|| out_of_range(field, n)),
        Value::String(s) => s.parse().map_err(|_| wrong(field, "an integer")),
        _ => Err(wrong(field, "an integer")),
    }
}

/// Resolves a name-valued integer field (`"Payment"`, `"AccountRoot"`, `"tesSUCCESS"`).
fn named_code(field: &FieldDef, name: &str) -> Result<i64, CodecError> {
    let defs = definitions();
    let code = match field.name.as_str() {
        "TransactionType" => defs.transaction_type_code(name),
        "LedgerEntryType" => defs.ledger_entry_type_code(name),
        "TransactionResult" => defs.transaction_result_code(name),
        _ => None,
    };
    code.map(i64::from).ok_or_else(|| CodecError::UnknownName {
        field: field.name.clone(),
        value: name.to_string(),
    })
}

fn code_name(field: &FieldDef, code: i64) -> Option<Result<Value, CodecError>> {
    let defs = definitions();
    let name = match field.name.as_str() {
        "TransactionType" => defs.transaction_type_name(code as i32),
        "LedgerEntryType" => defs.ledger_entry_type_name(code as i32),
        "TransactionResult" => defs.transaction_result_name(code as i32),
        _ => return None,
    };
    Some(
        name.map(|n| Value::String(n.to_string()))
            .ok_or_else(|| CodecError::UnknownName {
                field: field.name.clone(),
                value: code.to_string(),
            }),
    )
}

pub fn encode(field: &FieldDef, value: &Value, out: &mut Vec<u8>) -> Result<(), CodecError> {
    if let (Value::Number(n), "TransactionType" | "LedgerEntryType" | "TransactionResult") =
        (value, field.name.as_str())
    {
        // A numeric code is accepted only if it names something: what we write must read back.
        if let Some(Err(err)) = n.as_i64().and_then(|code| code_name(field, code)) {
            return Err(err);
        }
    }
    if let (Value::String(name), "TransactionType" | "LedgerEntryType" | "TransactionResult") =
        (value, field.name.as_str())
    {
        let code = named_code(field, name)?;
        // Negative codes (`Invalid`, and the tel/tem/tef/ter results, which never reach a
        // ledger) have no wire form in an unsigned field.
        match field.field_type {
            FieldType::UInt8 => {
                out.push(u8::try_from(code).map_err(|_| out_of_range(field, name))?)
            }
            _ => {
                let code = u16::try_from(code).map_err(|_| out_of_range(field, name))?;
                out.extend_from_slice(&code.to_be_bytes());
            }
        }
        return Ok(());
    }
    match field.field_type {
        FieldType::UInt8 => {
            let n = unsigned(field, value)?;
            out.push(u8::try_from(n).map_err(|_| out_of_range(field, n))?);
        }
        FieldType::UInt16 => {
            let n = unsigned(field, value)?;
            let n = u16::try_from(n).map_err(|_| out_of_range(field, n))?;
            out.extend_from_slice(&n.to_be_bytes());
        }
        FieldType::UInt32 => {
            let n = unsigned(field, value)?;
            let n = u32::try_from(n).map_err(|_| out_of_range(field, n))?;
            out.extend_from_slice(&n.to_be_bytes());
        }
        FieldType::UInt64 => {
            let n = match value {
                Value::String(s) if BASE10_UINT64_FIELDS.contains(&field.name.as_str()) => {
                    if s.is_empty() || s.len() > 20 || !s.bytes().all(|b| b.is_ascii_digit()) {
                        return Err(wrong(field, "a base-10 string"));
                    }
                    s.parse::<u64>().map_err(|_| out_of_range(field, s))?
                }
                Value::String(s) => {
                    if s.is_empty() || s.len() > 16 {
                        return Err(wrong(field, "a hex string of 1 to 16 digits"));
                    }
                    u64::from_str_radix(s, 16).map_err(|_| CodecError::BadHex {
                        what: field.name.clone(),
                    })?
                }
                Value::Number(n) => n.as_u64().ok_or_else(|| out_of_range(field, n))?,
                _ => return Err(wrong(field, "a hex string")),
            };
            out.extend_from_slice(&n.to_be_bytes());
        }
        FieldType::Int32 => {
            let n = signed(field, value)?;
            let n = i32::try_from(n).map_err(|_| out_of_range(field, n))?;
            out.extend_from_slice(&n.to_be_bytes());
        }
        FieldType::Int64 => {
            let n = signed(field, value)?;
            out.extend_from_slice(&n.to_be_bytes());
        }
        _ => return Err(wrong(field, "an integer")),
    }
    Ok(())
}

pub fn decode(field: &FieldDef, reader: &mut Reader<'_>) -> Result<Value, CodecError> {
    let number = match field.field_type {
        FieldType::UInt8 => i64::from(reader.read_u8()?),
        FieldType::UInt16 => i64::from(u16::from_be_bytes(reader.read_array()?)),
        FieldType::UInt32 => return Ok(Value::from(u32::from_be_bytes(reader.read_array()?))),
        FieldType::UInt64 => {
            let n = u64::from_be_bytes(reader.read_array()?);
            return Ok(Value::String(
                if BASE10_UINT64_FIELDS.contains(&field.name.as_str()) {
                    n.to_string()
                } else {
                    format!("{n:016X}")
                },
            ));
        }
        FieldType::Int32 => return Ok(Value::from(i32::from_be_bytes(reader.read_array()?))),
        FieldType::Int64 => return Ok(Value::from(i64::from_be_bytes(reader.read_array()?))),
        _ => return Err(wrong(field, "an integer")),
    };
    if let Some(named) = code_name(field, number) {
        return named;
    }
    Ok(Value::from(number))
}
