//! Extraction results that travel: the JSON lines `extract --format docs` writes and
//! `ingest --extracted` reads.
//!
//! One line per document: the [`Document`]'s own fields at the top level (`id`, `text`,
//! `date`, `title`, `source`, `url`, so a line is also an article line `extract` reads),
//! `origin` (the file it was read from, stored as the document's path) and
//! `extraction`, the [`Extraction`] as the `attrib` crate serialises it. Both halves
//! are the library's own types, so a field added to either travels without a change
//! here.

use std::ffi::OsStr;
use std::fs::File;
use std::io::{self, BufRead, BufReader, Read, Write};
use std::path::Path;

use attrib::{Document, Extraction};
use serde::{Deserialize, Serialize};
use walkdir::WalkDir;

use crate::batch::Extracted as Item;
use crate::cmd::common::Sources;
use crate::input::{Input, InputError};
use crate::output;

/// One document and its extraction, as written (borrowed, nothing copied).
#[derive(Serialize)]
struct DocOut<'a> {
    #[serde(flatten)]
    doc: &'a Document,
    origin: Option<&'a str>,
    extraction: &'a Extraction,
}

/// One document and its extraction, as read back.
#[derive(Deserialize)]
struct DocIn {
    #[serde(flatten)]
    doc: Document,
    #[serde(default)]
    origin: Option<String>,
    extraction: Extraction,
}

/// Write one document and its extraction as a line.
pub fn write(out: &mut dyn Write, input: &Input, ex: &Extraction) -> anyhow::Result<()> {
    let rec = DocOut {
        doc: &input.doc,
        origin: input.origin.as_deref(),
        extraction: ex,
    };
    serde_json::to_writer(&mut *out, &rec)?;
    out.write_all(b"\n")?;
    Ok(())
}

/// The UTF-8 byte-order mark some editors put at the start of a file.
const BOM: &[u8] = b"\xEF\xBB\xBF";

/// Read every line of the files in `sources` (`-` or none: standard input; a folder:
/// its files in file-name order, see [`is_part`]), calling `each` in order. Stops at
/// the first `Err` that `each` returns.
pub fn read_all(
    sources: &Sources,
    mut each: impl FnMut(Item) -> anyhow::Result<()>,
) -> anyhow::Result<()> {
    if sources.paths.is_empty() {
        return read_path(Path::new("-"), &mut each);
    }
    for p in &sources.paths {
        if p.as_os_str() == "-" || !p.is_dir() {
            read_path(p, &mut each)?;
            continue;
        }
        let entries = WalkDir::new(p)
            .min_depth(1)
            .follow_links(sources.follow)
            .sort_by_file_name();
        for entry in entries {
            match entry {
                Ok(e) if e.file_type().is_dir() => {}
                Ok(e) if is_part(e.file_name()) => read_path(e.path(), &mut each)?,
                Ok(_) => {}
                Err(e) => each(Err(InputError {
                    file: e.path().unwrap_or(Path::new("?")).display().to_string(),
                    line: None,
                    message: e.to_string(),
                }))?,
            }
        }
    }
    Ok(())
}

/// Whether a file in a folder holds results. Batch engines name theirs `part-00000`
/// (no `.jsonl`) beside `_SUCCESS` markers and hidden `.part-00000.crc` checksums, so
/// the Hadoop rule is used: every file but those starting with `_` or `.`.
fn is_part(name: &OsStr) -> bool {
    !name
        .as_encoded_bytes()
        .first()
        .is_some_and(|b| matches!(b, b'_' | b'.'))
}

fn read_path(path: &Path, each: &mut dyn FnMut(Item) -> anyhow::Result<()>) -> anyhow::Result<()> {
    let label = path.display().to_string();
    let reader: Box<dyn Read> = if label == "-" {
        Box::new(io::stdin().lock())
    } else {
        match File::open(path) {
            Ok(f) => Box::new(f),
            Err(e) => {
                return each(Err(InputError {
                    file: label,
                    line: None,
                    message: e.to_string(),
                }));
            }
        }
    };
    read_lines(&label, BufReader::with_capacity(1 << 16, reader), each)
}

/// Read one file's lines; blank lines are skipped.
fn read_lines(
    label: &str,
    mut reader: impl BufRead,
    each: &mut dyn FnMut(Item) -> anyhow::Result<()>,
) -> anyhow::Result<()> {
    let mut buf = Vec::new();
    let mut line = 0;
    loop {
        buf.clear();
        line += 1;
        match reader.read_until(b'\n', &mut buf) {
            Ok(0) => return Ok(()),
            Ok(_) => {}
            Err(e) => {
                return each(Err(InputError {
                    file: label.to_string(),
                    line: Some(line),
                    message: e.to_string(),
                }));
            }
        }
        if buf.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        each(parse_line(label, line, &buf))?;
    }
}

/// One line: JSON of the right shape whose quotations name entities that exist. (Spans
/// are checked by the store, which refuses a document whose spans leave its text.)
fn parse_line(label: &str, line: usize, bytes: &[u8]) -> Item {
    let err = |message: String| InputError {
        file: label.to_string(),
        line: Some(line),
        message,
    };
    let bytes = bytes.strip_prefix(BOM).unwrap_or(bytes);
    let rec: DocIn = serde_json::from_slice(bytes).map_err(|e| {
        err(format!(
            "not an extracted document (as `whosaid extract --format docs` writes): {e}"
        ))
    })?;
    let entities = rec.extraction.entities.len();
    if let Some((i, q)) = rec
        .extraction
        .quotes
        .iter()
        .enumerate()
        .find(|(_, q)| q.speaker.is_some_and(|s| s >= entities))
    {
        return Err(err(format!(
            "{}: quotation {i} names entity {} of {entities}",
            output::printable_line(&rec.doc.id),
            q.speaker.unwrap_or_default()
        )));
    }
    Ok((
        Input {
            doc: rec.doc,
            origin: rec.origin,
        },
        rec.extraction,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> (Input, Extraction) {
        let mut doc = Document::new(
            "d1",
            "\"We will win,\" Jane Smith said.\n\nShe added that it was close.",
        );
        doc.date = Some("2024-05-01".parse().unwrap());
        doc.title = Some("Win".into());
        doc.source = Some("Gazette".into());
        let ex = attrib::extract(&doc);
        (
            Input {
                doc,
                origin: Some("a.jsonl:3".into()),
            },
            ex,
        )
    }

    #[test]
    fn a_written_line_reads_back_the_same() {
        let (input, ex) = sample();
        assert!(!ex.quotes.is_empty());
        let mut out = Vec::new();
        write(&mut out, &input, &ex).unwrap();
        assert_eq!(out.iter().filter(|&&b| b == b'\n').count(), 1);
        let (back, back_ex) = parse_line("f", 1, &out).unwrap();
        assert_eq!(back.doc, input.doc);
        assert_eq!(back.origin, input.origin);
        assert_eq!(back_ex, ex);
        // The document's fields stand at the top level, as in an article line.
        let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
        assert_eq!(v["id"], "d1");
        assert_eq!(v["date"], "2024-05-01");
        assert!(v["extraction"]["quotes"].is_array());
    }

    #[test]
    fn bad_lines_name_file_and_line() {
        let e = parse_line("x.jsonl", 7, b"{\"id\": \"a\", \"text\": \"b\"}").unwrap_err();
        assert!(
            e.to_string()
                .starts_with("x.jsonl:7: not an extracted document")
        );
        assert!(e.to_string().contains("extraction"), "{e}");
        let (input, mut ex) = sample();
        ex.quotes[0].speaker = Some(99);
        let mut out = Vec::new();
        write(&mut out, &input, &ex).unwrap();
        let e = parse_line("x.jsonl", 2, &out).unwrap_err();
        assert_eq!(
            e.to_string(),
            format!(
                "x.jsonl:2: d1: quotation 0 names entity 99 of {}",
                ex.entities.len()
            )
        );
    }

    #[test]
    fn hidden_and_marker_files_are_no_parts() {
        assert!(is_part(OsStr::new("part-00000")));
        assert!(is_part(OsStr::new("docs.jsonl")));
        assert!(!is_part(OsStr::new("_SUCCESS")));
        assert!(!is_part(OsStr::new(".part-00000.crc")));
    }

    #[test]
    fn blank_lines_are_skipped_and_lines_counted() {
        let (input, ex) = sample();
        let mut good = Vec::new();
        write(&mut good, &input, &ex).unwrap();
        let mut file = b"\n".to_vec();
        file.extend_from_slice(b"{oops\n");
        file.extend_from_slice(&good);
        let mut seen = Vec::new();
        read_lines("f", &file[..], &mut |item| {
            seen.push(item.map(|(i, _)| i.doc.id).map_err(|e| e.to_string()));
            Ok(())
        })
        .unwrap();
        assert_eq!(seen.len(), 2);
        assert!(seen[0].as_ref().unwrap_err().starts_with("f:2: "));
        assert_eq!(seen[1].as_deref(), Ok("d1"));
    }
}
