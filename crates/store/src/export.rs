//! Reading whole tables, a row at a time, for export to analytics formats.
//!
//! Each function walks one table in id order through one statement and hands every
//! row to a callback, so an export holds one row (and whatever the caller batches),
//! never the table. Every join is by primary key or index; no query scans a table
//! once per row.

use attrib::Date;
use rusqlite::Row;

use crate::{Error, Store};

/// One quotation with its document and speaker, as exported.
#[derive(Clone, Debug, PartialEq)]
pub struct QuotationExport {
    /// The quotation's id.
    pub id: i64,
    /// The document's key (its JSON `id` or file name).
    pub doc_key: String,
    /// The document's publication date.
    pub published: Option<Date>,
    /// The document's outlet.
    pub outlet: Option<String>,
    /// The document's headline.
    pub title: Option<String>,
    /// The document's URL.
    pub url: Option<String>,
    /// The speaker's id.
    pub speaker_id: Option<i64>,
    /// The speaker's display name (as corrected, not as the document gave it).
    pub speaker: Option<String>,
    /// The speaker's kind: person, organization, anonymous, other.
    pub speaker_kind: Option<String>,
    /// The role the document gave the speaker.
    pub role: Option<String>,
    /// Direct, indirect or mixed.
    pub kind: String,
    /// The quoted words.
    pub text: String,
    /// The speech cue.
    pub cue: Option<String>,
    /// The mention naming the speaker at this quote.
    pub mention: Option<String>,
    /// Confidence in [0, 1].
    pub confidence: f64,
    /// Byte offset of the quotation in the document's text.
    pub start: i64,
    /// Byte offset one past its end.
    pub end: i64,
    /// Index of the sentence where it starts.
    pub sentence: i64,
    /// The claim it was grouped into (none until grouped).
    pub claim_id: Option<i64>,
}

/// One speaker with every alias and how many quotations it has.
#[derive(Clone, Debug, PartialEq)]
pub struct SpeakerExport {
    /// The speaker's id.
    pub id: i64,
    /// Display name.
    pub name: String,
    /// Person, organization, anonymous or other.
    pub kind: String,
    /// Every name it is known by, in folded-name order.
    pub aliases: Vec<String>,
    /// Quotations attributed to it.
    pub quotes: i64,
}

/// One claim: the statement that opened it and when it was seen.
#[derive(Clone, Debug, PartialEq)]
pub struct ClaimExport {
    /// The claim's id.
    pub id: i64,
    /// The quotation that opened it.
    pub first_quote: i64,
    /// That quotation's words.
    pub text: String,
    /// Quotations grouped into it.
    pub sightings: i64,
    /// The earliest publication date of a sighting.
    pub first_seen: Option<Date>,
    /// The latest.
    pub last_seen: Option<Date>,
}

/// One quotation's place in a claim.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct SightingExport {
    /// The quotation.
    pub quote_id: i64,
    /// The claim.
    pub claim_id: i64,
    /// Similarity to the sighting it was matched with; 1 for the first.
    pub score: f64,
}

impl Store {
    /// Every quotation, in id order.
    pub fn export_quotations<E: From<Error>>(
        &self,
        mut each: impl FnMut(QuotationExport) -> Result<(), E>,
    ) -> Result<(), E> {
        self.each_row(
            "SELECT q.id, d.doc_key, d.published, d.outlet, d.title, d.url, q.speaker_id, \
             s.name, s.kind, q.role, q.kind, q.text, q.cue, q.mention, q.confidence, \
             q.start, q.end, q.sentence, g.claim_id \
             FROM quotes q JOIN documents d ON d.id = q.doc_id \
             LEFT JOIN speakers s ON s.id = q.speaker_id \
             LEFT JOIN sightings g ON g.quote_id = q.id \
             ORDER BY q.id",
            |r| {
                Ok(QuotationExport {
                    id: r.get(0)?,
                    doc_key: r.get(1)?,
                    published: r.get(2)?,
                    outlet: r.get(3)?,
                    title: r.get(4)?,
                    url: r.get(5)?,
                    speaker_id: r.get(6)?,
                    speaker: r.get(7)?,
                    speaker_kind: r.get(8)?,
                    role: r.get(9)?,
                    kind: r.get(10)?,
                    text: r.get(11)?,
                    cue: r.get(12)?,
                    mention: r.get(13)?,
                    confidence: r.get(14)?,
                    start: r.get(15)?,
                    end: r.get(16)?,
                    sentence: r.get(17)?,
                    claim_id: r.get(18)?,
                })
            },
            &mut each,
        )
    }

    /// Every speaker, in id order, with its aliases.
    pub fn export_speakers<E: From<Error>>(
        &self,
        mut each: impl FnMut(SpeakerExport) -> Result<(), E>,
    ) -> Result<(), E> {
        // Aliases come from a second statement in the same speaker order (the
        // primary key's) and are merged in step: one pass over each table.
        let mut stmt = self
            .conn
            .prepare("SELECT speaker_id, alias FROM aliases ORDER BY speaker_id, norm")
            .map_err(Error::from)?;
        let mut aliases = stmt
            .query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))
            .map_err(Error::from)?
            .peekable();
        self.each_row(
            "SELECT s.id, s.name, s.kind, \
             (SELECT count(*) FROM quotes q WHERE q.speaker_id = s.id) \
             FROM speakers s ORDER BY s.id",
            |r| {
                Ok(SpeakerExport {
                    id: r.get(0)?,
                    name: r.get(1)?,
                    kind: r.get(2)?,
                    aliases: Vec::new(),
                    quotes: r.get(3)?,
                })
            },
            &mut |mut s: SpeakerExport| {
                // Aliases of speakers that no longer exist are skipped on the way; an
                // error is taken and returned.
                while let Some(next) = aliases.next_if(|a| !a.as_ref().is_ok_and(|a| a.0 > s.id)) {
                    let (id, alias) = next.map_err(Error::from)?;
                    if id == s.id {
                        s.aliases.push(alias);
                    }
                }
                each(s)
            },
        )
    }

    /// Every claim that has sightings, in id order.
    pub fn export_claims<E: From<Error>>(
        &self,
        mut each: impl FnMut(ClaimExport) -> Result<(), E>,
    ) -> Result<(), E> {
        self.each_row(
            "SELECT c.id, c.first_quote, fq.text, count(*), min(d.published), max(d.published) \
             FROM sightings g JOIN claims c ON c.id = g.claim_id \
             JOIN quotes q ON q.id = g.quote_id JOIN documents d ON d.id = q.doc_id \
             JOIN quotes fq ON fq.id = c.first_quote \
             GROUP BY g.claim_id ORDER BY g.claim_id",
            |r| {
                Ok(ClaimExport {
                    id: r.get(0)?,
                    first_quote: r.get(1)?,
                    text: r.get(2)?,
                    sightings: r.get(3)?,
                    first_seen: r.get(4)?,
                    last_seen: r.get(5)?,
                })
            },
            &mut each,
        )
    }

    /// Every sighting, in quotation order.
    pub fn export_sightings<E: From<Error>>(
        &self,
        mut each: impl FnMut(SightingExport) -> Result<(), E>,
    ) -> Result<(), E> {
        self.each_row(
            "SELECT quote_id, claim_id, score FROM sightings ORDER BY quote_id",
            |r| {
                Ok(SightingExport {
                    quote_id: r.get(0)?,
                    claim_id: r.get(1)?,
                    score: r.get(2)?,
                })
            },
            &mut each,
        )
    }

    /// Run `sql`, turn each row into a `T` and hand it to `each`, stopping at the
    /// first error of either.
    fn each_row<T, E: From<Error>>(
        &self,
        sql: &str,
        row: impl Fn(&Row<'_>) -> rusqlite::Result<T>,
        each: &mut dyn FnMut(T) -> Result<(), E>,
    ) -> Result<(), E> {
        let mut stmt = self.conn.prepare(sql).map_err(Error::from)?;
        let mut rows = stmt.query([]).map_err(Error::from)?;
        while let Some(r) = rows.next().map_err(Error::from)? {
            each(row(r).map_err(Error::from)?)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use attrib::EntityKind::{Anonymous, Person};
    use attrib::testutil::Article;

    use super::*;

    fn add(db: &mut Store, id: &str, who: &str, kind: attrib::EntityKind, words: &str) {
        let (mut doc, ex) = Article::new().quote(who, kind, None, words).build(id);
        doc.date = Some("2025-01-02".parse().unwrap());
        db.ingest(&doc, &ex).unwrap();
    }

    fn all<T>(
        f: impl FnOnce(&mut dyn FnMut(T) -> Result<(), Error>) -> Result<(), Error>,
    ) -> Vec<T> {
        let mut v = Vec::new();
        f(&mut |row| {
            v.push(row);
            Ok(())
        })
        .unwrap();
        v
    }

    #[test]
    fn tables_come_whole_with_aliases_in_step() {
        let mut db = Store::open_in_memory().unwrap();
        add(
            &mut db,
            "1",
            "Recep Tayyip Erdoğan",
            Person,
            "peace between the two nations is near,",
        );
        add(
            &mut db,
            "2",
            "President Erdogan",
            Person,
            "peace between the two nations is near,",
        );
        add(
            &mut db,
            "3",
            "a senior official",
            Anonymous,
            "talks went well,",
        );
        // The title and surname alone join the full name (see `linking`).
        let keep = db.find_speaker("recep tayyip erdogan").unwrap();
        assert_eq!(db.find_speaker("president erdogan").unwrap(), keep);
        db.group_claims().unwrap();

        let speakers = all(|f| db.export_speakers(f));
        assert_eq!(speakers.len(), 2);
        let erdogan = speakers.iter().find(|s| s.id == keep).unwrap();
        assert_eq!(erdogan.quotes, 2);
        assert_eq!(erdogan.aliases.len(), 2, "{:?}", erdogan.aliases);
        let official = speakers.iter().find(|s| s.id != keep).unwrap();
        assert_eq!(official.aliases, ["a senior official"]);
        assert_eq!(official.kind, "anonymous");

        let quotes = all(|f| db.export_quotations(f));
        assert_eq!(quotes.len(), 3);
        assert!(quotes.windows(2).all(|w| w[0].id < w[1].id));
        assert_eq!(quotes[1].speaker_id, Some(keep));
        assert_eq!(
            quotes[1].published.map(|d| d.to_string()).as_deref(),
            Some("2025-01-02")
        );

        let sightings = all(|f| db.export_sightings(f));
        assert_eq!(sightings.len(), 3);
        let claims = all(|f| db.export_claims(f));
        let total: i64 = claims.iter().map(|c| c.sightings).sum();
        assert_eq!(total, 3);
        assert!(claims.iter().any(|c| c.sightings == 2), "{claims:?}");
    }

    #[test]
    fn a_callback_error_stops_the_walk() {
        let mut db = Store::open_in_memory().unwrap();
        add(&mut db, "1", "Ann Lee", Person, "one,");
        add(&mut db, "2", "Bo Chen", Person, "two,");
        let mut seen = 0;
        let r = db.export_quotations(|_| {
            seen += 1;
            Err(Error::from(rusqlite::Error::InvalidQuery))
        });
        assert!(r.is_err());
        assert_eq!(seen, 1);
    }
}
