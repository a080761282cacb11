//! What lazy resolution leaves out, and how `extract` fills it in for the entities it
//! keeps.

use crate::Entity;
use crate::mentions::Mention;
use crate::names_text::squeeze;

/// What [`resolve_lazy`](super::resolve_lazy) left out: for each of its entities, the text range whose words
/// are its canonical name (when not already in `canonical`).
pub(crate) struct Lazy {
    /// For each entity, the text range of its canonical name, if still to be filled in.
    pub(super) canon: Vec<Option<(usize, usize)>>,
}

impl Lazy {
    /// Fill in the canonical names and the mentions of the entities kept from
    /// [`resolve_lazy`](super::resolve_lazy): `kept[i]` is entity `e` when `keep[e] == Some(i)` (entities past
    /// those of `resolve_lazy`, added by `link`, are complete already). Mentions are as
    /// [`resolve`](super::resolve) and `link` would have left them: those resolved to the entity in
    /// document order, and when `link` added some (now in its `mentions`), all of them
    /// sorted without repeats. One pass over the mentions for all entities.
    pub(crate) fn finish(
        &self,
        text: &str,
        keep: &[Option<usize>],
        kept: &mut [Entity],
        mentions: &[Mention],
        resolved: &[Option<usize>],
    ) {
        let n = self.canon.len();
        let mut extra: Vec<(usize, Vec<crate::Span>)> = Vec::new();
        for (e, id) in keep.iter().enumerate().take(n) {
            let Some(id) = *id else { continue };
            let ent = &mut kept[id];
            if let Some((a, b)) = self.canon[e] {
                ent.canonical = squeeze(&text[a..b]);
            }
            if !ent.mentions.is_empty() {
                extra.push((id, std::mem::take(&mut ent.mentions)));
            }
        }
        for (m, r) in mentions.iter().zip(resolved) {
            if let Some(&Some(id)) = r.filter(|&e| e < n).and_then(|e| keep.get(e)) {
                kept[id].mentions.push(m.span);
            }
        }
        for (id, more) in extra {
            let list = &mut kept[id].mentions;
            list.extend(more);
            list.sort_unstable();
            list.dedup();
        }
    }
}
