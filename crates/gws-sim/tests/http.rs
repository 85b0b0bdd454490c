//! The GWS REST surface through the real server on 127.0.0.1:0.

mod common;

use common::*;
use serde_json::{json, Value};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sign_in_csrf_and_refusals() {
    let sim = server().await;
    let base = sim.url();
    let http = http();
    let anonymous = http
        .get(format!("{base}/api/v2/me"))
        .send()
        .await
        .expect("GET");
    assert_eq!(anonymous.status().as_u16(), 401);
    assert!(anonymous.headers().get("www-authenticate").is_none());
    let body: Value = anonymous.json().await.expect("json");
    assert_eq!(body["statusCode"], 20);
    let wrong = http
        .get(format!("{base}/api/v2/me"))
        .basic_auth("agent1", Some("nope"))
        .send()
        .await
        .expect("GET");
    assert_eq!(wrong.status().as_u16(), 401);

    let agent = AgentClient::sign_in(&base, "agent1").await;
    let (status, me) = agent.get("/api/v2/me").await;
    assert_eq!(
        (status, me["user"]["userName"].clone()),
        (200, json!("agent1"))
    );
    let id = start_session(&base, "agent1", "Hi").await;
    let path = format!("{base}/api/v2/me/smssessions/{id}");
    let no_token = http
        .post(&path)
        .header("cookie", &agent.cookie)
        .body(r#"{"operationName":"Reject"}"#)
        .send()
        .await
        .expect("POST");
    assert_eq!(no_token.status().as_u16(), 403);
    assert!(no_token
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .starts_with("text/plain"));
    assert_eq!(
        no_token.text().await.unwrap_or_default(),
        "Missing or invalid Csrf token"
    );
    let basic_only = http
        .post(&path)
        .basic_auth("agent1", Some("password"))
        .header("x-csrf-token", &agent.token)
        .body("{}")
        .send()
        .await
        .expect("POST");
    assert_eq!(
        basic_only.status().as_u16(),
        403,
        "the token belongs to the cookie's session"
    );
    agent
        .operate(&id, json!({"operationName": "Accept", "nickname": "Anna"}))
        .await;

    let (status, ended) = agent
        .post(
            "/api/v2/me",
            r#"{"operationName":"EndContactCenterSession"}"#,
        )
        .await;
    assert_eq!((status, ended["statusCode"].clone()), (200, json!(0)));
    assert_eq!(
        agent.get("/api/v2/me").await.0,
        401,
        "the HTTP session ended"
    );
    sim.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn reads_follow_the_gws_get_rules() {
    let sim = server().await;
    let base = sim.url();
    let agent = AgentClient::sign_in(&base, "agent1").await;
    let id = start_session(&base, "agent1", "Hello").await;
    agent
        .operate(&id, json!({"operationName": "Accept", "nickname": "Anna"}))
        .await;
    agent
        .operate(
            &id,
            json!({"operationName": "SendMessage", "text": "Hi there"}),
        )
        .await;

    let (_, uris) = agent.get("/api/v2/me/smssessions").await;
    assert_eq!(
        uris["uris"],
        json!([format!("{base}/api/v2/smssessions/{id}")])
    );
    let (_, all) = agent.get("/api/v2/me/smssessions?fields=*").await;
    assert_eq!(all["smssessions"][0]["state"], "Chatting");
    let (_, some) = agent.get("/api/v2/me/smssessions?fields=id,state").await;
    assert_eq!(some["smssessions"][0].as_object().map(|o| o.len()), Some(2));
    let (_, one) = agent.get(&format!("/api/v2/me/smssessions/{id}")).await;
    assert_eq!(
        (one["statusCode"].clone(), one["smssession"]["id"].clone()),
        (json!(0), json!(id))
    );
    let (_, also) = agent.get(&format!("/api/v2/smssessions/{id}")).await;
    assert_eq!(also["smssession"]["id"], json!(id));

    let (_, log) = agent
        .get(&format!("/api/v2/me/smssessions/{id}/messages"))
        .await;
    let indexes: Vec<_> = log["messages"]
        .as_array()
        .map(|m| m.iter().map(|e| e["index"].clone()).collect())
        .unwrap_or_default();
    assert_eq!(indexes, [json!(1), json!(2), json!(3), json!(4)]);
    let (_, page) = agent
        .get(&format!(
            "/api/v2/me/smssessions/{id}/messages?startIndex=2&count=2"
        ))
        .await;
    assert_eq!(page["messages"][0]["index"], 2);
    assert_eq!(page["messages"].as_array().map(Vec::len), Some(2));
    let (status, bad) = agent
        .get(&format!(
            "/api/v2/me/smssessions/{id}/messages?startIndex=zero"
        ))
        .await;
    assert_eq!((status, bad["statusCode"].clone()), (400, json!(10)));

    let other = AgentClient::sign_in(&base, "agent2").await;
    for path in [
        format!("/api/v2/me/smssessions/{id}"),
        format!("/api/v2/me/smssessions/{id}/messages"),
    ] {
        let (status, refused) = other.get(&path).await;
        assert_eq!(
            (status, refused["statusCode"].clone()),
            (404, json!(6)),
            "{path}"
        );
        assert!(refused.get("smssession").is_none() && refused.get("messages").is_none());
    }
    let (status, refused) = other
        .post(
            &format!("/api/v2/me/smssessions/{id}"),
            r#"{"operationName":"SendMessage","text":"x"}"#,
        )
        .await;
    assert_eq!((status, refused["statusCode"].clone()), (404, json!(6)));
    sim.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn malformed_operations_get_gws_status_codes() {
    let sim = server().await;
    let base = sim.url();
    let agent = AgentClient::sign_in(&base, "agent1").await;
    let id = start_session(&base, "agent1", "Hi").await;
    let path = format!("/api/v2/me/smssessions/{id}");
    for (body, status_code) in [
        ("", 1),
        ("not json", 1),
        ("[1,2]", 1),
        (r#"{"text":"x"}"#, 1),
        (r#"{"operationName":"Explode"}"#, 2),
        (r#"{"operationName":"SendMessage"}"#, 1),
        (r#"{"operationName":"Consult"}"#, 1),
        (
            r#"{"operationName":"Consult","targetUri":"a","targetPath":"b"}"#,
            10,
        ),
        (r#"{"operationName":"SendMessage","text":42}"#, 10),
    ] {
        let (status, answer) = agent.post(&path, body).await;
        assert_eq!(answer["statusCode"], status_code, "{body}: {answer}");
        assert_eq!(status, 400, "{body}");
        assert!(answer["statusMessage"].is_string());
        assert_eq!(
            answer.as_object().map(|o| o.len()),
            Some(2),
            "nothing else on an error"
        );
    }
    let (status, missing) = agent
        .post(
            "/api/v2/me/smssessions/0000SMFFFFFFFFFF",
            r#"{"operationName":"Reject"}"#,
        )
        .await;
    assert_eq!((status, missing["statusCode"].clone()), (404, json!(6)));
    sim.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn contacts_search_and_the_control_directory_agree() {
    let sim = server().await;
    let base = sim.url();
    let agent = AgentClient::sign_in(&base, "agent1").await;
    let (_, found) = agent
        .get("/api/v2/contacts?filterName=NamesOrPhoneNumberMatches&filterParameters=*ben*")
        .await;
    assert_eq!(found["totalCount"], 1);
    assert_eq!(found["contacts"][0]["type"], "User");
    assert_eq!(
        found["contacts"][0]["uri"],
        json!(target_uri(&base, "agent2").await)
    );
    let (_, queues) = agent.get("/api/v2/contacts?type=Queue").await;
    assert_eq!(queues["contacts"][0]["name"], "SMS_Support");
    let (status, bad) = agent.get("/api/v2/contacts?limit=-1").await;
    assert_eq!((status, bad["statusCode"].clone()), (400, json!(10)));

    let (_, directory) = control_get(&base, "/sim/v1/directory").await;
    assert_eq!(directory["agents"].as_array().map(Vec::len), Some(4));
    assert_eq!(directory["agents"][3]["ready"], false);
    assert!(directory["queues"][0]["path"]
        .as_str()
        .unwrap_or_default()
        .starts_with("/contacts/"));
    let (status, _) = control(&base, "/sim/v1/sessions", json!({"agent": "nobody"})).await;
    assert_eq!(status, 404);
    let (status, _) = control(&base, "/sim/v1/sessions", json!({"nope": true})).await;
    assert_eq!(status, 400);
    let (missing, _) = control_get(&base, "/sim/v1/sessions/none/customer-transcript").await;
    assert_eq!(missing, 404);
    sim.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cors_echoes_allowed_origins_with_credentials() {
    let sim = server_with(|c| c.allowed_origins = vec!["http://*.example.test".into()]).await;
    let base = sim.url();
    let http = http();
    let preflight = http
        .request(
            reqwest::Method::OPTIONS,
            format!("{base}/api/v2/me/smssessions/x"),
        )
        .header("origin", "http://widget.example.test")
        .header("access-control-request-method", "POST")
        .header(
            "access-control-request-headers",
            "x-csrf-token,content-type",
        )
        .send()
        .await
        .expect("OPTIONS");
    assert_eq!(preflight.status().as_u16(), 204);
    let header = |r: &reqwest::Response, name: &str| {
        r.headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_owned()
    };
    assert_eq!(
        header(&preflight, "access-control-allow-origin"),
        "http://widget.example.test"
    );
    assert_eq!(
        header(&preflight, "access-control-allow-credentials"),
        "true"
    );
    // Header names are case-insensitive; the lists spell them in lower case.
    assert!(header(&preflight, "access-control-allow-headers")
        .split(',')
        .any(|name| name.eq_ignore_ascii_case("X-CSRF-TOKEN")));
    let real = http
        .get(format!("{base}/api/v2/me"))
        .header("origin", "http://widget.example.test")
        .basic_auth("agent1", Some("password"))
        .send()
        .await
        .expect("GET");
    assert!(header(&real, "access-control-expose-headers")
        .eq_ignore_ascii_case("X-CSRF-HEADER,X-CSRF-TOKEN"));
    let stranger = http
        .get(format!("{base}/api/v2/me"))
        .header("origin", "http://evil.test")
        .send()
        .await
        .expect("GET");
    assert!(stranger
        .headers()
        .get("access-control-allow-origin")
        .is_none());
    let refused = http
        .request(reqwest::Method::OPTIONS, format!("{base}/api/v2/me"))
        .header("origin", "http://evil.test")
        .header("access-control-request-method", "GET")
        .send()
        .await
        .expect("OPTIONS");
    assert_eq!(refused.status().as_u16(), 403);
    sim.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn consult_with_a_simulated_agent_over_cometd() {
    let sim = server().await;
    let base = sim.url();
    let mut agent1 = AgentClient::sign_in(&base, "agent1").await;
    agent1.subscribe().await;
    let id = start_session(&base, "agent1", "I need help").await;
    let offer = agent1.collect(|n| !n.is_empty()).await;
    assert_eq!(offer[0]["smssession"]["state"], "Invited");
    assert_eq!(
        offer[0]["smssession"]["capabilities"],
        json!(["Accept", "Reject"])
    );

    let accept = agent1
        .operate(&id, json!({"operationName": "Accept", "nickname": "Anna"}))
        .await;
    let accepted = agent1
        .collect(|n| !of_type(n, "NewMessages").is_empty())
        .await;
    assert!(accepted.iter().all(|n| n["referenceId"] == accept));

    let uri = target_uri(&base, "agent2").await;
    let consult = agent1
        .operate(&id, json!({"operationName": "Consult", "targetUri": uri}))
        .await;
    let joined = agent1
        .collect(|n| !of_type(n, "NewMessages").is_empty())
        .await;
    let update = of_type(&joined, "ParticipantsUpdated")[0];
    assert_eq!(update["referenceId"], consult);
    assert_eq!(
        update["smssession"]["participants"]
            .as_array()
            .map(Vec::len),
        Some(3)
    );
    let entry = &of_type(&joined, "NewMessages")[0]["messages"][0];
    assert_eq!(
        (entry["type"].clone(), entry["visibility"].clone()),
        (json!("ParticipantJoined"), json!("Agents"))
    );

    let (status, _) = control(
        &base,
        &format!("/sim/v1/sessions/{id}/agents/agent2/messages"),
        json!({"text": "Ask for the order number"}),
    )
    .await;
    assert_eq!(status, 204);
    let private = agent1.collect(|n| !n.is_empty()).await;
    assert_eq!(private[0]["messages"][0]["visibility"], "Agents");
    control(
        &base,
        &format!("/sim/v1/sessions/{id}/customer-messages"),
        json!({"text": "Order 42"}),
    )
    .await;
    let public = agent1.collect(|n| !n.is_empty()).await;
    assert_eq!(public[0]["messages"][0]["text"], "Order 42");

    let conference = agent1
        .operate(&id, json!({"operationName": "Invite", "targetUri": uri}))
        .await;
    let conferenced = agent1
        .collect(|n| !of_type(n, "NewMessages").is_empty())
        .await;
    assert!(conferenced.iter().all(|n| n["referenceId"] == conference));
    control(
        &base,
        &format!("/sim/v1/sessions/{id}/agents/agent2/messages"),
        json!({"text": "Hello, I am Ben"}),
    )
    .await;

    let (_, transcript) =
        control_get(&base, &format!("/sim/v1/sessions/{id}/customer-transcript")).await;
    let texts: Vec<_> = transcript["messages"]
        .as_array()
        .map(|m| m.iter().filter_map(|e| e["text"].as_str()).collect())
        .unwrap_or_default();
    assert_eq!(texts, ["Hello, I am Ben"]);
    assert!(transcript["messages"]
        .as_array()
        .is_some_and(|m| m.iter().all(|e| e["visibility"] == "All")));
    sim.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_live_agent_answers_the_consultation_itself() {
    let sim = server().await;
    let base = sim.url();
    let mut agent1 = AgentClient::sign_in(&base, "agent1").await;
    let mut agent2 = AgentClient::sign_in(&base, "agent2").await;
    agent1.subscribe().await;
    agent2.subscribe().await;
    let id = start_session(&base, "agent1", "Hi").await;
    agent1
        .operate(&id, json!({"operationName": "Accept", "nickname": "Anna"}))
        .await;
    let uri = target_uri(&base, "agent2").await;
    let consult = agent1
        .operate(&id, json!({"operationName": "Consult", "targetUri": uri}))
        .await;
    let offered = agent2.collect(|n| !n.is_empty()).await;
    assert_eq!(offered[0]["smssession"]["state"], "Invited");
    // Well past the simulated delay: a driven agent is never accepted for.
    tokio::time::sleep(std::time::Duration::from_millis(800)).await;
    let (_, view) = agent2.get(&format!("/api/v2/me/smssessions/{id}")).await;
    assert_eq!(view["smssession"]["state"], "Invited");
    agent2
        .operate(&id, json!({"operationName": "Accept", "nickname": "Ben"}))
        .await;
    let joined = agent1
        .collect(|n| {
            of_type(n, "ParticipantsUpdated")
                .iter()
                .any(|u| u["referenceId"] == consult)
        })
        .await;
    assert!(!joined.is_empty());
    let (_, view) = agent2.get(&format!("/api/v2/me/smssessions/{id}")).await;
    assert_eq!(view["smssession"]["state"], "Chatting");
    sim.shutdown().await;
}

/// The release build leaves a compressed copy beside each file (`cargo xtask` writes them);
/// the server sends the copy the browser accepts, as the file's own type, and the file
/// itself to a client that accepts neither.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn static_files_are_sent_precompressed_when_accepted() {
    let files = StaticDir::new();
    std::fs::write(files.0.join("boot.js.gz"), b"gzip bytes").expect("boot.js.gz");
    std::fs::write(files.0.join("boot.js.br"), b"brotli bytes").expect("boot.js.br");
    let sim = server_with(|config| config.static_dir = Some(files.0.clone())).await;
    let base = sim.url();
    for (accepted, encoding, body) in [
        ("gzip, deflate", Some("gzip"), &b"gzip bytes"[..]),
        ("gzip, deflate, br", Some("br"), b"brotli bytes"),
        ("identity", None, b"export {};"),
    ] {
        let response = http()
            .get(format!("{base}/boot.js"))
            .header("accept-encoding", accepted)
            .send()
            .await
            .expect("GET");
        let header = |name: &str| {
            response
                .headers()
                .get(name)
                .and_then(|v| v.to_str().ok())
                .map(str::to_owned)
        };
        assert_eq!(
            header("content-encoding").as_deref(),
            encoding,
            "{accepted}"
        );
        assert!(
            header("content-type").is_some_and(|t| t.starts_with("text/javascript")),
            "{accepted}: {:?}",
            header("content-type")
        );
        assert_eq!(
            response.bytes().await.expect("body").as_ref(),
            body,
            "{accepted}"
        );
    }
    sim.shutdown().await;
}

/// The sample of `GET /api/v2/settings/dispositions`, as the documentation shows it
/// (https://docs.genesys.com/Documentation/HTCC/latest/API/Dispositioncodes).
const DOCUMENTED_DISPOSITIONS: &str = r#"{ "key" : "name",
  "settings" : [ { "displayName" : "Issue Escalated", "name" : "EscalationCreated" },
      { "displayName" : "Issue Resolved", "name" : "IssueResolved" },
      { "displayName" : "Update Provided", "name" : "UpdateProvided" },
      { "displayName" : "Information Requested", "name" : "InfoRequested" } ],
  "statusCode" : 0
}"#;

const DISPOSITIONS: &str = "/api/v2/settings/dispositions";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn disposition_codes_are_read_as_documented_and_set_by_the_control_api() {
    let sim = server().await;
    let base = sim.url();
    let anonymous = http()
        .get(format!("{base}{DISPOSITIONS}"))
        .send()
        .await
        .expect("GET");
    assert_eq!(anonymous.status().as_u16(), 401);
    let body: Value = anonymous.json().await.expect("json");
    assert_eq!(body["statusCode"], 20);

    let agent = AgentClient::sign_in(&base, "agent1").await;
    let documented: Value = serde_json::from_str(DOCUMENTED_DISPOSITIONS).expect("sample");
    assert_eq!(agent.get(DISPOSITIONS).await, (200, documented.clone()));
    let typed: gws_types::DispositionSettings =
        serde_json::from_value(documented.clone()).expect("the wire type reads it");
    assert_eq!(typed.settings.len(), 4);

    // The name is what SetDisposition sends; it lands under the default key.
    let id = start_session(&base, "agent1", "Hi").await;
    agent
        .operate(&id, json!({"operationName": "Accept", "nickname": "Anna"}))
        .await;
    agent
        .operate(
            &id,
            json!({"operationName": "SetDisposition", "disposition": documented["settings"][1]["name"]}),
        )
        .await;
    let (_, view) = agent.get(&format!("/api/v2/me/smssessions/{id}")).await;
    assert_eq!(
        view["smssession"]["userData"]["DispositionCode"],
        "IssueResolved"
    );

    let replaced = json!([
        {"name": "Resolved", "displayName": "Resolved"},
        {"name": "CallbackRequested", "displayName": "Callback requested"},
        {"name": "NoLabel"}
    ]);
    let (status, state) =
        control(&base, "/sim/v1/dispositions", json!({"settings": replaced})).await;
    assert_eq!(
        (status, state),
        (200, json!({"settings": replaced, "fail": null}))
    );
    assert_eq!(
        agent.get(DISPOSITIONS).await,
        (
            200,
            json!({"key": "name", "settings": replaced, "statusCode": 0})
        )
    );

    for (fail, http_status, status_code) in [(404, 404, 6), (500, 500, 4)] {
        let (status, state) = control(&base, "/sim/v1/dispositions", json!({"fail": fail})).await;
        assert_eq!((status, state["fail"].clone()), (200, json!(fail)));
        let (status, refused) = agent.get(DISPOSITIONS).await;
        assert_eq!(
            (status, refused["statusCode"].clone()),
            (http_status, json!(status_code))
        );
        assert!(refused["statusMessage"].is_string(), "{refused}");
        assert_eq!(refused.as_object().map(|o| o.len()), Some(2), "{refused}");
    }
    let (status, _) = http()
        .get(format!("{base}{DISPOSITIONS}"))
        .send()
        .await
        .map(|r| (r.status().as_u16(), ()))
        .expect("GET");
    assert_eq!(status, 401, "signing in comes before the failure");
    let (_, state) = control_get(&base, "/sim/v1/dispositions").await;
    assert_eq!(state, json!({"settings": replaced, "fail": 500}));
    control(&base, "/sim/v1/dispositions", json!({"fail": null})).await;
    assert_eq!(agent.get(DISPOSITIONS).await.1["settings"], replaced);

    for bad in [
        json!({"fail": 418}),
        json!({"fail": "404"}),
        json!({"codes": []}),
    ] {
        let (status, answer) = control(&base, "/sim/v1/dispositions", bad.clone()).await;
        assert_eq!(status, 400, "{bad}: {answer}");
    }
    let (_, state) = control(&base, "/sim/v1/dispositions", json!({"reset": true})).await;
    assert_eq!(state["fail"], Value::Null);
    assert_eq!(agent.get(DISPOSITIONS).await, (200, documented));

    // Managing the codes is left out.
    let (status, _) = agent
        .post(DISPOSITIONS, r#"{"name":"Other","displayName":"Other"}"#)
        .await;
    assert_eq!(status, 405);

    // The read goes through the same layers as every GWS request.
    control(&base, "/sim/v1/faults", json!({"failRequests": 1})).await;
    let (status, failed) = agent.get(DISPOSITIONS).await;
    assert_eq!((status, failed["statusCode"].clone()), (500, json!(4)));
    assert_eq!(agent.get(DISPOSITIONS).await.0, 200);
    sim.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn set_in_focus_is_counted_per_agent_and_session() {
    let sim = server().await;
    let base = sim.url();
    let agent1 = AgentClient::sign_in(&base, "agent1").await;
    let agent2 = AgentClient::sign_in(&base, "agent2").await;
    let id = start_session(&base, "agent1", "Hi").await;
    let other = start_session(&base, "agent2", "Hello").await;
    let focus_of = |id: &str| format!("/sim/v1/sessions/{id}/focus");
    assert_eq!(control_get(&base, &focus_of(&id)).await, (200, json!({})));

    agent1
        .operate(&id, json!({"operationName": "Accept", "nickname": "Anna"}))
        .await;
    let (_, view) = agent1.get(&format!("/api/v2/me/smssessions/{id}")).await;
    assert!(view["smssession"]["capabilities"]
        .as_array()
        .is_some_and(|caps| caps.contains(&json!("SetInFocus"))));
    for _ in 0..2 {
        agent1
            .operate(&id, json!({"operationName": "SetInFocus"}))
            .await;
    }
    agent2
        .operate(
            &other,
            json!({"operationName": "Accept", "nickname": "Ben"}),
        )
        .await;
    agent2
        .operate(&other, json!({"operationName": "SetInFocus"}))
        .await;
    // Not in the session: refused, not counted.
    let (status, _) = agent2
        .post(
            &format!("/api/v2/me/smssessions/{id}"),
            r#"{"operationName":"SetInFocus"}"#,
        )
        .await;
    assert_eq!(status, 404);

    assert_eq!(
        control_get(&base, &focus_of(&id)).await,
        (200, json!({"agent1": 2}))
    );
    assert_eq!(
        control_get(&base, &focus_of(&other)).await,
        (200, json!({"agent2": 1}))
    );
    assert_eq!(
        control_get(&base, &focus_of("0000SMFFFFFFFFFF")).await.0,
        404
    );
    sim.shutdown().await;
}
