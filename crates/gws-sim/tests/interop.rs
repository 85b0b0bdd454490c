//! Interoperability: the official CometD JavaScript client (npm `cometd` with
//! `cometd-nodejs-client`) against the simulator. Needs Node.js and
//! `npm ci --prefix crates/gws-sim/interop`.

mod common;

use std::path::Path;
use std::time::Duration;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_official_cometd_client_handshakes_subscribes_and_receives() {
    let interop = Path::new(env!("CARGO_MANIFEST_DIR")).join("interop");
    assert!(
        interop.join("node_modules/cometd").is_dir() && interop.join("node_modules/cometd-nodejs-client").is_dir(),
        "the CometD interoperability test needs its npm packages: run `npm ci --prefix crates/gws-sim/interop` (cargo xtask test does)"
    );
    let sim = common::server().await;
    let run = tokio::process::Command::new("node")
        .arg("interop.mjs")
        .arg(sim.url())
        .current_dir(&interop)
        .kill_on_drop(true)
        .output();
    let output = match tokio::time::timeout(Duration::from_secs(90), run).await {
        Ok(Ok(output)) => output,
        Ok(Err(why)) => panic!("cannot run `node` (is Node.js installed?): {why}"),
        Err(_) => panic!("the interop script did not finish within 90 s"),
    };
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success(),
        "interop failed\nstdout:\n{stdout}\nstderr:\n{stderr}"
    );
    assert!(stdout.contains("interop: OK"), "{stdout}");
    sim.shutdown().await;
}
