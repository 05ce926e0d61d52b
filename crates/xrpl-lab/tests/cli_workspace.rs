//! The learner-file commands end to end: the real binary, a fresh `XRPL_LAB_HOME` and working
//! directory per test, real files.

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::Value;

struct Lab {
    _tmp: tempfile::TempDir,
    home: PathBuf,
    work: PathBuf,
}

impl Lab {
    fn new() -> Self {
        let tmp = tempfile::tempdir().unwrap();
        let home = tmp.path().join("home");
        let work = tmp.path().join("work");
        fs::create_dir_all(&work).unwrap();
        Self {
            _tmp: tmp,
            home,
            work,
        }
    }

    fn cmd(&self, args: &[&str]) -> Command {
        let mut c = Command::cargo_bin("xrpl-lab").unwrap();
        c.args(args)
            .env("XRPL_LAB_HOME", &self.home)
            .env_remove("XRPL_LAB_RPC_URL")
            .env_remove("XRPL_LAB_FAUCET_URL")
            // `--live` and `audit` look transactions up on the public Testnet: route that
            // through a closed loopback port, so no test leaves this machine.
            .env("HTTPS_PROXY", "http://127.0.0.1:9")
            .env("HTTP_PROXY", "http://127.0.0.1:9")
            .env("NO_COLOR", "1")
            .current_dir(&self.work);
        c
    }

    /// Runs and returns (exit code, stdout, stderr).
    fn run(&self, args: &[&str]) -> (i32, String, String) {
        self.run_with_input(args, "")
    }

    fn run_with_input(&self, args: &[&str], input: &str) -> (i32, String, String) {
        let out = self.cmd(args).write_stdin(input).output().unwrap();
        (
            out.status.code().unwrap_or(-1),
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    }

    /// Puts the original's state fixture in place as this learner's state.
    fn with_original_state(&self) {
        fs::create_dir_all(&self.home).unwrap();
        fs::copy(
            PathBuf::from(env!("CARGO_MANIFEST_DIR"))
                .join("tests/fixtures/state/original_v2_2_0.json"),
            self.home.join("state.json"),
        )
        .unwrap();
    }

    fn ws(&self, rel: &str) -> PathBuf {
        self.work.join(".xrpl-lab").join(rel)
    }
}

fn json(text: &str) -> Value {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("{e}: {text}"))
}

#[test]
fn status_json_on_a_fresh_install() {
    let lab = Lab::new();
    let (code, out, _) = lab.run(&["status", "--json"]);
    assert_eq!(code, 0);
    let s = json(&out);
    assert_eq!(s["current_module"], "receipt_literacy");
    assert_eq!(s["completed_count"], 0);
    assert!(s["total_modules"].as_u64().unwrap() >= 20);
    assert!(s["blockers"][0].as_str().unwrap().contains("wallet"));
    assert_eq!(s["is_blocked"], true);
    assert_eq!(s["network"], "testnet");
    assert_eq!(s["track_progress"].as_array().unwrap().len(), 10);
    // Reading status creates nothing.
    assert!(!lab.home.exists());
    assert!(!lab.work.join(".xrpl-lab").exists());
}

#[test]
fn wallet_create_show_and_no_overwrite() {
    let lab = Lab::new();
    let (code, out, _) = lab.run(&["wallet", "show"]);
    assert_eq!(code, 0);
    assert!(out.contains("No wallet found. Run 'xrpl-lab wallet create' first."));

    let (code, out, _) = lab.run(&["wallet", "create"]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("Wallet created!"));
    assert!(out.contains("TESTNET use only"));
    let wallet = json(&fs::read_to_string(lab.home.join("wallet.json")).unwrap());
    let keys: Vec<&String> = wallet.as_object().unwrap().keys().collect();
    assert_eq!(keys, ["address", "seed", "public_key"]);
    let seed = wallet["seed"].as_str().unwrap().to_string();
    assert!(!out.contains(&seed), "create must not print the seed");

    let (_, out, _) = lab.run(&["wallet", "show"]);
    assert!(out.contains(wallet["address"].as_str().unwrap()));
    assert!(out.contains(wallet["public_key"].as_str().unwrap()));
    assert!(!out.contains(&seed));

    let (code, out, _) = lab.run(&["wallet", "create"]);
    assert_eq!(code, 0);
    assert!(out.contains("Wallet already exists at this location."));
    let again = json(&fs::read_to_string(lab.home.join("wallet.json")).unwrap());
    assert_eq!(again, wallet, "an existing wallet is never replaced");

    let state = json(&fs::read_to_string(lab.home.join("state.json")).unwrap());
    assert_eq!(state["wallet_address"], wallet["address"]);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = |p: &Path| fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&lab.home), 0o700);
        assert_eq!(mode(&lab.home.join("wallet.json")), 0o600);
        assert_eq!(mode(&lab.home.join("state.json")), 0o600);
    }
}

#[test]
fn proof_pack_with_nothing_completed_writes_nothing() {
    let lab = Lab::new();
    let (code, out, _) = lab.run(&["proof-pack"]);
    assert_eq!(code, 0);
    assert!(out.contains("No completed modules yet. Nothing to export."));
    assert!(out.contains("xrpl-lab start"));
    assert!(!lab.ws("proofs").exists());
    let (code, out, _) = lab.run(&["certificate"]);
    assert_eq!(code, 0);
    assert!(out.contains("Nothing to export."));
}

#[test]
fn proof_pack_exports_and_verifies_and_an_edit_fails() {
    let lab = Lab::new();
    lab.with_original_state();
    for args in [&["proof-pack"][..], &["proof", "generate"][..]] {
        let (code, out, err) = lab.run(args);
        assert_eq!(code, 0, "{err}");
        assert!(out.contains("Proof pack written: "), "{out}");
    }
    let pack_path = lab.ws("proofs/xrpl_lab_proof_pack.json");
    let file = pack_path.to_str().unwrap();
    let (code, out, _) = lab.run(&["proof", "verify", file]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("PASS — Proof pack integrity verified."));
    assert!(out.contains("Address: rHb9CJAWyB4rj91VRWn96DkukG4bwdtyTh"));
    assert!(out.contains("Modules: 3"));

    let (code, out, _) = lab.run(&["proof", "verify", file, "--json"]);
    assert_eq!(code, 0);
    let v = json(&out);
    assert_eq!(v["valid"], true);
    assert_eq!(v["address"], "rHb9CJAWyB4rj91VRWn96DkukG4bwdtyTh");
    assert_eq!(v["modules_completed"], 3);
    assert_eq!(v["message"], "Integrity verified");

    // A dry-run/testnet pack with --live: the hash passes; on-ledger lookups need the network.
    let (_, out, _) = lab.run(&["proof", "verify", file, "--json", "--live"]);
    let v = json(&out);
    assert_eq!(v["live"]["artifact_kind"], "proof_pack");
    assert!(v["live_passed"].is_boolean());

    let mut pack = json(&fs::read_to_string(&pack_path).unwrap());
    pack["total_transactions"] = Value::from(99);
    fs::write(&pack_path, serde_json::to_string_pretty(&pack).unwrap()).unwrap();
    let (code, out, _) = lab.run(&["proof", "verify", file]);
    assert_eq!(code, 1);
    assert!(out.contains("FAIL — Hash mismatch: expected "), "{out}");
    let (code, out, _) = lab.run(&["proof", "verify", file, "--json", "--live"]);
    assert_eq!(code, 1);
    let v = json(&out);
    assert_eq!(
        v["live"]["skipped"],
        "hash check failed — live check not attempted"
    );
    assert_eq!(v["live_passed"], false);

    fs::write(&pack_path, "{not json").unwrap();
    let (code, out, _) = lab.run(&["proof", "verify", file, "--json"]);
    assert_eq!(code, 1);
    let v = json(&out);
    assert_eq!(v["valid"], false);
    assert!(v["message"].as_str().unwrap().starts_with("Invalid JSON: "));

    fs::write(&pack_path, "[1, 2]").unwrap();
    let (code, out, _) = lab.run(&["proof", "verify", file]);
    assert_eq!(code, 1);
    assert!(out.contains("FAIL — Not a valid JSON object"));

    let (code, _, err) = lab.run(&["proof", "verify", "missing.json"]);
    assert_eq!(code, 2);
    assert!(err.contains("does not exist"));
}

#[test]
fn an_unwritable_workspace_is_a_clear_error() {
    let lab = Lab::new();
    lab.with_original_state();
    // A file where the workspace directory should be.
    fs::write(lab.work.join(".xrpl-lab"), "not a directory").unwrap();
    let (code, out, err) = lab.run(&["proof-pack"]);
    assert_eq!(code, 2, "{out}");
    assert!(err.contains("IO_WRITE_FAILED"), "{err}");
    assert!(err.contains("Could not create workspace"), "{err}");
    assert!(
        !err.contains(lab.work.to_str().unwrap()),
        "no path in: {err}"
    );
}

#[test]
fn certificate_exports_and_verifies() {
    let lab = Lab::new();
    lab.with_original_state();
    let (code, out, _) = lab.run(&["certificate"]);
    assert_eq!(code, 0);
    assert!(out.contains("Certificate written: "));
    let path = lab.ws("proofs/xrpl_lab_certificate.json");
    let cert = json(&fs::read_to_string(&path).unwrap());
    assert_eq!(
        cert["summary_line"],
        "Completed 3 modules with 3 transactions."
    );
    assert_eq!(
        cert["module_titles"]["receipt_literacy"],
        "Receipt Literacy"
    );
    let file = path.to_str().unwrap();
    let (code, out, _) = lab.run(&["cert-verify", file]);
    assert_eq!(code, 0);
    assert!(out.contains("PASS — Certificate integrity verified."));
    let (code, out, _) = lab.run(&["cert-verify", file, "--live", "--json"]);
    assert_eq!(code, 0, "{out}");
    let v = json(&out);
    assert_eq!(v["live"]["no_onledger_txids"], true);
    assert_eq!(v["modules_completed"], 3);

    let mut edited = cert.clone();
    edited["summary_line"] = Value::from("Completed 24 modules with 99 transactions.");
    fs::write(&path, edited.to_string()).unwrap();
    let (code, out, _) = lab.run(&["cert-verify", file]);
    assert_eq!(code, 1);
    assert!(out.contains("FAIL — Hash mismatch"));
}

#[test]
fn corrupt_state_is_reported_and_kept() {
    let lab = Lab::new();
    fs::create_dir_all(&lab.home).unwrap();
    fs::write(
        lab.home.join("state.json"),
        "{\"version\": \"2.2.0\", \"completed",
    )
    .unwrap();
    let (code, _, err) = lab.run(&["status"]);
    assert_eq!(code, 1);
    assert!(err.contains("STATE_CORRUPT"), "{err}");
    assert!(!err.contains(lab.home.to_str().unwrap()), "no path: {err}");
    assert_eq!(
        fs::read_to_string(lab.home.join("state.json")).unwrap(),
        "{\"version\": \"2.2.0\", \"completed"
    );
    let backups = fs::read_dir(&lab.home)
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .file_name()
                .to_string_lossy()
                .starts_with("state.json.corrupted.")
        })
        .count();
    assert_eq!(backups, 1);
    // Reset still works on a corrupt state (that is how a learner starts fresh).
    let (code, out, _) = lab.run(&["reset", "--yes"]);
    assert_eq!(code, 0);
    assert!(out.contains("State and workspace cleared."));
    assert!(!lab.home.join("state.json").exists());
}

#[test]
fn reset_confirmation_and_module_reset() {
    let lab = Lab::new();
    lab.run(&["wallet", "create"]);
    lab.with_original_state();
    lab.run(&["proof-pack"]);

    let (code, out, _) = lab.run_with_input(&["reset"], "reset\n");
    assert_eq!(code, 0);
    assert!(out.contains("Cancelled. (Must type exactly: RESET)"));
    assert!(lab.home.join("state.json").exists());
    let (code, out, _) = lab.run(&["reset"]);
    assert_eq!(code, 0);
    assert!(out.contains("Cancelled."));

    let (code, _, err) = lab.run(&["reset", "--module", "bogus", "--yes"]);
    assert_eq!(code, 2);
    assert!(err.contains("Unknown module ID: 'bogus'."));
    let (code, _, err) = lab.run(&["reset", "--module", "dex_literacy", "--yes"]);
    assert_eq!(code, 1);
    assert!(err.contains("not in completed_modules"), "{err}");
    let (code, out, _) = lab.run_with_input(
        &["reset", "--module", "failure-literacy"],
        "failure_literacy\n",
    );
    assert_eq!(code, 0, "{out}");
    assert!(out.contains(
        "Module 'failure_literacy' reset. Cleared 2 tx record(s); report removed: False."
    ));
    let (_, out, _) = lab.run(&["status", "--json"]);
    assert_eq!(json(&out)["completed_count"], 2);

    let (code, out, _) = lab.run_with_input(&["reset"], "RESET\n");
    assert_eq!(code, 0);
    assert!(out.contains("State and workspace cleared."));
    assert!(!lab.home.join("state.json").exists());
    assert!(!lab.work.join(".xrpl-lab").exists());
    assert!(lab.home.join("wallet.json").exists(), "the wallet is kept");
}

#[test]
fn support_bundle_is_well_formed_and_feedback_is_markdown() {
    let lab = Lab::new();
    lab.with_original_state();
    let (code, out, _) = lab.run(&["support-bundle", "--json"]);
    assert_eq!(code, 0);
    let b = json(&out);
    let keys: Vec<&String> = b.as_object().unwrap().keys().collect();
    assert_eq!(
        keys,
        [
            "schema",
            "version",
            "generated",
            "python_version",
            "platform",
            "learner",
            "network",
            "rpc_url",
            "faucet_url",
            "recent_transactions",
            "doctor_checks"
        ]
    );
    assert_eq!(b["recent_transactions"].as_array().unwrap().len(), 3);
    let bundle = lab.work.join("bundle.json");
    fs::write(&bundle, &out).unwrap();
    let (code, out, _) = lab.run(&["support-bundle", "--verify", bundle.to_str().unwrap()]);
    assert_eq!(code, 0);
    assert!(out.contains("PASS — Support bundle is well-formed."));
    fs::write(
        &bundle,
        r#"{"schema":"other","version":"1","generated":"","learner":{},"network":""}"#,
    )
    .unwrap();
    let (code, out, _) = lab.run(&["support-bundle", "--verify", bundle.to_str().unwrap()]);
    assert_eq!(code, 1);
    assert!(out.contains("FAIL — Unknown schema: other"));
    let (code, out, _) = lab.run(&[
        "support-bundle",
        "--verify",
        bundle.to_str().unwrap(),
        "--json",
    ]);
    assert_eq!(code, 1);
    assert_eq!(json(&out)["valid"], false);

    let (code, out, _) = lab.run(&["feedback"]);
    assert_eq!(code, 0);
    assert!(out.contains("XRPL Lab Support Bundle"));
    assert!(out.contains("### Doctor"));
    assert!(out.contains("Copy the block above into a GitHub issue or support message."));
}

#[test]
fn no_secret_reaches_any_output_or_artifact() {
    let lab = Lab::new();
    lab.run(&["wallet", "create"]);
    let wallet = json(&fs::read_to_string(lab.home.join("wallet.json")).unwrap());
    let seed = wallet["seed"].as_str().unwrap().to_string();
    // Give the learner some progress so every artifact has content.
    let mut state = json(&fs::read_to_string(lab.home.join("state.json")).unwrap());
    let original = json(
        &fs::read_to_string(
            PathBuf::from(env!("CARGO_MANIFEST_DIR"))
                .join("tests/fixtures/state/original_v2_2_0.json"),
        )
        .unwrap(),
    );
    state["completed_modules"] = original["completed_modules"].clone();
    state["tx_index"] = original["tx_index"].clone();
    fs::write(lab.home.join("state.json"), state.to_string()).unwrap();
    fs::create_dir_all(lab.ws("reports")).unwrap();

    let mut seen = String::new();
    for args in [
        &["status"][..],
        &["status", "--json"],
        &["wallet", "show"],
        &["recovery"],
        &["proof-pack"],
        &["certificate"],
        &["support-bundle"],
        &["support-bundle", "--json"],
        &["feedback"],
        &["last-run"],
        &["cohort-status", "--dir", ".", "--format", "json"],
    ] {
        let (_, out, err) = lab.run(args);
        seen.push_str(&out);
        seen.push_str(&err);
    }
    for entry in walk(&lab.work.join(".xrpl-lab")) {
        seen.push_str(&fs::read_to_string(entry).unwrap());
    }
    assert!(seen.contains(wallet["address"].as_str().unwrap()));
    assert!(!seen.contains(&seed), "the seed leaked");
    assert!(!seen.to_lowercase().contains("\"seed\""));
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    if let Ok(entries) = fs::read_dir(dir) {
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                out.extend(walk(&p));
            } else {
                out.push(p);
            }
        }
    }
    out
}

#[test]
fn cohort_status_lists_learners_and_warns_on_unreadable_state() {
    let lab = Lab::new();
    let cohort = lab.work.join("cohort");
    let fixture = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/state");
    for (who, file) in [
        ("alice", "older_partial_fields.json"),
        ("bob", ""),
        ("carol", "corrupt_truncated.json"),
    ] {
        let ws = cohort.join(who).join(".xrpl-lab");
        fs::create_dir_all(&ws).unwrap();
        let text = if file.is_empty() {
            "{}".to_string()
        } else {
            fs::read_to_string(fixture.join(file)).unwrap()
        };
        fs::write(ws.join("state.json"), text).unwrap();
    }
    fs::create_dir_all(cohort.join("not-a-learner")).unwrap();
    let dir = cohort.to_str().unwrap();
    let (code, out, _) = lab.run(&["cohort-status", "--dir", dir, "--format", "json"]);
    assert_eq!(code, 0);
    let v = json(&out);
    let ids: Vec<&str> = v["learners"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["learner_id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["alice", "bob"]);
    assert_eq!(v["learners"][0]["completed_count"], 1);
    assert_eq!(v["learners"][1]["completed_count"], 0);
    assert_eq!(v["warnings"][0]["learner_id"], "carol");
    assert_eq!(v["warnings"][0]["error"], "ValueError");

    let (code, out, err) = lab.run(&["cohort-status", "--dir", dir, "--format", "csv"]);
    assert_eq!(code, 0);
    assert!(out.starts_with("learner_id,wallet_address,network,completed_count,total_modules,current_module,blockers,last_activity\n"));
    assert!(!out.contains("carol"));
    assert!(err.contains("warning: carol: ValueError"));

    let (code, out, _) = lab.run(&["cohort-status", "--dir", dir]);
    assert_eq!(code, 0);
    assert!(out.contains("alice"));
    assert!(out.contains("1 learner(s) had unreadable state"));
}

#[test]
fn last_run_and_recovery() {
    let lab = Lab::new();
    let (_, out, _) = lab.run(&["last-run"]);
    assert!(out.contains("No last run found. Run a strategy module first."));
    fs::create_dir_all(lab.work.join(".xrpl-lab")).unwrap();
    fs::write(lab.ws("last_run_meta.json"), "garbage").unwrap();
    let (_, out, _) = lab.run(&["last-run"]);
    assert!(out.contains("Last run data is unreadable."));
    let ws = xrpl_lab::workspace::Workspace::new(lab.work.join(".xrpl-lab"));
    xrpl_lab::workspace::last_run::write(
        &ws,
        "dex_market_making_101",
        "strategy_mm101",
        &["A".into(), "B".into()],
        1735689600.0,
    )
    .unwrap();
    fs::create_dir_all(lab.work.join("presets")).unwrap();
    fs::write(lab.work.join("presets/strategy_mm101.json"), "{}").unwrap();
    let (_, out, _) = lab.run(&["last-run"]);
    assert!(out.contains("dex_market_making_101"));
    assert!(out.contains("TX count:  2"));
    assert!(out.contains(
        "xrpl-lab audit --txids .xrpl-lab/last_run_txids.txt --expect presets/strategy_mm101.json"
    ));

    let (_, out, _) = lab.run(&["recovery"]);
    assert!(out.contains("No wallet yet"));
    assert!(out.contains("xrpl-lab wallet create"));
    lab.run(&["wallet", "create"]);
    let (_, out, _) = lab.run(&["recovery"]);
    assert!(out.contains("No known blockers found."));
    assert!(out.contains("xrpl-lab status"));
}

#[test]
fn audit_writes_reports_and_a_verifiable_pack_and_exits_zero() {
    let lab = Lab::new();
    fs::write(lab.work.join("empty.txt"), "# nothing here\n\n").unwrap();
    let (code, out, _) = lab.run(&["audit", "--txids", "empty.txt"]);
    assert_eq!(code, 0);
    assert!(out.contains("No txids found in file."));

    fs::write(lab.work.join("txids.txt"), "# run 1\nAAAA\n\nBBBB\n").unwrap();
    fs::write(lab.work.join("bad.json"), "{oops").unwrap();
    let (code, _, err) = lab.run(&["audit", "--txids", "txids.txt", "--expect", "bad.json"]);
    assert_eq!(code, 1);
    assert!(err.contains("Invalid JSON in expectations file"), "{err}");

    let (code, out, err) = lab.run(&[
        "audit",
        "--txids",
        "txids.txt",
        "--dry-run",
        "--csv",
        "out/a.csv",
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("Checked: 2 transactions"));
    let reports: Vec<PathBuf> = walk(&lab.ws("reports"));
    assert_eq!(reports.len(), 1);
    let md = fs::read_to_string(&reports[0]).unwrap();
    assert!(md.contains("- **Endpoint**: none"));
    assert!(md.contains("| AAAA... | NOT_FOUND |"));
    assert!(lab.work.join("out/a.csv").is_file());
    let packs = walk(&lab.ws("proofs"));
    assert_eq!(packs.len(), 1);
    let pack = json(&fs::read_to_string(&packs[0]).unwrap());
    assert!(xrpl_lab::workspace::audit::verify_pack(&pack).valid);
    assert_eq!(pack["endpoint"], "none");

    let lab = Lab::new();
    fs::write(lab.work.join("txids.txt"), "AAAA\n").unwrap();
    let (code, _, _) = lab.run(&["audit", "--txids", "txids.txt", "--no-pack"]);
    assert_eq!(code, 0);
    assert!(walk(&lab.ws("proofs")).is_empty());
    let (code, _, err) = lab.run(&["audit", "--txids", "nope.txt"]);
    assert_eq!(code, 2);
    assert!(err.contains("does not exist"));
}

/// A cohort directory: alice with artifacts (and things that must never be exported), bob empty.
fn cohort_with_artifacts(lab: &Lab) -> PathBuf {
    let cohort = lab.work.join("room-7");
    let ws = cohort.join("alice/.xrpl-lab");
    for (rel, text) in [
        ("proofs/xrpl_lab_proof_pack.json", "{\"p\": 1}"),
        ("reports/receipt_literacy.md", "# Receipt Literacy\n"),
        ("audit_packs/nested/a.json", "{}"),
        ("certificates/c.json", "{\"c\": true}"),
        ("proofs/wallet.json", "{\"seed\": \"sSECRET\"}"),
        ("state.json", "{}"),
        ("doctor.log", "{}"),
    ] {
        let p = ws.join(rel);
        fs::create_dir_all(p.parent().unwrap()).unwrap();
        fs::write(p, text).unwrap();
    }
    #[cfg(unix)]
    std::os::unix::fs::symlink(
        lab.work.join("elsewhere-wallet.json"),
        ws.join("reports/linked.json"),
    )
    .unwrap();
    fs::write(
        lab.work.join("elsewhere-wallet.json"),
        "{\"seed\": \"sSECRET\"}",
    )
    .unwrap();
    fs::create_dir_all(cohort.join("bob/.xrpl-lab/reports")).unwrap();
    cohort
}

fn check_manifest(manifest: &Value, files: &std::collections::BTreeMap<String, Vec<u8>>) {
    use sha2::Digest;
    assert_eq!(manifest["manifest_version"], 1);
    assert_eq!(manifest["cohort_dir"], "room-7");
    assert_eq!(manifest["learners"], serde_json::json!(["alice"]));
    let listed: Vec<&str> = manifest["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap())
        .collect();
    assert_eq!(
        listed,
        [
            "alice/proofs/xrpl_lab_proof_pack.json",
            "alice/reports/receipt_literacy.md",
            "alice/audit_packs/nested/a.json",
            "alice/certificates/c.json"
        ]
    );
    for f in manifest["files"].as_array().unwrap() {
        let bytes = &files[f["path"].as_str().unwrap()];
        assert_eq!(f["size"], bytes.len());
        assert_eq!(f["sha256"], hex::encode(sha2::Sha256::digest(bytes)));
    }
    for (name, bytes) in files {
        assert!(
            !name.ends_with("wallet.json") && !name.ends_with("state.json"),
            "{name}"
        );
        assert!(
            !String::from_utf8_lossy(bytes).contains("sSECRET"),
            "{name}"
        );
    }
}

#[test]
fn session_export_archives_artifacts_only_with_a_true_manifest() {
    use std::io::Read;
    let lab = Lab::new();
    let cohort = cohort_with_artifacts(&lab);
    let dir = cohort.to_str().unwrap();

    let (code, out, err) = lab.run(&["session-export", "--dir", dir, "--outfile", "s.tar.gz"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("Exported 1 learner(s), 5 file(s), "), "{out}");
    let gz = flate2::read::GzDecoder::new(fs::File::open(lab.work.join("s.tar.gz")).unwrap());
    let mut archive = tar::Archive::new(gz);
    let mut files = std::collections::BTreeMap::new();
    let mut first = None;
    for entry in archive.entries().unwrap() {
        let mut entry = entry.unwrap();
        let name = entry.path().unwrap().to_string_lossy().into_owned();
        first.get_or_insert(name.clone());
        let mut bytes = Vec::new();
        entry.read_to_end(&mut bytes).unwrap();
        files.insert(name, bytes);
    }
    assert_eq!(first.as_deref(), Some("MANIFEST.json"));
    let manifest = json(&String::from_utf8(files.remove("MANIFEST.json").unwrap()).unwrap());
    check_manifest(&manifest, &files);

    let (code, _, err) = lab.run(&[
        "session-export",
        "--dir",
        dir,
        "--format",
        "zip",
        "--outfile",
        "s.zip",
    ]);
    assert_eq!(code, 0, "{err}");
    let mut zip = zip::ZipArchive::new(fs::File::open(lab.work.join("s.zip")).unwrap()).unwrap();
    assert_eq!(zip.by_index(0).unwrap().name(), "MANIFEST.json");
    let mut files = std::collections::BTreeMap::new();
    for i in 0..zip.len() {
        let mut f = zip.by_index(i).unwrap();
        let mut bytes = Vec::new();
        f.read_to_end(&mut bytes).unwrap();
        files.insert(f.name().to_string(), bytes);
    }
    let manifest = json(&String::from_utf8(files.remove("MANIFEST.json").unwrap()).unwrap());
    check_manifest(&manifest, &files);

    let empty = lab.work.join("empty-room");
    fs::create_dir_all(&empty).unwrap();
    let (code, out, _) = lab.run(&[
        "session-export",
        "--dir",
        empty.to_str().unwrap(),
        "--outfile",
        "e.tar.gz",
    ]);
    assert_eq!(code, 0);
    assert!(out.contains("No learner workspaces found under"));
    assert!(lab.work.join("e.tar.gz").is_file());
}
