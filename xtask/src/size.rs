//! The release build's transfer size: what a browser downloads to show the widget.

use std::io::Write;
use std::path::Path;

use flate2::{write::GzEncoder, Compression};

use crate::run::{root, Result};

/// Raw, gzip (level 9) and brotli (quality 11) sizes of one file or a total.
#[derive(Debug, Default, Clone, Copy)]
pub struct Sizes {
    pub raw: usize,
    pub gzip: usize,
    pub brotli: usize,
}

impl std::ops::AddAssign for Sizes {
    fn add_assign(&mut self, other: Sizes) {
        self.raw += other.raw;
        self.gzip += other.gzip;
        self.brotli += other.brotli;
    }
}

impl Sizes {
    pub fn of(bytes: &[u8]) -> Result<Sizes> {
        Ok(Sizes {
            raw: bytes.len(),
            gzip: gzip_len(bytes)?,
            brotli: brotli_len(bytes)?,
        })
    }

    pub fn of_file(path: &Path) -> Result<Sizes> {
        let bytes = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
        Sizes::of(&bytes)
    }
}

/// Prints each shipped file of `dist/` and the total; the last line is for scripts.
pub fn report() -> Result {
    let dist = root().join("dist");
    let mut files = Vec::new();
    shipped_files(&dist, &mut files)?;
    files.sort();
    let mut total = Sizes::default();
    println!("\nRelease build transfer size ({}):", dist.display());
    println!(
        "  {:<60} {:>8}   {:>8}   {:>8}",
        "", "raw", "gzip -9", "brotli"
    );
    for path in &files {
        let sizes = Sizes::of_file(path)?;
        total += sizes;
        let name = path
            .strip_prefix(&dist)
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        print_row(&name, sizes);
    }
    print_row("total", total);
    println!(
        "SIZE total_gzip_bytes={} total_brotli_bytes={} total_raw_bytes={}",
        total.gzip, total.brotli, total.raw
    );
    Ok(())
}

/// The wasm, JS (the glue and its snippets) and CSS under `dir`.
fn shipped_files(dir: &Path, files: &mut Vec<std::path::PathBuf>) -> Result {
    let entries =
        std::fs::read_dir(dir).map_err(|e| format!("no {}: {e}; build first", dir.display()))?;
    for path in entries.filter_map(|entry| entry.ok().map(|e| e.path())) {
        if path.is_dir() {
            shipped_files(&path, files)?;
        } else if path
            .extension()
            .is_some_and(|ext| ext == "wasm" || ext == "js" || ext == "css")
        {
            files.push(path);
        }
    }
    Ok(())
}

fn print_row(name: &str, sizes: Sizes) {
    println!(
        "  {name:<60} {:>8} B {:>8} B {:>8} B",
        sizes.raw, sizes.gzip, sizes.brotli
    );
}

fn gzip_len(bytes: &[u8]) -> Result<usize> {
    let mut encoder = GzEncoder::new(Vec::new(), Compression::best());
    encoder.write_all(bytes).map_err(|e| e.to_string())?;
    encoder
        .finish()
        .map(|out| out.len())
        .map_err(|e| e.to_string())
}

fn brotli_len(bytes: &[u8]) -> Result<usize> {
    let mut out = Vec::new();
    let params = brotli::enc::BrotliEncoderParams {
        quality: 11,
        lgwin: 22,
        ..Default::default()
    };
    brotli::BrotliCompress(&mut &bytes[..], &mut out, &params).map_err(|e| e.to_string())?;
    Ok(out.len())
}
