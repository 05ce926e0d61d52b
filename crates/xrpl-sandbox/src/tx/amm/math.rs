//! The XLS-30 equations exactly as rippled evaluates them with fixAMMv1_1 and fixAMMv1_3
//! (AMMHelpers.cpp): the same operation order in 16-digit `Number`s, to nearest inside each
//! equation, and the final product rounded in the pool's favour — LP tokens out down and assets
//! in up on deposit, tokens in up and assets out down on withdrawal. Token amounts are then
//! "adjusted" (`adjustLPTokens`) to what the pool's 16-digit LP balance can actually record, and
//! the asset amounts re-derived from the adjusted tokens (`adjustAssetInByTokens`/`…OutByTokens`).
//! Spec: <https://github.com/XRPLF/XRPL-Standards/tree/master/XLS-0030-automated-market-maker>.

use super::number::Number;
use super::pool::{amount_of, issue_of, multiply, number};
use crate::tx::fields::{Amount, IouValue, IssuedAmount};
use xrpl_proto::amount::Rounding;

const NEAREST: Rounding = Rounding::ToNearest;

fn n(v: i64) -> Number {
    Number::from_i64(v)
}

/// The fee as a fraction: `tfee / 100,000`.
pub fn fee(tfee: u16) -> Number {
    fee_rounded(tfee, NEAREST)
}

/// The fee as a fraction, divided in `mode` (the swaps set the mode first).
pub fn fee_rounded(tfee: u16, mode: Rounding) -> Number {
    n(i64::from(tfee)).div(n(100_000), mode)
}

/// `1 - fee`.
fn fee_mult(tfee: u16) -> Number {
    n(1).sub(fee(tfee), NEAREST)
}

/// `1 - fee / 2`.
fn fee_mult_half(tfee: u16) -> Number {
    n(1).sub(fee(tfee).div(n(2), NEAREST), NEAREST)
}

/// rippled's `adjustLPTokens`: the tokens as the pool's balance can actually record them — the
/// new balance minus the old on deposit, rounded down, so the balance moves by exactly what the
/// holder gets or gives.
pub fn adjust_lp_tokens(balance: &IssuedAmount, tokens: IouValue, deposit: bool) -> IouValue {
    let down = Rounding::Downward;
    let t = Number::from_iou(balance.value);
    let tokens_n = Number::from_iou(tokens);
    let adjusted = if deposit {
        t.add(tokens_n, down).sub(t, down)
    } else {
        tokens_n.sub(t, down).add(t, down)
    };
    adjusted.to_iou().unwrap_or(tokens)
}

/// rippled's `getRoundedLPTokens`: `balance × frac` rounded down on deposit, up on withdrawal,
/// then adjusted.
pub fn rounded_lp_tokens(balance: &IssuedAmount, frac: Number, deposit: bool) -> IouValue {
    let mode = if deposit {
        Rounding::Downward
    } else {
        Rounding::Upward
    };
    let tokens = number(&Amount::Issued(*balance))
        .mul(frac, mode)
        .to_iou()
        .unwrap_or(IouValue::ZERO);
    adjust_lp_tokens(balance, tokens, deposit)
}

/// rippled's `getRoundedAsset`: `balance × frac` rounded up on deposit, down on withdrawal.
pub fn rounded_asset(balance: &Amount, frac: Number, deposit: bool) -> Option<Amount> {
    let mode = if deposit {
        Rounding::Upward
    } else {
        Rounding::Downward
    };
    multiply(balance, frac, mode)
}

/// `tokens / T` as STAmount's `divide` computes it (the equal deposit and withdrawal take their
/// fraction this way, not in `Number`): the 10^17-scaled quotient truncated, plus 5, rounded.
pub fn token_fraction(tokens: IouValue, lp: &IssuedAmount) -> Number {
    tokens
        .checked_div(lp.value)
        .map_or(Number::ZERO, Number::from_iou)
}

/// The new LP-token balance `T ± t` (an issued-amount sum, to nearest).
pub fn lp_balance_after(lp: &IssuedAmount, tokens: IouValue, deposit: bool) -> Option<IouValue> {
    let t = Number::from_iou(lp.value);
    let d = Number::from_iou(tokens);
    let sum = if deposit {
        t.add(d, NEAREST)
    } else {
        t.sub(d, NEAREST)
    };
    sum.to_iou()
}

/// `a − b` for two amounts of one asset: whole drops for XRP, a 16-digit difference to nearest
/// for issued amounts (STAmount's `operator-`).
pub fn amount_minus(a: &Amount, b: &Amount) -> Option<Amount> {
    match (a, b) {
        (Amount::Xrp(x), Amount::Xrp(y)) => x.checked_sub(*y).ok().map(Amount::Xrp),
        _ => same_asset(a, number(a).sub(number(b), NEAREST)),
    }
}

fn min_amount(a: Amount, b: Amount) -> Amount {
    match a.checked_cmp(&b) {
        Ok(std::cmp::Ordering::Greater) => b,
        _ => a,
    }
}

fn exceeds(a: &Amount, b: &Amount) -> bool {
    matches!(a.checked_cmp(b), Ok(std::cmp::Ordering::Greater))
}

/// rippled's `adjustAssetInByTokens`: the deposit the adjusted `tokens` really cost; when
/// rounding asks for more than `amount`, shrink the deposit by the overshoot and derive tokens
/// and cost again. Returns the tokens and the deposit (never above `amount`).
pub fn adjust_asset_in_by_tokens(
    balance: &Amount,
    amount: &Amount,
    lp: &IssuedAmount,
    tokens: IouValue,
    tfee: u16,
) -> Option<(IouValue, Amount)> {
    let mut asset = asset_in(balance, lp, tokens, tfee)?;
    let mut tokens = tokens;
    if exceeds(&asset, amount) {
        let smaller = amount_minus(amount, &amount_minus(&asset, amount)?)?;
        tokens = adjust_lp_tokens(lp, lp_tokens_out(balance, &smaller, lp, tfee), true);
        asset = asset_in(balance, lp, tokens, tfee)?;
    }
    Some((tokens, min_amount(*amount, asset)))
}

/// rippled's `adjustAssetOutByTokens`: the withdrawal the adjusted `tokens` really pay, shrunk
/// the same way when rounding gives more than `amount`.
pub fn adjust_asset_out_by_tokens(
    balance: &Amount,
    amount: &Amount,
    lp: &IssuedAmount,
    tokens: IouValue,
    tfee: u16,
) -> Option<(IouValue, Amount)> {
    let mut asset = asset_out(balance, lp, tokens, tfee)?;
    let mut tokens = tokens;
    if exceeds(&asset, amount) {
        let smaller = amount_minus(amount, &amount_minus(&asset, amount)?)?;
        tokens = adjust_lp_tokens(lp, lp_tokens_in(balance, &smaller, lp, tfee), false);
        asset = asset_out(balance, lp, tokens, tfee)?;
    }
    Some((tokens, min_amount(*amount, asset)))
}

/// Equation 3 — LP tokens out for a single-asset deposit of `deposit` into a pool holding
/// `balance`: t = T × (r − c)/(1 + c), r = b/B, c = √(f2² + r/f1) − f2, f1 = 1 − fee,
/// f2 = (1 − fee/2)/f1; rounded down.
pub fn lp_tokens_out(balance: &Amount, deposit: &Amount, lp: &IssuedAmount, tfee: u16) -> IouValue {
    let f1 = fee_mult(tfee);
    let f2 = fee_mult_half(tfee).div(f1, NEAREST);
    let r = number(deposit).div(number(balance), NEAREST);
    let c = f2
        .mul(f2, NEAREST)
        .add(r.div(f1, NEAREST), NEAREST)
        .root2(NEAREST)
        .sub(f2, NEAREST);
    let frac = r.sub(c, NEAREST).div(n(1).add(c, NEAREST), NEAREST);
    number(&Amount::Issued(*lp))
        .mul(frac, Rounding::Downward)
        .to_iou()
        .unwrap_or(IouValue::ZERO)
}

fn solve_quadratic(a: Number, b: Number, c: Number) -> Number {
    let d = b
        .mul(b, NEAREST)
        .sub(n(4).mul(a, NEAREST).mul(c, NEAREST), NEAREST);
    (-b).add(d.root2(NEAREST), NEAREST)
        .div(n(2).mul(a, NEAREST), NEAREST)
}

/// Equation 4 — the single asset needed to get `tokens` LP tokens; rounded up.
pub fn asset_in(
    balance: &Amount,
    lp: &IssuedAmount,
    tokens: IouValue,
    tfee: u16,
) -> Option<Amount> {
    let f1 = fee_mult(tfee);
    let f2 = fee_mult_half(tfee).div(f1, NEAREST);
    let t1 = Number::from_iou(tokens).div(Number::from_iou(lp.value), NEAREST);
    let t2 = n(1).add(t1, NEAREST);
    let d = f2.sub(t1.div(t2, NEAREST), NEAREST);
    let a = n(1).div(t2.mul(t2, NEAREST), NEAREST);
    let b = n(2)
        .mul(d, NEAREST)
        .div(t2, NEAREST)
        .sub(n(1).div(f1, NEAREST), NEAREST);
    let c = d.mul(d, NEAREST).sub(f2.mul(f2, NEAREST), NEAREST);
    multiply(balance, solve_quadratic(a, b, c), Rounding::Upward)
}

/// Equation 7 — LP tokens in for a single-asset withdrawal of `amount`:
/// t = T × (c − √(c² − 4R))/2, R = b/B, c = R·fee + 2 − fee; rounded up.
pub fn lp_tokens_in(balance: &Amount, amount: &Amount, lp: &IssuedAmount, tfee: u16) -> IouValue {
    let fr = number(amount).div(number(balance), NEAREST);
    let f = fee(tfee);
    let c = fr.mul(f, NEAREST).add(n(2), NEAREST).sub(f, NEAREST);
    let root = c
        .mul(c, NEAREST)
        .sub(n(4).mul(fr, NEAREST), NEAREST)
        .root2(NEAREST);
    let frac = c.sub(root, NEAREST).div(n(2), NEAREST);
    number(&Amount::Issued(*lp))
        .mul(frac, Rounding::Upward)
        .to_iou()
        .unwrap_or(IouValue::ZERO)
}

/// Equation 8 — the single asset `tokens` LP tokens redeem for:
/// b = B × (t1² − t1(2 − fee))/(t1·fee − 1), t1 = t/T; rounded down.
pub fn asset_out(
    balance: &Amount,
    lp: &IssuedAmount,
    tokens: IouValue,
    tfee: u16,
) -> Option<Amount> {
    let f = fee(tfee);
    let t1 = Number::from_iou(tokens).div(Number::from_iou(lp.value), NEAREST);
    let num = t1
        .mul(t1, NEAREST)
        .sub(t1.mul(n(2).sub(f, NEAREST), NEAREST), NEAREST);
    let den = t1.mul(f, NEAREST).sub(n(1), NEAREST);
    multiply(balance, num.div(den, NEAREST), Rounding::Downward)
}

/// The fraction `tokens / T`.
pub fn fraction(tokens: IouValue, lp: &IssuedAmount) -> Number {
    Number::from_iou(tokens).div(Number::from_iou(lp.value), NEAREST)
}

/// The fraction `amount / balance`.
pub fn ratio(amount: &Amount, balance: &Amount) -> Number {
    number(amount).div(number(balance), NEAREST)
}

/// An amount of the same asset as `like`, from a Number, rounded to nearest.
pub fn same_asset(like: &Amount, value: Number) -> Option<Amount> {
    amount_of(&issue_of(like)?, value, NEAREST)
}
