//! What several rules and editor features need to know about a policy,
//! beyond its model: which headings name which section, its sentences and
//! words, its reporting channels, whether it is English, template text,
//! support markers, version cells and rows, and code pages and symbol keywords for mojibake. Computed once per document
//! (`facts`) or per chunk (kept in the chunk's memo).
//!
//! Rules and `ide` both read these; nothing here knows about a rule.

pub(crate) mod channels;
pub(crate) mod codepage;
pub mod contacts;
pub(crate) mod facts;
pub(crate) mod language;
#[cfg(test)]
pub(crate) mod section_fixtures;
pub(crate) mod sections;
pub(crate) mod sentences;
pub(crate) mod support_marker;
pub(crate) mod symbol_context;
pub(crate) mod template_text;
pub(crate) mod version_cell;
pub(crate) mod version_rows;
