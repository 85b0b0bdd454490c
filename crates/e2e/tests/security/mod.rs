//! Security and hostile input end to end: the demo page under gws-sim's strict
//! Content-Security-Policy, no credential left where script or the URL can read it, and
//! notifications no GWS should send, published raw by the simulator.

use std::time::Duration;

use e2e::check::{self, eventually, expect};
use e2e::flow::CUSTOMER;
use e2e::harness::Lab;
use e2e::page::Page;
use e2e::{action, cdp, find, Result};
use fantoccini::Client;
use serde_json::{json, Value};

/// The demo agents' password (crates/gws-sim/README.md).
const PASSWORD: &str = "password";

/// Records every `securitypolicyviolation` of every document the browser opens from now
/// on, before any of the page's own scripts run, in `window.__cspViolations`.
async fn record_csp_violations(client: &Client) -> Result<()> {
    let source = r#"window.__cspViolations = [];
        document.addEventListener('securitypolicyviolation', e => window.__cspViolations.push(
            e.violatedDirective + ' ' + (e.blockedURI || 'inline') + ' ' + (e.sourceFile || '')
            + ':' + e.lineNumber));"#;
    cdp::execute(
        client,
        "Page.addScriptToEvaluateOnNewDocument",
        json!({ "source": source }),
    )
    .await
    .map(drop)
}

async fn violations(client: &Client) -> Result<Vec<String>> {
    let seen = client
        .run("return window.__cspViolations || null;", vec![])
        .await?;
    match seen {
        Value::Array(list) => Ok(list
            .iter()
            .map(|v| v.as_str().unwrap_or_default().to_owned())
            .collect()),
        other => Err(format!("the violation recorder is not installed: {other}").into()),
    }
}

/// The demo page, served with gws-sim's policy (`script-src 'self' 'wasm-unsafe-eval'`,
/// no inline script or style), loads, connects, accepts and sends with no violation
/// reported; an inline style the test adds is refused, so the policy is in force. After
/// signing in, no storage, cookie readable by script, or URL holds the password.
pub async fn works_under_the_policy_and_keeps_no_credential(lab: &mut Lab) -> Result<()> {
    let id = lab
        .control
        .start_session("agent1", CUSTOMER, "Is my data safe?")
        .await?;
    let client = lab.browser().await?;
    record_csp_violations(&client).await?;
    action::open_session(&client, &lab.page("agent1", Some(&id))).await?;
    eventually("the widget is connected", async || {
        let banner = find::connection(&client).await?;
        expect(banner.is_none(), || format!("banner {banner:?}"))
    })
    .await?;
    action::press(&client, "Accept").await?;
    check::roster_has(&client, CUSTOMER, "Customer").await?;
    let reply = "Yes, it stays with us";
    action::write(&client, reply).await?;
    check::log_has(&client, reply, false).await?;
    check::customer_received(&lab.control, &id, reply).await?;
    let seen = violations(&client).await?;
    expect(seen.is_empty(), || {
        format!("the page reported CSP violations: {seen:?}")
    })?;

    // The policy is in force: an inline style attribute is refused and reported.
    let color = client
        .run(
            r#"const probe = document.createElement('div');
            probe.setAttribute('style', 'color: rgb(1, 2, 3)');
            document.body.appendChild(probe);
            const color = getComputedStyle(probe).color;
            probe.remove();
            return color;"#,
            vec![],
        )
        .await?;
    expect(color != json!("rgb(1, 2, 3)"), || {
        "an inline style was applied: no Content-Security-Policy in force".to_owned()
    })?;
    eventually("the refused inline style is reported", async || {
        let seen = violations(&client).await?;
        expect(seen.len() == 1 && seen[0].starts_with("style-src"), || {
            format!("{seen:?}")
        })
    })
    .await?;

    let places: Value = client
        .run(
            r#"const dump = s => Array.from({length: s.length}, (_, i) => s.key(i))
                .map(k => k + '=' + s.getItem(k));
            return { local: dump(localStorage), session: dump(sessionStorage),
                     cookie: document.cookie, url: location.href,
                     history: JSON.stringify(history.state) };"#,
            vec![],
        )
        .await?;
    let text = places.to_string();
    expect(!text.contains(PASSWORD), || {
        format!("the password is readable by script or in the URL: {places}")
    })?;
    expect(
        places["local"] == json!([]) && places["session"] == json!([]),
        || format!("the widget wrote to storage: {places}"),
    )?;
    expect(!text.contains("JSESSIONID"), || {
        format!("the session cookie is readable by script: {places}")
    })
}

/// Notifications no GWS should send, published raw on agent1's topic while a session
/// is open with a draft: the widget says what it could not read, shows a 1 MB text cut
/// with a way to see all of it, caps a 10,000-participant roster, keeps the draft and
/// the log, and still shows what comes next. The page's longest task is printed and
/// must stay under a second.
pub async fn hostile_notifications_are_shown_not_fatal(lab: &mut Lab) -> Result<()> {
    let opening = "Hello there";
    let id = lab
        .control
        .start_session("agent1", CUSTOMER, opening)
        .await?;
    let client = e2e::flow::open_and_accept(lab, "agent1", &id).await?;
    let draft = "A reply I am still writing";
    action::type_draft(&client, draft).await?;
    client
        .run(
            r#"window.__longestTask = 0;
            new PerformanceObserver(list => {
                for (const e of list.getEntries())
                    window.__longestTask = Math.max(window.__longestTask, e.duration);
            }).observe({type: 'longtask'});"#,
            vec![],
        )
        .await?;

    let uri = format!("{}/api/v2/smssessions/{id}", lab.base);
    let huge = "<b>x</b> ".repeat(120_000);
    let participants: Vec<Value> = (0..10_000)
        .map(|i| json!({"participantId": format!("P{i:05}"), "nickname": format!("Agent {i}"), "type": "Agent"}))
        .collect();
    let hostile = [
        json!("<html><body><h1>502 Bad Gateway</h1></body></html>"),
        json!({"notificationType": "NewMessages", "smssessionUri": uri, "messages": {"index": "one"}}),
        json!({"notificationType": "Teleported", "smssession": {"id": id, "state": "Elsewhere"}}),
        json!(null),
        json!({"messageType": "MessageLogUpdated", "notificationType": "NewMessages", "smssessionUri": uri,
               "messages": [{"index": 90, "type": "Text", "visibility": "All", "text": huge,
                             "from": {"participantId": "X1", "nickname": "Mallory", "type": "Customer"}}]}),
        json!({"messageType": "SMSsessionStateChangeMessage", "notificationType": "ParticipantsUpdated",
               "smssession": {"id": id, "state": "Chatting", "participants": participants}}),
    ];
    let http = reqwest::Client::new();
    for data in &hostile {
        let answer = http
            .post(format!(
                "{}/sim/v1/agents/agent1/raw-notification",
                lab.base
            ))
            .json(&json!({ "data": data }))
            .send()
            .await?;
        expect(answer.status().as_u16() == 204, || {
            format!("raw notification answered {}", answer.status())
        })?;
    }

    eventually("the widget says a notification could not be read", async || {
        let problems: Value = client
            .run(
                "return Array.from(document.querySelectorAll('[role=alert] li'), li => li.textContent);",
                vec![],
            )
            .await?;
        expect(problems.to_string().contains("could not be read"), || {
            format!("problems {problems}")
        })
    })
    .await?;
    eventually("the 1 MB text is shown cut, with Show all", async || {
        let shown: Value = client
            .run(
                r#"const e = document.querySelector("[role=log] [data-index='90']");
                return e ? { length: e.textContent.length,
                             more: (e.querySelector('button') || {}).textContent || null,
                             bold: e.querySelectorAll('b').length } : null;"#,
                vec![],
            )
            .await?;
        expect(
            shown["more"] == json!("Show all 1080000 characters")
                && shown["length"].as_u64().is_some_and(|n| n < 5_000)
                && shown["bold"] == json!(0),
            || format!("entry 90: {shown}"),
        )
    })
    .await?;
    eventually("the roster shows 50 and +9950 more", async || {
        let roster: Value = client
            .run(
                r#"return { shown: document.querySelectorAll("[aria-label=Participants] li[data-participant-id]").length,
                           more: (document.querySelector('[data-roster-more]') || {}).textContent || null };"#,
                vec![],
            )
            .await?;
        expect(
            roster == json!({"shown": 50, "more": "+9950 more"}),
            || format!("roster {roster}"),
        )
    })
    .await?;

    // Still alive: the customer's next text shows; the draft and the log are intact.
    let later = "Are you still there?";
    lab.control.customer_texts(&id, later).await?;
    check::log_has(&client, later, false).await?;
    check::log_has(&client, opening, false).await?;
    let kept = find::draft(&client).await?;
    expect(kept == draft, || format!("the draft became {kept:?}"))?;
    let longest = client
        .run("return window.__longestTask;", vec![])
        .await?
        .as_f64()
        .unwrap_or_default();
    println!(
        "hostile notifications: longest task on the page {longest:.0} ms (0: none over 50 ms)"
    );
    expect(longest < Duration::from_secs(1).as_millis() as f64, || {
        format!("the page was frozen for {longest:.0} ms")
    })
}
