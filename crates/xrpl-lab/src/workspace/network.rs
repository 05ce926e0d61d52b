//! Which network a URL or a transaction belongs to, and where a learner can look a txid up.
//!
//! Artifacts recompute explorer links from each transaction's recorded network (never trusting a
//! stored link), and status reports the configured endpoint's network.

/// Default public Testnet JSON-RPC endpoint (`XRPL_LAB_RPC_URL` overrides).
pub const DEFAULT_RPC_URL: &str = "https://s.altnet.rippletest.net:51234";
/// Default Testnet faucet (`XRPL_LAB_FAUCET_URL` overrides).
pub const DEFAULT_FAUCET_URL: &str = "https://faucet.altnet.rippletest.net/accounts";
pub const RPC_URL_ENV: &str = "XRPL_LAB_RPC_URL";
pub const FAUCET_URL_ENV: &str = "XRPL_LAB_FAUCET_URL";

/// The endpoint in use: the override when set and non-empty, else the default.
pub fn rpc_url_from_env() -> String {
    std::env::var(RPC_URL_ENV)
        .ok()
        .filter(|v| !v.is_empty())
        .unwrap_or_else(|| DEFAULT_RPC_URL.to_string())
}

pub fn faucet_url_from_env() -> String {
    std::env::var(FAUCET_URL_ENV)
        .ok()
        .filter(|v| !v.is_empty())
        .unwrap_or_else(|| DEFAULT_FAUCET_URL.to_string())
}

/// `local`, `testnet`, `devnet`, `mainnet` or `unknown`, by the URL's host.
pub fn classify_url(url: &str) -> &'static str {
    let Some(host) = host_of(url) else {
        return "unknown";
    };
    let host = host.to_ascii_lowercase();
    let under = |domain: &str| host == domain || host.ends_with(&format!(".{domain}"));
    match host.as_str() {
        "localhost" | "127.0.0.1" | "::1" | "0.0.0.0" => "local",
        _ if under("altnet.rippletest.net") => "testnet",
        _ if under("devnet.rippletest.net") => "devnet",
        "xrplcluster.com" | "xrpl.ws" => "mainnet",
        _ if under("ripple.com") => "mainnet",
        _ => "unknown",
    }
}

fn host_of(url: &str) -> Option<&str> {
    let (_, rest) = url.split_once("://")?;
    let authority = rest.split(['/', '?', '#']).next()?;
    let authority = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    let host = if let Some(v6) = authority.strip_prefix('[') {
        v6.split(']').next()?
    } else {
        authority.split(':').next()?
    };
    (!host.is_empty()).then_some(host)
}

/// `https://{testnet|devnet}.xrpl.org/transactions/{txid}`, or `""` for any other network.
pub fn explorer_url(network: &str, txid: &str) -> String {
    match network {
        "testnet" => format!("https://testnet.xrpl.org/transactions/{txid}"),
        "devnet" => format!("https://devnet.xrpl.org/transactions/{txid}"),
        _ => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classification_by_host() {
        let cases = [
            ("https://s.altnet.rippletest.net:51234", "testnet"),
            ("https://s.devnet.rippletest.net:51234", "devnet"),
            ("http://127.0.0.1:5005", "local"),
            ("http://[::1]:5005", "local"),
            ("https://s1.ripple.com:51234", "mainnet"),
            ("wss://xrplcluster.com", "mainnet"),
            ("https://custom.rpc.example", "unknown"),
            ("not a url", "unknown"),
        ];
        for (url, want) in cases {
            assert_eq!(classify_url(url), want, "{url}");
        }
    }

    #[test]
    fn explorer_links_only_for_public_test_networks() {
        assert_eq!(
            explorer_url("devnet", "AB"),
            "https://devnet.xrpl.org/transactions/AB"
        );
        assert_eq!(explorer_url("dry-run", "AB"), "");
    }
}
