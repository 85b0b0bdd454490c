//! The widget in a host page with aggressive global rules: it looks and works as on a
//! blank page, its own rules do not reach the page, and the keyboard crosses its
//! boundary as through any control; `mount()` into a host's element (a table cell,
//! which cannot have a shadow root of its own) is isolated the same way.

use e2e::check::{eventually, expect};
use e2e::flow::CUSTOMER;
use e2e::harness::Lab;
use e2e::page::Page;
use e2e::{action, check, find, Result};
use fantoccini::key::Key;
use fantoccini::Client;
use serde_json::{json, Value};

/// Global rules as a host's reset or framework may have them, at their worst.
const HOSTILE: &str =
    "* { font: 40px serif !important; color: red !important; letter-spacing: 4px !important; } \
    :root { font-size: 40px !important; } button { display: none !important; } \
    ol, ul, li, p, div, section, header { margin: 30px !important; padding: 30px !important; }";

/// The looks of every element in the shadow root of what `arguments[0]` selects (its
/// own, or that of the box inside it): what a host's rules could change.
const LOOKS: &str = r#"
    const host = document.querySelector(arguments[0]);
    const root = host?.shadowRoot ?? host?.querySelector(':scope > div')?.shadowRoot;
    if (!root) return null;
    return Array.from(root.querySelectorAll('*'), (e) => {
        const s = getComputedStyle(e);
        return [e.localName, e.getAttribute('class') ?? '', s.display, s.visibility, s.fontSize,
            s.fontFamily, s.color, s.letterSpacing, s.margin, s.padding].join(' | ');
    });
"#;

/// Elements of the page with the widget's class names, and the same elements without:
/// the widget's rules must not style the first any differently.
const PROBES: &str = r#"
    const probes = document.createElement('div');
    probes.id = 'probes';
    probes.innerHTML = `<section class="gws-sms" data-probe="styled"><button class="gws-sms-composer__send">Send</button></section>
        <section data-probe="plain"><button>Send</button></section>
        <input id="before-widget" aria-label="Before the widget">`;
    document.body.append(probes);
    const widget = document.querySelector('gws-sms-session');
    widget.before(document.getElementById('before-widget'));
    // A size of its own, as a desktop's panel gives it: the host's margins around it
    // then move it, but cannot resize what is inside.
    widget.style.width = '600px';
    widget.style.height = '700px';
"#;

const PROBED: &str = r#"
    const look = (e) => {
        const s = getComputedStyle(e);
        return [s.display, s.backgroundColor, s.color, s.borderTopWidth, s.paddingTop, s.borderRadius, s.fontSize].join(' | ');
    };
    const [styled, plain] = ['styled', 'plain'].map((p) => document.querySelector(`[data-probe="${p}"]`));
    return { styled: [look(styled), look(styled.firstElementChild)], plain: [look(plain), look(plain.firstElementChild)] };
"#;

const HOSTILE_SHEET: &str = r#"
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(arguments[0]);
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
    requestAnimationFrame(() => requestAnimationFrame(() => arguments[1](true)));
"#;

/// Where the focus is: `inside` the widget's element, or the id of a page element.
const FOCUS: &str = r#"
    const active = document.activeElement;
    const host = active?.getRootNode().host;
    return host ? (host.localName === 'gws-sms-session' ? 'inside' : host.localName) : (active?.id || active?.localName || null);
"#;

async fn looks(client: &Client, host: &str) -> Result<Vec<String>> {
    let value = client.run(LOOKS, vec![json!(host)]).await?;
    if value.is_null() {
        return e2e::fail(format!("{host} has no shadow root of the widget"));
    }
    Ok(serde_json::from_value(value)?)
}

async fn focus(client: &Client) -> Result<Value> {
    client.run(FOCUS, vec![]).await
}

/// The page runs under gws-sim's strict policy, so the panel's 14px also shows that the
/// widget's adopted stylesheet applies there.
pub async fn a_hostile_host_page_changes_nothing(lab: &mut Lab) -> Result<()> {
    let opening = "Hello, is anyone there?";
    let id = lab
        .control
        .start_session("agent1", CUSTOMER, opening)
        .await?;
    let anna = lab.browser().await?;
    action::open_session(&anna, &lab.page("agent1", Some(&id))).await?;
    check::log_has(&anna, opening, false).await?;
    anna.run(PROBES, vec![]).await?;

    // The widget's rules do not reach the page's elements that share its class names.
    let probed = anna.run(PROBED, vec![]).await?;
    expect(probed["styled"] == probed["plain"], || {
        format!("the widget's rules styled the page's elements: {probed}")
    })?;

    // The page's rules do not reach the widget: every element looks as it did.
    let element = "gws-sms-session";
    let before = looks(&anna, element).await?;
    anna.run_async(HOSTILE_SHEET, vec![json!(HOSTILE)]).await?;
    let after = looks(&anna, element).await?;
    let changed: Vec<_> = before
        .iter()
        .zip(&after)
        .filter(|(b, a)| b != a)
        .take(5)
        .collect();
    expect(before.len() == after.len() && changed.is_empty(), || {
        format!("the host's rules changed the widget: {changed:?}")
    })?;
    let panel = after
        .iter()
        .find(|look| look.starts_with("section | gws-sms "))
        .cloned()
        .unwrap_or_default();
    expect(
        panel.contains("| 14px |") && !panel.contains("| serif"),
        || format!("the panel looks {panel}"),
    )?;

    // It works: the keyboard enters it from the page and leaves it to the page's next
    // control, both ways; Accept and a message to the customer go through.
    anna.element_by_id("before-widget").await?.click().await?;
    action::keys(&anna, &Key::Tab.to_string()).await?;
    let entered = focus(&anna).await?;
    expect(entered == json!("inside"), || {
        format!("Tab from the page's field went to {entered}")
    })?;
    action::keys(&anna, &format!("{}{}", Key::Shift, Key::Tab)).await?;
    let back = focus(&anna).await?;
    expect(back == json!("before-widget"), || {
        format!("Shift+Tab from the widget went to {back}")
    })?;
    action::press(&anna, "Accept").await?;
    check::roster_has(&anna, CUSTOMER, "Customer").await?;
    let reply = "Yes, Anna here";
    action::write(&anna, reply).await?;
    check::customer_received(&lab.control, &id, reply).await?;
    let mut left = false;
    for _ in 0..60 {
        action::keys(&anna, &Key::Tab.to_string()).await?;
        if focus(&anna).await? != json!("inside") {
            left = true;
            break;
        }
    }
    let out = focus(&anna).await?;
    expect(left && out == json!("demo-customer-text"), || {
        format!("Tabbing on from the widget ended at {out}")
    })?;

    // mount() into a table cell: a box inside it holds the shadow root.
    let second = lab
        .control
        .start_session("agent1", CUSTOMER, "A second question")
        .await?;
    anna.run_async(
        r#"const [session, done] = arguments;
        const table = document.createElement('table');
        table.innerHTML = '<tr><td id="cell"></td></tr>';
        document.body.append(table);
        import(document.querySelector('script[data-widget-js]').dataset.widgetJs)
            .then((glue) => {
                glue.mount(document.getElementById('cell'),
                    { sessionId: session, nickname: 'agent1', username: 'agent1', password: 'password' });
                done(true);
            }, (error) => done(String(error)));"#,
        vec![json!(second)],
    )
    .await?;
    eventually(
        "the widget mounted in the cell offers its session",
        async || {
            let cell = looks(&anna, "#cell").await?;
            let accept = cell
                .iter()
                .find(|look| look.contains("gws-sms-actions__button--primary"));
            expect(
                accept.is_some_and(|look| !look.contains("| none |") && look.contains("| 14px |")),
                || format!("the cell's Accept looks {accept:?}"),
            )
        },
    )
    .await?;
    let roster = find::roster(&anna).await?;
    expect(roster.iter().any(|p| p.name == CUSTOMER), || {
        format!("the first widget's roster {roster:?}")
    })
}
