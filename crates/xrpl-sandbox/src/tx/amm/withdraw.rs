//! AMMWithdraw and AMMDelete: taking liquidity out for LP tokens, in every mode rippled has — in
//! proportion for an LP-token amount (`tfLPToken`) or everything held (`tfWithdrawAll`), both
//! assets up to limits (`tfTwoAsset`), one asset for an amount (`tfSingleAsset`, XLS-30
//! equation 7), one asset for an LP-token amount (`tfOneAssetLPToken`, equation 8) or for all of
//! them (`tfOneAssetWithdrawAll`), and one asset bounded by an effective price
//! (`tfLimitLPToken`). Amounts follow rippled's AMMWithdraw.cpp with fixAMMv1_3 (`math.rs`).
//! When the last LP tokens go, the pool goes with them.
//! Rules: <https://xrpl.org/docs/references/protocol/transactions/types/ammwithdraw>,
//! <https://xrpl.org/docs/references/protocol/transactions/types/ammdelete>.

use std::cmp::Ordering;

use super::deposit::{
    PoolView, TF_LIMIT_LP_TOKEN, TF_LP_TOKEN, TF_ONE_ASSET_LP_TOKEN, TF_ONE_ASSET_WITHDRAW_ALL,
    TF_SINGLE_ASSET, TF_TWO_ASSET, TF_WITHDRAW_ALL, load_pool, trading_fee,
};
use super::math::{
    adjust_asset_out_by_tokens, adjust_lp_tokens, asset_out, fee, lp_balance_after, lp_tokens_in,
    ratio, rounded_asset, rounded_lp_tokens, token_fraction,
};
use super::number::Number;
use super::pool::{
    amount_of, check_amm_amount, issue_of, lp_held, multiply, number, pay_out, put_amm, read_issue,
    redeem_lp,
};
use crate::apply::directory;
use crate::apply::trust_line;
use crate::apply::view::ApplyView;
use crate::ledger::amm::Amm;
use crate::ledger::entry::LedgerEntry;
use crate::proto::{AccountId, Hash256, keylet};
use crate::result::Ter;
use crate::tx::fields::{Amount, IouValue, Issue, IssuedAmount, TxFields};
use crate::tx::{ApplyOutput, Common, Transactor, UNIVERSAL_FLAGS};
use xrpl_proto::amount::Rounding;

const MODES: u32 = TF_LP_TOKEN
    | TF_WITHDRAW_ALL
    | TF_ONE_ASSET_WITHDRAW_ALL
    | TF_SINGLE_ASSET
    | TF_TWO_ASSET
    | TF_ONE_ASSET_LP_TOKEN
    | TF_LIMIT_LP_TOKEN;

/// An AMMWithdraw that passed preflight: its mode flag and the fields that mode uses.
#[derive(Debug, Clone)]
pub struct AmmWithdraw {
    asset: Issue,
    asset2: Issue,
    mode: u32,
    amount: Option<Amount>,
    amount2: Option<Amount>,
    e_price: Option<Amount>,
    tokens: Option<Amount>,
}

fn cmp(a: &Amount, b: &Amount) -> Option<Ordering> {
    a.checked_cmp(b).ok()
}

fn token_value(amount: &Amount) -> IouValue {
    match amount {
        Amount::Issued(t) => t.value,
        _ => IouValue::ZERO,
    }
}

impl AmmWithdraw {
    fn withdraws_all(&self) -> bool {
        self.mode & (TF_WITHDRAW_ALL | TF_ONE_ASSET_WITHDRAW_ALL) != 0
    }

    /// The LP tokens the transaction names: all it holds for the withdraw-all modes.
    fn tokens_named(&self, held: IouValue) -> Option<IouValue> {
        if self.withdraws_all() {
            Some(held)
        } else {
            self.tokens.as_ref().map(token_value)
        }
    }
}

impl Transactor for AmmWithdraw {
    fn preflight(tx: TxFields<'_>, flags: u32) -> Result<Self, Ter> {
        if flags & !(UNIVERSAL_FLAGS | MODES) != 0 {
            return Err(Ter::temINVALID_FLAG);
        }
        let amount = tx.amount("Amount")?;
        let amount2 = tx.amount("Amount2")?;
        let e_price = tx.amount("EPrice")?;
        let tokens = tx.amount("LPTokenIn")?;
        let mode = flags & MODES;
        if mode.count_ones() != 1 {
            return Err(Ter::temMALFORMED);
        }
        let (a, b, e, t) = (
            amount.is_some(),
            amount2.is_some(),
            e_price.is_some(),
            tokens.is_some(),
        );
        let well_formed = match mode {
            TF_LP_TOKEN => t && !a && !b && !e,
            TF_WITHDRAW_ALL => !t && !a && !b && !e,
            TF_ONE_ASSET_WITHDRAW_ALL | TF_SINGLE_ASSET => a && !t && !b && !e,
            TF_TWO_ASSET => a && b && !t && !e,
            TF_ONE_ASSET_LP_TOKEN => a && t && !b && !e,
            _ => a && e && !t && !b,
        };
        if !well_formed {
            return Err(Ter::temMALFORMED);
        }
        let asset = read_issue(tx, "Asset")?;
        let asset2 = read_issue(tx, "Asset2")?;
        if asset == asset2 {
            return Err(Ter::temBAD_AMM_TOKENS);
        }
        if let (Some(x), Some(y)) = (&amount, &amount2)
            && x.same_asset(y)
        {
            return Err(Ter::temBAD_AMM_TOKENS);
        }
        if let Some(t) = &tokens
            && !token_value(t).is_positive()
        {
            return Err(Ter::temBAD_AMM_TOKENS);
        }
        let pair = Some((&asset, &asset2));
        let zero_allowed = mode & (TF_ONE_ASSET_WITHDRAW_ALL | TF_ONE_ASSET_LP_TOKEN) != 0 || e;
        if let Some(x) = &amount {
            check_amm_amount(x, pair, zero_allowed)?;
        }
        if let Some(y) = &amount2 {
            check_amm_amount(y, pair, false)?;
        }
        if let Some(p) = &e_price {
            check_amm_amount(p, None, false)?;
        }
        Ok(AmmWithdraw {
            asset,
            asset2,
            mode,
            amount,
            amount2,
            e_price,
            tokens,
        })
    }

    fn preclaim(&self, view: &ApplyView<'_>, common: &Common) -> Ter {
        let pool = match load_pool(view, &self.asset, &self.asset2) {
            Ok(p) => p,
            Err(ter) => return ter,
        };
        let lpt = pool.amm.lp_token_balance;
        if lpt.value.is_zero() {
            return Ter::tecAMM_EMPTY;
        }
        let (balance, balance2) = pool.sides(self.amount.as_ref(), self.amount2.as_ref());
        for (amount, balance) in [(&self.amount, &balance), (&self.amount2, &balance2)] {
            let Some(amount) = amount else { continue };
            if cmp(amount, balance) == Some(Ordering::Greater) {
                return Ter::tecAMM_BALANCE;
            }
            if let Amount::Issued(iou) = amount
                && trust_line::is_frozen(
                    view,
                    &common.account,
                    &iou.issue.currency,
                    &iou.issue.issuer,
                )
            {
                return Ter::tecFROZEN;
            }
        }
        let held = lp_held(view, &pool.amm, &common.account);
        if !held.is_positive() {
            return Ter::tecAMM_BALANCE;
        }
        if let Some(t) = &self.tokens
            && issue_of(t) != Some(lpt.issue)
        {
            return Ter::temBAD_AMM_TOKENS;
        }
        if self.tokens_named(held).is_some_and(|t| t > held) {
            return Ter::tecAMM_INVALID_TOKENS;
        }
        if let Some(p) = &self.e_price
            && issue_of(p) != Some(lpt.issue)
        {
            return Ter::temBAD_AMM_TOKENS;
        }
        Ter::tesSUCCESS
    }

    fn apply(&self, view: &mut ApplyView<'_>, common: &Common, _out: &mut ApplyOutput) -> Ter {
        let mut pool = match load_pool(view, &self.asset, &self.asset2) {
            Ok(p) => p,
            Err(ter) => return ter,
        };
        let held = lp_held(view, &pool.amm, &common.account);
        // fixAMMv1_1: the last provider's line may differ from the pool's LP balance by
        // rounding; within 0.1% the balance takes the line's value, beyond it nothing is paid.
        if held != pool.amm.lp_token_balance.value
            && only_liquidity_provider(view, &pool.amm, &common.account)
        {
            if !within_a_thousandth(held, pool.amm.lp_token_balance.value) {
                return Ter::tecAMM_INVALID_TOKENS;
            }
            pool.amm.lp_token_balance.value = held;
        }
        let (balance, balance2) = pool.sides(self.amount.as_ref(), self.amount2.as_ref());
        let ctx = Withdrawer {
            account: common.account,
            prior_balance: common.prior_balance,
            lpt: pool.amm.lp_token_balance,
            held,
            balance,
            balance2,
            tfee: trading_fee(view, &pool.amm, &common.account),
            all: self.withdraws_all(),
        };
        let plan = match self.plan(&ctx, held) {
            Ok(p) => p,
            Err(ter) => return ter,
        };
        let left = match ctx.withdraw(view, &pool, plan) {
            Ok(left) => left,
            Err(ter) => return ter,
        };
        let mut amm = pool.amm;
        amm.lp_token_balance.value = left;
        if left.is_zero() {
            delete_pool(view, pool.key, &amm);
        } else {
            put_amm(view, pool.key, amm);
        }
        Ter::tesSUCCESS
    }
}

/// What a mode decided: the assets to pay out and the LP tokens to take back.
struct Plan {
    amount: Amount,
    amount2: Option<Amount>,
    tokens: IouValue,
}

impl Plan {
    fn single(amount: Amount, tokens: IouValue) -> Plan {
        Plan {
            amount,
            amount2: None,
            tokens,
        }
    }
}

/// The withdrawing LP and the pool sides in the order its amounts name them.
struct Withdrawer {
    account: AccountId,
    prior_balance: u64,
    lpt: IssuedAmount,
    held: IouValue,
    balance: Amount,
    balance2: Amount,
    tfee: u16,
    /// `tfWithdrawAll`/`tfOneAssetWithdrawAll`: the tokens are not adjusted.
    all: bool,
}

impl Withdrawer {
    fn adjusted(&self, tokens: IouValue) -> IouValue {
        if self.all {
            tokens
        } else {
            adjust_lp_tokens(&self.lpt, tokens, false)
        }
    }
}

impl AmmWithdraw {
    /// The assets and tokens for this withdrawal's mode.
    fn plan(&self, ctx: &Withdrawer, held: IouValue) -> Result<Plan, Ter> {
        let failed = Ter::tecAMM_FAILED;
        let invalid = Ter::tecAMM_INVALID_TOKENS;
        let (lpt, balance, tfee) = (&ctx.lpt, &ctx.balance, ctx.tfee);
        let tokens = self.tokens_named(held).unwrap_or(IouValue::ZERO);
        match (self.mode, self.amount.as_ref()) {
            (TF_TWO_ASSET, Some(a)) => {
                let b = self.amount2.as_ref().ok_or(failed)?;
                two_asset(ctx, a, b)
            }
            (TF_ONE_ASSET_LP_TOKEN | TF_ONE_ASSET_WITHDRAW_ALL, Some(min)) => {
                let t = ctx.adjusted(tokens);
                if t.is_zero() {
                    return Err(invalid);
                }
                let out = asset_out(balance, lpt, t, tfee).ok_or(failed)?;
                if min.is_zero() || cmp(&out, min) != Some(Ordering::Less) {
                    Ok(Plan::single(out, t))
                } else {
                    Err(failed)
                }
            }
            (TF_LIMIT_LP_TOKEN, Some(min)) => {
                let e_price = self.e_price.as_ref().ok_or(failed)?;
                limit_lp_token(ctx, min, e_price)
            }
            (TF_SINGLE_ASSET, Some(a)) => {
                let t = ctx.adjusted(lp_tokens_in(balance, a, lpt, tfee));
                if t.is_zero() {
                    return Err(invalid);
                }
                let (t, out) =
                    adjust_asset_out_by_tokens(balance, a, lpt, t, tfee).ok_or(failed)?;
                if t.is_zero() {
                    return Err(invalid);
                }
                Ok(Plan::single(out, t))
            }
            (TF_LP_TOKEN | TF_WITHDRAW_ALL, _) => proportional(ctx, tokens),
            _ => Err(Ter::tecINTERNAL),
        }
    }
}

/// Both assets for `tokens` LP tokens: all of both when it is every token, else each balance ×
/// t/T (STAmount's quotient) rounded down, from the adjusted tokens.
fn proportional(ctx: &Withdrawer, tokens: IouValue) -> Result<Plan, Ter> {
    let lpt = &ctx.lpt;
    if tokens == lpt.value {
        return Ok(Plan {
            amount: ctx.balance,
            amount2: Some(ctx.balance2),
            tokens,
        });
    }
    let t = ctx.adjusted(tokens);
    if t.is_zero() {
        return Err(Ter::tecAMM_INVALID_TOKENS);
    }
    let frac = token_fraction(t, lpt);
    let failed = Ter::tecAMM_FAILED;
    let a = rounded_asset(&ctx.balance, frac, false).ok_or(failed)?;
    let b = rounded_asset(&ctx.balance2, frac, false).ok_or(failed)?;
    if a.is_zero() || b.is_zero() {
        return Err(failed);
    }
    Ok(Plan {
        amount: a,
        amount2: Some(b),
        tokens: t,
    })
}

/// `t / T` as a `Number` quotient (rippled's `adjustFracByTokens`).
fn token_fraction_n(tokens: IouValue, lpt: &IssuedAmount) -> Number {
    Number::from_iou(tokens).div(Number::from_iou(lpt.value), Rounding::ToNearest)
}

/// `tfTwoAsset`: the share `Amount` is of its side, if the other side's part fits under
/// `Amount2`; otherwise the share `Amount2` is, if `Amount`'s part fits (rippled's
/// `equalWithdrawLimit`).
fn two_asset(ctx: &Withdrawer, a: &Amount, b: &Amount) -> Result<Plan, Ter> {
    let lpt = &ctx.lpt;
    let failed = Ter::tecAMM_FAILED;
    let t = rounded_lp_tokens(lpt, ratio(a, &ctx.balance), false);
    if t.is_zero() {
        return Err(Ter::tecAMM_INVALID_TOKENS);
    }
    let other = rounded_asset(&ctx.balance2, token_fraction_n(t, lpt), false).ok_or(failed)?;
    if cmp(&other, b) != Some(Ordering::Greater) {
        return Ok(Plan {
            amount: *a,
            amount2: Some(other),
            tokens: t,
        });
    }
    let t = rounded_lp_tokens(lpt, ratio(b, &ctx.balance2), false);
    if t.is_zero() {
        return Err(Ter::tecAMM_INVALID_TOKENS);
    }
    let first = rounded_asset(&ctx.balance, token_fraction_n(t, lpt), false).ok_or(failed)?;
    if cmp(&first, a) == Some(Ordering::Greater) {
        return Err(failed);
    }
    Ok(Plan {
        amount: first,
        amount2: Some(*b),
        tokens: t,
    })
}

/// `tfLimitLPToken`: the LP tokens in per asset out is the effective price E, so from
/// equation 8, t = T·(T + A·E·(f − 2))/(T·f − A·E); the asset out is t/E, rounded down, and must
/// reach `Amount` unless that is zero (rippled's `singleWithdrawEPrice`).
fn limit_lp_token(ctx: &Withdrawer, min: &Amount, e_price: &Amount) -> Result<Plan, Ter> {
    let near = Rounding::ToNearest;
    let failed = Ter::tecAMM_FAILED;
    let lpt = &ctx.lpt;
    let big_t = Number::from_iou(lpt.value);
    let ae = number(&ctx.balance).mul(number(e_price), near);
    let f = fee(ctx.tfee);
    let denom = big_t.mul(f, near).sub(ae, near);
    if denom.is_zero() {
        return Err(failed);
    }
    let frac = big_t
        .add(ae.mul(f.sub(Number::from_i64(2), near), near), near)
        .div(denom, near);
    let Some(Amount::Issued(tokens)) = multiply(&Amount::Issued(*lpt), frac, Rounding::Upward)
    else {
        return Err(failed);
    };
    let t = adjust_lp_tokens(lpt, tokens.value, false);
    if !t.is_positive() {
        return Err(Ter::tecAMM_INVALID_TOKENS);
    }
    let down = Rounding::Downward;
    let issue = issue_of(min).ok_or(failed)?;
    let out =
        amount_of(&issue, Number::from_iou(t).div(number(e_price), down), down).ok_or(failed)?;
    if min.is_zero() || cmp(&out, min) != Some(Ordering::Less) {
        Ok(Plan::single(out, t))
    } else {
        Err(failed)
    }
}

impl Withdrawer {
    /// rippled's `withdraw`: checks the tokens and that no side of the pool is emptied alone,
    /// pays the assets out, takes the LP tokens back; returns the pool's LP tokens left.
    fn withdraw(
        &self,
        view: &mut ApplyView<'_>,
        pool: &PoolView,
        plan: Plan,
    ) -> Result<IouValue, Ter> {
        let lpt = &self.lpt;
        if !plan.tokens.is_positive() || plan.tokens > self.held {
            return Err(Ter::tecAMM_INVALID_TOKENS);
        }
        if plan.tokens > lpt.value {
            return Err(Ter::tecINTERNAL);
        }
        let (cur, cur2) = pool.sides(Some(&plan.amount), None);
        let eq = |x: &Amount, y: &Amount| cmp(x, y) == Some(Ordering::Equal);
        let first_all = eq(&plan.amount, &cur);
        let second_all = plan.amount2.as_ref().is_some_and(|b| eq(b, &cur2));
        if first_all != second_all {
            return Err(Ter::tecAMM_BALANCE);
        }
        if plan.tokens == lpt.value && !(first_all && second_all) {
            return Err(Ter::tecAMM_BALANCE);
        }
        let over = |x: &Amount, y: &Amount| cmp(x, y) == Some(Ordering::Greater);
        if over(&plan.amount, &cur) || plan.amount2.as_ref().is_some_and(|b| over(b, &cur2)) {
            return Err(Ter::tecAMM_BALANCE);
        }
        for amount in [Some(plan.amount), plan.amount2].into_iter().flatten() {
            let ter = pay_out(
                view,
                &pool.amm.account,
                &self.account,
                &amount,
                self.prior_balance,
            );
            if ter != Ter::tesSUCCESS {
                return Err(ter);
            }
        }
        let ter = redeem_lp(view, &pool.amm, &self.account, plan.tokens);
        if ter != Ter::tesSUCCESS {
            return Err(ter);
        }
        lp_balance_after(lpt, plan.tokens, false).ok_or(Ter::tecINTERNAL)
    }
}

/// rippled's `isOnlyLiquidityProvider`: every LP-token line in the pool account's directory is
/// `account`'s (a line left at zero by another provider still counts as another provider).
fn only_liquidity_provider(view: &ApplyView<'_>, amm: &Amm, account: &AccountId) -> bool {
    let currency = amm.lp_token_balance.issue.currency;
    let mut own = 0;
    for key in directory::entries(|k| view.read(k), &keylet::owner_dir(&amm.account)) {
        let Some(line) = view.read(&key).and_then(LedgerEntry::as_ripple_state) else {
            continue;
        };
        if line.currency != currency {
            continue;
        }
        if line.low == *account || line.high == *account {
            own += 1;
        } else {
            return false;
        }
    }
    own == 1
}

/// rippled's `withinRelativeDistance(a, b, 0.001)`: (max − min)/max < 1/1000.
fn within_a_thousandth(a: IouValue, b: IouValue) -> bool {
    let near = Rounding::ToNearest;
    let (min, max) = if a < b { (a, b) } else { (b, a) };
    let (min, max) = (Number::from_iou(min), Number::from_iou(max));
    let distance = max.sub(min, near).div(max, near);
    distance.cmp_value(Number::from_i64(1).div(Number::from_i64(1000), near)) == Ordering::Less
}

/// Removes an empty pool: its asset lines, the AMM object and the pseudo-account.
pub fn delete_pool(view: &mut ApplyView<'_>, key: Hash256, amm: &Amm) {
    for issue in [&amm.asset, &amm.asset2] {
        if issue.is_xrp() {
            continue;
        }
        if let Some(line) = trust_line::read(view, &amm.account, &issue.issuer, &issue.currency) {
            trust_line::delete(view, &line);
        }
    }
    directory::remove_owned(view, &amm.account, &key);
    view.erase(&key);
    view.erase(&keylet::account(&amm.account));
}

/// An AMMDelete that passed preflight: removes a pool left with no LP tokens.
#[derive(Debug, Clone)]
pub struct AmmDelete {
    asset: Issue,
    asset2: Issue,
}

impl Transactor for AmmDelete {
    fn preflight(tx: TxFields<'_>, flags: u32) -> Result<Self, Ter> {
        if flags & !UNIVERSAL_FLAGS != 0 {
            return Err(Ter::temINVALID_FLAG);
        }
        Ok(AmmDelete {
            asset: read_issue(tx, "Asset")?,
            asset2: read_issue(tx, "Asset2")?,
        })
    }

    fn preclaim(&self, view: &ApplyView<'_>, _common: &Common) -> Ter {
        match load_pool(view, &self.asset, &self.asset2) {
            Err(ter) => ter,
            Ok(pool) if pool.amm.lp_token_balance.value.is_positive() => Ter::tecAMM_NOT_EMPTY,
            Ok(_) => Ter::tesSUCCESS,
        }
    }

    fn apply(&self, view: &mut ApplyView<'_>, _common: &Common, _out: &mut ApplyOutput) -> Ter {
        match load_pool(view, &self.asset, &self.asset2) {
            Ok(pool) => {
                delete_pool(view, pool.key, &pool.amm);
                Ter::tesSUCCESS
            }
            Err(ter) => ter,
        }
    }
}
