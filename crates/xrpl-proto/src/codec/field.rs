//! Field ids on the wire: reading the 1–3 byte header back into a field definition.
//!
//! Writing needs nothing here: every [`FieldDef`] carries its precomputed header. Reading is
//! strict: the short forms are mandatory (a type or nth below 16 written in a long form is
//! rejected, as rippled rejects it), so each field has exactly one encoding.

use super::CodecError;
use super::binary::Reader;
use crate::definitions::{Definitions, FieldDef};

/// Reads a field header and resolves it to the field it names.
pub fn read_field<'d>(
    reader: &mut Reader<'_>,
    definitions: &'d Definitions,
) -> Result<&'d FieldDef, CodecError> {
    let offset = reader.position();
    let first = reader.read_u8()?;
    let mut type_code = first >> 4;
    let mut nth = first & 0x0F;
    if type_code == 0 {
        type_code = reader.read_u8()?;
        if type_code < 16 {
            return Err(CodecError::BadFieldHeader(offset));
        }
    }
    if nth == 0 {
        nth = reader.read_u8()?;
        if nth < 16 {
            return Err(CodecError::BadFieldHeader(offset));
        }
    }
    definitions
        .field_by_code(type_code, nth)
        .ok_or(CodecError::UnknownFieldCode {
            type_code,
            nth,
            offset,
        })
}

/// True for the marker that closes an inner object (`ObjectEndMarker`, 0xE1).
pub fn is_object_end(field: &FieldDef) -> bool {
    field.type_code == 14 && field.nth == 1
}

/// True for the marker that closes an array (`ArrayEndMarker`, 0xF1).
pub fn is_array_end(field: &FieldDef) -> bool {
    field.type_code == 15 && field.nth == 1
}
