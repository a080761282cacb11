//! The pieces every frame reads: the speaker phrase before or after a cue, the first
//! subject of a sentence, where a reported clause starts and ends, and what kind of
//! quotation a token range is.

use segment::Span;
use text::ascii::starts_upper;

use super::{MAX_CLAUSE, MAX_GAP, MAX_NP};
use crate::QuoteKind;
use crate::cues::{CUE_LEXICON, Cue, CueLexicon, is_calendar, is_determiner, is_year, word};
use crate::marks::Quoted;
use crate::mentions::lexicon::{WORD_CLASSES, WordClass};
use crate::names_text::strip_possessive;
use crate::tokens::{Kind, Token, figure_sign};

/// A word between a speaker and the verb: "has also", "Tuesday", "formally", "in 2010".
fn skippable(text: &str, lex: &CueLexicon, ts: &[Token], i: usize) -> bool {
    let w = word(text, &ts[i]);
    let adverb =
        w.len() > 4 && w.ends_with("ly") && !starts_upper(w) && !CueLexicon::has(&lex.ly_nouns, w);
    CueLexicon::has(&lex.skip, w) || is_calendar(w) || adverb || is_year(w)
}

/// The speaker phrase ending right before token `end` (after skipping "has also"),
/// as a token range.
pub(super) fn subject_before(
    text: &str,
    lex: &CueLexicon,
    ts: &[Token],
    end: usize,
) -> Option<(usize, usize)> {
    let mut k = end;
    let mut skipped = 0;
    // "Wells Fargo this month announced", "The bank earlier this year said": a time
    // phrase between speaker and verb.
    if k >= 2 && lex.time_phrase(word(text, &ts[k - 2]), word(text, &ts[k - 1])) {
        k -= 2;
    }
    while k > 0 && skipped < 4 && ts[k - 1].is_word() && skippable(text, lex, ts, k - 1) {
        k -= 1;
        skipped += 1;
        // "Sanders on Tuesday said", "the court in 2010 ruled": the preposition of a
        // skipped date goes with it.
        let w = word(text, &ts[k]);
        let date = is_calendar(w) || is_year(w);
        if date && k > 0 && CueLexicon::has(&lex.date_preposition, word(text, &ts[k - 1])) {
            k -= 1;
        }
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
    if CueLexicon::has(&lex.pronouns, head) {
        return Some((k - 1, k));
    }
    // "Those close to him say": the speaker is who the phrase is about, never the object
    // pronoun at its end; without a head before the preposition there is none.
    if CueLexicon::has(&lex.object_pronoun, head) {
        if k >= 3 && CueLexicon::has(&lex.np_preposition, word(text, &ts[k - 2])) {
            return subject_before(text, lex, ts, k - 2).map(|(s, _)| (s, k));
        }
        // "organizations that have endorsed him say": the head before the relative.
        let relative = (k.saturating_sub(6)..k - 1).rev().find(|&i| {
            let w = word(text, &ts[i]);
            w.eq_ignore_ascii_case("that") || w.eq_ignore_ascii_case("who")
        });
        if let Some(r) = relative
            && let Some((s, _)) = subject_before(text, lex, ts, r)
        {
            return Some((s, k));
        }
    }
    // "Ted Cruz, who said ...", "voters who said ...": the antecedent through "who".
    if head.eq_ignore_ascii_case("who") && k >= 2 {
        let mut a = k - 1;
        if ts[a - 1].is_punct(',') {
            a -= 1;
        }
        return match subject_before(text, lex, ts, a) {
            // "Trump is a serial liar and birther who has pledged …": a bare noun
            // predicated of the sentence's subject stands for that subject.
            Some((s, _)) if a > 0 && bare_noun(text, ts, s, a) => {
                match sentence_subject(text, lex, ts, s) {
                    Some(r) if r.1 <= s && starts_upper(word(text, &ts[r.0])) => Some(r),
                    _ => Some((k - 1, k)),
                }
            }
            Some((s, _)) if a > 0 => Some((s, k)),
            _ => Some((k - 1, k)),
        };
    }
    if CueLexicon::has(&lex.np_stop, head) || is_determiner(head) || is_calendar(head) {
        return None;
    }
    let mut s = k - 1;
    if starts_upper(head) {
        // A name: the run of capitalised words (with "de", "of", initials).
        while s > 0 && k - s < MAX_NP {
            let w = word(text, &ts[s - 1]);
            if w.is_empty() {
                break;
            }
            let joined = CueLexicon::has(&CUE_LEXICON.joiner, w)
                && s >= 2
                && starts_upper(word(text, &ts[s - 2]));
            if (starts_upper(w) && !CueLexicon::has(&lex.np_stop, w) && !is_calendar(w)) || joined {
                s -= 1;
            } else {
                break;
            }
        }
        // "Staff Sgt. Mike Lee of the Surrey RCMP said": the name before "of the"
        // speaks for the organisation after it.
        if s >= 3
            && is_determiner(word(text, &ts[s - 1]))
            && lex.np_inner.contains(word(text, &ts[s - 2]))
            && starts_upper(word(text, &ts[s - 3]))
            && let Some(r) = subject_before(text, lex, ts, s - 2)
            && starts_upper(word(text, &ts[r.0]))
        {
            return Some(r);
        }
        return Some(described(text, lex, ts, s).map_or((s, k), |d| (d, k)));
    }
    // A description: back to its determiner ("a senior Ukrainian official").
    s = description_start(text, lex, ts, s, k);
    // "Trump in his announcement speech called …": a phrase after a preposition is
    // where or when; the name before it speaks.
    if s >= 2
        && CueLexicon::has(&lex.setting_preposition, word(text, &ts[s - 1]))
        && is_determiner(word(text, &ts[s]))
        && starts_upper(word(text, &ts[s - 2]))
        && let Some(r) = subject_before(text, lex, ts, s - 1)
        && starts_upper(word(text, &ts[r.0]))
    {
        return Some(r);
    }
    Some(described(text, lex, ts, s).map_or((s, k), |d| (d, k)))
}

/// Where a description starts whose prepositional phrase begins at token `s`: "advisers
/// to Mr. Obama", "many speakers at the service", "residents of Halifax" speak, not the
/// place or person the phrase names. The head before the preposition is a lower-case
/// noun (not "Trump in his speech", where the phrase is a setting).
fn described(text: &str, lex: &CueLexicon, ts: &[Token], s: usize) -> Option<usize> {
    if s < 2 || !ts[s - 1].is_word() || !ts[s - 2].is_word() {
        return None;
    }
    let prep = word(text, &ts[s - 1]);
    if !lex.np_inner.contains(prep) && !CueLexicon::has(&lex.np_preposition, prep) {
        return None;
    }
    let head = word(text, &ts[s - 2]);
    // "Officials in Ottawa said": a capital only for the sentence's first word, and
    // then only a noun for people.
    let people = WORD_CLASSES.is_people_noun(head);
    let capital_ok = s == 2 && people;
    if (starts_upper(head) && !capital_ok)
        || CueLexicon::has(&lex.np_stop, head)
        || CueLexicon::has(&lex.pronouns, head)
        || CueLexicon::has(&lex.object_pronoun, head)
        || is_determiner(head)
        || lex.cue(head).is_some()
        || skippable(text, lex, ts, s - 2)
    {
        return None;
    }
    // A noun for people or a plural ("speakers", "observers"), not "built near a
    // stream".
    let plural = head.len() > 3 && head.ends_with('s') && !head.ends_with("ss");
    if !plural && !people {
        return None;
    }
    // The head's own phrase, back to its determiner ("Many speakers").
    Some(description_start(text, lex, ts, s - 2, s))
}

/// Where the description whose words run from `from` to before `end` starts: back over
/// its words to its determiner, a stop word or a cue, at most [`MAX_NP`] words from `end`.
fn description_start(text: &str, lex: &CueLexicon, ts: &[Token], from: usize, end: usize) -> usize {
    let mut d = from;
    while d > 0 && end - d < MAX_NP {
        let w = word(text, &ts[d - 1]);
        if w.is_empty() || CueLexicon::has(&lex.np_stop, w) || lex.cue(w).is_some() {
            break;
        }
        d -= 1;
        if is_determiner(w) {
            break;
        }
    }
    d
}

/// Whether tokens `s..e` are lower-case singular nouns ending a list ("a serial liar,
/// racist and birther", "misogynist, birther and bully"): predicate nouns, not a phrase
/// that names anyone. A plural or counted antecedent ("voters who", "64 percent who")
/// names a group.
fn bare_noun(text: &str, ts: &[Token], s: usize, e: usize) -> bool {
    let and = |t: &Token| word(text, t).eq_ignore_ascii_case("and");
    let noun = |t: &Token| {
        let w = word(text, t);
        !w.is_empty()
            && !w.ends_with('s')
            && w.bytes().all(|b| b.is_ascii_lowercase() || b == b'-')
            && !is_determiner(w)
    };
    let list = ts[s..e].iter().any(and) || (s > 0 && (ts[s - 1].is_punct(',') || and(&ts[s - 1])));
    e > s && e - s <= 3 && ts[s..e].iter().all(|t| and(t) || noun(t)) && list
}

/// The speaker phrase starting at token `start` after an inverted cue ("said Alan Cole").
pub(super) fn subject_after(
    text: &str,
    lex: &CueLexicon,
    ts: &[Token],
    start: usize,
) -> Option<(usize, usize)> {
    subject_after_within(text, lex, ts, start, MAX_ROLE_HOPS)
}

/// [`subject_after`], following at most `hops` role runs to a name (a chain of
/// possessives on one line must not recurse without bound).
fn subject_after_within(
    text: &str,
    lex: &CueLexicon,
    ts: &[Token],
    start: usize,
    hops: usize,
) -> Option<(usize, usize)> {
    let w = word(text, ts.get(start)?);
    if w.is_empty() || is_calendar(w) {
        return None;
    }
    if CueLexicon::has(&lex.pronouns, w) {
        return Some((start, start + 1));
    }
    // "said 9/11 widow Terry Strada": a number may open a description.
    let cap = starts_upper(w) || w.starts_with(|c: char| c.is_ascii_digit());
    // "wrote film director Osman Abu Laban": role words before the name.
    if !cap && !is_determiner(w) {
        let run = role_run(text, lex, ts, start)?;
        let hops = hops.checked_sub(1)?;
        return subject_after_within(text, lex, ts, start + run, hops).map(|(_, e)| (start, e));
    }
    let mut e = start + 1;
    // A description is short ("the official", "a senior Ukrainian official"); a name may
    // run longer ("Rep. Elijah E. Cummings").
    let limit = if cap { MAX_NP } else { 5 };
    while e < ts.len() && e - start < limit {
        let n = word(text, &ts[e]);
        if n.is_empty()
            || CueLexicon::has(&lex.skip, n)
            || CueLexicon::has(&lex.np_stop, n)
            || lex.cue(n).is_some()
            || is_calendar(n)
        {
            break;
        }
        if cap && !starts_upper(n) && !CueLexicon::has(&CUE_LEXICON.joiner, n) {
            // "said PC health critic Barbara Adams": lower-case role words between a
            // party or organisation and the name it qualifies.
            match role_run(text, lex, ts, e) {
                Some(run) => {
                    e += run;
                    continue;
                }
                None => break,
            }
        }
        e += 1;
    }
    // "said the minister, Jan Roth.": a description's apposed name is who spoke.
    if !cap && ts.get(e).is_some_and(|t| t.is_punct(',')) {
        let names = ts[e + 1..]
            .iter()
            .take(5)
            .take_while(|t| t.is_word() && starts_upper(word(text, t)))
            .count();
        let closed = ts.get(e + 1 + names).is_none_or(|t| !t.is_word());
        if (2..=4).contains(&names) && closed {
            return Some((start, e + 1 + names));
        }
    }
    // "said Ali's death is painful": a possessive opens the clause's subject; nobody
    // is named after the cue.
    // But "said Clinton's top foreign policy aide Jake Sullivan": role words after it
    // lead to the name.
    if strip_possessive(word(text, &ts[e - 1])).is_some() {
        let run = role_run(text, lex, ts, e)?;
        let hops = hops.checked_sub(1)?;
        return subject_after_within(text, lex, ts, e + run, hops).map(|(_, end)| (start, end));
    }
    Some((start, e))
}

/// The most role runs an inverted speaker follows to its name ("said Clinton's top aide
/// Jake Sullivan" is one).
const MAX_ROLE_HOPS: usize = 2;

/// The most lower-case words of a role before a name ("top foreign policy aide").
const MAX_ROLE_RUN: usize = 4;

/// How many lower-case words from token `at` are a role before a name: nouns ending on
/// a role word ("health critic", "film director") with a capitalised word after them.
fn role_run(text: &str, lex: &CueLexicon, ts: &[Token], at: usize) -> Option<usize> {
    let plain = |t: &Token| {
        let w = word(text, t);
        !w.is_empty()
            && !starts_upper(w)
            && !CueLexicon::has(&lex.skip, w)
            && !CueLexicon::has(&lex.np_stop, w)
            && !is_determiner(w)
            && lex.cue(w).is_none()
            && !is_calendar(w)
    };
    let run = ts[at..]
        .iter()
        .take(MAX_ROLE_RUN + 1)
        .take_while(|t| plain(t))
        .count();
    let role = run > 0
        && WORD_CLASSES
            .flag(word(text, &ts[at + run - 1]))
            .is_some_and(|f| f.intersects(WordClass::TITLE | WordClass::ROLE));
    let named = ts
        .get(at + run)
        .is_some_and(|t| starts_upper(word(text, t)));
    // "said commuter Sarah Hill.": a word or two the lexicon does not know, before a
    // two-word name that ends the phrase, describe the person too.
    let full_name = run <= 2
        && ts
            .get(at + run + 1)
            .is_some_and(|t| starts_upper(word(text, t)))
        && ts.get(at + run + 2).is_none_or(|t| !t.is_word());
    (((role && run <= MAX_ROLE_RUN) || full_name) && named).then_some(run)
}

/// The first speaker-like phrase of a sentence, for participles with no other cue.
pub(super) fn sentence_subject(
    text: &str,
    lex: &CueLexicon,
    ts: &[Token],
    before: usize,
) -> Option<(usize, usize)> {
    // Past a label ("Editor's note: Donald Trump …").
    let mut i = ts[..before.min(5)]
        .iter()
        .position(|t| t.is_punct(':'))
        .map_or(0, |c| c + 1);
    // Skip an introductory phrase ("In August, ...").
    if let Some(c) = ts[..before.min(20)].iter().position(|t| t.is_punct(',')) {
        let first = word(text, &ts[0]);
        if CueLexicon::has(&lex.np_stop, first) || is_calendar(first) || lex.lead_in.contains(first)
        {
            i = c + 1;
        }
    }
    // "Hastily politicizing the tragedy ― much like … ― Trump cast the blame …, and
    // emphasized …": past an opening adverb or participle phrase, to the delimiter
    // before the subject.
    if i == 0
        && ts.len() > 1
        && {
            // "Hastily politicizing …", "Rattling off …"; not a surname ("Connolly said").
            let (w, next) = (word(text, &ts[0]), word(text, &ts[1]));
            let participle = |w: &str| w.len() > 5 && w.ends_with("ing");
            starts_upper(w)
                && !starts_upper(next)
                && !next.is_empty()
                && crate::name_gender(w).is_none()
                && (participle(w) || (w.ends_with("ly") && participle(next)))
        }
        // The last such delimiter: "Speaking in Salem, New Hampshire, Trump went after
        // Bush, calling him …" has a place after its first.
        && let Some(d) = (1..before.min(MAX_CLAUSE)).rev().find(|&d| {
            (ts[d].is_punct(',') || super::is_dash(&ts[d]))
                && ts.get(d + 1).is_some_and(|n| {
                    let n = word(text, n);
                    starts_upper(n) || CueLexicon::has(&lex.pronouns, n)
                })
        })
    {
        i = d + 1;
    }
    let mut limit = i + 4;
    while i < before.min(limit) {
        // "On Thursday, however, Trump spoke …": past a comma after an adverb.
        if ts[i].is_punct(',') {
            i += 1;
            limit += 1;
            continue;
        }
        let w = word(text, &ts[i]);
        if w.is_empty() {
            return None;
        }
        if CueLexicon::has(&lex.pronouns, w) {
            return Some((i, i + 1));
        }
        if starts_upper(w) || is_determiner(w) {
            let (s, e) = subject_after(text, lex, ts, i)?;
            return Some((s, e));
        }
        i += 1;
    }
    None
}

/// Where the reported clause after a cue starts: past dates, "in a statement", the
/// object of "told", to "that" when it comes within the window.
pub(super) fn clause_start(
    text: &str,
    lex: &CueLexicon,
    ts: &[Token],
    from: usize,
    object: bool,
) -> usize {
    let window = &ts[from..ts.len().min(from + MAX_GAP)];
    // "that" opening the clause, not "that night" (a time).
    let complementizer = |i: usize| {
        let w = word(text, &window[i]);
        w.eq_ignore_ascii_case("that")
            && !window.get(i + 1).is_some_and(|n| {
                let n = word(text, n);
                lex.time_phrase(w, n) || is_calendar(n)
            })
    };
    if let Some(t) = (0..window.len()).find(|&i| complementizer(i)) {
        let between = &window[..t];
        // Only when the words before "that" sit between cue and clause: a date, "in a
        // statement", or a short object.
        let plain = between.iter().all(|b| {
            b.is_word()
                && (CueLexicon::has(&lex.after, word(text, b))
                    || CueLexicon::has(&lex.objects, word(text, b))
                    || starts_upper(word(text, b))
                    || is_calendar(word(text, b)))
        }) || (object && short_object(between))
            // "wrote in a note to clients that …", "wrote on social media that …": a
            // setting phrase before "that".
            || (between.len() <= MAX_SETTING
                && between.first().is_some_and(|b| {
                    let w = word(text, b);
                    CueLexicon::has(&lex.setting_preposition, w)
                        || CueLexicon::has(&lex.date_preposition, w)
                        // "wrote to Sanders' Senate office that …": whom it was for.
                        || w.eq_ignore_ascii_case("to")
                })
                && between.iter().all(|b| {
                    (b.is_word() && lex.cue(word(text, b)).is_none())
                        // The possessive mark of a plural or of a name in -s.
                        || b.is_punct('\'')
                        || b.is_punct('’')
                }));
        if plain {
            return from + t;
        }
    }
    // "told supporters in Miami: "We …"": a colon and a quotation close the words
    // between cue and clause.
    if let Some(c) = window
        .iter()
        .take(MAX_COLON_GAP)
        .position(|t| t.is_punct(':'))
        && c > 0
        && window.get(c + 1).is_some_and(|t| t.quote().is_some())
        && window[..c].iter().all(Token::is_word)
    {
        return from + c + 1;
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
            .is_some_and(|t| lex.call_preposition.contains(word(text, t)))
    {
        from += 1;
    }
    let mut i = from;
    if object && i < ts.len() {
        // "told reporters", "told The Associated Press", "told him".
        let w = word(text, &ts[i]);
        if CueLexicon::has(&lex.objects, w) || starts_upper(w) || CueLexicon::has(&lex.pronouns, w)
        {
            let det = is_determiner(w);
            i += 1;
            while i < ts.len() && i - from < 5 {
                let n = word(text, &ts[i]);
                let continues = starts_upper(n)
                    || (det
                        && !CueLexicon::has(&lex.np_stop, n)
                        && !n.eq_ignore_ascii_case("that"));
                if n.is_empty() || !continues {
                    break;
                }
                if det && !starts_upper(n) && i - from >= 2 {
                    break;
                }
                i += 1;
            }
        }
    }
    // "called it "a fair deal"", "described them as "reckless"": the pronoun (and "as")
    // name what the quotation is about.
    if i + 1 < ts.len() && CueLexicon::has(&lex.object_pronoun, word(text, &ts[i])) {
        let j = if word(text, &ts[i + 1]).eq_ignore_ascii_case("as") {
            i + 2
        } else {
            i + 1
        };
        if ts.get(j).is_some_and(|t| t.quote().is_some()) {
            return j;
        }
    }
    while i < ts.len() && i - from < MAX_GAP {
        let w = word(text, &ts[i]);
        // "said in a statement it raised …", "wrote in a memo that …": the article of a
        // setting phrase goes with its preposition.
        let setting_article = i > from
            && (CueLexicon::has(&lex.clause_article, w) || is_determiner(w))
            && CueLexicon::has(&lex.setting_preposition, word(text, &ts[i - 1]))
            && ts
                .get(i + 1)
                .is_some_and(|n| CueLexicon::has(&lex.medium, word(text, n)));
        // "said in his speech that night the country …": a time phrase.
        if i > from
            && ts
                .get(i + 1)
                .is_some_and(|n| lex.time_phrase(w, word(text, n)))
        {
            i += 2;
            continue;
        }
        if is_calendar(w)
            || setting_article
            || (CueLexicon::has(&lex.after, w) && !CueLexicon::has(&lex.clause_article, w))
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

/// The most words of a setting phrase between a cue and "that" ("in a note to clients").
const MAX_SETTING: usize = 7;

/// The most words between a cue and a colon that opens its quotation ("told supporters
/// in Miami:").
const MAX_COLON_GAP: usize = 6;

/// Whether the words between a cue that takes an object and "that" are a short object
/// ("told reporters"); a quoted title may be part of it ("told CNN's "State of the
/// Union" that …").
fn short_object(between: &[Token]) -> bool {
    let quoted = between.iter().any(|b| b.quote().is_some());
    between.iter().all(|b| b.is_word() || b.quote().is_some())
        && between.iter().filter(|b| b.is_word()).count() <= if quoted { 6 } else { 4 }
}

/// A quotation closed by a comma, question or exclamation mark inside its marks
/// (`"…loop-hole,"`): what a frame after it (`she said`) attributes.
fn framed(text: &str, t: &Token) -> bool {
    t.span
        .of(text)
        .trim_end_matches(|c: char| !c.is_alphanumeric() && !matches!(c, ',' | '?' | '!'))
        .ends_with([',', '?', '!'])
}

/// Where the clause after a cue ends: the sentence end, or before a following cue that
/// starts its own attribution (", adding that", ", according to", "and argues that").
pub(super) fn clause_end(text: &str, ts: &[Token], from: usize, cues: &[Cue], me: usize) -> usize {
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
                || CueLexicon::has(&CUE_LEXICON.conjunction, w)
                // "admitted it made a mistake when a pediatrician reported …": a
                // subordinate clause with a speaker of its own, named (a pronoun there
                // is most often the first speaker again: "was right when he said").
                || (CueLexicon::has(&CUE_LEXICON.fragment_opener, w)
                    && !c.participle
                    && b < c.at
                    && !ts[b..c.at]
                        .iter()
                        .any(|t| CueLexicon::has(&CUE_LEXICON.pronouns, word(text, t))))
            {
                end = b - 1;
                break;
            }
            if t.quote().is_some() {
                // `"a fragment," adding that ...`: the comma sits inside the marks; and
                // in `X said CLAUSE "fragment," she said.` the clause ends at the marks,
                // before the frame that follows them.
                if (c.participle && b == c.at) || (b < c.at && !c.participle && framed(text, t)) {
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

/// The reported words a frame reads.
#[derive(Clone, Copy, Debug)]
pub(super) struct Content {
    /// From the first reported word to the last.
    pub(super) span: Span,
    /// Direct, indirect or mixed.
    pub(super) kind: QuoteKind,
    /// The frame's own words when the frame stands inside the span ("But to prevent
    /// problems`, he said,` local officials should be vigilant"): not reported speech.
    pub(super) gap: Option<Span>,
}

/// Content span and kind of tokens `[s, e)`: direct when only quotations (and the
/// words of the frame between them) are reported, mixed when words and quotations are,
/// indirect otherwise.
pub(super) fn content(
    ts: &[Token],
    quotes: &[Quoted],
    s: usize,
    e: usize,
    frame: Option<(usize, usize)>,
) -> Option<Content> {
    let mut s = s;
    let mut e = e;
    let drop = |i: usize| matches!(ts[i].kind, Kind::Punct(_)) && !figure_sign(ts, i);
    while s < e && drop(s) {
        s += 1;
    }
    while e > s && drop(e - 1) {
        e -= 1;
    }
    if s >= e {
        return None;
    }
    let outside_frame = |i: usize| frame.is_none_or(|(fs, fe)| i < fs || i >= fe);
    let words = (s..e)
        .filter(|&i| ts[i].is_word() && outside_frame(i))
        .count();
    let quoted = (s..e).any(|i| ts[i].quote().is_some());
    let mut found = content_of(ts, quotes, s, e, words, quoted)?;
    found.gap = frame.and_then(|(fs, fe)| frame_gap(ts, s, e, fs, fe));
    Some(found)
}

/// The bytes between the last reported token before the frame `[fs, fe)` and the first
/// after it, when reported tokens stand on both sides within `[s, e)`.
fn frame_gap(ts: &[Token], s: usize, e: usize, fs: usize, fe: usize) -> Option<Span> {
    if fs <= s || fe >= e {
        return None;
    }
    let reported = |t: &&Token| !matches!(t.kind, Kind::Punct(_));
    let before = ts[s..fs].iter().rfind(reported)?;
    let after = ts[fe..e].iter().find(reported)?;
    (before.span.end < after.span.start).then(|| Span::new(before.span.end, after.span.start))
}

/// Where a sentence's first words and quotation are (token indices, the sentence's
/// length when there is none): what [`content_from_start`] needs to know of the tokens
/// before a cue, found once per sentence.
pub(super) struct Lead {
    /// The first token that is no punctuation.
    pub(super) start: usize,
    /// The first and second words.
    words: [usize; 2],
    /// The first quotation.
    quote: usize,
}

impl Lead {
    /// The lead of the sentence `ts`: one scan, stopping once everything is found.
    pub(super) fn of(ts: &[Token]) -> Lead {
        let n = ts.len();
        let start = (0..n)
            .find(|&i| !matches!(ts[i].kind, Kind::Punct(_)) || figure_sign(ts, i))
            .unwrap_or(n);
        let mut words = [n; 2];
        let mut found = 0;
        let mut quote = n;
        for (i, t) in ts.iter().enumerate().skip(start) {
            if found < 2 && t.is_word() {
                words[found] = i;
                found += 1;
            }
            if quote == n && t.quote().is_some() {
                quote = i;
            }
            if found == 2 && quote < n {
                break;
            }
        }
        Lead {
            start,
            words,
            quote,
        }
    }
}

/// [`content`] of the tokens from the sentence's start to `e`, with no frame inside: a
/// sentence with many cues ("according to" again and again) would otherwise be counted
/// from its start at every one.
pub(super) fn content_from_start(
    ts: &[Token],
    quotes: &[Quoted],
    e: usize,
    lead: &Lead,
) -> Option<Content> {
    let s = lead.start;
    let mut e = e;
    while e > s && matches!(ts[e - 1].kind, Kind::Punct(_)) && !figure_sign(ts, e - 1) {
        e -= 1;
    }
    if s >= e {
        return None;
    }
    let words = lead.words.iter().filter(|&&w| w < e).count();
    content_of(ts, quotes, s, e, words, lead.quote < e)
}

/// The reported words in tokens `[s, e)`, trimmed of punctuation, holding `words` words
/// (only 0, 1 and more matter) and a quotation when `quoted`.
fn content_of(
    ts: &[Token],
    quotes: &[Quoted],
    s: usize,
    e: usize,
    words: usize,
    quoted: bool,
) -> Option<Content> {
    let nquotes = usize::from(quoted);
    if nquotes > 0 && words == 0 {
        let q = |i: usize| ts[i].quote().and_then(|q| quotes.get(q));
        let first = (s..e).find_map(q)?;
        let last = (s..e).rev().find_map(q)?;
        return Some(Content {
            span: Span::new(first.inner.start, last.inner.end),
            kind: QuoteKind::Direct,
            gap: None,
        });
    }
    if words < 2 && nquotes == 0 {
        return None;
    }
    let kind = if nquotes > 0 {
        QuoteKind::Mixed
    } else {
        QuoteKind::Indirect
    };
    Some(Content {
        span: Span::new(ts[s].span.start, ts[e - 1].span.end),
        kind,
        gap: None,
    })
}
