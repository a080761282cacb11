//! The progress display of `ingest` (indicatif, on standard error, only on a terminal).
//!
//! When every input is a regular file their sizes are known: the display is a bar with
//! a percentage, bytes read of the total and an ETA. Otherwise (standard input, a
//! folder) it is a spinner with the elapsed time. Either way it counts documents and
//! quotations, and shows no rates: a per-second figure jumps too much to read.
//!
//! Documents do not say at which byte of their file they ended, so inside a file the
//! position advances by each document's text length (below the file's size: JSON adds
//! its quoting and fields) and jumps to the file's end when the next file starts.

use std::io::IsTerminal;
use std::path::Path;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// A file being read and its size.
struct File {
    label: String,
    size: u64,
}

/// The progress display and where the reading is.
pub struct Progress {
    bar: ProgressBar,
    files: Vec<File>,
    /// The file being read (an index into `files`).
    at: usize,
    /// Bytes of the files before it.
    base: u64,
    /// Bytes counted inside it.
    within: u64,
    documents: u64,
}

impl Progress {
    /// A display for reading `paths` (hidden when standard error is not a terminal).
    pub fn new(paths: &[impl AsRef<Path>]) -> Progress {
        let files = sizes(paths);
        let bar = if let Some(files) = &files {
            let b = ProgressBar::new(files.iter().map(|f| f.size).sum());
            b.set_style(
                ProgressStyle::with_template(
                    "{spinner} [{bar:30}] {percent:>3}%  {binary_bytes}/{binary_total_bytes}  \
                     ETA {eta}  {msg}",
                )
                .map(|s| s.progress_chars("=> "))
                .unwrap_or_else(|_| ProgressStyle::default_bar()),
            );
            b
        } else {
            let b = ProgressBar::new_spinner();
            b.set_style(
                ProgressStyle::with_template("{spinner} {elapsed}  {msg}")
                    .unwrap_or_else(|_| ProgressStyle::default_spinner()),
            );
            b
        };
        if !std::io::stderr().is_terminal() {
            bar.set_draw_target(ProgressDrawTarget::hidden());
        }
        Progress {
            bar,
            files: files.unwrap_or_default(),
            at: 0,
            base: 0,
            within: 0,
            documents: 0,
        }
    }

    /// The underlying bar, for printing above it (`suspend`) and for messages.
    pub fn bar(&self) -> &ProgressBar {
        &self.bar
    }

    /// One more document read from `origin` (`path` or `path:LINE`), `bytes` long,
    /// with `quotes` quotations stored so far in all.
    pub fn document(&mut self, origin: Option<&str>, bytes: usize, quotes: usize) {
        self.documents += 1;
        if let Some(origin) = origin
            && let Some(k) = self.files[self.at.min(self.files.len())..]
                .iter()
                .position(|f| {
                    // `path` or `path:LINE`; never a longer name that starts the same.
                    origin
                        .strip_prefix(&f.label)
                        .is_some_and(|rest| rest.is_empty() || rest.starts_with(':'))
                })
        {
            // Files are read in order: the ones skipped over are done.
            for f in &self.files[self.at..self.at + k] {
                self.base += f.size;
            }
            if k > 0 {
                self.within = 0;
            }
            self.at += k;
            let size = self.files[self.at].size;
            self.within = (self.within + bytes as u64).min(size);
            self.bar.set_position(self.base + self.within);
        } else if self.files.is_empty() {
            self.bar.tick();
        }
        if self.documents % 64 == 1 {
            self.bar.set_message(format!(
                "{} documents, {} quotes",
                crate::output::thousands(self.documents as usize),
                crate::output::thousands(quotes)
            ));
        }
    }

    /// All input read: the bar at its end, with `message` for what comes next.
    pub fn read_all(&self, message: &str) {
        if let Some(len) = self.bar.length() {
            self.bar.set_position(len);
        }
        self.bar.set_message(message.to_string());
    }
}

/// The sizes of `paths` when every one is a regular file; `None` when one is standard
/// input, a folder or unreadable (the total is not known).
fn sizes(paths: &[impl AsRef<Path>]) -> Option<Vec<File>> {
    if paths.is_empty() {
        return None;
    }
    paths
        .iter()
        .map(|p| {
            let p = p.as_ref();
            let meta = std::fs::metadata(p).ok().filter(|m| m.is_file())?;
            Some(File {
                label: p.display().to_string(),
                size: meta.len(),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn position_follows_the_files_in_order() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("a.jsonl");
        let b = dir.path().join("b.txt");
        std::fs::write(&a, vec![b'x'; 100]).unwrap();
        std::fs::write(&b, vec![b'y'; 50]).unwrap();
        let mut p = Progress::new(&[&a, &b]);
        assert_eq!(p.bar.length(), Some(150));
        let a_line = format!("{}:1", a.display());
        p.document(Some(&a_line), 30, 1);
        assert_eq!(p.bar.position(), 30);
        // Never past the file's own size.
        p.document(Some(&a_line), 300, 2);
        assert_eq!(p.bar.position(), 100);
        p.document(Some(&b.display().to_string()), 10, 3);
        assert_eq!(p.bar.position(), 110);
        p.read_all("done");
        assert_eq!(p.bar.position(), 150);
        // Standard input or a folder: no total.
        assert_eq!(Progress::new(&[dir.path()]).bar.length(), None);
        let none: [&Path; 0] = [];
        assert_eq!(Progress::new(&none).bar.length(), None);
    }
}
