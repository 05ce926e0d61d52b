//! Session export: one archive of every learner's shareable artifacts, for the facilitator to keep
//! after a workshop.
//!
//! From each learner directory it takes `.xrpl-lab/{proofs,reports,audit_packs,certificates}/`
//! (regular files only: a symlink could point at a wallet), never `wallet.json`, `state.json` or
//! `doctor.log`, and puts a `MANIFEST.json` first with each file's SHA-256 and size so the archive
//! can be checked later. Formats: gzip tar or zip.

use std::fs::{self, File};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use serde::Serialize;
use serde_json::json;
use sha2::{Digest, Sha256};

use super::clock;
use super::error::WorkspaceError;
use super::paths::WORKSPACE_DIR_NAME;

const SUBDIRS: [&str; 4] = ["proofs", "reports", "audit_packs", "certificates"];
const NEVER_EXPORTED: [&str; 3] = ["wallet.json", "state.json", "doctor.log"];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ArchiveFormat {
    TarGz,
    Zip,
}

impl ArchiveFormat {
    pub fn extension(self) -> &'static str {
        match self {
            ArchiveFormat::TarGz => "tar.gz",
            ArchiveFormat::Zip => "zip",
        }
    }
}

/// What went into the archive (counts include `MANIFEST.json`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ExportSummary {
    pub learners: Vec<String>,
    pub files: usize,
    pub bytes: u64,
}

struct Entry {
    archive_path: String,
    source: PathBuf,
    sha256: String,
    size: u64,
}

/// Regular files under `dir`, recursively, sorted, as paths relative to `dir` with `/`.
fn files_under(dir: &Path, prefix: &str, out: &mut Vec<(String, PathBuf)>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<_> = entries.filter_map(Result::ok).collect();
    entries.sort_by_key(|e| e.file_name());
    for e in entries {
        let Ok(kind) = e.file_type() else { continue };
        let name = e.file_name().to_string_lossy().into_owned();
        let rel = if prefix.is_empty() {
            name.clone()
        } else {
            format!("{prefix}/{name}")
        };
        if kind.is_dir() {
            files_under(&e.path(), &rel, out);
        } else if kind.is_file() && !NEVER_EXPORTED.contains(&name.as_str()) {
            out.push((rel, e.path()));
        }
    }
}

fn learner_files(learner_dir: &Path, learner: &str) -> Vec<(String, PathBuf)> {
    let ws = learner_dir.join(WORKSPACE_DIR_NAME);
    let mut out = Vec::new();
    for sub in SUBDIRS {
        let mut found = Vec::new();
        files_under(&ws.join(sub), "", &mut found);
        out.extend(
            found
                .into_iter()
                .map(|(rel, p)| (format!("{learner}/{sub}/{rel}"), p)),
        );
    }
    out
}

fn collect(dir: &Path) -> Vec<(String, Vec<(String, PathBuf)>)> {
    let mut subdirs: Vec<PathBuf> = fs::read_dir(dir)
        .map(|es| {
            es.filter_map(Result::ok)
                .filter(|e| e.file_type().is_ok_and(|t| t.is_dir()))
                .map(|e| e.path())
                .collect()
        })
        .unwrap_or_default();
    subdirs.sort();
    let mut learners = Vec::new();
    for sub in subdirs {
        let Some(id) = sub.file_name().map(|n| n.to_string_lossy().into_owned()) else {
            continue;
        };
        if !sub.join(WORKSPACE_DIR_NAME).is_dir() {
            continue;
        }
        let files = learner_files(&sub, &id);
        if !files.is_empty() {
            learners.push((id, files));
        }
    }
    if learners.is_empty() && dir.join(WORKSPACE_DIR_NAME).is_dir() {
        let files = learner_files(dir, "_cohort");
        if !files.is_empty() {
            learners.push(("_cohort".to_string(), files));
        }
    }
    learners
}

fn hash_file(path: &Path) -> io::Result<(String, u64)> {
    let mut hasher = Sha256::new();
    let mut file = File::open(path)?;
    let size = io::copy(&mut file, &mut hasher)?;
    Ok((hex::encode(hasher.finalize()), size))
}

/// Writes the archive of `dir`'s learners to `outfile` as of `now`.
pub fn export(
    dir: &Path,
    format: ArchiveFormat,
    outfile: &Path,
    now: f64,
) -> Result<ExportSummary, WorkspaceError> {
    let read_err = |e| WorkspaceError::io("read", "learner artifact", e);
    let learners = collect(dir);
    let mut entries = Vec::new();
    for (_, files) in &learners {
        for (archive_path, source) in files {
            let (sha256, size) = hash_file(source).map_err(read_err)?;
            entries.push(Entry {
                archive_path: archive_path.clone(),
                source: source.clone(),
                sha256,
                size,
            });
        }
    }
    let ids: Vec<String> = learners.iter().map(|(id, _)| id.clone()).collect();
    let cohort_dir = dir
        .canonicalize()
        .ok()
        .and_then(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
        .unwrap_or_default();
    let manifest = json!({
        "manifest_version": 1,
        "tool_version": crate::VERSION,
        "created_at": clock::iso(now),
        "cohort_dir": cohort_dir,
        "learners": ids,
        "files": entries.iter().map(|e| json!({
            "path": e.archive_path, "sha256": e.sha256, "size": e.size,
        })).collect::<Vec<_>>(),
    });
    let manifest_bytes = serde_json::to_string_pretty(&manifest)
        .unwrap_or_default()
        .into_bytes();

    let out_dir = match outfile.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let write_err = |e| WorkspaceError::io("write", "session archive", e);
    let mut tmp = tempfile::Builder::new()
        .prefix(".session-export-")
        .tempfile_in(out_dir)
        .map_err(write_err)?;
    match format {
        ArchiveFormat::TarGz => write_tar_gz(tmp.as_file_mut(), &manifest_bytes, &entries, now),
        ArchiveFormat::Zip => write_zip(tmp.as_file_mut(), &manifest_bytes, &entries),
    }
    .map_err(write_err)?;
    tmp.as_file().sync_all().map_err(write_err)?;
    tmp.persist(outfile).map_err(|e| write_err(e.error))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let _ = fs::set_permissions(outfile, fs::Permissions::from_mode(0o644));
    }
    Ok(ExportSummary {
        learners: ids,
        files: entries.len() + 1,
        bytes: manifest_bytes.len() as u64 + entries.iter().map(|e| e.size).sum::<u64>(),
    })
}

fn write_tar_gz(file: &mut File, manifest: &[u8], entries: &[Entry], now: f64) -> io::Result<()> {
    let gz = flate2::write::GzEncoder::new(file, flate2::Compression::default());
    let mut tar = tar::Builder::new(gz);
    let mut header = tar::Header::new_gnu();
    header.set_size(manifest.len() as u64);
    header.set_mode(0o644);
    header.set_mtime(now as u64);
    header.set_cksum();
    tar.append_data(&mut header, "MANIFEST.json", manifest)?;
    for e in entries {
        let mut source = File::open(&e.source)?;
        tar.append_file(&e.archive_path, &mut source)?;
    }
    tar.into_inner()?.finish()?.flush()
}

fn write_zip(file: &mut File, manifest: &[u8], entries: &[Entry]) -> io::Result<()> {
    let mut zip = zip::ZipWriter::new(file);
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .unix_permissions(0o644);
    zip.start_file("MANIFEST.json", options)?;
    zip.write_all(manifest)?;
    for e in entries {
        zip.start_file(e.archive_path.as_str(), options)?;
        io::copy(&mut File::open(&e.source)?, &mut zip)?;
    }
    zip.finish()?.flush()
}
