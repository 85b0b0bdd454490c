//! The demo page: the widget signed in as one of the simulator's agents, next to a
//! panel that drives the simulator (a customer who texts, a consulted agent who replies).
//!
//! `/?agent=agent1` signs in as agent1 with the simulator's demo password;
//! `&session=ID` opens that session, otherwise the agent's newest.

mod control_panel;

use control_panel::ControlPanel;
use yew::prelude::*;

use crate::transport::GwsConfig;
use crate::widget::{Widget, WidgetConfig};

/// The simulator's password for every demo agent (see crates/gws-sim/README.md).
const DEMO_PASSWORD: &str = "password";
const AGENTS: [&str; 3] = ["agent1", "agent2", "agent3"];

fn query(name: &str) -> Option<String> {
    let search = web_sys::window()?.location().search().ok()?;
    let params = web_sys::UrlSearchParams::new_with_str(&search).ok()?;
    params.get(name).filter(|value| !value.is_empty())
}

/// Puts the session in the address, so a reload or a copied link opens it again.
fn remember_session(agent: &str, session: &str) {
    if let Some(history) = web_sys::window().and_then(|w| w.history().ok()) {
        let url = format!("?agent={agent}&session={session}");
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url));
    }
}

#[component]
pub fn Demo() -> Html {
    let agent = use_memo((), |_| {
        query("agent")
            .filter(|a| a.chars().all(|c| c.is_ascii_alphanumeric()))
            .unwrap_or_else(|| "agent1".to_owned())
    });
    // The session the widget was told to open (a new one remounts it), and the session
    // it works, which it may have chosen itself: that one must not remount it, or its
    // notification connection would close and reopen.
    let opened = use_state(|| query("session"));
    let session = use_state(|| query("session"));
    let config = WidgetConfig {
        gws: GwsConfig::new("").with_basic(agent.as_str(), DEMO_PASSWORD),
        session_id: (*opened).clone(),
        nickname: agent.to_string(),
    };
    let on_session = {
        let (agent, session) = (agent.clone(), session.clone());
        Callback::from(move |id: String| {
            remember_session(&agent, &id);
            if session.as_deref() != Some(id.as_str()) {
                session.set(Some(id));
            }
        })
    };
    html! {
        <div class="gws-demo">
            <header class="gws-demo__header">
                <h1 class="gws-demo__title">{ "SMS session widget" }</h1>
                <nav class="gws-demo__agents" aria-label="Open as">
                    { for AGENTS.iter().map(|name| html! {
                        <a key={*name} href={format!("?agent={name}")} target="_blank"
                            aria-current={(*name == agent.as_str()).then_some("page")}>{ *name }</a>
                    }) }
                </nav>
            </header>
            <main class="gws-demo__main">
                <Widget key={(*opened).clone().unwrap_or_default()} {config} {on_session} />
                <ControlPanel agent={AttrValue::from(agent.to_string())} session={(*session).clone().map(AttrValue::from)}
                    on_started={{ let (opened, session, agent) = (opened.clone(), session.clone(), agent.clone());
                        Callback::from(move |id: String| {
                            remember_session(&agent, &id);
                            opened.set(Some(id.clone()));
                            session.set(Some(id));
                        }) }} />
            </main>
        </div>
    }
}
