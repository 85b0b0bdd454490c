//! A small GWS + Bayeux client for the tests, and a simulator on 127.0.0.1:0.
#![allow(dead_code)]

use std::time::Duration;

use gws_sim::bayeux::Timing;
use gws_sim::{ServerHandle, SimConfig};
use serde_json::{json, Value};

pub const TOPIC: &str = "/v2/me/smssessions";

pub async fn server() -> ServerHandle {
    server_with(|_| {}).await
}

pub async fn server_with(adjust: impl FnOnce(&mut SimConfig)) -> ServerHandle {
    let mut config = SimConfig {
        listen: "127.0.0.1:0".parse().expect("address"),
        accept_delay: Duration::from_millis(200),
        timing: Timing {
            timeout: Duration::from_millis(1500),
            interval: Duration::ZERO,
            max_interval: Duration::from_secs(10),
        },
        verbose: false,
        ..SimConfig::default()
    };
    adjust(&mut config);
    gws_sim::start(config).await.expect("the simulator starts")
}

pub fn http() -> reqwest::Client {
    reqwest::Client::builder()
        .timeout(Duration::from_secs(20))
        .build()
        .expect("client")
}

async fn answer(response: reqwest::Response) -> (u16, Value) {
    let status = response.status().as_u16();
    let text = response.text().await.unwrap_or_default();
    (
        status,
        serde_json::from_str(&text).unwrap_or(Value::String(text)),
    )
}

/// A control API read: the HTTP status and the answer.
pub async fn control_get(base: &str, path: &str) -> (u16, Value) {
    let response = http()
        .get(format!("{base}{path}"))
        .send()
        .await
        .expect("GET");
    answer(response).await
}

/// Control API call.
pub async fn control(base: &str, path: &str, body: Value) -> (u16, Value) {
    let response = http()
        .post(format!("{base}{path}"))
        .json(&body)
        .send()
        .await
        .expect("control");
    answer(response).await
}

pub async fn start_session(base: &str, agent: &str, text: &str) -> String {
    let (status, body) = control(
        base,
        "/sim/v1/sessions",
        json!({"agent": agent, "nickname": "FirstL", "text": text}),
    )
    .await;
    assert_eq!(status, 201, "{body}");
    body["id"].as_str().expect("id").to_owned()
}

pub async fn target_uri(base: &str, username: &str) -> String {
    let directory: Value = http()
        .get(format!("{base}/sim/v1/directory"))
        .send()
        .await
        .expect("directory")
        .json()
        .await
        .expect("json");
    directory["agents"]
        .as_array()
        .and_then(|agents| agents.iter().find(|a| a["username"] == username))
        .and_then(|a| a["uri"].as_str())
        .expect("agent in directory")
        .to_owned()
}

/// A client signed in as an agent: session cookie and CSRF token.
pub struct AgentClient {
    pub base: String,
    pub cookie: String,
    pub token: String,
    pub client_id: String,
    http: reqwest::Client,
}

impl AgentClient {
    pub async fn sign_in(base: &str, username: &str) -> AgentClient {
        let http = http();
        let response = http
            .get(format!("{base}/api/v2/me"))
            .basic_auth(username, Some("password"))
            .send()
            .await
            .expect("GET /api/v2/me");
        assert_eq!(response.status().as_u16(), 200);
        let header = |name: &str| {
            response
                .headers()
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
        assert!(cookie.starts_with("JSESSIONID="), "{cookie}");
        AgentClient {
            base: base.to_owned(),
            cookie,
            token,
            client_id: String::new(),
            http,
        }
    }

    pub async fn get(&self, path: &str) -> (u16, Value) {
        let response = self
            .http
            .get(format!("{}{path}", self.base))
            .header("cookie", &self.cookie)
            .send()
            .await
            .expect("GET");
        answer(response).await
    }

    pub async fn post(&self, path: &str, body: &str) -> (u16, Value) {
        let response = self
            .http
            .post(format!("{}{path}", self.base))
            .header("cookie", &self.cookie)
            .header("x-csrf-token", &self.token)
            .header("content-type", "application/json")
            .body(body.to_owned())
            .send()
            .await
            .expect("POST");
        answer(response).await
    }

    /// Posts an operation and returns its referenceId.
    pub async fn operate(&self, id: &str, body: Value) -> u64 {
        let (status, answer) = self
            .post(&format!("/api/v2/me/smssessions/{id}"), &body.to_string())
            .await;
        assert_eq!(
            (status, answer["statusCode"].clone()),
            (200, json!(0)),
            "{answer}"
        );
        answer["referenceId"].as_u64().expect("referenceId")
    }

    pub async fn bayeux(
        &self,
        path: &str,
        messages: Value,
    ) -> Result<(u16, Value), reqwest::Error> {
        let response = self
            .http
            .post(format!("{}/api/v2/notifications{path}", self.base))
            .header("cookie", &self.cookie)
            .json(&messages)
            .send()
            .await?;
        let status = response.status().as_u16();
        let body = response.json().await?;
        Ok((status, body))
    }

    /// Handshake, subscribe to the SMS topic, and the first (immediate) connect.
    pub async fn subscribe(&mut self) {
        let (_, shake) = self
            .bayeux("/handshake", json!([{"channel": "/meta/handshake", "version": "1.0", "supportedConnectionTypes": ["long-polling"], "id": "1"}]))
            .await
            .expect("handshake");
        assert_eq!(shake[0]["successful"], true, "{shake}");
        self.client_id = shake[0]["clientId"].as_str().expect("clientId").to_owned();
        let (_, sub) = self
            .bayeux("", json!([{"channel": "/meta/subscribe", "clientId": self.client_id, "subscription": TOPIC, "id": "2"}]))
            .await
            .expect("subscribe");
        assert_eq!(sub[0]["successful"], true, "{sub}");
        self.connect().await.expect("first connect");
    }

    /// One `/meta/connect`: the whole reply array.
    pub async fn connect(&self) -> Result<Vec<Value>, reqwest::Error> {
        let (_, reply) = self
            .bayeux("/connect", json!([{"channel": "/meta/connect", "clientId": self.client_id, "connectionType": "long-polling", "id": "c"}]))
            .await?;
        Ok(reply.as_array().cloned().unwrap_or_default())
    }

    /// Connects until `enough` holds for the notifications gathered (or 15 s pass).
    pub async fn collect(&self, enough: impl Fn(&[Value]) -> bool) -> Vec<Value> {
        let deadline = tokio::time::Instant::now() + Duration::from_secs(15);
        let mut gathered = Vec::new();
        while !enough(&gathered) {
            assert!(
                tokio::time::Instant::now() < deadline,
                "gave up waiting; got {gathered:?}"
            );
            let replies = self.connect().await.expect("connect");
            let meta = replies
                .iter()
                .find(|m| m["channel"] == "/meta/connect")
                .cloned()
                .unwrap_or_default();
            assert_eq!(meta["successful"], true, "{meta}");
            gathered.extend(
                replies
                    .into_iter()
                    .filter(|m| m["channel"] == TOPIC)
                    .map(|m| m["data"].clone()),
            );
        }
        gathered
    }
}

/// Notifications of one type.
pub fn of_type<'a>(notes: &'a [Value], kind: &str) -> Vec<&'a Value> {
    notes
        .iter()
        .filter(|n| n["notificationType"] == kind)
        .collect()
}

/// A directory of static files that is removed when dropped.
pub struct StaticDir(pub std::path::PathBuf);

impl StaticDir {
    pub fn new() -> StaticDir {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or_default();
        let dir =
            std::env::temp_dir().join(format!("gws-sim-static-{}-{nanos}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temp dir");
        std::fs::write(dir.join("index.html"), "<!doctype html><title>t</title>")
            .expect("index.html");
        std::fs::write(dir.join("boot.js"), "export {};").expect("boot.js");
        StaticDir(dir)
    }
}

impl Drop for StaticDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}
