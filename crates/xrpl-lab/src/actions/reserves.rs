//! Account snapshots and what changed between two of them: where a learner's XRP "went".
//!
//! Every object an account owns (trust line, offer, escrow, NFT page…) raises its owner count,
//! and each owned object locks the owner reserve. A snapshot records balance, owner count and
//! Sequence; comparing two explains the change in those terms.

use serde_json::{Value, json};

use super::ActionCx;
use super::support::{arg, drops_to_xrp_text};
use crate::curriculum::module::Args;
use crate::lab_error::LabError;

/// What a snapshot records.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Snapshot {
    pub balance_drops: u64,
    pub owner_count: u64,
    pub sequence: u64,
}

impl Snapshot {
    fn to_json(self) -> Value {
        json!({
            "balance_drops": self.balance_drops,
            "owner_count": self.owner_count,
            "sequence": self.sequence,
        })
    }

    fn from_json(value: &Value) -> Option<Self> {
        Some(Self {
            balance_drops: value.get("balance_drops")?.as_u64()?,
            owner_count: value.get("owner_count")?.as_u64()?,
            sequence: value.get("sequence")?.as_u64()?,
        })
    }
}

/// Reads the learner's account root now.
pub async fn take_snapshot(cx: &ActionCx<'_>) -> Result<Snapshot, LabError> {
    let address = cx.learner_address()?;
    let root = cx
        .client
        .account_root(&address)
        .await
        .map_err(|e| e.to_lab_error())?
        .unwrap_or(Value::Null);
    let number = |key: &str| {
        root.get(key)
            .and_then(|v| {
                v.as_u64()
                    .or_else(|| v.as_str().and_then(|s| s.parse().ok()))
            })
            .unwrap_or(0)
    };
    Ok(Snapshot {
        balance_drops: number("Balance"),
        owner_count: number("OwnerCount"),
        sequence: number("Sequence"),
    })
}

/// `snapshot_account label=NAME`: records the account as `snapshot_NAME`.
pub async fn snapshot_account(args: &Args, cx: &mut ActionCx<'_>) -> Result<(), LabError> {
    let label = arg(args, "label", "snapshot");
    let snapshot = take_snapshot(cx).await?;
    let address = cx.learner_address()?;
    cx.say(format!(
        "  Snapshot '{label}' of {}…",
        &address[..address.len().min(16)]
    ));
    cx.say(format!(
        "  Balance: {} XRP ({} drops)",
        drops_to_xrp_text(snapshot.balance_drops),
        snapshot.balance_drops
    ));
    cx.say(format!("  Owner count: {}", snapshot.owner_count));
    cx.say(format!("  Sequence: {}", snapshot.sequence));
    cx.run
        .set_fact(&format!("snapshot_{label}"), snapshot.to_json());
    Ok(())
}

/// `verify_reserve_change before=A after=B`: explains the difference between two snapshots.
pub async fn verify_reserve_change(args: &Args, cx: &mut ActionCx<'_>) -> Result<(), LabError> {
    let before_label = arg(args, "before", "before");
    let after_label = arg(args, "after", "after");
    let (Some(before), Some(after)) = (
        cx.run
            .fact(&format!("snapshot_{before_label}"))
            .and_then(Snapshot::from_json),
        cx.run
            .fact(&format!("snapshot_{after_label}"))
            .and_then(Snapshot::from_json),
    ) else {
        cx.fail_check(format!(
            "Missing snapshot '{before_label}' or '{after_label}': run the snapshot steps first"
        ));
        return Ok(());
    };
    cx.run.last_verify.clear();
    let (lines, explanation) = compare_snapshots(before, after, after_label);
    for line in lines {
        cx.check(line);
    }
    cx.say(format!("  {explanation}"));
    Ok(())
}

/// The original's comparison wording: balance delta in XRP and drops, owner-count change.
pub fn compare_snapshots(before: Snapshot, after: Snapshot, label: &str) -> (Vec<String>, String) {
    let mut lines = Vec::new();
    let mut parts = Vec::new();
    let delta = i128::from(after.balance_drops) - i128::from(before.balance_drops);
    let abs = delta.unsigned_abs() as u64;
    match delta.signum() {
        -1 => {
            lines.push(format!(
                "Balance decreased by {} XRP ({abs} drops)",
                drops_to_xrp_text(abs)
            ));
            parts.push(format!(
                "balance decreased by {} XRP",
                drops_to_xrp_text(abs)
            ));
        }
        1 => {
            lines.push(format!(
                "Balance increased by {} XRP ({abs} drops)",
                drops_to_xrp_text(abs)
            ));
            parts.push(format!(
                "balance increased by {} XRP",
                drops_to_xrp_text(abs)
            ));
        }
        _ => lines.push("Balance unchanged".into()),
    }
    let (a, b) = (before.owner_count, after.owner_count);
    let owner_line = match b.cmp(&a) {
        std::cmp::Ordering::Greater => {
            let line = format!("Owner count increased: {a} -> {b} (+{})", b - a);
            parts.push(line.clone());
            line
        }
        std::cmp::Ordering::Less => {
            let line = format!("Owner count decreased: {a} -> {b} (-{})", a - b);
            parts.push(line.clone());
            line
        }
        std::cmp::Ordering::Equal => format!("Owner count unchanged: {b}"),
    };
    lines.push(owner_line);
    let explanation = if parts.is_empty() {
        format!("After {label}: no significant changes detected.")
    } else {
        format!("After {label}: {}.", parts.join("; "))
    };
    (lines, explanation)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comparison_explains_balance_and_owner_count() {
        let before = Snapshot {
            balance_drops: 100_000_000,
            owner_count: 0,
            sequence: 5,
        };
        let after = Snapshot {
            balance_drops: 99_999_988,
            owner_count: 1,
            sequence: 6,
        };
        let (lines, explanation) = compare_snapshots(before, after, "after_create");
        assert_eq!(lines[0], "Balance decreased by 0.000012 XRP (12 drops)");
        assert_eq!(lines[1], "Owner count increased: 0 -> 1 (+1)");
        assert_eq!(
            explanation,
            "After after_create: balance decreased by 0.000012 XRP; Owner count increased: 0 -> 1 (+1)."
        );
        let (lines, explanation) = compare_snapshots(after, after, "same");
        assert_eq!(lines, vec!["Balance unchanged", "Owner count unchanged: 1"]);
        assert_eq!(explanation, "After same: no significant changes detected.");
    }
}
