//! `xrpl-lab serve`: parses the flags into a [`ServeConfig`], sets up logging to stderr, prints
//! where the API and dashboard are, and serves until Ctrl-C or SIGTERM.

use std::io::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

use clap::Args;

use crate::curriculum::Catalog;
use crate::lab_error::LabError;
use crate::runner::launcher::ModuleLauncher;
use crate::server::config::{DEFAULT_MAX_CONCURRENT, DEFAULT_PORT};
use crate::server::{ServeConfig, Server};
use crate::workspace::LearnerFiles;

#[derive(Debug, Clone, Args)]
pub struct ServeArgs {
    /// Address to bind. Anything beyond loopback requires --token.
    #[arg(long, default_value = "127.0.0.1")]
    pub host: String,
    /// TCP port (0 picks a free one).
    #[arg(long, default_value_t = DEFAULT_PORT)]
    pub port: u16,
    /// Default runs to the offline sandbox when the start request does not say.
    #[arg(long)]
    pub dry_run: bool,
    /// How many runs may run at once; further starts get 429.
    #[arg(long, default_value_t = DEFAULT_MAX_CONCURRENT as u32, value_parser = clap::value_parser!(u32).range(1..))]
    pub max_concurrent: u32,
    /// How long a finished run stays listed before it is pruned.
    #[arg(long, default_value_t = 60)]
    pub run_grace_seconds: u64,
    /// Pause before each step of a run, in milliseconds.
    #[arg(long, default_value_t = 0)]
    pub step_delay_ms: u64,
    /// Token every API call and WebSocket must present (required beyond loopback).
    #[arg(long, env = "XRPL_LAB_TOKEN", hide_env_values = true)]
    pub token: Option<String>,
}

impl ServeArgs {
    /// The server configuration; `modules` are the global `--modules` directories.
    pub fn to_config(&self, modules: &[PathBuf]) -> ServeConfig {
        ServeConfig {
            host: self.host.clone(),
            port: self.port,
            dry_run: self.dry_run,
            max_concurrent: self.max_concurrent as usize,
            run_grace: Duration::from_secs(self.run_grace_seconds),
            step_delay: Duration::from_millis(self.step_delay_ms),
            token: self.token.clone(),
            modules_dirs: modules.to_vec(),
            ..ServeConfig::default()
        }
    }
}

fn init_logging() {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_target(false)
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .try_init();
}

/// Resolves on Ctrl-C or SIGTERM.
async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {}
        _ = term => {}
    }
}

pub fn run(args: ServeArgs, modules: &[PathBuf]) -> ExitCode {
    init_logging();
    let config = args.to_config(modules);
    // File writes and sandbox work run on the blocking pool; a bounded pool keeps a burst of
    // runs (all queueing on the same state-file lock) from turning into hundreds of threads.
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .max_blocking_threads(32)
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("error: cannot start the async runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    runtime.block_on(async move {
        let catalog = match Catalog::load(&config.modules_dirs) {
            Ok(c) => Arc::new(c),
            Err(e) => {
                eprintln!("error: {e}");
                return ExitCode::from(2);
            }
        };
        for warning in catalog.warnings() {
            tracing::warn!("{warning}");
        }
        let launcher = match module_launcher(&config, Arc::clone(&catalog)) {
            Ok(launcher) => Arc::new(launcher),
            Err(e) => {
                super::print_error(&e);
                return ExitCode::from(2);
            }
        };
        let dry_run = config.dry_run;
        let server = match Server::bind_with_catalog(config, catalog, launcher).await {
            Ok(s) => s,
            Err(e) => {
                eprintln!("error: {e}");
                return ExitCode::from(2);
            }
        };
        let addr = match server.local_addr() {
            Ok(a) => a,
            Err(e) => {
                eprintln!("error: {e}");
                return ExitCode::FAILURE;
            }
        };
        // A closed stdout (a supervisor that stopped reading) must not take the server down,
        // so the banner is written, not printed.
        let mode = if dry_run { "Dry Run" } else { "Testnet" };
        let mut out = std::io::stdout().lock();
        let _ = writeln!(
            out,
            "XRPL Lab serve\n  API:       http://{addr}\n  Dashboard: http://{addr}/xrpl-lab/app/\n  Mode:      {mode}"
        );
        let _ = out.flush();
        drop(out);
        tracing::info!(%addr, "listening");
        match server.run_until(shutdown_signal()).await {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("error: {e}");
                ExitCode::FAILURE
            }
        }
    })
}

/// The real runner over this server's catalog and learner files.
fn module_launcher(
    config: &ServeConfig,
    catalog: Arc<Catalog>,
) -> Result<ModuleLauncher, LabError> {
    let files = LearnerFiles::resolve(config.home_dir.clone(), config.workspace_dir.clone());
    ModuleLauncher::open(catalog, files, config.step_delay)
}
