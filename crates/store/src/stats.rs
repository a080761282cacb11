//! Counting stored quotations by speaker, outlet, month, year or kind, one or more at
//! a time (`whosaid stats`): "who is quoted most on immigration, by outlet, by month".
//!
//! The quotations counted are exactly those [`Store::quotes`] lists for the same
//! filter (the same SQL, grouped), so a count and a listing never disagree.

use std::fmt;
use std::str::FromStr;

use crate::queries::matching_quotes_sql;
use crate::{Error, QuoteFilter, Store};

/// What quotations are counted by.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum CountKey {
    /// The speaker (by id; shown by name). Unattributed quotations are one group.
    Speaker,
    /// The document's outlet.
    Outlet,
    /// The month of publication, `YYYY-MM`.
    Month,
    /// The year of publication, `YYYY`.
    Year,
    /// Direct, indirect or mixed.
    Kind,
}

impl CountKey {
    /// Every key, in the order help lists them.
    pub const ALL: [CountKey; 5] = [
        CountKey::Speaker,
        CountKey::Outlet,
        CountKey::Month,
        CountKey::Year,
        CountKey::Kind,
    ];

    /// The key's name, as a column header and on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            CountKey::Speaker => "speaker",
            CountKey::Outlet => "outlet",
            CountKey::Month => "month",
            CountKey::Year => "year",
            CountKey::Kind => "kind",
        }
    }

    /// What a group is told apart by, over the matching quotations' columns.
    fn group(self) -> &'static str {
        match self {
            CountKey::Speaker => "speaker_id",
            CountKey::Outlet => "outlet",
            CountKey::Month => "substr(published, 1, 7)",
            CountKey::Year => "substr(published, 1, 4)",
            CountKey::Kind => "kind",
        }
    }

    /// What a group shows. A speaker's name may be shared by two speakers; each is
    /// its own group.
    fn shown(self) -> &'static str {
        match self {
            CountKey::Speaker => "min(name)",
            other => other.group(),
        }
    }

    /// Whether the key is a time, sorted in time order rather than by count.
    fn is_time(self) -> bool {
        matches!(self, CountKey::Month | CountKey::Year)
    }
}

impl fmt::Display for CountKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A name that is no [`CountKey`].
#[derive(Debug, thiserror::Error)]
#[error("unknown count key {0:?} (speaker, outlet, month, year or kind)")]
pub struct UnknownCountKey(pub String);

impl FromStr for CountKey {
    type Err = UnknownCountKey;

    fn from_str(s: &str) -> Result<CountKey, UnknownCountKey> {
        CountKey::ALL
            .into_iter()
            .find(|k| k.as_str().eq_ignore_ascii_case(s.trim()))
            .ok_or_else(|| UnknownCountKey(s.to_string()))
    }
}

/// One group: its value for each key asked for (in that order; `None` for no speaker,
/// no outlet, no date), and how many quotations it holds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CountRow {
    /// The group's values, one per key.
    pub keys: Vec<Option<String>>,
    /// Quotations in the group.
    pub quotes: i64,
}

impl Store {
    /// How many quotations `f` matches (its limit ignored), per group of `by`. Rows
    /// come in time order for the time keys (month, year: undated last), then most
    /// quotations first, then by the other keys' values. With no keys, one row: the
    /// total.
    pub fn count_quotes_by(
        &self,
        f: &QuoteFilter,
        by: &[CountKey],
    ) -> Result<Vec<CountRow>, Error> {
        let Some((matching, params)) = matching_quotes_sql(self, f)? else {
            return Ok(if by.is_empty() {
                vec![CountRow {
                    keys: Vec::new(),
                    quotes: 0,
                }]
            } else {
                Vec::new()
            });
        };
        let shown: Vec<&str> = by.iter().map(|k| k.shown()).collect();
        let mut sql = String::from("SELECT count(*)");
        for s in &shown {
            sql += ", ";
            sql += s;
        }
        sql += &format!(" FROM ({matching})");
        if !by.is_empty() {
            let groups: Vec<&str> = by.iter().map(|k| k.group()).collect();
            sql += &format!(" GROUP BY {}", groups.join(", "));
            let mut order: Vec<String> = by
                .iter()
                .filter(|k| k.is_time())
                .map(|k| format!("{} IS NULL, {}", k.group(), k.group()))
                .collect();
            order.push("count(*) DESC".to_string());
            order.extend(
                shown
                    .iter()
                    .zip(by)
                    .filter(|(_, k)| !k.is_time())
                    .map(|(s, _)| s.to_string()),
            );
            sql += &format!(" ORDER BY {}", order.join(", "));
        }
        let mut st = self.conn.prepare(&sql)?;
        let rows = st.query_map(rusqlite::params_from_iter(params.iter()), |r| {
            Ok(CountRow {
                quotes: r.get(0)?,
                keys: (1..=by.len())
                    .map(|i| r.get::<_, Option<String>>(i))
                    .collect::<Result<_, _>>()?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}

#[cfg(test)]
mod tests {
    use attrib::EntityKind;
    use attrib::testutil::Article;

    use super::*;

    fn put(db: &mut Store, id: &str, date: &str, outlet: &str, speaker: &str, words: &str) {
        let (mut doc, ex) = Article::new()
            .quote(speaker, EntityKind::Person, None, &format!("{words},"))
            .build(id);
        doc.date = Some(date.parse().unwrap());
        doc.source = Some(outlet.to_string());
        db.ingest(&doc, &ex).unwrap();
    }

    fn rows(db: &Store, search: Option<&str>, by: &[CountKey]) -> Vec<(Vec<String>, i64)> {
        let f = QuoteFilter {
            search: search.map(String::from),
            limit: Some(1),
            ..Default::default()
        };
        db.count_quotes_by(&f, by)
            .unwrap()
            .into_iter()
            .map(|r| {
                (
                    r.keys.into_iter().map(|k| k.unwrap_or_default()).collect(),
                    r.quotes,
                )
            })
            .collect()
    }

    #[test]
    fn counts_follow_the_filter_and_the_keys() {
        let mut db = Store::open_in_memory().unwrap();
        put(
            &mut db,
            "a",
            "2025-01-05",
            "Gazette",
            "Ada Lind",
            "Immigration is up",
        );
        put(
            &mut db,
            "b",
            "2025-01-20",
            "Ledger",
            "Ada Lind",
            "Immigration rules change",
        );
        put(
            &mut db,
            "c",
            "2025-02-02",
            "Gazette",
            "Ada Lind",
            "Taxes fall on immigration",
        );
        put(
            &mut db,
            "d",
            "2025-02-03",
            "Gazette",
            "Ben Ode",
            "Immigration matters",
        );
        put(
            &mut db,
            "e",
            "2025-02-04",
            "Gazette",
            "Ben Ode",
            "The weather is fine",
        );
        let s = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        // The limit is ignored: everything matching is counted.
        assert_eq!(rows(&db, None, &[]), vec![(vec![], 5)]);
        assert_eq!(
            rows(&db, Some("immigration"), &[CountKey::Speaker]),
            vec![(s(&["Ada Lind"]), 3), (s(&["Ben Ode"]), 1)]
        );
        // Months in time order, most quoted first within one.
        assert_eq!(
            rows(
                &db,
                Some("immigration"),
                &[CountKey::Speaker, CountKey::Month]
            ),
            vec![
                (s(&["Ada Lind", "2025-01"]), 2),
                (s(&["Ada Lind", "2025-02"]), 1),
                (s(&["Ben Ode", "2025-02"]), 1),
            ]
        );
        assert_eq!(
            rows(&db, None, &[CountKey::Outlet]),
            vec![(s(&["Gazette"]), 4), (s(&["Ledger"]), 1)]
        );
        assert_eq!(rows(&db, Some("zzz"), &[CountKey::Kind]), vec![]);
        assert_eq!(rows(&db, Some("!!"), &[]), vec![(vec![], 0)]);
    }

    #[test]
    fn keys_parse_by_name() {
        for k in CountKey::ALL {
            assert_eq!(k.as_str().parse::<CountKey>().unwrap(), k);
        }
        assert!("Outlet".parse::<CountKey>().is_ok());
        assert!("colour".parse::<CountKey>().is_err());
    }
}
