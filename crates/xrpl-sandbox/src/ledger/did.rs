//! The DID object (XLS-40): one decentralised identifier per account, holding a URI, a DID
//! document and attestation data, each an opaque blob of at most 256 bytes.

use serde_json::Value;

use super::entry::{Fields, Threading};
use crate::proto::{AccountId, encode_address, hex_upper};

/// The typed DID object.
#[derive(Debug, Clone, PartialEq)]
pub struct Did {
    /// The account the identifier belongs to (and which pays its reserve).
    pub account: AccountId,
    /// `URI`, raw bytes.
    pub uri: Option<Vec<u8>>,
    /// `DIDDocument`, raw bytes.
    pub document: Option<Vec<u8>>,
    /// `Data` (public attestations), raw bytes.
    pub data: Option<Vec<u8>>,
    /// Page of the owner's directory holding it.
    pub owner_node: u64,
    /// Last transaction that touched it.
    pub previous_txn: Threading,
}

impl Did {
    /// True when nothing is left in it: rippled never keeps an empty DID.
    pub fn is_empty(&self) -> bool {
        self.uri.is_none() && self.document.is_none() && self.data.is_none()
    }

    pub(crate) fn write_fields(&self, f: &mut Fields) {
        f.insert("Account", Value::String(encode_address(&self.account)));
        f.insert("Flags", Value::from(0u32));
        f.insert("OwnerNode", Value::String(format!("{:x}", self.owner_node)));
        for (name, blob) in [
            ("URI", &self.uri),
            ("DIDDocument", &self.document),
            ("Data", &self.data),
        ] {
            if let Some(bytes) = blob {
                f.insert(name, Value::String(hex_upper(bytes)));
            }
        }
    }
}
