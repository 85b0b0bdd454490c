//! Disposition codes: `GET /api/v2/settings/dispositions`, the outcomes an agent may
//! set with SetDisposition.

use serde::{Deserialize, Serialize};

use crate::StatusCode;

/// One disposition code: `name` is what SetDisposition sends as `disposition`,
/// `displayName` what the agent is shown.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Disposition {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub display_name: Option<String>,
}

impl Disposition {
    pub fn new(name: impl Into<String>, display_name: impl Into<String>) -> Self {
        Disposition {
            name: Some(name.into()),
            display_name: Some(display_name.into()),
        }
    }
}

/// The answer to `GET /api/v2/settings/dispositions`:
/// `{"key":"name","settings":[{"name":…,"displayName":…},…],"statusCode":0}`. `key`
/// names the field that identifies a setting. `statusCode` is optional so that a bare
/// `{"key":…,"settings":…}` reads too; a missing `settings` reads as none.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DispositionSettings {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status_code: Option<StatusCode>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status_message: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
    #[serde(default)]
    pub settings: Vec<Disposition>,
}

impl DispositionSettings {
    /// A successful answer listing `settings`, keyed by `name` as GWS documents.
    pub fn listing(settings: Vec<Disposition>) -> Self {
        DispositionSettings {
            status_code: Some(StatusCode::Ok),
            status_message: None,
            key: Some("name".to_owned()),
            settings,
        }
    }
}
