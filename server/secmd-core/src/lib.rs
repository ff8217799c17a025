//! secmd-core: the pure analysis engine for `SECURITY.md` policies.
//!
//! Text and a configuration go in; findings with UTF-8 byte ranges and fixes
//! come out. Nothing here knows about LSP, async runtimes or the file system
//! (see `server/ARCHITECTURE.md`).

pub mod finding;
pub mod syntax;
pub mod text;

pub use finding::{Edit, Finding, Fix, Severity, Tag};
pub use syntax::Document;
