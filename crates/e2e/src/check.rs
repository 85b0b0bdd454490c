//! Waiting for what the page or the simulator should come to show: polled until a
//! deadline, and on failure the last thing seen, in words.

use std::fmt::Display;
use std::time::{Duration, Instant};

use crate::{fail, Result};

/// How long anything the widget does in answer to a click or a notification may take.
pub const PATIENCE: Duration = Duration::from_secs(15);

const POLL: Duration = Duration::from_millis(100);

/// Polls `probe` until it succeeds, for at most [`PATIENCE`]. The probe's error is
/// what it saw instead; the last one is reported.
pub async fn eventually<T>(what: impl Display, probe: impl AsyncFnMut() -> Result<T>) -> Result<T> {
    eventually_within(what, PATIENCE, probe).await
}

pub async fn eventually_within<T>(
    what: impl Display,
    within: Duration,
    mut probe: impl AsyncFnMut() -> Result<T>,
) -> Result<T> {
    let deadline = Instant::now() + within;
    loop {
        match probe().await {
            Ok(value) => return Ok(value),
            Err(seen) if Instant::now() >= deadline => {
                return fail(format!(
                    "{what}: not so after {:.1} s; last seen: {seen}",
                    within.as_secs_f64()
                ))
            }
            Err(_) => tokio::time::sleep(POLL).await,
        }
    }
}

/// Polls `probe` for `period` and fails as soon as it does not hold: for what must
/// stay true (nothing more arrives, nothing changes).
pub async fn holds_for(
    what: impl Display,
    period: Duration,
    mut probe: impl AsyncFnMut() -> Result<()>,
) -> Result<()> {
    let end = Instant::now() + period;
    loop {
        if let Err(seen) = probe().await {
            return fail(format!("{what}: no longer so: {seen}"));
        }
        if Instant::now() >= end {
            return Ok(());
        }
        tokio::time::sleep(POLL).await;
    }
}

/// `Ok` when `condition`, else the error `seen` (for probes).
pub fn expect(condition: bool, seen: impl FnOnce() -> String) -> Result<()> {
    if condition {
        Ok(())
    } else {
        fail(seen())
    }
}

// What an agent should come to see.

use fantoccini::Client;

use crate::control::Control;
use crate::find::{self, LogEntry, Participant};
use crate::page::Page;

/// The roster lists `name` with the role label `role`.
pub async fn roster_has(client: &Client, name: &str, role: &str) -> Result<Participant> {
    eventually(format!("the roster lists {name} as {role:?}"), async || {
        let rows = find::roster(client).await?;
        match rows.iter().find(|p| p.name == name && p.role == role) {
            Some(row) => Ok(row.clone()),
            None => fail(format!("roster {rows:?}")),
        }
    })
    .await
}

/// The roster no longer lists the participant `id`.
pub async fn roster_lacks(client: &Client, id: &str) -> Result<()> {
    eventually(
        format!("the roster no longer lists participant {id}"),
        async || {
            let rows = find::roster(client).await?;
            expect(rows.iter().all(|p| p.id != id), || {
                format!("roster {rows:?}")
            })
        },
    )
    .await
}

/// The log shows an entry saying exactly `text`, marked agents-only or not as given.
pub async fn log_has(client: &Client, text: &str, agents_only: bool) -> Result<LogEntry> {
    let marked = if agents_only { "marked" } else { "not marked" };
    eventually(
        format!("the log shows {text:?} {marked} \"Visible to agents only\""),
        async || {
            let entries = find::log(client).await?;
            let found = entries.iter().find(|e| e.text == text);
            match found {
                Some(entry) if entry.agents_only() == agents_only => Ok(entry.clone()),
                Some(entry) => fail(format!("the entry reads {:?}", entry.whole)),
                None => fail(format!(
                    "log {:?}",
                    entries.iter().map(|e| &e.whole).collect::<Vec<_>>()
                )),
            }
        },
    )
    .await
}

/// The session is over for this agent: the header shows no action, and says
/// "The session is completed.".
pub async fn session_completed(client: &Client) -> Result<()> {
    eventually("the session shows as completed", async || {
        let header = find::header(client).await?;
        expect(
            header.actions.is_empty()
                && header.note.as_deref() == Some("The session is completed."),
            || format!("{header:?}"),
        )
    })
    .await
}

/// The open picker covers what is under it: its background is not transparent.
pub async fn picker_is_opaque(client: &Client) -> Result<()> {
    let background = find::dialog_background(client).await?;
    match background.as_deref() {
        None => fail("no dialog is open"),
        Some(colour) if colour == "transparent" || colour.starts_with("rgba(0, 0, 0, 0)") => fail(
            format!("the picker has no background ({colour}): the log shows through it"),
        ),
        Some(_) => Ok(()),
    }
}

/// The customer's phone received `text`.
pub async fn customer_received(control: &Control, session: &str, text: &str) -> Result<()> {
    eventually(
        format!("the customer's phone received {text:?}"),
        async || {
            let received = control.customer_received(session).await?;
            expect(received.iter().any(|t| t == text), || {
                format!("transcript {received:?}")
            })
        },
    )
    .await
}

/// The customer's phone received none of `texts` (anywhere in any entry).
pub async fn customer_never_received(
    control: &Control,
    session: &str,
    texts: &[&str],
) -> Result<()> {
    let received = control.customer_received(session).await?;
    for text in texts {
        if let Some(leak) = received.iter().find(|t| t.contains(text)) {
            return fail(format!(
                "the customer's phone received the agents-only text {text:?} (in {leak:?}); transcript {received:?}"
            ));
        }
    }
    Ok(())
}

/// The target picker is open with the focus in its search box.
pub async fn picker_has_focus(client: &Client) -> Result<()> {
    eventually("the picker's search box has the focus", async || {
        let focused = client
            .run(
                "const e = document.activeElement; return !!e && e.matches(\"[role='dialog'] input[type='search']\");",
                vec![],
            )
            .await?;
        expect(focused.as_bool() == Some(true), || "it does not".to_owned())
    })
    .await
}
