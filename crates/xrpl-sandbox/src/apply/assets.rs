//! Moving any asset between accounts, and what an account can spend of it: the one vocabulary
//! for moving value inside a view.
//!
//! Offers and pools trade XRP and issued currencies in any combination: an asset is an
//! [`Issue`], a quantity is a [`Quantity`], and issued currencies move along trust lines —
//! through the issuer, with its transfer fee, when neither side is the issuer ([`transfer`]).
//! NFT sales and AMM deposits and withdrawals move value with the fee waived, MPTs included —
//! rippled's `accountHolds` and `accountSend` ([`account_holds`], [`can_pay`], [`account_send`];
//! also reachable as `apply::funds`).

use xrpl_proto::amount::{
    Amount, Drops, IouValue, Issue, IssuedAmount, Quantity, QuantityKind, div_round, mul_round,
};

use super::trust_line;
use super::view::ApplyView;
use crate::proto::AccountId;
use crate::result::Ter;
use crate::tx::mpt::transfer as mpt_transfer;

/// The asset an amount is counted in.
pub fn issue_of(amount: &Amount) -> Issue {
    match amount {
        Amount::Issued(a) => a.issue,
        _ => Issue::XRP,
    }
}

/// The quantity kind of an asset.
pub fn kind_of(issue: &Issue) -> QuantityKind {
    if issue.is_xrp() {
        QuantityKind::Drops
    } else {
        QuantityKind::Iou
    }
}

/// An amount of `issue`.
pub fn amount_of(issue: &Issue, quantity: Quantity) -> Amount {
    match quantity {
        Quantity::Iou(v) => Amount::Issued(IssuedAmount::new(v, *issue)),
        Quantity::Drops(d) => Amount::Xrp(d),
        Quantity::Mpt(v) => Amount::Xrp(Drops::new(v).unwrap_or(Drops::ZERO)),
    }
}

/// What an account can spend of an asset.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Funds {
    /// The issuer of the asset: it can always issue more.
    Unlimited,
    /// A holder (or XRP): this much.
    Limited(Quantity),
}

/// What `account` can spend of `issue`: XRP above its reserve, or its unfrozen balance.
pub fn account_funds(view: &ApplyView<'_>, account: &AccountId, issue: &Issue) -> Funds {
    if issue.is_xrp() {
        let liquid = view.account(account).map_or(0, |root| {
            root.balance
                .saturating_sub(view.ctx.fees.account_reserve(root.owner_count))
        });
        let drops = Drops::new(liquid as i64).unwrap_or(Drops::ZERO);
        return Funds::Limited(Quantity::Drops(drops));
    }
    if *account == issue.issuer {
        return Funds::Unlimited;
    }
    Funds::Limited(Quantity::Iou(trust_line::spendable(
        view,
        account,
        &issue.currency,
        &issue.issuer,
    )))
}

/// The transfer rate charged when `from` sends `issue` to `to` (None: no fee).
pub fn fee_rate(
    view: &ApplyView<'_>,
    issue: &Issue,
    from: &AccountId,
    to: &AccountId,
) -> Option<IouValue> {
    if issue.is_xrp() || *from == issue.issuer || *to == issue.issuer {
        return None;
    }
    let rate = trust_line::transfer_rate(view, &issue.issuer);
    if rate == trust_line::QUALITY_ONE {
        return None;
    }
    IouValue::new(i64::from(rate), -9).ok()
}

/// What `from` must spend for `to` to receive `quantity` of `issue` (the transfer fee on top).
pub fn gross(
    view: &ApplyView<'_>,
    issue: &Issue,
    from: &AccountId,
    to: &AccountId,
    quantity: Quantity,
) -> Result<Quantity, Ter> {
    match fee_rate(view, issue, from, to) {
        None => Ok(quantity),
        Some(rate) => mul_round(quantity, Quantity::Iou(rate), kind_of(issue), true)
            .map_err(|_| Ter::tecINTERNAL),
    }
}

/// What `to` receives when `from` gives up `quantity` of `issue`, the transfer fee taken out.
pub fn net_of_fee(
    view: &ApplyView<'_>,
    issue: &Issue,
    from: &AccountId,
    to: &AccountId,
    quantity: Quantity,
) -> Result<Quantity, Ter> {
    match fee_rate(view, issue, from, to) {
        None => Ok(quantity),
        Some(rate) => div_round(quantity, Quantity::Iou(rate), kind_of(issue), false)
            .map_err(|_| Ter::tecINTERNAL),
    }
}

/// Moves `amount` from `from` to `to`; for issued currencies through the issuer, charging
/// `from` the transfer fee. Receivers without a trust line get one.
pub fn transfer(
    view: &mut ApplyView<'_>,
    from: &AccountId,
    to: &AccountId,
    amount: &Amount,
) -> Result<(), Ter> {
    match amount {
        Amount::Xrp(drops) => {
            let drops = u64::try_from(drops.get()).map_err(|_| Ter::tecINTERNAL)?;
            let mut sender = view.account(from).ok_or(Ter::tecINTERNAL)?;
            sender.balance = sender.balance.checked_sub(drops).ok_or(Ter::tecINTERNAL)?;
            view.put_account(sender);
            let mut receiver = view.account(to).ok_or(Ter::tecINTERNAL)?;
            receiver.balance = receiver.balance.saturating_add(drops);
            view.put_account(receiver);
            Ok(())
        }
        Amount::Issued(a) => {
            let issue = a.issue;
            if *from == issue.issuer || *to == issue.issuer {
                return trust_line::credit_creating(view, from, to, &issue.currency, a.value);
            }
            let cost = match gross(view, &issue, from, to, Quantity::Iou(a.value))? {
                Quantity::Iou(v) => v,
                _ => return Err(Ter::tecINTERNAL),
            };
            trust_line::credit(view, from, &issue.issuer, &issue.currency, cost)?;
            trust_line::credit_creating(view, &issue.issuer, to, &issue.currency, a.value)
        }
        Amount::Mpt(_) => Err(Ter::temDISABLED),
    }
}

/// The XRP `account` can spend: its balance above its reserve (never negative).
pub fn xrp_liquid(view: &ApplyView<'_>, account: &AccountId) -> i64 {
    view.account(account).map_or(0, |root| {
        let reserve = view.ctx.fees.account_reserve(root.owner_count);
        root.balance.saturating_sub(reserve) as i64
    })
}

/// How much of `amount`'s asset `account` can spend. An issuer holds its own IOUs without
/// limit, so for it the answer is `amount` itself.
pub fn account_holds(view: &ApplyView<'_>, account: &AccountId, amount: &Amount) -> Amount {
    match amount {
        Amount::Xrp(_) => Amount::Xrp(Drops::new(xrp_liquid(view, account)).unwrap_or_default()),
        Amount::Issued(iou) if iou.issue.issuer == *account => *amount,
        Amount::Issued(iou) => Amount::Issued(IssuedAmount::new(
            trust_line::spendable(view, account, &iou.issue.currency, &iou.issue.issuer),
            iou.issue,
        )),
        Amount::Mpt(mpt) => mpt_transfer::holds(view, account, mpt),
    }
}

/// True when `account` can spend at least `amount`.
pub fn can_pay(view: &ApplyView<'_>, account: &AccountId, amount: &Amount) -> bool {
    let held = account_holds(view, account, amount);
    held.checked_cmp(amount)
        .is_ok_and(|o| o != std::cmp::Ordering::Less)
}

/// Moves `amount` from `from` to `to`, with no transfer fee.
pub fn account_send(
    view: &mut ApplyView<'_>,
    from: &AccountId,
    to: &AccountId,
    amount: &Amount,
) -> Ter {
    if from == to || amount.is_zero() {
        return Ter::tesSUCCESS;
    }
    match amount {
        Amount::Xrp(drops) => {
            let drops = drops.get().max(0) as u64;
            let (Some(mut sender), Some(_)) = (view.account(from), view.account(to)) else {
                return Ter::tecNO_DST;
            };
            if sender.balance < drops {
                return Ter::tecFAILED_PROCESSING;
            }
            sender.balance -= drops;
            view.put_account(sender);
            if let Some(mut receiver) = view.account(to) {
                receiver.balance += drops;
                view.put_account(receiver);
            }
            Ter::tesSUCCESS
        }
        Amount::Issued(iou) => {
            let (issuer, currency) = (iou.issue.issuer, iou.issue.currency);
            let result = if *from == issuer || *to == issuer {
                trust_line::credit(view, from, to, &currency, iou.value)
            } else {
                trust_line::credit(view, from, &issuer, &currency, iou.value)
                    .and_then(|()| trust_line::credit(view, &issuer, to, &currency, iou.value))
            };
            result.err().unwrap_or(Ter::tesSUCCESS)
        }
        Amount::Mpt(mpt) => mpt_transfer::send(view, from, to, mpt),
    }
}
