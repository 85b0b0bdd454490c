//! What each step of the release profile saves: the widget built again with the
//! profile's settings switched on one at a time, each measured as shipped (after
//! wasm-bindgen, gzip and brotli). Slow (one full build per step), so on demand only.

use std::path::{Path, PathBuf};

use crate::layout;
use crate::names;
use crate::run::{command, root, run, tools_bin, Result};
use crate::size::Sizes;
use crate::std_for_size;

/// One build: the release profile with these settings, then `wasm-opt` or not.
struct Step {
    what: &'static str,
    opt_level: &'static str,
    lto: &'static str,
    codegen_units: &'static str,
    panic: &'static str,
    wasm_opt: Option<&'static [&'static str]>,
    /// The standard library rebuilt for size, panics aborting at once (`std_for_size`).
    std_for_size: bool,
    /// Functions laid out by similarity (`layout`).
    layout: bool,
    /// Import names and long export names shortened in the module and the glue (`names`).
    short_names: bool,
}

/// Cargo's release profile as it comes.
const CARGO_DEFAULT: Step = Step {
    what: "Cargo's default release profile",
    opt_level: "3",
    lto: "false",
    codegen_units: "16",
    panic: "unwind",
    wasm_opt: None,
    std_for_size: false,
    layout: false,
    short_names: false,
};

/// The build `cargo xtask size` measures.
const SHIPPED: Step = Step {
    what: "as shipped",
    opt_level: "z",
    lto: "true",
    codegen_units: "1",
    panic: "abort",
    wasm_opt: Some(&["-Oz"]),
    std_for_size: true,
    layout: true,
    short_names: true,
};

/// Each step adds one setting to the one before; the last changes one of the shipped.
const STEPS: &[Step] = &[
    CARGO_DEFAULT,
    Step {
        what: "+ opt-level = \"z\"",
        opt_level: "z",
        ..CARGO_DEFAULT
    },
    Step {
        what: "+ lto = true",
        opt_level: "z",
        lto: "true",
        ..CARGO_DEFAULT
    },
    Step {
        what: "+ codegen-units = 1",
        opt_level: "z",
        lto: "true",
        codegen_units: "1",
        ..CARGO_DEFAULT
    },
    Step {
        what: "+ panic = \"abort\"",
        wasm_opt: None,
        std_for_size: false,
        layout: false,
        short_names: false,
        ..SHIPPED
    },
    Step {
        what: "+ wasm-opt -Oz",
        std_for_size: false,
        layout: false,
        short_names: false,
        ..SHIPPED
    },
    Step {
        what: "+ std rebuilt for size, immediate abort",
        layout: false,
        short_names: false,
        ..SHIPPED
    },
    Step {
        what: "+ functions laid out by similarity",
        short_names: false,
        ..SHIPPED
    },
    Step {
        what: "+ import and long export names shortened (as shipped)",
        ..SHIPPED
    },
    Step {
        what: "opt-level = \"s\" instead, as shipped otherwise",
        opt_level: "s",
        ..SHIPPED
    },
];

/// Builds and measures every step from `first` on (`--from N`: the later steps alone,
/// after a change that only they hold).
pub fn report(first: usize) -> Result {
    let target_dir = root().join("target/size-steps");
    let mut rows = Vec::new();
    for (number, step) in STEPS.iter().enumerate().skip(first) {
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
            wasm.gzip9, js.gzip9, wasm.brotli, step.what
        );
        rows.push((step.what, wasm, js));
    }
    println!("\nWhat each step of the release profile saves (the styles are in the module):");
    println!(
        "  {:<48} {:>9} {:>9} {:>9} {:>9} {:>9}",
        "build", "wasm", "wasm gz", "wasm br", "JS gz", "total gz"
    );
    let mut previous: Option<usize> = None;
    for (what, wasm, js) in rows {
        let total = wasm.gzip9 + js.gzip9;
        let saved = previous.map_or(String::new(), |p| {
            format!(" ({:+} B)", total as i64 - p as i64)
        });
        println!(
            "  {what:<48} {:>9} {:>9} {:>9} {:>9} {:>9}{saved}",
            wasm.raw, wasm.gzip9, wasm.brotli, js.gzip9, total
        );
        previous = Some(total);
    }
    Ok(())
}

/// Builds the widget with `step`'s profile into its own target directory (so the
/// main build's cache stays warm) and measures the wasm and the JS glue.
fn build(step: &Step, target_dir: &Path, out: &Path) -> Result<(Sizes, Sizes)> {
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
    cargo
        .env("CARGO_TARGET_DIR", target_dir)
        .env("CARGO_PROFILE_RELEASE_OPT_LEVEL", step.opt_level)
        .env("CARGO_PROFILE_RELEASE_LTO", step.lto)
        .env("CARGO_PROFILE_RELEASE_CODEGEN_UNITS", step.codegen_units)
        .env("CARGO_PROFILE_RELEASE_PANIC", step.panic);
    run(if step.std_for_size {
        std_for_size::apply(cargo)
    } else {
        cargo
    })?;
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
    if let Some(flags) = step.wasm_opt {
        let optimized: PathBuf = out.join("optimized.wasm");
        let input = wasm.to_string_lossy();
        let output = optimized.to_string_lossy();
        let wasm_opt = tools_bin().join("wasm-opt");
        let mut args: Vec<&str> = flags.to_vec();
        args.extend_from_slice(&[&input, "-o", &output]);
        run(command(&wasm_opt.to_string_lossy(), &args))?;
        std::fs::rename(&optimized, &wasm).map_err(|e| e.to_string())?;
    }
    if step.layout {
        layout::module(&wasm)?;
    }
    let glue = out.join("gws-sms-widget.js");
    if step.short_names {
        names::files(&wasm, &glue)?;
    }
    Ok((Sizes::of_file(&wasm)?, Sizes::of_file(&glue)?))
}
