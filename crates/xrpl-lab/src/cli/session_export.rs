//! `xrpl-lab session-export [--dir DIR] [--format tar.gz|zip] [--outfile FILE]`: packs every
//! learner's shareable artifacts (never a wallet or state file) into one archive with a hashed
//! manifest.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anstream::{eprintln, println};
use clap::ValueEnum;

use super::learner::report;
use crate::workspace::clock;
use crate::workspace::session_export::{self, ArchiveFormat};

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    #[value(name = "tar.gz")]
    TarGz,
    Zip,
}

pub fn run(dir: &Path, format: ExportFormat, outfile: Option<&Path>) -> ExitCode {
    if !dir.is_dir() {
        eprintln!(
            "Error: Invalid value for '--dir': Directory '{}' does not exist.",
            dir.display()
        );
        return ExitCode::from(2);
    }
    let format = match format {
        ExportFormat::TarGz => ArchiveFormat::TarGz,
        ExportFormat::Zip => ArchiveFormat::Zip,
    };
    let now = clock::now_ts();
    let outfile: PathBuf = outfile.map(Path::to_path_buf).unwrap_or_else(|| {
        PathBuf::from(format!(
            "xrpl_lab_session_{}.{}",
            clock::file_stamp(now),
            format.extension()
        ))
    });
    match session_export::export(dir, format, &outfile, now) {
        Ok(summary) if summary.learners.is_empty() => {
            println!(
                "No learner workspaces found under {}. Archive written with empty MANIFEST.json — nothing to share.",
                dir.display()
            );
            ExitCode::SUCCESS
        }
        Ok(summary) => {
            println!(
                "Exported {} learner(s), {} file(s), {} bytes → {}",
                summary.learners.len(),
                summary.files,
                summary.bytes,
                outfile.display()
            );
            ExitCode::SUCCESS
        }
        Err(e) => report(e),
    }
}
