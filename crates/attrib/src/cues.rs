//! The speech-cue lexicon: which words report speech, and the small word lists that
//! help find a cue's speaker and its reported clause.
//!
//! Every list is a data file under `data/`, compiled in with `include_str!` and parsed
//! once.

use std::collections::HashMap;

use crate::short_table::ShortTable;
use std::sync::LazyLock;

/// What a cue word can do.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct CueClass {
    /// It may take an object before the reported clause ("told reporters that").
    pub object: bool,
    /// A participle: its speaker is the subject of the clause it hangs on.
    pub participle: bool,
    /// A bare form ("say"): not a cue after "to" or a modal.
    pub bare: bool,
}

/// The lexicons, parsed.
pub struct Lexicon {
    cues: ShortTable<CueClass>,
    /// For each first and second letter, bit `n` set when some cue of `n` bytes (`n` up to
    /// 31) starts with them: most words fail this before any copy or hashing.
    prefixes: [[u32; 26]; 26],
    /// Length of the longest cue word.
    longest: usize,
    /// Between speaker and verb: "has also said".
    pub skip: WordSet,
    /// Between verb and clause: "said Friday in a statement that".
    pub after: WordSet,
    /// Objects of "told" etc. that are not the clause.
    pub objects: WordSet,
    /// Words a speaker phrase never extends over.
    pub np_stop: WordSet,
    /// First words of a paragraph label that is not a speaker ("Update:", "Photo:").
    pub label_stop: WordSet,
    /// Closed classes from `cue_classes.txt` (see the comments there).
    pub det: WordSet,
    pub joiner: WordSet,
    pub label_joiner: WordSet,
    pub plural: WordSet,
    pub preposition: WordSet,
    pub modal: WordSet,
    pub passive: WordSet,
    pub intro: WordSet,
    pub subordinator: WordSet,
    pub abbreviation: WordSet,
    /// Case-sensitive classes: days and months; phrases that never speak.
    pub calendar: WordSet,
    pub nonspeaker: WordSet,
    /// Pronouns that can speak.
    pub pronouns: WordSet,
}

fn words(data: &str) -> impl Iterator<Item = &str> {
    data.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

fn set(data: &str) -> WordSet {
    words(data)
        .filter_map(|l| l.split_whitespace().next())
        .map(str::to_lowercase)
        .collect()
}

/// Classes of `cue_classes.txt` matched exactly rather than ignoring case.
const CASE_SENSITIVE: &[&str] = &["calendar", "nonspeaker"];

/// The lexicon, built on first use.
pub static LEXICON: LazyLock<Lexicon> = LazyLock::new(|| {
    let mut cues: HashMap<String, CueClass> = HashMap::new();
    for line in words(include_str!("../data/cues.txt")) {
        let mut parts = line.split_whitespace();
        let (Some(form), Some(flags)) = (parts.next(), parts.next()) else {
            continue;
        };
        cues.insert(
            form.to_lowercase(),
            CueClass {
                object: flags.contains('o'),
                participle: flags.contains('p'),
                bare: flags.contains('n'),
            },
        );
    }
    let mut prefixes = [[0u32; 26]; 26];
    for k in cues.keys() {
        if let [a @ b'a'..=b'z', b @ b'a'..=b'z', ..] = k.as_bytes() {
            prefixes[usize::from(a - b'a')][usize::from(b - b'a')] |= 1 << k.len().min(31);
        }
    }
    // (`cue` checks lengths against this bound first, so the bits above suffice; no word
    // over 24 bytes is looked up anyway, see `lower`.)
    let longest = cues.keys().map(String::len).max().unwrap_or(0).min(31);
    let cues = {
        let mut t = ShortTable::default();
        for (k, &v) in &cues {
            t.insert(k, v);
        }
        t
    };
    let mut classes: HashMap<String, WordSet> = HashMap::new();
    for line in words(include_str!("../data/cue_classes.txt")) {
        if let Some((class, word)) = line.split_once(' ') {
            let word = word.trim();
            let word = if CASE_SENSITIVE.contains(&class) {
                word.to_string()
            } else {
                word.to_lowercase()
            };
            classes
                .entry(class.to_string())
                .or_default()
                .insert(&word, ());
        }
    }
    let mut class = |name: &str| classes.remove(name).unwrap_or_default();
    Lexicon {
        det: class("det"),
        joiner: class("joiner"),
        label_joiner: class("label_joiner"),
        plural: class("plural"),
        preposition: class("preposition"),
        modal: class("modal"),
        passive: class("passive"),
        intro: class("intro"),
        subordinator: class("subordinator"),
        abbreviation: class("abbreviation"),
        calendar: class("calendar"),
        nonspeaker: class("nonspeaker"),
        cues,
        prefixes,
        longest,
        skip: set(include_str!("../data/cue_skip.txt")),
        after: set(include_str!("../data/cue_after.txt")),
        objects: set(include_str!("../data/cue_objects.txt")),
        np_stop: set(include_str!("../data/cue_np_stop.txt")),
        pronouns: set(include_str!("../data/cue_pronouns.txt")),
        label_stop: set(include_str!("../data/cue_label_stop.txt")),
    }
});

impl Lexicon {
    /// The class of `word` (any case) if it is a cue word.
    #[inline]
    pub fn cue(&self, word: &str) -> Option<CueClass> {
        // Most words are not cues: reject by length and first letter before hashing.
        // (Inlined: this runs for every word of a sentence; the lookup stays out of line.)
        let b = word.as_bytes();
        let (first, second) = (
            b.first()?.to_ascii_lowercase(),
            b.get(1)?.to_ascii_lowercase(),
        );
        if !(3..=self.longest).contains(&word.len())
            || !first.is_ascii_lowercase()
            || !second.is_ascii_lowercase()
            || self.prefixes[usize::from(first - b'a')][usize::from(second - b'a')]
                & (1 << word.len())
                == 0
        {
            return None;
        }
        self.cue_lookup(word)
    }

    #[inline(never)]
    fn cue_lookup(&self, word: &str) -> Option<CueClass> {
        // Up to 16 bytes, folded in the table's packed form; a word that is not ASCII is
        // no cue (as `lower` has it).
        if word.len() <= 16 {
            return self.cues.get_ascii_lower(word.as_bytes()).flatten();
        }
        let mut buf = [0u8; 24];
        self.cues.get_bytes(lower(word, &mut buf)?)
    }

    /// True when `word` (any case) is in `set`.
    #[inline]
    pub fn has(set: &WordSet, word: &str) -> bool {
        // Two ASCII letters first: their lower case starts the lower-cased word, so no key
        // starting otherwise can match (most words fail here, before any copy).
        if let [a, b, ..] = word.as_bytes()
            && a.is_ascii_alphabetic()
            && b.is_ascii_alphabetic()
            && !set.may_start_with(a.to_ascii_lowercase(), b.to_ascii_lowercase())
        {
            return false;
        }
        Self::has_lookup(set, word)
    }

    /// [`Lexicon::has`] past its first test: out of line, so that the test inlines at
    /// every call and most words cost no call at all.
    #[inline(never)]
    fn has_lookup(set: &WordSet, word: &str) -> bool {
        // Short ASCII words are folded in the table's packed form, without a copy.
        if let Some(v) = set.get_ascii_lower(word.as_bytes()) {
            return v.is_some();
        }
        let mut buf = [0u8; 24];
        match lower(word, &mut buf) {
            Some(w) => set.get_bytes(w).is_some(),
            // Curly apostrophes ("n’t"), other non-ASCII words and punctuation ("—", "“")
            // are folded on the stack too; only a final sigma needs `str::to_lowercase`.
            None => {
                if word.len() > 24 {
                    return false;
                }
                let mut buf = [0u8; 96];
                match fold(word, &mut buf) {
                    Some(w) => set.contains(w),
                    None => set.contains(word.to_lowercase().replace('’', "'").as_str()),
                }
            }
        }
    }
}

/// `word` lower-cased char by char with `’` made `'` into `buf`, as
/// `word.to_lowercase().replace('’', "'")` would give; `None` when it does not fit or has
/// a capital sigma (whose lower case depends on its place in the word).
fn fold<'a>(word: &str, buf: &'a mut [u8; 96]) -> Option<&'a str> {
    let mut n = 0;
    for c in word.chars() {
        if c == 'Σ' {
            return None;
        }
        if c == '’' {
            *buf.get_mut(n)? = b'\'';
            n += 1;
            continue;
        }
        for l in c.to_lowercase() {
            let len = l.len_utf8();
            l.encode_utf8(buf.get_mut(n..n + len)?);
            n += len;
        }
    }
    std::str::from_utf8(&buf[..n]).ok()
}

/// `word` lower-cased into `buf` without allocating, for ASCII words of up to 24 bytes
/// (ASCII, so UTF-8: no need to check it again).
#[inline]
fn lower<'a>(word: &str, buf: &'a mut [u8; 24]) -> Option<&'a [u8]> {
    let b = word.as_bytes();
    if b.len() > buf.len() {
        return None;
    }
    // Copy, fold and check in one pass: no `memcpy` call for a few bytes.
    let mut any = 0u8;
    for (o, &c) in buf.iter_mut().zip(b) {
        any |= c;
        *o = c.to_ascii_lowercase();
    }
    (any < 0x80).then_some(&buf[..b.len()])
}

/// A set of lower-case words.
/// (A [`ShortTable`]: these are looked up for most tokens.)
pub type WordSet = ShortTable<()>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lexicon_loads() {
        let l = &*LEXICON;
        assert!(l.cue("said").is_some());
        assert!(l.cue("Told").is_some_and(|c| c.object));
        assert!(l.cue("adding").is_some_and(|c| c.participle));
        assert!(l.cue("table").is_none());
        assert!(Lexicon::has(&l.skip, "also"));
    }

    #[test]
    fn fold_matches_to_lowercase() {
        for w in [
            "n’t",
            "—",
            "“",
            "Öcalan",
            "İstanbul",
            "ΣΟΦΊΑ",
            "O’Brien’s",
            "ǅ",
            "ÀÉÎ",
        ] {
            let mut buf = [0u8; 96];
            let want = w.to_lowercase().replace('’', "'");
            if let Some(got) = fold(w, &mut buf) {
                assert_eq!(got, want, "{w}");
            }
        }
    }
}
