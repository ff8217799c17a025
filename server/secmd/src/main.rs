//! The `secmd` binary. Minimal entry point for the language server; the
//! CLI (`check`, `rules`) is written on another branch.

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    match args.as_slice() {
        ["lsp"] | ["lsp", "--stdio"] => std::process::exit(secmd_lsp::run_stdio()),
        _ => {
            eprintln!("usage: secmd lsp [--stdio]");
            std::process::exit(2);
        }
    }
}
