//! `cargo xtask bench`: every benchmark, one after the other on a quiet machine.
//! Each prints its figures; none fails because a figure is slow.

use crate::bootstrap;
use crate::run::{command, run, step, Result};
use crate::{size, tasks};

pub fn all() -> Result {
    bootstrap::all()?;
    tasks::build_release()?;
    size::report()?;
    simulator_load()?;
    println!("\nxtask: every benchmark ran");
    Ok(())
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
