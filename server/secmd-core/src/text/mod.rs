//! Text utilities shared by every consumer: the one place where byte offsets
//! become line/column positions (and back), percent-decoding, and phrase
//! lists searched in one pass.

mod percent;
pub(crate) mod phrases;
pub mod position;

pub use percent::percent_decode;
pub use position::{Encoding, LineCol};
