//! rippled's RPC errors: token, numeric code and message, and the `result` object they make.
//!
//! Clients (xrpl-py, xrpl.js, our own network transport) branch on the token, so these match
//! rippled's `ErrorCodes` exactly.

use serde_json::{Map, Value};
use thiserror::Error;

/// An RPC-level failure (as opposed to an engine result, which is a successful RPC answer).
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum RpcError {
    /// `unknownCmd` (32).
    #[error("Unknown method.")]
    UnknownCommand,
    /// `invalidParams` (31), with rippled's detail (`Missing field 'account'.`, …).
    #[error("{0}")]
    InvalidParams(String),
    /// `actNotFound` (19).
    #[error("Account not found.")]
    AccountNotFound,
    /// `actMalformed` (35).
    #[error("Account malformed.")]
    AccountMalformed,
    /// `txnNotFound` (29).
    #[error("Transaction not found.")]
    TxnNotFound,
    /// `lgrNotFound` (21).
    #[error("ledgerNotFound")]
    LedgerNotFound,
    /// `entryNotFound` (21 in rippled's `ledger_entry`).
    #[error("Entry not found.")]
    EntryNotFound,
    /// `invalidTransaction`: the blob could not be decoded or failed local checks.
    #[error("{0}")]
    InvalidTransaction(String),
    /// `badSyntax` (1): the request itself is not a JSON-RPC call.
    #[error("Syntax error.")]
    BadSyntax,
    /// `objectNotFound` (92): e.g. an NFT with no offers, an unknown AMM.
    #[error("The requested object was not found.")]
    ObjectNotFound,
    /// `internal` (73): the server could not do what it should have been able to.
    #[error("Internal error.")]
    Internal(String),
}

impl RpcError {
    /// rippled's token.
    pub fn token(&self) -> &'static str {
        match self {
            RpcError::UnknownCommand => "unknownCmd",
            RpcError::InvalidParams(_) => "invalidParams",
            RpcError::AccountNotFound => "actNotFound",
            RpcError::AccountMalformed => "actMalformed",
            RpcError::TxnNotFound => "txnNotFound",
            RpcError::LedgerNotFound => "lgrNotFound",
            RpcError::EntryNotFound => "entryNotFound",
            RpcError::InvalidTransaction(_) => "invalidTransaction",
            RpcError::BadSyntax => "badSyntax",
            RpcError::ObjectNotFound => "objectNotFound",
            RpcError::Internal(_) => "internal",
        }
    }

    /// rippled's numeric code (`invalidTransaction` has none).
    pub fn code(&self) -> Option<i32> {
        match self {
            RpcError::UnknownCommand => Some(32),
            RpcError::InvalidParams(_) => Some(31),
            RpcError::AccountNotFound => Some(19),
            RpcError::AccountMalformed => Some(35),
            RpcError::TxnNotFound => Some(29),
            RpcError::LedgerNotFound | RpcError::EntryNotFound => Some(21),
            RpcError::InvalidTransaction(_) => None,
            RpcError::BadSyntax => Some(1),
            RpcError::ObjectNotFound => Some(92),
            RpcError::Internal(_) => Some(73),
        }
    }

    /// `invalidParams` for a missing required field.
    pub fn missing(field: &str) -> Self {
        RpcError::InvalidParams(format!("Missing field '{field}'."))
    }

    /// `invalidParams` for a field of the wrong type or value.
    pub fn invalid(field: &str) -> Self {
        RpcError::InvalidParams(format!("Invalid field '{field}'."))
    }

    /// The `result` object rippled returns for this error, echoing the request.
    pub fn to_result(&self, request: &Value) -> Map<String, Value> {
        let mut out = Map::new();
        out.insert("error".into(), self.token().into());
        if let Some(code) = self.code() {
            out.insert("error_code".into(), code.into());
        }
        match self {
            RpcError::InvalidTransaction(detail) => {
                out.insert("error_exception".into(), detail.clone().into());
            }
            _ => {
                out.insert("error_message".into(), self.to_string().into());
            }
        }
        out.insert("request".into(), request.clone());
        out.insert("status".into(), "error".into());
        out
    }
}
