//! Statements as terms: the claim word lists (stop words, negations), the tokenizer
//! (words with contractions split, numbers with separators, currency and percent
//! symbols) and the light stemmer that makes "organised" and "Organized" one term.
//!
//! Function words, reporting verbs and negations are dropped, so "We will release
//! them," and "he said they would release them" have the same terms; every number
//! becomes one placeholder term, so a changed figure is still the same claim.

use std::sync::LazyLock;

use rustc_hash::FxHashSet;
use text::fold::fold;
use text::{DataFile, data_file};

use super::statement::{NUMBER_WORDS, UNITS};

/// Words that carry no claim content.
pub(super) const STOPWORDS_FILE: DataFile = data_file!("claim_stopwords.txt");

/// Words a claim may be restated with, and the word each counts as.
pub(super) const SYNONYMS_FILE: DataFile = data_file!("claim_synonyms.txt");

/// Folded word -> the word it counts as (see `claim_synonyms.txt`).
static SYNONYMS: LazyLock<rustc_hash::FxHashMap<String, &'static str>> = LazyLock::new(|| {
    let mut map = rustc_hash::FxHashMap::default();
    for line in SYNONYMS_FILE.lines() {
        // A line without a colon is no group; the file's test says so.
        if let Some((head, words)) = line.text.split_once(':') {
            let head = head.trim();
            for w in words.split_whitespace() {
                map.insert(fold(&w.to_lowercase()), head);
            }
        }
    }
    map
});

/// Words that negate a statement.
pub(super) const NEGATIONS_FILE: DataFile = data_file!("negations.txt");

/// The placeholder term every number becomes, so a changed figure is still the same claim.
const NUM: &str = "#";

pub(super) static STOPWORDS: LazyLock<FxHashSet<&'static str>> =
    LazyLock::new(|| STOPWORDS_FILE.lowercase_entries(false).collect());

pub(super) static NEGATIONS: LazyLock<FxHashSet<&'static str>> =
    LazyLock::new(|| NEGATIONS_FILE.lowercase_entries(false).collect());

/// One word, number or symbol of a statement.
#[derive(Clone, Debug)]
pub(super) struct Token {
    /// Byte span in the statement, for showing what changed as it was written.
    pub(super) start: usize,
    pub(super) end: usize,
    /// Folded, lower-case form ("won't" gives two tokens, "will" and "not").
    pub(super) lower: String,
    /// Written with a capital (months are only months when capitalised).
    pub(super) cap: bool,
    /// The value of a number written in digits.
    pub(super) num: Option<f64>,
    /// Written as an ordinal ("16th") or with a thousands separator, so not a year.
    pub(super) ordinal: bool,
    pub(super) has_comma: bool,
}

impl Token {
    pub(super) fn is_word(&self) -> bool {
        self.num.is_none() && self.lower.chars().next().is_some_and(char::is_alphabetic)
    }
}

pub(super) fn is_symbol(c: char) -> bool {
    matches!(c, '%' | '$' | '€' | '£' | '¥')
}

fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '’'
}

/// Split a statement into tokens: words (with contractions split), numbers (with
/// thousands separators and decimals) and currency/percent symbols.
pub(super) fn tokenize(text: &str) -> Vec<Token> {
    let mut out = Vec::new();
    let mut it = text.char_indices().peekable();
    while let Some((start, c)) = it.next() {
        if is_symbol(c) {
            let end = start + c.len_utf8();
            out.push(word_token(text, start, end, fold(&text[start..end])));
            continue;
        }
        if !c.is_alphanumeric() {
            continue;
        }
        let numeric = c.is_ascii_digit();
        let mut end = start + c.len_utf8();
        while let Some(&(i, d)) = it.peek() {
            let joins = d.is_alphanumeric() || {
                // An apostrophe inside a word, or a separator inside a number, continues it.
                let next = text[i + d.len_utf8()..].chars().next();
                (is_apostrophe(d) && next.is_some_and(char::is_alphabetic))
                    || (numeric
                        && matches!(d, ',' | '.')
                        && next.is_some_and(|n| n.is_ascii_digit()))
            };
            if !joins {
                break;
            }
            end = i + d.len_utf8();
            it.next();
        }
        push_token(text, start, end, &mut out);
    }
    out
}

fn word_token(text: &str, start: usize, end: usize, lower: String) -> Token {
    Token {
        start,
        end,
        lower,
        cap: text[start..end]
            .chars()
            .next()
            .is_some_and(char::is_uppercase),
        num: None,
        ordinal: false,
        has_comma: false,
    }
}

fn push_token(text: &str, start: usize, end: usize, out: &mut Vec<Token>) {
    let raw = &text[start..end];
    let lower = fold(raw);
    if raw.starts_with(|c: char| c.is_ascii_digit()) {
        let digits_end = lower
            .find(|c: char| !(c.is_ascii_digit() || c == ',' || c == '.'))
            .unwrap_or(lower.len());
        let (digits, suffix) = lower.split_at(digits_end);
        let clean: String = digits.chars().filter(|&c| c != ',').collect();
        if let Ok(mut value) = clean.parse::<f64>() {
            let mut ordinal = false;
            let mut rest = None;
            match suffix {
                "" => {}
                "st" | "nd" | "rd" | "th" => ordinal = true,
                "k" => value *= 1e3,
                "m" => value *= 1e6,
                "bn" | "b" => value *= 1e9,
                _ => rest = Some(suffix.to_string()),
            }
            out.push(Token {
                start,
                end,
                lower: clean,
                cap: false,
                num: Some(value),
                ordinal,
                has_comma: digits.contains(','),
            });
            if let Some(rest) = rest {
                out.push(word_token(text, start, end, rest));
            }
            return;
        }
    }
    // Contractions: "won't" is "will not"; "they're" is "they".
    if let Some(base) = lower.strip_suffix("n't") {
        let base = match base {
            "wo" => "will",
            "ca" => "can",
            "sha" => "shall",
            "ai" => "is",
            b => b,
        };
        if !base.is_empty() {
            out.push(word_token(text, start, end, base.to_string()));
        }
        out.push(word_token(text, start, end, "not".to_string()));
        return;
    }
    if lower == "cannot" {
        out.push(word_token(text, start, end, "can".to_string()));
        out.push(word_token(text, start, end, "not".to_string()));
        return;
    }
    let lower = match lower.split_once('\'') {
        Some((head, "s" | "re" | "ve" | "ll" | "d" | "m")) => head.to_string(),
        Some(_) => lower.replace('\'', ""),
        None => lower,
    };
    if !lower.is_empty() {
        out.push(word_token(text, start, end, lower));
    }
}

/// The comparable form of one folded word: British spellings made American, light
/// suffix stripping, doubled letters collapsed ("organised", "organized",
/// "organizing" all give "organiz"; "travelled" and "traveled" give "travel").
pub fn term(word: &str) -> String {
    let mut w = word.to_string();
    // -ise/-yse → -ize/-yze, with their inflections.
    for (from, to) in [
        ("isations", "izations"),
        ("isation", "ization"),
        ("ising", "izing"),
        ("ised", "ized"),
        ("ises", "izes"),
        ("ise", "ize"),
        ("ysing", "yzing"),
        ("ysed", "yzed"),
        ("yses", "yzes"),
        ("yse", "yze"),
    ] {
        if w.len() > from.len() + 1 && w.ends_with(from) {
            w.truncate(w.len() - from.len());
            w.push_str(to);
            break;
        }
    }
    // Only a plain word or a plural may lose a final "e" below: "agreed" → "agre"
    // must meet "agree" → "agre", not go on to "agr".
    let mut e_may_go = true;
    if w.len() > 4 && (w.ends_with("ies") || w.ends_with("ied")) {
        w.truncate(w.len() - 3);
        w.push('y');
    } else if w.len() > 5 && w.ends_with("ing") {
        w.truncate(w.len() - 3);
        e_may_go = false;
    } else if w.len() > 4 && w.ends_with("ed") {
        w.truncate(w.len() - 2);
        e_may_go = false;
    } else if w.len() > 3
        && w.ends_with('s')
        && !w.ends_with("ss")
        && !w.ends_with("us")
        && !w.ends_with("is")
    {
        w.truncate(w.len() - 1);
    }
    if w.len() >= 6 && w.ends_with("our") {
        w.truncate(w.len() - 3);
        w.push_str("or");
    }
    if w.len() >= 5 && w.ends_with("tre") {
        w.truncate(w.len() - 3);
        w.push_str("ter");
    }
    if e_may_go && w.len() > 3 && w.ends_with('e') {
        w.pop();
    }
    let mut out = String::with_capacity(w.len());
    let mut last = None;
    for c in w.chars() {
        if Some(c) != last {
            out.push(c);
        }
        last = Some(c);
    }
    out
}

/// The content terms of a statement, in order: folded, stemmed, without stop words,
/// negations or symbols; every number (in digits or words) is the same placeholder.
pub fn terms(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for t in tokenize(text) {
        let is_num = t.num.is_some() || NUMBER_WORDS.contains_key(t.lower.as_str());
        if is_num {
            // "two hundred thousand" is one number.
            if out.last().map(String::as_str) != Some(NUM) {
                out.push(NUM.to_string());
            }
            continue;
        }
        if !t.is_word()
            || t.lower.chars().count() < 2
            || STOPWORDS.contains(t.lower.as_str())
            || NEGATIONS.contains(t.lower.as_str())
            || UNITS.get(t.lower.as_str()) == Some(&"percent")
            || t.lower == "per"
            || t.lower == "cent"
        {
            continue;
        }
        let word = SYNONYMS.get(t.lower.as_str()).copied().unwrap_or(&t.lower);
        out.push(term(word));
    }
    out
}

/// Whether a folded word is a stop word (no claim content).
pub fn is_stopword(folded: &str) -> bool {
    STOPWORDS.contains(folded) || NEGATIONS.contains(folded)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn synonym_groups_are_well_formed() {
        for line in SYNONYMS_FILE.lines() {
            let (head, words) = line
                .text
                .split_once(':')
                .unwrap_or_else(|| panic!("{}:{}: no colon", line.file, line.number));
            assert!(!head.trim().is_empty() && words.split_whitespace().count() > 0);
        }
        assert_eq!(
            terms("the jobless rate dropped"),
            terms("the jobless rate fell")
        );
        assert_eq!(terms("jobless"), terms("unemployment"));
    }

    #[test]
    fn spelling_and_inflection_fold_together() {
        assert_eq!(term("organised"), term("organized"));
        assert_eq!(term("organise"), term("organizing"));
        assert_eq!(term("organisation"), term("organization"));
        assert_eq!(term("travelled"), term("traveled"));
        assert_eq!(term("labour"), term("labor"));
        assert_eq!(term("centre"), term("center"));
        assert_eq!(term("agreed"), term("agree"));
        assert_eq!(term("prisoners"), term("prisoner"));
        assert_eq!(fold("Türkiye’s İstanbul"), "turkiye's istanbul");
    }
}
