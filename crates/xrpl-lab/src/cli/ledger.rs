//! `xrpl-lab ledger serve`: runs the sandbox ledger alone as a local rippled-compatible node and
//! faucet, for a room with no internet (point `XRPL_LAB_RPC_URL` and `XRPL_LAB_FAUCET_URL`, or
//! any XRPL client, at it).

use std::io::Write;
use std::net::{IpAddr, SocketAddr};
use std::process::ExitCode;
use std::sync::{Arc, Mutex};

use clap::{Args as ClapArgs, Subcommand};
use xrpl_sandbox::{Ledger, LedgerConfig};

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
}

pub fn run(command: LedgerCommand) -> ExitCode {
    match command {
        LedgerCommand::Serve(args) => serve(args),
    }
}

fn serve(args: ServeArgs) -> ExitCode {
    let addr = SocketAddr::new(args.host, args.port);
    let ledger = Arc::new(Mutex::new(Ledger::new(LedgerConfig::default())));
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
        match crate::ledger_node::serve_on(ledger, listener, shutdown).await {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("error: the ledger node stopped: {e}");
                ExitCode::from(1)
            }
        }
    })
}
