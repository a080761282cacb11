//! Tests of mention finding.

use super::*;
use crate::coref::resolve;

/// Mentions of `text` as (kind, span text, name text, role text).
fn found(text: &str) -> Vec<(MentionKind, String, String, String)> {
    let sents = segment::sentences(text);
    let of = |s: Option<Span>| s.map(|s| s.of(text).to_string()).unwrap_or_default();
    find(text, &sents, &[])
        .into_iter()
        .map(|m| (m.kind, m.span.of(text).to_string(), of(m.name), of(m.role)))
        .collect()
}

fn has(text: &str, kind: MentionKind, span: &str) -> bool {
    found(text).iter().any(|m| m.0 == kind && m.1 == span)
}

#[test]
fn title_and_name() {
    let m = found("Turkish Foreign Minister Hakan Fidan chaired the meeting.");
    assert_eq!(m[0].0, MentionKind::Person);
    assert_eq!(m[0].2, "Hakan Fidan");
    assert_eq!(m[0].3, "Turkish Foreign Minister");
}

#[test]
fn role_phrase_before_name() {
    let m =
        found("Prisoners will be swapped, the head of Russia's delegation Vladimir Medinsky said.");
    let p = m
        .iter()
        .find(|m| m.2 == "Vladimir Medinsky")
        .expect("Medinsky");
    assert_eq!(p.3, "head of Russia's delegation");
    assert!(p.1.starts_with("the head"));
}

#[test]
fn appositive_role() {
    let text = "The team was led by retired Lt. Gen. Keith Kellogg, Trump's special envoy to Ukraine and Russia, while others stayed.";
    let ms = find(text, &segment::sentences(text), &[]);
    let k = ms
        .iter()
        .find(|m| m.name.map(|s| s.of(text)) == Some("Keith Kellogg"))
        .expect("Kellogg");
    assert_eq!(k.role.map(|s| s.of(text)), Some("retired Lt. Gen."));
    assert_eq!(
        k.appositive.map(|s| s.of(text)),
        Some("Trump's special envoy to Ukraine and Russia")
    );
}

#[test]
fn party_tag_and_honorific() {
    let m = found("Sen. Ted Cruz (R-Texas) said no. Mr. Trump disagreed.");
    assert_eq!(m[0].1, "Sen. Ted Cruz (R-Texas)");
    assert_eq!(m[0].3, "Sen.");
    let t = m.iter().find(|m| m.2 == "Trump").expect("Trump");
    assert_eq!(t.1, "Mr. Trump");
    assert_eq!(t.3, "", "an honorific is not a role");
}

#[test]
fn organisations() {
    assert!(has(
        "Turkish Foreign Ministry officials said so.",
        MentionKind::Organization,
        "Turkish Foreign Ministry officials"
    ));
    assert!(has(
        "Later the Kremlin said no.",
        MentionKind::Organization,
        "the Kremlin"
    ));
    assert!(has(
        "But the White House said yes.",
        MentionKind::Organization,
        "the White House"
    ));
    assert!(has(
        "Then the Clinton campaign said it would sue.",
        MentionKind::Organization,
        "the Clinton campaign"
    ));
    assert!(has(
        "An official told The Associated Press.",
        MentionKind::Organization,
        "The Associated Press"
    ));
}

#[test]
fn countries_as_speakers_only() {
    assert!(has(
        "Türkiye has urged both sides to talk.",
        MentionKind::Country,
        "Türkiye"
    ));
    assert!(has(
        "Later Moscow said it agreed.",
        MentionKind::Country,
        "Moscow"
    ));
    let m = found("The sides met in Istanbul. Russia's other negotiators came on Friday.");
    assert!(
        m.iter().all(|m| !m.1.contains("Istanbul")
            && !m.1.contains("Russia")
            && !m.1.contains("Friday")),
        "{m:?}"
    );
}

#[test]
fn anonymous_sources() {
    assert!(has(
        "It went well, a senior Ukrainian official told reporters.",
        MentionKind::Anonymous,
        "a senior Ukrainian official"
    ));
    assert!(has(
        "Talks stalled, sources said.",
        MentionKind::Anonymous,
        "sources"
    ));
    assert!(has(
        "It was delayed, two people familiar with the matter said.",
        MentionKind::Anonymous,
        "two people"
    ));
    assert!(has(
        "It was delayed, the official said.",
        MentionKind::Anonymous,
        "the official"
    ));
}

#[test]
fn pronouns_and_nominals() {
    assert!(has(
        "\"We are ready,\" he added.",
        MentionKind::Pronoun,
        "he"
    ));
    assert!(has(
        "Later the Ukrainian president accused Moscow.",
        MentionKind::Nominal,
        "the Ukrainian president"
    ));
    assert!(has(
        "Then the minister said more.",
        MentionKind::Nominal,
        "the minister"
    ));
}

#[test]
fn not_names() {
    let m = found(
        "In a post on X, Fidan described the day. On Friday, Medinsky spoke. In March the talks ended.",
    );
    let spans: Vec<&str> = m.iter().map(|m| m.1.as_str()).collect();
    assert!(
        spans.contains(&"Fidan") && spans.contains(&"Medinsky"),
        "{spans:?}"
    );
    for bad in ["X", "On", "Friday", "In", "March"] {
        assert!(!spans.contains(&bad), "{bad} in {spans:?}");
    }
}

#[test]
fn quotations_are_skipped() {
    let text = "\"Ask Putin what he wants,\" Zelensky said.";
    let q = Span::new(0, text.find(',').unwrap_or(0) + 2);
    let ms = find(text, &segment::sentences(text), &[q]);
    let spans: Vec<&str> = ms.iter().map(|m| m.span.of(text)).collect();
    assert_eq!(spans, ["Zelensky"]);
}

#[test]
fn odd_input() {
    for t in [
        "", " ", "'s", "’", "A.", "Mr.", "\n\n", "É", "the", "U.S.", "Jr.'s", "(R-", ", who",
    ] {
        let ms = find(t, &segment::sentences(t), &[Span::new(0, 100)]);
        assert!(ms.is_empty() || ms.iter().all(|m| m.span.end <= t.len()));
        let _ = find(t, &[Span::new(5, 2)], &[Span::new(3, 1)]);
    }
}

#[test]
fn istanbul_article() {
    let raw = include_str!("../../../../fixtures/articles/istanbul-talks.txt");
    let doc = crate::Document::from_article("istanbul", raw.to_string()).expect("header");
    let text = doc.text.as_str();
    // The quotations the quote finder excludes.
    let quotes: Vec<Span> = crate::marks::find(text, &segment::paragraphs(text))
        .iter()
        .map(|q| q.outer)
        .collect();
    let ms = find(text, &segment::sentences(text), &quotes);
    let (ents, idx) = resolve(text, &ms);
    let canon = |e: &crate::Entity| e.canonical.clone();
    let names: Vec<String> = ents.iter().map(canon).collect();
    for want in [
        "Hakan Fidan",
        "Vladimir Medinsky",
        "Rustem Umerov",
        "Volodymyr Zelensky",
        "Keith Kellogg",
        "Turkish Foreign Ministry officials",
        "Türkiye",
    ] {
        assert!(names.iter().any(|n| n == want), "{want} not in {names:?}");
    }
    let fidan = ents
        .iter()
        .find(|e| e.canonical == "Hakan Fidan")
        .expect("Fidan");
    assert_eq!(
        fidan.roles.first().map(String::as_str),
        Some("Turkish Foreign Minister")
    );
    for (m, e) in ms.iter().zip(&idx) {
        let s = m.span.of(text);
        let e = e.map(|e| ents[e].canonical.as_str());
        if m.kind == MentionKind::Person {
            for bad in ["Istanbul", "Russia", "Friday", "X"] {
                assert_ne!(m.name.map(|n| n.of(text)), Some(bad), "{s}");
            }
        }
        if s == "the Ukrainian president" {
            assert_eq!(e, Some("Volodymyr Zelensky"));
        }
        if s == "the official" {
            assert_eq!(e, Some("a senior Ukrainian official"));
        }
    }
    // Each "he" after a quote goes to the one quoted: Fidan, Umerov, Fidan.
    let hes: Vec<&str> = ms
        .iter()
        .zip(&idx)
        .filter(|(m, _)| m.span.of(text) == "he")
        .filter_map(|(_, e)| e.map(|e| ents[e].canonical.as_str()))
        .collect();
    assert_eq!(&hes[..3], ["Hakan Fidan", "Rustem Umerov", "Hakan Fidan"]);
    assert!(
        ents.iter()
            .all(|e| e.kind != crate::EntityKind::Person || !e.canonical.contains("Istanbul"))
    );
}

proptest::proptest! {
    #[test]
    fn never_panics_and_spans_are_sound(
        text in "[A-Za-z .,'’\"“”()\\-:\né0-9]{0,200}",
        ex in proptest::collection::vec((0usize..260, 0usize..60), 0..4),
        cut in proptest::collection::vec(0usize..260, 0..6),
    ) {
        let exclude: Vec<Span> = ex.iter().map(|&(a, l)| Span::new(a, a + l)).collect();
        let mut sents: Vec<Span> = segment::sentences(&text);
        // Also sentence spans that make no sense.
        sents.extend(cut.iter().map(|&c| Span::new(c, c / 2)));
        let ms = find(&text, &sents, &exclude);
        let mut prev_end = 0;
        for m in &ms {
            proptest::prop_assert!(m.span.start < m.span.end && m.span.end <= text.len());
            proptest::prop_assert!(text.is_char_boundary(m.span.start) && text.is_char_boundary(m.span.end));
            proptest::prop_assert!(m.span.start >= prev_end, "overlap or disorder");
            prev_end = m.span.end;
            for s in [m.name, m.role, m.appositive].into_iter().flatten() {
                proptest::prop_assert!(s.start <= s.end && s.end <= text.len());
                proptest::prop_assert!(text.is_char_boundary(s.start) && text.is_char_boundary(s.end));
            }
        }
        let (ents, idx) = resolve(&text, &ms);
        proptest::prop_assert_eq!(idx.len(), ms.len());
        for e in idx.into_iter().flatten() {
            proptest::prop_assert!(e < ents.len());
        }
    }
}

/// No person is a piece of a longer name: a place of several words, a name cut at a
/// capitalised non-name ("Watch", "Security"), or a sentence's first word glued to a
/// name.
#[test]
fn no_person_cut_from_a_longer_name() {
    let persons = |text: &str| -> Vec<String> {
        found(text)
            .into_iter()
            .filter(|m| m.0 == MentionKind::Person)
            .map(|m| m.2)
            .collect()
    };
    // "North Carolina" is a place, not "North" and a person "Carolina".
    assert!(
        persons("Legislative leaders in North Carolina, for instance, noted the ruling.")
            .is_empty()
    );
    assert!(has(
        "North Carolina said the law would stand.",
        MentionKind::Country,
        "North Carolina"
    ));
    assert!(persons("Judicial Watch said the emails were found.").is_empty());
    // A weekday after a name is no part of a longer name.
    assert_eq!(
        persons("Donald Trump Tuesday said the deal was bad."),
        ["Donald Trump"]
    );
    assert!(persons("He gave an answer about Social Security reform.").is_empty());
    // A sentence opener written in lower case elsewhere is not part of the name.
    assert_eq!(
        persons("Given Obama's record, the plan failed. It was given a vote. Obama spoke."),
        ["Obama", "Obama"]
    );
    // Given names and names in the middle of a sentence are untouched.
    assert_eq!(
        persons("Hope Hicks said it would rain. There is hope."),
        ["Hope Hicks"]
    );
    assert_eq!(
        persons("On Monday, Mitch McConnell spoke."),
        ["Mitch McConnell"]
    );
}

/// ", R-Ky.," after a name is part of its mention, like "(R-Ky.)".
#[test]
fn party_tag_between_commas() {
    let m = found("Sen. Rand Paul, R-Ky., told reporters the polls were off.");
    assert_eq!(m[0].0, MentionKind::Person);
    assert_eq!(m[0].1, "Sen. Rand Paul, R-Ky.");
    assert_eq!(m[0].2, "Rand Paul");
}

/// "the Vermont senator" is a description whose place modifies the role noun.
#[test]
fn place_before_a_role_noun() {
    assert!(has(
        "The Vermont senator acknowledged the anger.",
        MentionKind::Nominal,
        "The Vermont senator"
    ));
}

#[test]
fn common_capitals_ending_on_an_organisation_word_stay_in_its_name() {
    let m = found("The IWK Health Centre said it was reviewing its staffing.");
    assert!(
        m.iter()
            .any(|m| m.0 == MentionKind::Organization && m.2 == "IWK Health Centre"),
        "{m:?}"
    );
    assert!(has(
        "A report by the Acme Health Sciences Centre came out.",
        MentionKind::Organization,
        "the Acme Health Sciences Centre"
    ));
}

#[test]
fn run_together_brands_and_domains_are_organisations() {
    for (text, name) in [
        (
            "RealClearPolitics said the race was close.",
            "RealClearPolitics",
        ),
        ("HuffPollster said the race was close.", "HuffPollster"),
        ("Factcheck.org said the claim was false.", "Factcheck.org"),
    ] {
        assert!(
            has(text, MentionKind::Organization, name),
            "{text}: {:?}",
            found(text)
        );
    }
    // Surnames with an inner capital are people; a name ending in a multi-byte letter
    // is read safely (the domain test once sliced inside "ñ").
    for (text, name) in [
        ("McCain said the race was close.", "McCain"),
        ("DeSantis said the race was close.", "DeSantis"),
        ("Castañeda said the race was close.", "Castañeda"),
    ] {
        let m = found(text);
        assert!(
            m.iter()
                .any(|m| m.1 == name && m.0 != MentionKind::Organization),
            "{text}: {m:?}"
        );
    }
}

#[test]
fn parliamentary_titles_are_roles() {
    let m = found("Islands MSP Liam McArthur said the review was overdue.");
    let p = m.iter().find(|m| m.2 == "Liam McArthur").expect("McArthur");
    assert_eq!(p.0, MentionKind::Person);
    assert!(p.3.ends_with("MSP"), "{m:?}");
}

#[test]
fn an_organisation_word_before_of_makes_an_organisation() {
    for (text, name) in [
        (
            "The Greater Vancouver Board of Trade said the tax would hurt.",
            "Greater Vancouver Board of Trade",
        ),
        (
            "The Harvard University Institute of Politics said the poll was fair.",
            "Harvard University Institute of Politics",
        ),
        (
            "The Roper Center for Public Opinion Research said turnout was high.",
            "Roper Center for Public Opinion Research",
        ),
        (
            "The Virginia Conservation Legacy Fund said it owns the land.",
            "Virginia Conservation Legacy Fund",
        ),
    ] {
        let m = found(text);
        assert!(
            m.iter()
                .any(|m| m.0 == MentionKind::Organization && m.1.contains(name)),
            "{text}: {m:?}"
        );
    }
    // A person with their organisation and title before the name stays a person.
    let text = "Council on American-Islamic Relations Executive Director Nihad Awad said so.";
    let m = found(text);
    assert!(
        m.iter()
            .all(|m| m.0 != MentionKind::Organization || !m.1.contains("Awad")),
        "{m:?}"
    );
}

#[test]
fn a_public_body_named_with_a_place_is_an_organisation() {
    for (text, name) in [
        ("Statistics Canada said the rate fell.", "Statistics Canada"),
        ("Air Canada said flights would resume.", "Air Canada"),
        ("Ontario Hydro said power was restored.", "Ontario Hydro"),
    ] {
        assert!(
            has(text, MentionKind::Organization, name),
            "{text}: {:?}",
            found(text)
        );
    }
    assert!(!has(
        "Jim Canada said he was tired.",
        MentionKind::Organization,
        "Jim Canada"
    ));
    let text = "The Thompson-Nicola Regional District wrote that a shelter had opened.";
    let m = found(text);
    assert!(
        m.iter()
            .any(|m| m.0 == MentionKind::Organization && m.1.contains("Regional District")),
        "{m:?}"
    );
}

#[test]
fn a_town_before_its_state_is_a_place() {
    let m = found("At a stop in Onawa, Iowa, the candidate said he would win.");
    assert!(
        m.iter()
            .all(|m| !(m.0 == MentionKind::Person && m.1.contains("Onawa"))),
        "{m:?}"
    );
    // A given name is a person's, wherever they come from.
    assert!(has(
        "Jane Smith, Iowa, said the plan would fail.",
        MentionKind::Person,
        "Jane Smith"
    ));
}

#[test]
fn role_set_off_before_the_name() {
    let role_of = |text: &str, name: &str| {
        find(text, &segment::sentences(text), &[])
            .into_iter()
            .find(|m| m.name.map(|s| s.of(text)) == Some(name))
            .and_then(|m| m.appositive.map(|s| s.of(text).to_string()))
    };
    assert_eq!(
        role_of(
            "A spokesman for the authority, Jan Bakker, said congestion was costly.",
            "Jan Bakker"
        )
        .as_deref(),
        Some("A spokesman for the authority")
    );
    assert_eq!(
        role_of("Its chairwoman, Ingrid Moe, said so.", "Ingrid Moe").as_deref(),
        Some("Its chairwoman")
    );
    // A count, a time or no role word is no role.
    assert_eq!(
        role_of("One candidate, Marco Rubio, said so.", "Marco Rubio"),
        None
    );
    assert_eq!(
        role_of("Last year, Ingrid Moe, said so.", "Ingrid Moe"),
        None
    );
    // Not set off on both sides: a list.
    assert_eq!(
        role_of("The chairwoman, Ingrid Moe and others left.", "Ingrid Moe"),
        None
    );
}

#[test]
fn a_place_word_named_with_of() {
    assert!(has(
        "Ships wait, according to the Port of Rotterdam Authority.",
        MentionKind::Organization,
        "the Port of Rotterdam Authority"
    ));
    assert!(has(
        "Fees will rise, the Port of London Authority said.",
        MentionKind::Organization,
        "the Port of London Authority"
    ));
}

#[test]
fn words_before_a_name_are_not_part_of_it() {
    // An organisation's last word before a listed given name.
    assert!(has(
        "At CPAC, Fox News Sean Hannity asked Kasich to lay out his path.",
        MentionKind::Person,
        "Sean Hannity"
    ));
    // Function words opening a sentence.
    for (text, name) in [
        (
            "Wherever Hillary Clinton goes, the media goes.",
            "Hillary Clinton",
        ),
        (
            "Neither Hillary Clinton nor Sanders has done that.",
            "Hillary Clinton",
        ),
        (
            "Given Obama's strong approval rating, he should act.",
            "Obama",
        ),
    ] {
        let m = found(text);
        assert!(m.iter().any(|m| m.2 == name), "{text}: {m:?}");
    }
}
