//! Issued-currency payments along rippled's default path.
//!
//! A payment of `value CUR.issuer` goes one of two ways:
//! - **direct**, when the sender or the destination is the issuer (or the destination accepts
//!   the sender's own IOUs): one step along their trust line — issuing, redeeming, or both;
//! - **through the issuer**, between two holders: the sender redeems to the issuer, the issuer
//!   issues to the destination. The issuer's transfer rate is charged to the sender, its
//!   NoRipple settings can block the route, and its freezes stop the sender.
//!
//! Every step's capacity is bounded by trust limits and balances; SendMax bounds what the
//! sender spends; a partial payment delivers what fits (at least DeliverMin). Explicit `Paths`
//! (rippling through third parties) and quality in/out are not part of this engine yet; a
//! payment needing them fails the way rippled's does when no route has liquidity.
//! Rules: <https://xrpl.org/docs/concepts/tokens/fungible-tokens/rippling>,
//! <https://xrpl.org/docs/concepts/tokens/fungible-tokens/transfer-fees>,
//! <https://xrpl.org/docs/concepts/payment-types/partial-payments>,
//! <https://xrpl.org/docs/concepts/tokens/fungible-tokens/freezes>.

use xrpl_proto::amount::{Amount, Currency, IouValue, IssuedAmount};

use crate::apply::trust_line;
use crate::apply::view::ApplyView;
use crate::ledger::account_root::flags as lsf;
use crate::ledger::ripple_state::RippleState;
use crate::proto::AccountId;
use crate::result::Ter;
use crate::tx::ApplyOutput;

/// What the transaction asks for.
pub(crate) struct Request<'a> {
    pub amount: &'a Amount,
    pub send_max: Option<&'a Amount>,
    pub deliver_min: Option<&'a Amount>,
    pub partial: bool,
}

/// One hop along a trust line: `from` sends `to` IOUs of `currency`.
struct Hop {
    from: AccountId,
    to: AccountId,
    line: RippleState,
}

impl Hop {
    /// How much more `to` can receive from `from` on this line: its limit minus what it holds
    /// (which includes redeeming whatever `to` owes `from`).
    fn capacity(&self) -> IouValue {
        let room = self
            .line
            .limit_of(&self.to)
            .checked_sub(self.line.balance_for(&self.to))
            .unwrap_or(IouValue::ZERO);
        if room.is_positive() {
            room
        } else {
            IouValue::ZERO
        }
    }
}

fn hop(
    view: &ApplyView<'_>,
    from: &AccountId,
    to: &AccountId,
    currency: &Currency,
) -> Result<Hop, Ter> {
    let line = trust_line::read(view, from, to, currency).ok_or(Ter::tecPATH_DRY)?;
    // An issuer that requires authorisation won't issue on a line it has not authorised.
    let from_requires_auth = view
        .account(from)
        .is_some_and(|a| a.has_flag(lsf::REQUIRE_AUTH));
    if from_requires_auth && !line.has(line.side(from).auth) && line.balance.is_zero() {
        return Err(Ter::tecPATH_DRY);
    }
    Ok(Hop {
        from: *from,
        to: *to,
        line,
    })
}

/// A hop that is neither the first nor the last of a route is frozen when the receiving
/// side (the issuer of what is sent) froze the line or everything it issues.
fn frozen(view: &ApplyView<'_>, hop: &Hop) -> bool {
    let global = view
        .account(&hop.to)
        .is_some_and(|a| a.has_flag(lsf::GLOBAL_FREEZE));
    global || hop.line.has(hop.line.side(&hop.to).freeze)
}

fn min(a: IouValue, b: IouValue) -> IouValue {
    if a < b { a } else { b }
}

/// Applies the payment; on success reports the delivered amount.
pub(crate) fn pay(
    view: &mut ApplyView<'_>,
    source: &AccountId,
    destination: &AccountId,
    request: Request<'_>,
    out: &mut ApplyOutput,
) -> Ter {
    match route_and_pay(view, source, destination, &request) {
        Ok(delivered) => {
            let Amount::Issued(asked) = request.amount else {
                return Ter::tefINTERNAL;
            };
            let amount = Amount::Issued(IssuedAmount::new(delivered, asked.issue));
            out.delivered_amount = Some(amount.to_json());
            out.partial = request.partial;
            Ter::tesSUCCESS
        }
        Err(ter) => ter,
    }
}

fn route_and_pay(
    view: &mut ApplyView<'_>,
    source: &AccountId,
    destination: &AccountId,
    request: &Request<'_>,
) -> Result<IouValue, Ter> {
    // Anything but "same currency in, same currency out" needs the order books.
    let Amount::Issued(deliver) = request.amount else {
        return Err(Ter::tecPATH_DRY);
    };
    let currency = deliver.issue.currency;
    let issuer = deliver.issue.issuer;
    let max_source = match request.send_max {
        None => None,
        Some(Amount::Issued(m)) if m.issue.currency == currency => Some(*m),
        Some(_) => return Err(Ter::tecPATH_DRY),
    };
    let target = deliver.value;

    let direct = issuer == *source || issuer == *destination;
    let (delivered, hops) = if direct {
        if let Some(m) = &max_source
            && m.issue.issuer != *source
            && m.issue.issuer != *destination
        {
            return Err(Ter::tecPATH_DRY);
        }
        let step = hop(view, source, destination, &currency)?;
        let spendable = max_source.map_or(target, |m| m.value);
        let delivered = min(min(target, step.capacity()), spendable);
        (delivered, vec![(step, delivered)])
    } else {
        if let Some(m) = &max_source
            && m.issue.issuer != *source
            && m.issue.issuer != issuer
        {
            return Err(Ter::tecPATH_DRY);
        }
        let first = hop(view, source, &issuer, &currency)?;
        let second = hop(view, &issuer, destination, &currency)?;
        if frozen(view, &first) || frozen(view, &second) {
            return Err(Ter::tecPATH_DRY);
        }
        // Rippling through the issuer is blocked when it set NoRipple on both lines.
        let no_ripple = first.line.side(&issuer).no_ripple;
        let no_ripple_out = second.line.side(&issuer).no_ripple;
        if first.line.has(no_ripple) && second.line.has(no_ripple_out) {
            return Err(Ter::tecPATH_DRY);
        }
        let rate = trust_line::transfer_rate(view, &issuer);
        let rate = IouValue::new(i64::from(rate), -9).map_err(|_| Ter::tefINTERNAL)?;
        let available_in = min(first.capacity(), max_source.map_or(target, |m| m.value));
        let wanted = min(target, second.capacity());
        let cost_of = |out: IouValue| out.mul_round(rate, true);
        let (delivered, cost) = match cost_of(wanted) {
            Ok(cost) if cost <= available_in => (wanted, cost),
            _ => {
                let delivered = available_in
                    .div_round(rate, false)
                    .map_err(|_| Ter::tecPATH_DRY)?;
                let cost = min(cost_of(delivered).unwrap_or(available_in), available_in);
                (min(delivered, wanted), cost)
            }
        };
        (delivered, vec![(first, cost), (second, delivered)])
    };

    if !delivered.is_positive() {
        return Err(Ter::tecPATH_DRY);
    }
    if delivered < target {
        if !request.partial {
            return Err(Ter::tecPATH_PARTIAL);
        }
        if let Some(Amount::Issued(min_amount)) = request.deliver_min
            && delivered < min_amount.value
        {
            return Err(Ter::tecPATH_PARTIAL);
        }
    }
    for (step, value) in hops {
        trust_line::credit(view, &step.from, &step.to, &currency, value)?;
    }
    Ok(delivered)
}
