//! The SMS session resource and its participants.

use serde::{Deserialize, Serialize};

use crate::{open_enum::open_enum, Capability, UserData, Visibility};

open_enum! {
    /// `smssession.state`.
    pub enum SessionStatus {
        /// Offered to the agent, not yet accepted.
        Invited = "Invited",
        /// Accepted and active, also while consulting or in a conference.
        Chatting = "Chatting",
        /// The agent left while alone: over for the customer, wrap-up still possible.
        LeftChat = "LeftChat",
        /// Finished for this agent.
        Completed = "Completed",
    }
}

open_enum! {
    /// `participant.type`.
    pub enum ParticipantType {
        Agent = "Agent",
        Customer = "Customer",
    }
}

/// `smssession`. Notifications may carry a partial resource (a `Completed` one holds
/// only `state`, `id` and `uri`), so every field is optional: absent means unchanged.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SmsSession {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub uri: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub state: Option<SessionStatus>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub participants: Option<Vec<Participant>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub capabilities: Option<Vec<Capability>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_data: Option<UserData>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
}

/// A member of the session. `participantId` is the identity: nicknames repeat (the
/// Consult sample shows two agents called `TestName`).
///
/// In a message's `from`, GWS may add the agent's `uri`, `path`, an `id` equal to
/// `participantId`, and a `visibility`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Participant {
    pub participant_id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nickname: Option<String>,
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<ParticipantType>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub uri: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub visibility: Option<Visibility>,
}

impl Participant {
    /// A participant with only the three fields the session resource carries.
    pub fn new(participant_id: &str, nickname: &str, kind: ParticipantType) -> Self {
        Participant {
            participant_id: participant_id.to_owned(),
            nickname: Some(nickname.to_owned()),
            kind: Some(kind),
            uri: None,
            path: None,
            id: None,
            visibility: None,
        }
    }

    pub fn is_agent(&self) -> bool {
        self.kind == Some(ParticipantType::Agent)
    }

    pub fn is_customer(&self) -> bool {
        self.kind == Some(ParticipantType::Customer)
    }
}

impl SmsSession {
    /// The session id: `id`, or else the last segment of `uri` or `path`.
    pub fn session_id(&self) -> Option<&str> {
        self.id
            .as_deref()
            .or_else(|| self.uri.as_deref().and_then(crate::last_path_segment))
            .or_else(|| self.path.as_deref().and_then(crate::last_path_segment))
    }

    pub fn has_capability(&self, capability: &Capability) -> bool {
        self.capabilities
            .as_ref()
            .is_some_and(|all| all.contains(capability))
    }
}
