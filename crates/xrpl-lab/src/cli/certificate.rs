//! `xrpl-lab certificate`: exports the sealed completion certificate to
//! `.xrpl-lab/proofs/xrpl_lab_certificate.json`.

use std::path::PathBuf;
use std::process::ExitCode;

use anstream::println;

use super::learner::{Learner, modules, report};
use crate::workspace::{WorkspaceError, certificate, clock};

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
    match certificate::export(&state, &modules, &learner.ws, clock::now_ts()) {
        Ok(path) => {
            println!("Certificate written: {}", path.display());
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
