//! Starting and stopping the simulator, in a process or inside a test.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use tokio::net::TcpListener;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

use crate::bayeux::{BayeuxServer, Timing};
use crate::directory::Directory;
use crate::engine::{system_clock, Engine};
use crate::profile::Profile;
use crate::sim::{Settings, Sim};

#[derive(Debug, Clone)]
pub struct SimConfig {
    pub listen: SocketAddr,
    /// Serve this directory (a built widget and demo page) on the same origin.
    pub static_dir: Option<PathBuf>,
    /// How many agents the directory holds (at least the four default ones).
    pub agents: usize,
    pub accept_delay: Duration,
    pub timing: Timing,
    /// Origins allowed to call with credentials (`*` wildcards).
    pub allowed_origins: Vec<String>,
    /// The base of every absolute URI the simulator writes; by default the bound address.
    pub public_url: Option<String>,
    pub verbose: bool,
    /// Loopback (the default) or the field, or anything between.
    pub profile: Profile,
}

impl Default for SimConfig {
    fn default() -> Self {
        SimConfig {
            listen: SocketAddr::from(([127, 0, 0, 1], 8080)),
            static_dir: None,
            agents: 4,
            accept_delay: Duration::from_millis(1500),
            timing: Timing::default(),
            allowed_origins: vec!["http://localhost:*".into(), "http://127.0.0.1:*".into()],
            public_url: None,
            verbose: true,
            profile: Profile::loopback(crate::profile::clock_seed()),
        }
    }
}

/// A running simulator.
pub struct ServerHandle {
    pub addr: SocketAddr,
    pub sim: Arc<Sim>,
    stop: Option<oneshot::Sender<()>>,
    server: JoinHandle<std::io::Result<()>>,
    sweeper: JoinHandle<()>,
    courier: JoinHandle<()>,
}

impl ServerHandle {
    /// `http://127.0.0.1:port`.
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Stops accepting, ends every held long-poll, and waits (at most 5 s) for the
    /// in-flight requests.
    pub async fn shutdown(mut self) {
        self.sim.bayeux.expire_all();
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        self.sweeper.abort();
        self.courier.abort();
        let _ = tokio::time::timeout(Duration::from_secs(5), &mut self.server).await;
        self.server.abort();
    }

    /// Runs until the server fails.
    pub async fn wait(self) -> std::io::Result<()> {
        match self.server.await {
            Ok(result) => result,
            Err(join) => Err(std::io::Error::other(join)),
        }
    }
}

/// Binds `config.listen` (port 0 picks a free port) and serves until shut down.
pub async fn start(config: SimConfig) -> std::io::Result<ServerHandle> {
    let listener = TcpListener::bind(config.listen).await?;
    let addr = listener.local_addr()?;
    let base_url = config
        .public_url
        .clone()
        .unwrap_or_else(|| format!("http://{addr}"));
    let directory = Directory::with_agents(&base_url, config.agents);
    let sim = Arc::new(Sim::new(
        Engine::new(directory, Box::new(system_clock)),
        BayeuxServer::new(config.timing),
        Settings {
            accept_delay: config.accept_delay,
            allowed_origins: config.allowed_origins.clone(),
            verbose: config.verbose,
        },
        config.profile,
    ));
    let app = crate::http::router(Arc::clone(&sim), config.static_dir.clone());
    let (stop, stopped) = oneshot::channel::<()>();
    let server = tokio::spawn(async move {
        axum::serve(listener, app)
            .with_graceful_shutdown(async move {
                let _ = stopped.await;
            })
            .await
    });
    let sweeping = Arc::clone(&sim);
    let sweeper = tokio::spawn(async move {
        let mut tick = tokio::time::interval(Duration::from_millis(500));
        loop {
            tick.tick().await;
            let gone = sweeping.bayeux.expire_idle();
            if gone > 0 {
                sweeping.log(format!("cometd expired {gone} idle client(s)"));
            }
        }
    });
    // Delivers the notifications the profile delays, in order, each when due.
    let delivering = Arc::clone(&sim);
    let courier = tokio::spawn(async move {
        loop {
            match delivering.flush_outbox() {
                Some(due) => {
                    tokio::select! {
                        _ = tokio::time::sleep_until(due.into()) => {}
                        _ = delivering.outbox.changed() => {}
                    }
                }
                None => delivering.outbox.changed().await,
            }
        }
    });
    Ok(ServerHandle {
        addr,
        sim,
        stop: Some(stop),
        server,
        sweeper,
        courier,
    })
}
