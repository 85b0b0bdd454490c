//! The release build as an npm package for hosts (`target/package/`), and the check that
//! a host's TypeScript type-checks against it.
//!
//! The package holds the module under the names its glue expects (`init()` without an
//! argument fetches `gws-sms-widget_bg.wasm` beside `gws-sms-widget.js`, and a reload after
//! a stop derives the `.wasm` from the glue's URL the same way), the glue's snippets as
//! it imports them (the widget's styles are inside the module), the declarations, the
//! Custom Elements Manifest and a README for hosts. The precompressed copies stay in `dist/`: a host's own build or
//! server compresses what it serves.

use std::fs;
use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::names;
use crate::run::{command, root, run, Result};
use crate::wasm;

/// The module's file names in the package, as wasm-bindgen names them for the crate.
const GLUE: &str = "gws-sms-widget.js";
const MODULE: &str = "gws-sms-widget_bg.wasm";
const TYPES: &str = "gws-sms-widget.d.ts";
const MANIFEST: &str = "custom-elements.json";
/// The shipped catalogue files' folder, beside the glue, where the widget looks for them.
const MESSAGES: &str = "messages/";
/// What `files` ships besides `package.json` and the README, which npm always packs.
const FILES: [&str; 6] = [GLUE, MODULE, "snippets/", MESSAGES, TYPES, MANIFEST];

/// The sample host that is type-checked against the package.
const HOST_TYPES: &str = "tests/host-types";

/// A packed package: the tarball and its size.
pub struct Packed {
    pub tarball: PathBuf,
    pub size: u64,
    pub unpacked: u64,
    pub entries: u64,
}

/// `cargo xtask package`: the release build, then the package written and packed.
pub fn build() -> Result {
    crate::tasks::build_release()?;
    let folder = write(&root().join("dist"))?;
    let packed = pack(&folder)?;
    println!("\nnpm package: {}", folder.display());
    println!(
        "packed: {} ({} B; {} files, {} B unpacked)",
        packed.tarball.display(),
        packed.size,
        packed.entries,
        packed.unpacked
    );
    Ok(())
}

/// Writes the package folder from a release `dist/`, replacing any earlier one.
pub fn write(dist: &Path) -> Result<PathBuf> {
    let folder = root().join("target/package");
    match fs::remove_dir_all(&folder) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
            return Err(format!("{}: {e}", folder.display()))
        }
        _ => {}
    }
    create_dir(&folder)?;
    let module = wasm::find(dist)?;
    let glue = read_text(&names::glue_of(&module)?)?;
    // A glue that names its module otherwise would look for a file the package lacks.
    if !glue.contains(&format!("\"{MODULE}\"")) {
        return Err(format!("the glue does not fetch {MODULE} by default"));
    }
    write_file(&folder.join(GLUE), glue.as_bytes())?;
    copy(&module, &folder.join(MODULE))?;
    copy_scripts(&dist.join("snippets"), &folder.join("snippets"))?;
    for import in snippet_imports(&glue) {
        if !folder.join(&import).is_file() {
            return Err(format!("the glue imports ./{import}, which dist/ lacks"));
        }
    }
    let catalogues = folder.join(MESSAGES);
    create_dir(&catalogues)?;
    let shipped = root().join("static/messages");
    let listing = fs::read_dir(&shipped).map_err(|e| format!("{}: {e}", shipped.display()))?;
    for entry in listing {
        let path = entry
            .map_err(|e| format!("{}: {e}", shipped.display()))?
            .path();
        if let Some(name) = path
            .file_name()
            .filter(|_| path.extension().is_some_and(|e| e == "json"))
        {
            copy(&path, &catalogues.join(name))?;
        }
    }
    let embed = root().join("src/embed");
    copy(&embed.join(TYPES), &folder.join(TYPES))?;
    copy(&embed.join(MANIFEST), &folder.join(MANIFEST))?;
    copy(&embed.join("README.md"), &folder.join("README.md"))?;
    write_file(&folder.join("package.json"), package_json()?.as_bytes())?;
    Ok(folder)
}

/// `package.json`, with the crate's name, version, description and licence.
fn package_json() -> Result<String> {
    let output = command(
        "cargo",
        &[
            "metadata",
            "--no-deps",
            "--format-version",
            "1",
            "--offline",
        ],
    )
    .output()
    .map_err(|e| format!("cargo metadata: {e}"))?;
    if !output.status.success() {
        return Err("cargo metadata failed".to_owned());
    }
    let metadata: Value =
        serde_json::from_slice(&output.stdout).map_err(|e| format!("cargo metadata: {e}"))?;
    let crate_ = metadata["packages"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|package| package["name"] == "gws-sms-widget")
        .ok_or("cargo metadata lists no gws-sms-widget")?;
    let field = |name: &str| {
        crate_[name]
            .as_str()
            .map(quote)
            .ok_or_else(|| format!("the crate has no {name}"))
    };
    let files: Vec<String> = FILES.iter().map(|file| quote(file)).collect();
    // Written out rather than built as a map, so that `types` comes first among the
    // export conditions, as resolvers require.
    Ok(format!(
        r#"{{
  "name": {name},
  "version": {version},
  "description": {description},
  "license": {license},
  "type": "module",
  "main": "./{GLUE}",
  "types": "./{TYPES}",
  "exports": {{
    ".": {{
      "types": "./{TYPES}",
      "default": "./{GLUE}"
    }},
    "./{MODULE}": "./{MODULE}",
    "./{MANIFEST}": "./{MANIFEST}",
    "./package.json": "./package.json"
  }},
  "files": [{files}],
  "sideEffects": false,
  "customElements": "./{MANIFEST}"
}}
"#,
        name = field("name")?,
        version = field("version")?,
        description = field("description")?,
        license = field("license")?,
        files = files.join(", "),
    ))
}

fn quote(text: &str) -> String {
    Value::from(text).to_string()
}

/// Packs the folder with npm into `target/`: npm's own check that it is a package.
pub fn pack(folder: &Path) -> Result<Packed> {
    let destination = root().join("target");
    let destination = destination.to_string_lossy();
    let mut npm = command(
        "npm",
        &["pack", "--json", "--pack-destination", &destination],
    );
    npm.current_dir(folder);
    let output = npm.output().map_err(|e| format!("npm pack: {e}"))?;
    if !output.status.success() {
        return Err(format!(
            "npm pack refused {}:\n{}",
            folder.display(),
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    let report: Value =
        serde_json::from_slice(&output.stdout).map_err(|e| format!("npm pack --json: {e}"))?;
    let report = &report[0];
    let number = |name: &str| {
        report[name]
            .as_u64()
            .ok_or_else(|| format!("npm pack --json gave no {name}"))
    };
    let filename = report["filename"]
        .as_str()
        .ok_or("npm pack --json gave no filename")?;
    let packed: Vec<&str> = report["files"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|file| file["path"].as_str())
        .collect();
    for wanted in [
        GLUE,
        MODULE,
        TYPES,
        MANIFEST,
        "README.md",
        "messages/de.json",
    ] {
        if !packed.contains(&wanted) {
            return Err(format!("npm pack left out {wanted}"));
        }
    }
    Ok(Packed {
        tarball: root().join("target").join(filename),
        size: number("size")?,
        unpacked: number("unpackedSize")?,
        entries: number("entryCount")?,
    })
}

/// The package written from the current `dist/` and packed, its tarball unpacked into
/// the sample host's `node_modules` as npm would install it, and the host type-checked
/// with `tsc`. Its `@ts-expect-error` lines make tsc fail when a wrong event name, detail
/// field or configuration key is accepted.
pub fn host_types() -> Result {
    let packed = pack(&write(&root().join("dist"))?)?;
    let host = root().join(HOST_TYPES);
    let tsc = host.join("node_modules/.bin/tsc");
    if !tsc.exists() {
        return Err(format!(
            "{} is missing; run cargo xtask bootstrap",
            tsc.display()
        ));
    }
    let installed = host.join("node_modules/gws-sms-widget");
    match fs::remove_dir_all(&installed) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
            return Err(format!("{}: {e}", installed.display()))
        }
        _ => {}
    }
    create_dir(&installed)?;
    let tarball = packed.tarball.to_string_lossy();
    let into = installed.to_string_lossy();
    let unpack = ["-xzf", &tarball, "-C", &into, "--strip-components=1"];
    run(command("tar", &unpack))?;
    let mut check = command(&tsc.to_string_lossy(), &["-p", "tsconfig.json"]);
    check.current_dir(&host);
    run(check).map_err(|error| {
        format!(
            "{error}: the sample host ({HOST_TYPES}/host.ts) does not type-check against \
             the package as tsc says above"
        )
    })
}

/// `./snippets/…` paths the glue imports.
fn snippet_imports(glue: &str) -> Vec<String> {
    glue.split("\"./")
        .skip(1)
        .filter_map(|rest| rest.split_once('"').map(|(path, _)| path))
        .filter(|path| path.starts_with("snippets/"))
        .map(str::to_owned)
        .collect()
}

/// The `.js` files under `from`, in the same places under `to`.
fn copy_scripts(from: &Path, to: &Path) -> Result {
    create_dir(to)?;
    let entries = fs::read_dir(from).map_err(|e| format!("{}: {e}", from.display()))?;
    for path in entries.filter_map(|entry| entry.ok().map(|e| e.path())) {
        let target = to.join(path.file_name().unwrap_or_default());
        if path.is_dir() {
            copy_scripts(&path, &target)?;
        } else if path.extension().is_some_and(|ext| ext == "js") {
            copy(&path, &target)?;
        }
    }
    Ok(())
}

fn create_dir(dir: &Path) -> Result {
    fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))
}

fn copy(from: &Path, to: &Path) -> Result {
    fs::copy(from, to)
        .map(|_| ())
        .map_err(|e| format!("{} to {}: {e}", from.display(), to.display()))
}

fn read_text(path: &Path) -> Result<String> {
    fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))
}

fn write_file(path: &Path, bytes: &[u8]) -> Result {
    fs::write(path, bytes).map_err(|e| format!("{}: {e}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_snippets_the_glue_imports() {
        let glue = r#"import{a as e}from"./snippets/w-1/src/embed/element.js";import*as t from"./snippets/w-1/src/embed/stop.js";const u=new URL("gws-sms-widget_bg.wasm",import.meta.url);"#;
        assert_eq!(
            snippet_imports(glue),
            [
                "snippets/w-1/src/embed/element.js",
                "snippets/w-1/src/embed/stop.js"
            ]
        );
    }

    #[test]
    fn the_package_json_puts_types_first_and_ships_the_files() {
        let json = package_json().expect("package.json");
        let value: Value = serde_json::from_str(&json).expect("JSON");
        assert_eq!(value["name"], "gws-sms-widget");
        assert_eq!(value["type"], "module");
        assert_eq!(value["types"], format!("./{TYPES}"));
        assert_eq!(value["customElements"], format!("./{MANIFEST}"));
        let exports = json.split_once("\"exports\"").expect("exports").1;
        let types = exports.find("\"types\":").expect("a types condition");
        let default = exports.find("\"default\":").expect("a default condition");
        assert!(types < default, "types comes first among the conditions");
        assert_eq!(value["files"].as_array().map(Vec::len), Some(FILES.len()));
    }
}
