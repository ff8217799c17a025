//! Labelled date fields ("Last Updated: …", "Next Review: …").
//!
//! Extraction of labels and values from paragraphs, list items, table rows
//! and front matter; parsing of the values lives in [`super::date`].

use super::{ChunkModel, DateField};

/// Finds the labelled date fields of a chunk.
pub fn extract(_text: &str, _model: &ChunkModel) -> Vec<DateField> {
    Vec::new()
}
