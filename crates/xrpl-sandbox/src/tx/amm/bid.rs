//! AMMBid: buying the pool's auction slot with LP tokens, for a tenth of the trading fee during
//! the slot's 24 hours, shared with up to four `AuthAccounts`. An empty or expired slot costs
//! the minimum price (T × fee / 25); an occupied one costs 1.05 × what its holder paid,
//! decaying over the slot's twenty intervals (× (1 − u⁶⁰), u the fraction used), plus the
//! minimum. The previous holder is refunded the
//! unused fraction of its price; the rest of the bid is burned.
//!
//! A bid may name up to four `AuthAccounts` (existing accounts, not the bidder, no repeats) who
//! trade at the discounted fee alongside the holder; each new bid replaces the list.
//! Rules: <https://xrpl.org/docs/references/protocol/transactions/types/ammbid>.

use super::AUCTION_SLOT_SECONDS;
use super::deposit::load_pool;
use super::math::{adjust_lp_tokens, fee};
use super::number::Number;
use super::pool::{lp_held, put_amm, read_issue, redeem_lp};
use crate::apply::trust_line;
use crate::apply::view::ApplyView;
use crate::ledger::amm::{Amm, AuctionSlot};
use crate::proto::{AccountId, decode_address};
use crate::result::Ter;
use crate::tx::fields::{Amount, IouValue, Issue, IssuedAmount, TxFields};
use crate::tx::{ApplyOutput, Common, Transactor, UNIVERSAL_FLAGS};
use xrpl_proto::amount::Rounding;

/// The slot's time intervals.
pub const AUCTION_SLOT_INTERVALS: u32 = 20;
/// The minimum price is the LP supply × fee / this.
const MIN_FEE_FRACTION: i64 = 25;
/// Most accounts that may share the slot.
pub const MAX_AUTH_ACCOUNTS: usize = 4;

const NEAREST: Rounding = Rounding::ToNearest;

/// An AMMBid that passed preflight.
#[derive(Debug, Clone)]
pub struct AmmBid {
    asset: Issue,
    asset2: Issue,
    bid_min: Option<IssuedAmount>,
    bid_max: Option<IssuedAmount>,
    auth_accounts: Vec<AccountId>,
}

/// `AuthAccounts`: an array of `{"AuthAccount": {"Account": …}}`. More than four, the bidder
/// itself or the same account twice is `temMALFORMED` (rippled with fixAMMv1_3).
fn auth_accounts(tx: TxFields<'_>, bidder: Option<AccountId>) -> Result<Vec<AccountId>, Ter> {
    let Some(value) = tx.json().get("AuthAccounts") else {
        return Ok(Vec::new());
    };
    let entries = value.as_array().ok_or(Ter::temMALFORMED)?;
    if entries.len() > MAX_AUTH_ACCOUNTS {
        return Err(Ter::temMALFORMED);
    }
    let mut accounts = Vec::with_capacity(entries.len());
    for entry in entries {
        let account = entry
            .get("AuthAccount")
            .and_then(|a| a.get("Account"))
            .and_then(|a| a.as_str())
            .and_then(decode_address)
            .ok_or(Ter::temMALFORMED)?;
        if Some(account) == bidder || accounts.contains(&account) {
            return Err(Ter::temMALFORMED);
        }
        accounts.push(account);
    }
    Ok(accounts)
}

fn lp_amount(tx: TxFields<'_>, name: &str) -> Result<Option<IssuedAmount>, Ter> {
    match tx.amount(name)? {
        None => Ok(None),
        Some(Amount::Issued(a)) if a.value.is_positive() => Ok(Some(a)),
        Some(_) => Err(Ter::temBAD_AMM_TOKENS),
    }
}

/// Which of the twenty intervals of its slot `now` falls in, if the slot is live.
fn time_slot(now: u32, slot: &AuctionSlot) -> Option<u32> {
    let start = slot.expiration.checked_sub(AUCTION_SLOT_SECONDS)?;
    (now < slot.expiration && now >= start)
        .then(|| (now - start) / (AUCTION_SLOT_SECONDS / AUCTION_SLOT_INTERVALS))
}

impl AmmBid {
    fn price_to_pay(&self, computed: Number, held: IouValue) -> Result<Number, Ter> {
        let min = self.bid_min.map(|b| Number::from_iou(b.value));
        let max = self.bid_max.map(|b| Number::from_iou(b.value));
        let over_max = max.is_some_and(|m| computed.cmp_value(m).is_gt());
        if over_max {
            return Err(Ter::tecAMM_FAILED);
        }
        let price = match min {
            Some(m) if m.cmp_value(computed).is_gt() => m,
            _ => computed,
        };
        if price.cmp_value(Number::from_iou(held)).is_gt() {
            return Err(Ter::tecAMM_INVALID_TOKENS);
        }
        Ok(price)
    }

    fn checks(&self, view: &ApplyView<'_>, amm: &Amm, bidder: &AccountId) -> Ter {
        if !amm.lp_token_balance.value.is_positive() {
            return Ter::tecAMM_EMPTY;
        }
        if self.auth_accounts.iter().any(|a| view.account(a).is_none()) {
            return Ter::terNO_ACCOUNT;
        }
        let held = lp_held(view, amm, bidder);
        if !held.is_positive() {
            return Ter::tecAMM_INVALID_TOKENS;
        }
        for bid in [&self.bid_min, &self.bid_max].into_iter().flatten() {
            if bid.issue != amm.lp_token_balance.issue {
                return Ter::temBAD_AMM_TOKENS;
            }
            if bid.value > held || bid.value >= amm.lp_token_balance.value {
                return Ter::tecAMM_INVALID_TOKENS;
            }
        }
        if let (Some(min), Some(max)) = (&self.bid_min, &self.bid_max)
            && min.value > max.value
        {
            return Ter::tecAMM_INVALID_TOKENS;
        }
        Ter::tesSUCCESS
    }
}

impl Transactor for AmmBid {
    fn preflight(tx: TxFields<'_>, flags: u32) -> Result<Self, Ter> {
        if flags & !UNIVERSAL_FLAGS != 0 {
            return Err(Ter::temINVALID_FLAG);
        }
        let asset = read_issue(tx, "Asset")?;
        let asset2 = read_issue(tx, "Asset2")?;
        let bid_min = lp_amount(tx, "BidMin")?;
        let bid_max = lp_amount(tx, "BidMax")?;
        Ok(AmmBid {
            asset,
            asset2,
            bid_min,
            bid_max,
            auth_accounts: auth_accounts(tx, tx.account("Account")?)?,
        })
    }

    fn preclaim(&self, view: &ApplyView<'_>, common: &Common) -> Ter {
        match load_pool(view, &self.asset, &self.asset2) {
            Ok(pool) => self.checks(view, &pool.amm, &common.account),
            Err(ter) => ter,
        }
    }

    fn apply(&self, view: &mut ApplyView<'_>, common: &Common, _out: &mut ApplyOutput) -> Ter {
        let pool = match load_pool(view, &self.asset, &self.asset2) {
            Ok(p) => p,
            Err(ter) => return ter,
        };
        let mut amm = pool.amm;
        let held = lp_held(view, &amm, &common.account);
        let now = view.ctx.parent_close_time;
        let total = Number::from_iou(amm.lp_token_balance.value);
        let min_price = total
            .mul(fee(amm.trading_fee), NEAREST)
            .div(Number::from_i64(MIN_FEE_FRACTION), NEAREST);
        // A live slot held by an existing account, not in its last interval, has to be bought out.
        let seated = amm.auction_slot.as_ref().and_then(|slot| {
            let t = time_slot(now, slot)?;
            (t < AUCTION_SLOT_INTERVALS - 1 && view.account(&slot.account).is_some())
                .then(|| (slot.clone(), t))
        });
        let (pay, refund, previous) = match seated {
            None => match self.price_to_pay(min_price, held) {
                Ok(p) => (p, Number::ZERO, None),
                Err(ter) => return ter,
            },
            Some((slot, t)) => {
                let paid = Number::from_iou(slot.price.value);
                let used = Number::from_i64(i64::from(t) + 1)
                    .div(Number::from_i64(i64::from(AUCTION_SLOT_INTERVALS)), NEAREST);
                let remaining = Number::from_i64(1).sub(used, NEAREST);
                let premium = paid.mul(
                    Number::from_i64(105).div(Number::from_i64(100), NEAREST),
                    NEAREST,
                );
                let computed = if t == 0 {
                    premium.add(min_price, NEAREST)
                } else {
                    let decay = Number::from_i64(1).sub(used.power(60, NEAREST), NEAREST);
                    premium.mul(decay, NEAREST).add(min_price, NEAREST)
                };
                let pay = match self.price_to_pay(computed, held) {
                    Ok(p) => p,
                    Err(ter) => return ter,
                };
                let refund = remaining.mul(paid, NEAREST);
                if refund.cmp_value(pay).is_gt() {
                    return Ter::tecINTERNAL;
                }
                (pay, refund, Some(slot.account))
            }
        };
        let currency = amm.lp_token_balance.issue.currency;
        if let Some(previous) = previous
            && !refund.is_zero()
        {
            let Some(refund) = refund.to_iou() else {
                return Ter::tecINTERNAL;
            };
            // LP tokens move holder to holder through their issuer, the pool.
            let moved = trust_line::credit(view, &common.account, &amm.account, &currency, refund)
                .and_then(|()| {
                    trust_line::credit(view, &amm.account, &previous, &currency, refund)
                });
            if let Err(ter) = moved {
                return ter;
            }
        }
        let Some(burn) = pay.sub(refund, NEAREST).to_iou() else {
            return Ter::tecINTERNAL;
        };
        let burn = adjust_lp_tokens(&amm.lp_token_balance, burn, false);
        if burn >= amm.lp_token_balance.value {
            return Ter::tecINTERNAL;
        }
        if burn.is_positive() {
            let ter = redeem_lp(view, &amm, &common.account, burn);
            if ter != Ter::tesSUCCESS {
                return ter;
            }
        }
        let Ok(left) = amm.lp_token_balance.value.checked_sub(burn) else {
            return Ter::tecINTERNAL;
        };
        let Some(price) = pay.to_iou() else {
            return Ter::tecINTERNAL;
        };
        amm.lp_token_balance.value = left;
        amm.auction_slot = Some(AuctionSlot {
            account: common.account,
            auth_accounts: self.auth_accounts.clone(),
            expiration: now.saturating_add(AUCTION_SLOT_SECONDS),
            price: IssuedAmount::new(price, amm.lp_token_balance.issue),
            discounted_fee: amm.trading_fee / 10,
        });
        put_amm(view, pool.key, amm);
        Ter::tesSUCCESS
    }
}
