//! End-to-end: a statement whose subject is a pronoun means what it says only from its
//! speaker. Two people each saying "he will vote for Alan Brooks" are two claims; the
//! same person saying it again is one; a statement with a named subject is one claim
//! whoever repeats it (fixtures/claims-pronoun).

use std::collections::BTreeSet;

use serde_json::Value;

use crate::common::{ingested, whosaid};

/// Every claim with its sightings, as `claims --format json` lists them.
fn claims(db: &std::path::Path) -> Vec<Value> {
    let out = whosaid(db)
        .args(["claims", "--limit", "0", "--format", "json"])
        .output()
        .unwrap();
    crate::common::assert_ok(&out);
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    v.as_array().unwrap().clone()
}

/// The `field` of each sighting of `claim`, as a set.
fn of(claim: &Value, field: &str) -> BTreeSet<String> {
    claim["sightings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s[field].as_str().unwrap_or("?").to_string())
        .collect()
}

#[test]
fn a_pronoun_claim_is_its_speakers_own() {
    let (_dir, db) = ingested("claims-pronoun");
    let all = claims(&db);
    let vote: Vec<&Value> = all
        .iter()
        .filter(|c| {
            of(c, "text")
                .iter()
                .any(|t| t.contains("vote for Alan Brooks"))
        })
        .collect();
    // Reyes (Courier, then Sentinel) and Whitfield (Tribune): two claims, each one
    // speaker's, Reyes's seen in both of his articles.
    assert_eq!(vote.len(), 2, "{vote:#?}");
    let mut by_speaker: Vec<(BTreeSet<String>, BTreeSet<String>)> = vote
        .iter()
        .map(|c| (of(c, "speaker"), of(c, "outlet")))
        .collect();
    by_speaker.sort();
    let set = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<BTreeSet<_>>();
    assert_eq!(
        by_speaker,
        [
            (set(&["Dan Whitfield"]), set(&["Tribune"])),
            (set(&["Tom Reyes"]), set(&["Courier", "Sentinel"])),
        ],
        "{vote:#?}"
    );
    // A named subject is the same claim from another speaker in another article.
    let win: Vec<&Value> = all
        .iter()
        .filter(|c| {
            of(c, "text")
                .iter()
                .any(|t| t.contains("will win the primary"))
        })
        .collect();
    assert_eq!(win.len(), 1, "{win:#?}");
    assert_eq!(of(win[0], "speaker"), set(&["Lisa Moreno", "Victor Hale"]));
    assert_eq!(win[0]["articles"], 2, "{:#}", win[0]);
}
