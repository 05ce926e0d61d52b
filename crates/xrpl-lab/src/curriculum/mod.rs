//! The curriculum: module files and their format, the action registry (schema side), the
//! linter, tracks, and the canonical order learners walk.
//!
//! | file | what |
//! |---|---|
//! | [`module`] | `Module`, `Step`, `Action`, `Args`; id normalisation |
//! | [`parse`] | markdown → `Module`: front matter, steps, directives, arguments |
//! | [`catalog`] | loading bundled and `--modules` files into a `Catalog`; lookups |
//! | [`actions`] | the 80 actions: descriptions, wallet needs, payload schemas, validation |
//! | [`lint`] | `xrpl-lab lint`: per-file and curriculum rules |
//! | [`order`] | load and canonical order, next module, track progress |
//! | [`validate`] | curriculum-level checks over a module set |
//! | [`tracks`] | the ten tracks, their order and labels |
//! | [`suggest`] | "did you mean …?" for mistyped ids and names |
//! | [`error`] | `CurriculumError` and its `LabError` mapping |

pub mod actions;
pub mod catalog;
pub mod error;
pub mod lint;
pub mod module;
pub mod order;
pub mod parse;
pub mod suggest;
pub mod tracks;
pub mod validate;

pub use actions::registry;
pub use catalog::{Catalog, LoadWarning, ModuleFile, next_module, track_progress};
pub use error::CurriculumError;
pub use lint::{Issue, IssueLevel, LintReport, lint};
pub use module::{Action, Args, Module, Step, normalize_id};
pub use order::TrackProgress;
