//! Variable-length values: Blob (hex in JSON) and AccountID (an address in JSON).
//!
//! Both carry a length prefix. An AccountID is always 20 bytes, or empty (rippled's unset
//! account, written as the empty string).

use serde_json::Value;

use super::CodecError;
use super::account_cache::{account_from_classic, classic_of};
use super::binary::{Reader, write_vl_length};
use crate::address::AccountId;
use crate::definitions::FieldDef;

pub fn encode_blob(field: &FieldDef, value: &Value, out: &mut Vec<u8>) -> Result<(), CodecError> {
    let text = value.as_str().ok_or_else(|| CodecError::WrongType {
        field: field.name.clone(),
        expected: "a hex string",
    })?;
    if text.len() % 2 != 0 {
        return Err(CodecError::BadHex {
            what: field.name.clone(),
        });
    }
    let len = text.len() / 2;
    write_vl_length(out, len)?;
    let start = out.len();
    out.resize(start + len, 0);
    hex::decode_to_slice(text, &mut out[start..]).map_err(|_| CodecError::BadHex {
        what: field.name.clone(),
    })
}

pub fn decode_blob(reader: &mut Reader<'_>) -> Result<Value, CodecError> {
    let len = reader.read_vl_length()?;
    Ok(Value::String(base16ct::upper::encode_string(
        reader.read(len)?,
    )))
}

/// Parses an account written as a classic address or as 40 hex digits.
pub fn parse_account(field: &FieldDef, text: &str) -> Result<AccountId, CodecError> {
    if text.len() == 40 && text.bytes().all(|b| b.is_ascii_hexdigit()) {
        return AccountId::from_hex(text).map_err(|source| CodecError::Address {
            field: field.name.clone(),
            source,
        });
    }
    account_from_classic(text).map_err(|source| CodecError::Address {
        field: field.name.clone(),
        source,
    })
}

pub fn encode_account(
    field: &FieldDef,
    value: &Value,
    out: &mut Vec<u8>,
) -> Result<(), CodecError> {
    let text = value.as_str().ok_or_else(|| CodecError::WrongType {
        field: field.name.clone(),
        expected: "an account address",
    })?;
    if text.is_empty() {
        out.push(0);
        return Ok(());
    }
    let account = parse_account(field, text)?;
    out.push(20);
    out.extend_from_slice(account.as_bytes());
    Ok(())
}

pub fn decode_account(field: &FieldDef, reader: &mut Reader<'_>) -> Result<Value, CodecError> {
    match reader.read_vl_length()? {
        0 => Ok(Value::String(String::new())),
        20 => {
            let account = AccountId::from_bytes(reader.read_array()?);
            Ok(Value::String(classic_of(&account)))
        }
        found => Err(CodecError::BadLength {
            field: field.name.clone(),
            expected: 20,
            found,
        }),
    }
}
