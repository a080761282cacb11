//! End-to-end: `whosaid report` writes one self-contained HTML page (nothing fetched,
//! no script), with a section per speaker holding the chart, the roles and every
//! quotation in its sentence, claims that spread, and every article string escaped.

use std::path::Path;

use crate::common::{fixture, report_db, whosaid};

fn report(db: &Path, args: &[&str]) -> String {
    let out = whosaid(db)
        .args(["report", "--out", "-"])
        .args(args)
        .assert()
        .success();
    String::from_utf8(out.get_output().stdout.clone()).expect("the page is UTF-8")
}

/// Every `<tag` of these names in `html`, lower-cased.
fn has_tag(html: &str, tag: &str) -> bool {
    html.to_ascii_lowercase().contains(&format!("<{tag}"))
}

#[test]
fn the_page_is_self_contained_and_escapes_article_text() {
    let dir = tempfile::tempdir().unwrap();
    let db = report_db(dir.path());
    let html = report(&db, &[]);
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(html.trim_end().ends_with("</html>"));
    assert_eq!(
        html.matches("<section").count(),
        html.matches("</section>").count()
    );
    // Nothing to fetch and nothing to run.
    for tag in ["script", "link", "img", "iframe", "object", "embed", "base"] {
        assert!(!has_tag(&html, tag), "<{tag} in the page");
    }
    let lower = html.to_ascii_lowercase();
    for fetch in ["src=", "@import", "url(", "javascript:alert(1)\""] {
        assert!(!lower.contains(fetch), "{fetch} in the page");
    }
    // Every link is an anchor in the page or an article's web address.
    for (i, _) in html.match_indices("href=\"") {
        let target = &html[i + 6..];
        assert!(
            target.starts_with('#') || target.starts_with("https://example.org/"),
            "link to {}",
            &target[..target.find('"').unwrap()]
        );
    }
    // The hostile fixture's title, quotation and outlet are shown as text.
    assert!(
        html.contains("&lt;script&gt;alert(&quot;title&quot;)&lt;/script&gt; &amp; co"),
        "title not escaped"
    );
    assert!(
        html.contains(
            "Immigration &lt;script&gt;alert('quote')&lt;/script&gt; is a 1 &lt; 2 issue"
        )
    );
    assert!(html.contains("&lt;b&gt;Evil&lt;/b&gt; Times"));
    assert!(!html.contains("<b>"));
    // Its javascript: URL is text, not a link.
    assert!(html.contains("<code>javascript:alert(1)</code>"));
}

#[test]
fn a_speaker_section_has_its_chart_roles_and_quotations_in_context() {
    let dir = tempfile::tempdir().unwrap();
    let db = report_db(dir.path());
    let html = report(&db, &["--speaker", "Lindqvist"]);
    assert!(html.contains("<h2>Ada Lindqvist</h2>"));
    // Only that speaker has a section; the overview still lists the other.
    assert!(!html.contains("<h2>Bruno Okafor</h2>"));
    assert!(html.contains(">Bruno Okafor<"));
    // The chart: inline SVG with a bar for each of January and February, and the
    // outlets in its legend.
    let svg = &html[html.find("<svg").expect("a chart")..];
    let svg = &svg[..svg.find("</svg>").unwrap()];
    for text in ["2025-01", "2025-02", "Harbour Gazette", "Northern Ledger"] {
        assert!(svg.contains(text), "{text} not in the chart");
    }
    assert!(svg.contains("<rect"));
    // Role history, oldest first.
    let section = &html[html.find("<h2>Ada Lindqvist</h2>").unwrap()..];
    let interior = section.find("<td>Interior Minister</td>").expect("role");
    let deputy = section
        .find("<td>Deputy Prime Minister</td>")
        .expect("role");
    assert!(interior < deputy);
    // A quotation highlighted in its sentence, with its article's address.
    assert!(
        html.contains(
            "&quot;<mark>Immigration will be managed with care and with fairness,</mark>&quot; \
             Lindqvist said."
        ),
        "no quotation in context"
    );
    assert!(html.contains("href=\"https://example.org/gazette/border-plan\""));
    assert_eq!(html.matches("<mark>").count(), 4);

    // The overview links to the one section, even with `--top 0`.
    let html = report(&db, &["--speaker", "Okafor", "--top", "0"]);
    assert!(html.contains("<h2>Bruno Okafor</h2>"));
    assert!(
        html.contains("<a href=\"#speaker-"),
        "no link to the section"
    );

    let out = whosaid(&db)
        .args(["report", "--out", "-", "--speaker", "Nobody Atall"])
        .assert()
        .failure();
    let stderr = String::from_utf8_lossy(&out.get_output().stderr);
    assert!(stderr.contains("no speaker \"Nobody Atall\""), "{stderr}");
}

#[test]
fn claims_that_spread_have_a_timeline() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("w.db");
    whosaid(&db)
        .arg("ingest")
        .arg(fixture("claims"))
        .assert()
        .success();
    let file = dir.path().join("out.html");
    whosaid(&db)
        .arg("report")
        .arg("--out")
        .arg(&file)
        .assert()
        .success();
    let html = std::fs::read_to_string(&file).unwrap();
    assert!(html.contains("Claims that spread furthest"));
    let at = html.find("id=\"claim-").expect("a claim section");
    let section = &html[at..];
    let section = &section[..section.find("</section>").unwrap()];
    assert!(section.contains("<ol class=\"timeline\">"));
    assert!(section.matches("<li").count() >= 2, "{section}");
    // The outlets come from the fixtures' header lines (`| outlet: NAME`).
    assert!(section.contains("<p>Harbour Gazette, Northern Ledger, Coastal Times</p>"));
    // The changed number and the denial are marked.
    assert!(section.contains("<li class=\"changed\">"), "{section}");
    assert!(section.contains("<li class=\"disputed\">"), "{section}");
    assert!(section.contains("disputed — negation"));
}

/// Chromium, when installed (Debian's `chromium`; `.ci/run` installs it). Without it
/// the browser test is skipped, except under CI, where that is a failure.
fn chromium() -> Option<std::path::PathBuf> {
    let found = std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .flat_map(|dir| ["chromium", "chromium-browser"].map(|name| dir.join(name)))
            .find(|p| p.is_file())
    });
    if found.is_none() {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI needs chromium for the report's browser test"
        );
        eprintln!("chromium not installed: the report's browser test is skipped");
    }
    found
}

#[test]
fn the_page_renders_in_a_headless_browser() {
    let Some(chromium) = chromium() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let db = report_db(dir.path());
    let page = dir.path().join("report.html");
    whosaid(&db)
        .arg("report")
        .arg("--out")
        .arg(&page)
        .assert()
        .success();
    let url = format!("file://{}", page.display());
    // Output goes to files (a full pipe cannot stall it), and a browser that hangs is
    // stopped after two minutes rather than holding the test run.
    let browser = |args: &[&str]| {
        let stdout = dir.path().join("stdout");
        let stderr = dir.path().join("stderr");
        let mut child = std::process::Command::new(&chromium)
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--no-first-run",
            ])
            .arg(format!(
                "--user-data-dir={}",
                dir.path().join("profile").display()
            ))
            .args(args)
            .arg(&url)
            .stdin(std::process::Stdio::null())
            .stdout(std::fs::File::create(&stdout).unwrap())
            .stderr(std::fs::File::create(&stderr).unwrap())
            .spawn()
            .expect("chromium runs");
        let mut waited = 0;
        let status = loop {
            if let Some(status) = child.try_wait().unwrap() {
                break status;
            }
            if waited >= 1200 {
                child.kill().unwrap();
                child.wait().unwrap();
                panic!("chromium did not finish");
            }
            std::thread::sleep(std::time::Duration::from_millis(100));
            waited += 1;
        };
        let err = std::fs::read_to_string(&stderr).unwrap_or_default();
        assert!(status.success(), "{err}");
        std::fs::read(&stdout).unwrap()
    };
    // The document as the browser built it: the speakers, the quotations, the chart,
    // and no script element made from the hostile article.
    let dom = String::from_utf8(browser(&["--dump-dom"])).unwrap();
    assert!(dom.contains("<h2>Ada Lindqvist</h2>"), "{dom}");
    assert!(dom.contains("<h2>Bruno Okafor</h2>"));
    assert!(dom.contains("<mark>We will hire four hundred new immigration officers,</mark>"));
    assert!(dom.contains("<svg") && dom.contains("<rect"));
    assert!(!dom.to_ascii_lowercase().contains("<script"));
    // And it draws: a screenshot of the first screen.
    let shot = dir.path().join("shot.png");
    browser(&[
        "--window-size=1000,1200",
        &format!("--screenshot={}", shot.display()),
    ]);
    let png = std::fs::read(&shot).expect("a screenshot");
    assert!(png.starts_with(b"\x89PNG") && png.len() > 10_000);
}
