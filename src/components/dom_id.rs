//! Ids that tie a label or a description to its element (`for`, `aria-labelledby`,
//! `aria-describedby`): unique in the page, so two widgets, even on one session, never
//! share one and a screen reader never reads the other widget's words.

use std::cell::Cell;

use yew::prelude::*;

thread_local! {
    static NEXT: Cell<u32> = const { Cell::new(0) };
}

/// `gws-sms-{name}-{n}`, fixed for the life of the component that asks.
#[hook]
pub fn use_dom_id(name: &'static str) -> AttrValue {
    let id = use_memo((), move |_| {
        let n = NEXT.with(|next| next.replace(next.get().wrapping_add(1)));
        AttrValue::from(format!("gws-sms-{name}-{n}"))
    });
    (*id).clone()
}
