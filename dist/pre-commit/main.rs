//! `secmd-pre-commit`: secmd under the name pre-commit installs it as.
//!
//! pre-commit's `language: rust` builds a hook with `cargo install --path .`
//! at the repository root, which needs a package there (the root is
//! otherwise a virtual workspace). This binary is that package's: the whole
//! `secmd` command line, from the `secmd` library. It has its own name so
//! that `cargo build --workspace` does not write two `secmd` binaries to the
//! same path.

fn main() -> std::process::ExitCode {
    secmd::main()
}
