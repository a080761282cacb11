//! Word lists that drive the boundary rules, loaded once from `data/*.txt`.
//!
//! Each file holds one lowercase word per line, read through [`text::DataFile`] (blank
//! lines and `#` comments are skipped; a malformed line stops with its place). Look-ups
//! lower-case the probe's ASCII letters into a stack buffer, so no per-candidate
//! allocation happens.

use std::sync::LazyLock;

// Fx rather than std's SipHash: the probes are a few bytes long, where SipHash's set-up
// dominates.
use rustc_hash::{FxHashMap, FxHashSet};
use text::ascii::lower_into;
use text::{DataFile, data_file};

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

/// The loaded word lists, keyed by lowercase bytes.
pub(crate) struct BoundaryLexicon {
    classes: FxHashMap<&'static [u8], WordClass>,
    longest_class_entry: usize,
    starters: FxHashSet<&'static [u8]>,
    speech_verbs: FxHashSet<&'static [u8]>,
    time_followers: FxHashSet<&'static [u8]>,
}

/// The word-class lists, in priority order: a word in several keeps the first class.
const CLASS_FILES: [(DataFile, WordClass); 4] = [
    (data_file!("titles.txt"), WordClass::Title),
    (data_file!("time_abbreviations.txt"), WordClass::Time),
    (data_file!("numeric_abbreviations.txt"), WordClass::Numeric),
    (data_file!("abbreviations.txt"), WordClass::Abbrev),
];
/// Common sentence starters ("The", "However"): an abbreviation before one ends a sentence.
const STARTERS: DataFile = data_file!("starters.txt");
/// Verbs of saying, for '"Why?" Smith asked'.
const SPEECH_VERBS: DataFile = data_file!("speech_verbs.txt");
/// Words that continue a clock time ("9 p.m. Eastern").
const TIME_FOLLOWERS: DataFile = data_file!("time_followers.txt");

/// The word lists, parsed on first use.
pub(crate) static BOUNDARY_LEXICON: LazyLock<BoundaryLexicon> = LazyLock::new(|| {
    let mut classes = FxHashMap::default();
    // Later lists do not override earlier ones: a title stays a title.
    for (data, class) in CLASS_FILES {
        for e in words(data) {
            classes.entry(e).or_insert(class);
        }
    }
    BoundaryLexicon {
        longest_class_entry: classes.keys().map(|k| k.len()).max().unwrap_or(0),
        classes,
        starters: words(STARTERS).collect(),
        speech_verbs: words(SPEECH_VERBS).collect(),
        time_followers: words(TIME_FOLLOWERS).collect(),
    }
});

/// The entries of a list of single lower-case words, as bytes.
fn words(data: DataFile) -> impl Iterator<Item = &'static [u8]> {
    data.lowercase_entries(false).map(str::as_bytes)
}

/// Longest word the lists are probed with; longer words are never abbreviations.
const MAX_PROBE: usize = 24;

impl BoundaryLexicon {
    /// Class of the word that ends just before a period (the period itself excluded).
    pub(crate) fn classify(&self, word: &str) -> WordClass {
        if word.is_empty() {
            return WordClass::Regular;
        }
        // Most words before a period are ordinary and longer than any listed abbreviation:
        // skip the copy and the hash for them.
        if word.len() <= self.longest_class_entry {
            let mut buf = [0u8; MAX_PROBE];
            if let Some(w) = lower_into(word, &mut buf)
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
        // "then-Sen. Barack Obama", "ex-Gov. Romney": a prefixed title is still a title.
        if let Some((_, tail)) = word.rsplit_once('-')
            && !tail.is_empty()
            && self.classify(tail) == WordClass::Title
        {
            return WordClass::Title;
        }
        WordClass::Regular
    }

    /// True when `word` (as written) is a common sentence starter.
    pub(crate) fn is_starter(&self, word: &str) -> bool {
        let mut buf = [0u8; MAX_PROBE];
        lower_into(word, &mut buf).is_some_and(|w| self.starters.contains(w))
    }

    /// True when `word` (as written, without a final period) continues a clock time.
    pub(crate) fn is_time_follower(&self, word: &str) -> bool {
        let mut buf = [0u8; MAX_PROBE];
        lower_into(word, &mut buf).is_some_and(|w| self.time_followers.contains(w))
    }

    /// True when `word` (as written) is a verb of saying.
    pub(crate) fn is_speech_verb(&self, word: &str) -> bool {
        let mut buf = [0u8; MAX_PROBE];
        lower_into(word, &mut buf).is_some_and(|w| self.speech_verbs.contains(w))
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
        let lx = &*BOUNDARY_LEXICON;
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
        let lx = &*BOUNDARY_LEXICON;
        assert!(lx.is_starter("The"));
        assert!(lx.is_starter("HOWEVER"));
        assert!(!lx.is_starter("Government"));
        assert!(lx.is_speech_verb("said"));
        assert!(!lx.is_speech_verb("walked"));
    }

    /// Every list parses: a malformed line would stop the program on first use.
    #[test]
    fn data_files_are_well_formed() {
        for (data, _) in CLASS_FILES {
            assert!(words(data).count() > 0, "{}", data.name);
        }
        for data in [STARTERS, SPEECH_VERBS, TIME_FOLLOWERS] {
            assert!(words(data).count() > 0, "{}", data.name);
        }
        assert!(BOUNDARY_LEXICON.longest_class_entry <= MAX_PROBE);
    }
}
