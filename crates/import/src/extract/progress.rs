//! (Being written.)

use super::model::Extraction;
use super::text::Doc;

/// Adds what this recogniser finds in `doc` to `ex`.
pub fn recognize(_doc: &Doc, _ex: &mut Extraction) {}
