//! `gws-sim`: run the simulator. `--help` lists the options.

use std::path::PathBuf;
use std::time::Duration;

use gws_sim::profile::{EchoText, Preset, ReferenceIds};
use gws_sim::{ProfileRequest, SimConfig};

const USAGE: &str = "gws-sim: a GWS API v2 simulator for SMS sessions with a CometD server

Options:
  --listen ADDR           address to bind (default 127.0.0.1:8080)
  --static DIR            serve DIR (a built widget and demo page) on the same origin
  --agents N              agents in the directory (default 4: agent1..agent4)
  --accept-delay-ms MS    how long a simulated agent takes to accept (default 1500)
  --allow-origin PATTERN  an origin allowed to call with credentials, `*` wildcards;
                          repeatable (default http://localhost:* and http://127.0.0.1:*)
  --public-url URL        base of the absolute URIs in answers (default http://ADDR)
  --quiet                 do not log requests and notifications

Profile (default loopback: none of this; each option alone sets its part only):
  --field                 behave as GWS's documentation shows, far away: the values
                          marked (field) below; later options change single parts
  --latency-ms MS         every GWS REST answer leaves MS after it was made (field 400)
  --notification-delay-ms MS
                          notifications leave MS after the answer of the operation
                          that caused them (field 250)
  --reference-ids always|documented
                          referenceId on every answer and the requester's
                          notifications, or only where a documented sample shows one
                          (field documented)
  --resource-path on|off  `path` on the session resource (field off)
  --echo-text verbatim|normalised
                          SendMessage/SendToAgents texts as sent, or with whitespace
                          runs made one space and trimmed (field normalised)
  --max-text-chars N      cut those texts to N characters (0: never; field 0)
  --index-gaps-every K    about every K-th log entry skips an index (0: never; field 5)
  --seed N                seed of the gaps (default from the clock; printed)";

fn number(flag: &str, text: String) -> Result<u64, String> {
    text.parse().map_err(|e| format!("{flag}: {e}"))
}

fn choice<T: serde::de::DeserializeOwned>(flag: &str, text: String) -> Result<T, String> {
    serde_json::from_value(serde_json::Value::String(text.clone()))
        .map_err(|_| format!("{flag}: `{text}` is not one of the values --help lists"))
}

fn switch(flag: &str, text: String) -> Result<bool, String> {
    match text.as_str() {
        "on" => Ok(true),
        "off" => Ok(false),
        _ => Err(format!("{flag}: `{text}` is neither on nor off")),
    }
}

fn parse(args: impl Iterator<Item = String>) -> Result<SimConfig, String> {
    let mut config = SimConfig::default();
    let mut origins = Vec::new();
    let mut profile = ProfileRequest::default();
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
            "--field" => profile.preset = Some(Preset::Field),
            "--latency-ms" => profile.latency_ms = Some(number(&flag, value()?)?),
            "--notification-delay-ms" => {
                profile.notification_delay_ms = Some(number(&flag, value()?)?)
            }
            "--reference-ids" => {
                profile.reference_ids = Some(choice::<ReferenceIds>(&flag, value()?)?)
            }
            "--resource-path" => profile.resource_path = Some(switch(&flag, value()?)?),
            "--echo-text" => profile.echo_text = Some(choice::<EchoText>(&flag, value()?)?),
            "--max-text-chars" => profile.max_text_chars = Some(number(&flag, value()?)?),
            "--index-gaps-every" => profile.index_gaps_every = Some(number(&flag, value()?)?),
            "--seed" => profile.seed = Some(number(&flag, value()?)?),
            "--help" | "-h" => return Err(USAGE.to_owned()),
            other => return Err(format!("unknown option {other}\n\n{USAGE}")),
        }
    }
    if !origins.is_empty() {
        config.allowed_origins = origins;
    }
    config.profile.apply(&profile);
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
    let profile = serde_json::to_string(&config.profile).unwrap_or_default();
    let handle = match gws_sim::start(config).await {
        Ok(handle) => handle,
        Err(why) => {
            eprintln!("gws-sim: cannot start: {why}");
            std::process::exit(1);
        }
    };
    let url = handle.url();
    println!("gws-sim listening on {url}");
    println!("profile: {profile}");
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

#[cfg(test)]
mod tests {
    use super::*;
    use gws_sim::Profile;

    fn parsed(args: &[&str]) -> Result<SimConfig, String> {
        parse(args.iter().map(|arg| arg.to_string()))
    }

    #[test]
    fn field_then_single_parts() {
        let config = parsed(&[
            "--latency-ms",
            "120",
            "--field",
            "--seed",
            "7",
            "--echo-text",
            "verbatim",
        ])
        .expect("valid flags");
        assert_eq!(
            config.profile,
            Profile {
                latency_ms: 120,
                echo_text: EchoText::Verbatim,
                ..Profile::field(7)
            }
        );
        let one_part = parsed(&["--reference-ids", "documented", "--seed", "3"]).expect("valid");
        assert_eq!(
            one_part.profile,
            Profile {
                reference_ids: ReferenceIds::Documented,
                ..Profile::loopback(3)
            }
        );
    }

    #[test]
    fn bad_profile_values_are_refused_in_words() {
        let why = parsed(&["--reference-ids", "some"])
            .err()
            .unwrap_or_default();
        assert!(why.contains("--reference-ids"), "{why}");
        assert!(parsed(&["--resource-path", "yes"]).is_err());
        assert!(parsed(&["--latency-ms", "-1"]).is_err());
    }
}
