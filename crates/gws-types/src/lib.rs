//! Wire types of the Genesys Web Services API v2 SMS Session API
//! (`/api/v2/me/smssessions/{id}`), shared by the widget and the simulator.
//!
//! Field names are exactly those GWS sends. Unknown fields are ignored and unknown
//! enumeration values are kept as they came, so a newer server never breaks an older
//! client. Nothing here does I/O.

mod capability;
mod contact;
mod disposition;
mod message;
mod notification;
mod open_enum;
mod operation;
mod response;
mod session;
mod status;
pub mod timestamp;
mod user;
mod user_data;

/// Whether this build reads the directory fields no client here reads (the simulator
/// turns them on; Cargo then turns them on for everything built with it).
pub const DIRECTORY_DETAILS: bool = cfg!(feature = "directory-details");

pub use capability::Capability;
#[cfg(feature = "directory-details")]
pub use contact::PhoneNumber;
pub use contact::{Availability, ChannelAvailability, Contact, ContactType, UserState};
pub use disposition::{Disposition, DispositionSettings};
pub use message::{Message, MessageType, Visibility};
pub use notification::{
    MalformedNotification, Notification, NotificationEvent, NotificationMessageType,
    NotificationType, SessionChange,
};
pub use operation::{
    OperationName, OperationParseError, OperationRequest, Target, OPERATION_NAMES,
};
pub use response::{
    ContactsResponse, MeResponse, MessagesResponse, OperationResponse, SmsSessionResponse,
    SmsSessionsResponse, UrisResponse, VersionResponse,
};
pub use session::{Participant, ParticipantType, SessionStatus, SmsSession};
pub use status::StatusCode;
pub use user::{MeOperationRequest, SupervisorOperationRequest, SupervisorVisibilityMode, User};
pub use user_data::{UserData, UserValue};

/// The last non-empty segment of a URI or path, ignoring a query or fragment: how a
/// session id is read from `smssessionUri`, the only link a log update carries.
pub fn last_path_segment(uri: &str) -> Option<&str> {
    let end = uri.find(['?', '#']).unwrap_or(uri.len());
    uri[..end]
        .split('/')
        .rev()
        .find(|segment| !segment.is_empty())
}
