//! XRP auto-bridging: an offer trading one token for another may also cross the two XRP legs
//! between them — selling its token for XRP, then that XRP for the token it wants — whenever
//! the composite price beats the direct book and pool.
//!
//! rippled's offer crossing runs the payment engine with two strands, the direct book and the
//! bridge through XRP, and at each step takes the strand with the better quality; a bridged
//! step's quality is the product of its two legs' best qualities, and it consumes liquidity on
//! each leg (both appear in the metadata). Each leg's best source is its book's best offer or
//! its AMM pool, whichever is better, as in the direct book. The XRP passes through the taker's
//! account and nets to nothing. With two strands every pool — the direct one and those on the
//! legs — offers a Fibonacci-sized slice at that slice's own quality (`tx/amm/fib_offer.rs`,
//! rippled's multi-path `AMMLiquidity::getOffer`), taken like a book offer.
//! Rules: <https://xrpl.org/docs/concepts/tokens/decentralized-exchange/autobridging>.

use xrpl_proto::amount::{Issue, Quantity, Rounding, div_round, mul_round};

use super::crossing::{Order, take_offer};
use super::liquidity::{BookTop, Remaining, best_offer, deliverable, take_fib_offer};
use crate::apply::quantity as q;
use crate::apply::view::ApplyView;
use crate::proto::{AccountId, keylet};
use crate::result::Ter;
use crate::tx::amm::fib_offer::{AmmContext, limit_in, limit_out, multi_path_offer};
use crate::tx::amm::number::Number;
use crate::tx::amm::pool_offer::PoolOffer;
use crate::tx::amm::quality::{PoolSide, pool_side, rate_of};

const NEAREST: Rounding = Rounding::ToNearest;

/// One leg's best source.
pub enum Leg {
    /// The leg's best book offer.
    Book(BookTop),
    /// The leg's pool, whose Fibonacci-sized offer is at least as good as its book's best.
    Pool {
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
            Leg::Pool { offer, .. } => rate_of(&offer.taker_pays, &offer.taker_gets),
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

/// The better of a leg's book and pool: the pool's offer for this pass unless its book's best
/// offer is better (rippled's `BookStep` tip).
fn best_leg(
    view: &mut ApplyView<'_>,
    order: &Order<'_>,
    amm: &mut AmmContext,
    in_issue: &Issue,
    out_issue: &Issue,
) -> Result<Option<Leg>, Ter> {
    let base = keylet::book(in_issue, out_issue);
    let end = keylet::quality_next(&base);
    let top = best_offer(view, &base, &end, order, out_issue, 0)?;
    let pool = pool_side(view, order.taker, in_issue, out_issue).and_then(|pool| {
        multi_path_offer(&pool, amm, top.as_ref().map(|t| t.quality))
            .map(|offer| Leg::Pool { pool, offer })
    });
    Ok(pool.or(top.map(Leg::Book)))
}

/// The bridge's two legs, if both have liquidity.
pub fn best_bridge(
    view: &mut ApplyView<'_>,
    order: &Order<'_>,
    amm: &mut AmmContext,
    in_issue: &Issue,
    out_issue: &Issue,
) -> Result<Option<Bridge>, Ter> {
    let first_order = leg_order(order, order.taker);
    let Some(first) = best_leg(view, &first_order, amm, in_issue, &Issue::XRP)? else {
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

/// One leg's reach, in its own terms.
struct Reach<'a> {
    leg: &'a Leg,
    in_issue: &'a Issue,
    out_issue: &'a Issue,
}

impl Reach<'_> {
    fn internal<E>(_: E) -> Ter {
        Ter::tecINTERNAL
    }

    /// The most the leg can deliver.
    fn max_out(&self) -> Quantity {
        match self.leg {
            Leg::Book(top) => top.available,
            Leg::Pool { offer, .. } => offer.taker_gets.quantity(),
        }
    }

    /// What `out` delivered costs going in.
    fn cost(&self, out: Quantity) -> Result<Quantity, Ter> {
        match self.leg {
            Leg::Book(top) => {
                let rate = book_rate(top)?;
                mul_round(out, rate, kind_of(self.in_issue), true).map_err(Self::internal)
            }
            Leg::Pool { offer, .. } => limit_out(offer, out).ok_or(Ter::tecINTERNAL),
        }
    }

    /// What `input` going in delivers.
    fn out_for(&self, input: Quantity) -> Result<Quantity, Ter> {
        match self.leg {
            Leg::Book(top) => {
                let out = div_round(input, book_rate(top)?, kind_of(self.out_issue), false)
                    .map_err(Self::internal)?;
                Ok(q::min(out, top.available))
            }
            Leg::Pool { offer, .. } => limit_in(offer, input).ok_or(Ter::tecINTERNAL),
        }
    }
}

fn kind_of(issue: &Issue) -> xrpl_proto::amount::QuantityKind {
    crate::apply::assets::kind_of(issue)
}

/// Trades `want` out of a leg, paying at most `give`.
fn take_leg(
    view: &mut ApplyView<'_>,
    order: &Order<'_>,
    amm: &mut AmmContext,
    leg: Leg,
    want: Quantity,
    give: Quantity,
    issues: (&Issue, &Issue),
) -> Result<Option<(Quantity, Quantity)>, Ter> {
    match leg {
        Leg::Book(top) => take_offer(view, order, top, want, give, issues),
        Leg::Pool { pool, offer } => {
            let left = Remaining {
                want: Some(want),
                give,
            };
            let taken = take_fib_offer(view, order, &pool, &offer, &left, issues)?;
            if taken.is_some() {
                amm.set_used();
            }
            Ok(taken)
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

/// Trades through the bridge as far as its tighter leg allows: what the second leg can
/// deliver, what the taker still wants (`want`; None for tfSell), the first leg's XRP, and what
/// the taker can pay for it. Returns what the receiver got and the taker gave (None: nothing
/// could be traded).
pub fn take_bridge(
    view: &mut ApplyView<'_>,
    order: &Order<'_>,
    amm: &mut AmmContext,
    bridge: Bridge,
    want: Option<Quantity>,
    give: Quantity,
    issues: (&Issue, &Issue),
) -> Result<Option<(Quantity, Quantity)>, Ter> {
    let (in_issue, out_issue) = issues;
    let xrp = Issue::XRP;
    let Bridge { first, second, .. } = bridge;
    let first_reach = Reach {
        leg: &first,
        in_issue,
        out_issue: &xrp,
    };
    let second_reach = Reach {
        leg: &second,
        in_issue: &xrp,
        out_issue,
    };
    let most_out = second_reach.max_out();
    let mut out = want.map_or(most_out, |w| q::min(w, most_out));
    let xrp_for_out = second_reach.cost(out)?;
    let budget = deliverable(view, order.taker, first.counterparty(), in_issue, give)?;
    let xrp_affordable = first_reach.out_for(budget)?;
    let xrp_through = q::min(q::min(xrp_for_out, first_reach.max_out()), xrp_affordable);
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
