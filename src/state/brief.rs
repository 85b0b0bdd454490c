//! Words from the server (or the transport) cut to a readable length: a proxy may send
//! a page of HTML as its error. Used by both the session's problems and the operations'
//! failures, so it lives apart from either.

/// How many characters of a problem are shown.
pub(crate) const PROBLEM_CHARS: usize = 300;

/// `text` cut to [`PROBLEM_CHARS`] characters, marked with an ellipsis when cut.
pub(crate) fn brief(text: String) -> String {
    match text.char_indices().nth(PROBLEM_CHARS) {
        Some((end, _)) => format!("{}…", &text[..end]),
        None => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_text_is_kept_and_long_text_is_cut_at_a_character() {
        assert_eq!(brief("refused".into()), "refused");
        let long = "é".repeat(PROBLEM_CHARS + 5);
        let cut = brief(long);
        assert_eq!(cut.chars().count(), PROBLEM_CHARS + 1);
        assert!(cut.ends_with('…'));
    }
}
