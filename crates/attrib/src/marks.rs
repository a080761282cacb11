//! Quote-mark pairing: which stretches of text stand inside quotation marks.
//!
//! News text mixes every style: straight `"…"`, curly `“…”`, British `‘…’`, `«…»`,
//! German `„…“`, `‹…›`, and mixtures such as a curly opener closed by a straight mark.
//! Which characters are marks, and of which family, is `text::quotes`'s to say (the
//! segmenter reads the same). Marks are
//! paired within one paragraph, so an unbalanced mark can never swallow the document; the
//! only exception is the newspaper convention for a quotation running over several
//! paragraphs (every continuing paragraph opens with a mark, only the last one closes),
//! which is followed for at most [`MAX_CONTINUED`] paragraphs.

use segment::Span;
use text::quotes::{QuoteFamily as Family, family as mark_family, is_quote_mark, may_start_mark};
use text::swar::{HI, has_byte, load};

/// How many paragraphs a quotation may run on for before it is treated as unbalanced.
const MAX_CONTINUED: usize = 12;
/// Nesting deeper than this is not tracked (real text rarely goes past two levels).
const MAX_DEPTH: usize = 6;

/// One top-level quotation inside one paragraph.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Quoted {
    /// The quotation with its marks.
    pub outer: Span,
    /// The words inside the marks.
    pub inner: Span,
    /// Index of the paragraph it lies in.
    pub para: usize,
    /// True when this piece continues a quotation opened in the previous paragraph.
    pub continued: bool,
    /// True when the quotation runs on into the next paragraph (no closing mark here).
    pub runs_on: bool,
}

/// Outer start, outer end, inner start, inner end (paragraph-relative).
type Pair = (usize, usize, usize, usize);

/// A mark still waiting for its closer.
#[derive(Clone, Copy, Debug)]
struct Open {
    family: Family,
    /// Byte offset of the mark.
    at: usize,
    /// The mark itself (German `„` is closed by `“`).
    ch: char,
}

/// Punctuation after which a mark may open a quotation ("(“", "—“").
fn is_open_punct(c: char) -> bool {
    matches!(c, '(' | '[' | '{' | '—' | '–' | '-' | '/' | ':')
}

/// The paragraph's text pieces around byte `i` of a mark of length `len`.
struct Around {
    prev: Option<char>,
    next: Option<char>,
    next2: Option<char>,
}

impl Around {
    fn at(para: &str, i: usize, len: usize) -> Around {
        let prev = para[..i].chars().next_back();
        let mut rest = para[i + len..].chars();
        let next = rest.next();
        let next2 = rest.next();
        Around { prev, next, next2 }
    }
    /// Could open: followed by text, preceded by space, start, or opening punctuation.
    fn left_flanking(&self) -> bool {
        let next_ok = self.next.is_some_and(|c| !c.is_whitespace());
        let prev_ok = self
            .prev
            .is_none_or(|c| c.is_whitespace() || is_open_punct(c) || is_quote_mark(c));
        next_ok && prev_ok
    }
    /// Could close: preceded by text, followed by space, end, or punctuation.
    fn right_flanking(&self) -> bool {
        let prev_ok = self.prev.is_some_and(|c| !c.is_whitespace());
        let next_ok = self.next.is_none_or(|c| {
            c.is_whitespace()
                || (c.is_ascii_punctuation() && c != '(')
                || is_quote_mark(c)
                || c == '—'
                || c == '–'
        });
        prev_ok && next_ok
    }
    /// An apostrophe rather than a quote mark: `don’t`, `’90s`, possessive `Jones’ car`.
    fn apostrophe(&self) -> bool {
        let alnum = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
        if alnum(self.prev) && alnum(self.next) {
            return true;
        }
        if self.next.is_some_and(|c| c.is_ascii_digit()) {
            return true;
        }
        // Plural possessive followed by a lower-case word: "the Joneses’ house".
        self.prev == Some('s')
            && self.next.is_some_and(char::is_whitespace)
            && self.next2.is_some_and(char::is_lowercase)
    }
}

/// Every top-level quotation in `text`, in order, given its paragraph spans.
pub fn find(text: &str, paragraphs: &[Span]) -> Vec<Quoted> {
    let mut out = Vec::new();
    // Buffers reused from paragraph to paragraph.
    let (mut stack, mut pairs, mut tops) = (Vec::new(), Vec::new(), Vec::<Pair>::new());
    // A quotation left open at the end of the previous paragraph, and how long it has run.
    let mut carried: Option<(Family, usize)> = None;
    for (pi, p) in paragraphs.iter().enumerate() {
        let para = p.of(text);
        let next_para = paragraphs.get(pi + 1).map(|n| n.of(text));
        let start_len = out.len();
        let open_at_end = pair_paragraph(para, &mut stack, &mut pairs);
        let mut carried_in = None;
        if let Some((family, run)) = carried.take() {
            // This paragraph must open with a mark of the same family to continue it.
            if let Some((first, _)) = para.char_indices().next()
                && mark_family(para.chars().next().unwrap_or(' ')) == Some(family)
                && first == 0
            {
                carried_in = Some(run);
            }
        }
        // Top-level pairs: sorted by start (longest first), each one not inside the last
        // kept one. One sweep, so linear after the sort.
        pairs.sort_unstable_by_key(|&(s, e, ..)| (s, std::cmp::Reverse(e)));
        tops.clear();
        for &p in pairs.iter() {
            if tops.last().is_none_or(|t: &Pair| p.0 >= t.1) {
                tops.push(p);
            }
        }
        // An opener left unclosed at the paragraph end: a run-on quotation when the next
        // paragraph opens with a mark, a missing closing mark when it opened the paragraph.
        let mut runs_on = None;
        if let Some(o) = open_at_end {
            let outside_pairs = !tops.iter().any(|&(s, e, ..)| s <= o.at && o.at < e);
            let next_opens = next_para
                .and_then(|n| n.chars().next())
                .is_some_and(|c| mark_family(c) == Some(o.family));
            if outside_pairs && (next_opens || o.at == 0) {
                let len = o.ch.len_utf8();
                let inner_end = para.trim_end().len();
                tops.retain(|&(s, ..)| s < o.at);
                tops.push((o.at, para.len(), o.at + len, inner_end.max(o.at + len)));
                if next_opens {
                    runs_on = Some(o.family);
                }
            }
        }
        tops.sort_unstable();
        for &(s, e, is, ie) in tops.iter() {
            out.push(Quoted {
                outer: Span::new(p.start + s, p.start + e),
                inner: Span::new(p.start + is, p.start + ie),
                para: pi,
                continued: false,
                runs_on: false,
            });
        }
        if let Some(run) = carried_in
            && let Some(q) = out.get_mut(start_len)
            && q.outer.start == p.start
        {
            q.continued = true;
            carried = runs_on
                .filter(|_| run < MAX_CONTINUED)
                .map(|f| (f, run + 1));
        } else {
            carried = runs_on.map(|f| (f, 1));
        }
        if runs_on.is_some()
            && let Some(q) = out.last_mut()
        {
            q.runs_on = carried.is_some();
        }
    }
    out
}

/// The first byte at or after `from` that may start a quote mark: `"`, `'`, 0xE2 or 0xC2.
/// Eight bytes at a time: prose has few of them.
fn next_mark_byte(bytes: &[u8], from: usize) -> Option<usize> {
    let is_mark = |b: &u8| may_start_mark(*b);
    let mut i = from;
    while i + 8 <= bytes.len() {
        let w = load(bytes, i);
        // Any non-ASCII byte (0xE2 and 0xC2 among them) or a straight quote: look at
        // these eight bytes one by one, and go on past them if that was a false alarm.
        if (w & HI != 0 || has_byte(w, b'"') || has_byte(w, b'\''))
            && let Some(k) = bytes[i..i + 8].iter().position(is_mark)
        {
            return Some(i + k);
        }
        i += 8;
    }
    bytes.get(i..)?.iter().position(is_mark).map(|k| i + k)
}

/// Completed pairs in one paragraph as (outer start, outer end, inner start, inner end),
/// paragraph-relative; and the outermost opener still open at the end, if any.
/// `stack` and `pairs` are buffers reused from paragraph to paragraph (cleared here).
fn pair_paragraph(
    para: &str,
    stack_buf: &mut Vec<Open>,
    pairs_buf: &mut Vec<Pair>,
) -> Option<Open> {
    let mut stack = std::mem::take(stack_buf);
    let mut pairs = std::mem::take(pairs_buf);
    stack.clear();
    pairs.clear();
    // Every mark is '"', '\'' or starts with byte 0xE2 (curly, „, ‹ ›) or 0xC2 (« »): look
    // only there instead of decoding every character.
    let bytes = para.as_bytes();
    let mut from = 0;
    while let Some(i) = next_mark_byte(bytes, from) {
        from = i + 1;
        let Some(c) = para.get(i..).and_then(|r| r.chars().next()) else {
            continue;
        };
        let Some(family) = mark_family(c) else {
            continue;
        };
        let len = c.len_utf8();
        let a = Around::at(para, i, len);
        let open_pos = |fam: Family, stack: &[Open]| stack.iter().rposition(|o| o.family == fam);
        let close = |stack: &mut Vec<Open>, pos: usize, pairs: &mut Vec<_>| {
            let o: Open = stack[pos];
            stack.truncate(pos);
            pairs.push((o.at, i + len, o.at + o.ch.len_utf8(), i));
        };
        let push = |stack: &mut Vec<Open>| {
            if stack.len() < MAX_DEPTH {
                stack.push(Open {
                    family,
                    at: i,
                    ch: c,
                });
            }
        };
        match c {
            '“' | '„' | '‟' | '«' | '‹' => {
                let open = open_pos(family, &stack);
                let closes_german = c == '“' && open.is_some_and(|p| stack[p].ch == '„');
                let misused_closer =
                    c == '“' && open.is_some() && a.right_flanking() && !a.left_flanking();
                match open {
                    Some(p) if closes_german || misused_closer => close(&mut stack, p, &mut pairs),
                    _ => push(&mut stack),
                }
            }
            '”' | '»' | '›' => match open_pos(family, &stack) {
                Some(p) => close(&mut stack, p, &mut pairs),
                // A closer used as an opener (some feeds use ” for both).
                None if (a.left_flanking() && !a.right_flanking()) || i == 0 => push(&mut stack),
                None => {}
            },
            '"' => match open_pos(family, &stack) {
                Some(p) if a.right_flanking() || !a.left_flanking() => {
                    close(&mut stack, p, &mut pairs)
                }
                Some(_) | None if a.left_flanking() => push(&mut stack),
                Some(p) => close(&mut stack, p, &mut pairs),
                None => {}
            },
            '‘' | '‚' | '‛' => {
                if !a.apostrophe() && (a.left_flanking() || !a.right_flanking()) {
                    push(&mut stack)
                }
            }
            _ => {
                // ’ or ': closes an open single quote; a straight one may open one.
                if a.apostrophe() {
                    continue;
                }
                let top_single = stack.last().is_some_and(|o| o.family == Family::Single);
                if top_single && a.right_flanking() {
                    let p = stack.len() - 1;
                    close(&mut stack, p, &mut pairs);
                } else if c == '\'' && a.left_flanking() && !a.right_flanking() {
                    push(&mut stack);
                }
            }
        }
    }
    // Empty pairs ("" or a stray mark doubled) say nothing.
    pairs.retain(|&(_, _, is, ie)| !para[is..ie].trim().is_empty());
    let open = stack.iter().copied().find(|o| o.family != Family::Single);
    *stack_buf = stack;
    *pairs_buf = pairs;
    open
}

#[cfg(test)]
mod tests {
    use super::*;

    fn quotes(text: &str) -> Vec<&str> {
        let paras = segment::paragraphs(text);
        find(text, &paras)
            .into_iter()
            .map(|q| q.inner.of(text))
            .collect()
    }

    #[test]
    fn straight_and_curly() {
        assert_eq!(quotes(r#"He said "yes" and “no”."#), vec!["yes", "no"]);
    }

    #[test]
    fn curly_open_straight_close() {
        let t = "as “a significant one for world peace,\" adding that “Türkiye will act.\"";
        assert_eq!(
            quotes(t),
            vec!["a significant one for world peace,", "Türkiye will act."]
        );
    }

    #[test]
    fn british_with_apostrophes() {
        let t = "‘We don’t want the ’90s back at Jones’ house,’ she said.";
        assert_eq!(
            quotes(t),
            vec!["We don’t want the ’90s back at Jones’ house,"]
        );
    }

    #[test]
    fn nested_is_inside() {
        let t = "“He called it ‘a farce’ today,” she said.";
        assert_eq!(quotes(t), vec!["He called it ‘a farce’ today,"]);
    }

    #[test]
    fn guillemets_and_german() {
        assert_eq!(quotes("Il a dit «non» et „ja“."), vec!["non", "ja"]);
        assert_eq!(
            quotes("«Er sagte ‹nein› heute», und ‹oui›."),
            vec!["Er sagte ‹nein› heute", "oui"]
        );
        assert_eq!(quotes("He said ‛maybe’ twice."), vec!["maybe"]);
    }

    #[test]
    fn next_mark_byte_is_position() {
        let text = "plain words then “curly” and \"straight\" and «g» ‹s› end".as_bytes();
        for from in 0..=text.len() {
            let want = text[from..]
                .iter()
                .position(|&b| may_start_mark(b))
                .map(|k| from + k);
            assert_eq!(next_mark_byte(text, from), want, "{from}");
        }
    }

    #[test]
    fn multi_paragraph() {
        let t = "“First part.\n\n“Second part.\n\n“Last part,” he said.\n\nAfter.";
        let paras = segment::paragraphs(t);
        let q = find(t, &paras);
        assert_eq!(q.len(), 3);
        assert!(q[0].runs_on && !q[0].continued);
        assert!(q[1].runs_on && q[1].continued);
        assert!(!q[2].runs_on && q[2].continued);
        assert_eq!(q[2].inner.of(t), "Last part,");
    }

    #[test]
    fn closing_mark_opening_a_paragraph() {
        assert_eq!(
            quotes("” … he delivered,” Barabak wrote."),
            vec![" … he delivered,"]
        );
    }

    #[test]
    fn unbalanced_stays_in_paragraph() {
        let t = "He said \"this never closes.\n\nNext paragraph \"quoted\" here.";
        assert_eq!(quotes(t), vec!["quoted"]);
    }
}
