//! `cargo xtask profile-dist`: the release dist with a wasm module that keeps its function
//! names, so that a CPU profile (`bench --cpu-profile`) names the widget's Rust functions.
//! wasm-opt drops the name section; this runs wasm-bindgen on the linked module without it.

use std::fs;
use std::path::Path;

use crate::run::{command, root, run, step, Result};
use crate::std_for_size;

/// Where the dist is written.
const DIST: &str = "target/profile-dist";

pub fn build() -> Result {
    run(std_for_size::apply(command(
        "trunk",
        &["build", "--release", "--offline", "--dist", DIST],
    )))?;
    let dist = root().join(DIST);
    let glue = fs::read_dir(&dist)
        .map_err(|error| format!("{DIST}: {error}"))?
        .filter_map(|entry| entry.ok()?.file_name().into_string().ok())
        .find(|name| name.starts_with("gws-sms-widget-") && name.ends_with(".js"))
        .ok_or_else(|| format!("{DIST} holds no gws-sms-widget-*.js"))?;
    let name = glue.trim_end_matches(".js");
    let linked = root().join("target/wasm32-unknown-unknown/release/gws-sms-widget.wasm");
    let out = root().join("target/profile-bindgen");
    step(
        "wasm-bindgen",
        &[
            "--target",
            "web",
            "--no-typescript",
            "--out-name",
            name,
            "--out-dir",
            &out.to_string_lossy(),
            &linked.to_string_lossy(),
        ],
    )?;
    for file in [glue.clone(), format!("{name}_bg.wasm")] {
        fs::copy(out.join(&file), dist.join(&file))
            .map_err(|error| format!("copying {file}: {error}"))?;
    }
    drop_integrity(&dist.join("index.html"))?;
    println!("\nxtask: {DIST} is the release dist with a named wasm module");
    Ok(())
}

/// The page's `integrity` hashes are those of the files replaced: without them the
/// browser loads the new ones.
fn drop_integrity(page: &Path) -> Result {
    let html = fs::read_to_string(page).map_err(|error| format!("{}: {error}", page.display()))?;
    let mut kept = String::with_capacity(html.len());
    let mut rest = html.as_str();
    while let Some(at) = rest.find(" integrity=") {
        kept.push_str(&rest[..at]);
        let value = &rest[at + " integrity=".len()..];
        let end = value.find([' ', '>']).unwrap_or(value.len());
        rest = &value[end..];
    }
    kept.push_str(rest);
    fs::write(page, kept).map_err(|error| format!("{}: {error}", page.display()))
}
