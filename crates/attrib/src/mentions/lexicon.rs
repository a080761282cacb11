//! The word lists behind mention finding and coreference, loaded once from
//! `data/*.txt` and folded into one map from a lower-case word to its classes, so that
//! classifying a token costs one lookup.

use std::sync::LazyLock;

use rustc_hash::{FxHashMap, FxHashSet};
use text::{DataFile, Line, data_file};

use crate::cues::{CUE_LEXICON, CueLexicon};
use crate::short_table::ShortTable;

bitflags::bitflags! {
    /// The classes of a word in the lexicon; a word may be in several.
    #[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
    pub(crate) struct WordClass: u32 {
        /// A title word before a name ("minister", "sen.").
        const TITLE = 1;
        /// An honorific ("mr.").
        const HONORIFIC = 1 << 1;
        /// A role noun ("aide", "president").
        const ROLE = 1 << 2;
        /// A plural of a role noun ("presidents", "spokesmen").
        const ROLE_PL = 1 << 3;
        /// A word that may stand before a role noun ("former").
        const MODIFIER = 1 << 4;
        /// An organisation word or name.
        const ORG = 1 << 5;
        /// A noun for an unnamed source ("official").
        const ANON = 1 << 6;
        /// A plural noun for a group that speaks ("voters").
        const GROUP = 1 << 7;
        /// A document or poll that "says".
        const DOC = 1 << 8;
        /// A subject pronoun.
        const PRONOUN = 1 << 9;
        /// A capitalised word that never names a person.
        const NONPERSON = 1 << 10;
        /// A word that ends a noun phrase.
        const STOP = 1 << 11;
        /// A one-word country, state or city.
        const PLACE = 1 << 12;
        /// The last word of a place name ("palace").
        const PLACEWORD = 1 << 13;
        /// A nationality or party adjective.
        const DEMONYM = 1 << 14;
        /// A lower-case word inside a name ("van").
        const PARTICLE = 1 << 15;
        /// A determiner or quantifier that starts a noun phrase.
        const DET = 1 << 16;
        /// A definite determiner ("the", "his").
        const DEFINITE = 1 << 17;
        /// A preposition: a place after one is a place, not a speaker.
        const PREP = 1 << 18;
        /// The first word of a place name of several words ("new" in "new york").
        const PLACE_PART = 1 << 19;
        /// The plural of an anonymous-source noun ("officials").
        const ANON_PL = 1 << 20;
        /// A lower-case noun heading an organisation's description ("campaign", "ministry").
        const ORG_NOUN = 1 << 21;
        /// An adverb that may sit between a subject and its verb ("also", "later").
        const ADVERB = 1 << 22;
        /// A verb that follows its subject ("says", "claimed", "would").
        const VERB = 1 << 23;
        /// A word ending in "-ly" that is no adverb ("family", "rally").
        const LY_NOUN = 1 << 24;
        /// A word that names a public body with a place ("Statistics Canada", "BC
        /// Hydro").
        const INSTITUTION = 1 << 25;
        /// The last word of a newspaper's name, which names it alone after the full
        /// name ("Times" after "The New York Times").
        const PUBLICATION = 1 << 26;
    }
}

/// Gender as far as a name or honorific tells.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Gender {
    /// He.
    Male,
    /// She.
    Female,
}

/// The word lists of one class each, one word per line.
const CLASS_FILES: [(DataFile, WordClass); 19] = [
    (data_file!("titles.txt"), WordClass::TITLE),
    (data_file!("roles.txt"), WordClass::ROLE),
    (data_file!("modifiers.txt"), WordClass::MODIFIER),
    (data_file!("orgs.txt"), WordClass::ORG),
    (data_file!("org_nouns.txt"), WordClass::ORG_NOUN),
    (data_file!("anonymous.txt"), WordClass::ANON),
    (data_file!("groups.txt"), WordClass::GROUP),
    (data_file!("documents.txt"), WordClass::DOC),
    (data_file!("nonpersons.txt"), WordClass::NONPERSON),
    (data_file!("stopwords.txt"), WordClass::STOP),
    (data_file!("placewords.txt"), WordClass::PLACEWORD),
    (data_file!("demonyms.txt"), WordClass::DEMONYM),
    (text::names::PARTICLES, WordClass::PARTICLE),
    (data_file!("prepositions.txt"), WordClass::PREP),
    (data_file!("adverbs.txt"), WordClass::ADVERB),
    (data_file!("verbs.txt"), WordClass::VERB),
    (data_file!("ly_nouns.txt"), WordClass::LY_NOUN),
    (data_file!("institutions.txt"), WordClass::INSTITUTION),
    (data_file!("publications.txt"), WordClass::PUBLICATION),
];
/// `gender noun` lines: role nouns that tell a gender ("f widow", "f first lady").
const GENDERED_NOUNS: DataFile = data_file!("gendered_nouns.txt");
/// `gender honorific` lines.
const HONORIFICS: DataFile = data_file!("honorifics.txt");
/// `gender given-name` lines.
const GIVEN_NAMES: DataFile = data_file!("given_names.txt");
/// `kind pronoun` lines; the kinds are [`PRONOUN_KINDS`].
const PRONOUNS: DataFile = data_file!("pronouns.txt");
/// `kind word` lines: `d` definite, `i` indefinite or a quantifier.
const DETERMINERS: DataFile = data_file!("determiners.txt");
/// Places, one per line, several words allowed.
const COUNTRIES: DataFile = data_file!("countries.txt");

/// The kind letters of `pronouns.txt`: male, female, plural or group, first or second
/// person singular, first person plural, relative, a thing or an organisation.
const PRONOUN_KINDS: &[u8] = b"mfpswro";

/// All word lists.
pub(crate) struct WordClasses {
    /// Word classes by lower-case word (see [`WordClasses::flag`]; looked up for every
    /// token).
    short_flags: ShortTable<WordClass>,
    /// Countries, states and cities, several words allowed.
    pub(crate) places: FxHashSet<&'static str>,
    /// Gender of honorifics and given names.
    pub(crate) gender: FxHashMap<&'static str, Gender>,
    /// Gender told by a role noun ("widow", "congressman").
    pub(crate) noun_gender: FxHashMap<&'static str, Gender>,
    /// Pronoun kind letter from `pronouns.txt`.
    pub(crate) pronoun: FxHashMap<&'static str, u8>,
    /// The words of these lists that end in a dot ("sen.", "u.s.", "ave."), lower case,
    /// without the dot: with the cue lexicon's `abbreviation` class, the abbreviations
    /// that keep their dot (see [`WordClasses::is_dotted`]).
    dotted: ShortTable<()>,
}

/// The lexicon, built on first use.
pub(crate) static WORD_CLASSES: LazyLock<WordClasses> = LazyLock::new(build);

/// The gender letter of a lexicon line: `m` or `f`.
fn gender_of(line: &Line, letter: &str) -> Gender {
    match letter {
        "f" => Gender::Female,
        "m" => Gender::Male,
        _ => line.malformed("expected the gender m or f"),
    }
}

fn build() -> WordClasses {
    let mut flags: FxHashMap<&'static str, WordClass> = FxHashMap::default();
    for (file, class) in CLASS_FILES {
        for l in file.lines() {
            *flags.entry(l.text).or_default() |= class;
        }
    }
    // Months and weekdays never name a person: the shared calendar list, full names and
    // abbreviations with their dot ("jan.", "sun."), read once.
    for n in text::calendar::names() {
        *flags.entry(n.name).or_default() |= WordClass::NONPERSON;
    }
    for a in text::calendar::dotted_abbreviations() {
        let a: &'static str = Box::leak(a.into_boxed_str());
        *flags.entry(a).or_default() |= WordClass::NONPERSON;
    }
    let mut gender = FxHashMap::default();
    let mut pronoun = FxHashMap::default();
    let mut noun_gender = FxHashMap::default();
    for l in GENDERED_NOUNS.lines() {
        let (g, w) = l.key_value();
        noun_gender.insert(w, gender_of(&l, g));
    }
    for l in HONORIFICS.lines() {
        let [g, w] = l.columns();
        *flags.entry(w).or_default() |= WordClass::HONORIFIC;
        gender.insert(w, gender_of(&l, g));
    }
    for l in GIVEN_NAMES.lines() {
        let [g, w] = l.columns();
        gender.insert(w, gender_of(&l, g));
    }
    for l in PRONOUNS.lines() {
        let [k, w] = l.columns();
        match k.as_bytes() {
            [k] if PRONOUN_KINDS.contains(k) => {
                *flags.entry(w).or_default() |= WordClass::PRONOUN;
                pronoun.insert(w, *k);
            }
            _ => l.malformed("unknown pronoun kind"),
        }
    }
    for l in DETERMINERS.lines() {
        let [k, w] = l.columns();
        let f = match k {
            "d" => WordClass::DET | WordClass::DEFINITE,
            "i" => WordClass::DET,
            _ => l.malformed("expected the kind d or i"),
        };
        *flags.entry(w).or_default() |= f;
    }
    let mut places = FxHashSet::default();
    for l in COUNTRIES.lines() {
        let w = l.text;
        places.insert(w);
        match w.split_once(' ') {
            None => *flags.entry(w).or_default() |= WordClass::PLACE,
            Some((first, _)) => *flags.entry(first).or_default() |= WordClass::PLACE_PART,
        }
    }
    // Plurals of role and source nouns, and of nationalities, so that classifying a word
    // is one lookup: "officials", "spokesmen", "Russians".
    let mut plurals: Vec<(String, WordClass)> = Vec::new();
    for (&w, &f) in flags.iter() {
        if !f.intersects(WordClass::ROLE | WordClass::ANON | WordClass::DEMONYM) || w.contains(' ')
        {
            continue;
        }
        let mut pf = WordClass::empty();
        if f.contains(WordClass::ROLE) {
            pf |= WordClass::ROLE_PL;
        }
        if f.contains(WordClass::ANON) {
            pf |= WordClass::ANON_PL;
        }
        if f.contains(WordClass::DEMONYM) {
            pf |= WordClass::GROUP;
        }
        match w.strip_suffix("man") {
            Some(stem) => plurals.push((format!("{stem}men"), pf)),
            None => plurals.push((format!("{w}s"), pf)),
        }
    }
    for (p, pf) in plurals {
        let p: &'static str = Box::leak(p.into_boxed_str());
        let e = flags.entry(p).or_default();
        // A word that is itself a role ("news", "press") keeps its own classes only.
        if !e.intersects(WordClass::ROLE | WordClass::ANON) {
            *e |= pf;
        }
    }
    let mut dotted = ShortTable::default();
    let listed_with_dot = flags.keys().chain(places.iter());
    for stem in listed_with_dot.filter_map(|w| w.strip_suffix('.')) {
        dotted.insert(stem, ());
    }
    let mut short_flags = ShortTable::default();
    for (&w, &f) in flags.iter() {
        short_flags.insert(w, f);
    }
    WordClasses {
        short_flags,
        places,
        gender,
        noun_gender,
        pronoun,
        dotted,
    }
}

impl WordClasses {
    /// The classes of a lower-case word, plural forms of role and anonymous nouns
    /// included, if it is in the lexicon.
    #[inline]
    pub(crate) fn flag(&self, w: &str) -> Option<WordClass> {
        self.short_flags.get(w)
    }

    /// [`WordClasses::flag`] of the UTF-8 bytes of a word.
    #[inline]
    pub(crate) fn flag_bytes(&self, w: &[u8]) -> Option<WordClass> {
        self.short_flags.get_bytes(w)
    }

    /// The classes of a lower-case word, compounds of nationalities included
    /// ("african-american"); empty when it is in no list.
    pub(crate) fn classify(&self, lo: &str) -> WordClass {
        self.classify_hinted(lo, true)
    }

    /// [`WordClasses::classify`] of a word in any case, lower-cased on the stack when it
    /// is short ASCII.
    pub(crate) fn classify_any_case(&self, w: &str) -> WordClass {
        let mut buf = [0u8; 32];
        match text::ascii::lower_ascii_str(w, &mut buf) {
            Some(lo) => self.classify(lo),
            None => self.classify(&w.to_lowercase()),
        }
    }

    /// Whether a word in any case is a noun for people: a role, an anonymous source or a
    /// group, singular or plural ("advisers", "officials", "Democrats").
    pub(crate) fn is_people_noun(&self, w: &str) -> bool {
        self.classify_any_case(w).intersects(
            WordClass::ROLE
                | WordClass::ROLE_PL
                | WordClass::ANON
                | WordClass::ANON_PL
                | WordClass::GROUP,
        )
    }

    /// [`WordClasses::classify`] of the UTF-8 bytes `lo`, told whether `lo` may contain a
    /// hyphen.
    #[inline]
    pub(crate) fn classify_bytes(&self, lo: &[u8], maybe_hyphen: bool) -> WordClass {
        if maybe_hyphen {
            std::str::from_utf8(lo).map_or(WordClass::empty(), |lo| self.classify_hinted(lo, true))
        } else {
            self.short_flags.get_bytes(lo).unwrap_or_default()
        }
    }

    /// [`WordClasses::classify`], told whether `lo` may contain a hyphen (`false` only
    /// when it has none).
    #[inline]
    pub(crate) fn classify_hinted(&self, lo: &str, maybe_hyphen: bool) -> WordClass {
        let mut f = self.short_flags.get(lo).unwrap_or_default();
        if f.is_empty() && maybe_hyphen && lo.contains('-') {
            // "African-American(s)": compounds of nationalities.
            let nationality = WordClass::DEMONYM | WordClass::GROUP;
            let mut parts = lo.split('-').map(|p| self.classify(p));
            if parts.all(|p| p.intersects(nationality)) {
                let last = self.classify(lo.rsplit('-').next().unwrap_or(lo));
                f |= if last.contains(WordClass::GROUP) {
                    WordClass::GROUP
                } else {
                    WordClass::DEMONYM
                };
            }
        }
        f
    }

    /// True when `lower`, a lower-case word without its dot, is an abbreviation that keeps
    /// its dot ("sen", "u.s", "vs"): a word listed with its dot here, or one of the
    /// `abbreviation` class of `cue_classes.txt`. Both tokenizers ask this, so that they
    /// cut "Pvt. Smith" and "Smith vs. Jones" the same way.
    #[inline]
    pub(crate) fn is_dotted(&self, lower: &str) -> bool {
        self.dotted.contains(lower) || CueLexicon::has(&CUE_LEXICON.abbreviation, lower)
    }

    /// [`WordClasses::is_dotted`] of a word in any case.
    pub(crate) fn is_dotted_any_case(&self, word: &str) -> bool {
        let listed = match self.dotted.get_ascii_lower(word.as_bytes()) {
            Some(v) => v.is_some(),
            None => {
                let mut buf = [0u8; 24];
                match text::ascii::lower_ascii_str(word, &mut buf) {
                    Some(lower) => self.dotted.contains(lower),
                    None => self.dotted.contains(&word.to_lowercase()),
                }
            }
        };
        // The cue lexicon folds case itself.
        listed || CueLexicon::has(&CUE_LEXICON.abbreviation, word)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every list this lexicon reads, with the number of columns of its lines (`None`: a
    /// phrase of one or more words).
    fn files() -> Vec<(DataFile, Option<usize>)> {
        let mut v: Vec<(DataFile, Option<usize>)> =
            CLASS_FILES.iter().map(|&(f, _)| (f, Some(1))).collect();
        v.extend([
            (HONORIFICS, Some(2)),
            (GIVEN_NAMES, Some(2)),
            (PRONOUNS, Some(2)),
            (DETERMINERS, Some(2)),
            (GENDERED_NOUNS, None),
            (COUNTRIES, None),
        ]);
        v
    }

    #[test]
    fn data_files_are_well_formed() {
        for (file, columns) in files() {
            let mut seen = FxHashSet::default();
            for l in file.lines() {
                // Every list is lower case (README: "one entry per line, lower case").
                if l.text.chars().any(char::is_uppercase) {
                    l.malformed("expected lower case");
                }
                if !seen.insert(l.text) {
                    l.malformed("duplicate entry");
                }
                if let Some(n) = columns
                    && l.fields().count() != n
                {
                    l.malformed(&format!("expected {n} columns"));
                }
            }
        }
        for l in GENDERED_NOUNS.lines() {
            let (g, _) = l.key_value();
            gender_of(&l, g);
        }
        // Parsing checks the class letters of the other files.
        let w = build();
        assert_eq!(w.pronoun.get("she"), Some(&b'f'));
    }

    #[test]
    fn one_list_of_dotted_abbreviations() {
        let w = &*WORD_CLASSES;
        // From titles.txt, placewords.txt, nonpersons.txt, countries.txt and the
        // `abbreviation` lines of cue_classes.txt.
        for a in [
            "sen", "pvt", "ave", "rd", "jan", "calif", "u.s", "vs", "hon", "supt",
        ] {
            assert!(w.is_dotted(a), "{a}");
            assert!(w.is_dotted_any_case(&a.to_uppercase()), "{a}");
        }
        assert!(!w.is_dotted("said") && !w.is_dotted_any_case("Said"));
        assert!(w.classify("officials").contains(WordClass::ANON_PL));
        assert!(w.classify("african-americans").contains(WordClass::GROUP));
    }
}
