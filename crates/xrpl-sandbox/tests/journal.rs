//! Persistence: a ledger with a data directory comes back after a restart exactly as it was —
//! balances, objects, ledger hashes, transaction ids and metadata — and keeps going.

mod common;

use std::fs::OpenOptions;
use std::io::Write;

use common::{Lab, Wallet, XRP, iou, pay_iou, pay_xrp, set_flag, trust};
use serde_json::json;
use xrpl_sandbox::journal::{JOURNAL_FILE, JournalError};
use xrpl_sandbox::ledger::settings::{ClockSource, CloseMode, LedgerConfig};
use xrpl_sandbox::{Ledger, Ter};

fn config(close: CloseMode) -> LedgerConfig {
    LedgerConfig {
        clock: ClockSource::Real,
        close,
        ..LedgerConfig::default()
    }
}

fn open(dir: &std::path::Path, close: CloseMode) -> Lab {
    Lab {
        ledger: Ledger::open(config(close), dir).unwrap(),
    }
}

#[test]
fn a_restart_rebuilds_the_same_ledgers() {
    let dir = tempfile::tempdir().unwrap();
    let (gw, alice, bob) = (Wallet::ed(10), Wallet::ed(1), Wallet::secp(2));
    let (hash, payment, validated, balances);
    {
        let mut lab = open(dir.path(), CloseMode::Manual);
        for w in [&gw, &alice, &bob] {
            lab.fund(w, 1000);
        }
        lab.ledger.ledger_accept().unwrap();
        lab.expect(&gw, set_flag(8), Ter::tesSUCCESS);
        lab.expect(&alice, trust(&gw, "USD", "500"), Ter::tesSUCCESS);
        lab.expect(&gw, pay_iou(&alice, iou(&gw, "USD", "75")), Ter::tesSUCCESS);
        lab.ledger.ledger_accept().unwrap();
        payment = lab.expect(&alice, pay_xrp(&bob, 3 * XRP), Ter::tesSUCCESS);
        // A refused transaction is recorded too, and refused again on replay.
        lab.expect(&alice, pay_xrp(&bob, 0), Ter::temBAD_AMOUNT);
        lab.ledger.ledger_accept().unwrap();
        // Left in the open ledger at shutdown: it comes back, still unvalidated.
        lab.expect(&bob, pay_xrp(&alice, XRP), Ter::tesSUCCESS);
        hash = lab.ledger.last_closed().hash;
        validated = lab.ledger.validated_ledger_seq();
        balances = [&gw, &alice, &bob].map(|w| lab.balance(w));
    }
    let mut lab = open(dir.path(), CloseMode::Manual);
    assert_eq!(lab.ledger.last_closed().hash, hash);
    assert_eq!(lab.ledger.validated_ledger_seq(), validated);
    assert_eq!([&gw, &alice, &bob].map(|w| lab.balance(w)), balances);
    assert_eq!(lab.iou_balance(&alice, &gw, "USD"), "75");
    let found = lab.ledger.tx(&payment.hash).unwrap();
    assert!(found.validated);
    assert_eq!(Some(found.record.meta()), payment.meta);
    // And it carries on where it stopped.
    lab.expect(&alice, pay_xrp(&bob, XRP), Ter::tesSUCCESS);
    lab.ledger.ledger_accept().unwrap();
    let seq = lab.ledger.validated_ledger_seq();
    drop(lab);
    let lab = open(dir.path(), CloseMode::Manual);
    assert_eq!(lab.ledger.validated_ledger_seq(), seq);
    assert_eq!(lab.balance(&bob), balances[2] + XRP);
}

#[test]
fn the_default_close_mode_replays_too() {
    let dir = tempfile::tempdir().unwrap();
    let alice = Wallet::ed(1);
    let grant_hash = {
        let mut lab = open(dir.path(), CloseMode::EveryTransaction);
        let grant = lab.ledger.faucet(None, 500 * XRP).unwrap();
        lab.fund(&alice, 10);
        grant.tx_hash
    };
    let mut lab = open(dir.path(), CloseMode::EveryTransaction);
    assert!(lab.ledger.tx(&grant_hash).unwrap().validated);
    assert_eq!(lab.balance(&alice), 10 * XRP);
    let tx = lab.rpc("tx", json!({"transaction": grant_hash.to_hex()}));
    assert_eq!(tx["meta"]["TransactionResult"], "tesSUCCESS");
}

#[test]
fn a_torn_last_record_is_dropped_and_a_corrupt_one_refused() {
    let dir = tempfile::tempdir().unwrap();
    let alice = Wallet::ed(1);
    {
        let mut lab = open(dir.path(), CloseMode::EveryTransaction);
        lab.fund(&alice, 10);
    }
    let path = dir.path().join(JOURNAL_FILE);
    let mut file = OpenOptions::new().append(true).open(&path).unwrap();
    file.write_all(br#"{"event":"submit","blob":"1200"#)
        .unwrap();
    drop(file);
    {
        let mut lab = open(dir.path(), CloseMode::EveryTransaction);
        assert_eq!(lab.balance(&alice), 10 * XRP);
        lab.fund(&alice, 5);
    }
    let lab = open(dir.path(), CloseMode::EveryTransaction);
    assert_eq!(lab.balance(&alice), 15 * XRP);
    drop(lab);

    let text = std::fs::read_to_string(&path).unwrap();
    let mut lines: Vec<&str> = text.lines().collect();
    lines.insert(1, "not a record");
    std::fs::write(&path, lines.join("\n") + "\n").unwrap();
    match Ledger::open(config(CloseMode::EveryTransaction), dir.path()) {
        Err(JournalError::Corrupt { line, .. }) => assert_eq!(line, 2),
        other => panic!("expected a corrupt journal, got {other:?}"),
    }
}
