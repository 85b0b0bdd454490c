//! The agent's shift: the widget tells GWS when it has the agent's focus.

use std::time::Duration;

use e2e::check::{eventually, expect, holds_for};
use e2e::flow::{self, CUSTOMER};
use e2e::harness::Lab;
use e2e::page::Page;
use e2e::{action, Result};
use fantoccini::key::Key;
use fantoccini::Client;

/// A button of the host page, outside the widget, that takes the focus.
async fn focus_the_host_page(client: &Client) -> Result<()> {
    client
        .run(
            r#"let button = document.getElementById('host-button');
            if (!button) {
                button = document.createElement('button');
                button.id = 'host-button';
                button.textContent = 'Host desktop';
                document.body.prepend(button);
            }"#,
            vec![],
        )
        .await?;
    action::click(client, "the host page's button", "#host-button").await
}

/// Once the session is chatting, each time the focus enters the widget from the host
/// page GWS is told once (`SetInFocus`); moves within the widget tell nothing, and
/// nothing repeats on its own.
pub async fn focus_tells_gws_once_per_entry(lab: &mut Lab) -> Result<()> {
    let id = lab.control.start_session("agent1", CUSTOMER, "Hi").await?;
    let anna = flow::open_and_accept(lab, "agent1", &id).await?;
    focus_the_host_page(&anna).await?;
    // Accept was pressed in the offered state, which grants no SetInFocus (gws-sim
    // counts refused requests too).
    let before = lab.control.focus_count(&id, "agent1").await?;
    expect(before == 0, || {
        format!("{before} SetInFocus while the session did not grant it")
    })?;
    let count = async |expected: u64| {
        let seen = lab.control.focus_count(&id, "agent1").await?;
        expect(seen == expected, || {
            format!("{seen} SetInFocus, not {expected}")
        })
    };

    action::click(&anna, "the message box", "textarea").await?;
    eventually(
        "SetInFocus once the agent clicks in the message box",
        async || count(before + 1).await,
    )
    .await?;
    // Moves within the widget: Tab onwards, Shift+Tab back.
    action::keys(&anna, &Key::Tab.to_string()).await?;
    action::keys(&anna, &format!("{}{}", Key::Shift, Key::Tab)).await?;
    holds_for(
        "no SetInFocus for moves within the widget",
        Duration::from_secs(1),
        async || count(before + 1).await,
    )
    .await?;

    focus_the_host_page(&anna).await?;
    action::click(&anna, "the log", "[role='log']").await?;
    eventually("SetInFocus again when the focus comes back", async || {
        count(before + 2).await
    })
    .await?;
    holds_for(
        "nothing more on its own",
        Duration::from_secs(2),
        async || count(before + 2).await,
    )
    .await?;

    // Alone in the session, the agent leaves: the session is over for the customer and
    // the agent is in wrap-up (Complete still to do).
    action::press(&anna, "Leave").await?;
    eventually("left, in wrap-up: no more sending, Complete to do", async || {
        let complete = e2e::find::action(&anna, "Complete").await?;
        let send_disabled = anna
            .run(
                "const b = document.querySelector('.gws-sms-composer__send'); return !!b && b.getAttribute('aria-disabled') === 'true';",
                vec![],
            )
            .await?;
        expect(
            !complete.disabled && complete.primary && send_disabled.as_bool() == Some(true),
            || format!("Complete {complete:?}, Send disabled {send_disabled}"),
        )
    })
    .await?;
    e2e::axe::check(&anna, "left, in wrap-up", ".gws-sms").await
}

/// Alt+Shift+`letter`, as the widget documents its shortcuts.
fn alt_shift(letter: char) -> String {
    format!("{}{}{letter}{}", Key::Alt, Key::Shift, Key::Null)
}

/// How far a keyboard user may Tab to reach a control of the widget.
const TABS: usize = 40;

/// From the top of the page into the widget, accepts with its shortcut, writes the
/// customer a reply from the message box and consults `agent` through the picker with
/// the keyboard alone. The agent's page and the consultant's nickname.
async fn accept_reply_and_consult(
    lab: &mut Lab,
    session: &str,
    agent: &str,
) -> Result<(Client, String)> {
    let client = lab.browser().await?;
    action::open_session(&client, &lab.page("agent1", Some(session))).await?;
    eventually("Accept is offered", async || {
        let accept = e2e::find::action(&client, "Accept").await?;
        expect(!accept.disabled, || format!("{accept:?}"))
    })
    .await?;
    // Outside the widget its shortcuts are the host page's keys: nothing happens.
    focus_the_host_page(&client).await?;
    action::keys(&client, &alt_shift('a')).await?;
    holds_for(
        "Alt+Shift+A on the host page accepts nothing",
        Duration::from_secs(1),
        async || {
            let accept = e2e::find::action(&client, "Accept").await?;
            expect(!accept.disabled && !accept.busy, || format!("{accept:?}"))
        },
    )
    .await?;
    action::tab_to(&client, ".gws-sms [role='log']", TABS).await?;
    action::keys(&client, &alt_shift('a')).await?;
    e2e::check::roster_has(&client, CUSTOMER, "Customer").await?;

    action::tab_to(&client, ".gws-sms textarea", TABS).await?;
    let reply = "One moment, I am asking a colleague";
    action::keys(&client, &format!("{reply}{}", Key::Enter)).await?;
    e2e::check::log_has(&client, reply, false).await?;

    action::keys(&client, &alt_shift('c')).await?;
    e2e::check::picker_has_focus(&client).await?;
    action::keys(&client, agent).await?;
    action::tab_to(
        &client,
        &format!("[role='dialog'] button[data-contact-name='{agent}']"),
        TABS,
    )
    .await?;
    action::keys(&client, &Key::Enter.to_string()).await?;
    let nickname = lab.control.nickname(agent).await?;
    e2e::check::roster_has(&client, &nickname, "Consulting agent").await?;

    // To agents only by Alt+Shift+M, sent by Ctrl+Enter from outside the message box.
    action::tab_to(&client, ".gws-sms textarea", TABS).await?;
    action::keys(&client, &alt_shift('m')).await?;
    let note = format!("{nickname}, can you take this one?");
    action::keys(&client, &note).await?;
    action::keys(&client, &format!("{}{}", Key::Shift, Key::Tab)).await?;
    action::keys(
        &client,
        &format!("{}{}{}", Key::Control, Key::Enter, Key::Null),
    )
    .await?;
    e2e::check::log_has(&client, &note, true).await?;
    holds_for(
        "the note is in the log once",
        Duration::from_secs(1),
        async || {
            let times = e2e::find::log(&client)
                .await?
                .iter()
                .filter(|entry| entry.text == note)
                .count();
            let drafts = e2e::find::draft(&client).await?;
            expect(times == 1 && drafts.is_empty(), || {
                format!("{times} times, the box holds {drafts:?}")
            })
        },
    )
    .await?;
    e2e::check::customer_never_received(&lab.control, session, &[note.as_str()]).await?;
    Ok((client, nickname))
}

/// Picks `agent` for `operation` with the keyboard: Tab to its button, Enter, Escape
/// (the focus is back on the button), Enter again, the agent's name typed in the search
/// box, Tab to them, Enter.
async fn pick_by_keyboard(client: &Client, operation: &str, agent: &str) -> Result<()> {
    let opener = format!("button[data-action='{operation}']");
    action::tab_to(client, &opener, TABS).await?;
    action::keys(client, &Key::Enter.to_string()).await?;
    e2e::check::picker_has_focus(client).await?;
    action::keys(client, &Key::Escape.to_string()).await?;
    eventually(format!("Escape gives the focus back to {operation}"), async || {
        let back = client
            .run(
                "const e = document.activeElement; return !!e && e.matches(arguments[0]) && !document.querySelector(\"[role='dialog']\");",
                vec![opener.as_str().into()],
            )
            .await?;
        expect(back.as_bool() == Some(true), || "the focus is elsewhere or the picker open".to_owned())
    })
    .await?;
    action::keys(client, &Key::Enter.to_string()).await?;
    e2e::check::picker_has_focus(client).await?;
    action::keys(client, agent).await?;
    action::tab_to(
        client,
        &format!("[role='dialog'] button[data-contact-name='{agent}']"),
        TABS,
    )
    .await?;
    action::keys(client, &Key::Enter.to_string()).await
}

/// Consult, then transfer, with the keyboard alone.
pub async fn keyboard_only_consult_then_transfer(lab: &mut Lab) -> Result<()> {
    let id = lab
        .control
        .start_session("agent1", CUSTOMER, "Where is my parcel?")
        .await?;
    let (anna, _) = accept_reply_and_consult(lab, &id, "agent2").await?;
    pick_by_keyboard(&anna, "Transfer", "agent2").await?;
    e2e::check::session_completed(&anna).await
}

/// Consult, then conference, then leave, with the keyboard alone.
pub async fn keyboard_only_consult_then_conference_then_leave(lab: &mut Lab) -> Result<()> {
    let id = lab
        .control
        .start_session("agent1", CUSTOMER, "Can I change my plan?")
        .await?;
    let (anna, ben) = accept_reply_and_consult(lab, &id, "agent2").await?;
    pick_by_keyboard(&anna, "Invite", "agent2").await?;
    e2e::check::roster_has(&anna, &ben, "Conferenced agent").await?;
    action::tab_to(&anna, "button[data-action='Leave']", TABS).await?;
    action::keys(&anna, &Key::Enter.to_string()).await?;
    e2e::check::session_completed(&anna).await
}

/// The `gws-sms-attention` events the host page got so far, oldest first:
/// `(unread, waiting, level)`.
async fn attention_events(client: &Client) -> Result<Vec<(u64, bool, String)>> {
    let events = client
        .run(
            "return (window.attention || []).map(d => [d.unread, d.waitingSince != null, d.level]);",
            vec![],
        )
        .await?;
    Ok(serde_json::from_value(events)?)
}

/// The widget's waiting line: its level, and its words.
async fn waiting_line(client: &Client) -> Result<Option<(String, String)>> {
    let line = client
        .run(
            r#"const e = document.querySelector('.gws-sms [role="timer"]');
            return e ? [e.dataset.level, e.textContent] : null;"#,
            vec![],
        )
        .await?;
    Ok(serde_json::from_value(line)?)
}

/// A customer waiting for an answer: the widget shows how long, its look and words
/// change past the host's two thresholds, the host hears of each change
/// (`gws-sms-attention`), and the agent's answer ends it; messages arriving while the
/// agent reads above count as unread until they are read.
pub async fn a_waiting_customer_shows_and_is_told_to_the_host(lab: &mut Lab) -> Result<()> {
    let id = lab
        .control
        .start_session("agent1", CUSTOMER, "Hello?")
        .await?;
    let anna = flow::open_and_accept(lab, "agent1", &id).await?;
    let reply = "Hello, how can I help?";
    action::write(&anna, reply).await?;
    e2e::check::log_has(&anna, reply, false).await?;
    // The host's thresholds (seconds), set as a desktop would; the widget mounts again.
    anna.run(
        r#"window.attention = [];
        document.addEventListener('gws-sms-attention', (e) => window.attention.push(e.detail));
        const widget = document.querySelector('gws-sms-session');
        widget.setAttribute('waiting-warning-seconds', '2');
        widget.setAttribute('waiting-alarm-seconds', '4');"#,
        vec![],
    )
    .await?;
    e2e::check::log_has(&anna, reply, false).await?;
    if waiting_line(&anna).await?.is_some() {
        return e2e::fail("a waiting line while the customer has an answer");
    }

    lab.control
        .customer_texts(&id, "My order never came")
        .await?;
    eventually("the waiting line, calm", async || {
        let line = waiting_line(&anna).await?;
        expect(
            line.as_ref().is_some_and(|(level, words)| {
                level == "calm" && words.starts_with("Customer waiting 0:0")
            }),
            || format!("{line:?}"),
        )
    })
    .await?;
    eventually("a warning after 2 s, said in words", async || {
        let line = waiting_line(&anna).await?;
        expect(
            line.as_ref().is_some_and(|(level, words)| {
                level == "warning" && words.ends_with(": answer soon")
            }),
            || format!("{line:?}"),
        )
    })
    .await?;
    eventually("an alarm after 4 s", async || {
        let line = waiting_line(&anna).await?;
        expect(
            line.as_ref()
                .is_some_and(|(level, words)| level == "alarm" && words.ends_with(": overdue")),
            || format!("{line:?}"),
        )
    })
    .await?;
    e2e::axe::check(&anna, "a customer waiting past the alarm", ".gws-sms").await?;

    action::write(&anna, "Let me look").await?;
    eventually("the answer ends the wait", async || {
        let line = waiting_line(&anna).await?;
        expect(line.is_none(), || format!("{line:?}"))
    })
    .await?;
    let levels: Vec<String> = attention_events(&anna)
        .await?
        .into_iter()
        .filter(|(_, waiting, _)| *waiting)
        .map(|(_, _, level)| level)
        .collect();
    let mut rises = levels.clone();
    rises.dedup();
    if rises != ["calm", "warning", "alarm"] {
        let all = anna
            .run("return JSON.stringify(window.attention);", vec![])
            .await?;
        return e2e::fail(format!("the host heard the levels {levels:?}: {all}"));
    }
    let last = attention_events(&anna).await?.pop();
    expect(
        last.as_ref()
            .is_some_and(|(unread, waiting, level)| *unread == 0 && !waiting && level == "calm"),
        || format!("the host's last event: {last:?}"),
    )?;

    // Read above: what arrives is unread until the agent comes back down. Enough
    // messages first for the log to scroll.
    for n in 1..=20 {
        lab.control
            .customer_texts(&id, &format!("Line {n}"))
            .await?;
    }
    e2e::check::log_has(&anna, "Line 20", false).await?;
    action::read_above_settled(&anna, 300).await?;
    lab.control.customer_texts(&id, "Are you there?").await?;
    eventually("the host hears of one unread message", async || {
        let last = attention_events(&anna).await?.pop();
        expect(
            last.as_ref().is_some_and(|(unread, ..)| *unread == 1),
            || format!("{last:?}"),
        )
    })
    .await?;
    action::click(&anna, "new messages below", ".gws-sms-log__unread").await?;
    eventually("reading it clears unread", async || {
        let last = attention_events(&anna).await?.pop();
        expect(
            last.as_ref().is_some_and(|(unread, ..)| *unread == 0),
            || format!("{last:?}"),
        )
    })
    .await
}

/// Whether the reason of the withheld `operation` is on screen (its tooltip visible).
async fn reason_shown(client: &Client, operation: &str) -> Result<bool> {
    let shown = client
        .run(
            r#"const button = document.querySelector(`button[data-action="${arguments[0]}"]`);
            const reason = button && document.getElementById(button.getAttribute('aria-describedby'));
            return !!reason && getComputedStyle(reason).visibility === 'visible';"#,
            vec![serde_json::json!(operation)],
        )
        .await?;
    Ok(shown.as_bool() == Some(true))
}

/// A withheld action's reason is not on screen until asked for: the keyboard focus
/// shows it, Escape hides it again with the focus staying on the button.
async fn reason_on_demand(client: &Client, operation: &str) -> Result<()> {
    if reason_shown(client, operation).await? {
        return e2e::fail(format!(
            "{operation}'s reason is on screen before anyone asks"
        ));
    }
    let css = format!("button[data-action='{operation}']");
    action::tab_to(client, &css, TABS).await?;
    eventually(format!("{operation}'s reason shows on focus"), async || {
        expect(reason_shown(client, operation).await?, || {
            "hidden".to_owned()
        })
    })
    .await?;
    action::keys(client, &Key::Escape.to_string()).await?;
    eventually(format!("Escape hides {operation}'s reason"), async || {
        expect(!reason_shown(client, operation).await?, || {
            "still shown".to_owned()
        })
    })
    .await?;
    let still = client
        .run(
            "const e = document.activeElement; return !!e && e.matches(arguments[0]);",
            vec![css.into()],
        )
        .await?;
    expect(still.as_bool() == Some(true), || {
        format!("the focus left {operation} on Escape")
    })
}

/// The disposition field's options (`value`, shown text), or None when it is a text box.
async fn disposition_codes(client: &Client) -> Result<Option<Vec<(String, String)>>> {
    let codes = client
        .run(
            r#"const select = document.querySelector('details.gws-sms-wrap-up select');
            return select ? Array.from(select.options, o => [o.value, o.textContent]) : null;"#,
            vec![],
        )
        .await?;
    Ok(serde_json::from_value(codes)?)
}

/// The host makes a disposition mandatory: Complete says why it waits; the disposition
/// is chosen from GWS's codes (their names sent, their display names shown), and then
/// Complete completes. Where the codes cannot be read, the disposition is typed.
pub async fn dispositions_come_from_gws_and_complete_waits_for_one(lab: &mut Lab) -> Result<()> {
    let id = lab
        .control
        .start_session("agent1", CUSTOMER, "Thanks, bye")
        .await?;
    let anna = flow::open_and_accept(lab, "agent1", &id).await?;
    anna.run(
        "document.querySelector('gws-sms-session').setAttribute('disposition-required', '');",
        vec![],
    )
    .await?;
    eventually(
        "Complete waits for a disposition, and says so",
        async || {
            let complete = e2e::find::action(&anna, "Complete").await?;
            expect(
                complete.disabled && complete.reason.as_deref() == Some("Set a disposition first."),
                || format!("{complete:?}"),
            )
        },
    )
    .await?;
    reason_on_demand(&anna, "Complete").await?;
    action::open_wrap_up(&anna).await?;
    let codes = eventually("GWS's codes to choose from", async || {
        let codes = disposition_codes(&anna).await?;
        expect(codes.is_some(), || "a text box".to_owned())?;
        Ok(codes.unwrap_or_default())
    })
    .await?;
    let expected = [
        ("", "Choose a code"),
        ("EscalationCreated", "Issue Escalated"),
        ("IssueResolved", "Issue Resolved"),
        ("UpdateProvided", "Update Provided"),
        ("InfoRequested", "Information Requested"),
    ];
    let same = codes.len() == expected.len()
        && codes
            .iter()
            .zip(expected)
            .all(|((v, t), (ev, et))| v == ev && t == et);
    expect(same, || format!("the options are {codes:?}"))?;
    action::wrap_up(&anna, &[("Disposition", "IssueResolved")], "SetDisposition").await?;
    eventually("the disposition in the session's data", async || {
        let data = e2e::find::outcomes(&anna).await?.user_data;
        expect(
            data.iter()
                .any(|(k, v)| k == "DispositionCode" && v == "IssueResolved"),
            || format!("{data:?}"),
        )
    })
    .await?;
    action::press(&anna, "Complete").await?;
    e2e::check::session_completed(&anna).await?;

    // The codes cannot be read: the disposition is typed, and the agent is told why.
    lab.control.fail_dispositions(Some(404)).await?;
    let id = lab
        .control
        .start_session("agent1", CUSTOMER, "Hi again")
        .await?;
    let page = flow::open_and_accept(lab, "agent1", &id).await?;
    action::open_wrap_up(&page).await?;
    eventually("a text box for the disposition, and why", async || {
        let note = page
            .run(
                "const n = document.querySelector('.gws-sms-wrap-up__note'); return n ? n.textContent : null;",
                vec![],
            )
            .await?;
        let codes = disposition_codes(&page).await?;
        expect(
            codes.is_none() && note.as_str().is_some_and(|n| n.contains("could not be read")),
            || format!("codes {codes:?}, note {note}"),
        )
    })
    .await?;
    action::wrap_up(&page, &[("Disposition", "Typed-Code")], "SetDisposition").await?;
    eventually("the typed disposition in the session's data", async || {
        let data = e2e::find::outcomes(&page).await?.user_data;
        expect(
            data.iter()
                .any(|(k, v)| k == "DispositionCode" && v == "Typed-Code"),
            || format!("{data:?}"),
        )
    })
    .await
}
