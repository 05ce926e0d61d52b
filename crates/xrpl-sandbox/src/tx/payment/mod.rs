//! Payment: moving value from one account to another.
//!
//! XRP-to-XRP payments are direct transfers (`xrp.rs`). Issued payments, and any payment with
//! `Paths` (`path.rs`), go through the flow engine (`issued.rs`): each path becomes a strand of
//! steps (`strand.rs`, `step.rs`) and the best strands are used first (`flow.rs`). A SendMax in
//! another currency with no `Paths` trades through the one order book between them
//! (`cross.rs`). Preflight and preclaim are shared, as in rippled. Rules: <https://xrpl.org/docs/references/protocol/transactions/types/payment>.

mod cross;
mod flow;
mod issued;
mod path;
mod step;
mod strand;
mod xrp;

pub(crate) use issued::{Request as IssuedRequest, pay as pay_issued};

use serde_json::Value;

use super::fields::{Amount, TxFields, is_legal_positive_xrp};
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
    send_max: Option<Amount>,
    deliver_min: Option<Amount>,
    destination_tag: Option<u32>,
    partial: bool,
    no_direct: bool,
    limit_quality: bool,
    has_paths: bool,
    paths: Vec<path::Path>,
}

fn is_positive(amount: &Amount) -> bool {
    match amount {
        Amount::Xrp(d) => is_legal_positive_xrp(d.get()),
        other => !other.is_negative() && !other.is_zero(),
    }
}

fn currency_of(amount: &Amount) -> Option<[u8; 20]> {
    match amount {
        Amount::Xrp(_) => Some([0; 20]),
        Amount::Issued(a) => Some(*a.issue.currency.as_bytes()),
        Amount::Mpt(_) => None,
    }
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
        let paths_json = tx.json().get("Paths");
        let has_paths = paths_json
            .and_then(Value::as_array)
            .is_some_and(|p| !p.is_empty());
        // MPT payments are not part of this engine yet.
        if matches!(amount, Amount::Mpt(_)) || matches!(send_max, Some(Amount::Mpt(_))) {
            return Err(Ter::temDISABLED);
        }
        if !is_positive(&amount) {
            return Err(Ter::temBAD_AMOUNT);
        }
        if send_max.as_ref().is_some_and(|m| !is_positive(m)) {
            return Err(Ter::temBAD_AMOUNT);
        }
        let source_currency = currency_of(send_max.as_ref().unwrap_or(&amount));
        if account == destination && source_currency == currency_of(&amount) && !has_paths {
            // Paying yourself the same currency with no path is redundant.
            return Err(Ter::temREDUNDANT);
        }
        let xrp_direct = amount.is_xrp() && send_max.as_ref().is_none_or(Amount::is_xrp);
        if xrp_direct {
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
        }
        if let Some(min) = &deliver_min {
            // DeliverMin only makes sense for a partial payment, in the delivered asset, and no
            // more than the Amount.
            let sensible = partial
                && is_positive(min)
                && min.same_asset(&amount)
                && min.checked_cmp(&amount).is_ok_and(|o| o.is_le());
            if !sensible {
                return Err(Ter::temBAD_AMOUNT);
            }
        }
        // Path elements are checked after the XRP-to-XRP rules, as rippled checks them when it
        // builds the strands.
        let paths = path::parse(paths_json)?;
        Ok(Payment {
            destination,
            amount,
            send_max,
            deliver_min,
            destination_tag: tx.u32("DestinationTag")?,
            partial,
            no_direct: flags & TF_NO_RIPPLE_DIRECT != 0,
            limit_quality: flags & TF_LIMIT_QUALITY != 0,
            has_paths,
            paths,
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
                let drops = match self.amount {
                    Amount::Xrp(d) => d.get() as u64,
                    _ => 0,
                };
                // https://xrpl.org/docs/concepts/accounts/reserves: a new account needs at
                // least the base reserve.
                if drops < view.ctx.fees.reserve_base {
                    return Ter::tecNO_DST_INSUF_XRP;
                }
                Ter::tesSUCCESS
            }
            Some(dest) => {
                if dest.has_flag(lsf::REQUIRE_DEST_TAG) && self.destination_tag.is_none() {
                    return Ter::tecDST_TAG_NEEDED;
                }
                let rippling = self.has_paths || self.send_max.is_some() || !self.amount.is_xrp();
                if rippling && path::too_big(&self.paths) {
                    return Ter::telBAD_PATH_COUNT;
                }
                Ter::tesSUCCESS
            }
        }
    }

    fn apply(&self, view: &mut ApplyView<'_>, common: &Common, out: &mut ApplyOutput) -> Ter {
        let xrp_direct = self.amount.is_xrp() && self.send_max.as_ref().is_none_or(Amount::is_xrp);
        if xrp_direct {
            let Amount::Xrp(drops) = self.amount else {
                return Ter::tefINTERNAL;
            };
            return xrp::pay(view, common, &self.destination, drops.get() as u64, out);
        }
        // Deposit authorisation covers every currency; the XRP exception does not apply here.
        if let Some(dest) = view.account(&self.destination)
            && dest.has_flag(lsf::DEPOSIT_AUTH)
            && common.account != self.destination
            && !view.exists(&keylet::deposit_preauth(&self.destination, &common.account))
        {
            return Ter::tecNO_PERMISSION;
        }
        let route = issued::Route {
            paths: &self.paths,
            no_direct: self.no_direct,
            limit_quality: self.limit_quality,
        };
        let request = issued::Request {
            amount: &self.amount,
            send_max: self.send_max.as_ref(),
            deliver_min: self.deliver_min.as_ref(),
            partial: self.partial,
        };
        if let Some(max) = &self.send_max
            && currency_of(max) != currency_of(&self.amount)
            && !self.has_paths
            && !self.no_direct
        {
            return cross::pay(
                view,
                &common.account,
                &self.destination,
                cross::Request {
                    amount: &self.amount,
                    send_max: max,
                    deliver_min: self.deliver_min.as_ref(),
                    partial: self.partial,
                    limit_quality: self.limit_quality,
                },
                out,
            );
        }
        if self.no_direct && !self.has_paths {
            // No default path and no explicit path: nothing to ripple through.
            return Ter::temRIPPLE_EMPTY;
        }
        issued::pay_along(
            view,
            &common.account,
            &self.destination,
            &request,
            &route,
            out,
        )
    }
}

/// Deposit authorisation for XRP: an account with `lsfDepositAuth` takes payments only from
/// accounts it preauthorised — except small XRP payments while its own balance is at or under
/// the base reserve, so it can never be locked out of paying fees.
/// <https://xrpl.org/docs/concepts/accounts/depositauth>.
fn check_xrp_deposit_auth(
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
