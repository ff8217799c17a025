//! Text utilities shared by every consumer: the one place where byte offsets
//! become line/column positions (and back).

pub mod position;

pub use position::{Encoding, LineCol};
