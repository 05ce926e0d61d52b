//! Offer: an account's standing order to trade, sitting in an order-book directory at its quality.
//!
//! `taker_pays` is what the owner wants, `taker_gets` what it gives; both shrink as the offer is
//! consumed. `book_directory` is the book page's key, whose low 64 bits are the offer's quality.

use serde_json::Value;
use xrpl_proto::amount::Amount;

use super::entry::{Fields, Threading};
use crate::proto::{AccountId, Hash256, encode_address, hex_upper};

/// Offer flags (`lsf…`).
pub mod flags {
    /// Created with tfPassive.
    pub const PASSIVE: u32 = 0x0001_0000;
    /// Created with tfSell.
    pub const SELL: u32 = 0x0002_0000;
}

/// The typed Offer.
#[derive(Debug, Clone, PartialEq)]
pub struct Offer {
    /// The owner.
    pub account: AccountId,
    /// The sequence (or ticket) that created it.
    pub sequence: u32,
    /// What the owner still wants.
    pub taker_pays: Amount,
    /// What the owner still gives.
    pub taker_gets: Amount,
    /// The book directory page key (encodes the quality).
    pub book_directory: Hash256,
    /// Page within that book directory.
    pub book_node: u64,
    /// Page of the owner's directory holding it.
    pub owner_node: u64,
    /// Ripple time after which it is void.
    pub expiration: Option<u32>,
    /// `lsf…` flags.
    pub flags: u32,
    /// Last transaction that touched it.
    pub previous_txn: Threading,
}

impl Offer {
    pub(crate) fn write_fields(&self, f: &mut Fields) {
        f.insert("Account", Value::String(encode_address(&self.account)));
        f.insert(
            "BookDirectory",
            Value::String(hex_upper(self.book_directory)),
        );
        f.insert("BookNode", Value::String(format!("{:x}", self.book_node)));
        f.insert("Flags", Value::from(self.flags));
        f.insert("OwnerNode", Value::String(format!("{:x}", self.owner_node)));
        f.insert("Sequence", Value::from(self.sequence));
        f.insert("TakerGets", self.taker_gets.to_json());
        f.insert("TakerPays", self.taker_pays.to_json());
        if let Some(t) = self.expiration {
            f.insert("Expiration", Value::from(t));
        }
    }
}
