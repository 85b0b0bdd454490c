//! The configuration a host page passes, as JSON-like JavaScript values.

use serde::Deserialize;

use crate::state::attention::Thresholds;
use crate::transport::json::{Decode, Error, Reader, Struct};
use crate::transport::GwsConfig;
use crate::widget::WidgetConfig;

/// `mount(element, config)`'s `config`. Unknown keys are refused, so a typo shows
/// at once instead of silently falling back to a default.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct EmbedConfig {
    /// Where GWS is (origin and context path, without `/api/v2`); empty for this page's origin.
    #[serde(default)]
    pub base_url: String,
    /// The session to work; the agent's newest when absent.
    #[serde(default)]
    pub session_id: Option<String>,
    /// HTTP Basic credentials, when the host page has not signed in to GWS itself.
    #[serde(default)]
    pub username: Option<String>,
    #[serde(default)]
    pub password: Option<String>,
    /// The CometD endpoint, when not `{baseUrl}/api/v2/notifications`.
    #[serde(default)]
    pub notifications_url: Option<String>,
    /// The name Accept shows the customer.
    #[serde(default)]
    pub nickname: Option<String>,
    /// Complete waits until a disposition is set (Workspace's
    /// `interaction.disposition.is-mandatory`).
    #[serde(default)]
    pub disposition_required: bool,
    /// How long a customer may wait for an answer before the widget warns, then
    /// alarms, in seconds (Workspace's `chat.pending-response-to-customer`).
    #[serde(default)]
    pub waiting_warning_seconds: Option<f64>,
    #[serde(default)]
    pub waiting_alarm_seconds: Option<f64>,
    /// Where the shipped catalogue files are, when not `messages/` beside the module
    /// (`widgets.js` reads them).
    #[serde(default)]
    pub messages_url: Option<String>,
    /// The host's own words for some messages (keys as in the catalogue files).
    #[serde(default)]
    pub messages: Option<Messages>,
}

/// A host's `messages`: a JSON object, kept as its text and read as a catalogue is.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Messages(pub String);

impl<'a> Decode<'a> for Messages {
    fn decode(reader: &mut Reader<'a>) -> Result<Self, Error> {
        if reader.peek() != Some(b'{') {
            return Err(reader.invalid_type("a map"));
        }
        reader.skip().map(|text| Messages(text.to_owned()))
    }
}

impl<'de> Deserialize<'de> for Messages {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let map = serde_json::Map::<String, serde_json::Value>::deserialize(deserializer)?;
        Ok(Messages(serde_json::Value::Object(map).to_string()))
    }
}

/// Read as the derive reads it (`transport::read` says why by hand); the derive stays
/// for the host-types tests.
impl<'a> Decode<'a> for EmbedConfig {
    fn decode(reader: &mut Reader<'a>) -> Result<Self, Error> {
        const FORM: Struct = Struct::new(
            "struct EmbedConfig",
            &[
                "baseUrl",
                "sessionId",
                "username",
                "password",
                "notificationsUrl",
                "nickname",
                "dispositionRequired",
                "waitingWarningSeconds",
                "waitingAlarmSeconds",
                "messagesUrl",
                "messages",
            ],
        )
        .closed();
        let mut c = EmbedConfig::default();
        reader.fields(
            &FORM,
            &mut [
                &mut c.base_url,
                &mut c.session_id,
                &mut c.username,
                &mut c.password,
                &mut c.notifications_url,
                &mut c.nickname,
                &mut c.disposition_required,
                &mut c.waiting_warning_seconds,
                &mut c.waiting_alarm_seconds,
                &mut c.messages_url,
                &mut c.messages,
            ],
        )?;
        Ok(c)
    }
}

impl EmbedConfig {
    /// The waiting thresholds: positive, the alarm after the warning.
    fn thresholds(&self) -> Result<Thresholds, String> {
        let defaults = Thresholds::default();
        let ms = |seconds: Option<f64>, default: f64| match seconds {
            None => Ok(default),
            Some(s) if s.is_finite() && s > 0.0 => Ok(s * 1_000.0),
            Some(_) => Err("waiting thresholds are seconds above 0".to_owned()),
        };
        let thresholds = Thresholds {
            warning_ms: ms(self.waiting_warning_seconds, defaults.warning_ms)?,
            alarm_ms: ms(self.waiting_alarm_seconds, defaults.alarm_ms)?,
        };
        if thresholds.alarm_ms < thresholds.warning_ms {
            return Err("waitingAlarmSeconds is before waitingWarningSeconds".to_owned());
        }
        Ok(thresholds)
    }

    pub fn into_widget(self) -> Result<WidgetConfig, String> {
        let waiting = self.thresholds()?;
        let mut gws = GwsConfig::new(self.base_url);
        match (self.username, self.password) {
            (Some(username), Some(password)) => gws = gws.with_basic(username.clone(), password),
            (None, None) => {}
            _ => return Err("give both username and password, or neither".to_owned()),
        }
        gws.notifications_url = self.notifications_url;
        Ok(WidgetConfig {
            gws,
            session_id: self.session_id.filter(|id| !id.is_empty()),
            nickname: self.nickname.unwrap_or_else(|| "Agent".to_owned()),
            disposition_required: self.disposition_required,
            waiting,
            messages: self.messages.map(|messages| messages.0.into()),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn reads_a_host_configuration() {
        let config: EmbedConfig = serde_json::from_value(json!({
            "baseUrl": "https://gws.example.com", "sessionId": "S1", "username": "agent1", "password": "pw"
        }))
        .unwrap();
        let widget = config.into_widget().unwrap();
        assert_eq!(widget.session_id.as_deref(), Some("S1"));
        assert_eq!(
            widget.gws.notifications_url(),
            "https://gws.example.com/api/v2/notifications"
        );
    }

    #[test]
    fn refuses_typos_and_half_credentials() {
        assert!(serde_json::from_value::<EmbedConfig>(json!({"baseURL": "x"})).is_err());
        let half: EmbedConfig = serde_json::from_value(json!({"username": "agent1"})).unwrap();
        assert!(half.into_widget().is_err());
    }

    #[test]
    fn a_hosts_words_are_kept_as_the_object_it_gave() {
        let text = r#"{"messages": {"action.consult": "Ask a colleague", "x": [1, {"y": 2}]}}"#;
        let config: EmbedConfig = crate::transport::json::from_str(text).unwrap();
        let words = config.into_widget().unwrap().messages.unwrap();
        assert_eq!(
            &*words,
            r#"{"action.consult": "Ask a colleague", "x": [1, {"y": 2}]}"#
        );
        for refused in [
            r#"{"messages": "Ask"}"#,
            r#"{"messages": ["Ask"]}"#,
            r#"{"messages": 7}"#,
        ] {
            assert!(
                crate::transport::json::from_str::<EmbedConfig>(refused).is_err(),
                "{refused}"
            );
        }
    }

    #[test]
    fn reads_as_its_derive_reads_it() {
        use crate::transport::json::tests::same_as_derived;
        for text in [
            r#"{"baseUrl":"https://gws","sessionId":null,"nickname":"Ann","dispositionRequired":true,
                "waitingWarningSeconds":30,"waitingAlarmSeconds":90.5}"#,
            "{}",
            r#"{"baseURL":"x"}"#,
            r#"{"baseUrl":null}"#,
            r#"{"dispositionRequired":null}"#,
            r#"{"waitingWarningSeconds":"30"}"#,
            r#"{"nickname":"a","nickname":"b"}"#,
            r#"{"messagesUrl":"/i18n/","messages":{"action.consult":"Ask","log.newBelow":{"one":"x"}}}"#,
            r#"{"messages":null}"#,
            r#"{"messages":["Ask"]}"#,
            r#"{"messages":"Ask"}"#,
            "[]",
            "null",
        ] {
            same_as_derived::<EmbedConfig>(text, "configuration");
        }
        let error = crate::transport::json::from_str::<EmbedConfig>(r#"{"sessionID":"S1"}"#)
            .unwrap_err()
            .to_string();
        assert!(
            error.starts_with("unknown field `sessionID`, expected one of `baseUrl`, `sessionId`"),
            "{error}"
        );
    }
}
