//! The simulator's control API (`/sim/v1`): the customer, the simulated agents, what
//! the customer's phone received, the disposition codes GWS lists, and how often the
//! widget put a session in focus.

use std::collections::BTreeMap;

use gws_types::{Disposition, Message};
use serde_json::{json, Value};

use crate::{fail, Result};

/// `GET /sim/v1/agents/{agent}/cometd`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Deserialize)]
pub struct CometdStats {
    pub handshakes: u64,
    pub subscribes: u64,
    pub clients: u64,
}

/// `GET`/`POST /sim/v1/dispositions`: the codes the simulator lists, and the HTTP
/// status their read fails with instead (`None`: it answers them).
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Deserialize)]
pub struct DispositionCodes {
    pub settings: Vec<Disposition>,
    pub fail: Option<u16>,
}

pub struct Control {
    http: reqwest::Client,
    base: String,
}

impl Control {
    pub fn new(base: &str) -> Control {
        Control {
            http: reqwest::Client::new(),
            base: format!("{base}/sim/v1"),
        }
    }

    async fn post(&self, path: &str, body: Value) -> Result<Value> {
        let url = format!("{}{path}", self.base);
        let answer = self.http.post(&url).json(&body).send().await?;
        let status = answer.status();
        let text = answer.text().await?;
        if !status.is_success() {
            return fail(format!("POST {url} {body} answered {status}: {text}"));
        }
        Ok(serde_json::from_str(&text).unwrap_or(Value::Null))
    }

    async fn get(&self, path: &str) -> Result<Value> {
        let url = format!("{}{path}", self.base);
        let answer = self.http.get(&url).send().await?;
        let status = answer.status();
        let text = answer.text().await?;
        if !status.is_success() {
            return fail(format!("GET {url} answered {status}: {text}"));
        }
        Ok(serde_json::from_str(&text)?)
    }

    /// A customer texts `agent`'s queue: a new session offered to `agent`. Its id.
    pub async fn start_session(&self, agent: &str, customer: &str, text: &str) -> Result<String> {
        let answer = self
            .post(
                "/sessions",
                json!({"agent": agent, "nickname": customer, "text": text}),
            )
            .await?;
        match answer["id"].as_str() {
            Some(id) => Ok(id.to_owned()),
            None => fail(format!(
                "starting a session answered without an id: {answer}"
            )),
        }
    }

    pub async fn customer_texts(&self, session: &str, text: &str) -> Result<()> {
        let path = format!("/sessions/{session}/customer-messages");
        self.post(&path, json!({ "text": text })).await.map(drop)
    }

    /// A simulated agent writes (agents only while consulting, to all once conferenced).
    pub async fn agent_writes(&self, session: &str, agent: &str, text: &str) -> Result<()> {
        let path = format!("/sessions/{session}/agents/{agent}/messages");
        self.post(&path, json!({ "text": text })).await.map(drop)
    }

    /// Every entry the customer's phone received.
    pub async fn customer_transcript(&self, session: &str) -> Result<Vec<Message>> {
        let answer = self
            .get(&format!("/sessions/{session}/customer-transcript"))
            .await?;
        Ok(serde_json::from_value(answer["messages"].clone())?)
    }

    /// The texts of the customer's transcript.
    pub async fn customer_received(&self, session: &str) -> Result<Vec<String>> {
        Ok(self
            .customer_transcript(session)
            .await?
            .into_iter()
            .filter_map(|m| m.text)
            .collect())
    }

    /// Injects faults (`POST /sim/v1/faults`, see the simulator's README); the faults
    /// now in force.
    pub async fn faults(&self, faults: Value) -> Result<Value> {
        self.post("/faults", faults).await
    }

    /// How often `agent`'s CometD clients handshook and subscribed so far, and how many
    /// the simulator knows now.
    pub async fn cometd(&self, agent: &str) -> Result<CometdStats> {
        let answer = self.get(&format!("/agents/{agent}/cometd")).await?;
        Ok(serde_json::from_value(answer)?)
    }

    /// Replaces the disposition codes `GET /api/v2/settings/dispositions` lists, in this
    /// order (a failure set before stays).
    pub async fn set_dispositions(&self, settings: &[Disposition]) -> Result<DispositionCodes> {
        let answer = self
            .post("/dispositions", json!({ "settings": settings }))
            .await?;
        Ok(serde_json::from_value(answer)?)
    }

    /// Makes every read of the disposition codes fail with this HTTP status (404, 500,
    /// 403…, with the `statusCode` GWS pairs with it), or with `None` answer them again.
    pub async fn fail_dispositions(&self, http_status: Option<u16>) -> Result<DispositionCodes> {
        let answer = self
            .post("/dispositions", json!({ "fail": http_status }))
            .await?;
        Ok(serde_json::from_value(answer)?)
    }

    /// The documented default codes again, not failing.
    pub async fn reset_dispositions(&self) -> Result<DispositionCodes> {
        let answer = self.post("/dispositions", json!({ "reset": true })).await?;
        Ok(serde_json::from_value(answer)?)
    }

    /// How many `SetInFocus` requests each agent sent for the session, as far as the
    /// simulator received them; agents who sent none are absent.
    pub async fn focus_counts(&self, session: &str) -> Result<BTreeMap<String, u64>> {
        let answer = self.get(&format!("/sessions/{session}/focus")).await?;
        Ok(serde_json::from_value(answer)?)
    }

    /// How many `SetInFocus` requests `agent` sent for the session.
    pub async fn focus_count(&self, session: &str, agent: &str) -> Result<u64> {
        Ok(self
            .focus_counts(session)
            .await?
            .get(agent)
            .copied()
            .unwrap_or_default())
    }

    /// The session's whole log as `agent` reads it from GWS
    /// (`GET /api/v2/me/smssessions/{id}/messages`, HTTP Basic).
    pub async fn server_log(&self, agent: &str, session: &str) -> Result<Vec<Message>> {
        let url = format!(
            "{}/api/v2/me/smssessions/{session}/messages",
            self.base.trim_end_matches("/sim/v1")
        );
        let answer = self
            .http
            .get(&url)
            .basic_auth(agent, Some("password"))
            .send()
            .await?;
        let status = answer.status();
        let text = answer.text().await?;
        if !status.is_success() {
            return fail(format!("GET {url} as {agent} answered {status}: {text}"));
        }
        let body: Value = serde_json::from_str(&text)?;
        Ok(serde_json::from_value(body["messages"].clone())?)
    }

    /// The nickname the directory gives `agent` (what the roster shows once they join).
    pub async fn nickname(&self, agent: &str) -> Result<String> {
        let directory = self.get("/directory").await?;
        let found = directory["agents"]
            .as_array()
            .into_iter()
            .flatten()
            .find(|a| a["username"] == json!(agent))
            .and_then(|a| a["nickname"].as_str());
        match found {
            Some(nickname) => Ok(nickname.to_owned()),
            None => fail(format!("the directory has no agent {agent}: {directory}")),
        }
    }
}
