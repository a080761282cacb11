//! `whosaid report`: write one self-contained HTML page (see [`crate::report`]) with the
//! most-quoted speakers, a section per speaker (quotations per month by outlet, role
//! history, every quotation in its sentence) and the claims that spread furthest.

use std::collections::hash_map::Entry;
use std::collections::{HashMap, HashSet};
use std::io::Write;
use std::path::PathBuf;

use anyhow::Context;
use store::{ClaimFilter, CountKey, DocumentRow, QuoteFilter, SpeakerFilter, Store};

use crate::Ctx;
use crate::report::chart::{self, MonthCount};
use crate::report::context::in_context;
use crate::report::{ClaimPage, QuoteView, Report, SpeakerPage, TopSpeaker};

#[derive(clap::Args)]
#[command(after_help = "Examples:
  whosaid report                              overview, top speakers, top claims
  whosaid report --speaker Lindqvist --out lindqvist.html
  whosaid report --out - | gzip > report.html.gz")]
pub struct Args {
    /// Only this speaker's section (any of its names, case and accents ignored, a
    /// surname, or an id); without it, sections for the most-quoted speakers.
    #[arg(long, value_name = "NAME")]
    pub speaker: Option<String>,
    /// The file to write; `-` for standard output.
    #[arg(long, value_name = "FILE", default_value = "whosaid-report.html")]
    pub out: PathBuf,
    /// How many of the most-quoted speakers get a section (0 = none).
    #[arg(long, value_name = "N", default_value_t = 10)]
    pub top: usize,
    /// How many of the claims reported in the most outlets get a section (0 = none).
    #[arg(long, value_name = "N", default_value_t = 10)]
    pub claims: usize,
}

/// A stored article, read once however many quotations it holds.
struct Article {
    doc: DocumentRow,
    sentences: Vec<segment::Span>,
}

/// Run `whosaid report`; `Ok(false)` when some inputs failed (see [`crate::cmd`]).
pub fn run(args: Args, ctx: &Ctx) -> anyhow::Result<bool> {
    let mut db = super::open_to_read(ctx)?;
    let totals = db.stats()?;
    // The overview's list: at least ten, so that it says something with `--top 0`,
    // and every speaker with a section of its own.
    let listed = db.speakers(&SpeakerFilter {
        limit: Some(args.top.max(10)),
        ..Default::default()
    })?;
    let page_ids: Vec<i64> = match &args.speaker {
        // One person: a name that fits several is an error listing them.
        Some(name) => vec![db.find_speaker(name)?],
        None => listed.iter().take(args.top).map(|s| s.id).collect(),
    };
    let mut articles: HashMap<i64, Article> = HashMap::new();
    let mut speakers = Vec::with_capacity(page_ids.len());
    for id in &page_ids {
        speakers.push(speaker_page(&db, *id, &mut articles)?);
    }
    let with_page: HashSet<i64> = page_ids.iter().copied().collect();
    let mut top_speakers: Vec<TopSpeaker> = listed
        .iter()
        .map(|s| TopSpeaker {
            id: s.id,
            name: s.name.clone(),
            quotes: s.quotes,
            role: s.roles.last().cloned(),
            has_page: with_page.contains(&s.id),
        })
        .collect();
    // A speaker asked for by name is listed even when it is not among the most quoted.
    let in_list: HashSet<i64> = listed.iter().map(|s| s.id).collect();
    for page in speakers.iter().filter(|p| !in_list.contains(&p.id)) {
        top_speakers.push(TopSpeaker {
            id: page.id,
            name: page.name.clone(),
            quotes: i64::try_from(page.quotes.len()).unwrap_or(i64::MAX),
            role: page.roles.last().map(|r| r.role.clone()),
            has_page: true,
        });
    }
    let claims = top_claims(&mut db, args.speaker.clone(), args.claims)?;
    let report = Report {
        totals,
        top_speakers,
        speakers,
        claims,
    };
    let html = crate::report::render(&report);
    if args.out.as_os_str() == "-" {
        let mut out = std::io::stdout().lock();
        out.write_all(html.as_bytes())?;
        out.flush()?;
    } else {
        std::fs::write(&args.out, html)
            .with_context(|| format!("writing {}", args.out.display()))?;
        eprintln!(
            "whosaid: wrote {} ({} speakers, {} claims)",
            args.out.display(),
            report.speakers.len(),
            report.claims.len()
        );
    }
    Ok(true)
}

/// One speaker's section: every quotation (newest first) in its sentence, the chart
/// and the roles.
fn speaker_page(
    db: &Store,
    id: i64,
    articles: &mut HashMap<i64, Article>,
) -> anyhow::Result<SpeakerPage> {
    let filter = QuoteFilter {
        speaker: Some(format!("#{id}")),
        ..QuoteFilter::default()
    };
    let rows = db.quotes(&filter)?;
    let counts = db.count_quotes_by(&filter, &[CountKey::Month, CountKey::Outlet])?;
    let per_month: Vec<MonthCount> = counts
        .iter()
        .filter_map(|c| {
            Some(MonthCount {
                month: c.keys.first()?.as_deref()?,
                outlet: c.keys.get(1)?.as_deref(),
                quotes: c.quotes,
            })
        })
        .collect();
    let undated = counts
        .iter()
        .filter(|c| c.keys.first().is_some_and(Option::is_none))
        .map(|c| c.quotes)
        .sum();
    let mut quotes = Vec::with_capacity(rows.len());
    for q in rows {
        let a = match articles.entry(q.doc_id) {
            Entry::Occupied(a) => a.into_mut(),
            Entry::Vacant(slot) => {
                let doc = db.document(&format!("#{}", q.doc_id))?;
                let sentences = segment::sentences(&doc.text);
                slot.insert(Article { doc, sentences })
            }
        };
        let around = usize::try_from(q.start)
            .ok()
            .zip(usize::try_from(q.end).ok())
            .and_then(|(s, e)| in_context(&a.doc.text, &a.sentences, s, e));
        quotes.push(QuoteView {
            before: around.as_ref().map(|c| c.before.to_string()),
            after: around.as_ref().map(|c| c.after.to_string()),
            url: a.doc.url.clone(),
            path: a.doc.path.clone(),
            quote: q,
        });
    }
    Ok(SpeakerPage {
        id,
        name: db.speaker_name(id)?,
        chart: chart::quotes_per_month(&per_month)?,
        undated,
        roles: db.role_history(id)?,
        quotes,
    })
}

/// The `n` claims reported in the most outlets (then the most often), with their
/// sightings; only claims seen at least twice spread at all.
fn top_claims(db: &mut Store, speaker: Option<String>, n: usize) -> anyhow::Result<Vec<ClaimPage>> {
    if n == 0 {
        return Ok(Vec::new());
    }
    let mut all = db.claims(&ClaimFilter {
        speaker,
        min_sightings: 2,
        ..ClaimFilter::default()
    })?;
    all.sort_by(|a, b| {
        b.outlets
            .cmp(&a.outlets)
            .then(b.sightings.cmp(&a.sightings))
            .then(a.claim.cmp(&b.claim))
    });
    all.truncate(n);
    let mut pages = Vec::with_capacity(all.len());
    for summary in all {
        let report = db.claim_report(summary.claim, None, None)?;
        pages.push(ClaimPage { summary, report });
    }
    Ok(pages)
}
