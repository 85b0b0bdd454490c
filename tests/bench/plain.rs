//! The plain JavaScript side of the bench (`plain_log.js`), and the markup reader both
//! sides are checked with (`markup.js`).

use js_sys::{Array, JsString};
use wasm_bindgen::prelude::*;
use web_sys::Element;

use super::fixture::Line;

#[wasm_bindgen(module = "/tests/bench/plain_log.js")]
extern "C" {
    #[wasm_bindgen(js_name = parseMessages)]
    pub fn parse_messages(text: &JsString) -> Array;

    #[wasm_bindgen(js_name = PlainLog)]
    type Log;
    #[wasm_bindgen(constructor, js_class = "PlainLog")]
    fn new(root: &Element, me: &str, window: u32, chunk: u32) -> Log;
    #[wasm_bindgen(method, js_class = "PlainLog")]
    fn load(this: &Log, messages: &Array);
    #[wasm_bindgen(method, js_class = "PlainLog")]
    fn notified(this: &Log, text: &JsString);
    #[wasm_bindgen(method, js_class = "PlainLog")]
    fn layout(this: &Log) -> i32;
}

#[wasm_bindgen(module = "/tests/bench/markup.js")]
extern "C" {
    #[wasm_bindgen(js_name = logMarkup)]
    pub fn markup(root: &Element) -> String;
    #[wasm_bindgen(js_name = logLines)]
    fn log_lines(root: &Element) -> String;
}

/// Each rendered entry's index and text.
pub fn lines(root: &Element) -> Vec<Line> {
    let pairs: Vec<(u64, Option<String>)> = serde_json::from_str(&log_lines(root)).unwrap();
    pairs
        .into_iter()
        .map(|(index, text)| Line {
            index,
            text: text.unwrap_or_default(),
        })
        .collect()
}

/// A log built by hand in its own element.
pub struct PlainLog {
    root: Element,
    log: Log,
}

impl PlainLog {
    /// An empty log in a fresh element of `parent`; the `window` newest entries rendered
    /// from a chunk boundary, as the widget does (0 for all).
    pub fn mount(parent: &Element, me: &str, window: usize) -> PlainLog {
        let root = crate::fresh_child(parent);
        let log = Log::new(&root, me, window as u32, crate::CHUNK as u32);
        PlainLog { root, log }
    }

    pub fn root(&self) -> Element {
        self.root.clone()
    }

    pub fn load(&self, messages: &Array) {
        self.log.load(messages);
    }

    pub fn notified(&self, text: &JsString) {
        self.log.notified(text);
    }

    pub fn layout(&self) -> i32 {
        self.log.layout()
    }
}
