//! The simulated contact-centre directory: agents (who can sign in and be consulted)
//! and queues, and the Contacts API search over them (`shared/gws/directory.md`).

use gws_types::{
    Availability, ChannelAvailability, Contact, ContactType, ContactsResponse, StatusCode, User,
    UserState,
};

/// The SMS channel's name in availability entries; GWS documents none for SMS.
pub const SMS_CHANNEL: &str = "sms";

/// The password of every default agent.
pub const DEFAULT_PASSWORD: &str = "password";

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Agent {
    pub username: String,
    pub password: String,
    pub first_name: String,
    pub last_name: String,
    /// The name a simulated agent uses when it accepts a session.
    pub nickname: String,
    /// 32 hex characters; the same id names the user and its contact.
    pub id: String,
    pub ready: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Queue {
    pub name: String,
    pub id: String,
}

/// What a `targetUri`/`targetPath` names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resolved {
    Agent(String),
    Queue(String),
}

#[derive(Debug, Clone)]
pub struct Directory {
    base_url: String,
    agents: Vec<Agent>,
    queues: Vec<Queue>,
}

const NAMED: &[(&str, &str, bool)] = &[
    ("Anna", "Archer", true),
    ("Ben", "Brooks", true),
    ("Chloe", "Carter", true),
    ("Dan", "Drake", false),
];

impl Directory {
    /// agent1…agent3 (ready), agent4 (not ready), then generated ready agents up to
    /// `agent_count`, all with password `password`, and the queue `SMS_Support`.
    pub fn with_agents(base_url: &str, agent_count: usize) -> Self {
        let count = agent_count.max(NAMED.len());
        let agents = (1..=count)
            .map(|n| {
                let (first, last, ready) = NAMED
                    .get(n - 1)
                    .map(|(f, l, r)| ((*f).to_owned(), (*l).to_owned(), *r))
                    .unwrap_or_else(|| ("Agent".to_owned(), n.to_string(), true));
                Agent {
                    username: format!("agent{n}"),
                    password: DEFAULT_PASSWORD.to_owned(),
                    nickname: first.clone(),
                    first_name: first,
                    last_name: last,
                    id: format!("5a9e{n:028x}"),
                    ready,
                }
            })
            .collect();
        Directory {
            base_url: base_url.trim_end_matches('/').to_owned(),
            agents,
            queues: vec![Queue {
                name: "SMS_Support".to_owned(),
                id: format!("9ee0{:028x}", 1),
            }],
        }
    }

    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    pub fn agents(&self) -> &[Agent] {
        &self.agents
    }

    pub fn queues(&self) -> &[Queue] {
        &self.queues
    }

    pub fn agent(&self, username: &str) -> Option<&Agent> {
        self.agents.iter().find(|agent| agent.username == username)
    }

    pub fn set_ready(&mut self, username: &str, ready: bool) -> bool {
        match self
            .agents
            .iter_mut()
            .find(|agent| agent.username == username)
        {
            Some(agent) => {
                agent.ready = ready;
                true
            }
            None => false,
        }
    }

    /// Checks HTTP Basic credentials.
    pub fn authenticate(&self, username: &str, password: &str) -> Option<&Agent> {
        self.agent(username)
            .filter(|agent| agent.password == password)
    }

    /// The contact URI of a directory entry: what Consult, Invite and Transfer take.
    pub fn contact_uri(&self, id: &str) -> String {
        format!("{}/api/v2/contacts/{id}", self.base_url)
    }

    pub fn contact_path(id: &str) -> String {
        format!("/contacts/{id}")
    }

    /// `user` of `GET /api/v2/me`.
    pub fn user(&self, agent: &Agent) -> User {
        User {
            id: Some(agent.id.clone()),
            user_name: Some(agent.username.clone()),
            first_name: Some(agent.first_name.clone()),
            last_name: Some(agent.last_name.clone()),
            roles: Some(vec!["ROLE_AGENT".to_owned()]),
            enabled: Some(true),
            change_password_on_first_login: Some(false),
            uri: Some(format!("{}/api/v2/users/{}", self.base_url, agent.id)),
            path: Some(format!("/users/{}", agent.id)),
        }
    }

    /// Resolves a target given as an absolute URI or a path ending in
    /// `/contacts/{id}`, `/users/{id}` or `/queues/{id}`; scheme, host and any context
    /// path before `/api/v2` are ignored.
    pub fn resolve(&self, target: &str) -> Option<Resolved> {
        let end = target.find(['?', '#']).unwrap_or(target.len());
        let mut segments = target[..end].rsplit('/').filter(|s| !s.is_empty());
        let id = segments.next()?;
        let kind = segments.next()?;
        if !matches!(kind, "contacts" | "users" | "queues") {
            return None;
        }
        if kind != "queues" {
            if let Some(agent) = self.agents.iter().find(|agent| agent.id == id) {
                return Some(Resolved::Agent(agent.username.clone()));
            }
        }
        if kind != "users" {
            if let Some(queue) = self.queues.iter().find(|queue| queue.id == id) {
                return Some(Resolved::Queue(queue.name.clone()));
            }
        }
        None
    }

    /// Agents a queue routes to, in directory order. Every agent serves the one SMS queue.
    pub fn queue_members(&self, queue: &str) -> Vec<&Agent> {
        if self.queues.iter().any(|q| q.name == queue) {
            self.agents.iter().collect()
        } else {
            Vec::new()
        }
    }

    fn agent_contact(&self, agent: &Agent) -> Contact {
        let state = if agent.ready { "Ready" } else { "NotReady" };
        Contact {
            id: Some(agent.id.clone()),
            name: Some(agent.username.clone()),
            kind: Some(ContactType::User),
            uri: Some(self.contact_uri(&agent.id)),
            path: Some(Self::contact_path(&agent.id)),
            user_name: Some(agent.username.clone()),
            first_name: Some(agent.first_name.clone()),
            last_name: Some(agent.last_name.clone()),
            roles: Some(vec!["ROLE_AGENT".to_owned()]),
            availability: Some(Availability {
                channels: vec![ChannelAvailability {
                    channel: Some(SMS_CHANNEL.to_owned()),
                    available: Some(agent.ready),
                    phone_number: None,
                    user_activity: Some("Idle".to_owned()),
                    user_state: Some(UserState {
                        id: None,
                        display_name: Some(state.to_owned()),
                        state: Some(state.to_owned()),
                    }),
                }],
            }),
            ..Contact::default()
        }
    }

    fn queue_contact(&self, queue: &Queue) -> Contact {
        Contact {
            id: Some(queue.id.clone()),
            name: Some(queue.name.clone()),
            kind: Some(ContactType::Queue),
            uri: Some(self.contact_uri(&queue.id)),
            path: Some(Self::contact_path(&queue.id)),
            ..Contact::default()
        }
    }

    /// `GET /api/v2/contacts`.
    pub fn search(&self, query: &ContactQuery) -> ContactsResponse {
        let filter_args: Vec<String> = match (&query.filter_name, &query.filter_parameters) {
            (Some(name), _) if name != "NamesOrPhoneNumberMatches" => {
                return ContactsResponse {
                    status_code: StatusCode::OutOfRange,
                    status_message: Some(format!("Unknown filterName `{name}`")),
                    total_count: None,
                    contacts: None,
                }
            }
            (Some(_), Some(parameters)) => split_list(parameters),
            (Some(_), None) => {
                return ContactsResponse {
                    status_code: StatusCode::MissingParameter,
                    status_message: Some("filterParameters is required with filterName".into()),
                    total_count: None,
                    contacts: None,
                }
            }
            (None, _) => Vec::new(),
        };
        let names = query.name.as_deref().map(split_list);
        let wanted_type = query.kind.as_deref().map(ContactType::from_wire);

        let users = self.agents.iter().filter_map(|agent| {
            let fields = [&agent.first_name, &agent.last_name, &agent.username];
            let matches = filter_args
                .iter()
                .all(|arg| fields.iter().any(|field| glob_matches(arg, field)))
                && names
                    .as_ref()
                    .is_none_or(|names| names.iter().any(|n| n == &agent.username));
            matches.then(|| self.agent_contact(agent))
        });
        let queues = self.queues.iter().filter_map(|queue| {
            let matches = filter_args.iter().all(|arg| glob_matches(arg, &queue.name))
                && names
                    .as_ref()
                    .is_none_or(|names| names.iter().any(|n| n == &queue.name));
            matches.then(|| self.queue_contact(queue))
        });
        let all: Vec<Contact> = users
            .chain(queues)
            .filter(|contact| {
                wanted_type
                    .as_ref()
                    .is_none_or(|t| contact.kind.as_ref() == Some(t))
            })
            .collect();
        let total = all.len() as u64;
        let page = all
            .into_iter()
            .skip(query.offset.unwrap_or(0))
            .take(query.limit.unwrap_or(usize::MAX))
            .collect();
        ContactsResponse {
            status_code: StatusCode::Ok,
            status_message: None,
            total_count: Some(total),
            contacts: Some(page),
        }
    }
}

/// The query parameters of `GET /api/v2/contacts` the simulator understands.
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ContactQuery {
    pub name: Option<String>,
    #[serde(rename = "type")]
    pub kind: Option<String>,
    pub filter_name: Option<String>,
    pub filter_parameters: Option<String>,
    pub offset: Option<usize>,
    pub limit: Option<usize>,
}

fn split_list(text: &str) -> Vec<String> {
    text.split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect()
}

/// Case-insensitive match of the whole `text` against `pattern`, where `*` stands for
/// any run of characters.
pub fn glob_matches(pattern: &str, text: &str) -> bool {
    let pattern: Vec<char> = pattern.to_lowercase().chars().collect();
    let text: Vec<char> = text.to_lowercase().chars().collect();
    // Classic two-pointer wildcard match with backtracking to the last star.
    let (mut p, mut t) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    while t < text.len() {
        match pattern.get(p) {
            Some('*') => {
                star = Some((p, t));
                p += 1;
            }
            Some(c) if *c == text[t] => {
                p += 1;
                t += 1;
            }
            _ => match star {
                Some((star_p, star_t)) => {
                    p = star_p + 1;
                    t = star_t + 1;
                    star = Some((star_p, star_t + 1));
                }
                None => return false,
            },
        }
    }
    pattern[p..].iter().all(|c| *c == '*')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn directory() -> Directory {
        Directory::with_agents("http://sim.test", 4)
    }

    #[test]
    fn glob_is_case_insensitive_and_anchored() {
        assert!(glob_matches("*ann*", "Anna"));
        assert!(glob_matches("ANNA", "anna"));
        assert!(!glob_matches("ann", "Anna"));
        assert!(glob_matches("a*r", "Archer"));
        assert!(!glob_matches("a*x", "Archer"));
        assert!(glob_matches("*", ""));
    }

    #[test]
    fn search_matches_every_argument_on_any_field() {
        let query = ContactQuery {
            filter_name: Some("NamesOrPhoneNumberMatches".into()),
            filter_parameters: Some("*ann*,archer".into()),
            ..ContactQuery::default()
        };
        let found = directory().search(&query);
        let contacts = found.contacts.unwrap_or_default();
        assert_eq!(contacts.len(), 1);
        assert_eq!(contacts[0].user_name.as_deref(), Some("agent1"));
        assert_eq!(contacts[0].available_on(SMS_CHANNEL), Some(true));
    }

    #[test]
    fn search_by_type_and_pages() {
        let dir = directory();
        let queues = dir.search(&ContactQuery {
            kind: Some("Queue".into()),
            ..ContactQuery::default()
        });
        assert_eq!(queues.total_count, Some(1));
        let page = dir.search(&ContactQuery {
            kind: Some("User".into()),
            offset: Some(1),
            limit: Some(2),
            ..ContactQuery::default()
        });
        assert_eq!(page.total_count, Some(4));
        let names: Vec<_> = page
            .contacts
            .unwrap_or_default()
            .into_iter()
            .filter_map(|c| c.user_name)
            .collect();
        assert_eq!(names, ["agent2", "agent3"]);
    }

    #[test]
    fn unknown_filter_is_refused() {
        let answer = directory().search(&ContactQuery {
            filter_name: Some("Nope".into()),
            filter_parameters: Some("x".into()),
            ..ContactQuery::default()
        });
        assert_eq!(answer.status_code, StatusCode::OutOfRange);
        assert!(answer.contacts.is_none());
    }

    #[test]
    fn resolves_every_documented_target_shape() {
        let dir = directory();
        let agent2 = dir
            .agent("agent2")
            .map(|a| a.id.clone())
            .unwrap_or_default();
        let queue = dir.queues()[0].id.clone();
        let agent = Some(Resolved::Agent("agent2".into()));
        assert_eq!(dir.resolve(&dir.contact_uri(&agent2)), agent);
        assert_eq!(dir.resolve(&format!("/contacts/{agent2}")), agent);
        assert_eq!(
            dir.resolve(&format!("http://h:1/ctx/api/v2/users/{agent2}")),
            agent
        );
        assert_eq!(
            dir.resolve(&format!("/queues/{queue}")),
            Some(Resolved::Queue("SMS_Support".into()))
        );
        assert_eq!(dir.resolve(&format!("/users/{queue}")), None);
        assert_eq!(dir.resolve("garbage"), None);
        assert_eq!(dir.resolve(""), None);
    }
}
