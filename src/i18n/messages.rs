//! Every word the widget writes, by key, in English. The key is what catalogue files
//! and a host's `messages` override name; `{name}` marks a value filled in; a plural
//! message has a form per `Intl.PluralRules` category (English needs `one | other`).
//!
//! The keys and the English are each one string, entries ended by `\0` (a plural's two
//! forms split by `\u{1}`), not tables of pointers: the module carries them for every host.

macro_rules! messages {
    ($($name:ident $key:literal = $english:literal $(| $other:literal)?;)+) => {
        /// A message of the catalogue.
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub enum Msg { $($name),+ }

        impl Msg {
            /// Every message, in `KEYS` order.
            pub const ALL: &[Msg] = &[$(Msg::$name),+];
        }

        /// The keys, in `Msg` order.
        pub(super) const KEYS: &str = concat!($($key, "\0"),+);

        /// The built-in English, in `Msg` order.
        pub(super) const ENGLISH: &str = concat!($($english, $("\u{1}", $other,)? "\0"),+);
    };
}

messages! {
    // The panel.
    Panel "panel" = "SMS session";
    Waiting "waiting" = "Waiting for an SMS session…";
    Participants "participants" = "Participants";
    More "participants.more" = "+{count} more" | "+{count} more";
    Messages "messages" = "Messages";
    SessionActions "actions" = "Session actions";
    Earlier "log.earlier" = "Scroll up for earlier messages";
    NewBelow "log.newBelow" = "{count} new message below" | "{count} new messages below";
    CustomerWaiting "waiting.customer" = "Customer waiting {time}";
    AnswerSoon "waiting.soon" = ": answer soon";
    Overdue "waiting.overdue" = ": overdue";

    // Roles.
    You "role.you" = "You";
    Customer "role.customer" = "Customer";
    Consultant "role.consultant" = "Consulting agent";
    Conferenced "role.conferenced" = "Conferenced agent";
    Agent "role.agent" = "Agent";
    Participant "role.participant" = "Participant";
    Someone "someone" = "Someone";

    // The log.
    Joined "log.joined" = "{name} joined";
    Left "log.left" = "{name} left";
    Rejoined "log.rejoined" = "{name} rejoined";
    AgentsOnly "agentsOnly" = "Visible to agents only";
    ShowAll "log.showAll" = "Show all {count} character" | "Show all {count} characters";
    Sending "log.sending" = "Sending…";
    Sent "log.sent" = "Sent";
    NotSent "log.notSent" = "Not sent: {reason}";
    Retry "log.retry" = "Retry";
    Edit "log.edit" = "Edit";

    // The composer.
    Message "composer.message" = "Message";
    SendTo "composer.sendTo" = "Send to";
    ToCustomer "composer.toCustomer" = "To customer";
    ToAgents "composer.toAgents" = "To agents only";
    Counter "composer.counter" = "{count} SMS · {left} left · {encoding}" | "{count} SMSs · {left} left · {encoding}";
    Unicode "composer.unicode" = "Unicode";

    // Actions, as the agent sees them.
    Accept "action.accept" = "Accept";
    Reject "action.reject" = "Reject";
    Send "action.send" = "Send";
    SendToAgents "action.sendToAgents" = "Send to agents";
    Typing "action.typing" = "Typing";
    StoppedTyping "action.stoppedTyping" = "Stopped typing";
    SendUrl "action.sendUrl" = "Send link";
    SendNotice "action.sendNotice" = "Send notice";
    SendNoticeToAgents "action.sendNoticeToAgents" = "Send notice to agents";
    Consult "action.consult" = "Consult";
    CancelConsult "action.cancelConsult" = "Cancel consult";
    Transfer "action.transfer" = "Transfer";
    Conference "action.conference" = "Conference";
    Leave "action.leave" = "Leave";
    LeaveAndComplete "action.leaveAndComplete" = "Leave and complete";
    Complete "action.complete" = "Complete";
    Focus "action.focus" = "Focus";
    SetDisposition "action.setDisposition" = "Set disposition";
    AttachData "action.attachData" = "Attach data";
    UpdateData "action.updateData" = "Update data";
    DeleteData "action.deleteData" = "Delete data";
    AddComment "action.addComment" = "Add comment";
    ActionFailed "action.failed" = "{action} failed: {reason}";
    ActionSays "action.says" = "{action}: {reason}";
    ActionInProgress "action.inProgress" = "{action}: in progress…";

    // Why an action is not available.
    NotLoaded "reason.notLoaded" = "The session has not loaded yet.";
    Ended "reason.ended" = "The session is completed.";
    NotGranted "reason.notGranted" = "The server does not allow {action} right now.";
    OnlyOffered "reason.onlyOffered" = "Only while the session is being offered.";
    OnlyWhileIs "reason.onlyWhileIs" = "Only while {needed} (the session is {current}).";
    OnlyWhile "reason.onlyWhile" = "Only while {needed}.";
    InProgress "reason.inProgress" = "Already in progress.";
    NoPendingConsult "reason.noPendingConsult" = "No consultation is waiting for the other agent to answer.";
    DispositionFirst "reason.dispositionFirst" = "Set a disposition first.";
    StateOffered "state.offered" = "offered";
    StateChatting "state.chatting" = "chatting";
    StateLeft "state.left" = "left (wrap-up)";
    StateCompleted "state.completed" = "completed";

    // Operations past their wait.
    Cancelled "op.cancelled" = "Cancelled.";
    NoAnswer "op.noAnswer" = "No answer from the server within {seconds} s.";
    NotConfirmed "op.notConfirmed" = "Sent, not confirmed.";
    NoConsultAnswer "op.noConsultAnswer" = "No answer to the consultation within {seconds} s.";
    NotConfirmedWithin "op.notConfirmedWithin" = "Not confirmed by the server within {seconds} s.";
    CheckFailed "op.checkFailed" = "Could not check whether the message was sent: {reason}";

    // The target picker.
    PickerTitle "picker.title" = "{action}: choose an agent or a queue";
    Search "picker.search" = "Search agents and queues";
    Results "picker.results" = "Agents and queues";
    Searching "picker.searching" = "Searching…";
    NoMatch "picker.noMatch" = "No agent or queue matches.";
    TypeTarget "picker.typeTarget" = "Or type a target URI or path";
    UseTyped "picker.useTyped" = "Use typed target";
    Cancel "picker.cancel" = "Cancel";
    BadTarget "picker.badTarget" = "Type a path such as /contacts/… or a URI such as https://…/api/v2/contacts/…";
    Queue "picker.queue" = "Queue";
    Ready "picker.ready" = "Ready";
    NotReady "picker.notReady" = "Not ready";
    Unknown "picker.unknown" = "Availability unknown";

    // Wrap-up.
    WrapUp "wrapUp" = "Disposition and data";
    Disposition "wrapUp.disposition" = "Disposition";
    ChooseCode "wrapUp.chooseCode" = "Choose a code";
    NoCodes "wrapUp.noCodes" = "The list of codes could not be read ({reason}): type the code.";
    WorkInProgress "wrapUp.inProgress" = "In progress…";
    AttachedData "wrapUp.data" = "Attached data";
    Key "wrapUp.key" = "Key";
    Value "wrapUp.value" = "Value";
    Delete "wrapUp.delete" = "Delete";
    Attach "wrapUp.attach" = "Attach";
    Update "wrapUp.update" = "Update";
    Comment "wrapUp.comment" = "Comment";
    NoValue "wrapUp.none" = "(none)";

    // The connection.
    Connected "connection.connected" = "Connected";
    Connecting "connection.connecting" = "Connecting to GWS…";
    Reconnecting "connection.reconnecting" = "Connection lost. Reconnecting (next try at {time}); new messages will follow.";
    Offline "connection.offline" = "Offline: GWS stopped sending updates. The log may be out of date.";
    SignedOut "connection.signedOut" = "You are signed out of GWS. Sign in again.";

    // Errors the widget writes.
    Unreachable "error.unreachable" = "GWS could not be reached. Check the network connection.";
    TimedOut "error.timeout" = "GWS did not answer in time. Try again.";
    Refused "error.refused" = "GWS refused the request (HTTP 403). Reload to renew the session.";
    NotFound "error.notFound" = "GWS does not know this resource (HTTP 404).";
    ServerError "error.server" = "GWS had a server error (HTTP {status}). Try again.";
    Http "error.http" = "GWS answered with HTTP {status}.";
    Unreadable "error.unreadable" = "GWS sent an answer that cannot be read.";
    Reported "error.reported" = "The server reported an error: {reason}";
    BadNotification "error.notification" = "A notification from the server could not be read: {reason}";
    StatusSays "error.statusSays" = "{status}: {message}";
    StatusAlone "error.status" = "{status}.";
    CodeOk "code.0" = "Success";
    CodeMissingParameter "code.1" = "A required parameter is missing";
    CodeInvalidForState "code.2" = "A parameter is not valid for the current state";
    CodeForbidden "code.3" = "The operation is forbidden";
    CodeInternal "code.4" = "Internal error in GWS or a back-end server";
    CodePermission "code.5" = "The user lacks permission for this operation";
    CodeNotFound "code.6" = "The requested resource was not found";
    CodePartial "code.7" = "Partial success: at least one action of a bulk operation succeeded";
    CodePassword "code.8" = "The user must change the password";
    CodeIncomplete "code.9" = "Processing is incomplete";
    CodeOutOfRange "code.10" = "Input validation error: a value is outside the valid range";
    CodeReadOnly "code.11" = "Attempt to change a read-only property";
    CodeCannotRetrieve "code.12" = "Unable to retrieve the resource";
    CodeCannotCreate "code.13" = "Unable to create the resource";
    CodeCannotDelete "code.14" = "Unable to delete the resource";
    CodeCannotUpdate "code.15" = "Unable to update the resource";
    CodeCannotAssign "code.16" = "Unable to assign the resource";
    CodeCannotUnassign "code.17" = "Unable to unassign the resource";
    CodeExists "code.18" = "The resource already exists";
    CodeInUse "code.19" = "The resource is already in use";
    CodeNotAuthenticated "code.20" = "Not authenticated: later requests must supply credentials";
    CodeOther "code.other" = "Unrecognized status code";

    // The notice after an internal error (written by widgets.js).
    Stopped "stopped.title" = "The SMS widget stopped after an internal error.";
    StoppedReloadPage "stopped.reloadPage" = "Reload the page to go on with the session.";
    StoppedKept "stopped.kept" = "Your unsent message is kept below and goes back into the widget when it reloads.";
    StoppedReload "stopped.reloadIt" = "Reload it to go on with the session.";
    Unsent "stopped.unsent" = "Unsent message";
    UnsentToAgents "stopped.unsentToAgents" = "Unsent message (to agents only)";
    ReloadWidget "stopped.reload" = "Reload the widget";
    Reloading "stopped.reloading" = "Reloading…";
    ReloadFailed "stopped.reloadFailed" = "The reload failed: {reason}. Try again.";
}

/// What a GWS `statusCode` means, in the agent's words.
pub fn status_code(code: i64) -> Msg {
    use Msg::*;
    const CODES: [Msg; 21] = [
        CodeOk,
        CodeMissingParameter,
        CodeInvalidForState,
        CodeForbidden,
        CodeInternal,
        CodePermission,
        CodeNotFound,
        CodePartial,
        CodePassword,
        CodeIncomplete,
        CodeOutOfRange,
        CodeReadOnly,
        CodeCannotRetrieve,
        CodeCannotCreate,
        CodeCannotDelete,
        CodeCannotUpdate,
        CodeCannotAssign,
        CodeCannotUnassign,
        CodeExists,
        CodeInUse,
        CodeNotAuthenticated,
    ];
    usize::try_from(code)
        .ok()
        .and_then(|code| CODES.get(code).copied())
        .unwrap_or(CodeOther)
}
