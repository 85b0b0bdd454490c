//! Minifies `static/widget.css` into `OUT_DIR`: the module carries the widget's styles
//! (its shadow roots adopt them), so every byte of comment and indentation would be sent
//! to every host.

use std::{env, fs, path::Path};

fn main() {
    let source = "static/widget.css";
    println!("cargo:rerun-if-changed={source}");
    let css = fs::read_to_string(source).expect("static/widget.css is readable");
    let out = Path::new(&env::var("OUT_DIR").expect("Cargo sets OUT_DIR")).join("widget.min.css");
    fs::write(out, minify(&css)).expect("OUT_DIR is writable");
}

/// Drops comments and the whitespace CSS does not need: runs become one space, and none
/// is kept next to `{ } ; , >` nor after `:` (kept before it, where it is a descendant
/// selector's).
/// Quoted strings are copied as they are.
fn minify(css: &str) -> String {
    let mut out = String::with_capacity(css.len());
    let mut chars = css.chars().peekable();
    let mut space = false;
    while let Some(c) = chars.next() {
        match c {
            '/' if chars.peek() == Some(&'*') => {
                chars.next();
                let mut last = ' ';
                for c in chars.by_ref() {
                    if last == '*' && c == '/' {
                        break;
                    }
                    last = c;
                }
                space = true;
            }
            '"' | '\'' => {
                push_space(&mut out, &mut space);
                out.push(c);
                for inner in chars.by_ref() {
                    out.push(inner);
                    if inner == c {
                        break;
                    }
                }
            }
            c if c.is_whitespace() => space = true,
            c => {
                if matches!(c, '{' | '}' | ';' | ',' | '>') {
                    space = false;
                    if c == '}' && out.ends_with(';') {
                        out.pop();
                    }
                    out.push(c);
                    // No space after these either.
                    while chars.peek().is_some_and(|next| next.is_whitespace()) {
                        chars.next();
                    }
                } else {
                    push_space(&mut out, &mut space);
                    out.push(c);
                    if c == ':' {
                        space = false;
                        while chars.peek().is_some_and(|next| next.is_whitespace()) {
                            chars.next();
                        }
                    }
                }
            }
        }
    }
    out
}

fn push_space(out: &mut String, space: &mut bool) {
    if *space && !out.is_empty() && !out.ends_with(['{', '}', ';', ',', '>']) {
        out.push(' ');
    }
    *space = false;
}
