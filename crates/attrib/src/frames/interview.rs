//! Interviews: a question-and-answer transcript, its paragraphs opening `Q:`/`A:` (also
//! `Q.`, `Question:`, `Answer:`), or alternating between two labels in capitals, a
//! surname or initials (`RUIZ:`/`HALE:`, `DR:`/`TH:`). Each labelled paragraph is one
//! direct quotation, the words after the label; its speaker is
//! [`Speaker::Interview`](super::Speaker::Interview), resolved by `link` against the
//! people the introduction names: answers are the interviewee's, questions the
//! interviewer's.
//!
//! One pass over the paragraphs reads their labels; a document is an interview when it
//! has at least two questions and two answers, or exactly two name labels taking at
//! least two turns each. Unlabelled paragraphs between two labelled ones continue the
//! turn before them.

use std::sync::LazyLock;

use segment::Span;
use text::data_file;

use super::{Found, Frame, Speaker};
use crate::QuoteKind;
use crate::cues::{CUE_LEXICON, CueLexicon};

/// The role of a labelled paragraph.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Turn {
    /// `Q:`: the interviewer asks.
    Question,
    /// `A:`: the interviewee answers.
    Answer,
    /// `RUIZ:`, `DR:`: whoever the label names.
    Name,
}

/// Question and answer labels (`q question`, `a answer`), lower case.
static LABELS: LazyLock<Vec<(Turn, &'static str)>> = LazyLock::new(|| {
    data_file!("interview_labels.txt")
        .lines()
        .map(|l| {
            let [class, word] = l.columns::<2>();
            let turn = match class {
                "q" => Turn::Question,
                "a" => Turn::Answer,
                _ => l.malformed("expected class q or a"),
            };
            (turn, word)
        })
        .collect()
});

/// Nouns marking the interviewer ("reporter", "host"), lower case.
pub(crate) static INTERVIEWERS: LazyLock<Vec<&'static str>> = LazyLock::new(|| {
    data_file!("interviewers.txt")
        .lowercase_entries(false)
        .collect()
});

/// A paragraph's label: its turn, the label's span, the label's punctuation (the cue)
/// and where the words after it start.
#[derive(Clone, Copy, Debug)]
struct Label {
    turn: Turn,
    label: Span,
    cue: Span,
    start: usize,
}

/// The label opening paragraph `p`, if any: `Q:`, `Q.`, `Answer:`, or one to three
/// words in capitals and a colon.
fn label(text: &str, p: Span) -> Option<Label> {
    let s = p.of(text);
    let lead = s.len() - s.trim_start().len();
    let body = &s[lead..];
    // The label is short: its mark is in the first 24 bytes.
    let head = body.get(..body.len().min(24)).unwrap_or(body);
    let at = head.find([':', '.'])?;
    let word = &head[..at];
    let mark = head.as_bytes()[at];
    let after = &body[at + 1..];
    // Something is said after the label, after a space.
    if !after.starts_with([' ', '\t']) || !after.chars().any(char::is_alphabetic) {
        return None;
    }
    let turn = LABELS
        .iter()
        .find(|(_, w)| word.eq_ignore_ascii_case(w))
        .map(|&(t, _)| t);
    let turn = match turn {
        // "Q." and "A." only as single letters: "Answer." opens a sentence.
        Some(t) if mark == b':' || word.len() == 1 => t,
        Some(_) => return None,
        None if mark == b':' => {
            let words: Vec<&str> = word.split(' ').collect();
            let ok = words.len() <= 3
                // "WALLACE", "JC", or a name as written ("Bray", "Leader-Post"): the
                // turns below must still alternate between exactly two labels.
                && words.iter().all(|w| {
                    w.len() >= 2
                        && w.starts_with(|c: char| c.is_uppercase())
                        && w.chars().all(|c| c.is_alphabetic() || c == '\'' || c == '-' || c == '.')
                })
                && !CueLexicon::has(&CUE_LEXICON.section_label, words[0])
                && !CueLexicon::has(&CUE_LEXICON.label_stop, words[0]);
            if !ok {
                return None;
            }
            Turn::Name
        }
        None => return None,
    };
    let base = p.start + lead;
    let start = base + at + 1 + (after.len() - after.trim_start().len());
    Some(Label {
        turn,
        label: Span::new(base, base + at),
        cue: Span::new(base + at, base + at + 1),
        start,
    })
}

/// Whether two transcript labels name one person: the same words, the same surname
/// ("Tom Hale" and "Hale"), or one the initials of the other ("Tom Hale" and "TH").
pub(crate) fn same_person(a: &str, b: &str) -> bool {
    fn surname(s: &str) -> &str {
        s.rsplit(' ').next().unwrap_or(s)
    }
    let initials_of = |full: &str, short: &str| {
        full.contains(' ')
            && !short.contains(' ')
            && full
                .split(' ')
                .filter_map(|w| w.chars().next())
                .eq(short.chars())
    };
    a.eq_ignore_ascii_case(b)
        || surname(a).eq_ignore_ascii_case(surname(b))
        || initials_of(a, b)
        || initials_of(b, a)
}

/// The interview quotation of every paragraph, by paragraph index; `None` for a
/// paragraph that is no turn of an interview. Empty when the text is no interview.
pub(super) fn turns(text: &str, paragraphs: &[Span]) -> Vec<Option<Found>> {
    let labels: Vec<Option<Label>> = paragraphs.iter().map(|&p| label(text, p)).collect();
    let count = |t: Turn| labels.iter().flatten().filter(|l| l.turn == t).count();
    let qa = count(Turn::Question) >= 2 && count(Turn::Answer) >= 2;
    let names = if qa {
        false
    } else {
        // Exactly two people labelled, each taking at least two turns; a person's label
        // may be the full name first, then the surname or initials ("Tom Hale:",
        // "Hale:", "TH:").
        let mut seen: Vec<(&str, usize)> = Vec::new();
        for l in labels.iter().flatten().filter(|l| l.turn == Turn::Name) {
            let w = l.label.of(text);
            if let Some((_, n)) = seen.iter_mut().find(|(s, _)| same_person(s, w)) {
                *n += 1;
            } else if seen.len() < 3 {
                seen.push((w, 1));
            }
        }
        seen.len() == 2 && seen.iter().all(|&(_, n)| n >= 2)
    };
    if !qa && !names {
        return Vec::new();
    }
    let keep = |l: &Label| {
        if qa {
            l.turn != Turn::Name
        } else {
            l.turn == Turn::Name
        }
    };
    let last = labels.iter().rposition(|l| l.as_ref().is_some_and(keep));
    let mut out = vec![None; paragraphs.len()];
    let mut current: Option<Label> = None;
    for (pi, (&p, l)) in paragraphs.iter().zip(&labels).enumerate() {
        if Some(pi) > last {
            break;
        }
        let (l, start) = match l.filter(keep) {
            Some(l) => {
                current = Some(l);
                (l, l.start)
            }
            None => match current {
                // A turn running over several paragraphs.
                Some(c) => (c, p.start + (p.len() - p.of(text).trim_start().len())),
                None => continue,
            },
        };
        let end = p.start + p.of(text).trim_end().len();
        if start >= end {
            continue;
        }
        out[pi] = Some(Found {
            span: Span::new(start, end),
            kind: QuoteKind::Direct,
            cue: Some(l.cue),
            speaker: Speaker::Interview {
                turn: l.turn,
                label: l.label,
            },
            frame: Frame::Colon,
            para: pi,
            gap: None,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::{Document, QuoteKind, extract};

    /// `(text, [(quotation, speaker)])`: every quotation the text gives whose words are
    /// listed must have that speaker ("" for none), kind direct; a quotation listed with
    /// speaker "-" must not be found at all.
    type Row = (&'static str, &'static [(&'static str, &'static str)]);

    const ROWS: &[Row] = &[
        // Full names first, then surnames, then initials: two people all along.
        (
            "Captain Rosa Lindqvist took over the port in March. Reporter Tom Hale spoke \
             with her.\n\n\
             Tom Hale: What surprised you most?\n\n\
             Rosa Lindqvist: How busy the winter is.\n\n\
             Hale: Is the port safe?\n\n\
             Lindqvist: It is safe, but the channel needs dredging.\n\n\
             TH: When will you know?\n\n\
             RL: By the summer, I hope.",
            &[
                ("What surprised you most?", "Tom Hale"),
                ("How busy the winter is.", "Rosa Lindqvist"),
                ("Is the port safe?", "Tom Hale"),
                (
                    "It is safe, but the channel needs dredging.",
                    "Rosa Lindqvist",
                ),
                ("When will you know?", "Tom Hale"),
                ("By the summer, I hope.", "Rosa Lindqvist"),
            ],
        ),
        // Q/A, the subject named first, the interviewer marked "reporter".
        (
            "Mayor Dana Ruiz sat down with reporter Tom Hale to discuss the budget.\n\n\
             Q: Why did the bridge cost so much?\n\n\
             A: Steel prices doubled in a year.\n\n\
             Q: Will taxes go up?\n\n\
             A: Not this year. We have reserves.",
            &[
                ("Why did the bridge cost so much?", "Tom Hale"),
                ("Steel prices doubled in a year.", "Dana Ruiz"),
                ("Will taxes go up?", "Tom Hale"),
                ("Not this year. We have reserves.", "Dana Ruiz"),
            ],
        ),
        // `Q.`/`A.`, the interviewer unnamed; an answer over two paragraphs.
        (
            "This is an edited interview with Senator Maria Lopez about the farm bill.\n\n\
             Q. What is in the bill?\n\n\
             A. Money for farmers who lost crops.\n\n\
             And money for rural roads.\n\n\
             Q. When is the vote?\n\n\
             A. Next week, if we are lucky.",
            &[
                ("What is in the bill?", ""),
                ("Money for farmers who lost crops.", "Maria Lopez"),
                ("And money for rural roads.", "Maria Lopez"),
                ("Next week, if we are lucky.", "Maria Lopez"),
            ],
        ),
        // `Question:`/`Answer:`.
        (
            "Host Sam Reed spoke with novelist Ines Moreau about her new book.\n\n\
             Question: Where did the story come from?\n\n\
             Answer: From my grandmother's letters.\n\n\
             Question: Was it hard to write?\n\n\
             Answer: Every page of it was hard.",
            &[
                ("Where did the story come from?", "Sam Reed"),
                ("From my grandmother's letters.", "Ines Moreau"),
                ("Every page of it was hard.", "Ines Moreau"),
            ],
        ),
        // Surname labels.
        (
            "Mayor Dana Ruiz sat down with reporter Tom Hale to discuss the budget.\n\n\
             HALE: Why did the bridge cost so much?\n\n\
             RUIZ: Steel prices doubled in a year.\n\n\
             HALE: Will taxes go up?\n\n\
             RUIZ: Not this year. We have reserves.",
            &[
                ("Why did the bridge cost so much?", "Tom Hale"),
                ("Steel prices doubled in a year.", "Dana Ruiz"),
                ("Not this year. We have reserves.", "Dana Ruiz"),
            ],
        ),
        // Initials.
        (
            "Mayor Dana Ruiz sat down with reporter Tom Hale to discuss the budget.\n\n\
             TH: Why did the bridge cost so much?\n\n\
             DR: Steel prices doubled in a year.\n\n\
             TH: Will taxes go up?\n\n\
             DR: Not this year. We have reserves.",
            &[
                ("Why did the bridge cost so much?", "Tom Hale"),
                ("Steel prices doubled in a year.", "Dana Ruiz"),
                ("Will taxes go up?", "Tom Hale"),
                ("Not this year. We have reserves.", "Dana Ruiz"),
            ],
        ),
        // A normal article with a stray "A:" is no interview.
        (
            "Mayor Dana Ruiz said on Monday that the bridge cost more than planned.\n\n\
             The council will vote on two options.\n\n\
             A: a tax on fuel to pay for the overrun.\n\n\
             \"We have reserves,\" Ruiz said.",
            &[
                ("a tax on fuel to pay for the overrun.", "-"),
                ("We have reserves,", "Dana Ruiz"),
            ],
        ),
        // Name labels as written, not in capitals.
        (
            "Chief Evan Bray has led the service since 2016. He spoke to the Leader-Post.\n\n\
             Leader-Post: Is crime going up?\n\n\
             Bray: Some kinds are. Fraud is way up.\n\n\
             Leader-Post: What would you change?\n\n\
             Bray: I'd hire more analysts.",
            &[
                ("Is crime going up?", "Leader-Post"),
                ("Some kinds are. Fraud is way up.", "Evan Bray"),
                ("I'd hire more analysts.", "Evan Bray"),
            ],
        ),
    ];

    #[test]
    fn interviews() {
        for &(text, want) in ROWS {
            let doc = Document::new("d", text);
            let ex = extract(&doc);
            for &(words, speaker) in want {
                let q = ex.quotes.iter().find(|q| q.span.of(text) == words);
                if speaker == "-" {
                    assert!(q.is_none(), "{words:?} found in {text:?}");
                    continue;
                }
                let q = q.unwrap_or_else(|| panic!("{words:?} not found in {text:?}"));
                assert_eq!(q.kind, QuoteKind::Direct, "{words:?}");
                let got = ex.speaker(q).map_or("", |e| e.canonical.as_str());
                assert_eq!(got, speaker, "{words:?} in {text:?}");
            }
        }
    }
}
