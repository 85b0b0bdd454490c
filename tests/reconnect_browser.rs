//! The shared CometD connection, backing off after failures, tries again at once when
//! woken (the agent acts in the widget: Send, an action, Retry; the browser comes back
//! online; the page is shown again) and waits out its back-off otherwise. Against gws-sim, whose address is given at build
//! time as `GWS_SIM_URL` (`cargo xtask test` sets it). Each test prints its figures
//! (add `-- --nocapture`).
#![cfg(target_arch = "wasm32")]

use std::cell::RefCell;
use std::rc::Rc;

use gloo_net::http::Request;
use gloo_timers::future::TimeoutFuture;
use gws_sms_widget::transport::{
    subscribe, wake, CometEvent, ConnectionState, GwsClient, GwsConfig, Subscription,
};
use gws_sms_widget::widget::{Widget, WidgetConfig, WidgetProps};
use serde_json::{json, Value};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement, HtmlTextAreaElement};

wasm_bindgen_test_configure!(run_in_browser);

const SIM: Option<&str> = option_env!("GWS_SIM_URL");

fn sim() -> &'static str {
    SIM.expect("GWS_SIM_URL is not set: run the browser tests with `cargo xtask test`")
}

/// The back-off a test waits for before it lifts the faults: the third failure in a
/// row (1 s, 2 s, then 4 s with the default back-off).
const BACKING_OFF_MS: u64 = 4_000;

/// The least time from a failed try to an early one (`BayeuxConfig::retry_floor_ms`).
const FLOOR_MS: u64 = 1_000;

fn now() -> u64 {
    js_sys::Date::now() as u64
}

async fn sleep_until(at: u64) {
    let left = at.saturating_sub(now());
    TimeoutFuture::new(u32::try_from(left).unwrap_or(u32::MAX)).await;
}

async fn faults(base: &str, body: Value) {
    let response = Request::post(&format!("{base}/sim/v1/faults"))
        .json(&body)
        .expect("a control body")
        .send()
        .await
        .expect("the simulator answers");
    assert!(response.ok(), "faults: HTTP {}", response.status());
}

/// The connection's states as they came, each with when it came.
type States = Rc<RefCell<Vec<(u64, ConnectionState)>>>;

fn watch(base: &str) -> (GwsClient, States, Subscription) {
    let client = GwsClient::new(GwsConfig::new(base).with_basic("agent1", "password"));
    let states: States = Rc::default();
    let sink = states.clone();
    let subscription = subscribe(&client, move |event| {
        if let CometEvent::State(state) = event {
            sink.borrow_mut().push((now(), *state));
        }
    });
    (client, states, subscription)
}

/// When the connection was next connected at or after `since`, waiting at most until
/// `limit`.
async fn connected_after(states: &States, since: u64, limit: u64) -> Option<u64> {
    loop {
        let connected = states
            .borrow()
            .iter()
            .find(|(at, state)| *at >= since && *state == ConnectionState::Connected)
            .map(|(at, _)| *at);
        if connected.is_some() || now() > limit {
            return connected;
        }
        TimeoutFuture::new(10).await;
    }
}

/// How long the connection backs off, and until when.
struct BackOff {
    /// When the try before it failed.
    failed_at: u64,
    /// When the next try is due.
    due: u64,
}

/// Connected first; then GWS fails every request until the connection waits
/// [`BACKING_OFF_MS`] or more before its next try; then GWS is well again.
async fn backing_off(base: &str, states: &States) -> BackOff {
    faults(base, json!({"failRequests": 0})).await;
    let limit = now() + 10_000;
    while states.borrow().last().map(|(_, state)| *state) != Some(ConnectionState::Connected) {
        assert!(now() < limit, "connected first");
        TimeoutFuture::new(10).await;
    }
    faults(base, json!({"failRequests": 1000, "dropConnections": true})).await;
    let limit = now() + 20_000;
    let back_off = loop {
        let last = states.borrow().last().copied();
        if let Some((at, ConnectionState::Reconnecting { next_try_at })) = last {
            if next_try_at.saturating_sub(at) >= BACKING_OFF_MS {
                break Some(BackOff {
                    failed_at: at,
                    due: next_try_at,
                });
            }
        }
        if now() > limit {
            break None;
        }
        TimeoutFuture::new(10).await;
    };
    faults(base, json!({"failRequests": 0})).await;
    back_off.expect("backing off for 4 s within 20 s")
}

#[wasm_bindgen_test]
async fn without_a_wake_the_connection_waits_out_its_back_off() {
    let base = sim();
    let (_client, states, _subscription) = watch(base);
    let BackOff { failed_at, due } = backing_off(base, &states).await;
    let well = now();
    let connected = connected_after(&states, well, due + 10_000)
        .await
        .expect("reconnected after the back-off");
    console_log!(
        "no wake: back-off {} ms; GWS well again {} ms before the try was due; reconnected {} ms after it was well",
        due - failed_at,
        due.saturating_sub(well),
        connected - well
    );
    assert!(connected >= due, "not before the back-off ended");
}

#[wasm_bindgen_test]
async fn a_wake_reconnects_at_once() {
    let base = sim();
    let (client, states, _subscription) = watch(base);
    let BackOff { failed_at, due } = backing_off(base, &states).await;
    sleep_until(failed_at + FLOOR_MS + 200).await;
    let woken = now();
    wake(&client);
    let connected = connected_after(&states, woken, due)
        .await
        .expect("reconnected before the back-off ended");
    console_log!(
        "wake: back-off {} ms, woken {} ms before the try was due; reconnected {} ms after the wake",
        due - failed_at,
        due - woken,
        connected - woken
    );
    assert!(
        connected - woken < 1_500,
        "at once, not at the end of the back-off"
    );
}

#[wasm_bindgen_test]
async fn a_wake_right_after_a_failure_waits_for_the_floor() {
    let base = sim();
    let (client, states, _subscription) = watch(base);
    let BackOff { failed_at, due } = backing_off(base, &states).await;
    let woken = now();
    for _ in 0..20 {
        wake(&client);
    }
    let connected = connected_after(&states, woken, due)
        .await
        .expect("reconnected before the back-off ended");
    console_log!(
        "20 wakes {} ms after a failure: reconnected {} ms after the failure (floor {FLOOR_MS} ms, back-off {} ms)",
        woken - failed_at,
        connected - failed_at,
        due - failed_at
    );
    assert!(connected >= failed_at + FLOOR_MS, "not before the floor");
}

#[wasm_bindgen_test]
async fn coming_online_or_being_shown_wakes_the_connection() {
    let base = sim();
    let window = web_sys::window().expect("a window");
    let document = window.document().expect("a document");
    assert!(!document.hidden(), "the test page is shown");
    let (_client, states, _subscription) = watch(base);
    let targets: [(&str, web_sys::EventTarget); 2] = [
        ("online", window.into()),
        ("visibilitychange", document.into()),
    ];
    for (kind, target) in targets {
        let BackOff { failed_at, due } = backing_off(base, &states).await;
        sleep_until(failed_at + FLOOR_MS + 200).await;
        let woken = now();
        let event = web_sys::Event::new(kind).expect("an event");
        target.dispatch_event(&event).expect("dispatched");
        let connected = connected_after(&states, woken, due)
            .await
            .unwrap_or_else(|| panic!("{kind}: reconnected before the back-off ended"));
        console_log!(
            "{kind}: woken {} ms before the try was due; reconnected {} ms after the event",
            due - woken,
            connected - woken
        );
        assert!(connected - woken < 1_500, "{kind}: at once");
    }
}

/// A session offered to agent1 in the simulator; its id.
async fn offered_session(base: &str) -> String {
    let response = Request::post(&format!("{base}/sim/v1/sessions"))
        .json(&json!({"agent": "agent1", "nickname": "FirstL", "text": "Hello?"}))
        .expect("a control body")
        .send()
        .await
        .expect("the simulator answers");
    let body: Value = response.json().await.expect("JSON");
    body["id"].as_str().expect("a session id").to_owned()
}

/// The element `css` selects in the widget, once it is there and enabled.
async fn enabled(root: &Element, css: &str) -> HtmlElement {
    let limit = now() + 10_000;
    loop {
        let found = root
            .query_selector(css)
            .ok()
            .flatten()
            .and_then(|e| e.dyn_into::<HtmlElement>().ok())
            .filter(|e| e.get_attribute("aria-disabled").as_deref() != Some("true"));
        if let Some(found) = found {
            return found;
        }
        assert!(now() < limit, "{css} within 10 s");
        TimeoutFuture::new(20).await;
    }
}

/// Types `text` in the composer and presses Send, once Send is enabled.
async fn send(root: &Element, text: &str) {
    let send = enabled(root, ".gws-sms-composer__send").await;
    let draft: HtmlTextAreaElement = enabled(root, "textarea[data-draft]")
        .await
        .dyn_into()
        .expect("a textarea");
    draft.set_value(text);
    send.click();
}

/// How long after the agent's act the backing-off connection was connected again.
async fn reconnected_after(states: &States, act: impl FnOnce(), back_off: &BackOff) -> u64 {
    sleep_until(back_off.failed_at + FLOOR_MS + 200).await;
    let acted = now();
    act();
    let connected = connected_after(states, acted, back_off.due)
        .await
        .expect("reconnected before the back-off ended");
    connected - acted
}

#[wasm_bindgen_test]
async fn the_agent_sending_or_retrying_wakes_the_connection() {
    let base = sim();
    let session_id = offered_session(base).await;
    let (_client, states, _subscription) = watch(base);
    let document = web_sys::window().unwrap().document().unwrap();
    let root = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&root).unwrap();
    let config = WidgetConfig {
        gws: GwsConfig::new(base).with_basic("agent1", "password"),
        session_id: Some(session_id),
        nickname: "Anna".into(),
        disposition_required: false,
        waiting: Default::default(),
        messages: None,
    };
    let app = yew::Renderer::<Widget>::with_root_and_props(
        root.clone(),
        WidgetProps {
            config,
            on_event: Default::default(),
            lang: Default::default(),
            words: None,
        },
    )
    .render();
    enabled(&root, "[data-action='Accept']").await.click();
    // A message lost on its way (HTTP 502): shown as not sent, with Retry.
    faults(base, json!({"dropRequestOf": "SendMessage"})).await;
    send(&root, "One moment").await;
    let retry = enabled(&root, "[data-outgoing][data-state='failed'] button").await;

    let back_off = backing_off(base, &states).await;
    let root_to_send = root.clone();
    let sending = reconnected_after(
        &states,
        move || {
            wasm_bindgen_futures::spawn_local(
                async move { send(&root_to_send, "Checking now").await },
            )
        },
        &back_off,
    )
    .await;
    let back_off = backing_off(base, &states).await;
    let retrying = reconnected_after(&states, || retry.click(), &back_off).await;
    console_log!(
        "agent acts while backing off: reconnected {sending} ms after Send, {retrying} ms after Retry"
    );
    assert!(
        sending < 1_500,
        "Send: at once, not at the end of the back-off"
    );
    assert!(
        retrying < 1_500,
        "Retry: at once, not at the end of the back-off"
    );
    app.destroy();
    root.remove();
    // Unmounted on the next turn: then the widget's connection closes, and the next test
    // opens a connection of its own.
    TimeoutFuture::new(100).await;
}
