//! Numbers, units and dates in statements: what [`super::diff`] compares between two
//! sightings of a claim, so that "1,000 prisoners" vs "1,200 prisoners" and "a fifth"
//! vs "20%" can be told apart from mere rewording.
//!
//! Number words, units, months, weekdays and date prepositions are data files under
//! `crates/store/data/`.

use std::sync::LazyLock;

use rustc_hash::{FxHashMap, FxHashSet};
use text::calendar::{self, CalendarKind};
use text::{DataFile, data_file};

use super::text::{NEGATIONS, STOPWORDS, Token, term, terms, tokenize};
use text::signs::is_figure_sign;

/// Number words: `word value kind`.
pub(super) const NUMBERS_FILE: DataFile = data_file!("numbers.txt");

/// Units: `canonical synonym...`.
pub(super) const UNITS_FILE: DataFile = data_file!("units.txt");

/// Words before a month or year that make it a date.
pub(super) const DATE_PREPOSITIONS_FILE: DataFile = data_file!("date_prepositions.txt");

/// Modal verbs of a demand: one word a line (see [`Binding::demand`]).
pub(super) const DEMANDS_FILE: DataFile = data_file!("claim_demands.txt");

pub(super) static DEMANDS: LazyLock<FxHashSet<&'static str>> =
    LazyLock::new(|| DEMANDS_FILE.lowercase_entries(false).collect());

/// Words that show a statement has a verb: one word a line (see [`Binding::phrase`]).
pub(super) const CLAUSE_WORDS_FILE: DataFile = data_file!("claim_clause_words.txt");

pub(super) static CLAUSE_WORDS: LazyLock<FxHashSet<&'static str>> =
    LazyLock::new(|| CLAUSE_WORDS_FILE.lowercase_entries(false).collect());

/// How statements open: `kind word` (see [`binding`]).
pub(super) const SUBJECTS_FILE: DataFile = data_file!("claim_subjects.txt");

/// What an opening word of a statement says about its subject (`claim_subjects.txt`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Opening {
    /// A personal pronoun: the subject is whoever the speaker meant.
    Pronoun,
    /// A conjunction or complementizer before the subject ("that", "if").
    Opener,
    /// An infinitive's "to", a modal or an auxiliary: the clause has no subject.
    Verb,
    /// An object pronoun: the statement is what a cue reported after its object.
    Object,
}

static OPENINGS: LazyLock<FxHashMap<&'static str, Opening>> = LazyLock::new(|| {
    SUBJECTS_FILE
        .lines()
        .map(|l| {
            let [kind, word] = l.columns();
            let kind = match kind {
                "pronoun" => Opening::Pronoun,
                "opener" => Opening::Opener,
                "verb" => Opening::Verb,
                "object" => Opening::Object,
                _ => l.malformed("expected pronoun, opener, verb or object"),
            };
            (word, kind)
        })
        .collect()
});

/// A statement with fewer distinct terms than this (numbers count as one term) says
/// too little to be told from a common phrase in another article: "about his tax
/// returns" and "tax return" are not one claim because two articles say them.
pub const MIN_TERMS: usize = 3;

/// What a statement's meaning depends on besides its words, which limits the claims
/// it can join (see [`Scope::may_join`]). Stored in `sightings.bound`
/// as [`Binding::to_bits`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Binding {
    /// Its subject is a personal pronoun or missing ("he will vote for Clinton", "to
    /// ban Muslims"): it means one thing from one speaker and another from the next,
    /// so it is a sighting only of its own speaker's claims.
    pub speaker: bool,
    /// It has too little content (fewer than [`MIN_TERMS`] terms, or only a title's
    /// capitalised words, "Face the Nation"): a repeat within its own article only.
    pub document: bool,
    /// It gives a share in percent ("19 percentage points", "4%"). Two statements
    /// that both give figures but of no kind in common ("up 19 percentage points",
    /// "1,300 emails") are not the same claim whatever words they share.
    pub percent: bool,
    /// It gives another figure in digits: a count or an amount, not a year (see
    /// [`Binding::percent`]).
    pub count: bool,
    /// It demands or obliges ("should", "must", `claim_demands.txt`): "Trump should
    /// release his tax returns" is not "Trump will release his tax returns".
    pub demand: bool,
    /// It is a bare infinitive ("to ban Muslims from entering the U.S."), whose mood
    /// was in the words that reported it ("called for", "vowed"), so it may be a
    /// demand or not (see [`Binding::demand`]).
    pub infinitive: bool,
    /// It shows no verb (no word of `claim_clause_words.txt`, and no infinitive): a
    /// phrase that names a topic or gives a label ("presumptive nominee Hillary
    /// Clinton's use of an email server", "a disgruntled former employee") rather than
    /// saying something of it. Statements sharing half its words may say anything of
    /// that topic, so a claim it founds takes only its repeats (see
    /// `similarity::close_to_founder`).
    pub phrase: bool,
}

impl Binding {
    /// The stored form: bit 0 for [`Binding::speaker`], bit 1 for
    /// [`Binding::document`], bits 2 to 6 for [`Binding::percent`],
    /// [`Binding::count`], [`Binding::demand`], [`Binding::infinitive`] and
    /// [`Binding::phrase`].
    pub fn to_bits(self) -> i64 {
        i64::from(self.speaker)
            | (i64::from(self.document) << 1)
            | (i64::from(self.percent) << 2)
            | (i64::from(self.count) << 3)
            | (i64::from(self.demand) << 4)
            | (i64::from(self.infinitive) << 5)
            | (i64::from(self.phrase) << 6)
    }

    /// [`Binding::to_bits`] read back; unknown bits are ignored.
    pub fn from_bits(bits: i64) -> Binding {
        Binding {
            speaker: bits & 1 != 0,
            document: bits & 2 != 0,
            percent: bits & 4 != 0,
            count: bits & 8 != 0,
            demand: bits & 16 != 0,
            infinitive: bits & 32 != 0,
            phrase: bits & 64 != 0,
        }
    }

    /// Whether a statement of this binding says the same kind of thing as one of
    /// `other`'s: both demands or neither (unless either is a bare infinitive), and
    /// figures of a kind in common when both give figures.
    fn same_kind(&self, other: &Binding) -> bool {
        let figures = |b: &Binding| b.percent || b.count;
        (self.demand == other.demand || self.infinitive || other.infinitive)
            && (!figures(self)
                || !figures(other)
                || (self.percent && other.percent)
                || (self.count && other.count))
    }
}

/// The [`Binding`] of a statement with text `text` split into `toks` (by
/// `text::tokenize`), with `distinct_terms` distinct content terms and whether each
/// term is written as a name (`named`, see `text::marked_terms`).
pub(super) fn binding(
    text: &str,
    toks: &[Token<'_>],
    distinct_terms: usize,
    named: &[bool],
) -> Binding {
    let (percent, count) = figure_kinds(toks);
    let infinitive = opens_infinitive(toks);
    Binding {
        speaker: subject_is_speaker(text, toks),
        document: distinct_terms < MIN_TERMS
            || is_title(named)
            || only_questions(text)
            || charge_against(toks),
        percent,
        count,
        demand: toks.iter().any(|t| DEMANDS.contains(t.lower.as_ref())),
        infinitive,
        phrase: !infinitive && !toks.iter().any(|t| CLAUSE_WORDS.contains(t.lower.as_ref())),
    }
}

/// Whether a statement split into `toks` gives a share in percent, and whether it
/// gives another figure written in digits (a year is a date, an ordinal a rank: no
/// figure). Figures in words ("two thirds") are left out: this only keeps statements
/// with figures of different kinds apart, so missing one joins too much, never too
/// little.
fn figure_kinds(toks: &[Token<'_>]) -> (bool, bool) {
    let (mut percent, mut count) = (false, false);
    for (i, t) in toks.iter().enumerate() {
        if t.num.is_none() || t.ordinal || is_year(t) {
            continue;
        }
        let next = toks.get(i + 1).map(|n| n.lower.as_ref());
        let share = UNITS.get(next.unwrap_or_default()) == Some(&"percent")
            || next == Some("percentage")
            || (next == Some("per") && toks.get(i + 2).is_some_and(|n| n.lower == "cent"));
        if share {
            percent = true;
        } else {
            count = true;
        }
    }
    (percent, count)
}

/// Whether terms marked `named` are a title or a name rather than a statement: every
/// term after the first (which opens the statement, so its capital says nothing) is
/// written with a capital ("Plans He And Trump Have Made For Releasing Tax Returns").
fn is_title(named: &[bool]) -> bool {
    named.len() >= 2 && named[1..].iter().all(|&n| n)
}

/// Whether a statement split into `toks` is a bare infinitive: "to" after any openers.
fn opens_infinitive(toks: &[Token<'_>]) -> bool {
    toks.iter()
        .find(|t| OPENINGS.get(t.lower.as_ref()) != Some(&Opening::Opener))
        .is_some_and(|t| t.lower == "to")
}

/// Whether a statement (`text`, split into `toks`) has a personal pronoun for its
/// subject, or none ("to vote for Clinton", "would never support the nominee"), after
/// any openers ("that", "if"). Reads tokens only up to the first that is no opener.
fn subject_is_speaker(text: &str, toks: &[Token<'_>]) -> bool {
    match opening(toks) {
        Some((_, Some(Opening::Pronoun))) => true,
        Some((_, Some(Opening::Verb))) => !is_question(text),
        _ => false,
    }
}

/// How a statement split into `toks` opens, after its openers ("that", "if"): the
/// first other token's index and what it is, if it is any of `claim_subjects.txt`.
fn opening(toks: &[Token<'_>]) -> Option<(usize, Option<Opening>)> {
    toks.iter()
        .map(|t| OPENINGS.get(t.lower.as_ref()).copied())
        .enumerate()
        .find(|(_, o)| *o != Some(Opening::Opener))
}

/// Whether a statement split into `toks` is the reason a cue gave for its object ("him
/// for not paying income tax", "them as traitors"), a charge against someone only its
/// article names.
fn charge_against(toks: &[Token<'_>]) -> bool {
    opening(toks).is_some_and(|(at, o)| {
        o == Some(Opening::Object)
            && toks
                .get(at + 1)
                .is_some_and(|n| matches!(n.lower.as_ref(), "for" | "as"))
    })
}

/// Whether every sentence of `text` is a question: it asks and claims nothing ("Health
/// care, right? Single-payer?"), so another article asking it is no sighting of a
/// claim. A question followed by an answer or a statement claims something.
fn only_questions(text: &str) -> bool {
    // Most statements ask nothing: one byte search settles them.
    if !text.as_bytes().contains(&b'?') {
        return false;
    }
    let mut asked = false;
    for sentence in text.split_inclusive(['.', '!', '?']) {
        // Text between two stops with no word in it (an ellipsis) is no sentence.
        if !sentence.chars().any(char::is_alphanumeric) {
            continue;
        }
        if !sentence
            .trim_end_matches(['"', '\'', '”', '’', ')', ' '])
            .ends_with('?')
        {
            return false;
        }
        asked = true;
    }
    asked
}

/// Whether the first sentence of `text` is a question (ends with "?").
fn is_question(text: &str) -> bool {
    text.bytes()
        .find(|b| matches!(b, b'.' | b'!' | b'?'))
        .is_some_and(|b| b == b'?')
}

/// A sighting's [`Binding`] with who said it and where: what grouping compares
/// besides terms.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Scope {
    /// What the statement depends on.
    pub binding: Binding,
    /// The stored speaker (aliases linked to one speaker share it); `None` when unknown.
    pub speaker: Option<i64>,
    /// The document it was seen in.
    pub doc: i64,
}

impl Scope {
    /// Whether a sighting with this scope may join the claim founded by a sighting
    /// with scope `founder`, as far as their bindings go. A pronoun statement joins
    /// only its own speaker's claims; a statement with a named subject may join a claim
    /// a pronoun founded ("Kyiv never agreed to exchange prisoners" disputes "We have
    /// agreed to exchange prisoners"). Too little content keeps to one article either
    /// way, so it neither joins nor founds a claim seen in several; so do words no known
    /// speaker said.
    pub fn may_join(&self, founder: &Scope) -> bool {
        self.may_join_about(founder, false)
    }

    /// [`Scope::may_join`], where a statement whose subject is its own speaker may
    /// also join a claim whose founding statement names that speaker (`names_speaker`):
    /// "Mayor Simon Hart knew about the contract", a council member said; Hart denied
    /// "that he knew about the contract".
    pub fn may_join_about(&self, founder: &Scope, names_speaker: bool) -> bool {
        self.binding.same_kind(&founder.binding)
            && (!self.binding.speaker
                || self.same_speaker(founder)
                || (names_speaker && self.speaker.is_some()))
            && (!(self.binding.document || founder.binding.document) || self.doc == founder.doc)
            // A claim needs a claimant: words nobody is known to have said ("when asked
            // about the nominee") keep to their article.
            && ((self.speaker.is_some() && founder.speaker.is_some()) || self.doc == founder.doc)
    }

    /// The same known speaker; two unknown speakers only within one document, where
    /// the pronoun most likely means the same person.
    fn same_speaker(&self, other: &Scope) -> bool {
        match (self.speaker, other.speaker) {
            (Some(a), Some(b)) => a == b,
            (None, None) => self.doc == other.doc,
            _ => false,
        }
    }
}

/// How a number word combines with its neighbours.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) enum NumKind {
    /// Added up: one, two, twenty.
    Unit,
    /// Multiplies: hundred, thousand, million.
    Scale,
    /// A share: half, a fifth.
    Fraction,
}

/// Number word → value and kind.
pub(super) static NUMBER_WORDS: LazyLock<FxHashMap<&'static str, (f64, NumKind)>> =
    LazyLock::new(|| {
        NUMBERS_FILE
            .lines()
            .map(|l| {
                let [word, value, kind] = l.columns();
                let value: f64 = value
                    .parse()
                    .unwrap_or_else(|_| l.malformed("expected a number"));
                let kind = match kind {
                    "unit" => NumKind::Unit,
                    "scale" => NumKind::Scale,
                    "fraction" => NumKind::Fraction,
                    _ => l.malformed("expected unit, scale or fraction"),
                };
                (word, (value, kind))
            })
            .collect()
    });

/// Unit synonym → canonical unit name.
pub(super) static UNITS: LazyLock<FxHashMap<&'static str, &'static str>> = LazyLock::new(|| {
    let mut m = FxHashMap::default();
    for l in UNITS_FILE.lines() {
        let mut it = l.fields();
        if let Some(canon) = it.next() {
            m.insert(canon, canon);
            for syn in it {
                m.insert(syn, canon);
            }
        }
    }
    m
});

/// Month names and abbreviations that need no dot, with their numbers (the shared list).
pub(super) static MONTHS: LazyLock<FxHashMap<&'static str, u32>> =
    LazyLock::new(|| calendar::plain_words(CalendarKind::Month).collect());

/// Weekday names and abbreviations that need no dot (Monday = 1); "Sun" and "Wed" are
/// plain words here.
pub(super) static WEEKDAYS: LazyLock<FxHashMap<&'static str, u32>> =
    LazyLock::new(|| calendar::plain_words(CalendarKind::Weekday).collect());

static DATE_PREPOSITIONS: LazyLock<Vec<&'static str>> =
    LazyLock::new(|| DATE_PREPOSITIONS_FILE.lowercase_entries(false).collect());

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
    pub(super) fn key(&self) -> (Option<u32>, Option<u32>, Option<u32>) {
        (self.year, self.month, self.day)
    }
}

/// What [`changes`](super::diff::changes) compares in a statement.
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

fn is_year(t: &Token<'_>) -> bool {
    t.num
        .is_some_and(|v| v.fract() == 0.0 && (1800.0..2200.0).contains(&v))
        && !t.ordinal
        && !t.has_comma
        && !t.lower.contains('.')
}

fn day_of(t: Option<&Token<'_>>) -> Option<u32> {
    let v = t?.num?;
    (v.fract() == 0.0 && (1.0..=31.0).contains(&v) && !t?.has_comma).then_some(v as u32)
}

/// Parse what [`changes`](super::diff::changes) compares: quantities, dates and polarity.
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
        if let Some(&day) = WEEKDAYS.get(t.lower.as_ref()).filter(|_| t.cap) {
            used[i] = true;
            st.weekdays.push((day, span(i, i)));
        } else if let Some(&month) = MONTHS.get(t.lower.as_ref()) {
            let prev = i.checked_sub(1).map(|p| &toks[p]);
            let day_after =
                day_of(toks.get(i + 1)).filter(|_| !used.get(i + 1).copied().unwrap_or(true));
            let day_before = day_of(prev).filter(|_| i > 0 && !used[i - 1]);
            let near_number =
                day_after.is_some() || day_before.is_some() || toks.get(i + 1).is_some_and(is_year);
            let ambiguous = t.lower.len() < 4 || t.lower == "may" || t.lower == "march";
            let after_prep = prev.is_some_and(|p| DATE_PREPOSITIONS.contains(&p.lower.as_ref()));
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
            let prev = i.checked_sub(1).map(|p| toks[p].lower.as_ref());
            let next_is_word = toks
                .get(i + 1)
                .is_some_and(|n| n.is_word() && !STOPWORDS.contains(n.lower.as_ref()));
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
        if let Some(&u) = UNITS.get(toks[i].lower.as_ref())
            && toks[i].lower.chars().all(is_figure_sign)
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
        } else if let Some(&(v, kind)) = NUMBER_WORDS.get(t.lower.as_ref()) {
            let prev = i.checked_sub(1).map(|p| toks[p].lower.as_ref());
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
                        toks.get(k).and_then(|t| NUMBER_WORDS.get(t.lower.as_ref()))
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
                        toks.get(j).and_then(|t| NUMBER_WORDS.get(t.lower.as_ref()))
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
                toks.get(j).and_then(|t| NUMBER_WORDS.get(t.lower.as_ref()))
            {
                value *= s;
                j += 1;
            }
        }
        let mut unit: Option<String> = currency.map(str::to_string);
        if share {
            unit = Some("percent".into());
        } else if unit.is_none() {
            let next = toks.get(j).map(|t| t.lower.as_ref());
            if next == Some("per") && toks.get(j + 1).is_some_and(|t| t.lower == "cent") {
                unit = Some("percent".into());
                j += 2;
            } else if let Some(n) = toks.get(j) {
                if let Some(&u) = UNITS.get(n.lower.as_ref()) {
                    unit = Some(u.to_string());
                    j += 1;
                } else if counted(n) {
                    // "40 fishing boats": the thing counted is usually the last of up to
                    // two words, so "1,200 Ukrainian prisoners" counts prisoners.
                    unit = Some(term(&n.lower));
                    j += 1;
                    if let Some(n2) = toks
                        .get(j)
                        .filter(|t| counted(t) && !t.lower.ends_with("ed"))
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
    st.negated = negates(&toks);
    st
}

/// Whether tokens negate: an odd number of negation words. A "not" after "or" offers
/// an alternative ("whether or not", "like him or not"), it negates nothing.
fn negates(toks: &[Token<'_>]) -> bool {
    // "no more than 300", "not less than a year": a bound on a figure, not a denial.
    let bounds = |i: usize| {
        toks.get(i + 1).is_some_and(|n| {
            matches!(
                n.lower.as_ref(),
                "more" | "less" | "fewer" | "later" | "earlier" | "longer"
            )
        }) && toks.get(i + 2).is_some_and(|n| n.lower == "than")
    };
    // "nine schools will close, not twelve": the figure a new one replaces.
    let replaced = |i: usize| {
        toks.get(i + 1)
            .is_some_and(|n| n.num.is_some() || NUMBER_WORDS.contains_key(n.lower.as_ref()))
    };
    toks.iter()
        .enumerate()
        .filter(|&(i, t)| {
            NEGATIONS.contains(t.lower.as_ref())
                && !(t.lower == "not"
                    && (i.checked_sub(1).is_some_and(|p| toks[p].lower == "or") || replaced(i)))
                && !bounds(i)
        })
        .count()
        % 2
        == 1
}

/// Whether each of two statements negates, read only in the sentences that share a
/// content term with the other: a sentence one of them says on top ("… Not fit!",
/// "Nobody has ever suggested that to me") is not what both say, and its negation
/// does not turn the claim round. A statement with no such sentence is read whole.
pub fn polarities(a: &str, b: &str) -> (bool, bool) {
    let sa = sentences(a);
    let sb = sentences(b);
    let terms_of = |ss: &[(&str, Vec<String>)]| -> FxHashSet<String> {
        ss.iter().flat_map(|s| s.1.iter().cloned()).collect()
    };
    let (ta, tb) = (terms_of(&sa), terms_of(&sb));
    (negated_where(&sa, &tb, a), negated_where(&sb, &ta, b))
}

/// [`polarities`] of one statement, split into `sentences` with their terms, against
/// the other's terms `other`; `whole` is the statement.
fn negated_where(
    sentences: &[(&str, Vec<String>)],
    other: &FxHashSet<String>,
    whole: &str,
) -> bool {
    let shared: Vec<&str> = sentences
        .iter()
        .filter(|s| s.1.iter().any(|t| other.contains(t)))
        .map(|s| s.0)
        .collect();
    if shared.is_empty() {
        return negates(&tokenize(whole));
    }
    // Any clause that negates: "there has never been a man or a woman - not me, not
    // Bill, nobody - more qualified" negates once, not twice (two negating clauses
    // counted as a double negation turned it into an affirmation).
    shared.iter().any(|s| negates(&tokenize(s)))
}

/// A statement's clauses with their content terms: split after ".", "!" or "?" (and
/// any closing quotation marks), ",", ";", ":" or a dash, followed by a space, so
/// "9.2" and "U.S." stay whole, "… information.’ Not fit!" is two and "so nobody
/// cared, But I was against the war" is two; and before two openers of
/// `claim_subjects.txt` in a row, which open another reported clause: "that she did
/// not send any classified information and that no messages … were marked
/// classified" is two clauses that each negate, not a double negation. A clause with
/// no content term of its own ("We have not, as reported, agreed …", "not me") is
/// read with the next, so its negation counts where that one's content is shared;
/// after the last clause with content, such words ("… certain things, They may not
/// be.") are left out: a re-report cut before them changed nothing.
fn sentences(text: &str) -> Vec<(&str, Vec<String>)> {
    let mut out: Vec<(std::ops::Range<usize>, Vec<String>)> = Vec::new();
    let mut start = 0;
    let mut stop = false;
    let opener = |t: &Token<'_>| OPENINGS.get(t.lower.as_ref()) == Some(&Opening::Opener);
    let toks = tokenize(text);
    let mut ends: Vec<usize> = text
        .char_indices()
        .filter_map(|(i, c)| {
            let end = stop && c.is_whitespace();
            stop = matches!(c, '.' | '!' | '?' | ',' | ';' | ':' | '—' | '–' | '-' | '―')
                || (stop && matches!(c, '"' | '\'' | '’' | '”'));
            end.then_some(i)
        })
        .chain(
            toks.windows(2)
                .filter(|w| opener(&w[0]) && opener(&w[1]))
                .map(|w| w[0].start),
        )
        .chain([text.len()])
        .collect();
    ends.sort_unstable();
    for end in ends {
        let terms = terms(&text[start..end]);
        if !terms.is_empty() {
            out.push((start..end, terms));
            start = end;
        }
    }
    out.into_iter()
        .map(|(at, terms)| (&text[at], terms))
        .collect()
}

/// Whether a word after a number may be what it counts: content, and not a date's
/// opening ("3.2 million containers last year" counts containers, not "last").
fn counted(t: &Token<'_>) -> bool {
    is_content(t) && !DATE_PREPOSITIONS.contains(&t.lower.as_ref())
}

/// A word that can be the thing a number counts.
fn is_content(t: &Token<'_>) -> bool {
    t.is_word()
        && !STOPWORDS.contains(t.lower.as_ref())
        && !NEGATIONS.contains(t.lower.as_ref())
        && !NUMBER_WORDS.contains_key(t.lower.as_ref())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::claims::text::marked_terms;

    /// The binding of `text` as grouping computes it.
    fn bound(text: &str) -> Binding {
        let (terms, named) = marked_terms(text);
        let mut distinct = terms.clone();
        distinct.sort();
        distinct.dedup();
        binding(text, &tokenize(text), distinct.len(), &named)
    }

    #[test]
    fn a_pronoun_or_missing_subject_binds_to_the_speaker() {
        for s in [
            "he will vote for Clinton",
            "He'll vote for Hillary Clinton in November",
            "that she would never vote for Clinton",
            "if they would support Trump as the Republican nominee",
            "But I won't support the nominee this year",
            "to ban all Muslims from entering the country",
            "would not support the Republican nominee",
            // Whose net worth depends on who says it.
            "his net worth is in excess of $10 billion",
            "that her emails were never marked classified",
        ] {
            assert!(bound(s).speaker, "{s}");
        }
        for s in [
            "the election is rigged against the voters",
            "Trump wants to ban Muslims from entering the country",
            "Heather will vote for Clinton in November",
            "that the senator would never vote for Clinton",
            "Theirs was a campaign of ideas and hope",
            // "it" stands for a thing, or nothing.
            "It's time to quit attacking the people you competed with",
            // A question's subject follows its auxiliary.
            "Is President Obama going to finally mention the words? He should.",
            "",
            "???",
        ] {
            assert!(!bound(s).speaker, "{s}");
        }
        // Only the subject counts, however far in.
        let long = format!("{} he will vote", "é".repeat(100));
        assert!(!bound(&long).speaker);
        let long = format!("{} he will vote", "and ".repeat(100));
        assert!(bound(&long).speaker);
    }

    #[test]
    fn a_statement_showing_no_verb_is_a_phrase() {
        for s in [
            "Trump's comments about immigrants and Muslims",
            "the mayor's use of a city car while on holiday",
            "the council as \"a rubber stamp for developers.\"",
            "a clear threat to peace",
        ] {
            assert!(bound(s).phrase, "{s}");
        }
        for s in [
            "he'd force Mexico to pay for the wall",
            "to ban Muslims from entering the U.S.",
            "that the mayor's car was used on holiday",
            "there should be a temporary ban",
            "Mexico won't pay for the wall",
            "It's a great idea",
            // A verb of change needs no auxiliary.
            "Burglaries in Eastfield rose by 12 percent last year",
            "unemployment fell to 4 percent",
        ] {
            assert!(!bound(s).phrase, "{s}");
        }
    }

    #[test]
    fn too_little_content_or_a_title_binds_to_the_document() {
        for s in [
            "about his tax returns",
            "tax return",
            "Face the Nation",
            "Plans He And Trump Have Made For Releasing Tax Returns",
            "Health care, right? Single-payer?",
            "And the idea of building a wall along the southern border?",
            // The reason a cue gave for its object: a charge against whoever "him" is.
            "him for not paying income tax",
        ] {
            assert!(bound(s).document, "{s}");
        }
        for s in [
            "the jobless rate dropped to 4 percent",
            "Donald Trump will be releasing his tax returns at the completion of an audit",
            "You think the deal is going to change? The deal is not changing.",
            "How many times do we have to see this in our country? This is unbearable",
            "him, \"you aren't just a loser, you are a liar and a whiner.\"",
        ] {
            assert!(!bound(s).document, "{s}");
        }
    }

    #[test]
    fn figures_and_demands_are_read() {
        let b = bound("turnout was up 19 percentage points from 2012");
        assert!(b.percent && !b.count);
        let b = bound("4% of 1,300 emails were classified in 2015");
        assert!(b.percent && b.count);
        assert!(!bound("the 3rd vote in 2016").count);
        assert!(bound("Trump shouldn't hide his tax returns").demand);
        assert!(!bound("Trump will release his tax returns").demand);
        assert!(bound("that to ban Muslims was right").infinitive);
        assert!(!bound("that Trump wants to ban Muslims").infinitive);
        let at = |binding| Scope {
            binding,
            speaker: Some(1),
            doc: 1,
        };
        let (share, count, demand, infinitive) = (
            bound("cut traffic by 30 percent"),
            bound("cut traffic by 3,000 cars"),
            bound("Trump should release them"),
            bound("to release them"),
        );
        assert!(!at(share).may_join(&at(count)));
        assert!(at(share).may_join(&at(bound("cut traffic by 25 percent"))));
        assert!(at(share).may_join(&at(bound("cut traffic"))));
        assert!(!at(demand).may_join(&at(bound("Trump will release them"))));
        assert!(at(infinitive).may_join(&at(demand)));
        assert!(at(demand).may_join(&at(infinitive)));
    }

    #[test]
    fn bindings_round_trip_through_their_bits() {
        for speaker in [false, true] {
            for document in [false, true] {
                for phrase in [false, true] {
                    let b = Binding {
                        speaker,
                        document,
                        phrase,
                        ..Binding::default()
                    };
                    assert_eq!(Binding::from_bits(b.to_bits()), b);
                }
            }
        }
        assert_eq!(Binding::from_bits(0), Binding::default());
    }

    #[test]
    fn a_scope_may_join_claims_its_binding_allows() {
        let open = Binding::default();
        let pronoun = Binding {
            speaker: true,
            ..Binding::default()
        };
        let thin = Binding {
            document: true,
            ..Binding::default()
        };
        let at = |binding, speaker, doc| Scope {
            binding,
            speaker,
            doc,
        };
        // Named subjects: anyone, anywhere.
        assert!(at(open, Some(1), 1).may_join(&at(open, Some(2), 2)));
        // A pronoun: the same speaker in any article, never another speaker.
        assert!(at(pronoun, Some(1), 1).may_join(&at(pronoun, Some(1), 2)));
        assert!(!at(pronoun, Some(1), 1).may_join(&at(pronoun, Some(2), 2)));
        assert!(!at(pronoun, Some(1), 1).may_join(&at(open, Some(2), 2)));
        assert!(at(pronoun, Some(1), 2).may_join(&at(open, Some(1), 1)));
        // ... unless the other speaker's statement names this one ("Hart knew", then
        // Hart: "that he knew"); an unknown speaker is named by nobody.
        assert!(at(pronoun, Some(1), 1).may_join_about(&at(open, Some(2), 2), true));
        assert!(!at(pronoun, None, 1).may_join_about(&at(open, Some(2), 2), true));
        // A named subject may join what a pronoun founded (a dispute names the party
        // the founder called "we").
        assert!(at(open, Some(2), 2).may_join(&at(pronoun, Some(1), 1)));
        // Unknown speakers are one only within an article.
        assert!(at(pronoun, None, 1).may_join(&at(pronoun, None, 1)));
        assert!(!at(pronoun, None, 1).may_join(&at(pronoun, None, 2)));
        assert!(!at(pronoun, None, 1).may_join(&at(open, Some(1), 1)));
        // Too little content: its own article only, joining or founding.
        assert!(at(thin, Some(1), 1).may_join(&at(open, Some(2), 1)));
        assert!(!at(thin, Some(1), 1).may_join(&at(thin, Some(1), 2)));
        assert!(!at(open, Some(1), 2).may_join(&at(thin, Some(1), 1)));
        assert!(!at(thin, Some(1), 2).may_join(&at(open, Some(1), 1)));
        // Words no known speaker said: their own article only, joining or founding.
        assert!(at(open, None, 1).may_join(&at(open, Some(1), 1)));
        assert!(!at(open, None, 2).may_join(&at(open, Some(1), 1)));
        assert!(!at(open, Some(1), 2).may_join(&at(open, None, 1)));
    }
}
