//! Writing results: tables and blocks for people, JSON lines and CSV for programs, and
//! the notes on standard error that say what a limit left out or that nothing matched.
//!
//! Tables are laid out by `comfy-table` and blocks wrapped by `textwrap`, both measuring
//! in terminal columns (`unicode-width`: a CJK character or an emoji takes two). On a
//! terminal they fit its width by wrapping the quotation, never by cutting it; written
//! to a file or a pipe, a row is one line, whole (unless `COLUMNS` asks for a width).
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

/// Output formats shared by the query commands.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// A table fitted to the terminal (or blocks, with `--layout blocks`).
    #[default]
    Table,
    /// One JSON array.
    Json,
    /// One JSON object per line.
    Jsonl,
    /// Comma-separated values with a header row (also when nothing matched).
    Csv,
}

/// How `--format table` lays out quotations.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
pub enum Layout {
    /// One row per quotation, the quotation wrapped in the last column.
    #[default]
    Table,
    /// One block per quotation: who, when, where and what kind on one line, then the
    /// whole quotation wrapped below it.
    Blocks,
}

/// `--color`: when to colour output.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
pub enum ColorWhen {
    /// When standard output is a terminal and `NO_COLOR` is not set.
    #[default]
    Auto,
    /// Always, even into a pipe (for `less -R`).
    Always,
    /// Never.
    Never,
}

/// Apply `--color` for the whole run; [`colour`] then answers for standard output.
pub fn set_colour(when: ColorWhen) {
    let choice = match when {
        ColorWhen::Auto => anstream::ColorChoice::Auto,
        ColorWhen::Always => anstream::ColorChoice::Always,
        ColorWhen::Never => anstream::ColorChoice::Never,
    };
    choice.write_global();
}

/// True when output to standard output should be coloured: `--color always`, or
/// `auto` on a terminal without `NO_COLOR` (anstream's rules, which also honour
/// `CLICOLOR_FORCE`).
pub fn colour() -> bool {
    anstream::AutoStream::choice(&io::stdout()) != anstream::ColorChoice::Never
}

/// The width to fit tables into: the terminal's when standard output is one, else
/// `COLUMNS` when set, else unbounded (`usize::MAX`): text written to a file or a pipe
/// is never cut or wrapped, one row a line.
pub fn terminal_width() -> usize {
    if io::stdout().is_terminal()
        && let Some((terminal_size::Width(w), _)) = terminal_size::terminal_size()
    {
        return w as usize;
    }
    std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.parse().ok())
        .filter(|&w| w > 0)
        .unwrap_or(usize::MAX)
}

/// `1,330`: a count as people read it.
pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Say on standard error that a limit cut the list: "showing 50 of 1,330 (use
/// --limit 0 for all)". Nothing when everything was shown.
pub fn note_cut(shown: usize, total: usize) {
    if shown < total {
        eprintln!(
            "showing {} of {} (use --limit 0 for all)",
            thousands(shown),
            thousands(total)
        );
    }
}

/// Say on standard error that nothing matched; the command then exits 1, as grep does.
pub fn note_nothing(what: &str) {
    eprintln!("whosaid: no {what} matched");
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

/// A table of rows of strings, laid out by `comfy-table` (widths in terminal columns,
/// by `unicode-width`). Fitted to a width, the columns that do not fit wrap, the last
/// (the quotation) first; unbounded, every row is one line and nothing is cut.
pub struct Table {
    header: Vec<&'static str>,
    rows: Vec<Vec<String>>,
}

/// Columns whose every cell is at most this wide are never wrapped (ids, dates, kinds).
const SHORT_COLUMN: u16 = 12;
/// The least width of a wider column that is not the last (names, outlets).
const NAME_COLUMN: u16 = 12;

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

    /// Print the table to `out`, fitting `width` columns of text (`usize::MAX`: one
    /// line a row, as [`terminal_width`] gives for a file or a pipe).
    pub fn print(&self, out: &mut dyn Write, width: usize) -> io::Result<()> {
        use comfy_table::{ColumnConstraint, ContentArrangement, Width};
        let mut t = comfy_table::Table::new();
        t.load_preset(comfy_table::presets::NOTHING);
        t.set_header(self.header.iter().copied());
        for row in &self.rows {
            t.add_row(row.iter().map(|c| printable_line(c)));
        }
        if width == usize::MAX {
            t.set_content_arrangement(ContentArrangement::Disabled);
        } else {
            t.set_content_arrangement(ContentArrangement::Dynamic);
            t.set_width(u16::try_from(width).unwrap_or(u16::MAX));
        }
        let widths = t.column_max_content_widths();
        let last = self.header.len().saturating_sub(1);
        let bounded = width != usize::MAX;
        let (name_min, quote_min) = least_widths(&widths, width);
        for (i, col) in t.column_iter_mut().enumerate() {
            // Two spaces between columns, none at the ends.
            col.set_padding((0, if i == last { 0 } else { 2 }));
            let w = widths.get(i).copied().unwrap_or(0);
            if !bounded {
                continue;
            }
            col.set_constraint(if i == last {
                ColumnConstraint::LowerBoundary(Width::Fixed(quote_min))
            } else if w <= SHORT_COLUMN {
                ColumnConstraint::ContentWidth
            } else {
                // Names wrap, but are never squeezed to a letter a line.
                ColumnConstraint::Boundaries {
                    lower: Width::Fixed(name_min.min(w)),
                    upper: Width::Fixed(NAME_COLUMN * 2),
                }
            });
        }
        for line in t.lines() {
            writeln!(out, "{}", line.trim_end())?;
        }
        Ok(())
    }
}

/// The least widths of the name columns and of the last column (the quotation) in a
/// table `width` wide whose columns' contents are `widths` wide. Names keep
/// [`NAME_COLUMN`] columns while the quotation still gets 20 (or 40% of a narrower
/// line), then 8, then 4; the quotation gets what is left, up to 40% of the line (it
/// takes more when the other columns need less).
fn least_widths(widths: &[u16], width: usize) -> (u16, u16) {
    let width = u16::try_from(width).unwrap_or(u16::MAX);
    let others = &widths[..widths.len().saturating_sub(1)];
    let short: u16 = others
        .iter()
        .filter(|&&w| w <= SHORT_COLUMN)
        .map(|w| w + 2)
        .sum();
    let names = |least: u16| -> u16 {
        others
            .iter()
            .filter(|&&w| w > SHORT_COLUMN)
            .map(|&w| w.min(least) + 2)
            .sum()
    };
    let quote_share = width / 10 * 4;
    for least in [NAME_COLUMN, 8, 4] {
        let left = width.saturating_sub(short + names(least));
        if left >= quote_share.min(20) || least == 4 {
            return (least, left.clamp(1, quote_share.max(1)));
        }
    }
    (NAME_COLUMN, quote_share)
}

/// Write `text` on one line, made [`printable_line`], wrapped to `width` columns when
/// that is bounded (a heading above a table).
pub fn print_wrapped(out: &mut dyn Write, text: &str, width: usize) -> io::Result<()> {
    let text = printable_line(text);
    if width == usize::MAX {
        return writeln!(out, "{text}");
    }
    for line in textwrap::wrap(&text, width.max(20)) {
        writeln!(out, "{}", line.trim_end())?;
    }
    Ok(())
}

/// One quotation as a block: a heading (speaker, date, outlet, kind…) and the whole
/// text below it.
pub struct Block {
    /// The heading's parts, joined by ` · `.
    pub head: Vec<String>,
    /// The quotation, wrapped to the width and indented.
    pub text: String,
}

/// Print `blocks` separated by blank lines, each text wrapped to `width` columns
/// (`textwrap`, measured by `unicode-width`; unbounded: one line, never cut). The
/// heading is bold when `bold`.
pub fn print_blocks(
    out: &mut dyn Write,
    blocks: &[Block],
    width: usize,
    bold: bool,
) -> io::Result<()> {
    const INDENT: &str = "    ";
    for (i, b) in blocks.iter().enumerate() {
        if i > 0 {
            writeln!(out)?;
        }
        let head: Vec<String> = b.head.iter().map(|h| printable_line(h)).collect();
        let head = head.join(" · ");
        if bold {
            writeln!(out, "\x1b[1m{head}\x1b[0m")?;
        } else {
            writeln!(out, "{head}")?;
        }
        let text = printable_line(&b.text);
        if width == usize::MAX {
            writeln!(out, "{INDENT}{text}")?;
        } else {
            let opts = textwrap::Options::new(width.max(INDENT.len() + 20))
                .initial_indent(INDENT)
                .subsequent_indent(INDENT);
            for line in textwrap::wrap(&text, opts) {
                writeln!(out, "{}", line.trim_end())?;
            }
        }
    }
    Ok(())
}

/// Write `rows` in a machine format (json, jsonl or csv). Returns false for `Table`,
/// which the caller prints itself. CSV has its header row even when there are no rows
/// (taken from `T::default()`, so a script reading it sees the columns).
pub fn write_records<T: Serialize + Default>(
    out: &mut dyn Write,
    format: Format,
    rows: &[T],
) -> anyhow::Result<bool> {
    if rows.is_empty() && format == Format::Csv {
        return write_csv(out, std::slice::from_ref(&T::default()), 1);
    }
    write_rows(out, format, rows)
}

/// [`write_records`] for rows with no stand-in: with no rows, CSV writes nothing (the
/// caller writes its header).
pub fn write_rows<T: Serialize>(
    out: &mut dyn Write,
    format: Format,
    rows: &[T],
) -> anyhow::Result<bool> {
    if format != Format::Csv {
        return write_json(out, format, rows);
    }
    write_csv(out, rows, usize::MAX)
}

/// `rows` as CSV, the first `keep` records (the header counts as one).
fn write_csv<T: Serialize>(out: &mut dyn Write, rows: &[T], keep: usize) -> anyhow::Result<bool> {
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
    for record in cells.records().take(keep) {
        let record = record?;
        w.write_record(
            record
                .iter()
                .map(|cell| spreadsheet_safe(cell).into_owned()),
        )?;
    }
    w.flush()?;
    Ok(true)
}

/// Write `rows` as JSON (one array) or JSON lines. Returns false for `Table` and
/// `Csv`, which the caller writes itself.
pub fn write_json<T: Serialize>(
    out: &mut dyn Write,
    format: Format,
    rows: &[T],
) -> anyhow::Result<bool> {
    match format {
        Format::Table | Format::Csv => return Ok(false),
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
    }

    #[test]
    fn counts_have_thousands_separators() {
        for (n, s) in [
            (0, "0"),
            (999, "999"),
            (1000, "1,000"),
            (1330, "1,330"),
            (1234567, "1,234,567"),
        ] {
            assert_eq!(thousands(n), s);
        }
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
