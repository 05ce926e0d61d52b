//! JSON text exactly as Python's `json.dumps` writes it, because artifact hashes are taken over it.
//!
//! A proof pack or certificate made by the original must verify here and ours there, so the bytes
//! we hash must be the bytes Python would produce: keys sorted by code point, `ensure_ascii` (every
//! non-ASCII character as `\uXXXX`, astral ones as UTF-16 surrogate pairs, lowercase hex), Python's
//! float `repr` (`1.0`, `1e-05`, `1e+16`), and `true`/`false`/`null`.
//!
//! Two layouts are needed: the compact canonical form (`separators=(",", ":")`) for proof packs and
//! certificates, and `indent=2` for files and the audit pack's hash.
//!
//! Limit: values come from `serde_json::Value`, so an integer outside the 64-bit range arrives as a
//! float and is rendered as one (Python would keep every digit). Artifacts never contain such
//! integers; a hand-edited one simply fails verification.

use serde_json::{Map, Value};
use sha2::{Digest, Sha256};

/// How `python_dumps` lays the text out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Layout {
    /// `None`: one line, separators `,` and `:`. `Some(n)`: n-space indent, `": "` after keys.
    pub indent: Option<usize>,
    /// Sort object keys by code point at every level (else keep insertion order).
    pub sort_keys: bool,
}

impl Layout {
    /// `json.dumps(obj, sort_keys=True, separators=(",", ":"))`: what proof packs hash.
    pub const CANONICAL: Layout = Layout {
        indent: None,
        sort_keys: true,
    };
    /// `json.dumps(obj, indent=2)`: the text of proof pack and certificate files.
    pub const PRETTY: Layout = Layout {
        indent: Some(2),
        sort_keys: false,
    };
    /// `json.dumps(obj, indent=2, sort_keys=True)`: the audit pack's text and hash.
    pub const PRETTY_SORTED: Layout = Layout {
        indent: Some(2),
        sort_keys: true,
    };
}

/// The canonical form of a value (see [`Layout::CANONICAL`]).
pub fn canonical(value: &Value) -> String {
    python_dumps(value, Layout::CANONICAL)
}

/// Lowercase hex SHA-256 of the UTF-8 text.
pub fn sha256_hex(text: &str) -> String {
    hex::encode(Sha256::digest(text.as_bytes()))
}

/// Serialises like Python's `json.dumps` with `ensure_ascii=True` and the given layout.
pub fn python_dumps(value: &Value, layout: Layout) -> String {
    let mut out = String::new();
    write_value(&mut out, value, layout, 0);
    out
}

fn newline(out: &mut String, layout: Layout, level: usize) {
    if let Some(n) = layout.indent {
        out.push('\n');
        for _ in 0..n * level {
            out.push(' ');
        }
    }
}

fn key_separator(layout: Layout) -> &'static str {
    if layout.indent.is_some() { ": " } else { ":" }
}

fn write_value(out: &mut String, value: &Value, layout: Layout, level: usize) {
    match value {
        Value::Null => out.push_str("null"),
        Value::Bool(true) => out.push_str("true"),
        Value::Bool(false) => out.push_str("false"),
        Value::Number(n) => {
            if let Some(i) = n.as_i64() {
                out.push_str(&i.to_string());
            } else if let Some(u) = n.as_u64() {
                out.push_str(&u.to_string());
            } else if let Some(f) = n.as_f64() {
                out.push_str(&python_float_repr(f));
            }
        }
        Value::String(s) => write_string(out, s),
        Value::Array(items) => {
            if items.is_empty() {
                out.push_str("[]");
                return;
            }
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                newline(out, layout, level + 1);
                write_value(out, item, layout, level + 1);
            }
            newline(out, layout, level);
            out.push(']');
        }
        Value::Object(map) => write_object(out, map, layout, level),
    }
}

fn write_object(out: &mut String, map: &Map<String, Value>, layout: Layout, level: usize) {
    if map.is_empty() {
        out.push_str("{}");
        return;
    }
    let mut entries: Vec<(&String, &Value)> = map.iter().collect();
    if layout.sort_keys {
        // Rust orders `str` by UTF-8 bytes, which is the same as by code point (Python's order).
        entries.sort_by(|a, b| a.0.cmp(b.0));
    }
    out.push('{');
    for (i, (key, item)) in entries.into_iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        newline(out, layout, level + 1);
        write_string(out, key);
        out.push_str(key_separator(layout));
        write_value(out, item, layout, level + 1);
    }
    newline(out, layout, level);
    out.push('}');
}

/// A string literal with Python's ASCII-only escaping. Everything outside printable ASCII is
/// escaped, DEL included, exactly as CPython's `_json` encoder does.
fn write_string(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{08}' => out.push_str("\\b"),
            '\u{0c}' => out.push_str("\\f"),
            ' '..='~' => out.push(c),
            _ => {
                let mut units = [0u16; 2];
                for unit in c.encode_utf16(&mut units) {
                    out.push_str(&format!("\\u{unit:04x}"));
                }
            }
        }
    }
    out.push('"');
}

/// Python's `repr(float)`: the shortest digits that round-trip, in fixed notation when the decimal
/// exponent is in [-4, 16), otherwise scientific with a signed, at-least-two-digit exponent.
pub fn python_float_repr(f: f64) -> String {
    if f.is_nan() {
        return "NaN".into();
    }
    if f.is_infinite() {
        return if f > 0.0 { "Infinity" } else { "-Infinity" }.into();
    }
    if f == 0.0 {
        return if f.is_sign_negative() { "-0.0" } else { "0.0" }.into();
    }
    // Rust's `{:e}` gives the shortest round-trip digits: "-1.2345e-7".
    let sci = format!("{f:e}");
    let (mantissa, exp) = sci.split_once('e').unwrap_or((sci.as_str(), "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    let (sign, mantissa) = match mantissa.strip_prefix('-') {
        Some(m) => ("-", m),
        None => ("", mantissa),
    };
    let digits: String = mantissa.chars().filter(|c| *c != '.').collect();
    let decpt = exp + 1; // position of the decimal point relative to the digits
    if -4 < decpt && decpt <= 16 {
        let body = if decpt <= 0 {
            format!("0.{}{}", "0".repeat((-decpt) as usize), digits)
        } else if (decpt as usize) >= digits.len() {
            format!("{}{}.0", digits, "0".repeat(decpt as usize - digits.len()))
        } else {
            let (int, frac) = digits.split_at(decpt as usize);
            format!("{int}.{frac}")
        };
        format!("{sign}{body}")
    } else {
        let (first, rest) = digits.split_at(1);
        let mant = if rest.is_empty() {
            first.to_string()
        } else {
            format!("{first}.{rest}")
        };
        let esign = if exp < 0 { '-' } else { '+' };
        format!("{sign}{mant}e{esign}{:02}", exp.abs())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn float_repr_matches_python() {
        let cases = [
            (1.0, "1.0"),
            (0.1, "0.1"),
            (-2.5, "-2.5"),
            (1e16, "1e+16"),
            (1e15, "1000000000000000.0"),
            (123456789012345680.0, "1.2345678901234568e+17"),
            (0.0001, "0.0001"),
            (0.00001, "1e-05"),
            (1.5e-7, "1.5e-07"),
            (1714567890.123, "1714567890.123"),
            (1e300, "1e+300"),
            (-0.0, "-0.0"),
            (f64::INFINITY, "Infinity"),
            (f64::NAN, "NaN"),
        ];
        for (f, want) in cases {
            assert_eq!(python_float_repr(f), want, "{f}");
        }
    }

    #[test]
    fn strings_are_escaped_like_ensure_ascii() {
        let v = json!({"k": "a\"b\\c\n\t\u{1}/ä€😀\u{7f}"});
        assert_eq!(
            canonical(&v),
            r#"{"k":"a\"b\\c\n\t\u0001/\u00e4\u20ac\ud83d\ude00\u007f"}"#
        );
    }

    #[test]
    fn keys_sort_by_code_point_at_every_level() {
        let v = json!({"b": 1, "a": {"z": [true, null], "é": 1.5, "Z": false}});
        assert_eq!(
            canonical(&v),
            r#"{"a":{"Z":false,"z":[true,null],"\u00e9":1.5},"b":1}"#
        );
    }

    #[test]
    fn pretty_layout_matches_python_indent_two() {
        let v = json!({"b": [], "a": {}, "c": [1, {"x": "y"}]});
        assert_eq!(
            python_dumps(&v, Layout::PRETTY),
            "{\n  \"b\": [],\n  \"a\": {},\n  \"c\": [\n    1,\n    {\n      \"x\": \"y\"\n    }\n  ]\n}"
        );
        assert!(python_dumps(&v, Layout::PRETTY_SORTED).starts_with("{\n  \"a\": {},"));
    }

    #[test]
    fn proof_pack_vectors_from_the_reference() {
        let v = json!({"xrpl_lab_proof_pack":true,"version":"1.0.0","network":"testnet",
            "address":"rTest123","completed_modules":[],"total_transactions":0});
        let c = canonical(&v);
        assert_eq!(
            c,
            r#"{"address":"rTest123","completed_modules":[],"network":"testnet","total_transactions":0,"version":"1.0.0","xrpl_lab_proof_pack":true}"#
        );
        assert_eq!(
            sha256_hex(&c),
            "bb8a2d4ee06e5c64679c3823a78a272497d56e2ebe032420e79a96a7419c6de8"
        );
        let v = json!({"xrpl_lab_proof_pack":true,"version":"1.0.0","network":"testnet",
            "address":"rTäst","completed_modules":[],"total_transactions":0});
        let c = canonical(&v);
        assert!(c.contains(r"rT\u00e4st"));
        assert_eq!(
            sha256_hex(&c),
            "a0ed88e0fff20cfce504fab2f83a853d78d168a3832af00e263c18b7628607b3"
        );
    }
}
