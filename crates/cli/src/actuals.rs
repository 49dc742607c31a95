//! `evaluate FILE.toml|DIR … --actuals FILE.csv`: Actuals CSVs applied to plan files in
//! memory, with no database.
//!
//! The rows are read by the import crate's reader ([`ActualsReader`], streaming, every
//! problem located) and matched by core's one rule ([`IndicatorIndex`],
//! [`shinchoku_core::actuals::check_value`], [`shinchoku_core::actuals::in_own_unit`],
//! [`check_texts`]), so exactly the rows `shinchoku import` refuses are refused here, in the
//! same words; only the plans differ: a row's plan must be one of the plan files given
//! (`import` wants it stored). A file is applied whole or not at all: every refused row is
//! collected ([`CliError::Refused`]) and nothing is evaluated.
//!
//! What a file does to the plans is what `import` does to the stored plans, so that
//! `evaluate DIR --actuals FILE` prints what `import DIR/*.toml FILE` and `evaluate --plan`
//! print: an empty value is skipped; a row replaces the value its indicator has for the
//! same period (one written in the plan file, or by an earlier `--actuals` file); the same
//! indicator and period twice in one file is refused, naming both lines; rows with a
//! breakdown are the parts of their period's total, which evaluation reads: a count's
//! missing total is their sum, a given one must equal it, and a rate's must be given
//! (`FileRows::totals_of_parts`, core's `breakdown::totals`, as the store does). Each indicator's
//! observations are then in time order, as the store returns them. One difference remains:
//! a plan file that gives two values for one period keeps both here, where the store keeps
//! the last.
//!
//! Both cores: the plan files are read on every core ([`Shelf`]) while this thread reads the
//! CSV and applies each row as soon as the plan it names has been read (files list a plan's
//! rows together, usually in the order of the plans, so the CSV follows the plan files
//! closely). A row whose plan is not read yet waits for it; a plan that is in none of the
//! files is known once every file is read. A CSV of a megabyte or more is read in two
//! halves, cut at a record boundary, the second on a thread of its own with its own
//! [`Resolver`] and [`FileRows`]; its rows are then added after the first half's, which gives
//! exactly what one thread gives, or, where the reader cannot vouch for that (the cut was
//! inside a quoted value, the encoding decided in the first half is not the one the second
//! was read in), the first half's thread reads on and the second's work is dropped
//! ([`read_cut`]). Each row is parsed and applied on one thread, so that its texts are freed
//! where they were allocated.
//!
//! Memory: the plans, one observation per row and its line number; the CSV is streamed.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Condvar, Mutex, OnceLock};

use shinchoku_core::actuals::{check_for, check_texts, IndicatorIndex, Refusal};
use shinchoku_core::indicator::{Observation, ObservationStatus, ObservedValue};
use shinchoku_core::period::Period;
use shinchoku_core::plan::{Plan, PlanIndicator};
use shinchoku_core::quantity::Unit;
use shinchoku_core::Decimal;
use shinchoku_import::actuals::{
    split_point, ActualRowRef, ActualsReader, RawValue, Rest, RowError,
};
use shinchoku_import::PlanFileErrors;

use crate::error::{CliError, Input, Reading, RefusedRow, RowWhy};

/// The refused rows the message lists as repeated, at most (the store's limit too).
const REPEATS_SHOWN: usize = 100;

/// Reads the plan `files` and applies the rows of each Actuals CSV in `csvs`, in order.
///
/// Errors, in this order: the first plan file (in the order given) that cannot be read; two
/// files of one plan code; the first CSV that cannot be read or has refused rows.
pub fn load(files: &[PathBuf], csvs: &[PathBuf]) -> Result<Vec<Plan>, CliError> {
    let readers = crate::par::workers();
    let shelf = Shelf::new(files.len(), readers);
    let next = AtomicUsize::new(0);
    // When the first CSV will be read in two halves, its second half's thread waits for the
    // plans of the second half of the files (files list plans in about the order of the
    // plan files): the files are read alternately from the first half and the second, so
    // that both threads get theirs from the start.
    let halves = csvs.first().is_some_and(|csv| {
        readers > 1 && std::fs::metadata(csv).is_ok_and(|m| m.is_file() && m.len() >= TWO_HALVES)
    });
    let staged = std::thread::scope(|s| {
        for _ in 0..readers {
            s.spawn(|| {
                let _leaving = Leaving(&shelf);
                // One buffer for the bytes of every file this thread reads.
                let mut buf = Vec::new();
                loop {
                    let n = next.fetch_add(1, Ordering::Relaxed);
                    let i = if halves { alternate(n, files.len()) } else { n };
                    let Some(f) = files.get(i) else { break };
                    shelf.put(
                        i,
                        shinchoku_import::planfile::read_plan_file_with(f, &mut buf),
                    );
                }
            });
        }
        let mut resolver = Resolver::new(&shelf, files);
        let mut staged = Vec::with_capacity(csvs.len());
        for csv in csvs {
            staged.push(read(csv, &mut resolver)?);
        }
        Ok::<_, CliError>(staged)
    });
    let mut plans = Vec::with_capacity(files.len());
    for (i, slot) in shelf.slots.into_iter().enumerate() {
        match slot.into_inner() {
            Some(Ok(plan)) => plans.push(plan),
            Some(Err(e)) => return Err(e.into()),
            // Every file is read before the scope ends; a reader that panicked panics here.
            None => return Err(CliError::Input(Input::NotRead(shown(files, i)))),
        }
    }
    let mut by_code: HashMap<&str, usize> = HashMap::with_capacity(plans.len());
    for (i, p) in plans.iter().enumerate() {
        if let Some(&j) = by_code.get(p.code.as_str()) {
            return Err(CliError::Input(Input::SamePlan {
                code: p.code.as_str().to_owned(),
                first: shown(files, j),
                second: shown(files, i),
            }));
        }
        by_code.insert(p.code.as_str(), i);
    }
    // Each plan takes its rows, file by file in order, then puts its observations in time
    // order: plans are independent, so on every core.
    let mut jobs: Vec<(&mut Plan, Vec<Vec<Rows>>)> =
        plans.iter_mut().map(|p| (p, Vec::new())).collect();
    for file in staged? {
        for ((_, rows), staged) in jobs.iter_mut().zip(file.plans) {
            rows.extend(staged);
        }
    }
    crate::par::for_each_mut(&mut jobs, |(plan, files)| {
        for rows in std::mem::take(files) {
            apply(plan, rows);
        }
        let fs = plan.fiscal_start;
        for pi in &mut plan.indicators {
            if !in_fiscal_years_order(&pi.observations) {
                pi.observations
                    .sort_by_key(|o| (o.period.last_day(fs), o.period, o.as_of));
            }
        }
    });
    Ok(plans)
}

/// True when every observation is of a fiscal year, each later than the one before: the
/// order the sort by last day in `load` gives already (a fiscal year ends before every later
/// one, whatever month it starts in), found without working out a date for each. Files list
/// an indicator's years in order, so this is the usual case.
fn in_fiscal_years_order(observations: &[Observation]) -> bool {
    observations.windows(2).all(|w| {
        matches!(w, [a, b] if matches!((a.period, b.period),
            (Period::FiscalYear(x), Period::FiscalYear(y)) if x < y))
    })
}

/// The `n`th of `len` items taken alternately from the first half and the second: 0, h, 1,
/// h + 1, … (h the first half's length, the larger); every item once, `len` and above for
/// `n` ≥ `len`.
fn alternate(n: usize, len: usize) -> usize {
    if n >= len {
        return n;
    }
    let h = len.div_ceil(2);
    if n.is_multiple_of(2) {
        n / 2
    } else {
        h + n / 2
    }
}

fn shown(files: &[PathBuf], i: usize) -> String {
    files.get(i).map_or_else(
        || format!("plan file {}", i + 1),
        |f| f.display().to_string(),
    )
}

/// The plans as the reading threads finish them: one slot per file, filled once, and the
/// order they were filled in, which the CSV's threads wait on.
struct Shelf {
    slots: Vec<OnceLock<Result<Plan, PlanFileErrors>>>,
    filled: Mutex<Filled>,
    more: Condvar,
}

#[derive(Default)]
struct Filled {
    /// The slots filled, in the order they were.
    order: Vec<usize>,
    /// Reading threads not yet ended.
    readers: usize,
}

/// Counts a reading thread out when it ends, however it ends: a thread that panicked fills
/// no more slots, and the CSV's thread must not wait for them (the panic is the scope's).
struct Leaving<'a>(&'a Shelf);

impl Drop for Leaving<'_> {
    fn drop(&mut self) {
        let mut filled = self.0.filled.lock().unwrap_or_else(|e| e.into_inner());
        filled.readers = filled.readers.saturating_sub(1);
        self.0.more.notify_all();
    }
}

impl Shelf {
    /// A shelf for `n` files, filled by `readers` threads (each holding a [`Leaving`]).
    fn new(n: usize, readers: usize) -> Self {
        Shelf {
            slots: (0..n).map(|_| OnceLock::new()).collect(),
            filled: Mutex::new(Filled {
                readers,
                ..Filled::default()
            }),
            more: Condvar::new(),
        }
    }

    fn put(&self, i: usize, plan: Result<Plan, PlanFileErrors>) {
        let Some(slot) = self.slots.get(i) else {
            return;
        };
        if slot.set(plan).is_ok() {
            // A poisoned lock only means another reader panicked; the count is still right.
            let mut filled = self.filled.lock().unwrap_or_else(|e| e.into_inner());
            filled.order.push(i);
            self.more.notify_all();
        }
    }

    /// The slots filled after the first `seen` (of the order they were filled in), waiting
    /// for one if there is none yet; `None` once every slot is filled and seen (or no
    /// reading thread is left to fill one).
    fn fresh(&self, seen: usize) -> Option<Vec<usize>> {
        let mut filled = self.filled.lock().unwrap_or_else(|e| e.into_inner());
        while filled.order.len() <= seen {
            if filled.order.len() >= self.slots.len() || filled.readers == 0 {
                return None;
            }
            filled = self.more.wait(filled).unwrap_or_else(|e| e.into_inner());
        }
        Some(filled.order.get(seen..).unwrap_or_default().to_vec())
    }

    fn plan(&self, at: usize) -> Option<&Plan> {
        self.slots.get(at)?.get()?.as_ref().ok()
    }
}

/// One file's accepted rows, by plan and indicator, not yet applied.
#[derive(Debug, Default)]
struct Staged {
    /// By plan (the position in the files): by indicator, the file's totals.
    plans: Vec<Option<Vec<Rows>>>,
}

/// One indicator's rows of one file: observations and the lines they came from.
#[derive(Debug, Default)]
struct Rows {
    observations: Vec<Observation>,
    lines: Vec<u64>,
}

/// One file's rows of `plan` (by indicator) applied to it: a row replaces the value its
/// indicator has for the same period.
fn apply(plan: &mut Plan, staged: Vec<Rows>) {
    for (pi, rows) in plan.indicators.iter_mut().zip(staged) {
        let obs = &mut pi.observations;
        if obs.is_empty() {
            *obs = rows.observations;
        } else if !rows.observations.is_empty() {
            obs.retain(|o| !rows.observations.iter().any(|r| r.period == o.period));
            obs.extend(rows.observations);
        }
    }
}

/// One row, checked and resolved to its plan and indicator, or why it was refused.
enum Item {
    /// A total: an observation of indicator `ind` of plan `plan`.
    Total {
        plan: usize,
        ind: usize,
        line: u64,
        observation: Observation,
    },
    /// A row with a breakdown: a part of its period's total.
    Breakdown {
        plan: usize,
        ind: usize,
        line: u64,
        period: Period,
        pairs: Vec<(String, String)>,
        /// The number (`None` for a milestone's state, which has no total to make).
        value: Option<Decimal>,
        status: ObservationStatus,
    },
    /// A refused row.
    Refused(RefusedRow),
}

/// Resolves rows to plans and indicators: core's one rule, and the plans given. Lives
/// across the CSV files; borrows the plans from the [`Shelf`].
struct Resolver<'s> {
    /// The CSV file being read, as the user named it.
    file: String,
    shelf: &'s Shelf,
    files: &'s [PathBuf],
    /// The codes of the plans read so far (of two files with one code, the first given).
    by_code: HashMap<&'s str, usize>,
    /// How many of the plans read ([`Shelf::fresh`]) are in `by_code`.
    seen: usize,
    /// By plan: its index, made at its first row that names no indicator where expected.
    indexes: Vec<Option<IndicatorIndex<'s>>>,
    /// The plan of the previous row and its code: files list a plan's rows together.
    last_plan: Option<usize>,
    last_code: String,
    /// The indicator the previous row named (plan, position) and how it named it: files list
    /// an indicator's rows together, so its name is looked up once for them.
    last_indicator: Option<(usize, usize)>,
    last_named: String,
    /// Every plan file is read and in `by_code`.
    all_read: bool,
}

impl<'s> Resolver<'s> {
    fn new(shelf: &'s Shelf, files: &'s [PathBuf]) -> Self {
        let n = shelf.slots.len();
        Resolver {
            file: String::new(),
            shelf,
            files,
            by_code: HashMap::with_capacity(n),
            seen: 0,
            indexes: (0..n).map(|_| None).collect(),
            last_plan: None,
            last_code: String::new(),
            last_indicator: None,
            last_named: String::new(),
            all_read: false,
        }
    }

    /// The plan (its position) that `code` names: waits for plan files still being read
    /// until one of them has it or every file is read.
    fn plan(&mut self, code: &str) -> Option<usize> {
        if let Some(at) = self.last_plan {
            if self.last_code == code {
                return Some(at);
            }
        }
        let shelf = self.shelf;
        let at = loop {
            if let Some(&at) = self.by_code.get(code) {
                break at;
            }
            if self.all_read {
                return None;
            }
            let Some(fresh) = shelf.fresh(self.seen) else {
                self.all_read = true;
                continue;
            };
            self.seen += fresh.len();
            for i in fresh {
                if let Some(plan) = shelf.plan(i) {
                    let at = self.by_code.entry(plan.code.as_str()).or_insert(i);
                    *at = (*at).min(i);
                }
            }
        };
        self.last_plan = Some(at);
        self.last_code.clear();
        self.last_code.push_str(code);
        Some(at)
    }

    fn refused(&self, line: u64, field: Option<&'static str>, why: RowWhy) -> Item {
        Item::Refused(RefusedRow {
            file: self.file.clone(),
            line,
            field,
            why,
        })
    }

    /// A row refused by core's rule; `plan`, the row's plan once it is known.
    fn rule(&self, line: u64, refusal: Refusal, plan: Option<usize>) -> Item {
        let field = refusal.field();
        let plan_file = plan.map(|p| shown(self.files, p));
        self.refused(line, field, RowWhy::Rule { refusal, plan_file })
    }

    /// One row of the reader: `None` for an empty value (skipped, as `import` skips it).
    fn resolve(&mut self, item: Result<ActualRowRef<'_>, RowError>) -> Option<Item> {
        let row = match item {
            Ok(row) => row,
            Err(e) => {
                return Some(Item::Refused(RefusedRow {
                    file: e.file,
                    line: e.line,
                    field: e.field,
                    why: RowWhy::Read(e.problem),
                }))
            }
        };
        let (value, unit) = match row.value {
            RawValue::Number(d) => (ObservedValue::Number(d), Unit::default()),
            RawValue::WithUnit(d, unit) => (ObservedValue::Number(d), unit),
            RawValue::Text(s) => (ObservedValue::State(s), Unit::default()),
            RawValue::Empty => return None,
        };
        let state = match &value {
            ObservedValue::State(s) => Some(s.as_str()),
            ObservedValue::Number(_) => None,
        };
        let texts = [
            Some(row.plan),
            Some(row.indicator),
            state,
            row.source,
            row.note,
        ];
        let pairs = || {
            row.breakdown
                .iter()
                .flatten()
                .flat_map(|(k, v)| [k.as_str(), v.as_str()])
        };
        // Two calls rather than one over the chain of both: the chain is a large iterator
        // to hand over for every row, the texts alone a small one.
        let checked =
            check_texts(texts.iter().flatten().copied()).and_then(|()| match row.breakdown {
                Some(_) => check_texts(pairs()),
                None => Ok(()),
            });
        if let Err(r) = checked {
            return Some(self.rule(row.line, r, None));
        }
        let Some(p) = self.plan(row.plan) else {
            let why = RowWhy::NoPlanFile(row.plan.to_owned());
            return Some(self.refused(row.line, Some("plan"), why));
        };
        let plan = self.shelf.plan(p)?;
        // What `IndicatorIndex::check` does, with the previous row's lookup when it named
        // the same indicator of the same plan the same way, else first a look at the
        // indicator after the previous one (files list indicators in the plan's order): a
        // plan that was read has no two indicators of one id (`Plan::check`), so the
        // indicator with the id named is the one the index finds. The index is made for a
        // plan only when that look misses.
        let found = match self.last_indicator {
            Some((lp, at)) if lp == p && self.last_named == row.indicator => Ok(at),
            last => {
                let next = match last {
                    Some((lp, at)) if lp == p => at + 1,
                    _ => 0,
                };
                let named = |pi: &PlanIndicator| pi.indicator.id == row.indicator;
                if plan.indicators.get(next).is_some_and(named) {
                    Ok(next)
                } else {
                    self.indexes
                        .get_mut(p)?
                        .get_or_insert_with(|| IndicatorIndex::of_plan(plan))
                        .find(row.indicator)
                }
                .inspect(|&at| {
                    self.last_indicator = Some((p, at));
                    self.last_named.clear();
                    self.last_named.push_str(row.indicator);
                })
            }
        };
        let checked = found.and_then(|at| {
            let Some(pi) = plan.indicators.get(at) else {
                return Ok((at, value));
            };
            let ind = &pi.indicator;
            let value = check_for(ind.kind, &ind.states, &ind.unit, value, &unit)?;
            Ok((at, value))
        });
        let (ind, value) = match checked {
            Ok(checked) => checked,
            Err(r) => return Some(self.rule(row.line, r, Some(p))),
        };
        Some(match row.breakdown {
            Some(mut pairs) => {
                pairs.sort_unstable();
                Item::Breakdown {
                    plan: p,
                    ind,
                    line: row.line,
                    period: row.period,
                    pairs,
                    value: match value {
                        ObservedValue::Number(d) => Some(d),
                        ObservedValue::State(_) => None,
                    },
                    status: row.status.unwrap_or_default(),
                }
            }
            None => Item::Total {
                plan: p,
                ind,
                line: row.line,
                observation: Observation {
                    period: row.period,
                    value,
                    status: row.status.unwrap_or_default(),
                    as_of: row.as_of,
                },
            },
        })
    }
}

/// A row with a breakdown, kept to find repeats: ordered by what makes two rows the same
/// (plan, indicator, period, breakdown), then by line.
#[derive(Debug, PartialEq, Eq, PartialOrd, Ord)]
struct BreakdownRow {
    plan: usize,
    ind: usize,
    period: Period,
    /// Sorted, so that one breakdown written in two orders is the same.
    pairs: Vec<(String, String)>,
    line: u64,
    value: Option<Decimal>,
    /// `final`, `provisional`, `estimate`.
    status: &'static str,
}

impl BreakdownRow {
    fn same(&self, other: &Self) -> bool {
        (self.plan, self.ind, self.period, &self.pairs)
            == (other.plan, other.ind, other.period, &other.pairs)
    }
}

/// The accepted rows of one file so far, and the refused ones.
struct FileRows<'s> {
    file: String,
    shelf: &'s Shelf,
    staged: Staged,
    /// Rows with a breakdown.
    breakdowns: Vec<BreakdownRow>,
    /// Repeated totals: (plan, indicator, period) → first and last line.
    repeats: HashMap<(usize, usize, Period), (u64, u64)>,
    problems: Vec<RefusedRow>,
}

/// A file at least this large is read in two halves on two threads; a smaller one on one
/// (where a thread, and counting the first half's lines for the second, cost about what the
/// second thread saves).
const TWO_HALVES: u64 = 1 << 20;

/// Where to cut a file in two for reading.
#[derive(Debug, Clone, Copy)]
enum Cut {
    /// After the middle of a plain file of [`TWO_HALVES`] or more, when there is more than
    /// one core; else nowhere.
    Auto,
    /// At this byte (the tests, which hold the two halves to one reader at every cut).
    #[cfg_attr(not(test), allow(dead_code))]
    At(u64),
}

/// Reads one Actuals CSV: its rows staged, or every refused row.
fn read(csv: &Path, resolver: &mut Resolver<'_>) -> Result<Staged, CliError> {
    read_cut(csv, resolver, Cut::Auto)
}

/// Reads one Actuals CSV, in two halves when `cut` says where and the file allows it.
///
/// The halves: this thread reads the rows before the cut (a record boundary, found by
/// [`split_point`]) while a second reads those after it from its own handle on the file
/// ([`read_rest`]), each with its own [`Resolver`] and [`FileRows`]; then the second's rows
/// are added after the first's ([`FileRows::merge`]) — refused rows in file order, a repeat
/// across the cut named by both its lines — when the first reader confirms that they are
/// what it would have read itself ([`ActualsReader::continued_by`]: the cut is a record
/// boundary, the lines agree, and the encoding the whole file is read in is the one the
/// second half was read in). Otherwise the second's work is dropped and this thread reads on
/// to the end, as it does for a file that is not cut (stdin is never cut: it is no plain
/// file; nor is a UTF-16 file, whose bytes are not the text).
fn read_cut(csv: &Path, resolver: &mut Resolver<'_>, cut: Cut) -> Result<Staged, CliError> {
    let file = csv.display().to_string();
    let opening = || CliError::read(Reading::Opening(file.clone()));
    let f = std::fs::File::open(csv).map_err(opening())?;
    let size = f
        .metadata()
        .ok()
        .filter(std::fs::Metadata::is_file)
        .map(|m| m.len());
    let mut reader = ActualsReader::new(f, &file)?;
    resolver.file.clone_from(&file);
    let mut rows = FileRows::new(&file, resolver.shelf);
    let at = match cut {
        Cut::At(at) => Some(at),
        Cut::Auto => size
            .filter(|&len| len >= TWO_HALVES && crate::par::workers() > 1)
            .and_then(|len| {
                let mut f = std::fs::File::open(csv).ok()?;
                split_point(&mut f, len).ok().flatten()
            }),
    };
    if let Some(at) = at.filter(|_| reader.passes_bytes()) {
        reader.stop_at(at);
        let rest = reader.rest();
        let cancel = AtomicBool::new(false);
        let (shelf, files) = (resolver.shelf, resolver.files);
        let later = std::thread::scope(|s| {
            let second = s.spawn(|| read_rest(csv, &file, rest, at, (shelf, files), &cancel));
            while let Some(item) = reader.next_row() {
                if let Some(item) = resolver.resolve(item) {
                    rows.take(item);
                }
                if reader.passed_stop() {
                    cancel.store(true, Ordering::Relaxed);
                }
            }
            second
                .join()
                .unwrap_or_else(|e| std::panic::resume_unwind(e))
        });
        match later {
            Some((rest, later)) if reader.continued_by(&rest) => {
                rows.merge(later);
                #[cfg(test)]
                tests::JOINED.with(|j| j.set(j.get() + 1));
            }
            _ => reader.read_on(),
        }
    }
    while let Some(item) = reader.next_row() {
        if let Some(item) = resolver.resolve(item) {
            rows.take(item);
        }
    }
    rows.finish()
}

/// The second half of a file read in two ([`read_cut`]): the rows from byte `at` on, read
/// to the end, resolved and staged; `None` when the file cannot be read again or `cancel`
/// says the first half's reader reads the whole file.
fn read_rest<'s>(
    csv: &Path,
    file: &str,
    rest: Rest,
    at: u64,
    (shelf, files): (&'s Shelf, &'s [PathBuf]),
    cancel: &AtomicBool,
) -> Option<(ActualsReader<std::fs::File>, FileRows<'s>)> {
    let f = std::fs::File::open(csv).ok()?;
    let mut reader = rest.reader(f, at).ok()?;
    let mut resolver = Resolver::new(shelf, files);
    resolver.file = file.to_owned();
    let mut rows = FileRows::new(file, shelf);
    let mut n = 0u32;
    while let Some(item) = reader.next_row() {
        if let Some(item) = resolver.resolve(item) {
            rows.take(item);
        }
        n = n.wrapping_add(1);
        if n.is_multiple_of(1024) && cancel.load(Ordering::Relaxed) {
            return None;
        }
    }
    Some((reader, rows))
}

impl<'s> FileRows<'s> {
    fn new(file: &str, shelf: &'s Shelf) -> Self {
        FileRows {
            file: file.to_owned(),
            shelf,
            staged: Staged {
                plans: (0..shelf.slots.len()).map(|_| None).collect(),
            },
            breakdowns: Vec::new(),
            repeats: HashMap::new(),
            problems: Vec::new(),
        }
    }

    /// Adds the rows of `later`, which come after all of these in the file: what
    /// [`FileRows::take`] of each of them, in order, would have made.
    fn merge(&mut self, mut later: FileRows<'s>) {
        self.problems.append(&mut later.problems);
        self.breakdowns.append(&mut later.breakdowns);
        if !self.problems.is_empty() {
            // The file is refused; its staged rows are not looked at.
            return;
        }
        for (p, theirs) in later.staged.plans.into_iter().enumerate() {
            let Some(theirs) = theirs else { continue };
            let Some(slot) = self.staged.plans.get_mut(p) else {
                continue;
            };
            let Some(mine) = slot else {
                *slot = Some(theirs);
                continue;
            };
            for (ind, (mine, theirs)) in mine.iter_mut().zip(theirs).enumerate() {
                if mine.observations.is_empty() {
                    *mine = theirs;
                    continue;
                }
                for (observation, line) in theirs.observations.into_iter().zip(theirs.lines) {
                    let key = (p, ind, observation.period);
                    let Some(j) = mine
                        .observations
                        .iter()
                        .position(|o| o.period == observation.period)
                    else {
                        mine.observations.push(observation);
                        mine.lines.push(line);
                        continue;
                    };
                    // A repeat across the cut: the first line is this half's, the last the
                    // later half's last (its own repeats of the period come after its row).
                    let first = mine.lines.get(j).copied().unwrap_or(0);
                    let last = later.repeats.remove(&key).map_or(line, |(_, last)| last);
                    self.repeats
                        .entry(key)
                        .and_modify(|(_, l)| *l = last)
                        .or_insert((first, last));
                }
            }
        }
        // The later half's other repeats are of periods this half does not have.
        self.repeats.extend(later.repeats);
    }
}

impl FileRows<'_> {
    fn take(&mut self, item: Item) {
        let (p, ind, line, observation) = match item {
            Item::Refused(row) => {
                self.problems.push(row);
                return;
            }
            // The file is refused: what is left is to find every other refused row.
            _ if !self.problems.is_empty() => return,
            Item::Breakdown {
                plan,
                ind,
                line,
                period,
                pairs,
                value,
                status,
            } => {
                self.breakdowns.push(BreakdownRow {
                    plan,
                    ind,
                    period,
                    pairs,
                    line,
                    value,
                    status: status.as_str(),
                });
                return;
            }
            Item::Total {
                plan,
                ind,
                line,
                observation,
            } => (plan, ind, line, observation),
        };
        let Some(plan) = self.shelf.plan(p) else {
            return;
        };
        let Some(slot) = self.staged.plans.get_mut(p) else {
            return;
        };
        let rows = slot.get_or_insert_with(|| {
            (0..plan.indicators.len())
                .map(|_| Rows::default())
                .collect()
        });
        let Some(rows) = rows.get_mut(ind) else {
            return;
        };
        if let Some(j) = rows
            .observations
            .iter()
            .position(|o| o.period == observation.period)
        {
            let first = rows.lines.get(j).copied().unwrap_or(0);
            self.repeats
                .entry((p, ind, observation.period))
                .and_modify(|(_, last)| *last = line)
                .or_insert((first, line));
            return;
        }
        if rows.observations.capacity() == 0 {
            // A value a year for the plan's years is the usual shape: room for them at once.
            let years = plan
                .period
                .map_or(0, |period| {
                    usize::try_from(period.year_count()).unwrap_or(0)
                })
                .clamp(1, 64);
            rows.observations.reserve(years);
            rows.lines.reserve(years);
        }
        rows.observations.push(observation);
        rows.lines.push(line);
    }

    /// The staged rows, or every refused row: the reader's and core's first, else repeats.
    fn finish(mut self) -> Result<Staged, CliError> {
        if !self.problems.is_empty() {
            return Err(CliError::Refused(self.problems));
        }
        self.breakdowns.sort_unstable();
        let mut repeats: Vec<(u64, u64, usize, usize, Period)> = self
            .repeats
            .iter()
            .map(|(&(p, i, period), &(first, last))| (first, last, p, i, period))
            .collect();
        for run in self.breakdowns.chunk_by(BreakdownRow::same) {
            if let ([first, ..], [.., last]) = (run, run) {
                if run.len() > 1 {
                    repeats.push((first.line, last.line, first.plan, first.ind, first.period));
                }
            }
        }
        if repeats.is_empty() {
            return self.totals_of_parts();
        }
        repeats.sort_unstable();
        let problems = repeats
            .into_iter()
            .take(REPEATS_SHOWN)
            .map(|(first, last, p, i, period)| {
                let indicator = self
                    .shelf
                    .plan(p)
                    .and_then(|plan| plan.indicators.get(i))
                    .map_or_else(String::new, |pi| pi.indicator.id.clone());
                let r = Refusal::Repeated {
                    indicator,
                    period: period.to_string(),
                    first,
                };
                RefusedRow {
                    file: self.file.clone(),
                    line: last,
                    field: r.field(),
                    why: RowWhy::Rule {
                        refusal: r,
                        plan_file: None,
                    },
                }
            })
            .collect();
        Err(CliError::Refused(problems))
    }
}

impl FileRows<'_> {
    /// The totals of the indicators and periods the file gives parts of, as `import` makes
    /// them (`Store`'s `totals_of_parts`, by core's [`shinchoku_core::breakdown::totals`]): a
    /// count's given total must equal each dimension's sum and a missing one is that sum (the
    /// least sure status of its parts); a rate's total must be given. Every problem refuses
    /// the file, at its line.
    fn totals_of_parts(mut self) -> Result<Staged, CliError> {
        use shinchoku_core::breakdown::{aggregation, totals, Part};
        let mut problems = Vec::new();
        let mut made: Vec<(usize, usize, Observation, u64)> = Vec::new();
        for group in self
            .breakdowns
            .chunk_by(|a, b| (a.plan, a.ind) == (b.plan, b.ind))
        {
            let Some(first) = group.first() else { continue };
            let Some(pi) = self
                .shelf
                .plan(first.plan)
                .and_then(|plan| plan.indicators.get(first.ind))
            else {
                continue;
            };
            let agg = aggregation(&pi.indicator.unit, pi.ratio.is_some());
            let given = self
                .staged
                .plans
                .get(first.plan)
                .and_then(Option::as_ref)
                .and_then(|rows| rows.get(first.ind));
            let mut parts: Vec<Part> = Vec::new();
            for b in group {
                let Some(value) = b.value else { continue };
                let keys: Vec<&str> = b.pairs.iter().map(|(k, _)| k.as_str()).collect();
                let members: Vec<&str> = b.pairs.iter().map(|(_, v)| v.as_str()).collect();
                parts.push(Part {
                    line: b.line,
                    period: b.period,
                    dimension: Some((keys.join(";"), members.join(";"))),
                    value,
                });
            }
            if let Some(rows) = given {
                for (o, &line) in rows.observations.iter().zip(&rows.lines) {
                    if let (ObservedValue::Number(value), true) =
                        (&o.value, group.iter().any(|b| b.period == o.period))
                    {
                        parts.push(Part {
                            line,
                            period: o.period,
                            dimension: None,
                            value: *value,
                        });
                    }
                }
            }
            match totals(&parts, agg) {
                Err(found) => problems.extend(found.into_iter().map(|p| RefusedRow {
                    file: self.file.clone(),
                    line: p.line().unwrap_or(0),
                    field: Some("breakdown"),
                    why: RowWhy::Breakdown(p),
                })),
                Ok(sums) => {
                    for (period, total) in sums {
                        if parts
                            .iter()
                            .any(|p| p.period == period && p.dimension.is_none())
                        {
                            continue;
                        }
                        let of_period = || group.iter().filter(|b| b.period == period);
                        let status = of_period()
                            .filter_map(|b| ObservationStatus::parse(b.status))
                            .fold(
                                ObservationStatus::Final,
                                shinchoku_core::derived::weaker_status,
                            );
                        let line = of_period().map(|b| b.line).min().unwrap_or(0);
                        let observation = Observation {
                            period,
                            value: ObservedValue::Number(total.normalize()),
                            status,
                            as_of: None,
                        };
                        made.push((first.plan, first.ind, observation, line));
                    }
                }
            }
        }
        if !problems.is_empty() {
            problems.sort_by_key(|p| p.line);
            return Err(CliError::Refused(problems));
        }
        for (p, ind, observation, line) in made {
            let Some(plan) = self.shelf.plan(p) else {
                continue;
            };
            let Some(slot) = self.staged.plans.get_mut(p) else {
                continue;
            };
            let rows = slot.get_or_insert_with(|| {
                (0..plan.indicators.len())
                    .map(|_| Rows::default())
                    .collect()
            });
            if let Some(rows) = rows.get_mut(ind) {
                rows.observations.push(observation);
                rows.lines.push(line);
            }
        }
        Ok(self.staged)
    }
}

#[cfg(test)]
mod tests {
    //! A file read in two halves gives what one reader gives: the same staged rows, or the
    //! same refused rows in the same order with the same lines and words, at every cut.

    #![allow(clippy::unwrap_used, clippy::expect_used)]

    use super::*;
    use proptest::prelude::*;

    thread_local! {
        /// Files whose halves were joined on this thread (rather than read on by the first).
        pub(super) static JOINED: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
    }

    fn joined() -> usize {
        JOINED.with(std::cell::Cell::get)
    }

    const PLAN_A: &str = r#"[plan]
code = "p-a"
title = "A"
period = "FY2020-FY2026"

[[indicators]]
id = "i1"
name = "企業誘致件数"
unit = "件"
kind = "period_total"
baseline = { value = 25, period = "FY2019" }
target = { value = 125, period = "FY2020-FY2026" }

[[indicators]]
id = "i2"
name = "導入率"
unit = "%"
kind = "level"
target = { value = 50, period = "FY2026" }

[[indicators]]
id = "i3"
name = "計画策定"
kind = "milestone"
states = ["未着手", "検討中", "実施中", "実現"]
"#;

    const PLAN_B: &str = r#"[plan]
code = "p-b"
title = "B"
period = "FY2020-FY2026"

[[indicators]]
id = "i1"
name = "来訪者数"
unit = "人"
kind = "level"
target = { value = 1000, period = "FY2026" }

[[indicators]]
id = "i2"
name = "同名"
unit = "人"
kind = "annual"
target = { value = 10, period = "FY2026" }

[[indicators]]
id = "i3"
name = "同名"
unit = "人"
kind = "level"
target = { value = 10, period = "FY2026" }
"#;

    fn plans() -> Vec<Plan> {
        [PLAN_A, PLAN_B]
            .iter()
            .map(|t| shinchoku_import::planfile::read_plan(t, "plan.toml").unwrap())
            .collect()
    }

    /// What `read_cut` gives for the file, with every plan read, as text to compare.
    fn read_with(plans: &[Plan], csv: &Path, cut: Cut) -> String {
        let shelf = Shelf::new(plans.len(), 0);
        for (i, p) in plans.iter().enumerate() {
            shelf.put(i, Ok(p.clone()));
        }
        let files = [PathBuf::from("a.toml"), PathBuf::from("b.toml")];
        let mut resolver = Resolver::new(&shelf, &files);
        format!("{:#?}", read_cut(csv, &mut resolver, cut))
    }

    /// One cell of a row; the generator writes cells that are right, wrong and odd.
    fn cell(choices: &'static [&'static str]) -> impl Strategy<Value = String> {
        proptest::sample::select(choices).prop_map(str::to_owned)
    }

    /// A CSV field, quoted when it must be.
    fn field(s: &str) -> String {
        if s.contains([',', '"', '\n', '\r']) {
            format!("\"{}\"", s.replace('"', "\"\""))
        } else {
            s.to_owned()
        }
    }

    #[derive(Debug, Clone)]
    struct Row {
        plan: String,
        indicator: String,
        period: String,
        value: String,
        status: String,
        note: String,
        breakdown: String,
        /// A blank line before the row.
        blank: bool,
    }

    fn row() -> impl Strategy<Value = Row> {
        (
            (
                cell(&["p-a", "p-a", "p-a", "p-b", "p-b", "p-x", ""]),
                cell(&[
                    "i1",
                    "i2",
                    "i3",
                    "i1",
                    "企業誘致件数",
                    "同名",
                    "i9",
                    "来訪者数",
                ]),
                cell(&[
                    "FY2020",
                    "FY2021",
                    "FY2022",
                    "FY2023",
                    "2024",
                    "令和6年度",
                    "FY20x",
                    "FY2022-FY2023",
                    "",
                ]),
                cell(&[
                    "10",
                    "12.5",
                    "1,234",
                    "22.5%",
                    "27件",
                    "△3",
                    "実施中",
                    "実現",
                    "未定",
                    "1e5",
                    "",
                    "-",
                    "5 以上",
                ]),
            ),
            (
                cell(&["", "", "final", "速報", "maybe"]),
                cell(&[
                    "",
                    "",
                    "note, with a comma",
                    "two\nlines",
                    "a \"quote\"",
                    "x\ny,z,w,v",
                ]),
                cell(&[
                    "",
                    "",
                    "",
                    "地域=岩国",
                    "地域=周南",
                    "性別=女性;地域=岩国",
                    "nope",
                ]),
                proptest::bool::weighted(0.1),
            ),
        )
            .prop_map(
                |((plan, indicator, period, value), (status, note, breakdown, blank))| Row {
                    plan,
                    indicator,
                    period,
                    value,
                    status,
                    note,
                    breakdown,
                    blank,
                },
            )
    }

    /// A row that no check refuses by itself (its plan, indicator, period and value are
    /// right), so that files of them are accepted, or refused only for repeats and for totals
    /// their parts do not make: rows of few indicators and periods, often repeated.
    fn valid_row() -> impl Strategy<Value = Row> {
        let number = cell(&["1", "2.5", "10", "1,000", "0"]);
        let indicator = prop_oneof![
            // A count (its parts sum to its total) and a rate (its total must be given).
            (
                "p-a",
                "i1",
                cell(&["", "", "地域=岩国", "地域=周南", "性別=女性;地域=岩国"])
            ),
            ("p-a", "i2", cell(&["", "", "地域=岩国"])),
            ("p-a", "i3", Just(String::new())),
            ("p-b", "i1", Just(String::new())),
        ];
        (
            indicator,
            number,
            cell(&["実施中", "検討中"]),
            cell(&[
                "FY2020", "FY2021", "FY2022", "FY2023", "2024", "FY2025", "FY2026",
            ]),
            cell(&["", "", "provisional", "見込"]),
            proptest::bool::weighted(0.1),
        )
            .prop_map(
                |((plan, indicator, breakdown), number, state, period, status, blank)| Row {
                    plan: plan.to_owned(),
                    indicator: indicator.to_owned(),
                    period,
                    value: if indicator == "i3" && plan == "p-a" {
                        state
                    } else {
                        number
                    },
                    status,
                    note: String::new(),
                    breakdown,
                    blank,
                },
            )
    }

    /// The file's bytes, and where each row starts in them.
    fn write(rows: &[Row], bom: bool, crlf: bool, japanese: bool) -> (Vec<u8>, Vec<usize>) {
        let eol = if crlf { "\r\n" } else { "\n" };
        let mut text = String::new();
        if bom {
            text.push('\u{feff}');
        }
        text.push_str(if japanese {
            "計画,指標,年度,値,状態,備考,内訳"
        } else {
            "plan,indicator,period,value,status,note,breakdown"
        });
        text.push_str(eol);
        let mut starts = Vec::new();
        for r in rows {
            if r.blank {
                text.push_str(eol);
            }
            starts.push(text.len());
            let cells = [
                &r.plan,
                &r.indicator,
                &r.period,
                &r.value,
                &r.status,
                &r.note,
                &r.breakdown,
            ];
            let cells: Vec<String> = cells.iter().map(|c| field(c)).collect();
            text.push_str(&cells.join(","));
            text.push_str(eol);
        }
        (text.into_bytes(), starts)
    }

    proptest! {
        /// Skipping the sort of observations found in fiscal years' order leaves them as
        /// the sort leaves them.
        #[test]
        fn observations_in_fiscal_years_order_are_as_the_sort_orders_them(
            periods in prop_oneof![
                proptest::collection::vec(
                    prop_oneof![
                        (2018..2024i32).prop_map(Period::FiscalYear),
                        (2018..2024i32).prop_map(Period::CalendarYear),
                        (2018..2024i32, 1..=12u8)
                            .prop_map(|(year, month)| Period::Month { year, month }),
                    ],
                    0..8,
                ),
                // Fiscal years in order, the usual file's: the sort is skipped.
                proptest::collection::btree_set(2010..2030i32, 0..12)
                    .prop_map(|ys| ys.into_iter().map(Period::FiscalYear).collect()),
            ],
            month in 1..=12u8,
        ) {
            let observations: Vec<Observation> = periods
                .into_iter()
                .enumerate()
                .map(|(i, p)| Observation::number(p, Decimal::from(i)))
                .collect();
            let Some(fs) = shinchoku_core::period::FiscalStart::new(month) else {
                return Err(TestCaseError::fail("no such month"));
            };
            let mut sorted = observations.clone();
            sorted.sort_by_key(|o| (o.period.last_day(fs), o.period, o.as_of));
            if in_fiscal_years_order(&observations) {
                prop_assert_eq!(observations, sorted);
            }
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

        #[test]
        fn a_file_read_in_two_halves_gives_what_one_reader_gives(
            rows in prop_oneof![
                proptest::collection::vec(row(), 1..40),
                // Few rows: often no repeat, and the file is accepted.
                proptest::collection::vec(valid_row(), 1..10),
                proptest::collection::vec(valid_row(), 1..40),
            ],
            bom in any::<bool>(),
            crlf in any::<bool>(),
            japanese in any::<bool>(),
            cuts in proptest::collection::vec(any::<proptest::sample::Index>(), 4),
        ) {
            let plans = plans();
            let dir = shinchoku_testkit::scratch::scratch("actuals-halves");
            let csv = dir.join("actuals.csv");
            let (bytes, starts) = write(&rows, bom, crlf, japanese);
            std::fs::write(&csv, &bytes).unwrap();
            prop_assert!((bytes.len() as u64) < TWO_HALVES, "read on one thread");
            let one = read_with(&plans, &csv, Cut::Auto);
            // At the start of every row (where the halves are joined, unless a blank line
            // comes before) and at a few bytes anywhere.
            for (r, &at) in rows.iter().zip(&starts) {
                let before = joined();
                let two = read_with(&plans, &csv, Cut::At(at as u64));
                prop_assert_eq!(&two, &one, "cut at byte {}", at);
                if !r.blank {
                    prop_assert_eq!(joined(), before + 1, "cut at byte {} not joined", at);
                }
            }
            for at in cuts.iter().map(|c| c.index(bytes.len())) {
                let two = read_with(&plans, &csv, Cut::At(at as u64));
                prop_assert_eq!(&two, &one, "cut at byte {}", at);
            }
        }
    }

    #[test]
    fn plan_files_taken_alternately_from_both_halves_are_each_taken_once() {
        for len in 0..50 {
            let mut taken: Vec<usize> = (0..len).map(|n| alternate(n, len)).collect();
            if len >= 3 {
                assert_eq!(&taken[..3], &[0, len.div_ceil(2), 1]);
            }
            taken.sort_unstable();
            assert_eq!(taken, (0..len).collect::<Vec<_>>());
            assert!(alternate(len, len) >= len);
        }
    }

    #[test]
    fn a_repeat_across_the_cut_is_named_by_both_its_lines() {
        let plans = plans();
        let dir = shinchoku_testkit::scratch::scratch("actuals-halves-repeat");
        let csv = dir.join("actuals.csv");
        let text = "plan,indicator,period,value\n\
                    p-a,i2,FY2021,1\n\
                    p-a,i2,FY2022,2\n\
                    p-a,i2,FY2021,3\n\
                    p-b,i1,FY2021,4\n\
                    p-a,i2,FY2021,5\n";
        std::fs::write(&csv, text).unwrap();
        let at = text.find("p-b").unwrap() as u64;
        let one = read_with(&plans, &csv, Cut::Auto);
        assert!(one.contains("first: 2"), "{one}");
        assert!(one.contains("line: 6"), "{one}");
        let before = joined();
        assert_eq!(read_with(&plans, &csv, Cut::At(at)), one);
        assert_eq!(joined(), before + 1);
    }
}
