//! A sampling CPU profile of the page (DevTools `Profiler`) around a benchmark, and where
//! its time went: self time per function, the heaviest first. Wasm functions carry their
//! names only in a build whose name section survived (`wasm-opt` without `-g` drops it).

use std::collections::HashMap;

use fantoccini::Client;
use serde::Deserialize;
use serde_json::{json, Value};

use crate::{cdp, Result};

/// Starts sampling every `interval_us` microseconds.
pub async fn start(client: &Client, interval_us: u32) -> Result<()> {
    cdp::execute(client, "Profiler.enable", json!({})).await?;
    cdp::execute(
        client,
        "Profiler.setSamplingInterval",
        json!({ "interval": interval_us }),
    )
    .await?;
    cdp::execute(client, "Profiler.start", json!({})).await?;
    Ok(())
}

/// Stops sampling; the profile as DevTools saves it (a `.cpuprofile`).
pub async fn stop(client: &Client) -> Result<Value> {
    let mut answer = cdp::execute(client, "Profiler.stop", json!({})).await?;
    Ok(answer["profile"].take())
}

#[derive(Deserialize)]
struct Profile {
    nodes: Vec<Node>,
    #[serde(default)]
    samples: Vec<u64>,
    #[serde(rename = "timeDeltas", default)]
    time_deltas: Vec<i64>,
}

#[derive(Deserialize)]
struct Node {
    id: u64,
    #[serde(rename = "callFrame")]
    call_frame: CallFrame,
}

#[derive(Deserialize)]
struct CallFrame {
    #[serde(rename = "functionName")]
    function_name: String,
    url: String,
}

/// Time spent in one function itself (not in what it called).
#[derive(Debug, PartialEq)]
pub struct SelfTime {
    pub function: String,
    pub ms: f64,
}

/// Self time per function (named with the file it came from), the heaviest first, and
/// the total sampled time, in milliseconds.
pub fn self_times(profile: &Value) -> Result<(Vec<SelfTime>, f64)> {
    let profile = Profile::deserialize(profile)?;
    let names: HashMap<u64, String> = profile
        .nodes
        .iter()
        .map(|node| (node.id, label(&node.call_frame)))
        .collect();
    let mut spent: HashMap<&str, f64> = HashMap::new();
    let mut total = 0.0;
    // Each sample's delta is the time since the previous one: it belongs to this sample.
    for (node, delta) in profile.samples.iter().zip(&profile.time_deltas) {
        let ms = *delta.max(&0) as f64 / 1000.0;
        total += ms;
        if let Some(name) = names.get(node) {
            *spent.entry(name).or_default() += ms;
        }
    }
    let mut times: Vec<SelfTime> = spent
        .into_iter()
        .map(|(function, ms)| SelfTime {
            function: function.to_owned(),
            ms,
        })
        .collect();
    times.sort_by(|a, b| b.ms.total_cmp(&a.ms).then(a.function.cmp(&b.function)));
    Ok((times, total))
}

fn label(frame: &CallFrame) -> String {
    let function = if frame.function_name.is_empty() {
        "(anonymous)"
    } else {
        &frame.function_name
    };
    match frame.url.rsplit('/').next() {
        Some(file) if !file.is_empty() => format!("{function} [{file}]"),
        _ => function.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn self_time_adds_each_samples_delta_to_its_function() {
        let profile = json!({
            "nodes": [
                {"id": 1, "callFrame": {"functionName": "(root)", "url": ""}},
                {"id": 2, "callFrame": {"functionName": "render", "url": "http://x/w.wasm"}},
                {"id": 3, "callFrame": {"functionName": "", "url": "http://x/boot.js"}},
                {"id": 4, "callFrame": {"functionName": "render", "url": "http://x/w.wasm"}}
            ],
            "samples": [2, 3, 2, 4, 1],
            "timeDeltas": [1000, 500, 2000, 1500, -10]
        });
        let (times, total) = self_times(&profile).unwrap();
        assert_eq!(total, 5.0);
        assert_eq!(
            times,
            vec![
                SelfTime {
                    function: "render [w.wasm]".into(),
                    ms: 4.5
                },
                SelfTime {
                    function: "(anonymous) [boot.js]".into(),
                    ms: 0.5
                },
                SelfTime {
                    function: "(root)".into(),
                    ms: 0.0
                },
            ]
        );
    }
}
