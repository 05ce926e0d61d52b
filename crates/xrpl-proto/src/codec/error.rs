//! The one error type of the binary codec.
//!
//! Callers need to tell a learner what is wrong with the transaction they built (a field name
//! typo, a number where a string belongs, a mistyped address) and the sandbox needs to answer a
//! malformed blob with `invalidTransaction` rather than crash, so every failure is a variant that
//! names the field involved. No input, however broken, makes the codec panic.

use thiserror::Error;

use crate::address::AddressError;
use crate::amount::AmountError;

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum CodecError {
    /// A hex string (a blob, a hash, the whole transaction) is not valid hex.
    #[error("malformed hex in {what}")]
    BadHex { what: String },
    /// The bytes end before the value being read does.
    #[error("truncated data: {needed} more byte(s) needed at offset {offset}")]
    Truncated { offset: usize, needed: usize },
    /// A JSON key that is not a field of the protocol.
    #[error("unknown field {0:?}")]
    UnknownField(String),
    /// A field id on the wire that the protocol does not define.
    #[error("unknown field code (type {type_code}, nth {nth}) at offset {offset}")]
    UnknownFieldCode {
        type_code: u8,
        nth: u8,
        offset: usize,
    },
    /// A field id written in a longer form than necessary, or with a zero code.
    #[error("malformed field header at offset {0}")]
    BadFieldHeader(usize),
    /// The JSON value of a field has the wrong type or shape.
    #[error("field {field}: expected {expected}")]
    WrongType {
        field: String,
        expected: &'static str,
    },
    /// A number outside the field's range.
    #[error("field {field}: {value} is out of range")]
    OutOfRange { field: String, value: String },
    /// A fixed-size value (hash, currency, …) of the wrong length.
    #[error("field {field}: expected {expected} bytes, found {found}")]
    BadLength {
        field: String,
        expected: usize,
        found: usize,
    },
    /// An amount that cannot be represented (too precise, out of range, bad currency, …).
    #[error("field {field}: {source}")]
    Amount {
        field: String,
        #[source]
        source: AmountError,
    },
    /// An account address that does not decode (bad checksum, wrong prefix, …).
    #[error("field {field}: {source}")]
    Address {
        field: String,
        #[source]
        source: AddressError,
    },
    /// A transaction type, ledger entry type or result name (or code) the definitions lack.
    #[error("field {field}: unknown value {value:?}")]
    UnknownName { field: String, value: String },
    /// An X-address carries a tag that conflicts with an explicit tag field, or sits in a
    /// field that has no tag to carry it.
    #[error("field {field}: the X-address tag conflicts with {tag_field}")]
    XAddressTag { field: String, tag_field: String },
    /// A variable-length value longer than the format allows (918744 bytes).
    #[error("variable-length value of {0} bytes is too long")]
    TooLong(usize),
    /// Objects nested deeper than any real transaction or ledger entry.
    #[error("objects nested too deeply")]
    TooDeep,
    /// The top-level JSON is not an object.
    #[error("expected a JSON object")]
    NotAnObject,
    /// A multi-signing serialisation of a transaction that already has a single signer's key.
    #[error("multi-signing requires an empty SigningPubKey")]
    SigningPubKeyNotEmpty,
}
