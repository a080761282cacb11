//! The speech-cue lexicon: which words report speech, and the small word lists that
//! help find a cue's speaker and its reported clause.
//!
//! Every list is a data file under `data/`, compiled in with `include_str!` and parsed
//! once.

use std::collections::{HashMap, HashSet};
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
    cues: HashMap<String, CueClass>,
    /// Between speaker and verb: "has also said".
    pub skip: HashSet<String>,
    /// Between verb and clause: "said Friday in a statement that".
    pub after: HashSet<String>,
    /// Objects of "told" etc. that are not the clause.
    pub objects: HashSet<String>,
    /// Words a speaker phrase never extends over.
    pub np_stop: HashSet<String>,
    /// Pronouns that can speak.
    pub pronouns: HashSet<String>,
}

fn words(data: &str) -> impl Iterator<Item = &str> {
    data.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

fn set(data: &str) -> HashSet<String> {
    words(data)
        .filter_map(|l| l.split_whitespace().next())
        .map(str::to_lowercase)
        .collect()
}

/// The lexicon, built on first use.
pub static LEXICON: LazyLock<Lexicon> = LazyLock::new(|| {
    let mut cues = HashMap::new();
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
    Lexicon {
        cues,
        skip: set(include_str!("../data/cue_skip.txt")),
        after: set(include_str!("../data/cue_after.txt")),
        objects: set(include_str!("../data/cue_objects.txt")),
        np_stop: set(include_str!("../data/cue_np_stop.txt")),
        pronouns: set(include_str!("../data/cue_pronouns.txt")),
    }
});

impl Lexicon {
    /// The class of `word` (any case) if it is a cue word.
    pub fn cue(&self, word: &str) -> Option<CueClass> {
        if word.len() > 20 {
            return None;
        }
        if word.bytes().all(|b| b.is_ascii_lowercase()) {
            return self.cues.get(word).copied();
        }
        self.cues.get(&word.to_lowercase()).copied()
    }

    /// True when `word` (any case) is in `set`.
    pub fn has(set: &HashSet<String>, word: &str) -> bool {
        if word.len() > 24 {
            return false;
        }
        if word.bytes().all(|b| b.is_ascii_lowercase()) {
            return set.contains(word);
        }
        set.contains(&word.to_lowercase().replace('’', "'"))
    }
}

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
}
