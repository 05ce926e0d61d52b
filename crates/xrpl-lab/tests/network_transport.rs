//! The network transport end to end: JSON-RPC over real HTTP to the sandbox's own rippled face
//! (`xrpl-lab ledger serve`'s router) on loopback.
//!
//! This is how the lab talks to Testnet, minus the internet: autofill from `account_info`, `fee`
//! and `ledger`, sign locally once, `submit`, poll `tx` until validated.

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};

use serde_json::{Value, json};
use xrpl_lab::network::Network;
use xrpl_lab::transport::rpc::RpcTransport;
use xrpl_lab::transport::{LedgerClient, Transport};
use xrpl_proto::keys::KeyPair;
use xrpl_proto::seed::{Algorithm, Seed};
use xrpl_sandbox::{Ledger, LedgerConfig};

/// Starts a ledger node on an ephemeral loopback port; it stops when the test's runtime ends.
async fn ledger_node() -> SocketAddr {
    let ledger = Arc::new(Mutex::new(Ledger::new(LedgerConfig::default())));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        axum::serve(listener, xrpl_lab::ledger_node::router(ledger))
            .await
            .unwrap();
    });
    addr
}

fn new_keys() -> KeyPair {
    KeyPair::from_seed(&Seed::generate(Algorithm::Ed25519).unwrap()).unwrap()
}

#[tokio::test]
async fn funds_pays_and_reads_back_over_http() {
    let addr = ledger_node().await;
    let transport = Transport::Rpc(RpcTransport::new(
        format!("http://{addr}/"),
        format!("http://{addr}/accounts"),
    ));
    assert_eq!(transport.network(), Network::Local);
    let client = LedgerClient::new(&transport);

    let alice = new_keys();
    let bob = new_keys();
    let alice_addr = alice.account_id().to_classic();
    let bob_addr = bob.account_id().to_classic();
    transport.fund(&alice_addr).await.unwrap();
    transport.fund(&bob_addr).await.unwrap();
    let bob_before = client.balance_drops(&bob_addr).await.unwrap();
    assert!(bob_before > 0);

    let result = client
        .submit_and_wait(
            json!({
                "TransactionType": "Payment",
                "Account": alice_addr,
                "Destination": bob_addr,
                "Amount": "2500000",
            }),
            &alice,
        )
        .await
        .unwrap();
    assert!(result.success, "{result:?}");
    assert_eq!(result.result_code, "tesSUCCESS");
    assert_eq!(result.txid.len(), 64);
    assert_eq!(
        client.balance_drops(&bob_addr).await.unwrap(),
        bob_before + 2_500_000
    );

    let tx = client.fetch_tx(&result.txid).await.unwrap();
    assert_eq!(tx["validated"], true);
    assert_eq!(tx["Account"], Value::String(alice_addr.clone()));
    assert_eq!(
        tx["Amount"], "2500000",
        "DeliverMax is read as Amount in API v2"
    );
}

#[tokio::test]
async fn a_validated_tec_is_a_result_with_its_txid_not_a_retry() {
    let addr = ledger_node().await;
    let transport = Transport::Rpc(RpcTransport::new(
        format!("http://{addr}/"),
        format!("http://{addr}/accounts"),
    ));
    let client = LedgerClient::new(&transport);
    let alice = new_keys();
    let alice_addr = alice.account_id().to_classic();
    transport.fund(&alice_addr).await.unwrap();
    let sequence_before = client.account_root(&alice_addr).await.unwrap().unwrap()["Sequence"]
        .as_u64()
        .unwrap();

    // Paying an unfunded account less than the reserve: applied, fee burned, nothing created.
    let nobody = new_keys().account_id().to_classic();
    let result = client
        .submit_and_wait(
            json!({
                "TransactionType": "Payment",
                "Account": alice_addr,
                "Destination": nobody,
                "Amount": "1",
            }),
            &alice,
        )
        .await
        .unwrap();
    assert!(!result.success);
    assert_eq!(result.result_code, "tecNO_DST_INSUF_XRP");
    assert_eq!(result.txid.len(), 64);
    let sequence_after = client.account_root(&alice_addr).await.unwrap().unwrap()["Sequence"]
        .as_u64()
        .unwrap();
    assert_eq!(
        sequence_after,
        sequence_before + 1,
        "signed and applied exactly once"
    );
}

#[tokio::test]
async fn an_unreachable_node_is_a_clear_error_not_a_hang() {
    // A port nothing listens on (bound, then dropped).
    let addr = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap()
    };
    let transport = Transport::Rpc(RpcTransport::new(
        format!("http://{addr}/"),
        format!("http://{addr}/accounts"),
    ));
    let err = transport.call("server_info", json!({})).await.unwrap_err();
    assert_eq!(err.to_lab_error().code, "RUNTIME_NETWORK");
}

#[tokio::test]
async fn mainnet_is_refused_before_any_key_is_used() {
    let transport = Transport::Rpc(RpcTransport::new(
        "https://s1.ripple.com:51234",
        "https://faucet.altnet.rippletest.net/accounts",
    ));
    let client = LedgerClient::new(&transport);
    let err = client
        .submit_and_wait(json!({"TransactionType": "Payment"}), &new_keys())
        .await
        .unwrap_err();
    assert_eq!(err.code, "CONFIG_NON_TESTNET");
    let err = transport
        .fund("rHb9CJAWyB4rj91VRWn96DkukG4bwdtyTh")
        .await
        .unwrap_err();
    assert_eq!(err.to_lab_error().code, "CONFIG_NON_TESTNET");
}

#[tokio::test]
async fn malformed_json_rpc_gets_rippled_errors() {
    let addr = ledger_node().await;
    let http = reqwest::Client::new();
    let reply: Value = http
        .post(format!("http://{addr}/"))
        .body("{not json")
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(reply["result"]["status"], "error");
    let reply: Value = http
        .post(format!("http://{addr}/"))
        .json(&json!({"params": []}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(reply["result"]["error"], "missingCommand");
    let reply: Value = http
        .post(format!("http://{addr}/"))
        .json(&json!({"method": "no_such_method", "params": [{}]}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(reply["result"]["error"], "unknownCmd");
}

#[tokio::test]
async fn resubmitting_the_same_signed_bytes_reports_the_one_real_outcome() {
    let addr = ledger_node().await;
    let transport = Transport::Rpc(RpcTransport::new(
        format!("http://{addr}/"),
        format!("http://{addr}/accounts"),
    ));
    let client = LedgerClient::new(&transport);
    let alice = new_keys();
    let bob = new_keys();
    let (alice_addr, bob_addr) = (
        alice.account_id().to_classic(),
        bob.account_id().to_classic(),
    );
    transport.fund(&alice_addr).await.unwrap();
    transport.fund(&bob_addr).await.unwrap();
    let sequence = client.account_root(&alice_addr).await.unwrap().unwrap()["Sequence"].clone();
    let validated = client.validated_ledger_index().await.unwrap();
    let signed = xrpl_proto::sign::sign_transaction(
        &json!({
            "TransactionType": "Payment",
            "Account": alice_addr,
            "Destination": bob_addr,
            "Amount": "1000000",
            "Fee": "12",
            "Sequence": sequence,
            "LastLedgerSequence": validated + 20,
        }),
        &alice,
    )
    .unwrap();
    let bob_before = client.balance_drops(&bob_addr).await.unwrap();
    let first = client.submit_signed_and_wait(&signed).await.unwrap();
    let again = client.submit_signed_and_wait(&signed).await.unwrap();
    assert!(first.success, "{first:?}");
    assert!(
        again.success,
        "the same bytes are the same transaction: {again:?}"
    );
    assert_eq!(first.txid, again.txid);
    assert_eq!(
        client.balance_drops(&bob_addr).await.unwrap(),
        bob_before + 1_000_000,
        "paid exactly once"
    );
}
