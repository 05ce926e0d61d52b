//! Placing and removing offers: the object, its slot in the owner directory and in its book
//! directory, and the owner's reserve.

use xrpl_proto::amount::Amount;
use xrpl_proto::keylet::offer_quality;

use super::assets::issue_of;
use super::directory::{self, DirKind};
use super::view::ApplyView;
use crate::ledger::directory::BookFacts;
use crate::ledger::entry::{LedgerEntry, Threading};
use crate::ledger::offer::Offer;
use crate::proto::{AccountId, Hash256, keylet};

/// An offer's quality: what the owner wants per unit it gives (lower is better for takers),
/// encoded as rippled's `getRate` so book directories sort by it.
pub fn quality(taker_pays: &Amount, taker_gets: &Amount) -> u64 {
    offer_quality(taker_pays, taker_gets)
}

/// Puts a new offer in the ledger: object, owner directory, book directory, reserve.
pub fn place(
    view: &mut ApplyView<'_>,
    owner: &AccountId,
    sequence: u32,
    taker_pays: Amount,
    taker_gets: Amount,
    flags: u32,
    expiration: Option<u32>,
) -> Hash256 {
    let rate = quality(&taker_pays, &taker_gets);
    place_at(
        view,
        owner,
        sequence,
        (taker_pays, taker_gets),
        flags,
        expiration,
        rate,
    )
}

/// [`place`] in the book directory of `rate`: rippled files what is left of a crossed offer
/// under the offer's own (TickSize-rounded) rate, not the remainder's recomputed one.
pub fn place_at(
    view: &mut ApplyView<'_>,
    owner: &AccountId,
    sequence: u32,
    (taker_pays, taker_gets): (Amount, Amount),
    flags: u32,
    expiration: Option<u32>,
    rate: u64,
) -> Hash256 {
    let key = keylet::offer(owner, sequence);
    let (pays, gets) = (issue_of(&taker_pays), issue_of(&taker_gets));
    let book_dir = keylet::with_quality(&keylet::book(&pays, &gets), rate);
    let facts = BookFacts {
        pays_currency: *pays.currency.as_bytes(),
        pays_issuer: *pays.issuer.as_bytes(),
        gets_currency: *gets.currency.as_bytes(),
        gets_issuer: *gets.issuer.as_bytes(),
        exchange_rate: rate,
    };
    let owner_node = directory::add_owned(view, owner, key);
    let book_node = directory::insert(view, &book_dir, key, &DirKind::Book(facts));
    view.insert(
        key,
        LedgerEntry::Offer(Offer {
            account: *owner,
            sequence,
            taker_pays,
            taker_gets,
            book_directory: book_dir,
            book_node,
            owner_node,
            expiration,
            flags,
            previous_txn: Threading::default(),
        }),
    );
    view.adjust_owner_count(owner, 1);
    key
}

/// Removes an offer: object, both directory slots, the owner's reserve.
pub fn remove(view: &mut ApplyView<'_>, key: &Hash256, offer: &Offer) {
    directory::remove_owned(view, &offer.account, key);
    directory::remove(view, &offer.book_directory, key, false);
    view.erase(key);
    view.adjust_owner_count(&offer.account, -1);
}

/// The offer `owner` created with `sequence`, if it is still there.
pub fn read(view: &ApplyView<'_>, owner: &AccountId, sequence: u32) -> Option<(Hash256, Offer)> {
    let key = keylet::offer(owner, sequence);
    let offer = view.read(&key)?.as_offer()?.clone();
    Some((key, offer))
}
