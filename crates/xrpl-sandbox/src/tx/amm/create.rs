//! AMMCreate: a new pool for a pair of assets, funded by its creator, who receives the first LP
//! tokens — √(amount1 × amount2), rounded down (XLS-30 equation 1, rippled `ammLPTokens`) — and
//! holds the first fee vote and the auction slot. Creating a pool costs one owner reserve as fee.
//! Rules: <https://xrpl.org/docs/references/protocol/transactions/types/ammcreate>.

use super::pool::{
    amount_of, deposit_asset, issue_lp, issue_of, lp_currency, number, pseudo_account, put_amm,
    read_amm,
};
use super::{AUCTION_SLOT_SECONDS, MAX_TRADING_FEE, check_asset_usable};
use crate::apply::directory;
use crate::apply::funds::can_pay;
use crate::apply::trust_line;
use crate::apply::view::ApplyView;
use crate::ledger::account_root::{AccountRoot, flags as lsf};
use crate::ledger::amm::{Amm, AuctionSlot, VoteSlot};
use crate::ledger::entry::Threading;
use crate::ledger::ripple_state::flags as ripple_flags;
use crate::proto::{AccountId, keylet};
use crate::result::Ter;
use crate::tx::fields::{Amount, IouValue, Issue, IssuedAmount, TxFields};
use crate::tx::{ApplyOutput, Common, Transactor, UNIVERSAL_FLAGS};
use xrpl_proto::amount::Rounding;

/// A vote's full weight, in 1/100,000.
pub const FULL_VOTE_WEIGHT: u32 = 100_000;

/// An AMMCreate that passed preflight.
#[derive(Debug, Clone)]
pub struct AmmCreate {
    amount: Amount,
    amount2: Amount,
    trading_fee: u16,
}

impl Transactor for AmmCreate {
    fn preflight(tx: TxFields<'_>, flags: u32) -> Result<Self, Ter> {
        if flags & !UNIVERSAL_FLAGS != 0 {
            return Err(Ter::temINVALID_FLAG);
        }
        let amount = tx.amount("Amount")?.ok_or(Ter::temBAD_AMOUNT)?;
        let amount2 = tx.amount("Amount2")?.ok_or(Ter::temBAD_AMOUNT)?;
        let (Some(a), Some(b)) = (issue_of(&amount), issue_of(&amount2)) else {
            return Err(Ter::temBAD_AMOUNT);
        };
        if a == b {
            return Err(Ter::temBAD_AMM_TOKENS);
        }
        if amount.is_zero() || amount.is_negative() || amount2.is_zero() || amount2.is_negative() {
            return Err(Ter::temBAD_AMOUNT);
        }
        let trading_fee = tx.u32("TradingFee")?.unwrap_or(0);
        if trading_fee > u32::from(MAX_TRADING_FEE) {
            return Err(Ter::temBAD_FEE);
        }
        Ok(AmmCreate {
            amount,
            amount2,
            trading_fee: trading_fee as u16,
        })
    }

    fn preclaim(&self, view: &ApplyView<'_>, common: &Common) -> Ter {
        // Creating a pool costs an owner reserve, paid as the fee.
        if common.fee < view.ctx.fees.reserve_increment {
            return Ter::telINSUF_FEE_P;
        }
        let (Some(a), Some(b)) = (issue_of(&self.amount), issue_of(&self.amount2)) else {
            return Ter::temBAD_AMOUNT;
        };
        if read_amm(view, &a, &b).is_some() {
            return Ter::tecDUPLICATE;
        }
        for (issue, amount) in [(a, &self.amount), (b, &self.amount2)] {
            let ter = check_asset_usable(view, &common.account, &issue);
            if ter != Ter::tesSUCCESS {
                return ter;
            }
            if !can_pay(view, &common.account, amount) {
                return Ter::tecUNFUNDED_AMM;
            }
        }
        Ter::tesSUCCESS
    }

    fn apply(&self, view: &mut ApplyView<'_>, common: &Common, _out: &mut ApplyOutput) -> Ter {
        let (Some(a), Some(b)) = (issue_of(&self.amount), issue_of(&self.amount2)) else {
            return Ter::tecINTERNAL;
        };
        let key = keylet::amm(&a, &b);
        let Some(pool) = pseudo_account(view, &key) else {
            return Ter::tecDUPLICATE;
        };
        let mut root = AccountRoot::new(pool, 0, 0);
        root.flags = lsf::DISABLE_MASTER | lsf::DEFAULT_RIPPLE | lsf::DEPOSIT_AUTH;
        root.extras.amm_id = Some(key);
        view.put_account(root);

        let tokens = initial_lp_tokens(&self.amount, &self.amount2);
        let lp_issue = Issue::new(lp_currency(&a.currency, &b.currency), pool);
        let Some(Amount::Issued(lp)) = amount_of(&lp_issue, tokens, Rounding::Downward) else {
            return Ter::tecINTERNAL;
        };
        if !lp.value.is_positive() {
            return Ter::tecAMM_INVALID_TOKENS;
        }
        let owner_node = directory::add_owned(view, &pool, key);
        let mut amm = Amm {
            account: pool,
            asset: a,
            asset2: b,
            lp_token_balance: lp,
            trading_fee: self.trading_fee,
            vote_slots: Vec::new(),
            auction_slot: None,
            owner_node,
            previous_txn: Threading::default(),
        };
        initialize_fee_auction_vote(view, &mut amm, &common.account, self.trading_fee);
        put_amm(view, key, amm.clone());
        for amount in [&self.amount, &self.amount2] {
            let ter = deposit_asset(view, &common.account, &pool, amount);
            if ter != Ter::tesSUCCESS {
                return ter;
            }
            // rippled marks the pool's asset lines lsfAMMNode (AMMCreate.cpp).
            if let Amount::Issued(iou) = amount {
                let (issuer, currency) = (iou.issue.issuer, iou.issue.currency);
                let Some(mut line) = trust_line::read(view, &pool, &issuer, &currency) else {
                    return Ter::tecINTERNAL;
                };
                line.flags |= ripple_flags::AMM_NODE;
                trust_line::write(view, line);
            }
        }
        issue_lp(view, &amm, &common.account, lp.value)
    }
}

/// rippled's `initializeFeeAuctionVote`: whoever funds a new (or emptied) pool holds the only
/// fee vote, at full weight, and the auction slot for 24 hours at no price.
pub fn initialize_fee_auction_vote(
    view: &ApplyView<'_>,
    amm: &mut Amm,
    account: &AccountId,
    tfee: u16,
) {
    amm.trading_fee = tfee;
    amm.vote_slots = vec![VoteSlot {
        account: *account,
        trading_fee: tfee,
        vote_weight: FULL_VOTE_WEIGHT,
    }];
    let lp_issue = amm.lp_token_balance.issue;
    amm.auction_slot = Some(AuctionSlot {
        account: *account,
        auth_accounts: Vec::new(),
        expiration: view
            .ctx
            .parent_close_time
            .saturating_add(AUCTION_SLOT_SECONDS),
        price: IssuedAmount::new(IouValue::ZERO, lp_issue),
        discounted_fee: tfee / 10,
    });
}

/// √(amount × amount2), every step rounded down so the pool always backs its tokens.
pub fn initial_lp_tokens(amount: &Amount, amount2: &Amount) -> super::number::Number {
    number(amount)
        .mul(number(amount2), Rounding::Downward)
        .root2(Rounding::Downward)
}
