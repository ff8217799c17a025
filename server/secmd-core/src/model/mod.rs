//! The model rules see: what a policy is made of, extracted from the syntax
//! trees by `syntax::extract`. The model knows nothing of trees.
//!
//! A [`ChunkModel`] describes one chunk with chunk-relative byte ranges and is
//! cached with it; [`DocumentModel`] presents all chunk models of a document with
//! absolute ranges, for rules that need the whole document.

pub mod dates;
mod doc;
mod text;
pub mod text_scan;

pub use dates::Date;
pub(crate) use doc::headed_chunks;
pub use doc::{DocumentModel, LineCursor, PlacedChunk, Section};
pub use text::{normalize_heading, plain_text};

use std::ops::Range;

/// How a heading was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum HeadingKind {
    /// `## Title`
    Atx,
    /// `Title` underlined with `===` or `---`
    Setext,
    /// A paragraph that is only bold text (`**Reporting**`), used as a
    /// heading by many policies. Level 7: below every real heading.
    Bold,
}

/// A heading.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Heading {
    /// The whole heading, markers included (without the line break).
    pub range: Range<usize>,
    /// The heading text's range (markers and surrounding space excluded).
    pub content: Range<usize>,
    /// 1–6 for real headings, 7 for bold pseudo-headings.
    pub level: u8,
    /// Plain text of the heading (inline markup removed).
    pub text: String,
    pub kind: HeadingKind,
}

/// How a link was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum LinkKind {
    /// `[text](destination)`
    Inline,
    /// `![alt](destination)`
    Image,
    /// `<https://…>`
    Autolink,
    /// A bare URL in text (`https://…`), recognised as GitHub does.
    Bare,
    /// `[label]: destination`
    Definition,
    /// `href="…"` / `src="…"` inside inline or block HTML.
    Html,
}

/// A link or URL.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Link {
    /// The whole link.
    pub range: Range<usize>,
    /// The destination as written (no angle brackets).
    pub destination: String,
    /// Where the destination is in the text.
    pub destination_range: Range<usize>,
    /// Plain link text, when the link has one.
    pub text: String,
    pub kind: LinkKind,
}

/// An email address: an autolink, a `mailto:` link or a bare address.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Email {
    /// The address's range (without `mailto:` or angle brackets).
    pub range: Range<usize>,
    pub address: String,
    /// Whether it was written as a `mailto:` link.
    pub mailto: bool,
}

/// A fenced or indented code block.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct CodeBlock {
    pub range: Range<usize>,
    pub fenced: bool,
    /// The info string (`sh`, `text`…), empty when absent.
    pub info: String,
}

/// An HTML comment (`<!-- … -->`), as a block or inline.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Comment {
    pub range: Range<usize>,
    /// The text between `<!--` and `-->`, trimmed.
    pub body: String,
}

/// A table cell.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Cell {
    pub range: Range<usize>,
    /// Plain text of the cell, trimmed.
    pub text: String,
}

/// A table row.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Row {
    pub range: Range<usize>,
    pub cells: Vec<Cell>,
}

/// A pipe table.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Table {
    pub range: Range<usize>,
    pub header: Row,
    /// Body rows (the delimiter row is not included).
    pub rows: Vec<Row>,
}

/// A list block and its items.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct List {
    pub range: Range<usize>,
    pub items: Vec<Range<usize>>,
    /// The bullet (`-`, `*`, `+`) or the delimiter (`.`, `)`) of its first
    /// item: a list cut into chunks is joined again where the bullets agree.
    pub marker: u8,
}

/// Which kind of date a labelled date field holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DateKind {
    /// "Last Updated", "Last reviewed", "Updated on", "Effective date"…
    Updated,
    /// "Next Review", "Review by", "Expires", "Valid until"…
    Review,
}

/// A labelled date such as `**Last Updated**: January 21, 2025`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct DateField {
    pub kind: DateKind,
    /// The label as written, e.g. `Last Updated`.
    pub label: String,
    pub label_range: Range<usize>,
    /// The value as written, e.g. `January 21, 2025` (exactly the date
    /// when it parses; otherwise the rest of the line, trimmed).
    pub value: String,
    pub value_range: Range<usize>,
    /// The parsed value and how it was written; `None` when the value does
    /// not have the shape of a date.
    pub parsed: Option<dates::parse::ParsedDate>,
}

/// Everything the rules see of one chunk. Ranges are chunk-relative.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ChunkModel {
    pub headings: Vec<Heading>,
    pub paragraphs: Vec<Range<usize>>,
    pub links: Vec<Link>,
    pub emails: Vec<Email>,
    pub code_blocks: Vec<CodeBlock>,
    /// Inline code spans.
    pub code_spans: Vec<Range<usize>>,
    pub comments: Vec<Comment>,
    /// HTML blocks and inline HTML tags other than comments.
    pub html: Vec<Range<usize>>,
    pub tables: Vec<Table>,
    pub lists: Vec<List>,
    /// The chunk's last top-level block is a list reaching its end (the
    /// first of `lists` to reach the end): the next chunk may continue it.
    pub ends_in_list: bool,
    /// YAML/TOML front matter.
    pub front_matter: Option<Range<usize>>,
    /// Prose: inline text outside code, HTML, link destinations and
    /// autolinks (headings, paragraphs, table cells). Text rules scan these.
    pub prose: Vec<Range<usize>>,
    pub dates: Vec<DateField>,
}
