//! `xrpl-lab cohort-status [--dir DIR] [--format table|json|csv]`: one row per learner directory,
//! for a facilitator looking over the room. Unreadable learner states become warnings, never a
//! failure of the whole report.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anstream::{eprintln, print, println};
use clap::ValueEnum;
use serde_json::json;

use super::learner::modules;
use crate::workspace::cohort::{self, CohortStatus};

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CohortFormat {
    Table,
    Json,
    Csv,
}

pub fn run(dirs: &[PathBuf], dir: &Path, format: CohortFormat) -> ExitCode {
    if !dir.is_dir() {
        eprintln!(
            "Error: Invalid value for '--dir': Directory '{}' does not exist.",
            dir.display()
        );
        return ExitCode::from(2);
    }
    let modules = match modules(dirs) {
        Ok(m) => m,
        Err(code) => return code,
    };
    let status = cohort::cohort_status(dir, &modules);
    match format {
        CohortFormat::Json => {
            let resolved = dir.canonicalize().unwrap_or_else(|_| dir.to_path_buf());
            let out = json!({
                "cohort_dir": resolved.display().to_string(),
                "learners": status.learners,
                "warnings": status.warnings,
            });
            println!("{}", serde_json::to_string_pretty(&out).unwrap_or_default());
        }
        CohortFormat::Csv => {
            print!("{}", cohort::to_csv(&status));
            for w in &status.warnings {
                eprintln!("warning: {}: {}", w.learner_id, w.error);
            }
        }
        CohortFormat::Table => print_table(dir, &status),
    }
    ExitCode::SUCCESS
}

fn print_table(dir: &Path, status: &CohortStatus) {
    if status.learners.is_empty() && status.warnings.is_empty() {
        println!(
            "No learner workspaces found under {}. Each learner subdir should contain .xrpl-lab/state.json.",
            dir.display()
        );
        return;
    }
    println!("Cohort Status — {}", dir.display());
    let mut rows: Vec<[String; 5]> = vec![[
        "Learner".into(),
        "Progress".into(),
        "Current".into(),
        "Blockers".into(),
        "Last activity".into(),
    ]];
    for r in &status.learners {
        rows.push([
            r.learner_id.clone(),
            format!("{}/{}", r.completed_count, r.total_modules),
            r.current_module
                .clone()
                .unwrap_or_else(|| "(complete)".into()),
            if r.blockers.is_empty() {
                "-".into()
            } else {
                r.blockers.join("; ")
            },
            r.last_activity.clone().unwrap_or_else(|| "-".into()),
        ]);
    }
    for w in &status.warnings {
        rows.push([
            w.learner_id.clone(),
            "?".into(),
            format!("warning: {}", w.error),
            String::new(),
            String::new(),
        ]);
    }
    let widths: Vec<usize> = (0..5)
        .map(|i| rows.iter().map(|r| r[i].chars().count()).max().unwrap_or(0))
        .collect();
    for r in &rows {
        let cells: Vec<String> = r
            .iter()
            .zip(&widths)
            .map(|(c, w)| format!("{c:<w$}"))
            .collect();
        println!("{}", cells.join("  ").trim_end());
    }
    if !status.warnings.is_empty() {
        println!(
            "{} learner(s) had unreadable state — see warning rows.",
            status.warnings.len()
        );
    }
}
