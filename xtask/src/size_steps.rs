//! What each step of the release profile saves: the widget built again with the
//! profile's settings switched on one at a time, each measured as shipped (after
//! wasm-bindgen, gzip and brotli). Slow (one full build per step), so on demand only.

use std::path::{Path, PathBuf};

use crate::run::{command, root, run, tools_bin, Result};
use crate::size::Sizes;

/// One build: a release profile, then `wasm-opt` or not.
struct Step {
    what: &'static str,
    /// Settings that replace the release profile's, built in a target directory of
    /// their own; `None` is the shipped profile of `Cargo.toml`, in the main one.
    profile: Option<Profile>,
    wasm_opt: bool,
}

struct Profile {
    opt_level: &'static str,
    lto: &'static str,
    codegen_units: &'static str,
}

/// `panic = "abort"` has no step of its own: wasm32-unknown-unknown only aborts, so
/// the setting changes nothing there (it keeps native builds of the crate honest).
const STEPS: &[Step] = &[
    Step {
        what: "Cargo's default release profile",
        profile: Some(Profile {
            opt_level: "3",
            lto: "false",
            codegen_units: "16",
        }),
        wasm_opt: false,
    },
    Step {
        what: "+ opt-level = \"z\"",
        profile: Some(Profile {
            opt_level: "z",
            lto: "false",
            codegen_units: "16",
        }),
        wasm_opt: false,
    },
    Step {
        what: "+ lto = true",
        profile: Some(Profile {
            opt_level: "z",
            lto: "true",
            codegen_units: "16",
        }),
        wasm_opt: false,
    },
    Step {
        what: "+ codegen-units = 1, panic = \"abort\"",
        profile: None,
        wasm_opt: false,
    },
    Step {
        what: "+ wasm-opt -Oz (as shipped)",
        profile: None,
        wasm_opt: true,
    },
];

pub fn report() -> Result {
    let target_dir = root().join("target/size-steps");
    let css = Sizes::of_file(&root().join("static/widget.css"))?;
    let mut rows = Vec::new();
    for (number, step) in STEPS.iter().enumerate() {
        let out = target_dir.join(format!("step-{number}"));
        let (wasm, js) = match build(step, &target_dir, &out) {
            Ok(sizes) => sizes,
            Err(error) => {
                println!("SIZE-STEP {number} not built ({error}) what={}", step.what);
                continue;
            }
        };
        println!(
            "SIZE-STEP {number} wasm_gzip={} js_gzip={} wasm_brotli={} what={}",
            wasm.gzip, js.gzip, wasm.brotli, step.what
        );
        rows.push((step.what, wasm, js));
    }
    println!(
        "\nWhat each step of the release profile saves (CSS {} B gzip, unminified, in every row):",
        css.gzip
    );
    println!(
        "  {:<46} {:>9} {:>9} {:>9} {:>9} {:>9}",
        "build", "wasm", "wasm gz", "wasm br", "JS gz", "total gz"
    );
    let mut previous: Option<usize> = None;
    for (what, wasm, js) in rows {
        let total = wasm.gzip + js.gzip + css.gzip;
        let saved = previous.map_or(String::new(), |p| {
            format!(" ({:+} B)", total as i64 - p as i64)
        });
        println!(
            "  {what:<46} {:>9} {:>9} {:>9} {:>9} {:>9}{saved}",
            wasm.raw, wasm.gzip, wasm.brotli, js.gzip, total
        );
        previous = Some(total);
    }
    Ok(())
}

/// Builds the widget with `step`'s profile into its own target directory (so the
/// main build's cache stays warm) and measures the wasm and the JS glue.
fn build(step: &Step, steps_dir: &Path, out: &Path) -> Result<(Sizes, Sizes)> {
    let mut cargo = command(
        "cargo",
        &[
            "build",
            "--release",
            "--target",
            "wasm32-unknown-unknown",
            "--bin",
            "gws-sms-widget",
        ],
    );
    let target_dir = match &step.profile {
        Some(profile) => {
            cargo
                .env("CARGO_TARGET_DIR", steps_dir)
                .env("CARGO_PROFILE_RELEASE_OPT_LEVEL", profile.opt_level)
                .env("CARGO_PROFILE_RELEASE_LTO", profile.lto)
                .env("CARGO_PROFILE_RELEASE_CODEGEN_UNITS", profile.codegen_units);
            steps_dir.to_path_buf()
        }
        None => root().join("target"),
    };
    run(cargo)?;
    let _ = std::fs::remove_dir_all(out);
    let built = target_dir.join("wasm32-unknown-unknown/release/gws-sms-widget.wasm");
    let built = built.to_string_lossy();
    let out_dir = out.to_string_lossy();
    run(command(
        "wasm-bindgen",
        &[
            "--target",
            "web",
            "--no-typescript",
            "--out-dir",
            &out_dir,
            &built,
        ],
    ))?;
    let wasm = out.join("gws-sms-widget_bg.wasm");
    if step.wasm_opt {
        let optimized: PathBuf = out.join("optimized.wasm");
        let input = wasm.to_string_lossy();
        let output = optimized.to_string_lossy();
        let wasm_opt = tools_bin().join("wasm-opt");
        run(command(
            &wasm_opt.to_string_lossy(),
            &["-Oz", &input, "-o", &output],
        ))?;
        std::fs::rename(&optimized, &wasm).map_err(|e| e.to_string())?;
    }
    Ok((
        Sizes::of_file(&wasm)?,
        Sizes::of_file(&out.join("gws-sms-widget.js"))?,
    ))
}
