//! AccountRoot: an account's XRP balance, sequence, flags, owner count and settings.
//!
//! The reserve an account must keep is a function of its owner count, so every object an account
//! owns is counted here; that is what makes reserves and `tecINSUF_RESERVE_*` checks real.

use super::entry::{Fields, Threading};
use crate::proto::{AccountId, encode_address, hex_upper};
use serde_json::Value;

/// AccountRoot flags (`lsf…`), from `definitions.json`.
pub mod flags {
    /// The account's funds were moved by a regular-key-signed fee-free SetRegularKey.
    pub const PASSWORD_SPENT: u32 = 0x0001_0000;
    /// Incoming payments need a destination tag.
    pub const REQUIRE_DEST_TAG: u32 = 0x0002_0000;
    /// Holders need the issuer's authorisation for a trust line.
    pub const REQUIRE_AUTH: u32 = 0x0004_0000;
    /// Advisory: the account does not want XRP.
    pub const DISALLOW_XRP: u32 = 0x0008_0000;
    /// The master key may not sign.
    pub const DISABLE_MASTER: u32 = 0x0010_0000;
    /// The account gave up the ability to freeze.
    pub const NO_FREEZE: u32 = 0x0020_0000;
    /// Every trust line the account issues on is frozen.
    pub const GLOBAL_FREEZE: u32 = 0x0040_0000;
    /// New trust lines ripple by default on this side.
    pub const DEFAULT_RIPPLE: u32 = 0x0080_0000;
    /// Only preauthorised senders may pay this account.
    pub const DEPOSIT_AUTH: u32 = 0x0100_0000;
    /// The issuer may claw back tokens it issued.
    pub const ALLOW_TRUST_LINE_CLAWBACK: u32 = 0x8000_0000;
}

/// The typed AccountRoot.
#[derive(Debug, Clone, PartialEq)]
pub struct AccountRoot {
    /// The account.
    pub account: AccountId,
    /// XRP balance in drops.
    pub balance: u64,
    /// The next Sequence it may use.
    pub sequence: u32,
    /// `lsf…` flags.
    pub flags: u32,
    /// Number of objects it owns (each adds the owner reserve).
    pub owner_count: u32,
    /// Optional regular key.
    pub regular_key: Option<AccountId>,
    /// Optional Domain, raw bytes (hex on the wire).
    pub domain: Option<Vec<u8>>,
    /// Optional EmailHash (128-bit).
    pub email_hash: Option<[u8; 16]>,
    /// Optional MessageKey, raw bytes.
    pub message_key: Option<Vec<u8>>,
    /// Optional TransferRate (1e9 = no fee).
    pub transfer_rate: Option<u32>,
    /// Optional TickSize (3..=15; 16, every digit, is stored as none).
    pub tick_size: Option<u8>,
    /// Outstanding tickets.
    pub ticket_count: Option<u32>,
    /// Last transaction that touched it.
    pub previous_txn: Threading,
    /// NFT counters, authorised minter, AMM id.
    pub extras: super::account_extras::AccountExtras,
}

impl AccountRoot {
    /// A fresh account as a payment creates it: its first Sequence is the ledger it appears in.
    pub fn new(account: AccountId, balance: u64, first_sequence: u32) -> Self {
        AccountRoot {
            account,
            balance,
            sequence: first_sequence,
            flags: 0,
            owner_count: 0,
            regular_key: None,
            domain: None,
            email_hash: None,
            message_key: None,
            transfer_rate: None,
            tick_size: None,
            ticket_count: None,
            previous_txn: Threading::default(),
            extras: Default::default(),
        }
    }

    /// True if the `lsf` flag is set.
    pub fn has_flag(&self, flag: u32) -> bool {
        self.flags & flag != 0
    }

    pub(crate) fn write_fields(&self, f: &mut Fields) {
        f.insert("Account", Value::String(encode_address(&self.account)));
        f.insert("Balance", Value::String(self.balance.to_string()));
        f.insert("Flags", Value::from(self.flags));
        f.insert("OwnerCount", Value::from(self.owner_count));
        f.insert("Sequence", Value::from(self.sequence));
        if let Some(key) = &self.regular_key {
            f.insert("RegularKey", Value::String(encode_address(key)));
        }
        if let Some(domain) = &self.domain {
            f.insert("Domain", Value::String(hex_upper(domain)));
        }
        if let Some(hash) = &self.email_hash {
            f.insert("EmailHash", Value::String(hex_upper(hash)));
        }
        if let Some(key) = &self.message_key {
            f.insert("MessageKey", Value::String(hex_upper(key)));
        }
        if let Some(rate) = self.transfer_rate {
            f.insert("TransferRate", Value::from(rate));
        }
        if let Some(size) = self.tick_size {
            f.insert("TickSize", Value::from(size));
        }
        if let Some(count) = self.ticket_count {
            f.insert("TicketCount", Value::from(count));
        }
        self.extras.write_fields(f);
    }
}
