//! The database schema and its versioned migrations.
//!
//! `PRAGMA application_id` says the file is whosaid's ([`recognise`] tells it from an
//! empty or a foreign file); `PRAGMA user_version` holds the number of migrations
//! applied. Opening a database
//! applies the missing ones in one transaction each, so an older file is upgraded in
//! place; a file from a newer whosaid is refused rather than half-understood.
//!
//! The schema these migrations build is checked in as `crates/store/schema.sql` and
//! compared with a fresh database by the test `schema_sql_is_the_live_schema`; after
//! adding a migration, regenerate it with
//! `WHOSAID_WRITE_SCHEMA=1 cargo test -p whosaid-store schema_sql`.

use rusqlite::Connection;

use crate::Error;

/// Migration 1: documents, speakers and quotes (the names are a contract: the claims
/// module writes SQL against them), then [`CLAIMS`].
pub(crate) const V1: &str = r#"
CREATE TABLE documents(
    id        INTEGER PRIMARY KEY,
    doc_key   TEXT NOT NULL,
    hash      TEXT NOT NULL UNIQUE,
    path      TEXT,
    url       TEXT,
    outlet    TEXT,
    title     TEXT,
    published TEXT,              -- YYYY-MM-DD or NULL; never the ingest time
    ingested  TEXT NOT NULL,
    text      TEXT NOT NULL
);
CREATE INDEX documents_key ON documents(doc_key);
CREATE INDEX documents_published ON documents(published);

-- doc_id is set for speakers that exist in one document only (anonymous sources):
-- "a senior official" in two articles is not known to be one person.
CREATE TABLE speakers(
    id     INTEGER PRIMARY KEY,
    name   TEXT NOT NULL,
    kind   TEXT NOT NULL,
    doc_id INTEGER REFERENCES documents(id) ON DELETE CASCADE
);
CREATE INDEX speakers_doc ON speakers(doc_id);

-- norm = fold(alias); last = fold(last word) for multi-word person names, so a bare
-- surname can find its speaker through an index.
CREATE TABLE aliases(
    speaker_id INTEGER NOT NULL REFERENCES speakers(id) ON DELETE CASCADE,
    alias      TEXT NOT NULL,
    norm       TEXT NOT NULL,
    last       TEXT,
    PRIMARY KEY(speaker_id, norm)
) WITHOUT ROWID;
CREATE INDEX aliases_norm ON aliases(norm, speaker_id);
CREATE INDEX aliases_last ON aliases(last, speaker_id) WHERE last IS NOT NULL;

CREATE TABLE roles(
    speaker_id INTEGER NOT NULL REFERENCES speakers(id) ON DELETE CASCADE,
    role       TEXT NOT NULL,
    seen       TEXT,             -- the document's published date
    doc_id     INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE
);
CREATE INDEX roles_speaker ON roles(speaker_id, seen);
CREATE INDEX roles_doc ON roles(doc_id);

-- entity = the name the document gave the speaker; `speakers split` uses it to
-- know which quotes go with an alias.
CREATE TABLE quotes(
    id         INTEGER PRIMARY KEY,
    doc_id     INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    speaker_id INTEGER REFERENCES speakers(id) ON DELETE SET NULL,
    text       TEXT NOT NULL,
    kind       TEXT NOT NULL,
    start      INTEGER NOT NULL,
    end        INTEGER NOT NULL,
    cue        TEXT,
    confidence REAL NOT NULL,
    sentence   INTEGER NOT NULL,
    mention    TEXT,
    role       TEXT,
    entity     TEXT
);
CREATE INDEX quotes_speaker ON quotes(speaker_id, doc_id);
CREATE INDEX quotes_doc ON quotes(doc_id);

-- External-content FTS over quotes.text, kept in step by triggers.
CREATE VIRTUAL TABLE quotes_fts USING fts5(
    text, content='quotes', content_rowid='id',
    tokenize='unicode61 remove_diacritics 2'
);
CREATE TRIGGER quotes_fts_ai AFTER INSERT ON quotes BEGIN
    INSERT INTO quotes_fts(rowid, text) VALUES (new.id, new.text);
END;
CREATE TRIGGER quotes_fts_ad AFTER DELETE ON quotes BEGIN
    INSERT INTO quotes_fts(quotes_fts, rowid, text) VALUES ('delete', old.id, old.text);
END;
CREATE TRIGGER quotes_fts_au AFTER UPDATE OF text ON quotes BEGIN
    INSERT INTO quotes_fts(quotes_fts, rowid, text) VALUES ('delete', old.id, old.text);
    INSERT INTO quotes_fts(rowid, text) VALUES (new.id, new.text);
END;
"#;

/// Migration 1, continued: the claims' tables and indexes.
///
/// `claims.first_quote` is the sighting that opened the claim (the first one ingested,
/// not necessarily the oldest published). `claim_keys` holds `INDEX_KEYS` keys per
/// sighting; `(key, quote_id)` is the primary key so a lookup reads the most recent
/// sightings for a key straight from the index. Migration 4 adds `sightings.terms`
/// and drops `claim_keys`' foreign key and `quote_id` index.
pub(crate) const CLAIMS: &str = r#"
CREATE TABLE claims(
    id          INTEGER PRIMARY KEY,
    first_quote INTEGER NOT NULL
);
CREATE TABLE sightings(
    quote_id INTEGER PRIMARY KEY REFERENCES quotes(id) ON DELETE CASCADE,
    claim_id INTEGER NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
    score    REAL NOT NULL        -- similarity to the sighting it was matched with; 1 for the first
);
CREATE INDEX sightings_claim ON sightings(claim_id);
CREATE TABLE claim_keys(
    key      INTEGER NOT NULL,
    quote_id INTEGER NOT NULL REFERENCES quotes(id) ON DELETE CASCADE,
    PRIMARY KEY(key, quote_id)
) WITHOUT ROWID;
CREATE INDEX claim_keys_quote ON claim_keys(quote_id);
"#;

/// Migration 2: the FTS vocabulary (document frequency per term), so a search can
/// tell a common word from a rare one before choosing how to run.
const V2: &str = r#"
CREATE VIRTUAL TABLE quotes_fts_terms USING fts5vocab(quotes_fts, 'row');
"#;

/// Migration 3: quotes enter the FTS index once per document (since migration 4: once
/// per grouping batch, see `claims`) instead of through a row trigger. FTS5 flushes its
/// pending terms to disk whenever a statement savepoint opens, so with the trigger every
/// later statement of the ingest transaction wrote a tiny segment, which then had to be
/// merged. Deletes and text updates keep their triggers.
const V3: &str = "DROP TRIGGER quotes_fts_ai;";

/// Migration 4: the full-text index and the claims are derived a batch at a time,
/// after the documents are stored (see `claims`), and cheaper to derive:
/// - FTS5 keeps up to 32 MB of pending terms in memory before writing a segment
///   (1 MB by default, which made one batch write and then merge a dozen segments);
/// - each sighting keeps its statement's term hashes, so checking a candidate needs
///   neither its text nor a second tokenization;
/// - `claim_keys` loses its foreign key and its index on `quote_id`: keys are a
///   lookup aid, never deleted one by one (no command deletes quotations), and a key
///   whose quotation is gone is skipped when looked up. The index cost a third of
///   the time spent writing keys;
/// - a speaker's first role in a document is read from its quotes (the `roles_seen`
///   view), so `roles` only keeps further roles: one row per speaker and document
///   was a third of the pages every document's commit wrote.
///
/// The FTS delete and update triggers assume the row is indexed: quotations are never
/// deleted or re-worded; should that change, pending ones must be indexed first.
const V4: &str = r#"
-- Quotations not grouped yet were indexed when stored; from now on their grouping
-- batch indexes them, so they leave the index until it runs.
INSERT INTO quotes_fts(quotes_fts, rowid, text)
    SELECT 'delete', id, text FROM quotes
    WHERE id > (SELECT IFNULL(MAX(quote_id), 0) FROM sightings);
INSERT INTO quotes_fts(quotes_fts, rank) VALUES('hashsize', 33554432);
ALTER TABLE sightings ADD COLUMN terms BLOB;
CREATE TABLE claim_keys_v4(
    key      INTEGER NOT NULL,
    quote_id INTEGER NOT NULL,
    PRIMARY KEY(key, quote_id)
) WITHOUT ROWID;
INSERT INTO claim_keys_v4(key, quote_id) SELECT key, quote_id FROM claim_keys ORDER BY key, quote_id;
DROP TABLE claim_keys;
ALTER TABLE claim_keys_v4 RENAME TO claim_keys;

-- Every role seen, with its speaker, date and document: the first role the document
-- gave a speaker is its quotes' `role`; `roles` keeps only the others.
CREATE VIEW roles_seen(speaker_id, role, seen, doc_id) AS
    SELECT q.speaker_id, q.role, d.published, q.doc_id
    FROM quotes q JOIN documents d ON d.id = q.doc_id
    WHERE q.role IS NOT NULL AND q.speaker_id IS NOT NULL
    UNION ALL
    SELECT speaker_id, role, seen, doc_id FROM roles;
DELETE FROM roles WHERE EXISTS (
    SELECT 1 FROM quotes q
    WHERE q.doc_id = roles.doc_id AND q.speaker_id = roles.speaker_id AND q.role = roles.role
);
"#;

/// One step of a migration.
enum Step {
    /// SQL run as a batch.
    Sql(&'static str),
    /// Regroup every quotation into claims, in the order stored (as ingest did): for
    /// a change to how claim keys are computed (see `claims::sketch`).
    RegroupClaims,
    /// Fill `names` from the stored quotations and relink every block (migration 8).
    LinkSpeakers,
    /// Relink every person block: for a change to which names are one person (the
    /// familiar given names of `text`'s `nicknames.txt`).
    RelinkPeople,
}

/// The migrations in order; entry `i` brings a database from version `i` to `i + 1`.
/// Never edit a released entry: append a new one.
const MIGRATIONS: &[&[Step]] = &[
    &[Step::Sql(V1), Step::Sql(CLAIMS)],
    &[Step::Sql(V2)],
    &[Step::Sql(V3)],
    &[Step::Sql(V4)],
    // Migration 5: claim statements are folded by `text::fold` (canonical
    // decomposition) instead of a table of about 60 accented letters, so the keys of
    // statements with other non-ASCII letters ("ľ", "ŕ", "ẽ", Cyrillic) changed.
    &[Step::RegroupClaims],
    // Migration 6: the file says it is whosaid's (see `recognise`).
    &[Step::Sql(V6)],
    &[Step::Sql(V7)],
    // Migration 8: names decide speakers across articles (see `linking`).
    &[Step::Sql(V8), Step::LinkSpeakers],
    // Migration 9: the full-text index stems words, and claims are regrouped under
    // the founding-statement test (see `claims::group`) with the synonyms of
    // `claim_synonyms.txt` (which change statements' terms and keys).
    &[Step::Sql(V9), Step::RegroupClaims],
    // Migration 10: claim terms are Snowball stems (`rust-stemmers`) with synonym
    // phrases ("give back") and more synonym groups, which change statements' terms
    // and keys (see `claims::text`).
    &[Step::RegroupClaims],
    // Migration 11: a statement whose subject is a pronoun (or missing) is a sighting
    // only of its own speaker's claims, and one with too little content only of its
    // own article's (`sightings.bound`, see `claims::statement::Binding`).
    &[Step::Sql(V11), Step::RegroupClaims],
    // Migration 12: words no known speaker said are a sighting only of their own
    // article's claims (see `claims::statement::Scope::may_join`).
    &[Step::RegroupClaims],
    // Migration 13: title words before a name count with the name, and a figure's
    // number and unit are not shared content (see `claims::text::title_words_name`,
    // `claims::similarity::share_more_than_names`), which changes stored term marks
    // and who joins which claim.
    &[Step::RegroupClaims],
    // Migration 14: a demand ("should") joins only a demand, and figures only figures
    // of a kind in common (percent or not); `sightings.bound` keeps both (see
    // `claims::statement::Binding`).
    &[Step::RegroupClaims],
    // Migration 15: a claim founded by a phrase with no verb takes only statements that
    // repeat the phrase; `sightings.bound` keeps whether a statement is one (see
    // `claims::statement::Binding::phrase`, `claims::similarity::close_to_founder`).
    // A title written with a hyphen ("front-runner") counts with the name after it,
    // which changes stored term marks (see `claims::text::title_words_name`).
    &[Step::RegroupClaims],
    // Migration 16: two statements that both give a figure for different things (a
    // different opening, or a word swapped: see `claims::similarity::different_things`)
    // are different claims; verbs of change show a clause (claim_clause_words.txt,
    // `sightings.bound`); new synonyms (close/shut, spent, ...) and approximators
    // (nearly, at least) change stored terms.
    &[Step::RegroupClaims],
    // Migration 17: a verb that only joins a figure ("stood at", "reached") is no term
    // right before the number (claim_figure_verbs.txt), and two statements giving a
    // figure of the same unit compare their shared words' order, not adjacent pairs
    // (see `claims::similarity::figure_similarity`); a few words in the place of a few
    // others give a figure of another thing (`different_things`); new synonyms
    // (company/firm, agreement/deal, grew/jumped for rose, ...) change stored terms.
    &[Step::RegroupClaims],
    // Migration 18: more familiar given names ("Geoff" for Geoffrey, "Stan" for
    // Stanley) make more names one person.
    &[Step::RelinkPeople],
];

/// Migration 11: each sighting keeps its statement's binding (bits of
/// `claims::statement::Binding`), so a later statement can tell whether the claim's
/// founding statement means what it says from anyone. The regroup that follows fills
/// it.
const V11: &str = "ALTER TABLE sightings ADD COLUMN bound INTEGER NOT NULL DEFAULT 0;";

/// Migration 9: `quotes_fts` recreated with the `porter` tokenizer (English stems over
/// `unicode61`), so a search for "immigrant" finds "immigrants"; refilled with the
/// grouped quotations only (pending ones join it with their grouping batch, see
/// `claims`). The `quotes_fts_terms` vocabulary reads the new table by name, and the
/// delete and update triggers write to it by name, so neither changes.
const V9: &str = r#"
DROP TABLE quotes_fts;
CREATE VIRTUAL TABLE quotes_fts USING fts5(
    text, content='quotes', content_rowid='id',
    tokenize='porter unicode61 remove_diacritics 2'
);
INSERT INTO quotes_fts(quotes_fts, rank) VALUES('hashsize', 33554432);
INSERT INTO quotes_fts(rowid, text)
    SELECT id, text FROM quotes
    WHERE id <= (SELECT IFNULL(MAX(quote_id), 0) FROM sightings);
"#;

/// Migration 7: a quotation interrupted by its attribution keeps the byte spans of
/// the words said (a JSON array of `[start, end]` pairs; NULL when the whole span was
/// said). Quotations stored before keep NULL: their text is the whole span, as before.
const V7: &str = "ALTER TABLE quotes ADD COLUMN parts TEXT;";

/// Migration 8: every name quotations were attributed to and the speaker it belongs
/// to; aliases remember the name they came with.
const V8: &str = r#"
CREATE TABLE names(
    kind       TEXT NOT NULL,
    norm       TEXT NOT NULL,     -- the folded name (text::fold::name_key)
    name       TEXT NOT NULL,     -- its least spelling
    block      TEXT NOT NULL,     -- names link only within a block: a person's surname
    speaker_id INTEGER NOT NULL REFERENCES speakers(id) ON DELETE CASCADE,
    quotes     INTEGER NOT NULL DEFAULT 0,
    pinned     INTEGER NOT NULL DEFAULT 0,  -- the user decided: relinking never moves it
    PRIMARY KEY(kind, norm)
) WITHOUT ROWID;
CREATE INDEX names_block ON names(block);
CREATE INDEX names_speaker ON names(speaker_id);
ALTER TABLE aliases ADD COLUMN node TEXT;
"#;

/// `PRAGMA application_id` of a whosaid database: "WSAD".
pub const APPLICATION_ID: i32 = 0x5753_4144;

/// Migration 6: stamp the application id.
const V6: &str = "PRAGMA application_id = 1465073988;";

/// The oldest schema this build's queries can read without migrating: migration 6
/// only stamps the application id. Read-only commands refuse older files (an upgrade
/// needs a command that writes); keep this in step when a migration changes what the
/// queries read.
pub const READABLE_FROM: i64 = 5;

/// The tables migration 1 creates: a file with all of them and no application id is
/// a whosaid database made before migration 6.
const V1_TABLES: &[&str] = &[
    "documents",
    "speakers",
    "aliases",
    "roles",
    "quotes",
    "claims",
    "sightings",
    "claim_keys",
];

/// What an SQLite file holds, as far as whosaid is concerned.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Found {
    /// No tables, no version, no application id: a new file, whosaid's to set up.
    Empty,
    /// A whosaid database with this schema version.
    Whosaid(i64),
}

/// Tell a whosaid database (by its application id, or for files made before
/// migration 6, its version and tables) or an empty file from anything else, which is
/// [`Error::Foreign`]. Only reads.
pub(crate) fn recognise(conn: &Connection) -> Result<Found, Error> {
    // One read transaction, so that the id, the version and the tables are read from
    // one snapshot: another process may commit migration 1 between two statements.
    // (Dropped at the end, it rolls back: nothing was written.)
    let conn = conn.unchecked_transaction()?;
    let app: i32 = match conn.query_row("PRAGMA application_id", [], |r| r.get(0)) {
        Ok(app) => app,
        Err(e) if e.sqlite_error_code() == Some(rusqlite::ErrorCode::NotADatabase) => {
            return Err(Error::Foreign("not an SQLite database".into()));
        }
        Err(e) => return Err(e.into()),
    };
    let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if app == APPLICATION_ID {
        return Ok(Found::Whosaid(version));
    }
    if app != 0 {
        return Err(Error::Foreign(format!(
            "its application id is {app:#x}, whosaid's is {APPLICATION_ID:#x}"
        )));
    }
    let mut st = conn.prepare(
        "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite%' \
         ORDER BY name",
    )?;
    let tables: Vec<String> = st.query_map([], |r| r.get(0))?.collect::<Result<_, _>>()?;
    if tables.is_empty() && version == 0 {
        return Ok(Found::Empty);
    }
    if version > 0 && V1_TABLES.iter().all(|t| tables.iter().any(|n| n == t)) {
        return Ok(Found::Whosaid(version));
    }
    let shown: Vec<&str> = tables.iter().take(5).map(String::as_str).collect();
    Err(Error::Foreign(match tables.len() {
        0 => format!("no tables, but user_version {version}"),
        n if n > shown.len() => format!(
            "it has tables {}, and {} more",
            shown.join(", "),
            n - shown.len()
        ),
        _ => format!("it has tables {}", shown.join(", ")),
    }))
}

/// The schema version this build writes: the number of migrations.
pub const VERSION: i64 = MIGRATIONS.len() as i64;

/// Bring the schema up to [`VERSION`], or refuse a newer one.
pub(crate) fn migrate(conn: &mut Connection) -> Result<(), Error> {
    let found: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if found > VERSION {
        return Err(Error::NewerSchema {
            found,
            supported: VERSION,
        });
    }
    if found == VERSION {
        return Ok(());
    }
    // IMMEDIATE takes the write lock up front, so two processes opening a fresh file at
    // once cannot both apply migration 1; the loser re-reads the version.
    let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
    let mut version: i64 = tx.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if version > VERSION {
        return Err(Error::NewerSchema {
            found: version,
            supported: VERSION,
        });
    }
    let todo = &MIGRATIONS[usize::try_from(version).unwrap_or(0).min(MIGRATIONS.len())..];
    // Only the last regrouping counts: it clears every claim an earlier one made, and
    // an earlier one runs this build's grouping against an older schema (without the
    // columns it writes).
    let last_regroup = todo
        .iter()
        .rposition(|m| m.iter().any(|s| matches!(s, Step::RegroupClaims)));
    for (i, migration) in todo.iter().enumerate() {
        for step in migration.iter() {
            let done = match step {
                Step::Sql(sql) => tx.execute_batch(sql).map_err(Error::from),
                Step::RegroupClaims if Some(i) != last_regroup => Ok(()),
                Step::RegroupClaims => crate::claims::group::regroup_in(&tx).map(|_| ()),
                Step::LinkSpeakers => crate::linking::build_names(&tx),
                Step::RelinkPeople => crate::linking::relink_people(&tx),
            };
            done.map_err(|e| Error::Migration {
                version: version + 1,
                reason: reason(e),
            })?;
        }
        version += 1;
    }
    // PRAGMA takes no bound parameters; `version` is our own integer, not input.
    tx.execute_batch(&format!("PRAGMA user_version = {version}"))?;
    tx.commit()?;
    Ok(())
}

/// What went wrong in a migration step, without the step's SQL: rusqlite's message
/// for a statement SQLite rejects quotes the whole batch, which for migration 1 is
/// the whole schema.
fn reason(e: Error) -> String {
    match e {
        Error::Sqlite(rusqlite::Error::SqlInputError { msg, .. }) => msg,
        Error::Sqlite(rusqlite::Error::SqliteFailure(code, Some(msg))) => {
            format!("{msg} ({:?})", code.code)
        }
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The live schema of `conn`, one statement a line group, in a stable order: what
    /// `schema.sql` holds.
    fn live_schema(conn: &Connection) -> Result<String, Error> {
        let mut st = conn.prepare(
            "SELECT type, name, sql FROM sqlite_schema WHERE sql IS NOT NULL \
             ORDER BY CASE type WHEN 'table' THEN 0 WHEN 'index' THEN 1 WHEN 'view' THEN 2 \
             ELSE 3 END, name",
        )?;
        let rows = st.query_map([], |r| r.get::<_, String>(2))?;
        let mut out = String::from(
            "-- The whosaid store's schema after every migration (generated: see schema.rs).\n",
        );
        for sql in rows {
            out.push('\n');
            out.push_str(&sql?);
            out.push_str(";\n");
        }
        Ok(out)
    }

    /// `schema.sql` is the schema a fresh database gets; `WHOSAID_WRITE_SCHEMA=1`
    /// rewrites it after a new migration.
    #[test]
    fn schema_sql_is_the_live_schema() {
        let db = crate::Store::open_in_memory().unwrap();
        let live = live_schema(db.conn()).unwrap();
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/schema.sql");
        if std::env::var_os("WHOSAID_WRITE_SCHEMA").is_some() {
            std::fs::write(path, &live).unwrap();
        }
        let file = std::fs::read_to_string(path).unwrap_or_default();
        assert!(
            file == live,
            "schema.sql is stale: run WHOSAID_WRITE_SCHEMA=1 cargo test -p whosaid-store schema_sql"
        );
    }
}
