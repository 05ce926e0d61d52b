//! Arbitrary text never panics the parser, the argument reader, the validator or the linter:
//! bad input is an error or an issue, never a crash. Bounded case counts keep this fast.

use proptest::prelude::*;
use xrpl_lab::curriculum::catalog::ModuleFile;
use xrpl_lab::curriculum::parse::{parse_args, parse_module};
use xrpl_lab::curriculum::{Catalog, lint, registry};

/// Text made of the format's own pieces, so the parser's deeper paths get exercised.
fn module_like() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("---\n".to_string()),
        Just("id: x\n".to_string()),
        Just("title: T\ntime: 1\nlevel: beginner\ntrack: dex\nsummary: s\n".to_string()),
        Just("requires: [a, b]\n".to_string()),
        Just("order: ".to_string()),
        Just("## Step 1: ".to_string()),
        Just("## Checkpoint: ".to_string()),
        Just("<!-- action: ".to_string()),
        Just("submit_payment amount=\"".to_string()),
        Just(" -->".to_string()),
        Just("\n".to_string()),
        Just("é€🦀\r\n".to_string()),
        "[ -~]{0,12}",
    ];
    prop::collection::vec(piece, 0..24).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn parser_never_panics(text in module_like()) {
        if let Ok(m) = parse_module(&text, "fuzz.md") {
            for step in &m.steps {
                prop_assert!(step.line >= 1);
            }
        }
    }

    #[test]
    fn arbitrary_unicode_never_panics(text in "\\PC{0,200}") {
        let _ = parse_module(&text, "fuzz.md");
        let _ = parse_args(&text);
    }

    #[test]
    fn args_validate_or_fail_cleanly(raw in "[a-z_=\"' 0-9.eE+-]{0,40}") {
        let args = parse_args(&raw);
        for spec in registry().iter() {
            let _ = spec.validate(&args);
        }
    }

    #[test]
    fn linter_never_panics(text in module_like()) {
        let file = ModuleFile { file: "fuzz.md".into(), text: Ok(text) };
        let report = lint(&[file], Some(&Catalog::default()));
        prop_assert_eq!(report.passed, report.errors == 0);
    }
}
