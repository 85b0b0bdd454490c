//! Consult, Transfer and Conference targets as the agent picks or types them.

use gws_types::{Contact, ContactType, Target};

use crate::i18n::{Msg, Said};

/// Reads what the agent typed: a path (`/contacts/…`) or an absolute URI.
pub fn typed_target(text: &str) -> Result<Target, Msg> {
    let text = text.trim();
    if text.starts_with('/') && text.len() > 1 {
        Ok(Target::Path(text.to_owned()))
    } else if (text.starts_with("http://") || text.starts_with("https://")) && text.len() > 8 {
        Ok(Target::Uri(text.to_owned()))
    } else {
        Err(Msg::BadTarget)
    }
}

/// The target a contact stands for: its URI, else its path.
pub fn contact_target(contact: &Contact) -> Option<Target> {
    contact
        .uri
        .clone()
        .map(Target::Uri)
        .or_else(|| contact.path.clone().map(Target::Path))
}

/// Whether the contact can take an SMS now, in words.
pub fn availability_words(contact: &Contact) -> Said {
    if contact.kind == Some(ContactType::Queue) {
        return Msg::Queue.into();
    }
    let Some(availability) = &contact.availability else {
        return Msg::Unknown.into();
    };
    let channel = availability
        .channels
        .iter()
        .find(|c| c.channel.as_deref() == Some("sms"))
        .or_else(|| availability.channels.first());
    let Some(channel) = channel else {
        return Msg::Unknown.into();
    };
    let state = channel
        .user_state
        .as_ref()
        .and_then(|s| s.display_name.clone().or_else(|| s.state.clone()));
    match (channel.available, state) {
        (_, Some(state)) => state.into(),
        (Some(true), None) => Msg::Ready.into(),
        (Some(false), None) => Msg::NotReady.into(),
        (None, None) => Msg::Unknown.into(),
    }
}

/// A contact's name for the list.
pub fn contact_name(contact: &Contact) -> String {
    match (&contact.first_name, &contact.last_name, &contact.name) {
        (Some(first), Some(last), _) => format!("{first} {last}"),
        (_, _, Some(name)) => name.clone(),
        _ => contact
            .user_name
            .clone()
            .unwrap_or_else(|| "(no name)".to_owned()),
    }
}

/// A key for each contact of a search, by what the directory identifies it with (its
/// id, else its URI, else its path), each key once: a contact repeated, or one the
/// directory gives no identity, is keyed by its place.
pub fn contact_keys(contacts: &[Contact]) -> Vec<String> {
    let mut keys: Vec<String> = Vec::with_capacity(contacts.len());
    for (at, contact) in contacts.iter().enumerate() {
        let identity = [&contact.id, &contact.uri, &contact.path]
            .into_iter()
            .find_map(Option::as_deref)
            .filter(|identity| !keys.iter().any(|key| key == identity));
        // A search answers a page of contacts: a scan costs less code than a set.
        let mut key = identity.map_or_else(|| at.to_string(), str::to_owned);
        while keys.contains(&key) {
            key.push('~');
        }
        keys.push(key);
    }
    keys
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn contacts_are_keyed_by_identity_each_key_once() {
        let contact =
            |value: serde_json::Value| -> Contact { serde_json::from_value(value).unwrap() };
        let contacts = [
            contact(json!({"id": "7", "uri": "http://gws/contacts/7"})),
            contact(json!({"uri": "http://gws/contacts/8"})),
            contact(json!({"path": "/contacts/9"})),
            contact(json!({"name": "no identity"})),
            contact(json!({"id": "7"})),
            contact(json!({"id": "at:3"})),
        ];
        let keys = contact_keys(&contacts);
        assert_eq!(
            keys,
            [
                "7",
                "http://gws/contacts/8",
                "/contacts/9",
                "3",
                "4",
                "at:3"
            ]
        );
        // A place that is some contact's id already.
        let clash = [
            contact(json!({"id": "1"})),
            contact(json!({"name": "none"})),
        ];
        assert_eq!(contact_keys(&clash), ["1", "1~"]);
        let unique: std::collections::HashSet<_> = keys.iter().collect();
        assert_eq!(unique.len(), keys.len());
    }

    #[test]
    fn typed_targets_are_paths_or_uris() {
        assert_eq!(
            typed_target(" /contacts/42 "),
            Ok(Target::Path("/contacts/42".into()))
        );
        assert_eq!(
            typed_target("http://gws/api/v2/contacts/42"),
            Ok(Target::Uri("http://gws/api/v2/contacts/42".into()))
        );
        assert!(typed_target("agent2").is_err());
        assert!(typed_target("/").is_err());
        assert!(typed_target("").is_err());
    }

    #[test]
    fn the_documented_contacts_read_in_words() {
        let contacts: Vec<Contact> = serde_json::from_value(json!([
            {"name": "WillardC", "firstName": "Willard", "lastName": "Clinton", "type": "User",
             "uri": "http://gws/api/v2/contacts/8", "availability": {"channels": [
                {"channel": "voice", "available": true, "userState": {"displayName": "Ready", "state": "Ready"}}]}},
            {"name": "JoshW", "type": "User", "path": "/contacts/7"},
            {"name": "SMS queue", "type": "Queue", "uri": "http://gws/api/v2/contacts/q"},
            {"name": "Bob", "type": "User", "availability": {"channels": [{"channel": "sms", "available": false}]}}
        ]))
        .unwrap();
        let en = crate::i18n::Catalogue::default();
        let words: Vec<_> = contacts
            .iter()
            .map(|c| en.say(&availability_words(c)))
            .collect();
        assert_eq!(
            words,
            ["Ready", "Availability unknown", "Queue", "Not ready"]
        );
        assert_eq!(contact_name(&contacts[0]), "Willard Clinton");
        assert_eq!(
            contact_target(&contacts[1]),
            Some(Target::Path("/contacts/7".into()))
        );
        assert_eq!(contact_target(&contacts[3]), None);
    }
}
