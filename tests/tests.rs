//! The end-to-end tests, one binary with a module per area (as ripgrep's `tests/tests.rs`):
//! each module drives the built `whosaid` binary, and a single test binary links bundled
//! SQLite once.

mod common;

mod claims;
mod claims_pronoun;
mod claims_reworded;
mod cli_input;
mod export;
mod extract_sample;
mod extracted;
mod hostile_input;
mod hostile_shapes;
mod hostile_store;
mod inputs;
mod quote_parts;
mod report;
mod speaker_classes;
mod speakers_across;
mod stats;
mod store;
mod terminal;
