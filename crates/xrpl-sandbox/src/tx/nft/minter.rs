//! The authorised minter: `AccountSet` with `asfAuthorizedNFTokenMinter` names (or, cleared,
//! forgets) an account allowed to mint NFTs with this one as `Issuer`. The core AccountSet rules
//! apply unchanged; this wraps them with the `NFTokenMinter` field.
//! Rules: <https://xrpl.org/docs/concepts/tokens/nfts/authorizing-another-minter>.

use crate::apply::view::ApplyView;
use crate::proto::AccountId;
use crate::result::Ter;
use crate::tx::account_set::AccountSet;
use crate::tx::fields::TxFields;
use crate::tx::{ApplyOutput, Common, Transactor};

/// `asfAuthorizedNFTokenMinter`.
pub const ASF_AUTHORIZED_NFTOKEN_MINTER: u32 = 10;

/// What the transaction does to `NFTokenMinter`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum MinterChange {
    Keep,
    Set(AccountId),
    Clear,
}

/// An AccountSet, with its effect on the authorised minter.
#[derive(Debug, Clone)]
pub struct AccountSetWithMinter {
    core: AccountSet,
    minter: MinterChange,
}

impl Transactor for AccountSetWithMinter {
    fn preflight(tx: TxFields<'_>, flags: u32) -> Result<Self, Ter> {
        let core = AccountSet::preflight(tx, flags)?;
        let setting = tx.u32("SetFlag")? == Some(ASF_AUTHORIZED_NFTOKEN_MINTER);
        let clearing = tx.u32("ClearFlag")? == Some(ASF_AUTHORIZED_NFTOKEN_MINTER);
        let named = tx.account("NFTokenMinter")?;
        let minter = match (setting, clearing, named) {
            (true, _, Some(minter)) => MinterChange::Set(minter),
            // Setting needs a minter; clearing must not name one.
            (true, _, None) | (false, true, Some(_)) => return Err(Ter::temMALFORMED),
            (false, true, None) => MinterChange::Clear,
            (false, false, _) => MinterChange::Keep,
        };
        Ok(AccountSetWithMinter { core, minter })
    }

    fn preclaim(&self, view: &ApplyView<'_>, common: &Common) -> Ter {
        self.core.preclaim(view, common)
    }

    fn apply(&self, view: &mut ApplyView<'_>, common: &Common, out: &mut ApplyOutput) -> Ter {
        let ter = self.core.apply(view, common, out);
        if ter != Ter::tesSUCCESS || self.minter == MinterChange::Keep {
            return ter;
        }
        let Some(mut root) = view.account(&common.account) else {
            return Ter::tefINTERNAL;
        };
        root.extras.nftoken_minter = match self.minter {
            MinterChange::Set(minter) => Some(minter),
            _ => None,
        };
        view.put_account(root);
        Ter::tesSUCCESS
    }
}
