//! Measure speaker mentions and coreference against gold attributions.
//!
//! ```text
//! cargo run --release -p whosaid-attrib --example mention_eval -- /work/shared/eval/polnear_dev.jsonl
//! cargo run --release -p whosaid-attrib --example mention_eval -- fixtures/articles/istanbul-talks.txt
//! ```
//!
//! On a JSON-lines file (`text` and `quotes` with `speaker_start`/`speaker_end` in
//! characters) it prints the recall of gold speaker spans by mentions (a mention overlapping
//! the gold span), by mention kind; mentions that fall on months, weekdays or places; and,
//! for gold speakers that are pronouns or surnames, how often coreference resolves them to
//! an entity sharing a word with the nearest earlier full-name gold speaker. On a plain
//! article it lists its mentions and entities. `--misses N` prints N missed gold speakers.

use attrib::mentions::{self, Mention, MentionKind};
use attrib::{Document, Span};
use std::collections::{BTreeMap, HashSet};

/// Quote-mark pairs inside each paragraph, as stand-ins for the quotations the quote
/// finder would exclude.
fn quoted_spans(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    for p in segment::paragraphs(text) {
        let mut open: Option<usize> = None;
        let s = p.of(text);
        for (i, c) in s.char_indices() {
            match c {
                '“' => open = Some(p.start + i),
                '"' if open.is_none() => open = Some(p.start + i),
                '”' | '"' => {
                    if let Some(o) = open.take() {
                        out.push(Span::new(o, p.start + i + c.len_utf8()));
                    }
                }
                _ => {}
            }
        }
    }
    out
}

fn kind_name(k: MentionKind) -> &'static str {
    match k {
        MentionKind::Person => "person",
        MentionKind::Organization => "organization",
        MentionKind::Country => "country",
        MentionKind::Anonymous => "anonymous",
        MentionKind::Pronoun => "pronoun",
        MentionKind::Nominal => "nominal",
    }
}

/// Byte offset of character offset `c` in `text`.
fn byte_at(text: &str, c: usize) -> usize {
    text.char_indices().nth(c).map_or(text.len(), |(b, _)| b)
}

fn lexicon(src: &str) -> HashSet<String> {
    src.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(str::to_string)
        .collect()
}

fn show(path: &str) {
    let raw = std::fs::read_to_string(path).expect("read article");
    let doc = Document::from_article(path, raw).expect("article header");
    let text = &doc.text;
    let sents = segment::sentences(text);
    let ex = quoted_spans(text);
    let ms = mentions::find(text, &sents, &ex);
    let (ents, idx) = attrib::coref::resolve(text, &ms);
    for (m, e) in ms.iter().zip(&idx) {
        let f = |s: Option<Span>| s.map(|s| s.of(text).to_string()).unwrap_or_default();
        println!(
            "{:<12} {:<50} name={:<22} role={:<30} app={:<20} -> {}",
            kind_name(m.kind),
            m.span.of(text),
            f(m.name),
            f(m.role),
            f(m.appositive),
            e.map(|e| ents[e].canonical.as_str()).unwrap_or("-")
        );
    }
    println!();
    for (i, e) in ents.iter().enumerate() {
        println!(
            "{i:>3} {:?} {:?} roles={:?} n={}",
            e.kind,
            e.canonical,
            e.roles,
            e.mentions.len()
        );
    }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(path) = args.first() else {
        eprintln!("usage: mention_eval FILE.jsonl|ARTICLE.txt [--misses N]");
        std::process::exit(2);
    };
    if !path.ends_with(".jsonl") {
        show(path);
        return;
    }
    let misses: usize = args
        .iter()
        .position(|a| a == "--misses")
        .and_then(|i| args.get(i + 1))
        .and_then(|n| n.parse().ok())
        .unwrap_or(0);
    let nonp = lexicon(include_str!("../data/nonpersons.txt"));
    let places = lexicon(include_str!("../data/countries.txt"));
    let months: HashSet<&str> = [
        "january",
        "february",
        "march",
        "april",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
    ]
    .into_iter()
    .collect();
    let _ = nonp;
    let data = std::fs::read_to_string(path).expect("read jsonl");
    let (mut gold, mut gold_in_quotes, mut found) = (0usize, 0usize, 0usize);
    let mut by_kind: BTreeMap<&str, usize> = BTreeMap::new();
    let mut gold_by_type: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    let (mut n_mentions, mut wrong_month, mut wrong_place) = (0usize, 0usize, 0usize);
    let (mut countries, mut countries_on_gold) = (0usize, 0usize);
    let (mut coref_n, mut coref_ok, mut coref_none) = (0usize, 0usize, 0usize);
    let mut coref_by: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    let mut shown = 0;
    let mut refined: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    let mut show_refined: usize = args
        .iter()
        .position(|a| a == "--refined-errors")
        .and_then(|i| args.get(i + 1))
        .and_then(|n| n.parse().ok())
        .unwrap_or(0);
    let mut show_coref: usize = args
        .iter()
        .position(|a| a == "--coref-errors")
        .and_then(|i| args.get(i + 1))
        .and_then(|n| n.parse().ok())
        .unwrap_or(0);
    let mut bytes = 0usize;
    for line in data.lines() {
        let v: serde_json::Value = match serde_json::from_str(line) {
            Ok(v) => v,
            Err(_) => continue,
        };
        let text = v["text"].as_str().unwrap_or("");
        bytes += text.len();
        let sents = segment::sentences(text);
        let ex = quoted_spans(text);
        let ms: Vec<Mention> = mentions::find(text, &sents, &ex);
        let (ents, idx) = attrib::coref::resolve(text, &ms);
        n_mentions += ms.len();
        for m in &ms {
            if m.kind == MentionKind::Pronoun {
                continue;
            }
            let s = m.name.unwrap_or(m.span).of(text).to_lowercase();
            // The whole mention, without a leading "the": "Indiana voters" is a group, not
            // a place.
            let whole = m.span.of(text).to_lowercase();
            let whole = whole.strip_prefix("the ").unwrap_or(&whole);
            if months.contains(s.as_str()) {
                wrong_month += 1;
            } else if m.kind != MentionKind::Country && places.contains(whole) {
                // A place named as a person or an organisation ("Istanbul" as a person);
                // places as speakers are Country mentions.
                wrong_place += 1;
                if std::env::var("SHOW_PLACES").is_ok() {
                    println!("PLACE {:?} {:?}", m.kind, m.span.of(text));
                }
            }
        }
        // Country mentions: how many sit on a gold speaker span (a precision proxy).
        let gold_spans: Vec<Span> = v["quotes"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|q| {
                let a = q["speaker_start"].as_u64()? as usize;
                let b = q["speaker_end"].as_u64()? as usize;
                Some(Span::new(byte_at(text, a), byte_at(text, b)))
            })
            .collect();
        for m in ms.iter().filter(|m| m.kind == MentionKind::Country) {
            countries += 1;
            if gold_spans
                .iter()
                .any(|g| g.start < m.span.end && m.span.start < g.end)
            {
                countries_on_gold += 1;
            }
        }
        // Gold sources, in document order, as byte spans.
        let mut golds: Vec<(Span, String)> = Vec::new();
        for q in v["quotes"].as_array().into_iter().flatten() {
            let (Some(a), Some(b)) = (q["speaker_start"].as_u64(), q["speaker_end"].as_u64())
            else {
                continue;
            };
            let sp = Span::new(byte_at(text, a as usize), byte_at(text, b as usize));
            golds.push((sp, q["speaker"].as_str().unwrap_or("").to_string()));
        }
        golds.sort_by_key(|g| g.0);
        golds.dedup_by_key(|g| g.0);
        let mut last_full: Option<String> = None;
        // Earlier gold speakers that look like people's names, for the refined check.
        let mut people: Vec<String> = Vec::new();
        for (sp, name) in &golds {
            if ex.iter().any(|e| e.start <= sp.start && sp.end <= e.end) {
                gold_in_quotes += 1;
                continue;
            }
            gold += 1;
            // The mentions overlapping the gold span: binary search, then a short walk.
            let k = ms.partition_point(|m| m.span.end <= sp.start);
            let hit = ms[k..]
                .iter()
                .enumerate()
                .take_while(|(_, m)| m.span.start < sp.end)
                .next();
            let ws: Vec<&str> = name.split_whitespace().collect();
            let lower = name.to_lowercase();
            let gtype = if ["he", "she", "they", "i", "we", "who", "him", "her", "it"]
                .contains(&lower.as_str())
            {
                "pronoun"
            } else if ws.len() == 1 && name.chars().next().is_some_and(char::is_uppercase) {
                "one-word-cap"
            } else if ws.len() == 2
                && ws
                    .iter()
                    .all(|w| w.chars().next().is_some_and(char::is_uppercase))
            {
                "two-word-cap"
            } else if ws.first().is_some_and(|w| ["the", "The"].contains(w)) {
                "the-phrase"
            } else {
                "other"
            };
            let entry = gold_by_type.entry(gtype).or_default();
            entry.0 += 1;
            match hit {
                Some((j, m)) => {
                    found += 1;
                    entry.1 += 1;
                    *by_kind.entry(kind_name(m.kind)).or_default() += 1;
                    // Rough coreference accuracy for pronouns and surnames.
                    let checked = gtype == "one-word-cap"
                        || (gtype == "pronoun" && ["he", "she"].contains(&lower.as_str()));
                    // Refined: a surname against the nearest earlier gold full name ending
                    // with it; he/she against the nearest earlier gold name of a person.
                    let target = if gtype == "one-word-cap" {
                        people.iter().rev().find(|p| {
                            let pw: Vec<&str> = p.split_whitespace().collect();
                            pw.len() >= 2 && pw.last().is_some_and(|l| l.eq_ignore_ascii_case(name))
                        })
                    } else if checked {
                        people.last()
                    } else {
                        None
                    };
                    if let (Some(t), Some(e)) = (target, idx[k + j]) {
                        let r = refined.entry(gtype).or_default();
                        r.0 += 1;
                        let canon = ents[e].canonical.to_lowercase();
                        let tw: HashSet<String> =
                            t.split_whitespace().map(|w| w.to_lowercase()).collect();
                        if canon.split_whitespace().any(|w| tw.contains(w)) {
                            r.1 += 1;
                        } else if show_refined > 0 {
                            show_refined -= 1;
                            let a = ms[k + j].span.start;
                            let mut b0 = a.saturating_sub(200);
                            while !text.is_char_boundary(b0) {
                                b0 -= 1;
                            }
                            println!(
                                "REFINED {:?} -> {:?}, gold person before {:?}: …{}",
                                name,
                                ents[e].canonical,
                                t,
                                text[b0..sp.end].replace('\n', " ")
                            );
                        }
                    }
                    if let (true, Some(full)) = (checked, &last_full) {
                        coref_n += 1;
                        let c = coref_by.entry(gtype).or_default();
                        c.0 += 1;
                        let full_words: HashSet<String> =
                            full.split_whitespace().map(|w| w.to_lowercase()).collect();
                        match idx[k + j] {
                            Some(e) => {
                                let canon = ents[e].canonical.to_lowercase();
                                if canon.split_whitespace().any(|w| full_words.contains(w)) {
                                    coref_ok += 1;
                                    c.1 += 1;
                                } else if show_coref > 0 {
                                    show_coref -= 1;
                                    let a = ms[k + j].span.start;
                                    let mut b0 = a.saturating_sub(150);
                                    while !text.is_char_boundary(b0) {
                                        b0 -= 1;
                                    }
                                    println!(
                                        "COREF {:?} -> {:?}, gold prev {:?}: …{}",
                                        name,
                                        ents[e].canonical,
                                        full,
                                        text[b0..sp.end].replace('\n', " ")
                                    );
                                }
                            }
                            None => coref_none += 1,
                        }
                    }
                }
                None => {
                    if shown < misses {
                        shown += 1;
                        let mut ctx_a = sp.start.saturating_sub(60);
                        while !text.is_char_boundary(ctx_a) {
                            ctx_a -= 1;
                        }
                        let mut ctx_b = (sp.end + 60).min(text.len());
                        while !text.is_char_boundary(ctx_b) {
                            ctx_b += 1;
                        }
                        println!(
                            "MISS {:?} [{}] in …{}…",
                            name,
                            gtype,
                            text[ctx_a..ctx_b].replace('\n', " ")
                        );
                    }
                }
            }
            if ws.len() >= 2
                && ws
                    .iter()
                    .all(|w| w.chars().next().is_some_and(char::is_uppercase))
            {
                last_full = Some(name.clone());
            }
            let first = ws.first().copied().unwrap_or("");
            if gtype != "pronoun"
                && ws.len() <= 4
                && !["The", "A", "An", "the", "a", "an"].contains(&first)
                && ws
                    .iter()
                    .all(|w| w.chars().next().is_some_and(char::is_uppercase) || w.len() <= 3)
            {
                people.push(
                    name.trim_end_matches("’s")
                        .trim_end_matches("'s")
                        .to_string(),
                );
            }
        }
    }
    let pct = |a: usize, b: usize| if b == 0 { 0.0 } else { a as f64 / b as f64 };
    println!("text: {:.1} MB", bytes as f64 / 1e6);
    println!(
        "gold speaker spans outside quotes: {gold} (inside quote marks, skipped: {gold_in_quotes})"
    );
    println!("recall: {:.3} ({found}/{gold})", pct(found, gold));
    println!("matched by mention kind:");
    for (k, n) in &by_kind {
        println!("  {k:<13} {n:>5} ({:.3} of gold)", pct(*n, gold));
    }
    println!("recall by gold speaker shape:");
    for (k, (n, f)) in &gold_by_type {
        println!("  {k:<13} {f:>5}/{n:<5} {:.3}", pct(*f, *n));
    }
    println!(
        "mentions: {n_mentions}; mentions that are a month or weekday: {wrong_month}; mentions that are a place but not a country-as-speaker: {wrong_place}"
    );
    println!(
        "country mentions (places as speakers): {countries}, of which on a gold speaker span: {countries_on_gold}"
    );
    println!(
        "coref (he/she pronouns and one-word names vs nearest earlier full-name gold speaker): {:.3} ({coref_ok}/{coref_n}, unresolved {coref_none})",
        pct(coref_ok, coref_n)
    );
    for (k, (n, ok)) in &coref_by {
        println!("  {k:<13} {ok:>5}/{n:<5} {:.3}", pct(*ok, *n));
    }
    println!(
        "coref refined (surname vs nearest earlier gold full name ending with it; he/she vs nearest earlier gold person name):"
    );
    for (k, (n, ok)) in &refined {
        println!("  {k:<13} {ok:>5}/{n:<5} {:.3}", pct(*ok, *n));
    }
}
