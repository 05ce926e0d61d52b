//! Which rules a `Payment` or a `Clawback` follows: an MPT amount goes to the MPT family, a
//! cross-currency payment to an AMM pool when one serves the pair (then to the order book if the
//! pool cannot), and everything else to the trust-line and order-book rules of the core families. The dispatch table registers these two routers.

use crate::apply::view::ApplyView;
use crate::proto::AccountId;
use crate::result::Ter;
use crate::tx::amm::swap::{SwapRequest, has_pool, pay_through_pool};
use crate::tx::clawback::Clawback;
use crate::tx::fields::{Amount, TxFields};
use crate::tx::mpt::payment::{MptClawback, MptPayment, TF_PARTIAL_PAYMENT};
use crate::tx::payment::Payment;
use crate::tx::{ApplyOutput, Common, Transactor};

/// A cross-currency payment that an AMM pool may serve (`Amount` and `SendMax` in different
/// assets).
#[derive(Debug, Clone)]
pub struct PoolRoute {
    destination: AccountId,
    amount: Amount,
    send_max: Amount,
    deliver_min: Option<Amount>,
    partial: bool,
}

impl PoolRoute {
    fn from_tx(tx: TxFields<'_>, flags: u32) -> Option<Box<PoolRoute>> {
        let amount = tx.amount("Amount").ok()??;
        let send_max = tx.amount("SendMax").ok()??;
        if matches!(amount, Amount::Mpt(_))
            || matches!(send_max, Amount::Mpt(_))
            || amount.same_asset(&send_max)
        {
            return None;
        }
        Some(Box::new(PoolRoute {
            destination: tx.account("Destination").ok()??,
            amount,
            send_max,
            deliver_min: tx.amount("DeliverMin").ok()?,
            partial: flags & TF_PARTIAL_PAYMENT != 0,
        }))
    }
}

/// The `Payment` family: MPT amounts here; a cross-currency payment with a pool for its pair
/// through the pool; everything else through the trust-line rules.
#[derive(Debug, Clone)]
pub enum AnyPayment {
    /// XRP or issued currencies, with the pool route when the assets differ.
    Ledger(Payment, Option<Box<PoolRoute>>),
    /// An MPT.
    Mpt(MptPayment),
}

impl Transactor for AnyPayment {
    fn preflight(tx: TxFields<'_>, flags: u32) -> Result<Self, Ter> {
        match tx.amount("Amount") {
            Ok(Some(Amount::Mpt(mpt))) => {
                MptPayment::preflight(tx, flags, mpt).map(AnyPayment::Mpt)
            }
            _ => Payment::preflight(tx, flags)
                .map(|p| AnyPayment::Ledger(p, PoolRoute::from_tx(tx, flags))),
        }
    }

    fn preclaim(&self, view: &ApplyView<'_>, common: &Common) -> Ter {
        match self {
            AnyPayment::Ledger(p, _) => p.preclaim(view, common),
            AnyPayment::Mpt(p) => p.preclaim(view),
        }
    }

    fn apply(&self, view: &mut ApplyView<'_>, common: &Common, out: &mut ApplyOutput) -> Ter {
        match self {
            AnyPayment::Ledger(p, Some(route))
                if has_pool(view, &route.amount, &route.send_max) =>
            {
                let request = SwapRequest {
                    amount: &route.amount,
                    send_max: &route.send_max,
                    deliver_min: route.deliver_min.as_ref(),
                    partial: route.partial,
                };
                match pay_through_pool(view, &common.account, &route.destination, &request, out) {
                    // The pool alone cannot do it (and has not moved): try the order book,
                    // and if that fails too, say why the pool could not.
                    pool @ (Ter::tecPATH_PARTIAL | Ter::tecPATH_DRY) => {
                        match p.apply(view, common, out) {
                            Ter::tesSUCCESS => Ter::tesSUCCESS,
                            _ => pool,
                        }
                    }
                    ter => ter,
                }
            }
            AnyPayment::Ledger(p, _) => p.apply(view, common, out),
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
