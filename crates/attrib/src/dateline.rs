//! Datelines: `WASHINGTON (AP) —`, `PORT VILA, Vanuatu —`, `NEW YORK, Nov. 19 (UPI) —`
//! at the start of a paragraph, or a paragraph that is only a place in capitals
//! (`ISTANBUL`). They say where a story was filed, so their words are never a speaker
//! and never part of a reported clause: `WASHINGTON — "This is a good day," Roe said`
//! is a direct quotation, not a mixed one that starts with a city. All-capital lead-ins
//! of the same shape (`QUESTIONABLE MEDICAL CLAIMS —`) are section heads and are treated
//! the same way.

use crate::Span;
use crate::names_text::is_capitals;
use text::ascii::capital_letters;

/// How far into a paragraph the dash closing a dateline may be.
const MAX_LEN: usize = 100;

/// At most this many words before the dash (`HEMPSTEAD, N.Y., Sept. 26 (UPI)` has 5).
const MAX_WORDS: usize = 10;

/// The dateline opening paragraph `para` of `text`: from the paragraph's start through
/// the dash and the spaces after it, or the whole paragraph when it is only a place
/// in capitals. `None` when the paragraph opens otherwise.
pub fn find(text: &str, para: Span) -> Option<Span> {
    let p = text.get(para.start..para.end)?;
    // A paragraph that is only a place: one to four capitalised words, the first in
    // capitals ("ISTANBUL", "KYIV, Ukraine").
    if p.len() <= 40 && !p.contains('\n') && place_only(p) {
        return Some(para);
    }
    // The first word must be in capitals (see `lead_in`): most paragraphs fail that
    // at once, and looking for a dash in each of them cost more than all the rest.
    if opening_word(p).is_some_and(|w| !w.is_empty() && !is_capitals(w)) {
        return None;
    }
    let window = &p[..floor_boundary(p, MAX_LEN)];
    let (dash, after) = first_dash(window)?;
    if !lead_in(window[..dash].trim_end()) {
        return None;
    }
    let rest = &p[after..];
    let skipped = rest.len() - rest.trim_start().len();
    // Something must follow: a dash ending the paragraph is not a dateline.
    if skipped == rest.len() {
        return None;
    }
    Some(Span::new(para.start, para.start + after + skipped))
}

/// The word [`lead_in`] checks first in `p`, whatever dash follows: the first word,
/// cut at a dash written against it ("WASHINGTON—"), without its parentheses.
fn opening_word(p: &str) -> Option<&str> {
    let w = p
        .split(|c: char| c.is_whitespace() || c == ',')
        .find(|w| !w.is_empty())?;
    let w = w.split(['—', '–', '―']).next().unwrap_or(w);
    Some(w.trim_start_matches('(').trim_end_matches(')'))
}

/// The largest char boundary of `s` at or below `n`.
fn floor_boundary(s: &str, n: usize) -> usize {
    let mut n = n.min(s.len());
    while !s.is_char_boundary(n) {
        n -= 1;
    }
    n
}

/// The first dash standing between words: an em or en dash, a horizontal bar, or an ASCII `-`/`--` with
/// spaces around it (a hyphen inside a word is not one). Returns its start and end.
fn first_dash(s: &str) -> Option<(usize, usize)> {
    let b = s.as_bytes();
    for (i, c) in s.char_indices() {
        match c {
            '—' | '–' | '―' => return Some((i, i + c.len_utf8())),
            '-' if i > 0 && b[i - 1] == b' ' => {
                let mut j = i + 1;
                if b.get(j) == Some(&b'-') {
                    j += 1;
                }
                if b.get(j) == Some(&b' ') {
                    return Some((i, j));
                }
            }
            _ => {}
        }
    }
    None
}

/// Whether `s` reads as a dateline's lead-in: a first word in capitals (two letters at
/// least), then only capitalised words, abbreviations, numbers, commas and a
/// parenthesised agency, in at most [`MAX_WORDS`] words.
fn lead_in(s: &str) -> bool {
    let mut words = 0;
    for (i, w) in s
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .enumerate()
    {
        words += 1;
        if words > MAX_WORDS {
            return false;
        }
        let w = w.trim_start_matches('(').trim_end_matches(')');
        if w.is_empty() {
            continue;
        }
        let ok = if i == 0 {
            is_capitals(w)
        } else {
            w.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit())
        };
        if !ok {
            return false;
        }
    }
    words > 0
}

/// A paragraph that is only a place: up to four words, the first in capitals (three
/// letters at least: "US" alone is more likely a heading than a place), the rest
/// capitalised ("ISTANBUL", "KYIV, Ukraine"), nothing else.
fn place_only(p: &str) -> bool {
    let p = p.trim();
    let words: Vec<&str> = p
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .collect();
    !words.is_empty()
        && words.len() <= 4
        && capital_letters(words[0]).is_some_and(|n| n >= 3)
        && words[1..]
            .iter()
            .all(|w| w.starts_with(char::is_uppercase) && w.chars().all(is_name_char))
}

fn is_name_char(c: char) -> bool {
    c.is_alphabetic() || matches!(c, '.' | '\'' | '’' | '-')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lead(p: &str) -> Option<&str> {
        find(p, Span::new(0, p.len())).map(|s| &p[s.start..s.end])
    }

    #[test]
    fn news_datelines() {
        for (p, want) in [
            ("WASHINGTON (AP) — The Latest on", "WASHINGTON (AP) — "),
            ("WASHINGTON -- President Obama said", "WASHINGTON -- "),
            ("FAIRVIEW, W.Va. - The coal was piled", "FAIRVIEW, W.Va. - "),
            (
                "HEMPSTEAD, N.Y., Sept. 26 (UPI) — Green Party",
                "HEMPSTEAD, N.Y., Sept. 26 (UPI) — ",
            ),
            ("MACAU (Reuters) – Top donor said", "MACAU (Reuters) – "),
            // The horizontal bar of some web archives.
            ("WASHINGTON ― Donald Trump", "WASHINGTON ― "),
            (
                "PORT VILA, Vanuatu — The government",
                "PORT VILA, Vanuatu — ",
            ),
            ("ISTANBUL", "ISTANBUL"),
            ("KYIV, Ukraine", "KYIV, Ukraine"),
            // The dash written against the place, and an agency in parentheses first.
            ("WASHINGTON—The Latest", "WASHINGTON—"),
            ("(AP) WASHINGTON — The", "(AP) WASHINGTON — "),
        ] {
            assert_eq!(lead(p), Some(want), "{p}");
        }
    }

    #[test]
    fn ordinary_openings_are_not_datelines() {
        for p in [
            "The government said — again — that it would wait.",
            "Trump — who spoke Friday — said no.",
            "A well-known figure - said to be ill - stayed home.",
            "\"WE WIN\" — the crowd chanted.",
            "WASHINGTON said nothing about it.",
            "Istanbul",
            "US",
            "IT IS — ",
            "",
            "NATO and the EU — together — said the talks went well",
        ] {
            assert_eq!(lead(p), None, "{p}");
        }
    }

    #[test]
    fn spans_stay_inside_the_paragraph() {
        let text = "Intro.\n\nLONDON — He said so.\n";
        let para = Span::new(8, text.len() - 1);
        let d = find(text, para).unwrap();
        assert_eq!(&text[d.start..d.end], "LONDON — ");
        // A window cut inside a multi-byte character is moved back to a boundary.
        let long = format!("{}—é", "A".repeat(MAX_LEN - 1));
        assert_eq!(lead(&long), None);
    }
}
