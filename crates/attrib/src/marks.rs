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
    /// The mark itself (German `„` is closed by `“`); `"` for two apostrophes `''`, `“`
    /// for `‘‘`.
    ch: char,
    /// The mark's length in bytes (two apostrophes are one mark).
    len: usize,
}

/// Punctuation after which a mark may open a quotation ("(“", "—“").
fn is_open_punct(c: char) -> bool {
    matches!(c, '(' | '[' | '{' | '—' | '–' | '-' | '/' | ':')
}

/// The paragraph's text pieces around byte `i` of a mark of length `len`.
struct Around {
    prev2: Option<char>,
    prev: Option<char>,
    next: Option<char>,
    next2: Option<char>,
}

impl Around {
    fn at(para: &str, i: usize, len: usize) -> Around {
        let mut before = para[..i].chars();
        let prev = before.next_back();
        let prev2 = before.next_back();
        let mut rest = para[i + len..].chars();
        let next = rest.next();
        let next2 = rest.next();
        Around {
            prev2,
            prev,
            next,
            next2,
        }
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
        // One letter between apostrophes: "rock 'n' roll", "rock ’n’ roll"; a lower-case
        // one, as 'I've lost count' opens a quotation with the word "I've".
        let apos = |c: Option<char>| matches!(c, Some('\'' | '’' | '‘'));
        let letter = |c: Option<char>| c.is_some_and(char::is_lowercase);
        if (letter(self.next) && apos(self.next2) && !alnum(self.prev))
            || (letter(self.prev) && apos(self.prev2) && !alnum(self.next))
        {
            return true;
        }
        // Plural possessive followed by a lower-case word: "the Joneses’ house".
        self.prev == Some('s')
            && self.next.is_some_and(char::is_whitespace)
            && self.next2.is_some_and(char::is_lowercase)
    }
}

/// Words English writes with a leading apostrophe for a dropped beginning (`'em`,
/// `'til`): the apostrophe before them opens no quotation (`data/elisions.txt`).
static ELIDED: std::sync::LazyLock<Vec<&'static str>> = std::sync::LazyLock::new(|| {
    text::data_file!("elisions.txt")
        .lines()
        .map(|l| {
            let w = l.text;
            if w.len() > 5 || !w.bytes().all(|b| b.is_ascii_lowercase()) {
                l.malformed("expected a lower-case word of at most five letters");
            }
            w
        })
        .collect()
});

/// True when the word starting at byte `at` of `para` (lower-case letters up to a
/// non-letter) is one of [`ELIDED`].
fn elided_word(para: &str, at: usize) -> bool {
    let rest = &para.as_bytes()[at.min(para.len())..];
    let n = rest.iter().take_while(|b| b.is_ascii_lowercase()).count();
    n > 0
        && n <= 5
        && !rest
            .get(n)
            .is_some_and(|b| b.is_ascii_alphanumeric() || *b >= 0x80)
        && ELIDED.iter().any(|w| w.as_bytes() == &rest[..n])
}

/// A mark written as two single marks, read as one double mark: the two apostrophes
/// `''` of the New York Times archive and of typewritten copy, and the doubled curly
/// `‘‘` / `’’` some feeds make of them. Returns the double mark it stands for and its
/// length in bytes. In a run of three apostrophes a single quotation closes inside a
/// double one (`'no.'''`, read `'` then `''`) or opens inside it (`'''Sir,`, read `''`
/// then `'`): the first apostrophe is a single mark when a single quotation is open.
fn doubled(para: &str, i: usize, c: char, stack: &[Open]) -> Option<(char, usize)> {
    let rest = &para.as_bytes()[i..];
    match c {
        '\'' => {
            let run = rest.iter().take_while(|&&b| b == b'\'').count();
            let single_open = stack.last().is_some_and(|o| o.family == Family::Single);
            (run >= 2 && !(run % 2 == 1 && single_open)).then_some(('"', 2))
        }
        '‘' if rest[3..].starts_with("‘".as_bytes()) => Some(('“', 6)),
        '’' if rest[3..].starts_with("’".as_bytes()) => Some(('”', 6)),
        _ => None,
    }
}

/// The family of the mark that opens `para`, reading `''` and `‘‘` as double marks.
fn lead_family(para: &str) -> Option<Family> {
    if para.starts_with("''") || para.starts_with("‘‘") {
        return Some(Family::Double);
    }
    para.chars().next().and_then(mark_family)
}

/// The mark that closes one opened by `open` in the reversed conventions: German `„…“`
/// and `‚…‘`, Danish and German `»…«` and `›…‹`.
fn reversed_closer(open: char) -> Option<char> {
    match open {
        '„' => Some('“'),
        '‚' => Some('‘'),
        '»' => Some('«'),
        '›' => Some('‹'),
        _ => None,
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
            if lead_family(para) == Some(family) {
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
            let next_opens = next_para.is_some_and(|n| lead_family(n) == Some(o.family));
            // A single mark left open is most often an apostrophe taken for one: only a
            // paragraph-opening single mark continued by the next paragraph runs on.
            let single_ok = o.family != Family::Single || (o.at == 0 && next_opens);
            if outside_pairs && single_ok && (next_opens || o.at == 0) {
                let len = o.len;
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
        let (c, family, len) = match doubled(para, i, c, &stack) {
            Some((d, len)) => (d, Family::Double, len),
            None => (c, family, c.len_utf8()),
        };
        from = i + len;
        let a = Around::at(para, i, len);
        let open_pos = |fam: Family, stack: &[Open]| stack.iter().rposition(|o| o.family == fam);
        let close = |stack: &mut Vec<Open>, pos: usize, pairs: &mut Vec<_>| {
            let o: Open = stack[pos];
            stack.truncate(pos);
            pairs.push((o.at, i + len, o.at + o.len, i));
        };
        let push = |stack: &mut Vec<Open>| {
            if stack.len() < MAX_DEPTH {
                stack.push(Open {
                    family,
                    at: i,
                    ch: c,
                    len,
                });
            }
        };
        match c {
            '“' | '„' | '‟' | '«' | '‹' => {
                let open = open_pos(family, &stack);
                let closes_german = open.is_some_and(|p| reversed_closer(stack[p].ch) == Some(c));
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
                let open = open_pos(family, &stack);
                // German `‚…‘`: the high mark closes the low one.
                let closes_low = c == '‘'
                    && a.right_flanking()
                    && open.is_some_and(|p| reversed_closer(stack[p].ch) == Some(c));
                match open {
                    Some(p) if closes_low => close(&mut stack, p, &mut pairs),
                    _ if !a.apostrophe()
                        && !elided_word(para, i + len)
                        && (a.left_flanking() || !a.right_flanking()) =>
                    {
                        push(&mut stack)
                    }
                    _ => {}
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
                } else if c == '\''
                    && a.left_flanking()
                    && !a.right_flanking()
                    && !elided_word(para, i + len)
                {
                    push(&mut stack);
                }
            }
        }
    }
    // Empty pairs ("" or a stray mark doubled) say nothing.
    pairs.retain(|&(_, _, is, ie)| !para[is..ie].trim().is_empty());
    let open = stack
        .iter()
        .copied()
        .find(|o| o.family != Family::Single)
        .or_else(|| stack.first().copied().filter(|o| o.at == 0));
    *stack_buf = stack;
    *pairs_buf = pairs;
    open
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn elisions_file_is_well_formed() {
        assert!(ELIDED.contains(&"em") && ELIDED.contains(&"twas"));
        let mut seen = std::collections::HashSet::new();
        assert!(
            ELIDED.iter().all(|w| seen.insert(*w)),
            "a word listed twice"
        );
    }

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
        // A capital letter after the opening mark is a word, not "rock 'n' roll".
        let t = "Cole told the BBC: 'I've lost count of the days.'";
        assert_eq!(quotes(t), vec!["I've lost count of the days."]);
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

    /// House styles: (text, the quotations' inner words).
    const STYLES: &[(&str, &[&str])] = &[
        // Two apostrophes as the double mark (New York Times archive, typewritten copy).
        (
            "''That's Mexico's vulnerability,'' said Luis Rubio. ''It's all.''",
            &["That's Mexico's vulnerability,", "It's all."],
        ),
        ("the show, ''Politicking.'' Democrats", &["Politicking."]),
        // A single quotation closing or opening inside one: three apostrophes.
        (
            "''He said, 'You weren't in line,''' Ms. Compton recalled.",
            &["He said, 'You weren't in line,'"],
        ),
        (
            "''I would use the word 'old-school,''' said Mr. Slayton.",
            &["I would use the word 'old-school,'"],
        ),
        ("'''College Bowl,''' he replied.", &["'College Bowl,'"]),
        // Apostrophes inside them stay apostrophes.
        (
            "''The dogs' bowls in the '90s, rock 'n' roll,'' she said.",
            &["The dogs' bowls in the '90s, rock 'n' roll,"],
        ),
        (
            "shouting ''Get 'em out of here'' and ''Be nice.''",
            &["Get 'em out of here", "Be nice."],
        ),
        // Doubled curly single marks.
        ("with a “question’’ that amounted", &["question"]),
        ("He said ‘‘not now’’ twice.", &["not now"]),
        // German: „…“ with ‚…‘ inside, and ‚…‘ alone.
        (
            "Er sagte: „Das ist ‚unmöglich‘ heute.“ Dann ging er.",
            &["Das ist ‚unmöglich‘ heute."],
        ),
        ("Sie nannte es ‚absurd‘ und ging.", &["absurd"]),
        // Reversed guillemets (Danish, German books) with ›…‹ inside.
        (
            "Han sagde: »Det er ›umuligt‹ i dag.« Så gik han.",
            &["Det er ›umuligt‹ i dag."],
        ),
        ("»Nein«, sagte er, »niemals.«", &["Nein", "niemals."]),
        // Swiss/French ‹…› and Swedish »…».
        ("Er sagte ‹nie› und ging.", &["nie"]),
        ("Han sa »aldrig» och gick.", &["aldrig"]),
        // British copy: single marks outside, double inside.
        (
            "'We don't want the \"so-called experts\" here,' she said. 'Not at the Joneses' house.'",
            &[
                "We don't want the \"so-called experts\" here,",
                "Not at the Joneses' house.",
            ],
        ),
        (
            "‘The players’ union is wrong,’ he said, ‘and they know it.’",
            &["The players’ union is wrong,", "and they know it."],
        ),
        // Elisions are no quote marks.
        ("We'll rock 'n' roll 'til dawn, he said.", &[]),
        ("Let 'em talk, he said 'cause he can.", &[]),
    ];

    #[test]
    fn house_styles() {
        for (text, want) in STYLES {
            assert_eq!(&quotes(text), want, "{text}");
        }
    }

    #[test]
    fn multi_paragraph_styles() {
        for t in [
            "''First part.\n\n''Second part.\n\n''Last part,'' he said.\n\nAfter.",
            "‘First part.\n\n‘Second part.\n\n‘Last part,’ he said.\n\nAfter.",
            "'First part.\n\n'Second part.\n\n'Last part,' he said.\n\nAfter.",
            "»First part.\n\n»Second part.\n\n»Last part,« he said.\n\nAfter.",
            "„First part.\n\n„Second part.\n\n„Last part,“ he said.\n\nAfter.",
        ] {
            let paras = segment::paragraphs(t);
            let q = find(t, &paras);
            assert_eq!(q.len(), 3, "{t}");
            assert!(q[0].runs_on && !q[0].continued, "{t}");
            assert!(q[1].runs_on && q[1].continued, "{t}");
            assert!(!q[2].runs_on && q[2].continued, "{t}");
            assert_eq!(q[0].inner.of(t), "First part.", "{t}");
            assert_eq!(q[1].inner.of(t), "Second part.", "{t}");
            assert_eq!(q[2].inner.of(t), "Last part,", "{t}");
        }
    }

    #[test]
    fn single_mark_left_open_does_not_run_on() {
        // A paragraph-opening single mark the next paragraph does not continue swallows
        // nothing.
        assert_eq!(
            quotes("'Twill be fine, he said.\n\nNext."),
            Vec::<&str>::new()
        );
    }

    #[test]
    fn unbalanced_stays_in_paragraph() {
        let t = "He said \"this never closes.\n\nNext paragraph \"quoted\" here.";
        assert_eq!(quotes(t), vec!["quoted"]);
    }
}
