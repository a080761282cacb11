//! Unit tests, one group per rule family, on sentences written for these tests.

use super::*;

fn split(text: &str) -> Vec<&str> {
    sentences(text).iter().map(|s| s.of(text)).collect()
}

#[track_caller]
fn check(text: &str, want: &[&str]) {
    assert_eq!(split(text), want, "text: {text:?}");
}

#[test]
fn span_api() {
    let s = Span::new(2, 5);
    assert_eq!(s.len(), 3);
    assert!(!s.is_empty());
    assert!(Span::new(4, 4).is_empty());
    assert_eq!(s.of("abcdefg"), "cde");
}

#[test]
fn paragraphs_are_lines() {
    let text = "  First line. \n\n Second\r\nThird  \n   \n";
    let got: Vec<&str> = paragraphs(text).iter().map(|s| s.of(text)).collect();
    assert_eq!(got, ["First line.", "Second", "Third"]);
    assert!(paragraphs("").is_empty());
    assert!(sentences(" \n\t\n").is_empty());
}

#[test]
fn line_breaks_are_hard_boundaries() {
    check(
        "Headline without a period\nThe body starts here. It goes on",
        &[
            "Headline without a period",
            "The body starts here.",
            "It goes on",
        ],
    );
    check("Mr.\nSmith left.", &["Mr.", "Smith left."]);
}

#[test]
fn plain_terminators() {
    check(
        "The vote passed. Critics were furious! Will it hold? Nobody knows.",
        &[
            "The vote passed.",
            "Critics were furious!",
            "Will it hold?",
            "Nobody knows.",
        ],
    );
    check(
        "Really?! Yes. Wow!! Why??",
        &["Really?!", "Yes.", "Wow!!", "Why??"],
    );
    check(
        "Rain fell. 14 people were hurt.",
        &["Rain fell.", "14 people were hurt."],
    );
    check(
        "Sales fell. Ürün prices rose.",
        &["Sales fell.", "Ürün prices rose."],
    );
}

#[test]
fn lowercase_continues() {
    check(
        "It was built by Fabrikam! in the old port.",
        &["It was built by Fabrikam! in the old port."],
    );
    check(
        "Prices rose 3 p.c. over the year.",
        &["Prices rose 3 p.c. over the year."],
    );
}

#[test]
fn titles_never_end_a_sentence() {
    check(
        "Sen. Maria Lopez met Dr. Chen and Gov. Hale. Prof. Ada Byrne joined later.",
        &[
            "Sen. Maria Lopez met Dr. Chen and Gov. Hale.",
            "Prof. Ada Byrne joined later.",
        ],
    );
    check(
        "The unit reported to retired Lt. Gen. Mark Hughes, the envoy, while others waited.",
        &["The unit reported to retired Lt. Gen. Mark Hughes, the envoy, while others waited."],
    );
    check(
        "It was Lopez vs. Chen, e.g. Round One.",
        &["It was Lopez vs. Chen, e.g. Round One."],
    );
}

#[test]
fn a_prefixed_title_is_still_a_title() {
    check(
        "The gap between Clinton and then-Sen. Barack Obama was narrow. Ex-Gov. Jo Park agreed.",
        &[
            "The gap between Clinton and then-Sen. Barack Obama was narrow.",
            "Ex-Gov. Jo Park agreed.",
        ],
    );
    // A hyphenated word that is no title still ends its sentence.
    check(
        "They met in Wilkes-Barre. Jo Park spoke.",
        &["They met in Wilkes-Barre.", "Jo Park spoke."],
    );
}

#[test]
fn abbreviations_end_a_sentence_only_before_starters() {
    check(
        "The deal went to Contoso Ltd. The board approved it.",
        &["The deal went to Contoso Ltd.", "The board approved it."],
    );
    check(
        "Fabrikam Inc. Chief Executive Jo Park said so.",
        &["Fabrikam Inc. Chief Executive Jo Park said so."],
    );
    check(
        "They bought pens, paper, etc. But the budget held.",
        &["They bought pens, paper, etc.", "But the budget held."],
    );
    check(
        "Talks resume Sept. 14 in Geneva. Both sides agreed.",
        &["Talks resume Sept. 14 in Geneva.", "Both sides agreed."],
    );
    check(
        "He ran Acme Corp.'s office in St. Paul. It closed.",
        &["He ran Acme Corp.'s office in St. Paul.", "It closed."],
    );
}

#[test]
fn dotted_acronyms() {
    check(
        "She moved to the U.K. It rained daily.",
        &["She moved to the U.K.", "It rained daily."],
    );
    check(
        "The U.S. Senate voted and U.N. officials watched.",
        &["The U.S. Senate voted and U.N. officials watched."],
    );
    check(
        "He has lived in the U.S. since 2001.",
        &["He has lived in the U.S. since 2001."],
    );
    check(
        "The polls opened at 7 a.m. Many voters queued.",
        &["The polls opened at 7 a.m.", "Many voters queued."],
    );
    check(
        "We left at 9 p.m. They stayed. She holds a Ph.D. from Yale.",
        &[
            "We left at 9 p.m.",
            "They stayed.",
            "She holds a Ph.D. from Yale.",
        ],
    );
    check(
        "Bring fruit, i.e. Apples and pears.",
        &["Bring fruit, i.e. Apples and pears."],
    );
}

#[test]
fn initials() {
    check(
        "The novel by J. R. R. Tolkien sold well. Mary K. Lowe reviewed it.",
        &[
            "The novel by J. R. R. Tolkien sold well.",
            "Mary K. Lowe reviewed it.",
        ],
    );
    check(
        "The prize went to her and me. It was Plan B. Then we left.",
        &[
            "The prize went to her and me.",
            "It was Plan B.",
            "Then we left.",
        ],
    );
    check("Ask J. A. Ortiz.", &["Ask J. A. Ortiz."]);
    check("Signed, Ana P. Rivas", &["Signed, Ana P. Rivas"]);
}

#[test]
fn numbers_urls_emails() {
    check(
        "Growth hit 3.5 percent on 1,000 firms using version 2.0.1 of the tool.",
        &["Growth hit 3.5 percent on 1,000 firms using version 2.0.1 of the tool."],
    );
    check(
        "It cost $12.50. Write to press.office@example.org. See https://news.example.net/a/b.html. Done.",
        &[
            "It cost $12.50.",
            "Write to press.office@example.org.",
            "See https://news.example.net/a/b.html.",
            "Done.",
        ],
    );
    check(
        "See No. 7 on p. 12. He said no. Nobody argued.",
        &["See No. 7 on p. 12.", "He said no.", "Nobody argued."],
    );
}

#[test]
fn closing_quotes_and_brackets() {
    check(
        "\"We will rebuild as soon as possible.\" Next came the vote.",
        &[
            "\"We will rebuild as soon as possible.\"",
            "Next came the vote.",
        ],
    );
    check(
        "“It must be organised,” he told us. “Now.” They agreed.",
        &[
            "“It must be organised,” he told us.",
            "“Now.”",
            "They agreed.",
        ],
    );
    check(
        "'Is it over?' she asked. 'Not yet!' he said.",
        &["'Is it over?' she asked.", "'Not yet!' he said."],
    );
    check(
        "The rule (Parliament adopted it in May.) stays. (Officials agreed.) Work began.",
        &[
            "The rule (Parliament adopted it in May.) stays.",
            "(Officials agreed.)",
            "Work began.",
        ],
    );
    check(
        "«Ça suffit!» Then silence.",
        &["«Ça suffit!»", "Then silence."],
    );
    check(
        "He quoted \"no\". Then he left.",
        &["He quoted \"no\".", "Then he left."],
    );
}

#[test]
fn every_opening_mark_of_text_quotes_opens() {
    // The classes come from `text::quotes`, shared with the quotation finder: the low and
    // high-reversed marks (`‚` `‟` `‛`) open a sentence as `“` does, so "The" after one is
    // seen as the starter that ends the abbreviation's sentence.
    for open in ['“', '‟', '‚', '‛', '„'] {
        let text = format!("He works at Apple Inc. {open}The deal is done,” he said.");
        let second = format!("{open}The deal is done,” he said.");
        check(&text, &["He works at Apple Inc.", &second]);
    }
}

#[test]
fn quoted_question_before_named_speaker() {
    check(
        "\"Where is the money?\" Senator Ann Marsh asked. \"Gone!\" The crowd roared.",
        &[
            "\"Where is the money?\" Senator Ann Marsh asked.",
            "\"Gone!\"",
            "The crowd roared.",
        ],
    );
    check(
        "“Enough!” Marsh shouted at the hearing.",
        &["“Enough!” Marsh shouted at the hearing."],
    );
}

#[test]
fn ellipses() {
    check(
        "We waited... and waited… for news.",
        &["We waited... and waited… for news."],
    );
    check(
        "The power went out... Then it came back.",
        &["The power went out...", "Then it came back."],
    );
    check(
        "He paused.... Everyone stared.",
        &["He paused....", "Everyone stared."],
    );
    check(
        "The report says the plan . . . was never funded.",
        &["The report says the plan . . . was never funded."],
    );
    check(
        "Funding ran out. . . . Later the plan died.",
        &["Funding ran out.", ". . . Later the plan died."],
    );
    check(
        "It ended with a whimper . . . . Silence followed.",
        &["It ended with a whimper . . . .", "Silence followed."],
    );
    check(
        "\"Nothing [...] was decided [...]\" (Report 4).",
        &["\"Nothing [...] was decided [...]\" (Report 4)."],
    );
}

#[test]
fn lists() {
    check(
        "1. Check the facts 2. Call the source 3. Write it up",
        &["1. Check the facts", "2. Call the source", "3. Write it up"],
    );
    check(
        "1) Plan first. 2) Act second.",
        &["1) Plan first.", "2) Act second."],
    );
    check(
        "a. Red paint b. Blue paint",
        &["a. Red paint", "b. Blue paint"],
    );
    check(
        "• Cheaper rent • Shorter commute",
        &["• Cheaper rent", "• Shorter commute"],
    );
    check(
        "There are two reasons. 1. The cost is high. 2. Time is short.",
        &[
            "There are two reasons.",
            "1. The cost is high.",
            "2. Time is short.",
        ],
    );
    check(
        "Three choices remain. (a) Wait. (b) Act now.",
        &["Three choices remain.", "(a) Wait.", "(b) Act now."],
    );
    // Markers inside ordinary prose do not split.
    check(
        "The plan has 1) cuts and 2) taxes.",
        &["The plan has 1) cuts and 2) taxes."],
    );
    check(
        "A. Byrne and B. Cole signed.",
        &["A. Byrne and B. Cole signed."],
    );
}

#[test]
fn sample_article_keeps_sentences_whole() {
    let text = include_str!("../tests/data/envoy.txt");
    let got = split(text);
    assert!(got.contains(
        &"The U.S. delegation was led by retired Lt. Gen. Paul Reyes, the president's special envoy to the region, while the foreign minister represented the host, an aide said."
    ));
    assert!(
        got.contains(&"The U.S. side included Secretary of State Lena Ortiz as well as Reyes.")
    );
    assert!(got.contains(
        &"\"I think the next step would be that a leaders-level meeting should be organised,\" he told reporters after the talks."
    ));
    assert_eq!(got.len(), 8, "{got:#?}");
}

#[test]
fn sentences_in_one_paragraph() {
    let text = "Intro.\nOne here. Two here.\nOutro.";
    let p = paragraphs(text)[1];
    let got: Vec<&str> = sentences_in(text, p).iter().map(|s| s.of(text)).collect();
    assert_eq!(got, ["One here.", "Two here."]);
    let mut n = 0;
    for_each_sentence(text, |_| n += 1);
    assert_eq!(n, 4);
}

#[test]
fn ellipsis_between_sentences() {
    check(
        "The treaty is outdated. ... Nobody defends it now.",
        &["The treaty is outdated.", "... Nobody defends it now."],
    );
    check(
        "… Officials declined to comment. “… Such talks take time,” she said.",
        &[
            "… Officials declined to comment.",
            "“… Such talks take time,” she said.",
        ],
    );
    check(
        "We were told to wait… Hours passed.",
        &["We were told to wait…", "Hours passed."],
    );
}

#[test]
fn clock_times() {
    check(
        "Polls close at 8 p.m. Eastern on Tuesday.",
        &["Polls close at 8 p.m. Eastern on Tuesday."],
    );
    check(
        "The hearing resumes at 10 a.m. Friday in Room 4.",
        &["The hearing resumes at 10 a.m. Friday in Room 4."],
    );
    check(
        "By 7 a.m. Officer Diaz had closed the road.",
        &["By 7 a.m. Officer Diaz had closed the road."],
    );
    check(
        "The store shut its doors at 9 p.m. Police arrived soon after.",
        &[
            "The store shut its doors at 9 p.m.",
            "Police arrived soon after.",
        ],
    );
}

#[test]
fn sentences_inside_a_quotation_stand_alone() {
    // Quoted sentences split like any others; the attribution stays with the last one.
    check(
        "\"The road is open. Trucks can pass,\" the mayor said on Monday. Traffic resumed.",
        &[
            "\"The road is open.",
            "Trucks can pass,\" the mayor said on Monday.",
            "Traffic resumed.",
        ],
    );
    check(
        "The mayor said: \"The road is open. Trucks can pass.\" Traffic resumed.",
        &[
            "The mayor said: \"The road is open.",
            "Trucks can pass.\"",
            "Traffic resumed.",
        ],
    );
    check(
        "“Nobody was hurt,” Deputy Fire Chief Ana Ruiz told reporters. “We were lucky.”",
        &[
            "“Nobody was hurt,” Deputy Fire Chief Ana Ruiz told reporters.",
            "“We were lucky.”",
        ],
    );
}
