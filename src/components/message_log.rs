//! The message log: index order, the newest entries rendered, older ones added as
//! the agent scrolls up, and new ones followed only when the agent is at the bottom.

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::Element;
use yew::prelude::*;

use super::log_chunk::{Entries, LogChunk};
use super::log_window::{arrived_since, chunk_start, chunks, first_rendered, unread_after, PAGE};
use super::Session;

#[derive(Properties, PartialEq)]
pub struct MessageLogProps {
    pub session: Session,
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
fn scroll_to_bottom_before_paint(element: Element, pending: &Rc<RefCell<bool>>) {
    if pending.replace(true) {
        return;
    }
    let Some(window) = web_sys::window() else {
        pending.replace(false);
        return element.set_scroll_top(element.scroll_height());
    };
    let pending = pending.clone();
    let scroll = Closure::once_into_js(move || {
        pending.replace(false);
        element.set_scroll_top(element.scroll_height());
    });
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
pub fn MessageLog(props: &MessageLogProps) -> Html {
    let container = use_node_ref();
    let rendered = use_state(|| PAGE);
    let follow = use_mut_ref(|| true);
    // The last index the agent has seen. Not state: while following it changes with
    // every message, and rendering again for that would show nothing new.
    let seen = use_mut_ref(|| 0_u64);
    let redraw = use_force_update();
    // How many entries the log held when the agent left the bottom.
    let left_at = use_mut_ref(|| None::<usize>);
    // The scroll height and position before older entries were added above.
    let anchor = use_mut_ref(|| None::<(i32, i32)>);
    // Set while a scroll to the bottom waits for the next frame.
    let to_bottom = use_mut_ref(|| false);

    let log = props.session.log();
    let arrived = arrived_since(log.len(), *left_at.borrow());
    let first = chunk_start(first_rendered(log.len(), *rendered, arrived));
    let last_index = log.last_index().unwrap_or(0);
    let me = props.session.my_participant_id().map(AttrValue::from);

    {
        let (container, follow, seen, anchor) = (
            container.clone(),
            follow.clone(),
            seen.clone(),
            anchor.clone(),
        );
        let to_bottom = to_bottom.clone();
        use_effect_with((props.session.clone(), *rendered), move |_| {
            if let Some(element) = container.cast::<Element>() {
                if let Some((height, top)) = anchor.borrow_mut().take() {
                    element.set_scroll_top(top + element.scroll_height() - height);
                } else if *follow.borrow() {
                    scroll_to_bottom_before_paint(element, &to_bottom);
                    *seen.borrow_mut() = last_index;
                }
            }
        });
    }

    let unread = if *follow.borrow() {
        0
    } else {
        unread_after(log.iter().map(|m| &**m), *seen.borrow())
    };
    let onscroll = {
        let (container, follow, seen, anchor, rendered, redraw, left_at, to_bottom) = (
            container.clone(),
            follow.clone(),
            seen.clone(),
            anchor.clone(),
            rendered.clone(),
            redraw.clone(),
            left_at.clone(),
            to_bottom.clone(),
        );
        let total = log.len();
        Callback::from(move |_: Event| {
            let Some(element) = container.cast::<Element>() else {
                return;
            };
            // Until the pending scroll runs, the log has grown below a viewport that was
            // at the bottom: that is still following, not the agent scrolling away.
            let bottom = *to_bottom.borrow() || at_bottom(&element);
            *follow.borrow_mut() = bottom;
            let mut left_at = left_at.borrow_mut();
            if bottom {
                *left_at = None;
            } else if left_at.is_none() {
                *left_at = Some(total);
            }
            if bottom && *seen.borrow() != last_index {
                *seen.borrow_mut() = last_index;
                // Only a shown "new messages below" has to go.
                if unread > 0 {
                    redraw.force_update();
                }
            }
            if element.scroll_top() < TOP_SLACK && first > 0 && anchor.borrow().is_none() {
                *anchor.borrow_mut() = Some((element.scroll_height(), element.scroll_top()));
                rendered.set(*rendered + PAGE);
            }
        })
    };
    let jump = {
        let (container, follow, seen) = (container.clone(), follow.clone(), seen.clone());
        Callback::from(move |_: MouseEvent| {
            if let Some(element) = container.cast::<Element>() {
                *follow.borrow_mut() = true;
                *left_at.borrow_mut() = None;
                element.set_scroll_top(element.scroll_height());
                *seen.borrow_mut() = last_index;
                redraw.force_update();
            }
        })
    };

    html! {
        <div class="gws-sms-log-frame">
            <ol class="gws-sms-log" role="log" aria-live="polite" aria-relevant="additions"
                aria-label="Messages" tabindex="0" ref={container} {onscroll}>
                if first > 0 {
                    <li class="gws-sms-log__older" aria-hidden="true">{ "Scroll up for earlier messages" }</li>
                }
                // A list of its own: `for` next to the unkeyed marker above would be
                // flattened into one list that Yew matches by position, so a window that
                // moves by a chunk would hand every chunk its neighbour's entries and
                // render all of them again. Alone, the chunks are matched by key.
                <>{ for chunks(first, log.len()).map(|(number, range)| {
                    let entries = Entries(log.range(range).cloned().collect());
                    html! { <LogChunk key={number} {entries} me={me.clone()} /> }
                }) }</>
            </ol>
            if unread > 0 {
                <button type="button" class="gws-sms-log__unread" onclick={jump}>
                    { format!("{unread} new message{} below", if unread == 1 { "" } else { "s" }) }
                </button>
            }
        </div>
    }
}
