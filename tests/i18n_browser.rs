//! The catalogue's plurals through the browser's own `Intl.PluralRules`: Arabic has all
//! six categories, so each count must take its own form of the shipped file.
#![cfg(target_arch = "wasm32")]

use gws_sms_widget::i18n::{Catalogue, Msg, Said};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const ARABIC: &str = include_str!("../static/messages/ar.json");
const GERMAN: &str = include_str!("../static/messages/de.json");

/// The form `category` of the plural message `key` in `file`, its `{count}` filled.
fn form(file: &str, key: &str, category: &str, count: u64) -> String {
    let forms: serde_json::Value = serde_json::from_str(file).unwrap();
    forms[key][category]
        .as_str()
        .unwrap()
        .replace("{count}", &count.to_string())
}

#[wasm_bindgen_test]
fn each_arabic_count_takes_its_own_plural_form() {
    let arabic = Catalogue::new("ar", &[ARABIC]).unwrap();
    for (count, category) in [
        (0, "zero"),
        (1, "one"),
        (2, "two"),
        (3, "few"),
        (11, "many"),
        (100, "other"),
    ] {
        let said = arabic.say(&Said::from(Msg::NewBelow).with("count", count));
        assert_eq!(
            said,
            form(ARABIC, "log.newBelow", category, count),
            "{count}"
        );
    }
}

#[wasm_bindgen_test]
fn german_and_english_tell_one_from_other() {
    let german = Catalogue::new("de", &[GERMAN]).unwrap();
    for (count, category) in [(1, "one"), (0, "other"), (2, "other")] {
        let said = german.say(&Said::from(Msg::NewBelow).with("count", count));
        assert_eq!(
            said,
            form(GERMAN, "log.newBelow", category, count),
            "{count}"
        );
    }
    let english = Catalogue::english("en-GB");
    let below = |count: u64| english.say(&Said::from(Msg::NewBelow).with("count", count));
    assert_eq!(below(1), "1 new message below");
    assert_eq!(below(0), "0 new messages below");
}
