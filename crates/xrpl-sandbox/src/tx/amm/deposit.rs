//! AMMDeposit: adding liquidity for LP tokens, in the modes the workbook uses — an exact number
//! of LP tokens for both assets in proportion (`tfLPToken`), both assets up to limits
//! (`tfTwoAsset`), or one asset alone, which pays the trading fee on the half that is
//! effectively swapped (`tfSingleAsset`, XLS-30 equation 3).
//! Rules: <https://xrpl.org/docs/references/protocol/transactions/types/ammdeposit>.

use std::cmp::Ordering;

use super::check_asset_usable;
use super::math::{
    adjust_lp_tokens, asset_for_fraction, asset_in, fraction, lp_tokens_for_fraction,
    lp_tokens_out, ratio,
};
use super::pool::{
    balance_of, deposit_asset, issue_lp, issue_of, lp_held, put_amm, read_amm, read_issue,
};
use crate::apply::funds::can_pay;
use crate::apply::trust_line;
use crate::apply::view::ApplyView;
use crate::ledger::amm::Amm;
use crate::proto::Hash256;
use crate::result::Ter;
use crate::tx::fields::{Amount, IouValue, Issue, TxFields};
use crate::tx::{ApplyOutput, Common, Transactor, UNIVERSAL_FLAGS};

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

/// The deposit mode and its amounts.
#[derive(Debug, Clone)]
enum Mode {
    LpToken {
        tokens: IouValue,
        max: Option<(Amount, Amount)>,
    },
    TwoAsset(Amount, Amount),
    SingleAsset(Amount),
}

/// An AMMDeposit that passed preflight.
#[derive(Debug, Clone)]
pub struct AmmDeposit {
    asset: Issue,
    asset2: Issue,
    mode: Mode,
}

/// The pool as a transaction sees it: balances ordered as the transaction names the assets.
pub struct PoolView {
    /// The AMM object's key.
    pub key: Hash256,
    /// The AMM object.
    pub amm: Amm,
    /// Balance of the transaction's `Asset`.
    pub balance: Amount,
    /// Balance of the transaction's `Asset2`.
    pub balance2: Amount,
}

impl PoolView {
    /// The pool balance in `amount`'s asset, and the other one.
    pub fn sides_for(&self, amount: &Amount) -> (&Amount, &Amount) {
        if self.balance2.same_asset(amount) {
            (&self.balance2, &self.balance)
        } else {
            (&self.balance, &self.balance2)
        }
    }
}

/// Loads the pool for `asset`/`asset2` (`terNO_AMM` when there is none).
pub fn load_pool(view: &ApplyView<'_>, asset: &Issue, asset2: &Issue) -> Result<PoolView, Ter> {
    let (key, amm) = read_amm(view, asset, asset2).ok_or(Ter::terNO_AMM)?;
    let balance = balance_of(view, &amm.account, asset);
    let balance2 = balance_of(view, &amm.account, asset2);
    Ok(PoolView {
        key,
        amm,
        balance,
        balance2,
    })
}

/// The fee `account` trades at: the discounted fee while the auction slot is live, for its
/// holder and the accounts its bid authorised (rippled's `getTradingFee`).
pub fn trading_fee(view: &ApplyView<'_>, amm: &Amm, account: &crate::proto::AccountId) -> u16 {
    match &amm.auction_slot {
        Some(slot)
            if view.ctx.parent_close_time < slot.expiration
                && (slot.account == *account || slot.auth_accounts.contains(account)) =>
        {
            slot.discounted_fee
        }
        _ => amm.trading_fee,
    }
}

fn matches(amount: &Amount, issue: &Issue) -> bool {
    issue_of(amount).as_ref() == Some(issue)
}

fn greater(a: &Amount, b: &Amount) -> bool {
    a.checked_cmp(b).is_ok_and(|o| o == Ordering::Greater)
}

impl Transactor for AmmDeposit {
    fn preflight(tx: TxFields<'_>, flags: u32) -> Result<Self, Ter> {
        let modes = TF_LP_TOKEN | TF_SINGLE_ASSET | TF_TWO_ASSET;
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
        let tokens = tx.amount("LPTokenOut")?;
        for a in [&amount, &amount2].into_iter().flatten() {
            if a.is_zero() || a.is_negative() {
                return Err(Ter::temBAD_AMOUNT);
            }
        }
        // A lone Amount may be either asset; a pair must be in the pool's order.
        let lone = amount2.is_none();
        if amount
            .as_ref()
            .is_some_and(|a| !(matches(a, &asset) || (lone && matches(a, &asset2))))
            || amount2.as_ref().is_some_and(|a| !matches(a, &asset2))
        {
            return Err(Ter::temBAD_AMM_TOKENS);
        }
        let mode = match (flags & modes, amount, amount2, tokens) {
            (TF_LP_TOKEN, a, b, Some(Amount::Issued(t))) if a.is_some() == b.is_some() => {
                if !t.value.is_positive() {
                    return Err(Ter::temBAD_AMM_TOKENS);
                }
                Mode::LpToken {
                    tokens: t.value,
                    max: a.zip(b),
                }
            }
            (TF_TWO_ASSET, Some(a), Some(b), None) => Mode::TwoAsset(a, b),
            (TF_SINGLE_ASSET, Some(a), None, None) => Mode::SingleAsset(a),
            _ => return Err(Ter::temMALFORMED),
        };
        Ok(AmmDeposit {
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
        for issue in [&self.asset, &self.asset2] {
            let ter = check_asset_usable(view, &common.account, issue);
            if ter != Ter::tesSUCCESS {
                return ter;
            }
        }
        // A first deposit opens an LP-token line, which takes a reserve.
        let currency = pool.amm.lp_token_balance.issue.currency;
        if trust_line::read(view, &common.account, &pool.amm.account, &currency).is_none()
            && let Some(root) = view.account(&common.account)
            && common.prior_balance < view.ctx.fees.account_reserve(root.owner_count + 1)
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
        let lp = pool.amm.lp_token_balance;
        let planned = match &self.mode {
            Mode::LpToken { tokens, max } => {
                let tokens = lp_tokens_for_fraction(&lp, fraction(*tokens, &lp), true);
                proportional(&pool, tokens).and_then(|(t, a, b)| match max {
                    Some((ma, mb)) if greater(&a, ma) || greater(&b, mb) => Err(Ter::tecAMM_FAILED),
                    _ => Ok((t, Some(a), Some(b))),
                })
            }
            Mode::TwoAsset(max_a, max_b) => two_asset(&pool, max_a, max_b),
            Mode::SingleAsset(amount) => {
                let tfee = trading_fee(view, &pool.amm, &common.account);
                single_asset(&pool, amount, tfee)
            }
        };
        let (tokens, a, b) = match planned {
            Ok(p) => p,
            Err(ter) => return ter,
        };
        for amount in [&a, &b].into_iter().flatten() {
            if !can_pay(view, &common.account, amount) {
                return Ter::tecUNFUNDED_AMM;
            }
            let ter = deposit_asset(view, &common.account, &pool.amm.account, amount);
            if ter != Ter::tesSUCCESS {
                return ter;
            }
        }
        let ter = issue_lp(view, &pool.amm, &common.account, tokens);
        if ter != Ter::tesSUCCESS {
            return ter;
        }
        let mut amm = pool.amm;
        match amm.lp_token_balance.value.checked_add(tokens) {
            Ok(total) => amm.lp_token_balance.value = total,
            Err(_) => return Ter::tecINTERNAL,
        }
        debug_assert!(lp_held(view, &amm, &common.account).is_positive());
        put_amm(view, pool.key, amm);
        Ter::tesSUCCESS
    }
}

/// Both assets for exactly `tokens` LP tokens (XLS-30 equal deposit: each asset × t/T,
/// rounded up).
fn proportional(pool: &PoolView, tokens: IouValue) -> Result<(IouValue, Amount, Amount), Ter> {
    if !tokens.is_positive() {
        return Err(Ter::tecAMM_INVALID_TOKENS);
    }
    let frac = fraction(tokens, &pool.amm.lp_token_balance);
    let a = asset_for_fraction(&pool.balance, frac, true).ok_or(Ter::tecAMM_FAILED)?;
    let b = asset_for_fraction(&pool.balance2, frac, true).ok_or(Ter::tecAMM_FAILED)?;
    Ok((tokens, a, b))
}

type Plan = Result<(IouValue, Option<Amount>, Option<Amount>), Ter>;

/// Both assets up to `max_a`/`max_b`: the pool's ratio decides which one binds.
fn two_asset(pool: &PoolView, max_a: &Amount, max_b: &Amount) -> Plan {
    let lp = &pool.amm.lp_token_balance;
    for (max, balance) in [(max_a, &pool.balance), (max_b, &pool.balance2)] {
        let tokens = lp_tokens_for_fraction(lp, ratio(max, balance), true);
        let (t, a, b) = proportional(pool, tokens)?;
        if !greater(&a, max_a) && !greater(&b, max_b) {
            return Ok((t, Some(a), Some(b)));
        }
    }
    Err(Ter::tecAMM_FAILED)
}

/// One asset alone (equation 3), with rippled's re-adjustment when rounding overshoots.
fn single_asset(pool: &PoolView, amount: &Amount, tfee: u16) -> Plan {
    let lp = &pool.amm.lp_token_balance;
    let (balance, _) = pool.sides_for(amount);
    let tokens = adjust_lp_tokens(lp, lp_tokens_out(balance, amount, lp, tfee), true);
    if !tokens.is_positive() {
        return Err(Ter::tecAMM_INVALID_TOKENS);
    }
    let mut tokens = tokens;
    let mut needed = asset_in(balance, lp, tokens, tfee).ok_or(Ter::tecAMM_FAILED)?;
    if greater(&needed, amount) {
        // Rounding asked for more than offered: shrink the deposit by the overshoot, retry.
        let over = needed.checked_sub(amount).map_err(|_| Ter::tecAMM_FAILED)?;
        let smaller = amount.checked_sub(&over).map_err(|_| Ter::tecAMM_FAILED)?;
        tokens = adjust_lp_tokens(lp, lp_tokens_out(balance, &smaller, lp, tfee), true);
        needed = asset_in(balance, lp, tokens, tfee).ok_or(Ter::tecAMM_FAILED)?;
    }
    let paid = if greater(&needed, amount) {
        *amount
    } else {
        needed
    };
    if !tokens.is_positive() {
        return Err(Ter::tecAMM_INVALID_TOKENS);
    }
    Ok((tokens, Some(paid), None))
}
