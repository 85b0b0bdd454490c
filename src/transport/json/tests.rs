use std::path::PathBuf;

use gws_types::{Notification, SmsSession, UserValue};
use rand::rngs::Xoshiro256PlusPlus;
use rand::{Rng, RngExt, SeedableRng};
use serde::Deserialize;

use super::derived::{self, RawText};
use super::{from_str, RawJson, Reader};

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

/// Every GWS sample, with its file name.
pub(crate) fn fixtures() -> Vec<(String, String)> {
    let root = std::env::var_os("GWS_FIXTURES")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/fixtures"));
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
    let mut rng = Xoshiro256PlusPlus::seed_from_u64(0x0123_4567_89ab_cdef);
    let mut worst: f64 = 0.0;
    for _ in 0..50_000 {
        let exact = f64::from_bits(rng.next_u64() >> 1);
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
    for (_, text) in fixtures() {
        agrees_on_any(&text);
    }
}

#[test]
fn refuses_what_serde_json_refuses_in_cut_and_mutated_samples() {
    // Seeded: the same cases on every run.
    let mut rng = Xoshiro256PlusPlus::seed_from_u64(0x5eed_1234_abcd_0042);
    let mut next = |bound: usize| rng.random_range(0..bound);
    const BYTES: &[u8] = b"\"\\{}[],:0-+e.E nul\x01tf9";
    for (name, text) in fixtures() {
        for cut in (0..text.len())
            .step_by(5)
            .filter(|&at| text.is_char_boundary(at))
        {
            agrees_on_any(&text[..cut]);
            same_as_derived::<Notification>(&text[..cut], &name);
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
/// character, a trailing comma). Seeded, so every run reads the same texts.
struct Generator(Xoshiro256PlusPlus);

impl Generator {
    fn below(&mut self, bound: u64) -> u64 {
        self.0.random_range(0..bound)
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
    let mut generator = Generator(Xoshiro256PlusPlus::seed_from_u64(0x0bad_cafe_f00d_0001));
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
        let error = derived::from_str::<Outer>(text).unwrap_err().to_string();
        assert!(
            error.starts_with("invalid type: sequence"),
            "{text}: {error}"
        );
    }
    let outer: Outer =
        derived::from_str(r#"{"name":"a","inner":{"n":1},"list":[{"n":2}]}"#).unwrap();
    assert_eq!(outer.list, [Inner { n: 2 }]);
}

#[test]
fn says_what_is_wrong_and_where() {
    let error = |text: &str| derived::from_str::<Outer>(text).unwrap_err().to_string();
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
        data: RawText<'a>,
    }
    let message: Message = derived::from_str(r#"{"data": {"a": [1, "]"]} }"#).unwrap();
    assert_eq!(message.data.0, r#"{"a": [1, "]"]}"#);
    assert!(derived::from_str::<Message>(r#"{"data": {"a": [1,]}}"#).is_err());
    let raw: Vec<RawJson> = from_str(r#"[ {"a": [1, "]"]} , 2]"#).unwrap();
    assert_eq!(raw, [RawJson(r#"{"a": [1, "]"]}"#), RawJson("2")]);
    assert!(from_str::<Vec<RawJson>>(r#"[{"a": [1,]}]"#).is_err());
}

#[test]
fn strings_without_escapes_are_borrowed() {
    let text = r#""plain""#;
    let mut reader = Reader::new(text);
    let read = reader.text("a string").unwrap();
    assert!(matches!(read, std::borrow::Cow::Borrowed(_)));
    assert!(text.as_bytes().as_ptr_range().contains(&read.as_ptr()));
    let mut reader = Reader::new(r#""esc\naped""#);
    assert_eq!(reader.text("a string").unwrap(), "esc\naped");
}

/// Reads `text` as a `T` as it reads itself and through its derived `Deserialize`:
/// the same value, or the same error at the same place.
pub(crate) fn same_as_derived<T>(text: &str, name: &str)
where
    T: for<'a> super::Decode<'a> + serde::de::DeserializeOwned + PartialEq + std::fmt::Debug,
{
    let ours = from_str::<T>(text).map_err(|error| error.to_string());
    let derived = derived::from_str::<T>(text).map_err(|error| error.to_string());
    assert_eq!(ours, derived, "{name}: {text}");
}
