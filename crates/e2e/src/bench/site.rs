//! What the benchmarks' simulator serves: the built widget plus the page-side benchmark
//! files (`crates/e2e/bench/`) and the official CometD client's browser modules, all from
//! one origin, since gws-sim's Content-Security-Policy allows scripts from 'self' only.

use std::fs;
use std::path::{Path, PathBuf};

use tempfile::TempDir;

use crate::{fail, Result};

/// A temporary copy of the dist with `bench/` (our files) and `bench/cometd/` added.
pub struct Site {
    dir: TempDir,
}

impl Site {
    pub fn build(dist: &Path) -> Result<Site> {
        let dir = tempfile::Builder::new()
            .prefix("gws-bench-site-")
            .tempdir()?;
        copy_tree(dist, dir.path())?;
        let bench = dir.path().join("bench");
        copy_tree(&crate_dir().join("bench"), &bench)?;
        copy_tree(&cometd_dir()?, &bench.join("cometd"))?;
        Ok(Site { dir })
    }

    /// The directory to serve as the simulator's static files.
    pub fn path(&self) -> &Path {
        self.dir.path()
    }
}

fn crate_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// npm `cometd@9`, installed for the simulator's interoperability test.
fn cometd_dir() -> Result<PathBuf> {
    let dir = crate_dir().join("../gws-sim/interop/node_modules/cometd");
    if dir.join("cometd.js").is_file() {
        Ok(dir)
    } else {
        fail(format!(
            "the official CometD client is not installed at {}: run `cargo xtask bootstrap` \
             (or `npm ci` in crates/gws-sim/interop)",
            dir.display()
        ))
    }
}

fn copy_tree(from: &Path, to: &Path) -> Result<()> {
    fs::create_dir_all(to)?;
    for entry in fs::read_dir(from)? {
        let entry = entry?;
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_tree(&entry.path(), &target)?;
        } else {
            fs::copy(entry.path(), &target)?;
        }
    }
    Ok(())
}
