//! A module body as steps (§1.2 of the format): text before the first `## Step N:` heading is
//! an intro step, each `## Step N:` / `## Checkpoint:` heading opens a step, and other `##`
//! headings stay inside the current step. In each step the first
//! `<!-- action: NAME key=value -->` directive is its action (§1.3); later ones never run, and
//! are kept so the linter can say so.
//!
//! Parsing the body cannot fail: text that is not a heading or a directive is step text.

use super::module::{Action, Args, Step};

/// Splits the body into steps. Text before the first step heading becomes an intro step; each
/// heading opens a step that runs to the next heading. Other `##` headings stay inside a step.
/// `body_line` is the file line the body starts on, so steps and directives carry file lines.
pub fn parse_steps(body: &str, body_line: usize) -> Vec<Step> {
    let mut steps = Vec::new();
    let mut open = OpenStep {
        header: None,
        line: body_line,
        start: 0,
    };
    let mut offset = 0;
    for (i, line) in body.split_inclusive('\n').enumerate() {
        if let Some(header) = step_header(line) {
            steps.extend(open.close(body, offset));
            open = OpenStep {
                header: Some(header),
                line: body_line + i,
                start: offset + line.len(),
            };
        }
        offset += line.len();
    }
    steps.extend(open.close(body, offset));
    steps
}

/// A step whose text is still being read: its heading (none for the intro), the file line it
/// starts on, and the byte offset of its text in the body.
struct OpenStep<'a> {
    header: Option<&'a str>,
    line: usize,
    start: usize,
}

impl OpenStep<'_> {
    /// The finished step, its text running to `end`; a blank intro is no step.
    fn close(self, body: &str, end: usize) -> Option<Step> {
        let section = &body[self.start..end];
        let text = section.trim();
        // A heading's text starts on the line after it; the intro's on its own first line.
        let text_line = self.line + usize::from(self.header.is_some());
        let mut directives = find_directives(section, text_line).into_iter();
        let action = directives.next();
        let ignored_actions = directives.collect();
        match self.header {
            None if text.is_empty() => None,
            None => {
                let lead = section.len() - section.trim_start().len();
                Some(Step {
                    header: None,
                    text: text.to_string(),
                    action,
                    ignored_actions,
                    line: self.line + section[..lead].matches('\n').count(),
                })
            }
            Some(header) => {
                let header = header.trim();
                let text = if header.is_empty() {
                    text.to_string()
                } else {
                    format!("**{header}**\n\n{text}")
                };
                Some(Step {
                    header: Some(header.to_string()),
                    text,
                    action,
                    ignored_actions,
                    line: self.line,
                })
            }
        }
    }
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
    if rest.starts_with("-->") {
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
