//! Reliability scenarios: a long session under random network faults, and a tab that
//! comes back after the browser froze it.

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use e2e::check::{eventually, eventually_within, expect, holds_for};
use e2e::flow::{self, CUSTOMER};
use e2e::harness::Lab;
use e2e::page::Page;
use e2e::{action, cdp, fail, find, Result};
use fantoccini::Client;
use gws_types::{Message, MessageType};
use rand::rngs::Xoshiro256PlusPlus;
use rand::{RngExt, SeedableRng};
use serde_json::json;

/// How many messages the fault run exchanges (customer texts plus the agent's sends).
const MESSAGES: usize = 1_000;
/// How many of them the agent sends through the composer.
const AGENT_SENDS: usize = 12;
/// How long the widget may take to recover once the faults have stopped: the CometD
/// client's back-off doubles from 1 s with each failure in a row, up to 30 s.
const RECOVERY: Duration = Duration::from_secs(40);
/// How long it may take while the run waits on it between bursts (for the last send
/// to show, before the next). Its back-off waits up to 30 s between tries
/// (`Backoff::default`). While the run waits, the requests the last `failRequests`
/// still owes (up to 3) are spent by those tries alone, as nothing else asks; each one
/// failed costs another wait, and so can the 402 of a server that forgot the client
/// during it. Seven such waits.
pub const BACKED_OFF: Duration = Duration::from_secs(7 * 30 + 10);

/// gws-sim's default disposition codes (`GET /api/v2/settings/dispositions`).
const DISPOSITIONS: [&str; 4] = [
    "EscalationCreated",
    "IssueResolved",
    "UpdateProvided",
    "InfoRequested",
];

/// `E2E_FAULT_SEED`, or one from the clock.
fn seed() -> Result<u64> {
    match std::env::var("E2E_FAULT_SEED") {
        Ok(text) => Ok(text
            .trim()
            .parse()
            .map_err(|e| format!("E2E_FAULT_SEED={text:?} is not a number: {e}"))?),
        Err(_) => Ok(std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos() as u64)
            .unwrap_or(1)),
    }
}

/// What the widget renders of a log entry (typing entries are not lines of the log).
fn shown(message: &Message) -> bool {
    !matches!(
        message.kind,
        MessageType::TypingStarted | MessageType::TypingStopped
    )
}

/// The widget's whole log (scrolled up to its first entry) equals the server's, entry
/// by entry: same indexes in the same order, each once, none missing, same texts.
async fn log_matches_server(lab: &Lab, client: &Client, session: &str) -> Result<usize> {
    let server: Vec<Message> = lab
        .control
        .server_log("agent1", session)
        .await?
        .into_iter()
        .filter(shown)
        .collect();
    let last = server.last().map(|m| m.index).unwrap_or(0);
    eventually_within(
        format!("the widget holds the server's last entry #{last}, and no hole is being read"),
        RECOVERY,
        async || {
            let entries = find::log(client).await?;
            let newest = entries.last().map(|e| e.index);
            let busy = find::log_busy(client).await?;
            expect(newest == Some(last) && !busy, || {
                format!("its newest is {newest:?}, the log is busy: {busy}")
            })
        },
    )
    .await?;
    watch_the_log(client).await?;
    let widget = action::read_whole_log(client).await?;
    let indexes: Vec<u64> = widget.iter().map(|e| e.index).collect();
    if let Some(pair) = indexes.windows(2).find(|pair| pair[0] >= pair[1]) {
        return fail(format!(
            "the widget's log is out of order or repeats an entry: #{} then #{}",
            pair[0], pair[1]
        ));
    }
    let expected: Vec<u64> = server.iter().map(|m| m.index).collect();
    if indexes != expected {
        let missing: Vec<_> = expected.iter().filter(|i| !indexes.contains(i)).collect();
        let extra: Vec<_> = indexes.iter().filter(|i| !expected.contains(i)).collect();
        // Whether the entries come back tells a render that lagged from a state that lost
        // them; either way the run fails.
        tokio::time::sleep(Duration::from_secs(5)).await;
        let again: Vec<u64> = action::read_whole_log(client)
            .await?
            .iter()
            .map(|e| e.index)
            .collect();
        return fail(format!(
            "the widget's log ({} entries) differs from the server's ({}): missing {missing:?}, \
             not on the server {extra:?}; 5 s later it holds {} entries ({}), connection {:?}, \
             the page shows {:?}; {}",
            indexes.len(),
            expected.len(),
            again.len(),
            if again == expected {
                "now the server's"
            } else {
                "still not the server's"
            },
            find::connection(client).await?,
            find::outcomes(client).await?,
            what_the_watch_saw(client).await?
        ));
    }
    for (entry, message) in widget.iter().zip(&server) {
        if let Some(text) = &message.text {
            if &entry.text != text {
                return fail(format!(
                    "entry #{} reads {:?} in the widget, {text:?} on the server",
                    entry.index, entry.text
                ));
            }
        }
    }
    Ok(widget.len())
}

/// Records the page's uncaught errors from now on: a widget that stopped (a panic)
/// leaves its last DOM in place.
async fn collect_page_errors(client: &Client) -> Result<()> {
    client
        .run(
            r#"const errors = [];
            addEventListener('error', (e) => errors.push(String(e.message)));
            addEventListener('unhandledrejection', (e) => errors.push(String(e.reason)));
            window.pageErrors = errors;"#,
            vec![],
        )
        .await?;
    Ok(())
}

/// Records every log entry removed from the log from now on.
async fn watch_the_log(client: &Client) -> Result<()> {
    client
        .run(
            r#"const log = document.querySelector('[role="log"]');
            const indexes = () => Array.from(log.querySelectorAll('li[data-index]'), (li) => Number(li.dataset.index));
            const watch = { removed: [], log, before: indexes() };
            new MutationObserver((records) => {
                for (const record of records) for (const node of record.removedNodes) {
                    if (node.nodeType !== 1) continue;
                    const entries = node.matches('li[data-index]') ? [node] : node.querySelectorAll('li[data-index]');
                    for (const li of entries) watch.removed.push(Number(li.dataset.index));
                }
            }).observe(log, { childList: true, subtree: true });
            window.logWatch = watch;"#,
            vec![],
        )
        .await?;
    Ok(())
}

/// What [`watch_the_log`] saw, in words.
async fn what_the_watch_saw(client: &Client) -> Result<String> {
    let seen = client
        .run(
            r#"const watch = window.logWatch;
            const logs = document.querySelectorAll('[role="log"]');
            const held = new Set(Array.from(document.querySelectorAll('li[data-index]'), (li) => Number(li.dataset.index)));
            const before = watch.before;
            return `before scrolling up the log showed ${before.length} entries, #${before[0]} to #${before[before.length - 1]}; `
                + `entries removed while scrolling up and not back: ${JSON.stringify(watch.removed.filter((i) => !held.has(i)))}; `
                + `${logs.length} log(s) in the page, the one watched ${watch.log.isConnected ? 'still in it' : 'gone'}, `
                + `${held.size} entries in the page; uncaught errors ${JSON.stringify(window.pageErrors)}`;"#,
            vec![],
        )
        .await?;
    Ok(seen
        .as_str()
        .unwrap_or("the watch answered nothing")
        .to_owned())
}

/// Why Send stays disabled, in words: its reason, where the agent's last send is (on
/// the server, in the widget's log), the connection as the page and the simulator see
/// it, and the page's uncaught errors.
async fn why_send_stays_disabled(
    lab: &Lab,
    client: &Client,
    session: &str,
    last_send: Option<&str>,
) -> Result<String> {
    let server = lab.control.server_log("agent1", session).await?;
    let widget = find::log(client).await?;
    let on_server = last_send.map(|text| {
        server
            .iter()
            .filter(|m| m.text.as_deref() == Some(text))
            .map(|m| m.index)
            .collect::<Vec<_>>()
    });
    let in_widget = last_send.map(|text| {
        widget
            .iter()
            .filter(|e| e.text == text)
            .map(|e| e.index)
            .collect::<Vec<_>>()
    });
    // The banner names the reconnection's next try; the page's clock says how far off.
    let page = client
        .run(
            r#"const banner = document.querySelector('[data-connection]');
            return `connection banner ${JSON.stringify(banner ? banner.textContent : null)} at ${new Date().toLocaleTimeString()}, `
                + `uncaught errors ${JSON.stringify(window.pageErrors || null)}`;"#,
            vec![],
        )
        .await?;
    Ok(format!(
        "Send says {:?}; the last send {last_send:?} is at {on_server:?} on the server, at \
         {in_widget:?} in the widget's rendered log; newest entry {} on the server, {} in \
         the widget; the page shows {:?}; the simulator's CometD {:?}; {}",
        find::send_reason(client).await?,
        numbered(server.last().map(|m| m.index)),
        numbered(widget.last().map(|e| e.index)),
        find::outcomes(client).await?,
        lab.control.cometd("agent1").await?,
        page.as_str().unwrap_or("the page answered nothing"),
    ))
}

/// `#index`, or "none".
fn numbered(index: Option<u64>) -> String {
    index.map_or_else(|| "none".to_owned(), |index| format!("#{index}"))
}

/// An operation the run asks for through the wrap-up panel, and how to see it done.
struct Attempt {
    operation: &'static str,
    key: String,
    value: String,
}

/// The operation is no longer in progress, and either its effect shows in the
/// attached data table or its failure is shown.
async fn settled(client: &Client, attempt: &Attempt) -> Result<&'static str> {
    eventually_within(
        format!(
            "{} {}={} is done or shown as failed",
            attempt.operation, attempt.key, attempt.value
        ),
        BACKED_OFF,
        async || {
            let seen = find::outcomes(client).await?;
            let busy = seen.in_progress.iter().any(|o| o == attempt.operation);
            let done = seen
                .user_data
                .iter()
                .any(|(k, v)| *k == attempt.key && *v == attempt.value);
            let failed = seen.errors.iter().any(|(op, _)| op == attempt.operation);
            match (busy, done, failed) {
                (false, true, _) => Ok("done"),
                (false, false, true) => Ok("failed"),
                _ => fail(format!("{seen:?}")),
            }
        },
    )
    .await
}

/// Where the agent is in the log during the fault run.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Reading {
    NotYet,
    Above,
    Back,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Fault {
    Drop,
    Expire,
    Fail500,
    Delay,
}

/// 1,000 messages (customer texts, a dozen sends from the widget) while the simulator
/// drops long-polls, forgets clients, answers 500 and slows down at random from a
/// printed seed; wrap-up operations in between, a draft typed halfway. At the end the
/// widget's log is the server's, the draft is intact, and every operation is done or
/// shown as failed.
pub async fn fault_run(lab: &mut Lab) -> Result<()> {
    let seed = seed()?;
    // A seed replays the run of rand's Xoshiro256++, the same on every platform.
    println!("fault_run: seed {seed} (replay with E2E_FAULT_SEED={seed})");
    let started = Instant::now();
    let mut rng = Xoshiro256PlusPlus::seed_from_u64(seed);
    let id = lab
        .control
        .start_session("agent1", CUSTOMER, "Opening text")
        .await?;
    let anna = flow::open_and_accept(lab, "agent1", &id).await?;
    collect_page_errors(&anna).await?;
    // A slower CPU makes Yew's renders yield to the browser more often.
    if let Ok(rate) = std::env::var("E2E_CPU_THROTTLE") {
        let rate: f64 = rate
            .parse()
            .map_err(|e| format!("E2E_CPU_THROTTLE={rate:?} is not a number: {e}"))?;
        cdp::execute(
            &anna,
            "Emulation.setCPUThrottlingRate",
            json!({ "rate": rate }),
        )
        .await?;
    }
    action::open_wrap_up(&anna).await?;

    let mut faults: BTreeMap<Fault, usize> = BTreeMap::new();
    let mut failed_requests = 0;
    let (mut customer, mut agent) = (0_usize, Vec::<String>::new());
    let mut attempts: Vec<(Attempt, &'static str)> = Vec::new();
    // A third of the way in, the agent starts reading above. Two thirds in, in half the
    // runs (by seed), they jump back to the newest message with "new messages below";
    // in the others they read above to the end, and the whole log is read from there.
    let jumps_back = seed % 2 == 0;
    let mut reading = Reading::NotYet;
    let draft = "Draft kept through the faults: order 4471 refund";
    let mut draft_typed = false;
    // The longest the run waited on the widget between bursts (a send to show, an
    // operation to settle): how long its recovery took at worst.
    let mut longest_wait = Duration::ZERO;
    let mut step = 0;
    while customer + agent.len() < MESSAGES {
        step += 1;
        let fault = match rng.random_range(0..=3) {
            0 => Fault::Drop,
            1 => Fault::Expire,
            2 => Fault::Fail500,
            _ => Fault::Delay,
        };
        let body = match fault {
            Fault::Drop => json!({"dropConnections": true}),
            Fault::Expire => json!({"expireClients": true}),
            Fault::Fail500 => {
                let n = rng.random_range(1..=3);
                failed_requests += n;
                json!({"failRequests": n})
            }
            Fault::Delay => json!({"delayMs": rng.random_range(50..=600)}),
        };
        lab.control.faults(body).await?;
        *faults.entry(fault).or_default() += 1;
        if fault != Fault::Delay && rng.random_range(0..=1) == 0 {
            lab.control.faults(json!({"delayMs": 0})).await?;
        }

        let burst = rng.random_range(10..=40) as usize;
        for _ in 0..burst.min(MESSAGES - customer - agent.len()) {
            customer += 1;
            lab.control
                .customer_texts(&id, &format!("Customer text {customer}"))
                .await?;
        }
        if agent.len() < AGENT_SENDS && step % 2 == 0 {
            let text = format!("Agent reply {}", agent.len() + 1);
            // The composer waits for the last send to show in the log, which after a
            // burst of faults waits for the reconnection's back-off.
            let waiting = Instant::now();
            let enabled = eventually_within("Send becomes enabled", BACKED_OFF, async || {
                expect(find::send_enabled(&anna).await?, || {
                    "Send is aria-disabled".to_owned()
                })
            })
            .await;
            if let Err(why) = enabled {
                let last = agent.last().map(String::as_str);
                return fail(format!(
                    "{why}; {}",
                    why_send_stays_disabled(lab, &anna, &id, last).await?
                ));
            }
            longest_wait = longest_wait.max(waiting.elapsed());
            if let Err(why) = action::write(&anna, &text).await {
                return fail(format!(
                    "{why}; the page shows {:?}, connection {:?}",
                    find::outcomes(&anna).await?,
                    find::connection(&anna).await?
                ));
            }
            agent.push(text);
        } else if agent.len() == AGENT_SENDS && !draft_typed {
            action::type_draft(&anna, draft).await?;
            draft_typed = true;
        }
        let sent = customer + agent.len();
        reading = match reading {
            Reading::NotYet | Reading::Above
                if sent >= MESSAGES / 3 && (sent < 2 * MESSAGES / 3 || !jumps_back) =>
            {
                // Again if a scroll to the bottom that was already on its way undid it.
                action::read_above(&anna, 300).await?;
                Reading::Above
            }
            Reading::Above => {
                let unread = eventually_within(
                    "reading above: \"new messages below\" shows",
                    BACKED_OFF,
                    async || {
                        find::unread_below(&anna)
                            .await?
                            .ok_or_else(|| "no such button".into())
                    },
                )
                .await?;
                action::click(&anna, &format!("{unread:?}"), ".gws-sms-log__unread").await?;
                Reading::Back
            }
            other => other,
        };
        if step % 7 == 3 {
            let n = attempts.len() + 1;
            let attempt = if n % 2 == 1 {
                Attempt {
                    operation: "SetDisposition",
                    key: "DispositionCode".into(),
                    // One of the codes gws-sim offers, listed or typed (the list may
                    // not have been read under the faults).
                    value: DISPOSITIONS[(n / 2) % DISPOSITIONS.len()].into(),
                }
            } else {
                Attempt {
                    operation: "AttachUserData",
                    key: format!("Note{n}"),
                    value: format!("value {n}"),
                }
            };
            let fields: Vec<(&str, &str)> = if attempt.operation == "SetDisposition" {
                vec![("Disposition", &attempt.value)]
            } else {
                vec![("Key", &attempt.key), ("Value", &attempt.value)]
            };
            action::wrap_up(&anna, &fields, attempt.operation).await?;
            let waiting = Instant::now();
            let outcome = settled(&anna, &attempt).await?;
            longest_wait = longest_wait.max(waiting.elapsed());
            attempts.push((attempt, outcome));
        }
        tokio::time::sleep(Duration::from_millis(rng.random_range(50..=400))).await;
    }
    lab.control
        .faults(json!({"delayMs": 0, "failRequests": 0}))
        .await?;
    let faulted = started.elapsed();

    // Since the agent jumped back to the newest message, the log followed the stream.
    let unread = find::unread_below(&anna).await?;
    let expected = if jumps_back {
        Reading::Back
    } else {
        Reading::Above
    };
    if reading != expected || (jumps_back && unread.is_some()) {
        return fail(format!(
            "the agent should be {expected:?} and is {reading:?}; the log shows {unread:?}"
        ));
    }
    let entries = log_matches_server(lab, &anna, &id).await?;
    let kept = find::draft(&anna).await?;
    if !draft_typed || kept != draft {
        return fail(format!(
            "the draft {draft:?} did not survive the faults: the box holds {kept:?}"
        ));
    }
    let server_texts: Vec<String> = lab
        .control
        .server_log("agent1", &id)
        .await?
        .into_iter()
        .filter_map(|m| m.text)
        .collect();
    let seen = find::outcomes(&anna).await?;
    for text in &agent {
        let sent = server_texts.iter().filter(|t| *t == text).count();
        let shown_failed = seen.not_sent.iter().any(|t| t == text);
        if !(sent == 1 || (sent == 0 && shown_failed)) {
            return fail(format!(
                "the agent's {text:?} is {sent} time(s) in the server's log and {} as not sent",
                if shown_failed { "shown" } else { "not shown" }
            ));
        }
    }
    if !seen.in_progress.is_empty() {
        return fail(format!(
            "operations left in progress at the end: {:?}",
            seen.in_progress
        ));
    }
    let outcomes: Vec<String> = attempts
        .iter()
        .map(|(a, outcome)| format!("{} {}", a.operation, outcome))
        .collect();
    println!(
        "fault_run: seed {seed}; {} messages ({customer} customer texts, {} agent sends, {} shown as not sent), \
         {entries} log entries equal to the server's; faults {faults:?} ({failed_requests} requests answered 500); \
         operations {outcomes:?}; the agent read above from message {} {}; longest wait on the widget {:.1} s; \
         faults over {:.1} s, {:.1} s in all",
        customer + agent.len(),
        agent.len(),
        seen.not_sent.len(),
        MESSAGES / 3,
        if jumps_back {
            format!("and jumped back at message {}", 2 * MESSAGES / 3)
        } else {
            "to the end".to_owned()
        },
        longest_wait.as_secs_f64(),
        faulted.as_secs_f64(),
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

/// How long the simulator holds a connect, and forgets a client after its last
/// connect reply, in the frozen-tab scenario: the defaults (30 s, 10 s) scaled down so
/// the tab is "away" long enough to be forgotten in seconds, not minutes.
const SHORT_POLL: Duration = Duration::from_millis(1_500);
const SHORT_EXPIRY: Duration = Duration::from_millis(2_000);

/// A tab the browser froze (as it throttles a tab hidden for minutes) is forgotten by
/// the server; when it comes back it handshakes again, subscribes exactly once more,
/// and shows each message sent meanwhile once.
pub async fn frozen_tab_comes_back(lab: &mut Lab) -> Result<()> {
    lab.reconfigure(|config| {
        config.timing.timeout = SHORT_POLL;
        config.timing.max_interval = SHORT_EXPIRY;
    })
    .await?;
    let id = lab
        .control
        .start_session("agent1", CUSTOMER, "Before the tab was hidden")
        .await?;
    let anna = flow::open_and_accept(lab, "agent1", &id).await?;
    let before = lab.control.cometd("agent1").await?;
    if before.clients != 1 {
        return fail(format!(
            "one live client expected before freezing: {before:?}"
        ));
    }

    cdp::set_frozen(&anna, true).await?;
    let frozen = eventually(
        "the simulator forgets the frozen tab's client",
        async || {
            let stats = lab.control.cometd("agent1").await?;
            expect(stats.clients == 0, || format!("{stats:?}"))
        },
    )
    .await;
    let missed: Vec<String> = (1..=5).map(|n| format!("Sent while frozen {n}")).collect();
    if frozen.is_ok() {
        for text in &missed {
            lab.control.customer_texts(&id, text).await?;
        }
    }
    cdp::set_frozen(&anna, false).await?;
    frozen?;

    for text in &missed {
        eventually(format!("the log shows {text:?} once"), async || {
            let entries = find::log(&anna).await?;
            let count = entries.iter().filter(|e| e.text == *text).count();
            expect(count == 1, || format!("{count} time(s)"))
        })
        .await?;
    }
    let expected = (before.handshakes + 1, before.subscribes + 1);
    eventually("one more handshake and one more subscribe", async || {
        let now = lab.control.cometd("agent1").await?;
        expect(
            (now.handshakes, now.subscribes, now.clients) == (expected.0, expected.1, 1),
            || format!("before {before:?}, now {now:?}"),
        )
    })
    .await?;
    holds_for(
        "no further handshake or subscribe over several polls",
        SHORT_POLL * 3,
        async || {
            let now = lab.control.cometd("agent1").await?;
            expect((now.handshakes, now.subscribes) == expected, || {
                format!("before {before:?}, now {now:?}")
            })
        },
    )
    .await?;
    log_matches_server(lab, &anna, &id).await.map(drop)
}
