//! TicketCreate: setting sequence numbers aside to use later, out of order.
//! Rules: <https://xrpl.org/docs/concepts/accounts/tickets>,
//! <https://xrpl.org/docs/references/protocol/transactions/types/ticketcreate>.

use super::fields::TxFields;
use super::{ApplyOutput, Common, Transactor, UNIVERSAL_FLAGS};
use crate::apply::directory;
use crate::apply::view::ApplyView;
use crate::ledger::entry::{LedgerEntry, Threading};
use crate::ledger::small_objects::Ticket;
use crate::proto::keylet;
use crate::result::Ter;

/// The most tickets an account may hold.
pub const MAX_TICKETS: u32 = 250;

/// A TicketCreate that passed preflight.
#[derive(Debug, Clone)]
pub struct TicketCreate {
    count: u32,
}

impl Transactor for TicketCreate {
    fn preflight(tx: TxFields<'_>, flags: u32) -> Result<Self, Ter> {
        if flags & !UNIVERSAL_FLAGS != 0 {
            return Err(Ter::temINVALID_FLAG);
        }
        match tx.u32("TicketCount")? {
            Some(count) if (1..=MAX_TICKETS).contains(&count) => Ok(TicketCreate { count }),
            _ => Err(Ter::temINVALID_COUNT),
        }
    }

    fn preclaim(&self, view: &ApplyView<'_>, common: &Common) -> Ter {
        let held = view
            .account(&common.account)
            .and_then(|a| a.ticket_count)
            .unwrap_or(0);
        // A ticket used by this very transaction frees a slot.
        let used = u32::from(common.ticket_sequence.is_some());
        if held - used.min(held) + self.count > MAX_TICKETS {
            return Ter::tecDIR_FULL;
        }
        Ter::tesSUCCESS
    }

    fn apply(&self, view: &mut ApplyView<'_>, common: &Common, _out: &mut ApplyOutput) -> Ter {
        let Some(root) = view.account(&common.account) else {
            return Ter::tefINTERNAL;
        };
        if common.prior_balance < view.ctx.fees.account_reserve(root.owner_count + self.count) {
            return Ter::tecINSUFFICIENT_RESERVE;
        }
        // The account's next sequence (already past this transaction's) starts the run.
        let first = root.sequence;
        for seq in first..first + self.count {
            let key = keylet::ticket(&common.account, seq);
            let owner_node = directory::add_owned(view, &common.account, key);
            view.insert(
                key,
                LedgerEntry::Ticket(Ticket {
                    account: common.account,
                    ticket_sequence: seq,
                    owner_node,
                    previous_txn: Threading::default(),
                }),
            );
        }
        let Some(mut root) = view.account(&common.account) else {
            return Ter::tefINTERNAL;
        };
        root.sequence = first + self.count;
        root.owner_count += self.count;
        root.ticket_count = Some(root.ticket_count.unwrap_or(0) + self.count);
        view.put_account(root);
        Ter::tesSUCCESS
    }
}
