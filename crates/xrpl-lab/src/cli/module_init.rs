//! `xrpl-lab module init`: scaffolds a new module file that already parses and lints, so an
//! author starts from a working skeleton. It never overwrites a file, and refuses an id the
//! curriculum already has.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anstream::{eprintln, println};
use clap::builder::PossibleValuesParser;
use owo_colors::OwoColorize;

use crate::curriculum::catalog::read_file;
use crate::curriculum::module::{LEVELS, MODES, is_canonical_id, normalize_id};
use crate::curriculum::tracks::track_ids;
use crate::curriculum::{IssueLevel, lint};

#[derive(Debug, clap::Args)]
pub struct InitArgs {
    /// The module id, snake_case (a hyphenated id is turned into snake_case).
    #[arg(long)]
    pub id: String,
    /// The track the module belongs to.
    #[arg(long, value_parser = PossibleValuesParser::new(track_ids()))]
    pub track: String,
    #[arg(long)]
    pub title: String,
    /// Time estimate, e.g. "10-15 min".
    #[arg(long)]
    pub time: String,
    /// One-line summary (a TODO placeholder when left out).
    #[arg(long)]
    pub summary: Option<String>,
    /// Prerequisite module ids, comma-separated.
    #[arg(long, value_delimiter = ',')]
    pub requires: Vec<String>,
    #[arg(long, default_value = "beginner", value_parser = PossibleValuesParser::new(LEVELS))]
    pub level: String,
    #[arg(long, default_value = "testnet", value_parser = PossibleValuesParser::new(MODES))]
    pub mode: String,
    /// Where to write the module (default: ./{id}.md).
    #[arg(long)]
    pub outfile: Option<PathBuf>,
}

const USAGE: u8 = 2;

pub fn run(dirs: &[PathBuf], args: InitArgs) -> ExitCode {
    let id = args.id.trim().replace('-', "_");
    if !is_canonical_id(&id) {
        eprintln!(
            "{} Invalid module ID: '{}'. Must be snake_case: lower-case letters, digits and \
             underscores, starting with a letter.",
            "Error:".red().bold(),
            args.id
        );
        return ExitCode::from(USAGE);
    }
    let catalog = match super::list::load_catalog(dirs) {
        Ok(c) => c,
        Err(code) => return code,
    };
    if let Some(existing) = catalog.get(&id) {
        eprintln!(
            "{} Module ID '{id}' already exists in the catalog. Choose another id.",
            "Error:".red().bold()
        );
        eprintln!("  {}", existing.origin.file);
        return ExitCode::from(USAGE);
    }
    let outfile = args
        .outfile
        .clone()
        .unwrap_or_else(|| PathBuf::from(format!("{id}.md")));
    let requires: Vec<String> = args
        .requires
        .iter()
        .map(|r| normalize_id(r))
        .filter(|r| !r.is_empty())
        .collect();
    let text = scaffold(&id, &args, &requires);

    let written = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&outfile)
        .and_then(|mut f| f.write_all(text.as_bytes()).and_then(|_| f.sync_all()));
    if let Err(e) = written {
        if e.kind() == std::io::ErrorKind::AlreadyExists {
            eprintln!(
                "{} Output file already exists: {}. Pick another --outfile or remove it.",
                "Error:".red().bold(),
                outfile.display()
            );
            return ExitCode::from(USAGE);
        }
        eprintln!(
            "{} Cannot write {}: {e}",
            "Error:".red().bold(),
            outfile.display()
        );
        return ExitCode::FAILURE;
    }
    println!("Created: {}", outfile.display().bold());
    for r in requires.iter().filter(|r| catalog.get(r).is_none()) {
        println!("  Note: prerequisite '{r}' is not in the catalog yet; create it or fix the id.");
    }

    println!("Auto-lint:");
    let report = lint(&[read_file(&outfile)], Some(&catalog));
    if report.issues.is_empty() {
        println!(
            "  {} — front matter and step skeleton are valid.",
            "PASS".green().bold()
        );
    } else {
        for issue in &report.issues {
            let tag = match issue.level {
                IssueLevel::Error => "ERROR".red().to_string(),
                IssueLevel::Warning => "WARN".yellow().to_string(),
            };
            println!(
                "  [{tag}] {}: {} — {}",
                issue.module, issue.location, issue.message
            );
        }
    }
    println!();
    println!("Next:");
    println!("  1. Write the intro, the step texts and the checks; replace every TODO.");
    println!("  2. Give each step its action: <!-- action: NAME key=value -->");
    println!("  3. Check it: xrpl-lab lint {}", outfile.display());
    println!("  4. Try it offline: xrpl-lab run {id} --dry-run --modules DIR");
    ExitCode::SUCCESS
}

/// YAML double-quoted scalar: safe for any title, including `:` and ` #`.
fn quoted(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

fn scaffold(id: &str, args: &InitArgs, requires: &[String]) -> String {
    let requires = if requires.is_empty() {
        "requires: []\n".to_string()
    } else {
        let items: String = requires.iter().map(|r| format!("  - {r}\n")).collect();
        format!("requires:\n{items}")
    };
    let summary = args
        .summary
        .as_deref()
        .unwrap_or("TODO: one line on what the learner does and what it proves.");
    format!(
        "---
id: {id}
title: {title}
track: {track}
summary: {summary}
time: {time}
level: {level}
mode: {mode}
{requires}produces:
  - txid
  - report
checks:
  - \"TODO: the first skill this module proves\"
  - \"TODO: the second skill this module proves\"
---

TODO: one paragraph on why this skill matters on the XRP Ledger. The dashboard shows this
paragraph as the module's description.

## Step 1: Get your wallet ready

The lab loads your wallet, or creates one on the first run.

<!-- action: ensure_wallet -->

## Step 2: Make sure it holds XRP

<!-- action: ensure_funded -->

## Step 3: TODO — do the thing this module teaches

Explain what the learner is about to do and why. Then give the step one action directive:
an HTML comment holding `action: submit_payment destination=self amount=10`, for example.
`xrpl-lab lint` checks the action name and its arguments.

## Step 4: Verify and reflect

Check the result on the ledger, for example with `verify_tx`, and say what to look for.

## Checkpoint: What you proved

TODO: sum up the skill, and point to the next module.
",
        title = quoted(&args.title),
        track = args.track,
        summary = quoted(summary),
        time = quoted(&args.time),
        level = args.level,
        mode = args.mode,
    )
}
