//! Cross-currency payments through one order book and its AMM pool: the sender spends up to
//! SendMax of one asset, taking from the book's offers and the pool best price first, and the
//! destination receives the Amount in another.
//!
//! This is rippled's default book path for a pair with a direct market (XRP↔token, or token↔
//! token with a book or a pool between them). Explicit multi-hop `Paths` (and so bridging a
//! payment through XRP) are not part of this engine yet. Rules: <https://xrpl.org/docs/concepts/payment-types/cross-currency-payments>.

use xrpl_proto::amount::Amount;

use crate::apply::assets::{amount_of, issue_of};
use crate::apply::quantity as q;
use crate::apply::view::ApplyView;
use crate::proto::AccountId;
use crate::result::Ter;
use crate::tx::ApplyOutput;
use crate::tx::offer::crossing::{Order, cross};

/// What the transaction asks for.
pub(super) struct Request<'a> {
    pub amount: &'a Amount,
    pub send_max: &'a Amount,
    pub deliver_min: Option<&'a Amount>,
    pub partial: bool,
    pub limit_quality: bool,
}

/// Applies the payment; on success reports the delivered amount.
pub(super) fn pay(
    view: &mut ApplyView<'_>,
    source: &AccountId,
    destination: &AccountId,
    request: Request<'_>,
    out: &mut ApplyOutput,
) -> Ter {
    if view.account(destination).is_none() {
        // Creating an account through a book is not supported: it needs a direct XRP payment.
        return Ter::tecNO_DST;
    }
    let order = Order {
        taker: source,
        receiver: destination,
        pays: request.amount,
        gets: request.send_max,
        sell: false,
        passive: false,
        limit_quality: request.limit_quality,
        respect_limit: true,
        // A payment bridges through XRP only along explicit Paths.
        bridge: false,
    };
    let crossed = match cross(view, &order) {
        Ok(c) => c,
        Err(ter) => return ter,
    };
    if !q::is_positive(crossed.got) {
        return Ter::tecPATH_DRY;
    }
    let asked = request.amount.quantity();
    if q::cmp(crossed.got, asked).is_lt() {
        if !request.partial {
            return Ter::tecPATH_PARTIAL;
        }
        if let Some(min) = request.deliver_min
            && q::cmp(crossed.got, min.quantity()).is_lt()
        {
            return Ter::tecPATH_PARTIAL;
        }
    }
    let delivered = amount_of(&issue_of(request.amount), crossed.got);
    out.delivered_amount = Some(delivered.to_json());
    out.partial = request.partial;
    Ter::tesSUCCESS
}
