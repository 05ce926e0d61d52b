//! Crossing a new offer — or a cross-currency payment — against the opposite order book and
//! the AMM pool for the pair, best quality first.
//!
//! The taker wants `pays` and gives `gets`. On a single path (no XRP bridge in play) each step
//! first asks the pool for its synthetic offer against the best book offer's quality, exactly as
//! rippled's `BookStep` asks `AMMLiquidity` (`tx/amm/pool_offer.rs`): sized so the pool's new spot
//! price meets the book's, or, with no book offer in reach, the largest offer trimmed to where the
//! trade's average price meets the taker's limit; otherwise it takes the book offer at that
//! offer's price. A token/token offer also has the XRP bridge as a second strand: while both
//! strands have liquidity within the taker's limit (rippled's multi-path), every pool offers a
//! Fibonacci-sized slice at its own quality (`tx/amm/fib_offer.rs`), the passes that used a pool
//! counted across the crossing; beside a bridge otherwise the pool is weighed by its spot price
//! after the fee (`tx/amm/quality.rs`). A payment's book step with several strands in the
//! payment (`cross_with`) takes one Fibonacci-sized slice per pass, the pass counted by the
//! payment's flow. It stops when filled, out of funds, or when neither source is at least as
//! good as its own price (strictly better for a passive offer).
//! Rules: <https://xrpl.org/docs/concepts/tokens/decentralized-exchange/offers>,
//! <https://xrpl.org/docs/concepts/tokens/decentralized-exchange/automated-market-makers>.

use std::cmp::Ordering;

use xrpl_proto::amount::{Amount, Issue, Quantity, QuantityKind, div_round, divide, mul_round};

use super::bridge::{Bridge, best_bridge, take_bridge};
use super::liquidity::{
    BookTop, PoolBound, Remaining, best_offer, deliverable, room, take_fib_offer, take_pool_offer,
};
use crate::apply::assets::{amount_of, fee_rate, issue_of, kind_of, transfer};
use crate::apply::offers::{self, quality};
use crate::apply::quantity as q;
use crate::apply::view::ApplyView;
use crate::ledger::entry::LedgerEntry;
use crate::proto::{AccountId, Hash256, keylet};
use crate::result::Ter;
use crate::tx::amm::fib_offer::{AmmContext, multi_path_offer};
use crate::tx::amm::number::Number;
use crate::tx::amm::pool_offer::{MAX_POOL_ITERATIONS, PoolOffer, pool_offer};
use crate::tx::amm::quality::{PoolSide, pool_side, rate_of, spot_rate};

/// What the taker asked for.
pub struct Order<'a> {
    /// The taker: it gives `gets`.
    pub taker: &'a AccountId,
    /// Who receives `pays`: the taker for an offer, the destination for a payment.
    pub receiver: &'a AccountId,
    /// Stop at offers priced worse than `gets`/`pays` (always for offers; `tfLimitQuality`
    /// for payments, which otherwise only bound the total by SendMax).
    pub limit_quality: bool,
    /// A payment respects the receiver's trust limit; an offer may exceed it.
    pub respect_limit: bool,
    /// What it wants.
    pub pays: &'a Amount,
    /// What it gives.
    pub gets: &'a Amount,
    /// tfSell: give all of `gets`, even for more than `pays`.
    pub sell: bool,
    /// tfPassive: don't take offers at exactly the same price.
    pub passive: bool,
    /// Also cross through the two XRP books (an OfferCreate trading token for token).
    pub bridge: bool,
}

/// What crossing achieved.
#[derive(Debug, Clone, Copy)]
pub struct Crossed {
    /// How much of `pays` the taker received.
    pub got: Quantity,
    /// How much of `gets` the taker gave.
    pub paid: Quantity,
}

/// The most steps one crossing takes.
const MAX_STEPS: usize = 2000;

/// Which sources may be asked at the next step. The pool may be asked again at once (on a single
/// path its own spot-price test turns it down; beside a live bridge it offers its next
/// Fibonacci size), but not after it could trade nothing. A bridge that could trade nothing
/// waits for the book to move.
#[derive(Debug, Clone, Copy)]
struct Turns {
    pool: bool,
    bridge: bool,
    /// Steps that took from a pool so far (rippled stops asking after `MAX_POOL_ITERATIONS`).
    pool_uses: usize,
}

/// Where the next step of crossing takes from.
enum Source {
    /// On a single path: the pool's synthetic offer, sized as rippled sizes it, and the limit
    /// quality that trims it by the trade's average price.
    PoolOffer(PoolSide, PoolOffer, Option<u64>),
    /// With both strands active: the pool's Fibonacci-sized offer, taken at its own quality.
    FibOffer(PoolSide, PoolOffer),
    /// Both XRP legs' best sources, and how far pools on them may move.
    Bridge(Box<Bridge>, PoolBound),
    /// The direct book's best offer.
    Book(BookTop),
}

/// The pair's fixed facts while crossing.
struct Market {
    pays_issue: Issue,
    gets_issue: Issue,
    /// The direct book: offers that give what we want (their TakerGets = our pays) for what we
    /// give, from its first to its last quality.
    base: Hash256,
    end: Hash256,
    /// Our limit in the book's terms (what we give per unit we get), encoded and as a Number.
    threshold: u64,
    limit_rate: Option<Number>,
    /// The limit as rippled's flow holds it (a passive offer's one notch better), if any.
    limit_quality: Option<u64>,
}

impl Market {
    fn within_limit(&self, order: &Order<'_>, rate: Number) -> bool {
        self.limit_rate
            .is_none_or(|limit| match rate.cmp_value(limit) {
                Ordering::Less => true,
                Ordering::Equal => !order.passive,
                Ordering::Greater => false,
            })
    }

    /// The best source for the next step (None: nothing left within the limit). rippled's
    /// active strands decide how pools are sized: the direct strand alone (no bridge within the
    /// limit) as on a single path; the bridge alone (no direct book offer, no direct pool within
    /// the limit) with its leg pools bounded by the limit on average; both live, Fibonacci-sized
    /// (`multi_path`).
    fn next_source(
        &self,
        view: &mut ApplyView<'_>,
        order: &Order<'_>,
        turns: Turns,
        amm: &mut AmmContext,
    ) -> Result<Option<Source>, Ter> {
        let top = best_offer(
            view,
            &self.base,
            &self.end,
            order,
            &self.pays_issue,
            self.threshold,
        )?;
        let bridge = match order.bridge && turns.bridge {
            true => best_bridge(view, order, None, &self.gets_issue, &self.pays_issue)?
                .filter(|b| self.within_limit(order, b.rate)),
            false => None,
        };
        let Some(bridge) = bridge else {
            return Ok(self.single_path(view, order, turns, top));
        };
        let direct_active = top.is_some()
            || (turns.pool
                && pool_side(view, order.taker, &self.gets_issue, &self.pays_issue)
                    .is_some_and(|pool| self.within_limit(order, spot_rate(&pool))));
        if direct_active {
            return self.multi_path(view, order, turns, amm, top);
        }
        // The bridge is the only strand: pools on its legs move as far as the taker's limit
        // allows on average (rippled's single-strand `limitOut`).
        let bound = match self.limit_rate {
            Some(limit) => PoolBound::Average(limit),
            None => PoolBound::Unbounded,
        };
        Ok(Some(Source::Bridge(Box::new(bridge), bound)))
    }
}

impl Market {
    /// The next source while both strands — the direct book and pool, and the XRP bridge — have
    /// liquidity within the limit (rippled's `AMMContext::multiPath`): every pool offers its
    /// Fibonacci-sized slice, the direct strand's tip is its pool's offer unless the book's best
    /// offer is better, and the direct strand wins ties with the bridge, as rippled's default
    /// path comes first among the strands.
    fn multi_path(
        &self,
        view: &mut ApplyView<'_>,
        order: &Order<'_>,
        turns: Turns,
        amm: &mut AmmContext,
        top: Option<BookTop>,
    ) -> Result<Option<Source>, Ter> {
        let pool = turns
            .pool
            .then(|| pool_side(view, order.taker, &self.gets_issue, &self.pays_issue))
            .flatten()
            .and_then(|pool| {
                multi_path_offer(&pool, amm, top.as_ref().map(|t| t.quality))
                    .filter(|offer| {
                        self.within_limit(order, rate_of(&offer.taker_pays, &offer.taker_gets))
                    })
                    .map(|offer| (pool, offer))
            });
        let direct_rate = match (&pool, &top) {
            (Some((_, offer)), _) => Some(rate_of(&offer.taker_pays, &offer.taker_gets)),
            (None, Some(t)) => Some(rate_of(&t.offer.taker_pays, &t.offer.taker_gets)),
            (None, None) => None,
        };
        let bridge = best_bridge(view, order, Some(amm), &self.gets_issue, &self.pays_issue)?
            .filter(|b| self.within_limit(order, b.rate));
        if let Some(bridge) = bridge
            && direct_rate.is_none_or(|direct| bridge.rate.cmp_value(direct).is_lt())
        {
            return Ok(Some(Source::Bridge(Box::new(bridge), PoolBound::Unbounded)));
        }
        Ok(match pool {
            Some((pool, offer)) => Some(Source::FibOffer(pool, offer)),
            None => top.map(Source::Book),
        })
    }
}

impl Market {
    /// The next source with no bridge in play — one strand, in rippled's terms: the pool's
    /// synthetic offer sized against the book's best quality (rippled's `BookStep` asks
    /// `AMMLiquidity::getOffer` first, every pass), else the book offer.
    fn single_path(
        &self,
        view: &ApplyView<'_>,
        order: &Order<'_>,
        turns: Turns,
        top: Option<BookTop>,
    ) -> Option<Source> {
        let pool = (turns.pool && turns.pool_uses < MAX_POOL_ITERATIONS)
            .then(|| pool_side(view, order.taker, &self.gets_issue, &self.pays_issue))
            .flatten();
        let clob = match &top {
            Some(top) => Some(top.quality),
            // A payment's book step sizes the pool against the book's best quality even past the
            // payment's limit (rippled's `BookPaymentStep::qualityThreshold`); an offer's sizes
            // it against nothing there, leaving the limit to trim it.
            None if order.respect_limit && order.limit_quality => view
                .first_book_root(&self.base, &self.end)
                .map(|dir| keylet::quality_of(&dir)),
            None => None,
        };
        if let Some(pool) = pool
            && let Some(offer) = pool_offer(&pool, clob)
        {
            return Some(Source::PoolOffer(pool, offer, self.limit_quality));
        }
        top.map(Source::Book)
    }
}

impl Market {
    /// The next source for a book step of a payment with several strands (rippled's
    /// `BookStep::forEachOffer` under `AMMContext::multiPath`): the pool's Fibonacci-sized offer
    /// at most once per pass, and only if better than the book's best offer; then book offers.
    fn payment_multi_path(
        &self,
        view: &mut ApplyView<'_>,
        order: &Order<'_>,
        turns: Turns,
        amm: &mut AmmContext,
    ) -> Result<Option<Source>, Ter> {
        let top = best_offer(
            view,
            &self.base,
            &self.end,
            order,
            &self.pays_issue,
            self.threshold,
        )?;
        let pool = (turns.pool && turns.pool_uses == 0)
            .then(|| pool_side(view, order.taker, &self.gets_issue, &self.pays_issue))
            .flatten()
            .and_then(|pool| {
                multi_path_offer(&pool, amm, top.as_ref().map(|t| t.quality))
                    .filter(|offer| {
                        self.within_limit(order, rate_of(&offer.taker_pays, &offer.taker_gets))
                    })
                    .map(|offer| (pool, offer))
            });
        Ok(match pool {
            Some((pool, offer)) => Some(Source::FibOffer(pool, offer)),
            None => top.map(Source::Book),
        })
    }
}

/// Crosses `order` against the book, the pool and (for a token/token offer) the XRP bridge;
/// the caller decides what to do with the remainder.
pub fn cross(view: &mut ApplyView<'_>, order: &Order<'_>) -> Result<Crossed, Ter> {
    cross_with(view, order, None)
}

/// Crosses `order` as one book step of one pass of a payment; with `payment` (the payment's
/// `AMMContext` while it has several strands), the pool offers its Fibonacci-sized slice for
/// the payment's pass, and the flow engine counts the pass (`AmmContext::update`).
pub fn cross_with(
    view: &mut ApplyView<'_>,
    order: &Order<'_>,
    mut payment: Option<&mut AmmContext>,
) -> Result<Crossed, Ter> {
    let (pays_issue, gets_issue) = (issue_of(order.pays), issue_of(order.gets));
    let base = keylet::book(&gets_issue, &pays_issue);
    let market = Market {
        pays_issue,
        gets_issue,
        base,
        end: keylet::quality_next(&base),
        threshold: quality(order.gets, order.pays),
        limit_rate: order.limit_quality.then(|| rate_of(order.gets, order.pays)),
        limit_quality: order
            .limit_quality
            .then(|| flow_threshold(view, order, &gets_issue)),
    };
    let issues = (&gets_issue, &pays_issue);
    let mut done = Crossed {
        got: Quantity::zero(kind_of(&pays_issue)),
        paid: Quantity::zero(kind_of(&gets_issue)),
    };
    let want = order.pays.quantity();
    let give = order.gets.quantity();
    let mut turns = Turns {
        pool: true,
        bridge: true,
        pool_uses: 0,
    };
    let mut amm = AmmContext::default();
    if order.bridge {
        // rippled reads each pool's initial balances when it builds the strands, before any
        // pass; the Fibonacci sizes start from them.
        let xrp = Issue::XRP;
        for (from, to) in [
            (&gets_issue, &pays_issue),
            (&gets_issue, &xrp),
            (&xrp, &pays_issue),
        ] {
            if let Some(pool) = pool_side(view, order.taker, from, to) {
                amm.initial(&pool);
            }
        }
    }

    // Every step consumes an offer or moves a pool to the next price; the cap only guards
    // against an engine bug, as rippled's payment engine bounds its passes.
    for _ in 0..MAX_STEPS {
        let want_left = q::sub(want, done.got)?;
        let give_left = q::sub(give, done.paid)?;
        if !q::is_positive(give_left) || (!order.sell && !q::is_positive(want_left)) {
            break;
        }
        let want = (!order.sell).then_some(want_left);
        let source = match payment.as_deref_mut() {
            Some(context) => market.payment_multi_path(view, order, turns, context)?,
            None => market.next_source(view, order, turns, &mut amm)?,
        };
        let Some(source) = source else {
            break;
        };
        turns.pool = true;
        if matches!(source, Source::Book(_)) {
            turns.bridge = true;
        }
        let step = match source {
            Source::PoolOffer(pool, offer, average_limit) => {
                let left = Remaining {
                    want,
                    give: give_left,
                };
                match take_pool_offer(view, order, &pool, &offer, average_limit, &left, issues)? {
                    Some(step) => {
                        turns.pool_uses += 1;
                        amm.set_used();
                        step
                    }
                    None => {
                        turns.pool = false;
                        continue;
                    }
                }
            }
            Source::FibOffer(pool, offer) => {
                let left = Remaining {
                    want,
                    give: give_left,
                };
                match take_fib_offer(view, order, &pool, &offer, &left, issues)? {
                    Some(step) => {
                        match payment.as_deref_mut() {
                            // One slice per pass: the pass is the payment's, not this crossing's.
                            Some(context) => {
                                context.set_used();
                                turns.pool_uses += 1;
                            }
                            None => amm.set_used(),
                        }
                        step
                    }
                    None => {
                        turns.pool = false;
                        continue;
                    }
                }
            }
            Source::Bridge(bridge, bound) => {
                let left = Remaining {
                    want,
                    give: give_left,
                };
                match take_bridge(view, order, &mut amm, *bridge, bound, &left, issues)? {
                    Some(step) => step,
                    // Nothing through the bridge at this price: the book goes next.
                    None => {
                        turns.bridge = false;
                        continue;
                    }
                }
            }
            Source::Book(top) => {
                match take_offer(view, order, top, want_left, give_left, issues)? {
                    Some(step) => step,
                    None => break,
                }
            }
        };
        // One pass of rippled's payment engine ends here (`AMMContext::update`).
        amm.update();
        done.got = q::add(done.got, step.0)?;
        done.paid = q::add(done.paid, step.1)?;
    }
    Ok(done)
}

/// The limit quality rippled's flow holds a crossing to. A payment's is its own amounts (its
/// SendMax already covers the transfer fee); an offer's counts the transfer fee the taker pays
/// on what it gives (rippled's `CreateOffer::flowCross` raises SendMax by the issuer's rate), and
/// a passive offer's is one notch better, so an equal price does not cross.
fn flow_threshold(view: &ApplyView<'_>, order: &Order<'_>, gets_issue: &Issue) -> u64 {
    let send_max = match order.respect_limit {
        true => None,
        false => fee_rate(view, gets_issue, order.taker, order.taker)
            .and_then(|rate| {
                mul_round(
                    order.gets.quantity(),
                    Quantity::Iou(rate),
                    kind_of(gets_issue),
                    true,
                )
                .ok()
            })
            .map(|gross| amount_of(gets_issue, gross)),
    };
    let threshold = quality(send_max.as_ref().unwrap_or(order.gets), order.pays);
    threshold.saturating_sub(u64::from(order.passive))
}

/// Trades with one book offer at its price: as much as the taker wants (everything it can, for
/// tfSell), the offer's owner can deliver, the receiver can hold and the taker can pay for.
/// Returns what the receiver got and the taker gave (None: the taker can pay for nothing).
pub(super) fn take_offer(
    view: &mut ApplyView<'_>,
    order: &Order<'_>,
    top: BookTop,
    want_left: Quantity,
    give_left: Quantity,
    issues: (&Issue, &Issue),
) -> Result<Option<(Quantity, Quantity)>, Ter> {
    let (gets_issue, pays_issue) = issues;
    let (pays_kind, gets_kind) = (kind_of(pays_issue), kind_of(gets_issue));
    let BookTop {
        key,
        offer,
        mut available,
        ..
    } = top;
    let offer_gets = offer.taker_gets.quantity();
    let offer_pays = offer.taker_pays.quantity();
    let budget = deliverable(view, order.taker, &offer.account, gets_issue, give_left)?;
    if !q::is_positive(budget) {
        return Ok(None);
    }
    if order.respect_limit {
        match room(view, order.receiver, pays_issue) {
            Some(room) if q::is_positive(room) => available = q::min(available, room),
            Some(_) => return Ok(None),
            None => {}
        }
    }
    // The book offer's price: what it wants per unit it gives.
    let rate = divide(offer_pays, offer_gets, QuantityKind::Iou).map_err(|_| Ter::tecINTERNAL)?;
    let take = if order.sell {
        available
    } else {
        q::min(available, want_left)
    };
    let cost_of = |amount: Quantity| -> Result<Quantity, Ter> {
        if q::cmp(amount, offer_gets) == Ordering::Equal {
            return Ok(offer_pays);
        }
        mul_round(amount, rate, gets_kind, true).map_err(|_| Ter::tecINTERNAL)
    };
    let (take, cost) = match cost_of(take)? {
        cost if q::cmp(cost, budget).is_le() => (take, cost),
        _ => {
            let take = div_round(budget, rate, pays_kind, false).map_err(|_| Ter::tecINTERNAL)?;
            let take = q::min(take, available);
            (take, q::min(cost_of(take)?, budget))
        }
    };
    if !q::is_positive(take) || !q::is_positive(cost) {
        return Ok(None);
    }
    transfer(
        view,
        &offer.account,
        order.receiver,
        &amount_of(pays_issue, take),
    )?;
    transfer(
        view,
        order.taker,
        &offer.account,
        &amount_of(gets_issue, cost),
    )?;
    let gets_left = q::sub(offer_gets, take)?;
    let pays_left = q::sub(offer_pays, cost)?;
    if q::is_positive(gets_left) && q::is_positive(pays_left) {
        let mut updated = offer.clone();
        updated.taker_gets = amount_of(pays_issue, gets_left);
        updated.taker_pays = amount_of(gets_issue, pays_left);
        view.update(key, LedgerEntry::Offer(updated));
    } else {
        offers::remove(view, &key, &offer);
    }
    Ok(Some((take, cost)))
}
