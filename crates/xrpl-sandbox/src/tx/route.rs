//! Which rules a `Payment` or a `Clawback` follows: an MPT amount goes to the MPT family,
//! everything else to the trust-line, order-book and pool rules of the core families (a
//! cross-currency payment crosses the book and the AMM pool together, `tx/offer/crossing.rs`).
//! The dispatch table registers these two routers.

use crate::apply::view::ApplyView;
use crate::result::Ter;
use crate::tx::clawback::Clawback;
use crate::tx::fields::{Amount, TxFields};
use crate::tx::mpt::payment::{MptClawback, MptPayment};
use crate::tx::payment::Payment;
use crate::tx::{ApplyOutput, Common, Transactor};

/// The `Payment` family: MPT amounts here, everything else through the trust-line and
/// crossing rules.
#[derive(Debug, Clone)]
pub enum AnyPayment {
    /// XRP or issued currencies.
    Ledger(Payment),
    /// An MPT.
    Mpt(MptPayment),
}

impl Transactor for AnyPayment {
    fn preflight(tx: TxFields<'_>, flags: u32) -> Result<Self, Ter> {
        match tx.amount("Amount") {
            Ok(Some(Amount::Mpt(mpt))) => {
                MptPayment::preflight(tx, flags, mpt).map(AnyPayment::Mpt)
            }
            _ => Payment::preflight(tx, flags).map(AnyPayment::Ledger),
        }
    }

    fn preclaim(&self, view: &ApplyView<'_>, common: &Common) -> Ter {
        match self {
            AnyPayment::Ledger(p) => p.preclaim(view, common),
            AnyPayment::Mpt(p) => p.preclaim(view),
        }
    }

    fn apply(&self, view: &mut ApplyView<'_>, common: &Common, out: &mut ApplyOutput) -> Ter {
        match self {
            AnyPayment::Ledger(p) => p.apply(view, common, out),
            AnyPayment::Mpt(p) => p.apply(view, common, out),
        }
    }
}

/// The `Clawback` family: MPT amounts here, issued currencies through the trust-line rules.
#[derive(Debug, Clone)]
pub enum AnyClawback {
    /// An issued currency on a trust line.
    Line(Clawback),
    /// An MPT.
    Mpt(MptClawback),
}

impl Transactor for AnyClawback {
    fn preflight(tx: TxFields<'_>, flags: u32) -> Result<Self, Ter> {
        match tx.amount("Amount") {
            Ok(Some(Amount::Mpt(mpt))) => {
                MptClawback::preflight(tx, flags, mpt).map(AnyClawback::Mpt)
            }
            _ => Clawback::preflight(tx, flags).map(AnyClawback::Line),
        }
    }

    fn preclaim(&self, view: &ApplyView<'_>, common: &Common) -> Ter {
        match self {
            AnyClawback::Line(c) => c.preclaim(view, common),
            AnyClawback::Mpt(c) => c.preclaim(view, common),
        }
    }

    fn apply(&self, view: &mut ApplyView<'_>, common: &Common, out: &mut ApplyOutput) -> Ter {
        match self {
            AnyClawback::Line(c) => c.apply(view, common, out),
            AnyClawback::Mpt(c) => c.apply(view, common),
        }
    }
}
