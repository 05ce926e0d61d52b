//! `definitions.json`, embedded and parsed once into lookup tables.
//!
//! Every XRPL codec is driven by the same protocol description: which fields exist, their type
//! and position (`nth`), whether they are serialised or signed, and the numeric codes of
//! transaction types, ledger entry types and transaction results. We embed the file that the
//! current `ripple-binary-codec` ships and turn it, on first use, into tables the codec can hit
//! without hashing more than once per field: fields by name, fields by `(type code, nth)`, and
//! the name ↔ code maps. Nothing here is parsed per call.

use std::collections::HashMap;
use std::sync::LazyLock;

use serde::Deserialize;

/// The raw protocol description, as shipped by `ripple-binary-codec`.
const DEFINITIONS_JSON: &str = include_str!("definitions.json");

/// The serialised type of a field (the `TYPES` table), as the codec dispatches on it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FieldType {
    UInt8,
    UInt16,
    UInt32,
    UInt64,
    Int32,
    Int64,
    UInt96,
    Hash128,
    Hash160,
    Hash192,
    Hash256,
    Hash384,
    Hash512,
    Amount,
    Blob,
    AccountID,
    Number,
    STObject,
    STArray,
    PathSet,
    Vector256,
    Issue,
    XChainBridge,
    Currency,
    /// A pseudo type (`Transaction`, `LedgerEntry`, `Metadata`, `Validation`, `Unknown`, …):
    /// it names a whole object, never a field on the wire.
    Other,
}

impl FieldType {
    fn from_name(name: &str) -> FieldType {
        match name {
            "UInt8" => FieldType::UInt8,
            "UInt16" => FieldType::UInt16,
            "UInt32" => FieldType::UInt32,
            "UInt64" => FieldType::UInt64,
            "Int32" => FieldType::Int32,
            "Int64" => FieldType::Int64,
            "UInt96" => FieldType::UInt96,
            "Hash128" => FieldType::Hash128,
            "Hash160" => FieldType::Hash160,
            "Hash192" => FieldType::Hash192,
            "Hash256" => FieldType::Hash256,
            "Hash384" => FieldType::Hash384,
            "Hash512" => FieldType::Hash512,
            "Amount" => FieldType::Amount,
            "Blob" => FieldType::Blob,
            "AccountID" => FieldType::AccountID,
            "Number" => FieldType::Number,
            "STObject" => FieldType::STObject,
            "STArray" => FieldType::STArray,
            "PathSet" => FieldType::PathSet,
            "Vector256" => FieldType::Vector256,
            "Issue" => FieldType::Issue,
            "XChainBridge" => FieldType::XChainBridge,
            "Currency" => FieldType::Currency,
            _ => FieldType::Other,
        }
    }
}

/// One field of the protocol, with its wire header precomputed.
#[derive(Debug, Clone)]
pub struct FieldDef {
    pub name: String,
    pub type_name: String,
    pub field_type: FieldType,
    /// The type code (`TYPES[type_name]`).
    pub type_code: i32,
    /// The field's position within its type.
    pub nth: i32,
    pub is_serialized: bool,
    pub is_signing: bool,
    pub is_vl_encoded: bool,
    header: [u8; 3],
    header_len: u8,
}

impl FieldDef {
    /// The 1–3 byte field id that precedes the field's value on the wire.
    pub fn header(&self) -> &[u8] {
        &self.header[..self.header_len as usize]
    }

    /// Canonical sort key: fields are written ordered by type code, then `nth`.
    pub fn ordinal(&self) -> u32 {
        ((self.type_code as u32) << 16) | (self.nth as u32 & 0xFFFF)
    }
}

/// Encode a field id: 4 bits each when both codes are small, a full byte each otherwise.
pub fn encode_field_header(type_code: u8, nth: u8) -> ([u8; 3], u8) {
    match (type_code < 16, nth < 16) {
        (true, true) => ([(type_code << 4) | nth, 0, 0], 1),
        (true, false) => ([type_code << 4, nth, 0], 2),
        (false, true) => ([nth, type_code, 0], 2),
        (false, false) => ([0, type_code, nth], 3),
    }
}

/// Whether a field must appear in a transaction or ledger entry of some type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Optionality {
    Required,
    Optional,
    /// Optional, and rippled leaves it out when it holds the type's default value.
    Default,
}

/// One field slot of a transaction or ledger-entry format.
#[derive(Debug, Clone, Copy)]
pub struct FormatField {
    /// Index into [`Definitions::fields`].
    pub field: usize,
    pub optionality: Optionality,
}

/// The fields a transaction type or ledger entry type may carry: its own plus the common ones.
#[derive(Debug, Clone)]
pub struct Format {
    pub name: String,
    pub code: i32,
    /// The type-specific fields, in the order `definitions.json` lists them.
    pub fields: Vec<FormatField>,
}

/// The parsed protocol description. Get it with [`definitions()`].
#[derive(Debug)]
pub struct Definitions {
    fields: Vec<FieldDef>,
    field_by_name: FieldNameMap,
    /// Dense table for decoding: `[type_code][nth]`, for the wire types (codes below 32).
    field_by_code: Vec<[u16; 256]>,
    types: HashMap<String, i32>,
    transaction_types: HashMap<String, i32>,
    transaction_type_names: HashMap<i32, String>,
    ledger_entry_types: HashMap<String, i32>,
    ledger_entry_type_names: HashMap<i32, String>,
    transaction_results: HashMap<String, i32>,
    transaction_result_names: HashMap<i32, String>,
    transaction_formats: HashMap<String, Format>,
    ledger_entry_formats: HashMap<String, Format>,
    common_transaction_fields: Vec<FormatField>,
    common_ledger_entry_fields: Vec<FormatField>,
    transaction_flags: HashMap<String, HashMap<String, u32>>,
    ledger_entry_flags: HashMap<String, HashMap<String, u32>>,
    account_set_flags: HashMap<String, u32>,
}

const NO_FIELD: u16 = u16::MAX;

/// FNV-1a, for the field-name table: names are short, trusted (they come from the embedded
/// file; lookups only read), and the codec looks one up per field, so SipHash's cost buys
/// nothing here.
#[derive(Default, Clone, Copy)]
pub struct FieldNameHasher(u64);

impl std::hash::Hasher for FieldNameHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut hash = if self.0 == 0 {
            0xCBF2_9CE4_8422_2325
        } else {
            self.0
        };
        for byte in bytes {
            hash = (hash ^ u64::from(*byte)).wrapping_mul(0x0100_0000_01B3);
        }
        self.0 = hash;
    }
}

type FieldNameMap = HashMap<String, usize, std::hash::BuildHasherDefault<FieldNameHasher>>;

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawFieldInfo {
    nth: i32,
    #[serde(rename = "isVLEncoded")]
    is_vl_encoded: bool,
    is_serialized: bool,
    is_signing_field: bool,
    #[serde(rename = "type")]
    type_name: String,
}

#[derive(Deserialize)]
struct RawFormatField {
    name: String,
    optionality: u8,
}

#[derive(Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
struct RawDefinitions {
    types: HashMap<String, i32>,
    fields: Vec<(String, RawFieldInfo)>,
    transaction_types: HashMap<String, i32>,
    ledger_entry_types: HashMap<String, i32>,
    transaction_results: HashMap<String, i32>,
    #[serde(default)]
    transaction_formats: HashMap<String, Vec<RawFormatField>>,
    #[serde(default)]
    ledger_entry_formats: HashMap<String, Vec<RawFormatField>>,
    #[serde(default)]
    transaction_flags: HashMap<String, HashMap<String, u32>>,
    #[serde(default)]
    ledger_entry_flags: HashMap<String, HashMap<String, u32>>,
    #[serde(default)]
    account_set_flags: HashMap<String, u32>,
}

static DEFINITIONS: LazyLock<Definitions> = LazyLock::new(|| {
    // The file is part of the binary: failing to parse it is a build defect that the first test
    // catches, not a runtime condition a caller could handle.
    let raw: RawDefinitions =
        serde_json::from_str(DEFINITIONS_JSON).expect("embedded definitions.json is valid");
    Definitions::from_raw(raw)
});

/// The protocol description, parsed on first use.
pub fn definitions() -> &'static Definitions {
    &DEFINITIONS
}

fn invert(map: &HashMap<String, i32>) -> HashMap<i32, String> {
    map.iter().map(|(k, v)| (*v, k.clone())).collect()
}

impl Definitions {
    fn from_raw(raw: RawDefinitions) -> Definitions {
        let mut fields = Vec::with_capacity(raw.fields.len());
        let mut field_by_name =
            FieldNameMap::with_capacity_and_hasher(raw.fields.len(), Default::default());
        let mut field_by_code = vec![[NO_FIELD; 256]; 32];
        for (name, info) in raw.fields {
            let type_code = raw.types.get(&info.type_name).copied().unwrap_or(-2);
            let (header, header_len) =
                if (0..32).contains(&type_code) && (0..256).contains(&info.nth) {
                    encode_field_header(type_code as u8, info.nth as u8)
                } else {
                    ([0; 3], 0)
                };
            let index = fields.len();
            if info.is_serialized && header_len > 0 {
                field_by_code[type_code as usize][info.nth as usize] = index as u16;
            }
            field_by_name.insert(name.clone(), index);
            fields.push(FieldDef {
                field_type: FieldType::from_name(&info.type_name),
                name,
                type_name: info.type_name,
                type_code,
                nth: info.nth,
                is_serialized: info.is_serialized,
                is_signing: info.is_signing_field,
                is_vl_encoded: info.is_vl_encoded,
                header,
                header_len,
            });
        }

        let resolve = |list: Vec<RawFormatField>| -> Vec<FormatField> {
            list.into_iter()
                .filter_map(|f| {
                    let field = *field_by_name.get(&f.name)?;
                    let optionality = match f.optionality {
                        0 => Optionality::Required,
                        1 => Optionality::Optional,
                        _ => Optionality::Default,
                    };
                    Some(FormatField { field, optionality })
                })
                .collect()
        };
        let build_formats = |raw_formats: HashMap<String, Vec<RawFormatField>>,
                             codes: &HashMap<String, i32>|
         -> (HashMap<String, Format>, Vec<FormatField>) {
            let mut common = Vec::new();
            let mut formats = HashMap::new();
            for (name, list) in raw_formats {
                if name == "common" {
                    common = resolve(list);
                    continue;
                }
                let code = codes.get(&name).copied().unwrap_or(-1);
                let fields = resolve(list);
                formats.insert(name.clone(), Format { name, code, fields });
            }
            (formats, common)
        };
        let (transaction_formats, common_transaction_fields) =
            build_formats(raw.transaction_formats, &raw.transaction_types);
        let (ledger_entry_formats, common_ledger_entry_fields) =
            build_formats(raw.ledger_entry_formats, &raw.ledger_entry_types);

        Definitions {
            transaction_type_names: invert(&raw.transaction_types),
            ledger_entry_type_names: invert(&raw.ledger_entry_types),
            transaction_result_names: invert(&raw.transaction_results),
            fields,
            field_by_name,
            field_by_code,
            types: raw.types,
            transaction_types: raw.transaction_types,
            ledger_entry_types: raw.ledger_entry_types,
            transaction_results: raw.transaction_results,
            transaction_formats,
            ledger_entry_formats,
            common_transaction_fields,
            common_ledger_entry_fields,
            transaction_flags: raw.transaction_flags,
            ledger_entry_flags: raw.ledger_entry_flags,
            account_set_flags: raw.account_set_flags,
        }
    }

    /// Every field, in `definitions.json` order.
    pub fn fields(&self) -> &[FieldDef] {
        &self.fields
    }

    /// The index of a field in [`Definitions::fields`], by its JSON name.
    pub fn field_index(&self, name: &str) -> Option<usize> {
        self.field_by_name.get(name).copied()
    }

    /// A field by its JSON name (`"Account"`, `"TakerPays"`, …).
    pub fn field(&self, name: &str) -> Option<&FieldDef> {
        self.field_index(name).map(|i| &self.fields[i])
    }

    /// The serialised field with this wire id, if the protocol knows one.
    pub fn field_by_code(&self, type_code: u8, nth: u8) -> Option<&FieldDef> {
        let row = self.field_by_code.get(type_code as usize)?;
        match row[nth as usize] {
            NO_FIELD => None,
            i => Some(&self.fields[i as usize]),
        }
    }

    /// The code of a serialised type (`"Amount"` → 6).
    pub fn type_code(&self, type_name: &str) -> Option<i32> {
        self.types.get(type_name).copied()
    }

    pub fn transaction_type_code(&self, name: &str) -> Option<i32> {
        self.transaction_types.get(name).copied()
    }

    pub fn transaction_type_name(&self, code: i32) -> Option<&str> {
        self.transaction_type_names.get(&code).map(String::as_str)
    }

    /// Every transaction type name (including the placeholder `Invalid`).
    pub fn transaction_type_names(&self) -> impl Iterator<Item = &str> {
        self.transaction_types.keys().map(String::as_str)
    }

    pub fn ledger_entry_type_code(&self, name: &str) -> Option<i32> {
        self.ledger_entry_types.get(name).copied()
    }

    pub fn ledger_entry_type_name(&self, code: i32) -> Option<&str> {
        self.ledger_entry_type_names.get(&code).map(String::as_str)
    }

    pub fn transaction_result_code(&self, name: &str) -> Option<i32> {
        self.transaction_results.get(name).copied()
    }

    pub fn transaction_result_name(&self, code: i32) -> Option<&str> {
        self.transaction_result_names.get(&code).map(String::as_str)
    }

    /// The type-specific fields of a transaction type (see also [`Self::common_transaction_fields`]).
    pub fn transaction_format(&self, name: &str) -> Option<&Format> {
        self.transaction_formats.get(name)
    }

    /// All transaction formats (every real transaction type).
    pub fn transaction_formats(&self) -> impl Iterator<Item = &Format> {
        self.transaction_formats.values()
    }

    /// The fields every transaction may carry (`TransactionType`, `Account`, `Fee`, …).
    pub fn common_transaction_fields(&self) -> &[FormatField] {
        &self.common_transaction_fields
    }

    pub fn ledger_entry_format(&self, name: &str) -> Option<&Format> {
        self.ledger_entry_formats.get(name)
    }

    pub fn ledger_entry_formats(&self) -> impl Iterator<Item = &Format> {
        self.ledger_entry_formats.values()
    }

    pub fn common_ledger_entry_fields(&self) -> &[FormatField] {
        &self.common_ledger_entry_fields
    }

    /// The `tf…` flags a transaction type understands, by name.
    pub fn transaction_flags(&self, transaction_type: &str) -> Option<&HashMap<String, u32>> {
        self.transaction_flags.get(transaction_type)
    }

    /// The `lsf…` flags of a ledger entry type, by name.
    pub fn ledger_entry_flags(&self, ledger_entry_type: &str) -> Option<&HashMap<String, u32>> {
        self.ledger_entry_flags.get(ledger_entry_type)
    }

    /// An `AccountSet` `SetFlag`/`ClearFlag` value (`asfGlobalFreeze` → 7).
    pub fn account_set_flag(&self, name: &str) -> Option<u32> {
        self.account_set_flags.get(name).copied()
    }
}

/// Shorthand for `definitions().transaction_type_code(name)`.
pub fn transaction_type_code(name: &str) -> Option<i32> {
    definitions().transaction_type_code(name)
}

/// Shorthand for `definitions().transaction_result_code(name)`.
pub fn transaction_result_code(name: &str) -> Option<i32> {
    definitions().transaction_result_code(name)
}

/// Shorthand for `definitions().field(name)`.
pub fn field(name: &str) -> Option<&'static FieldDef> {
    definitions().field(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_are_built_from_the_embedded_file() {
        let d = definitions();
        let account = d.field("Account").unwrap();
        assert_eq!(account.field_type, FieldType::AccountID);
        assert_eq!(account.header(), &[0x81]);
        assert!(account.is_vl_encoded);
        assert_eq!(d.field_by_code(8, 1).unwrap().name, "Account");
        assert_eq!(d.transaction_type_code("Payment"), Some(0));
        assert_eq!(d.transaction_type_name(20), Some("TrustSet"));
        assert_eq!(d.transaction_result_code("tesSUCCESS"), Some(0));
        assert_eq!(d.transaction_result_name(-299), Some("temMALFORMED"));
        assert_eq!(d.ledger_entry_type_code("AccountRoot"), Some(97));
        assert!(!d.field("TxnSignature").unwrap().is_signing);
        assert!(d.field("hash").map(|f| !f.is_serialized).unwrap());
        let payment = d.transaction_format("Payment").unwrap();
        assert!(
            payment
                .fields
                .iter()
                .any(|f| d.fields()[f.field].name == "Destination"
                    && f.optionality == Optionality::Required)
        );
        assert!(!d.common_transaction_fields().is_empty());
        assert_eq!(d.account_set_flag("asfGlobalFreeze"), Some(7));
        assert_eq!(
            d.transaction_flags("Payment").unwrap()["tfPartialPayment"],
            0x0002_0000
        );
    }

    #[test]
    fn field_headers_cover_all_four_shapes() {
        assert_eq!(encode_field_header(1, 2), ([0x12, 0, 0], 1));
        assert_eq!(encode_field_header(7, 16), ([0x70, 16, 0], 2));
        assert_eq!(encode_field_header(16, 3), ([0x03, 16, 0], 2));
        assert_eq!(encode_field_header(17, 19), ([0, 17, 19], 3));
    }
}
