//! Writes `name.gz` and `name.br` beside every file of the release build, so that a server
//! sends each in the smallest encoding the browser accepts without compressing it on every
//! request (gws-sim does, for the demo).

use std::fs;
use std::path::Path;

use crate::compress;
use crate::run::Result;

pub fn dist(dir: &Path) -> Result {
    let entries = fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    for entry in entries {
        let path = entry.map_err(|e| e.to_string())?.path();
        if path.is_dir() {
            dist(&path)?;
            continue;
        }
        if path
            .extension()
            .is_some_and(|ext| ext == "gz" || ext == "br")
        {
            continue;
        }
        let bytes = fs::read(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        for (extension, encoded) in [
            ("gz", compress::zopfli(&bytes)?),
            ("br", compress::brotli(&bytes)?),
        ] {
            let mut name = path.clone().into_os_string();
            name.push(".");
            name.push(extension);
            fs::write(&name, encoded).map_err(|e| format!("{}: {e}", path.display()))?;
        }
    }
    Ok(())
}
