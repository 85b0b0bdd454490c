//! Attached data (`userData`): a flat object whose keys and values GWS and routing choose
//! freely, always sent whole.
//!
//! GWS documents strings, integers and `null` as values; any other JSON value is kept as
//! it came, so that it shows and travels back unchanged. The value type is this crate's
//! own rather than `serde_json::Value`, whose general machinery (indexing, `Display`
//! through `io::Write`) would otherwise be linked into the widget for this field alone.

use std::collections::BTreeMap;
use std::fmt;

use serde::de::{Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::ser::{Serialize, Serializer};
use serde_json::Number;

/// `userData`, ordered by key.
pub type UserData = BTreeMap<String, UserValue>;

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
            UserValue::Object(entries) => serializer.collect_map(entries),
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
    fn reads_through_a_json_value_too() {
        // The simulator reads operation bodies through `serde_json::Value`.
        let value = serde_json::json!({"a": 1, "b": [true, {"c": "d"}], "e": null});
        let data: UserData = serde_json::from_value(value.clone()).expect("user data");
        assert_eq!(serde_json::to_value(&data).expect("a value"), value);
    }
}
