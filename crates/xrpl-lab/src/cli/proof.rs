//! `xrpl-lab proof generate | verify FILE`: the proof-pack command group.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Subcommand;

use super::artifact_verify::{self, VerifyArgs};
use crate::workspace::ArtifactKind;

#[derive(Debug, Subcommand)]
pub enum ProofCommand {
    /// Export the proof pack (same as `proof-pack`).
    Generate,
    /// Check a proof pack's integrity (and, with --live, its transactions on-ledger).
    Verify(VerifyArgs),
}

pub fn run(dirs: &[PathBuf], command: &ProofCommand) -> ExitCode {
    match command {
        ProofCommand::Generate => super::proof_pack::run(dirs),
        ProofCommand::Verify(args) => artifact_verify::run(args, ArtifactKind::ProofPack),
    }
}
