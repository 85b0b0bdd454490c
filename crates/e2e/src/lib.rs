//! End-to-end tests of the SMS widget: the Trunk-built widget (`dist/`) served by an
//! in-process `gws-sim`, worked in headless Chromium through chromedriver.
//!
//! - [`harness`] starts the pieces: one chromedriver per process, a simulator and its
//!   browsers per scenario ([`harness::Lab`]);
//! - [`control`] drives the simulated customer and agents through the control API;
//! - [`find`] reads the page by role, accessible name and `data-*` hooks;
//! - [`action`] does what an agent does: clicks, types, picks a target;
//! - [`cdp`] sends DevTools commands (page lifecycle) where WebDriver has none;
//! - [`bench`] measures latency, memory and loading for `src/bin/bench.rs`;
//! - [`page`] runs scripts and finds elements through the widget's shadow roots;
//! - [`axe`] checks the page's accessibility with axe-core;
//! - [`check`] waits for a condition with a deadline and, when it gives up, says what it
//!   last saw.

pub mod action;
pub mod axe;
pub mod bench;
pub mod cdp;
pub mod check;
pub mod control;
pub mod find;
pub mod flow;
pub mod harness;
pub mod page;

/// Every failure carries a sentence saying what was expected and what was seen.
pub type Error = Box<dyn std::error::Error + Send + Sync>;
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// A failure from a sentence.
pub fn fail<T>(why: impl Into<String>) -> Result<T> {
    Err(why.into().into())
}
