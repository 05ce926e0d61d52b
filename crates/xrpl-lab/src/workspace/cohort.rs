//! Cohort status: one row per learner directory, for a facilitator looking over a room.
//!
//! A cohort directory holds one subdirectory per learner, each with its `.xrpl-lab/state.json`
//! (or is itself a single learner's directory, reported as `_cohort`). An unreadable learner state
//! becomes a warning naming the learner and the kind of failure, never a path, and never stops the
//! report.

use std::fs;
use std::path::Path;

use serde::Serialize;

use super::catalog::{self, ModuleInfo};
use super::clock;
use super::paths::Workspace;
use super::state::load_state_from_path;
use super::status;

/// One learner's row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CohortRow {
    pub learner_id: String,
    pub wallet_address: Option<String>,
    pub network: String,
    pub completed_count: usize,
    pub total_modules: usize,
    pub current_module: Option<String>,
    pub blockers: Vec<String>,
    pub last_activity: Option<String>,
}

/// A learner whose state could not be read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CohortWarning {
    pub learner_id: String,
    pub error: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CohortStatus {
    pub learners: Vec<CohortRow>,
    pub warnings: Vec<CohortWarning>,
}

/// The learner directories under `dir`, as `(learner_id, directory)`, sorted.
fn learner_dirs(dir: &Path) -> Vec<(String, std::path::PathBuf)> {
    if Workspace::of_learner_dir(dir).state_path().is_file() {
        return vec![("_cohort".into(), dir.to_path_buf())];
    }
    let mut out: Vec<(String, std::path::PathBuf)> = fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.is_dir() && Workspace::of_learner_dir(p).state_path().is_file())
                .filter_map(|p| {
                    let name = p.file_name()?.to_string_lossy().into_owned();
                    Some((name, p))
                })
                .collect()
        })
        .unwrap_or_default();
    out.sort();
    out
}

/// Reads every learner's state under `dir`.
pub fn cohort_status(dir: &Path, modules: &[ModuleInfo]) -> CohortStatus {
    let mut learners = Vec::new();
    let mut warnings = Vec::new();
    for (id, path) in learner_dirs(dir) {
        match load_state_from_path(&Workspace::of_learner_dir(&path).state_path()) {
            Ok(state) => {
                let completed = state.completed_ids();
                let last = state
                    .completed_modules
                    .iter()
                    .map(|m| m.completed_at)
                    .max_by(f64::total_cmp);
                learners.push(CohortRow {
                    learner_id: id,
                    wallet_address: state.wallet_address.clone().filter(|a| !a.is_empty()),
                    network: state.network.clone(),
                    completed_count: completed.len(),
                    total_modules: modules.len(),
                    current_module: catalog::next_module(modules, &completed).map(|m| m.id.clone()),
                    blockers: status::blockers(&state, modules),
                    last_activity: last.map(clock::iso),
                });
            }
            Err(e) => warnings.push(CohortWarning {
                learner_id: id,
                // The original's exception names, which cohort scripts already match on.
                error: match e {
                    super::WorkspaceError::StateCorrupt { .. } => "ValueError".to_string(),
                    _ => "OSError".to_string(),
                },
            }),
        }
    }
    CohortStatus { learners, warnings }
}

fn csv_cell(s: &str) -> String {
    if s.contains([',', '"', '\r', '\n']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// CSV with a header row, `\n` line endings, empty cells for nulls, blockers joined by `; `.
pub fn to_csv(status: &CohortStatus) -> String {
    let mut out = String::from(
        "learner_id,wallet_address,network,completed_count,total_modules,current_module,blockers,last_activity\n",
    );
    for r in &status.learners {
        let cells = [
            r.learner_id.clone(),
            r.wallet_address.clone().unwrap_or_default(),
            r.network.clone(),
            r.completed_count.to_string(),
            r.total_modules.to_string(),
            r.current_module.clone().unwrap_or_default(),
            r.blockers.join("; "),
            r.last_activity.clone().unwrap_or_default(),
        ];
        let line: Vec<String> = cells.iter().map(|c| csv_cell(c)).collect();
        out.push_str(&line.join(","));
        out.push('\n');
    }
    out
}
