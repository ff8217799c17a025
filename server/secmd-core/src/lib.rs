//! secmd-core: the pure analysis engine for `SECURITY.md` policies.
//!
//! Text and a configuration go in; findings with UTF-8 byte ranges and fixes
//! come out. Nothing here knows about LSP, async runtimes or the file system
//! (see `server/ARCHITECTURE.md`).

pub mod analysis;
pub mod config;
pub mod crosscheck;
pub mod fenced_twin;
pub mod finding;
pub mod fix;
pub mod id_map;
pub mod ide;
pub mod memo;
pub mod model;
pub mod new_policy;
pub mod options;
pub mod policy;
pub mod rules;
pub mod security_txt;
pub mod suppress;
pub mod syntax;
pub mod text;
pub mod workspace;

#[cfg(test)]
pub(crate) mod testing;

pub use analysis::{analyze_text, AnalysisWork, Analyzer};
pub use config::{Config, ConfigError, RuleLevel};
pub use finding::{Edit, Finding, Fix, Severity, Tag};
pub use model::Date;
pub use options::{FileAnswer, FileLookup, NoFiles, Options};
pub use syntax::Document;
