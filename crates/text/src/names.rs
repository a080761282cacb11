//! Name parts that every crate reads the same way, and the key that tells whether two
//! written names can be one person ([`PersonKey`]).

use std::collections::HashMap;
use std::sync::LazyLock;

use crate::fold::fold;
use crate::{DataFile, data_file};

/// Lower-case words that may sit inside a personal name ("de", "van", "bin").
pub const PARTICLES: DataFile = data_file!("name_particles.txt");

static PARTICLE_SET: LazyLock<Vec<&'static str>> = LazyLock::new(|| {
    PARTICLES
        .entries()
        .map(|w| w.trim_end_matches('.'))
        .collect()
});

/// True for a name particle ("de", "van"), in any case.
pub fn is_particle(word: &str) -> bool {
    let w = word.trim_end_matches('.');
    PARTICLE_SET.iter().any(|p| p.eq_ignore_ascii_case(w))
}

static TITLES: LazyLock<Vec<&'static str>> =
    LazyLock::new(|| data_file!("name_titles.txt").entries().collect());

/// Familiar given name → formal one ("bill" → "william").
static NICKNAMES: LazyLock<HashMap<&'static str, &'static str>> = LazyLock::new(|| {
    let mut map = HashMap::new();
    for line in data_file!("nicknames.txt").lines() {
        let mut words = line.text.split_whitespace();
        let Some(formal) = words.next() else { continue };
        for w in words {
            if map.insert(w, formal).is_some() {
                line.malformed(&format!("{w:?} stands for two names"));
            }
        }
    }
    map
});

static SUFFIXES: LazyLock<Vec<&'static str>> = LazyLock::new(|| {
    data_file!("generational_suffixes.txt")
        .lowercase_entries(false)
        .collect()
});

/// True for a generational suffix ("Jr.", "sr", "III"), in any case, with or without a
/// trailing dot: it follows a name and is never a surname.
pub fn is_generational_suffix(word: &str) -> bool {
    let w = word.strip_suffix('.').unwrap_or(word);
    SUFFIXES.iter().any(|s| s.eq_ignore_ascii_case(w))
}

/// What identifies a person's written name across articles: the given name in its
/// formal form ("Joe" → "joseph"), the surname with its particles and without
/// apostrophes or hyphens ("O’Malley" → "omalley", "de Blasio" → "deblasio"), and any
/// generational suffix. Titles ("Mr.", "Sen."), middle names and initials are left out:
/// "Donald J. Trump", "Mr. Donald Trump" and "Donald Trump" have one key, "Donald Trump
/// Jr." and "Ivanka Trump" others.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PersonKey {
    /// The surname: names link only to names with the same one.
    pub surname: String,
    /// The formal given name; `None` for a surname alone ("Obama", "Mr. Obama").
    pub given: Option<String>,
    /// "jr", "iii": a father and son are two people.
    pub suffix: Option<String>,
}

impl PersonKey {
    /// The key of `name`, or `None` when no word of it is left to be a surname.
    pub fn of(name: &str) -> Option<PersonKey> {
        let mut words: Vec<String> = name
            .split_whitespace()
            .map(|w| fold(w).chars().filter(|c| c.is_alphanumeric()).collect())
            .filter(|w: &String| !w.is_empty())
            .collect();
        while words.len() > 1 && TITLES.contains(&words[0].as_str()) {
            words.remove(0);
        }
        let suffix = match words.last() {
            Some(w) if words.len() > 1 && is_generational_suffix(w) => words.pop(),
            _ => None,
        };
        let mut surname = words.pop()?;
        while words
            .last()
            .is_some_and(|w| PARTICLE_SET.contains(&w.as_str()))
        {
            let particle = words.pop().unwrap_or_default();
            surname.insert_str(0, &particle);
        }
        // "J. Michael Luttig": the first name written out is the given name.
        let given = words
            .iter()
            .find(|w| w.chars().count() > 1)
            .or(words.first())
            .map(|w| {
                NICKNAMES
                    .get(w.as_str())
                    .map_or(w.clone(), |f| f.to_string())
            });
        Some(PersonKey {
            surname,
            given,
            suffix,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(name: &str) -> (Option<String>, String, Option<String>) {
        let k = PersonKey::of(name).unwrap();
        (k.given, k.surname, k.suffix)
    }

    #[test]
    fn variants_of_one_name_share_a_key() {
        for group in [
            &[
                "Donald Trump",
                "Donald J. Trump",
                "Mr. Donald Trump",
                "DONALD TRUMP",
            ][..],
            &[
                "Hillary Clinton",
                "Hillary Rodham Clinton",
                "Sen. Hillary Clinton",
            ],
            &["Joe Biden", "Joseph Biden", "Vice President Joe Biden"],
            &["Martin O’Malley", "Martin O'Malley", "Martin OMalley"],
            &["Bill de Blasio", "William de Blasio", "Bill De Blasio"],
            &[
                "Douglas Holtz-Eakin",
                "Doug Holtz-Eakin",
                "DOUGLAS HOLTZ-EAKIN",
            ],
            &["Vladimir V. Putin", "Vladimir Putin"],
        ] {
            let first = key(group[0]);
            for name in &group[1..] {
                assert_eq!(key(name), first, "{name} vs {}", group[0]);
            }
        }
    }

    #[test]
    fn relatives_and_namesakes_differ() {
        let donald = key("Donald Trump");
        for other in [
            "Donald Trump Jr.",
            "Ivanka Trump",
            "Eric Trump",
            "Melania Trump",
        ] {
            assert_ne!(key(other), donald, "{other}");
        }
        assert_ne!(key("George W. Bush"), key("Jeb Bush"));
        assert_ne!(key("Bill Clinton"), key("Hillary Clinton"));
    }

    #[test]
    fn surname_alone() {
        assert_eq!(key("Obama"), (None, "obama".into(), None));
        assert_eq!(key("Mr. Obama"), (None, "obama".into(), None));
        assert_eq!(key("De Blasio"), (None, "deblasio".into(), None));
        assert_eq!(key("J. Michael Luttig").0.as_deref(), Some("michael"));
        assert!(PersonKey::of("  . ").is_none());
    }

    #[test]
    fn suffixes() {
        for w in ["Jr.", "jr", "SR", "III", "iv"] {
            assert!(is_generational_suffix(w), "{w}");
        }
        for w in ["Trump", "j", "V.", ""] {
            assert!(!is_generational_suffix(w), "{w}");
        }
    }
}
