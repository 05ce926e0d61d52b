//! MPT Payments and MPT Clawback.
//!
//! An MPT payment is direct (no paths, no order books): the issuer issues or redeems; between
//! holders the issuance must allow transfers, nobody may be locked, and the issuer's transfer
//! fee is taken from the sender on top of what is delivered (and destroyed).
//! Rules: <https://xrpl.org/docs/concepts/tokens/fungible-tokens/multi-purpose-tokens>,
//! <https://xrpl.org/docs/references/protocol/transactions/types/clawback>.

use super::transfer::{is_locked, mpt_id, put_issuance, put_token, read_issuance, read_token};
use crate::apply::view::ApplyView;
use crate::ledger::account_root::flags as lsf;
use crate::ledger::mptoken::flags;
use crate::proto::{AccountId, keylet};
use crate::result::Ter;
use crate::tx::fields::{Amount, TxFields};
use crate::tx::{ApplyOutput, Common, UNIVERSAL_FLAGS};
use xrpl_proto::amount::MptAmount;
use xrpl_proto::amount::MptIssuanceId;

/// `tfPartialPayment`, the one payment flag an MPT payment may carry.
pub(crate) const TF_PARTIAL_PAYMENT: u32 = 0x0002_0000;

/// Units the sender pays for `deliver` units between holders under `fee` (1/100,000), rounded
/// down as rippled's MPT multiply does.
pub fn gross_for(deliver: u64, fee: u16) -> u64 {
    let rate = 1_000_000_000u128 + 10_000 * u128::from(fee);
    u64::try_from(u128::from(deliver) * rate / 1_000_000_000).unwrap_or(u64::MAX)
}

/// The largest delivery `max_source` units can buy under `fee`.
pub fn net_for(max_source: u64, fee: u16) -> u64 {
    let rate = 1_000_000_000u128 + 10_000 * u128::from(fee);
    u64::try_from(u128::from(max_source) * 1_000_000_000 / rate).unwrap_or(u64::MAX)
}

/// rippled's `requireAuth` for MPTs: the issuer always may; others need an MPToken, authorised
/// when the issuance requires it.
fn require_auth(view: &ApplyView<'_>, id: &MptIssuanceId, account: &AccountId) -> Ter {
    let Some(issuance) = read_issuance(view, id) else {
        return Ter::tecOBJECT_NOT_FOUND;
    };
    if issuance.issuer == *account {
        return Ter::tesSUCCESS;
    }
    match read_token(view, id, account) {
        None => Ter::tecNO_AUTH,
        Some(t) if issuance.has_flag(flags::REQUIRE_AUTH) && !t.has_flag(flags::AUTHORIZED) => {
            Ter::tecNO_AUTH
        }
        Some(_) => Ter::tesSUCCESS,
    }
}

/// A Payment of an MPT that passed preflight.
#[derive(Debug, Clone)]
pub struct MptPayment {
    destination: AccountId,
    amount: MptAmount,
    send_max: Option<MptAmount>,
    deliver_min: Option<MptAmount>,
    partial: bool,
}

impl MptPayment {
    pub(crate) fn preflight(tx: TxFields<'_>, flags: u32, amount: MptAmount) -> Result<Self, Ter> {
        if flags & !(UNIVERSAL_FLAGS | TF_PARTIAL_PAYMENT) != 0 {
            return Err(Ter::temINVALID_FLAG);
        }
        if tx.has("Paths") {
            return Err(Ter::temMALFORMED);
        }
        let account = tx.account("Account")?.ok_or(Ter::temBAD_SRC_ACCOUNT)?;
        let destination = tx.account("Destination")?.ok_or(Ter::temDST_NEEDED)?;
        if amount.value <= 0 {
            return Err(Ter::temBAD_AMOUNT);
        }
        if account == destination {
            return Err(Ter::temREDUNDANT);
        }
        let same = |field: &str| -> Result<Option<MptAmount>, Ter> {
            match tx.amount(field)? {
                None => Ok(None),
                Some(Amount::Mpt(m)) if m.issuance == amount.issuance && m.value > 0 => Ok(Some(m)),
                Some(_) => Err(Ter::temMALFORMED),
            }
        };
        let send_max = same("SendMax")?;
        let deliver_min = same("DeliverMin")?;
        let partial = flags & TF_PARTIAL_PAYMENT != 0;
        if deliver_min.is_some() && !partial {
            return Err(Ter::temBAD_AMOUNT);
        }
        Ok(MptPayment {
            destination,
            amount,
            send_max,
            deliver_min,
            partial,
        })
    }

    pub(crate) fn preclaim(&self, view: &ApplyView<'_>) -> Ter {
        match view.account(&self.destination) {
            None => Ter::tecNO_DST,
            Some(_) => Ter::tesSUCCESS,
        }
    }

    pub(crate) fn apply(
        &self,
        view: &mut ApplyView<'_>,
        common: &Common,
        out: &mut ApplyOutput,
    ) -> Ter {
        let id = mpt_id(&self.amount);
        let (from, to) = (common.account, self.destination);
        for account in [&from, &to] {
            let ter = require_auth(view, &id, account);
            if ter != Ter::tesSUCCESS {
                return ter;
            }
        }
        let Some(issuance) = read_issuance(view, &id) else {
            return Ter::tecOBJECT_NOT_FOUND;
        };
        let issuer = issuance.issuer;
        let between_holders = from != issuer && to != issuer;
        if between_holders && !issuance.has_flag(flags::CAN_TRANSFER) {
            return Ter::tecNO_AUTH;
        }
        if let Some(dest) = view.account(&to)
            && dest.has_flag(lsf::DEPOSIT_AUTH)
            && !view.exists(&keylet::deposit_preauth(&to, &from))
        {
            return Ter::tecNO_PERMISSION;
        }
        // Locks stop holder-to-holder moves; the issuer can still issue and take back.
        if between_holders && (is_locked(view, &id, &from) || is_locked(view, &id, &to)) {
            return Ter::tecLOCKED;
        }
        let fee = if between_holders {
            issuance.transfer_fee
        } else {
            0
        };
        let wanted = self.amount.value as u64;
        let max_source = self.send_max.map_or(wanted, |m| m.value as u64);
        let mut deliver = wanted;
        let mut gross = gross_for(wanted, fee);
        if self.partial && gross > max_source {
            gross = max_source;
            deliver = net_for(max_source, fee);
        }
        if gross > max_source || self.deliver_min.is_some_and(|m| deliver < m.value as u64) {
            return Ter::tecPATH_PARTIAL;
        }
        let ter = move_units(view, &id, &from, &to, deliver, gross);
        if ter != Ter::tesSUCCESS {
            return ter;
        }
        let delivered = MptAmount::new(deliver as i64, self.amount.issuance);
        out.delivered_amount = Some(Amount::Mpt(delivered).to_json());
        out.partial = self.partial;
        Ter::tesSUCCESS
    }
}

/// Debits `gross` from `from` and credits `deliver` to `to`; the difference (the transfer fee)
/// is redeemed. Issuing beyond the cap or spending more than held is `tecPATH_PARTIAL`.
fn move_units(
    view: &mut ApplyView<'_>,
    id: &MptIssuanceId,
    from: &AccountId,
    to: &AccountId,
    deliver: u64,
    gross: u64,
) -> Ter {
    let Some(mut issuance) = read_issuance(view, id) else {
        return Ter::tecOBJECT_NOT_FOUND;
    };
    if *from == issuance.issuer {
        match issuance.outstanding_amount.checked_add(deliver) {
            Some(o) if o <= issuance.cap() => issuance.outstanding_amount = o,
            _ => return Ter::tecPATH_PARTIAL,
        }
    } else {
        let Some(mut sender) = read_token(view, id, from) else {
            return Ter::tecNO_AUTH;
        };
        let Some(left) = sender.amount.checked_sub(gross) else {
            return Ter::tecPATH_PARTIAL;
        };
        sender.amount = left;
        put_token(view, sender);
        issuance.outstanding_amount = issuance
            .outstanding_amount
            .saturating_sub(gross - deliver.min(gross));
    }
    if *to == issuance.issuer {
        issuance.outstanding_amount = issuance.outstanding_amount.saturating_sub(deliver);
    } else {
        let Some(mut receiver) = read_token(view, id, to) else {
            return Ter::tecNO_AUTH;
        };
        receiver.amount = receiver.amount.saturating_add(deliver);
        put_token(view, receiver);
    }
    put_issuance(view, issuance);
    Ter::tesSUCCESS
}

/// A Clawback of an MPT that passed preflight.
#[derive(Debug, Clone)]
pub struct MptClawback {
    holder: AccountId,
    amount: MptAmount,
}

impl MptClawback {
    pub(crate) fn preflight(tx: TxFields<'_>, flags: u32, amount: MptAmount) -> Result<Self, Ter> {
        if flags & !UNIVERSAL_FLAGS != 0 {
            return Err(Ter::temINVALID_FLAG);
        }
        let account = tx.account("Account")?.ok_or(Ter::temBAD_SRC_ACCOUNT)?;
        let holder = tx.account("Holder")?.ok_or(Ter::temMALFORMED)?;
        if holder == account || amount.issuance.issuer() != account {
            return Err(Ter::temMALFORMED);
        }
        if amount.value <= 0 {
            return Err(Ter::temBAD_AMOUNT);
        }
        Ok(MptClawback { holder, amount })
    }

    pub(crate) fn preclaim(&self, view: &ApplyView<'_>, common: &Common) -> Ter {
        if view.account(&self.holder).is_none() {
            return Ter::terNO_ACCOUNT;
        }
        let id = mpt_id(&self.amount);
        let Some(issuance) = read_issuance(view, &id) else {
            return Ter::tecOBJECT_NOT_FOUND;
        };
        if !issuance.has_flag(flags::CAN_CLAWBACK) || issuance.issuer != common.account {
            return Ter::tecNO_PERMISSION;
        }
        match read_token(view, &id, &self.holder) {
            None => Ter::tecOBJECT_NOT_FOUND,
            Some(t) if t.amount == 0 => Ter::tecINSUFFICIENT_FUNDS,
            Some(_) => Ter::tesSUCCESS,
        }
    }

    pub(crate) fn apply(&self, view: &mut ApplyView<'_>, common: &Common) -> Ter {
        let id = mpt_id(&self.amount);
        let Some(token) = read_token(view, &id, &self.holder) else {
            return Ter::tecOBJECT_NOT_FOUND;
        };
        // Clawing back more than the holder has takes what there is, lock or no lock.
        let taken = token.amount.min(self.amount.value as u64);
        move_units(view, &id, &self.holder, &common.account, taken, taken)
    }
}
