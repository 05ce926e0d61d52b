//! Clawback: an issuer that enabled `asfAllowTrustLineClawback` takes its tokens back from a
//! holder. The `Amount`'s issuer field names the holder.
//! Rules: <https://xrpl.org/docs/references/protocol/transactions/types/clawback>.

use super::fields::{Amount, TxFields};
use super::{ApplyOutput, Common, Transactor, UNIVERSAL_FLAGS};
use crate::apply::trust_line;
use crate::apply::view::ApplyView;
use crate::ledger::account_root::flags as lsf;
use crate::proto::AccountId;
use crate::result::Ter;
use xrpl_proto::amount::{Currency, IouValue};

/// A Clawback that passed preflight.
#[derive(Debug, Clone)]
pub struct Clawback {
    holder: AccountId,
    currency: Currency,
    value: IouValue,
}

impl Transactor for Clawback {
    fn preflight(tx: TxFields<'_>, flags: u32) -> Result<Self, Ter> {
        if flags & !UNIVERSAL_FLAGS != 0 {
            return Err(Ter::temINVALID_FLAG);
        }
        let account = tx.account("Account")?.ok_or(Ter::temBAD_SRC_ACCOUNT)?;
        let Some(Amount::Issued(amount)) = tx.amount("Amount")? else {
            return Err(Ter::temBAD_AMOUNT);
        };
        let holder = amount.issue.issuer;
        // You can't claw back from yourself, nor claw back nothing.
        if holder == account || !amount.value.is_positive() {
            return Err(Ter::temBAD_AMOUNT);
        }
        Ok(Clawback {
            holder,
            currency: amount.issue.currency,
            value: amount.value,
        })
    }

    fn preclaim(&self, view: &ApplyView<'_>, common: &Common) -> Ter {
        let Some(issuer) = view.account(&common.account) else {
            return Ter::terNO_ACCOUNT;
        };
        if !issuer.has_flag(lsf::ALLOW_TRUST_LINE_CLAWBACK) || issuer.has_flag(lsf::NO_FREEZE) {
            return Ter::tecNO_PERMISSION;
        }
        if view.account(&self.holder).is_none() {
            return Ter::terNO_ACCOUNT;
        }
        let Some(line) = trust_line::read(view, &common.account, &self.holder, &self.currency)
        else {
            return Ter::tecNO_LINE;
        };
        // The holder must hold the issuer's tokens on this line (not the other way round).
        if !line.balance_for(&self.holder).is_positive() {
            return Ter::tecINSUFFICIENT_FUNDS;
        }
        Ter::tesSUCCESS
    }

    fn apply(&self, view: &mut ApplyView<'_>, common: &Common, _out: &mut ApplyOutput) -> Ter {
        let Some(line) = trust_line::read(view, &common.account, &self.holder, &self.currency)
        else {
            return Ter::tecNO_LINE;
        };
        let held = line.balance_for(&self.holder);
        // Clawing back more than the holder has takes what there is.
        let taken = if self.value < held { self.value } else { held };
        match trust_line::credit(view, &self.holder, &common.account, &self.currency, taken) {
            Ok(()) => Ter::tesSUCCESS,
            Err(ter) => ter,
        }
    }
}
