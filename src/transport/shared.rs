//! One CometD connection per GWS (notifications URL and credentials) for the whole
//! page, however many widgets show sessions on it. Each widget holds a
//! [`Subscription`]; the connection opens with the first and closes with the last.
//!
//! A widget reads its session when it subscribes and again on every
//! [`CometEvent::Resync`]. The first subscriber also gets a `Resync` once the new
//! connection is live; a later one joins a live connection and gets none until the
//! next interruption, hence the read at subscription time.
//!
//! [`wake`] makes the connection try at once when it is waiting to reconnect: when the
//! agent acts, since then the notifications matter.

use std::cell::{Cell, RefCell};
use std::rc::{Rc, Weak};

use super::bayeux::ConnectionState;
use super::connection::{Connection, Sink};
use super::notify::CometEvent;
use super::{Credentials, GwsClient};

type Callback = Rc<dyn Fn(&CometEvent)>;

/// An open connection as the hub holds it: dropping it closes the connection.
trait Link {
    fn wake(&self);
}

impl Link for Connection {
    fn wake(&self) {
        Connection::wake(self);
    }
}

/// Opens a connection that reports to the sink.
type Opener = Rc<dyn Fn(&GwsClient, Sink) -> Box<dyn Link>>;

/// What a hub is shared by: the notifications URL and the credentials.
#[derive(Clone, PartialEq, Eq)]
struct HubKey {
    url: String,
    credentials: Credentials,
}

impl HubKey {
    fn of(client: &GwsClient) -> Self {
        HubKey {
            url: client.config().notifications_url(),
            credentials: client.config().credentials.clone(),
        }
    }
}

struct Hub {
    key: HubKey,
    client: GwsClient,
    open: Opener,
    subscribers: RefCell<Vec<(u64, Callback)>>,
    next_id: Cell<u64>,
    state: Cell<ConnectionState>,
    connection: RefCell<Option<Box<dyn Link>>>,
}

thread_local! {
    /// A page has a hub or two (one per GWS it talks to): a list, not a map.
    static HUBS: RefCell<Vec<(HubKey, Weak<Hub>)>> = const { RefCell::new(Vec::new()) };
}

/// Receives every event of the page's connection to this client's GWS.
pub fn subscribe(client: &GwsClient, on_event: impl Fn(&CometEvent) + 'static) -> Subscription {
    subscribe_with(client, Rc::new(on_event), production_opener())
}

/// Receives the events of one session: its notifications, errors that name no
/// session, connection states and resync signals.
pub fn subscribe_session(
    client: &GwsClient,
    session_id: impl Into<String>,
    on_event: impl Fn(&CometEvent) + 'static,
) -> Subscription {
    let session_id = session_id.into();
    subscribe(client, move |event| {
        if event.concerns(&session_id) {
            on_event(event);
        }
    })
}

/// Makes the page's connection to this client's GWS and agent, if one is open, try at
/// once when it is waiting to reconnect, rather than at the end of its back-off; not
/// sooner than a second after its last try failed, so calling this often cannot flood
/// a server that is down. Does nothing while connected or while a try is under way.
pub fn wake(client: &GwsClient) {
    if let Some(hub) = hub_of(&HubKey::of(client)) {
        hub.wake();
    }
}

fn hub_of(key: &HubKey) -> Option<Rc<Hub>> {
    HUBS.with(|hubs| {
        hubs.borrow()
            .iter()
            .find(|(k, _)| k == key)
            .and_then(|(_, hub)| hub.upgrade())
    })
}

fn production_opener() -> Opener {
    Rc::new(|client: &GwsClient, sink: Sink| -> Box<dyn Link> {
        Box::new(Connection::open(client.clone(), sink))
    })
}

fn subscribe_with(client: &GwsClient, callback: Callback, open: Opener) -> Subscription {
    let key = HubKey::of(client);
    let hub = match hub_of(&key) {
        Some(hub) => hub,
        None => {
            let hub = Rc::new(Hub {
                key: key.clone(),
                client: client.clone(),
                open,
                subscribers: RefCell::new(Vec::new()),
                next_id: Cell::new(0),
                state: Cell::new(ConnectionState::Connecting),
                connection: RefCell::new(None),
            });
            HUBS.with(|hubs| {
                let mut hubs = hubs.borrow_mut();
                hubs.retain(|(k, _)| *k != key);
                hubs.push((key, Rc::downgrade(&hub)));
            });
            hub.connect();
            hub
        }
    };
    let id = hub.next_id.get() + 1;
    hub.next_id.set(id);
    hub.subscribers.borrow_mut().push((id, callback));
    Subscription { hub, id }
}

impl Hub {
    /// (Re)opens the connection; the previous one, if any, says goodbye.
    fn connect(self: &Rc<Self>) {
        let weak = Rc::downgrade(self);
        let sink: Sink = Rc::new(move |event: CometEvent| {
            if let Some(hub) = weak.upgrade() {
                hub.dispatch(&event);
            }
        });
        self.state.set(ConnectionState::Connecting);
        let connection = (self.open)(&self.client, sink);
        let previous = self.connection.replace(Some(connection));
        drop(previous);
    }

    fn wake(&self) {
        if let Some(connection) = self.connection.borrow().as_ref() {
            connection.wake();
        }
    }

    fn dispatch(&self, event: &CometEvent) {
        if let CometEvent::State(state) = event {
            self.state.set(*state);
        }
        // Callbacks may subscribe or unsubscribe: call them on a copy of the list,
        // skipping any that left in the meantime.
        let subscribers: Vec<(u64, Callback)> = self.subscribers.borrow().clone();
        for (id, callback) in subscribers {
            if self
                .subscribers
                .borrow()
                .iter()
                .any(|(other, _)| *other == id)
            {
                callback(event);
            }
        }
    }
}

impl Drop for Hub {
    fn drop(&mut self) {
        // Forget the entry unless a newer hub has taken the key already.
        let _ = HUBS.try_with(|hubs| {
            if let Ok(mut hubs) = hubs.try_borrow_mut() {
                hubs.retain(|(key, hub)| *key != self.key || hub.strong_count() > 0);
            }
        });
    }
}

/// A widget's hold on the page's connection. Dropping it unsubscribes; the last one
/// dropped closes the connection.
pub struct Subscription {
    hub: Rc<Hub>,
    id: u64,
}

impl Subscription {
    /// The connection's state now (events report every later change).
    pub fn state(&self) -> ConnectionState {
        self.hub.state.get()
    }

    /// Starts the shared connection over, e.g. after it went offline or after the
    /// agent signed in again. Every subscriber sees the new states.
    pub fn reconnect(&self) {
        self.hub.connect();
    }
}

impl std::fmt::Debug for Subscription {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Subscription")
            .field("id", &self.id)
            .field("state", &self.state())
            .finish()
    }
}

impl Drop for Subscription {
    fn drop(&mut self) {
        self.hub
            .subscribers
            .borrow_mut()
            .retain(|(id, _)| *id != self.id);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::transport::GwsConfig;
    use serde_json::json;

    /// Connections opened by the fake opener: their sinks, whether each is open, and
    /// how often each was woken.
    #[derive(Default)]
    struct Opened {
        sinks: RefCell<Vec<Sink>>,
        open: RefCell<Vec<Rc<Cell<bool>>>>,
        wakes: RefCell<Vec<Rc<Cell<u32>>>>,
    }

    impl Opened {
        fn count(&self) -> usize {
            self.sinks.borrow().len()
        }
        fn live(&self) -> usize {
            self.open.borrow().iter().filter(|open| open.get()).count()
        }
        fn wakes(&self) -> Vec<u32> {
            self.wakes
                .borrow()
                .iter()
                .map(|wakes| wakes.get())
                .collect()
        }
        fn emit(&self, which: usize, event: CometEvent) {
            let sink = self.sinks.borrow()[which].clone();
            sink(event);
        }
    }

    struct FakeConnection {
        open: Rc<Cell<bool>>,
        wakes: Rc<Cell<u32>>,
    }

    impl Link for FakeConnection {
        fn wake(&self) {
            self.wakes.set(self.wakes.get() + 1);
        }
    }

    impl Drop for FakeConnection {
        fn drop(&mut self) {
            self.open.set(false);
        }
    }

    fn fake(opened: &Rc<Opened>) -> Opener {
        let opened = opened.clone();
        Rc::new(move |_client: &GwsClient, sink: Sink| -> Box<dyn Link> {
            let open = Rc::new(Cell::new(true));
            let wakes = Rc::new(Cell::new(0));
            opened.sinks.borrow_mut().push(sink);
            opened.open.borrow_mut().push(open.clone());
            opened.wakes.borrow_mut().push(wakes.clone());
            Box::new(FakeConnection { open, wakes })
        })
    }

    fn recorder() -> (Rc<RefCell<Vec<CometEvent>>>, Callback) {
        let seen = Rc::new(RefCell::new(Vec::new()));
        let sink = seen.clone();
        (
            seen,
            Rc::new(move |event: &CometEvent| sink.borrow_mut().push(event.clone())),
        )
    }

    fn client(base: &str) -> GwsClient {
        GwsClient::new(GwsConfig::new(base).with_basic("agent1", "password"))
    }

    fn notification_for(session: &str) -> CometEvent {
        super::super::notify::read_notification(
            &json!({
                "messageType": "SMSsessionStateChangeMessage",
                "notificationType": "StatusChange",
                "smssession": {"id": session, "state": "Chatting"}
            })
            .to_string(),
        )
    }

    #[test]
    fn widgets_on_one_gws_share_one_connection() {
        let opened = Rc::new(Opened::default());
        let (first_seen, first) = recorder();
        let (second_seen, second) = recorder();
        // Two widgets, each with its own client for the same GWS and agent.
        let a = subscribe_with(&client("http://gws-share"), first, fake(&opened));
        let b = subscribe_with(&client("http://gws-share/"), second, fake(&opened));
        assert_eq!(opened.count(), 1);

        opened.emit(0, CometEvent::Resync);
        assert_eq!(*first_seen.borrow(), [CometEvent::Resync]);
        assert_eq!(*second_seen.borrow(), [CometEvent::Resync]);

        drop(a);
        assert_eq!(opened.live(), 1, "still used by the second widget");
        drop(b);
        assert_eq!(opened.live(), 0, "closed with the last widget");

        // A later widget opens a fresh one.
        let (_, third) = recorder();
        let _c = subscribe_with(&client("http://gws-share"), third, fake(&opened));
        assert_eq!(opened.count(), 2);
        assert_eq!(opened.live(), 1);
    }

    #[test]
    fn another_gws_or_agent_gets_its_own_connection() {
        let opened = Rc::new(Opened::default());
        let _a = subscribe_with(&client("http://gws-one"), recorder().1, fake(&opened));
        let _b = subscribe_with(&client("http://gws-two"), recorder().1, fake(&opened));
        let other_agent =
            GwsClient::new(GwsConfig::new("http://gws-one").with_basic("agent2", "password"));
        let _c = subscribe_with(&other_agent, recorder().1, fake(&opened));
        assert_eq!(opened.count(), 3);
    }

    #[test]
    fn session_subscribers_see_only_their_session() {
        let opened = Rc::new(Opened::default());
        let seen = Rc::new(RefCell::new(Vec::new()));
        let sink = seen.clone();
        let client = client("http://gws-filter");
        let only_a: Callback = Rc::new(move |event: &CometEvent| {
            if event.concerns("A") {
                sink.borrow_mut().push(event.clone());
            }
        });
        let _a = subscribe_with(&client, only_a, fake(&opened));
        opened.emit(0, notification_for("B"));
        opened.emit(0, notification_for("A"));
        opened.emit(0, CometEvent::State(ConnectionState::Connected));
        assert_eq!(
            *seen.borrow(),
            [
                notification_for("A"),
                CometEvent::State(ConnectionState::Connected)
            ]
        );
    }

    #[test]
    fn state_follows_the_connection() {
        let opened = Rc::new(Opened::default());
        let a = subscribe_with(&client("http://gws-state"), recorder().1, fake(&opened));
        assert_eq!(a.state(), ConnectionState::Connecting);
        opened.emit(
            0,
            CometEvent::State(ConnectionState::Reconnecting { next_try_at: 9 }),
        );
        assert_eq!(a.state(), ConnectionState::Reconnecting { next_try_at: 9 });
        let b = subscribe_with(&client("http://gws-state"), recorder().1, fake(&opened));
        assert_eq!(b.state(), ConnectionState::Reconnecting { next_try_at: 9 });
    }

    #[test]
    fn reconnect_replaces_the_connection() {
        let opened = Rc::new(Opened::default());
        let a = subscribe_with(&client("http://gws-again"), recorder().1, fake(&opened));
        opened.emit(0, CometEvent::State(ConnectionState::Offline));
        a.reconnect();
        assert_eq!(opened.count(), 2);
        assert_eq!(opened.live(), 1);
        assert_eq!(a.state(), ConnectionState::Connecting);
    }

    #[test]
    fn a_widget_may_leave_from_inside_its_callback() {
        let opened = Rc::new(Opened::default());
        let client = client("http://gws-leave");
        let slot: Rc<RefCell<Option<Subscription>>> = Rc::default();
        let inner = slot.clone();
        let leave: Callback = Rc::new(move |_: &CometEvent| {
            inner.borrow_mut().take();
        });
        let (later_seen, later) = recorder();
        *slot.borrow_mut() = Some(subscribe_with(&client, leave, fake(&opened)));
        let other = subscribe_with(&client, later, fake(&opened));
        opened.emit(0, CometEvent::Resync);
        assert!(slot.borrow().is_none());
        assert_eq!(*later_seen.borrow(), [CometEvent::Resync]);
        drop(other);
        assert_eq!(opened.live(), 0);
        // The last widget leaving from inside a report closes the connection safely.
        let slot2 = Rc::new(RefCell::new(None::<Subscription>));
        let inner2 = slot2.clone();
        let leave2: Callback = Rc::new(move |_: &CometEvent| {
            inner2.borrow_mut().take();
        });
        *slot2.borrow_mut() = Some(subscribe_with(&client, leave2, fake(&opened)));
        opened.emit(1, CometEvent::Resync);
        assert_eq!(opened.live(), 0);
        opened.emit(1, CometEvent::Resync);
    }

    #[test]
    fn wake_reaches_the_shared_connection_of_that_gws_and_agent() {
        let opened = Rc::new(Opened::default());
        let _a = subscribe_with(&client("http://gws-wake"), recorder().1, fake(&opened));
        let _b = subscribe_with(&client("http://gws-other"), recorder().1, fake(&opened));
        // Any client for the same GWS and agent, e.g. a widget's own.
        wake(&client("http://gws-wake/"));
        wake(&client("http://gws-wake"));
        assert_eq!(opened.wakes(), [2, 0]);
    }

    #[test]
    fn wake_without_a_connection_does_nothing() {
        let opened = Rc::new(Opened::default());
        wake(&client("http://gws-none"));
        let a = subscribe_with(&client("http://gws-gone"), recorder().1, fake(&opened));
        drop(a);
        wake(&client("http://gws-gone"));
        assert_eq!(opened.wakes(), [0]);
        assert_eq!(opened.live(), 0);
    }
}
