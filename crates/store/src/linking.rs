//! Speakers across articles: which written names are one person.
//!
//! Every name a quotation was attributed to is a row of `names` (its folded key, the
//! spelling, its kind, how many quotations it has and the speaker it belongs to).
//! Ingest attaches a new quotation to the speaker its name already has, or to a new
//! speaker, and relinks the name's *block* before it commits: a person's block is the
//! surname of [`PersonKey`], so names can only join names with the same surname, and
//! a relink reads one block, never the whole table (a block of one name, the usual
//! case, costs one indexed read).
//!
//! Relinking a block decides afresh from the block's names alone, so the speakers do
//! not depend on the order articles came in:
//! - full names with one [`PersonKey`] are one person ("Donald J. Trump", "Donald
//!   Trump"; "Joe Biden", "Joseph Biden"), and relatives and namesakes, whose given
//!   names or suffixes differ, are not ("Ivanka Trump", "Donald Trump Jr.");
//! - a given name one letter off a far better attested one with the same surname is
//!   a misspelling of it ("Hilary Clinton");
//! - a surname alone ("Obama", "Mr. Obama") joins the full name that has at least
//!   two thirds of the block's full-name quotations, and stays a speaker of its own
//!   when no full name dominates or when its honorific tells another gender than the
//!   full name's given name ("Mrs. Trump" is not Donald Trump);
//! - what the user decided (a merge, a split, an alias) pins names to their speaker,
//!   and an automatic decision never moves a pinned name.
//!
//! A group of names is served by the speaker that already holds most of its
//! quotations (the lowest id on a tie), which is named after the group's best attested
//! full name. Speakers left with no quotations and no names are deleted.

use std::collections::{BTreeMap, HashMap};

use attrib::EntityKind;
use rusqlite::{CachedStatement, OptionalExtension, Transaction, params};
use rustc_hash::{FxHashMap, FxHashSet};
use text::fold::name_key;
use text::names::PersonKey;

use crate::Error;
use crate::prepared::prepared;
use crate::speakers::StoredAliases;
use crate::sql_types::Kind;

/// A full name this share of a block's full-name quotations or more is what the
/// block's bare surname stands for.
const DOMINANT: (i64, i64) = (2, 3);

/// Up to this many given names in a block are compared pairwise for misspellings;
/// more are compared through an index of their one-letter deletions.
const PAIRWISE_GIVEN_NAMES: usize = 16;

/// How much better attested a given name must be for a one-letter variant to be its
/// misspelling.
const MISSPELLING_RATIO: i64 = 3;

/// What an ingest transaction has learnt while storing its articles, which the later
/// articles of that transaction reuse instead of asking SQLite again (most articles
/// quote people earlier ones quoted). Valid inside that transaction only: it is
/// dropped with it, committed or rolled back.
#[derive(Default)]
pub(crate) struct Memo<'c> {
    /// The aliases stored so far.
    pub(crate) aliases: StoredAliases<'c>,
    /// The statements run per name, kept for the transaction (see `prepared`).
    pub(crate) statements: NameStatements<'c>,
    /// Blocks read holding one name, which relinking leaves as they are: a block
    /// grows during ingest only through [`attach`], which takes it out of here.
    single: FxHashSet<String>,
    /// The person key of each name relinking parsed.
    keys: FxHashMap<String, Option<PersonKey>>,
    /// The names relinking gave speakers, so that a block relinked again does not
    /// rename them to what they are called already.
    named: FxHashMap<i64, String>,
    /// The names of each person block relinked so far, as `names` holds them now (in
    /// its order): a block is relinked again for every article naming it, and reading
    /// it back was half of what relinking cost. Inside an ingest transaction a block's
    /// names change only through [`attach`] and relinking, which keep this in step.
    blocks: FxHashMap<String, Vec<Name>>,
}

/// The statements [`attach`] and `speakers::resolve` run for every name, each
/// prepared on first use (see `prepared`).
#[derive(Default)]
pub(crate) struct NameStatements<'c> {
    /// A name's speaker and block.
    find_name: Option<CachedStatement<'c>>,
    /// A known name counts quotations and keeps its least spelling.
    count_name: Option<CachedStatement<'c>>,
    /// A name that is not a person's names its speaker after its least spelling.
    rename: Option<CachedStatement<'c>>,
    /// A new name and its speaker.
    new_speaker: Option<CachedStatement<'c>>,
    new_name: Option<CachedStatement<'c>>,
    /// A speaker of one document (an anonymous source, a description).
    pub(crate) document_speaker: Option<CachedStatement<'c>>,
}

impl Memo<'_> {
    /// The person key of `name`, parsed once a transaction.
    pub(crate) fn key(&mut self, name: &str) -> Option<PersonKey> {
        if let Some(k) = self.keys.get(name) {
            return k.clone();
        }
        let k = PersonKey::of(name);
        self.keys.insert(name.to_owned(), k.clone());
        k
    }

    /// Forget what is known of `speakers` (sorted): relinking moved names away from
    /// them, which deletes those names' aliases and may delete the speakers, whose
    /// ids SQLite then gives again.
    fn forget_speakers(&mut self, speakers: &[i64]) {
        self.aliases.forget(speakers);
        for id in speakers {
            self.named.remove(id);
        }
    }
}

/// The block of a name of `kind`: a person's surname, else the whole key.
pub(crate) fn block(name: &str, norm: &str, kind: EntityKind) -> String {
    let key = (kind == EntityKind::Person)
        .then(|| PersonKey::of(name))
        .flatten();
    block_of(kind, key.as_ref(), norm)
}

/// [`block`] of a name whose person key is known (`key`: `None` but for persons).
fn block_of(kind: EntityKind, key: Option<&PersonKey>, norm: &str) -> String {
    match key {
        Some(k) if kind == EntityKind::Person => format!("p:{}", k.surname),
        _ => format!("{}:{norm}", kind.as_str()),
    }
}

/// The speaker the name `name` of `kind` has, creating the name (and a new speaker)
/// when unseen, and counts `quotes` more quotations for it. Returns the speaker,
/// whether it is new, and the block to relink (a person's surname). `norm` is
/// `name_key(name)` and `key` its person key (`None` but for persons), which the
/// caller has already.
pub(crate) fn attach<'c>(
    tx: &'c Transaction<'_>,
    memo: &mut Memo<'c>,
    name: &str,
    (norm, key): (&str, Option<&PersonKey>),
    kind: EntityKind,
    quotes: usize,
) -> Result<(i64, bool, Option<String>), Error> {
    let name = name.trim();
    let quotes = i64::try_from(quotes).unwrap_or(i64::MAX);
    let st = &mut memo.statements;
    let found: Option<(i64, String)> = prepared(
        &mut st.find_name,
        tx,
        "SELECT speaker_id, block FROM names WHERE kind = ?1 AND norm = ?2",
    )?
    .query_row(params![Kind(kind), norm], |r| Ok((r.get(0)?, r.get(1)?)))
    .optional()?;
    let (id, created, block) = match found {
        Some((id, block)) => {
            // The spelling shown is the least one, whatever the order seen.
            prepared(
                &mut st.count_name,
                tx,
                "UPDATE names SET quotes = quotes + ?3, name = min(name, ?4) \
                 WHERE kind = ?1 AND norm = ?2",
            )?
            .execute(params![Kind(kind), norm, quotes, name])?;
            if let Some(names) = memo.blocks.get_mut(&block) {
                match names.binary_search_by(|n| n.norm.as_str().cmp(norm)) {
                    Ok(i) => {
                        let n = &mut names[i];
                        n.quotes += quotes;
                        // As SQLite's `min` on text: byte order.
                        if name < n.name.as_str() {
                            name.clone_into(&mut n.name);
                        }
                    }
                    // Not as read: read the block again when it is relinked.
                    Err(_) => {
                        memo.blocks.remove(&block);
                    }
                }
            }
            if kind != EntityKind::Person {
                // Persons are named by relinking; others by their least spelling.
                prepared(
                    &mut memo.statements.rename,
                    tx,
                    "UPDATE speakers SET name = ?2 WHERE id = ?1 AND name > ?2",
                )?
                .execute(params![id, name])?;
                memo.named.remove(&id);
            }
            (id, false, block)
        }
        None => {
            prepared(
                &mut memo.statements.new_speaker,
                tx,
                "INSERT INTO speakers(name, kind) VALUES (?1, ?2)",
            )?
            .execute(params![name, Kind(kind)])?;
            let id = tx.last_insert_rowid();
            let block = block_of(kind, key, norm);
            memo.single.remove(&block);
            if let Some(names) = memo.blocks.get_mut(&block) {
                match names.binary_search_by(|n| n.norm.as_str().cmp(norm)) {
                    Err(i) if kind == EntityKind::Person => names.insert(
                        i,
                        Name {
                            norm: norm.to_owned(),
                            name: name.to_owned(),
                            speaker: id,
                            quotes,
                            pinned: false,
                            key: None,
                        },
                    ),
                    _ => {
                        memo.blocks.remove(&block);
                    }
                }
            }
            prepared(
                &mut memo.statements.new_name,
                tx,
                "INSERT INTO names(kind, norm, name, block, speaker_id, quotes) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )?
            .execute(params![Kind(kind), norm, name, block, id, quotes])?;
            // Its first alias, with the key and surname the caller has already
            // (`name_key` and `PersonKey::of` ignore the spaces trimmed off).
            crate::speakers::store_alias(
                tx,
                &mut memo.aliases,
                id,
                name,
                norm.to_owned(),
                || key.map(|k| k.surname.clone()),
                Some(norm),
            )?;
            (id, true, block)
        }
    };
    Ok((id, created, (kind == EntityKind::Person).then_some(block)))
}

/// Pin every name of `speaker` to it: the user decided who it is.
pub(crate) fn pin_speaker(tx: &Transaction<'_>, speaker: i64) -> Result<(), Error> {
    tx.execute(
        "UPDATE names SET pinned = 1 WHERE speaker_id = ?1",
        [speaker],
    )?;
    Ok(())
}

/// Pin the name `alias` to `speaker`, creating it with no quotations when unseen: a
/// later article naming someone so joins that speaker.
pub(crate) fn pin_name(
    tx: &Transaction<'_>,
    speaker: i64,
    alias: &str,
    kind: EntityKind,
) -> Result<(), Error> {
    let alias = alias.trim();
    let norm = name_key(alias);
    tx.prepare_cached(
        "INSERT INTO names(kind, norm, name, block, speaker_id, quotes, pinned) \
         VALUES (?1, ?2, ?3, ?4, ?5, 0, 1) \
         ON CONFLICT(kind, norm) DO UPDATE SET speaker_id = excluded.speaker_id, pinned = 1",
    )?
    .execute(params![
        Kind(kind),
        norm,
        alias,
        block(alias, &norm, kind),
        speaker
    ])?;
    Ok(())
}

/// Fill `names` from the quotations of a database made before it (migration 8): each
/// name goes to the speaker holding most of its quotations, which takes the rest of
/// them; then every person block is relinked.
pub(crate) fn build_names(tx: &Transaction<'_>) -> Result<(), Error> {
    struct Seen {
        kind: EntityKind,
        name: String,
        by: BTreeMap<i64, (i64, Vec<String>)>,
    }
    let mut seen: BTreeMap<(String, String), Seen> = BTreeMap::new();
    let mut blocks: Vec<String> = Vec::new();
    {
        let mut st = tx.prepare(
            "SELECT s.kind, q.speaker_id, q.entity, count(*) FROM quotes q \
             JOIN speakers s ON s.id = q.speaker_id \
             WHERE s.doc_id IS NULL AND q.entity IS NOT NULL GROUP BY q.speaker_id, q.entity",
        )?;
        let rows = st.query_map([], |r| {
            Ok((
                crate::sql_types::kind_at::<EntityKind>(r, 0)?,
                r.get::<_, i64>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, i64>(3)?,
            ))
        })?;
        for row in rows {
            let (kind, speaker, entity, n) = row?;
            let norm = name_key(&entity);
            if norm.is_empty() {
                continue;
            }
            let e = seen
                .entry((kind.as_str().to_string(), norm))
                .or_insert_with(|| Seen {
                    kind,
                    name: entity.trim().to_string(),
                    by: BTreeMap::new(),
                });
            if entity.trim() < e.name.as_str() {
                e.name = entity.trim().to_string();
            }
            let slot = e.by.entry(speaker).or_default();
            slot.0 += n;
            slot.1.push(entity);
        }
    }
    for ((_, norm), e) in &seen {
        let Some((&chosen, _)) =
            e.by.iter()
                .max_by_key(|&(&id, &(n, _))| (n, std::cmp::Reverse(id)))
        else {
            continue;
        };
        for (&id, (_, spellings)) in &e.by {
            if id == chosen {
                continue;
            }
            for spelling in spellings {
                tx.execute(
                    "UPDATE quotes SET speaker_id = ?1 WHERE speaker_id = ?2 AND entity = ?3",
                    params![chosen, id, spelling],
                )?;
            }
        }
        let total: i64 = e.by.values().map(|(n, _)| n).sum();
        let block = block(&e.name, norm, e.kind);
        tx.execute(
            "INSERT INTO names(kind, norm, name, block, speaker_id, quotes) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![Kind(e.kind), norm, e.name, block, chosen, total],
        )?;
        tx.execute(
            "UPDATE aliases SET node = ?2 WHERE speaker_id = ?1 AND norm = ?2",
            params![chosen, norm],
        )?;
        if e.kind == EntityKind::Person {
            blocks.push(block);
        }
    }
    relink(tx, &mut Memo::default(), blocks)?;
    Ok(())
}

/// Relink every person block, as if each had just been named again: after a change
/// to the rules that join names (a migration).
pub(crate) fn relink_people(tx: &Transaction<'_>) -> Result<(), Error> {
    let blocks = tx
        .prepare("SELECT DISTINCT block FROM names WHERE kind = 'person'")?
        .query_map([], |r| r.get::<_, String>(0))?
        .collect::<Result<Vec<_>, _>>()?;
    relink(tx, &mut Memo::default(), blocks)?;
    Ok(())
}

/// One name of a block as relinking reads it.
#[derive(Debug)]
struct Name {
    norm: String,
    name: String,
    speaker: i64,
    quotes: i64,
    pinned: bool,
    key: Option<PersonKey>,
}

impl Name {
    /// What `names` stores of it.
    fn stored(&self) -> (&str, &str, i64, i64, bool) {
        (
            &self.norm,
            &self.name,
            self.speaker,
            self.quotes,
            self.pinned,
        )
    }
}

/// Relink `blocks` (each once, in order). Returns how many names moved.
pub(crate) fn relink<'c>(
    tx: &'c Transaction<'_>,
    memo: &mut Memo<'c>,
    mut blocks: Vec<String>,
) -> Result<usize, Error> {
    blocks.sort_unstable();
    blocks.dedup();
    let mut moved = 0;
    for b in blocks {
        if !memo.single.contains(&b) {
            moved += relink_block(tx, memo, b)?;
        }
    }
    Ok(moved)
}

fn relink_block(tx: &Transaction<'_>, memo: &mut Memo<'_>, block: String) -> Result<usize, Error> {
    let mut names = match memo.blocks.remove(&block) {
        Some(names) => {
            // The tests run debug builds: there the names kept are checked against
            // the table.
            debug_assert_eq!(
                names.iter().map(Name::stored).collect::<Vec<_>>(),
                read_block(tx, &block)?
                    .iter()
                    .map(Name::stored)
                    .collect::<Vec<_>>(),
                "names kept for block {block}"
            );
            names
        }
        None => read_block(tx, &block)?,
    };
    // One name alone in its surname: it is its speaker's, named after it already.
    if names.len() < 2 {
        memo.single.insert(block);
        return Ok(0);
    }
    for n in &mut names {
        n.key = memo.key(&n.name);
    }
    let group = groups(&names);
    // Each group's names, found once: every step below reads a group's members.
    let mut members: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for (i, &g) in group.iter().enumerate() {
        members.entry(g).or_default().push(i);
    }
    let target = speakers_of(tx, &names, &members)?;
    let mut moves: Vec<(usize, i64)> = Vec::new();
    let mut touched: Vec<i64> = Vec::new();
    for (i, (n, g)) in names.iter().zip(&group).enumerate() {
        let Some(&to) = target.get(g) else { continue };
        if n.pinned || n.speaker == to {
            continue;
        }
        move_name(tx, n, to)?;
        touched.push(n.speaker);
        moves.push((i, to));
    }
    // Name each group's speaker after its best attested full name.
    for (g, &id) in &target {
        let best = members[g]
            .iter()
            .map(|&i| &names[i])
            .filter(|n| !n.pinned || n.speaker == id)
            .max_by(|a, b| {
                let full = |n: &Name| n.key.as_ref().is_some_and(|k| k.given.is_some());
                (full(a), a.quotes)
                    .cmp(&(full(b), b.quotes))
                    .then_with(|| b.name.cmp(&a.name))
            })
            .map(|n| n.name.as_str());
        if let Some(best) = best
            && memo.named.get(&id).is_none_or(|n| n != best)
        {
            tx.prepare_cached("UPDATE speakers SET name = ?2 WHERE id = ?1 AND name != ?2")?
                .execute(params![id, best])?;
            memo.named.insert(id, best.to_owned());
        }
    }
    touched.sort_unstable();
    touched.dedup();
    memo.forget_speakers(&touched);
    for id in touched {
        let gone = tx
            .prepare_cached(
                "DELETE FROM speakers WHERE id = ?1 \
                 AND NOT EXISTS (SELECT 1 FROM names WHERE speaker_id = ?1) \
                 AND NOT EXISTS (SELECT 1 FROM quotes WHERE speaker_id = ?1)",
            )?
            .execute([id])?;
        if gone > 0 {
            // What ON DELETE CASCADE does (no names or quotations refer to it): batched
            // ingest stores with foreign keys off (see `Store::ingest_batch`), and a
            // later speaker given this id again must not inherit these rows.
            tx.prepare_cached("DELETE FROM aliases WHERE speaker_id = ?1")?
                .execute([id])?;
            tx.prepare_cached("DELETE FROM roles WHERE speaker_id = ?1")?
                .execute([id])?;
        }
    }
    let moved = moves.len();
    for (i, to) in moves {
        names[i].speaker = to;
    }
    memo.blocks.insert(block, names);
    Ok(moved)
}

/// The person names of `block`, in `norm` order, as stored.
fn read_block(tx: &Transaction<'_>, block: &str) -> Result<Vec<Name>, Error> {
    let mut st = tx.prepare_cached(
        "SELECT norm, name, speaker_id, quotes, pinned FROM names \
         WHERE block = ?1 AND kind = 'person' ORDER BY norm",
    )?;
    let names = st
        .query_map([block], |r| {
            Ok(Name {
                norm: r.get(0)?,
                name: r.get(1)?,
                // Parsed when relinking, and only when there is something to decide.
                key: None,
                speaker: r.get(2)?,
                quotes: r.get(3)?,
                pinned: r.get::<_, i64>(4)? != 0,
            })
        })?
        .collect::<Result<_, _>>()?;
    Ok(names)
}

/// The speaker of each group (`members`: the names of each group): a pinned name's
/// (the best attested one), else the one holding most of the group's quotations (the
/// lowest id on a tie). A speaker serves one group: the best attested group keeps it,
/// and a group left without one gets a new speaker (a bare surname that no longer
/// stands for the full name it had joined).
fn speakers_of(
    tx: &Transaction<'_>,
    names: &[Name],
    members: &BTreeMap<usize, Vec<usize>>,
) -> Result<BTreeMap<usize, i64>, Error> {
    use std::cmp::Reverse;
    let quotes = |g: &usize| members[g].iter().map(|&i| names[i].quotes).sum::<i64>();
    let mut order: Vec<(i64, usize)> = members.keys().map(|g| (quotes(g), *g)).collect();
    order.sort_by_key(|&(q, g)| (Reverse(q), g));
    let mut taken: std::collections::BTreeSet<i64> = std::collections::BTreeSet::new();
    let mut target = BTreeMap::new();
    for &(_, g) in &order {
        // (pinned, quotations, speaker) of each speaker the group's names have now.
        let mut prefs: Vec<(bool, i64, i64)> = Vec::new();
        for n in members[&g].iter().map(|&i| &names[i]) {
            match prefs.iter_mut().find(|p| p.2 == n.speaker) {
                Some(p) => {
                    p.0 |= n.pinned;
                    p.1 += n.quotes;
                }
                None => prefs.push((n.pinned, n.quotes, n.speaker)),
            }
        }
        prefs.sort_by_key(|&(pinned, q, id)| (Reverse(pinned), Reverse(q), id));
        let id = match prefs.iter().find(|p| !taken.contains(&p.2)) {
            Some(p) => p.2,
            None => {
                let name = names[members[&g][0]].name.as_str();
                tx.prepare_cached("INSERT INTO speakers(name, kind) VALUES (?1, 'person')")?
                    .execute([name])?;
                tx.last_insert_rowid()
            }
        };
        taken.insert(id);
        target.insert(g, id);
    }
    Ok(target)
}

/// The group of each name (an index into `names`), by the rules of the module docs.
/// Linear in the block but for the misspelling check, which compares a given name
/// only with those sharing one of its one-letter deletions.
fn groups(names: &[Name]) -> Vec<usize> {
    // Full names: one group per (given name, suffix), led by its first name in order.
    let mut group: Vec<usize> = (0..names.len()).collect();
    let mut by_key: BTreeMap<(&str, Option<&str>), usize> = BTreeMap::new();
    for (i, n) in names.iter().enumerate() {
        if let Some(PersonKey {
            given: Some(given),
            suffix,
            ..
        }) = &n.key
        {
            group[i] = *by_key.entry((given, suffix.as_deref())).or_insert(i);
        }
    }
    let mut quotes = vec![0i64; names.len()];
    for (n, &g) in names.iter().zip(&group) {
        quotes[g] += n.quotes;
    }
    // Misspelt given names join a far better attested one. A group merged away points
    // at the one it joined (`into`).
    let mut into: Vec<usize> = (0..names.len()).collect();
    let find = |into: &[usize], mut g: usize| {
        while into[g] != g {
            g = into[g];
        }
        g
    };
    let deletions = |w: &str| -> Vec<String> {
        let mut v: Vec<String> = w
            .char_indices()
            .map(|(i, c)| format!("{}{}", &w[..i], &w[i + c.len_utf8()..]))
            .collect();
        v.push(w.to_string());
        v
    };
    // A few given names are compared pairwise; many, through their deletions.
    let indexed = by_key.len() > PAIRWISE_GIVEN_NAMES;
    let mut near: HashMap<(String, Option<&str>), Vec<usize>> = HashMap::new();
    if indexed {
        for (&(given, suffix), &g) in &by_key {
            for d in deletions(given) {
                near.entry((d, suffix)).or_default().push(g);
            }
        }
    }
    for (&(given, suffix), &g) in &by_key {
        if into[g] != g {
            continue;
        }
        let mut candidates: Vec<usize> = if indexed {
            deletions(given)
                .into_iter()
                .filter_map(|d| near.get(&(d, suffix)))
                .flatten()
                .copied()
                .filter(|&h| h != g)
                .collect()
        } else {
            by_key
                .iter()
                .filter(|&(&(_, s), &h)| s == suffix && h != g)
                .map(|(_, &h)| h)
                .collect()
        };
        candidates.sort_unstable();
        candidates.dedup();
        let better = candidates
            .into_iter()
            .filter(|&h| {
                let other = names[h].key.as_ref().and_then(|k| k.given.as_deref());
                other.is_some_and(|o| one_letter_apart(given, o))
            })
            .map(|h| find(&into, h))
            .filter(|&h| h != g)
            .map(|h| (quotes[h], h))
            .max();
        if let Some((theirs, h)) = better
            && theirs >= MISSPELLING_RATIO * quotes[g].max(1)
        {
            into[g] = h;
            quotes[h] += quotes[g];
            quotes[g] = 0;
        }
    }
    for g in group.iter_mut() {
        *g = find(&into, *g);
    }
    // Bare surnames join a dominant full name.
    let full: std::collections::BTreeSet<usize> = names
        .iter()
        .zip(&group)
        .filter(|(n, _)| n.key.as_ref().is_some_and(|k| k.given.is_some()))
        .map(|(_, &g)| g)
        .collect();
    let total: i64 = full.iter().map(|&g| quotes[g]).sum();
    let best = full
        .iter()
        .map(|&g| (quotes[g], std::cmp::Reverse(g)))
        .max()
        .map(|(q, std::cmp::Reverse(g))| (q, g));
    if let Some((q, g)) = best
        && q > 0
        && q * DOMINANT.1 >= total * DOMINANT.0
    {
        // Not across genders: "Mrs. Trump" is not Donald Trump, "Mr. Clinton" not
        // Hillary Clinton.
        let gender = attrib::name_gender(&names[g].name);
        for (i, n) in names.iter().enumerate() {
            if n.key
                .as_ref()
                .is_some_and(|k| k.given.is_none() && k.suffix.is_none())
                && !attrib::name_gender(&n.name)
                    .zip(gender)
                    .is_some_and(|(a, b)| a != b)
            {
                group[i] = g;
            }
        }
    }
    group
}

/// True when `a` and `b` differ by one inserted, deleted or replaced letter and both
/// are long enough for that to be a slip rather than another name ("Hilary"/"Hillary",
/// not "Erin"/"Eric" or "Mark"/"Marc").
fn one_letter_apart(a: &str, b: &str) -> bool {
    // On the strings themselves, not on collected chars: relinking a block compares
    // its given names pairwise, and the two allocations per pair were most of it.
    let (na, nb) = (a.chars().count(), b.chars().count());
    if na.min(nb) < 5
        || na.abs_diff(nb) > 1
        || a == b
        || !a.chars().chain(b.chars()).all(char::is_alphabetic)
    {
        return false;
    }
    let (short, long, same_length) = if na <= nb {
        (a, b, na == nb)
    } else {
        (b, a, false)
    };
    // Byte length of the common prefix, in whole chars.
    let prefix: usize = short
        .chars()
        .zip(long.chars())
        .take_while(|(x, y)| x == y)
        .map(|(x, _)| x.len_utf8())
        .sum();
    let (short, long) = (&short[prefix..], &long[prefix..]);
    // Past the first difference: the rest is the same once the replaced, inserted or
    // deleted letter is skipped.
    let skip = |s: &str| s.chars().next().map_or(0, char::len_utf8);
    if same_length {
        short[skip(short)..] == long[skip(long)..]
    } else {
        short == &long[skip(long)..]
    }
}

/// Move name `n` (its quotations, their documents' roles and its aliases) to speaker
/// `to`.
fn move_name(tx: &Transaction<'_>, n: &Name, to: i64) -> Result<(), Error> {
    let from = n.speaker;
    // Folding happens in Rust: pick this name's quotations among the speaker's.
    let (ids, docs): (Vec<i64>, Vec<i64>) = {
        let mut st =
            tx.prepare_cached("SELECT id, doc_id, entity FROM quotes WHERE speaker_id = ?1")?;
        let rows = st.query_map([from], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, i64>(1)?,
                r.get::<_, Option<String>>(2)?,
            ))
        })?;
        let mut out = (Vec::new(), Vec::new());
        for row in rows {
            let (id, doc, entity) = row?;
            if entity.is_some_and(|e| name_key(&e) == n.norm) {
                out.0.push(id);
                out.1.push(doc);
            }
        }
        out
    };
    for id in ids {
        tx.prepare_cached("UPDATE quotes SET speaker_id = ?1 WHERE id = ?2")?
            .execute([to, id])?;
    }
    let mut docs = docs;
    docs.sort_unstable();
    docs.dedup();
    for doc in docs {
        tx.prepare_cached(
            "UPDATE roles SET speaker_id = ?1 WHERE speaker_id = ?2 AND doc_id = ?3 \
             AND NOT EXISTS (SELECT 1 FROM quotes WHERE speaker_id = ?2 AND doc_id = ?3)",
        )?
        .execute([to, from, doc])?;
    }
    tx.prepare_cached(
        "INSERT OR IGNORE INTO aliases(speaker_id, alias, norm, last, node) \
         SELECT ?1, alias, norm, last, node FROM aliases WHERE speaker_id = ?2 AND node = ?3",
    )?
    .execute(params![to, from, n.norm])?;
    tx.prepare_cached("DELETE FROM aliases WHERE speaker_id = ?1 AND node = ?2")?
        .execute(params![from, n.norm])?;
    tx.prepare_cached("UPDATE names SET speaker_id = ?1 WHERE kind = 'person' AND norm = ?2")?
        .execute(params![to, n.norm])?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn name(full: &str, quotes: i64) -> Name {
        Name {
            norm: name_key(full),
            name: full.to_string(),
            speaker: 1,
            quotes,
            pinned: false,
            key: PersonKey::of(full),
        }
    }

    #[test]
    fn misspellings_join_in_small_and_large_blocks() {
        for others in [0, 40] {
            let mut names = vec![name("Hillary Clinton", 10), name("Hilary Clinton", 1)];
            let givens = [
                "Adam", "Brenda", "Carlos", "Dmitri", "Esther", "Fatima", "Gordon",
            ];
            for i in 0..others {
                names.push(name(&format!("{}{i} Clinton", givens[i % givens.len()]), 1));
            }
            names.push(name("Bill Clinton", 2));
            let g = groups(&names);
            assert_eq!(g[0], g[1], "{others} other names");
            assert_ne!(g[0], g[names.len() - 1], "{others} other names");
            // Eleven of the thirteen full-name quotations: "Clinton" alone would join.
            if others == 0 {
                names.push(name("Clinton", 3));
                let g = groups(&names);
                assert_eq!(g[names.len() - 1], g[0]);
            }
        }
    }

    #[test]
    fn bare_surnames_keep_their_gender() {
        let names = vec![
            name("Donald Trump", 20),
            name("Mrs. Trump", 2),
            name("Mr. Trump", 3),
            name("Trump", 5),
        ];
        let g = groups(&names);
        assert_eq!(g[2], g[0]);
        assert_eq!(g[3], g[0]);
        assert_ne!(g[1], g[0]);
    }

    #[test]
    fn misspellings() {
        assert!(one_letter_apart("hilary", "hillary"));
        assert!(one_letter_apart("hillary", "hilary"));
        assert!(one_letter_apart("jonathon", "jonathan"));
        assert!(one_letter_apart("donald", "ronald"));
        assert!(!one_letter_apart("hillary", "hillary"));
        assert!(!one_letter_apart("erin", "eric"));
        assert!(!one_letter_apart("given12", "given13"));
        assert!(!one_letter_apart("ted", "tad"));
        assert!(!one_letter_apart("michelle", "michael"));
        assert!(!one_letter_apart("ivanka", "ivan"));
        // Letters past ASCII count as one letter each, before and at the difference.
        assert!(one_letter_apart("andrés", "andres"));
        assert!(one_letter_apart("søren", "sørens"));
        assert!(one_letter_apart("sørens", "søren"));
        assert!(!one_letter_apart("sørens", "sören"));
    }
}
