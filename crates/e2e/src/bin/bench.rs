//! Live benchmarks of the release widget: latency into the DOM next to the official
//! CometD client, memory (JS heap + wasm), opening a long log, and sending (Enter to the
//! agent's own log and to confirmed, at 0 ms and at 400 ms per answer). Prints a block
//! per benchmark and `BENCH …` lines for a runner; fails only on a correctness check.
//!
//! ```sh
//! cargo run --release -p e2e --bin bench [-- --messages 1000 --warmup 20 --long-log 10000 --sends 200]
//! cargo run --release -p e2e --bin bench -- --sending-only   # the sending figures alone
//! ```

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

use e2e::bench::latency::{self, Latency};
use e2e::bench::long_log::{self, LongLog};
use e2e::bench::memory::{self, mb, Memory};
use e2e::bench::profile;
use e2e::bench::sending::{self, Sending};
use e2e::bench::site::Site;
use e2e::bench::stats::{summarize, Summary};
use e2e::bench::AGENT;
use e2e::flow::{self, CUSTOMER};
use e2e::harness::{dist_dir, Chromedriver, Lab};
use e2e::page::Page;
use e2e::{fail, Result};

/// Sampling interval of `--cpu-profile`: fine enough to see a 20 ms answer's parts.
const PROFILE_INTERVAL_US: u32 = 100;
/// How many of the profile's heaviest functions are printed.
const PROFILE_TOP: usize = 30;

/// The goal for JS heap plus wasm memory, in MB (10^6 bytes).
const MEMORY_GOAL_MB: f64 = 30.0;

/// The goal for Enter to the message in the agent's own log, at p95: one frame.
const SHOWN_GOAL_MS: f64 = 16.0;

/// The sending runs, side by side: (latency per answer, notification delay after it), in
/// ms. The second is the field profile as it comes (`cargo xtask`'s e2e field scenarios).
const SENDING_RUNS: [(u64, u64); 2] = [(0, 0), (400, 250)];

struct Options {
    messages: usize,
    warmup: usize,
    long_log: usize,
    /// Without the official client in the page: the widget's latency alone.
    widget_only: bool,
    /// Where to save a CPU profile of the page during the latency run.
    cpu_profile: Option<PathBuf>,
    /// Messages sent at each latency of the sending benchmark.
    sends: usize,
    /// Only the sending benchmark.
    sending_only: bool,
}

const USAGE: &str =
    "usage: bench [--messages N (1000)] [--warmup N (20)] [--long-log N (10000)] [--sends N (200)] [--widget-only] [--sending-only] [--cpu-profile FILE]";

fn options() -> Result<Options> {
    let mut options = Options {
        messages: 1000,
        warmup: 20,
        long_log: 10_000,
        widget_only: false,
        cpu_profile: None,
        sends: 200,
        sending_only: false,
    };
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        if flag == "--widget-only" {
            options.widget_only = true;
            continue;
        }
        if flag == "--sending-only" {
            options.sending_only = true;
            continue;
        }
        if flag == "--cpu-profile" {
            match args.next() {
                Some(path) => options.cpu_profile = Some(path.into()),
                None => return fail(format!("{flag} takes a file; {USAGE}")),
            }
            continue;
        }
        let slot = match flag.as_str() {
            "--messages" => &mut options.messages,
            "--warmup" => &mut options.warmup,
            "--long-log" => &mut options.long_log,
            "--sends" => &mut options.sends,
            _ => return fail(USAGE),
        };
        *slot = match args.next().and_then(|n| n.parse().ok()) {
            Some(n) => n,
            None => return fail(format!("{flag} takes a number; {USAGE}")),
        };
    }
    if options.messages == 0 || options.long_log == 0 || options.sends == 0 {
        return fail(format!("counts must be at least 1; {USAGE}"));
    }
    Ok(options)
}

#[tokio::main]
async fn main() -> ExitCode {
    match run().await {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("bench: {error}");
            ExitCode::FAILURE
        }
    }
}

async fn run() -> Result<()> {
    let options = options()?;
    let dist = dist_dir()?;
    let driver = Arc::new(Chromedriver::start().await?);
    println!(
        "widget: {} (release build), gws-sim in-process, loopback",
        dist.display()
    );
    if options.sending_only {
        return sending_runs(driver, &dist, options.sends).await;
    }
    let site = Site::build(&dist)?;

    let mut lab = Lab::start(driver.clone(), site.path()).await?;
    let first = latency_run(&mut lab, &options).await;
    lab.finish().await;
    let (empty, latency, after_run) = first?;
    print_latency(&latency, options.warmup);

    let mut lab = Lab::start(driver.clone(), site.path()).await?;
    let second = long_log::run(&mut lab, options.long_log).await;
    lab.finish().await;
    let long = second?;

    print_memory(&[
        ("empty", "a session with its opening text".to_owned(), empty),
        (
            "after_run",
            format!(
                "after the {} messages of the latency run",
                latency.widget.len()
            ),
            after_run,
        ),
        (
            "long_log",
            format!("a session of {} messages opened", long.entries),
            long.memory,
        ),
    ]);
    print_long_log(&long);
    sending_runs(driver, &dist, options.sends).await
}

/// The sending benchmark at each of [`SENDING_RUNS`], in one simulator, then its figures
/// side by side.
async fn sending_runs(driver: Arc<Chromedriver>, dist: &Path, sends: usize) -> Result<()> {
    let mut lab = Lab::start(driver, dist).await?;
    let mut runs = Vec::new();
    for (latency_ms, notification_delay_ms) in SENDING_RUNS {
        match sending::run(&mut lab, latency_ms, notification_delay_ms, sends).await {
            Ok(run) => runs.push(run),
            Err(error) => {
                lab.finish().await;
                return Err(error);
            }
        }
    }
    lab.finish().await;
    print_sending(&runs, sends);
    Ok(())
}

/// Opens a session, measures the page's memory, runs the latency loop, measures again
/// (official client gone), then checks the widget's whole log.
async fn latency_run(lab: &mut Lab, options: &Options) -> Result<(Memory, Latency, Memory)> {
    let session = lab
        .control
        .start_session(AGENT, CUSTOMER, "Hi, a question")
        .await?;
    let client = flow::open_and_accept(lab, AGENT, &session).await?;
    let version = client
        .run(
            "return navigator.userAgent.match(/Chrome\\/[0-9.]+/)?.[0] ?? navigator.userAgent;",
            vec![],
        )
        .await?;
    println!("browser: {}", version.as_str().unwrap_or("unknown"));
    let empty = memory::measure(&client).await?;
    if options.cpu_profile.is_some() {
        profile::start(&client, PROFILE_INTERVAL_US).await?;
    }
    let latency = latency::run(
        &client,
        &session,
        options.messages,
        options.warmup,
        options.widget_only,
    )
    .await?;
    if let Some(path) = &options.cpu_profile {
        save_profile(&profile::stop(&client).await?, path)?;
    }
    latency::stop(&client).await?;
    let after_run = memory::measure(&client).await?;
    latency::check_widget(&client, &lab.control, &session, &latency.texts).await?;
    Ok((empty, latency, after_run))
}

/// Writes the profile (open it in DevTools' Performance panel) and prints its heaviest
/// functions by self time.
fn save_profile(cpu_profile: &serde_json::Value, path: &Path) -> Result<()> {
    std::fs::write(path, cpu_profile.to_string())?;
    let (times, total) = profile::self_times(cpu_profile)?;
    println!();
    println!(
        "== CPU profile of the latency run: {total:.0} ms sampled, saved to {}",
        path.display()
    );
    for time in times.iter().take(PROFILE_TOP) {
        println!(
            "  {:>9.1} ms {:>5.1}%  {}",
            time.ms,
            100.0 * time.ms / total.max(f64::MIN_POSITIVE),
            time.function
        );
    }
    Ok(())
}

fn ms(x: f64) -> String {
    format!("{x:8.2} ms")
}

fn row(name: &str, s: &Summary) -> String {
    format!("  {name:<24}{}{}{}", ms(s.p50), ms(s.p95), ms(s.max))
}

fn bench_line(what: &str, s: &Summary) -> String {
    format!(
        "BENCH latency {what} p50_ms={:.2} p95_ms={:.2} max_ms={:.2} n={}",
        s.p50, s.p95, s.max, s.count
    )
}

fn print_latency(latency: &Latency, warmup: usize) {
    let (Some(widget), Some(post)) = (summarize(&latency.widget), summarize(&latency.post)) else {
        println!("latency: no samples");
        return;
    };
    let official = summarize(&latency.official);
    // The widget measured alone is reported under its own name, not as the comparison's.
    let widget_key = if official.is_some() {
        "widget"
    } else {
        "widget_alone"
    };
    println!();
    println!(
        "== Latency: gws-sim publishes a customer text -> the text is in the DOM ({} texts after {warmup} warm-up, one at a time)",
        widget.count
    );
    match official {
        Some(_) => println!(
            "   t0 = just before the page's POST to the control API; both clients share that round trip and the page's main thread"
        ),
        None => println!("   t0 = just before the page's POST to the control API; the widget alone in the page"),
    }
    println!("  {:<24}{:>11}{:>11}{:>11}", "", "p50", "p95", "max");
    println!("{}", row("widget", &widget));
    if let Some(official) = &official {
        println!("{}", row("official CometD client", official));
    }
    println!("{}", row("(POST answered)", &post));
    println!("  where the time goes (Resource Timing of each client's long-poll answer):");
    // Per client: when its long-poll answer arrived, and its own work from there to the DOM.
    let sides = [
        ("widget", &latency.widget, &latency.widget_poll),
        ("official", &latency.official, &latency.official_poll),
    ];
    let mut parts: Vec<(String, Summary)> = Vec::new();
    for (side, into_dom, polls) in sides {
        for (part, label, samples) in [
            ("poll", "poll answered", Latency::answered(polls)),
            (
                "work",
                "answer -> DOM",
                Latency::after_answer(into_dom, polls),
            ),
        ] {
            if let Some(summary) = summarize(&samples) {
                println!("{}", row(&format!("{side}: {label}"), &summary));
                parts.push((format!("{side}_{part}"), summary));
            }
        }
    }
    let ratio = official.map(|official| (widget.p50 / official.p50, widget.p95 / official.p95));
    if let Some((r50, r95)) = ratio {
        let verdict = if r50 <= 1.0 && r95 <= 1.0 {
            "met"
        } else {
            "not met"
        };
        println!(
            "  widget / official: p50 {r50:.2}x, p95 {r95:.2}x (goal: no slower, i.e. <= 1.00x): {verdict}"
        );
    }
    println!(
        "  every one of the {} texts arrived exactly once in {}",
        latency.texts.len(),
        if official.is_some() {
            "each"
        } else {
            "the widget"
        }
    );
    println!("{}", bench_line(widget_key, &widget));
    if let Some(official) = &official {
        println!("{}", bench_line("official", official));
    }
    println!("{}", bench_line("post", &post));
    for (key, summary) in &parts {
        println!("{}", bench_line(key, summary));
    }
    if let Some((r50, r95)) = ratio {
        println!("BENCH latency ratio p50={r50:.3} p95={r95:.3}");
    }
}

fn print_sending(runs: &[Sending], sends: usize) {
    println!();
    println!(
        "== Sending: Enter -> the message in the agent's own log, and -> confirmed by the server's copy ({sends} sends one at a time, field profile)"
    );
    println!("  {:<36}{:>11}{:>11}{:>11}", "", "p50", "p95", "max");
    let mut lines = Vec::new();
    for run in runs {
        let (Some(shown), Some(confirmed)) = (summarize(&run.shown), summarize(&run.confirmed))
        else {
            println!("  {} ms per answer: no samples", run.latency_ms);
            continue;
        };
        let at = format!("{} ms per answer:", run.latency_ms);
        for (what, s) in [("in the log", &shown), ("confirmed", &confirmed)] {
            println!(
                "  {:<36}{}{}{}",
                format!("{at} {what}"),
                ms(s.p50),
                ms(s.p95),
                ms(s.max)
            );
        }
        let verdict = if shown.p95 <= SHOWN_GOAL_MS {
            "met"
        } else {
            "not met"
        };
        println!("  {at} in the log within one frame (p95 <= {SHOWN_GOAL_MS} ms): {verdict}");
        lines.push(format!(
            "BENCH sending latency_ms={} shown_p50_ms={:.2} shown_p95_ms={:.2} shown_max_ms={:.2} confirmed_p50_ms={:.2} confirmed_p95_ms={:.2} confirmed_max_ms={:.2} n={}",
            run.latency_ms, shown.p50, shown.p95, shown.max, confirmed.p50, confirmed.p95, confirmed.max, shown.count
        ));
    }
    for line in lines {
        println!("{line}");
    }
}

fn print_memory(rows: &[(&str, String, Memory)]) {
    println!();
    println!("== Memory after forced GC: JS heap + wasm memory (goal < {MEMORY_GOAL_MB} MB, MB = 10^6 bytes)");
    println!(
        "  {:<44}{:>10}{:>10}{:>10}{:>11}{:>10}",
        "", "JS heap", "wasm", "total", "backing", "DOM nodes"
    );
    for (_, label, m) in rows {
        let backing = m
            .backing_store
            .map(|b| format!("{:.2} MB", mb(b)))
            .unwrap_or_else(|| "n/a".to_owned());
        println!(
            "  {label:<44}{:>7.2} MB{:>7.2} MB{:>7.2} MB{backing:>11}{:>10}  {}",
            mb(m.js_heap),
            mb(m.wasm),
            mb(m.total()),
            m.dom_nodes,
            if mb(m.total()) < MEMORY_GOAL_MB {
                "met"
            } else {
                "not met"
            }
        );
    }
    let wasm_in_backing = rows
        .iter()
        .all(|(_, _, m)| m.backing_store.is_some_and(|b| b >= m.wasm));
    println!(
        "  (backing = DevTools' backingStorageSize, ArrayBuffers outside the JS heap; here it {} the wasm memory)",
        if wasm_in_backing { "may hold" } else { "does not hold" }
    );
    for (key, _, m) in rows {
        println!(
            "BENCH memory {key} js_heap_bytes={} wasm_bytes={} total_bytes={} backing_bytes={} dom_nodes={} listeners={}",
            m.js_heap,
            m.wasm,
            m.total(),
            m.backing_store.map(|b| b.to_string()).unwrap_or_else(|| "na".into()),
            m.dom_nodes,
            m.listeners
        );
    }
}

fn print_long_log(long: &LongLog) {
    let t = &long.timings;
    println!();
    println!(
        "== Opening a session of {} messages (seeded through the control API in {:.1} s)",
        long.entries,
        long.seeding.as_secs_f64()
    );
    println!(
        "  navigation -> newest entry in the DOM {:>10.1} ms",
        t.newest
    );
    println!(
        "  navigation -> DOMContentLoaded        {:>10.1} ms",
        t.dom_ready
    );
    if let Some(read) = &t.messages {
        println!(
            "  GET …/messages                        {:>10.1} ms -> {:.1} ms ({:.2} MB)",
            read.start,
            read.end,
            mb(read.bytes as u64)
        );
    }
    println!(
        "  rendered entries: {} (the newest page of the log)",
        long.rendered
    );
    println!(
        "BENCH load entries={} newest_ms={:.1} dom_ready_ms={:.1} messages_start_ms={} messages_end_ms={} messages_bytes={} rendered={}",
        long.entries,
        t.newest,
        t.dom_ready,
        t.messages.as_ref().map(|r| format!("{:.1}", r.start)).unwrap_or_else(|| "na".into()),
        t.messages.as_ref().map(|r| format!("{:.1}", r.end)).unwrap_or_else(|| "na".into()),
        t.messages.as_ref().map(|r| format!("{}", r.bytes as u64)).unwrap_or_else(|| "na".into()),
        long.rendered
    );
}
