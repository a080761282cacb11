//! Throughput of `segment::sentences` on about 12 MB of news-like prose, one thread.
//!
//!     cargo bench -p whosaid-segment
//!
//! Prints MB/s (10^6 bytes per second) for the best and the median of several runs.

use std::hint::black_box;
use std::time::Instant;

/// Paragraphs written for this bench: ordinary reporting plus the tricky cases the rules
/// handle (titles, initials, dotted abbreviations, numbers, URLs, quotes, ellipses, lists).
const PARAGRAPHS: &[&str] = &[
    "City officials said on Tuesday that the new bridge would open next spring, two years later than planned. The delay, they said, was caused by a shortage of steel and a dispute with the main contractor.",
    "\"We have done everything we could to keep the project on track,\" Mayor Dana Ruiz told reporters outside City Hall. \"Nobody is happier than I am that the end is in sight.\"",
    "The U.S. delegation was led by retired Lt. Gen. Mark Hughes, the president's special envoy to the region, while Sen. Ellen Park and Gov. Tom Reyes represented the states. Talks began at 9 a.m. and ran past midnight.",
    "Shares of Fabrikam Inc. rose 3.5 percent to $104.20 after the company reported revenue of $1,250 million for the quarter, beating forecasts. Analysts at Contoso Ltd. said the gains might not last.",
    "According to the report, published at https://example.org/reports/2024/bridge.html, costs grew by 41.7 percent. Questions can be sent to press.office@example.org. The city has not responded.",
    "Residents were divided. Some welcomed the news! Others asked why it took so long? \"Is this really the best they can do?\" asked Maria J. Lopez, who has lived nearby since 1998.",
    "The author, J. R. R. Tolkien, once wrote that the road goes ever on... Critics were less poetic. One review called the plan \"a bridge to nowhere . . . built on promises.\"",
    "Officials listed three priorities: 1) safety, 2) cost and 3) speed. They did not say which came first, and the minutes of the Sept. 14 meeting, e.g. pages 4 to 9, shed little light on it.",
    "In the end, the council voted 7-2 in favour. \"It's done,\" said Councillor A. B. Chen. \"Now we build.\" The first vehicles are expected to cross the bridge in May.",
    "Türkiye, the E.U. and the U.K. sent observers; the U.N. did not. São Paulo's mayor, visiting for the week, said the design was “remarkable.” Nobody asked him about the budget…",
];

fn build(target: usize) -> String {
    let mut text = String::with_capacity(target + 4096);
    let mut i = 0usize;
    while text.len() < target {
        text.push_str(PARAGRAPHS[i % PARAGRAPHS.len()]);
        // Vary the paragraph order a little so the branch predictor cannot learn one loop.
        i = i.wrapping_mul(7).wrapping_add(3) % 1009;
        text.push_str(if i.is_multiple_of(3) { "\n\n" } else { "\n" });
    }
    text
}

fn main() {
    // `cargo bench` passes --bench; under `cargo test --all-targets` only smoke-test.
    if !std::env::args().any(|a| a == "--bench") {
        let text = build(64 * 1024);
        assert!(!segment::sentences(&text).is_empty());
        return;
    }
    let text = build(12 * 1024 * 1024);
    let mb = text.len() as f64 / 1e6;
    let sentences = segment::sentences(&text).len();
    let runs = 9;
    let mut rates = Vec::with_capacity(runs);
    for _ in 0..runs {
        let t = Instant::now();
        let spans = segment::sentences(black_box(&text));
        let secs = t.elapsed().as_secs_f64();
        black_box(spans.len());
        rates.push(mb / secs);
    }
    rates.sort_by(|a, b| a.total_cmp(b));
    println!(
        "sentences: {mb:.1} MB, {sentences} sentences; best {:.0} MB/s, median {:.0} MB/s (one thread, {runs} runs)",
        rates[runs - 1],
        rates[runs / 2]
    );
}
