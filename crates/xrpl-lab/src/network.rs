//! Which XRPL network an endpoint URL points at, where its transactions can be looked up, and
//! the guard that keeps the lab off mainnet. The one home of this knowledge: the transport signs
//! by it, artifacts compute explorer links by it, status and doctor report by it.
//!
//! The lab is a training tool: its wallets keep seeds in plain files, so it must never sign for
//! mainnet. The guard classifies the *host* of the configured URL (userinfo ignored, suffix
//! spoofing such as `altnet.rippletest.net.evil.com` not fooled) and refuses anything that is not
//! Testnet, Devnet or a local ledger — before any key is touched.

use std::fmt;

/// The network an endpoint belongs to, as far as its host name tells.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Network {
    /// The built-in sandbox ledger (`--dry-run`).
    DryRun,
    Testnet,
    Devnet,
    /// A ledger on this machine (`localhost`, `127.0.0.1`, `::1`, `0.0.0.0`), e.g. `xrpl-lab ledger serve`.
    Local,
    Mainnet,
    Unknown,
}

impl Network {
    /// The label the original uses in state, packs and `/api/status`.
    pub fn as_str(self) -> &'static str {
        match self {
            Network::DryRun => "dry-run",
            Network::Testnet => "testnet",
            Network::Devnet => "devnet",
            Network::Local => "local",
            Network::Mainnet => "mainnet",
            Network::Unknown => "unknown",
        }
    }

    /// Networks the lab may sign for.
    pub fn is_safe(self) -> bool {
        matches!(
            self,
            Network::DryRun | Network::Testnet | Network::Devnet | Network::Local
        )
    }

    /// The public explorer page of a transaction, where one exists.
    pub fn explorer_url(self, txid: &str) -> String {
        if txid.is_empty() {
            return String::new();
        }
        match self {
            Network::Testnet => format!("https://testnet.xrpl.org/transactions/{txid}"),
            Network::Devnet => format!("https://devnet.xrpl.org/transactions/{txid}"),
            _ => String::new(),
        }
    }
}

impl fmt::Display for Network {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Network {
    /// The network named by a label as state and packs record it (`testnet`, `dry-run`, …).
    pub fn from_label(label: &str) -> Option<Network> {
        [
            Network::DryRun,
            Network::Testnet,
            Network::Devnet,
            Network::Local,
            Network::Mainnet,
            Network::Unknown,
        ]
        .into_iter()
        .find(|n| n.as_str() == label)
    }
}

/// The explorer page of `txid` on the network a state or pack row names, `""` where none exists.
pub fn explorer_url(network_label: &str, txid: &str) -> String {
    Network::from_label(network_label).map_or_else(String::new, |n| n.explorer_url(txid))
}

/// The default public Testnet JSON-RPC endpoint (`XRPL_LAB_RPC_URL` overrides it).
pub const DEFAULT_RPC_URL: &str = "https://s.altnet.rippletest.net:51234";
/// The default Testnet faucet (`XRPL_LAB_FAUCET_URL` overrides it).
pub const DEFAULT_FAUCET_URL: &str = "https://faucet.altnet.rippletest.net/accounts";
/// The environment variable that points the lab at another JSON-RPC endpoint.
pub const RPC_URL_ENV: &str = "XRPL_LAB_RPC_URL";
/// The environment variable that points the lab at another faucet.
pub const FAUCET_URL_ENV: &str = "XRPL_LAB_FAUCET_URL";

/// The JSON-RPC endpoint in use: the override when set and non-empty, else the default.
pub fn rpc_url_from_env() -> String {
    env_or(RPC_URL_ENV, DEFAULT_RPC_URL)
}

/// The faucet in use: the override when set and non-empty, else the default.
pub fn faucet_url_from_env() -> String {
    env_or(FAUCET_URL_ENV, DEFAULT_FAUCET_URL)
}

fn env_or(var: &str, default: &str) -> String {
    std::env::var(var)
        .ok()
        .filter(|v| !v.is_empty())
        .unwrap_or_else(|| default.to_string())
}

/// Classifies an endpoint URL by its host.
pub fn classify_network(url: &str) -> Network {
    let Some(host) = host_of(url) else {
        return Network::Unknown;
    };
    let host = host.to_ascii_lowercase();
    let under = |domain: &str| host == domain || host.ends_with(&format!(".{domain}"));
    match host.as_str() {
        "localhost" | "127.0.0.1" | "::1" | "0.0.0.0" => Network::Local,
        _ if under("altnet.rippletest.net") => Network::Testnet,
        _ if under("devnet.rippletest.net") => Network::Devnet,
        "s1.ripple.com" | "s2.ripple.com" | "s.ripple.com" | "xrplcluster.com" | "xrpl.ws" => {
            Network::Mainnet
        }
        _ if under("ripple.com") => Network::Mainnet,
        _ => Network::Unknown,
    }
}

/// The host of an `http(s)://` or `ws(s)://` URL, without userinfo, port or IPv6 brackets.
fn host_of(url: &str) -> Option<&str> {
    let rest = url.split_once("://")?.1;
    let authority = rest.split(['/', '?', '#']).next()?;
    let host_port = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    let host = if let Some(v6) = host_port.strip_prefix('[') {
        v6.split_once(']')?.0
    } else {
        host_port.split(':').next()?
    };
    (!host.is_empty()).then_some(host)
}

/// Refuses to sign or submit for an endpoint that is not Testnet, Devnet or local.
pub fn guard(url: &str) -> Result<Network, crate::lab_error::LabError> {
    let network = classify_network(url);
    if network.is_safe() {
        Ok(network)
    } else {
        Err(crate::lab_error::LabError::new(
            "CONFIG_NON_TESTNET",
            format!(
                "Refusing to submit: XRPL_LAB_RPC_URL points at a '{network}' endpoint. XRPL Lab is testnet-only: its wallets keep seeds in plain files."
            ),
            "Unset XRPL_LAB_RPC_URL to use the public Testnet, point it at Devnet or a local ledger, or run with --dry-run.",
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hosts_classify_as_the_original_does() {
        let cases = [
            ("https://s.altnet.rippletest.net:51234", Network::Testnet),
            ("https://altnet.rippletest.net", Network::Testnet),
            ("https://s.devnet.rippletest.net:51234", Network::Devnet),
            ("http://localhost:5005", Network::Local),
            ("http://127.0.0.1:5005/", Network::Local),
            ("http://[::1]:5005", Network::Local),
            ("http://0.0.0.0:5005", Network::Local),
            ("https://s1.ripple.com:51234", Network::Mainnet),
            ("https://xrplcluster.com", Network::Mainnet),
            ("wss://xrpl.ws", Network::Mainnet),
            ("https://anything.ripple.com", Network::Mainnet),
            ("https://user:pass@s1.ripple.com", Network::Mainnet),
            ("https://altnet.rippletest.net.evil.com", Network::Unknown),
            ("https://evilaltnet.rippletest.net", Network::Unknown),
            ("not a url", Network::Unknown),
            ("https://", Network::Unknown),
        ];
        for (url, expected) in cases {
            assert_eq!(classify_network(url), expected, "{url}");
        }
    }

    #[test]
    fn guard_refuses_mainnet_and_unknown_before_anything_else() {
        assert!(guard("https://s.altnet.rippletest.net:51234").is_ok());
        assert!(guard("http://127.0.0.1:1").is_ok());
        let err = guard("https://s1.ripple.com").unwrap_err();
        assert_eq!(err.code, "CONFIG_NON_TESTNET");
        assert!(err.message.contains("mainnet"));
        assert!(err.hint.contains("--dry-run"));
        assert_eq!(
            guard("https://example.com").unwrap_err().code,
            "CONFIG_NON_TESTNET"
        );
    }

    #[test]
    fn explorer_urls_exist_only_for_public_test_networks() {
        assert_eq!(
            Network::Testnet.explorer_url("AB"),
            "https://testnet.xrpl.org/transactions/AB"
        );
        assert_eq!(
            Network::Devnet.explorer_url("AB"),
            "https://devnet.xrpl.org/transactions/AB"
        );
        assert_eq!(Network::DryRun.explorer_url("AB"), "");
        assert_eq!(Network::Testnet.explorer_url(""), "");
        assert_eq!(
            explorer_url("devnet", "AB"),
            "https://devnet.xrpl.org/transactions/AB"
        );
        assert_eq!(explorer_url("local", "AB"), "");
        assert_eq!(explorer_url("nonsense", "AB"), "");
    }
}
