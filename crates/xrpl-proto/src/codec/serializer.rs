//! JSON → canonical bytes: STObject and STArray, and the dispatch to each type's encoder.
//!
//! An object's fields are written sorted by (type code, nth), skipping fields that are not
//! serialised (`hash`, `index`, …), lower-case API annotations (`meta`, `validated`, …) and, for
//! signing, fields that are not signed. An unknown capitalised key is an error. Field lookups
//! go through the prebuilt name table; the output buffer is allocated once per call.

use serde_json::{Map, Value};

use super::field::{is_array_end, is_object_end};
use super::{CodecError, amount, blob, fixed, ints, issue, path_set};
use crate::address::XAddress;
use crate::definitions::{Definitions, FieldDef, FieldType, definitions};

/// How deep objects may nest; real transactions and ledger entries stay far below.
pub const MAX_DEPTH: usize = 32;

/// Which fields of the top-level object to write.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Fields {
    All,
    /// Only fields with `isSigningField` (the signing serialisations).
    SigningOnly,
}

/// Writes the fields of `object` (without an end marker).
pub fn write_object(
    object: &Map<String, Value>,
    which: Fields,
    out: &mut Vec<u8>,
    depth: usize,
) -> Result<(), CodecError> {
    if depth > MAX_DEPTH {
        return Err(CodecError::TooDeep);
    }
    let defs = definitions();
    if let Some(rewritten) = resolve_x_addresses(object, defs)? {
        return write_object(&rewritten, which, out, depth);
    }
    let mut fields: Vec<(&FieldDef, &Value)> = Vec::with_capacity(object.len());
    for (name, value) in object {
        let Some(index) = defs.field_index(name) else {
            // Protocol fields are capitalised; lower-case keys are API annotations that ride
            // along in rippled's answers (`hash`, `meta`, `validated`, `ledger_index`, …) and are
            // skipped, as xrpl.js skips them. A capitalised unknown key is a typo: an error.
            if name.starts_with(|c: char| c.is_ascii_lowercase()) {
                continue;
            }
            return Err(CodecError::UnknownField(name.clone()));
        };
        let field = &defs.fields()[index];
        if is_object_end(field) || is_array_end(field) {
            // The end markers are structure, not data: the encoder writes them itself.
            return Err(CodecError::UnknownField(name.clone()));
        }
        if !field.is_serialized || (which == Fields::SigningOnly && !field.is_signing) {
            continue;
        }
        fields.push((field, value));
    }
    fields.sort_unstable_by_key(|(field, _)| field.ordinal());
    for (field, value) in fields {
        out.extend_from_slice(field.header());
        write_value(field, value, out, depth)?;
    }
    Ok(())
}

/// Writes one field's value (the header is already written).
pub fn write_value(
    field: &FieldDef,
    value: &Value,
    out: &mut Vec<u8>,
    depth: usize,
) -> Result<(), CodecError> {
    match field.field_type {
        FieldType::UInt8
        | FieldType::UInt16
        | FieldType::UInt32
        | FieldType::UInt64
        | FieldType::Int32
        | FieldType::Int64 => ints::encode(field, value, out),
        FieldType::Hash128
        | FieldType::Hash160
        | FieldType::Hash192
        | FieldType::Hash256
        | FieldType::Hash384
        | FieldType::Hash512
        | FieldType::UInt96 => fixed::encode_hash(field, value, out),
        FieldType::Vector256 => fixed::encode_vector256(field, value, out),
        FieldType::Blob => blob::encode_blob(field, value, out),
        FieldType::AccountID => blob::encode_account(field, value, out),
        FieldType::Amount => amount::encode(field, value, out),
        FieldType::Number => amount::encode_number(field, value, out),
        FieldType::Currency => issue::encode_currency(field, value, out),
        FieldType::Issue => issue::encode_issue(field, value, out),
        FieldType::XChainBridge => issue::encode_bridge(field, value, out),
        FieldType::PathSet => path_set::encode(field, value, out),
        FieldType::STObject => {
            let object = value.as_object().ok_or_else(|| CodecError::WrongType {
                field: field.name.clone(),
                expected: "an object",
            })?;
            write_object(object, Fields::All, out, depth + 1)?;
            out.push(OBJECT_END);
            Ok(())
        }
        FieldType::STArray => write_array(field, value, out, depth),
        FieldType::Other => Err(CodecError::UnknownField(field.name.clone())),
    }
}

const OBJECT_END: u8 = 0xE1;
const ARRAY_END: u8 = 0xF1;

/// An array is a list of one-key objects, each key an STObject field (`{"Memo": {…}}`).
fn write_array(
    field: &FieldDef,
    value: &Value,
    out: &mut Vec<u8>,
    depth: usize,
) -> Result<(), CodecError> {
    let wrong = || CodecError::WrongType {
        field: field.name.clone(),
        expected: "an array of single-key objects",
    };
    // Same bound as the decoder's, so that whatever is written can be read back.
    if depth + 1 > MAX_DEPTH {
        return Err(CodecError::TooDeep);
    }
    let defs = definitions();
    for element in value.as_array().ok_or_else(wrong)? {
        let wrapper = element.as_object().ok_or_else(wrong)?;
        let mut entries = wrapper.iter();
        let (Some((name, inner)), None) = (entries.next(), entries.next()) else {
            return Err(wrong());
        };
        let inner_field = defs
            .field(name)
            .ok_or_else(|| CodecError::UnknownField(name.clone()))?;
        if inner_field.field_type != FieldType::STObject || is_object_end(inner_field) {
            return Err(wrong());
        }
        out.extend_from_slice(inner_field.header());
        write_value(inner_field, inner, out, depth + 1)?;
    }
    out.push(ARRAY_END);
    Ok(())
}

/// Replaces X-addresses in AccountID fields by classic addresses, moving their tags into
/// `SourceTag` (for `Account`) or `DestinationTag` (for `Destination`), as xrpl.js does.
/// Returns `None` (no copy) when the object has no X-address, the usual case.
fn resolve_x_addresses(
    object: &Map<String, Value>,
    defs: &Definitions,
) -> Result<Option<Map<String, Value>>, CodecError> {
    let mut rewritten: Option<Map<String, Value>> = None;
    for (name, value) in object {
        let Value::String(text) = value else { continue };
        // Classic addresses are at most 35 characters; X-addresses are 47.
        if text.len() != 47 || !(text.starts_with('X') || text.starts_with('T')) {
            continue;
        }
        let Some(field) = defs.field(name) else {
            continue;
        };
        if field.field_type != FieldType::AccountID {
            continue;
        }
        let x = XAddress::decode(text).map_err(|source| CodecError::Address {
            field: name.clone(),
            source,
        })?;
        let copy = rewritten.get_or_insert_with(|| object.clone());
        copy.insert(name.clone(), Value::String(x.account.to_classic()));
        let Some(tag) = x.tag else { continue };
        let tag_field = match name.as_str() {
            "Account" => "SourceTag",
            "Destination" => "DestinationTag",
            _ => {
                return Err(CodecError::XAddressTag {
                    field: name.clone(),
                    tag_field: "no tag field".into(),
                });
            }
        };
        match object.get(tag_field) {
            Some(existing) if existing.as_u64() != Some(u64::from(tag)) => {
                return Err(CodecError::XAddressTag {
                    field: name.clone(),
                    tag_field: tag_field.into(),
                });
            }
            _ => {
                copy.insert(tag_field.into(), Value::from(tag));
            }
        }
    }
    Ok(rewritten)
}
