//! The message log in a real headless Chromium, with the widget's stylesheet: long
//! logs render a window, scrolling up adds older entries without moving the text,
//! and new entries are followed only at the bottom.
#![cfg(target_arch = "wasm32")]

use std::cell::RefCell;
use std::rc::Rc;

use gws_sms_widget::components::{LogView, Session};
use gws_sms_widget::state::{Action, SessionState};
use gws_types::{Message, MessageType, Participant, ParticipantType, Visibility};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement};
use yew::prelude::*;

wasm_bindgen_test_configure!(run_in_browser);

#[path = "support/rng.rs"]
mod rng;
use rng::Rng;

type Dispatch = Rc<RefCell<Option<UseReducerDispatcher<Session>>>>;

#[derive(Properties, PartialEq)]
struct HostProps {
    initial: Session,
    dispatch: Dispatch,
}

/// Holds the session in a reducer, as the widget does, and hands its dispatcher out.
#[component]
fn Host(props: &HostProps) -> Html {
    let session = use_reducer(|| props.initial.clone());
    *props.dispatch.borrow_mut() = Some(session.dispatcher());
    html! { <div class="gws-sms"><LogView session={(*session).clone()} /></div> }
}

fn text(index: u64) -> Message {
    Message {
        index,
        kind: MessageType::Text,
        from: Some(Participant::new("C1", "Cus", ParticipantType::Customer)),
        text: Some(format!("message number {index}")),
        url: None,
        notice_text: None,
        visibility: Some(Visibility::All),
        timestamp: None,
        timestamp_seconds: Some(1_700_000_000_000 + index as i64 * 1_000),
    }
}

fn session_with(count: u64) -> SessionState {
    let mut state = SessionState::new("S1");
    state.apply(Action::MessagesLoaded((1..=count).map(text).collect()));
    state
}

fn install_stylesheet(document: &web_sys::Document) {
    if document.get_element_by_id("widget-css").is_none() {
        let style = document.create_element("style").unwrap();
        style.set_id("widget-css");
        style.set_text_content(Some(include_str!("../static/widget.css")));
        document.head().unwrap().append_child(&style).unwrap();
    }
}

async fn render(state: SessionState) -> (Element, Dispatch) {
    let document = web_sys::window().unwrap().document().unwrap();
    install_stylesheet(&document);
    let root = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&root).unwrap();
    let dispatch: Dispatch = Rc::default();
    let props = HostProps {
        initial: Session::new(state),
        dispatch: dispatch.clone(),
    };
    yew::Renderer::<Host>::with_root_and_props(root.clone(), props).render();
    yew::scheduler::flush().await;
    next_frame().await;
    (root, dispatch)
}

/// Waits for the next animation frame, where the log scrolls to follow new entries.
async fn next_frame() {
    let frame = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .unwrap()
            .request_animation_frame(&resolve)
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(frame).await.unwrap();
}

fn log(root: &Element) -> HtmlElement {
    root.query_selector("[role='log']")
        .unwrap()
        .unwrap()
        .dyn_into()
        .unwrap()
}

/// The list the log's entries are items of, inside the scrolling live region.
fn entry_list(root: &Element) -> Element {
    root.query_selector("[role='log'] > ol").unwrap().unwrap()
}

/// Within the slack the widget counts as the bottom.
fn at_bottom(log: &HtmlElement) -> bool {
    log.scroll_height() - log.scroll_top() - log.client_height() <= 8
}

/// The "new messages below" button, when shown.
fn unread_marker(root: &Element) -> Option<Element> {
    root.query_selector(".gws-sms-log__unread").unwrap()
}

fn indexes(root: &Element) -> Vec<u64> {
    let entries = root
        .query_selector_all("[role='log'] [data-index]")
        .unwrap();
    (0..entries.length())
        .filter_map(|i| entries.item(i)?.dyn_into::<Element>().ok())
        .filter_map(|e| e.get_attribute("data-index")?.parse().ok())
        .collect()
}

/// Hands `messages` to the session, as a REST read or a notification does, and waits
/// for the render and the frame after it.
async fn load(dispatch: &Dispatch, messages: Vec<Message>) {
    let dispatcher = dispatch.borrow().clone().expect("the host has rendered");
    dispatcher.dispatch(Action::MessagesLoaded(messages));
    yew::scheduler::flush().await;
    next_frame().await;
}

async fn scroll(element: &HtmlElement, top: i32) {
    element.set_scroll_top(top);
    element
        .dispatch_event(&web_sys::Event::new("scroll").unwrap())
        .unwrap();
    yew::scheduler::flush().await;
}

#[wasm_bindgen_test]
async fn ten_thousand_messages_render_only_the_newest_window() {
    let (root, _) = render(session_with(10_000)).await;
    let shown = indexes(&root);
    assert!(shown.len() <= 200, "{} entries rendered", shown.len());
    assert_eq!(shown.last(), Some(&10_000));
    assert!(
        shown.windows(2).all(|pair| pair[0] + 1 == pair[1]),
        "in index order"
    );
    let log = log(&root);
    assert!(at_bottom(&log), "opens at the bottom");
}

#[wasm_bindgen_test]
async fn scrolling_up_adds_older_entries_and_keeps_the_text_in_place() {
    let (root, _) = render(session_with(1_000)).await;
    let log = log(&root);
    let before = indexes(&root);
    scroll(&log, 0).await;
    // The entry that was at the top stays where the agent was reading.
    let first_before = before[0];
    let reading: HtmlElement = root
        .query_selector(&format!("[data-index='{first_before}']"))
        .unwrap()
        .unwrap()
        .dyn_into()
        .unwrap();
    let after = indexes(&root);
    assert!(after.len() > before.len(), "older entries were added");
    assert_eq!(after.last(), before.last());
    let offset = reading.offset_top() - log.scroll_top();
    assert!(
        offset.abs() < 60,
        "the entry read before is still in view (offset {offset})"
    );
}

#[wasm_bindgen_test]
async fn new_messages_are_followed_at_the_bottom_and_counted_when_scrolled_up() {
    let (root, dispatch) = render(session_with(300)).await;
    let log = log(&root);
    load(&dispatch, vec![text(301)]).await;
    assert!(at_bottom(&log), "followed");
    assert!(unread_marker(&root).is_none());

    scroll(&log, log.scroll_top() - 400).await;
    let top = log.scroll_top();
    load(&dispatch, vec![text(302), text(303)]).await;
    assert_eq!(log.scroll_top(), top, "the viewport did not move");
    let unread = unread_marker(&root).expect("an unread marker");
    assert_eq!(
        unread.text_content().as_deref(),
        Some("2 new messages below")
    );

    unread.dyn_into::<HtmlElement>().unwrap().click();
    yew::scheduler::flush().await;
    assert!(at_bottom(&log));
    assert!(unread_marker(&root).is_none());
}

#[wasm_bindgen_test]
async fn a_scroll_event_before_the_follow_frame_keeps_following() {
    let (root, dispatch) = render(session_with(300)).await;
    let log = log(&root);
    let dispatcher = dispatch.borrow().clone().expect("the host has rendered");
    dispatcher.dispatch(Action::MessagesLoaded(vec![text(301)]));
    yew::scheduler::flush().await;
    // The log has grown and its scroll to the bottom waits for the frame; a scroll
    // event from before (the last follow) arrives now, away from the new bottom.
    assert!(!at_bottom(&log));
    log.dispatch_event(&web_sys::Event::new("scroll").unwrap())
        .unwrap();
    yew::scheduler::flush().await;
    next_frame().await;
    load(&dispatch, vec![text(302)]).await;
    assert!(at_bottom(&log), "still following");
    assert!(unread_marker(&root).is_none());
}

/// Watches the log's list for changes; the returned function stops watching and returns
/// how many entries were added to and removed from the list itself, and how many changes
/// were made anywhere else than inside an added entry.
fn watch(log: &Element) -> js_sys::Function {
    let start = js_sys::Function::new_with_args(
        "log",
        "const records = [];
         const observer = new MutationObserver((r) => records.push(...r));
         observer.observe(log, { subtree: true, childList: true, attributes: true, characterData: true });
         return () => {
           records.push(...observer.takeRecords());
           observer.disconnect();
           const ofLog = records.filter((r) => r.type === 'childList' && r.target === log);
           const added = ofLog.flatMap((r) => [...r.addedNodes]);
           const removed = ofLog.flatMap((r) => [...r.removedNodes]);
           const other = records.filter((r) => !ofLog.includes(r)
             && !added.some((entry) => entry.contains(r.target)));
           return [added.length, removed.length, other.length];
         };",
    );
    start.call1(&JsValue::NULL, log).unwrap().into()
}

fn entry_nodes(root: &Element) -> Vec<(u64, Element)> {
    let entries = root
        .query_selector_all("[role='log'] [data-index]")
        .unwrap();
    (0..entries.length())
        .filter_map(|i| entries.item(i)?.dyn_into::<Element>().ok())
        .filter_map(|e| Some((e.get_attribute("data-index")?.parse().ok()?, e)))
        .collect()
}

#[wasm_bindgen_test]
async fn a_followed_append_adds_one_entry_and_keeps_every_other_node() {
    let (root, dispatch) = render(session_with(1_000)).await;
    let list = entry_list(&root);
    let before = entry_nodes(&root);
    let stop = watch(&list);
    load(&dispatch, vec![text(1_001)]).await;
    let counts: Vec<f64> = js_sys::Array::from(&stop.call0(&JsValue::NULL).unwrap())
        .iter()
        .filter_map(|n| n.as_f64())
        .collect();
    // The new entry comes and nothing else in the log is touched (the new entry fills
    // in after it is added); the window drops older entries a chunk at a time.
    assert_eq!(counts, [1.0, 0.0, 0.0], "added, removed, other changes");
    let after = entry_nodes(&root);
    assert_eq!(after.last().map(|(i, _)| *i), Some(1_001));
    for (index, node) in &before {
        let now = after.iter().find(|(i, _)| i == index).map(|(_, n)| n);
        assert!(
            now.is_some_and(|n| JsValue::from(n) == JsValue::from(node)),
            "entry {index} kept its node"
        );
    }
    assert!(at_bottom(&log(&root)), "followed");
    for index in 1_002..=1_030 {
        load(&dispatch, vec![text(index)]).await;
    }
    let shown = indexes(&root);
    assert_eq!(shown.last(), Some(&1_030));
    assert!(
        shown.len() < 175 && shown[0] > before[0].0,
        "the window moved on: {} entries from {}",
        shown.len(),
        shown[0]
    );
}

#[wasm_bindgen_test]
async fn appends_to_a_long_log_leave_an_agent_reading_above_in_place() {
    let (root, dispatch) = render(session_with(1_000)).await;
    let log = log(&root);
    scroll(&log, log.scroll_top() - 400).await;
    let reading: HtmlElement = root
        .query_selector("[data-index='990']")
        .unwrap()
        .unwrap()
        .dyn_into()
        .unwrap();
    let (top, offset) = (log.scroll_top(), reading.offset_top() - log.scroll_top());
    let before = indexes(&root);
    load(&dispatch, vec![text(1_001), text(1_002)]).await;
    assert_eq!(log.scroll_top(), top, "the viewport did not move");
    assert_eq!(
        reading.offset_top() - log.scroll_top(),
        offset,
        "the text did not move"
    );
    // The window grew below instead of dropping entries above the agent.
    assert_eq!(indexes(&root), [before, vec![1_001, 1_002]].concat());
    let unread = unread_marker(&root).expect("an unread marker");
    assert_eq!(
        unread.text_content().as_deref(),
        Some("2 new messages below")
    );
}

#[wasm_bindgen_test]
async fn entries_show_a_local_time_with_the_exact_instant_for_hover_and_screen_readers() {
    let (root, _) = render(session_with(1)).await;
    let time = root
        .query_selector("li[data-index] time")
        .unwrap()
        .expect("a time");
    assert_eq!(
        time.get_attribute("datetime").as_deref(),
        Some("2023-11-14T22:13:21.000Z")
    );
    // The day it begins has its separator above it, with the local date.
    let day = root
        .query_selector("li.gws-sms-log__day time")
        .unwrap()
        .expect("a day separator");
    let date = js_sys::Date::new(&JsValue::from_f64(1_700_000_001_000.0));
    assert_eq!(
        day.get_attribute("datetime"),
        Some(format!(
            "{:04}-{:02}-{:02}",
            date.get_full_year(),
            date.get_month() + 1,
            date.get_date()
        ))
    );
    assert_eq!(
        root.query_selector("li [tabindex]")
            .unwrap()
            .map(|e| e.tag_name()),
        None,
        "no tab stop in a log entry: a long log is not a long way to the composer"
    );
    // The same words as the Date methods in the agent's locale: the short time shown
    // and hidden from screen readers, the exact instant read to them and on hover.
    let date = js_sys::Date::new(&JsValue::from_f64(1_700_000_001_000.0));
    let options = js_sys::Object::new();
    let exact = date.to_locale_string("default", &options).as_string();
    let shown = time
        .query_selector("[aria-hidden=true]")
        .unwrap()
        .expect("the short time");
    assert_eq!(
        shown.text_content(),
        date.to_locale_time_string_with_options("default", &options)
            .as_string()
    );
    let read = time
        .query_selector(".gws-sms-hidden")
        .unwrap()
        .expect("the exact time");
    assert_eq!(read.text_content(), exact);
    assert_eq!(time.get_attribute("title"), exact);
    // Inline, it would be as wide as its words.
    let box_of = read
        .dyn_ref::<web_sys::HtmlElement>()
        .expect("an HTML element");
    assert!(
        box_of.offset_width() <= 1 && box_of.offset_height() <= 1,
        "not shown: {}×{}",
        box_of.offset_width(),
        box_of.offset_height()
    );
}

fn typing(index: u64) -> Message {
    Message {
        kind: MessageType::TypingStarted,
        text: None,
        ..text(index)
    }
}

/// How many arrivals and scrolls the generated test plays.
const STEPS: usize = 300;

/// Whatever arrives and however the agent scrolls, the log shows a run of the newest
/// shown entries in index order, and all of them once scrolled to the top: appends in
/// bursts, holes filled late, typing entries, scrolls up, down and to the middle. Some
/// steps wait for the render and check; others go on while it runs, so that arrivals
/// and scroll events land while Yew has yielded to the browser in the middle of a
/// render. `LOG_FUZZ_SEED` at build time replays a run.
#[wasm_bindgen_test]
async fn the_rendered_log_is_always_the_newest_part_of_the_log() {
    let seed = option_env!("LOG_FUZZ_SEED")
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| js_sys::Date::now() as u64);
    // A seed replays the run of `support/rng.rs`'s generator (rand's Xoshiro256++).
    console_log!("log fuzz seed {seed} (replay with LOG_FUZZ_SEED={seed})");
    let mut rng = Rng::seeded(seed);
    let started = js_sys::Date::now();
    let (root, dispatch) = render(session_with(40)).await;
    let log = log(&root);
    let dispatcher = dispatch.borrow().clone().expect("the host has rendered");
    // What the log holds: index → shown.
    let mut held: std::collections::BTreeMap<u64, bool> = (1..=40).map(|i| (i, true)).collect();
    let mut holes: Vec<u64> = Vec::new();
    let mut next = 41;
    let mut checked = 0;
    for step in 0..STEPS {
        let settle = rng.below(3) != 0;
        let mut batch = Vec::new();
        let mut scroll_to = None;
        match rng.below(10) {
            0..=3 => {
                // A burst, some indexes left as holes to be filled later.
                for _ in 0..1 + rng.below(30) {
                    if rng.below(8) == 0 {
                        holes.push(next);
                    } else if rng.below(10) == 0 {
                        batch.push(typing(next));
                        held.insert(next, false);
                    } else {
                        batch.push(text(next));
                        held.insert(next, true);
                    }
                    next += 1;
                }
            }
            4 if !holes.is_empty() => {
                let at = rng.below(holes.len());
                let index = holes.swap_remove(at);
                batch.push(text(index));
                held.insert(index, true);
            }
            5 | 6 => scroll_to = Some(0),
            7 => scroll_to = Some(log.scroll_height()),
            8 => scroll_to = Some(rng.below(log.scroll_height().max(1) as usize) as i32),
            _ => next_frame().await,
        }
        if let Some(top) = scroll_to {
            log.set_scroll_top(top);
            log.dispatch_event(&web_sys::Event::new("scroll").unwrap())
                .unwrap();
        }
        for message in batch {
            // One notification each, as they come.
            dispatcher.dispatch(Action::MessagesLoaded(vec![message]));
            if settle && rng.below(4) == 0 {
                yew::scheduler::flush().await;
            }
        }
        if !settle {
            gloo_timers::future::TimeoutFuture::new(rng.below(30) as u32).await;
            continue;
        }
        yew::scheduler::flush().await;
        if rng.below(2) == 0 {
            next_frame().await;
        }
        let shown: Vec<u64> = held.iter().filter(|(_, s)| **s).map(|(i, _)| *i).collect();
        let rendered = indexes(&root);
        assert!(
            !rendered.is_empty() && shown.ends_with(&rendered),
            "seed {seed}, step {step}: the log renders {} entries ({:?} … {:?}), not the newest of the {} held (last {:?})",
            rendered.len(),
            rendered.first(),
            rendered.last(),
            shown.len(),
            shown.last()
        );
        checked += 1;
    }
    assert!(checked > STEPS / 2, "only {checked} steps checked");
    yew::scheduler::flush().await;
    while root
        .query_selector(".gws-sms-log__older")
        .unwrap()
        .is_some()
    {
        scroll(&log, 0).await;
        next_frame().await;
    }
    let shown: Vec<u64> = held.iter().filter(|(_, s)| **s).map(|(i, _)| *i).collect();
    assert_eq!(
        indexes(&root),
        shown,
        "seed {seed}: the whole log at the top"
    );
    console_log!(
        "log fuzz: {} entries, {:.0} ms",
        shown.len(),
        js_sys::Date::now() - started
    );
}

/// Messages arriving faster than frames, at the bottom: the log keeps following and
/// never counts them as unread; the agent can still scroll up in the middle of the
/// stream, and the log then stays where they put it.
#[wasm_bindgen_test]
async fn a_fast_stream_is_followed_until_the_agent_scrolls_up() {
    let (root, dispatch) = render(session_with(300)).await;
    let log = log(&root);
    let dispatcher = dispatch.borrow().clone().expect("the host has rendered");
    let mut rng = Rng::seeded(js_sys::Date::now() as u64);
    for index in 301..=600 {
        dispatcher.dispatch(Action::MessagesLoaded(vec![text(index)]));
        if rng.below(3) == 0 {
            gloo_timers::future::TimeoutFuture::new(rng.below(12) as u32).await;
        }
        assert!(
            unread_marker(&root).is_none(),
            "after #{index}: {:?}",
            unread_marker(&root).and_then(|m| m.text_content())
        );
    }
    yew::scheduler::flush().await;
    next_frame().await;
    next_frame().await;
    assert!(at_bottom(&log), "followed to the end");
    assert!(
        indexes(&root).len() < 200,
        "{} rendered",
        indexes(&root).len()
    );

    scroll(&log, log.scroll_top() - 300).await;
    let top = log.scroll_top();
    for index in 601..=640 {
        dispatcher.dispatch(Action::MessagesLoaded(vec![text(index)]));
        if rng.below(3) == 0 {
            gloo_timers::future::TimeoutFuture::new(rng.below(12) as u32).await;
        }
    }
    yew::scheduler::flush().await;
    next_frame().await;
    next_frame().await;
    assert_eq!(
        log.scroll_top(),
        top,
        "the viewport stayed where the agent put it"
    );
    assert_eq!(
        unread_marker(&root)
            .and_then(|m| m.text_content())
            .as_deref(),
        Some("40 new messages below")
    );
}
