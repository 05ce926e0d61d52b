//! Canonical bytes → JSON: STObject and STArray, and the dispatch to each type's decoder.
//!
//! The decoder takes arbitrary bytes: every length is checked by the reader, nesting is bounded,
//! and unknown field ids are errors, so a malformed blob is always a typed error, never a panic.

use serde_json::{Map, Value};

use super::binary::Reader;
use super::field::{is_array_end, is_object_end, read_field};
use super::serializer::MAX_DEPTH;
use super::{CodecError, amount, blob, fixed, ints, issue, path_set};
use crate::definitions::{FieldDef, FieldType, definitions};

/// Reads fields until the end of input (top level) or an object end marker (nested).
pub fn read_object(
    reader: &mut Reader<'_>,
    nested: bool,
    depth: usize,
) -> Result<Map<String, Value>, CodecError> {
    if depth > MAX_DEPTH {
        return Err(CodecError::TooDeep);
    }
    let defs = definitions();
    // Room for a typical transaction or ledger entry: a map grown from empty re-allocates and
    // re-hashes its keys three times on the way.
    let mut object = Map::with_capacity(if nested { 8 } else { 16 });
    loop {
        if !nested && reader.is_empty() {
            return Ok(object);
        }
        let offset = reader.position();
        let field = read_field(reader, defs)?;
        if is_object_end(field) {
            if nested {
                return Ok(object);
            }
            return Err(CodecError::BadFieldHeader(offset));
        }
        if is_array_end(field) {
            return Err(CodecError::BadFieldHeader(offset));
        }
        let value = read_value(field, reader, depth)?;
        object.insert(field.name.clone(), value);
    }
}

fn read_value(
    field: &FieldDef,
    reader: &mut Reader<'_>,
    depth: usize,
) -> Result<Value, CodecError> {
    match field.field_type {
        FieldType::UInt8
        | FieldType::UInt16
        | FieldType::UInt32
        | FieldType::UInt64
        | FieldType::Int32
        | FieldType::Int64 => ints::decode(field, reader),
        FieldType::Hash128
        | FieldType::Hash160
        | FieldType::Hash192
        | FieldType::Hash256
        | FieldType::Hash384
        | FieldType::Hash512
        | FieldType::UInt96 => fixed::decode_hash(field, reader),
        FieldType::Vector256 => fixed::decode_vector256(field, reader),
        FieldType::Blob => blob::decode_blob(reader),
        FieldType::AccountID => blob::decode_account(field, reader),
        FieldType::Amount => amount::decode(field, reader),
        FieldType::Number => amount::decode_number(reader),
        FieldType::Currency => issue::decode_currency(reader),
        FieldType::Issue => issue::decode_issue(reader),
        FieldType::XChainBridge => issue::decode_bridge(field, reader),
        FieldType::PathSet => path_set::decode(field, reader),
        FieldType::STObject => Ok(Value::Object(read_object(reader, true, depth + 1)?)),
        FieldType::STArray => read_array(reader, depth + 1),
        FieldType::Other => Err(CodecError::UnknownField(field.name.clone())),
    }
}

fn read_array(reader: &mut Reader<'_>, depth: usize) -> Result<Value, CodecError> {
    if depth > MAX_DEPTH {
        return Err(CodecError::TooDeep);
    }
    let defs = definitions();
    let mut items = Vec::new();
    loop {
        let offset = reader.position();
        let field = read_field(reader, defs)?;
        if is_array_end(field) {
            return Ok(Value::Array(items));
        }
        if field.field_type != FieldType::STObject || is_object_end(field) {
            return Err(CodecError::BadFieldHeader(offset));
        }
        let inner = read_object(reader, true, depth + 1)?;
        let mut wrapper = Map::with_capacity(1);
        wrapper.insert(field.name.clone(), Value::Object(inner));
        items.push(Value::Object(wrapper));
    }
}
