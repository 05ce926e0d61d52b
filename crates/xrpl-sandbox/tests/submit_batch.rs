//! `Ledger::submit_batch` gives exactly what `Ledger::submit` gives one blob at a time —
//! results, ids, ledgers, metadata, refusals and the state left behind — including bad
//! signatures in the middle of a batch, which send their batch back to one-by-one checking.
//!
//! Balances are checked against the rules on xrpl.org: an XRP Payment moves `Amount` and burns
//! `Fee` from the sender (https://xrpl.org/docs/references/protocol/transactions/types/payment,
//! https://xrpl.org/docs/concepts/transactions/transaction-cost); a transaction with a bad
//! signature never reaches the ledger, and one whose Sequence is ahead of the account's is
//! refused with `terPRE_SEQ` and changes nothing
//! (https://xrpl.org/docs/references/protocol/transactions/transaction-results).

mod common;

use common::{Lab, Wallet, XRP, pay_xrp};
use proptest::prelude::*;
use serde_json::{Value, json};
use xrpl_sandbox::ledger::settings::{ClockSource, CloseMode, LedgerConfig};
use xrpl_sandbox::{Ledger, SubmitError, SubmitOutcome, Ter};

/// Reference fee in drops (the sandbox's default, as on Mainnet).
const FEE: u64 = 10;

/// `blob` with one byte of its `TxnSignature` flipped: still well-formed, no longer valid.
fn bad_signature(blob: &[u8]) -> Vec<u8> {
    let tx = xrpl_proto::codec::decode(blob).unwrap();
    let signature = hex::decode(tx["TxnSignature"].as_str().unwrap()).unwrap();
    let at = blob
        .windows(signature.len())
        .position(|w| w == signature.as_slice())
        .unwrap();
    let mut bad = blob.to_vec();
    bad[at + 10] ^= 0x01;
    bad
}

/// What a caller can observe of one submission.
fn observed(outcome: &Result<SubmitOutcome, SubmitError>) -> Value {
    match outcome {
        Ok(o) => json!({
            "result": o.result.token(),
            "hash": o.hash.to_hex(),
            "tx_json": o.tx_json,
            "applied": o.applied,
            "ledger_index": o.ledger_index,
            "validated": o.validated,
            "meta": o.meta,
        }),
        Err(e) => json!({ "error": format!("{e:?}") }),
    }
}

/// Two identical ledgers (fixed clock) with `wallets` funded with 1,000 XRP each.
fn twin_labs(wallets: &[Wallet], close: CloseMode) -> (Lab, Lab) {
    let make = || {
        let mut lab = Lab::with_config(LedgerConfig {
            clock: ClockSource::Fixed(common::T0),
            close,
            ..LedgerConfig::default()
        });
        for w in wallets {
            lab.fund(w, 1_000);
        }
        lab
    };
    (make(), make())
}

fn assert_same_ledgers(a: &Ledger, b: &Ledger, wallets: &[Wallet]) {
    assert_eq!(a.last_closed(), b.last_closed());
    assert_eq!(a.current_ledger_seq(), b.current_ledger_seq());
    assert_eq!(a.total_drops(), b.total_drops());
    for w in wallets {
        let (x, y) = (a.account(&w.account), b.account(&w.account));
        assert_eq!(
            x.map(|r| (r.balance, r.sequence)),
            y.map(|r| (r.balance, r.sequence))
        );
    }
}

#[test]
fn a_bad_signature_mid_batch_is_refused_and_the_rest_apply() {
    let senders: Vec<Wallet> = (1..=4).map(Wallet::ed).collect();
    let receiver = Wallet::ed(9);
    let mut all: Vec<Wallet> = (1..=4).map(Wallet::ed).collect();
    all.push(Wallet::ed(9));
    let (mut lab, _) = twin_labs(&all, CloseMode::EveryTransaction);
    let start: Vec<u32> = senders.iter().map(|w| lab.sequence(w)).collect();

    // 150 payments of 1 XRP to the receiver, round-robin over four senders, so the batch spans
    // three signature batches (64 + 64 + 22). Payment 70 has its signature damaged: it is
    // refused before the engine, so its sender's next payment (74) is ahead of the account's
    // Sequence and every later one of that sender fails `terPRE_SEQ` too.
    let mut blobs = Vec::new();
    for i in 0..150u32 {
        let w = &senders[(i % 4) as usize];
        let mut tx = pay_xrp(&receiver, XRP);
        tx["Sequence"] = json!(start[(i % 4) as usize] + i / 4);
        let tx = lab.autofill(w, tx);
        blobs.push(lab.sign(w, &tx));
    }
    blobs[70] = bad_signature(&blobs[70]);
    let before: Vec<u64> = all.iter().map(|w| lab.balance(w)).collect();

    let outcomes = lab.ledger.submit_batch(&blobs);
    assert_eq!(outcomes.len(), 150);
    assert_eq!(
        outcomes[70].as_ref().unwrap_err(),
        &SubmitError::BadSignature
    );
    let stalled = 70 % 4;
    let mut applied = [0u64; 4];
    for (i, outcome) in outcomes.iter().enumerate() {
        if i == 70 {
            continue;
        }
        let expected = if i % 4 == stalled && i > 70 {
            Ter::terPRE_SEQ
        } else {
            applied[i % 4] += 1;
            Ter::tesSUCCESS
        };
        assert_eq!(outcome.as_ref().unwrap().result, expected, "payment {i}");
    }
    // Of payments 0..150, senders 0 and 1 have 38 each and sender 3 has 37; sender 2 pays only
    // 2, 6, …, 66 (17) before its damaged payment 70.
    assert_eq!(applied, [38, 38, 17, 37]);
    for (k, w) in senders.iter().enumerate() {
        assert_eq!(lab.balance(w), before[k] - applied[k] * (XRP + FEE));
    }
    let total: u64 = applied.iter().sum();
    assert_eq!(lab.balance(&receiver), before[4] + total * XRP);
}

#[test]
fn journal_replay_checks_signatures_in_batches_and_rebuilds_the_same_ledger() {
    let dir = tempfile::tempdir().unwrap();
    let config = LedgerConfig {
        clock: ClockSource::Fixed(common::T0),
        ..LedgerConfig::default()
    };
    let (alice, bob) = (Wallet::ed(1), Wallet::secp(2));
    let (closed, alice_balance, bob_balance, last_hash);
    {
        let mut lab = Lab {
            ledger: Ledger::open(config.clone(), dir.path()).unwrap(),
        };
        lab.fund(&alice, 1_000);
        lab.fund(&bob, 1_000);
        // More than one replay window (256 submits), both key types.
        let (a0, b0) = (lab.sequence(&alice), lab.sequence(&bob));
        let mut blobs = Vec::new();
        for i in 0..300u32 {
            let (from, to, seq) = if i % 3 == 2 {
                (&bob, &alice, b0 + i / 3)
            } else {
                (&alice, &bob, a0 + i - i / 3)
            };
            let mut tx = pay_xrp(to, 1_000);
            tx["Sequence"] = json!(seq);
            let tx = lab.autofill(from, tx);
            blobs.push(lab.sign(from, &tx));
        }
        let outcomes = lab.ledger.submit_batch(&blobs);
        assert!(
            outcomes
                .iter()
                .all(|o| o.as_ref().unwrap().result == Ter::tesSUCCESS)
        );
        last_hash = outcomes[299].as_ref().unwrap().hash;
        closed = lab.ledger.last_closed().clone();
        alice_balance = lab.balance(&alice);
        bob_balance = lab.balance(&bob);
        // Alice sent 200 × 1,000 drops and received 100 × 1,000, paying 200 fees.
        assert_eq!(
            alice_balance,
            1_000 * XRP - 200 * (1_000 + FEE) + 100 * 1_000
        );
        assert_eq!(bob_balance, 1_000 * XRP - 100 * (1_000 + FEE) + 200 * 1_000);
    }
    let reopened = Ledger::open(config, dir.path()).unwrap();
    assert_eq!(reopened.last_closed(), &closed);
    assert_eq!(
        reopened.account(&alice.account).unwrap().balance,
        alice_balance
    );
    assert_eq!(reopened.account(&bob.account).unwrap().balance, bob_balance);
    assert!(reopened.tx(&last_hash).unwrap().validated);
}

/// One step of a generated run: who sends, how much, and what is wrong with it.
#[derive(Debug, Clone)]
struct Step {
    sender: usize,
    drops: u64,
    fault: Fault,
}

#[derive(Debug, Clone, Copy)]
enum Fault {
    None,
    /// A flipped signature byte.
    BadSignature,
    /// The same blob as an earlier step (`tefALREADY` once applied).
    Duplicate,
    /// A Sequence one ahead (`terPRE_SEQ`).
    SequenceAhead,
    /// A Sequence already used (`tefPAST_SEQ`).
    SequencePast,
    /// More than the sender holds (`tecUNFUNDED_PAYMENT`).
    Overdraw,
    /// Truncated bytes (refused as malformed).
    Truncated,
}

fn step() -> impl Strategy<Value = Step> {
    let fault = prop_oneof![
        8 => Just(Fault::None),
        1 => Just(Fault::BadSignature),
        1 => Just(Fault::Duplicate),
        1 => Just(Fault::SequenceAhead),
        1 => Just(Fault::SequencePast),
        1 => Just(Fault::Overdraw),
        1 => Just(Fault::Truncated),
    ];
    (0usize..5, 1u64..5_000_000, fault).prop_map(|(sender, drops, fault)| Step {
        sender,
        drops,
        fault,
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 12, ..ProptestConfig::default() })]

    /// The same blobs, one by one through `submit` and in batches through `submit_batch`: every
    /// outcome and the final ledgers are identical.
    #[test]
    fn submit_batch_is_submit_one_by_one(
        steps in prop::collection::vec(step(), 1..140),
        cut in 1usize..140,
        every_tx in any::<bool>(),
    ) {
        // Four ed25519 senders and one secp256k1 sender (checked one by one inside a batch).
        let wallets = vec![Wallet::ed(1), Wallet::ed(2), Wallet::ed(3), Wallet::ed(4), Wallet::secp(5)];
        let close = if every_tx { CloseMode::EveryTransaction } else { CloseMode::Manual };
        let (mut one, mut batched) = twin_labs(&wallets, close);
        let mut seqs: Vec<u32> = wallets.iter().map(|w| one.sequence(w)).collect();
        let mut blobs: Vec<Vec<u8>> = Vec::new();
        for s in &steps {
            if let (Fault::Duplicate, Some(earlier)) = (s.fault, blobs.last()) {
                blobs.push(earlier.clone());
                continue;
            }
            let from = &wallets[s.sender];
            let to = &wallets[(s.sender + 1) % wallets.len()];
            let seq = match s.fault {
                Fault::SequenceAhead => seqs[s.sender] + 1,
                Fault::SequencePast => seqs[s.sender].saturating_sub(1),
                _ => seqs[s.sender],
            };
            let drops = match s.fault {
                Fault::Overdraw => 2_000 * XRP,
                _ => s.drops,
            };
            let mut tx = pay_xrp(to, drops);
            tx["Sequence"] = json!(seq);
            let blob = one.sign(from, &one.autofill(from, tx));
            match s.fault {
                Fault::BadSignature => blobs.push(bad_signature(&blob)),
                Fault::Truncated => blobs.push(blob[..blob.len() - 3].to_vec()),
                Fault::None | Fault::Overdraw | Fault::Duplicate => {
                    seqs[s.sender] += 1;
                    blobs.push(blob);
                }
                Fault::SequenceAhead | Fault::SequencePast => blobs.push(blob),
            }
        }
        let expected: Vec<Value> = blobs.iter().map(|b| observed(&one.ledger.submit(b))).collect();
        let cut = cut.min(blobs.len());
        let mut got: Vec<Value> = batched.ledger.submit_batch(&blobs[..cut]).iter().map(observed).collect();
        got.extend(batched.ledger.submit_batch(&blobs[cut..]).iter().map(observed));
        prop_assert_eq!(&got, &expected);
        assert_same_ledgers(&one.ledger, &batched.ledger, &wallets);
    }
}
