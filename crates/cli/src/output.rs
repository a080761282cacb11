//! Writing results: aligned tables for people, JSON lines and CSV for programs.
//!
//! Table cells are measured in terminal columns (`unicode-width`: a CJK character or an
//! emoji takes two) and cut between grapheme clusters (`unicode-segmentation`), so that
//! a cut never splits an accent from its letter or a flag in two. ASCII text is one
//! column per byte, as before.
//!
//! Article text is not trusted on a terminal: an escape sequence in a quotation could
//! recolour, retitle or clear the user's screen. Every human-readable output goes
//! through [`printable`] or [`printable_line`], which show a control character as its
//! Unicode "control picture" (`␛` for ESC, `␇` for BEL, `␡` for DEL) and a C1 control
//! (U+0080–U+009F) as `�`. JSON escapes control characters itself; CSV cells keep their
//! text, but a cell that a spreadsheet would run as a formula is neutralised
//! ([`spreadsheet_safe`]).

use std::borrow::Cow;
use std::io::{self, IsTerminal, Write};

use clap::ValueEnum;
use serde::Serialize;
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// Output formats shared by the query commands.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// An aligned table, truncated to the terminal width.
    #[default]
    Table,
    /// One JSON array.
    Json,
    /// One JSON object per line.
    Jsonl,
    /// Comma-separated values with a header row.
    Csv,
}

/// The width to fit tables into: the terminal's, `COLUMNS`, or 120 when piped.
pub fn terminal_width() -> usize {
    if let Some((terminal_size::Width(w), _)) = terminal_size::terminal_size() {
        return w as usize;
    }
    std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.parse().ok())
        .unwrap_or(120)
}

/// True when standard output is a terminal (so colour and progress bars are wanted).
pub fn stdout_is_terminal() -> bool {
    io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none()
}

/// The visible stand-in for a control character, `None` for any other character.
fn control_picture(c: char) -> Option<char> {
    match c {
        // U+2400 CONTROL PICTURE FOR NULL onwards, in the order of the C0 controls.
        '\0'..='\x1f' => char::from_u32(0x2400 + c as u32),
        '\x7f' => Some('\u{2421}'),
        '\u{80}'..='\u{9f}' => Some('\u{fffd}'),
        _ => None,
    }
}

/// `s` safe to print on a terminal, keeping its lines: newlines and tabs stay, a
/// carriage return before a newline is dropped (a Windows line end), and every other
/// control character is shown as a picture (see the module documentation).
pub fn printable(s: &str) -> Cow<'_, str> {
    let kept = |c: char| c == '\n' || c == '\t';
    if !s.chars().any(|c| !kept(c) && control_picture(c).is_some()) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 16);
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\r' && chars.peek() == Some(&'\n') {
            continue;
        }
        out.push(match control_picture(c) {
            Some(picture) if !kept(c) => picture,
            _ => c,
        });
    }
    Cow::Owned(out)
}

/// `s` on one line, safe to print on a terminal: every whitespace character (newlines,
/// tabs) becomes a space and every other control character a picture.
pub fn printable_line(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c.is_whitespace() {
                ' '
            } else {
                control_picture(c).unwrap_or(c)
            }
        })
        .collect()
}

/// The number of terminal columns `s` takes once made [`printable_line`].
fn columns(s: &str) -> usize {
    printable_line(s).width()
}

/// Cut `s` to at most `width` terminal columns, marking the cut with `…`; it is made
/// [`printable_line`] first. The cut falls between grapheme clusters.
pub fn truncate(s: &str, width: usize) -> String {
    let flat = printable_line(s);
    if flat.width() <= width {
        return flat;
    }
    let room = width.saturating_sub(1);
    let mut used = 0;
    let mut out = String::with_capacity(flat.len().min(4 * width));
    for g in flat.graphemes(true) {
        used += g.width();
        if used > room {
            break;
        }
        out.push_str(g);
    }
    out.push('…');
    out
}

/// A table of rows of strings, printed with aligned columns. The last column takes
/// whatever width is left and is truncated to fit.
pub struct Table {
    header: Vec<&'static str>,
    rows: Vec<Vec<String>>,
}

impl Table {
    /// A table with these column names.
    pub fn new(header: Vec<&'static str>) -> Table {
        Table {
            header,
            rows: Vec::new(),
        }
    }

    /// Add one row; it must have as many cells as the header.
    pub fn push(&mut self, row: Vec<String>) {
        self.rows.push(row);
    }

    /// Print the table to `out`, fitting `width` columns of text.
    pub fn print(&self, out: &mut dyn Write, width: usize) -> io::Result<()> {
        let n = self.header.len();
        let mut widths: Vec<usize> = self.header.iter().map(|h| columns(h)).collect();
        for row in &self.rows {
            for (i, cell) in row.iter().enumerate().take(n.saturating_sub(1)) {
                widths[i] = widths[i].max(columns(cell).min(40));
            }
        }
        let fixed: usize = widths.iter().take(n.saturating_sub(1)).map(|w| w + 2).sum();
        let last = width.saturating_sub(fixed).max(20);
        let line = |cells: &mut dyn Iterator<Item = &str>, out: &mut dyn Write| -> io::Result<()> {
            let mut s = String::new();
            for (i, cell) in cells.enumerate() {
                if i + 1 == n {
                    s.push_str(&truncate(cell, last));
                } else {
                    let c = truncate(cell, widths[i]);
                    s.push_str(&c);
                    // A wide character that did not fit leaves the cell a column short.
                    let pad = widths[i].saturating_sub(c.width()) + 2;
                    s.extend(std::iter::repeat_n(' ', pad));
                }
            }
            writeln!(out, "{}", s.trim_end())
        };
        line(&mut self.header.iter().copied(), out)?;
        for row in &self.rows {
            line(&mut row.iter().map(String::as_str), out)?;
        }
        Ok(())
    }
}

/// Write `rows` in a machine format (json, jsonl or csv). Returns false for `Table`,
/// which the caller prints itself.
pub fn write_records<T: Serialize>(
    out: &mut dyn Write,
    format: Format,
    rows: &[T],
) -> anyhow::Result<bool> {
    match format {
        Format::Table => return Ok(false),
        Format::Json => {
            serde_json::to_writer_pretty(&mut *out, rows)?;
            writeln!(out)?;
        }
        Format::Jsonl => {
            for r in rows {
                serde_json::to_writer(&mut *out, r)?;
                writeln!(out)?;
            }
        }
        Format::Csv => {
            // Serialised first as they are, then read back cell by cell to neutralise
            // formulas: the csv crate has no hook between the two.
            let mut raw = csv::Writer::from_writer(Vec::new());
            for r in rows {
                raw.serialize(r)?;
            }
            let raw = raw.into_inner().map_err(|e| e.into_error())?;
            let mut cells = csv::ReaderBuilder::new()
                .has_headers(false)
                .from_reader(raw.as_slice());
            let mut w = csv::Writer::from_writer(out);
            for record in cells.records() {
                let record = record?;
                w.write_record(
                    record
                        .iter()
                        .map(|cell| spreadsheet_safe(cell).into_owned()),
                )?;
            }
            w.flush()?;
        }
    }
    Ok(true)
}

/// A CSV cell that a spreadsheet will not run as a formula: one starting with `=`, `+`,
/// `-`, `@`, a tab or a carriage return gets a leading `'` (OWASP's advice for CSV
/// injection), unless it is a plain number such as `-3`.
pub fn spreadsheet_safe(cell: &str) -> Cow<'_, str> {
    let risky = cell.starts_with(['=', '+', '-', '@', '\t', '\r']);
    let number = cell.parse::<f64>().is_ok()
        && cell
            .bytes()
            .all(|b| b.is_ascii_digit() || b"+-.eE".contains(&b));
    if risky && !number {
        Cow::Owned(format!("'{cell}"))
    } else {
        Cow::Borrowed(cell)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_shown_not_run() {
        assert_eq!(printable("a\x1b[31mb\r\nc\td"), "a␛[31mb\nc\td");
        assert_eq!(printable("x\ry\x07\x7f\u{9b}"), "x␍y␇␡\u{fffd}");
        assert!(matches!(printable("plain\ntext"), Cow::Borrowed(_)));
        assert_eq!(printable_line("a\x1b]0;t\x07\nb\tc"), "a␛]0;t␇ b c");
        assert_eq!(truncate("\x1b[2J", 10), "␛[2J");
    }

    #[test]
    fn formulas_are_neutralised() {
        for (cell, safe) in [
            ("=1+2", "'=1+2"),
            ("+1 555", "'+1 555"),
            ("-cmd", "'-cmd"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\tx", "'\tx"),
            ("-3", "-3"),
            ("-2.5e3", "-2.5e3"),
            ("-inf", "'-inf"),
            ("plain", "plain"),
            ("", ""),
        ] {
            assert_eq!(spreadsheet_safe(cell), safe, "{cell:?}");
        }
    }

    #[test]
    fn truncate_marks_the_cut() {
        assert_eq!(truncate("abcdef", 4), "abc…");
        assert_eq!(truncate("a\nb", 10), "a b");
    }

    #[test]
    fn ascii_is_one_column_per_byte() {
        let ascii: String = (0x20u8..0x7f).map(char::from).collect();
        assert_eq!(columns(&ascii), ascii.len());
        assert_eq!(truncate(&ascii, 10), format!("{}…", &ascii[..9]));
    }

    #[test]
    fn wide_and_combined_text_is_measured_in_columns() {
        // Each ideograph takes two columns: three of them and the mark fill seven.
        assert_eq!(truncate("習近平主席", 7), "習近平…");
        assert_eq!(truncate("習近平主席", 6), "習近…");
        // "é" written as e + combining accent is one cluster and one column.
        assert_eq!(truncate("Cafe\u{301} noir", 5), "Cafe\u{301}…");
        assert_eq!(columns("Cafe\u{301}"), 4);
    }

    #[test]
    fn wide_cells_align() {
        let mut t = Table::new(vec!["who", "quote"]);
        t.push(vec!["習近平".into(), "a".into()]);
        t.push(vec!["Li".into(), "b".into()]);
        let mut out = Vec::new();
        t.print(&mut out, 80).unwrap();
        let s = String::from_utf8(out).unwrap();
        assert_eq!(s, "who     quote\n習近平  a\nLi      b\n");
    }

    #[test]
    fn table_aligns_columns() {
        let mut t = Table::new(vec!["speaker", "quote"]);
        t.push(vec!["Fidan".into(), "We have to seize".into()]);
        let mut out = Vec::new();
        t.print(&mut out, 80).unwrap();
        let s = String::from_utf8(out).unwrap();
        assert_eq!(s, "speaker  quote\nFidan    We have to seize\n");
    }
}
