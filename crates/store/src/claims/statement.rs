//! Numbers, units and dates in statements: what [`super::diff`] compares between two
//! sightings of a claim, so that "1,000 prisoners" vs "1,200 prisoners" and "a fifth"
//! vs "20%" can be told apart from mere rewording.
//!
//! Number words, units, months, weekdays and date prepositions are data files under
//! `crates/store/data/`.

use std::sync::LazyLock;

use rustc_hash::FxHashMap;
use text::calendar::{self, CalendarKind};
use text::{DataFile, data_file};

use super::text::{NEGATIONS, STOPWORDS, Token, is_symbol, term, tokenize};

/// Number words: `word value kind`.
pub(super) const NUMBERS_FILE: DataFile = data_file!("numbers.txt");

/// Units: `canonical synonym...`.
pub(super) const UNITS_FILE: DataFile = data_file!("units.txt");

/// Words before a month or year that make it a date.
pub(super) const DATE_PREPOSITIONS_FILE: DataFile = data_file!("date_prepositions.txt");

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
        .filter(|t| NEGATIONS.contains(t.lower.as_ref()))
        .count()
        % 2
        == 1;
    st
}

/// A word that can be the thing a number counts.
fn is_content(t: &Token<'_>) -> bool {
    t.is_word()
        && !STOPWORDS.contains(t.lower.as_ref())
        && !NEGATIONS.contains(t.lower.as_ref())
        && !NUMBER_WORDS.contains_key(t.lower.as_ref())
}
