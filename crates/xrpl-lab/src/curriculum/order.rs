//! The order learners walk: load order, canonical order (topological over `requires`), the next
//! module for a learner, and per-track progress.
//!
//! Everything here is a pure function of the modules (and a set of completed ids), so the CLI,
//! the server's `/api/status` and `/api/modules` and the tests all agree.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use serde::Serialize;

use super::module::{Module, normalize_id};
use super::tracks::{TRACKS, is_known_track, track_label, track_rank};

/// Sorts modules into load order: `(order, id)`.
pub fn sort_load_order(modules: &mut [Module]) {
    modules.sort_by(|a, b| (a.order, &a.id).cmp(&(b.order, &b.id)));
}

type Key<'a> = (usize, i64, &'a str);

fn key(m: &Module) -> Key<'_> {
    (track_rank(&m.track), m.order, &m.id)
}

/// Indices of `modules` in canonical order: Kahn's topological sort over prerequisite edges
/// (edges to missing modules are ignored), always taking the ready module with the smallest
/// `(track rank, order, id)`. Modules caught in a cycle come last, in key order.
pub fn canonical_order(modules: &[Module]) -> Vec<usize> {
    let index: HashMap<&str, usize> = modules
        .iter()
        .enumerate()
        .map(|(i, m)| (m.id.as_str(), i))
        .collect();
    let mut indegree = vec![0usize; modules.len()];
    let mut children: Vec<Vec<usize>> = vec![Vec::new(); modules.len()];
    for (i, m) in modules.iter().enumerate() {
        let prereqs: BTreeSet<usize> = m
            .requires
            .iter()
            .filter_map(|r| index.get(r.as_str()).copied())
            .collect();
        for p in prereqs {
            indegree[i] += 1;
            children[p].push(i);
        }
    }
    let mut ready: BTreeSet<(Key, usize)> = (0..modules.len())
        .filter(|&i| indegree[i] == 0)
        .map(|i| (key(&modules[i]), i))
        .collect();
    let mut order = Vec::with_capacity(modules.len());
    while let Some(first) = ready.pop_first() {
        let i = first.1;
        order.push(i);
        for &c in &children[i] {
            indegree[c] -= 1;
            if indegree[c] == 0 {
                ready.insert((key(&modules[c]), c));
            }
        }
    }
    if order.len() < modules.len() {
        let placed: BTreeSet<usize> = order.iter().copied().collect();
        let mut stuck: Vec<usize> = (0..modules.len()).filter(|i| !placed.contains(i)).collect();
        stuck.sort_by(|&a, &b| key(&modules[a]).cmp(&key(&modules[b])));
        order.extend(stuck);
    }
    order
}

/// The learner's next module: the first in `canonical` not completed whose prerequisites are
/// all completed.
pub fn next_in<'a>(
    canonical: impl IntoIterator<Item = &'a Module>,
    completed: &BTreeSet<String>,
) -> Option<&'a Module> {
    let done: BTreeSet<String> = completed.iter().map(|c| normalize_id(c)).collect();
    canonical
        .into_iter()
        .find(|m| !done.contains(&m.id) && m.requires.iter().all(|r| done.contains(r)))
}

/// A learner's progress through one track.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TrackProgress {
    pub track: String,
    #[serde(skip)]
    pub label: String,
    /// Completed module ids, in canonical order.
    pub completed: Vec<String>,
    /// Remaining module ids, in canonical order.
    pub remaining: Vec<String>,
    pub total: usize,
    pub done: usize,
    /// Every module of a non-empty track is done.
    pub is_complete: bool,
}

/// Progress per track: the ten tracks in fixed order (even when empty), then unknown tracks in
/// name order.
pub fn progress_in<'a>(
    canonical: impl IntoIterator<Item = &'a Module>,
    completed: &BTreeSet<String>,
) -> Vec<TrackProgress> {
    let done: BTreeSet<String> = completed.iter().map(|c| normalize_id(c)).collect();
    let mut by_track: BTreeMap<&str, (Vec<String>, Vec<String>)> = BTreeMap::new();
    for m in canonical {
        let slot = by_track.entry(m.track.as_str()).or_default();
        if done.contains(&m.id) {
            slot.0.push(m.id.clone());
        } else {
            slot.1.push(m.id.clone());
        }
    }
    let mut tracks: Vec<&str> = TRACKS.iter().map(|t| t.id).collect();
    tracks.extend(by_track.keys().copied().filter(|t| !is_known_track(t)));
    tracks
        .into_iter()
        .map(|t| {
            let (completed, remaining) = by_track.get(t).cloned().unwrap_or_default();
            let total = completed.len() + remaining.len();
            TrackProgress {
                track: t.to_string(),
                label: track_label(t),
                done: completed.len(),
                is_complete: remaining.is_empty() && total > 0,
                completed,
                remaining,
                total,
            }
        })
        .collect()
}
