//! `xrpl-lab ledger serve`: runs the sandbox ledger alone as a local rippled-compatible node and
//! faucet, for a room with no internet (point `XRPL_LAB_RPC_URL` and `XRPL_LAB_FAUCET_URL`, or
//! any XRPL client, at it). With `--data DIR` the ledger is journaled there and survives a
//! restart (or a `kill -9`: at most the transaction being written is lost).

use std::io::Write;
use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::{Arc, Mutex};

use clap::{Args as ClapArgs, Subcommand};
use xrpl_sandbox::{Ledger, LedgerConfig};

use crate::transport::sandbox::open_journaled_ledger;

/// Drops in one XRP.
const DROPS_PER_XRP: u64 = 1_000_000;

#[derive(Debug, Subcommand)]
pub enum LedgerCommand {
    /// Serve the sandbox ledger over JSON-RPC (rippled-compatible) with a faucet.
    Serve(ServeArgs),
}

#[derive(Debug, ClapArgs)]
pub struct ServeArgs {
    /// Address to bind (loopback by default: a classroom ledger holds no real value, but it
    /// should still be exposed on purpose).
    #[arg(long, default_value = "127.0.0.1")]
    pub host: IpAddr,
    /// Port for JSON-RPC (`POST /`) and the faucet (`POST /accounts`); 0 picks a free port
    /// (the address actually bound is printed).
    #[arg(long, default_value_t = 5005)]
    pub port: u16,
    /// Keep the ledger in DIR (a journal replayed at start) instead of in memory. One process
    /// at a time: the directory is locked while the node runs.
    #[arg(long, value_name = "DIR")]
    pub data: Option<PathBuf>,
    /// XRP the faucet gives per request (the Testnet faucet gives 1000).
    #[arg(long, default_value_t = 1000, value_parser = clap::value_parser!(u64).range(1..=1_000_000))]
    pub faucet_xrp: u64,
    /// The network id `server_info` reports. Above 1024, transactions must carry a matching
    /// `NetworkID` field, as on rippled; up to 1024 (the default, like Testnet) they must not.
    #[arg(long, value_name = "ID")]
    pub network_id: Option<u32>,
}

pub fn run(command: LedgerCommand) -> ExitCode {
    match command {
        LedgerCommand::Serve(args) => serve(args),
    }
}

fn serve(args: ServeArgs) -> ExitCode {
    let addr = SocketAddr::new(args.host, args.port);
    let config = LedgerConfig {
        network_id: args.network_id,
        ..LedgerConfig::default()
    };
    // The lock file is held (and the directory locked) until the node stops.
    let (ledger, _lock) = match &args.data {
        Some(dir) => match open_journaled_ledger(dir, config, "--data DIR") {
            Ok((ledger, lock)) => (ledger, Some(lock)),
            Err(e) => {
                super::print_error(&e);
                return ExitCode::from(1);
            }
        },
        None => (Ledger::new(config), None),
    };
    let ledger = Arc::new(Mutex::new(ledger));
    let router = crate::ledger_node::router_with_faucet(ledger, args.faucet_xrp * DROPS_PER_XRP);
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("error: could not start the async runtime: {e}");
            return ExitCode::from(1);
        }
    };
    runtime.block_on(async move {
        // Bind before announcing, so `--port 0` prints the port actually bound.
        let listener = match tokio::net::TcpListener::bind(addr).await {
            Ok(l) => l,
            Err(e) => {
                eprintln!("error: cannot listen on {addr}: {e}");
                return ExitCode::from(1);
            }
        };
        let addr = listener.local_addr().unwrap_or(addr);
        // Written, not printed: a supervisor that read the address and closed the pipe must
        // not take the node down.
        let _ = writeln!(
            std::io::stderr(),
            "Sandbox ledger listening on http://{addr}/ (JSON-RPC) and http://{addr}/accounts (faucet)\n\
             Use it with: XRPL_LAB_RPC_URL=http://{addr}/ XRPL_LAB_FAUCET_URL=http://{addr}/accounts"
        );
        let shutdown = async {
            let _ = tokio::signal::ctrl_c().await;
        };
        match crate::ledger_node::serve_on(router, listener, shutdown).await {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("error: the ledger node stopped: {e}");
                ExitCode::from(1)
            }
        }
    })
}
