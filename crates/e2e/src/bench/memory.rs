//! The page's memory after a forced garbage collection: the JS heap (DevTools
//! `Runtime.getHeapUsage`), the widget's wasm linear memory (`memory.buffer.byteLength`
//! of the module the page started) and the DOM (`Memory.getDOMCounters`).

use fantoccini::Client;
use serde_json::{json, Value};

use crate::page::Page;
use crate::{cdp, fail, Result};

#[derive(Clone, Copy, Debug)]
pub struct Memory {
    /// Live objects on the V8 heap (`usedSize`).
    pub js_heap: u64,
    /// The wasm linear memory: it only grows, so this is the widget's high-water mark.
    pub wasm: u64,
    /// ArrayBuffer backing stores outside the V8 heap (`backingStorageSize`), when this
    /// Chromium reports it. Chromium leaves the wasm memory out of it, hence the wasm
    /// memory read from the module itself.
    pub backing_store: Option<u64>,
    pub dom_nodes: u64,
    pub listeners: u64,
}

impl Memory {
    /// JS heap plus wasm memory: what the 30 MB goal counts.
    pub fn total(&self) -> u64 {
        self.js_heap + self.wasm
    }
}

/// The wasm exports of the widget the page started: the glue's `init()` answers the
/// module it already instantiated instead of loading another.
const WASM_MEMORY: &str = r#"
const done = arguments[arguments.length - 1];
const script = document.querySelector('script[data-widget-js]');
if (!script) return done('no script[data-widget-js] in the page');
import(script.dataset.widgetJs)
    .then((glue) => glue.default())
    .then((wasm) => done(wasm.memory.buffer.byteLength), (error) => done(String(error)));
"#;

pub async fn measure(client: &Client) -> Result<Memory> {
    // Twice: objects kept alive only by finalizers or weak maps go in the second pass.
    for _ in 0..2 {
        cdp::execute(client, "HeapProfiler.collectGarbage", json!({})).await?;
    }
    let heap = cdp::execute(client, "Runtime.getHeapUsage", json!({})).await?;
    let dom = cdp::execute(client, "Memory.getDOMCounters", json!({})).await?;
    let wasm = client.run_async(WASM_MEMORY, vec![]).await?;
    let Some(wasm) = wasm.as_u64() else {
        return fail(format!("reading the widget's wasm memory answered {wasm}"));
    };
    Ok(Memory {
        js_heap: number(&heap, "usedSize")?,
        wasm,
        backing_store: heap["backingStorageSize"].as_f64().map(|n| n as u64),
        dom_nodes: number(&dom, "nodes")?,
        listeners: number(&dom, "jsEventListeners")?,
    })
}

fn number(answer: &Value, field: &str) -> Result<u64> {
    match answer[field].as_f64() {
        Some(n) if n >= 0.0 => Ok(n as u64),
        _ => fail(format!("DevTools answered without {field}: {answer}")),
    }
}

/// Bytes in MB (10^6), as the goal is stated.
pub fn mb(bytes: u64) -> f64 {
    bytes as f64 / 1e6
}
