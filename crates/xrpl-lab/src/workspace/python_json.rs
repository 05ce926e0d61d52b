//! Reading artifact JSON the way Python's `json.loads` does, so a hash check over text from any
//! source gives Python's answer.
//!
//! `serde_json::Value` (as configured in this workspace) turns integers beyond 64 bits into floats
//! and may round a float's last bit differently; either would change the canonical text of an
//! edited or hand-made artifact and its hash. This reader keeps integers as their digits, parses
//! floats with Rust's correctly rounded parser (as CPython's is), accepts `NaN`/`Infinity`, and
//! lets the last of duplicate keys win, like a Python dict.

use super::canonical_json::{python_float_repr, write_string};

/// A JSON document as Python holds it.
#[derive(Debug, Clone, PartialEq)]
pub enum PyValue {
    Null,
    Bool(bool),
    /// An integer, as Python prints it (`-0` becomes `0`).
    Int(String),
    Float(f64),
    Str(String),
    Array(Vec<PyValue>),
    /// Keys in first-seen order; a repeated key replaced the earlier value in place.
    Object(Vec<(String, PyValue)>),
}

impl PyValue {
    pub fn get(&self, key: &str) -> Option<&PyValue> {
        match self {
            PyValue::Object(entries) => entries.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    /// Python truthiness.
    pub fn truthy(&self) -> bool {
        match self {
            PyValue::Null => false,
            PyValue::Bool(b) => *b,
            PyValue::Int(s) => s != "0",
            PyValue::Float(f) => *f != 0.0,
            PyValue::Str(s) => !s.is_empty(),
            PyValue::Array(a) => !a.is_empty(),
            PyValue::Object(o) => !o.is_empty(),
        }
    }

    /// Python's `str()` of a scalar, for messages.
    pub fn display(&self) -> String {
        match self {
            PyValue::Str(s) => s.clone(),
            other => {
                let mut out = String::new();
                write_canonical(&mut out, other);
                out
            }
        }
    }

    /// `json.dumps(self, sort_keys=True, separators=(",", ":"))`, leaving out top-level `skip`.
    pub fn canonical_without(&self, skip: &str) -> String {
        let mut out = String::new();
        match self {
            PyValue::Object(entries) => {
                let kept: Vec<(String, PyValue)> =
                    entries.iter().filter(|(k, _)| k != skip).cloned().collect();
                write_canonical(&mut out, &PyValue::Object(kept));
            }
            other => write_canonical(&mut out, other),
        }
        out
    }
}

fn write_canonical(out: &mut String, v: &PyValue) {
    match v {
        PyValue::Null => out.push_str("null"),
        PyValue::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        PyValue::Int(digits) => out.push_str(digits),
        PyValue::Float(f) => out.push_str(&python_float_repr(*f)),
        PyValue::Str(s) => write_string(out, s),
        PyValue::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_canonical(out, item);
            }
            out.push(']');
        }
        PyValue::Object(entries) => {
            let mut sorted: Vec<&(String, PyValue)> = entries.iter().collect();
            sorted.sort_by(|a, b| a.0.cmp(&b.0));
            out.push('{');
            for (i, (k, item)) in sorted.into_iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_string(out, k);
                out.push(':');
                write_canonical(out, item);
            }
            out.push('}');
        }
    }
}

/// Why text is not JSON, with the byte offset where reading stopped.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{what} at position {at}")]
pub struct ParseError {
    pub what: &'static str,
    pub at: usize,
}

/// Nesting deeper than this is refused instead of exhausting the stack.
const MAX_DEPTH: usize = 256;

/// Parses a whole document (surrounding whitespace allowed).
pub fn parse(text: &str) -> Result<PyValue, ParseError> {
    let mut p = Parser {
        s: text.as_bytes(),
        i: 0,
    };
    p.ws();
    let v = p.value(0)?;
    p.ws();
    if p.i != p.s.len() {
        return Err(p.err("Extra data"));
    }
    Ok(v)
}

struct Parser<'a> {
    s: &'a [u8],
    i: usize,
}

impl Parser<'_> {
    fn err(&self, what: &'static str) -> ParseError {
        ParseError { what, at: self.i }
    }

    fn ws(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.s.get(self.i) {
            self.i += 1;
        }
    }

    fn eat(&mut self, lit: &str) -> bool {
        if self.s[self.i..].starts_with(lit.as_bytes()) {
            self.i += lit.len();
            true
        } else {
            false
        }
    }

    fn value(&mut self, depth: usize) -> Result<PyValue, ParseError> {
        if depth > MAX_DEPTH {
            return Err(self.err("Nesting too deep"));
        }
        match self.s.get(self.i) {
            None => Err(self.err("Expecting value")),
            Some(b'{') => self.object(depth),
            Some(b'[') => self.array(depth),
            Some(b'"') => self.string().map(PyValue::Str),
            Some(b'-' | b'0'..=b'9') => {
                if self.eat("-Infinity") {
                    Ok(PyValue::Float(f64::NEG_INFINITY))
                } else {
                    self.number()
                }
            }
            Some(_) if self.eat("null") => Ok(PyValue::Null),
            Some(_) if self.eat("true") => Ok(PyValue::Bool(true)),
            Some(_) if self.eat("false") => Ok(PyValue::Bool(false)),
            Some(_) if self.eat("NaN") => Ok(PyValue::Float(f64::NAN)),
            Some(_) if self.eat("Infinity") => Ok(PyValue::Float(f64::INFINITY)),
            Some(_) => Err(self.err("Expecting value")),
        }
    }

    fn object(&mut self, depth: usize) -> Result<PyValue, ParseError> {
        self.i += 1;
        let mut entries: Vec<(String, PyValue)> = Vec::new();
        self.ws();
        if self.eat("}") {
            return Ok(PyValue::Object(entries));
        }
        loop {
            self.ws();
            if self.s.get(self.i) != Some(&b'"') {
                return Err(self.err("Expecting property name enclosed in double quotes"));
            }
            let key = self.string()?;
            self.ws();
            if !self.eat(":") {
                return Err(self.err("Expecting ':' delimiter"));
            }
            self.ws();
            let v = self.value(depth + 1)?;
            match entries.iter_mut().find(|(k, _)| *k == key) {
                Some(slot) => slot.1 = v,
                None => entries.push((key, v)),
            }
            self.ws();
            if self.eat("}") {
                return Ok(PyValue::Object(entries));
            }
            if !self.eat(",") {
                return Err(self.err("Expecting ',' delimiter"));
            }
        }
    }

    fn array(&mut self, depth: usize) -> Result<PyValue, ParseError> {
        self.i += 1;
        let mut items = Vec::new();
        self.ws();
        if self.eat("]") {
            return Ok(PyValue::Array(items));
        }
        loop {
            self.ws();
            items.push(self.value(depth + 1)?);
            self.ws();
            if self.eat("]") {
                return Ok(PyValue::Array(items));
            }
            if !self.eat(",") {
                return Err(self.err("Expecting ',' delimiter"));
            }
        }
    }

    fn digits(&mut self) -> usize {
        let start = self.i;
        while let Some(b'0'..=b'9') = self.s.get(self.i) {
            self.i += 1;
        }
        self.i - start
    }

    fn number(&mut self) -> Result<PyValue, ParseError> {
        let start = self.i;
        let negative = self.eat("-");
        match self.s.get(self.i) {
            Some(b'0') => self.i += 1,
            Some(b'1'..=b'9') => {
                self.digits();
            }
            _ => return Err(self.err("Expecting value")),
        }
        let mut is_float = false;
        if self.s.get(self.i) == Some(&b'.') && matches!(self.s.get(self.i + 1), Some(b'0'..=b'9'))
        {
            self.i += 1;
            self.digits();
            is_float = true;
        }
        if let Some(b'e' | b'E') = self.s.get(self.i) {
            let save = self.i;
            self.i += 1;
            if let Some(b'+' | b'-') = self.s.get(self.i) {
                self.i += 1;
            }
            if self.digits() == 0 {
                self.i = save;
            } else {
                is_float = true;
            }
        }
        // The slice is ASCII digits and signs only.
        let text = std::str::from_utf8(&self.s[start..self.i]).unwrap_or("0");
        if is_float {
            let f: f64 = text.parse().map_err(|_| self.err("Invalid number"))?;
            Ok(PyValue::Float(f))
        } else {
            let digits = text.trim_start_matches('-');
            let all_zero = digits.bytes().all(|b| b == b'0');
            Ok(PyValue::Int(if negative && !all_zero {
                text.to_string()
            } else {
                digits.to_string()
            }))
        }
    }

    fn hex4(&mut self) -> Result<u16, ParseError> {
        let chunk = self
            .s
            .get(self.i..self.i + 4)
            .ok_or(self.err("Invalid \\uXXXX escape"))?;
        let text = std::str::from_utf8(chunk).map_err(|_| self.err("Invalid \\uXXXX escape"))?;
        let v = u16::from_str_radix(text, 16).map_err(|_| self.err("Invalid \\uXXXX escape"))?;
        self.i += 4;
        Ok(v)
    }

    fn string(&mut self) -> Result<String, ParseError> {
        self.i += 1;
        let mut out = String::new();
        loop {
            let start = self.i;
            while let Some(&b) = self.s.get(self.i) {
                if b == b'"' || b == b'\\' || b < 0x20 {
                    break;
                }
                self.i += 1;
            }
            // The input is a &str and we stopped on ASCII bytes, so this is a char boundary.
            out.push_str(std::str::from_utf8(&self.s[start..self.i]).unwrap_or_default());
            match self.s.get(self.i) {
                None => return Err(self.err("Unterminated string starting")),
                Some(b'"') => {
                    self.i += 1;
                    return Ok(out);
                }
                Some(b'\\') => {
                    self.i += 1;
                    let esc = *self.s.get(self.i).ok_or(self.err("Invalid \\escape"))?;
                    self.i += 1;
                    match esc {
                        b'"' => out.push('"'),
                        b'\\' => out.push('\\'),
                        b'/' => out.push('/'),
                        b'b' => out.push('\u{8}'),
                        b'f' => out.push('\u{c}'),
                        b'n' => out.push('\n'),
                        b'r' => out.push('\r'),
                        b't' => out.push('\t'),
                        b'u' => {
                            let first = self.hex4()?;
                            let c = if (0xD800..0xDC00).contains(&first)
                                && self.s[self.i..].starts_with(b"\\u")
                            {
                                self.i += 2;
                                let second = self.hex4()?;
                                char::decode_utf16([first, second])
                                    .collect::<Result<String, _>>()
                                    .map_err(|_| self.err("Unpaired surrogate"))?
                            } else {
                                char::from_u32(u32::from(first))
                                    .map(String::from)
                                    .ok_or(self.err("Unpaired surrogate"))?
                            };
                            out.push_str(&c);
                        }
                        _ => return Err(self.err("Invalid \\escape")),
                    }
                }
                Some(_) => return Err(self.err("Invalid control character")),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_what_python_keeps() {
        let v = parse(r#"{"b": 123456789012345678901234567890, "a": -0, "c": 1E400, "d": [NaN, -Infinity, 1.0e-5], "b": 2}"#).unwrap();
        // Duplicate key: first position, last value; sorted output.
        assert_eq!(
            v.canonical_without("none"),
            r#"{"a":0,"b":2,"c":Infinity,"d":[NaN,-Infinity,1e-05]}"#
        );
        let v = parse(r#"{"n": 123456789012345678901234567890}"#).unwrap();
        assert_eq!(
            v.canonical_without(""),
            r#"{"n":123456789012345678901234567890}"#
        );
    }

    #[test]
    fn strings_decode_escapes_and_surrogate_pairs() {
        let v = parse(r#"["\ud83d\ude00\u00e4\n\/", "é"]"#).unwrap();
        assert_eq!(
            v,
            PyValue::Array(vec![
                PyValue::Str("😀ä\n/".into()),
                PyValue::Str("é".into())
            ])
        );
        assert_eq!(
            v.canonical_without(""),
            r#"["\ud83d\ude00\u00e4\n/","\u00e9"]"#
        );
    }

    #[test]
    fn rejects_what_python_rejects() {
        for bad in [
            "",
            "{",
            "[1,]",
            "{\"a\" 1}",
            "01",
            "\"\u{1}\"",
            "[1] x",
            "{'a': 1}",
        ] {
            assert!(parse(bad).is_err(), "{bad:?}");
        }
        // Python accepts a lone surrogate; a Rust string cannot hold one, so it is refused.
        assert!(parse("\"\\ud800\"").is_err());
        let deep = "[".repeat(MAX_DEPTH + 2) + &"]".repeat(MAX_DEPTH + 2);
        assert!(parse(&deep).is_err());
    }
}
