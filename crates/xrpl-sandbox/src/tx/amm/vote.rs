//! AMMVote: a liquidity provider votes for a trading fee; the pool's fee becomes the average of
//! the (at most eight) votes weighted by each voter's LP tokens, and the auction slot's
//! discounted fee follows at a tenth of it.
//! Rules: <https://xrpl.org/docs/references/protocol/transactions/types/ammvote>.

use super::MAX_TRADING_FEE;
use super::create::FULL_VOTE_WEIGHT;
use super::deposit::load_pool;
use super::number::Number;
use super::pool::{lp_held, put_amm, read_issue};
use crate::apply::view::ApplyView;
use crate::ledger::amm::VoteSlot;
use crate::result::Ter;
use crate::tx::fields::{Issue, TxFields};
use crate::tx::{ApplyOutput, Common, Transactor, UNIVERSAL_FLAGS};
use xrpl_proto::amount::Rounding;

/// How many votes a pool keeps.
pub const MAX_VOTE_SLOTS: usize = 8;

const NEAREST: Rounding = Rounding::ToNearest;

/// An AMMVote that passed preflight.
#[derive(Debug, Clone)]
pub struct AmmVote {
    asset: Issue,
    asset2: Issue,
    trading_fee: u16,
}

impl Transactor for AmmVote {
    fn preflight(tx: TxFields<'_>, flags: u32) -> Result<Self, Ter> {
        if flags & !UNIVERSAL_FLAGS != 0 {
            return Err(Ter::temINVALID_FLAG);
        }
        let trading_fee = tx.u32("TradingFee")?.ok_or(Ter::temMALFORMED)?;
        if trading_fee > u32::from(MAX_TRADING_FEE) {
            return Err(Ter::temBAD_FEE);
        }
        Ok(AmmVote {
            asset: read_issue(tx, "Asset")?,
            asset2: read_issue(tx, "Asset2")?,
            trading_fee: trading_fee as u16,
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
        if !lp_held(view, &pool.amm, &common.account).is_positive() {
            return Ter::tecAMM_INVALID_TOKENS;
        }
        Ter::tesSUCCESS
    }

    fn apply(&self, view: &mut ApplyView<'_>, common: &Common, _out: &mut ApplyOutput) -> Ter {
        let pool = match load_pool(view, &self.asset, &self.asset2) {
            Ok(p) => p,
            Err(ter) => return ter,
        };
        let mut amm = pool.amm;
        let total = Number::from_iou(amm.lp_token_balance.value);
        let weight_of = |tokens: Number| -> u32 {
            tokens
                .mul(Number::from_i64(i64::from(FULL_VOTE_WEIGHT)), NEAREST)
                .div(total, NEAREST)
                .to_drops(NEAREST)
                .and_then(|w| u32::try_from(w).ok())
                .unwrap_or(0)
        };
        // Every current vote, re-weighted by what its voter holds now (leavers drop out).
        let mut votes: Vec<(VoteSlot, Number)> = Vec::with_capacity(MAX_VOTE_SLOTS);
        let mut found = false;
        for slot in &amm.vote_slots {
            let held = Number::from_iou(lp_held(view, &amm, &slot.account));
            if held.is_zero() {
                continue;
            }
            let fee = if slot.account == common.account {
                found = true;
                self.trading_fee
            } else {
                slot.trading_fee
            };
            votes.push((
                VoteSlot {
                    account: slot.account,
                    trading_fee: fee,
                    vote_weight: weight_of(held),
                },
                held,
            ));
        }
        if !found {
            let held = Number::from_iou(lp_held(view, &amm, &common.account));
            let vote = VoteSlot {
                account: common.account,
                trading_fee: self.trading_fee,
                vote_weight: weight_of(held),
            };
            if votes.len() < MAX_VOTE_SLOTS {
                votes.push((vote, held));
            } else if let Some(smallest) = (0..votes.len()).min_by(|&a, &b| {
                votes[a]
                    .1
                    .cmp_value(votes[b].1)
                    .then(votes[a].0.trading_fee.cmp(&votes[b].0.trading_fee))
            }) {
                // A full table: the new vote replaces the lightest one if it outweighs it.
                let (ref lightest, weight) = votes[smallest];
                let heavier = held.cmp_value(weight) == std::cmp::Ordering::Greater
                    || (held == weight && self.trading_fee > lightest.trading_fee);
                if heavier {
                    votes[smallest] = (vote, held);
                }
            }
        }
        let (mut num, mut den) = (Number::ZERO, Number::ZERO);
        for (slot, held) in &votes {
            let fee = Number::from_i64(i64::from(slot.trading_fee));
            num = num.add(fee.mul(*held, NEAREST), NEAREST);
            den = den.add(*held, NEAREST);
        }
        let fee = if den.is_zero() {
            0
        } else {
            num.div(den, NEAREST)
                .to_drops(NEAREST)
                .and_then(|f| u16::try_from(f).ok())
                .unwrap_or(0)
        };
        amm.trading_fee = fee;
        if let Some(slot) = amm.auction_slot.as_mut() {
            slot.discounted_fee = fee / 10;
        }
        amm.vote_slots = votes.into_iter().map(|(slot, _)| slot).collect();
        put_amm(view, pool.key, amm);
        Ter::tesSUCCESS
    }
}
