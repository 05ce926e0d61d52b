//! On-ledger verification (`proof verify --live`, `cert-verify --live`, `POST /api/verify?live=true`)
//! against a real ledger node: `xrpl-lab ledger serve --port 0` on loopback, with real signed
//! transactions submitted over JSON-RPC, and the lab pointed at it with `XRPL_LAB_RPC_URL`.

mod ledger_node_support;

use ledger_node_support::{Killed, ledger_node};
use std::io::{BufRead, BufReader};
use std::net::TcpListener;
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use serde_json::{Value, json};
use xrpl_lab::transport::rpc::RpcTransport;
use xrpl_lab::transport::{LedgerClient, Transport};
use xrpl_lab::workspace::{LabState, ModuleInfo, certificate, proof_pack};
use xrpl_proto::keys::KeyPair;
use xrpl_proto::seed::{Algorithm, Seed};

const BIN: &str = env!("CARGO_BIN_EXE_xrpl-lab");

fn new_keys() -> KeyPair {
    KeyPair::from_seed(&Seed::generate(Algorithm::Ed25519).unwrap()).unwrap()
}

/// Funds a learner and a friend on the node, and has the learner send two real transactions.
/// Returns the learner's address and the two txids.
fn real_transactions(url: &str) -> (String, Vec<String>) {
    let rt = tokio::runtime::Runtime::new().unwrap();
    rt.block_on(async {
        let transport = Transport::Rpc(RpcTransport::new(url, format!("{url}accounts")));
        let client = LedgerClient::new(&transport);
        let learner = new_keys();
        let friend = new_keys();
        let learner_addr = learner.account_id().to_classic();
        let friend_addr = friend.account_id().to_classic();
        transport.fund(&learner_addr).await.unwrap();
        transport.fund(&friend_addr).await.unwrap();
        let pay = client
            .submit_and_wait(
                json!({"TransactionType": "Payment", "Account": learner_addr,
                       "Destination": friend_addr, "Amount": "1000000"}),
                &learner,
            )
            .await
            .unwrap();
        let set = client
            .submit_and_wait(
                json!({"TransactionType": "AccountSet", "Account": learner_addr}),
                &learner,
            )
            .await
            .unwrap();
        assert!(pay.success && set.success, "{pay:?} {set:?}");
        (learner_addr, vec![pay.txid, set.txid])
    })
}

fn modules() -> Vec<ModuleInfo> {
    vec![ModuleInfo {
        id: "receipt_literacy".into(),
        title: "Receipt Literacy".into(),
        track: "foundations".into(),
        mode: "testnet".into(),
        requires: vec![],
        kb_source: String::new(),
        order: 1,
    }]
}

/// A sealed proof pack claiming `txids` on `network` for `address`.
fn pack(address: &str, txids: &[String], network: &str) -> Value {
    let mut state = LabState::fresh(1_700_000_000.0);
    state.wallet_address = Some(address.to_string());
    for t in txids {
        state.record_tx(t, "receipt_literacy", network, true, "", 1_700_000_001.0);
    }
    state.mark_completed("receipt_literacy", txids.to_vec(), None, 1_700_000_002.0);
    proof_pack::generate(&state, &modules(), "http://127.0.0.1/", 1_700_000_003.0)
}

/// Runs `xrpl-lab ARGS FILE --live --json` on `artifact` with the RPC override `rpc`.
fn verify_cli(args: &[&str], artifact: &Value, rpc: &str) -> (i32, Value) {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("artifact.json");
    std::fs::write(&file, serde_json::to_string_pretty(artifact).unwrap()).unwrap();
    let out = Command::new(BIN)
        .args(args)
        .arg(&file)
        .args(["--live", "--json"])
        .current_dir(dir.path())
        .env("XRPL_LAB_HOME", dir.path().join("home"))
        .env("XRPL_LAB_RPC_URL", rpc)
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    let json = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!("{e}: {}", String::from_utf8_lossy(&out.stdout));
    });
    (out.status.code().unwrap(), json)
}

#[test]
fn a_pack_of_real_validated_transactions_passes_on_ledger() {
    let (_node, url) = ledger_node();
    let (address, txids) = real_transactions(&url);
    let (code, out) = verify_cli(&["proof", "verify"], &pack(&address, &txids, "local"), &url);
    assert_eq!(code, 0, "{out:#}");
    let live = &out["live"];
    assert_eq!(out["live_passed"], true);
    assert_eq!(live["overall_passed"], true);
    assert_eq!(live["passed"], 2);
    assert_eq!(live["failed"], 0);
    for (row, txid) in live["tx_results"].as_array().unwrap().iter().zip(&txids) {
        assert_eq!(row["txid"], txid.as_str());
        assert_eq!(row["status"], "PASS");
        // A local ledger has no public explorer: the link stays empty, never invented.
        assert_eq!(row["explorer_url"], "");
    }
}

#[test]
fn a_txid_the_ledger_lacks_fails_its_row() {
    let (_node, url) = ledger_node();
    let (address, mut txids) = real_transactions(&url);
    txids.push("AB".repeat(32));
    let (code, out) = verify_cli(&["proof", "verify"], &pack(&address, &txids, "local"), &url);
    assert_eq!(code, 1);
    let live = &out["live"];
    assert_eq!(live["overall_passed"], false);
    assert_eq!(
        (live["passed"].as_u64(), live["failed"].as_u64()),
        (Some(2), Some(1))
    );
    let missing = &live["tx_results"][2];
    assert_eq!(missing["status"], "FAIL");
    assert!(
        missing["reason"]
            .as_str()
            .unwrap()
            .starts_with("Transaction not found on the public ledger"),
        "{missing}"
    );
}

#[test]
fn a_transaction_sent_by_someone_else_fails_the_account_check() {
    let (_node, url) = ledger_node();
    let (_address, txids) = real_transactions(&url);
    let stranger = new_keys().account_id().to_classic();
    let (code, out) = verify_cli(
        &["proof", "verify"],
        &pack(&stranger, &txids, "local"),
        &url,
    );
    assert_eq!(code, 1);
    let row = &out["live"]["tx_results"][0];
    assert_eq!(row["status"], "FAIL");
    assert!(row["reason"].as_str().unwrap().contains(&stranger), "{row}");
}

/// A listener that only counts the connections made to it.
fn counting_endpoint() -> (String, Arc<AtomicUsize>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}/", listener.local_addr().unwrap());
    let count = Arc::new(AtomicUsize::new(0));
    let seen = Arc::clone(&count);
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            seen.fetch_add(1, Ordering::SeqCst);
            drop(stream);
        }
    });
    (url, count)
}

#[test]
fn a_tampered_pack_is_never_looked_up() {
    let (url, connections) = counting_endpoint();
    let mut tampered = pack(
        &new_keys().account_id().to_classic(),
        &["CD".repeat(32)],
        "local",
    );
    tampered["total_transactions"] = json!(99);
    let (code, out) = verify_cli(&["proof", "verify"], &tampered, &url);
    assert_eq!(code, 1);
    assert_eq!(out["valid"], false);
    assert_eq!(
        out["live"],
        json!({"skipped": "hash check failed — live check not attempted"})
    );
    assert_eq!(out["live_passed"], false);
    assert_eq!(connections.load(Ordering::SeqCst), 0);
}

#[test]
fn an_unreachable_ledger_gives_the_could_not_complete_block() {
    let closed = {
        let l = TcpListener::bind("127.0.0.1:0").unwrap();
        format!("http://{}/", l.local_addr().unwrap())
    };
    let address = new_keys().account_id().to_classic();
    let (code, out) = verify_cli(
        &["proof", "verify"],
        &pack(&address, &["EF".repeat(32)], "local"),
        &closed,
    );
    assert_eq!(code, 1);
    let live = &out["live"];
    assert_eq!(live["overall_passed"], false);
    assert_eq!(live["tx_results"], json!([]));
    assert!(
        live["note"]
            .as_str()
            .unwrap()
            .contains("could not be completed"),
        "{live}"
    );
}

#[test]
fn a_certificate_has_nothing_on_ledger_and_passes() {
    let (url, connections) = counting_endpoint();
    let mut state = LabState::fresh(1_700_000_000.0);
    state.mark_completed(
        "receipt_literacy",
        vec!["AB".repeat(32)],
        None,
        1_700_000_001.0,
    );
    let cert = certificate::generate(&state, &modules(), 1_700_000_002.0);
    let (code, out) = verify_cli(&["cert-verify"], &cert, &url);
    assert_eq!(code, 0, "{out:#}");
    assert_eq!(out["live"]["no_onledger_txids"], true);
    assert_eq!(connections.load(Ordering::SeqCst), 0);
}

/// `xrpl-lab serve --port 0` with the lab pointed at `rpc`; returns it and its base URL.
fn api_server(rpc: &str, dir: &std::path::Path) -> (Killed, String) {
    let mut child = Command::new(BIN)
        .args(["serve", "--port", "0"])
        .current_dir(dir)
        .env("XRPL_LAB_HOME", dir.join("home"))
        .env("XRPL_LAB_RPC_URL", rpc)
        .env("NO_COLOR", "1")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let base = BufReader::new(stdout)
        .lines()
        .map(Result::unwrap)
        .find_map(|l| l.trim().strip_prefix("API:").map(|u| u.trim().to_string()))
        .unwrap();
    (Killed(child), base)
}

#[test]
fn the_api_verifies_live_and_never_answers_500() {
    let (_node, url) = ledger_node();
    let (address, txids) = real_transactions(&url);
    let dir = tempfile::tempdir().unwrap();
    let (_server, base) = api_server(&url, dir.path());
    let closed = {
        let l = TcpListener::bind("127.0.0.1:0").unwrap();
        format!("http://{}/", l.local_addr().unwrap())
    };
    let dir2 = tempfile::tempdir().unwrap();
    let (_dead_server, dead_base) = api_server(&closed, dir2.path());

    let rt = tokio::runtime::Runtime::new().unwrap();
    rt.block_on(async {
        let http = reqwest::Client::new();
        let verify = |base: &str, body: &Value| {
            http.post(format!("{base}/api/verify?live=true"))
                .json(body)
                .send()
        };
        let good = pack(&address, &txids, "local");
        let reply = verify(&base, &good).await.unwrap();
        assert_eq!(reply.status(), 200);
        let body: Value = reply.json().await.unwrap();
        assert_eq!(body["overall_passed"], true, "{body:#}");
        assert_eq!(body["live"]["passed"], 2);

        let mut with_missing = txids.clone();
        with_missing.push("AB".repeat(32));
        let body: Value = verify(&base, &pack(&address, &with_missing, "local"))
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert_eq!(body["overall_passed"], false);
        assert_eq!(body["live"]["tx_results"][2]["status"], "FAIL");

        let mut tampered = good.clone();
        tampered["address"] = json!("rSomeoneElse");
        let body: Value = verify(&base, &tampered)
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert_eq!(
            (
                &body["live"],
                &body["live_requested"],
                &body["overall_passed"]
            ),
            (&Value::Null, &json!(true), &json!(false))
        );

        let reply = verify(&dead_base, &good).await.unwrap();
        assert_eq!(reply.status(), 200);
        let body: Value = reply.json().await.unwrap();
        assert_eq!(body["overall_passed"], false);
        assert_eq!(body["live"]["overall_passed"], false);
        assert_eq!(body["live"]["tx_results"], json!([]));
    });
}

#[test]
fn audit_reads_the_same_ledger_through_the_same_lookup() {
    let (_node, url) = ledger_node();
    let (_address, txids) = real_transactions(&url);
    let dir = tempfile::tempdir().unwrap();
    let missing = "AB".repeat(32);
    std::fs::write(
        dir.path().join("txids.txt"),
        format!("{}\n{}\n{missing}\n", txids[0], txids[1]),
    )
    .unwrap();
    let out = Command::new(BIN)
        .args(["audit", "--txids", "txids.txt", "--md", "audit.md"])
        .current_dir(dir.path())
        .env("XRPL_LAB_HOME", dir.path().join("home"))
        .env("XRPL_LAB_RPC_URL", &url)
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{stdout}");
    assert!(stdout.contains("Checked: 3 transactions"), "{stdout}");
    assert!(stdout.contains("Pass:    2"), "{stdout}");
    assert!(stdout.contains("Missing: 1"), "{stdout}");
    let report = std::fs::read_to_string(dir.path().join("audit.md")).unwrap();
    assert!(
        report.contains(&format!("- **Endpoint**: {url}")),
        "{report}"
    );
}
