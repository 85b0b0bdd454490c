//! `gws-sim`: run the simulator. `--help` lists the options.

use std::path::PathBuf;
use std::time::Duration;

use gws_sim::SimConfig;

const USAGE: &str = "gws-sim: a GWS API v2 simulator for SMS sessions with a CometD server

Options:
  --listen ADDR           address to bind (default 127.0.0.1:8080)
  --static DIR            serve DIR (a built widget and demo page) on the same origin
  --agents N              agents in the directory (default 4: agent1..agent4)
  --accept-delay-ms MS    how long a simulated agent takes to accept (default 1500)
  --allow-origin PATTERN  an origin allowed to call with credentials, `*` wildcards;
                          repeatable (default http://localhost:* and http://127.0.0.1:*)
  --public-url URL        base of the absolute URIs in answers (default http://ADDR)
  --quiet                 do not log requests and notifications";

fn parse(args: impl Iterator<Item = String>) -> Result<SimConfig, String> {
    let mut config = SimConfig::default();
    let mut origins = Vec::new();
    let mut args = args.peekable();
    while let Some(flag) = args.next() {
        let mut value = || args.next().ok_or_else(|| format!("{flag} needs a value"));
        match flag.as_str() {
            "--listen" => config.listen = value()?.parse().map_err(|e| format!("--listen: {e}"))?,
            "--static" => config.static_dir = Some(PathBuf::from(value()?)),
            "--agents" => config.agents = value()?.parse().map_err(|e| format!("--agents: {e}"))?,
            "--accept-delay-ms" => {
                let ms: u64 = value()?
                    .parse()
                    .map_err(|e| format!("--accept-delay-ms: {e}"))?;
                config.accept_delay = Duration::from_millis(ms);
            }
            "--allow-origin" => origins.push(value()?),
            "--public-url" => config.public_url = Some(value()?),
            "--quiet" => config.verbose = false,
            "--help" | "-h" => return Err(USAGE.to_owned()),
            other => return Err(format!("unknown option {other}\n\n{USAGE}")),
        }
    }
    if !origins.is_empty() {
        config.allowed_origins = origins;
    }
    Ok(config)
}

#[tokio::main]
async fn main() {
    let config = match parse(std::env::args().skip(1)) {
        Ok(config) => config,
        Err(message) => {
            eprintln!("{message}");
            std::process::exit(2);
        }
    };
    let has_static = config.static_dir.is_some();
    let handle = match gws_sim::start(config).await {
        Ok(handle) => handle,
        Err(why) => {
            eprintln!("gws-sim: cannot start: {why}");
            std::process::exit(1);
        }
    };
    let url = handle.url();
    println!("gws-sim listening on {url}");
    if has_static {
        println!("open {url}/?agent=agent1 in a browser (and {url}/?agent=agent2 in another tab)");
    }
    println!("directory: {url}/sim/v1/directory   start a session: POST {url}/sim/v1/sessions");
    tokio::select! {
        result = handle.wait() => {
            if let Err(why) = result {
                eprintln!("gws-sim: server stopped: {why}");
                std::process::exit(1);
            }
        }
        _ = tokio::signal::ctrl_c() => println!("gws-sim: stopping"),
    }
}
