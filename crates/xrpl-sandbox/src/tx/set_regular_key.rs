//! SetRegularKey: assigning, changing or removing an account's regular key pair.
//! Rules: <https://xrpl.org/docs/references/protocol/transactions/types/setregularkey>.

use super::fields::TxFields;
use super::{ApplyOutput, Common, Transactor, UNIVERSAL_FLAGS};
use crate::apply::view::ApplyView;
use crate::ledger::account_root::flags as lsf;
use crate::proto::AccountId;
use crate::result::Ter;

/// A SetRegularKey that passed preflight.
#[derive(Debug, Clone)]
pub struct SetRegularKey {
    regular_key: Option<AccountId>,
}

impl Transactor for SetRegularKey {
    fn preflight(tx: TxFields<'_>, flags: u32) -> Result<Self, Ter> {
        if flags & !UNIVERSAL_FLAGS != 0 {
            return Err(Ter::temINVALID_FLAG);
        }
        let account = tx.account("Account")?.ok_or(Ter::temBAD_SRC_ACCOUNT)?;
        let regular_key = tx.account("RegularKey")?;
        if regular_key == Some(account) {
            // The master key cannot also be the regular key.
            return Err(Ter::temBAD_REGKEY);
        }
        Ok(SetRegularKey { regular_key })
    }

    fn apply(&self, view: &mut ApplyView<'_>, common: &Common, _out: &mut ApplyOutput) -> Ter {
        let Some(mut root) = view.account(&common.account) else {
            return Ter::tefINTERNAL;
        };
        match self.regular_key {
            Some(key) => root.regular_key = Some(key),
            None => {
                // Removing the only remaining way to sign would lock the account.
                if root.has_flag(lsf::DISABLE_MASTER) {
                    return Ter::tecNO_ALTERNATIVE_KEY;
                }
                root.regular_key = None;
            }
        }
        view.put_account(root);
        Ter::tesSUCCESS
    }
}
