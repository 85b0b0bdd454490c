//! How a text travels as SMS: GSM-7 when every character is in the GSM 03.38
//! alphabet, UCS-2 otherwise, and how many segments it takes.

/// The GSM 03.38 basic character set, one septet each.
const GSM7_BASIC: &str = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?\
¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";

/// The extension table: an escape septet plus one, so two septets each.
const GSM7_EXTENSION: &str = "\u{c}^{}\\[~]|€";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Gsm7,
    Ucs2,
}

/// What a draft costs as SMS.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Segments {
    pub encoding: Encoding,
    /// Septets (GSM-7) or UTF-16 code units (UCS-2).
    pub units: usize,
    pub segments: usize,
    /// Units left in the last segment before another one starts.
    pub remaining: usize,
}

impl Segments {
    pub fn of(text: &str) -> Segments {
        match gsm7_septets(text) {
            Some(units) => Segments::count(Encoding::Gsm7, units, 160, 153),
            None => Segments::count(Encoding::Ucs2, ucs2_units(text), 70, 67),
        }
    }

    fn count(encoding: Encoding, units: usize, single: usize, per_part: usize) -> Segments {
        let (segments, capacity) = match units {
            0 => (0, single),
            n if n <= single => (1, single),
            n => {
                let parts = n.div_ceil(per_part);
                (parts, parts * per_part)
            }
        };
        Segments {
            encoding,
            units,
            segments,
            remaining: capacity - units,
        }
    }
}

fn gsm7_septets(text: &str) -> Option<usize> {
    // A scan of the characters, not `str::contains`: its generic searcher would be the
    // largest thing the composer brings into the module.
    let within = |set: &str, c: char| set.chars().any(|known| known == c);
    text.chars().try_fold(0, |septets, c| {
        if within(GSM7_BASIC, c) {
            Some(septets + 1)
        } else if within(GSM7_EXTENSION, c) {
            Some(septets + 2)
        } else {
            None
        }
    })
}

/// UCS-2 segments hold 67 code units, but a character outside the Basic Multilingual
/// Plane (two units) is never split across segments; counting it whole keeps the
/// figure a safe upper bound.
fn ucs2_units(text: &str) -> usize {
    text.chars().map(char::len_utf16).sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gsm7_fits_160_then_153_per_segment() {
        assert_eq!(
            Segments::of(""),
            Segments {
                encoding: Encoding::Gsm7,
                units: 0,
                segments: 0,
                remaining: 160
            }
        );
        let full = "a".repeat(160);
        assert_eq!(Segments::of(&full).segments, 1);
        assert_eq!(Segments::of(&full).remaining, 0);
        let over = "a".repeat(161);
        assert_eq!(
            Segments::of(&over),
            Segments {
                encoding: Encoding::Gsm7,
                units: 161,
                segments: 2,
                remaining: 145
            }
        );
        assert_eq!(Segments::of(&"a".repeat(306)).segments, 2);
        assert_eq!(Segments::of(&"a".repeat(307)).segments, 3);
    }

    #[test]
    fn extension_characters_take_two_septets() {
        let text = "Price: 5€ [approx]";
        assert_eq!(Segments::of(text).encoding, Encoding::Gsm7);
        assert_eq!(Segments::of(text).units, text.chars().count() + 3);
    }

    #[test]
    fn anything_outside_gsm7_switches_to_ucs2() {
        let text = "Merci, ça marche 👍";
        let segments = Segments::of(text);
        assert_eq!(segments.encoding, Encoding::Ucs2);
        assert_eq!(
            segments.units,
            text.chars().count() + 1,
            "the emoji is two UTF-16 units"
        );
        assert_eq!(Segments::of(&"ж".repeat(70)).segments, 1);
        assert_eq!(Segments::of(&"ж".repeat(71)).segments, 2);
        assert_eq!(Segments::of(&"ж".repeat(135)).segments, 3);
    }
}
