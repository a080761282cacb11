//! Kinds as SQL values: `quotes.kind` and `speakers.kind` hold the lower-case names of
//! [`QuoteKind`] and [`EntityKind`] (their `as_str`), read back through `FromStr`, so
//! a row can never carry a kind the program does not know.
//!
//! The traits are rusqlite's and the enums attrib's, so the conversions go through the
//! [`Kind`] newtype, the pattern rusqlite's `types` module documents.

use std::str::FromStr;

use attrib::{EntityKind, QuoteKind};
use rusqlite::Row;
use rusqlite::types::{FromSql, FromSqlError, FromSqlResult, ToSql, ToSqlOutput, ValueRef};

/// A kind as a column value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Kind<T>(pub(crate) T);

impl ToSql for Kind<QuoteKind> {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(ToSqlOutput::from(self.0.as_str()))
    }
}

impl ToSql for Kind<EntityKind> {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(ToSqlOutput::from(self.0.as_str()))
    }
}

impl<T> FromSql for Kind<T>
where
    T: FromStr<Err = attrib::UnknownKind>,
{
    fn column_result(value: ValueRef<'_>) -> FromSqlResult<Kind<T>> {
        value
            .as_str()?
            .parse()
            .map(Kind)
            .map_err(|e| FromSqlError::Other(Box::new(e)))
    }
}

/// Column `i` of `row` as a kind.
pub(crate) fn kind_at<T>(row: &Row<'_>, i: usize) -> rusqlite::Result<T>
where
    T: FromStr<Err = attrib::UnknownKind>,
{
    row.get::<_, Kind<T>>(i).map(|k| k.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_round_trip_through_sql() {
        let conn = rusqlite::Connection::open_in_memory().unwrap();
        for k in [QuoteKind::Direct, QuoteKind::Indirect, QuoteKind::Mixed] {
            let back: Kind<QuoteKind> = conn
                .query_row("SELECT ?1", [Kind(k)], |r| r.get(0))
                .unwrap();
            assert_eq!(back.0, k);
            assert_eq!(k.as_str().parse::<QuoteKind>().unwrap(), k);
        }
        for k in [
            EntityKind::Person,
            EntityKind::Organization,
            EntityKind::Anonymous,
            EntityKind::Other,
        ] {
            let back: EntityKind = conn
                .query_row("SELECT ?1", [Kind(k)], |r| kind_at(r, 0))
                .unwrap();
            assert_eq!(back, k);
        }
        let bad = conn.query_row("SELECT 'quoted'", [], |r| kind_at::<QuoteKind>(r, 0));
        assert!(bad.is_err());
    }
}
