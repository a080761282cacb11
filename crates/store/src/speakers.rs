//! Speakers across documents: the stored speaker of an extracted entity, and the
//! user's corrections (merge, split, aliases).
//!
//! - anonymous and "other" sources never match across documents: "a senior official"
//!   in two articles is not known to be one person, so each document gets its own;
//! - nor do descriptions without a name ("the company", "the campaign"): the company
//!   of one article is not that of the next;
//! - a named person or organisation is attached through its name (see the `linking`
//!   module, which decides which names are one person);
//! - the user's merges, splits and aliases pin names to speakers, above every
//!   automatic decision.

use attrib::{Entity, EntityKind};
use rusqlite::{CachedStatement, OptionalExtension, Transaction, params};
use rustc_hash::FxHashSet;
use text::fold::name_key;
use text::names::PersonKey;

use crate::linking;
use crate::prepared::prepared;
use crate::sql_types::{Kind, kind_at};
use crate::{Error, Store};

/// The aliases (speaker, folded alias) a transaction has stored so far. Storing one
/// again is an insert SQLite ignores, which still costs a statement, and the articles
/// of a batch that quote a speaker again name them as before. Valid while no alias is
/// deleted: relinking deletes the aliases of the names it moves away from a speaker,
/// and forgets that speaker's.
#[derive(Default)]
pub(crate) struct StoredAliases<'c> {
    seen: FxHashSet<(i64, String)>,
    /// The alias insert, kept for the transaction (see `prepared`).
    insert: Option<CachedStatement<'c>>,
}

impl StoredAliases<'_> {
    /// Forget the aliases of `speakers` (sorted): some may have been deleted since.
    pub(crate) fn forget(&mut self, speakers: &[i64]) {
        if !speakers.is_empty() {
            self.seen
                .retain(|(id, _)| speakers.binary_search(id).is_err());
        }
    }
}

/// Store an alias (no-op when the speaker already has it). `node` is the name (a
/// `names` key) the alias came with, so that it moves with that name; `None` for an
/// alias the user gave. `stored` skips the aliases this transaction stored already.
pub(crate) fn add_alias<'c>(
    tx: &'c Transaction<'_>,
    stored: &mut StoredAliases<'c>,
    speaker: i64,
    alias: &str,
    kind: EntityKind,
    node: Option<&str>,
) -> Result<(), Error> {
    let last = || match kind {
        EntityKind::Person => PersonKey::of(alias).map(|k| k.surname),
        _ => None,
    };
    store_alias(tx, stored, speaker, alias, name_key(alias), last, node)
}

/// [`add_alias`] with what it derives from the alias given: its folded key `norm`
/// and `last`, the surname a person's alias is found by (`None` for others), asked
/// for only when the alias is stored.
pub(crate) fn store_alias<'c>(
    tx: &'c Transaction<'_>,
    stored: &mut StoredAliases<'c>,
    speaker: i64,
    alias: &str,
    norm: String,
    last: impl FnOnce() -> Option<String>,
    node: Option<&str>,
) -> Result<(), Error> {
    if norm.is_empty() {
        return Ok(());
    }
    let key = (speaker, norm);
    if stored.seen.contains(&key) {
        return Ok(());
    }
    prepared(
        &mut stored.insert,
        tx,
        "INSERT OR IGNORE INTO aliases(speaker_id, alias, norm, last, node) \
         VALUES (?1, ?2, ?3, ?4, ?5)",
    )?
    .execute(params![speaker, alias.trim(), key.1, last(), node])?;
    stored.seen.insert(key);
    Ok(())
}

/// The stored speaker for `entity` as found in document `doc_id`, which it said
/// `quotes` quotations of, whether it was created now, and the block of names to
/// relink before the ingest transaction commits (see `linking`). Its mentions that are
/// names ("Mr. Trump", "Trump") become aliases.
pub(crate) fn resolve<'c>(
    tx: &'c Transaction<'_>,
    memo: &mut linking::Memo<'c>,
    entity: &Entity,
    doc_id: i64,
    doc_text: &str,
    quotes: usize,
) -> Result<(i64, bool, Option<String>), Error> {
    let kind = entity.kind;
    let norm = name_key(&entity.canonical);
    // A name has a capital letter; "company" or "the campaign" left unresolved by the
    // article is a description of someone in it only.
    let unnamed = !entity.canonical.chars().any(char::is_uppercase);
    if norm.is_empty()
        || unnamed
        || matches!(entity.kind, EntityKind::Anonymous | EntityKind::Other)
    {
        let name = if norm.is_empty() {
            "(unnamed)"
        } else {
            entity.canonical.trim()
        };
        prepared(
            &mut memo.statements.document_speaker,
            tx,
            "INSERT INTO speakers(name, kind, doc_id) VALUES (?1, ?2, ?3)",
        )?
        .execute(params![name, Kind(kind), doc_id])?;
        let id = tx.last_insert_rowid();
        add_alias(tx, &mut memo.aliases, id, name, kind, None)?;
        return Ok((id, true, None));
    }
    // Parsed once a transaction per spelling: the articles of a batch name the same
    // people again and again.
    let key = (kind == EntityKind::Person)
        .then(|| memo.key(&entity.canonical))
        .flatten();
    let (id, created, block) = linking::attach(
        tx,
        memo,
        &entity.canonical,
        (&norm, key.as_ref()),
        kind,
        quotes,
    )?;
    for m in &entity.mentions {
        let Some(text) = doc_text.get(m.start..m.end) else {
            continue;
        };
        // A new speaker's name is its first alias already (see `linking::attach`):
        // adding it again is a no-op that costs a statement.
        if created && text.trim() == entity.canonical.trim() {
            continue;
        }
        // Folded and parsed once: the checks and the alias stored both need them.
        let text_norm = name_key(text);
        if !is_name(text, &text_norm, &norm) {
            continue;
        }
        let text_key = (kind == EntityKind::Person)
            .then(|| memo.key(text))
            .flatten();
        if key
            .as_ref()
            .is_none_or(|k| text_key.as_ref().is_some_and(|t| same_person(k, t)))
        {
            let last = || text_key.map(|t| t.surname);
            store_alias(
                tx,
                &mut memo.aliases,
                id,
                text,
                text_norm,
                last,
                Some(&norm),
            )?;
        }
    }
    Ok((id, created, block))
}

/// True when a mention of key `m` can name the person of key `k`: its surname alone
/// ("Mr. Trump"), or the same given name and suffix ("Sen. Bernie Sanders"), not a
/// relative the document's coreference confused with them ("Donald Trump Jr.").
fn same_person(k: &PersonKey, m: &PersonKey) -> bool {
    m.surname == k.surname
        && (m.given.is_none() && m.suffix.is_none() || (m.given == k.given && m.suffix == k.suffix))
}

/// True for a mention `text` (folded: `key`) that names the speaker called `norm`
/// (every word capitalised or a particle, and a word of the name in it: "Mr. Trump",
/// "Trump") rather than describes ("the minister") or points ("He").
fn is_name(text: &str, key: &str, norm: &str) -> bool {
    let words: Vec<&str> = text.split_whitespace().collect();
    words.len() <= 6
        && words.iter().all(|w| {
            w.chars().next().is_some_and(char::is_uppercase) || text::names::is_particle(w)
        })
        && key
            .split(' ')
            .any(|w| w.len() > 1 && norm.split(' ').any(|n| n == w))
}

impl Store {
    /// Ids of the speakers `name` may mean: those with it as an alias (folded), and
    /// those with a full name of the same person key ("Vladimir Putin" for "Vladimir
    /// V. Putin") or, for a surname alone ("O'Malley", "Mr. Trump"), with that surname.
    /// Empty when nothing matches.
    pub fn speaker_ids(&self, name: &str) -> Result<Vec<i64>, Error> {
        let norm = name_key(name);
        if norm.is_empty() {
            return Ok(Vec::new());
        }
        let mut ids: Vec<i64> = self
            .conn
            .prepare_cached("SELECT speaker_id FROM aliases WHERE norm = ?1")?
            .query_map([&norm], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        if let Some(key) = PersonKey::of(name) {
            let mut st = self
                .conn
                .prepare_cached("SELECT speaker_id, alias FROM aliases WHERE last = ?1")?;
            let rows = st.query_map([&key.surname], |r| {
                Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?))
            })?;
            for row in rows {
                let (id, alias) = row?;
                let fits = key.given.is_none()
                    || PersonKey::of(&alias)
                        .is_some_and(|a| a.given == key.given && a.suffix == key.suffix);
                if fits {
                    ids.push(id);
                }
            }
        }
        ids.sort_unstable();
        ids.dedup();
        Ok(ids)
    }

    /// The one speaker that `arg` names: a numeric id, else an alias, else a person
    /// key or surname (see [`Store::speaker_ids`]). A name that fits several is
    /// [`Error::AmbiguousSpeaker`], with the candidates.
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
        // A name quotations were attributed to means the speaker it was linked to
        // ("Trump" → Donald Trump when he dominates the surname), even where other
        // speakers' articles also called them so.
        let linked: Vec<i64> = self
            .conn
            .prepare_cached("SELECT DISTINCT speaker_id FROM names WHERE norm = ?1 ORDER BY 1")?
            .query_map([&norm], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        if let [one] = linked.as_slice() {
            return Ok(*one);
        }
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
                candidates: self.candidates(&ids)?,
            }),
        }
    }

    /// The speakers `ids` as a user tells them apart: name, quotations, latest role;
    /// the most quoted first.
    fn candidates(&self, ids: &[i64]) -> Result<Vec<crate::Candidate>, Error> {
        let mut out = Vec::with_capacity(ids.len());
        for &id in ids {
            let (name, quotes): (String, i64) = self.conn.query_row(
                "SELECT name, (SELECT count(*) FROM quotes WHERE speaker_id = ?1) \
                 FROM speakers WHERE id = ?1",
                [id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )?;
            let role: Option<String> = self
                .conn
                .query_row(
                    "SELECT role FROM roles_seen WHERE speaker_id = ?1 \
                     GROUP BY role ORDER BY count(*) DESC, role LIMIT 1",
                    [id],
                    |r| r.get(0),
                )
                .optional()?;
            out.push(crate::Candidate {
                id,
                name,
                quotes,
                role,
            });
        }
        out.sort_by(|a, b| b.quotes.cmp(&a.quotes).then(a.id.cmp(&b.id)));
        Ok(out)
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
        // The user's decision: every name of both stays with `keep`.
        tx.execute(
            "UPDATE names SET speaker_id = ?1 WHERE speaker_id = ?2",
            [keep, other],
        )?;
        linking::pin_speaker(&tx, keep)?;
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
        // The user's decision: the name split off is the new speaker's, the others
        // stay, and relinking moves neither.
        tx.execute(
            "UPDATE names SET speaker_id = ?1 WHERE speaker_id = ?2 AND norm = ?3",
            params![new, speaker, norm],
        )?;
        linking::pin_speaker(&tx, new)?;
        linking::pin_speaker(&tx, speaker)?;
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
        add_alias(
            &tx,
            &mut StoredAliases::default(),
            speaker,
            alias,
            kind,
            None,
        )?;
        linking::pin_name(&tx, speaker, alias, kind)?;
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
    fn mentions_of_the_same_person() {
        let k = PersonKey::of("Donald J. Trump").unwrap();
        for m in [
            "Mr. Trump",
            "Trump",
            "Donald Trump",
            "President Donald Trump",
        ] {
            assert!(PersonKey::of(m).is_some_and(|m| same_person(&k, &m)), "{m}");
        }
        for m in [
            "Donald Trump Jr.",
            "Ivanka Trump",
            "First Trump",
            "Mr. Obama",
        ] {
            assert!(
                !PersonKey::of(m).is_some_and(|m| same_person(&k, &m)),
                "{m}"
            );
        }
    }

    #[test]
    fn names_among_mentions() {
        let is_name = |text: &str, norm: &str| is_name(text, &name_key(text), norm);
        assert!(is_name("Mr. Trump", "donald j trump"));
        assert!(is_name("Trump", "donald j trump"));
        assert!(is_name("Martin O’Malley", "martin o malley"));
        assert!(!is_name("He", "donald j trump"));
        assert!(!is_name("the president", "donald j trump"));
        assert!(!is_name("President", "donald j trump"));
    }
}
