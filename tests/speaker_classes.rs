//! End-to-end: speakers of the kinds that used to come out as junk (issue #13) come out
//! as the person or body the text means, or as no speaker — never as a function word, a
//! transcript label, a place cut out of a longer name or a party and state tag.
//!
//! The fixtures are invented articles: a debate transcript with capital-surname labels,
//! and a story with a relative "who", a participle opener, a state tag between commas,
//! places that speak and places that do not.

use serde_json::Value;

use crate::common::{fixture, json_lines, whosaid_bin};

/// The `extract --format jsonl` records of a fixture article.
fn records(name: &str) -> Vec<Value> {
    let out = whosaid_bin()
        .args(["extract", "--format", "jsonl"])
        .arg(fixture(name))
        .output()
        .expect("whosaid runs");
    assert!(out.status.success(), "exit status {:?}", out.status);
    json_lines(&out.stdout)
}

/// The speaker name and kind of the one record whose text contains `words`.
fn speaker_of<'r>(recs: &'r [Value], words: &str) -> (Option<&'r str>, Option<&'r str>) {
    let found: Vec<&Value> = recs
        .iter()
        .filter(|r| r["text"].as_str().is_some_and(|t| t.contains(words)))
        .collect();
    assert_eq!(
        found.len(),
        1,
        "one quotation with {words:?}; got:\n{}",
        recs.iter()
            .map(|r| format!("  {} | {}", r["speaker"], r["text"]))
            .collect::<Vec<_>>()
            .join("\n")
    );
    (
        found[0]["speaker"].as_str(),
        found[0]["speaker_kind"].as_str(),
    )
}

/// Each answer of a transcript is the interviewee's, each question the moderator's:
/// the labels in capitals are the surnames of people the introduction names.
#[test]
fn transcript_labels_are_the_people_introduced() {
    let r = records("articles/debate-transcript-labels.txt");
    let person = Some("person");
    for (words, who) in [
        ("your own budget office", "Chris Dunmore"),
        ("the plan pays for itself", "Mary Kaplan"),
        ("paid for by your campaign", "Chris Dunmore"),
        ("independent economists", "Mary Kaplan"),
    ] {
        assert_eq!(speaker_of(&r, words), (Some(who), person), "{words}");
    }
    // A label nobody in the text answers to is still a person of that surname.
    assert_eq!(speaker_of(&r, "rural routes"), (Some("Morales"), person));
    assert!(
        r.iter().all(|q| !q["speaker"]
            .as_str()
            .is_some_and(|s| s.len() > 1 && s.chars().all(|c| c.is_ascii_uppercase()))),
        "no speaker is a bare label in capitals"
    );
}

/// A tag, a relative pronoun, a participle opener and places: each quotation goes to
/// the person or body the sentence means.
#[test]
fn tags_relatives_and_places_resolve() {
    let r = records("articles/speakers-and-places.txt");
    let person = Some("person");
    // "Sen. Jane Roe, R-Ky., said": the tag is hers.
    assert_eq!(
        speaker_of(&r, "would not pass this year"),
        (Some("Jane Roe"), person)
    );
    // "Sen. Paul Whitfield, who said": the antecedent of "who".
    assert_eq!(
        speaker_of(&r, "the bill was unaffordable"),
        (Some("Paul Whitfield"), person)
    );
    // "Speaking to reporters in Halifax, Premier Doug Ford said".
    assert_eq!(
        speaker_of(&r, "cover its share"),
        (Some("Doug Ford"), person)
    );
    // "Speaking at a rally in Moncton, Premier Blaine Higgs attacked ..., calling it":
    // the participle opener's subject is the main clause's.
    assert_eq!(
        speaker_of(&r, "it reckless"),
        (Some("Blaine Higgs"), person)
    );
    // A city's police speak; the city does not.
    assert_eq!(
        speaker_of(&r, "no one was hurt"),
        (Some("Vancouver police"), Some("organization"))
    );
    // "leaders in North Carolina": never a person called "Carolina".
    let (who, _) = speaker_of(&r, "already spent its transit money");
    assert_ne!(who, Some("Carolina"));
    assert_eq!(who, Some("leaders"));
    // "The South Carolina senator": the senator named before.
    assert_eq!(
        speaker_of(&r, "reviewed next year"),
        (Some("Lindsey Grant"), person)
    );
    // "Tom Baker, 61, of Ashton, Md., said": the person, not the state.
    assert_eq!(
        speaker_of(&r, "waited two hours"),
        (Some("Tom Baker"), person)
    );
    assert_eq!(
        speaker_of(&r, "investigation was continuing"),
        (Some("RCMP"), Some("organization"))
    );
    // A name cut at a capitalised non-name ("Watch", "Security") is not a person.
    assert_eq!(
        speaker_of(&r, "withheld the records"),
        (Some("Judicial Watch"), Some("other"))
    );
    assert_eq!(
        speaker_of(&r, "had won her vote"),
        (Some("Maria Lopez"), person)
    );
    // No speaker anywhere is a place, a tag or a fragment of a name.
    for q in &r {
        let s = q["speaker"].as_str().unwrap_or("");
        for junk in [
            "Carolina",
            "Md.",
            "R-Ky",
            "Nova Scotia",
            "Halifax",
            "Speaking",
            "who",
            "The",
        ] {
            assert_ne!(s, junk, "{q}");
        }
    }
}
