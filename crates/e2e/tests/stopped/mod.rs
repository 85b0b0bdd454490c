//! A panic is never silent: the shipped module, made to trap for real while the agent
//! has a draft, shows a notice in each widget of the page, tells the host with the
//! draft, and reloads itself in place; errors of other code on the page leave it alone.

use std::time::Duration;

use e2e::check::{self, eventually, expect, holds_for};
use e2e::flow::CUSTOMER;
use e2e::harness::Lab;
use e2e::page::Page;
use e2e::{action, cdp, find, Result};
use fantoccini::key::Key;
use fantoccini::Client;
use serde_json::{json, Value};

/// Before any script of every document: keeps each instance of the widget's module the
/// page makes (the one exporting `__wbindgen_malloc`), the `gws-sms-widget-stopped`
/// events that reach the document, and the page's uncaught errors.
const RECORDER: &str = r#"
window.__widgetInstances = [];
window.__stoppedEvents = [];
window.__pageErrors = [];
const keep = (result) => {
  const instance = result instanceof WebAssembly.Instance ? result : result.instance;
  if (instance && typeof instance.exports.__wbindgen_malloc === 'function') {
    window.__widgetInstances.push(instance);
  }
  return result;
};
for (const name of ['instantiate', 'instantiateStreaming']) {
  const original = WebAssembly[name];
  WebAssembly[name] = function (...args) { return original.apply(this, args).then(keep); };
}
document.addEventListener('gws-sms-widget-stopped', (e) => window.__stoppedEvents.push({
  detail: e.detail, target: e.target.localName, bubbles: e.bubbles, composed: e.composed }));
window.addEventListener('error', (e) => window.__pageErrors.push(String(e.error)));
// A RuntimeError thrown by the page's own script (one the test evaluates would reach the
// page's listeners muted, without the error).
window.__throwRuntimeError = () => setTimeout(() => {
  throw new WebAssembly.RuntimeError('unreachable');
});
window.addEventListener('unhandledrejection', (e) => window.__pageErrors.push(String(e.reason)));
"#;

/// A module of the page's own, not the widget's: `u` calls `t`, which is `unreachable`.
const OTHER_MODULE: &[u8] = &[
    0, 97, 115, 109, 1, 0, 0, 0, 1, 4, 1, 96, 0, 0, 3, 3, 2, 0, 0, 7, 9, 2, 1, 116, 0, 0, 1, 117,
    0, 1, 10, 10, 2, 3, 0, 0, 11, 4, 0, 16, 0, 11,
];

/// What the page shows in place of the widget once it stopped.
async fn notice(client: &Client) -> Result<Value> {
    client
        .run(
            r#"const box = document.querySelector('[data-widget-stopped]');
            if (!box) return null;
            const alert = box.querySelector('[role="alert"]');
            const reload = Array.from(box.querySelectorAll('button'))
                .find(b => b.textContent.trim() === 'Reload the widget');
            const label = box.querySelector('label[for]');
            const draft = label ? document.getElementById(label.htmlFor) : null;
            return {
                alert: alert ? alert.textContent : null,
                reload: reload ? { tabIndex: reload.tabIndex, disabled: reload.disabled,
                                   focused: document.activeElement === reload } : null,
                draftLabel: label ? label.textContent : null,
                draft: draft ? draft.value : null,
                inElement: box.getRootNode().host?.localName ?? box.parentElement.localName,
                composer: !!document.querySelector('textarea[data-draft]'),
            };"#,
            vec![],
        )
        .await
}

async fn recorded(client: &Client, name: &str) -> Result<Vec<Value>> {
    match find::global(client, name).await? {
        Some(Value::Array(list)) => Ok(list),
        other => Err(format!("window.{name} is not recorded: {other:?}").into()),
    }
}

/// Two widgets on the page share one instance. Errors of other code on the page (a trap
/// of another module, a RuntimeError thrown by script) leave them running; a real trap of
/// the widget's module (its allocator given an impossible alignment, which aborts as a
/// panic does) while a draft is typed shows the notice in both (role alert, the draft, a
/// focused Reload button) and sends the host `gws-sms-widget-stopped` on each, the draft
/// with the first. Reload makes a fresh instance that shows both sessions again, the
/// draft back in the composer; sending it reaches the customer, and a customer text
/// reaches the new log. A trap of the stopped instance then changes nothing.
pub async fn a_trap_is_shown_told_and_reloaded(lab: &mut Lab) -> Result<()> {
    let id = lab
        .control
        .start_session("agent1", CUSTOMER, "Can you help me?")
        .await?;
    let client = lab.browser().await?;
    cdp::execute(
        &client,
        "Page.addScriptToEvaluateOnNewDocument",
        json!({ "source": RECORDER }),
    )
    .await?;
    action::open_session(&client, &lab.page("agent1", Some(&id))).await?;
    connected(&client).await?;
    action::press(&client, "Accept").await?;
    check::roster_has(&client, CUSTOMER, "Customer").await?;
    // A second widget on the page, on a session of its own: one instance runs both.
    let second = lab
        .control
        .start_session("agent1", CUSTOMER, "A second question")
        .await?;
    client
        .run(
            r#"const widget = document.createElement('gws-sms-session');
            widget.setAttribute('nickname', 'agent1');
            widget.setAttribute('session-id', arguments[0]);
            widget.credentials = { username: 'agent1', password: 'password' };
            widget.dataset.second = '';
            document.getElementById('demo-main').append(widget);"#,
            vec![json!(second)],
        )
        .await?;
    second_shows_its_session(&client).await?;

    client
        .run(
            r#"window.__throwRuntimeError();
            WebAssembly.instantiate(new Uint8Array(arguments[0]))
                .then(({ instance }) => setTimeout(() => instance.exports.u()));"#,
            vec![json!(OTHER_MODULE)],
        )
        .await?;
    eventually("both foreign errors are uncaught", async || {
        let errors = recorded(&client, "__pageErrors").await?;
        expect(
            errors.len() == 2
                && errors
                    .iter()
                    .all(|e| e.as_str().is_some_and(|e| e.starts_with("RuntimeError"))),
            || format!("errors {errors:?}"),
        )
    })
    .await?;
    holds_for(
        "the widget runs on after other code's errors",
        Duration::from_secs(1),
        async || {
            let shown = notice(&client).await?;
            expect(shown.is_null(), || format!("notice {shown}"))
        },
    )
    .await?;
    let before = "First reply, before the stop";
    action::write(&client, before).await?;
    check::customer_received(&lab.control, &id, before).await?;

    // A message the server never got stays in the log as not sent; the host gets it too.
    let not_sent = "A reply the server never got";
    lab.control
        .faults(json!({"dropRequestOf": "SendMessage"}))
        .await?;
    action::write(&client, not_sent).await?;
    eventually("the lost reply is shown as not sent", async || {
        let outgoing = find::outgoing(&client).await?;
        expect(
            outgoing == [("failed".to_owned(), not_sent.to_owned())],
            || format!("not confirmed: {outgoing:?}"),
        )
    })
    .await?;

    let draft = "I am checking your order now — one moment";
    action::type_draft(&client, draft).await?;
    let instances = recorded(&client, "__widgetInstances").await?;
    expect(instances.len() == 1, || {
        format!("{} instances of the module", instances.len())
    })?;
    client
        .run(
            "setTimeout(() => window.__widgetInstances[0].exports.__wbindgen_malloc(16, 3));",
            vec![],
        )
        .await?;

    let shown = eventually("the widget shows that it stopped", async || {
        let shown = notice(&client).await?;
        expect(!shown.is_null(), || "no notice".to_owned())?;
        Ok(shown)
    })
    .await?;
    expect(
        shown["alert"]
            .as_str()
            .is_some_and(|t| t.contains("stopped")),
        || format!("the alert says {}", shown["alert"]),
    )?;
    expect(
        shown["draft"] == json!(draft) && shown["draftLabel"] == json!("Unsent message"),
        || {
            format!(
                "the notice keeps {} as {}",
                shown["draft"], shown["draftLabel"]
            )
        },
    )?;
    expect(
        shown["reload"]["tabIndex"] == json!(0) && shown["reload"]["disabled"] == json!(false),
        || format!("the reload control {}", shown["reload"]),
    )?;
    expect(shown["reload"]["focused"] == json!(true), || {
        "the agent was typing, but focus did not move to Reload".to_owned()
    })?;
    expect(
        shown["inElement"] == json!("gws-sms-session") && shown["composer"] == json!(false),
        || format!("the notice stands in for the widget: {shown}"),
    )?;
    e2e::axe::check(
        &client,
        "the stopped widget's notice",
        "[data-widget-stopped]",
    )
    .await?;
    let notices = client
        .run(
            "return Array.from(document.querySelectorAll('[data-widget-stopped]'))
                .filter((notice) => notice.getRootNode().host?.localName === 'gws-sms-session').length;",
            vec![],
        )
        .await?;
    expect(notices == json!(2), || {
        format!("{notices} notices for the two widgets")
    })?;
    let events = recorded(&client, "__stoppedEvents").await?;
    let told = events
        .iter()
        .find(|e| e["detail"]["sessionId"] == json!(id))
        .cloned()
        .unwrap_or_default();
    let other = events
        .iter()
        .find(|e| e["detail"]["sessionId"] == json!(second))
        .cloned()
        .unwrap_or_default();
    expect(
        events.len() == 2
            && other["detail"]["draft"] == json!("")
            && told["target"] == json!("gws-sms-session")
            && told["bubbles"] == json!(true)
            && told["composed"] == json!(true)
            && told["detail"]["kind"] == json!("widget-stopped")
            && told["detail"]["sessionId"] == json!(id)
            && told["detail"]["draft"] == json!(draft)
            && told["detail"]["agentsOnly"] == json!(false)
            && told["detail"]["unconfirmed"] == json!([{"text": not_sent, "state": "failed"}])
            && other["detail"]["unconfirmed"] == json!([])
            && told["detail"]["error"]
                .as_str()
                .is_some_and(|e| e.starts_with("RuntimeError")),
        || format!("the host was told {events:?}"),
    )?;

    // Enter on the focused Reload button, as a keyboard user does.
    action::keys(&client, &Key::Enter.to_string()).await?;
    eventually("the notice gives way to the widget", async || {
        let shown = notice(&client).await?;
        expect(shown.is_null(), || format!("notice {shown}"))
    })
    .await?;
    connected(&client).await?;
    eventually("the draft is back in the composer", async || {
        let value = find::draft(&client).await?;
        expect(value == draft, || format!("it holds {value:?}"))
    })
    .await?;
    second_shows_its_session(&client).await?;
    let instances = recorded(&client, "__widgetInstances").await?;
    expect(instances.len() == 2, || {
        format!(
            "{} instances of the module after the reload",
            instances.len()
        )
    })?;

    eventually("Send becomes enabled", async || {
        expect(find::send_enabled(&client).await?, || {
            "Send is aria-disabled".to_owned()
        })
    })
    .await?;
    let id_of_box = find::labelled_control_id(&client, "Message").await?;
    client
        .element_by_id(&id_of_box)
        .await?
        .send_keys(&char::from(Key::Enter).to_string())
        .await?;
    check::customer_received(&lab.control, &id, draft).await?;
    lab.control.customer_texts(&id, "Thanks, I'll wait").await?;
    check::log_has(&client, "Thanks, I'll wait", false).await?;
    check::log_has(&client, before, false).await?;

    // The stopped instance may still be called by its own timers and listeners; its
    // traps are not the new one's.
    client
        .run(
            "setTimeout(() => window.__widgetInstances[0].exports.__wbindgen_malloc(16, 3));",
            vec![],
        )
        .await?;
    eventually("the stopped instance's trap is uncaught", async || {
        let errors = recorded(&client, "__pageErrors").await?;
        expect(errors.len() == 4, || format!("errors {errors:?}"))
    })
    .await?;
    holds_for(
        "the new instance runs on after the old one's trap",
        Duration::from_secs(1),
        async || {
            let shown = notice(&client).await?;
            expect(shown.is_null(), || format!("notice {shown}"))
        },
    )
    .await?;
    let after = "Your parcel leaves today";
    action::write(&client, after).await?;
    check::customer_received(&lab.control, &id, after).await?;

    let events = recorded(&client, "__stoppedEvents").await?;
    expect(events.len() == 2, || {
        format!("the host was told of a stop again: {events:?}")
    })?;
    let errors = recorded(&client, "__pageErrors").await?;
    expect(errors.len() == 4, || {
        format!("uncaught errors beyond the four made: {errors:?}")
    })
}

/// The second widget shows its offered session (its Accept button).
async fn second_shows_its_session(client: &Client) -> Result<()> {
    eventually("the second widget shows its session", async || {
        let shown = client
            .run(
                r#"return !!document.querySelector('[data-second]')?.shadowRoot?.querySelector('button[data-action="Accept"]');"#,
                vec![],
            )
            .await?;
        expect(shown == json!(true), || {
            "no Accept in the second widget".to_owned()
        })
    })
    .await
}

async fn connected(client: &Client) -> Result<()> {
    eventually(
        "the widget is connected (no [data-connection] banner)",
        async || {
            let banner = find::connection(client).await?;
            expect(banner.is_none(), || format!("banner {banner:?}"))
        },
    )
    .await
}
