//! Whether a log entry is the server's copy of a message the agent wrote.
//!
//! GWS documents no `referenceId` on the answer to SendMessage nor on the log update
//! that carries the copy, so the copy is recognised by its text. Gateways and carriers
//! change text on the way: whitespace collapsed, line endings rewritten, a long text
//! cut to what the channel takes. The rule tolerates exactly that, and no more.

use gws_types::OperationRequest;

/// A message the agent wrote, and to whom.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Wrote<'a> {
    pub text: &'a str,
    /// `SendToAgents`: never reaches the customer.
    pub to_agents: bool,
}

impl<'a> Wrote<'a> {
    pub fn of(request: &'a OperationRequest) -> Option<Wrote<'a>> {
        match request {
            OperationRequest::SendMessage { text } => Some(Wrote {
                text,
                to_agents: false,
            }),
            OperationRequest::SendToAgents { text } => Some(Wrote {
                text,
                to_agents: true,
            }),
            _ => None,
        }
    }
}

/// The shortest cut a channel makes: one SMS segment of Unicode text (70 characters).
/// A copy shorter than the text it would be cut from must be at least this long, so
/// that a short reply ("OK") is never taken for the start of a longer message.
pub const SHORTEST_CUT: usize = 70;

/// Whether `copy` is `sent` as the server may hand it back: equal once every run of
/// whitespace (line breaks included) is one space and the ends are trimmed, or the
/// start of it, at least [`SHORTEST_CUT`] characters long.
pub fn is_echo_of(sent: &str, copy: &str) -> bool {
    let (sent, copy) = (normalized(sent), normalized(copy));
    sent == copy || (sent.starts_with(&copy) && copy.chars().count() >= SHORTEST_CUT)
}

/// The text with every run of whitespace as one space, and none at either end.
fn normalized(text: &str) -> String {
    let mut words = text.split_whitespace();
    let mut out = String::with_capacity(text.len());
    if let Some(first) = words.next() {
        out.push_str(first);
        for word in words {
            out.push(' ');
            out.push_str(word);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whitespace_and_line_endings_do_not_matter() {
        assert!(is_echo_of("One moment", "One moment"));
        assert!(is_echo_of("One  moment\r\nplease ", "One moment please"));
        assert!(is_echo_of("Line one\nLine two", "Line one\r\nLine two"));
        assert!(
            is_echo_of("\tHi\u{a0}there", "Hi there"),
            "a no-break space is whitespace too"
        );
        assert!(!is_echo_of("One moment", "Onemoment"));
        assert!(!is_echo_of("One moment", "One moment!"));
    }

    #[test]
    fn a_copy_cut_by_the_channel_is_a_copy_only_when_at_least_a_segment_long() {
        let long = "x".repeat(SHORTEST_CUT + 30);
        assert!(is_echo_of(&long, &long[..SHORTEST_CUT]));
        assert!(!is_echo_of(&long, &long[..SHORTEST_CUT - 1]));
        assert!(is_echo_of(&long, &long[..SHORTEST_CUT + 5]));
        // A short reply is not the start of a longer message.
        assert!(!is_echo_of("OK, I will check that for you", "OK"));
        assert!(!is_echo_of("OK", ""));
        assert!(is_echo_of("", ""));
    }

    #[test]
    fn only_messages_have_a_text_to_echo() {
        let send = OperationRequest::SendToAgents {
            text: "psst".into(),
        };
        assert_eq!(
            Wrote::of(&send),
            Some(Wrote {
                text: "psst",
                to_agents: true
            })
        );
        assert_eq!(Wrote::of(&OperationRequest::Leave), None);
    }
}
