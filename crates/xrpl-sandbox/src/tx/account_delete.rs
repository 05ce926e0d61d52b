//! AccountDelete: removing an account and sending its remaining XRP to another.
//! Rules: <https://xrpl.org/docs/concepts/accounts/deleting-accounts>,
//! <https://xrpl.org/docs/references/protocol/transactions/types/accountdelete>.

use serde_json::Value;

use super::fields::TxFields;
use super::{ApplyOutput, Common, Transactor, UNIVERSAL_FLAGS};
use crate::apply::view::ApplyView;
use crate::apply::{directory, offers};
use crate::ledger::account_root::flags as lsf;
use crate::ledger::entry::LedgerEntry;
use crate::ledger::settings::FeeSettings;
use crate::proto::{AccountId, keylet};
use crate::result::Ter;

/// An account must be at least this many ledgers old (by its Sequence) to be deleted.
pub const MIN_AGE_LEDGERS: u32 = 256;

/// An AccountDelete that passed preflight.
#[derive(Debug, Clone)]
pub struct AccountDelete {
    destination: AccountId,
    destination_tag: Option<u32>,
}

/// Objects an AccountDelete removes along with the account; anything else is an obligation.
fn deletable(entry: &LedgerEntry) -> bool {
    matches!(
        entry,
        LedgerEntry::Offer(_) | LedgerEntry::Ticket(_) | LedgerEntry::DepositPreauth(_)
    )
}

impl Transactor for AccountDelete {
    fn preflight(tx: TxFields<'_>, flags: u32) -> Result<Self, Ter> {
        if flags & !UNIVERSAL_FLAGS != 0 {
            return Err(Ter::temINVALID_FLAG);
        }
        let account = tx.account("Account")?.ok_or(Ter::temBAD_SRC_ACCOUNT)?;
        let destination = tx.account("Destination")?.ok_or(Ter::temDST_NEEDED)?;
        if destination == account {
            return Err(Ter::temDST_IS_SRC);
        }
        Ok(AccountDelete {
            destination,
            destination_tag: tx.u32("DestinationTag")?,
        })
    }

    /// Deleting an account costs one owner reserve increment, not the reference fee.
    fn required_fee(&self, fees: &FeeSettings) -> u64 {
        fees.reserve_increment
    }

    fn preclaim(&self, view: &ApplyView<'_>, common: &Common) -> Ter {
        let Some(dest) = view.account(&self.destination) else {
            return Ter::tecNO_DST;
        };
        if dest.has_flag(lsf::REQUIRE_DEST_TAG) && self.destination_tag.is_none() {
            return Ter::tecDST_TAG_NEEDED;
        }
        if dest.has_flag(lsf::DEPOSIT_AUTH)
            && !view.exists(&keylet::deposit_preauth(&self.destination, &common.account))
        {
            return Ter::tecNO_PERMISSION;
        }
        let Some(root) = view.account(&common.account) else {
            return Ter::terNO_ACCOUNT;
        };
        if root.sequence.saturating_add(MIN_AGE_LEDGERS) > view.ctx.ledger_seq {
            return Ter::tecTOO_SOON;
        }
        let blocked = directory::entries(|k| view.read(k), &keylet::owner_dir(&common.account))
            .iter()
            .filter_map(|k| view.read(k))
            .any(|e| !deletable(e));
        if blocked {
            return Ter::tecHAS_OBLIGATIONS;
        }
        Ter::tesSUCCESS
    }

    fn apply(&self, view: &mut ApplyView<'_>, common: &Common, out: &mut ApplyOutput) -> Ter {
        let me = common.account;
        for key in directory::entries(|k| view.read(k), &keylet::owner_dir(&me)) {
            match view.read(&key).cloned() {
                Some(LedgerEntry::Offer(offer)) => offers::remove(view, &key, &offer),
                Some(_) => {
                    directory::remove_owned(view, &me, &key);
                    view.erase(&key);
                }
                None => {}
            }
        }
        let Some(root) = view.account(&me) else {
            return Ter::tefINTERNAL;
        };
        let Some(mut dest) = view.account(&self.destination) else {
            return Ter::tecNO_DST;
        };
        dest.balance = dest.balance.saturating_add(root.balance);
        view.put_account(dest);
        view.erase(&keylet::owner_dir(&me));
        view.erase(&keylet::account(&me));
        out.delivered_amount = Some(Value::String(root.balance.to_string()));
        Ter::tesSUCCESS
    }
}
