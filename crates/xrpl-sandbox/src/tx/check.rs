//! CheckCreate, CheckCash, CheckCancel: deferred payments the destination pulls.
//!
//! XRP checks are complete. Issued-currency checks cash through the same default path as an
//! issued Payment, so the destination needs a trust line with room for the amount.
//! Rules: <https://xrpl.org/docs/concepts/payment-types/checks> and the three transaction pages.

use serde_json::Value;
use xrpl_proto::amount::Amount;

use super::fields::{TxFields, is_legal_positive_xrp};
use super::payment::{IssuedRequest, pay_issued};
use super::{ApplyOutput, Common, Transactor, UNIVERSAL_FLAGS};
use crate::apply::assets::issue_of;
use crate::apply::directory;
use crate::apply::view::ApplyView;
use crate::ledger::account_root::flags as lsf;
use crate::ledger::entry::{LedgerEntry, Threading};
use crate::ledger::small_objects::Check;
use crate::proto::{AccountId, Hash256, keylet};
use crate::result::Ter;

fn is_positive(amount: &Amount) -> bool {
    match amount {
        Amount::Xrp(d) => is_legal_positive_xrp(d.get()),
        Amount::Issued(a) => a.value.is_positive(),
        Amount::Mpt(_) => false,
    }
}

fn read_check(view: &ApplyView<'_>, id: &Hash256) -> Option<Check> {
    view.read(id)?.as_check().cloned()
}

fn expired(view: &ApplyView<'_>, check: &Check) -> bool {
    check
        .expiration
        .is_some_and(|t| view.ctx.parent_close_time >= t)
}

/// Removes a check from both directories and releases the writer's reserve.
fn remove(view: &mut ApplyView<'_>, id: &Hash256, check: &Check) {
    directory::remove_owned(view, &check.account, id);
    directory::remove_owned(view, &check.destination, id);
    view.erase(id);
    view.adjust_owner_count(&check.account, -1);
}

/// A CheckCreate that passed preflight.
#[derive(Debug, Clone)]
pub struct CheckCreate {
    destination: AccountId,
    send_max: Amount,
    expiration: Option<u32>,
    destination_tag: Option<u32>,
    source_tag: Option<u32>,
    invoice_id: Option<Hash256>,
}

impl Transactor for CheckCreate {
    fn preflight(tx: TxFields<'_>, flags: u32) -> Result<Self, Ter> {
        if flags & !UNIVERSAL_FLAGS != 0 {
            return Err(Ter::temINVALID_FLAG);
        }
        let account = tx.account("Account")?.ok_or(Ter::temBAD_SRC_ACCOUNT)?;
        let destination = tx.account("Destination")?.ok_or(Ter::temDST_NEEDED)?;
        if destination == account {
            return Err(Ter::temREDUNDANT);
        }
        let send_max = tx.amount("SendMax")?.ok_or(Ter::temBAD_AMOUNT)?;
        if !is_positive(&send_max) {
            return Err(Ter::temBAD_AMOUNT);
        }
        let expiration = tx.u32("Expiration")?;
        if expiration == Some(0) {
            return Err(Ter::temBAD_EXPIRATION);
        }
        Ok(CheckCreate {
            destination,
            send_max,
            expiration,
            destination_tag: tx.u32("DestinationTag")?,
            source_tag: tx.u32("SourceTag")?,
            invoice_id: tx.hash256("InvoiceID")?,
        })
    }

    fn preclaim(&self, view: &ApplyView<'_>, _common: &Common) -> Ter {
        let Some(dest) = view.account(&self.destination) else {
            return Ter::tecNO_DST;
        };
        if dest.has_flag(lsf::REQUIRE_DEST_TAG) && self.destination_tag.is_none() {
            return Ter::tecDST_TAG_NEEDED;
        }
        let issue = issue_of(&self.send_max);
        if !issue.is_xrp()
            && view
                .account(&issue.issuer)
                .is_some_and(|i| i.has_flag(lsf::GLOBAL_FREEZE))
        {
            return Ter::tecFROZEN;
        }
        if self
            .expiration
            .is_some_and(|t| view.ctx.parent_close_time >= t)
        {
            return Ter::tecEXPIRED;
        }
        Ter::tesSUCCESS
    }

    fn apply(&self, view: &mut ApplyView<'_>, common: &Common, _out: &mut ApplyOutput) -> Ter {
        let owner_count = view.account(&common.account).map_or(0, |a| a.owner_count);
        if common.prior_balance < view.ctx.fees.account_reserve(owner_count + 1) {
            return Ter::tecINSUFFICIENT_RESERVE;
        }
        let sequence = common.seq_proxy();
        let id = keylet::check(&common.account, sequence);
        let destination_node = directory::add_owned(view, &self.destination, id);
        let owner_node = directory::add_owned(view, &common.account, id);
        view.insert(
            id,
            LedgerEntry::Check(Check {
                account: common.account,
                destination: self.destination,
                send_max: self.send_max,
                sequence,
                expiration: self.expiration,
                destination_tag: self.destination_tag,
                source_tag: self.source_tag,
                invoice_id: self.invoice_id,
                owner_node,
                destination_node,
                previous_txn: Threading::default(),
            }),
        );
        view.adjust_owner_count(&common.account, 1);
        Ter::tesSUCCESS
    }
}

/// A CheckCash that passed preflight.
#[derive(Debug, Clone)]
pub struct CheckCash {
    id: Hash256,
    /// The exact amount, or the least acceptable (`DeliverMin`).
    amount: Amount,
    flexible: bool,
}

impl Transactor for CheckCash {
    fn preflight(tx: TxFields<'_>, flags: u32) -> Result<Self, Ter> {
        if flags & !UNIVERSAL_FLAGS != 0 {
            return Err(Ter::temINVALID_FLAG);
        }
        let id = tx.hash256("CheckID")?.ok_or(Ter::temMALFORMED)?;
        let (amount, flexible) = match (tx.amount("Amount")?, tx.amount("DeliverMin")?) {
            (Some(a), None) => (a, false),
            (None, Some(m)) => (m, true),
            _ => return Err(Ter::temMALFORMED),
        };
        if !is_positive(&amount) {
            return Err(Ter::temBAD_AMOUNT);
        }
        Ok(CheckCash {
            id,
            amount,
            flexible,
        })
    }

    fn preclaim(&self, view: &ApplyView<'_>, common: &Common) -> Ter {
        let Some(check) = read_check(view, &self.id) else {
            return Ter::tecNO_ENTRY;
        };
        if check.destination != common.account {
            return Ter::tecNO_PERMISSION;
        }
        if expired(view, &check) {
            return Ter::tecEXPIRED;
        }
        if issue_of(&self.amount) != issue_of(&check.send_max) {
            return Ter::temMALFORMED;
        }
        if self
            .amount
            .checked_cmp(&check.send_max)
            .is_ok_and(|o| o.is_gt())
        {
            return Ter::tecPATH_PARTIAL;
        }
        Ter::tesSUCCESS
    }

    fn apply(&self, view: &mut ApplyView<'_>, common: &Common, out: &mut ApplyOutput) -> Ter {
        let Some(check) = read_check(view, &self.id) else {
            return Ter::tecNO_ENTRY;
        };
        // Cashing deletes the check first, so the writer's reserve for it is free to spend.
        remove(view, &self.id, &check);
        match (&self.amount, &check.send_max) {
            (Amount::Xrp(wanted), Amount::Xrp(max)) => {
                let Some(mut writer) = view.account(&check.account) else {
                    return Ter::tecNO_ENTRY;
                };
                let liquid = writer
                    .balance
                    .saturating_sub(view.ctx.fees.account_reserve(writer.owner_count));
                let wanted = wanted.get() as u64;
                let pay = if self.flexible {
                    liquid.min(max.get() as u64)
                } else {
                    wanted
                };
                if pay > liquid || pay < wanted {
                    return Ter::tecUNFUNDED_PAYMENT;
                }
                writer.balance -= pay;
                view.put_account(writer);
                let Some(mut me) = view.account(&common.account) else {
                    return Ter::tefINTERNAL;
                };
                me.balance = me.balance.saturating_add(pay);
                view.put_account(me);
                out.delivered_amount = Some(Value::String(pay.to_string()));
                Ter::tesSUCCESS
            }
            (Amount::Issued(_), Amount::Issued(_)) => {
                let amount = if self.flexible {
                    &check.send_max
                } else {
                    &self.amount
                };
                pay_issued(
                    view,
                    &check.account,
                    &common.account,
                    IssuedRequest {
                        amount,
                        send_max: Some(&check.send_max),
                        deliver_min: self.flexible.then_some(&self.amount),
                        partial: self.flexible,
                    },
                    out,
                )
            }
            _ => Ter::temMALFORMED,
        }
    }
}

/// A CheckCancel that passed preflight.
#[derive(Debug, Clone)]
pub struct CheckCancel {
    id: Hash256,
}

impl Transactor for CheckCancel {
    fn preflight(tx: TxFields<'_>, flags: u32) -> Result<Self, Ter> {
        if flags & !UNIVERSAL_FLAGS != 0 {
            return Err(Ter::temINVALID_FLAG);
        }
        Ok(CheckCancel {
            id: tx.hash256("CheckID")?.ok_or(Ter::temMALFORMED)?,
        })
    }

    fn preclaim(&self, view: &ApplyView<'_>, common: &Common) -> Ter {
        let Some(check) = read_check(view, &self.id) else {
            return Ter::tecNO_ENTRY;
        };
        // Before it expires only the two parties may cancel; afterwards anyone may.
        if !expired(view, &check)
            && common.account != check.account
            && common.account != check.destination
        {
            return Ter::tecNO_PERMISSION;
        }
        Ter::tesSUCCESS
    }

    fn apply(&self, view: &mut ApplyView<'_>, _common: &Common, _out: &mut ApplyOutput) -> Ter {
        let Some(check) = read_check(view, &self.id) else {
            return Ter::tecNO_ENTRY;
        };
        remove(view, &self.id, &check);
        Ter::tesSUCCESS
    }
}
