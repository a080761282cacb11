//! Extraction on the fixture articles under `fixtures/articles/`: one per style the
//! issue names (British marks, multi-paragraph quotations, an interview, "said X"
//! inversions, two speakers sharing a surname).

use attrib::{Document, Extraction, QuoteKind, extract};

fn load(name: &str) -> (Document, Extraction) {
    let path = format!(
        "{}/../../fixtures/articles/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    let raw = std::fs::read_to_string(&path).expect("fixture readable");
    let doc = Document::from_article(name, raw).expect("fixture header valid");
    let ex = extract(&doc);
    (doc, ex)
}

/// The quotation containing `words`: its kind, speaker name and mention text.
fn find<'a>(
    doc: &'a Document,
    ex: &'a Extraction,
    words: &str,
) -> (QuoteKind, Option<&'a str>, Option<&'a str>) {
    let q = ex
        .quotes
        .iter()
        .find(|q| q.span.of(&doc.text).contains(words))
        .unwrap_or_else(|| panic!("no quotation contains {words:?}"));
    (
        q.kind,
        ex.speaker(q).map(|e| e.canonical.as_str()),
        q.mention.map(|m| m.of(&doc.text)),
    )
}

#[test]
fn british_marks_and_apostrophes() {
    let (doc, ex) = load("council-housing-british.txt");
    let (kind, speaker, _) = find(&doc, &ex, "We can’t keep waiting for the ’90s to come back");
    assert_eq!(kind, QuoteKind::Direct);
    assert_eq!(speaker, Some("Margaret Holloway"));
    // The quotation after "she said" in the same paragraph belongs to it.
    let (_, speaker, _) = find(&doc, &ex, "not in ten years’ time");
    assert_eq!(speaker, Some("Margaret Holloway"));
    // "said X" inversion with an apposition.
    let (kind, speaker, _) = find(&doc, &ex, "the biggest building programme");
    assert_eq!((kind, speaker), (QuoteKind::Direct, Some("Tom Adeyemi")));
    // A quoted label after a cue is mixed, not a free-standing quotation.
    let (kind, _, mention) = find(&doc, &ex, "a developer’s charter");
    assert_eq!((kind, mention), (QuoteKind::Mixed, Some("Critics")));
    let (kind, speaker, _) = find(&doc, &ex, "the first homes would be finished by 2026");
    assert_eq!(
        (kind, speaker),
        (QuoteKind::Indirect, Some("Margaret Holloway"))
    );
    let (kind, speaker, _) = find(&doc, &ex, "the council would not cut the share");
    assert_eq!((kind, speaker), (QuoteKind::Indirect, Some("Tom Adeyemi")));
    let (kind, _, _) = find(&doc, &ex, "4,000 households are on the waiting list");
    assert_eq!(kind, QuoteKind::Indirect);
}

#[test]
fn multi_paragraph_quotation_keeps_its_speaker() {
    let (doc, ex) = load("senate-speech-multiparagraph.txt");
    for words in [
        "We have spent ten years arguing",
        "This bill is different",
        "I am asking them to read it",
    ] {
        let (kind, speaker, _) = find(&doc, &ex, words);
        assert_eq!(
            (kind, speaker),
            (QuoteKind::Direct, Some("Laura Whitfield")),
            "{words}"
        );
    }
    // The three paragraphs, each opening with a mark, are one quotation whose parts are
    // the quoted words only.
    let q = ex
        .quotes
        .iter()
        .find(|q| q.span.of(&doc.text).contains("We have spent"))
        .expect("the speech");
    let words = q.words(&doc.text).unwrap();
    assert!(words.ends_with("I am asking them to read it."), "{words}");
    assert!(!words.contains("Whitfield said"), "{words}");
    assert_eq!(q.parts().len(), 4);
    let (_, speaker, mention) = find(&doc, &ex, "spends a great deal");
    assert_eq!((speaker, mention), (Some("Raymond Ortiz"), Some("he")));
    let (_, speaker, _) = find(&doc, &ex, "That doesn't mean I'll vote for it");
    assert_eq!(speaker, Some("Raymond Ortiz"));
    let (kind, _, _) = find(&doc, &ex, "The bill would add 2,000 border officers");
    assert_eq!(kind, QuoteKind::Indirect);
}

#[test]
fn interview_answers_and_inversions() {
    let (doc, ex) = load("mayor-interview.txt");
    let (kind, speaker, _) = find(&doc, &ex, "the money was already set aside");
    assert_eq!((kind, speaker), (QuoteKind::Indirect, Some("Dana Reyes")));
    let (_, speaker, _) = find(&doc, &ex, "The money is in the capital plan");
    assert_eq!(speaker, Some("Dana Reyes"));
    let (_, speaker, mention) = find(&doc, &ex, "the city would borrow less than expected");
    assert_eq!((speaker, mention), (Some("Alan Cho"), Some("Alan Cho")));
    let (_, speaker, _) = find(&doc, &ex, "we were lucky with interest rates");
    assert_eq!(speaker, Some("Alan Cho"));
    let (_, speaker, _) = find(&doc, &ex, "I mean that");
    assert_eq!(speaker, Some("Dana Reyes"));
    // The headline-style title is not in the text; nothing in the intro is a quotation.
    assert!(
        !ex.quotes
            .iter()
            .any(|q| q.span.of(&doc.text).contains("edited for length"))
    );
}

#[test]
fn two_speakers_sharing_a_surname() {
    let (doc, ex) = load("lind-family-firm.txt");
    let (_, speaker, _) = find(&doc, &ex, "the company would be sold");
    assert_eq!(speaker, Some("Anna Lind"));
    let (_, speaker, _) = find(&doc, &ex, "The company is not for sale");
    assert_eq!(speaker, Some("Peter Lind"));
    let (_, speaker, _) = find(&doc, &ex, "We have had three offers");
    assert_eq!(speaker, Some("Anna Lind"));
    let (_, speaker, _) = find(&doc, &ex, "Shares rose 12% on the news");
    assert_eq!(speaker, Some("Karin Berg"));
    let (_, speaker, _) = find(&doc, &ex, "a sale would probably take months");
    assert_eq!(speaker, Some("Karin Berg"));
    let (kind, _, mention) = find(&doc, &ex, "go before the board on Monday");
    assert_eq!(
        (kind, mention),
        (QuoteKind::Indirect, Some("a company spokesperson"))
    );
}

#[test]
fn confidence_orders_named_cue_above_pronoun_above_carried_over() {
    let (doc, ex) = load("senate-speech-multiparagraph.txt");
    // A quote-only paragraph after a paragraph that ended in narration is carried over.
    let carried_doc = Document::new(
        "carried",
        "\"We have spent ten years arguing,\" Laura Whitfield said on Monday.\n\n\
         \"This bill is different.\"",
    );
    let carried_ex = extract(&carried_doc);
    let conf = |doc: &Document, ex: &Extraction, w: &str| {
        ex.quotes
            .iter()
            .find(|q| q.span.of(&doc.text).contains(w))
            .map(|q| q.confidence)
            .expect("quote present")
    };
    let named = conf(&doc, &ex, "We have spent ten years");
    let pronoun = conf(&doc, &ex, "spends a great deal");
    let carried = conf(&carried_doc, &carried_ex, "This bill is different");
    assert!(named > pronoun, "{named} > {pronoun}");
    assert!(pronoun > carried, "{pronoun} > {carried}");
    for q in &ex.quotes {
        assert!((0.0..=1.0).contains(&q.confidence));
    }
}

#[test]
fn said_first_inversion_and_interrupted_quotation() {
    let doc = Document::new(
        "inv",
        "The old house is now a museum. Said Dorothy Poynter, who grew up nearby, \
         “We were all so proud of him.”\n\n\
         “It is a start,” Mayor Ruth Ames said. “More will follow.”",
    );
    let ex = extract(&doc);
    let (kind, _, mention) = find(&doc, &ex, "We were all so proud of him");
    assert_eq!(
        (kind, mention),
        (QuoteKind::Direct, Some("Dorothy Poynter"))
    );
    // One quotation from the first mark to the last, as newspapers mean it.
    let (kind, _, _) = find(
        &doc,
        &ex,
        "It is a start,” Mayor Ruth Ames said. “More will follow.",
    );
    assert_eq!(kind, QuoteKind::Direct);
}

#[test]
fn datelines_are_neither_speakers_nor_quoted_words() {
    let text = "PORT VILA, Vanuatu (AP) — The government said Friday it would hold talks.\n\n\
                \"We are ready,\" said Prime Minister Jotham Napat.\n\n\
                WASHINGTON — \"This is a good day,\" Senator Jane Roe told reporters.\n";
    let doc = Document::new("datelines", text);
    let ex = extract(&doc);
    let (kind, speaker, _) = find(&doc, &ex, "it would hold talks");
    assert_eq!((kind, speaker), (QuoteKind::Indirect, Some("government")));
    let (kind, speaker, _) = find(&doc, &ex, "This is a good day");
    assert_eq!((kind, speaker), (QuoteKind::Direct, Some("Jane Roe")));
    for q in &ex.quotes {
        let words = q.span.of(text);
        assert!(
            !words.contains("PORT VILA") && !words.contains("WASHINGTON"),
            "{words:?}"
        );
        let who = ex.speaker(q).map(|e| e.canonical.as_str());
        assert!(!matches!(who, Some("PORT VILA" | "WASHINGTON")), "{who:?}");
    }
}

#[test]
fn transcript_quoted_paragraph_by_paragraph() {
    let text = "Gov. Mike Pence spoke to Fox News. Partial transcript as follows:\n\n\
                \"WALLACE: Will Gennifer Flowers be there tomorrow night?\n\n\
                \"PENCE: Gennifer Flowers will not be attending the debate.\n\n\
                \"Q: And the polls?\n\n\
                \"Millions of American voters, like the ‘Leave’ supporters, are angry.\"\n";
    let doc = Document::new("transcript", text);
    let ex = extract(&doc);
    // A label nobody in the text answers to is a person of that surname, written as a
    // name.
    let (kind, speaker, mention) = find(&doc, &ex, "Will Gennifer Flowers be there");
    assert_eq!(
        (kind, speaker, mention),
        (QuoteKind::Direct, Some("Wallace"), Some("WALLACE"))
    );
    // A label in capitals is the person already named with that surname.
    let (_, speaker, mention) = find(&doc, &ex, "will not be attending");
    assert_eq!((speaker, mention), (Some("Mike Pence"), Some("PENCE")));
    let (_, speaker, _) = find(&doc, &ex, "And the polls");
    assert_eq!(speaker, Some("Q"));
    // The label is the speaker, not part of what was said.
    for q in &ex.quotes {
        let words = q.span.of(text);
        assert!(
            !words.starts_with("WALLACE:") && !words.starts_with("PENCE:"),
            "{words:?}"
        );
    }
}

#[test]
fn comma_between_a_tagged_name_and_its_verb() {
    let text = "Tuesday at a college in Berea, Ohio, after winning the primary, Gov. John \
                Kasich (R-OH), said, “I’m getting ready to rent a covered wagon.”\n\n\
                Brown, a spokesman for the campaign, said the governor was tired.\n";
    let doc = Document::new("splice", text);
    let ex = extract(&doc);
    let (kind, speaker, _) = find(&doc, &ex, "rent a covered wagon");
    assert_eq!((kind, speaker), (QuoteKind::Direct, Some("John Kasich")));
    // An apposition still names the one before it.
    let (_, speaker, _) = find(&doc, &ex, "the governor was tired");
    assert_eq!(speaker, Some("Brown"));
}

#[test]
fn sentence_openers_are_not_speakers() {
    let text = "After saying her right foot was “so swollen I could barely get my shoe on,” \
                she was taken home.\n\n\
                Meanwhile, it attacked Trump, saying he “has offended Hispanics.”\n";
    let doc = Document::new("openers", text);
    let ex = extract(&doc);
    assert!(!ex.quotes.is_empty());
    for q in &ex.quotes {
        let who = ex.speaker(q).map(|e| e.canonical.as_str());
        assert!(!matches!(who, Some("After" | "Meanwhile")), "{who:?}");
    }
}

#[test]
fn a_section_heading_is_no_one_a_pronoun_means() {
    let doc = Document::new(
        "heading",
        "Jane Moreau runs the fisheries agency.\n\n\
         CURRENCIES: The loonie rose to 74 cents US.\n\n\
         She said the agency would publish its review in June.",
    );
    let ex = extract(&doc);
    let (_, who, _) = find(&doc, &ex, "review in June");
    assert_eq!(who, Some("Jane Moreau"));
}

#[test]
fn a_pronoun_after_a_named_document_means_its_author() {
    let doc = Document::new(
        "author",
        "“It was a long shot,” said Stephen Vladeck of the law school.\n\n\
         That might sound strange to anyone who heard FBI Director James Comey’s \
         statement on Tuesday. He called her handling of the files “extremely careless.”",
    );
    let ex = extract(&doc);
    let (_, who, _) = find(&doc, &ex, "extremely careless");
    assert_eq!(who, Some("James Comey"));
}

#[test]
fn a_surname_that_is_also_a_demonym() {
    let doc = Document::new(
        "tory",
        "Toronto Mayor John Tory said the province was downloading costs.\n\n\
         \"This is a cut, plain and simple,\" Tory told CBC News.",
    );
    let ex = extract(&doc);
    assert_eq!(ex.quotes.len(), 2, "{:?}", ex.quotes);
    for q in &ex.quotes {
        let who = ex.speaker(q).map(|e| e.canonical.as_str());
        assert_eq!(who, Some("John Tory"));
    }
}

#[test]
fn surnames_that_are_titles_and_names_after_an_age() {
    let doc = Document::new(
        "pope",
        "\"We have seen it,\" Amy Pope, deputy homeland security adviser, said on a call.\n\n\
         81-year-old Parker Eaton said the party had lost its way.\n\n\
         Virginia Sen. Tim Kaine said he would vote for the bill.",
    );
    let ex = extract(&doc);
    let who: Vec<(Option<&str>, Option<attrib::EntityKind>)> = ex
        .quotes
        .iter()
        .map(|q| {
            let e = ex.speaker(q);
            (e.map(|e| e.canonical.as_str()), e.map(|e| e.kind))
        })
        .collect();
    let person = Some(attrib::EntityKind::Person);
    assert_eq!(
        who,
        [
            (Some("Amy Pope"), person),
            (Some("Parker Eaton"), person),
            (Some("Tim Kaine"), person)
        ]
    );
}

#[test]
fn an_adverb_opening_the_sentence_is_no_given_name() {
    let doc = Document::new(
        "adverb",
        "Christoph Blocher founded the party.\n\n\
         Interestingly Blocher said the referendum results did not sway him.",
    );
    let ex = extract(&doc);
    let who = ex.speaker(&ex.quotes[0]).map(|e| e.canonical.as_str());
    assert_eq!(who, Some("Christoph Blocher"));
}

#[test]
fn a_convention_is_an_organisation() {
    let doc = Document::new(
        "conv",
        "The vote was held.\n\nThe Constitutional Convention said it would open on Monday.",
    );
    let ex = extract(&doc);
    let speaker = ex.speaker(&ex.quotes[0]).expect("a speaker");
    assert_eq!(speaker.canonical, "Constitutional Convention");
    assert_eq!(speaker.kind, attrib::EntityKind::Organization);
}

#[test]
fn canadian_ranks_roles_and_punctuation() {
    let (doc, ex) = load("transit-strike-canadian.txt");
    // A comma outside the closing mark still lets the quotation go on past the frame.
    let (kind, speaker, _) = find(&doc, &ex, "and the city knows it");
    assert_eq!((kind, speaker), (QuoteKind::Direct, Some("Gail Moreau")));
    // "said in a statement it …": the setting phrase is no part of what was said.
    let q = ex
        .quotes
        .iter()
        .find(|q| q.span.of(&doc.text).contains("3.5 per cent"))
        .expect("the offer");
    assert!(q.span.of(&doc.text).starts_with("it had offered"));
    // Lower-case role words between a party and the name after "said".
    let (_, speaker, _) = find(&doc, &ex, "walking to work in minus 15");
    assert_eq!(speaker, Some("Paul Landry"));
    // "Police say" reports the clause after it.
    let (kind, _, mention) = find(&doc, &ex, "was peaceful");
    assert_eq!((kind, mention), (QuoteKind::Indirect, Some("Police")));
    // Ranks are titles that end no sentence, and a name before "of the" speaks.
    let (_, speaker, _) = find(&doc, &ex, "two people were ticketed");
    assert_eq!(speaker, Some("Rita Boudreau"));
    let (kind, speaker, _) = find(&doc, &ex, "asking everyone to be patient");
    assert_eq!((kind, speaker), (QuoteKind::Direct, Some("Ken Tait")));
    // A comma before "said candidates": the past form is the verb, not an adjective.
    let (_, speaker, _) = find(&doc, &ex, "members are ready for a long strike");
    assert_eq!(speaker, Some("Scott Moreau"));
    // Names joined by "and" are a plural subject for "say".
    let (kind, _, _) = find(&doc, &ex, "the province should step in");
    assert_eq!(kind, QuoteKind::Indirect);
}

#[test]
fn reported_speech_inside_reported_speech_is_the_outer_speakers_account() {
    let text = " date 2016-09-30 T\n\nClinton said Trump claimed the election was rigged.\n\n\
                Warren said the bank had \"lied to customers\" when it said fees were fair.\n";
    let doc = Document::from_article("nested", text.to_string()).expect("header valid");
    let ex = extract(&doc);
    let said: Vec<(&str, Option<&str>)> = ex
        .quotes
        .iter()
        .map(|q| {
            (
                q.span.of(&doc.text),
                ex.speaker(q).map(|e| e.canonical.as_str()),
            )
        })
        .collect();
    assert!(
        said.contains(&("Trump claimed the election was rigged", Some("Clinton"))),
        "{said:?}"
    );
    // Nothing is attributed again inside it: not "the election was rigged" to Trump,
    // nor "fees were fair" to the bank.
    assert!(
        !said.iter().any(|(t, _)| *t == "the election was rigged"),
        "{said:?}"
    );
    assert!(
        !said.iter().any(|(t, _)| *t == "fees were fair"),
        "{said:?}"
    );
}

#[test]
fn british_ferry_report_speakers_and_parts() {
    let (doc, ex) = load("ferry-delays-british.txt");
    // A description the lexicon does not know before an inverted name ("said commuter
    // Sarah Hill"), and the frame inside one quotation.
    let (kind, speaker, _) = find(&doc, &ex, "lost count of the cancellations");
    assert_eq!((kind, speaker), (QuoteKind::Direct, Some("Sarah Hill")));
    // "said the minister, Iain Gray": the apposed name speaks, not the last person.
    let (_, speaker, _) = find(&doc, &ex, "We will not give in to the operator");
    assert_eq!(speaker, Some("Iain Gray"));
    // A quotation over two paragraphs attributed at its end is one, by that speaker.
    let q = ex
        .quotes
        .iter()
        .find(|q| {
            q.span
                .of(&doc.text)
                .contains("The first of the new vessels")
        })
        .expect("the councillor's quotation");
    assert!(q.span.of(&doc.text).contains("has not even been started"));
    assert_eq!(
        ex.speaker(q).map(|e| e.canonical.as_str()),
        Some("Kenneth Ross")
    );
    // "It said": the company named just before.
    let (kind, speaker, _) = find(&doc, &ex, "the timetable would return to normal");
    assert_eq!(
        (kind, speaker),
        (QuoteKind::Indirect, Some("Caledonian Ferry Company"))
    );
    // A description of people with its prepositional phrase, set off by commas or
    // dashes, is the speaker; the place or meeting it names is not.
    let (_, _, mention) = find(&doc, &ex, "the government has lost patience");
    assert_eq!(mention, Some("advisers"));
    let (kind, _, mention) = find(&doc, &ex, "the service had collapsed");
    assert_eq!(
        (kind, mention),
        (QuoteKind::Indirect, Some("Many speakers"))
    );
}

#[test]
fn headline_words_are_no_speaker() {
    // A title line's label names nobody the story names: no quotation, no speaker.
    let text = "Stealth Over Health: Senator Was Headed To Hospital But Diverted To Avoid Bad Optics.\n\n\
                The Daily Ledger reports that the senator's team avoided the emergency room.\n\n\
                Pastor Darrell Scott defended the senator.\n";
    let doc = Document::new("headline", text);
    let ex = extract(&doc);
    assert!(
        ex.quotes
            .iter()
            .all(|q| !q.span.of(text).contains("Headed To Hospital")),
        "{:?}",
        ex.quotes
            .iter()
            .map(|q| q.span.of(text))
            .collect::<Vec<_>>()
    );
    assert!(
        ex.entities
            .iter()
            .all(|e| e.canonical != "Stealth Over Health")
    );
    // A name the story gives (here only below the title) still speaks in a title line.
    let text = "Darrell Scott: You Find Me An Aberration Because I Support The Senator.\n\n\
                Pastor Darrell Scott defended the senator on CNN.\n";
    let doc = Document::new("headline-named", text);
    let ex = extract(&doc);
    let (_, speaker, _) = find(&doc, &ex, "You Find Me An Aberration");
    assert_eq!(speaker, Some("Darrell Scott"));
}
