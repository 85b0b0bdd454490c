//! The message log: index order, the newest entries rendered, older ones added as
//! the agent scrolls up, and new ones followed only when the agent is at the bottom.

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::Element;
use yew::prelude::*;

use super::flag;
use super::log_chunk::{Entries, LogChunk};
use super::log_viewport::Viewport;
use super::log_window::{
    arrived_since, chunk_start, chunks, first_rendered, is_shown, unread_after, PAGE,
};
use super::outgoing_entry::{OutgoingMessage, OutgoingRun};
use super::Session;
use crate::i18n::{Catalogue, Msg, Said};
use crate::state::OpId;

#[derive(Properties, PartialEq)]
pub struct LogViewProps {
    /// The words to speak.
    #[prop_or_default]
    pub t: Rc<Catalogue>,
    pub session: Session,
    /// Sends a message that failed again.
    #[prop_or_default]
    pub on_retry: Callback<OpId>,
    /// Takes a message that failed back into the composer.
    #[prop_or_default]
    pub on_edit: Callback<OpId>,
    /// Entries missed are being read: the log says so (`aria-busy`), and screen
    /// readers wait for it to be whole.
    #[prop_or_default]
    pub reading: bool,
    /// The agent has read the log up to this index: its newest entries were on screen.
    #[prop_or_default]
    pub on_read: Callback<u64>,
}

/// Whether the log is on screen: the widget shown and its page not hidden.
fn on_screen(element: &Element) -> bool {
    element.client_height() > 0 && !page_hidden()
}

fn page_hidden() -> bool {
    web_sys::window()
        .and_then(|window| window.document())
        .is_some_and(|document| document.hidden())
}

/// The agent's messages not yet in the log, each given to the run it follows: the last
/// run that starts at or before the entry it was written after (the first run for one
/// written before every rendered entry, the only run of an empty log).
fn outgoing_by_run(session: &Session, starts: &[u64]) -> Vec<Vec<OutgoingMessage>> {
    let mut runs = vec![Vec::new(); starts.len().max(1)];
    // In the order written, which is the order of `after` too: the log only grows, and
    // a retried message keeps its place.
    for message in session
        .operations()
        .unsettled_messages()
        .filter_map(OutgoingMessage::of)
    {
        let run = starts.partition_point(|&start| start <= message.after);
        runs[run.saturating_sub(1)].push(message);
    }
    runs
}

/// Pixels from the bottom that still count as "at the bottom".
const BOTTOM_SLACK: i32 = 8;
/// Pixels from the top at which older entries are added.
const TOP_SLACK: i32 = 48;

fn at_bottom(element: &Element) -> bool {
    element.scroll_height() - element.scroll_top() - element.client_height() <= BOTTOM_SLACK
}

/// Scrolls `element` to the bottom in the next animation frame, once however many
/// renders come before it. Reading the scroll height lays the page out; in a frame
/// that layout is the one the browser does anyway, while right after a render it would
/// be an extra one, paid before the text is even in the DOM for the next message.
fn scroll_to_bottom_before_paint(element: Element, viewport: &Rc<RefCell<Viewport>>) {
    if std::mem::replace(&mut viewport.borrow_mut().frame_pending, true) {
        return;
    }
    let viewport = viewport.clone();
    let scroll = move || {
        element.set_scroll_top(element.scroll_height());
        viewport.borrow_mut().put_at_bottom(element.scroll_top());
    };
    let Some(window) = web_sys::window() else {
        return scroll();
    };
    let scroll = Closure::once_into_js(scroll);
    if window
        .request_animation_frame(scroll.unchecked_ref())
        .is_err()
    {
        // No frames to wait for: scroll now.
        let _ = scroll
            .unchecked_ref::<js_sys::Function>()
            .call0(&JsValue::NULL);
    }
}

#[component]
pub fn LogView(props: &LogViewProps) -> Html {
    let container = use_node_ref();
    let rendered = use_state(|| PAGE);
    let viewport = use_mut_ref(Viewport::default);
    let redraw = use_force_update();
    let t = &props.t;

    let log = props.session.log();
    let arrived = arrived_since(log.len(), viewport.borrow().left_at);
    let first = chunk_start(first_rendered(log.len(), *rendered, arrived));
    let last_index = log.last_index().unwrap_or(0);
    let me = props.session.my_participant_id().map(AttrValue::from);

    let read_through = props.session.read_through();
    {
        let (container, viewport, on_read) =
            (container.clone(), viewport.clone(), props.on_read.clone());
        use_effect_with((props.session.clone(), *rendered), move |_| {
            if let Some(element) = container.cast::<Element>() {
                let anchor = viewport.borrow_mut().anchor.take();
                if let Some((height, top)) = anchor {
                    element.set_scroll_top(top + element.scroll_height() - height);
                } else if viewport.borrow().follows() {
                    if last_index > read_through && on_screen(&element) {
                        on_read.emit(last_index);
                    }
                    scroll_to_bottom_before_paint(element, &viewport);
                    viewport.borrow_mut().seen = last_index;
                }
            }
        });
    }

    // An empty log still has one run, for the first messages the agent sends.
    let mut runs: Vec<_> = chunks(first, log.len()).collect();
    if runs.is_empty() {
        runs.push((0, 0..0));
    }
    // The entry above the window, which its first entry may go on from.
    let mut last_shown = first.checked_sub(1).and_then(|above| {
        log.range(above..first)
            .next()
            .filter(|m| is_shown(m))
            .cloned()
    });
    let starts: Vec<u64> = runs
        .iter()
        .map(|(_, range)| log.range(range.clone()).next().map_or(0, |m| m.index))
        .collect();
    let outgoing = outgoing_by_run(&props.session, &starts);

    let unread = {
        let viewport = viewport.borrow();
        if viewport.follows() {
            0
        } else {
            unread_after(log.iter().map(|m| &**m), viewport.seen)
        }
    };
    let onscroll = {
        let (container, viewport, rendered, redraw, on_read) = (
            container.clone(),
            viewport.clone(),
            rendered.clone(),
            redraw.clone(),
            props.on_read.clone(),
        );
        let total = log.len();
        Callback::from(move |_: Event| {
            let Some(element) = container.cast::<Element>() else {
                return;
            };
            let mut viewport = viewport.borrow_mut();
            let top = element.scroll_top();
            let bottom = viewport.scrolled(top, at_bottom(&element), first, total);
            if bottom && last_index > read_through {
                on_read.emit(last_index);
            }
            if bottom && viewport.seen != last_index {
                viewport.seen = last_index;
                // Only a shown "new messages below" has to go.
                if unread > 0 {
                    redraw.force_update();
                }
            }
            if top < TOP_SLACK && first > 0 && viewport.anchor.is_none() {
                viewport.anchor = Some((element.scroll_height(), top));
                rendered.set(*rendered + PAGE);
            }
        })
    };
    let jump = {
        let (container, viewport, on_read) =
            (container.clone(), viewport.clone(), props.on_read.clone());
        Callback::from(move |_: MouseEvent| {
            if let Some(element) = container.cast::<Element>() {
                on_read.emit(last_index);
                viewport.borrow_mut().jumped(last_index);
                element.set_scroll_top(element.scroll_height());
                redraw.force_update();
            }
        })
    };

    html! {
        <div class="gws-sms-log-frame" part="log">
            // The live region scrolls; the list inside keeps its list semantics (an `ol`
            // with role="log" would no longer be a list its items belong to).
            <div class="gws-sms-log" role="log" aria-live="polite" aria-relevant="additions"
                aria-label={t.attr(Msg::Messages)} aria-busy={flag(props.reading)} tabindex="0" ref={container} {onscroll}>
              <ol class="gws-sms-log__entries">
                if first > 0 {
                    <li class="gws-sms-log__older" aria-hidden="true">{ t.attr(Msg::Earlier) }</li>
                }
                // A list of its own: `for` next to the unkeyed marker above would be
                // flattened into one list that Yew matches by position, so a window that
                // moves by a chunk would hand every chunk its neighbour's entries and
                // render all of them again. Alone, the chunks are matched by key.
                <>{ for runs.into_iter().zip(outgoing).map(|((number, range), outgoing)| {
                    let entries = Entries(log.range(range).cloned().collect());
                    let outgoing = OutgoingRun(outgoing.into());
                    let before = last_shown.clone();
                    last_shown = entries.0.iter().rev().find(|m| is_shown(m)).cloned().or(before.clone());
                    html! { <LogChunk key={number} {entries} {before} me={me.clone()} {outgoing} t={t.clone()}
                        on_retry={props.on_retry.clone()} on_edit={props.on_edit.clone()} /> }
                }) }</>
              </ol>
            </div>
            if unread > 0 {
                <button type="button" class="gws-sms-log__unread" onclick={jump}>
                    { t.say(&Said::from(Msg::NewBelow).with("count", unread as u64)) }
                </button>
            }
        </div>
    }
}
