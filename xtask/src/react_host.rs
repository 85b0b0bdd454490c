//! `cargo xtask react-host`: the React example host (`examples/react-host`) built against
//! the packed package, as a host installs it.
//!
//! The package is written from the current `dist/` and packed, npm installs the tarball
//! into the example without saving it (its `package.json` and lock file name only React
//! and esbuild, so `npm ci` works on a fresh clone, before any tarball exists), and the
//! example's `npm run build` bundles it with esbuild into `examples/react-host/dist/`,
//! which the end-to-end suite serves.

use std::fs;

use crate::package;
use crate::run::{command, root, run, Result};

/// The example, relative to the workspace root.
pub const EXAMPLE: &str = "examples/react-host";

pub fn build() -> Result {
    let packed = package::pack(&package::write(&root().join("dist"))?)?;
    let example = root().join(EXAMPLE);
    if !example.join("node_modules/esbuild").exists() {
        return Err(format!(
            "{EXAMPLE}/node_modules lacks esbuild; run cargo xtask bootstrap"
        ));
    }
    // Same version, new contents: npm would keep an earlier install of the tarball.
    let installed = example.join("node_modules/gws-sms-widget");
    match fs::remove_dir_all(&installed) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
            return Err(format!("{}: {e}", installed.display()))
        }
        _ => {}
    }
    let tarball = packed.tarball.to_string_lossy();
    let mut install = command(
        "npm",
        &["install", "--no-save", "--no-audit", "--no-fund", &tarball],
    );
    install.current_dir(&example);
    run(install)?;
    let mut bundle = command("npm", &["run", "build"]);
    bundle.current_dir(&example);
    run(bundle)?;
    println!("\nReact host: {}", example.join("dist").display());
    Ok(())
}
