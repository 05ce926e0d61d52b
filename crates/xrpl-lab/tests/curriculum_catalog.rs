//! Loading: bundled modules plus `--modules` dirs, overrides by id, malformed files warned and
//! skipped, lookups by canonical or hyphenated id, and "did you mean" for unknown ids.

use std::path::{Path, PathBuf};

use xrpl_lab::curriculum::{Catalog, CurriculumError};
use xrpl_lab::lab_error::LabError;

fn fixture(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/modules")
        .join(rel)
}

#[test]
fn extra_dir_overrides_by_id_adds_modules_and_warns_on_malformed_files() {
    let bundled = Catalog::load(&[]).unwrap();
    let catalog = Catalog::load(&[fixture("extra_dir")]).unwrap();
    assert_eq!(catalog.len(), bundled.len() + 1);
    let overridden = catalog.get("receipt_literacy").unwrap();
    assert_eq!(overridden.title, "Receipt Literacy (workshop edition)");
    assert!(overridden.origin.file.ends_with("receipt_literacy.md"));
    assert!(catalog.get("local_extra_101").is_some());

    let warnings: Vec<String> = catalog.warnings().iter().map(|w| w.to_string()).collect();
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(
        warnings[0].starts_with("Warning: skipping malformed module "),
        "{}",
        warnings[0]
    );
    assert!(warnings[0].contains("broken.md"));
    assert!(warnings[0].ends_with("Module is missing YAML front-matter (---)"));
}

#[test]
fn later_dirs_win() {
    let a = tempfile::tempdir().unwrap();
    let b = tempfile::tempdir().unwrap();
    for (dir, title) in [(&a, "From A"), (&b, "From B")] {
        let text = format!(
            "---\nid: shared\ntitle: {title}\ntime: 1\nlevel: beginner\ntrack: dex\nsummary: s\n---\n"
        );
        std::fs::write(dir.path().join("shared.md"), text).unwrap();
    }
    let catalog = Catalog::load_dirs(&[a.path().to_path_buf(), b.path().to_path_buf()]).unwrap();
    assert_eq!(catalog.get("shared").unwrap().title, "From B");
    assert!(catalog.warnings().is_empty());
}

#[test]
fn hyphenated_and_cased_ids_find_the_module() {
    let catalog = Catalog::load_dirs(&[fixture("extra_dir")]).unwrap();
    let canonical = catalog.get("local_extra_101").unwrap();
    assert_eq!(catalog.get("local-extra-101"), Some(canonical));
    assert_eq!(catalog.get(" Local-Extra-101 "), Some(canonical));
}

#[test]
fn unknown_id_suggests_the_closest() {
    let catalog = Catalog::load_dirs(&[fixture("extra_dir")]).unwrap();
    let err = catalog.require("local-extra-11").unwrap_err();
    match &err {
        CurriculumError::ModuleNotFound {
            id,
            suggestion,
            available,
        } => {
            assert_eq!(id, "local-extra-11");
            assert_eq!(suggestion.as_deref(), Some("local_extra_101"));
            assert_eq!(available, &["receipt_literacy", "local_extra_101"]);
        }
        other => panic!("{other:?}"),
    }
    let lab: LabError = err.into();
    assert_eq!(lab.code, "INPUT_MODULE_NOT_FOUND");
    assert_eq!(lab.message, "Module 'local-extra-11' not found.");
    assert!(
        lab.hint.contains("Did you mean 'local_extra_101'?"),
        "{}",
        lab.hint
    );

    let far = catalog.require("quantum_cooking").unwrap_err();
    assert!(matches!(
        far,
        CurriculumError::ModuleNotFound {
            suggestion: None,
            ..
        }
    ));
    assert!(LabError::from(far).hint.contains("xrpl-lab list"));
}

#[test]
fn missing_modules_dir_is_a_typed_error() {
    let gone = fixture("no_such_dir");
    let err = Catalog::load(std::slice::from_ref(&gone)).unwrap_err();
    assert!(
        matches!(&err, CurriculumError::DirNotFound(p) if *p == gone),
        "{err:?}"
    );
    assert_eq!(LabError::from(&err).code, "CONFIG_MODULES_DIR");
}

#[test]
fn bundled_modules_parse_and_their_actions_validate() {
    let catalog = Catalog::load(&[]).unwrap();
    assert!(!catalog.is_empty());
    assert!(catalog.warnings().is_empty(), "{:?}", catalog.warnings());
    let registry = xrpl_lab::curriculum::registry();
    for m in catalog.modules() {
        assert!(!m.steps.is_empty(), "{}", m.id);
        for action in m.actions() {
            let spec = registry
                .lookup(&action.name)
                .unwrap_or_else(|e| panic!("{}: {e}", m.id));
            spec.validate(&action.args)
                .unwrap_or_else(|e| panic!("{} line {}: {e}", m.id, action.line));
        }
    }
}
