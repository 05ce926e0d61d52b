//! AMMDeposit: adding liquidity for LP tokens, in every mode rippled has — an exact number of LP
//! tokens for both assets in proportion (`tfLPToken`), both assets up to limits (`tfTwoAsset`),
//! one asset alone (`tfSingleAsset`, XLS-30 equation 3), one asset for an exact number of LP
//! tokens (`tfOneAssetLPToken`, equation 4), one asset up to an effective price
//! (`tfLimitLPToken`), and refilling a pool left empty (`tfTwoAssetIfEmpty`, which sets the fee
//! anew). Amounts follow rippled's AMMDeposit.cpp with fixAMMv1_3 step by step (`math.rs`).
//! Rules: <https://xrpl.org/docs/references/protocol/transactions/types/ammdeposit>.

use std::cmp::Ordering;

use super::MAX_TRADING_FEE;
use super::check_asset_usable;
use super::create::{initial_lp_tokens, initialize_fee_auction_vote};
use super::math::{
    adjust_asset_in_by_tokens, adjust_lp_tokens, asset_in, fee, lp_balance_after, lp_tokens_out,
    ratio, rounded_asset, rounded_lp_tokens, token_fraction,
};
use super::number::Number;
pub use super::pool::{PoolView, load_pool, trading_fee};
use super::pool::{
    amount_of, check_amm_amount, deposit_asset, issue_lp, issue_of, lp_held, multiply, number,
    put_amm, read_issue,
};
use crate::apply::funds::account_holds;
use crate::apply::trust_line;
use crate::apply::view::ApplyView;
use crate::proto::AccountId;
use crate::result::Ter;
use crate::tx::fields::{Amount, IouValue, Issue, IssuedAmount, TxFields};
use crate::tx::{ApplyOutput, Common, Transactor, UNIVERSAL_FLAGS};
use xrpl_proto::amount::Rounding;

/// `tfLPToken`: an exact LP-token amount, both assets in proportion.
pub const TF_LP_TOKEN: u32 = 0x0001_0000;
/// `tfWithdrawAll` (withdrawals).
pub const TF_WITHDRAW_ALL: u32 = 0x0002_0000;
/// `tfOneAssetWithdrawAll` (withdrawals).
pub const TF_ONE_ASSET_WITHDRAW_ALL: u32 = 0x0004_0000;
/// `tfSingleAsset`: one asset only.
pub const TF_SINGLE_ASSET: u32 = 0x0008_0000;
/// `tfTwoAsset`: both assets, up to the given amounts.
pub const TF_TWO_ASSET: u32 = 0x0010_0000;
/// `tfOneAssetLPToken`: one asset for an exact LP-token amount.
pub const TF_ONE_ASSET_LP_TOKEN: u32 = 0x0020_0000;
/// `tfLimitLPToken`: one asset, bounded by an effective price per LP token.
pub const TF_LIMIT_LP_TOKEN: u32 = 0x0040_0000;
/// `tfTwoAssetIfEmpty`: both assets into a pool whose LP tokens are all gone.
pub const TF_TWO_ASSET_IF_EMPTY: u32 = 0x0080_0000;

const MODES: u32 = TF_LP_TOKEN
    | TF_SINGLE_ASSET
    | TF_TWO_ASSET
    | TF_ONE_ASSET_LP_TOKEN
    | TF_LIMIT_LP_TOKEN
    | TF_TWO_ASSET_IF_EMPTY;

/// An AMMDeposit that passed preflight: its mode flag and the fields that mode uses.
#[derive(Debug, Clone)]
pub struct AmmDeposit {
    asset: Issue,
    asset2: Issue,
    mode: u32,
    amount: Option<Amount>,
    amount2: Option<Amount>,
    e_price: Option<Amount>,
    tokens: Option<Amount>,
    trading_fee: Option<u16>,
}

fn less(a: &Amount, b: &Amount) -> bool {
    a.checked_cmp(b).is_ok_and(|o| o == Ordering::Less)
}

fn greater(a: &Amount, b: &Amount) -> bool {
    a.checked_cmp(b).is_ok_and(|o| o == Ordering::Greater)
}

/// The LP-token value of an `LPTokenOut`-like field (zero for anything else; preclaim rejects
/// a wrong asset).
fn token_value(amount: &Amount) -> IouValue {
    match amount {
        Amount::Issued(t) => t.value,
        _ => IouValue::ZERO,
    }
}

impl Transactor for AmmDeposit {
    fn preflight(tx: TxFields<'_>, flags: u32) -> Result<Self, Ter> {
        if flags & !(UNIVERSAL_FLAGS | MODES) != 0 {
            return Err(Ter::temINVALID_FLAG);
        }
        let amount = tx.amount("Amount")?;
        let amount2 = tx.amount("Amount2")?;
        let e_price = tx.amount("EPrice")?;
        let tokens = tx.amount("LPTokenOut")?;
        let fee_field = tx.u32("TradingFee")?;
        let mode = flags & MODES;
        if mode.count_ones() != 1 {
            return Err(Ter::temMALFORMED);
        }
        let (a, b, e, t, f) = (
            amount.is_some(),
            amount2.is_some(),
            e_price.is_some(),
            tokens.is_some(),
            fee_field.is_some(),
        );
        let well_formed = match mode {
            TF_LP_TOKEN => t && !e && a == b && !f,
            TF_SINGLE_ASSET => a && !b && !e && !f,
            TF_TWO_ASSET => a && b && !e && !f,
            TF_ONE_ASSET_LP_TOKEN => a && t && !b && !e && !f,
            TF_LIMIT_LP_TOKEN => a && e && !t && !b && !f,
            _ => a && b && !e && !t,
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
        if let Some(x) = &amount {
            check_amm_amount(x, pair, e)?;
        }
        if let Some(y) = &amount2 {
            check_amm_amount(y, pair, false)?;
        }
        // The effective price is in the deposited asset.
        if let (Some(x), Some(p)) = (&amount, &e_price) {
            let issue = issue_of(x).ok_or(Ter::temBAD_AMM_TOKENS)?;
            check_amm_amount(p, Some((&issue, &issue)), false)?;
        }
        let trading_fee = match fee_field {
            Some(v) if v > u32::from(MAX_TRADING_FEE) => return Err(Ter::temBAD_FEE),
            Some(v) => Some(v as u16),
            None => None,
        };
        Ok(AmmDeposit {
            asset,
            asset2,
            mode,
            amount,
            amount2,
            e_price,
            tokens,
            trading_fee,
        })
    }

    fn preclaim(&self, view: &ApplyView<'_>, common: &Common) -> Ter {
        let pool = match load_pool(view, &self.asset, &self.asset2) {
            Ok(p) => p,
            Err(ter) => return ter,
        };
        let lpt = pool.amm.lp_token_balance;
        if self.mode == TF_TWO_ASSET_IF_EMPTY {
            if !lpt.value.is_zero() {
                return Ter::tecAMM_NOT_EMPTY;
            }
        } else if lpt.value.is_zero() {
            return Ter::tecAMM_EMPTY;
        }
        for issue in [&self.asset, &self.asset2] {
            let ter = check_asset_usable(view, &common.account, issue);
            if ter != Ter::tesSUCCESS {
                return ter;
            }
        }
        let has_lp_line = trust_line::read(
            view,
            &common.account,
            &pool.amm.account,
            &lpt.issue.currency,
        )
        .is_some();
        // With tfLPToken the amounts are minimums, not what is paid.
        if self.mode != TF_LP_TOKEN {
            for amount in [&self.amount, &self.amount2].into_iter().flatten() {
                if !funded(view, &common.account, amount, has_lp_line) {
                    return if amount.is_xrp() && !has_lp_line {
                        Ter::tecINSUF_RESERVE_LINE
                    } else {
                        Ter::tecUNFUNDED_AMM
                    };
                }
            }
        }
        if let Some(t) = &self.tokens
            && issue_of(t) != Some(lpt.issue)
        {
            return Ter::temBAD_AMM_TOKENS;
        }
        // A first deposit opens an LP-token line, which takes a reserve.
        if !lp_held(view, &pool.amm, &common.account).is_positive()
            && liquid_xrp(view, &common.account, 1) <= 0
        {
            return Ter::tecINSUF_RESERVE_LINE;
        }
        Ter::tesSUCCESS
    }

    fn apply(&self, view: &mut ApplyView<'_>, common: &Common, _out: &mut ApplyOutput) -> Ter {
        let pool = match load_pool(view, &self.asset, &self.asset2) {
            Ok(p) => p,
            Err(ter) => return ter,
        };
        let lpt = pool.amm.lp_token_balance;
        let empty = lpt.value.is_zero();
        let tfee = if empty {
            self.trading_fee.unwrap_or(0)
        } else {
            trading_fee(view, &pool.amm, &common.account)
        };
        let (balance, balance2) = pool.sides(self.amount.as_ref(), self.amount2.as_ref());
        let ctx = Depositor {
            account: common.account,
            pool: pool.amm.account,
            lpt,
            balance,
            tfee,
        };
        let planned = self.plan(&ctx, &balance2);
        let plan = match planned {
            Ok(p) => p,
            Err(ter) => return ter,
        };
        let new_balance = match ctx.deposit(view, &pool, plan) {
            Ok(b) => b,
            Err(ter) => return ter,
        };
        let mut amm = pool.amm;
        amm.lp_token_balance.value = new_balance;
        if empty {
            initialize_fee_auction_vote(view, &mut amm, &common.account, tfee);
        }
        put_amm(view, pool.key, amm);
        Ter::tesSUCCESS
    }
}

/// What a mode decided: the amounts to take, the tokens to issue and the minimums to check.
struct Plan {
    amount: Amount,
    amount2: Option<Amount>,
    tokens: IouValue,
    min: Option<Amount>,
    min2: Option<Amount>,
    tokens_min: Option<IouValue>,
}

impl Plan {
    fn single(amount: Amount, tokens: IouValue) -> Plan {
        Plan {
            amount,
            amount2: None,
            tokens,
            min: None,
            min2: None,
            tokens_min: None,
        }
    }
}

/// The depositor and the pool side its `Amount` names.
struct Depositor {
    account: AccountId,
    pool: AccountId,
    lpt: IssuedAmount,
    balance: Amount,
    tfee: u16,
}

impl AmmDeposit {
    /// The amounts and tokens for this deposit's mode.
    fn plan(&self, ctx: &Depositor, balance2: &Amount) -> Result<Plan, Ter> {
        let amount = self.amount.as_ref();
        let tokens = self.tokens.as_ref().map(token_value);
        let (lpt, balance, tfee) = (&ctx.lpt, &ctx.balance, ctx.tfee);
        let failed = Ter::tecAMM_FAILED;
        match (self.mode, amount) {
            (TF_LP_TOKEN, _) => {
                let t = adjust_lp_tokens(lpt, tokens.unwrap_or(IouValue::ZERO), true);
                if t.is_zero() {
                    return Err(Ter::tecAMM_INVALID_TOKENS);
                }
                let frac = token_fraction(t, lpt);
                Ok(Plan {
                    amount: rounded_asset(balance, frac, true).ok_or(failed)?,
                    amount2: Some(rounded_asset(balance2, frac, true).ok_or(failed)?),
                    tokens: t,
                    min: self.amount,
                    min2: self.amount2,
                    tokens_min: None,
                })
            }
            (TF_TWO_ASSET, Some(a)) => {
                let b = self.amount2.as_ref().ok_or(failed)?;
                two_asset(ctx, balance2, a, b, tokens)
            }
            (TF_SINGLE_ASSET, Some(a)) => {
                let t = adjust_lp_tokens(lpt, lp_tokens_out(balance, a, lpt, tfee), true);
                if t.is_zero() {
                    return Err(Ter::tecAMM_INVALID_TOKENS);
                }
                let (t, paid) =
                    adjust_asset_in_by_tokens(balance, a, lpt, t, tfee).ok_or(failed)?;
                let mut plan = Plan::single(paid, t);
                plan.tokens_min = tokens;
                Ok(plan)
            }
            (TF_ONE_ASSET_LP_TOKEN, Some(max)) => {
                let t = adjust_lp_tokens(lpt, tokens.unwrap_or(IouValue::ZERO), true);
                if t.is_zero() {
                    return Err(Ter::tecAMM_INVALID_TOKENS);
                }
                let needed = asset_in(balance, lpt, t, tfee).ok_or(failed)?;
                if greater(&needed, max) {
                    return Err(failed);
                }
                Ok(Plan::single(needed, t))
            }
            (TF_LIMIT_LP_TOKEN, Some(a)) => {
                let e_price = self.e_price.as_ref().ok_or(failed)?;
                limit_lp_token(ctx, a, e_price)
            }
            (TF_TWO_ASSET_IF_EMPTY, Some(a)) => {
                let b = self.amount2.ok_or(failed)?;
                let root = initial_lp_tokens(a, &b);
                let lp_issue = Issue::new(lpt.issue.currency, lpt.issue.issuer);
                let Some(Amount::Issued(t)) = amount_of(&lp_issue, root, Rounding::Downward) else {
                    return Err(Ter::tecAMM_INVALID_TOKENS);
                };
                Ok(Plan {
                    amount: *a,
                    amount2: Some(b),
                    tokens: t.value,
                    min: None,
                    min2: None,
                    tokens_min: None,
                })
            }
            _ => Err(Ter::tecINTERNAL),
        }
    }
}

/// `tfTwoAsset`: the share `Amount` buys, if the other asset's proportional part fits under
/// `Amount2`; otherwise the share `Amount2` buys, if `Amount`'s part fits. The binding side is
/// deposited as given, the other re-derived from the rounded tokens (rippled's
/// `equalDepositLimit`).
fn two_asset(
    ctx: &Depositor,
    balance2: &Amount,
    a: &Amount,
    b: &Amount,
    tokens_min: Option<IouValue>,
) -> Result<Plan, Ter> {
    let (lpt, balance) = (&ctx.lpt, &ctx.balance);
    let failed = Ter::tecAMM_FAILED;
    let t = rounded_lp_tokens(lpt, ratio(a, balance), true);
    if t.is_zero() {
        return Err(Ter::tecAMM_INVALID_TOKENS);
    }
    let other = rounded_asset(balance2, token_fraction_n(t, lpt), true).ok_or(failed)?;
    if !greater(&other, b) {
        return Ok(Plan {
            amount: *a,
            amount2: Some(other),
            tokens: t,
            min: None,
            min2: None,
            tokens_min,
        });
    }
    let t = rounded_lp_tokens(lpt, ratio(b, balance2), true);
    if t.is_zero() {
        return Err(Ter::tecAMM_INVALID_TOKENS);
    }
    let first = rounded_asset(balance, token_fraction_n(t, lpt), true).ok_or(failed)?;
    if greater(&first, a) {
        return Err(failed);
    }
    Ok(Plan {
        amount: first,
        amount2: Some(*b),
        tokens: t,
        min: None,
        min2: None,
        tokens_min,
    })
}

/// `t / T` as a `Number` quotient (rippled's `adjustFracByTokens`).
fn token_fraction_n(tokens: IouValue, lpt: &IssuedAmount) -> Number {
    Number::from_iou(tokens).div(Number::from_iou(lpt.value), Rounding::ToNearest)
}

/// `tfLimitLPToken`: deposit all of `Amount` if its effective price (asset in per LP token out)
/// stays at or under `EPrice`; otherwise the deposit whose effective price is exactly `EPrice`,
/// from rippled's quadratic in R = b / (f1·B) (`singleDepositEPrice`).
fn limit_lp_token(ctx: &Depositor, amount: &Amount, e_price: &Amount) -> Result<Plan, Ter> {
    let (lpt, balance, tfee) = (&ctx.lpt, &ctx.balance, ctx.tfee);
    let failed = Ter::tecAMM_FAILED;
    let near = Rounding::ToNearest;
    if !amount.is_zero() {
        let t = adjust_lp_tokens(lpt, lp_tokens_out(balance, amount, lpt, tfee), true);
        if !t.is_positive() {
            return Err(Ter::tecAMM_INVALID_TOKENS);
        }
        let (t, paid) = adjust_asset_in_by_tokens(balance, amount, lpt, t, tfee).ok_or(failed)?;
        if t.is_zero() {
            return Err(Ter::tecAMM_INVALID_TOKENS);
        }
        let ep = number(&paid).div(Number::from_iou(t), near);
        if ep.cmp_value(number(e_price)) != Ordering::Greater {
            return Ok(Plan::single(paid, t));
        }
    }
    let n = Number::from_i64;
    let f1 = n(1).sub(fee(tfee), near);
    let f2 = n(1).sub(fee(tfee).div(n(2), near), near).div(f1, near);
    let big_t = Number::from_iou(lpt.value);
    let c = f1
        .mul(number(balance), near)
        .div(number(e_price).mul(big_t, near), near);
    let d = f1.add(c.mul(f2, near), near).sub(c, near);
    let a1 = c.mul(c, near);
    let b1 = c
        .mul(c, near)
        .mul(f2, near)
        .mul(f2, near)
        .add(n(2).mul(c, near), near)
        .sub(d.mul(d, near), near);
    let c1 = n(2)
        .mul(c, near)
        .mul(f2, near)
        .mul(f2, near)
        .add(n(1), near)
        .sub(n(2).mul(d, near).mul(f2, near), near);
    let root = b1
        .mul(b1, near)
        .sub(n(4).mul(a1, near).mul(c1, near), near)
        .root2(near);
    let r = (-b1).add(root, near).div(n(2).mul(a1, near), near);
    let deposit = multiply(balance, f1.mul(r, near), Rounding::Upward).ok_or(failed)?;
    if deposit.is_zero() || deposit.is_negative() {
        return Err(failed);
    }
    // Tokens: deposit / EPrice, every step rounded down, then adjusted.
    let down = Rounding::Downward;
    let tokens = number(&deposit)
        .div(number(e_price), down)
        .to_iou()
        .ok_or(failed)?;
    let tokens = adjust_lp_tokens(lpt, tokens, true);
    let (t, paid) =
        adjust_asset_in_by_tokens(balance, &deposit, lpt, tokens, tfee).ok_or(failed)?;
    if t.is_zero() {
        return Err(Ter::tecAMM_INVALID_TOKENS);
    }
    Ok(Plan::single(paid, t))
}

/// The XRP `account` can spend with `extra_owned` more objects owned (rippled's `xrpLiquid`).
fn liquid_xrp(view: &ApplyView<'_>, account: &AccountId, extra_owned: u32) -> i64 {
    view.account(account).map_or(0, |root| {
        let reserve = view
            .ctx
            .fees
            .account_reserve(root.owner_count + extra_owned);
        root.balance as i64 - reserve as i64
    })
}

/// Whether `account` can put `amount` in: XRP above the reserve (counting the LP-token line a
/// first deposit opens), an issued asset from its line (or without limit for the issuer).
fn funded(view: &ApplyView<'_>, account: &AccountId, amount: &Amount, has_lp_line: bool) -> bool {
    match amount {
        Amount::Xrp(d) => liquid_xrp(view, account, u32::from(!has_lp_line)) >= d.get(),
        _ => !less(&account_holds(view, account, amount), amount),
    }
}

impl Depositor {
    /// rippled's `deposit`: checks the tokens and the minimums, takes the assets, issues the LP
    /// tokens; returns the pool's new LP-token balance.
    fn deposit(
        &self,
        view: &mut ApplyView<'_>,
        pool: &PoolView,
        plan: Plan,
    ) -> Result<IouValue, Ter> {
        if !plan.tokens.is_positive() {
            return Err(Ter::tecAMM_INVALID_TOKENS);
        }
        let below = |x: Option<&Amount>, min: Option<&Amount>| match (x, min) {
            (Some(x), Some(m)) => less(x, m),
            (None, Some(_)) => true,
            _ => false,
        };
        if below(Some(&plan.amount), plan.min.as_ref())
            || below(plan.amount2.as_ref(), plan.min2.as_ref())
            || plan.tokens_min.is_some_and(|m| plan.tokens < m)
        {
            return Err(Ter::tecAMM_FAILED);
        }
        let currency = self.lpt.issue.currency;
        for amount in [Some(plan.amount), plan.amount2].into_iter().flatten() {
            if amount.is_zero() || amount.is_negative() {
                return Err(Ter::temBAD_AMOUNT);
            }
            let has_lp_line =
                trust_line::read(view, &self.account, &self.pool, &currency).is_some();
            if !funded(view, &self.account, &amount, has_lp_line) {
                return Err(Ter::tecUNFUNDED_AMM);
            }
            let ter = deposit_asset(view, &self.account, &self.pool, &amount);
            if ter != Ter::tesSUCCESS {
                return Err(ter);
            }
        }
        let ter = issue_lp(view, &pool.amm, &self.account, plan.tokens);
        if ter != Ter::tesSUCCESS {
            return Err(ter);
        }
        lp_balance_after(&self.lpt, plan.tokens, true).ok_or(Ter::tecINTERNAL)
    }
}
