//! Store tests with hand-built extractions (the extractor is tested elsewhere).

use attrib::testutil::Article;
use attrib::{Document, EntityKind, Extraction, QuoteKind, Span};

use crate::*;

/// A document whose quotes are `(speaker name, kind, words)`, each speaker with the
/// role "role of NAME".
fn article(
    id: &str,
    date: Option<&str>,
    quotes: &[(&str, EntityKind, &str)],
) -> (Document, Extraction) {
    let mut a = Article::new();
    for (name, kind, words) in quotes {
        a = a.quote(name, *kind, Some(&format!("role of {name}")), words);
    }
    let (mut doc, ex) = a.build(id);
    doc.date = date.map(|d| d.parse().unwrap());
    (doc, ex)
}

fn add(db: &mut Store, id: &str, date: Option<&str>, q: &[(&str, EntityKind, &str)]) -> i64 {
    let (doc, ex) = article(id, date, q);
    match db.ingest(&doc, &ex).unwrap() {
        IngestOutcome::Added { doc_id, .. } => doc_id,
        other => panic!("{other:?}"),
    }
}

fn texts_of(db: &Store, speaker: &str) -> Vec<String> {
    let f = QuoteFilter {
        speaker: Some(speaker.into()),
        ..Default::default()
    };
    let mut v: Vec<String> = db.quotes(&f).unwrap().into_iter().map(|r| r.text).collect();
    v.sort();
    v
}

use EntityKind::{Anonymous, Organization, Person};

#[test]
fn fresh_database_gets_current_version() {
    let db = Store::open_in_memory().unwrap();
    let v: i64 = db
        .conn()
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(v, schema::VERSION);
    db.check().unwrap();
}

#[test]
fn a_database_created_for_ingest_is_filled_with_a_journal_then_switched_to_wal() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("new.db");
    let mode = |db: &Store| -> String {
        db.conn()
            .query_row("PRAGMA journal_mode", [], |r| r.get(0))
            .unwrap()
    };
    let db = Store::open_for_ingest(&path).unwrap();
    assert_eq!(mode(&db), "delete");
    let sync: i64 = db
        .conn()
        .query_row("PRAGMA synchronous", [], |r| r.get(0))
        .unwrap();
    assert_eq!(
        sync, 2,
        "FULL: a rollback journal survives a power cut only so"
    );
    db.close().unwrap();
    let db = Store::open_read_only(&path).unwrap();
    assert_eq!(mode(&db), "wal");
    drop(db);
    // A database that exists already is written through its WAL from the start.
    let db = Store::open_for_ingest(&path).unwrap();
    assert_eq!(mode(&db), "wal");
    drop(db);
    // Left unclosed, the next write open switches it.
    let other = dir.path().join("dropped.db");
    drop(Store::open_for_ingest(&other).unwrap());
    let db = Store::open(&other).unwrap();
    assert_eq!(mode(&db), "wal");
    db.check().unwrap();
}

#[test]
fn newer_schema_is_refused_and_older_is_migrated() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("x.db");
    {
        // Another application's file: refused, untouched.
        let c = rusqlite::Connection::open(&path).unwrap();
        c.execute_batch("CREATE TABLE unrelated(x)").unwrap();
    }
    let before = std::fs::read(&path).unwrap();
    assert!(matches!(Store::open(&path), Err(Error::Foreign(_))));
    assert!(matches!(
        Store::open_read_only(&path),
        Err(Error::Foreign(_))
    ));
    assert_eq!(std::fs::read(&path).unwrap(), before);
    // Version 0: an SQLite file with nothing in it yet.
    std::fs::remove_file(&path).unwrap();
    drop(rusqlite::Connection::open(&path).unwrap());
    assert!(matches!(
        Store::open_read_only(&path),
        Err(Error::OlderSchema { found: 0, .. })
    ));
    let db = Store::open(&path).unwrap();
    assert_eq!(db.stats().unwrap(), Stats::default());
    db.conn().execute_batch("PRAGMA user_version = 99").unwrap();
    drop(db);
    match Store::open(&path) {
        Err(Error::NewerSchema {
            found: 99,
            supported,
        }) => assert_eq!(supported, schema::VERSION),
        Err(e) => panic!("{e}"),
        Ok(_) => panic!("opened a newer database"),
    }
}

#[test]
fn duplicate_content_is_a_no_op() {
    let mut db = Store::open_in_memory().unwrap();
    let (doc, ex) = article("a", None, &[("Hakan Fidan", Person, "We will talk")]);
    let first = db.ingest(&doc, &ex).unwrap();
    let IngestOutcome::Added {
        doc_id,
        quotes: 1,
        new_speakers: 1,
    } = first
    else {
        panic!("{first:?}")
    };
    let mut renamed = doc.clone();
    renamed.id = "other-name".into();
    assert_eq!(
        db.ingest(&renamed, &ex).unwrap(),
        IngestOutcome::Duplicate { doc_id }
    );
    let s = db.stats().unwrap();
    assert_eq!((s.documents, s.quotes, s.speakers), (1, 1, 1));
}

#[test]
fn published_date_precedence() {
    let mut db = Store::open_in_memory().unwrap();
    let opts = IngestOptions {
        fallback_date: Some("2020-01-02".parse().unwrap()),
        path: None,
    };
    let (dated, ex1) = article("dated", Some("2019-05-05"), &[("A B", Person, "one")]);
    let (undated, ex2) = article("undated", None, &[("A B", Person, "two")]);
    let (bare, ex3) = article("bare", None, &[("A B", Person, "three")]);
    db.ingest_with(&dated, &ex1, &opts).unwrap();
    db.ingest_with(&undated, &ex2, &opts).unwrap();
    db.ingest(&bare, &ex3).unwrap();
    assert_eq!(
        db.document("dated")
            .unwrap()
            .published
            .map(|d| d.to_string())
            .as_deref(),
        Some("2019-05-05")
    );
    assert_eq!(
        db.document("undated")
            .unwrap()
            .published
            .map(|d| d.to_string())
            .as_deref(),
        Some("2020-01-02")
    );
    assert_eq!(db.document("bare").unwrap().published, None);
}

#[test]
fn speakers_join_across_documents() {
    let mut db = Store::open_in_memory().unwrap();
    add(
        &mut db,
        "1",
        Some("2025-01-01"),
        &[("Vladimir Medinsky", Person, "first")],
    );
    add(
        &mut db,
        "2",
        Some("2025-01-02"),
        &[("VLADIMIR MEDÍNSKY", Person, "second")],
    );
    add(
        &mut db,
        "3",
        Some("2025-01-03"),
        &[("Medinsky", Person, "third")],
    );
    assert_eq!(
        texts_of(&db, "vladimir medinsky"),
        ["first", "second", "third"]
    );
    assert_eq!(db.stats().unwrap().speakers, 1);
    let sp = db.speakers(&SpeakerFilter::default()).unwrap();
    assert_eq!(sp[0].quotes, 3);
    assert_eq!(
        sp[0].first_seen.map(|d| d.to_string()).as_deref(),
        Some("2025-01-01")
    );
    assert_eq!(
        sp[0].last_seen.map(|d| d.to_string()).as_deref(),
        Some("2025-01-03")
    );
    assert_eq!(sp[0].aliases.len(), 2, "{:?}", sp[0].aliases);
    assert_eq!(sp[0].roles.len(), 3);
}

#[test]
fn shared_surname_stays_apart() {
    let mut db = Store::open_in_memory().unwrap();
    add(&mut db, "1", None, &[("John Smith", Person, "john")]);
    add(&mut db, "2", None, &[("Jane Smith", Person, "jane")]);
    add(&mut db, "3", None, &[("Smith", Person, "which")]);
    add(&mut db, "4", None, &[("Smith", Person, "which again")]);
    assert_eq!(texts_of(&db, "John Smith"), ["john"]);
    assert_eq!(texts_of(&db, "Jane Smith"), ["jane"]);
    // The bare surname gets a speaker of its own rather than a guess.
    let id = db.find_speaker("Smith").unwrap();
    assert_eq!(texts_of(&db, &id.to_string()), ["which", "which again"]);
    // A name that is no alias but fits both full names is ambiguous, with candidates.
    match db.find_speaker("Mr. Smith") {
        Err(Error::AmbiguousSpeaker { candidates, .. }) => {
            let names: Vec<&str> = candidates.iter().map(|c| c.name.as_str()).collect();
            assert_eq!(names, ["Smith", "John Smith", "Jane Smith"]);
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn full_name_joins_an_earlier_bare_surname() {
    let mut db = Store::open_in_memory().unwrap();
    add(&mut db, "1", None, &[("Medinsky", Person, "bare")]);
    add(&mut db, "2", None, &[("Vladimir Medinsky", Person, "full")]);
    add(&mut db, "3", None, &[("Medinsky", Person, "bare again")]);
    assert_eq!(db.stats().unwrap().speakers, 1);
    let mut all = texts_of(&db, "Vladimir Medinsky");
    all.sort();
    assert_eq!(all, ["bare", "bare again", "full"]);
    let sp = db.speakers(&SpeakerFilter::default()).unwrap();
    assert_eq!(sp[0].name, "Vladimir Medinsky");
    // A second full name with that surname, as well attested, is someone else, and
    // from then on the bare surname is ambiguous: it is a speaker of its own again.
    add(&mut db, "4", None, &[("Anna Medinsky", Person, "anna")]);
    assert_eq!(texts_of(&db, "Anna Medinsky"), ["anna"]);
    assert_eq!(texts_of(&db, "Vladimir Medinsky"), ["full"]);
    assert_eq!(texts_of(&db, "Medinsky"), ["bare", "bare again"]);
    assert_eq!(db.stats().unwrap().speakers, 3);
}

#[test]
fn anonymous_sources_do_not_merge() {
    let mut db = Store::open_in_memory().unwrap();
    add(
        &mut db,
        "1",
        None,
        &[("a senior official", Anonymous, "one")],
    );
    add(
        &mut db,
        "2",
        None,
        &[("a senior official", Anonymous, "two")],
    );
    assert_eq!(db.stats().unwrap().speakers, 2);
    assert_eq!(db.speaker_ids("A Senior Official").unwrap().len(), 2);
}

#[test]
fn unnamed_organisations_do_not_merge() {
    let mut db = Store::open_in_memory().unwrap();
    add(&mut db, "1", None, &[("company", Organization, "one")]);
    add(&mut db, "2", None, &[("company", Organization, "two")]);
    add(&mut db, "3", None, &[("Acme Corp", Organization, "three")]);
    add(&mut db, "4", None, &[("Acme Corp", Organization, "four")]);
    assert_eq!(db.stats().unwrap().speakers, 3);
}

#[test]
fn merge_and_split_correct_attribution() {
    let mut db = Store::open_in_memory().unwrap();
    add(&mut db, "1", None, &[("Recep Tayyip Erdoğan", Person, "a")]);
    add(&mut db, "2", None, &[("President Erdogan", Person, "b")]);
    // The title and surname alone stand for the one full name: linked.
    assert_eq!(db.stats().unwrap().speakers, 1);
    let keep = db.find_speaker("recep tayyip erdogan").unwrap();
    assert_eq!(texts_of(&db, "Recep Tayyip Erdogan"), ["a", "b"]);

    // The user knows better: split, and the split holds for later documents.
    let new = db.split_speaker(keep, "President Erdogan").unwrap();
    assert_eq!(texts_of(&db, &new.to_string()), ["b"]);
    assert_eq!(texts_of(&db, &keep.to_string()), ["a"]);
    add(&mut db, "3", None, &[("President Erdoğan", Person, "c")]);
    add(&mut db, "4", None, &[("Recep Tayyip Erdogan", Person, "d")]);
    assert_eq!(texts_of(&db, &new.to_string()), ["b", "c"]);
    assert_eq!(texts_of(&db, &keep.to_string()), ["a", "d"]);
    assert!(
        db.split_speaker(new, "President Erdogan").is_err(),
        "last alias"
    );

    // A merge holds too, and a later document under the merged alias joins.
    db.merge_speakers(keep, new).unwrap();
    assert!(db.merge_speakers(keep, keep).is_err());
    add(&mut db, "5", None, &[("President Erdoğan", Person, "e")]);
    assert_eq!(
        texts_of(&db, "Recep Tayyip Erdogan"),
        ["a", "b", "c", "d", "e"]
    );
    let new = db.split_speaker(keep, "President Erdogan").unwrap();
    assert_eq!(texts_of(&db, &new.to_string()), ["b", "c", "e"]);
    db.add_alias(new, "Erdo").unwrap();
    assert_eq!(db.find_speaker("erdo").unwrap(), new);
    db.remove_alias(new, "erdo").unwrap();
    assert!(db.remove_alias(new, "President Erdogan").is_err());
    db.check().unwrap();
}

#[test]
fn search_treats_syntax_as_words() {
    let mut db = Store::open_in_memory().unwrap();
    add(
        &mut db,
        "1",
        Some("2024-01-01"),
        &[("A B", Person, "foo and bar")],
    );
    add(
        &mut db,
        "2",
        Some("2024-02-01"),
        &[("A B", Person, "nothing here")],
    );
    for q in ["foo AND (", "\"foo", "foo*", "NEAR(foo bar)", "FOO"] {
        let f = QuoteFilter {
            search: Some(q.into()),
            ..Default::default()
        };
        let rows = db.quotes(&f).unwrap_or_else(|e| panic!("{q}: {e}"));
        assert!(rows.len() <= 1, "{q}");
    }
    let f = QuoteFilter {
        search: Some("foo AND (".into()),
        ..Default::default()
    };
    assert_eq!(db.quotes(&f).unwrap()[0].text, "foo and bar");
    let f = QuoteFilter {
        search: Some("((".into()),
        ..Default::default()
    };
    assert!(db.quotes(&f).unwrap().is_empty());
}

/// Since migration 9 the index stems words, and a search may hold phrases, OR and
/// prefixes; found the same before grouping (the pending index) and after.
#[test]
fn search_finds_word_forms_phrases_and_alternatives() {
    let mut db = Store::open_in_memory().unwrap();
    add(
        &mut db,
        "1",
        Some("2024-01-01"),
        &[("A B", Person, "The immigrants arrived by boat")],
    );
    add(
        &mut db,
        "2",
        Some("2024-02-01"),
        &[("A B", Person, "Immigration rules will be tightened")],
    );
    add(
        &mut db,
        "3",
        Some("2024-03-01"),
        &[("A B", Person, "A boat arrived with the immigrant")],
    );
    let search = |db: &Store, q: &str| -> Vec<String> {
        let f = QuoteFilter {
            search: Some(q.into()),
            ..Default::default()
        };
        let mut v: Vec<String> = db.quotes(&f).unwrap().into_iter().map(|r| r.text).collect();
        v.sort();
        v
    };
    for grouped in [false, true] {
        if grouped {
            db.group_claims().unwrap();
        }
        // Porter gives "immigrant", "immigrants" and "immigration" one stem.
        assert_eq!(search(&db, "immigrant").len(), 3, "grouped: {grouped}");
        assert_eq!(
            search(&db, "immigrants boat"),
            [
                "A boat arrived with the immigrant",
                "The immigrants arrived by boat"
            ],
            "grouped: {grouped}"
        );
        assert_eq!(search(&db, "immig*").len(), 3, "grouped: {grouped}");
        assert_eq!(
            search(&db, "\"immigrants arrived\""),
            ["The immigrants arrived by boat"],
            "grouped: {grouped}"
        );
        assert_eq!(
            search(&db, "tightened OR arrived boats"),
            [
                "A boat arrived with the immigrant",
                "The immigrants arrived by boat"
            ],
            "grouped: {grouped}"
        );
        assert!(search(&db, "\"boat immigrants\"").is_empty());
    }
}

#[test]
fn date_and_kind_filters_and_order() {
    let mut db = Store::open_in_memory().unwrap();
    add(&mut db, "1", Some("2024-01-01"), &[("A B", Person, "old")]);
    add(&mut db, "2", Some("2024-03-01"), &[("A B", Person, "new")]);
    add(&mut db, "3", None, &[("A B", Person, "undated")]);
    let all: Vec<String> = db
        .quotes(&QuoteFilter::default())
        .unwrap()
        .into_iter()
        .map(|r| r.text)
        .collect();
    assert_eq!(all, ["new", "old", "undated"]);
    let f = QuoteFilter {
        since: Some("2024-02-01".parse().unwrap()),
        until: Some("2024-12-31".parse().unwrap()),
        kind: Some(QuoteKind::Direct),
        ..Default::default()
    };
    assert_eq!(db.quotes(&f).unwrap().len(), 1);
}

#[test]
fn bad_spans_are_errors_and_write_nothing() {
    let mut db = Store::open_in_memory().unwrap();
    let (doc, mut ex) = article("a", None, &[("A B", Person, "héllo")]);
    ex.quotes[0].span = Span::new(2, 3); // inside the two-byte 'é'
    assert!(matches!(db.ingest(&doc, &ex), Err(Error::BadSpan { .. })));
    ex.quotes[0].span = Span::new(5, 5000);
    assert!(matches!(db.ingest(&doc, &ex), Err(Error::BadSpan { .. })));
    ex.quotes[0].span = Span::new(1, 4);
    ex.quotes[0].speaker = Some(99); // no such entity: stored without a speaker
    ex.quotes[0].confidence = f32::NAN;
    db.ingest(&doc, &ex).unwrap();
    assert_eq!(db.stats().unwrap().documents, 1);
}

/// A plan step that reads every row of `quotes` (as opposed to an index search).
fn full_scan(plan: &[String]) -> Option<&String> {
    plan.iter()
        .find(|l| (l.starts_with("SCAN q") || l.starts_with("SCAN quotes")) && !l.contains("INDEX"))
}

#[test]
fn speaker_and_search_queries_use_indexes() {
    let db = Store::open_in_memory().unwrap();
    let f = QuoteFilter {
        speaker: Some("Medinsky".into()),
        limit: Some(50),
        ..Default::default()
    };
    let plan = db.explain_quotes(&f).unwrap();
    assert!(full_scan(&plan).is_none(), "{plan:#?}");
    assert!(
        plan.iter().any(|l| l.contains("quotes_speaker")),
        "{plan:#?}"
    );
    let f = QuoteFilter {
        search: Some("peace talks".into()),
        limit: Some(50),
        ..Default::default()
    };
    let plan = db.explain_quotes(&f).unwrap();
    assert!(full_scan(&plan).is_none(), "{plan:#?}");
    assert!(
        plan.iter().any(|l| l.contains("VIRTUAL TABLE")),
        "{plan:#?}"
    );
}

#[test]
fn common_words_walk_newest_first_and_agree_with_fetching() {
    let mut db = Store::open_in_memory().unwrap();
    // Enough quotations that fetching every match of "the" clearly costs more than
    // walking to the newest ten (see `search::WALK_MARGIN`).
    for i in 0..400 {
        let words = if i % 2 == 0 {
            format!("the talks go on n{i}")
        } else {
            format!("the vote n{i}")
        };
        let date = format!("2024-{:02}-{:02}", i % 12 + 1, i % 28 + 1);
        add(
            &mut db,
            &i.to_string(),
            Some(&date),
            &[("A B", Person, &words)],
        );
    }
    // The plan is chosen from the full-text vocabulary, which pending quotations are
    // not in yet: group them, as `whosaid ingest` does before anyone searches.
    db.group_claims().unwrap();
    let f = QuoteFilter {
        search: Some("the THE".into()),
        limit: Some(10),
        ..Default::default()
    };
    let plan = db.explain_quotes(&f).unwrap();
    assert!(full_scan(&plan).is_none(), "{plan:#?}");
    assert!(
        plan.iter().any(|l| l.contains("documents_published")),
        "{plan:#?}"
    );
    let walked = db.quotes(&f).unwrap();
    let fetched = db
        .run_quotes(&f, crate::queries::Drive::Filters, false)
        .unwrap();
    assert_eq!(walked.len(), 10);
    assert_eq!(walked, fetched);
    let f = QuoteFilter {
        search: Some("talks".into()),
        limit: Some(200),
        ..Default::default()
    };
    assert_eq!(db.quotes(&f).unwrap().len(), 200);
}

#[test]
fn version_1_database_is_migrated_in_place() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v1.db");
    {
        let mut c = rusqlite::Connection::open(&path).unwrap();
        let tx = c.transaction().unwrap();
        tx.execute_batch(schema::V1).unwrap();
        tx.execute_batch(schema::CLAIMS).unwrap();
        tx.execute_batch(
            "INSERT INTO documents(id, doc_key, hash, ingested, text, published) \
             VALUES (1, 'old', 'h', '2020-01-01T00:00:00Z', '\"Peace now.\"', '2020-01-01'); \
             INSERT INTO speakers(id, name, kind) VALUES (1, 'Ann Lee', 'person'); \
             INSERT INTO quotes(doc_id, speaker_id, role, text, kind, start, end, confidence, sentence) \
             VALUES (1, 1, 'Envoy', 'Peace now.', 'direct', 1, 11, 0.5, 0); \
             INSERT INTO roles(speaker_id, role, seen, doc_id) VALUES (1, 'Envoy', '2020-01-01', 1); \
             PRAGMA user_version = 1;",
        )
        .unwrap();
        tx.commit().unwrap();
    }
    let mut db = Store::open(&path).unwrap();
    let v: i64 = db
        .conn()
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(v, schema::VERSION);
    // Migration 4: the role row its quote already carries is gone, the role is not.
    let rows: i64 = db
        .conn()
        .query_row("SELECT COUNT(*) FROM roles", [], |r| r.get(0))
        .unwrap();
    assert_eq!(rows, 0);
    let speakers = db.speakers(&SpeakerFilter::default()).unwrap();
    assert_eq!(speakers[0].roles, ["Envoy"]);
    // The old quotation was never grouped: migration 4 made it pending again, and the
    // last migration that regroups (only the last one runs) grouped every claim, so
    // it is indexed and grouped now.
    let f = QuoteFilter {
        search: Some("peace".into()),
        ..Default::default()
    };
    assert_eq!(db.quotes(&f).unwrap().len(), 1);
    db.check().unwrap();
    assert_eq!(ungrouped(db.conn()), 0);
    assert_eq!(db.group_claims().unwrap(), 0);
    // The vocabulary added by migration 2 sees it, once.
    let n: i64 = db
        .conn()
        .query_row(
            // Stemmed since migration 9.
            "SELECT doc FROM quotes_fts_terms WHERE term = 'peac'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(n, 1);
    assert_eq!(db.quotes(&f).unwrap().len(), 1);
    db.check().unwrap();
}

#[test]
fn another_process_pending_quotations_are_searchable() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.db");
    let mut writer = Store::open(&path).unwrap();
    add(
        &mut writer,
        "a",
        Some("2025-05-16"),
        &[("Hakan Fidan", Person, "Talks resume in Istanbul")],
    );
    writer.group_claims().unwrap();
    add(
        &mut writer,
        "b",
        Some("2025-05-17"),
        &[("Hakan Fidan", Person, "Talks resume next week in Istanbul")],
    );
    // The writer has not grouped "b": it is in no claim and not in the FTS index.
    assert_eq!(ungrouped(writer.conn()), 1);
    let reader = Store::open(&path).unwrap();
    let (found, f) = search(&reader, "istanbul TALKS");
    assert_eq!(
        found,
        [
            "Talks resume in Istanbul",
            "Talks resume next week in Istanbul"
        ]
    );
    // Both ways of running a search see the pending one, and only where it matches.
    for drive in [
        crate::queries::Drive::Filters,
        crate::queries::Drive::NewestFirst,
    ] {
        assert_eq!(reader.run_quotes(&f, drive, true).unwrap().len(), 2);
    }
    assert_eq!(
        search(&reader, "week").0,
        ["Talks resume next week in Istanbul"]
    );
    assert!(search(&reader, "moscow").0.is_empty());
    // The reader wrote nothing: the quotation is still the writer's to group.
    assert_eq!(ungrouped(reader.conn()), 1);
    writer.group_claims().unwrap();
    assert_eq!(
        search(&reader, "week").0,
        ["Talks resume next week in Istanbul"]
    );
    assert_eq!(search(&reader, "istanbul").0.len(), 2);
    reader.check().unwrap();
}

/// The texts of the quotations `db` finds for `words`, sorted, with the filter used.
fn search(db: &Store, words: &str) -> (Vec<String>, QuoteFilter) {
    let f = QuoteFilter {
        search: Some(words.into()),
        ..Default::default()
    };
    let mut texts: Vec<String> = db.quotes(&f).unwrap().into_iter().map(|r| r.text).collect();
    texts.sort();
    (texts, f)
}

fn ungrouped(conn: &rusqlite::Connection) -> i64 {
    conn.query_row(
        "SELECT COUNT(*) FROM quotes q WHERE NOT EXISTS \
         (SELECT 1 FROM sightings s WHERE s.quote_id = q.id)",
        [],
        |r| r.get(0),
    )
    .unwrap()
}

/// Store document `key` with one quotation of Hakan Fidan's in the database at `path`,
/// then stop as a killed process would: without dropping the store, so nothing is
/// grouped or indexed.
fn killed_after_storing(path: &std::path::Path, key: &str, text: &str) {
    let mut db = Store::open(path).unwrap();
    add(
        &mut db,
        key,
        Some("2025-05-18"),
        &[("Hakan Fidan", Person, text)],
    );
    std::mem::forget(db);
}

#[test]
fn claims_are_grouped_after_ingest_on_query_close_or_next_run() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("g.db");
    let p = EntityKind::Person;
    let swap = "We agreed to exchange a thousand prisoners of war each";
    // Named, so another speaker's sighting joins the claim (see
    // `claims::statement::Scope::may_join`).
    let swap2 = "Russia and Ukraine agreed to exchange a thousand prisoners of war each";
    {
        let mut db = Store::open(&path).unwrap();
        add(
            &mut db,
            "a",
            Some("2025-05-16"),
            &[("Vladimir Medinsky", p, swap)],
        );
        // Stored, not yet grouped; a claim query groups first.
        assert_eq!(ungrouped(db.conn()), 1);
        let claims = db.claims(&ClaimFilter::default()).unwrap();
        assert_eq!(claims.len(), 1);
        assert_eq!(ungrouped(db.conn()), 0);
        add(
            &mut db,
            "b",
            Some("2025-05-17"),
            &[("Rustem Umerov", p, swap2)],
        );
        assert_eq!(ungrouped(db.conn()), 1);
        // Closing groups the second one, into the first one's claim.
        assert_eq!(db.close().unwrap(), 1);
    }
    {
        let db = Store::open(&path).unwrap();
        assert_eq!(ungrouped(db.conn()), 0);
        let claims: i64 = db
            .conn()
            .query_row("SELECT COUNT(DISTINCT claim_id) FROM sightings", [], |r| {
                r.get(0)
            })
            .unwrap();
        assert_eq!(claims, 1);
    }
    // A process that dies before grouping leaves whole documents, and so does a
    // handle dropped without `close`; the next grouping picks their quotes up.
    killed_after_storing(&path, "c", "Talks resume in June");
    {
        let mut db = Store::open(&path).unwrap();
        add(
            &mut db,
            "d",
            None,
            &[("Rustem Umerov", p, "Talks resume in July")],
        );
    }
    let mut db = Store::open(&path).unwrap();
    assert_eq!(ungrouped(db.conn()), 2);
    assert_eq!(db.group_claims().unwrap(), 2);
    assert_eq!(ungrouped(db.conn()), 0);
    assert_eq!(db.group_claims().unwrap(), 0);
}

fn claim_of_text(db: &Store, text: &str) -> i64 {
    db.conn()
        .query_row(
            "SELECT s.claim_id FROM sightings s JOIN quotes q ON q.id = s.quote_id \
             WHERE q.text = ?1",
            [text],
            |r| r.get(0),
        )
        .unwrap()
}

#[test]
fn groupings_by_two_handles_see_each_others_keys() {
    // A handle keeps a filter of the stored claim keys between its groupings; keys
    // another handle writes in between must still be found.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("k.db");
    let mut a = Store::open(&path).unwrap();
    let mut b = Store::open(&path).unwrap();
    let talks = "The talks in Istanbul will resume on Monday with both delegations";
    let talks2 = "The talks in Istanbul will resume on Monday with both delegations present";
    let swap = "Ukraine will send twelve officials to the prisoner exchange talks in Geneva";
    let swap2 = "Ukraine will send twelve officials to the prisoner exchange talks in Geneva soon";
    add(
        &mut a,
        "a1",
        Some("2025-05-16"),
        &[("Hakan Fidan", Person, talks)],
    );
    assert_eq!(a.group_claims().unwrap(), 1);
    add(
        &mut b,
        "b1",
        Some("2025-05-17"),
        &[("Rustem Umerov", Person, swap)],
    );
    assert_eq!(b.group_claims().unwrap(), 1);
    add(
        &mut a,
        "a2",
        Some("2025-05-18"),
        &[
            ("Vladimir Medinsky", Person, swap2),
            ("Hakan Fidan", Person, talks2),
        ],
    );
    assert_eq!(a.group_claims().unwrap(), 2);
    assert_eq!(claim_of_text(&a, swap2), claim_of_text(&a, swap));
    assert_eq!(claim_of_text(&a, talks2), claim_of_text(&a, talks));
    assert_ne!(claim_of_text(&a, swap), claim_of_text(&a, talks));
}

#[test]
fn every_role_is_listed_in_order_first_seen() {
    let mut db = Store::open_in_memory().unwrap();
    let (mut doc, mut ex) = article(
        "a",
        Some("2024-03-01"),
        &[("Rustem Umerov", Person, "We are ready")],
    );
    // Two roles in one document: the first goes with the quote, the second has a row.
    ex.entities[0].roles = vec!["Defense Minister".into(), "delegation head".into()];
    db.ingest(&doc, &ex).unwrap();
    (doc, ex) = article(
        "b",
        Some("2025-08-01"),
        &[("Rustem Umerov", Person, "The council will meet")],
    );
    ex.entities[0].roles = vec!["Security Council Secretary".into()];
    doc.date = Some("2025-08-01".parse().unwrap());
    db.ingest(&doc, &ex).unwrap();
    let rows = db
        .speakers(&SpeakerFilter {
            search: Some("umerov".into()),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(
        rows[0].roles,
        [
            "Defense Minister",
            "delegation head",
            "Security Council Secretary"
        ]
    );
    let extra: i64 = db
        .conn()
        .query_row("SELECT COUNT(*) FROM roles", [], |r| r.get(0))
        .unwrap();
    assert_eq!(extra, 1);
    let timeline = db.timeline("Umerov", None).unwrap();
    let roles: Vec<_> = timeline.iter().map(|t| t.role.as_deref()).collect();
    assert_eq!(
        roles,
        [Some("Defense Minister"), Some("Security Council Secretary")]
    );
}

#[test]
fn rebuilding_claims_indexes_pending_quotations_first() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("r.db");
    killed_after_storing(&path, "a", "Talks resume in Istanbul");
    let mut db = Store::open(&path).unwrap();
    assert_eq!(ungrouped(db.conn()), 1);
    assert_eq!(db.rebuild_claims().unwrap(), 1);
    assert_eq!(ungrouped(db.conn()), 0);
    // In the full-text index for good, not through the temporary one.
    assert!(!db.pending_index().unwrap());
    let n: i64 = db
        .conn()
        .query_row(
            "SELECT COUNT(*) FROM quotes_fts WHERE quotes_fts MATCH 'istanbul'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(n, 1);
    db.check().unwrap();
}

#[test]
fn content_hash_is_stable() {
    // Stored hashes decide what is a duplicate: the format must never change.
    let doc = Document::new("x", "abc");
    assert_eq!(
        ingest::content_hash(&doc),
        "0616290e0a45001015ac04f49716fbec564e5bd3301a9e8871c422ef5a691fc1"
    );
}

#[test]
fn interrupted_quotation_stores_only_the_words_said() {
    let mut db = Store::open_in_memory().unwrap();
    let doc = Document::new(
        "parts",
        "\"The bridge opens in May,\" Ana Ruiz said, waving at the crowd. \"Then the tolls go.\"",
    );
    let ex = attrib::extract(&doc);
    assert_eq!(ex.quotes[0].parts.len(), 2, "{:?}", ex.quotes);
    db.ingest(&doc, &ex).unwrap();
    let rows = db.quotes(&QuoteFilter::default()).unwrap();
    assert_eq!(rows[0].text, "The bridge opens in May, Then the tolls go.");
    let stored: String = db
        .conn()
        .query_row("SELECT parts FROM quotes", [], |r| r.get(0))
        .unwrap();
    let p = &ex.quotes[0].parts;
    assert_eq!(
        stored,
        format!(
            "[[{},{}],[{},{}]]",
            p[0].start, p[0].end, p[1].start, p[1].end
        )
    );
    // The narration between the parts is not searchable as the quotation's words.
    for (words, hits) in [("waving", 0), ("tolls", 1)] {
        let f = QuoteFilter {
            search: Some(words.into()),
            ..Default::default()
        };
        assert_eq!(db.quotes(&f).unwrap().len(), hits, "{words}");
    }
}

/// Migration 11 regroups a database grouped before statements had a binding: two
/// speakers' "he will vote for …" that the old rules made one claim become two, and
/// each sighting's binding is stored.
#[test]
fn migration_11_splits_pronoun_claims_of_different_speakers() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v10.db");
    let vote = "he will vote for Alan Brooks in the primary next month";
    {
        let mut db = Store::open(&path).unwrap();
        add(
            &mut db,
            "a",
            Some("2024-03-04"),
            &[("Tom Reyes", Person, vote)],
        );
        add(
            &mut db,
            "b",
            Some("2024-03-11"),
            &[("Dan Whitfield", Person, vote)],
        );
        db.close().unwrap();
    }
    // As version 10 left it: no binding column, both sightings in one claim.
    rusqlite::Connection::open(&path)
        .unwrap()
        .execute_batch(
            "UPDATE sightings SET claim_id = (SELECT MIN(claim_id) FROM sightings); \
             DELETE FROM claims WHERE id NOT IN (SELECT claim_id FROM sightings); \
             ALTER TABLE sightings DROP COLUMN bound; PRAGMA user_version = 10;",
        )
        .unwrap();
    let db = Store::open(&path).unwrap();
    let (claims, bound): (i64, i64) = db
        .conn()
        .query_row(
            "SELECT COUNT(DISTINCT claim_id), MIN(bound) FROM sightings",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!(claims, 2);
    assert_eq!(bound & 1, 1, "a pronoun subject binds to the speaker");
    db.check().unwrap();
}

/// Migration 18 relinks every person: "Geoff Garin" and "Geoffrey Garin", two speakers
/// before "Geoff" was known as a form of Geoffrey, become one, with their quotations.
#[test]
fn migration_18_joins_names_a_new_nickname_makes_one_person() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v17.db");
    {
        let mut db = Store::open(&path).unwrap();
        add(
            &mut db,
            "a",
            Some("2024-03-04"),
            &[("Geoff Garin", Person, "the poll shows a tight race in Ohio")],
        );
        add(
            &mut db,
            "b",
            Some("2024-03-11"),
            &[(
                "Geoffrey Garin",
                Person,
                "turnout will decide the race in Ohio",
            )],
        );
        db.close().unwrap();
    }
    let speakers = |conn: &rusqlite::Connection, block: &str| -> i64 {
        conn.query_row(
            "SELECT COUNT(DISTINCT speaker_id) FROM names WHERE block = ?1",
            [block],
            |r| r.get(0),
        )
        .unwrap()
    };
    // As version 17 left it: the two Garins apart.
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        assert_eq!(speakers(&conn, "p:garin"), 1);
        conn.execute_batch(
            "INSERT INTO speakers(name, kind) VALUES ('Geoffrey Garin', 'person'); \
             UPDATE names SET speaker_id = last_insert_rowid() WHERE norm = 'geoffrey garin'; \
             UPDATE quotes SET speaker_id = (SELECT speaker_id FROM names WHERE norm = 'geoffrey garin') \
                 WHERE entity = 'Geoffrey Garin'; \
             PRAGMA user_version = 17;",
        )
        .unwrap();
        assert_eq!(speakers(&conn, "p:garin"), 2);
    }
    let db = Store::open(&path).unwrap();
    assert_eq!(speakers(db.conn(), "p:garin"), 1);
    let (quoted_by,): (i64,) = db
        .conn()
        .query_row(
            "SELECT COUNT(DISTINCT speaker_id) FROM quotes WHERE entity LIKE '%Garin'",
            [],
            |r| Ok((r.get(0)?,)),
        )
        .unwrap();
    assert_eq!(quoted_by, 1, "the quotations follow their names");
    db.check().unwrap();
}
