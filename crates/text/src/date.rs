//! A calendar date, parsed strictly from `YYYY-MM-DD` at the edge of the program.
//!
//! Strictly means a day that exists (never `2025-02-30`) in the years 1000 to 9999: a
//! news archive has nothing older, and `0000-01-01` or `0019-05-03` is a placeholder
//! or a typo, which would otherwise sort before everything as the "first" report.

use std::fmt;
use std::str::FromStr;

/// A valid calendar date (`2025-02-28`; never `2025-02-30`) from the years 1000 to 9999
/// when parsed. Ordered by time; shown, serialised and stored as `YYYY-MM-DD`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date(jiff::civil::Date);

/// Why a text is not a [`Date`].
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum DateError {
    /// Not of the form `YYYY-MM-DD`.
    #[error("{0:?} is not a date of the form YYYY-MM-DD")]
    Shape(String),
    /// The right form, but no such day ("2025-02-30").
    #[error("{0:?} is not a calendar date (no such day)")]
    NoSuchDay(String),
    /// A year before 1000 ("0000-01-01"): a placeholder or a typo, not a publication.
    #[error("{0:?} is not a plausible date (the year must be from 1000 to 9999)")]
    Year(String),
}

impl Date {
    /// The date `year-month-day`, when there is such a day.
    pub fn new(year: i16, month: i8, day: i8) -> Option<Date> {
        jiff::civil::Date::new(year, month, day).ok().map(Date)
    }

    /// The year.
    pub fn year(self) -> i16 {
        self.0.year()
    }

    /// The month, 1 to 12.
    pub fn month(self) -> i8 {
        self.0.month()
    }

    /// The day of the month, from 1.
    pub fn day(self) -> i8 {
        self.0.day()
    }

    /// The date that a text starts with, for timestamps such as `2016-09-12T08:00:00Z`
    /// whose first ten characters are the day: `None` when the text has no such start.
    pub fn parse_prefix(s: &str) -> Result<Date, DateError> {
        match s.get(..10) {
            Some(head) if s.len() == 10 || !s.as_bytes()[10].is_ascii_digit() => head.parse(),
            _ => Err(DateError::Shape(s.to_string())),
        }
    }
}

impl FromStr for Date {
    type Err = DateError;

    fn from_str(s: &str) -> Result<Date, DateError> {
        let date = Date::parse_calendar(s)?;
        if date.year() < 1000 {
            return Err(DateError::Year(s.to_string()));
        }
        Ok(date)
    }
}

impl Date {
    /// Any calendar date of the form `YYYY-MM-DD`, whatever its year: what a database
    /// written before years were checked may hold, and must still read back.
    fn parse_calendar(s: &str) -> Result<Date, DateError> {
        let b = s.as_bytes();
        let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
        if b.len() != 10
            || b[4] != b'-'
            || b[7] != b'-'
            || !digits(0..4)
            || !digits(5..7)
            || !digits(8..10)
        {
            return Err(DateError::Shape(s.to_string()));
        }
        // All ASCII digits, so these parse.
        let num = |r: std::ops::Range<usize>| s[r].parse::<i16>().unwrap_or(0);
        let (y, m, d) = (num(0..4), num(5..7), num(8..10));
        Date::new(y, m as i8, d as i8).ok_or_else(|| DateError::NoSuchDay(s.to_string()))
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{:04}-{:02}-{:02}",
            self.year(),
            self.month(),
            self.day()
        )
    }
}

impl serde::Serialize for Date {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> serde::Deserialize<'de> for Date {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Date, D::Error> {
        let s = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(feature = "sql")]
mod sql {
    use super::Date;
    use rusqlite::types::{FromSql, FromSqlError, FromSqlResult, ToSql, ToSqlOutput, ValueRef};

    impl ToSql for Date {
        fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
            Ok(ToSqlOutput::from(self.to_string()))
        }
    }

    impl FromSql for Date {
        fn column_result(value: ValueRef<'_>) -> FromSqlResult<Date> {
            Date::parse_calendar(value.as_str()?).map_err(|e| FromSqlError::Other(Box::new(e)))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strict_parsing() {
        let d: Date = "2024-02-29".parse().unwrap();
        assert_eq!((d.year(), d.month(), d.day()), (2024, 2, 29));
        assert_eq!(d.to_string(), "2024-02-29");
        for bad in [
            "2025-02-29",
            "2025-02-30",
            "2025-13-01",
            "2025-00-10",
            "2025-01-00",
        ] {
            assert!(
                matches!(bad.parse::<Date>(), Err(DateError::NoSuchDay(_))),
                "{bad}"
            );
        }
        for bad in [
            "",
            "2025-1-01",
            "20250101",
            "2025/01/01",
            "2025-01-0€",
            "2025-01-011",
            "yesterday",
        ] {
            assert!(
                matches!(bad.parse::<Date>(), Err(DateError::Shape(_))),
                "{bad}"
            );
        }
        assert!("2025-01-02".parse::<Date>().unwrap() < "2025-01-10".parse().unwrap());
    }

    #[test]
    fn years_before_1000_are_refused() {
        for bad in ["0000-01-01", "0999-12-31", "0019-05-03"] {
            assert!(
                matches!(bad.parse::<Date>(), Err(DateError::Year(_))),
                "{bad}"
            );
        }
        assert!(Date::parse_prefix("0000-01-01T00:00:00Z").is_err());
        assert_eq!("1000-01-01".parse::<Date>().unwrap().year(), 1000);
        assert_eq!("9999-12-31".parse::<Date>().unwrap().year(), 9999);
        // Stored before years were checked: still readable.
        assert_eq!(Date::parse_calendar("0000-01-01").unwrap().year(), 0);
    }

    #[test]
    fn prefixes_of_timestamps() {
        assert_eq!(
            Date::parse_prefix("2016-09-12T08:00:00Z")
                .unwrap()
                .to_string(),
            "2016-09-12"
        );
        assert_eq!(
            Date::parse_prefix("2016-09-12 08:00").unwrap().to_string(),
            "2016-09-12"
        );
        assert!(Date::parse_prefix("2016-09-123").is_err());
        assert!(Date::parse_prefix("2025-01-0€").is_err());
        assert!(Date::parse_prefix("2025-0").is_err());
    }

    #[test]
    fn serde_round_trip() {
        let d: Date = serde_json::from_str("\"2025-03-04\"").unwrap();
        assert_eq!(serde_json::to_string(&d).unwrap(), "\"2025-03-04\"");
        assert!(serde_json::from_str::<Date>("\"2025-02-30\"").is_err());
    }
}
