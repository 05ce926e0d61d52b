//! Payment: moving value from one account to another.
//!
//! This increment handles XRP-to-XRP payments completely (account creation and its reserve,
//! destination tags, deposit authorisation, the reserve the sender keeps). Issued-currency
//! payments are refused with `temDISABLED` until the rippling engine lands.
//! Rules: <https://xrpl.org/docs/references/protocol/transactions/types/payment>.

use serde_json::Value;

use super::fields::{Amount, TxFields, is_legal_positive_xrp, xrp_drops};
use super::{ApplyOutput, Common, Transactor, UNIVERSAL_FLAGS};
use crate::apply::view::ApplyView;
use crate::ledger::account_root::{AccountRoot, flags as lsf};
use crate::proto::{AccountId, keylet};
use crate::result::Ter;

/// `tfNoRippleDirect`.
pub const TF_NO_RIPPLE_DIRECT: u32 = 0x0001_0000;
/// `tfPartialPayment`.
pub const TF_PARTIAL_PAYMENT: u32 = 0x0002_0000;
/// `tfLimitQuality`.
pub const TF_LIMIT_QUALITY: u32 = 0x0004_0000;

const ALLOWED_FLAGS: u32 =
    UNIVERSAL_FLAGS | TF_NO_RIPPLE_DIRECT | TF_PARTIAL_PAYMENT | TF_LIMIT_QUALITY;

/// A Payment that passed preflight.
#[derive(Debug, Clone)]
pub struct Payment {
    destination: AccountId,
    amount: Amount,
    destination_tag: Option<u32>,
    partial: bool,
}

impl Transactor for Payment {
    fn preflight(tx: TxFields<'_>, flags: u32) -> Result<Self, Ter> {
        if flags & !ALLOWED_FLAGS != 0 {
            return Err(Ter::temINVALID_FLAG);
        }
        let destination = tx.account("Destination")?.ok_or(Ter::temDST_NEEDED)?;
        let account = tx.account("Account")?.ok_or(Ter::temBAD_SRC_ACCOUNT)?;
        let amount = tx.amount("Amount")?.ok_or(Ter::temBAD_AMOUNT)?;
        let send_max = tx.amount("SendMax")?;
        let deliver_min = tx.amount("DeliverMin")?;
        let partial = flags & TF_PARTIAL_PAYMENT != 0;

        let Some(drops) = xrp_drops(&amount) else {
            // Issued currencies arrive with the rippling engine.
            return Err(Ter::temDISABLED);
        };
        if !is_legal_positive_xrp(drops) {
            return Err(Ter::temBAD_AMOUNT);
        }
        if let Some(max) = &send_max {
            match xrp_drops(max) {
                Some(d) if !is_legal_positive_xrp(d) => return Err(Ter::temBAD_AMOUNT),
                None => return Err(Ter::temDISABLED),
                Some(_) => {}
            }
        }
        let has_paths = tx
            .json()
            .get("Paths")
            .is_some_and(|p| p.as_array().is_some_and(|a| !a.is_empty()));
        if account == destination && !has_paths {
            // https://xrpl.org/docs/references/protocol/transactions/types/payment: paying
            // yourself the same currency with no path is redundant.
            return Err(Ter::temREDUNDANT);
        }
        // XRP-to-XRP is a direct transfer: none of the path-finding knobs apply.
        if send_max.is_some() {
            return Err(Ter::temBAD_SEND_XRP_MAX);
        }
        if has_paths {
            return Err(Ter::temBAD_SEND_XRP_PATHS);
        }
        if partial {
            return Err(Ter::temBAD_SEND_XRP_PARTIAL);
        }
        if flags & TF_LIMIT_QUALITY != 0 {
            return Err(Ter::temBAD_SEND_XRP_LIMIT);
        }
        if flags & TF_NO_RIPPLE_DIRECT != 0 {
            return Err(Ter::temBAD_SEND_XRP_NO_DIRECT);
        }
        if deliver_min.is_some() {
            // DeliverMin only makes sense for a partial payment.
            return Err(Ter::temBAD_AMOUNT);
        }
        Ok(Payment {
            destination,
            amount,
            destination_tag: tx.u32("DestinationTag")?,
            partial,
        })
    }

    fn preclaim(&self, view: &ApplyView<'_>, _common: &Common) -> Ter {
        match view.account(&self.destination) {
            None => {
                if !self.amount.is_xrp() {
                    return Ter::tecNO_DST;
                }
                if self.partial {
                    return Ter::telNO_DST_PARTIAL;
                }
                let drops = xrp_drops(&self.amount).unwrap_or(0);
                if (drops as u64) < view.ctx.fees.reserve_base {
                    return Ter::tecNO_DST_INSUF_XRP;
                }
                Ter::tesSUCCESS
            }
            Some(dest) => {
                if dest.has_flag(lsf::REQUIRE_DEST_TAG) && self.destination_tag.is_none() {
                    return Ter::tecDST_TAG_NEEDED;
                }
                Ter::tesSUCCESS
            }
        }
    }

    fn apply(&self, view: &mut ApplyView<'_>, common: &Common, out: &mut ApplyOutput) -> Ter {
        let Some(drops) = xrp_drops(&self.amount) else {
            return Ter::temDISABLED;
        };
        let drops = drops as u64;
        let Some(mut source) = view.account(&common.account) else {
            return Ter::tefINTERNAL;
        };
        // The sender keeps its reserve, except that the fee may dip into it
        // (rippled's `mPriorBalance < amount + max(reserve, fee)`).
        let reserve = view.ctx.fees.account_reserve(source.owner_count);
        let needed = drops.saturating_add(reserve.max(common.fee));
        if common.prior_balance < needed {
            return Ter::tecUNFUNDED_PAYMENT;
        }
        let mut destination = match view.account(&self.destination) {
            Some(dest) => dest,
            None => AccountRoot::new(self.destination, 0, view.ctx.ledger_seq),
        };
        if let Err(ter) = check_deposit_auth(view, &common.account, &destination, drops) {
            return ter;
        }
        source.balance -= drops;
        destination.balance = destination.balance.saturating_add(drops);
        view.put_account(source);
        view.put_account(destination);
        out.delivered_amount = Some(Value::String(drops.to_string()));
        Ter::tesSUCCESS
    }
}

/// Deposit authorisation: an account with `lsfDepositAuth` takes payments only from accounts it
/// preauthorised — except small XRP payments while its own balance is at or under the base
/// reserve, so it can never be locked out of paying fees.
/// <https://xrpl.org/docs/concepts/accounts/depositauth>.
fn check_deposit_auth(
    view: &ApplyView<'_>,
    sender: &AccountId,
    destination: &AccountRoot,
    drops: u64,
) -> Result<(), Ter> {
    if !destination.has_flag(lsf::DEPOSIT_AUTH) || sender == &destination.account {
        return Ok(());
    }
    if view.exists(&keylet::deposit_preauth(&destination.account, sender)) {
        return Ok(());
    }
    let base = view.ctx.fees.reserve_base;
    if destination.balance <= base && drops <= base {
        return Ok(());
    }
    Err(Ter::tecNO_PERMISSION)
}
