//! The AMM object (XLS-30): one automated market maker pool for a pair of assets, held by a
//! pseudo-account, with its LP-token supply, trading fee, the fee votes and the auction slot
//! (its holder and the up to four accounts it shares the discounted fee with).

use serde_json::{Map, Value, json};

use super::entry::{Fields, Threading};
use crate::proto::{AccountId, encode_address};
use xrpl_proto::amount::{Amount, Issue, IssuedAmount};

/// One liquidity provider's vote on the trading fee.
#[derive(Debug, Clone, PartialEq)]
pub struct VoteSlot {
    /// The voter.
    pub account: AccountId,
    /// The fee it wants, in 1/100,000 (0..=1000).
    pub trading_fee: u16,
    /// Its share of the LP tokens, in 1/100,000.
    pub vote_weight: u32,
}

/// The auction slot: a discounted trading fee for its holder (and the accounts it names) until
/// it expires.
#[derive(Debug, Clone, PartialEq)]
pub struct AuctionSlot {
    /// The holder.
    pub account: AccountId,
    /// Up to four more accounts that trade at the discounted fee (`AuthAccounts`).
    pub auth_accounts: Vec<AccountId>,
    /// Ripple time it expires.
    pub expiration: u32,
    /// What was paid for it, in LP tokens.
    pub price: IssuedAmount,
    /// The holder's fee (a tenth of the trading fee).
    pub discounted_fee: u16,
}

/// The typed AMM object.
#[derive(Debug, Clone, PartialEq)]
pub struct Amm {
    /// The pseudo-account holding the pool.
    pub account: AccountId,
    /// The first asset.
    pub asset: Issue,
    /// The second asset.
    pub asset2: Issue,
    /// LP tokens outstanding (issued by the pseudo-account).
    pub lp_token_balance: IssuedAmount,
    /// The trading fee, in 1/100,000 (0..=1000, i.e. up to 1%).
    pub trading_fee: u16,
    /// Fee votes (at most 8).
    pub vote_slots: Vec<VoteSlot>,
    /// The auction slot.
    pub auction_slot: Option<AuctionSlot>,
    /// Page of the pseudo-account's directory holding it.
    pub owner_node: u64,
    /// Last transaction that touched it.
    pub previous_txn: Threading,
}

/// An issue as rippled prints it in `Asset`/`Asset2`.
pub fn issue_json(issue: &Issue) -> Value {
    if issue.is_xrp() {
        return json!({"currency": "XRP"});
    }
    json!({"currency": issue.currency.to_string(), "issuer": encode_address(&issue.issuer)})
}

impl Amm {
    pub(crate) fn write_fields(&self, f: &mut Fields) {
        f.insert("Account", Value::String(encode_address(&self.account)));
        f.insert("Asset", issue_json(&self.asset));
        f.insert("Asset2", issue_json(&self.asset2));
        if let Some(slot) = &self.auction_slot {
            let mut s = Map::new();
            s.insert("Account".into(), encode_address(&slot.account).into());
            if !slot.auth_accounts.is_empty() {
                // rippled stores the bid's array as given: `AuthAccount` inner objects.
                let auth = slot
                    .auth_accounts
                    .iter()
                    .map(|a| json!({"AuthAccount": {"Account": encode_address(a)}}))
                    .collect();
                s.insert("AuthAccounts".into(), Value::Array(auth));
            }
            // rippled leaves a zero fee out of the object (AMMUtils `initializeFeeAuctionVote`).
            if slot.discounted_fee != 0 {
                s.insert("DiscountedFee".into(), slot.discounted_fee.into());
            }
            s.insert("Expiration".into(), slot.expiration.into());
            s.insert("Price".into(), Amount::Issued(slot.price).to_json());
            f.insert("AuctionSlot", Value::Object(s));
        }
        f.insert("Flags", Value::from(0u32));
        f.insert(
            "LPTokenBalance",
            Amount::Issued(self.lp_token_balance).to_json(),
        );
        f.insert("OwnerNode", Value::String(format!("{:x}", self.owner_node)));
        if self.trading_fee != 0 {
            f.insert("TradingFee", Value::from(self.trading_fee));
        }
        f.insert(
            "VoteSlots",
            Value::Array(
                self.vote_slots
                    .iter()
                    .map(|v| {
                        let mut entry = Map::new();
                        entry.insert("Account".into(), encode_address(&v.account).into());
                        if v.trading_fee != 0 {
                            entry.insert("TradingFee".into(), v.trading_fee.into());
                        }
                        entry.insert("VoteWeight".into(), v.vote_weight.into());
                        json!({ "VoteEntry": entry })
                    })
                    .collect(),
            ),
        );
    }
}
