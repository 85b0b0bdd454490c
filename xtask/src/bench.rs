//! `cargo xtask bench`: every benchmark, one after the other on a quiet machine.
//! Each prints its figures; none fails because a figure is slow.

use crate::bootstrap::{self, CHROMEDRIVER};
use crate::run::{command, root, run, step, Result};
use crate::{size, std_for_size, tasks};

pub fn all() -> Result {
    bootstrap::all()?;
    tasks::build_release()?;
    size::report()?;
    render()?;
    live()?;
    simulator_load()?;
    println!("\nxtask: every benchmark ran");
    Ok(())
}

/// First render of 10,000 messages and appends, the widget next to plain JavaScript
/// (`tests/render_bench.rs`), in the release profile with the shipped standard library.
/// Its own target directory: the test build enables Yew's `test` feature, which the
/// shipped build must not share.
fn render() -> Result {
    let bench = command(
        "cargo",
        &[
            "test",
            "--release",
            // The test harness, like the widget, aborts on a panic.
            "-Zpanic-abort-tests",
            "--target",
            "wasm32-unknown-unknown",
            "-p",
            "gws-sms-widget",
            "--test",
            "render_bench",
            "--",
            "--nocapture",
        ],
    );
    let mut bench = std_for_size::apply(bench);
    bench
        .env("CARGO_TARGET_DIR", root().join("target/render-bench"))
        .env("CHROMEDRIVER", CHROMEDRIVER)
        .env("WASM_BINDGEN_TEST_TIMEOUT", "300");
    run(bench)
}

/// The built widget against gws-sim in headless Chromium: publish-to-DOM latency next
/// to the official CometD client in the same page, memory, opening a long log.
fn live() -> Result {
    let mut bench = command(
        "cargo",
        &["run", "--release", "-p", "e2e", "--bin", "bench"],
    );
    bench.env("CHROMEDRIVER", CHROMEDRIVER);
    run(bench)
}

/// The simulator holding 200 agents, each with a live long-poll and a customer
/// texting once a second (the simulator's specified load), then ten times a second
/// (its headroom).
fn simulator_load() -> Result {
    step(
        "cargo",
        &[
            "build",
            "--release",
            "-p",
            "gws-sim",
            "--bin",
            "gws-sim-load",
        ],
    )?;
    for rate in ["1", "10"] {
        run(command(
            "target/release/gws-sim-load",
            &["--agents", "200", "--seconds", "60", "--rate", rate],
        ))?;
    }
    Ok(())
}
