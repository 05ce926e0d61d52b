//! The curriculum commands end to end through the real binary: `list`, `tracks`, `lint`,
//! `module init` — text and `--json` output, exit codes, `--modules DIR`.

use std::path::{Path, PathBuf};

use assert_cmd::cargo::cargo_bin_cmd;
use serde_json::Value;
use xrpl_lab::curriculum::Catalog;
use xrpl_lab::curriculum::parse::parse_module;

fn fixture(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/modules")
        .join(rel)
}

/// Runs the binary in `dir` with colour off and a learner home inside `dir` (so no test ever reads
/// the machine's own `~/.xrpl-lab`); returns (exit code, stdout, stderr).
fn run_in(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let out = cargo_bin_cmd!("xrpl-lab")
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env("XRPL_LAB_HOME", dir.join(".home"))
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

fn run(args: &[&str]) -> (i32, String, String) {
    run_in(Path::new(env!("CARGO_MANIFEST_DIR")), args)
}

fn keys(v: &Value) -> Vec<String> {
    v.as_object().unwrap().keys().cloned().collect()
}

#[test]
fn list_json_is_the_canonical_order_with_api_shaped_items() {
    let extra = fixture("extra_dir");
    let (code, out, err) = run(&["list", "--json", "--modules", extra.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("skipping malformed module"), "{err}");
    let items: Vec<Value> = serde_json::from_str(&out).unwrap();
    let catalog = Catalog::load(&[extra]).unwrap();
    let expected: Vec<&str> = catalog
        .canonical_order()
        .iter()
        .map(|m| m.id.as_str())
        .collect();
    let got: Vec<&str> = items.iter().map(|i| i["id"].as_str().unwrap()).collect();
    assert_eq!(got, expected);
    assert_eq!(
        keys(&items[0]),
        [
            "id",
            "title",
            "track",
            "summary",
            "level",
            "time_estimate",
            "mode",
            "requires",
            "produces",
            "checks"
        ]
    );
    let receipt = items
        .iter()
        .find(|i| i["id"] == "receipt_literacy")
        .unwrap();
    assert_eq!(receipt["title"], "Receipt Literacy (workshop edition)");
    assert_eq!(items.last().unwrap()["id"], "local_extra_101");
}

#[test]
fn list_text_has_one_row_per_module_and_no_terminal_markup() {
    let (code, out, _) = run(&["list", "--modules", fixture("extra_dir").to_str().unwrap()]);
    assert_eq!(code, 0);
    assert!(out.starts_with("XRPL Lab Modules\n"), "{out}");
    assert!(!out.contains('\u{1b}'), "ANSI escape in piped output");
    let row = out.lines().find(|l| l.contains("local_extra_101")).unwrap();
    assert!(
        row.contains("capstone") && row.contains("Fixture local_extra_101"),
        "{row}"
    );
    let count = Catalog::load(&[fixture("extra_dir")]).unwrap().len();
    assert!(out.contains(&format!("{count} modules")), "{out}");
}

#[test]
fn piped_output_carries_no_colour_even_without_no_color() {
    let out = cargo_bin_cmd!("xrpl-lab")
        .args(["tracks"])
        .env_remove("NO_COLOR")
        .env_remove("CLICOLOR_FORCE")
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(!out.stdout.contains(&0x1b), "ANSI escape in piped output");
}

#[test]
fn missing_modules_dir_exits_1_with_a_message() {
    let (code, _, err) = run(&["list", "--modules", "definitely/not/here"]);
    assert_eq!(code, 1);
    assert!(err.contains("Modules directory not found"), "{err}");
}

#[test]
fn tracks_json_groups_modules_and_skills_in_track_order() {
    let dir = fixture("curriculum/unknown_track");
    let (code, out, err) = run(&["tracks", "--json", "--modules", dir.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    let tracks: Vec<Value> = serde_json::from_str(&out).unwrap();
    assert_eq!(
        keys(&tracks[0]),
        ["track", "label", "total", "modules", "skills"]
    );
    let names: Vec<&str> = tracks
        .iter()
        .map(|t| t["track"].as_str().unwrap())
        .collect();
    // Known tracks keep their rank; the unknown one comes last, title-cased.
    assert_eq!(names.last(), Some(&"cooking"));
    assert_eq!(tracks.last().unwrap()["label"], "Cooking");
    let catalog = Catalog::load(&[dir]).unwrap();
    let total: u64 = tracks.iter().map(|t| t["total"].as_u64().unwrap()).sum();
    assert_eq!(total as usize, catalog.len());
    for t in &tracks {
        let mut skills = Vec::new();
        for m in t["modules"].as_array().unwrap() {
            let module = catalog.get(m["id"].as_str().unwrap()).unwrap();
            assert_eq!(module.track, t["track"].as_str().unwrap());
            skills.extend(module.checks.iter().cloned());
        }
        let listed: Vec<String> = serde_json::from_value(t["skills"].clone()).unwrap();
        assert_eq!(listed, skills);
    }
}

#[test]
fn tracks_text_lists_modules_and_skills() {
    let (code, out, _) = run(&[
        "tracks",
        "--modules",
        fixture("extra_dir").to_str().unwrap(),
    ]);
    assert_eq!(code, 0);
    assert!(out.starts_with("Tracks\n"));
    assert!(out.contains("Capstone (capstone)"), "{out}");
    assert!(out.contains("local_extra_101"));
}

/// A learner's state and workspace in a temp dir: `receipt_literacy` done with two transactions
/// and a report, one transaction from `trust_lines_101` (not done).
fn learner_with_progress() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let home = dir.path().join(".home");
    std::fs::create_dir_all(&home).unwrap();
    let tx = |id: &str, module: &str| {
        serde_json::json!({"txid": id, "module_id": module, "timestamp": 1.0,
            "network": "testnet", "success": true})
    };
    let state = serde_json::json!({
        "version": "2.2.0", "network": "testnet",
        "completed_modules": [{"module_id": "receipt_literacy", "completed_at": 1.0}],
        "tx_index": [tx("A1", "receipt_literacy"), tx("A2", "receipt_literacy"),
            tx("B1", "trust_lines_101")],
    });
    std::fs::write(home.join("state.json"), state.to_string()).unwrap();
    let reports = dir.path().join(".xrpl-lab/reports");
    std::fs::create_dir_all(&reports).unwrap();
    std::fs::write(reports.join("receipt_literacy.md"), "# report\n").unwrap();
    std::fs::write(reports.join("unrelated.md"), "# other\n").unwrap();
    dir
}

#[test]
fn tracks_json_shows_the_learners_modes_transactions_and_reports_per_track() {
    let dir = learner_with_progress();
    let (code, out, err) = run_in(dir.path(), &["tracks", "--json"]);
    assert_eq!(code, 0, "{err}");
    let tracks: Vec<Value> = serde_json::from_str(&out).unwrap();
    let catalog = Catalog::load(&[]).unwrap();
    let receipt = catalog.get("receipt_literacy").unwrap();
    let trust = catalog.get("trust_lines_101").unwrap();
    for t in &tracks {
        let name = t["track"].as_str().unwrap();
        let mut expected_tx = 0;
        if name == receipt.track {
            expected_tx += 2;
        }
        if name == trust.track {
            expected_tx += 1;
        }
        assert_eq!(t["transactions"], expected_tx, "{name}");
        if name == receipt.track {
            assert_eq!(t["mode_breakdown"], receipt.mode.as_str());
            assert_eq!(t["reports"], serde_json::json!(["receipt_literacy.md"]));
            assert_eq!(t["done"], 1);
        } else {
            assert_eq!(t["mode_breakdown"], "none", "{name}");
            assert_eq!(t["reports"], serde_json::json!([]), "{name}");
        }
    }
}

#[test]
fn tracks_text_shows_status_modes_skills_transactions_and_reports() {
    let dir = learner_with_progress();
    let (code, out, err) = run_in(dir.path(), &["tracks"]);
    assert_eq!(code, 0, "{err}");
    let catalog = Catalog::load(&[]).unwrap();
    let receipt = catalog.get("receipt_literacy").unwrap();
    let header = out
        .lines()
        .find(|l| l.contains(&format!("({})", receipt.track)))
        .unwrap();
    assert!(header.contains("▸ ACTIVE"), "{header}");
    assert!(header.contains(&format!("({})", receipt.mode)), "{header}");
    assert!(out.contains("✓ done  receipt_literacy"), "{out}");
    assert!(out.contains("◌ todo  trust_lines_101"), "{out}");
    let skills: Vec<&str> = receipt.checks.iter().map(String::as_str).take(5).collect();
    assert!(
        out.contains(&format!("Skills: {}", skills.join("; "))),
        "{out}"
    );
    assert!(out.contains("Transactions: 3"), "{out}");
    assert!(out.contains("Reports: receipt_literacy.md"), "{out}");
    assert!(!out.contains("unrelated.md"), "{out}");
    // A track with nothing done shows no mode breakdown.
    assert!(out.contains("◌ TODO"), "{out}");
}

#[test]
fn lint_reports_file_line_and_exits_1_on_errors() {
    let (code, out, _) = run(&[
        "lint",
        "tests/fixtures/modules/lint/bad_payload_int.md",
        "--no-curriculum",
    ]);
    assert_eq!(code, 1);
    assert!(out.contains(
        "tests/fixtures/modules/lint/bad_payload_int.md:20: [ERROR] bad_payload_int: step 3, action 'check_inventory', field 'min_xrp_drops' — Invalid int for 'min_xrp_drops': not_a_number"
    ), "{out}");
    assert!(out.contains("Linted 1 module(s): 1 error(s), 0 warning(s)"));
    assert!(out.trim_end().ends_with("FAIL"));
}

#[test]
fn lint_json_shape_and_warnings_alone_pass() {
    let (code, out, _) = run(&[
        "lint",
        "tests/fixtures/modules/lint/bad_level.md",
        "--json",
        "--no-curriculum",
    ]);
    assert_eq!(code, 0);
    let report: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(keys(&report), ["passed", "errors", "warnings", "issues"]);
    assert_eq!(report["passed"], true);
    assert_eq!(report["warnings"], 1);
    let issue = &report["issues"][0];
    assert_eq!(
        keys(issue),
        ["level", "module", "location", "message", "file", "line"]
    );
    assert_eq!(issue["level"], "warning");
    assert_eq!(issue["line"], 5);
}

#[test]
fn lint_glob_over_many_files_counts_them() {
    let (code, out, _) = run(&[
        "lint",
        "tests/fixtures/modules/lint/*.md",
        "--json",
        "--no-curriculum",
    ]);
    assert_eq!(code, 1);
    let report: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(report["passed"], false);
    let files: std::collections::BTreeSet<&str> = report["issues"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["file"].as_str().unwrap())
        .collect();
    assert!(files.len() > 15, "{files:?}");
}

#[test]
fn lint_with_no_match_passes_with_a_message() {
    let (code, out, _) = run(&["lint", "nomatch/*.md"]);
    assert_eq!(code, 0);
    assert_eq!(out.trim(), "No files matching 'nomatch/*.md'");
    let (code, out, _) = run(&["lint", "nomatch/*.md", "--json"]);
    assert_eq!(code, 0);
    let report: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(
        report,
        serde_json::json!({"passed": true, "errors": 0, "warnings": 0, "issues": []})
    );
}

#[test]
fn lint_curriculum_rules_can_be_turned_off() {
    let file = "tests/fixtures/modules/curriculum/missing_prereq/needs_ghost.md";
    let (code, out, _) = run(&["lint", file]);
    assert_eq!(code, 1);
    assert!(
        out.contains(
            "needs_ghost: curriculum — Prerequisite 'nonexistent' not found in module set"
        ),
        "{out}"
    );
    let (code, out, _) = run(&["lint", file, "--no-curriculum"]);
    assert_eq!(code, 0, "{out}");
}

#[test]
fn lint_without_glob_checks_the_bundled_modules_and_they_pass() {
    let (code, out, err) = run(&["lint"]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains(" 0 error(s)"), "{out}");
    assert!(out.trim_end().ends_with("PASS"));
}

#[test]
fn module_init_scaffolds_a_module_that_parses_and_lints() {
    let dir = tempfile::tempdir().unwrap();
    let (code, out, err) = run_in(
        dir.path(),
        &[
            "module",
            "init",
            "--id",
            "my_mod",
            "--track",
            "foundations",
            "--title",
            "T: a title # with marks",
            "--time",
            "5 min",
        ],
    );
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("Created: my_mod.md"), "{out}");
    assert!(out.contains("PASS"), "{out}");
    let path = dir.path().join("my_mod.md");
    let m = parse_module(&std::fs::read_to_string(&path).unwrap(), "my_mod.md").unwrap();
    assert_eq!(
        (m.id.as_str(), m.track.as_str(), m.mode.as_str()),
        ("my_mod", "foundations", "testnet")
    );
    assert_eq!(m.title, "T: a title # with marks");
    assert_eq!(m.time, "5 min");
    let actions: Vec<&str> = m.actions().map(|a| a.name.as_str()).collect();
    assert_eq!(actions, ["ensure_wallet", "ensure_funded"]);
    assert_eq!(
        m.steps.last().unwrap().header.as_deref(),
        Some("What you proved")
    );

    let (code, out, _) = run_in(dir.path(), &["lint", "my_mod.md"]);
    assert_eq!(code, 0, "{out}");

    // Never overwrite.
    let before = std::fs::read(&path).unwrap();
    let (code, _, err) = run_in(
        dir.path(),
        &[
            "module",
            "init",
            "--id",
            "my_mod",
            "--track",
            "foundations",
            "--title",
            "Other",
            "--time",
            "1 min",
        ],
    );
    assert_eq!(code, 2);
    assert!(err.contains("Output file already exists"), "{err}");
    assert_eq!(std::fs::read(&path).unwrap(), before);
}

#[test]
fn module_init_refuses_bad_and_taken_ids() {
    let dir = tempfile::tempdir().unwrap();
    let extra = fixture("extra_dir");
    let base = ["module", "init", "--title", "T", "--time", "5 min"];
    let with = |extra_args: &[&str]| {
        let mut args: Vec<&str> = base.to_vec();
        args.extend_from_slice(extra_args);
        run_in(dir.path(), &args)
    };
    let (code, _, err) = with(&["--id", "Bad-ID", "--track", "foundations"]);
    assert_eq!(code, 2);
    assert!(err.contains("Invalid module ID: 'Bad-ID'"), "{err}");
    let (code, _, err) = with(&[
        "--id",
        "local_extra_101",
        "--track",
        "foundations",
        "--modules",
        extra.to_str().unwrap(),
    ]);
    assert_eq!(code, 2);
    assert!(
        err.contains("Module ID 'local_extra_101' already exists in the catalog"),
        "{err}"
    );
    let (code, _, err) = with(&["--id", "ok_id", "--track", "cooking"]);
    assert_eq!(code, 2);
    assert!(err.contains("invalid value 'cooking'"), "{err}");
    assert!(
        std::fs::read_dir(dir.path()).unwrap().next().is_none(),
        "nothing written"
    );
}

#[test]
fn module_init_normalises_ids_and_notes_unknown_prerequisites() {
    let dir = tempfile::tempdir().unwrap();
    let extra = fixture("extra_dir");
    let (code, out, err) = run_in(
        dir.path(),
        &[
            "module",
            "init",
            "--id",
            "my-other",
            "--track",
            "amm",
            "--title",
            "T",
            "--time",
            "5 min",
            "--mode",
            "dry-run",
            "--requires",
            "Local-Extra-101,ghost_module",
            "--modules",
            extra.to_str().unwrap(),
        ],
    );
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("Created: my_other.md"), "{out}");
    assert!(
        out.contains("prerequisite 'ghost_module' is not in the catalog"),
        "{out}"
    );
    assert!(!out.contains("'local_extra_101' is not"), "{out}");
    // Auto-lint shows the warning a dry-run module without AMM actions deserves.
    assert!(
        out.contains("Module is marked dry_run_only but has no AMM actions"),
        "{out}"
    );
    let text = std::fs::read_to_string(dir.path().join("my_other.md")).unwrap();
    let m = parse_module(&text, "my_other.md").unwrap();
    assert_eq!(m.requires, ["local_extra_101", "ghost_module"]);
    assert!(m.dry_run_only);
}
