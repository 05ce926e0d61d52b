//! MPTokenAuthorize: a holder opts in to an MPT (creating its MPToken) or out again (deleting
//! an empty one); an issuer that requires authorisation approves or revokes a holder.
//! Rules: <https://xrpl.org/docs/references/protocol/transactions/types/mptokenauthorize>.

use super::issuance::read_issuance_id;
use super::transfer::{put_token, read_issuance, read_token};
use crate::apply::directory;
use crate::apply::view::ApplyView;
use crate::ledger::entry::Threading;
use crate::ledger::mptoken::{MPToken, flags};
use crate::proto::{AccountId, keylet};
use crate::result::Ter;
use crate::tx::fields::TxFields;
use crate::tx::{ApplyOutput, Common, Transactor, UNIVERSAL_FLAGS};
use xrpl_proto::amount::MptIssuanceId;

/// `tfMPTUnauthorize`: opt out (holder) or revoke (issuer).
pub const TF_UNAUTHORIZE: u32 = 0x0000_0001;

/// An MPTokenAuthorize that passed preflight.
#[derive(Debug, Clone)]
pub struct MPTokenAuthorize {
    id: MptIssuanceId,
    holder: Option<AccountId>,
    unauthorize: bool,
}

impl Transactor for MPTokenAuthorize {
    fn preflight(tx: TxFields<'_>, flags: u32) -> Result<Self, Ter> {
        if flags & !(UNIVERSAL_FLAGS | TF_UNAUTHORIZE) != 0 {
            return Err(Ter::temINVALID_FLAG);
        }
        let account = tx.account("Account")?.ok_or(Ter::temBAD_SRC_ACCOUNT)?;
        let holder = tx.account("Holder")?;
        if holder == Some(account) {
            return Err(Ter::temMALFORMED);
        }
        Ok(MPTokenAuthorize {
            id: read_issuance_id(tx)?,
            holder,
            unauthorize: flags & TF_UNAUTHORIZE != 0,
        })
    }

    fn preclaim(&self, view: &ApplyView<'_>, common: &Common) -> Ter {
        match &self.holder {
            // The holder's side.
            None => {
                let token = read_token(view, &self.id, &common.account);
                if self.unauthorize {
                    return match token {
                        None => Ter::tecOBJECT_NOT_FOUND,
                        Some(t) if t.amount != 0 => Ter::tecHAS_OBLIGATIONS,
                        Some(_) => Ter::tesSUCCESS,
                    };
                }
                if token.is_some() {
                    return Ter::tecDUPLICATE;
                }
                match read_issuance(view, &self.id) {
                    None => Ter::tecOBJECT_NOT_FOUND,
                    Some(i) if i.issuer == common.account => Ter::tecNO_PERMISSION,
                    Some(_) => Ter::tesSUCCESS,
                }
            }
            // The issuer's side.
            Some(holder) => {
                if view.account(holder).is_none() {
                    return Ter::tecNO_DST;
                }
                let Some(issuance) = read_issuance(view, &self.id) else {
                    return Ter::tecOBJECT_NOT_FOUND;
                };
                if issuance.issuer != common.account {
                    return Ter::tecNO_PERMISSION;
                }
                if !issuance.has_flag(flags::REQUIRE_AUTH) {
                    return Ter::tecNO_AUTH;
                }
                if read_token(view, &self.id, holder).is_none() {
                    return Ter::tecOBJECT_NOT_FOUND;
                }
                Ter::tesSUCCESS
            }
        }
    }

    fn apply(&self, view: &mut ApplyView<'_>, common: &Common, _out: &mut ApplyOutput) -> Ter {
        if let Some(holder) = &self.holder {
            let Some(mut token) = read_token(view, &self.id, holder) else {
                return Ter::tecOBJECT_NOT_FOUND;
            };
            if self.unauthorize {
                token.flags &= !flags::AUTHORIZED;
            } else {
                token.flags |= flags::AUTHORIZED;
            }
            put_token(view, token);
            return Ter::tesSUCCESS;
        }
        let key = keylet::mptoken(&self.id, &common.account);
        if self.unauthorize {
            directory::remove_owned(view, &common.account, &key);
            view.erase(&key);
            view.adjust_owner_count(&common.account, -1);
            return Ter::tesSUCCESS;
        }
        let Some(root) = view.account(&common.account) else {
            return Ter::tefINTERNAL;
        };
        // As with trust lines, an account's first two objects need no extra reserve.
        let needed = if root.owner_count < 2 {
            0
        } else {
            view.ctx.fees.account_reserve(root.owner_count + 1)
        };
        if common.prior_balance < needed {
            return Ter::tecINSUFFICIENT_RESERVE;
        }
        let owner_node = directory::add_owned(view, &common.account, key);
        put_token(
            view,
            MPToken {
                account: common.account,
                issuance: self.id,
                amount: 0,
                flags: 0,
                owner_node,
                previous_txn: Threading::default(),
            },
        );
        view.adjust_owner_count(&common.account, 1);
        Ter::tesSUCCESS
    }
}
