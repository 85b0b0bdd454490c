//! Reading the page as an agent sees it: by role, accessible name and `data-*` hooks.
//! Each reader takes one snapshot in the page (one WebDriver round trip), so what it
//! returns is consistent and never a stale element.

use fantoccini::Client;
use serde::de::DeserializeOwned;
use serde::Deserialize;
use serde_json::{json, Value};

use crate::page::Page;
use crate::{fail, Result};

/// Runs `body` (a function body that may `return` a value) with `arguments`, and reads
/// its JSON answer.
async fn snapshot<T: DeserializeOwned>(client: &Client, body: &str, args: Vec<Value>) -> Result<T> {
    let value = client.run(body, args).await?;
    serde_json::from_value(value.clone())
        .map_err(|e| format!("unexpected answer from the page ({e}): {value}").into())
}

/// One row of the roster: the list named "Participants", a row per `[data-participant-id]`.
#[derive(Clone, Debug, Deserialize, PartialEq)]
pub struct Participant {
    pub id: String,
    pub name: String,
    /// "You", "Customer", "Consulting agent", "Conferenced agent", "Agent".
    pub role: String,
}

/// The roster, or an error while the page shows none.
pub async fn roster(client: &Client) -> Result<Vec<Participant>> {
    // The list is found by its role (a `ul`'s implicit `list`, or an explicit one) and
    // its accessible name; a row's nickname and role by their data hooks.
    let rows: Option<Vec<Participant>> = snapshot(
        client,
        r#"const list = Array.from(document.querySelectorAll('[aria-label="Participants"]'))
            .find(e => e.matches('[role="list"], ul:not([role]), ol:not([role])'));
        if (!list) return null;
        const part = (row, name) => { const e = row.querySelector('[data-roster-' + name + ']'); return e ? e.textContent.trim() : ''; };
        return Array.from(list.querySelectorAll('[data-participant-id]'), row => ({
            id: row.dataset.participantId, name: part(row, 'name'), role: part(row, 'role') }));"#,
        vec![],
    )
    .await?;
    rows.ok_or_else(|| "the page shows no list named Participants".into())
}

/// One entry of the message log (`[role=log] li[data-index]`).
#[derive(Clone, Debug, Deserialize, PartialEq)]
pub struct LogEntry {
    pub index: u64,
    /// What the entry says (its body, or the event in words).
    pub text: String,
    /// Everything the entry shows: author, time, text, visibility.
    pub whole: String,
}

impl LogEntry {
    /// Marked "Visible to agents only".
    pub fn agents_only(&self) -> bool {
        self.whole.contains("Visible to agents only")
    }
}

pub async fn log(client: &Client) -> Result<Vec<LogEntry>> {
    let entries: Option<Vec<LogEntry>> = snapshot(
        client,
        r#"const log = document.querySelector('[role="log"]');
        if (!log) return null;
        return Array.from(log.querySelectorAll('li[data-index]'), li => {
            const text = li.querySelector('.gws-sms-log__text');
            return { index: Number(li.dataset.index), text: text ? text.textContent : '', whole: li.textContent };
        });"#,
        vec![],
    )
    .await?;
    entries.ok_or_else(|| "the page shows no message log ([role=log])".into())
}

/// Whether the log says it is not yet whole (`aria-busy`: entries missed are being read).
pub async fn log_busy(client: &Client) -> Result<bool> {
    snapshot(
        client,
        r#"const log = document.querySelector('[role="log"]');
        return !!log && log.getAttribute('aria-busy') === 'true';"#,
        vec![],
    )
    .await
}

/// The elements inside the log that a message's markup could have created.
pub async fn log_markup_elements(client: &Client) -> Result<Vec<String>> {
    snapshot(
        client,
        r#"const log = document.querySelector('[role="log"]');
        if (!log) return [];
        return Array.from(log.querySelectorAll('img, script, iframe, object, embed, svg, a[href]'), e => e.outerHTML);"#,
        vec![],
    )
    .await
}

/// A button of the action bar (`button[data-action=<operationName>]`) as it stands.
#[derive(Clone, Debug, Deserialize, PartialEq)]
pub struct ActionButton {
    /// `aria-disabled="true"`.
    pub disabled: bool,
    pub busy: bool,
    /// Drawn as the state's primary action.
    pub primary: bool,
    /// Its accessible description: why it is disabled.
    pub reason: Option<String>,
    /// The failure shown at `[data-error-for=<operationName>]`.
    pub error: Option<String>,
}

/// The action bar's button for `operation` (GWS's operation name: Conference is
/// "Invite"), or an error while the page shows none.
pub async fn action(client: &Client, operation: &str) -> Result<ActionButton> {
    let state: Option<ActionButton> = snapshot(
        client,
        r#"const name = arguments[0];
        const button = document.querySelector(`button[data-action="${name}"]`);
        if (!button) return null;
        const described = (button.getAttribute('aria-describedby') || '').split(/\s+/)
            .map(id => document.getElementById(id)).filter(Boolean).map(e => e.textContent.trim()).join(' ');
        const error = document.querySelector(`[data-error-for="${name}"]`);
        return { disabled: button.getAttribute('aria-disabled') === 'true',
            busy: button.getAttribute('aria-busy') === 'true',
            primary: button.classList.contains('gws-sms-actions__button--primary'),
            reason: described || null, error: error ? error.textContent.trim() : null };"#,
        vec![json!(operation)],
    )
    .await?;
    state.ok_or_else(|| format!("the page shows no button[data-action={operation}]").into())
}

/// The session's actions as the header shows them: each shown button's operation
/// name, and what the header says when it shows none.
#[derive(Clone, Debug, Deserialize, PartialEq)]
pub struct Header {
    pub actions: Vec<String>,
    pub note: Option<String>,
}

pub async fn header(client: &Client) -> Result<Header> {
    snapshot(
        client,
        r#"const bar = document.querySelector('[role="toolbar"][aria-label="Session actions"]');
        const note = document.querySelector('.gws-sms-actions__none');
        return { actions: bar ? Array.from(bar.querySelectorAll('button[data-action]'), b => b.dataset.action) : [],
            note: note ? note.textContent.trim() : null };"#,
        vec![],
    )
    .await
}

/// The id of the element the label with exactly `label` as its text is for.
pub async fn labelled_control_id(client: &Client, label: &str) -> Result<String> {
    let id: Option<String> = snapshot(
        client,
        r#"const label = Array.from(document.querySelectorAll('label[for]'))
            .find(l => l.textContent.trim() === arguments[0]);
        return label ? label.htmlFor : null;"#,
        vec![json!(label)],
    )
    .await?;
    match id {
        Some(id) => Ok(id),
        None => fail(format!("no control labelled {label:?} on the page")),
    }
}

/// A composer mode (`[data-audience=...]`, a radio).
#[derive(Clone, Debug, Deserialize, PartialEq)]
pub struct Mode {
    pub checked: bool,
    pub disabled: bool,
}

pub async fn mode(client: &Client, audience: &str) -> Result<Mode> {
    let mode: Option<Mode> = snapshot(
        client,
        r#"const e = document.querySelector(`[role="radio"][data-audience="${arguments[0]}"]`);
        if (!e) return null;
        return { checked: e.getAttribute('aria-checked') === 'true', disabled: e.getAttribute('aria-disabled') === 'true' };"#,
        vec![json!(audience)],
    )
    .await?;
    mode.ok_or_else(|| format!("no composer mode [data-audience={audience:?}]").into())
}

/// Whether the composer's Send button is usable.
pub async fn send_enabled(client: &Client) -> Result<bool> {
    let enabled: Option<bool> = snapshot(
        client,
        r#"const b = Array.from(document.querySelectorAll('button')).find(b => b.textContent.trim() === 'Send');
        return b ? b.getAttribute('aria-disabled') !== 'true' : null;"#,
        vec![],
    )
    .await?;
    enabled.ok_or_else(|| "no Send button on the page".into())
}

/// Why Send is disabled (its `title`), or `None` while it is enabled or absent.
pub async fn send_reason(client: &Client) -> Result<Option<String>> {
    snapshot(
        client,
        r#"const b = document.querySelector('.gws-sms-composer__send');
        return b && b.getAttribute('aria-disabled') === 'true' ? b.title : null;"#,
        vec![],
    )
    .await
}

/// The target picker's results: `(userName, what the button says)`, or `None` while
/// no picker (`[role=dialog]`) is open.
pub async fn picker_results(client: &Client) -> Result<Option<Vec<(String, String)>>> {
    snapshot(
        client,
        r#"const dialog = document.querySelector('[role="dialog"]');
        if (!dialog) return null;
        return Array.from(dialog.querySelectorAll('button[data-contact-name]'),
            b => [b.dataset.contactName, b.textContent.trim()]);"#,
        vec![],
    )
    .await
}

/// The open dialog's computed background colour, or `None` while none is open.
pub async fn dialog_background(client: &Client) -> Result<Option<String>> {
    snapshot(
        client,
        r#"const dialog = document.querySelector('[role="dialog"]');
        return dialog ? getComputedStyle(dialog).backgroundColor : null;"#,
        vec![],
    )
    .await
}

/// The connection banner's state (`[data-connection]`); `None` when connected.
pub async fn connection(client: &Client) -> Result<Option<String>> {
    snapshot(
        client,
        r#"const e = document.querySelector('[data-connection]');
        return e ? e.dataset.connection : null;"#,
        vec![],
    )
    .await
}

/// The log's "N new messages below" button, when it shows.
pub async fn unread_below(client: &Client) -> Result<Option<String>> {
    snapshot(
        client,
        r#"const e = document.querySelector('.gws-sms-log__unread');
        return e ? e.textContent : null;"#,
        vec![],
    )
    .await
}

/// A page-global variable, as JSON (`null` when undefined).
pub async fn global(client: &Client, name: &str) -> Result<Option<Value>> {
    snapshot(
        client,
        "const v = window[arguments[0]]; return v === undefined ? null : { value: v };",
        vec![json!(name)],
    )
    .await
    .map(|v: Option<Value>| v.map(|v| v["value"].clone()))
}

/// The text in the composer's box labelled "Message".
pub async fn draft(client: &Client) -> Result<String> {
    let text: Option<String> = snapshot(
        client,
        r#"const label = Array.from(document.querySelectorAll('label[for]'))
            .find(l => l.textContent.trim() === 'Message');
        const box = label ? document.getElementById(label.htmlFor) : null;
        return box ? box.value : null;"#,
        vec![],
    )
    .await?;
    text.ok_or_else(|| "no box labelled Message on the page".into())
}

/// The agent's messages shown in the log but not yet confirmed by the server's copy:
/// `(state, text)`, the state one of `sending`, `sent`, `unconfirmed`, `failed`.
pub async fn outgoing(client: &Client) -> Result<Vec<(String, String)>> {
    snapshot(
        client,
        r#"return Array.from(document.querySelectorAll('[role="log"] [data-outgoing]'), li => {
            const text = li.querySelector('.gws-sms-log__text');
            return [li.dataset.state, text ? text.textContent : ''];
        });"#,
        vec![],
    )
    .await
}

/// What the widget shows of operations: anything "In progress…" (action bar or
/// wrap-up), the failures shown (`[data-error-for]`), the messages shown in the log as
/// not sent, and
/// the attached data table (`key → value`).
#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
pub struct Outcomes {
    pub in_progress: Vec<String>,
    /// `(operationName, what it says)`.
    pub errors: Vec<(String, String)>,
    /// The texts of messages shown as not sent.
    pub not_sent: Vec<String>,
    pub user_data: Vec<(String, String)>,
}

pub async fn outcomes(client: &Client) -> Result<Outcomes> {
    snapshot(
        client,
        r#"const text = e => e.textContent.trim();
        return {
            in_progress: Array.from(document.querySelectorAll('.gws-sms-actions__status, .gws-sms-wrap-up__status, [aria-busy="true"]'),
                e => e.dataset.action || text(e)),
            errors: Array.from(document.querySelectorAll('[data-error-for]'), e => [e.dataset.errorFor, text(e)]),
            not_sent: Array.from(document.querySelectorAll('[data-outgoing][data-state="failed"] .gws-sms-log__text'), text),
            user_data: Array.from(document.querySelectorAll('table[aria-label="Attached data"] tr'),
                tr => [tr.querySelector('th') ? text(tr.querySelector('th')) : '', tr.querySelector('td') ? text(tr.querySelector('td')) : '']),
        };"#,
        vec![],
    )
    .await
}
