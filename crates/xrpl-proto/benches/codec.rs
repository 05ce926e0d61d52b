//! Criterion benches for the codec side of xrpl-proto (figures and commands in BENCHMARKS.md).
//!
//! A signed XRP Payment and an issued-currency Payment with a memo: the transactions the lab
//! signs most, and the ones the sandbox decodes for every submission.

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use serde_json::{Value, json};
use xrpl_proto::address::AccountId;
use xrpl_proto::codec::{decode, encode, encode_for_signing};
use xrpl_proto::definitions::definitions;

fn xrp_payment() -> Value {
    json!({
        "TransactionType": "Payment",
        "Account": "r3kmLJN5D28dHuH8vZNUZpMC43pEHpaocV",
        "Destination": "rLQBHVhFnaC5gLEkgr6HgBJJ3bgeZHg9cj",
        "Amount": "10000000000",
        "Fee": "10",
        "Flags": 0,
        "Sequence": 62,
        "SigningPubKey": "034AADB09CFF4A4804073701EC53C3510CDC95917C2BB0150FB742D0C66E6CEE9E",
        "TxnSignature": "3045022022EB32AECEF7C644C891C19F87966DF9C62B1F34BABA6BE774325E4BB8E2DD62022100A51437898C28C2B297112DF8131F2BB39EA5FE613487DDD611525F1796264639"
    })
}

fn issued_payment() -> Value {
    json!({
        "TransactionType": "Payment",
        "Account": "r3kmLJN5D28dHuH8vZNUZpMC43pEHpaocV",
        "Destination": "rLQBHVhFnaC5gLEkgr6HgBJJ3bgeZHg9cj",
        "Amount": {"currency": "USD", "value": "1234.5678", "issuer": "rLQBHVhFnaC5gLEkgr6HgBJJ3bgeZHg9cj"},
        "Fee": "12",
        "Flags": 2147483648u32,
        "Sequence": 7,
        "LastLedgerSequence": 8_000_020,
        "Memos": [{"Memo": {"MemoType": "746578742F706C61696E", "MemoData": "48656C6C6F"}}],
        "SigningPubKey": "ED5F5AC8B98974A3CA843326D9B88CEBD0560177B973EE0B149F782CFAA06DC66A"
    })
}

fn codec(c: &mut Criterion) {
    let mut group = c.benchmark_group("codec");
    group.throughput(Throughput::Elements(1));
    for (name, tx) in [
        ("xrp_payment", xrp_payment()),
        ("issued_payment", issued_payment()),
    ] {
        let blob = encode(&tx).unwrap();
        group.bench_function(format!("encode/{name}"), |b| {
            b.iter(|| encode(black_box(&tx)))
        });
        group.bench_function(format!("decode/{name}"), |b| {
            b.iter(|| decode(black_box(&blob)))
        });
        group.bench_function(format!("encode_for_signing/{name}"), |b| {
            b.iter(|| encode_for_signing(black_box(&tx)))
        });
    }
    group.finish();

    // Where an encode's time goes: the two parts that are not table lookups and byte copies.
    let mut parts = c.benchmark_group("codec_parts");
    parts.bench_function("account_from_classic", |b| {
        b.iter(|| AccountId::from_classic(black_box("r3kmLJN5D28dHuH8vZNUZpMC43pEHpaocV")))
    });
    parts.bench_function("field_lookup", |b| {
        b.iter(|| definitions().field_index(black_box("SigningPubKey")))
    });
    parts.finish();
}

criterion_group!(benches, codec);
criterion_main!(benches);
