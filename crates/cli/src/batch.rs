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
    let mut result: anyhow::Result<()> = Ok(());
    let mut batch: Vec<Input> = Vec::new();
    let mut batch_bytes = 0;
    let flush = |batch: &mut Vec<Input>, each: &mut dyn FnMut(Extracted) -> anyhow::Result<()>| {
        let done: Vec<(Input, Extraction)> = std::mem::take(batch)
            .into_par_iter()
            .map(|d| {
                let ex = attrib::extract(&d.doc);
                (d, ex)
            })
            .collect();
        done.into_iter().try_for_each(|pair| each(Ok(pair)))
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
                    result = flush(&mut batch, &mut each);
                }
            }
            Err(e) => {
                batch_bytes = 0;
                result = flush(&mut batch, &mut each).and_then(|()| each(Err(e)));
            }
        }
    });
    result?;
    flush(&mut batch, &mut each)
}
