//! Attribution frames: for every speech cue, where its speaker phrase is and which words
//! it reports; quotations are classified as direct, mixed or indirect from the frame.
//!
//! The frames are the ones news prose uses:
//! - cue first: `X said (that) CLAUSE.`, `X told reporters CLAUSE.`, `According to X, CLAUSE.`
//! - cue last: `CLAUSE, X said.`, `"QUOTE," said X.`, `CLAUSE, according to X.`
//! - interrupted: `"A," X said. "B."` (one quotation from A to B, as newspapers mean it)
//! - participles: `..., adding that CLAUSE` (the speaker of the clause it hangs on)
//! - a colon: `X: "QUOTE"`.
//!
//! Every scan is bounded by the sentence and by fixed word windows, so the work is linear
//! in the text.

use segment::Span;

use crate::QuoteKind;
use crate::cues::{LEXICON, Lexicon};
use crate::marks::Quoted;
use crate::tokens::{self, Kind, Token};

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
    pub span: Span,
    pub kind: QuoteKind,
    pub cue: Option<Span>,
    pub speaker: Speaker,
    pub frame: Frame,
    pub para: usize,
}

#[inline]
fn word<'a>(text: &'a str, t: &Token) -> &'a str {
    // `Span::of`, inlined: this runs for most tokens.
    if t.is_word() {
        &text[t.span.start..t.span.end]
    } else {
        ""
    }
}

fn is_cap(s: &str) -> bool {
    s.chars().next().is_some_and(char::is_uppercase)
}

fn lower_eq(s: &str, w: &str) -> bool {
    s.eq_ignore_ascii_case(w)
}

fn is_determiner(s: &str) -> bool {
    Lexicon::has(&LEXICON.det, s)
}

fn is_calendar(s: &str) -> bool {
    // The calendar words are capitalised ("Monday", "May"): most words fail at once on
    // their first byte.
    let cal = &LEXICON.calendar;
    s.as_bytes()
        .first()
        .is_none_or(|&b| cal.may_start_with_byte(b))
        && cal.contains(s)
}

/// Find every attributed quotation in the text.
pub fn find(text: &str, paragraphs: &[Span], sentences: &[Span], quotes: &[Quoted]) -> Vec<Found> {
    let lex = &*LEXICON;
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
    for (pi, &p) in paragraphs.iter().enumerate() {
        while quotes.get(qi).is_some_and(|q| q.outer.end <= p.start) {
            qi += 1;
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
            if !only_quotes {
                continue;
            }
            let span = quote_run(ts, quotes);
            let Some(span) = span else { continue };
            // A quote-only sentence right after a direct quotation of this paragraph
            // extends it; after any other quotation of this paragraph it is a new one
            // by the same speaker.
            if out.len() > para_first {
                let last = out.len() - 1;
                if out[last].kind == QuoteKind::Direct {
                    out[last].span.end = out[last].span.end.max(span.end);
                } else {
                    out.push(Found {
                        span,
                        kind: QuoteKind::Direct,
                        cue: None,
                        speaker: Speaker::SameAs(last),
                        frame: Frame::Continuation,
                        para: pi,
                    });
                }
            } else {
                pending_chunks.push(range);
            }
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
            }
        }
        if out.len() > para_first {
            last_para_quote = Some((out.len() - 1, pi));
        }
    }
    out
}

/// A paragraph opening with `Label: words`, the label a short capitalised phrase.
fn labelled(
    text: &str,
    lex: &Lexicon,
    toks: &[Token],
    quotes: &[Quoted],
    para: usize,
) -> Option<Found> {
    let colon = toks.iter().take(8).position(|t| t.is_punct(':'))?;
    if colon == 0 || toks.len() < colon + 3 {
        return None;
    }
    let label = &toks[..colon];
    let first = word(text, &label[0]);
    let ok = label.iter().all(|t| {
        let w = word(text, t);
        !w.is_empty() && (is_cap(w) || Lexicon::has(&lex.label_joiner, w))
    }) && !Lexicon::has(&lex.label_stop, first)
        && !label.iter().any(|t| {
            is_calendar(word(text, t)) || word(text, t).bytes().all(|b| b.is_ascii_digit())
        });
    if !ok {
        return None;
    }
    // A score or a figure ("Sanders: 1,501") is not something said.
    let lettered = toks[colon + 1..]
        .iter()
        .filter(|t| t.is_word() && word(text, t).chars().any(char::is_alphabetic))
        .take(3)
        .count();
    if lettered < 3 && !toks[colon + 1..].iter().any(|t| t.quote().is_some()) {
        return None;
    }
    let (span, kind) = content(toks, quotes, colon + 1, toks.len(), None)?;
    // The speaker is the label up to "to"/"on" ("Clinton to Planned Parenthood").
    let end = label
        .iter()
        .position(|t| Lexicon::has(&lex.label_joiner, word(text, t)))
        .unwrap_or(label.len())
        .max(1);
    Some(Found {
        span,
        kind,
        cue: Some(toks[colon].span),
        speaker: Speaker::Phrase(span_of(label, (0, end))),
        frame: Frame::Colon,
        para,
    })
}

/// A transcript quoted paragraph by paragraph: `"WALLACE: Do you ...` or `"Q: ...`,
/// a label in capitals and a colon opening the quotation that opens the paragraph.
/// The label is the speaker and the words after it are what was said.
fn labelled_quote(
    text: &str,
    para: Span,
    toks: &[Token],
    quotes: &[Quoted],
    pi: usize,
) -> Option<Found> {
    let q = quotes.get(toks.first()?.quote()?)?;
    let end = q.inner.end.min(para.end);
    let inner = text.get(q.inner.start..end)?;
    let lead = inner.len() - inner.trim_start().len();
    // The label is short: look for its colon in the first 40 bytes (cut at a char
    // boundary).
    let mut cut = inner.len().min(lead + 40);
    while !inner.is_char_boundary(cut) {
        cut -= 1;
    }
    let head = &inner[lead..cut];
    let colon = head.find(':')?;
    let label = &head[..colon];
    let words: Vec<&str> = label.split(' ').collect();
    if words.len() > 3
        || !words
            .iter()
            .all(|w| tokens::capital_letters(w).is_some_and(|n| n > 0))
    {
        return None;
    }
    let after = &inner[lead + colon + 1..];
    let start = q.inner.start + lead + colon + 1 + (after.len() - after.trim_start().len());
    // Something must be said: at least one letter after the label.
    if !text.get(start..end)?.chars().any(char::is_alphabetic) {
        return None;
    }
    let label_start = q.inner.start + lead;
    Some(Found {
        span: Span::new(start, end),
        kind: QuoteKind::Direct,
        cue: Some(Span::new(label_start + colon, label_start + colon + 1)),
        speaker: Speaker::Phrase(Span::new(label_start, label_start + colon)),
        frame: Frame::Colon,
        para: pi,
    })
}

/// The span from the first to the last quotation of a quote-only token run.
fn quote_run(ts: &[Token], quotes: &[Quoted]) -> Option<Span> {
    let mut it = ts
        .iter()
        .filter_map(|t| t.quote())
        .filter_map(|i| quotes.get(i));
    let first = it.next()?;
    let last = it.next_back().unwrap_or(first);
    Some(Span::new(first.inner.start, last.inner.end))
}

/// One cue occurrence in a sentence.
#[derive(Clone, Copy, Debug)]
struct Cue {
    /// Token index of the cue word.
    at: usize,
    /// Token index one past the cue ("according to" is two words).
    end: usize,
    object: bool,
    participle: bool,
    according: bool,
}

/// The cues of a sentence, into `cues` (cleared first; reused from sentence to sentence).
fn find_cues(text: &str, lex: &Lexicon, ts: &[Token], cues: &mut Vec<Cue>) {
    cues.clear();
    for (i, t) in ts.iter().enumerate() {
        let w = word(text, t);
        if w.is_empty() {
            continue;
        }
        if lower_eq(w, "according") && ts.get(i + 1).is_some_and(|n| lower_eq(word(text, n), "to"))
        {
            cues.push(Cue {
                at: i,
                end: i + 2,
                object: false,
                participle: false,
                according: true,
            });
            continue;
        }
        let Some(class) = lex.cue(w) else { continue };
        // Capitalised mid-sentence it is a name or a title ("Said", "Call of Duty"),
        // unless the whole sentence is a headline in title case ("Sanders Says He ...").
        if i > 0 && is_cap(w) && (class.bare || !title_case(text, ts)) {
            continue;
        }
        let prev = i.checked_sub(1).map(|j| word(text, &ts[j])).unwrap_or("");
        // "the said", "an added", "a call": a noun or adjective, not a verb.
        if is_determiner(prev) && !lower_eq(prev, "one") {
            continue;
        }
        // A passive ("was reported by", "is described as") reports nothing said by its
        // subject; "was asked"/"was told" still frame a question or message.
        // (Case-blind comparisons in place: no lower-cased copy of every cue.)
        if !class.participle
            && Lexicon::has(&lex.passive, prev)
            && !(w
                .as_bytes()
                .get(..3)
                .is_some_and(|p| p.eq_ignore_ascii_case(b"ask"))
                || lower_eq(w, "told"))
        {
            continue;
        }
        if class.bare {
            // Bare forms speak only after a plural or pronoun subject ("officials say",
            // "they still tell", "six in 10 say"), never after "to" or a modal.
            let mut k = i;
            while k > 1
                && Lexicon::has(&lex.skip, word(text, &ts[k - 1]))
                && !Lexicon::has(&lex.passive, word(text, &ts[k - 1]))
            {
                k -= 1;
            }
            // "could continue", "would say", "did not say": a bare form after a modal.
            if (k..i).any(|j| Lexicon::has(&lex.modal, word(text, &ts[j])))
                || Lexicon::has(&lex.modal, prev)
            {
                continue;
            }
            let prev = if k < i && k > 0 {
                word(text, &ts[k - 1])
            } else {
                prev
            };
            let ok = Lexicon::has(&lex.plural, prev)
                || (!prev.is_empty() && prev.bytes().all(|b| b.is_ascii_digit()))
                || lower_eq(prev, "percent")
                || (prev.ends_with('s')
                    && !Lexicon::has(&lex.np_stop, prev)
                    && !Lexicon::has(&lex.skip, prev))
                || (is_cap(prev) && i >= 2 && prev.ends_with('s'));
            if !ok {
                continue;
            }
        }
        cues.push(Cue {
            at: i,
            end: i + 1,
            object: class.object,
            participle: class.participle,
            according: false,
        });
    }
}

/// A headline in title case: most words of four letters or more are capitalised.
fn title_case(text: &str, ts: &[Token]) -> bool {
    let (mut long, mut caps) = (0, 0);
    for t in ts.iter().take(40) {
        let w = word(text, t);
        if w.len() >= 4 {
            long += 1;
            caps += usize::from(is_cap(w));
        }
    }
    long >= 3 && caps * 5 >= long * 4
}

/// A word between a speaker and the verb: "has also", "Tuesday", "formally", "in 2010".
fn skippable(text: &str, lex: &Lexicon, ts: &[Token], i: usize) -> bool {
    let w = word(text, &ts[i]);
    let adverb = w.len() > 4 && w.ends_with("ly") && !is_cap(w);
    let year = w.len() == 4 && w.bytes().all(|b| b.is_ascii_digit());
    Lexicon::has(&lex.skip, w) || is_calendar(w) || adverb || year
}

/// The speaker phrase ending right before token `end` (after skipping "has also"),
/// as a token range.
fn subject_before(text: &str, lex: &Lexicon, ts: &[Token], end: usize) -> Option<(usize, usize)> {
    let mut k = end;
    let mut skipped = 0;
    while k > 0 && skipped < 4 && ts[k - 1].is_word() && skippable(text, lex, ts, k - 1) {
        k -= 1;
        skipped += 1;
    }
    // A party tag or note between name and verb: "Rep. Elijah Cummings (D-Md.) said".
    if k > 0 && ts[k - 1].is_punct(')') {
        let open = (k.saturating_sub(8)..k - 1)
            .rev()
            .find(|&i| ts[i].is_punct('('))?;
        k = open;
    }
    if k == 0 || !ts[k - 1].is_word() {
        return None;
    }
    let head = word(text, &ts[k - 1]);
    if Lexicon::has(&lex.pronouns, head) {
        return Some((k - 1, k));
    }
    // "Ted Cruz, who said ...", "voters who said ...": the antecedent through "who".
    if lower_eq(head, "who") && k >= 2 {
        let mut a = k - 1;
        if ts[a - 1].is_punct(',') {
            a -= 1;
        }
        return match subject_before(text, lex, ts, a) {
            Some((s, _)) if a > 0 => Some((s, k)),
            _ => Some((k - 1, k)),
        };
    }
    if Lexicon::has(&lex.np_stop, head) || is_determiner(head) || is_calendar(head) {
        return None;
    }
    let mut s = k - 1;
    if is_cap(head) {
        // A name: the run of capitalised words (with "de", "of", initials).
        while s > 0 && k - s < MAX_NP {
            let w = word(text, &ts[s - 1]);
            if w.is_empty() {
                break;
            }
            let joined =
                Lexicon::has(&LEXICON.joiner, w) && s >= 2 && is_cap(word(text, &ts[s - 2]));
            if (is_cap(w) && !Lexicon::has(&lex.np_stop, w) && !is_calendar(w)) || joined {
                s -= 1;
            } else {
                break;
            }
        }
        return Some((s, k));
    }
    // A description: back to its determiner ("a senior Ukrainian official").
    while s > 0 && k - s < MAX_NP {
        let w = word(text, &ts[s - 1]);
        if w.is_empty() || Lexicon::has(&lex.np_stop, w) || lex.cue(w).is_some() {
            break;
        }
        s -= 1;
        if is_determiner(w) {
            break;
        }
    }
    Some((s, k))
}

/// The speaker phrase starting at token `start` after an inverted cue ("said Alan Cole").
fn subject_after(text: &str, lex: &Lexicon, ts: &[Token], start: usize) -> Option<(usize, usize)> {
    let w = word(text, ts.get(start)?);
    if w.is_empty() || is_calendar(w) {
        return None;
    }
    if Lexicon::has(&lex.pronouns, w) {
        return Some((start, start + 1));
    }
    // "said 9/11 widow Terry Strada": a number may open a description.
    let cap = is_cap(w) || w.starts_with(|c: char| c.is_ascii_digit());
    if !cap && !is_determiner(w) {
        return None;
    }
    let mut e = start + 1;
    // A description is short ("the official", "a senior Ukrainian official"); a name may
    // run longer ("Rep. Elijah E. Cummings").
    let limit = if cap { MAX_NP } else { 5 };
    while e < ts.len() && e - start < limit {
        let n = word(text, &ts[e]);
        if n.is_empty()
            || Lexicon::has(&lex.skip, n)
            || Lexicon::has(&lex.np_stop, n)
            || lex.cue(n).is_some()
            || is_calendar(n)
        {
            break;
        }
        if cap && !is_cap(n) && !Lexicon::has(&LEXICON.joiner, n) {
            break;
        }
        e += 1;
    }
    Some((start, e))
}

fn span_of(ts: &[Token], r: (usize, usize)) -> Span {
    Span::new(ts[r.0].span.start, ts[r.1 - 1].span.end)
}

/// The first speaker-like phrase of a sentence, for participles with no other cue.
fn sentence_subject(
    text: &str,
    lex: &Lexicon,
    ts: &[Token],
    before: usize,
) -> Option<(usize, usize)> {
    let mut i = 0;
    // Skip an introductory phrase ("In August, ...").
    if let Some(c) = ts[..before.min(20)].iter().position(|t| t.is_punct(',')) {
        let first = word(text, &ts[0]);
        if Lexicon::has(&lex.np_stop, first)
            || is_calendar(first)
            || matches!(
                first,
                "In" | "On" | "At" | "After" | "Last" | "Earlier" | "During"
            )
        {
            i = c + 1;
        }
    }
    while i < before.min(i + 4) {
        let w = word(text, &ts[i]);
        if w.is_empty() {
            return None;
        }
        if Lexicon::has(&lex.pronouns, w) {
            return Some((i, i + 1));
        }
        if is_cap(w) || is_determiner(w) {
            let (s, e) = subject_after(text, lex, ts, i)?;
            return Some((s, e));
        }
        i += 1;
    }
    None
}

/// Where the reported clause after a cue starts: past dates, "in a statement", the
/// object of "told", to "that" when it comes within the window.
fn clause_start(text: &str, lex: &Lexicon, ts: &[Token], from: usize, object: bool) -> usize {
    let window = &ts[from..ts.len().min(from + MAX_GAP)];
    if let Some(t) = window.iter().position(|t| lower_eq(word(text, t), "that")) {
        let between = &window[..t];
        // Only when the words before "that" sit between cue and clause: a date, "in a
        // statement", or a short object.
        let plain = between.iter().all(|b| {
            b.is_word()
                && (Lexicon::has(&lex.after, word(text, b))
                    || Lexicon::has(&lex.objects, word(text, b))
                    || is_cap(word(text, b))
                    || is_calendar(word(text, b)))
        }) || (object && between.len() <= 4 && between.iter().all(Token::is_word));
        if plain {
            return from + t;
        }
    }
    // "called for", "calling on": the preposition belongs to the cue.
    let mut from = from;
    if from > 0
        && word(text, &ts[from - 1])
            .as_bytes()
            .get(..4)
            .is_some_and(|p| p.eq_ignore_ascii_case(b"call"))
        && ts
            .get(from)
            .is_some_and(|t| matches!(word(text, t), "for" | "on"))
    {
        from += 1;
    }
    let mut i = from;
    if object && i < ts.len() {
        // "told reporters", "told The Associated Press", "told him".
        let w = word(text, &ts[i]);
        if Lexicon::has(&lex.objects, w) || is_cap(w) || Lexicon::has(&lex.pronouns, w) {
            let det = is_determiner(w);
            i += 1;
            while i < ts.len() && i - from < 5 {
                let n = word(text, &ts[i]);
                let continues =
                    is_cap(n) || (det && !Lexicon::has(&lex.np_stop, n) && !lower_eq(n, "that"));
                if n.is_empty() || !continues {
                    break;
                }
                if det && !is_cap(n) && i - from >= 2 {
                    break;
                }
                i += 1;
            }
        }
    }
    while i < ts.len() && i - from < MAX_GAP {
        let w = word(text, &ts[i]);
        if is_calendar(w)
            || (Lexicon::has(&lex.after, w)
                && !lower_eq(w, "a")
                && !lower_eq(w, "the")
                && !lower_eq(w, "this"))
            || ts[i].is_punct(':')
            || ts[i].is_punct(',')
        {
            i += 1;
        } else {
            break;
        }
    }
    i
}

/// Where the clause after a cue ends: the sentence end, or before a following cue that
/// starts its own attribution (", adding that", ", according to", "and argues that").
fn clause_end(text: &str, ts: &[Token], from: usize, cues: &[Cue], me: usize) -> usize {
    let mut end = ts.len().min(from + MAX_CLAUSE);
    // Only the next few cues can cut this clause; later ones lie past its bound.
    for c in cues[me + 1..].iter().take(4) {
        if c.at < from {
            continue;
        }
        // Walk back over the next cue's own subject to a comma or conjunction.
        let mut b = c.at;
        let mut steps = 0;
        while b > from && steps < MAX_NP {
            let t = &ts[b - 1];
            let w = word(text, t);
            if t.is_punct(',')
                || t.is_punct(';')
                || t.is_punct('—')
                || lower_eq(w, "and")
                || lower_eq(w, "but")
            {
                end = b - 1;
                break;
            }
            if t.quote().is_some() {
                // `"a fragment," adding that ...`: the comma sits inside the marks.
                if c.participle && b == c.at {
                    end = b;
                }
                break;
            }
            b -= 1;
            steps += 1;
        }
        if end < ts.len().min(from + MAX_CLAUSE) {
            break;
        }
    }
    if let Some(semi) = ts[from..end].iter().position(|t| t.is_punct(';')) {
        end = from + semi;
    }
    end
}

/// Content span and kind of tokens `[s, e)`: direct when only quotations (and the
/// words of the frame between them) are reported, mixed when words and quotations are,
/// indirect otherwise.
fn content(
    ts: &[Token],
    quotes: &[Quoted],
    s: usize,
    e: usize,
    frame: Option<(usize, usize)>,
) -> Option<(Span, QuoteKind)> {
    let mut s = s;
    let mut e = e;
    let drop = |t: &Token| matches!(t.kind, Kind::Punct(_));
    while s < e && drop(&ts[s]) {
        s += 1;
    }
    while e > s && drop(&ts[e - 1]) {
        e -= 1;
    }
    if s >= e {
        return None;
    }
    let outside_frame = |i: usize| frame.is_none_or(|(fs, fe)| i < fs || i >= fe);
    let words = (s..e)
        .filter(|&i| ts[i].is_word() && outside_frame(i))
        .count();
    let nquotes = (s..e).filter(|&i| ts[i].quote().is_some()).count();
    if nquotes > 0 && words == 0 {
        let q = |i: usize| ts[i].quote().and_then(|q| quotes.get(q));
        let first = (s..e).find_map(q)?;
        let last = (s..e).rev().find_map(q)?;
        return Some((
            Span::new(first.inner.start, last.inner.end),
            QuoteKind::Direct,
        ));
    }
    if words < 2 && nquotes == 0 {
        return None;
    }
    let kind = if nquotes > 0 {
        QuoteKind::Mixed
    } else {
        QuoteKind::Indirect
    };
    Some((Span::new(ts[s].span.start, ts[e - 1].span.end), kind))
}

/// Attributions in one sentence, appended to `out`.
fn sentence(
    text: &str,
    lex: &Lexicon,
    ts: &[Token],
    para: usize,
    quotes: &[Quoted],
    out: &mut Vec<Found>,
    cues: &mut Vec<Cue>,
) {
    find_cues(text, lex, ts, cues);
    let cues = cues.as_slice();
    let first_here = out.len();
    let mut covered_quotes = false;
    for (ci, c) in cues.iter().enumerate() {
        let cue_span = Span::new(ts[c.at].span.start, ts[c.end - 1].span.end);
        let push = |out: &mut Vec<Found>,
                    found: Option<(Span, QuoteKind)>,
                    speaker: Speaker,
                    frame: Frame| {
            if let Some((span, kind)) = found {
                out.push(Found {
                    span,
                    kind,
                    cue: Some(cue_span),
                    speaker,
                    frame,
                    para,
                });
            }
        };
        if c.according {
            // "according to X, CLAUSE" or "CLAUSE, according to X".
            let np_end = (c.end..ts.len())
                .find(|&i| !ts[i].is_word())
                .unwrap_or(ts.len());
            if np_end == c.end {
                continue;
            }
            let speaker = Speaker::Phrase(span_of(ts, (c.end, np_end.min(c.end + MAX_NP + 3))));
            let found = if c.at == 0 || (c.at <= 2 && ts[..c.at].iter().all(|t| t.is_word())) {
                content(ts, quotes, np_end, ts.len(), None)
            } else {
                let start = cues[..ci]
                    .iter()
                    .rev()
                    .find(|p| !p.according)
                    .map_or(0, |_| 0);
                content(ts, quotes, start, c.at, None)
            };
            covered_quotes |= found.is_some_and(|f| f.1 != QuoteKind::Indirect);
            push(out, found, speaker, Frame::According);
            continue;
        }
        // "Asked whether he would run, Smith said ...": the question is reported too; its
        // asker is not named.
        if lower_eq(word(text, &ts[c.at]), "asked")
            && (c.at == 0 || (c.at == 1 && matches!(word(text, &ts[0]), "When" | "After" | "If")))
            && ts.get(c.end).is_some_and(|t| {
                matches!(
                    word(text, t),
                    "about"
                        | "if"
                        | "whether"
                        | "how"
                        | "what"
                        | "why"
                        | "who"
                        | "when"
                        | "specifically"
                )
            })
            && let Some(comma) =
                (c.end..ts.len().min(c.end + MAX_CLAUSE)).find(|&i| ts[i].is_punct(','))
        {
            let start = if lower_eq(word(text, &ts[c.end]), "about") {
                c.end + 1
            } else {
                c.end
            };
            let found = content(ts, quotes, start, comma, None);
            push(out, found, Speaker::Unknown, Frame::Cue);
            continue;
        }
        // "Said Dorothy Poynter, who grew up with Ali, “We were all so proud of him.”"
        if c.at == 0
            && !c.participle
            && let Some(r) = subject_after(text, lex, ts, c.end)
        {
            let mut q = skip_apposition(text, ts, r.1);
            while q < ts.len() && q - r.1 < 24 && ts[q].quote().is_none() {
                q += 1;
            }
            if q < ts.len() && ts[q - 1].is_punct(',') {
                let found = content(ts, quotes, q, ts.len(), None);
                covered_quotes |= found.is_some();
                push(out, found, Speaker::Phrase(span_of(ts, r)), Frame::Cue);
                continue;
            }
        }
        let before = subject_before(text, lex, ts, c.at);
        // "X confirmed it and said ...": a verb coordinated with an earlier one.
        let coordinated = before.is_none() && {
            let mut k = c.at;
            while k > 0 && ts[k - 1].is_word() && Lexicon::has(&lex.skip, word(text, &ts[k - 1])) {
                k -= 1;
            }
            k >= 2
                && (lower_eq(word(text, &ts[k - 1]), "and")
                    || lower_eq(word(text, &ts[k - 1]), "but")
                    // "..., then says ...".
                    || (ts[k - 1].is_punct(',') && lower_eq(word(text, &ts[k]), "then")))
        };
        if coordinated
            || (c.participle && before.is_none_or(|(s, _)| s > 0 && ts[s - 1].is_punct(',')))
        {
            // "..., adding that CLAUSE": the speaker of the clause it hangs on.
            let recent = out.len().saturating_sub(8).max(first_here);
            let speaker = match out[recent..]
                .iter()
                .rposition(|f| f.frame != Frame::Participle)
            {
                Some(i) => Speaker::SameAs(recent + i),
                None => match sentence_subject(text, lex, ts, c.at) {
                    Some(r) => Speaker::Phrase(span_of(ts, r)),
                    None => Speaker::Unknown,
                },
            };
            let s = clause_start(text, lex, ts, c.end, c.object);
            let e = clause_end(text, ts, s, cues, ci);
            let found = content(ts, quotes, s, e, None);
            covered_quotes |= found.is_some_and(|f| f.1 != QuoteKind::Indirect);
            push(out, found, speaker, Frame::Participle);
            continue;
        }
        // Inverted: `"QUOTE," said X` / `CLAUSE, said X`; or an apposition between
        // speaker and cue: `X, a spokesman for Y, said CLAUSE`.
        // The token before the cue, past "has", "also" ("Snyder, for his part, has denied").
        let mut k = c.at;
        while k > 1 && ts[k - 1].is_word() && Lexicon::has(&lex.skip, word(text, &ts[k - 1])) {
            k -= 1;
        }
        let after_comma = before.is_none()
            && c.at > 0
            && (ts[c.at - 1].is_punct(',')
                || ts[c.at - 1].quote().is_some()
                || is_dash(&ts[c.at - 1])
                || (k < c.at && ts[k - 1].is_punct(',')));
        // `X, host of “Morning Joe,” suggested`: the apposition ends inside a quotation.
        let quote_comma = k > 0
            && ts[k - 1].quote().is_some()
            && ts[k - 1]
                .span
                .of(text)
                .trim_end_matches(['"', '”', '’', '\''])
                .ends_with(',');
        let inversion = if after_comma {
            let after_quote =
                ts[c.at - 1].quote().is_some() || (c.at >= 2 && ts[c.at - 2].quote().is_some());
            subject_after(text, lex, ts, c.end).filter(|r| {
                let rest = skip_apposition(text, ts, r.1);
                after_quote
                    || ts.get(r.1).is_some_and(|t| t.is_punct(','))
                    || ts[rest..]
                        .iter()
                        .take(MAX_CLAUSE)
                        .filter(|t| t.is_word())
                        .count()
                        <= 4
                    || ts
                        .get(rest)
                        .is_some_and(|t| t.is_punct(',') || t.quote().is_some())
            })
        } else {
            None
        };
        // `X, a spokesman for Y, said`: an apposition wins over an inversion unless a
        // quotation comes right before the cue.
        let apposed = if after_comma
            && k > 0
            && (ts[k - 1].is_punct(',') || is_dash(&ts[k - 1]) || quote_comma)
        {
            apposition_subject(text, lex, ts, k - 1)
        } else {
            None
        };
        // "Gov. John Kasich (R-OH), said": a comma between a name and its verb, the
        // name (with its title and party tag) filling the whole stretch since the last
        // comma. Not an apposition, whose stretch is a description ("a spokesman for
        // Y"), nor a clause ending in a name ("... met Putin, said Smith").
        let spliced = if after_comma && k == c.at && ts[k - 1].is_punct(',') {
            subject_before(text, lex, ts, k - 1).filter(|&(s, _)| {
                let from = ts[..s]
                    .iter()
                    .rposition(|t| t.is_punct(',') || t.quote().is_some())
                    .map_or(0, |i| i + 1);
                is_cap(word(text, &ts[s]))
                    && ts[from..s].iter().all(|t| is_cap(word(text, t)))
                    && !ts[c.at - 2].is_word()
            })
        } else {
            None
        };
        let apposed = spliced.or(apposed);
        let inversion = inversion
            .filter(|_| apposed.is_none() || (c.at >= 2 && ts[c.at - 2].quote().is_some()));
        let inverted = inversion.is_some();
        let (subj, pre_end, post) = if let Some(r) = inversion {
            (r, c.at, skip_apposition(text, ts, r.1))
        } else if let Some(r) = apposed {
            (r, np_left_edge(text, lex, ts, r.0), c.end)
        } else {
            match before {
                Some(r) => (r, np_left_edge(text, lex, ts, r.0), c.end),
                None => continue,
            }
        };
        // "a group called Lashkar-e-Taiba", "a super PAC called Future45": naming, not
        // speech.
        if !inverted
            && lower_eq(word(text, &ts[c.at]), "called")
            && matches!(word(text, &ts[subj.0]), "a" | "an" | "A" | "An")
            && ts.get(c.end).is_some_and(|t| is_cap(word(text, t)))
        {
            continue;
        }
        let speaker = Speaker::Phrase(span_of(ts, subj));
        // What stands before the speaker: a clause closed by a comma or a quotation?
        let pre_closed = pre_end > 0 && {
            let t = &ts[pre_end - 1];
            t.is_punct(',') || t.quote().is_some() || t.is_punct('—') || t.is_punct('-')
        };
        let after = clause_start(text, lex, ts, post, c.object && !inverted);
        let starts_clause_after = after < ts.len()
            && (lower_eq(word(text, &ts[after]), "that")
                || ts[after.saturating_sub(1)].is_punct(':')
                || ts[after..]
                    .iter()
                    .take(MAX_CLAUSE)
                    .filter(|t| t.is_word() || t.quote().is_some())
                    .count()
                    >= 3
                || (ts[after].quote().is_some() && !ts[after - 1].is_punct(',')));
        // "that", a colon or a quotation right after the cue mark the clause as following.
        let explicit_after = after < ts.len()
            && after > 0
            && (lower_eq(word(text, &ts[after]), "that")
                || ts[after - 1].is_punct(':')
                || (ts[after].quote().is_some() && !ts[after - 1].is_punct(','))
                || (ts[after].quote().is_some()
                    && !ts[pre_end.saturating_sub(MAX_CLAUSE)..pre_end]
                        .iter()
                        .any(|t| t.quote().is_some())));
        let pre_quoted = ts[pre_end.saturating_sub(MAX_CLAUSE)..pre_end]
            .iter()
            .any(|t| t.quote().is_some());
        // After the cue: nothing much, or an adverbial ("at the opening", "after the
        // talks ended"), when the clause came first.
        let post_words = ts[after.min(ts.len())..]
            .iter()
            .take(MAX_CLAUSE)
            .filter(|t| t.is_word())
            .count();
        let post_adverbial = after >= ts.len()
            || post_words <= 2
            || is_intro(word(text, &ts[after]))
            || ts.get(post).is_some_and(|t| is_intro(word(text, t)))
            || ts[after].is_punct(',');
        // "In a post on X, Fidan described ...": an introductory phrase, not a clause.
        let pre_intro = !pre_quoted
            && ts.first().is_some_and(|t| {
                let w = word(text, t);
                Lexicon::has(&lex.subordinator, w) || (pre_end <= 14 && is_intro(w))
            });
        let cue_last = pre_closed
            && !explicit_after
            && (pre_quoted || (post_adverbial && !(pre_intro && post_words >= 3)));
        // "But to prevent problems, he said, local officials should be vigilant": a frame
        // set off by commas inside one clause reports the whole sentence.
        let parenthetical = !inverted
            && pre_end >= 2
            && ts[pre_end - 1].is_punct(',')
            && !pre_quoted
            && ts.get(post).is_some_and(|t| t.is_punct(','))
            && ts[post..]
                .iter()
                .take(MAX_CLAUSE)
                .filter(|t| t.is_word() || t.quote().is_some())
                .count()
                >= 2;
        if parenthetical {
            let start =
                previous_clause_start(ts, out, first_here).max(pre_end.saturating_sub(MAX_CLAUSE));
            let end = clause_end(text, ts, post + 1, cues, ci);
            let found = content(ts, quotes, start, end, Some((pre_end, post + 1)));
            covered_quotes |= found.is_some_and(|f| f.1 != QuoteKind::Indirect);
            push(out, found, speaker, Frame::Cue);
        } else if cue_last {
            // Cue last: the clause is what precedes. A quotation after the frame
            // (`"A," he said, "B."`) continues it.
            let mut e = pre_end;
            let tail = post;
            let mut j = tail;
            while j < ts.len() && (ts[j].is_punct(',') || ts[j].is_punct(':')) {
                j += 1;
            }
            // `"A," he said, but "B"`: the conjunction joins two parts of one quotation.
            if j + 1 < ts.len()
                && ts[j + 1].quote().is_some()
                && ["and", "but"]
                    .iter()
                    .any(|c| lower_eq(word(text, &ts[j]), c))
            {
                j += 1;
            }
            let frame_end;
            if j < ts.len() && ts[j].quote().is_some() {
                e = j + 1;
                while e < ts.len()
                    && (ts[e].quote().is_some() || matches!(ts[e].kind, Kind::Punct(_)))
                {
                    e += 1;
                }
                frame_end = j;
            } else if j < ts.len()
                && ts[j].is_word()
                && pre_end >= 2
                && ts[pre_end - 1].is_punct(',')
                && ts[tail..].iter().take(MAX_CLAUSE).any(|t| t.is_punct(','))
                && starts_clause_after
            {
                // "It was, the president said, CLAUSE": both sides.
                e = ts.len().min(j + MAX_CLAUSE);
                frame_end = j;
            } else {
                frame_end = pre_end;
            }
            let start =
                previous_clause_start(ts, out, first_here).max(pre_end.saturating_sub(MAX_CLAUSE));
            let found = content(ts, quotes, start, e, Some((pre_end.min(subj.0), frame_end)));
            covered_quotes |= found.is_some_and(|f| f.1 != QuoteKind::Indirect);
            push(out, found, speaker, Frame::Cue);
        } else {
            let s = clause_start(text, lex, ts, post, c.object && !inverted);
            // A clause never opens with "from" or "by": that is a place or an agent.
            if ts
                .get(s)
                .is_some_and(|t| Lexicon::has(&lex.preposition, word(text, t)))
            {
                continue;
            }
            let e = clause_end(text, ts, s, cues, ci);
            let found = content(ts, quotes, s, e, None);
            covered_quotes |= found.is_some_and(|f| f.1 != QuoteKind::Indirect);
            push(out, found, speaker, Frame::Cue);
        }
    }
    if covered_quotes || out.len() > first_here {
        return;
    }
    // `"QUOTE" ― Name`: a dash and a name closing a quote-only paragraph.
    let dash_at = ts.iter().rposition(|t| t.quote().is_some()).map(|i| i + 1);
    if let Some(d) = dash_at
        && let Some(dash) = ts.get(d)
        && let name = &ts[d + 1..]
        && matches!(dash.kind, Kind::Punct('―' | '—' | '–'))
        && !name.is_empty()
        && name.len() <= 8
        && name
            .iter()
            .all(|t| t.is_word() || t.is_punct('.') || t.is_punct(','))
        && name.first().is_some_and(|t| is_cap(word(text, t)))
        && let Some(first) = ts.iter().position(|t| t.quote().is_some())
        && let Some((span, QuoteKind::Direct)) =
            content(ts, quotes, first, ts.len() - name.len() - 1, None)
    {
        let end = name.iter().rposition(Token::is_word).map_or(1, |i| i + 1);
        let speaker = Span::new(name[0].span.start, name[end - 1].span.end);
        out.push(Found {
            span,
            kind: QuoteKind::Direct,
            cue: Some(dash.span),
            speaker: Speaker::Phrase(speaker),
            frame: Frame::Colon,
            para,
        });
        return;
    }
    // `X: "QUOTE"`: a colon right before a quotation, with a speaker before it.
    for (i, t) in ts.iter().enumerate() {
        if t.quote().is_some() && i >= 2 && ts[i - 1].is_punct(':') {
            let Some(r) = subject_before(text, lex, ts, i - 1) else {
                continue;
            };
            let Some((span, _)) = content(ts, quotes, i, i + 1, None) else {
                continue;
            };
            out.push(Found {
                span,
                kind: QuoteKind::Direct,
                cue: Some(ts[i - 1].span),
                speaker: Speaker::Phrase(span_of(ts, r)),
                frame: Frame::Colon,
                para,
            });
        }
    }
}

/// A word that opens an introductory phrase rather than a reported clause.
fn is_intro(w: &str) -> bool {
    is_calendar(w) || Lexicon::has(&LEXICON.intro, w)
}

fn is_dash(t: &Token) -> bool {
    matches!(t.kind, Kind::Punct('—' | '–' | '-'))
}

/// Where a cue-last clause starts: the sentence start, or just after the clause of an
/// earlier attribution in the same sentence.
fn previous_clause_start(ts: &[Token], out: &[Found], first_here: usize) -> usize {
    let Some(prev) = out[first_here..].last() else {
        return 0;
    };
    ts.partition_point(|t| t.span.start < prev.span.end)
}

/// Where the phrase ending at a speaker name starts, when a longer description precedes
/// it ("Donald Trump’s longtime confidant Roger Stone"): back over descriptive words to a
/// comma or dash, else the name itself.
fn np_left_edge(text: &str, lex: &Lexicon, ts: &[Token], s: usize) -> usize {
    let mut i = s;
    while i > 0 && s - i < MAX_NP {
        let t = &ts[i - 1];
        if t.is_punct(',') || t.is_punct('—') || t.quote().is_some() {
            return i;
        }
        let w = word(text, t);
        // "a narrator in the Clinton ad": prepositions may sit inside a description.
        let inner = matches!(w, "in" | "of" | "at" | "for" | "from" | "with" | "on");
        if w.is_empty() || (Lexicon::has(&lex.np_stop, w) && !inner) || lex.cue(w).is_some() {
            return s;
        }
        i -= 1;
    }
    if i == 0 { 0 } else { s }
}

/// `X, a spokesman for Y, said`: the speaker X before an apposition that ends with the
/// comma at `comma`.
fn apposition_subject(
    text: &str,
    lex: &Lexicon,
    ts: &[Token],
    comma: usize,
) -> Option<(usize, usize)> {
    let mut i = comma;
    // "--" is two tokens: the delimiter is its first.
    let mut comma = comma;
    while comma > 0 && is_dash(&ts[comma]) && is_dash(&ts[comma - 1]) {
        comma -= 1;
        i -= 1;
    }
    let delim = if ts[comma].quote().is_some() {
        Kind::Punct(',')
    } else {
        ts[comma].kind
    };
    while i > 0 && comma - i < 30 {
        let t = &ts[i - 1];
        // ", 56," (an age) is part of the apposition.
        if t.kind == delim
            && i >= 2
            && word(text, &ts[i - 2]).bytes().all(|b| b.is_ascii_digit())
            && !word(text, &ts[i - 2]).is_empty()
        {
            i -= 1;
            continue;
        }
        if t.kind == delim || (is_dash(t) && is_dash(&ts[comma])) {
            let mut i = i;
            while i >= 2 && is_dash(&ts[i - 2]) {
                i -= 1;
            }
            // "Her budget director, Alan Cho, said": the name is the apposition.
            let between = &ts[i..comma];
            let name_only = !between.is_empty()
                && between.len() <= 5
                && between.iter().all(|b| {
                    let w = word(text, b);
                    is_cap(w) || Lexicon::has(&LEXICON.joiner, w)
                })
                && !between.iter().any(|b| is_calendar(word(text, b)));
            if name_only {
                return Some((i, comma));
            }
            let r = subject_before(text, lex, ts, i - 1)?;
            let first = word(text, &ts[r.0]);
            return (is_cap(first) || is_determiner(first)).then_some(r);
        }
        let inner_ok = t.is_word()
            || t.quote().is_some()
            || matches!(
                t.kind,
                Kind::Punct('(' | ')' | '-' | '’' | '\'' | '$' | '%' | '.')
            );
        if !inner_ok {
            return None;
        }
        i -= 1;
    }
    None
}

/// Past an apposition after an inverted speaker ("said Alan Cole, an economist at X,").
fn skip_apposition(text: &str, ts: &[Token], from: usize) -> usize {
    if !ts.get(from).is_some_and(|t| t.is_punct(',')) {
        return from;
    }
    let mut i = from + 1;
    if !ts
        .get(i)
        .is_some_and(|t| is_determiner(word(text, t)) || is_cap(word(text, t)))
    {
        return from;
    }
    while i < ts.len() && i - from < 12 && ts[i].is_word() {
        i += 1;
    }
    i
}
