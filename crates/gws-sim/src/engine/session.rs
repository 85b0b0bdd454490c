//! One SMS session: its participants, each agent's own view of it, the message log
//! (indexes rising, gaps allowed) and what the customer's phone received.

use std::collections::BTreeMap;

use gws_types::{
    Message, MessageType, Notification, NotificationMessageType, NotificationType, Participant,
    ParticipantType, SessionStatus, SmsSession, UserData, Visibility,
};

use super::{capabilities, Counters, Outbound};

/// How an agent takes part.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// Seen by the customer: the agent who accepted the session, or a conference member.
    Visible,
    /// Joined through Consult: only agents see them and what they write.
    Consultant,
}

/// Why an agent was offered the session.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OfferKind {
    /// A new customer session routed to the agent.
    Inbound,
    Consult,
    Invite,
    Transfer,
}

/// An offer another agent made and the target has not answered yet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pending {
    pub kind: OfferKind,
    pub from: String,
    pub target: String,
    pub reference_id: u64,
}

/// One agent's place in the session. The seat outlives the agent's part in it, so
/// the agent can still read the session as `Completed`.
#[derive(Debug, Clone)]
pub struct Seat {
    pub username: String,
    pub participant: Participant,
    pub role: Role,
    pub state: SessionStatus,
    pub offer: OfferKind,
}

#[derive(Debug, Clone)]
pub struct Session {
    pub id: String,
    pub uri: String,
    pub customer: Participant,
    /// False once the session has ended for the customer.
    pub customer_present: bool,
    /// In joining order.
    pub seats: Vec<Seat>,
    pub log: Vec<Message>,
    pub user_data: UserData,
    pub comment: Option<String>,
    pub pending: Option<Pending>,
    /// Every entry the customer's phone received.
    pub transcript: Vec<Message>,
    /// How many SetInFocus requests each agent sent, allowed or not: focus has no
    /// visible effect, so this is the only trace of it.
    pub focus: BTreeMap<String, u64>,
}

impl Session {
    pub fn seat(&self, username: &str) -> Option<&Seat> {
        self.seats.iter().find(|seat| seat.username == username)
    }

    pub fn seat_mut(&mut self, username: &str) -> Option<&mut Seat> {
        self.seats.iter_mut().find(|seat| seat.username == username)
    }

    /// Agents taking part now.
    pub fn chatting(&self) -> impl Iterator<Item = &Seat> {
        self.seats
            .iter()
            .filter(|seat| seat.state == SessionStatus::Chatting)
    }

    pub fn participants(&self) -> Vec<Participant> {
        let mut all: Vec<Participant> = self.chatting().map(|s| s.participant.clone()).collect();
        if self.customer_present {
            all.push(self.customer.clone());
        }
        all
    }

    /// The resource as `username` sees it; `Completed` is the documented partial form.
    pub fn view_for(&self, seat: &Seat) -> SmsSession {
        let mut view = SmsSession {
            id: Some(self.id.clone()),
            uri: Some(self.uri.clone()),
            path: Some(format!("/smssessions/{}", self.id)),
            state: Some(seat.state.clone()),
            ..SmsSession::default()
        };
        if seat.state != SessionStatus::Completed {
            view.participants = Some(self.participants());
            view.capabilities = Some(capabilities::of(self, seat));
            view.user_data = Some(self.user_data.clone());
            view.comment = self.comment.clone();
        }
        view
    }

    pub fn view_of(&self, username: &str) -> Option<SmsSession> {
        self.seat(username).map(|seat| self.view_for(seat))
    }

    /// Appends entries to the log and tells every chatting agent (but `except`) and,
    /// for entries visible to all, the customer's phone.
    pub fn append(
        &mut self,
        counters: &mut Counters,
        entries: Vec<(MessageType, Participant, Visibility, Body)>,
        refs: &Refs,
        except: Option<&str>,
        out: &mut Vec<Outbound>,
    ) -> Vec<Message> {
        let now = counters.now();
        let written: Vec<Message> = entries
            .into_iter()
            .map(|(kind, from, visibility, body)| {
                let last = self.log.last().map_or(0, |entry| entry.index);
                let message = Message {
                    index: counters.message_index(last),
                    kind,
                    from: Some(from),
                    text: body.text,
                    url: body.url,
                    notice_text: body.notice_text,
                    visibility: Some(visibility),
                    timestamp: Some(gws_types::timestamp::format_millis(now)),
                    timestamp_seconds: Some(now),
                };
                self.log.push(message.clone());
                message
            })
            .collect();
        let recipients: Vec<String> = self
            .chatting()
            .filter(|seat| Some(seat.username.as_str()) != except)
            .map(|seat| seat.username.clone())
            .collect();
        for username in recipients {
            out.push(Outbound::Agent {
                notification: self.new_messages(written.clone(), refs.get(&username)),
                username,
            });
        }
        for message in &written {
            self.deliver_to_customer(message, out);
        }
        written
    }

    fn deliver_to_customer(&mut self, message: &Message, out: &mut Vec<Outbound>) {
        let from_customer = message
            .from
            .as_ref()
            .is_some_and(|from| from.participant_id == self.customer.participant_id);
        if self.customer_present && message.visibility == Some(Visibility::All) && !from_customer {
            self.transcript.push(message.clone());
            out.push(Outbound::Customer {
                session_id: self.id.clone(),
                message: message.clone(),
            });
        }
    }

    pub fn new_messages(&self, messages: Vec<Message>, reference_id: Option<u64>) -> Notification {
        Notification {
            message_type: Some(NotificationMessageType::MessageLogUpdated),
            notification_type: NotificationType::NewMessages,
            smssession: None,
            reference_id,
            error_message: None,
            messages: Some(messages),
            smssession_uri: Some(self.uri.clone()),
            smssession_path: None,
        }
    }

    pub fn state_change(
        &self,
        kind: NotificationType,
        view: SmsSession,
        reference_id: Option<u64>,
    ) -> Notification {
        Notification {
            message_type: Some(NotificationMessageType::SmsSessionStateChange),
            notification_type: kind,
            smssession: Some(view),
            reference_id,
            error_message: None,
            messages: None,
            smssession_uri: None,
            smssession_path: None,
        }
    }

    /// Sends `kind` with each recipient's own view to every chatting agent but `except`.
    pub fn tell_chatting(
        &self,
        kind: NotificationType,
        refs: &Refs,
        except: Option<&str>,
        out: &mut Vec<Outbound>,
    ) {
        for seat in self.chatting() {
            if Some(seat.username.as_str()) == except {
                continue;
            }
            out.push(Outbound::Agent {
                username: seat.username.clone(),
                notification: self.state_change(
                    kind.clone(),
                    self.view_for(seat),
                    refs.get(&seat.username),
                ),
            });
        }
    }

    /// Tells one agent about their own view.
    pub fn tell(
        &self,
        username: &str,
        kind: NotificationType,
        reference_id: Option<u64>,
        out: &mut Vec<Outbound>,
    ) {
        if let Some(seat) = self.seat(username) {
            out.push(Outbound::Agent {
                username: username.to_owned(),
                notification: self.state_change(kind, self.view_for(seat), reference_id),
            });
        }
    }

    pub fn customer_participant(id: &str, nickname: &str) -> Participant {
        Participant::new(id, nickname, ParticipantType::Customer)
    }
}

/// The text-bearing fields of a new log entry.
#[derive(Debug, Clone, Default)]
pub struct Body {
    pub text: Option<String>,
    pub url: Option<String>,
    pub notice_text: Option<String>,
}

impl Body {
    pub fn none() -> Self {
        Body::default()
    }

    pub fn text(text: &str) -> Self {
        Body {
            text: Some(text.to_owned()),
            ..Body::default()
        }
    }

    pub fn url(url: String) -> Self {
        Body {
            url: Some(url),
            ..Body::default()
        }
    }

    pub fn notice(notice_text: String) -> Self {
        Body {
            notice_text: Some(notice_text),
            ..Body::default()
        }
    }
}

/// Which agent's notifications carry which `referenceId`: the requester's carry the
/// request's, an offer's originator's carry the offer request's, nobody else's carry one.
#[derive(Debug, Clone, Default)]
pub struct Refs(Vec<(String, u64)>);

impl Refs {
    pub fn none() -> Self {
        Refs(Vec::new())
    }

    pub fn one(username: &str, reference_id: Option<u64>) -> Self {
        let mut refs = Refs::none();
        refs.add(username, reference_id);
        refs
    }

    pub fn add(&mut self, username: &str, reference_id: Option<u64>) {
        if let Some(id) = reference_id {
            self.0.push((username.to_owned(), id));
        }
    }

    pub fn get(&self, username: &str) -> Option<u64> {
        self.0
            .iter()
            .find(|(name, _)| name == username)
            .map(|(_, id)| *id)
    }
}
