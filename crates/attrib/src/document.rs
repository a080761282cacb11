//! A news article as whosaid reads it.

use serde::{Deserialize, Serialize};
use text::Date;

/// Why a document could not be built.
#[derive(Debug, thiserror::Error)]
pub enum DocumentError {
    /// The header line has `date` but not a valid `YYYY-MM-DD` date.
    #[error("invalid date in header line: {0}")]
    BadDate(#[from] text::DateError),
}

/// One article: its text and what is known about it.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Document {
    /// Identifier: a file name, a JSON `id`, or a content hash.
    pub id: String,
    /// The article body. All spans are byte offsets into this text.
    pub text: String,
    /// Publication date, when known.
    pub date: Option<Date>,
    /// Headline.
    pub title: Option<String>,
    /// Outlet or publisher.
    pub source: Option<String>,
    /// Where the article was found.
    pub url: Option<String>,
}

impl Document {
    /// A document with only an id and a text.
    pub fn new(id: impl Into<String>, text: impl Into<String>) -> Document {
        Document {
            id: id.into(),
            text: text.into(),
            ..Document::default()
        }
    }

    /// Build a document from a plain-text article, recognising an optional first line
    /// ` date YYYY-MM-DD Title`. The header is removed from the text, so offsets
    /// count from the line after it.
    pub fn from_article(id: impl Into<String>, raw: String) -> Result<Document, DocumentError> {
        let mut doc = Document::new(id, String::new());
        let first_end = raw.find('\n').unwrap_or(raw.len());
        let first = raw[..first_end].trim();
        if let Some(rest) = first.strip_prefix("date ") {
            let rest = rest.trim_start();
            let (date, title) = match rest.find(char::is_whitespace) {
                Some(i) => (&rest[..i], rest[i..].trim()),
                None => (rest, ""),
            };
            doc.date = Some(date.parse()?);
            if !title.is_empty() {
                doc.title = Some(title.to_string());
            }
            let mut raw = raw;
            raw.drain(..(first_end + 1).min(raw.len()));
            doc.text = raw;
        } else {
            doc.text = raw;
        }
        Ok(doc)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_is_parsed_and_removed() {
        let d = Document::from_article("a", " date 2025-05-16 Talks open\n\nISTANBUL\n".into())
            .unwrap();
        assert_eq!(d.date.map(|d| d.to_string()).as_deref(), Some("2025-05-16"));
        assert_eq!(d.title.as_deref(), Some("Talks open"));
        assert_eq!(d.text, "\nISTANBUL\n");
    }

    #[test]
    fn no_header_keeps_text() {
        let d = Document::from_article("a", "Plain text.".into()).unwrap();
        assert_eq!(d.date, None);
        assert_eq!(d.text, "Plain text.");
    }

    #[test]
    fn bad_date_is_an_error() {
        assert!(Document::from_article("a", " date 2025-13-01 X\n".into()).is_err());
        assert!(Document::from_article("a", " date 2025-02-30 X\n".into()).is_err());
    }
}
