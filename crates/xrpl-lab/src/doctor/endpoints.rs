//! The doctor's checks of where the lab would send transactions: the environment overrides
//! (a mainnet or unknown endpoint is a failure, before anything is contacted for real work), the
//! RPC endpoint (`server_info` through the real [`Transport`]) and the faucet's host.

use serde_json::json;

use super::{Check, NETWORK_TIMEOUT};
use crate::transport::rpc::RpcTransport;
use crate::transport::{Transport, classify_network};

/// A URL as the doctor shows it: any `user:password@` replaced by `***@`, since doctor output
/// lands in `doctor.log`, the API and pasted support messages.
pub fn shown_url(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_string();
    };
    let authority_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    match rest[..authority_end].rfind('@') {
        Some(at) => format!("{scheme}://***@{}", &rest[at + 1..]),
        None => url.to_string(),
    }
}

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
            urls.push(format!("{label}: {}", shown_url(url)));
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
    let transport_url = url;
    let url = shown_url(url);
    let transport = Transport::Rpc(RpcTransport::new(transport_url, String::new()));
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
    let shown = shown_url(&root);
    let client = match reqwest::Client::builder().timeout(NETWORK_TIMEOUT).build() {
        Ok(c) => c,
        Err(e) => return Check::fail(NAME, format!("No HTTP client ({e})"), hint),
    };
    match client.get(&root).send().await {
        Ok(response) => Check::pass(
            NAME,
            format!("Reachable: {shown} (HTTP {})", response.status().as_u16()),
        ),
        Err(e) if e.is_timeout() => Check::fail(NAME, format!("Timeout reaching {shown}"), hint),
        Err(e) if e.is_builder() => Check::fail(NAME, format!("Not a valid URL: {shown}"), hint),
        Err(_) => Check::fail(NAME, format!("Unreachable: {shown}"), hint),
    }
}

#[cfg(test)]
mod tests {
    use super::shown_url;

    #[test]
    fn credentials_in_a_url_are_never_shown() {
        assert_eq!(
            shown_url("https://user:pw@s.altnet.rippletest.net:51234/a@b"),
            "https://***@s.altnet.rippletest.net:51234/a@b"
        );
        assert_eq!(
            shown_url("http://127.0.0.1:5005/"),
            "http://127.0.0.1:5005/"
        );
        assert_eq!(shown_url("not a url"), "not a url");
    }
}
