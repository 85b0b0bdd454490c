//! Sending as an agent who types fast does, against a GWS hundreds of milliseconds away
//! that does only what its documentation shows.

use std::time::Instant;

use e2e::check::{eventually, eventually_within, expect};
use e2e::flow::{self, CUSTOMER};
use e2e::harness::Lab;
use e2e::page::Page;
use e2e::{fail, find, Result};
use fantoccini::key::Key;
use serde::Deserialize;
use serde_json::json;

/// The messages, typed and sent with Enter one after the other; two of them with
/// whitespace the field profile's echo collapses.
const MESSAGES: [&str; 5] = [
    "One moment",
    "Checking  now",
    "Found your order",
    "It ships\u{a0}today ",
    "Anything else?",
];

/// What the page saw of one Enter: the draft it sent, and whether it was in the log by
/// the next animation frame (before that frame is painted).
#[derive(Debug, Deserialize)]
struct Frame {
    text: String,
    shown: bool,
    ms: f64,
}

/// Records, for every Enter in the composer, whether its text is in the log (as an
/// entry of the agent's not yet confirmed, or the server's copy) in the next frame.
/// Registered on the window in the capture phase, the first listener an event meets,
/// so it reads the draft before the widget's own handler sends and clears it.
const FRAME_PROBE: &str = r#"
    const box = document.getElementById(arguments[0]);
    window.__gwsFrames = [];
    window.addEventListener('keydown', event => {
        // At the window the target is the shadow root's host; the path starts at the box.
        if (event.composedPath()[0] !== box || event.key !== 'Enter' || event.shiftKey) return;
        const text = box.value, start = performance.now();
        requestAnimationFrame(() => {
            const shown = Array.from(document.querySelectorAll(
                '[role="log"] [data-outgoing] .gws-sms-log__text'), e => e.textContent).includes(text);
            window.__gwsFrames.push({ text, shown, ms: performance.now() - start });
        });
    }, true);
"#;

/// Five messages sent within a second under 400 ms per answer (the field profile): each
/// is in the agent's log in the frame it was sent, Send is never held back, and the
/// customer receives five separate messages in the order written, each shown once in the
/// agent's log.
pub async fn five_messages_within_a_second_in_the_field(lab: &mut Lab) -> Result<()> {
    let profile = lab.play_the_field().await?;
    let latency = profile["profile"]["latencyMs"].as_u64().unwrap_or_default();
    if latency < 400 {
        return fail(format!(
            "the field profile answers after {latency} ms, not 400"
        ));
    }
    let id = lab
        .control
        .start_session("agent1", CUSTOMER, "Where is my order?")
        .await?;
    let anna = flow::open_and_accept(lab, "agent1", &id).await?;
    let box_id = find::labelled_control_id(&anna, "Message").await?;
    anna.run(FRAME_PROBE, vec![json!(box_id)]).await?;

    let typed: String = MESSAGES
        .iter()
        .map(|text| format!("{text}{}", char::from(Key::Enter)))
        .collect();
    let draft = anna.element_by_id(&box_id).await?;
    draft.click().await?;
    let started = Instant::now();
    draft.send_keys(&typed).await?;
    let typing = started.elapsed();
    println!(
        "five messages typed and sent in {:.0} ms under {latency} ms per answer",
        typing.as_secs_f64() * 1000.0
    );
    if typing.as_secs_f64() > 1.0 {
        return fail(format!("typing took {typing:?}, not within a second"));
    }

    let frames: Vec<Frame> = eventually("a frame after each of the five Enters", async || {
        let frames: Vec<Frame> =
            serde_json::from_value(anna.run("return window.__gwsFrames", vec![]).await?)?;
        expect(frames.len() == MESSAGES.len(), || format!("{frames:?}"))?;
        Ok(frames)
    })
    .await?;
    let sent: Vec<&str> = frames.iter().map(|f| f.text.as_str()).collect();
    if sent != MESSAGES {
        return fail(format!(
            "each Enter sends its own draft: sent {sent:?}, typed {MESSAGES:?}"
        ));
    }
    if let Some(late) = frames.iter().find(|f| !f.shown) {
        return fail(format!(
            "{:?} was not in the log by the next frame ({:.1} ms after Enter); frames {frames:?}",
            late.text, late.ms
        ));
    }
    let longest = frames.iter().map(|f| f.ms).fold(0.0, f64::max);
    println!("each message in the log by the next frame (at most {longest:.1} ms after Enter)");

    // The server's copies come back with whitespace collapsed and no referenceId.
    let words = |text: &str| text.split_whitespace().collect::<Vec<_>>().join(" ");
    let expected: Vec<String> = MESSAGES.iter().map(|text| words(text)).collect();
    eventually_within(
        "the customer received the five messages, separately and in order",
        std::time::Duration::from_secs(30),
        async || {
            let received = lab.control.customer_received(&id).await?;
            let mine: Vec<String> = received
                .iter()
                .filter(|text| expected.contains(&words(text)))
                .map(|text| words(text))
                .collect();
            expect(mine == expected, || format!("transcript {received:?}"))
        },
    )
    .await?;
    eventually(
        "the agent's log shows each message once, as the server's copy",
        async || {
            let log = find::log(&anna).await?;
            let shown: Vec<String> = log
                .iter()
                .map(|entry| words(&entry.text))
                .filter(|text| expected.contains(text))
                .collect();
            let pending = find::outgoing(&anna).await?;
            expect(shown == expected && pending.is_empty(), || {
                format!("log {shown:?}, not yet confirmed {pending:?}")
            })
        },
    )
    .await?;
    println!(
        "all five confirmed {:.1} s after the first Enter",
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

/// The Retry button of the message shown as not sent (one at a time here).
const RETRY: &str = "[data-outgoing][data-state='failed'] .gws-sms-log__fix button:first-child";

/// The Edit button of the message shown as not sent.
const EDIT: &str = "[data-outgoing][data-state='failed'] .gws-sms-log__fix button:last-child";

/// Waits until `text` is shown as not sent; then presses its Retry.
async fn retry_when_failed(anna: &fantoccini::Client, text: &str) -> Result<()> {
    eventually(format!("{text:?} is shown as not sent"), async || {
        let outgoing = find::outgoing(anna).await?;
        expect(
            outgoing
                .iter()
                .any(|(state, t)| state == "failed" && t == text),
            || format!("not confirmed: {outgoing:?}"),
        )
    })
    .await?;
    e2e::action::click(anna, &format!("Retry of {text:?}"), RETRY).await
}

/// Waits until `text` is in the agent's log once, as the server's copy, nothing of the
/// agent's is left unconfirmed, and the customer received it exactly once.
async fn delivered_once(lab: &Lab, anna: &fantoccini::Client, id: &str, text: &str) -> Result<()> {
    eventually(
        format!("{text:?} is in the agent's log once, confirmed"),
        async || {
            let log = find::log(anna).await?;
            let copies = log.iter().filter(|entry| entry.text == text).count();
            let pending = find::outgoing(anna).await?;
            expect(copies == 1 && pending.is_empty(), || {
                format!("{copies} copies in the log, not confirmed {pending:?}")
            })
        },
    )
    .await?;
    let received = lab.control.customer_received(id).await?;
    let times = received.iter().filter(|t| *t == text).count();
    if times != 1 {
        return fail(format!(
            "the customer received {text:?} {times} times: {received:?}"
        ));
    }
    Ok(())
}

/// Answers lost on the way back, and a request lost on the way there, under the field
/// profile: HTTP 502 either way, and only the log tells them apart. The message whose
/// answer was lost is shown as not sent until its copy arrives; one whose copy is held
/// back is found by Retry in the log and not sent again; the one that never arrived is
/// sent by Retry; one lost again is taken back by Edit and sent with what the agent typed
/// since. The customer receives each exactly once.
pub async fn lost_answers_never_send_a_message_twice(lab: &mut Lab) -> Result<()> {
    lab.play_the_field().await?;
    let id = lab
        .control
        .start_session("agent1", CUSTOMER, "Did my parcel leave?")
        .await?;
    let anna = flow::open_and_accept(lab, "agent1", &id).await?;

    // The answer is lost, the copy follows over CometD: no Retry needed.
    lab.control
        .faults(json!({"loseAnswerOf": "SendMessage"}))
        .await?;
    e2e::action::write(&anna, "Let me look").await?;
    delivered_once(lab, &anna, &id, "Let me look").await?;

    // The answer is lost and the copy held back: Retry finds it in the log.
    lab.control
        .faults(json!({"loseAnswerOf": "SendMessage", "pauseNotifications": true}))
        .await?;
    e2e::action::write(&anna, "It left this morning").await?;
    retry_when_failed(&anna, "It left this morning").await?;
    delivered_once(lab, &anna, &id, "It left this morning").await?;
    lab.control
        .faults(json!({"pauseNotifications": false}))
        .await?;

    // The request is lost: Retry sends it.
    lab.control
        .faults(json!({"dropRequestOf": "SendMessage"}))
        .await?;
    e2e::action::write(&anna, "Tracking number 4711").await?;
    eventually("the lost request is shown as not sent", async || {
        let outgoing = find::outgoing(&anna).await?;
        expect(!outgoing.is_empty(), || "nothing unconfirmed".to_owned())
    })
    .await?;
    e2e::axe::check(&anna, "a message not sent, with Retry and Edit", ".gws-sms").await?;
    retry_when_failed(&anna, "Tracking number 4711").await?;
    delivered_once(lab, &anna, &id, "Tracking number 4711").await?;
    // The request is lost again, and the agent edits it instead: the text goes back into
    // the composer after what they have typed since, and leaves the log.
    lab.control
        .faults(json!({"dropRequestOf": "SendMessage"}))
        .await?;
    e2e::action::write(&anna, "Your code is 1234").await?;
    eventually("the lost code is shown as not sent", async || {
        let outgoing = find::outgoing(&anna).await?;
        expect(
            outgoing == [("failed".to_owned(), "Your code is 1234".to_owned())],
            || format!("not confirmed: {outgoing:?}"),
        )
    })
    .await?;
    e2e::action::type_draft(&anna, "Sorry, again:").await?;
    e2e::action::click(&anna, "Edit of the lost code", EDIT).await?;
    eventually(
        "the lost code is back in the composer, after the draft",
        async || {
            let draft = find::draft(&anna).await?;
            let outgoing = find::outgoing(&anna).await?;
            expect(
                draft == "Sorry, again:\nYour code is 1234" && outgoing.is_empty(),
                || format!("the composer holds {draft:?}, not confirmed {outgoing:?}"),
            )
        },
    )
    .await?;
    let box_id = find::labelled_control_id(&anna, "Message").await?;
    anna.element_by_id(&box_id)
        .await?
        .send_keys(&char::from(Key::Enter).to_string())
        .await?;
    delivered_once(lab, &anna, &id, "Sorry, again: Your code is 1234").await?;

    // The copies held back arrive late, and change nothing.
    delivered_once(lab, &anna, &id, "It left this morning").await
}
