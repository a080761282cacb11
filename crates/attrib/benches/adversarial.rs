//! Throughput of `attrib::extract` on hostile shapes of input: one document per size,
//! made of one pattern repeated (one speaker quoted thousands of times, a single huge
//! line, a paragraph of stray quote marks, thousands of distinct speakers). Prints the
//! time and MB/s per size for each shape: linear time shows as MB/s that stays flat as
//! the size grows.
//!
//! Run: `cargo bench -p whosaid-attrib --bench adversarial`. The sizes are 1, 4 and
//! 16 MB; `WHOSAID_BENCH_MB=50` adds a 50 MB document per shape. A shape whose last
//! size took longer than `WHOSAID_BENCH_BUDGET` seconds (default 60) skips its larger
//! sizes, so that a quadratic regression reports itself instead of running for hours.

mod common;
use common::cpu_seconds;

use std::fmt::Write;
use std::time::Instant;

use attrib::{Document, extract};

/// One shape: its name and a function writing unit `n` of the document.
struct Shape {
    name: &'static str,
    /// Written once before the units.
    head: &'static str,
    unit: fn(&mut String, usize),
}

/// A distinct, name-like word for `n` (syllables in base 16): "Bakomi", "Tule", ...
fn name_word(out: &mut String, mut n: usize) {
    const SYL: [&str; 16] = [
        "ba", "ko", "mi", "tu", "le", "sa", "ro", "ni", "da", "fe", "gu", "pa", "vi", "zo", "he",
        "ly",
    ];
    let start = out.len();
    loop {
        out.push_str(SYL[n % 16]);
        n /= 16;
        if n == 0 {
            break;
        }
    }
    out[start..start + 1].make_ascii_uppercase();
}

const SHAPES: &[Shape] = &[
    // (a) One named speaker, then a pronoun-cued quotation per paragraph.
    Shape {
        name: "he said, paragraphs",
        head: "John Smith, the mayor, arrived on Monday.\n\n",
        unit: |s, n| {
            let _ = write!(s, "\"Quote number {n},\" he said.\n\n");
        },
    },
    // (b) The same on one line.
    Shape {
        name: "he said, one line",
        head: "John Smith, the mayor, arrived on Monday. ",
        unit: |s, n| {
            let _ = write!(s, "\"Quote number {n},\" he said. ");
        },
    },
    // (c) One speaker named by surname again and again.
    Shape {
        name: "surname said",
        head: "Jane Smith, the mayor, arrived on Monday.\n\n",
        unit: |s, n| {
            let _ = write!(s, "Smith said plan number {n} would work.\n\n");
        },
    },
    // (d) Reported speech and quote-only paragraphs with pronouns only, after one name.
    Shape {
        name: "pronouns only",
        head: "Jane Smith said the vote was close.\n\n",
        unit: |s, n| {
            let _ = write!(
                s,
                "She added that turnout {n} was high.\n\n\"We will win {n}.\"\n\n"
            );
        },
    },
    // (e) One paragraph of quote marks (paired and stray) and cue words.
    Shape {
        name: "one paragraph, marks",
        head: "Jane Smith said ",
        unit: |s, n| {
            let _ = write!(s, "\"It is {n},\" he said, adding \" that she told “him ");
        },
    },
    // A transcript: labels in capitals whose person is never named, between other people.
    Shape {
        name: "transcript labels",
        head: "Gov. Mike Pence spoke at the debate.\n\n",
        unit: |s, n| {
            let _ = write!(
                s,
                "Bob Brown{} arrived.\n\n\"SMITH: We will win {n}.\"\n\n",
                n % 10
            );
        },
    },
    // A plural pronoun again and again in one paragraph after a named person.
    Shape {
        name: "they said, one line",
        head: "Jane Smith said the vote was close. ",
        unit: |s, n| {
            let _ = write!(s, "\"Quote number {n},\" they said. ");
        },
    },
    // One sentence of words only, with "according to" again and again.
    Shape {
        name: "according to, no stop",
        head: "",
        unit: |s, n| {
            let _ = write!(s, "according to the minister of plan {n} the official who ");
        },
    },
    // (f) A different speaker for every quotation.
    Shape {
        name: "distinct speakers",
        head: "",
        unit: |s, n| {
            s.push_str("\"We will win number ");
            let _ = write!(s, "{n},\" said ");
            name_word(s, n);
            s.push(' ');
            name_word(s, n.wrapping_mul(7919) ^ 0x5a5a);
            s.push_str(".\n\n");
        },
    },
];

/// A document of `shape` of at least `bytes`.
fn document(shape: &Shape, bytes: usize) -> Document {
    let mut text = String::with_capacity(bytes + 128);
    text.push_str(shape.head);
    let mut n = 0;
    while text.len() < bytes {
        (shape.unit)(&mut text, n);
        n += 1;
    }
    Document::new("adversarial", text)
}

/// Wall seconds, CPU seconds and quotes of one extraction.
fn run(doc: &Document) -> (f64, Option<f64>, usize) {
    let start = Instant::now();
    let cpu = cpu_seconds();
    let quotes = std::hint::black_box(extract(doc)).quotes.len();
    let cpu = cpu.zip(cpu_seconds()).map(|(a, b)| b - a);
    (start.elapsed().as_secs_f64(), cpu, quotes)
}

fn main() {
    // `cargo bench` passes --bench; under `cargo test --benches` only smoke-test.
    if !std::env::args().any(|a| a == "--bench") {
        for shape in SHAPES {
            let (_, _, quotes) = run(&document(shape, 16 * 1024));
            assert!(quotes > 0, "{}: no quotes", shape.name);
        }
        return;
    }
    let env = |k: &str| std::env::var(k).ok().and_then(|v| v.parse::<f64>().ok());
    let top = env("WHOSAID_BENCH_MB").unwrap_or(16.0);
    let budget = env("WHOSAID_BENCH_BUDGET").unwrap_or(60.0);
    let mut sizes: Vec<f64> = [1.0, 4.0, 16.0].into_iter().filter(|&s| s <= top).collect();
    if sizes.last() != Some(&top) {
        sizes.push(top);
    }
    println!("attrib::extract on hostile shapes, one document per size, one thread");
    for shape in SHAPES {
        // Warm up the lexicons and caches.
        run(&document(shape, 64 * 1024));
        for &mb in &sizes {
            let doc = document(shape, (mb * (1 << 20) as f64) as usize);
            let (secs, cpu, quotes) = run(&doc);
            let mbs = doc.text.len() as f64 / (1 << 20) as f64;
            let cpu_s = cpu.map_or(String::new(), |c| {
                format!("  cpu {c:>8.3} s {:>6.1} MB/s", mbs / c)
            });
            println!(
                "{:<22} {mb:>4} MB: wall {secs:>8.3} s {:>6.1} MB/s{cpu_s}  ({quotes} quotes)",
                shape.name,
                mbs / secs,
            );
            if secs > budget {
                println!("{:<22} larger sizes skipped: over {budget} s", shape.name);
                break;
            }
        }
    }
}
