//! Components rendered by Yew in a real headless Chromium.
#![cfg(target_arch = "wasm32")]

use gws_sms_widget::components::{Session, SessionView, SessionViewProps};
use gws_sms_widget::state::{Action, AgentAction, OpId, SessionState};
use gws_types::{OperationRequest, OperationResponse, Target};
use serde_json::json;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement};
use yew::{Callback, Html};

wasm_bindgen_test_configure!(run_in_browser);

const ID: &str = "0000Na9B26EF006E";

fn notified(value: serde_json::Value) -> Action {
    Action::Notified(serde_json::from_value(value).expect("a notification"))
}

/// The seed page's session after the consult: three agents, one of them consulting.
fn consulting_session() -> SessionState {
    let mut state = SessionState::new(ID);
    state.apply(notified(json!({
        "messageType": "SMSsessionStateChangeMessage", "notificationType": "StatusChange",
        "smssession": {"id": ID, "state": "Chatting",
            "capabilities": ["Transfer", "Invite", "Consult", "Complete", "SendMessage"],
            "participants": [
                {"nickname": "TestName", "type": "Agent", "participantId": "009052CB05C900EA"},
                {"nickname": "FirstL", "type": "Customer", "participantId": "009052CB056C00E5"}]}
    })));
    state.apply(notified(json!({
        "notificationType": "ParticipantsUpdated", "messageType": "SMSsessionStateChangeMessage",
        "smssession": {"id": ID, "state": "Chatting",
            "capabilities": ["Transfer", "Leave", "Invite", "Consult", "SendToAgents", "Complete", "SendMessage"],
            "participants": [
                {"nickname": "TestName", "type": "Agent", "participantId": "009052CB05C900EA"},
                {"nickname": "BFriend", "type": "Agent", "participantId": "009052CB05CA00EB"},
                {"nickname": "FirstL", "type": "Customer", "participantId": "009052CB056C00E5"},
                {"nickname": "TestName", "type": "Agent", "participantId": "009052CB057100E7"}]}
    })));
    state.apply(notified(json!({
        "messageType": "MessageLogUpdated", "notificationType": "NewMessages",
        "smssessionUri": format!("http://localhost:8080/api/v2/smssessions/{ID}"),
        "messages": [
            {"index": 1, "type": "Text", "visibility": "All", "text": "<img src=x onerror=alert(1)><script>boom()</script>",
             "from": {"nickname": "FirstL", "type": "Customer", "participantId": "009052CB056C00E5"}},
            {"index": 3, "type": "ParticipantJoined", "visibility": "Agents", "timestampSeconds": 1389039246007_i64,
             "from": {"nickname": "BFriend", "type": "Agent", "participantId": "009052CB05CA00EB"}}]
    })));
    state
}

/// The view of `state` with callbacks that do nothing; a test sets those it watches.
fn view_of(state: SessionState) -> SessionViewProps {
    SessionViewProps {
        session: Session::new(state),
        on_action: Callback::noop(),
        on_send: Callback::noop(),
        on_request: Callback::noop(),
        on_retry: Callback::noop(),
        on_edit: Callback::noop(),
        reading: false,
        on_read: Callback::noop(),
        on_load_codes: Callback::noop(),
        recall: None,
        children: Html::default(),
        t: Default::default(),
    }
}

/// Renders into a fresh element of its own and waits for Yew to finish.
async fn render(props: SessionViewProps) -> Element {
    let document = gloo_utils_document();
    let root = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&root).unwrap();
    yew::Renderer::<SessionView>::with_root_and_props(root.clone(), props).render();
    yew::scheduler::flush().await;
    root
}

fn gloo_utils_document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

fn all(root: &Element, selector: &str) -> Vec<Element> {
    let list = root.query_selector_all(selector).unwrap();
    (0..list.length())
        .filter_map(|i| list.item(i))
        .filter_map(|node| node.dyn_into::<Element>().ok())
        .collect()
}

fn has_class(element: &Element, class: &str) -> bool {
    element.class_name().split_whitespace().any(|c| c == class)
}

fn button(root: &Element, name: &str) -> HtmlElement {
    all(root, "button")
        .into_iter()
        .find(|b| b.text_content().as_deref() == Some(name))
        .unwrap_or_else(|| panic!("no button named {name}"))
        .dyn_into()
        .unwrap()
}

#[wasm_bindgen_test]
async fn the_roster_lists_every_participant_by_id_with_a_role() {
    let root = render(view_of(consulting_session())).await;
    let list = root
        .query_selector("ul[aria-label='Participants']")
        .unwrap()
        .expect("a Participants list");
    let items = all(&list, "li");
    let seen: Vec<_> = items
        .iter()
        .map(|li| {
            (
                li.get_attribute("data-participant-id").unwrap(),
                li.text_content().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        seen,
        vec![
            ("009052CB05C900EA".to_owned(), "TestNameYou".to_owned()),
            (
                "009052CB05CA00EB".to_owned(),
                "BFriendConsulting agent".to_owned()
            ),
            ("009052CB056C00E5".to_owned(), "FirstLCustomer".to_owned()),
            ("009052CB057100E7".to_owned(), "TestNameAgent".to_owned()),
        ]
    );
}

#[wasm_bindgen_test]
async fn the_log_marks_agents_only_entries_and_renders_markup_as_text() {
    let root = render(view_of(consulting_session())).await;
    let log = root.query_selector("[role='log']").unwrap().expect("a log");
    assert_eq!(log.get_attribute("aria-live").as_deref(), Some("polite"));
    let entries = all(&log, "li[data-index]");
    assert_eq!(entries.len(), 2);
    let customer = &entries[0];
    assert!(customer
        .text_content()
        .unwrap()
        .contains("<script>boom()</script>"));
    assert!(
        all(customer, "script, img").is_empty(),
        "markup in a message must not become elements"
    );
    let joined = &entries[1];
    assert_eq!(joined.get_attribute("data-index").as_deref(), Some("3"));
    assert!(joined.text_content().unwrap().contains("BFriend joined"));
    assert!(joined
        .text_content()
        .unwrap()
        .contains("Visible to agents only"));
}

/// A text message for the log: `from` as (participantId, type), at `seconds`.
fn said(index: u64, from: (&str, &str), seconds: i64, text: &str) -> serde_json::Value {
    json!({"index": index, "type": "Text", "visibility": "All", "text": text,
        "timestampSeconds": seconds * 1000,
        "from": {"nickname": from.0, "type": from.1, "participantId": from.0}})
}

#[wasm_bindgen_test]
async fn the_log_groups_each_author_sets_own_messages_apart_and_marks_new_days() {
    let mut state = SessionState::new("S7");
    state.apply(notified(json!({
        "messageType": "SMSsessionStateChangeMessage", "notificationType": "StatusChange",
        "smssession": {"id": "S7", "state": "Chatting", "capabilities": ["SendMessage"],
            "participants": [{"nickname": "Anna", "type": "Agent", "participantId": "anna"},
                {"nickname": "Maria", "type": "Customer", "participantId": "maria"}]}
    })));
    // The only agent is the signed-in one.
    // Noon UTC, so that no time zone puts two of these on another day than meant.
    let day = 1_796_472_000; // 2026-12-05 12:00 UTC
    state.apply(notified(json!({
        "messageType": "MessageLogUpdated", "notificationType": "NewMessages",
        "smssessionUri": "http://localhost:8080/api/v2/smssessions/S7",
        "messages": [
            said(1, ("maria", "Customer"), day, "Hello"),
            said(2, ("maria", "Customer"), day + 20, "Are you there?"),
            said(3, ("anna", "Agent"), day + 60, "Yes"),
            said(4, ("maria", "Customer"), day + 86_400, "Next day")]
    })));
    let root = render(view_of(state)).await;
    let log = root.query_selector("[role='log']").unwrap().expect("a log");
    let items: Vec<(String, String)> = all(&log, "li")
        .iter()
        .map(|li| {
            let kind = if has_class(li, "gws-sms-log__day") {
                "day".to_owned()
            } else {
                li.get_attribute("data-index").unwrap_or_default()
            };
            (kind, li.class_name())
        })
        .collect();
    let kinds: Vec<&str> = items.iter().map(|(kind, _)| kind.as_str()).collect();
    assert_eq!(kinds, ["day", "1", "2", "3", "day", "4"], "{items:?}");
    let classes = |index: &str| {
        items
            .iter()
            .find(|(kind, _)| kind == index)
            .map(|(_, class)| class.clone())
            .unwrap()
    };
    assert!(classes("1").contains("gws-sms-log__entry--customer"));
    assert!(!classes("1").contains("--continued"));
    assert!(
        classes("2").contains("gws-sms-log__entry--continued"),
        "the customer's second line goes on from the first"
    );
    assert!(classes("3").contains("gws-sms-log__entry--mine"));
    assert!(!classes("3").contains("--continued"));
    assert!(
        !classes("4").contains("--continued"),
        "a new day starts a new group"
    );
    // The author of a line that goes on is still there for screen readers.
    let second = log.query_selector("li[data-index='2']").unwrap().unwrap();
    let author = second
        .query_selector(".gws-sms-log__author")
        .unwrap()
        .expect("an author");
    assert_eq!(author.text_content().as_deref(), Some("maria"));
    assert!(has_class(&author, "gws-sms-hidden"));
    let separator = log
        .query_selector("li.gws-sms-log__day time")
        .unwrap()
        .unwrap();
    assert!(separator
        .get_attribute("datetime")
        .is_some_and(|date| date.starts_with("2026-12-0")));
}

fn shown_actions(root: &Element) -> Vec<String> {
    all(root, "[role='toolbar'] button[data-action]")
        .iter()
        .filter_map(|b| b.get_attribute("data-action"))
        .collect()
}

#[wasm_bindgen_test]
async fn buttons_follow_the_capabilities_and_say_why_not_on_demand() {
    let clicked = std::rc::Rc::new(std::cell::RefCell::new(Vec::new()));
    let on_action = {
        let clicked = clicked.clone();
        Callback::from(move |action: AgentAction| clicked.borrow_mut().push(action))
    };
    let mut state = consulting_session();
    // GWS takes Leave away.
    state.apply(notified(json!({
        "messageType": "SMSsessionStateChangeMessage", "notificationType": "StatusChange",
        "smssession": {"id": ID, "state": "Chatting",
            "capabilities": ["Transfer", "Invite", "Consult", "SendToAgents", "Complete", "SendMessage"]}
    })));
    let root = render(SessionViewProps {
        on_action,
        ..view_of(state)
    })
    .await;

    assert_eq!(
        shown_actions(&root),
        ["Consult", "Transfer", "Invite", "Leave", "Complete"],
        "only what applies while chatting: no Accept, Reject or Cancel consult"
    );
    let transfer = button(&root, "Transfer");
    assert_eq!(
        transfer.get_attribute("aria-disabled").as_deref(),
        Some("false")
    );
    assert_eq!(transfer.get_attribute("aria-describedby"), None);
    transfer.click();
    let conference = button(&root, "Conference");
    assert_eq!(
        conference.get_attribute("aria-disabled").as_deref(),
        Some("false")
    );

    let leave = button(&root, "Leave");
    assert_eq!(
        leave.get_attribute("aria-disabled").as_deref(),
        Some("true")
    );
    leave.click();
    let reason_id = leave.get_attribute("aria-describedby").expect("a reason");
    let reason = gloo_utils_document()
        .get_element_by_id(&reason_id)
        .expect("the reason element");
    assert_eq!(reason.get_attribute("role").as_deref(), Some("tooltip"));
    assert_eq!(
        reason.text_content().as_deref(),
        Some("The server does not allow Leave right now.")
    );
    assert!(
        all(&root, ".gws-sms-actions__reason").len() == 1,
        "a reason only for the action withheld"
    );
    assert!(
        all(&root, ".gws-sms-actions__button--primary").is_empty(),
        "while chatting, Send is the one that stands out"
    );

    assert_eq!(
        *clicked.borrow(),
        vec![AgentAction::Transfer],
        "a disabled button does nothing"
    );
}

#[wasm_bindgen_test]
async fn an_offer_shows_accept_first_and_nothing_that_does_not_apply() {
    let mut state = SessionState::new("S8");
    state.apply(notified(json!({
        "messageType": "SMSsessionStateChangeMessage", "notificationType": "StatusChange",
        "smssession": {"id": "S8", "state": "Invited", "capabilities": ["Accept", "Reject"]}
    })));
    let root = render(view_of(state)).await;
    assert_eq!(shown_actions(&root), ["Accept", "Reject"]);
    assert!(has_class(
        &button(&root, "Accept"),
        "gws-sms-actions__button--primary"
    ));
    assert!(all(&root, ".gws-sms-actions__reason").is_empty());

    let mut over = SessionState::new("S8");
    over.apply(notified(json!({
        "messageType": "SMSsessionStateChangeMessage", "notificationType": "StatusChange",
        "smssession": {"id": "S8", "state": "Completed", "capabilities": []}
    })));
    let root = render(view_of(over)).await;
    assert!(shown_actions(&root).is_empty());
    let note = root
        .query_selector(".gws-sms-actions__none[role='status']")
        .unwrap()
        .expect("says why there is nothing to do");
    assert_eq!(
        note.text_content().as_deref(),
        Some("The session is completed.")
    );
}

#[wasm_bindgen_test]
async fn a_pending_consult_disables_consult_and_offers_cancel() {
    let mut state = consulting_session();
    state.apply(Action::Requested {
        id: OpId(1),
        request: OperationRequest::Consult {
            target: Target::Path("/contacts/2".into()),
        },
        at: 0.0,
    });
    state.apply(Action::Answered {
        id: OpId(1),
        response: OperationResponse::accepted(Some(4)),
    });
    let root = render(view_of(state)).await;
    assert_eq!(
        button(&root, "Consult")
            .get_attribute("aria-disabled")
            .as_deref(),
        Some("true")
    );
    assert_eq!(
        button(&root, "Cancel consult")
            .get_attribute("aria-disabled")
            .as_deref(),
        Some("false")
    );
}

#[wasm_bindgen_test]
async fn a_consult_nobody_answers_says_so_and_keeps_cancel() {
    let mut state = consulting_session();
    let consult = OperationRequest::Consult {
        target: Target::Path("/contacts/2".into()),
    };
    let wait = gws_sms_widget::state::wait_ms(&consult);
    state.apply(Action::Requested {
        id: OpId(1),
        request: consult,
        at: 0.0,
    });
    state.apply(Action::Answered {
        id: OpId(1),
        response: OperationResponse::accepted(Some(4)),
    });
    state.apply(Action::Tick(wait));
    let root = render(view_of(state)).await;
    let words = root
        .query_selector("[data-unconfirmed-for='Consult'][role='status']")
        .unwrap()
        .expect("the consult says what it lacks");
    assert_eq!(
        words.text_content().as_deref(),
        Some("Consult: No answer to the consultation within 60 s.")
    );
    let consult = button(&root, "Consult");
    assert_eq!(consult.get_attribute("aria-busy").as_deref(), Some("false"));
    assert_eq!(
        consult.get_attribute("aria-disabled").as_deref(),
        Some("false"),
        "no longer in progress"
    );
    assert_eq!(
        button(&root, "Cancel consult")
            .get_attribute("aria-disabled")
            .as_deref(),
        Some("false")
    );
}

#[wasm_bindgen_test]
async fn wrap_up_sends_disposition_and_data_operations_the_server_allows() {
    let mut state = SessionState::new("S9");
    state.apply(notified(json!({
        "messageType": "SMSsessionStateChangeMessage", "notificationType": "StatusChange",
        "smssession": {"id": "S9", "state": "Chatting", "capabilities": ["SetDisposition", "DeleteUserData"],
            "userData": {"RTenant": "Resources", "OrderId": 42}}
    })));
    let requests = std::rc::Rc::new(std::cell::RefCell::new(Vec::new()));
    let on_request = {
        let requests = requests.clone();
        Callback::from(move |request: OperationRequest| requests.borrow_mut().push(request))
    };
    let root = render(SessionViewProps {
        on_request,
        ..view_of(state)
    })
    .await;

    let rows = all(&root, "table[aria-label='Attached data'] tr");
    assert_eq!(rows.len(), 2);
    assert!(rows[0].text_content().unwrap().contains("OrderId42"));

    let disposition: web_sys::HtmlInputElement = all(&root, ".gws-sms-wrap-up label")
        .into_iter()
        .find(|label| label.text_content().as_deref() == Some("Disposition"))
        .and_then(|label| label.query_selector("input").unwrap())
        .expect("a Disposition field")
        .dyn_into()
        .unwrap();
    disposition.set_value("Resolved");
    wrap_up_button(&root, "SetDisposition").click();
    wrap_up_button(&root, "AttachUserData").click();
    assert_eq!(
        wrap_up_button(&root, "AttachUserData")
            .get_attribute("title")
            .as_deref(),
        Some("The server does not allow Attach data right now.")
    );
    wrap_up_button(&root, "DeleteUserData").click();
    assert_eq!(
        *requests.borrow(),
        vec![
            OperationRequest::SetDisposition {
                disposition: "Resolved".into(),
                disposition_key: None
            },
            OperationRequest::DeleteUserData {
                keys: vec!["OrderId".into()]
            },
        ]
    );
}

fn wrap_up_button(root: &Element, operation: &str) -> HtmlElement {
    root.query_selector(&format!(".gws-sms-wrap-up [data-action='{operation}']"))
        .unwrap()
        .expect("a wrap-up button")
        .dyn_into()
        .unwrap()
}

/// The target picker for `action` in a fresh root, and the targets it chooses.
async fn mount_picker(
    action: AgentAction,
    on_search: Callback<gws_sms_widget::components::Search>,
) -> (Element, std::rc::Rc<std::cell::RefCell<Vec<Target>>>) {
    use gws_sms_widget::components::{TargetPicker, TargetPickerProps};

    let chosen = std::rc::Rc::new(std::cell::RefCell::new(Vec::new()));
    let props = TargetPickerProps {
        action,
        on_search,
        on_choose: {
            let chosen = chosen.clone();
            Callback::from(move |target: Target| chosen.borrow_mut().push(target))
        },
        on_cancel: Callback::noop(),
        t: Default::default(),
    };
    let document = gloo_utils_document();
    let root = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&root).unwrap();
    yew::Renderer::<TargetPicker>::with_root_and_props(root.clone(), props).render();
    yew::scheduler::flush().await;
    (root, chosen)
}

#[wasm_bindgen_test]
async fn the_target_picker_ignores_an_answer_to_an_older_search() {
    use gws_sms_widget::components::Search;
    use gws_types::Contact;

    let searches: std::rc::Rc<std::cell::RefCell<Vec<Search>>> = Default::default();
    let on_search = {
        let searches = searches.clone();
        Callback::from(move |search: Search| searches.borrow_mut().push(search))
    };
    let (root, chosen) = mount_picker(AgentAction::Consult, on_search).await;

    let input: web_sys::HtmlInputElement = root
        .query_selector("input[type='search']")
        .unwrap()
        .unwrap()
        .dyn_into()
        .unwrap();
    for text in ["ann", "ben"] {
        input.set_value(text);
        let init = web_sys::InputEventInit::new();
        init.set_bubbles(true);
        input
            .dispatch_event(&web_sys::InputEvent::new_with_event_init_dict("input", &init).unwrap())
            .unwrap();
        yew::scheduler::flush().await;
    }
    let patterns: Vec<String> = searches.borrow().iter().map(|(p, _)| p.clone()).collect();
    assert_eq!(patterns, ["*", "*ann*", "*ben*"]);

    let contact = |name: &str| -> Contact {
        serde_json::from_value(
            json!({"name": name, "type": "User", "path": format!("/contacts/{name}")}),
        )
        .unwrap()
    };
    let reply = |at: usize, name: &str| {
        let reply = searches.borrow()[at].1.clone();
        reply.emit(Ok(vec![contact(name)].into()));
    };
    reply(2, "ben");
    reply(1, "ann");
    yew::scheduler::flush().await;
    let names: Vec<_> = all(&root, "[data-contact-name]")
        .iter()
        .filter_map(|b| b.get_attribute("data-contact-name"))
        .collect();
    assert_eq!(
        names,
        ["ben"],
        "the late answer to the older search is dropped"
    );

    button(&root, "benAvailability unknown").click();
    assert_eq!(*chosen.borrow(), vec![Target::Path("/contacts/ben".into())]);
}

#[wasm_bindgen_test]
async fn the_target_picker_takes_a_typed_path_and_refuses_a_bare_name() {
    let (root, chosen) = mount_picker(AgentAction::Transfer, Callback::noop()).await;

    let typed: web_sys::HtmlInputElement = root
        .query_selector(".gws-sms-picker__typed")
        .unwrap()
        .expect("the typed-target box")
        .dyn_into()
        .unwrap();
    let use_typed = button(&root, "Use typed target");

    typed.set_value("agent2");
    use_typed.click();
    yew::scheduler::flush().await;
    assert!(chosen.borrow().is_empty(), "a bare name is no target");
    let error = root
        .query_selector(".gws-sms-picker__error")
        .unwrap()
        .expect("the refusal, in words");
    assert!(!error.text_content().unwrap().is_empty());

    typed.set_value(" /contacts/42 ");
    use_typed.click();
    yew::scheduler::flush().await;
    assert_eq!(*chosen.borrow(), vec![Target::Path("/contacts/42".into())]);
}

#[wasm_bindgen_test]
async fn the_connection_banner_shows_only_while_not_connected() {
    use gws_sms_widget::components::connection_banner;
    use gws_sms_widget::transport::ConnectionState;

    #[derive(yew::Properties, PartialEq)]
    struct BannerProps {
        state: ConnectionState,
    }

    #[yew::component]
    fn Banner(props: &BannerProps) -> Html {
        connection_banner(&gws_sms_widget::i18n::Catalogue::default(), props.state)
    }

    let states = [
        (ConnectionState::Connected, None),
        (ConnectionState::Connecting, Some("Connecting to GWS…")),
        (
            ConnectionState::Reconnecting { next_try_at: 0 },
            Some("Connection lost."),
        ),
        (ConnectionState::Offline, Some("Offline")),
        (
            ConnectionState::SignedOut,
            Some("You are signed out of GWS. Sign in again."),
        ),
    ];
    for (state, words) in states {
        let document = gloo_utils_document();
        let root = document.create_element("div").unwrap();
        document.body().unwrap().append_child(&root).unwrap();
        yew::Renderer::<Banner>::with_root_and_props(root.clone(), BannerProps { state }).render();
        yew::scheduler::flush().await;
        let status = root
            .query_selector("[role='status']")
            .unwrap()
            .expect("a live status region");
        let banner = root.query_selector("[data-connection]").unwrap();
        match words {
            None => assert!(banner.is_none(), "nothing shown while connected"),
            Some(words) => {
                let banner = banner.expect("a banner");
                assert_eq!(
                    banner.get_attribute("data-connection").as_deref(),
                    Some(state.name())
                );
                assert!(
                    status.text_content().unwrap().starts_with(words),
                    "{state:?}"
                );
            }
        }
    }
}

/// Presses Tab (or Shift+Tab) on `on`, as the keyboard does; whether the picker took
/// the default move.
async fn tab(on: &Element, shift: bool) -> bool {
    let init = web_sys::KeyboardEventInit::new();
    init.set_key("Tab");
    init.set_shift_key(shift);
    init.set_bubbles(true);
    init.set_cancelable(true);
    let event =
        web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap();
    on.dispatch_event(&event).unwrap();
    yew::scheduler::flush().await;
    event.default_prevented()
}

fn focused() -> Option<Element> {
    gloo_utils_document().active_element()
}

#[wasm_bindgen_test]
async fn the_target_picker_keeps_the_focus_while_open() {
    let (root, _) = mount_picker(AgentAction::Consult, Callback::noop()).await;
    let search = root
        .query_selector("input[type='search']")
        .unwrap()
        .unwrap();
    let cancel = root
        .query_selector(".gws-sms-picker__cancel")
        .unwrap()
        .unwrap();
    let typed = root
        .query_selector(".gws-sms-picker__typed")
        .unwrap()
        .unwrap();
    assert_eq!(
        focused(),
        Some(search.clone()),
        "the search box has the focus first"
    );

    assert!(
        tab(&cancel, false).await,
        "Tab from the last control is taken"
    );
    assert_eq!(focused(), Some(search.clone()), "… and goes to the first");
    assert!(
        tab(&search, true).await,
        "Shift+Tab from the first control is taken"
    );
    assert_eq!(focused(), Some(cancel.clone()), "… and goes to the last");
    assert!(
        !tab(&typed, false).await,
        "Tab between controls moves as usual"
    );
    assert!(!tab(&search, false).await);
    assert!(!tab(&cancel, true).await);
}
