//! The learner-file commands end to end: the real binary, a fresh `XRPL_LAB_HOME` and working
//! directory per test, real files — status, wallet, proof packs, certificates, reset, support
//! bundles, and no secret in any output. The facilitator's commands are in `cli_facilitator.rs`.

mod cli_support;

use std::fs;
use std::path::{Path, PathBuf};

use cli_support::{Lab, json, walk};
use serde_json::Value;

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
