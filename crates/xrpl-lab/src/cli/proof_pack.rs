//! `xrpl-lab proof-pack` (also `proof generate`): exports the sealed proof pack to
//! `.xrpl-lab/proofs/xrpl_lab_proof_pack.json`.

use std::path::PathBuf;
use std::process::ExitCode;

use anstream::println;

use super::learner::{Learner, modules, report};
use crate::network;
use crate::workspace::{WorkspaceError, clock, proof_pack};

pub fn run(dirs: &[PathBuf]) -> ExitCode {
    let learner = Learner::from_env();
    let state = match learner.state() {
        Ok(s) => s,
        Err(code) => return code,
    };
    let modules = match modules(dirs) {
        Ok(m) => m,
        Err(code) => return code,
    };
    let endpoint = network::rpc_url_from_env();
    match proof_pack::export(&state, &modules, &endpoint, &learner.ws, clock::now_ts()) {
        Ok(path) => {
            println!("Proof pack written: {}", path.display());
            ExitCode::SUCCESS
        }
        Err(e @ WorkspaceError::NothingToExport) => {
            println!("{e}");
            println!("  {}", e.hint());
            ExitCode::SUCCESS
        }
        Err(e) => report(e),
    }
}
