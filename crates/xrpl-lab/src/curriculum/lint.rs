//! The module linter behind `xrpl-lab lint`: per-file rules (front matter, actions and their
//! payloads, sandbox-only consistency, knowledge-base slugs) and, unless turned off, the
//! curriculum rules over the whole module set the files belong to.
//!
//! Every issue names the module, the file and the line, so an author can jump straight to it.

use std::collections::BTreeMap;
use std::fmt;
use std::path::Path;

use serde::Serialize;

use super::actions::registry;
use super::catalog::{Catalog, ModuleFile};
use super::module::{ARTIFACT_KINDS, LEVELS, Module, normalize_id};
use super::parse::{KNOWN_KEYS, parse_module};
use super::suggest;
use super::tracks::KB_TRACKS;
use super::{order, validate};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum IssueLevel {
    Error,
    Warning,
}

/// One finding of the linter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Issue {
    pub level: IssueLevel,
    /// The module id, or the file name when the file has no usable id.
    pub module: String,
    /// `frontmatter`, `file`, `curriculum`, `step N, action 'X'` or
    /// `step N, action 'X', field 'F'` (N counts the intro step).
    pub location: String,
    pub message: String,
    pub file: String,
    /// 1-based line in `file`.
    pub line: usize,
}

impl fmt::Display for Issue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let tag = match self.level {
            IssueLevel::Error => "ERROR",
            IssueLevel::Warning => "WARN",
        };
        write!(
            f,
            "[{tag}] {}: {} — {}",
            self.module, self.location, self.message
        )
    }
}

/// The outcome of a lint run.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct LintReport {
    /// No error (warnings allowed).
    pub passed: bool,
    pub errors: usize,
    pub warnings: usize,
    pub issues: Vec<Issue>,
    /// How many files were linted.
    #[serde(skip)]
    pub files: usize,
}

impl LintReport {
    fn new(issues: Vec<Issue>, files: usize) -> Self {
        let errors = issues
            .iter()
            .filter(|i| i.level == IssueLevel::Error)
            .count();
        Self {
            passed: errors == 0,
            errors,
            warnings: issues.len() - errors,
            issues,
            files,
        }
    }
}

/// Lints `files`. With `curriculum = Some(base)`, also checks the module set formed by `base`
/// with the linted modules laid over it (same id replaced), so a new module's prerequisites
/// resolve against the curriculum it joins.
pub fn lint(files: &[ModuleFile], curriculum: Option<&Catalog>) -> LintReport {
    let mut issues = Vec::new();
    let mut linted = Vec::new();
    for file in files {
        let (module, file_issues) = lint_file(file);
        issues.extend(file_issues);
        linted.extend(module);
    }
    if let Some(base) = curriculum {
        // Like loading: a later directory overrides an id, but one directory must not define
        // an id twice.
        let mut overlay: BTreeMap<String, Module> = BTreeMap::new();
        for m in linted {
            if let Some(prev) = overlay.get(&m.id)
                && parent_dir(&prev.origin.file) == parent_dir(&m.origin.file)
            {
                issues.push(Issue {
                    level: IssueLevel::Error,
                    module: m.id.clone(),
                    location: "curriculum".into(),
                    message: format!(
                        "Duplicate module id '{}' (also defined in {})",
                        m.id, prev.origin.file
                    ),
                    file: m.origin.file.clone(),
                    line: m.origin.line_of("id"),
                });
            }
            overlay.insert(m.id.clone(), m);
        }
        let mut set: Vec<Module> = base
            .modules()
            .iter()
            .filter(|m| !overlay.contains_key(&m.id))
            .cloned()
            .collect();
        set.extend(overlay.into_values());
        order::sort_load_order(&mut set);
        issues.extend(validate::validate(&set));
    }
    LintReport::new(issues, files.len())
}

fn parent_dir(file: &str) -> Option<&Path> {
    Path::new(file).parent()
}

/// Lints one file; returns the module when it parsed, and the file's issues.
pub fn lint_file(file: &ModuleFile) -> (Option<Module>, Vec<Issue>) {
    let name = Path::new(&file.file)
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| file.file.clone());
    let text = match &file.text {
        Ok(t) => t,
        Err(e) => {
            let issue = Issue {
                level: IssueLevel::Error,
                module: file.file.clone(),
                location: "file".into(),
                message: format!("Cannot read file: {e}"),
                file: file.file.clone(),
                line: 1,
            };
            return (None, vec![issue]);
        }
    };
    match parse_module(text, &file.file) {
        Err(e) => {
            let issue = Issue {
                level: IssueLevel::Error,
                module: name,
                location: "frontmatter".into(),
                message: e.kind.to_string(),
                file: file.file.clone(),
                line: e.line,
            };
            (None, vec![issue])
        }
        Ok(module) => {
            let issues = lint_module(&module, &name);
            (Some(module), issues)
        }
    }
}

/// The per-module rules, on a parsed module. `file_name` is the file's base name.
pub fn lint_module(m: &Module, file_name: &str) -> Vec<Issue> {
    let mut issues = Vec::new();
    let issue = |level, location: String, line, message: String| Issue {
        level,
        module: m.id.clone(),
        location,
        message,
        file: m.origin.file.clone(),
        line,
    };
    let fm = |level, key: &str, message: String| {
        issue(level, "frontmatter".into(), m.origin.line_of(key), message)
    };
    use IssueLevel::{Error, Warning};

    if m.origin.written_id != m.id {
        issues.push(fm(
            Warning,
            "id",
            format!(
                "Module id '{}' is not in canonical form; write '{}'",
                m.origin.written_id, m.id
            ),
        ));
    }
    if file_name.ends_with(".md") && normalize_id(file_name.trim_end_matches(".md")) != m.id {
        issues.push(fm(
            Warning,
            "id",
            format!(
                "File name '{file_name}' does not match module id '{}'; name it '{}.md'",
                m.id, m.id
            ),
        ));
    }
    for (key, line) in &m.origin.unknown_keys {
        let hint = suggest::closest(key, KNOWN_KEYS)
            .map(|k| format!(" (did you mean '{k}'?)"))
            .unwrap_or_default();
        issues.push(issue(
            Warning,
            "frontmatter".into(),
            *line,
            format!("Unknown front-matter key '{key}'{hint}"),
        ));
    }
    if m.title.trim().is_empty() {
        issues.push(fm(Error, "title", "Empty title".into()));
    }
    if !LEVELS.contains(&m.level.as_str()) {
        issues.push(fm(
            Warning,
            "level",
            format!(
                "Unusual level '{}' (expected beginner/intermediate/advanced)",
                m.level
            ),
        ));
    }
    for kind in m
        .produces
        .iter()
        .filter(|k| !ARTIFACT_KINDS.contains(&k.as_str()))
    {
        issues.push(fm(
            Warning,
            "produces",
            format!(
                "Unknown artifact kind '{kind}' in produces (expected: {})",
                ARTIFACT_KINDS.join(", ")
            ),
        ));
    }

    let registry = registry();
    // The line of the first sandbox-only directive, for the mode rules.
    let mut sandbox_only_line: Option<usize> = None;
    for (i, step) in m.steps.iter().enumerate() {
        let n = i + 1;
        let Some(action) = &step.action else {
            continue;
        };
        let at = format!("step {n}, action '{}'", action.name);
        match registry.lookup(&action.name) {
            Err(unknown) => {
                let hint = unknown
                    .suggestion
                    .map(|s| format!(" (did you mean '{s}'?)"))
                    .unwrap_or_default();
                issues.push(issue(
                    Error,
                    at.clone(),
                    action.line,
                    format!("Unknown action '{}'{hint}", action.name),
                ));
            }
            Ok(spec) => {
                if spec.sandbox_only && sandbox_only_line.is_none() {
                    sandbox_only_line = Some(action.line);
                }
                if let Err(e) = spec.validate(&action.args) {
                    issues.push(issue(
                        Error,
                        format!("{at}, field '{}'", e.field()),
                        action.line,
                        e.to_string(),
                    ));
                }
            }
        }
        for ignored in &step.ignored_actions {
            issues.push(issue(
                Warning,
                at.clone(),
                ignored.line,
                format!(
                    "Only the first action directive of a step runs; '{}' on line {} is ignored",
                    ignored.name, ignored.line
                ),
            ));
        }
    }
    if let (Some(amm_line), false) = (sandbox_only_line, m.dry_run_only) {
        // Point at `mode:` when written, else at the AMM directive that needs it.
        let line = m.origin.key_lines.get("mode").copied().unwrap_or(amm_line);
        issues.push(issue(
            Warning,
            "frontmatter".into(),
            line,
            "Module uses AMM actions but is not marked dry_run_only: true".into(),
        ));
    }
    if m.dry_run_only && sandbox_only_line.is_none() {
        issues.push(fm(
            Warning,
            "mode",
            "Module is marked dry_run_only but has no AMM actions".into(),
        ));
    }
    if KB_TRACKS.contains(&m.track.as_str()) && m.kb_source.trim().is_empty() {
        issues.push(fm(
            Warning,
            "track",
            format!(
                "Module is on KB-derived track '{}' but has no kb_source capability slug — its \
                 receipt won't carry a capability identity for KB proof ingestion (backfill when ready)",
                m.track
            ),
        ));
    }
    issues
}
