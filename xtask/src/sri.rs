//! Subresource Integrity: the page pins each script and the wasm module with a hash, so
//! a step that rewrites one of them after Trunk puts the hash of the new content in.

use std::fs;
use std::path::Path;

use base64::Engine;
use sha2::{Digest, Sha384};

use crate::run::Result;

/// Replaces, in the page at `page`, the hash of `before` by the hash of `after`.
pub fn rehash(page: &Path, before: &[u8], after: &[u8]) -> Result {
    let html = fs::read_to_string(page).map_err(|e| format!("{}: {e}", page.display()))?;
    let html = html.replace(&integrity(before), &integrity(after));
    fs::write(page, html).map_err(|e| format!("{}: {e}", page.display()))
}

/// The `integrity` attribute value Trunk writes: `sha384-` and the base64 digest.
fn integrity(content: &[u8]) -> String {
    let digest = Sha384::digest(content);
    format!(
        "sha384-{}",
        base64::engine::general_purpose::STANDARD.encode(digest)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn integrity_matches_the_sri_form_of_sha384() {
        // `printf abc | openssl dgst -sha384 -binary | base64`
        assert_eq!(
            integrity(b"abc"),
            "sha384-ywB1P0WjXou1oD1pmsZQBycsMqsO3tFjGotgWkP/W+2AhgcroefMI1i67KE0yCWn"
        );
    }

    #[test]
    fn the_page_pins_the_new_content() {
        let dir = std::env::temp_dir().join(format!("sri-test-{}", std::process::id()));
        fs::create_dir_all(&dir).expect("a temp dir");
        let page = dir.join("index.html");
        let old = format!(
            r#"<link href=/a.js integrity={} rel=modulepreload>"#,
            integrity(b"old")
        );
        fs::write(&page, old).expect("written");
        rehash(&page, b"old", b"new").expect("rehashed");
        let html = fs::read_to_string(&page).expect("read");
        assert!(html.contains(&integrity(b"new")), "{html}");
        assert!(!html.contains(&integrity(b"old")), "{html}");
        let _ = fs::remove_dir_all(dir);
    }
}
