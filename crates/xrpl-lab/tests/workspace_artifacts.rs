//! Proof packs, certificates and audit packs verify across tools: artifacts sealed by the
//! original's algorithm (Python `json`, fixtures under `fixtures/artifacts/`) verify here, ours
//! match the bytes the original's algorithm accepts, and any edit fails with the original's words.

use std::fs;
use std::path::PathBuf;

use serde_json::{Value, json};
use xrpl_lab::workspace::audit::{self, AuditReport, AuditTx, Expectations};
use xrpl_lab::workspace::canonical_json::{canonical, sha256_hex};
use xrpl_lab::workspace::{
    ArtifactKind, Home, ModuleInfo, StateStore, Workspace, certificate, integrity, proof_pack,
    verify_artifact, verify_artifact_text,
};

fn fixture(rel: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(rel)
}

fn read_json(rel: &str) -> Value {
    serde_json::from_str(&fs::read_to_string(fixture(rel)).unwrap()).unwrap()
}

fn modules() -> Vec<ModuleInfo> {
    let m = |id: &str, title: &str, order: i64, requires: &[&str], kb: &str| ModuleInfo {
        id: id.into(),
        title: title.into(),
        track: "foundations".into(),
        mode: "testnet".into(),
        requires: requires.iter().map(|r| r.to_string()).collect(),
        kb_source: kb.into(),
        order,
    };
    vec![
        m("receipt_literacy", "Receipt Literacy", 1, &[], ""),
        m(
            "failure_literacy",
            "Failure Literacy",
            2,
            &["receipt_literacy"],
            "failure-kb",
        ),
        m("trust_lines_101", "Trust Lines 101", 3, &[], ""),
    ]
}

/// A state loaded from the original's state.json fixture, through the real store.
fn original_state() -> xrpl_lab::workspace::LabState {
    let tmp = tempfile::tempdir().unwrap();
    let home = Home::at(tmp.path());
    fs::copy(fixture("state/original_v2_2_0.json"), home.state_path()).unwrap();
    StateStore::new(home).load().unwrap()
}

#[test]
fn reference_vectors_hash_as_documented() {
    let v = json!({"xrpl_lab_proof_pack":true,"version":"1.0.0","network":"testnet",
        "address":"rTest123","completed_modules":[],"total_transactions":0});
    assert_eq!(
        sha256_hex(&canonical(&v)),
        "bb8a2d4ee06e5c64679c3823a78a272497d56e2ebe032420e79a96a7419c6de8"
    );
    let cert = read_json("artifacts/original_certificate.json");
    assert_eq!(
        cert["sha256"],
        "6f3863e776fc09d90fcda0af98c31ed9102fdc627006a0655e5bcc0ba2e0e9c8"
    );
    assert_eq!(
        integrity::content_hash(cert.as_object().unwrap()),
        "6f3863e776fc09d90fcda0af98c31ed9102fdc627006a0655e5bcc0ba2e0e9c8"
    );
}

#[test]
fn artifacts_sealed_by_the_original_verify_here() {
    // The proof pack holds non-ASCII and astral text, control characters and Python floats.
    let pack = read_json("artifacts/original_proof_pack.json");
    let r = verify_artifact(&pack).unwrap();
    assert_eq!(r.artifact_kind, ArtifactKind::ProofPack);
    assert!(r.hash_valid, "{}", r.hash_message);
    assert_eq!(r.hash_message, "Integrity verified");

    let cert = read_json("artifacts/original_certificate.json");
    let r = verify_artifact(&cert).unwrap();
    assert_eq!(r.artifact_kind, ArtifactKind::Certificate);
    assert!(r.hash_valid);

    let audit_pack = read_json("artifacts/original_audit_pack.json");
    assert!(audit::verify_pack(&audit_pack).valid);

    // Read as raw text too, as the server's POST /api/verify does.
    let text = fs::read_to_string(fixture("artifacts/original_proof_pack.json")).unwrap();
    assert!(verify_artifact_text(&text).unwrap().hash_valid);
}

#[test]
fn text_verification_matches_python_on_what_a_float_reader_would_change() {
    // Sealed by Python: a 30-digit integer, a float serde_json rounds differently, NaN, and a
    // duplicate key whose last value counts.
    let text = fs::read_to_string(fixture("artifacts/original_proof_pack_exotic.json")).unwrap();
    let r = verify_artifact_text(&text).unwrap();
    assert!(r.hash_valid, "{}", r.hash_message);
    let edited = text.replace("678901234567890", "678901234567891");
    assert!(!verify_artifact_text(&edited).unwrap().hash_valid);
}

#[test]
fn an_edited_artifact_fails_with_the_original_message() {
    let pack = read_json("artifacts/original_proof_pack.json");
    for (key, value) in [
        ("address", json!("rSomeoneElse")),
        ("total_transactions", json!(3)),
        ("note_from_learner", json!("Grüße aus Köln")),
    ] {
        let mut edited = pack.clone();
        edited[key] = value;
        let r = verify_artifact(&edited).unwrap();
        assert!(!r.hash_valid, "{key}");
        let stored = pack["sha256"].as_str().unwrap();
        assert!(
            r.hash_message
                .starts_with(&format!("Hash mismatch: expected {}…, got ", &stored[..16])),
            "{}",
            r.hash_message
        );
        assert!(r.hash_message.ends_with('…'));
    }
    let mut no_hash = pack.clone();
    no_hash.as_object_mut().unwrap().remove("sha256");
    assert_eq!(
        integrity::check(&no_hash, ArtifactKind::ProofPack).message,
        "No SHA-256 hash found in proof pack"
    );
    let mut audit_pack = read_json("artifacts/original_audit_pack.json");
    audit_pack["verdicts"][1]["status"] = json!("pass");
    assert!(!audit::verify_pack(&audit_pack).valid);
}

/// A fixture of ours, restamped with this build's version when it differs from the one the
/// fixture was made with (the version string is data; the layout and hash rules are the test).
fn expected_text(rel: &str) -> String {
    let text = fs::read_to_string(fixture(rel)).unwrap();
    let value: Value = serde_json::from_str(&text).unwrap();
    if value["version"] == xrpl_lab::VERSION {
        return text;
    }
    let mut obj = value.as_object().unwrap().clone();
    obj.insert("version".into(), json!(xrpl_lab::VERSION));
    proof_pack::to_file_text(&integrity::seal(obj))
}

#[test]
fn our_proof_pack_is_byte_identical_to_the_fixture_the_original_verified() {
    // `ours_proof_pack.json` was generated by this code from the original's state fixture and
    // then checked with the original's algorithm (Python `json.dumps` + `hashlib`).
    let state = original_state();
    let pack = proof_pack::generate(
        &state,
        &modules(),
        "https://s.altnet.rippletest.net:51234",
        1735689600.5,
    );
    assert_eq!(
        proof_pack::to_file_text(&pack),
        expected_text("artifacts/ours_proof_pack.json")
    );
    assert!(verify_artifact(&pack).unwrap().hash_valid);

    let cert = certificate::generate(&state, &modules(), 1735689600.0);
    assert_eq!(
        proof_pack::to_file_text(&cert),
        expected_text("artifacts/ours_certificate.json")
    );
}

#[test]
fn proof_pack_contents_follow_the_original_rules() {
    let state = original_state();
    let pack = proof_pack::generate(&state, &modules(), "https://example.invalid", 1735689600.0);
    let keys: Vec<&str> = pack
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(
        keys,
        [
            "xrpl_lab_proof_pack",
            "version",
            "network",
            "endpoint",
            "address",
            "generated_at",
            "completed_modules",
            "capstone",
            "transactions",
            "receipt_table",
            "total_transactions",
            "successful_transactions",
            "failed_transactions",
            "sha256"
        ]
    );
    assert_eq!(pack["network"], "testnet");
    assert_eq!(pack["capstone"], false);
    assert_eq!(pack["completed_modules"][1]["kb_source"], "failure-kb");
    assert_eq!(
        pack["completed_modules"][0]["completed_at"],
        "2024-05-01T12:51:30.123456+00:00"
    );
    // Explorer links are recomputed from the row's network, not copied from state.
    assert_eq!(
        pack["transactions"][1]["explorer_url"],
        "https://testnet.xrpl.org/transactions/A1B2C3D4E5F60718293A4B5C6D7E8F90112233445566778899AABBCCDDEEFF00"
    );
    assert_eq!(pack["receipt_table"][0]["txid"], "E3FE6EA3D48F0C2B...");
    assert_eq!(pack["receipt_table"][2]["status"], "FAIL");
    assert_eq!(pack["receipt_table"][2]["timestamp"], "2024-05-01 12:53");
    assert_eq!(pack["failed_transactions"], 1);
    let text = pack.to_string().to_lowercase();
    for word in ["seed", "secret", "private"] {
        assert!(!text.contains(word), "{word}");
    }
}

#[test]
fn networks_summarise_and_link_per_row() {
    let mut state = original_state();
    state.record_tx("DRY", "trust_lines_101", "dry-run", true, "", 1.0);
    state.record_tx("DEV", "trust_lines_101", "devnet", true, "", 2.0);
    let pack = proof_pack::generate(&state, &modules(), "x", 3.0);
    assert_eq!(pack["network"], "mixed");
    assert_eq!(pack["transactions"][3]["explorer_url"], "");
    assert_eq!(
        pack["transactions"][4]["explorer_url"],
        "https://devnet.xrpl.org/transactions/DEV"
    );
    state.mark_completed("game_economy_capstone", vec![], None, 4.0);
    let pack = proof_pack::generate(&state, &modules(), "x", 3.0);
    assert_eq!(pack["capstone"], true);
    let mut flipped = pack.clone();
    flipped["capstone"] = json!(false);
    assert!(!verify_artifact(&flipped).unwrap().hash_valid);
}

#[test]
fn export_refuses_when_nothing_is_completed_and_writes_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let ws = Workspace::new(tmp.path().join(".xrpl-lab"));
    let state = xrpl_lab::workspace::LabState::fresh(1.0);
    let err = proof_pack::export(&state, &modules(), "x", &ws, 2.0).unwrap_err();
    assert_eq!(err.code(), "STATE_NOTHING_TO_EXPORT");
    assert!(!ws.dir().exists());
    let err = certificate::export(&state, &modules(), &ws, 2.0).unwrap_err();
    assert_eq!(err.code(), "STATE_NOTHING_TO_EXPORT");
}

#[test]
fn unwritable_workspace_is_a_clear_error() {
    let tmp = tempfile::tempdir().unwrap();
    let blocker = tmp.path().join("not-a-dir");
    fs::write(&blocker, "a file where the workspace should go").unwrap();
    let ws = Workspace::new(blocker.join(".xrpl-lab"));
    let err = proof_pack::export(&original_state(), &modules(), "x", &ws, 2.0).unwrap_err();
    assert_eq!(err.code(), "IO_WRITE_FAILED");
    let message = err.to_string();
    assert!(
        message.starts_with("Could not create workspace"),
        "{message}"
    );
    assert!(
        !message.contains(tmp.path().to_str().unwrap()),
        "no path in: {message}"
    );
}

fn tx(txid: &str, result: &str, validated: bool, tx_type: &str) -> AuditTx {
    AuditTx {
        txid: txid.into(),
        tx_type: tx_type.into(),
        account: "rA".into(),
        destination: String::new(),
        amount: "1".into(),
        fee: "12".into(),
        result_code: result.into(),
        ledger_index: Some(7),
        memos: None,
        validated,
        fetch_error: None,
    }
}

#[test]
fn audit_verdicts_follow_the_original_order() {
    let expect = Expectations::from_json(
        r#"{"defaults":{"types_allowed":["Payment"],"memo_prefix":"XRPLLAB|"},
            "overrides":{"T2":{"expected_engine_result":"tecPATH_DRY","types_allowed":null,"memo_prefix":""}}}"#,
    )
    .unwrap();
    let v = audit::audit_tx(&tx("T1", "tecPATH_DRY", false, "TrustSet"), &expect);
    assert_eq!(v.status, "fail");
    assert_eq!(
        v.failure_reasons,
        [
            "NOT_VALIDATED",
            "ENGINE_RESULT_MISMATCH",
            "TYPE_DISALLOWED",
            "MEMO_MISSING"
        ]
    );
    let v = audit::audit_tx(&tx("T2", "tecPATH_DRY", true, "Payment"), &expect);
    assert_eq!(v.status, "pass", "{:?}", v.failures);
    assert!(
        v.checks
            .contains(&"Result code matches expected: tecPATH_DRY".to_string())
    );
    let v = audit::audit_tx(&tx("T3", "", false, ""), &Expectations::default());
    assert_eq!(
        (v.status.as_str(), v.failure_reasons[0].as_str()),
        ("not_found", "NOT_FOUND")
    );
    assert_eq!(
        audit::parse_txids("# comment\n\n  A  \n#x\nB\n"),
        ["A", "B"]
    );
}

#[test]
fn audit_pack_seals_and_writes_like_the_original() {
    let empty = AuditReport {
        verdicts: vec![],
        endpoint: "none".into(),
        tool_version: "2.2.0".into(),
        timestamp: "2025-01-01T00:00:00Z".into(),
    };
    assert_eq!(
        empty.to_pack()["integrity_sha256"],
        "bc97d3ae7e9cb91f4cc86e86327a2d3f746e7f2bb61d7682371b7746f82e7ec9"
    );
    let expect = Expectations::default();
    let report = AuditReport {
        verdicts: vec![
            audit::audit_tx(
                &tx(
                    "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
                    "tesSUCCESS",
                    true,
                    "Payment",
                ),
                &expect,
            ),
            audit::audit_tx(&tx("BBBB", "tecNO_DST", true, "Payment"), &expect),
        ],
        endpoint: "none".into(),
        tool_version: "2.2.0".into(),
        timestamp: "2025-01-01T00:00:00Z".into(),
    };
    let tmp = tempfile::tempdir().unwrap();
    let ws = Workspace::new(tmp.path().join(".xrpl-lab"));
    let out = audit::write_outputs(
        &report,
        &ws,
        "20250101_000000",
        None,
        Some(&tmp.path().join("a.csv")),
        true,
    )
    .unwrap();
    let md = fs::read_to_string(&out.markdown).unwrap();
    assert!(md.starts_with("# XRPL Lab Audit Report\n\n- **Tool version**: 2.2.0\n"));
    assert!(md.contains("- **Results**: 1 pass, 1 fail, 0 not found"));
    assert!(md.contains("| AAAAAAAAAAAAAAAA... | PASS | Payment | tesSUCCESS | - |"));
    assert!(md.contains("## Failure Reasons\n\n- ENGINE_RESULT_MISMATCH: 1"));
    let csv = fs::read_to_string(out.csv.unwrap()).unwrap();
    assert!(csv.starts_with(
        "txid,status,tx_type,result_code,account,destination,fee,validated,failure_reasons\r\n"
    ));
    assert!(csv.contains("BBBB,fail,Payment,tecNO_DST,rA,,12,True,ENGINE_RESULT_MISMATCH\r\n"));
    let pack: Value =
        serde_json::from_str(&fs::read_to_string(out.pack.unwrap()).unwrap()).unwrap();
    assert!(audit::verify_pack(&pack).valid);
    assert_eq!(pack["failure_reasons"]["ENGINE_RESULT_MISMATCH"], 1);
}
