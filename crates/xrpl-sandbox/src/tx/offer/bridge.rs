//! XRP auto-bridging: an offer trading one token for another may also cross the two XRP books
//! between them — selling its token for XRP, then that XRP for the token it wants — whenever
//! the composite price beats the direct book and pool.
//!
//! rippled's offer crossing runs the payment engine with two strands, the direct book and the
//! bridge through XRP, and at each step takes the strand with the better quality; a bridged
//! step's quality is the product of its two books' best qualities, and it consumes an offer on
//! each leg (both appear in the metadata). The XRP passes through the taker's account and nets
//! to nothing. Here the legs are the two books' best offers (an AMM pool on a leg is not
//! consulted). Rules: <https://xrpl.org/docs/concepts/tokens/decentralized-exchange/autobridging>.

use xrpl_proto::amount::{Issue, Quantity, QuantityKind, div_round, divide, mul_round};

use super::crossing::{Order, take_offer};
use super::liquidity::{BookTop, best_offer, deliverable};
use crate::apply::quantity as q;
use crate::apply::view::ApplyView;
use crate::proto::keylet;
use crate::result::Ter;
use crate::tx::amm::number::Number;
use crate::tx::amm::quality::rate_of;

/// The best offer of each XRP book, and the price of trading through both.
pub struct Bridge {
    /// Gives XRP for the token the taker gives.
    pub first: BookTop,
    /// Gives the token the taker wants for XRP.
    pub second: BookTop,
    /// What the taker gives per unit it gets through the bridge.
    pub rate: Number,
}

/// A leg's order: the same taker, no limit of its own (the composite price is judged whole).
fn leg<'a>(order: &Order<'a>, receiver: &'a crate::proto::AccountId) -> Order<'a> {
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

/// The bridge's two best offers, if both XRP books have one.
pub fn best_bridge(
    view: &mut ApplyView<'_>,
    order: &Order<'_>,
    in_issue: &Issue,
    out_issue: &Issue,
) -> Result<Option<Bridge>, Ter> {
    let xrp = Issue::XRP;
    let first_book = keylet::book(in_issue, &xrp);
    let first_order = leg(order, order.taker);
    let first = best_offer(
        view,
        &first_book,
        &keylet::quality_next(&first_book),
        &first_order,
        &xrp,
        0,
    )?;
    let Some(first) = first else {
        return Ok(None);
    };
    let second_book = keylet::book(&xrp, out_issue);
    let second_order = leg(order, order.receiver);
    let second = best_offer(
        view,
        &second_book,
        &keylet::quality_next(&second_book),
        &second_order,
        out_issue,
        0,
    )?;
    let Some(second) = second else {
        return Ok(None);
    };
    let rate = rate_of(&first.offer.taker_pays, &first.offer.taker_gets).mul(
        rate_of(&second.offer.taker_pays, &second.offer.taker_gets),
        xrpl_proto::amount::Rounding::ToNearest,
    );
    Ok(Some(Bridge {
        first,
        second,
        rate,
    }))
}

/// Trades through the bridge as far as its tighter leg allows: the second leg's offer, what the
/// taker still wants (`want`; None for tfSell), the first leg's XRP, and what the taker can pay
/// for it. Returns what the receiver got and the taker gave (None: nothing could be traded).
pub fn take_bridge(
    view: &mut ApplyView<'_>,
    order: &Order<'_>,
    bridge: Bridge,
    want: Option<Quantity>,
    give: Quantity,
    issues: (&Issue, &Issue),
) -> Result<Option<(Quantity, Quantity)>, Ter> {
    let (in_issue, out_issue) = issues;
    let xrp = Issue::XRP;
    let internal = |_| Ter::tecINTERNAL;
    let Bridge { first, second, .. } = bridge;
    // Token in per drop, and drops per token out, at each leg's own price.
    let first_rate = divide(
        first.offer.taker_pays.quantity(),
        first.offer.taker_gets.quantity(),
        QuantityKind::Iou,
    )
    .map_err(internal)?;
    let second_rate = divide(
        second.offer.taker_pays.quantity(),
        second.offer.taker_gets.quantity(),
        QuantityKind::Iou,
    )
    .map_err(internal)?;
    let mut out = want.map_or(second.available, |w| q::min(w, second.available));
    let xrp_for_out = mul_round(out, second_rate, QuantityKind::Drops, true).map_err(internal)?;
    let budget = deliverable(view, order.taker, &first.offer.account, in_issue, give)?;
    let xrp_affordable =
        div_round(budget, first_rate, QuantityKind::Drops, false).map_err(internal)?;
    let xrp_through = q::min(q::min(xrp_for_out, first.available), xrp_affordable);
    if q::cmp(xrp_through, xrp_for_out).is_lt() {
        let reachable =
            div_round(xrp_through, second_rate, QuantityKind::Iou, false).map_err(internal)?;
        out = q::min(out, reachable);
    }
    if !q::is_positive(out) || !q::is_positive(xrp_through) {
        return Ok(None);
    }
    let first_order = leg(order, order.taker);
    let Some((xrp_got, paid)) = take_offer(
        view,
        &first_order,
        first,
        xrp_through,
        give,
        (in_issue, &xrp),
    )?
    else {
        return Ok(None);
    };
    let mut second_order = leg(order, order.receiver);
    second_order.respect_limit = order.respect_limit;
    let got = take_offer(view, &second_order, second, out, xrp_got, (&xrp, out_issue))?
        .map_or(Quantity::zero(QuantityKind::Iou), |(got, _)| got);
    Ok(Some((got, paid)))
}
