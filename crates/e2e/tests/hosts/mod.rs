//! Host pages of other frameworks around `<gws-sms-session>`: the React example
//! (`examples/react-host`), which installs the packed package as any host does.

use e2e::check::{eventually, expect};
use e2e::find::Participant;
use e2e::flow::CUSTOMER;
use e2e::harness::{react_host_dir, Lab};
use e2e::page::Page;
use e2e::{action, Result};
use fantoccini::Client;
use serde::Deserialize;
use serde_json::json;

/// The element that shows `session` on the page.
fn widget(session: &str) -> String {
    format!("gws-sms-session[session-id='{session}']")
}

/// What one widget of the page shows: its roster, and whether its Accept is offered.
#[derive(Debug, Deserialize)]
struct Shown {
    roster: Vec<Participant>,
    accept_enabled: bool,
}

/// The widget showing `session`, read within its own element: the finders of
/// `e2e::find` read the first widget of a page.
async fn shown(client: &Client, session: &str) -> Result<Shown> {
    let value = client
        .run(
            r#"const element = document.querySelector(arguments[0]);
            const host = element && (element.shadowRoot ?? element);
            const list = host && Array.from(host.querySelectorAll('[aria-label="Participants"]'))
                .find(e => e.matches('[role="list"], ul:not([role]), ol:not([role])'));
            if (!list) return null;
            const part = (row, name) => { const e = row.querySelector('[data-roster-' + name + ']'); return e ? e.textContent.trim() : ''; };
            const accept = host.querySelector('button[data-action="Accept"]');
            return {
                roster: Array.from(list.querySelectorAll('[data-participant-id]'), row => ({
                    id: row.dataset.participantId, name: part(row, 'name'), role: part(row, 'role') })),
                accept_enabled: !!accept && accept.getAttribute('aria-disabled') !== 'true',
            };"#,
            vec![json!(widget(session))],
        )
        .await?;
    if value.is_null() {
        return e2e::fail(format!("{} shows no roster", widget(session)));
    }
    Ok(serde_json::from_value(value)?)
}

/// One entry of the page's own list of the events it heard.
#[derive(Debug, Deserialize, PartialEq)]
struct Heard {
    event: String,
    session: String,
    operation: String,
}

async fn heard(client: &Client) -> Result<Vec<Heard>> {
    let value = client
        .run(
            r#"return Array.from(document.querySelectorAll('[aria-label="Events heard"] li[data-event]'),
                li => ({ event: li.dataset.event, session: li.dataset.sessionId || '',
                    operation: li.dataset.operationName || '' }));"#,
            vec![],
        )
        .await?;
    Ok(serde_json::from_value(value)?)
}

/// Waits until the page's event list holds `event` for `session` (and `operation`, when
/// not empty).
async fn page_heard(client: &Client, event: &str, session: &str, operation: &str) -> Result<()> {
    eventually(
        format!("the page heard {event} {operation} for {session}"),
        async || {
            let list = heard(client).await?;
            expect(
                list.iter().any(|h| {
                    h.event == event
                        && h.session == session
                        && (operation.is_empty() || h.operation == operation)
                }),
                || format!("it heard {list:?}"),
            )
        },
    )
    .await
}

/// The React host (`examples/react-host`, built by `cargo xtask react-host`) served by the
/// simulator: two sessions offered to agent1 shown side by side; agent1 accepts the first
/// and consults agent2 in it; the page heard both sessions change and the Consult
/// succeed in the first, and the second widget is still offered and untouched.
pub async fn a_react_host_mounts_two_sessions_and_consults(lab: &mut Lab) -> Result<()> {
    let dir = react_host_dir()?;
    lab.reconfigure(|config| config.static_dir = Some(dir))
        .await?;
    let first = lab
        .control
        .start_session("agent1", CUSTOMER, "My parcel is late")
        .await?;
    let second = lab
        .control
        .start_session("agent1", CUSTOMER, "And I want to change my address")
        .await?;
    let page = lab.browser().await?;
    page.goto(&format!(
        "{}/?agent=agent1&sessions={first},{second}",
        lab.base
    ))
    .await?;
    for session in [&first, &second] {
        eventually(
            format!("the widget of {session} shows the customer"),
            async || {
                let now = shown(&page, session).await?;
                expect(
                    now.accept_enabled
                        && now
                            .roster
                            .iter()
                            .any(|p| p.name == CUSTOMER && p.role == "Customer"),
                    || format!("{now:?}"),
                )
            },
        )
        .await?;
    }
    e2e::axe::check(&page, "two sessions in a React page", ".gws-sms").await?;

    let accept = format!("{} >>> button[data-action='Accept']", widget(&first));
    action::click(&page, "Accept of the first session", &accept).await?;
    eventually(
        "agent1 is in the first session's roster as You",
        async || {
            let now = shown(&page, &first).await?;
            expect(now.roster.iter().any(|p| p.role == "You"), || {
                format!("{now:?}")
            })
        },
    )
    .await?;
    let consult = format!("{} >>> button[data-action='Consult']", widget(&first));
    eventually("Consult of the first session is enabled", async || {
        let enabled = page
            .run(
                "const b = document.querySelector(arguments[0]); return !!b && b.getAttribute('aria-disabled') !== 'true';",
                vec![json!(consult)],
            )
            .await?;
        expect(enabled.as_bool() == Some(true), || "it is not".to_owned())
    })
    .await?;
    action::click(&page, "Consult of the first session", &consult).await?;
    action::choose_target(&page, "agent2", "agent2").await?;
    let nickname = lab.control.nickname("agent2").await?;
    eventually(
        format!("the first session's roster shows {nickname} consulting"),
        async || {
            let now = shown(&page, &first).await?;
            expect(
                now.roster
                    .iter()
                    .any(|p| p.name == nickname && p.role == "Consulting agent"),
                || format!("{now:?}"),
            )
        },
    )
    .await?;

    for session in [&first, &second] {
        page_heard(&page, "gws-sms-session-changed", session, "").await?;
    }
    page_heard(&page, "gws-sms-operation-succeeded", &first, "Consult").await?;

    let untouched = shown(&page, &second).await?;
    expect(
        untouched.accept_enabled && untouched.roster.iter().all(|p| p.role == "Customer"),
        || format!("the second session is no longer only offered: {untouched:?}"),
    )?;
    let list = heard(&page).await?;
    expect(
        list.iter()
            .all(|h| h.session != second || !h.event.starts_with("gws-sms-operation")),
        || format!("an operation in the second session: {list:?}"),
    )
}
