//! XRP-to-XRP payments: a direct transfer of drops, creating the destination if needed.

use serde_json::Value;

use super::check_xrp_deposit_auth;
use crate::apply::view::ApplyView;
use crate::ledger::account_root::AccountRoot;
use crate::proto::AccountId;
use crate::result::Ter;
use crate::tx::{ApplyOutput, Common};

/// Sends `drops` from the transaction's account to `destination`.
pub(super) fn pay(
    view: &mut ApplyView<'_>,
    common: &Common,
    destination: &AccountId,
    drops: u64,
    out: &mut ApplyOutput,
) -> Ter {
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
    let mut receiver = match view.account(destination) {
        Some(dest) => dest,
        // New accounts start at the sequence of the ledger that creates them.
        None => AccountRoot::new(*destination, 0, view.ctx.ledger_seq),
    };
    if let Err(ter) = check_xrp_deposit_auth(view, &common.account, &receiver, drops) {
        return ter;
    }
    source.balance -= drops;
    receiver.balance = receiver.balance.saturating_add(drops);
    view.put_account(source);
    view.put_account(receiver);
    out.delivered_amount = Some(Value::String(drops.to_string()));
    Ter::tesSUCCESS
}
