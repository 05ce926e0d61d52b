//! The pool seen as a liquidity source for crossing: its spot-price quality after the trading
//! fee, and how much may go in before that price reaches a given quality.
//!
//! On a single path the pool's offer is sized exactly as rippled sizes it (`pool_offer.rs`), and
//! with two live strands by its Fibonacci sequence (`fib_offer.rs`). These closed forms serve an
//! XRP auto-bridge that is the only strand, where rippled trims its pools by the strand's
//! quality function and we bound each leg's pool instead: the input that brings its spot price
//! after the fee to a rate, or its average price to the taker's limit. Prices here are rates — what the taker pays per unit it gets — so
//! lower is better, as in a book directory. XLS-30:
//! <https://xrpl.org/docs/concepts/tokens/decentralized-exchange/automated-market-makers>.

use super::deposit::trading_fee;
use super::math::fee;
use super::number::Number;
use super::pool::{amount_of, balance_of, number, read_amm};
use crate::apply::trust_line;
use crate::apply::view::ApplyView;
use crate::proto::AccountId;
use crate::tx::fields::{Amount, Issue};
use xrpl_proto::amount::Rounding;

const NEAREST: Rounding = Rounding::ToNearest;

/// A pool as one taker sees it: what it takes in, what it gives out, and the fee it charges
/// this taker (the auction-slot holder's discounted fee where the taker holds the slot).
#[derive(Debug, Clone)]
pub struct PoolSide {
    /// The pool's pseudo-account.
    pub account: AccountId,
    /// The pool's balance of the asset the taker gives.
    pub pool_in: Amount,
    /// The pool's balance of the asset the taker gets.
    pub pool_out: Amount,
    /// The trading fee in 1/100,000.
    pub tfee: u16,
}

/// The pool trading `in_issue` for `out_issue`, as `taker` sees it now (None without a pool,
/// with an empty side, or with either asset frozen for the pool, which rippled's `BookStep`
/// then leaves out).
pub fn pool_side(
    view: &ApplyView<'_>,
    taker: &AccountId,
    in_issue: &Issue,
    out_issue: &Issue,
) -> Option<PoolSide> {
    let (_, amm) = read_amm(view, in_issue, out_issue)?;
    let frozen = |issue: &Issue| {
        !issue.is_xrp() && trust_line::is_frozen(view, &amm.account, &issue.currency, &issue.issuer)
    };
    if frozen(in_issue) || frozen(out_issue) {
        return None;
    }
    let pool_in = balance_of(view, &amm.account, in_issue);
    let pool_out = balance_of(view, &amm.account, out_issue);
    let positive = |a: &Amount| !a.is_zero() && !a.is_negative();
    if !positive(&pool_in) || !positive(&pool_out) {
        return None;
    }
    Some(PoolSide {
        account: amm.account,
        tfee: trading_fee(view, &amm, taker),
        pool_in,
        pool_out,
    })
}

fn one_minus_fee(tfee: u16) -> Number {
    Number::from_i64(1).sub(fee(tfee), NEAREST)
}

/// The pool's spot price after the fee: B_in / (B_out · (1 − fee)), what the first unit out
/// costs.
pub fn spot_rate(pool: &PoolSide) -> Number {
    let out_after_fee = number(&pool.pool_out).mul(one_minus_fee(pool.tfee), NEAREST);
    number(&pool.pool_in).div(out_after_fee, NEAREST)
}

/// A rate as a Number: `pays` per unit of `gets` (drops for XRP, as the pool balances are).
pub fn rate_of(pays: &Amount, gets: &Amount) -> Number {
    number(pays).div(number(gets), NEAREST)
}

/// How much may go into the pool before its spot price after the fee reaches `rate` (None if
/// it already has).
///
/// After x goes in, B_in' = B_in + x and B_out' = B_in·B_out / (B_in + x(1 − f)) (equation 5);
/// setting B_in' / (B_out'(1 − f)) = r gives (1 − f)x² + B_in(2 − f)x + B_in² − r(1 − f)B_in·B_out
/// = 0, whose positive root is x = (√(B_in²f² + 4r(1 − f)²B_in·B_out) − B_in(2 − f)) / 2(1 − f).
/// Rounded down, so the pool stays at or just better than `rate`.
pub fn input_to_rate(pool: &PoolSide, rate: Number) -> Option<Amount> {
    if rate.cmp_value(spot_rate(pool)).is_le() {
        return None;
    }
    let (bi, bo) = (number(&pool.pool_in), number(&pool.pool_out));
    let f = fee(pool.tfee);
    let keep = one_minus_fee(pool.tfee);
    let two = Number::from_i64(2);
    let four = Number::from_i64(4);
    let discriminant = bi.mul(bi, NEAREST).mul(f.mul(f, NEAREST), NEAREST).add(
        four.mul(rate, NEAREST)
            .mul(keep.mul(keep, NEAREST), NEAREST)
            .mul(bi.mul(bo, NEAREST), NEAREST),
        NEAREST,
    );
    let numerator = discriminant
        .root2(Rounding::Downward)
        .sub(bi.mul(two.sub(f, NEAREST), NEAREST), Rounding::Downward);
    let x = numerator.div(two.mul(keep, NEAREST), Rounding::Downward);
    if x.is_zero() || x.is_negative() {
        return None;
    }
    let issue = super::pool::issue_of(&pool.pool_in)?;
    amount_of(&issue, x, Rounding::Downward).filter(|a| !a.is_zero())
}

/// How much may go into the pool for the trade's average price to reach `rate` (None if no
/// amount can): x / out(x) = (B_in + x(1 − f)) / (B_out(1 − f)) = r, so
/// x = r·B_out − B_in / (1 − f). Rounded down, so the average stays at or better than `rate`.
pub fn input_to_average_rate(pool: &PoolSide, rate: Number) -> Option<Amount> {
    let (bi, bo) = (number(&pool.pool_in), number(&pool.pool_out));
    let x = rate.mul(bo, Rounding::Downward).sub(
        bi.div(one_minus_fee(pool.tfee), Rounding::Upward),
        Rounding::Downward,
    );
    if x.is_zero() || x.is_negative() {
        return None;
    }
    let issue = super::pool::issue_of(&pool.pool_in)?;
    amount_of(&issue, x, Rounding::Downward).filter(|a| !a.is_zero())
}
