//! Servers the browser tests talk to, each stopped when its handle is dropped.

use std::net::{SocketAddr, TcpListener, TcpStream};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::run::{command, root, step, Result};

/// A child process killed on drop, so a failed test never leaves a server behind.
pub struct Background {
    name: &'static str,
    child: Child,
    pub url: String,
}

impl Drop for Background {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        println!("==> stopped {}", self.name);
    }
}

fn free_port() -> Result<u16> {
    let listener = TcpListener::bind("127.0.0.1:0").map_err(|e| format!("no free port: {e}"))?;
    listener
        .local_addr()
        .map(|address| address.port())
        .map_err(|e| e.to_string())
}

/// Waits until something accepts connections on `port`.
fn wait_for(name: &'static str, port: u16, child: &mut Child) -> Result {
    let address = SocketAddr::from(([127, 0, 0, 1], port));
    let deadline = Instant::now() + Duration::from_secs(60);
    while Instant::now() < deadline {
        if TcpStream::connect_timeout(&address, Duration::from_millis(200)).is_ok() {
            return Ok(());
        }
        if let Ok(Some(status)) = child.try_wait() {
            return Err(format!("{name} exited before listening ({status})"));
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    Err(format!("{name} did not listen on {port} within 60 s"))
}

fn spawn(name: &'static str, mut process: Command, port: u16) -> Result<Background> {
    process.stdout(Stdio::null()).stderr(Stdio::inherit());
    println!("\n==> starting {name} on 127.0.0.1:{port}");
    let mut child = process
        .spawn()
        .map_err(|e| format!("cannot start {name}: {e}"))?;
    if let Err(error) = wait_for(name, port, &mut child) {
        let _ = child.kill();
        return Err(error);
    }
    Ok(Background {
        name,
        child,
        url: format!("http://127.0.0.1:{port}"),
    })
}

/// The GWS simulator, built first so that start-up is quick.
pub fn gws_sim() -> Result<Background> {
    step("cargo", &["build", "-p", "gws-sim"])?;
    let port = free_port()?;
    let binary = root().join("target/debug/gws-sim");
    let listen = format!("127.0.0.1:{port}");
    let process = command(&binary.to_string_lossy(), &["--listen", &listen, "--quiet"]);
    spawn("gws-sim", process, port)
}

/// The official CometD server (npm `cometd-nodejs-server`).
pub fn official_cometd() -> Result<Background> {
    let port = free_port()?;
    let script = root().join("tests/cometd-official/server.cjs");
    let mut process = command("node", &[&script.to_string_lossy()]);
    process.env("PORT", port.to_string());
    spawn("the official CometD server", process, port)
}
