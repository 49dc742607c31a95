//! shinchoku-import: turns outside formats into core types.
//!
//! Every way a plan or its data enters shinchoku from outside goes through this crate and
//! comes out as the types of `shinchoku-core` ([`shinchoku_core::plan::Plan`] and what it
//! holds). The formats are the crate's business; the domain is core's.
//!
//! - [`planfile`]: the plan file, the canonical hand-editable TOML form of a plan
//!   (DESIGN.md → Plan file), read and written losslessly.
//! - [`extract`]: the text of a published plan document (a PDF turned into text) read into
//!   nodes, indicators, roadmaps, progress entries, data series, organisations and members.
//! - [`json`]: a decimal as a JSON number with all its digits, the one way shinchoku writes
//!   numbers into JSON (the extraction here, the evaluation and listings of the command line).
//! - [`naming`]: plan codes made from a plan's title, issuer and period, and the table of
//!   the prefectures with their 全国地方公共団体コード.
//! - [`actuals`]: the Actuals CSV (実績値), read as a stream of checked rows with their line
//!   numbers, in UTF-8, UTF-16 or Shift_JIS (DESIGN.md → Actuals CSV).
//!
//! Architecture invariant: no database and no HTTP. Readers take text (or, at most, a path to
//! read it from) and return core values or errors that name the file, line, column and key;
//! storing and serving are other crates' work. Serialization lives here and not in core: the
//! serde structs of each format are private to its module and converted into core types.

pub mod actuals;
mod encoding;
pub mod extract;
pub mod json;
pub mod naming;
pub mod planfile;
pub mod workbook;

pub use planfile::{
    read_plan, read_plan_file, write_plan, PlanFileError, PlanFileErrorKind, PlanFileErrors,
};
