//! Quotation extraction and speaker attribution.
//!
//! (skeleton: to be written)

mod coref;
mod document;
pub mod mentions;

pub use document::{Document, DocumentError, is_iso_date};
pub use segment::Span;

use serde::{Deserialize, Serialize};

/// Index of an [`Entity`] in [`Extraction::entities`].
pub type EntityId = usize;

/// How a quotation is reported.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum QuoteKind {
    /// The speaker's words inside quote marks.
    Direct,
    /// Reported speech: a clause governed by a speech cue, no quote marks.
    Indirect,
    /// Reported speech with a quoted fragment inside it.
    Mixed,
}

impl QuoteKind {
    /// The lower-case name used in output and in the store.
    pub fn as_str(self) -> &'static str {
        match self {
            QuoteKind::Direct => "direct",
            QuoteKind::Indirect => "indirect",
            QuoteKind::Mixed => "mixed",
        }
    }
}

/// What kind of source an entity is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EntityKind {
    /// A named person.
    Person,
    /// An organisation, institution, or a country acting as one.
    Organization,
    /// An unnamed source: "a senior official", "sources".
    Anonymous,
    /// Anything else that speaks (a document, a poll, an unresolved pronoun).
    Other,
}

impl EntityKind {
    /// The lower-case name used in output and in the store.
    pub fn as_str(self) -> &'static str {
        match self {
            EntityKind::Person => "person",
            EntityKind::Organization => "organization",
            EntityKind::Anonymous => "anonymous",
            EntityKind::Other => "other",
        }
    }
}

/// One speaker within a document, with every place it is mentioned.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Entity {
    /// The fullest name the document gives ("Hakan Fidan", "a senior Ukrainian official").
    pub canonical: String,
    /// Person, organisation, anonymous source or other.
    pub kind: EntityKind,
    /// Titles and roles seen beside the name, in document order, without duplicates
    /// ("Turkish Foreign Minister").
    pub roles: Vec<String>,
    /// Every mention resolved to this entity, in document order.
    pub mentions: Vec<Span>,
}

/// One quotation and its attribution.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Quote {
    /// The quoted content, without its quote marks.
    pub span: Span,
    /// Direct, indirect or mixed.
    pub kind: QuoteKind,
    /// The speaker, if one was found.
    pub speaker: Option<EntityId>,
    /// The mention that names the speaker at this quote ("he", "Fidan", "the official").
    pub mention: Option<Span>,
    /// The speech cue ("said", "told reporters", "according to").
    pub cue: Option<Span>,
    /// Confidence in [0, 1] that quote and speaker are both right.
    pub confidence: f32,
    /// Index into [`Extraction::sentences`] of the sentence where the quote starts.
    pub sentence: usize,
}

/// Everything found in one document. Spans index into [`Document::text`].
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Extraction {
    /// Sentence spans, in order.
    pub sentences: Vec<Span>,
    /// Speakers and other entities that quotes point to.
    pub entities: Vec<Entity>,
    /// Quotations in document order.
    pub quotes: Vec<Quote>,
}

impl Extraction {
    /// The entity a quote is attributed to.
    pub fn speaker(&self, quote: &Quote) -> Option<&Entity> {
        quote.speaker.and_then(|id| self.entities.get(id))
    }
}

/// Find every quotation in `doc` and link each to a speaker.
pub fn extract(doc: &Document) -> Extraction {
    let sentences = segment::sentences(&doc.text);
    Extraction {
        sentences,
        entities: Vec::new(),
        quotes: Vec::new(),
    }
}
