use super::*;

fn said(msg: Msg) -> Said {
    Said::from(msg)
}

#[test]
fn english_is_built_in_with_its_values_filled_in() {
    let en = Catalogue::default();
    assert_eq!(en.lang(), "en");
    assert_eq!(en.text(Msg::Consult), "Consult");
    let failed = said(Msg::ActionFailed)
        .with("action", Msg::Transfer)
        .with("reason", "Session is not active");
    assert_eq!(en.say(&failed), "Transfer failed: Session is not active");
}

#[test]
fn a_count_picks_the_plural_form() {
    let en = Catalogue::default();
    let below = |n: u64| en.say(&said(Msg::NewBelow).with("count", n));
    assert_eq!(below(1), "1 new message below");
    assert_eq!(below(3), "3 new messages below");
}

#[test]
fn a_file_and_overrides_lie_over_english_in_order() {
    let file = r#"{"action.consult": "Rückfrage", "action.transfer": "Weiterleiten",
        "log.newBelow": {"one": "{count} neue Nachricht unten", "other": "{count} neue Nachrichten unten"}}"#;
    let overrides = r#"{"action.transfer": "Übergeben"}"#;
    let de = Catalogue::new("de", &[file, overrides]).unwrap();
    assert_eq!(de.text(Msg::Consult), "Rückfrage");
    assert_eq!(de.text(Msg::Transfer), "Übergeben");
    assert_eq!(
        de.text(Msg::Leave),
        "Leave",
        "what no layer has stays English"
    );
    assert_eq!(
        de.say(&said(Msg::NewBelow).with("count", 1_u64)),
        "1 neue Nachricht unten"
    );
    assert_eq!(de.attr(Msg::Consult), "Rückfrage");
}

#[test]
fn a_missing_plural_form_falls_back_to_the_other_form() {
    let only_other =
        Catalogue::new("xx", &[r#"{"log.newBelow": {"other": "{count} below"}}"#]).unwrap();
    assert_eq!(
        only_other.say(&said(Msg::NewBelow).with("count", 1_u64)),
        "1 below"
    );
}

#[test]
fn unknown_keys_and_wrong_types_are_skipped_and_garbage_refused() {
    let odd = r#"{"no.such.key": "x", "action.consult": 7, "action.leave": ["x"],
        "log.newBelow": {"one": 1, "other": "{count} unten", "lots": "x"}, "action.accept": "Annehmen"}"#;
    let catalogue = Catalogue::new("de", &[odd]).unwrap();
    assert_eq!(catalogue.text(Msg::Consult), "Consult");
    assert_eq!(catalogue.text(Msg::Leave), "Leave");
    assert_eq!(catalogue.text(Msg::Accept), "Annehmen");
    assert_eq!(
        catalogue.say(&said(Msg::NewBelow).with("count", 1_u64)),
        "1 unten"
    );
    for garbage in ["", "[]", "\"x\"", "{\"action.accept\": \"a\"", "{} {}"] {
        assert!(Catalogue::new("de", &[garbage]).is_err(), "{garbage:?}");
    }
}

#[test]
fn a_value_without_its_placeholder_stays_as_written() {
    let en = Catalogue::default();
    assert_eq!(en.fill("{nobody} and {", &[]), "{nobody} and {");
    assert_eq!(en.fill("{a}{a}", &[("a", Said::Count(2))]), "22");
}

#[test]
fn right_to_left_languages_are_told_by_their_primary_subtag() {
    for (lang, dir) in [
        ("ar", "rtl"),
        ("ar-EG", "rtl"),
        ("he", "rtl"),
        ("en", "ltr"),
        ("pt-BR", "ltr"),
        ("arn", "ltr"),
    ] {
        assert_eq!(Catalogue::new(lang, &[]).unwrap().dir(), dir, "{lang}");
    }
}

#[test]
fn a_file_or_overrides_that_cannot_be_read_are_left_out() {
    let file = r#"{"action.consult": "Rückfrage"}"#;
    let overrides = r#"{"action.leave": "Raus"}"#;
    let both = Catalogue::layered("de", Some(file), Some(overrides));
    assert_eq!(
        (both.lang(), both.text(Msg::Consult), both.text(Msg::Leave)),
        ("de", "Rückfrage", "Raus")
    );
    let bad_overrides = Catalogue::layered("de", Some(file), Some("[1]"));
    assert_eq!(
        (bad_overrides.lang(), bad_overrides.text(Msg::Consult)),
        ("de", "Rückfrage")
    );
    let bad_file = Catalogue::layered("de", Some("<html>"), Some(overrides));
    assert_eq!((bad_file.lang(), bad_file.text(Msg::Leave)), ("en", "Raus"));
    let british = Catalogue::layered("en-GB", None, Some(overrides));
    assert_eq!(
        (british.lang(), british.text(Msg::Consult)),
        ("en-GB", "Consult")
    );
    assert_eq!(Catalogue::layered("", None, None), Catalogue::default());
}

#[test]
fn every_status_code_has_its_message() {
    assert_eq!(status_code(2), Msg::CodeInvalidForState);
    assert_eq!(status_code(20), Msg::CodeNotAuthenticated);
    assert_eq!(status_code(21), Msg::CodeOther);
    assert_eq!(status_code(-1), Msg::CodeOther);
    assert_eq!(keys().count(), Msg::ALL.len());
    assert_eq!(
        messages::ENGLISH.split_terminator('\0').count(),
        Msg::ALL.len()
    );
    assert_eq!(Msg::NewBelow.key(), "log.newBelow");
}

/// The `{name}`s of a text, sorted.
fn placeholders(text: &str) -> Vec<&str> {
    let mut names: Vec<&str> = text
        .split('{')
        .skip(1)
        .filter_map(|part| part.split_once('}').map(|(name, _)| name))
        .collect();
    names.sort_unstable();
    names
}

/// Every shipped catalogue: valid, only known keys, every key translated, plural forms
/// where English has them, and the same `{name}`s as English.
#[test]
fn the_shipped_catalogues_translate_every_message_with_its_values() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/static/messages");
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    let names: Vec<String> = files
        .iter()
        .map(|f| f.file_stem().unwrap().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["ar", "de", "es", "fr", "pt-BR"]);
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        let value: serde_json::Value = serde_json::from_str(&text).unwrap();
        let object = value.as_object().unwrap();
        for key in object.keys() {
            assert!(keys().any(|k| k == key), "{file:?}: unknown key {key}");
        }
        Catalogue::new("xx", &[&text]).unwrap();
        for (index, key) in keys().enumerate() {
            let value = object
                .get(key)
                .unwrap_or_else(|| panic!("{file:?}: {key} missing"));
            let entry = messages::ENGLISH.split_terminator('\0').nth(index).unwrap();
            let english_forms: Vec<&str> = entry.split('\u{1}').collect();
            let plural = english_forms.len() == 2;
            assert_eq!(
                value.is_object(),
                plural,
                "{file:?}: {key} plural or not as in English"
            );
            let expected = placeholders(english_forms.last().unwrap());
            let forms: Vec<&str> = match value {
                serde_json::Value::Object(forms) => {
                    assert!(
                        forms.contains_key("other"),
                        "{file:?}: {key} has no other form"
                    );
                    forms.values().map(|v| v.as_str().unwrap()).collect()
                }
                other => vec![other.as_str().unwrap()],
            };
            for form in forms {
                let mut found = placeholders(form);
                found.dedup();
                // A form for exactly one may write the count out ("one message").
                let wanted: Vec<&str> = expected
                    .iter()
                    .copied()
                    .filter(|n| found.contains(n) || *n != "count")
                    .collect();
                assert_eq!(found, wanted, "{file:?}: {key}: {form:?}");
            }
        }
    }
}
