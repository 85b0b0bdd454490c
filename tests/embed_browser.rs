//! Embedding in headless Chromium against gws-sim (`GWS_SIM_URL`, set by
//! `cargo xtask test`): `mount()`, several instances on one page, events to the host,
//! and the `<gws-sms-session>` element.
#![cfg(target_arch = "wasm32")]

use std::cell::RefCell;
use std::rc::Rc;

use gloo_net::http::Request;
use gloo_timers::future::TimeoutFuture;
use gws_sms_widget::embed::{define_element, mount};
use serde_json::{json, Value};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{CustomEvent, Element, HtmlElement};

wasm_bindgen_test_configure!(run_in_browser);

fn sim() -> &'static str {
    match option_env!("GWS_SIM_URL") {
        Some(url) => url,
        None => panic!("GWS_SIM_URL is not set: run the browser tests with `cargo xtask test`"),
    }
}

/// A plain JavaScript object, as a host page writes one.
fn plain_object(value: &Value) -> JsValue {
    use serde::Serialize;
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .expect("a JavaScript value")
}

async fn start_session(text: &str) -> String {
    let response = Request::post(&format!("{}/sim/v1/sessions", sim()))
        .json(&json!({"agent": "agent1", "nickname": "FirstL", "text": text}))
        .unwrap()
        .send()
        .await
        .expect("the simulator answers");
    let body: Value = response.json().await.expect("JSON");
    body["id"].as_str().expect("a session id").to_owned()
}

fn config(session_id: &str) -> JsValue {
    plain_object(&json!({
        "baseUrl": sim(), "sessionId": session_id, "username": "agent1", "password": "password", "nickname": "Anna"
    }))
}

fn fresh_element(tag: &str) -> Element {
    let document = web_sys::window().unwrap().document().unwrap();
    let element = document.create_element(tag).unwrap();
    document.body().unwrap().append_child(&element).unwrap();
    element
}

/// Every host event an element dispatches: (event name, detail).
fn record_events(element: &Element) -> Rc<RefCell<Vec<(String, Value)>>> {
    let seen = Rc::new(RefCell::new(Vec::new()));
    for name in [
        "gws-sms-operation-requested",
        "gws-sms-operation-succeeded",
        "gws-sms-operation-failed",
        "gws-sms-session-changed",
        "gws-sms-connection-changed",
    ] {
        let seen = seen.clone();
        let listener = Closure::<dyn Fn(web_sys::Event)>::new(move |event: web_sys::Event| {
            let detail = event
                .dyn_ref::<CustomEvent>()
                .and_then(|e| serde_wasm_bindgen::from_value(e.detail()).ok())
                .unwrap_or(Value::Null);
            seen.borrow_mut().push((event.type_(), detail));
        });
        element
            .add_event_listener_with_callback(name, listener.as_ref().unchecked_ref())
            .unwrap();
        listener.forget();
    }
    seen
}

async fn eventually(what: &str, mut check: impl FnMut() -> bool) {
    for _ in 0..200 {
        if check() {
            return;
        }
        TimeoutFuture::new(50).await;
    }
    panic!("timed out waiting for {what}");
}

/// The `operation`'s button of the widget in `root`: within the element's shadow root
/// when the widget renders into one (the custom element), else within the element.
fn button(root: &Element, operation: &str) -> Option<HtmlElement> {
    let css = format!("[data-action='{operation}']");
    match root.shadow_root() {
        Some(shadow) => shadow.query_selector(&css),
        None => root.query_selector(&css),
    }
    .ok()
    .flatten()?
    .dyn_into()
    .ok()
}

fn enabled(root: &Element, operation: &str) -> bool {
    button(root, operation)
        .and_then(|b| b.get_attribute("aria-disabled"))
        .as_deref()
        == Some("false")
}

#[wasm_bindgen_test]
async fn a_bad_configuration_is_a_clear_javascript_error() {
    let element = fresh_element("div");
    let bad = plain_object(&json!({"baseURL": "typo"}));
    let error = mount(element, bad).err().expect("refused");
    let message = error.dyn_into::<js_sys::Error>().unwrap().message();
    assert!(String::from(message).contains("bad configuration"));
}

#[wasm_bindgen_test]
async fn two_instances_work_independently_and_tell_the_host() {
    let (first_id, second_id) = (
        start_session("first customer").await,
        start_session("second customer").await,
    );
    let (first, second) = (fresh_element("div"), fresh_element("div"));
    let (first_events, second_events) = (record_events(&first), record_events(&second));
    let mut first_handle = mount(first.clone(), config(&first_id)).expect("mounted");
    let _second_handle = mount(second.clone(), config(&second_id)).expect("mounted");

    eventually("both sessions offered", || {
        enabled(&first, "Accept") && enabled(&second, "Accept")
    })
    .await;
    button(&first, "Accept").unwrap().click();
    eventually("the first session accepted", || enabled(&first, "Complete")).await;
    assert!(
        enabled(&second, "Accept"),
        "the second widget is not affected"
    );

    let names = |events: &Rc<RefCell<Vec<(String, Value)>>>| -> Vec<String> {
        events
            .borrow()
            .iter()
            .map(|(name, _)| name.clone())
            .collect()
    };
    eventually("the accept succeeded", || {
        names(&first_events).contains(&"gws-sms-operation-succeeded".to_owned())
    })
    .await;
    let first_seen = first_events.borrow().clone();
    assert!(first_seen
        .iter()
        .any(|(name, detail)| name == "gws-sms-operation-requested"
            && detail["operationName"] == "Accept"));
    assert!(first_seen
        .iter()
        .any(|(name, detail)| name == "gws-sms-session-changed"
            && detail["state"] == "Chatting"
            && detail["sessionId"] == first_id.as_str()));
    assert!(first_seen.iter().any(
        |(name, detail)| name == "gws-sms-connection-changed" && detail["state"] == "connected"
    ));
    assert!(
        !names(&second_events)
            .iter()
            .any(|n| n.starts_with("gws-sms-operation")),
        "nothing of the first reached the second"
    );
    assert!(second_events
        .borrow()
        .iter()
        .all(|(_, detail)| detail["sessionId"] == second_id.as_str()));

    first_handle.destroy();
    eventually("destroy() to unmount", || first.child_element_count() == 0).await;
}

#[wasm_bindgen_test]
async fn the_custom_element_mounts_from_its_attributes_and_unmounts_when_removed() {
    let session_id = start_session("element customer").await;
    define_element();
    define_element();
    let element = fresh_element("gws-sms-session");
    let credentials = plain_object(&json!({"username": "agent1", "password": "password"}));
    element.set_attribute("base-url", sim()).unwrap();
    element.set_attribute("session-id", &session_id).unwrap();
    js_sys::Reflect::set(&element, &"credentials".into(), &credentials).unwrap();
    eventually("the offered session", || enabled(&element, "Accept")).await;
    assert!(
        element.get_attribute("password").is_none(),
        "credentials are never reflected"
    );
    let shadow = element.shadow_root().expect("an open shadow root");
    assert_eq!(
        element.child_element_count(),
        0,
        "the widget renders in the shadow root, not among the host's children"
    );
    assert!(
        shadow.query_selector(".gws-sms").ok().flatten().is_some(),
        "the widget is in the shadow root"
    );
    element.remove();
    eventually("removal to unmount", || shadow.child_element_count() == 0).await;
}
