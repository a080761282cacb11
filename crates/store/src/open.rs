//! Opening a database file, read-write or read-only.
//!
//! Read-write ([`read_write`]) creates the file if needed, switches it to WAL and
//! migrates it, but only once `schema::recognise` has found it empty or whosaid's: a
//! foreign database is refused before anything is written, so it stays byte-identical.
//! A bulk load into a file it creates ([`read_write_bulk`]) keeps a rollback journal
//! until [`to_wal`] at its end.
//!
//! Read-only ([`read_only`]) never writes and never migrates. SQLite reads a WAL
//! database through its `-shm` index, which it creates next to the file when missing
//! (a cleanly closed database has none); in a read-only folder it cannot, and the open
//! fails. Then, and only when no `-wal` (or rollback `-journal`) file is there, the
//! file is opened `immutable`: with no log, every committed transaction is in the
//! main file, and no writer is connected (a WAL writer keeps its `-wal` file while
//! connected). A `-wal` file there holds transactions that only the `-shm` can make
//! readable, and `immutable` would silently ignore them: that is refused instead. A
//! writer that starts after the check could change the file under an immutable
//! reader; in a folder the reader cannot write, that is a writer with other rights
//! on a shared archive or snapshot, where this is accepted for a one-off query.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use rusqlite::{Connection, ErrorCode, OpenFlags};

use crate::Error;
use crate::schema::{self, Found};

/// The page size of a new database. Against SQLite's 4 KB, a bulk ingest writes fewer,
/// larger pages (each once to the WAL, once more at the checkpoint) and an article's
/// text fits a page instead of spilling to overflow pages: ingesting the PolNeAR
/// corpus makes 6,485 page writes instead of 10,615, 1,846 reads instead of 3,596,
/// and 0.8% fewer instructions. 16 KB was no faster there and, in a database of
/// 200,000 quotations, wrote 43 KB per article against 8 KB's 38.5 and 4 KB's 35.4,
/// each write rewriting a bigger page.
const PAGE_SIZE: u32 = 8192;

/// How much WAL a connection writes before it checkpoints (see [`configure`]).
const WAL_BYTES: i64 = 64 << 20;

/// How long a connection waits for another one's lock before giving up.
pub(crate) const BUSY_TIMEOUT: Duration = Duration::from_secs(30);

/// Open (creating if missing) the database at `path` for writing, refuse it unless it
/// is empty or whosaid's, and bring its schema up to date.
pub(crate) fn read_write(path: &Path) -> Result<Connection, Error> {
    Ok(read_write_with(path, false)?.0)
}

/// [`read_write`] for a bulk load: a file this call creates is filled with a rollback
/// journal, not the WAL, and `true` says so; [`to_wal`] switches it when the load
/// ends. Each page of a new database is then written once, where the WAL writes it
/// to the log and again to the file at the checkpoint (PolNeAR's 923 articles: 4,047
/// writes against 6,483, system time 66 -> 44 ms in a 470 ms run). A rollback journal
/// is as crash-safe (synchronous FULL); readers wait for each commit instead of
/// reading beside it, which only concerns a database younger than its first load.
pub(crate) fn read_write_bulk(path: &Path) -> Result<(Connection, bool), Error> {
    read_write_with(path, true)
}

fn read_write_with(path: &Path, bulk: bool) -> Result<(Connection, bool), Error> {
    // Another process creating the file at the same moment is harmless: SQLite reads
    // the journal mode from the file, so whichever switches it to WAL first wins.
    let created = bulk && !path.exists();
    let mut conn = Connection::open(path)?;
    conn.busy_timeout(BUSY_TIMEOUT)?;
    schema::recognise(&conn)?;
    // Only a file with nothing in it takes a page size, and only before WAL: an
    // existing database keeps its own.
    conn.execute_batch(&format!("PRAGMA page_size = {PAGE_SIZE}"))?;
    if !created {
        journal_wal(&conn)?;
    }
    configure(&conn)?;
    if created {
        // NORMAL is safe under WAL only: a rollback journal needs FULL to survive a
        // power cut.
        conn.execute_batch("PRAGMA synchronous = FULL")?;
    }
    schema::migrate(&mut conn)?;
    Ok((conn, created))
}

/// Switch a database filled by [`read_write_bulk`] to WAL, once: while another
/// connection has it open the switch cannot happen, and the next [`read_write`] makes
/// it instead (the database is whole either way).
pub(crate) fn to_wal(conn: &Connection) -> Result<(), Error> {
    match switch_to_wal(conn) {
        Err(e) if !is_busy(&e) => Err(e.into()),
        _ => Ok(()),
    }
}

/// Ask SQLite to put the database in WAL mode. `journal_mode` answers with a row, so
/// it is queried rather than executed.
fn switch_to_wal(conn: &Connection) -> rusqlite::Result<()> {
    conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get::<_, String>(0))
        .map(drop)
}

/// Whether SQLite refused because another connection holds the lock.
fn is_busy(e: &rusqlite::Error) -> bool {
    matches!(
        e.sqlite_error_code(),
        Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked)
    )
}

/// Open the existing database at `path` without writing to it (see the module docs),
/// refusing a foreign file and a schema this build cannot query.
pub(crate) fn read_only(path: &Path) -> Result<Connection, Error> {
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY
        | OpenFlags::SQLITE_OPEN_URI
        | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let open = |query: &str| -> Result<(Connection, Result<Found, Error>), Error> {
        let conn = Connection::open_with_flags(uri(path, query), flags)?;
        conn.busy_timeout(BUSY_TIMEOUT)?;
        let found = schema::recognise(&conn);
        Ok((conn, found))
    };
    let (mut conn, mut found) = open("mode=ro")?;
    if matches!(&found, Err(Error::Sqlite(e)) if cannot_share(e)) {
        let wal = sibling(path, "-wal");
        if wal.exists() {
            return Err(Error::UnreadableWal {
                wal: wal.display().to_string(),
            });
        }
        if !sibling(path, "-journal").exists() {
            (conn, found) = open("mode=ro&immutable=1")?;
        }
    }
    match found? {
        Found::Whosaid(v) if v > schema::VERSION => Err(Error::NewerSchema {
            found: v,
            supported: schema::VERSION,
        }),
        Found::Whosaid(v) if v >= schema::READABLE_FROM => {
            configure(&conn)?;
            Ok(conn)
        }
        Found::Whosaid(v) => Err(Error::OlderSchema {
            found: v,
            supported: schema::VERSION,
        }),
        Found::Empty => Err(Error::OlderSchema {
            found: 0,
            supported: schema::VERSION,
        }),
    }
}

/// Whether `e` says the shared-memory index (or the log) could not be created: the
/// read-only folder case.
fn cannot_share(e: &rusqlite::Error) -> bool {
    matches!(
        e.sqlite_error_code(),
        Some(ErrorCode::ReadOnly | ErrorCode::CannotOpen)
    )
}

/// `path` with `suffix` appended to its file name (`a.db` → `a.db-wal`).
fn sibling(path: &Path, suffix: &str) -> PathBuf {
    let mut s = path.as_os_str().to_owned();
    s.push(suffix);
    PathBuf::from(s)
}

/// An SQLite `file:` URI for `path` with the query `query`: every byte but unreserved
/// ones and `/` percent-encoded (a `?`, `#` or `%` in a file name would otherwise be
/// read as URI syntax), and an absolute path after an empty authority (`file:///…`),
/// so that a path starting with `//` is not taken for a host.
fn uri(path: &Path, query: &str) -> String {
    #[cfg(unix)]
    let bytes = std::os::unix::ffi::OsStrExt::as_bytes(path.as_os_str()).to_vec();
    #[cfg(not(unix))]
    let bytes = path.to_string_lossy().replace('\\', "/").into_bytes();
    let mut out = String::from(if path.is_absolute() {
        "file://"
    } else {
        "file:"
    });
    for b in bytes {
        if b.is_ascii_alphanumeric() || b"/-._~".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out.push('?');
    out.push_str(query);
    out
}

/// Switch to WAL, so readers never block the writer. Changing the journal mode of a
/// new file writes its header from inside a read transaction, and SQLite does not
/// call the busy handler to upgrade a read transaction to a write (waiting there
/// could deadlock), so a second process creating the same file at once gets
/// `SQLITE_BUSY` at once, whatever the busy timeout. It is retried here, with
/// backoff, for as long as the busy timeout would have waited.
fn journal_wal(conn: &Connection) -> Result<(), Error> {
    let deadline = Instant::now() + BUSY_TIMEOUT;
    let mut pause = Duration::from_millis(1);
    loop {
        match switch_to_wal(conn) {
            Ok(()) => return Ok(()),
            Err(e) if is_busy(&e) && Instant::now() < deadline => {
                std::thread::sleep(pause);
                pause = (pause * 2).min(Duration::from_millis(50));
            }
            Err(e) => return Err(e.into()),
        }
    }
}

/// Connection settings every open applies: NORMAL sync (safe under WAL: a crash loses
/// at most the last transactions, never consistency), foreign keys, and the memory map
/// and checkpoint size below. None of them writes to the file.
pub(crate) fn configure(conn: &Connection) -> Result<(), Error> {
    // mmap: a search that fetches thousands of matches touches pages all over the
    // file; mapping it (up to 2 GiB) avoids a read() per page and roughly halves
    // their time. A 64 MB WAL before checkpointing (16,000 pages of 4 KB): pages that
    // many documents rewrite (index leaves of busy speakers and dates, index
    // interiors) reach the database file once per checkpoint instead of once per few
    // documents. Against 1,000 pages of 4 KB, ingest wall time halved; against 4,000,
    // bytes written per article at 1M quotes fell from 117 KB to 105 KB.
    let page_size: i64 = conn.query_row("PRAGMA page_size", [], |r| r.get(0))?;
    conn.execute_batch(&format!(
        "PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL; \
         PRAGMA mmap_size = 2147483648; PRAGMA wal_autocheckpoint = {};",
        WAL_BYTES / page_size.max(512)
    ))?;
    conn.set_prepared_statement_cache_capacity(64);
    Ok(())
}

/// The settings of a bulk write, between transactions (the pragmas only work there):
/// a 64 MB page cache, so that a batch's pages are not spilled and written again, and
/// foreign-key checks off, for writers that create or read every id they refer to in
/// the same transaction. Holds what they were, to put back.
pub(crate) struct BulkSettings {
    cache_size: i64,
    foreign_keys: i64,
}

impl BulkSettings {
    /// Read the connection's settings, then switch to the bulk ones.
    pub(crate) fn enter(conn: &Connection) -> rusqlite::Result<BulkSettings> {
        let (cache_size, foreign_keys) = conn.query_row(
            "SELECT cache_size, foreign_keys FROM pragma_cache_size, pragma_foreign_keys",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        conn.execute_batch("PRAGMA foreign_keys = OFF; PRAGMA cache_size = -65536;")?;
        Ok(BulkSettings {
            cache_size,
            foreign_keys,
        })
    }

    /// Put the settings back as they were.
    pub(crate) fn restore(self, conn: &Connection) -> rusqlite::Result<()> {
        // PRAGMA takes no bound parameters; both are SQLite's own integers.
        conn.execute_batch(&format!(
            "PRAGMA foreign_keys = {}; PRAGMA cache_size = {};",
            self.foreign_keys, self.cache_size
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uri_escapes_uri_syntax() {
        assert_eq!(
            uri(Path::new("/a b/c?d#e%.db"), "mode=ro"),
            "file:///a%20b/c%3Fd%23e%25.db?mode=ro"
        );
        assert_eq!(uri(Path::new("x.db"), "mode=ro"), "file:x.db?mode=ro");
    }
}
