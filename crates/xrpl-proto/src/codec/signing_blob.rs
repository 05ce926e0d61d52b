//! The single-signing bytes read straight off a canonical signed blob.
//!
//! rippled signs `STX\0` ‖ the canonical serialisation of the signing fields, and a canonical
//! blob already holds exactly those fields, in that order, plus the non-signing ones
//! (`TxnSignature`, `Signers`, …). So the signing bytes are the blob with the non-signing
//! fields' byte ranges cut out: no decode to JSON and encode back, which costs as much as
//! decoding did. The cut is taken only where it provably gives the bytes the codec would
//! write for the decoded JSON: fields in strictly increasing canonical order (no duplicates),
//! each of a type whose wire form reads back to itself. Anything else answers `None`, and the
//! caller encodes the decoded JSON as before, so every outcome and error stays the same.

use super::amount::{read_amount, write_amount};
use super::binary::Reader;
use super::field::read_field;
use super::signing::SIGNING_PREFIX;
use crate::definitions::{FieldDef, FieldType, definitions};

/// `STX\0` ‖ the signing fields of `blob`, cut from the blob itself; `None` when the blob is
/// not in the plain canonical form this reads (the caller then encodes the decoded JSON).
pub fn signing_data_from_blob(blob: &[u8]) -> Option<Vec<u8>> {
    let defs = definitions();
    let mut reader = Reader::new(blob);
    let mut out = Vec::with_capacity(blob.len());
    out.extend_from_slice(&SIGNING_PREFIX);
    let mut previous = None;
    while !reader.is_empty() {
        let start = reader.position();
        let field = read_field(&mut reader, defs).ok()?;
        // Out of order or repeated: the encoder would sort or merge, so the blob's bytes are
        // not what it signs.
        if previous.is_some_and(|p| p >= field.ordinal()) || !field.is_serialized {
            return None;
        }
        previous = Some(field.ordinal());
        skip_value(field, blob, &mut reader)?;
        if field.is_signing {
            out.extend_from_slice(blob.get(start..reader.position())?);
        }
    }
    Some(out)
}

/// Steps over one value whose bytes are exactly what the codec writes for its decoded JSON;
/// `None` for any type where that is not checked here (objects, arrays, paths, …).
fn skip_value(field: &FieldDef, blob: &[u8], reader: &mut Reader<'_>) -> Option<()> {
    let width = match field.field_type {
        FieldType::UInt8 => 1,
        FieldType::UInt16 => 2,
        FieldType::UInt32 => 4,
        FieldType::UInt64 => 8,
        FieldType::Hash128 => 16,
        FieldType::Hash160 => 20,
        FieldType::Hash256 => 32,
        // A length prefix has one encoding per length, and hex reads back to the same bytes.
        FieldType::Blob => reader.read_vl_length().ok()?,
        FieldType::AccountID => match reader.read_vl_length().ok()? {
            len @ (0 | 20) => len,
            _ => return None,
        },
        FieldType::Amount => {
            // Canonical when writing what was read gives the same bytes back (an issued value
            // that is not normalised would not).
            let start = reader.position();
            let amount = read_amount(field, reader).ok()?;
            let mut written = Vec::with_capacity(48);
            write_amount(&amount, &mut written);
            return (blob.get(start..reader.position())? == written.as_slice()).then_some(());
        }
        _ => return None,
    };
    reader.read(width).ok().map(|_| ())
}
