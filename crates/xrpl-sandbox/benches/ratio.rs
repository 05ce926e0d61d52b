//! Paired measurement: applying signed XRP Payments against checking their signatures alone,
//! interleaved in small chunks so both halves see the same machine load (the project's machine
//! is shared, and separate criterion runs drift). Prints per-payment costs, the ratio and the
//! throughput. `cargo bench -p xrpl-sandbox --bench ratio`.

use std::time::{Duration, Instant};

use serde_json::json;
use xrpl_proto::codec::{decode, encode_for_signing};
use xrpl_proto::keys::{KeyPair, PublicKey};
use xrpl_proto::seed::{Algorithm, Seed};
use xrpl_sandbox::ledger::settings::{ClockSource, LedgerConfig};
use xrpl_sandbox::proto::sign_transaction;
use xrpl_sandbox::{Ledger, Ter};

const SENDERS: u32 = 64;
const PAYMENTS: usize = 20_000;
const CHUNK: usize = 250;

fn wallet(n: u32) -> KeyPair {
    let mut entropy = [7u8; 16];
    entropy[..4].copy_from_slice(&n.to_be_bytes());
    KeyPair::from_seed(&Seed::from_entropy(entropy, Algorithm::Ed25519)).unwrap()
}

fn main() {
    let mut ledger = Ledger::new(LedgerConfig {
        clock: ClockSource::Fixed(757_382_400),
        ..LedgerConfig::default()
    });
    let senders: Vec<KeyPair> = (0..SENDERS).map(wallet).collect();
    for s in &senders {
        ledger
            .faucet(Some(s.account_id()), 1_000_000_000_000)
            .unwrap();
    }
    let mut seqs: Vec<u32> = senders
        .iter()
        .map(|s| ledger.account(&s.account_id()).unwrap().sequence)
        .collect();
    let blobs: Vec<Vec<u8>> = (0..PAYMENTS)
        .map(|i| {
            let from = i % senders.len();
            let to = senders[(i + 1) % senders.len()].account_id();
            let tx = json!({"TransactionType": "Payment", "Account": senders[from].account_id().to_classic(),
                "Destination": to.to_classic(), "Amount": "1000", "Fee": "10", "Sequence": seqs[from]});
            seqs[from] += 1;
            sign_transaction(&tx, &senders[from]).unwrap()
        })
        .collect();
    // What a verifier needs, prepared outside the timing: key, signing bytes, signature.
    let prepared: Vec<(PublicKey, Vec<u8>, Vec<u8>)> = blobs
        .iter()
        .map(|blob| {
            let tx = decode(blob).unwrap();
            let key = PublicKey::from_hex(tx["SigningPubKey"].as_str().unwrap()).unwrap();
            let sig = hex::decode(tx["TxnSignature"].as_str().unwrap()).unwrap();
            (key, encode_for_signing(&tx).unwrap(), sig)
        })
        .collect();

    let (mut verify, mut apply) = (Duration::ZERO, Duration::ZERO);
    for (blobs, prepared) in blobs.chunks(CHUNK).zip(prepared.chunks(CHUNK)) {
        let start = Instant::now();
        for (key, message, sig) in prepared {
            key.verify(message, sig).unwrap();
        }
        verify += start.elapsed();
        let start = Instant::now();
        for blob in blobs {
            let outcome = ledger.submit(blob).unwrap();
            assert_eq!(outcome.result, Ter::tesSUCCESS);
        }
        apply += start.elapsed();
    }
    let per = |d: Duration| d.as_secs_f64() * 1e6 / PAYMENTS as f64;
    println!(
        "sandbox/ratio: submit {:.1} µs/payment ({:.0}/s), signature check alone {:.1} µs ({:.0}/s), ratio {:.2}",
        per(apply),
        PAYMENTS as f64 / apply.as_secs_f64(),
        per(verify),
        PAYMENTS as f64 / verify.as_secs_f64(),
        apply.as_secs_f64() / verify.as_secs_f64()
    );
}
