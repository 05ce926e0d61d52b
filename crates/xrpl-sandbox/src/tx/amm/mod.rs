//! The AMM family (XLS-30): automated market maker pools. A pool is an AMM object plus a
//! pseudo-account holding both assets; liquidity providers hold its LP tokens.
//!
//! | file | what |
//! |---|---|
//! | `number.rs` | rippled's `Number`, the decimal the equations run in, with rounding modes |
//! | `math.rs` | the XLS-30 equations exactly as rippled computes them (fixAMMv1_1, fixAMMv1_3) |
//! | `quality.rs` | the pool as a crossing source: spot price after the fee, sizing to a price |
//! | `pool_offer.rs` | the pool's synthetic offer, sized exactly as rippled's `AMMLiquidity` sizes it |
//! | `pool.rs` | pool state in a view: object, pseudo-account, balances, LP tokens, amount checks |
//! | `bid.rs` | AMMBid: the auction slot and its price |
//! | `create.rs` | AMMCreate |
//! | `deposit.rs` | AMMDeposit in every mode, including refilling an empty pool |
//! | `swap.rs` | swaps against a pool (XLS-30 equations 5 and 6) |
//! | `vote.rs` | AMMVote: the LP-weighted trading fee |
//! | `withdraw.rs` | AMMWithdraw in every mode; AMMDelete |

pub mod bid;
pub mod create;
pub mod deposit;
pub mod fib_offer;
pub mod math;
pub mod number;
pub mod pool;
pub mod pool_offer;
pub mod quality;
pub mod swap;
pub mod vote;
pub mod withdraw;

#[cfg(test)]
mod empty_pool_tests;

use crate::apply::trust_line;
use crate::apply::view::ApplyView;
use crate::ledger::account_root::flags as lsf;
use crate::proto::AccountId;
use crate::result::Ter;
use crate::tx::fields::Issue;

/// The highest trading fee: 1,000 in 1/100,000 (1%).
pub const MAX_TRADING_FEE: u16 = 1_000;

/// How long an auction slot lasts: 24 hours.
pub const AUCTION_SLOT_SECONDS: u32 = 24 * 3600;

/// Whether `account` may put `issue` into (or take it out of) a pool: the issuer exists, lets
/// its tokens ripple, and has not frozen them.
pub fn check_asset_usable(view: &ApplyView<'_>, account: &AccountId, issue: &Issue) -> Ter {
    if issue.is_xrp() {
        return Ter::tesSUCCESS;
    }
    let Some(issuer) = view.account(&issue.issuer) else {
        return Ter::terNO_ACCOUNT;
    };
    if !issuer.has_flag(lsf::DEFAULT_RIPPLE) {
        return Ter::terNO_RIPPLE;
    }
    if trust_line::is_frozen(view, account, &issue.currency, &issue.issuer) {
        return Ter::tecFROZEN;
    }
    Ter::tesSUCCESS
}
