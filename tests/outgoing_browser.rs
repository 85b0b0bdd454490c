//! The agent's messages in the log in a real headless Chromium: shown the moment they
//! are sent, after the entry they followed, replaced by the server's copy without a
//! duplicate, and, when they fail, kept with Retry and Edit.
#![cfg(target_arch = "wasm32")]

use std::cell::RefCell;
use std::rc::Rc;

use gws_sms_widget::components::{Session, SessionView, SessionViewProps};
use gws_sms_widget::state::{Action, OpId, SessionState};
use gws_types::{OperationRequest, OperationResponse};
use serde_json::json;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement};
use yew::{AppHandle, Callback, Html};

wasm_bindgen_test_configure!(run_in_browser);

const ID: &str = "S1";

fn notified(value: serde_json::Value) -> Action {
    Action::Notified(serde_json::from_value(value).expect("a notification"))
}

/// A log update as the documentation's sample shows it: no `referenceId`.
fn log_update(messages: serde_json::Value) -> Action {
    notified(json!({
        "messageType": "MessageLogUpdated", "notificationType": "NewMessages",
        "smssessionUri": format!("http://gws/api/v2/smssessions/{ID}"), "messages": messages
    }))
}

fn customer(index: u64, text: &str) -> serde_json::Value {
    json!({"index": index, "type": "Text", "visibility": "All", "text": text,
        "from": {"nickname": "Cus", "type": "Customer", "participantId": "C1"}})
}

fn mine(index: u64, text: &str) -> serde_json::Value {
    json!({"index": index, "type": "Text", "visibility": "All", "text": text,
        "from": {"nickname": "Ann", "type": "Agent", "participantId": "A1"}})
}

fn chatting() -> SessionState {
    let mut state = SessionState::new(ID);
    state.apply(notified(json!({
        "messageType": "SMSsessionStateChangeMessage", "notificationType": "StatusChange",
        "smssession": {"id": ID, "state": "Chatting", "capabilities": ["SendMessage"],
            "participants": [
                {"nickname": "Ann", "type": "Agent", "participantId": "A1"},
                {"nickname": "Cus", "type": "Customer", "participantId": "C1"}]}
    })));
    state.apply(log_update(json!([customer(1, "Hi")])));
    state
}

/// The agent sends a message, posted at once (nothing ahead of it in the outbox).
fn send(state: &mut SessionState, id: u64, text: &str) {
    state.apply(Action::Requested {
        id: OpId(id),
        request: OperationRequest::SendMessage { text: text.into() },
        at: 0.0,
    });
    state.apply(Action::Posted {
        id: OpId(id),
        at: 0.0,
    });
}

struct View {
    root: Element,
    app: AppHandle<SessionView>,
    retried: Calls,
    edited: Calls,
}

type Calls = Rc<RefCell<Vec<OpId>>>;

fn props(state: &SessionState, retried: &Calls, edited: &Calls) -> SessionViewProps {
    let (retried, edited) = (retried.clone(), edited.clone());
    SessionViewProps {
        session: Session::new(state.clone()),
        on_action: Callback::noop(),
        on_send: Callback::noop(),
        on_request: Callback::noop(),
        on_retry: Callback::from(move |id| retried.borrow_mut().push(id)),
        on_edit: Callback::from(move |id| edited.borrow_mut().push(id)),
        reading: false,
        on_read: Callback::noop(),
        on_load_codes: Callback::noop(),
        recall: None,
        children: Html::default(),
        t: Default::default(),
    }
}

impl View {
    async fn show(&mut self, state: &SessionState) {
        self.app.update(props(state, &self.retried, &self.edited));
        yew::scheduler::flush().await;
    }

    /// The log's lines in order: `index:text` for the server's entries, `out:state:text`
    /// for the agent's own not yet in it.
    fn lines(&self) -> Vec<String> {
        let items = self
            .root
            .query_selector_all(".gws-sms-log li[data-index], .gws-sms-log li[data-outgoing]")
            .unwrap();
        (0..items.length())
            .filter_map(|i| items.item(i)?.dyn_into::<Element>().ok())
            .map(|item| {
                let text = item
                    .query_selector(".gws-sms-log__text")
                    .ok()
                    .flatten()
                    .and_then(|t| t.text_content())
                    .unwrap_or_default();
                match item.get_attribute("data-index") {
                    Some(index) => format!("{index}:{text}"),
                    None => format!(
                        "out:{}:{text}",
                        item.get_attribute("data-state").unwrap_or_default()
                    ),
                }
            })
            .collect()
    }
}

async fn render(state: &SessionState) -> View {
    let document = web_sys::window().unwrap().document().unwrap();
    let root = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&root).unwrap();
    let (retried, edited) = (Calls::default(), Calls::default());
    let props = props(state, &retried, &edited);
    let app = yew::Renderer::<SessionView>::with_root_and_props(root.clone(), props).render();
    yew::scheduler::flush().await;
    View {
        root,
        app,
        retried,
        edited,
    }
}

#[wasm_bindgen_test]
async fn a_message_shows_at_once_in_its_place_and_its_copy_replaces_it_once() {
    let mut state = chatting();
    let mut view = render(&state).await;
    send(&mut state, 1, "One  moment");
    send(&mut state, 2, "Checking now");
    view.show(&state).await;
    assert_eq!(
        view.lines(),
        [
            "1:Hi",
            "out:sending:One  moment",
            "out:sending:Checking now"
        ]
    );
    // The customer writes meanwhile: the messages stay after the entry they followed.
    state.apply(log_update(json!([customer(2, "Hello?")])));
    state.apply(Action::Answered {
        id: OpId(1),
        response: OperationResponse::accepted(None),
    });
    view.show(&state).await;
    assert_eq!(
        view.lines(),
        [
            "1:Hi",
            "out:sent:One  moment",
            "out:sending:Checking now",
            "2:Hello?"
        ]
    );
    // The server's copies, whitespace collapsed and no referenceId: each replaces its
    // message, none is shown twice.
    state.apply(log_update(json!([
        mine(3, "One moment"),
        mine(4, "Checking now")
    ])));
    view.show(&state).await;
    assert_eq!(
        view.lines(),
        ["1:Hi", "2:Hello?", "3:One moment", "4:Checking now"]
    );
}

#[wasm_bindgen_test]
async fn an_accepted_message_never_copied_says_so_and_its_late_copy_replaces_it() {
    let mut state = chatting();
    send(&mut state, 1, "Still there?");
    state.apply(Action::Answered {
        id: OpId(1),
        response: OperationResponse::accepted(None),
    });
    let wait = gws_sms_widget::state::wait_ms(&OperationRequest::SendMessage {
        text: String::new(),
    });
    state.apply(Action::Tick(wait));
    let mut view = render(&state).await;
    assert_eq!(view.lines(), ["1:Hi", "out:unconfirmed:Still there?"]);
    let entry = view
        .root
        .query_selector("[data-outgoing='1']")
        .unwrap()
        .unwrap();
    assert!(entry
        .text_content()
        .unwrap()
        .contains("Sent, not confirmed."));
    assert!(
        entry.query_selector("button").unwrap().is_none(),
        "sent: nothing to retry"
    );
    state.apply(log_update(json!([mine(2, "Still there?")])));
    view.show(&state).await;
    assert_eq!(view.lines(), ["1:Hi", "2:Still there?"]);
}

#[wasm_bindgen_test]
async fn a_failed_message_stays_in_the_log_with_retry_and_edit() {
    let mut state = chatting();
    send(&mut state, 1, "Your refund is on its way");
    state.apply(Action::RequestFailed {
        id: OpId(1),
        error: "The network is unreachable".into(),
    });
    state.apply(log_update(json!([customer(2, "Thanks")])));
    let view = render(&state).await;
    assert_eq!(
        view.lines(),
        ["1:Hi", "out:failed:Your refund is on its way", "2:Thanks"]
    );
    let failed = view
        .root
        .query_selector("[data-outgoing='1']")
        .unwrap()
        .unwrap();
    let alert = failed.query_selector("[role='alert']").unwrap().unwrap();
    assert_eq!(
        alert.text_content().as_deref(),
        Some("Not sent: The network is unreachable")
    );
    let button = |name: &str| -> HtmlElement {
        let buttons = failed.query_selector_all("button").unwrap();
        (0..buttons.length())
            .filter_map(|i| buttons.item(i)?.dyn_into::<HtmlElement>().ok())
            .find(|b| b.text_content().as_deref() == Some(name))
            .unwrap_or_else(|| panic!("no {name} button"))
    };
    button("Retry").click();
    button("Edit").click();
    yew::scheduler::flush().await;
    assert_eq!(*view.retried.borrow(), [OpId(1)]);
    assert_eq!(*view.edited.borrow(), [OpId(1)]);
}
