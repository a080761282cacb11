//! Speaker mentions: named people with their titles and roles, organisations, countries
//! acting as speakers, anonymous sources, pronouns and nominals ("the minister").
//!
//! The text is cut into word and punctuation tokens once; each word is classified with
//! one lookup in the lexicons under `data/`. Three passes then claim tokens:
//!
//! 1. runs of capitalised words ("cores") become people, organisations or places; a
//!    person's core takes the title or role words before it ("Turkish Foreign
//!    Minister"), an appositive after it (", Trump's special envoy") and a party tag
//!    ("(R-Texas)");
//! 2. noun phrases headed by a role, source, group, organisation or document noun
//!    ("a senior Ukrainian official", "the minister", "sources"), and short phrases
//!    right before a verb ("The clip says", "Some believe");
//! 3. pronouns: subject pronouns, "who"/"which", "it", and the possessives "his",
//!    "its", "their".
//!
//! Words inside excluded spans (quotations) are never part of a mention. Every
//! look-around is a bounded window of tokens, so the whole is linear in the text.
//! [`crate::coref::resolve`] then groups the mentions into entities.

pub(crate) mod lexicon;
mod names;
mod phrases;
#[cfg(test)]
mod tests;
mod tokenize;

use lexicon::{WORD_CLASSES, WordClass};
use segment::Span;
use std::hash::BuildHasher;
use text::ascii::char_at;

use crate::tokens::word_char;

/// Facts about words by hash: the keys are already well mixed, so they are their own
/// hash.
type SeenMap = nohash_hasher::IntMap<u64, (bool, bool)>;

/// Hash of a (lower-case) word, for the per-document table of words seen.
fn hash(s: &str) -> u64 {
    rustc_hash::FxBuildHasher.hash_one(s)
}

/// What a mention refers to, as far as the words themselves tell.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum MentionKind {
    /// A person's name, maybe with a title or role ("Turkish Foreign Minister Hakan Fidan", "Fidan").
    Person,
    /// An organisation or institution ("the Kremlin", "Turkish Foreign Ministry officials").
    Organization,
    /// A country or city acting as a speaker ("Türkiye has urged").
    Country,
    /// An unnamed source ("a senior Ukrainian official", "sources", "the official").
    Anonymous,
    /// A personal pronoun ("he", "she", "they").
    Pronoun,
    /// A definite description that points back to someone named ("the Ukrainian president").
    Nominal,
}

/// One place in the text that may name a speaker.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mention {
    /// The whole mention as written, roles included.
    pub span: Span,
    /// The name inside it ("Hakan Fidan"), when there is one.
    pub name: Option<Span>,
    /// The title or role inside or beside it ("Turkish Foreign Minister"), when there is one.
    pub role: Option<Span>,
    /// What kind of mention this is.
    pub kind: MentionKind,
    /// A role given in apposition after the name (", Trump's special envoy to Ukraine"),
    /// inside `span`.
    pub appositive: Option<Span>,
}

/// Every candidate speaker mention in `text`, in order, not overlapping. Text inside
/// `exclude` spans (quotations) is skipped: words inside a quote are not its speaker.
///
/// Texts longer than [`MAX_TEXT`] bytes (2 GiB) have no mentions: token records hold
/// 32-bit offsets.
pub fn find(text: &str, sentences: &[Span], exclude: &[Span]) -> Vec<Mention> {
    if text.len() > MAX_TEXT {
        return Vec::new();
    }
    // The token buffers are reused from call to call on each thread: allocating and
    // freeing them per document cost more than a tenth of the time.
    let (lower, toks, caps) = BUFFERS.with(|b| std::mem::take(&mut *b.borrow_mut()));
    let mut f = Finder::new(text, sentences, exclude, lower, toks, caps);
    f.names();
    f.phrases();
    f.pronouns();
    let (out, mut lower, mut toks, mut caps) = f.finish();
    // Keep buffers of ordinary size only.
    if lower.capacity() <= KEEP_BUFFER {
        lower.clear();
        toks.clear();
        caps.clear();
        BUFFERS.with(|b| *b.borrow_mut() = (lower, toks, caps));
    }
    out
}

/// Longest text whose token offsets, and those of its lower-cased words (at most one and
/// a half times as long: "İ" becomes "i̇"), fit in a `u32`.
pub const MAX_TEXT: usize = (u32::MAX / 2) as usize;

/// Largest token buffers kept between calls, in bytes of text.
const KEEP_BUFFER: usize = 1 << 22;

thread_local! {
    /// Lower-cased text and tokens, reused by [`find`].
    static BUFFERS: std::cell::RefCell<(String, Vec<MentionToken>, Vec<u32>)> =
        std::cell::RefCell::default();
    /// The table of [`Finder::seen_word`], reused.
    static SEEN: std::cell::RefCell<SeenMap> = std::cell::RefCell::default();
}

/// What a token of the mention finder is.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
enum TokenKind {
    /// Letters and digits, with inner hyphens, apostrophes, dots and ampersands.
    #[default]
    Word,
    /// `'s` or a lone apostrophe after a plural.
    Possessive,
    /// Any other character that is not a space.
    Punct,
}

/// One token of the text, with what the passes need to know about it.
#[derive(Clone, Copy, Debug, Default)]
struct MentionToken {
    /// Byte offsets as `u32` (see [`MAX_TEXT`]): a smaller record keeps the passes over
    /// the tokens in cache.
    start: u32,
    end: u32,
    kind: TokenKind,
    /// Range of the lower-cased word in `Finder::lower`, or in the text.
    lower_range: (u32, u32),
    /// `lower_range` is a range of the text (the word has no capitals to fold).
    lower_in_text: bool,
    /// Capitalised and shaped like a name or a part of one (see `push`).
    name_shape: bool,
    /// Lexicon classes.
    flags: WordClass,
    /// First letter upper case.
    cap: bool,
    /// Every letter upper case, two letters or more.
    allcaps: bool,
    /// First word of a sentence (or of a paragraph or clause after a colon).
    initial: bool,
    /// Inside an excluded span (a quotation).
    excluded: bool,
    /// Already part of a mention.
    claimed: bool,
    /// A line break between this token and the one before: names never span it.
    nl_before: bool,
}

impl MentionToken {
    /// Byte offset of the token's start.
    #[inline]
    fn start(&self) -> usize {
        self.start as usize
    }
    /// Byte offset of the token's end.
    #[inline]
    fn end(&self) -> usize {
        self.end as usize
    }
    /// Length in bytes.
    #[inline]
    fn len(&self) -> usize {
        (self.end - self.start) as usize
    }
}

/// Longest role or appositive, in tokens: a bound that keeps look-arounds linear.
const ROLE_WINDOW: usize = 8;
/// Longest run of tokens between a determiner and its head noun.
const NP_WINDOW: usize = 7;

/// The state of one search for mentions: the text, its tokens and the mentions found.
struct Finder<'t> {
    text: &'t str,
    /// The lower-cased words that have capitals, one after another.
    lower: String,
    toks: Vec<MentionToken>,
    /// Indices of the capitalised tokens, in order: pass 1 visits only these.
    caps: Vec<u32>,
    /// See [`Finder::seen_word`]; built on first need.
    seen: Option<SeenMap>,
    /// A reused buffer.
    scratch: String,
    /// A reused buffer for [`Finder::known_place`].
    join_buf: std::cell::RefCell<String>,
    out: Vec<Mention>,
}

impl<'t> Finder<'t> {
    /// The lower-case form of token `i`.
    fn lower(&self, i: usize) -> &str {
        self.lower_of(&self.toks[i])
    }

    /// The lower-case form of a token: in the text itself when it has no capitals.
    #[inline]
    fn lower_of(&self, t: &MentionToken) -> &str {
        let (a, b) = (t.lower_range.0 as usize, t.lower_range.1 as usize);
        if t.lower_in_text {
            &self.text[a..b]
        } else {
            &self.lower[a..b]
        }
    }

    /// A usable word token at `i`: in range, a word, not quoted, not yet claimed.
    fn word(&self, i: usize) -> bool {
        self.toks
            .get(i)
            // `&`, not `&&`: one branch on the whole instead of one per field, which the
            // passes over the tokens mispredicted often.
            .is_some_and(|t| (t.kind == TokenKind::Word) & !t.excluded & !t.claimed)
    }

    /// The classes of token `i`; none past the end.
    fn flags(&self, i: usize) -> WordClass {
        self.toks.get(i).map_or(WordClass::empty(), |t| t.flags)
    }

    /// True when token `i` is in one of the classes `f`.
    fn has(&self, i: usize, f: WordClass) -> bool {
        self.flags(i).intersects(f)
    }

    /// True when token `i` is punctuation made of `chars` only.
    fn is_punct(&self, i: usize, chars: &[char]) -> bool {
        self.toks.get(i).is_some_and(|t| {
            t.kind == TokenKind::Punct
                && self.text[t.start()..t.end()]
                    .chars()
                    .all(|c| chars.contains(&c))
        })
    }

    /// A capitalised word that may be part of a name (or of an organisation's name).
    fn name_word(&self, i: usize) -> bool {
        if !self.word(i) {
            return false;
        }
        let t = &self.toks[i];
        if !t.cap {
            return false;
        }
        if !t.name_shape {
            return false;
        }
        let f = t.flags;
        let continues = i > 0
            && !t.nl_before
            && self.toks[i - 1].kind == TokenKind::Word
            && self.toks[i - 1].cap
            && !self.toks[i - 1]
                .flags
                .intersects(WordClass::NONPERSON | WordClass::TITLE | WordClass::HONORIFIC);
        // "John Tory", "Jim English", "Amy Pope": after a given name a demonym or a
        // title is a surname.
        // Only as the name's last word: in "Virginia Sen. Tim Kaine" the title opens the
        // next name.
        let last = self
            .toks
            .get(i + 1)
            .is_none_or(|n| !(n.kind == TokenKind::Word && n.cap) || n.nl_before);
        if continues
            && last
            && f.intersects(WordClass::DEMONYM | WordClass::TITLE)
            && !f.intersects(WordClass::HONORIFIC | WordClass::NONPERSON | WordClass::PRONOUN)
            && WORD_CLASSES.gender.contains_key(self.lower(i - 1))
        {
            return true;
        }
        // "United States", "United Mine Workers": a group word inside a name.
        if continues
            && f.intersects(WordClass::ORG | WordClass::PLACEWORD)
            && !f.intersects(WordClass::NONPERSON | WordClass::PRONOUN)
        {
            return true;
        }
        if f.intersects(
            WordClass::NONPERSON
                | WordClass::TITLE
                | WordClass::HONORIFIC
                | WordClass::DEMONYM
                | WordClass::PRONOUN
                | WordClass::GROUP
                | WordClass::ANON_PL
                | WordClass::ROLE_PL,
        ) {
            // Titles end a name only as its last word ("Steve King said").
            return !f.intersects(
                WordClass::NONPERSON
                    | WordClass::HONORIFIC
                    | WordClass::PRONOUN
                    | WordClass::GROUP
                    | WordClass::ANON_PL
                    | WordClass::ROLE_PL,
            ) && f.intersects(WordClass::TITLE)
                && f.intersects(WordClass::ROLE)
                && i > 0
                && self.toks[i - 1].kind == TokenKind::Word
                && self.toks[i - 1].cap
                && (!self.toks[i - 1]
                    .flags
                    .intersects(WordClass::TITLE | WordClass::DEMONYM)
                    || self.toks[i - 1].flags.intersects(WordClass::HONORIFIC))
                && !self.name_start(i + 1)
                && !self.text[t.start()..t.end()].ends_with('.');
        }
        if f.intersects(WordClass::ROLE) && !f.intersects(WordClass::ORG | WordClass::PLACE) {
            // A capitalised role noun ("Democrat") is a description, not a name.
            return false;
        }
        true
    }

    /// A word that can start a name (titles never do).
    fn name_start(&self, i: usize) -> bool {
        self.word(i)
            && self.toks[i].cap
            && !self.flags(i).intersects(
                WordClass::NONPERSON
                    | WordClass::TITLE
                    | WordClass::HONORIFIC
                    | WordClass::DEMONYM
                    | WordClass::PRONOUN,
            )
    }

    /// Mark tokens `[a, b)` as part of a mention.
    fn claim(&mut self, a: usize, b: usize) {
        let b = b.min(self.toks.len());
        for t in self.toks.iter_mut().take(b).skip(a) {
            t.claimed = true;
        }
    }

    /// The text span of tokens `[a, b)`.
    fn span(&self, a: usize, b: usize) -> Span {
        Span::new(self.toks[a].start(), self.toks[b - 1].end())
    }

    /// Add a mention over tokens `[a, b)`, dropping earlier mentions it swallows.
    fn emit(
        &mut self,
        a: usize,
        b: usize,
        kind: MentionKind,
        name: Option<Span>,
        role: Option<Span>,
    ) {
        let span = self.span(a, b);
        // Pass 1 runs left to right, so what a new mention swallows is at the end.
        while self
            .out
            .last()
            .is_some_and(|m| m.span.start >= span.start && m.span.start < span.end)
        {
            self.out.pop();
        }
        self.claim(a, b);
        self.out.push(Mention {
            span,
            name,
            role,
            kind,
            appositive: None,
        });
    }

    /// The mentions in order, without overlaps; and the buffers, for reuse.
    fn finish(mut self) -> (Vec<Mention>, String, Vec<MentionToken>, Vec<u32>) {
        self.out
            .sort_unstable_by_key(|m| (m.span.start, std::cmp::Reverse(m.span.end)));
        let mut end = 0;
        self.out.retain(|m| {
            let keep = m.span.start >= end;
            if keep {
                end = m.span.end;
            }
            keep
        });
        if let Some(seen) = self.seen.take()
            && seen.capacity() <= KEEP_BUFFER / 64
        {
            SEEN.with(|s| *s.borrow_mut() = seen);
        }
        (self.out, self.lower, self.toks, self.caps)
    }
}
