//! Hand-made extractions for the tests and benches of the crates downstream (the
//! store, the cli's end-to-end tests), so that they do not depend on the extractor and
//! never write around `Store::ingest`. Behind the `test-util` feature.
//!
//! ```
//! use attrib::EntityKind;
//! use attrib::testutil::Article;
//!
//! let (doc, ex) = Article::new()
//!     .quote("Hakan Fidan", EntityKind::Person, Some("Foreign Minister"), "We will talk,")
//!     .build("a1");
//! assert_eq!(doc.text, "\"We will talk,\" said Hakan Fidan.");
//! assert_eq!(&doc.text[ex.quotes[0].span.start..ex.quotes[0].span.end], "We will talk,");
//! ```

use crate::{Document, Entity, EntityKind, Extraction, Quote, QuoteKind, Span};

/// A document under construction: filler text and quotations of the form
/// `"words" said Name.`, each with its speaker entity, mention, cue and sentence, so
/// that every span is right.
#[derive(Clone, Debug, Default)]
pub struct Article {
    text: String,
    ex: Extraction,
}

impl Article {
    /// An empty article.
    pub fn new() -> Article {
        Article::default()
    }

    /// Append `filler` as it is (text without quotations).
    pub fn text(mut self, filler: &str) -> Article {
        self.text.push_str(filler);
        self
    }

    /// Append `"words" said speaker.` as a direct quotation (separated from what comes
    /// before by a space). The speaker's entity is created on its first quotation,
    /// with `kind` and `role`; later quotations by the same name reuse it.
    pub fn quote(
        mut self,
        speaker: &str,
        kind: EntityKind,
        role: Option<&str>,
        words: &str,
    ) -> Article {
        if !self.text.is_empty() && !self.text.ends_with(char::is_whitespace) {
            self.text.push(' ');
        }
        let sentence_start = self.text.len();
        self.text.push('"');
        let span = Span::new(self.text.len(), self.text.len() + words.len());
        self.text.push_str(words);
        self.text.push_str("\" ");
        let cue = Span::new(self.text.len(), self.text.len() + "said".len());
        self.text.push_str("said ");
        let mention = Span::new(self.text.len(), self.text.len() + speaker.len());
        self.text.push_str(speaker);
        self.text.push('.');
        let entity = match self.ex.entities.iter().position(|e| e.canonical == speaker) {
            Some(i) => {
                self.ex.entities[i].mentions.push(mention);
                i
            }
            None => {
                self.ex.entities.push(Entity {
                    canonical: speaker.to_string(),
                    kind,
                    roles: role.map(String::from).into_iter().collect(),
                    mentions: vec![mention],
                });
                self.ex.entities.len() - 1
            }
        };
        self.ex.quotes.push(Quote {
            span,
            parts: Vec::new(),
            kind: QuoteKind::Direct,
            speaker: Some(entity),
            mention: Some(mention),
            cue: Some(cue),
            confidence: 0.9,
            sentence: self.ex.sentences.len(),
        });
        self.ex
            .sentences
            .push(Span::new(sentence_start, self.text.len()));
        self
    }

    /// The document (id `id`, no date or outlet: set them on the result) and its
    /// extraction.
    pub fn build(self, id: &str) -> (Document, Extraction) {
        (Document::new(id, self.text), self.ex)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_point_at_their_text() {
        let (doc, ex) = Article::new()
            .text("Intro.")
            .quote("A B", EntityKind::Person, Some("chair"), "one")
            .quote("C", EntityKind::Anonymous, None, "two")
            .quote("A B", EntityKind::Person, None, "three")
            .build("x");
        let at = |s: Span| &doc.text[s.start..s.end];
        let texts: Vec<&str> = ex.quotes.iter().map(|q| at(q.span)).collect();
        assert_eq!(texts, ["one", "two", "three"]);
        assert!(ex.quotes.iter().all(|q| at(q.cue.unwrap()) == "said"));
        assert_eq!(at(ex.quotes[2].mention.unwrap()), "A B");
        assert_eq!(ex.entities.len(), 2);
        assert_eq!(ex.entities[0].roles, ["chair"]);
        assert_eq!(ex.quotes[2].speaker, Some(0));
    }
}
