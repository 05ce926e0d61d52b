//! Who may talk to the server: one origin allow-list shared by CORS and the WebSocket gate, a
//! Host check against the names the server is bound to (the DNS-rebinding defence), and the
//! optional bearer token.
//!
//! The allow-list is the dashboard's dev origins (`http://localhost:{4321,3000}`,
//! `http://127.0.0.1:{4321,3000}`) plus the server's own origin: a page served by this server
//! (reached through a Host we accept) may always call it. Keeping that decision in
//! [`Security::origin_allowed`] is what makes CORS and the WebSocket agree.

use std::net::{IpAddr, SocketAddr};

use axum::extract::{Query, Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, header, request::Parts};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;
use tower_http::cors::{AllowOrigin, Any, CorsLayer};

use super::AppState;
use super::config::ServeConfig;
use super::error::ApiError;

/// The dashboard's development origins (Astro dev server, and the common alternative port).
pub const BASE_ORIGINS: [&str; 4] = [
    "http://localhost:4321",
    "http://localhost:3000",
    "http://127.0.0.1:4321",
    "http://127.0.0.1:3000",
];

/// Which Host headers name this server.
#[derive(Debug, Clone)]
enum HostRule {
    /// Bound to a wildcard address (`0.0.0.0`, `::`): reachable under any name. Only allowed with
    /// a token, which is then the defence.
    Any,
    /// Lower-cased `host` and `host:port` forms the server answers to.
    Names(Vec<String>),
}

/// The server's access policy, fixed at bind time.
#[derive(Debug, Clone)]
pub struct Security {
    origins: Vec<String>,
    hosts: HostRule,
    token_digest: Option<[u8; 32]>,
}

fn digest(token: &str) -> [u8; 32] {
    Sha256::digest(token.as_bytes()).into()
}

/// `host:port` as it appears in a URL authority (IPv6 literals bracketed).
fn authority(host: &str, port: u16) -> String {
    let bare = host.trim_start_matches('[').trim_end_matches(']');
    if bare.parse::<std::net::Ipv6Addr>().is_ok() {
        format!("[{bare}]:{port}")
    } else {
        format!("{bare}:{port}")
    }
}

impl Security {
    /// The policy for a server configured with `config` and actually bound to `bound`.
    pub fn new(config: &ServeConfig, bound: SocketAddr) -> Self {
        let port = bound.port();
        let wildcard = config
            .host
            .trim_start_matches('[')
            .trim_end_matches(']')
            .parse::<IpAddr>()
            .is_ok_and(|ip| ip.is_unspecified());
        let mut names: Vec<String> = vec![
            authority("localhost", port),
            authority("127.0.0.1", port),
            authority("::1", port),
        ];
        names.push(authority(&config.host, port).to_ascii_lowercase());
        names.sort();
        names.dedup();
        let mut origins: Vec<String> = BASE_ORIGINS.iter().map(|o| o.to_string()).collect();
        origins.extend(names.iter().map(|n| format!("http://{n}")));
        // Host headers may omit the port only on port 80.
        let mut hosts = names.clone();
        if port == 80 {
            hosts.extend(
                names
                    .iter()
                    .filter_map(|n| n.rsplit_once(':').map(|(h, _)| h.to_string())),
            );
        }
        Self {
            origins,
            hosts: if wildcard {
                HostRule::Any
            } else {
                HostRule::Names(hosts)
            },
            token_digest: config.token.as_deref().map(digest),
        }
    }

    /// The configured allow-list (base origins plus the server's own).
    pub fn allowed_origins(&self) -> &[String] {
        &self.origins
    }

    /// Whether a request's Host header names this server.
    pub fn host_allowed(&self, headers: &HeaderMap) -> bool {
        let Some(host) = headers.get(header::HOST).and_then(|h| h.to_str().ok()) else {
            return false;
        };
        match &self.hosts {
            HostRule::Any => true,
            HostRule::Names(names) => {
                let host = host.to_ascii_lowercase();
                names.contains(&host)
            }
        }
    }

    /// Whether `origin` may call the API from a browser: on the allow-list, or the very origin
    /// the request is addressed to (a page this server served).
    pub fn origin_allowed(&self, origin: &str, headers: &HeaderMap) -> bool {
        if self.origins.iter().any(|o| o == origin) {
            return true;
        }
        let same_origin = headers
            .get(header::HOST)
            .and_then(|h| h.to_str().ok())
            .is_some_and(|host| origin.strip_prefix("http://") == Some(host));
        same_origin && self.host_allowed(headers)
    }

    pub fn token_required(&self) -> bool {
        self.token_digest.is_some()
    }

    /// Whether `presented` is the token. Compares SHA-256 digests in constant time, so neither
    /// the token's content nor its length leaks through timing.
    pub fn token_matches(&self, presented: &str) -> bool {
        match &self.token_digest {
            None => true,
            Some(expected) => bool::from(digest(presented).ct_eq(expected)),
        }
    }

    /// The CORS layer over the same allow-list.
    pub fn cors_layer(&self) -> CorsLayer {
        let me = self.clone();
        CorsLayer::new()
            .allow_origin(AllowOrigin::predicate(
                move |origin: &HeaderValue, parts: &Parts| {
                    origin
                        .to_str()
                        .is_ok_and(|o| me.origin_allowed(o, &parts.headers))
                },
            ))
            .allow_methods([
                Method::GET,
                Method::POST,
                Method::DELETE,
                Method::OPTIONS,
                Method::HEAD,
            ])
            .allow_headers(Any)
            .max_age(std::time::Duration::from_secs(600))
    }
}

/// The token presented by a request: `Authorization: Bearer T`, or `?token=T` on a WebSocket
/// upgrade (browsers cannot set headers on WebSockets).
fn presented_token(request: &Request) -> Option<String> {
    if let Some(value) = request
        .headers()
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        && let Some(token) = value.strip_prefix("Bearer ")
    {
        return Some(token.trim().to_string());
    }
    let is_upgrade = request
        .headers()
        .get(header::UPGRADE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.eq_ignore_ascii_case("websocket"));
    if !is_upgrade {
        return None;
    }
    #[derive(serde::Deserialize)]
    struct TokenQuery {
        token: Option<String>,
    }
    Query::<TokenQuery>::try_from_uri(request.uri())
        .ok()
        .and_then(|q| q.0.token)
}

/// Host check for every route, token check for `/api` and `/metrics`.
pub async fn guard(State(app): State<AppState>, request: Request, next: Next) -> Response {
    let security = &app.security;
    if !security.host_allowed(request.headers()) {
        tracing::warn!(host = ?request.headers().get(header::HOST), "request refused: Host not allowed");
        return ApiError::HostNotAllowed.into_response();
    }
    let path = request.uri().path();
    let protected = path.starts_with("/api") || path == "/metrics";
    if protected && security.token_required() && request.method() != Method::OPTIONS {
        let ok = presented_token(&request).is_some_and(|t| security.token_matches(&t));
        if !ok {
            return ApiError::Unauthorized.into_response();
        }
    }
    next.run(request).await
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(host: &str) -> HeaderMap {
        let mut h = HeaderMap::new();
        h.insert(header::HOST, HeaderValue::from_str(host).unwrap());
        h
    }

    fn loopback(port: u16) -> Security {
        Security::new(
            &ServeConfig::default(),
            SocketAddr::from(([127, 0, 0, 1], port)),
        )
    }

    #[test]
    fn loopback_server_accepts_only_loopback_hosts() {
        let s = loopback(8321);
        assert!(s.host_allowed(&headers("127.0.0.1:8321")));
        assert!(s.host_allowed(&headers("LOCALHOST:8321")));
        assert!(s.host_allowed(&headers("[::1]:8321")));
        assert!(!s.host_allowed(&headers("evil.example:8321")));
        assert!(!s.host_allowed(&headers("127.0.0.1:9999")));
        assert!(!s.host_allowed(&HeaderMap::new()));
    }

    #[test]
    fn one_allow_list_base_origins_and_own_origin() {
        let s = loopback(8321);
        let h = headers("127.0.0.1:8321");
        for o in BASE_ORIGINS {
            assert!(s.origin_allowed(o, &h), "{o}");
        }
        assert!(s.origin_allowed("http://localhost:8321", &h));
        assert!(s.origin_allowed("http://127.0.0.1:8321", &h));
        assert!(!s.origin_allowed("https://evil.com", &h));
        assert!(!s.origin_allowed("http://localhost:4321.evil.com", &h));
        assert!(!s.origin_allowed("null", &h));
    }

    #[test]
    fn token_compare_accepts_only_the_token() {
        let cfg = ServeConfig {
            token: Some("s3cret".into()),
            ..ServeConfig::default()
        };
        let s = Security::new(&cfg, SocketAddr::from(([127, 0, 0, 1], 1)));
        assert!(s.token_required());
        assert!(s.token_matches("s3cret"));
        assert!(!s.token_matches("s3cre"));
        assert!(!s.token_matches(""));
    }
}
