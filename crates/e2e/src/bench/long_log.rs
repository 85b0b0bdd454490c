//! Opening a session whose log is already long: from navigation to the newest entry in
//! the DOM, and the memory the page holds then.

use std::time::{Duration, Instant};

use fantoccini::Client;
use serde::Deserialize;
use serde_json::json;

use super::memory::{self, Memory};
use super::AGENT;
use crate::check::{eventually_within, expect};
use crate::flow::{self, CUSTOMER};
use crate::harness::Lab;
use crate::page::Page;
use crate::{cdp, fail, find, Result};

/// The longest a page may take to show the newest entry before the run fails.
const LOAD_LIMIT: Duration = Duration::from_secs(120);

/// Page-side timings, milliseconds since navigation start.
#[derive(Debug, Deserialize)]
pub struct Timings {
    /// The newest entry is in the DOM.
    pub newest: f64,
    /// The document's `DOMContentLoaded` ended.
    pub dom_ready: f64,
    /// The read of the log (`GET …/messages`): started, answered, and its size.
    pub messages: Option<Request>,
}

#[derive(Debug, Deserialize)]
pub struct Request {
    pub start: f64,
    pub end: f64,
    pub bytes: f64,
}

pub struct LongLog {
    pub entries: usize,
    pub seeding: Duration,
    pub timings: Timings,
    /// Log entries rendered (`li[data-index]`) once the newest is shown.
    pub rendered: usize,
    pub memory: Memory,
}

const TIMINGS: &str = r#"
if (window.__benchNewest === undefined) return null;
const nav = performance.getEntriesByType('navigation')[0];
const read = performance.getEntriesByType('resource')
    .filter((r) => /\/messages(\?|$)/.test(r.name))
    .map((r) => ({ start: r.startTime, end: r.responseEnd, bytes: r.decodedBodySize }))[0] || null;
return { newest: window.__benchNewest, dom_ready: nav ? nav.domContentLoadedEventEnd : 0, messages: read };
"#;

/// A session agent1 accepted, then `count` customer texts seeded through the control API
/// while no page is open on it; then a fresh navigation to it is timed and measured.
pub async fn run(lab: &mut Lab, count: usize) -> Result<LongLog> {
    let session = lab
        .control
        .start_session(AGENT, CUSTOMER, "Hello, a long story follows")
        .await?;
    let client = flow::open_and_accept(lab, AGENT, &session).await?;
    client.goto("about:blank").await?;

    let seeding = Instant::now();
    for i in 1..=count {
        lab.control
            .customer_texts(&session, &format!("long-{i}."))
            .await?;
    }
    let seeding = seeding.elapsed();
    let newest = lab.control.server_log(AGENT, &session).await?;
    let Some(newest) = newest.last() else {
        return fail("the server's log is empty after seeding");
    };
    let (index, text) = (newest.index, newest.text.clone().unwrap_or_default());
    if text != format!("long-{count}.") {
        return fail(format!(
            "the server's newest entry is #{index} {text:?}, not the last seeded text"
        ));
    }

    let source = include_str!("../../bench/newest.js")
        .replace("NEWEST_INDEX", &index.to_string())
        .replace("NEWEST_TEXT", &serde_json::to_string(&text)?);
    let script = cdp::execute(
        &client,
        "Page.addScriptToEvaluateOnNewDocument",
        json!({ "source": source }),
    )
    .await?;
    client.goto(&lab.page(AGENT, Some(&session))).await?;
    let timings: Timings = eventually_within(
        format!("the newest entry #{index} is in the DOM"),
        LOAD_LIMIT,
        async || {
            let seen = client.run(TIMINGS, vec![]).await?;
            expect(!seen.is_null(), || "not yet".to_owned())?;
            Ok(serde_json::from_value(seen)?)
        },
    )
    .await?;
    if let Some(id) = script["identifier"].as_str() {
        cdp::execute(
            &client,
            "Page.removeScriptToEvaluateOnNewDocument",
            json!({ "identifier": id }),
        )
        .await?;
    }
    let rendered = rendered_window(&client, index).await?;
    let memory = memory::measure(&client).await?;
    Ok(LongLog {
        entries: count,
        seeding,
        timings,
        rendered,
        memory,
    })
}

/// The rendered part of the log ends with the newest entry and is in index order, each
/// entry once; how many entries it holds. Nothing is scrolled: older entries rendered
/// would change the memory measured next.
async fn rendered_window(client: &Client, newest: u64) -> Result<usize> {
    let entries = find::log(client).await?;
    let indexes: Vec<u64> = entries.iter().map(|e| e.index).collect();
    if indexes.last() != Some(&newest) || indexes.windows(2).any(|w| w[0] >= w[1]) {
        return fail(format!(
            "the rendered log does not end with #{newest} in order, each once: {:?}…{:?}",
            indexes.first(),
            indexes.last()
        ));
    }
    Ok(indexes.len())
}
