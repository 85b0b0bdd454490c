//! What a real server may do to a text on its way to the log: SMS gateways and GWS's
//! own storage are not documented to keep whitespace or length as sent.

/// Every run of whitespace (spaces, tabs, CR, LF, Unicode spaces) becomes one space;
/// the ends are trimmed. A text of whitespace only becomes empty.
pub fn normalise(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The first `max_chars` characters (Unicode scalar values); 0 keeps the whole text.
pub fn cut(text: String, max_chars: u64) -> String {
    let Ok(max) = usize::try_from(max_chars) else {
        return text;
    };
    if max == 0 {
        return text;
    }
    match text.char_indices().nth(max) {
        Some((end, _)) => text[..end].to_owned(),
        None => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whitespace_runs_become_one_space() {
        assert_eq!(
            normalise("Line one\r\nline  two\n\n\tend "),
            "Line one line two end"
        );
        assert_eq!(normalise("\u{00a0} a\u{2003}b "), "a b");
        assert_eq!(normalise(" \r\n "), "");
        assert_eq!(normalise("as sent"), "as sent");
    }

    #[test]
    fn cut_counts_characters_not_bytes() {
        assert_eq!(cut("ééé".into(), 2), "éé");
        assert_eq!(cut("abc".into(), 3), "abc");
        assert_eq!(cut("abc".into(), 0), "abc");
        assert_eq!(cut(String::new(), 5), "");
    }
}
