//! The read side of claims: the report types, [`Store::check_claim`] (statements
//! matching a text, grouped into claims, with what changed between sightings),
//! [`Store::claims`] (claims with first and last seen, sightings and outlets) and
//! [`Store::timeline`] (one speaker over time). Each settles this handle's pending
//! quotations first, so it takes `&mut self`.

use std::collections::{BTreeMap, HashMap, HashSet};

use attrib::QuoteKind;
use rusqlite::{OptionalExtension, params};
use serde::Serialize;
use text::Date;
use text::fold::fold;

use super::diff::{Change, Tracker};
use super::lookup::{DF_CAP, FTS_CANDIDATES, Query};
use super::similarity::{different_things, figure_similarity, matches_query, same_subject};
use super::sketch::keys;
use super::text::{FIGURES, is_stopword, terms, terms_and_entities};
use super::{CHECK_CLAIMS, PER_KEY, QUERY_KEYS, SAME_CLAIM};
use crate::sql_types::kind_at;
use crate::{Error, Sort, Store};

/// One sighting of a claim, as [`Store::check_claim`] reports it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Sighting {
    /// The quotation's id.
    pub quote_id: i64,
    /// The document's publication date.
    pub date: Option<Date>,
    /// The outlet that published it.
    pub outlet: Option<String>,
    /// The document's key (file name or JSON id).
    pub doc_key: String,
    /// The headline.
    pub title: Option<String>,
    /// Who said it.
    pub speaker: Option<String>,
    /// The speaker's role in that document.
    pub role: Option<String>,
    /// Direct, indirect or mixed (serialised `direct`, `indirect`, `mixed`).
    pub kind: QuoteKind,
    /// The statement as reported.
    pub text: String,
    /// True when this sighting itself matched the searched text (the others belong to
    /// the same claim).
    pub matched: bool,
    /// What this sighting changed relative to the earlier ones.
    pub changes: Vec<Change>,
    /// Whether this sighting disputes the claim: someone other than its first speaker
    /// denies or contradicts it (a verb such as "denied" or "rejected" reports it, or
    /// it negates the claim or gives another figure).
    pub dispute: bool,
    /// The document's id.
    pub doc_id: i64,
    /// Byte offset of the quotation in the document text.
    pub start: i64,
    /// Byte offset one past its end.
    pub end: i64,
    /// Confidence in the attribution, in [0, 1].
    pub confidence: f64,
}

/// A claim with all its sightings, oldest first.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ClaimReport {
    /// The claim's id.
    pub claim: i64,
    /// The oldest sighting's date.
    pub first_seen: Option<Date>,
    /// The newest sighting's date.
    pub last_seen: Option<Date>,
    /// Who said it first.
    pub first_speaker: Option<String>,
    /// Outlets that reported it, in order of first report.
    pub outlets: Vec<String>,
    /// The sightings, oldest first.
    pub sightings: Vec<Sighting>,
    /// How well its best matching sighting matches the searched text, from 0 to 1
    /// (the share of the searched terms it holds, a little less for the terms it adds);
    /// 0 outside `check`.
    pub relevance: f64,
}

/// Which claims [`Store::claims`] returns.
#[derive(Clone, Debug, Default)]
pub struct ClaimFilter {
    /// Claims this speaker (id or name) made or repeated.
    pub speaker: Option<String>,
    /// Only sightings published on or after this date (`YYYY-MM-DD`).
    pub since: Option<Date>,
    /// Only sightings published on or before this date (`YYYY-MM-DD`).
    pub until: Option<Date>,
    /// Claims seen in at least this many articles (in the period): a repeat inside
    /// one article is not a new sighting.
    pub min_sightings: usize,
    /// At most this many claims.
    pub limit: Option<usize>,
    /// Only sightings published by this outlet (ASCII case ignored).
    pub outlet: Option<String>,
    /// Only sightings attributed with at least this confidence.
    pub min_confidence: Option<f64>,
    /// The order of the claims: `Spread` (the most outlets, then articles), `Recent`
    /// (last seen, newest first), `Date` (first seen, oldest first), `Speaker`,
    /// `Outlet` (of the first sighting).
    pub sort: Sort,
}

/// Which sightings [`Store::check_claims`] reports, and how many claims.
#[derive(Clone, Debug, Default)]
pub struct CheckFilter {
    /// Only sightings published on or after this date.
    pub since: Option<Date>,
    /// Only sightings published on or before this date.
    pub until: Option<Date>,
    /// Only sightings published by this outlet (ASCII case ignored).
    pub outlet: Option<String>,
    /// Only sightings attributed with at least this confidence.
    pub min_confidence: Option<f64>,
    /// The order of the claims: `Relevance` (the best match for the text first),
    /// `Date` (first seen, oldest first), `Spread`, `Recent`, `Speaker`, `Outlet`.
    pub sort: Sort,
    /// At most this many claims.
    pub limit: Option<usize>,
    /// Only claims this speaker (a name or an id) said in a matching sighting.
    pub speaker: Option<String>,
}

impl CheckFilter {
    fn keeps(&self, s: &Sighting) -> bool {
        in_period(s.date, self.since, self.until)
            && self.min_confidence.is_none_or(|c| s.confidence >= c)
            && self.outlet.as_deref().is_none_or(|o| {
                s.outlet
                    .as_deref()
                    .is_some_and(|so| so.eq_ignore_ascii_case(o.trim()))
            })
    }
}

/// What [`Store::timeline_with`] keeps.
#[derive(Clone, Debug, Default)]
pub struct TimelineFilter {
    /// Only statements matching this text.
    pub about: Option<String>,
    /// Only statements published on or after this date.
    pub since: Option<Date>,
    /// Only statements published on or before this date.
    pub until: Option<Date>,
    /// Only statements published by this outlet (ASCII case ignored).
    pub outlet: Option<String>,
    /// Only statements attributed with at least this confidence.
    pub min_confidence: Option<f64>,
}

/// One claim, summarised.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct ClaimSummary {
    /// The claim's id.
    pub claim: i64,
    /// The oldest sighting's date.
    pub first_seen: Option<Date>,
    /// The newest sighting's date.
    pub last_seen: Option<Date>,
    /// How many times it was reported.
    pub sightings: i64,
    /// In how many outlets.
    pub outlets: i64,
    /// In how many articles (sightings count repeats inside one article).
    pub articles: i64,
    /// By how many distinct speakers.
    pub speakers: i64,
    /// Who said it first.
    pub first_speaker: Option<String>,
    /// The outlet that reported it first.
    pub first_outlet: Option<String>,
    /// The statement as first reported.
    pub text: String,
}

/// One statement in a speaker's [`Store::timeline`].
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TimelineRow {
    /// The document's publication date.
    pub date: Option<Date>,
    /// The speaker's id (a surname may name several speakers).
    pub speaker_id: i64,
    /// The speaker's display name.
    pub speaker: Option<String>,
    /// The speaker's role at that date: the one given in that document, else the latest
    /// one seen on or before it.
    pub role: Option<String>,
    /// Direct, indirect or mixed (serialised `direct`, `indirect`, `mixed`).
    pub kind: QuoteKind,
    /// What they said.
    pub text: String,
    /// The outlet.
    pub outlet: Option<String>,
    /// The document's key.
    pub doc_key: String,
    /// The claim this statement is a sighting of.
    pub claim: Option<i64>,
    /// How many times that claim was reported in all.
    pub claim_sightings: i64,
    /// The quotation's id.
    pub quote_id: i64,
    /// The document's id.
    pub doc_id: i64,
    /// The headline.
    pub title: Option<String>,
    /// Confidence in the attribution, in [0, 1].
    pub confidence: f64,
    /// Byte offset of the quotation in the document text.
    pub start: i64,
    /// Byte offset one past its end.
    pub end: i64,
}

fn in_period(date: Option<Date>, since: Option<Date>, until: Option<Date>) -> bool {
    match date {
        Some(d) => since.is_none_or(|s| d >= s) && until.is_none_or(|u| d <= u),
        // An undated sighting cannot be placed in a period.
        None => since.is_none() && until.is_none(),
    }
}

/// A user's text as an FTS5 query over its content words (each quoted, so FTS syntax
/// in the text is just words: `check` takes a statement, not a search), joined by
/// `op` (`" "` for all of them, `" OR "` for any); all its words when it has no
/// content words.
fn word_query(text: &str, op: &str) -> Option<String> {
    // Only alphanumerics remain, so wrapping in quotes needs no escaping.
    let all: Vec<String> = crate::search::words(text)
        .map(|w| format!("\"{w}\""))
        .collect();
    if all.is_empty() {
        return None;
    }
    let content: Vec<&str> = crate::search::words(text)
        .zip(&all)
        .filter(|(w, _)| !is_stopword(&fold(w)) && w.chars().count() > 1)
        .map(|(_, q)| q.as_str())
        .collect();
    if content.is_empty() {
        Some(all.join(op))
    } else {
        Some(content.join(op))
    }
}

impl Store {
    /// Statements matching `text` (full-text candidates, then the `matches_query` test),
    /// grouped into their claims with every sighting of each claim, oldest first, and
    /// what each sighting changed. `since`/`until` limit the sightings shown.
    pub fn check_claim(
        &mut self,
        text: &str,
        since: Option<Date>,
        until: Option<Date>,
    ) -> Result<Vec<ClaimReport>, Error> {
        let f = CheckFilter {
            since,
            until,
            limit: Some(CHECK_CLAIMS),
            ..CheckFilter::default()
        };
        Ok(self.check_claims(text, &f)?.0)
    }

    /// [`Store::check_claim`] with more filters and an order: the claims (at most
    /// `f.limit`) and how many there were in all.
    pub fn check_claims(
        &mut self,
        text: &str,
        f: &CheckFilter,
    ) -> Result<(Vec<ClaimReport>, usize), Error> {
        self.settle_claims()?;
        let speakers: Option<HashSet<i64>> = match &f.speaker {
            Some(s) => Some(self.speaker_arg(s)?.into_iter().collect()),
            None => None,
        };
        let plain = terms(text);
        let mut query = Query::parse(text);
        if query.is_empty() {
            return Ok((Vec::new(), 0));
        }
        self.weigh(&mut query)?;
        // Relevance of each matching sighting.
        let mut matched: HashMap<i64, f64> = HashMap::new();
        let mut claims: HashSet<i64> = HashSet::new();
        // A statement matches when it holds most of the query's weight, or is the same
        // claim as a pasted statement by `similarity`.
        let figures = FIGURES.map(String::from);
        let mut consider =
            |matched: &mut HashMap<i64, f64>, id: i64, qtext: &str, claim: Option<i64>| {
                if matched.contains_key(&id) {
                    return;
                }
                let (st, entities) = terms_and_entities(qtext);
                if query.matches(&st, &entities)
                    || (figure_similarity(&plain, &st, &figures) >= SAME_CLAIM
                        && same_subject(&query.entities, &entities)
                        && !different_things((&plain, &query.entities), (&st, &entities), &figures))
                {
                    matched.insert(id, query.relevance(&st));
                    claims.extend(claim);
                }
            };
        // Candidates: sightings sharing retrieval keys with the text (a pasted
        // statement), then full-text matches of every term (each with its synonyms),
        // then of any of the rarest ones, which every match holds one of (see
        // `Query::fts_needed`), ranked by the index and bounded.
        {
            let mut st = self.conn.prepare_cached(&format!(
                "SELECT q.id, q.text, s.claim_id FROM claim_keys k \
                 JOIN quotes q ON q.id = k.quote_id \
                 JOIN sightings s ON s.quote_id = q.id \
                 WHERE k.key = ?1 ORDER BY k.quote_id DESC LIMIT {PER_KEY}"
            ))?;
            for key in keys(&plain, QUERY_KEYS) {
                let mut rows = st.query([key])?;
                while let Some(r) = rows.next()? {
                    consider(&mut matched, r.get(0)?, &r.get::<_, String>(1)?, r.get(2)?);
                }
            }
        }
        let mut st = self.conn.prepare_cached(&format!(
            "SELECT q.id, q.text, s.claim_id FROM quotes_fts f \
             JOIN quotes q ON q.id = f.rowid \
             LEFT JOIN sightings s ON s.quote_id = q.id \
             WHERE quotes_fts MATCH ?1 ORDER BY f.rank LIMIT {FTS_CANDIDATES}"
        ))?;
        for fts in [query.fts_all(), query.fts_needed()].into_iter().flatten() {
            let mut rows = st.query([fts])?;
            while let Some(r) = rows.next()? {
                consider(&mut matched, r.get(0)?, &r.get::<_, String>(1)?, r.get(2)?);
            }
        }
        let mut reports = Vec::new();
        let mut by_speaker = self
            .conn
            .prepare_cached("SELECT speaker_id FROM quotes WHERE id = ?1")?;
        for claim in claims {
            let mut report = self.settled_claim_report_with(claim, |s| f.keeps(s))?;
            for s in &mut report.sightings {
                if let Some(&r) = matched.get(&s.quote_id) {
                    s.matched = true;
                    report.relevance = report.relevance.max(r);
                }
            }
            if let Some(ids) = &speakers {
                // The speaker must have said it in a matching sighting.
                let mut said = false;
                for s in report.sightings.iter().filter(|s| s.matched) {
                    let id: Option<i64> = by_speaker.query_row([s.quote_id], |r| r.get(0))?;
                    said |= id.is_some_and(|id| ids.contains(&id));
                }
                if !said {
                    continue;
                }
            }
            // A claim none of whose matching sightings the filters keep is left out.
            if report.sightings.iter().any(|s| s.matched) {
                reports.push(report);
            }
        }
        reports.sort_by(|a, b| date_order(a.first_seen, b.first_seen).then(a.claim.cmp(&b.claim)));
        sort_reports(&mut reports, f.sort);
        let total = reports.len();
        if let Some(limit) = f.limit {
            reports.truncate(limit);
        }
        Ok((reports, total))
    }

    /// Whether `check` has anything to look for in `text`: false when it is empty or
    /// only common words ("the", "of"), which no statement is matched by.
    pub fn check_has_terms(&self, text: &str) -> bool {
        !Query::parse(text).is_empty()
    }

    /// Weigh a query's terms by how many grouped statements hold them (each term with
    /// its synonyms): one count over the full-text index per term.
    fn weigh(&self, query: &mut Query) -> Result<(), Error> {
        let total: i64 = self
            .conn
            .prepare_cached("SELECT COUNT(*) FROM sightings")?
            .query_row([], |r| r.get(0))?;
        // Counted up to a cap: past it a term is common, and weighs about as little
        // whatever its exact count, which would cost a walk over its whole list.
        let mut count = self.conn.prepare_cached(&format!(
            "SELECT COUNT(*) FROM (SELECT 1 FROM quotes_fts WHERE quotes_fts MATCH ?1 \
             LIMIT {DF_CAP})"
        ))?;
        let mut failed = None;
        query.weigh(u64::try_from(total).unwrap_or(0), |t| {
            let fts = Query::fts_term(t)?;
            match count.query_row([fts], |r| r.get::<_, i64>(0)) {
                Ok(n) => Some(u64::try_from(n).unwrap_or(0)),
                Err(e) => {
                    failed = Some(e);
                    None
                }
            }
        });
        match failed {
            Some(e) => Err(e.into()),
            None => Ok(()),
        }
    }

    /// A query that opens with a known speaker's name ("Hillary Clinton says she never
    /// sent classified emails", "Trump wants to stop Muslims entering the country"):
    /// the speaker's id and the rest of the text, without a verb of saying and a
    /// "that" after the name. The name is the longest run of capitalised words (at
    /// most `NAME_WORDS`) opening the text that names exactly one stored speaker.
    /// `None` when no such run does, or nothing is left to look for after it.
    pub fn speaker_in_query(&self, text: &str) -> Result<Option<(i64, String)>, Error> {
        let words: Vec<(usize, &str)> = text
            .split_whitespace()
            .map(|w| (w.as_ptr() as usize - text.as_ptr() as usize, w))
            .take(NAME_WORDS + 1)
            .collect();
        let capitalised = words
            .iter()
            .take(NAME_WORDS)
            .take_while(|(_, w)| w.chars().next().is_some_and(char::is_uppercase))
            .count();
        for n in (1..=capitalised).rev() {
            let (at, last) = words[n - 1];
            let end = at + last.len();
            let name = text[..end].trim_end_matches([',', ':']);
            // "The election is rigged": a stop word is no name, nor is a possessive.
            if name.contains(['\'', '’'])
                || name
                    .split_whitespace()
                    .all(|w| is_stopword(&fold(&w.to_lowercase())))
            {
                continue;
            }
            let mut rest = text[end..].trim_start();
            if let Some((first, after)) = rest.split_once(char::is_whitespace) {
                let verb = first
                    .trim_matches(|c: char| !c.is_alphanumeric())
                    .to_lowercase();
                if SAY_VERBS.contains(verb.as_str()) {
                    rest = after.trim_start();
                    rest = match rest.split_once(char::is_whitespace) {
                        Some((that, after)) if that.eq_ignore_ascii_case("that") => after,
                        _ => rest,
                    };
                }
            }
            if Query::parse(rest).is_empty() {
                return Ok(None);
            }
            match self.find_speaker(name) {
                Ok(id) => return Ok(Some((id, rest.trim().to_string()))),
                Err(Error::NoSpeaker(_) | Error::AmbiguousSpeaker { .. }) => {}
                Err(e) => return Err(e),
            }
        }
        Ok(None)
    }

    /// One claim with its sightings in the period, oldest first, with changes computed
    /// over all of its sightings (so a change before the period still counts).
    pub fn claim_report(
        &mut self,
        claim: i64,
        since: Option<Date>,
        until: Option<Date>,
    ) -> Result<ClaimReport, Error> {
        self.settle_claims()?;
        self.settled_claim_report(claim, since, until)
    }

    /// [`Store::claim_report`] once pending quotations are settled.
    fn settled_claim_report(
        &self,
        claim: i64,
        since: Option<Date>,
        until: Option<Date>,
    ) -> Result<ClaimReport, Error> {
        self.settled_claim_report_with(claim, |s| in_period(s.date, since, until))
    }

    /// The claim's report with the sightings `keep` accepts (changes are computed over
    /// all of them).
    fn settled_claim_report_with(
        &self,
        claim: i64,
        keep: impl Fn(&Sighting) -> bool,
    ) -> Result<ClaimReport, Error> {
        let mut st = self.conn.prepare_cached(
            "SELECT q.id, d.published, d.outlet, d.doc_key, d.title, sp.name, q.role, q.kind, q.text, \
             d.id, q.start, q.end, q.confidence, q.cue \
             FROM sightings s JOIN quotes q ON q.id = s.quote_id \
             JOIN documents d ON d.id = q.doc_id \
             LEFT JOIN speakers sp ON sp.id = q.speaker_id \
             WHERE s.claim_id = ?1 \
             ORDER BY d.published IS NULL, d.published, d.id, q.start, q.id",
        )?;
        let rows = st.query_map([claim], |r| {
            Ok(Sighting {
                quote_id: r.get(0)?,
                date: r.get(1)?,
                outlet: r.get(2)?,
                doc_key: r.get(3)?,
                title: r.get(4)?,
                speaker: r.get(5)?,
                role: r.get(6)?,
                kind: kind_at(r, 7)?,
                text: r.get(8)?,
                matched: false,
                changes: Vec::new(),
                dispute: r
                    .get::<_, Option<String>>(13)?
                    .is_some_and(|c| DISPUTE_CUES.contains(fold(&c).to_lowercase().as_str())),
                doc_id: r.get(9)?,
                start: r.get(10)?,
                end: r.get(11)?,
                confidence: r.get(12)?,
            })
        })?;
        let mut tracker = Tracker::new();
        let mut sightings = Vec::new();
        let mut first_speaker: Option<Option<String>> = None;
        for row in rows {
            let mut s = row?;
            s.changes = tracker.next(&s.text, s.speaker.as_deref());
            let first = first_speaker.get_or_insert_with(|| s.speaker.clone());
            // Only another speaker disputes: the first one changing a figure is a change.
            let other = s.speaker.is_some() && s.speaker != *first;
            let contradicts = s
                .changes
                .iter()
                .any(|c| matches!(c, Change::Negation { .. } | Change::Number { .. }));
            s.dispute = other && (s.dispute || contradicts);
            if keep(&s) {
                sightings.push(s);
            }
        }
        let mut outlets: Vec<String> = Vec::new();
        for s in &sightings {
            if let Some(o) = &s.outlet
                && !outlets.contains(o)
            {
                outlets.push(o.clone());
            }
        }
        Ok(ClaimReport {
            claim,
            first_seen: sightings.iter().find_map(|s| s.date),
            last_seen: sightings.iter().rev().find_map(|s| s.date),
            first_speaker: sightings.first().and_then(|s| s.speaker.clone()),
            outlets,
            sightings,
            relevance: 0.0,
        })
    }

    /// The speaker ids a `--speaker` argument names: `#12`/`12` is an id, anything else
    /// a name matched against aliases and surnames.
    fn speaker_arg(&self, arg: &str) -> Result<Vec<i64>, Error> {
        // One speaker: a name that fits several is an error listing them, never a mix.
        Ok(vec![self.find_speaker(arg)?])
    }

    /// Claims with first and last seen dates, sightings, articles, outlets and
    /// speakers, in `f.sort`'s order.
    pub fn claims(&mut self, f: &ClaimFilter) -> Result<Vec<ClaimSummary>, Error> {
        self.settle_claims()?;
        let (grouped, speakers) = self.grouped_claims(f)?;
        let limit = f.limit.map_or(-1, |l| i64::try_from(l).unwrap_or(i64::MAX));
        // Speaker and outlet orders need each claim's first sighting: sorted below.
        let in_sql = !matches!(f.sort, Sort::Speaker | Sort::Outlet);
        let order = match f.sort {
            // Outlets, then distinct articles: one outlet's boilerplate repeated in
            // twenty of its articles has spread less than a claim three outlets
            // reported; and the two halves of one sentence around "Mr. Clarke said"
            // are one article.
            Sort::Spread | Sort::Relevance => {
                "ORDER BY COUNT(DISTINCT d.outlet) DESC, COUNT(DISTINCT d.id) DESC, \
                 MAX(d.published) IS NULL, MAX(d.published) DESC, s.claim_id"
            }
            Sort::Recent => {
                "ORDER BY MAX(d.published) IS NULL, MAX(d.published) DESC, \
                 COUNT(DISTINCT d.id) DESC, COUNT(DISTINCT d.outlet) DESC, s.claim_id DESC"
            }
            _ => "ORDER BY MIN(d.published) IS NULL, MIN(d.published), s.claim_id",
        };
        let sql = format!("{grouped} {order} LIMIT :limit");
        let mut st = self.conn.prepare_cached(&sql)?;
        let min = i64::try_from(f.min_sightings).unwrap_or(i64::MAX);
        let sql_limit = if in_sql { limit } else { -1 };
        let mut named: Vec<(&str, &dyn rusqlite::ToSql)> =
            vec![(":min", &min), (":limit", &sql_limit)];
        let outlet = f.outlet.as_deref().map(str::trim);
        push_claim_params(&mut named, f, outlet.as_ref(), speakers.as_ref());
        let rows = st.query_map(named.as_slice(), |r| {
            Ok(ClaimSummary {
                claim: r.get(0)?,
                first_seen: r.get(1)?,
                last_seen: r.get(2)?,
                sightings: r.get(3)?,
                outlets: r.get(4)?,
                speakers: r.get(5)?,
                articles: r.get(6)?,
                first_speaker: None,
                first_outlet: None,
                text: String::new(),
            })
        })?;
        let mut out = rows.collect::<Result<Vec<_>, _>>()?;
        let mut first = self.conn.prepare_cached(
            "SELECT q.text, sp.name, d.outlet FROM sightings s JOIN quotes q ON q.id = s.quote_id \
             JOIN documents d ON d.id = q.doc_id LEFT JOIN speakers sp ON sp.id = q.speaker_id \
             WHERE s.claim_id = ?1 \
             ORDER BY d.published IS NULL, d.published, d.id, q.start, q.id LIMIT 1",
        )?;
        for c in &mut out {
            if let Some((text, speaker, outlet)) = first
                .query_row([c.claim], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
                .optional()?
            {
                c.text = text;
                c.first_speaker = speaker;
                c.first_outlet = outlet;
            }
        }
        if !in_sql {
            // Stable: within one name, the oldest first as the SQL gave them.
            match f.sort {
                Sort::Speaker => out
                    .sort_by(|a, b| name_order(a.first_speaker.as_ref(), b.first_speaker.as_ref())),
                _ => {
                    out.sort_by(|a, b| name_order(a.first_outlet.as_ref(), b.first_outlet.as_ref()))
                }
            }
            if let Some(l) = f.limit {
                out.truncate(l);
            }
        }
        Ok(out)
    }

    /// How many claims [`Store::claims`] would list for `f` without its limit.
    pub fn count_claims(&mut self, f: &ClaimFilter) -> Result<usize, Error> {
        self.settle_claims()?;
        let (grouped, speakers) = self.grouped_claims(f)?;
        let mut st = self
            .conn
            .prepare_cached(&format!("SELECT count(*) FROM ({grouped})"))?;
        let min = i64::try_from(f.min_sightings).unwrap_or(i64::MAX);
        let mut named: Vec<(&str, &dyn rusqlite::ToSql)> = vec![(":min", &min)];
        let outlet = f.outlet.as_deref().map(str::trim);
        push_claim_params(&mut named, f, outlet.as_ref(), speakers.as_ref());
        let n: i64 = st.query_row(named.as_slice(), |r| r.get(0))?;
        Ok(usize::try_from(n).unwrap_or(0))
    }

    /// The grouping query of [`Store::claims`] without order or limit, and the
    /// speakers' ids as JSON when `f` names a speaker. The SQL text only varies by which
    /// filters are present; every value is bound.
    fn grouped_claims(&self, f: &ClaimFilter) -> Result<(String, Option<String>), Error> {
        let speakers = match &f.speaker {
            Some(s) => Some(json_ids(&self.speaker_arg(s)?)),
            None => None,
        };
        let mut sql = String::from(
            "SELECT s.claim_id, MIN(d.published), MAX(d.published), COUNT(*), \
             COUNT(DISTINCT d.outlet), COUNT(DISTINCT q.speaker_id), COUNT(DISTINCT d.id) \
             FROM sightings s JOIN quotes q ON q.id = s.quote_id \
             JOIN documents d ON d.id = q.doc_id WHERE 1",
        );
        if f.since.is_some() {
            sql.push_str(" AND d.published >= :since");
        }
        if f.until.is_some() {
            sql.push_str(" AND d.published <= :until");
        }
        if f.outlet.is_some() {
            sql.push_str(" AND d.outlet = :outlet COLLATE NOCASE");
        }
        if f.min_confidence.is_some() {
            sql.push_str(" AND q.confidence >= :conf");
        }
        if speakers.is_some() {
            sql.push_str(
                " AND s.claim_id IN (SELECT s2.claim_id FROM quotes q2 \
                 JOIN sightings s2 ON s2.quote_id = q2.id \
                 WHERE q2.speaker_id IN (SELECT value FROM json_each(:speakers)))",
            );
        }
        sql.push_str(" GROUP BY s.claim_id HAVING COUNT(DISTINCT d.id) >= :min");
        Ok((sql, speakers))
    }

    /// What one speaker said over time, oldest first, with their role at each date;
    /// `about` keeps only statements matching that text.
    pub fn timeline(
        &mut self,
        speaker: &str,
        about: Option<&str>,
    ) -> Result<Vec<TimelineRow>, Error> {
        let f = TimelineFilter {
            about: about.map(str::to_string),
            ..TimelineFilter::default()
        };
        self.timeline_with(speaker, &f)
    }

    /// [`Store::timeline`] with more filters: a period, an outlet, a least confidence.
    pub fn timeline_with(
        &mut self,
        speaker: &str,
        f: &TimelineFilter,
    ) -> Result<Vec<TimelineRow>, Error> {
        self.settle_claims()?;
        let ids = json_ids(&self.speaker_arg(speaker)?);
        let mut sql = String::from(
            "SELECT q.id, d.published, q.role, q.kind, q.text, d.outlet, d.doc_key, s.claim_id, \
             q.speaker_id, \
             (SELECT COUNT(*) FROM sightings s3 WHERE s3.claim_id = s.claim_id), \
             sp.name, d.id, d.title, q.confidence, q.start, q.end \
             FROM quotes q JOIN documents d ON d.id = q.doc_id \
             LEFT JOIN sightings s ON s.quote_id = q.id \
             LEFT JOIN speakers sp ON sp.id = q.speaker_id \
             WHERE q.speaker_id IN (SELECT value FROM json_each(:ids))",
        );
        let about = f.about.as_deref();
        let about_terms = about.map(terms);
        let fts = about.and_then(|a| word_query(a, " OR "));
        if about.is_some() {
            if fts.is_none() {
                return Ok(Vec::new());
            }
            sql.push_str(" AND q.id IN (SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH :fts)");
        }
        if f.since.is_some() {
            sql.push_str(" AND d.published >= :since");
        }
        if f.until.is_some() {
            sql.push_str(" AND d.published <= :until");
        }
        if f.outlet.is_some() {
            sql.push_str(" AND d.outlet = :outlet COLLATE NOCASE");
        }
        if f.min_confidence.is_some() {
            sql.push_str(" AND q.confidence >= :conf");
        }
        sql.push_str(" ORDER BY d.published IS NULL, d.published, d.id, q.start, q.id");
        let mut st = self.conn.prepare_cached(&sql)?;
        let mut named: Vec<(&str, &dyn rusqlite::ToSql)> = vec![(":ids", &ids)];
        if let Some(f) = &fts {
            named.push((":fts", f));
        }
        if let Some(d) = &f.since {
            named.push((":since", d));
        }
        if let Some(d) = &f.until {
            named.push((":until", d));
        }
        let outlet = f.outlet.as_deref().map(str::trim);
        if let Some(o) = &outlet {
            named.push((":outlet", o));
        }
        if let Some(c) = &f.min_confidence {
            named.push((":conf", c));
        }
        let rows = st.query_map(named.as_slice(), |r| {
            Ok((
                TimelineRow {
                    quote_id: r.get(0)?,
                    date: r.get(1)?,
                    role: r.get(2)?,
                    kind: kind_at(r, 3)?,
                    text: r.get(4)?,
                    outlet: r.get(5)?,
                    doc_key: r.get(6)?,
                    claim: r.get(7)?,
                    claim_sightings: r.get(9)?,
                    speaker_id: r.get(8)?,
                    speaker: r.get(10)?,
                    doc_id: r.get(11)?,
                    title: r.get(12)?,
                    confidence: r.get(13)?,
                    start: r.get(14)?,
                    end: r.get(15)?,
                },
                r.get::<_, i64>(8)?,
            ))
        })?;
        let mut role_at = self.conn.prepare_cached(
            "SELECT role FROM roles_seen WHERE speaker_id = ?1 AND seen IS NOT NULL AND seen <= ?2 \
             ORDER BY seen DESC LIMIT 1",
        )?;
        // Roles change rarely; one lookup per speaker and date.
        let mut cache: BTreeMap<(i64, Date), Option<String>> = BTreeMap::new();
        let mut out = Vec::new();
        for row in rows {
            let (mut t, speaker_id) = row?;
            if let Some(q) = &about_terms
                && !matches_query(q, &terms(&t.text))
            {
                continue;
            }
            if t.role.is_none()
                && let Some(date) = &t.date
            {
                let key = (speaker_id, *date);
                if let std::collections::btree_map::Entry::Vacant(e) = cache.entry(key) {
                    let role: Option<String> = role_at
                        .query_row(params![speaker_id, date], |r| r.get(0))
                        .optional()?;
                    e.insert(role);
                }
                t.role = cache.get(&key).cloned().flatten();
            }
            out.push(t);
        }
        Ok(out)
    }
}

/// The named parameters of [`Store::grouped_claims`] that `f` uses.
fn push_claim_params<'a>(
    named: &mut Vec<(&'static str, &'a dyn rusqlite::ToSql)>,
    f: &'a ClaimFilter,
    outlet: Option<&'a &'a str>,
    speakers: Option<&'a String>,
) {
    if let Some(s) = &f.since {
        named.push((":since", s));
    }
    if let Some(u) = &f.until {
        named.push((":until", u));
    }
    if let Some(o) = outlet {
        named.push((":outlet", o));
    }
    if let Some(c) = &f.min_confidence {
        named.push((":conf", c));
    }
    if let Some(sp) = speakers {
        named.push((":speakers", sp));
    }
}

/// Names in ASCII-case-insensitive order, unknown names last.
fn name_order(a: Option<&String>, b: Option<&String>) -> std::cmp::Ordering {
    let key = |s: Option<&String>| s.map(|s| s.to_ascii_lowercase());
    a.is_none()
        .cmp(&b.is_none())
        .then_with(|| key(a).cmp(&key(b)))
}

/// Reports in `sort`'s order; stable, so within one key they stay oldest first.
fn sort_reports(reports: &mut [ClaimReport], sort: Sort) {
    let first_outlet = |r: &ClaimReport| r.sightings.iter().find_map(|s| s.outlet.clone());
    let articles = |r: &ClaimReport| {
        r.sightings
            .iter()
            .map(|s| s.doc_id)
            .collect::<HashSet<_>>()
            .len()
    };
    match sort {
        Sort::Date => {}
        Sort::Speaker => {
            reports.sort_by(|a, b| name_order(a.first_speaker.as_ref(), b.first_speaker.as_ref()))
        }
        Sort::Outlet => {
            reports.sort_by(|a, b| name_order(first_outlet(a).as_ref(), first_outlet(b).as_ref()))
        }
        Sort::Spread => {
            reports.sort_by_cached_key(|r| std::cmp::Reverse((r.outlets.len(), articles(r))))
        }
        Sort::Recent => reports.sort_by(|a, b| date_order(b.last_seen, a.last_seen)),
        // Ties (equal to a hundredth) by spread, then the oldest first.
        Sort::Relevance => reports.sort_by_cached_key(|r| {
            std::cmp::Reverse(((r.relevance * 100.0).round() as i64, articles(r)))
        }),
    }
}

/// Reporting verbs that make another speaker's sighting a dispute.
const DISPUTE_CUES_FILE: text::DataFile = text::data_file!("dispute_cues.txt");

static DISPUTE_CUES: std::sync::LazyLock<HashSet<&'static str>> =
    std::sync::LazyLock::new(|| DISPUTE_CUES_FILE.lowercase_entries(false).collect());

/// Verbs that make a name opening a `check` query its speaker.
const SAY_VERBS_FILE: text::DataFile = text::data_file!("query_say_verbs.txt");

static SAY_VERBS: std::sync::LazyLock<HashSet<&'static str>> =
    std::sync::LazyLock::new(|| SAY_VERBS_FILE.lowercase_entries(false).collect());

/// The words of a name at most this long open a query as its speaker.
const NAME_WORDS: usize = 4;

/// Ids as a JSON array, bound as one parameter and read with `json_each`.
fn json_ids(ids: &[i64]) -> String {
    let inner: Vec<String> = ids.iter().map(i64::to_string).collect();
    format!("[{}]", inner.join(","))
}

/// Dates ascending, unknown dates last.
fn date_order(a: Option<Date>, b: Option<Date>) -> std::cmp::Ordering {
    a.is_none().cmp(&b.is_none()).then_with(|| a.cmp(&b))
}
