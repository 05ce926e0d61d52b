//! The curriculum: module files and their format, the action registry (schema side), the
//! linter, tracks, and the canonical order learners walk.
//!
//! | file | what |
//! |---|---|
//! | [`module`] | `Module`, `Step`, `Action`, `Args`; id normalisation |
//! | [`parse`] | markdown → `Module`: the front matter, with file/line errors |
//! | [`steps`] | the body → steps, action directives and their arguments |
//! | [`catalog`] | loading bundled and `--modules` files into a `Catalog`; lookups |
//! | [`actions`] | the 80 actions: descriptions, wallet needs, payload schemas, validation |
//! | [`mod@lint`] | `xrpl-lab lint`: per-file and curriculum rules |
//! | [`order`] | load and canonical order, next module, track progress |
//! | [`validate`] | curriculum-level checks over a module set |
//! | [`tracks`] | the ten tracks, their order and labels |
//! | [`suggest`] | "did you mean …?" for mistyped ids and names |
//! | [`error`] | `CurriculumError` and its `LabError` mapping |
//!
//! Public surface for the rest of the lab: [`Catalog::load`], [`Catalog::get`] /
//! [`Catalog::require`] (hyphenated ids accepted, closest-id suggestion on a miss),
//! [`Catalog::canonical_order`], [`next_module`], [`track_progress`], [`registry`] (handlers
//! are bound by action name) and [`lint()`].
//!
//! Where we differ from the original on purpose:
//! - YAML syntax errors and non-mapping front matter are front-matter errors with a file line
//!   (the original crashed); a byte-order mark and CRLF line ends are accepted.
//! - Ids must be snake_case and safe as file names; a hyphenated or capitalised id is
//!   normalised, with a lint warning. `requires` ids are normalised too; a lone id is a list.
//! - Payloads are checked strictly, at lint time: an action without fields takes no arguments,
//!   booleans must be booleans, amounts finite decimals, fees/scales/taxons within the ledger's
//!   ranges, roles from their choices; `set_trust_line` requires its `currency`.
//! - Extra lint rules: unknown front-matter keys, file name vs id, ignored extra directives,
//!   unknown artifact kinds, duplicate ids, two modules sharing an `order` in a track.
//! - `lint` without a pattern checks the modules the lab loads (bundled and `--modules`), and
//!   the curriculum rules judge that set with the linted files laid over it.
//! - The knowledge-base cross-check of `kb_source` slugs (an optional local SQLite file in the
//!   original) is not carried over: no KB ships with the lab.

pub mod actions;
pub mod catalog;
pub mod error;
pub mod lint;
pub mod module;
pub mod order;
pub mod parse;
pub mod steps;
pub mod suggest;
pub mod tracks;
pub mod validate;

pub use actions::registry;
pub use catalog::{Catalog, LoadWarning, ModuleFile, next_module, track_progress};
pub use error::CurriculumError;
pub use lint::{Issue, IssueLevel, LintReport, lint};
pub use module::{Action, Args, Module, Step, normalize_id};
pub use order::TrackProgress;
