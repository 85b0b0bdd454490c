//! The pieces a scenario runs against: chromedriver (one per process), the simulator
//! serving the built widget, and browsers with a profile each.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use fantoccini::{Client, ClientBuilder};
use gws_sim::{ServerHandle, SimConfig};
use serde_json::{json, Map, Value};
use tempfile::TempDir;

use crate::control::Control;
use crate::{fail, Result};

/// How long a simulated agent takes to accept an offer in these tests.
pub const ACCEPT_DELAY: Duration = Duration::from_millis(300);

/// The Chromium flags that work headless, as root, on a machine without network.
const CHROMIUM_ARGS: &[&str] = &[
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
];

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The Trunk-built widget: `E2E_DIST`, or `dist/` at the workspace root. A missing
/// build is an error that says how to make it.
pub fn dist_dir() -> Result<PathBuf> {
    let dir = std::env::var_os("E2E_DIST")
        .map(PathBuf::from)
        .unwrap_or_else(|| workspace_root().join("dist"));
    if dir.join("index.html").is_file() {
        Ok(dir)
    } else {
        fail(format!(
            "no built widget at {} (index.html missing). Build it first with `cargo xtask size` \
             (or set E2E_DIST to a Trunk dist directory).",
            dir.display()
        ))
    }
}

/// The React example host as `cargo xtask react-host` builds it
/// (`examples/react-host/dist/`): a page that installs the packed package. A missing
/// build is an error that says how to make it.
pub fn react_host_dir() -> Result<PathBuf> {
    let dir = workspace_root().join("examples/react-host/dist");
    if dir.join("index.html").is_file() && dir.join("app.js").is_file() {
        Ok(dir)
    } else {
        fail(format!(
            "no built React host at {} (index.html or app.js missing). Build it first with \
             `cargo xtask react-host` (after `cargo xtask bootstrap`).",
            dir.display()
        ))
    }
}

fn free_port() -> Result<u16> {
    Ok(TcpListener::bind(("127.0.0.1", 0))?.local_addr()?.port())
}

/// A chromedriver process on a free loopback port, shut down (with its browsers) on drop.
pub struct Chromedriver {
    child: Child,
    addr: SocketAddr,
}

impl Chromedriver {
    /// `CHROMEDRIVER`, or `/usr/bin/chromedriver`.
    pub async fn start() -> Result<Chromedriver> {
        let program =
            std::env::var("CHROMEDRIVER").unwrap_or_else(|_| "/usr/bin/chromedriver".into());
        let port = free_port()?;
        let child = Command::new(&program)
            .arg(format!("--port={port}"))
            .arg("--log-level=SEVERE")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::inherit())
            .spawn()
            .map_err(|e| format!("cannot start chromedriver `{program}`: {e}"))?;
        let mut driver = Chromedriver {
            child,
            addr: SocketAddr::from(([127, 0, 0, 1], port)),
        };
        let deadline = Instant::now() + Duration::from_secs(20);
        let status = format!("{}/status", driver.url());
        loop {
            if let Some(exit) = driver.child.try_wait()? {
                return fail(format!("chromedriver `{program}` exited at start: {exit}"));
            }
            let ready = match reqwest::get(&status).await {
                Ok(answer) => answer.json::<Value>().await.ok(),
                Err(_) => None,
            };
            if ready.is_some_and(|s| s["value"]["ready"] == json!(true)) {
                return Ok(driver);
            }
            if Instant::now() > deadline {
                return fail(format!("chromedriver did not answer {status} within 20 s"));
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// A new browser with its own profile directory (so no two share cookies).
    pub async fn browser(&self, options: &BrowserOptions) -> Result<(Client, TempDir)> {
        let profile = tempfile::Builder::new()
            .prefix("gws-e2e-profile-")
            .tempdir()?;
        let chromium = std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
        let mut args: Vec<String> = CHROMIUM_ARGS.iter().map(|a| a.to_string()).collect();
        args.push(format!("--user-data-dir={}", profile.path().display()));
        args.push(format!(
            "--window-size={},{}",
            options.width, options.height
        ));
        args.push("--lang=en-US".into());
        args.extend(options.extra_args.iter().cloned());
        let mut capabilities = Map::new();
        capabilities.insert("browserName".into(), json!("chrome"));
        capabilities.insert(
            "goog:chromeOptions".into(),
            json!({ "binary": chromium, "args": args }),
        );
        let client = ClientBuilder::rustls()?
            .capabilities(capabilities)
            .connect(&self.url())
            .await
            .map_err(|e| format!("chromedriver could not start Chromium: {e}"))?;
        Ok((client, profile))
    }

    /// Asks chromedriver to quit, which closes every browser it started.
    fn shutdown(&mut self) {
        let asked =
            TcpStream::connect_timeout(&self.addr, Duration::from_secs(1)).and_then(|mut s| {
                s.set_read_timeout(Some(Duration::from_secs(3)))?;
                write!(
                    s,
                    "GET /shutdown HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n",
                    self.addr
                )?;
                let mut answer = Vec::new();
                let _ = s.read_to_end(&mut answer);
                Ok(())
            });
        if asked.is_ok() {
            let deadline = Instant::now() + Duration::from_secs(3);
            while Instant::now() < deadline {
                if let Ok(Some(_)) = self.child.try_wait() {
                    return;
                }
                std::thread::sleep(Duration::from_millis(50));
            }
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for Chromedriver {
    fn drop(&mut self) {
        self.shutdown();
    }
}

/// How a browser window is opened.
#[derive(Clone, Debug)]
pub struct BrowserOptions {
    pub width: u32,
    pub height: u32,
    /// More Chromium flags.
    pub extra_args: Vec<String>,
}

impl Default for BrowserOptions {
    fn default() -> Self {
        BrowserOptions {
            width: 1200,
            height: 900,
            extra_args: Vec::new(),
        }
    }
}

async fn start_sim(dist: &Path, adjust: impl FnOnce(&mut SimConfig)) -> Result<ServerHandle> {
    let mut config = SimConfig {
        listen: SocketAddr::from(([127, 0, 0, 1], 0)),
        static_dir: Some(dist.to_path_buf()),
        accept_delay: ACCEPT_DELAY,
        verbose: false,
        ..SimConfig::default()
    };
    adjust(&mut config);
    Ok(gws_sim::start(config).await?)
}

/// One scenario's world: a simulator of its own serving the widget, and the browsers
/// opened against it, all closed by [`Lab::finish`].
pub struct Lab {
    driver: Arc<Chromedriver>,
    dist: PathBuf,
    sim: Option<ServerHandle>,
    /// `http://127.0.0.1:PORT`, where the simulator serves the demo page and the APIs.
    pub base: String,
    pub control: Control,
    browsers: Vec<(Client, TempDir)>,
}

impl Lab {
    pub async fn start(driver: Arc<Chromedriver>, dist: &Path) -> Result<Lab> {
        let sim = start_sim(dist, |_| {}).await?;
        let base = sim.url();
        Ok(Lab {
            driver,
            dist: dist.to_path_buf(),
            sim: Some(sim),
            control: Control::new(&base),
            base,
            browsers: Vec::new(),
        })
    }

    /// Replaces the simulator by one whose configuration `adjust` changed (e.g. a
    /// shorter CometD timing); call it before opening any page.
    pub async fn reconfigure(&mut self, adjust: impl FnOnce(&mut SimConfig)) -> Result<()> {
        if !self.browsers.is_empty() {
            return fail("the simulator can only be reconfigured before any browser opens");
        }
        if let Some(old) = self.sim.take() {
            old.shutdown().await;
        }
        let sim = start_sim(&self.dist, adjust).await?;
        self.base = sim.url();
        self.control = Control::new(&self.base);
        self.sim = Some(sim);
        Ok(())
    }

    /// Puts the simulator in the field (`POST /sim/v1/profile`): answers 400 ms away,
    /// notifications 250 ms after the answers, `referenceId` only where GWS's samples
    /// show one, no resource `path`, texts echoed normalised, indexes that skip numbers
    /// where the seed says (`E2E_FIELD_SEED`, or the clock). Prints the profile.
    pub async fn play_the_field(&mut self) -> Result<Value> {
        let seed = match std::env::var("E2E_FIELD_SEED") {
            Ok(text) => text
                .parse::<u64>()
                .map_err(|e| format!("E2E_FIELD_SEED {text:?}: {e}"))?,
            Err(_) => gws_sim::profile::clock_seed(),
        };
        let profile = self
            .set_profile(json!({"preset": "field", "seed": seed}))
            .await?;
        println!(
            "field profile (replay with E2E_FIELD_SEED={seed}): {}",
            profile["profile"]
        );
        Ok(profile)
    }

    /// Sets the simulator's profile (`POST /sim/v1/profile` with `body`); its answer.
    pub async fn set_profile(&self, body: Value) -> Result<Value> {
        let url = format!("{}/sim/v1/profile", self.base);
        let answer = reqwest::Client::new().post(&url).json(&body).send().await?;
        let status = answer.status();
        let text = answer.text().await?;
        if !status.is_success() {
            return fail(format!("POST {url} {body} answered {status}: {text}"));
        }
        Ok(serde_json::from_str(&text)?)
    }

    /// A new browser, closed with the lab.
    pub async fn browser(&mut self) -> Result<Client> {
        self.browser_with(&BrowserOptions::default()).await
    }

    pub async fn browser_with(&mut self, options: &BrowserOptions) -> Result<Client> {
        let (client, profile) = self.driver.browser(options).await?;
        self.browsers.push((client.clone(), profile));
        Ok(client)
    }

    /// The demo page signed in as `agent`, on `session` or (without) on the agent's
    /// newest or next offered session.
    pub fn page(&self, agent: &str, session: Option<&str>) -> String {
        match session {
            Some(id) => format!("{}/?agent={agent}&session={id}", self.base),
            None => format!("{}/?agent={agent}", self.base),
        }
    }

    /// Whether `user` has a CometD client subscribed to SMS notifications: a live
    /// browser, which the simulator leaves to accept or reject offers itself.
    pub fn has_live_client(&self, user: &str) -> bool {
        self.sim
            .as_ref()
            .is_some_and(|sim| sim.sim.bayeux.has_subscriber(user, "/v2/me/smssessions"))
    }

    /// Closes the browsers, then stops the simulator.
    pub async fn finish(mut self) {
        for (client, profile) in self.browsers.drain(..) {
            let _ = client.close().await;
            drop(profile);
        }
        if let Some(sim) = self.sim.take() {
            sim.shutdown().await;
        }
    }
}
