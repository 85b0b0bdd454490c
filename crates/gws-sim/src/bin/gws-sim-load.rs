//! Load test: N signed-in agents, each with a live CometD long-poll and an accepted
//! SMS session; the customer of every session texts once a second for the run. Checks
//! that every text reaches its agent exactly once and reports notifications delivered
//! per second and the publish-to-delivery latency (from before the control-API POST to
//! the long-poll answer that carries it).
//!
//!   cargo run --release -p gws-sim --bin gws-sim-load -- [--agents 1000] [--seconds 60] [--rate 1] [--target URL]
//!
//! Without `--target` the simulator runs in this process on 127.0.0.1:0. With it, the
//! simulator must have been started with `--agents N` (or more). Exits 1 on any loss,
//! duplicate or protocol error.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

const TOPIC: &str = "/v2/me/smssessions";

struct Options {
    agents: usize,
    seconds: u64,
    /// Texts per second from each session's customer.
    rate: u32,
    target: Option<String>,
}

fn options() -> Result<Options, String> {
    let mut options = Options {
        agents: 1000,
        seconds: 60,
        rate: 1,
        target: None,
    };
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        let mut value = || args.next().ok_or_else(|| format!("{flag} needs a value"));
        match flag.as_str() {
            "--agents" => {
                options.agents = value()?.parse().map_err(|e| format!("--agents: {e}"))?
            }
            "--seconds" => {
                options.seconds = value()?.parse().map_err(|e| format!("--seconds: {e}"))?
            }
            "--rate" => {
                options.rate = value()?.parse().map_err(|e| format!("--rate: {e}"))?;
                if options.rate == 0 {
                    return Err("--rate must be at least 1".into());
                }
            }
            "--target" => options.target = Some(value()?),
            other => {
                return Err(format!(
                    "unknown option {other}; use --agents N --seconds S --rate R [--target URL]"
                ))
            }
        }
    }
    Ok(options)
}

/// What every agent's publisher and receiver share.
struct Ledger {
    /// When each (agent, seq) text was published.
    sent: Mutex<HashMap<(usize, u64), Instant>>,
    /// How many times each (agent, seq) arrived, and the latencies in microseconds.
    arrived: Mutex<HashMap<(usize, u64), u32>>,
    latencies: Mutex<Vec<u64>>,
    errors: AtomicU64,
}

async fn json_of(response: reqwest::Response) -> Result<Value, String> {
    response.json().await.map_err(|e| format!("bad JSON: {e}"))
}

/// One load agent's client: its number, session cookie, CSRF token and CometD client id.
struct AgentClient {
    number: usize,
    cookie: String,
    token: String,
    client_id: String,
}

async fn bayeux(
    http: &reqwest::Client,
    base: &str,
    cookie: &str,
    body: Value,
) -> Result<Vec<Value>, String> {
    let response = http
        .post(format!("{base}/api/v2/notifications"))
        .header("cookie", cookie)
        .json(&body)
        .send()
        .await
        .map_err(|e| format!("bayeux: {e}"))?;
    Ok(json_of(response)
        .await?
        .as_array()
        .cloned()
        .unwrap_or_default())
}

/// Signs in, subscribes, takes the offered session; returns the agent and session id.
async fn prepare(
    http: &reqwest::Client,
    base: &str,
    number: usize,
) -> Result<(AgentClient, String), String> {
    let username = format!("agent{number}");
    let me = http
        .get(format!("{base}/api/v2/me"))
        .basic_auth(&username, Some("password"))
        .send()
        .await
        .map_err(|e| format!("sign-in: {e}"))?;
    let header = |name: &str| {
        me.headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_owned()
    };
    let cookie = header("set-cookie")
        .split(';')
        .next()
        .unwrap_or_default()
        .to_owned();
    let token = header("x-csrf-token");
    let shake = bayeux(http, base, &cookie, json!([{"channel": "/meta/handshake", "version": "1.0", "supportedConnectionTypes": ["long-polling"]}])).await?;
    let client_id = shake
        .first()
        .and_then(|m| m["clientId"].as_str())
        .ok_or("handshake refused")?
        .to_owned();
    bayeux(
        http,
        base,
        &cookie,
        json!([{"channel": "/meta/subscribe", "clientId": client_id, "subscription": TOPIC}]),
    )
    .await?;
    bayeux(http, base, &cookie, json!([{"channel": "/meta/connect", "clientId": client_id, "connectionType": "long-polling", "advice": {"timeout": 0}}])).await?;
    let started = http
        .post(format!("{base}/sim/v1/sessions"))
        .json(&json!({"agent": username, "nickname": format!("Customer{number}"), "text": ""}))
        .send()
        .await
        .map_err(|e| format!("start session: {e}"))?;
    let id = json_of(started).await?["id"]
        .as_str()
        .ok_or("no session id")?
        .to_owned();
    let accepted = http
        .post(format!("{base}/api/v2/me/smssessions/{id}"))
        .header("cookie", &cookie)
        .header("x-csrf-token", &token)
        .json(&json!({"operationName": "Accept", "nickname": username}))
        .send()
        .await
        .map_err(|e| format!("accept: {e}"))?;
    if json_of(accepted).await?["statusCode"] != 0 {
        return Err("Accept refused".into());
    }
    Ok((
        AgentClient {
            number,
            cookie,
            token,
            client_id,
        },
        id,
    ))
}

/// Long-polls until `stop`, recording every load text that arrives.
async fn receive(
    http: reqwest::Client,
    base: String,
    agent: AgentClient,
    ledger: Arc<Ledger>,
    stop: Arc<std::sync::atomic::AtomicBool>,
) {
    let connect = json!([{"channel": "/meta/connect", "clientId": agent.client_id, "connectionType": "long-polling"}]);
    while !stop.load(Ordering::Relaxed) {
        let replies = match bayeux(&http, &base, &agent.cookie, connect.clone()).await {
            Ok(replies) => replies,
            Err(_) => {
                ledger.errors.fetch_add(1, Ordering::Relaxed);
                tokio::time::sleep(Duration::from_millis(100)).await;
                continue;
            }
        };
        let now = Instant::now();
        for reply in &replies {
            if reply["channel"] == "/meta/connect" && reply["successful"] != true {
                ledger.errors.fetch_add(1, Ordering::Relaxed);
            }
            let texts = reply["data"]["messages"]
                .as_array()
                .cloned()
                .unwrap_or_default();
            for message in texts {
                let Some(seq) = message["text"]
                    .as_str()
                    .and_then(|t| t.strip_prefix("load:"))
                    .and_then(|t| t.parse::<u64>().ok())
                else {
                    continue;
                };
                let key = (agent.number, seq);
                *ledger
                    .arrived
                    .lock()
                    .unwrap_or_else(|p| p.into_inner())
                    .entry(key)
                    .or_default() += 1;
                let sent = ledger
                    .sent
                    .lock()
                    .unwrap_or_else(|p| p.into_inner())
                    .get(&key)
                    .copied();
                if let Some(sent) = sent {
                    let micros = now.saturating_duration_since(sent).as_micros() as u64;
                    ledger
                        .latencies
                        .lock()
                        .unwrap_or_else(|p| p.into_inner())
                        .push(micros);
                }
            }
        }
    }
    let _ = agent.token;
}

/// When one customer texts: `count` texts, `period` apart, the first after `offset`.
struct Schedule {
    offset: Duration,
    period: Duration,
    count: u64,
}

/// The customer of `session` texts `load:{seq}` on `schedule`.
async fn publish(
    http: reqwest::Client,
    base: String,
    number: usize,
    session: String,
    schedule: Schedule,
    ledger: Arc<Ledger>,
) {
    let mut tick = tokio::time::interval_at(
        tokio::time::Instant::now() + schedule.offset,
        schedule.period,
    );
    for seq in 0..schedule.count {
        tick.tick().await;
        ledger
            .sent
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .insert((number, seq), Instant::now());
        let posted = http
            .post(format!(
                "{base}/sim/v1/sessions/{session}/customer-messages"
            ))
            .json(&json!({"text": format!("load:{seq}")}))
            .send()
            .await;
        if !posted.is_ok_and(|r| r.status().as_u16() == 204) {
            ledger.errors.fetch_add(1, Ordering::Relaxed);
        }
    }
}

fn percentile(sorted: &[u64], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let rank = ((p / 100.0) * (sorted.len() - 1) as f64).round() as usize;
    sorted[rank.min(sorted.len() - 1)] as f64 / 1000.0
}

#[tokio::main]
async fn main() {
    let options = match options() {
        Ok(options) => options,
        Err(message) => {
            eprintln!("{message}");
            std::process::exit(2);
        }
    };
    match rlimit::increase_nofile_limit(u64::MAX) {
        Ok(limit) => println!("open-file limit: {limit}"),
        Err(why) => eprintln!("could not raise the open-file limit ({why}); use `ulimit -n 65536`"),
    }
    let (base, server) = match &options.target {
        Some(target) => (target.trim_end_matches('/').to_owned(), None),
        None => {
            let config = gws_sim::SimConfig {
                listen: "127.0.0.1:0".parse().expect("a literal address"),
                agents: options.agents,
                verbose: false,
                ..gws_sim::SimConfig::default()
            };
            match gws_sim::start(config).await {
                Ok(handle) => (handle.url(), Some(handle)),
                Err(why) => {
                    eprintln!("cannot start the simulator: {why}");
                    std::process::exit(1);
                }
            }
        }
    };
    let client = || {
        reqwest::Client::builder()
            .timeout(Duration::from_secs(90))
            .pool_max_idle_per_host(usize::MAX)
            .build()
    };
    let (Ok(setup_http), Ok(poll_http), Ok(publish_http)) = (client(), client(), client()) else {
        eprintln!("cannot build an HTTP client");
        std::process::exit(1);
    };
    println!("target {base}: preparing {} agents…", options.agents);
    let prepared_at = Instant::now();
    let mut sessions = Vec::new();
    let mut pending = tokio::task::JoinSet::new();
    for number in 1..=options.agents {
        let (http, base) = (setup_http.clone(), base.clone());
        pending.spawn(async move { prepare(&http, &base, number).await });
        // Keep at most 64 sign-ins in flight.
        while pending.len() >= 64 {
            if let Some(done) = pending.join_next().await {
                sessions.push(done);
            }
        }
    }
    while let Some(done) = pending.join_next().await {
        sessions.push(done);
    }
    let mut agents = Vec::new();
    for done in sessions {
        match done {
            Ok(Ok(prepared)) => agents.push(prepared),
            Ok(Err(why)) => {
                eprintln!("setup failed: {why}");
                std::process::exit(1);
            }
            Err(why) => {
                eprintln!("setup task failed: {why}");
                std::process::exit(1);
            }
        }
    }
    println!(
        "{} agents signed in, subscribed and chatting in {:.1} s",
        agents.len(),
        prepared_at.elapsed().as_secs_f64()
    );

    let ledger = Arc::new(Ledger {
        sent: Mutex::new(HashMap::new()),
        arrived: Mutex::new(HashMap::new()),
        latencies: Mutex::new(Vec::new()),
        errors: AtomicU64::new(0),
    });
    let stop = Arc::new(std::sync::atomic::AtomicBool::new(false));
    let mut receivers = Vec::new();
    let mut publishers = Vec::new();
    let count = agents.len().max(1);
    for (index, (agent, session)) in agents.into_iter().enumerate() {
        let number = agent.number;
        receivers.push(tokio::spawn(receive(
            poll_http.clone(),
            base.clone(),
            agent,
            Arc::clone(&ledger),
            Arc::clone(&stop),
        )));
        // Spread the publications evenly over each period.
        let offset = Duration::from_micros(
            (index as u64 * 1_000_000) / (count as u64 * u64::from(options.rate)),
        );
        publishers.push(tokio::spawn(publish(
            publish_http.clone(),
            base.clone(),
            number,
            session,
            Schedule {
                offset,
                period: Duration::from_secs(1) / options.rate,
                count: options.seconds * u64::from(options.rate),
            },
            Arc::clone(&ledger),
        )));
    }
    let started = Instant::now();
    for publisher in publishers {
        let _ = publisher.await;
    }
    let published_for = started.elapsed();
    let expected = (count as u64) * options.seconds * u64::from(options.rate);
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let arrived = ledger
            .arrived
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .len() as u64;
        if arrived >= expected || Instant::now() > deadline {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let delivered_for = started.elapsed();
    stop.store(true, Ordering::Relaxed);
    for receiver in receivers {
        receiver.abort();
    }

    let arrived = ledger
        .arrived
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .clone();
    let sent = ledger.sent.lock().unwrap_or_else(|p| p.into_inner()).len() as u64;
    let lost = sent.saturating_sub(arrived.len() as u64);
    let duplicated = arrived.values().filter(|n| **n > 1).count();
    let delivered: u64 = arrived.values().map(|n| u64::from(*n)).sum();
    let mut latencies = ledger
        .latencies
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .clone();
    latencies.sort_unstable();
    let errors = ledger.errors.load(Ordering::Relaxed);
    println!(
        "agents: {count}, seconds: {}, texts per second per agent: {}, published: {sent} (expected {expected})",
        options.seconds, options.rate
    );
    println!("delivered: {delivered}, lost: {lost}, duplicated: {duplicated}, protocol/HTTP errors: {errors}");
    println!(
        "notifications delivered per second: {:.0} (publishing took {:.1} s, last delivery after {:.1} s)",
        delivered as f64 / published_for.as_secs_f64(),
        published_for.as_secs_f64(),
        delivered_for.as_secs_f64()
    );
    println!(
        "publish-to-delivery latency: p50 {:.1} ms, p99 {:.1} ms, max {:.1} ms",
        percentile(&latencies, 50.0),
        percentile(&latencies, 99.0),
        percentile(&latencies, 100.0)
    );
    if let Some(server) = server {
        server.shutdown().await;
    }
    if lost > 0 || duplicated > 0 || sent < expected || errors > 0 {
        eprintln!("FAIL: messages were lost, duplicated or refused");
        std::process::exit(1);
    }
    println!("OK: nothing lost, nothing duplicated");
}
