//! MPT objects (XLS-33): the MPTokenIssuance an issuer creates, and the MPToken each holder
//! owns to hold it.
//!
//! Amounts are whole units (the scale is only for display), bounded by the issuance's
//! MaximumAmount; `OutstandingAmount` is the sum held by everyone but the issuer.

use serde_json::Value;

use super::entry::{Fields, Threading};
use crate::proto::{AccountId, encode_address, hex_upper};
use xrpl_proto::amount::MptIssuanceId;

/// The largest MaximumAmount an issuance may declare (rippled's `maxMPTokenAmount`).
pub const MAX_MPT_AMOUNT: u64 = 0x7FFF_FFFF_FFFF_FFFF;

/// `lsfMPT…` flags of issuances (the creation flags, shifted the same) and tokens.
pub mod flags {
    /// Issuance or token: locked, nothing moves.
    pub const LOCKED: u32 = 0x0000_0001;
    /// Issuance: the issuer may lock balances.
    pub const CAN_LOCK: u32 = 0x0000_0002;
    /// Issuance: holders need the issuer's authorisation.
    pub const REQUIRE_AUTH: u32 = 0x0000_0004;
    /// Issuance: balances may be escrowed.
    pub const CAN_ESCROW: u32 = 0x0000_0008;
    /// Issuance: may be traded on the DEX.
    pub const CAN_TRADE: u32 = 0x0000_0010;
    /// Issuance: holders may pay each other (not only the issuer).
    pub const CAN_TRANSFER: u32 = 0x0000_0020;
    /// Issuance: the issuer may claw balances back.
    pub const CAN_CLAWBACK: u32 = 0x0000_0040;
    /// Token: the issuer authorised this holder.
    pub const AUTHORIZED: u32 = 0x0000_0002;
}

/// The typed MPTokenIssuance.
#[derive(Debug, Clone, PartialEq)]
pub struct MPTokenIssuance {
    /// The issuer.
    pub issuer: AccountId,
    /// The issuer's sequence at creation (half of the MPTID).
    pub sequence: u32,
    /// `lsfMPT…` flags.
    pub flags: u32,
    /// Decimal places for display.
    pub asset_scale: u8,
    /// Cap on the outstanding amount.
    pub maximum_amount: Option<u64>,
    /// Units held by holders.
    pub outstanding_amount: u64,
    /// Transfer fee in 1/100,000 (0..=50,000).
    pub transfer_fee: u16,
    /// Arbitrary metadata.
    pub metadata: Option<Vec<u8>>,
    /// Page of the issuer's directory holding it.
    pub owner_node: u64,
    /// Last transaction that touched it.
    pub previous_txn: Threading,
}

impl MPTokenIssuance {
    /// The MPTID.
    pub fn id(&self) -> MptIssuanceId {
        MptIssuanceId::new(self.sequence, self.issuer)
    }

    /// True if the `lsfMPT…` flag is set.
    pub fn has_flag(&self, flag: u32) -> bool {
        self.flags & flag != 0
    }

    /// The cap on what may be outstanding.
    pub fn cap(&self) -> u64 {
        self.maximum_amount.unwrap_or(MAX_MPT_AMOUNT)
    }

    pub(crate) fn write_fields(&self, f: &mut Fields) {
        if self.asset_scale != 0 {
            f.insert("AssetScale", Value::from(self.asset_scale));
        }
        f.insert("Flags", Value::from(self.flags));
        f.insert("Issuer", Value::String(encode_address(&self.issuer)));
        if let Some(max) = self.maximum_amount {
            f.insert("MaximumAmount", Value::String(max.to_string()));
        }
        if let Some(meta) = &self.metadata {
            f.insert("MPTokenMetadata", Value::String(hex_upper(meta)));
        }
        f.insert(
            "OutstandingAmount",
            Value::String(self.outstanding_amount.to_string()),
        );
        f.insert("OwnerNode", Value::String(format!("{:x}", self.owner_node)));
        f.insert("Sequence", Value::from(self.sequence));
        if self.transfer_fee != 0 {
            f.insert("TransferFee", Value::from(self.transfer_fee));
        }
    }
}

/// The typed MPToken: one holder's balance of one issuance.
#[derive(Debug, Clone, PartialEq)]
pub struct MPToken {
    /// The holder.
    pub account: AccountId,
    /// The issuance.
    pub issuance: MptIssuanceId,
    /// Units held.
    pub amount: u64,
    /// `lsfMPTLocked`, `lsfMPTAuthorized`.
    pub flags: u32,
    /// Page of the holder's directory holding it.
    pub owner_node: u64,
    /// Last transaction that touched it.
    pub previous_txn: Threading,
}

impl MPToken {
    /// True if the flag is set.
    pub fn has_flag(&self, flag: u32) -> bool {
        self.flags & flag != 0
    }

    pub(crate) fn write_fields(&self, f: &mut Fields) {
        f.insert("Account", Value::String(encode_address(&self.account)));
        f.insert("Flags", Value::from(self.flags));
        if self.amount != 0 {
            f.insert("MPTAmount", Value::String(self.amount.to_string()));
        }
        f.insert(
            "MPTokenIssuanceID",
            Value::String(self.issuance.to_string()),
        );
        f.insert("OwnerNode", Value::String(format!("{:x}", self.owner_node)));
    }
}
