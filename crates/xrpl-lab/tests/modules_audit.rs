//! receipt_audit on the sandbox ledger: the run's payments are fetched back and judged, and the
//! audit report and a sealed audit pack land in the workspace.

mod modules_common;

use modules_common::Learner;
use serde_json::Value;
use xrpl_lab::workspace::audit::verify_pack;

fn files_in(dir: &std::path::Path, prefix: &str, suffix: &str) -> Vec<std::path::PathBuf> {
    let mut found: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            let name = p.file_name().unwrap().to_string_lossy();
            name.starts_with(prefix) && name.ends_with(suffix)
        })
        .collect();
    found.sort();
    found
}

#[tokio::test]
async fn receipt_audit_seals_verdicts_read_back_from_the_ledger() {
    let learner = Learner::new();
    let ran = learner.run("receipt_audit").await;
    let txids = ran.completed("receipt_audit");
    assert_eq!(txids.len(), 2, "two labelled payments");

    let ws = learner.files.workspace.dir();
    let packs = files_in(&ws.join("proofs"), "audit_pack_", ".json");
    assert_eq!(packs.len(), 1, "{packs:?}");
    let pack: Value = serde_json::from_str(&std::fs::read_to_string(&packs[0]).unwrap()).unwrap();
    let integrity = verify_pack(&pack);
    assert!(integrity.valid, "{}", integrity.message);
    assert_eq!(pack["endpoint"], "none");
    assert_eq!(pack["summary"]["total"], 2);
    assert_eq!(pack["summary"]["passed"], 2);

    // Each verdict carries what the ledger holds for that txid, memo text included.
    let verdicts = pack["verdicts"].as_array().unwrap();
    let memos = ["XRPLLAB|AUDIT_TEST", "XRPLLAB|AUDIT_TEST_2"];
    for ((verdict, txid), memo) in verdicts.iter().zip(&txids).zip(memos) {
        assert_eq!(verdict["txid"], txid.as_str());
        assert_eq!(verdict["status"], "pass");
        assert_eq!(verdict["tx"]["tx_type"], "Payment");
        assert_eq!(verdict["tx"]["account"], learner.address().as_str());
        assert_eq!(verdict["tx"]["amount"], "1000000");
        assert_eq!(verdict["tx"]["memos"][0], memo);
        assert_eq!(verdict["tx"]["validated"], true);
        let on_ledger = learner.tx(txid).await;
        assert_eq!(verdict["tx"]["ledger_index"], on_ledger["ledger_index"]);
    }

    // Tampering with a verdict breaks the seal.
    let mut forged = pack.clone();
    forged["verdicts"][0]["status"] = "fail".into();
    assert!(!verify_pack(&forged).valid);

    let reports = files_in(&ws.join("reports"), "audit_", ".md");
    assert_eq!(reports.len(), 1);
    let report = std::fs::read_to_string(&reports[0]).unwrap();
    assert!(report.starts_with("# XRPL Lab Audit Report"));
    assert!(report.contains("- **Results**: 2 pass, 0 fail, 0 not found"));
    assert!(ran.said_line("Audited 2: 2 pass, 0 fail, 0 not found"));
}
