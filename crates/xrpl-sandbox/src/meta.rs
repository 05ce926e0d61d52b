//! Transaction metadata: rippled's `AffectedNodes` with Created, Modified and Deleted nodes.
//!
//! Built from a finished view before it is committed: each touched key is compared with the
//! committed object, so `PreviousFields` holds exactly the fields that changed, with their old
//! values. Nodes come in key order, as rippled writes them.

use std::collections::BTreeMap;

use serde_json::{Map, Value, json};

use crate::apply::view::Change;
use crate::ledger::entry::{Fields, LedgerEntry, Threading, into_map};
use crate::ledger::state::StateMap;
use crate::proto::{Hash256, hex_upper};

fn meta_fields(entry: &LedgerEntry) -> Fields {
    entry.meta_fields()
}

fn is_default(value: &Value) -> bool {
    match value {
        Value::Number(n) => n.as_u64() == Some(0),
        Value::Array(a) => a.is_empty(),
        _ => false,
    }
}

/// Threads every created or modified object to `thread` and returns the `AffectedNodes` array.
pub fn affected_nodes(
    base: &StateMap,
    changes: &mut BTreeMap<Hash256, Change>,
    thread: Threading,
) -> Vec<Value> {
    let mut nodes = Vec::with_capacity(changes.len());
    for (key, change) in changes.iter_mut() {
        let index = hex_upper(key);
        match change {
            Change::Created(entry) => {
                entry.set_threading(thread);
                let new_fields: Map<String, Value> = meta_fields(entry)
                    .into_iter()
                    .filter(|(_, v)| !is_default(v))
                    .map(|(k, v)| (k.to_owned(), v))
                    .collect();
                nodes.push(json!({"CreatedNode": {
                    "LedgerEntryType": entry.entry_type(),
                    "LedgerIndex": index,
                    "NewFields": new_fields,
                }}));
            }
            Change::Modified(entry) => {
                let before = base.get(key);
                let prior_thread = before.and_then(LedgerEntry::threading);
                entry.set_threading(thread);
                let mut node = Map::new();
                let final_fields = meta_fields(entry);
                if let Some(before) = before {
                    let previous = previous_fields(&meta_fields(before), &final_fields);
                    if !previous.is_empty() {
                        node.insert("PreviousFields".into(), Value::Object(previous));
                    }
                }
                node.insert("FinalFields".into(), Value::Object(into_map(final_fields)));
                node.insert("LedgerEntryType".into(), entry.entry_type().into());
                node.insert("LedgerIndex".into(), index.into());
                if let Some(prior) = prior_thread {
                    node.insert("PreviousTxnID".into(), hex_upper(prior.txn_id).into());
                    node.insert("PreviousTxnLgrSeq".into(), prior.ledger_seq.into());
                }
                nodes.push(json!({ "ModifiedNode": sorted(node) }));
            }
            Change::Deleted(last) => {
                let final_fields = meta_fields(last);
                let mut node = Map::new();
                if let Some(before) = base.get(key) {
                    let previous = previous_fields(&meta_fields(before), &final_fields);
                    if !previous.is_empty() {
                        node.insert("PreviousFields".into(), Value::Object(previous));
                    }
                }
                node.insert("FinalFields".into(), Value::Object(into_map(final_fields)));
                node.insert("LedgerEntryType".into(), last.entry_type().into());
                node.insert("LedgerIndex".into(), index.into());
                nodes.push(json!({ "DeletedNode": sorted(node) }));
            }
        }
    }
    nodes
}

fn previous_fields(before: &Fields, after: &Fields) -> Map<String, Value> {
    before
        .iter()
        .filter(|(name, old)| after.get(*name) != Some(old))
        .map(|(name, old)| ((*name).to_owned(), old.clone()))
        .collect()
}

fn sorted(node: Map<String, Value>) -> Value {
    let ordered: BTreeMap<String, Value> = node.into_iter().collect();
    Value::Object(ordered.into_iter().collect())
}
