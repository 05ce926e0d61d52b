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
                let final_fields = meta_fields(entry);
                let previous = before
                    .map(|before| previous_fields(&meta_fields(before), &final_fields))
                    .filter(|previous| !previous.is_empty());
                // Written in key order, the order rippled's JSON shows.
                let mut node = Map::with_capacity(6);
                node.insert("FinalFields".into(), Value::Object(into_map(final_fields)));
                node.insert("LedgerEntryType".into(), entry.entry_type().into());
                node.insert("LedgerIndex".into(), index.into());
                if let Some(previous) = previous {
                    node.insert("PreviousFields".into(), Value::Object(previous));
                }
                if let Some(prior) = prior_thread {
                    node.insert("PreviousTxnID".into(), hex_upper(prior.txn_id).into());
                    node.insert("PreviousTxnLgrSeq".into(), prior.ledger_seq.into());
                }
                nodes.push(wrapped("ModifiedNode", node));
            }
            Change::Deleted(last) => {
                let final_fields = meta_fields(last);
                let previous = base
                    .get(key)
                    .map(|before| previous_fields(&meta_fields(before), &final_fields))
                    .filter(|previous| !previous.is_empty());
                let mut node = Map::with_capacity(6);
                node.insert("FinalFields".into(), Value::Object(into_map(final_fields)));
                node.insert("LedgerEntryType".into(), last.entry_type().into());
                node.insert("LedgerIndex".into(), index.into());
                if let Some(previous) = previous {
                    node.insert("PreviousFields".into(), Value::Object(previous));
                }
                nodes.push(wrapped("DeletedNode", node));
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

/// `{kind: node}`.
fn wrapped(kind: &str, node: Map<String, Value>) -> Value {
    let mut outer = Map::with_capacity(1);
    outer.insert(kind.into(), Value::Object(node));
    Value::Object(outer)
}
