//! A strategy's position and its guardrails: what the account holds and owes in reserve, what
//! it can safely quote, and whether it ended clean.
//!
//! A position is the XRP balance, the owner count, the open offers and the trust lines, all read
//! from the ledger. Spendable XRP is the balance minus the reserve, with the base and owner
//! reserves read from the ledger's own `server_info` (they are network settings, not constants).
//! The hygiene summary closes a run and writes its txids for `xrpl-lab audit`.

use std::str::FromStr;

use serde_json::{Value, json};
use xrpl_proto::amount::{Drops, IouValue};

use super::ActionCx;
use super::dex::account_offers;
use super::reserves::{Snapshot, compare_snapshots};
use super::strategy::{CANCELLED, Quote, Side, place_quote};
use super::support::{arg, drops_to_xrp_text, find_line, text, trust_lines};
use crate::curriculum::module::Args;
use crate::lab_error::LabError;
use crate::transport::LedgerClient;

/// What a position snapshot records.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Position {
    pub xrp_balance: u64,
    pub owner_count: u64,
    pub offer_count: u64,
    pub trust_lines: u64,
}

impl Position {
    fn to_json(self) -> Value {
        json!({
            "xrp_balance": self.xrp_balance,
            "owner_count": self.owner_count,
            "offer_count": self.offer_count,
            "trust_lines": self.trust_lines,
        })
    }

    fn from_json(value: &Value) -> Option<Self> {
        let n = |k: &str| value.get(k).and_then(Value::as_u64);
        Some(Self {
            xrp_balance: n("xrp_balance")?,
            owner_count: n("owner_count")?,
            offer_count: n("offer_count")?,
            trust_lines: n("trust_lines").unwrap_or(0),
        })
    }
}

/// Reads the learner's position from the validated ledger.
async fn read_position(cx: &ActionCx<'_>) -> Result<Position, LabError> {
    let address = cx.learner_address()?;
    let root = cx
        .client
        .account_root(&address)
        .await
        .map_err(|e| e.to_lab_error())?
        .unwrap_or(Value::Null);
    let number = |key: &str| {
        root.get(key)
            .and_then(|v| v.as_u64().or_else(|| v.as_str()?.parse().ok()))
            .unwrap_or(0)
    };
    Ok(Position {
        xrp_balance: number("Balance"),
        owner_count: number("OwnerCount"),
        offer_count: account_offers(cx, &address).await?.len() as u64,
        trust_lines: trust_lines(&cx.client, &address).await.len() as u64,
    })
}

fn say_position(cx: &ActionCx<'_>, position: Position) {
    cx.say(format!(
        "  XRP balance: {} XRP ({} drops)",
        drops_to_xrp_text(position.xrp_balance),
        position.xrp_balance
    ));
    cx.say(format!("  Owner count: {}", position.owner_count));
    cx.say(format!("  Open offers: {}", position.offer_count));
    cx.say(format!("  Trust lines: {}", position.trust_lines));
}

/// `snapshot_position label=NAME`: records the position as `position_NAME`.
pub async fn snapshot_position(args: &Args, cx: &mut ActionCx<'_>) -> Result<(), LabError> {
    let label = arg(args, "label", "snapshot");
    let position = read_position(cx).await?;
    cx.say(format!("  Position '{label}':"));
    say_position(cx, position);
    cx.run
        .set_fact(&format!("position_{label}"), position.to_json());
    Ok(())
}

/// `verify_position_delta before=A after=B`: what changed between two positions.
pub async fn verify_position_delta(args: &Args, cx: &mut ActionCx<'_>) -> Result<(), LabError> {
    let before_label = arg(args, "before", "before");
    let after_label = arg(args, "after", "after");
    let (Some(before), Some(after)) = (
        position_fact(cx, before_label),
        position_fact(cx, after_label),
    ) else {
        cx.fail_check(format!(
            "Missing position '{before_label}' or '{after_label}': run the snapshot steps first"
        ));
        return Ok(());
    };
    cx.run.last_verify.clear();
    let (lines, explanation) = compare_positions(before, after, after_label);
    for line in lines {
        cx.check(line);
    }
    cx.say(format!("  {explanation}"));
    Ok(())
}

/// Balance and owner-count lines as account snapshots word them, plus open offers.
pub fn compare_positions(before: Position, after: Position, label: &str) -> (Vec<String>, String) {
    let snapshot = |p: Position| Snapshot {
        balance_drops: p.xrp_balance,
        owner_count: p.owner_count,
        sequence: 0,
    };
    let (mut lines, _) = compare_snapshots(snapshot(before), snapshot(after), label);
    let (a, b) = (before.offer_count, after.offer_count);
    lines.push(match b.cmp(&a) {
        std::cmp::Ordering::Greater => format!("Open offers increased: +{}", b - a),
        std::cmp::Ordering::Less => format!("Open offers decreased: -{}", a - b),
        std::cmp::Ordering::Equal => format!("Open offers unchanged: {b}"),
    });
    let mut parts = Vec::new();
    let (a, b) = (before.owner_count, after.owner_count);
    if b > a {
        parts.push(format!("owner count +{}", b - a));
    } else if b < a {
        parts.push(format!("owner count -{}", a - b));
    }
    let explanation = if parts.is_empty() {
        format!("After {label}: no significant changes.")
    } else {
        format!("After {label}: {}.", parts.join("; "))
    };
    (lines, explanation)
}

fn position_fact(cx: &ActionCx<'_>, label: &str) -> Option<Position> {
    cx.run
        .fact(&format!("position_{label}"))
        .and_then(Position::from_json)
}

/// The network's reserves in drops (base, per owned object), from `server_info`.
pub async fn reserves(client: &LedgerClient<'_>) -> Result<(u64, u64), LabError> {
    let info = client
        .transport()
        .call("server_info", json!({}))
        .await
        .map_err(|e| e.to_lab_error())?;
    let xrp_field = |key: &str| {
        let value = info.pointer(&format!("/info/validated_ledger/{key}"))?;
        // rippled prints these as JSON numbers of XRP (1, 0.2): read their text exactly.
        Drops::from_xrp_str(&value.to_string())
            .ok()
            .map(|d| d.get().unsigned_abs())
    };
    match (xrp_field("reserve_base_xrp"), xrp_field("reserve_inc_xrp")) {
        (Some(base), Some(inc)) => Ok((base, inc)),
        _ => Err(LabError::new(
            "RUNTIME_NETWORK",
            "The ledger did not report its reserve settings.",
            "Check that XRPL_LAB_RPC_URL points at a rippled JSON-RPC port.",
        )),
    }
}

/// Spendable XRP: the balance above the base reserve and the owner reserve of every object.
pub fn spendable_drops(balance: u64, owner_count: u64, base: u64, per_object: u64) -> u64 {
    balance.saturating_sub(base.saturating_add(owner_count.saturating_mul(per_object)))
}

/// `check_inventory currency=LAB min_xrp_drops=20000000 min_token=10`.
pub async fn check_inventory(args: &Args, cx: &mut ActionCx<'_>) -> Result<(), LabError> {
    cx.run.last_verify.clear();
    let currency = arg(args, "currency", "LAB");
    let min_xrp: u64 = arg(args, "min_xrp_drops", "20000000")
        .parse()
        .map_err(|_| invalid_arg("min_xrp_drops", "a whole number of drops, e.g. 20000000"))?;
    let min_token = IouValue::from_str(arg(args, "min_token", "10"))
        .map_err(|_| invalid_arg("min_token", "a decimal number, e.g. 10"))?;
    let position = read_position(cx).await?;
    let (base, per_object) = reserves(&cx.client).await?;
    let spendable = spendable_drops(position.xrp_balance, position.owner_count, base, per_object);
    let learner = cx.learner_address()?;
    let issuer = cx.run.issuer.as_ref().map(|w| w.address.clone());
    let token = match find_line(&cx.client, &learner, currency, issuer.as_deref()).await {
        Some(line) => IouValue::from_str(text(&line, "balance")).unwrap_or(IouValue::ZERO),
        None => IouValue::ZERO,
    };
    let bid_allowed = spendable >= min_xrp;
    let ask_allowed = token >= min_token;
    let verdict = |ok: bool| if ok { "OK" } else { "BLOCKED" };
    cx.say(format!(
        "  Reserve: {} XRP base + {} × {} XRP per object = {} XRP",
        drops_to_xrp_text(base),
        position.owner_count,
        drops_to_xrp_text(per_object),
        drops_to_xrp_text(base + position.owner_count * per_object)
    ));
    cx.check(format!(
        "Bid side: spendable {} XRP vs minimum {} XRP — {}",
        drops_to_xrp_text(spendable),
        drops_to_xrp_text(min_xrp),
        verdict(bid_allowed)
    ));
    cx.check(format!(
        "Ask side: {token} {currency} vs minimum {min_token} {currency} — {}",
        verdict(ask_allowed)
    ));
    cx.run.set_fact(
        "inventory_check",
        json!({
            "bid_allowed": bid_allowed,
            "ask_allowed": ask_allowed,
            "spendable_drops": spendable,
            "token_balance": token.to_string(),
        }),
    );
    // The fresh snapshot is the baseline the cleanup is judged against.
    cx.run.set_fact("position_baseline", position.to_json());
    Ok(())
}

/// `place_safe_sides`: quotes only the sides the inventory check allowed.
pub async fn place_safe_sides(args: &Args, cx: &mut ActionCx<'_>) -> Result<(), LabError> {
    let Some(check) = cx.run.fact("inventory_check").cloned() else {
        cx.say("  No inventory check in this run: run check_inventory first.");
        return Ok(());
    };
    let allowed = |side: &str| check.get(side).and_then(Value::as_bool) == Some(true);
    let token = arg(args, "pays_currency", "LAB");
    let counter = arg(args, "gets_currency", "XRP");
    let quotes = [
        (
            allowed("bid_allowed"),
            Quote {
                side: Side::Bid,
                token,
                size: arg(args, "bid_value", "10"),
                counter,
                price_total: arg(args, "bid_price", "1"),
                memo_action: "SAFE_BID",
            },
            "Bid skipped (XRP too low)",
        ),
        (
            allowed("ask_allowed"),
            Quote {
                side: Side::Ask,
                token,
                size: arg(args, "ask_value", "10"),
                counter,
                price_total: arg(args, "ask_price", "2"),
                memo_action: "SAFE_ASK",
            },
            "Ask skipped (token too low)",
        ),
    ];
    let mut allowed_count = 0;
    let mut placed = 0;
    for (ok, quote, skipped) in &quotes {
        if !ok {
            cx.say(format!("  {skipped}"));
            continue;
        }
        allowed_count += 1;
        if place_quote(cx, quote).await? {
            placed += 1;
        }
    }
    cx.say(format!(
        "  {placed} offer(s) placed out of {allowed_count} allowed"
    ));
    Ok(())
}

/// `hygiene_summary`: open offers and owner count against the baseline; writes the run's txids
/// to the last-run files for `xrpl-lab audit`.
pub async fn hygiene_summary(cx: &mut ActionCx<'_>) -> Result<(), LabError> {
    cx.run.last_verify.clear();
    let (Some(baseline), Some(final_position)) =
        (position_fact(cx, "baseline"), position_fact(cx, "final"))
    else {
        cx.fail_check("Missing the 'baseline' or 'final' position: run the snapshot steps first");
        return Ok(());
    };
    let cancelled = cx.run.fact(CANCELLED).and_then(Value::as_u64).unwrap_or(0);
    let summary = summarize(baseline, final_position, cancelled);
    cx.say("  Hygiene Summary");
    for (passed, line) in &summary.lines {
        if *passed {
            cx.check(line.clone());
        } else {
            cx.fail_check(line.clone());
        }
    }
    cx.say(if summary.clean {
        "  Clean run: nothing left on the book, reserve back at baseline."
    } else {
        "  Not clean yet: see the lines above."
    });
    if !cx.run.txids.is_empty() {
        let preset = last_run_preset(&cx.run.module_id);
        let now = crate::workspace::clock::now_ts();
        let (ws, module_id, txids) = (
            cx.files.workspace.clone(),
            cx.run.module_id.clone(),
            cx.run.txids.clone(),
        );
        crate::blocking::on_blocking_pool(move || {
            crate::workspace::last_run::write(&ws, &module_id, &preset, &txids, now)
        })
        .await?
        .map_err(|e| e.to_lab_error())?;
        cx.say(format!(
            "  {} txid(s) written to {}",
            cx.run.txids.len(),
            cx.files.workspace.last_run_txids_path().display()
        ));
        cx.say("  Audit them with: xrpl-lab audit --txids .xrpl-lab/last_run_txids.txt");
    }
    Ok(())
}

/// The verdict of a cleanup.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hygiene {
    /// Each line, and whether it is good news.
    pub lines: Vec<(bool, String)>,
    pub clean: bool,
}

/// Judges a final position against the baseline.
pub fn summarize(baseline: Position, final_position: Position, cancelled: u64) -> Hygiene {
    let mut lines = Vec::new();
    let open = final_position.offer_count;
    lines.push(if open == 0 {
        (true, "No open offers remaining".to_string())
    } else {
        (false, format!("Warning: {open} offers still open"))
    });
    let delta = i128::from(final_position.owner_count) - i128::from(baseline.owner_count);
    lines.push(match delta {
        0 => (true, "Owner count returned to baseline".to_string()),
        d if d > 0 => (
            false,
            format!("Owner count +{d} vs baseline (trust lines or positions still active)"),
        ),
        d => (true, format!("Owner count {d} vs baseline")),
    });
    if cancelled > 0 {
        lines.push((
            true,
            format!("Offers cancelled during cleanup: {cancelled}"),
        ));
    }
    Hygiene {
        lines,
        clean: open == 0 && delta <= 0,
    }
}

/// The audit preset a strategy module's last run points at.
pub fn last_run_preset(module_id: &str) -> String {
    match module_id {
        "dex_market_making_101" => "strategy_mm101".into(),
        "dex_inventory_guardrails" => "strategy_inv".into(),
        "dex_vs_amm_risk_literacy" => "strategy_compare".into(),
        other => format!("strategy_{}", other.chars().take(20).collect::<String>()),
    }
}

fn invalid_arg(key: &str, expected: &str) -> LabError {
    LabError::new(
        "INPUT_INVALID_ARG",
        format!("'{key}' must be {expected}."),
        "Fix the check_inventory directive in the module file.",
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn position(owner_count: u64, offer_count: u64) -> Position {
        Position {
            xrp_balance: 100_000_000,
            owner_count,
            offer_count,
            trust_lines: 1,
        }
    }

    #[test]
    fn spendable_is_the_balance_above_base_and_owner_reserves() {
        assert_eq!(
            spendable_drops(25_000_000, 3, 1_000_000, 200_000),
            23_400_000
        );
        assert_eq!(spendable_drops(1_000_000, 1, 1_000_000, 200_000), 0);
    }

    #[test]
    fn positions_compare_by_owner_count_and_offers() {
        let (lines, explanation) = compare_positions(position(1, 0), position(3, 2), "after");
        assert!(lines.contains(&"Owner count increased: 1 -> 3 (+2)".to_string()));
        assert!(lines.contains(&"Open offers increased: +2".to_string()));
        assert_eq!(explanation, "After after: owner count +2.");
        let (_, explanation) = compare_positions(position(1, 0), position(1, 0), "final");
        assert_eq!(explanation, "After final: no significant changes.");
    }

    #[test]
    fn a_run_is_clean_only_with_no_offers_and_no_extra_objects() {
        let clean = summarize(position(1, 0), position(1, 0), 2);
        assert!(clean.clean);
        assert_eq!(
            clean.lines.last().unwrap().1,
            "Offers cancelled during cleanup: 2"
        );
        let dirty = summarize(position(1, 0), position(2, 1), 0);
        assert!(!dirty.clean);
        assert_eq!(dirty.lines[0].1, "Warning: 1 offers still open");
    }

    #[test]
    fn presets_name_the_three_strategy_modules() {
        assert_eq!(last_run_preset("dex_market_making_101"), "strategy_mm101");
        assert_eq!(
            last_run_preset("a_very_long_module_identifier"),
            "strategy_a_very_long_module_i"
        );
    }
}
