//! The widget's side of the bench: its message log over a reducer, as the live widget
//! holds it, fed by the widget's own reading paths.

use std::cell::RefCell;
use std::rc::Rc;

use gws_sms_widget::components::{LogView, Session};
use gws_sms_widget::state::{Action, SessionState};
use gws_sms_widget::transport::{decode, read_notification, CometEvent};
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement};
use yew::prelude::*;
use yew::AppHandle;

use super::fixture::{self, Fixture};

type Dispatch = Rc<RefCell<Option<UseReducerDispatcher<Session>>>>;

#[derive(Properties, PartialEq)]
pub struct HostProps {
    initial: Session,
    dispatch: Dispatch,
}

#[component]
pub fn Host(props: &HostProps) -> Html {
    let session = use_reducer(|| props.initial.clone());
    *props.dispatch.borrow_mut() = Some(session.dispatcher());
    html! { <div class="gws-sms"><LogView session={(*session).clone()} /></div> }
}

/// The session before its log is read: the roster is known, and so is who "You" is.
pub fn session_without_log(fixture: &Fixture) -> SessionState {
    let mut state = SessionState::new(fixture::SESSION_ID);
    let session = serde_json::from_value(fixture.session.clone()).unwrap();
    state.apply(Action::SessionLoaded(session));
    assert_eq!(state.my_participant_id(), Some(fixture::ME));
    state
}

pub struct Widget {
    pub root: Element,
    app: AppHandle<Host>,
    dispatch: Dispatch,
}

impl Widget {
    /// Mounts the log into a fresh element of `parent`, rendered once (empty).
    pub async fn mount(parent: &Element, state: SessionState) -> Widget {
        let root = crate::fresh_child(parent);
        let dispatch: Dispatch = Rc::default();
        let props = HostProps {
            initial: Session::new(state),
            dispatch: dispatch.clone(),
        };
        let app = yew::Renderer::<Host>::with_root_and_props(root.clone(), props).render();
        yew::scheduler::flush().await;
        Widget {
            root,
            app,
            dispatch,
        }
    }

    /// Reads a `/messages` answer as the REST client does.
    pub fn read_answer(text: &str) -> Action {
        Action::MessagesLoaded(decode::messages(200, text).unwrap())
    }

    /// Reads a notification's `data` as the CometD loop does.
    pub fn read_notification(text: &str) -> Action {
        match read_notification(text) {
            CometEvent::Notification(notification) => Action::Notified((*notification).clone()),
            other => panic!("not a notification: {other:?}"),
        }
    }

    /// Reduces `action`; Yew renders at the next flush.
    pub fn dispatch(&self, action: Action) {
        let dispatcher = self.dispatch.borrow().clone().unwrap();
        dispatcher.dispatch(action);
    }

    /// Renders what was dispatched and makes the browser lay it out.
    pub async fn render(&self) -> i32 {
        yew::scheduler::flush().await;
        self.root
            .query_selector("[role='log']")
            .unwrap()
            .and_then(|log| log.dyn_into::<HtmlElement>().ok())
            .map_or(0, |log| log.scroll_height())
    }

    pub fn unmount(self) {
        self.app.destroy();
        self.root.remove();
    }
}
