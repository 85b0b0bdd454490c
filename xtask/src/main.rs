//! `cargo xtask <command>`: the project's two front doors and their plumbing.
//!
//! - `demo`: installs what is missing, builds the widget, starts the GWS simulator
//!   serving it, and prints the URL to open.
//! - `test`: installs what is missing, then runs every check CI runs.
//! - `bootstrap`: only the installs.
//! - `size`: the release build's transfer size.
//! - `size-steps [--from N]`: what each setting of the release profile saves (one build
//!   per step).
//! - `package`: the release build as an npm package folder for hosts (`target/package/`),
//!   packed by npm.
//! - `host-types`: the package written from the current `dist/`, and a sample host's
//!   TypeScript type-checked against it (a step of `test`).
//! - `react-host`: the package from the current `dist/`, installed into the React example
//!   host (`examples/react-host`) and built there with esbuild (a step of `test`).
//! - `bench`: every benchmark; prints the figures `docs/benchmarks.md` records.
//! - `profile-dist`: a release dist whose wasm keeps its function names, for CPU profiles.

mod bench;
mod bootstrap;
mod compress;
mod layout;
mod minify;
mod names;
mod package;
mod precompress;
mod profile_dist;
mod react_host;
mod run;
mod servers;
mod size;
mod size_steps;
mod sri;
mod std_for_size;
mod tasks;
mod wasm;

use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("bootstrap") => bootstrap::all(),
        Some("test") => tasks::test(),
        Some("demo") => tasks::demo(&args[1..]),
        Some("size") => tasks::build_release().and_then(|()| size::report()),
        Some("size-steps") => {
            bootstrap::all().and_then(|()| size_steps::report(from_step(&args[1..])))
        }
        Some("package") => package::build(),
        Some("host-types") => package::host_types(),
        Some("react-host") => react_host::build(),
        Some("bench") => bench::all(),
        Some("profile-dist") => profile_dist::build(),
        _ => {
            eprintln!("usage: cargo xtask <demo [--listen ADDR] | test | bootstrap | size | size-steps [--from N] | package | host-types | react-host | bench | profile-dist>");
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("xtask: {error}");
            ExitCode::FAILURE
        }
    }
}

/// `--from N` of `size-steps`: the first step to build (0, all of them, by default).
fn from_step(args: &[String]) -> usize {
    args.iter()
        .position(|arg| arg == "--from")
        .and_then(|at| args.get(at + 1))
        .and_then(|n| n.parse().ok())
        .unwrap_or(0)
}
