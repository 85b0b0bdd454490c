//! Contacts: how an agent finds users and queues to consult, invite or transfer to.

use serde::{Deserialize, Serialize};

use crate::open_enum::open_enum;

open_enum! {
    /// `contact.type`.
    pub enum ContactType {
        User = "User",
        Queue = "Queue",
        Custom = "Custom",
    }
}

/// One entry of `GET /api/v2/contacts`. Its `uri` is what Consult, Invite and Transfer
/// take as `targetUri`, its `path` what they take as `targetPath`. The fields behind
/// `directory-details` are what a server fills in and no client here reads.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Contact {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<ContactType>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub uri: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_name: Option<String>,
    #[cfg(feature = "directory-details")]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub employee_id: Option<String>,
    #[cfg(feature = "directory-details")]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email_address: Option<String>,
    #[cfg(feature = "directory-details")]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub business_units: Option<Vec<serde_json::Value>>,
    #[cfg(feature = "directory-details")]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub roles: Option<Vec<String>>,
    #[cfg(feature = "directory-details")]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone_numbers: Option<Vec<PhoneNumber>>,
    /// Queues and custom contacts carry one number here.
    #[cfg(feature = "directory-details")]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone_number: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub availability: Option<Availability>,
}

#[cfg(feature = "directory-details")]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PhoneNumber {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone_number: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub switch_name: Option<String>,
}

/// Whether a user can take work now, per channel.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Availability {
    #[serde(default)]
    pub channels: Vec<ChannelAvailability>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ChannelAvailability {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub channel: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub available: Option<bool>,
    #[cfg(feature = "directory-details")]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone_number: Option<String>,
    #[cfg(feature = "directory-details")]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_activity: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_state: Option<UserState>,
}

/// An agent state such as `Ready` or `NotReady`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UserState {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub display_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub state: Option<String>,
}

impl Contact {
    /// Availability on one channel, if the server reported it.
    pub fn available_on(&self, channel: &str) -> Option<bool> {
        self.availability
            .as_ref()?
            .channels
            .iter()
            .find(|entry| entry.channel.as_deref() == Some(channel))?
            .available
    }
}
