//! What the simulator guards: the demo page's Content-Security-Policy, one agent's
//! sessions from another, and the raw notifications tests send on purpose.

mod common;

use common::*;
use serde_json::json;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn static_files_carry_a_strict_content_security_policy() {
    let files = StaticDir::new();
    let sim = server_with(|config| config.static_dir = Some(files.0.clone())).await;
    let base = sim.url();
    for path in ["/", "/index.html", "/boot.js", "/no-such-file.js"] {
        let response = http()
            .get(format!("{base}{path}"))
            .send()
            .await
            .expect("GET");
        let policy = response
            .headers()
            .get("content-security-policy")
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_owned();
        assert_eq!(policy, gws_sim::http::CONTENT_SECURITY_POLICY, "{path}");
    }
    let directives: Vec<&str> = gws_sim::http::CONTENT_SECURITY_POLICY
        .split(';')
        .map(str::trim)
        .collect();
    for wanted in [
        "default-src 'self'",
        "script-src 'self' 'wasm-unsafe-eval'",
        "style-src 'self'",
        "connect-src 'self'",
    ] {
        assert!(directives.contains(&wanted), "{wanted} in {directives:?}");
    }
    assert!(
        !gws_sim::http::CONTENT_SECURITY_POLICY.contains("unsafe-inline")
            && !gws_sim::http::CONTENT_SECURITY_POLICY.contains("'unsafe-eval'"),
        "no inline script or style, no eval"
    );
    sim.shutdown().await;
}

/// agent2 can neither read, nor act on, nor be notified of agent1's session, by any
/// path GWS offers; the session stays as agent1 left it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn another_agent_cannot_read_act_on_or_hear_a_session() {
    let sim = server().await;
    let base = sim.url();
    let mut anna = AgentClient::sign_in(&base, "agent1").await;
    anna.subscribe().await;
    let mut ben = AgentClient::sign_in(&base, "agent2").await;
    ben.subscribe().await;
    let id = start_session(&base, "agent1", "Private question").await;
    anna.operate(&id, json!({"operationName": "Accept", "nickname": "Anna"}))
        .await;

    for path in [
        format!("/api/v2/me/smssessions/{id}"),
        format!("/api/v2/smssessions/{id}"),
        format!("/api/v2/me/smssessions/{id}/messages"),
        format!("/api/v2/smssessions/{id}?fields=*"),
    ] {
        let (status, refused) = ben.get(&path).await;
        assert_eq!(
            (status, refused["statusCode"].clone()),
            (404, json!(6)),
            "{path}: {refused}"
        );
        assert!(!refused.to_string().contains("Private question"), "{path}");
    }
    let (_, list) = ben.get("/api/v2/me/smssessions?fields=*").await;
    assert!(!list.to_string().contains(&id), "{list}");
    for path in [
        format!("/api/v2/me/smssessions/{id}"),
        format!("/api/v2/smssessions/{id}"),
    ] {
        for operation in [
            json!({"operationName": "SendMessage", "text": "Ben was here"}),
            json!({"operationName": "Complete"}),
            json!({"operationName": "Transfer", "targetUri": target_uri(&base, "agent2").await}),
        ] {
            let (status, refused) = ben.post(&path, &operation.to_string()).await;
            assert_eq!(
                (status, refused["statusCode"].clone()),
                (404, json!(6)),
                "{path} {operation}"
            );
        }
    }
    // Without signing in, nothing at all.
    let anonymous = http()
        .get(format!("{base}/api/v2/me/smssessions/{id}"))
        .send()
        .await
        .expect("GET");
    assert_eq!(anonymous.status().as_u16(), 401);

    // The session is as agent1 left it, and its notifications reach agent1 only.
    let (_, session) = anna.get(&format!("/api/v2/me/smssessions/{id}")).await;
    assert_eq!(session["smssession"]["state"], "Chatting", "{session}");
    let (status, _) = control(
        &base,
        &format!("/sim/v1/sessions/{id}/customer-messages"),
        json!({"text": "My card number is 4111"}),
    )
    .await;
    assert_eq!(status, 204);
    anna.collect(|notes| notes.iter().any(|n| n.to_string().contains("4111")))
        .await;
    let heard = ben.connect().await.expect("connect");
    assert!(
        heard
            .iter()
            .filter(|m| m["channel"] == TOPIC)
            .all(|m| !m["data"].to_string().contains(&id)),
        "agent2 heard of agent1's session: {heard:?}"
    );
    let (_, transcript) = anna
        .get(&format!("/api/v2/me/smssessions/{id}/messages"))
        .await;
    assert!(!transcript.to_string().contains("Ben was here"));
    sim.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_raw_notification_reaches_that_agent_unchanged() {
    let sim = server().await;
    let base = sim.url();
    let mut anna = AgentClient::sign_in(&base, "agent1").await;
    anna.subscribe().await;
    let hostile = [
        json!("<html><body>502 Bad Gateway</body></html>"),
        json!({"notificationType": "NewMessages", "messages": {"index": "one"}}),
        json!(null),
    ];
    for data in &hostile {
        let (status, answer) = control(
            &base,
            "/sim/v1/agents/agent1/raw-notification",
            json!({ "data": data }),
        )
        .await;
        assert_eq!(status, 204, "{answer}");
    }
    let got = anna.collect(|notes| notes.len() >= hostile.len()).await;
    assert_eq!(got, hostile.to_vec());

    let (status, _) = control(
        &base,
        "/sim/v1/agents/nobody/raw-notification",
        json!({"data": {}}),
    )
    .await;
    assert_eq!(status, 404);
    let (status, _) = control(
        &base,
        "/sim/v1/agents/agent1/raw-notification",
        json!({"text": "no data"}),
    )
    .await;
    assert_eq!(status, 400);
    sim.shutdown().await;
}
