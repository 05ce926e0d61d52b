//! EscrowCreate, EscrowFinish, EscrowCancel: XRP locked until a time, a condition, or both.
//!
//! Times compare against the parent ledger's close time, as rippled does: "after T" means the
//! last closed ledger closed strictly later than T.
//! Rules: <https://xrpl.org/docs/references/protocol/transactions/types/escrowcreate>,
//! <https://xrpl.org/docs/references/protocol/transactions/types/escrowfinish>,
//! <https://xrpl.org/docs/references/protocol/transactions/types/escrowcancel>.

use super::fields::{Amount, TxFields, is_legal_positive_xrp};
use super::{ApplyOutput, Common, Transactor, UNIVERSAL_FLAGS};
use crate::apply::directory;
use crate::apply::view::ApplyView;
use crate::condition::{Condition, fulfillment_condition};
use crate::ledger::account_root::flags as lsf;
use crate::ledger::entry::{LedgerEntry, Threading};
use crate::ledger::escrow::Escrow;
use crate::ledger::settings::FeeSettings;
use crate::proto::{AccountId, keylet};
use crate::result::Ter;

/// True when the parent ledger closed strictly after `mark`.
fn after(view: &ApplyView<'_>, mark: u32) -> bool {
    view.ctx.parent_close_time > mark
}

/// An EscrowCreate that passed preflight.
#[derive(Debug, Clone)]
pub struct EscrowCreate {
    destination: AccountId,
    amount: u64,
    condition: Option<Vec<u8>>,
    cancel_after: Option<u32>,
    finish_after: Option<u32>,
    source_tag: Option<u32>,
    destination_tag: Option<u32>,
}

impl Transactor for EscrowCreate {
    fn preflight(tx: TxFields<'_>, flags: u32) -> Result<Self, Ter> {
        if flags & !UNIVERSAL_FLAGS != 0 {
            return Err(Ter::temINVALID_FLAG);
        }
        let amount = match tx.amount("Amount")? {
            Some(Amount::Xrp(d)) if is_legal_positive_xrp(d.get()) => d.get() as u64,
            _ => return Err(Ter::temBAD_AMOUNT),
        };
        let destination = tx.account("Destination")?.ok_or(Ter::temDST_NEEDED)?;
        let cancel_after = tx.u32("CancelAfter")?;
        let finish_after = tx.u32("FinishAfter")?;
        // It must be able to end somehow, and cancellation must come after finishing.
        if cancel_after.is_none() && finish_after.is_none() {
            return Err(Ter::temBAD_EXPIRATION);
        }
        if let (Some(cancel), Some(finish)) = (cancel_after, finish_after)
            && cancel <= finish
        {
            return Err(Ter::temBAD_EXPIRATION);
        }
        let condition = tx.blob("Condition")?;
        // An escrow with neither FinishAfter nor Condition could be finished by anyone at once.
        if finish_after.is_none() && condition.is_none() {
            return Err(Ter::temMALFORMED);
        }
        if let Some(der) = &condition {
            Condition::parse(der).map_err(|_| Ter::temMALFORMED)?;
        }
        Ok(EscrowCreate {
            destination,
            amount,
            condition,
            cancel_after,
            finish_after,
            source_tag: tx.u32("SourceTag")?,
            destination_tag: tx.u32("DestinationTag")?,
        })
    }

    fn preclaim(&self, view: &ApplyView<'_>, _common: &Common) -> Ter {
        match view.account(&self.destination) {
            None => Ter::tecNO_DST,
            Some(dest)
                if dest.has_flag(lsf::REQUIRE_DEST_TAG) && self.destination_tag.is_none() =>
            {
                Ter::tecDST_TAG_NEEDED
            }
            Some(_) => Ter::tesSUCCESS,
        }
    }

    fn apply(&self, view: &mut ApplyView<'_>, common: &Common, _out: &mut ApplyOutput) -> Ter {
        // Already too late to be useful.
        if self.cancel_after.is_some_and(|t| after(view, t))
            || self.finish_after.is_some_and(|t| after(view, t))
        {
            return Ter::tecNO_PERMISSION;
        }
        let Some(mut owner) = view.account(&common.account) else {
            return Ter::tefINTERNAL;
        };
        let reserve = view.ctx.fees.account_reserve(owner.owner_count + 1);
        if owner.balance < reserve {
            return Ter::tecINSUFFICIENT_RESERVE;
        }
        if owner.balance < reserve.saturating_add(self.amount) {
            return Ter::tecUNFUNDED;
        }
        let key = keylet::escrow(&common.account, common.seq_proxy());
        let owner_node = directory::add_owned(view, &common.account, key);
        let destination_node = (self.destination != common.account)
            .then(|| directory::add_owned(view, &self.destination, key));
        view.insert(
            key,
            LedgerEntry::Escrow(Escrow {
                account: common.account,
                destination: self.destination,
                amount: self.amount,
                condition: self.condition.clone(),
                cancel_after: self.cancel_after,
                finish_after: self.finish_after,
                source_tag: self.source_tag,
                destination_tag: self.destination_tag,
                owner_node,
                destination_node,
                previous_txn: Threading::default(),
            }),
        );
        // Re-read: the directory insert did not touch the root, but keep one source of truth.
        if let Some(fresh) = view.account(&common.account) {
            owner = fresh;
        }
        owner.balance -= self.amount;
        owner.owner_count += 1;
        view.put_account(owner);
        Ter::tesSUCCESS
    }
}

fn read_escrow(view: &ApplyView<'_>, owner: &AccountId, seq: u32) -> Option<Escrow> {
    view.read(&keylet::escrow(owner, seq))?.as_escrow().cloned()
}

/// Removes an escrow from both directories and the ledger, and releases the owner's reserve.
fn remove_escrow(view: &mut ApplyView<'_>, escrow: &Escrow, key: &crate::proto::Hash256) {
    directory::remove_owned(view, &escrow.account, key);
    if escrow.destination != escrow.account {
        directory::remove_owned(view, &escrow.destination, key);
    }
    view.erase(key);
    view.adjust_owner_count(&escrow.account, -1);
}

/// An EscrowFinish that passed preflight.
#[derive(Debug, Clone)]
pub struct EscrowFinish {
    owner: AccountId,
    offer_sequence: u32,
    condition: Option<Vec<u8>>,
    fulfillment: Option<Vec<u8>>,
}

impl Transactor for EscrowFinish {
    fn preflight(tx: TxFields<'_>, flags: u32) -> Result<Self, Ter> {
        if flags & !UNIVERSAL_FLAGS != 0 {
            return Err(Ter::temINVALID_FLAG);
        }
        let owner = tx.account("Owner")?.ok_or(Ter::temMALFORMED)?;
        let offer_sequence = tx.u32("OfferSequence")?.ok_or(Ter::temMALFORMED)?;
        let condition = tx.blob("Condition")?;
        let fulfillment = tx.blob("Fulfillment")?;
        // Both or neither.
        if condition.is_some() != fulfillment.is_some() {
            return Err(Ter::temMALFORMED);
        }
        Ok(EscrowFinish {
            owner,
            offer_sequence,
            condition,
            fulfillment,
        })
    }

    /// Checking a fulfillment costs more: the reference fee × (33 + one per 16 bytes).
    fn required_fee(&self, fees: &FeeSettings) -> u64 {
        match &self.fulfillment {
            Some(f) => fees.base_fee.saturating_mul(33 + f.len() as u64 / 16),
            None => fees.base_fee,
        }
    }

    fn apply(&self, view: &mut ApplyView<'_>, common: &Common, _out: &mut ApplyOutput) -> Ter {
        let key = keylet::escrow(&self.owner, self.offer_sequence);
        let Some(escrow) = read_escrow(view, &self.owner, self.offer_sequence) else {
            return Ter::tecNO_TARGET;
        };
        if escrow.finish_after.is_some_and(|t| !after(view, t)) {
            return Ter::tecNO_PERMISSION;
        }
        if escrow.cancel_after.is_some_and(|t| after(view, t)) {
            return Ter::tecNO_PERMISSION;
        }
        match (&escrow.condition, &self.condition, &self.fulfillment) {
            (None, None, None) => {}
            (Some(expected), Some(given), Some(fulfillment)) => {
                let Ok(fulfilled) = fulfillment_condition(fulfillment) else {
                    return Ter::tecCRYPTOCONDITION_ERROR;
                };
                let Ok(expected) = Condition::parse(expected) else {
                    return Ter::tecCRYPTOCONDITION_ERROR;
                };
                if Condition::parse(given).ok().as_ref() != Some(&expected) || fulfilled != expected
                {
                    return Ter::tecCRYPTOCONDITION_ERROR;
                }
            }
            _ => return Ter::tecCRYPTOCONDITION_ERROR,
        }
        let Some(mut destination) = view.account(&escrow.destination) else {
            return Ter::tecNO_DST;
        };
        // Deposit authorisation applies to escrowed XRP too.
        if destination.has_flag(lsf::DEPOSIT_AUTH)
            && common.account != escrow.destination
            && !view.exists(&keylet::deposit_preauth(
                &escrow.destination,
                &common.account,
            ))
        {
            return Ter::tecNO_PERMISSION;
        }
        remove_escrow(view, &escrow, &key);
        if let Some(fresh) = view.account(&escrow.destination) {
            destination = fresh;
        }
        destination.balance = destination.balance.saturating_add(escrow.amount);
        view.put_account(destination);
        Ter::tesSUCCESS
    }
}

/// An EscrowCancel that passed preflight.
#[derive(Debug, Clone)]
pub struct EscrowCancel {
    owner: AccountId,
    offer_sequence: u32,
}

impl Transactor for EscrowCancel {
    fn preflight(tx: TxFields<'_>, flags: u32) -> Result<Self, Ter> {
        if flags & !UNIVERSAL_FLAGS != 0 {
            return Err(Ter::temINVALID_FLAG);
        }
        Ok(EscrowCancel {
            owner: tx.account("Owner")?.ok_or(Ter::temMALFORMED)?,
            offer_sequence: tx.u32("OfferSequence")?.ok_or(Ter::temMALFORMED)?,
        })
    }

    fn apply(&self, view: &mut ApplyView<'_>, _common: &Common, _out: &mut ApplyOutput) -> Ter {
        let key = keylet::escrow(&self.owner, self.offer_sequence);
        let Some(escrow) = read_escrow(view, &self.owner, self.offer_sequence) else {
            return Ter::tecNO_TARGET;
        };
        // Only an escrow with a CancelAfter that has passed can be cancelled.
        match escrow.cancel_after {
            Some(t) if after(view, t) => {}
            _ => return Ter::tecNO_PERMISSION,
        }
        remove_escrow(view, &escrow, &key);
        let Some(mut owner) = view.account(&escrow.account) else {
            return Ter::tefINTERNAL;
        };
        owner.balance = owner.balance.saturating_add(escrow.amount);
        view.put_account(owner);
        Ter::tesSUCCESS
    }
}
