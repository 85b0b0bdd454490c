//! Which session the widget works: the one the host gave, or else the first it learns
//! of, the agent's newest open session or the next one offered, whichever comes first.

use crate::i18n::Said;

/// What the widget knows of its session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SessionChoice {
    /// None yet; why the last look failed, if it did.
    Looking {
        problem: Option<Said>,
    },
    Chosen(String),
}

/// What a look for a session found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Lookup {
    Found(String),
    Failed(Said),
}

impl SessionChoice {
    pub fn new(given: Option<String>) -> Self {
        match given {
            Some(id) => SessionChoice::Chosen(id),
            None => SessionChoice::Looking { problem: None },
        }
    }

    /// The first session found is kept: a later find, or a failure of another look,
    /// changes nothing once one is chosen.
    pub fn after(&self, lookup: Lookup) -> Option<SessionChoice> {
        match (self, lookup) {
            (SessionChoice::Chosen(_), _) => None,
            (SessionChoice::Looking { .. }, Lookup::Found(id)) => Some(SessionChoice::Chosen(id)),
            (SessionChoice::Looking { .. }, Lookup::Failed(problem)) => {
                Some(SessionChoice::Looking {
                    problem: Some(problem),
                })
            }
        }
    }

    pub fn is_looking(&self) -> bool {
        matches!(self, SessionChoice::Looking { .. })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_given_session_is_never_replaced() {
        let given = SessionChoice::new(Some("S1".into()));
        assert_eq!(given.after(Lookup::Found("S2".into())), None);
        assert_eq!(given.after(Lookup::Failed("offline".into())), None);
    }

    #[test]
    fn the_first_session_found_is_kept_and_a_failure_shows_until_then() {
        let looking = SessionChoice::new(None);
        assert!(looking.is_looking());
        let failed = looking.after(Lookup::Failed("offline".into())).unwrap();
        assert_eq!(
            failed,
            SessionChoice::Looking {
                problem: Some("offline".into())
            }
        );
        let chosen = failed.after(Lookup::Found("S1".into())).unwrap();
        assert_eq!(chosen, SessionChoice::Chosen("S1".into()));
        assert_eq!(chosen.after(Lookup::Found("S2".into())), None);
        assert_eq!(chosen.after(Lookup::Failed("late".into())), None);
    }
}
