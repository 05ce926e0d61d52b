//! The curriculum's data model: a [`Module`] (its front matter and its parsed steps), a [`Step`]
//! and the [`Action`] directive a step may carry, plus module-id normalisation.
//!
//! Module ids are canonical `snake_case` (`trust_lines_101`). Learners, scripts and the seed's
//! dashboard also write the hyphenated form (`trust-lines-101`), so every lookup goes through
//! [`normalize_id`] and both forms reach the same module.

use std::collections::BTreeMap;

/// The two ways a module can run: against a real XRPL network, or only in the sandbox.
pub const MODES: [&str; 2] = ["testnet", "dry-run"];

/// The difficulty levels the curriculum knows; anything else is flagged by the linter.
pub const LEVELS: [&str; 3] = ["beginner", "intermediate", "advanced"];

/// The artifact kinds a module may declare in `produces`.
pub const ARTIFACT_KINDS: [&str; 3] = ["txid", "report", "audit_pack"];

/// `order` when the front matter leaves it out: such modules sort after the numbered ones.
pub const DEFAULT_ORDER: i64 = 99;

/// One workshop module: a markdown file's front matter and its steps.
#[derive(Debug, Clone, PartialEq)]
pub struct Module {
    /// Canonical snake_case id (hyphens in the file are normalised away).
    pub id: String,
    pub title: String,
    /// Time estimate as written (`10-15 min`); `?` when blank.
    pub time: String,
    pub level: String,
    pub track: String,
    /// One-line summary (YAML rules apply: ` #` starts a comment).
    pub summary: String,
    /// Intra-track sort key.
    pub order: i64,
    /// `testnet` or `dry-run` once derived (see [`derive_mode`]); kept as written so the linter
    /// can report a mode it does not know.
    pub mode: String,
    /// True iff the module only runs in the sandbox (`mode: dry-run`, or the legacy flag).
    pub dry_run_only: bool,
    /// Prerequisite module ids, normalised.
    pub requires: Vec<String>,
    /// Artifact kinds the module leaves behind (`txid`, `report`, `audit_pack`).
    pub produces: Vec<String>,
    /// The skills a completed module proves, shown by `tracks`.
    pub checks: Vec<String>,
    /// Capability slug of the knowledge base (metadata, copied into proof packs).
    pub kb_source: String,
    /// The markdown after the front matter, untouched.
    pub body: String,
    pub steps: Vec<Step>,
    /// Where the module came from, for messages that point at a file and a line.
    pub origin: Origin,
}

/// Where a module's text came from and where its front-matter keys sit, so that every message
/// about it can name a file and a line.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Origin {
    /// A path on disk, or `modules/NAME.md` for a module bundled in the binary.
    pub file: String,
    /// 1-based file line of each top-level front-matter key.
    pub key_lines: BTreeMap<String, usize>,
    /// The id exactly as the file writes it (before normalisation).
    pub written_id: String,
    /// Front-matter keys the module format does not know (likely typos), with their lines.
    pub unknown_keys: Vec<(String, usize)>,
}

impl Origin {
    /// The file line of a front-matter key, or the opening `---` line when the key is absent.
    pub fn line_of(&self, key: &str) -> usize {
        self.key_lines.get(key).copied().unwrap_or(1)
    }
}

/// One step of a module: an intro, a `## Step N:` section or a `## Checkpoint:` section.
#[derive(Debug, Clone, PartialEq)]
pub struct Step {
    /// The heading text after `Step N:` / `Checkpoint:`; `None` for the intro.
    pub header: Option<String>,
    /// What the learner reads: `**header**\n\nbody` (or just the body).
    pub text: String,
    /// The step's action: the first directive in its body.
    pub action: Option<Action>,
    /// Directives after the first one; they never run, and the linter says so.
    pub ignored_actions: Vec<Action>,
    /// 1-based file line where the step starts (its heading, or the intro's first line).
    pub line: usize,
}

impl Step {
    /// The first line of the step's text, as reports title a step.
    pub fn title_line(&self) -> &str {
        self.text.lines().next().unwrap_or("")
    }
}

/// An action directive: `<!-- action: NAME key=value ... -->`.
#[derive(Debug, Clone, PartialEq)]
pub struct Action {
    pub name: String,
    pub args: Args,
    /// 1-based file line of the directive.
    pub line: usize,
}

/// A directive's arguments: string values in the order first written; a repeated key keeps its
/// first position and takes the last value.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Args(Vec<(String, String)>);

impl Args {
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets `key`, overwriting an earlier value in place.
    pub fn insert(&mut self, key: impl Into<String>, value: impl Into<String>) {
        let key = key.into();
        let value = value.into();
        match self.0.iter_mut().find(|(k, _)| *k == key) {
            Some(slot) => slot.1 = value,
            None => self.0.push((key, value)),
        }
    }

    pub fn get(&self, key: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    pub fn iter(&self) -> impl Iterator<Item = (&str, &str)> {
        self.0.iter().map(|(k, v)| (k.as_str(), v.as_str()))
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl<K: Into<String>, V: Into<String>> FromIterator<(K, V)> for Args {
    fn from_iter<I: IntoIterator<Item = (K, V)>>(iter: I) -> Self {
        let mut args = Args::new();
        for (k, v) in iter {
            args.insert(k, v);
        }
        args
    }
}

impl Module {
    /// `"{title}  [{level}, ~{time}]"`, the one-line form lists print.
    pub fn summary_line(&self) -> String {
        format!("{}  [{}, ~{}]", self.title, self.level, self.time)
    }

    /// The module's actions in step order.
    pub fn actions(&self) -> impl Iterator<Item = &Action> {
        self.steps.iter().filter_map(|s| s.action.as_ref())
    }

    /// The first paragraph of the body (the dashboard's description); falls back to the first
    /// step's text, then to empty.
    pub fn description(&self) -> String {
        let first = self.body.trim().split("\n\n").next().unwrap_or("").trim();
        if !first.is_empty() {
            return first.to_string();
        }
        self.steps
            .first()
            .map(|s| s.text.clone())
            .unwrap_or_default()
    }
}

/// Derives `(mode, dry_run_only)` from the front matter: an explicit `mode` wins; else the legacy
/// `dry_run_only` flag means `dry-run`; else `testnet`.
pub fn derive_mode(mode: &str, legacy_dry_run_only: bool) -> (String, bool) {
    let mode = mode.trim();
    if !mode.is_empty() {
        (mode.to_string(), mode == "dry-run")
    } else if legacy_dry_run_only {
        ("dry-run".to_string(), true)
    } else {
        ("testnet".to_string(), false)
    }
}

/// The canonical form of a module id as a learner may type it: trimmed, hyphens to
/// underscores, ASCII lower-case. `Trust-Lines-101` and `trust_lines_101` are one module.
pub fn normalize_id(id: &str) -> String {
    id.trim().replace('-', "_").to_ascii_lowercase()
}

/// True iff `id` is a canonical module id: `^[a-z][a-z0-9_]*$`. Such ids are also safe as file
/// names (reports are written as `reports/{id}.md`).
pub fn is_canonical_id(id: &str) -> bool {
    let mut chars = id.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_lowercase())
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mode_derivation_prefers_explicit_mode_then_legacy_flag() {
        assert_eq!(derive_mode("dry-run", false), ("dry-run".into(), true));
        assert_eq!(derive_mode("testnet", true), ("testnet".into(), false));
        assert_eq!(derive_mode("", true), ("dry-run".into(), true));
        assert_eq!(derive_mode("  ", false), ("testnet".into(), false));
    }

    #[test]
    fn ids_normalise_hyphens_and_case() {
        assert_eq!(normalize_id(" Trust-Lines-101 "), "trust_lines_101");
        assert!(is_canonical_id("trust_lines_101"));
        assert!(!is_canonical_id("trust-lines-101"));
        assert!(!is_canonical_id("1abc"));
        assert!(!is_canonical_id(""));
        assert!(!is_canonical_id("a/b"));
    }

    #[test]
    fn repeated_arg_keeps_position_and_takes_last_value() {
        let args: Args = [("a", "1"), ("b", "2"), ("a", "3")].into_iter().collect();
        let pairs: Vec<_> = args.iter().collect();
        assert_eq!(pairs, vec![("a", "3"), ("b", "2")]);
    }
}
