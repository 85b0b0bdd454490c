//! The signed-in user and the operations on `/api/v2/me`.

use serde::{Deserialize, Serialize};

use crate::open_enum::open_enum;

/// `user` of `GET /api/v2/me`. The fields behind `directory-details` are what a server
/// fills in and no client here reads.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct User {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_name: Option<String>,
    #[cfg(feature = "directory-details")]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub roles: Option<Vec<String>>,
    #[cfg(feature = "directory-details")]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enabled: Option<bool>,
    #[cfg(feature = "directory-details")]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub change_password_on_first_login: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub uri: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
}

/// `POST /api/v2/me`: the agent's contact-centre session. A widget inside a host
/// desktop leaves these to the host (ending it would end the shared HTTP session).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "operationName")]
pub enum MeOperationRequest {
    StartContactCenterSession {
        channels: Vec<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        place: Option<String>,
    },
    EndContactCenterSession,
}

open_enum! {
    /// How a supervisor joins an agent's session.
    pub enum SupervisorVisibilityMode {
        Monitor = "Monitor",
        Coach = "Coach",
        BargeIn = "BargeIn",
    }
}

/// `POST /api/v2/users/{userId}/smssessions/{id}`: supervisor operations.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "operationName")]
pub enum SupervisorOperationRequest {
    #[serde(rename_all = "camelCase")]
    Intrude {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        supervisor_visibility_mode: Option<SupervisorVisibilityMode>,
    },
}
