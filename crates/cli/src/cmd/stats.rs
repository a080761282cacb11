//! `whosaid stats`: how many stored quotations there are per speaker, outlet, month,
//! year or kind, for the quotations the same filters as `quotes` select.
//!
//! A command of its own rather than `quotes --count-by`: a count has other columns,
//! another order and another meaning of `--limit` (groups, not quotations) than a
//! listing, and every `quotes` option about showing a quotation would mean nothing
//! here.

use std::io::{self, BufWriter, Write};

use clap::ValueEnum;
use serde::ser::{Serialize, SerializeStruct, Serializer};
use store::{CountKey, CountRow, QuoteFilter};

use crate::Ctx;
use crate::output::{self, Format, Table};

/// What to count by (`--by`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum By {
    /// The speaker.
    Speaker,
    /// The outlet.
    Outlet,
    /// The month of publication (YYYY-MM).
    Month,
    /// The year of publication.
    Year,
    /// Direct, indirect or mixed.
    Kind,
}

impl From<By> for CountKey {
    fn from(b: By) -> CountKey {
        match b {
            By::Speaker => CountKey::Speaker,
            By::Outlet => CountKey::Outlet,
            By::Month => CountKey::Month,
            By::Year => CountKey::Year,
            By::Kind => CountKey::Kind,
        }
    }
}

#[derive(clap::Args)]
#[command(after_help = "Examples:
  whosaid stats --search immigration                    who is quoted most on it
  whosaid stats --search immigration --by outlet --by speaker
  whosaid stats --search immigration --by month --format csv > by-month.csv")]
pub struct Args {
    /// Count by this (one or more, e.g. `--by outlet --by speaker`; default speaker).
    #[arg(long, value_enum, default_values_t = [By::Speaker])]
    pub by: Vec<By>,
    /// Only quotations containing all these words, in any inflection; "a phrase", a OR b
    /// and prefix* are understood, nothing else.
    #[arg(long, value_name = "TEXT")]
    pub search: Option<String>,
    /// Only this speaker: any of its names (case and accents ignored), a surname, or an id.
    #[arg(long, value_name = "NAME")]
    pub speaker: Option<String>,
    #[command(flatten)]
    pub period: super::common::Period,
    /// Only quotations of this kind (direct, indirect, mixed).
    #[arg(long, value_name = "KIND")]
    pub kind: Option<attrib::QuoteKind>,
    /// At most this many groups (default 50 for the table, all otherwise; 0 = all).
    #[arg(long, value_name = "N")]
    pub limit: Option<usize>,
    /// Output format.
    #[arg(long, value_enum, default_value_t)]
    pub format: Format,
}

/// One group as written: a column per key, then `quotes`.
struct Record<'a> {
    keys: &'a [CountKey],
    row: &'a CountRow,
}

impl Serialize for Record<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut st = s.serialize_struct("Count", self.keys.len() + 1)?;
        for (k, v) in self.keys.iter().zip(&self.row.keys) {
            st.serialize_field(k.as_str(), v)?;
        }
        st.serialize_field("quotes", &self.row.quotes)?;
        st.end()
    }
}

/// Run `whosaid stats`; `Ok(false)` when some inputs failed (see [`crate::cmd`]).
pub fn run(args: Args, ctx: &Ctx) -> anyhow::Result<bool> {
    let db = super::open_to_read(ctx)?;
    // A key given twice counts by it once.
    let mut keys: Vec<CountKey> = Vec::new();
    for k in args.by.iter().map(|&b| CountKey::from(b)) {
        if !keys.contains(&k) {
            keys.push(k);
        }
    }
    let filter = QuoteFilter {
        speaker: args.speaker,
        since: args.period.since,
        until: args.period.until,
        search: args.search,
        kind: args.kind,
        limit: None,
        ..Default::default()
    };
    let mut rows = db.count_quotes_by(&filter, &keys)?;
    let total_groups = rows.len();
    if let Some(n) = super::common::row_limit(args.limit, args.format) {
        rows.truncate(n);
    }
    let records: Vec<Record> = rows.iter().map(|row| Record { keys: &keys, row }).collect();
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let mut header: Vec<&'static str> = keys.iter().map(|k| k.as_str()).collect();
    header.push("quotes");
    if args.format == Format::Csv && records.is_empty() {
        // The header all the same: a script reading the file finds its columns.
        let mut w = csv::Writer::from_writer(&mut out);
        w.write_record(&header)?;
        w.flush()?;
    } else if !output::write_rows(&mut out, args.format, &records)? {
        // The count before the names: the last column is the one cut to fit.
        header.rotate_right(1);
        let mut t = Table::new(header);
        for r in &rows {
            let mut cells = vec![r.quotes.to_string()];
            cells.extend(r.keys.iter().map(|k| match k {
                Some(v) => v.clone(),
                None => "-".to_string(),
            }));
            t.push(cells);
        }
        t.print(&mut out, output::terminal_width())?;
    }
    out.flush()?;
    if rows.len() < total_groups {
        eprintln!(
            "whosaid: showing {} of {} groups (use --limit 0 for all)",
            rows.len(),
            total_groups
        );
    }
    // Nothing matched is an answer (no rows), not a failure, as in `quotes`.
    Ok(true)
}
