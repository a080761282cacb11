//! Claims end to end on a store: grouping, check, summaries, timelines, rebuild.

use attrib::EntityKind;
use attrib::testutil::Article;

use super::INDEX_KEYS;
use crate::{Change, ClaimFilter, Error, Store};

/// One test document: key, outlet, date, and (speaker, text) quotations.
type Doc<'a> = (&'a str, &'a str, &'a str, &'a [(&'a str, &'a str)]);

/// A store holding `docs`, ingested in order and then grouped.
fn store_with(docs: &[Doc<'_>]) -> Store {
    let mut store = Store::open_in_memory().unwrap();
    for (key, outlet, date, quotes) in docs {
        let mut article = Article::new();
        for (speaker, text) in quotes.iter() {
            let role = format!("role of {speaker}");
            article = article.quote(speaker, EntityKind::Person, Some(&role), text);
        }
        let (mut doc, ex) = article.build(key);
        doc.date = Some(date.parse().unwrap());
        doc.source = Some(outlet.to_string());
        store.ingest(&doc, &ex).unwrap();
    }
    assert_eq!(
        store.group_claims().unwrap(),
        docs.iter().map(|d| d.3.len()).sum::<usize>()
    );
    store
}

fn claim_of(store: &Store, text: &str) -> i64 {
    store
        .conn
        .query_row(
            "SELECT s.claim_id FROM sightings s JOIN quotes q ON q.id = s.quote_id WHERE q.text = ?1",
            [text],
            |r| r.get(0),
        )
        .unwrap()
}

const SWAP: &str = "We have agreed to exchange 1,000 prisoners of war each";
const SWAP_INDIRECT: &str = "Russia and Ukraine had agreed to exchange 1,000 prisoners of war each";
const SWAP_MORE: &str = "the two sides agreed to exchange 1,200 prisoners of war each";
const SWAP_DENIED: &str = "Kyiv never agreed to exchange prisoners of war";
const TALKS: &str = "We have agreed to continue the talks in Istanbul next month";

fn story() -> Store {
    store_with(&[
        (
            "a1",
            "Daily",
            "2025-05-16",
            &[("Medinsky", SWAP), ("Fidan", TALKS)],
        ),
        ("a2", "Herald", "2025-05-23", &[("Medinsky", SWAP_INDIRECT)]),
        ("a3", "Daily", "2025-05-30", &[("Medinsky", SWAP_MORE)]),
        ("a4", "Courier", "2025-06-06", &[("Kyslytsya", SWAP_DENIED)]),
    ])
}

#[test]
fn assign_groups_rewordings_only() {
    let s = story();
    let c = claim_of(&s, SWAP);
    assert_eq!(claim_of(&s, SWAP_INDIRECT), c);
    assert_eq!(claim_of(&s, SWAP_MORE), c);
    assert_eq!(claim_of(&s, SWAP_DENIED), c);
    assert_ne!(claim_of(&s, TALKS), c);
    let keys: i64 = s
        .conn
        .query_row("SELECT COUNT(*) FROM claim_keys", [], |r| r.get(0))
        .unwrap();
    assert!(keys > 0 && keys <= 5 * INDEX_KEYS as i64);
}

#[test]
fn assign_of_missing_or_empty_quote_is_harmless() {
    let mut s = store_with(&[("a", "X", "2025-01-01", &[("A", ""), ("B", "…")])]);
    let n: i64 = s
        .conn
        .query_row("SELECT COUNT(*) FROM claims", [], |r| r.get(0))
        .unwrap();
    assert_eq!(n, 2);
    // Nothing left to group: a no-op.
    assert_eq!(s.group_claims().unwrap(), 0);
}

#[test]
fn check_reports_claim_with_changes() {
    let mut s = story();
    let reports = s
        .check_claim("exchange 1,000 prisoners of war", None, None)
        .unwrap();
    assert_eq!(reports.len(), 1, "{reports:#?}");
    let r = &reports[0];
    assert_eq!(
        r.first_seen.map(|d| d.to_string()).as_deref(),
        Some("2025-05-16")
    );
    assert_eq!(
        r.last_seen.map(|d| d.to_string()).as_deref(),
        Some("2025-06-06")
    );
    assert_eq!(r.first_speaker.as_deref(), Some("Medinsky"));
    assert_eq!(r.outlets, vec!["Daily", "Herald", "Courier"]);
    let kinds: Vec<Vec<&str>> = r
        .sightings
        .iter()
        .map(|s| s.changes.iter().map(Change::kind).collect())
        .collect();
    assert_eq!(
        kinds,
        vec![vec![], vec![], vec!["number"], vec!["negation", "speaker"]]
    );
    // Periods limit the sightings shown, not the changes computed.
    let later = s
        .check_claim(
            "exchange prisoners",
            Some("2025-05-30".parse().unwrap()),
            None,
        )
        .unwrap();
    assert_eq!(later[0].sightings.len(), 2);
    assert_eq!(later[0].sightings[0].changes[0].kind(), "number");
    // FTS syntax is plain words; nonsense finds nothing.
    assert!(s.check_claim("AND ( \"prisoners* NEAR", None, None).is_ok());
    assert!(s.check_claim("***", None, None).unwrap().is_empty());
}

#[test]
fn claims_summaries() {
    let mut s = story();
    let all = s.claims(&ClaimFilter::default()).unwrap();
    assert_eq!(all.len(), 2);
    assert_eq!(all[0].sightings, 4);
    assert_eq!(all[0].outlets, 3);
    assert_eq!(all[0].speakers, 2);
    assert_eq!(all[0].text, SWAP);
    let repeated = s
        .claims(&ClaimFilter {
            min_sightings: 2,
            ..Default::default()
        })
        .unwrap();
    assert_eq!(repeated.len(), 1);
    let fidan = s
        .claims(&ClaimFilter {
            speaker: Some("fidan".into()),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(fidan.len(), 1);
    assert_eq!(fidan[0].text, TALKS);
    let late = s
        .claims(&ClaimFilter {
            since: Some("2025-05-20".parse().unwrap()),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(late.len(), 1);
    assert_eq!(late[0].sightings, 3);
    assert!(matches!(
        s.claims(&ClaimFilter {
            speaker: Some("nobody".into()),
            ..Default::default()
        }),
        Err(Error::NoSpeaker(_))
    ));
}

#[test]
fn timeline_of_a_speaker() {
    let mut s = story();
    let t = s.timeline("Medinsky", None).unwrap();
    assert_eq!(t.len(), 3);
    assert_eq!(
        t[0].date.map(|d| d.to_string()).as_deref(),
        Some("2025-05-16")
    );
    assert_eq!(t[0].role.as_deref(), Some("role of Medinsky"));
    assert_eq!(t[0].claim_sightings, 4);
    assert_eq!(
        s.timeline("Medinsky", Some("1,200 prisoners"))
            .unwrap()
            .len(),
        3
    );
    assert_eq!(s.timeline("Fidan", Some("prisoners")).unwrap().len(), 0);
    assert_eq!(s.timeline("Fidan", Some("((")).unwrap().len(), 0);
}

/// The statements of `fixtures/claims/`, as an extractor should find them.
#[test]
fn fixture_story_groups_and_flags() {
    const C1: &str =
        "Ostria has agreed to return the 40 fishing boats it seized in the Tamsin Strait,";
    const C2: &str =
        "Ostria had agreed to return the 40 fishing boats it seized in the Tamsin Strait";
    const C3: &str = "Ostria has agreed to return the 40 fishing boats it seized,";
    const C4: &str =
        "Ostria has agreed to return the 45 fishing boats it seized in the Tamsin Strait,";
    const C5: &str =
        "Ostria had not agreed to return the fishing boats it seized in the Tamsin Strait";
    let mut s = store_with(&[
        (
            "g1",
            "Harbour Gazette",
            "2025-03-03",
            &[
                ("Elena Markova", C1),
                (
                    "Pavel Dressler",
                    "The talks were long and difficult, but both delegations worked in good faith,",
                ),
                (
                    "Jonas Tell",
                    "We have waited all winter for our boats to come home, and the whole town has suffered,",
                ),
            ],
        ),
        (
            "l1",
            "Northern Ledger",
            "2025-03-10",
            &[
                ("Elena Markova", C2),
                (
                    "Marta Holm",
                    "Most of the engines will need to be replaced before the boats can go back to sea,",
                ),
                (
                    "Karl Enqvist",
                    "Ostria must also pay for the damage its coastguard has done to our fleet,",
                ),
            ],
        ),
        (
            "t1",
            "Coastal Times",
            "2025-03-17",
            &[
                ("Elena Markova", C3),
                (
                    "Elena Markova",
                    "That is more than anyone expected a month ago.",
                ),
                (
                    "Karl Enqvist",
                    "the government had given up too much in the talks",
                ),
                (
                    "Karl Enqvist",
                    "The government has agreed to let Ostrian boats fish in our waters for the next ten years,",
                ),
            ],
        ),
        (
            "g2",
            "Harbour Gazette",
            "2025-03-24",
            &[
                ("Elena Markova", C4),
                (
                    "Elena Markova",
                    "Every one of these boats is a family's living, and we will not rest until they are all home,",
                ),
            ],
        ),
        (
            "l2",
            "Northern Ledger",
            "2025-03-31",
            &[
                ("Pavel Dressler", C5),
                (
                    "Pavel Dressler",
                    "The boats were fishing illegally in Ostrian waters, and the courts will decide what happens to them,",
                ),
            ],
        ),
        (
            "t2",
            "Coastal Times",
            "2025-04-07",
            &[
                (
                    "Elena Markova",
                    "My first task is to bring our fishermen home and to rebuild the trust between our two countries,",
                ),
                (
                    "Karl Enqvist",
                    "The new prime minister has inherited a crisis that her own ministry created,",
                ),
            ],
        ),
    ]);
    let reports = s
        .check_claim("Ostria agreed to return 40 fishing boats", None, None)
        .unwrap();
    assert_eq!(reports.len(), 1, "{reports:#?}");
    let texts: Vec<&str> = reports[0]
        .sightings
        .iter()
        .map(|s| s.text.as_str())
        .collect();
    assert_eq!(texts, vec![C1, C2, C3, C4, C5]);
    let kinds: Vec<Vec<&str>> = reports[0]
        .sightings
        .iter()
        .map(|s| s.changes.iter().map(Change::kind).collect())
        .collect();
    assert_eq!(
        kinds,
        vec![
            vec![],
            vec![],
            vec![],
            vec!["number"],
            vec!["negation", "speaker"]
        ]
    );
    let repeated = s
        .claims(&ClaimFilter {
            min_sightings: 2,
            ..Default::default()
        })
        .unwrap();
    assert_eq!(repeated.len(), 1, "{repeated:#?}");
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(32))]
    /// Any text stores, groups and searches without an error or a panic.
    #[test]
    fn any_text_groups_and_searches(
        texts in proptest::collection::vec("\\PC{0,60}", 1..6),
        query in "\\PC{0,40}",
    ) {
        let quotes: Vec<(&str, &str)> = texts.iter().map(|t| ("Someone", t.as_str())).collect();
        let mut s = store_with(&[("p", "Outlet", "2025-01-01", &quotes)]);
        let reports = s.check_claim(&query, None, None).unwrap();
        proptest::prop_assert!(reports.iter().all(|r| !r.sightings.is_empty()));
        s.claims(&ClaimFilter::default()).unwrap();
        s.timeline("Someone", Some(&query)).unwrap();
    }
}

#[test]
fn rebuild_gives_the_same_groups() {
    let mut s = story();
    assert_eq!(s.rebuild_claims().unwrap(), 2);
    let c = claim_of(&s, SWAP);
    assert_eq!(claim_of(&s, SWAP_DENIED), c);
}

/// A claim founded by a phrase (a topic, no verb) gathers its repeats in other
/// articles, not statements about the topic that share most of its words.
#[test]
fn a_topic_founds_a_claim_of_its_repeats() {
    const TOPIC: &str = "presumptive Democratic presidential nominee Hillary Clinton\u{2019}s use \
                         of an email server while secretary of state";
    const ABOUT: &str = "that Democratic presidential candidate Hillary Clinton\u{2019}s use of a \
                         private email server when she was secretary of state could have \
                         exposed classified information to foreign governments";
    const REPEAT: &str = "presumptive Democratic presidential nominee Hillary Clinton\u{2019}s use \
                          of a private email server while secretary of state";
    let s = store_with(&[
        ("t1", "Daily", "2016-07-12", &[("James Comey", TOPIC)]),
        ("t2", "Herald", "2016-07-13", &[("Trey Gowdy", ABOUT)]),
        ("t3", "Courier", "2016-07-14", &[("James Comey", REPEAT)]),
    ]);
    let topic = claim_of(&s, TOPIC);
    assert_ne!(claim_of(&s, ABOUT), topic);
    assert_eq!(claim_of(&s, REPEAT), topic);
}

/// Every word list parses (a malformed line panics with its place) and has no
/// repeated entry.
#[test]
fn data_files_are_well_formed() {
    use super::statement::{CLAUSE_WORDS, CLAUSE_WORDS_FILE, DEMANDS, DEMANDS_FILE};
    use super::statement::{
        DATE_PREPOSITIONS_FILE, MONTHS, NUMBER_WORDS, NUMBERS_FILE, UNITS, UNITS_FILE, WEEKDAYS,
    };
    use super::text::{FIGURE_VERBS, FIGURE_VERBS_FILE};
    use super::text::{NEGATIONS, NEGATIONS_FILE, STOPWORDS, STOPWORDS_FILE, TITLES, TITLES_FILE};
    for file in [
        FIGURE_VERBS_FILE,
        STOPWORDS_FILE,
        TITLES_FILE,
        DEMANDS_FILE,
        CLAUSE_WORDS_FILE,
        NEGATIONS_FILE,
        NUMBERS_FILE,
        UNITS_FILE,
        DATE_PREPOSITIONS_FILE,
    ] {
        let mut seen = std::collections::HashSet::new();
        for line in file.lowercase_entries(true) {
            assert!(seen.insert(line), "{}: {line:?} twice", file.name);
        }
    }
    assert_eq!(STOPWORDS.len(), STOPWORDS_FILE.entries().count());
    assert_eq!(NEGATIONS.len(), NEGATIONS_FILE.entries().count());
    assert_eq!(TITLES.len(), TITLES_FILE.entries().count());
    // Forms share stems ("totaled", "totalled").
    assert!(!FIGURE_VERBS.is_empty() && FIGURE_VERBS.len() <= FIGURE_VERBS_FILE.entries().count());
    assert_eq!(DEMANDS.len(), DEMANDS_FILE.entries().count());
    assert_eq!(CLAUSE_WORDS.len(), CLAUSE_WORDS_FILE.entries().count());
    assert_eq!(NUMBER_WORDS.len(), NUMBERS_FILE.entries().count());
    assert!(UNITS.len() >= UNITS_FILE.entries().count());
    assert_eq!(MONTHS.len(), 24);
    assert_eq!(WEEKDAYS.len(), 10);
    assert_eq!(MONTHS.get("may"), Some(&5));
    assert_eq!(WEEKDAYS.get("tues"), Some(&2));
    assert_eq!(WEEKDAYS.get("sun"), None);
}

/// A chain of statements each close to the one before is not one claim: a sighting
/// joins only when close to the claim's founding statement too.
#[test]
fn sightings_must_be_close_to_the_founding_statement() {
    const A: &str = "The minister will visit Paris on Monday to sign the trade agreement";
    const B: &str = "The minister will visit Paris on Monday to sign the trade agreement \
                     and meet the French president about fishing quotas";
    const C: &str = "sign the trade agreement and meet the French president about fishing quotas";
    let store = store_with(&[
        ("d1", "Daily", "2025-01-01", &[("Ruiz", A)]),
        ("d2", "Herald", "2025-01-02", &[("Ruiz", B)]),
        ("d3", "Courier", "2025-01-03", &[("Ruiz", C)]),
    ]);
    use super::similarity::similarity;
    use super::text::terms;
    // The chain the old rule followed: C is close to B, B to A, C not to A.
    assert!(similarity(&terms(C), &terms(B)) >= super::SAME_CLAIM);
    assert!(similarity(&terms(B), &terms(A)) >= super::SAME_CLAIM);
    assert!(similarity(&terms(C), &terms(A)) < super::SAME_CLAIM);
    assert_eq!(claim_of(&store, A), claim_of(&store, B));
    assert_ne!(claim_of(&store, C), claim_of(&store, A));
}

/// A restatement with listed synonyms ("jobless"/"unemployment", "dropped"/"fell") is a
/// sighting of the same claim, and `check` finds it from either wording.
#[test]
fn synonyms_restate_a_claim() {
    const FIRST: &str = "Unemployment fell to 4 percent in March across the northern provinces";
    const AGAIN: &str = "the jobless rate dropped to 4% in March across the northern provinces";
    let mut store = store_with(&[
        ("s1", "Daily", "2025-04-01", &[("Ruiz", FIRST)]),
        ("s2", "Herald", "2025-04-02", &[("Lopez", AGAIN)]),
    ]);
    assert_eq!(claim_of(&store, FIRST), claim_of(&store, AGAIN));
    let found = store
        .check_claim(
            "jobless rate dropped to 4 percent in the northern provinces",
            None,
            None,
        )
        .unwrap();
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].sightings.len(), 2);
}

/// Another speaker reported as denying a claim disputes it even in the claim's own
/// words; the claim's first speaker never disputes it, and neither does a plain
/// re-report.
#[test]
fn another_speaker_denying_is_a_dispute() {
    const DEAL: &str = "The fisheries deal with Ostria was signed on Friday in the capital";
    const AGAIN: &str = "the fisheries deal with Ostria was signed on Friday in the capital";
    const DENIED: &str = "that the fisheries deal with Ostria was signed on Friday in the capital";
    let mut store = store_with(&[
        ("f1", "Daily", "2025-05-01", &[("Ruiz", DEAL)]),
        ("f2", "Herald", "2025-05-02", &[("Lopez", AGAIN)]),
        ("f3", "Courier", "2025-05-03", &[("Moreno", DENIED)]),
    ]);
    store
        .conn
        .execute("UPDATE quotes SET cue = 'denied' WHERE text = ?1", [DENIED])
        .unwrap();
    let claim = claim_of(&store, DEAL);
    assert_eq!(claim_of(&store, DENIED), claim);
    let report = store.claim_report(claim, None, None).unwrap();
    let disputes: Vec<bool> = report.sightings.iter().map(|s| s.dispute).collect();
    assert_eq!(disputes, [false, false, true]);
}

/// Another speaker's figure for the same thing, put the other way round ("put the
/// cost of the scheme at"), is a sighting of the claim and disputes it; the same words
/// about another named scheme are another claim.
#[test]
fn another_figure_put_the_other_way_round_disputes() {
    const COST: &str = "The Kelmar bridge scheme will cost 60 million";
    const OTHER: &str = "the cost of the Kelmar bridge scheme at 90 million";
    const ELSEWHERE: &str = "The Dunmore tunnel scheme will cost 60 million";
    let mut store = store_with(&[
        ("c1", "Daily", "2025-06-01", &[("Berg", COST)]),
        ("c2", "Herald", "2025-06-08", &[("Holt", OTHER)]),
        ("c3", "Courier", "2025-06-15", &[("Lind", ELSEWHERE)]),
    ]);
    let claim = claim_of(&store, COST);
    assert_eq!(claim_of(&store, OTHER), claim);
    assert_ne!(claim_of(&store, ELSEWHERE), claim);
    let report = store.claim_report(claim, None, None).unwrap();
    let disputes: Vec<bool> = report.sightings.iter().map(|s| s.dispute).collect();
    assert_eq!(disputes, [false, true]);
    let found = store
        .check_claim("the Kelmar bridge will cost 60 million", None, None)
        .unwrap();
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0].claim, claim);
}

/// Two statements sharing only a person's title and name ("Green presidential nominee
/// Dana Whitfield") say nothing alike: the title words count with the name, so a
/// parade and a charge of pandering are two claims. A restatement of the parade with
/// the same title still joins it.
#[test]
fn a_shared_title_before_a_name_is_no_shared_claim() {
    const PARADE: &str =
        "Presumptive Green presidential nominee Dana Whitfield marched in the Harbour Day parade";
    const PANDERING: &str = "him of pandering to Green presidential nominee Dana Whitfield";
    const AGAIN: &str =
        "Green presidential nominee Dana Whitfield marched in the Harbour Day parade";
    let store = store_with(&[
        ("t1", "Daily", "2025-07-01", &[("Okafor", PARADE)]),
        ("t2", "Herald", "2025-07-08", &[("Brandt", PANDERING)]),
        ("t3", "Courier", "2025-07-15", &[("Iqbal", AGAIN)]),
    ]);
    let claim = claim_of(&store, PARADE);
    assert_ne!(claim_of(&store, PANDERING), claim);
    assert_eq!(claim_of(&store, AGAIN), claim);
}

/// Two statements sharing only a figure's unit ("percentage points") are two claims:
/// a turnout rise is not a poll lead. The same turnout with another figure is the
/// same claim.
#[test]
fn a_shared_unit_is_no_shared_claim() {
    const TURNOUT: &str =
        "turnout was up 12 percentage points from 2012 and 3 percentage points from 2008";
    const LEAD: &str = "Whitfield leads by 7 percentage points, 48 percent to 41 percent";
    const AGAIN: &str = "turnout was up 14 percentage points from 2012";
    let store = store_with(&[
        ("u1", "Daily", "2025-07-01", &[("Okafor", TURNOUT)]),
        ("u2", "Herald", "2025-07-08", &[("Brandt", LEAD)]),
        ("u3", "Courier", "2025-07-15", &[("Iqbal", AGAIN)]),
    ]);
    let claim = claim_of(&store, TURNOUT);
    assert_ne!(claim_of(&store, LEAD), claim);
    assert_eq!(claim_of(&store, AGAIN), claim);
}

/// "Should" is a demand, "will" a promise: another speaker's demand is another claim
/// than the promise, while a reported infinitive ("to release her tax returns", its
/// mood in the words that reported it) may be either.
#[test]
fn a_demand_is_no_sighting_of_a_promise() {
    const PROMISE: &str = "Dana Whitfield will release her tax returns after the audit";
    const DEMAND: &str = "Dana Whitfield should release her tax returns after the audit";
    const AGAIN: &str = "Dana Whitfield will release all her tax returns after the audit";
    let store = store_with(&[
        ("m1", "Daily", "2025-07-01", &[("Okafor", PROMISE)]),
        ("m2", "Herald", "2025-07-08", &[("Brandt", DEMAND)]),
        ("m3", "Courier", "2025-07-15", &[("Iqbal", AGAIN)]),
    ]);
    let claim = claim_of(&store, PROMISE);
    assert_ne!(claim_of(&store, DEMAND), claim);
    assert_eq!(claim_of(&store, AGAIN), claim);
}

/// A share in percent and a count are different figures: "cut traffic by 30 percent"
/// and "cut traffic by 3,000 cars a day" are two claims, "by 25 percent" a changed
/// figure of the first.
#[test]
fn figures_of_another_kind_are_another_claim() {
    const SHARE: &str = "the Kelmar bridge scheme cut traffic by 30 percent";
    const COUNT: &str = "the Kelmar bridge scheme cut traffic by 3,000 cars a day";
    const AGAIN: &str = "the Kelmar bridge scheme cut traffic by 25 percent";
    let store = store_with(&[
        ("f1", "Daily", "2025-07-01", &[("Okafor", SHARE)]),
        ("f2", "Herald", "2025-07-08", &[("Brandt", COUNT)]),
        ("f3", "Courier", "2025-07-15", &[("Iqbal", AGAIN)]),
    ]);
    let claim = claim_of(&store, SHARE);
    assert_ne!(claim_of(&store, COUNT), claim);
    assert_eq!(claim_of(&store, AGAIN), claim);
}
