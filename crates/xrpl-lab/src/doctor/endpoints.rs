//! The doctor's checks of where the lab would send transactions: the environment overrides
//! (a mainnet or unknown endpoint is a failure, before anything is contacted for real work), the
//! RPC endpoint (`server_info` through the real [`Transport`]) and the faucet's host.

use serde_json::json;

use super::{Check, NETWORK_TIMEOUT};
use crate::transport::rpc::RpcTransport;
use crate::transport::{Transport, classify_network};

/// Check 4, `Env overrides`: which endpoints are overridden, and whether they are networks the lab
/// may sign for.
pub fn env_check(rpc: Option<&str>, faucet: Option<&str>) -> Check {
    const NAME: &str = "Env overrides";
    if rpc.is_none() && faucet.is_none() {
        return Check::pass(NAME, "None (using defaults)");
    }
    let mut urls = Vec::new();
    let mut nets = Vec::new();
    let mut safe = true;
    for (label, lower, url) in [("RPC", "RPC", rpc), ("Faucet", "faucet", faucet)] {
        if let Some(url) = url {
            let net = classify_network(url);
            safe &= net.is_safe();
            urls.push(format!("{label}: {url}"));
            nets.push(format!("{lower}: {net}"));
        }
    }
    let detail = format!("{}  [{}]", urls.join("; "), nets.join(", "));
    if safe {
        Check::pass(NAME, detail)
    } else {
        Check::fail(
            NAME,
            detail,
            "XRPL Lab is testnet-only: unset the override, or point it at Testnet, Devnet or a local ledger",
        )
    }
}

/// Check 5, `RPC endpoint`: `server_info` answers within [`NETWORK_TIMEOUT`].
pub async fn rpc_check(url: &str) -> Check {
    const NAME: &str = "RPC endpoint";
    let hint = "Check XRPL_LAB_RPC_URL and your connection, or practise offline with --dry-run";
    let transport = Transport::Rpc(RpcTransport::new(url, String::new()));
    match tokio::time::timeout(NETWORK_TIMEOUT, transport.call("server_info", json!({}))).await {
        Err(_) => Check::fail(NAME, format!("Timeout connecting to {url}"), hint),
        Ok(Err(e)) if e.is_transient() => {
            Check::fail(NAME, format!("Not connected: {url} ({e})"), hint)
        }
        Ok(Err(e)) => Check::fail(
            NAME,
            format!("Could not reach the RPC endpoint ({e})"),
            hint,
        ),
        Ok(Ok(info)) => {
            let seq = info
                .pointer("/info/validated_ledger/seq")
                .and_then(serde_json::Value::as_u64);
            match seq {
                Some(seq) => Check::pass(NAME, format!("Connected to {url} (ledger {seq})")),
                None => Check::fail(
                    NAME,
                    format!("Not connected: {url} (no validated ledger)"),
                    hint,
                ),
            }
        }
    }
}

/// Check 6, `Faucet`: the faucet's host answers HTTP at all (any status) within [`NETWORK_TIMEOUT`].
/// Only reachability: asking the faucet for XRP here would spend its rate limit.
pub async fn faucet_check(faucet_url: &str) -> Check {
    const NAME: &str = "Faucet";
    let hint = "Check XRPL_LAB_FAUCET_URL and your connection; --dry-run needs no faucet";
    let root = faucet_url.replace("/accounts", "");
    let client = match reqwest::Client::builder().timeout(NETWORK_TIMEOUT).build() {
        Ok(c) => c,
        Err(e) => return Check::fail(NAME, format!("No HTTP client ({e})"), hint),
    };
    match client.get(&root).send().await {
        Ok(response) => Check::pass(
            NAME,
            format!("Reachable: {root} (HTTP {})", response.status().as_u16()),
        ),
        Err(e) if e.is_timeout() => Check::fail(NAME, format!("Timeout reaching {root}"), hint),
        Err(e) if e.is_builder() => Check::fail(NAME, format!("Not a valid URL: {root}"), hint),
        Err(_) => Check::fail(NAME, format!("Unreachable: {root}"), hint),
    }
}
