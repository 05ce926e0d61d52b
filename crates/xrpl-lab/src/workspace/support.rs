//! The support bundle: what a facilitator needs to help a stuck learner, and nothing secret.
//!
//! JSON (`support-bundle --json`, schema `xrpl-lab-support-bundle-v1`) or markdown (`feedback`):
//! the learner's status, the environment, the last transactions and the doctor's checks. It is
//! built only from [`LearnerStatus`] and transaction rows, which carry no seed by construction.

use serde::Serialize;
use serde_json::{Value, json};

use super::catalog::TRACKS;
use super::clock;
use super::state::LabState;
use super::status::LearnerStatus;

pub const SCHEMA: &str = "xrpl-lab-support-bundle-v1";

/// One doctor check, as the bundle carries it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DoctorCheck {
    pub name: String,
    pub passed: bool,
    pub detail: String,
    pub hint: String,
}

/// Where the bundle is generated from.
#[derive(Debug, Clone)]
pub struct BundleInput<'a> {
    pub learner: &'a LearnerStatus,
    pub state: &'a LabState,
    pub rpc_url: &'a str,
    pub faucet_url: &'a str,
    pub doctor_checks: &'a [DoctorCheck],
    pub now: f64,
}

/// The runtime description that fills the original's `python_version` slot.
fn runtime() -> String {
    format!("xrpl-lab {} (Rust build)", crate::VERSION)
}

fn platform() -> String {
    format!("{}-{}", std::env::consts::OS, std::env::consts::ARCH)
}

/// The bundle as JSON, keys in the original's order.
pub fn bundle_json(input: &BundleInput) -> Value {
    let recent: Vec<Value> = input.state.tx_index[input.state.tx_index.len().saturating_sub(10)..]
        .iter()
        .map(|t| {
            json!({
                "txid": t.txid,
                "module_id": t.module_id,
                "success": t.success,
                "network": t.network,
                "timestamp": clock::iso(t.timestamp),
            })
        })
        .collect();
    json!({
        "schema": SCHEMA,
        "version": crate::VERSION,
        "generated": clock::iso(input.now),
        "python_version": runtime(),
        "platform": platform(),
        "learner": input.learner,
        "network": input.learner.network,
        "rpc_url": input.rpc_url,
        "faucet_url": input.faucet_url,
        "recent_transactions": recent,
        "doctor_checks": input.doctor_checks,
    })
}

/// The bundle as markdown, for pasting into an issue or a chat.
pub fn bundle_markdown(input: &BundleInput) -> String {
    let l = input.learner;
    let mut out = Vec::new();
    out.push("## XRPL Lab Support Bundle".to_string());
    out.push(String::new());
    out.push("```".into());
    out.push(format!("xrpl-lab v{}", crate::VERSION));
    out.push(format!("{} on {}", runtime(), platform()));
    out.push(format!("Generated: {}", clock::iso(input.now)));
    out.push("```".into());
    out.push(String::new());
    out.push("### Curriculum Position".into());
    out.push(String::new());
    out.push(format!(
        "- Current module: {}",
        l.current_module.as_deref().unwrap_or("(all complete)")
    ));
    out.push(format!(
        "- Track / mode: {}",
        match (&l.current_track, &l.current_mode) {
            (Some(t), Some(m)) => format!("{t} / {m}"),
            _ => "n/a".into(),
        }
    ));
    out.push(format!(
        "- Progress: {}/{} modules",
        l.completed_count, l.total_modules
    ));
    out.push(String::new());
    if !l.blockers.is_empty() {
        out.push("### Blockers".into());
        out.push(String::new());
        out.extend(l.blockers.iter().map(|b| format!("- {b}")));
        out.push(String::new());
    }
    out.push("### Track Progress".into());
    out.push(String::new());
    for track in TRACKS {
        if let Some(tp) = l.track_progress.iter().find(|t| t.track == track) {
            if tp.is_complete {
                out.push(format!("- {track}: complete"));
            } else {
                out.push(format!("- {track}: {}/{}", tp.done, tp.total));
            }
        }
    }
    out.push(String::new());
    out.push("### Environment".into());
    out.push(String::new());
    out.push(format!("- Network: {}", l.network));
    out.push(format!("- RPC: {}", input.rpc_url));
    out.push(format!("- Faucet: {}", input.faucet_url));
    out.push(format!(
        "- Wallet: {}",
        l.wallet_address.as_deref().unwrap_or("not created")
    ));
    out.push(String::new());
    out.push("### Transactions".into());
    out.push(String::new());
    out.push(format!(
        "- Total: {} ({} ok, {} failed)",
        l.total_transactions,
        l.total_transactions - l.failed_transactions,
        l.failed_transactions
    ));
    let rows = &input.state.tx_index;
    for t in &rows[rows.len().saturating_sub(5)..] {
        let short: String = t.txid.chars().take(24).collect();
        out.push(format!(
            "  - [{}] {short}... ({})",
            if t.success { "ok" } else { "FAIL" },
            t.module_id
        ));
    }
    out.push(String::new());
    out.push("### Artifacts".into());
    out.push(String::new());
    out.push(format!("- Reports: {}", l.report_count));
    out.push(format!(
        "- Proof pack: {}",
        if l.has_proof_pack { "yes" } else { "no" }
    ));
    out.push(format!(
        "- Certificate: {}",
        if l.has_certificate { "yes" } else { "no" }
    ));
    out.push(String::new());
    out.push("### Doctor".into());
    out.push(String::new());
    for c in input.doctor_checks {
        out.push(format!(
            "- [{}] {}: {}",
            if c.passed { "PASS" } else { "FAIL" },
            c.name,
            c.detail
        ));
        if !c.passed && !c.hint.is_empty() {
            out.push(format!("  - Hint: {}", c.hint));
        }
    }
    out.push(String::new());
    out.push("---".into());
    out.push("No wallet seed or private key is included in this bundle.".into());
    out.push(String::new());
    out.join("\n")
}

/// Checks that a document is a well-formed support bundle; `Ok` carries the original's message.
pub fn verify_bundle(text: &str) -> Result<String, String> {
    let v: Value = serde_json::from_str(text).map_err(|e| format!("Invalid JSON: {e}"))?;
    let obj = v.as_object().ok_or("Expected a JSON object")?;
    let missing: Vec<&str> = ["schema", "version", "generated", "learner", "network"]
        .into_iter()
        .filter(|k| !obj.contains_key(*k))
        .collect();
    if !missing.is_empty() {
        return Err(format!("Missing required fields: {}", missing.join(", ")));
    }
    let schema = obj
        .get("schema")
        .and_then(Value::as_str)
        .unwrap_or_default();
    if schema != SCHEMA {
        let shown = match &obj["schema"] {
            Value::String(s) => s.clone(),
            other => other.to_string(),
        };
        return Err(format!("Unknown schema: {shown}"));
    }
    let learner = obj["learner"]
        .as_object()
        .ok_or("Learner field must be an object")?;
    let missing: Vec<&str> = ["version", "completed_count", "total_modules"]
        .into_iter()
        .filter(|k| !learner.contains_key(*k))
        .collect();
    if !missing.is_empty() {
        return Err(format!("Learner missing fields: {}", missing.join(", ")));
    }
    Ok("Support bundle is well-formed.".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verify_messages() {
        assert!(
            verify_bundle("nope")
                .unwrap_err()
                .starts_with("Invalid JSON: ")
        );
        assert_eq!(verify_bundle("[]").unwrap_err(), "Expected a JSON object");
        assert_eq!(
            verify_bundle(r#"{"schema":"x","version":"1"}"#).unwrap_err(),
            "Missing required fields: generated, learner, network"
        );
        assert_eq!(
            verify_bundle(
                r#"{"schema":"other","version":"1","generated":"","learner":{},"network":""}"#
            )
            .unwrap_err(),
            "Unknown schema: other"
        );
        assert_eq!(
            verify_bundle(&format!(r#"{{"schema":"{SCHEMA}","version":"1","generated":"","learner":{{"version":"1"}},"network":""}}"#))
                .unwrap_err(),
            "Learner missing fields: completed_count, total_modules"
        );
    }
}
