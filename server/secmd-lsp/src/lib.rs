//! secmd lsp
