//! A ledger object: the typed views the engine works with, and their rippled JSON form.
//!
//! The engine keeps objects typed (an AccountRoot's balance is a number, not a string) so rules
//! read naturally and run fast; JSON is produced only for metadata and queries. Field maps are
//! ordered by name because that is how rippled prints objects.

use std::collections::BTreeMap;

use serde_json::{Map, Value};

use super::account_root::AccountRoot;
use super::amm::Amm;
use super::did::Did;
use super::directory::DirectoryNode;
use super::escrow::Escrow;
use super::mptoken::{MPToken, MPTokenIssuance};
use super::nftoken::{NFTokenOffer, NFTokenPage};
use super::offer::Offer;
use super::pay_channel::PayChannel;
use super::ripple_state::RippleState;
use super::small_objects::{Check, DepositPreauth, Ticket};
use crate::proto::{AccountId, Hash256, hex_upper};

/// Field name → JSON value, ordered the way rippled prints objects.
pub type Fields = BTreeMap<&'static str, Value>;

/// The last transaction that touched an object (`PreviousTxnID`, `PreviousTxnLgrSeq`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Threading {
    /// Id of the transaction.
    pub txn_id: Hash256,
    /// Ledger it was applied in.
    pub ledger_seq: u32,
}

impl Threading {
    fn write(&self, fields: &mut Fields) {
        fields.insert("PreviousTxnID", Value::String(hex_upper(self.txn_id)));
        fields.insert("PreviousTxnLgrSeq", Value::from(self.ledger_seq));
    }
}

/// Every kind of object the engine keeps in its state map.
#[derive(Debug, Clone, PartialEq)]
pub enum LedgerEntry {
    /// An account: balance, sequence, flags, owner count.
    AccountRoot(AccountRoot),
    /// A page of an owner or order-book directory.
    DirectoryNode(DirectoryNode),
    /// A trust line.
    RippleState(RippleState),
    /// An order in a book.
    Offer(Offer),
    /// Escrowed XRP.
    Escrow(Escrow),
    /// A payment channel.
    PayChannel(PayChannel),
    /// A reserved sequence number.
    Ticket(Ticket),
    /// A deposit preauthorisation.
    DepositPreauth(DepositPreauth),
    /// Issue 7: a DID.
    Did(Did),
    /// Issue 7: a page of up to 32 NFTs.
    NFTokenPage(NFTokenPage),
    /// Issue 7: an offer to buy or sell an NFT.
    NFTokenOffer(NFTokenOffer),
    /// Issue 7: an MPT issuance.
    MPTokenIssuance(MPTokenIssuance),
    /// Issue 7: a holder's MPT balance.
    MPToken(MPToken),
    /// Issue 7: an AMM pool.
    Amm(Amm),
    /// A check.
    Check(Check),
}

impl LedgerEntry {
    /// rippled's `LedgerEntryType` name.
    pub fn entry_type(&self) -> &'static str {
        match self {
            LedgerEntry::AccountRoot(_) => "AccountRoot",
            LedgerEntry::DirectoryNode(_) => "DirectoryNode",
            LedgerEntry::RippleState(_) => "RippleState",
            LedgerEntry::Offer(_) => "Offer",
            LedgerEntry::Escrow(_) => "Escrow",
            LedgerEntry::PayChannel(_) => "PayChannel",
            LedgerEntry::Ticket(_) => "Ticket",
            LedgerEntry::DepositPreauth(_) => "DepositPreauth",
            LedgerEntry::Did(_) => "DID",
            LedgerEntry::NFTokenPage(_) => "NFTokenPage",
            LedgerEntry::NFTokenOffer(_) => "NFTokenOffer",
            LedgerEntry::MPTokenIssuance(_) => "MPTokenIssuance",
            LedgerEntry::MPToken(_) => "MPToken",
            LedgerEntry::Amm(_) => "AMM",
            LedgerEntry::Check(_) => "Check",
        }
    }

    /// The object's own fields, without `LedgerEntryType`, `index` or threading.
    pub fn fields(&self) -> Fields {
        self.fields_inner(true)
    }

    /// The fields metadata shows: [`fields`](Self::fields) without those rippled never writes
    /// into metadata (a directory's `Indexes`).
    pub fn meta_fields(&self) -> Fields {
        self.fields_inner(false)
    }

    fn fields_inner(&self, with_indexes: bool) -> Fields {
        let mut fields = Fields::new();
        match self {
            LedgerEntry::AccountRoot(a) => a.write_fields(&mut fields),
            LedgerEntry::DirectoryNode(d) => d.write_fields(&mut fields, with_indexes),
            LedgerEntry::RippleState(r) => r.write_fields(&mut fields),
            LedgerEntry::Offer(o) => o.write_fields(&mut fields),
            LedgerEntry::Escrow(e) => e.write_fields(&mut fields),
            LedgerEntry::PayChannel(c) => c.write_fields(&mut fields),
            LedgerEntry::Ticket(t) => t.write_fields(&mut fields),
            LedgerEntry::DepositPreauth(p) => p.write_fields(&mut fields),
            LedgerEntry::Did(x) => x.write_fields(&mut fields),
            LedgerEntry::NFTokenPage(x) => x.write_fields(&mut fields),
            LedgerEntry::NFTokenOffer(x) => x.write_fields(&mut fields),
            LedgerEntry::MPTokenIssuance(x) => x.write_fields(&mut fields),
            LedgerEntry::MPToken(x) => x.write_fields(&mut fields),
            LedgerEntry::Amm(x) => x.write_fields(&mut fields),
            LedgerEntry::Check(c) => c.write_fields(&mut fields),
        }
        fields
    }

    /// Which transaction last touched the object, for the kinds rippled threads.
    pub fn threading(&self) -> Option<Threading> {
        match self {
            LedgerEntry::AccountRoot(a) => Some(a.previous_txn),
            LedgerEntry::DirectoryNode(_) => None,
            LedgerEntry::RippleState(r) => Some(r.previous_txn),
            LedgerEntry::Offer(o) => Some(o.previous_txn),
            LedgerEntry::Escrow(e) => Some(e.previous_txn),
            LedgerEntry::PayChannel(c) => Some(c.previous_txn),
            LedgerEntry::Ticket(t) => Some(t.previous_txn),
            LedgerEntry::DepositPreauth(p) => Some(p.previous_txn),
            LedgerEntry::Did(x) => Some(x.previous_txn),
            LedgerEntry::NFTokenPage(x) => Some(x.previous_txn),
            LedgerEntry::NFTokenOffer(x) => Some(x.previous_txn),
            LedgerEntry::MPTokenIssuance(x) => Some(x.previous_txn),
            LedgerEntry::MPToken(x) => Some(x.previous_txn),
            LedgerEntry::Amm(x) => Some(x.previous_txn),
            LedgerEntry::Check(c) => Some(c.previous_txn),
        }
    }

    /// Records `thread` as the last transaction to touch the object (no-op for directories).
    pub fn set_threading(&mut self, thread: Threading) {
        match self {
            LedgerEntry::AccountRoot(a) => a.previous_txn = thread,
            LedgerEntry::DirectoryNode(_) => {}
            LedgerEntry::RippleState(r) => r.previous_txn = thread,
            LedgerEntry::Offer(o) => o.previous_txn = thread,
            LedgerEntry::Escrow(e) => e.previous_txn = thread,
            LedgerEntry::PayChannel(c) => c.previous_txn = thread,
            LedgerEntry::Ticket(t) => t.previous_txn = thread,
            LedgerEntry::DepositPreauth(p) => p.previous_txn = thread,
            LedgerEntry::Did(x) => x.previous_txn = thread,
            LedgerEntry::NFTokenPage(x) => x.previous_txn = thread,
            LedgerEntry::NFTokenOffer(x) => x.previous_txn = thread,
            LedgerEntry::MPTokenIssuance(x) => x.previous_txn = thread,
            LedgerEntry::MPToken(x) => x.previous_txn = thread,
            LedgerEntry::Amm(x) => x.previous_txn = thread,
            LedgerEntry::Check(c) => c.previous_txn = thread,
        }
    }

    /// The object as `ledger_entry` and `account_objects` return it.
    pub fn to_json(&self, index: &Hash256) -> Value {
        let mut fields = self.fields();
        if let Some(thread) = self.threading() {
            thread.write(&mut fields);
        }
        fields.insert("LedgerEntryType", Value::from(self.entry_type()));
        fields.insert("index", Value::String(hex_upper(index)));
        Value::Object(into_map(fields))
    }

    /// The account root inside, if this is one.
    pub fn as_account(&self) -> Option<&AccountRoot> {
        match self {
            LedgerEntry::AccountRoot(a) => Some(a),
            _ => None,
        }
    }

    /// The trust line inside, if this is one.
    pub fn as_ripple_state(&self) -> Option<&RippleState> {
        match self {
            LedgerEntry::RippleState(r) => Some(r),
            _ => None,
        }
    }

    /// The offer inside, if this is one.
    pub fn as_offer(&self) -> Option<&Offer> {
        match self {
            LedgerEntry::Offer(o) => Some(o),
            _ => None,
        }
    }

    /// The check inside, if this is one.
    pub fn as_check(&self) -> Option<&Check> {
        match self {
            LedgerEntry::Check(c) => Some(c),
            _ => None,
        }
    }

    /// The escrow inside, if this is one.
    pub fn as_escrow(&self) -> Option<&Escrow> {
        match self {
            LedgerEntry::Escrow(e) => Some(e),
            _ => None,
        }
    }

    /// The payment channel inside, if this is one.
    pub fn as_pay_channel(&self) -> Option<&PayChannel> {
        match self {
            LedgerEntry::PayChannel(c) => Some(c),
            _ => None,
        }
    }

    /// The accounts whose history includes a change to this object.
    pub fn accounts(&self) -> Vec<AccountId> {
        match self {
            LedgerEntry::AccountRoot(a) => vec![a.account],
            LedgerEntry::DirectoryNode(d) => d.owner.into_iter().collect(),
            LedgerEntry::RippleState(r) => vec![r.low, r.high],
            LedgerEntry::Offer(o) => vec![o.account],
            LedgerEntry::Escrow(e) => vec![e.account, e.destination],
            LedgerEntry::PayChannel(c) => vec![c.account, c.destination],
            LedgerEntry::Ticket(t) => vec![t.account],
            LedgerEntry::DepositPreauth(p) => vec![p.account, p.authorize],
            LedgerEntry::Did(d) => vec![d.account],
            LedgerEntry::NFTokenPage(p) => vec![p.owner],
            LedgerEntry::NFTokenOffer(o) => o.destination.into_iter().chain([o.owner]).collect(),
            LedgerEntry::MPTokenIssuance(i) => vec![i.issuer],
            LedgerEntry::MPToken(t) => vec![t.account],
            LedgerEntry::Amm(a) => vec![a.account],
            LedgerEntry::Check(c) => vec![c.account, c.destination],
        }
    }

    /// The directory page inside, if this is one.
    pub fn as_directory(&self) -> Option<&DirectoryNode> {
        match self {
            LedgerEntry::DirectoryNode(d) => Some(d),
            _ => None,
        }
    }
}

/// Turns an ordered field map into a JSON object (keeping the order).
pub fn into_map(fields: Fields) -> Map<String, Value> {
    fields.into_iter().map(|(k, v)| (k.to_owned(), v)).collect()
}
