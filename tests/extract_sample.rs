//! End-to-end: `whosaid extract --format jsonl` on the user's sample article finds every
//! quotation the issue lists, with its speaker and kind, and attributes nothing to places,
//! possessives or dates.

use std::path::PathBuf;

use serde_json::Value;

use crate::common::{fixture, json_lines, whosaid_bin};

/// The user's sample article.
fn sample() -> PathBuf {
    fixture("articles/istanbul-talks.txt")
}

fn records() -> Vec<Value> {
    let out = whosaid_bin()
        .args(["extract", "--format", "jsonl"])
        .arg(sample())
        .output()
        .expect("whosaid runs");
    assert!(out.status.success(), "exit status {:?}", out.status);
    json_lines(&out.stdout)
}

/// A record whose text contains `words`, said by `speaker`, of `kind`.
fn expect(recs: &[Value], words: &str, speaker: &str, kind: &str) {
    let found = recs.iter().any(|r| {
        r["text"].as_str().is_some_and(|t| t.contains(words))
            && r["speaker"].as_str() == Some(speaker)
            && r["kind"].as_str() == Some(kind)
    });
    assert!(
        found,
        "no {kind} quote {words:?} by {speaker:?}; got:\n{}",
        recs.iter()
            .map(|r| format!("  {} {} | {}", r["kind"], r["speaker"], r["text"]))
            .collect::<Vec<_>>()
            .join("\n")
    );
}

#[test]
fn sample_article_quotes_and_speakers() {
    let r = records();
    expect(&r, "seize the opportunity", "Türkiye", "mixed");
    expect(
        &r,
        "We have to seize this opportunity",
        "Hakan Fidan",
        "direct",
    );
    expect(&r, "more lives to be lost", "Hakan Fidan", "direct");
    expect(
        &r,
        "While the war continues to take lives",
        "Hakan Fidan",
        "direct",
    );
    expect(&r, "as soon as possible.", "Hakan Fidan", "direct");
    expect(
        &r,
        "The meeting must also work towards bringing",
        "Hakan Fidan",
        "indirect",
    );
    expect(
        &r,
        "We wholeheartedly believe it is possible to reach peace through constructive negotiations",
        "Hakan Fidan",
        "direct",
    );
    expect(
        &r,
        "Russia and Ukraine agreed Friday to exchange 1,000 prisoners of war each",
        "Vladimir Medinsky",
        "indirect",
    );
    expect(
        &r,
        "Overall, we are satisfied with the results and ready to continue contacts",
        "Vladimir Medinsky",
        "direct",
    );
    expect(
        &r,
        "once each side had exchanged ideas on a possible ceasefire, negotiations could continue",
        "Vladimir Medinsky",
        "indirect",
    );
    expect(
        &r,
        "Moscow and Kiev agreed to provide each other with detailed proposals for a ceasefire",
        "Vladimir Medinsky",
        "indirect",
    );
    expect(
        &r,
        "the \"next step\" in talks with Russia should be a meeting between presidents",
        "Rustem Umerov",
        "mixed",
    );
    expect(
        &r,
        "I think the next step would be that the leaders-level meeting should be organised",
        "Rustem Umerov",
        "direct",
    );
    expect(
        &r,
        "a significant one for world peace",
        "Hakan Fidan",
        "mixed",
    );
    expect(
        &r,
        "Türkiye will continue to make every effort",
        "Hakan Fidan",
        "mixed",
    );
    expect(
        &r,
        "The parties further agreed in principle to meet again",
        "Hakan Fidan",
        "indirect",
    );
    expect(&r, "a theater prop", "Volodymyr Zelensky", "mixed");
    expect(
        &r,
        "Ukrainian officials held an early-morning meeting",
        "a senior Ukrainian official",
        "indirect",
    );
    expect(
        &r,
        "The U.S. team was led by",
        "a senior Ukrainian official",
        "indirect",
    );
    expect(
        &r,
        "A three-way meeting between Türkiye, the U.S. and Ukraine also took place",
        "Turkish Foreign Ministry officials",
        "indirect",
    );
}

#[test]
fn sample_article_nothing_said_by_places_dates_or_possessives() {
    for r in records() {
        for field in ["speaker", "speaker_mention"] {
            let s = r[field].as_str().unwrap_or("");
            for bad in [
                "Istanbul",
                "ISTANBUL",
                "Russia's",
                "Russia’s",
                "Friday",
                "X",
            ] {
                assert_ne!(s, bad, "quote {} attributed to {bad}", r["text"]);
            }
        }
    }
}

#[test]
fn sample_article_spans_and_confidence() {
    let text = std::fs::read_to_string(sample()).expect("sample readable");
    // Offsets count from the line after the ` date ...` header.
    let body = &text[text.find('\n').map_or(0, |i| i + 1)..];
    for r in records() {
        let (s, e) = (
            r["start"].as_u64().unwrap() as usize,
            r["end"].as_u64().unwrap() as usize,
        );
        // The words said are the parts, inside the outer bounds, joined by a space.
        let parts: Vec<&str> = r["parts"]
            .as_array()
            .expect("parts")
            .iter()
            .map(|p| {
                let (ps, pe) = (
                    p[0].as_u64().unwrap() as usize,
                    p[1].as_u64().unwrap() as usize,
                );
                assert!(s <= ps && ps < pe && pe <= e, "{r}");
                &body[ps..pe]
            })
            .collect();
        assert!(!parts.is_empty());
        assert_eq!(parts.join(" "), r["text"].as_str().unwrap());
        let c = r["confidence"].as_f64().unwrap();
        assert!((0.0..=1.0).contains(&c));
    }
}
