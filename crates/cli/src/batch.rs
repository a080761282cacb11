//! Extraction over many documents: read in bounded batches, extract each batch on every
//! core (rayon), and hand the results back in input order.
//!
//! `extract` and `ingest` both go through here, so output order and memory bounds are the
//! same for both: at most one batch of documents and extractions is held at a time.

use attrib::Extraction;
use rayon::prelude::*;

use crate::cmd::common::Sources;
use crate::input::{self, Input, InputError};

/// Documents per parallel batch.
const BATCH_DOCS: usize = 256;
/// Text bytes per parallel batch; bounds memory whatever the document sizes.
const BATCH_BYTES: usize = 32 << 20;

/// One document with its extraction, or why an input could not be read.
pub type Extracted = Result<(Input, Extraction), InputError>;

/// Read every document in `sources`, extract it, and call `each` in input order. Input
/// errors come in order too, between the documents around them. Stops at the first
/// `Err` that `each` returns (an output error: nothing more can be written).
pub fn extract_all(
    sources: &Sources,
    mut each: impl FnMut(Extracted) -> anyhow::Result<()>,
) -> anyhow::Result<()> {
    extract_batches(sources, |batch| batch.into_iter().try_for_each(&mut each))
}

/// As [`extract_all`], but `each` takes a whole batch at a time (a batch of documents,
/// the input error that ended it if any, in order), so that a caller can store each
/// batch in one transaction: a batch is only handed over when reading stops for
/// extraction, so nothing waits in it for more input.
pub fn extract_batches(
    sources: &Sources,
    mut each: impl FnMut(Vec<Extracted>) -> anyhow::Result<()>,
) -> anyhow::Result<()> {
    let mut result: anyhow::Result<()> = Ok(());
    let mut batch: Vec<Input> = Vec::new();
    let mut batch_bytes = 0;
    let extract = |batch: &mut Vec<Input>| -> Vec<Extracted> {
        std::mem::take(batch)
            .into_par_iter()
            .map(|d| {
                // A bug in extraction must not end the batch: the document is reported
                // as failed, the others go on, and the exit code says so.
                match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                    attrib::extract(&d.doc)
                })) {
                    Ok(ex) => Ok((d, ex)),
                    Err(panic) => Err(extraction_failed(&d, panic.as_ref())),
                }
            })
            .collect()
    };
    input::read_all(sources, |item| {
        if result.is_err() {
            return;
        }
        match item {
            Ok(input) => {
                batch_bytes += input.doc.text.len();
                batch.push(input);
                if batch.len() >= BATCH_DOCS || batch_bytes >= BATCH_BYTES {
                    batch_bytes = 0;
                    result = each(extract(&mut batch));
                }
            }
            Err(e) => {
                batch_bytes = 0;
                let mut done = extract(&mut batch);
                done.push(Err(e));
                result = each(done);
            }
        }
    });
    result?;
    if batch.is_empty() {
        return Ok(());
    }
    each(extract(&mut batch))
}

/// The error for a document whose extraction panicked: where it came from, its id and
/// the panic's message.
fn extraction_failed(d: &Input, panic: &(dyn std::any::Any + Send)) -> InputError {
    let why = panic
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown cause".to_string());
    InputError {
        file: d.origin.clone().unwrap_or_else(|| "-".to_string()),
        line: None,
        message: format!(
            "internal error extracting document {:?} ({why}); it was skipped, please report it",
            d.doc.id
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_becomes_an_error_naming_the_document() {
        let d = Input {
            doc: attrib::Document::new("doc-7", "text"),
            origin: Some("news.jsonl:7".to_string()),
        };
        let panic =
            std::panic::catch_unwind(|| panic!("slice inside a character")).expect_err("it panics");
        let e = extraction_failed(&d, panic.as_ref());
        assert_eq!(e.file, "news.jsonl:7");
        assert!(e.message.contains("doc-7"), "{}", e.message);
        assert!(
            e.message.contains("slice inside a character"),
            "{}",
            e.message
        );
    }
}
