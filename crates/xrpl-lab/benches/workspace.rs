//! Criterion benches for the learner workspace: what a workshop's busiest moments cost — sealing
//! and checking a large proof pack, and the locked read-modify-write every recorded transaction
//! goes through. Figures and commands in BENCHMARKS.md.

use criterion::{Criterion, criterion_group, criterion_main};
use xrpl_lab::workspace::{
    ArtifactKind, Home, LabState, ModuleInfo, StateStore, canonical_json, integrity, proof_pack,
};

/// A learner who finished 24 modules with 1,000 transactions.
fn busy_state() -> LabState {
    let mut s = LabState::fresh(1_700_000_000.0);
    s.wallet_address = Some("rHb9CJAWyB4rj91VRWn96DkukG4bwdtyTh".into());
    for i in 0..1000u32 {
        let module = format!("module_{:02}", i % 24);
        let network = if i % 3 == 0 { "dry-run" } else { "testnet" };
        s.record_tx(
            &format!("{:064X}", u64::from(i) * 7919),
            &module,
            network,
            i % 10 != 0,
            "",
            1_700_000_000.0 + f64::from(i) * 1.25,
        );
    }
    for m in 0..24 {
        let txids = s
            .tx_index
            .iter()
            .filter(|t| t.module_id == format!("module_{m:02}"))
            .map(|t| t.txid.clone())
            .collect();
        s.mark_completed(
            &format!("module_{m:02}"),
            txids,
            None,
            1_700_100_000.0 + f64::from(m),
        );
    }
    s
}

fn modules() -> Vec<ModuleInfo> {
    (0..24)
        .map(|m| ModuleInfo {
            id: format!("module_{m:02}"),
            title: format!("Module {m}"),
            track: "foundations".into(),
            mode: "testnet".into(),
            requires: vec![],
            kb_source: String::new(),
            order: m,
        })
        .collect()
}

fn artifacts(c: &mut Criterion) {
    let state = busy_state();
    let modules = modules();
    let pack = proof_pack::generate(&state, &modules, "https://example.invalid", 1.0);
    let text = proof_pack::to_file_text(&pack);
    c.bench_function("proof_pack_generate_1000_tx", |b| {
        b.iter(|| proof_pack::generate(&state, &modules, "https://example.invalid", 1.0))
    });
    c.bench_function("canonical_json_1000_tx_pack", |b| {
        b.iter(|| canonical_json::canonical(&pack))
    });
    c.bench_function("verify_text_1000_tx_pack", |b| {
        b.iter(|| integrity::check_text(&text, ArtifactKind::ProofPack))
    });
}

/// Lock, read, parse, change, serialise, write to a temp file, fsync, rename, fsync the directory.
fn state_store(c: &mut Criterion) {
    let tmp = tempfile::tempdir().expect("temp dir");
    let store = StateStore::new(Home::at(tmp.path()));
    store.update(|s| *s = busy_state()).expect("seed the state");
    c.bench_function("state_update_record_tx_1000_rows", |b| {
        b.iter(|| {
            store
                .update(|s| {
                    // Record and drop one row: each iteration writes the same 1,000-row file.
                    s.record_tx("T", "m", "dry-run", true, "", 1.0);
                    s.tx_index.pop();
                })
                .expect("update")
        })
    });
}

criterion_group!(benches, artifacts, state_store);
criterion_main!(benches);
