//! What the HTML report (`whosaid report`) reads beyond the other queries: a speaker's
//! role history.

use attrib::Date;
use serde::Serialize;

use crate::{Error, Store};

/// One role a speaker was given, and when.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct RoleSpan {
    /// The role as written ("Interior Minister").
    pub role: String,
    /// The earliest publication date of a document giving it.
    pub first_seen: Option<Date>,
    /// The latest one.
    pub last_seen: Option<Date>,
    /// In how many documents.
    pub documents: i64,
}

impl Store {
    /// Every role `speaker` (an id) was given, the earliest first (undated ones last):
    /// from the quotations' roles and the roles seen beside their names.
    pub fn role_history(&self, speaker: i64) -> Result<Vec<RoleSpan>, Error> {
        let mut st = self.conn.prepare_cached(
            "SELECT role, min(seen), max(seen), count(DISTINCT doc_id) FROM roles_seen \
             WHERE speaker_id = ?1 GROUP BY role \
             ORDER BY min(seen) IS NULL, min(seen), role",
        )?;
        let rows = st.query_map([speaker], |r| {
            Ok(RoleSpan {
                role: r.get(0)?,
                first_seen: r.get(1)?,
                last_seen: r.get(2)?,
                documents: r.get(3)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}

#[cfg(test)]
mod tests {
    use attrib::EntityKind;
    use attrib::testutil::Article;

    use crate::Store;

    #[test]
    fn roles_come_oldest_first() {
        let mut db = Store::open_in_memory().unwrap();
        for (id, date, role) in [
            ("a", "2025-02-01", "Deputy Prime Minister"),
            ("b", "2025-01-01", "Interior Minister"),
            ("c", "2025-01-15", "Interior Minister"),
        ] {
            let (mut doc, ex) = Article::new()
                .quote(
                    "Ada Lind",
                    EntityKind::Person,
                    Some(role),
                    &format!("Words of {id},"),
                )
                .build(id);
            doc.date = Some(date.parse().unwrap());
            db.ingest(&doc, &ex).unwrap();
        }
        let id = db.speaker_ids("Ada Lind").unwrap()[0];
        let roles = db.role_history(id).unwrap();
        let got: Vec<(&str, String, String, i64)> = roles
            .iter()
            .map(|r| {
                (
                    r.role.as_str(),
                    r.first_seen.unwrap().to_string(),
                    r.last_seen.unwrap().to_string(),
                    r.documents,
                )
            })
            .collect();
        assert_eq!(
            got,
            vec![
                (
                    "Interior Minister",
                    "2025-01-01".into(),
                    "2025-01-15".into(),
                    2
                ),
                (
                    "Deputy Prime Minister",
                    "2025-02-01".into(),
                    "2025-02-01".into(),
                    1
                ),
            ]
        );
    }
}
