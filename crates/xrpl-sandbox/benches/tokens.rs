//! Token-family throughput: signed NFTokenMints applied per second (pages filling and splitting
//! as they go), and an MPT Payment between holders and a Payment swapping XRP for USD through an
//! AMM pool, each against an XRP Payment in the same run.
//! Figures and the command are in BENCHMARKS.md ("xrpl-sandbox: NFTs and AMM").

use std::time::Instant;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use serde_json::{Value, json};
use xrpl_proto::amount::MptIssuanceId;
use xrpl_proto::keys::KeyPair;
use xrpl_proto::seed::{Algorithm, Seed};
use xrpl_sandbox::ledger::settings::{ClockSource, LedgerConfig};
use xrpl_sandbox::proto::sign_transaction;
use xrpl_sandbox::{Ledger, Ter};

const XRP: u64 = 1_000_000;
const SENDERS: usize = 64;

fn wallet(n: u32) -> KeyPair {
    let mut entropy = [9u8; 16];
    entropy[..4].copy_from_slice(&n.to_be_bytes());
    KeyPair::from_seed(&Seed::from_entropy(entropy, Algorithm::Ed25519)).unwrap()
}

fn signed(keys: &KeyPair, tx: Value, seq: u32) -> Vec<u8> {
    let mut tx = tx;
    tx["Account"] = json!(keys.account_id().to_classic());
    tx["Fee"] = json!("10");
    tx["Sequence"] = json!(seq);
    sign_transaction(&tx, keys).unwrap()
}

/// A ledger with funded senders and their next sequences.
fn funded() -> (Ledger, Vec<KeyPair>, Vec<u32>) {
    let mut ledger = Ledger::new(LedgerConfig {
        clock: ClockSource::Fixed(757_382_400),
        ..LedgerConfig::default()
    });
    let senders: Vec<KeyPair> = (0..SENDERS as u32).map(wallet).collect();
    for s in &senders {
        ledger
            .faucet(Some(s.account_id()), 1_000_000 * XRP)
            .unwrap();
    }
    let seqs = senders
        .iter()
        .map(|s| ledger.account(&s.account_id()).unwrap().sequence)
        .collect();
    (ledger, senders, seqs)
}

fn submit_all(ledger: &mut Ledger, blobs: &[Vec<u8>]) -> std::time::Duration {
    let start = Instant::now();
    for blob in blobs {
        let outcome = ledger.submit(blob).unwrap();
        debug_assert_eq!(outcome.result, Ter::tesSUCCESS);
    }
    start.elapsed()
}

fn nft_mint(c: &mut Criterion) {
    let mut group = c.benchmark_group("sandbox_tokens");
    group.throughput(Throughput::Elements(1));
    group.bench_function("submit_signed_nftoken_mint", |b| {
        b.iter_custom(|iters| {
            let (mut ledger, senders, mut seqs) = funded();
            let blobs: Vec<Vec<u8>> = (0..iters as usize)
                .map(|i| {
                    let from = i % SENDERS;
                    let tx = json!({"TransactionType": "NFTokenMint", "NFTokenTaxon": i as u32, "Flags": 8});
                    let blob = signed(&senders[from], tx, seqs[from]);
                    seqs[from] += 1;
                    blob
                })
                .collect();
            submit_all(&mut ledger, &blobs)
        });
    });
    group.finish();
}

/// Payments between holders: XRP, and an MPT every sender holds (issued by sender 0).
fn payments(c: &mut Criterion) {
    let mut group = c.benchmark_group("sandbox_tokens");
    group.throughput(Throughput::Elements(1));
    group.bench_function("submit_signed_xrp_payment", |b| {
        b.iter_custom(|iters| {
            let (mut ledger, senders, mut seqs) = funded();
            let blobs: Vec<Vec<u8>> = (0..iters as usize)
                .map(|i| {
                    let from = 1 + i % (SENDERS - 1);
                    let to = senders[1 + (i + 1) % (SENDERS - 1)].account_id();
                    let tx = json!({"TransactionType": "Payment", "Destination": to.to_classic(), "Amount": "1000"});
                    let blob = signed(&senders[from], tx, seqs[from]);
                    seqs[from] += 1;
                    blob
                })
                .collect();
            submit_all(&mut ledger, &blobs)
        });
    });
    group.bench_function("submit_signed_mpt_payment", |b| {
        b.iter_custom(|iters| {
            let (mut ledger, senders, mut seqs) = funded();
            let issuer = &senders[0];
            let id = MptIssuanceId::new(seqs[0], issuer.account_id()).to_string();
            let mut setup = vec![signed(
                issuer,
                json!({"TransactionType": "MPTokenIssuanceCreate", "Flags": 0x20}),
                seqs[0],
            )];
            seqs[0] += 1;
            for (n, holder) in senders.iter().enumerate().skip(1) {
                setup.push(signed(
                    holder,
                    json!({"TransactionType": "MPTokenAuthorize", "MPTokenIssuanceID": id}),
                    seqs[n],
                ));
                seqs[n] += 1;
                let pay = json!({"TransactionType": "Payment", "Destination": holder.account_id().to_classic(),
                    "Amount": {"mpt_issuance_id": id, "value": "1000000000"}});
                setup.push(signed(issuer, pay, seqs[0]));
                seqs[0] += 1;
            }
            submit_all(&mut ledger, &setup);
            let blobs: Vec<Vec<u8>> = (0..iters as usize)
                .map(|i| {
                    let from = 1 + i % (SENDERS - 1);
                    let to = senders[1 + (i + 1) % (SENDERS - 1)].account_id();
                    let tx = json!({"TransactionType": "Payment", "Destination": to.to_classic(),
                        "Amount": {"mpt_issuance_id": id, "value": "1"}});
                    let blob = signed(&senders[from], tx, seqs[from]);
                    seqs[from] += 1;
                    blob
                })
                .collect();
            submit_all(&mut ledger, &blobs)
        });
    });
    group.finish();
}

/// Payments buying 0.001 USD with XRP through a 100,000 XRP / 100,000 USD pool.
fn amm_swaps(c: &mut Criterion) {
    let mut group = c.benchmark_group("sandbox_tokens");
    group.throughput(Throughput::Elements(1));
    group.bench_function("submit_signed_amm_swap_payment", |b| {
        b.iter_custom(|iters| {
            let (mut ledger, senders, mut seqs) = funded();
            let gateway = &senders[0];
            let gw = gateway.account_id().to_classic();
            let usd = |v: &str| json!({"currency": "USD", "issuer": gw, "value": v});
            let mut setup = vec![signed(
                gateway,
                json!({"TransactionType": "AccountSet", "SetFlag": 8}),
                seqs[0],
            )];
            seqs[0] += 1;
            for (n, holder) in senders.iter().enumerate().skip(1) {
                setup.push(signed(
                    holder,
                    json!({"TransactionType": "TrustSet", "LimitAmount": usd("1000000000")}),
                    seqs[n],
                ));
                seqs[n] += 1;
            }
            let maker = &senders[1];
            let pay = json!({"TransactionType": "Payment", "Destination": maker.account_id().to_classic(),
                "Amount": usd("1000000")});
            setup.push(signed(gateway, pay, seqs[0]));
            seqs[0] += 1;
            let mut create = json!({"TransactionType": "AMMCreate", "Amount": (100_000 * XRP).to_string(),
                "Amount2": usd("100000")});
            create["Account"] = json!(maker.account_id().to_classic());
            create["Fee"] = json!("200000");
            create["Sequence"] = json!(seqs[1]);
            setup.push(sign_transaction(&create, maker).unwrap());
            seqs[1] += 1;
            submit_all(&mut ledger, &setup);
            let blobs: Vec<Vec<u8>> = (0..iters as usize)
                .map(|i| {
                    let from = 2 + i % (SENDERS - 2);
                    let tx = json!({"TransactionType": "Payment",
                        "Destination": senders[from].account_id().to_classic(),
                        "Amount": usd("0.001"), "SendMax": "10000"});
                    let blob = signed(&senders[from], tx, seqs[from]);
                    seqs[from] += 1;
                    blob
                })
                .collect();
            submit_all(&mut ledger, &blobs)
        });
    });
    group.finish();
}

criterion_group!(benches, nft_mint, payments, amm_swaps);
criterion_main!(benches);
