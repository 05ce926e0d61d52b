//! Engine throughput: signed XRP payments applied per second, one by one (`Ledger::submit`) and
//! in batches (`Ledger::submit_batch`), against the cost of checking their signatures alone
//! one by one, all measured in the same run; and an OfferCreate crossing a 10,000-offer book.
//!
//! After criterion's figures it prints one summary line from a paired run (each way of
//! submitting measured 256 payments at a time, each chunk right after checking the same
//! chunk's signatures alone, so both halves of a ratio see the same machine load; medians over
//! the chunks): payments/s both ways, verifications/s and the cost ratios. Figures and the
//! command are in BENCHMARKS.md ("xrpl-sandbox").

use std::time::{Duration, Instant};

use criterion::{Criterion, Throughput, criterion_group};
use serde_json::{Value, json};
use xrpl_proto::codec::encode_for_signing;
use xrpl_proto::keys::{KeyPair, PublicKey};
use xrpl_proto::seed::{Algorithm, Seed};
use xrpl_sandbox::ledger::settings::{ClockSource, LedgerConfig};
use xrpl_sandbox::proto::sign_transaction;
use xrpl_sandbox::{Ledger, Ter};

const XRP: u64 = 1_000_000;
const SENDERS: usize = 64;
/// Payments per `submit_batch` call, and per chunk of the paired summary.
const BATCH: usize = 256;
/// Payments in the paired summary run.
const SUMMARY_PAYMENTS: usize = 40_960;

fn wallet(n: u32) -> KeyPair {
    let mut entropy = [7u8; 16];
    entropy[..4].copy_from_slice(&n.to_be_bytes());
    KeyPair::from_seed(&Seed::from_entropy(entropy, Algorithm::Ed25519)).unwrap()
}

fn ledger() -> Ledger {
    Ledger::new(LedgerConfig {
        clock: ClockSource::Fixed(757_382_400),
        ..LedgerConfig::default()
    })
}

fn signed(keys: &KeyPair, tx: Value, seq: u32) -> Vec<u8> {
    let mut tx = tx;
    tx["Account"] = json!(keys.account_id().to_classic());
    tx["Fee"] = json!("10");
    tx["Sequence"] = json!(seq);
    sign_transaction(&tx, keys).unwrap()
}

/// A ledger with funded senders, and `count` signed payments between them.
fn payments(count: u64) -> (Ledger, Vec<Vec<u8>>) {
    let mut ledger = ledger();
    let senders: Vec<KeyPair> = (0..SENDERS as u32).map(wallet).collect();
    for s in &senders {
        ledger
            .faucet(Some(s.account_id()), 1_000_000 * XRP)
            .unwrap();
    }
    let mut seqs: Vec<u32> = senders
        .iter()
        .map(|s| ledger.account(&s.account_id()).unwrap().sequence)
        .collect();
    let blobs = (0..count as usize)
        .map(|i| {
            let from = i % SENDERS;
            let to = senders[(i + 1) % SENDERS].account_id();
            let tx = json!({"TransactionType": "Payment", "Destination": to.to_classic(), "Amount": "1000"});
            let blob = signed(&senders[from], tx, seqs[from]);
            seqs[from] += 1;
            blob
        })
        .collect();
    (ledger, blobs)
}

/// What a verifier needs, per blob: key, signing bytes, signature (prepared untimed).
fn signature_checks(blobs: &[Vec<u8>]) -> Vec<(PublicKey, Vec<u8>, Vec<u8>)> {
    blobs
        .iter()
        .map(|blob| {
            let tx = xrpl_proto::codec::decode(blob).unwrap();
            let key = PublicKey::from_hex(tx["SigningPubKey"].as_str().unwrap()).unwrap();
            let sig = hex::decode(tx["TxnSignature"].as_str().unwrap()).unwrap();
            (key, encode_for_signing(&tx).unwrap(), sig)
        })
        .collect()
}

fn xrp_payments(c: &mut Criterion) {
    let mut group = c.benchmark_group("sandbox");
    group.throughput(Throughput::Elements(1));
    group.bench_function("submit_signed_xrp_payment", |b| {
        b.iter_custom(|iters| {
            let (mut ledger, blobs) = payments(iters);
            let start = Instant::now();
            for blob in &blobs {
                let outcome = ledger.submit(blob).unwrap();
                debug_assert_eq!(outcome.result, Ter::tesSUCCESS);
            }
            start.elapsed()
        });
    });
    group.bench_function("submit_batch_signed_xrp_payment", |b| {
        b.iter_custom(|iters| {
            let (mut ledger, blobs) = payments(iters);
            let start = Instant::now();
            for batch in blobs.chunks(BATCH) {
                for outcome in ledger.submit_batch(batch) {
                    debug_assert_eq!(outcome.unwrap().result, Ter::tesSUCCESS);
                }
            }
            start.elapsed()
        });
    });
    // The same payments' signatures, checked alone: the floor any engine pays.
    group.bench_function("verify_payment_signature_only", |b| {
        b.iter_custom(|iters| {
            let (_, blobs) = payments(iters.min(20_000));
            let prepared = signature_checks(&blobs);
            let mut elapsed = Duration::ZERO;
            let mut left = iters;
            while left > 0 {
                let n = left.min(prepared.len() as u64) as usize;
                let start = Instant::now();
                for (key, message, sig) in &prepared[..n] {
                    key.verify(message, sig).unwrap();
                }
                elapsed += start.elapsed();
                left -= n as u64;
            }
            elapsed
        });
    });
    group.finish();
}

/// A market maker with `offers` asks of 1 USD each, at rising prices.
fn deep_book(offers: u32) -> (Ledger, KeyPair, KeyPair, KeyPair) {
    let mut ledger = ledger();
    let (gw, maker, taker) = (wallet(1_000), wallet(1_001), wallet(1_002));
    for w in [&gw, &maker, &taker] {
        ledger
            .faucet(Some(w.account_id()), 10_000_000 * XRP)
            .unwrap();
    }
    let usd =
        |v: &str| json!({"currency": "USD", "issuer": gw.account_id().to_classic(), "value": v});
    let seq = |l: &Ledger, k: &KeyPair| l.account(&k.account_id()).unwrap().sequence;
    let submit = |l: &mut Ledger, k: &KeyPair, tx: Value| {
        let s = seq(l, k);
        let outcome = l.submit(&signed(k, tx, s)).unwrap();
        assert_eq!(outcome.result, Ter::tesSUCCESS);
    };
    submit(
        &mut ledger,
        &gw,
        json!({"TransactionType": "AccountSet", "SetFlag": 8}),
    );
    for w in [&maker, &taker] {
        submit(
            &mut ledger,
            w,
            json!({"TransactionType": "TrustSet", "LimitAmount": usd("100000000")}),
        );
    }
    submit(
        &mut ledger,
        &gw,
        json!({"TransactionType": "Payment", "Destination": maker.account_id().to_classic(), "Amount": usd("50000000")}),
    );
    for i in 0..offers {
        let price = 1_000_000 + u64::from(i) * 10;
        submit(
            &mut ledger,
            &maker,
            json!({"TransactionType": "OfferCreate", "TakerPays": price.to_string(), "TakerGets": usd("1")}),
        );
    }
    (ledger, gw, maker, taker)
}

fn offer_crossing(c: &mut Criterion) {
    let mut group = c.benchmark_group("sandbox");
    group.sample_size(20);
    group.bench_function("offer_create_crossing_10k_book", |b| {
        let (mut ledger, gw, maker, taker) = deep_book(10_000);
        let usd = |v: &str| json!({"currency": "USD", "issuer": gw.account_id().to_classic(), "value": v});
        b.iter_custom(|iters| {
            let mut elapsed = Duration::ZERO;
            for _ in 0..iters {
                // The taker buys 3 USD: consumes the three best asks.
                let seq = ledger.account(&taker.account_id()).unwrap().sequence;
                let bid = signed(&taker, json!({"TransactionType": "OfferCreate", "TakerPays": usd("3"), "TakerGets": (4 * XRP).to_string()}), seq);
                let start = Instant::now();
                let outcome = ledger.submit(&bid).unwrap();
                elapsed += start.elapsed();
                assert_eq!(outcome.result, Ter::tesSUCCESS);
                // Keep the book at 10,000 offers (untimed).
                for _ in 0..3 {
                    let seq = ledger.account(&maker.account_id()).unwrap().sequence;
                    let ask = signed(&maker, json!({"TransactionType": "OfferCreate", "TakerPays": "1200000", "TakerGets": usd("1")}), seq);
                    ledger.submit(&ask).unwrap();
                }
            }
            elapsed
        });
    });
    group.finish();
}

/// The summary: the same payments submitted one by one and submitted in batches, each paired
/// chunk by chunk with checking the same chunk's signatures alone, so that every ratio's two
/// halves run back to back under the same load.
///
/// The two ways run as two passes, each on its own ledger, rather than interleaved chunk by
/// chunk: interleaving put the other ledger's work (and its allocations) between every two
/// chunks, which made one-by-one submits a quarter to a third slower than on a ledger alone (a
/// cache and allocator effect of having two engines in one process, not engine work).
fn paired_summary() {
    let (mut one_by_one, blobs) = payments(SUMMARY_PAYMENTS as u64);
    let checks = signature_checks(&blobs);
    let per = |d: Duration, n: usize| d.as_secs_f64() * 1e6 / n as f64;
    let verify_alone = |checks: &[(PublicKey, Vec<u8>, Vec<u8>)]| {
        let start = Instant::now();
        for (key, message, sig) in checks {
            key.verify(message, sig).unwrap();
        }
        per(start.elapsed(), checks.len())
    };
    // Per chunk: µs per payment for verify alone, then for the submit way being measured.
    let mut singles: Vec<[f64; 2]> = Vec::new();
    for (chunk, checks) in blobs.chunks(BATCH).zip(checks.chunks(BATCH)) {
        let verify = verify_alone(checks);
        let start = Instant::now();
        for blob in chunk {
            assert_eq!(one_by_one.submit(blob).unwrap().result, Ter::tesSUCCESS);
        }
        singles.push([verify, per(start.elapsed(), chunk.len())]);
    }
    // The first ledger's result is all the second pass needs of it: dropped, it leaves the
    // second pass the same clean heap the first had.
    let one_by_one_hash = one_by_one.last_closed().hash;
    drop(one_by_one);
    let (mut batched, _) = payments(0);
    let mut batches: Vec<[f64; 2]> = Vec::new();
    for (chunk, checks) in blobs.chunks(BATCH).zip(checks.chunks(BATCH)) {
        let verify = verify_alone(checks);
        let start = Instant::now();
        let outcomes = batched.submit_batch(chunk);
        let batch = per(start.elapsed(), chunk.len());
        assert!(
            outcomes
                .iter()
                .all(|o| o.as_ref().unwrap().result == Ter::tesSUCCESS)
        );
        batches.push([verify, batch]);
    }
    assert_eq!(one_by_one_hash, batched.last_closed().hash);
    // Medians over chunks, and ratios taken chunk by chunk (the two halves of a ratio ran
    // back to back): a burst of load from elsewhere moves single chunks, not the medians.
    let median = |values: Vec<f64>| {
        let mut values = values;
        values.sort_by(f64::total_cmp);
        values[values.len() / 2]
    };
    let verify = median(singles.iter().chain(&batches).map(|c| c[0]).collect());
    let submit = median(singles.iter().map(|c| c[1]).collect());
    let batch = median(batches.iter().map(|c| c[1]).collect());
    println!(
        "sandbox/summary: {SUMMARY_PAYMENTS} signed XRP payments, one core, median of {} chunks: \
         submit_batch({BATCH}) {:.0}/s ({batch:.1} µs), submit {:.0}/s ({submit:.1} µs), \
         ed25519 verify alone {:.0}/s ({verify:.1} µs); \
         cost ÷ verification: batch {:.2}, one by one {:.2}",
        singles.len(),
        1e6 / batch,
        1e6 / submit,
        1e6 / verify,
        median(batches.iter().map(|c| c[1] / c[0]).collect()),
        median(singles.iter().map(|c| c[1] / c[0]).collect()),
    );
}

fn config() -> Criterion {
    // Short windows keep the whole bench (setup and summary included) under two minutes.
    Criterion::default()
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(4))
        .configure_from_args()
}

criterion_group! {
    name = benches;
    config = config();
    targets = xrp_payments, offer_crossing
}

/// Applies `blobs` one by one: its own function so that an instruction profile can count it
/// alone (`valgrind --tool=callgrind --toggle-collect='*submit_one_by_one*'`).
#[inline(never)]
fn submit_one_by_one(ledger: &mut Ledger, blobs: &[Vec<u8>]) {
    for blob in blobs {
        let outcome = ledger.submit(blob).map(|o| o.result).ok();
        assert_eq!(outcome, Some(Ter::tesSUCCESS));
    }
}

fn main() {
    // `XRPL_PROFILE_SUBMITS=n`: only submit n payments one by one, for an instruction profile.
    if let Some(n) = std::env::var("XRPL_PROFILE_SUBMITS")
        .ok()
        .and_then(|n| n.parse().ok())
    {
        let (mut ledger, blobs) = payments(n);
        let start = Instant::now();
        submit_one_by_one(&mut ledger, &blobs);
        let per = start.elapsed().as_secs_f64() * 1e6 / n as f64;
        println!("sandbox/profile: {n} payments submitted one by one, {per:.1} µs each");
        assert_eq!(ledger.submit(&blobs[0]).unwrap().result, Ter::tefALREADY);
        return;
    }
    benches();
    // `cargo test --benches` runs each bench once as a smoke test; the summary is a measurement.
    if !std::env::args().any(|arg| arg == "--test" || arg == "--list") {
        paired_summary();
    }
    Criterion::default().configure_from_args().final_summary();
}
