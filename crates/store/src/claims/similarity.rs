//! How alike two statements are: the score that decides whether two sightings are
//! the same claim, and whether a stored statement matches what a user searched for.

use rustc_hash::FxHashSet;

use super::SAME_CLAIM;
use super::sketch::figure_hashes;

/// How alike two statements' [`terms`](super::text::terms) are, from 0 to 1: the share of the shorter
/// statement's terms (and of its term pairs, which keep some word order) found in the
/// longer. Containment rather than Jaccard so a truncated quotation still matches the
/// full one; a statement a small fraction of the other's size never matches.
///
/// Generic so that grouping can compare the [`term_hashes`](super::sketch::term_hashes) it stores instead of
/// re-reading and re-tokenizing a candidate's text; both give the same score.
///
/// The sets are sorted vectors: a statement has a few dozen terms, and sorting them
/// cost a third of building hash sets, which grouping does for every candidate.
pub fn similarity<T: Ord>(a: &[T], b: &[T]) -> f64 {
    similarity_of(&distinct(a), &distinct(b), || {
        Order::Pairs(pairs(a), pairs(b))
    })
}

/// [`similarity`] of two statements that may both give a figure of the same unit
/// (`figures` are the terms that stand for one, see `text::FIGURES`; the unit is the
/// term after it, see [`unit_in_common`]): then word order counts as
/// [`order_kept`], not as adjacent pairs kept. A figure's restatement puts words in
/// between ("did about 40 million euros' worth of damage" for "caused 40 million euros
/// of damage") or swaps one, and each broke two adjacent pairs while keeping the order
/// of what it says. Only for figures, whose subject [`different_things`] checks apart:
/// without one, three words in order ("tighter gun control" / "proposing gun control
/// proposals") were as often another statement on the same topic.
pub fn figure_similarity<T: Ord>(a: &[T], b: &[T], figures: &[T]) -> f64 {
    if !unit_in_common(a, b, figures) {
        return similarity(a, b);
    }
    let (da, db) = (distinct(a), distinct(b));
    let (small, large) = if da.len() <= db.len() { (a, b) } else { (b, a) };
    similarity_of::<_, (&T, &T), Vec<_>>(&da, &db, || {
        Order::Kept(order_kept(small, &firsts(large)))
    })
}

/// Whether two statements give a figure of the same unit: a figure term followed by the
/// same term in both ("40 million euros", "1,200 prisoners"). A figure alone is
/// too common to lean on ("since he was 5" / "since 2004", "one candidate").
fn unit_in_common<T: Ord>(a: &[T], b: &[T], figures: &[T]) -> bool {
    let ua = units(a, figures);
    !ua.is_empty() && shared(&ua, &units(b, figures)) > 0
}

/// The distinct (figure, term after it) pairs of a statement, sorted.
fn units<'a, T: Ord>(s: &'a [T], figures: &[T]) -> Vec<(&'a T, &'a T)> {
    let mut u: Vec<(&T, &T)> = s
        .windows(2)
        .filter(|w| figures.contains(&w[0]) && !figures.contains(&w[1]))
        .map(|w| (&w[0], &w[1]))
        .collect();
    u.sort_unstable();
    u.dedup();
    u
}

/// What [`similarity_of`] reads word order from.
enum Order<S> {
    /// The two statements' distinct adjacent pairs, sorted.
    Pairs(S, S),
    /// The share of the shorter statement's shared terms in the same order in the
    /// longer ([`order_kept`]).
    Kept(Option<f64>),
}

/// [`similarity`] from the two statements' distinct terms, sorted (`sa`, `sb`), and
/// their word order, which `order` gives when it is needed.
fn similarity_of<X: Ord, P: Ord, S: AsRef<[P]>>(
    sa: &[X],
    sb: &[X],
    order: impl FnOnce() -> Order<S>,
) -> f64 {
    let (small, large) = if sa.len() <= sb.len() {
        (sa, sb)
    } else {
        (sb, sa)
    };
    // Too little content to tell a claim from a common phrase: only identity counts.
    if small.len() < 3 {
        return if small.len() >= 2 && small == large {
            1.0
        } else {
            0.0
        };
    }
    if (small.len() as f64) < 0.15 * large.len() as f64 {
        return 0.0;
    }
    let words = shared(small, large) as f64 / small.len() as f64;
    let order = match order() {
        Order::Pairs(pa, pb) => {
            let (pa, pb) = (pa.as_ref(), pb.as_ref());
            let (ps, pl) = if pa.len() <= pb.len() {
                (pa, pb)
            } else {
                (pb, pa)
            };
            (!ps.is_empty()).then(|| shared(ps, pl) as f64 / ps.len() as f64)
        }
        Order::Kept(kept) => kept,
    };
    0.7 * words + 0.3 * order.unwrap_or(words)
}

/// Each distinct term of a statement with where it first stands, sorted by term: what
/// [`order_kept`] looks terms up in.
fn firsts<T: Ord>(terms: &[T]) -> Vec<(&T, usize)> {
    let mut f: Vec<(&T, usize)> = terms.iter().enumerate().map(|(i, t)| (t, i)).collect();
    // Stable, so the first place of each term stays first.
    f.sort_by(|x, y| x.0.cmp(y.0));
    f.dedup_by(|later, first| later.0 == first.0);
    f
}

/// Of the terms of `a` also in the other statement (its [`firsts`]), in `a`'s order,
/// the share of neighbours that stand in the same order there; `None` when fewer than
/// two are shared. "The floods caused 40 million euros of damage" keeps the order of
/// "the flooding did about 40 million euros' worth of damage"; "the damage from the
/// floods" does not.
fn order_kept<T: Ord>(a: &[T], other: &[(&T, usize)]) -> Option<f64> {
    let mut last: Option<(&T, usize)> = None;
    let (mut kept, mut steps) = (0usize, 0usize);
    for t in a {
        let Ok(k) = other.binary_search_by(|(u, _)| (*u).cmp(t)) else {
            continue;
        };
        let at = other[k].1;
        match last {
            // A term repeated in a row is one step.
            Some((prev, _)) if prev == t => continue,
            Some((_, before)) => {
                steps += 1;
                kept += usize::from(at > before);
            }
            None => {}
        }
        last = Some((t, at));
    }
    (steps > 0).then(|| kept as f64 / steps as f64)
}

/// A statement's term hashes as grouping scores them against candidate after
/// candidate: its distinct terms, term pairs and entity terms, each sorted once.
/// [`similarity`] and [`same_subject`] sorted or hashed both sides again at every
/// comparison, and a statement is compared with up to `CANDIDATES` others.
#[derive(Clone, Debug)]
pub(crate) struct Scored {
    terms: Vec<u32>,
    pairs: Vec<(u32, u32)>,
    entities: Vec<u32>,
    /// The terms in the order written, for [`different_things`].
    order: Vec<u32>,
}

impl Scored {
    /// From a statement's term hashes and its entity terms' (see `sketch::split_marked`).
    pub(crate) fn new(terms: &[u32], entities: &[u32]) -> Scored {
        let sorted = |mut v: Vec<u32>| {
            v.sort_unstable();
            v.dedup();
            v
        };
        let mut pairs: Vec<(u32, u32)> = terms.windows(2).map(|w| (w[0], w[1])).collect();
        pairs.sort_unstable();
        pairs.dedup();
        Scored {
            terms: sorted(terms.to_vec()),
            pairs,
            entities: sorted(entities.to_vec()),
            order: terms.to_vec(),
        }
    }

    /// How many distinct terms the statement has.
    pub(crate) fn distinct_terms(&self) -> usize {
        self.terms.len()
    }

    /// How alike two statements are: their [`similarity`], or 0 when they name
    /// different subjects (see [`same_subject`]) or give figures of different things
    /// (see [`different_things`]).
    pub(crate) fn score(&self, other: &Scored) -> f64 {
        if !same_subject_of(&self.entities, &other.entities) {
            return 0.0;
        }
        let has = |set: &[u32], t: &u32| set.binary_search(t).is_ok();
        let figures = figure_hashes();
        let gives = |s: &Scored| figures.iter().any(|f| has(&s.terms, f));
        let pairs = || Order::Pairs(self.pairs.as_slice(), other.pairs.as_slice());
        if !(gives(self) && gives(other)) {
            return similarity_of(&self.terms, &other.terms, pairs);
        }
        let apart = things_apart(
            (&self.order, |t| has(&other.terms, t)),
            (&other.order, |t| has(&self.terms, t)),
            |t| has(&self.entities, t) || has(&other.entities, t) || figures.contains(t),
        );
        if apart {
            return 0.0;
        }
        if !unit_in_common(&self.order, &other.order, figures) {
            return similarity_of(&self.terms, &other.terms, pairs);
        }
        // A figure of one unit: shared terms in the same order (see `figure_similarity`).
        let (small, large) = if self.terms.len() <= other.terms.len() {
            (self, other)
        } else {
            (other, self)
        };
        similarity_of::<_, (u32, u32), Vec<_>>(&self.terms, &other.terms, || {
            Order::Kept(order_kept(&small.order, &firsts(&large.order)))
        })
    }
}

/// How many of a statement's first terms [`different_things`] reads for its subject.
const LEAD: usize = 6;

/// How many of a statement's first terms [`different_things`] reads for a word swapped.
const SWAP_SPAN: usize = 64;

/// The most words in a row [`different_things`] takes for one thing swapped for
/// another ("bus depot" for "tram line").
const SWAP_RUN: usize = 3;

/// Whether two statements that both give a figure or a date (their terms in the order
/// written, and their entity terms; `figures` are the terms that stand for one, see
/// `text::FIGURES`) give it for different things, however much else they share:
/// - they open with different words before anything they share, none of them a name:
///   "Car thefts in Eastfield rose by 12 percent" is not "Burglaries in Eastfield rose
///   by 12 percent". English puts the subject first, and a figure's subject is what it
///   measures; a restatement keeps a word of it (or a synonym, see `text`), or drops it
///   and has nothing before what it shares ("rose by 12 percent");
/// - or one word stands where the other has another (or a few words: "the new bus
///   depot will cost" is not "the new tram line will cost"), between the same words
///   (or after the same word, at the end of either): "will spend £500 million on new
///   roads in the north" is not "on new hospitals (in the north)".
///
/// Without a figure, other words in the same place are as often a rewording ("none of
/// the messages" / "none of the material was marked classified"), so they are left
/// to [`similarity`].
pub fn different_things<T: Ord>(
    (a, a_named): (&[T], &[T]),
    (b, b_named): (&[T], &[T]),
    figures: &[T],
) -> bool {
    let gives = |s: &[T]| s.iter().any(|t| figures.contains(t));
    if !gives(a) || !gives(b) {
        return false;
    }
    let (sa, sb) = (distinct(a), distinct(b));
    let (na, nb) = (distinct(a_named), distinct(b_named));
    let has = |set: &[&T], t: &T| set.binary_search(&t).is_ok();
    things_apart((a, |t| has(&sb, t)), (b, |t| has(&sa, t)), |t| {
        has(&na, t) || has(&nb, t) || figures.contains(t)
    })
}

/// The rule of [`different_things`] for two statements' terms in order, each with
/// whether a term is in the other statement, and whether a term is fixed (a name or
/// the number) rather than a word that can stand for another.
fn things_apart<T: PartialEq>(
    (a, in_b): (&[T], impl Fn(&T) -> bool),
    (b, in_a): (&[T], impl Fn(&T) -> bool),
    fixed: impl Fn(&T) -> bool,
) -> bool {
    let opens_apart = |terms: &[T], theirs: &dyn Fn(&T) -> bool| {
        let lead = &terms[..terms.len().min(LEAD)];
        lead.iter()
            .position(theirs)
            .is_some_and(|n| n > 0 && !lead[..n].iter().any(&fixed))
    };
    if opens_apart(a, &in_b) && opens_apart(b, &in_a) {
        return true;
    }
    // Words of each that the other lacks (up to SWAP_RUN in a row), after the same
    // word and before the same word (or last). Only the words one lacks are paired,
    // among the first SWAP_SPAN terms of each: a figure's claim is said in a sentence,
    // and a quotation of thousands of words must not cost their square.
    let runs = |terms: &[T], theirs: &dyn Fn(&T) -> bool| -> Vec<(usize, usize)> {
        let span = terms.len().min(SWAP_SPAN);
        let own = |i: usize| !theirs(&terms[i]) && !fixed(&terms[i]);
        let mut out = Vec::new();
        let mut i = 1;
        while i < span {
            if own(i) && !own(i - 1) {
                let mut end = i + 1;
                while end < span && own(end) {
                    end += 1;
                }
                if end - i <= SWAP_RUN {
                    out.push((i, end));
                }
                i = end;
            } else {
                i += 1;
            }
        }
        out
    };
    let (ra, rb) = (runs(a, &in_b), runs(b, &in_a));
    ra.iter().any(|&(i, ie)| {
        rb.iter().any(|&(j, je)| {
            a[i - 1] == b[j - 1]
                // The same word after, or either statement cut short there.
                && (a.get(ie) == b.get(je) || ie == a.len() || je == b.len())
        })
    })
}

/// The distinct elements of `v`, sorted: a set as [`shared`] reads it.
fn distinct<T: Ord>(v: &[T]) -> Vec<&T> {
    let mut d: Vec<&T> = v.iter().collect();
    d.sort_unstable();
    d.dedup();
    d
}

/// How many elements two sorted, distinct sequences have in common (one merge pass).
fn shared<T: Ord>(a: &[T], b: &[T]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

/// Of the longer statement's distinct terms, at least this share must be in the shorter
/// for a sighting to join a claim through its founding statement (see
/// [`close_to_founder`]).
const FOUNDER_COVER: f64 = 0.5;

/// Or: at least this many distinct terms in common, nearly all of the shorter
/// statement's. A quotation cut to one sentence
/// of a longer one ("has consistently demonstrated his deep commitment to conservative
/// principles") says enough to be the same claim; a common phrase ("the next president
/// of the United States") has fewer words.
const FOUNDER_SHARED: usize = 6;

/// Of a founding phrase's distinct terms (see [`close_to_founder`]), at most this many
/// may be missing from a statement that repeats it: one word reworded ("a private email
/// server" for "an email server"), not a topic's few words shared.
const PHRASE_MISSING: usize = 1;

/// Whether a statement is close enough to a claim's founding statement to be a
/// sighting of it: the same claim by [`figure_similarity`], and not a short statement's few
/// words inside a long one (or the reverse). Containment alone let "Trump will not be
/// the next president of the United States" found a claim that every long statement
/// ending "the next president of the United States" then joined.
///
/// A founder that is a phrase with no verb (`founder_is_phrase`, see
/// `statement::Binding::phrase`) names a topic, and half its words shared is the topic
/// shared, not the claim: "Clinton's use of an email server while secretary of state"
/// was joined by a statement that it "could have exposed classified information", and
/// "the charges fabricated by disgruntled former employees" by "O'Donnell as a
/// disgruntled former employee". Such a claim takes only the phrase repeated: all of
/// its terms but [`PHRASE_MISSING`], or a statement wholly inside it (a cut of it).
pub fn close_to_founder<T: Ord>(
    statement: &[T],
    founder: &[T],
    founder_is_phrase: bool,
    figures: &[T],
) -> bool {
    if figure_similarity(statement, founder, figures) < SAME_CLAIM {
        return false;
    }
    let a = distinct(statement);
    let b = distinct(founder);
    let (small, large) = if a.len() <= b.len() {
        (&a, &b)
    } else {
        (&b, &a)
    };
    let shared = shared(small, large);
    // The shorter one nearly whole inside the longer, not a few common words.
    let cut = shared >= FOUNDER_SHARED && shared as f64 >= 0.9 * small.len() as f64;
    if cut {
        return true;
    }
    let covers = shared as f64 >= FOUNDER_COVER * large.len() as f64;
    covers && (!founder_is_phrase || b.len() - shared <= PHRASE_MISSING || shared == a.len())
}

/// Whether two statements naming the entities `a` and `b` can be about the same
/// subject: not when each names more entities the other lacks than they share ("the
/// waiting list at Brackenford General Hospital" is not "at Brackenford Dental
/// Clinic"). One side naming more ("the United States" for "the country") is a
/// restatement.
pub fn same_subject<T: Eq + std::hash::Hash>(a: &[T], b: &[T]) -> bool {
    if a.is_empty() || b.is_empty() {
        return true;
    }
    let sa: FxHashSet<&T> = a.iter().collect();
    let sb: FxHashSet<&T> = b.iter().collect();
    let shared = sa.intersection(&sb).count();
    subject_shared(sa.len(), sb.len(), shared)
}

/// [`same_subject`] of two statements' distinct entity terms, sorted.
fn same_subject_of<T: Ord>(a: &[T], b: &[T]) -> bool {
    a.is_empty() || b.is_empty() || subject_shared(a.len(), b.len(), shared(a, b))
}

/// The rule of [`same_subject`], from how many distinct entity terms each statement
/// names and how many of them both do.
fn subject_shared(a: usize, b: usize, shared: usize) -> bool {
    let only_a = a - shared;
    let only_b = b - shared;
    only_a.min(only_b) <= shared
}

/// Whether two statements (their terms and their entity terms) share a term that
/// neither writes as a name nor as part of a figure. Sharing only names ("Senate
/// Majority Leader Mitch McConnell") is sharing a subject, not saying the same thing
/// about it; sharing only figures ("19 percentage points", "9.2 percentage points") is
/// sharing a unit. `num` is the term every number is (see `text::NUM`).
pub fn share_more_than_names<T: Eq + std::hash::Hash>(
    (a, a_named): (&[T], &[T]),
    (b, b_named): (&[T], &[T]),
    num: &T,
) -> bool {
    // Sets, so that a statement of many names costs linear time, not their product.
    let sb: FxHashSet<&T> = b.iter().collect();
    let mut named: FxHashSet<&T> = a_named.iter().chain(b_named).collect();
    // A figure's words only when both write them as one: "25 million off the asking
    // price" and "25 million off the property's asking price" share a price.
    let figures_b: FxHashSet<&T> = figure_terms(b, num).collect();
    named.extend(figure_terms(a, num).filter(|t| figures_b.contains(t)));
    a.iter().any(|t| sb.contains(t) && !named.contains(t))
}

/// The terms of a statement that write a figure: each number and the (up to two)
/// terms right after it, what it counts ("1,200 Ukrainian prisoners", "19 percentage
/// points"), as `statement::analyse` reads a quantity's unit.
fn figure_terms<'a, T: Eq>(terms: &'a [T], num: &'a T) -> impl Iterator<Item = &'a T> {
    terms.iter().enumerate().flat_map(move |(i, t)| {
        let after = if t == num { &terms[i + 1..] } else { &[] };
        std::iter::once(t)
            .filter(move |t| *t == num)
            .chain(after.iter().take_while(move |u| *u != num).take(2))
    })
}

/// Whether a statement matches what a user searched for: most of the search's terms
/// occur in it, or the two are the same claim by [`similarity`] (a pasted statement
/// that the stored one only truncates).
pub fn matches_query(query: &[String], statement: &[String]) -> bool {
    let q: FxHashSet<&str> = query.iter().map(String::as_str).collect();
    if q.is_empty() {
        return false;
    }
    let s: FxHashSet<&str> = statement.iter().map(String::as_str).collect();
    let found = q.iter().filter(|t| s.contains(*t)).count();
    found as f64 >= 0.75 * q.len() as f64 || similarity(query, statement) >= SAME_CLAIM
}

/// The distinct adjacent pairs of a term sequence, sorted.
fn pairs<T: Ord>(v: &[T]) -> Vec<(&T, &T)> {
    let mut p: Vec<(&T, &T)> = v.windows(2).map(|w| (&w[0], &w[1])).collect();
    p.sort_unstable();
    p.dedup();
    p
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::claims::text::terms;

    fn same(a: &str, b: &str) -> bool {
        similarity(&terms(a), &terms(b)) >= SAME_CLAIM
    }

    #[test]
    fn a_figure_reworded_around_its_unit_is_the_same_claim() {
        let figures = super::super::text::FIGURES.map(String::from);
        let said = terms("The floods caused 40 million euros of damage");
        let reworded = terms("The flooding did about 40 million euros' worth of damage");
        assert!(
            similarity(&said, &reworded) < SAME_CLAIM,
            "adjacent pairs broken"
        );
        assert!(figure_similarity(&said, &reworded, &figures) >= SAME_CLAIM);
        // The order of what it says, not only its words.
        let shuffled = terms("damage worth 40 million euros, about the flooding");
        assert!(figure_similarity(&said, &shuffled, &figures) < SAME_CLAIM);
        // A figure alone is no unit in common: the plain score decides.
        let pilot = terms("he had wanted to be a pilot since he was 5");
        let since = terms("the pilot had been with EgyptAir since 2004");
        assert_eq!(
            figure_similarity(&pilot, &since, &figures),
            similarity(&pilot, &since)
        );
    }

    #[test]
    fn rewordings_are_the_same_claim() {
        let direct = "We have agreed to exchange 1,000 prisoners of war each";
        assert!(same(
            direct,
            "Russia and Ukraine agreed to exchange 1,000 prisoners of war each"
        ));
        assert!(same(
            direct,
            "they had agreed to exchange 1,200 prisoners of war each"
        ));
        assert!(same(direct, "we have agreed to exchange 1,000 prisoners…"));
        assert!(same(
            direct,
            "We have not agreed to exchange 1,000 prisoners of war"
        ));
        assert!(same(
            "the jobless rate dropped to 4 percent",
            "unemployment fell to 4%"
        ));
        assert!(same(
            "The two companies have signed the merger agreement",
            "the two firms had signed the merger deal"
        ));
        assert!(same(
            "Exports grew 5 percent in the first quarter",
            "exports jumped by 5% in the first quarter"
        ));
        assert!(same(
            "the project will cost $2 billion",
            "the project's price tag is $2 billion"
        ));
        assert!(same("Crime fell by 8 percent", "crime went down by 8%"));
        assert!(same(
            "The talks were organised in good faith and the ceasefire will hold until the spring",
            "the talks were organized in good faith ... the ceasefire will hold"
        ));
    }

    #[test]
    fn a_few_words_inside_a_long_statement_found_no_claim() {
        let short = terms("that Trump will not be the next president of the United States");
        let long = terms(
            "I'm not hiding the fact that I want Donald Trump to be the next president of \
             the United States. I never claimed to be a journalist.",
        );
        assert!(similarity(&short, &long) >= SAME_CLAIM);
        assert!(!close_to_founder(&long, &short, false, &[]));
        let cut = terms("we have agreed to exchange 1,000 prisoners…");
        let full = terms("We have agreed to exchange 1,000 prisoners of war each");
        assert!(close_to_founder(&full, &cut, false, &[]));
        assert!(close_to_founder(&cut, &full, false, &[]));
        let sentence = terms(
            "he has consistently demonstrated his deep commitment to conservative principles",
        );
        let whole = terms(
            "He has consistently demonstrated his deep commitment to conservative principles. \
             He works hard for those principles every day in the Senate, and he will keep \
             fighting for lower taxes, smaller government and a strong national defense",
        );
        assert!(close_to_founder(&sentence, &whole, false, &[]));
    }

    #[test]
    fn a_phrase_founds_a_claim_of_its_repeats_only() {
        // A topic, and a statement about it sharing most of its words: the same claim
        // by the general rule, another claim when the founder is only the topic.
        let topic = terms(
            "presumptive Democratic presidential nominee Hillary Clinton\u{2019}s use of an \
             email server while secretary of state",
        );
        let about = terms(
            "that Democratic presidential candidate Hillary Clinton\u{2019}s use of a private \
             email server when she was secretary of state could have exposed classified \
             information to foreign governments",
        );
        assert!(close_to_founder(&about, &topic, false, &[]));
        assert!(!close_to_founder(&about, &topic, true, &[]));
        // A label, and another one sharing a phrase with it.
        let label =
            terms("the charges unsubstantiated and fabricated by disgruntled former employees");
        let other = terms("O'Donnell as \"a disgruntled former employee.\"");
        assert!(close_to_founder(&other, &label, false, &[]));
        assert!(!close_to_founder(&other, &label, true, &[]));
        // Repeats still join: a word reworded, a cut of it, or the whole of it inside a
        // longer quotation.
        let reworded = terms(
            "presumptive Democratic presidential nominee Hillary Clinton\u{2019}s use of a \
             private email server while secretary of state",
        );
        assert!(close_to_founder(&reworded, &topic, true, &[]));
        let cut = terms("Hillary Clinton\u{2019}s use of an email server while secretary");
        assert!(close_to_founder(&cut, &topic, true, &[]));
        let idea = terms("Wow, what a great idea,");
        let quote = terms("Wow, what a great idea. Nobody has ever suggested that to me.");
        assert!(close_to_founder(&quote, &idea, true, &[]));
    }

    #[test]
    fn another_named_subject_is_another_claim() {
        let ents = |s: &str| {
            let (t, e) = crate::claims::text::marked_terms(s);
            t.into_iter()
                .zip(e)
                .filter(|p| p.1)
                .map(|p| p.0)
                .collect::<Vec<_>>()
        };
        let hospital = ents("the waiting list at Brackenford General Hospital fell");
        assert!(!same_subject(
            &hospital,
            &ents("the waiting list at Brackenford Dental Clinic fell")
        ));
        assert!(same_subject(&hospital, &ents("the waiting list fell")));
        assert!(same_subject(
            &ents("a ban on Muslims entering the United States"),
            &ents("a ban on Muslims entering the country")
        ));
        assert!(same_subject(
            &ents("Mr. Trump won"),
            &ents("Donald Trump won")
        ));
    }

    #[test]
    fn sharing_only_names_is_no_claim() {
        let marked = crate::claims::text::terms_and_entities;
        let (a, an) = marked(
            "\u{201c}Our assumption is that the veto will be overridden,\u{201d} Senate Majority \
             Leader Mitch McConnell",
        );
        let (b, bn) = marked("Senate Majority Leader Mitch McConnell a liar");
        let num = crate::claims::text::NUM.to_string();
        assert!(!share_more_than_names((&a, &an), (&b, &bn), &num));
        let (c, cn) = marked("Senate Majority Leader Mitch McConnell said the veto will stand");
        assert!(share_more_than_names((&a, &an), (&c, &cn), &num));
        assert!(!share_more_than_names::<String>(
            (&[], &[]),
            (&c, &cn),
            &num
        ));
        // A title before a name is part of how it names someone.
        let (d, dn) = marked(
            "Presumptive Democratic presidential nominee Hillary Clinton marched in the parade",
        );
        let (e, en) = marked("him of pandering to Democratic presidential nominee Hillary Clinton");
        assert!(!share_more_than_names((&d, &dn), (&e, &en), &num));
        let (f, fn_) = marked("the nominee said Hillary Clinton marched in the parade");
        assert!(share_more_than_names((&d, &dn), (&f, &fn_), &num));
        // Also a title written with a hyphen.
        let (g, gn) = marked("he spoke to Republican front-runner Donald Trump");
        let (h, hn) = marked("that Republican front-runner Donald Trump would wreck the party");
        assert!(!share_more_than_names((&g, &gn), (&h, &hn), &num));
        let (i, in_) = marked("the front-runner spoke to Donald Trump");
        assert!(share_more_than_names((&g, &gn), (&i, &in_), &num));
    }

    #[test]
    fn sharing_only_figures_is_no_claim() {
        let marked = crate::claims::text::terms_and_entities;
        let num = crate::claims::text::NUM.to_string();
        let (a, an) = marked(
            "that the state's turnout was up about 19 percentage points from 2012 and about 3 \
             percentage points from 2008",
        );
        let (b, bn) = marked("In Pennsylvania, she is up an average of 9.2 percentage points");
        assert!(!share_more_than_names((&a, &an), (&b, &bn), &num));
        let (c, cn) = marked("turnout was up 21 percentage points");
        assert!(share_more_than_names((&a, &an), (&c, &cn), &num));
        // What one counts and the other does not is content.
        let (d, dn) = marked("25 million off the asking price of the property");
        let (e, en) = marked("25 million off the property's asking price");
        assert!(share_more_than_names((&d, &dn), (&e, &en), &num));
    }

    #[test]
    fn figures_of_different_things_open_apart() {
        let figures = crate::claims::text::FIGURES.map(String::from);
        let apart = |a: &str, b: &str| {
            let (a, an) = crate::claims::text::terms_and_entities(a);
            let (b, bn) = crate::claims::text::terms_and_entities(b);
            different_things((&a, &an), (&b, &bn), &figures)
        };
        let burglaries = "Burglaries in Eastfield rose by 12 percent last year";
        assert!(apart(
            burglaries,
            "Car thefts in Eastfield rose by 12 percent last year"
        ));
        // A synonym of the subject ("break-ins"), or none, is the same subject.
        assert!(!apart(
            burglaries,
            "The number of break-ins in Eastfield climbed 12%"
        ));
        assert!(!apart(burglaries, "rose by 15 percent last year"));
        // A name first is the subject named: `same_subject` decides.
        assert!(!apart(
            burglaries,
            "Eastfield saw burglaries rise by 12 percent"
        ));
        // Two words in the place of two others, between the same words; the same
        // line at another figure is no swap.
        let tram = "The new tram line will cost 300 million pounds";
        assert!(apart(
            tram,
            "The new bus depot will cost 300 million pounds"
        ));
        assert!(!apart(
            tram,
            "The new tram line would now cost 340 million pounds"
        ));
        // One word in the place of another, between the same words.
        let hospitals = "The government will spend £500 million on new hospitals in the north";
        assert!(apart(
            hospitals,
            "The government will spend £500 million on new roads in the north"
        ));
        assert!(!apart(
            hospitals,
            "£500m would be spent on building new hospitals in the north"
        ));
        // A date is a figure; another date is a change of the same claim.
        let bridge = "The new Halden bridge will open on March 3";
        assert!(apart(bridge, "The new Halden tunnel will open on March 3"));
        assert!(!apart(
            bridge,
            "the new Halden bridge will open on April 10"
        ));
        // Without a figure, other first words are as often a rewording.
        assert!(!apart(
            "that none of the messages was marked classified at the time",
            "that none of the material was marked classified at the time"
        ));
    }

    #[test]
    fn statements_sharing_common_words_are_not() {
        let a = "We have agreed to exchange 1,000 prisoners of war each";
        assert!(!same(
            a,
            "We have agreed to continue the talks next week in Istanbul"
        ));
        assert!(!same(a, "The war has cost each of us too much"));
        assert!(!same("yes", "yes we can"));
        assert!(!same("", ""));
    }

    proptest::proptest! {
        /// Grouping's prepared sets score exactly as the generic functions do: the
        /// scores decide claims, which are stored.
        #[test]
        fn scored_is_similarity_and_same_subject(
            a in proptest::collection::vec(0u32..12, 0..24),
            b in proptest::collection::vec(0u32..12, 0..24),
            ae in proptest::collection::vec(0u32..6, 0..4),
            be in proptest::collection::vec(0u32..6, 0..4),
        ) {
            // Term 0 stands for a number, so that some pairs both give a figure.
            let num = figure_hashes()[0];
            let figure = |v: Vec<u32>| -> Vec<u32> { v.into_iter().map(|t| if t == 0 { num } else { t }).collect() };
            let (a, b) = (figure(a), figure(b));
            let apart = different_things((&a, &ae), (&b, &be), figure_hashes());
            let expected = if same_subject(&ae, &be) && !apart { figure_similarity(&a, &b, figure_hashes()) } else { 0.0 };
            let got = Scored::new(&a, &ae).score(&Scored::new(&b, &be));
            proptest::prop_assert_eq!(got.to_bits(), expected.to_bits());
        }
    }
}
