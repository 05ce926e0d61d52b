//! AMMWithdraw and AMMDelete: taking liquidity out for LP tokens — in proportion for an LP-token
//! amount (`tfLPToken`) or everything held (`tfWithdrawAll`), both assets up to limits
//! (`tfTwoAsset`), one asset (`tfSingleAsset`, equation 7) or all of it in one asset
//! (`tfOneAssetWithdrawAll`, equation 8). When the last LP tokens go, the pool goes with them.
//! Rules: <https://xrpl.org/docs/references/protocol/transactions/types/ammwithdraw>,
//! <https://xrpl.org/docs/references/protocol/transactions/types/ammdelete>.

use std::cmp::Ordering;

use super::deposit::{
    PoolView, TF_LP_TOKEN, TF_ONE_ASSET_WITHDRAW_ALL, TF_SINGLE_ASSET, TF_TWO_ASSET,
    TF_WITHDRAW_ALL, load_pool, trading_fee,
};
use super::math::{
    adjust_lp_tokens, asset_for_fraction, asset_out, fraction, lp_tokens_for_fraction,
    lp_tokens_in, ratio,
};
use super::pool::{issue_of, lp_held, put_amm, read_issue, redeem_lp, withdraw_asset};
use crate::apply::directory;
use crate::apply::trust_line;
use crate::apply::view::ApplyView;
use crate::ledger::amm::Amm;
use crate::proto::{Hash256, keylet};
use crate::result::Ter;
use crate::tx::fields::{Amount, IouValue, Issue, TxFields};
use crate::tx::{ApplyOutput, Common, Transactor, UNIVERSAL_FLAGS};

#[derive(Debug, Clone)]
enum Mode {
    LpToken(IouValue),
    WithdrawAll,
    TwoAsset(Amount, Amount),
    SingleAsset(Amount),
    OneAssetAll(Amount),
}

/// An AMMWithdraw that passed preflight.
#[derive(Debug, Clone)]
pub struct AmmWithdraw {
    asset: Issue,
    asset2: Issue,
    mode: Mode,
}

fn greater(a: &Amount, b: &Amount) -> bool {
    a.checked_cmp(b).is_ok_and(|o| o == Ordering::Greater)
}

impl Transactor for AmmWithdraw {
    fn preflight(tx: TxFields<'_>, flags: u32) -> Result<Self, Ter> {
        let modes = TF_LP_TOKEN
            | TF_WITHDRAW_ALL
            | TF_TWO_ASSET
            | TF_SINGLE_ASSET
            | TF_ONE_ASSET_WITHDRAW_ALL;
        if flags & !(UNIVERSAL_FLAGS | modes) != 0 {
            return Err(Ter::temINVALID_FLAG);
        }
        let asset = read_issue(tx, "Asset")?;
        let asset2 = read_issue(tx, "Asset2")?;
        if asset == asset2 {
            return Err(Ter::temBAD_AMM_TOKENS);
        }
        let amount = tx.amount("Amount")?;
        let amount2 = tx.amount("Amount2")?;
        let tokens = tx.amount("LPTokenIn")?;
        for a in [&amount, &amount2].into_iter().flatten() {
            if a.is_zero() || a.is_negative() {
                return Err(Ter::temBAD_AMOUNT);
            }
        }
        let lone = amount2.is_none();
        if amount
            .as_ref()
            .is_some_and(|a| issue_of(a) != Some(asset) && !(lone && issue_of(a) == Some(asset2)))
            || amount2
                .as_ref()
                .is_some_and(|a| issue_of(a) != Some(asset2))
        {
            return Err(Ter::temBAD_AMM_TOKENS);
        }
        let mode = match (flags & modes, amount, amount2, tokens) {
            (TF_LP_TOKEN, None, None, Some(Amount::Issued(t))) if t.value.is_positive() => {
                Mode::LpToken(t.value)
            }
            (TF_WITHDRAW_ALL, None, None, None) => Mode::WithdrawAll,
            (TF_TWO_ASSET, Some(a), Some(b), None) => Mode::TwoAsset(a, b),
            (TF_SINGLE_ASSET, Some(a), None, None) => Mode::SingleAsset(a),
            (TF_ONE_ASSET_WITHDRAW_ALL, Some(a), None, None) => Mode::OneAssetAll(a),
            _ => return Err(Ter::temMALFORMED),
        };
        Ok(AmmWithdraw {
            asset,
            asset2,
            mode,
        })
    }

    fn preclaim(&self, view: &ApplyView<'_>, common: &Common) -> Ter {
        let pool = match load_pool(view, &self.asset, &self.asset2) {
            Ok(p) => p,
            Err(ter) => return ter,
        };
        if !pool.amm.lp_token_balance.value.is_positive() {
            return Ter::tecAMM_EMPTY;
        }
        let held = lp_held(view, &pool.amm, &common.account);
        if !held.is_positive() {
            return Ter::tecAMM_BALANCE;
        }
        if let Mode::LpToken(t) = &self.mode
            && *t > held
        {
            return Ter::tecAMM_INVALID_TOKENS;
        }
        Ter::tesSUCCESS
    }

    fn apply(&self, view: &mut ApplyView<'_>, common: &Common, _out: &mut ApplyOutput) -> Ter {
        let pool = match load_pool(view, &self.asset, &self.asset2) {
            Ok(p) => p,
            Err(ter) => return ter,
        };
        let held = lp_held(view, &pool.amm, &common.account);
        let tfee = trading_fee(view, &pool.amm, &common.account);
        let planned = match &self.mode {
            Mode::LpToken(t) => proportional(&pool, *t),
            Mode::WithdrawAll => proportional(&pool, held),
            Mode::TwoAsset(a, b) => two_asset(&pool, a, b),
            Mode::SingleAsset(a) => single_asset(&pool, a, tfee),
            Mode::OneAssetAll(like) => asset_out(
                pool.sides_for(like).0,
                &pool.amm.lp_token_balance,
                held,
                tfee,
            )
            .map(|a| (held, Some(a), None))
            .ok_or(Ter::tecAMM_FAILED),
        };
        let (tokens, a, b) = match planned {
            Ok(p) => p,
            Err(ter) => return ter,
        };
        if tokens > held {
            return Ter::tecAMM_INVALID_TOKENS;
        }
        let lp = pool.amm.lp_token_balance;
        let all = tokens == lp.value;
        // Only the last tokens may empty a side of the pool.
        for amount in [&a, &b].into_iter().flatten() {
            let (balance, _) = pool.sides_for(amount);
            if !all
                && amount
                    .checked_cmp(balance)
                    .is_ok_and(|o| o != Ordering::Less)
            {
                return Ter::tecAMM_BALANCE;
            }
        }
        let ter = redeem_lp(view, &pool.amm, &common.account, tokens);
        if ter != Ter::tesSUCCESS {
            return ter;
        }
        for amount in [&a, &b].into_iter().flatten() {
            if amount.is_zero() {
                continue;
            }
            let ter = withdraw_asset(view, &pool.amm.account, &common.account, amount);
            if ter != Ter::tesSUCCESS {
                return ter;
            }
        }
        let mut amm = pool.amm;
        match lp.value.checked_sub(tokens) {
            Ok(left) => amm.lp_token_balance.value = left,
            Err(_) => return Ter::tecINTERNAL,
        }
        if amm.lp_token_balance.value.is_zero() {
            delete_pool(view, pool.key, &amm);
        } else {
            put_amm(view, pool.key, amm);
        }
        Ter::tesSUCCESS
    }
}

type Plan = Result<(IouValue, Option<Amount>, Option<Amount>), Ter>;

/// Both assets for `tokens` LP tokens: all of both when it is every token, else each asset ×
/// t/T rounded down (tokens rounded up).
fn proportional(pool: &PoolView, tokens: IouValue) -> Plan {
    let lp = &pool.amm.lp_token_balance;
    if tokens == lp.value {
        return Ok((tokens, Some(pool.balance), Some(pool.balance2)));
    }
    let tokens = lp_tokens_for_fraction(lp, fraction(tokens, lp), false);
    if !tokens.is_positive() {
        return Err(Ter::tecAMM_INVALID_TOKENS);
    }
    let frac = fraction(tokens, lp);
    let a = asset_for_fraction(&pool.balance, frac, false).ok_or(Ter::tecAMM_FAILED)?;
    let b = asset_for_fraction(&pool.balance2, frac, false).ok_or(Ter::tecAMM_FAILED)?;
    if a.is_zero() || b.is_zero() {
        return Err(Ter::tecAMM_FAILED);
    }
    Ok((tokens, Some(a), Some(b)))
}

/// Both assets up to `max_a`/`max_b`, in the pool's ratio.
fn two_asset(pool: &PoolView, max_a: &Amount, max_b: &Amount) -> Plan {
    let lp = &pool.amm.lp_token_balance;
    for (max, balance) in [(max_a, &pool.balance), (max_b, &pool.balance2)] {
        let tokens = lp_tokens_for_fraction(lp, ratio(max, balance), false);
        let (t, a, b) = proportional(pool, tokens)?;
        let fits = |x: &Option<Amount>, m: &Amount| x.as_ref().is_some_and(|x| !greater(x, m));
        if fits(&a, max_a) && fits(&b, max_b) {
            return Ok((t, a, b));
        }
    }
    Err(Ter::tecAMM_FAILED)
}

/// One asset (equation 7), re-adjusted when rounding overshoots.
fn single_asset(pool: &PoolView, amount: &Amount, tfee: u16) -> Plan {
    let lp = &pool.amm.lp_token_balance;
    let (balance, _) = pool.sides_for(amount);
    let mut tokens = adjust_lp_tokens(lp, lp_tokens_in(balance, amount, lp, tfee), false);
    if !tokens.is_positive() {
        return Err(Ter::tecAMM_INVALID_TOKENS);
    }
    let mut out = asset_out(balance, lp, tokens, tfee).ok_or(Ter::tecAMM_FAILED)?;
    if greater(&out, amount) {
        let over = out.checked_sub(amount).map_err(|_| Ter::tecAMM_FAILED)?;
        let smaller = amount.checked_sub(&over).map_err(|_| Ter::tecAMM_FAILED)?;
        tokens = adjust_lp_tokens(lp, lp_tokens_in(balance, &smaller, lp, tfee), false);
        out = asset_out(balance, lp, tokens, tfee).ok_or(Ter::tecAMM_FAILED)?;
    }
    let paid = if greater(&out, amount) { *amount } else { out };
    Ok((tokens, Some(paid), None))
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
