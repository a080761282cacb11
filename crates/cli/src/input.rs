//! Reading documents from files, directories and standard input.
//!
//! Every input problem becomes an [`InputError`] that names the file (and line or byte
//! offset), so one bad file never stops a batch. Directories are walked as a stream,
//! one folder's listing at a time, so a huge tree costs no more memory than a deep one;
//! a file in a folder that is not an article's is named in a warning, never dropped
//! unsaid.
//!
//! Formats: plain text (with an optional header line, see [`read_text`]), JSON lines,
//! and JSON arrays of the same objects, read as a stream (an array is never held whole
//! in memory either). Any of them may be gzip-compressed: a `.gz` name or gzip's magic
//! bytes, and the format is then chosen by the name without `.gz`.

use std::cell::Cell;
use std::fmt;
use std::fs::File;
use std::io::{self, BufRead, BufReader, Cursor, Read};
use std::path::Path;
use std::rc::Rc;

use attrib::Document;
use clap::ValueEnum;
use flate2::read::MultiGzDecoder;
use serde::Deserialize;
use serde::de::{self, DeserializeSeed, SeqAccess, Visitor};
use serde_json::value::RawValue;
use walkdir::WalkDir;

use crate::cmd::common::Sources;
use crate::output;

/// How input files are read.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
pub enum InputFormat {
    /// `.jsonl` and `.json` files as JSON (lines, or one array when the file starts
    /// with `[`), anything else as one plain-text article (standard input: JSON when
    /// it starts with `{` or `[{`). A `.gz` file is decompressed first and judged by
    /// the name without `.gz`.
    #[default]
    Auto,
    /// One article per file, with an optional header line
    /// ` date YYYY-MM-DD Title | outlet: NAME | url: URL` (outlet and URL optional).
    Text,
    /// One JSON object per line with at least `id` and `text`, or a JSON array of
    /// such objects.
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
/// order for `.txt`, `.md`, `.json` and `.jsonl` files (each maybe `.gz`), with a
/// warning naming every other file, without following links to folders
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
        if entry.file_type().is_dir() {
            continue;
        }
        if !is_article(path) {
            // Said, not silent: a folder of `.csv` or `.html` files would otherwise
            // ingest nothing and look like a folder of articles without quotations.
            // A link to a folder, not followed, is no file.
            if !path.is_dir() {
                eprintln!(
                    "whosaid: warning: {}: skipped: not an article file \
                     (.txt, .md, .json, .jsonl, each maybe .gz)",
                    output::printable_line(&path.display().to_string()),
                );
            }
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
        inner_extension(path).as_deref(),
        Some("txt" | "md" | "json" | "jsonl")
    )
}

/// The extension that tells a file's format, lower-cased: the last one, or the one
/// before `.gz` (`a.jsonl.gz` is JSON lines).
fn inner_extension(path: &Path) -> Option<String> {
    let ext = |p: &Path| p.extension()?.to_str().map(str::to_ascii_lowercase);
    match ext(path)?.as_str() {
        "gz" => ext(Path::new(path.file_stem()?)),
        other => Some(other.to_string()),
    }
}

/// Whether `path` names a gzip file.
fn gz_name(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("gz"))
}

/// gzip's magic bytes.
const GZIP_MAGIC: &[u8] = b"\x1f\x8b";

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
    // A compressed file is known by its name or, on standard input or under another
    // name, by its magic bytes (a file holds at least two bytes in its first read).
    let gzip = gz_name(path)
        || match reader.fill_buf() {
            Ok(buf) => buf.starts_with(GZIP_MAGIC),
            Err(e) => return each(Err(io_error(path, &e))),
        };
    let mut reader: Box<dyn BufRead> = if gzip {
        Box::new(BufReader::with_capacity(
            1 << 16,
            MultiGzDecoder::new(reader),
        ))
    } else {
        Box::new(reader)
    };
    let (head, first) = match start(&mut reader, true) {
        Ok(start) => start,
        Err(e) => return each(Err(io_error(path, &e))),
    };
    let array = looks_like_array(&head);
    let reader = Cursor::new(head).chain(reader);
    let json = match format {
        InputFormat::Jsonl => true,
        InputFormat::Text => false,
        InputFormat::Auto if is_stdin => first == Some(b'{') || array,
        InputFormat::Auto => matches!(inner_extension(path).as_deref(), Some("jsonl" | "json")),
    };
    if json && first == Some(b'[') {
        read_json_array(&label, reader, each);
    } else if json {
        read_jsonl(&label, reader, each);
    } else if let Some(item) = read_text(&label, path, reader).transpose() {
        each(item);
    }
}

/// Whether the start of an input is that of a JSON array of objects (`[` then `{` or
/// `]`): an article on standard input may well begin with `[Updated]`.
fn looks_like_array(head: &[u8]) -> bool {
    let mut bytes = head.iter().filter(|b| !b.is_ascii_whitespace());
    bytes.next() == Some(&b'[') && matches!(bytes.next(), Some(b'{' | b']'))
}

/// Read the start of an input: a UTF-8 byte-order mark is dropped, and with `detect`
/// the reading goes on past leading whitespace to the first byte that tells JSON
/// (`{`, or `[` and the byte after it) from text, however the input arrives (a pipe may
/// deliver a byte at a time). Returns the bytes read that the reader must still see,
/// and the first byte that is not whitespace.
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
    // Two bytes that are not whitespace when the first is `[`: see `looks_like_array`.
    let wanted = |head: &[u8]| {
        let mut seen = head.iter().filter(|b| !b.is_ascii_whitespace());
        match seen.next() {
            None => false,
            Some(b'[') => seen.next().is_some(),
            Some(_) => true,
        }
    };
    while detect && !wanted(&head) {
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
///
/// Its first line may be a header, ` date YYYY-MM-DD Title`, which may end with fields
/// ` | outlet: NAME` and ` | url: URL` in either order (the key's case ignored):
/// ` date 2025-03-03 Council votes | outlet: The Gazette | url: https://example.org/a`.
/// Only trailing `| key: value` parts with one of those keys are fields, so a title
/// with a `|` of its own keeps it, and a header without fields reads as before.
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
    let mut doc = Document::from_article(label, text).map_err(|e| err(e.to_string()))?;
    if let Some(title) = doc.title.take() {
        let header = header_fields(&title);
        doc.title = header.title.map(str::to_string);
        doc.source = header.outlet.map(str::to_string);
        doc.url = header.url.map(str::to_string);
    }
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

/// What the title part of a text header holds: see [`read_text`].
#[derive(Debug, Default, PartialEq, Eq)]
struct Header<'a> {
    title: Option<&'a str>,
    outlet: Option<&'a str>,
    url: Option<&'a str>,
}

/// Split ` | outlet: NAME` and ` | url: URL` fields off the end of a header's title
/// (the bar between spaces); when a key is given twice, the later one counts.
fn header_fields(title: &str) -> Header<'_> {
    let mut h = Header::default();
    let mut rest = title.trim();
    // A separator is a `|` with space after it and space or nothing before: a URL may
    // hold a bare `|`.
    let separator = |s: &str| {
        s.rmatch_indices('|').map(|(i, _)| i).find(|&i| {
            (i == 0 || s[..i].ends_with(char::is_whitespace))
                && s[i + 1..].starts_with(char::is_whitespace)
        })
    };
    while let Some(bar) = separator(rest) {
        let part = rest[bar + 1..].trim();
        let Some((key, value)) = part.split_once(':') else {
            break;
        };
        let slot = match key.trim().to_ascii_lowercase().as_str() {
            "outlet" => &mut h.outlet,
            "url" => &mut h.url,
            _ => break,
        };
        let value = value.trim();
        if slot.is_none() && !value.is_empty() {
            *slot = Some(value);
        }
        rest = rest[..bar].trim_end();
    }
    h.title = Some(rest).filter(|t| !t.is_empty());
    h
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

/// Read a JSON array of article objects one element at a time, each one reported on
/// its own as a JSON line would be (one bad element does not stop the rest), named by
/// the line it starts on. A break in the array's own syntax ends the file there, with
/// an error naming the line.
pub(crate) fn read_json_array(label: &str, reader: impl BufRead, each: &mut dyn FnMut(Item)) {
    let lines = Rc::new(Cell::new(1));
    let counted = LineCounter {
        inner: reader,
        lines: Rc::clone(&lines),
    };
    // Unbuffered on purpose: serde_json asks for one byte at a time (the reader under
    // the counter is buffered), so the counter sees exactly what has been parsed.
    let mut de = serde_json::Deserializer::from_reader(counted);
    let elements = Elements {
        label,
        lines: &lines,
        each,
    };
    let end = de::Deserializer::deserialize_seq(&mut de, elements).and_then(|()| de.end());
    if let Err(e) = end {
        let line = e.line();
        each(Err(InputError {
            file: label.to_string(),
            line: Some(line),
            message: if e.is_io() {
                e.to_string()
            } else {
                format!("malformed JSON array: {e}; the rest of the file is not read")
            },
        }));
    }
}

/// A reader that counts the newlines read through it, so that an array element can be
/// named by its line: after an object, the count is the line of its closing brace.
struct LineCounter<R> {
    inner: R,
    lines: Rc<Cell<usize>>,
}

impl<R: Read> Read for LineCounter<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.lines
            .set(self.lines.get() + memchr::memchr_iter(b'\n', &buf[..n]).count());
        Ok(n)
    }
}

/// The visitor of a JSON array's elements.
struct Elements<'a, 'f> {
    label: &'a str,
    lines: &'a Cell<usize>,
    each: &'f mut dyn FnMut(Item),
}

impl<'de> Visitor<'de> for Elements<'_, '_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an array of article objects")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while let Some(raw) = seq.next_element_seed(RawElement)? {
            let raw = raw.get();
            // Back from its last line by its own newlines: the line it starts on.
            let line = self
                .lines
                .get()
                .saturating_sub(memchr::memchr_iter(b'\n', raw.as_bytes()).count());
            (self.each)(parse_json_line(self.label, line.max(1), raw.as_bytes()));
        }
        Ok(())
    }
}

/// One array element, kept as its JSON text so that a bad one is reported alone.
struct RawElement;

impl<'de> DeserializeSeed<'de> for RawElement {
    type Value = Box<RawValue>;

    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<Box<RawValue>, D::Error> {
        Deserialize::deserialize(d)
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
    fn header_fields_come_off_the_title() {
        let h = header_fields("Council votes | outlet: The Gazette | URL: https://e.org/a?b|c");
        assert_eq!(
            h,
            Header {
                title: Some("Council votes"),
                outlet: Some("The Gazette"),
                url: Some("https://e.org/a?b|c"),
            }
        );
        // A title's own bar, and a part that is no field, stay in the title.
        let h = header_fields("Left | Right | outlet: Ledger");
        assert_eq!(h.title, Some("Left | Right"));
        assert_eq!(h.outlet, Some("Ledger"));
        let h = header_fields("Q&A | Time: 10am");
        assert_eq!(h.title, Some("Q&A | Time: 10am"));
        assert_eq!(h.outlet, None);
        // Fields only; the later of two counts.
        let h = header_fields("| outlet: A | outlet: B");
        assert_eq!((h.title, h.outlet), (None, Some("B")));
    }

    #[test]
    fn text_header_carries_outlet_and_url() {
        let raw = " date 2025-03-03 Votes | outlet: Gazette | url: https://e.org/1\nText.\n";
        let d = read_text("a.txt", Path::new("a.txt"), raw.as_bytes())
            .unwrap()
            .unwrap()
            .doc;
        assert_eq!(d.title.as_deref(), Some("Votes"));
        assert_eq!(d.source.as_deref(), Some("Gazette"));
        assert_eq!(d.url.as_deref(), Some("https://e.org/1"));
        assert_eq!(d.text, "Text.\n");
    }

    fn array(json: &str) -> Vec<Result<(String, String), String>> {
        let mut out = Vec::new();
        read_json_array("a.json", json.as_bytes(), &mut |item| {
            out.push(
                item.map(|i| (i.doc.id, i.origin.unwrap()))
                    .map_err(|e| e.to_string()),
            );
        });
        out
    }

    #[test]
    fn json_array_elements_are_read_one_by_one() {
        let json = "[\n  {\"id\": \"a\", \"text\": \"One.\"},\n  {\"id\": [1], \"text\": \"x\"},\n  {\n    \"text\": \"Three.\"\n  }\n]\n";
        assert_eq!(
            array(json),
            vec![
                Ok(("a".to_string(), "a.json:2".to_string())),
                Err("a.json:3: \"id\" must be a string or number, not an array".to_string()),
                Ok(("a.json:4".to_string(), "a.json:4".to_string())),
            ]
        );
        assert!(array("[]").is_empty());
        let broken = array("[{\"text\": \"a\"},\n{\"text\": ");
        assert_eq!(broken.len(), 2);
        assert!(
            broken[1]
                .as_ref()
                .unwrap_err()
                .starts_with("a.json:2: malformed JSON array"),
            "{broken:?}"
        );
    }

    #[test]
    fn array_detection_needs_an_object_after_the_bracket() {
        assert!(looks_like_array(b" [ {"));
        assert!(looks_like_array(b"[]"));
        assert!(!looks_like_array(b"[Updated] The mayor"));
        let mut r = &b"  [\n {\"a\""[..];
        let (head, first) = start(&mut r, true).unwrap();
        assert_eq!((head.as_slice(), first), (&b"  [\n {"[..], Some(b'[')));
    }

    #[test]
    fn formats_are_told_by_the_name_before_gz() {
        assert_eq!(
            inner_extension(Path::new("a.JSONL.gz")).as_deref(),
            Some("jsonl")
        );
        assert_eq!(inner_extension(Path::new("a.txt")).as_deref(), Some("txt"));
        assert_eq!(inner_extension(Path::new("a.gz")), None);
        assert!(is_article(Path::new("d/a.md.gz")));
        assert!(!is_article(Path::new("d/a.csv")));
        assert!(!is_article(Path::new("d/a.csv.gz")));
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
