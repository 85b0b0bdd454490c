//! One line of the log: a message or a system event, with its time.

use std::rc::Rc;

use gws_types::{Message, MessageType, ParticipantType};
use yew::prelude::*;

use super::class_names;
use super::log_flow::local_day;
use crate::i18n::{Catalogue, Msg, Said};

#[derive(Properties, PartialEq)]
pub struct LogEntryProps {
    /// The words to speak.
    #[prop_or_default]
    pub t: Rc<Catalogue>,
    pub message: Rc<Message>,
    /// Written by the signed-in agent.
    #[prop_or_default]
    pub mine: bool,
    /// Goes on from the entry before, by the same author: drawn in its group, the
    /// author named for screen readers only.
    #[prop_or_default]
    pub continues: bool,
}

/// What an entry says: system events in words, bodies exactly as they came (Yew
/// renders them as text nodes, so markup in a message never becomes elements).
fn describe(t: &Catalogue, message: &Message, who: &str) -> String {
    let event = |msg: Msg| t.say(&Said::from(msg).with("name", who));
    match &message.kind {
        MessageType::ParticipantJoined => event(Msg::Joined),
        MessageType::ParticipantLeft => event(Msg::Left),
        MessageType::ParticipantRejoined => event(Msg::Rejoined),
        MessageType::Unknown(kind) if message.body().is_none() => format!("{who}: {kind}"),
        _ => message.body().unwrap_or_default().to_owned(),
    }
}

fn is_system(message: &Message) -> bool {
    matches!(
        message.kind,
        MessageType::ParticipantJoined
            | MessageType::ParticipantLeft
            | MessageType::ParticipantRejoined
            | MessageType::Unknown(_)
    )
}

/// Texts longer than this many characters show their beginning until the agent asks for
/// the rest: laying out a megabyte of text takes the browser a quarter of a second, on
/// every change of the log.
pub const SHOWN_CHARS: usize = 2_000;

/// `text` cut after [`SHOWN_CHARS`] characters, with how many characters it has in all;
/// `None` when it is short enough to show whole.
fn cut(text: &str) -> Option<(&str, usize)> {
    let (end, _) = text.char_indices().nth(SHOWN_CHARS)?;
    Some((&text[..end], text.chars().count()))
}

/// One formatter per format and language, made once: `Date.toLocale*String` builds a
/// new one on every call, which costs about a millisecond per entry.
struct Formats {
    lang: String,
    /// What `toLocaleTimeString(lang, {})` shows.
    short: js_sys::Function,
    /// What `toLocaleString(lang, {})` shows.
    exact: js_sys::Function,
    /// The date alone, with its weekday, for the separator where a day begins.
    day: js_sys::Function,
}

impl Formats {
    fn new(lang: &str) -> Formats {
        let format = |fields: &[(&str, &str)]| {
            let options = js_sys::Object::new();
            for (field, style) in fields {
                // Setting a property on a fresh plain object cannot fail.
                let _ = js_sys::Reflect::set(&options, &(*field).into(), &(*style).into());
            }
            let locales = js_sys::Array::of1(&lang.into());
            js_sys::Intl::DateTimeFormat::new(&locales, &options).format()
        };
        // The fields `toLocaleTimeString` and `toLocaleString` default to (ECMA-402).
        const N: &str = "numeric";
        Formats {
            lang: lang.to_owned(),
            short: format(&[("hour", N), ("minute", N), ("second", N)]),
            exact: format(&[
                ("year", N),
                ("month", N),
                ("day", N),
                ("hour", N),
                ("minute", N),
                ("second", N),
            ]),
            day: format(&[
                ("weekday", "long"),
                ("year", N),
                ("month", "long"),
                ("day", N),
            ]),
        }
    }
}

thread_local! {
    /// Each language's formats: widgets of the page may speak different languages.
    static FORMATS: std::cell::RefCell<Vec<Formats>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// `lang`'s formats, made the first time they are needed.
fn with_formats<R>(lang: &str, read: impl FnOnce(&Formats) -> R) -> R {
    FORMATS.with(|all| {
        let mut all = all.borrow_mut();
        let index = match all.iter().position(|f| f.lang == lang) {
            Some(index) => index,
            None => {
                all.push(Formats::new(lang));
                all.len() - 1
            }
        };
        read(&all[index])
    })
}

/// The time of day of `millis` in `lang`, as `toLocaleTimeString` shows it.
pub fn time_of_day(lang: &str, millis: f64) -> String {
    date(millis)
        .map(|date| with_formats(lang, |f| format(&f.short, &date)))
        .unwrap_or_default()
}

fn format(formatter: &js_sys::Function, date: &js_sys::Date) -> String {
    formatter
        .call1(&wasm_bindgen::JsValue::UNDEFINED, date)
        .ok()
        .and_then(|text| text.as_string())
        .unwrap_or_default()
}

/// `millis` as a date, `None` out of the Date range (a hostile timestamp: formatting
/// would throw).
fn date(millis: f64) -> Option<js_sys::Date> {
    let date = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(millis));
    (!date.get_time().is_nan()).then_some(date)
}

/// The instant of `millis` and its local day (see [`super::log_flow::local_day`]).
pub fn when(millis: f64) -> Option<(f64, i64)> {
    let date = date(millis)?;
    Some((millis, local_day(millis, date.get_timezone_offset())))
}

/// The separator where a day begins: its date in the agent's locale.
pub fn day_separator(lang: &str, key: String, millis: f64) -> Html {
    let Some(date) = date(millis) else {
        return Html::default();
    };
    let label = with_formats(lang, |f| format(&f.day, &date));
    let local = format!(
        "{:04}-{:02}-{:02}",
        date.get_full_year(),
        date.get_month() + 1,
        date.get_date()
    );
    html! {
        <li {key} class="gws-sms-log__day">
            <time datetime={local}>{ label }</time>
        </li>
    }
}

/// The time in the agent's locale, and the exact instant for hover and screen readers.
fn times(lang: &str, message: &Message) -> Option<(String, String, String)> {
    let date = date(message.unix_millis()? as f64)?;
    let (short, exact) = with_formats(lang, |f| (format(&f.short, &date), format(&f.exact, &date)));
    let iso: String = date.to_iso_string().into();
    Some((short, exact, iso))
}

#[component]
pub fn LogEntry(props: &LogEntryProps) -> Html {
    let t = &props.t;
    let message = &props.message;
    let who = match (&message.from, props.mine) {
        (_, true) => t.text(Msg::You).to_owned(),
        (Some(from), false) => from
            .nickname
            .clone()
            .unwrap_or_else(|| t.text(Msg::Someone).to_owned()),
        (None, false) => t.text(Msg::Someone).to_owned(),
    };
    let expanded = use_state(|| false);
    let system = is_system(message);
    let agents_only = message.is_agents_only();
    let customer = message
        .from
        .as_ref()
        .is_some_and(|from| from.kind == Some(ParticipantType::Customer));
    let classes = class_names(
        "gws-sms-log__entry",
        &[
            (agents_only, "gws-sms-log__entry--agents-only"),
            (system, "gws-sms-log__entry--system"),
            (props.mine, "gws-sms-log__entry--mine"),
            (!system && customer, "gws-sms-log__entry--customer"),
            (props.continues, "gws-sms-log__entry--continued"),
        ],
    );
    let author = class_names(
        "gws-sms-log__author",
        &[(props.continues, "gws-sms-hidden")],
    );
    html! {
        <li ~className={classes} data-index={message.index.to_string()}>
            if !system { <span ~className={author}>{ who.clone() }</span> }
            if let Some((short, exact, iso)) = times(t.lang(), message) {
                // Not a tab stop (one per message is a long way to the composer): the
                // exact time is the hover title, and what a screen reader reads.
                <time class="gws-sms-log__time" datetime={iso} title={exact.clone()}>
                    <span aria-hidden="true">{ short }</span>
                    <span class="gws-sms-hidden">{ exact }</span>
                </time>
            }
            { text(t, describe(t, message, &who), message.kind == MessageType::PushUrl, &expanded) }
            if agents_only {
                <span class="gws-sms-log__visibility">{ t.attr(Msg::AgentsOnly) }</span>
            }
        </li>
    }
}

/// The entry's text; a long one cut, with a button that shows all of it.
fn text(t: &Catalogue, body: String, url: bool, expanded: &UseStateHandle<bool>) -> Html {
    let class = class_names("gws-sms-log__text", &[(url, "gws-sms-log__text--url")]);
    match cut(&body) {
        Some((start, total)) if !**expanded => {
            let expand = {
                let expanded = expanded.clone();
                Callback::from(move |_| expanded.set(true))
            };
            html! {
                <>
                    <span ~className={class}>{ format!("{start}…") }</span>
                    <button type="button" class="gws-sms-log__more" aria-expanded="false"
                        onclick={expand}>{ t.say(&Said::from(Msg::ShowAll).with("count", total as u64)) }</button>
                </>
            }
        }
        _ => html! { <span ~className={class}>{ body }</span> },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_long_texts_are_cut_and_never_inside_a_character() {
        assert_eq!(cut("short"), None);
        let exact = "é".repeat(SHOWN_CHARS);
        assert_eq!(cut(&exact), None);
        let long = format!("{exact}ü and more");
        assert_eq!(cut(&long), Some((exact.as_str(), SHOWN_CHARS + 10)));
    }
}
