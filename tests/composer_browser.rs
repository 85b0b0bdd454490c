//! The composer in a real headless Chromium: modes, keys, the SMS counter, a message
//! taken back to be edited.
#![cfg(target_arch = "wasm32")]

use std::cell::RefCell;
use std::rc::Rc;

use gws_sms_widget::components::{Composer, ComposerProps, Recall, Session};
use gws_sms_widget::state::{Action, AgentAction, Audience, Outgoing, SessionState};
use gws_types::{Capability, SessionStatus, SmsSession};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{
    Element, HtmlElement, HtmlTextAreaElement, InputEvent, InputEventInit, KeyboardEvent,
    KeyboardEventInit,
};
use yew::Callback;

wasm_bindgen_test_configure!(run_in_browser);

fn session(capabilities: &[Capability]) -> SessionState {
    let mut state = SessionState::new("S1");
    state.apply(Action::SessionLoaded(SmsSession {
        id: Some("S1".into()),
        state: Some(SessionStatus::Chatting),
        capabilities: Some(capabilities.to_vec()),
        ..SmsSession::default()
    }));
    state
}

struct Rendered {
    root: Element,
    sent: Rc<RefCell<Vec<Outgoing>>>,
    actions: Rc<RefCell<Vec<AgentAction>>>,
}

async fn render(state: SessionState) -> Rendered {
    let document = web_sys::window().unwrap().document().unwrap();
    let root = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&root).unwrap();
    let sent = Rc::new(RefCell::new(Vec::new()));
    let actions = Rc::new(RefCell::new(Vec::new()));
    let props = ComposerProps {
        controls: Session::new(state).into(),
        on_send: {
            let sent = sent.clone();
            Callback::from(move |o| sent.borrow_mut().push(o))
        },
        on_action: {
            let actions = actions.clone();
            Callback::from(move |a| actions.borrow_mut().push(a))
        },
        recall: None,
        t: Default::default(),
    };
    yew::Renderer::<Composer>::with_root_and_props(root.clone(), props).render();
    yew::scheduler::flush().await;
    Rendered {
        root,
        sent,
        actions,
    }
}

impl Rendered {
    fn textbox(&self) -> HtmlTextAreaElement {
        let label = self.query("label");
        assert_eq!(label.text_content().as_deref(), Some("Message"));
        let id = label
            .get_attribute("for")
            .expect("the label names its textbox");
        self.query(&format!("#{id}")).dyn_into().unwrap()
    }

    fn query(&self, selector: &str) -> Element {
        self.root
            .query_selector(selector)
            .unwrap()
            .unwrap_or_else(|| panic!("no {selector}"))
    }

    async fn type_text(&self, text: &str) {
        let textbox = self.textbox();
        textbox.set_value(text);
        let init = InputEventInit::new();
        init.set_bubbles(true);
        textbox
            .dispatch_event(&InputEvent::new_with_event_init_dict("input", &init).unwrap())
            .unwrap();
        yew::scheduler::flush().await;
    }

    async fn press_enter(&self, shift: bool) -> bool {
        let init = KeyboardEventInit::new();
        init.set_key("Enter");
        init.set_shift_key(shift);
        init.set_bubbles(true);
        init.set_cancelable(true);
        let event = KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap();
        self.textbox().dispatch_event(&event).unwrap();
        yew::scheduler::flush().await;
        event.default_prevented()
    }

    async fn click(&self, selector: &str) {
        self.query(selector)
            .dyn_into::<HtmlElement>()
            .unwrap()
            .click();
        yew::scheduler::flush().await;
    }
}

#[wasm_bindgen_test]
async fn enter_sends_to_the_customer_and_shift_enter_does_not() {
    let view = render(session(&[
        Capability::SendMessage,
        Capability::SendStartTypingNotification,
        Capability::SendStopTypingNotification,
    ]))
    .await;
    view.type_text("Hello there").await;
    assert_eq!(*view.actions.borrow(), vec![AgentAction::StartTyping]);
    assert!(view
        .query(".gws-sms-composer__counter")
        .text_content()
        .unwrap()
        .starts_with("1 SMS · 149 left"));

    assert!(!view.press_enter(true).await, "Shift+Enter is a newline");
    assert!(view.sent.borrow().is_empty());
    assert!(view.press_enter(false).await);
    assert_eq!(
        *view.sent.borrow(),
        vec![Outgoing {
            audience: Audience::Customer,
            text: "Hello there".into()
        }]
    );
    assert_eq!(
        view.textbox().value(),
        "",
        "the draft is cleared once handed over"
    );
    assert_eq!(
        *view.actions.borrow(),
        vec![AgentAction::StartTyping, AgentAction::StopTyping]
    );
}

#[wasm_bindgen_test]
async fn agents_only_needs_its_capability() {
    let view = render(session(&[Capability::SendMessage])).await;
    let agents = view.query("[data-audience='agents']");
    assert_eq!(
        agents.get_attribute("aria-disabled").as_deref(),
        Some("true")
    );
    assert_eq!(
        agents.get_attribute("title").as_deref(),
        Some("The server does not allow Send to agents right now.")
    );
    view.click("[data-audience='agents']").await;
    assert_eq!(
        view.query("[aria-checked='true']")
            .text_content()
            .as_deref(),
        Some("To customer")
    );

    let view = render(session(&[
        Capability::SendMessage,
        Capability::SendToAgents,
    ]))
    .await;
    view.click("[data-audience='agents']").await;
    view.type_text("Can you take this one?").await;
    view.click(".gws-sms-composer__send").await;
    assert_eq!(
        *view.sent.borrow(),
        vec![Outgoing {
            audience: Audience::Agents,
            text: "Can you take this one?".into()
        }]
    );
    assert!(
        view.actions.borrow().is_empty(),
        "no typing capability, no typing notification"
    );
}

#[wasm_bindgen_test]
async fn a_message_taken_back_from_the_log_fills_the_draft() {
    let document = web_sys::window().unwrap().document().unwrap();
    let root = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&root).unwrap();
    let props = ComposerProps {
        controls: Session::new(session(&[Capability::SendMessage])).into(),
        on_send: Callback::noop(),
        on_action: Callback::noop(),
        recall: Some(Recall {
            seq: 1,
            text: "Your refund is on its way".into(),
        }),
        t: Default::default(),
    };
    yew::Renderer::<Composer>::with_root_and_props(root.clone(), props).render();
    yew::scheduler::flush().await;
    let textbox: HtmlTextAreaElement = root
        .query_selector("textarea")
        .unwrap()
        .unwrap()
        .dyn_into()
        .unwrap();
    assert_eq!(textbox.value(), "Your refund is on its way");
    assert_eq!(
        document.active_element().as_ref(),
        Some(textbox.unchecked_ref::<Element>()),
        "the agent edits it at once"
    );
}

#[wasm_bindgen_test]
async fn without_send_message_the_send_button_says_why() {
    let view = render(session(&[])).await;
    let send = view.query(".gws-sms-composer__send");
    assert_eq!(send.text_content().as_deref(), Some("Send"));
    assert_eq!(send.get_attribute("aria-disabled").as_deref(), Some("true"));
    view.type_text("anything").await;
    view.click(".gws-sms-composer__send").await;
    assert!(view.sent.borrow().is_empty());
    assert_eq!(view.textbox().value(), "anything", "the draft stays");
}

/// Classes that follow the state are set as the element's `className`: switching the
/// audience there and back updates the same buttons and textbox, and leaves nothing
/// behind (a property Yew removes would read `undefined`).
#[wasm_bindgen_test]
async fn the_audience_classes_follow_each_switch_on_the_same_elements() {
    let view = render(session(&[
        Capability::SendMessage,
        Capability::SendToAgents,
    ]))
    .await;
    let customer = view.query("[data-audience='customer']");
    let agents = view.query("[data-audience='agents']");
    let draft = view.textbox();
    let active = "gws-sms-composer__mode--active";
    let agents_only = "gws-sms-composer__draft--agents-only";
    let has = |element: &Element, class: &str| {
        element
            .class_name()
            .split_whitespace()
            .any(|name| name == class)
    };

    assert!(has(&customer, active) && !has(&agents, active));
    assert!(has(&draft, "gws-sms-composer__draft") && !has(&draft, agents_only));

    view.click("[data-audience='agents']").await;
    assert!(!has(&customer, active) && has(&agents, active));
    assert!(has(&draft, agents_only));

    view.click("[data-audience='customer']").await;
    assert!(has(&customer, active) && !has(&agents, active));
    assert!(!has(&draft, agents_only));
    for element in [&customer, &agents, draft.unchecked_ref()] {
        let class = element.class_name();
        assert!(
            class.starts_with("gws-sms-composer__") && !class.contains("undefined"),
            "{class}"
        );
    }
}
