//! The `secmd` binary: everything is in the library (`src/lib.rs`).

fn main() -> std::process::ExitCode {
    secmd::main()
}
