//! Installs what the demo and the tests need, skipping what is already there.
//! Only package registries are reachable, so every tool comes from one of them.

use crate::run::{command, output_of, root, run, step, tools_bin, Result};

const TRUNK_VERSION: &str = "0.21.14";
/// npm packages of the release build: wasm-opt (binaryen) and the JS minifier.
const BUILD_TOOLS: [(&str, &str); 2] = [("wasm-opt", "binaryen@132"), ("terser", "terser@5.51.4")];
pub const CHROMIUM: &str = "/usr/bin/chromium";
pub const CHROMEDRIVER: &str = "/usr/bin/chromedriver";

pub fn all() -> Result {
    wasm_target()?;
    rust_components()?;
    trunk()?;
    wasm_bindgen_cli()?;
    build_tools()?;
    chromium()?;
    npm_packages()?;
    println!("\nxtask: toolchain ready");
    Ok(())
}

fn wasm_target() -> Result {
    let installed = output_of("rustup", &["target", "list", "--installed"]).unwrap_or_default();
    if installed
        .lines()
        .any(|line| line == "wasm32-unknown-unknown")
    {
        return Ok(());
    }
    step("rustup", &["target", "add", "wasm32-unknown-unknown"])
}

fn rust_components() -> Result {
    let installed = output_of("rustup", &["component", "list", "--installed"]).unwrap_or_default();
    // rust-src: the shipped module links a standard library rebuilt for size.
    for component in ["rustfmt", "clippy", "rust-src"] {
        if !installed.lines().any(|line| line.starts_with(component)) {
            step("rustup", &["component", "add", component])?;
        }
    }
    Ok(())
}

fn trunk() -> Result {
    let version = output_of("trunk", &["--version"]).unwrap_or_default();
    if version.ends_with(TRUNK_VERSION) {
        return Ok(());
    }
    step(
        "cargo",
        &["install", "--locked", "trunk", "--version", TRUNK_VERSION],
    )
}

/// The CLI must equal the `wasm-bindgen` crate in `Cargo.lock` exactly.
fn wasm_bindgen_cli() -> Result {
    let wanted = locked_version("wasm-bindgen")?;
    let version = output_of("wasm-bindgen", &["--version"]).unwrap_or_default();
    let runner = output_of("wasm-bindgen-test-runner", &["--version"]).unwrap_or_default();
    if version.ends_with(&wanted) && runner.ends_with(&wanted) {
        return Ok(());
    }
    // Not `--locked`: its lock file names a crate release the registry lacks.
    step(
        "cargo",
        &[
            "install",
            "--force",
            "wasm-bindgen-cli",
            "--version",
            &wanted,
        ],
    )
}

/// Debian's binaryen is too old for current rustc output; npm's build is current.
fn build_tools() -> Result {
    let missing: Vec<&str> = BUILD_TOOLS
        .iter()
        .filter(|(bin, _)| !tools_bin().join(bin).exists())
        .map(|&(_, package)| package)
        .collect();
    if missing.is_empty() {
        return Ok(());
    }
    ensure_node()?;
    let tools = root().join(".tools");
    std::fs::create_dir_all(&tools).map_err(|e| format!("cannot create .tools: {e}"))?;
    let mut args = vec!["install", "--no-audit", "--no-fund"];
    args.extend(missing);
    let mut install = command("npm", &args);
    install.current_dir(&tools);
    run(install)
}

fn chromium() -> Result {
    if std::path::Path::new(CHROMIUM).exists() && std::path::Path::new(CHROMEDRIVER).exists() {
        return Ok(());
    }
    apt_install(&["chromium", "chromium-driver"])
}

/// npm packages of the interoperability tests: the official CometD client (for the
/// simulator) and the official CometD server (for the widget's Bayeux client).
fn npm_packages() -> Result {
    for dir in ["crates/gws-sim/interop", "tests/cometd-official"] {
        let dir = root().join(dir);
        if dir.join("node_modules").exists() {
            continue;
        }
        ensure_node()?;
        let mut install = command("npm", &["ci", "--no-audit", "--no-fund"]);
        install.current_dir(&dir);
        run(install)?;
    }
    Ok(())
}

fn ensure_node() -> Result {
    if output_of("npm", &["--version"]).is_some() {
        return Ok(());
    }
    apt_install(&["nodejs", "npm"])
}

fn apt_install(packages: &[&str]) -> Result {
    let as_root = output_of("id", &["-u"]).as_deref() == Some("0");
    let sudo = if as_root { vec![] } else { vec!["sudo"] };
    let program = |args: &[&str]| {
        let mut all: Vec<&str> = sudo.clone();
        all.extend_from_slice(args);
        let (first, rest) = all
            .split_first()
            .map(|(f, r)| (*f, r.to_vec()))
            .unwrap_or(("true", vec![]));
        let mut cmd = command(first, &rest);
        cmd.env("DEBIAN_FRONTEND", "noninteractive");
        cmd
    };
    run(program(&["apt-get", "update"]))?;
    let mut install = vec!["apt-get", "install", "-y", "--no-install-recommends"];
    install.extend_from_slice(packages);
    run(program(&install))
}

/// The version of `package` recorded in `Cargo.lock`.
pub fn locked_version(package: &str) -> Result<String> {
    let lock = std::fs::read_to_string(root().join("Cargo.lock"))
        .map_err(|e| format!("cannot read Cargo.lock: {e}"))?;
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line == format!("name = \"{package}\"") {
            if let Some(version) = lines.next().and_then(|l| l.strip_prefix("version = \"")) {
                return Ok(version.trim_end_matches('"').to_owned());
            }
        }
    }
    Err(format!("{package} is not in Cargo.lock"))
}
