//! Latency from gws-sim publishing a customer text to the text being in the DOM, for the
//! widget and for the official CometD client in the same page. The loop runs in the page
//! (`crates/e2e/bench/latency.js`); this drives it, then checks that every text arrived
//! exactly once on both sides.

use std::collections::HashMap;
use std::time::{Duration, Instant};

use fantoccini::Client;
use gws_types::MessageType;
use serde::Deserialize;
use serde_json::json;

use crate::control::Control;
use crate::page::Page;
use crate::{action, fail, Result};

/// How long one text may take to reach both sides before the run fails.
const TEXT_TIMEOUT: Duration = Duration::from_secs(10);

/// Samples in milliseconds, one per measured text, in sending order.
#[derive(Debug, Default, Deserialize)]
pub struct Latency {
    pub widget: Vec<f64>,
    pub official: Vec<f64>,
    /// The control API's POST round trip (from the same t0), for context.
    pub post: Vec<f64>,
    /// When the widget's long-poll answer had been received, from Resource Timing;
    /// `None` when the browser recorded none after t0.
    #[serde(rename = "widgetPoll")]
    pub widget_poll: Vec<Option<f64>>,
    /// The same for the official client.
    #[serde(rename = "officialPoll")]
    pub official_poll: Vec<Option<f64>>,
    /// Every text sent, warm-up included.
    pub texts: Vec<String>,
    /// How often the official client received each text.
    #[serde(rename = "officialCounts")]
    official_counts: HashMap<String, u64>,
}

#[derive(Deserialize)]
struct Progress {
    done: bool,
    error: Option<String>,
    sent: usize,
}

const START: &str = r#"
const [options, done] = arguments;
import('/bench/latency.js').then((bench) => { bench.start(options); done(null); },
    (error) => done(String(error)));
"#;

/// Sends `warmup` then `count` texts one at a time on `session` (accepted by the page's
/// agent) and returns the measured `count`; with the official client in the page too
/// unless `widget_only`.
pub async fn run(
    client: &Client,
    session: &str,
    count: usize,
    warmup: usize,
    widget_only: bool,
) -> Result<Latency> {
    let run_id = format!("{:x}", rand_id());
    let options = json!({
        "session": session, "count": count, "warmup": warmup,
        "runId": run_id, "timeoutMs": TEXT_TIMEOUT.as_millis() as u64,
        "withOfficial": !widget_only,
    });
    let started = client.run_async(START, vec![options]).await?;
    if !started.is_null() {
        return fail(format!(
            "loading /bench/latency.js in the page failed: {started}"
        ));
    }
    let (mut last_sent, mut last_change) = (0, Instant::now());
    loop {
        tokio::time::sleep(Duration::from_millis(500)).await;
        let progress = client.run("return window.__benchLatency;", vec![]).await?;
        let progress: Progress = serde_json::from_value(progress)?;
        if let Some(error) = progress.error {
            return fail(format!(
                "the latency loop stopped after {} texts: {error}",
                progress.sent
            ));
        }
        if progress.done {
            break;
        }
        if progress.sent != last_sent {
            (last_sent, last_change) = (progress.sent, Instant::now());
        } else if last_change.elapsed() > TEXT_TIMEOUT * 3 {
            return fail(format!(
                "the latency loop is stuck after {} texts",
                progress.sent
            ));
        }
    }
    let state = client.run("return window.__benchLatency;", vec![]).await?;
    let latency: Latency = serde_json::from_value(state)?;
    if !widget_only {
        check_official(&latency)?;
    }
    Ok(latency)
}

impl Latency {
    /// Per text, from the client's long-poll answer to the text in the DOM: the client's
    /// own work (reading, reducing, rendering), without the delivery.
    pub fn after_answer(into_dom: &[f64], answered: &[Option<f64>]) -> Vec<f64> {
        into_dom
            .iter()
            .zip(answered)
            .filter_map(|(dom, poll)| poll.map(|poll| dom - poll))
            .collect()
    }

    pub fn answered(polls: &[Option<f64>]) -> Vec<f64> {
        polls.iter().flatten().copied().collect()
    }
}

/// Disconnects the official client and removes its element, so that what the page holds
/// afterwards is the widget's.
pub async fn stop(client: &Client) -> Result<()> {
    let stopped = client
        .run_async(
            "const done = arguments[0]; import('/bench/latency.js').then((b) => { b.stop(); done(null); }, (e) => done(String(e)));",
            vec![],
        )
        .await?;
    if stopped.is_null() {
        Ok(())
    } else {
        fail(format!("stopping the official client failed: {stopped}"))
    }
}

fn check_official(latency: &Latency) -> Result<()> {
    for text in &latency.texts {
        let n = latency.official_counts.get(text).copied().unwrap_or(0);
        if n != 1 {
            return fail(format!("the official client received {text:?} {n} times"));
        }
    }
    if latency.official_counts.len() != latency.texts.len() {
        return fail(format!(
            "the official client received {} distinct texts, {} were sent",
            latency.official_counts.len(),
            latency.texts.len()
        ));
    }
    Ok(())
}

/// The widget's whole log (scrolled up to its first entry) has the server's entries in
/// order, each once, and every text of the run exactly once.
pub async fn check_widget(
    client: &Client,
    control: &Control,
    session: &str,
    texts: &[String],
) -> Result<()> {
    let widget = action::read_whole_log(client).await?;
    let server: Vec<u64> = control
        .server_log(super::AGENT, session)
        .await?
        .into_iter()
        .filter(|m| {
            !matches!(
                m.kind,
                MessageType::TypingStarted | MessageType::TypingStopped
            )
        })
        .map(|m| m.index)
        .collect();
    let indexes: Vec<u64> = widget.iter().map(|e| e.index).collect();
    if indexes != server {
        return fail(format!(
            "the widget's log ({} entries) is not the server's ({} entries) in order, each once",
            indexes.len(),
            server.len()
        ));
    }
    let mut shown: HashMap<&str, usize> = HashMap::new();
    for entry in &widget {
        *shown.entry(entry.text.as_str()).or_default() += 1;
    }
    for text in texts {
        let n = shown.get(text.as_str()).copied().unwrap_or(0);
        if n != 1 {
            return fail(format!("the widget's log shows {text:?} {n} times"));
        }
    }
    Ok(())
}

/// A run id that keeps texts unique across runs on one simulator.
fn rand_id() -> u128 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or_default()
}
