//! Every lint rule against a bad module fixture: level, location, message, file and line.

use std::path::{Path, PathBuf};

use xrpl_lab::curriculum::catalog::{dir_files, read_file};
use xrpl_lab::curriculum::{Catalog, Issue, IssueLevel, lint};

fn fixture(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/modules")
        .join(rel)
}

/// Lints one fixture alone (no curriculum) and returns its issues.
fn lint_one(name: &str) -> Vec<Issue> {
    let file = read_file(&fixture(&format!("lint/{name}")));
    lint(&[file], None).issues
}

/// Asserts the fixture yields exactly one issue, and returns it.
fn single(name: &str) -> Issue {
    let issues = lint_one(name);
    assert_eq!(issues.len(), 1, "{name}: {issues:#?}");
    let issue = issues.into_iter().next().unwrap();
    assert!(issue.file.ends_with(name), "{name}: file {}", issue.file);
    issue
}

fn assert_issue(name: &str, level: IssueLevel, location: &str, line: usize, message: &str) {
    let issue = single(name);
    assert_eq!(issue.level, level, "{name}");
    assert_eq!(issue.location, location, "{name}");
    assert_eq!(issue.message, message, "{name}");
    assert_eq!(issue.line, line, "{name}");
}

#[test]
fn good_module_has_no_issue() {
    assert_eq!(lint_one("good_module.md"), vec![]);
}

#[test]
fn missing_front_matter_is_an_error_on_line_1() {
    let i = single("bad_no_front_matter.md");
    assert_eq!(i.module, "bad_no_front_matter.md");
    assert_issue(
        "bad_no_front_matter.md",
        IssueLevel::Error,
        "frontmatter",
        1,
        "Module is missing YAML front-matter (---)",
    );
}

#[test]
fn missing_keys_are_listed_sorted() {
    assert_issue(
        "bad_missing_keys.md",
        IssueLevel::Error,
        "frontmatter",
        1,
        "Module front-matter missing keys: id, summary",
    );
}

#[test]
fn yaml_syntax_error_is_a_front_matter_error_with_a_file_line() {
    let i = single("bad_yaml.md");
    assert_eq!(i.level, IssueLevel::Error);
    assert_eq!(i.location, "frontmatter");
    assert!(
        i.message.starts_with("Invalid YAML in front-matter: "),
        "{}",
        i.message
    );
    assert!(!i.message.contains("at line"), "{}", i.message);
    // `title: [unclosed` is on line 3; libyaml notices on the next line.
    assert_eq!(i.line, 4);
}

#[test]
fn non_mapping_front_matter_is_an_error() {
    assert_issue(
        "bad_not_mapping.md",
        IssueLevel::Error,
        "frontmatter",
        2,
        "Module front-matter must be a mapping of keys to values",
    );
}

#[test]
fn non_integer_order_points_at_its_line() {
    assert_issue(
        "bad_order.md",
        IssueLevel::Error,
        "frontmatter",
        8,
        "Front-matter 'order' must be an integer, got 'first'",
    );
}

#[test]
fn id_that_is_not_a_safe_name_is_an_error() {
    assert_issue(
        "bad_invalid_id.md",
        IssueLevel::Error,
        "frontmatter",
        2,
        "Invalid module id 'Bad/Id': use snake_case (a-z, 0-9 and _, starting with a letter)",
    );
}

#[test]
fn hyphenated_id_is_normalised_with_a_warning() {
    let i = single("bad_hyphen_id.md");
    assert_eq!(i.module, "bad_hyphen_id");
    assert_issue(
        "bad_hyphen_id.md",
        IssueLevel::Warning,
        "frontmatter",
        2,
        "Module id 'Bad-Hyphen-Id' is not in canonical form; write 'bad_hyphen_id'",
    );
}

#[test]
fn file_name_must_match_the_id() {
    assert_issue(
        "bad_file_name.md",
        IssueLevel::Warning,
        "frontmatter",
        2,
        "File name 'bad_file_name.md' does not match module id 'some_other_id'; name it 'some_other_id.md'",
    );
}

#[test]
fn empty_title_is_an_error() {
    assert_issue(
        "bad_empty_title.md",
        IssueLevel::Error,
        "frontmatter",
        3,
        "Empty title",
    );
}

#[test]
fn unusual_level_is_a_warning() {
    assert_issue(
        "bad_level.md",
        IssueLevel::Warning,
        "frontmatter",
        5,
        "Unusual level 'expert' (expected beginner/intermediate/advanced)",
    );
}

#[test]
fn unknown_front_matter_key_suggests_the_known_one() {
    assert_issue(
        "bad_unknown_key.md",
        IssueLevel::Warning,
        "frontmatter",
        8,
        "Unknown front-matter key 'requries' (did you mean 'requires'?)",
    );
}

#[test]
fn unknown_artifact_kind_is_a_warning() {
    assert_issue(
        "bad_produces.md",
        IssueLevel::Warning,
        "frontmatter",
        8,
        "Unknown artifact kind 'receipt' in produces (expected: txid, report, audit_pack)",
    );
}

#[test]
fn unknown_action_counts_the_intro_as_step_1() {
    let i = single("bad_unknown_action.md");
    assert_eq!(
        i.to_string(),
        "[ERROR] bad_unknown_action: step 2, action 'totally_bogus_action' — Unknown action 'totally_bogus_action'"
    );
    assert_eq!(i.line, 15);
}

#[test]
fn mistyped_action_suggests_the_registered_one() {
    assert_issue(
        "bad_typo_action.md",
        IssueLevel::Error,
        "step 2, action 'verfy_tx'",
        15,
        "Unknown action 'verfy_tx' (did you mean 'verify_tx'?)",
    );
}

#[test]
fn bad_int_payload_names_step_action_and_field() {
    assert_issue(
        "bad_payload_int.md",
        IssueLevel::Error,
        "step 3, action 'check_inventory', field 'min_xrp_drops'",
        20,
        "Invalid int for 'min_xrp_drops': not_a_number",
    );
}

#[test]
fn unknown_field_is_an_error() {
    assert_issue(
        "bad_payload_unknown_field.md",
        IssueLevel::Error,
        "step 1, action 'submit_payment', field 'foo'",
        13,
        "Unknown field 'foo' (accepted: destination, amount, memo)",
    );
}

#[test]
fn arguments_to_an_action_without_fields_are_rejected() {
    assert_issue(
        "bad_payload_no_args_action.md",
        IssueLevel::Error,
        "step 1, action 'verify_tx', field 'foo'",
        13,
        "Unknown field 'foo' (this action takes no arguments)",
    );
}

#[test]
fn extra_directives_in_a_step_are_flagged() {
    assert_issue(
        "bad_two_directives.md",
        IssueLevel::Warning,
        "step 1, action 'ensure_wallet'",
        14,
        "Only the first action directive of a step runs; 'ensure_funded' on line 14 is ignored",
    );
}

#[test]
fn amm_without_dry_run_is_a_warning_at_the_directive() {
    assert_issue(
        "bad_amm_not_dry_run.md",
        IssueLevel::Warning,
        "frontmatter",
        13,
        "Module uses AMM actions but is not marked dry_run_only: true",
    );
}

#[test]
fn dry_run_without_amm_is_a_warning_at_mode() {
    assert_issue(
        "bad_dry_run_without_amm.md",
        IssueLevel::Warning,
        "frontmatter",
        8,
        "Module is marked dry_run_only but has no AMM actions",
    );
}

#[test]
fn kb_track_without_kb_source_is_a_warning() {
    let i = single("bad_kb_track.md");
    assert_eq!(i.level, IssueLevel::Warning);
    assert_eq!(i.line, 6);
    assert!(
        i.message
            .starts_with("Module is on KB-derived track 'tokens' but has no kb_source"),
        "{}",
        i.message
    );
}

#[test]
fn unreadable_file_is_an_error_at_file() {
    let i = single("bad_not_utf8.md");
    assert_eq!(i.level, IssueLevel::Error);
    assert_eq!(i.location, "file");
    assert_eq!(i.message, "Cannot read file: file is not UTF-8 text");
    assert_eq!(i.line, 1);
}

#[test]
fn report_counts_and_passes_only_without_errors() {
    let files = dir_files(&fixture("lint")).unwrap();
    let report = lint(&files, None);
    assert_eq!(report.files, files.len());
    assert_eq!(report.errors + report.warnings, report.issues.len());
    assert!(!report.passed);
    let warnings_only = lint(&[read_file(&fixture("lint/bad_level.md"))], None);
    assert!(warnings_only.passed);
    assert_eq!((warnings_only.errors, warnings_only.warnings), (0, 1));
}

// Curriculum rules: the linted files over an empty base, so only the fixture set is judged.

fn curriculum_issues(dir: &str) -> Vec<Issue> {
    let files = dir_files(&fixture(&format!("curriculum/{dir}"))).unwrap();
    let empty = Catalog::default();
    lint(&files, Some(&empty))
        .issues
        .into_iter()
        .filter(|i| i.location == "curriculum")
        .collect()
}

fn single_curriculum(dir: &str) -> Issue {
    let issues = curriculum_issues(dir);
    assert_eq!(issues.len(), 1, "{dir}: {issues:#?}");
    issues.into_iter().next().unwrap()
}

#[test]
fn missing_prerequisite_is_a_curriculum_error_at_requires() {
    let i = single_curriculum("missing_prereq");
    assert_eq!(i.level, IssueLevel::Error);
    assert_eq!(
        i.message,
        "Prerequisite 'nonexistent' not found in module set"
    );
    assert!(i.file.ends_with("needs_ghost.md"));
    assert_eq!(i.line, 9);
}

#[test]
fn cycle_is_reported_once_with_arrows() {
    let i = single_curriculum("cycle");
    assert_eq!(i.level, IssueLevel::Error);
    assert_eq!(i.module, "cyc_a");
    assert_eq!(i.message, "Prerequisite cycle: cyc_a → cyc_b → cyc_a");
    assert!(i.file.ends_with("cyc_a.md"));
    assert_eq!(i.line, 9);
}

#[test]
fn invalid_mode_is_a_curriculum_error() {
    let i = single_curriculum("hybrid_mode");
    assert_eq!(i.level, IssueLevel::Error);
    assert_eq!(
        i.message,
        "Invalid mode 'hybrid' (expected: testnet, dry-run)"
    );
    assert_eq!(i.line, 10);
}

#[test]
fn unknown_track_is_a_curriculum_warning() {
    let i = single_curriculum("unknown_track");
    assert_eq!(i.level, IssueLevel::Warning);
    assert!(
        i.message
            .starts_with("Unknown track 'cooking' (expected: foundations, nfts,")
    );
    assert_eq!(i.line, 6);
}

#[test]
fn blank_track_and_summary_are_curriculum_errors() {
    let issues = curriculum_issues("blank_track_summary");
    let msgs: Vec<_> = issues
        .iter()
        .map(|i| (i.level, i.line, i.message.as_str()))
        .collect();
    assert_eq!(
        msgs,
        vec![
            (IssueLevel::Error, 6, "Missing 'track' in frontmatter"),
            (IssueLevel::Error, 7, "Missing 'summary' in frontmatter"),
        ]
    );
}

#[test]
fn duplicate_ids_in_one_directory_are_an_error() {
    let i = single_curriculum("duplicate_ids");
    assert_eq!(i.level, IssueLevel::Error);
    assert!(
        i.message
            .starts_with("Duplicate module id 'twin' (also defined in "),
        "{}",
        i.message
    );
    assert!(i.file.ends_with("twin_copy.md"));
}

#[test]
fn shared_order_within_a_track_is_a_warning() {
    let i = single_curriculum("same_order");
    assert_eq!(i.level, IssueLevel::Warning);
    assert_eq!(i.module, "second_at_five");
    assert_eq!(
        i.message,
        "Modules 'first_at_five', 'second_at_five' share order 5 in track 'foundations'; their order falls back to id"
    );
    assert_eq!(i.line, 8);
}

#[test]
fn unknown_level_is_also_a_curriculum_warning() {
    let files = vec![read_file(&fixture("lint/bad_level.md"))];
    let report = lint(&files, Some(&Catalog::default()));
    let messages: Vec<_> = report
        .issues
        .iter()
        .map(|i| (i.location.as_str(), i.message.as_str()))
        .collect();
    assert_eq!(
        messages,
        vec![
            (
                "frontmatter",
                "Unusual level 'expert' (expected beginner/intermediate/advanced)"
            ),
            (
                "curriculum",
                "Unknown level 'expert' (expected: beginner, intermediate, advanced)"
            ),
        ]
    );
}

#[test]
fn linted_modules_join_the_base_curriculum() {
    // local_extra_101 requires receipt_literacy: resolved by the base, missing without it.
    let file = read_file(&fixture("extra_dir/local_extra_101.md"));
    let alone = lint(std::slice::from_ref(&file), Some(&Catalog::default()));
    assert!(!alone.passed);
    let base = Catalog::load_dirs(&[fixture("extra_dir")]).unwrap();
    let joined = lint(&[file], Some(&base));
    assert!(joined.passed, "{:#?}", joined.issues);
}
