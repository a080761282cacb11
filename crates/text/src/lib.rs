//! Text helpers shared by the whosaid crates, written once.
//!
//! Every crate of the pipeline reads word lists, scans bytes, folds case and accents and
//! recognises quote marks; this crate is the one home of those helpers, as tantivy's
//! `common` is for its subcrates:
//!
//! * [`wordlist`]: the reader of the `data/*.txt` word lists ([`DataFile`], [`Line`]),
//!   which reports a malformed line with its file and line number instead of skipping it;
//! * [`swar`]: eight-bytes-at-a-time byte searches for the hot scans;
//! * [`ascii`]: lower-casing short words on the stack, `char_at`, words in capitals;
//! * [`quotes`]: which characters are quote marks, and of which family;
//! * [`signs`]: the currency and percent signs written with a figure;
//! * [`fold`]: case and accent folding ([`fold::fold`]) for keys that must match across
//!   spellings ("Erdoğan", "ERDOGAN");
//! * [`names`]: generational suffixes ("Jr.", "III"), name particles, and the
//!   [`names::PersonKey`] that tells whether two written names can be one person;
//! * [`calendar`]: month and weekday names and their abbreviations;
//! * [`Date`]: a calendar date, parsed strictly from `YYYY-MM-DD`.
//!
//! ```
//! use text::{Date, fold::fold, quotes};
//!
//! let d: Date = "2025-02-28".parse().unwrap();
//! assert_eq!(d.to_string(), "2025-02-28");
//! assert!("2025-02-30".parse::<Date>().is_err());
//! assert_eq!(fold("Türkiye’s ERDOĞAN"), "turkiye's erdogan");
//! assert!(quotes::is_quote_mark('‹'));
//! ```

pub mod ascii;
pub mod calendar;
mod date;
pub mod fold;
pub mod names;
pub mod quotes;
pub mod signs;
pub mod swar;
pub mod wordlist;

pub use date::{Date, DateError};
pub use wordlist::{DataFile, Line};
