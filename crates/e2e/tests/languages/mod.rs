//! The agent's language: the consult → transfer flow in German, the host's own words,
//! a language switch while a session is open, and Arabic laid out right to left. The
//! words expected are the shipped catalogue files read through the widget's own
//! catalogue, so a translation changed in the file is still the one the page must show.

use std::path::{Path, PathBuf};

use e2e::check::{eventually, expect};
use e2e::flow::CUSTOMER;
use e2e::harness::Lab;
use e2e::page::Page;
use e2e::{action, axe, cdp, check, find, Result};
use fantoccini::key::Key;
use fantoccini::Client;
use gws_sms_widget::i18n::{Catalogue, Msg, Said};
use serde::Deserialize;
use serde_json::json;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The words of a shipped language, as the widget reads its file.
fn words(lang: &str) -> Result<Catalogue> {
    words_as(lang, lang)
}

/// The words of the shipped `file` for the tag `lang` (a region of its language).
fn words_as(lang: &str, file: &str) -> Result<Catalogue> {
    let path = root().join(format!("static/messages/{file}.json"));
    let text = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    Catalogue::new(lang, &[&text]).map_err(|e| format!("{}: {e:?}", path.display()).into())
}

/// What the panel says of itself, and the words the agent reads first.
#[derive(Debug, Deserialize, PartialEq)]
struct Panel {
    lang: String,
    dir: String,
    label: String,
    /// The action bar's name and its buttons' words, by GWS operation name.
    toolbar: Option<String>,
    buttons: Vec<(String, String)>,
    roster: Option<String>,
    roles: Vec<(String, String)>,
    draft: Option<String>,
    entries: usize,
}

const PANEL: &str = r#"
    const panel = document.querySelector('section.gws-sms');
    if (!panel) return null;
    const bar = panel.querySelector('[role="toolbar"]');
    const list = panel.querySelector('ul.gws-sms-roster');
    return {
        lang: panel.lang, dir: panel.dir, label: panel.getAttribute('aria-label'),
        toolbar: bar ? bar.getAttribute('aria-label') : null,
        buttons: Array.from(panel.querySelectorAll('button[data-action]'), (b) => [b.dataset.action, b.textContent.trim()]),
        roster: list ? list.getAttribute('aria-label') : null,
        roles: Array.from(panel.querySelectorAll('[data-participant-id]'),
            (row) => [row.querySelector('[data-roster-name]').textContent.trim(), row.querySelector('[data-roster-role]').textContent.trim()]),
        draft: panel.querySelector('textarea[data-draft]')?.value ?? null,
        entries: panel.querySelectorAll('[role="log"] li[data-index]').length,
    };
"#;

async fn panel(client: &Client) -> Result<Panel> {
    let value = client.run(PANEL, vec![]).await?;
    serde_json::from_value(value.clone())
        .map_err(|e| format!("the page shows no panel ({e}): {value}").into())
}

fn button<'a>(panel: &'a Panel, operation: &str) -> Option<&'a str> {
    panel
        .buttons
        .iter()
        .find(|(op, _)| op == operation)
        .map(|(_, words)| words.as_str())
}

/// Waits until the panel speaks `t`'s language, as `probe` sees it.
async fn speaks(client: &Client, t: &Catalogue, probe: impl Fn(&Panel) -> bool) -> Result<Panel> {
    eventually(format!("the widget speaks {}", t.lang()), async || {
        let seen = panel(client).await?;
        expect(
            seen.lang == t.lang() && seen.label == t.text(Msg::Panel) && probe(&seen),
            || format!("{seen:?}"),
        )?;
        Ok(seen)
    })
    .await
}

/// Writes `text` into the box labelled `label` and sends it with Enter; waits for the
/// server's copy in the log, marked with `marked` if any. What the entry shows.
async fn write(client: &Client, label: &str, text: &str, marked: Option<&str>) -> Result<String> {
    let id = find::labelled_control_id(client, label).await?;
    client
        .element_by_id(&id)
        .await?
        .send_keys(&format!("{text}{}", char::from(Key::Enter)))
        .await?;
    eventually(format!("the log shows {text:?}"), async || {
        let entries = find::log(client).await?;
        let entry = entries.iter().find(|e| e.text == text);
        match entry {
            Some(e) if marked.is_none_or(|m| e.whole.contains(m)) => Ok(e.whole.clone()),
            _ => e2e::fail(format!("log {entries:?}")),
        }
    })
    .await
}

/// The picker's heading and its search box's label.
async fn picker_words(client: &Client) -> Result<(String, String)> {
    let value = client
        .run(
            r#"const d = document.querySelector('[role="dialog"]');
            return d ? [d.querySelector('h2').textContent, d.querySelector('label').firstChild.textContent.trim()] : null;"#,
            vec![],
        )
        .await?;
    serde_json::from_value(value.clone()).map_err(|e| format!("no picker ({e}): {value}").into())
}

/// Keeps the widget's module instance, to make it trap.
const KEEP_INSTANCE: &str = r#"
window.__widgetInstances = [];
for (const name of ['instantiate', 'instantiateStreaming']) {
  const original = WebAssembly[name];
  WebAssembly[name] = function (...args) {
    return original.apply(this, args).then((result) => {
      const instance = result instanceof WebAssembly.Instance ? result : result.instance;
      if (typeof instance?.exports.__wbindgen_malloc === 'function') window.__widgetInstances.push(instance);
      return result;
    });
  };
}
"#;

/// Accept, write to the customer, consult agent2 and write to agents only, transfer:
/// every word the agent reads on the way is German, from `de.json`; so is the notice
/// the page shows if the module then stops.
pub async fn consult_then_transfer_in_german(lab: &mut Lab) -> Result<()> {
    let (de, en) = (words("de")?, Catalogue::default());
    let opening = "Hallo, mein Paket ist nicht angekommen";
    let id = lab
        .control
        .start_session("agent1", CUSTOMER, opening)
        .await?;
    let anna = lab.browser().await?;
    let keep = json!({ "source": KEEP_INSTANCE });
    cdp::execute(&anna, "Page.addScriptToEvaluateOnNewDocument", keep).await?;
    anna.goto(&format!("{}&lang=de", lab.page("agent1", Some(&id))))
        .await?;
    let offered = speaks(&anna, &de, |p| button(p, "Accept").is_some()).await?;
    expect(offered.dir == "ltr", || format!("{offered:?}"))?;
    for (operation, msg) in [("Accept", Msg::Accept), ("Reject", Msg::Reject)] {
        let shown = button(&offered, operation).unwrap_or_default();
        expect(shown == de.text(msg) && shown != en.text(msg), || {
            format!(
                "{operation} reads {shown:?}, not the German {:?}",
                de.text(msg)
            )
        })?;
    }
    axe::check(&anna, "a session offered, in German", ".gws-sms").await?;
    action::press(&anna, "Accept").await?;
    eventually("the roster names the agent in German", async || {
        let seen = panel(&anna).await?;
        expect(
            seen.roster.as_deref() == Some(de.text(Msg::Participants))
                && seen.roles.iter().any(|(_, role)| role == de.text(Msg::You))
                && seen
                    .roles
                    .iter()
                    .any(|(_, role)| role == de.text(Msg::Customer)),
            || format!("{seen:?}"),
        )
    })
    .await?;

    // Plurals and dates through `Intl`, in German: a one-segment draft takes the `one`
    // form of the counter; the day separator is the date as `Intl` writes it in German.
    let reply = "Ich sehe sofort nach";
    let id_of_box = find::labelled_control_id(&anna, de.text(Msg::Message)).await?;
    anna.element_by_id(&id_of_box)
        .await?
        .send_keys(reply)
        .await?;
    let segments = gws_sms_widget::sms::Segments::of(reply);
    let counter = de.say(
        &Said::from(Msg::Counter)
            .with("count", segments.segments as u64)
            .with("left", segments.remaining as u64)
            .with("encoding", "GSM-7"),
    );
    eventually("the SMS counter in German, singular", async || {
        let seen = anna
            .run(
                r#"const c = document.querySelector('.gws-sms-composer__counter');
                const day = document.querySelector('.gws-sms-log__day time');
                const date = day && new Date(day.dateTime + 'T12:00');
                return [c?.textContent ?? null, day?.textContent ?? null, date && new Intl.DateTimeFormat('de',
                    { weekday: 'long', year: 'numeric', month: 'long', day: 'numeric' }).format(date)];"#,
                vec![],
            )
            .await?;
        expect(
            seen[0] == json!(counter) && seen[1].is_string() && seen[1] == seen[2],
            || format!("{seen}, not the counter {counter:?} and the German day"),
        )
    })
    .await?;
    let enter = char::from(Key::Enter).to_string();
    anna.element_by_id(&id_of_box)
        .await?
        .send_keys(&enter)
        .await?;
    check::log_has(&anna, reply, false).await?;
    action::open_picker(&anna, "Consult").await?;
    let (title, search) = picker_words(&anna).await?;
    let expected = de.say(&Said::from(Msg::PickerTitle).with("action", Msg::Consult));
    expect(title == expected && search == de.text(Msg::Search), || {
        format!("the picker reads {title:?} / {search:?}, not {expected:?}")
    })?;
    action::choose_target(&anna, "agent2", "agent2").await?;
    let nickname = lab.control.nickname("agent2").await?;
    eventually("agent2 consults, named in German", async || {
        let seen = panel(&anna).await?;
        expect(
            seen.roles
                .contains(&(nickname.clone(), de.text(Msg::Consultant).to_owned())),
            || format!("{seen:?}"),
        )
    })
    .await?;
    action::choose_mode(&anna, "agents").await?;
    let note = "Ben, übernimmst du eine Paketreklamation?";
    write(
        &anna,
        de.text(Msg::Message),
        note,
        Some(de.text(Msg::AgentsOnly)),
    )
    .await?;
    axe::check(&anna, "consulting, in German", ".gws-sms").await?;

    action::open_picker(&anna, "Transfer").await?;
    action::choose_target(&anna, "agent2", "agent2").await?;
    eventually("the session shows as completed, in German", async || {
        let note = anna
            .run(
                "return document.querySelector('.gws-sms-actions__none')?.textContent ?? null;",
                vec![],
            )
            .await?;
        expect(note == json!(de.text(Msg::Ended)), || format!("{note}"))
    })
    .await?;
    check::customer_received(&lab.control, &id, reply).await?;
    check::customer_never_received(&lab.control, &id, &[note]).await?;

    // A trap (a misaligned allocation): the notice is written by the page's script.
    let instances = anna
        .run("return window.__widgetInstances.length;", vec![])
        .await?;
    expect(instances == json!(1), || {
        format!("{instances} instances of the module")
    })?;
    anna.run(
        "setTimeout(() => window.__widgetInstances[0].exports.__wbindgen_malloc(16, 3));",
        vec![],
    )
    .await?;
    eventually("the notice shows, in German", async || {
        let shown = anna
            .run(
                r#"const box = document.querySelector('[data-widget-stopped]');
                return box ? [box.lang, box.querySelector('.gws-sms-stopped__title').textContent,
                    box.querySelector('button').textContent] : null;"#,
                vec![],
            )
            .await?;
        let expected = json!(["de", de.text(Msg::Stopped), de.text(Msg::ReloadWidget)]);
        expect(shown == expected, || format!("{shown}, not {expected}"))
    })
    .await
}

/// Sets a property or attribute of the page's `<gws-sms-session>` (`arguments[0]`: a
/// script body with `element`).
async fn on_element(client: &Client, script: &str) -> Result<()> {
    client
        .run(
            &format!("const element = document.querySelector('gws-sms-session'); {script}"),
            vec![],
        )
        .await
        .map(drop)
}

/// An open session, a draft typed: the host's words apply at once; the element's `lang`,
/// then the page's, switch the language with the log and the draft kept; Arabic lays the
/// widget out right to left (screenshot in `target/screenshots/`).
pub async fn the_language_follows_the_page_and_the_host_words(lab: &mut Lab) -> Result<()> {
    let (fr, es, ar, en) = (
        words("fr")?,
        words("es")?,
        words("ar")?,
        Catalogue::default(),
    );
    let id = lab
        .control
        .start_session("agent1", CUSTOMER, "Bonjour")
        .await?;
    let anna = e2e::flow::open_and_accept(lab, "agent1", &id).await?;
    action::write(&anna, "One moment").await?;
    action::type_draft(&anna, "Half typed").await?;
    let before = speaks(&anna, &en, |p| button(p, "Consult").is_some()).await?;

    on_element(
        &anna,
        r#"element.messages = { "action.consult": "Ask a colleague" };"#,
    )
    .await?;
    eventually("the host's word shows", async || {
        let seen = panel(&anna).await?;
        expect(button(&seen, "Consult") == Some("Ask a colleague"), || {
            format!("{seen:?}")
        })
    })
    .await?;
    // Words that are not an object are refused in words; those before them stay.
    let refused = anna
        .run(
            r#"const element = document.querySelector('gws-sms-session');
            let said = null;
            element.addEventListener('gws-sms-error', (e) => { said = e.detail.message; }, { once: true });
            element.messages = ['Ask'];
            return [said, element.messages];"#,
            vec![],
        )
        .await?;
    expect(
        refused[0]
            .as_str()
            .is_some_and(|m| m.contains("bad messages"))
            && refused[1] == json!({ "action.consult": "Ask a colleague" }),
        || format!("refused as {refused}"),
    )?;

    on_element(&anna, "element.lang = 'fr';").await?;
    let french = speaks(&anna, &fr, |p| {
        button(p, "Transfer") == Some(fr.text(Msg::Transfer))
    })
    .await?;
    expect(
        button(&french, "Consult") == Some("Ask a colleague")
            && french.draft.as_deref() == Some("Half typed")
            && french.entries == before.entries
            && french.toolbar.as_deref() == Some(fr.text(Msg::SessionActions)),
        || format!("the host's word, the draft and the log stay: {french:?}"),
    )?;

    // Without a `lang` of its own, the element speaks the page's.
    on_element(
        &anna,
        "element.removeAttribute('lang'); document.documentElement.lang = 'es';",
    )
    .await?;
    let spanish = speaks(&anna, &es, |p| {
        button(p, "Transfer") == Some(es.text(Msg::Transfer))
    })
    .await?;
    expect(spanish.draft.as_deref() == Some("Half typed"), || {
        format!("{spanish:?}")
    })?;

    // A language's other region reads its shipped file, keeping its own tag (for dates);
    // an English keeps its tag too; a tag that is not well formed is English.
    for (lang, t) in [
        ("pt-PT", words_as("pt-PT", "pt-BR")?),
        ("en-GB", Catalogue::english("en-GB")),
        ("not a tag!", Catalogue::default()),
    ] {
        on_element(
            &anna,
            &format!("document.documentElement.lang = {};", json!(lang)),
        )
        .await?;
        speaks(&anna, &t, |p| {
            button(p, "Transfer") == Some(t.text(Msg::Transfer))
        })
        .await?;
    }

    on_element(&anna, "element.messages = null; element.lang = 'ar';").await?;
    let arabic = speaks(&anna, &ar, |p| {
        button(p, "Consult") == Some(ar.text(Msg::Consult))
    })
    .await?;
    expect(
        arabic.dir == "rtl" && arabic.draft.as_deref() == Some("Half typed"),
        || format!("{arabic:?}"),
    )?;
    // Right to left: the toolbar runs from the right, the message box starts at the right.
    let layout = anna
        .run(
            r#"const buttons = Array.from(document.querySelectorAll('[role="toolbar"] button[data-action]'));
            const draft = document.querySelector('textarea[data-draft]');
            const first = buttons[0].getBoundingClientRect(), last = buttons[buttons.length - 1].getBoundingClientRect();
            return { firstRight: first.right, lastRight: last.right, buttons: buttons.length,
                direction: getComputedStyle(draft).direction, align: getComputedStyle(draft).textAlign };"#,
            vec![],
        )
        .await?;
    expect(
        layout["buttons"].as_u64() > Some(1)
            && layout["firstRight"].as_f64() > layout["lastRight"].as_f64()
            && layout["direction"] == "rtl",
        || format!("not laid out right to left: {layout}"),
    )?;
    axe::check(&anna, "the session in Arabic", ".gws-sms").await?;
    let png = anna.element("gws-sms-session").await?.screenshot().await?;
    let out = root().join("target/screenshots");
    std::fs::create_dir_all(&out)?;
    std::fs::write(out.join("rtl-ar.png"), &png)?;
    expect(png.starts_with(b"\x89PNG") && png.len() > 10_000, || {
        format!("a screenshot of {} B", png.len())
    })
}
