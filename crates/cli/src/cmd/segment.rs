//! `whosaid segment`: sentences, one per line or as JSON lines.

use std::io::{self, BufWriter, Write};

use clap::ValueEnum;
use serde::Serialize;

use crate::Ctx;
use crate::input::{self};
use crate::output;

/// Output of `segment`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
pub enum SegmentFormat {
    /// One sentence per line (line breaks inside a sentence become spaces, control
    /// characters their pictures).
    #[default]
    Text,
    /// `{"doc", "text", "start", "end"}` per sentence.
    Jsonl,
}

#[derive(clap::Args)]
#[command(after_help = "Examples:
  whosaid segment article.txt
  whosaid segment corpus.jsonl --format jsonl | head")]
pub struct Args {
    #[command(flatten)]
    pub sources: super::common::Sources,
    /// How to write sentences.
    #[arg(long, value_enum, default_value_t)]
    pub format: SegmentFormat,
}

#[derive(Serialize)]
struct Sentence<'a> {
    doc: &'a str,
    text: &'a str,
    start: usize,
    end: usize,
}

/// Run `whosaid segment`; `Ok(false)` when some inputs failed (see [`crate::cmd`]).
pub fn run(args: Args, _ctx: &Ctx) -> anyhow::Result<bool> {
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let mut ok = true;
    let mut result = Ok(());
    input::read_all(&args.sources, |item| {
        if result.is_err() {
            return;
        }
        match item {
            Ok(input) => result = write_doc(&mut out, &input.doc, args.format),
            Err(e) => {
                ok = false;
                eprintln!("whosaid: {e}");
            }
        }
    });
    result?;
    out.flush()?;
    Ok(ok)
}

fn write_doc(
    out: &mut impl Write,
    doc: &attrib::Document,
    format: SegmentFormat,
) -> io::Result<()> {
    for span in segment::sentences(&doc.text) {
        let text = span.of(&doc.text);
        match format {
            SegmentFormat::Text => {
                let mut first = true;
                for part in text.split_whitespace() {
                    if !first {
                        out.write_all(b" ")?;
                    }
                    first = false;
                    out.write_all(output::printable(part).as_bytes())?;
                }
                out.write_all(b"\n")?;
            }
            SegmentFormat::Jsonl => {
                let s = Sentence {
                    doc: &doc.id,
                    text,
                    start: span.start,
                    end: span.end,
                };
                serde_json::to_writer(&mut *out, &s)?;
                out.write_all(b"\n")?;
            }
        }
    }
    Ok(())
}
