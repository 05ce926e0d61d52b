//! The doctor's checks of the learner's progress: the last failed transaction, and the state of
//! the last completed and in-flight modules, including *drift* (a completed module whose
//! prerequisites are no longer completed, or that the curriculum no longer has).

use super::Check;
use crate::workspace::{Home, LabState, ModuleInfo, catalog, clock};

fn load(home: &Home) -> Option<LabState> {
    let bytes = std::fs::read(home.state_path()).ok()?;
    LabState::from_json(&bytes).ok()
}

fn short(txid: &str, n: usize) -> String {
    if txid.chars().count() > n {
        format!("{}…", txid.chars().take(n).collect::<String>())
    } else {
        txid.to_string()
    }
}

/// Check 7, `Last error`: always passes; points at the most recent failed transaction, if any.
pub fn last_error_check(home: &Home) -> Check {
    const NAME: &str = "Last error";
    let last_failure = load(home).and_then(|s| {
        s.tx_index
            .iter()
            .filter(|t| !t.success)
            .max_by(|a, b| a.timestamp.total_cmp(&b.timestamp))
            .cloned()
    });
    match last_failure {
        None => Check::pass(NAME, "No failed transactions"),
        Some(tx) => {
            let mut check = Check::pass(
                NAME,
                format!(
                    "Last failure in '{}': tx {}",
                    tx.module_id,
                    short(&tx.txid, 24)
                ),
            );
            check.hint = "Look it up: put the txid in a file and run: xrpl-lab audit --txids FILE"
                .to_string();
            check
        }
    }
}

/// Check 8, `Last module state`: last completed, in flight, drift (drift fails).
pub fn last_module_state_check(home: &Home, modules: &[ModuleInfo]) -> Check {
    const NAME: &str = "Last module state";
    let Some(state) = load(home) else {
        return Check::pass(NAME, "No state yet (fresh install)");
    };
    let mut parts = Vec::new();
    match state
        .completed_modules
        .iter()
        .max_by(|a, b| a.completed_at.total_cmp(&b.completed_at))
    {
        Some(m) => parts.push(format!(
            "last completed: {} ({})",
            m.module_id,
            clock::utc_z(m.completed_at)
        )),
        None => parts.push("last completed: none".into()),
    }
    let in_flight = state
        .tx_index
        .iter()
        .filter(|t| !state.is_completed(&t.module_id))
        .max_by(|a, b| a.timestamp.total_cmp(&b.timestamp));
    match in_flight {
        Some(tx) => {
            let failed = state
                .tx_index
                .iter()
                .filter(|t| t.module_id == tx.module_id && !t.success)
                .max_by(|a, b| a.timestamp.total_cmp(&b.timestamp))
                .map_or("no failures".to_string(), |f| {
                    format!("last failed tx {}", short(&f.txid, 16))
                });
            parts.push(format!(
                "in-flight: {} (last txid {}, {failed})",
                tx.module_id,
                short(&tx.txid, 16)
            ));
        }
        None => parts.push("in-flight: none".into()),
    }
    let completed = state.completed_ids();
    let drift: Vec<String> = state
        .completed_modules
        .iter()
        .filter_map(|m| match catalog::find(modules, &m.module_id) {
            None => Some(format!("{} (not in catalog)", m.module_id)),
            Some(info) => {
                let missing: Vec<&str> = info
                    .requires
                    .iter()
                    .map(String::as_str)
                    .filter(|r| !completed.contains(r))
                    .collect();
                (!missing.is_empty())
                    .then(|| format!("{} (missing prereqs: {})", m.module_id, missing.join(",")))
            }
        })
        .collect();
    if drift.is_empty() {
        parts.push("drift: none".into());
        Check::pass(NAME, parts.join(" | "))
    } else {
        parts.push(format!("drift: {}", drift.join("; ")));
        Check::fail(
            NAME,
            parts.join(" | "),
            "Run: xrpl-lab status, then redo what is missing (xrpl-lab reset --module ID forgets a module)",
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::workspace::StateStore;

    fn module(id: &str, requires: &[&str]) -> ModuleInfo {
        ModuleInfo {
            id: id.into(),
            title: id.into(),
            track: "foundations".into(),
            mode: "testnet".into(),
            requires: requires.iter().map(|r| r.to_string()).collect(),
            kb_source: String::new(),
            order: 1,
        }
    }

    #[test]
    fn failures_in_flight_work_and_drift_are_reported() {
        let dir = tempfile::tempdir().unwrap();
        let home = Home::at(dir.path());
        let store = StateStore::new(home.clone());
        let failed = "F".repeat(64);
        store
            .update(|s| {
                s.record_tx(&"A".repeat(64), "first", "testnet", true, "", 100.0);
                s.mark_completed("first", vec!["A".repeat(64)], None, 101.0);
                s.mark_completed("second", vec![], None, 102.0);
                s.mark_completed("retired", vec![], None, 103.0);
                s.record_tx(&failed, "third", "testnet", false, "", 104.0);
            })
            .unwrap();
        let modules = [
            module("first", &[]),
            module("second", &["zero"]),
            module("third", &["first"]),
        ];

        let last_error = last_error_check(&home);
        assert!(last_error.passed);
        assert_eq!(
            last_error.detail,
            format!("Last failure in 'third': tx {}…", "F".repeat(24))
        );

        let state = last_module_state_check(&home, &modules);
        assert!(!state.passed);
        assert_eq!(
            state.detail,
            format!(
                "last completed: retired (1970-01-01T00:01:43Z) | in-flight: third (last txid {short}…, last failed tx {short}…) | drift: second (missing prereqs: zero); retired (not in catalog)",
                short = "F".repeat(16)
            )
        );
    }

    #[test]
    fn a_fresh_install_passes_both() {
        let dir = tempfile::tempdir().unwrap();
        let home = Home::at(dir.path());
        assert_eq!(last_error_check(&home).detail, "No failed transactions");
        let state = last_module_state_check(&home, &[]);
        assert!(state.passed);
        assert_eq!(state.detail, "No state yet (fresh install)");
    }
}
