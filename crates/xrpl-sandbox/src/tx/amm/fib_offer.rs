//! The pool's synthetic offer while a trade has more than one live strand (an OfferCreate
//! trading token for token, whose direct book and XRP bridge both have liquidity, or a Payment
//! with several strands, its default path and `Paths` among them): sized by a
//! Fibonacci sequence as rippled's `AMMLiquidity::generateFibSeqOffer` sizes it, and consumed at
//! its own quality like a book offer (`AMMOffer::limitIn`/`limitOut` in multi-path).
//!
//! Why not the single-path sizing (`pool_offer.rs`): with several strands the pool must not be
//! moved to one book's price in one go, or the other strand could never compete; rippled instead
//! offers a small slice first — 0.025% of the pool's input balance when the trade began — and,
//! on the n-th pass that used a pool, n-th-Fibonacci times that slice's output, at most 30
//! passes (`AMMContext::MaxIterations`). A partly taken offer keeps its quality, so strands keep
//! their order (the pool's product grows slightly). XLS-30:
//! <https://xrpl.org/docs/concepts/tokens/decentralized-exchange/automated-market-makers>.

use xrpl_proto::amount::{Quantity, Rounding, div_round_strict, mul_round_strict};

use super::number::Number;
use super::pool::{amount_of, issue_of, number};
use super::pool_offer::{MAX_POOL_ITERATIONS, PoolOffer, power_of_ten, spot_quality};
use super::pool_offer::{rate, within_relative_distance};
use super::quality::PoolSide;
use super::swap::{swap_in, swap_out};
use crate::apply::quantity as q;
use crate::proto::AccountId;
use crate::tx::fields::Amount;

/// rippled's Fibonacci multipliers, one per pass that used a pool after the first.
const FIB: [u32; MAX_POOL_ITERATIONS] = [
    1, 2, 3, 5, 8, 13, 21, 34, 55, 89, 144, 233, 377, 610, 987, 1597, 2584, 4181, 6765, 10946,
    17711, 28657, 46368, 75025, 121393, 196418, 317811, 514229, 832040, 1346269,
];

/// The first slice: 5/20000 of the pool's initial input balance (rippled's `InitialFibSeqPct`).
fn initial_fraction() -> Number {
    Number::from_i64(25).mul(power_of_ten(-5), Rounding::ToNearest)
}

/// The pool's balances when the trade began (rippled's `AMMLiquidity::initialBalances_`).
#[derive(Debug, Clone)]
pub struct InitialBalances {
    /// The pool's pseudo-account.
    pub account: AccountId,
    /// Its balance of what the taker gives.
    pub pool_in: Amount,
    /// Its balance of what the taker gets.
    pub pool_out: Amount,
}

/// rippled's `AMMContext` for one multi-strand trade: each pool's balances when first seen, and
/// how many passes consumed a pool offer (which picks the Fibonacci multiplier).
#[derive(Debug, Clone, Default)]
pub struct AmmContext {
    initial: Vec<InitialBalances>,
    iterations: usize,
    used: bool,
}

impl AmmContext {
    /// Whether pools may still be offered (rippled's `maxItersReached`).
    pub fn max_iterations_reached(&self) -> bool {
        self.iterations >= MAX_POOL_ITERATIONS
    }

    /// Passes so far that used a pool (rippled's `curIters`).
    pub fn iterations(&self) -> usize {
        self.iterations
    }

    /// A pool offer was consumed in this pass (rippled's `setAMMUsed`).
    pub fn set_used(&mut self) {
        self.used = true;
    }

    /// Whether a pool offer was consumed since the last `update`.
    pub fn used(&self) -> bool {
        self.used
    }

    /// Keeps the initial balances `other` recorded (a strand tried in a scratch copy of the
    /// ledger saw those pools before anything moved them).
    pub fn merge_initial(&mut self, other: &AmmContext) {
        for seen in &other.initial {
            let known = self.initial.iter().any(|i| {
                i.account == seen.account
                    && issue_of(&i.pool_in) == issue_of(&seen.pool_in)
                    && issue_of(&i.pool_out) == issue_of(&seen.pool_out)
            });
            if !known {
                self.initial.push(seen.clone());
            }
        }
    }

    /// The pass ended: count it if it used a pool (rippled's `AMMContext::update`).
    pub fn update(&mut self) {
        if self.used {
            self.iterations += 1;
        }
        self.used = false;
    }

    /// The pool's balances when the trade began; a pool is recorded the first time it is
    /// asked, which is before anything moves it, since only its own book step trades with it.
    pub fn initial(&mut self, pool: &PoolSide) -> InitialBalances {
        let same = |i: &&InitialBalances| {
            i.account == pool.account
                && issue_of(&i.pool_in) == issue_of(&pool.pool_in)
                && issue_of(&i.pool_out) == issue_of(&pool.pool_out)
        };
        if let Some(found) = self.initial.iter().find(same) {
            return found.clone();
        }
        let recorded = InitialBalances {
            account: pool.account,
            pool_in: pool.pool_in,
            pool_out: pool.pool_out,
        };
        self.initial.push(recorded.clone());
        recorded
    }
}

/// rippled's `generateFibSeqOffer`: on the first pass, 0.025% of the initial input balance
/// (rounded up) for equation 5's output on the initial balances; on the n-th pass that used a
/// pool, Fibonacci(n) times that output (rounded down) for equation 6's input on the current
/// balances. None where that output would empty the pool.
pub fn fib_seq_offer(
    pool: &PoolSide,
    initial: &InitialBalances,
    iterations: usize,
) -> Option<PoolOffer> {
    let in_issue = issue_of(&initial.pool_in)?;
    let seed = number(&initial.pool_in).mul(initial_fraction(), Rounding::ToNearest);
    let first_in = amount_of(&in_issue, seed, Rounding::Upward)?;
    let first_out = swap_in(&initial.pool_in, &initial.pool_out, &first_in, pool.tfee)?;
    if iterations == 0 {
        return Some(PoolOffer {
            taker_pays: first_in,
            taker_gets: first_out,
        });
    }
    let multiplier = Number::from_i64(i64::from(*FIB.get(iterations - 1)?));
    let out_issue = issue_of(&pool.pool_out)?;
    let out = amount_of(
        &out_issue,
        number(&first_out).mul(multiplier, Rounding::ToNearest),
        Rounding::Downward,
    )?;
    if number(&out).cmp_value(number(&pool.pool_out)).is_ge() {
        return None;
    }
    let taker_pays = swap_out(&pool.pool_in, &pool.pool_out, &out, pool.tfee)?;
    Some(PoolOffer {
        taker_pays,
        taker_gets: out,
    })
}

/// rippled's multi-path `AMMLiquidity::getOffer`: none once 30 passes used a pool, none if the
/// pool's spot price is no better than the book's best offer (quality `clob`) or within 10⁻⁷ of
/// it, none if the Fibonacci offer itself is worse than that offer.
pub fn multi_path_offer(
    pool: &PoolSide,
    context: &mut AmmContext,
    clob: Option<u64>,
) -> Option<PoolOffer> {
    if context.max_iterations_reached() {
        return None;
    }
    if let Some(clob) = clob {
        let spot = spot_quality(pool);
        if spot >= clob || within_relative_distance(spot, clob, power_of_ten(-7)) {
            return None;
        }
    }
    let initial = context.initial(pool);
    let offer = fib_seq_offer(pool, &initial, context.iterations())?;
    if clob.is_some_and(|clob| offer.quality() > clob) {
        return None;
    }
    let positive = |a: &Amount| !a.is_zero() && !a.is_negative();
    (positive(&offer.taker_pays) && positive(&offer.taker_gets)).then_some(offer)
}

/// rippled's `Quality::ceil_out_strict` with round-up, as `BookStep::limitStepOut` calls it: to
/// deliver `out` of a larger offer, the taker pays `out` at the offer's quality, rounded up and
/// never more than the whole offer asks.
pub fn limit_out(offer: &PoolOffer, out: Quantity) -> Option<Quantity> {
    let (pays, gets) = (offer.taker_pays.quantity(), offer.taker_gets.quantity());
    if q::cmp(out, gets).is_ge() {
        return Some(pays);
    }
    let r = quality_rate(offer)?;
    let kind = crate::apply::assets::kind_of(&issue_of(&offer.taker_pays)?);
    let paid = mul_round_strict(out, r, kind, true).ok()?;
    Some(q::min(paid, pays))
}

/// rippled's `Quality::ceil_in_strict` without round-up, as `BookStep::limitStepIn` calls it:
/// for `input` into a larger offer, the taker gets `input` at the offer's quality, rounded down
/// and never more than the whole offer gives.
pub fn limit_in(offer: &PoolOffer, input: Quantity) -> Option<Quantity> {
    let (pays, gets) = (offer.taker_pays.quantity(), offer.taker_gets.quantity());
    if q::cmp(input, pays).is_ge() {
        return Some(gets);
    }
    let r = quality_rate(offer)?;
    let kind = crate::apply::assets::kind_of(&issue_of(&offer.taker_gets)?);
    let got = div_round_strict(input, r, kind, false).ok()?;
    Some(q::min(got, gets))
}

/// The offer's quality rate (in per out), as rippled's `Quality::rate()` gives it.
fn quality_rate(offer: &PoolOffer) -> Option<Quantity> {
    Some(Quantity::Iou(rate(offer.quality()).to_iou()?))
}
