//! MPT balances inside a view: reading issuances and holders' tokens, what a holder can spend,
//! and moving units (issuing, redeeming, holder to holder).
//!
//! Units the issuer sends are minted (they raise `OutstandingAmount`, never above
//! `MaximumAmount`); units sent to the issuer are redeemed. Locks — on the issuance or on one
//! holder — freeze balances except towards the issuer.

use crate::apply::view::ApplyView;
use crate::ledger::entry::LedgerEntry;
use crate::ledger::mptoken::{MPToken, MPTokenIssuance, flags};
use crate::proto::{AccountId, keylet};
use crate::result::Ter;
use crate::tx::fields::Amount;
use xrpl_proto::amount::MptAmount;
use xrpl_proto::amount::MptIssuanceId;

/// The MPTID an amount is counted in.
pub fn mpt_id(amount: &MptAmount) -> MptIssuanceId {
    amount.issuance
}

/// The issuance `id`.
pub fn read_issuance(view: &ApplyView<'_>, id: &MptIssuanceId) -> Option<MPTokenIssuance> {
    match view.read(&keylet::mpt_issuance(id))? {
        LedgerEntry::MPTokenIssuance(i) => Some(i.clone()),
        _ => None,
    }
}

/// `holder`'s MPToken of issuance `id`.
pub fn read_token(view: &ApplyView<'_>, id: &MptIssuanceId, holder: &AccountId) -> Option<MPToken> {
    match view.read(&keylet::mptoken(id, holder))? {
        LedgerEntry::MPToken(t) => Some(t.clone()),
        _ => None,
    }
}

/// Writes an issuance back.
pub fn put_issuance(view: &mut ApplyView<'_>, issuance: MPTokenIssuance) {
    let key = keylet::mpt_issuance(&issuance.id());
    if view.exists(&key) {
        view.update(key, LedgerEntry::MPTokenIssuance(issuance));
    } else {
        view.insert(key, LedgerEntry::MPTokenIssuance(issuance));
    }
}

/// Writes a holder's token back.
pub fn put_token(view: &mut ApplyView<'_>, token: MPToken) {
    let key = keylet::mptoken(&token.issuance, &token.account);
    if view.exists(&key) {
        view.update(key, LedgerEntry::MPToken(token));
    } else {
        view.insert(key, LedgerEntry::MPToken(token));
    }
}

/// True when `holder`'s balance of `id` cannot move: the issuance or the holder's token is
/// locked.
pub fn is_locked(view: &ApplyView<'_>, id: &MptIssuanceId, holder: &AccountId) -> bool {
    read_issuance(view, id).is_some_and(|i| i.has_flag(flags::LOCKED))
        || read_token(view, id, holder).is_some_and(|t| t.has_flag(flags::LOCKED))
}

/// How much of `amount`'s issuance `account` can spend: the issuer what is still unissued, a
/// holder its unlocked balance.
pub fn holds(view: &ApplyView<'_>, account: &AccountId, amount: &MptAmount) -> Amount {
    let id = mpt_id(amount);
    let value = match read_issuance(view, &id) {
        None => 0,
        Some(issuance) if issuance.issuer == *account => {
            issuance.cap().saturating_sub(issuance.outstanding_amount)
        }
        Some(_) if is_locked(view, &id, account) => 0,
        Some(_) => read_token(view, &id, account).map_or(0, |t| t.amount),
    };
    Amount::Mpt(MptAmount::new(
        i64::try_from(value).unwrap_or(i64::MAX),
        amount.issuance,
    ))
}

/// Moves `amount` units from `from` to `to` (either may be the issuer), with no transfer fee.
pub fn send(view: &mut ApplyView<'_>, from: &AccountId, to: &AccountId, amount: &MptAmount) -> Ter {
    let Ok(units) = u64::try_from(amount.value) else {
        return Ter::tecINTERNAL;
    };
    let id = mpt_id(amount);
    let Some(mut issuance) = read_issuance(view, &id) else {
        return Ter::tecOBJECT_NOT_FOUND;
    };
    if *from == issuance.issuer {
        let Some(outstanding) = issuance
            .outstanding_amount
            .checked_add(units)
            .filter(|o| *o <= issuance.cap())
        else {
            return Ter::tecPATH_DRY;
        };
        issuance.outstanding_amount = outstanding;
    } else {
        let Some(mut sender) = read_token(view, &id, from) else {
            return Ter::tecNO_AUTH;
        };
        let Some(left) = sender.amount.checked_sub(units) else {
            return Ter::tecINSUFFICIENT_FUNDS;
        };
        sender.amount = left;
        put_token(view, sender);
    }
    if *to == issuance.issuer {
        issuance.outstanding_amount = issuance.outstanding_amount.saturating_sub(units);
    } else {
        let Some(mut receiver) = read_token(view, &id, to) else {
            return Ter::tecNO_AUTH;
        };
        receiver.amount = receiver.amount.saturating_add(units);
        put_token(view, receiver);
    }
    put_issuance(view, issuance);
    Ter::tesSUCCESS
}
