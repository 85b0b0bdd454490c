//! Minifies the release build's JavaScript with terser. Trunk's own minifier stops at
//! wasm-bindgen's `export { … as default }` and ships the glue as it is. The page pins
//! each script with a Subresource Integrity hash, so every hash of a rewritten file is
//! replaced by the hash of its new content.

use std::fs;
use std::path::{Path, PathBuf};

use base64::Engine;
use sha2::{Digest, Sha384};

use crate::run::{command, run, tools_bin, Result};

pub fn dist(dist: &Path) -> Result {
    let page_path = dist.join("index.html");
    let mut page = read(&page_path)?;
    for script in scripts(dist)? {
        let before = fs::read(&script).map_err(|e| format!("{}: {e}", script.display()))?;
        let mut terser = command(
            &tools_bin().join("terser").to_string_lossy(),
            &["--module", "--compress", "passes=2", "--mangle", "--output"],
        );
        terser.arg(&script).arg(&script);
        run(terser)?;
        let after = fs::read(&script).map_err(|e| format!("{}: {e}", script.display()))?;
        page = page.replace(&integrity(&before), &integrity(&after));
    }
    fs::write(&page_path, page).map_err(|e| format!("{}: {e}", page_path.display()))
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

fn read(path: &Path) -> Result<String> {
    fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))
}

/// The `integrity` attribute value Trunk writes: `sha384-` and the base64 digest.
fn integrity(content: &[u8]) -> String {
    let digest = Sha384::digest(content);
    format!(
        "sha384-{}",
        base64::engine::general_purpose::STANDARD.encode(digest)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn integrity_matches_the_sri_form_of_sha384() {
        // `printf abc | openssl dgst -sha384 -binary | base64`
        assert_eq!(
            integrity(b"abc"),
            "sha384-ywB1P0WjXou1oD1pmsZQBycsMqsO3tFjGotgWkP/W+2AhgcroefMI1i67KE0yCWn"
        );
    }
}
