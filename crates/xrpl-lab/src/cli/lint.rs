//! `xrpl-lab lint [GLOB] [--json] [--no-curriculum]`: checks module files and, unless told not
//! to, the curriculum they join. Without GLOB it lints the modules the lab would load (bundled
//! plus `--modules` dirs). Exit 1 when any error is found; warnings alone pass.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anstream::{eprintln, println};
use owo_colors::OwoColorize;

use crate::curriculum::catalog::{bundled_files, dir_files, read_file};
use crate::curriculum::{IssueLevel, LintReport, ModuleFile, lint};

pub fn run(dirs: &[PathBuf], pattern: Option<&str>, json: bool, no_curriculum: bool) -> ExitCode {
    let files = match pattern {
        Some(p) => match glob_files(p) {
            Ok(files) => files,
            Err(message) => {
                eprintln!("{} {message}", "Error:".red().bold());
                return ExitCode::from(2);
            }
        },
        None => {
            let mut files = bundled_files();
            for dir in dirs {
                match dir_files(dir) {
                    Ok(more) => files.extend(more),
                    Err(e) => {
                        eprintln!("{} {e}", "Error:".red().bold());
                        return ExitCode::FAILURE;
                    }
                }
            }
            files
        }
    };
    if files.is_empty() {
        if json {
            print_json(&LintReport {
                passed: true,
                ..LintReport::default()
            });
        } else {
            match pattern {
                Some(p) => println!("No files matching '{p}'"),
                None => println!("No module files to lint."),
            }
        }
        return ExitCode::SUCCESS;
    }

    let base = if no_curriculum {
        None
    } else {
        match super::list::load_catalog(dirs) {
            Ok(c) => Some(c),
            Err(code) => return code,
        }
    };
    let report = lint(&files, base.as_ref());

    if json {
        print_json(&report);
    } else {
        for issue in &report.issues {
            let tag = match issue.level {
                IssueLevel::Error => "ERROR".red().bold().to_string(),
                IssueLevel::Warning => "WARN".yellow().bold().to_string(),
            };
            println!(
                "  {}:{}: [{tag}] {}: {} — {}",
                issue.file, issue.line, issue.module, issue.location, issue.message
            );
        }
        println!(
            "  Linted {} module(s): {} error(s), {} warning(s)",
            report.files, report.errors, report.warnings
        );
        if report.passed {
            println!("  {}", "PASS".green().bold());
        } else {
            println!("  {}", "FAIL".red().bold());
        }
    }
    if report.passed {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

fn print_json(report: &LintReport) {
    println!(
        "{}",
        serde_json::to_string_pretty(report).unwrap_or_default()
    );
}

/// The files a glob pattern matches, sorted; directories are skipped.
fn glob_files(pattern: &str) -> Result<Vec<ModuleFile>, String> {
    let paths = glob::glob(pattern).map_err(|e| format!("Invalid pattern '{pattern}': {e}"))?;
    let mut paths: Vec<PathBuf> = paths
        .filter_map(Result::ok)
        .filter(|p| p.is_file())
        .collect();
    paths.sort();
    Ok(paths
        .iter()
        .map(|p: &PathBuf| read_file(Path::new(p)))
        .collect())
}
