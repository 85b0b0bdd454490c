//! Reading wire types from JSON text: a small serde deserializer.
//!
//! serde_json's reader is built for speed: its parsing is inlined into the deserializer
//! of every type it reads, and it reads each struct from an array of its fields too. In a
//! module that reads some thirty wire types, those copies were the largest part of the
//! deserializers. This reader keeps the parsing in a few shared functions the types
//! call, and reads structs from objects only (GWS and CometD never send another form; an
//! array where a struct is expected is a wrong type, like any other).
//!
//! It reads strict JSON (RFC 8259) as serde_json does, refuses the same inputs, and says
//! where the text went wrong. Two things differ: a float outside the range that converts
//! exactly (more than 15 significant digits, or an exponent beyond ±22) is within a few
//! units in the last place, where serde_json's own reading is within one or two; and
//! nothing else is read (no arrays for structs, enums only as names). Nesting stops at 127
//! levels, where serde_json's stops, with an error instead of a deep stack.

use std::borrow::Cow;
use std::fmt;

use serde::de::{self, Deserialize, DeserializeSeed, Expected, Unexpected, Visitor};

/// Nesting deeper than this is refused: each level is a frame on the wasm stack.
const MAX_DEPTH: u32 = 127;

/// What serde's deserializers ask for to get a value's text as it is (see [`RawJson`]).
const RAW: &str = "$gws-sms-widget::RawJson";

/// Reads a `T` from JSON text: one value, with only whitespace around it.
pub fn from_str<'a, T: Deserialize<'a>>(text: &'a str) -> Result<T, Error> {
    let mut reader = Reader {
        text,
        at: 0,
        depth: 0,
    };
    match T::deserialize(&mut reader) {
        Ok(value) => reader.end().map(|()| value),
        Err(error) => Err(reader.placed(error)),
    }
}

/// A value's JSON text as it came, borrowed from the input (a Bayeux message's `data`,
/// read later as the type its channel says). Only [`from_str`] reads one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RawJson<'a>(pub &'a str);

impl<'de: 'a, 'a> Deserialize<'de> for RawJson<'a> {
    fn deserialize<D: de::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Text;
        impl<'de> Visitor<'de> for Text {
            type Value = &'de str;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("any JSON value")
            }
            fn visit_borrowed_str<E: de::Error>(self, text: &'de str) -> Result<&'de str, E> {
                Ok(text)
            }
        }
        deserializer
            .deserialize_newtype_struct(RAW, Text)
            .map(RawJson)
    }
}

/// Why the text could not be read, and where: line and column (from 1) of the byte at
/// which reading stopped. One pointer wide, so that every `Result` the reader passes up
/// stays small.
#[derive(Debug)]
pub struct Error(Box<Detail>);

#[derive(Debug)]
struct Detail {
    message: String,
    /// Byte offset, when the reader made the error; a visitor's errors take the reader's.
    at: Option<usize>,
    place: Option<(usize, usize)>,
}

impl de::Error for Error {
    fn custom<T: fmt::Display>(message: T) -> Self {
        Error(Box::new(Detail {
            message: message.to_string(),
            at: None,
            place: None,
        }))
    }

    fn invalid_type(unexpected: Unexpected, expected: &dyn Expected) -> Self {
        let unexpected = Described(unexpected);
        Self::custom(format_args!(
            "invalid type: {unexpected}, expected {expected}"
        ))
    }

    fn invalid_value(unexpected: Unexpected, expected: &dyn Expected) -> Self {
        let unexpected = Described(unexpected);
        Self::custom(format_args!(
            "invalid value: {unexpected}, expected {expected}"
        ))
    }
}

/// What came instead, as serde's own `Display` of [`Unexpected`] says it, but for a
/// float: serde writes that one with core's float formatting, code and tables the
/// widget has no other use for; here it is named by its kind.
struct Described<'a>(Unexpected<'a>);

impl fmt::Display for Described<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Unexpected::Bool(value) => write!(f, "boolean `{value}`"),
            Unexpected::Unsigned(value) => write!(f, "integer `{value}`"),
            Unexpected::Signed(value) => write!(f, "integer `{value}`"),
            Unexpected::Float(_) => f.write_str("floating point number"),
            Unexpected::Char(value) => write!(f, "character `{value}`"),
            Unexpected::Str(value) => write!(f, "string \"{value}\""),
            Unexpected::Bytes(_) => f.write_str("byte array"),
            Unexpected::Unit => f.write_str("null"),
            Unexpected::Option => f.write_str("Option value"),
            Unexpected::NewtypeStruct => f.write_str("newtype struct"),
            Unexpected::Seq => f.write_str("sequence"),
            Unexpected::Map => f.write_str("map"),
            Unexpected::Enum => f.write_str("enum"),
            Unexpected::UnitVariant => f.write_str("unit variant"),
            Unexpected::NewtypeVariant => f.write_str("newtype variant"),
            Unexpected::TupleVariant => f.write_str("tuple variant"),
            Unexpected::StructVariant => f.write_str("struct variant"),
            Unexpected::Other(other) => f.write_str(other),
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0.message)?;
        match self.0.place {
            Some((line, column)) => write!(f, " at line {line} column {column}"),
            None => Ok(()),
        }
    }
}

impl std::error::Error for Error {}

fn place(text: &str, at: usize) -> (usize, usize) {
    let before = &text.as_bytes()[..at.min(text.len())];
    let line_start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    (line, before.len() - line_start + 1)
}

/// The digits of a number read so far: `mantissa × 10^exponent`, `exact` until a digit
/// had to be dropped.
struct Decimal {
    mantissa: u64,
    exponent: i64,
    exact: bool,
}

impl Default for Decimal {
    fn default() -> Self {
        Decimal {
            mantissa: 0,
            exponent: 0,
            exact: true,
        }
    }
}

/// A number as JSON wrote it: an integer when it has no fraction or exponent and fits.
enum Number {
    Unsigned(u64),
    Negative(i64),
    Float(f64),
}

struct Reader<'a> {
    text: &'a str,
    at: usize,
    depth: u32,
}

impl<'a> Reader<'a> {
    fn bytes(&self) -> &'a [u8] {
        self.text.as_bytes()
    }

    /// Only whitespace may follow the value.
    fn end(&mut self) -> Result<(), Error> {
        match self.peek() {
            None => Ok(()),
            Some(_) => Err(self.placed(self.error("trailing characters"))),
        }
    }

    /// `error` with its line and column; a visitor's error is placed where reading stopped.
    fn placed(&self, mut error: Error) -> Error {
        let at = error.0.at.unwrap_or(self.at);
        error.0.place = Some(place(self.text, at));
        error
    }

    fn error(&self, message: &str) -> Error {
        Error(Box::new(Detail {
            message: message.into(),
            at: Some(self.at),
            place: None,
        }))
    }

    /// The next byte after whitespace, not consumed.
    fn peek(&mut self) -> Option<u8> {
        while let Some(&byte) = self.bytes().get(self.at) {
            if !matches!(byte, b' ' | b'\t' | b'\n' | b'\r') {
                return Some(byte);
            }
            self.at += 1;
        }
        None
    }

    /// Consumes `byte` after whitespace, or says what was expected.
    fn expect(&mut self, byte: u8, message: &str) -> Result<(), Error> {
        if self.peek() == Some(byte) {
            self.at += 1;
            Ok(())
        } else {
            Err(self.error(message))
        }
    }

    /// The value ahead is a wrong type for `expected`.
    fn invalid_type(&mut self, expected: &dyn Expected) -> Error {
        let unexpected = match self.peek() {
            None => return self.error("EOF while parsing a value"),
            // A misspelt literal is not JSON at all: say that instead.
            Some(b'n') => match self.literal("null") {
                Ok(()) => Unexpected::Unit,
                Err(error) => return error,
            },
            Some(b't' | b'f') => match self.boolean() {
                Ok(value) => Unexpected::Bool(value),
                Err(error) => return error,
            },
            Some(b'"') => Unexpected::Other("string"),
            Some(b'[') => Unexpected::Seq,
            Some(b'{') => Unexpected::Map,
            Some(b'-' | b'0'..=b'9') => Unexpected::Other("number"),
            Some(_) => return self.error("expected value"),
        };
        let mut error: Error = de::Error::invalid_type(unexpected, expected);
        error.0.at = Some(self.at);
        error
    }

    /// `true`, `false` or `null`, whole.
    fn literal(&mut self, word: &str) -> Result<(), Error> {
        let end = self.at + word.len();
        if self.bytes().get(self.at..end) == Some(word.as_bytes()) {
            self.at = end;
            Ok(())
        } else {
            Err(self.error("expected ident"))
        }
    }

    fn boolean(&mut self) -> Result<bool, Error> {
        if self.peek() == Some(b't') {
            self.literal("true").map(|()| true)
        } else {
            self.literal("false").map(|()| false)
        }
    }

    /// A string, the opening quote next: borrowed from the text unless it has escapes.
    fn string(&mut self) -> Result<Cow<'a, str>, Error> {
        self.at += 1;
        let mut owned: Option<String> = None;
        let mut start = self.at;
        loop {
            let Some(&byte) = self.bytes().get(self.at) else {
                return Err(self.error("EOF while parsing a string"));
            };
            match byte {
                b'"' => {
                    let tail = &self.text[start..self.at];
                    self.at += 1;
                    return Ok(match owned {
                        None => Cow::Borrowed(tail),
                        Some(mut text) => {
                            text.push_str(tail);
                            Cow::Owned(text)
                        }
                    });
                }
                b'\\' => {
                    let text = owned.get_or_insert_with(String::new);
                    text.push_str(&self.text[start..self.at]);
                    self.at += 1;
                    let escaped = self.escape()?;
                    owned.get_or_insert_with(String::new).push(escaped);
                    start = self.at;
                }
                0..=0x1f => return Err(self.error("control character in a string")),
                _ => self.at += 1,
            }
        }
    }

    /// The character of an escape, the backslash consumed.
    fn escape(&mut self) -> Result<char, Error> {
        let Some(&byte) = self.bytes().get(self.at) else {
            return Err(self.error("EOF while parsing a string"));
        };
        self.at += 1;
        Ok(match byte {
            b'"' => '"',
            b'\\' => '\\',
            b'/' => '/',
            b'b' => '\u{8}',
            b'f' => '\u{c}',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            b'u' => {
                let first = self.hex4()?;
                let code = match first {
                    0xD800..=0xDBFF => {
                        if self.bytes().get(self.at..self.at + 2) != Some(b"\\u") {
                            return Err(self.error("lone leading surrogate in hex escape"));
                        }
                        self.at += 2;
                        let second = self.hex4()?;
                        if !(0xDC00..=0xDFFF).contains(&second) {
                            return Err(self.error("lone leading surrogate in hex escape"));
                        }
                        0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
                    }
                    0xDC00..=0xDFFF => return Err(self.error("lone trailing surrogate")),
                    code => code,
                };
                char::from_u32(code).ok_or_else(|| self.error("invalid unicode code point"))?
            }
            _ => {
                self.at -= 1;
                return Err(self.error("invalid escape"));
            }
        })
    }

    fn hex4(&mut self) -> Result<u32, Error> {
        let mut code = 0;
        for _ in 0..4 {
            let digit = self
                .bytes()
                .get(self.at)
                .and_then(|&b| char::from(b).to_digit(16))
                .ok_or_else(|| self.error("invalid escape"))?;
            code = code * 16 + digit;
            self.at += 1;
        }
        Ok(code)
    }

    /// A number, its first character next.
    fn number(&mut self) -> Result<Number, Error> {
        let negative = self.bytes().get(self.at) == Some(&b'-');
        if negative {
            self.at += 1;
        }
        let mut decimal = Decimal::default();
        let start = self.at;
        let count = self.digits(&mut decimal, false);
        if count == 0 || (count > 1 && self.bytes()[start] == b'0') {
            return Err(self.error("invalid number"));
        }
        let mut integer = decimal.exact;
        if self.bytes().get(self.at) == Some(&b'.') {
            self.at += 1;
            integer = false;
            if self.digits(&mut decimal, true) == 0 {
                return Err(self.error("invalid number"));
            }
        }
        if let Some(b'e' | b'E') = self.bytes().get(self.at) {
            self.at += 1;
            integer = false;
            let sign = self.bytes().get(self.at).copied();
            if let Some(b'-' | b'+') = sign {
                self.at += 1;
            }
            let start = self.at;
            let mut written: i64 = 0;
            while let Some(&digit) = self.bytes().get(self.at).filter(|b| b.is_ascii_digit()) {
                written = written
                    .saturating_mul(10)
                    .saturating_add(i64::from(digit - b'0'));
                self.at += 1;
            }
            if self.at == start {
                return Err(self.error("invalid number"));
            }
            let written = if sign == Some(b'-') {
                -written
            } else {
                written
            };
            decimal.exponent = decimal.exponent.saturating_add(written);
        }
        let mantissa = decimal.mantissa;
        if integer {
            return Ok(match (negative, i64::try_from(mantissa)) {
                (false, _) => Number::Unsigned(mantissa),
                // As serde_json reads it: an integer cannot be negative zero.
                (true, Ok(0)) => Number::Float(-0.0),
                (true, Ok(value)) => Number::Negative(-value),
                (true, Err(_)) if mantissa == 1 << 63 => Number::Negative(i64::MIN),
                (true, Err(_)) => Number::Float(-(mantissa as f64)),
            });
        }
        let value = float(mantissa, decimal.exponent);
        if value.is_infinite() {
            return Err(self.error("number out of range"));
        }
        Ok(Number::Float(if negative { -value } else { value }))
    }

    /// A run of digits into `decimal`: the integer part's, or the fraction's. Digits past
    /// what a `u64` holds are dropped, and scale the exponent when they are whole units.
    fn digits(&mut self, decimal: &mut Decimal, fraction: bool) -> usize {
        let start = self.at;
        while let Some(&digit) = self.bytes().get(self.at).filter(|b| b.is_ascii_digit()) {
            let next = decimal.mantissa.checked_mul(10);
            match next.and_then(|m| m.checked_add(u64::from(digit - b'0'))) {
                Some(mantissa) if decimal.exact => {
                    decimal.mantissa = mantissa;
                    decimal.exponent -= i64::from(fraction);
                }
                _ => {
                    decimal.exact = false;
                    decimal.exponent += i64::from(!fraction);
                }
            }
            self.at += 1;
        }
        self.at - start
    }

    /// Steps over one value, checking that it is JSON; its text is what was stepped over.
    fn skip(&mut self) -> Result<&'a str, Error> {
        let start = match self.peek() {
            Some(_) => self.at,
            None => return Err(self.error("EOF while parsing a value")),
        };
        match self.bytes()[self.at] {
            b'n' => self.literal("null")?,
            b't' | b'f' => {
                self.boolean()?;
            }
            b'"' => {
                self.string()?;
            }
            b'-' | b'0'..=b'9' => {
                self.number()?;
            }
            b'[' => {
                self.enter()?;
                let mut first = true;
                while self.more(&mut first, b']')? {
                    self.skip()?;
                }
                self.leave(b']')?;
            }
            b'{' => {
                self.enter()?;
                let mut first = true;
                while self.more(&mut first, b'}')? {
                    self.key()?;
                    self.skip()?;
                }
                self.leave(b'}')?;
            }
            _ => return Err(self.error("expected value")),
        }
        Ok(&self.text[start..self.at])
    }

    /// Consumes the `[` or `{` next, one level deeper.
    fn enter(&mut self) -> Result<(), Error> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(self.error("recursion limit exceeded"));
        }
        self.at += 1;
        Ok(())
    }

    /// Consumes the closing `]` or `}`, one level up.
    fn leave(&mut self, close: u8) -> Result<(), Error> {
        self.depth -= 1;
        let message = if close == b']' {
            "expected `,` or `]`"
        } else {
            "expected `,` or `}`"
        };
        self.expect(close, message)
    }

    /// Whether another element or member follows, consuming the comma before it.
    fn more(&mut self, first: &mut bool, close: u8) -> Result<bool, Error> {
        match self.peek() {
            Some(byte) if byte == close => Ok(false),
            None => Err(self.error("EOF while parsing a list or an object")),
            Some(_) if *first => {
                *first = false;
                Ok(true)
            }
            Some(b',') => {
                self.at += 1;
                match self.peek() {
                    Some(byte) if byte == close => Err(self.error("trailing comma")),
                    _ => Ok(true),
                }
            }
            Some(_) => Err(self.error(if close == b']' {
                "expected `,` or `]`"
            } else {
                "expected `,` or `}`"
            })),
        }
    }

    /// A member's key and its colon.
    fn key(&mut self) -> Result<Cow<'a, str>, Error> {
        if self.peek() != Some(b'"') {
            return Err(self.error("key must be a string"));
        }
        let key = self.string()?;
        self.expect(b':', "expected `:`")?;
        Ok(key)
    }

    /// Reads a container with `visit`, between `enter` and `leave`.
    fn container<T>(
        &mut self,
        close: u8,
        visit: impl FnOnce(&mut Self) -> Result<T, Error>,
    ) -> Result<T, Error> {
        self.enter()?;
        let value = visit(self)?;
        self.leave(close)?;
        Ok(value)
    }
}

/// `mantissa × 10^exponent`. Where both are exact as doubles (at most 15 digits, an
/// exponent within ±22), one operation rounds it correctly (Clinger's fast path). Beyond,
/// it is scaled by exact powers of ten, 10^22 at a time: each step rounds once, so the
/// result is within a few units in the last place. Core's exact parser would bring its
/// tables into the module for digits GWS does not send (`docs/benchmarks.md`).
fn float(mantissa: u64, exponent: i64) -> f64 {
    const EXACT: [f64; 23] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
        1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ];
    let mut value = mantissa as f64;
    // Past these, every double is infinite or zero.
    let mut left = exponent.clamp(-400, 400);
    while left != 0 && value != 0.0 && value.is_finite() {
        let step = left.clamp(-22, 22);
        let power = EXACT[step.unsigned_abs() as usize];
        value = if step < 0 {
            value / power
        } else {
            value * power
        };
        left -= step;
    }
    value
}

/// Methods for the types a JSON number holds: only numbers are read for them.
macro_rules! numbers {
    ($($method:ident)*) => {$(
        fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
            match self.peek() {
                Some(b'-' | b'0'..=b'9') => visit_number(self.number()?, visitor),
                _ => Err(self.invalid_type(&visitor)),
            }
        }
    )*};
}

/// Methods for the types a JSON string holds: only strings are read for them.
macro_rules! texts {
    ($($method:ident)*) => {$(
        fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
            match self.peek() {
                Some(b'"') => match self.string()? {
                    Cow::Borrowed(text) => visitor.visit_borrowed_str(text),
                    Cow::Owned(text) => visitor.visit_string(text),
                },
                _ => Err(self.invalid_type(&visitor)),
            }
        }
    )*};
}

impl<'de> de::Deserializer<'de> for &mut Reader<'de> {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.peek() {
            Some(b'n') => {
                self.literal("null")?;
                visitor.visit_unit()
            }
            Some(b't' | b'f') => visitor.visit_bool(self.boolean()?),
            Some(b'"') => match self.string()? {
                Cow::Borrowed(text) => visitor.visit_borrowed_str(text),
                Cow::Owned(text) => visitor.visit_string(text),
            },
            Some(b'-' | b'0'..=b'9') => visit_number(self.number()?, visitor),
            Some(b'[') => self.container(b']', |reader| {
                visitor.visit_seq(Elements {
                    reader,
                    first: true,
                })
            }),
            Some(b'{') => self.container(b'}', |reader| {
                visitor.visit_map(Members {
                    reader,
                    first: true,
                })
            }),
            _ => Err(self.invalid_type(&visitor)),
        }
    }

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.peek() {
            Some(b't' | b'f') => visitor.visit_bool(self.boolean()?),
            _ => Err(self.invalid_type(&visitor)),
        }
    }

    numbers! {
        deserialize_i8 deserialize_i16 deserialize_i32 deserialize_i64 deserialize_u8
        deserialize_u16 deserialize_u32 deserialize_u64 deserialize_f32 deserialize_f64
    }

    texts! {
        deserialize_str deserialize_string deserialize_identifier deserialize_char
        deserialize_bytes deserialize_byte_buf
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        if self.peek() == Some(b'n') {
            self.literal("null")?;
            visitor.visit_none()
        } else {
            visitor.visit_some(self)
        }
    }

    fn deserialize_unit<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.peek() {
            Some(b'n') => {
                self.literal("null")?;
                visitor.visit_unit()
            }
            _ => Err(self.invalid_type(&visitor)),
        }
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.deserialize_unit(visitor)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Error> {
        if name == RAW {
            let text = self.skip()?;
            visitor.visit_borrowed_str(text)
        } else {
            visitor.visit_newtype_struct(self)
        }
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.peek() {
            Some(b'[') => self.container(b']', |reader| {
                visitor.visit_seq(Elements {
                    reader,
                    first: true,
                })
            }),
            _ => Err(self.invalid_type(&visitor)),
        }
    }

    fn deserialize_tuple<V: Visitor<'de>>(
        self,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.peek() {
            Some(b'{') => self.container(b'}', |reader| {
                visitor.visit_map(Members {
                    reader,
                    first: true,
                })
            }),
            _ => Err(self.invalid_type(&visitor)),
        }
    }

    /// The point of this reader: a struct is an object.
    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.deserialize_map(visitor)
    }

    /// Unit variants, written as their names: the only enums on the wire.
    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        match self.peek() {
            Some(b'"') => visitor.visit_enum(UnitVariant(self.string()?)),
            _ => Err(self.invalid_type(&visitor)),
        }
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.skip()?;
        visitor.visit_unit()
    }
}
fn visit_number<'de, V: Visitor<'de>>(number: Number, visitor: V) -> Result<V::Value, Error> {
    match number {
        Number::Unsigned(value) => visitor.visit_u64(value),
        Number::Negative(value) => visitor.visit_i64(value),
        Number::Float(value) => visitor.visit_f64(value),
    }
}

/// The elements of an array, the `[` consumed.
struct Elements<'r, 'de> {
    reader: &'r mut Reader<'de>,
    first: bool,
}

impl<'de> de::SeqAccess<'de> for Elements<'_, 'de> {
    type Error = Error;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, Error> {
        if self.reader.more(&mut self.first, b']')? {
            seed.deserialize(&mut *self.reader).map(Some)
        } else {
            Ok(None)
        }
    }
}

/// The members of an object, the `{` consumed.
struct Members<'r, 'de> {
    reader: &'r mut Reader<'de>,
    first: bool,
}

impl<'de> de::MapAccess<'de> for Members<'_, 'de> {
    type Error = Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Error> {
        if self.reader.more(&mut self.first, b'}')? {
            seed.deserialize(Key(self.reader.key()?)).map(Some)
        } else {
            Ok(None)
        }
    }

    fn next_value_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<T::Value, Error> {
        seed.deserialize(&mut *self.reader)
    }
}

/// An object's key (or a variant's name): a string, whatever is asked of it.
struct Key<'de>(Cow<'de, str>);

impl<'de> de::Deserializer<'de> for Key<'de> {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.0 {
            Cow::Borrowed(text) => visitor.visit_borrowed_str(text),
            Cow::Owned(text) => visitor.visit_string(text),
        }
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        option unit unit_struct newtype_struct seq tuple tuple_struct map struct enum
        identifier ignored_any
    }
}

/// A variant named by a string: a unit variant, nothing to read after the name.
struct UnitVariant<'de>(Cow<'de, str>);

impl<'de> de::EnumAccess<'de> for UnitVariant<'de> {
    type Error = Error;
    type Variant = Self;

    fn variant_seed<V: DeserializeSeed<'de>>(self, seed: V) -> Result<(V::Value, Self), Error> {
        let name = self.0.clone();
        seed.deserialize(Key(name)).map(|value| (value, self))
    }
}

impl<'de> de::VariantAccess<'de> for UnitVariant<'de> {
    type Error = Error;

    fn unit_variant(self) -> Result<(), Error> {
        Ok(())
    }

    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, _seed: T) -> Result<T::Value, Error> {
        Err(de::Error::invalid_type(
            Unexpected::UnitVariant,
            &"newtype variant",
        ))
    }

    fn tuple_variant<V: Visitor<'de>>(self, _len: usize, _visitor: V) -> Result<V::Value, Error> {
        Err(de::Error::invalid_type(
            Unexpected::UnitVariant,
            &"tuple variant",
        ))
    }

    fn struct_variant<V: Visitor<'de>>(
        self,
        _fields: &'static [&'static str],
        _visitor: V,
    ) -> Result<V::Value, Error> {
        Err(de::Error::invalid_type(
            Unexpected::UnitVariant,
            &"struct variant",
        ))
    }
}

#[cfg(test)]
mod tests {
    use std::fmt::Debug;
    use std::path::PathBuf;

    use gws_types::{ContactsResponse, Message, Notification, SmsSession, User, UserValue};
    use serde::de::DeserializeOwned;
    use serde::Deserialize;

    use super::{from_str, RawJson};

    /// Texts at the edges of the grammar, each read by both readers.
    const EDGES: &[&str] = &[
        "null",
        "true",
        "false",
        "0",
        "-0",
        "1",
        "-1",
        "01",
        "-",
        "1.",
        ".5",
        "1e",
        "1e+",
        "1E+2",
        "1e-2",
        "2.5e3",
        "0.1",
        "123.456e-7",
        "1e400",
        "-1e400",
        "1e-400",
        "18446744073709551615",
        "18446744073709551616",
        "-9223372036854775808",
        "-9223372036854775809",
        "123456789012345678901234567890",
        "0.30000000000000004",
        "3.141592653589793",
        "1.7976931348623157e308",
        "5e-324",
        "4.9e-324",
        "\"\"",
        "\"a\\\"b\\\\c\\/d\\b\\f\\n\\r\\t\"",
        "\"\\u00e9\\u20AC\"",
        "\"\\ud83d\\ude00\"",
        "\"\\ud83d\"",
        "\"\\ude00\"",
        "\"\\ud83dx\"",
        "\"\\u12\"",
        "\"\\x\"",
        "\"a\u{1}\"",
        "\"unterminated",
        "\"é ü 😀\"",
        "[]",
        "[1,]",
        "[,1]",
        "[1 2]",
        "[1,,2]",
        "{}",
        "{\"a\":1,}",
        "{\"a\" 1}",
        "{a:1}",
        "{\"a\":1 \"b\":2}",
        "{\"a\":1}x",
        " \t\n\r1 ",
        "",
        " ",
        "nul",
        "nulls",
        "True",
        "[[[]]]",
        "{\"a\":{\"b\":[1,{\"c\":null}]}}",
        "{\"a\":1,\"a\":2}",
        "[1] [2]",
        "\u{feff}1",
    ];

    fn same_number(ours: &serde_json::Number, theirs: &serde_json::Number) -> bool {
        if ours.as_u64().is_some() || ours.as_i64().is_some() {
            return ours == theirs;
        }
        match (ours.as_f64(), theirs.as_f64()) {
            // A few units in the last place (2⁻⁵² ≈ 2.2e-16 each), or both subnormal.
            (Some(a), Some(b)) => {
                a == b
                    || (a - b).abs() <= 4e-15 * a.abs().max(b.abs())
                    || a.abs().max(b.abs()) < f64::MIN_POSITIVE
            }
            _ => false,
        }
    }

    /// Equal, but for a float a few units in the last place away.
    fn close(ours: &UserValue, theirs: &UserValue) -> bool {
        match (ours, theirs) {
            (UserValue::Number(a), UserValue::Number(b)) => same_number(a, b),
            (UserValue::List(a), UserValue::List(b)) => {
                a.len() == b.len() && a.iter().zip(b).all(|(a, b)| close(a, b))
            }
            (UserValue::Object(a), UserValue::Object(b)) => {
                a.len() == b.len()
                    && a.iter()
                        .zip(b)
                        .all(|((ka, a), (kb, b))| ka == kb && close(a, b))
            }
            _ => ours == theirs,
        }
    }

    /// Reads `text` as any JSON value with both readers: the same value, or both refuse.
    fn agrees_on_any(text: &str) {
        let ours = from_str::<UserValue>(text);
        let theirs = serde_json::from_str::<UserValue>(text);
        match (&ours, &theirs) {
            (Ok(a), Ok(b)) => assert!(close(a, b), "{text:?}: {a:?} against {b:?}"),
            (Err(_), Err(_)) => {}
            _ => panic!("{text:?}: ours {ours:?}, serde_json {theirs:?}"),
        }
    }

    /// Reads `text` as a `T` with both readers: equal values, or both refuse.
    fn agrees_on<T: DeserializeOwned + PartialEq + Debug>(text: &str, name: &str) {
        let ours = from_str::<T>(text);
        let theirs = serde_json::from_str::<T>(text);
        match (&ours, &theirs) {
            (Ok(a), Ok(b)) => assert_eq!(a, b, "{name}"),
            (Err(_), Err(_)) => {}
            _ => panic!("{name}: ours {ours:?}, serde_json {theirs:?}"),
        }
    }

    fn fixtures() -> Vec<(String, String)> {
        let root = std::env::var_os("GWS_FIXTURES")
            .map(PathBuf::from)
            .unwrap_or_else(|| {
                PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/fixtures")
            });
        let mut found = Vec::new();
        for dir in ["gws", "seed"] {
            let Ok(entries) = std::fs::read_dir(root.join(dir)) else {
                continue;
            };
            for path in entries.flatten().map(|e| e.path()) {
                if path.extension().is_some_and(|e| e == "json") {
                    let text = std::fs::read_to_string(&path).expect("a fixture");
                    found.push((path.display().to_string(), text));
                }
            }
        }
        assert!(
            found.len() >= 50,
            "the GWS samples under {}",
            root.display()
        );
        found.sort();
        found
    }

    #[test]
    fn reads_the_edges_of_the_grammar_as_serde_json_does() {
        for text in EDGES {
            agrees_on_any(text);
        }
    }

    #[test]
    fn floats_are_within_a_few_units_of_the_exact_value() {
        let mut seed: u64 = 0x0123_4567_89ab_cdef;
        let mut worst: f64 = 0.0;
        for _ in 0..50_000 {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            let exact = f64::from_bits(seed >> 1);
            if !exact.is_finite() {
                continue;
            }
            for text in [format!("{exact:e}"), format!("{exact}")] {
                let read: f64 = from_str(&text).unwrap_or_else(|e| panic!("{text}: {e}"));
                let error = (read - exact).abs() / exact.abs().max(f64::MIN_POSITIVE);
                worst = worst.max(error);
                assert!(error <= 4e-15, "{text}: read {read:e}");
            }
        }
        assert!(worst > 0.0, "the slow path ran");
    }

    #[test]
    fn nesting_stops_where_serde_json_stops() {
        for depth in 120..=135 {
            agrees_on_any(&format!("{}{}", "[".repeat(depth), "]".repeat(depth)));
            agrees_on_any(&format!(
                "{}1{}",
                "{\"a\":".repeat(depth),
                "}".repeat(depth)
            ));
        }
        // Far deeper than any stack would hold, as a value skipped inside a struct too.
        let deep = format!("{{\"skipped\":{}}}", "[".repeat(100_000));
        assert!(from_str::<UserValue>(&"[".repeat(100_000)).is_err());
        assert!(from_str::<SmsSession>(&deep).is_err());
    }

    #[test]
    fn reads_every_gws_sample_as_serde_json_does() {
        for (name, text) in fixtures() {
            agrees_on_any(&text);
            agrees_on::<Notification>(&text, &name);
            agrees_on::<SmsSession>(&text, &name);
            agrees_on::<User>(&text, &name);
            agrees_on::<ContactsResponse>(&text, &name);
            agrees_on::<Vec<Message>>(&text, &name);
        }
    }

    #[test]
    fn refuses_what_serde_json_refuses_in_cut_and_mutated_samples() {
        // A small LCG: the same cases on every run.
        let mut seed: u64 = 0x5eed_1234_abcd_0042;
        let mut next = |bound: usize| {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (seed >> 33) as usize % bound
        };
        const BYTES: &[u8] = b"\"\\{}[],:0-+e.E nul\x01tf9";
        for (name, text) in fixtures() {
            for cut in (0..text.len())
                .step_by(5)
                .filter(|&at| text.is_char_boundary(at))
            {
                agrees_on_any(&text[..cut]);
                agrees_on::<Notification>(&text[..cut], &name);
            }
            for _ in 0..100 {
                let mut bytes = text.clone().into_bytes();
                for _ in 0..1 + next(3) {
                    let at = next(bytes.len());
                    if bytes[at].is_ascii() {
                        bytes[at] = BYTES[next(BYTES.len())];
                    }
                }
                agrees_on_any(&String::from_utf8(bytes).expect("ASCII swapped for ASCII"));
            }
        }
    }

    /// Random JSON text, valid or nearly: every kind of value, number form, escape and
    /// whitespace, and now and then a mistake (a leading zero, a lone surrogate, a control
    /// character, a trailing comma).
    struct Generator(u64);

    impl Generator {
        fn below(&mut self, bound: u64) -> u64 {
            self.0 = self
                .0
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (self.0 >> 33) % bound
        }

        fn pick<'s>(&mut self, from: &[&'s str]) -> &'s str {
            from[self.below(from.len() as u64) as usize]
        }

        fn space(&mut self, out: &mut String) {
            for _ in 0..self.below(3) {
                out.push_str(self.pick(&[" ", "\t", "\n", "\r"]));
            }
        }

        fn digits(&mut self, out: &mut String, most: u64) {
            for _ in 0..1 + self.below(most) {
                out.push(char::from(b'0' + self.below(10) as u8));
            }
        }

        fn number(&mut self, out: &mut String) {
            if self.below(2) == 0 {
                out.push('-');
            }
            match self.below(12) {
                0 => out.push('0'),
                1 => out.push_str("01"),
                2 => {}
                _ => {
                    out.push(char::from(b'1' + self.below(9) as u8));
                    let most = self.pick(&["3", "12", "25"]).parse().unwrap_or(3);
                    self.digits(out, most);
                }
            }
            if self.below(3) == 0 {
                out.push('.');
                if self.below(20) != 0 {
                    self.digits(out, 20);
                }
            }
            if self.below(3) == 0 {
                out.push_str(self.pick(&["e", "E", "e+", "e-", "E-"]));
                if self.below(20) != 0 {
                    self.digits(out, 3);
                }
            }
        }

        fn string(&mut self, out: &mut String) {
            out.push('"');
            for _ in 0..self.below(8) {
                out.push_str(self.pick(&[
                    "a",
                    "Z",
                    " ",
                    "é",
                    "😀",
                    "\\\"",
                    "\\\\",
                    "\\/",
                    "\\b",
                    "\\f",
                    "\\n",
                    "\\r",
                    "\\t",
                    "\\u00e9",
                    "\\uD83D\\uDE00",
                    "\\u20ac",
                    "\\u0000",
                    "\\uD83D",
                    "\\uDE00",
                    "\\x",
                    "\u{1}",
                    "\\u12G4",
                ]));
            }
            if self.below(30) != 0 {
                out.push('"');
            }
        }

        fn value(&mut self, out: &mut String, depth: u32) {
            self.space(out);
            let kinds = if depth < 5 { 8 } else { 5 };
            match self.below(kinds) {
                0 => out.push_str(self.pick(&["null", "true", "false", "nul", "tru"])),
                1 | 2 => self.number(out),
                3 | 4 => self.string(out),
                5 | 6 => {
                    out.push('[');
                    for i in 0..self.below(4) {
                        if i > 0 {
                            out.push(',');
                        }
                        self.value(out, depth + 1);
                    }
                    if self.below(25) == 0 {
                        out.push(',');
                    }
                    self.space(out);
                    out.push(']');
                }
                _ => {
                    out.push('{');
                    for i in 0..self.below(4) {
                        if i > 0 {
                            out.push(',');
                        }
                        self.space(out);
                        self.string(out);
                        self.space(out);
                        out.push(':');
                        self.value(out, depth + 1);
                    }
                    self.space(out);
                    out.push('}');
                }
            }
            self.space(out);
        }
    }

    /// `JSON_FUZZ_ITERATIONS` runs it longer: `JSON_FUZZ_ITERATIONS=2000000 cargo test
    /// --release --lib generated_json`.
    #[test]
    fn reads_generated_json_as_serde_json_does() {
        let iterations: u32 = std::env::var("JSON_FUZZ_ITERATIONS")
            .ok()
            .and_then(|n| n.parse().ok())
            .unwrap_or(30_000);
        let mut generator = Generator(0x0bad_cafe_f00d_0001);
        let mut read = 0;
        for _ in 0..iterations {
            let mut text = String::new();
            generator.value(&mut text, 0);
            agrees_on_any(&text);
            read += u32::from(serde_json::from_str::<UserValue>(&text).is_ok());
        }
        // Both sides of the grammar were tried.
        let share = f64::from(read) / f64::from(iterations.max(1));
        assert!((0.1..0.9).contains(&share), "{read} of {iterations} read");
    }

    #[derive(Debug, Deserialize, PartialEq)]
    struct Inner {
        n: u32,
    }

    #[derive(Debug, Deserialize, PartialEq)]
    struct Outer {
        name: String,
        inner: Option<Inner>,
        list: Vec<Inner>,
    }

    #[test]
    fn refuses_a_struct_written_as_an_array_at_any_depth() {
        // serde_json alone reads each of these.
        for text in [
            r#"["a",null,[]]"#,
            r#"{"name":"a","inner":[1],"list":[]}"#,
            r#"{"name":"a","inner":null,"list":[[2]]}"#,
        ] {
            assert!(serde_json::from_str::<Outer>(text).is_ok(), "{text}");
            let error = from_str::<Outer>(text).unwrap_err().to_string();
            assert!(
                error.starts_with("invalid type: sequence"),
                "{text}: {error}"
            );
        }
        let outer: Outer = from_str(r#"{"name":"a","inner":{"n":1},"list":[{"n":2}]}"#).unwrap();
        assert_eq!(outer.list, [Inner { n: 2 }]);
    }

    #[test]
    fn says_what_is_wrong_and_where() {
        let error = |text: &str| from_str::<Outer>(text).unwrap_err().to_string();
        assert_eq!(
            error("{\"name\": \"a\",\n \"list\": [{\"n\": tru}]}"),
            "expected ident at line 2 column 17"
        );
        assert_eq!(
            error(r#"{"name": 7}"#),
            "invalid type: number, expected a string at line 1 column 10"
        );
        assert_eq!(
            error(r#"{"name":"a"}"#),
            "missing field `list` at line 1 column 12"
        );
        assert_eq!(
            error(r#"{"name":"a","list":[]} x"#),
            "trailing characters at line 1 column 24"
        );
        assert_eq!(error(""), "EOF while parsing a value at line 1 column 1");
        assert_eq!(
            error(r#"{"name":"a","list":[{"n":1.5}]}"#),
            "invalid type: floating point number, expected u32 at line 1 column 29"
        );
        assert_eq!(
            error(r#"{"name":"a","list":[{"n":-1}]}"#),
            "invalid value: integer `-1`, expected u32 at line 1 column 28"
        );
    }

    #[test]
    fn raw_values_borrow_their_text_and_are_checked() {
        #[derive(Deserialize)]
        struct Message<'a> {
            #[serde(borrow)]
            data: RawJson<'a>,
        }
        let message: Message = from_str(r#"{"data": {"a": [1, "]"]} }"#).unwrap();
        assert_eq!(message.data.0, r#"{"a": [1, "]"]}"#);
        assert!(from_str::<Message>(r#"{"data": {"a": [1,]}}"#).is_err());
    }

    #[test]
    fn strings_without_escapes_are_borrowed() {
        let text = r#"["plain"]"#;
        let read: Vec<&str> = from_str(text).unwrap();
        assert!(text.as_bytes().as_ptr_range().contains(&read[0].as_ptr()));
        assert!(from_str::<Vec<&str>>(r#"["esc\naped"]"#).is_err());
        let owned: Vec<String> = from_str(r#"["esc\naped"]"#).unwrap();
        assert_eq!(owned, ["esc\naped"]);
    }
}
