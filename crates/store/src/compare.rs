//! Pure text comparison of statements: are two sightings the same claim, and what
//! changed between them. No SQL here; [`crate::claims`] stores what this module computes.
//!
//! Words are folded (case, accents, British/American spelling, light stemming), so
//! "organised" and "Organized" are one term; function words, reporting verbs and
//! negations are dropped, so "We will release them," and "he said they would release
//! them" have the same terms. Numbers become one placeholder term for similarity, and
//! are parsed with their units for [`changes`], so "1,000 prisoners" vs "1,200
//! prisoners" and "a fifth" vs "20%" can be told apart from mere rewording.
//!
//! Word lists (stop words, negations, number words, units, months, weekdays) are data files
//! under `crates/store/data/`.

use std::collections::{HashMap, HashSet};
use std::fmt;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::LazyLock;

use serde::Serialize;

/// Statements scoring at least this in [`similarity`] are sightings of the same claim.
pub const SAME_CLAIM: f64 = 0.7;

/// How many of a statement's terms are stored as retrieval keys (see [`keys`]).
pub const INDEX_KEYS: usize = 8;

/// How many keys a new statement looks up; more than [`INDEX_KEYS`] so that a longer
/// re-report still reaches the keys of a shorter, earlier one.
pub const QUERY_KEYS: usize = 16;

/// The placeholder term every number becomes, so a changed figure is still the same claim.
const NUM: &str = "#";

/// A fast non-cryptographic hasher (the Fx hash) for the short-lived sets of terms
/// built for every comparison; SipHash showed up in profiles of claim grouping.
#[derive(Clone, Copy, Default)]
pub(crate) struct FxHasher(u64);

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut w = [0u8; 8];
            w.copy_from_slice(c);
            self.add(u64::from_le_bytes(w));
        }
        for &b in chunks.remainder() {
            self.add(u64::from(b));
        }
    }

    fn write_u64(&mut self, n: u64) {
        self.add(n);
    }

    fn write_i64(&mut self, n: i64) {
        self.add(n as u64);
    }

    fn write_usize(&mut self, n: usize) {
        self.add(n as u64);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

impl FxHasher {
    fn add(&mut self, w: u64) {
        self.0 = (self.0.rotate_left(5) ^ w).wrapping_mul(0x517c_c1b7_2722_0a95);
    }
}

/// A hash set with [`FxHasher`].
pub(crate) type FxSet<T> = HashSet<T, BuildHasherDefault<FxHasher>>;

/// A hash map with [`FxHasher`].
pub(crate) type FxMap<K, V> = HashMap<K, V, BuildHasherDefault<FxHasher>>;

fn word_set(data: &'static str) -> FxSet<&'static str> {
    data_lines(data).collect()
}

/// The non-empty, non-comment lines of a data file, trimmed.
fn data_lines(data: &'static str) -> impl Iterator<Item = &'static str> {
    data.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

static STOPWORDS: LazyLock<FxSet<&'static str>> =
    LazyLock::new(|| word_set(include_str!("../data/stopwords.txt")));

static NEGATIONS: LazyLock<FxSet<&'static str>> =
    LazyLock::new(|| word_set(include_str!("../data/negations.txt")));

#[derive(Clone, Copy, Debug, PartialEq)]
enum NumKind {
    Unit,
    Scale,
    Fraction,
}

static NUMBER_WORDS: LazyLock<FxMap<&'static str, (f64, NumKind)>> = LazyLock::new(|| {
    data_lines(include_str!("../data/numbers.txt"))
        .filter_map(|l| {
            let mut it = l.split_whitespace();
            let word = it.next()?;
            let value: f64 = it.next()?.parse().ok()?;
            let kind = match it.next() {
                Some("scale") => NumKind::Scale,
                Some("fraction") => NumKind::Fraction,
                _ => NumKind::Unit,
            };
            Some((word, (value, kind)))
        })
        .collect()
});

/// Unit synonym → canonical unit name.
static UNITS: LazyLock<FxMap<&'static str, &'static str>> = LazyLock::new(|| {
    let mut m = FxMap::default();
    for l in data_lines(include_str!("../data/units.txt")) {
        let mut it = l.split_whitespace();
        if let Some(canon) = it.next() {
            m.insert(canon, canon);
            for syn in it {
                m.insert(syn, canon);
            }
        }
    }
    m
});

static MONTHS: LazyLock<FxMap<&'static str, u32>> =
    LazyLock::new(|| numbered(include_str!("../data/months.txt")));

static WEEKDAYS: LazyLock<FxMap<&'static str, u32>> =
    LazyLock::new(|| numbered(include_str!("../data/weekdays.txt")));

/// A word list whose lines are `word number`.
fn numbered(data: &'static str) -> FxMap<&'static str, u32> {
    data_lines(data)
        .filter_map(|l| {
            let mut it = l.split_whitespace();
            Some((it.next()?, it.next()?.parse().ok()?))
        })
        .collect()
}

/// One word, number or symbol of a statement.
#[derive(Clone, Debug)]
struct Token {
    /// Byte span in the statement, for showing what changed as it was written.
    start: usize,
    end: usize,
    /// Folded, lower-case form ("won't" gives two tokens, "will" and "not").
    lower: String,
    /// Written with a capital (months are only months when capitalised).
    cap: bool,
    /// The value of a number written in digits.
    num: Option<f64>,
    /// Written as an ordinal ("16th") or with a thousands separator, so not a year.
    ordinal: bool,
    has_comma: bool,
}

impl Token {
    fn is_word(&self) -> bool {
        self.num.is_none() && self.lower.chars().next().is_some_and(char::is_alphabetic)
    }
}

fn is_symbol(c: char) -> bool {
    matches!(c, '%' | '$' | '€' | '£' | '¥')
}

fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '’'
}

/// Lower-case `s` and strip accents from Latin letters ("Türkiye" → "turkiye").
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            'İ' | 'ı' => out.push('i'),
            'ß' => out.push_str("ss"),
            'æ' | 'Æ' => out.push_str("ae"),
            'œ' | 'Œ' => out.push_str("oe"),
            'ø' | 'Ø' => out.push('o'),
            'ł' | 'Ł' => out.push('l'),
            'đ' | 'Đ' => out.push('d'),
            '’' | '‘' => out.push('\''),
            '\u{300}'..='\u{36f}' => {}
            _ => {
                for l in c.to_lowercase() {
                    out.push(strip_accent(l));
                }
            }
        }
    }
    out
}

fn strip_accent(c: char) -> char {
    match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => 'a',
        'ç' | 'ć' | 'ĉ' | 'č' => 'c',
        'ď' => 'd',
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ė' | 'ę' | 'ě' => 'e',
        'ğ' | 'ĝ' | 'ġ' | 'ģ' => 'g',
        'ì' | 'í' | 'î' | 'ï' | 'ī' | 'į' => 'i',
        'ñ' | 'ń' | 'ň' | 'ņ' => 'n',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ō' | 'ő' => 'o',
        'ř' => 'r',
        'ś' | 'ş' | 'š' | 'ș' => 's',
        'ţ' | 'ť' | 'ț' => 't',
        'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' | 'ű' | 'ų' => 'u',
        'ý' | 'ÿ' => 'y',
        'ź' | 'ż' | 'ž' => 'z',
        _ => c,
    }
}

/// Split a statement into tokens: words (with contractions split), numbers (with
/// thousands separators and decimals) and currency/percent symbols.
fn tokenize(text: &str) -> Vec<Token> {
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
        out.push(term(&t.lower));
    }
    out
}

/// How alike two statements' [`terms`] are, from 0 to 1: the share of the shorter
/// statement's terms (and of its term pairs, which keep some word order) found in the
/// longer. Containment rather than Jaccard so a truncated quotation still matches the
/// full one; a statement a small fraction of the other's size never matches.
///
/// Generic so that grouping can compare the [`term_hashes`] it stores instead of
/// re-reading and re-tokenizing a candidate's text; both give the same score.
pub fn similarity<T: Eq + std::hash::Hash>(a: &[T], b: &[T]) -> f64 {
    let sa: FxSet<&T> = a.iter().collect();
    let sb: FxSet<&T> = b.iter().collect();
    let (small, large) = if sa.len() <= sb.len() {
        (&sa, &sb)
    } else {
        (&sb, &sa)
    };
    // Too little content to tell a claim from a common phrase: only identity counts.
    if small.len() < 3 {
        return if small.len() >= 2 && small == large {
            1.0
        } else {
            0.0
        };
    }
    if (small.len() as f64) < 0.15 * large.len() as f64 {
        return 0.0;
    }
    let shared = small.iter().filter(|t| large.contains(*t)).count();
    let words = shared as f64 / small.len() as f64;
    let (pa, pb) = (pairs(a), pairs(b));
    let (ps, pl) = if pa.len() <= pb.len() {
        (&pa, &pb)
    } else {
        (&pb, &pa)
    };
    let order = if ps.is_empty() {
        words
    } else {
        ps.iter().filter(|p| pl.contains(*p)).count() as f64 / ps.len() as f64
    };
    0.7 * words + 0.3 * order
}

/// Whether a statement matches what a user searched for: most of the search's terms
/// occur in it, or the two are the same claim by [`similarity`] (a pasted statement
/// that the stored one only truncates).
pub fn matches_query(query: &[String], statement: &[String]) -> bool {
    let q: FxSet<&str> = query.iter().map(String::as_str).collect();
    if q.is_empty() {
        return false;
    }
    let s: FxSet<&str> = statement.iter().map(String::as_str).collect();
    let found = q.iter().filter(|t| s.contains(*t)).count();
    found as f64 >= 0.75 * q.len() as f64 || similarity(query, statement) >= SAME_CLAIM
}

/// Whether a folded word is a stop word (no claim content).
pub fn is_stopword(folded: &str) -> bool {
    STOPWORDS.contains(folded) || NEGATIONS.contains(folded)
}

/// The distinct adjacent pairs of a term sequence.
fn pairs<T: Eq + std::hash::Hash>(v: &[T]) -> FxSet<(&T, &T)> {
    v.windows(2).map(|w| (&w[0], &w[1])).collect()
}

/// The [`terms`] of a statement as 32-bit hashes, in order: what grouping keeps of a
/// sighting to score later candidates against it with [`similarity`]. Two different
/// terms of two compared statements share a hash about once in 2^32 / 20^2 = 10^7
/// comparisons, and then only nudge the score.
pub fn term_hashes(terms: &[String]) -> Vec<u32> {
    terms.iter().map(|t| hash(t) as u32).collect()
}

/// Term hashes as stored (`sightings.terms`): 4 bytes each, little-endian.
pub fn hashes_to_blob(hashes: &[u32]) -> Vec<u8> {
    hashes.iter().flat_map(|h| h.to_le_bytes()).collect()
}

/// Term hashes from their stored form; a trailing partial hash is ignored.
pub fn hashes_from_blob(blob: &[u8]) -> Vec<u32> {
    blob.chunks_exact(4)
        .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
        .collect()
}

/// A stable 64-bit hash (FNV-1a): keys are stored, so they must not change between runs.
fn hash(s: &str) -> i64 {
    hash_parts(&[s])
}

/// [`hash`] of the concatenation of `parts`, without building it.
fn hash_parts(parts: &[&str]) -> i64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in parts.iter().flat_map(|p| p.bytes()) {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    // Finalise (from MurmurHash3) so that similar strings spread over the whole range.
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 33;
    h as i64
}

/// Retrieval keys of a statement: the `n` smallest hashes of its adjacent term pairs
/// (a bottom-k sketch over pairs). Two statements sharing most pairs share the smallest
/// of them, so looking up the keys finds candidates without comparing against
/// everything. Pairs rather than single terms because a pair of common words is still
/// rare, so a key's postings stay short and each lookup reads few rows.
pub fn keys(terms: &[String], n: usize) -> Vec<i64> {
    let mut hs: Vec<i64> = if terms.len() == 1 {
        vec![hash(&terms[0])]
    } else {
        terms.windows(2).map(|w| hash_pair(&w[0], &w[1])).collect()
    };
    hs.sort_unstable();
    hs.dedup();
    hs.truncate(n);
    hs
}

fn hash_pair(a: &str, b: &str) -> i64 {
    hash_parts(&[a, " ", b])
}

/// A number with its unit, as found in a statement.
#[derive(Clone, Debug, PartialEq)]
pub struct Quantity {
    /// The value; shares ("a fifth", "20%") are percentages.
    pub value: f64,
    /// The canonical unit or the (stemmed) word counted, when there is one.
    pub unit: Option<String>,
    /// The quantity as written.
    pub text: String,
}

/// A date mentioned in a statement.
#[derive(Clone, Debug, PartialEq)]
pub struct DateMention {
    /// Year, month and day, as far as given.
    pub year: Option<u32>,
    /// Month, 1 to 12.
    pub month: Option<u32>,
    /// Day of the month.
    pub day: Option<u32>,
    /// The date as written.
    pub text: String,
}

impl DateMention {
    fn key(&self) -> (Option<u32>, Option<u32>, Option<u32>) {
        (self.year, self.month, self.day)
    }
}

/// What [`changes`] compares in a statement.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Statement {
    /// Numbers and quantities, in order.
    pub quantities: Vec<Quantity>,
    /// Dates, in order.
    pub dates: Vec<DateMention>,
    /// Weekdays ("on Friday"), in order, as (day, Monday = 1; as written). Kept apart
    /// from dates: "Friday, May 16" re-reported as "May 16" changed nothing.
    pub weekdays: Vec<(u32, String)>,
    /// True when the statement negates (an odd number of negation words).
    pub negated: bool,
}

/// Whether a statement affirms or negates.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Polarity {
    /// "agreed", "will".
    Affirmed,
    /// "did not agree", "won't", "denied that …".
    Negated,
}

impl Polarity {
    fn of(negated: bool) -> Polarity {
        if negated {
            Polarity::Negated
        } else {
            Polarity::Affirmed
        }
    }
}

impl fmt::Display for Polarity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Polarity::Affirmed => "affirmed",
            Polarity::Negated => "negated",
        })
    }
}

/// One difference between two sightings of a claim.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum Change {
    /// A number or quantity changed ("1,000 prisoners" → "1,200 prisoners").
    Number {
        /// As written before.
        from: String,
        /// As written now.
        to: String,
    },
    /// A date changed.
    Date {
        /// As written before.
        from: String,
        /// As written now.
        to: String,
    },
    /// The statement went from affirming to negating or back.
    Negation {
        /// Before.
        from: Polarity,
        /// Now.
        to: Polarity,
    },
    /// Someone else said it.
    Speaker {
        /// Who said it before.
        from: String,
        /// Who says it now.
        to: String,
    },
}

impl Change {
    /// The kind of change: `number`, `date`, `negation` or `speaker`.
    pub fn kind(&self) -> &'static str {
        match self {
            Change::Number { .. } => "number",
            Change::Date { .. } => "date",
            Change::Negation { .. } => "negation",
            Change::Speaker { .. } => "speaker",
        }
    }
}

impl fmt::Display for Change {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Change::Number { from, to } => write!(f, "number: {from} → {to}"),
            Change::Date { from, to } => write!(f, "date: {from} → {to}"),
            Change::Negation { from, to } => write!(f, "negation: {from} → {to}"),
            Change::Speaker { from, to } => write!(f, "speaker: {from} → {to}"),
        }
    }
}

const DATE_PREPOSITIONS: &[&str] = &[
    "in", "since", "until", "by", "from", "of", "before", "after", "during", "early", "late",
    "mid", "last", "next", "end", "on",
];

fn is_year(t: &Token) -> bool {
    t.num
        .is_some_and(|v| v.fract() == 0.0 && (1800.0..2200.0).contains(&v))
        && !t.ordinal
        && !t.has_comma
        && !t.lower.contains('.')
}

fn day_of(t: Option<&Token>) -> Option<u32> {
    let v = t?.num?;
    (v.fract() == 0.0 && (1.0..=31.0).contains(&v) && !t?.has_comma).then_some(v as u32)
}

/// Parse what [`changes`] compares: quantities, dates and polarity.
pub fn analyse(text: &str) -> Statement {
    let toks = tokenize(text);
    let mut used = vec![false; toks.len()];
    let mut st = Statement::default();
    let span = |a: usize, b: usize| -> String {
        let (s, e) = (toks[a].start, toks[b].end.max(toks[a].start));
        text.get(s..e).unwrap_or_default().to_string()
    };
    // Dates first, so days and years are not read as quantities.
    for i in 0..toks.len() {
        if used[i] {
            continue;
        }
        let t = &toks[i];
        if let Some(&day) = WEEKDAYS.get(t.lower.as_str()).filter(|_| t.cap) {
            used[i] = true;
            st.weekdays.push((day, span(i, i)));
        } else if let Some(&month) = MONTHS.get(t.lower.as_str()) {
            let prev = i.checked_sub(1).map(|p| &toks[p]);
            let day_after =
                day_of(toks.get(i + 1)).filter(|_| !used.get(i + 1).copied().unwrap_or(true));
            let day_before = day_of(prev).filter(|_| i > 0 && !used[i - 1]);
            let near_number =
                day_after.is_some() || day_before.is_some() || toks.get(i + 1).is_some_and(is_year);
            let ambiguous = t.lower.len() < 4 || t.lower == "may" || t.lower == "march";
            let after_prep = prev.is_some_and(|p| DATE_PREPOSITIONS.contains(&p.lower.as_str()));
            if !(t.cap && (near_number || !ambiguous || after_prep)) {
                continue;
            }
            let (mut first, mut last) = (i, i);
            let mut day = None;
            if let Some(d) = day_after {
                day = Some(d);
                last = i + 1;
            } else if let Some(d) = day_before {
                day = Some(d);
                first = i - 1;
            }
            let mut year = None;
            if let Some(y) = toks.get(last + 1).filter(|t| is_year(t)) {
                year = y.num.map(|v| v as u32);
                last += 1;
            }
            for u in used.iter_mut().take(last + 1).skip(first) {
                *u = true;
            }
            st.dates.push(DateMention {
                year,
                month: Some(month),
                day,
                text: span(first, last),
            });
        } else if is_year(t) {
            let prev = i.checked_sub(1).map(|p| toks[p].lower.as_str());
            let next_is_word = toks
                .get(i + 1)
                .is_some_and(|n| n.is_word() && !STOPWORDS.contains(n.lower.as_str()));
            if prev.is_some_and(|p| DATE_PREPOSITIONS.contains(&p)) || !next_is_word {
                used[i] = true;
                st.dates.push(DateMention {
                    year: t.num.map(|v| v as u32),
                    month: None,
                    day: None,
                    text: span(i, i),
                });
            }
        }
    }
    // Quantities.
    let mut i = 0;
    while i < toks.len() {
        if used[i] {
            i += 1;
            continue;
        }
        let start = i;
        let mut currency = None;
        if let Some(&u) = UNITS.get(toks[i].lower.as_str())
            && toks[i].lower.chars().all(is_symbol)
            && toks.get(i + 1).is_some_and(|n| n.num.is_some())
        {
            currency = Some(u);
            i += 1;
        }
        let t = &toks[i];
        let mut value;
        let mut j = i + 1;
        let mut share = false;
        if let Some(v) = t.num.filter(|_| !t.ordinal) {
            value = v;
        } else if let Some(&(v, kind)) = NUMBER_WORDS.get(t.lower.as_str()) {
            let prev = i.checked_sub(1).map(|p| toks[p].lower.as_str());
            match kind {
                NumKind::Fraction => {
                    // "a fifth", "one third", "half": shares. "the third" is an ordinal.
                    if t.lower.starts_with("hal") || matches!(prev, Some("a" | "an" | "one")) {
                        value = v * 100.0;
                        share = true;
                    } else {
                        i += 1;
                        continue;
                    }
                }
                _ => {
                    let (mut total, mut current) = (0.0, 0.0);
                    let mut k = i;
                    while let Some(&(v, kind)) =
                        toks.get(k).and_then(|t| NUMBER_WORDS.get(t.lower.as_str()))
                    {
                        match kind {
                            NumKind::Unit => current += v,
                            NumKind::Scale if v < 1000.0 => current = current.max(1.0) * v,
                            NumKind::Scale => {
                                total += current.max(1.0) * v;
                                current = 0.0;
                            }
                            NumKind::Fraction => break,
                        }
                        k += 1;
                    }
                    value = total + current;
                    j = k.max(i + 1);
                    // "two thirds".
                    if let Some(&(f, NumKind::Fraction)) =
                        toks.get(j).and_then(|t| NUMBER_WORDS.get(t.lower.as_str()))
                    {
                        value *= f * 100.0;
                        share = true;
                        j += 1;
                    }
                }
            }
        } else {
            i += 1;
            continue;
        }
        if !share {
            // "1.5 million", "3 billion".
            while let Some(&(s, NumKind::Scale)) =
                toks.get(j).and_then(|t| NUMBER_WORDS.get(t.lower.as_str()))
            {
                value *= s;
                j += 1;
            }
        }
        let mut unit: Option<String> = currency.map(str::to_string);
        if share {
            unit = Some("percent".into());
        } else if unit.is_none() {
            let next = toks.get(j).map(|t| t.lower.as_str());
            if next == Some("per") && toks.get(j + 1).is_some_and(|t| t.lower == "cent") {
                unit = Some("percent".into());
                j += 2;
            } else if let Some(n) = toks.get(j) {
                if let Some(&u) = UNITS.get(n.lower.as_str()) {
                    unit = Some(u.to_string());
                    j += 1;
                } else if is_content(n) {
                    // "40 fishing boats": the thing counted is usually the last of up to
                    // two words, so "1,200 Ukrainian prisoners" counts prisoners.
                    unit = Some(term(&n.lower));
                    j += 1;
                    if let Some(n2) = toks
                        .get(j)
                        .filter(|t| is_content(t) && !t.lower.ends_with("ed"))
                    {
                        unit = Some(term(&n2.lower));
                        j += 1;
                    }
                }
            }
        }
        // A bare "one" is usually a pronoun ("no one", "one of them").
        let bare_one = unit.is_none() && !share && value == 1.0 && toks[i].num.is_none();
        if !bare_one {
            st.quantities.push(Quantity {
                value,
                unit,
                text: span(start, j - 1),
            });
        }
        for u in used.iter_mut().take(j).skip(start) {
            *u = true;
        }
        i = j;
    }
    st.negated = toks
        .iter()
        .filter(|t| NEGATIONS.contains(t.lower.as_str()))
        .count()
        % 2
        == 1;
    st
}

/// A word that can be the thing a number counts.
fn is_content(t: &Token) -> bool {
    t.is_word()
        && !STOPWORDS.contains(t.lower.as_str())
        && !NEGATIONS.contains(t.lower.as_str())
        && !NUMBER_WORDS.contains_key(t.lower.as_str())
}

fn same_value(a: &Quantity, b: &Quantity) -> bool {
    let tolerance = if a.unit.as_deref() == Some("percent") {
        0.5
    } else {
        1e-6 * a.value.abs().max(b.value.abs())
    };
    (a.value - b.value).abs() <= tolerance
}

/// Pair up the quantities of two statements (by unit, then in order) and report those
/// whose values differ. Quantities only one side mentions are not changes: re-reports
/// often leave details out.
fn quantity_changes(a: &[Quantity], b: &[Quantity], out: &mut Vec<Change>) {
    let mut a_left: Vec<&Quantity> = Vec::new();
    let mut b_used = vec![false; b.len()];
    // b's quantities by unit, in order, each list consumed front to back: linear even
    // for a statement full of numbers.
    let mut by_unit: FxMap<&str, std::collections::VecDeque<usize>> = FxMap::default();
    for (k, qb) in b.iter().enumerate() {
        if let Some(u) = &qb.unit {
            by_unit.entry(u.as_str()).or_default().push_back(k);
        }
    }
    for qa in a {
        let hit = qa
            .unit
            .as_deref()
            .and_then(|u| by_unit.get_mut(u))
            .and_then(|q| q.pop_front());
        match hit {
            Some(k) => {
                b_used[k] = true;
                if !same_value(qa, &b[k]) {
                    out.push(Change::Number {
                        from: qa.text.clone(),
                        to: b[k].text.clone(),
                    });
                }
            }
            None => a_left.push(qa),
        }
    }
    let b_left: Vec<&Quantity> = b
        .iter()
        .zip(&b_used)
        .filter(|(_, u)| !**u)
        .map(|(q, _)| q)
        .collect();
    if a_left.len() == b_left.len() {
        for (qa, qb) in a_left.iter().zip(&b_left) {
            if !same_value(qa, qb) {
                out.push(Change::Number {
                    from: qa.text.clone(),
                    to: qb.text.clone(),
                });
            }
        }
    }
}

fn weekday_changes(a: &[(u32, String)], b: &[(u32, String)], out: &mut Vec<Change>) {
    if a.is_empty() || b.is_empty() {
        return;
    }
    let days = |d: &[(u32, String)]| d.iter().map(|w| w.0).collect::<HashSet<u32>>();
    if days(a) != days(b) {
        let join = |d: &[(u32, String)]| {
            d.iter()
                .map(|w| w.1.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        };
        out.push(Change::Date {
            from: join(a),
            to: join(b),
        });
    }
}

fn date_changes(a: &[DateMention], b: &[DateMention], out: &mut Vec<Change>) {
    if a.is_empty() || b.is_empty() {
        return;
    }
    let ka: HashSet<_> = a.iter().map(DateMention::key).collect();
    let kb: HashSet<_> = b.iter().map(DateMention::key).collect();
    if ka != kb {
        let join = |d: &[DateMention]| {
            d.iter()
                .map(|d| d.text.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        };
        out.push(Change::Date {
            from: join(a),
            to: join(b),
        });
    }
}

/// What changed from statement `a` to statement `b`: numbers, dates and negation.
pub fn changes(a: &str, b: &str) -> Vec<Change> {
    diff(&analyse(a), &analyse(b))
}

fn diff(a: &Statement, b: &Statement) -> Vec<Change> {
    let mut out = Vec::new();
    quantity_changes(&a.quantities, &b.quantities, &mut out);
    date_changes(&a.dates, &b.dates, &mut out);
    weekday_changes(&a.weekdays, &b.weekdays, &mut out);
    if a.negated != b.negated {
        out.push(Change::Negation {
            from: Polarity::of(a.negated),
            to: Polarity::of(b.negated),
        });
    }
    out
}

/// A speaker change between two sightings, when both speakers are known and differ
/// (compared case- and accent-insensitively).
pub fn speaker_change(a: Option<&str>, b: Option<&str>) -> Option<Change> {
    let (a, b) = (a?, b?);
    (fold(a).trim() != fold(b).trim()).then(|| Change::Speaker {
        from: a.to_string(),
        to: b.to_string(),
    })
}

/// Follows the sightings of one claim in order and reports what each one changed
/// relative to what was last known: the figure last given, the dates last given, the
/// last polarity and the last known speaker. A sighting that leaves a detail out does
/// not change it.
#[derive(Debug, Default)]
pub struct Tracker {
    quantities: Vec<Quantity>,
    dates: Vec<DateMention>,
    weekdays: Vec<(u32, String)>,
    negated: Option<bool>,
    speaker: Option<String>,
}

impl Tracker {
    /// A tracker that has seen nothing yet.
    pub fn new() -> Tracker {
        Tracker::default()
    }

    /// The changes the next sighting (`text`, said by `speaker`) makes.
    pub fn next(&mut self, text: &str, speaker: Option<&str>) -> Vec<Change> {
        let st = analyse(text);
        let mut out = Vec::new();
        if self.negated.is_some() {
            let prev = Statement {
                quantities: std::mem::take(&mut self.quantities),
                dates: std::mem::take(&mut self.dates),
                weekdays: std::mem::take(&mut self.weekdays),
                negated: self.negated.unwrap_or(false),
            };
            out = diff(&prev, &st);
            self.quantities = prev.quantities;
            self.dates = prev.dates;
            self.weekdays = prev.weekdays;
        }
        out.extend(speaker_change(self.speaker.as_deref(), speaker));
        if !st.quantities.is_empty() {
            self.quantities = st.quantities;
        }
        if !st.dates.is_empty() {
            self.dates = st.dates;
        }
        if !st.weekdays.is_empty() {
            self.weekdays = st.weekdays;
        }
        self.negated = Some(st.negated);
        if let Some(s) = speaker {
            self.speaker = Some(s.to_string());
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn same(a: &str, b: &str) -> bool {
        similarity(&terms(a), &terms(b)) >= SAME_CLAIM
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

    #[test]
    fn rewordings_are_the_same_claim() {
        let direct = "We have agreed to exchange 1,000 prisoners of war each";
        assert!(same(
            direct,
            "Russia and Ukraine agreed to exchange 1,000 prisoners of war each"
        ));
        assert!(same(
            direct,
            "they had agreed to exchange 1,200 prisoners of war each"
        ));
        assert!(same(direct, "we have agreed to exchange 1,000 prisoners…"));
        assert!(same(
            direct,
            "We have not agreed to exchange 1,000 prisoners of war"
        ));
        assert!(same(
            "The talks were organised in good faith and the ceasefire will hold until the spring",
            "the talks were organized in good faith ... the ceasefire will hold"
        ));
    }

    #[test]
    fn statements_sharing_common_words_are_not() {
        let a = "We have agreed to exchange 1,000 prisoners of war each";
        assert!(!same(
            a,
            "We have agreed to continue the talks next week in Istanbul"
        ));
        assert!(!same(a, "The war has cost each of us too much"));
        assert!(!same("yes", "yes we can"));
        assert!(!same("", ""));
    }

    #[test]
    fn keys_survive_rewording() {
        let a = keys(
            &terms("We have agreed to exchange 1,000 prisoners of war each"),
            INDEX_KEYS,
        );
        let b = keys(
            &terms("Russia and Ukraine agreed to exchange 1,200 prisoners of war"),
            QUERY_KEYS,
        );
        assert!(a.iter().any(|k| b.contains(k)));
        assert!(keys(&[], 8).is_empty());
    }

    #[test]
    fn number_changes() {
        let c = changes("exchange 1,000 prisoners", "exchange 1,200 prisoners");
        assert_eq!(
            c,
            vec![Change::Number {
                from: "1,000 prisoners".into(),
                to: "1,200 prisoners".into()
            }]
        );
        assert_eq!(
            changes("a fifth of the budget", "20% of the budget"),
            vec![]
        );
        assert_eq!(
            changes("20 per cent of voters", "a fifth of voters"),
            vec![]
        );
        assert_eq!(changes("two ships", "3 ships").len(), 1);
        assert_eq!(
            changes(
                "return the 40 fishing boats it seized",
                "return the 45 fishing boats"
            ),
            vec![Change::Number {
                from: "40 fishing boats".into(),
                to: "45 fishing boats".into()
            }]
        );
        assert_eq!(
            changes("1,000 prisoners", "1,000 Ukrainian prisoners"),
            vec![]
        );
        assert_eq!(
            changes("two hundred thousand people", "200,000 people"),
            vec![]
        );
        assert_eq!(changes("$5m in aid", "5 million dollars in aid"), vec![]);
        assert_eq!(
            changes("1.5 million barrels", "1.6 million barrels").len(),
            1
        );
        // Leaving a number out is not changing it.
        assert_eq!(
            changes("exchange 1,000 prisoners", "exchange prisoners"),
            vec![]
        );
        // Pronoun "one", ordinals.
        assert_eq!(
            changes(
                "no one agreed on the third day",
                "nobody agreed on the third day"
            ),
            vec![]
        );
    }

    #[test]
    fn date_changes_detected() {
        let c = changes("the vote on May 16", "the vote on 23 May");
        assert_eq!(c.len(), 1, "{c:?}");
        assert_eq!(c[0].kind(), "date");
        assert_eq!(changes("since 2022", "since 2023").len(), 1);
        assert_eq!(
            changes("we may agree in 2022", "we may agree in 2022"),
            vec![]
        );
        // Years are dates, not quantities; "may" the verb is no month.
        assert_eq!(changes("in March 2024", "in April 2024")[0].kind(), "date");
        assert_eq!(changes("they may march", "they might march"), vec![]);
    }

    #[test]
    fn weekday_changes_detected() {
        let c = changes("talks resume on Friday", "talks resume on Thursday");
        assert_eq!(
            c,
            vec![Change::Date {
                from: "Friday".into(),
                to: "Thursday".into()
            }]
        );
        // Leaving the weekday out, or adding one to a date, changes nothing.
        assert_eq!(changes("on Friday, May 16", "on May 16"), vec![]);
        assert_eq!(changes("on May 16", "on Friday, May 16"), vec![]);
        // Only capitalised: "sunday best" is not a day, and the tracker keeps the last
        // weekday given across a sighting that leaves it out.
        assert_eq!(changes("on Friday", "in his sunday best"), vec![]);
        let mut t = Tracker::new();
        assert!(t.next("we meet on Friday", None).is_empty());
        assert!(t.next("we meet soon", None).is_empty());
        assert_eq!(t.next("we meet on Monday", None)[0].kind(), "date");
    }

    #[test]
    fn negation_changes() {
        let c = changes(
            "Russia agreed to the swap",
            "Russia did not agree to the swap",
        );
        assert_eq!(
            c,
            vec![Change::Negation {
                from: Polarity::Affirmed,
                to: Polarity::Negated
            }]
        );
        assert_eq!(changes("we will sign", "we won't sign").len(), 1);
        assert_eq!(changes("we can sign", "we can't sign").len(), 1);
        assert_eq!(
            changes("they agreed", "the ministry denied that they agreed").len(),
            1
        );
        assert_eq!(
            changes("they agreed", "he denied that they had not agreed"),
            vec![]
        );
    }

    #[test]
    fn speaker_changes() {
        assert!(speaker_change(Some("Hakan Fidan"), Some("hakan fidan")).is_none());
        assert!(speaker_change(Some("Fidan"), None).is_none());
        assert_eq!(
            speaker_change(Some("A"), Some("B")).map(|c| c.kind()),
            Some("speaker")
        );
    }

    #[test]
    fn tracker_reports_each_change_once() {
        let mut t = Tracker::new();
        assert!(
            t.next("we agreed to swap 1,000 prisoners", Some("Medinsky"))
                .is_empty()
        );
        assert!(
            t.next("they agreed to swap prisoners", Some("Medinsky"))
                .is_empty()
        );
        let c = t.next("they agreed to swap 1,200 prisoners", Some("Medinsky"));
        assert_eq!(c.len(), 1);
        assert!(
            t.next("they agreed to swap 1,200 prisoners", None)
                .is_empty()
        );
        let c = t.next(
            "Kyiv denied that it agreed to swap 1,200 prisoners",
            Some("Kyslytsya"),
        );
        let kinds: Vec<_> = c.iter().map(Change::kind).collect();
        assert_eq!(kinds, vec!["negation", "speaker"]);
    }

    #[test]
    fn odd_text_does_not_panic() {
        for s in [
            "",
            "’",
            "n't",
            "1,",
            "1..2",
            "$",
            "$$5",
            "1e999 people",
            "May",
            "¼ ½",
            "İİİ",
            "9999999999999999999999 ships",
        ] {
            let _ = changes(s, "May 32 1,000,000,000,000,000,000,000.5");
            let _ = similarity(&terms(s), &terms("a b c"));
            let _ = keys(&terms(s), 8);
        }
    }

    proptest::proptest! {
        #[test]
        fn never_panics(a in "\\PC{0,80}", b in "[0-9a-zA-Z ,.'’%$-]{0,80}") {
            let _ = changes(&a, &b);
            let _ = changes(&b, &a);
            let s = similarity(&terms(&a), &terms(&b));
            proptest::prop_assert!((0.0..=1.0).contains(&s));
            let mut t = Tracker::new();
            let _ = t.next(&a, Some(&b));
            let _ = t.next(&b, None);
        }
    }

    #[test]
    fn stored_key_hashes_never_change() {
        // Keys are stored in `claim_keys`: a change here would orphan every stored key.
        assert_eq!(hash_pair("peac", "talk"), hash("peac talk"));
        // FNV-1a then the MurmurHash3 finaliser, as computed independently.
        assert_eq!(hash("peac talk"), -5_637_832_673_929_180_251);
    }
}
