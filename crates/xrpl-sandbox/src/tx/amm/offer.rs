//! OfferCreate against a pool: before the order book, an offer takes from the AMM for its pair
//! as much as the pool can give at no worse than the offer's own rate (XLS-30 equations 5 and 6
//! with the trading fee); whatever is left crosses the book and rests as the core rules say.
//!
//! The pool's share is sized in closed form: taking `x` in gives an average rate
//! out/x = B_out(1 − fee)/(B_in + x(1 − fee)), which meets the offer's rate r = pays/gets at
//! x = B_out/r − B_in/(1 − fee). rippled instead interleaves the pool with the book's best
//! offers, quality by quality; here the pool always goes first, so a book offer better than the
//! pool's price is reached only after the pool has moved past it.

use std::cmp::Ordering;

use serde_json::Value;

use super::deposit::trading_fee;
use super::math::fee;
use super::number::Number;
use super::pool::{amount_of, balance_of, ensure_line, issue_of, number, read_amm};
use super::swap::{swap_in, swap_out};
use crate::apply::funds::{account_send, can_pay};
use crate::apply::view::ApplyView;
use crate::proto::AccountId;
use crate::result::Ter;
use crate::tx::fields::{Amount, TxFields};
use crate::tx::offer::{OfferCreate, TF_PASSIVE};
use crate::tx::{ApplyOutput, Common, Transactor};
use xrpl_proto::amount::Rounding;

const NEAREST: Rounding = Rounding::ToNearest;

/// An OfferCreate, with what it needs to trade with a pool first.
#[derive(Debug, Clone)]
pub struct OfferCreateWithPool {
    core: OfferCreate,
    tx: Box<Value>,
    pays: Amount,
    gets: Amount,
    passive: bool,
}

fn not_more(a: &Amount, b: &Amount) -> bool {
    a.checked_cmp(b).is_ok_and(|o| o != Ordering::Greater)
}

impl OfferCreateWithPool {
    /// What the pool takes in and gives out for this offer, if it can beat the offer's rate.
    fn pool_fill(
        &self,
        view: &ApplyView<'_>,
        common: &Common,
    ) -> Option<(Amount, Amount, AccountId)> {
        let (gets_issue, pays_issue) = (issue_of(&self.gets)?, issue_of(&self.pays)?);
        let (_, amm) = read_amm(view, &gets_issue, &pays_issue)?;
        let tfee = trading_fee(view, &amm, &common.account);
        let pool_in = balance_of(view, &amm.account, &gets_issue);
        let pool_out = balance_of(view, &amm.account, &pays_issue);
        // Everything the offer wants, if the pool sells it for no more than the offer gives.
        if let Some(cost) = swap_out(&pool_in, &pool_out, &self.pays, tfee)
            && !cost.is_zero()
            && not_more(&cost, &self.gets)
        {
            return Some((cost, self.pays, amm.account));
        }
        let rate = number(&self.pays).div(number(&self.gets), NEAREST);
        let one_minus_fee = Number::from_i64(1).sub(fee(tfee), NEAREST);
        let limit = number(&pool_out)
            .div(rate, NEAREST)
            .sub(number(&pool_in).div(one_minus_fee, NEAREST), NEAREST);
        if limit.is_zero() || limit.is_negative() {
            return None;
        }
        let limit = amount_of(&gets_issue, limit, Rounding::Downward)?;
        let input = if not_more(&limit, &self.gets) {
            limit
        } else {
            self.gets
        };
        let output = swap_in(&pool_in, &pool_out, &input, tfee)?;
        (!input.is_zero() && !output.is_zero()).then_some((input, output, amm.account))
    }
}

impl Transactor for OfferCreateWithPool {
    fn preflight(tx: TxFields<'_>, flags: u32) -> Result<Self, Ter> {
        let core = OfferCreate::preflight(tx, flags)?;
        Ok(OfferCreateWithPool {
            core,
            tx: Box::new(tx.json().clone()),
            pays: tx.amount("TakerPays")?.ok_or(Ter::temBAD_OFFER)?,
            gets: tx.amount("TakerGets")?.ok_or(Ter::temBAD_OFFER)?,
            passive: flags & TF_PASSIVE != 0,
        })
    }

    fn preclaim(&self, view: &ApplyView<'_>, common: &Common) -> Ter {
        self.core.preclaim(view, common)
    }

    fn apply(&self, view: &mut ApplyView<'_>, common: &Common, out: &mut ApplyOutput) -> Ter {
        // Offers that cancel an older one or refuse to cross keep the core rules alone.
        let cancels = self.tx.get("OfferSequence").is_some();
        let fill = if self.passive || cancels {
            None
        } else {
            self.pool_fill(view, common)
        };
        let Some((input, output, pool)) = fill else {
            return self.core.apply(view, common, out);
        };
        if !can_pay(view, &common.account, &input) {
            return self.core.apply(view, common, out);
        }
        let ter = account_send(view, &common.account, &pool, &input);
        if ter != Ter::tesSUCCESS {
            return ter;
        }
        if let Amount::Issued(iou) = &output
            && iou.issue.issuer != common.account
        {
            ensure_line(
                view,
                &common.account,
                &iou.issue.issuer,
                &iou.issue.currency,
            );
        }
        let ter = account_send(view, &pool, &common.account, &output);
        if ter != Ter::tesSUCCESS {
            return ter;
        }
        // What is left of the offer goes on to the book.
        let (Ok(gets), Ok(pays)) = (
            self.gets.checked_sub(&input),
            self.pays.checked_sub(&output),
        ) else {
            return Ter::tecINTERNAL;
        };
        let positive = |a: &Amount| !a.is_zero() && !a.is_negative();
        if !positive(&gets) || !positive(&pays) {
            return Ter::tesSUCCESS;
        }
        let mut rest = (*self.tx).clone();
        rest["TakerGets"] = gets.to_json();
        rest["TakerPays"] = pays.to_json();
        let flags = rest.get("Flags").and_then(Value::as_u64).unwrap_or(0) as u32;
        match OfferCreate::preflight(TxFields::new(&rest), flags) {
            Ok(remainder) => remainder.apply(view, common, out),
            // Too small to be an offer: the pool filled what could be filled.
            Err(_) => Ter::tesSUCCESS,
        }
    }
}
