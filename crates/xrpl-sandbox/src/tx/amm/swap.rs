//! Swaps against a pool: what an amount in buys, and what an amount out costs, at the pool's
//! constant-product price with the trading fee on what goes in. The crossing engine
//! (`tx/offer/liquidity.rs`) trades OfferCreates and cross-currency Payments with these.
//!
//! XLS-30 equations 5 and 6, with rippled's (fixAMMv1_1) rounding, every step in the pool's
//! favour: out = B_out − B_in·B_out / (B_in + in·(1 − fee)) rounded down, and
//! in = (B_in·B_out / (B_out − out) − B_in) / (1 − fee) rounded up.

use super::math::fee_rounded;
use super::number::Number;
use super::pool::{amount_of, issue_of, number};
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
