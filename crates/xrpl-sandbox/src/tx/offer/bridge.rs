//! XRP auto-bridging: an offer trading one token for another may also cross the two XRP legs
//! between them — selling its token for XRP, then that XRP for the token it wants — whenever
//! the composite price beats the direct book and pool.
//!
//! rippled's offer crossing runs the payment engine with two strands, the direct book and the
//! bridge through XRP, and at each step takes the strand with the better quality; a bridged
//! step's quality is the product of its two legs' best qualities, and it consumes liquidity on
//! each leg (both appear in the metadata). Each leg's best source is its book's best offer or
//! its AMM pool, whichever is better, as in the direct book. The XRP passes through the taker's
//! account and nets to nothing. While the direct strand also has liquidity within the taker's
//! limit (rippled's multi-path), each pool on a leg offers a Fibonacci-sized slice at its own
//! quality (`tx/amm/fib_offer.rs`). Otherwise the bridge is rippled's only strand, and a pool on
//! a leg moves until the step's average price meets the taker's limit; with pools on both legs
//! the strand's combined quality function (rippled's `QualityFunction::combine`) gives how far
//! the pair may go before their average price meets it.
//! Rules: <https://xrpl.org/docs/concepts/tokens/decentralized-exchange/autobridging>.

use xrpl_proto::amount::{Issue, Quantity, Rounding, div_round, mul_round};

use super::crossing::{Order, take_offer};
use super::liquidity::{
    BookTop, PoolBound, Remaining, best_offer, deliverable, take_fib_offer, take_from_pool,
};
use crate::apply::assets::{amount_of, kind_of};
use crate::apply::quantity as q;
use crate::apply::view::ApplyView;
use crate::proto::{AccountId, keylet};
use crate::result::Ter;
use crate::tx::amm::fib_offer::{AmmContext, limit_in, limit_out, multi_path_offer};
use crate::tx::amm::math::fee;
use crate::tx::amm::number::Number;
use crate::tx::amm::pool::{amount_of as pool_amount_of, number};
use crate::tx::amm::pool_offer::PoolOffer;
use crate::tx::amm::quality::{
    PoolSide, input_to_average_rate, input_to_rate, pool_side, rate_of, spot_rate,
};
use crate::tx::amm::swap::{swap_in, swap_out};

const NEAREST: Rounding = Rounding::ToNearest;

/// One leg's best source.
pub enum Leg {
    /// The leg's best book offer.
    Book(BookTop),
    /// The leg's pool, better than its book (whose best price, if any, bounds the pool).
    Pool {
        /// The pool as the taker sees it.
        pool: PoolSide,
        /// The leg's best book price.
        book_rate: Option<Number>,
    },
    /// With several strands: the leg's pool's Fibonacci-sized offer, at least as good as its
    /// book's best offer.
    FibPool {
        /// The pool as the taker sees it.
        pool: PoolSide,
        /// Its offer for this pass.
        offer: PoolOffer,
    },
}

impl Leg {
    /// The leg's price: what goes in per unit out.
    fn rate(&self) -> Number {
        match self {
            Leg::Book(top) => rate_of(&top.offer.taker_pays, &top.offer.taker_gets),
            Leg::Pool { pool, .. } => spot_rate(pool),
            Leg::FibPool { offer, .. } => rate_of(&offer.taker_pays, &offer.taker_gets),
        }
    }

    /// Who the taker pays on this leg.
    fn counterparty(&self) -> &AccountId {
        match self {
            Leg::Book(top) => &top.offer.account,
            Leg::Pool { pool, .. } | Leg::FibPool { pool, .. } => &pool.account,
        }
    }
}

/// The best source of each leg, and the price of trading through both.
pub struct Bridge {
    /// Gives XRP for the token the taker gives.
    pub first: Leg,
    /// Gives the token the taker wants for XRP.
    pub second: Leg,
    /// What the taker gives per unit it gets through the bridge, at the legs' current prices.
    pub rate: Number,
}

/// A leg's order: the same taker, no limit of its own (the composite price is judged whole).
fn leg_order<'a>(order: &Order<'a>, receiver: &'a AccountId) -> Order<'a> {
    Order {
        taker: order.taker,
        receiver,
        limit_quality: false,
        respect_limit: false,
        pays: order.pays,
        gets: order.gets,
        sell: false,
        passive: false,
        bridge: false,
    }
}

/// The better of a leg's book and pool; with several strands (`amm`), the pool's
/// Fibonacci-sized offer unless the book's best offer is better (rippled's `BookStep` tip).
fn best_leg(
    view: &mut ApplyView<'_>,
    order: &Order<'_>,
    amm: Option<&mut AmmContext>,
    in_issue: &Issue,
    out_issue: &Issue,
) -> Result<Option<Leg>, Ter> {
    let base = keylet::book(in_issue, out_issue);
    let end = keylet::quality_next(&base);
    let top = best_offer(view, &base, &end, order, out_issue, 0)?;
    if let Some(amm) = amm {
        let pool = pool_side(view, order.taker, in_issue, out_issue).and_then(|pool| {
            multi_path_offer(&pool, amm, top.as_ref().map(|t| t.quality))
                .map(|offer| Leg::FibPool { pool, offer })
        });
        return Ok(pool.or(top.map(Leg::Book)));
    }
    let book_rate = top
        .as_ref()
        .map(|t| rate_of(&t.offer.taker_pays, &t.offer.taker_gets));
    let pool = pool_side(view, order.taker, in_issue, out_issue)
        .filter(|pool| book_rate.is_none_or(|book| spot_rate(pool).cmp_value(book).is_lt()));
    Ok(match (pool, top) {
        (Some(pool), _) => Some(Leg::Pool { pool, book_rate }),
        (None, top) => top.map(Leg::Book),
    })
}

/// The bridge's two legs, if both have liquidity; pools on them Fibonacci-sized with several
/// strands (`amm`).
pub fn best_bridge(
    view: &mut ApplyView<'_>,
    order: &Order<'_>,
    mut amm: Option<&mut AmmContext>,
    in_issue: &Issue,
    out_issue: &Issue,
) -> Result<Option<Bridge>, Ter> {
    let first_order = leg_order(order, order.taker);
    let Some(first) = best_leg(
        view,
        &first_order,
        amm.as_deref_mut(),
        in_issue,
        &Issue::XRP,
    )?
    else {
        return Ok(None);
    };
    let second_order = leg_order(order, order.receiver);
    let Some(second) = best_leg(view, &second_order, amm, &Issue::XRP, out_issue)? else {
        return Ok(None);
    };
    let rate = first.rate().mul(second.rate(), NEAREST);
    Ok(Some(Bridge {
        first,
        second,
        rate,
    }))
}

/// One leg's reach within its bound, in its own terms.
struct Reach<'a> {
    leg: &'a Leg,
    in_issue: &'a Issue,
    out_issue: &'a Issue,
    /// For a pool: the most that may go in before its spot price passes its bound.
    pool_cap: Option<Quantity>,
}

impl Reach<'_> {
    fn internal<E>(_: E) -> Ter {
        Ter::tecINTERNAL
    }

    /// The most the leg can deliver.
    fn max_out(&self) -> Result<Quantity, Ter> {
        match (self.leg, self.pool_cap) {
            (Leg::Book(top), _) => Ok(top.available),
            (Leg::Pool { .. }, None) => Ok(Quantity::zero(kind_of(self.out_issue))),
            (Leg::Pool { .. }, Some(cap)) => self.out_for(cap),
            (Leg::FibPool { offer, .. }, _) => Ok(offer.taker_gets.quantity()),
        }
    }

    /// What `out` delivered costs going in.
    fn cost(&self, out: Quantity) -> Result<Quantity, Ter> {
        let kind = kind_of(self.in_issue);
        match self.leg {
            Leg::Book(top) => {
                let rate = book_rate(top)?;
                mul_round(out, rate, kind, true).map_err(Self::internal)
            }
            // A pool delivers with the transfer fee waived (see `liquidity.rs`).
            Leg::Pool { pool, .. } => {
                let asked = amount_of(self.out_issue, out);
                Ok(swap_out(&pool.pool_in, &pool.pool_out, &asked, pool.tfee)
                    .map_or(Quantity::zero(kind), |a| a.quantity()))
            }
            Leg::FibPool { offer, .. } => limit_out(offer, out).ok_or(Ter::tecINTERNAL),
        }
    }

    /// What `input` going in delivers.
    fn out_for(&self, input: Quantity) -> Result<Quantity, Ter> {
        let kind = kind_of(self.out_issue);
        match self.leg {
            Leg::Book(top) => {
                let out = div_round(input, book_rate(top)?, kind, false).map_err(Self::internal)?;
                Ok(q::min(out, top.available))
            }
            Leg::Pool { pool, .. } => {
                let given = amount_of(self.in_issue, input);
                Ok(swap_in(&pool.pool_in, &pool.pool_out, &given, pool.tfee)
                    .map_or(Quantity::zero(kind), |out| out.quantity()))
            }
            Leg::FibPool { offer, .. } => limit_in(offer, input).ok_or(Ter::tecINTERNAL),
        }
    }
}

/// Trades `want` out of a leg, paying at most `give`; a pool taken counts towards the pass
/// (rippled's `AMMContext::setAMMUsed`).
fn take_leg(
    view: &mut ApplyView<'_>,
    order: &Order<'_>,
    amm: &mut AmmContext,
    leg: Leg,
    want: Quantity,
    give: Quantity,
    issues: (&Issue, &Issue),
) -> Result<Option<(Quantity, Quantity)>, Ter> {
    let left = Remaining {
        want: Some(want),
        give,
    };
    let taken = match leg {
        Leg::Book(top) => return take_offer(view, order, top, want, give, issues),
        Leg::Pool { pool, .. } => {
            take_from_pool(view, order, &pool, PoolBound::Unbounded, &left, issues)?
        }
        Leg::FibPool { pool, offer } => take_fib_offer(view, order, &pool, &offer, &left, issues)?,
    };
    if taken.is_some() {
        amm.set_used();
    }
    Ok(taken)
}

fn book_rate(top: &BookTop) -> Result<Quantity, Ter> {
    xrpl_proto::amount::divide(
        top.offer.taker_pays.quantity(),
        top.offer.taker_gets.quantity(),
        xrpl_proto::amount::QuantityKind::Iou,
    )
    .map_err(|_| Ter::tecINTERNAL)
}

/// rippled's `QualityFunction` of a pool on a single path: taking `out` from it has the
/// average quality (out per in) `b + m·out`, with `b = g·O/I` and `m = −g/I` (`g` = 1 − fee,
/// `I`/`O` the pool's balances of what goes in and what comes out). Returns (m, b).
fn pool_quality_fn(pool: &PoolSide) -> (Number, Number) {
    let g = Number::from_i64(1).sub(fee(pool.tfee), Rounding::ToNearest);
    let g_per_in = g.div(number(&pool.pool_in), Rounding::ToNearest);
    (
        -g_per_in,
        g_per_in.mul(number(&pool.pool_out), Rounding::ToNearest),
    )
}

/// The input caps of a bridge through two pools alone, so that the strand's average price
/// meets the taker's limit `rate` (in per out), as rippled's `StrandFlow` limits a strand by
/// its combined quality function (`QualityFunction::combine`, `outFromAvgQ`): the output
/// `(1/rate − b)/m` of the combined function, then what each pool asks for it (equation 6).
/// None when the strand's best price is already past the limit.
fn two_pool_caps(
    first: &PoolSide,
    second: &PoolSide,
    rate: Number,
    out_issue: &Issue,
) -> Option<(Quantity, Quantity)> {
    let ((m1, b1), (m2, b2)) = (pool_quality_fn(first), pool_quality_fn(second));
    let up = Rounding::Upward;
    let m = m1.add(b1.mul(m2, up), up);
    let b = b1.mul(b2, up);
    let limit_quality = Number::from_i64(1).div(rate, up);
    let out = limit_quality.sub(b, up).div(m, up);
    if out.is_zero() || out.is_negative() {
        return None;
    }
    let out = pool_amount_of(out_issue, out, Rounding::Downward)?;
    let xrp = swap_out(&second.pool_in, &second.pool_out, &out, second.tfee)?;
    let given = swap_out(&first.pool_in, &first.pool_out, &xrp, first.tfee)?;
    Some((given.quantity(), xrp.quantity()))
}

/// The most that may go into a pool leg (None: nothing): no further than its own book's price,
/// and than `average` for the step's average price.
fn pool_cap(leg: &Leg, average: Option<Number>) -> Option<Quantity> {
    let Leg::Pool { pool, book_rate } = leg else {
        return None;
    };
    let spot = *book_rate;
    let caps = [
        spot.map(|rate| input_to_rate(pool, rate)),
        average.map(|rate| input_to_average_rate(pool, rate)),
    ];
    let mut cap: Option<Quantity> = None;
    for room in caps.into_iter().flatten() {
        let room = room?.quantity();
        cap = Some(cap.map_or(room, |c| q::min(c, room)));
    }
    cap
}

/// Trades through the bridge as far as its tighter leg allows: what the second leg can
/// deliver, what the taker still wants (`left.want`; None for tfSell), the first leg's XRP, and
/// what the taker can pay for it (`left.give`). Spot-priced pools on the legs (the bridge alone)
/// move until the step's average price meets the taker's limit (`bound`, `Average`; for one
/// pool leg, its own average within the limit over the other leg's price); Fibonacci-sized
/// ones give at most their offer. Returns what the receiver got and the taker gave (None:
/// nothing could be traded).
pub fn take_bridge(
    view: &mut ApplyView<'_>,
    order: &Order<'_>,
    amm: &mut AmmContext,
    bridge: Bridge,
    bound: PoolBound,
    left: &Remaining,
    issues: (&Issue, &Issue),
) -> Result<Option<(Quantity, Quantity)>, Ter> {
    let (in_issue, out_issue) = issues;
    let xrp = Issue::XRP;
    let Bridge {
        first,
        second,
        rate: _,
    } = bridge;
    let (first_rate, second_rate) = (first.rate(), second.rate());
    let (first_reach, second_reach) = match (&first, &second, bound) {
        // Two pools alone: the strand goes on until its average price meets the limit.
        (Leg::Pool { pool: p1, .. }, Leg::Pool { pool: p2, .. }, PoolBound::Average(limit)) => {
            let Some((first_cap, second_cap)) = two_pool_caps(p1, p2, limit, out_issue) else {
                return Ok(None);
            };
            let capped = |leg: &Leg, cap: Quantity| {
                Some(pool_cap(leg, None).map_or(cap, |book| q::min(book, cap)))
            };
            (
                Reach {
                    leg: &first,
                    in_issue,
                    out_issue: &xrp,
                    pool_cap: capped(&first, first_cap),
                },
                Reach {
                    leg: &second,
                    in_issue: &xrp,
                    out_issue,
                    pool_cap: capped(&second, second_cap),
                },
            )
        }
        _ => {
            // One pool leg: its own average within the limit over the other leg's price.
            let (first_average, second_average) = match bound {
                PoolBound::Average(limit) => (
                    Some(limit.div(second_rate, Rounding::Downward)),
                    Some(limit.div(first_rate, Rounding::Downward)),
                ),
                _ => (None, None),
            };
            (
                Reach {
                    leg: &first,
                    in_issue,
                    out_issue: &xrp,
                    pool_cap: pool_cap(&first, first_average),
                },
                Reach {
                    leg: &second,
                    in_issue: &xrp,
                    out_issue,
                    pool_cap: pool_cap(&second, second_average),
                },
            )
        }
    };
    let most_out = second_reach.max_out()?;
    let (want, give) = (left.want, left.give);
    let mut out = want.map_or(most_out, |w| q::min(w, most_out));
    let xrp_for_out = second_reach.cost(out)?;
    let budget = deliverable(view, order.taker, first.counterparty(), in_issue, give)?;
    let budget = match first_reach.pool_cap {
        Some(cap) => q::min(budget, cap),
        None => budget,
    };
    let xrp_affordable = first_reach.out_for(budget)?;
    let xrp_through = q::min(q::min(xrp_for_out, first_reach.max_out()?), xrp_affordable);
    if q::cmp(xrp_through, xrp_for_out).is_lt() {
        out = q::min(out, second_reach.out_for(xrp_through)?);
    }
    if !q::is_positive(out) || !q::is_positive(xrp_through) {
        return Ok(None);
    }
    let first_order = leg_order(order, order.taker);
    let first_issues = (in_issue, &xrp);
    let Some((xrp_got, paid)) = take_leg(
        view,
        &first_order,
        amm,
        first,
        xrp_through,
        give,
        first_issues,
    )?
    else {
        return Ok(None);
    };
    let mut second_order = leg_order(order, order.receiver);
    second_order.respect_limit = order.respect_limit;
    let got = take_leg(
        view,
        &second_order,
        amm,
        second,
        out,
        xrp_got,
        (&xrp, out_issue),
    )?
    .map_or(Quantity::zero(kind_of(out_issue)), |(got, _)| got);
    Ok(Some((got, paid)))
}
