//! Criterion benches for the crypto side of xrpl-proto: key derivation, raw signatures and
//! verification for both algorithms (figures and the command in BENCHMARKS.md).

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use xrpl_proto::keys::KeyPair;
use xrpl_proto::seed::Seed;

const ED_SEED: &str = "sEdTM1uX8pu2do5XvTnutH6HsouMaM2";
const SECP_SEED: &str = "sp6JS7f14BuwFY8Mw6bTtLKWauoUs";

/// About the size of a signed Payment's signing serialisation.
const MESSAGE: [u8; 180] = [0x5A; 180];

fn derivation(c: &mut Criterion) {
    let mut group = c.benchmark_group("derive");
    for (name, seed) in [("ed25519", ED_SEED), ("secp256k1", SECP_SEED)] {
        let seed = Seed::decode(seed).unwrap();
        group.bench_function(name, |b| {
            b.iter(|| KeyPair::from_seed(black_box(&seed)).unwrap())
        });
    }
    group.finish();
}

fn raw_signatures(c: &mut Criterion) {
    let mut group = c.benchmark_group("sign_raw");
    for (name, seed) in [("ed25519", ED_SEED), ("secp256k1", SECP_SEED)] {
        let pair = KeyPair::from_seed_str(seed).unwrap();
        group.bench_function(name, |b| b.iter(|| pair.sign(black_box(&MESSAGE)).unwrap()));
    }
    group.finish();
}

fn verification(c: &mut Criterion) {
    let mut group = c.benchmark_group("verify");
    for (name, seed) in [("ed25519", ED_SEED), ("secp256k1", SECP_SEED)] {
        let pair = KeyPair::from_seed_str(seed).unwrap();
        let signature = pair.sign(&MESSAGE).unwrap();
        let public = *pair.public_key();
        group.bench_function(name, |b| {
            b.iter(|| {
                public
                    .verify(black_box(&MESSAGE), black_box(&signature))
                    .unwrap()
            })
        });
    }
    group.finish();
}

criterion_group!(benches, derivation, raw_signatures, verification);
criterion_main!(benches);
