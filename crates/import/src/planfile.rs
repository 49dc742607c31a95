//! The plan file: the canonical, hand-editable TOML form of a plan (DESIGN.md → Plan file).
//!
//! [`read_plan`] turns the text of a plan file into a [`Plan`]; [`write_plan`] writes a plan
//! back in the canonical form. Guarantees:
//!
//! - **Lossless round trip.** `read_plan(&write_plan(&p), _) == Ok(p)` for every sound plan
//!   `p` (one whose [`Plan::check`] is empty and whose roadmap items name nodes of the plan,
//!   the only plans `read_plan` returns), and `write_plan` of a canonical file gives the same
//!   text back. Numbers are exact decimals all the way: `19.3` in the file is the decimal
//!   19.3, never the binary float 19.300000000000000710….
//! - **Errors name the place.** Every error carries the file, the line and column, and the key
//!   as a dotted path (`indicators[i1].baseline.period`; an entry is named by its `id` where it
//!   has one, else by its index from 0). A file with a TOML syntax error, an unknown key or a
//!   value of the wrong type yields that one error (the TOML reader stops there); past that,
//!   every problem in the values (bad kinds, bad periods, references to missing nodes,
//!   duplicate ids, milestone states that are not states) is collected and returned together,
//!   so a user fixes a file in one pass.
//!
//! # The form
//!
//! Sections come in this order: `[plan]`, `[[nodes]]`, `[[links]]`, `[[indicators]]`,
//! `[[roadmap]]`, `[[organizations]]`, `[[members]]`. Unknown keys are errors.
//!
//! ```toml
//! [plan]
//! code = "yamaguchi-industry-2022"   # [a-z0-9-]+, required
//! title = "産業編"                    # required
//! period = "FY2022-FY2026"
//! fiscal_year_start_month = 4        # default 4
//! grading = "pace"                   # "pace" (default) or "final"; or a table, below
//! actuals_from_lineage = true        # default false: take actuals from the same series in
//!                                    # other stored plans
//! issuer = { name = "山口県", code = "350001" }
//! source = "004_af65ec13672d85be.txt"
//!
//! [[nodes]]
//! id = "m1"                          # required, unique
//! parent = "d1"
//! label = "(1)"
//! kind = "取組"
//! title = "戦略的な企業誘致の推進"     # required
//! body = "…"
//! marker = "modified"                # new | modified | relisted
//! old_title = "…"                    # with marker = "modified" only
//! weight = 2                         # how much its indicators count in the scores above
//!                                    # it (default 1; see `Plan::indicator_weights`)
//!
//! [[links]]
//! from = "f1"
//! to = "p3"
//! kind = "corresponds"               # corresponds | related | relisted
//!
//! [[indicators]]
//! id = "i1"                          # required, unique
//! node = "m1"
//! name = "企業誘致件数"               # required
//! unit = "件"
//! kind = "period_total"              # required: level | cumulative | period_total | annual | milestone | monitor
//! direction = "decrease"             # default increase
//! comparator = "at_least"            # default exact; at_least | at_most
//! baseline = { value = 25, period = "FY2021", stat = "mean", note = "単年", state = "未着手" }
//! target = { value = 125, period = "FY2022-FY2026", text = "増加を目指す" }
//! yearly_targets = { FY2023 = 20, FY2024 = 25 }
//! observations = { FY2022 = 30, FY2023 = 28 }
//! observation_details = [
//!   { period = "2019-08", value = 41, status = "provisional", as_of = "2019-08" },
//! ]
//! states = ["未着手", "検討中", "実施中", "実現"]   # a milestone's own states
//! category = "港湾"
//! source = "工業統計"
//! note = "…"
//! series_key = "…"
//! ratio = { numerator = "i7", denominator = "i8", factor = 100000 }  # values computed each
//!                                    # year: i7 / i8 × factor (default factor 1)
//!
//! [[roadmap]]
//! node = "m1"
//! title = "戦略的な企業誘致活動"        # required
//! start = "FY2022"
//! end = "FY2026"
//! notes = { FY2023 = "…" }
//!
//! [[organizations]]
//! name = "やまぐち産業振興財団"        # required
//! roles = ["創業支援", "金融支援"]
//!
//! [[members]]
//! organization = "…"
//! position = "…"
//! name = "安達 秀樹"                  # required
//! reading = "あだち ひでき"
//! ```
//!
//! Choices beyond DESIGN.md's example:
//!
//! - **Numbers** may be TOML integers, TOML floats or strings of a plain decimal (`"98.1"`,
//!   `"-5"`, `"12345678901234567890"`; no thousands separators). A float is read from its text
//!   in the file, not from the binary double the TOML reader makes of it, so it is exact.
//!   [`write_plan`] writes a number as a TOML number when every TOML reader gets it back
//!   exactly (an integer within ±2^53, or a decimal whose shortest double text is itself),
//!   and as a string otherwise.
//! - **Observations**: `observations = { PERIOD = value, … }` holds final values with no as-of
//!   date; a milestone's values are its states (strings), any other kind's are numbers. The
//!   rest (status `provisional` or `estimate`, an `as_of` period, or a second value for a
//!   period already given) go in `observation_details`, an array of inline tables with
//!   `period`, `value`, and optional `status` (default `final`) and `as_of`. The writer keeps
//!   the plan's order of observations: the inline table holds the leading plain ones, the
//!   details all that follow.
//! - **Yearly targets and roadmap notes** are inline tables keyed by period. Should a plan
//!   hold two for one period, the writer uses the equivalent array form
//!   `[{ period = "FY2023", value = … }, …]`, which the reader also accepts.
//! - **Custom grading schemes** are a table, written as `[plan.grading]` with `name`,
//!   `timing` (`every_year`, the default, or `after_target`) and `grades`, an array of
//!   `{ label, name, rule }` tables whose rule is a core grading condition (`met`,
//!   `worse_than_baseline`, `always`, or `achievement >= 1.2`, `pace < 0.5`, …). The inline
//!   form `grading = { name = "city", grades = [ … ] }` reads the same. The built-in schemes
//!   are written by name (`grading = "final"`; `pace`, the default, is left out).
//! - Periods are canonical (`FY2023`, `CY2023`, `FY2021-FY2023`, `2019-08`, `2019-08-31`);
//!   a Japanese form is refused with the canonical spelling as the hint.
//! - Strings are kept exactly as written (no trimming); a string with a line break is written
//!   as a multi-line string where it stands alone on its line.

use std::collections::{HashMap, HashSet};
use std::fmt;
use std::ops::Range;
use std::path::Path;

use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;
use shinchoku_core::derived::RatioSpec;
use shinchoku_core::grading::{Condition, GradeRule, GradingScheme, Timing};
use shinchoku_core::indicator::{
    Baseline, BaselineStat, Comparator, Direction, Indicator, IndicatorKind, Observation,
    ObservationStatus, ObservedValue, Target, YearlyTarget,
};
use shinchoku_core::lang::{Lang, Localize};
use shinchoku_core::period::{FiscalStart, Period, PeriodError, PeriodErrorKind};
use shinchoku_core::plan::PlanProblemKind;
use shinchoku_core::plan::{
    Issuer, Link, LinkKind, Marker, Member, Node, Organization, Plan, PlanCode, PlanIndicator,
    RoadmapItem,
};
use shinchoku_core::Decimal;
use toml::Spanned;

mod canonical;
mod problem;

pub use problem::{Choice, PeriodFault, PlanFileProblem, ReadHint};

// ---------------------------------------------------------------------------------------------
// Errors

/// One problem in a plan file, with where it is and how to fix it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanFileError {
    /// The file as the caller named it.
    pub file: String,
    /// The line (from 1), where the problem has a place in the text.
    pub line: Option<usize>,
    /// The column (from 1, in characters), with the line.
    pub column: Option<usize>,
    /// The key as a dotted path: `indicators[i1].kind`, `nodes[2].parent`, `plan.period`.
    pub key: Option<String>,
    /// What sort of problem it is.
    pub kind: PlanFileErrorKind,
    /// What is wrong, with the values that are; its message ([`Localize`]) says what would
    /// be right.
    pub problem: PlanFileProblem,
}

/// The sorts of problems a plan file can have.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum PlanFileErrorKind {
    /// The file could not be read (missing, unreadable, not UTF-8).
    Io,
    /// The text is not TOML.
    Syntax,
    /// TOML, but a key or value is not what a plan file holds: an unknown key, a missing one,
    /// a value of the wrong type, a period or kind that does not exist.
    Invalid,
    /// Each value is fine but they do not fit together: a reference to a missing node, a
    /// duplicate id, a milestone observation that is not one of its states.
    Inconsistent,
}

impl PlanFileErrorKind {
    /// `io`, `syntax`, `invalid` or `inconsistent`.
    pub fn as_str(self) -> &'static str {
        match self {
            PlanFileErrorKind::Io => "io",
            PlanFileErrorKind::Syntax => "syntax",
            PlanFileErrorKind::Invalid => "invalid",
            PlanFileErrorKind::Inconsistent => "inconsistent",
        }
    }
}

impl Localize for PlanFileError {
    /// `plans/x.toml:12:9: indicators[i1].kind: "levle" is not a kind; expected one of …`;
    /// the file, line, column and key are the same in every language.
    fn localize(&self, lang: Lang, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.file)?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
            if let Some(column) = self.column {
                write!(f, ":{column}")?;
            }
        }
        f.write_str(": ")?;
        if let Some(key) = &self.key {
            write!(f, "{key}: ")?;
        }
        self.problem.localize(lang, f)
    }
}

impl fmt::Display for PlanFileError {
    /// The English text.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.localize(Lang::En, f)
    }
}

impl std::error::Error for PlanFileError {}

/// Every problem found in one plan file, in the order of the text (never empty).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanFileErrors {
    errors: Vec<PlanFileError>,
}

impl PlanFileErrors {
    /// The problems, in the order of the text.
    pub fn errors(&self) -> &[PlanFileError] {
        &self.errors
    }

    /// The problems, owned.
    pub fn into_vec(self) -> Vec<PlanFileError> {
        self.errors
    }

    /// How many problems there are.
    pub fn len(&self) -> usize {
        self.errors.len()
    }

    /// Always false: there is at least one problem.
    pub fn is_empty(&self) -> bool {
        self.errors.is_empty()
    }

    /// True when any problem is of this kind.
    pub fn has_kind(&self, kind: PlanFileErrorKind) -> bool {
        self.errors.iter().any(|e| e.kind == kind)
    }
}

impl From<PlanFileError> for PlanFileErrors {
    fn from(e: PlanFileError) -> Self {
        PlanFileErrors { errors: vec![e] }
    }
}

impl<'a> IntoIterator for &'a PlanFileErrors {
    type Item = &'a PlanFileError;
    type IntoIter = std::slice::Iter<'a, PlanFileError>;
    fn into_iter(self) -> Self::IntoIter {
        self.errors.iter()
    }
}

impl IntoIterator for PlanFileErrors {
    type Item = PlanFileError;
    type IntoIter = std::vec::IntoIter<PlanFileError>;
    fn into_iter(self) -> Self::IntoIter {
        self.errors.into_iter()
    }
}

impl Localize for PlanFileErrors {
    /// One problem per line.
    fn localize(&self, lang: Lang, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, e) in self.errors.iter().enumerate() {
            if i > 0 {
                f.write_str("\n")?;
            }
            e.localize(lang, f)?;
        }
        Ok(())
    }
}

impl fmt::Display for PlanFileErrors {
    /// The English text, one problem per line.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.localize(Lang::En, f)
    }
}

impl std::error::Error for PlanFileErrors {}

// ---------------------------------------------------------------------------------------------
// Reading

/// Reads a plan file's text. `file` names it in errors (a path as the user gave it).
///
/// A leading byte order mark is ignored. Returns every problem found (see the module
/// documentation for which are found together).
///
/// A file in the canonical form (what [`write_plan`] writes) is read by that form's own
/// reader, in a fraction of the TOML reader's time; any other file, and any file with a
/// problem, by the TOML reader, so that the answer is always [`read_plan_with_toml`]'s.
pub fn read_plan(text: &str, file: &str) -> Result<Plan, PlanFileErrors> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if let Some(plan) = canonical::parse(text).and_then(|de| convert(text, file, de).ok()) {
        return Ok(plan);
    }
    read_with_toml(text, file)
}

/// [`read_plan`] by the TOML reader alone, whatever the form: what the canonical form's
/// reader is held to in the tests and the fuzz target.
#[doc(hidden)]
pub fn read_plan_with_toml(text: &str, file: &str) -> Result<Plan, PlanFileErrors> {
    read_with_toml(text.strip_prefix('\u{feff}').unwrap_or(text), file)
}

/// [`read_plan_with_toml`] of a text whose byte order mark, if it had one, is gone (a second
/// one is the text's own, and an error).
fn read_with_toml(text: &str, file: &str) -> Result<Plan, PlanFileErrors> {
    match toml::from_str::<FileDe>(text) {
        Ok(de) => convert(text, file, de),
        Err(e) => {
            let reader = Reader {
                text,
                file,
                errors: Vec::new(),
                places: Places::default(),
            };
            Err(reader.toml_error(&e).into())
        }
    }
}

/// The file's structs as a plan, checked; every problem found, in the order of the text.
fn convert(text: &str, file: &str, de: FileDe) -> Result<Plan, PlanFileErrors> {
    let mut reader = Reader {
        text,
        file,
        errors: Vec::new(),
        places: Places::default(),
    };
    let plan = reader.convert(de);
    if let Some(plan) = &plan {
        reader.check(plan);
    }
    let mut errors = reader.errors;
    // Top to bottom, as an editor shows the file; errors without a place last.
    errors.sort_by_key(|e| (e.line.is_none(), e.line, e.column));
    match plan {
        Some(plan) if errors.is_empty() => Ok(plan),
        _ => Err(PlanFileErrors { errors }),
    }
}

/// Reads a plan file from disk: UTF-8, with or without a byte order mark.
///
/// A file that cannot be read is one [`PlanFileErrorKind::Io`] error naming the path.
pub fn read_plan_file(path: &Path) -> Result<Plan, PlanFileErrors> {
    read_plan_file_with(path, &mut Vec::new())
}

/// [`read_plan_file`], its bytes read into `buf` (cleared first): a caller that reads many
/// files lends each the same buffer, so that a file's bytes cost no allocation of their own
/// (a plan keeps none of them).
pub fn read_plan_file_with(path: &Path, buf: &mut Vec<u8>) -> Result<Plan, PlanFileErrors> {
    use std::io::Read;
    let file = path.display().to_string();
    let io = |problem: PlanFileProblem, line: Option<usize>| PlanFileError {
        file: file.clone(),
        line,
        column: None,
        key: None,
        kind: PlanFileErrorKind::Io,
        problem,
    };
    buf.clear();
    let read = std::fs::File::open(path).and_then(|mut f| f.read_to_end(buf));
    read.map_err(|e| {
        let hint = match e.kind() {
            std::io::ErrorKind::NotFound => ReadHint::Path,
            std::io::ErrorKind::PermissionDenied => ReadHint::Permissions,
            _ => ReadHint::None,
        };
        io(
            PlanFileProblem::Unreadable {
                error: e.to_string(),
                hint,
            },
            None,
        )
    })?;
    let text = std::str::from_utf8(buf).map_err(|e| {
        let at = e.valid_up_to();
        let line = buf
            .get(..at)
            .map_or(0, |b| b.iter().filter(|&&c| c == b'\n').count())
            + 1;
        io(PlanFileProblem::NotUtf8 { at }, Some(line))
    })?;
    read_plan(text, &file)
}

/// Gathers errors and the places of keys while the file's structs become a [`Plan`].
///
/// A key's dotted path (`indicators[i1].baseline.period`) is made only when there is an error
/// to name: the methods take it as a closure. Reading a sound file formats no key.
struct Reader<'t> {
    text: &'t str,
    file: &'t str,
    errors: Vec<PlanFileError>,
    /// Where the keys that [`Plan::check`] may name are, as offsets only; their paths are
    /// made if it finds a problem ([`Places::keys`]).
    places: Places,
}

/// The byte offsets of the keys [`Plan::check`] may name (`nodes[m1].parent`), recorded
/// while the file becomes a plan, without their paths: every entry of `nodes` and
/// `indicators` becomes one of the plan's, in order, and each accepted observation one of
/// its indicator's, so the paths can be made afterwards from the plan itself.
#[derive(Default)]
struct Places {
    /// By node: the entry, its `id`, its `parent`.
    nodes: Vec<(usize, usize, Option<usize>)>,
    /// By link, kept or not: the entry; a link the plan does not keep (its kind is no kind)
    /// with its `from` and `to`.
    links: Vec<(usize, Option<(String, String)>)>,
    /// By indicator: the entry, its `id`, its `node`.
    indicators: Vec<(usize, usize, Option<usize>)>,
    /// The value of each observation of each indicator, in the plan's order.
    observations: Vec<usize>,
}

impl Places {
    /// Every key with its offsets, in the order of the text; a key given twice (a duplicate
    /// id) has several.
    fn keys(&self, plan: &Plan) -> HashMap<String, Vec<usize>> {
        let mut places: HashMap<String, Vec<usize>> = HashMap::new();
        let mut place = |key: String, offset: usize| places.entry(key).or_default().push(offset);
        for (i, (n, &(at, id, parent))) in plan.nodes.iter().zip(&self.nodes).enumerate() {
            let key = entry_key("nodes", i, &n.id);
            place(key.clone(), at);
            place(format!("{key}.id"), id);
            place(format!("nodes[{i}].id"), id);
            if let Some(p) = parent {
                place(format!("{key}.parent"), p);
            }
        }
        let mut kept = plan.links.iter();
        for (at, dropped) in &self.links {
            let key = match dropped {
                Some((from, to)) => format!("links[{from}→{to}]"),
                None => match kept.next() {
                    Some(l) => format!("links[{}→{}]", l.from, l.to),
                    None => continue,
                },
            };
            place(key, *at);
        }
        let mut observations = self.observations.iter();
        for (i, (pi, &(at, id, node))) in plan.indicators.iter().zip(&self.indicators).enumerate() {
            let key = entry_key("indicators", i, &pi.indicator.id);
            place(key.clone(), at);
            place(format!("{key}.id"), id);
            place(format!("indicators[{i}].id"), id);
            if let Some(n) = node {
                place(format!("{key}.node"), n);
            }
            for (o, &value) in pi.observations.iter().zip(observations.by_ref()) {
                place(format!("{key}.observations.{}", o.period), value);
            }
        }
        places
    }
}

impl Reader<'_> {
    /// Line and column (from 1; the column in characters) of a byte offset.
    fn position(&self, offset: usize) -> (usize, usize) {
        let before = self.text.get(..offset).unwrap_or(self.text);
        let line = before.matches('\n').count() + 1;
        let start = before.rfind('\n').map_or(0, |i| i + 1);
        let column = before.get(start..).map_or(0, |s| s.chars().count()) + 1;
        (line, column)
    }

    fn push(
        &mut self,
        offset: Option<usize>,
        key: Option<String>,
        kind: PlanFileErrorKind,
        problem: PlanFileProblem,
    ) {
        let (line, column) = match offset.map(|o| self.position(o)) {
            Some((l, c)) => (Some(l), Some(c)),
            None => (None, None),
        };
        self.errors.push(PlanFileError {
            file: self.file.to_owned(),
            line,
            column,
            key,
            kind,
            problem,
        });
    }

    fn invalid(&mut self, span: Range<usize>, key: String, problem: PlanFileProblem) {
        self.push(
            Some(span.start),
            Some(key),
            PlanFileErrorKind::Invalid,
            problem,
        );
    }

    /// The error of the TOML reader: a syntax error, or a key or type that does not fit the
    /// plan file's structs. The key is found by reading the text again as plain TOML and
    /// looking up what encloses the error.
    fn toml_error(&self, e: &toml::de::Error) -> PlanFileError {
        let offset = e.span().map(|s| s.start);
        let (line, column) = match offset.map(|o| self.position(o)) {
            Some((l, c)) => (Some(l), Some(c)),
            None => (None, None),
        };
        let tree = toml::from_str::<Tree>(self.text).ok();
        let kind = if tree.is_some() {
            PlanFileErrorKind::Invalid
        } else {
            PlanFileErrorKind::Syntax
        };
        let raw = e.message().trim();
        // The innermost table or value around the error; the key itself is added from the
        // message where the error is about a key.
        let mut key = match (&tree, offset) {
            (Some(tree), Some(o)) => Some(tree.path_at(o)),
            _ => None,
        };
        let problem = if let Some(rest) = raw.strip_prefix("unknown field ") {
            let name = rest.split('`').nth(1).unwrap_or_default();
            key = key.map(|k| with_key(k, name));
            match rest.split_once(", expected ") {
                Some((k, expected)) => PlanFileProblem::UnknownKey {
                    key: k.to_owned(),
                    expected: Some(expected.to_owned()),
                },
                None => PlanFileProblem::UnknownKey {
                    key: rest.to_owned(),
                    expected: None,
                },
            }
        } else if let Some(rest) = raw.strip_prefix("missing field ") {
            let name = rest.trim_matches('`');
            key = key.map(|k| with_key(k, name));
            PlanFileProblem::MissingKey(rest.to_owned())
        } else if raw.starts_with("invalid type: map")
            && offset
                .and_then(|o| self.text.get(o..))
                .is_some_and(|t| t.starts_with(|c: char| c.is_ascii_digit()))
        {
            // An unquoted `2019-08-31` is a TOML date, which the reader hands over as a table.
            PlanFileProblem::TomlDate
        } else if kind == PlanFileErrorKind::Syntax {
            PlanFileProblem::TomlSyntax(raw.to_owned())
        } else {
            PlanFileProblem::TomlValue(raw.to_owned())
        };
        PlanFileError {
            file: self.file.to_owned(),
            line,
            column,
            key: key.filter(|k| !k.is_empty()),
            kind,
            problem,
        }
    }

    // --- values ---
    //
    // `key` makes the key's path; it is called only when the value has a problem.

    fn period(&mut self, s: &Spanned<String>, key: impl FnOnce() -> String) -> Option<Period> {
        match Period::parse(s.get_ref()) {
            Ok(p) => Some(p),
            Err(e) => {
                self.invalid(s.span(), key(), period_problem(s.get_ref(), &e));
                None
            }
        }
    }

    fn opt_period(
        &mut self,
        s: &Option<Spanned<String>>,
        key: impl FnOnce() -> String,
    ) -> Option<Period> {
        s.as_ref().and_then(|s| self.period(s, key))
    }

    fn decimal(&mut self, n: &Spanned<Num>, key: impl FnOnce() -> String) -> Option<Decimal> {
        match n.get_ref().decimal(self.text, n.span()) {
            Ok(d) => Some(d),
            Err(problem) => {
                self.invalid(n.span(), key(), problem);
                None
            }
        }
    }

    /// One of a fixed set of names (`kind`, `direction`, …).
    fn choice<T>(
        &mut self,
        s: &Spanned<String>,
        key: impl FnOnce() -> String,
        what: Choice,
        names: &[&str],
        parse: impl Fn(&str) -> Option<T>,
    ) -> Option<T> {
        let found = parse(s.get_ref());
        if found.is_none() {
            self.invalid(
                s.span(),
                key(),
                PlanFileProblem::NotOneOf {
                    text: s.get_ref().clone(),
                    what,
                    names: names.iter().map(|n| (*n).to_owned()).collect(),
                },
            );
        }
        found
    }

    // --- sections ---

    /// The plan, as far as it can be built; errors are gathered on the way.
    fn convert(&mut self, de: FileDe) -> Option<Plan> {
        let plan_de = de.plan.into_inner();
        let code = match PlanCode::new(plan_de.code.get_ref()) {
            Some(c) => c,
            None => {
                self.invalid(
                    plan_de.code.span(),
                    "plan.code".to_owned(),
                    PlanFileProblem::BadCode(plan_de.code.get_ref().clone()),
                );
                PlanCode::new("invalid")?
            }
        };
        let mut plan = Plan::new(code, plan_de.title);
        plan.period = self.opt_period(&plan_de.period, || "plan.period".to_owned());
        if let Some(m) = &plan_de.fiscal_year_start_month {
            let month = match m.get_ref() {
                Num::Int(i) => u8::try_from(*i).ok().and_then(FiscalStart::new),
                _ => None,
            };
            match month {
                Some(fs) => plan.fiscal_start = fs,
                None => self.invalid(
                    m.span(),
                    "plan.fiscal_year_start_month".to_owned(),
                    PlanFileProblem::NotAMonth(m.get_ref().to_string()),
                ),
            }
        }
        if let Some(g) = plan_de.grading {
            if let Some(scheme) = self.grading(g) {
                plan.grading = scheme;
            }
        }
        plan.issuer = plan_de.issuer.map(|i| Issuer {
            name: i.name,
            code: i.code,
        });
        plan.source = plan_de.source;
        plan.actuals_from_lineage = plan_de.actuals_from_lineage.unwrap_or(false);

        plan.nodes.reserve(de.nodes.len());
        self.places.nodes.reserve(de.nodes.len());
        for (i, n) in de.nodes.into_iter().enumerate() {
            let node = self.node(i, n);
            plan.nodes.push(node);
        }
        for l in de.links {
            if let Some(link) = self.link(l) {
                plan.links.push(link);
            }
        }
        plan.indicators.reserve(de.indicators.len());
        self.places.indicators.reserve(de.indicators.len());
        for (i, ind) in de.indicators.into_iter().enumerate() {
            let pi = self.indicator(i, ind);
            plan.indicators.push(pi);
        }
        if !de.roadmap.is_empty() {
            let node_ids: HashSet<&str> = plan.nodes.iter().map(|n| n.id.as_str()).collect();
            for (i, r) in de.roadmap.into_iter().enumerate() {
                let item = self.roadmap(i, r, &node_ids);
                plan.roadmap.push(item);
            }
        }
        plan.organizations = de
            .organizations
            .into_iter()
            .map(|o| {
                let o = o.into_inner();
                Organization {
                    name: o.name,
                    roles: o.roles,
                }
            })
            .collect();
        plan.members = de
            .members
            .into_iter()
            .map(|m| {
                let m = m.into_inner();
                Member {
                    organization: m.organization,
                    position: m.position,
                    name: m.name,
                    reading: m.reading,
                }
            })
            .collect();
        Some(plan)
    }

    fn grading(&mut self, g: Spanned<GradingDe>) -> Option<GradingScheme> {
        let span = g.span();
        match g.into_inner() {
            GradingDe::Named(name) => {
                let scheme = GradingScheme::builtin(&name);
                if scheme.is_none() {
                    self.invalid(
                        span,
                        "plan.grading".to_owned(),
                        PlanFileProblem::NotAScheme(name.clone()),
                    );
                }
                scheme
            }
            GradingDe::Custom(s) => {
                let timing = match &s.timing {
                    None => Some(Timing::EveryYear),
                    Some(t) => self.choice(
                        t,
                        || "plan.grading.timing".to_owned(),
                        Choice::Timing,
                        &["every_year", "after_target"],
                        |t| match t {
                            "every_year" => Some(Timing::EveryYear),
                            "after_target" => Some(Timing::AfterTarget),
                            _ => None,
                        },
                    ),
                };
                let mut rules = Vec::new();
                for (i, g) in s.grades.iter().enumerate() {
                    let g = g.get_ref();
                    match g.rule.get_ref().parse::<Condition>() {
                        Ok(condition) => rules.push(GradeRule {
                            label: g.label.clone(),
                            name: g.name.clone(),
                            condition,
                        }),
                        Err(e) => self.invalid(
                            g.rule.span(),
                            format!("plan.grading.grades[{i}].rule"),
                            PlanFileProblem::BadRule(e.input),
                        ),
                    }
                }
                Some(GradingScheme {
                    name: s.name,
                    timing: timing?,
                    rules,
                })
            }
        }
    }

    fn node(&mut self, i: usize, n: Spanned<NodeDe>) -> Node {
        let span = n.span();
        let n = n.into_inner();
        self.places.nodes.push((
            span.start,
            n.id.span().start,
            n.parent.as_ref().map(|p| p.span().start),
        ));
        let key = || entry_key("nodes", i, n.id.get_ref());
        let marker = match (&n.marker, &n.old_title) {
            (None, None) => None,
            (Some(m), old) => {
                let marker = self.choice(
                    m,
                    || format!("{}.marker", key()),
                    Choice::Marker,
                    &["new", "modified", "relisted"],
                    |s| match s {
                        "new" => Some(Marker::New),
                        "modified" => Some(Marker::Modified {
                            old_title: old.as_ref().map(|o| o.get_ref().clone()),
                        }),
                        "relisted" => Some(Marker::Relisted),
                        _ => None,
                    },
                );
                if let (Some(Marker::New | Marker::Relisted), Some(o)) = (&marker, old) {
                    self.invalid(
                        o.span(),
                        format!("{}.old_title", key()),
                        PlanFileProblem::OldTitleWithMarker(m.get_ref().clone()),
                    );
                }
                marker
            }
            (None, Some(o)) => {
                self.invalid(
                    o.span(),
                    format!("{}.old_title", key()),
                    PlanFileProblem::OldTitleWithoutMarker,
                );
                None
            }
        };
        let weight = n
            .weight
            .as_ref()
            .and_then(|w| self.decimal(w, || format!("{}.weight", key())));
        Node {
            weight,
            id: n.id.into_inner(),
            parent: n.parent.map(Spanned::into_inner),
            kind: n.kind,
            label: n.label,
            title: n.title,
            body: n.body,
            marker,
        }
    }

    fn link(&mut self, l: Spanned<LinkDe>) -> Option<Link> {
        let span = l.span();
        let l = l.into_inner();
        let kind = self.choice(
            &l.kind,
            || format!("links[{}→{}].kind", l.from.get_ref(), l.to.get_ref()),
            Choice::LinkKind,
            &["corresponds", "related", "relisted"],
            LinkKind::parse,
        );
        let Some(kind) = kind else {
            let ends = (l.from.into_inner(), l.to.into_inner());
            self.places.links.push((span.start, Some(ends)));
            return None;
        };
        self.places.links.push((span.start, None));
        Some(Link {
            from: l.from.into_inner(),
            to: l.to.into_inner(),
            kind,
        })
    }

    fn indicator(&mut self, i: usize, d: Spanned<IndicatorDe>) -> PlanIndicator {
        let span = d.span();
        let d = d.into_inner();
        self.places.indicators.push((
            span.start,
            d.id.span().start,
            d.node.as_ref().map(|n| n.span().start),
        ));
        let key = || entry_key("indicators", i, d.id.get_ref());
        let kind = match IndicatorKind::parse(d.kind.get_ref()) {
            Some(kind) => Some(kind),
            None => {
                let names: Vec<&str> = IndicatorKind::ALL.iter().map(|k| k.as_str()).collect();
                self.choice(
                    &d.kind,
                    || format!("{}.kind", key()),
                    Choice::Kind,
                    &names,
                    IndicatorKind::parse,
                )
            }
        };
        let direction = match &d.direction {
            None => Direction::default(),
            Some(s) => self
                .choice(
                    s,
                    || format!("{}.direction", key()),
                    Choice::Direction,
                    &["increase", "decrease"],
                    Direction::parse,
                )
                .unwrap_or_default(),
        };
        let comparator = match &d.comparator {
            None => Comparator::default(),
            Some(s) => self
                .choice(
                    s,
                    || format!("{}.comparator", key()),
                    Choice::Comparator,
                    &["exact", "at_least", "at_most"],
                    Comparator::parse,
                )
                .unwrap_or_default(),
        };
        let baseline = d.baseline.map(|b| {
            let k = || format!("{}.baseline", key());
            Baseline {
                value: b
                    .value
                    .as_ref()
                    .and_then(|v| self.decimal(v, || format!("{}.value", k()))),
                period: self.opt_period(&b.period, || format!("{}.period", k())),
                stat: match &b.stat {
                    None => BaselineStat::default(),
                    Some(s) => self
                        .choice(
                            s,
                            || format!("{}.stat", k()),
                            Choice::BaselineStat,
                            &["value", "mean"],
                            BaselineStat::parse,
                        )
                        .unwrap_or_default(),
                },
                note: b.note,
                state: b.state,
            }
        });
        let target = d.target.map(|t| {
            let k = || format!("{}.target", key());
            Target {
                value: t
                    .value
                    .as_ref()
                    .and_then(|v| self.decimal(v, || format!("{}.value", k()))),
                period: self.opt_period(&t.period, || format!("{}.period", k())),
                text: t.text,
            }
        });
        let mut yearly_targets = Vec::new();
        for (p, v) in d.yearly_targets.map(|t| t.0).unwrap_or_default().iter() {
            let k = || format!("{}.yearly_targets.{}", key(), p.get_ref());
            let period = self.period(p, k);
            let value = self.decimal(v, k);
            if let (Some(period), Some(value)) = (period, value) {
                yearly_targets.push(YearlyTarget { period, value });
            }
        }

        // Observations: a value's type follows the kind, so a bad kind leaves them unread
        // rather than reported once for each.
        let plain = d.observations.map(|t| t.0).unwrap_or_default();
        let details = d.observation_details.unwrap_or_default();
        let mut observations = Vec::with_capacity(plain.len() + details.len());
        for (p, v) in &plain {
            let k = || format!("{}.observations.{}", key(), p.get_ref());
            let period = self.period(p, k);
            let value = kind.and_then(|kind| self.observed(kind, v, k));
            if let (Some(period), Some(value)) = (period, value) {
                self.places.observations.push(v.span().start);
                observations.push(Observation {
                    period,
                    value,
                    status: ObservationStatus::Final,
                    as_of: None,
                });
            }
        }
        for (j, o) in details.iter().enumerate() {
            let o = o.get_ref();
            let k = || format!("{}.observation_details[{j}]", key());
            let period = self.period(&o.period, || format!("{}.period", k()));
            let value =
                kind.and_then(|kind| self.observed(kind, &o.value, || format!("{}.value", k())));
            let status = match &o.status {
                None => Some(ObservationStatus::Final),
                Some(s) => self.choice(
                    s,
                    || format!("{}.status", k()),
                    Choice::ObservationStatus,
                    &["final", "provisional", "estimate"],
                    ObservationStatus::parse,
                ),
            };
            let as_of = self.opt_period(&o.as_of, || format!("{}.as_of", k()));
            if o.as_of.is_some() && as_of.is_none() {
                continue;
            }
            if let (Some(period), Some(value), Some(status)) = (period, value, status) {
                self.places.observations.push(o.value.span().start);
                observations.push(Observation {
                    period,
                    value,
                    status,
                    as_of,
                });
            }
        }

        let ratio = d.ratio.map(|r| RatioSpec {
            numerator: r.numerator,
            denominator: r.denominator,
            factor: r
                .factor
                .as_ref()
                .and_then(|f| self.decimal(f, || format!("{}.ratio.factor", key())))
                .unwrap_or(Decimal::ONE),
        });
        PlanIndicator {
            ratio,
            indicator: Indicator {
                id: d.id.into_inner(),
                name: d.name,
                unit: d.unit,
                kind: kind.unwrap_or_default(),
                direction,
                comparator,
                baseline,
                target,
                yearly_targets,
                states: d.states,
            },
            node: d.node.map(Spanned::into_inner),
            category: d.category,
            source: d.source,
            note: d.note,
            series_key: d.series_key,
            observations,
        }
    }

    /// An observed value: a state for a milestone, else a number (a TOML number or a decimal
    /// string). A milestone's number is left for [`Plan::check`] to report.
    fn observed(
        &mut self,
        kind: IndicatorKind,
        v: &Spanned<Num>,
        key: impl FnOnce() -> String,
    ) -> Option<ObservedValue> {
        match (kind, v.get_ref()) {
            (IndicatorKind::Milestone, Num::Text(s)) => Some(ObservedValue::State(s.clone())),
            (_, Num::Text(s)) if !is_decimal_text(s) => {
                self.invalid(
                    v.span(),
                    key(),
                    PlanFileProblem::TextForNumber {
                        text: s.clone(),
                        kind: kind.as_str(),
                        kind_ja: kind.label_ja(),
                    },
                );
                None
            }
            _ => self.decimal(v, key).map(ObservedValue::Number),
        }
    }

    fn roadmap(&mut self, i: usize, r: Spanned<RoadmapDe>, nodes: &HashSet<&str>) -> RoadmapItem {
        let r = r.into_inner();
        let key = format!("roadmap[{i}]");
        if let Some(n) = &r.node {
            if !nodes.contains(n.get_ref().as_str()) {
                self.push(
                    Some(n.span().start),
                    Some(format!("{key}.node")),
                    PlanFileErrorKind::Inconsistent,
                    PlanFileProblem::Plan(PlanProblemKind::NoSuchNode(n.get_ref().clone())),
                );
            }
        }
        let start = self.opt_period(&r.start, || format!("{key}.start"));
        let end = self.opt_period(&r.end, || format!("{key}.end"));
        let mut notes = Vec::new();
        for (p, text) in r.notes.map(|t| t.0).unwrap_or_default() {
            if let Some(period) = self.period(&p, || format!("{key}.notes.{}", p.get_ref())) {
                notes.push((period, text.into_inner()));
            }
        }
        RoadmapItem {
            node: r.node.map(Spanned::into_inner),
            title: r.title,
            start,
            end,
            notes,
        }
    }

    /// [`Plan::check`]'s problems, placed on the lines of the keys they name.
    fn check(&mut self, plan: &Plan) {
        let problems = plan.check();
        if problems.is_empty() {
            return;
        }
        let places = self.places.keys(plan);
        let mut seen: HashMap<String, usize> = HashMap::new();
        for problem in problems {
            let nth = seen.entry(problem.field.clone()).or_insert(0);
            let offset = offset_of(&places, &problem.field, *nth);
            *nth += 1;
            self.push(
                offset,
                Some(problem.field),
                PlanFileErrorKind::Inconsistent,
                PlanFileProblem::Plan(problem.kind),
            );
        }
    }
}

/// Where the `nth` problem about `field` is, among the `places` of keys: the key itself or
/// the nearest enclosing one that was placed. A duplicate id's first use is not the problem,
/// so an id given several times is placed at its later uses.
fn offset_of(places: &HashMap<String, Vec<usize>>, field: &str, nth: usize) -> Option<usize> {
    let mut key = field;
    loop {
        if let Some(offsets) = places.get(key) {
            let skip = usize::from(key.ends_with(".id") && offsets.len() > 1);
            let i = (nth + skip).min(offsets.len().saturating_sub(1));
            return offsets.get(i).copied();
        }
        // `indicators[i1].observations.FY2022` → `indicators[i1].observations` → `indicators[i1]`.
        let cut = key.rfind('.').filter(|&c| !key[c..].contains(']'))?;
        key = &key[..cut];
    }
}

/// `path` with the key `name` at its end: `nodes[d1]` + `titel` → `nodes[d1].titel`. An
/// unknown `[[section]]` is reported inside its own entry (`indicator[i1]`): that is cut back
/// to the key (`indicator`).
fn with_key(mut path: String, name: &str) -> String {
    if name.is_empty() {
        return path;
    }
    let at_segment = |at: usize| at == 0 || path[..at].ends_with('.');
    if let Some(at) = path.rfind(name).filter(|&at| at_segment(at)) {
        let rest = &path[at + name.len()..];
        if rest.is_empty() || rest.starts_with('[') {
            path.truncate(at + name.len());
            return path;
        }
    }
    if !path.is_empty() {
        path.push('.');
    }
    path.push_str(name);
    path
}

fn entry_key(section: &str, i: usize, id: &str) -> String {
    if id.trim().is_empty() {
        format!("{section}[{i}]")
    } else {
        format!("{section}[{id}]")
    }
}

fn period_problem(text: &str, e: &PeriodError) -> PlanFileProblem {
    if let Ok(period) = shinchoku_core::era::parse_period(text) {
        return PlanFileProblem::NotCanonical {
            text: text.to_owned(),
            period,
        };
    }
    PlanFileProblem::NotAPeriod {
        text: text.to_owned(),
        why: match e.kind {
            PeriodErrorKind::YearOutOfRange => PeriodFault::YearOutOfRange,
            PeriodErrorKind::InvalidDate => PeriodFault::NoSuchDate,
            PeriodErrorKind::InvalidWindow => PeriodFault::BadWindow,
            _ => PeriodFault::NotAPeriod,
        },
    }
}

// ---------------------------------------------------------------------------------------------
// Numbers

/// A number as a plan file may write it: a TOML integer, a TOML float, or a decimal string.
#[derive(Debug, Clone, PartialEq)]
enum Num {
    Int(i64),
    Float(f64),
    Text(String),
}

impl fmt::Display for Num {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Num::Int(i) => write!(f, "{i}"),
            Num::Float(x) => write!(f, "{x}"),
            Num::Text(s) => write!(f, "{s:?}"),
        }
    }
}

impl Num {
    /// The exact decimal. A float is read from its text in the file (`span`), since the
    /// double the TOML reader made of it is not the number written.
    fn decimal(&self, text: &str, span: Range<usize>) -> Result<Decimal, PlanFileProblem> {
        let too_big = |shown: &dyn fmt::Display| PlanFileProblem::TooBig(shown.to_string());
        match self {
            Num::Int(i) => Ok(Decimal::from(*i)),
            Num::Float(x) => {
                if !x.is_finite() {
                    return Err(PlanFileProblem::NotFinite(x.to_string()));
                }
                let raw = text.get(span).unwrap_or("");
                // The raw text should always be the float itself; the shortest text of the
                // double is the fallback, and exact for every float written with 15 digits or
                // fewer.
                decimal_from_text(raw, true)
                    .or_else(|| decimal_from_text(&x.to_string(), false))
                    .ok_or_else(|| too_big(&raw))
            }
            Num::Text(s) => {
                if !is_decimal_text(s) {
                    return Err(PlanFileProblem::NotANumber {
                        text: s.clone(),
                        without_separators: s.contains(',').then(|| s.replace(',', "")),
                    });
                }
                decimal_from_text(s, false).ok_or_else(|| too_big(&format!("{s:?}")))
            }
        }
    }
}

/// `-?[0-9]+(\.[0-9]+)?`: the decimal strings a plan file accepts for numbers.
fn is_decimal_text(s: &str) -> bool {
    let body = s.strip_prefix('-').unwrap_or(s);
    let (int, frac) = match body.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (body, None),
    };
    let digits = |t: &str| !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit());
    digits(int) && frac.is_none_or(digits)
}

/// The exact decimal of a number's text: `19.3`, `-5`, and with `toml_float` also the rest of
/// TOML's float syntax (`1_000.5`, `+1.5`, `6.02e23`, `1E-7`). `None` for anything else or a
/// number a decimal cannot hold exactly.
fn decimal_from_text(raw: &str, toml_float: bool) -> Option<Decimal> {
    plain_decimal(raw.trim()).or_else(|| decimal_from_any_text(raw, toml_float))
}

/// The common case of [`decimal_from_text`] without its detour through text: a nonzero
/// `-?[0-9]+(\.[0-9]+)?` of at most 18 significant digits (leading zeros and the fraction's
/// trailing zeros aside), read straight into the mantissa and scale that
/// [`decimal_from_any_text`] gives it. `None` for anything else (a property test holds the
/// two to the same decimal, to the scale).
fn plain_decimal(s: &str) -> Option<Decimal> {
    let (negative, body) = match s.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, s),
    };
    let (int, frac) = match body.split_once('.') {
        Some((int, frac)) if !frac.is_empty() => (int, frac.trim_end_matches('0')),
        Some(_) => return None,
        None => (body, ""),
    };
    let int = match int.trim_start_matches('0') {
        "" if !int.is_empty() => "0",
        trimmed => trimmed,
    };
    if int.is_empty() || int.len() + frac.len() > 18 {
        return None;
    }
    let mut mantissa: i64 = 0;
    for b in int.bytes().chain(frac.bytes()) {
        if !b.is_ascii_digit() {
            return None;
        }
        mantissa = mantissa * 10 + i64::from(b - b'0');
    }
    // Zero, and the sign a negative zero keeps, are left to the general path.
    if mantissa == 0 {
        return None;
    }
    let scale = u32::try_from(frac.len()).ok()?;
    Some(Decimal::new(
        if negative { -mantissa } else { mantissa },
        scale,
    ))
}

/// [`decimal_from_text`] for any text: the number rewritten without its exponent, its
/// leading zeros and its fraction's trailing zeros, then read as a decimal.
fn decimal_from_any_text(raw: &str, toml_float: bool) -> Option<Decimal> {
    let cleaned: String;
    let mut s = raw.trim();
    if toml_float {
        cleaned = s.chars().filter(|&c| c != '_').collect();
        s = cleaned.as_str();
        s = s.strip_prefix('+').unwrap_or(s);
    }
    let (negative, s) = match s.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, s),
    };
    let (mantissa, exponent) = match s.split_once(['e', 'E']) {
        Some((m, e)) if toml_float => (m, e.strip_prefix('+').unwrap_or(e).parse::<i64>().ok()?),
        Some(_) => return None,
        None => (s, 0),
    };
    let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    if int.is_empty() || !int.bytes().chain(frac.bytes()).all(|b| b.is_ascii_digit()) {
        return None;
    }
    if exponent.abs() > 64 {
        return None;
    }
    // Shift the point by the exponent in the text, then drop the zeros that carry no value so
    // that `19.30000` or `0001` is not refused for its length.
    let digits = format!("{int}{frac}");
    let point = i64::try_from(int.len()).ok()? + exponent;
    let len = i64::try_from(digits.len()).ok()?;
    let (mut int_part, mut frac_part) = if point <= 0 {
        (
            String::new(),
            format!("{}{digits}", "0".repeat(usize::try_from(-point).ok()?)),
        )
    } else if point >= len {
        (
            format!("{digits}{}", "0".repeat(usize::try_from(point - len).ok()?)),
            String::new(),
        )
    } else {
        let p = usize::try_from(point).ok()?;
        (digits.get(..p)?.to_owned(), digits.get(p..)?.to_owned())
    };
    while frac_part.ends_with('0') {
        frac_part.pop();
    }
    let trimmed = int_part.trim_start_matches('0').len();
    int_part = int_part.split_off(int_part.len() - trimmed);
    if int_part.is_empty() {
        int_part.push('0');
    }
    let sign = if negative { "-" } else { "" };
    let text = if frac_part.is_empty() {
        format!("{sign}{int_part}")
    } else {
        format!("{sign}{int_part}.{frac_part}")
    };
    Decimal::from_str_exact(&text).ok()
}

impl<'de> Deserialize<'de> for Num {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Num;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a number (30, 19.3) or a decimal string (\"19.3\")")
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Num, E> {
                Ok(Num::Int(v))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Num, E> {
                i64::try_from(v)
                    .map(Num::Int)
                    .or_else(|_| Ok(Num::Text(v.to_string())))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Num, E> {
                Ok(Num::Float(v))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Num, E> {
                Ok(Num::Text(v.to_owned()))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<Num, E> {
                Ok(Num::Text(v))
            }
        }
        d.deserialize_any(V)
    }
}

// ---------------------------------------------------------------------------------------------
// The file's structs: private, converted into core types by `Reader`.

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileDe {
    plan: Spanned<PlanDe>,
    #[serde(default)]
    nodes: Vec<Spanned<NodeDe>>,
    #[serde(default)]
    links: Vec<Spanned<LinkDe>>,
    #[serde(default)]
    indicators: Vec<Spanned<IndicatorDe>>,
    #[serde(default)]
    roadmap: Vec<Spanned<RoadmapDe>>,
    #[serde(default)]
    organizations: Vec<Spanned<OrganizationDe>>,
    #[serde(default)]
    members: Vec<Spanned<MemberDe>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct PlanDe {
    code: Spanned<String>,
    title: String,
    period: Option<Spanned<String>>,
    fiscal_year_start_month: Option<Spanned<Num>>,
    grading: Option<Spanned<GradingDe>>,
    actuals_from_lineage: Option<bool>,
    issuer: Option<IssuerDe>,
    source: Option<String>,
}

/// `grading = "pace"` or a table of the plan's own scheme.
#[derive(Debug)]
enum GradingDe {
    Named(String),
    Custom(SchemeDe),
}

impl<'de> Deserialize<'de> for GradingDe {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = GradingDe;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("\"pace\", \"final\" or a table { name, timing, grades }")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<GradingDe, E> {
                Ok(GradingDe::Named(v.to_owned()))
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<GradingDe, A::Error> {
                SchemeDe::deserialize(de::value::MapAccessDeserializer::new(map))
                    .map(GradingDe::Custom)
            }
        }
        d.deserialize_any(V)
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct SchemeDe {
    name: String,
    timing: Option<Spanned<String>>,
    grades: Vec<Spanned<GradeDe>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct GradeDe {
    label: String,
    name: String,
    rule: Spanned<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct IssuerDe {
    name: String,
    code: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct NodeDe {
    id: Spanned<String>,
    parent: Option<Spanned<String>>,
    label: Option<String>,
    kind: Option<String>,
    title: String,
    body: Option<String>,
    marker: Option<Spanned<String>>,
    old_title: Option<Spanned<String>>,
    weight: Option<Spanned<Num>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct LinkDe {
    from: Spanned<String>,
    to: Spanned<String>,
    kind: Spanned<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct IndicatorDe {
    id: Spanned<String>,
    node: Option<Spanned<String>>,
    name: String,
    #[serde(default)]
    unit: String,
    kind: Spanned<String>,
    direction: Option<Spanned<String>>,
    comparator: Option<Spanned<String>>,
    baseline: Option<BaselineDe>,
    target: Option<TargetDe>,
    yearly_targets: Option<PeriodList<Num>>,
    observations: Option<PeriodTable<Num>>,
    observation_details: Option<Vec<Spanned<ObservationDe>>>,
    #[serde(default)]
    states: Vec<String>,
    category: Option<String>,
    source: Option<String>,
    note: Option<String>,
    series_key: Option<String>,
    ratio: Option<RatioDe>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RatioDe {
    numerator: String,
    denominator: String,
    factor: Option<Spanned<Num>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct BaselineDe {
    value: Option<Spanned<Num>>,
    period: Option<Spanned<String>>,
    stat: Option<Spanned<String>>,
    note: Option<String>,
    state: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct TargetDe {
    value: Option<Spanned<Num>>,
    period: Option<Spanned<String>>,
    text: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ObservationDe {
    period: Spanned<String>,
    value: Spanned<Num>,
    status: Option<Spanned<String>>,
    as_of: Option<Spanned<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RoadmapDe {
    node: Option<Spanned<String>>,
    title: String,
    start: Option<Spanned<String>>,
    end: Option<Spanned<String>>,
    notes: Option<PeriodList<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct OrganizationDe {
    name: String,
    #[serde(default)]
    roles: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct MemberDe {
    organization: Option<String>,
    position: Option<String>,
    name: String,
    reading: Option<String>,
}

/// Values keyed by period, in the order of the file: `{ FY2022 = 30, FY2023 = 28 }`.
#[derive(Debug)]
struct PeriodTable<V>(Vec<(Spanned<String>, Spanned<V>)>);

/// Like [`PeriodTable`], or the array form `[{ period = "FY2022", value = 30 }, …]` that can
/// hold one period twice.
#[derive(Debug)]
struct PeriodList<V>(Vec<(Spanned<String>, Spanned<V>)>);

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct PeriodEntryDe<V> {
    period: Spanned<String>,
    value: Spanned<V>,
}

struct PeriodVisitor<V> {
    list: bool,
    value: std::marker::PhantomData<V>,
}

impl<'de, V: Deserialize<'de>> Visitor<'de> for PeriodVisitor<V> {
    type Value = Vec<(Spanned<String>, Spanned<V>)>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.list {
            f.write_str(
                "a table keyed by period ({ FY2023 = … }) or an array of { period, value } tables",
            )
        } else {
            f.write_str("a table keyed by period ({ FY2023 = … })")
        }
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut out = Vec::new();
        while let Some(k) = map.next_key::<Spanned<String>>()? {
            let v = map.next_value::<Spanned<V>>()?;
            out.push((k, v));
        }
        // The TOML reader hands a table's keys over sorted (its tables are B-trees: see the
        // workspace's Cargo.toml); where each key was written puts them back in file order.
        out.sort_by_key(|(k, _)| k.span().start);
        Ok(out)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        if !self.list {
            return Err(de::Error::invalid_type(de::Unexpected::Seq, &self));
        }
        let mut out = Vec::new();
        while let Some(e) = seq.next_element::<PeriodEntryDe<V>>()? {
            out.push((e.period, e.value));
        }
        Ok(out)
    }
}

impl<'de, V: Deserialize<'de>> Deserialize<'de> for PeriodTable<V> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(PeriodVisitor {
            list: false,
            value: std::marker::PhantomData,
        })
        .map(PeriodTable)
    }
}

impl<'de, V: Deserialize<'de>> Deserialize<'de> for PeriodList<V> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(PeriodVisitor {
            list: true,
            value: std::marker::PhantomData,
        })
        .map(PeriodList)
    }
}

/// The file as plain TOML with the place of every value: read only when the plan structs
/// refuse the file, to name the key an error concerns.
#[derive(Debug)]
enum Tree {
    Table(Vec<(String, Spanned<Tree>)>),
    Array(Vec<Spanned<Tree>>),
    Leaf(Option<String>),
}

/// The key under which the TOML reader hands over a date or time as a one-entry table.
const TOML_DATETIME_KEY: &str = "$__toml_private_datetime";

/// The stretch of text a value covers: its own span and every value inside it. The TOML
/// reader gives a table under a header (`[[indicators]]`) the span of its header line only,
/// so its keys are found by what they hold.
fn extent(v: &Spanned<Tree>) -> Range<usize> {
    let widen = |a: Range<usize>, b: Range<usize>| a.start.min(b.start)..a.end.max(b.end);
    match v.get_ref() {
        Tree::Table(entries) => entries.iter().map(|(_, v)| extent(v)).fold(v.span(), widen),
        Tree::Array(items) => items.iter().map(extent).fold(v.span(), widen),
        Tree::Leaf(_) => v.span(),
    }
}

impl Tree {
    /// The dotted path of the innermost value at `offset` (`indicators[i1].kind`); empty at
    /// the top level.
    fn path_at(&self, offset: usize) -> String {
        let mut path = String::new();
        let mut here = self;
        loop {
            match here {
                Tree::Table(entries) => {
                    let Some((k, v)) = entries.iter().find(|(_, v)| extent(v).contains(&offset))
                    else {
                        return path;
                    };
                    if !path.is_empty() {
                        path.push('.');
                    }
                    path.push_str(k);
                    here = v.get_ref();
                }
                Tree::Array(items) => {
                    let found = items
                        .iter()
                        .enumerate()
                        .find(|(_, v)| extent(v).contains(&offset));
                    let Some((i, v)) = found else {
                        return path;
                    };
                    match v.get_ref().id() {
                        Some(id) => path.push_str(&format!("[{id}]")),
                        None => path.push_str(&format!("[{i}]")),
                    }
                    here = v.get_ref();
                }
                Tree::Leaf(_) => return path,
            }
        }
    }

    /// A table's non-empty string `id`.
    fn id(&self) -> Option<&str> {
        let Tree::Table(entries) = self else {
            return None;
        };
        entries.iter().find_map(|(k, v)| match v.get_ref() {
            Tree::Leaf(Some(id)) if k == "id" && !id.trim().is_empty() => Some(id.as_str()),
            _ => None,
        })
    }
}

impl<'de> Deserialize<'de> for Tree {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Tree;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("any TOML value")
            }
            fn visit_bool<E: de::Error>(self, _: bool) -> Result<Tree, E> {
                Ok(Tree::Leaf(None))
            }
            fn visit_i64<E: de::Error>(self, _: i64) -> Result<Tree, E> {
                Ok(Tree::Leaf(None))
            }
            fn visit_u64<E: de::Error>(self, _: u64) -> Result<Tree, E> {
                Ok(Tree::Leaf(None))
            }
            fn visit_f64<E: de::Error>(self, _: f64) -> Result<Tree, E> {
                Ok(Tree::Leaf(None))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Tree, E> {
                Ok(Tree::Leaf(Some(v.to_owned())))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Tree, A::Error> {
                let mut entries = Vec::new();
                while let Some(k) = map.next_key::<String>()? {
                    if k == TOML_DATETIME_KEY {
                        map.next_value::<de::IgnoredAny>()?;
                        return Ok(Tree::Leaf(None));
                    }
                    entries.push((k, map.next_value::<Spanned<Tree>>()?));
                }
                // In file order, as `PeriodVisitor` puts them.
                entries.sort_by_key(|(_, v)| v.span().start);
                Ok(Tree::Table(entries))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Tree, A::Error> {
                let mut items = Vec::new();
                while let Some(v) = seq.next_element::<Spanned<Tree>>()? {
                    items.push(v);
                }
                Ok(Tree::Array(items))
            }
        }
        d.deserialize_any(V)
    }
}

// ---------------------------------------------------------------------------------------------
// Writing

/// Writes a plan in the canonical form: DESIGN.md's order of sections and keys, inline tables
/// for baselines, targets and observations, defaults left out (`direction = "increase"`,
/// `comparator = "exact"`, `fiscal_year_start_month = 4`, `grading = "pace"`), numbers exact.
///
/// [`read_plan`] reads the text back into an equal plan whenever the plan is sound (see the
/// module documentation).
pub fn write_plan(plan: &Plan) -> String {
    let mut w = Writer::default();
    w.section("[plan]");
    w.string("code", plan.code.as_str());
    w.string("title", &plan.title);
    if let Some(p) = plan.period {
        w.string("period", &p.to_string());
    }
    if plan.fiscal_start != FiscalStart::default() {
        w.raw(
            "fiscal_year_start_month",
            &plan.fiscal_start.month().to_string(),
        );
    }
    let custom = if plan.grading.is_builtin() {
        if plan.grading != GradingScheme::pace() {
            w.string("grading", &plan.grading.name);
        }
        None
    } else {
        Some(&plan.grading)
    };
    if plan.actuals_from_lineage {
        w.raw("actuals_from_lineage", "true");
    }
    if let Some(issuer) = &plan.issuer {
        let mut t = Inline::default();
        t.string("name", &issuer.name);
        t.opt_string("code", issuer.code.as_deref());
        w.raw("issuer", &t.finish());
    }
    w.opt_string("source", plan.source.as_deref());
    if let Some(scheme) = custom {
        w.section("[plan.grading]");
        w.string("name", &scheme.name);
        if scheme.timing != Timing::EveryYear {
            w.string("timing", "after_target");
        }
        let rows = scheme.rules.iter().map(|r| {
            let mut t = Inline::default();
            t.string("label", &r.label);
            t.string("name", &r.name);
            t.string("rule", &r.condition.to_string());
            t.finish()
        });
        w.array("grades", rows);
    }

    for n in &plan.nodes {
        w.section("[[nodes]]");
        w.string("id", &n.id);
        w.opt_string("parent", n.parent.as_deref());
        w.opt_string("label", n.label.as_deref());
        w.opt_string("kind", n.kind.as_deref());
        w.string("title", &n.title);
        w.opt_string("body", n.body.as_deref());
        if let Some(m) = &n.marker {
            w.string("marker", m.as_str());
            if let Marker::Modified {
                old_title: Some(old),
            } = m
            {
                w.string("old_title", old);
            }
        }
        if let Some(weight) = n.weight {
            w.raw("weight", &number(weight));
        }
    }

    for l in &plan.links {
        w.section("[[links]]");
        w.string("from", &l.from);
        w.string("to", &l.to);
        w.string("kind", l.kind.as_str());
    }

    for pi in &plan.indicators {
        let ind = &pi.indicator;
        w.section("[[indicators]]");
        w.string("id", &ind.id);
        w.opt_string("node", pi.node.as_deref());
        w.string("name", &ind.name);
        if !ind.unit.is_empty() {
            w.string("unit", &ind.unit);
        }
        w.string("kind", ind.kind.as_str());
        if ind.direction != Direction::default() {
            w.string("direction", ind.direction.as_str());
        }
        if ind.comparator != Comparator::default() {
            w.string("comparator", ind.comparator.as_str());
        }
        if let Some(r) = &pi.ratio {
            let mut t = Inline::default();
            t.string("numerator", &r.numerator);
            t.string("denominator", &r.denominator);
            t.raw("factor", &number(r.factor));
            w.raw("ratio", &t.finish());
        }
        if let Some(b) = &ind.baseline {
            let mut t = Inline::default();
            t.opt_raw("value", b.value.map(number));
            t.opt_string("period", b.period.map(|p| p.to_string()).as_deref());
            if b.stat != BaselineStat::default() {
                t.string("stat", b.stat.as_str());
            }
            t.opt_string("note", b.note.as_deref());
            t.opt_string("state", b.state.as_deref());
            w.raw("baseline", &t.finish());
        }
        if let Some(tg) = &ind.target {
            let mut t = Inline::default();
            t.opt_raw("value", tg.value.map(number));
            t.opt_string("period", tg.period.map(|p| p.to_string()).as_deref());
            t.opt_string("text", tg.text.as_deref());
            w.raw("target", &t.finish());
        }
        if !ind.yearly_targets.is_empty() {
            let entries: Vec<(Period, String)> = ind
                .yearly_targets
                .iter()
                .map(|y| (y.period, number(y.value)))
                .collect();
            w.raw("yearly_targets", &by_period(&entries));
        }
        write_observations(&mut w, &pi.observations);
        if !ind.states.is_empty() {
            let states: Vec<String> = ind.states.iter().map(|s| quote(s)).collect();
            w.raw("states", &format!("[{}]", states.join(", ")));
        }
        w.opt_string("category", pi.category.as_deref());
        w.opt_string("source", pi.source.as_deref());
        w.opt_string("note", pi.note.as_deref());
        w.opt_string("series_key", pi.series_key.as_deref());
    }

    for r in &plan.roadmap {
        w.section("[[roadmap]]");
        w.opt_string("node", r.node.as_deref());
        w.string("title", &r.title);
        w.opt_string("start", r.start.map(|p| p.to_string()).as_deref());
        w.opt_string("end", r.end.map(|p| p.to_string()).as_deref());
        if !r.notes.is_empty() {
            let entries: Vec<(Period, String)> =
                r.notes.iter().map(|(p, s)| (*p, quote(s))).collect();
            w.raw("notes", &by_period(&entries));
        }
    }

    for o in &plan.organizations {
        w.section("[[organizations]]");
        w.string("name", &o.name);
        if !o.roles.is_empty() {
            let roles: Vec<String> = o.roles.iter().map(|s| quote(s)).collect();
            w.raw("roles", &format!("[{}]", roles.join(", ")));
        }
    }

    for m in &plan.members {
        w.section("[[members]]");
        w.opt_string("organization", m.organization.as_deref());
        w.opt_string("position", m.position.as_deref());
        w.string("name", &m.name);
        w.opt_string("reading", m.reading.as_deref());
    }
    w.out
}

/// The leading plain observations (final, no as-of, each period once) in the inline table,
/// the rest in `observation_details`, keeping the plan's order.
fn write_observations(w: &mut Writer, observations: &[Observation]) {
    let mut seen = HashSet::new();
    let plain = observations
        .iter()
        .take_while(|o| {
            o.status == ObservationStatus::Final && o.as_of.is_none() && seen.insert(o.period)
        })
        .count();
    let (head, tail) = observations.split_at(plain);
    if !head.is_empty() {
        let entries: Vec<(Period, String)> = head
            .iter()
            .map(|o| (o.period, observed(&o.value)))
            .collect();
        w.raw("observations", &by_period(&entries));
    }
    if !tail.is_empty() {
        let rows = tail.iter().map(|o| {
            let mut t = Inline::default();
            t.string("period", &o.period.to_string());
            t.raw("value", &observed(&o.value));
            if o.status != ObservationStatus::Final {
                t.string("status", o.status.as_str());
            }
            t.opt_string("as_of", o.as_of.map(|p| p.to_string()).as_deref());
            t.finish()
        });
        w.array("observation_details", rows);
    }
}

fn observed(v: &ObservedValue) -> String {
    match v {
        ObservedValue::Number(d) => number(*d),
        ObservedValue::State(s) => quote(s),
    }
}

/// `{ FY2022 = 30, FY2023 = 28 }`, or the array form when a period comes twice.
fn by_period(entries: &[(Period, String)]) -> String {
    let mut seen = HashSet::new();
    let distinct = entries.iter().all(|(p, _)| seen.insert(*p));
    let mut t = Inline::default();
    if distinct {
        for (p, v) in entries {
            t.raw(&p.to_string(), v);
        }
        t.finish()
    } else {
        let items: Vec<String> = entries
            .iter()
            .map(|(p, v)| format!("{{ period = {}, value = {v} }}", quote(&p.to_string())))
            .collect();
        format!("[{}]", items.join(", "))
    }
}

/// A decimal as the plan file writes it: normalised (`19.3`, not `19.30`), a TOML number when
/// every reader gets it back exactly, else a string.
fn number(d: Decimal) -> String {
    let d = d.normalize();
    let text = d.to_string();
    let exact_double = if d.scale() == 0 {
        // Integers beyond 2^53 are exact in TOML itself but not in every reader of it.
        d.abs() <= Decimal::from(1_i64 << 53)
    } else {
        text.parse::<f64>().is_ok_and(|f| f.to_string() == text)
    };
    if exact_double {
        text
    } else {
        quote(&text)
    }
}

/// A TOML basic string on one line, with every character that needs it escaped.
fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        escape_into(&mut out, c, false);
    }
    out.push('"');
    out
}

/// A multi-line basic string (`"""…"""`) for text with line breaks, where it stands alone.
fn quote_block(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    // The line break right after the opening quotes is not part of the string.
    out.push_str("\"\"\"\n");
    for c in s.chars() {
        escape_into(&mut out, c, true);
    }
    out.push_str("\"\"\"");
    out
}

fn escape_into(out: &mut String, c: char, keep_newline: bool) {
    match c {
        '"' => out.push_str("\\\""),
        '\\' => out.push_str("\\\\"),
        '\n' if keep_newline => out.push('\n'),
        '\n' => out.push_str("\\n"),
        '\t' => out.push_str("\\t"),
        '\r' => out.push_str("\\r"),
        '\u{8}' => out.push_str("\\b"),
        '\u{c}' => out.push_str("\\f"),
        c if c.is_control() => out.push_str(&format!("\\u{:04X}", u32::from(c))),
        c => out.push(c),
    }
}

/// The text of a plan file being written, section by section.
#[derive(Default)]
struct Writer {
    out: String,
}

impl Writer {
    fn section(&mut self, header: &str) {
        if !self.out.is_empty() {
            self.out.push('\n');
        }
        self.out.push_str(header);
        self.out.push('\n');
    }

    fn raw(&mut self, key: &str, value: &str) {
        self.out.push_str(key);
        self.out.push_str(" = ");
        self.out.push_str(value);
        self.out.push('\n');
    }

    fn string(&mut self, key: &str, value: &str) {
        let v = if value.contains('\n') {
            quote_block(value)
        } else {
            quote(value)
        };
        self.raw(key, &v);
    }

    fn opt_string(&mut self, key: &str, value: Option<&str>) {
        if let Some(v) = value {
            self.string(key, v);
        }
    }

    /// A multi-line array of inline tables, one per line.
    fn array(&mut self, key: &str, rows: impl Iterator<Item = String>) {
        let mut body = String::from("[\n");
        let mut any = false;
        for r in rows {
            any = true;
            body.push_str("  ");
            body.push_str(&r);
            body.push_str(",\n");
        }
        body.push(']');
        if any {
            self.raw(key, &body);
        } else {
            self.raw(key, "[]");
        }
    }
}

/// An inline table being written: `{ value = 25, period = "FY2021" }`.
#[derive(Default)]
struct Inline {
    parts: Vec<String>,
}

impl Inline {
    fn raw(&mut self, key: &str, value: &str) {
        self.parts.push(format!("{key} = {value}"));
    }

    fn opt_raw(&mut self, key: &str, value: Option<String>) {
        if let Some(v) = value {
            self.raw(key, &v);
        }
    }

    fn string(&mut self, key: &str, value: &str) {
        self.raw(key, &quote(value));
    }

    fn opt_string(&mut self, key: &str, value: Option<&str>) {
        if let Some(v) = value {
            self.string(key, v);
        }
    }

    fn finish(self) -> String {
        if self.parts.is_empty() {
            "{}".to_owned()
        } else {
            format!("{{ {} }}", self.parts.join(", "))
        }
    }
}

#[cfg(test)]
mod tests;

#[cfg(test)]
mod number_props;
