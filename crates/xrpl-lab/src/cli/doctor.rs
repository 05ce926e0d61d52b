//! `xrpl-lab doctor` (alias `self-check`) `[--json]`: the eight health checks, one line each with
//! what to do about a failure, then `N/8 checks passed`. Exit 1 when any check fails, so a
//! facilitator's setup script can gate on it.

use std::path::PathBuf;
use std::process::ExitCode;

use anstream::println;
use owo_colors::OwoColorize;
use serde_json::json;

use super::learner::modules;
use crate::doctor::{self, DoctorInput, DoctorReport};
use crate::workspace::{Home, Workspace};

pub fn run(dirs: &[PathBuf], json: bool) -> ExitCode {
    let modules = match modules(dirs) {
        Ok(m) => m,
        Err(code) => return code,
    };
    let input = DoctorInput::from_env(Home::from_env(), Workspace::in_current_dir(), modules);
    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            anstream::eprintln!("error: could not start the async runtime: {e}");
            return ExitCode::from(1);
        }
    };
    let report = runtime.block_on(doctor::run(&input));
    if json {
        println!("{}", to_json(&report));
    } else {
        print_text(&report);
    }
    if report.all_passed() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

/// The same shape as `GET /api/doctor`, plus the summary line.
fn to_json(report: &DoctorReport) -> String {
    let checks: Vec<_> = report
        .checks
        .iter()
        .map(|c| json!({"name": c.name, "status": if c.passed {"pass"} else {"fail"}, "message": c.message()}))
        .collect();
    let out = json!({"overall": report.overall(), "checks": checks, "summary": report.summary()});
    serde_json::to_string_pretty(&out).unwrap_or_default()
}

fn print_text(report: &DoctorReport) {
    println!("{}", "XRPL Lab Doctor".bold());
    println!();
    for c in &report.checks {
        if c.passed {
            println!("  {} {}: {}", "✅".green(), c.name.bold(), c.detail);
        } else {
            println!("  {} {}: {}", "❌".red(), c.name.bold(), c.detail);
        }
        if !c.hint.is_empty() {
            println!("     {}", c.hint.dimmed());
        }
    }
    println!();
    let summary = report.summary();
    if report.all_passed() {
        println!("{}", summary.green().bold());
    } else {
        println!("{}", summary.yellow().bold());
    }
}
