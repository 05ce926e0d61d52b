//! The module format's tricky corners: front matter coercions, the intro step, checkpoints,
//! directives (first one wins, nested in comments, spanning lines) and argument syntax.

use xrpl_lab::curriculum::module::DEFAULT_ORDER;
use xrpl_lab::curriculum::parse::{ParseErrorKind, parse_args, parse_module};

const FM: &str = "---\nid: demo\ntitle: Demo\ntime: 10 min\nlevel: beginner\ntrack: foundations\nsummary: A demo.\n";

fn module(extra_fm: &str, body: &str) -> xrpl_lab::curriculum::Module {
    parse_module(&format!("{FM}{extra_fm}---\n{body}"), "demo.md").unwrap()
}

#[test]
fn front_matter_defaults_and_coercions() {
    let m = module("requires: null\ntime_extra: 1\n", "");
    assert_eq!(m.order, DEFAULT_ORDER);
    assert!(m.requires.is_empty());
    assert_eq!(m.mode, "testnet");
    assert!(!m.dry_run_only);
    assert_eq!(m.kb_source, "");
    assert_eq!(m.origin.unknown_keys, vec![("time_extra".to_string(), 9)]);

    let text =
        "---\nid: n\ntitle: T\ntime: 5\nlevel: beginner\ntrack: dex\nsummary: s\norder: '7'\n---\n";
    let m = parse_module(text, "n.md").unwrap();
    assert_eq!(m.time, "5");
    assert_eq!(m.order, 7);
}

#[test]
fn mode_and_legacy_flag() {
    assert!(module("mode: dry-run\n", "").dry_run_only);
    let legacy = module("dry_run_only: true\n", "");
    assert_eq!(
        (legacy.mode.as_str(), legacy.dry_run_only),
        ("dry-run", true)
    );
    let explicit = module("mode: testnet\ndry_run_only: true\n", "");
    assert_eq!(
        (explicit.mode.as_str(), explicit.dry_run_only),
        ("testnet", false)
    );
}

#[test]
fn requires_are_normalised_and_a_lone_id_is_a_list() {
    let m = module("requires: [Trust-Lines-101, escrow_101]\n", "");
    assert_eq!(m.requires, vec!["trust_lines_101", "escrow_101"]);
    let m = module("requires: receipt_literacy\n", "");
    assert_eq!(m.requires, vec!["receipt_literacy"]);
    let err = parse_module(&format!("{FM}requires: {{a: 1}}\n---\n"), "x.md").unwrap_err();
    assert!(
        matches!(err.kind, ParseErrorKind::WrongType { .. }),
        "{err}"
    );
    assert_eq!(err.line, 8);
}

#[test]
fn yaml_comment_truncates_an_unquoted_summary() {
    let text = "---\nid: c\ntitle: C\ntime: 1\nlevel: beginner\ntrack: tokens\nsummary: recall part of it from a holder — the #1 lever\n---\n";
    let m = parse_module(text, "c.md").unwrap();
    assert_eq!(m.summary, "recall part of it from a holder — the");
}

#[test]
fn bom_and_crlf_are_accepted() {
    let text =
        format!("\u{feff}{FM}---\r\nIntro.\r\n\r\n## Step 1: Go\r\n<!-- action: verify_tx -->\r\n")
            .replace('\n', "\r\n")
            .replace("\r\r\n", "\r\n");
    let m = parse_module(&text, "demo.md").unwrap();
    assert_eq!(m.steps.len(), 2);
    assert_eq!(m.steps[1].action.as_ref().unwrap().name, "verify_tx");
}

#[test]
fn unclosed_front_matter_is_an_error() {
    let err = parse_module("---\nid: x\n", "x.md").unwrap_err();
    assert_eq!(err.kind, ParseErrorKind::UnclosedFrontMatter);
    assert_eq!(
        err.to_string(),
        "x.md:1: Module front-matter is not closed by a '---' line"
    );
}

#[test]
fn intro_becomes_step_one_and_checkpoint_is_a_step() {
    let body = "\nWelcome to the module.\n\n## Step 1: Wallet\n\n<!-- action: ensure_wallet -->\n\n## Background\n\nStill step 1.\n\n## Step 2. Pay\nPay now.\n\n## Checkpoint: Done\n\nYou did it.\n";
    let m = module("", body);
    let headers: Vec<_> = m.steps.iter().map(|s| s.header.as_deref()).collect();
    assert_eq!(
        headers,
        vec![None, Some("Wallet"), Some("Pay"), Some("Done")]
    );
    assert_eq!(m.steps[0].text, "Welcome to the module.");
    assert!(m.steps[0].action.is_none());
    assert_eq!(
        m.steps[1].text,
        "**Wallet**\n\n<!-- action: ensure_wallet -->\n\n## Background\n\nStill step 1."
    );
    assert_eq!(m.steps[2].text, "**Pay**\n\nPay now.");
    assert!(m.steps[3].action.is_none());
    // File lines: front matter is lines 1-8, the body starts on line 9.
    let lines: Vec<_> = m.steps.iter().map(|s| s.line).collect();
    assert_eq!(lines, vec![10, 12, 20, 23]);
    assert_eq!(m.steps[1].action.as_ref().unwrap().line, 14);
    assert_eq!(m.description(), "Welcome to the module.");
}

#[test]
fn blank_intro_is_not_a_step_and_non_step_headings_are_not_boundaries() {
    let m = module(
        "",
        "\n\n## Step 1:\nBody only.\n### Step 2: not a step (three hashes)\n##Step 3: no space\n## Stepping out\n",
    );
    assert_eq!(m.steps.len(), 1);
    assert!(
        m.steps[0].text.starts_with("Body only."),
        "{}",
        m.steps[0].text
    );
    assert!(m.steps[0].text.contains("## Stepping out"));
}

#[test]
fn only_the_first_directive_counts() {
    let m = module(
        "",
        "## Step 1: Two\n<!-- action: ensure_wallet -->\n<!-- action: ensure_funded -->\n",
    );
    let step = &m.steps[0];
    assert_eq!(step.action.as_ref().unwrap().name, "ensure_wallet");
    assert_eq!(step.ignored_actions.len(), 1);
    assert_eq!(step.ignored_actions[0].name, "ensure_funded");
    assert_eq!(step.ignored_actions[0].line, 11);
}

#[test]
fn directive_nested_in_a_comment_still_counts() {
    let m = module(
        "",
        "## Step 1: Scaffold\n<!-- TODO: e.g. <!-- action: ensure_funded --> then more -->\n",
    );
    assert_eq!(m.steps[0].action.as_ref().unwrap().name, "ensure_funded");
}

#[test]
fn directive_forms_that_match_and_that_do_not() {
    let first = |body: &str| {
        module("", &format!("## Step 1: X\n{body}\n")).steps[0]
            .action
            .as_ref()
            .map(|a| {
                (
                    a.name.clone(),
                    a.args
                        .iter()
                        .map(|(k, v)| format!("{k}={v}"))
                        .collect::<Vec<_>>(),
                )
            })
    };
    assert_eq!(
        first("<!--action:verify_tx-->"),
        Some(("verify_tx".into(), vec![]))
    );
    assert_eq!(
        first("<!--   action:   submit_payment   amount=5   -->"),
        Some(("submit_payment".into(), vec!["amount=5".into()]))
    );
    // Arguments may start on the next line; the comment must close on that line.
    assert_eq!(
        first("<!-- action: submit_payment\n amount=5 -->"),
        Some(("submit_payment".into(), vec!["amount=5".into()]))
    );
    assert_eq!(first("<!-- action: submit_payment amount=5\n -->"), None);
    assert_eq!(first("<!-- action: verify.tx -->"), None);
    assert_eq!(first("<!-- note: verify_tx -->"), None);
}

#[test]
fn args_follow_the_directive_syntax() {
    let pairs = |raw: &str| {
        parse_args(raw)
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect::<Vec<_>>()
    };
    let p = |k: &str, v: &str| (k.to_string(), v.to_string());
    assert_eq!(
        pairs("destination=self amount=10"),
        vec![p("destination", "self"), p("amount", "10")]
    );
    assert_eq!(
        pairs("memo=XRPLLAB|L1|{timestamp}"),
        vec![p("memo", "XRPLLAB|L1|{timestamp}")]
    );
    assert_eq!(
        pairs("uri=\"a b\" memo='x y'"),
        vec![p("uri", "a b"), p("memo", "x y")]
    );
    assert_eq!(
        pairs("uri=\"did:xrpl:1:example-player\""),
        vec![p("uri", "did:xrpl:1:example-player")]
    );
    // Bare words are skipped; `key=` at the end is empty; unterminated quotes run to the end.
    assert_eq!(pairs("bare a=1 word\tb=2"), vec![p("a", "1"), p("b", "2")]);
    assert_eq!(pairs("a=1 b="), vec![p("a", "1"), p("b", "")]);
    assert_eq!(pairs("a=\"open ended"), vec![p("a", "open ended")]);
    // A repeated key keeps its first position and takes the last value.
    assert_eq!(pairs("a=1 b=2 a=3"), vec![p("a", "3"), p("b", "2")]);
    assert!(parse_args("").is_empty());
}

#[test]
fn step_titles_and_summary_line() {
    let m = module(
        "",
        "## Step 1: Send a payment\n<!-- action: verify_tx -->\n",
    );
    assert_eq!(m.steps[0].title_line(), "**Send a payment**");
    assert_eq!(m.summary_line(), "Demo  [beginner, ~10 min]");
}
