//! How long the customer has waited for an answer, counting up each second; its look
//! and its words for screen readers change past each threshold.

use std::rc::Rc;

use gloo_timers::callback::Interval;
use yew::prelude::*;

use super::class_names;
use crate::i18n::{Catalogue, Msg, Said};
use crate::state::attention::Level;
use crate::state::Millis;

#[derive(Properties, PartialEq)]
pub struct CustomerWaitingProps {
    /// The words to speak.
    #[prop_or_default]
    pub t: Rc<Catalogue>,
    /// Unix ms, this browser's clock.
    pub since: Millis,
    pub level: Level,
}

/// `m:ss`, whole seconds.
fn elapsed(ms: Millis) -> String {
    let seconds = (ms.max(0.0) / 1_000.0) as u64;
    format!("{}:{:02}", seconds / 60, seconds % 60)
}

#[component]
pub fn CustomerWaiting(props: &CustomerWaitingProps) -> Html {
    // Only this line renders each second, not the widget.
    let tick = use_force_update();
    let t = &props.t;
    use_effect_with((), move |_| {
        let interval = Interval::new(1_000, move || tick.force_update());
        move || drop(interval)
    });
    let waited = js_sys::Date::now() - props.since;
    let (level, urgency) = match props.level {
        Level::Calm => ("gws-sms-waiting--calm", None),
        Level::Warning => ("gws-sms-waiting--warning", Some(Msg::AnswerSoon)),
        Level::Alarm => ("gws-sms-waiting--alarm", Some(Msg::Overdue)),
    };
    html! {
        // A timer is not read out as it changes; its words are there when visited.
        <p ~className={class_names("gws-sms-waiting", &[(true, level)])} role="timer" data-level={props.level.name()}>
            { t.say(&Said::from(Msg::CustomerWaiting).with("time", elapsed(waited))) }
            if let Some(urgency) = urgency {
                <span class="gws-sms-hidden">{ t.attr(urgency) }</span>
            }
        </p>
    }
}

#[cfg(test)]
mod tests {
    use super::elapsed;

    #[test]
    fn minutes_and_seconds() {
        assert_eq!(elapsed(0.0), "0:00");
        assert_eq!(elapsed(-5.0), "0:00");
        assert_eq!(elapsed(59_999.0), "0:59");
        assert_eq!(elapsed(61_000.0), "1:01");
        assert_eq!(elapsed(3_600_000.0), "60:00");
    }
}
