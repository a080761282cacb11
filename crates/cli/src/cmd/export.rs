//! `whosaid export --format parquet --out DIR`: the store as Parquet tables, one file
//! each (`quotations`, `speakers`, `claims`, `sightings`), for DuckDB, pandas, Spark.
//!
//! Rows are read from the store a statement at a time and written a record batch at a
//! time, so memory stays bounded whatever the size of the store. Each file is written
//! under a temporary name and renamed when complete: a failed export never leaves a
//! truncated file that looks like a whole one.

use std::fs::{self, File};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use anyhow::Context;
use arrow_array::builder::{
    Date32Builder, Float64Builder, Int64Builder, ListBuilder, StringBuilder,
};
use arrow_array::types::Date32Type;
use arrow_array::{ArrayRef, RecordBatch};
use arrow_schema::{DataType, Field, Schema, SchemaRef};
use clap::ValueEnum;
use parquet::arrow::ArrowWriter;
use parquet::basic::Compression;
use parquet::file::properties::WriterProperties;
use store::{ClaimExport, QuotationExport, SightingExport, SpeakerExport};

use crate::Ctx;

/// Output of `export`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// Apache Parquet, Snappy-compressed.
    Parquet,
}

#[derive(clap::Args)]
pub struct Args {
    /// The file format.
    #[arg(long, value_enum)]
    pub format: ExportFormat,
    /// The folder to write the tables to (created if missing; files there of the
    /// same names are replaced).
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
}

/// Rows per record batch handed to the writer.
const BATCH_ROWS: usize = 8192;
/// Encoded bytes per row group: the writer holds one row group in memory.
const ROW_GROUP_BYTES: usize = 64 << 20;

/// Run `whosaid export`.
pub fn run(args: Args, ctx: &Ctx) -> anyhow::Result<bool> {
    let db = super::open_to_read(ctx)?;
    let ExportFormat::Parquet = args.format;
    fs::create_dir_all(&args.out).with_context(|| args.out.display().to_string())?;
    let dir = args.out.as_path();
    let quotations =
        write_table::<Quotations>(dir, "quotations", |push| db.export_quotations(push))?;
    let speakers = write_table::<Speakers>(dir, "speakers", |push| db.export_speakers(push))?;
    let claims = write_table::<Claims>(dir, "claims", |push| db.export_claims(push))?;
    let sightings = write_table::<Sightings>(dir, "sightings", |push| db.export_sightings(push))?;
    eprintln!(
        "exported {quotations} quotations, {speakers} speakers, {claims} claims, \
         {sightings} sightings to {}",
        dir.display()
    );
    Ok(true)
}

/// The columns of one table: builders a row is appended to, and the schema they fill.
trait Columns: Default {
    /// A row as the store hands it over.
    type Row;
    /// The table's schema; its field order is the order of [`Columns::finish`].
    fn schema() -> Schema;
    /// Append one row.
    fn push(&mut self, row: Self::Row);
    /// The columns built so far, leaving the builders empty.
    fn finish(&mut self) -> Vec<ArrayRef>;
}

/// Write `DIR/NAME.parquet` from the rows `fill` pushes; returns the row count.
fn write_table<C: Columns>(
    dir: &Path,
    name: &str,
    fill: impl FnOnce(&mut dyn FnMut(C::Row) -> anyhow::Result<()>) -> anyhow::Result<()>,
) -> anyhow::Result<usize> {
    let path = dir.join(format!("{name}.parquet"));
    let tmp = dir.join(format!(".{name}.parquet.partial"));
    let written = write_file::<C>(&tmp, fill).with_context(|| path.display().to_string());
    if written.is_err() {
        // Nothing half-written is left behind; the error says what went wrong.
        let _ = fs::remove_file(&tmp);
    }
    let rows = written?;
    fs::rename(&tmp, &path).with_context(|| path.display().to_string())?;
    Ok(rows)
}

fn write_file<C: Columns>(
    tmp: &Path,
    fill: impl FnOnce(&mut dyn FnMut(C::Row) -> anyhow::Result<()>) -> anyhow::Result<()>,
) -> anyhow::Result<usize> {
    let schema: SchemaRef = Arc::new(C::schema());
    let props = WriterProperties::builder()
        .set_compression(Compression::SNAPPY)
        .set_max_row_group_bytes(Some(ROW_GROUP_BYTES))
        .build();
    let mut writer = ArrowWriter::try_new(File::create(tmp)?, schema.clone(), Some(props))?;
    let mut cols = C::default();
    let (mut pending, mut rows) = (0, 0);
    let flush = |cols: &mut C, writer: &mut ArrowWriter<File>| -> anyhow::Result<()> {
        let batch = RecordBatch::try_new(schema.clone(), cols.finish())?;
        writer.write(&batch)?;
        Ok(())
    };
    fill(&mut |row| {
        cols.push(row);
        pending += 1;
        rows += 1;
        if pending == BATCH_ROWS {
            pending = 0;
            flush(&mut cols, &mut writer)?;
        }
        Ok(())
    })?;
    if pending > 0 {
        flush(&mut cols, &mut writer)?;
    }
    writer.close()?;
    Ok(rows)
}

/// A date as Arrow's Date32 counts it: days since 1970-01-01.
fn days(date: Option<attrib::Date>) -> Option<i32> {
    let d = date?;
    let naive = chrono::NaiveDate::from_ymd_opt(
        i32::from(d.year()),
        u32::try_from(d.month()).ok()?,
        u32::try_from(d.day()).ok()?,
    )?;
    Some(Date32Type::from_naive_date(naive))
}

fn field(name: &str, data_type: DataType, nullable: bool) -> Field {
    Field::new(name, data_type, nullable)
}

#[derive(Default)]
struct Quotations {
    id: Int64Builder,
    doc_key: StringBuilder,
    published: Date32Builder,
    outlet: StringBuilder,
    title: StringBuilder,
    url: StringBuilder,
    speaker_id: Int64Builder,
    speaker: StringBuilder,
    speaker_kind: StringBuilder,
    role: StringBuilder,
    kind: StringBuilder,
    text: StringBuilder,
    cue: StringBuilder,
    mention: StringBuilder,
    confidence: Float64Builder,
    start: Int64Builder,
    end: Int64Builder,
    sentence: Int64Builder,
    claim_id: Int64Builder,
}

impl Columns for Quotations {
    type Row = QuotationExport;

    fn schema() -> Schema {
        use DataType::{Date32, Float64, Int64, Utf8};
        Schema::new(vec![
            field("id", Int64, false),
            field("doc_key", Utf8, false),
            field("published", Date32, true),
            field("outlet", Utf8, true),
            field("title", Utf8, true),
            field("url", Utf8, true),
            field("speaker_id", Int64, true),
            field("speaker", Utf8, true),
            field("speaker_kind", Utf8, true),
            field("role", Utf8, true),
            field("kind", Utf8, false),
            field("text", Utf8, false),
            field("cue", Utf8, true),
            field("mention", Utf8, true),
            field("confidence", Float64, false),
            field("start", Int64, false),
            field("end", Int64, false),
            field("sentence", Int64, false),
            field("claim_id", Int64, true),
        ])
    }

    fn push(&mut self, r: QuotationExport) {
        self.id.append_value(r.id);
        self.doc_key.append_value(r.doc_key);
        self.published.append_option(days(r.published));
        self.outlet.append_option(r.outlet);
        self.title.append_option(r.title);
        self.url.append_option(r.url);
        self.speaker_id.append_option(r.speaker_id);
        self.speaker.append_option(r.speaker);
        self.speaker_kind.append_option(r.speaker_kind);
        self.role.append_option(r.role);
        self.kind.append_value(r.kind);
        self.text.append_value(r.text);
        self.cue.append_option(r.cue);
        self.mention.append_option(r.mention);
        self.confidence.append_value(r.confidence);
        self.start.append_value(r.start);
        self.end.append_value(r.end);
        self.sentence.append_value(r.sentence);
        self.claim_id.append_option(r.claim_id);
    }

    fn finish(&mut self) -> Vec<ArrayRef> {
        vec![
            Arc::new(self.id.finish()),
            Arc::new(self.doc_key.finish()),
            Arc::new(self.published.finish()),
            Arc::new(self.outlet.finish()),
            Arc::new(self.title.finish()),
            Arc::new(self.url.finish()),
            Arc::new(self.speaker_id.finish()),
            Arc::new(self.speaker.finish()),
            Arc::new(self.speaker_kind.finish()),
            Arc::new(self.role.finish()),
            Arc::new(self.kind.finish()),
            Arc::new(self.text.finish()),
            Arc::new(self.cue.finish()),
            Arc::new(self.mention.finish()),
            Arc::new(self.confidence.finish()),
            Arc::new(self.start.finish()),
            Arc::new(self.end.finish()),
            Arc::new(self.sentence.finish()),
            Arc::new(self.claim_id.finish()),
        ]
    }
}

struct Speakers {
    id: Int64Builder,
    name: StringBuilder,
    kind: StringBuilder,
    aliases: ListBuilder<StringBuilder>,
    quotes: Int64Builder,
}

impl Default for Speakers {
    fn default() -> Speakers {
        Speakers {
            id: Int64Builder::new(),
            name: StringBuilder::new(),
            kind: StringBuilder::new(),
            // Non-null items, as the schema says.
            aliases: ListBuilder::new(StringBuilder::new()).with_field(Arc::new(field(
                "item",
                DataType::Utf8,
                false,
            ))),
            quotes: Int64Builder::new(),
        }
    }
}

impl Columns for Speakers {
    type Row = SpeakerExport;

    fn schema() -> Schema {
        use DataType::{Int64, List, Utf8};
        Schema::new(vec![
            field("id", Int64, false),
            field("name", Utf8, false),
            field("kind", Utf8, false),
            field("aliases", List(Arc::new(field("item", Utf8, false))), false),
            field("quotes", Int64, false),
        ])
    }

    fn push(&mut self, r: SpeakerExport) {
        self.id.append_value(r.id);
        self.name.append_value(r.name);
        self.kind.append_value(r.kind);
        for a in r.aliases {
            self.aliases.values().append_value(a);
        }
        self.aliases.append(true);
        self.quotes.append_value(r.quotes);
    }

    fn finish(&mut self) -> Vec<ArrayRef> {
        vec![
            Arc::new(self.id.finish()),
            Arc::new(self.name.finish()),
            Arc::new(self.kind.finish()),
            Arc::new(self.aliases.finish()),
            Arc::new(self.quotes.finish()),
        ]
    }
}

#[derive(Default)]
struct Claims {
    id: Int64Builder,
    first_quote: Int64Builder,
    text: StringBuilder,
    sightings: Int64Builder,
    first_seen: Date32Builder,
    last_seen: Date32Builder,
}

impl Columns for Claims {
    type Row = ClaimExport;

    fn schema() -> Schema {
        use DataType::{Date32, Int64, Utf8};
        Schema::new(vec![
            field("id", Int64, false),
            field("first_quote", Int64, false),
            field("text", Utf8, false),
            field("sightings", Int64, false),
            field("first_seen", Date32, true),
            field("last_seen", Date32, true),
        ])
    }

    fn push(&mut self, r: ClaimExport) {
        self.id.append_value(r.id);
        self.first_quote.append_value(r.first_quote);
        self.text.append_value(r.text);
        self.sightings.append_value(r.sightings);
        self.first_seen.append_option(days(r.first_seen));
        self.last_seen.append_option(days(r.last_seen));
    }

    fn finish(&mut self) -> Vec<ArrayRef> {
        vec![
            Arc::new(self.id.finish()),
            Arc::new(self.first_quote.finish()),
            Arc::new(self.text.finish()),
            Arc::new(self.sightings.finish()),
            Arc::new(self.first_seen.finish()),
            Arc::new(self.last_seen.finish()),
        ]
    }
}

#[derive(Default)]
struct Sightings {
    quote_id: Int64Builder,
    claim_id: Int64Builder,
    score: Float64Builder,
}

impl Columns for Sightings {
    type Row = SightingExport;

    fn schema() -> Schema {
        use DataType::{Float64, Int64};
        Schema::new(vec![
            field("quote_id", Int64, false),
            field("claim_id", Int64, false),
            field("score", Float64, false),
        ])
    }

    fn push(&mut self, r: SightingExport) {
        self.quote_id.append_value(r.quote_id);
        self.claim_id.append_value(r.claim_id);
        self.score.append_value(r.score);
    }

    fn finish(&mut self) -> Vec<ArrayRef> {
        vec![
            Arc::new(self.quote_id.finish()),
            Arc::new(self.claim_id.finish()),
            Arc::new(self.score.finish()),
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_count_days_from_1970() {
        assert_eq!(days("1970-01-02".parse().ok()), Some(1));
        assert_eq!(days("2000-03-01".parse().ok()), Some(11017));
        assert_eq!(days(None), None);
    }

    #[test]
    fn every_schema_matches_its_columns() {
        fn check<C: Columns>() {
            let schema = Arc::new(C::schema());
            let mut c = C::default();
            RecordBatch::try_new(schema, c.finish()).expect("columns fit the schema");
        }
        check::<Quotations>();
        check::<Speakers>();
        check::<Claims>();
        check::<Sightings>();
    }
}
