//! Small helpers every action family needs: reading arguments with their defaults, turning a
//! seed into a [`Wallet`], XRP and token amounts in wire form, memos, and ledger reads.

use serde_json::{Value, json};
use xrpl_proto::keys::KeyPair;
use xrpl_proto::seed::{Algorithm, Seed};

use crate::curriculum::module::Args;
use crate::lab_error::LabError;
use crate::runner::context::Wallet;
use crate::transport::LedgerClient;

/// An argument's value, or its default when the directive leaves it out or empty.
pub fn arg<'a>(args: &'a Args, key: &str, default: &'a str) -> &'a str {
    match args.get(key) {
        Some(v) if !v.is_empty() => v,
        _ => default,
    }
}

/// A wallet from a family seed (`s…` or `sEd…`).
pub fn wallet_from_seed(seed: &str) -> Result<Wallet, LabError> {
    let seed = Seed::decode(seed).map_err(|e| {
        LabError::new(
            "STATE_WALLET_INVALID",
            format!("The wallet file holds a seed that cannot be read: {e}."),
            "Create a new wallet with: xrpl-lab wallet create",
        )
    })?;
    wallet_from(&seed)
}

/// A brand-new ed25519 wallet from OS randomness, as the original creates them.
pub fn new_wallet() -> Result<(Wallet, String), LabError> {
    let seed = Seed::generate(Algorithm::Ed25519).map_err(|_| {
        LabError::new(
            "DEP_RANDOMNESS",
            "The operating system's random number generator is unavailable.",
            "This is a machine problem; run 'xrpl-lab doctor'.",
        )
    })?;
    let wallet = wallet_from(&seed)?;
    Ok((wallet, seed.encode()))
}

fn wallet_from(seed: &Seed) -> Result<Wallet, LabError> {
    let keys = KeyPair::from_seed(seed).map_err(|e| {
        LabError::new(
            "STATE_WALLET_INVALID",
            format!("No key pair can be derived from the wallet's seed: {e}."),
            "Create a new wallet with: xrpl-lab wallet create",
        )
    })?;
    let address = keys.account_id().to_classic();
    Ok(Wallet { address, keys })
}

/// An XRP amount given in XRP (decimal text) as a drops string for the wire.
pub fn xrp_to_drops(xrp: &str) -> Result<String, LabError> {
    xrpl_proto::amount::Drops::from_xrp_str(xrp.trim())
        .ok()
        .filter(|drops| !drops.is_negative())
        .map(|drops| drops.get().to_string())
        .ok_or(())
        .map_err(|()| {
            LabError::new(
                "INPUT_INVALID_AMOUNT",
                format!("'{xrp}' is not a valid XRP amount."),
                "Use a decimal number of XRP with at most 6 decimal places, e.g. 10 or 0.5.",
            )
        })
}

/// Drops as XRP with six decimals, the way receipts print balances.
pub fn drops_to_xrp_text(drops: u64) -> String {
    format!("{}.{:06}", drops / 1_000_000, drops % 1_000_000)
}

/// An amount of `currency`: XRP (in XRP units) becomes drops, anything else an issued amount.
pub fn amount(currency: &str, value: &str, issuer: &str) -> Result<Value, LabError> {
    if currency.eq_ignore_ascii_case("XRP") {
        Ok(Value::String(xrp_to_drops(value)?))
    } else {
        Ok(json!({ "currency": wire_currency(currency), "issuer": issuer, "value": value }))
    }
}

/// A currency code as the ledger takes it: three-character ISO-style codes as they are, longer
/// names (`HYGIENE`) as the 40-hex non-standard form (ASCII, zero-padded), as xrpl.js does.
pub fn wire_currency(code: &str) -> String {
    if code.len() == 3 || (code.len() == 40 && code.bytes().all(|b| b.is_ascii_hexdigit())) {
        code.to_string()
    } else {
        let mut bytes = code.as_bytes().to_vec();
        bytes.resize(20, 0);
        hex::encode_upper(bytes)
    }
}

/// A text memo in the wire form (hex of UTF-8), with `{timestamp}` replaced by Unix seconds.
pub fn memo(text: &str) -> Value {
    let now = crate::workspace::clock::now_ts() as u64;
    let text = text.replace("{timestamp}", &now.to_string());
    json!({ "Memo": {
        "MemoData": hex::encode_upper(text.as_bytes()),
        "MemoType": hex::encode_upper("text/plain"),
    }})
}

/// The trust lines of `address` (rippled's `account_lines`), empty when the account is absent.
pub async fn trust_lines(client: &LedgerClient<'_>, address: &str) -> Vec<Value> {
    match client
        .transport()
        .call(
            "account_lines",
            json!({ "account": address, "ledger_index": "validated" }),
        )
        .await
    {
        Ok(reply) => reply
            .get("lines")
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default(),
        Err(_) => Vec::new(),
    }
}

/// The trust line of `address` in `currency` (with `peer`, when given).
pub async fn find_line(
    client: &LedgerClient<'_>,
    address: &str,
    currency: &str,
    peer: Option<&str>,
) -> Option<Value> {
    let currency = wire_currency(currency);
    trust_lines(client, address).await.into_iter().find(|line| {
        line.get("currency").and_then(Value::as_str) == Some(currency.as_str())
            && peer.is_none_or(|p| line.get("account").and_then(Value::as_str) == Some(p))
    })
}

/// Text of a JSON field, `""` when absent.
pub fn text<'v>(value: &'v Value, key: &str) -> &'v str {
    value.get(key).and_then(Value::as_str).unwrap_or("")
}

/// What a result code means, in three lines (category, meaning, what to do), for the codes
/// the curriculum provokes on purpose; a generic reading by prefix otherwise.
pub fn explain_result_code(code: &str) -> [String; 3] {
    let (meaning, action) = match code {
        "tecUNFUNDED_PAYMENT" => (
            "The sender does not have enough XRP above its reserve to send this amount.",
            "Send less, or fund the account; remember the base reserve is locked.",
        ),
        "tecNO_LINE" | "tecPATH_DRY" => (
            "No trust line (or no path with liquidity) connects sender and receiver for this currency.",
            "The receiver must set a trust line to the issuer (TrustSet) before it can hold the token.",
        ),
        "tecNO_LINE_INSUF_RESERVE" => (
            "Creating the trust line would take the account below its owner reserve.",
            "Fund the account: each trust line adds the owner reserve (0.2 XRP).",
        ),
        "tecNO_PERMISSION" => (
            "The account is not allowed to do this (a flag or role forbids it).",
            "Check which account must sign, and which flags the issuer set.",
        ),
        "tecNO_ENTRY" | "tecOBJECT_NOT_FOUND" => (
            "The ledger object this transaction refers to does not exist.",
            "Check the id or sequence you referenced; it may already be gone.",
        ),
        "tecFROZEN" => (
            "The trust line or the issuer is frozen; the token cannot move.",
            "The issuer must clear the freeze before the holder can transfer.",
        ),
        _ => (
            "See the XRPL documentation for this result code.",
            "Read the code's prefix: tem malformed, tef/ter not applied, tec applied with a fee only.",
        ),
    };
    let category = match code.get(..3) {
        Some("tes") => "Success",
        Some("tec") => "Claimed fee only: the transaction was included but did not do its work",
        Some("tem") => "Malformed: the transaction is invalid and was not applied",
        Some("tef") => "Failed: not applied, and can never succeed as signed",
        Some("ter") => "Retry: not applied yet; may succeed later",
        Some("tel") => "Local: rejected by the server before relaying",
        _ => "Unknown",
    };
    [
        format!("Category: {category}"),
        format!("Meaning: {meaning}"),
        format!("Action: {action}"),
    ]
}
