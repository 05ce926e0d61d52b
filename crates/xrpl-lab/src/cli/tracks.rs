//! `xrpl-lab tracks [--json]`: the curriculum's tracks in canonical order, each with its modules,
//! the skills (`checks`) they prove and, when the learner has a state, what they have done in
//! each track: status, the modes they did it in, transactions and reports.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;
use std::process::ExitCode;

use anstream::println;
use owo_colors::OwoColorize;
use serde_json::json;

use crate::curriculum::{Catalog, TrackProgress, track_progress};
use crate::workspace::LearnerFiles;

/// How many skills, and report names, a track shows once the learner has progress.
const SKILLS_SHOWN: usize = 5;
const REPORTS_SHOWN: usize = 3;

/// What the learner's workspace records, as far as `tracks` needs it.
#[derive(Debug, Default)]
pub struct LearnerRecord {
    pub completed: BTreeSet<String>,
    /// Transactions in `tx_index`, by the module that sent them.
    pub transactions: BTreeMap<String, usize>,
    /// Report file names (`reports/*.md`), sorted.
    pub reports: Vec<String>,
}

impl LearnerRecord {
    /// The learner's record, or `None` when there is no state yet (a fresh machine).
    pub fn load() -> Option<Self> {
        let files = LearnerFiles::resolve(None, None);
        if !files.state.exists() {
            return None;
        }
        let state = files.state.load().ok()?;
        let mut transactions = BTreeMap::new();
        for tx in &state.tx_index {
            *transactions.entry(tx.module_id.clone()).or_default() += 1;
        }
        let mut reports: Vec<String> = std::fs::read_dir(files.workspace.reports_dir())
            .map(|entries| {
                entries
                    .filter_map(|e| e.ok())
                    .map(|e| e.file_name().to_string_lossy().into_owned())
                    .filter(|name| name.ends_with(".md"))
                    .collect()
            })
            .unwrap_or_default();
        reports.sort();
        Some(Self {
            completed: state
                .completed_ids()
                .into_iter()
                .map(String::from)
                .collect(),
            transactions,
            reports,
        })
    }

    fn transactions_in(&self, track: &TrackProgress) -> usize {
        track
            .completed
            .iter()
            .chain(&track.remaining)
            .filter_map(|id| self.transactions.get(id))
            .sum()
    }

    /// Reports written by the track's modules (`{module_id}.md`).
    fn reports_in(&self, track: &TrackProgress) -> Vec<&str> {
        self.reports
            .iter()
            .filter(|name| {
                let stem = name.trim_end_matches(".md");
                track
                    .completed
                    .iter()
                    .chain(&track.remaining)
                    .any(|id| id == stem)
            })
            .map(String::as_str)
            .collect()
    }
}

/// The modes (`testnet`, `dry-run`) of the track's completed modules, or `none`.
fn mode_breakdown(catalog: &Catalog, track: &TrackProgress) -> String {
    let modes: BTreeSet<&str> = track
        .completed
        .iter()
        .filter_map(|id| catalog.get(id))
        .map(|m| m.mode.as_str())
        .collect();
    if modes.is_empty() {
        return "none".to_string();
    }
    // Testnet first: it is the mode the curriculum is written for.
    let mut ordered: Vec<&str> = modes.into_iter().collect();
    ordered.sort_by_key(|m| (*m != "testnet", *m));
    ordered.join(", ")
}

/// `record` is the learner's workspace when there is one; `None` lists every module as to do.
pub fn run(dirs: &[PathBuf], json: bool, record: Option<&LearnerRecord>) -> ExitCode {
    let catalog = match super::list::load_catalog(dirs) {
        Ok(c) => c,
        Err(code) => return code,
    };
    let empty = BTreeSet::new();
    let progress = track_progress(&catalog, record.map_or(&empty, |r| &r.completed));
    let tracks: Vec<_> = progress.iter().filter(|t| t.total > 0).collect();

    if json {
        let items: Vec<_> = tracks
            .iter()
            .map(|t| {
                let modules: Vec<_> = t
                    .completed
                    .iter()
                    .chain(&t.remaining)
                    .filter_map(|id| catalog.get(id))
                    .collect();
                let mut item = json!({
                    "track": t.track,
                    "label": t.label,
                    "total": t.total,
                    "modules": modules.iter().map(|m| json!({
                        "id": m.id, "title": m.title, "level": m.level, "mode": m.mode,
                    })).collect::<Vec<_>>(),
                    "skills": modules.iter().flat_map(|m| m.checks.iter()).collect::<Vec<_>>(),
                });
                if let Some(record) = record {
                    item["done"] = json!(t.done);
                    item["completed"] = json!(t.completed);
                    item["remaining"] = json!(t.remaining);
                    item["is_complete"] = json!(t.is_complete);
                    item["mode_breakdown"] = json!(mode_breakdown(&catalog, t));
                    item["transactions"] = json!(record.transactions_in(t));
                    item["reports"] = json!(record.reports_in(t));
                }
                item
            })
            .collect();
        println!(
            "{}",
            serde_json::to_string_pretty(&items).unwrap_or_default()
        );
        return ExitCode::SUCCESS;
    }

    if tracks.is_empty() {
        println!("No modules found. Check your installation or --modules directory.");
        return ExitCode::SUCCESS;
    }
    println!("{}", "Tracks".bold());
    for t in tracks {
        match record {
            Some(record) => print_progress(&catalog, t, record),
            None => print_outline(&catalog, t),
        }
    }
    ExitCode::SUCCESS
}

/// A track for someone who has not started: its modules and every skill they teach.
fn print_outline(catalog: &Catalog, t: &TrackProgress) {
    let plural = if t.total == 1 { "" } else { "s" };
    println!();
    println!(
        "  {} ({})  {} module{plural}",
        t.label.bold(),
        t.track,
        t.total
    );
    for id in &t.remaining {
        let title = catalog.get(id).map(|m| m.title.as_str()).unwrap_or("");
        println!("      {}  {id}  {}", "◌".dimmed(), title.dimmed());
    }
    let skills: Vec<&String> = t
        .remaining
        .iter()
        .filter_map(|id| catalog.get(id))
        .flat_map(|m| m.checks.iter())
        .collect();
    if !skills.is_empty() {
        println!("      Skills:");
        for skill in skills {
            println!("        • {skill}");
        }
    }
}

/// A track with the learner's progress: status, modes, the skills proved so far, the
/// transactions sent and the reports written in it.
fn print_progress(catalog: &Catalog, t: &TrackProgress, record: &LearnerRecord) {
    let status = if t.is_complete {
        "✓ DONE  ".green().to_string()
    } else if t.done > 0 {
        "▸ ACTIVE".cyan().to_string()
    } else {
        "◌ TODO  ".dimmed().to_string()
    };
    let modes = if t.done > 0 {
        format!("  ({})", mode_breakdown(catalog, t))
    } else {
        String::new()
    };
    println!();
    println!(
        "  {status} {} ({})  {}/{}{modes}",
        t.label.bold(),
        t.track,
        t.done,
        t.total
    );
    for id in &t.completed {
        println!("      {}  {id}", "✓ done".green());
    }
    for id in &t.remaining {
        let title = catalog.get(id).map(|m| m.title.as_str()).unwrap_or("");
        println!("      {}  {id}  {}", "◌ todo".dimmed(), title.dimmed());
    }
    let proved: Vec<&str> = t
        .completed
        .iter()
        .filter_map(|id| catalog.get(id))
        .flat_map(|m| m.checks.iter().map(String::as_str))
        .take(SKILLS_SHOWN)
        .collect();
    if !proved.is_empty() {
        println!("      Skills: {}", proved.join("; "));
    }
    let transactions = record.transactions_in(t);
    if transactions > 0 {
        println!("      Transactions: {transactions}");
    }
    let reports = record.reports_in(t);
    if !reports.is_empty() {
        let shown: Vec<&str> = reports.iter().copied().take(REPORTS_SHOWN).collect();
        println!("      Reports: {}", shown.join(", "));
    }
}
