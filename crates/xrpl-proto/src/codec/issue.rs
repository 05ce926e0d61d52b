//! Asset identifiers on the wire: Currency (160 bits), Issue (an asset: XRP, a currency and
//! issuer, or an MPT issuance) and XChainBridge (two doors and their issues).
//!
//! The MPT form of Issue is odd but fixed by the protocol: issuer account, then the "no account"
//! marker (0x…01), then the issuance's sequence number in little-endian.

use serde_json::{Map, Value};

use super::CodecError;
use super::account_cache::classic_of;
use super::binary::Reader;
use super::blob::parse_account;
use crate::address::AccountId;
use crate::amount::{AmountError, Currency, MptIssuanceId};
use crate::definitions::FieldDef;

/// rippled's `noAccount()`: the account id 0x000…01.
const NO_ACCOUNT: [u8; 20] = {
    let mut bytes = [0u8; 20];
    bytes[19] = 1;
    bytes
};

fn wrong(field: &FieldDef, expected: &'static str) -> CodecError {
    CodecError::WrongType {
        field: field.name.clone(),
        expected,
    }
}

fn currency(field: &FieldDef, value: Option<&Value>) -> Result<Currency, CodecError> {
    let text = value
        .and_then(Value::as_str)
        .ok_or_else(|| wrong(field, "a currency code"))?;
    Currency::from_code(text).map_err(|source| CodecError::Amount {
        field: field.name.clone(),
        source,
    })
}

pub fn encode_currency(
    field: &FieldDef,
    value: &Value,
    out: &mut Vec<u8>,
) -> Result<(), CodecError> {
    out.extend_from_slice(currency(field, Some(value))?.as_bytes());
    Ok(())
}

pub fn decode_currency(reader: &mut Reader<'_>) -> Result<Value, CodecError> {
    Ok(Value::String(
        Currency::from_bytes(reader.read_array()?).to_string(),
    ))
}

pub fn encode_issue(field: &FieldDef, value: &Value, out: &mut Vec<u8>) -> Result<(), CodecError> {
    let object = value
        .as_object()
        .ok_or_else(|| wrong(field, "an issue object"))?;
    if let Some(id) = object.get("mpt_issuance_id") {
        let text = id
            .as_str()
            .ok_or_else(|| wrong(field, "an MPT issuance id"))?;
        let id = MptIssuanceId::from_hex(text).map_err(|source| CodecError::Amount {
            field: field.name.clone(),
            source,
        })?;
        out.extend_from_slice(id.issuer().as_bytes());
        out.extend_from_slice(&NO_ACCOUNT);
        out.extend_from_slice(&id.sequence().to_le_bytes());
        return Ok(());
    }
    let code = currency(field, object.get("currency"))?;
    match (code.is_xrp(), object.get("issuer")) {
        (true, None) => out.extend_from_slice(code.as_bytes()),
        (false, Some(Value::String(issuer))) => {
            out.extend_from_slice(code.as_bytes());
            out.extend_from_slice(parse_account(field, issuer)?.as_bytes());
        }
        (true, Some(_)) => {
            return Err(CodecError::Amount {
                field: field.name.clone(),
                source: AmountError::BadCurrency("XRP".into()),
            });
        }
        (false, _) => return Err(wrong(field, "an issuer for a non-XRP currency")),
    }
    Ok(())
}

pub fn decode_issue(reader: &mut Reader<'_>) -> Result<Value, CodecError> {
    let first: [u8; 20] = reader.read_array()?;
    let mut object = Map::new();
    if first == [0u8; 20] {
        object.insert("currency".into(), Value::String("XRP".into()));
        return Ok(Value::Object(object));
    }
    let second: [u8; 20] = reader.read_array()?;
    if second == NO_ACCOUNT {
        let sequence = u32::from_le_bytes(reader.read_array()?);
        let id = MptIssuanceId::new(sequence, AccountId::from_bytes(first));
        object.insert("mpt_issuance_id".into(), Value::String(id.to_string()));
        return Ok(Value::Object(object));
    }
    object.insert(
        "currency".into(),
        Value::String(Currency::from_bytes(first).to_string()),
    );
    object.insert(
        "issuer".into(),
        Value::String(classic_of(&AccountId::from_bytes(second))),
    );
    Ok(Value::Object(object))
}

const BRIDGE_PARTS: [(&str, bool); 4] = [
    ("LockingChainDoor", true),
    ("LockingChainIssue", false),
    ("IssuingChainDoor", true),
    ("IssuingChainIssue", false),
];

pub fn encode_bridge(field: &FieldDef, value: &Value, out: &mut Vec<u8>) -> Result<(), CodecError> {
    let object = value
        .as_object()
        .ok_or_else(|| wrong(field, "an XChainBridge object"))?;
    for (key, is_door) in BRIDGE_PARTS {
        let part = object
            .get(key)
            .ok_or_else(|| wrong(field, "LockingChainDoor/Issue and IssuingChainDoor/Issue"))?;
        if is_door {
            let text = part
                .as_str()
                .ok_or_else(|| wrong(field, "a door account"))?;
            out.push(20);
            out.extend_from_slice(parse_account(field, text)?.as_bytes());
        } else {
            encode_issue(field, part, out)?;
        }
    }
    Ok(())
}

pub fn decode_bridge(field: &FieldDef, reader: &mut Reader<'_>) -> Result<Value, CodecError> {
    let mut object = Map::new();
    for (key, is_door) in BRIDGE_PARTS {
        let value = if is_door {
            let len = reader.read_vl_length()?;
            if len != 20 {
                return Err(CodecError::BadLength {
                    field: field.name.clone(),
                    expected: 20,
                    found: len,
                });
            }
            Value::String(classic_of(&AccountId::from_bytes(reader.read_array()?)))
        } else {
            decode_issue(reader)?
        };
        object.insert(key.into(), value);
    }
    Ok(Value::Object(object))
}
