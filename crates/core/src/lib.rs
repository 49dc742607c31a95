//! shinchoku's domain core: the arithmetic of Japanese public plans, exactly.
//!
//! Architecture invariant: this crate does no IO, knows nothing of files, SQL or HTTP, derives
//! no serialization, and cannot panic on any input. It takes values and returns values:
//!
//! - [`period`] and [`era`]: fiscal years, calendar years, windows, months; `令和5年度`, `H30`.
//! - [`quantity`]: numbers with units as documents print them (`38,300万円`, `98%以上`).
//! - [`indicator`]: indicators, targets, baselines, observations.
//! - [`evaluate`] and [`grading`]: achievement, progress, expected pace, grade, forecast.
//! - [`ratio`]: the exact fractions those ratios are, compared with grading thresholds before
//!   any rounding.
//! - [`plan`]: the plan, its tree of nodes, indicators, roadmap and people.
//! - [`actuals`]: actual values matched to a plan's indicators (by id or name) and checked
//!   against their kind and unit — the one rule for every way actuals come in.
//! - [`derived`]: ratio indicators, computed each year from two other indicators of the plan
//!   (numerator / denominator × factor), exactly and then rounded once.
//! - [`breakdown`]: values by sex, area or school type (`性別=女性`) and the totals they must
//!   agree with — counts summed, rates never.
//! - [`diff`]: what a new version of a plan changed (新 / 修正 / 削除), the lineage key that
//!   links one indicator across plans, and the ids a new version carries over from the last.
//! - [`follow`]: actuals that follow the series — the values a plan takes from the same
//!   indicator in other plans, each naming the plan and document it came from.
//! - [`text`]: text as shinchoku compares it — width folding, spaces, and the one form of a
//!   name that every crate compares names in.
//! - [`lang`]: the language a person reads (Japanese by default, English), and [`Localize`],
//!   the one way every crate renders what it tells a person in that language.
//!
//! Every other crate (import, store, report, web, cli) converts its own types into these and
//! calls the one evaluation here.

pub mod actuals;
pub mod breakdown;
pub mod derived;
pub mod diff;
pub mod era;
pub mod evaluate;
pub mod follow;
pub mod grading;
pub mod indicator;
pub mod lang;
pub mod period;
pub mod plan;
pub mod quantity;
pub mod ratio;
pub mod round;
pub mod text;

pub use lang::{Lang, Localize};
pub use rust_decimal::Decimal;
