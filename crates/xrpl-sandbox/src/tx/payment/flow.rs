//! The flow engine: how much a payment's strands deliver, best strand first.
//!
//! rippled's `flow` and `strandFlow` are the model. One strand is evaluated in a scratch copy
//! of the ledger: backwards from the amount still to deliver, each step saying what it needs;
//! when a step cannot deliver what is asked (a limit, a balance, a thin book) it becomes the
//! limiting step, the copy is thrown away, the limiting step is re-run at its capacity, the steps
//! before it backwards and the steps after it forwards. SendMax bounds the first step the same
//! way. Every strand is evaluated against the same ledger; the one with the best rate (least in
//! per unit out) is kept, and the loop runs again on the new ledger until the Amount is
//! delivered, SendMax is spent or no strand has liquidity left. A strand that delivers nothing
//! (or, with `tfLimitQuality`, too little per unit in) is dropped for the passes after.
//!
//! While more than one strand is live the payment is multi-path (rippled's
//! `AMMContext::setMultiPath`): every pool in its book steps offers a Fibonacci-sized slice, at
//! most one per pass, the passes that used a pool counted across the whole payment
//! (`tx/amm/fib_offer.rs`); with one strand left pools are sized as on a single path.
//! Rules: <https://xrpl.org/docs/concepts/tokens/fungible-tokens/paths>,
//! <https://xrpl.org/docs/concepts/payment-types/partial-payments>.

use xrpl_proto::amount::{Quantity, QuantityKind, divide};

use super::step::Prepared;
use super::strand::Step;
use crate::apply::quantity as q;
use crate::apply::view::ApplyView;
use crate::proto::AccountId;
use crate::result::Ter;
use crate::tx::amm::fib_offer::AmmContext;

/// rippled gives up after this many passes over the strands.
const MAX_PASSES: usize = 1000;

/// What a payment takes from its strands.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// The amount to deliver.
    pub deliver: Quantity,
    /// The most the sender spends.
    pub send_max: Quantity,
    /// With `tfLimitQuality`: no strand worse than this rate (in per out) is used.
    pub worst_rate: Option<Quantity>,
}

/// What the strands delivered.
#[derive(Debug, Clone, Copy)]
pub struct Delivered {
    /// Received by the destination.
    pub delivered: Quantity,
}

/// One strand's liquidity in one pass: its ledger, and what it took and gave.
struct Liquidity<'a> {
    view: ApplyView<'a>,
    spent: Quantity,
    delivered: Quantity,
}

fn same(a: Quantity, b: Quantity) -> bool {
    q::cmp(a, b).is_eq()
}

/// Runs one strand for at most `out` (spending at most `max_in`) in a copy of `base`.
fn strand_flow<'a>(
    base: &ApplyView<'a>,
    strand: &mut Prepared,
    out: Quantity,
    max_in: Quantity,
) -> Result<Option<Liquidity<'a>>, Ter> {
    let n = strand.len();
    let mut sb = base.clone();
    let mut limiting: Option<(usize, Quantity)> = None;
    let mut wanted = out;
    let mut spent = out;
    for i in (0..n).rev() {
        let (mut got_in, got_out) = strand.rev(&mut sb, i, wanted)?;
        if !q::is_positive(got_out) {
            return Ok(None);
        }
        if i == 0 && q::cmp(got_in, max_in).is_gt() {
            // The sender cannot spend that much: run the first step forwards on what it can.
            sb = base.clone();
            let (used, produced) = strand.fwd(&mut sb, 0, max_in)?;
            if !q::is_positive(produced) {
                return Ok(None);
            }
            got_in = used;
            limiting = Some((0, produced));
        } else if !same(got_out, wanted) {
            // This step is the bottleneck: redo it alone at its capacity.
            sb = base.clone();
            let (again_in, again_out) = strand.rev(&mut sb, i, got_out)?;
            if !q::is_positive(again_out) {
                return Ok(None);
            }
            got_in = again_in;
            limiting = Some((i, again_out));
        }
        wanted = got_in;
        spent = got_in;
    }
    let mut delivered = out;
    if let Some((k, produced)) = limiting {
        let mut given = produced;
        for i in k + 1..n {
            let (_, next) = strand.fwd(&mut sb, i, given)?;
            if !q::is_positive(next) {
                return Ok(None);
            }
            given = next;
        }
        delivered = given;
    }
    Ok(Some(Liquidity {
        view: sb,
        spent,
        delivered,
    }))
}

/// In per out: lower is better for the sender.
fn rate(spent: Quantity, delivered: Quantity) -> Result<Quantity, Ter> {
    divide(spent, delivered, QuantityKind::Iou).map_err(|_| Ter::tecINTERNAL)
}

/// Takes liquidity from `strands`, best first, until `limits` are met or the strands run dry;
/// leaves the result in `view`.
pub fn flow<'a>(
    view: &mut ApplyView<'a>,
    strands: &[Vec<Step>],
    source: AccountId,
    destination: AccountId,
    limits: Limits,
) -> Result<Delivered, Ter> {
    let mut delivered = Quantity::zero(limits.deliver.kind());
    let mut spent = Quantity::zero(limits.send_max.kind());
    let mut amm = AmmContext::default();
    let mut live = vec![true; strands.len()];
    for _ in 0..MAX_PASSES {
        let out_left = q::sub(limits.deliver, delivered)?;
        let in_left = q::sub(limits.send_max, spent)?;
        if !q::is_positive(out_left) || !q::is_positive(in_left) {
            break;
        }
        let multi_path = live.iter().filter(|l| **l).count() > 1;
        let mut best: Option<(Quantity, Liquidity<'a>, bool)> = None;
        for (strand, live) in strands.iter().zip(live.iter_mut()) {
            if !*live {
                continue;
            }
            let context = multi_path.then(|| amm.clone());
            let mut prepared = Prepared::new(view, strand, source, destination, context);
            let found = strand_flow(view, &mut prepared, out_left, in_left)?;
            let used_pool = match prepared.into_amm() {
                Some(context) => {
                    amm.merge_initial(&context);
                    context.used()
                }
                None => false,
            };
            let Some(found) = found else {
                *live = false;
                continue;
            };
            let found_rate = rate(found.spent, found.delivered)?;
            if limits
                .worst_rate
                .is_some_and(|worst| q::cmp(found_rate, worst).is_gt())
            {
                *live = false;
                continue;
            }
            if best
                .as_ref()
                .is_none_or(|(best_rate, ..)| q::cmp(found_rate, *best_rate).is_lt())
            {
                best = Some((found_rate, found, used_pool));
            }
        }
        let Some((_, taken, used_pool)) = best else {
            break;
        };
        *view = taken.view;
        if used_pool {
            amm.set_used();
        }
        amm.update();
        delivered = q::add(delivered, taken.delivered)?;
        spent = q::add(spent, taken.spent)?;
    }
    Ok(Delivered { delivered })
}
