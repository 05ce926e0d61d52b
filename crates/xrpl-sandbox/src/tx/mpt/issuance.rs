//! MPTokenIssuanceCreate, MPTokenIssuanceSet and MPTokenIssuanceDestroy: the issuer's side of
//! an MPT — defining it (scale, cap, transfer fee, what holders and the issuer may do), locking
//! and unlocking it or one holder, and removing it once nothing is outstanding.
//! Rules: <https://xrpl.org/docs/references/protocol/transactions/types/mptokenissuancecreate>,
//! <https://xrpl.org/docs/references/protocol/transactions/types/mptokenissuanceset>,
//! <https://xrpl.org/docs/references/protocol/transactions/types/mptokenissuancedestroy>.

use super::transfer::{put_issuance, put_token, read_issuance, read_token};
use crate::apply::directory;
use crate::apply::view::ApplyView;
use crate::ledger::entry::Threading;
use crate::ledger::mptoken::{MAX_MPT_AMOUNT, MPTokenIssuance, flags};
use crate::proto::{AccountId, keylet};
use crate::result::Ter;
use crate::tx::fields::TxFields;
use crate::tx::{ApplyOutput, Common, Transactor, UNIVERSAL_FLAGS};
use xrpl_proto::amount::MptIssuanceId;

/// The capabilities an issuance may be created with (`tfMPTCanLock` … `tfMPTCanClawback`).
const CREATE_FLAGS: u32 = flags::CAN_LOCK
    | flags::REQUIRE_AUTH
    | flags::CAN_ESCROW
    | flags::CAN_TRADE
    | flags::CAN_TRANSFER
    | flags::CAN_CLAWBACK;

/// Highest MPT TransferFee: 50,000 tenths of a basis point (50%).
pub const MAX_TRANSFER_FEE: u32 = 50_000;

/// Longest `MPTokenMetadata`, in bytes.
pub const MAX_METADATA_LENGTH: usize = 1024;

/// `tfMPTLock`.
pub const TF_LOCK: u32 = 0x0000_0001;
/// `tfMPTUnlock`.
pub const TF_UNLOCK: u32 = 0x0000_0002;

/// Reads the `MPTokenIssuanceID` field.
pub fn read_issuance_id(tx: TxFields<'_>) -> Result<MptIssuanceId, Ter> {
    tx.str("MPTokenIssuanceID")
        .and_then(|h| MptIssuanceId::from_hex(h).ok())
        .ok_or(Ter::temMALFORMED)
}

/// An MPTokenIssuanceCreate that passed preflight.
#[derive(Debug, Clone)]
pub struct MPTokenIssuanceCreate {
    flags: u32,
    asset_scale: u8,
    maximum_amount: Option<u64>,
    transfer_fee: u16,
    metadata: Option<Vec<u8>>,
}

impl Transactor for MPTokenIssuanceCreate {
    fn preflight(tx: TxFields<'_>, tx_flags: u32) -> Result<Self, Ter> {
        if tx_flags & !(UNIVERSAL_FLAGS | CREATE_FLAGS) != 0 {
            return Err(Ter::temINVALID_FLAG);
        }
        let flags = tx_flags & CREATE_FLAGS;
        let transfer_fee = tx.u32("TransferFee")?.unwrap_or(0);
        if transfer_fee > MAX_TRANSFER_FEE {
            return Err(Ter::temBAD_TRANSFER_FEE);
        }
        // A fee is charged on transfers between holders: without them it is meaningless.
        if transfer_fee != 0 && flags & flags::CAN_TRANSFER == 0 {
            return Err(Ter::temMALFORMED);
        }
        let metadata = tx.blob("MPTokenMetadata")?;
        if metadata
            .as_ref()
            .is_some_and(|m| m.is_empty() || m.len() > MAX_METADATA_LENGTH)
        {
            return Err(Ter::temMALFORMED);
        }
        let maximum_amount = match tx.json().get("MaximumAmount") {
            None => None,
            Some(v) => {
                let max = v
                    .as_str()
                    .and_then(|s| s.parse::<u64>().ok())
                    .or_else(|| v.as_u64())
                    .ok_or(Ter::temMALFORMED)?;
                if max == 0 || max > MAX_MPT_AMOUNT {
                    return Err(Ter::temMALFORMED);
                }
                Some(max)
            }
        };
        Ok(MPTokenIssuanceCreate {
            flags,
            asset_scale: tx.u8("AssetScale")?.unwrap_or(0),
            maximum_amount,
            transfer_fee: transfer_fee as u16,
            metadata,
        })
    }

    fn apply(&self, view: &mut ApplyView<'_>, common: &Common, _out: &mut ApplyOutput) -> Ter {
        let Some(root) = view.account(&common.account) else {
            return Ter::tefINTERNAL;
        };
        if common.prior_balance < view.ctx.fees.account_reserve(root.owner_count + 1) {
            return Ter::tecINSUFFICIENT_RESERVE;
        }
        let id = MptIssuanceId::new(common.seq_proxy(), common.account);
        let key = keylet::mpt_issuance(&id);
        let owner_node = directory::add_owned(view, &common.account, key);
        put_issuance(
            view,
            MPTokenIssuance {
                issuer: common.account,
                sequence: common.seq_proxy(),
                flags: self.flags,
                asset_scale: self.asset_scale,
                maximum_amount: self.maximum_amount,
                outstanding_amount: 0,
                transfer_fee: self.transfer_fee,
                metadata: self.metadata.clone(),
                owner_node,
                previous_txn: Threading::default(),
            },
        );
        view.adjust_owner_count(&common.account, 1);
        Ter::tesSUCCESS
    }
}

/// An MPTokenIssuanceDestroy that passed preflight.
#[derive(Debug, Clone)]
pub struct MPTokenIssuanceDestroy {
    id: MptIssuanceId,
}

impl Transactor for MPTokenIssuanceDestroy {
    fn preflight(tx: TxFields<'_>, flags: u32) -> Result<Self, Ter> {
        if flags & !UNIVERSAL_FLAGS != 0 {
            return Err(Ter::temINVALID_FLAG);
        }
        Ok(MPTokenIssuanceDestroy {
            id: read_issuance_id(tx)?,
        })
    }

    fn preclaim(&self, view: &ApplyView<'_>, common: &Common) -> Ter {
        match read_issuance(view, &self.id) {
            None => Ter::tecOBJECT_NOT_FOUND,
            Some(i) if i.issuer != common.account => Ter::tecNO_PERMISSION,
            Some(i) if i.outstanding_amount != 0 => Ter::tecHAS_OBLIGATIONS,
            Some(_) => Ter::tesSUCCESS,
        }
    }

    fn apply(&self, view: &mut ApplyView<'_>, common: &Common, _out: &mut ApplyOutput) -> Ter {
        let key = keylet::mpt_issuance(&self.id);
        directory::remove_owned(view, &common.account, &key);
        view.erase(&key);
        view.adjust_owner_count(&common.account, -1);
        Ter::tesSUCCESS
    }
}

/// An MPTokenIssuanceSet that passed preflight: lock or unlock the issuance, or one holder.
#[derive(Debug, Clone)]
pub struct MPTokenIssuanceSet {
    id: MptIssuanceId,
    holder: Option<AccountId>,
    lock: Option<bool>,
}

impl Transactor for MPTokenIssuanceSet {
    fn preflight(tx: TxFields<'_>, flags: u32) -> Result<Self, Ter> {
        if flags & !(UNIVERSAL_FLAGS | TF_LOCK | TF_UNLOCK) != 0 {
            return Err(Ter::temINVALID_FLAG);
        }
        let lock = match (flags & TF_LOCK != 0, flags & TF_UNLOCK != 0) {
            (true, true) => return Err(Ter::temINVALID_FLAG),
            (true, false) => Some(true),
            (false, true) => Some(false),
            (false, false) => None,
        };
        let account = tx.account("Account")?.ok_or(Ter::temBAD_SRC_ACCOUNT)?;
        let holder = tx.account("Holder")?;
        if holder == Some(account) {
            return Err(Ter::temMALFORMED);
        }
        Ok(MPTokenIssuanceSet {
            id: read_issuance_id(tx)?,
            holder,
            lock,
        })
    }

    fn preclaim(&self, view: &ApplyView<'_>, common: &Common) -> Ter {
        let Some(issuance) = read_issuance(view, &self.id) else {
            return Ter::tecOBJECT_NOT_FOUND;
        };
        if self.lock.is_some() && !issuance.has_flag(flags::CAN_LOCK) {
            return Ter::tecNO_PERMISSION;
        }
        if issuance.issuer != common.account {
            return Ter::tecNO_PERMISSION;
        }
        if let Some(holder) = &self.holder {
            if view.account(holder).is_none() {
                return Ter::tecNO_DST;
            }
            if read_token(view, &self.id, holder).is_none() {
                return Ter::tecOBJECT_NOT_FOUND;
            }
        }
        Ter::tesSUCCESS
    }

    fn apply(&self, view: &mut ApplyView<'_>, _common: &Common, _out: &mut ApplyOutput) -> Ter {
        let Some(lock) = self.lock else {
            return Ter::tesSUCCESS;
        };
        let set = |f: &mut u32| {
            if lock {
                *f |= flags::LOCKED;
            } else {
                *f &= !flags::LOCKED;
            }
        };
        match &self.holder {
            Some(holder) => {
                let Some(mut token) = read_token(view, &self.id, holder) else {
                    return Ter::tecOBJECT_NOT_FOUND;
                };
                set(&mut token.flags);
                put_token(view, token);
            }
            None => {
                let Some(mut issuance) = read_issuance(view, &self.id) else {
                    return Ter::tecOBJECT_NOT_FOUND;
                };
                set(&mut issuance.flags);
                put_issuance(view, issuance);
            }
        }
        Ter::tesSUCCESS
    }
}
