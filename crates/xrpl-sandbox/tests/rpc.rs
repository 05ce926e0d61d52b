//! The JSON-RPC face: rippled's request and response shapes, including its errors, for the
//! methods a client needs to fund, sign, submit and verify.
//! Reference: <https://xrpl.org/docs/references/http-websocket-apis/public-api-methods>.

mod common;

use common::{Lab, T0, Wallet, XRP, pay_xrp};
use serde_json::{Value, json};
use xrpl_sandbox::ledger::settings::{ClockSource, CloseMode, LedgerConfig};

fn submit_blob(lab: &mut Lab, blob: &[u8]) -> Value {
    lab.rpc("submit", json!({"tx_blob": hex::encode_upper(blob)}))
}

#[test]
fn submit_then_tx_in_both_api_versions() {
    let mut lab = Lab::new();
    let (alice, bob) = (Wallet::ed(1), Wallet::ed(2));
    lab.fund(&alice, 100);
    let tx = lab.autofill(&alice, pay_xrp(&bob, 20 * XRP));
    let blob = lab.sign(&alice, &tx);
    let result = submit_blob(&mut lab, &blob);
    assert_eq!(result["status"], "success");
    assert_eq!(result["engine_result"], "tesSUCCESS");
    assert_eq!(result["engine_result_code"], 0);
    assert_eq!(result["applied"], true);
    assert_eq!(result["accepted"], true);
    assert_eq!(result["tx_blob"], hex::encode_upper(&blob));
    let hash = result["tx_json"]["hash"].as_str().unwrap().to_owned();
    assert_eq!(hash, xrpl_proto::hash::transaction_id(&blob).to_hex());
    assert_eq!(result["account_sequence_next"], lab.sequence(&alice));

    let v1 = lab.rpc("tx", json!({"transaction": hash}));
    assert_eq!(v1["status"], "success");
    assert_eq!(v1["validated"], true);
    assert_eq!(v1["Account"], alice.address());
    assert_eq!(v1["Amount"], (20 * XRP).to_string());
    assert_eq!(v1["DeliverMax"], (20 * XRP).to_string());
    assert_eq!(v1["hash"], hash);
    assert_eq!(v1["meta"]["TransactionResult"], "tesSUCCESS");
    assert_eq!(v1["meta"]["delivered_amount"], (20 * XRP).to_string());
    assert!(v1["date"].as_u64().unwrap() > u64::from(T0));

    let v2 = lab.rpc("tx", json!({"transaction": hash, "api_version": 2}));
    assert_eq!(v2["tx_json"]["DeliverMax"], (20 * XRP).to_string());
    assert!(v2["tx_json"].get("Amount").is_none());
    assert_eq!(v2["hash"], hash);
    assert_eq!(v2["ledger_index"], v1["ledger_index"]);
    assert!(v2["close_time_iso"].as_str().unwrap().ends_with('Z'));
    assert_eq!(v2["validated"], true);

    let history = lab.rpc("account_tx", json!({"account": bob.address()}));
    let txs = history["transactions"].as_array().unwrap();
    assert_eq!(txs.len(), 1, "bob appears in the payment that created him");
    assert_eq!(txs[0]["tx"]["hash"], hash);
}

#[test]
fn a_claimed_failure_reports_its_code_through_submit() {
    let mut lab = Lab::new();
    let (alice, bob) = (Wallet::ed(1), Wallet::ed(2));
    lab.fund(&alice, 100);
    let tx = lab.autofill(&alice, pay_xrp(&bob, 1));
    let blob = lab.sign(&alice, &tx);
    let result = submit_blob(&mut lab, &blob);
    assert_eq!(result["engine_result"], "tecNO_DST_INSUF_XRP");
    assert_eq!(result["engine_result_code"], 125);
    assert_eq!(result["applied"], true);
    let malformed = lab.autofill(&alice, pay_xrp(&bob, 0));
    let blob = lab.sign(&alice, &malformed);
    let result = submit_blob(&mut lab, &blob);
    assert_eq!(result["engine_result"], "temBAD_AMOUNT");
    assert_eq!(result["applied"], false);
    assert_eq!(result["kept"], false);
}

#[test]
fn account_info_fee_and_server_info() {
    let mut lab = Lab::new();
    let alice = Wallet::ed(1);
    lab.fund(&alice, 100);
    let info = lab.rpc(
        "account_info",
        json!({"account": alice.address(), "ledger_index": "validated"}),
    );
    assert_eq!(info["status"], "success");
    assert_eq!(info["validated"], true);
    assert_eq!(info["account_data"]["Balance"], (100 * XRP).to_string());
    assert_eq!(info["account_data"]["LedgerEntryType"], "AccountRoot");
    assert_eq!(info["account_data"]["Sequence"], lab.sequence(&alice));
    assert_eq!(info["account_flags"]["requireDestinationTag"], false);
    assert_eq!(info["ledger_index"], lab.ledger.validated_ledger_seq());

    let fee = lab.rpc("fee", json!({}));
    assert_eq!(fee["drops"]["base_fee"], "10");
    assert_eq!(fee["drops"]["open_ledger_fee"], "10");

    let server = lab.rpc("server_info", json!({}));
    let validated = &server["info"]["validated_ledger"];
    assert_eq!(validated["seq"], lab.ledger.validated_ledger_seq());
    assert_eq!(validated["reserve_base_xrp"], 1.0);
    assert_eq!(validated["reserve_inc_xrp"], 0.2);
    assert_eq!(validated["base_fee_xrp"], 0.00001);
    assert_eq!(server["info"]["server_state"], "full");
}

#[test]
fn server_state_gives_fees_and_reserves_in_drops_under_state() {
    let mut lab = Lab::new();
    let alice = Wallet::ed(1);
    lab.fund(&alice, 100);
    let info = lab.rpc("server_info", json!({}));
    let state = lab.rpc("server_state", json!({}));
    let validated = &state["state"]["validated_ledger"];
    let drops = |xrp: &Value| (xrp.as_f64().unwrap() * 1e6).round() as u64;
    let from_info = &info["info"]["validated_ledger"];
    // What xrpl-py reads to price AMMCreate and AccountDelete: integer drops.
    assert_eq!(
        validated["reserve_inc"],
        drops(&from_info["reserve_inc_xrp"])
    );
    assert_eq!(
        validated["reserve_base"],
        drops(&from_info["reserve_base_xrp"])
    );
    assert_eq!(validated["base_fee"], drops(&from_info["base_fee_xrp"]));
    assert_eq!(
        validated["reserve_inc"],
        lab.ledger.fees().reserve_increment
    );
    assert_eq!(validated["seq"], lab.ledger.validated_ledger_seq());
    assert_eq!(state["state"]["server_state"], "full");
    assert!(state.get("info").is_none());
}

#[test]
fn manual_close_keeps_current_and_validated_apart() {
    let mut lab = Lab::with_config(LedgerConfig {
        clock: ClockSource::Fixed(T0),
        close: CloseMode::Manual,
        ..LedgerConfig::default()
    });
    let (alice, bob) = (Wallet::ed(1), Wallet::ed(2));
    lab.fund(&alice, 100);
    let outcome = lab.submit(&alice, pay_xrp(&bob, 10 * XRP));
    assert!(outcome.applied && !outcome.validated);
    let hash = outcome.hash.to_hex();
    assert_eq!(
        lab.rpc("tx", json!({"transaction": hash}))["validated"],
        false
    );

    // The open ledger sees bob; the validated ledger has not heard of him yet.
    let current = lab.rpc("account_info", json!({"account": bob.address()}));
    assert_eq!(current["account_data"]["Balance"], (10 * XRP).to_string());
    assert_eq!(current["validated"], false);
    let validated = lab.rpc(
        "account_info",
        json!({"account": bob.address(), "ledger_index": "validated"}),
    );
    assert_eq!(validated["error"], "actNotFound");

    let open_seq = lab.ledger.current_ledger_seq();
    let accepted = lab.rpc("ledger_accept", json!({}));
    assert_eq!(accepted["ledger_current_index"], open_seq + 1);
    assert_eq!(
        lab.rpc("tx", json!({"transaction": hash}))["validated"],
        true
    );
    let validated = lab.rpc(
        "account_info",
        json!({"account": bob.address(), "ledger_index": "validated"}),
    );
    assert_eq!(validated["account_data"]["Balance"], (10 * XRP).to_string());

    let ledger = lab.rpc(
        "ledger",
        json!({"ledger_index": open_seq, "transactions": true}),
    );
    assert_eq!(ledger["ledger"]["closed"], true);
    let txs = ledger["ledger"]["transactions"].as_array().unwrap();
    assert_eq!(txs.len(), 2, "the faucet payment and alice's payment");
    assert_eq!(txs[1], hash);
    let expanded = lab.rpc(
        "ledger",
        json!({"ledger_index": open_seq, "transactions": true, "expand": true}),
    );
    assert_eq!(
        expanded["ledger"]["transactions"][1]["metaData"]["TransactionIndex"],
        1
    );
}

#[test]
fn ledger_entry_by_index_and_by_account() {
    let mut lab = Lab::new();
    let alice = Wallet::ed(1);
    lab.fund(&alice, 100);
    let by_account = lab.rpc("ledger_entry", json!({"account_root": alice.address()}));
    let index = by_account["index"].as_str().unwrap().to_owned();
    let by_index = lab.rpc("ledger_entry", json!({"index": index}));
    assert_eq!(by_index["node"], by_account["node"]);
    assert_eq!(by_index["node"]["Account"], alice.address());
    let missing = lab.rpc("ledger_entry", json!({"index": "00".repeat(32)}));
    assert_eq!(missing["error"], "entryNotFound");
}

#[test]
fn errors_have_rippled_shapes() {
    let mut lab = Lab::new();
    let alice = Wallet::ed(1);
    let cases: Vec<(&str, Value, &str, Option<i64>)> = vec![
        ("no_such_method", json!({}), "unknownCmd", Some(32)),
        ("account_info", json!({}), "invalidParams", Some(31)),
        (
            "account_info",
            json!({"account": "not-an-address"}),
            "actMalformed",
            Some(35),
        ),
        (
            "account_info",
            json!({"account": alice.address()}),
            "actNotFound",
            Some(19),
        ),
        (
            "account_info",
            json!({"account": alice.address(), "ledger_index": 999_999}),
            "lgrNotFound",
            Some(21),
        ),
        (
            "tx",
            json!({"transaction": "AB".repeat(32)}),
            "txnNotFound",
            Some(29),
        ),
        (
            "tx",
            json!({"transaction": "xyz"}),
            "invalidParams",
            Some(31),
        ),
        ("submit", json!({}), "invalidParams", Some(31)),
        (
            "submit",
            json!({"tx_blob": "zz"}),
            "invalidParams",
            Some(31),
        ),
        (
            "submit",
            json!({"tx_blob": "DEADBEEF"}),
            "invalidTransaction",
            None,
        ),
        (
            "ledger",
            json!({"ledger_index": 999_999}),
            "lgrNotFound",
            Some(21),
        ),
    ];
    for (method, params, token, code) in cases {
        let result = lab.rpc(method, params.clone());
        assert_eq!(result["status"], "error", "{method} {params}");
        assert_eq!(result["error"], token, "{method} {params}");
        assert_eq!(result["error_code"].as_i64(), code, "{method} {params}");
        assert_eq!(result["request"], params);
    }
    // Not even a JSON-RPC call.
    let response = lab.ledger.rpc(&json!({"params": []}));
    assert_eq!(response["result"]["error"], "badSyntax");
    let response = lab.ledger.rpc(&json!({"method": "fee", "params": "nope"}));
    assert_eq!(response["result"]["error"], "invalidParams");
}

#[test]
fn a_bad_signature_is_an_invalid_transaction() {
    let mut lab = Lab::new();
    let (alice, bob) = (Wallet::ed(1), Wallet::ed(2));
    lab.fund(&alice, 100);
    let tx = lab.autofill(&alice, pay_xrp(&bob, XRP));
    let mut signed = lab.sign(&alice, &tx);
    let last = signed.len() - 30;
    signed[last] ^= 0x55;
    let result = submit_blob(&mut lab, &signed);
    assert_eq!(result["status"], "error");
    assert!(result["error"] == "invalidTransaction", "{result}");
}

#[test]
fn faucet_response_is_testnet_shaped_and_real() {
    let mut lab = Lab::new();
    let grant = lab.ledger.faucet(None, 1000 * XRP).unwrap();
    let body = grant.to_testnet_json();
    let address = body["account"]["classicAddress"].as_str().unwrap();
    assert_eq!(address, grant.account.to_classic());
    assert!(
        body["account"]["xAddress"]
            .as_str()
            .unwrap()
            .starts_with('T')
    );
    let seed = grant.seed.clone().unwrap();
    assert!(seed.starts_with("sEd"));
    // No secret in the response body or the debug output.
    assert!(!body.to_string().contains(&seed));
    assert!(!format!("{grant:?}").contains(&seed));
    assert_eq!(body["amount"], 1000.0);
    // The generated seed really controls the funded account.
    let keys = xrpl_proto::keys::KeyPair::from_seed_str(grant.seed.as_deref().unwrap()).unwrap();
    assert_eq!(keys.account_id(), grant.account);
    let tx = lab.rpc("tx", json!({"transaction": body["hash"]}));
    assert_eq!(tx["Destination"], address);
}

#[test]
fn ledger_entry_by_object_fields() {
    let mut lab = Lab::new();
    let (gw, alice) = (Wallet::ed(10), Wallet::ed(1));
    lab.fund(&gw, 100);
    lab.fund(&alice, 100);
    lab.expect(
        &alice,
        common::trust(&gw, "USD", "10"),
        xrpl_sandbox::Ter::tesSUCCESS,
    );
    let line = lab.rpc(
        "ledger_entry",
        json!({"ripple_state": {"accounts": [gw.address(), alice.address()], "currency": "USD"}}),
    );
    assert_eq!(line["node"]["LedgerEntryType"], "RippleState");
    let by_id = lab.rpc("ledger_entry", json!({"ripple_state": line["index"]}));
    assert_eq!(by_id["node"], line["node"]);
    let seq = lab.sequence(&alice);
    lab.expect(
        &alice,
        json!({"TransactionType": "OfferCreate", "TakerPays": common::iou(&gw, "USD", "1"), "TakerGets": "1000000"}),
        xrpl_sandbox::Ter::tesSUCCESS,
    );
    let offer = lab.rpc(
        "ledger_entry",
        json!({"offer": {"account": alice.address(), "seq": seq}}),
    );
    assert_eq!(offer["node"]["Sequence"], seq);
    let bad = lab.rpc(
        "ledger_entry",
        json!({"offer": {"account": alice.address()}}),
    );
    assert_eq!(bad["error"], "invalidParams");
    let missing = lab.rpc(
        "ledger_entry",
        json!({"escrow": {"owner": alice.address(), "seq": 1}}),
    );
    assert_eq!(missing["error"], "entryNotFound");
}

#[test]
fn an_interval_closes_ledgers_as_time_passes() {
    let mut lab = Lab::with_config(LedgerConfig {
        clock: ClockSource::Fixed(T0),
        close: CloseMode::Interval(std::time::Duration::from_secs(4)),
        ..LedgerConfig::default()
    });
    let alice = Wallet::ed(1);
    let grant = lab.ledger.faucet(Some(alice.account), 100 * XRP).unwrap();
    let hash = grant.tx_hash.to_hex();
    assert_eq!(
        lab.rpc("tx", json!({"transaction": hash}))["validated"],
        false
    );
    lab.ledger.advance_time(3);
    assert_eq!(
        lab.rpc("tx", json!({"transaction": hash}))["validated"],
        false
    );
    lab.ledger.advance_time(1);
    // Any call after the interval closes the open ledger first.
    assert_eq!(
        lab.rpc("tx", json!({"transaction": hash}))["validated"],
        true
    );
    assert_eq!(lab.ledger.last_closed().close_time, T0 + 4);
}

/// `account_currencies`: a currency can be received while the line's balance is under the
/// account's limit, and sent while the peer's limit leaves room for the account to owe (or the
/// account holds some).
/// Reference: <https://xrpl.org/docs/references/http-websocket-apis/public-api-methods/account-methods/account_currencies>.
#[test]
fn account_currencies_lists_what_each_side_can_still_receive_and_send() {
    use common::{iou, pay_iou, trust};
    use xrpl_sandbox::Ter;
    let mut lab = Lab::new();
    let (gw, alice) = (Wallet::ed(1), Wallet::ed(2));
    lab.fund(&gw, 1000);
    lab.fund(&alice, 1000);
    lab.expect(&alice, trust(&gw, "USD", "100"), Ter::tesSUCCESS);
    lab.expect(&alice, trust(&gw, "EUR", "50"), Ter::tesSUCCESS);
    lab.expect(&alice, trust(&gw, "BTC", "10"), Ter::tesSUCCESS);
    // Alice's USD line is full: she can send USD but receive no more.
    lab.expect(
        &gw,
        pay_iou(&alice, iou(&gw, "USD", "100")),
        Ter::tesSUCCESS,
    );

    let mine = lab.rpc(
        "account_currencies",
        json!({"account": alice.address(), "ledger_index": "validated"}),
    );
    assert_eq!(mine["status"], "success");
    assert_eq!(mine["receive_currencies"], json!(["BTC", "EUR"]));
    assert_eq!(mine["send_currencies"], json!(["USD"]));
    assert_eq!(mine["ledger_index"], lab.ledger.validated_ledger_seq());
    // The issuer sees the mirror: it can take its USD back, and issue what is trusted.
    let theirs = lab.rpc("account_currencies", json!({"account": gw.address()}));
    assert_eq!(theirs["receive_currencies"], json!(["USD"]));
    assert_eq!(theirs["send_currencies"], json!(["BTC", "EUR"]));

    let missing = lab.rpc(
        "account_currencies",
        json!({"account": Wallet::ed(9).address()}),
    );
    assert_eq!(missing["error"], "actNotFound");
}
