//! DIDSet and DIDDelete (XLS-40): an account's decentralised identifier.
//!
//! DIDSet creates the DID (one owner reserve) or edits it: a field given empty removes it, a
//! field left out is kept. A DID with nothing left in it is refused (`tecEMPTY_DID`).
//! Rules: <https://xrpl.org/docs/references/protocol/transactions/types/didset>,
//! <https://xrpl.org/docs/references/protocol/transactions/types/diddelete>.

use super::fields::TxFields;
use super::{ApplyOutput, Common, Transactor, UNIVERSAL_FLAGS};
use crate::apply::directory;
use crate::apply::view::ApplyView;
use crate::ledger::did::Did;
use crate::ledger::entry::{LedgerEntry, Threading};
use crate::proto::keylet;
use crate::result::Ter;

/// Longest `URI`, in bytes.
pub const MAX_URI_LENGTH: usize = 256;
/// Longest `DIDDocument`, in bytes.
pub const MAX_DOCUMENT_LENGTH: usize = 256;
/// Longest `Data` (attestation), in bytes.
pub const MAX_DATA_LENGTH: usize = 256;

fn read_did(view: &ApplyView<'_>, key: &crate::proto::Hash256) -> Option<Did> {
    match view.read(key)? {
        LedgerEntry::Did(did) => Some(did.clone()),
        _ => None,
    }
}

/// A DIDSet that passed preflight: each field is absent (keep), empty (remove) or bytes (set).
#[derive(Debug, Clone)]
pub struct DidSet {
    uri: Option<Vec<u8>>,
    document: Option<Vec<u8>>,
    data: Option<Vec<u8>>,
}

/// Applies one field edit: an empty value removes the field, any other replaces it.
fn edit(field: &mut Option<Vec<u8>>, given: &Option<Vec<u8>>) {
    match given {
        None => {}
        Some(bytes) if bytes.is_empty() => *field = None,
        Some(bytes) => *field = Some(bytes.clone()),
    }
}

impl Transactor for DidSet {
    fn preflight(tx: TxFields<'_>, flags: u32) -> Result<Self, Ter> {
        if flags & !UNIVERSAL_FLAGS != 0 {
            return Err(Ter::temINVALID_FLAG);
        }
        let set = DidSet {
            uri: tx.blob("URI")?,
            document: tx.blob("DIDDocument")?,
            data: tx.blob("Data")?,
        };
        let fields = [&set.uri, &set.document, &set.data];
        if fields.iter().all(|f| f.is_none()) {
            return Err(Ter::temEMPTY_DID);
        }
        // All three given and all three empty would only ever empty the DID.
        if fields.iter().all(|f| f.as_ref().is_some_and(Vec::is_empty)) {
            return Err(Ter::temEMPTY_DID);
        }
        let too_long = |f: &Option<Vec<u8>>, max: usize| f.as_ref().is_some_and(|b| b.len() > max);
        if too_long(&set.uri, MAX_URI_LENGTH)
            || too_long(&set.document, MAX_DOCUMENT_LENGTH)
            || too_long(&set.data, MAX_DATA_LENGTH)
        {
            return Err(Ter::temMALFORMED);
        }
        Ok(set)
    }

    fn apply(&self, view: &mut ApplyView<'_>, common: &Common, _out: &mut ApplyOutput) -> Ter {
        let key = keylet::did(&common.account);
        if let Some(mut did) = read_did(view, &key) {
            edit(&mut did.uri, &self.uri);
            edit(&mut did.document, &self.document);
            edit(&mut did.data, &self.data);
            if did.is_empty() {
                return Ter::tecEMPTY_DID;
            }
            view.update(key, LedgerEntry::Did(did));
            return Ter::tesSUCCESS;
        }
        let mut did = Did {
            account: common.account,
            uri: None,
            document: None,
            data: None,
            owner_node: 0,
            previous_txn: Threading::default(),
        };
        edit(&mut did.uri, &self.uri);
        edit(&mut did.document, &self.document);
        edit(&mut did.data, &self.data);
        if did.is_empty() {
            return Ter::tecEMPTY_DID;
        }
        let Some(owner) = view.account(&common.account) else {
            return Ter::tefINTERNAL;
        };
        // The reserve is judged on the balance before this transaction's fee, as rippled does.
        if common.prior_balance < view.ctx.fees.account_reserve(owner.owner_count + 1) {
            return Ter::tecINSUFFICIENT_RESERVE;
        }
        did.owner_node = directory::add_owned(view, &common.account, key);
        view.insert(key, LedgerEntry::Did(did));
        view.adjust_owner_count(&common.account, 1);
        Ter::tesSUCCESS
    }
}

/// A DIDDelete that passed preflight.
#[derive(Debug, Clone)]
pub struct DidDelete;

impl Transactor for DidDelete {
    fn preflight(_tx: TxFields<'_>, flags: u32) -> Result<Self, Ter> {
        if flags & !UNIVERSAL_FLAGS != 0 {
            return Err(Ter::temINVALID_FLAG);
        }
        Ok(DidDelete)
    }

    fn apply(&self, view: &mut ApplyView<'_>, common: &Common, _out: &mut ApplyOutput) -> Ter {
        let key = keylet::did(&common.account);
        if read_did(view, &key).is_none() {
            return Ter::tecNO_ENTRY;
        }
        directory::remove_owned(view, &common.account, &key);
        view.erase(&key);
        view.adjust_owner_count(&common.account, -1);
        Ter::tesSUCCESS
    }
}
