//! `xrpl-lab list [--json]`: every module in canonical order with its track, level, time and
//! mode. Also home of [`load_catalog`], which the curriculum commands share.

use std::collections::BTreeSet;
use std::path::PathBuf;
use std::process::ExitCode;

use anstream::{eprintln, println};
use owo_colors::OwoColorize;
use serde_json::json;

use crate::curriculum::{Catalog, Module, next_module};

/// Loads the bundled modules plus `--modules` dirs, printing skipped files to stderr. A bad
/// `--modules` path is reported and becomes exit code 1.
pub(super) fn load_catalog(dirs: &[PathBuf]) -> Result<Catalog, ExitCode> {
    match Catalog::load(dirs) {
        Ok(catalog) => {
            for warning in catalog.warnings() {
                eprintln!("{}", warning.yellow());
            }
            Ok(catalog)
        }
        Err(e) => {
            eprintln!("{} {e}", "Error:".red().bold());
            eprintln!("  {}", e.hint());
            Err(ExitCode::FAILURE)
        }
    }
}

/// One module as `list --json` (and `/api/modules`) describe it.
pub(super) fn module_summary(m: &Module) -> serde_json::Value {
    json!({
        "id": m.id,
        "title": m.title,
        "track": m.track,
        "summary": m.summary,
        "level": m.level,
        "time_estimate": m.time,
        "mode": m.mode,
        "requires": m.requires,
        "produces": m.produces,
        "checks": m.checks,
    })
}

/// `completed` is the learner's progress when known; `None` prints no progress markers.
pub fn run(dirs: &[PathBuf], json: bool, completed: Option<&BTreeSet<String>>) -> ExitCode {
    let catalog = match load_catalog(dirs) {
        Ok(c) => c,
        Err(code) => return code,
    };
    let modules = catalog.canonical_order();
    let next = completed
        .and_then(|c| next_module(&catalog, c))
        .map(|m| m.id.as_str());
    let is_done = |m: &Module| completed.is_some_and(|c| c.contains(&m.id));

    if json {
        let items: Vec<_> = modules
            .iter()
            .map(|m| {
                let mut item = module_summary(m);
                if completed.is_some() {
                    item["completed"] = json!(is_done(m));
                    item["is_next"] = json!(next == Some(m.id.as_str()));
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

    if modules.is_empty() {
        println!("No modules found. Check your installation or --modules directory.");
        return ExitCode::SUCCESS;
    }
    println!("{}", "XRPL Lab Modules".bold());
    let w_track = modules
        .iter()
        .map(|m| m.track.len())
        .max()
        .unwrap_or(5)
        .max(5);
    let w_id = modules.iter().map(|m| m.id.len()).max().unwrap_or(2).max(2);
    let w_level = modules
        .iter()
        .map(|m| m.level.len())
        .max()
        .unwrap_or(5)
        .max(5);
    let w_time = modules
        .iter()
        .map(|m| m.time.len())
        .max()
        .unwrap_or(4)
        .max(4);
    println!(
        "{}",
        format!(
            "     #  {:w_track$}  {:w_id$}  {:w_level$}  {:w_time$}  {:7}  TITLE",
            "TRACK", "ID", "LEVEL", "TIME", "MODE"
        )
        .dimmed()
    );
    for (i, m) in modules.iter().enumerate() {
        let marker = if is_done(m) {
            "✓".green().to_string()
        } else if next == Some(m.id.as_str()) {
            "→".cyan().to_string()
        } else {
            "·".dimmed().to_string()
        };
        println!(
            "  {marker} {:>2}  {:w_track$}  {:w_id$}  {:w_level$}  {:w_time$}  {:7}  {}",
            i + 1,
            m.track,
            m.id.bold(),
            m.level,
            m.time,
            m.mode,
            m.title
        );
    }
    println!("  {} modules", modules.len());
    ExitCode::SUCCESS
}
