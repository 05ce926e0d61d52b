//! The small owned objects: Ticket (a reserved sequence number), DepositPreauth (permission
//! for one sender to pay a deposit-authorised account) and Check (a deferred payment).

use serde_json::Value;

use super::entry::{Fields, Threading};
use crate::proto::{AccountId, encode_address};

/// A Ticket: a sequence number set aside for later, out-of-order use.
#[derive(Debug, Clone, PartialEq)]
pub struct Ticket {
    /// The owner.
    pub account: AccountId,
    /// The reserved sequence number.
    pub ticket_sequence: u32,
    /// Page of the owner's directory holding it.
    pub owner_node: u64,
    /// Last transaction that touched it.
    pub previous_txn: Threading,
}

impl Ticket {
    pub(crate) fn write_fields(&self, f: &mut Fields) {
        f.insert("Account", Value::String(encode_address(&self.account)));
        f.insert("Flags", Value::from(0u32));
        f.insert("OwnerNode", Value::String(format!("{:x}", self.owner_node)));
        f.insert("TicketSequence", Value::from(self.ticket_sequence));
    }
}

/// A DepositPreauth: `account` accepts payments from `authorize` despite DepositAuth.
#[derive(Debug, Clone, PartialEq)]
pub struct DepositPreauth {
    /// The owner (the deposit-authorised account).
    pub account: AccountId,
    /// The sender it preauthorises.
    pub authorize: AccountId,
    /// Page of the owner's directory holding it.
    pub owner_node: u64,
    /// Last transaction that touched it.
    pub previous_txn: Threading,
}

impl DepositPreauth {
    pub(crate) fn write_fields(&self, f: &mut Fields) {
        f.insert("Account", Value::String(encode_address(&self.account)));
        f.insert("Authorize", Value::String(encode_address(&self.authorize)));
        f.insert("Flags", Value::from(0u32));
        f.insert("OwnerNode", Value::String(format!("{:x}", self.owner_node)));
    }
}

/// A Check: a deferred payment the destination may cash, up to SendMax.
#[derive(Debug, Clone, PartialEq)]
pub struct Check {
    /// The writer (who pays when it is cashed).
    pub account: AccountId,
    /// Who may cash it.
    pub destination: AccountId,
    /// The most it can pay.
    pub send_max: xrpl_proto::amount::Amount,
    /// The sequence that created it.
    pub sequence: u32,
    /// Ripple time after which it can no longer be cashed.
    pub expiration: Option<u32>,
    /// Destination tag.
    pub destination_tag: Option<u32>,
    /// Source tag.
    pub source_tag: Option<u32>,
    /// Invoice id.
    pub invoice_id: Option<crate::proto::Hash256>,
    /// Page of the writer's directory holding it.
    pub owner_node: u64,
    /// Page of the destination's directory holding it.
    pub destination_node: u64,
    /// Last transaction that touched it.
    pub previous_txn: Threading,
}

impl Check {
    pub(crate) fn write_fields(&self, f: &mut Fields) {
        f.insert("Account", Value::String(encode_address(&self.account)));
        f.insert(
            "Destination",
            Value::String(encode_address(&self.destination)),
        );
        f.insert(
            "DestinationNode",
            Value::String(format!("{:x}", self.destination_node)),
        );
        f.insert("Flags", Value::from(0u32));
        f.insert("OwnerNode", Value::String(format!("{:x}", self.owner_node)));
        f.insert("SendMax", self.send_max.to_json());
        f.insert("Sequence", Value::from(self.sequence));
        if let Some(t) = self.expiration {
            f.insert("Expiration", Value::from(t));
        }
        if let Some(t) = self.destination_tag {
            f.insert("DestinationTag", Value::from(t));
        }
        if let Some(t) = self.source_tag {
            f.insert("SourceTag", Value::from(t));
        }
        if let Some(id) = &self.invoice_id {
            f.insert("InvoiceID", Value::String(id.to_hex()));
        }
    }
}
