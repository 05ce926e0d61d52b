//! JSON-RPC over HTTP(S) to a rippled node, and the Testnet faucet.
//!
//! One `reqwest` client per transport, so calls reuse connections (the original opened a fresh
//! HTTP client for every call). Requests carry `api_version: 2`; replies are read from `result`,
//! and a `result.status == "error"` becomes [`TransportError::Rpc`] with rippled's error token.

use std::time::Duration;

use serde_json::{Value, json};

use super::{FundResult, TransportError};
use crate::lab_error::LabError;
use crate::network::{Network, classify_network, faucet_url_from_env, rpc_url_from_env};

/// Time allowed for one JSON-RPC call.
const RPC_TIMEOUT: Duration = Duration::from_secs(30);
/// Time allowed for one faucet request.
const FAUCET_TIMEOUT: Duration = Duration::from_secs(30);

/// A rippled node reached over JSON-RPC.
pub struct RpcTransport {
    http: reqwest::Client,
    rpc_url: String,
    faucet_url: String,
    network: Network,
}

impl RpcTransport {
    /// A transport for the given endpoints. Classifies the RPC URL once; signing is refused
    /// later (in the client) when it is not a network the lab may use.
    pub fn new(rpc_url: impl Into<String>, faucet_url: impl Into<String>) -> Self {
        let rpc_url = rpc_url.into();
        let network = classify_network(&rpc_url);
        let http = reqwest::Client::builder()
            .timeout(RPC_TIMEOUT)
            .build()
            .unwrap_or_else(|_| reqwest::Client::new());
        Self {
            http,
            rpc_url,
            faucet_url: faucet_url.into(),
            network,
        }
    }

    /// A transport from `XRPL_LAB_RPC_URL` / `XRPL_LAB_FAUCET_URL`, defaulting to the public Testnet.
    pub fn from_env() -> Self {
        Self::new(rpc_url_from_env(), faucet_url_from_env())
    }

    pub fn network(&self) -> Network {
        self.network
    }

    pub fn rpc_url(&self) -> &str {
        &self.rpc_url
    }

    pub async fn call(&self, method: &str, mut params: Value) -> Result<Value, TransportError> {
        if let Value::Object(map) = &mut params {
            map.entry("api_version").or_insert(json!(2));
        }
        let body = json!({ "method": method, "params": [params] });
        let reply = self
            .http
            .post(&self.rpc_url)
            .json(&body)
            .send()
            .await
            .map_err(classify_reqwest)?;
        let reply: Value = reply
            .json()
            .await
            .map_err(|e| TransportError::Protocol(e.to_string()))?;
        read_result(reply)
    }

    /// POSTs `{"destination": address}` to the faucet, after checking both hosts are safe: an
    /// address is never sent to a mainnet or unknown faucet.
    pub async fn fund(&self, address: &str) -> Result<FundResult, TransportError> {
        if !self.network.is_safe() || !classify_network(&self.faucet_url).is_safe() {
            return Err(TransportError::Refused(LabError::new(
                "CONFIG_NON_TESTNET",
                "Refusing to use a faucet or ledger that is not Testnet, Devnet or local.",
                "Unset XRPL_LAB_RPC_URL and XRPL_LAB_FAUCET_URL, or run with --dry-run.",
            )));
        }
        let reply = self
            .http
            .post(&self.faucet_url)
            .timeout(FAUCET_TIMEOUT)
            .json(&json!({ "destination": address }))
            .send()
            .await
            .map_err(classify_reqwest)?;
        let status = reply.status();
        if status.as_u16() == 429 {
            return Err(TransportError::Faucet(LabError::new(
                "RUNTIME_FAUCET_RATE_LIMITED",
                "Faucet rate-limited (HTTP 429).",
                "The testnet faucet caps funding requests to keep test XRP available for everyone. Wait at least 60 seconds before retrying, or use --dry-run to practice this module offline without needing a funded testnet wallet.",
            )));
        }
        if !status.is_success() {
            return Err(TransportError::Faucet(LabError::new(
                "RUNTIME_FAUCET_DEGRADED",
                format!("The faucet answered HTTP {}.", status.as_u16()),
                "Wait a few minutes and retry, or use --dry-run.",
            )));
        }
        let data: Value = reply.json().await.map_err(|_| {
            TransportError::Faucet(LabError::new(
                "RUNTIME_FAUCET_DEGRADED",
                "The faucet answered with something that is not JSON.",
                "Wait a few minutes and retry, or use --dry-run.",
            ))
        })?;
        Ok(FundResult {
            address: address.to_string(),
            balance: balance_text(&data),
        })
    }
}

/// The faucet's balance field, as text whatever its JSON type.
fn balance_text(data: &Value) -> String {
    match data.get("balance") {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Number(n)) => n.to_string(),
        _ => String::new(),
    }
}

/// Unwraps rippled's reply envelope: `{"result": {..., "status": "success"|"error"}}`.
pub(crate) fn read_result(reply: Value) -> Result<Value, TransportError> {
    let Some(result) = reply.get("result") else {
        return Err(TransportError::Protocol("reply has no `result`".into()));
    };
    if result.get("status").and_then(Value::as_str) == Some("error")
        || result.get("error").is_some()
    {
        let error = result
            .get("error")
            .and_then(Value::as_str)
            .unwrap_or("unknown")
            .to_string();
        let message = result
            .get("error_message")
            .or_else(|| result.get("error_exception"))
            .and_then(Value::as_str)
            .unwrap_or(&error)
            .to_string();
        return Err(TransportError::Rpc { error, message });
    }
    Ok(result.clone())
}

fn classify_reqwest(e: reqwest::Error) -> TransportError {
    if e.is_timeout() {
        TransportError::Timeout
    } else if e.is_connect() || e.is_request() {
        TransportError::Unreachable
    } else {
        TransportError::Protocol(e.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_in_the_envelope_become_rpc_errors() {
        let ok = read_result(json!({"result": {"status": "success", "ledger_index": 5}})).unwrap();
        assert_eq!(ok["ledger_index"], 5);
        let err = read_result(json!({"result": {"status": "error", "error": "actNotFound", "error_message": "Account not found."}}))
            .unwrap_err();
        assert_eq!(err.rpc_error(), Some("actNotFound"));
        assert!(matches!(
            read_result(json!({"nope": 1})),
            Err(TransportError::Protocol(_))
        ));
    }
}
