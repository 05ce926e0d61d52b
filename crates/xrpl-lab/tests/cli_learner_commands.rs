//! `start`, `fund`, `send` and `verify` as a learner uses them: the real binary, a fresh home and
//! working directory, and the workspace's sandbox ledger, which persists between the commands.

use assert_cmd::Command;
use serde_json::Value;

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
            .env("NO_COLOR", "1");
        cmd
    }

    fn run(&self, args: &[&str]) -> (i32, String, String) {
        let out = self.xrpl_lab().args(args).output().unwrap();
        (
            out.status.code().unwrap_or(-1),
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    }
}

#[test]
fn fund_send_and_verify_a_payment_on_the_workspace_ledger() {
    let learner = Learner::new();
    let (code, _, err) = learner.run(&["wallet", "create"]);
    assert_eq!(code, 0, "{err}");
    let (code, out, err) = learner.run(&["fund", "--dry-run"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("Funded! Balance: 1000.000000 XRP"), "{out}");

    let generated = learner
        .xrpl_lab()
        .args(["keys", "generate"])
        .output()
        .unwrap();
    let friend: Value = serde_json::from_slice(&generated.stdout).unwrap();
    let friend = friend["address"].as_str().unwrap().to_string();
    let (code, out, err) = learner.run(&[
        "send",
        "--to",
        &friend,
        "--amount",
        "25",
        "--memo",
        "hello",
        "--dry-run",
    ]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("Payment sent!"), "{out}");
    let txid = out
        .lines()
        .find_map(|l| l.trim().strip_prefix("TXID: "))
        .unwrap()
        .to_string();

    let (code, out, _) = learner.run(&["verify", "--tx", &txid, "--dry-run"]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("Verification passed!"), "{out}");
    assert!(out.contains(&format!("To: {friend}")), "{out}");
    assert!(out.contains("Amount: 25000000 drops"), "{out}");
}

#[test]
fn bad_amounts_and_ids_are_usage_errors_that_send_nothing() {
    let learner = Learner::new();
    let to = "rHb9CJAWyB4rj91VRWn96DkukG4bwdtyTh";
    for amount in ["ten", "0", "-5", "1.0000001"] {
        let (code, _, err) = learner.run(&["send", "--to", to, "--amount", amount, "--dry-run"]);
        assert_eq!(code, 2, "{amount}: {err}");
    }
    let (code, _, _) = learner.run(&["verify", "--tx", "not-a-txid", "--dry-run"]);
    assert_eq!(code, 2);
    assert!(
        !learner.dir.path().join(".xrpl-lab/sandbox").exists(),
        "no ledger was touched"
    );
}

#[test]
fn fund_without_a_wallet_says_how_to_make_one() {
    let (code, out, _) = Learner::new().run(&["fund", "--dry-run"]);
    assert_eq!(code, 0);
    assert!(out.contains("wallet create"), "{out}");
}

#[test]
fn start_shows_progress_and_the_next_module_then_runs_it_when_asked() {
    let learner = Learner::new();
    let declined = learner
        .xrpl_lab()
        .args(["start", "--dry-run"])
        .write_stdin("n\n")
        .output()
        .unwrap();
    let out = String::from_utf8_lossy(&declined.stdout);
    assert!(declined.status.success(), "{out}");
    assert!(out.contains("◌ todo receipt_literacy"), "{out}");
    assert!(out.contains("Next up: Receipt Literacy"), "{out}");
    assert!(out.contains("xrpl-lab run receipt_literacy"), "{out}");

    let accepted = learner
        .xrpl_lab()
        .args(["start", "--dry-run"])
        .write_stdin("y\n")
        .output()
        .unwrap();
    let out = String::from_utf8_lossy(&accepted.stdout);
    assert!(accepted.status.success(), "{out}");
    assert!(out.contains("Module complete."), "{out}");
    let again = learner
        .xrpl_lab()
        .args(["start", "--dry-run"])
        .write_stdin("")
        .output()
        .unwrap();
    let out = String::from_utf8_lossy(&again.stdout);
    assert!(out.contains("✓ done receipt_literacy"), "{out}");
    assert!(out.contains("Bye!"), "{out}");
    // `list` now marks the completed module and the next one.
    let listed = learner
        .xrpl_lab()
        .args(["list", "--json"])
        .output()
        .unwrap();
    let items: Value = serde_json::from_slice(&listed.stdout).unwrap();
    let item = |id: &str| {
        items
            .as_array()
            .unwrap()
            .iter()
            .find(|m| m["id"] == id)
            .unwrap()
            .clone()
    };
    assert_eq!(item("receipt_literacy")["completed"], true, "{items}");
    assert_eq!(item("failure_literacy")["is_next"], true, "{items}");
}
