//! What the section and channel rules share about one document: its
//! language, its classified sections, and per chunk its sentences and
//! private channels.
//!
//! Document rules run on every analysis (every keystroke in the editor).
//! Sentences and channels never cross a chunk border (chunks start at
//! headings, which end every paragraph), so they are computed per chunk and
//! kept in the chunk's memo: a keystroke recomputes them for one chunk, and
//! rules read the rest from the memos. The whole text is built only on the
//! rare paths that need it (a document without headings, a missing section).

use super::channels::{inside, private_channels, Channel};
use super::language::{is_english, main_language};
use super::sections::{classify, Classified, SectionId, Strength};
use super::sentences::{sentences, Sentence};
use crate::config::SectionsConfig;
use crate::memo::Slot;
use crate::model::{DocumentModel, Heading, PlacedChunk, Section};
use std::ops::Range;
use std::sync::OnceLock;

/// Facts about one document under one configuration.
pub struct Facts<'a> {
    doc: &'a DocumentModel,
    /// The indexes of the chunks with a private channel, in order.
    with_channels: Vec<usize>,
    /// Whether the prose is English.
    pub english: bool,
    /// Sections whose headings name an expected section.
    pub classified: Vec<Classified>,
    text: OnceLock<String>,
    language: OnceLock<Option<&'static str>>,
}

/// The headings of one chunk that name an expected section: `(heading
/// index, section, strength)`, in order.
pub type ChunkClasses = Vec<(usize, SectionId, Strength)>;

/// The chunks whose headings name an expected section, by index, in order
/// (see [`FactsCell::get`]).
pub type ClassifiedChunks = Vec<(usize, ChunkClasses)>;

/// What the facts are computed from besides the document: the few chunks
/// that matter, kept in lists between analyses by the rule context.
pub struct ChunkLists {
    /// The chunks whose headings name an expected section
    /// ([`chunk_classes`]).
    pub classified: ClassifiedChunks,
    /// The indexes of the chunks with a private channel
    /// ([`chunk_channels`] not empty), in order.
    pub with_channels: Vec<usize>,
}

impl<'a> Facts<'a> {
    fn compute(doc: &'a DocumentModel, lists: ChunkLists) -> Facts<'a> {
        Facts {
            doc,
            with_channels: lists.with_channels,
            english: is_english(doc),
            classified: classified(doc, lists.classified),
            text: OnceLock::new(),
            language: OnceLock::new(),
        }
    }

    /// The policy's language when it is one of the main ones (see
    /// `language::main_language`), worked out on first use.
    pub fn language(&self) -> Option<&'static str> {
        *self.language.get_or_init(|| main_language(self.doc))
    }

    /// The first section named `id`, if any.
    pub fn first(&self, id: SectionId) -> Option<&Classified> {
        self.classified.iter().find(|c| c.id == id)
    }

    /// The whole text (absolute offsets, like every model range), built on
    /// first use.
    pub fn text(&self) -> &str {
        self.text.get_or_init(|| self.doc.full_text())
    }

    /// Sentences inside `within` (all when `None`), absolute, in order.
    pub fn sentences_in(&self, within: Option<&[Range<usize>]>) -> Vec<Sentence> {
        self.placed_in(
            within,
            chunk_sentences,
            |s| &s.range,
            |s, range| s.moved(range),
        )
    }

    /// The first private channel inside `within` (anywhere when `None`),
    /// absolute: read from the chunks that have one only, up to the first
    /// (a policy without headings is one section, and collecting every
    /// channel in it read all its chunks on every keystroke).
    pub fn first_channel_in(&self, within: Option<&[Range<usize>]>) -> Option<Channel> {
        let chunks = self.doc.chunks();
        self.with_channels
            .iter()
            .map(|&i| &chunks[i])
            .filter(|c| within.is_none_or(|rs| rs.iter().any(|r| c.overlaps(r))))
            .find_map(|c| {
                chunk_channels(c).iter().find_map(|item| {
                    let range = item.range.start + c.start..item.range.end + c.start;
                    inside(within, &range).then_some(Channel {
                        kind: item.kind,
                        range,
                    })
                })
            })
    }

    /// The memoised items of the chunks that overlap `within`, moved to
    /// absolute ranges (`place` copies one with its new range), keeping
    /// those inside `within`.
    fn placed_in<T>(
        &self,
        within: Option<&[Range<usize>]>,
        items: fn(&PlacedChunk) -> &Vec<T>,
        range: fn(&T) -> &Range<usize>,
        place: fn(&T, Range<usize>) -> T,
    ) -> Vec<T> {
        let mut out = Vec::new();
        for (_, c) in self.doc.chunks_in(within) {
            for item in items(c) {
                let r = range(item);
                let absolute = r.start + c.start..r.end + c.start;
                if inside(within, &absolute) {
                    out.push(place(item, absolute));
                }
            }
        }
        out
    }

    /// Whether the document offers a private channel that `pred` accepts
    /// (ranges seen by `pred` are chunk-relative).
    pub fn any_channel(&self, pred: impl Fn(&Channel) -> bool) -> bool {
        let chunks = self.doc.chunks();
        self.with_channels
            .iter()
            .any(|&i| chunk_channels(&chunks[i]).iter().any(&pred))
    }
}

/// The sentences of one chunk, chunk-relative (memoised).
pub fn chunk_sentences(c: &PlacedChunk) -> &Vec<Sentence> {
    c.memo
        .once(Slot::Sentences, || sentences(&c.alone(), &c.text, None))
}

/// The private channels of one chunk, chunk-relative (memoised).
pub fn chunk_channels(c: &PlacedChunk) -> &Vec<Channel> {
    c.memo.once(Slot::Channels, || {
        private_channels(&c.alone(), chunk_sentences(c), None)
    })
}

/// The classes of a chunk's headings (memoised: the memo lives as long as
/// the configuration).
pub fn chunk_classes(c: &PlacedChunk, config: &SectionsConfig) -> ChunkClasses {
    // Most chunks of a long list or text have no heading: their memo (two
    // more allocations to read) is not needed.
    if c.model.headings.is_empty() {
        return Vec::new();
    }
    let classes = c.memo.once(Slot::Classify, || {
        c.model
            .headings
            .iter()
            .map(|h| classify(&h.text, config))
            .collect::<Vec<_>>()
    });
    classes
        .iter()
        .enumerate()
        .filter_map(|(hi, class)| class.map(|(id, strength)| (hi, id, strength)))
        .collect()
}

/// Every section whose heading names an expected section, in document
/// order, from the chunks that hold such headings; a section ends at the
/// next heading of its level or higher.
fn classified(doc: &DocumentModel, classes: ClassifiedChunks) -> Vec<Classified> {
    let chunks = doc.chunks();
    let hits = classes.into_iter().flat_map(|(ci, cs)| {
        cs.into_iter()
            .map(move |(hi, id, strength)| (ci, hi, id, strength))
    });
    hits.map(|(ci, hi, id, strength)| {
        let c = &chunks[ci];
        let (d, h) = (c.start, &c.model.headings[hi]);
        let heading = Heading {
            range: h.range.start + d..h.range.end + d,
            content: h.content.start + d..h.content.end + d,
            ..h.clone()
        };
        // The section ends at the next heading of its level or higher.
        let later = c.model.headings[hi + 1..]
            .iter()
            .map(move |n| (d, n))
            .chain(
                doc.headed_from(ci + 1)
                    .flat_map(|(_, c)| c.model.headings.iter().map(move |n| (c.start, n))),
            );
        let end = later
            .map(|(d, n)| (n.range.start + d, n.level))
            .find(|(_, level)| *level <= h.level)
            .map_or(doc.len(), |(start, _)| start);
        Classified {
            id,
            strength,
            section: Section {
                range: heading.range.start..end,
                body: heading.range.end.min(end)..end,
                heading,
            },
        }
    })
    .collect()
}

/// The facts a rule context carries, computed on first use.
#[derive(Default)]
pub struct FactsCell<'a>(OnceLock<Facts<'a>>);

impl<'a> FactsCell<'a> {
    /// The facts, computed on first use; `lists` gives the chunks that
    /// matter (see [`ChunkLists`]).
    pub fn get(&self, doc: &'a DocumentModel, lists: impl FnOnce() -> ChunkLists) -> &Facts<'a> {
        self.0.get_or_init(|| Facts::compute(doc, lists()))
    }
}
