//! Text utilities shared by every consumer: the one place where byte offsets
//! become line/column positions (and back), and percent-decoding.

mod percent;
pub mod position;

pub use percent::percent_decode;
pub use position::{Encoding, LineCol};
