//! Reading documents from files, directories and standard input.
//!
//! Every input problem becomes an [`InputError`] that names the file (and line or byte
//! offset), so one bad file never stops a batch. Directories are walked as a stream,
//! one folder's listing at a time, so a huge tree costs no more memory than a deep one.

use std::fmt;
use std::fs::File;
use std::io::{self, BufRead, BufReader, Cursor, Read};
use std::path::Path;

use attrib::Document;
use clap::ValueEnum;
use serde::Deserialize;
use serde_json::value::RawValue;
use walkdir::WalkDir;

use crate::cmd::common::Sources;
use crate::output;

/// How input files are read.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
pub enum InputFormat {
    /// `.jsonl` files as JSON lines, anything else as one plain-text article
    /// (standard input: JSON lines when it starts with `{`).
    #[default]
    Auto,
    /// One article per file, with an optional ` date YYYY-MM-DD Title` first line.
    Text,
    /// One JSON object per line with at least `id` and `text`.
    Jsonl,
}

/// A problem with one input: which file, where, and what.
#[derive(Debug, thiserror::Error)]
#[error("{}{}: {message}", output::printable_line(file), Line(*.line))]
pub struct InputError {
    /// The file name, or `-` for standard input. (Not called `source`: thiserror would
    /// take a field of that name for the error's cause.)
    pub file: String,
    /// 1-based line number in a JSON-lines file.
    pub line: Option<usize>,
    /// What went wrong.
    pub message: String,
}

/// `:LINE` after a file name when the line is known, nothing otherwise.
struct Line(Option<usize>);

impl fmt::Display for Line {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Some(line) => write!(f, ":{line}"),
            None => Ok(()),
        }
    }
}

/// A document and where it was read from.
#[derive(Debug)]
pub struct Input {
    /// The document.
    pub doc: Document,
    /// The file it came from (`file.jsonl:LINE` for a JSON line); `None` for standard
    /// input. Stored with the document so a user can find the original again.
    pub origin: Option<String>,
}

/// One document read from an input, or why it could not be read.
pub type Item = Result<Input, InputError>;

/// The UTF-8 byte-order mark some editors put at the start of a file: not text.
const BOM: &[u8] = b"\xEF\xBB\xBF";

/// Read every document from `sources` in order, calling `each` for every document or
/// error. `-` (or no path at all) is standard input; a directory is walked in file-name
/// order for `.txt`, `.md` and `.jsonl` files, without following links to folders
/// unless `--follow` was given (and then never into a folder it is already inside).
/// Reading is streaming: a JSON-lines file is never held whole in memory, nor is the
/// list of a tree's files.
pub fn read_all(sources: &Sources, mut each: impl FnMut(Item)) {
    if sources.paths.is_empty() {
        return read_path(Path::new("-"), sources.input, &mut each);
    }
    for p in &sources.paths {
        // A path given by name is read whatever its extension, through a link if it is
        // one: the user chose it.
        if p.as_os_str() == "-" || !p.is_dir() {
            read_path(p, sources.input, &mut each);
        } else {
            walk(p, sources, &mut each);
        }
    }
}

/// Read the article files under `dir`, depth first in file-name order (what sorting
/// whole paths gave before: the output is deterministic). `walkdir` holds the listing
/// of one folder per level at a time and, following links, refuses to enter a folder
/// it is already inside, so a link to an ancestor is reported once and not walked.
fn walk(dir: &Path, sources: &Sources, each: &mut dyn FnMut(Item)) {
    let entries = WalkDir::new(dir)
        .min_depth(1)
        .follow_links(sources.follow)
        .sort_by_file_name();
    for entry in entries {
        let entry = match entry {
            Ok(entry) => entry,
            Err(e) => {
                if let Some(err) = walk_error(&e) {
                    each(Err(err));
                }
                continue;
            }
        };
        let path = entry.path();
        if entry.file_type().is_dir() || !is_article(path) {
            continue;
        }
        // Not following links, a link to a file is still read (it is one file, read
        // once); a link to a folder is left alone.
        if entry.path_is_symlink() && !sources.follow && path.is_dir() {
            continue;
        }
        read_path(path, sources.input, each);
    }
}

/// Whether a file found in a folder is one whosaid reads.
fn is_article(path: &Path) -> bool {
    matches!(
        path.extension().and_then(|e| e.to_str()),
        Some("txt" | "md" | "jsonl")
    )
}

/// What to report for a walking error: `None` for what is no loss (a loop when
/// following links: the folder is already being read; a broken link whose name is not
/// an article's).
fn walk_error(e: &walkdir::Error) -> Option<InputError> {
    let path = e.path().unwrap_or(Path::new("?"));
    if let Some(ancestor) = e.loop_ancestor() {
        eprintln!(
            "whosaid: warning: {}: not followed: a link to {}, which is being read already",
            output::printable_line(&path.display().to_string()),
            output::printable_line(&ancestor.display().to_string()),
        );
        return None;
    }
    let broken_link = path.is_symlink() && !path.exists();
    if broken_link && !is_article(path) {
        return None;
    }
    Some(InputError {
        file: path.display().to_string(),
        line: None,
        message: e
            .io_error()
            .map_or_else(|| e.to_string(), io::Error::to_string),
    })
}

fn io_error(path: &Path, e: &io::Error) -> InputError {
    InputError {
        file: path.display().to_string(),
        line: None,
        message: e.to_string(),
    }
}

fn read_path(path: &Path, format: InputFormat, each: &mut dyn FnMut(Item)) {
    let label = path.display().to_string();
    let is_stdin = label == "-";
    let reader: Box<dyn Read> = if is_stdin {
        Box::new(io::stdin().lock())
    } else {
        match File::open(path) {
            Ok(f) => Box::new(f),
            Err(e) => return each(Err(io_error(path, &e))),
        }
    };
    let mut reader = BufReader::with_capacity(1 << 16, reader);
    let detect = format == InputFormat::Auto && is_stdin;
    let (head, first) = match start(&mut reader, detect) {
        Ok(start) => start,
        Err(e) => return each(Err(io_error(path, &e))),
    };
    let reader = Cursor::new(head).chain(reader);
    let jsonl = match format {
        InputFormat::Jsonl => true,
        InputFormat::Text => false,
        InputFormat::Auto if is_stdin => first == Some(b'{'),
        InputFormat::Auto => path.extension().and_then(|e| e.to_str()) == Some("jsonl"),
    };
    if jsonl {
        read_jsonl(&label, reader, each);
    } else {
        if let Some(item) = read_text(&label, path, reader).transpose() {
            each(item);
        }
    }
}

/// Read the start of an input: a UTF-8 byte-order mark is dropped, and with `detect`
/// the reading goes on past leading whitespace to the first byte that tells JSON lines
/// (`{`) from text, however the input arrives (a pipe may deliver a byte at a time).
/// Returns the bytes read that the reader must still see, and that first byte.
fn start(reader: &mut impl BufRead, detect: bool) -> io::Result<(Vec<u8>, Option<u8>)> {
    let mut head = Vec::new();
    while head.len() < BOM.len() {
        let buf = reader.fill_buf()?;
        if buf.is_empty() {
            break;
        }
        let n = buf.len().min(BOM.len() - head.len());
        head.extend_from_slice(&buf[..n]);
        reader.consume(n);
    }
    if head == BOM {
        head.clear();
    }
    let first = |head: &[u8]| head.iter().copied().find(|b| !b.is_ascii_whitespace());
    while detect && first(&head).is_none() {
        let buf = reader.fill_buf()?;
        if buf.is_empty() {
            break;
        }
        let n = buf
            .iter()
            .position(|b| !b.is_ascii_whitespace())
            .map_or(buf.len(), |i| i + 1);
        head.extend_from_slice(&buf[..n]);
        reader.consume(n);
    }
    let first = first(&head);
    Ok((head, first))
}

/// One plain-text article; `None` for an empty standard input.
pub(crate) fn read_text(
    label: &str,
    path: &Path,
    mut reader: impl Read,
) -> Result<Option<Input>, InputError> {
    let mut bytes = Vec::new();
    if let Err(e) = reader.read_to_end(&mut bytes) {
        return Err(io_error(path, &e));
    }
    let err = |message: String| InputError {
        file: label.to_string(),
        line: None,
        message,
    };
    if let Some(at) = memchr::memchr(0, &bytes) {
        return Err(err(format!(
            "looks like a binary file (NUL byte at byte offset {at}); skipped"
        )));
    }
    let text = String::from_utf8(bytes).map_err(|e| {
        err(format!(
            "invalid UTF-8 at byte offset {}; skipped",
            e.utf8_error().valid_up_to()
        ))
    })?;
    let empty = text.trim().is_empty();
    if empty && label == "-" {
        // Nothing piped in is nothing to do (an upstream filter that found nothing).
        return Ok(None);
    }
    let doc = Document::from_article(label, text).map_err(|e| err(e.to_string()))?;
    // An empty article is no document: storing one would only hide the mistake.
    if empty {
        return Err(err("empty file; skipped".to_string()));
    }
    if doc.text.trim().is_empty() {
        return Err(err("no text after the date line; skipped".to_string()));
    }
    Ok(Some(Input {
        doc,
        origin: (label != "-").then(|| label.to_string()),
    }))
}

/// The fields whosaid reads from a JSON line; everything else is ignored.
#[derive(Deserialize)]
struct JsonDoc<'a> {
    /// Raw, so that a number keeps its exact digits: as an `f64` two long ids that
    /// differ in the last digit would become one.
    #[serde(borrow)]
    id: Option<&'a RawValue>,
    text: Option<String>,
    date: Option<String>,
    title: Option<String>,
    source: Option<String>,
    publisher: Option<String>,
    outlet: Option<String>,
    url: Option<String>,
}

pub(crate) fn read_jsonl(label: &str, mut reader: impl BufRead, each: &mut dyn FnMut(Item)) {
    let mut buf = Vec::new();
    let mut line_no = 0;
    loop {
        buf.clear();
        line_no += 1;
        match reader.read_until(b'\n', &mut buf) {
            Ok(0) => return,
            Ok(_) => {}
            Err(e) => {
                return each(Err(InputError {
                    file: label.to_string(),
                    line: Some(line_no),
                    message: e.to_string(),
                }));
            }
        }
        if buf.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        each(parse_json_line(label, line_no, &buf));
    }
}

fn parse_json_line(label: &str, line: usize, bytes: &[u8]) -> Item {
    let err = |message: String| InputError {
        file: label.to_string(),
        line: Some(line),
        message,
    };
    // Not only on the first line: files that each began with one are often
    // concatenated.
    let bytes = bytes.strip_prefix(BOM).unwrap_or(bytes);
    let line_text = std::str::from_utf8(bytes).map_err(|e| {
        err(format!(
            "invalid UTF-8 at byte offset {} of the line",
            e.valid_up_to()
        ))
    })?;
    let j: JsonDoc =
        serde_json::from_str(line_text).map_err(|e| err(format!("malformed JSON: {e}")))?;
    let text = j
        .text
        .ok_or_else(|| err("JSON object has no \"text\" string".to_string()))?;
    if text.trim().is_empty() {
        return Err(err("\"text\" is empty; skipped".to_string()));
    }
    let id = match j.id.map(RawValue::get) {
        None | Some("null") => format!("{label}:{line}"),
        Some(raw) if raw.starts_with('"') => {
            serde_json::from_str(raw).map_err(|e| err(format!("malformed JSON: {e}")))?
        }
        Some(raw) if raw.starts_with(['-', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9']) => {
            raw.to_string()
        }
        Some(other) => {
            // Named, not quoted: the value may be a megabyte of array.
            let kind = match other.as_bytes()[0] {
                b'[' => "an array",
                b'{' => "an object",
                _ => "a boolean",
            };
            return Err(err(format!(
                "\"id\" must be a string or number, not {kind}"
            )));
        }
    };
    let date = match j.date {
        Some(d) if d.trim().is_empty() => None,
        Some(d) => {
            Some(attrib::Date::parse_prefix(&d).map_err(|e| err(format!("invalid date: {e}")))?)
        }
        None => None,
    };
    Ok(Input {
        doc: Document {
            id,
            text,
            date,
            title: j.title,
            source: j.outlet.or(j.publisher).or(j.source),
            url: j.url,
        },
        origin: (label != "-").then(|| format!("{label}:{line}")),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_line_fields() {
        let d = parse_json_line(
            "f",
            3,
            br#"{"id": 7, "text": "Hi.", "date": "2016-09-12T10:00", "publisher": "ap"}"#,
        )
        .unwrap();
        assert_eq!(d.origin.as_deref(), Some("f:3"));
        let d = d.doc;
        assert_eq!(d.id, "7");
        assert_eq!(d.date.map(|d| d.to_string()).as_deref(), Some("2016-09-12"));
        assert_eq!(d.source.as_deref(), Some("ap"));
    }

    #[test]
    fn ids_keep_their_text() {
        let id = |line: &str| parse_json_line("f", 1, line.as_bytes()).map(|d| d.doc.id);
        let long = "123456789012345678901234567890";
        assert_eq!(
            id(&format!(r#"{{"id": {long}, "text": "x"}}"#)).unwrap(),
            long
        );
        assert_eq!(id(r#"{"id": -7, "text": "x"}"#).unwrap(), "-7");
        assert_eq!(id(r#"{"id": "a\"b", "text": "x"}"#).unwrap(), "a\"b");
        assert_eq!(id(r#"{"id": null, "text": "x"}"#).unwrap(), "f:1");
        assert_eq!(id(r#"{"text": "x"}"#).unwrap(), "f:1");
        let e = id(r#"{"id": [1, 2], "text": "x"}"#).unwrap_err();
        assert_eq!(
            e.to_string(),
            "f:1: \"id\" must be a string or number, not an array"
        );
    }

    #[test]
    fn byte_order_marks_are_dropped() {
        let mut r = &b"\xEF\xBB\xBF  {}"[..];
        assert_eq!(start(&mut r, true).unwrap(), (b"  {".to_vec(), Some(b'{')));
        assert_eq!(r, b"}");
        let mut r = &b"\xEF\xBB"[..];
        assert_eq!(
            start(&mut r, false).unwrap(),
            (b"\xEF\xBB".to_vec(), Some(0xEF))
        );
        let d = parse_json_line("f", 1, b"\xEF\xBB\xBF{\"text\": \"x\"}").unwrap();
        assert_eq!(d.doc.text, "x");
    }

    #[test]
    fn malformed_json_names_the_line() {
        let e = parse_json_line("in.jsonl", 4, b"{not json").unwrap_err();
        assert!(e.to_string().starts_with("in.jsonl:4: malformed JSON"));
    }

    #[test]
    fn invalid_utf8_names_the_offset() {
        let e = read_text("x.txt", Path::new("x.txt"), &b"ab\xffcd"[..]).unwrap_err();
        assert_eq!(
            e.to_string(),
            "x.txt: invalid UTF-8 at byte offset 2; skipped"
        );
    }
}
