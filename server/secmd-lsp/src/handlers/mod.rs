//! One module per LSP method, named after it.
//!
//! Requests wait for the document's analysis (`analysis::current`, off the
//! state lock), then do their work synchronously inside the panic guard and
//! return `Result<_, Failure>`; the server turns failures into logged
//! JSON-RPC errors. Notifications mutate state before their
//! first `.await`, so changes apply in the order the client sent them.

pub mod code_action;
pub mod code_lens;
pub mod completion;
pub mod debug_document;
pub mod diagnostic;
pub mod did_change;
pub mod did_change_configuration;
pub mod did_change_watched_files;
pub mod did_change_workspace_folders;
pub mod did_close;
pub mod did_open;
pub mod document_symbol;
pub mod execute_command;
pub mod folding_range;
pub mod hover;
pub mod initialize;
pub mod initialized;

pub use crate::analysis::current as snapshot;
