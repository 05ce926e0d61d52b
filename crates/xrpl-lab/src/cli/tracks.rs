//! `xrpl-lab tracks [--json]`: the curriculum's tracks in canonical order, each with its modules
//! and the skills (`checks`) they prove.

use std::collections::BTreeSet;
use std::path::PathBuf;
use std::process::ExitCode;

use anstream::println;
use owo_colors::OwoColorize;
use serde_json::json;

use crate::curriculum::track_progress;

/// `completed` is the learner's progress when known; `None` lists every module as to do.
pub fn run(dirs: &[PathBuf], json: bool, completed: Option<&BTreeSet<String>>) -> ExitCode {
    let catalog = match super::list::load_catalog(dirs) {
        Ok(c) => c,
        Err(code) => return code,
    };
    let empty = BTreeSet::new();
    let progress = track_progress(&catalog, completed.unwrap_or(&empty));
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
                if completed.is_some() {
                    item["done"] = json!(t.done);
                    item["completed"] = json!(t.completed);
                    item["remaining"] = json!(t.remaining);
                    item["is_complete"] = json!(t.is_complete);
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
        let status = if completed.is_none() || t.done == 0 {
            "◌ TODO  ".dimmed().to_string()
        } else if t.is_complete {
            "✓ DONE  ".green().to_string()
        } else {
            "▸ ACTIVE".cyan().to_string()
        };
        let count = if completed.is_some() {
            format!("{}/{}", t.done, t.total)
        } else {
            format!("{} module{}", t.total, if t.total == 1 { "" } else { "s" })
        };
        println!();
        println!("  {status} {} ({})  {count}", t.label.bold(), t.track);
        for id in &t.completed {
            println!("      {}  {id}", "✓ done".green());
        }
        for id in &t.remaining {
            let title = catalog.get(id).map(|m| m.title.as_str()).unwrap_or("");
            println!("      {}  {id}  {}", "◌".dimmed(), title.dimmed());
        }
        let skills: Vec<&String> = t
            .completed
            .iter()
            .chain(&t.remaining)
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
    ExitCode::SUCCESS
}
