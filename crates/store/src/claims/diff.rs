//! What changed between sightings of a claim: numbers, dates, negation and speaker
//! ([`Change`]), between two statements ([`changes`]) or along a claim's sightings in
//! order ([`Tracker`]).

use std::collections::HashSet;
use std::fmt;

use rustc_hash::FxHashMap;
use serde::Serialize;
use text::fold::fold;

use super::statement::{DateMention, Quantity, Statement, analyse, polarities};

/// Whether a statement affirms or negates.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Polarity {
    /// "agreed", "will".
    Affirmed,
    /// "did not agree", "won't", "denied that …".
    Negated,
}

impl Polarity {
    fn of(negated: bool) -> Polarity {
        if negated {
            Polarity::Negated
        } else {
            Polarity::Affirmed
        }
    }
}

impl fmt::Display for Polarity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Polarity::Affirmed => "affirmed",
            Polarity::Negated => "negated",
        })
    }
}

/// One difference between two sightings of a claim.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum Change {
    /// A number or quantity changed ("1,000 prisoners" → "1,200 prisoners").
    Number {
        /// As written before.
        from: String,
        /// As written now.
        to: String,
    },
    /// A date changed.
    Date {
        /// As written before.
        from: String,
        /// As written now.
        to: String,
    },
    /// The statement went from affirming to negating or back.
    Negation {
        /// Before.
        from: Polarity,
        /// Now.
        to: Polarity,
    },
    /// Someone else said it.
    Speaker {
        /// Who said it before.
        from: String,
        /// Who says it now.
        to: String,
    },
}

impl Change {
    /// The kind of change: `number`, `date`, `negation` or `speaker`.
    pub fn kind(&self) -> &'static str {
        match self {
            Change::Number { .. } => "number",
            Change::Date { .. } => "date",
            Change::Negation { .. } => "negation",
            Change::Speaker { .. } => "speaker",
        }
    }
}

impl fmt::Display for Change {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Change::Number { from, to } => write!(f, "number: {from} → {to}"),
            Change::Date { from, to } => write!(f, "date: {from} → {to}"),
            Change::Negation { from, to } => write!(f, "negation: {from} → {to}"),
            Change::Speaker { from, to } => write!(f, "speaker: {from} → {to}"),
        }
    }
}

fn same_value(a: &Quantity, b: &Quantity) -> bool {
    let tolerance = if a.unit.as_deref() == Some("percent") {
        // A share rounded in a re-report ("46 percent" for "46.3") is the same share;
        // one given as precisely as the other ("3.2" / "3.4 per cent") is not.
        0.5 * 10f64.powi(-decimals(&a.text).min(decimals(&b.text)))
    } else {
        1e-6 * a.value.abs().max(b.value.abs())
    };
    (a.value - b.value).abs() <= tolerance
}

/// How many decimals the first number written in `text` has ("3.25 percent": 2;
/// "46 percent", "two thirds": 0).
fn decimals(text: &str) -> i32 {
    let number = text
        .trim_start_matches(|c: char| !c.is_ascii_digit())
        .split(|c: char| !(c.is_ascii_digit() || c == '.' || c == ','))
        .next()
        .unwrap_or_default();
    number.split_once('.').map_or(0, |(_, frac)| {
        i32::try_from(frac.chars().take_while(char::is_ascii_digit).count()).unwrap_or(0)
    })
}

/// Pair up the quantities of two statements (by unit, then in order) and report those
/// whose values differ. Quantities only one side mentions are not changes: re-reports
/// often leave details out.
fn quantity_changes(a: &[Quantity], b: &[Quantity], out: &mut Vec<Change>) {
    let mut a_left: Vec<&Quantity> = Vec::new();
    let mut b_used = vec![false; b.len()];
    // b's quantities by unit, in order, each list consumed front to back: linear even
    // for a statement full of numbers.
    let mut by_unit: FxHashMap<&str, std::collections::VecDeque<usize>> = FxHashMap::default();
    for (k, qb) in b.iter().enumerate() {
        if let Some(u) = &qb.unit {
            by_unit.entry(u.as_str()).or_default().push_back(k);
        }
    }
    for qa in a {
        let hit = qa
            .unit
            .as_deref()
            .and_then(|u| by_unit.get_mut(u))
            .and_then(|q| q.pop_front());
        match hit {
            Some(k) => {
                b_used[k] = true;
                if !same_value(qa, &b[k]) {
                    out.push(Change::Number {
                        from: qa.text.clone(),
                        to: b[k].text.clone(),
                    });
                }
            }
            None => a_left.push(qa),
        }
    }
    let b_left: Vec<&Quantity> = b
        .iter()
        .zip(&b_used)
        .filter(|(_, u)| !**u)
        .map(|(q, _)| q)
        .collect();
    if a_left.len() == b_left.len() {
        for (qa, qb) in a_left.iter().zip(&b_left) {
            if !same_value(qa, qb) {
                out.push(Change::Number {
                    from: qa.text.clone(),
                    to: qb.text.clone(),
                });
            }
        }
    }
}

fn weekday_changes(a: &[(u32, String)], b: &[(u32, String)], out: &mut Vec<Change>) {
    if a.is_empty() || b.is_empty() {
        return;
    }
    let days = |d: &[(u32, String)]| d.iter().map(|w| w.0).collect::<HashSet<u32>>();
    if days(a) != days(b) {
        let join = |d: &[(u32, String)]| {
            d.iter()
                .map(|w| w.1.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        };
        out.push(Change::Date {
            from: join(a),
            to: join(b),
        });
    }
}

fn date_changes(a: &[DateMention], b: &[DateMention], out: &mut Vec<Change>) {
    if a.is_empty() || b.is_empty() {
        return;
    }
    let ka: HashSet<_> = a.iter().map(DateMention::key).collect();
    let kb: HashSet<_> = b.iter().map(DateMention::key).collect();
    if ka != kb {
        let join = |d: &[DateMention]| {
            d.iter()
                .map(|d| d.text.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        };
        out.push(Change::Date {
            from: join(a),
            to: join(b),
        });
    }
}

/// What changed from statement `a` to statement `b`: numbers, dates and negation.
pub fn changes(a: &str, b: &str) -> Vec<Change> {
    let mut out = diff(&analyse(a), &analyse(b));
    out.extend(negation_change(a, b));
    out
}

/// What changed in numbers and dates from `a` to `b`.
fn diff(a: &Statement, b: &Statement) -> Vec<Change> {
    let mut out = Vec::new();
    quantity_changes(&a.quantities, &b.quantities, &mut out);
    date_changes(&a.dates, &b.dates, &mut out);
    weekday_changes(&a.weekdays, &b.weekdays, &mut out);
    out
}

/// Whether `b` turns `a` round: one negates where the other affirms, read in the
/// sentences both say (see [`polarities`]).
fn negation_change(a: &str, b: &str) -> Option<Change> {
    let (na, nb) = polarities(a, b);
    (na != nb).then(|| Change::Negation {
        from: Polarity::of(na),
        to: Polarity::of(nb),
    })
}

/// A speaker change between two sightings, when both speakers are known and differ
/// (compared case- and accent-insensitively).
pub fn speaker_change(a: Option<&str>, b: Option<&str>) -> Option<Change> {
    let (a, b) = (a?, b?);
    (fold(a).trim() != fold(b).trim()).then(|| Change::Speaker {
        from: a.to_string(),
        to: b.to_string(),
    })
}

/// Follows the sightings of one claim in order and reports what each one changed:
/// numbers and dates relative to what was last known (the figure last given, the
/// dates last given), the speaker relative to the last known one, and negation
/// relative to the claim's founding statement (its first sighting). A sighting that
/// leaves a detail out does not change it. Negation is the founder's because a dispute
/// turns the claim round, not the sighting before: after a denial, another sighting
/// agreeing with the founder is no negation of the claim.
#[derive(Debug, Default)]
pub struct Tracker {
    quantities: Vec<Quantity>,
    dates: Vec<DateMention>,
    weekdays: Vec<(u32, String)>,
    /// The founding statement's text, once seen.
    founder: Option<String>,
    speaker: Option<String>,
}

impl Tracker {
    /// A tracker that has seen nothing yet.
    pub fn new() -> Tracker {
        Tracker::default()
    }

    /// The changes the next sighting (`text`, said by `speaker`) makes.
    pub fn next(&mut self, text: &str, speaker: Option<&str>) -> Vec<Change> {
        let st = analyse(text);
        let mut out = Vec::new();
        if let Some(founder) = &self.founder {
            let prev = Statement {
                quantities: std::mem::take(&mut self.quantities),
                dates: std::mem::take(&mut self.dates),
                weekdays: std::mem::take(&mut self.weekdays),
                negated: false,
            };
            out = diff(&prev, &st);
            out.extend(negation_change(founder, text));
            self.quantities = prev.quantities;
            self.dates = prev.dates;
            self.weekdays = prev.weekdays;
        } else {
            self.founder = Some(text.to_string());
        }
        out.extend(speaker_change(self.speaker.as_deref(), speaker));
        if !st.quantities.is_empty() {
            self.quantities = st.quantities;
        }
        if !st.dates.is_empty() {
            self.dates = st.dates;
        }
        if !st.weekdays.is_empty() {
            self.weekdays = st.weekdays;
        }
        if let Some(s) = speaker {
            self.speaker = Some(s.to_string());
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::claims::similarity::similarity;
    use crate::claims::sketch::keys;
    use crate::claims::text::terms;

    #[test]
    fn number_changes() {
        let c = changes("exchange 1,000 prisoners", "exchange 1,200 prisoners");
        assert_eq!(
            c,
            vec![Change::Number {
                from: "1,000 prisoners".into(),
                to: "1,200 prisoners".into()
            }]
        );
        assert_eq!(
            changes("a fifth of the budget", "20% of the budget"),
            vec![]
        );
        assert_eq!(
            changes("20 per cent of voters", "a fifth of voters"),
            vec![]
        );
        assert_eq!(changes("two ships", "3 ships").len(), 1);
        assert_eq!(
            changes(
                "return the 40 fishing boats it seized",
                "return the 45 fishing boats"
            ),
            vec![Change::Number {
                from: "40 fishing boats".into(),
                to: "45 fishing boats".into()
            }]
        );
        assert_eq!(
            changes("1,000 prisoners", "1,000 Ukrainian prisoners"),
            vec![]
        );
        assert_eq!(
            changes("two hundred thousand people", "200,000 people"),
            vec![]
        );
        assert_eq!(changes("$5m in aid", "5 million dollars in aid"), vec![]);
        assert_eq!(
            changes("1.5 million barrels", "1.6 million barrels").len(),
            1
        );
        // A share rounded is the same share; one as precise as the other is not.
        assert_eq!(changes("46 percent of voters", "46.3% of voters"), vec![]);
        assert_eq!(
            changes(
                "inflation fell to 3.2 per cent",
                "inflation fell to 3.4 per cent"
            )
            .len(),
            1
        );
        assert_eq!(changes("4 percent", "5 percent").len(), 1);
        // Leaving a number out is not changing it.
        assert_eq!(
            changes("exchange 1,000 prisoners", "exchange prisoners"),
            vec![]
        );
        // Pronoun "one", ordinals.
        assert_eq!(
            changes(
                "no one agreed on the third day",
                "nobody agreed on the third day"
            ),
            vec![]
        );
    }

    #[test]
    fn date_changes_detected() {
        let c = changes("the vote on May 16", "the vote on 23 May");
        assert_eq!(c.len(), 1, "{c:?}");
        assert_eq!(c[0].kind(), "date");
        assert_eq!(changes("since 2022", "since 2023").len(), 1);
        assert_eq!(
            changes("we may agree in 2022", "we may agree in 2022"),
            vec![]
        );
        // Years are dates, not quantities; "may" the verb is no month.
        assert_eq!(changes("in March 2024", "in April 2024")[0].kind(), "date");
        assert_eq!(changes("they may march", "they might march"), vec![]);
    }

    #[test]
    fn weekday_changes_detected() {
        let c = changes("talks resume on Friday", "talks resume on Thursday");
        assert_eq!(
            c,
            vec![Change::Date {
                from: "Friday".into(),
                to: "Thursday".into()
            }]
        );
        // Leaving the weekday out, or adding one to a date, changes nothing.
        assert_eq!(changes("on Friday, May 16", "on May 16"), vec![]);
        assert_eq!(changes("on May 16", "on Friday, May 16"), vec![]);
        // Only capitalised: "sunday best" is not a day, and the tracker keeps the last
        // weekday given across a sighting that leaves it out.
        assert_eq!(changes("on Friday", "in his sunday best"), vec![]);
        let mut t = Tracker::new();
        assert!(t.next("we meet on Friday", None).is_empty());
        assert!(t.next("we meet soon", None).is_empty());
        assert_eq!(t.next("we meet on Monday", None)[0].kind(), "date");
    }

    #[test]
    fn negation_changes() {
        let c = changes(
            "Russia agreed to the swap",
            "Russia did not agree to the swap",
        );
        assert_eq!(
            c,
            vec![Change::Negation {
                from: Polarity::Affirmed,
                to: Polarity::Negated
            }]
        );
        assert_eq!(changes("we will sign", "we won't sign").len(), 1);
        assert_eq!(changes("we can sign", "we can't sign").len(), 1);
        assert_eq!(
            changes("they agreed", "the ministry denied that they agreed").len(),
            1
        );
        assert_eq!(
            changes("they agreed", "he denied that they had not agreed"),
            vec![]
        );
        // A bound on a figure denies nothing.
        assert_eq!(
            changes("will create 800 jobs", "will create no more than 300 jobs"),
            vec![Change::Number {
                from: "800 jobs".into(),
                to: "300 jobs".into()
            }]
        );
        // What a figure counts stops before a date ("last year").
        assert_eq!(
            changes(
                "The harbour handled 3.2 million containers last year",
                "the harbour had handled 3.5 million containers last year"
            ),
            vec![Change::Number {
                from: "3.2 million containers".into(),
                to: "3.5 million containers".into()
            }]
        );
        // Nor does the figure a new one replaces.
        assert_eq!(
            changes(
                "Twelve rural schools will close by next summer",
                "nine rural schools would close by next summer, not twelve"
            ),
            vec![Change::Number {
                from: "Twelve rural schools".into(),
                to: "nine rural schools".into()
            }]
        );
    }

    #[test]
    fn speaker_changes() {
        assert!(speaker_change(Some("Hakan Fidan"), Some("hakan fidan")).is_none());
        assert!(speaker_change(Some("Fidan"), None).is_none());
        assert_eq!(
            speaker_change(Some("A"), Some("B")).map(|c| c.kind()),
            Some("speaker")
        );
    }

    #[test]
    fn tracker_reports_each_change_once() {
        let mut t = Tracker::new();
        assert!(
            t.next("we agreed to swap 1,000 prisoners", Some("Medinsky"))
                .is_empty()
        );
        assert!(
            t.next("they agreed to swap prisoners", Some("Medinsky"))
                .is_empty()
        );
        let c = t.next("they agreed to swap 1,200 prisoners", Some("Medinsky"));
        assert_eq!(c.len(), 1);
        assert!(
            t.next("they agreed to swap 1,200 prisoners", None)
                .is_empty()
        );
        let c = t.next(
            "Kyiv denied that it agreed to swap 1,200 prisoners",
            Some("Kyslytsya"),
        );
        let kinds: Vec<_> = c.iter().map(Change::kind).collect();
        assert_eq!(kinds, vec!["negation", "speaker"]);
        // Agreeing with the founder after a denial turns nothing round.
        let c = t.next("they agreed to swap 1,200 prisoners", Some("Medinsky"));
        let kinds: Vec<_> = c.iter().map(Change::kind).collect();
        assert_eq!(kinds, vec!["speaker"]);
    }

    #[test]
    fn negation_is_read_where_both_say_the_same() {
        // A sentence said on top, negated, does not turn the claim round.
        assert_eq!(
            changes(
                "The bridge is a great idea. Nobody has ever suggested it to me.",
                "the bridge is a great idea"
            ),
            vec![]
        );
        assert_eq!(
            changes(
                "the team was extremely careless with the files",
                "The team was ‘extremely careless with the files.’ Not fit!"
            ),
            vec![]
        );
        // A negation in a sentence both say still does; decimals are no sentence end.
        assert_eq!(
            changes(
                "The bridge is a great idea. We will build it.",
                "the bridge is not a great idea"
            )
            .len(),
            1
        );
        assert_eq!(
            changes("turnout rose 9.2 points", "turnout rose 9.2 points").len(),
            0
        );
        // Clauses too: the negation of a clause said on top does not count, that of
        // a clause with no content of its own counts with the next.
        assert_eq!(
            changes(
                "I was a civilian so nobody cared, but I was against the war in Iraq",
                "he was against the war in Iraq"
            ),
            vec![]
        );
        assert_eq!(
            changes(
                "we agreed to exchange prisoners",
                "We have not, as yet, agreed to exchange prisoners"
            )
            .len(),
            1
        );
        // Negating clauses of one statement do not cancel each other out.
        assert_eq!(
            changes(
                "there has never been a man or a woman more qualified than Jane Doe",
                "there has never been a man or a woman - not me, not Bill, nobody - more \
                 qualified than Jane Doe"
            ),
            vec![]
        );
        // Two reported clauses, each negated, are no double negation.
        assert_eq!(
            changes(
                "that she did not send any secret files and that no files she sent were \
                 marked secret at the time",
                "that none of the files was marked secret at the time it was sent"
            ),
            vec![]
        );
        // "or not" offers an alternative: it negates nothing.
        assert_eq!(
            changes(
                "climate change is not happening",
                "whether climate change is happening or not is settled"
            )
            .len(),
            1
        );
    }

    #[test]
    fn odd_text_does_not_panic() {
        for s in [
            "",
            "’",
            "n't",
            "1,",
            "1..2",
            "$",
            "$$5",
            "1e999 people",
            "May",
            "¼ ½",
            "İİİ",
            "9999999999999999999999 ships",
        ] {
            let _ = changes(s, "May 32 1,000,000,000,000,000,000,000.5");
            let _ = similarity(&terms(s), &terms("a b c"));
            let _ = keys(&terms(s), 8);
        }
    }

    proptest::proptest! {
        #[test]
        fn never_panics(a in "\\PC{0,80}", b in "[0-9a-zA-Z ,.'’%$-]{0,80}") {
            let _ = changes(&a, &b);
            let _ = changes(&b, &a);
            let s = similarity(&terms(&a), &terms(&b));
            proptest::prop_assert!((0.0..=1.0).contains(&s));
            let mut t = Tracker::new();
            let _ = t.next(&a, Some(&b));
            let _ = t.next(&b, None);
        }
    }
}
