//! Capabilities: the operations GWS allows on a session right now.

use crate::open_enum::open_enum;

open_enum! {
    /// One entry of `smssession.capabilities`. The names equal operation names, except
    /// `InFocus`, which GWS sends next to `SetInFocus` for the same operation.
    pub enum Capability {
        Accept = "Accept",
        Reject = "Reject",
        Transfer = "Transfer",
        Leave = "Leave",
        LeaveAndComplete = "LeaveAndComplete",
        Complete = "Complete",
        Invite = "Invite",
        Consult = "Consult",
        InFocus = "InFocus",
        SetInFocus = "SetInFocus",
        SetDisposition = "SetDisposition",
        AttachUserData = "AttachUserData",
        UpdateUserData = "UpdateUserData",
        DeleteUserData = "DeleteUserData",
        SendMessage = "SendMessage",
        SendStartTypingNotification = "SendStartTypingNotification",
        SendStopTypingNotification = "SendStopTypingNotification",
        SendToAgents = "SendToAgents",
        SendStartTypingToAgentsNotification = "SendStartTypingToAgentsNotification",
        SendStopTypingToAgentsNotification = "SendStopTypingToAgentsNotification",
    }
}
