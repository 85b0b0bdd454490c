//! Chrome DevTools commands through chromedriver's `goog/cdp/execute`, for what
//! WebDriver cannot do (emulated media, page lifecycle).

use fantoccini::wd::WebDriverCompatibleCommand;
use fantoccini::Client;
use serde_json::{json, Value};

use crate::Result;

#[derive(Debug)]
struct Cdp {
    cmd: &'static str,
    params: Value,
}

impl WebDriverCompatibleCommand for Cdp {
    fn endpoint(
        &self,
        base: &url::Url,
        session: Option<&str>,
    ) -> Result<url::Url, url::ParseError> {
        base.join(&format!(
            "session/{}/goog/cdp/execute",
            session.unwrap_or_default()
        ))
    }

    fn method_and_body(&self, _: &url::Url) -> (http::Method, Option<String>) {
        let body = json!({ "cmd": self.cmd, "params": self.params });
        (http::Method::POST, Some(body.to_string()))
    }
}

/// Sends DevTools command `cmd` to the current page; its result.
pub async fn execute(client: &Client, cmd: &'static str, params: Value) -> Result<Value> {
    Ok(client.issue_cmd(Cdp { cmd, params }).await?)
}

/// Freezes the page as a browser freezes a tab hidden for long (no task, timer or
/// network callback runs), or makes it active again.
pub async fn set_frozen(client: &Client, frozen: bool) -> Result<()> {
    let state = if frozen { "frozen" } else { "active" };
    execute(
        client,
        "Page.setWebLifecycleState",
        json!({ "state": state }),
    )
    .await
    .map(drop)
}
