//! The apply pipeline: from a verified, decoded transaction to a result, committed changes and
//! metadata.
//!
//! Stages, in rippled's order: common preflight and the family's preflight (`tem…`); common
//! preclaim — account, Sequence or Ticket, LastLedgerSequence, fee, signing authority — and the
//! family's preclaim (`tef…`/`ter…`/`tec…`); then, in a fresh [`ApplyView`], the fee is burned,
//! the sequence consumed and the family applied. A `tec…` throws the family's effects away and
//! keeps only the fee and sequence, exactly as rippled does; anything else that fails leaves the
//! ledger untouched.

pub mod assets;
pub mod directory;
pub mod offers;
pub mod quantity;
pub mod trust_line;
pub mod view;

/// The fee-waived moves (`account_send`, `can_pay`, `account_holds`) under their older name.
pub use assets as funds;

use std::collections::BTreeMap;

use serde_json::{Map, Value};

use crate::ledger::account_root::flags as lsf;
use crate::ledger::entry::{LedgerEntry, Threading};
use crate::ledger::state::StateMap;
use crate::meta::affected_nodes;
use crate::proto::{AccountId, Hash256, keylet};
use crate::result::{Ter, TerClass};
use crate::tx::fields::{Amount, TxFields};
use crate::tx::{ApplyOutput, Common, Prepared};
use view::{ApplyView, Change, LedgerContext};

/// A transaction that made it into the ledger (`tes…` or `tec…`).
#[derive(Debug)]
pub struct AppliedTx {
    /// The changes to commit, in key order (already threaded to this transaction).
    pub changes: BTreeMap<Hash256, Change>,
    /// Metadata without `TransactionIndex` (the ledger assigns it).
    pub meta: Map<String, Value>,
    /// Accounts whose history this transaction belongs to.
    pub accounts: Vec<AccountId>,
}

/// The result of running the pipeline on one transaction.
#[derive(Debug)]
pub struct ApplyResult {
    /// The engine result.
    pub ter: Ter,
    /// Present when the transaction is included in the ledger.
    pub applied: Option<AppliedTx>,
}

impl ApplyResult {
    fn rejected(ter: Ter) -> Self {
        ApplyResult { ter, applied: None }
    }
}

/// Runs the whole pipeline for `tx` (already decoded, its signature already verified as made by
/// the key that `signer` is the account id of).
pub fn apply_transaction(
    state: &StateMap,
    ctx: LedgerContext,
    tx_json: &Value,
    hash: Hash256,
    signer: AccountId,
) -> ApplyResult {
    let tx = TxFields::new(tx_json);
    let (mut common, prepared) = match preflight(tx, hash, ctx.network_id) {
        Ok(ok) => ok,
        Err(ter) => return ApplyResult::rejected(ter),
    };
    let probe = ApplyView::new(state, ctx);
    if let Err(ter) = preclaim_common(&probe, tx, &prepared, &mut common, signer) {
        return ApplyResult::rejected(ter);
    }
    let claim = prepared.preclaim(&probe, &common);
    if !matches!(claim.class(), TerClass::Success | TerClass::Claimed) {
        return ApplyResult::rejected(claim);
    }
    drop(probe);

    let mut out = ApplyOutput::default();
    let mut view = ApplyView::new(state, ctx);
    charge_fee_and_sequence(&mut view, &common);
    let ter = if claim == Ter::tesSUCCESS {
        prepared.apply(&mut view, &common, &mut out)
    } else {
        claim
    };
    let view = match ter.class() {
        TerClass::Success => view,
        TerClass::Claimed => {
            // A claimed failure keeps only the fee and the consumed sequence.
            out = ApplyOutput::default();
            let mut fresh = ApplyView::new(state, ctx);
            charge_fee_and_sequence(&mut fresh, &common);
            fresh
        }
        _ => return ApplyResult::rejected(ter),
    };

    let mut changes = view.into_changes();
    let thread = Threading {
        txn_id: hash,
        ledger_seq: ctx.ledger_seq,
    };
    let nodes = affected_nodes(state, &mut changes, thread);
    let mut accounts = vec![common.account];
    for change in changes.values() {
        let (Change::Created(entry) | Change::Modified(entry) | Change::Deleted(entry)) = change;
        if matches!(entry, LedgerEntry::DirectoryNode(_)) {
            continue;
        }
        for account in entry.accounts() {
            if !accounts.contains(&account) {
                accounts.push(account);
            }
        }
    }
    // Sized for every key metadata can take (`TransactionIndex` comes later), so it never grows.
    let mut meta = Map::with_capacity(6);
    meta.insert("AffectedNodes".into(), Value::Array(nodes));
    meta.insert("TransactionResult".into(), Value::from(ter.token()));
    if let Some(delivered) = out.delivered_amount {
        if out.partial {
            meta.insert("DeliveredAmount".into(), delivered.clone());
        }
        meta.insert("delivered_amount".into(), delivered);
    } else if tx.str("TransactionType") == Some("Payment") {
        // rippled reports what a failed payment delivered: nothing.
        meta.insert("delivered_amount".into(), Value::from("unavailable"));
    }
    ApplyResult {
        ter,
        applied: Some(AppliedTx {
            changes,
            meta,
            accounts,
        }),
    }
}

/// rippled's `NetworkID` rule, so a transaction signed for one network cannot be replayed on
/// another. Rule: <https://xrpl.org/docs/references/protocol/transactions/common-fields#networkid-field>.
fn check_network_id(tx: TxFields<'_>, network_id: Option<u32>) -> Result<(), Ter> {
    let ours = network_id.unwrap_or(0);
    let theirs = tx.u32("NetworkID")?;
    if ours <= crate::ledger::settings::LEGACY_NETWORK_ID_MAX {
        return match theirs {
            Some(_) => Err(Ter::telNETWORK_ID_MAKES_TX_NON_CANONICAL),
            None => Ok(()),
        };
    }
    match theirs {
        None => Err(Ter::telREQUIRES_NETWORK_ID),
        Some(id) if id != ours => Err(Ter::telWRONG_NETWORK),
        Some(_) => Ok(()),
    }
}

fn preflight(
    tx: TxFields<'_>,
    hash: Hash256,
    network_id: Option<u32>,
) -> Result<(Common, Prepared), Ter> {
    check_network_id(tx, network_id)?;
    let tx_type = tx.str("TransactionType").ok_or(Ter::temMALFORMED)?;
    let account = tx.account("Account")?.ok_or(Ter::temBAD_SRC_ACCOUNT)?;
    let fee = match tx.amount("Fee").map_err(|_| Ter::temBAD_FEE)? {
        Some(Amount::Xrp(drops)) if drops.get() >= 0 => drops.get() as u64,
        _ => return Err(Ter::temBAD_FEE),
    };
    let flags = tx.u32("Flags")?.unwrap_or(0);
    let sequence = tx.u32("Sequence")?.ok_or(Ter::temBAD_SEQUENCE)?;
    let ticket_sequence = tx.u32("TicketSequence")?;
    if ticket_sequence.is_some() && sequence != 0 {
        return Err(Ter::temSEQ_AND_TICKET);
    }
    let prepared = Prepared::preflight(tx_type, tx, flags)?;
    let common = Common {
        account,
        fee,
        sequence,
        ticket_sequence,
        flags,
        hash,
        prior_balance: 0,
        signed_with_master: false,
    };
    Ok((common, prepared))
}

fn preclaim_common(
    view: &ApplyView<'_>,
    tx: TxFields<'_>,
    prepared: &Prepared,
    common: &mut Common,
    signer: AccountId,
) -> Result<(), Ter> {
    let root = view.account(&common.account).ok_or(Ter::terNO_ACCOUNT)?;
    // Sequence or Ticket: https://xrpl.org/docs/concepts/transactions/finality-of-results
    match common.ticket_sequence {
        Some(ticket) => {
            if !view.exists(&keylet::ticket(&common.account, ticket)) {
                return Err(if ticket < root.sequence {
                    Ter::tefNO_TICKET
                } else {
                    Ter::terPRE_TICKET
                });
            }
        }
        None => {
            if common.sequence < root.sequence {
                return Err(Ter::tefPAST_SEQ);
            }
            if common.sequence > root.sequence {
                return Err(Ter::terPRE_SEQ);
            }
        }
    }
    if let Some(last) = tx.u32("LastLedgerSequence")?
        && last < view.ctx.ledger_seq
    {
        return Err(Ter::tefMAX_LEDGER);
    }
    if common.fee < prepared.required_fee(&view.ctx.fees) {
        return Err(Ter::telINSUF_FEE_P);
    }
    if root.balance == 0 || root.balance < common.fee {
        return Err(Ter::terINSUF_FEE_B);
    }
    // Signing authority: the master key (unless disabled) or the regular key.
    // https://xrpl.org/docs/concepts/accounts/cryptographic-keys
    if signer == common.account {
        if root.has_flag(lsf::DISABLE_MASTER) {
            return Err(Ter::tefMASTER_DISABLED);
        }
        common.signed_with_master = true;
    } else if root.regular_key != Some(signer) {
        return Err(Ter::tefBAD_AUTH);
    }
    common.prior_balance = root.balance;
    Ok(())
}

fn charge_fee_and_sequence(view: &mut ApplyView<'_>, common: &Common) {
    if let Some(ticket) = common.ticket_sequence {
        // Using a ticket consumes it: the object, its directory slot and its reserve go away.
        let key = keylet::ticket(&common.account, ticket);
        let owner_root = keylet::owner_dir(&common.account);
        directory::remove(view, &owner_root, &key, false);
        view.erase(&key);
        if let Some(mut root) = view.account(&common.account) {
            root.owner_count = root.owner_count.saturating_sub(1);
            root.ticket_count = root
                .ticket_count
                .and_then(|n| n.checked_sub(1))
                .filter(|n| *n > 0);
            view.put_account(root);
        }
    }
    let Some(mut root) = view.account(&common.account) else {
        return;
    };
    root.balance = root.balance.saturating_sub(common.fee);
    if common.ticket_sequence.is_none() {
        root.sequence += 1;
    }
    view.put_account(root);
}
