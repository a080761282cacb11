//! Within-document coreference: surnames, pronouns and nominals resolved to the entity
//! they refer to.
//!
//! (interface skeleton: the real resolver is being written)

use crate::Entity;
use crate::mentions::Mention;

/// Entities built from `mentions`, and for each mention (same index) the entity it
/// refers to, if any. Pronouns and nominals resolve to an earlier entity; names join the
/// entity whose full name they are part of ("Fidan" → "Hakan Fidan").
pub fn resolve(text: &str, mentions: &[Mention]) -> (Vec<Entity>, Vec<Option<usize>>) {
    let _ = text;
    (Vec::new(), vec![None; mentions.len()])
}
