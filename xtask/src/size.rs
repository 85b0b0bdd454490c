//! The release build's transfer size: what a browser downloads to show the widget.

use std::path::Path;

use crate::compress;
use crate::run::{root, Result};

/// Sizes of one file or a total: raw; gzip at level 9, as a server compressing on the fly
/// sends it; gzip as the release build stores it (Zopfli) and gws-sim sends it; brotli
/// (quality 11).
#[derive(Debug, Default, Clone, Copy)]
pub struct Sizes {
    pub raw: usize,
    pub gzip9: usize,
    pub gzip: usize,
    pub brotli: usize,
}

impl std::ops::AddAssign for Sizes {
    fn add_assign(&mut self, other: Sizes) {
        self.raw += other.raw;
        self.gzip9 += other.gzip9;
        self.gzip += other.gzip;
        self.brotli += other.brotli;
    }
}

impl Sizes {
    pub fn of(bytes: &[u8]) -> Result<Sizes> {
        Ok(Sizes {
            raw: bytes.len(),
            gzip9: compress::gzip9(bytes)?.len(),
            gzip: compress::zopfli(bytes)?.len(),
            brotli: compress::brotli(bytes)?.len(),
        })
    }

    pub fn of_file(path: &Path) -> Result<Sizes> {
        let bytes = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
        Sizes::of(&bytes)
    }

    /// A file of the release build as sent: its gzip and brotli sizes are those of the
    /// copies stored beside it (`precompress`), the bytes a server sends.
    fn of_shipped(path: &Path) -> Result<Sizes> {
        let read = |suffix: &str| {
            let mut name = path.as_os_str().to_owned();
            name.push(suffix);
            std::fs::read(&name).map_err(|e| {
                format!(
                    "{}: {e}; build with `cargo xtask size`",
                    Path::new(&name).display()
                )
            })
        };
        let bytes = read("")?;
        Ok(Sizes {
            raw: bytes.len(),
            gzip9: compress::gzip9(&bytes)?.len(),
            gzip: read(".gz")?.len(),
            brotli: read(".br")?.len(),
        })
    }
}

/// The demo page's own files: its loader, its simulator panel and that panel's styles.
/// A host page embedding the widget loads none of them.
fn is_demo_page(name: &str) -> bool {
    name == "boot.js" || name == "demo.js" || (name.starts_with("demo-") && name.ends_with(".css"))
}

/// What every host downloads (module, glue, styles), as sent (the precompressed gzip),
/// may weigh at most (issues 21 and 22).
const BUDGET: usize = 160_000;

/// Prints each shipped file of `dist/`, the widget's total and the demo page's, then the
/// catalogue files (read only where a language needs one); the last line is for scripts.
/// Says how far the widget is under its budget, and fails over it.
pub fn report() -> Result {
    let dist = root().join("dist");
    let mut files = Vec::new();
    shipped_files(&dist, &mut files)?;
    files.sort();
    let mut named = Vec::new();
    for path in &files {
        let name = path
            .strip_prefix(&dist)
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        named.push((name, Sizes::of_shipped(path)?));
    }
    println!("\nRelease build transfer size ({}):", dist.display());
    println!(
        "  {:<60} {:>8}   {:>8}   {:>8}   {:>8}",
        "", "raw", "gzip -9", "gzip", "brotli"
    );
    let (mut widget, mut demo) = (Sizes::default(), Sizes::default());
    for (name, sizes) in named.iter().filter(|(name, _)| !is_demo_page(name)) {
        widget += *sizes;
        print_row(name, *sizes);
    }
    print_row("the widget (what a host page loads)", widget);
    for (name, sizes) in named.iter().filter(|(name, _)| is_demo_page(name)) {
        demo += *sizes;
        print_row(name, *sizes);
    }
    let mut total = widget;
    total += demo;
    print_row("total: the demo page (the widget and the above)", total);
    println!(
        "SIZE total_gzip_bytes={} total_gzip9_bytes={} total_brotli_bytes={} total_raw_bytes={} widget_gzip_bytes={} widget_gzip9_bytes={} widget_brotli_bytes={}",
        total.gzip, total.gzip9, total.brotli, total.raw, widget.gzip, widget.gzip9, widget.brotli
    );
    println!("\nCatalogue files (one is read when a widget speaks its language):");
    for path in catalogues(&dist.join("messages"))? {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        print_row(&format!("messages/{name}"), Sizes::of_shipped(&path)?);
    }
    if widget.gzip > BUDGET {
        return Err(format!(
            "the widget is {} B as sent, {} B over its budget of {BUDGET} B",
            widget.gzip,
            widget.gzip - BUDGET
        ));
    }
    println!(
        "\nxtask: the widget is {} B as sent, {} B under its budget of {BUDGET} B",
        widget.gzip,
        BUDGET - widget.gzip
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

/// The catalogue files of `dir`, sorted.
fn catalogues(dir: &Path) -> Result<Vec<std::path::PathBuf>> {
    let entries =
        std::fs::read_dir(dir).map_err(|e| format!("no {}: {e}; build first", dir.display()))?;
    let mut files: Vec<_> = entries
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| path.extension().is_some_and(|ext| ext == "json"))
        .collect();
    files.sort();
    Ok(files)
}

fn print_row(name: &str, sizes: Sizes) {
    println!(
        "  {name:<60} {:>8} B {:>8} B {:>8} B {:>8} B",
        sizes.raw, sizes.gzip9, sizes.gzip, sizes.brotli
    );
}
