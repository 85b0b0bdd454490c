//! Attached data (`userData`): a flat object whose keys and values GWS and routing choose
//! freely, always sent whole.
//!
//! GWS documents strings, integers and `null` as values; any other JSON value is kept as
//! it came, so that it shows and travels back unchanged. The value type is this crate's
//! own rather than `serde_json::Value`, whose general machinery (indexing, `Display`
//! through `io::Write`) would otherwise be linked into the widget for this field alone.

use std::fmt;
use std::ops::Index;

use serde::de::{Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::ser::{Serialize, Serializer};
use serde_json::Number;

/// `userData`: each key once, ordered by key. A sorted list rather than a `BTreeMap`:
/// attached data has a handful of keys, and one map type less is less code in the
/// widget's module.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct UserData(Vec<(String, UserValue)>);

impl UserData {
    pub fn new() -> Self {
        UserData(Vec::new())
    }

    fn find(&self, key: &str) -> Result<usize, usize> {
        self.0.binary_search_by(|(held, _)| held.as_str().cmp(key))
    }

    /// Sets `key`, replacing and returning what it held.
    pub fn insert(&mut self, key: String, value: UserValue) -> Option<UserValue> {
        match self.find(&key) {
            Ok(at) => Some(std::mem::replace(&mut self.0[at].1, value)),
            Err(at) => {
                self.0.insert(at, (key, value));
                None
            }
        }
    }

    pub fn get(&self, key: &str) -> Option<&UserValue> {
        self.find(key).ok().map(|at| &self.0[at].1)
    }

    pub fn remove(&mut self, key: &str) -> Option<UserValue> {
        self.find(key).ok().map(|at| self.0.remove(at).1)
    }

    pub fn contains_key(&self, key: &str) -> bool {
        self.find(key).is_ok()
    }

    /// The entries in key order.
    pub fn iter(&self) -> impl Iterator<Item = (&String, &UserValue)> {
        self.0.iter().map(|(key, value)| (key, value))
    }

    pub fn keys(&self) -> impl Iterator<Item = &String> {
        self.0.iter().map(|(key, _)| key)
    }

    pub fn values(&self) -> impl Iterator<Item = &UserValue> {
        self.0.iter().map(|(_, value)| value)
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl Index<&str> for UserData {
    type Output = UserValue;

    /// Panics when `key` is absent, as a map's index does: for tests and known keys.
    fn index(&self, key: &str) -> &UserValue {
        self.get(key).expect("no such key in userData")
    }
}

impl Extend<(String, UserValue)> for UserData {
    fn extend<I: IntoIterator<Item = (String, UserValue)>>(&mut self, entries: I) {
        for (key, value) in entries {
            self.insert(key, value);
        }
    }
}

impl FromIterator<(String, UserValue)> for UserData {
    fn from_iter<I: IntoIterator<Item = (String, UserValue)>>(entries: I) -> Self {
        let mut data = UserData::new();
        data.extend(entries);
        data
    }
}

impl<'a> IntoIterator for &'a UserData {
    type Item = (&'a String, &'a UserValue);
    type IntoIter = std::iter::Map<
        std::slice::Iter<'a, (String, UserValue)>,
        fn(&'a (String, UserValue)) -> (&'a String, &'a UserValue),
    >;

    fn into_iter(self) -> Self::IntoIter {
        self.0.iter().map(|(key, value)| (key, value))
    }
}

impl IntoIterator for UserData {
    type Item = (String, UserValue);
    type IntoIter = std::vec::IntoIter<(String, UserValue)>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

impl Serialize for UserData {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(self.0.iter().map(|(key, value)| (key, value)))
    }
}

impl<'de> Deserialize<'de> for UserData {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(UserDataVisitor)
    }
}

struct UserDataVisitor;

impl<'de> Visitor<'de> for UserDataVisitor {
    type Value = UserData;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a map")
    }

    /// A key given twice keeps its last value, as a map's reading does.
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<UserData, A::Error> {
        let mut data = UserData::new();
        while let Some((key, value)) = map.next_entry()? {
            data.insert(key, value);
        }
        Ok(data)
    }
}

/// One attached value.
#[derive(Debug, Clone, PartialEq)]
pub enum UserValue {
    Null,
    Bool(bool),
    Number(Number),
    Text(String),
    List(Vec<UserValue>),
    Object(UserData),
}

impl UserValue {
    pub fn as_str(&self) -> Option<&str> {
        match self {
            UserValue::Text(text) => Some(text),
            _ => None,
        }
    }

    /// As GWS would send it: JSON text.
    pub fn to_json(&self) -> String {
        // Keys are strings and numbers come from JSON: serializing cannot fail.
        serde_json::to_string(self).unwrap_or_default()
    }
}

impl From<&str> for UserValue {
    fn from(text: &str) -> Self {
        UserValue::Text(text.to_owned())
    }
}

impl From<String> for UserValue {
    fn from(text: String) -> Self {
        UserValue::Text(text)
    }
}

impl From<i64> for UserValue {
    fn from(number: i64) -> Self {
        UserValue::Number(number.into())
    }
}

impl Serialize for UserValue {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            UserValue::Null => serializer.serialize_unit(),
            UserValue::Bool(value) => serializer.serialize_bool(*value),
            UserValue::Number(number) => number.serialize(serializer),
            UserValue::Text(text) => serializer.serialize_str(text),
            UserValue::List(items) => serializer.collect_seq(items),
            UserValue::Object(entries) => entries.serialize(serializer),
        }
    }
}

impl<'de> Deserialize<'de> for UserValue {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(UserValueVisitor)
    }
}

struct UserValueVisitor;

impl<'de> Visitor<'de> for UserValueVisitor {
    type Value = UserValue;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_unit<E>(self) -> Result<UserValue, E> {
        Ok(UserValue::Null)
    }

    fn visit_none<E>(self) -> Result<UserValue, E> {
        Ok(UserValue::Null)
    }

    fn visit_bool<E>(self, value: bool) -> Result<UserValue, E> {
        Ok(UserValue::Bool(value))
    }

    fn visit_i64<E>(self, value: i64) -> Result<UserValue, E> {
        Ok(UserValue::Number(value.into()))
    }

    fn visit_u64<E>(self, value: u64) -> Result<UserValue, E> {
        Ok(UserValue::Number(value.into()))
    }

    fn visit_f64<E>(self, value: f64) -> Result<UserValue, E> {
        // JSON has no NaN or infinity; anything else is a number.
        Ok(Number::from_f64(value).map_or(UserValue::Null, UserValue::Number))
    }

    fn visit_str<E>(self, value: &str) -> Result<UserValue, E> {
        Ok(UserValue::Text(value.to_owned()))
    }

    fn visit_string<E>(self, value: String) -> Result<UserValue, E> {
        Ok(UserValue::Text(value))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<UserValue, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(UserValue::List(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<UserValue, A::Error> {
        let mut entries = UserData::new();
        while let Some((key, value)) = map.next_entry()? {
            entries.insert(key, value);
        }
        Ok(UserValue::Object(entries))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documented_values_read_and_travel_back_unchanged() {
        let text = r#"{"DISP_KEY":"Sale","PegAG?:2>1":7,"Subject":null,"big":18446744073709551615,"neg":-3,"ratio":0.25,"ok":true,"list":[1,"a",null],"nested":{"a":{"b":[]}}}"#;
        let data: UserData = serde_json::from_str(text).expect("user data");
        assert_eq!(data["DISP_KEY"].as_str(), Some("Sale"));
        assert_eq!(data["PegAG?:2>1"], UserValue::from(7));
        assert_eq!(data["Subject"], UserValue::Null);
        assert_eq!(data["ok"], UserValue::Bool(true));
        assert_eq!(data["ratio"].to_json(), "0.25");
        assert_eq!(data["list"].to_json(), r#"[1,"a",null]"#);
        // Back to JSON, key order aside, it is the same document.
        let back: serde_json::Value =
            serde_json::from_str(&serde_json::to_string(&data).expect("JSON")).expect("JSON");
        let original: serde_json::Value = serde_json::from_str(text).expect("JSON");
        assert_eq!(back, original);
    }

    #[test]
    fn keys_stay_unique_and_in_order_as_in_a_map() {
        let mut data: UserData = serde_json::from_str(r#"{"b":1,"a":2,"b":3}"#).expect("data");
        assert_eq!(data.keys().collect::<Vec<_>>(), ["a", "b"]);
        assert_eq!(data["b"], UserValue::from(3), "the last of a repeated key");
        assert_eq!(data.insert("c".into(), "x".into()), None);
        assert_eq!(
            data.insert("a".into(), "y".into()),
            Some(UserValue::from(2))
        );
        assert_eq!(data.remove("b"), Some(UserValue::from(3)));
        assert_eq!(data.remove("b"), None);
        assert_eq!(
            serde_json::to_string(&data).expect("JSON"),
            r#"{"a":"y","c":"x"}"#
        );
        let same: UserData = [("c".to_owned(), "x".into()), ("a".to_owned(), "y".into())]
            .into_iter()
            .collect();
        assert_eq!(data, same, "equal whatever the order they were given in");
    }

    #[test]
    fn reads_through_a_json_value_too() {
        // The simulator reads operation bodies through `serde_json::Value`.
        let value = serde_json::json!({"a": 1, "b": [true, {"c": "d"}], "e": null});
        let data: UserData = serde_json::from_value(value.clone()).expect("user data");
        assert_eq!(serde_json::to_value(&data).expect("a value"), value);
    }
}
