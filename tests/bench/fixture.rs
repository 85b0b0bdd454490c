//! The bench's input: a GWS `/messages` answer with 10,000 realistic entries and the
//! `NewMessages` notifications appended after it, as JSON text. Seeded, so every run
//! reads the same bytes.

use gws_types::timestamp::format_millis;
use rand::rngs::Xoshiro256PlusPlus;
use rand::{RngExt, SeedableRng};
use serde_json::{json, Value};

pub const SESSION_ID: &str = "0000Na9B26EF006E";
/// The signed-in agent: the only agent in the roster, so the widget knows them as "You".
pub const ME: &str = "A1";

/// One shown line of the log as both renderings must show it.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    pub index: u64,
    pub text: String,
}

pub struct Fixture {
    /// `{"statusCode":0,"messages":[…]}`.
    pub answer: String,
    /// The session resource, so the widget knows the roster and who "You" is.
    pub session: Value,
    /// `NewMessages` notifications, one new message each, continuing the log.
    pub notifications: Vec<String>,
    /// Every entry, the answer's and then the notifications', with the line the log
    /// shows for it (typing entries show none).
    pub entries: Vec<Option<Line>>,
}

const WORDS: &[&str] = &[
    "hello",
    "order",
    "delivery",
    "refund",
    "thanks",
    "please",
    "tomorrow",
    "account",
    "number",
    "the",
    "a",
    "is",
    "was",
    "not",
    "yet",
    "still",
    "waiting",
    "for",
    "my",
    "your",
    "we",
    "can",
    "check",
    "that",
    "café",
    "naïve",
    "✓",
    "😀",
    "<b>bold?</b>",
    "R&D",
    "parcel",
    "tracking",
    "address",
    "sorry",
    "minutes",
    "update",
    "invoice",
];

/// The tests' generator (rand's Xoshiro256++, the same on every platform), with the
/// draws the fixture makes.
struct Seeded(Xoshiro256PlusPlus);

impl Seeded {
    fn below(&mut self, n: u64) -> u64 {
        self.0.random_range(0..n)
    }

    fn sentence(&mut self, max_words: u64) -> String {
        let count = 1 + self.below(max_words);
        let words: Vec<&str> = (0..count)
            .map(|_| WORDS[self.below(WORDS.len() as u64) as usize])
            .collect();
        words.join(" ")
    }
}

fn party(id: &str) -> Value {
    match id {
        "C1" => json!({"participantId": "C1", "nickname": "Maria Lopez", "type": "Customer"}),
        "A1" => json!({"participantId": "A1", "nickname": "Anna", "type": "Agent"}),
        _ => json!({"participantId": "A2", "nickname": "Ben", "type": "Agent"}),
    }
}

/// Builds entries in index order; the seed decides the mix.
struct Log {
    rng: Seeded,
    millis: i64,
    consulting: bool,
    entries: Vec<Value>,
    lines: Vec<Option<Line>>,
}

impl Log {
    fn push(&mut self, kind: &str, from: &str, body: Option<(&str, String)>, agents: bool) {
        let index = self.entries.len() as u64 + 1;
        self.millis += 1_000 + self.rng.below(90_000) as i64;
        let mut entry = json!({
            "index": index, "type": kind, "from": party(from),
            "visibility": if agents { "Agents" } else { "All" },
            "timestamp": format_millis(self.millis), "timestampSeconds": self.millis,
        });
        let who = if from == ME { "You" } else { party_name(from) };
        let shown = match (kind, &body) {
            ("TypingStarted" | "TypingStopped", _) => None,
            ("ParticipantJoined", _) => Some(format!("{who} joined")),
            ("ParticipantLeft", _) => Some(format!("{who} left")),
            (_, Some((_, text))) => Some(text.clone()),
            _ => Some(String::new()),
        };
        if let Some((field, text)) = body {
            // The widget cuts texts over 2,000 characters; the bench's stay whole.
            assert!(text.chars().count() <= 2_000);
            entry[field] = json!(text);
        }
        self.entries.push(entry);
        self.lines.push(shown.map(|text| Line { index, text }));
    }

    fn next(&mut self) {
        let roll = self.rng.below(100);
        let chat = |rng: &mut Seeded, max| Some(("text", rng.sentence(max)));
        match roll {
            0..=44 => {
                let text = chat(&mut self.rng, 40);
                self.push("Text", "C1", text, false)
            }
            45..=79 => {
                let text = chat(&mut self.rng, 90);
                self.push("Text", ME, text, false)
            }
            80..=87 if self.consulting => {
                let from = if roll.is_multiple_of(2) { ME } else { "A2" };
                let text = chat(&mut self.rng, 60);
                self.push("Text", from, text, true)
            }
            80..=89 => {
                let kind = if self.consulting {
                    "ParticipantLeft"
                } else {
                    "ParticipantJoined"
                };
                self.consulting = !self.consulting;
                self.push(kind, "A2", None, true)
            }
            90..=92 => {
                let url = format!("https://help.example.com/articles/{}", self.rng.below(900));
                self.push("PushUrl", ME, Some(("url", url)), false)
            }
            _ => {
                let kind = if roll.is_multiple_of(2) {
                    "TypingStarted"
                } else {
                    "TypingStopped"
                };
                self.push(kind, "C1", None, false)
            }
        }
    }
}

fn party_name(id: &str) -> &'static str {
    match id {
        "C1" => "Maria Lopez",
        "A1" => "Anna",
        _ => "Ben",
    }
}

fn start() -> Log {
    let mut log = Log {
        rng: Seeded(Xoshiro256PlusPlus::seed_from_u64(0x5eed_1234_abcd_ef01)),
        millis: 1_717_000_000_000,
        consulting: false,
        entries: Vec::new(),
        lines: Vec::new(),
    };
    log.push("ParticipantJoined", "C1", None, false);
    log.push("ParticipantJoined", ME, None, false);
    log
}

/// A session whose log holds `count` entries, and `appends` single-message
/// notifications that continue it.
pub fn session(count: usize, appends: usize) -> Fixture {
    let mut log = start();
    while log.entries.len() < count {
        log.next();
    }
    let answer = json!({"statusCode": 0, "messages": log.entries}).to_string();
    let notifications = (0..appends)
        .map(|i| {
            let from = if i.is_multiple_of(2) { "C1" } else { ME };
            let text = log.rng.sentence(40);
            log.push("Text", from, Some(("text", text)), false);
            json!({
                "messageType": "MessageLogUpdated", "notificationType": "NewMessages",
                "smssessionUri": format!("http://gws/api/v2/smssessions/{SESSION_ID}"),
                "messages": [log.entries.last()],
            })
            .to_string()
        })
        .collect();
    Fixture {
        answer,
        session: json!({
            "id": SESSION_ID, "state": "Chatting", "capabilities": ["SendMessage", "SendToAgents"],
            "participants": [party("A1"), party("C1")],
        }),
        notifications,
        entries: log.lines,
    }
}

/// The lines shown by a window of the `window` newest of the first `held` entries, from
/// a chunk boundary.
pub fn shown(entries: &[Option<Line>], held: usize, window: usize) -> Vec<Line> {
    let held = &entries[..held];
    let first = held.len().saturating_sub(window);
    let first = first - first % crate::CHUNK;
    held[first..].iter().flatten().cloned().collect()
}
