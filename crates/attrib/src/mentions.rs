//! Speaker mentions: named people with their titles and roles, organisations, countries
//! acting as speakers, anonymous sources, pronouns and nominals ("the minister").
//!
//! (interface skeleton: the real finder is being written)

use segment::Span;

/// What a mention refers to, as far as the words themselves tell.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum MentionKind {
    /// A person's name, maybe with a title or role ("Turkish Foreign Minister Hakan Fidan", "Fidan").
    Person,
    /// An organisation or institution ("the Kremlin", "Turkish Foreign Ministry officials").
    Organization,
    /// A country or city acting as a speaker ("Türkiye has urged").
    Country,
    /// An unnamed source ("a senior Ukrainian official", "sources", "the official").
    Anonymous,
    /// A personal pronoun ("he", "she", "they").
    Pronoun,
    /// A definite description that points back to someone named ("the Ukrainian president").
    Nominal,
}

/// One place in the text that may name a speaker.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mention {
    /// The whole mention as written, roles included.
    pub span: Span,
    /// The name inside it ("Hakan Fidan"), when there is one.
    pub name: Option<Span>,
    /// The title or role inside or beside it ("Turkish Foreign Minister"), when there is one.
    pub role: Option<Span>,
    /// What kind of mention this is.
    pub kind: MentionKind,
}

/// Every candidate speaker mention in `text`, in order, not overlapping. Text inside
/// `exclude` spans (quotations) is skipped: words inside a quote are not its speaker.
pub fn find(text: &str, sentences: &[Span], exclude: &[Span]) -> Vec<Mention> {
    let _ = (text, sentences, exclude);
    Vec::new()
}
