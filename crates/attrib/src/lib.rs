//! Quotation extraction and speaker attribution for news articles.
//!
//! [`extract`] reads a [`Document`] and returns an [`Extraction`]: its sentences, the
//! [`Quote`]s in it (direct words in quote marks, indirect reported speech, and mixed
//! reported speech with a quoted fragment) and the [`Entity`]s that said them.
//!
//! The pipeline, one module per step:
//! - `marks`: pair quote marks of every style within paragraphs;
//! - `dateline`: where a paragraph's own words start, after `WASHINGTON (AP) —`;
//! - `tokens`: words, punctuation and whole quotations, in sentences that never break
//!   inside a quotation;
//! - `cues`: the speech-cue lexicon (data files under `data/`);
//! - `frames`: attribution frames, giving each quotation its span, kind, cue and the
//!   phrase naming its speaker;
//! - `mentions`, `coref`: who the phrases are;
//! - `link`: the mention at each cue, and its entity.
//!
//! Conventions: a direct quotation interrupted by its attribution (`"A," she said. "B."`)
//! is one quotation from A to B, as newspapers mean it; a quote-only paragraph is a new
//! quotation by the previous speaker; an indirect quotation is the reported clause,
//! "that" included. [`Quote::confidence`] orders attributions by how they were found: an
//! explicit cue naming the speaker, then a pronoun or description, a participle
//! ("adding that"), a colon or dash, and last a quotation carried over from an earlier
//! paragraph.
//!
//! Everything is linear in the text, whatever its shape (one speaker quoted a million
//! times, a 50 MB line): marks pair within a paragraph, every look-around is bounded by
//! fixed word windows or goes on from where the last one stopped, and what is asked
//! again and again (a sentence's first words, people by surname, a speaker's mentions)
//! is found once. `benches/adversarial.rs` measures the hostile shapes.
//!
//! ```
//! use attrib::{Document, QuoteKind, extract};
//!
//! let doc = Document::new("d", "\"We will win,\" Jane Smith said.\n\nShe added that the vote was close.");
//! let ex = extract(&doc);
//! assert_eq!(ex.quotes.len(), 2);
//! assert_eq!(ex.quotes[0].kind, QuoteKind::Direct);
//! assert_eq!(ex.quotes[0].span.of(&doc.text), "We will win,");
//! assert_eq!(ex.speaker(&ex.quotes[0]).map(|e| e.canonical.as_str()), Some("Jane Smith"));
//! assert_eq!(ex.quotes[1].kind, QuoteKind::Indirect);
//! ```

pub mod coref;
mod cues;
mod dateline;
mod document;
mod frames;
mod link;
mod marks;
pub mod mentions;
mod names_text;
mod parts;
mod short_table;
#[cfg(feature = "test-util")]
pub mod testutil;
mod tokens;

pub use coref::name_gender;
pub use document::{Document, DocumentError};
pub use mentions::lexicon::Gender;
pub use segment::Span;
pub use text::Date;

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

impl std::str::FromStr for QuoteKind {
    type Err = UnknownKind;

    /// The kind [`QuoteKind::as_str`] names, in any case.
    fn from_str(s: &str) -> Result<QuoteKind, UnknownKind> {
        [QuoteKind::Direct, QuoteKind::Indirect, QuoteKind::Mixed]
            .into_iter()
            .find(|k| k.as_str().eq_ignore_ascii_case(s))
            .ok_or_else(|| UnknownKind(s.to_string()))
    }
}

/// What kind of source an entity is.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum EntityKind {
    /// A named person.
    Person,
    /// An organisation, institution, or a country acting as one.
    Organization,
    /// An unnamed source: "a senior official", "sources".
    Anonymous,
    /// Anything else that speaks (a document, a poll, an unresolved pronoun).
    #[default]
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

impl std::str::FromStr for EntityKind {
    type Err = UnknownKind;

    /// The kind [`EntityKind::as_str`] names, in any case.
    fn from_str(s: &str) -> Result<EntityKind, UnknownKind> {
        [
            EntityKind::Person,
            EntityKind::Organization,
            EntityKind::Anonymous,
            EntityKind::Other,
        ]
        .into_iter()
        .find(|k| k.as_str().eq_ignore_ascii_case(s))
        .ok_or_else(|| UnknownKind(s.to_string()))
    }
}

/// A name that is no [`QuoteKind`] or [`EntityKind`].
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("unknown kind {0:?}")]
pub struct UnknownKind(pub String);

/// One speaker within a document, with every place it is mentioned.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
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
    /// The quoted content, without its quote marks: from the first word said to the
    /// last, with any narration that interrupts it.
    pub span: Span,
    /// The pieces of `span` that were said, when narration interrupts it (`"A," she
    /// said. "B."`: two parts); empty when the whole span was said. See
    /// [`Quote::parts`] and [`Quote::words`].
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub parts: Vec<Span>,
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

impl Quote {
    /// The spans of the words said: the parts, or the whole span when there are none.
    pub fn parts(&self) -> &[Span] {
        if self.parts.is_empty() {
            std::slice::from_ref(&self.span)
        } else {
            &self.parts
        }
    }

    /// The words said, the parts joined by single spaces; `None` when a span does not
    /// fit `text` (a quotation of another document, or a corrupted one).
    pub fn words<'t>(&self, text: &'t str) -> Option<std::borrow::Cow<'t, str>> {
        parts::joined(text, self.span, &self.parts)
    }
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
    let text = doc.text.as_str();
    let sentences = segment::sentences(text);
    let paragraphs = segment::paragraphs(text);
    let quoted = marks::find(text, &paragraphs);
    // Reported speech and speakers are looked for in the story's own words, after any
    // dateline ("WASHINGTON (AP) —"); quote marks were found in whole paragraphs.
    let datelines: Vec<Span> = paragraphs
        .iter()
        .filter_map(|&p| dateline::find(text, p))
        .collect();
    let story: Vec<Span> = if datelines.is_empty() {
        paragraphs
    } else {
        let mut d = datelines.iter().peekable();
        paragraphs
            .iter()
            .filter_map(|&p| match d.next_if(|d| d.start == p.start) {
                Some(d) => (d.end < p.end).then(|| Span::new(d.end, p.end)),
                None => Some(p),
            })
            .collect()
    };
    let found = frames::find(text, &story, &sentences, &quoted);
    let mut exclude: Vec<Span> = quoted.iter().map(|q| q.outer).collect();
    exclude.extend_from_slice(&datelines);
    // A headline names no speaker: its capitalised words are not people, and "she
    // said" must not resolve to "Washington Post Hit Piece Exploits Trump".
    let headlines: Vec<Span> = story
        .iter()
        .copied()
        .filter(|&p| is_headline(text, p))
        .collect();
    exclude.extend_from_slice(&headlines);
    let found_mentions = mentions::find(text, &sentences, &exclude);
    // Names and mention lists are filled in below, for the entities quotes point to.
    let (mut entities, resolved, lazy) = coref::resolve_lazy(text, &found_mentions);
    // Entities from here on are speakers as written at a cue, which no mention names.
    let named = entities.len();
    let links = link::link(text, &found, &found_mentions, &resolved, &mut entities);
    // A headline's words are reported speech only when someone the story names says them:
    // "Stealth Over Health: Hillary Clinton Was Headed to ER" has no speaker, and its
    // capitalised words are none.
    let in_headline = |f: &frames::Found| {
        let i = headlines.partition_point(|h| h.end <= f.span.start);
        headlines.get(i).is_some_and(|h| h.start <= f.span.start)
    };
    // A name as written there is someone when the story names them too ("Darrell Scott:
    // You Find Me …" and "Pastor Darrell Scott" below, if only in a quotation): its last
    // word is a capitalised word of the story. The story's capitalised words are gathered
    // once, at the first headline quotation.
    let mut story_names: Option<rustc_hash::FxHashSet<&str>> = None;
    let mut spoken = |f: &frames::Found, l: &link::Link, entities: &[Entity]| {
        if !in_headline(f) {
            return true;
        }
        let Some(e) = l.entity else { return false };
        if e < named {
            return true;
        }
        let names = story_names.get_or_insert_with(|| {
            story
                .iter()
                .filter(|p| {
                    headlines
                        .binary_search_by_key(&p.start, |h| h.start)
                        .is_err()
                })
                .flat_map(|p| p.of(text).split(|c: char| !c.is_alphanumeric()))
                .filter(|w| text::ascii::starts_upper(w))
                .collect()
        });
        entities
            .get(e)
            .and_then(|e| e.canonical.split_whitespace().last())
            .is_some_and(|last| names.contains(last))
    };

    // Sized up front: `collect` from a filter would start small and grow.
    let mut quotes: Vec<Quote> = Vec::with_capacity(found.len());
    quotes.extend(
        found
            .iter()
            .zip(&links)
            .filter(|(f, l)| {
                !f.span.is_empty() && f.span.end <= text.len() && spoken(f, l, &entities)
            })
            // A span never starts or ends on white space (a mark that opens a line).
            .filter_map(|(f, l)| Some((parts::trimmed(text, f.span)?, f, l)))
            .map(|(span, f, l)| Quote {
                span,
                parts: parts::of(text, f, &quoted),
                kind: f.kind,
                speaker: l.entity,
                mention: l.mention,
                cue: f.cue,
                confidence: confidence(f, l),
                sentence: sentences
                    .partition_point(|s| s.end <= span.start)
                    .min(sentences.len().saturating_sub(1)),
            }),
    );
    quotes.sort_by_key(|q| (q.span.start, std::cmp::Reverse(q.span.end)));
    quotes.dedup_by_key(|q| q.span);
    // Reported speech inside another speaker's reported words ("Clinton said Trump's
    // tweets accusing Machado … were lies") is that speaker's account, kept in the
    // outer quotation rather than attributed again. One pass: sorted by start (longest
    // first), a paraphrase ending by the furthest end seen so far lies inside one.
    let mut reach = 0;
    quotes.retain(|q| {
        if q.kind == QuoteKind::Direct {
            return true;
        }
        if q.span.end <= reach {
            return false;
        }
        reach = q.span.end;
        true
    });

    // Keep only the entities quotes point to, renumbered in order of first use.
    let mut keep: Vec<Option<EntityId>> = vec![None; entities.len()];
    // No more entities than quotations point to.
    let mut kept = Vec::with_capacity(quotes.len().min(entities.len()));
    for q in &mut quotes {
        if let Some(e) = q.speaker {
            let id = match keep.get(e).copied().flatten() {
                Some(id) => id,
                None => {
                    // Each entity is taken once (`keep` remembers it): move, not clone.
                    kept.push(std::mem::take(&mut entities[e]));
                    keep[e] = Some(kept.len() - 1);
                    kept.len() - 1
                }
            };
            q.speaker = Some(id);
        }
    }
    lazy.finish(text, &keep, &mut kept, &found_mentions, &resolved);
    Extraction {
        sentences,
        entities: kept,
        quotes,
    }
}

/// True for a paragraph that is a headline: a short line whose every word of four
/// letters or more is capitalised ("Marco Rubio Responds To Question About Minimum
/// Wage"). A sentence has its verbs and nouns in lower case ("Foreign Minister Hakan
/// Fidan visited Kyiv on Monday").
fn is_headline(text: &str, p: Span) -> bool {
    let line = p.of(text).trim();
    if line.len() > 200 || line.contains('\n') {
        return false;
    }
    // One pass that stops at the first long word in lower case, as most lines do.
    let mut long = 0;
    for w in line.split_whitespace() {
        let w = w.trim_matches(|c: char| !c.is_alphanumeric());
        if w.len() >= 4 {
            if !text::ascii::starts_upper(w) {
                return false;
            }
            long += 1;
        }
    }
    long >= 4
}

/// How sure the attribution is: an explicit cue naming the speaker beats a pronoun,
/// which beats a description, a participle, a colon, and a quote carried over from an
/// earlier paragraph; no speaker at all is least sure.
fn confidence(f: &frames::Found, l: &link::Link) -> f32 {
    use frames::Frame;
    use link::Named;
    let frame: f32 = match f.frame {
        Frame::Cue => 0.9,
        Frame::According => 0.8,
        Frame::Participle => 0.75,
        Frame::Colon => 0.6,
        Frame::Continuation => 0.65,
    };
    let named: f32 = match l.named {
        Named::Name => 1.0,
        Named::Pronoun => 0.85,
        Named::Description => 0.8,
        Named::Nobody => 0.3,
    };
    let kind: f32 = match f.kind {
        QuoteKind::Direct => 1.0,
        QuoteKind::Mixed => 0.95,
        QuoteKind::Indirect => 0.9,
    };
    let resolved = if l.entity.is_some() { 1.0 } else { 0.8 };
    (frame * named * kind * resolved).clamp(0.0, 1.0)
}
