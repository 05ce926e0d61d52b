//! `xrpl-lab ledger serve` as a process: `--data DIR` keeps the ledger across a `kill -9` and a
//! restart, a second node on the same directory is refused, `--faucet-xrp` sets the grant and
//! `--network-id` the network a transaction must name. Real binary, real HTTP on loopback.

mod ledger_node_support;

use std::process::Command;

use ledger_node_support::LedgerNode as Node;

use serde_json::{Value, json};
use xrpl_lab::transport::rpc::RpcTransport;
use xrpl_lab::transport::{LedgerClient, Transport};
use xrpl_proto::keys::KeyPair;
use xrpl_proto::seed::{Algorithm, Seed};

const BIN: &str = env!("CARGO_BIN_EXE_xrpl-lab");
const DROPS_PER_XRP: u64 = 1_000_000;

fn post(url: &str, body: Value) -> Value {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async {
        reqwest::Client::new()
            .post(url)
            .json(&body)
            .send()
            .await
            .unwrap()
            .json::<Value>()
            .await
            .unwrap()
    })
}

fn rpc(node: &Node, method: &str, params: Value) -> Value {
    post(&node.url, json!({"method": method, "params": [params]}))["result"].clone()
}

fn new_address() -> String {
    KeyPair::from_seed(&Seed::generate(Algorithm::Ed25519).unwrap())
        .unwrap()
        .account_id()
        .to_classic()
}

fn balance(node: &Node, address: &str) -> Option<u64> {
    let info = rpc(
        node,
        "account_info",
        json!({"account": address, "ledger_index": "validated"}),
    );
    info["account_data"]["Balance"]
        .as_str()
        .map(|b| b.parse().unwrap())
}

fn fund(node: &Node, address: &str) -> Value {
    post(
        &format!("{}accounts", node.url),
        json!({"destination": address}),
    )
}

#[test]
fn data_dir_keeps_the_ledger_across_a_kill_9_and_the_faucet_grant_is_configurable() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("ledger");
    let data = data.to_str().unwrap();
    let alice = new_address();
    let bob = new_address();

    let mut node = Node::start(&["--data", data, "--faucet-xrp", "50"]);
    let grant = fund(&node, &alice);
    assert_eq!(grant["amount"].as_f64(), Some(50.0), "{grant}");
    fund(&node, &bob);
    assert_eq!(balance(&node, &alice), Some(50 * DROPS_PER_XRP));
    let seq_before = rpc(&node, "ledger_closed", json!({}))["ledger_index"].clone();
    // SIGKILL: no chance to flush or close anything.
    node.process.0.kill().unwrap();
    node.process.0.wait().unwrap();

    let node = Node::start(&["--data", data]);
    assert_eq!(balance(&node, &alice), Some(50 * DROPS_PER_XRP));
    assert_eq!(balance(&node, &bob), Some(50 * DROPS_PER_XRP));
    let seq_after = rpc(&node, "ledger_closed", json!({}))["ledger_index"].clone();
    assert_eq!(
        seq_after, seq_before,
        "the replayed history ends where it was"
    );
    // New work goes on from there, with this start's default grant.
    let carol = new_address();
    fund(&node, &carol);
    assert_eq!(balance(&node, &carol), Some(1000 * DROPS_PER_XRP));
}

#[test]
fn a_second_node_on_the_same_data_dir_is_refused_clearly() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().to_str().unwrap();
    let _first = Node::start(&["--data", data]);
    let second = Command::new(BIN)
        .args(["ledger", "serve", "--port", "0", "--data", data])
        .output()
        .unwrap();
    assert_eq!(second.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&second.stderr);
    assert!(
        stderr.contains("in use by another xrpl-lab process"),
        "{stderr}"
    );
    assert!(stderr.contains("--data DIR"), "{stderr}");
}

#[test]
fn bad_flags_exit_2_without_starting() {
    for args in [
        &["--faucet-xrp", "0"][..],
        &["--faucet-xrp", "lots"],
        &["--network-id", "-1"],
    ] {
        let out = Command::new(BIN)
            .args(["ledger", "serve", "--port", "0"])
            .args(args)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
    }
}

#[test]
fn a_network_id_above_1024_is_reported_and_required() {
    let node = Node::start(&["--network-id", "21338"]);
    let info = rpc(&node, "server_info", json!({}));
    assert_eq!(info["info"]["network_id"], 21338);
    // Without NetworkID the transaction is refused locally, and nothing is charged.
    let keys = KeyPair::from_seed(&Seed::generate(Algorithm::Ed25519).unwrap()).unwrap();
    let address = keys.account_id().to_classic();
    fund(&node, &address);
    let seq = rpc(&node, "account_info", json!({"account": address}))["account_data"]["Sequence"]
        .as_u64()
        .unwrap();
    let submit = |tx: Value| {
        let blob = xrpl_sandbox::proto::sign_transaction(&tx, &keys).unwrap();
        rpc(&node, "submit", json!({"tx_blob": hex::encode_upper(blob)}))
    };
    let payment = json!({"TransactionType": "Payment", "Account": address, "Fee": "10",
        "Destination": new_address(), "Amount": "20000000", "Sequence": seq});
    assert_eq!(
        submit(payment.clone())["engine_result"],
        "telREQUIRES_NETWORK_ID"
    );
    let mut wrong = payment.clone();
    wrong["NetworkID"] = json!(1);
    assert_eq!(submit(wrong)["engine_result"], "telWRONG_NETWORK");
    assert_eq!(balance(&node, &address), Some(1000 * DROPS_PER_XRP));
    let mut right = payment;
    right["NetworkID"] = json!(21338);
    assert_eq!(submit(right)["engine_result"], "tesSUCCESS");

    // The lab's own client learns the network id from server_info and fills it in.
    let rt = tokio::runtime::Runtime::new().unwrap();
    let receipt = rt.block_on(async {
        let transport = Transport::Rpc(RpcTransport::new(
            &node.url,
            format!("{}accounts", node.url),
        ));
        LedgerClient::new(&transport)
            .submit_and_wait(
                json!({"TransactionType": "Payment", "Account": address,
                       "Destination": new_address(), "Amount": "30000000"}),
                &keys,
            )
            .await
            .unwrap()
    });
    assert!(receipt.success, "{receipt:?}");
    assert_eq!(receipt.tx_json["NetworkID"], 21338);
}
