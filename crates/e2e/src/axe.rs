//! Accessibility checks by axe-core (npm, installed into `crates/e2e/axe` by
//! `cargo xtask bootstrap`), run in the page as it stands: WCAG 2.1 A and AA rules.

use std::path::PathBuf;

use fantoccini::Client;
use serde_json::json;

use crate::page::Page;
use crate::{fail, Result};

fn script() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("axe/node_modules/axe-core/axe.min.js")
}

/// Runs axe on the elements `selector` matches; each violation as a line (rule, impact,
/// the elements).
const RUN: &str = r#"
    const [selector, done] = arguments;
    const tags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
    axe.run(Array.from(document.querySelectorAll(selector)), { runOnly: { type: 'tag', values: tags } })
        .then(result => done(result.violations.map(v =>
            `${v.id} (${v.impact}): ${v.help}; ${v.nodes.map(n => n.target.join(' ')).join(', ')}`)))
        .catch(error => done([`axe could not run: ${error}`]));
"#;

/// Fails, naming each violation, unless what `selector` matches passes axe, in the
/// light and in the dark colour scheme (the widget follows `prefers-color-scheme`).
/// `what` says which state of the widget was checked.
pub async fn check(client: &Client, what: &str, selector: &str) -> Result<()> {
    let path = script();
    let source = std::fs::read_to_string(&path).map_err(|error| {
        format!(
            "{}: {error} (cargo xtask bootstrap installs axe-core)",
            path.display()
        )
    })?;
    // Run as a function by WebDriver: axe's wrapper puts it on `window`.
    client.execute(&source, vec![]).await?;
    let mut violations = Vec::new();
    for scheme in ["light", "dark"] {
        crate::cdp::execute(
            client,
            "Emulation.setEmulatedMedia",
            json!({"features": [{"name": "prefers-color-scheme", "value": scheme}]}),
        )
        .await?;
        // The styles of the scheme are applied by the next frame.
        let applied = client
            .run_async(
                "requestAnimationFrame(() => arguments[1](matchMedia(`(prefers-color-scheme: ${arguments[0]})`).matches))",
                vec![json!(scheme)],
            )
            .await?;
        if applied != json!(true) {
            return fail(format!(
                "axe: {what}: the page is not in the {scheme} scheme"
            ));
        }
        let found = client.run_async(RUN, vec![json!(selector)]).await?;
        let found: Vec<String> = serde_json::from_value(found)?;
        violations.extend(found.into_iter().map(|v| format!("{scheme}: {v}")));
    }
    crate::cdp::execute(
        client,
        "Emulation.setEmulatedMedia",
        json!({"features": []}),
    )
    .await?;
    if violations.is_empty() {
        println!("axe: {what}: no violation, light and dark");
        return Ok(());
    }
    fail(format!("axe: {what}: {}", violations.join(" | ")))
}
