//! The reducer as Yew sees it.

use std::rc::Rc;

use yew::Reducible;

use super::SessionState;
use crate::state::Action;

/// A shared, immutable session state: the value `use_reducer` holds and components
/// take as a property. Equal when it is the same value: the reducer makes a new one
/// for every change, so comparing pointers is exact and never walks a 10,000-message log.
#[derive(Clone, Debug)]
pub struct Session(Rc<SessionState>);

impl Session {
    pub fn new(state: SessionState) -> Self {
        Session(Rc::new(state))
    }
}

impl PartialEq for Session {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl std::ops::Deref for Session {
    type Target = SessionState;

    fn deref(&self) -> &SessionState {
        &self.0
    }
}

impl Reducible for Session {
    type Action = Action;

    /// A no-op hands back the same value, so Yew skips the render.
    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self.0).clone();
        if next.apply(action) {
            Rc::new(Session::new(next))
        } else {
            self
        }
    }
}
