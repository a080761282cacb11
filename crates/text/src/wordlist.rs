//! The reader of whosaid's word lists: `data/*.txt` files compiled in with
//! `include_str!` and parsed on first use.
//!
//! A word list holds one entry per line; surrounding whitespace, blank lines and lines
//! starting with `#` are skipped. What an entry looks like (one word, a word and flags, a
//! class and a phrase) is up to each list's parser, which asks [`Line`] for its fields and
//! calls [`Line::malformed`] for a line it cannot read. The lists are part of the binary,
//! so a malformed line is a defect of the build: it stops the program with the file, line
//! number and text, and every crate's `data_files_are_well_formed` test loads its lists so
//! that such a line never reaches a release.

/// A word list compiled into the binary, with its file name for messages.
#[derive(Clone, Copy, Debug)]
pub struct DataFile {
    /// The file name, for messages ("cues.txt").
    pub name: &'static str,
    /// The file's contents.
    pub src: &'static str,
}

/// A word list of the calling crate's `data/` folder, compiled in:
/// `data_file!("cues.txt")`.
#[macro_export]
macro_rules! data_file {
    ($name:literal) => {
        $crate::DataFile::new(
            $name,
            include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/data/", $name)),
        )
    };
}

impl DataFile {
    /// A word list named `name` with the contents `src`.
    pub const fn new(name: &'static str, src: &'static str) -> DataFile {
        DataFile { name, src }
    }

    /// The entries, trimmed, with their line numbers; blank lines and comments skipped.
    pub fn lines(self) -> impl Iterator<Item = Line> {
        self.src.lines().enumerate().filter_map(move |(i, l)| {
            let text = l.trim();
            (!text.is_empty() && !text.starts_with('#')).then_some(Line {
                file: self.name,
                number: i + 1,
                text,
            })
        })
    }

    /// The entries' text alone, for lists of one entry per line.
    pub fn entries(self) -> impl Iterator<Item = &'static str> {
        self.lines().map(|l| l.text)
    }

    /// The entries of a list of single lower-case words (or phrases, when `phrases`):
    /// each entry is checked, and a line that breaks the rule stops with its place.
    pub fn lowercase_entries(self, phrases: bool) -> impl Iterator<Item = &'static str> {
        self.lines().map(move |l| {
            if !phrases && l.text.contains(char::is_whitespace) {
                l.malformed("expected one word");
            }
            if l.text.chars().any(char::is_uppercase) {
                l.malformed("expected lower case");
            }
            l.text
        })
    }
}

/// One entry of a word list.
#[derive(Clone, Copy, Debug)]
pub struct Line {
    /// The list's file name.
    pub file: &'static str,
    /// 1-based line number in the file.
    pub number: usize,
    /// The entry, trimmed.
    pub text: &'static str,
}

impl Line {
    /// Stop with this line's place and text: the list is part of the binary, so a line
    /// its parser cannot read is a build defect, caught by the data-file tests.
    #[track_caller]
    pub fn malformed(&self, why: &str) -> ! {
        panic!("{}:{}: {why}: {:?}", self.file, self.number, self.text)
    }

    /// The whitespace-separated fields of the entry.
    pub fn fields(&self) -> impl Iterator<Item = &'static str> {
        self.text.split_whitespace()
    }

    /// The first field and the rest of the entry (trimmed), for `key value...` lines.
    #[track_caller]
    pub fn key_value(&self) -> (&'static str, &'static str) {
        match self.text.split_once(char::is_whitespace) {
            Some((k, v)) if !v.trim().is_empty() => (k, v.trim()),
            _ => self.malformed("expected a key and a value"),
        }
    }

    /// Exactly `N` whitespace-separated fields.
    #[track_caller]
    pub fn columns<const N: usize>(&self) -> [&'static str; N] {
        let mut out = [""; N];
        let mut fields = self.fields();
        for o in &mut out {
            *o = fields
                .next()
                .unwrap_or_else(|| self.malformed("too few columns"));
        }
        if fields.next().is_some() {
            self.malformed("too many columns");
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const LIST: DataFile = DataFile::new("t.txt", "# a comment\n\n  said o \nTold\nx y z\n");

    #[test]
    fn skips_blanks_and_comments_and_keeps_line_numbers() {
        let got: Vec<(usize, &str)> = LIST.lines().map(|l| (l.number, l.text)).collect();
        assert_eq!(got, [(3, "said o"), (4, "Told"), (5, "x y z")]);
        assert_eq!(LIST.lines().next().unwrap().columns::<2>(), ["said", "o"]);
        assert_eq!(LIST.lines().nth(2).unwrap().key_value(), ("x", "y z"));
    }

    #[test]
    #[should_panic(expected = "t.txt:4: too few columns")]
    fn a_short_line_is_reported_with_its_place() {
        LIST.lines().nth(1).unwrap().columns::<2>();
    }

    #[test]
    #[should_panic(expected = "t.txt:3: expected one word")]
    fn a_phrase_in_a_word_list_is_reported() {
        LIST.lowercase_entries(false).for_each(drop);
    }

    #[test]
    #[should_panic(expected = "t.txt:4: expected lower case")]
    fn a_capital_in_a_lower_case_list_is_reported() {
        DataFile::new("t.txt", "# c\nsaid\n\nTold\n")
            .lowercase_entries(false)
            .for_each(drop);
    }
}
