//! How `serve` is configured: the CLI flags (and `XRPL_LAB_TOKEN`) gathered into one value, plus
//! the two decisions that follow from the bind address — is it loopback, and therefore is a token
//! required before we agree to listen.
//!
//! The knobs that only tests and benchmarks turn (keepalive interval, event-log capacity) live
//! here too, with the production defaults, so nothing in the server hard-codes a timing.

use std::net::IpAddr;
use std::path::PathBuf;
use std::time::Duration;

/// Everything the server needs to know before it binds.
#[derive(Debug, Clone)]
pub struct ServeConfig {
    /// Bind address as given (`127.0.0.1`, `localhost`, `::1`, `0.0.0.0`, a LAN IP…).
    pub host: String,
    /// TCP port; 0 asks the OS for a free one (tests).
    pub port: u16,
    /// App-wide default for runs whose start request does not say `dry_run`.
    pub dry_run: bool,
    /// How many runs may be `running` at once; the rest get 429 `RATE_LIMIT_RUNS`.
    pub max_concurrent: usize,
    /// How long a finished run stays listed before it is pruned.
    pub run_grace: Duration,
    /// Pause before each step of a run (holds runs open in tests and demos).
    pub step_delay: Duration,
    /// Bearer token every `/api` call and WebSocket must present, when set.
    pub token: Option<String>,
    /// Extra module directories (add to or override the bundled modules; later dirs win).
    pub modules_dirs: Vec<PathBuf>,
    /// The learner's private home (state, wallet); `None` = `XRPL_LAB_HOME` or `~/.xrpl-lab`.
    pub home_dir: Option<PathBuf>,
    /// The learner's workspace (reports, proofs); `None` = `./.xrpl-lab`, shown relative.
    pub workspace_dir: Option<PathBuf>,
    /// The JSON-RPC endpoint and faucet the doctor checks; `None` = `XRPL_LAB_RPC_URL` /
    /// `XRPL_LAB_FAUCET_URL` (the public Testnet by default). Tests point them at loopback.
    pub doctor_endpoints: Option<(String, String)>,
    /// Longest a run may take; past it the run fails with `RUNTIME_TIMEOUT` and frees its slot.
    pub run_timeout: Duration,
    /// Idle time after which an attached WebSocket receives `{"type":"ping"}`.
    pub ws_ping_interval: Duration,
    /// Frames kept per run; past it the oldest non-terminal frames are dropped.
    pub event_log_capacity: usize,
    /// Largest request body accepted (POST /api/verify); larger bodies get 413.
    pub body_limit: usize,
    /// Timings the dashboard pages run with (tests shorten them).
    pub ui: super::assets::UiConfig,
}

/// Default TCP port of the API (the original's).
pub const DEFAULT_PORT: u16 = 8321;
/// Default cap on simultaneous running runs (the seed's figure).
pub const DEFAULT_MAX_CONCURRENT: usize = 8;
/// Default grace window before a finished run is pruned.
pub const DEFAULT_RUN_GRACE: Duration = Duration::from_secs(60);
/// The original's run window: a wedged testnet round-trip must not hold a slot forever.
pub const DEFAULT_RUN_TIMEOUT: Duration = Duration::from_secs(300);
/// Keepalive interval of the original's WebSocket loop.
pub const DEFAULT_WS_PING_INTERVAL: Duration = Duration::from_secs(30);
/// Frames retained per run (the original's queue bound).
pub const DEFAULT_EVENT_LOG_CAPACITY: usize = 1024;
/// A proof pack of every module is a few hundred KiB; 2 MiB leaves room and stops abuse.
pub const DEFAULT_BODY_LIMIT: usize = 2 * 1024 * 1024;

impl Default for ServeConfig {
    fn default() -> Self {
        Self {
            host: "127.0.0.1".to_string(),
            port: DEFAULT_PORT,
            dry_run: false,
            max_concurrent: DEFAULT_MAX_CONCURRENT,
            run_grace: DEFAULT_RUN_GRACE,
            step_delay: Duration::ZERO,
            token: None,
            modules_dirs: Vec::new(),
            home_dir: None,
            workspace_dir: None,
            doctor_endpoints: None,
            run_timeout: DEFAULT_RUN_TIMEOUT,
            ws_ping_interval: DEFAULT_WS_PING_INTERVAL,
            event_log_capacity: DEFAULT_EVENT_LOG_CAPACITY,
            body_limit: DEFAULT_BODY_LIMIT,
            ui: super::assets::UiConfig::default(),
        }
    }
}

/// Why a configuration cannot be served.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ConfigError {
    #[error(
        "refusing to bind to {host}: it is reachable from the network and no token is set. \
         Pass --token T (or set XRPL_LAB_TOKEN) so every API call must present it, \
         or bind to 127.0.0.1"
    )]
    TokenRequired { host: String },
    #[error("--max-concurrent must be at least 1")]
    NoRunSlots,
    #[error("the token must not be empty")]
    EmptyToken,
}

impl ServeConfig {
    /// Whether the bind address only accepts connections from this machine. `0.0.0.0` and `::`
    /// listen on every interface, so they are not loopback.
    pub fn is_loopback(&self) -> bool {
        is_loopback_host(&self.host)
    }

    /// Checks the configuration before anything binds: beyond loopback a token is mandatory.
    pub fn validate(&self) -> Result<(), ConfigError> {
        if self.max_concurrent == 0 {
            return Err(ConfigError::NoRunSlots);
        }
        match &self.token {
            Some(t) if t.is_empty() => Err(ConfigError::EmptyToken),
            None if !self.is_loopback() => Err(ConfigError::TokenRequired {
                host: self.host.clone(),
            }),
            _ => Ok(()),
        }
    }
}

/// `localhost`, or an IP literal in 127.0.0.0/8 or `::1` (brackets allowed).
pub fn is_loopback_host(host: &str) -> bool {
    let bare = host.trim_start_matches('[').trim_end_matches(']');
    if bare.eq_ignore_ascii_case("localhost") {
        return true;
    }
    bare.parse::<IpAddr>().is_ok_and(|ip| ip.is_loopback())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loopback_names_are_recognised_and_wildcards_are_not() {
        for h in ["127.0.0.1", "localhost", "::1", "[::1]", "127.0.0.2"] {
            assert!(is_loopback_host(h), "{h}");
        }
        for h in ["0.0.0.0", "::", "192.168.1.20", "example.org", ""] {
            assert!(!is_loopback_host(h), "{h}");
        }
    }

    #[test]
    fn beyond_loopback_a_token_is_required() {
        let mut c = ServeConfig {
            host: "0.0.0.0".into(),
            ..ServeConfig::default()
        };
        assert!(matches!(
            c.validate(),
            Err(ConfigError::TokenRequired { .. })
        ));
        c.token = Some("s3cret".into());
        assert_eq!(c.validate(), Ok(()));
        c.token = Some(String::new());
        assert_eq!(c.validate(), Err(ConfigError::EmptyToken));
        let local = ServeConfig::default();
        assert_eq!(local.validate(), Ok(()));
    }
}
