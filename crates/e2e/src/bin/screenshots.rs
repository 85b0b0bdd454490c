//! Screenshots of the widget's main states, light and dark, for the documentation:
//! the built widget served by gws-sim, played through a consultation in headless
//! Chromium.
//!
//! ```sh
//! cargo xtask size                                   # builds dist/
//! cargo run -p e2e --bin screenshots [-- OUT_DIR]    # default docs/screenshots
//! ```

use std::path::{Path, PathBuf};
use std::sync::Arc;

use e2e::check::{eventually, expect};
use e2e::flow::CUSTOMER;
use e2e::harness::{dist_dir, BrowserOptions, Chromedriver, Lab};
use e2e::page::Page;
use e2e::{action, cdp, check, fail, find, Result};
use fantoccini::Client;
use serde_json::json;

#[derive(Clone, Copy)]
enum Scheme {
    Light,
    Dark,
}

impl Scheme {
    fn name(self) -> &'static str {
        match self {
            Scheme::Light => "light",
            Scheme::Dark => "dark",
        }
    }
}

/// Emulates `prefers-color-scheme` and waits until the widget's colours follow.
async fn use_scheme(client: &Client, scheme: Scheme) -> Result<()> {
    cdp::execute(
        client,
        "Emulation.setEmulatedMedia",
        json!({ "features": [{ "name": "prefers-color-scheme", "value": scheme.name() }] }),
    )
    .await?;
    let expected = match scheme {
        Scheme::Light => "rgb(255, 255, 255)",
        Scheme::Dark => "rgb(22, 25, 29)",
    };
    eventually(format!("the widget is drawn {}", scheme.name()), async || {
        let seen = client
            .run(
                "const e = document.querySelector('.gws-sms'); return e ? getComputedStyle(e).backgroundColor : null;",
                vec![],
            )
            .await?;
        expect(seen == json!(expected), || format!("background {seen}"))
    })
    .await
}

/// Saves the widget (`.gws-sms-panel`) as `NAME-light.png` and `NAME-dark.png`.
async fn shoot(client: &Client, out: &Path, name: &str) -> Result<()> {
    for scheme in [Scheme::Light, Scheme::Dark] {
        use_scheme(client, scheme).await?;
        let widget = client.element(".gws-sms-panel").await?;
        let png = widget.screenshot().await?;
        let path = out.join(format!("{name}-{}.png", scheme.name()));
        std::fs::write(&path, png)?;
        println!("wrote {}", path.display());
    }
    use_scheme(client, Scheme::Light).await
}

/// Sets the widget's language (the element's `lang`) and waits until it lays out `dir`.
async fn speak(client: &Client, lang: &str, dir: &str) -> Result<()> {
    client
        .run(
            "document.querySelector('gws-sms-session').lang = arguments[0];",
            vec![json!(lang)],
        )
        .await?;
    eventually(format!("the widget speaks {lang}"), async || {
        let seen = client
            .run(
                "const p = document.querySelector('section.gws-sms'); return p ? [p.lang, p.dir] : null;",
                vec![],
            )
            .await?;
        expect(seen == json!([lang, dir]), || format!("{seen}"))
    })
    .await
}

async fn play(lab: &mut Lab, out: &Path) -> Result<()> {
    let id = lab
        .control
        .start_session("agent1", CUSTOMER, "Hi, my parcel has not arrived")
        .await?;
    let anna = lab
        .browser_with(&BrowserOptions {
            width: 1000,
            height: 1600,
            ..BrowserOptions::default()
        })
        .await?;
    action::open_session(&anna, &lab.page("agent1", Some(&id))).await?;
    eventually("Accept is enabled", async || {
        let accept = find::action(&anna, "Accept").await?;
        expect(!accept.disabled, || format!("{accept:?}"))
    })
    .await?;
    shoot(&anna, out, "offered").await?;

    action::press(&anna, "Accept").await?;
    action::write(&anna, "Let me check that for you").await?;
    lab.control
        .customer_texts(&id, "Order 4471, it was due on Monday")
        .await?;
    check::log_has(&anna, "Order 4471, it was due on Monday", false).await?;
    shoot(&anna, out, "chatting").await?;
    speak(&anna, "ar", "rtl").await?;
    shoot(&anna, out, "chatting-ar").await?;
    speak(&anna, "en", "ltr").await?;

    action::pick_target(&anna, "Consult", "agent4", "agent4").await?;
    eventually("the Consult error", async || {
        match find::action(&anna, "Consult").await?.error {
            Some(_) => Ok(()),
            None => fail("no error yet"),
        }
    })
    .await?;
    shoot(&anna, out, "failed-consult").await?;

    action::press(&anna, "Consult").await?;
    eventually("the picker lists agents", async || {
        let results = find::picker_results(&anna).await?.unwrap_or_default();
        expect(results.len() >= 3, || format!("results {results:?}"))
    })
    .await?;
    shoot(&anna, out, "picker").await?;
    anna.element("[role='dialog'] button[data-contact-name='agent2']")
        .await?
        .click()
        .await?;
    let ben = lab.control.nickname("agent2").await?;
    check::roster_has(&anna, &ben, "Consulting agent").await?;
    action::choose_mode(&anna, "agents").await?;
    action::write(&anna, "Ben, can you look at a late parcel?").await?;
    lab.control
        .agent_writes(&id, "agent2", "Yes, conference me in")
        .await?;
    check::log_has(&anna, "Yes, conference me in", true).await?;
    shoot(&anna, out, "consult").await?;

    action::pick_target(&anna, "Invite", "agent2", "agent2").await?;
    check::roster_has(&anna, &ben, "Conferenced agent").await?;
    lab.control
        .agent_writes(&id, "agent2", "Hello, I am Ben from the parcel team")
        .await?;
    check::log_has(&anna, "Hello, I am Ben from the parcel team", false).await?;
    shoot(&anna, out, "conference").await?;

    action::press(&anna, "Leave").await?;
    check::session_completed(&anna).await?;
    shoot(&anna, out, "completed").await
}

async fn run(out: PathBuf) -> Result<()> {
    let dist = dist_dir()?;
    std::fs::create_dir_all(&out)?;
    let out = out.canonicalize()?;
    let driver = Arc::new(Chromedriver::start().await?);
    let mut lab = Lab::start(driver.clone(), &dist).await?;
    let outcome = play(&mut lab, &out).await;
    lab.finish().await;
    outcome
}

fn main() -> std::process::ExitCode {
    let out = std::env::args_os()
        .nth(1)
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/screenshots"));
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(why) => {
            eprintln!("error: {why}");
            return std::process::ExitCode::FAILURE;
        }
    };
    match runtime.block_on(run(out)) {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(why) => {
            eprintln!("error: {why}");
            std::process::ExitCode::FAILURE
        }
    }
}
