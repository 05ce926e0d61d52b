//! OfferCreate and OfferCancel: trading on the decentralized exchange.
//!
//! A new offer first crosses (`crossing.rs`) the opposite book and the pair's AMM pool
//! (`liquidity.rs`) and, for a token/token offer, the bridge through XRP (`bridge.rs`), best
//! price first; what is left rests on the book at the offer's own price.
//! Rules: <https://xrpl.org/docs/references/protocol/transactions/types/offercreate>,
//! <https://xrpl.org/docs/references/protocol/transactions/types/offercancel>.

mod bridge;
pub(crate) mod crossing;
pub(crate) mod liquidity;
pub mod tick_size;

use std::cmp::Ordering;

use xrpl_proto::amount::{Amount, QuantityKind, divide, mul_round};

use super::fields::{TxFields, is_legal_positive_xrp};
use super::{ApplyOutput, Common, Transactor, UNIVERSAL_FLAGS};
use crate::apply::assets::{Funds, account_funds, amount_of, issue_of, kind_of};
use crate::apply::offers;
use crate::apply::quantity as q;
use crate::apply::trust_line;
use crate::apply::view::ApplyView;
use crate::ledger::account_root::flags as lsf;
use crate::ledger::offer::flags as offer_flags;
use crate::result::Ter;
use crossing::{Order, cross};

/// `tfPassive`.
pub const TF_PASSIVE: u32 = 0x0001_0000;
/// `tfImmediateOrCancel`.
pub const TF_IMMEDIATE_OR_CANCEL: u32 = 0x0002_0000;
/// `tfFillOrKill`.
pub const TF_FILL_OR_KILL: u32 = 0x0004_0000;
/// `tfSell`.
pub const TF_SELL: u32 = 0x0008_0000;

const ALLOWED_FLAGS: u32 =
    UNIVERSAL_FLAGS | TF_PASSIVE | TF_IMMEDIATE_OR_CANCEL | TF_FILL_OR_KILL | TF_SELL;

fn is_positive(amount: &Amount) -> bool {
    match amount {
        Amount::Xrp(d) => is_legal_positive_xrp(d.get()),
        Amount::Issued(a) => a.value.is_positive(),
        Amount::Mpt(_) => false,
    }
}

/// An OfferCreate that passed preflight.
#[derive(Debug, Clone)]
pub struct OfferCreate {
    pays: Amount,
    gets: Amount,
    flags: u32,
    expiration: Option<u32>,
    cancel_sequence: Option<u32>,
}

impl Transactor for OfferCreate {
    fn preflight(tx: TxFields<'_>, flags: u32) -> Result<Self, Ter> {
        if flags & !ALLOWED_FLAGS != 0 {
            return Err(Ter::temINVALID_FLAG);
        }
        if flags & TF_IMMEDIATE_OR_CANCEL != 0 && flags & TF_FILL_OR_KILL != 0 {
            return Err(Ter::temINVALID_FLAG);
        }
        let expiration = tx.u32("Expiration")?;
        if expiration == Some(0) {
            return Err(Ter::temBAD_EXPIRATION);
        }
        let cancel_sequence = tx.u32("OfferSequence")?;
        if cancel_sequence == Some(0) {
            return Err(Ter::temBAD_SEQUENCE);
        }
        let pays = tx.amount("TakerPays")?.ok_or(Ter::temBAD_OFFER)?;
        let gets = tx.amount("TakerGets")?.ok_or(Ter::temBAD_OFFER)?;
        if matches!(pays, Amount::Mpt(_)) || matches!(gets, Amount::Mpt(_)) {
            return Err(Ter::temDISABLED);
        }
        if !is_positive(&pays) || !is_positive(&gets) || (pays.is_xrp() && gets.is_xrp()) {
            return Err(Ter::temBAD_OFFER);
        }
        if issue_of(&pays) == issue_of(&gets) {
            return Err(Ter::temREDUNDANT);
        }
        Ok(OfferCreate {
            pays,
            gets,
            flags,
            expiration,
            cancel_sequence,
        })
    }

    fn preclaim(&self, view: &ApplyView<'_>, common: &Common) -> Ter {
        let Some(root) = view.account(&common.account) else {
            return Ter::terNO_ACCOUNT;
        };
        let (pays, gets) = (issue_of(&self.pays), issue_of(&self.gets));
        for issue in [&pays, &gets] {
            if !issue.is_xrp()
                && view
                    .account(&issue.issuer)
                    .is_some_and(|i| i.has_flag(lsf::GLOBAL_FREEZE))
            {
                return Ter::tecFROZEN;
            }
        }
        let unfunded = match account_funds(view, &common.account, &gets) {
            Funds::Unlimited => false,
            Funds::Limited(f) => !q::is_positive(f),
        };
        if unfunded {
            return Ter::tecUNFUNDED_OFFER;
        }
        if self.cancel_sequence.is_some_and(|s| s >= root.sequence) {
            return Ter::temBAD_SEQUENCE;
        }
        if self
            .expiration
            .is_some_and(|t| t <= view.ctx.parent_close_time)
        {
            return Ter::tecEXPIRED;
        }
        // Can the account hold what it asks for?
        if !pays.is_xrp() && pays.issuer != common.account {
            let Some(issuer) = view.account(&pays.issuer) else {
                return Ter::tecNO_ISSUER;
            };
            if issuer.has_flag(lsf::REQUIRE_AUTH) {
                let Some(line) =
                    trust_line::read(view, &common.account, &pays.issuer, &pays.currency)
                else {
                    return Ter::tecNO_LINE;
                };
                if !line.has(line.side(&pays.issuer).auth) {
                    return Ter::tecNO_AUTH;
                }
            }
        }
        Ter::tesSUCCESS
    }

    fn apply(&self, view: &mut ApplyView<'_>, common: &Common, _out: &mut ApplyOutput) -> Ter {
        if let Some(seq) = self.cancel_sequence
            && let Some((key, offer)) = offers::read(view, &common.account, seq)
        {
            offers::remove(view, &key, &offer);
        }
        let sell = self.flags & TF_SELL != 0;
        // The issuers' TickSize rounds the offer before it crosses, so it also rests at the
        // rounded quality; rounded to nothing, it succeeds doing nothing (rippled's applyGuts).
        let Some((pays, gets)) = tick_size::apply_tick_size(view, &self.pays, &self.gets, sell)
        else {
            return Ter::tesSUCCESS;
        };
        let rounded = OfferCreate {
            pays,
            gets,
            ..self.clone()
        };
        rounded.cross_and_place(view, common, sell)
    }
}

impl OfferCreate {
    /// Crosses the (rounded) offer against the book, then places what is left.
    fn cross_and_place(&self, view: &mut ApplyView<'_>, common: &Common, sell: bool) -> Ter {
        let order = Order {
            taker: &common.account,
            receiver: &common.account,
            limit_quality: true,
            respect_limit: false,
            pays: &self.pays,
            gets: &self.gets,
            sell,
            passive: self.flags & TF_PASSIVE != 0,
            // rippled bridges an offer through XRP when neither side is XRP.
            bridge: !self.pays.is_xrp() && !self.gets.is_xrp(),
        };
        let crossed = match cross(view, &order) {
            Ok(c) => c,
            Err(ter) => return ter,
        };
        let did_cross = q::is_positive(crossed.got);
        let want = self.pays.quantity();
        let give = self.gets.quantity();
        let filled = q::cmp(crossed.got, want) != Ordering::Less
            || (sell && q::cmp(crossed.paid, give) != Ordering::Less);
        if self.flags & TF_FILL_OR_KILL != 0 && !filled {
            return Ter::tecKILLED;
        }
        if self.flags & TF_IMMEDIATE_OR_CANCEL != 0 {
            return if did_cross {
                Ter::tesSUCCESS
            } else {
                Ter::tecKILLED
            };
        }
        if filled {
            return Ter::tesSUCCESS;
        }
        let Ok(remainder) = self.remainder(crossed, sell) else {
            return Ter::tecINTERNAL;
        };
        let Some((pays_left, gets_left)) = remainder else {
            return Ter::tesSUCCESS;
        };
        let owner_count = view.account(&common.account).map_or(0, |a| a.owner_count);
        if common.prior_balance < view.ctx.fees.account_reserve(owner_count + 1) {
            // Without the reserve for a new object the remainder is not placed; having traded
            // something is still a success.
            return if did_cross {
                Ter::tesSUCCESS
            } else {
                Ter::tecINSUF_RESERVE_OFFER
            };
        }
        let mut flags = 0;
        if self.flags & TF_PASSIVE != 0 {
            flags |= offer_flags::PASSIVE;
        }
        if sell {
            flags |= offer_flags::SELL;
        }
        // What is left rests at the offer's own rate (rippled's `uRate`), not the remainder's.
        offers::place_at(
            view,
            &common.account,
            common.seq_proxy(),
            (pays_left, gets_left),
            flags,
            self.expiration,
            offers::quality(&self.pays, &self.gets),
        );
        Ter::tesSUCCESS
    }

    /// What is left to place after crossing, at the offer's original price.
    fn remainder(
        &self,
        crossed: crossing::Crossed,
        sell: bool,
    ) -> Result<Option<(Amount, Amount)>, Ter> {
        let (pays_issue, gets_issue) = (issue_of(&self.pays), issue_of(&self.gets));
        let want = self.pays.quantity();
        let give = self.gets.quantity();
        let internal = |_| Ter::tecINTERNAL;
        let (pays_left, gets_left) = if sell {
            let gets_left = q::sub(give, crossed.paid)?;
            let rate = divide(want, give, QuantityKind::Iou).map_err(internal)?;
            let pays_left =
                mul_round(gets_left, rate, kind_of(&pays_issue), true).map_err(internal)?;
            (pays_left, gets_left)
        } else {
            let pays_left = q::sub(want, crossed.got)?;
            let rate = divide(give, want, QuantityKind::Iou).map_err(internal)?;
            let gets_left =
                mul_round(pays_left, rate, kind_of(&gets_issue), true).map_err(internal)?;
            let gets_left = q::min(gets_left, q::sub(give, crossed.paid)?);
            (pays_left, gets_left)
        };
        if !q::is_positive(pays_left) || !q::is_positive(gets_left) {
            return Ok(None);
        }
        Ok(Some((
            amount_of(&pays_issue, pays_left),
            amount_of(&gets_issue, gets_left),
        )))
    }
}

/// An OfferCancel that passed preflight.
#[derive(Debug, Clone)]
pub struct OfferCancel {
    sequence: u32,
}

impl Transactor for OfferCancel {
    fn preflight(tx: TxFields<'_>, flags: u32) -> Result<Self, Ter> {
        if flags & !UNIVERSAL_FLAGS != 0 {
            return Err(Ter::temINVALID_FLAG);
        }
        match tx.u32("OfferSequence")? {
            Some(sequence) if sequence != 0 => Ok(OfferCancel { sequence }),
            _ => Err(Ter::temBAD_SEQUENCE),
        }
    }

    fn preclaim(&self, view: &ApplyView<'_>, common: &Common) -> Ter {
        match view.account(&common.account) {
            // Only a sequence already used can name an offer.
            Some(root) if self.sequence >= root.sequence => Ter::temBAD_SEQUENCE,
            _ => Ter::tesSUCCESS,
        }
    }

    fn apply(&self, view: &mut ApplyView<'_>, common: &Common, _out: &mut ApplyOutput) -> Ter {
        // Cancelling an offer that is already gone is not an error.
        if let Some((key, offer)) = offers::read(view, &common.account, self.sequence) {
            offers::remove(view, &key, &offer);
        }
        Ter::tesSUCCESS
    }
}
