//! The pool's synthetic offer, sized exactly as rippled's `AMMLiquidity::getOffer` sizes it for a
//! single-path trade: against a book offer, just large enough to bring the pool's spot price to
//! that offer's quality (`changeSpotPriceQuality`); with no book offer, the largest offer that
//! cannot overflow (`maxOffer`), which the taker's limit then trims by the trade's average price
//! (`QualityFunction::outFromAvgQ`).
//!
//! A quality here is rippled's `Quality`: the rate `in / out` encoded as a book directory's u64,
//! so a smaller value is a better price. Every step runs in our `Number` with rippled's rounding
//! (fixAMMv1_1, fixAMMv1_2, fixAMMOverflowOffer), so the pool trades to the last digit as
//! rippled's does. XLS-30: <https://xrpl.org/docs/concepts/tokens/decentralized-exchange/automated-market-makers>,
//! <https://github.com/XRPLF/XRPL-Standards/tree/master/XLS-0030-automated-market-maker>.

use xrpl_proto::amount::{IouValue, Rounding};
use xrpl_proto::keylet::{offer_quality, quality_rate};

use super::math::fee;
use super::number::Number;
use super::pool::{amount_of, issue_of, number};
use super::quality::PoolSide;
use super::swap::{swap_in, swap_out};
use crate::tx::fields::Amount;

const NEAREST: Rounding = Rounding::ToNearest;

/// How many payment-engine passes may use a pool (rippled's `AMMContext::MaxIterations`).
pub const MAX_POOL_ITERATIONS: usize = 30;

/// An offer the pool makes: what the taker pays in, and what it gets out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PoolOffer {
    /// What the taker gives the pool.
    pub taker_pays: Amount,
    /// What the pool gives the taker.
    pub taker_gets: Amount,
}

impl PoolOffer {
    /// The offer's quality (rippled's `Quality{amounts}`).
    pub fn quality(&self) -> u64 {
        quality_of(&self.taker_pays, &self.taker_gets)
    }
}

/// rippled's `Quality{in, out}`: the rate in/out as a directory quality (0 for nothing out).
pub fn quality_of(taker_pays: &Amount, taker_gets: &Amount) -> u64 {
    offer_quality(taker_pays, taker_gets)
}

/// The pool's spot-price quality, before the fee (rippled's `Quality{balances}`).
pub fn spot_quality(pool: &PoolSide) -> u64 {
    quality_of(&pool.pool_in, &pool.pool_out)
}

/// A quality's rate (in per out) as a Number (rippled's `Quality::rate()`).
pub fn rate(quality: u64) -> Number {
    let (mantissa, exponent) = quality_rate(quality);
    i64::try_from(mantissa)
        .ok()
        .and_then(|m| IouValue::new(m, exponent).ok())
        .map_or(Number::ZERO, Number::from_iou)
}

/// rippled's `withinRelativeDistance` for qualities: (worse rate − better rate) / worse rate
/// below `dist`.
pub fn within_relative_distance(a: u64, b: u64, dist: Number) -> bool {
    if a == b {
        return true;
    }
    let (worse, better) = (rate(a.max(b)), rate(a.min(b)));
    worse
        .sub(better, NEAREST)
        .div(worse, NEAREST)
        .cmp_value(dist)
        .is_lt()
}

/// rippled's `feeMult`: 1 − fee.
fn fee_mult(tfee: u16) -> Number {
    Number::from_i64(1).sub(fee(tfee), NEAREST)
}

fn int(v: i64) -> Number {
    Number::from_i64(v)
}

/// rippled's `solveQuadraticEqSmallest`: the smaller positive root of ax² + bx + c, by the
/// numerically stable "citardauq" form 2c / (−b ∓ √d).
fn smallest_root(a: Number, b: Number, c: Number) -> Option<Number> {
    let d = b
        .mul(b, NEAREST)
        .sub(int(4).mul(a, NEAREST).mul(c, NEAREST), NEAREST);
    if d.is_negative() {
        return None;
    }
    let root = d.root2(NEAREST);
    let denominator = if b.is_negative() || b.is_zero() {
        (-b).add(root, NEAREST)
    } else {
        (-b).sub(root, NEAREST)
    };
    if denominator.is_zero() {
        return None;
    }
    Some(int(2).mul(c, NEAREST).div(denominator, NEAREST))
}

/// rippled's `detail::reduceOffer`: 99.99% of an amount, towards zero.
fn reduced(amount: Number) -> Number {
    amount.mul(
        Number::from_iou(IouValue::new(9999, -4).unwrap_or(IouValue::ZERO)),
        Rounding::TowardsZero,
    )
}

/// rippled's `getAMMOfferStartWithTakerGets` (the pool pays XRP): the smaller of the XRP out that
/// brings the spot price to `target` and the XRP out whose own price is `target`, rounded down
/// to drops; the taker pays equation 6's price for it.
///
/// With O, I the pool's out and in balances, f = 1 − fee and Qt the target's out/in:
/// o² + o·(I·Qt·(1 − 1/f) − 2·O) + O² − Qt·I·O = 0, or o = O − I·Qt/f.
fn start_with_taker_gets(pool: &PoolSide, target: u64) -> Option<PoolOffer> {
    let r = rate(target);
    if r.is_zero() {
        return None;
    }
    let (i, o) = (number(&pool.pool_in), number(&pool.pool_out));
    let f = fee_mult(pool.tfee);
    let one = int(1);
    let b = i
        .mul(one.sub(one.div(f, NEAREST), NEAREST), NEAREST)
        .div(r, NEAREST)
        .sub(int(2).mul(o, NEAREST), NEAREST);
    let c = o
        .mul(o, NEAREST)
        .sub(i.mul(o, NEAREST).div(r, NEAREST), NEAREST);
    let mut gets = smallest_root(one, b, c)?;
    if gets.is_negative() || gets.is_zero() {
        return None;
    }
    let constraint = o.sub(i.div(r.mul(f, NEAREST), NEAREST), NEAREST);
    if constraint.is_negative() || constraint.is_zero() {
        return None;
    }
    if constraint.cmp_value(gets).is_lt() {
        gets = constraint;
    }
    let out_issue = issue_of(&pool.pool_out)?;
    let offer_for = |proposed: Number| -> Option<PoolOffer> {
        // Rounded down: a smaller offer at a better quality.
        let taker_gets = amount_of(&out_issue, proposed, Rounding::Downward)?;
        let taker_pays = swap_out(&pool.pool_in, &pool.pool_out, &taker_gets, pool.tfee)?;
        Some(PoolOffer {
            taker_pays,
            taker_gets,
        })
    };
    let offer = offer_for(gets)?;
    if offer.quality() > target {
        return offer_for(reduced(number(&offer.taker_gets)));
    }
    Some(offer)
}

/// rippled's `getAMMOfferStartWithTakerPays` (the pool pays a token): the smaller of the amount
/// in that brings the spot price to `target` and the amount in whose own price is `target`,
/// rounded down; the taker gets equation 5's amount for it.
///
/// With O, I the pool's out and in balances, f = 1 − fee and Qt the target's out/in:
/// i²·f + i·I·(1 + f) + I² − I·O/Qt = 0, or i = O/Qt − I/f.
fn start_with_taker_pays(pool: &PoolSide, target: u64) -> Option<PoolOffer> {
    let r = rate(target);
    if r.is_zero() {
        return None;
    }
    let (i, o) = (number(&pool.pool_in), number(&pool.pool_out));
    let f = fee_mult(pool.tfee);
    let b = i.mul(int(1).add(f, NEAREST), NEAREST);
    let c = i
        .mul(i, NEAREST)
        .sub(i.mul(o, NEAREST).mul(r, NEAREST), NEAREST);
    let mut pays = smallest_root(f, b, c)?;
    if pays.is_negative() || pays.is_zero() {
        return None;
    }
    let constraint = o.mul(r, NEAREST).sub(i.div(f, NEAREST), NEAREST);
    if constraint.is_negative() || constraint.is_zero() {
        return None;
    }
    if constraint.cmp_value(pays).is_lt() {
        pays = constraint;
    }
    let in_issue = issue_of(&pool.pool_in)?;
    let offer_for = |proposed: Number| -> Option<PoolOffer> {
        let taker_pays = amount_of(&in_issue, proposed, Rounding::Downward)?;
        let taker_gets = swap_in(&pool.pool_in, &pool.pool_out, &taker_pays, pool.tfee)?;
        Some(PoolOffer {
            taker_pays,
            taker_gets,
        })
    };
    let offer = offer_for(pays)?;
    if offer.quality() > target {
        return offer_for(reduced(number(&offer.taker_pays)));
    }
    Some(offer)
}

/// rippled's `changeSpotPriceQuality` (fixAMMv1_1): an offer whose quality is at least `target`,
/// starting from the XRP side so that rounding to drops improves its quality.
pub fn change_spot_price_quality(pool: &PoolSide, target: u64) -> Option<PoolOffer> {
    let offer = if pool.pool_out.is_xrp() {
        start_with_taker_gets(pool, target)?
    } else {
        start_with_taker_pays(pool, target)?
    };
    (offer.quality() <= target).then_some(offer)
}

/// rippled's `maxOffer` (fixAMMOverflowOffer): 99% of the pool's out balance, rounded down, for
/// equation 6's price.
pub fn max_offer(pool: &PoolSide) -> Option<PoolOffer> {
    let out_issue = issue_of(&pool.pool_out)?;
    let pct = Number::from_iou(IouValue::new(99, -2).ok()?);
    let out = amount_of(
        &out_issue,
        number(&pool.pool_out).mul(pct, NEAREST),
        Rounding::Downward,
    )?;
    if out.is_zero() || out.is_negative() || number(&out).cmp_value(number(&pool.pool_out)).is_ge()
    {
        return None;
    }
    let taker_pays = swap_out(&pool.pool_in, &pool.pool_out, &out, pool.tfee)?;
    Some(PoolOffer {
        taker_pays,
        taker_gets: out,
    })
}

/// rippled's single-path `AMMLiquidity::getOffer`: against a book offer of quality `clob`, the
/// offer that moves the pool's spot price to it — none if the spot price (before the fee) is
/// no better or within 10⁻⁷ of it; with no book offer, the largest offer.
pub fn pool_offer(pool: &PoolSide, clob: Option<u64>) -> Option<PoolOffer> {
    let offer = match clob {
        Some(clob) => {
            let spot = spot_quality(pool);
            if spot >= clob || within_relative_distance(spot, clob, Number::from_iou(ten_to(-7))) {
                return None;
            }
            match change_spot_price_quality(pool, clob) {
                Some(offer) => offer,
                // fixAMMv1_2: the largest offer, if even that beats the book.
                None => max_offer(pool).filter(|offer| offer.quality() < clob)?,
            }
        }
        None => max_offer(pool)?,
    };
    let positive = |a: &Amount| !a.is_zero() && !a.is_negative();
    (positive(&offer.taker_pays) && positive(&offer.taker_gets)).then_some(offer)
}

fn ten_to(exponent: i32) -> IouValue {
    IouValue::new(1_000_000_000_000_000, exponent - 15).unwrap_or(IouValue::ZERO)
}

/// rippled's `QualityFunction::outFromAvgQ` for a single-path pool step: how much may come out
/// for the trade's average quality to reach `limit`, with the taker's transfer rate `in_rate`
/// (None: none) on what goes in. The pool's average price is linear in what comes out:
/// out/in = b + m·out with m = −f/I and b = O·f/I (times 1/rate with a transfer fee), so
/// out = (1/limit − b)/m, rounded up. None where no positive amount reaches it.
pub fn out_from_average_quality(
    pool: &PoolSide,
    limit: u64,
    in_rate: Option<Number>,
) -> Option<Number> {
    let r = rate(limit);
    if r.is_zero() {
        return None;
    }
    let (i, o) = (number(&pool.pool_in), number(&pool.pool_out));
    let f = fee_mult(pool.tfee);
    let mut m = (-f).div(i, NEAREST);
    let mut b = o.mul(f, NEAREST).div(i, NEAREST);
    if let Some(in_rate) = in_rate {
        // Composed with the transfer fee's constant quality (rippled's `combine`).
        let scale = int(1).div(in_rate, NEAREST);
        m = scale.mul(m, NEAREST);
        b = scale.mul(b, NEAREST);
    }
    let up = Rounding::Upward;
    let out = int(1).div(r, up).sub(b, up).div(m, up);
    (!out.is_zero() && !out.is_negative()).then_some(out)
}

/// rippled's `withinRelativeDistance` for amounts: (max − min) / max below `dist`.
pub fn amounts_within(a: Number, b: Number, dist: Number) -> bool {
    if a.cmp_value(b).is_eq() {
        return true;
    }
    let (min, max) = if a.cmp_value(b).is_lt() {
        (a, b)
    } else {
        (b, a)
    };
    max.sub(min, NEAREST)
        .div(max, NEAREST)
        .cmp_value(dist)
        .is_lt()
}

/// 10^exponent as a Number.
pub fn power_of_ten(exponent: i32) -> Number {
    Number::from_iou(ten_to(exponent))
}
