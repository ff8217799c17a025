//! What the section and channel rules share about one document, computed
//! once per analysis: the text, its sentences, its language, its classified
//! sections and its private channels.
//!
//! Document rules run on every analysis (every keystroke in the editor), and
//! seven of them read these facts; computing them once keeps a 40 KB policy
//! at a few milliseconds instead of seven times that.

use super::channels::{private_channels, Channel};
use super::language::is_english;
use super::sections::{classified, full_text, Classified, SectionId};
use super::sentences::{sentences, Sentence};
use super::DocContext;
use std::sync::OnceLock;

/// Facts about one document under one configuration.
pub struct Facts {
    /// The whole text (absolute offsets, like every model range).
    pub text: String,
    /// Every sentence, table row and heading, in document order.
    pub sentences: Vec<Sentence>,
    /// Whether the prose is English.
    pub english: bool,
    /// Sections whose headings name an expected section.
    pub classified: Vec<Classified>,
    /// Private channels anywhere in the document.
    pub channels: Vec<Channel>,
}

impl Facts {
    fn compute(cx: &DocContext<'_>) -> Facts {
        let doc = cx.doc;
        let text = full_text(doc);
        let sentences = sentences(doc, &text, None);
        let channels = private_channels(doc, &sentences, None);
        Facts {
            english: is_english(doc),
            classified: classified(doc, &cx.options.config.sections),
            text,
            sentences,
            channels,
        }
    }

    /// The first section named `id`, if any.
    pub fn first(&self, id: SectionId) -> Option<&Classified> {
        self.classified.iter().find(|c| c.id == id)
    }
}

/// The memo slot a [`DocContext`] carries.
#[derive(Default)]
pub struct FactsCell(OnceLock<Facts>);

impl FactsCell {
    pub fn get(&self, cx: &DocContext<'_>) -> &Facts {
        self.0.get_or_init(|| Facts::compute(cx))
    }
}
