//! Who is who in the session: which participant is the signed-in agent, and the
//! role of every other participant.

use gws_types::{Contact, Message, MessageType, Participant, User, Visibility};

use crate::i18n::{Msg, Said};

/// What the widget knows of the signed-in agent, to find them among participants
/// (the session resource does not say which participant is "me").
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Identity {
    pub user: Option<User>,
    /// Names the agent appears under (the Accept nickname, the user name).
    pub nicknames: Vec<String>,
}

impl Identity {
    pub fn from_user(user: User) -> Self {
        let nicknames = [&user.user_name, &user.first_name]
            .into_iter()
            .flatten()
            .cloned()
            .collect();
        Identity {
            user: Some(user),
            nicknames,
        }
    }

    /// Whether a directory contact is this user: the same id (a user's contact and user
    /// resources share it), or the same user name.
    pub fn is_contact(&self, contact: &Contact) -> bool {
        let Some(user) = &self.user else {
            return false;
        };
        let same = |a: &Option<String>, b: &Option<String>| a.is_some() && a == b;
        same(&contact.id, &user.id) || same(&contact.user_name, &user.user_name)
    }

    /// Whether a participant record carries this user's URI or path. GWS adds them to
    /// a message's `from`; the session resource usually omits them.
    pub fn matches_reference(&self, participant: &Participant) -> bool {
        let Some(user) = &self.user else {
            return false;
        };
        let user_path = user
            .path
            .clone()
            .or_else(|| user.id.as_ref().map(|id| format!("/users/{id}")));
        let refers_to_user = |reference: &str| {
            user.uri.as_deref() == Some(reference)
                || user_path
                    .as_deref()
                    .is_some_and(|path| reference.ends_with(path))
        };
        [&participant.uri, &participant.path]
            .into_iter()
            .flatten()
            .any(|reference| refers_to_user(reference))
    }
}

/// A participant's part in the session, as the agent using the widget sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Role {
    Me,
    Customer,
    /// Joined through Consult: only agents see them.
    Consultant,
    /// Joined visibly to the customer (Invite, or a consultation turned conference).
    Conferenced,
    /// An agent whose joining is not in the log (e.g. the agent who consulted me).
    Agent,
    /// A participant type this version does not know, named as it came.
    Other(String),
}

impl Role {
    /// The role as the agent reads it.
    pub fn said(&self) -> Said {
        match self {
            Role::Me => Msg::You.into(),
            Role::Customer => Msg::Customer.into(),
            Role::Consultant => Msg::Consultant.into(),
            Role::Conferenced => Msg::Conferenced.into(),
            Role::Agent => Msg::Agent.into(),
            Role::Other(kind) => kind.as_str().into(),
        }
    }

    /// The role as host events name it, the same in every language.
    pub fn label(&self) -> &str {
        match self {
            Role::Me => "You",
            Role::Customer => "Customer",
            Role::Consultant => "Consulting agent",
            Role::Conferenced => "Conferenced agent",
            Role::Agent => "Agent",
            Role::Other(kind) => kind,
        }
    }
}

/// How each participant last joined, from `ParticipantJoined` / `ParticipantRejoined`
/// entries: visibility `Agents` means consulting, `All` means visible to the customer.
/// A list, not a map: a session has a handful of participants, and a scan is less code.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Joins {
    last_join: Vec<(String, u64, Option<Visibility>)>,
}

impl Joins {
    pub fn record(&mut self, message: &Message) {
        if !matches!(
            message.kind,
            MessageType::ParticipantJoined | MessageType::ParticipantRejoined
        ) {
            return;
        }
        let Some(from) = &message.from else {
            return;
        };
        let joined = (message.index, message.visibility.clone());
        match self
            .last_join
            .iter_mut()
            .find(|(id, ..)| *id == from.participant_id)
        {
            Some((_, index, visibility)) if *index <= message.index => {
                (*index, *visibility) = joined;
            }
            Some(_) => {}
            None => self
                .last_join
                .push((from.participant_id.clone(), joined.0, joined.1)),
        }
    }

    pub fn visibility(&self, participant_id: &str) -> Option<&Visibility> {
        let (.., visibility) = self
            .last_join
            .iter()
            .find(|(id, ..)| id == participant_id)?;
        visibility.as_ref()
    }
}

/// The role of `participant`, given who "me" is.
pub fn role_of(participant: &Participant, me: Option<&str>, joins: &Joins) -> Role {
    if me == Some(participant.participant_id.as_str()) {
        return Role::Me;
    }
    if participant.is_customer() {
        return Role::Customer;
    }
    if !participant.is_agent() {
        let kind = participant
            .kind
            .as_ref()
            .map_or("Participant", |k| k.as_str());
        return Role::Other(kind.to_owned());
    }
    match joins.visibility(&participant.participant_id) {
        Some(Visibility::Agents) => Role::Consultant,
        Some(Visibility::All) => Role::Conferenced,
        _ => Role::Agent,
    }
}

/// Finds the agent among the participants when nothing has told yet: by the user's
/// URI or path, else by a nickname only one agent has, else as the only agent.
pub fn find_me<'p>(identity: &Identity, participants: &'p [Participant]) -> Option<&'p str> {
    let agents = || participants.iter().filter(|p| p.is_agent());
    if let Some(me) = agents().find(|p| identity.matches_reference(p)) {
        return Some(&me.participant_id);
    }
    let mut named_like_me = agents().filter(|p| {
        p.nickname
            .as_ref()
            .is_some_and(|name| identity.nicknames.contains(name))
    });
    if let (Some(me), None) = (named_like_me.next(), named_like_me.next()) {
        return Some(&me.participant_id);
    }
    let mut all = agents();
    match (all.next(), all.next()) {
        (Some(only), None) => Some(&only.participant_id),
        _ => None,
    }
}
