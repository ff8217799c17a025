//! Parsing: the document split into independently parsed chunks.
//!
//! A chunk starts at a column-0 ATX heading line that a whole-document parse
//! would also see as a heading, so every chunk parses on its own exactly as
//! it would inside the whole document (see `ARCHITECTURE.md`, "Chunks").
//! [`Document`] keeps the text as a rope and re-parses only the chunks an
//! edit touched; [`extract`] runs the queries over a chunk's trees and
//! builds its `model::ChunkModel`, which the chunk keeps.

mod boundary;
mod comment_edit;
mod document;
mod extract;
mod fast_edit;
mod parse;
pub mod queries;
mod table_edit;
mod verify;

pub use document::{Chunk, Document, ParseWork};
pub use extract::extract;
pub use parse::{needs_inline_parse, parse_for_model, parse_markdown, ChunkTree, Inline};
