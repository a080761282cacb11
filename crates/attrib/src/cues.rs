//! Speech cues: the lexicon of words that report speech, with the small word lists that
//! help find a cue's speaker and its reported clause, and how the cues of a sentence are
//! found ([`find_cues`]).
//!
//! Every list is a data file under `data/`, compiled in with [`text::data_file!`] and
//! parsed once; a malformed line stops the program with its file and line number.

use std::collections::HashMap;

use crate::mentions::lexicon::{WORD_CLASSES, WordClass};
use crate::names_text::strip_possessive;
use crate::short_table::ShortTable;
use std::sync::LazyLock;

use text::ascii::{lower_ascii, starts_upper};
use text::{DataFile, data_file};

use crate::tokens::Token;

/// What a cue word can do.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct CueClass {
    /// It may take an object before the reported clause ("told reporters that").
    pub object: bool,
    /// A participle: its speaker is the subject of the clause it hangs on.
    pub participle: bool,
    /// A bare form ("say"): not a cue after "to" or a modal.
    pub bare: bool,
    /// Its object is no quotation ("wrote his book", "continued to stay away"): it
    /// reports a clause or quoted words only.
    pub clause_only: bool,
    /// It reports quoted words only ("dismissed the plan as "more of the same"", not
    /// "dismissed the lawsuit").
    pub quoted_only: bool,
    /// It takes no plain object: a plural noun after it opens the reported clause
    /// ("said workers at the plant waited").
    pub no_object: bool,
    /// What its report must give besides (see [`Needs`]).
    pub needs: Needs,
}

/// What a cue's report must give for the cue to report anything: most cues report
/// whatever clause or quoted words they frame, a few only a particular kind of object.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Needs {
    /// Nothing more.
    #[default]
    Nothing,
    /// A reason or a name given after its object (class `f`): "attacked Clinton for her
    /// vote", "attacked him as a fraud"; not "attacked the convoy".
    Reason,
    /// A figure given with "at" after its object (class `e`): "put the cost of the
    /// scheme at 90 million"; not "put the book on the table".
    Estimate,
    /// A claim's clause, its own or a claim noun's, or quoted words (class `t`):
    /// "disputed that the deal was signed", "rejected claims that …"; not "rejected a
    /// request to …".
    Claim,
}

/// The lexicons, parsed.
pub struct CueLexicon {
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
    /// Words ending in "-ly" that are no adverbs ("family", "bully").
    pub ly_nouns: WordSet,
    /// First words of a paragraph label that is not a speaker ("Update:", "Photo:").
    pub label_stop: WordSet,
    /// First words of a section heading or run-in label ("KEEPING SCORE:", "VIDEO:"):
    /// no speaker, in a plain paragraph or a quoted transcript.
    pub section_label: WordSet,
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
    pub relative: WordSet,
    pub topic_preposition: WordSet,
    pub object_pronoun: WordSet,
    /// Words that, before a past form and a plural noun, make the form an adjective
    /// ("fewer pledged delegates").
    pub count_before_adjective: WordSet,
    /// Auxiliaries, which never open a reported clause.
    pub auxiliary: WordSet,
    /// The preposition of a date ("on Tuesday") between speaker and verb.
    pub date_preposition: WordSet,
    /// Prepositions inside a speaker phrase ("those close to him").
    pub np_preposition: WordSet,
    pub abbreviation: WordSet,
    /// Case-sensitive classes: days and months; phrases that never speak.
    pub calendar: WordSet,
    pub nonspeaker: WordSet,
    /// Case-sensitive classes of single words: what a sentence's introductory phrase
    /// opens with; "When"/"After"/"If" before "asked"; what follows "asked" in a
    /// question; prepositions inside a description.
    pub lead_in: WordSet,
    pub asked_opener: WordSet,
    pub question: WordSet,
    /// What a speaker would not say ("declined to say whether", "wouldn't say when"):
    /// the withheld answer is still reported, as a question.
    pub withheld: WordSet,
    pub np_inner: WordSet,
    /// Personal pronouns, which name no speaker by themselves; "he" and "she", which may
    /// continue the previous speaker.
    pub personal_pronoun: WordSet,
    pub singular_person: WordSet,
    /// "and", "but": joining two verbs or two parts of a quotation.
    pub conjunction: WordSet,
    /// Words of `cue_after.txt` that may open the reported clause itself.
    pub clause_article: WordSet,
    /// "for", "on" after "call": part of the cue ("called for").
    pub call_preposition: WordSet,
    /// "in", "at": a short phrase right after one is where or when ("noted in The
    /// Intercept", "claimed at one point"), not what was said.
    pub setting_preposition: WordSet,
    /// "statement", "memo": the medium of a setting phrase ("said in a statement").
    pub medium: WordSet,
    /// "in", "during": the prepositions of a setting phrase of the medium that may end
    /// what a cue reports.
    pub medium_preposition: WordSet,
    /// "fair", "needless": before "to say", the writer's aside ("it is fair to say
    /// that"), not a report.
    pub impersonal: WordSet,
    /// "although", "while": after a comma closing what a cue reports, they open the
    /// writer's contrast or circumstance.
    pub contrast_subordinator: WordSet,
    /// What opens a closing aside after a dash: "— a proposal he has raised before".
    pub aside_opener: WordSet,
    /// Irregular past forms: "promised a veto and went to …" coordinates with the cue.
    pub past_verb: WordSet,
    /// "along", "including": an apposition opening so adds others to the subject.
    pub joint_opener: WordSet,
    /// "about", "at least": what may stand between "at" and the figure an estimate
    /// gives ("put the toll at about 30").
    pub approximator: WordSet,
    /// "claims", "the idea": what a denial names before the clause it disputes
    /// ("rejected claims that …").
    pub claim_noun: WordSet,
    /// "before", "because": a few words after a cue opening with one are a setting
    /// ("said before he died"), not a reported clause.
    pub fragment_opener: WordSet,
    /// "week", "year": with a [`CueLexicon::time_determiner`] before it, a time phrase.
    pub time_unit: WordSet,
    /// "this", "last": before a [`CueLexicon::time_unit`], a time phrase.
    pub time_determiner: WordSet,
    /// "a", "an" as written: a description opening with them names, with "called".
    pub indefinite: WordSet,
    /// Pronouns that can speak.
    pub pronouns: WordSet,
}

/// A list of single lower-case words, one per line.
fn set(file: DataFile) -> WordSet {
    file.lowercase_entries(false).map(String::from).collect()
}

/// The cue words of `cues.txt` (`said v`, `told vo`) and their classes.
fn cue_classes(file: DataFile) -> impl Iterator<Item = (&'static str, CueClass)> {
    file.lines().map(|line| {
        let [form, flags] = line.columns::<2>();
        if let Some(bad) = flags.chars().find(|c| !CUE_FLAGS.contains(*c)) {
            line.malformed(&format!("unknown class letter {bad:?}"));
        }
        let class = CueClass {
            object: flags.contains('o'),
            participle: flags.contains('p'),
            bare: flags.contains('n'),
            clause_only: flags.contains('c'),
            quoted_only: flags.contains('q'),
            no_object: flags.contains('k'),
            needs: match (
                flags.contains('f'),
                flags.contains('e'),
                flags.contains('t'),
            ) {
                (false, false, false) => Needs::Nothing,
                (true, false, false) => Needs::Reason,
                (false, true, false) => Needs::Estimate,
                (false, false, true) => Needs::Claim,
                _ => line.malformed("at most one of the class letters f, e and t"),
            },
        };
        (form, class)
    })
}

/// The class letters `cues.txt` may use (its header says what each means).
const CUE_FLAGS: &str = "vopncqfetk";

/// The classes `cue_classes.txt` may use.
const CLASSES: &[&str] = &[
    "det",
    "joiner",
    "label_joiner",
    "plural",
    "preposition",
    "modal",
    "passive",
    "intro",
    "subordinator",
    "relative",
    "topic_preposition",
    "object_pronoun",
    "np_preposition",
    "date_preposition",
    "auxiliary",
    "count_before_adjective",
    "abbreviation",
    "calendar",
    "nonspeaker",
    "lead_in",
    "asked_opener",
    "question",
    "withheld",
    "np_inner",
    "personal_pronoun",
    "singular_person",
    "conjunction",
    "clause_article",
    "call_preposition",
    "indefinite",
    "setting_preposition",
    "medium",
    "medium_preposition",
    "impersonal",
    "contrast_subordinator",
    "aside_opener",
    "past_verb",
    "joint_opener",
    "approximator",
    "claim_noun",
    "fragment_opener",
    "time_unit",
    "time_determiner",
];

/// Classes of `cue_classes.txt` matched exactly rather than ignoring case.
const CASE_SENSITIVE: &[&str] = &[
    "calendar",
    "nonspeaker",
    "lead_in",
    "question",
    "np_inner",
    "call_preposition",
    "indefinite",
];

/// The `class word` lines of `cue_classes.txt`, the word lower-cased unless its class is
/// case-sensitive.
fn class_words(file: DataFile) -> impl Iterator<Item = (&'static str, String)> {
    file.lines().map(|line| {
        let (class, word) = line.key_value();
        if !CLASSES.contains(&class) {
            line.malformed("unknown class");
        }
        let word = if CASE_SENSITIVE.contains(&class) {
            word.to_string()
        } else {
            word.to_lowercase()
        };
        (class, word)
    })
}

/// The lexicon, built on first use.
pub static CUE_LEXICON: LazyLock<CueLexicon> = LazyLock::new(|| {
    let mut cues: HashMap<String, CueClass> = HashMap::new();
    for (form, class) in cue_classes(data_file!("cues.txt")) {
        cues.insert(form.to_lowercase(), class);
    }
    let mut prefixes = [[0u32; 26]; 26];
    for k in cues.keys() {
        if let [a @ b'a'..=b'z', b @ b'a'..=b'z', ..] = k.as_bytes() {
            prefixes[usize::from(a - b'a')][usize::from(b - b'a')] |= 1 << k.len().min(31);
        }
    }
    // (`cue` checks lengths against this bound first, so the bits above suffice; no word
    // over 24 bytes is looked up anyway, see `lower_ascii`.)
    let longest = cues.keys().map(String::len).max().unwrap_or(0).min(31);
    let cues = {
        let mut t = ShortTable::default();
        for (k, &v) in &cues {
            t.insert(k, v);
        }
        t
    };
    let mut classes: HashMap<&str, WordSet> = HashMap::new();
    for (class, word) in class_words(data_file!("cue_classes.txt")) {
        classes.entry(class).or_default().insert(&word, ());
    }
    // The capitalised month and weekday names ("May", not "may"), from the shared list.
    let calendar = classes.entry("calendar").or_default();
    for n in text::calendar::names() {
        let mut name = n.name.to_string();
        name[..1].make_ascii_uppercase();
        calendar.insert(&name, ());
    }
    let mut class = |name: &str| classes.remove(name).unwrap_or_default();
    CueLexicon {
        det: class("det"),
        joiner: class("joiner"),
        label_joiner: class("label_joiner"),
        plural: class("plural"),
        preposition: class("preposition"),
        modal: class("modal"),
        passive: class("passive"),
        intro: class("intro"),
        subordinator: class("subordinator"),
        relative: class("relative"),
        topic_preposition: class("topic_preposition"),
        object_pronoun: class("object_pronoun"),
        np_preposition: class("np_preposition"),
        date_preposition: class("date_preposition"),
        auxiliary: class("auxiliary"),
        count_before_adjective: class("count_before_adjective"),
        abbreviation: class("abbreviation"),
        calendar: class("calendar"),
        nonspeaker: class("nonspeaker"),
        lead_in: class("lead_in"),
        asked_opener: class("asked_opener"),
        question: class("question"),
        withheld: class("withheld"),
        np_inner: class("np_inner"),
        personal_pronoun: class("personal_pronoun"),
        singular_person: class("singular_person"),
        conjunction: class("conjunction"),
        clause_article: class("clause_article"),
        call_preposition: class("call_preposition"),
        setting_preposition: class("setting_preposition"),
        medium: class("medium"),
        medium_preposition: class("medium_preposition"),
        impersonal: class("impersonal"),
        contrast_subordinator: class("contrast_subordinator"),
        aside_opener: class("aside_opener"),
        past_verb: class("past_verb"),
        joint_opener: class("joint_opener"),
        approximator: class("approximator"),
        claim_noun: class("claim_noun"),
        fragment_opener: class("fragment_opener"),
        time_unit: class("time_unit"),
        time_determiner: class("time_determiner"),
        indefinite: class("indefinite"),
        cues,
        prefixes,
        longest,
        skip: set(data_file!("cue_skip.txt")),
        after: set(data_file!("cue_after.txt")),
        objects: set(data_file!("cue_objects.txt")),
        np_stop: set(data_file!("cue_np_stop.txt")),
        ly_nouns: set(data_file!("ly_nouns.txt")),
        pronouns: set(data_file!("cue_pronouns.txt")),
        label_stop: set(data_file!("cue_label_stop.txt")),
        section_label: set(data_file!("section_labels.txt")),
    }
});

impl CueLexicon {
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
        // no cue (as `lower_ascii` has it).
        if word.len() <= 16 {
            return self.cues.get_ascii_lower(word.as_bytes()).flatten();
        }
        let mut buf = [0u8; 24];
        self.cues.get_bytes(lower_ascii(word, &mut buf)?)
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

    /// [`CueLexicon::has`] past its first test: out of line, so that the test inlines at
    /// every call and most words cost no call at all.
    #[inline(never)]
    fn has_lookup(set: &WordSet, word: &str) -> bool {
        // Short ASCII words are folded in the table's packed form, without a copy.
        if let Some(v) = set.get_ascii_lower(word.as_bytes()) {
            return v.is_some();
        }
        let mut buf = [0u8; 24];
        match lower_ascii(word, &mut buf) {
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

/// The text of a word token; empty for punctuation and quotations.
#[inline]
pub(crate) fn word<'a>(text: &'a str, t: &Token) -> &'a str {
    // `Span::of`, inlined: this runs for most tokens.
    if t.is_word() {
        &text[t.span.start..t.span.end]
    } else {
        ""
    }
}

/// True when `s` (any case) opens a description: "the", "a", "their".
pub(crate) fn is_determiner(s: &str) -> bool {
    CueLexicon::has(&CUE_LEXICON.det, s)
}

/// True when `s` is a day or a month, as written ("Monday", "May" but not "may").
pub(crate) fn is_calendar(s: &str) -> bool {
    // The calendar words are capitalised ("Monday", "May"): most words fail at once on
    // their first byte.
    let cal = &CUE_LEXICON.calendar;
    s.as_bytes()
        .first()
        .is_none_or(|&b| cal.may_start_with_byte(b))
        && cal.contains(s)
}

/// A four-digit year ("2010").
pub(crate) fn is_year(w: &str) -> bool {
    w.len() == 4 && w.bytes().all(|b| b.is_ascii_digit())
}

impl CueLexicon {
    /// Whether `first` and `second` are a time phrase ("this month", "that night").
    pub(crate) fn time_phrase(&self, first: &str, second: &str) -> bool {
        Self::has(&self.time_determiner, first) && Self::has(&self.time_unit, second)
    }
}

/// One cue occurrence in a sentence.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Cue {
    /// Token index of the cue word.
    pub(crate) at: usize,
    /// Token index one past the cue ("according to" is two words).
    pub(crate) end: usize,
    /// It may take an object before its clause ("told reporters that").
    pub(crate) object: bool,
    /// A participle: its speaker is that of the clause it hangs on ("adding that").
    pub(crate) participle: bool,
    /// "according to".
    pub(crate) according: bool,
    /// It reports a clause or quoted words only, never a short object.
    pub(crate) clause_only: bool,
    /// It reports quoted words only.
    pub(crate) quoted_only: bool,
    /// What its report must give besides.
    pub(crate) needs: Needs,
}

/// The cues of a sentence, into `cues` (cleared first; reused from sentence to sentence).
pub(crate) fn find_cues(text: &str, lex: &CueLexicon, ts: &[Token], cues: &mut Vec<Cue>) {
    cues.clear();
    for (i, t) in ts.iter().enumerate() {
        let w = word(text, t);
        if w.is_empty() {
            continue;
        }
        if w.eq_ignore_ascii_case("according")
            && ts
                .get(i + 1)
                .is_some_and(|n| word(text, n).eq_ignore_ascii_case("to"))
        {
            cues.push(Cue {
                at: i,
                end: i + 2,
                object: false,
                participle: false,
                according: true,
                clause_only: false,
                quoted_only: false,
                needs: Needs::Nothing,
            });
            continue;
        }
        let Some(class) = lex.cue(w) else { continue };
        // Capitalised mid-sentence it is a name or a title ("Said", "Call of Duty"),
        // unless the whole sentence is a headline in title case ("Sanders Says He ...").
        if i > 0 && starts_upper(w) && (class.bare || !title_case(text, ts)) {
            continue;
        }
        let prev = i.checked_sub(1).map(|j| word(text, &ts[j])).unwrap_or("");
        // "the said", "an added", "a call": a noun or adjective, not a verb.
        // ("Richards and Menendez both stressed", "they each said": a floating
        // quantifier after the subject, which the speaker search skips.)
        if is_determiner(prev)
            && !prev.eq_ignore_ascii_case("one")
            && !(CueLexicon::has(&lex.skip, prev) && i >= 2 && {
                let subject = word(text, &ts[i - 2]);
                // "figures — whose party … — both suggested": after an apposition.
                ts[i - 2].is_punct(',')
                    || ts[i - 2].is_punct('—')
                    || starts_upper(subject)
                    || CueLexicon::has(&lex.pronouns, subject)
                    || (subject.ends_with('s') && !CueLexicon::has(&lex.preposition, subject))
            })
        {
            continue;
        }
        // "32% of Republican claims", "renewed Republican calls for …": after a party
        // or nationality adjective that a lower-case word precedes (not "A Republican
        // claims", "The Wisconsin Republican says"), the form in -s is a plural noun.
        if w.ends_with('s')
            && !w.ends_with("ss")
            && starts_upper(prev)
            && WORD_CLASSES
                .classify_any_case(prev)
                .intersects(WordClass::DEMONYM)
            && i >= 2
            && {
                let before = word(text, &ts[i - 2]);
                !before.is_empty() && !starts_upper(before) && !is_determiner(before)
            }
        {
            continue;
        }
        // "rejected claims that", "denied reports that": a form in -s right after a
        // speech verb is that verb's object, a plural noun.
        if w.ends_with('s')
            && !w.ends_with("ss")
            && i >= 1
            && ts[i - 1].is_word()
            && lex.cue(prev).is_some_and(|c| !c.bare)
        {
            continue;
        }
        // "late-night calls came in", "the claims were false": a form in -s that a verb
        // follows is a plural noun.
        if w.ends_with('s')
            && !w.ends_with("ss")
            && ts
                .get(i + 1)
                .is_some_and(|n| CueLexicon::has(&lex.past_verb, word(text, n)))
        {
            continue;
        }
        // "270 pledged delegates", "fewer promised seats": a count (or "of") before and
        // a plural noun after make it an adjective.
        // (A comma alone is no count: "X, a spokesman, said candidates are …".)
        let counted = (prev.bytes().any(|b| b.is_ascii_digit())
            && prev.bytes().all(|b| b.is_ascii_digit() || b == b','))
            || CueLexicon::has(&lex.count_before_adjective, prev);
        let noun_next = ts.get(i + 1).is_some_and(|n| plural_noun(word(text, n)));
        if counted && !class.bare && noun_next {
            continue;
        }
        // "won pledged delegates after …", "has pledged delegates.": a plural noun that
        // ends the phrase, with no verb after it, is what the form describes. Not for
        // a verb that takes no plain object after its subject (a name, a pronoun or an
        // apposition's comma): "Ingrid Moe said workers at the plant waited 22 weeks",
        // "he says patients at the hospital …" (a possessive is no subject: "Trump's
        // promised jobs").
        let subject_before = class.no_object
            && i > 0
            && (ts[i - 1].is_punct(',')
                || (ts[i - 1].is_word()
                    && crate::names_text::strip_possessive(prev).is_none()
                    && (starts_upper(prev) || CueLexicon::has(&lex.pronouns, prev))));
        if !class.bare
            && !class.object
            && !subject_before
            && noun_next
            && ts.get(i + 2).is_none_or(|a| {
                let w = word(text, a);
                matches!(a.kind, crate::tokens::Kind::Punct(_))
                    || CueLexicon::has(&lex.preposition, w)
                    || CueLexicon::has(&lex.subordinator, w)
            })
        {
            continue;
        }
        // A passive ("was reported by", "is described as") reports nothing said by its
        // subject; "was asked"/"was told" still frame a question or message.
        // (Case-blind comparisons in place: no lower-cased copy of every cue.)
        if !class.participle
            && CueLexicon::has(&lex.passive, prev)
            && !(w
                .as_bytes()
                .get(..3)
                .is_some_and(|p| p.eq_ignore_ascii_case(b"ask"))
                || w.eq_ignore_ascii_case("told"))
        {
            continue;
        }
        // "his best response was to say he would …", "more likely to say they
        // preferred …": a bare form after "to" opening a clause reports what the
        // subject of the clause it hangs on said, as a participle does; not in the
        // writer's aside ("it is fair to say that").
        if class.bare
            && prev.eq_ignore_ascii_case("to")
            && i >= 2
            && !CueLexicon::has(&lex.impersonal, word(text, &ts[i - 2]))
            && (ts.get(i + 1).is_some_and(|n| {
                let n = word(text, n);
                opens_clause(lex, n) || CueLexicon::has(&lex.withheld, n)
            })
                // "to tell the American people that …".
                || (class.object
                    && ts[i + 1..ts.len().min(i + 6)]
                        .iter()
                        .any(|n| word(text, n).eq_ignore_ascii_case("that"))))
        {
            cues.push(Cue {
                at: i,
                end: i + 1,
                object: class.object,
                participle: true,
                according: false,
                clause_only: class.clause_only,
                quoted_only: class.quoted_only,
                needs: class.needs,
            });
            continue;
        }
        if class.bare {
            // Bare forms speak only after a plural or pronoun subject ("officials say",
            // "they still tell", "six in 10 say"), never after "to" or a modal.
            let mut k = i;
            while k > 1
                && CueLexicon::has(&lex.skip, word(text, &ts[k - 1]))
                && !CueLexicon::has(&lex.passive, word(text, &ts[k - 1]))
            {
                k -= 1;
            }
            // "could continue", "would say", "did not say": a bare form after a modal;
            // but "would not say whether …" withholds an answer, which is reported.
            if ((k..i).any(|j| CueLexicon::has(&lex.modal, word(text, &ts[j])))
                || CueLexicon::has(&lex.modal, prev))
                && !withholds(text, lex, ts, k, i)
            {
                continue;
            }
            let prev = if k < i && k > 0 {
                word(text, &ts[k - 1])
            } else {
                prev
            };
            // "Clinton's state leadership council", "his 1995 state tax return": a
            // possessive or a year before the form makes it a noun.
            let possessive = strip_possessive(prev).is_some();
            let ok = CueLexicon::has(&lex.plural, prev)
                || (!prev.is_empty() && prev.bytes().all(|b| b.is_ascii_digit()) && !is_year(prev))
                || prev.eq_ignore_ascii_case("percent")
                || (prev.ends_with('s')
                    // "the most populous state": an adjective.
                    && !prev.ends_with("ous")
                    && !possessive
                    && !CueLexicon::has(&lex.np_stop, prev)
                    && !CueLexicon::has(&lex.skip, prev))
                || (starts_upper(prev) && i >= 2 && prev.ends_with('s') && !possessive)
                || coordinated_names(text, ts, k)
                || joined_apposition(text, lex, ts, k)
                || plural_head_before(text, lex, ts, k)
                // "Police say he posed …", "Mr. Grassley and Mr. Leahy say other
                // changes …": whatever the subject, a bare form after a word and before
                // "that" or a subject pronoun is a verb opening a reported clause.
                || (k > 0 && ts.get(i + 1).is_some_and(|n| opens_clause(lex, word(text, n))))
                || withholds(text, lex, ts, k, i);
            if !ok {
                continue;
            }
        }
        // "Having announced that …, the judge …": a perfect participle opening the
        // sentence hangs on its subject, as "Announcing that …" would.
        let having = i > 0 && opens_sentence(text, ts, i);
        cues.push(Cue {
            at: i,
            end: i + 1,
            object: class.object,
            participle: class.participle || having,
            according: false,
            clause_only: class.clause_only,
            quoted_only: class.quoted_only,
            needs: class.needs,
        });
    }
}

/// Whether the words before token `end` are names joined by "and" ("Mr. Grassley and
/// Mr. Leahy", "Bush and Christie"): a plural subject for a bare form.
fn coordinated_names(text: &str, ts: &[Token], end: usize) -> bool {
    let mut k = end;
    let mut names = 0;
    while k > 0 && end - k < 8 {
        let t = &ts[k - 1];
        let w = word(text, t);
        if w.eq_ignore_ascii_case("and") {
            return names > 0 && k >= 2 && starts_upper(word(text, &ts[k - 2]));
        }
        if !(starts_upper(w) || t.is_punct('.')) {
            return false;
        }
        names += 1;
        k -= 1;
    }
    false
}

/// Whether the words before token `end` are a plural noun's prepositional phrase
/// ("advisers to Mr. Obama", "residents of Halifax", "observers in the region"): the
/// plural head is the subject of a bare form.
fn plural_head_before(text: &str, lex: &CueLexicon, ts: &[Token], end: usize) -> bool {
    let from = end.saturating_sub(6);
    let Some(p) = (from.max(1)..end.saturating_sub(1)).rev().find(|&j| {
        let w = word(text, &ts[j]);
        lex.np_inner.contains(w) || CueLexicon::has(&lex.np_preposition, w)
    }) else {
        return false;
    };
    let head = word(text, &ts[p - 1]);
    // The phrase after the preposition is a name or a description, nothing more ("to
    // sell herself and tell" is a verb phrase).
    let np = &ts[p + 1..end];
    let opens = np
        .first()
        .is_some_and(|t| starts_upper(word(text, t)) || is_determiner(word(text, t)));
    let plain = np.iter().enumerate().all(|(j, t)| {
        let w = word(text, t);
        t.is_punct('.')
            || (t.is_word()
                && (j == 0
                    || !(CueLexicon::has(&lex.np_stop, w)
                        || lex.np_inner.contains(w)
                        || CueLexicon::has(&lex.np_preposition, w)
                        || CueLexicon::has(&lex.conjunction, w)
                        || CueLexicon::has(&lex.pronouns, w)
                        || is_determiner(w))))
    });
    // "Bernie Sanders wins in his home state": after a name, a word in -s is a verb
    // unless it is a noun for people.
    let after_name = p >= 2 && {
        let before = word(text, &ts[p - 2]);
        (starts_upper(before) && p - 2 > 0 && !is_determiner(before))
            || CueLexicon::has(&lex.pronouns, before)
    };
    opens
        && plain
        && (!after_name || WORD_CLASSES.is_people_noun(head))
        && head.ends_with('s')
        && !head.ends_with("ss")
        && (CueLexicon::has(&lex.plural, head) || head.len() > 3)
        && !CueLexicon::has(&lex.np_stop, head)
        && !CueLexicon::has(&lex.skip, head)
}

/// A lower-case word that looks like a plural noun ("delegates"), not "has" or "was".
fn plural_noun(w: &str) -> bool {
    w.len() > 3
        && w.ends_with('s')
        && w.bytes().all(|b| b.is_ascii_lowercase())
        && !w.ends_with("ss")
}

/// Whether the word `w` opens a reported clause by itself: "that", "there" or a subject
/// pronoun ("she's" included).
pub(crate) fn opens_clause(lex: &CueLexicon, w: &str) -> bool {
    let w = w.split(['\'', '’']).next().unwrap_or(w);
    w.eq_ignore_ascii_case("that")
        || w.eq_ignore_ascii_case("there")
        || CueLexicon::has(&lex.pronouns, w)
}

/// Whether the cue at token `at` opens its sentence: first, or after "Having"
/// ("Having announced that …, Judge Berman …", a perfect participle).
pub(crate) fn opens_sentence(text: &str, ts: &[Token], at: usize) -> bool {
    at == 0 || (at == 1 && word(text, &ts[0]).eq_ignore_ascii_case("having"))
}

/// "Fields, along with reporter Ben Terris, say": an apposition before the bare form at
/// `k` that adds others to the subject makes it plural.
fn joined_apposition(text: &str, lex: &CueLexicon, ts: &[Token], k: usize) -> bool {
    if k < 3 || !ts[k - 1].is_punct(',') {
        return false;
    }
    ts[k.saturating_sub(MAX_JOINED)..k - 1]
        .iter()
        .rposition(|t| t.is_punct(','))
        .map(|c| k.saturating_sub(MAX_JOINED) + c)
        .is_some_and(|c| {
            ts.get(c + 1)
                .is_some_and(|t| CueLexicon::has(&lex.joint_opener, word(text, t)))
        })
}

/// The most tokens of an apposition that joins others to a subject.
const MAX_JOINED: usize = 12;

/// "wouldn't say when", "did not say whether": a negated bare form (`ts[i]`, its
/// auxiliaries from `k`) before a question word.
fn withholds(text: &str, lex: &CueLexicon, ts: &[Token], k: usize, i: usize) -> bool {
    let negated = (k.saturating_sub(1)..i).any(|j| {
        let w = word(text, &ts[j]);
        w.eq_ignore_ascii_case("not")
            || w.eq_ignore_ascii_case("never")
            || w.ends_with("n't")
            || w.ends_with("n’t")
    });
    negated
        && ts
            .get(i + 1)
            .is_some_and(|n| CueLexicon::has(&lex.withheld, word(text, n)))
}

/// A headline in title case: most words of four letters or more are capitalised.
fn title_case(text: &str, ts: &[Token]) -> bool {
    let (mut long, mut caps) = (0, 0);
    for t in ts.iter().take(40) {
        let w = word(text, t);
        if w.len() >= 4 {
            long += 1;
            caps += usize::from(starts_upper(w));
        }
    }
    long >= 3 && caps * 5 >= long * 4
}

/// A set of lower-case words.
/// (A [`ShortTable`]: these are looked up for most tokens.)
pub type WordSet = ShortTable<()>;

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn lexicon_loads() {
        let l = &*CUE_LEXICON;
        assert!(l.cue("said").is_some());
        assert!(l.cue("Told").is_some_and(|c| c.object));
        assert!(l.cue("adding").is_some_and(|c| c.participle));
        assert!(l.cue("table").is_none());
        assert!(CueLexicon::has(&l.skip, "also"));
    }

    /// Every cue list parses (a malformed line panics with its place), and no list
    /// holds an entry twice or a capital where its header promises lower case.
    #[test]
    fn data_files_are_well_formed() {
        let _ = &*CUE_LEXICON;
        let cues = data_file!("cues.txt");
        let mut seen = HashSet::new();
        for (form, _) in cue_classes(cues) {
            assert_eq!(
                form,
                form.to_lowercase(),
                "cues.txt: {form} is not lower case"
            );
            assert!(seen.insert(form), "cues.txt: {form} twice");
        }
        let classes = data_file!("cue_classes.txt");
        let mut seen = HashSet::new();
        for (class, word) in class_words(classes) {
            assert!(
                seen.insert((class, word.clone())),
                "cue_classes.txt: {class} {word} twice"
            );
        }
        for line in classes.lines() {
            let (class, word) = line.key_value();
            assert!(
                CASE_SENSITIVE.contains(&class) || word == word.to_lowercase(),
                "cue_classes.txt:{}: {class} is matched in lower case",
                line.number
            );
        }
        for file in [
            data_file!("cue_skip.txt"),
            data_file!("cue_after.txt"),
            data_file!("cue_objects.txt"),
            data_file!("cue_np_stop.txt"),
            data_file!("cue_pronouns.txt"),
            data_file!("cue_label_stop.txt"),
            data_file!("section_labels.txt"),
        ] {
            let mut seen = HashSet::new();
            for word in file.lowercase_entries(false) {
                assert!(seen.insert(word), "{}: {word} twice", file.name);
            }
        }
    }

    #[test]
    #[should_panic(expected = "cues.txt:2: too few columns")]
    fn a_cue_without_flags_is_reported() {
        cue_classes(DataFile::new("cues.txt", "said v\ntold\n")).for_each(drop);
    }

    #[test]
    #[should_panic(expected = "cues.txt:1: unknown class letter 'x'")]
    fn an_unknown_cue_flag_is_reported() {
        cue_classes(DataFile::new("cues.txt", "said vx\n")).for_each(drop);
    }

    #[test]
    #[should_panic(expected = "cue_classes.txt:1: unknown class")]
    fn an_unknown_word_class_is_reported() {
        class_words(DataFile::new("cue_classes.txt", "dets the\n")).for_each(drop);
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
