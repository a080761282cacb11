//! Speakers across documents: matching an extracted entity to a stored
//! speaker, and the user's corrections (merge, split, aliases).
//!
//! Matching rules, in order:
//! - anonymous and "other" sources never match across documents: "a senior official"
//!   in two articles is not known to be one person, so each document gets its own;
//! - a name equal to a known alias, once folded by [`text::fold::name_key`] (case,
//!   accents and punctuation ignored), joins that speaker;
//! - a bare surname joins the one person whose name ends with it, when only one does;
//!   when several do, it goes to a speaker called by that surname alone (created on
//!   first need), so it never lands on the wrong person;
//! - a new full name joins a speaker so far known only by its bare surname, when no
//!   other full name has that surname, and becomes its name;
//! - anything else is a new speaker.

use attrib::{Entity, EntityKind};
use rusqlite::{OptionalExtension, Transaction, params};
use text::fold::name_key;
use text::names::is_generational_suffix;

use crate::sql_types::{Kind, kind_at};
use crate::{Error, Store};

/// The folded surname of a multi-word person name, for bare-surname matching.
fn surname(norm: &str) -> Option<&str> {
    let words: Vec<&str> = norm.split(' ').collect();
    let mut words = &words[..];
    while let [rest @ .., last] = words {
        if rest.is_empty() {
            return None;
        }
        if is_generational_suffix(last) {
            words = rest;
        } else {
            return Some(last);
        }
    }
    None
}

/// Store an alias (no-op when the speaker already has it).
pub(crate) fn add_alias(
    tx: &Transaction<'_>,
    speaker: i64,
    alias: &str,
    kind: EntityKind,
) -> Result<(), Error> {
    let norm = name_key(alias);
    if norm.is_empty() {
        return Ok(());
    }
    let last = if kind == EntityKind::Person {
        surname(&norm)
    } else {
        None
    };
    tx.prepare_cached(
        "INSERT OR IGNORE INTO aliases(speaker_id, alias, norm, last) VALUES (?1, ?2, ?3, ?4)",
    )?
    .execute(params![speaker, alias.trim(), norm, last])?;
    Ok(())
}

fn new_speaker(
    tx: &Transaction<'_>,
    name: &str,
    kind: EntityKind,
    doc_id: Option<i64>,
) -> Result<i64, Error> {
    tx.prepare_cached("INSERT INTO speakers(name, kind, doc_id) VALUES (?1, ?2, ?3)")?
        .execute(params![name.trim(), Kind(kind), doc_id])?;
    let id = tx.last_insert_rowid();
    add_alias(tx, id, name, kind)?;
    Ok(id)
}

fn ids(tx: &Transaction<'_>, sql: &str, key: &str) -> Result<Vec<i64>, Error> {
    let mut st = tx.prepare_cached(sql)?;
    let rows = st.query_map([key], |r| r.get(0))?;
    Ok(rows.collect::<Result<Vec<i64>, _>>()?)
}

/// The stored speaker for `entity` as found in document `doc_id`, and whether it was
/// created now. Runs inside the ingest transaction.
pub(crate) fn resolve(
    tx: &Transaction<'_>,
    entity: &Entity,
    doc_id: i64,
) -> Result<(i64, bool), Error> {
    let kind = entity.kind;
    let norm = name_key(&entity.canonical);
    if norm.is_empty() || matches!(entity.kind, EntityKind::Anonymous | EntityKind::Other) {
        let name = if norm.is_empty() {
            "(unnamed)"
        } else {
            &entity.canonical
        };
        return Ok((new_speaker(tx, name, kind, Some(doc_id))?, true));
    }
    // No DISTINCT: `(speaker_id, norm)` is the key of `aliases`, so each speaker
    // comes once. Sorted here rather than by SQLite, which built a temporary B-tree
    // for a handful of rows on every call.
    let mut exact = ids(
        tx,
        "SELECT a.speaker_id FROM aliases a JOIN speakers s ON s.id = a.speaker_id \
         WHERE a.norm = ?1 AND s.doc_id IS NULL",
        &norm,
    )?;
    exact.sort_unstable();
    let single_word = !norm.contains(' ');
    let mut candidates = exact.clone();
    if single_word && entity.kind == EntityKind::Person {
        for id in ids(
            tx,
            "SELECT DISTINCT a.speaker_id FROM aliases a JOIN speakers s ON s.id = a.speaker_id \
             WHERE a.last = ?1 AND s.doc_id IS NULL AND s.kind = 'person'",
            &norm,
        )? {
            if !candidates.contains(&id) {
                candidates.push(id);
            }
        }
    }
    let chosen = match candidates.as_slice() {
        [] if entity.kind == EntityKind::Person => {
            let bucket = surname_only(tx, &norm)?;
            if let Some(id) = bucket {
                // The full name a bare surname was waiting for: it names the speaker now.
                tx.prepare_cached("UPDATE speakers SET name = ?2 WHERE id = ?1")?
                    .execute(params![id, entity.canonical.trim()])?;
            }
            bucket
        }
        [] => None,
        [one] => Some(*one),
        // Several: a speaker called by exactly this name (the surname bucket, or
        // "Hamas" itself) wins; for a full name, the oldest exact match; otherwise
        // the surname is ambiguous.
        many => {
            let mut named = None;
            for &id in many {
                let name: String = tx
                    .prepare_cached("SELECT name FROM speakers WHERE id = ?1")?
                    .query_row([id], |r| r.get(0))?;
                if name_key(&name) == norm {
                    named = Some(id);
                    break;
                }
            }
            named.or(if single_word {
                None
            } else {
                exact.first().copied()
            })
        }
    };
    match chosen {
        // Already has this alias (however it was written, the key is its folded form).
        Some(id) if exact.contains(&id) => Ok((id, false)),
        Some(id) => {
            add_alias(tx, id, &entity.canonical, kind)?;
            Ok((id, false))
        }
        None => Ok((new_speaker(tx, &entity.canonical, kind, None)?, true)),
    }
}

/// For a new full person name: the one speaker known only by its bare surname, when no
/// other full name has that surname ("Medinsky" in an earlier article, now "Vladimir
/// Medinsky"). With two such names the bucket stays, as for bare surnames.
fn surname_only(tx: &Transaction<'_>, norm: &str) -> Result<Option<i64>, Error> {
    let Some(last) = surname(norm) else {
        return Ok(None);
    };
    let full = ids(
        tx,
        "SELECT a.speaker_id FROM aliases a JOIN speakers s ON s.id = a.speaker_id \
         WHERE a.last = ?1 AND s.doc_id IS NULL AND s.kind = 'person' LIMIT 1",
        last,
    )?;
    if !full.is_empty() {
        return Ok(None);
    }
    let bare = ids(
        tx,
        "SELECT DISTINCT a.speaker_id FROM aliases a JOIN speakers s ON s.id = a.speaker_id \
         WHERE a.norm = ?1 AND s.doc_id IS NULL AND s.kind = 'person' LIMIT 2",
        last,
    )?;
    Ok(match bare.as_slice() {
        [one] => Some(*one),
        _ => None,
    })
}

impl Store {
    /// Ids of the speakers one of whose aliases matches `name` (folded), or whose
    /// full name ends with `name` as a surname. Empty when nothing matches.
    pub fn speaker_ids(&self, name: &str) -> Result<Vec<i64>, Error> {
        let norm = name_key(name);
        if norm.is_empty() {
            return Ok(Vec::new());
        }
        let mut st = self.conn.prepare_cached(
            "SELECT speaker_id FROM aliases WHERE norm = ?1 \
             UNION SELECT speaker_id FROM aliases WHERE last = ?1 ORDER BY 1",
        )?;
        let rows = st.query_map([&norm], |r| r.get(0))?;
        Ok(rows.collect::<Result<Vec<i64>, _>>()?)
    }

    /// The one speaker that `arg` names: a numeric id, else an alias, else a surname.
    pub fn find_speaker(&self, arg: &str) -> Result<i64, Error> {
        let arg = arg.trim();
        let arg_id = arg.strip_prefix('#').unwrap_or(arg);
        if let Ok(id) = arg_id.parse::<i64>() {
            let found: Option<i64> = self
                .conn
                .prepare_cached("SELECT id FROM speakers WHERE id = ?1")?
                .query_row([id], |r| r.get(0))
                .optional()?;
            if let Some(id) = found {
                return Ok(id);
            }
        }
        let norm = name_key(arg);
        let mut st = self
            .conn
            .prepare_cached("SELECT DISTINCT speaker_id FROM aliases WHERE norm = ?1 ORDER BY 1")?;
        let exact: Vec<i64> = st
            .query_map([&norm], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        let ids = if exact.is_empty() {
            self.speaker_ids(arg)?
        } else {
            exact
        };
        match ids.as_slice() {
            [] => Err(Error::NoSpeaker(arg.to_string())),
            [one] => Ok(*one),
            _ => Err(Error::AmbiguousSpeaker {
                name: arg.to_string(),
                ids,
            }),
        }
    }

    /// The stored name of speaker `id`.
    pub fn speaker_name(&self, id: i64) -> Result<String, Error> {
        self.conn
            .prepare_cached("SELECT name FROM speakers WHERE id = ?1")?
            .query_row([id], |r| r.get(0))
            .optional()?
            .ok_or_else(|| Error::NoSpeaker(id.to_string()))
    }

    /// Merge speaker `other` into `keep`: its quotes, aliases and roles move over and
    /// `other` is deleted.
    pub fn merge_speakers(&mut self, keep: i64, other: i64) -> Result<(), Error> {
        if keep == other {
            return Err(Error::InvalidEdit(
                "cannot merge a speaker into itself".into(),
            ));
        }
        let tx = self.conn.transaction()?;
        let doc_of = |id: i64| -> Result<Option<i64>, Error> {
            tx.query_row("SELECT doc_id FROM speakers WHERE id = ?1", [id], |r| {
                r.get::<_, Option<i64>>(0)
            })
            .optional()?
            .ok_or_else(|| Error::NoSpeaker(id.to_string()))
        };
        let (keep_doc, other_doc) = (doc_of(keep)?, doc_of(other)?);
        tx.execute(
            "UPDATE quotes SET speaker_id = ?1 WHERE speaker_id = ?2",
            [keep, other],
        )?;
        tx.execute(
            "INSERT OR IGNORE INTO aliases(speaker_id, alias, norm, last) \
             SELECT ?1, alias, norm, last FROM aliases WHERE speaker_id = ?2",
            [keep, other],
        )?;
        tx.execute(
            "UPDATE roles SET speaker_id = ?1 WHERE speaker_id = ?2",
            [keep, other],
        )?;
        // Once it spans documents it is no longer a one-document speaker.
        if keep_doc.is_none() || keep_doc != other_doc {
            tx.execute("UPDATE speakers SET doc_id = NULL WHERE id = ?1", [keep])?;
        }
        tx.execute("DELETE FROM speakers WHERE id = ?1", [other])?;
        tx.commit()?;
        Ok(())
    }

    /// Split alias `alias` off `speaker` into a new speaker, taking along the quotes
    /// whose document named the speaker that way (and the roles of documents that are
    /// then wholly the new speaker's). Returns the new speaker's id.
    pub fn split_speaker(&mut self, speaker: i64, alias: &str) -> Result<i64, Error> {
        let norm = name_key(alias);
        let tx = self.conn.transaction()?;
        let (kind, doc_id): (EntityKind, Option<i64>) = tx
            .query_row(
                "SELECT kind, doc_id FROM speakers WHERE id = ?1",
                [speaker],
                |r| Ok((kind_at(r, 0)?, r.get(1)?)),
            )
            .optional()?
            .ok_or_else(|| Error::NoSpeaker(speaker.to_string()))?;
        let stored: Option<String> = tx
            .query_row(
                "SELECT alias FROM aliases WHERE speaker_id = ?1 AND norm = ?2",
                params![speaker, norm],
                |r| r.get(0),
            )
            .optional()?;
        let Some(stored) = stored else {
            return Err(Error::InvalidEdit(format!(
                "speaker {speaker} has no alias {alias:?}"
            )));
        };
        let n: i64 = tx.query_row(
            "SELECT count(*) FROM aliases WHERE speaker_id = ?1",
            [speaker],
            |r| r.get(0),
        )?;
        if n < 2 {
            return Err(Error::InvalidEdit(format!(
                "{stored:?} is the only alias of speaker {speaker}; nothing to split"
            )));
        }
        tx.execute(
            "INSERT INTO speakers(name, kind, doc_id) VALUES (?1, ?2, ?3)",
            params![stored, Kind(kind), doc_id],
        )?;
        let new = tx.last_insert_rowid();
        tx.execute(
            "UPDATE aliases SET speaker_id = ?1 WHERE speaker_id = ?2 AND norm = ?3",
            params![new, speaker, norm],
        )?;
        // Folding happens in Rust, so pick the quotes here rather than in SQL.
        let moved: Vec<i64> = {
            let mut st = tx.prepare("SELECT id, entity FROM quotes WHERE speaker_id = ?1")?;
            let rows = st.query_map([speaker], |r| {
                Ok((r.get::<_, i64>(0)?, r.get::<_, Option<String>>(1)?))
            })?;
            let mut moved = Vec::new();
            for row in rows {
                let (id, entity) = row?;
                if entity.is_some_and(|e| name_key(&e) == norm) {
                    moved.push(id);
                }
            }
            moved
        };
        for id in moved {
            tx.execute("UPDATE quotes SET speaker_id = ?1 WHERE id = ?2", [new, id])?;
        }
        tx.execute(
            "UPDATE roles SET speaker_id = ?1 WHERE speaker_id = ?2 \
             AND doc_id IN (SELECT doc_id FROM quotes WHERE speaker_id = ?1) \
             AND doc_id NOT IN (SELECT doc_id FROM quotes WHERE speaker_id = ?2)",
            [new, speaker],
        )?;
        // The old name may have been the alias split off.
        if name_key(&stored) == name_key(&speaker_name(&tx, speaker)?) {
            let other: String = tx.query_row(
                "SELECT alias FROM aliases WHERE speaker_id = ?1 ORDER BY length(alias) DESC LIMIT 1",
                [speaker],
                |r| r.get(0),
            )?;
            tx.execute(
                "UPDATE speakers SET name = ?1 WHERE id = ?2",
                params![other, speaker],
            )?;
        }
        tx.commit()?;
        Ok(new)
    }

    /// Give `speaker` another alias, so later documents naming it that way join it.
    pub fn add_alias(&mut self, speaker: i64, alias: &str) -> Result<(), Error> {
        if name_key(alias).is_empty() {
            return Err(Error::InvalidEdit(format!("{alias:?} has no letters")));
        }
        let tx = self.conn.transaction()?;
        let kind: EntityKind = tx
            .query_row("SELECT kind FROM speakers WHERE id = ?1", [speaker], |r| {
                kind_at(r, 0)
            })
            .optional()?
            .ok_or_else(|| Error::NoSpeaker(speaker.to_string()))?;
        // Two speakers with one alias would make the name ambiguous for every later
        // document and command: the user means a merge.
        let owner: Option<(i64, String)> = tx
            .query_row(
                "SELECT s.id, s.name FROM aliases a JOIN speakers s ON s.id = a.speaker_id \
                 WHERE a.norm = ?1 AND a.speaker_id != ?2 ORDER BY s.id LIMIT 1",
                params![name_key(alias), speaker],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        if let Some((owner, owner_name)) = owner {
            return Err(Error::AliasTaken {
                alias: alias.to_string(),
                owner,
                owner_name,
            });
        }
        add_alias(&tx, speaker, alias, kind)?;
        tx.commit()?;
        Ok(())
    }

    /// Remove an alias from `speaker` (never its last one).
    pub fn remove_alias(&mut self, speaker: i64, alias: &str) -> Result<(), Error> {
        let tx = self.conn.transaction()?;
        let n: i64 = tx.query_row(
            "SELECT count(*) FROM aliases WHERE speaker_id = ?1",
            [speaker],
            |r| r.get(0),
        )?;
        let gone = tx.execute(
            "DELETE FROM aliases WHERE speaker_id = ?1 AND norm = ?2",
            params![speaker, name_key(alias)],
        )?;
        if gone == 0 {
            return Err(Error::InvalidEdit(format!(
                "speaker {speaker} has no alias {alias:?}"
            )));
        }
        if n <= 1 {
            return Err(Error::InvalidEdit(format!(
                "{alias:?} is the last alias of speaker {speaker}"
            )));
        }
        tx.commit()?;
        Ok(())
    }
}

fn speaker_name(tx: &Transaction<'_>, id: i64) -> Result<String, Error> {
    Ok(
        tx.query_row("SELECT name FROM speakers WHERE id = ?1", [id], |r| {
            r.get(0)
        })?,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn surname_skips_suffixes() {
        assert_eq!(surname("martin luther king jr"), Some("king"));
        assert_eq!(surname("medinsky"), None);
        assert_eq!(surname("vladimir medinsky"), Some("medinsky"));
    }
}
