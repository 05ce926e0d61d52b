//! The two sources a taker crosses: the best offer of an order book, and an AMM pool's
//! synthetic offer.
//!
//! rippled's `BookStep` reads the book through `OfferStream` (which removes the expired and
//! unfunded offers it meets) and asks `AMMLiquidity` for a pool offer whenever the pool's spot
//! price beats the book's best quality. The taker pays the issuer's transfer fee on what it gives
//! to either; an offer's owner pays it on what it delivers, but a pool does not (rippled's
//! `AMMOffer::adjustRates`: "AMM doesn't pay transfer fee on Payment tx").
//! Rules: <https://xrpl.org/docs/concepts/tokens/decentralized-exchange/offers>,
//! <https://xrpl.org/docs/concepts/tokens/decentralized-exchange/automated-market-makers>.

use xrpl_proto::amount::{IouValue, Issue, Quantity, Rounding};

use super::crossing::Order;
use crate::apply::assets::{
    Funds, account_funds, account_send, amount_of, fee_rate, net_of_fee, transfer,
};
use crate::apply::offers;
use crate::apply::quantity as q;
use crate::apply::trust_line;
use crate::apply::view::ApplyView;
use crate::ledger::entry::LedgerEntry;
use crate::ledger::offer::Offer;
use crate::proto::{AccountId, Hash256, keylet};
use crate::result::Ter;
use crate::tx::amm::fib_offer::{limit_in, limit_out};
use crate::tx::amm::number::Number;
use crate::tx::amm::pool::number;
use crate::tx::amm::pool_offer::{
    PoolOffer, amounts_within, out_from_average_quality, power_of_ten, quality_of,
    within_relative_distance,
};
use crate::tx::amm::quality::{PoolSide, input_to_average_rate};
use crate::tx::amm::swap::{swap_in, swap_out};

/// Funds, net of the transfer fee the owner would pay to deliver them to `to`.
pub fn deliverable(
    view: &ApplyView<'_>,
    owner: &AccountId,
    to: &AccountId,
    issue: &Issue,
    cap: Quantity,
) -> Result<Quantity, Ter> {
    match account_funds(view, owner, issue) {
        Funds::Unlimited => Ok(cap),
        Funds::Limited(funds) => Ok(q::min(net_of_fee(view, issue, owner, to, funds)?, cap)),
    }
}

fn first_offer(view: &ApplyView<'_>, dir: &Hash256) -> Option<(Hash256, Offer)> {
    // Walk the pages only as far as the first offer: a deep page chain at one price must not
    // make every fill read all of it.
    let mut page = 0u64;
    loop {
        let node = view
            .read(&keylet::dir_page(dir, page))
            .and_then(LedgerEntry::as_directory)?;
        let found = node.indexes.iter().find_map(|k| {
            view.read(k)
                .and_then(LedgerEntry::as_offer)
                .map(|o| (*k, o.clone()))
        });
        if found.is_some() || node.index_next == 0 {
            return found;
        }
        page = node.index_next;
    }
}

/// How much more of `issue` `receiver` will accept (None: no limit — XRP, or its own IOUs).
pub fn room(view: &ApplyView<'_>, receiver: &AccountId, issue: &Issue) -> Option<Quantity> {
    if issue.is_xrp() || *receiver == issue.issuer {
        return None;
    }
    let line = trust_line::read(view, receiver, &issue.issuer, &issue.currency);
    let room = line.map_or(IouValue::ZERO, |l| {
        l.limit_of(receiver)
            .checked_sub(l.balance_for(receiver))
            .unwrap_or(IouValue::ZERO)
    });
    Some(Quantity::Iou(room))
}

/// The best live offer of a book, with what its owner can deliver of it.
pub struct BookTop {
    /// The offer's key.
    pub key: Hash256,
    /// The offer.
    pub offer: Offer,
    /// What the owner can deliver to the receiver, net of its transfer fee, up to the offer.
    pub available: Quantity,
    /// Its directory's quality (rippled's `BookTip::quality`), which the pool is sized to.
    pub quality: u64,
}

/// The best offer in the book from `base` to `end` that can trade with `order`, removing the
/// expired, unfunded and the taker's own offers met on the way, as rippled's `OfferStream` does.
/// Stops (None) at the first directory worse than `threshold` when the order limits quality.
pub fn best_offer(
    view: &mut ApplyView<'_>,
    base: &Hash256,
    end: &Hash256,
    order: &Order<'_>,
    out_issue: &Issue,
    threshold: u64,
) -> Result<Option<BookTop>, Ter> {
    loop {
        let Some(dir) = view.first_book_root(base, end) else {
            return Ok(None);
        };
        let dir_quality = keylet::quality_of(&dir);
        if order.limit_quality
            && (dir_quality > threshold || (order.passive && dir_quality == threshold))
        {
            return Ok(None);
        }
        let Some((key, offer)) = first_offer(view, &dir) else {
            // An empty book page: drop it and look again.
            view.erase(&dir);
            continue;
        };
        let expired = offer
            .expiration
            .is_some_and(|t| t <= view.ctx.parent_close_time);
        if expired || offer.account == *order.taker {
            offers::remove(view, &key, &offer);
            continue;
        }
        let available = deliverable(
            view,
            &offer.account,
            order.receiver,
            out_issue,
            offer.taker_gets.quantity(),
        )?;
        if !q::is_positive(available) {
            // Unfunded: it can never fill; rippled removes it when it is found.
            offers::remove(view, &key, &offer);
            continue;
        }
        return Ok(Some(BookTop {
            key,
            offer,
            available,
            quality: dir_quality,
        }));
    }
}

/// What one trade with a source left to do.
pub struct Remaining {
    /// What the taker still wants (None for tfSell: as much as its give buys).
    pub want: Option<Quantity>,
    /// What the taker may still give.
    pub give: Quantity,
}

/// How far a pool step may move the pool's price.
#[derive(Debug, Clone, Copy)]
pub enum PoolBound {
    /// Until the step's average price reaches the taker's limit (no book offer in reach).
    Average(Number),
    /// As far as the taker wants and can pay.
    Unbounded,
}

/// Trades with the pool's synthetic offer, at most as far as `bound` allows, returning what the
/// receiver got and what the taker gave (None: nothing could be traded).
///
/// The taker gives `x`, the pool pays out equation 5's amount for it, or — when that is more
/// than the taker still wants — equation 6 prices exactly what it wants.
pub fn take_from_pool(
    view: &mut ApplyView<'_>,
    order: &Order<'_>,
    pool: &PoolSide,
    bound: PoolBound,
    left: &Remaining,
    issues: (&Issue, &Issue),
) -> Result<Option<(Quantity, Quantity)>, Ter> {
    let (in_issue, out_issue) = issues;
    let mut max_in = deliverable(view, order.taker, &pool.account, in_issue, left.give)?;
    let cap = match bound {
        PoolBound::Average(rate) => Some(input_to_average_rate(pool, rate)),
        PoolBound::Unbounded => None,
    };
    match cap {
        Some(Some(cap)) => max_in = q::min(max_in, cap.quantity()),
        Some(None) => return Ok(None),
        None => {}
    }
    if !q::is_positive(max_in) {
        return Ok(None);
    }
    let want = within_trust_limit(view, order, left.want, out_issue);
    let exact = match want {
        Some(w) if q::is_positive(w) => swap_out(
            &pool.pool_in,
            &pool.pool_out,
            &amount_of(out_issue, w),
            pool.tfee,
        )
        .map(|cost| cost.quantity())
        .filter(|cost| q::is_positive(*cost) && q::cmp(*cost, max_in).is_le())
        .map(|cost| (cost, w)),
        Some(_) => return Ok(None),
        None => None,
    };
    let (paid, got) = match exact {
        Some(trade) => trade,
        None => {
            let Some(out) = swap_in(
                &pool.pool_in,
                &pool.pool_out,
                &amount_of(in_issue, max_in),
                pool.tfee,
            ) else {
                return Ok(None);
            };
            let out = out.quantity();
            (max_in, want.map_or(out, |w| q::min(w, out)))
        }
    };
    settle_pool_trade(view, order, pool, (paid, got), issues)
}

/// Trades with a Fibonacci-sized pool offer (a trade with several strands) as rippled's
/// `BookStep` consumes an `AMMOffer` in multi-path: whole when the taker wants and can pay for
/// all of it, otherwise cut at the offer's own quality — what the taker wants priced by
/// `limitOut` (rounded up), then what its funds buy by `limitIn` (rounded down). Returns what the
/// receiver got and what the taker gave (None: nothing could be traded).
pub fn take_fib_offer(
    view: &mut ApplyView<'_>,
    order: &Order<'_>,
    pool: &PoolSide,
    offer: &PoolOffer,
    left: &Remaining,
    issues: (&Issue, &Issue),
) -> Result<Option<(Quantity, Quantity)>, Ter> {
    let (in_issue, out_issue) = issues;
    let budget = deliverable(view, order.taker, &pool.account, in_issue, left.give)?;
    if !q::is_positive(budget) {
        return Ok(None);
    }
    let want = within_trust_limit(view, order, left.want, out_issue);
    let (mut paid, mut got) = (offer.taker_pays.quantity(), offer.taker_gets.quantity());
    if let Some(w) = want
        && q::cmp(w, got).is_lt()
    {
        got = w;
        paid = limit_out(offer, w).ok_or(Ter::tecINTERNAL)?;
    }
    if q::cmp(paid, budget).is_gt() {
        paid = budget;
        got = limit_in(offer, budget).ok_or(Ter::tecINTERNAL)?;
        if let Some(w) = want {
            got = q::min(got, w);
        }
    }
    settle_pool_trade(view, order, pool, (paid, got), issues)
}

/// Trades with the pool's synthetic offer as rippled's `BookStep` consumes an `AMMOffer` on a
/// single path, returning what the receiver got and what the taker gave (None: nothing).
///
/// With a limit quality (`average_limit`), what the taker wants is first trimmed to where the
/// trade's average quality meets it (rippled's `StrandFlow` `limitOut`, left alone within 10⁻⁹).
/// The offer is then taken whole when the taker wants and can pay for all of it; otherwise the
/// reverse pass's `limitOut` prices exactly what it wants (equation 6) and the forward pass's
/// `limitIn` gives what its funds buy (equation 5), both on the pool's current balances.
pub fn take_pool_offer(
    view: &mut ApplyView<'_>,
    order: &Order<'_>,
    pool: &PoolSide,
    offer: &PoolOffer,
    average_limit: Option<u64>,
    left: &Remaining,
    issues: (&Issue, &Issue),
) -> Result<Option<(Quantity, Quantity)>, Ter> {
    let (in_issue, out_issue) = issues;
    let budget = deliverable(view, order.taker, &pool.account, in_issue, left.give)?;
    if !q::is_positive(budget) {
        return Ok(None);
    }
    let mut want = left.want;
    let in_rate = fee_rate(view, in_issue, order.taker, &pool.account).map(Number::from_iou);
    let mut trimmed = false;
    if let Some(limit) = average_limit {
        let Some(cap) = out_from_average_quality(pool, limit, in_rate) else {
            // No amount meets the limit on average: rippled's strand is rejected.
            return Ok(None);
        };
        let Some(cap_amount) = crate::tx::amm::pool::amount_of(out_issue, cap, Rounding::ToNearest)
        else {
            return Ok(None);
        };
        let cap_q = cap_amount.quantity();
        let capped = match want {
            Some(w) if amounts_within(number(&amount_of(out_issue, w)), cap, power_of_ten(-9)) => w,
            Some(w) => q::min(w, cap_q),
            None => cap_q,
        };
        trimmed = want != Some(capped);
        want = Some(capped);
    }
    want = within_trust_limit(view, order, want, out_issue);
    let (mut paid, mut got) = (offer.taker_pays.quantity(), offer.taker_gets.quantity());
    if let Some(w) = want {
        if !q::is_positive(w) {
            return Ok(None);
        }
        if q::cmp(w, got).is_lt() {
            let Some(cost) = swap_out(
                &pool.pool_in,
                &pool.pool_out,
                &amount_of(out_issue, w),
                pool.tfee,
            ) else {
                return Ok(None);
            };
            (paid, got) = (cost.quantity(), w);
        }
    }
    if q::cmp(paid, budget).is_gt() {
        let Some(out) = swap_in(
            &pool.pool_in,
            &pool.pool_out,
            &amount_of(in_issue, budget),
            pool.tfee,
        ) else {
            return Ok(None);
        };
        paid = budget;
        got = want.map_or(out.quantity(), |w| q::min(w, out.quantity()));
    }
    if let Some(limit) = average_limit
        && q::is_positive(paid)
        && q::is_positive(got)
        && !meets_limit(in_rate, (paid, got), limit, trimmed, issues)
    {
        return Ok(None);
    }
    settle_pool_trade(view, order, pool, (paid, got), issues)
}

/// What the taker still wants, no more than the receiver's trust line can take where the order
/// respects it (a payment does; an offer may exceed it).
fn within_trust_limit(
    view: &ApplyView<'_>,
    order: &Order<'_>,
    want: Option<Quantity>,
    out_issue: &Issue,
) -> Option<Quantity> {
    if !order.respect_limit {
        return want;
    }
    match room(view, order.receiver, out_issue) {
        Some(room) => Some(want.map_or(room, |w| q::min(w, room))),
        None => want,
    }
}

/// Settles a trade with a pool: the taker pays `paid` in, the pool delivers `got` to the
/// receiver. Returns what the receiver got and what the taker gave (None: nothing to trade).
fn settle_pool_trade(
    view: &mut ApplyView<'_>,
    order: &Order<'_>,
    pool: &PoolSide,
    (paid, got): (Quantity, Quantity),
    (in_issue, out_issue): (&Issue, &Issue),
) -> Result<Option<(Quantity, Quantity)>, Ter> {
    if !q::is_positive(paid) || !q::is_positive(got) {
        return Ok(None);
    }
    transfer(view, order.taker, &pool.account, &amount_of(in_issue, paid))?;
    deliver_from_pool(
        view,
        &pool.account,
        order.receiver,
        &amount_of(out_issue, got),
    )?;
    Ok(Some((got, paid)))
}

/// The pool pays `amount` to `to` with the transfer fee waived (rippled's `AMMOffer::send`),
/// opening `to`'s trust line if it has none, as rippled's `rippleCredit` does for any payment.
fn deliver_from_pool(
    view: &mut ApplyView<'_>,
    pool: &AccountId,
    to: &AccountId,
    amount: &crate::tx::fields::Amount,
) -> Result<(), Ter> {
    if let crate::tx::fields::Amount::Issued(iou) = amount {
        let issuer = iou.issue.issuer;
        if *to != issuer && *pool != issuer && *to != *pool {
            trust_line::credit(view, pool, &issuer, &iou.issue.currency, iou.value)?;
            return trust_line::credit_creating(view, &issuer, to, &iou.issue.currency, iou.value);
        }
    }
    match account_send(view, pool, to, amount) {
        Ter::tesSUCCESS => Ok(()),
        ter => Err(ter),
    }
}

/// rippled's `flow` check on a pass's result: its quality, the taker's transfer fee included,
/// must meet the limit — or, where the output was trimmed to the limit on average, come within
/// 10⁻⁷ of it, since rounding to whole units may leave it just short.
fn meets_limit(
    in_rate: Option<Number>,
    (paid, got): (Quantity, Quantity),
    limit: u64,
    trimmed: bool,
    issues: (&Issue, &Issue),
) -> bool {
    let (in_issue, out_issue) = issues;
    let gross = match in_rate {
        Some(rate) => {
            crate::tx::amm::pool::multiply(&amount_of(in_issue, paid), rate, Rounding::Upward)
        }
        None => Some(amount_of(in_issue, paid)),
    };
    let Some(gross) = gross else {
        return false;
    };
    let quality = quality_of(&gross, &amount_of(out_issue, got));
    quality <= limit || (trimmed && within_relative_distance(quality, limit, power_of_ten(-7)))
}
