//! The agent's language: one catalogue of every word the widget writes, English built in,
//! other languages and a host's overrides read from JSON on top of it.
//!
//! A catalogue file (and a host's `messages`) is an object from key to text; a plural
//! message's value is an object from `Intl.PluralRules` category to text. Keys this
//! version does not know and values of another type are skipped: a file written for
//! another version still translates what it can, and the rest stays English.

mod messages;
mod said;

pub use messages::{status_code, Msg};
pub use said::Said;

use std::rc::Rc;

use yew::AttrValue;

use crate::transport::json::{Error, Reader};

/// `Intl.PluralRules` categories, in the order of a message's form slots.
const CATEGORIES: [&str; 6] = ["zero", "one", "two", "few", "many", "other"];
const ONE: usize = 1;
const OTHER: usize = 5;

/// Languages written right to left: their primary subtags.
const RIGHT_TO_LEFT: &[&str] = &["ar", "he", "fa", "ur", "ps", "yi", "dv", "ckb", "sd", "ug"];

/// The words of one language: English where it has none.
#[derive(Clone, Debug)]
pub struct Catalogue {
    lang: Rc<str>,
    /// `Msg::ALL.len() * 6` slots, a form per category; empty for plain English.
    forms: Rc<[Option<Rc<str>>]>,
    #[cfg(target_family = "wasm")]
    plurals: js_sys::Intl::PluralRules,
}

impl Default for Catalogue {
    fn default() -> Self {
        Catalogue::english("en")
    }
}

/// Catalogues compare by language and by the words they were read from (the same
/// read, shared): what a render needs to know whether anything changed.
impl PartialEq for Catalogue {
    fn eq(&self, other: &Self) -> bool {
        self.lang == other.lang
            && (Rc::ptr_eq(&self.forms, &other.forms)
                || self.forms.is_empty() && other.forms.is_empty())
    }
}

impl Catalogue {
    /// `lang`'s catalogue from JSON `layers`, each read over the ones before (a language's
    /// file, then a host's overrides). The first that is not a JSON object says why.
    pub fn new(lang: &str, layers: &[&str]) -> Result<Catalogue, Error> {
        if layers.is_empty() {
            return Ok(Catalogue::english(lang));
        }
        let mut forms = vec![None; Msg::ALL.len() * CATEGORIES.len()];
        for layer in layers {
            read_layer(&mut forms, layer)?;
        }
        Ok(Catalogue::with_forms(lang, forms.into()))
    }

    /// English alone, with `lang`'s plurals and dates (an English such as `en-GB`).
    pub fn english(lang: &str) -> Catalogue {
        Catalogue::with_forms(lang, Rc::new([]))
    }

    fn with_forms(lang: &str, forms: Rc<[Option<Rc<str>>]>) -> Catalogue {
        Catalogue {
            lang: lang.into(),
            forms,
            #[cfg(target_family = "wasm")]
            plurals: plural_rules(lang),
        }
    }

    /// `lang`'s words from its catalogue file (`None`: English, `lang` then being an
    /// English such as `en-GB`, for its dates) with a host's overrides on top; a file or
    /// overrides that cannot be read are left out, so the widget always has words.
    pub fn layered(lang: &str, file: Option<&str>, overrides: Option<&str>) -> Catalogue {
        let lang = if lang.is_empty() { "en" } else { lang };
        let file = file.unwrap_or_default();
        let both: Vec<&str> = [file, overrides.unwrap_or_default()]
            .into_iter()
            .filter(|layer| !layer.is_empty())
            .collect();
        Catalogue::new(lang, &both)
            .or_else(|_| Catalogue::new(lang, &both[..usize::from(!file.is_empty())]))
            .or_else(|_| Catalogue::new("en", overrides.as_slice()))
            .unwrap_or_default()
    }

    /// The BCP 47 tag of the language the words are in.
    pub fn lang(&self) -> &str {
        &self.lang
    }

    /// The language's tag as an attribute, not copied.
    pub fn attr_lang(&self) -> AttrValue {
        AttrValue::Rc(self.lang.clone())
    }

    /// `rtl` for a language written right to left, else `ltr`.
    pub fn dir(&self) -> &'static str {
        let end = self.lang.bytes().position(|b| b == b'-' || b == b'_');
        let primary = &self.lang[..end.unwrap_or(self.lang.len())];
        if RIGHT_TO_LEFT
            .iter()
            .any(|rtl| primary.eq_ignore_ascii_case(rtl))
        {
            "rtl"
        } else {
            "ltr"
        }
    }

    /// A message's text (a plural's `other` form).
    pub fn text(&self, msg: Msg) -> &str {
        self.form(msg, OTHER)
    }

    /// A message's text as an attribute or text node, not copied.
    pub fn attr(&self, msg: Msg) -> AttrValue {
        match self.translated(msg, OTHER) {
            Some(text) => AttrValue::Rc(text.clone()),
            None => AttrValue::Static(english(msg, OTHER)),
        }
    }

    /// What `said` says in this language.
    pub fn say(&self, said: &Said) -> String {
        match said {
            Said::Text(text) => text.clone(),
            Said::Count(count) => count.to_string(),
            Said::Msg(msg, args) => {
                let count = args.iter().find_map(|(_, arg)| match arg {
                    Said::Count(count) => Some(*count),
                    _ => None,
                });
                let template = self.form(*msg, count.map_or(OTHER, |n| self.category(n)));
                self.fill(template, args)
            }
        }
    }

    /// A message with its `{name}`s filled in.
    pub fn fill(&self, template: &str, args: &[(&'static str, Said)]) -> String {
        let mut out = String::with_capacity(template.len());
        let mut rest = template;
        while let Some(open) = rest.find('{') {
            out.push_str(&rest[..open]);
            let after = &rest[open + 1..];
            match after.find('}') {
                Some(close) => {
                    let name = &after[..close];
                    match args.iter().find(|(arg, _)| *arg == name) {
                        Some((_, value)) => out.push_str(&self.say(value)),
                        None => out.push_str(&rest[open..open + close + 2]),
                    }
                    rest = &after[close + 1..];
                }
                None => {
                    out.push_str(&rest[open..]);
                    rest = "";
                }
            }
        }
        out.push_str(rest);
        out
    }

    fn form(&self, msg: Msg, category: usize) -> &str {
        match self.translated(msg, category) {
            Some(text) => text,
            None => english(msg, category),
        }
    }

    /// The language's own form of `msg` for `category`, else its `other` form.
    fn translated(&self, msg: Msg, category: usize) -> Option<&Rc<str>> {
        let slots = self.forms.get(msg as usize * CATEGORIES.len()..)?;
        slots.get(category)?.as_ref().or(slots.get(OTHER)?.as_ref())
    }

    /// The plural category of `count` in this language.
    fn category(&self, count: u64) -> usize {
        #[cfg(target_family = "wasm")]
        {
            let name = self.plurals.select(count as f64);
            CATEGORIES
                .iter()
                .position(|category| name == *category)
                .unwrap_or(OTHER)
        }
        #[cfg(not(target_family = "wasm"))]
        {
            if count == 1 {
                ONE
            } else {
                OTHER
            }
        }
    }
}

/// The keys of the catalogue, in `Msg` order.
pub fn keys() -> impl Iterator<Item = &'static str> {
    messages::KEYS.split_terminator('\0')
}

impl Msg {
    /// The message's key in catalogue files.
    pub fn key(self) -> &'static str {
        keys().nth(self as usize).unwrap_or_default()
    }
}

// The English is indexed with `u16` offsets.
const _: () = assert!(messages::ENGLISH.len() < u16::MAX as usize);

thread_local! {
    /// Where each English entry starts, found once: lookups are many, per render.
    static STARTS: Vec<u16> = std::iter::once(0)
        .chain(messages::ENGLISH.match_indices('\0').map(|(at, _)| at as u16 + 1))
        .collect();
}

/// The English of `msg`: a plural's `one` form for [`ONE`], its other form otherwise.
fn english(msg: Msg, category: usize) -> &'static str {
    let index = msg as usize;
    let entry = STARTS.with(|starts| match (starts.get(index), starts.get(index + 1)) {
        (Some(&start), Some(&end)) => messages::ENGLISH.get(start as usize..end as usize - 1),
        _ => None,
    });
    match entry.unwrap_or_default().split_once('\u{1}') {
        Some((one, _)) if category == ONE => one,
        Some((_, other)) => other,
        None => entry.unwrap_or_default(),
    }
}

#[cfg(target_family = "wasm")]
fn plural_rules(lang: &str) -> js_sys::Intl::PluralRules {
    let locales = js_sys::Array::of1(&lang.into());
    js_sys::Intl::PluralRules::new(&locales, &js_sys::Object::new())
}

/// Reads one catalogue object into `forms`.
fn read_layer(forms: &mut [Option<Rc<str>>], text: &str) -> Result<(), Error> {
    let mut reader = Reader::new(text);
    reader.object("a catalogue", &mut |reader, key| {
        let Some(index) = keys().position(|known| known == key) else {
            return reader.skip().map(drop);
        };
        let slots = &mut forms[index * CATEGORIES.len()..][..CATEGORIES.len()];
        match reader.peek() {
            Some(b'"') => slots[OTHER] = Some(reader.string()?.into()),
            Some(b'{') => reader.object("plural forms", &mut |reader, category| {
                match (
                    CATEGORIES.iter().position(|c| *c == category),
                    reader.peek(),
                ) {
                    (Some(slot), Some(b'"')) => slots[slot] = Some(reader.string()?.into()),
                    _ => drop(reader.skip()?),
                }
                Ok(())
            })?,
            _ => drop(reader.skip()?),
        }
        Ok(())
    })?;
    reader.end()
}

#[cfg(test)]
mod tests;
