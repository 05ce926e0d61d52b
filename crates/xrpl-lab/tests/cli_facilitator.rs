//! The facilitator's and auditor's commands end to end: `cohort-status`, `session-export`,
//! `audit`, `last-run` and `recovery`, through the real binary on real files.

mod cli_support;

use std::fs;
use std::path::PathBuf;

use cli_support::{Lab, json, walk};
use serde_json::Value;

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
