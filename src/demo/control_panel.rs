//! Drives the simulator's control API: starts a customer session, makes the customer
//! text, makes another agent reply.

use gloo_net::http::Request;
use serde_json::{json, Value};
use wasm_bindgen_futures::spawn_local;
use web_sys::HtmlInputElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ControlPanelProps {
    /// The agent the widget is signed in as.
    pub agent: AttrValue,
    pub session: Option<AttrValue>,
    pub on_started: Callback<String>,
}

async fn post(path: String, body: Value) -> Result<Value, String> {
    let request = Request::post(&path)
        .json(&body)
        .map_err(|e| e.to_string())?;
    let response = request.send().await.map_err(|e| e.to_string())?;
    if !response.ok() {
        return Err(format!("the simulator answered HTTP {}", response.status()));
    }
    Ok(response.json().await.unwrap_or(Value::Null))
}

fn value_of(input: &NodeRef) -> String {
    input
        .cast::<HtmlInputElement>()
        .map(|i| i.value())
        .unwrap_or_default()
}

#[component]
pub fn ControlPanel(props: &ControlPanelProps) -> Html {
    let status = use_state(String::new);
    let (customer_text, reply_text, reply_agent) = (use_node_ref(), use_node_ref(), use_node_ref());

    let run = {
        let status = status.clone();
        move |path: String, body: Value, done: Callback<Value>| {
            let status = status.clone();
            spawn_local(async move {
                match post(path, body).await {
                    Ok(answer) => {
                        status.set("Done.".to_owned());
                        done.emit(answer);
                    }
                    Err(why) => status.set(format!("Failed: {why}")),
                }
            });
        }
    };
    let start = {
        let (run, agent, on_started, text) = (
            run.clone(),
            props.agent.clone(),
            props.on_started.clone(),
            customer_text.clone(),
        );
        Callback::from(move |_: MouseEvent| {
            let text = value_of(&text);
            let text = if text.is_empty() {
                "Hi, my order has not arrived".to_owned()
            } else {
                text
            };
            let on_started = on_started.clone();
            let done = Callback::from(move |answer: Value| {
                if let Some(id) = answer.get("id").and_then(Value::as_str) {
                    on_started.emit(id.to_owned());
                }
            });
            run(
                "/sim/v1/sessions".to_owned(),
                json!({"agent": agent.as_str(), "nickname": "Customer", "text": text}),
                done,
            );
        })
    };
    let session = props.session.clone();
    let customer_texts = {
        let (run, session, text) = (run.clone(), session.clone(), customer_text.clone());
        Callback::from(move |_: MouseEvent| {
            if let Some(id) = &session {
                run(
                    format!("/sim/v1/sessions/{id}/customer-messages"),
                    json!({"text": value_of(&text)}),
                    Callback::noop(),
                );
            }
        })
    };
    let agent_replies = {
        let (session, text, agent) = (session.clone(), reply_text.clone(), reply_agent.clone());
        Callback::from(move |_: MouseEvent| {
            if let Some(id) = &session {
                let path = format!("/sim/v1/sessions/{id}/agents/{}/messages", value_of(&agent));
                run(path, json!({"text": value_of(&text)}), Callback::noop());
            }
        })
    };
    let no_session = session.is_none();

    html! {
        <aside class="gws-demo__panel" aria-label="Simulator">
            <h2>{ "Simulator" }</h2>
            <p class="gws-demo__session">{ match &session { Some(id) => format!("Session {id}"), None => "No session yet".to_owned() } }</p>
            <label>{ "Customer text" }<input ref={customer_text} type="text" placeholder="Hi, my order has not arrived" /></label>
            <button type="button" onclick={start}>{ format!("Start a customer session for {}", props.agent) }</button>
            <button type="button" onclick={customer_texts} disabled={no_session}>{ "The customer texts" }</button>
            <label>{ "Agent" }<input ref={reply_agent} type="text" value="agent2" /></label>
            <label>{ "Agent text" }<input ref={reply_text} type="text" placeholder="I can take it" /></label>
            <button type="button" onclick={agent_replies} disabled={no_session}>{ "That agent writes" }</button>
            <p role="status" class="gws-demo__status">{ (*status).clone() }</p>
        </aside>
    }
}
