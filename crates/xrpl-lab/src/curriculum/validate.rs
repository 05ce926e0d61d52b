//! The curriculum-level checks over a whole module set: ids unique, prerequisites resolve and
//! form no cycle, tracks, levels and modes known, and intra-track `order` unambiguous.
//!
//! `xrpl-lab lint` reports these with location `curriculum` (unless `--no-curriculum`).

use std::collections::{BTreeMap, BTreeSet, HashMap};

use super::lint::{Issue, IssueLevel};
use super::module::{LEVELS, MODES, Module};
use super::tracks::{TRACKS, is_known_track};

/// The set-level checks of a module set, in load order. Issues carry location `curriculum`.
pub fn validate(modules: &[Module]) -> Vec<Issue> {
    let mut issues = Vec::new();
    let mut push = |m: &Module, level: IssueLevel, key: &str, message: String| {
        issues.push(Issue {
            level,
            module: m.id.clone(),
            file: m.origin.file.clone(),
            line: m.origin.line_of(key),
            location: "curriculum".to_string(),
            message,
        });
    };

    let mut first_file: HashMap<&str, &str> = HashMap::new();
    let ids: BTreeSet<&str> = modules.iter().map(|m| m.id.as_str()).collect();
    for m in modules {
        if let Some(other) = first_file.insert(&m.id, &m.origin.file) {
            push(
                m,
                IssueLevel::Error,
                "id",
                format!("Duplicate module id '{}' (also defined in {other})", m.id),
            );
        }
        if m.track.is_empty() {
            push(
                m,
                IssueLevel::Error,
                "track",
                "Missing 'track' in frontmatter".into(),
            );
        } else if !is_known_track(&m.track) {
            let known: Vec<_> = TRACKS.iter().map(|t| t.id).collect();
            push(
                m,
                IssueLevel::Warning,
                "track",
                format!(
                    "Unknown track '{}' (expected: {})",
                    m.track,
                    known.join(", ")
                ),
            );
        }
        if m.summary.trim().is_empty() {
            push(
                m,
                IssueLevel::Error,
                "summary",
                "Missing 'summary' in frontmatter".into(),
            );
        }
        if !LEVELS.contains(&m.level.as_str()) {
            push(
                m,
                IssueLevel::Warning,
                "level",
                format!(
                    "Unknown level '{}' (expected: {})",
                    m.level,
                    LEVELS.join(", ")
                ),
            );
        }
        if !MODES.contains(&m.mode.as_str()) {
            push(
                m,
                IssueLevel::Error,
                "mode",
                format!("Invalid mode '{}' (expected: {})", m.mode, MODES.join(", ")),
            );
        }
        for r in &m.requires {
            if !ids.contains(r.as_str()) {
                push(
                    m,
                    IssueLevel::Error,
                    "requires",
                    format!("Prerequisite '{r}' not found in module set"),
                );
            }
        }
    }

    let mut same_order: BTreeMap<(&str, i64), Vec<&Module>> = BTreeMap::new();
    for m in modules.iter().filter(|m| !m.track.is_empty()) {
        same_order.entry((&m.track, m.order)).or_default().push(m);
    }
    for ((track, order), group) in same_order.iter().filter(|(_, g)| g.len() > 1) {
        let ids: Vec<&str> = group.iter().map(|m| m.id.as_str()).collect();
        for m in &group[1..] {
            push(
                m,
                IssueLevel::Warning,
                "order",
                format!(
                    "Modules {} share order {order} in track '{track}'; their order falls back to id",
                    ids.iter()
                        .map(|i| format!("'{i}'"))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            );
        }
    }

    for cycle in find_cycles(modules) {
        let m = &modules[cycle[0]];
        let mut path: Vec<&str> = cycle.iter().map(|&i| modules[i].id.as_str()).collect();
        path.push(&m.id);
        push(
            m,
            IssueLevel::Error,
            "requires",
            format!("Prerequisite cycle: {}", path.join(" → ")),
        );
    }
    issues
}

/// Prerequisite cycles, each as module indices starting where the depth-first walk (in load
/// order) entered it; each cycle reported once.
fn find_cycles(modules: &[Module]) -> Vec<Vec<usize>> {
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        New,
        OnPath,
        Done,
    }
    fn visit(
        i: usize,
        modules: &[Module],
        index: &HashMap<&str, usize>,
        marks: &mut [Mark],
        path: &mut Vec<usize>,
        cycles: &mut Vec<Vec<usize>>,
    ) {
        marks[i] = Mark::OnPath;
        path.push(i);
        for r in &modules[i].requires {
            let Some(&j) = index.get(r.as_str()) else {
                continue;
            };
            match marks[j] {
                Mark::New => visit(j, modules, index, marks, path, cycles),
                Mark::OnPath => {
                    let start = path.iter().position(|&p| p == j).unwrap_or(0);
                    cycles.push(path[start..].to_vec());
                }
                Mark::Done => {}
            }
        }
        path.pop();
        marks[i] = Mark::Done;
    }
    let index: HashMap<&str, usize> = modules
        .iter()
        .enumerate()
        .map(|(i, m)| (m.id.as_str(), i))
        .collect();
    let mut marks = vec![Mark::New; modules.len()];
    let mut cycles = Vec::new();
    for i in 0..modules.len() {
        if marks[i] == Mark::New {
            visit(i, modules, &index, &mut marks, &mut Vec::new(), &mut cycles);
        }
    }
    cycles
}
