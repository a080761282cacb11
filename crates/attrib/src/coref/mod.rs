//! Within-document coreference: surnames, pronouns and nominals resolved to the entity
//! they refer to.
//!
//! One pass over the mentions in document order. Names are looked up in maps keyed by
//! full name, surname and given name; pronouns and descriptions look back over a short
//! list of recently mentioned entities. Nothing scans the whole document per mention.

mod lazy;

pub(crate) use crate::names_text::is_capitals;
pub(crate) use lazy::Lazy;

use rustc_hash::FxHashMap;
use text::ascii::{lower_ascii, starts_upper};
use text::names::is_generational_suffix;
use text::swar::rfind_any;

use crate::cues::{CUE_LEXICON, CueLexicon};
use crate::mentions::lexicon::{Gender, WORD_CLASSES, WordClass};
use crate::mentions::{Mention, MentionKind};
use crate::names_text::{normalise_into, squeeze};
use crate::{Entity, EntityKind};

/// How many recently mentioned entities pronouns and descriptions consider.
const RECENT: usize = 12;
/// How many entities sharing a surname or given name are considered.
const CANDIDATES: usize = 16;
/// Most roles kept for one entity (bounds the duplicate check).
const MAX_ROLES: usize = 16;

/// True for role words (lower case, space-separated) that name an office, title or
/// trade ("presidential candidate", "former secretary of state", "chairman of the
/// trust"), rather than words a mention ran over: an honorific ("Mr"), a modifier
/// alone ("senior"), an organisation word alone ("trust"), "saying the presumptive".
///
/// Nor words cut short or run on: a role never ends on a function word ("a supporter
/// of Hillary Clinton's bid for the"), never opens with a participle ("telling
/// voters"), and is no plural alone ("analysts", "union members"): one person holds it.
fn is_role(words: &str, written: &str) -> bool {
    // The last word as written: a capitalised one ends a name ("… of Muslim Advocates").
    let last_named = written
        .split_whitespace()
        .next_back()
        .is_some_and(starts_upper);
    let mut office = false;
    let mut org = false;
    let mut n = 0;
    let mut last = "";
    for w in words.split(' ').filter(|w| !w.is_empty()) {
        n += 1;
        last = w;
        let flag = WORD_CLASSES.flag(w);
        let titled = flag.is_some_and(|f| {
            f.intersects(WordClass::TITLE | WordClass::ROLE | WordClass::MODIFIER)
        });
        // "telling voters", "contacted his publisher" ("acting director" is a role).
        if n == 1 && w.len() > 4 && (w.ends_with("ing") || w.ends_with("ed")) && !titled {
            return false;
        }
        let Some(f) = flag else {
            continue;
        };
        // A finite verb inside: the words ran into a clause ("… Union would most",
        // "Gowdy referenced …"); not nouns that can be verbs ("think tank").
        let auxiliary =
            CueLexicon::has(&CUE_LEXICON.modal, w) || CueLexicon::has(&CUE_LEXICON.auxiliary, w);
        if f.intersects(WordClass::VERB) && !titled && (w.ends_with("ed") || auxiliary) {
            return false;
        }
        office |= f.intersects(WordClass::TITLE | WordClass::ROLE | WordClass::ROLE_PL)
            && !f.intersects(WordClass::HONORIFIC | WordClass::MODIFIER);
        org |= f.intersects(WordClass::ORG | WordClass::ORG_NOUN);
    }
    // The head is the last word: a function word there cut the role short, a plural
    // one names a group.
    if !last_named
        && WORD_CLASSES.flag(last).is_some_and(|f| {
            f.intersects(WordClass::STOP | WordClass::PREP | WordClass::ROLE_PL | WordClass::GROUP)
        })
    {
        return false;
    }
    office || (org && n > 1)
}

// Salience of a person for "he"/"she": people who were subjects ("Fidan said") and are
// mentioned often stay in focus while others are named in between; someone named only
// as an object in the pronoun's own sentence ("bringing Putin and Zelensky together, he
// added") is unlikely to be its subject. Weights chosen on the development set
// (pronoun agreement with the nearest earlier gold speaker: recency alone 0.51, this 0.67).
/// Cost of each more recent entity in between.
const SALIENCE_RECENCY: i64 = 5;
/// Bonus when the entity's last mention was a subject.
const SALIENCE_SUBJECT: i64 = 10;
/// Bonus when the entity was ever a subject.
const SALIENCE_EVER_SUBJECT: i64 = 10;
/// Bonus per mention so far (up to five).
const SALIENCE_COUNT: i64 = 3;
/// Cost of being last named as a non-subject in the pronoun's own sentence.
const SALIENCE_OBJECT_HERE: i64 = 20;
/// Bonus for a subject among the last [`NEAR_MENTIONS`] mentions (quotations hold none,
/// so a quote between "Umerov said" and "he told reporters" does not push it away).
const SALIENCE_NEAR_SUBJECT: i64 = 10;
/// Longest gap, in bytes, looked through for the end of a sentence.
const SENTENCE_BOUND: usize = 400;
/// How many mentions back a subject counts as near.
const NEAR_MENTIONS: usize = 5;

/// Entities built from `mentions`, and for each mention (same index) the entity it
/// refers to, if any. Pronouns and nominals resolve to an earlier entity; names join the
/// entity whose full name they are part of ("Fidan" → "Hakan Fidan").
pub fn resolve(text: &str, mentions: &[Mention]) -> (Vec<Entity>, Vec<Option<usize>>) {
    let (entities, out, _) = resolve_with(text, mentions, false);
    (entities, out)
}

/// [`resolve`] for `extract`, which keeps only the few entities quotations point to:
/// entities' `canonical` and `mentions` are left for [`Lazy::finish`] to fill in for
/// those, instead of being built for every entity.
pub(crate) fn resolve_lazy(
    text: &str,
    mentions: &[Mention],
) -> (Vec<Entity>, Vec<Option<usize>>, Lazy) {
    resolve_with(text, mentions, true)
}

/// [`resolve`] or [`resolve_lazy`], as `lazy` says.
fn resolve_with(
    text: &str,
    mentions: &[Mention],
    lazy: bool,
) -> (Vec<Entity>, Vec<Option<usize>>, Lazy) {
    // The resolver's maps are reused from call to call on each thread (cleared, keeping
    // their tables): building them afresh for every document cost a good share of the time.
    let mut r = SCRATCH.with(|s| std::mem::take(&mut *s.borrow_mut()));
    r.reset(mentions.len());
    r.lazy = lazy;
    r.base = text.as_ptr() as usize;
    r.len = text.len();
    let mut out = Vec::with_capacity(mentions.len());
    for (i, m) in mentions.iter().enumerate() {
        let before = i
            .checked_sub(1)
            .and_then(|j| Some((mentions.get(j)?, *out.get(j)?)));
        r.index = i;
        let e = r.mention(text, m, before);
        if let Some(e) = e {
            let subject = is_subject(text, m);
            r.touch(e, m, text, subject);
            if let Some(info) = r.info.get_mut(e)
                && subject
            {
                info.subject_index = Some(i);
            }
        }
        out.push(e);
    }
    let entities = std::mem::take(&mut r.entities);
    let lazy = Lazy {
        canon: if lazy {
            r.info.iter().map(|i| i.canon).collect()
        } else {
            Vec::new()
        },
    };
    // Keep tables of ordinary size only.
    if r.full.capacity() <= KEEP_ENTRIES && r.info.capacity() <= KEEP_ENTRIES {
        SCRATCH.with(|s| *s.borrow_mut() = r);
    }
    (entities, out, lazy)
}

/// Largest tables kept between calls.
const KEEP_ENTRIES: usize = 1 << 14;

thread_local! {
    /// A resolver whose tables [`resolve`] reuses.
    static SCRATCH: std::cell::RefCell<Resolver> = std::cell::RefCell::default();
}

/// What the resolver knows of an entity beyond [`Entity`].
#[derive(Default)]
struct Info {
    gender: Option<Gender>,
    /// Number of words in the fullest name.
    name_words: usize,
    /// First word of the fullest name, lower case.
    first: String,
    /// Lower-case role words seen with the entity.
    role_words: Vec<String>,
    /// Plural: a group, an organisation.
    plural: bool,
    /// Start of the last mention in subject position (see [`is_subject`]).
    last_subject: Option<usize>,
    /// Start of the last mention.
    last_start: Option<usize>,
    /// Index (among all mentions) of the last mention in subject position.
    subject_index: Option<usize>,
    /// Mentions so far.
    count: usize,
    /// Head noun of an anonymous source ("official").
    head: String,
    /// When resolving lazily: the text range whose words are the canonical name.
    canon: Option<(usize, usize)>,
}

impl Info {
    /// Make this `Info { plural, ..Info::default() }`, keeping the room of its strings.
    fn reset(&mut self, plural: bool) {
        let Info {
            gender,
            name_words,
            first,
            role_words,
            plural: p,
            last_subject,
            last_start,
            subject_index,
            count,
            head,
            canon,
        } = self;
        *gender = None;
        *name_words = 0;
        first.clear();
        role_words.clear();
        *p = plural;
        *last_subject = None;
        *last_start = None;
        *subject_index = None;
        *count = 0;
        head.clear();
        *canon = None;
    }
}

/// The state of resolving one document's mentions: its entities and the maps that find
/// them by name, role or recency.
#[derive(Default)]
struct Resolver {
    entities: Vec<Entity>,
    info: Vec<Info>,
    full: FxHashMap<String, usize>,
    surname: FxHashMap<String, Vec<usize>>,
    given: FxHashMap<String, Vec<usize>>,
    orgs: FxHashMap<String, usize>,
    /// Bare plural anonymous sources ("sources") by text.
    anon: FxHashMap<String, usize>,
    /// Documents ("the poll") by head noun.
    docs: FxHashMap<String, usize>,
    /// Most recently mentioned entities, most recent last, without repeats.
    recent: Vec<usize>,
    /// Index of the mention being resolved.
    index: usize,
    /// A reused buffer for normalised names.
    buf: String,
    /// Map keys and lists of earlier documents, for reuse.
    pool: Pool,
    /// Entity facts of earlier documents, for reuse (see [`Info::reset`]).
    spare_info: Vec<Info>,
    /// Leave canonical names as text ranges and mention lists empty (see [`Lazy`]).
    lazy: bool,
    /// Address and length of the text, to tell the range of a slice of it.
    base: usize,
    len: usize,
}

/// Strings and lists freed by [`Resolver::reset`], reused for the next document's map
/// keys: most documents need about as many as the last, so few are allocated.
#[derive(Default)]
struct Pool {
    strings: Vec<String>,
    lists: Vec<Vec<usize>>,
}

/// Most strings (and lists) a pool keeps.
const POOL_MAX: usize = 1 << 12;

impl Pool {
    /// `s` as an owned string, in a reused allocation when there is one.
    fn string(&mut self, s: &str) -> String {
        match self.strings.pop() {
            Some(mut o) => {
                o.push_str(s);
                o
            }
            None => s.to_string(),
        }
    }
    fn put_string(&mut self, mut s: String) {
        if self.strings.len() < POOL_MAX && s.capacity() <= 256 {
            s.clear();
            self.strings.push(s);
        }
    }
    /// An empty list, reused when there is one.
    fn list(&mut self) -> Vec<usize> {
        self.lists.pop().unwrap_or_default()
    }
    fn put_list(&mut self, mut v: Vec<usize>) {
        if self.lists.len() < POOL_MAX && v.capacity() <= 4 * CANDIDATES {
            v.clear();
            self.lists.push(v);
        }
    }
}

/// Add `e` to the list under `key` once.
/// Only the last [`CANDIDATES`] are looked at, so that many people sharing a surname
/// cost no more than a few.
fn add_to(map: &mut FxHashMap<String, Vec<usize>>, pool: &mut Pool, key: &str, e: usize) {
    match map.get_mut(key) {
        Some(list) => {
            if !list.iter().rev().take(CANDIDATES).any(|&x| x == e) {
                list.push(e);
                if list.len() > 4 * CANDIDATES {
                    list.drain(..2 * CANDIDATES);
                }
            }
        }
        None => {
            let mut list = pool.list();
            list.push(e);
            map.insert(pool.string(key), list);
        }
    }
}

/// Singular form of a head noun, for matching "presidents" with "president".
fn stem(w: &str) -> &str {
    w.strip_suffix('s').filter(|s| s.len() > 2).unwrap_or(w)
}

/// A nationality or party adjective ("turkish", "republican").
fn is_demonym(w: &str) -> bool {
    WORD_CLASSES
        .flag(w)
        .is_some_and(|f| f.intersects(WordClass::DEMONYM))
}

impl Resolver {
    /// Forget the last document, keeping the tables' room, and make room for about `n`
    /// mentions' worth of entities.
    fn reset(&mut self, n: usize) {
        // At most one entity per mention: room for all, so the list never grows.
        self.entities = Vec::with_capacity(n);
        // Their strings and lists keep their room for the next document's entities.
        let spare = &mut self.spare_info;
        for info in self.info.drain(..) {
            if spare.len() < POOL_MAX {
                spare.push(info);
            }
        }
        // The keys and lists go back to the pool for the next document's.
        let pool = &mut self.pool;
        for map in [
            &mut self.full,
            &mut self.orgs,
            &mut self.anon,
            &mut self.docs,
        ] {
            for (k, _) in map.drain() {
                pool.put_string(k);
            }
        }
        for map in [&mut self.surname, &mut self.given] {
            for (k, v) in map.drain() {
                pool.put_string(k);
                pool.put_list(v);
            }
        }
        self.recent.clear();
        self.index = 0;
    }

    fn new_entity(&mut self, canonical: &str, kind: EntityKind, plural: bool) -> usize {
        self.entities.push(Entity {
            canonical: String::new(),
            kind,
            roles: Vec::new(),
            mentions: Vec::new(),
        });
        let mut info = self.spare_info.pop().unwrap_or_default();
        info.reset(plural);
        self.info.push(info);
        let e = self.entities.len() - 1;
        self.set_canonical(e, canonical);
        e
    }

    /// Make `name` (its words one space apart) the canonical name of `e`; when lazy and
    /// `name` is a slice of the text, only its range is kept.
    fn set_canonical(&mut self, e: usize, name: &str) {
        let at = (name.as_ptr() as usize).wrapping_sub(self.base);
        if self.lazy && at <= self.len && name.len() <= self.len - at {
            self.info[e].canon = Some((at, at + name.len()));
            self.entities[e].canonical.clear();
        } else {
            self.info[e].canon = None;
            self.entities[e].canonical = squeeze(name);
        }
    }

    /// The canonical name of `e` is "it" (any case).
    fn canonical_is_it(&self, e: usize, text: &str) -> bool {
        match self.info[e].canon {
            // One word "it" is what its squeezed words would be.
            Some((a, b)) => text
                .get(a..b)
                .is_some_and(|s| s.trim().eq_ignore_ascii_case("it")),
            None => self.entities[e].canonical.eq_ignore_ascii_case("it"),
        }
    }

    /// Record mention `m` on entity `e`: its span, roles, recency.
    fn touch(&mut self, e: usize, m: &Mention, text: &str, subject: bool) {
        let Some(ent) = self.entities.get_mut(e) else {
            return;
        };
        if !self.lazy {
            ent.mentions.push(m.span);
        }
        // A possessive ("his", "its") is a weak sign of focus: it neither refreshes the
        // entity's salience nor counts as a subject.
        if m.kind == MentionKind::Pronoun
            && text.get(m.span.start..m.span.end).is_some_and(|p| {
                ["his", "its", "their"]
                    .iter()
                    .any(|x| p.eq_ignore_ascii_case(x))
            })
        {
            return;
        }
        if subject {
            self.info[e].last_subject = Some(m.span.start);
        }
        self.info[e].last_start = Some(m.span.start);
        self.info[e].count += 1;
        if matches!(m.kind, MentionKind::Person) {
            for r in [m.role, m.appositive].into_iter().flatten() {
                let Some(rt) = text.get(r.start..r.end) else {
                    continue;
                };
                let rt = rt.trim_matches(|c: char| c == ',' || c.is_whitespace());
                if rt.is_empty() {
                    continue;
                }
                if ent.roles.len() < MAX_ROLES
                    && !ent.roles.iter().any(|x| x.eq_ignore_ascii_case(rt))
                {
                    let info = &mut self.info[e];
                    // The lower-case words of the role, normalised in the reused buffer.
                    let mut buf = std::mem::take(&mut self.buf);
                    normalise_into(&mut buf, rt);
                    // A role names an office or trade ("presidential candidate", "former
                    // secretary of state"); "Mr", "senior", "trust" or "saying the
                    // presumptive" are words the mention ran over.
                    if is_role(&buf, rt) {
                        ent.roles.push(squeeze(rt));
                    }
                    for w in buf.split(' ').filter(|w| !w.is_empty()) {
                        // A gendered role tells "he" from "she", better than a given name
                        // can: "9/11 widow Terry Strada".
                        if let Some(&g) = WORD_CLASSES.noun_gender.get(w) {
                            info.gender = Some(g);
                        }
                        if !info.role_words.iter().any(|x| x == w) {
                            info.role_words.push(w.to_string());
                        }
                    }
                    self.buf = buf;
                }
            }
        }
        if let Some(p) = self.recent.iter().position(|&x| x == e) {
            self.recent.remove(p);
        }
        self.recent.push(e);
        if self.recent.len() > RECENT {
            self.recent.remove(0);
        }
    }

    fn mention(
        &mut self,
        text: &str,
        m: &Mention,
        before: Option<(&Mention, Option<usize>)>,
    ) -> Option<usize> {
        let span_text = text.get(m.span.start..m.span.end).unwrap_or("");
        match m.kind {
            MentionKind::Person => self.person(text, m),
            MentionKind::Organization | MentionKind::Country => {
                // Keyed by the lower-case words without a leading "the".
                let mut buf = std::mem::take(&mut self.buf);
                normalise_into(&mut buf, span_text);
                let key = buf.strip_prefix("the ").unwrap_or(&buf);
                // A surname in capitals ("PENCE:" labelling a transcript) looks like an
                // acronym; it is the person already named with that surname.
                let shouted = (!key.contains(' ') && is_capitals(span_text))
                    .then(|| self.most_recent(self.surname.get(key)))
                    .flatten();
                let e = if key.is_empty() {
                    None
                } else if shouted.is_some() {
                    shouted
                } else if let Some(&e) = self.orgs.get(key) {
                    Some(e)
                } else {
                    // `trim_start_matches("the ")` then "The ", by `strip_prefix`: a
                    // `&str` pattern sets up a substring searcher on every call.
                    let mut canonical = span_text;
                    while let Some(rest) = canonical.strip_prefix("the ") {
                        canonical = rest;
                    }
                    while let Some(rest) = canonical.strip_prefix("The ") {
                        canonical = rest;
                    }
                    let e = self.new_entity(canonical, EntityKind::Organization, true);
                    // "The New York Times" then "the Times": a newspaper's last word
                    // names it alone, the first paper so named.
                    if let Some((_, tail)) = key.rsplit_once(' ')
                        && WORD_CLASSES
                            .flag(tail)
                            .is_some_and(|f| f.intersects(WordClass::PUBLICATION))
                        && !self.orgs.contains_key(tail)
                    {
                        let tail = self.pool.string(tail);
                        self.orgs.insert(tail, e);
                    }
                    let key = self.pool.string(key);
                    self.orgs.insert(key, e);
                    Some(e)
                };
                self.buf = buf;
                e
            }
            MentionKind::Pronoun => self.pronoun(text, m, before, span_text),
            MentionKind::Anonymous => self.anonymous(span_text),
            MentionKind::Nominal => self.nominal(text, m, span_text),
        }
    }

    fn person(&mut self, text: &str, m: &Mention) -> Option<usize> {
        let name = m.name.unwrap_or(m.span);
        let name_text = text.get(name.start..name.end).unwrap_or("");
        // The normalised name in a reused buffer: lookups allocate nothing, only new keys.
        let mut buf = std::mem::take(&mut self.buf);
        normalise_into(&mut buf, name_text);
        let e = self.person_key(&buf, name_text, text, m, name);
        self.buf = buf;
        e
    }

    fn person_key(
        &mut self,
        key: &str,
        name_text: &str,
        text: &str,
        m: &Mention,
        name: crate::Span,
    ) -> Option<usize> {
        // Counted by bytes: `split(' ')` would walk the key once for each.
        let n_words = key.bytes().filter(|&b| b == b' ').count() + 1;
        let first = key.split_once(' ').map_or(key, |(f, _)| f);
        // The last word that is no suffix ("Jr."): `split(' ').rev().find(..)`.
        let mut rest = key;
        let sur = loop {
            let (head, w) = match rest.rsplit_once(' ') {
                Some((h, w)) => (Some(h), w),
                None => (None, rest),
            };
            if !is_generational_suffix(w) {
                break Some(w);
            }
            match head {
                Some(h) => rest = h,
                None => break None,
            }
        }
        .filter(|w| !w.is_empty())?;
        let honorific = text
            .get(m.span.start..name.start)
            .unwrap_or("")
            .split_whitespace()
            .rev()
            .find_map(honorific_gender);
        // "Mrs. Trump" is not Donald Trump: an honorific's gender must not clash with
        // what the entity's given name or honorific told.
        let agrees =
            |info: &Info| honorific.is_none() || info.gender.is_none_or(|g| Some(g) == honorific);
        let e = if let Some(&e) = self.full.get(key).filter(|&&e| agrees(&self.info[e])) {
            e
        } else if n_words == 1 {
            let by_sur = self.most_recent_agreeing(self.surname.get(key), &agrees);
            let by_given = || self.most_recent_agreeing(self.given.get(key), &agrees);
            match by_sur.or_else(by_given) {
                Some(e) => e,
                None => self.new_entity(name_text, EntityKind::Person, false),
            }
        } else {
            // A fuller name joins an entity known so far by its surname alone, or one
            // whose given name agrees ("Donald J. Trump" and "Donald Trump").
            let found = self.surname.get(sur).and_then(|cands| {
                cands.iter().rev().take(CANDIDATES).copied().find(|&c| {
                    let info = &self.info[c];
                    info.name_words <= 1 || info.first == first
                })
            });
            match found {
                Some(e) => e,
                None => self.new_entity(name_text, EntityKind::Person, false),
            }
        };
        // Fullest name wins.
        if n_words > self.info[e].name_words {
            self.set_canonical(e, name_text);
            self.info[e].name_words = n_words;
            self.info[e].first.clear();
            self.info[e].first.push_str(first);
        }
        if self.info[e].gender.is_none() {
            self.info[e].gender = honorific.or_else(|| {
                if n_words >= 2 {
                    WORD_CLASSES.gender.get(first).copied()
                } else {
                    None
                }
            });
        }
        if !self.full.contains_key(key) {
            let key = self.pool.string(key);
            self.full.insert(key, e);
        }
        add_to(&mut self.surname, &mut self.pool, sur, e);
        if n_words >= 2 {
            add_to(&mut self.given, &mut self.pool, first, e);
        }
        Some(e)
    }

    /// Of `cands` whose facts `agrees` accepts, the entity mentioned most recently.
    fn most_recent_agreeing(
        &self,
        cands: Option<&Vec<usize>>,
        agrees: &dyn Fn(&Info) -> bool,
    ) -> Option<usize> {
        let cands = cands?;
        if cands.iter().all(|&c| agrees(&self.info[c])) {
            return self.most_recent(Some(cands));
        }
        let kept: Vec<usize> = cands
            .iter()
            .copied()
            .filter(|&c| agrees(&self.info[c]))
            .collect();
        self.most_recent(Some(&kept))
    }

    /// Of `cands`, the entity mentioned most recently.
    fn most_recent(&self, cands: Option<&Vec<usize>>) -> Option<usize> {
        let cands = cands?;
        if cands.len() == 1 {
            return cands.first().copied();
        }
        // Prefer one among the recent entities, latest first; else the latest created.
        for &e in self.recent.iter().rev() {
            if cands.iter().rev().take(CANDIDATES).any(|&c| c == e) {
                return Some(e);
            }
        }
        cands.last().copied()
    }

    fn pronoun(
        &mut self,
        text: &str,
        m: &Mention,
        before: Option<(&Mention, Option<usize>)>,
        p: &str,
    ) -> Option<usize> {
        // Pronouns are short ASCII words: lower-cased on the stack.
        let mut lower = [0u8; 16];
        let class = match text::ascii::lower_ascii_str(p, &mut lower) {
            Some(lo) => WORD_CLASSES.pronoun.get(lo).copied(),
            None => WORD_CLASSES.pronoun.get(p.to_lowercase().as_str()).copied(),
        }
        .unwrap_or(b'x');
        match class {
            b'r' => {
                // "who" refers to the phrase just before it: "Medinsky, who ...".
                let (pm, pe) = before?;
                let gap = text.get(pm.span.end..m.span.start)?;
                let e = pe?;
                (gap.trim_matches(|c: char| c == ',' || c.is_whitespace())
                    .is_empty())
                .then_some(e)
            }
            b'm' | b'f' => {
                let want = if class == b'm' {
                    Gender::Male
                } else {
                    Gender::Female
                };
                let ok = |e: usize| {
                    self.entities[e].kind == EntityKind::Person
                        && self.info[e].gender.is_none_or(|g| g == want)
                };
                // The most salient compatible person (see SALIENCE_*).
                let mut best: Option<(i64, usize)> = None;
                // The last sentence break within SENTENCE_BOUND bytes before the pronoun,
                // found once: a candidate's gap to the pronoun holds a break when the
                // break is at or after the candidate's last mention. (Bytes: the breaks
                // are ASCII, never part of another character.)
                let window = m.span.start.saturating_sub(SENTENCE_BOUND);
                let last_break = text
                    .as_bytes()
                    .get(window..m.span.start)
                    .and_then(|w| rfind_any(w, [b'.', b'\n', b'?', b'!']))
                    .map(|k| window + k);
                for (rank, &e) in self.recent.iter().rev().filter(|&&e| ok(e)).enumerate() {
                    let info = &self.info[e];
                    let subj = info
                        .last_subject
                        .is_some_and(|p| Some(p) == info.last_start);
                    let ever_subj = info.last_subject.is_some();
                    let near_subj = info
                        .subject_index
                        .is_some_and(|p| p + NEAR_MENTIONS >= self.index);
                    // (A sentence is short: a long gap is never the same sentence, and
                    // bounding it keeps this linear.)
                    let same_sentence = info
                        .last_start
                        .filter(|&p| p + SENTENCE_BOUND >= m.span.start)
                        .filter(|&p| text.get(p..m.span.start).is_some())
                        .is_some_and(|p| last_break.is_none_or(|b| b < p));
                    let score = -(rank as i64) * SALIENCE_RECENCY
                        + i64::from(subj) * SALIENCE_SUBJECT
                        + i64::from(ever_subj) * SALIENCE_EVER_SUBJECT
                        + (info.count.min(5) as i64) * SALIENCE_COUNT
                        - i64::from(same_sentence && !subj) * SALIENCE_OBJECT_HERE
                        + i64::from(near_subj) * SALIENCE_NEAR_SUBJECT;
                    if best.is_none_or(|(b, _)| score > b) {
                        best = Some((score, e));
                    }
                }
                // A pronoun with no antecedent names nobody: no entity (one called
                // "I" or "He" would be a speaker of its own in every document).
                let (_, e) = best?;
                if self.info[e].gender.is_none() && !p.eq_ignore_ascii_case("his") {
                    self.info[e].gender = Some(want);
                }
                Some(e)
            }
            b'o' => {
                // "it": an organisation or a thing ("the report"), never a person.
                self.recent.iter().rev().copied().find(|&e| {
                    matches!(
                        self.entities[e].kind,
                        EntityKind::Organization | EntityKind::Other
                    ) && !self.canonical_is_it(e, text)
                })
            }
            b'p' | b'w' => self.recent.iter().rev().copied().find(|&e| {
                matches!(
                    self.entities[e].kind,
                    EntityKind::Organization | EntityKind::Anonymous
                ) && self.info[e].plural
            }),
            _ => None,
        }
    }

    fn anonymous(&mut self, t: &str) -> Option<usize> {
        let mut buf = std::mem::take(&mut self.buf);
        normalise_into(&mut buf, t);
        let e = self.anonymous_key(&buf, t);
        self.buf = buf;
        e
    }

    fn anonymous_key(&mut self, key: &str, t: &str) -> Option<usize> {
        let head = key.rsplit_once(' ').map_or(key, |(_, h)| h);
        if head.is_empty() {
            return None;
        }
        let first = key.split_once(' ').map_or(key, |(f, _)| f);
        let definite = matches!(first, "the" | "that" | "this" | "these" | "those");
        let bare = WORD_CLASSES
            .flag(first)
            .is_none_or(|f| !f.intersects(WordClass::DET));
        let plural = head.ends_with('s') || head == "people";
        if definite {
            // "the official" points back to "a senior Ukrainian official".
            let found = self.recent.iter().rev().copied().find(|&e| {
                self.entities[e].kind == EntityKind::Anonymous
                    && stem(&self.info[e].head) == stem(head)
            });
            if let Some(e) = found {
                return Some(e);
            }
        }
        if bare || definite {
            if let Some(&e) = self.anon.get(key) {
                return Some(e);
            }
            let e = self.new_entity(t, EntityKind::Anonymous, plural);
            self.info[e].head.clear();
            self.info[e].head.push_str(head);
            let key = self.pool.string(key);
            self.anon.insert(key, e);
            return Some(e);
        }
        let e = self.new_entity(t, EntityKind::Anonymous, plural);
        self.info[e].head.clear();
        self.info[e].head.push_str(head);
        Some(e)
    }

    fn nominal(&mut self, text: &str, m: &Mention, t: &str) -> Option<usize> {
        let role = m.role.and_then(|r| text.get(r.start..r.end)).unwrap_or(t);
        let mut buf = std::mem::take(&mut self.buf);
        normalise_into(&mut buf, role);
        let e = self.nominal_key(&buf, t);
        self.buf = buf;
        e
    }

    fn nominal_key(&mut self, role: &str, t: &str) -> Option<usize> {
        let (mods, head) = match role.rsplit_once(' ') {
            Some((mods, head)) => (mods, head),
            None => ("", role),
        };
        if head.is_empty() {
            return None;
        }
        let hflags = WORD_CLASSES.flag(head).unwrap_or_default();
        if hflags.intersects(WordClass::DOC) && !hflags.intersects(WordClass::ROLE) {
            return Some(self.thing(head, t));
        }
        // Score recent people: the head noun among their roles counts most, then each
        // modifier ("Ukrainian"); a nationality their roles contradict rules them out.
        let person_head = hflags.intersects(WordClass::ROLE | WordClass::ROLE_PL);
        let mut best: Option<(i32, usize)> = None;
        for (rank, &e) in self.recent.iter().rev().enumerate() {
            if self.entities[e].kind != EntityKind::Person {
                continue;
            }
            let rw = &self.info[e].role_words;
            let mut score = 0;
            // "Sen. Lindsey Grant" is "the senator": a title's abbreviation is its word.
            let abbreviates = |w: &str| {
                let short = w.trim_end_matches('.');
                (2..=4).contains(&short.len())
                    && head.len() > short.len()
                    && head.starts_with(short)
                    && WORD_CLASSES
                        .flag(w)
                        .is_some_and(|f| f.intersects(WordClass::TITLE))
            };
            if rw.iter().any(|w| stem(w) == stem(head) || abbreviates(w)) {
                score += 10;
            }
            let mut clash = false;
            for md in mods.split(' ').filter(|w| !w.is_empty()) {
                if rw.iter().any(|w| w == md) {
                    score += 5;
                } else if is_demonym(md) && rw.iter().any(|w| is_demonym(w) && w != md) {
                    clash = true;
                }
            }
            // "the former governor" is not the chief of staff named last: an office of
            // their own that is not this one rules them out.
            let other_office = score == 0
                && hflags.intersects(WordClass::TITLE)
                && rw.iter().any(|w| {
                    WORD_CLASSES
                        .flag(w)
                        .is_some_and(|f| f.intersects(WordClass::TITLE))
                });
            if clash || other_office || (score == 0 && !person_head) {
                continue;
            }
            // Among equals the most recent; with no match at all, still the most recent
            // person ("the billionaire businessman"), when the head names a person.
            let score = score * 100 - rank as i32;
            if best.is_none_or(|(s, _)| score > s) {
                best = Some((score, e));
            }
        }
        if let Some((_, e)) = best {
            return Some(e);
        }
        if person_head {
            // Its head is its role: "the minister" later is not "the commissioner".
            let e = self.new_entity(t, EntityKind::Person, false);
            let head = self.pool.string(head);
            self.info[e].role_words.push(head);
            return Some(e);
        }
        // Anything else ("the clip", "the city") is its own thing, one per head noun.
        Some(self.thing(head, t))
    }

    /// The entity for a document or other thing, one per head noun ("the poll").
    fn thing(&mut self, head: &str, t: &str) -> usize {
        if let Some(&e) = self.docs.get(head) {
            return e;
        }
        let e = self.new_entity(t, EntityKind::Other, false);
        let key = self.pool.string(head);
        self.docs.insert(key, e);
        e
    }
}

/// A mention in subject position: it opens its sentence or clause, or a verb follows it
/// ("Medinsky told", "Fidan also said"). Looks only at the words next to the mention.
fn is_subject(text: &str, m: &Mention) -> bool {
    let before = text.get(..m.span.start).unwrap_or("");
    let prev = before.trim_end().chars().next_back();
    if prev.is_none_or(|c| {
        matches!(
            c,
            '.' | '\n' | '"' | '“' | '”' | ':' | '?' | '!' | ';' | ','
        )
    }) {
        return true;
    }
    let after = text.get(m.span.end..).unwrap_or("");
    let mut skipped = 0;
    for w in after.split_whitespace().take(3) {
        // Trailing punctuation off; by bytes when the word ends in ASCII (a non-ASCII
        // letter or mark stops the byte walk and the char walk finishes the job).
        let b = w.as_bytes();
        let mut e = b.len();
        while e > 0 && b[e - 1] < 0x80 && !b[e - 1].is_ascii_alphanumeric() {
            e -= 1;
        }
        let w = w[..e].trim_end_matches(|c: char| !c.is_alphanumeric());
        if !w.chars().next().is_some_and(char::is_lowercase) {
            return false;
        }
        let f = WORD_CLASSES.flag(w).unwrap_or_default();
        if f.intersects(WordClass::ADVERB) && skipped < 2 {
            skipped += 1;
            continue;
        }
        if f.intersects(WordClass::PREP | WordClass::DET | WordClass::PRONOUN)
            || matches!(w, "and" | "or" | "but" | "nor")
        {
            return false;
        }
        return f.intersects(WordClass::STOP)
            || w.ends_with("ed")
            || (w.ends_with('s') && !w.ends_with("ss"));
    }
    false
}

/// The gender a person's name tells by its first word, an honorific or a given name
/// ("Mrs. Trump", "Hillary Clinton"); `None` when it tells none ("President Clinton").
pub fn name_gender(name: &str) -> Option<Gender> {
    let first = name.split_whitespace().next()?;
    if let Some(g) = honorific_gender(first) {
        return Some(g);
    }
    // Lower-cased on the stack: store linking asks this of every name it relinks.
    let mut buf = [0u8; 32];
    match text::ascii::lower_ascii_str(first, &mut buf) {
        Some(lo) => WORD_CLASSES.gender.get(lo).copied(),
        None => WORD_CLASSES
            .gender
            .get(first.to_lowercase().as_str())
            .copied(),
    }
}

/// The gender an honorific tells ("Mrs." → female); `None` for any other word.
fn honorific_gender(w: &str) -> Option<Gender> {
    // Honorifics are short ASCII words: lower-case them on the stack.
    let mut b = [0u8; 8];
    let lower = lower_ascii(w, &mut b)?;
    // The classes by bytes first: most words are no honorific and need no `&str`.
    if WORD_CLASSES
        .flag_bytes(lower)
        .is_some_and(|f| f.intersects(WordClass::HONORIFIC))
    {
        let w = std::str::from_utf8(lower).unwrap_or("");
        WORD_CLASSES.gender.get(w).copied()
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mentions::find;
    use segment::Span;

    /// For each mention text, the canonical name of its entity.
    fn resolved(text: &str) -> Vec<(String, String)> {
        let ms = find(text, &segment::sentences(text), &[]);
        let (ents, idx) = resolve(text, &ms);
        ms.iter()
            .zip(idx)
            .map(|(m, e)| {
                let c = e.map(|e| ents[e].canonical.clone()).unwrap_or_default();
                (m.span.of(text).to_string(), c)
            })
            .collect()
    }

    fn entity_of(text: &str, mention: &str) -> String {
        resolved(text)
            .into_iter()
            .find(|(m, _)| m == mention)
            .map(|(_, c)| c)
            .unwrap_or_else(|| panic!("no mention {mention:?} in {:?}", resolved(text)))
    }

    #[test]
    fn surname_joins_full_name_with_roles() {
        let text = "Turkish Foreign Minister Hakan Fidan opened the talks. Later Fidan said they went well.";
        let ms = find(text, &segment::sentences(text), &[]);
        let (ents, idx) = resolve(text, &ms);
        let e = idx[0].expect("entity");
        assert_eq!(idx[1], Some(e));
        assert_eq!(ents[e].canonical, "Hakan Fidan");
        assert_eq!(ents[e].roles, ["Turkish Foreign Minister"]);
        assert_eq!(ents[e].kind, EntityKind::Person);
        assert_eq!(ents[e].mentions.len(), 2);
    }

    #[test]
    fn roles_name_an_office_or_trade() {
        for role in [
            "presidential candidate",
            "former secretary of state",
            "forecaster",
            "chairman of the trust",
            "acting director",
            "managing director",
            "a talk show host",
            "president of the New Democrat Network think tank",
            "executive director of Muslim Advocates",
        ] {
            assert!(is_role(role, role), "{role}");
        }
        for junk in [
            "mr",
            "senior",
            "trust",
            "saying the presumptive",
            "first",
            "a supporter of hillary clinton's bid for the",
            "telling voters",
            "contacted his publisher",
            "the two million members of the union would most",
            "analysts",
            "union members",
        ] {
            assert!(!is_role(junk, junk), "{junk}");
        }
        let text = "Forecaster Jane Roe said the storm would pass. Mr. Roe's colleague agreed.";
        let ms = find(text, &segment::sentences(text), &[]);
        let (ents, idx) = resolve(text, &ms);
        let e = idx[0].expect("entity");
        assert_eq!(ents[e].canonical, "Jane Roe");
        assert_eq!(ents[e].roles, ["Forecaster"]);
    }

    #[test]
    fn shared_surname_prefers_the_latest() {
        let text = "Hillary Clinton spoke first. Then Bill Clinton took the stage. Clinton said he was proud.";
        assert_eq!(entity_of(text, "Clinton"), "Bill Clinton");
    }

    #[test]
    fn honorific_keeps_gender() {
        let text =
            "Donald Trump spoke first. Mrs. Trump said the night was lovely. Mr. Trump agreed.";
        assert_ne!(entity_of(text, "Mrs. Trump"), "Donald Trump");
        assert_eq!(entity_of(text, "Mr. Trump"), "Donald Trump");
    }

    #[test]
    fn pronoun_gender() {
        let text = "Mrs. Smith met Mr. Jones on Monday. She said the meeting went well.";
        assert_eq!(entity_of(text, "She"), "Smith");
        let text = "Hillary Clinton met Donald Trump on Monday. He said the meeting went well.";
        assert_eq!(entity_of(text, "He"), "Donald Trump");
    }

    #[test]
    fn gender_from_role_noun() {
        let text = "Senator John Smith spoke first. \"It is wrong,\" said 9/11 widow Terry Strada. She wants a vote.";
        assert_eq!(entity_of(text, "She"), "Terry Strada");
    }

    #[test]
    fn pronoun_after_objects() {
        let text = "Fidan opened the talks. The meeting must bring Vladimir Putin and Volodymyr Zelensky together, he added.";
        assert_eq!(entity_of(text, "he"), "Fidan");
    }

    #[test]
    fn nominal_by_role() {
        let text = "Russian President Vladimir Putin stayed home. Ukrainian leader Volodymyr Zelensky came. After Putin refused, the Ukrainian president accused Moscow.";
        assert_eq!(
            entity_of(text, "the Ukrainian president"),
            "Volodymyr Zelensky"
        );
        let text = "Defense Minister Rustem Umerov arrived. Then the minister said it was time.";
        assert_eq!(entity_of(text, "the minister"), "Rustem Umerov");
        // Another office rules a person out.
        let text = "Mayor Olivia Chow spoke first. Then the governor said it was time.";
        assert_ne!(entity_of(text, "the governor"), "Olivia Chow");
        let text = "The commissioner said no. Then the minister said it was final.";
        assert_ne!(entity_of(text, "the minister"), "The commissioner");
    }

    #[test]
    fn anonymous_definite_points_back() {
        let text = "Talks began, a senior Ukrainian official told reporters. Umerov led them, the official said.";
        assert_eq!(
            entity_of(text, "the official"),
            "a senior Ukrainian official"
        );
    }

    #[test]
    fn a_newspapers_last_word_names_it_after_its_full_name() {
        let text =
            "The Halifax Herald reported the deal. Later the Herald said it had seen the contract.";
        assert_eq!(entity_of(text, "the Herald"), "Halifax Herald");
        // Not a word that ends many bodies' names.
        let text = "The White House said no. The House voted on Friday.";
        assert_ne!(entity_of(text, "The House"), "White House");
    }

    #[test]
    fn organisations_and_they() {
        let text = "Later the Kremlin said no. They added that talks would go on.";
        assert_eq!(entity_of(text, "the Kremlin"), "Kremlin");
        assert_eq!(entity_of(text, "They"), "Kremlin");
        let ms = find(text, &segment::sentences(text), &[]);
        let (ents, _) = resolve(text, &ms);
        assert_eq!(ents[0].kind, EntityKind::Organization);
    }

    #[test]
    fn it_is_an_organisation() {
        let text =
            "Senator Jane Doe spoke. Later the Kremlin said no. It added that talks would go on.";
        assert_eq!(entity_of(text, "It"), "Kremlin");
    }

    #[test]
    fn relative_who() {
        let text = "They spoke with Donald Trump, who has expressed frustration.";
        assert_eq!(entity_of(text, "who"), "Donald Trump");
    }

    #[test]
    fn indices_in_range_for_foreign_mentions() {
        // Mentions from elsewhere, with spans off the text, must not panic.
        let ms = vec![
            Mention {
                span: Span::new(3, 99),
                name: Some(Span::new(50, 10)),
                role: None,
                kind: MentionKind::Person,
                appositive: None,
            },
            Mention {
                span: Span::new(0, 1),
                name: None,
                role: Some(Span::new(7, 2)),
                kind: MentionKind::Nominal,
                appositive: None,
            },
            Mention {
                span: Span::new(0, 2),
                name: None,
                role: None,
                kind: MentionKind::Pronoun,
                appositive: None,
            },
            Mention {
                span: Span::new(1, 2),
                name: None,
                role: None,
                kind: MentionKind::Anonymous,
                appositive: None,
            },
            Mention {
                span: Span::new(1, 2),
                name: None,
                role: None,
                kind: MentionKind::Country,
                appositive: None,
            },
        ];
        let (ents, idx) = resolve("é he", &ms);
        assert_eq!(idx.len(), ms.len());
        assert!(idx.iter().flatten().all(|&e| e < ents.len()));
    }
}
