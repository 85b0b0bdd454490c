//! The render benchmark: a session that already holds 10,000 messages, rendered first
//! and then appended to one message at a time, by the widget and, side by side in the
//! same page, by plain JavaScript building the same markup (`bench/plain_log.js`), the
//! floor a framework can approach. Both start from the same JSON text.
//!
//! It prints figures and never fails on a slow machine; it fails only when the two
//! renderings do not show the same entries with the same markup. Run it as shipped:
//!
//! ```sh
//! CARGO_TARGET_DIR=target/render-bench CHROMEDRIVER=/usr/bin/chromedriver \
//!     WASM_BINDGEN_TEST_TIMEOUT=300 cargo test --release --config 'profile.release.panic="unwind"' \
//!     --target wasm32-unknown-unknown -p gws-sms-widget --test render_bench -- --nocapture
//! ```
//!
//! (`cargo xtask bench` runs it so.) Tests build with unwinding whatever the profile says;
//! with the release profile's `abort` the library would be built twice under one file
//! name and the test could link the wrong one.
//!
//! Its own target directory: the release library file has one name whatever Yew's
//! features, so a concurrent release build of the widget (without Yew's `test`) would
//! replace it mid-build. Not part of `cargo test --tests` (`test = false` in Cargo.toml).
#![cfg(target_arch = "wasm32")]

#[path = "bench/figures.rs"]
mod figures;
#[path = "bench/fixture.rs"]
mod fixture;
#[path = "bench/plain.rs"]
mod plain;
#[path = "bench/widget.rs"]
mod widget;

use figures::Figure;
use fixture::{Fixture, Line};
use gloo_timers::future::TimeoutFuture;
use js_sys::JsString;
use wasm_bindgen_test::*;
use web_sys::Element;

use plain::PlainLog;
use widget::Widget;

wasm_bindgen_test_configure!(run_in_browser);

const MESSAGES: usize = 10_000;
/// The widget's window (`log_window::PAGE`, which is private to the widget).
const PAGE: usize = 150;
/// The widget's window starts at a multiple of this (`log_window::CHUNK`).
const CHUNK: usize = 25;
const FIRST_RENDER_WARMUP: usize = 3;
const FIRST_RENDERS: usize = 30;
/// The unwindowed reference is slow (10,000 entries); a few runs of it say enough.
const PLAIN_ALL_RUNS: usize = 3;
const APPEND_WARMUP: usize = 20;
const APPENDS: usize = 500;

fn now() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map(|p| p.now())
        .unwrap_or_default()
}

/// A new empty `div` at the end of `parent`: each rendering gets a root of its own.
fn fresh_child(parent: &Element) -> Element {
    let root = parent
        .owner_document()
        .unwrap()
        .create_element("div")
        .unwrap();
    parent.append_child(&root).unwrap();
    root
}

fn body() -> Element {
    let document = web_sys::window().unwrap().document().unwrap();
    if document.get_element_by_id("widget-css").is_none() {
        let style = document.create_element("style").unwrap();
        style.set_id("widget-css");
        style.set_text_content(Some(include_str!("../static/widget.css")));
        document.head().unwrap().append_child(&style).unwrap();
    }
    document.body().unwrap().into()
}

/// Lets the browser run its event loop (scroll events, timers, GC) between samples,
/// as it does between messages that arrive one by one.
async fn breathe() {
    TimeoutFuture::new(0).await;
}

/// The check that keeps the comparison honest: both show `expected`, with equal markup.
fn same_log(widget: &Element, plain: &Element, expected: &[Line]) {
    assert_eq!(plain::lines(widget), expected, "the widget's entries");
    assert_eq!(plain::lines(plain), expected, "the plain page's entries");
    assert_eq!(
        plain::markup(widget),
        plain::markup(plain),
        "the same markup"
    );
}

struct FirstRender {
    total: Figure,
    parse: Figure,
    reduce: Figure,
    render: Figure,
    plain: Figure,
    plain_parse: Figure,
    plain_build: Figure,
    plain_all: Figure,
}

async fn first_renders(fixture: &Fixture, answer: &JsString) -> FirstRender {
    let mut f = FirstRender {
        total: Figure::new("first_render_ms", "widget: total"),
        parse: Figure::new(
            "first_render_parse_ms",
            "widget:   parse (decode::messages)",
        ),
        reduce: Figure::new(
            "first_render_reduce_ms",
            "widget:   reduce (MessagesLoaded)",
        ),
        render: Figure::new("first_render_layout_ms", "widget:   render + layout"),
        plain: Figure::new("plain_first_render_ms", "plain JS: total"),
        plain_parse: Figure::new(
            "plain_first_render_parse_ms",
            "plain JS:   parse (JSON.parse)",
        ),
        plain_build: Figure::new("plain_first_render_layout_ms", "plain JS:   build + layout"),
        plain_all: Figure::new(
            "plain_all_first_render_ms",
            "plain JS, all 10,000 entries: total",
        ),
    };
    let expected = fixture::shown(&fixture.entries, MESSAGES, PAGE);
    let parent = body();
    for run in 0..FIRST_RENDER_WARMUP + FIRST_RENDERS {
        let measured = run >= FIRST_RENDER_WARMUP;
        // Alternate who goes first, so that neither always meets the other's garbage.
        let mut widget_first = run.is_multiple_of(2);
        let (mut widget, mut plain) = (None, None);
        for _ in 0..2 {
            if widget_first {
                let w = Widget::mount(&parent, widget::session_without_log(fixture)).await;
                breathe().await;
                let t0 = now();
                let action = Widget::read_answer(&fixture.answer);
                let t1 = now();
                w.dispatch(action);
                let t2 = now();
                w.render().await;
                let t3 = now();
                if measured {
                    f.parse.samples.push(t1 - t0);
                    f.reduce.samples.push(t2 - t1);
                    f.render.samples.push(t3 - t2);
                    f.total.samples.push(t3 - t0);
                }
                widget = Some(w);
            } else {
                let p = PlainLog::mount(&parent, fixture::ME, PAGE);
                breathe().await;
                let t0 = now();
                let messages = plain::parse_messages(answer);
                let t1 = now();
                p.load(&messages);
                p.layout();
                let t2 = now();
                if measured {
                    f.plain_parse.samples.push(t1 - t0);
                    f.plain_build.samples.push(t2 - t1);
                    f.plain.samples.push(t2 - t0);
                }
                plain = Some(p);
            }
            widget_first = !widget_first;
        }
        let (widget, plain) = (widget.unwrap(), plain.unwrap());
        same_log(&widget.root, &plain.root(), &expected);
        widget.unmount();
        plain.root().remove();

        // The reference, no window at all: checked on the first run, measured on the
        // first few measured runs.
        let reference_measured = measured && run < FIRST_RENDER_WARMUP + PLAIN_ALL_RUNS;
        if run > 0 && !reference_measured {
            continue;
        }
        let p = PlainLog::mount(&parent, fixture::ME, 0);
        breathe().await;
        let t0 = now();
        p.load(&plain::parse_messages(answer));
        p.layout();
        if reference_measured {
            f.plain_all.samples.push(now() - t0);
        }
        if run == 0 {
            let all = fixture::shown(&fixture.entries, MESSAGES, MESSAGES);
            assert_eq!(plain::lines(&p.root()), all, "all entries, plain");
        }
        p.root().remove();
        breathe().await;
    }
    f
}

struct Appends {
    total: Figure,
    read: Figure,
    reduce: Figure,
    render: Figure,
    plain: Figure,
}

async fn appends(fixture: &Fixture, answer: &JsString) -> Appends {
    let mut f = Appends {
        total: Figure::new("append_ms", "widget: total"),
        read: Figure::new(
            "append_read_ms",
            "widget:   read (serde_json + read_notification)",
        ),
        reduce: Figure::new("append_reduce_ms", "widget:   reduce (Notified)"),
        render: Figure::new("append_layout_ms", "widget:   render + layout"),
        plain: Figure::new(
            "plain_append_ms",
            "plain JS: total (JSON.parse, DOM, layout)",
        ),
    };
    let parent = body();
    let widget = Widget::mount(&parent, widget::session_without_log(fixture)).await;
    widget.dispatch(Widget::read_answer(&fixture.answer));
    widget.render().await;
    let plain = PlainLog::mount(&parent, fixture::ME, PAGE);
    plain.load(&plain::parse_messages(answer));
    plain.layout();
    for (i, text) in fixture.notifications.iter().enumerate() {
        let measured = i >= APPEND_WARMUP;
        let js_text = JsString::from(text.as_str());
        breathe().await;
        let t0 = now();
        let action = Widget::read_notification(text);
        let t1 = now();
        widget.dispatch(action);
        let t2 = now();
        widget.render().await;
        let t3 = now();
        breathe().await;
        let t4 = now();
        plain.notified(&js_text);
        plain.layout();
        let t5 = now();
        if measured {
            f.read.samples.push(t1 - t0);
            f.reduce.samples.push(t2 - t1);
            f.render.samples.push(t3 - t2);
            f.total.samples.push(t3 - t0);
            f.plain.samples.push(t5 - t4);
        }
    }
    let held = MESSAGES + fixture.notifications.len();
    let expected = fixture::shown(&fixture.entries, held, PAGE);
    same_log(&widget.root, &plain.root(), &expected);
    widget.unmount();
    plain.root().remove();
    f
}

/// Median and p95 of `widget` over `plain`.
fn ratio(widget: &Figure, plain: &Figure) -> (f64, f64) {
    (widget.median() / plain.median(), widget.p95() / plain.p95())
}

fn report(fixture: &Fixture, first: &FirstRender, append: &Appends) -> Vec<String> {
    let kib = fixture.answer.len() / 1024;
    let mut out = vec![
        format!(
            "Render bench: {MESSAGES} messages ({kib} KiB of JSON), the newest {PAGE} entries \
             rendered; widget and plain JavaScript interleaved in one page"
        ),
        figures::header(),
        format!(
            "first render, fresh root each ({FIRST_RENDER_WARMUP} warm-up + {FIRST_RENDERS} runs)"
        ),
    ];
    let first_rows = [
        &first.total,
        &first.parse,
        &first.reduce,
        &first.render,
        &first.plain,
        &first.plain_parse,
        &first.plain_build,
        &first.plain_all,
    ];
    out.extend(first_rows.iter().map(|f| f.row()));
    out.push(format!(
        "append one message to the {MESSAGES} ({APPEND_WARMUP} warm-up + {APPENDS} appends)"
    ));
    let append_rows = [
        &append.total,
        &append.read,
        &append.reduce,
        &append.render,
        &append.plain,
    ];
    out.extend(append_rows.iter().map(|f| f.row()));
    let first_ratio = ratio(&first.total, &first.plain);
    let append_ratio = ratio(&append.total, &append.plain);
    out.push("against the goals (medians; reported, not asserted)".into());
    out.push(figures::against(
        "widget first render",
        first.total.median(),
        100.0,
        " ms",
    ));
    out.push(figures::against(
        "widget append",
        append.total.median(),
        4.0,
        " ms",
    ));
    out.push(figures::against(
        "widget / plain JS, first render",
        first_ratio.0,
        1.5,
        "x",
    ));
    out.push(figures::against(
        "widget / plain JS, append",
        append_ratio.0,
        1.5,
        "x",
    ));
    out.extend(
        first_rows
            .iter()
            .chain(&append_rows)
            .map(|f| f.bench_line()),
    );
    for (key, (median, p95)) in [
        ("first_render_ratio", first_ratio),
        ("append_ratio", append_ratio),
    ] {
        out.push(format!(
            "BENCH render {key} median={median:.3} p95={p95:.3}"
        ));
    }
    out
}

#[wasm_bindgen_test]
async fn render_bench() {
    let fixture = fixture::session(MESSAGES, APPEND_WARMUP + APPENDS);
    let answer = JsString::from(fixture.answer.as_str());
    let first = first_renders(&fixture, &answer).await;
    let append = appends(&fixture, &answer).await;
    console_log!("\n{}\n", report(&fixture, &first, &append).join("\n"));
}
