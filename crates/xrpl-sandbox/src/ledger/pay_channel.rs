//! PayChannel: XRP a source sets aside for a destination, paid out by signed off-ledger claims.
//!
//! `amount` is everything ever deposited, `balance` what has been paid out; the difference is
//! still the source's and returns to it when the channel closes.

use serde_json::Value;

use super::entry::{Fields, Threading};
use crate::proto::{AccountId, encode_address, hex_upper};

/// The typed PayChannel object.
#[derive(Debug, Clone, PartialEq)]
pub struct PayChannel {
    /// The source (owner).
    pub account: AccountId,
    /// The destination.
    pub destination: AccountId,
    /// Total drops deposited.
    pub amount: u64,
    /// Drops already paid to the destination.
    pub balance: u64,
    /// The key that signs claims (33 bytes).
    pub public_key: Vec<u8>,
    /// Seconds the source must wait to close a channel with unclaimed XRP.
    pub settle_delay: u32,
    /// Mutable expiration (set by a close request or a fund).
    pub expiration: Option<u32>,
    /// Immutable expiration.
    pub cancel_after: Option<u32>,
    /// Source tag.
    pub source_tag: Option<u32>,
    /// Destination tag.
    pub destination_tag: Option<u32>,
    /// Page of the source's directory holding it.
    pub owner_node: u64,
    /// Page of the destination's directory holding it.
    pub destination_node: Option<u64>,
    /// Last transaction that touched it.
    pub previous_txn: Threading,
}

impl PayChannel {
    pub(crate) fn write_fields(&self, f: &mut Fields) {
        f.insert("Account", Value::String(encode_address(&self.account)));
        f.insert("Amount", Value::String(self.amount.to_string()));
        f.insert("Balance", Value::String(self.balance.to_string()));
        f.insert(
            "Destination",
            Value::String(encode_address(&self.destination)),
        );
        f.insert("Flags", Value::from(0u32));
        f.insert("OwnerNode", Value::String(format!("{:x}", self.owner_node)));
        f.insert("PublicKey", Value::String(hex_upper(&self.public_key)));
        f.insert("SettleDelay", Value::from(self.settle_delay));
        if let Some(node) = self.destination_node {
            f.insert("DestinationNode", Value::String(format!("{node:x}")));
        }
        if let Some(t) = self.expiration {
            f.insert("Expiration", Value::from(t));
        }
        if let Some(t) = self.cancel_after {
            f.insert("CancelAfter", Value::from(t));
        }
        if let Some(t) = self.source_tag {
            f.insert("SourceTag", Value::from(t));
        }
        if let Some(t) = self.destination_tag {
            f.insert("DestinationTag", Value::from(t));
        }
    }
}
