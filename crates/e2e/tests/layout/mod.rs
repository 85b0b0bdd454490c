//! The widget in a desktop's interaction panel: a column 400–700 px wide and 700 px
//! tall, where the actions and the composer stay on screen and the log takes the rest.

use e2e::check::{eventually, expect};
use e2e::flow::CUSTOMER;
use e2e::harness::{BrowserOptions, Lab};
use e2e::page::Page;
use e2e::{action, find, Result};
use fantoccini::Client;
use serde::Deserialize;

/// Where the widget's parts are, relative to its element's box (CSS pixels).
#[derive(Debug, Deserialize)]
struct Fit {
    /// Visible parts (`name`) that reach outside the element's box.
    outside: Vec<String>,
    /// The log's height on screen, and the height of all it holds.
    log_height: f64,
    log_content: f64,
    /// A part of the column reaches below the element's box.
    overflows: bool,
    /// Each part of the column, and its height: what to look at when it overflows.
    column: Vec<(String, f64)>,
}

/// Sizes the widget's element as a panel `width` × `height` and measures its parts.
async fn fit(client: &Client, width: u32, height: u32) -> Result<Fit> {
    let value = client
        .run_async(
            r#"const [width, height, done] = arguments;
            const element = document.querySelector('gws-sms-session');
            const inside = element.shadowRoot ?? element;
            element.style.width = width + 'px';
            element.style.height = height + 'px';
            requestAnimationFrame(() => requestAnimationFrame(() => {
                const box = element.getBoundingClientRect();
                const parts = [
                    ['actions', '[role="toolbar"][aria-label="Session actions"] button'],
                    ['message box', 'textarea'],
                    ['send', '.gws-sms-composer__send'],
                    ['wrap-up', 'details.gws-sms-wrap-up > summary'],
                    ['log', '[role="log"]'],
                ];
                const outside = [];
                for (const [name, css] of parts) {
                    for (const part of inside.querySelectorAll(css)) {
                        const r = part.getBoundingClientRect();
                        if (r.width === 0 && r.height === 0) continue;
                        if (r.left < box.left - 1 || r.right > box.right + 1 || r.top < box.top - 1 || r.bottom > box.bottom + 1) {
                            outside.push(`${name} ${Math.round(r.left)},${Math.round(r.top)}–${Math.round(r.right)},${Math.round(r.bottom)} in ${Math.round(box.left)},${Math.round(box.top)}–${Math.round(box.right)},${Math.round(box.bottom)}`);
                        }
                    }
                }
                const log = inside.querySelector('[role="log"]');
                const panel = inside.querySelector('.gws-sms');
                const column = panel ? Array.from(panel.children, c => [c.className || c.tagName, c.getBoundingClientRect().height]) : [];
                done({ column, outside, log_height: log ? log.clientHeight : 0, log_content: log ? log.scrollHeight : 0,
                    // The column's own parts (a closed <details> keeps its hidden
                    // content's layout, which is not on screen).
                    overflows: !!panel && Array.from(panel.children).some(c => c.getBoundingClientRect().bottom > box.bottom + 1) });
            }));"#,
            vec![serde_json::json!(width), serde_json::json!(height)],
        )
        .await?;
    Ok(serde_json::from_value(value)?)
}

/// At each panel width, the parts stay inside 700 px of height and the log keeps
/// a usable height; `scrolls` says whether its content must be taller than its box.
async fn fits_every_width(client: &Client, state: &str, scrolls: bool) -> Result<()> {
    for width in [400, 550, 700] {
        eventually(
            format!("{state} at {width}×700: everything on screen"),
            async || {
                let fit = fit(client, width, 700).await?;
                expect(
                    fit.outside.is_empty()
                        && !fit.overflows
                        && fit.log_height >= 150.0
                        && (!scrolls || fit.log_content > fit.log_height),
                    || {
                        format!(
                            "outside {:?}, log {} of {} px, overflows {}; the column's parts: {:?}",
                            fit.outside, fit.log_height, fit.log_content, fit.overflows, fit.column
                        )
                    },
                )
            },
        )
        .await?;
    }
    Ok(())
}

pub async fn the_actions_and_the_composer_stay_on_screen_in_a_panel(lab: &mut Lab) -> Result<()> {
    let id = lab
        .control
        .start_session("agent1", CUSTOMER, "Hi, my parcel has not arrived")
        .await?;
    let anna = lab
        .browser_with(&BrowserOptions {
            width: 1280,
            height: 1000,
            ..BrowserOptions::default()
        })
        .await?;
    action::open_session(&anna, &lab.page("agent1", Some(&id))).await?;
    eventually(
        "Accept stands out while the session is offered",
        async || {
            let accept = find::action(&anna, "Accept").await?;
            let header = find::header(&anna).await?;
            expect(
                !accept.disabled && accept.primary && header.actions == ["Accept", "Reject"],
                || format!("{accept:?}, {header:?}"),
            )
        },
    )
    .await?;
    fits_every_width(&anna, "offered", false).await?;

    action::press(&anna, "Accept").await?;
    for n in 1..=40 {
        lab.control
            .customer_texts(&id, &format!("Line {n} of a long story"))
            .await?;
    }
    e2e::check::log_has(&anna, "Line 40 of a long story", false).await?;
    fits_every_width(&anna, "chatting with a long log", true).await?;
    action::open_wrap_up(&anna).await?;
    fits_every_width(&anna, "the wrap-up open", true).await
}
