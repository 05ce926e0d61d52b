//! What the workspace needs to know about modules, and nothing more.
//!
//! Status, recovery hints, certificates and proof packs need each module's id, title, track, mode,
//! prerequisites and knowledge-base slug. They take a slice of [`ModuleInfo`] in the curriculum's
//! canonical order, so this layer does not depend on how modules are parsed; the curriculum's
//! catalogue is converted into these records at the edge.

/// One module, as the workspace sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ModuleInfo {
    pub id: String,
    pub title: String,
    pub track: String,
    /// `testnet` or `dry-run`.
    pub mode: String,
    pub requires: Vec<String>,
    /// Knowledge-base slug, `""` when none.
    pub kb_source: String,
    /// The front-matter `order`: with the id it gives the load order.
    pub order: i64,
}

/// The ten tracks in canonical order.
pub const TRACKS: [&str; 10] = [
    "foundations",
    "nfts",
    "tokens",
    "payments",
    "identity",
    "dex",
    "reserves",
    "audit",
    "amm",
    "capstone",
];

/// The module the learner should do next: the first (canonical order) not completed whose
/// prerequisites are all completed.
pub fn next_module<'a>(modules: &'a [ModuleInfo], completed: &[&str]) -> Option<&'a ModuleInfo> {
    modules.iter().find(|m| {
        !completed.contains(&m.id.as_str())
            && m.requires.iter().all(|r| completed.contains(&r.as_str()))
    })
}

/// Modules in load order (`(order, id)`), the order `start` and track listings use.
pub fn load_order(modules: &[ModuleInfo]) -> Vec<&ModuleInfo> {
    let mut v: Vec<&ModuleInfo> = modules.iter().collect();
    v.sort_by(|a, b| (a.order, &a.id).cmp(&(b.order, &b.id)));
    v
}

pub fn find<'a>(modules: &'a [ModuleInfo], id: &str) -> Option<&'a ModuleInfo> {
    modules.iter().find(|m| m.id == id)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn module(id: &str, order: i64, requires: &[&str]) -> ModuleInfo {
        ModuleInfo {
            id: id.into(),
            title: id.to_uppercase(),
            track: "foundations".into(),
            mode: "testnet".into(),
            requires: requires.iter().map(|r| r.to_string()).collect(),
            kb_source: String::new(),
            order,
        }
    }

    #[test]
    fn next_module_follows_prerequisites_in_canonical_order() {
        let m = vec![
            module("a", 2, &[]),
            module("b", 1, &["a"]),
            module("c", 3, &[]),
        ];
        assert_eq!(next_module(&m, &[]).unwrap().id, "a");
        assert_eq!(next_module(&m, &["a"]).unwrap().id, "b");
        assert_eq!(next_module(&m, &["a", "b"]).unwrap().id, "c");
        assert!(next_module(&m, &["a", "b", "c"]).is_none());
        let ids: Vec<&str> = load_order(&m).iter().map(|x| x.id.as_str()).collect();
        assert_eq!(ids, ["b", "a", "c"]);
    }
}
