//! The pool seen as a liquidity source for crossing: which pool trades a pair for a given
//! taker, at what fee, and prices as rates.
//!
//! How big an offer the pool makes is decided elsewhere: on a single path by rippled's
//! `changeSpotPriceQuality`/`maxOffer` (`pool_offer.rs`), with several strands (the XRP
//! auto-bridge) by rippled's Fibonacci sequence (`fib_offer.rs`). Prices here are rates — what
//! the taker pays per unit it gets — so lower is better, as in a book directory. XLS-30:
//! <https://xrpl.org/docs/concepts/tokens/decentralized-exchange/automated-market-makers>.

use super::deposit::trading_fee;
use super::number::Number;
use super::pool::{balance_of, number, read_amm};
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

/// A rate as a Number: `pays` per unit of `gets` (drops for XRP, as the pool balances are).
pub fn rate_of(pays: &Amount, gets: &Amount) -> Number {
    number(pays).div(number(gets), NEAREST)
}
