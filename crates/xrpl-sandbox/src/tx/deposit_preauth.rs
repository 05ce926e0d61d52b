//! DepositPreauth: an account with Deposit Authorization allows (or stops allowing) one sender.
//! Rules: <https://xrpl.org/docs/references/protocol/transactions/types/depositpreauth>.

use super::fields::TxFields;
use super::{ApplyOutput, Common, Transactor, UNIVERSAL_FLAGS};
use crate::apply::directory;
use crate::apply::view::ApplyView;
use crate::ledger::entry::{LedgerEntry, Threading};
use crate::ledger::small_objects::DepositPreauth as Preauth;
use crate::proto::{AccountId, keylet};
use crate::result::Ter;

/// A DepositPreauth that passed preflight.
#[derive(Debug, Clone)]
pub struct DepositPreauth {
    target: AccountId,
    authorize: bool,
}

impl Transactor for DepositPreauth {
    fn preflight(tx: TxFields<'_>, flags: u32) -> Result<Self, Ter> {
        if flags & !UNIVERSAL_FLAGS != 0 {
            return Err(Ter::temINVALID_FLAG);
        }
        let account = tx.account("Account")?.ok_or(Ter::temBAD_SRC_ACCOUNT)?;
        let (target, authorize) = match (tx.account("Authorize")?, tx.account("Unauthorize")?) {
            (Some(t), None) => (t, true),
            (None, Some(t)) => (t, false),
            _ => return Err(Ter::temMALFORMED),
        };
        if target == account {
            return Err(Ter::temCANNOT_PREAUTH_SELF);
        }
        Ok(DepositPreauth { target, authorize })
    }

    fn preclaim(&self, view: &ApplyView<'_>, common: &Common) -> Ter {
        let exists = view.exists(&keylet::deposit_preauth(&common.account, &self.target));
        match (self.authorize, exists) {
            (true, _) if view.account(&self.target).is_none() => Ter::tecNO_TARGET,
            (true, true) => Ter::tecDUPLICATE,
            (false, false) => Ter::tecNO_ENTRY,
            _ => Ter::tesSUCCESS,
        }
    }

    fn apply(&self, view: &mut ApplyView<'_>, common: &Common, _out: &mut ApplyOutput) -> Ter {
        let key = keylet::deposit_preauth(&common.account, &self.target);
        if !self.authorize {
            directory::remove_owned(view, &common.account, &key);
            view.erase(&key);
            view.adjust_owner_count(&common.account, -1);
            return Ter::tesSUCCESS;
        }
        let owner_count = view.account(&common.account).map_or(0, |a| a.owner_count);
        if common.prior_balance < view.ctx.fees.account_reserve(owner_count + 1) {
            return Ter::tecINSUFFICIENT_RESERVE;
        }
        let owner_node = directory::add_owned(view, &common.account, key);
        view.insert(
            key,
            LedgerEntry::DepositPreauth(Preauth {
                account: common.account,
                authorize: self.target,
                owner_node,
                previous_txn: Threading::default(),
            }),
        );
        view.adjust_owner_count(&common.account, 1);
        Ter::tesSUCCESS
    }
}
