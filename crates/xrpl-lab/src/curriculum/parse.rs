//! Turns a module's markdown into a [`Module`]: the YAML front matter (§1.1 of the format), the
//! body split into steps at `## Step N:` / `## Checkpoint:` headings (§1.2), and the first
//! `<!-- action: NAME key=value -->` directive of each step (§1.3).
//!
//! Every failure is a [`ParseError`] naming the file and the line, including YAML syntax errors
//! and front matter that is not a mapping (the original crashed on those).

use std::collections::BTreeMap;

use serde_yaml_ng::{Mapping, Value};

use super::module::{
    Action, Args, DEFAULT_ORDER, Module, Origin, Step, derive_mode, is_canonical_id, normalize_id,
};

/// The front-matter keys every module must have (they may be blank; the linter judges values).
pub const REQUIRED_KEYS: [&str; 6] = ["id", "level", "summary", "time", "title", "track"];

/// Every front-matter key the format knows.
pub const KNOWN_KEYS: [&str; 13] = [
    "id",
    "title",
    "time",
    "level",
    "track",
    "summary",
    "order",
    "mode",
    "dry_run_only",
    "requires",
    "produces",
    "checks",
    "kb_source",
];

/// A module file that cannot be read as a module, with where it went wrong.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{file}:{line}: {kind}")]
pub struct ParseError {
    pub file: String,
    /// 1-based line in the file.
    pub line: usize,
    pub kind: ParseErrorKind,
}

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ParseErrorKind {
    #[error("Module is missing YAML front-matter (---)")]
    MissingFrontMatter,
    #[error("Module front-matter is not closed by a '---' line")]
    UnclosedFrontMatter,
    #[error("Invalid YAML in front-matter: {0}")]
    Yaml(String),
    #[error("Module front-matter must be a mapping of keys to values")]
    NotAMapping,
    #[error("Module front-matter missing keys: {}", .0.join(", "))]
    MissingKeys(Vec<String>),
    #[error("Front-matter '{key}' must be {expected}")]
    WrongType { key: String, expected: &'static str },
    #[error("Front-matter 'order' must be an integer, got '{0}'")]
    BadOrder(String),
    #[error("Invalid module id '{0}': use snake_case (a-z, 0-9 and _, starting with a letter)")]
    InvalidId(String),
}

/// Parses one module file. `file` is only used in messages and [`Origin`].
pub fn parse_module(text: &str, file: &str) -> Result<Module, ParseError> {
    let err = |line: usize, kind: ParseErrorKind| ParseError {
        file: file.to_string(),
        line,
        kind,
    };
    // A byte-order mark is invisible in editors; accept it rather than call the file broken.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let (yaml, body, body_line) = split_front_matter(text).map_err(|k| err(1, k))?;

    let value: Value = if yaml.trim().is_empty() {
        Value::Mapping(Mapping::new())
    } else {
        serde_yaml_ng::from_str(yaml).map_err(|e| {
            // YAML lines count from the line after the opening `---`.
            let line = e.location().map(|l| l.line() + 1).unwrap_or(1);
            err(
                line,
                ParseErrorKind::Yaml(strip_yaml_position(&e.to_string())),
            )
        })?
    };
    let map = match value {
        Value::Mapping(m) => m,
        Value::Null => Mapping::new(),
        _ => return Err(err(2, ParseErrorKind::NotAMapping)),
    };

    let key_lines = front_matter_key_lines(yaml);
    let line_of = |key: &str| key_lines.get(key).copied().unwrap_or(1);
    let field = |key: &str| map.get(Value::String(key.to_string()));

    let mut missing: Vec<String> = REQUIRED_KEYS
        .iter()
        .filter(|k| field(k).is_none())
        .map(|k| k.to_string())
        .collect();
    if !missing.is_empty() {
        missing.sort();
        return Err(err(1, ParseErrorKind::MissingKeys(missing)));
    }

    let text_of = |key: &str| -> Result<String, ParseError> {
        scalar_text(field(key)).ok_or_else(|| {
            err(
                line_of(key),
                ParseErrorKind::WrongType {
                    key: key.to_string(),
                    expected: "text",
                },
            )
        })
    };
    let list_of = |key: &str| -> Result<Vec<String>, ParseError> {
        string_list(field(key)).ok_or_else(|| {
            err(
                line_of(key),
                ParseErrorKind::WrongType {
                    key: key.to_string(),
                    expected: "a list of text items",
                },
            )
        })
    };

    let written_id = text_of("id")?.trim().to_string();
    let id = written_id.replace('-', "_");
    if !is_canonical_id(&normalize_id(&id)) {
        return Err(err(line_of("id"), ParseErrorKind::InvalidId(written_id)));
    }
    let id = normalize_id(&id);

    let order = match field("order") {
        None | Some(Value::Null) => DEFAULT_ORDER,
        Some(v) => parse_order(v)
            .ok_or_else(|| err(line_of("order"), ParseErrorKind::BadOrder(display_value(v))))?,
    };
    let legacy_dry_run = match field("dry_run_only") {
        None | Some(Value::Null) => false,
        Some(Value::Bool(b)) => *b,
        Some(Value::String(s)) => matches!(s.to_ascii_lowercase().as_str(), "true" | "yes" | "1"),
        Some(Value::Number(n)) => n.as_f64().is_some_and(|f| f != 0.0),
        Some(_) => {
            return Err(err(
                line_of("dry_run_only"),
                ParseErrorKind::WrongType {
                    key: "dry_run_only".into(),
                    expected: "true or false",
                },
            ));
        }
    };
    let (mode, dry_run_only) = derive_mode(&text_of("mode")?, legacy_dry_run);
    let time = text_of("time")?;
    let level = text_of("level")?;

    let unknown_keys = map
        .keys()
        .filter_map(|k| k.as_str())
        .filter(|k| !KNOWN_KEYS.contains(k))
        .map(|k| (k.to_string(), line_of(k)))
        .collect();

    Ok(Module {
        id,
        title: text_of("title")?,
        time: if time.trim().is_empty() {
            "?".to_string()
        } else {
            time
        },
        level,
        track: text_of("track")?.trim().to_string(),
        summary: text_of("summary")?,
        order,
        mode,
        dry_run_only,
        requires: list_of("requires")?
            .iter()
            .map(|r| normalize_id(r))
            .collect(),
        produces: list_of("produces")?,
        checks: list_of("checks")?,
        kb_source: text_of("kb_source")?,
        steps: parse_steps(body, body_line),
        body: body.to_string(),
        origin: Origin {
            file: file.to_string(),
            key_lines,
            written_id,
            unknown_keys,
        },
    })
}

/// Splits `---\nYAML\n---\nBODY`; returns the YAML, the body and the body's first file line.
fn split_front_matter(text: &str) -> Result<(&str, &str, usize), ParseErrorKind> {
    let mut lines = text.split_inclusive('\n');
    let first = lines.next().unwrap_or("");
    if first.trim_end() != "---" {
        return Err(ParseErrorKind::MissingFrontMatter);
    }
    let yaml_start = first.len();
    let mut pos = yaml_start;
    for (i, line) in lines.enumerate() {
        if line.trim_end() == "---" {
            let yaml = &text[yaml_start..pos];
            let body = &text[pos + line.len()..];
            // Line 1 is the opening `---`, the YAML starts on line 2, this is line i + 2.
            return Ok((yaml, body, i + 3));
        }
        pos += line.len();
    }
    Err(ParseErrorKind::UnclosedFrontMatter)
}

/// serde_yaml_ng appends "at line L column C" counted inside the YAML; we report the file line.
fn strip_yaml_position(message: &str) -> String {
    match message.find(" at line ") {
        Some(i) => message[..i].to_string(),
        None => message.to_string(),
    }
}

/// The file line of each top-level key: lines of the YAML that start at column 0 with `key:`.
fn front_matter_key_lines(yaml: &str) -> BTreeMap<String, usize> {
    let mut lines = BTreeMap::new();
    for (i, line) in yaml.lines().enumerate() {
        if line.starts_with([' ', '\t', '#', '-']) {
            continue;
        }
        if let Some((key, _)) = line.split_once(':') {
            let key = key.trim().trim_matches(['"', '\'']);
            lines.entry(key.to_string()).or_insert(i + 2);
        }
    }
    lines
}

/// A scalar as text, the way the original's `str(value)` would read it; null is blank.
fn scalar_text(value: Option<&Value>) -> Option<String> {
    match value {
        None | Some(Value::Null) => Some(String::new()),
        Some(Value::String(s)) => Some(s.clone()),
        Some(Value::Bool(b)) => Some(b.to_string()),
        Some(Value::Number(n)) => Some(n.to_string()),
        Some(_) => None,
    }
}

/// A list of scalars; null is empty; a lone scalar is a one-item list (`requires: escrow_101`).
fn string_list(value: Option<&Value>) -> Option<Vec<String>> {
    match value {
        None | Some(Value::Null) => Some(Vec::new()),
        Some(Value::Sequence(items)) => items
            .iter()
            .map(|item| match item {
                Value::Null => None,
                other => scalar_text(Some(other)),
            })
            .collect(),
        Some(other) => scalar_text(Some(other)).map(|s| vec![s]),
    }
}

fn parse_order(value: &Value) -> Option<i64> {
    match value {
        Value::Number(n) => n.as_i64(),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

fn display_value(value: &Value) -> String {
    scalar_text(Some(value)).unwrap_or_else(|| "a list or mapping".to_string())
}

/// Splits the body into steps. Text before the first step heading becomes an intro step; each
/// heading opens a step that runs to the next heading. Other `##` headings stay inside a step.
pub fn parse_steps(body: &str, body_line: usize) -> Vec<Step> {
    struct Open<'a> {
        header: Option<&'a str>,
        line: usize,
        start: usize,
        start_line: usize,
    }
    let mut steps = Vec::new();
    let mut open = Open {
        header: None,
        line: body_line,
        start: 0,
        start_line: body_line,
    };
    let mut offset = 0;
    for (i, line) in body.split_inclusive('\n').enumerate() {
        let line_no = body_line + i;
        if let Some(header) = step_header(line) {
            close_step(&mut steps, body, &open, offset);
            open = Open {
                header: Some(header),
                line: line_no,
                start: offset + line.len(),
                start_line: line_no + 1,
            };
        }
        offset += line.len();
    }
    close_step(&mut steps, body, &open, offset);

    fn close_step(steps: &mut Vec<Step>, body: &str, open: &Open, end: usize) {
        let section = &body[open.start..end];
        let text = section.trim();
        let (action, ignored_actions) = {
            let mut found = find_directives(section, open.start_line);
            let first = if found.is_empty() {
                None
            } else {
                Some(found.remove(0))
            };
            (first, found)
        };
        match open.header {
            None => {
                if text.is_empty() {
                    return;
                }
                let lead = section.len() - section.trim_start().len();
                let line = open.line + section[..lead].matches('\n').count();
                steps.push(Step {
                    header: None,
                    text: text.to_string(),
                    action,
                    ignored_actions,
                    line,
                });
            }
            Some(header) => {
                let header = header.trim();
                let text = if header.is_empty() {
                    text.to_string()
                } else {
                    format!("**{header}**\n\n{text}")
                };
                steps.push(Step {
                    header: Some(header.to_string()),
                    text,
                    action,
                    ignored_actions,
                    line: open.line,
                });
            }
        }
    }
    steps
}

/// Recognises `## Step N: text`, `## Step N. text`, `## Checkpoint: text`; returns the text.
fn step_header(line: &str) -> Option<&str> {
    let rest = line.strip_prefix("##")?;
    if !rest.starts_with([' ', '\t']) {
        return None;
    }
    let rest = rest.trim_start_matches([' ', '\t']);
    let after = if let Some(r) = rest.strip_prefix("Step") {
        let digits_start = r.trim_start_matches([' ', '\t']);
        if digits_start.len() == r.len() {
            return None;
        }
        let after_digits = digits_start.trim_start_matches(|c: char| c.is_ascii_digit());
        if after_digits.len() == digits_start.len() {
            return None;
        }
        after_digits.strip_prefix([':', '.'])?
    } else {
        rest.strip_prefix("Checkpoint")?.strip_prefix([':', '.'])?
    };
    Some(after.trim_start_matches([' ', '\t']).trim_end())
}

/// Every action directive in a step's text, in order, with its file line.
fn find_directives(section: &str, first_line: usize) -> Vec<Action> {
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(rel) = section[from..].find("<!--") {
        let start = from + rel;
        if let Some((name, args)) = match_directive(&section[start + 4..]) {
            let line = first_line + section[..start].matches('\n').count();
            found.push(Action {
                name: name.to_string(),
                args: parse_args(args),
                line,
            });
        }
        from = start + 4;
    }
    found
}

/// Matches what follows `<!--` against `\s*action:\s*(\w+)(?:\s+(.*?))?\s*-->`: the name and
/// the raw argument text (on one line; the comment must close on that line).
fn match_directive(s: &str) -> Option<(&str, &str)> {
    let s = s.trim_start().strip_prefix("action:")?.trim_start();
    let name_len = s
        .char_indices()
        .find(|(_, c)| !(c.is_alphanumeric() || *c == '_'))
        .map(|(i, _)| i)
        .unwrap_or(s.len());
    if name_len == 0 {
        return None;
    }
    let (name, rest) = s.split_at(name_len);
    if let Some(after) = rest.strip_prefix("-->") {
        let _ = after;
        return Some((name, ""));
    }
    if !rest.starts_with(char::is_whitespace) {
        return None;
    }
    let rest = rest.trim_start();
    if rest.starts_with("-->") {
        return Some((name, ""));
    }
    let line = rest.split('\n').next().unwrap_or("");
    let close = line.find("-->")?;
    Some((name, line[..close].trim_end()))
}

/// Parses `key=value key2="quoted value" bare key3=` into string args (§1.3): bare words are
/// skipped, quotes have no escapes (an unterminated quote runs to the end), `key=` at the end is
/// an empty value, and a repeated key takes the last value.
pub fn parse_args(raw: &str) -> Args {
    let chars: Vec<char> = raw.chars().collect();
    let mut args = Args::new();
    let mut i = 0;
    let n = chars.len();
    while i < n {
        while i < n && (chars[i] == ' ' || chars[i] == '\t') {
            i += 1;
        }
        if i >= n {
            break;
        }
        let key_start = i;
        while i < n && !matches!(chars[i], '=' | ' ' | '\t') {
            i += 1;
        }
        let key: String = chars[key_start..i].iter().collect();
        if i >= n || chars[i] != '=' {
            i += 1;
            continue;
        }
        i += 1;
        let value: String = if i < n && (chars[i] == '"' || chars[i] == '\'') {
            let quote = chars[i];
            i += 1;
            let start = i;
            while i < n && chars[i] != quote {
                i += 1;
            }
            let v = chars[start..i].iter().collect();
            i += 1;
            v
        } else {
            let start = i;
            while i < n && chars[i] != ' ' && chars[i] != '\t' {
                i += 1;
            }
            chars[start..i].iter().collect()
        };
        args.insert(key, value);
    }
    args
}
