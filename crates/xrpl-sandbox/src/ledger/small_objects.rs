//! The small owned objects: Ticket (a reserved sequence number) and DepositPreauth (permission
//! for one sender to pay a deposit-authorised account).

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
