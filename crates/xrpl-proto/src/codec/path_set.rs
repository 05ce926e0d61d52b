//! PathSet: the payment paths of a cross-currency Payment.
//!
//! A path is a list of steps; each step is a type byte saying which of account (0x01),
//! currency (0x10) and issuer (0x20) follow, then those 20-byte values in that order. 0xFF
//! separates paths and 0x00 ends the set.

use serde_json::{Map, Value};

use super::CodecError;
use super::account_cache::classic_of;
use super::binary::Reader;
use super::blob::parse_account;
use crate::address::AccountId;
use crate::amount::Currency;
use crate::definitions::FieldDef;

const STEP_ACCOUNT: u8 = 0x01;
const STEP_CURRENCY: u8 = 0x10;
const STEP_ISSUER: u8 = 0x20;
const PATH_SEPARATOR: u8 = 0xFF;
const PATHSET_END: u8 = 0x00;

fn wrong(field: &FieldDef) -> CodecError {
    CodecError::WrongType {
        field: field.name.clone(),
        expected: "an array of paths (arrays of {account, currency, issuer} steps)",
    }
}

pub fn encode(field: &FieldDef, value: &Value, out: &mut Vec<u8>) -> Result<(), CodecError> {
    let paths = value.as_array().ok_or_else(|| wrong(field))?;
    for (i, path) in paths.iter().enumerate() {
        if i > 0 {
            out.push(PATH_SEPARATOR);
        }
        for step in path.as_array().ok_or_else(|| wrong(field))? {
            let step = step.as_object().ok_or_else(|| wrong(field))?;
            let text = |key: &str| -> Result<Option<&str>, CodecError> {
                match step.get(key) {
                    None => Ok(None),
                    Some(Value::String(s)) => Ok(Some(s)),
                    Some(_) => Err(wrong(field)),
                }
            };
            let account = text("account")?;
            let currency = text("currency")?;
            let issuer = text("issuer")?;
            let mut kind = 0u8;
            if account.is_some() {
                kind |= STEP_ACCOUNT;
            }
            if currency.is_some() {
                kind |= STEP_CURRENCY;
            }
            if issuer.is_some() {
                kind |= STEP_ISSUER;
            }
            if kind == 0 {
                return Err(wrong(field));
            }
            out.push(kind);
            if let Some(account) = account {
                out.extend_from_slice(parse_account(field, account)?.as_bytes());
            }
            if let Some(code) = currency {
                let code = Currency::from_code(code).map_err(|source| CodecError::Amount {
                    field: field.name.clone(),
                    source,
                })?;
                out.extend_from_slice(code.as_bytes());
            }
            if let Some(issuer) = issuer {
                out.extend_from_slice(parse_account(field, issuer)?.as_bytes());
            }
        }
    }
    out.push(PATHSET_END);
    Ok(())
}

pub fn decode(field: &FieldDef, reader: &mut Reader<'_>) -> Result<Value, CodecError> {
    let mut paths = Vec::new();
    let mut path = Vec::new();
    loop {
        let kind = reader.read_u8()?;
        match kind {
            PATHSET_END => {
                paths.push(Value::Array(path));
                return Ok(Value::Array(paths));
            }
            PATH_SEPARATOR => paths.push(Value::Array(std::mem::take(&mut path))),
            _ if kind & !(STEP_ACCOUNT | STEP_CURRENCY | STEP_ISSUER) != 0 => {
                return Err(CodecError::WrongType {
                    field: field.name.clone(),
                    expected: "a path step type of account/currency/issuer bits",
                });
            }
            _ => {
                let mut step = Map::new();
                if kind & STEP_ACCOUNT != 0 {
                    let account = AccountId::from_bytes(reader.read_array()?);
                    step.insert("account".into(), Value::String(classic_of(&account)));
                }
                if kind & STEP_CURRENCY != 0 {
                    let code = Currency::from_bytes(reader.read_array()?);
                    step.insert("currency".into(), Value::String(code.to_string()));
                }
                if kind & STEP_ISSUER != 0 {
                    let issuer = AccountId::from_bytes(reader.read_array()?);
                    step.insert("issuer".into(), Value::String(classic_of(&issuer)));
                }
                path.push(Value::Object(step));
            }
        }
    }
}
