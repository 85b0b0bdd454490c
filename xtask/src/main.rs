//! `cargo xtask <command>`: the project's two front doors and their plumbing.
//!
//! - `demo`: installs what is missing, builds the widget, starts the GWS simulator
//!   serving it, and prints the URL to open.
//! - `test`: installs what is missing, then runs every check CI runs.
//! - `bootstrap`: only the installs.
//! - `size`: the release build's transfer size.

mod bootstrap;
mod run;
mod servers;
mod size;
mod tasks;

use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("bootstrap") => bootstrap::all(),
        Some("test") => tasks::test(),
        Some("demo") => tasks::demo(&args[1..]),
        Some("size") => tasks::build_release().and_then(|()| size::report()),
        _ => {
            eprintln!("usage: cargo xtask <demo [--listen ADDR] | test | bootstrap | size>");
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
