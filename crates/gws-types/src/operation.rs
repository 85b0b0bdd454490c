//! Operations an agent posts to `/api/v2/me/smssessions/{id}`.

use serde::{Deserialize, Serialize};

use crate::UserData;

/// Whom Consult, Invite and Transfer address: exactly one of `targetUri` and
/// `targetPath`, so "both" and "neither" cannot be built and are refused when read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "TargetFields", into = "TargetFields")]
pub enum Target {
    /// A contact, user or queue URI (`http://host/api/v2/contacts/{id}`).
    Uri(String),
    /// A contact, user or queue path (`/contacts/{id}`).
    Path(String),
}

impl Target {
    /// The URI or path, whichever it is.
    pub fn value(&self) -> &str {
        match self {
            Target::Uri(value) | Target::Path(value) => value,
        }
    }
}

/// The wire fields of a target. `userUri` is how the Invite page's sample spells `targetUri`.
#[derive(Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct TargetFields {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    target_uri: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    target_path: Option<String>,
    #[serde(default, skip_serializing)]
    user_uri: Option<String>,
}

impl TryFrom<TargetFields> for Target {
    type Error = String;

    fn try_from(fields: TargetFields) -> Result<Self, Self::Error> {
        match (fields.target_uri.or(fields.user_uri), fields.target_path) {
            (Some(uri), None) => Ok(Target::Uri(uri)),
            (None, Some(path)) => Ok(Target::Path(path)),
            (Some(_), Some(_)) => Err("give either targetUri or targetPath, not both".to_owned()),
            (None, None) => Err("targetUri or targetPath is required".to_owned()),
        }
    }
}

impl From<Target> for TargetFields {
    fn from(target: Target) -> Self {
        let (target_uri, target_path) = match target {
            Target::Uri(uri) => (Some(uri), None),
            Target::Path(path) => (None, Some(path)),
        };
        TargetFields {
            target_uri,
            target_path,
            user_uri: None,
        }
    }
}

/// The body of `POST /api/v2/me/smssessions/{id}`, tagged by `operationName`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "operationName")]
pub enum OperationRequest {
    #[serde(rename_all = "camelCase")]
    Accept {
        /// The name the customer sees.
        nickname: String,
        /// Remember this agent for last-agent routing.
        #[serde(rename = "saveLAR", default, skip_serializing_if = "Option::is_none")]
        save_lar: Option<bool>,
    },
    Reject,
    SendMessage {
        text: String,
    },
    SendToAgents {
        text: String,
    },
    SendUrl {
        url: String,
    },
    SendStartTypingNotification,
    SendStopTypingNotification,
    SendStartTypingToAgentsNotification,
    /// Also read as `SendStopTypingToAgentNotification`, as its documentation page spells it.
    #[serde(alias = "SendStopTypingToAgentNotification")]
    SendStopTypingToAgentsNotification,
    #[serde(rename_all = "camelCase")]
    SendCustomNotice {
        notice_text: String,
    },
    #[serde(rename_all = "camelCase")]
    SendCustomNoticeToAgents {
        notice_text: String,
    },
    /// A private side conversation with another agent; the customer never sees it.
    Consult {
        #[serde(flatten)]
        target: Target,
    },
    CancelConsult,
    /// Conference: the consultant (or another agent) joins visibly to the customer.
    Invite {
        #[serde(flatten)]
        target: Target,
    },
    Transfer {
        #[serde(flatten)]
        target: Target,
    },
    Leave,
    LeaveAndComplete,
    #[serde(rename_all = "camelCase")]
    Complete {
        /// Queue to place the interaction in after completion.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        queue_name: Option<String>,
        #[serde(rename = "saveLAR", default, skip_serializing_if = "Option::is_none")]
        save_lar: Option<bool>,
    },
    SetInFocus,
    #[serde(rename_all = "camelCase")]
    SetDisposition {
        disposition: String,
        /// The userData key to write; the server's default key when absent.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        disposition_key: Option<String>,
    },
    #[serde(rename_all = "camelCase")]
    AttachUserData {
        user_data: UserData,
    },
    #[serde(rename_all = "camelCase")]
    UpdateUserData {
        user_data: UserData,
    },
    DeleteUserData {
        keys: Vec<String>,
    },
    AddComment {
        comment: String,
    },
}

/// Every `operationName` this version knows, in the order of the API reference.
pub const OPERATION_NAMES: &[&str] = &[
    "Accept",
    "Reject",
    "SendMessage",
    "SendToAgents",
    "SendUrl",
    "SendStartTypingNotification",
    "SendStopTypingNotification",
    "SendStartTypingToAgentsNotification",
    "SendStopTypingToAgentsNotification",
    "SendCustomNotice",
    "SendCustomNoticeToAgents",
    "Consult",
    "CancelConsult",
    "Invite",
    "Transfer",
    "Leave",
    "LeaveAndComplete",
    "Complete",
    "SetInFocus",
    "SetDisposition",
    "AttachUserData",
    "UpdateUserData",
    "DeleteUserData",
    "AddComment",
];

/// An `operationName`, so that the widget and the simulator compare operations by a
/// value the compiler checks rather than by strings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum OperationName {
    Accept,
    Reject,
    SendMessage,
    SendToAgents,
    SendUrl,
    SendStartTypingNotification,
    SendStopTypingNotification,
    SendStartTypingToAgentsNotification,
    SendStopTypingToAgentsNotification,
    SendCustomNotice,
    SendCustomNoticeToAgents,
    Consult,
    CancelConsult,
    Invite,
    Transfer,
    Leave,
    LeaveAndComplete,
    Complete,
    SetInFocus,
    SetDisposition,
    AttachUserData,
    UpdateUserData,
    DeleteUserData,
    AddComment,
}

impl OperationName {
    /// Every operation, in the order of the API reference (as [`OPERATION_NAMES`]).
    pub const ALL: [OperationName; 24] = [
        Self::Accept,
        Self::Reject,
        Self::SendMessage,
        Self::SendToAgents,
        Self::SendUrl,
        Self::SendStartTypingNotification,
        Self::SendStopTypingNotification,
        Self::SendStartTypingToAgentsNotification,
        Self::SendStopTypingToAgentsNotification,
        Self::SendCustomNotice,
        Self::SendCustomNoticeToAgents,
        Self::Consult,
        Self::CancelConsult,
        Self::Invite,
        Self::Transfer,
        Self::Leave,
        Self::LeaveAndComplete,
        Self::Complete,
        Self::SetInFocus,
        Self::SetDisposition,
        Self::AttachUserData,
        Self::UpdateUserData,
        Self::DeleteUserData,
        Self::AddComment,
    ];

    /// As sent in `operationName`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Accept => "Accept",
            Self::Reject => "Reject",
            Self::SendMessage => "SendMessage",
            Self::SendToAgents => "SendToAgents",
            Self::SendUrl => "SendUrl",
            Self::SendStartTypingNotification => "SendStartTypingNotification",
            Self::SendStopTypingNotification => "SendStopTypingNotification",
            Self::SendStartTypingToAgentsNotification => "SendStartTypingToAgentsNotification",
            Self::SendStopTypingToAgentsNotification => "SendStopTypingToAgentsNotification",
            Self::SendCustomNotice => "SendCustomNotice",
            Self::SendCustomNoticeToAgents => "SendCustomNoticeToAgents",
            Self::Consult => "Consult",
            Self::CancelConsult => "CancelConsult",
            Self::Invite => "Invite",
            Self::Transfer => "Transfer",
            Self::Leave => "Leave",
            Self::LeaveAndComplete => "LeaveAndComplete",
            Self::Complete => "Complete",
            Self::SetInFocus => "SetInFocus",
            Self::SetDisposition => "SetDisposition",
            Self::AttachUserData => "AttachUserData",
            Self::UpdateUserData => "UpdateUserData",
            Self::DeleteUserData => "DeleteUserData",
            Self::AddComment => "AddComment",
        }
    }
}

/// Why a body is not a valid operation, in the terms GWS answers with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OperationParseError {
    /// The body is not JSON at all.
    NotJson(String),
    /// The body is JSON but not an object.
    NotAnObject,
    /// No `operationName` string.
    MissingOperationName,
    /// An `operationName` this API does not have.
    UnknownOperation(String),
    /// A known operation whose parameters are missing or of the wrong type.
    InvalidParameters { operation: String, reason: String },
}

impl std::fmt::Display for OperationParseError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::NotJson(reason) => write!(f, "the request body is not JSON: {reason}"),
            Self::NotAnObject => f.write_str("the request body must be a JSON object"),
            Self::MissingOperationName => f.write_str("operationName is missing"),
            Self::UnknownOperation(name) => write!(f, "unknown operationName `{name}`"),
            Self::InvalidParameters { operation, reason } => {
                write!(f, "invalid parameters for {operation}: {reason}")
            }
        }
    }
}

impl std::error::Error for OperationParseError {}

impl OperationRequest {
    /// Reads an operation body, telling apart the ways it can be wrong.
    pub fn parse(body: &[u8]) -> Result<Self, OperationParseError> {
        let value: serde_json::Value = serde_json::from_slice(body)
            .map_err(|error| OperationParseError::NotJson(error.to_string()))?;
        Self::from_value(value)
    }

    /// As [`OperationRequest::parse`], from an already decoded JSON value.
    pub fn from_value(value: serde_json::Value) -> Result<Self, OperationParseError> {
        let object = value.as_object().ok_or(OperationParseError::NotAnObject)?;
        let name = object
            .get("operationName")
            .and_then(serde_json::Value::as_str)
            .ok_or(OperationParseError::MissingOperationName)?;
        if !OPERATION_NAMES.contains(&name) && name != "SendStopTypingToAgentNotification" {
            return Err(OperationParseError::UnknownOperation(name.to_owned()));
        }
        let operation = name.to_owned();
        serde_json::from_value(value).map_err(|error| OperationParseError::InvalidParameters {
            operation,
            reason: error.to_string(),
        })
    }

    /// The `operationName` this request is sent as.
    pub fn operation_name(&self) -> &'static str {
        self.name().as_str()
    }

    /// Which operation this is, without its parameters.
    pub fn name(&self) -> OperationName {
        match self {
            Self::Accept { .. } => OperationName::Accept,
            Self::Reject => OperationName::Reject,
            Self::SendMessage { .. } => OperationName::SendMessage,
            Self::SendToAgents { .. } => OperationName::SendToAgents,
            Self::SendUrl { .. } => OperationName::SendUrl,
            Self::SendStartTypingNotification => OperationName::SendStartTypingNotification,
            Self::SendStopTypingNotification => OperationName::SendStopTypingNotification,
            Self::SendStartTypingToAgentsNotification => {
                OperationName::SendStartTypingToAgentsNotification
            }
            Self::SendStopTypingToAgentsNotification => {
                OperationName::SendStopTypingToAgentsNotification
            }
            Self::SendCustomNotice { .. } => OperationName::SendCustomNotice,
            Self::SendCustomNoticeToAgents { .. } => OperationName::SendCustomNoticeToAgents,
            Self::Consult { .. } => OperationName::Consult,
            Self::CancelConsult => OperationName::CancelConsult,
            Self::Invite { .. } => OperationName::Invite,
            Self::Transfer { .. } => OperationName::Transfer,
            Self::Leave => OperationName::Leave,
            Self::LeaveAndComplete => OperationName::LeaveAndComplete,
            Self::Complete { .. } => OperationName::Complete,
            Self::SetInFocus => OperationName::SetInFocus,
            Self::SetDisposition { .. } => OperationName::SetDisposition,
            Self::AttachUserData { .. } => OperationName::AttachUserData,
            Self::UpdateUserData { .. } => OperationName::UpdateUserData,
            Self::DeleteUserData { .. } => OperationName::DeleteUserData,
            Self::AddComment { .. } => OperationName::AddComment,
        }
    }
}
