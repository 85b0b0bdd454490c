//! The shipped module links a standard library rebuilt for size, with panics that abort
//! on the spot (no message formatting, no source locations): far smaller than the
//! prebuilt one (`docs/benchmarks.md` has the figure).
//!
//! Both are unstable Cargo and rustc features. They are enabled here with `RUSTC_BOOTSTRAP`
//! on the project's own pinned stable compiler, so the shipped module is compiled by the
//! same rustc as everything the tests build, and only for the release build of the widget
//! and the render benchmark, which measures that build. They need the `rust-src` component
//! (`cargo xtask bootstrap` installs it). Debug builds and the browser tests keep the
//! prebuilt library and its panic messages.

use std::process::Command;

/// Adds the settings to a command that runs Cargo (directly or through Trunk) for
/// `wasm32-unknown-unknown` in the release profile.
pub fn apply(mut command: Command) -> Command {
    command
        .env("RUSTC_BOOTSTRAP", "1")
        .env("CARGO_UNSTABLE_BUILD_STD", "std,panic_abort")
        .env("CARGO_UNSTABLE_BUILD_STD_FEATURES", "optimize_for_size")
        .env(
            "CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS",
            "-Zunstable-options -Cpanic=immediate-abort",
        );
    command
}
