//! What a researcher cites with a quotation besides its row: the article's URL or path,
//! and the sentence (or paragraph) around the quotation, looked up in the stored article.
//!
//! Exports of `quotes`, `timeline` and `check` carry these fields under the same names.
//! Articles are read once each while the rows of one article follow each other (the
//! usual order); a bounded cache keeps memory flat on a large export in another order.

use std::collections::HashMap;

use clap::ValueEnum;
use segment::Span;
use store::Store;

/// `--context`: how much of the article around each quotation an export carries.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
pub enum Context {
    /// The sentence (or sentences) the quotation is in.
    #[default]
    Sentence,
    /// The paragraph (or paragraphs) the quotation is in.
    Paragraph,
    /// No context (faster: the articles are not read).
    None,
}

/// A citation: where the quotation was published and what surrounds it.
#[derive(Clone, Debug, Default)]
pub struct Cite {
    /// The article's URL, when the input gave one.
    pub url: Option<String>,
    /// The file it was read from, when known.
    pub path: Option<String>,
    /// The sentence or paragraph around the quotation.
    pub context: Option<String>,
}

/// An article as the citer keeps it: where it came from, its text and its units
/// (sentences or paragraphs), in order.
struct Article {
    url: Option<String>,
    path: Option<String>,
    text: String,
    units: Vec<Span>,
}

/// Articles kept at most; past it the cache starts again.
const CACHED_ARTICLES: usize = 256;

/// Looks citations up in the store, article by article.
pub struct Citer<'a> {
    db: &'a Store,
    context: Context,
    articles: HashMap<i64, Option<Article>>,
}

impl<'a> Citer<'a> {
    /// A citer reading `db`, giving `context` around each quotation.
    pub fn new(db: &'a Store, context: Context) -> Citer<'a> {
        Citer {
            db,
            context,
            articles: HashMap::new(),
        }
    }

    /// One record per row, made from the row and the citation of its quotation (the
    /// document id and byte offsets `at` gives).
    pub fn records<'r, R, T>(
        &mut self,
        rows: &'r [R],
        at: impl Fn(&R) -> (i64, i64, i64),
        make: impl Fn(&'r R, Cite) -> T,
    ) -> anyhow::Result<Vec<T>> {
        let mut out = Vec::with_capacity(rows.len());
        for r in rows {
            let (doc_id, start, end) = at(r);
            out.push(make(r, self.cite(doc_id, start, end)?));
        }
        Ok(out)
    }

    /// The citation of the quotation at bytes `start..end` of document `doc_id`. A
    /// document no longer stored, or offsets that do not fit its text, give what is
    /// known and no context.
    pub fn cite(&mut self, doc_id: i64, start: i64, end: i64) -> anyhow::Result<Cite> {
        if !self.articles.contains_key(&doc_id) {
            if self.articles.len() >= CACHED_ARTICLES {
                self.articles.clear();
            }
            let article = self.db.document_by_id(doc_id)?.map(|d| {
                let units = match self.context {
                    Context::Sentence => segment::sentences(&d.text),
                    Context::Paragraph => segment::paragraphs(&d.text),
                    Context::None => Vec::new(),
                };
                Article {
                    url: d.url,
                    path: d.path,
                    text: d.text,
                    units,
                }
            });
            self.articles.insert(doc_id, article);
        }
        let Some(Some(a)) = self.articles.get(&doc_id) else {
            return Ok(Cite::default());
        };
        Ok(Cite {
            url: a.url.clone(),
            path: a.path.clone(),
            context: around(&a.text, &a.units, start, end),
        })
    }
}

/// The text of the units that `start..end` touches, from the first to the last; the
/// quotation itself when no unit does (see [`crate::report::context::in_context`],
/// which the report uses to highlight the words in the same text).
fn around(text: &str, units: &[Span], start: i64, end: i64) -> Option<String> {
    let (start, end) = (usize::try_from(start).ok()?, usize::try_from(end).ok()?);
    if units.is_empty() {
        return None;
    }
    let c = crate::report::context::in_context(text, units, start, end)?;
    Some([c.before, c.quoted, c.after].concat())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn context_is_the_sentences_the_quote_touches() {
        let text = "One here. He said \"two, three.\" Four.";
        let units = segment::sentences(text);
        let q = text.find("two").unwrap();
        let got = around(text, &units, q as i64, (q + 11) as i64);
        assert_eq!(got.as_deref(), Some("He said \"two, three.\""));
        // Across two sentences, both; out of range or reversed, nothing.
        let all = around(text, &units, 0, text.len() as i64).unwrap();
        assert_eq!(all, text);
        assert_eq!(around(text, &units, 5, 999), None);
        assert_eq!(around(text, &units, 9, 3), None);
        assert_eq!(around(text, &[], 0, 3), None);
    }
}
