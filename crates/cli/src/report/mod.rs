//! The HTML report: one self-contained static page (inline CSS and SVG, no script, no
//! font or image to fetch) with an overview, a section per speaker and a section per
//! claim, linked by anchors within the file.
//!
//! The page is built with `maud`, which escapes every string it is given; article
//! text, names, titles, outlets and URLs only ever reach it as such strings. The one
//! piece of markup passed through whole is the chart's SVG, which `plotters` makes and
//! escapes itself ([`chart`]). A URL becomes a link only when it is `http(s)`, so a
//! `javascript:` URL in an article's header is shown as text, never run.

pub mod chart;
pub mod context;

use maud::{DOCTYPE, Markup, PreEscaped, html};
use store::{ClaimReport, ClaimSummary, QuoteRow, RoleSpan, Stats};

/// Everything the page shows.
pub struct Report {
    /// What the database holds.
    pub totals: Stats,
    /// The overview's most-quoted speakers: id, name, quotations, latest role.
    pub top_speakers: Vec<TopSpeaker>,
    /// The speakers with a section of their own.
    pub speakers: Vec<SpeakerPage>,
    /// The claims with a section of their own, spread furthest first.
    pub claims: Vec<ClaimPage>,
}

/// One line of the overview's speaker list.
pub struct TopSpeaker {
    /// The speaker's id.
    pub id: i64,
    /// Display name.
    pub name: String,
    /// Quotations attributed.
    pub quotes: i64,
    /// The latest role seen.
    pub role: Option<String>,
    /// Whether the page has a section for it (else no link).
    pub has_page: bool,
}

/// A speaker's section.
pub struct SpeakerPage {
    /// The speaker's id (the anchor is `speaker-ID`).
    pub id: i64,
    /// Display name.
    pub name: String,
    /// The chart of quotations per month by outlet, as SVG; `None` when nothing is dated.
    pub chart: Option<String>,
    /// Quotations without a date, which the chart leaves out.
    pub undated: i64,
    /// Roles, oldest first.
    pub roles: Vec<RoleSpan>,
    /// Every quotation, newest first, each in its article.
    pub quotes: Vec<QuoteView>,
}

/// One quotation and where to read it.
pub struct QuoteView {
    /// The stored quotation.
    pub quote: QuoteRow,
    /// Its sentence, split around the quoted words; `None` shows the words alone.
    pub before: Option<String>,
    /// The sentence after the words.
    pub after: Option<String>,
    /// The article's URL.
    pub url: Option<String>,
    /// The file it was read from.
    pub path: Option<String>,
}

/// A claim's section.
pub struct ClaimPage {
    /// The claim as listed.
    pub summary: ClaimSummary,
    /// Its sightings with their changes.
    pub report: ClaimReport,
}

const CSS: &str = "
body{font:16px/1.5 system-ui,-apple-system,'Segoe UI',sans-serif;margin:0;color:#1d1d1f;background:#fafafa}
main{max-width:60rem;margin:0 auto;padding:1rem 1.5rem 4rem}
header{background:#1d3557;color:#fff;padding:1rem 1.5rem}
header h1{margin:0;font-size:1.5rem} header p{margin:.25rem 0 0;opacity:.85}
nav a{color:#fff;margin-right:1rem}
section{background:#fff;border:1px solid #ddd;border-radius:6px;padding:1rem 1.5rem;margin:1.5rem 0}
h2{margin-top:0} table{border-collapse:collapse;width:100%} th,td{text-align:left;padding:.3rem .5rem;border-bottom:1px solid #eee;vertical-align:top}
td.n{text-align:right;font-variant-numeric:tabular-nums} td.d{white-space:nowrap}
figure{margin:0} figure svg{max-width:100%;height:auto} figcaption{color:#555;font-size:.9rem}
ol.quotes{list-style:none;padding:0} ol.quotes li{border-left:3px solid #457b9d;padding:.25rem .75rem;margin:.75rem 0}
blockquote{margin:.25rem 0} mark{background:#ffe08a;padding:0 .1em}
.meta{color:#555;font-size:.9rem} .kind{font-size:.75rem;text-transform:uppercase;letter-spacing:.05em;border-radius:3px;padding:0 .3em;background:#e9ecef}
.kind.direct{background:#d8f3dc} .kind.mixed{background:#fff3bf} .kind.indirect{background:#e9ecef}
ol.timeline{list-style:none;padding-left:1rem;border-left:2px solid #457b9d} ol.timeline li{margin:.75rem 0;position:relative}
ol.timeline li::before{content:'';position:absolute;left:-1.4rem;top:.45rem;width:.6rem;height:.6rem;border-radius:50%;background:#457b9d}
ol.timeline li.changed::before{background:#e76f51} ol.timeline li.disputed::before{background:#c1121f}
.change{color:#9c3d1f;font-size:.9rem} .dispute{color:#c1121f;font-weight:600;font-size:.9rem}
code{font-size:.85rem;word-break:break-all}
";

/// The whole page.
pub fn render(r: &Report) -> String {
    let page = html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { "whosaid report" }
                style { (PreEscaped(CSS)) }
            }
            body {
                header {
                    h1 { "whosaid report" }
                    p {
                        (r.totals.documents) " documents, " (r.totals.quotes) " quotations, "
                        (r.totals.speakers) " speakers"
                    }
                    nav {
                        a href="#overview" { "Overview" }
                        @if !r.speakers.is_empty() { a href="#speakers" { "Speakers" } }
                        @if !r.claims.is_empty() { a href="#claims" { "Claims" } }
                    }
                }
                main {
                    (overview(r))
                    @if !r.speakers.is_empty() {
                        h2 id="speakers" { "Speakers" }
                        @for s in &r.speakers { (speaker(s)) }
                    }
                    @if !r.claims.is_empty() {
                        h2 id="claims" { "Claims" }
                        @for c in &r.claims { (claim(c)) }
                    }
                }
            }
        }
    };
    page.into_string()
}

fn overview(r: &Report) -> Markup {
    html! {
        section id="overview" {
            h2 { "Overview" }
            h3 { "Most-quoted speakers" }
            @if r.top_speakers.is_empty() {
                p { "No quotations stored." }
            } @else {
                table {
                    thead { tr { th { "Speaker" } th { "Latest role" } th { "Quotations" } } }
                    tbody {
                        @for s in &r.top_speakers {
                            tr {
                                td {
                                    @if s.has_page {
                                        a href={ "#speaker-" (s.id) } { (s.name) }
                                    } @else { (s.name) }
                                }
                                td { (s.role.as_deref().unwrap_or("")) }
                                td.n { (s.quotes) }
                            }
                        }
                    }
                }
            }
            @if !r.claims.is_empty() {
                h3 { "Claims that spread furthest" }
                table {
                    thead { tr { th { "Claim" } th { "Outlets" } th { "Sightings" } th { "First seen" } th { "First said by" } } }
                    tbody {
                        @for c in &r.claims {
                            @let s = &c.summary;
                            tr {
                                td { a href={ "#claim-" (s.claim) } { (s.text) } }
                                td.n { (s.outlets) }
                                td.n { (s.sightings) }
                                td.d { (date(s.first_seen)) }
                                td { (s.first_speaker.as_deref().unwrap_or("?")) }
                            }
                        }
                    }
                }
            }
        }
    }
}

fn date(d: Option<attrib::Date>) -> String {
    d.map_or_else(|| "undated".to_string(), |d| d.to_string())
}

fn speaker(s: &SpeakerPage) -> Markup {
    html! {
        section id={ "speaker-" (s.id) } {
            h2 { (s.name) }
            p.meta { (s.quotes.len()) " quotations" }
            h3 { "Quotations per month, by outlet" }
            @match &s.chart {
                Some(svg) => figure {
                    (PreEscaped(svg))
                    @if s.undated > 0 {
                        figcaption { (s.undated) " undated quotations are not in the chart." }
                    }
                },
                None => p { "No dated quotations." },
            }
            h3 { "Roles" }
            @if s.roles.is_empty() {
                p { "No role seen." }
            } @else {
                table {
                    thead { tr { th { "Role" } th { "First seen" } th { "Last seen" } th { "Documents" } } }
                    tbody {
                        @for r in &s.roles {
                            tr {
                                td { (r.role) }
                                td.d { (date(r.first_seen)) }
                                td.d { (date(r.last_seen)) }
                                td.n { (r.documents) }
                            }
                        }
                    }
                }
            }
            h3 { "Quotations" }
            ol.quotes {
                @for q in &s.quotes { (quote(q)) }
            }
        }
    }
}

fn quote(v: &QuoteView) -> Markup {
    let q = &v.quote;
    html! {
        li {
            div.meta {
                (date(q.date)) " · " (q.outlet.as_deref().unwrap_or("unknown outlet"))
                @if let Some(t) = &q.title { " · " (t) }
                " " span class={ "kind " (q.kind.as_str()) } { (q.kind.as_str()) }
                @if let Some(r) = &q.role { " · as " (r) }
            }
            blockquote {
                @if let Some(b) = &v.before { (b) }
                mark { (q.text) }
                @if let Some(a) = &v.after { (a) }
            }
            div.meta { "Article: " (article_link(v)) }
        }
    }
}

/// Whether a URL may be a link: only web addresses, never `javascript:` or `data:`.
fn is_web_url(url: &str) -> bool {
    let lower = url.trim_start().to_ascii_lowercase();
    lower.starts_with("http://") || lower.starts_with("https://")
}

fn article_link(v: &QuoteView) -> Markup {
    let q = &v.quote;
    html! {
        @match &v.url {
            Some(url) if is_web_url(url) => {
                a href=(url) rel="noopener noreferrer" { (url) }
                @if let Some(p) = &v.path { " (" code { (p) } ")" }
            }
            _ => {
                code { (v.path.as_deref().unwrap_or(&q.doc_key)) }
                @if let Some(url) = &v.url { " " code { (url) } }
            }
        }
        " · " code { "whosaid show #" (q.doc_id) }
    }
}

fn claim(c: &ClaimPage) -> Markup {
    let r = &c.report;
    html! {
        section id={ "claim-" (r.claim) } {
            h2 { "Claim #" (r.claim) }
            p { (c.summary.text) }
            p.meta {
                (date(r.first_seen)) " to " (date(r.last_seen)) " · "
                (r.sightings.len()) " sightings · first said by "
                (r.first_speaker.as_deref().unwrap_or("?"))
            }
            h3 { "Outlets it spread to" }
            p { @for (i, o) in r.outlets.iter().enumerate() { @if i > 0 { ", " } (o) } }
            h3 { "Timeline" }
            ol.timeline {
                @for s in &r.sightings {
                    @let disputed = s.changes.iter().any(|ch| ch.kind() == "negation");
                    li class=(if disputed { "disputed" } else if s.changes.is_empty() { "" } else { "changed" }) {
                        div.meta {
                            (date(s.date)) " · " (s.outlet.as_deref().unwrap_or("unknown outlet"))
                            " · " (s.speaker.as_deref().unwrap_or("?"))
                            @if let Some(role) = &s.role { " (" (role) ")" }
                            " " span class={ "kind " (s.kind.as_str()) } { (s.kind.as_str()) }
                        }
                        div { (s.text) }
                        @for ch in &s.changes {
                            @if ch.kind() == "negation" {
                                div.dispute { "disputed — " (ch.to_string()) }
                            } @else {
                                div.change { "changed — " (ch.to_string()) }
                            }
                        }
                    }
                }
            }
        }
    }
}
