//! A JSON value read only as far as a lenient reader needs: a field of the expected type
//! is taken, any other reads as absent. Objects and arrays are skipped, not built, so
//! reading one costs no tree. `gws_types::UserValue` is read alike but keeps what it
//! reads; reading these fields with it instead makes the module larger
//! (`docs/benchmarks.md`).

use super::json::{Decode, Error, JsonNumber, Reader};

/// A JSON scalar, or a mark that the value was an object or an array.
#[derive(Debug, Clone, PartialEq)]
pub enum Loose {
    Null,
    Bool(bool),
    Unsigned(u64),
    Signed(i64),
    Float(f64),
    Text(String),
    Container,
}

impl Loose {
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Loose::Text(text) => Some(text),
            _ => None,
        }
    }

    pub fn into_text(self) -> Option<String> {
        match self {
            Loose::Text(text) => Some(text),
            _ => None,
        }
    }

    pub fn as_bool(&self) -> Option<bool> {
        match self {
            Loose::Bool(value) => Some(*value),
            _ => None,
        }
    }

    pub fn as_u64(&self) -> Option<u64> {
        match self {
            Loose::Unsigned(value) => Some(*value),
            _ => None,
        }
    }

    pub fn as_i64(&self) -> Option<i64> {
        match self {
            Loose::Signed(value) => Some(*value),
            Loose::Unsigned(value) => i64::try_from(*value).ok(),
            _ => None,
        }
    }

    /// A duration in milliseconds: a whole number, or a fraction rounded down; never
    /// negative.
    pub fn as_millis(&self) -> Option<u64> {
        match self {
            Loose::Float(value) if *value >= 0.0 => Some(*value as u64),
            _ => self.as_u64(),
        }
    }

    /// An identifier sent as a string or as an integer, as text.
    pub fn as_id(&self) -> Option<String> {
        match self {
            Loose::Text(text) => Some(text.clone()),
            Loose::Unsigned(value) => Some(value.to_string()),
            Loose::Signed(value) => Some(value.to_string()),
            _ => None,
        }
    }
}

impl<'a> Decode<'a> for Loose {
    fn decode(reader: &mut Reader<'a>) -> Result<Self, Error> {
        if reader.null()? {
            return Ok(Loose::Null);
        }
        Ok(match reader.peek() {
            Some(b't' | b'f') => Loose::Bool(reader.bool()?),
            Some(b'"') => Loose::Text(reader.string()?),
            Some(b'[' | b'{') => {
                reader.skip()?;
                Loose::Container
            }
            _ => match reader.numeric("any JSON value")? {
                JsonNumber::Unsigned(value) => Loose::Unsigned(value),
                JsonNumber::Negative(value) => Loose::Signed(value),
                JsonNumber::Float(value) => Loose::Float(value),
            },
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Loose {
        super::super::json::from_str(text).expect("JSON")
    }

    #[test]
    fn scalars_are_kept_and_containers_skipped() {
        assert_eq!(read("null"), Loose::Null);
        assert_eq!(read("true").as_bool(), Some(true));
        assert_eq!(read("7").as_u64(), Some(7));
        assert_eq!(read("-7").as_i64(), Some(-7));
        assert_eq!(read("7").as_i64(), Some(7));
        assert_eq!(read(r#""a\"b""#).as_str(), Some("a\"b"));
        assert_eq!(read(r#""a""#).into_text().as_deref(), Some("a"));
        assert_eq!(read("1").into_text(), None);
        assert_eq!(read(r#"{"a":[1,{"b":2}]}"#), Loose::Container);
        assert_eq!(read("[1,[2]]"), Loose::Container);
    }

    #[test]
    fn a_value_of_another_type_reads_as_absent() {
        assert_eq!(read(r#""7""#).as_u64(), None);
        assert_eq!(read("7").as_str(), None);
        assert_eq!(read("1.5").as_i64(), None);
        assert_eq!(read("-1").as_u64(), None);
        assert_eq!(read(&u64::MAX.to_string()).as_i64(), None);
        assert_eq!(read("[]").as_bool(), None);
    }

    #[test]
    fn durations_and_identifiers() {
        assert_eq!(read("2500").as_millis(), Some(2_500));
        assert_eq!(read("2500.9").as_millis(), Some(2_500));
        assert_eq!(read("-1.5").as_millis(), None);
        assert_eq!(read("-1").as_millis(), None);
        assert_eq!(read(r#""12""#).as_id().as_deref(), Some("12"));
        assert_eq!(read("12").as_id().as_deref(), Some("12"));
        assert_eq!(read("1.5").as_id(), None);
    }
}
