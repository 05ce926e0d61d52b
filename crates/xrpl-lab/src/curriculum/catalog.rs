//! Loading the curriculum: the modules bundled in the binary (`modules/*.md`, embedded at build
//! time so the binary runs from any directory) plus any `--modules DIR`, later sources
//! overriding earlier ones module by module (same id).
//!
//! A malformed file does not stop the lab: it is left out and reported as a [`LoadWarning`]
//! (the linter, by contrast, reports it as an error).

use std::collections::{BTreeSet, HashMap};
use std::fmt;
use std::path::{Path, PathBuf};

use super::error::CurriculumError;
use super::module::{Module, normalize_id};
use super::order::{TrackProgress, canonical_order, next_in, progress_in, sort_load_order};
use super::parse::parse_module;
use super::suggest;

#[derive(rust_embed::RustEmbed)]
#[folder = "../../modules"]
#[include = "*.md"]
#[allow_missing = true]
struct Bundled;

/// The text of one module file and the name messages use for it.
#[derive(Debug, Clone, PartialEq)]
pub struct ModuleFile {
    /// A path on disk, or `modules/NAME.md` for a bundled module.
    pub file: String,
    /// The file's text, or why it could not be read as UTF-8 text.
    pub text: Result<String, String>,
}

/// The bundled module files, sorted by name.
pub fn bundled_files() -> Vec<ModuleFile> {
    let mut names: Vec<String> = Bundled::iter()
        .map(|n| n.into_owned())
        .filter(|n| !n.contains('/') && n.ends_with(".md"))
        .collect();
    names.sort();
    names
        .into_iter()
        .filter_map(|name| {
            let data = Bundled::get(&name)?.data;
            let text = String::from_utf8(data.into_owned())
                .map_err(|_| "file is not UTF-8 text".to_string());
            Some(ModuleFile {
                file: format!("modules/{name}"),
                text,
            })
        })
        .collect()
}

/// The `*.md` files of a directory, sorted by name.
pub fn dir_files(dir: &Path) -> Result<Vec<ModuleFile>, CurriculumError> {
    if !dir.is_dir() {
        return Err(CurriculumError::DirNotFound(dir.to_path_buf()));
    }
    let read_err = |source| CurriculumError::ReadDir {
        path: dir.to_path_buf(),
        source,
    };
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(read_err)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "md") && p.is_file())
        .collect();
    paths.sort();
    Ok(paths.iter().map(|p| read_file(p)).collect())
}

/// Reads one module file; unreadable or non-UTF-8 content is kept as the reason.
pub fn read_file(path: &Path) -> ModuleFile {
    let text = match std::fs::read(path) {
        Ok(bytes) => String::from_utf8(bytes).map_err(|_| "file is not UTF-8 text".to_string()),
        Err(e) => Err(e.to_string()),
    };
    ModuleFile {
        file: path.display().to_string(),
        text,
    }
}

/// A module file left out of the catalog, and why.
#[derive(Debug, Clone, PartialEq)]
pub struct LoadWarning {
    pub file: String,
    pub message: String,
}

impl fmt::Display for LoadWarning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "Warning: skipping malformed module {}: {}",
            self.file, self.message
        )
    }
}

/// The loaded curriculum: modules in load order `(order, id)`, with the canonical order and an
/// id index computed once.
#[derive(Debug, Clone, Default)]
pub struct Catalog {
    modules: Vec<Module>,
    canonical: Vec<usize>,
    index: HashMap<String, usize>,
    warnings: Vec<LoadWarning>,
}

impl Catalog {
    /// The bundled modules, then each of `extra_dirs` in turn (later wins on the same id).
    pub fn load(extra_dirs: &[PathBuf]) -> Result<Self, CurriculumError> {
        let mut groups = vec![bundled_files()];
        for dir in extra_dirs {
            groups.push(dir_files(dir)?);
        }
        Ok(Self::from_groups(groups))
    }

    /// Only the given directories, without the bundled modules (tests, custom curricula).
    pub fn load_dirs(dirs: &[PathBuf]) -> Result<Self, CurriculumError> {
        let groups = dirs
            .iter()
            .map(|d| dir_files(d))
            .collect::<Result<_, _>>()?;
        Ok(Self::from_groups(groups))
    }

    /// Builds a catalog from groups of files; a later group overrides an earlier one per id.
    pub fn from_groups(groups: Vec<Vec<ModuleFile>>) -> Self {
        let mut warnings = Vec::new();
        let mut by_id: HashMap<String, Module> = HashMap::new();
        for group in groups {
            let mut seen_in_group: HashMap<String, String> = HashMap::new();
            for file in group {
                let parsed = file
                    .text
                    .clone()
                    .and_then(|t| parse_module(&t, &file.file).map_err(|e| e.kind.to_string()));
                match parsed {
                    Ok(m) => {
                        if let Some(first) = seen_in_group.insert(m.id.clone(), file.file.clone()) {
                            warnings.push(LoadWarning {
                                file: first,
                                message: format!(
                                    "module id '{}' is defined again in {}, which wins",
                                    m.id, file.file
                                ),
                            });
                        }
                        by_id.insert(m.id.clone(), m);
                    }
                    Err(message) => warnings.push(LoadWarning {
                        file: file.file,
                        message,
                    }),
                }
            }
        }
        let mut catalog = Self::from_modules(by_id.into_values().collect());
        catalog.warnings = warnings;
        catalog
    }

    /// A catalog of already-parsed modules (ids must be unique; the last of a repeated id wins).
    pub fn from_modules(modules: Vec<Module>) -> Self {
        let mut unique: HashMap<String, Module> = HashMap::new();
        for m in modules {
            unique.insert(m.id.clone(), m);
        }
        let mut modules: Vec<Module> = unique.into_values().collect();
        sort_load_order(&mut modules);
        let canonical = canonical_order(&modules);
        let index = modules
            .iter()
            .enumerate()
            .map(|(i, m)| (m.id.clone(), i))
            .collect();
        Self {
            modules,
            canonical,
            index,
            warnings: Vec::new(),
        }
    }

    /// The module with this id; the hyphenated form (`trust-lines-101`) works too.
    pub fn get(&self, id: &str) -> Option<&Module> {
        self.index.get(&normalize_id(id)).map(|&i| &self.modules[i])
    }

    /// Like [`get`](Self::get), with an error that suggests the closest id.
    pub fn require(&self, id: &str) -> Result<&Module, CurriculumError> {
        self.get(id).ok_or_else(|| CurriculumError::ModuleNotFound {
            id: id.to_string(),
            suggestion: self.suggest(id).map(str::to_string),
            available: self.modules.iter().map(|m| m.id.clone()).collect(),
        })
    }

    /// The closest module id to an unknown one, when one is close.
    pub fn suggest(&self, id: &str) -> Option<&str> {
        suggest::closest(id, self.modules.iter().map(|m| m.id.as_str()))
    }

    /// Modules in load order: `(order, id)`.
    pub fn modules(&self) -> &[Module] {
        &self.modules
    }

    /// Modules in canonical order (the `list` order): prerequisites first, then track rank,
    /// `order` and id.
    pub fn canonical_order(&self) -> Vec<&Module> {
        self.canonical.iter().map(|&i| &self.modules[i]).collect()
    }

    /// Files that were left out, and why.
    pub fn warnings(&self) -> &[LoadWarning] {
        &self.warnings
    }

    pub fn len(&self) -> usize {
        self.modules.len()
    }

    pub fn is_empty(&self) -> bool {
        self.modules.is_empty()
    }
}

/// The learner's next module: the first in canonical order that is not completed and whose
/// prerequisites all are. `None` when everything reachable is done.
pub fn next_module<'a>(catalog: &'a Catalog, completed: &BTreeSet<String>) -> Option<&'a Module> {
    next_in(catalog.canonical_order(), completed)
}

/// Per-track progress: the ten tracks in fixed order (also when empty), then unknown tracks.
pub fn track_progress(catalog: &Catalog, completed: &BTreeSet<String>) -> Vec<TrackProgress> {
    progress_in(catalog.canonical_order(), completed)
}
