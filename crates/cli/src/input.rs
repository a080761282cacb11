//! Reading documents from files, directories and standard input.
//!
//! Every input problem becomes an [`InputError`] that names the file (and line or byte
//! offset), so one bad file never stops a batch.

use std::fmt;
use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use attrib::Document;
use clap::ValueEnum;
use serde::Deserialize;

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
#[error("{file}{}: {message}", Line(*.line))]
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

/// Expand the command-line paths: directories are walked (sorted, so output is
/// deterministic) for `.txt`, `.md` and `.jsonl` files; `-` is standard input; no paths
/// means standard input.
pub fn expand(paths: &[PathBuf]) -> Vec<Result<PathBuf, InputError>> {
    let mut out = Vec::new();
    if paths.is_empty() {
        out.push(Ok(PathBuf::from("-")));
    }
    for p in paths {
        if p.as_os_str() == "-" || !p.is_dir() {
            out.push(Ok(p.clone()));
        } else {
            walk(p, &mut out);
        }
    }
    out
}

fn walk(dir: &Path, out: &mut Vec<Result<PathBuf, InputError>>) {
    let entries = match std::fs::read_dir(dir) {
        Ok(rd) => rd,
        Err(e) => {
            out.push(Err(io_error(dir, &e)));
            return;
        }
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for p in paths {
        if p.is_dir() {
            walk(&p, out);
        } else if matches!(
            p.extension().and_then(|e| e.to_str()),
            Some("txt" | "md" | "jsonl")
        ) {
            out.push(Ok(p));
        }
    }
}

fn io_error(path: &Path, e: &io::Error) -> InputError {
    InputError {
        file: path.display().to_string(),
        line: None,
        message: e.to_string(),
    }
}

/// Read every document from `paths` in order, calling `each` for every document or error.
/// Reading is streaming: a JSON-lines file is never held whole in memory.
pub fn read_all(paths: &[PathBuf], format: InputFormat, mut each: impl FnMut(Item)) {
    for p in expand(paths) {
        match p {
            Ok(p) => read_path(&p, format, &mut each),
            Err(e) => each(Err(e)),
        }
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
    let jsonl = match format {
        InputFormat::Jsonl => true,
        InputFormat::Text => false,
        InputFormat::Auto if is_stdin => match reader.fill_buf() {
            Ok(buf) => buf.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'{'),
            Err(e) => return each(Err(io_error(path, &e))),
        },
        InputFormat::Auto => path.extension().and_then(|e| e.to_str()) == Some("jsonl"),
    };
    if jsonl {
        read_jsonl(&label, reader, each);
    } else {
        each(read_text(&label, path, reader));
    }
}

pub(crate) fn read_text(label: &str, path: &Path, mut reader: impl Read) -> Item {
    let mut bytes = Vec::new();
    if let Err(e) = reader.read_to_end(&mut bytes) {
        return Err(io_error(path, &e));
    }
    let err = |message: String| InputError {
        file: label.to_string(),
        line: None,
        message,
    };
    if let Some(at) = memchr_nul(&bytes) {
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
    let doc = Document::from_article(label, text).map_err(|e| err(e.to_string()))?;
    Ok(Input {
        doc,
        origin: (label != "-").then(|| label.to_string()),
    })
}

fn memchr_nul(bytes: &[u8]) -> Option<usize> {
    bytes.iter().position(|&b| b == 0)
}

/// The fields whosaid reads from a JSON line; everything else is ignored.
#[derive(Deserialize)]
struct JsonDoc {
    id: Option<serde_json::Value>,
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
    let id = match j.id {
        Some(serde_json::Value::String(s)) => s,
        Some(serde_json::Value::Number(n)) => n.to_string(),
        Some(serde_json::Value::Null) | None => format!("{label}:{line}"),
        Some(other) => {
            return Err(err(format!(
                "\"id\" must be a string or number, not {other}"
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
