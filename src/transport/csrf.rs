//! GWS's CSRF convention: any GET answer names a header (`X-CSRF-HEADER`) and carries
//! the token (`X-CSRF-TOKEN`); every later POST sends that header with that token.

/// A token to send on modifying requests.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CsrfToken {
    header: String,
    value: String,
}

/// The header GWS names when it names none.
const DEFAULT_HEADER: &str = "X-CSRF-TOKEN";

impl CsrfToken {
    /// Reads the token from an answer's headers (`get` looks one up by name). `None`
    /// when the answer carries no usable token. Names and values that a browser would
    /// refuse to send are refused here, since setting them would throw.
    pub fn from_headers(get: impl Fn(&str) -> Option<String>) -> Option<Self> {
        Self::read(&get)
    }

    /// One copy for every carrier's way of reading headers.
    #[inline(never)]
    fn read(get: &dyn Fn(&str) -> Option<String>) -> Option<Self> {
        let value = get("X-CSRF-TOKEN")?.trim().to_owned();
        let header = get("X-CSRF-HEADER")
            .map(|name| name.trim().to_owned())
            .filter(|name| !name.is_empty())
            .unwrap_or_else(|| DEFAULT_HEADER.to_owned());
        (is_header_name(&header) && is_header_value(&value) && !value.is_empty())
            .then_some(CsrfToken { header, value })
    }

    /// The name of the header to send.
    pub fn header(&self) -> &str {
        &self.header
    }

    pub fn value(&self) -> &str {
        &self.value
    }
}

/// An HTTP token (RFC 9110 `tchar`s).
fn is_header_name(name: &str) -> bool {
    !name.is_empty()
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b))
}

/// Visible ASCII, spaces and tabs: nothing that could end the header.
fn is_header_value(value: &str) -> bool {
    value
        .bytes()
        .all(|b| b == b'\t' || (0x20..0x7f).contains(&b))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers<'a>(pairs: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<String> + 'a {
        move |name| {
            pairs
                .iter()
                .find(|(key, _)| key.eq_ignore_ascii_case(name))
                .map(|(_, value)| (*value).to_owned())
        }
    }

    #[test]
    fn reads_the_documented_pair() {
        let token = CsrfToken::from_headers(headers(&[
            ("x-csrf-header", "X-CSRF-TOKEN"),
            ("x-csrf-token", "4a92be65-ec55-4aa2-b9df-9518fd870f2f"),
        ]))
        .expect("a token");
        assert_eq!(token.header(), "X-CSRF-TOKEN");
        assert_eq!(token.value(), "4a92be65-ec55-4aa2-b9df-9518fd870f2f");
    }

    #[test]
    fn follows_the_named_header() {
        let token = CsrfToken::from_headers(headers(&[
            ("X-CSRF-HEADER", "X-Other-Csrf"),
            ("X-CSRF-TOKEN", "abc"),
        ]))
        .expect("a token");
        assert_eq!(token.header(), "X-Other-Csrf");
    }

    #[test]
    fn a_token_without_a_name_uses_the_default_header() {
        let token = CsrfToken::from_headers(headers(&[("X-CSRF-TOKEN", "abc")])).expect("a token");
        assert_eq!(token.header(), "X-CSRF-TOKEN");
    }

    #[test]
    fn nothing_usable_is_no_token() {
        assert_eq!(CsrfToken::from_headers(headers(&[])), None);
        assert_eq!(
            CsrfToken::from_headers(headers(&[("X-CSRF-HEADER", "X-CSRF-TOKEN")])),
            None
        );
        assert_eq!(
            CsrfToken::from_headers(headers(&[("X-CSRF-TOKEN", "  ")])),
            None
        );
        assert_eq!(
            CsrfToken::from_headers(headers(&[
                ("X-CSRF-HEADER", "Bad Name:"),
                ("X-CSRF-TOKEN", "abc")
            ])),
            None
        );
        assert_eq!(
            CsrfToken::from_headers(headers(&[("X-CSRF-TOKEN", "a\r\nSet-Cookie: x")])),
            None
        );
        assert_eq!(
            CsrfToken::from_headers(headers(&[("X-CSRF-TOKEN", "jeton-é")])),
            None
        );
    }
}
