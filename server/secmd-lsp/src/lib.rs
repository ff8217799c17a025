//! secmd lsp

/// Runs the language server over stdin/stdout until the client exits;
/// returns the process exit code. (Stub until the server lands.)
pub fn run_stdio() -> i32 {
    0
}
