//! Choosing whom to consult, transfer to or conference in: agents and queues from the
//! GWS Contacts API, with availability, or a URI or path typed by hand.

use std::rc::Rc;

use gws_types::{Contact, Target};
use web_sys::{HtmlElement, HtmlInputElement};
use yew::prelude::*;

use super::dom_id::use_dom_id;
use super::flag;
use crate::i18n::{Catalogue, Msg, Said};
use crate::state::targets::{
    availability_words, contact_keys, contact_name, contact_target, typed_target,
};
use crate::state::AgentAction;

/// A search, and where to send its result.
pub type Search = (String, Callback<Result<Rc<[Contact]>, Said>>);

#[derive(Properties, PartialEq)]
pub struct TargetPickerProps {
    /// The words to speak.
    #[prop_or_default]
    pub t: Rc<Catalogue>,
    pub action: AgentAction,
    pub on_search: Callback<Search>,
    pub on_choose: Callback<Target>,
    pub on_cancel: Callback<()>,
}

#[derive(Clone, PartialEq)]
enum Results {
    Searching,
    Found(Rc<[Contact]>),
    Failed(Said),
}

#[component]
pub fn TargetPicker(props: &TargetPickerProps) -> Html {
    let results = use_state(|| Results::Searching);
    let typed_box = use_node_ref();
    let typed_error = use_state(|| None::<Msg>);
    let t = &props.t;
    let search_box = use_node_ref();

    // Each search gets a number; an answer to an older search than the latest is
    // dropped, so a slow answer never replaces a newer one.
    let latest_search = use_mut_ref(|| 0_u64);
    let search = {
        let (results, on_search) = (results.clone(), props.on_search.clone());
        Callback::from(move |query: String| {
            results.set(Results::Searching);
            let number = {
                let mut latest = latest_search.borrow_mut();
                *latest += 1;
                *latest
            };
            let (results, latest_search) = (results.clone(), latest_search.clone());
            let reply = Callback::from(move |answer: Result<Rc<[Contact]>, Said>| {
                if *latest_search.borrow() != number {
                    return;
                }
                results.set(match answer {
                    Ok(contacts) => Results::Found(contacts),
                    Err(why) => Results::Failed(why),
                })
            });
            let pattern = if query.trim().is_empty() {
                "*".to_owned()
            } else {
                format!("*{}*", query.trim())
            };
            on_search.emit((pattern, reply));
        })
    };
    {
        let (search, search_box) = (search.clone(), search_box.clone());
        use_effect_with((), move |_| {
            search.emit(String::new());
            if let Some(input) = search_box.cast::<HtmlInputElement>() {
                let _ = input.focus();
            }
        });
    }
    let oninput = search
        .reform(|event: InputEvent| event.target_unchecked_into::<HtmlInputElement>().value());
    let cancel_button = use_node_ref();
    let onkeydown = {
        let on_cancel = props.on_cancel.clone();
        let (first, last) = (search_box.clone(), cancel_button.clone());
        Callback::from(move |event: KeyboardEvent| match event.key().as_str() {
            "Escape" => {
                event.prevent_default();
                on_cancel.emit(());
            }
            // A modal dialog keeps the focus: Tab from its last control goes to its
            // first, Shift+Tab from its first to its last.
            "Tab" => {
                let (from, to) = if event.shift_key() {
                    (&first, &last)
                } else {
                    (&last, &first)
                };
                let at_edge = event
                    .target()
                    .zip(from.get())
                    .is_some_and(|(target, edge)| js_sys::Object::is(&target, &edge));
                if let Some(to) = to.cast::<HtmlElement>().filter(|_| at_edge) {
                    event.prevent_default();
                    let _ = to.focus();
                }
            }
            _ => {}
        })
    };
    let use_typed = {
        let (typed_box, typed_error, on_choose) = (
            typed_box.clone(),
            typed_error.clone(),
            props.on_choose.clone(),
        );
        // Read when used: the typed text renders nothing, so it is not state.
        let typed = move || {
            typed_box
                .cast::<HtmlInputElement>()
                .map(|input| input.value())
                .unwrap_or_default()
        };
        Callback::from(move |_: MouseEvent| match typed_target(&typed()) {
            Ok(target) => on_choose.emit(target),
            Err(why) => typed_error.set(Some(why)),
        })
    };
    let title_id = use_dom_id("picker");

    html! {
        <div class="gws-sms-picker" role="dialog" aria-modal="true" aria-labelledby={title_id.clone()} {onkeydown}>
            <h2 id={title_id} class="gws-sms-picker__title">{ t.say(&Said::from(Msg::PickerTitle).with("action", props.action.msg())) }</h2>
            <label class="gws-sms-picker__label">
                { t.attr(Msg::Search) }
                <input type="search" class="gws-sms-picker__search" ref={search_box} {oninput} />
            </label>
            <ul class="gws-sms-picker__results" aria-label={t.attr(Msg::Results)} aria-busy={flag(*results == Results::Searching)}>
                { match &*results {
                    Results::Searching => html! { <li class="gws-sms-picker__note">{ t.attr(Msg::Searching) }</li> },
                    Results::Failed(why) => html! { <li class="gws-sms-picker__note" role="alert">{ t.say(why) }</li> },
                    Results::Found(contacts) if contacts.is_empty() => html! { <li class="gws-sms-picker__note">{ t.attr(Msg::NoMatch) }</li> },
                    Results::Found(contacts) => contacts.iter().zip(contact_keys(contacts)).map(|(contact, key)| {
                        let target = contact_target(contact);
                        let onclick = match target {
                            Some(target) => props.on_choose.reform(move |_: MouseEvent| target.clone()),
                            None => Callback::noop(),
                        };
                        html! {
                            <li key={key}>
                                <button type="button" class="gws-sms-picker__contact" {onclick}
                                    data-contact-name={contact.name.clone().unwrap_or_default()}>
                                    <span class="gws-sms-picker__name">{ contact_name(contact) }</span>
                                    <span class="gws-sms-picker__availability">{ t.say(&availability_words(contact)) }</span>
                                </button>
                            </li>
                        }
                    }).collect::<Html>(),
                } }
            </ul>
            <label class="gws-sms-picker__label">
                { t.attr(Msg::TypeTarget) }
                <input type="text" class="gws-sms-picker__typed" ref={typed_box} />
            </label>
            if let Some(why) = *typed_error { <p class="gws-sms-picker__error" role="alert">{ t.attr(why) }</p> }
            <div class="gws-sms-picker__buttons">
                <button type="button" class="gws-sms-picker__use" onclick={use_typed}>{ t.attr(Msg::UseTyped) }</button>
                <button type="button" class="gws-sms-picker__cancel" ref={cancel_button} onclick={props.on_cancel.reform(|_| ())}>{ t.attr(Msg::Cancel) }</button>
            </div>
        </div>
    }
}
