//! The demo and the test run.

use crate::bootstrap::{self, CHROMEDRIVER};
use crate::layout;
use crate::minify;
use crate::names;
use crate::package;
use crate::precompress;
use crate::react_host;
use crate::run::{command, root, run, step, Result};
use crate::servers;
use crate::size;
use crate::std_for_size;

/// Every check CI runs, in order from fastest feedback to slowest.
pub fn test() -> Result {
    bootstrap::all()?;
    step("cargo", &["fmt", "--all", "--", "--check"])?;
    let lints = ["--", "-D", "warnings"];
    step(
        "cargo",
        &[&["clippy", "--workspace", "--all-targets"][..], &lints].concat(),
    )?;
    // gws-types' tests are native only (proptest), so on wasm32 only its library is linted.
    let wasm = ["clippy", "--target", "wasm32-unknown-unknown"];
    let widget = ["-p", "gws-sms-widget", "--all-targets"];
    step("cargo", &[&wasm[..], &widget, &lints].concat())?;
    step(
        "cargo",
        &[&wasm[..], &["-p", "gws-types", "--lib"], &lints].concat(),
    )?;
    // The end-to-end tests (crates/e2e) drive the release build, so it comes first.
    build_release()?;
    // The npm package is made of it: a sample host's TypeScript against the package.
    package::host_types()?;
    // A React host installs the packed package; the end-to-end suite drives its page.
    react_host::build()?;
    // The widget's own run: built with the simulator, gws-types would carry the
    // directory fields the widget's readers leave out.
    step(
        "cargo",
        &["test", "--workspace", "--exclude", "gws-sms-widget"],
    )?;
    step("cargo", &["test", "-p", "gws-sms-widget"])?;
    browser_tests()?;
    size::report()?;
    println!("\nxtask: every check passed");
    Ok(())
}

/// wasm-bindgen-test in headless Chromium (see webdriver.json), with the GWS
/// simulator and the official CometD server running; their addresses reach the tests
/// at build time.
fn browser_tests() -> Result {
    let sim = servers::gws_sim()?;
    let cometd = servers::official_cometd()?;
    let mut tests = command(
        "cargo",
        &[
            "test",
            "--target",
            "wasm32-unknown-unknown",
            "-p",
            "gws-sms-widget",
            "--tests",
        ],
    );
    // The runner gives each test file's whole page 20 s by default; the log's
    // generated-scroll test alone takes about that on a busy machine.
    tests
        .env("WASM_BINDGEN_TEST_TIMEOUT", "120")
        .env("CHROMEDRIVER", CHROMEDRIVER)
        .env("GWS_SIM_URL", &sim.url)
        .env("COMETD_URL", &cometd.url);
    run(tests)
}

pub fn build_release() -> Result {
    run(std_for_size::apply(command(
        "trunk",
        &["build", "--release", "--offline"],
    )))?;
    let dist = root().join("dist");
    minify::dist(&dist)?;
    layout::dist(&dist)?;
    names::dist(&dist)?;
    precompress::dist(&dist)
}

/// Builds the widget and serves it with the simulator.
pub fn demo(args: &[String]) -> Result {
    bootstrap::all()?;
    build_release()?;
    let listen = args
        .iter()
        .position(|arg| arg == "--listen")
        .and_then(|at| args.get(at + 1))
        .map_or("127.0.0.1:8080", String::as_str);
    let dist = root().join("dist");
    let dist = dist.to_string_lossy();
    step(
        "cargo",
        &[
            "run",
            "--release",
            "-p",
            "gws-sim",
            "--bin",
            "gws-sim",
            "--",
            "--listen",
            listen,
            "--static",
            &dist,
        ],
    )
}
