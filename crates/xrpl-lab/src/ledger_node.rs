//! `xrpl-lab ledger serve`: the sandbox ledger on the network, as a classroom Testnet.
//!
//! It speaks what a rippled node and the Testnet faucet speak, so unmodified XRPL clients
//! (xrpl-py, xrpl.js) and the lab's own network transport work against it:
//! - `POST /` — rippled JSON-RPC (`{"method", "params":[{…}]}` → `{"result":{…}}`);
//! - `POST /accounts` — the faucet (`{"destination": "r…"}` → `{"account":{…},"amount",…}`),
//!   creating and funding the account with a signed Payment from the genesis wallet.
//!
//! The engine is synchronous; each request runs on the blocking pool under the ledger's mutex.
//! Bodies are capped (rippled's own limit is in the same range) and malformed requests get
//! rippled's error shapes, never a 500.

use std::sync::{Arc, Mutex};

use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use axum::{Json, Router};
use serde_json::{Value, json};
use xrpl_sandbox::Ledger;
use xrpl_sandbox::faucet::DEFAULT_FAUCET_DROPS;

use crate::transport::sandbox::with_ledger;

/// Largest request body accepted (1 MiB: a signed transaction is a few kilobytes).
const MAX_BODY: usize = 1 << 20;

type Shared = Arc<Mutex<Ledger>>;

/// What the node's handlers share: the ledger, and what the faucet gives.
#[derive(Clone)]
struct Node {
    ledger: Shared,
    faucet_drops: u64,
}

/// The node's routes over one shared ledger, with the Testnet faucet's grant (1,000 XRP).
pub fn router(ledger: Shared) -> Router {
    router_with_faucet(ledger, DEFAULT_FAUCET_DROPS)
}

/// The node's routes, the faucet granting `faucet_drops` per request.
pub fn router_with_faucet(ledger: Shared, faucet_drops: u64) -> Router {
    Router::new()
        .route("/", post(json_rpc).get(hello))
        .route("/accounts", post(faucet))
        .layer(DefaultBodyLimit::max(MAX_BODY))
        .with_state(Node {
            ledger,
            faucet_drops,
        })
}

/// Serves the node's `router` on an already-bound listener (so a caller can bind port 0 and
/// learn the port) until `shutdown` resolves.
pub async fn serve_on(
    router: Router,
    listener: tokio::net::TcpListener,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    axum::serve(listener, router)
        .with_graceful_shutdown(shutdown)
        .await
}

async fn hello() -> &'static str {
    "xrpl-lab sandbox ledger: POST JSON-RPC to /, faucet at POST /accounts\n"
}

async fn json_rpc(State(node): State<Node>, body: Bytes) -> Response {
    let Ok(request) = serde_json::from_slice::<Value>(&body) else {
        return rpc_error(
            StatusCode::BAD_REQUEST,
            "invalidParams",
            "Unable to parse request.",
        );
    };
    if !request.get("method").is_some_and(Value::is_string) {
        return rpc_error(
            StatusCode::BAD_REQUEST,
            "missingCommand",
            "Missing command entry.",
        );
    }
    match with_ledger(&node.ledger, move |l| l.rpc(&request)).await {
        Some(reply) => Json(reply).into_response(),
        None => rpc_error(
            StatusCode::SERVICE_UNAVAILABLE,
            "internal",
            "The sandbox ledger is unavailable.",
        ),
    }
}

async fn faucet(State(node): State<Node>, body: Bytes) -> Response {
    let request = if body.is_empty() {
        json!({})
    } else {
        match serde_json::from_slice::<Value>(&body) {
            Ok(v @ Value::Object(_)) => v,
            _ => {
                return (
                    StatusCode::BAD_REQUEST,
                    Json(json!({"error": "invalid JSON body: expected {\"destination\": \"r…\"}"})),
                )
                    .into_response();
            }
        }
    };
    // A destination is required: the node never hands out generated seeds.
    let destination = request
        .get("destination")
        .and_then(Value::as_str)
        .unwrap_or("");
    let account = match xrpl_proto::address::parse_any(destination) {
        Ok((account, _tag)) => account,
        Err(_) => {
            return (
                StatusCode::BAD_REQUEST,
                Json(json!({"error": "a valid destination address is required: {\"destination\": \"r…\"}"})),
            )
                .into_response();
        }
    };
    let drops = node.faucet_drops;
    match with_ledger(&node.ledger, move |l| l.faucet(Some(account), drops)).await {
        Some(Ok(grant)) => Json(grant.to_testnet_json()).into_response(),
        Some(Err(e)) => (
            StatusCode::BAD_REQUEST,
            Json(json!({ "error": e.to_string() })),
        )
            .into_response(),
        None => (
            StatusCode::SERVICE_UNAVAILABLE,
            Json(json!({"error": "the sandbox ledger is unavailable"})),
        )
            .into_response(),
    }
}

fn rpc_error(status: StatusCode, error: &str, message: &str) -> Response {
    (
        status,
        Json(json!({ "result": {
            "status": "error",
            "error": error,
            "error_message": message,
        }})),
    )
        .into_response()
}
