//! Drawings of shinchoku's plans for people: the SVG chart of one indicator over the fiscal
//! years ([`indicator_chart`]) and the roadmap (工程表) as a Gantt chart ([`roadmap_gantt`]),
//! which the web pages embed inline, and reports and the public site will too; and the xlsx
//! workbooks of the 評価シート and the reports ([`xlsx`]).
//!
//! Architecture invariant: pure, like core. It takes core values and returns a `String`; no
//! IO, no HTTP, no clock (the current fiscal year is an argument), and no panic on any input.
//! Every text is XML-escaped, every number it writes is finite, and every drawing is a valid
//! standalone SVG (`xmlns`, `viewBox`) with `role="img"`, a `<title>` and a `<desc>` in the
//! reader's language, and a legend in words: no series is told by colour alone.
//!
//! The drawings have no fixed pixel size (`width="100%"` and a `viewBox`), so they fit a
//! phone's width. Colours are presentation attributes behind CSS classes
//! (`series-actual`, `current-year`, …; listed in [`chart`] and [`gantt`]): they draw under a
//! strict Content-Security-Policy, and a page's stylesheet restyles them by class.
//!
//! ```
//! use shinchoku_core::indicator::{Indicator, Observation, Target};
//! use shinchoku_core::period::{FiscalStart, Period};
//! use shinchoku_core::plan::{PlanIndicator, RoadmapItem};
//! use shinchoku_core::{Decimal, Lang};
//! use shinchoku_report::{indicator_chart, roadmap_gantt, ChartInput};
//!
//! let plan_period = Some(Period::FiscalYears { start: 2022, end: 2026 });
//! let indicator = PlanIndicator {
//!     indicator: Indicator {
//!         name: "企業誘致件数".into(),
//!         unit: "件".into(),
//!         target: Some(Target { value: Some(Decimal::from(40)), ..Target::default() }),
//!         ..Indicator::default()
//!     },
//!     observations: vec![Observation::number(Period::FiscalYear(2023), Decimal::from(12))],
//!     ..PlanIndicator::default()
//! };
//! let svg = indicator_chart(
//!     &ChartInput {
//!         indicator: &indicator,
//!         evaluation: None, // or Some(&evaluation) to draw its forecast
//!         earlier: &[],     // the same indicator in earlier plans (lineage)
//!         current_fy: Some(2024),
//!         plan_period,
//!         fiscal_start: FiscalStart::APRIL,
//!     },
//!     Lang::Ja,
//! );
//! assert!(svg.starts_with("<svg ") && svg.contains("<title>企業誘致件数の推移</title>"));
//!
//! let roadmap = [RoadmapItem { title: "誘致活動".into(), ..RoadmapItem::default() }];
//! let gantt = roadmap_gantt(&roadmap, plan_period, FiscalStart::APRIL, Some(2024), Lang::En);
//! assert!(gantt.contains("<title>Roadmap</title>"));
//! ```

pub mod chart;
mod draw;
pub mod gantt;
pub mod progress;
mod scale;
pub mod site;
mod svg;
pub mod template;
pub mod xlsx;

pub use chart::{indicator_chart, ChartInput, EarlierSeries};
pub use gantt::roadmap_gantt;
