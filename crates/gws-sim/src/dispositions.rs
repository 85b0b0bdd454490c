//! The disposition codes `GET /api/v2/settings/dispositions` lists, and the control
//! API's hold on them: the list can be replaced, or the endpoint made to fail.

use gws_types::{Disposition, DispositionSettings, StatusCode};
use serde::{Deserialize, Deserializer, Serialize};

/// The documented sample's codes (`IssueResolved` is also the SetDisposition sample's).
pub fn default_codes() -> Vec<Disposition> {
    vec![
        Disposition::new("EscalationCreated", "Issue Escalated"),
        Disposition::new("IssueResolved", "Issue Resolved"),
        Disposition::new("UpdateProvided", "Update Provided"),
        Disposition::new("InfoRequested", "Information Requested"),
    ]
}

/// The endpoint as the control API set it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Dispositions {
    pub settings: Vec<Disposition>,
    /// The HTTP status every read answers instead of the list (`None`: the list).
    pub fail: Option<u16>,
}

impl Default for Dispositions {
    fn default() -> Self {
        Dispositions {
            settings: default_codes(),
            fail: None,
        }
    }
}

/// `POST /sim/v1/dispositions`: each field present changes its part only.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct DispositionsRequest {
    /// The new list, in the order it is to be served.
    #[serde(default)]
    pub settings: Option<Vec<Disposition>>,
    /// An HTTP status to fail with from now on, or `null` to serve the list again.
    #[serde(default, deserialize_with = "present")]
    pub fail: Option<Option<u16>>,
    /// Back to the default list, not failing; applied before the other fields.
    #[serde(default)]
    pub reset: bool,
}

/// Tells `"fail": null` (stop failing) from no `fail` at all.
fn present<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<Option<u16>>, D::Error> {
    Option::<u16>::deserialize(deserializer).map(Some)
}

/// The `statusCode` GWS pairs with an error HTTP status (`StatusCode::http_status`),
/// the first where several share one: 404 → 6, 500 → 4, 403 → 3, 401 → 20.
pub fn status_for(http: u16) -> Option<StatusCode> {
    StatusCode::KNOWN
        .iter()
        .copied()
        .find(|code| !code.is_ok() && http >= 400 && code.http_status() == http)
}

impl Dispositions {
    /// Applies a control request; refused as a whole when `fail` is no error status
    /// GWS pairs with a `statusCode`.
    pub fn apply(&mut self, request: DispositionsRequest) -> Result<(), String> {
        if let Some(Some(http)) = request.fail {
            if status_for(http).is_none() {
                return Err(format!(
                    "fail: {http} is not an error status any statusCode is answered with \
                     (e.g. 404, 500, 403)"
                ));
            }
        }
        if request.reset {
            *self = Dispositions::default();
        }
        if let Some(settings) = request.settings {
            self.settings = settings;
        }
        if let Some(fail) = request.fail {
            self.fail = fail;
        }
        Ok(())
    }

    /// What a signed-in agent's read answers: the list, or the failure's error body.
    pub fn answer(&self) -> Result<DispositionSettings, (StatusCode, String)> {
        match self.fail.and_then(status_for) {
            None => Ok(DispositionSettings::listing(self.settings.clone())),
            Some(code) => Err((
                code,
                format!("{} (injected by the control API)", code.meaning()),
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn request(body: serde_json::Value) -> DispositionsRequest {
        serde_json::from_value(body).expect("a valid request")
    }

    #[test]
    fn each_field_changes_its_part_and_null_ends_the_failure() {
        let mut dispositions = Dispositions::default();
        assert_eq!(dispositions.answer().map(|a| a.settings.len()), Ok(4));
        dispositions
            .apply(request(json!({"fail": 404})))
            .expect("applies");
        assert_eq!(
            dispositions.answer().map_err(|(code, _)| code),
            Err(StatusCode::NotFound)
        );
        dispositions
            .apply(request(
                json!({"settings": [{"name": "Callback", "displayName": "Callback requested"}]}),
            ))
            .expect("applies");
        assert!(dispositions.answer().is_err(), "the failure stays");
        dispositions
            .apply(request(json!({"fail": null})))
            .expect("applies");
        assert_eq!(
            dispositions.answer().map(|a| a.settings),
            Ok(vec![Disposition::new("Callback", "Callback requested")])
        );
        dispositions
            .apply(request(json!({"fail": 500})))
            .expect("applies");
        assert_eq!(
            dispositions.answer().map_err(|(code, _)| code),
            Err(StatusCode::InternalError)
        );
        dispositions
            .apply(request(json!({"reset": true})))
            .expect("applies");
        assert_eq!(dispositions, Dispositions::default());
    }

    #[test]
    fn a_status_without_a_status_code_is_refused_and_changes_nothing() {
        let mut dispositions = Dispositions::default();
        for http in [200, 302, 418, 502] {
            let why = dispositions
                .apply(request(json!({"fail": http, "settings": []})))
                .expect_err("refused");
            assert!(why.contains(&http.to_string()), "{why}");
        }
        assert_eq!(dispositions, Dispositions::default());
        assert!(serde_json::from_value::<DispositionsRequest>(json!({"codes": []})).is_err());
    }
}
