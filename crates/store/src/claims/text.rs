//! Statements as terms: the claim word lists (stop words, negations), the tokenizer
//! (words with contractions split, numbers with separators, currency and percent
//! symbols) and the stemmer (Snowball, from `rust-stemmers`) that makes "organised" and
//! "Organized" one term.
//!
//! Function words, reporting verbs and negations are dropped, so "We will release
//! them," and "he said they would release them" have the same terms; every number
//! becomes one placeholder term, so a changed figure is still the same claim.

use std::borrow::Cow;
use std::rc::Rc;
use std::sync::LazyLock;

use rust_stemmers::{Algorithm, Stemmer};
use rustc_hash::{FxHashMap, FxHashSet};
use text::fold::fold;
use text::signs::is_figure_sign;
use text::{DataFile, data_file};

use super::statement::{MONTHS, NUMBER_WORDS, UNITS, WEEKDAYS};

/// Words that carry no claim content.
pub(super) const STOPWORDS_FILE: DataFile = data_file!("claim_stopwords.txt");

/// Verbs that only join a figure to what it measures, no term right before a number.
pub(super) const FIGURE_VERBS_FILE: DataFile = data_file!("claim_figure_verbs.txt");

/// The stems of [`FIGURE_VERBS_FILE`]'s words.
pub(super) static FIGURE_VERBS: LazyLock<FxHashSet<String>> = LazyLock::new(|| {
    FIGURE_VERBS_FILE
        .lowercase_entries(false)
        .map(stem)
        .collect()
});

/// Words a claim may be restated with, and the word each counts as.
pub(super) const SYNONYMS_FILE: DataFile = data_file!("claim_synonyms.txt");

/// The synonym groups, read once: single words by stem, phrases by their first word.
struct Synonyms {
    /// Stem of a listed word -> stem of its group's head.
    words: FxHashMap<String, String>,
    /// First folded word of a listed phrase -> (the phrase's other words, head stem).
    phrases: FxHashMap<&'static str, Vec<(Vec<&'static str>, String)>>,
    /// Head stem -> every word and phrase of its group as written (head included), for
    /// a full-text search that must find each of them.
    groups: FxHashMap<String, Vec<String>>,
}

static SYNONYMS: LazyLock<Synonyms> = LazyLock::new(|| {
    let mut syn = Synonyms {
        words: FxHashMap::default(),
        phrases: FxHashMap::default(),
        groups: FxHashMap::default(),
    };
    for line in SYNONYMS_FILE.lines() {
        // A line without a colon is no group; the file's test says so.
        let Some((head, words)) = line.text.split_once(':') else {
            continue;
        };
        // `stem`, not the cached `term`: the cache reads these groups.
        let head_term = stem(head.trim());
        let group = syn.groups.entry(head_term.clone()).or_default();
        group.push(head.trim().to_string());
        for w in words.split_whitespace() {
            group.push(w.replace('_', " "));
            // "give_back" is the phrase "give back".
            let mut parts = w.split('_');
            let first = parts.next().unwrap_or_default();
            let rest: Vec<&'static str> = parts.collect();
            if rest.is_empty() {
                syn.words.insert(stem(w), head_term.clone());
            } else {
                syn.phrases
                    .entry(first)
                    .or_default()
                    .push((rest, head_term.clone()));
            }
        }
    }
    // A head may itself be listed under another word's stem ("returns"): the head wins.
    for head in syn.groups.keys() {
        syn.words.insert(head.clone(), head.clone());
    }
    syn
});

/// Every word and phrase that counts as the term `stem` (see `claim_synonyms.txt`), as
/// written there; empty when `stem` heads no group.
pub(super) fn synonyms_of(stem: &str) -> &'static [String] {
    SYNONYMS.groups.get(stem).map_or(&[], Vec::as_slice)
}

/// The English Snowball (Porter2) stemmer, from a kept crate: stems are stored (as
/// keys and hashes), so they must not drift with a hand-written rule set.
static STEMMER: LazyLock<Stemmer> = LazyLock::new(|| Stemmer::create(Algorithm::English));

/// Words that negate a statement.
pub(super) const NEGATIONS_FILE: DataFile = data_file!("negations.txt");

/// Words of a person's title written before their name, which count with the name.
pub(super) const TITLES_FILE: DataFile = data_file!("claim_titles.txt");

pub(super) static TITLES: LazyLock<FxHashSet<&'static str>> =
    LazyLock::new(|| TITLES_FILE.lowercase_entries(false).collect());

/// The placeholder term every number becomes, so a changed figure is still the same claim.
pub(super) const NUM: &str = "#";

/// The term every month is (capitalised: "may" is a verb): a date's month changes from
/// report to report as a figure does.
const MONTH: &str = "#month";

/// The terms that stand for a figure or a date: statements giving one give it of
/// something (see `similarity::different_things`).
pub(super) const FIGURES: [&str; 2] = [NUM, MONTH];

pub(super) static STOPWORDS: LazyLock<FxHashSet<&'static str>> =
    LazyLock::new(|| STOPWORDS_FILE.lowercase_entries(false).collect());

pub(super) static NEGATIONS: LazyLock<FxHashSet<&'static str>> =
    LazyLock::new(|| NEGATIONS_FILE.lowercase_entries(false).collect());

/// One word, number or symbol of a statement.
#[derive(Clone, Debug)]
pub(super) struct Token<'a> {
    /// Byte span in the statement, for showing what changed as it was written.
    pub(super) start: usize,
    pub(super) end: usize,
    /// Folded, lower-case form ("won't" gives two tokens, "will" and "not"): the
    /// statement's own text when folding would not change it, as for most words.
    pub(super) lower: Cow<'a, str>,
    /// Written with a capital (months are only months when capitalised).
    pub(super) cap: bool,
    /// The value of a number written in digits.
    pub(super) num: Option<f64>,
    /// Written as an ordinal ("16th") or with a thousands separator, so not a year.
    pub(super) ordinal: bool,
    pub(super) has_comma: bool,
}

impl Token<'_> {
    pub(super) fn is_word(&self) -> bool {
        self.num.is_none() && self.lower.chars().next().is_some_and(char::is_alphabetic)
    }
}

fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '’'
}

/// Split a statement into tokens: words (with contractions split), numbers (with
/// thousands separators and decimals) and currency/percent symbols.
pub(super) fn tokenize(text: &str) -> Vec<Token<'_>> {
    // About one token per six bytes of news prose: most statements never grow it.
    let mut out = Vec::with_capacity(text.len() / 6 + 1);
    let bytes = text.as_bytes();
    let mut at = 0;
    while let Some(c) = char_at(text, at) {
        let start = at;
        at += c.len_utf8();
        if is_figure_sign(c) {
            out.push(word_token(text, start, at, folded(&text[start..at])));
            continue;
        }
        if !c.is_alphanumeric() {
            continue;
        }
        let numeric = c.is_ascii_digit();
        while let Some(&b) = bytes.get(at) {
            // ASCII letters and digits, most of a word, join it without decoding.
            if b.is_ascii_alphanumeric() {
                at += 1;
                continue;
            }
            let Some(d) = char_at(text, at) else { break };
            let joins = d.is_alphanumeric() || {
                // An apostrophe inside a word, or a separator inside a number, continues it.
                let next = char_at(text, at + d.len_utf8());
                (is_apostrophe(d) && next.is_some_and(char::is_alphabetic))
                    || (numeric
                        && matches!(d, ',' | '.')
                        && next.is_some_and(|n| n.is_ascii_digit()))
            };
            if !joins {
                break;
            }
            at += d.len_utf8();
        }
        push_token(text, start, at, &mut out);
    }
    out
}

/// The character at byte `at` of `text` (a character boundary), or `None` at the end:
/// ASCII, most of news prose, without decoding.
fn char_at(text: &str, at: usize) -> Option<char> {
    match text.as_bytes().get(at) {
        Some(&b) if b.is_ascii() => Some(char::from(b)),
        Some(_) => text.get(at..).and_then(|rest| rest.chars().next()),
        None => None,
    }
}

/// [`fold`] of `raw`, without a copy when it is lower-case ASCII already, and by
/// plain ASCII lower-casing when it is ASCII (all `fold` does to ASCII): a capitalised
/// word is common, and `fold` walks it a character at a time.
fn folded(raw: &str) -> Cow<'_, str> {
    if !raw.is_ascii() {
        Cow::Owned(fold(raw))
    } else if raw.bytes().any(|b| b.is_ascii_uppercase()) {
        Cow::Owned(raw.to_ascii_lowercase())
    } else {
        Cow::Borrowed(raw)
    }
}

fn word_token<'a>(text: &'a str, start: usize, end: usize, lower: Cow<'a, str>) -> Token<'a> {
    Token {
        start,
        end,
        lower,
        cap: match text.as_bytes().get(start) {
            Some(b) if b.is_ascii() => b.is_ascii_uppercase(),
            _ => text[start..end]
                .chars()
                .next()
                .is_some_and(char::is_uppercase),
        },
        num: None,
        ordinal: false,
        has_comma: false,
    }
}

fn push_token<'a>(text: &'a str, start: usize, end: usize, out: &mut Vec<Token<'a>>) {
    let raw = &text[start..end];
    let lower = folded(raw);
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
                _ => rest = Some(Cow::Owned(suffix.to_string())),
            }
            out.push(Token {
                start,
                end,
                lower: Cow::Owned(clean),
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
    // Most words have no apostrophe, so none of the contractions below.
    if !lower.contains('\'') && lower != "cannot" {
        // Folding may leave nothing of a word (a lone combining mark).
        if !lower.is_empty() {
            out.push(word_token(text, start, end, lower));
        }
        return;
    }
    // Contractions: "won't" is "will not"; "they're" is "they".
    if let Some(base) = lower.strip_suffix("n't") {
        let base = match base {
            "wo" => Cow::Borrowed("will"),
            "ca" => Cow::Borrowed("can"),
            "sha" => Cow::Borrowed("shall"),
            "ai" => Cow::Borrowed("is"),
            b => Cow::Owned(b.to_string()),
        };
        if !base.is_empty() {
            out.push(word_token(text, start, end, base));
        }
        out.push(word_token(text, start, end, Cow::Borrowed("not")));
        return;
    }
    if lower == "cannot" {
        out.push(word_token(text, start, end, Cow::Borrowed("can")));
        out.push(word_token(text, start, end, Cow::Borrowed("not")));
        return;
    }
    let clitic = match lower.split_once('\'') {
        Some((head, "s" | "re" | "ve" | "ll" | "d" | "m")) => Some(Some(head.len())),
        Some(_) => Some(None),
        None => None,
    };
    let lower = match (clitic, lower) {
        // "they're" is "they": the part before the apostrophe.
        (Some(Some(n)), Cow::Borrowed(s)) => Cow::Borrowed(&s[..n]),
        (Some(Some(n)), Cow::Owned(mut s)) => {
            s.truncate(n);
            Cow::Owned(s)
        }
        (Some(None), lower) => Cow::Owned(lower.replace('\'', "")),
        (None, lower) => lower,
    };
    if !lower.is_empty() {
        out.push(word_token(text, start, end, lower));
    }
}

/// The comparable form of one folded word: British spellings made American, then the
/// Snowball English stem ("organised", "organized", "organizing" all give "organ";
/// "travelled" and "traveled" give "travel"). The spelling step comes first because
/// the stemmer keeps "organis" and "organiz" apart.
pub fn term(word: &str) -> String {
    with_word(word, |w| w.stem.to_string())
}

/// What [`scan`] needs to know of a folded word not written in digits, found once
/// per distinct word (see [`cached`]) instead of by a look-up in each word list at
/// every occurrence.
#[derive(Clone)]
struct Word {
    /// Its [`term`].
    stem: Term,
    /// The term it counts as: its synonym group's head, else `stem`. Shared strings,
    /// so that a statement's terms are not copied per word.
    counts_as: Term,
    /// A number word ("two", "hundred").
    number: bool,
    /// The first word of a listed synonym phrase.
    phrase: bool,
    /// No claim content: not a word, one letter, a stop word, a negation, or a way
    /// of writing "percent".
    skip: bool,
}

/// The [`Word`] of a folded word, from the thread's cache, handed to `f` (a
/// reference rather than a copy: cloning its shared strings cost as much as the
/// look-up).
fn with_word<R>(word: &str, f: impl FnOnce(&Word) -> R) -> R {
    STEMS.with(|cache| word_in(&mut cache.borrow_mut(), word, f))
}

/// [`with_word`] with the thread's cache already borrowed, for a caller that looks
/// up many words: reaching the thread-local cost as much as the look-up.
fn word_in<R>(cache: &mut WordCache, word: &str, f: impl FnOnce(&Word) -> R) -> R {
    // Stemming is most of the cost of grouping, and news repeats its words: each
    // distinct word is stemmed once per thread (the cache is emptied when it grows
    // past STEM_CACHE words, so memory stays bounded).
    {
        if let Some(w) = cache.get(word) {
            return f(w);
        }
        let stem: Term = stem(word).into();
        let counts_as = match SYNONYMS.words.get(&*stem) {
            Some(head) => head.as_str().into(),
            None => stem.clone(),
        };
        let w = Word {
            stem,
            counts_as,
            number: NUMBER_WORDS.contains_key(word),
            phrase: SYNONYMS.phrases.contains_key(word),
            // `Token::is_word` for a token that is no number in digits.
            skip: !word.chars().next().is_some_and(char::is_alphabetic)
                || word.chars().count() < 2
                || STOPWORDS.contains(word)
                || NEGATIONS.contains(word)
                || UNITS.get(word) == Some(&"percent")
                || word == "per"
                || word == "cent",
        };
        if cache.len() >= STEM_CACHE {
            cache.clear();
        }
        let r = f(&w);
        cache.insert(word, w);
        r
    }
}

/// The thread's [`Word`]s by folded word. A word of up to 15 bytes, nearly every
/// word, is keyed by its bytes and length packed into one integer: a look-up then
/// compares integers in the table instead of following a pointer to each candidate
/// key: on PolNeAR those cache misses (in the `memcmp` of each key compared) were
/// half of what grouping's term look-ups cost natively.
#[derive(Default)]
struct WordCache {
    short: FxHashMap<u128, Word>,
    long: FxHashMap<String, Word>,
}

impl WordCache {
    fn get(&self, word: &str) -> Option<&Word> {
        match packed(word) {
            Some(key) => self.short.get(&key),
            None => self.long.get(word),
        }
    }

    fn insert(&mut self, word: &str, w: Word) {
        match packed(word) {
            Some(key) => self.short.insert(key, w),
            None => self.long.insert(word.to_owned(), w),
        };
    }

    fn len(&self) -> usize {
        self.short.len() + self.long.len()
    }

    fn clear(&mut self) {
        self.short.clear();
        self.long.clear();
    }
}

/// `word`'s bytes with its length in the last byte, as one integer (one word, one
/// key), when it has at most 15 bytes.
fn packed(word: &str) -> Option<u128> {
    let bytes = word.as_bytes();
    let len = u8::try_from(bytes.len()).ok().filter(|&n| n < 16)?;
    let mut key = [0u8; 16];
    key[..bytes.len()].copy_from_slice(bytes);
    key[15] = len;
    Some(u128::from_le_bytes(key))
}

/// Distinct words whose stems a thread keeps.
const STEM_CACHE: usize = 200_000;

/// A term as [`scan`] gives it: shared with the thread's stem cache (see [`with_word`]).
type Term = Rc<str>;

thread_local! {
    static STEMS: std::cell::RefCell<WordCache> = std::cell::RefCell::new(WordCache::default());
}

/// [`term`] without the cache.
fn stem(word: &str) -> String {
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
    // "labour", "centre" (and their inflections, which the stemmer then strips).
    'spelling: for (from, to) in [("our", "or"), ("tre", "ter")] {
        for suffix in ["", "s", "ed", "ing"] {
            let Some(base) = w.strip_suffix(suffix) else {
                continue;
            };
            if base.len() >= from.len() + 3 && base.ends_with(from) {
                let keep = base.len() - from.len();
                w = format!("{}{to}{suffix}", &w[..keep]);
                break 'spelling;
            }
        }
    }
    STEMMER.stem(&w).into_owned()
}

/// The content terms of a statement, in order: folded, stemmed, without stop words,
/// negations or symbols; every number (in digits or words) is the same placeholder.
pub fn terms(text: &str) -> Vec<String> {
    scan(text)
        .into_iter()
        .map(|(t, _, _)| t.to_string())
        .collect()
}

/// [`terms`] with the byte span each came from (a phrase's whole span), so a query can
/// search for the words as written.
pub(super) fn terms_at(text: &str) -> Vec<(String, std::ops::Range<usize>)> {
    scan(text)
        .into_iter()
        .map(|(t, span, _)| (t.to_string(), span))
        .collect()
}

/// The terms of a statement with their spans and whether each is written as a name
/// (see [`marked_terms`]).
fn scan(text: &str) -> Vec<(Term, std::ops::Range<usize>, bool)> {
    scan_tokens(text, &tokenize(text))
}

/// [`scan`] of `text` already split into `toks` (by [`tokenize`]).
fn scan_tokens(text: &str, toks: &[Token<'_>]) -> Vec<(Term, std::ops::Range<usize>, bool)> {
    STEMS.with(|cache| scan_with(text, toks, &mut cache.borrow_mut()))
}

/// [`scan_tokens`] with the thread's stem cache borrowed once for the statement.
fn scan_with(
    text: &str,
    toks: &[Token<'_>],
    cache: &mut WordCache,
) -> Vec<(Term, std::ops::Range<usize>, bool)> {
    // At most a term a token: grown from empty, it was reallocated some three times
    // a statement.
    let mut out: Vec<(Term, std::ops::Range<usize>, bool)> = Vec::with_capacity(toks.len());
    // The number placeholder, made once a statement.
    let mut num: Option<Term> = None;
    let mut i = 0;
    while i < toks.len() {
        let t = &toks[i];
        i += 1;
        // A number in digits has no `Word`; a number word is one. What is needed of
        // it: the term it counts as (unless skipped), and whether it opens a phrase.
        // A month is part of a date, which a re-report may change like a figure
        // ("will open on March 3" / "on April 10"): every month is one term.
        if t.cap && MONTHS.contains_key(t.lower.as_ref()) {
            out.push((MONTH.into(), t.start..t.end, false));
            continue;
        }
        let word = t.num.is_none().then(|| {
            word_in(cache, &t.lower, |w| {
                (!w.number).then(|| ((!w.skip).then(|| w.counts_as.clone()), w.phrase))
            })
        });
        let Some((counts_as, phrase)) = word.flatten() else {
            // "two hundred thousand" is one number.
            match out.last_mut() {
                Some((last, span, _)) if &**last == NUM => span.end = t.end,
                // "stood at 65 million": the verb says nothing the number does not.
                Some((last, span, false)) if FIGURE_VERBS.contains(&**last) => {
                    *last = num.get_or_insert_with(|| NUM.into()).clone();
                    *span = t.start..t.end;
                }
                _ => out.push((
                    num.get_or_insert_with(|| NUM.into()).clone(),
                    t.start..t.end,
                    false,
                )),
            }
            continue;
        };
        // A listed phrase ("give back") is its group's term, whatever its words are.
        if phrase
            && let Some(found) = SYNONYMS.phrases.get(t.lower.as_ref()).and_then(|cands| {
                cands.iter().find(|(rest, _)| {
                    rest.iter()
                        .enumerate()
                        .all(|(k, w)| toks.get(i + k).is_some_and(|n| n.lower == *w))
                })
            })
        {
            let end = toks[i + found.0.len() - 1].end;
            out.push((found.1.as_str().into(), t.start..end, named(text, t)));
            i += found.0.len();
            continue;
        }
        let Some(counts_as) = counts_as else {
            continue;
        };
        out.push((counts_as, t.start..t.end, named(text, t)));
    }
    title_words_name(text, &mut out);
    out
}

/// Mark as names the title words written right before a name ("presumptive Republican
/// presidential nominee Donald Trump", "Senate Majority Leader Mitch McConnell"), from
/// the name back: they say who is meant, not what is said of them. Counted as content,
/// a shared "Democratic presidential nominee Hillary Clinton" made a parade and a
/// charge of pandering one claim.
fn title_words_name(text: &str, out: &mut [(Term, std::ops::Range<usize>, bool)]) {
    for k in (0..out.len().saturating_sub(1)).rev() {
        let (next, this) = (&out[k + 1], &out[k]);
        if !next.2 || this.2 {
            continue;
        }
        // Only a title written right before it (a space between), not a word
        // that a stop word, number or punctuation separates from the name.
        let gap = text.get(this.1.end..next.1.start).unwrap_or("-");
        if !gap.chars().all(char::is_whitespace) {
            continue;
        }
        let word = text.get(this.1.clone()).unwrap_or_default();
        if TITLES.contains(folded(word).as_ref()) {
            out[k].2 = true;
            continue;
        }
        // A title written with a hyphen ("front-runner") is two terms: it is listed
        // whole, and names with both.
        let Some(before) = k.checked_sub(1).map(|j| &out[j]) else {
            continue;
        };
        if !before.2 && text.get(before.1.end..this.1.start) == Some("-") {
            let compound = text.get(before.1.start..this.1.end).unwrap_or_default();
            if TITLES.contains(folded(compound).as_ref()) {
                out[k].2 = true;
                out[k - 1].2 = true;
            }
        }
    }
}

/// [`terms`] with whether each names an entity: written with a capital where a
/// sentence does not open, and not a month or weekday (another date is a change to
/// the same claim, another place or body is another subject).
pub fn marked_terms(text: &str) -> (Vec<String>, Vec<bool>) {
    scan(text)
        .into_iter()
        .map(|(t, _, named)| (t.to_string(), named))
        .unzip()
}

/// The terms of `text` and, apart, those that name an entity (see [`marked_terms`]).
pub fn terms_and_entities(text: &str) -> (Vec<String>, Vec<String>) {
    let (terms, named) = marked_terms(text);
    let entities = terms
        .iter()
        .zip(&named)
        .filter(|p| *p.1)
        .map(|p| p.0.clone())
        .collect();
    (terms, entities)
}

/// [`marked_terms`] of `text` split into `toks` (by [`tokenize`]) as shared strings,
/// for grouping, which only hashes them and reads the tokens again for the subject.
pub(super) fn marked_terms_shared(text: &str, toks: &[Token<'_>]) -> (Vec<Term>, Vec<bool>) {
    scan_tokens(text, toks)
        .into_iter()
        .map(|(t, _, named)| (t, named))
        .unzip()
}

/// Whether token `t` of `text` is written as a name (see [`marked_terms`]).
fn named(text: &str, t: &Token<'_>) -> bool {
    if !t.cap || MONTHS.contains_key(t.lower.as_ref()) || WEEKDAYS.contains_key(t.lower.as_ref()) {
        return false;
    }
    let head = text[..t.start].trim_end();
    let opens = match head.chars().next_back() {
        None => true,
        // "Mrs. Clinton", "the U.S. Senate": a short capitalised word before the dot
        // is an abbreviation, not a sentence's end.
        Some('.') => {
            let word = head[..head.len() - 1]
                .rsplit(|c: char| !c.is_alphabetic() && c != '.')
                .next()
                .unwrap_or_default();
            let letters = word.chars().filter(|c| c.is_alphabetic()).count();
            !(word.starts_with(char::is_uppercase) && letters <= 3)
        }
        Some(c) => "!?\"“‘(:;—–-".contains(c),
    };
    !opens
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
        // A phrase counts as its group's word, and only as a whole.
        assert_eq!(
            terms("they agreed to give back the boats"),
            terms("they agreed to return the boats")
        );
        assert_ne!(terms("give"), terms("return"));
        let named = |text: &str| {
            let (t, e) = marked_terms(text);
            t.into_iter()
                .zip(e)
                .filter(|p| p.1)
                .map(|p| p.0)
                .collect::<Vec<String>>()
        };
        assert_eq!(
            named("The list at Brackenford General Hospital fell in April. Waits grew"),
            ["brackenford", "general", "hospit"]
        );
        assert_eq!(
            named("a positive view of Mrs. Clinton in the U.S. Senate. Polls fell"),
            ["mrs", "clinton", "senat"]
        );
        assert!(
            synonyms_of(&term("return"))
                .iter()
                .any(|w| w == "give back")
        );
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
        assert_eq!(term("labours"), term("labors"));
        assert_eq!(fold("Türkiye’s İstanbul"), "turkiye's istanbul");
    }

    #[test]
    fn a_verb_joining_a_figure_is_no_term_before_it() {
        assert_eq!(
            terms("the damage stood at 65 million euros"),
            ["damag", "#", "euro"]
        );
        assert_eq!(terms("the bill came to $40 million"), ["bill", "#"]);
        // Elsewhere it is a word like any other.
        assert_eq!(terms("they reached an agreement"), ["reach", "agreement"]);
        assert_eq!(terms("the water stood still"), ["water", "stood", "still"]);
    }
}
