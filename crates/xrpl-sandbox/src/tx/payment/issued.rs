//! Issued-currency payments (and any payment with `Paths`): the request handed to the flow
//! engine, and what it answers.
//!
//! The strands are the default path — direct between an issuer and a holder, or through the
//! issuer between two holders — unless `tfNoRippleDirect`, plus each explicit path
//! (`strand.rs`); the flow engine (`flow.rs`) takes liquidity from them best first. SendMax
//! bounds what the sender spends (without it, the Amount itself: no room for a transfer fee); a
//! partial payment delivers what the strands carry, at least DeliverMin. A strand that cannot
//! carry value for a reason that might pass (`ter…`: no line, NoRipple, a freeze) makes the
//! payment `tecPATH_DRY` when no strand is left, as rippled turns those retries into a claimed
//! fee. Rules: <https://xrpl.org/docs/references/protocol/transactions/types/payment>,
//! <https://xrpl.org/docs/concepts/tokens/fungible-tokens/rippling>,
//! <https://xrpl.org/docs/concepts/payment-types/partial-payments>.

use xrpl_proto::amount::{Amount, QuantityKind, divide};

use super::flow::{self, Limits};
use super::path::Path;
use super::strand::{self, Ends};
use crate::apply::assets::{amount_of, issue_of};
use crate::apply::quantity as q;
use crate::apply::view::ApplyView;
use crate::ledger::account_root::AccountRoot;
use crate::proto::AccountId;
use crate::result::{Ter, TerClass};
use crate::tx::ApplyOutput;

/// What the transaction asks for.
pub(crate) struct Request<'a> {
    pub amount: &'a Amount,
    pub send_max: Option<&'a Amount>,
    pub deliver_min: Option<&'a Amount>,
    pub partial: bool,
}

/// How the strands are chosen.
#[derive(Default)]
pub(super) struct Route<'a> {
    /// Explicit paths.
    pub paths: &'a [Path],
    /// `tfNoRippleDirect`: leave the default path out.
    pub no_direct: bool,
    /// `tfLimitQuality`: use no strand worse than Amount per SendMax.
    pub limit_quality: bool,
}

/// Pays along the default path only (CheckCash, and Payments without `Paths`).
pub(crate) fn pay(
    view: &mut ApplyView<'_>,
    source: &AccountId,
    destination: &AccountId,
    request: Request<'_>,
    out: &mut ApplyOutput,
) -> Ter {
    pay_along(view, source, destination, &request, &Route::default(), out)
}

/// Pays along the default path (unless excluded) and the explicit paths.
pub(super) fn pay_along(
    view: &mut ApplyView<'_>,
    source: &AccountId,
    destination: &AccountId,
    request: &Request<'_>,
    route: &Route<'_>,
    out: &mut ApplyOutput,
) -> Ter {
    match deliver(view, source, destination, request, route) {
        Ok(delivered) => {
            out.delivered_amount = Some(delivered.to_json());
            out.partial = request.partial;
            Ter::tesSUCCESS
        }
        Err(ter) => ter,
    }
}

fn deliver(
    view: &mut ApplyView<'_>,
    source: &AccountId,
    destination: &AccountId,
    request: &Request<'_>,
    route: &Route<'_>,
) -> Result<Amount, Ter> {
    let deliver = issue_of(request.amount);
    if view.account(destination).is_none() {
        // Only XRP creates an account (preclaim checked it covers the reserve); the account
        // exists from the start of the flow, and a failed payment throws it away with the rest.
        if !deliver.is_xrp() {
            return Err(Ter::tecNO_DST);
        }
        view.put_account(AccountRoot::new(*destination, 0, view.ctx.ledger_seq));
    }
    let ends = Ends {
        source: *source,
        destination: *destination,
        deliver,
        send_max: request.send_max.map(issue_of),
    };
    let strands =
        strand::to_strands(view, &ends, route.paths, !route.no_direct).map_err(|ter| match ter
            .class()
        {
            TerClass::Retry => Ter::tecPATH_DRY,
            _ => ter,
        })?;
    let wanted = request.amount.quantity();
    let send_max = request.send_max.unwrap_or(request.amount).quantity();
    let worst_rate = if route.limit_quality {
        Some(divide(send_max, wanted, QuantityKind::Iou).map_err(|_| Ter::tecINTERNAL)?)
    } else {
        None
    };
    let limits = Limits {
        deliver: wanted,
        send_max,
        worst_rate,
    };
    let result = flow::flow(view, &strands, *source, *destination, limits)?;
    let delivered = result.delivered;
    if !q::is_positive(delivered) {
        return Err(Ter::tecPATH_DRY);
    }
    if q::cmp(delivered, wanted).is_lt() {
        if !request.partial {
            return Err(Ter::tecPATH_PARTIAL);
        }
        if let Some(min) = request.deliver_min
            && q::cmp(delivered, min.quantity()).is_lt()
        {
            return Err(Ter::tecPATH_PARTIAL);
        }
    }
    Ok(amount_of(&deliver, delivered))
}
