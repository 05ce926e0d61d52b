//! Canonical order, load order, next module and track progress: over the 24 bundled modules
//! (which must equal the catalogue's `list` order) and over generated fixtures.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use xrpl_lab::curriculum::{Catalog, next_module, track_progress};

/// The catalogue: id, track, order, requires — and the canonical (`list`) order is this order.
const CATALOGUE: [(&str, &str, i64, &[&str]); 24] = [
    ("receipt_literacy", "foundations", 1, &[]),
    ("failure_literacy", "foundations", 2, &["receipt_literacy"]),
    ("trust_lines_101", "foundations", 3, &[]),
    (
        "trust_line_failures",
        "foundations",
        4,
        &["trust_lines_101"],
    ),
    ("nft_minting_101", "nfts", 20, &[]),
    ("nft_marketplace_101", "nfts", 30, &[]),
    ("dnft_evolving_item_101", "nfts", 40, &[]),
    ("mpt_issuance_101", "tokens", 30, &[]),
    ("mpt_distribution_101", "tokens", 32, &["mpt_issuance_101"]),
    ("token_freeze_101", "tokens", 35, &[]),
    ("clawback_101", "tokens", 40, &[]),
    ("escrow_101", "payments", 40, &[]),
    ("escrow_finish_101", "payments", 41, &["escrow_101"]),
    ("payment_channel_101", "payments", 45, &[]),
    ("did_101", "identity", 50, &[]),
    ("dex_literacy", "dex", 5, &["trust_lines_101"]),
    ("dex_market_making_101", "dex", 10, &["dex_literacy"]),
    (
        "dex_inventory_guardrails",
        "dex",
        11,
        &["dex_market_making_101"],
    ),
    ("reserves_101", "reserves", 6, &["trust_lines_101"]),
    ("account_hygiene", "reserves", 7, &["reserves_101"]),
    ("receipt_audit", "audit", 8, &["receipt_literacy"]),
    ("amm_liquidity_101", "amm", 9, &["trust_lines_101"]),
    (
        "dex_vs_amm_risk_literacy",
        "amm",
        12,
        &["dex_market_making_101", "amm_liquidity_101"],
    ),
    (
        "game_economy_capstone",
        "capstone",
        90,
        &[
            "mpt_issuance_101",
            "nft_minting_101",
            "escrow_101",
            "receipt_audit",
        ],
    ),
];

const LOAD_ORDER: [&str; 24] = [
    "receipt_literacy",
    "failure_literacy",
    "trust_lines_101",
    "trust_line_failures",
    "dex_literacy",
    "reserves_101",
    "account_hygiene",
    "receipt_audit",
    "amm_liquidity_101",
    "dex_market_making_101",
    "dex_inventory_guardrails",
    "dex_vs_amm_risk_literacy",
    "nft_minting_101",
    "mpt_issuance_101",
    "nft_marketplace_101",
    "mpt_distribution_101",
    "token_freeze_101",
    "clawback_101",
    "dnft_evolving_item_101",
    "escrow_101",
    "escrow_finish_101",
    "payment_channel_101",
    "did_101",
    "game_economy_capstone",
];

fn expected_canonical() -> Vec<&'static str> {
    CATALOGUE.iter().map(|c| c.0).collect()
}

/// Writes the catalogue's front matter as module files into a temp dir, in a scrambled order.
fn generated_catalogue() -> (tempfile::TempDir, Catalog) {
    let dir = tempfile::tempdir().unwrap();
    for (id, track, order, requires) in CATALOGUE.iter().rev() {
        let text = format!(
            "---\nid: {id}\ntitle: {id}\ntime: 5 min\nlevel: beginner\ntrack: {track}\nsummary: s\norder: {order}\nrequires: [{}]\n---\n\nIntro.\n",
            requires.join(", ")
        );
        std::fs::write(dir.path().join(format!("{id}.md")), text).unwrap();
    }
    let catalog = Catalog::load_dirs(&[dir.path().to_path_buf()]).unwrap();
    (dir, catalog)
}

fn ids<'a>(modules: impl IntoIterator<Item = &'a xrpl_lab::curriculum::Module>) -> Vec<&'a str> {
    modules.into_iter().map(|m| m.id.as_str()).collect()
}

fn set(ids: &[&str]) -> BTreeSet<String> {
    ids.iter().map(|s| s.to_string()).collect()
}

#[test]
fn canonical_and_load_order_of_the_catalogue() {
    let (_dir, catalog) = generated_catalogue();
    assert_eq!(ids(catalog.canonical_order()), expected_canonical());
    assert_eq!(ids(catalog.modules()), LOAD_ORDER.to_vec());
}

#[test]
fn bundled_modules_are_the_24_of_the_catalogue_in_list_order() {
    let catalog = Catalog::load(&[]).unwrap();
    assert!(catalog.warnings().is_empty(), "{:?}", catalog.warnings());
    assert_eq!(ids(catalog.canonical_order()), expected_canonical());
    for (id, track, order, requires) in CATALOGUE {
        let m = catalog.get(id).unwrap();
        assert_eq!((m.track.as_str(), m.order), (track, order), "{id}");
        assert_eq!(m.requires, requires.to_vec(), "{id}");
    }
}

#[test]
fn next_module_walks_the_canonical_order() {
    let (_dir, catalog) = generated_catalogue();
    let next = |done: &[&str]| next_module(&catalog, &set(done)).map(|m| m.id.clone());
    assert_eq!(next(&[]).as_deref(), Some("receipt_literacy"));
    assert_eq!(
        next(&["receipt_literacy"]).as_deref(),
        Some("failure_literacy")
    );
    // Hyphenated ids in the completed set count too.
    assert_eq!(
        next(&["receipt-literacy"]).as_deref(),
        Some("failure_literacy")
    );
    assert_eq!(next(&expected_canonical()), None);
}

#[test]
fn capstone_waits_for_all_its_prerequisites() {
    let (_dir, catalog) = generated_catalogue();
    let prereqs = [
        "mpt_issuance_101",
        "nft_minting_101",
        "escrow_101",
        "receipt_audit",
    ];
    let all_but_capstone: Vec<&str> = expected_canonical()
        .into_iter()
        .filter(|id| *id != "game_economy_capstone")
        .collect();
    for missing in prereqs {
        let done: Vec<&str> = all_but_capstone
            .iter()
            .copied()
            .filter(|id| *id != missing)
            .collect();
        let next = next_module(&catalog, &set(&done)).map(|m| m.id.as_str());
        assert_eq!(next, Some(missing), "capstone offered before {missing}");
    }
    let next = next_module(&catalog, &set(&all_but_capstone)).map(|m| m.id.as_str());
    assert_eq!(next, Some("game_economy_capstone"));
}

#[test]
fn track_progress_lists_every_track_in_order() {
    let (_dir, catalog) = generated_catalogue();
    let progress = track_progress(&catalog, &set(&["receipt_literacy", "trust_lines_101"]));
    let tracks: Vec<_> = progress.iter().map(|t| t.track.as_str()).collect();
    assert_eq!(
        tracks,
        [
            "foundations",
            "nfts",
            "tokens",
            "payments",
            "identity",
            "dex",
            "reserves",
            "audit",
            "amm",
            "capstone"
        ]
    );
    let f = &progress[0];
    assert_eq!(f.completed, vec!["receipt_literacy", "trust_lines_101"]);
    assert_eq!(f.remaining, vec!["failure_literacy", "trust_line_failures"]);
    assert_eq!((f.total, f.done, f.is_complete), (4, 2, false));
    let audit = progress.iter().find(|t| t.track == "audit").unwrap();
    assert_eq!((audit.total, audit.done), (1, 0));

    let json = serde_json::to_value(f).unwrap();
    let keys: Vec<_> = json.as_object().unwrap().keys().cloned().collect();
    assert_eq!(
        keys,
        [
            "track",
            "completed",
            "remaining",
            "total",
            "done",
            "is_complete"
        ]
    );
}

#[test]
fn empty_tracks_are_listed_and_never_complete() {
    let progress = track_progress(&Catalog::default(), &BTreeSet::new());
    assert_eq!(progress.len(), 10);
    assert!(progress.iter().all(|t| t.total == 0 && !t.is_complete));
}

fn fixture(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/modules")
        .join(rel)
}

#[test]
fn modules_in_a_cycle_come_last_in_key_order() {
    let catalog = Catalog::load_dirs(&[fixture("curriculum/cycle")]).unwrap();
    assert_eq!(
        ids(catalog.canonical_order()),
        ["cyc_root", "cyc_a", "cyc_b"]
    );
    // Nothing in a cycle can be next: its prerequisites never complete first.
    let next = next_module(&catalog, &set(&["cyc_root"]));
    assert!(next.is_none());
}

#[test]
fn prerequisites_outrank_track_order() {
    // A foundations module requiring a capstone module comes after it.
    let dir = tempfile::tempdir().unwrap();
    let write = |id: &str, track: &str, requires: &str| {
        let text = format!(
            "---\nid: {id}\ntitle: t\ntime: 1\nlevel: beginner\ntrack: {track}\nsummary: s\nrequires: [{requires}]\n---\n"
        );
        std::fs::write(dir.path().join(format!("{id}.md")), text).unwrap();
    };
    write("late_basics", "foundations", "cap");
    write("cap", "capstone", "");
    write("early", "foundations", "");
    let catalog = Catalog::load_dirs(&[dir.path().to_path_buf()]).unwrap();
    assert_eq!(
        ids(catalog.canonical_order()),
        ["early", "cap", "late_basics"]
    );
}
