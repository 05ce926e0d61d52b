//! Escrow: XRP set aside by its owner until a time passes or a condition is fulfilled.
//!
//! The XRP really leaves the owner's balance when the escrow is created and comes back (to the
//! destination on finish, to the owner on cancel) when it is removed; that is what makes
//! escrowed funds visible in balances and in the conservation check.

use serde_json::Value;

use super::entry::{Fields, Threading};
use crate::proto::{AccountId, encode_address, hex_upper};

/// The typed Escrow object.
#[derive(Debug, Clone, PartialEq)]
pub struct Escrow {
    /// The owner (who created it and gets it back on cancel).
    pub account: AccountId,
    /// Who receives the XRP on finish.
    pub destination: AccountId,
    /// Drops locked.
    pub amount: u64,
    /// A PREIMAGE-SHA-256 condition (DER), if any.
    pub condition: Option<Vec<u8>>,
    /// Ripple time after which it may be cancelled.
    pub cancel_after: Option<u32>,
    /// Ripple time after which it may be finished.
    pub finish_after: Option<u32>,
    /// Source tag.
    pub source_tag: Option<u32>,
    /// Destination tag.
    pub destination_tag: Option<u32>,
    /// Page of the owner's directory holding it.
    pub owner_node: u64,
    /// Page of the destination's directory holding it (when destination ≠ owner).
    pub destination_node: Option<u64>,
    /// Last transaction that touched it.
    pub previous_txn: Threading,
}

impl Escrow {
    pub(crate) fn write_fields(&self, f: &mut Fields) {
        f.insert("Account", Value::String(encode_address(&self.account)));
        f.insert("Amount", Value::String(self.amount.to_string()));
        f.insert(
            "Destination",
            Value::String(encode_address(&self.destination)),
        );
        f.insert("Flags", Value::from(0u32));
        f.insert("OwnerNode", Value::String(format!("{:x}", self.owner_node)));
        if let Some(node) = self.destination_node {
            f.insert("DestinationNode", Value::String(format!("{node:x}")));
        }
        if let Some(c) = &self.condition {
            f.insert("Condition", Value::String(hex_upper(c)));
        }
        if let Some(t) = self.cancel_after {
            f.insert("CancelAfter", Value::from(t));
        }
        if let Some(t) = self.finish_after {
            f.insert("FinishAfter", Value::from(t));
        }
        if let Some(t) = self.source_tag {
            f.insert("SourceTag", Value::from(t));
        }
        if let Some(t) = self.destination_tag {
            f.insert("DestinationTag", Value::from(t));
        }
    }
}
