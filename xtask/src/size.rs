//! The release build's transfer size: what a browser downloads to show the widget.

use std::io::Write;

use flate2::{write::GzEncoder, Compression};

use crate::run::{root, Result};

pub fn report() -> Result {
    let dist = root().join("dist");
    let mut files: Vec<_> = std::fs::read_dir(&dist)
        .map_err(|e| format!("no {}: {e}; build first", dist.display()))?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| {
            path.extension()
                .is_some_and(|ext| ext == "wasm" || ext == "js" || ext == "css")
        })
        .collect();
    files.sort();
    let (mut raw_total, mut gzip_total) = (0, 0);
    println!("\nRelease build transfer size ({}):", dist.display());
    for path in &files {
        let bytes = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
        let gzipped = gzip_len(&bytes)?;
        raw_total += bytes.len();
        gzip_total += gzipped;
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        println!("  {name:<48} {:>8} B  {:>8} B gzip", bytes.len(), gzipped);
    }
    println!("  {:<48} {raw_total:>8} B  {gzip_total:>8} B gzip", "total");
    println!("SIZE total_gzip_bytes={gzip_total} total_raw_bytes={raw_total}");
    Ok(())
}

fn gzip_len(bytes: &[u8]) -> Result<usize> {
    let mut encoder = GzEncoder::new(Vec::new(), Compression::best());
    encoder.write_all(bytes).map_err(|e| e.to_string())?;
    encoder
        .finish()
        .map(|out| out.len())
        .map_err(|e| e.to_string())
}
