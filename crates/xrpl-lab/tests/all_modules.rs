//! The whole curriculum offline: every bundled module run by the real binary with `--dry-run
//! --yes`, one learner (one home, one working directory, so one workspace ledger), in canonical
//! order so each module's prerequisites come before it and the capstone comes last.

use assert_cmd::Command;
use serde_json::Value;
use xrpl_lab::curriculum::Catalog;

#[test]
fn all_bundled_modules_complete_in_canonical_order_on_the_sandbox() {
    let catalog = Catalog::load(&[]).unwrap();
    let order: Vec<String> = catalog
        .canonical_order()
        .iter()
        .map(|m| m.id.clone())
        .collect();
    assert_eq!(order.len(), 24, "{order:?}");
    assert_eq!(order.last().unwrap(), "game_economy_capstone");

    let dir = tempfile::tempdir().unwrap();
    let home = dir.path().join("home");
    for id in &order {
        let out = Command::cargo_bin("xrpl-lab")
            .unwrap()
            .current_dir(dir.path())
            .env("XRPL_LAB_HOME", &home)
            .env("NO_COLOR", "1")
            .env_remove("XRPL_LAB_RPC_URL")
            .args(["run", id, "--dry-run", "--yes"])
            .output()
            .unwrap();
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(
            out.status.success(),
            "{id} exited {:?}\n{stdout}\n{}",
            out.status.code(),
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(stdout.contains("Module complete."), "{id}\n{stdout}");
        let report = dir.path().join(format!(".xrpl-lab/reports/{id}.md"));
        let text = std::fs::read_to_string(&report)
            .unwrap_or_else(|e| panic!("{id}: no report at {}: {e}", report.display()));
        assert!(!text.trim().is_empty(), "{id}: empty report");
    }

    let state: Value =
        serde_json::from_str(&std::fs::read_to_string(home.join("state.json")).unwrap()).unwrap();
    let completed: Vec<&str> = state["completed_modules"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|m| m["module_id"].as_str())
        .collect();
    for id in &order {
        assert!(
            completed.contains(&id.as_str()),
            "{id} not completed: {completed:?}"
        );
    }
    assert_eq!(completed.len(), 24, "{completed:?}");
}
