//! Submitting transactions and reading the ledger, the same way on the sandbox and on Testnet.
//!
//! `submit_and_wait` is the reliable-submission flow of rippled's docs, with the original's bugs
//! fixed (reference/ledger.md §1.4.4):
//! - **Sign once.** The transaction is autofilled (Sequence, Fee, LastLedgerSequence) and signed a
//!   single time; transient failures resubmit the *same blob*, so a retry can never spend a second
//!   Sequence or double-pay.
//! - **A validated `tec…` is a result**, returned with its txid, not an error to retry.
//! - **`tem…`/`tef…` are final** at submit time: nothing was applied, nothing to wait for.
//! - Replies are read in API v2 (`tx_json`, `DeliverMax`) with a v1 fallback.

use std::time::Duration;

use serde_json::{Map, Value, json};
use xrpl_proto::keys::KeyPair;
use xrpl_proto::sign::SignedTransaction;

use super::{Transport, TransportError};
use crate::lab_error::LabError;

/// Ledgers of grace given to a transaction before it expires (`LastLedgerSequence`).
const LEDGER_WINDOW: u64 = 20;
/// Highest fee the client will autofill, in drops (2 XRP), whatever the node asks for.
const MAX_FEE_DROPS: u64 = 2_000_000;
/// How many times a transient submit failure is retried with the same blob.
const SUBMIT_ATTEMPTS: usize = 3;
/// Pause before resubmitting after a transient failure.
const RETRY_DELAY: Duration = Duration::from_secs(3);

/// What happened to a submitted transaction.
#[derive(Debug, Clone, PartialEq)]
pub struct SubmitResult {
    /// True only for a validated `tesSUCCESS`.
    pub success: bool,
    /// The transaction hash (empty only if signing failed before any hash existed).
    pub txid: String,
    /// The engine result (`tesSUCCESS`, `tecPATH_DRY`, `temBAD_AMOUNT`, …) or `local_error`.
    pub result_code: String,
    /// The fee paid, in drops.
    pub fee: String,
    /// The validated ledger that holds it, when it was validated.
    pub ledger_index: Option<u64>,
    /// Human-readable explanation when not successful.
    pub error: String,
    /// Transaction metadata when validated (AffectedNodes, delivered_amount, …).
    pub meta: Value,
    /// The signed transaction as submitted.
    pub tx_json: Value,
}

impl SubmitResult {
    fn local_error(txid: String, tx_json: Value, error: impl Into<String>) -> Self {
        SubmitResult {
            success: false,
            txid,
            result_code: "local_error".into(),
            fee: tx_json
                .get("Fee")
                .and_then(Value::as_str)
                .unwrap_or("0")
                .to_string(),
            ledger_index: None,
            error: error.into(),
            meta: Value::Null,
            tx_json,
        }
    }
}

/// Reads and writes one ledger through a [`Transport`].
pub struct LedgerClient<'t> {
    transport: &'t Transport,
    /// The `NetworkID` the ledger requires on transactions (asked once per client).
    network_id: tokio::sync::OnceCell<Option<u32>>,
}

/// Networks up to this id predate the `NetworkID` field and refuse it; later ones require it.
const LEGACY_NETWORK_ID_MAX: u64 = 1024;

impl<'t> LedgerClient<'t> {
    pub fn new(transport: &'t Transport) -> Self {
        Self {
            transport,
            network_id: tokio::sync::OnceCell::new(),
        }
    }

    pub fn transport(&self) -> &'t Transport {
        self.transport
    }

    /// Autofills, signs once, submits and waits for validation.
    ///
    /// `Err` only for failures before anything could be submitted (unsafe network, a transaction
    /// that cannot be signed, an unreachable node at autofill); every outcome after submission,
    /// good or bad, is an `Ok(SubmitResult)`.
    pub async fn submit_and_wait(
        &self,
        tx: Value,
        keys: &KeyPair,
    ) -> Result<SubmitResult, LabError> {
        if let super::Transport::Rpc(rpc) = self.transport {
            crate::network::guard(rpc.rpc_url())?;
        }
        let Value::Object(tx) = tx else {
            return Err(LabError::new(
                "INPUT_INVALID_TX",
                "A transaction must be a JSON object.",
                "This is a bug in the module's action; report it.",
            ));
        };
        let tx = self.autofill(tx).await.map_err(|e| e.to_lab_error())?;
        let signed = xrpl_proto::sign::sign_transaction(&Value::Object(tx), keys).map_err(|e| {
            LabError::new(
                "INPUT_INVALID_TX",
                format!("The transaction could not be signed: {e}."),
                "Check the action's arguments in the module file.",
            )
        })?;
        self.submit_signed_and_wait(&signed).await
    }

    /// Submits an already-signed transaction (resubmitting the same bytes on transient errors)
    /// and waits for its validated result.
    pub async fn submit_signed_and_wait(
        &self,
        signed: &SignedTransaction,
    ) -> Result<SubmitResult, LabError> {
        let txid = signed.hash.clone();
        let tx_json = signed.tx_json.clone();
        let last_ledger = tx_json
            .get("LastLedgerSequence")
            .and_then(Value::as_u64)
            .unwrap_or(u64::MAX);

        // Submit the one signed blob; only transport-level failures are retried.
        let mut attempt = 0;
        let submitted = loop {
            attempt += 1;
            match self
                .transport
                .call("submit", json!({ "tx_blob": signed.tx_blob }))
                .await
            {
                Ok(reply) => break reply,
                Err(e) if e.is_transient() && attempt < SUBMIT_ATTEMPTS => {
                    tokio::time::sleep(RETRY_DELAY).await;
                }
                Err(e) => {
                    return Ok(SubmitResult::local_error(
                        txid,
                        tx_json,
                        e.to_lab_error().message,
                    ));
                }
            }
        };
        let engine_result = submitted
            .get("engine_result")
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_string();
        // A `tef` can mean "these exact bytes are already in a ledger" (rippled answers a
        // resubmitted blob with tefPAST_SEQ, tefNO_TICKET or tefALREADY): if the hash is known,
        // the transaction did reach the ledger, and its validated result is the answer.
        if engine_result.starts_with("tef") && self.is_known(&txid).await {
            return self.wait_for_validation(txid, tx_json, last_ledger).await;
        }
        if engine_result.starts_with("tem") || engine_result.starts_with("tef") {
            let message = submitted
                .get("engine_result_message")
                .and_then(Value::as_str)
                .unwrap_or("")
                .to_string();
            return Ok(SubmitResult {
                success: false,
                fee: fee_of(&tx_json),
                txid,
                result_code: engine_result,
                ledger_index: None,
                error: message,
                meta: Value::Null,
                tx_json,
            });
        }

        self.wait_for_validation(txid, tx_json, last_ledger).await
    }

    /// Polls `tx` until the transaction is in a validated ledger, or its LastLedgerSequence has
    /// passed without it (then it can never be included: a final failure).
    async fn wait_for_validation(
        &self,
        txid: String,
        tx_json: Value,
        last_ledger: u64,
    ) -> Result<SubmitResult, LabError> {
        loop {
            match self
                .transport
                .call("tx", json!({ "transaction": txid, "binary": false }))
                .await
            {
                Ok(found) if found.get("validated").and_then(Value::as_bool) == Some(true) => {
                    let meta = found.get("meta").cloned().unwrap_or(Value::Null);
                    let code = meta
                        .get("TransactionResult")
                        .and_then(Value::as_str)
                        .unwrap_or("")
                        .to_string();
                    let ledger_index = found
                        .get("ledger_index")
                        .and_then(Value::as_u64)
                        .or_else(|| meta.get("ledger_index").and_then(Value::as_u64));
                    return Ok(SubmitResult {
                        success: code == "tesSUCCESS",
                        error: if code == "tesSUCCESS" {
                            String::new()
                        } else {
                            format!("Transaction failed: {code}")
                        },
                        fee: fee_of(&tx_json),
                        txid,
                        result_code: code,
                        ledger_index,
                        meta,
                        tx_json,
                    });
                }
                Ok(_) | Err(TransportError::Rpc { .. }) => {}
                Err(e) if e.is_transient() => {}
                Err(e) => {
                    return Ok(SubmitResult::local_error(
                        txid,
                        tx_json,
                        e.to_lab_error().message,
                    ));
                }
            }
            if self.validated_ledger_index().await.unwrap_or(0) > last_ledger {
                return Ok(SubmitResult {
                    success: false,
                    fee: fee_of(&tx_json),
                    txid,
                    result_code: "tefMAX_LEDGER".into(),
                    ledger_index: None,
                    error: "The transaction expired: its LastLedgerSequence passed before it was validated.".into(),
                    meta: Value::Null,
                    tx_json,
                });
            }
            tokio::time::sleep(self.transport.poll_interval().max(Duration::from_millis(1))).await;
        }
    }

    /// Whether the node knows a transaction by this hash (in any ledger).
    async fn is_known(&self, txid: &str) -> bool {
        self.transport
            .call("tx", json!({ "transaction": txid, "binary": false }))
            .await
            .is_ok()
    }

    /// The `NetworkID` transactions must carry on this ledger: `None` on the main network,
    /// Testnet, Devnet and a default sandbox (ids up to 1024), the id above that.
    async fn required_network_id(&self) -> Result<Option<u32>, TransportError> {
        self.network_id
            .get_or_try_init(|| async {
                let info = self.transport.call("server_info", json!({})).await?;
                Ok(info
                    .pointer("/info/network_id")
                    .and_then(Value::as_u64)
                    .filter(|&id| id > LEGACY_NETWORK_ID_MAX)
                    .and_then(|id| u32::try_from(id).ok()))
            })
            .await
            .copied()
    }

    /// Fills `Sequence`, `Fee`, `LastLedgerSequence` and, where the network requires it,
    /// `NetworkID`, where the transaction leaves them out.
    async fn autofill(
        &self,
        mut tx: Map<String, Value>,
    ) -> Result<Map<String, Value>, TransportError> {
        if !tx.contains_key("NetworkID")
            && let Some(id) = self.required_network_id().await?
        {
            tx.insert("NetworkID".into(), json!(id));
        }
        if !tx.contains_key("Sequence") && !tx.contains_key("TicketSequence") {
            let account = tx.get("Account").and_then(Value::as_str).unwrap_or("");
            let info = self
                .transport
                .call(
                    "account_info",
                    json!({ "account": account, "ledger_index": "current" }),
                )
                .await?;
            let sequence = info
                .pointer("/account_data/Sequence")
                .and_then(Value::as_u64)
                .unwrap_or(0);
            tx.insert("Sequence".into(), json!(sequence));
        }
        if !tx.contains_key("Fee") {
            let fee = self.autofill_fee(&tx).await?;
            tx.insert("Fee".into(), json!(fee.to_string()));
        }
        if !tx.contains_key("LastLedgerSequence") {
            let validated = self.validated_ledger_index().await?;
            tx.insert(
                "LastLedgerSequence".into(),
                json!(validated + LEDGER_WINDOW),
            );
        }
        Ok(tx)
    }

    /// The open-ledger fee (capped), adjusted for transactions whose cost rippled scales:
    /// EscrowFinish with a fulfillment, and the owner-reserve-priced AccountDelete / AMMCreate.
    async fn autofill_fee(&self, tx: &Map<String, Value>) -> Result<u64, TransportError> {
        let fee = self.transport.call("fee", json!({})).await?;
        let drops = |p: &str| {
            fee.pointer(p).and_then(|v| {
                v.as_str()
                    .and_then(|s| s.parse::<u64>().ok())
                    .or(v.as_u64())
            })
        };
        let base = drops("/drops/base_fee").unwrap_or(10);
        let open = drops("/drops/open_ledger_fee")
            .unwrap_or(base)
            .min(MAX_FEE_DROPS);
        let kind = tx
            .get("TransactionType")
            .and_then(Value::as_str)
            .unwrap_or("");
        Ok(match kind {
            "EscrowFinish" => match tx.get("Fulfillment").and_then(Value::as_str) {
                Some(f) => {
                    let bytes = (f.len() / 2) as u64;
                    open * (33 + bytes.div_ceil(16))
                }
                None => open,
            },
            "AccountDelete" | "AMMCreate" => {
                let state = self.transport.call("server_state", json!({})).await?;
                state
                    .pointer("/state/validated_ledger/reserve_inc")
                    .and_then(Value::as_u64)
                    .unwrap_or(200_000)
            }
            _ => open,
        })
    }

    /// The index of the latest validated ledger.
    pub async fn validated_ledger_index(&self) -> Result<u64, TransportError> {
        let ledger = self
            .transport
            .call("ledger", json!({ "ledger_index": "validated" }))
            .await?;
        ledger
            .get("ledger_index")
            .and_then(|v| {
                v.as_u64()
                    .or_else(|| v.as_str().and_then(|s| s.parse().ok()))
            })
            .ok_or_else(|| TransportError::Protocol("ledger reply without ledger_index".into()))
    }

    /// An account's root object in the current ledger, or `None` when it does not exist.
    pub async fn account_root(&self, address: &str) -> Result<Option<Value>, TransportError> {
        match self
            .transport
            .call(
                "account_info",
                json!({ "account": address, "ledger_index": "current" }),
            )
            .await
        {
            Ok(info) => Ok(info.get("account_data").cloned()),
            Err(TransportError::Rpc { error, .. }) if error == "actNotFound" => Ok(None),
            Err(e) => Err(e),
        }
    }

    /// An account's XRP balance in drops (0 when the account does not exist).
    pub async fn balance_drops(&self, address: &str) -> Result<u64, TransportError> {
        Ok(self
            .account_root(address)
            .await?
            .and_then(|root| root.get("Balance")?.as_str()?.parse().ok())
            .unwrap_or(0))
    }

    /// Reads a transaction back (API v2 `tx_json` or v1 top-level fields).
    pub async fn fetch_tx(&self, txid: &str) -> Result<Value, TransportError> {
        let mut found = self
            .transport
            .call("tx", json!({ "transaction": txid, "binary": false }))
            .await?;
        if let Some(Value::Object(tx_json)) = found.get("tx_json").cloned() {
            // API v2: fold the transaction fields up so readers see one shape.
            if let Value::Object(map) = &mut found {
                for (k, v) in tx_json {
                    map.entry(k).or_insert(v);
                }
            }
        }
        if let Value::Object(map) = &mut found {
            if !map.contains_key("Amount") {
                if let Some(deliver_max) = map.get("DeliverMax").cloned() {
                    map.insert("Amount".into(), deliver_max);
                }
            }
        }
        Ok(found)
    }
}

fn fee_of(tx_json: &Value) -> String {
    tx_json
        .get("Fee")
        .and_then(Value::as_str)
        .unwrap_or("0")
        .to_string()
}
