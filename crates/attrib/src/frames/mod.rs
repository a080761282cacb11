//! Attribution frames: for every speech cue, where its speaker phrase is and which words
//! it reports; quotations are classified as direct, mixed or indirect from the frame.
//!
//! The frames are the ones news prose uses, one file each:
//! - `according`: `According to X, CLAUSE.`, `CLAUSE, according to X.`
//! - `cue_first`: `X said (that) CLAUSE.`, `X told reporters CLAUSE.`, `Said X, "QUOTE"`
//! - `cue_last`: `CLAUSE, X said.`, `"QUOTE," said X.`, and interrupted,
//!   `"A," X said. "B."` (one quotation from A to B, as newspapers mean it)
//! - `apposition`: `X, a spokesman for Y, said CLAUSE.`
//! - `participle`: `..., adding that CLAUSE` (the speaker of the clause it hangs on)
//! - `colon`: `X: "QUOTE"`, `"QUOTE" — X`; and `labels`, a paragraph opening `X: ...`.
//! - `interview`: a question-and-answer transcript (`Q:`/`A:`, `RUIZ:`/`HALE:`).
//!
//! `sentence` reads each cue of a sentence (found by [`crate::cues::find_cues`]) with the
//! frames in a fixed order of precedence: according-to, the cue-first openings, the
//! participle, then the speaker next to the cue (inverted, apposed or before it) with
//! the clause before, after or around it; a sentence no cue attributes may still be a
//! colon or dash line. `clause` finds the speaker phrases and clause bounds they share.
//! [`find`] runs every paragraph and carries speakers over to quote-only sentences and
//! paragraphs.
//!
//! Every scan is bounded by the sentence and by fixed word windows, so the work is linear
//! in the text.

mod according;
mod apposition;
mod clause;
mod colon;
mod cue_first;
mod cue_last;
mod interview;
mod labels;
mod participle;
mod sentence;
#[cfg(test)]
mod tests;

use segment::Span;

use crate::QuoteKind;
use crate::cues::CUE_LEXICON;
use crate::marks::Quoted;
use crate::tokens::{self, Kind, Token};

pub(crate) use interview::{INTERVIEWERS, Turn, same_person};
use labels::{labelled, labelled_quote, quote_run};
use sentence::sentence;

/// Longest speaker phrase, in words.
const MAX_NP: usize = 7;
/// Longest reported clause, in tokens: bounds the work per cue.
const MAX_CLAUSE: usize = 160;
/// How far after a cue the clause may start (object, date, "in a statement"), in tokens.
const MAX_GAP: usize = 9;

/// Who a found quotation's speaker is, as far as the sentence tells.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Speaker {
    /// The words naming the speaker at the cue.
    Phrase(Span),
    /// The same speaker as an earlier found quotation (by index).
    SameAs(usize),
    /// A turn of an interview transcript: the label (`Q`, `RUIZ`) and what it marks;
    /// `link` finds who it is among the people the introduction names.
    Interview { turn: Turn, label: Span },
    /// Nobody found.
    Unknown,
}

/// How the quotation was attributed: the frame decides the confidence.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Frame {
    /// A cue with its speaker in the same sentence.
    Cue,
    /// "according to X".
    According,
    /// A participle hanging on another clause ("adding that").
    Participle,
    /// `X: "QUOTE"`.
    Colon,
    /// A quote-only sentence or paragraph continuing an earlier speaker.
    Continuation,
}

/// One quotation found, before speakers are linked.
#[derive(Clone, Copy, Debug)]
pub struct Found {
    /// The reported words, without quote marks.
    pub span: Span,
    /// Direct, indirect or mixed.
    pub kind: QuoteKind,
    /// The cue: a speech verb, "according to", a colon or a dash.
    pub cue: Option<Span>,
    /// Who said it, as far as the sentence tells.
    pub speaker: Speaker,
    /// How it was attributed.
    pub frame: Frame,
    /// Index of the paragraph it is in.
    pub para: usize,
    /// Words of the frame inside `span` ("But to prevent problems`, he said,` local
    /// officials …"), when the frame interrupts what it reports.
    pub gap: Option<Span>,
}

/// Find every attributed quotation in the text.
pub fn find(text: &str, paragraphs: &[Span], sentences: &[Span], quotes: &[Quoted]) -> Vec<Found> {
    let lex = &*CUE_LEXICON;
    // About one attribution per quotation; more room than that is rarely needed.
    let mut out: Vec<Found> = Vec::with_capacity(quotes.len() + 4);
    let mut qi = 0;
    // The last attributed quotation of the previous paragraphs, for quote-only paragraphs.
    let mut last_para_quote: Option<(usize, usize)> = None; // (found index, para)
    // Tokens and sentences of a paragraph, in buffers reused for the next.
    // Room for the longest paragraph's tokens at once (`tokenize` reserves about one per
    // five bytes), rather than growing paragraph by paragraph.
    let longest = paragraphs.iter().map(Span::len).max().unwrap_or(0);
    let mut toks = Vec::with_capacity(longest / 5 + 4);
    let mut sents = Vec::with_capacity(sentences.len().min(64));
    let mut cues = Vec::new();
    // A quote-only paragraph whose quotation runs on into the next paragraph (by index
    // in `out`): the next paragraph's attribution is its speaker too.
    let mut runs_into: Option<usize> = None;
    // Quotations merged into a later one, removed at the end.
    let mut merged: Vec<usize> = Vec::new();
    // A question-and-answer transcript: one quotation per turn.
    let interview = interview::turns(text, paragraphs);
    for (pi, &p) in paragraphs.iter().enumerate() {
        while quotes.get(qi).is_some_and(|q| q.outer.end <= p.start) {
            qi += 1;
        }
        if let Some(Some(found)) = interview.get(pi) {
            out.push(*found);
            last_para_quote = Some((out.len() - 1, pi));
            continue;
        }
        tokens::tokenize(text, p, quotes, qi, &mut toks);
        let toks = toks.as_slice();
        let para_first = out.len();
        // `Sanders: Brexit's message could draw Trump support` (a headline) or
        // `WALLACE: Do you ...` (a transcript): a short label and a colon open the paragraph.
        if let Some(found) = labelled(text, lex, toks, quotes, pi)
            .or_else(|| labelled_quote(text, p, toks, quotes, pi))
        {
            out.push(found);
            last_para_quote = Some((out.len() - 1, pi));
            continue;
        }
        let mut pending_chunks: Vec<std::ops::Range<usize>> = Vec::new();
        tokens::sentences(sentences, toks, &mut sents);
        for range in sents.iter().cloned() {
            let ts = &toks[range.clone()];
            let sent_first = out.len();
            sentence(text, lex, ts, pi, quotes, &mut out, &mut cues);
            let only_quotes = ts
                .iter()
                .all(|t| t.quote().is_some() || matches!(t.kind, Kind::Punct(_)))
                && ts.iter().any(|t| t.quote().is_some());
            if out.len() > sent_first {
                // Quote-only sentences just before a direct quotation belong to it.
                if let Some(first) = pending_chunks.first()
                    && out[sent_first].kind == QuoteKind::Direct
                    && out[sent_first].frame == Frame::Cue
                    && let Some(t) = toks.get(first.start)
                    && let Some(q) = t.quote().and_then(|i| quotes.get(i))
                {
                    out[sent_first].span.start = q.inner.start;
                    pending_chunks.clear();
                }
                continue;
            }
            // `"… missing." Trump said.`: a closing period inside the marks split the
            // frame from its quotation; read the two as the one sentence they are.
            if !only_quotes
                && let Some(first) = pending_chunks.last()
                && first.end == range.start
                && bare_frame(text, lex, ts)
            {
                let joined = &toks[first.start..range.end];
                sentence(text, lex, joined, pi, quotes, &mut out, &mut cues);
                if out.len() > sent_first {
                    pending_chunks.pop();
                }
                continue;
            }
            if !only_quotes {
                continue;
            }
            let span = quote_run(ts, quotes);
            let Some(span) = span else { continue };
            // `"Related:"`: a quoted label of a word or two is a link's heading.
            let words = span.of(text).trim();
            if words.ends_with(':') && words.split_whitespace().count() <= 2 {
                continue;
            }
            // A quote-only sentence right after a direct quotation of this paragraph
            // extends it; after any other quotation of this paragraph it is a new one
            // by the same speaker.
            if out.len() > para_first {
                // The last one with a speaker: not "when asked if …", whose asker is
                // unnamed.
                let last = (para_first..out.len())
                    .rev()
                    .find(|&i| !matches!(out[i].speaker, Speaker::Unknown))
                    .unwrap_or(out.len() - 1);
                if !extend(&mut out[last], span, quotes) {
                    out.push(Found {
                        span,
                        kind: QuoteKind::Direct,
                        cue: None,
                        speaker: Speaker::SameAs(last),
                        frame: Frame::Continuation,
                        para: pi,
                        gap: None,
                    });
                }
            } else {
                pending_chunks.push(range);
            }
        }
        // `"A.` / `"B," said X.`: the paragraph before ran on into this one's attributed
        // quotation, which it opens.
        let carried = runs_into.take();
        if let Some(r) = carried
            && let Some(f) = out.get(para_first)
            && f.frame == Frame::Cue
            && f.kind == QuoteKind::Direct
            && quotes.get(qi).is_some_and(|q| {
                q.continued && q.outer.start < p.end && f.span.start <= q.inner.end
            })
        {
            out[para_first].span.start = out[r].span.start;
            merged.push(r);
        }
        // Quote-only sentences with no attribution in their paragraph continue the
        // speaker of the previous paragraph's last quotation.
        if !pending_chunks.is_empty() {
            let spans: Vec<Span> = pending_chunks
                .iter()
                .filter_map(|r| quote_run(&toks[r.clone()], quotes))
                .collect();
            if let (Some(first), Some(last)) = (spans.first(), spans.last()) {
                let span = Span::new(first.start, last.end);
                // A quotation that runs over paragraphs, with an opening mark on each:
                // the previous paragraph ended inside (or at the close of) a quotation,
                // and this one goes on with quoted words before any attribution of its
                // own. It is one quotation.
                // Not when this paragraph's quotation runs on and the one before closed:
                // a new quotation, which the next paragraph may attribute.
                let before_ran_on = qi
                    .checked_sub(1)
                    .and_then(|i| quotes.get(i))
                    .zip(pi.checked_sub(1).map(|b| paragraphs[b]))
                    .is_some_and(|(q, before)| q.runs_on && q.outer.start >= before.start);
                let new_run = runs_on(quotes, qi, p) && !before_ran_on;
                if let Some((i, para)) = last_para_quote
                    && !new_run
                    && para + 1 == pi
                    && out.len() == para_first
                    && pending_chunks[0].start == 0
                    && ends_paragraph(text, out[i].span, paragraphs[para])
                    && !matches!(out[i].speaker, Speaker::Interview { .. })
                    && extend(&mut out[i], span, quotes)
                {
                    last_para_quote = Some((i, pi));
                    if runs_on(quotes, qi, p) {
                        // Only a quotation with no attribution of its own takes the
                        // next paragraph's.
                        runs_into =
                            carried.or(Some(i).filter(|&i| out[i].frame == Frame::Continuation));
                    }
                    continue;
                }
                let speaker = match last_para_quote {
                    Some((i, para)) if pi - para <= 2 => Speaker::SameAs(i),
                    _ => Speaker::Unknown,
                };
                out.insert(
                    para_first,
                    Found {
                        span,
                        kind: QuoteKind::Direct,
                        cue: None,
                        speaker,
                        frame: Frame::Continuation,
                        para: pi,
                        gap: None,
                    },
                );
                // Indices after the insertion moved by one.
                for f in &mut out[para_first + 1..] {
                    if let Speaker::SameAs(i) = &mut f.speaker
                        && *i >= para_first
                    {
                        *i += 1;
                    }
                }
                if out.len() == para_first + 1 && runs_on(quotes, qi, p) {
                    runs_into = Some(para_first);
                }
            }
        }
        if out.len() > para_first {
            last_para_quote = Some((out.len() - 1, pi));
        }
    }
    for f in &mut out {
        if let Speaker::Phrase(sp) = &mut f.speaker {
            *sp = before_verb(text, lex, *sp);
        }
    }
    if !merged.is_empty() {
        remove_merged(&mut out, &merged);
    }
    out
}

/// Whether the sentence `ts` is a frame alone, a speaker and a cue with no words of
/// its own to report ("Trump said.", "said the minister."): at most a few words.
fn bare_frame(text: &str, lex: &crate::cues::CueLexicon, ts: &[Token]) -> bool {
    let words = ts.iter().filter(|t| t.is_word()).count();
    (2..=MAX_BARE_FRAME).contains(&words)
        && ts.iter().all(|t| t.quote().is_none())
        && ts
            .iter()
            .any(|t| lex.cue(crate::cues::word(text, t)).is_some())
}

/// The most words of a frame standing alone after its quotation ("said Jane Doe, the
/// mayor.").
const MAX_BARE_FRAME: usize = 8;

/// Whether the last quotation of paragraph `p` (its quotations start at `qi`) runs on
/// into the next paragraph. (`Quoted::para` counts the paragraphs of the whole text,
/// datelines included, so the span decides.)
fn runs_on(quotes: &[Quoted], qi: usize, p: Span) -> bool {
    quotes[qi.min(quotes.len())..]
        .iter()
        .take_while(|q| q.outer.start < p.end)
        .last()
        .is_some_and(|q| q.runs_on)
}

/// `out` without the quotations at the sorted indices `merged` (each now part of a later
/// one), with every [`Speaker::SameAs`] moved to the new indices: a merged quotation's
/// followers take the speaker of the quotation it went into.
fn remove_merged(out: &mut Vec<Found>, merged: &[usize]) {
    // Where each old index goes: the merged ones to their successor's place.
    let mut new_index = Vec::with_capacity(out.len());
    let mut m = 0;
    let mut removed = 0;
    for i in 0..out.len() {
        // Before counting `i` itself: a merged quotation's place is the one its
        // successor takes.
        new_index.push(i - removed);
        if merged.get(m) == Some(&i) {
            m += 1;
            removed += 1;
        }
    }
    let mut m = 0;
    let mut i = 0;
    out.retain(|_| {
        let keep = merged.get(m) != Some(&i);
        m += usize::from(!keep);
        i += 1;
        keep
    });
    for f in out.iter_mut() {
        if let Speaker::SameAs(j) = &mut f.speaker {
            *j = new_index[*j];
        }
    }
}

/// Extend the quotation `f` over quoted words that go on after it (`"A," she said.
/// "B."`), when it can say which words were said: a direct quotation's parts are its
/// quote marks' contents, a mixed one's the words either side of the narration between
/// (which becomes its gap, so it must not have one already). False when it cannot.
fn extend(f: &mut Found, more: Span, quotes: &[Quoted]) -> bool {
    if more.end <= f.span.end {
        return false;
    }
    match f.kind {
        // The narration between is no part ("…," said X, the author of "T," who … "B.")
        // when no frame stood inside before.
        QuoteKind::Direct => {
            if f.gap.is_none() {
                f.gap = Some(Span::new(f.span.end, more.start));
            }
        }
        // Only a mixed quotation that ends on its quoted words goes on: one that ends in
        // narration ("calling Trump "a buffoon," Susan said as she turned") is over.
        QuoteKind::Mixed if f.gap.is_none() && ends_quoted(f.span, quotes) => {
            f.gap = Some(Span::new(f.span.end, more.start))
        }
        _ => return false,
    }
    f.span.end = more.end;
    true
}

/// Whether a quotation's words end where `span` ends (give or take its closing
/// punctuation).
fn ends_quoted(span: Span, quotes: &[Quoted]) -> bool {
    let i = quotes.partition_point(|q| q.inner.end + 3 < span.end);
    quotes
        .get(i)
        .is_some_and(|q| q.inner.end <= span.end + 3 && q.inner.start < span.end)
}

/// Whether nothing but closing marks, punctuation and spaces follow `span` to the end of
/// its paragraph `p`: the paragraph ends with the quotation.
fn ends_paragraph(text: &str, span: Span, p: Span) -> bool {
    span.end <= p.end
        && text
            .get(span.end..p.end)
            .is_some_and(|rest| rest.chars().all(|c| !c.is_alphanumeric()))
}

/// A speaker phrase in a title-case line cut before its first capitalised speech verb
/// after the first word: "Marco Rubio Responds" is Marco Rubio, "Chris Christie Calls
/// Hillary Clinton" is Chris Christie. Only inflected forms ("Calls", "Praised") cut, so
/// "Edward Said" stays whole.
fn before_verb(text: &str, lex: &crate::cues::CueLexicon, sp: Span) -> Span {
    let phrase = sp.of(text);
    let mut at = 0;
    for (i, w) in phrase.split(' ').enumerate() {
        if i > 0
            && w.len() > 3
            && w.starts_with(|c: char| c.is_ascii_uppercase())
            && w[1..].bytes().all(|b| b.is_ascii_lowercase())
            && (w.ends_with('s') || w.ends_with("ed"))
            && lex.cue(w).is_some()
        {
            let cut = phrase[..at].trim_end_matches([' ', ',']);
            return Span::new(sp.start, sp.start + cut.len());
        }
        at += w.len() + 1;
    }
    sp
}

/// The span from the first token of `r` to its last.
fn span_of(ts: &[Token], r: (usize, usize)) -> Span {
    Span::new(ts[r.0].span.start, ts[r.1 - 1].span.end)
}

/// A dash of any length ("—", "–", the horizontal bar "―", "-").
fn is_dash(t: &Token) -> bool {
    matches!(t.kind, Kind::Punct('—' | '–' | '―' | '-'))
}
