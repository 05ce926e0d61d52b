//! Crossing a new offer — or a cross-currency payment — against the opposite order book and
//! the AMM pool for the pair, best quality first.
//!
//! The taker wants `pays` and gives `gets`. At each step it compares the best book offer's
//! price with the pool's spot price after the trading fee. When the pool is better it takes a
//! synthetic pool offer sized so that the pool's new spot price meets the book offer's (or the
//! taker's own limit, with no book offer left), as rippled's `AMMLiquidity` does; otherwise it
//! takes the book offer at that offer's price. It stops when filled, out of funds, or when
//! neither source is at least as good as its own price (strictly better for a passive offer).
//! Rules: <https://xrpl.org/docs/concepts/tokens/decentralized-exchange/offers>,
//! <https://xrpl.org/docs/concepts/tokens/decentralized-exchange/automated-market-makers>.

use std::cmp::Ordering;

use xrpl_proto::amount::{Amount, Issue, Quantity, QuantityKind, div_round, divide, mul_round};

use super::bridge::{best_bridge, take_bridge};
use super::liquidity::{
    BookTop, PoolBound, Remaining, best_offer, deliverable, room, take_from_pool,
};
use crate::apply::assets::{amount_of, issue_of, kind_of, transfer};
use crate::apply::offers::{self, quality};
use crate::apply::quantity as q;
use crate::apply::view::ApplyView;
use crate::ledger::entry::LedgerEntry;
use crate::proto::{AccountId, keylet};
use crate::result::Ter;
use crate::tx::amm::number::Number;
use crate::tx::amm::quality::{pool_side, rate_of, spot_rate};

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

/// Crosses `order` against the book and the pool; the caller decides what to do with the
/// remainder.
pub fn cross(view: &mut ApplyView<'_>, order: &Order<'_>) -> Result<Crossed, Ter> {
    let (pays_issue, gets_issue) = (issue_of(order.pays), issue_of(order.gets));
    // Offers that give what we want (their TakerGets = our pays) for what we give.
    let base = keylet::book(&gets_issue, &pays_issue);
    let end = keylet::quality_next(&base);
    // Our limit in their terms: what we give per unit we get.
    let threshold = quality(order.gets, order.pays);
    let limit_rate = order.limit_quality.then(|| rate_of(order.gets, order.pays));
    let mut done = Crossed {
        got: Quantity::zero(kind_of(&pays_issue)),
        paid: Quantity::zero(kind_of(&gets_issue)),
    };
    let want = order.pays.quantity();
    let give = order.gets.quantity();
    // After a pool step sized to the book's best price, the book offer comes next: the pool,
    // rounded in its own favour, must not be asked again for a sliver at the same price.
    let mut pool_turn = true;

    loop {
        let want_left = q::sub(want, done.got)?;
        let give_left = q::sub(give, done.paid)?;
        if !q::is_positive(give_left) || (!order.sell && !q::is_positive(want_left)) {
            break;
        }
        let top = best_offer(view, &base, &end, order, &pays_issue, threshold)?;
        let book_rate = top
            .as_ref()
            .map(|t| rate_of(&t.offer.taker_pays, &t.offer.taker_gets));
        let within_limit = |rate: Number| {
            limit_rate.is_none_or(|limit| match rate.cmp_value(limit) {
                Ordering::Less => true,
                Ordering::Equal => !order.passive,
                Ordering::Greater => false,
            })
        };
        let bridge = match order.bridge {
            true => {
                best_bridge(view, order, &gets_issue, &pays_issue)?.filter(|b| within_limit(b.rate))
            }
            false => None,
        };
        // The best price the pool competes with: the direct book's or the bridge's.
        let next_rate = match (book_rate, bridge.as_ref().map(|b| b.rate)) {
            (Some(book), Some(bridged)) => Some(if bridged.cmp_value(book).is_lt() {
                bridged
            } else {
                book
            }),
            (book, bridged) => book.or(bridged),
        };
        let pool = pool_turn
            .then(|| pool_side(view, order.taker, &gets_issue, &pays_issue))
            .flatten()
            .filter(|pool| {
                let spot = spot_rate(pool);
                next_rate.is_none_or(|r| spot.cmp_value(r).is_lt()) && within_limit(spot)
            });
        let left = Remaining {
            want: (!order.sell).then_some(want_left),
            give: give_left,
        };
        if let Some(pool) = pool {
            // Down to the next best price, or the taker's limit with nothing else in reach.
            let bound = match (next_rate, limit_rate) {
                (Some(next), _) => PoolBound::Spot(next),
                (None, Some(limit)) => PoolBound::Average(limit),
                (None, None) => PoolBound::Unbounded,
            };
            pool_turn = false;
            let issues = (&gets_issue, &pays_issue);
            if let Some((got, paid)) = take_from_pool(view, order, &pool, bound, &left, issues)? {
                done.got = q::add(done.got, got)?;
                done.paid = q::add(done.paid, paid)?;
            }
            continue;
        }
        // The direct book wins ties, as rippled's default path comes first among the strands.
        if let Some(bridge) = bridge
            && book_rate.is_none_or(|book| bridge.rate.cmp_value(book).is_lt())
        {
            pool_turn = true;
            let issues = (&gets_issue, &pays_issue);
            match take_bridge(view, order, bridge, left.want, give_left, issues)? {
                Some((got, paid)) => {
                    done.got = q::add(done.got, got)?;
                    done.paid = q::add(done.paid, paid)?;
                }
                None => break,
            }
            continue;
        }
        pool_turn = true;
        let Some(top) = top else {
            break;
        };
        match take_offer(
            view,
            order,
            top,
            want_left,
            give_left,
            (&gets_issue, &pays_issue),
        )? {
            Some((got, paid)) => {
                done.got = q::add(done.got, got)?;
                done.paid = q::add(done.paid, paid)?;
            }
            None => break,
        }
    }
    Ok(done)
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
