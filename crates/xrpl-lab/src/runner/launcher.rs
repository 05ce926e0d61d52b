//! The real [`RunLauncher`]: what `xrpl-lab serve` uses to start a learner's run.
//!
//! It owns the module catalog, the learner's files and the two transports: one sandbox ledger
//! shared by every dry-run of this server (each run's wallets are distinct accounts on it, so a
//! room of learners shares one classroom ledger), and the network transport configured by
//! `XRPL_LAB_RPC_URL`.

use std::sync::Arc;
use std::time::Duration;

use futures::FutureExt;
use futures::future::BoxFuture;
use tokio_util::sync::CancellationToken;

use super::run::{RunOptions, run_module};
use super::{EventSink, RunLauncher, RunOutcome, RunRequest};
use crate::curriculum::Catalog;
use crate::lab_error::LabError;
use crate::transport::Transport;
use crate::transport::rpc::RpcTransport;
use crate::transport::sandbox::open_workspace_ledger;
use crate::workspace::LearnerFiles;

/// Starts module runs on the sandbox or the network.
pub struct ModuleLauncher {
    catalog: Arc<Catalog>,
    files: Arc<LearnerFiles>,
    sandbox: Arc<Transport>,
    network: Arc<Transport>,
    step_delay: Duration,
}

impl ModuleLauncher {
    pub fn new(
        catalog: Arc<Catalog>,
        files: Arc<LearnerFiles>,
        sandbox: Arc<Transport>,
        network: Arc<Transport>,
        step_delay: Duration,
    ) -> Self {
        Self {
            catalog,
            files,
            sandbox,
            network,
            step_delay,
        }
    }
}

impl ModuleLauncher {
    /// The launcher `serve` uses: the learner's files, the
    /// workspace's persisted sandbox ledger (locked for this process), and the network
    /// transport from `XRPL_LAB_RPC_URL`.
    pub fn open(
        catalog: Arc<Catalog>,
        files: LearnerFiles,
        step_delay: Duration,
    ) -> Result<Self, LabError> {
        let sandbox = Transport::Sandbox(open_workspace_ledger(&files.workspace)?);
        Ok(Self::new(
            catalog,
            Arc::new(files),
            Arc::new(sandbox),
            Arc::new(Transport::Rpc(RpcTransport::from_env())),
            step_delay,
        ))
    }
}

impl RunLauncher for ModuleLauncher {
    fn resolve_module(&self, module_id: &str) -> Option<String> {
        self.catalog.get(module_id).map(|m| m.id.clone())
    }

    fn launch(
        &self,
        request: RunRequest,
        sink: EventSink,
        cancel: CancellationToken,
    ) -> BoxFuture<'static, RunOutcome> {
        let catalog = Arc::clone(&self.catalog);
        let files = Arc::clone(&self.files);
        let transport = if request.dry_run {
            Arc::clone(&self.sandbox)
        } else {
            Arc::clone(&self.network)
        };
        let options = RunOptions {
            dry_run: request.dry_run,
            step_delay: self.step_delay,
            interactive: false,
        };
        async move {
            // The module is looked up again at start: a catalog entry that vanished between
            // POST and start is a structured error, not a panic.
            let Some(module) = catalog.get(&request.module_id) else {
                return RunOutcome::Failed(LabError::new(
                    "INPUT_MODULE_NOT_FOUND",
                    format!("Module '{}' not found.", request.module_id),
                    "Run 'xrpl-lab list' to see available modules.",
                ));
            };
            run_module(module, &transport, &files, &options, sink, cancel).await
        }
        .boxed()
    }
}
