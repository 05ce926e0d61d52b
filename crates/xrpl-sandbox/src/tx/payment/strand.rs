//! From a path to a strand: the steps value takes from the sender to the destination.
//!
//! rippled's `toStrand` (PaySteps.cpp) is the model. The path is first normalised: the sender
//! comes first, then the SendMax issuer (when it is someone else), the path's own elements, an
//! order book into the delivered currency when the path does not end in it, the Amount's issuer
//! and the destination. Consecutive elements then become steps: two accounts make a **direct
//! step** along their trust line (with the currency's issuer inserted between two holders), an
//! account and a book make a **book step**. Each step is checked as rippled checks it: loops
//! (`temBAD_PATH_LOOP`), missing lines and freezes (`terNO_LINE`), unauthorised lines
//! (`terNO_AUTH`) and an account that set NoRipple on both of its lines (`terNO_RIPPLE`).
//! Rules: <https://xrpl.org/docs/concepts/tokens/fungible-tokens/paths>,
//! <https://xrpl.org/docs/concepts/tokens/fungible-tokens/rippling>,
//! <https://xrpl.org/docs/concepts/tokens/fungible-tokens/freezes>.

use std::collections::HashSet;

use xrpl_proto::amount::{Currency, Issue};

use super::path::PathElement;
use crate::apply::trust_line;
use crate::apply::view::ApplyView;
use crate::ledger::account_root::flags as lsf;
use crate::proto::AccountId;
use crate::result::{Ter, TerClass};

/// One step of a strand.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// `src` sends `dst` IOUs of `currency` along their trust line (redeeming what it holds
    /// of `dst`'s, or issuing its own).
    Direct {
        /// The sending account.
        src: AccountId,
        /// The receiving account.
        dst: AccountId,
        /// The currency of the line.
        currency: Currency,
    },
    /// Offers convert `input` into `output`; with `via_xrp`, two books bridged through XRP.
    Book {
        /// What the offers are paid.
        input: Issue,
        /// What the offers deliver.
        output: Issue,
        /// Two books, `input`→XRP and XRP→`output` (a path element `{"currency":"XRP"}`).
        via_xrp: bool,
    },
}

/// What a payment asks of its strands.
#[derive(Debug, Clone, Copy)]
pub struct Ends {
    /// The sender.
    pub source: AccountId,
    /// The destination.
    pub destination: AccountId,
    /// What the destination receives.
    pub deliver: Issue,
    /// What the sender spends, when SendMax names it.
    pub send_max: Option<Issue>,
}

fn offer(currency: Option<Currency>, issuer: Option<AccountId>) -> PathElement {
    PathElement {
        account: None,
        currency,
        issuer,
    }
}

/// The path with the implied first and last elements added (rippled's `normPath`).
fn normalise(ends: &Ends, path: &[PathElement]) -> Vec<PathElement> {
    let source = ends.source;
    let first_currency = ends.send_max.map_or(ends.deliver.currency, |i| i.currency);
    let mut norm = Vec::with_capacity(path.len() + 5);
    norm.push(PathElement {
        account: Some(source),
        currency: Some(first_currency),
        issuer: None,
    });
    if let Some(max) = ends.send_max
        && !max.is_xrp()
        && max.issuer != source
        && path.first().and_then(|e| e.account) != Some(max.issuer)
    {
        norm.push(PathElement::account(max.issuer));
    }
    norm.extend_from_slice(path);
    // The currency the path ends in: the last element that names one, else the source's.
    let last_currency = norm
        .iter()
        .rev()
        .find_map(|e| e.currency)
        .unwrap_or(first_currency);
    if last_currency != ends.deliver.currency {
        let issuer = (!ends.deliver.is_xrp()).then_some(ends.deliver.issuer);
        norm.push(offer(Some(ends.deliver.currency), issuer));
    }
    let ends_at_issuer = norm
        .last()
        .is_some_and(|e| e.account == Some(ends.deliver.issuer));
    if !ends.deliver.is_xrp() && !ends_at_issuer && ends.destination != ends.deliver.issuer {
        norm.push(PathElement::account(ends.deliver.issuer));
    }
    if norm.last().and_then(|e| e.account) != Some(ends.destination) {
        norm.push(PathElement::account(ends.destination));
    }
    norm
}

/// The raw steps of a normalised path, before any check.
fn raw_steps(ends: &Ends, norm: &[PathElement]) -> Result<Vec<Step>, Ter> {
    let mut steps = Vec::with_capacity(norm.len());
    let first_currency = norm
        .first()
        .and_then(|e| e.currency)
        .unwrap_or(Currency::XRP);
    let mut issue = if first_currency.is_xrp() {
        Issue::XRP
    } else {
        Issue::new(first_currency, ends.source)
    };
    let direct =
        |src: AccountId, dst: AccountId, currency: Currency| Step::Direct { src, dst, currency };
    for i in 0..norm.len().saturating_sub(1) {
        let mut cur = norm[i];
        let next = norm[i + 1];
        let last = i + 2 == norm.len();
        if let Some(account) = cur.account {
            issue.issuer = account;
        } else if let Some(issuer) = cur.issuer {
            issue.issuer = issuer;
        }
        if let Some(currency) = cur.currency {
            issue.currency = currency;
            if currency.is_xrp() {
                issue.issuer = AccountId::ZERO;
            }
        }
        match (cur.account, next.account) {
            (Some(here), Some(there)) => {
                // Between two holders, value ripples through the currency's issuer.
                if !issue.is_xrp() && issue.issuer != here && issue.issuer != there {
                    steps.push(direct(here, issue.issuer, issue.currency));
                    cur = PathElement::account(issue.issuer);
                }
            }
            (Some(here), None) => {
                // Into a book through the issuer of what is paid.
                if !issue.is_xrp() && issue.issuer != here {
                    steps.push(direct(here, issue.issuer, issue.currency));
                    cur = PathElement::account(issue.issuer);
                }
            }
            (None, Some(there)) => {
                // Out of a book: its output's issuer delivers to the next account.
                if issue.issuer != there {
                    if issue.is_xrp() {
                        // XRP out of a book can only go to the destination.
                        if !last {
                            return Err(Ter::temBAD_PATH);
                        }
                    } else {
                        steps.push(direct(issue.issuer, there, issue.currency));
                    }
                }
                continue;
            }
            (None, None) => {}
        }
        if next.is_account() {
            if next.currency.is_some_and(|c| c != issue.currency) {
                return Err(Ter::temBAD_PATH);
            }
            let (Some(here), Some(there)) = (cur.account, next.account) else {
                return Err(Ter::temBAD_PATH);
            };
            if issue.is_xrp() {
                // XRP moves between accounts only in an XRP-to-XRP payment, never in a path.
                return Err(Ter::temBAD_PATH);
            }
            steps.push(direct(here, there, issue.currency));
        } else {
            let currency = next.currency.unwrap_or(issue.currency);
            let issuer = if currency.is_xrp() {
                AccountId::ZERO
            } else {
                next.issuer.unwrap_or(issue.issuer)
            };
            if issue.is_xrp() && currency.is_xrp() {
                return Err(Ter::temBAD_PATH);
            }
            steps.push(Step::Book {
                input: issue,
                output: Issue::new(currency, issuer),
                via_xrp: false,
            });
        }
    }
    Ok(steps)
}

/// The loop rules: no account sends or receives the same issue twice, and no two books
/// deliver the same issue (one step could otherwise unfund another's offers).
#[derive(Default)]
struct Seen {
    direct_src: HashSet<Issue>,
    direct_dst: HashSet<Issue>,
    book_outs: HashSet<Issue>,
}

fn side_no_ripple(view: &ApplyView<'_>, a: &AccountId, b: &AccountId, cur: &Currency) -> bool {
    // `a`'s NoRipple flag on its line with `b`.
    trust_line::read(view, a, b, cur).is_some_and(|l| l.has(l.side(a).no_ripple))
}

fn check_direct(
    view: &ApplyView<'_>,
    steps: &[Step],
    i: usize,
    seen: &mut Seen,
) -> Result<(), Ter> {
    let Step::Direct { src, dst, currency } = steps[i] else {
        return Ok(());
    };
    // rippled's order of checks (DirectStepI::check), so the first failure is the same one.
    if src == dst {
        return Err(Ter::temBAD_PATH);
    }
    let sender = view.account(&src).ok_or(Ter::terNO_ACCOUNT)?;
    let prev = i.checked_sub(1).map(|p| steps[p]);
    // A lone issue or redemption is never frozen; otherwise the receiver's freeze (of this
    // line, or of everything it issues) stops the step.
    if steps.len() > 1 {
        let global = view
            .account(&dst)
            .is_some_and(|a| a.has_flag(lsf::GLOBAL_FREEZE));
        let frozen = trust_line::read(view, &src, &dst, &currency)
            .is_some_and(|line| line.has(line.side(&dst).freeze));
        if global || frozen {
            return Err(Ter::terNO_LINE);
        }
    }
    if let Some(Step::Direct { src: before, .. }) = prev {
        let incoming = trust_line::read(view, &before, &src, &currency);
        let outgoing = trust_line::read(view, &src, &dst, &currency);
        let (Some(incoming), Some(outgoing)) = (incoming, outgoing) else {
            return Err(Ter::terNO_LINE);
        };
        // An account that set NoRipple on both lines does not let value pass through it.
        if incoming.has(incoming.side(&src).no_ripple)
            && outgoing.has(outgoing.side(&src).no_ripple)
        {
            return Err(Ter::terNO_RIPPLE);
        }
    }
    let (src_issue, dst_issue) = (Issue::new(currency, src), Issue::new(currency, dst));
    if seen.book_outs.contains(&src_issue)
        && matches!(prev, Some(Step::Book { output, .. }) if output != src_issue)
    {
        return Err(Ter::temBAD_PATH_LOOP);
    }
    if !seen.direct_src.insert(src_issue) || !seen.direct_dst.insert(dst_issue) {
        return Err(Ter::temBAD_PATH_LOOP);
    }
    let line = trust_line::read(view, &src, &dst, &currency).ok_or(Ter::terNO_LINE)?;
    // An issuer that requires authorisation issues only on lines it authorised.
    if sender.has_flag(lsf::REQUIRE_AUTH)
        && !line.has(line.side(&src).auth)
        && line.balance.is_zero()
    {
        return Err(Ter::terNO_AUTH);
    }
    Ok(())
}

fn check_book(view: &ApplyView<'_>, steps: &[Step], i: usize, seen: &mut Seen) -> Result<(), Ter> {
    let Step::Book { input, output, .. } = steps[i] else {
        return Ok(());
    };
    if input == output {
        return Err(Ter::temBAD_PATH);
    }
    if !seen.book_outs.insert(output)
        || seen.direct_src.contains(&output)
        || seen.direct_dst.contains(&output)
    {
        return Err(Ter::temBAD_PATH_LOOP);
    }
    let issuer_gone = |issue: &Issue| !issue.is_xrp() && view.account(&issue.issuer).is_none();
    if issuer_gone(&input) || issuer_gone(&output) {
        return Err(Ter::tecNO_ISSUER);
    }
    // The issuer of what is paid into the book must let it ripple from the payer's line.
    if let Some(Step::Direct { src: payer, .. }) = i.checked_sub(1).map(|p| steps[p]) {
        let issuer = input.issuer;
        if trust_line::read(view, &payer, &issuer, &input.currency).is_none() {
            return Err(Ter::terNO_LINE);
        }
        if side_no_ripple(view, &issuer, &payer, &input.currency) {
            return Err(Ter::terNO_RIPPLE);
        }
    }
    Ok(())
}

/// Two books that meet in XRP become one bridged book step: the XRP between them is held by
/// no one in rippled, and here only passes through the sender for an instant.
fn bridge(steps: Vec<Step>) -> Vec<Step> {
    let mut out: Vec<Step> = Vec::with_capacity(steps.len());
    for step in steps {
        if let (
            Some(Step::Book {
                input,
                output: mid,
                via_xrp: false,
            }),
            Step::Book {
                input: mid_in,
                output,
                ..
            },
        ) = (out.last().copied(), step)
            && mid.is_xrp()
            && mid_in.is_xrp()
        {
            out.pop();
            out.push(Step::Book {
                input,
                output,
                via_xrp: true,
            });
            continue;
        }
        out.push(step);
    }
    out
}

/// The checked steps of one path (the default path when `path` is empty).
pub fn to_strand(
    view: &ApplyView<'_>,
    ends: &Ends,
    path: &[PathElement],
) -> Result<Vec<Step>, Ter> {
    if ends.source == AccountId::ZERO || ends.destination == AccountId::ZERO {
        return Err(Ter::temBAD_PATH);
    }
    let norm = normalise(ends, path);
    if norm.len() < 2 {
        return Err(Ter::temBAD_PATH);
    }
    let steps = raw_steps(ends, &norm)?;
    if steps.is_empty() {
        return Err(Ter::temBAD_PATH);
    }
    let mut seen = Seen::default();
    for i in 0..steps.len() {
        check_direct(view, &steps, i, &mut seen)?;
        check_book(view, &steps, i, &mut seen)?;
    }
    Ok(bridge(steps))
}

fn malformed(ter: Ter) -> bool {
    ter.class() == TerClass::Malformed
}

/// The strands of a payment: the default path unless `tfNoRippleDirect`, then each explicit
/// path (rippled's `toStrands`). A malformed path fails the payment; a path that cannot carry
/// value is left out, and when none is left the last reason is the answer.
pub fn to_strands(
    view: &ApplyView<'_>,
    ends: &Ends,
    paths: &[Vec<PathElement>],
    default_path: bool,
) -> Result<Vec<Vec<Step>>, Ter> {
    let mut strands: Vec<Vec<Step>> = Vec::with_capacity(paths.len() + 1);
    if default_path {
        match to_strand(view, ends, &[]) {
            Ok(strand) => strands.push(strand),
            Err(ter) if malformed(ter) || paths.is_empty() => return Err(ter),
            Err(_) => {}
        }
    } else if paths.is_empty() {
        return Err(Ter::temRIPPLE_EMPTY);
    }
    let mut last_failure = Ter::tecPATH_DRY;
    for path in paths {
        match to_strand(view, ends, path) {
            Ok(strand) => {
                if !strands.contains(&strand) {
                    strands.push(strand);
                }
            }
            Err(ter) if malformed(ter) => return Err(ter),
            Err(ter) => last_failure = ter,
        }
    }
    if strands.is_empty() {
        return Err(last_failure);
    }
    Ok(strands)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn account(n: u8) -> AccountId {
        AccountId::from_bytes([n; 20])
    }

    fn usd() -> Currency {
        Currency::from_code("USD").unwrap()
    }

    fn steps(ends: &Ends, path: &[PathElement]) -> Vec<Step> {
        bridge(raw_steps(ends, &normalise(ends, path)).unwrap())
    }

    fn direct(src: u8, dst: u8, currency: Currency) -> Step {
        Step::Direct {
            src: account(src),
            dst: account(dst),
            currency,
        }
    }

    #[test]
    fn between_two_holders_the_default_path_goes_through_the_issuer() {
        let (holder, gw, other) = (1, 2, 3);
        let ends = Ends {
            source: account(holder),
            destination: account(other),
            deliver: Issue::new(usd(), account(gw)),
            send_max: None,
        };
        assert_eq!(
            steps(&ends, &[]),
            vec![direct(holder, gw, usd()), direct(gw, other, usd())]
        );
        // The issuer paying its holder: one step.
        let issuing = Ends {
            source: account(gw),
            ..ends
        };
        assert_eq!(steps(&issuing, &[]), vec![direct(gw, other, usd())]);
    }

    #[test]
    fn an_xrp_path_element_bridges_two_books() {
        let eur = Currency::from_code("EUR").unwrap();
        let (alice, gw1, gw2, carol) = (1, 2, 3, 4);
        let ends = Ends {
            source: account(alice),
            destination: account(carol),
            deliver: Issue::new(eur, account(gw2)),
            send_max: Some(Issue::new(usd(), account(gw1))),
        };
        let xrp = PathElement {
            account: None,
            currency: Some(Currency::XRP),
            issuer: None,
        };
        assert_eq!(
            steps(&ends, &[xrp]),
            vec![
                direct(alice, gw1, usd()),
                Step::Book {
                    input: Issue::new(usd(), account(gw1)),
                    output: Issue::new(eur, account(gw2)),
                    via_xrp: true,
                },
                direct(gw2, carol, eur),
            ]
        );
    }

    #[test]
    fn a_book_then_an_account_inserts_the_books_issuer() {
        let (payer, gw, bob, carol) = (1, 2, 3, 4);
        let ends = Ends {
            source: account(payer),
            destination: account(carol),
            deliver: Issue::new(usd(), account(carol)),
            send_max: Some(Issue::XRP),
        };
        let book = PathElement {
            account: None,
            currency: Some(usd()),
            issuer: Some(account(gw)),
        };
        assert_eq!(
            steps(&ends, &[book, PathElement::account(account(bob))]),
            vec![
                Step::Book {
                    input: Issue::XRP,
                    output: Issue::new(usd(), account(gw)),
                    via_xrp: false,
                },
                direct(gw, bob, usd()),
                direct(bob, carol, usd()),
            ]
        );
    }
}
