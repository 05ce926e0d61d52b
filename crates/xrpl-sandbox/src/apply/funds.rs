//! Moving value of any kind between two accounts inside a view: XRP, an issued currency
//! (through the issuer when neither side is it) or an MPT — rippled's `accountHolds` and
//! `accountSend` with the transfer fee waived, which is how AMM pools move money (NFT sales
//! charge the fee: `tx/nft/accept.rs`).

use super::trust_line;
use super::view::ApplyView;
use crate::proto::AccountId;
use crate::result::Ter;
use crate::tx::fields::{Amount, Drops, IssuedAmount};
use crate::tx::mpt::transfer as mpt_transfer;

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
