-- The whosaid store's schema after every migration (generated: see schema.rs).

CREATE TABLE aliases(
    speaker_id INTEGER NOT NULL REFERENCES speakers(id) ON DELETE CASCADE,
    alias      TEXT NOT NULL,
    norm       TEXT NOT NULL,
    last       TEXT, node TEXT,
    PRIMARY KEY(speaker_id, norm)
) WITHOUT ROWID;

CREATE TABLE "claim_keys"(
    key      INTEGER NOT NULL,
    quote_id INTEGER NOT NULL,
    PRIMARY KEY(key, quote_id)
) WITHOUT ROWID;

CREATE TABLE claims(
    id          INTEGER PRIMARY KEY,
    first_quote INTEGER NOT NULL
);

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
, parts TEXT);

CREATE VIRTUAL TABLE quotes_fts USING fts5(
    text, content='quotes', content_rowid='id',
    tokenize='porter unicode61 remove_diacritics 2'
);

CREATE TABLE 'quotes_fts_config'(k PRIMARY KEY, v) WITHOUT ROWID;

CREATE TABLE 'quotes_fts_data'(id INTEGER PRIMARY KEY, block BLOB);

CREATE TABLE 'quotes_fts_docsize'(id INTEGER PRIMARY KEY, sz BLOB);

CREATE TABLE 'quotes_fts_idx'(segid, term, pgno, PRIMARY KEY(segid, term)) WITHOUT ROWID;

CREATE VIRTUAL TABLE quotes_fts_terms USING fts5vocab(quotes_fts, 'row');

CREATE TABLE roles(
    speaker_id INTEGER NOT NULL REFERENCES speakers(id) ON DELETE CASCADE,
    role       TEXT NOT NULL,
    seen       TEXT,             -- the document's published date
    doc_id     INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE
);

CREATE TABLE sightings(
    quote_id INTEGER PRIMARY KEY REFERENCES quotes(id) ON DELETE CASCADE,
    claim_id INTEGER NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
    score    REAL NOT NULL        -- similarity to the sighting it was matched with; 1 for the first
, terms BLOB, bound INTEGER NOT NULL DEFAULT 0);

CREATE TABLE speakers(
    id     INTEGER PRIMARY KEY,
    name   TEXT NOT NULL,
    kind   TEXT NOT NULL,
    doc_id INTEGER REFERENCES documents(id) ON DELETE CASCADE
);

CREATE INDEX aliases_last ON aliases(last, speaker_id) WHERE last IS NOT NULL;

CREATE INDEX aliases_norm ON aliases(norm, speaker_id);

CREATE INDEX documents_key ON documents(doc_key);

CREATE INDEX documents_published ON documents(published);

CREATE INDEX names_block ON names(block);

CREATE INDEX names_speaker ON names(speaker_id);

CREATE INDEX quotes_doc ON quotes(doc_id);

CREATE INDEX quotes_speaker ON quotes(speaker_id, doc_id);

CREATE INDEX roles_doc ON roles(doc_id);

CREATE INDEX roles_speaker ON roles(speaker_id, seen);

CREATE INDEX sightings_claim ON sightings(claim_id);

CREATE INDEX speakers_doc ON speakers(doc_id);

CREATE VIEW roles_seen(speaker_id, role, seen, doc_id) AS
    SELECT q.speaker_id, q.role, d.published, q.doc_id
    FROM quotes q JOIN documents d ON d.id = q.doc_id
    WHERE q.role IS NOT NULL AND q.speaker_id IS NOT NULL
    UNION ALL
    SELECT speaker_id, role, seen, doc_id FROM roles;

CREATE TRIGGER quotes_fts_ad AFTER DELETE ON quotes BEGIN
    INSERT INTO quotes_fts(quotes_fts, rowid, text) VALUES ('delete', old.id, old.text);
END;

CREATE TRIGGER quotes_fts_au AFTER UPDATE OF text ON quotes BEGIN
    INSERT INTO quotes_fts(quotes_fts, rowid, text) VALUES ('delete', old.id, old.text);
    INSERT INTO quotes_fts(rowid, text) VALUES (new.id, new.text);
END;
