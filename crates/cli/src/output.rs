//! Writing results: aligned tables for people, JSON lines and CSV for programs.

use std::io::{self, IsTerminal, Write};

use clap::ValueEnum;
use serde::Serialize;

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

/// Cut `s` to at most `width` characters, marking the cut with `…`; newlines become spaces.
pub fn truncate(s: &str, width: usize) -> String {
    let flat: String = s
        .chars()
        .map(|c| if c.is_whitespace() { ' ' } else { c })
        .collect();
    if flat.chars().count() <= width {
        return flat;
    }
    let mut out: String = flat.chars().take(width.saturating_sub(1)).collect();
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
        let mut widths: Vec<usize> = self.header.iter().map(|h| h.chars().count()).collect();
        for row in &self.rows {
            for (i, cell) in row.iter().enumerate().take(n.saturating_sub(1)) {
                widths[i] = widths[i].max(cell.chars().count().min(40));
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
                    s.extend(std::iter::repeat_n(' ', widths[i] - c.chars().count() + 2));
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
            let mut w = csv::Writer::from_writer(out);
            for r in rows {
                w.serialize(r)?;
            }
            w.flush()?;
        }
    }
    Ok(true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn truncate_marks_the_cut() {
        assert_eq!(truncate("abcdef", 4), "abc…");
        assert_eq!(truncate("a\nb", 10), "a b");
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
