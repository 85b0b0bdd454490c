//! Each agent operation: validation first, then the change and the notifications
//! GWS sends for it. A `ErrorNotice` leaves the session exactly as it was.

use gws_types::{
    MessageType, NotificationType, OperationRequest, Participant, ParticipantType, SessionStatus,
    Target, Visibility,
};

use super::session::{Body, OfferKind, Pending, Refs, Role, Seat, Session};
use super::{Counters, Outbound};
use crate::directory::{Directory, Resolved};

pub struct Context<'a> {
    pub counters: &'a mut Counters,
    pub directory: &'a Directory,
    pub disposition_key: &'a str,
    pub reference_id: u64,
}

/// An operation that failed after it was accepted: reported as an `Error` notification.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ErrorNotice {
    pub message: String,
    /// The bare form (no `messageType`, no resource), as CancelConsult documents.
    pub bare: bool,
}

fn fail<T>(message: impl Into<String>) -> Result<T, ErrorNotice> {
    Err(ErrorNotice {
        message: message.into(),
        bare: false,
    })
}

type Outcome = Result<Vec<Outbound>, ErrorNotice>;

pub fn run(
    session: &mut Session,
    cx: &mut Context,
    user: &str,
    operation: OperationRequest,
) -> Outcome {
    use OperationRequest as Op;
    let reference = Some(cx.reference_id);
    match operation {
        Op::Accept { nickname, .. } => accept(session, cx, user, Some(nickname), reference),
        Op::Reject => reject(session, cx, user),
        Op::SendMessage { text } => write(
            session,
            cx,
            user,
            MessageType::Text,
            Visibility::All,
            Body::text(&text),
        ),
        Op::SendToAgents { text } => write(
            session,
            cx,
            user,
            MessageType::Text,
            Visibility::Agents,
            Body::text(&text),
        ),
        Op::SendUrl { url } => write(
            session,
            cx,
            user,
            MessageType::PushUrl,
            Visibility::All,
            Body::url(url),
        ),
        Op::SendCustomNotice { notice_text } => write(
            session,
            cx,
            user,
            MessageType::CustomNotice,
            Visibility::All,
            Body::notice(notice_text),
        ),
        Op::SendCustomNoticeToAgents { notice_text } => write(
            session,
            cx,
            user,
            MessageType::CustomNotice,
            Visibility::Agents,
            Body::notice(notice_text),
        ),
        Op::SendStartTypingNotification => write(
            session,
            cx,
            user,
            MessageType::TypingStarted,
            Visibility::All,
            Body::none(),
        ),
        Op::SendStopTypingNotification => write(
            session,
            cx,
            user,
            MessageType::TypingStopped,
            Visibility::All,
            Body::none(),
        ),
        Op::SendStartTypingToAgentsNotification => write(
            session,
            cx,
            user,
            MessageType::TypingStarted,
            Visibility::Agents,
            Body::none(),
        ),
        Op::SendStopTypingToAgentsNotification => write(
            session,
            cx,
            user,
            MessageType::TypingStopped,
            Visibility::Agents,
            Body::none(),
        ),
        Op::Consult { target } => consult(session, cx, user, &target),
        Op::Invite { target } => invite(session, cx, user, &target),
        Op::Transfer { target } => transfer(session, cx, user, &target),
        Op::CancelConsult => cancel_consult(session, cx, user),
        Op::Leave => leave(session, cx, user, false),
        Op::Complete { .. } | Op::LeaveAndComplete => leave(session, cx, user, true),
        // Focus is reported to the server for reporting only; nothing is notified.
        Op::SetInFocus => Ok(Vec::new()),
        Op::SetDisposition {
            disposition,
            disposition_key,
        } => {
            let key = disposition_key.unwrap_or_else(|| cx.disposition_key.to_owned());
            session.user_data.insert(key, disposition.into());
            Ok(properties_updated(session, user, reference))
        }
        Op::AttachUserData { user_data } | Op::UpdateUserData { user_data } => {
            session.user_data.extend(user_data);
            Ok(properties_updated(session, user, reference))
        }
        Op::DeleteUserData { keys } => {
            for key in &keys {
                session.user_data.remove(key);
            }
            Ok(properties_updated(session, user, reference))
        }
        Op::AddComment { comment } => {
            session.comment = Some(comment);
            Ok(properties_updated(session, user, reference))
        }
    }
}

/// The whole resource with the whole userData, to every agent in the session.
fn properties_updated(session: &Session, user: &str, reference: Option<u64>) -> Vec<Outbound> {
    let mut out = Vec::new();
    session.tell_chatting(
        NotificationType::PropertiesUpdated,
        &Refs::one(user, reference),
        None,
        &mut out,
    );
    if session
        .seat(user)
        .is_some_and(|seat| seat.state != SessionStatus::Chatting)
    {
        session.tell(
            user,
            NotificationType::PropertiesUpdated,
            reference,
            &mut out,
        );
    }
    out
}

/// A log entry by the requesting agent. A consultant's entries are agents-only
/// whatever operation wrote them: the customer never learns of the consultation.
fn write(
    session: &mut Session,
    cx: &mut Context,
    user: &str,
    kind: MessageType,
    visibility: Visibility,
    body: Body,
) -> Outcome {
    let Some(seat) = session.seat(user) else {
        return fail("Operation failed");
    };
    let visibility = match seat.role {
        Role::Consultant => Visibility::Agents,
        Role::Visible => visibility,
    };
    let from = seat.participant.clone();
    let mut out = Vec::new();
    let refs = Refs::one(user, Some(cx.reference_id));
    session.append(
        cx.counters,
        vec![(kind, from, visibility, body)],
        &refs,
        None,
        &mut out,
    );
    Ok(out)
}

/// The invited agent takes the session; for a transfer the originator then leaves.
pub fn accept(
    session: &mut Session,
    cx: &mut Context,
    user: &str,
    nickname: Option<String>,
    reference: Option<u64>,
) -> Outcome {
    let pending = session.pending.take_if(|p| p.target == user);
    let Some(seat) = session.seat_mut(user) else {
        return fail("Operation failed");
    };
    seat.role = match seat.offer {
        OfferKind::Consult => Role::Consultant,
        _ => Role::Visible,
    };
    if let Some(nickname) = nickname.filter(|n| !n.trim().is_empty()) {
        seat.participant.nickname = Some(nickname);
    }
    seat.state = SessionStatus::Chatting;
    let (offer, role, joined) = (seat.offer, seat.role, seat.participant.clone());

    let mut out = Vec::new();
    // The accepter: StatusChange (participants not yet listed, as documented), the
    // participants, then the whole history up to and including their own join.
    if let Some(mut view) = session.view_of(user) {
        view.participants = Some(Vec::new());
        out.push(Outbound::Agent {
            username: user.to_owned(),
            notification: session.state_change(NotificationType::StatusChange, view, reference),
        });
    }
    session.tell(
        user,
        NotificationType::ParticipantsUpdated,
        reference,
        &mut out,
    );

    let mut refs = Refs::none();
    if let Some(pending) = &pending {
        refs.add(&pending.from, Some(pending.reference_id));
    }
    session.tell_chatting(
        NotificationType::ParticipantsUpdated,
        &refs,
        Some(user),
        &mut out,
    );
    let visibility = match role {
        Role::Consultant => Visibility::Agents,
        Role::Visible => Visibility::All,
    };
    let entry = (
        MessageType::ParticipantJoined,
        joined,
        visibility,
        Body::none(),
    );
    session.append(cx.counters, vec![entry], &refs, Some(user), &mut out);
    out.push(Outbound::Agent {
        username: user.to_owned(),
        notification: session.new_messages(session.log.clone(), reference),
    });

    if let (OfferKind::Transfer, Some(pending)) = (offer, pending) {
        depart(
            session,
            cx,
            &pending.from,
            Some(pending.reference_id),
            &mut out,
        );
    }
    Ok(out)
}

fn reject(session: &mut Session, cx: &mut Context, user: &str) -> Outcome {
    let pending = session.pending.take_if(|p| p.target == user);
    let Some(seat) = session.seat_mut(user) else {
        return fail("Operation failed");
    };
    seat.state = SessionStatus::Completed;
    let nickname = seat.participant.nickname.clone().unwrap_or_default();
    let mut out = Vec::new();
    if let Some(mut view) = session.view_of(user) {
        view.participants = Some(Vec::new());
        out.push(Outbound::Agent {
            username: user.to_owned(),
            notification: session.state_change(
                NotificationType::StatusChange,
                view,
                Some(cx.reference_id),
            ),
        });
    }
    if let Some(pending) = pending {
        let view = session.view_of(&pending.from);
        out.push(Outbound::Agent {
            username: pending.from.clone(),
            notification: super::error_notification(
                view,
                pending.reference_id,
                format!("{nickname} declined the invitation"),
            ),
        });
    }
    Ok(out)
}

/// The agent a target names, ready and free to be offered the session. A queue
/// routes to its first ready member who is not already in the session.
fn offerable(
    session: &Session,
    cx: &Context,
    user: &str,
    target: &Target,
) -> Result<String, ErrorNotice> {
    let username = match cx.directory.resolve(target.value()) {
        None => return fail(format!("Unknown target {}", target.value())),
        Some(Resolved::Agent(username)) => username,
        Some(Resolved::Queue(queue)) => {
            let free = cx
                .directory
                .queue_members(&queue)
                .into_iter()
                .find(|agent| {
                    agent.ready && agent.username != user && !is_engaged(session, &agent.username)
                });
            match free {
                Some(agent) => agent.username.clone(),
                None => return fail(format!("No agent is available in queue {queue}")),
            }
        }
    };
    if username == user {
        return fail("An agent cannot target themselves");
    }
    if is_engaged(session, &username) {
        return fail(format!("{username} is already in this session"));
    }
    if !cx
        .directory
        .agent(&username)
        .is_some_and(|agent| agent.ready)
    {
        return fail(format!("{username} is not ready"));
    }
    if session.pending.is_some() {
        return fail("Another consultation, invitation or transfer is already pending");
    }
    Ok(username)
}

fn is_engaged(session: &Session, username: &str) -> bool {
    session
        .seat(username)
        .is_some_and(|seat| matches!(seat.state, SessionStatus::Invited | SessionStatus::Chatting))
}

/// Offers the session to `target` (`StatusChange`, state `Invited`, the whole resource).
fn offer(
    session: &mut Session,
    cx: &mut Context,
    user: &str,
    target: String,
    kind: OfferKind,
) -> Outcome {
    let nickname = cx
        .directory
        .agent(&target)
        .map(|agent| agent.nickname.clone())
        .unwrap_or_else(|| target.clone());
    let seat = Seat {
        username: target.clone(),
        participant: Participant::new(
            &cx.counters.participant_id(),
            &nickname,
            ParticipantType::Agent,
        ),
        role: Role::Visible,
        state: SessionStatus::Invited,
        offer: kind,
    };
    match session.seat_mut(&target) {
        // Someone who left and is offered the session again keeps their participant.
        Some(existing) => {
            existing.state = SessionStatus::Invited;
            existing.offer = kind;
            existing.role = Role::Visible;
        }
        None => session.seats.push(seat),
    }
    session.pending = Some(Pending {
        kind,
        from: user.to_owned(),
        target: target.clone(),
        reference_id: cx.reference_id,
    });
    let mut out = Vec::new();
    session.tell(&target, NotificationType::StatusChange, None, &mut out);
    out.push(Outbound::Offered {
        session_id: session.id.clone(),
        username: target,
    });
    Ok(out)
}

fn consult(session: &mut Session, cx: &mut Context, user: &str, target: &Target) -> Outcome {
    let target = offerable(session, cx, user, target)?;
    offer(session, cx, user, target, OfferKind::Consult)
}

/// The agent a target names if they are chatting in this session already.
fn present(session: &Session, cx: &Context, target: &Target) -> Option<String> {
    match cx.directory.resolve(target.value()) {
        Some(Resolved::Agent(username)) => session
            .chatting()
            .any(|seat| seat.username == username)
            .then_some(username),
        _ => None,
    }
}

/// Conference: the current consultant becomes visible to the customer (same
/// participant, a `ParticipantJoined` with visibility All); anyone else is offered it.
fn invite(session: &mut Session, cx: &mut Context, user: &str, target: &Target) -> Outcome {
    let Some(username) = present(session, cx, target) else {
        let target = offerable(session, cx, user, target)?;
        return offer(session, cx, user, target, OfferKind::Invite);
    };
    let Some(seat) = session
        .seat_mut(&username)
        .filter(|s| s.role == Role::Consultant)
    else {
        return fail(format!("{username} is already in the conference"));
    };
    seat.role = Role::Visible;
    let joined = seat.participant.clone();
    let mut out = Vec::new();
    let refs = Refs::one(user, Some(cx.reference_id));
    session.tell_chatting(NotificationType::ParticipantsUpdated, &refs, None, &mut out);
    let entry = (
        MessageType::ParticipantJoined,
        joined,
        Visibility::All,
        Body::none(),
    );
    session.append(cx.counters, vec![entry], &refs, None, &mut out);
    Ok(out)
}

/// Transfer to someone already in the session happens at once; to another agent or a
/// queue the target is offered the session and the originator leaves on acceptance.
fn transfer(session: &mut Session, cx: &mut Context, user: &str, target: &Target) -> Outcome {
    let Some(username) = present(session, cx, target) else {
        let target = offerable(session, cx, user, target)?;
        return offer(session, cx, user, target, OfferKind::Transfer);
    };
    if username == user {
        return fail("An agent cannot target themselves");
    }
    let refs = Refs::one(user, Some(cx.reference_id));
    let mut out = Vec::new();
    if let Some(seat) = session
        .seat_mut(&username)
        .filter(|s| s.role == Role::Consultant)
    {
        seat.role = Role::Visible;
        let joined = seat.participant.clone();
        session.tell_chatting(NotificationType::ParticipantsUpdated, &refs, None, &mut out);
        let entry = (
            MessageType::ParticipantJoined,
            joined,
            Visibility::All,
            Body::none(),
        );
        session.append(cx.counters, vec![entry], &refs, None, &mut out);
    }
    depart(session, cx, user, Some(cx.reference_id), &mut out);
    Ok(out)
}

fn cancel_consult(session: &mut Session, _cx: &mut Context, user: &str) -> Outcome {
    let cancellable = session.pending.as_ref().is_some_and(|p| {
        p.from == user && matches!(p.kind, OfferKind::Consult | OfferKind::Invite)
    });
    if !cancellable {
        return Err(ErrorNotice {
            message: "Request failed".into(),
            bare: true,
        });
    }
    let mut out = Vec::new();
    withdraw_offer(session, &mut out);
    // GWS sends the requester nothing when a cancellation succeeds.
    Ok(out)
}

/// Withdraws the pending offer: the target's `Invited` session becomes `Completed`.
fn withdraw_offer(session: &mut Session, out: &mut Vec<Outbound>) {
    let Some(pending) = session.pending.take() else {
        return;
    };
    if let Some(seat) = session.seat_mut(&pending.target) {
        seat.state = SessionStatus::Completed;
    }
    session.tell(&pending.target, NotificationType::StatusChange, None, out);
}

/// Leave (`complete` false) or Complete. Alone with the customer, Leave ends the
/// session for the customer and keeps the agent in `LeftChat` for wrap-up; with other
/// agents present the agent alone is done (`Completed`) and the session goes on.
fn leave(session: &mut Session, cx: &mut Context, user: &str, complete: bool) -> Outcome {
    let Some((state, left)) = session
        .seat(user)
        .map(|s| (s.state.clone(), s.participant.clone()))
    else {
        return fail("Operation failed");
    };
    let mut out = Vec::new();
    let reference = Some(cx.reference_id);
    if state == SessionStatus::LeftChat {
        if let Some(seat) = session.seat_mut(user) {
            seat.state = SessionStatus::Completed;
        }
        session.tell(user, NotificationType::StatusChange, reference, &mut out);
        return Ok(out);
    }
    let others = session.chatting().any(|other| other.username != user);
    if others {
        depart(session, cx, user, reference, &mut out);
        return Ok(out);
    }
    if session.pending.as_ref().is_some_and(|p| p.from == user) {
        withdraw_offer(session, &mut out);
    }
    if let Some(seat) = session.seat_mut(user) {
        seat.state = if complete {
            SessionStatus::Completed
        } else {
            SessionStatus::LeftChat
        };
    }
    if session.customer_present {
        let entry = (
            MessageType::ParticipantLeft,
            left,
            Visibility::All,
            Body::none(),
        );
        session.append(cx.counters, vec![entry], &Refs::none(), None, &mut out);
        session.customer_present = false;
    }
    session.tell(user, NotificationType::StatusChange, reference, &mut out);
    Ok(out)
}

/// `user` leaves while others stay: their session is `Completed`, the others see them
/// go. If only consultants remain, the first becomes the customer's agent.
fn depart(
    session: &mut Session,
    cx: &mut Context,
    user: &str,
    reference: Option<u64>,
    out: &mut Vec<Outbound>,
) {
    if session.pending.as_ref().is_some_and(|p| p.from == user) {
        withdraw_offer(session, out);
    }
    let Some(seat) = session.seat_mut(user) else {
        return;
    };
    seat.state = SessionStatus::Completed;
    let left_visibility = match seat.role {
        Role::Consultant => Visibility::Agents,
        Role::Visible => Visibility::All,
    };
    let mut entries = vec![(
        MessageType::ParticipantLeft,
        seat.participant.clone(),
        left_visibility,
        Body::none(),
    )];
    session.tell(user, NotificationType::StatusChange, reference, out);

    let anyone_visible = session.chatting().any(|seat| seat.role == Role::Visible);
    if !anyone_visible && session.customer_present {
        if let Some(seat) = session
            .seats
            .iter_mut()
            .find(|s| s.state == SessionStatus::Chatting)
        {
            seat.role = Role::Visible;
            entries.push((
                MessageType::ParticipantJoined,
                seat.participant.clone(),
                Visibility::All,
                Body::none(),
            ));
        }
    }
    session.tell_chatting(
        NotificationType::ParticipantsUpdated,
        &Refs::none(),
        None,
        out,
    );
    session.append(cx.counters, entries, &Refs::none(), None, out);
}
