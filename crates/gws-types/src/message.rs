//! Entries of the session's message log.

use serde::{Deserialize, Serialize};

use crate::{open_enum::open_enum, timestamp, Participant};

open_enum! {
    /// `message.type`. Typing and join/leave entries are log entries with their own index.
    pub enum MessageType {
        Text = "Text",
        ParticipantJoined = "ParticipantJoined",
        ParticipantLeft = "ParticipantLeft",
        ParticipantRejoined = "ParticipantRejoined",
        TypingStarted = "TypingStarted",
        TypingStopped = "TypingStopped",
        PushUrl = "PushUrl",
        Notice = "Notice",
        CustomNotice = "CustomNotice",
    }
}

open_enum! {
    /// Who sees an entry.
    pub enum Visibility {
        /// Everyone, the customer included.
        All = "All",
        /// Agents only: never sent to the customer.
        Agents = "Agents",
    }
}

/// One log entry. `index` orders the log and identifies the entry; it counts every
/// entry from 1, typing entries included.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Message {
    pub index: u64,
    #[serde(rename = "type")]
    pub kind: MessageType,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<Participant>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notice_text: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub visibility: Option<Visibility>,
    /// Local time with offset, kept exactly as it came (`2014-01-09 11:58:12.035+0200`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timestamp: Option<String>,
    /// Milliseconds since the Unix epoch, despite the name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timestamp_seconds: Option<i64>,
}

impl Message {
    /// When the entry was written, in Unix milliseconds: `timestampSeconds`, or else
    /// `timestamp` read leniently.
    pub fn unix_millis(&self) -> Option<i64> {
        self.timestamp_seconds
            .or_else(|| self.timestamp.as_deref().and_then(timestamp::parse_millis))
    }

    /// Whether only agents see this entry.
    pub fn is_agents_only(&self) -> bool {
        self.visibility == Some(Visibility::Agents)
    }

    /// The human-readable body, whichever field carries it.
    pub fn body(&self) -> Option<&str> {
        self.text
            .as_deref()
            .or(self.notice_text.as_deref())
            .or(self.url.as_deref())
    }
}
