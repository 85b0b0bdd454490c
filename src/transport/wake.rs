//! What makes a connection that is waiting to reconnect try at once: the agent acting
//! ([`super::wake`]), the browser coming back online, the page being shown again.
//! Each rings the connection's [`Bell`]; its loop hears it only while it waits.

use std::cell::{Cell, RefCell};
use std::future::{poll_fn, Future};
use std::rc::Rc;
use std::task::{Poll, Waker};

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::EventTarget;

/// A signal from anywhere on the page to the connection's loop.
#[derive(Default)]
pub(super) struct Bell {
    rung: Cell<bool>,
    waker: RefCell<Option<Waker>>,
}

impl Bell {
    pub(super) fn ring(&self) {
        self.rung.set(true);
        if let Some(waker) = self.waker.borrow_mut().take() {
            waker.wake();
        }
    }

    /// Forgets the rings so far.
    pub(super) fn silence(&self) {
        self.rung.set(false);
    }

    /// Ready at the next ring, or at once if it rang since it was last heard or
    /// silenced.
    pub(super) fn rung(&self) -> impl Future<Output = ()> + '_ {
        poll_fn(|cx| {
            if self.rung.replace(false) {
                Poll::Ready(())
            } else {
                *self.waker.borrow_mut() = Some(cx.waker().clone());
                Poll::Pending
            }
        })
    }
}

/// Rings the bell on the window's `online` and on the document's `visibilitychange`
/// to visible, for as long as it is held.
pub(super) struct BrowserWakes {
    _listeners: Vec<Listener>,
}

impl BrowserWakes {
    pub(super) fn listen(bell: &Rc<Bell>) -> Self {
        let Some(window) = web_sys::window() else {
            return BrowserWakes {
                _listeners: Vec::new(),
            };
        };
        let mut listeners = Vec::new();
        let online = Rc::downgrade(bell);
        listeners.extend(Listener::add(&window, "online", move || {
            if let Some(bell) = online.upgrade() {
                bell.ring();
            }
        }));
        if let Some(document) = window.document() {
            let shown = Rc::downgrade(bell);
            let page = document.clone();
            listeners.extend(Listener::add(&document, "visibilitychange", move || {
                if let Some(bell) = shown.upgrade().filter(|_| !page.hidden()) {
                    bell.ring();
                }
            }));
        }
        BrowserWakes {
            _listeners: listeners,
        }
    }
}

/// An event listener, removed when dropped.
struct Listener {
    target: EventTarget,
    kind: &'static str,
    callback: Closure<dyn Fn()>,
}

impl Listener {
    fn add(
        target: &EventTarget,
        kind: &'static str,
        on_event: impl Fn() + 'static,
    ) -> Option<Self> {
        let callback = Closure::<dyn Fn()>::new(on_event);
        target
            .add_event_listener_with_callback(kind, callback.as_ref().unchecked_ref())
            .ok()?;
        Some(Listener {
            target: target.clone(),
            kind,
            callback,
        })
    }
}

impl Drop for Listener {
    fn drop(&mut self) {
        let _ = self
            .target
            .remove_event_listener_with_callback(self.kind, self.callback.as_ref().unchecked_ref());
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use futures::task::ArcWake;
    use futures::FutureExt;
    use std::pin::pin;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::Arc;
    use std::task::Context;

    #[test]
    fn a_ring_is_heard_once() {
        let bell = Bell::default();
        assert_eq!(bell.rung().now_or_never(), None);
        bell.ring();
        bell.ring();
        assert_eq!(bell.rung().now_or_never(), Some(()));
        assert_eq!(bell.rung().now_or_never(), None);
    }

    #[test]
    fn silenced_rings_are_not_heard() {
        let bell = Bell::default();
        bell.ring();
        bell.silence();
        assert_eq!(bell.rung().now_or_never(), None);
    }

    #[test]
    fn a_ring_wakes_the_waiting_loop() {
        struct Count(AtomicUsize);
        impl ArcWake for Count {
            fn wake_by_ref(count: &Arc<Self>) {
                count.0.fetch_add(1, Ordering::SeqCst);
            }
        }
        let count = Arc::new(Count(AtomicUsize::new(0)));
        let waker = futures::task::waker(count.clone());
        let mut cx = Context::from_waker(&waker);
        let bell = Bell::default();
        let mut rung = pin!(bell.rung());
        assert!(rung.as_mut().poll(&mut cx).is_pending());
        bell.ring();
        assert_eq!(count.0.load(Ordering::SeqCst), 1);
        assert!(rung.as_mut().poll(&mut cx).is_ready());
    }
}
