//! Writing JSON text, as serde_json writes it: the operation bodies and Bayeux messages
//! the widget sends, and attached data it shows. Objects are written member by member,
//! where a derived `Serialize` would repeat a serializer's calls and error paths for
//! every type written.

use std::fmt::Write;

use gws_types::{UserData, UserValue};

/// An object being written: `{`, then members, each after a comma but the first.
pub struct Object(String);

impl Default for Object {
    fn default() -> Self {
        Object(String::from("{"))
    }
}

impl Object {
    /// A member's key: the caller writes its value into the text returned.
    pub fn key(&mut self, key: &str) -> &mut String {
        if self.0.len() > 1 {
            self.0.push(',');
        }
        string(&mut self.0, key);
        self.0.push(':');
        &mut self.0
    }

    pub fn string(&mut self, key: &str, value: &str) {
        string(self.key(key), value);
    }

    /// A member that is there only when the value is.
    pub fn some_string(&mut self, key: &str, value: Option<&str>) {
        if let Some(value) = value {
            self.string(key, value);
        }
    }

    pub fn some_bool(&mut self, key: &str, value: Option<bool>) {
        if let Some(value) = value {
            self.key(key).push_str(if value { "true" } else { "false" });
        }
    }

    pub fn end(mut self) -> String {
        self.0.push('}');
        self.0
    }
}

/// `text` as a JSON string: quoted, with `"`, `\` and control characters escaped.
pub fn string(out: &mut String, text: &str) {
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if c < ' ' => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// `items` as a JSON array, each written by `item`.
pub fn array<T>(out: &mut String, items: &[T], item: fn(&mut String, &T)) {
    out.push('[');
    for (i, each) in items.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        item(out, each);
    }
    out.push(']');
}

/// Strings as a JSON array.
pub fn strings(out: &mut String, items: &[String]) {
    array(out, items, |out, item| string(out, item));
}

/// Attached data as a JSON object, its keys in order.
pub fn data(out: &mut String, data: &UserData) {
    let mut object = Object::default();
    for (key, item) in data.iter() {
        value(object.key(key), item);
    }
    out.push_str(&object.end());
}

/// One attached value.
pub fn value(out: &mut String, value: &UserValue) {
    match value {
        UserValue::Null => out.push_str("null"),
        UserValue::Bool(true) => out.push_str("true"),
        UserValue::Bool(false) => out.push_str("false"),
        UserValue::Number(number) => {
            let _ = write!(out, "{number}");
        }
        UserValue::Text(text) => string(out, text),
        UserValue::List(items) => array(out, items, self::value),
        UserValue::Object(inner) => data(out, inner),
    }
}

/// One attached value as JSON text.
pub fn value_text(item: &UserValue) -> String {
    let mut out = String::new();
    value(&mut out, item);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_are_escaped_as_serde_json_escapes_them() {
        let every: String = (0..=0x7f_u8)
            .map(char::from)
            .chain("é😀\u{2028}".chars())
            .collect();
        let mut out = String::new();
        string(&mut out, &every);
        assert_eq!(out, serde_json::to_string(&every).unwrap());
    }

    #[test]
    fn values_are_written_as_serde_json_writes_them() {
        let mut inner = UserData::new();
        inner.insert("x".into(), UserValue::Bool(false));
        inner.insert("y".into(), UserValue::List(vec![]));
        inner.insert("z".into(), UserValue::Object(UserData::new()));
        let mut data = UserData::new();
        data.insert("b".into(), UserValue::from(7));
        data.insert("a".into(), UserValue::from("a \"q\"\n"));
        data.insert(
            "n".into(),
            UserValue::Number(serde_json::Number::from_f64(1.5e300).unwrap()),
        );
        data.insert("m".into(), UserValue::from(-12));
        data.insert("t".into(), UserValue::Bool(true));
        data.insert(
            "l".into(),
            UserValue::List(vec![UserValue::Null, UserValue::from(3_i64)]),
        );
        data.insert("o".into(), UserValue::Object(inner));
        let all = UserValue::Object(data);
        assert_eq!(value_text(&all), serde_json::to_string(&all).unwrap());
        let keys = vec!["a".to_owned(), "\u{1}".to_owned()];
        let mut out = String::new();
        strings(&mut out, &keys);
        assert_eq!(out, serde_json::to_string(&keys).unwrap());
    }
}
