//! The widget end to end: the Trunk-built page served by gws-sim, worked in headless
//! Chromium. Build the widget first (`cargo xtask size`), then `cargo test -p e2e`.
//!
//! One chromedriver serves the whole run; every scenario gets a simulator and browsers
//! of its own. `cargo test -p e2e -- NAME` runs the scenarios whose name contains NAME;
//! `--test-threads=N` (or `RUST_TEST_THREADS`) how many run at once (default 2).

use std::cell::Cell;
use std::future::Future;
use std::pin::Pin;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::{Duration, Instant};

use e2e::check::{self, eventually, expect, holds_for};
use e2e::find::Participant;
use e2e::flow::{self, CUSTOMER};
use e2e::harness::{dist_dir, Chromedriver, Lab, ACCEPT_DELAY};
use e2e::page::Page;
use e2e::{action, axe, fail, find, Result};
use fantoccini::Client;

mod hosts;
mod isolation;
mod languages;
mod layout;
mod reliability;
mod security;
mod sending;
mod shift;
mod stopped;

type Scenario = for<'a> fn(&'a mut Lab) -> Pin<Box<dyn Future<Output = Result<()>> + 'a>>;

const SCENARIOS: &[(&str, Scenario)] = &[
    ("consult_then_transfer", |lab| {
        Box::pin(consult_then_transfer(lab))
    }),
    ("consult_then_conference_then_leave", |lab| {
        Box::pin(consult_then_conference_then_leave(lab))
    }),
    ("consult_of_an_agent_not_ready_fails_in_words", |lab| {
        Box::pin(consult_of_an_agent_not_ready_fails_in_words(lab))
    }),
    ("customer_markup_renders_as_text", |lab| {
        Box::pin(customer_markup_renders_as_text(lab))
    }),
    ("two_live_agents_consult_accept_and_leave", |lab| {
        Box::pin(two_live_agents_consult_accept_and_leave(lab))
    }),
    (FAULT_RUN, |lab| Box::pin(reliability::fault_run(lab))),
    ("works_under_the_policy_and_keeps_no_credential", |lab| {
        Box::pin(security::works_under_the_policy_and_keeps_no_credential(
            lab,
        ))
    }),
    ("hostile_notifications_are_shown_not_fatal", |lab| {
        Box::pin(security::hostile_notifications_are_shown_not_fatal(lab))
    }),
    ("frozen_tab_comes_back", |lab| {
        Box::pin(reliability::frozen_tab_comes_back(lab))
    }),
    ("a_trap_is_shown_told_and_reloaded", |lab| {
        Box::pin(stopped::a_trap_is_shown_told_and_reloaded(lab))
    }),
    ("the_demo_panel_drives_the_simulator", |lab| {
        Box::pin(the_demo_panel_drives_the_simulator(lab))
    }),
    ("consult_then_transfer_in_the_field", |lab| {
        Box::pin(in_the_field(lab, |lab| {
            Box::pin(consult_then_transfer(lab))
        }))
    }),
    ("consult_then_conference_then_leave_in_the_field", |lab| {
        Box::pin(in_the_field(lab, |lab| {
            Box::pin(consult_then_conference_then_leave(lab))
        }))
    }),
    ("fault_run_in_the_field", |lab| {
        Box::pin(in_the_field(lab, |lab| {
            Box::pin(reliability::fault_run(lab))
        }))
    }),
    ("five_messages_within_a_second_in_the_field", |lab| {
        Box::pin(sending::five_messages_within_a_second_in_the_field(lab))
    }),
    ("lost_answers_never_send_a_message_twice", |lab| {
        Box::pin(sending::lost_answers_never_send_a_message_twice(lab))
    }),
    ("focus_tells_gws_once_per_entry", |lab| {
        Box::pin(shift::focus_tells_gws_once_per_entry(lab))
    }),
    ("a_waiting_customer_shows_and_is_told_to_the_host", |lab| {
        Box::pin(shift::a_waiting_customer_shows_and_is_told_to_the_host(lab))
    }),
    (
        "dispositions_come_from_gws_and_complete_waits_for_one",
        |lab| Box::pin(shift::dispositions_come_from_gws_and_complete_waits_for_one(lab)),
    ),
    ("keyboard_only_consult_then_transfer", |lab| {
        Box::pin(shift::keyboard_only_consult_then_transfer(lab))
    }),
    ("keyboard_only_consult_then_conference_then_leave", |lab| {
        Box::pin(shift::keyboard_only_consult_then_conference_then_leave(lab))
    }),
    (
        "the_actions_and_the_composer_stay_on_screen_in_a_panel",
        |lab| Box::pin(layout::the_actions_and_the_composer_stay_on_screen_in_a_panel(lab)),
    ),
    ("a_react_host_mounts_two_sessions_and_consults", |lab| {
        Box::pin(hosts::a_react_host_mounts_two_sessions_and_consults(lab))
    }),
    ("a_hostile_host_page_changes_nothing", |lab| {
        Box::pin(isolation::a_hostile_host_page_changes_nothing(lab))
    }),
    ("consult_then_transfer_in_german", |lab| {
        Box::pin(languages::consult_then_transfer_in_german(lab))
    }),
    ("the_language_follows_the_page_and_the_host_words", |lab| {
        Box::pin(languages::the_language_follows_the_page_and_the_host_words(
            lab,
        ))
    }),
];

/// `scenario` against a simulator that behaves only as GWS documents and is far away
/// ([`Lab::play_the_field`]).
async fn in_the_field(lab: &mut Lab, scenario: Scenario) -> Result<()> {
    lab.play_the_field().await?;
    scenario(lab).await
}

/// The fault run's name (also the start of its field variant's): it alone has a limit
/// of its own.
const FAULT_RUN: &str = "fault_run";
/// No scenario but the fault run may take longer than this.
const SCENARIO_LIMIT: Duration = Duration::from_secs(120);
/// The fault run waits out the widget's reconnection back-off after bursts of faults
/// (up to [`reliability::BACKED_OFF`] each time); a few unlucky bursts add up.
const FAULT_RUN_LIMIT: Duration = Duration::from_secs(600);

/// Accept, write to the customer, consult agent2, talk agents-only both ways, transfer
/// to agent2 (the picker covers the log): the session ends for agent1, and the customer
/// never saw the agents' talk.
async fn consult_then_transfer(lab: &mut Lab) -> Result<()> {
    let opening = "Hello, my parcel has not arrived";
    let id = lab
        .control
        .start_session("agent1", CUSTOMER, opening)
        .await?;
    let anna = flow::open_and_accept(lab, "agent1", &id).await?;
    check::log_has(&anna, opening, false).await?;

    let reply = "Let me check that for you";
    action::write(&anna, reply).await?;
    check::log_has(&anna, reply, false).await?;
    axe::check(&anna, "chatting", ".gws-sms").await?;
    lab.control.customer_texts(&id, "Order 4471").await?;
    check::log_has(&anna, "Order 4471", false).await?;

    flow::consult_simulated(lab, &anna, "agent2").await?;
    action::choose_mode(&anna, "agents").await?;
    let note = "Ben, can you take a parcel claim?";
    action::write(&anna, note).await?;
    check::log_has(&anna, note, true).await?;
    let answer = "Sure, transfer it to me";
    lab.control.agent_writes(&id, "agent2", answer).await?;
    check::log_has(&anna, answer, true).await?;
    axe::check(&anna, "consulting, agents-only messages", ".gws-sms").await?;

    action::open_picker(&anna, "Transfer").await?;
    check::picker_is_opaque(&anna).await?;
    axe::check(&anna, "the target picker", ".gws-sms").await?;
    action::choose_target(&anna, "agent2", "agent2").await?;
    check::session_completed(&anna).await?;
    axe::check(&anna, "a session completed", ".gws-sms").await?;

    check::customer_received(&lab.control, &id, reply).await?;
    check::customer_never_received(&lab.control, &id, &[note, answer]).await
}

/// Consult agent2, then conference them in: they become visible to the customer; agent1
/// leaves and their session completes.
async fn consult_then_conference_then_leave(lab: &mut Lab) -> Result<()> {
    let id = lab
        .control
        .start_session("agent1", CUSTOMER, "My bill is wrong")
        .await?;
    let anna = flow::open_and_accept(lab, "agent1", &id).await?;
    let reply = "I am looking at your bill";
    action::write(&anna, reply).await?;
    let ben = flow::consult_simulated(lab, &anna, "agent2").await?;

    action::choose_mode(&anna, "agents").await?;
    let note = "Billing question, can you join?";
    action::write(&anna, note).await?;
    check::log_has(&anna, note, true).await?;
    let private_answer = "Yes, add me to the chat";
    lab.control
        .agent_writes(&id, "agent2", private_answer)
        .await?;
    check::log_has(&anna, private_answer, true).await?;

    action::pick_target(&anna, "Invite", "agent2", "agent2").await?;
    check::roster_has(&anna, &ben, "Conferenced agent").await?;
    axe::check(&anna, "a conference", ".gws-sms").await?;
    let public = "Hello, I am Ben from billing";
    lab.control.agent_writes(&id, "agent2", public).await?;
    check::log_has(&anna, public, false).await?;
    check::customer_received(&lab.control, &id, public).await?;

    action::press(&anna, "Leave").await?;
    check::session_completed(&anna).await?;

    check::customer_received(&lab.control, &id, reply).await?;
    check::customer_never_received(&lab.control, &id, &[note, private_answer]).await
}

/// Consulting agent4, who is not ready (as the picker says), fails: the Consult error
/// says why in words, and nobody joins.
async fn consult_of_an_agent_not_ready_fails_in_words(lab: &mut Lab) -> Result<()> {
    let id = lab.control.start_session("agent1", CUSTOMER, "Hi").await?;
    let anna = flow::open_and_accept(lab, "agent1", &id).await?;
    let before = find::roster(&anna).await?;
    let dan = lab.control.nickname("agent4").await?;

    action::open_picker(&anna, "Consult").await?;
    eventually(
        "the picker shows agent4 as not ready, in words",
        async || {
            let results = find::picker_results(&anna).await?.unwrap_or_default();
            expect(
                results
                    .iter()
                    .any(|(name, text)| name == "agent4" && not_ready(text)),
                || format!("results {results:?}"),
            )
        },
    )
    .await?;
    let results = find::picker_results(&anna).await?.unwrap_or_default();
    if results.iter().any(|(name, _)| name == "agent1") {
        return fail(format!(
            "the picker offers agent1 a consultation with themself: {results:?}"
        ));
    }
    action::choose_target(&anna, "agent4", "agent4").await?;
    let error = eventually(
        "an error at [data-error-for=Consult]",
        async || match find::action(&anna, "Consult").await?.error {
            Some(error) => Ok(error),
            None => fail("no error shown"),
        },
    )
    .await?;
    let words = error
        .strip_prefix("Consult failed:")
        .map(str::trim)
        .unwrap_or("");
    let plain = words.chars().filter(|c| c.is_alphabetic()).count() >= 8
        && ![
            "{",
            "}",
            "statusCode",
            "referenceId",
            "undefined",
            "null",
            "Unknown(",
        ]
        .iter()
        .any(|code| words.contains(code));
    expect(plain, || {
        format!("the Consult error is not in plain words: {error:?}")
    })?;
    axe::check(&anna, "a failed operation", ".gws-sms").await?;

    // Longer than a simulated agent takes to accept: nobody joins meanwhile.
    holds_for("the roster is unchanged", ACCEPT_DELAY * 4, async || {
        let now = find::roster(&anna).await?;
        expect(now == before && now.iter().all(|p| p.name != dan), || {
            format!("roster was {before:?}, now {now:?}")
        })
    })
    .await?;

    // The connection lost: the banner says so, and passes axe too.
    lab.control
        .faults(serde_json::json!({"failRequests": 20, "dropConnections": true}))
        .await?;
    eventually("the connection banner", async || {
        let banner = find::connection(&anna).await?;
        expect(banner.is_some(), || "no banner".to_owned())
    })
    .await?;
    axe::check(&anna, "the connection banner", ".gws-sms").await
}

/// The demo page's panel (plain JavaScript around `<gws-sms-session>`): starting a
/// customer session opens it in the widget and puts it in the address; the customer's
/// next text reaches the log; a page without a session opens the newest and names it in
/// its address; a refusal of the simulator is shown in words.
async fn the_demo_panel_drives_the_simulator(lab: &mut Lab) -> Result<()> {
    let anna = lab.browser().await?;
    anna.goto(&lab.page("agent1", None)).await?;
    let opening = "Started from the demo panel";
    type_into(&anna, "#demo-customer-text", opening).await?;
    action::click(&anna, "the panel's Start button", "#demo-start").await?;
    let id = eventually("the address names the started session", async || {
        let url = anna.current_url().await?;
        let id = url
            .query_pairs()
            .find(|(key, _)| key == "session")
            .map(|(_, id)| id.into_owned());
        id.ok_or_else(|| format!("address {url}").into())
    })
    .await?;
    action::press(&anna, "Accept").await?;
    check::log_has(&anna, opening, false).await?;
    // The module travels as the release build's gzip copy, not as it is.
    let module = anna
        .run(
            r#"const e = performance.getEntriesByType('resource').find(e => e.name.endsWith('.wasm'));
            return e ? [e.encodedBodySize, e.decodedBodySize] : null;"#,
            vec![],
        )
        .await?;
    let sizes: Vec<u64> = module
        .as_array()
        .map(|both| both.iter().filter_map(serde_json::Value::as_u64).collect())
        .unwrap_or_default();
    expect(
        matches!(sizes[..], [sent, module] if sent > 0 && sent * 2 < module),
        || format!("the module's [sent, decoded] sizes: {module}"),
    )?;
    let log = lab.control.server_log("agent1", &id).await?;
    expect(log.iter().any(|m| m.body() == Some(opening)), || {
        format!("session {id} does not hold the opening text: {log:?}")
    })?;

    let next = "And a second text";
    type_into(&anna, "#demo-customer-text", next).await?;
    action::click(&anna, "The customer texts", "#demo-customer-texts").await?;
    check::log_has(&anna, next, false).await?;

    // A page without a session opens the agent's newest and puts it in the address.
    let again = lab.browser().await?;
    again.goto(&lab.page("agent1", None)).await?;
    check::log_has(&again, next, false).await?;
    eventually("the second page's address names the session", async || {
        let url = again.current_url().await?;
        let named = url
            .query_pairs()
            .any(|(key, value)| key == "session" && value == id);
        expect(named, || format!("address {url}"))
    })
    .await?;

    // Nobody called agent9 exists: the simulator refuses, and the panel says so.
    type_into(&anna, "#demo-reply-agent", "agent9").await?;
    action::click(&anna, "That agent writes", "#demo-agent-writes").await?;
    eventually("the panel shows the refusal", async || {
        let status = anna.element("#demo-status").await?.text().await?;
        expect(
            status.starts_with("Failed: the simulator answered HTTP"),
            || format!("status {status:?}"),
        )
    })
    .await
}

/// Replaces the value of the input at `css` with `text`.
async fn type_into(client: &Client, css: &str, text: &str) -> Result<()> {
    let input = client.element(css).await?;
    input.clear().await?;
    input.send_keys(text).await?;
    Ok(())
}

/// Whether a picker entry says "Not ready" (however the server spells the state).
fn not_ready(text: &str) -> bool {
    let squeezed: String = text.split_whitespace().collect::<String>().to_lowercase();
    squeezed.ends_with("notready")
}

/// Markup from the customer is shown as text, whether it came with the offer (the
/// history read on Accept) or later (a notification).
async fn customer_markup_renders_as_text(lab: &mut Lab) -> Result<()> {
    let first = "<img src=x onerror=alert(1)><script>window.pwned=1</script>";
    let later =
        "<b onmouseover=alert(2)>bold</b><script>window.pwned=2</script><svg onload=alert(3)>";
    let id = lab.control.start_session("agent1", CUSTOMER, first).await?;
    let anna = flow::open_and_accept(lab, "agent1", &id).await?;
    lab.control.customer_texts(&id, later).await?;
    for markup in [first, later] {
        let entry = check::log_has(&anna, markup, false).await?;
        expect(entry.whole.contains(markup), || {
            format!(
                "the entry does not show the markup literally: {:?}",
                entry.whole
            )
        })?;
    }
    let elements = find::log_markup_elements(&anna).await?;
    expect(elements.is_empty(), || {
        format!("the log holds elements from a message: {elements:?}")
    })?;
    let pwned = find::global(&anna, "pwned").await?;
    expect(pwned.is_none(), || {
        format!("a message's script ran: window.pwned = {pwned:?}")
    })?;
    match anna.get_alert_text().await {
        Ok(text) => fail(format!("a message's markup opened an alert: {text:?}")),
        Err(_) => Ok(()),
    }
}

/// Two real browsers: agent2's page is open (a live client, so the simulator leaves the
/// offer to it); agent1 consults agent2; agent2 accepts in their widget, is seen by
/// agent1 as consulting, leaves, and is gone from agent1's roster. agent2's page keeps
/// its notification subscription throughout, also when it switches to the offered session.
async fn two_live_agents_consult_accept_and_leave(lab: &mut Lab) -> Result<()> {
    let ben = lab.browser().await?;
    ben.goto(&lab.page("agent2", None)).await?;
    eventually("agent2's page has a live notification client", async || {
        expect(lab.has_live_client("agent2"), || {
            "no CometD subscription for agent2".to_owned()
        })
    })
    .await?;
    let id = lab
        .control
        .start_session("agent1", CUSTOMER, "Can someone help?")
        .await?;
    let anna = flow::open_and_accept(lab, "agent1", &id).await?;

    let accepted = Cell::new(false);
    let offer = async {
        let outcome = consult_answered_by_a_live_agent(&anna, &ben).await;
        accepted.set(true);
        outcome
    };
    let subscribed = async {
        while !accepted.get() {
            if !lab.has_live_client("agent2") {
                return fail(
                    "agent2's page dropped its notification subscription while the offer was open",
                );
            }
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
        Ok(())
    };
    let (consultant, subscribed) = tokio::join!(offer, subscribed);
    let consultant = consultant?;
    subscribed?;

    eventually("agent2's widget offers Leave", async || {
        let leave = find::action(&ben, "Leave").await?;
        expect(!leave.disabled, || format!("Leave: {leave:?}"))
    })
    .await?;
    action::press(&ben, "Leave").await?;
    check::roster_lacks(&anna, &consultant.id).await?;
    check::session_completed(&ben).await
}

/// agent1 consults agent2, whose own page shows the offer and accepts it. The consultant
/// as agent1's roster shows them.
async fn consult_answered_by_a_live_agent(anna: &Client, ben: &Client) -> Result<Participant> {
    action::pick_target(anna, "Consult", "agent2", "agent2").await?;
    eventually(
        "agent2's widget offers the session with Accept enabled",
        async || {
            let accept = find::action(ben, "Accept").await?;
            expect(!accept.disabled, || format!("Accept: {accept:?}"))
        },
    )
    .await?;
    holds_for("nobody accepts for agent2", ACCEPT_DELAY * 3, async || {
        let rows = find::roster(anna).await?;
        expect(rows.iter().all(|p| p.role != "Consulting agent"), || {
            format!("roster {rows:?}")
        })
    })
    .await?;

    action::press(ben, "Accept").await?;
    let consultant = eventually("agent1's roster shows a consulting agent", async || {
        let rows = find::roster(anna).await?;
        match rows.iter().find(|p| p.role == "Consulting agent") {
            Some(row) => Ok(row.clone()),
            None => fail(format!("roster {rows:?}")),
        }
    })
    .await?;
    eventually("agent2's widget shows them as You", async || {
        let rows = find::roster(ben).await?;
        expect(
            rows.iter()
                .any(|p| p.role == "You" && p.id == consultant.id),
            || format!("roster {rows:?}"),
        )
    })
    .await?;
    Ok(consultant)
}

struct Options {
    filters: Vec<String>,
    exact: bool,
    list: bool,
    jobs: usize,
}

/// The libtest arguments that make sense here; others are ignored.
fn options() -> Options {
    let default_jobs = std::env::var("RUST_TEST_THREADS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(2);
    let mut options = Options {
        filters: Vec::new(),
        exact: false,
        list: false,
        jobs: default_jobs,
    };
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--list" => options.list = true,
            "--exact" => options.exact = true,
            "--test-threads" => {
                options.jobs = args
                    .next()
                    .and_then(|n| n.parse().ok())
                    .unwrap_or(default_jobs)
            }
            _ if arg.starts_with("--test-threads=") => {
                options.jobs = arg["--test-threads=".len()..]
                    .parse()
                    .unwrap_or(default_jobs)
            }
            _ if arg.starts_with('-') => {}
            _ => options.filters.push(arg),
        }
    }
    options.jobs = options.jobs.max(1);
    options
}

fn main() -> ExitCode {
    let options = options();
    let chosen: Vec<(&'static str, Scenario)> = SCENARIOS
        .iter()
        .filter(|(name, _)| {
            options.filters.is_empty()
                || options.filters.iter().any(|f| {
                    if options.exact {
                        name == f
                    } else {
                        name.contains(f.as_str())
                    }
                })
        })
        .copied()
        .collect();
    if options.list {
        for (name, _) in &chosen {
            println!("{name}: test");
        }
        return ExitCode::SUCCESS;
    }
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("a tokio runtime");
    if runtime.block_on(run(chosen, options.jobs)) {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

async fn run(chosen: Vec<(&'static str, Scenario)>, jobs: usize) -> bool {
    let started = Instant::now();
    println!(
        "\nrunning {} end-to-end scenarios, {jobs} at a time",
        chosen.len()
    );
    let dist = match dist_dir() {
        Ok(dist) => dist,
        Err(why) => {
            eprintln!("error: {why}");
            return false;
        }
    };
    let driver = match Chromedriver::start().await {
        Ok(driver) => Arc::new(driver),
        Err(why) => {
            eprintln!("error: {why}");
            return false;
        }
    };
    let local = tokio::task::LocalSet::new();
    let failures = local
        .run_until(async {
            let slots = Arc::new(tokio::sync::Semaphore::new(jobs));
            let tasks: Vec<_> = chosen
                .into_iter()
                .map(|(name, scenario)| {
                    let (slots, driver, dist) = (slots.clone(), driver.clone(), dist.clone());
                    let task = tokio::task::spawn_local(async move {
                        let _slot = slots.acquire_owned().await;
                        let began = Instant::now();
                        let limit = if name.starts_with(FAULT_RUN) {
                            FAULT_RUN_LIMIT
                        } else {
                            SCENARIO_LIMIT
                        };
                        let outcome = match Lab::start(driver, &dist).await {
                            Ok(mut lab) => {
                                let outcome = tokio::time::timeout(limit, scenario(&mut lab)).await;
                                lab.finish().await;
                                outcome.unwrap_or_else(|_| {
                                    fail(format!("did not finish within {} s", limit.as_secs()))
                                })
                            }
                            Err(why) => Err(why),
                        };
                        (outcome, began.elapsed())
                    });
                    (name, task)
                })
                .collect();
            let mut failures = Vec::new();
            for (name, task) in tasks {
                let (outcome, took) = match task.await {
                    Ok(done) => done,
                    Err(panic) => (fail(format!("panicked: {panic}")), Duration::ZERO),
                };
                match outcome {
                    Ok(()) => println!("test {name} ... ok ({:.1} s)", took.as_secs_f64()),
                    Err(why) => {
                        println!("test {name} ... FAILED ({:.1} s)", took.as_secs_f64());
                        failures.push((name, why));
                    }
                }
            }
            failures
        })
        .await;
    drop(driver);
    for (name, why) in &failures {
        println!("\n---- {name} ----\n{why}");
    }
    let verdict = if failures.is_empty() { "ok" } else { "FAILED" };
    println!(
        "\ntest result: {verdict}. {} failed; finished in {:.1} s\n",
        failures.len(),
        started.elapsed().as_secs_f64()
    );
    failures.is_empty()
}
