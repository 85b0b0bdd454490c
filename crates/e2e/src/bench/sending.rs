//! Sending as the agent sees it, against gws-sim playing the field (answers a given
//! latency away, no `referenceId`, the copy's whitespace collapsed): the time from
//! Enter to the message in the agent's own log (theirs, marked as sending), and to
//! "confirmed" (the server's copy in its place). One message at a time, each once the
//! one before is confirmed, so a figure is one send's and not a queue's.

use std::time::{Duration, Instant};

use fantoccini::key::Key;
use fantoccini::Client;
use serde::Deserialize;
use serde_json::json;

use super::AGENT;
use crate::flow::{self, CUSTOMER};
use crate::harness::Lab;
use crate::page::Page;
use crate::{fail, find, Result};

/// How long one send may take to be confirmed before the run fails.
const CONFIRM_WITHIN: Duration = Duration::from_secs(30);

/// Stamps, in the page, each Enter in the composer (a listener on the window in the
/// capture phase, ahead of the widget's, reads the draft before it is sent and cleared)
/// and, from a MutationObserver, when that text is first in the log as the agent's own
/// (`[data-outgoing]`) and when the server's copy (`li[data-index]`) has taken its
/// place. The observer's callback runs right after the DOM change, before any paint. Both
/// watch the widget's shadow root, where the window's listener sees the box in the path.
const PROBE: &str = r#"
    const box = document.getElementById(arguments[0]);
    const sends = window.__gwsSends = [];
    const texts = css => Array.from(document.querySelectorAll(
        `[role="log"] ${css} .gws-sms-log__text`), e => e.textContent);
    new MutationObserver(() => {
        const now = performance.now();
        const open = sends.filter(send => send.confirmed === undefined);
        if (open.length === 0) return;
        const mine = texts('[data-outgoing]'), copies = texts('li[data-index]');
        for (const send of open) {
            const pending = mine.includes(send.text);
            if (pending && send.shown === undefined) send.shown = now - send.start;
            if (!pending && copies.includes(send.text)) {
                send.confirmed = now - send.start;
                if (send.shown === undefined) send.shown = send.confirmed;
            }
        }
    }).observe(box.getRootNode(), { childList: true, subtree: true, characterData: true });
    window.addEventListener('keydown', event => {
        if (event.composedPath()[0] !== box || event.key !== 'Enter' || event.shiftKey) return;
        sends.push({ text: box.value, start: performance.now() });
    }, true);
"#;

/// One send as the page stamped it, in milliseconds after its Enter.
#[derive(Debug, Deserialize)]
struct Stamped {
    text: String,
    shown: Option<f64>,
    confirmed: Option<f64>,
}

/// The figures of one run.
pub struct Sending {
    pub latency_ms: u64,
    /// Enter → the message in the agent's own log.
    pub shown: Vec<f64>,
    /// Enter → the server's copy in its place.
    pub confirmed: Vec<f64>,
}

/// Sets gws-sim's profile (`POST /sim/v1/profile`): the field, with every answer
/// `latency_ms` late and notifications `notification_delay_ms` after the answers.
async fn play_the_field_at(lab: &Lab, latency_ms: u64, notification_delay_ms: u64) -> Result<()> {
    let body = json!({"preset": "field", "seed": 1, "latencyMs": latency_ms,
        "notificationDelayMs": notification_delay_ms});
    let profile = lab.set_profile(body).await?;
    println!("field profile: {}", profile["profile"]);
    Ok(())
}

/// `sends` messages, each typed and sent with Enter once the one before is confirmed,
/// in a session of its own under the field profile at `latency_ms` (notifications
/// `notification_delay_ms` after the answers).
pub async fn run(
    lab: &mut Lab,
    latency_ms: u64,
    notification_delay_ms: u64,
    sends: usize,
) -> Result<Sending> {
    play_the_field_at(lab, latency_ms, notification_delay_ms).await?;
    let session = lab
        .control
        .start_session(AGENT, CUSTOMER, "Where is my order?")
        .await?;
    let page = flow::open_and_accept(lab, AGENT, &session).await?;
    let box_id = find::labelled_control_id(&page, "Message").await?;
    page.run(PROBE, vec![json!(box_id)]).await?;
    let draft = page.element_by_id(&box_id).await?;
    draft.click().await?;
    for n in 0..sends {
        let text = format!("Message {n} at {latency_ms} ms");
        draft
            .send_keys(&format!("{text}{}", char::from(Key::Enter)))
            .await?;
        confirmed(&page, n, &text).await?;
    }
    let stamped: Vec<Stamped> =
        serde_json::from_value(page.run("return window.__gwsSends", vec![]).await?)?;
    let figure = |pick: fn(&Stamped) -> Option<f64>| stamped.iter().filter_map(pick).collect();
    Ok(Sending {
        latency_ms,
        shown: figure(|s| s.shown),
        confirmed: figure(|s| s.confirmed),
    })
}

/// Waits until send `n` (of `text`) is confirmed.
async fn confirmed(page: &Client, n: usize, text: &str) -> Result<()> {
    let started = Instant::now();
    loop {
        let stamped: Option<Stamped> = serde_json::from_value(
            page.run(
                "return window.__gwsSends[arguments[0]] ?? null",
                vec![json!(n)],
            )
            .await?,
        )?;
        match stamped {
            Some(send) if send.text != text => {
                return fail(format!("Enter {n} sent {:?}, typed {text:?}", send.text));
            }
            Some(send) if send.confirmed.is_some() => return Ok(()),
            _ if started.elapsed() > CONFIRM_WITHIN => {
                return fail(format!(
                    "{text:?} not confirmed within {CONFIRM_WITHIN:?}: {stamped:?}"
                ));
            }
            _ => tokio::time::sleep(Duration::from_millis(10)).await,
        }
    }
}
