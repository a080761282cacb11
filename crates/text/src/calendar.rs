//! Month and weekday names, one list for every crate (`data/calendar.txt`).
//!
//! The segmenter-side word lists, the attribution rules ("on Monday" is no speaker) and
//! the claim comparison ("in March" → "in May") all read the names from here.

use std::sync::LazyLock;

use crate::data_file;

/// Whether a calendar word names a month or a day of the week.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CalendarKind {
    /// January = 1.
    Month,
    /// Monday = 1.
    Weekday,
}

/// One month or weekday with its abbreviations.
#[derive(Clone, Debug)]
pub struct CalendarName {
    /// Month or weekday.
    pub kind: CalendarKind,
    /// January or Monday = 1.
    pub number: u32,
    /// The full name, lower case ("january").
    pub name: &'static str,
    /// Abbreviations, lower case; one that ends in a dot names the month or day only
    /// with its dot ("sun.", a plain word without it).
    pub abbreviations: Vec<&'static str>,
}

static NAMES: LazyLock<Vec<CalendarName>> = LazyLock::new(|| {
    data_file!("calendar.txt")
        .lines()
        .map(|l| {
            let mut fields = l.fields();
            let kind = match fields.next() {
                Some("month") => CalendarKind::Month,
                Some("weekday") => CalendarKind::Weekday,
                _ => l.malformed("expected the kind month or weekday"),
            };
            let number = fields
                .next()
                .and_then(|n| n.parse().ok())
                .unwrap_or_else(|| l.malformed("expected a number"));
            let name = fields
                .next()
                .unwrap_or_else(|| l.malformed("expected a name"));
            if l.text.chars().any(char::is_uppercase) {
                l.malformed("expected lower case");
            }
            CalendarName {
                kind,
                number,
                name,
                abbreviations: fields.collect(),
            }
        })
        .collect()
});

/// Every month and weekday, months first, in order.
pub fn names() -> &'static [CalendarName] {
    &NAMES
}

/// The words that name a month or weekday of `kind` without a dot, with their numbers:
/// full names and the abbreviations that are no plain word ("jan", "tues").
pub fn plain_words(kind: CalendarKind) -> impl Iterator<Item = (&'static str, u32)> {
    names()
        .iter()
        .filter(move |n| n.kind == kind)
        .flat_map(|n| {
            std::iter::once(n.name)
                .chain(
                    n.abbreviations
                        .iter()
                        .copied()
                        .filter(|a| !a.ends_with('.')),
                )
                .map(move |w| (w, n.number))
        })
}

/// Every abbreviation written with its dot ("jan.", "sun."): those without a dot in the
/// list are given one.
pub fn dotted_abbreviations() -> impl Iterator<Item = String> {
    names().iter().flat_map(|n| {
        n.abbreviations.iter().map(|a| match a.strip_suffix('.') {
            Some(_) => a.to_string(),
            None => format!("{a}."),
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_list_is_well_formed_and_complete() {
        let months: Vec<u32> = names()
            .iter()
            .filter(|n| n.kind == CalendarKind::Month)
            .map(|n| n.number)
            .collect();
        assert_eq!(months, (1..=12).collect::<Vec<_>>());
        let days: Vec<u32> = names()
            .iter()
            .filter(|n| n.kind == CalendarKind::Weekday)
            .map(|n| n.number)
            .collect();
        assert_eq!(days, (1..=7).collect::<Vec<_>>());
        let mut all: Vec<&str> = names()
            .iter()
            .flat_map(|n| std::iter::once(n.name).chain(n.abbreviations.iter().copied()))
            .collect();
        let n = all.len();
        all.sort_unstable();
        all.dedup();
        assert_eq!(all.len(), n, "a word is listed twice");
    }

    #[test]
    fn plain_words_leave_out_words_that_need_their_dot() {
        let days: Vec<&str> = plain_words(CalendarKind::Weekday).map(|(w, _)| w).collect();
        assert!(days.contains(&"tues") && days.contains(&"sunday"));
        assert!(!days.iter().any(|d| d.starts_with("sun") && d.len() == 3));
        assert!(plain_words(CalendarKind::Month).any(|w| w == ("sept", 9)));
        let dotted: Vec<String> = dotted_abbreviations().collect();
        assert!(dotted.contains(&"jan.".to_string()) && dotted.contains(&"sun.".to_string()));
    }
}
