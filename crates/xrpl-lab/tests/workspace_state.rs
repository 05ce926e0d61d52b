//! state.json through the real store: the original's files load, ours keep the original's schema
//! and layout, concurrent writers lose nothing, and a corrupt file is kept and reported.

use std::fs;
use std::path::PathBuf;
use std::sync::{Arc, Barrier};

use xrpl_lab::workspace::{Home, LabState, StateStore, Workspace, load_state_from_path};

fn fixture(rel: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/state")
        .join(rel)
}

fn home_with(rel: &str) -> (tempfile::TempDir, StateStore) {
    let tmp = tempfile::tempdir().unwrap();
    let home = Home::at(tmp.path().join("home"));
    home.ensure().unwrap();
    fs::copy(fixture(rel), home.state_path()).unwrap();
    (tmp, StateStore::new(home))
}

#[test]
fn a_state_written_by_the_original_loads() {
    let (_tmp, store) = home_with("original_v2_2_0.json");
    let s = store.load().unwrap();
    assert_eq!(s.version, "2.2.0");
    assert_eq!(
        s.wallet_address.as_deref(),
        Some("rHb9CJAWyB4rj91VRWn96DkukG4bwdtyTh")
    );
    assert_eq!(
        s.completed_ids(),
        ["receipt_literacy", "failure_literacy", "trust_lines_101"]
    );
    assert_eq!(s.completed_modules[0].completed_at, 1714567890.123456);
    assert_eq!(s.completed_modules[2].report_path, None);
    assert_eq!(s.tx_index.len(), 3);
    assert!(!s.tx_index[2].success);
    assert_eq!(s.tx_index[2].txid, "failed");
    assert_eq!(s.updated_at, 1714569000.000001);
}

#[test]
fn an_older_state_with_missing_and_unknown_fields_loads_with_defaults() {
    let (_tmp, store) = home_with("older_partial_fields.json");
    let s = store.load().unwrap();
    assert_eq!(s.network, "testnet");
    assert_eq!(s.wallet_path, None);
    assert_eq!(s.completed_modules[0].txids, Vec::<String>::new());
    assert_eq!(s.completed_modules[0].completed_at, 1700000000.0);
    assert_eq!(s.tx_index[0].explorer_url, "");
    assert!(s.version_warning().unwrap().contains("state from v1.4.0"));
}

#[test]
fn ours_is_serialised_in_the_original_schema_and_layout() {
    let (_tmp, store) = home_with("original_v2_2_0.json");
    // Load and re-save through the store without changing anything but the save stamps.
    store.update(|_| ()).unwrap();
    let text = fs::read_to_string(store.home().state_path()).unwrap();
    let original = fs::read_to_string(fixture("original_v2_2_0.json")).unwrap();
    // Identical line for line except the two fields every save stamps.
    let differs: Vec<(&str, &str)> = text
        .lines()
        .zip(original.lines())
        .filter(|(a, b)| a != b)
        .collect();
    assert_eq!(text.lines().count(), original.lines().count());
    assert_eq!(differs.len(), 2, "{differs:?}");
    assert!(differs[0].0.starts_with("  \"version\": "));
    assert!(differs[1].0.starts_with("  \"updated_at\": "));
    assert!(text.starts_with("{\n  \"version\": "));
    assert!(!text.ends_with('\n'));
}

#[test]
fn record_tx_and_completion_round_trip() {
    let tmp = tempfile::tempdir().unwrap();
    let store = StateStore::new(Home::at(tmp.path().join("h")));
    assert!(!store.exists());
    assert!(store.load().unwrap().completed_modules.is_empty());
    store
        .update(|s| {
            s.record_tx("T1", "m", "dry-run", true, "", 10.5);
            s.record_tx("T1", "m", "dry-run", true, "", 11.0);
            assert!(s.mark_completed(
                "m",
                vec!["T1".into()],
                Some(".xrpl-lab/reports/m.md".into()),
                12.0
            ));
            assert!(!s.mark_completed("m", vec![], None, 13.0));
        })
        .unwrap();
    let s = store.load().unwrap();
    assert_eq!(s.tx_index.len(), 2, "duplicates are kept");
    assert_eq!(s.completed_modules.len(), 1);
    assert_eq!(s.completed_modules[0].completed_at, 12.0);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = fs::metadata(store.home().state_path())
            .unwrap()
            .permissions()
            .mode()
            & 0o777;
        assert_eq!(mode, 0o600);
    }
}

#[test]
fn concurrent_writers_lose_no_update() {
    let tmp = tempfile::tempdir().unwrap();
    let home = Home::at(tmp.path().join("h"));
    let threads = 8;
    let per_thread = 25;
    let barrier = Arc::new(Barrier::new(threads));
    let handles: Vec<_> = (0..threads)
        .map(|t| {
            // Each writer has its own store and therefore its own file handles and lock.
            let store = StateStore::new(home.clone());
            let barrier = Arc::clone(&barrier);
            std::thread::spawn(move || {
                barrier.wait();
                for i in 0..per_thread {
                    store
                        .update(|s| {
                            s.record_tx(&format!("T{t}-{i}"), "m", "dry-run", true, "", 1.0)
                        })
                        .unwrap();
                }
            })
        })
        .collect();
    for h in handles {
        h.join().unwrap();
    }
    let s = StateStore::new(home).load().unwrap();
    assert_eq!(s.tx_index.len(), threads * per_thread);
    let mut ids: Vec<&str> = s.tx_index.iter().map(|t| t.txid.as_str()).collect();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), threads * per_thread);
}

#[test]
fn a_corrupt_state_is_backed_up_and_reported_never_reset() {
    for rel in ["corrupt_truncated.json", "schema_mismatch.json"] {
        let (_tmp, store) = home_with(rel);
        let before = fs::read(store.home().state_path()).unwrap();
        let err = store.load().unwrap_err();
        assert_eq!(err.code(), "STATE_CORRUPT", "{rel}");
        assert!(
            err.to_string()
                .contains("backup was saved as state.json.corrupted.")
        );
        let backups: Vec<PathBuf> = fs::read_dir(store.home().dir())
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.to_string_lossy().contains("state.json.corrupted."))
            .collect();
        assert_eq!(backups.len(), 1, "{rel}");
        assert_eq!(fs::read(&backups[0]).unwrap(), before);
        // A write is refused, so the original bytes stay.
        let err = store
            .update(|s| s.record_tx("T", "m", "n", true, "", 1.0))
            .unwrap_err();
        assert_eq!(err.code(), "STATE_CORRUPT");
        assert_eq!(fs::read(store.home().state_path()).unwrap(), before);
        // The side-effect-free reader reports without copying; repeated loads reuse the backup.
        assert!(load_state_from_path(&store.home().state_path()).is_err());
        assert!(store.load().is_err());
        let count = fs::read_dir(store.home().dir())
            .unwrap()
            .filter(|e| {
                e.as_ref()
                    .unwrap()
                    .file_name()
                    .to_string_lossy()
                    .contains(".corrupted.")
            })
            .count();
        assert_eq!(count, 1, "{rel}");
    }
}

#[test]
fn reset_module_keeps_everything_else() {
    let tmp = tempfile::tempdir().unwrap();
    let store = StateStore::new(Home::at(tmp.path().join("h")));
    let ws = Workspace::new(tmp.path().join("w/.xrpl-lab"));
    store
        .update(|s: &mut LabState| {
            s.wallet_address = Some("rW".into());
            for (m, n) in [("a", 1), ("b", 2), ("c", 1)] {
                for i in 0..n {
                    s.record_tx(&format!("{m}{i}"), m, "testnet", true, "", 1.0);
                }
                s.mark_completed(m, vec![], None, 2.0);
            }
        })
        .unwrap();
    xrpl_lab::workspace::ModuleReport::new("B")
        .write(&ws, "b", 1.0)
        .unwrap();
    let audit = ws.proofs_dir().join("audit_pack_1.json");
    fs::write(&audit, "{}").unwrap();
    let r = store.reset_module(&ws, "b").unwrap();
    assert!(r.removed_from_completed);
    assert_eq!(r.tx_records_cleared, 2);
    assert!(r.report_removed);
    let s = store.load().unwrap();
    assert_eq!(s.completed_ids(), ["a", "c"]);
    assert_eq!(s.tx_index.len(), 2);
    assert_eq!(s.wallet_address.as_deref(), Some("rW"));
    assert!(audit.exists());
    assert_eq!(
        store.reset_module(&ws, "b").unwrap_err().code(),
        "STATE_MODULE_NOT_COMPLETED"
    );
    store.reset_all(&ws).unwrap();
    assert!(!store.exists());
    assert!(!ws.dir().exists());
}
