//! Everything about dates, in one place: the [`Date`] type, parsing and
//! writing dates as policies write them (`parse`, with the one month
//! table), finding labelled date fields in a chunk (`fields`, part of
//! model extraction), the document's date format (`format`) and the date
//! fixes shared by the date rules and the editor features (`fixes`).

mod date;
pub(crate) mod fields;
pub(crate) mod fixes;
pub(crate) mod format;
pub mod parse;

pub use date::{days_in_month, Date};
