//! The page and the server cannot drift apart: the JSON shapes the dashboard's scripts are
//! written against (the JSDoc typedefs of `web/js/types.js`) are checked against the server's
//! own `/openapi.json`, which is generated from the Rust response types.
//!
//! For every typedef the server documents: each field the server sends is known to the page,
//! each field the page relies on (not marked optional) is one the server always sends, and their
//! kinds agree (string, number, boolean, array, nullability, string enums). Typedefs the server
//! does not document yet are listed, so the check grows as endpoints arrive.

mod support;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use serde_json::Value;
use support::lab::Lab;
use xrpl_lab::server::assets::UiConfig;

/// One `@property` line: its JSDoc type, and whether it is optional (`[name]`).
#[derive(Debug)]
struct Property {
    ty: String,
    optional: bool,
}

/// A typedef: an object shape (`{Object}`) or a string-literal union.
#[derive(Debug)]
enum Typedef {
    Object(BTreeMap<String, Property>),
    Alias(String),
}

/// Reads the typedefs of `types.js` (the subset of JSDoc it uses: one tag per line).
fn parse_typedefs(src: &str) -> BTreeMap<String, Typedef> {
    let mut out = BTreeMap::new();
    let mut current: Option<(String, BTreeMap<String, Property>)> = None;
    for raw in src.lines() {
        let line = raw.trim().trim_start_matches('*').trim();
        if let Some(rest) = line.strip_prefix("@typedef ") {
            if let Some((name, props)) = current.take() {
                out.insert(name, Typedef::Object(props));
            }
            let (ty, name) = split_type(rest);
            if ty == "Object" {
                current = Some((name.trim().to_string(), BTreeMap::new()));
            } else if !ty.is_empty() && !name.trim().is_empty() {
                out.insert(name.trim().to_string(), Typedef::Alias(ty));
            }
        } else if let Some(rest) = line.strip_prefix("@property ")
            && let Some((_, props)) = current.as_mut()
        {
            let (ty, after) = split_type(rest);
            let word = after.split_whitespace().next().unwrap_or("");
            let optional = word.starts_with('[');
            let name = word.trim_matches(['[', ']']).to_string();
            props.insert(name, Property { ty, optional });
        }
    }
    if let Some((name, props)) = current {
        out.insert(name, Typedef::Object(props));
    }
    out
}

/// `{type} rest` → (type, rest), honouring nested braces.
fn split_type(s: &str) -> (String, &str) {
    let s = s.trim_start();
    if !s.starts_with('{') {
        return (String::new(), s);
    }
    let mut depth = 0;
    for (i, c) in s.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => {
                depth -= 1;
                if depth == 0 {
                    return (s[1..i].to_string(), &s[i + 1..]);
                }
            }
            _ => {}
        }
    }
    (String::new(), s)
}

/// The JSON kinds a JSDoc type admits (`string`, `number`, `boolean`, `array`, `object`, `null`),
/// and the string literals if it is a literal union.
fn jsdoc_kinds(
    ty: &str,
    defs: &BTreeMap<String, Typedef>,
) -> (BTreeSet<&'static str>, Vec<String>) {
    let mut kinds = BTreeSet::new();
    let mut literals = Vec::new();
    for part in ty.split('|').map(str::trim) {
        if part.ends_with("[]") {
            kinds.insert("array");
        } else if part.starts_with('\'') {
            kinds.insert("string");
            literals.push(part.trim_matches('\'').to_string());
        } else {
            match part {
                "string" => {
                    kinds.insert("string");
                }
                "number" => {
                    kinds.insert("number");
                }
                "boolean" => {
                    kinds.insert("boolean");
                }
                "null" => {
                    kinds.insert("null");
                }
                other => match defs.get(other) {
                    Some(Typedef::Alias(inner)) => {
                        let (k, l) = jsdoc_kinds(inner, defs);
                        kinds.extend(k);
                        literals.extend(l);
                    }
                    _ => {
                        kinds.insert("object");
                    }
                },
            }
        }
    }
    (kinds, literals)
}

/// The JSON kinds an OpenAPI schema admits, following `$ref`s; and its enum, if any.
fn schema_kinds(schema: &Value, all: &Value) -> (BTreeSet<&'static str>, Vec<String>) {
    if let Some(r) = schema["$ref"].as_str() {
        let name = r.rsplit('/').next().unwrap_or("");
        return schema_kinds(&all[name], all);
    }
    let mut kinds = BTreeSet::new();
    let types: Vec<&str> = match &schema["type"] {
        Value::String(t) => vec![t.as_str()],
        Value::Array(ts) => ts.iter().filter_map(Value::as_str).collect(),
        _ => Vec::new(),
    };
    for t in types {
        kinds.insert(match t {
            "integer" | "number" => "number",
            "string" => "string",
            "boolean" => "boolean",
            "array" => "array",
            "null" => "null",
            _ => "object",
        });
    }
    for key in ["oneOf", "anyOf"] {
        if let Some(alts) = schema[key].as_array() {
            for alt in alts {
                kinds.extend(schema_kinds(alt, all).0);
            }
        }
    }
    let literals = schema["enum"]
        .as_array()
        .map(|e| {
            e.iter()
                .filter_map(|v| v.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default();
    (kinds, literals)
}

/// The schemas the dashboard reads today; losing one from `/openapi.json` is a drift.
const CONSUMED: &[&str] = &[
    "RunInfo",
    "RunListResponse",
    "RunCancelResponse",
    "RunStartResponse",
    "RunStatus",
];

#[tokio::test]
async fn page_types_match_the_servers_openapi() {
    let src = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../web/js/types.js"),
    )
    .unwrap();
    let defs = parse_typedefs(&src);
    assert!(defs.len() >= 15, "types.js parsed: {:?}", defs.keys());

    let lab = Lab::start(std::time::Duration::ZERO, UiConfig::default(), Vec::new()).await;
    let doc: Value = reqwest::get(lab.url("/openapi.json"))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let schemas = &doc["components"]["schemas"];
    assert!(schemas.is_object(), "openapi has component schemas");

    let mut problems = Vec::new();
    let mut waiting = Vec::new();
    for (name, def) in &defs {
        let schema = &schemas[name.as_str()];
        if schema.is_null() {
            waiting.push(name.clone());
            continue;
        }
        match def {
            Typedef::Alias(ty) => {
                let (_, mine) = jsdoc_kinds(ty, &defs);
                let (_, theirs) = schema_kinds(schema, schemas);
                if BTreeSet::from_iter(&mine) != BTreeSet::from_iter(&theirs) {
                    problems.push(format!("{name}: page has {mine:?}, server has {theirs:?}"));
                }
            }
            Typedef::Object(props) => {
                let required: BTreeSet<&str> = schema["required"]
                    .as_array()
                    .map(|r| r.iter().filter_map(Value::as_str).collect())
                    .unwrap_or_default();
                let server_props = schema["properties"]
                    .as_object()
                    .cloned()
                    .unwrap_or_default();
                for key in server_props.keys() {
                    if !props.contains_key(key) {
                        problems.push(format!(
                            "{name}.{key}: sent by the server, unknown to the page"
                        ));
                    }
                }
                for (key, prop) in props {
                    let Some(s) = server_props.get(key) else {
                        problems.push(format!(
                            "{name}.{key}: read by the page, not sent by the server"
                        ));
                        continue;
                    };
                    let (mine, my_literals) = jsdoc_kinds(&prop.ty, &defs);
                    let (theirs, their_literals) = schema_kinds(s, schemas);
                    // utoipa documents `Option<T>` as nullable and not required; a page that
                    // already copes with null copes with absent too.
                    let both_nullable = mine.contains("null") && theirs.contains("null");
                    if !prop.optional && !required.contains(key.as_str()) && !both_nullable {
                        problems.push(format!(
                            "{name}.{key}: the page relies on it, the server may omit it"
                        ));
                    }
                    if !theirs.is_subset(&mine) {
                        problems.push(format!(
                            "{name}.{key}: server sends {theirs:?}, page expects {mine:?}"
                        ));
                    }
                    if !their_literals.is_empty() && !my_literals.is_empty() {
                        let (a, b): (BTreeSet<_>, BTreeSet<_>) = (
                            my_literals.iter().collect(),
                            their_literals.iter().collect(),
                        );
                        if a != b {
                            problems.push(format!(
                                "{name}.{key}: page knows {a:?}, server sends {b:?}"
                            ));
                        }
                    }
                }
            }
        }
    }
    for name in CONSUMED {
        if schemas[*name].is_null() {
            problems.push(format!(
                "{name}: the page consumes it but /openapi.json no longer documents it"
            ));
        }
    }
    if !waiting.is_empty() {
        eprintln!("note: not documented by /openapi.json yet (checked once they are): {waiting:?}");
    }
    assert!(
        problems.is_empty(),
        "page/server drift:\n{}",
        problems.join("\n")
    );
}

#[test]
fn the_parser_reads_objects_optionals_and_literal_unions() {
    let defs = parse_typedefs(
        "/**\n * @typedef {'a'|'b'} Kind\n *\n * @typedef {Object} Thing\n * @property {string} id  the id\n * @property {Kind} kind\n * @property {string|null} [note]\n * @property {Thing[]} children\n */",
    );
    let Some(Typedef::Object(thing)) = defs.get("Thing") else {
        panic!("{defs:?}")
    };
    assert!(!thing["id"].optional && thing["note"].optional);
    let (kinds, lits) = jsdoc_kinds(&thing["kind"].ty, &defs);
    assert_eq!(kinds, BTreeSet::from(["string"]));
    assert_eq!(lits, vec!["a", "b"]);
    assert_eq!(
        jsdoc_kinds(&thing["note"].ty, &defs).0,
        BTreeSet::from(["null", "string"])
    );
    assert_eq!(
        jsdoc_kinds(&thing["children"].ty, &defs).0,
        BTreeSet::from(["array"])
    );
}
