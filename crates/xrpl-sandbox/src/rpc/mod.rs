//! rippled's JSON-RPC face over the engine: `handle` takes a request body and returns the
//! response body, exactly as a rippled HTTP endpoint would.
//!
//! It is a pure function of the ledger and the request (no I/O), so the lab can serve it over
//! HTTP on loopback for real XRPL clients, and tests can call it directly. Method groups live in
//! their own files.

mod account;
mod amm;
mod channels;
pub mod error;
mod ledger;
mod lines;
pub(crate) mod nft;
mod offers;
mod params;
mod server;
mod synthetic;
mod token_entries;
mod transaction;

use serde_json::{Map, Value, json};

use crate::Ledger;
pub use error::RpcError;

/// The outcome of one method: its `result` fields, or an error.
pub type RpcResult = Result<Map<String, Value>, RpcError>;

/// Handles a JSON-RPC request body (`{"method": …, "params": [{…}]}`) and returns the response
/// body (`{"result": {…}}`), with rippled's error shapes for anything malformed.
pub fn handle(ledger: &mut Ledger, request: &Value) -> Value {
    let Some(method) = request.get("method").and_then(Value::as_str) else {
        let err = if request.get("method").is_some() {
            RpcError::UnknownCommand
        } else {
            RpcError::BadSyntax
        };
        return json!({ "result": err.to_result(request) });
    };
    let empty = Value::Object(Map::new());
    let params = match request.get("params") {
        None => &empty,
        Some(Value::Array(list)) => match list.first() {
            None => &empty,
            Some(p @ Value::Object(_)) => p,
            Some(_) => {
                let err = RpcError::InvalidParams("params must be an array of one object".into());
                return json!({ "result": err.to_result(&empty) });
            }
        },
        Some(_) => {
            let err = RpcError::InvalidParams("params must be an array of one object".into());
            return json!({ "result": err.to_result(&empty) });
        }
    };
    let outcome = dispatch(ledger, method, params);
    let result = match outcome {
        Ok(mut fields) => {
            fields.insert("status".into(), "success".into());
            fields
        }
        Err(err) => err.to_result(params),
    };
    json!({ "result": result })
}

fn dispatch(ledger: &mut Ledger, method: &str, params: &Value) -> RpcResult {
    match method {
        "server_info" => server::server_info(ledger),
        "server_state" => server::server_state(ledger),
        "fee" => server::fee(ledger),
        "ping" => Ok(Map::new()),
        "account_info" => account::account_info(ledger, params),
        "account_tx" => account::account_tx(ledger, params),
        "account_lines" => lines::account_lines(ledger, params),
        "account_currencies" => lines::account_currencies(ledger, params),
        "account_objects" => lines::account_objects(ledger, params),
        "gateway_balances" => lines::gateway_balances(ledger, params),
        "account_channels" => channels::account_channels(ledger, params),
        "channel_verify" => channels::channel_verify(params),
        "account_offers" => offers::account_offers(ledger, params),
        "book_offers" => offers::book_offers(ledger, params),
        "submit" => transaction::submit(ledger, params),
        "tx" => transaction::tx(ledger, params),
        "ledger" => ledger::ledger(ledger, params),
        "ledger_accept" => ledger::ledger_accept(ledger),
        "ledger_current" => ledger::ledger_current(ledger),
        "ledger_closed" => ledger::ledger_closed(ledger),
        "ledger_entry" => ledger::ledger_entry(ledger, params),
        "account_nfts" => nft::account_nfts(ledger, params),
        "nft_sell_offers" => nft::nft_sell_offers(ledger, params),
        "nft_buy_offers" => nft::nft_buy_offers(ledger, params),
        "amm_info" => amm::amm_info(ledger, params),
        _ => Err(RpcError::UnknownCommand),
    }
}
