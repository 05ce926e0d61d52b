//! What a module's `<!-- action: NAME key=value -->` directives do.
//!
//! The curriculum owns each action's *schema* (its arguments, checked at lint time); this module
//! owns what it *does*. Every handler gets an [`ActionCx`]: the ledger client (sandbox or
//! network, the handler cannot tell), the run's context, the learner's files and an output
//! channel. Handlers build transactions as JSON, submit them through one path
//! ([`ActionCx::submit`]) that signs, waits, emits the `tx` event and records the receipt, and
//! verify outcomes by reading the ledger back: a module proves what happened, it never assumes.
//!
//! | file | actions |
//! |---|---|
//! | [`setup`] | wallets and funding |
//! | [`payments`] | XRP payments, intentional failures, receipt verification |
//! | [`trust_lines`] | trust lines, issuing tokens, removing lines |
//! | [`reserves`] | account snapshots and reserve/owner-count changes |
//! | [`dex`] | offers on the order book: create, verify, cancel |
//! | [`audit`] | auditing the run's own transactions into a report and a sealed audit pack |
//! | [`escrow`] | time-locked XRP: create, read back, finish or cancel, confirm gone |
//! | [`freeze`] | the issuer's freezes: one holder's line, or the whole currency |
//! | [`clawback`] | opting in to clawback, recalling an exact amount, the refusal without it |
//! | [`channels`] | payment channels: open, fund, off-ledger claims, the receiver's redemption |
//! | [`strategy`] | market making: bid and ask quotes with strategy memos, verify, pull, book clear |
//! | [`strategy_position`] | positions, inventory guardrails from ledger reserves, hygiene summary |
//! | [`nft`] | NFTs: mint, read back, burn, modify a mutable token's URI |
//! | [`nft_market`] | NFT trading: a buyer, sell offers, atomic acceptance, the royalty rule |
//! | [`mpt`] | Multi-Purpose Tokens: issuance, opt-in, issuer payment, exact holder balance |
//! | [`did`] | DIDs: publish, read back by account, revoke, confirm gone |
//! | [`amm`] | AMM pools (sandbox only): create, read, deposit for LP tokens, withdraw |
//! | [`support`] | helpers shared by handlers: amounts, memos, reading the ledger |

mod amm;
pub mod audit;
mod channels;
mod clawback;
mod dex;
mod did;
mod escrow;
mod freeze;
mod mpt;
mod nft;
mod nft_market;
mod payments;
mod reserves;
mod setup;
mod strategy;
mod strategy_position;
mod support;
mod trust_lines;

use serde_json::Value;

use crate::blocking::on_blocking_pool;
use crate::curriculum::module::Args;
use crate::lab_error::LabError;
use crate::runner::context::{FailedTx, LastSubmit, RunContext};
use crate::runner::{EventSink, RunEvent};
use crate::transport::{LedgerClient, SubmitResult};
use crate::workspace::LearnerFiles;

/// What a handler may touch.
pub struct ActionCx<'a> {
    pub client: LedgerClient<'a>,
    pub run: &'a mut RunContext,
    pub files: &'a LearnerFiles,
    pub sink: &'a EventSink,
}

/// Whether the action's own transactions are recorded as receipts in state.json.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Record {
    /// Success → a receipt and a txid of the run; failure → a failed receipt.
    Standard,
    /// Nothing recorded (helper transactions, expected failures handled by the caller).
    None,
}

impl<'a> ActionCx<'a> {
    /// One line (or block) of output for the learner.
    pub fn say(&self, text: impl Into<String>) {
        (self.sink)(RunEvent::Output { text: text.into() });
    }

    /// The learner's address; an error when no wallet step has run.
    pub fn learner_address(&self) -> Result<String, LabError> {
        self.run
            .learner
            .as_ref()
            .map(|w| w.address.clone())
            .ok_or_else(|| missing_wallet("learner"))
    }

    /// A verification check that passed; kept for the report.
    pub fn check(&mut self, text: impl Into<String>) {
        let text = text.into();
        self.say(format!("  ✓ {text}"));
        self.run.last_verify.push(text);
    }

    /// A verification check that failed.
    pub fn fail_check(&mut self, text: impl Into<String>) {
        self.say(format!("  ✗ {}", text.into()));
    }

    /// Signs `tx` with the wallet playing `role`, submits it, waits for validation, emits the
    /// `tx` event and records the receipt as `record` says.
    pub async fn submit(
        &mut self,
        tx: Value,
        role: &str,
        record: Record,
    ) -> Result<SubmitResult, LabError> {
        let wallet = self.run.wallet(role).ok_or_else(|| missing_wallet(role))?;
        let result = self.client.submit_and_wait(tx, &wallet.keys).await?;
        if !result.txid.is_empty() {
            (self.sink)(RunEvent::Tx {
                txid: result.txid.clone(),
                result_code: result.result_code.clone(),
            });
        }
        self.run.last_submit = Some(LastSubmit {
            txid: result.txid.clone(),
            result_code: result.result_code.clone(),
            success: result.success,
        });
        if record == Record::Standard {
            self.record(&result).await?;
        }
        Ok(result)
    }

    /// A transaction of the step failed: says so with the ledger's code and what it means
    /// (the catalogue's "STD+E" output).
    pub fn explain_failure(&self, label: &str, result: &SubmitResult) {
        self.say(format!("  {label} failed: {}", result.result_code));
        if !result.error.is_empty() {
            self.say(format!("  Error: {}", result.error));
        }
        for line in support::explain_result_code(&result.result_code) {
            self.say(format!("  {line}"));
        }
    }

    /// Records a receipt the standard way: success adds the txid to the run and a receipt to
    /// state; failure keeps a failed receipt and tells the learner what the code means.
    pub async fn record(&mut self, result: &SubmitResult) -> Result<(), LabError> {
        let network = self.client.transport().network();
        let explorer = network.explorer_url(&result.txid);
        let txid = if result.txid.is_empty() {
            "failed".to_string()
        } else {
            result.txid.clone()
        };
        let module_id = self.run.module_id.clone();
        let success = result.success;
        let now = crate::workspace::clock::now_ts();
        let state = self.files.state.clone();
        let link = if success {
            explorer.clone()
        } else {
            String::new()
        };
        on_blocking_pool(move || {
            state.update(|state| {
                state.record_tx(&txid, &module_id, network.as_str(), success, &link, now)
            })
        })
        .await?
        .map_err(|e| e.to_lab_error())?;
        if success {
            self.run.txids.push(result.txid.clone());
            self.say(format!("  TXID: {}", result.txid));
            if !explorer.is_empty() {
                self.say(format!("  Explorer: {explorer}"));
            }
        } else {
            self.run.failed.push(FailedTx {
                txid: result.txid.clone(),
                result_code: result.result_code.clone(),
                error: result.error.clone(),
            });
        }
        Ok(())
    }
}

/// Runs one action. `Ok` means the step ran (its transactions may still have failed, which
/// the receipts record); `Err` aborts the module with a structured error.
pub async fn execute(name: &str, args: &Args, cx: &mut ActionCx<'_>) -> Result<(), LabError> {
    match name {
        "ensure_wallet" => setup::ensure_wallet(cx).await,
        "ensure_funded" => setup::ensure_funded(cx).await,
        "create_issuer_wallet" => setup::create_issuer_wallet(cx).await,
        "fund_issuer" => setup::fund_issuer(cx).await,
        "write_report" => Ok(()),
        "submit_payment" => payments::submit_payment(args, cx).await,
        "submit_payment_fail" => payments::submit_payment_fail(args, cx).await,
        "verify_tx" => payments::verify_tx(cx).await,
        "set_trust_line" => trust_lines::set_trust_line(args, cx).await,
        "issue_token" => trust_lines::issue_token(args, cx, false).await,
        "issue_token_expect_fail" => trust_lines::issue_token(args, cx, true).await,
        "verify_trust_line" => trust_lines::verify_trust_line(args, cx).await,
        "remove_trust_line" => trust_lines::remove_trust_line(args, cx).await,
        "verify_trust_line_removed" => trust_lines::verify_trust_line_removed(args, cx).await,
        "snapshot_account" => reserves::snapshot_account(args, cx).await,
        "verify_reserve_change" => reserves::verify_reserve_change(args, cx).await,
        "create_offer" => dex::create_offer(args, cx).await,
        "verify_offer_present" => dex::verify_offer(cx, true).await,
        "cancel_offer" => dex::cancel_offer(cx).await,
        "verify_offer_absent" => dex::verify_offer(cx, false).await,
        "run_audit" => audit::run_audit(cx).await,
        "create_escrow" => escrow::create_escrow(args, cx).await,
        "verify_escrow" => escrow::verify_escrow(cx).await,
        "finish_escrow" => escrow::finish_escrow(cx).await,
        "cancel_escrow" => escrow::cancel_escrow(cx).await,
        "verify_escrow_finished" => escrow::verify_escrow_finished(cx).await,
        "set_freeze" => freeze::set_freeze(args, cx).await,
        "set_global_freeze" => freeze::set_global_freeze(args, cx).await,
        "verify_freeze" => freeze::verify_freeze(args, cx).await,
        "enable_clawback" => clawback::enable_clawback(cx).await,
        "snapshot_token_balance" => clawback::snapshot_token_balance(args, cx).await,
        "clawback" => clawback::clawback(args, cx).await,
        "verify_clawback" => clawback::verify_clawback(args, cx).await,
        "create_noclaw_issuer" => clawback::create_noclaw_issuer(args, cx).await,
        "clawback_expect_fail" => clawback::clawback_expect_fail(args, cx).await,
        "create_channel_receiver" => channels::create_channel_receiver(cx).await,
        "open_channel" => channels::open_channel(args, cx).await,
        "fund_channel" => channels::fund_channel(args, cx).await,
        "sign_claim" => channels::sign_claim(args, cx).await,
        "verify_claim_signature" => channels::verify_claim_signature(cx).await,
        "redeem_claim" => channels::redeem_claim(args, cx).await,
        "verify_channel" => channels::verify_channel(args, cx).await,
        "snapshot_position" => strategy_position::snapshot_position(args, cx).await,
        "strategy_offer_bid" => strategy::strategy_offer_bid(args, cx).await,
        "strategy_offer_ask" => strategy::strategy_offer_ask(args, cx).await,
        "verify_module_offers" => strategy::verify_module_offers(cx).await,
        "cancel_module_offers" => strategy::cancel_module_offers(cx).await,
        "verify_module_offers_absent" => strategy::verify_module_offers_absent(cx).await,
        "verify_position_delta" => strategy_position::verify_position_delta(args, cx).await,
        "check_inventory" => strategy_position::check_inventory(args, cx).await,
        "place_safe_sides" => strategy_position::place_safe_sides(args, cx).await,
        "hygiene_summary" => strategy_position::hygiene_summary(cx).await,
        "mint_nft" => nft::mint_nft(args, cx).await,
        "verify_nft" => nft::verify_nft(cx).await,
        "burn_nft" => nft::burn_nft(args, cx).await,
        "verify_nft_burned" => nft::verify_nft_burned(cx).await,
        "modify_nft" => nft::modify_nft(args, cx).await,
        "modify_nft_expect_fail" => nft::modify_nft_expect_fail(args, cx).await,
        "verify_nft_modified" => nft::verify_nft_modified(cx).await,
        "create_buyer_wallet" => nft_market::create_buyer_wallet(cx).await,
        "list_nft_sell_offer" => nft_market::list_nft_sell_offer(args, cx).await,
        "verify_nft_offer" => nft_market::verify_nft_offer(cx).await,
        "accept_nft_offer" => nft_market::accept_nft_offer(args, cx).await,
        "accept_nft_offer_expect_fail" => nft_market::accept_nft_offer_expect_fail(args, cx).await,
        "verify_nft_trade" => nft_market::verify_nft_trade(cx).await,
        "create_mpt_issuance" => mpt::create_mpt_issuance(args, cx).await,
        "verify_mpt_issuance" => mpt::verify_mpt_issuance(cx).await,
        "mpt_authorize" => mpt::mpt_authorize(cx).await,
        "mpt_payment" => mpt::mpt_payment(args, cx).await,
        "verify_mpt_balance" => mpt::verify_mpt_balance(args, cx).await,
        "set_did" => did::set_did(args, cx).await,
        "verify_did" => did::verify_did(cx).await,
        "delete_did" => did::delete_did(cx).await,
        "verify_did_deleted" => did::verify_did_deleted(cx).await,
        "ensure_amm_pair" => amm::ensure_amm_pair(args, cx).await,
        "get_amm_info" => amm::get_amm_info(args, cx).await,
        "amm_deposit" => amm::amm_deposit(args, cx).await,
        "verify_lp_received" => amm::verify_lp_received(cx).await,
        "amm_withdraw" => amm::amm_withdraw(args, cx).await,
        "verify_withdrawal" => amm::verify_withdrawal(cx).await,
        other => Err(not_supported(other)),
    }
}

/// Whether this build can execute `name` (the rest are reported before a run starts).
pub fn is_supported(name: &str) -> bool {
    SUPPORTED.contains(&name)
}

const SUPPORTED: &[&str] = &[
    "ensure_wallet",
    "ensure_funded",
    "create_issuer_wallet",
    "fund_issuer",
    "write_report",
    "submit_payment",
    "submit_payment_fail",
    "verify_tx",
    "set_trust_line",
    "issue_token",
    "issue_token_expect_fail",
    "verify_trust_line",
    "remove_trust_line",
    "verify_trust_line_removed",
    "snapshot_account",
    "verify_reserve_change",
    "create_offer",
    "verify_offer_present",
    "cancel_offer",
    "verify_offer_absent",
    "run_audit",
    "create_escrow",
    "verify_escrow",
    "finish_escrow",
    "cancel_escrow",
    "verify_escrow_finished",
    "set_freeze",
    "set_global_freeze",
    "verify_freeze",
    "enable_clawback",
    "snapshot_token_balance",
    "clawback",
    "verify_clawback",
    "create_noclaw_issuer",
    "clawback_expect_fail",
    "create_channel_receiver",
    "open_channel",
    "fund_channel",
    "sign_claim",
    "verify_claim_signature",
    "redeem_claim",
    "verify_channel",
    "snapshot_position",
    "strategy_offer_bid",
    "strategy_offer_ask",
    "verify_module_offers",
    "cancel_module_offers",
    "verify_module_offers_absent",
    "verify_position_delta",
    "check_inventory",
    "place_safe_sides",
    "hygiene_summary",
    "mint_nft",
    "verify_nft",
    "burn_nft",
    "verify_nft_burned",
    "modify_nft",
    "modify_nft_expect_fail",
    "verify_nft_modified",
    "create_buyer_wallet",
    "list_nft_sell_offer",
    "verify_nft_offer",
    "accept_nft_offer",
    "accept_nft_offer_expect_fail",
    "verify_nft_trade",
    "create_mpt_issuance",
    "verify_mpt_issuance",
    "mpt_authorize",
    "mpt_payment",
    "verify_mpt_balance",
    "set_did",
    "verify_did",
    "delete_did",
    "verify_did_deleted",
    "ensure_amm_pair",
    "get_amm_info",
    "amm_deposit",
    "verify_lp_received",
    "amm_withdraw",
    "verify_withdrawal",
];

fn not_supported(action: &str) -> LabError {
    LabError::new(
        "DEP_ACTION_UNSUPPORTED",
        format!("The action '{action}' is not yet supported by this build of xrpl-lab."),
        "Run 'xrpl-lab list' to see the modules this build can run end to end.",
    )
}

pub(crate) fn missing_wallet(role: &str) -> LabError {
    LabError::new(
        "STATE_NO_WALLET",
        format!("No {role} wallet is available for this step."),
        "Run the module from its first step: the wallet steps come before this one.",
    )
}
