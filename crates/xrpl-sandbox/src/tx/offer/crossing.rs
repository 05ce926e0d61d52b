//! Crossing a new offer — or a cross-currency payment — against the opposite order book, best
//! quality first.
//!
//! The taker wants `pays` and gives `gets`. It consumes offers that give what it wants and want
//! what it gives, from the best price up, while their price is at least as good as its own
//! (strictly better for a passive offer). Each trade happens at the book offer's price; the
//! book offer's owner pays the transfer fee on what it delivers, the taker on what it delivers.
//! Offers met on the way that are expired, unfunded, or the taker's own are removed, as rippled
//! removes them. Rules: <https://xrpl.org/docs/concepts/tokens/decentralized-exchange/offers>.

use std::cmp::Ordering;

use xrpl_proto::amount::{
    Amount, IouValue, Issue, Quantity, QuantityKind, div_round, divide, mul_round,
};

use crate::apply::assets::{
    Funds, account_funds, amount_of, fee_rate, issue_of, kind_of, transfer,
};
use crate::apply::offers::{self, quality};
use crate::apply::quantity as q;
use crate::apply::trust_line;
use crate::apply::view::ApplyView;
use crate::ledger::entry::LedgerEntry;
use crate::ledger::offer::Offer;
use crate::proto::{AccountId, Hash256, keylet};
use crate::result::Ter;

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
}

/// What crossing achieved.
#[derive(Debug, Clone, Copy)]
pub struct Crossed {
    /// How much of `pays` the taker received.
    pub got: Quantity,
    /// How much of `gets` the taker gave.
    pub paid: Quantity,
}

/// Funds, net of the transfer fee the owner would pay to deliver them to `to`.
fn deliverable(
    view: &ApplyView<'_>,
    owner: &AccountId,
    to: &AccountId,
    issue: &Issue,
    cap: Quantity,
) -> Result<Quantity, Ter> {
    match account_funds(view, owner, issue) {
        Funds::Unlimited => Ok(cap),
        Funds::Limited(funds) => {
            let net = match fee_rate(view, issue, owner, to) {
                None => funds,
                Some(rate) => div_round(funds, Quantity::Iou(rate), kind_of(issue), false)
                    .map_err(|_| Ter::tecINTERNAL)?,
            };
            Ok(q::min(net, cap))
        }
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
fn room(view: &ApplyView<'_>, receiver: &AccountId, issue: &Issue) -> Option<Quantity> {
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

/// Crosses `order` against the book; the caller decides what to do with the remainder.
pub fn cross(view: &mut ApplyView<'_>, order: &Order<'_>) -> Result<Crossed, Ter> {
    let (pays_issue, gets_issue) = (issue_of(order.pays), issue_of(order.gets));
    let (pays_kind, gets_kind) = (kind_of(&pays_issue), kind_of(&gets_issue));
    // Offers that give what we want (their TakerGets = our pays) for what we give.
    let base = keylet::book(&gets_issue, &pays_issue);
    let end = keylet::quality_next(&base);
    // Our limit in their terms: what we give per unit we get.
    let threshold = quality(order.gets, order.pays);
    let mut got = Quantity::zero(pays_kind);
    let mut paid = Quantity::zero(gets_kind);
    let want = order.pays.quantity();
    let give = order.gets.quantity();

    loop {
        let want_left = q::sub(want, got)?;
        let give_left = q::sub(give, paid)?;
        if !q::is_positive(give_left) || (!order.sell && !q::is_positive(want_left)) {
            break;
        }
        let Some(dir) = view.first_book_root(&base, &end) else {
            break;
        };
        let dir_quality = keylet::quality_of(&dir);
        if order.limit_quality
            && (dir_quality > threshold || (order.passive && dir_quality == threshold))
        {
            break;
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
        let offer_gets = offer.taker_gets.quantity();
        let offer_pays = offer.taker_pays.quantity();
        let mut available = deliverable(
            view,
            &offer.account,
            order.receiver,
            &pays_issue,
            offer_gets,
        )?;
        if !q::is_positive(available) {
            // Unfunded: it can never fill; rippled removes it when it is found.
            offers::remove(view, &key, &offer);
            continue;
        }
        let budget = deliverable(view, order.taker, &offer.account, &gets_issue, give_left)?;
        if !q::is_positive(budget) {
            break;
        }
        if order.respect_limit {
            match room(view, order.receiver, &pays_issue) {
                Some(room) if q::is_positive(room) => available = q::min(available, room),
                Some(_) => break,
                None => {}
            }
        }
        // The book offer's price: what it wants per unit it gives.
        let rate =
            divide(offer_pays, offer_gets, QuantityKind::Iou).map_err(|_| Ter::tecINTERNAL)?;
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
                let take =
                    div_round(budget, rate, pays_kind, false).map_err(|_| Ter::tecINTERNAL)?;
                let take = q::min(take, available);
                (take, q::min(cost_of(take)?, budget))
            }
        };
        if !q::is_positive(take) || !q::is_positive(cost) {
            break;
        }
        transfer(
            view,
            &offer.account,
            order.receiver,
            &amount_of(&pays_issue, take),
        )?;
        transfer(
            view,
            order.taker,
            &offer.account,
            &amount_of(&gets_issue, cost),
        )?;

        let gets_left = q::sub(offer_gets, take)?;
        let pays_left = q::sub(offer_pays, cost)?;
        if q::is_positive(gets_left) && q::is_positive(pays_left) {
            let mut updated = offer.clone();
            updated.taker_gets = amount_of(&pays_issue, gets_left);
            updated.taker_pays = amount_of(&gets_issue, pays_left);
            view.update(key, LedgerEntry::Offer(updated));
        } else {
            offers::remove(view, &key, &offer);
        }
        got = q::add(got, take)?;
        paid = q::add(paid, cost)?;
    }
    Ok(Crossed { got, paid })
}
