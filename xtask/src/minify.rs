//! Minifies the release build's JavaScript with terser. Trunk's own minifier stops at
//! wasm-bindgen's `export { … as default }` and ships the glue as it is.

use std::fs;
use std::path::{Path, PathBuf};

use crate::run::{command, run, tools_bin, Result};
use crate::sri;

pub fn dist(dist: &Path) -> Result {
    for script in scripts(dist)? {
        let before = fs::read(&script).map_err(|e| format!("{}: {e}", script.display()))?;
        let mut terser = command(
            &tools_bin().join("terser").to_string_lossy(),
            &["--module", "--compress", "passes=2", "--mangle", "--output"],
        );
        terser.arg(&script).arg(&script);
        run(terser)?;
        let after = fs::read(&script).map_err(|e| format!("{}: {e}", script.display()))?;
        sri::rehash(&dist.join("index.html"), &before, &after)?;
    }
    Ok(())
}

/// Every `.js` file under `dir`: the glue, its snippets and the page's loader.
fn scripts(dir: &Path) -> Result<Vec<PathBuf>> {
    let mut found = Vec::new();
    let entries = fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    for entry in entries {
        let path = entry.map_err(|e| e.to_string())?.path();
        if path.is_dir() {
            found.extend(scripts(&path)?);
        } else if path.extension().is_some_and(|ext| ext == "js") {
            found.push(path);
        }
    }
    Ok(found)
}
