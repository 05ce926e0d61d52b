//! `xrpl-lab run` as a learner uses it: the real binary, a fresh home and working directory.

use assert_cmd::Command;
use serde_json::Value;
use xrpl_lab::transport::sandbox::open_workspace_ledger;
use xrpl_lab::workspace::Workspace;

struct Learner {
    dir: tempfile::TempDir,
}

impl Learner {
    fn new() -> Self {
        Self {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    fn xrpl_lab(&self) -> Command {
        let mut cmd = Command::cargo_bin("xrpl-lab").unwrap();
        cmd.current_dir(self.dir.path())
            .env("XRPL_LAB_HOME", self.dir.path().join("home"))
            .env("NO_COLOR", "1")
            .env_remove("XRPL_LAB_RPC_URL");
        cmd
    }

    fn state(&self) -> Value {
        let text = std::fs::read_to_string(self.dir.path().join("home/state.json")).unwrap();
        serde_json::from_str(&text).unwrap()
    }
}

#[test]
fn a_dry_run_completes_writes_its_report_and_records_the_completion() {
    let learner = Learner::new();
    let out = learner
        .xrpl_lab()
        .args(["run", "trust-lines-101", "--dry-run", "--yes"])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(stdout.contains("Module complete."), "{stdout}");
    assert!(
        !stdout.contains('\u{1b}'),
        "NO_COLOR and a pipe give plain text"
    );
    let report = learner
        .dir
        .path()
        .join(".xrpl-lab/reports/trust_lines_101.md");
    assert!(report.exists());
    let state = learner.state();
    let completed = state["completed_modules"].as_array().unwrap();
    assert!(
        completed
            .iter()
            .any(|m| m["module_id"] == "trust_lines_101")
    );
}

#[test]
fn consecutive_runs_share_the_workspace_ledger() {
    let learner = Learner::new();
    let first = learner
        .xrpl_lab()
        .args(["run", "receipt_literacy", "--dry-run", "--yes"])
        .output()
        .unwrap();
    assert!(first.status.success());
    assert!(String::from_utf8_lossy(&first.stdout).contains("Requesting funds"));
    // A new process: the wallet exists and, because the ledger persisted, is still funded.
    let second = learner
        .xrpl_lab()
        .args(["run", "receipt_literacy", "--dry-run", "--yes"])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&second.stdout);
    assert!(second.status.success(), "{stdout}");
    assert!(stdout.contains("Wallet loaded"), "{stdout}");
    assert!(!stdout.contains("Requesting funds"), "{stdout}");
}

#[test]
fn a_second_process_on_the_same_workspace_ledger_is_refused_clearly() {
    let learner = Learner::new();
    let held =
        open_workspace_ledger(&Workspace::new(learner.dir.path().join(".xrpl-lab"))).unwrap();
    let out = learner
        .xrpl_lab()
        .args(["run", "receipt_literacy", "--dry-run", "--yes"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("in use by another xrpl-lab process"),
        "{stderr}"
    );
    drop(held);
}

#[test]
fn an_unknown_module_suggests_the_closest_and_fails() {
    let learner = Learner::new();
    let out = learner
        .xrpl_lab()
        .args(["run", "trust_line_101", "--dry-run", "--yes"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("trust_lines_101"), "{stderr}");
    assert!(
        !learner.dir.path().join("home/state.json").exists(),
        "nothing written"
    );
}

#[test]
fn a_missing_module_argument_is_a_usage_error() {
    let out = Learner::new().xrpl_lab().arg("run").output().unwrap();
    assert_eq!(out.status.code(), Some(2));
}
