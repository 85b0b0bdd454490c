//! The agent's shift: the widget tells GWS when it has the agent's focus.

use std::time::Duration;

use e2e::check::{eventually, expect, holds_for};
use e2e::flow::{self, CUSTOMER};
use e2e::harness::Lab;
use e2e::{action, Result};
use fantoccini::key::Key;
use fantoccini::{Client, Locator};

/// A button of the host page, outside the widget, that takes the focus.
async fn focus_the_host_page(client: &Client) -> Result<()> {
    client
        .execute(
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
    let before = lab.control.focus_count(&id, "agent1").await?;
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
    let textarea = anna.find(Locator::Css("textarea")).await?;
    textarea.send_keys(&Key::Tab.to_string()).await?;
    anna.active_element()
        .await?
        .send_keys(&format!("{}{}", Key::Shift, Key::Tab))
        .await?;
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
    .await
}
