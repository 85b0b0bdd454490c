//! Installs what the demo and the tests need, skipping what is already there.
//! Only package registries are reachable, so every tool comes from one of them.

use std::path::{Path, PathBuf};
use std::process::Stdio;

use crate::run::{cargo_home, command, output_of, root, run, step, tools_bin, Result};

const TRUNK_VERSION: &str = "0.21.14";
/// npm packages of the release build: wasm-opt (binaryen) and the JS minifier.
const BUILD_TOOLS: [(&str, &str); 2] = [("wasm-opt", "binaryen@132"), ("terser", "terser@5.51.4")];
pub const CHROMIUM: &str = "/usr/bin/chromium";
pub const CHROMEDRIVER: &str = "/usr/bin/chromedriver";

pub fn all() -> Result {
    wasm_target()?;
    rust_components()?;
    std_dependencies()?;
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

/// The release build rebuilds the standard library (`std_for_size`), whose own
/// dependencies come from the registry, and Trunk runs Cargo offline: they must be in
/// Cargo's cache first. An offline fetch succeeds exactly when they are.
fn std_dependencies() -> Result {
    let sysroot = output_of("rustc", &["--print", "sysroot"])
        .ok_or_else(|| "rustc --print sysroot failed".to_owned())?;
    let manifest = Path::new(&sysroot).join("lib/rustlib/src/rust/library/Cargo.toml");
    let manifest = manifest.to_string_lossy();
    let fetch = |offline: bool| {
        let mut args = vec!["fetch", "--locked", "--manifest-path", &manifest];
        if offline {
            args.push("--offline");
        }
        let mut fetch = command("cargo", &args);
        // The library's manifest uses Cargo features of the toolchain's own build.
        fetch.env("RUSTC_BOOTSTRAP", "1");
        fetch
    };
    let cached = fetch(true)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|status| status.success());
    if cached {
        return Ok(());
    }
    run(fetch(false))
}

fn trunk() -> Result {
    let version = output_of("trunk", &["--version"]).unwrap_or_default();
    if version.ends_with(TRUNK_VERSION) {
        return Ok(());
    }
    // Trunk's own lock file names crossbeam-channel 0.5.14, a yanked release: build it
    // from its source with that one entry moved to the fixed release, all else as locked.
    let source = trunk_source()?;
    let mut update = command(
        "cargo",
        &["update", "-p", "crossbeam-channel", "--precise", "0.5.15"],
    );
    update.current_dir(&source);
    run(update)?;
    let source = source.to_string_lossy();
    step("cargo", &["install", "--locked", "--path", &source])
}

/// Trunk's published source, copied out of Cargo's cache into the system's temporary
/// directory, outside this workspace (a crate nobody depends on is fetched through a
/// scratch manifest that depends on it).
fn trunk_source() -> Result<PathBuf> {
    let scratch = std::env::temp_dir().join("gws-sms-trunk-fetch");
    std::fs::create_dir_all(&scratch).map_err(|e| format!("cannot create {scratch:?}: {e}"))?;
    let manifest = format!(
        "[package]\nname = \"trunk-fetch\"\nversion = \"0.0.0\"\nedition = \"2021\"\npublish = false\n\n\
         [lib]\npath = \"lib.rs\"\n\n[dependencies]\ntrunk = \"={TRUNK_VERSION}\"\n\n[workspace]\n"
    );
    let write = |name: &str, text: &str| {
        std::fs::write(scratch.join(name), text).map_err(|e| format!("cannot write {name}: {e}"))
    };
    write("Cargo.toml", &manifest)?;
    write("lib.rs", "")?;
    let mut fetch = command("cargo", &["fetch"]);
    fetch.current_dir(&scratch);
    run(fetch)?;
    let name = format!("trunk-{TRUNK_VERSION}");
    let cached = cargo_home()
        .ok_or_else(|| "neither CARGO_HOME nor HOME is set".to_owned())?
        .join("registry/src")
        .read_dir()
        .map_err(|e| format!("cannot read Cargo's registry cache: {e}"))?
        .filter_map(|entry| entry.ok())
        .map(|entry| entry.path().join(&name))
        .find(|path| path.join("Cargo.toml").exists())
        .ok_or_else(|| format!("{name} is not in Cargo's registry cache after fetching it"))?;
    let source = std::env::temp_dir().join(format!("gws-sms-{name}"));
    let _ = std::fs::remove_dir_all(&source);
    copy_tree(&cached, &source)?;
    Ok(source)
}

fn copy_tree(from: &Path, to: &Path) -> Result {
    std::fs::create_dir_all(to).map_err(|e| format!("cannot create {to:?}: {e}"))?;
    let entries = from
        .read_dir()
        .map_err(|e| format!("cannot read {from:?}: {e}"))?;
    for entry in entries {
        let entry = entry.map_err(|e| format!("cannot read {from:?}: {e}"))?;
        let (source, target) = (entry.path(), to.join(entry.file_name()));
        if source.is_dir() {
            copy_tree(&source, &target)?;
        } else {
            std::fs::copy(&source, &target).map_err(|e| format!("cannot copy {source:?}: {e}"))?;
        }
    }
    Ok(())
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

/// npm packages of the tests: the official CometD client (for the simulator) and server
/// (for the widget's Bayeux client), axe-core (accessibility, end to end), TypeScript
/// (a sample host type-checked against the npm package), and React with esbuild (the
/// example host the end-to-end suite drives).
fn npm_packages() -> Result {
    for dir in [
        "crates/gws-sim/interop",
        "tests/cometd-official",
        "crates/e2e/axe",
        "tests/host-types",
        crate::react_host::EXAMPLE,
    ] {
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
