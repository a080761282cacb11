//! Word lists that drive the boundary rules, loaded once from `data/*.txt`.
//!
//! Each file holds one lowercase entry per line; blank lines and `#` comments are skipped.
//! Look-ups lower-case the probe's ASCII letters into a stack buffer, so no per-candidate
//! allocation happens.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::LazyLock;

/// What a word just before a period says about that period.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum WordClass {
    /// A title or prepositive abbreviation (Mr., Gen., vs., e.g.): never ends a sentence.
    Title,
    /// An abbreviation that may end a sentence (Inc., etc., U.S., initials): ends one only
    /// before a common sentence starter.
    Abbrev,
    /// An abbreviation only before a number (No. 2, p. 55); otherwise an ordinary word.
    Numeric,
    /// A clock-time abbreviation (a.m., p.m.): ends a sentence before a capitalised word
    /// that does not continue the time.
    Time,
    /// An ordinary word, number, URL or e-mail address: its period ends the sentence.
    Regular,
}

/// FNV-1a: the probes are a few bytes long, where SipHash's set-up dominates.
struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Fnv {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
}

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
    }
}

type FastBuild = BuildHasherDefault<Fnv>;

/// The loaded word lists, keyed by lowercase bytes.
pub(crate) struct Lexicon {
    classes: HashMap<&'static [u8], WordClass, FastBuild>,
    longest_class_entry: usize,
    starters: HashSet<&'static [u8], FastBuild>,
    speech_verbs: HashSet<&'static [u8], FastBuild>,
    time_followers: HashSet<&'static [u8], FastBuild>,
}

/// The word lists, parsed on first use.
pub(crate) static LEXICON: LazyLock<Lexicon> = LazyLock::new(|| {
    let mut classes = HashMap::default();
    // Later lists do not override earlier ones: a title stays a title.
    for (data, class) in [
        (include_str!("../data/titles.txt"), WordClass::Title),
        (
            include_str!("../data/time_abbreviations.txt"),
            WordClass::Time,
        ),
        (
            include_str!("../data/numeric_abbreviations.txt"),
            WordClass::Numeric,
        ),
        (include_str!("../data/abbreviations.txt"), WordClass::Abbrev),
    ] {
        for e in entries(data) {
            classes.entry(e).or_insert(class);
        }
    }
    Lexicon {
        longest_class_entry: classes.keys().map(|k| k.len()).max().unwrap_or(0),
        classes,
        starters: entries(include_str!("../data/starters.txt")).collect(),
        speech_verbs: entries(include_str!("../data/speech_verbs.txt")).collect(),
        time_followers: entries(include_str!("../data/time_followers.txt")).collect(),
    }
});

fn entries(data: &'static str) -> impl Iterator<Item = &'static [u8]> {
    data.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(str::as_bytes)
}

/// Longest word the lists are probed with; longer words are never abbreviations.
const MAX_PROBE: usize = 24;

/// `word` with ASCII letters lower-cased, in `buf`; `None` when it does not fit.
fn lower<'b>(word: &str, buf: &'b mut [u8; MAX_PROBE]) -> Option<&'b [u8]> {
    let n = word.len();
    if n > MAX_PROBE {
        return None;
    }
    buf[..n].copy_from_slice(word.as_bytes());
    buf[..n].make_ascii_lowercase();
    Some(&buf[..n])
}

impl Lexicon {
    /// Class of the word that ends just before a period (the period itself excluded).
    pub(crate) fn classify(&self, word: &str) -> WordClass {
        if word.is_empty() {
            return WordClass::Regular;
        }
        // Most words before a period are ordinary and longer than any listed abbreviation:
        // skip the copy and the hash for them.
        if word.len() <= self.longest_class_entry {
            let mut buf = [0u8; MAX_PROBE];
            if let Some(w) = lower(word, &mut buf)
                && let Some(&class) = self.classes.get(w)
            {
                return class;
            }
        }
        let mut chars = word.chars();
        let first = chars.next();
        if chars.next().is_none() && first.is_some_and(char::is_alphabetic) {
            // A single letter: an initial (Keith B. Kellogg) or a letter abbreviation.
            return WordClass::Abbrev;
        }
        if is_dotted_acronym(word) {
            return WordClass::Abbrev;
        }
        WordClass::Regular
    }

    /// True when `word` (as written) is a common sentence starter.
    pub(crate) fn is_starter(&self, word: &str) -> bool {
        let mut buf = [0u8; MAX_PROBE];
        lower(word, &mut buf).is_some_and(|w| self.starters.contains(w))
    }

    /// True when `word` (as written, without a final period) continues a clock time.
    pub(crate) fn is_time_follower(&self, word: &str) -> bool {
        let mut buf = [0u8; MAX_PROBE];
        lower(word, &mut buf).is_some_and(|w| self.time_followers.contains(w))
    }

    /// True when `word` (as written) is a verb of saying.
    pub(crate) fn is_speech_verb(&self, word: &str) -> bool {
        let mut buf = [0u8; MAX_PROBE];
        lower(word, &mut buf).is_some_and(|w| self.speech_verbs.contains(w))
    }
}

/// Letters in groups of one or two joined by periods: U.S, U.S.A, a.m, Ph.D, D.C.
fn is_dotted_acronym(word: &str) -> bool {
    let mut parts = 0;
    for part in word.split('.') {
        if part.is_empty() || part.len() > 2 || !part.bytes().all(|b| b.is_ascii_alphabetic()) {
            return false;
        }
        parts += 1;
    }
    parts >= 2
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes() {
        let lx = &*LEXICON;
        assert_eq!(lx.classify("Dr"), WordClass::Title);
        assert_eq!(lx.classify("GEN"), WordClass::Title);
        assert_eq!(lx.classify("e.g"), WordClass::Title);
        assert_eq!(lx.classify("Inc"), WordClass::Abbrev);
        assert_eq!(lx.classify("Sept"), WordClass::Abbrev);
        assert_eq!(lx.classify("U.S"), WordClass::Abbrev);
        assert_eq!(lx.classify("Ph.D"), WordClass::Abbrev);
        assert_eq!(lx.classify("K"), WordClass::Abbrev);
        assert_eq!(lx.classify("No"), WordClass::Numeric);
        assert_eq!(lx.classify("P.M"), WordClass::Time);
        assert_eq!(lx.classify("N°"), WordClass::Numeric);
        assert_eq!(lx.classify("house"), WordClass::Regular);
        assert_eq!(lx.classify("100.00"), WordClass::Regular);
        assert_eq!(lx.classify("Jane.Doe@example.com"), WordClass::Regular);
        assert_eq!(lx.classify(""), WordClass::Regular);
    }

    #[test]
    fn starters_and_verbs() {
        let lx = &*LEXICON;
        assert!(lx.is_starter("The"));
        assert!(lx.is_starter("HOWEVER"));
        assert!(!lx.is_starter("Government"));
        assert!(lx.is_speech_verb("said"));
        assert!(!lx.is_speech_verb("walked"));
    }
}
