//! How far the simulator plays a real GWS over a real network. `loopback` (the default)
//! answers at once and adds what helps a client (a `referenceId` everywhere, the
//! resource's `path`, contiguous indexes, texts echoed as sent); `field` behaves only as
//! the documentation shows and a distant server does. Each part is set on its own, by
//! flags or `POST /sim/v1/profile`.

pub mod references;
pub mod text;

use gws_types::{Notification, SmsSession};
use serde::{Deserialize, Serialize};

use references::Cause;

/// Field defaults: a server hundreds of milliseconds away.
pub const FIELD_LATENCY_MS: u64 = 400;
pub const FIELD_NOTIFICATION_DELAY_MS: u64 = 250;
pub const FIELD_INDEX_GAPS_EVERY: u64 = 5;

/// Which answers and notifications carry a `referenceId`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum ReferenceIds {
    /// Every operation's answer and every notification it causes the requester.
    Always,
    /// Only those whose documentation sample shows one ([`references`]).
    Documented,
}

/// How the text of SendMessage and SendToAgents comes back in the log.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum EchoText {
    Verbatim,
    /// Whitespace runs (line breaks included) become one space, ends trimmed.
    Normalised,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Preset {
    Loopback,
    Field,
}

/// The parts in force, as `POST /sim/v1/profile` answers them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Profile {
    /// Every GWS REST answer leaves this long after it was made (not CometD's).
    pub latency_ms: u64,
    /// Notifications are published this long after the answer of the operation that
    /// caused them (after the event, for the others).
    pub notification_delay_ms: u64,
    pub reference_ids: ReferenceIds,
    /// `path` on the session resource (no sample shows one).
    pub resource_path: bool,
    pub echo_text: EchoText,
    /// Echoed texts cut to this many characters; 0 never cuts.
    pub max_text_chars: u64,
    /// About every this many new log entries one index is skipped; 0 never.
    pub index_gaps_every: u64,
    /// Seeds every random choice of the profile (where index gaps fall).
    pub seed: u64,
}

impl Profile {
    pub fn loopback(seed: u64) -> Self {
        Profile {
            latency_ms: 0,
            notification_delay_ms: 0,
            reference_ids: ReferenceIds::Always,
            resource_path: true,
            echo_text: EchoText::Verbatim,
            max_text_chars: 0,
            index_gaps_every: 0,
            seed,
        }
    }

    pub fn field(seed: u64) -> Self {
        Profile {
            latency_ms: FIELD_LATENCY_MS,
            notification_delay_ms: FIELD_NOTIFICATION_DELAY_MS,
            reference_ids: ReferenceIds::Documented,
            resource_path: false,
            echo_text: EchoText::Normalised,
            max_text_chars: 0,
            index_gaps_every: FIELD_INDEX_GAPS_EVERY,
            seed,
        }
    }

    /// The preset first (keeping the seed), then each part given.
    pub fn apply(&mut self, request: &ProfileRequest) {
        match request.preset {
            Some(Preset::Loopback) => *self = Profile::loopback(self.seed),
            Some(Preset::Field) => *self = Profile::field(self.seed),
            None => {}
        }
        let ProfileRequest {
            preset: _,
            latency_ms,
            notification_delay_ms,
            reference_ids,
            resource_path,
            echo_text,
            max_text_chars,
            index_gaps_every,
            seed,
        } = *request;
        self.latency_ms = latency_ms.unwrap_or(self.latency_ms);
        self.notification_delay_ms = notification_delay_ms.unwrap_or(self.notification_delay_ms);
        self.reference_ids = reference_ids.unwrap_or(self.reference_ids);
        self.resource_path = resource_path.unwrap_or(self.resource_path);
        self.echo_text = echo_text.unwrap_or(self.echo_text);
        self.max_text_chars = max_text_chars.unwrap_or(self.max_text_chars);
        self.index_gaps_every = index_gaps_every.unwrap_or(self.index_gaps_every);
        self.seed = seed.unwrap_or(self.seed);
    }

    /// Texts written by SendMessage and SendToAgents as the log keeps them.
    pub fn echo(&self, sent: &str) -> String {
        let normalised = match self.echo_text {
            EchoText::Verbatim => sent.to_owned(),
            EchoText::Normalised => text::normalise(sent),
        };
        text::cut(normalised, self.max_text_chars)
    }

    /// A notification as this profile sends it to `recipient`.
    pub fn shape(
        &self,
        cause: Option<Cause>,
        recipient: &str,
        mut notification: Notification,
    ) -> Notification {
        if self.reference_ids == ReferenceIds::Documented
            && !references::notification_shows(cause, recipient, &notification)
        {
            notification.reference_id = None;
        }
        notification.smssession = notification
            .smssession
            .map(|session| self.shape_session(session));
        notification
    }

    /// The session resource as this profile shows it.
    pub fn shape_session(&self, mut session: SmsSession) -> SmsSession {
        if !self.resource_path {
            session.path = None;
        }
        session
    }

    /// The `referenceId` an operation's answer carries.
    pub fn answer_reference(&self, operation: &str, reference_id: u64) -> Option<u64> {
        let shown =
            self.reference_ids == ReferenceIds::Always || references::answer_shows(operation);
        shown.then_some(reference_id)
    }
}

/// A seed from the clock, for runs that were not given one (it is printed).
pub fn clock_seed() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|elapsed| elapsed.as_nanos() as u64)
        .unwrap_or(1)
}

/// `POST /sim/v1/profile`, and the command line's profile flags: any subset.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ProfileRequest {
    pub preset: Option<Preset>,
    pub latency_ms: Option<u64>,
    pub notification_delay_ms: Option<u64>,
    pub reference_ids: Option<ReferenceIds>,
    pub resource_path: Option<bool>,
    pub echo_text: Option<EchoText>,
    pub max_text_chars: Option<u64>,
    pub index_gaps_every: Option<u64>,
    pub seed: Option<u64>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_part_given_overrides_the_preset_whatever_its_place() {
        let request: ProfileRequest = serde_json::from_str(
            r#"{"latencyMs": 0, "preset": "field", "echoText": "verbatim", "seed": 9}"#,
        )
        .expect("a valid request");
        let mut profile = Profile::loopback(1);
        profile.apply(&request);
        assert_eq!(
            profile,
            Profile {
                latency_ms: 0,
                echo_text: EchoText::Verbatim,
                ..Profile::field(9)
            }
        );
    }

    #[test]
    fn a_preset_keeps_the_seed_and_unknown_fields_are_refused() {
        let mut profile = Profile::field(5);
        profile.apply(&ProfileRequest {
            preset: Some(Preset::Loopback),
            ..ProfileRequest::default()
        });
        assert_eq!(profile, Profile::loopback(5));
        assert!(serde_json::from_str::<ProfileRequest>(r#"{"latency": 1}"#).is_err());
        assert!(serde_json::from_str::<ProfileRequest>(r#"{"referenceIds": "some"}"#).is_err());
    }

    #[test]
    fn the_echo_is_normalised_then_cut() {
        let mut profile = Profile::field(0);
        assert_eq!(profile.echo("  a \r\n\t b  "), "a b");
        profile.max_text_chars = 3;
        assert_eq!(profile.echo(" héllo "), "hél");
        assert_eq!(Profile::loopback(0).echo("  a \r\n b "), "  a \r\n b ");
    }
}
