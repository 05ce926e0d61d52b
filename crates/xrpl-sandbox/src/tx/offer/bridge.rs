//! XRP auto-bridging: an offer trading one token for another may also cross the two XRP legs
//! between them — selling its token for XRP, then that XRP for the token it wants — whenever
//! the composite price beats the direct book and pool.
//!
//! rippled's offer crossing runs the payment engine with two strands, the direct book and the
//! bridge through XRP, and at each step takes the strand with the better quality; a bridged
//! step's quality is the product of its two legs' best qualities, and it consumes liquidity on
//! each leg (both appear in the metadata). Each leg's best source is its book's best offer or
//! its AMM pool, whichever is better, as in the direct book. The XRP passes through the taker's
//! account and nets to nothing. A pool on a leg moves only as far as keeps the bridge's marginal
//! price within the next best price (the direct book or pool, or the taker's limit), shared
//! between the legs when both are pools; rippled lets the bridge's average price reach the
//! taker's limit, so with nothing else in reach it may fill a little more.
//! Rules: <https://xrpl.org/docs/concepts/tokens/decentralized-exchange/autobridging>.

use xrpl_proto::amount::{Issue, Quantity, Rounding, div_round, mul_round};

use super::crossing::{Order, take_offer};
use super::liquidity::{BookTop, PoolBound, Remaining, best_offer, deliverable, take_from_pool};
use crate::apply::assets::{amount_of, fee_rate, gross, kind_of};
use crate::apply::quantity as q;
use crate::apply::view::ApplyView;
use crate::proto::{AccountId, keylet};
use crate::result::Ter;
use crate::tx::amm::number::Number;
use crate::tx::amm::quality::{PoolSide, input_to_rate, pool_side, rate_of, spot_rate};
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
}

impl Leg {
    /// The leg's price: what goes in per unit out.
    fn rate(&self) -> Number {
        match self {
            Leg::Book(top) => rate_of(&top.offer.taker_pays, &top.offer.taker_gets),
            Leg::Pool { pool, .. } => spot_rate(pool),
        }
    }

    /// Who the taker pays on this leg.
    fn counterparty(&self) -> &AccountId {
        match self {
            Leg::Book(top) => &top.offer.account,
            Leg::Pool { pool, .. } => &pool.account,
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

/// The better of a leg's book and pool.
fn best_leg(
    view: &mut ApplyView<'_>,
    order: &Order<'_>,
    in_issue: &Issue,
    out_issue: &Issue,
) -> Result<Option<Leg>, Ter> {
    let base = keylet::book(in_issue, out_issue);
    let end = keylet::quality_next(&base);
    let top = best_offer(view, &base, &end, order, out_issue, 0)?;
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

/// The bridge's two legs, if both have liquidity.
pub fn best_bridge(
    view: &mut ApplyView<'_>,
    order: &Order<'_>,
    in_issue: &Issue,
    out_issue: &Issue,
) -> Result<Option<Bridge>, Ter> {
    let Some(first) = best_leg(view, &leg_order(order, order.taker), in_issue, &Issue::XRP)? else {
        return Ok(None);
    };
    let Some(second) = best_leg(
        view,
        &leg_order(order, order.receiver),
        &Issue::XRP,
        out_issue,
    )?
    else {
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
    /// Who receives what the leg delivers.
    receiver: &'a AccountId,
    /// For a pool: the most that may go in before its spot price passes its bound.
    pool_cap: Option<Quantity>,
}

impl Reach<'_> {
    fn internal<E>(_: E) -> Ter {
        Ter::tecINTERNAL
    }

    /// The most the leg can deliver.
    fn max_out(&self, view: &ApplyView<'_>) -> Result<Quantity, Ter> {
        match (self.leg, self.pool_cap) {
            (Leg::Book(top), _) => Ok(top.available),
            (Leg::Pool { .. }, None) => Ok(Quantity::zero(kind_of(self.out_issue))),
            (Leg::Pool { .. }, Some(cap)) => self.out_for(view, cap),
        }
    }

    /// What `out` delivered costs going in.
    fn cost(&self, view: &ApplyView<'_>, out: Quantity) -> Result<Quantity, Ter> {
        let kind = kind_of(self.in_issue);
        match self.leg {
            Leg::Book(top) => {
                let rate = book_rate(top)?;
                mul_round(out, rate, kind, true).map_err(Self::internal)
            }
            Leg::Pool { pool, .. } => {
                let out = gross(view, self.out_issue, &pool.account, self.receiver, out)?;
                let asked = amount_of(self.out_issue, out);
                Ok(swap_out(&pool.pool_in, &pool.pool_out, &asked, pool.tfee)
                    .map_or(Quantity::zero(kind), |a| a.quantity()))
            }
        }
    }

    /// What `input` going in delivers.
    fn out_for(&self, view: &ApplyView<'_>, input: Quantity) -> Result<Quantity, Ter> {
        let kind = kind_of(self.out_issue);
        match self.leg {
            Leg::Book(top) => {
                let out = div_round(input, book_rate(top)?, kind, false).map_err(Self::internal)?;
                Ok(q::min(out, top.available))
            }
            Leg::Pool { pool, .. } => {
                let given = amount_of(self.in_issue, input);
                let Some(out) = swap_in(&pool.pool_in, &pool.pool_out, &given, pool.tfee) else {
                    return Ok(Quantity::zero(kind));
                };
                match fee_rate(view, self.out_issue, &pool.account, self.receiver) {
                    None => Ok(out.quantity()),
                    Some(rate) => div_round(out.quantity(), Quantity::Iou(rate), kind, false)
                        .map_err(Self::internal),
                }
            }
        }
    }
}

/// Trades `want` out of a leg, paying at most `give`.
fn take_leg(
    view: &mut ApplyView<'_>,
    order: &Order<'_>,
    leg: Leg,
    want: Quantity,
    give: Quantity,
    issues: (&Issue, &Issue),
) -> Result<Option<(Quantity, Quantity)>, Ter> {
    match leg {
        Leg::Book(top) => take_offer(view, order, top, want, give, issues),
        Leg::Pool { pool, .. } => {
            let left = Remaining {
                want: Some(want),
                give,
            };
            take_from_pool(view, order, &pool, PoolBound::Unbounded, &left, issues)
        }
    }
}

fn book_rate(top: &BookTop) -> Result<Quantity, Ter> {
    xrpl_proto::amount::divide(
        top.offer.taker_pays.quantity(),
        top.offer.taker_gets.quantity(),
        xrpl_proto::amount::QuantityKind::Iou,
    )
    .map_err(|_| Ter::tecINTERNAL)
}

/// How far a pool leg may move: to its own book's price, and so that the bridge's marginal
/// price stays within `ceiling` (`headroom` is this leg's share of ceiling / bridge rate).
fn pool_cap(leg: &Leg, headroom: Number) -> Option<Quantity> {
    let Leg::Pool { pool, book_rate } = leg else {
        return None;
    };
    let by_ceiling = spot_rate(pool).mul(headroom, Rounding::Downward);
    let bound = match book_rate {
        Some(book) if book.cmp_value(by_ceiling).is_lt() => *book,
        _ => by_ceiling,
    };
    input_to_rate(pool, bound).map(|a| a.quantity())
}

/// Trades through the bridge as far as its tighter leg allows: what the second leg can
/// deliver, what the taker still wants (`want`; None for tfSell), the first leg's XRP, and what
/// the taker can pay for it; pools on the legs no further than keeps the marginal price within
/// `ceiling`. Returns what the receiver got and the taker gave (None: nothing could be traded).
pub fn take_bridge(
    view: &mut ApplyView<'_>,
    order: &Order<'_>,
    bridge: Bridge,
    ceiling: Number,
    want: Option<Quantity>,
    give: Quantity,
    issues: (&Issue, &Issue),
) -> Result<Option<(Quantity, Quantity)>, Ter> {
    let (in_issue, out_issue) = issues;
    let xrp = Issue::XRP;
    let Bridge {
        first,
        second,
        rate,
    } = bridge;
    // The room between the bridge's price and the ceiling, split evenly when both legs move.
    let mut headroom = ceiling.div(rate, Rounding::Downward);
    if matches!((&first, &second), (Leg::Pool { .. }, Leg::Pool { .. })) {
        headroom = headroom.root2(Rounding::Downward);
    }
    let first_reach = Reach {
        leg: &first,
        in_issue,
        out_issue: &xrp,
        receiver: order.taker,
        pool_cap: pool_cap(&first, headroom),
    };
    let second_reach = Reach {
        leg: &second,
        in_issue: &xrp,
        out_issue,
        receiver: order.receiver,
        pool_cap: pool_cap(&second, headroom),
    };
    let most_out = second_reach.max_out(view)?;
    let mut out = want.map_or(most_out, |w| q::min(w, most_out));
    let xrp_for_out = second_reach.cost(view, out)?;
    let budget = deliverable(view, order.taker, first.counterparty(), in_issue, give)?;
    let budget = match first_reach.pool_cap {
        Some(cap) => q::min(budget, cap),
        None => budget,
    };
    let xrp_affordable = first_reach.out_for(view, budget)?;
    let xrp_through = q::min(
        q::min(xrp_for_out, first_reach.max_out(view)?),
        xrp_affordable,
    );
    if q::cmp(xrp_through, xrp_for_out).is_lt() {
        out = q::min(out, second_reach.out_for(view, xrp_through)?);
    }
    if !q::is_positive(out) || !q::is_positive(xrp_through) {
        return Ok(None);
    }
    let first_order = leg_order(order, order.taker);
    let first_issues = (in_issue, &xrp);
    let Some((xrp_got, paid)) =
        take_leg(view, &first_order, first, xrp_through, give, first_issues)?
    else {
        return Ok(None);
    };
    let mut second_order = leg_order(order, order.receiver);
    second_order.respect_limit = order.respect_limit;
    let got = take_leg(view, &second_order, second, out, xrp_got, (&xrp, out_issue))?
        .map_or(Quantity::zero(kind_of(out_issue)), |(got, _)| got);
    Ok(Some((got, paid)))
}
