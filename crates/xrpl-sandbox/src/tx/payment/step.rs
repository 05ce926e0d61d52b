//! Running one step of a strand, backwards ("to deliver this much, how much must come in?")
//! and forwards ("with this much coming in, how much goes out?"), as rippled's `DirectStepI`
//! and `BookStep` do.
//!
//! A **direct step** moves IOUs along one trust line. The sender either *redeems* (it holds the
//! receiver's IOUs, and can give back at most those) or *issues* (up to the room under the
//! receiver's limit). What the sender pays and what the receiver is credited differ by:
//! - the **transfer fee** of the sender, when it issues what the previous account redeemed to
//!   it — value rippling through an issuer between two holders;
//! - **QualityOut**: an intermediate account redeeming charges the larger of its QualityOut on
//!   the outgoing line and its QualityIn on the incoming one;
//! - **QualityIn**: the receiver of issued IOUs values them at its QualityIn (never above face
//!   value for the final destination).
//!
//! A **book step** crosses offers with the existing crossing engine: the issuer of what is paid
//! in stands in as the taker (it can issue without limit, as in rippled where the offer owner is
//! paid by the input's issuer) and the issuer of the output as the receiver; XRP comes from the
//! sender and goes to the destination. The input's issuer charges its transfer fee when the
//! previous account redeemed to it. While the payment has several strands, the book step
//! carries the payment's pool context, so a pool offers its Fibonacci-sized slice for the pass.
//! Rules: <https://xrpl.org/docs/concepts/tokens/fungible-tokens/transfer-fees>,
//! <https://xrpl.org/docs/references/protocol/transactions/types/trustset> (QualityIn,
//! QualityOut), <https://xrpl.org/docs/concepts/tokens/decentralized-exchange/offers>.

use xrpl_proto::amount::{Drops, IouValue, Issue, Quantity};

use super::strand::Step;
use crate::apply::assets::{amount_of, kind_of};
use crate::apply::quantity as q;
use crate::apply::trust_line::{self, QUALITY_ONE};
use crate::apply::view::ApplyView;
use crate::proto::AccountId;
use crate::result::Ter;
use crate::tx::amm::fib_offer::AmmContext;
use crate::tx::offer::crossing::{Order, cross_with};

/// A quality or rate in billionths, as a multiplier.
fn rate(billionths: u32) -> Result<IouValue, Ter> {
    IouValue::new(i64::from(billionths), -9).map_err(|_| Ter::tecINTERNAL)
}

/// `value × rate`, skipping the arithmetic (and its rounding) at face value.
fn times(value: IouValue, billionths: u32, round_up: bool) -> Result<IouValue, Ter> {
    if billionths == QUALITY_ONE {
        return Ok(value);
    }
    value
        .mul_round(rate(billionths)?, round_up)
        .map_err(|_| Ter::tecINTERNAL)
}

/// `value ÷ rate`.
fn divided(value: IouValue, billionths: u32, round_up: bool) -> Result<IouValue, Ter> {
    if billionths == QUALITY_ONE {
        return Ok(value);
    }
    value
        .div_round(rate(billionths)?, round_up)
        .map_err(|_| Ter::tecINTERNAL)
}

/// A stored quality: 0 (unset) is face value.
fn stored(q: u32) -> u32 {
    if q == 0 { QUALITY_ONE } else { q }
}

/// What a direct step knows about its line when the strand is evaluated.
#[derive(Debug, Clone, Copy)]
struct Line {
    redeems: bool,
    /// The most that can move along the line in this pass.
    max: IouValue,
    /// What the sender pays per unit moved (transfer fee or QualityOut), in billionths.
    src_out: u32,
    /// What the receiver is credited per unit moved (QualityIn), in billionths.
    dst_in: u32,
}

impl Line {
    /// A line that is gone (an earlier strand emptied and deleted it): it carries nothing.
    const DRY: Line = Line {
        redeems: false,
        max: IouValue::ZERO,
        src_out: QUALITY_ONE,
        dst_in: QUALITY_ONE,
    };
}

/// The facts each step needs, read from the ledger as the strand starts.
#[derive(Debug, Clone)]
pub struct Prepared {
    steps: Vec<Step>,
    lines: Vec<Option<Line>>,
    /// Transfer rate charged on a book's input, per step (billionths).
    book_fee: Vec<u32>,
    source: AccountId,
    destination: AccountId,
    /// The payment's pool context while it has several strands (rippled's
    /// `AMMContext::multiPath`); None on a single path.
    amm: Option<AmmContext>,
}

impl Prepared {
    /// Reads what `steps` need from `view`.
    pub fn new(
        view: &ApplyView<'_>,
        steps: &[Step],
        source: AccountId,
        destination: AccountId,
        amm: Option<AmmContext>,
    ) -> Prepared {
        let mut lines: Vec<Option<Line>> = Vec::with_capacity(steps.len());
        let mut book_fee = Vec::with_capacity(steps.len());
        for (i, step) in steps.iter().enumerate() {
            // rippled: the step before the first "issues"; a book "redeems" into the next.
            let prev_redeems = match i.checked_sub(1).map(|p| (steps[p], lines[p])) {
                Some((Step::Direct { .. }, Some(line))) => line.redeems,
                Some((Step::Book { .. }, _)) => true,
                _ => false,
            };
            match *step {
                Step::Direct { .. } => {
                    let line = direct_line(view, steps, i, prev_redeems);
                    lines.push(line);
                    book_fee.push(QUALITY_ONE);
                }
                Step::Book { input, .. } => {
                    lines.push(None);
                    let charged = prev_redeems && !input.is_xrp() && input.issuer != destination;
                    book_fee.push(if charged {
                        trust_line::transfer_rate(view, &input.issuer)
                    } else {
                        QUALITY_ONE
                    });
                }
            }
        }
        Prepared {
            steps: steps.to_vec(),
            lines,
            book_fee,
            source,
            destination,
            amm,
        }
    }

    /// The pool context after this strand ran: whether it used a pool in this pass.
    pub fn into_amm(self) -> Option<AmmContext> {
        self.amm
    }

    /// The number of steps.
    pub fn len(&self) -> usize {
        self.steps.len()
    }

    /// Backwards: asks step `i` to deliver `out`; returns (in, out) as executed in `view`.
    pub fn rev(
        &mut self,
        view: &mut ApplyView<'_>,
        i: usize,
        out: Quantity,
    ) -> Result<(Quantity, Quantity), Ter> {
        match self.steps[i] {
            Step::Direct { src, dst, currency } => {
                let line = self.lines[i].unwrap_or(Line::DRY);
                let out = iou(out)?;
                let moved = divided(out, line.dst_in, true)?;
                let (moved, delivered) = if moved <= line.max {
                    (moved, out)
                } else {
                    (line.max, times(line.max, line.dst_in, false)?)
                };
                let paid = times(moved, line.src_out, true)?;
                if moved.is_positive() {
                    trust_line::credit(view, &src, &dst, &currency, moved)?;
                }
                Ok((Quantity::Iou(paid), Quantity::Iou(delivered)))
            }
            Step::Book {
                input,
                output,
                via_xrp,
            } => {
                let (paid, got) = if via_xrp {
                    self.bridge_rev(view, input, output, out)?
                } else {
                    self.cross(view, input, output, huge(&input), out, false)?
                };
                Ok((self.with_book_fee(i, paid, true)?, got))
            }
        }
    }

    /// Forwards: gives step `i` `input`; returns (in used, out) as executed in `view`.
    pub fn fwd(
        &mut self,
        view: &mut ApplyView<'_>,
        i: usize,
        given: Quantity,
    ) -> Result<(Quantity, Quantity), Ter> {
        match self.steps[i] {
            Step::Direct { src, dst, currency } => {
                let line = self.lines[i].unwrap_or(Line::DRY);
                let given = iou(given)?;
                let moved = divided(given, line.src_out, false)?;
                let (moved, used) = if moved <= line.max {
                    (moved, given)
                } else {
                    (line.max, times(line.max, line.src_out, true)?)
                };
                let delivered = times(moved, line.dst_in, false)?;
                if moved.is_positive() {
                    trust_line::credit(view, &src, &dst, &currency, moved)?;
                }
                Ok((Quantity::Iou(used), Quantity::Iou(delivered)))
            }
            Step::Book {
                input,
                output,
                via_xrp,
            } => {
                let budget = self.without_book_fee(i, given)?;
                let (paid, got) = if via_xrp {
                    let (paid, xrp) =
                        self.cross(view, input, Issue::XRP, budget, huge(&Issue::XRP), true)?;
                    let (_, got) =
                        self.cross(view, Issue::XRP, output, xrp, huge(&output), false)?;
                    (paid, got)
                } else {
                    self.cross(view, input, output, budget, huge(&output), false)?
                };
                let used = q::min(self.with_book_fee(i, paid, true)?, given);
                Ok((used, got))
            }
        }
    }

    fn with_book_fee(&self, i: usize, paid: Quantity, round_up: bool) -> Result<Quantity, Ter> {
        match paid {
            Quantity::Iou(v) => Ok(Quantity::Iou(times(v, self.book_fee[i], round_up)?)),
            other => Ok(other),
        }
    }

    fn without_book_fee(&self, i: usize, given: Quantity) -> Result<Quantity, Ter> {
        match given {
            Quantity::Iou(v) => Ok(Quantity::Iou(divided(v, self.book_fee[i], false)?)),
            other => Ok(other),
        }
    }

    /// Who pays into a book: the sender for XRP, else the input's issuer.
    fn taker(&self, input: &Issue) -> AccountId {
        if input.is_xrp() {
            self.source
        } else {
            input.issuer
        }
    }

    /// Who a book delivers to: the destination for XRP (the sender, mid-bridge), else the
    /// output's issuer, which passes it on along the next direct step.
    fn receiver(&self, output: &Issue, mid_bridge: bool) -> AccountId {
        match (output.is_xrp(), mid_bridge) {
            (true, true) => self.source,
            (true, false) => self.destination,
            (false, _) => output.issuer,
        }
    }

    /// Crosses one book, paying at most `give` of `input` for at most `want` of `output`.
    fn cross(
        &mut self,
        view: &mut ApplyView<'_>,
        input: Issue,
        output: Issue,
        give: Quantity,
        want: Quantity,
        mid_bridge: bool,
    ) -> Result<(Quantity, Quantity), Ter> {
        let taker = self.taker(&input);
        let receiver = self.receiver(&output, mid_bridge);
        let pays = amount_of(&output, want);
        let gets = amount_of(&input, give);
        let order = Order {
            taker: &taker,
            receiver: &receiver,
            limit_quality: false,
            respect_limit: true,
            pays: &pays,
            gets: &gets,
            sell: false,
            passive: false,
            // A path names its XRP bridge as a step of its own (`bridge_rev`).
            bridge: false,
        };
        let crossed = cross_with(view, &order, self.amm.as_mut())?;
        Ok((crossed.paid, crossed.got))
    }

    /// Backwards through two books bridged by XRP: quote the second book (in a scratch copy in
    /// which the sender has XRP to spare), buy that much XRP from the first, then spend it.
    fn bridge_rev(
        &mut self,
        view: &mut ApplyView<'_>,
        input: Issue,
        output: Issue,
        out: Quantity,
    ) -> Result<(Quantity, Quantity), Ter> {
        let mut scratch = view.clone();
        if let Some(mut root) = scratch.account(&self.source) {
            root.balance = root.balance.saturating_add(SPARE_DROPS);
            scratch.put_account(root);
        }
        let (xrp_needed, quoted) = self.cross(
            &mut scratch,
            Issue::XRP,
            output,
            huge(&Issue::XRP),
            out,
            false,
        )?;
        if !q::is_positive(quoted) {
            return Ok((Quantity::zero(kind_of(&input)), quoted));
        }
        let (paid, xrp) = self.cross(view, input, Issue::XRP, huge(&input), xrp_needed, true)?;
        if !q::is_positive(xrp) {
            return Ok((paid, Quantity::zero(kind_of(&output))));
        }
        let (_, got) = self.cross(view, Issue::XRP, output, xrp, quoted, false)?;
        Ok((paid, got))
    }
}

/// Reads direct step `i`'s line: which way the sender goes and what each side's quality or
/// the transfer fee makes of the amount moved (rippled's `qualitiesSrcRedeems` /
/// `qualitiesSrcIssues`).
fn direct_line(view: &ApplyView<'_>, steps: &[Step], i: usize, prev_redeems: bool) -> Option<Line> {
    let Step::Direct { src, dst, currency } = steps[i] else {
        return None;
    };
    let line = trust_line::read(view, &src, &dst, &currency)?;
    let owed = line.balance_for(&src);
    let redeems = owed.is_positive();
    let max = if redeems {
        owed
    } else {
        line.limit_of(&dst)
            .checked_sub(line.balance_for(&dst))
            .unwrap_or(IouValue::ZERO)
    };
    let (src_out, dst_in) = if redeems {
        // Value passing through `src` is charged the larger of what `src` values it at coming
        // in (QualityIn on the previous line) and going out (QualityOut on this one); the
        // sender's own first step is at face value.
        let quality_out = stored(line.qualities_of(&src).1);
        match i.checked_sub(1).map(|p| steps[p]) {
            None => (QUALITY_ONE, QUALITY_ONE),
            Some(Step::Direct { src: before, .. }) => {
                let quality_in = trust_line::read(view, &src, &before, &currency)
                    .map_or(QUALITY_ONE, |l| stored(l.qualities_of(&src).0));
                (quality_in.max(quality_out), QUALITY_ONE)
            }
            Some(Step::Book { .. }) => (quality_out.max(QUALITY_ONE), QUALITY_ONE),
        }
    } else {
        let fee = if prev_redeems {
            trust_line::transfer_rate(view, &src)
        } else {
            QUALITY_ONE
        };
        let mut dst_in = stored(line.qualities_of(&dst).0);
        if i + 1 == steps.len() {
            // The destination never gets more than face value.
            dst_in = dst_in.min(QUALITY_ONE);
        }
        (fee, dst_in)
    };
    Some(Line {
        redeems,
        max: if max.is_positive() {
            max
        } else {
            IouValue::ZERO
        },
        src_out,
        dst_in,
    })
}

/// XRP lent to the sender while quoting a bridge's second book (never committed).
const SPARE_DROPS: u64 = 10_000_000_000_000_000;

/// An amount no book can exhaust: the "no limit" side of a quote.
fn huge(issue: &Issue) -> Quantity {
    if issue.is_xrp() {
        Quantity::Drops(Drops::MAX)
    } else {
        Quantity::Iou(IouValue::MAX)
    }
}

fn iou(quantity: Quantity) -> Result<IouValue, Ter> {
    match quantity {
        Quantity::Iou(v) => Ok(v),
        _ => Err(Ter::tecINTERNAL),
    }
}
