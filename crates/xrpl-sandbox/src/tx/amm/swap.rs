//! Swaps through a pool: a cross-currency Payment whose `SendMax` is one asset of a pool and
//! whose `Amount` is the other trades against the pool at its constant-product price, paying
//! the trading fee on what goes in.
//!
//! XLS-30 equations 5 and 6, with rippled's (fixAMMv1_1) rounding, every step in the pool's
//! favour: out = B_out − B_in·B_out / (B_in + in·(1 − fee)) rounded down, and
//! in = (B_in·B_out / (B_out − out) − B_in) / (1 − fee) rounded up.
//! When the pool cannot serve the payment (too little liquidity at the SendMax), nothing has
//! moved yet and the payment falls back to the order book (`tx/route.rs`); rippled would instead
//! weigh the pool and the book quality by quality within one payment.

use std::cmp::Ordering;

use super::deposit::trading_fee;
use super::math::fee_rounded;
use super::number::Number;
use super::pool::{amount_of, balance_of, issue_of, number, read_amm, withdraw_asset};
use crate::apply::funds::{account_send, can_pay};
use crate::apply::trust_line;
use crate::apply::view::ApplyView;
use crate::proto::AccountId;
use crate::result::Ter;
use crate::tx::ApplyOutput;
use crate::tx::fields::Amount;
use xrpl_proto::amount::Rounding;

const UP: Rounding = Rounding::Upward;
const DOWN: Rounding = Rounding::Downward;

/// Equation 5 — what `amount_in` buys from a pool holding `pool_in`/`pool_out`.
pub fn swap_in(
    pool_in: &Amount,
    pool_out: &Amount,
    amount_in: &Amount,
    tfee: u16,
) -> Option<Amount> {
    // rippled's swapAssetIn (fixAMMv1_1): each step's mode set so the pool never loses.
    let (bi, bo) = (number(pool_in), number(pool_out));
    let numerator = bi.mul(bo, UP);
    let fee = fee_rounded(tfee, UP);
    let one_minus_fee = Number::from_i64(1).sub(fee, DOWN);
    let denominator = bi.add(number(amount_in).mul(one_minus_fee, DOWN), DOWN);
    if denominator.is_zero() || denominator.is_negative() {
        return None;
    }
    let out = bo.sub(numerator.div(denominator, UP), DOWN);
    if out.is_negative() {
        return None;
    }
    amount_of(&issue_of(pool_out)?, out, DOWN)
}

/// Equation 6 — what it costs to take `amount_out` from the pool (`None` if it cannot).
pub fn swap_out(
    pool_in: &Amount,
    pool_out: &Amount,
    amount_out: &Amount,
    tfee: u16,
) -> Option<Amount> {
    // rippled's swapAssetOut (fixAMMv1_1).
    let (bi, bo) = (number(pool_in), number(pool_out));
    let numerator = bi.mul(bo, UP);
    let denominator = bo.sub(number(amount_out), DOWN);
    if denominator.is_zero() || denominator.is_negative() {
        return None;
    }
    let cost = numerator.div(denominator, UP).sub(bi, UP);
    let fee = fee_rounded(tfee, UP);
    let one_minus_fee = Number::from_i64(1).sub(fee, DOWN);
    let swap_in = cost.div(one_minus_fee, UP);
    if swap_in.is_negative() {
        return None;
    }
    amount_of(&issue_of(pool_in)?, swap_in, UP)
}

/// What the payment asks of the pool.
pub struct SwapRequest<'a> {
    /// What the destination should receive.
    pub amount: &'a Amount,
    /// The most the sender will spend (in the pool's other asset).
    pub send_max: &'a Amount,
    /// For a partial payment, the least that must arrive.
    pub deliver_min: Option<&'a Amount>,
    /// `tfPartialPayment`.
    pub partial: bool,
}

/// True when a pool trades `send_max`'s asset for `amount`'s.
pub fn has_pool(view: &ApplyView<'_>, amount: &Amount, send_max: &Amount) -> bool {
    match (issue_of(amount), issue_of(send_max)) {
        (Some(out), Some(inp)) if out != inp => read_amm(view, &inp, &out).is_some(),
        _ => false,
    }
}

fn less(a: &Amount, b: &Amount) -> bool {
    a.checked_cmp(b).is_ok_and(|o| o == Ordering::Less)
}

/// Pays `request.amount` to `to` with `from`'s `send_max` asset, through the pool.
pub fn pay_through_pool(
    view: &mut ApplyView<'_>,
    from: &AccountId,
    to: &AccountId,
    request: &SwapRequest<'_>,
    out: &mut ApplyOutput,
) -> Ter {
    let (Some(out_issue), Some(in_issue)) = (issue_of(request.amount), issue_of(request.send_max))
    else {
        return Ter::temBAD_AMOUNT;
    };
    let Some((_, amm)) = read_amm(view, &in_issue, &out_issue) else {
        return Ter::tecPATH_DRY;
    };
    let tfee = trading_fee(view, &amm, from);
    let pool_in = balance_of(view, &amm.account, &in_issue);
    let pool_out = balance_of(view, &amm.account, &out_issue);
    let (cost, delivered) = match swap_out(&pool_in, &pool_out, request.amount, tfee) {
        Some(cost) if !less(request.send_max, &cost) => (cost, *request.amount),
        _ if request.partial => {
            let Some(bought) = swap_in(&pool_in, &pool_out, request.send_max, tfee) else {
                return Ter::tecPATH_DRY;
            };
            (*request.send_max, bought)
        }
        _ => return Ter::tecPATH_PARTIAL,
    };
    if delivered.is_zero() {
        return Ter::tecPATH_DRY;
    }
    if request.deliver_min.is_some_and(|min| less(&delivered, min)) {
        return Ter::tecPATH_PARTIAL;
    }
    if !can_pay(view, from, &cost) {
        return Ter::tecPATH_PARTIAL;
    }
    // The destination must be able to hold what arrives; checked before anything moves.
    if let Amount::Issued(iou) = &delivered
        && *to != iou.issue.issuer
        && trust_line::read(view, to, &iou.issue.issuer, &iou.issue.currency).is_none()
    {
        return Ter::tecPATH_DRY;
    }
    let ter = account_send(view, from, &amm.account, &cost);
    if ter != Ter::tesSUCCESS {
        return ter;
    }
    let ter = withdraw_asset(view, &amm.account, to, &delivered);
    if ter != Ter::tesSUCCESS {
        return ter;
    }
    out.delivered_amount = Some(delivered.to_json());
    out.partial = request.partial;
    Ter::tesSUCCESS
}
