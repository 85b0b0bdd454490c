//! What an agent does, through real input events: open the page, press a button,
//! type and press Enter, pick a target in the dialog.

use fantoccini::actions::{InputSource, KeyAction, KeyActions};
use fantoccini::key::Key;
use fantoccini::Client;

use crate::check::{eventually, eventually_within, expect};
use crate::page::Page;
use crate::{find, Result};

/// Opens `url` (a demo page) and waits for the widget to show a session.
pub async fn open_session(client: &Client, url: &str) -> Result<()> {
    client.goto(url).await?;
    eventually(format!("the widget at {url} shows a roster"), async || {
        find::roster(client).await.map(drop)
    })
    .await
}

/// Clicks a located element, again if it was re-rendered between finding and clicking.
pub async fn click(client: &Client, what: &str, css: &str) -> Result<()> {
    eventually(format!("clicking {what}"), async || {
        client.element(css).await?.click().await?;
        Ok(())
    })
    .await
}

/// Presses the action bar's button for `operation` once it is enabled.
pub async fn press(client: &Client, operation: &str) -> Result<()> {
    eventually(format!("{operation} becomes enabled"), async || {
        let button = find::action(client, operation).await?;
        expect(!button.disabled && !button.busy, || format!("{button:?}"))
    })
    .await?;
    click(
        client,
        &format!("the {operation} button"),
        &format!("button[data-action='{operation}']"),
    )
    .await
}

/// Writes `text` in the box labelled "Message" and presses Enter; waits until it is
/// sent (the box is empty again).
pub async fn write(client: &Client, text: &str) -> Result<()> {
    let id = eventually("a box labelled Message", async || {
        find::labelled_control_id(client, "Message").await
    })
    .await?;
    eventually("Send becomes enabled", async || {
        let enabled = find::send_enabled(client).await?;
        expect(enabled, || "Send is aria-disabled".to_owned())
    })
    .await?;
    let draft = client.element_by_id(&id).await?;
    draft.click().await?;
    draft
        .send_keys(&format!("{text}{}", char::from(Key::Enter)))
        .await?;
    eventually("the Message box is empty after Enter", async || {
        let value = client
            .element_by_id(&id)
            .await?
            .prop("value")
            .await?
            .unwrap_or_default();
        expect(value.is_empty(), || format!("it still holds {value:?}"))
    })
    .await
}

/// Chooses the composer's mode (`"customer"` or `"agents"`).
pub async fn choose_mode(client: &Client, audience: &str) -> Result<()> {
    eventually(format!("mode {audience:?} becomes available"), async || {
        let mode = find::mode(client, audience).await?;
        expect(!mode.disabled, || format!("{mode:?}"))
    })
    .await?;
    click(
        client,
        &format!("mode {audience:?}"),
        &format!("[role='radio'][data-audience='{audience}']"),
    )
    .await?;
    eventually(format!("mode {audience:?} is checked"), async || {
        let mode = find::mode(client, audience).await?;
        expect(mode.checked, || format!("{mode:?}"))
    })
    .await
}

/// Opens the target picker with `operation`, searches for `search`, and chooses the
/// agent whose user name is `user`.
pub async fn pick_target(client: &Client, operation: &str, search: &str, user: &str) -> Result<()> {
    open_picker(client, operation).await?;
    choose_target(client, search, user).await
}

/// Presses `operation` and waits for the target picker (`[role=dialog]`) to list
/// targets.
pub async fn open_picker(client: &Client, operation: &str) -> Result<()> {
    press(client, operation).await?;
    eventually("the target picker lists targets", async || {
        let results = find::picker_results(client).await?.unwrap_or_default();
        expect(!results.is_empty(), || "no targets listed".to_owned())
    })
    .await
}

/// In the open picker: searches for `search` and chooses the agent whose user name is
/// `user`; waits for the picker to close.
pub async fn choose_target(client: &Client, search: &str, user: &str) -> Result<()> {
    let search_box = client
        .element("[role='dialog'] input[type='search']")
        .await?;
    search_box.send_keys(search).await?;
    eventually(
        format!("the picker lists {user} for {search:?}"),
        async || {
            let results = find::picker_results(client).await?.unwrap_or_default();
            expect(results.iter().any(|(name, _)| name == user), || {
                format!("results {results:?}")
            })
        },
    )
    .await?;
    click(
        client,
        &format!("{user} in the picker"),
        &format!("[role='dialog'] button[data-contact-name='{user}']"),
    )
    .await?;
    eventually("the picker closes", async || {
        let open = find::picker_results(client).await?.is_some();
        expect(!open, || "the dialog is still open".to_owned())
    })
    .await
}

/// Types `text` in the box labelled "Message" without sending it: a draft.
pub async fn type_draft(client: &Client, text: &str) -> Result<()> {
    let id = eventually("a box labelled Message", async || {
        find::labelled_control_id(client, "Message").await
    })
    .await?;
    let draft = client.element_by_id(&id).await?;
    draft.click().await?;
    draft.send_keys(text).await?;
    eventually("the draft is in the Message box", async || {
        let value = find::draft(client).await?;
        expect(value == text, || format!("it holds {value:?}"))
    })
    .await
}

/// Opens the wrap-up panel (`details.gws-sms-wrap-up`).
pub async fn open_wrap_up(client: &Client) -> Result<()> {
    click(
        client,
        "the wrap-up panel",
        "details.gws-sms-wrap-up > summary",
    )
    .await?;
    eventually("the wrap-up panel is open", async || {
        let open = client
            .run(
                "const d = document.querySelector('details.gws-sms-wrap-up'); return !!(d && d.open);",
                vec![],
            )
            .await?;
        expect(open == serde_json::json!(true), || "closed".to_owned())
    })
    .await
}

/// The text box or list of the open wrap-up panel labelled `arguments[0]` (the label's
/// own text, spaces collapsed).
const FIELD_LABELLED: &str = r#"
    const [label] = arguments;
    const labels = document.querySelectorAll("details.gws-sms-wrap-up label");
    const found = labels.find((l) => l.firstChild?.textContent.replace(/\s+/g, " ").trim() === label);
    return found?.querySelector(":scope > input, :scope > select") ?? null;
"#;

/// In the open wrap-up panel: fills the fields labelled with `fields` (label, value):
/// types into a text box, or chooses the option of that value in a list (the
/// disposition codes GWS offers), and presses the button for `operation` once it is
/// enabled.
pub async fn wrap_up(client: &Client, fields: &[(&str, &str)], operation: &str) -> Result<()> {
    for (label, value) in fields {
        let field = client
            .element_from(
                &format!("the wrap-up's field {label}"),
                FIELD_LABELLED,
                vec![(*label).into()],
            )
            .await?;
        if field.tag_name().await? == "select" {
            field.select_by_value(value).await?;
        } else {
            field.clear().await?;
            field.send_keys(value).await?;
        }
    }
    let css = format!("details.gws-sms-wrap-up button[data-action='{operation}']");
    eventually(format!("{operation} becomes enabled"), async || {
        let button = client.element(&css).await?;
        let disabled = button.attr("aria-disabled").await?;
        let busy = button.attr("aria-busy").await?;
        expect(
            disabled.as_deref() != Some("true") && busy.as_deref() != Some("true"),
            || format!("aria-disabled {disabled:?}, aria-busy {busy:?}"),
        )
    })
    .await?;
    click(client, &format!("the {operation} button"), &css).await
}

/// Scrolls the log up by `pixels` if it is at its bottom, as an agent who starts
/// reading above does (again, if a scroll to the bottom already on its way undid it).
pub async fn read_above(client: &Client, pixels: i32) -> Result<()> {
    client
        .run(
            r#"const log = document.querySelector('[role="log"]');
            if (log && log.scrollHeight - log.scrollTop - log.clientHeight <= 8) log.scrollTop -= arguments[0];"#,
            vec![serde_json::json!(pixels)],
        )
        .await?;
    Ok(())
}

/// Reads above for sure: waits for the log to reach its bottom (a follow may still
/// be on its way on a slow machine), scrolls up by `pixels`, and checks two frames
/// later that the log stayed there rather than following back down.
pub async fn read_above_settled(client: &Client, pixels: i32) -> Result<()> {
    eventually("the log stays scrolled up", async || {
        let distance = client
            .run_async(
                r#"const [pixels, done] = arguments;
                const log = document.querySelector('[role="log"]');
                if (!log) return done(-1);
                const below = () => log.scrollHeight - log.scrollTop - log.clientHeight;
                if (below() <= 8) log.scrollTop -= pixels;
                requestAnimationFrame(() => requestAnimationFrame(() => done(below())));"#,
                vec![serde_json::json!(pixels)],
            )
            .await?;
        let distance = distance.as_f64().unwrap_or(-1.0);
        expect(distance >= f64::from(pixels) / 2.0, || {
            format!("{distance} px from the bottom")
        })
    })
    .await
}

/// Scrolls the log to its top until every entry is rendered (no "Scroll up for
/// earlier messages" row is left), then reads it.
pub async fn read_whole_log(client: &Client) -> Result<Vec<find::LogEntry>> {
    eventually_within(
        "the log renders its oldest entry after scrolling up",
        std::time::Duration::from_secs(60),
        async || {
            let older = client
                .run(
                    r#"const log = document.querySelector('[role="log"]');
                    if (!log) return 'no log';
                    const older = log.querySelector('.gws-sms-log__older');
                    if (!older) return null;
                    log.scrollTop = 0;
                    log.dispatchEvent(new Event('scroll'));
                    return 'older entries still to render';"#,
                    vec![],
                )
                .await?;
            expect(older.is_null(), || older.to_string())
        },
    )
    .await?;
    find::log(client).await
}

/// Types `keys` (text, `fantoccini::key::Key`s, chords) where the focus is, as the
/// keyboard does: modifiers stay down until `Key::Null` or the end of `keys`. Typed as
/// WebDriver actions, which go to whatever has the focus: an element's own send-keys
/// first focuses it again from outside the widget's shadow root, and the widget would
/// see the focus enter anew.
pub async fn keys(client: &Client, keys: &str) -> Result<()> {
    let modifiers = [Key::Shift, Key::Control, Key::Alt, Key::Meta].map(char::from);
    let mut held = Vec::new();
    let mut typing = KeyActions::new("keyboard".to_owned());
    for key in keys.chars() {
        if key == char::from(Key::Null) {
            for modifier in held.drain(..).rev() {
                typing = typing.then(KeyAction::Up { value: modifier });
            }
        } else if modifiers.contains(&key) {
            typing = typing.then(KeyAction::Down { value: key });
            held.push(key);
        } else {
            typing = typing
                .then(KeyAction::Down { value: key })
                .then(KeyAction::Up { value: key });
        }
    }
    for modifier in held.into_iter().rev() {
        typing = typing.then(KeyAction::Up { value: modifier });
    }
    client.perform_actions(typing).await?;
    Ok(())
}

/// Presses Tab until the focused element matches `css` (at most `limit` times): how a
/// keyboard user gets somewhere.
pub async fn tab_to(client: &Client, css: &str, limit: usize) -> Result<()> {
    for _ in 0..=limit {
        let there = client
            .run(
                "const e = document.activeElement; return !!e && e.matches(arguments[0]);",
                vec![css.into()],
            )
            .await?;
        if there.as_bool() == Some(true) {
            return Ok(());
        }
        keys(client, &Key::Tab.to_string()).await?;
    }
    crate::fail(format!("{limit} Tabs did not reach {css}"))
}
