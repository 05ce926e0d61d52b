//! The learner's files: private state and wallet in the *home*, shareable artifacts in the
//! *workspace*, in the original's formats byte for byte.
//!
//! | file | what |
//! |---|---|
//! | `paths` | [`Home`] (`XRPL_LAB_HOME` or `~/.xrpl-lab`, 0700) and [`Workspace`] (`./.xrpl-lab`, 0755) |
//! | `files` | [`LearnerFiles`]: home, workspace and state store, resolved once |
//! | `atomic` | atomic replace (temp + fsync + rename + dir fsync) and the advisory [`FileLock`] |
//! | `state` | `state.json` ([`LabState`]) and [`StateStore`]: locked read-modify-write, corrupt-file backup |
//! | `wallet` | `wallet.json` ([`WalletFile`]): the one place a seed lives |
//! | `canonical_json` | Python `json.dumps`-compatible text, for hashes and files |
//! | `python_json` | reading JSON as Python's `json.loads` does (big integers, exact floats) for hash checks |
//! | `integrity` | sealing and checking proof packs and certificates (`sha256`) |
//! | `proof_pack`, `certificate` | generating and exporting the two sealed artifacts |
//! | `live` | on-ledger verification rules over a pluggable transaction lookup |
//! | `audit` | batch verdicts over fetched transactions, audit reports and the audit pack |
//! | `report` | module reports `reports/{id}.md`: write, list, read (ids validated) |
//! | `status` | [`status::LearnerStatus`] and recovery hints |
//! | `support` | the support bundle (and its validator) and the feedback text |
//! | `session_export` | one archive (tar.gz or zip) of every learner's artifacts with a hashed manifest |
//! | `cohort` | cohort-status rows over many learner directories |
//! | `last_run` | `last_run_txids.txt` / `last_run_meta.json` |
//! | `catalog` | [`ModuleInfo`]: the few module facts this layer needs |
//! | `clock` | timestamps rendered as the original renders them |
//! | `error` | [`WorkspaceError`] and its mapping to the lab's error codes |
//!
//! # Public API (what the CLI, the runner and the server call)
//!
//! ```text
//! Home::from_env() / Home::at(dir)            Workspace::in_current_dir() / Workspace::new(dir)
//! StateStore::new(home).load() -> Result<LabState>          (missing → fresh; corrupt → STATE_CORRUPT + backup)
//! StateStore::update(|state| …) -> Result<T>                (locked read-modify-write)
//! LabState::record_tx(txid, module, network, success, explorer_url, now)
//! LabState::mark_completed(module, txids, report_path, now) -> bool
//! StateStore::reset_all(&ws) / StateStore::reset_module(&ws, id) -> ModuleReset
//! proof_pack::generate(&state, &modules, endpoint, now) -> Value      (sealed; GET /api/artifacts/proof-pack)
//! certificate::generate(&state, &modules, now) -> Value              (sealed; GET /api/artifacts/certificate)
//! proof_pack::export / certificate::export(...) -> Result<PathBuf>   (CLI; refuses when nothing is completed)
//! integrity::verify_artifact_text(&str) -> Result<VerifyReport>     (POST /api/verify hash layer, raw body:
//!                                                                    INVALID_BODY / UNKNOWN_ARTIFACT errors)
//! integrity::verify_artifact(&Value) -> Result<VerifyReport>         (same, over an already-parsed body)
//! live::verify_live(&Value, kind, |network, txid| fetch) -> LiveResult   (the --live layer; never fails)
//! integrity::check(&Value, ArtifactKind) -> Integrity                (CLI proof verify / cert-verify)
//! report::list(&ws) -> Vec<ReportSummary>;  report::read(&ws, id) -> Result<String>  (id validated)
//! ModuleReport::new(title).section(h, body).write(&ws, id, now)
//! status::learner_status(&StatusInput) -> LearnerStatus;  status::recovery_hints(...)
//! WalletFile::load(&home) / WalletFile::generate() / wallet.save_new(&home) / wallet.key_pair()
//! audit::audit_tx(&AuditTx, &Expectations) -> Verdict;  AuditReport::{to_markdown, to_csv, to_pack}
//! audit::write_outputs(&report, &ws, stamp, md, csv, with_pack) -> AuditOutputs
//! last_run::write(&ws, module, preset, &txids, now) / last_run::read(&ws)
//! cohort::cohort_status(dir, &modules) -> CohortStatus;  session_export::export(dir, format, out, now)
//! support::bundle_json / bundle_markdown(&BundleInput);  support::verify_bundle(text)
//! ```

mod atomic;
pub mod audit;
pub mod canonical_json;
pub mod catalog;
pub mod certificate;
pub mod clock;
pub mod cohort;
mod error;
mod files;
pub mod integrity;
pub mod last_run;
pub mod live;
mod paths;
pub mod proof_pack;
pub mod python_json;
pub mod report;
pub mod session_export;
mod state;
pub mod status;
pub mod support;
pub mod wallet;

pub use atomic::{FileLock, write_atomic};
pub use catalog::ModuleInfo;
pub use error::WorkspaceError;
pub use files::LearnerFiles;
pub use integrity::{ArtifactKind, Integrity, VerifyReport, verify_artifact, verify_artifact_text};
pub use paths::{HOME_ENV, Home, WORKSPACE_DIR_NAME, Workspace};
pub use report::ModuleReport;
pub use state::{
    CompletedModule, DEFAULT_NETWORK, LabState, ModuleReset, StateStore, TxRecord,
    load_state_from_path,
};
pub use wallet::{Seed, WalletFile};
