//! Reading JSON text: a small pull reader, and the [`Decode`] trait the wire types read
//! themselves through.
//!
//! Each type's reading is written by hand (`transport::read`) against the few
//! non-generic methods here (`object`, `array`, `string`, `u64`…), not derived through
//! serde: serde's derive gives every type a deserializer monomorphized for the reader,
//! with the parsing inlined into each, where this keeps one copy of the parsing and one
//! of each type's reading. The types read exactly as their derived `Deserialize` did
//! through this reader (the same values, and the same errors, at the same place), which
//! the tests check against that derive. Reading straight from the text, with no value
//! tree in between, keeps a long log fast to read, and errors in text order.
//!
//! It reads strict JSON (RFC 8259) as serde_json does, refuses the same inputs, and says
//! where the text went wrong. Two things differ: a float outside the range that converts
//! exactly (more than 15 significant digits, or an exponent beyond ±22) is within a few
//! units in the last place, where serde_json's own reading is within one or two; and
//! a struct is read from an object only (GWS and CometD never send another form; an
//! array where a struct is expected is a wrong type, like any other). Nesting stops at
//! 127 levels, where serde_json's stops, with an error instead of a deep stack.

use std::borrow::Cow;
use std::fmt;

#[cfg(test)]
pub(crate) mod derived;
/// The grammar, read as serde_json reads it; the wire types' readings are checked in
/// `transport::read`'s tests.
#[cfg(test)]
pub(crate) mod tests;
pub mod write;

/// Nesting deeper than this is refused: each level is a frame on the wasm stack.
const MAX_DEPTH: u32 = 127;

/// A type read from JSON text, as its derived `Deserialize` reads it.
pub trait Decode<'a>: Sized {
    fn decode(reader: &mut Reader<'a>) -> Result<Self, Error>;
}

/// A struct's field as [`Reader::fields`] fills it: any [`Decode`] type, replaced by
/// what is read. A struct hands its fields over as `&mut dyn Field`, so the loop over
/// the object's members, the key lookup and the checks are one function for every
/// struct, and each field costs a pointer where it would cost code of its own.
pub trait Field<'a> {
    fn read(&mut self, reader: &mut Reader<'a>) -> Result<(), Error>;
}

impl<'a, T: Decode<'a>> Field<'a> for T {
    fn read(&mut self, reader: &mut Reader<'a>) -> Result<(), Error> {
        *self = T::decode(reader)?;
        Ok(())
    }
}

/// How a struct is read from an object, as its derived `Deserialize` reads it.
pub struct Struct {
    /// What the object is read as, for errors (`struct Message`).
    name: &'static str,
    /// The members' keys, in the order of the fields handed to [`Reader::fields`].
    keys: &'static [&'static str],
    /// Other spellings read as one of `keys`.
    aliases: &'static [(&'static str, &'static str)],
    /// The fields that must be there: bit `i` for `keys[i]`.
    required: u32,
    /// Unknown keys refused (`deny_unknown_fields`) rather than skipped.
    closed: bool,
}

impl Struct {
    pub const fn new(name: &'static str, keys: &'static [&'static str]) -> Struct {
        Struct {
            name,
            keys,
            aliases: &[],
            required: 0,
            closed: false,
        }
    }

    /// The fields that must be there: bit `i` for `keys[i]`.
    pub const fn required(mut self, bits: u32) -> Struct {
        self.required = bits;
        self
    }

    pub const fn aliases(mut self, aliases: &'static [(&'static str, &'static str)]) -> Struct {
        self.aliases = aliases;
        self
    }

    pub const fn closed(mut self) -> Struct {
        self.closed = true;
        self
    }
}

/// Reads a `T` from JSON text: one value, with only whitespace around it.
pub fn from_str<'a, T: Decode<'a>>(text: &'a str) -> Result<T, Error> {
    let mut reader = Reader::new(text);
    match T::decode(&mut reader) {
        Ok(value) => reader.end().map(|()| value),
        Err(error) => Err(reader.placed(error)),
    }
}

/// A value's JSON text as it came, borrowed from the input (a Bayeux message's `data`,
/// read later as the type its channel says), checked to be JSON.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RawJson<'a>(pub &'a str);

impl<'a> Decode<'a> for RawJson<'a> {
    fn decode(reader: &mut Reader<'a>) -> Result<Self, Error> {
        reader.skip().map(RawJson)
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
    /// Byte offset, when known where the error is made; else where reading stopped.
    at: Option<usize>,
    place: Option<(usize, usize)>,
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
pub enum JsonNumber {
    Unsigned(u64),
    Negative(i64),
    Float(f64),
}

/// The text being read and where: what a [`Decode`] reads from.
pub struct Reader<'a> {
    text: &'a str,
    at: usize,
    depth: u32,
}

impl<'a> Reader<'a> {
    fn bytes(&self) -> &'a [u8] {
        self.text.as_bytes()
    }

    /// Only whitespace may follow the value.
    pub fn end(&mut self) -> Result<(), Error> {
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
    pub fn peek(&mut self) -> Option<u8> {
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

    /// The value ahead is a wrong type for `expected` (serde's words for it: `a string`,
    /// `u64`, `struct Message`…). The error stands where serde's stood: after a `null`
    /// or a boolean, at the start of anything else.
    pub fn invalid_type(&mut self, expected: &str) -> Error {
        let unexpected = match self.peek() {
            None => return self.error("EOF while parsing a value"),
            // A misspelt literal is not JSON at all: say that instead.
            Some(b'n') => match self.literal("null") {
                Ok(()) => "null",
                Err(error) => return error,
            },
            Some(b't' | b'f') => match self.boolean() {
                Ok(true) => "boolean `true`",
                Ok(false) => "boolean `false`",
                Err(error) => return error,
            },
            Some(b'"') => "string",
            Some(b'[') => "sequence",
            Some(b'{') => "map",
            Some(b'-' | b'0'..=b'9') => "number",
            Some(_) => return self.error("expected value"),
        };
        self.error(&format!("invalid type: {unexpected}, expected {expected}"))
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
    fn quoted(&mut self) -> Result<Cow<'a, str>, Error> {
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
    fn read_number(&mut self) -> Result<JsonNumber, Error> {
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
                (false, _) => JsonNumber::Unsigned(mantissa),
                // As serde_json reads it: an integer cannot be negative zero.
                (true, Ok(0)) => JsonNumber::Float(-0.0),
                (true, Ok(value)) => JsonNumber::Negative(-value),
                (true, Err(_)) if mantissa == 1 << 63 => JsonNumber::Negative(i64::MIN),
                (true, Err(_)) => JsonNumber::Float(-(mantissa as f64)),
            });
        }
        let value = float(mantissa, decimal.exponent);
        if value.is_infinite() {
            return Err(self.error("number out of range"));
        }
        Ok(JsonNumber::Float(if negative { -value } else { value }))
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

    /// Steps over one value, checking that it is JSON: a member nothing reads. Its text
    /// is what was stepped over.
    pub fn skip(&mut self) -> Result<&'a str, Error> {
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
                self.quoted()?;
            }
            b'-' | b'0'..=b'9' => {
                self.read_number()?;
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
        let key = self.quoted()?;
        self.expect(b':', "expected `:`")?;
        Ok(key)
    }
}

/// What the wire types read with: each method reads one value, or says, in serde's
/// words, why the value ahead is not one.
impl<'a> Reader<'a> {
    pub fn new(text: &'a str) -> Self {
        Reader {
            text,
            at: 0,
            depth: 0,
        }
    }

    /// Consumes a `null` ahead: an `Option`'s `None`.
    pub fn null(&mut self) -> Result<bool, Error> {
        if self.peek() == Some(b'n') {
            self.literal("null")?;
            Ok(true)
        } else {
            Ok(false)
        }
    }

    pub fn bool(&mut self) -> Result<bool, Error> {
        match self.peek() {
            Some(b't' | b'f') => self.boolean(),
            _ => Err(self.invalid_type("a boolean")),
        }
    }

    /// A string, borrowed from the text unless it has escapes; `expected` names what
    /// a string is read as.
    pub fn text(&mut self, expected: &str) -> Result<Cow<'a, str>, Error> {
        match self.peek() {
            Some(b'"') => self.quoted(),
            _ => Err(self.invalid_type(expected)),
        }
    }

    pub fn string(&mut self) -> Result<String, Error> {
        self.text("a string").map(Cow::into_owned)
    }

    pub fn u64(&mut self) -> Result<u64, Error> {
        match self.numeric("u64")? {
            JsonNumber::Unsigned(value) => Ok(value),
            JsonNumber::Negative(value) => Err(self.invalid_integer(value, "u64")),
            JsonNumber::Float(_) => Err(self.float_for("u64")),
        }
    }

    pub fn i64(&mut self) -> Result<i64, Error> {
        match self.numeric("i64")? {
            JsonNumber::Unsigned(value) => {
                i64::try_from(value).map_err(|_| self.invalid_integer(value, "i64"))
            }
            JsonNumber::Negative(value) => Ok(value),
            JsonNumber::Float(_) => Err(self.float_for("i64")),
        }
    }

    pub fn f64(&mut self) -> Result<f64, Error> {
        Ok(match self.numeric("f64")? {
            JsonNumber::Unsigned(value) => value as f64,
            JsonNumber::Negative(value) => value as f64,
            JsonNumber::Float(value) => value,
        })
    }

    /// A number of any kind.
    pub fn numeric(&mut self, expected: &str) -> Result<JsonNumber, Error> {
        match self.peek() {
            Some(b'-' | b'0'..=b'9') => self.read_number(),
            _ => Err(self.invalid_type(expected)),
        }
    }

    fn invalid_integer(&self, value: impl fmt::Display, expected: &str) -> Error {
        self.error(&format!(
            "invalid value: integer `{value}`, expected {expected}"
        ))
    }

    fn float_for(&self, expected: &str) -> Error {
        self.error(&format!(
            "invalid type: floating point number, expected {expected}"
        ))
    }

    /// An object, each member handed to `member` with its key, which reads the value
    /// (or [`Reader::skip`]s it). `expected` names what the object is read as.
    pub fn object(
        &mut self,
        expected: &str,
        member: &mut dyn FnMut(&mut Self, &str) -> Result<(), Error>,
    ) -> Result<(), Error> {
        if self.peek() != Some(b'{') {
            return Err(self.invalid_type(expected));
        }
        self.enter()?;
        let mut first = true;
        while self.more(&mut first, b'}')? {
            let key = self.key()?;
            member(self, &key)?;
        }
        self.leave(b'}')
    }

    /// An array, each element read by `element`.
    pub fn array(
        &mut self,
        expected: &str,
        element: &mut dyn FnMut(&mut Self) -> Result<(), Error>,
    ) -> Result<(), Error> {
        if self.peek() != Some(b'[') {
            return Err(self.invalid_type(expected));
        }
        self.enter()?;
        let mut first = true;
        while self.more(&mut first, b']')? {
            element(self)?;
        }
        self.leave(b']')
    }

    /// Which of a struct's `fields` the member named `key` is, the member's colon just
    /// read: `None` for a key the struct does not know, to be skipped. A field given
    /// twice is refused, as serde's derive refuses it.
    pub fn field(
        &self,
        fields: &[&str],
        seen: &mut u32,
        key: &str,
    ) -> Result<Option<usize>, Error> {
        let Some(index) = fields.iter().position(|field| *field == key) else {
            return Ok(None);
        };
        let bit = 1_u32.wrapping_shl(index as u32);
        if *seen & bit != 0 {
            return Err(self.error(&format!("duplicate field `{key}`")));
        }
        *seen |= bit;
        Ok(Some(index))
    }

    /// A struct read from an object into `fields`, one for each of `form`'s keys and in
    /// their order: a field given twice, a required one missing, or an unknown key in a
    /// closed struct is an error, as serde's derive makes it.
    pub fn fields(
        &mut self,
        form: &Struct,
        fields: &mut [&mut dyn Field<'a>],
    ) -> Result<(), Error> {
        debug_assert_eq!(
            form.keys.len(),
            fields.len(),
            "{}: a field per key",
            form.name
        );
        let mut seen = 0;
        self.object(form.name, &mut |reader, key| {
            let key = form
                .aliases
                .iter()
                .find(|(alias, _)| *alias == key)
                .map_or(key, |(_, meant)| meant);
            match reader
                .field(form.keys, &mut seen, key)?
                .and_then(|i| fields.get_mut(i))
            {
                Some(field) => field.read(reader),
                None if form.closed => Err(reader.unknown_field(key, form.keys)),
                None => reader.skip().map(drop),
            }
        })?;
        let missing = form
            .keys
            .iter()
            .enumerate()
            .find(|&(i, _)| form.required & !seen & 1_u32.wrapping_shl(i as u32) != 0);
        match missing {
            Some((_, key)) => Err(self.missing(key)),
            None => Ok(()),
        }
    }

    /// A struct's field that is not there, after its object was read: the error stands
    /// at the object's closing brace.
    fn missing(&self, field: &str) -> Error {
        let mut error = self.error(&format!("missing field `{field}`"));
        error.0.at = Some(self.at.saturating_sub(1));
        error
    }

    /// A key refused by a struct that knows only `fields` (`deny_unknown_fields`).
    pub fn unknown_field(&self, key: &str, fields: &[&str]) -> Error {
        let mut message = format!("unknown field `{key}`, ");
        match fields {
            [] => message.push_str("there are no fields"),
            [only] => message.push_str(&format!("expected `{only}`")),
            [first, second] => message.push_str(&format!("expected `{first}` or `{second}`")),
            all => {
                message.push_str("expected one of ");
                for (i, field) in all.iter().enumerate() {
                    if i > 0 {
                        message.push_str(", ");
                    }
                    message.push_str(&format!("`{field}`"));
                }
            }
        }
        self.error(&message)
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
