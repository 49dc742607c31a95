//! The Actuals CSV (実績値 CSV): rows of `plan,indicator,period,value` read as a stream.
//!
//! Offices keep their actual values in spreadsheets and hand them over as CSV, written by
//! Excel in whatever encoding it chose, with Japanese headers, full-width digits, `△` for
//! minus and `1,234` for a thousand and more. This module turns such a file into
//! [`ActualRow`]s one at a time, so the store can check and apply a file of any length (DESIGN.md
//! → Actuals CSV), and it reports every problem of a row with its line and column, so a user
//! fixes a file in one pass.
//!
//! Guarantees:
//! - Nothing here panics, whatever the bytes.
//! - Memory is bounded: the file is read through fixed buffers (64 KiB of raw bytes, 64 KiB of
//!   decoded text, one CSV record at a time); no row is kept after it has been returned.
//! - Encodings: UTF-8 with or without a byte order mark, UTF-16LE/BE with a byte order mark,
//!   and Shift_JIS (CP932, as Japanese Excel writes it). Without a mark the decision is taken at
//!   the first non-ASCII byte, from the 64 KiB that follow it (see [`ActualsReader::encoding`]),
//!   so a Shift_JIS file whose first rows are ASCII is still recognised. Bytes that are not in
//!   the file's encoding are an error of the row and column they are in.
//! - Line numbers are physical lines of the file (the header is line 1), and stay right after
//!   a quoted value that spans several lines. Blank lines and rows of empty cells are skipped.
//! - Columns are matched by header name, trimmed and case-insensitive, English or Japanese
//!   (`計画`, `指標`, `年度`/`期間`, `値`/`実績値`, `状態`, `時点`, `出典`/`資料`, `備考`, `内訳`).
//!   An unknown column is an error, so a typo in a header is never silently ignored.
//! - Values are read by core's one quantity parser ([`parse_quantity`]) and are exact
//!   [`Decimal`]s; periods by core's one period parser ([`parse_period`]).
//! - A large file can be read in two halves on two threads: [`split_point`] finds a cut,
//!   [`ActualsReader::stop_at`] stops the first half's reader there, [`ActualsReader::rest`]
//!   and [`Rest::reader`] read the rest, and [`ActualsReader::continued_by`] says whether the
//!   two together gave exactly the rows, errors and lines one reader gives (else the first
//!   reads on). The encoding is decided for the whole file as one reader decides it.
//!
//! The module reads; it does not decide. Whether `indicator` is an id or a name, whether a text
//! value is a milestone state, and what an empty value means are the store's business.

use std::borrow::Cow;
use std::collections::VecDeque;
use std::fmt;
use std::io::{self, Read};

use encoding_rs::{CoderResult, Decoder, Encoding, SHIFT_JIS, UTF_8};
use shinchoku_core::era::parse_period;
use shinchoku_core::indicator::{Comparator, ObservationStatus};
use shinchoku_core::period::{Period, PeriodErrorKind};
use shinchoku_core::quantity::{parse_quantity, QuantityErrorKind};
use shinchoku_core::Decimal;

use shinchoku_core::indicator::ObservedValue;
use shinchoku_core::lang::{Lang, Localize};
use shinchoku_core::quantity::Unit;
use shinchoku_core::text::normalize;

use crate::encoding::{self, Binary, Sniffed};

mod problem;

pub use problem::{CsvProblem, PeriodWhy, Required};

// ---------------------------------------------------------------------------------------------
// The public types
// ---------------------------------------------------------------------------------------------

/// One data row of an Actuals CSV, every cell read and checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActualRow {
    /// The 1-based physical line the row starts on; the header is line 1.
    pub line: u64,
    /// The plan's code, trimmed.
    pub plan: String,
    /// The indicator's id or name, trimmed and otherwise as written. Compare names in the form
    /// [`shinchoku_core::text::fold_printed_name`] gives.
    pub indicator: String,
    /// The year (or month, or day) the value is for; never a window.
    pub period: Period,
    /// The value.
    pub value: RawValue,
    /// `final` (確定), `provisional` (速報) or `estimate` (見込); `None` when the column is
    /// absent or the cell empty.
    pub status: Option<ObservationStatus>,
    /// The date the value was counted at; never a window.
    pub as_of: Option<Period>,
    /// Where the value comes from (資料), trimmed.
    pub source: Option<String>,
    /// A note (備考), trimmed.
    pub note: Option<String>,
    /// The breakdown the value is for (`性別=女性;地域=岩国`), pairs in the order written,
    /// keys and values NFKC-normalised and trimmed; `None` for a total.
    pub breakdown: Option<Vec<(String, String)>>,
}

/// One data row as [`ActualsReader::next_row`] lends it: an [`ActualRow`] whose texts are
/// borrowed from the reader's record until the next row is read, so that a caller that only
/// looks at them (to find the plan and indicator they name) allocates nothing for them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActualRowRef<'r> {
    /// See [`ActualRow::line`].
    pub line: u64,
    /// See [`ActualRow::plan`].
    pub plan: &'r str,
    /// See [`ActualRow::indicator`].
    pub indicator: &'r str,
    /// See [`ActualRow::period`].
    pub period: Period,
    /// See [`ActualRow::value`].
    pub value: RawValue,
    /// See [`ActualRow::status`].
    pub status: Option<ObservationStatus>,
    /// See [`ActualRow::as_of`].
    pub as_of: Option<Period>,
    /// See [`ActualRow::source`].
    pub source: Option<&'r str>,
    /// See [`ActualRow::note`].
    pub note: Option<&'r str>,
    /// See [`ActualRow::breakdown`].
    pub breakdown: Option<Vec<(String, String)>>,
}

impl ActualRowRef<'_> {
    /// The row with its texts owned.
    pub fn into_owned(self) -> ActualRow {
        ActualRow {
            line: self.line,
            plan: self.plan.to_owned(),
            indicator: self.indicator.to_owned(),
            period: self.period,
            value: self.value,
            status: self.status,
            as_of: self.as_of,
            source: self.source.map(str::to_owned),
            note: self.note.map(str::to_owned),
            breakdown: self.breakdown,
        }
    }
}

/// A value cell as read, before the indicator's kind says what it may be.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RawValue {
    /// A plain number, exact: `1,234.5`, `１２３`, `△12` (= −12), `−5`.
    Number(Decimal),
    /// A number written with a unit, exact: `22.5%`, `２７件`, `1億5,000万円` (15000 `万円`).
    /// Whether the unit is the indicator's own is the store's business: it knows the
    /// indicator.
    WithUnit(Decimal, Unit),
    /// Text that is no number, kept as written (trimmed): a milestone state such as `実施中`,
    /// or a word such as `未定`, which the store refuses for a numeric indicator.
    Text(String),
    /// An empty cell, or a lone dash (`-`, `—`), which plans print for "no value".
    Empty,
}

impl RawValue {
    /// The value as the store takes it: the value (`None` for an empty cell) and the unit a
    /// number was written with (empty for a bare number or a state).
    pub fn observed(self) -> (Option<ObservedValue>, Unit) {
        match self {
            RawValue::Number(d) => (Some(ObservedValue::Number(d)), Unit::default()),
            RawValue::WithUnit(d, unit) => (Some(ObservedValue::Number(d)), unit),
            RawValue::Text(s) => (Some(ObservedValue::State(s)), Unit::default()),
            RawValue::Empty => (None, Unit::default()),
        }
    }
}

/// The reason a file cannot be read at all: its header, its encoding, or the reading itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActualsError {
    /// The file, as the caller named it.
    pub file: String,
    /// The line (1-based) of the problem: the header's, for a header problem.
    pub line: u64,
    /// What kind of problem.
    pub kind: ActualsErrorKind,
    /// What was found; its message ([`Localize`]) says how to fix it.
    pub problem: CsvProblem,
}

/// The ways a file can fail before its first row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum ActualsErrorKind {
    /// Reading failed.
    Io,
    /// No header: the file is empty or blank.
    Empty,
    /// The bytes are no CSV text: a workbook, a binary file, UTF-16 without its mark, or a
    /// header that is not in the file's encoding.
    NotText,
    /// The header lacks a required column, names an unknown one, or names one twice.
    Header,
}

/// A problem in one row. A row with several problems gives one error for each, in column
/// order, all with the row's line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowError {
    /// The file, as the caller named it.
    pub file: String,
    /// The 1-based line the row starts on.
    pub line: u64,
    /// The column (its English name: `period`, `value`, …); `None` for a problem of the row
    /// as a whole, such as its number of fields.
    pub field: Option<&'static str>,
    /// What kind of problem.
    pub kind: RowErrorKind,
    /// What was found, naming the input; its message ([`Localize`]) says how to fix it.
    pub problem: CsvProblem,
}

/// The ways a row can be refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum RowErrorKind {
    /// More or fewer fields than the header has.
    FieldCount,
    /// Bytes that are not in the file's encoding.
    Encoding,
    /// A required cell (`plan`, `indicator`, `period`) is empty.
    Missing,
    /// `period` or `as_of` is not a period, or is a window.
    Period,
    /// `value` is a malformed number, or a number with marks other than a unit (`以上`, a
    /// window, a note).
    Value,
    /// `status` is none of the known words.
    Status,
    /// `breakdown` is not `key=value` pairs.
    Breakdown,
    /// A value under a column whose header cell is empty.
    UnnamedColumn,
    /// A quoted value that takes in what look like further rows: a closing quote is missing.
    UnclosedQuote,
    /// Reading failed after this line; nothing after it was read.
    Io,
}

impl Localize for ActualsError {
    /// `FILE:LINE: message`; the location is the same in every language.
    fn localize(&self, lang: Lang, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}: {}",
            self.file,
            self.line,
            self.problem.in_lang(lang)
        )
    }
}

impl fmt::Display for ActualsError {
    /// The English text.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.localize(Lang::En, f)
    }
}

impl std::error::Error for ActualsError {}

impl Localize for RowError {
    /// `FILE:LINE: column "value": message` (`列「value」` in Japanese: [`Lang::column`]).
    fn localize(&self, lang: Lang, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: ", self.file, self.line)?;
        if let Some(col) = self.field {
            write!(f, "{}", lang.column(col))?;
        }
        self.problem.localize(lang, f)
    }
}

impl fmt::Display for RowError {
    /// The English text.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.localize(Lang::En, f)
    }
}

impl std::error::Error for RowError {}

// ---------------------------------------------------------------------------------------------
// Columns
// ---------------------------------------------------------------------------------------------

/// The columns this format knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Col {
    Plan,
    Indicator,
    Period,
    Value,
    Status,
    AsOf,
    Source,
    Note,
    Breakdown,
}

const ALL_COLS: [Col; 9] = [
    Col::Plan,
    Col::Indicator,
    Col::Period,
    Col::Value,
    Col::Status,
    Col::AsOf,
    Col::Source,
    Col::Note,
    Col::Breakdown,
];

const REQUIRED: [Col; 4] = [Col::Plan, Col::Indicator, Col::Period, Col::Value];

impl Col {
    fn name(self) -> &'static str {
        match self {
            Col::Plan => "plan",
            Col::Indicator => "indicator",
            Col::Period => "period",
            Col::Value => "value",
            Col::Status => "status",
            Col::AsOf => "as_of",
            Col::Source => "source",
            Col::Note => "note",
            Col::Breakdown => "breakdown",
        }
    }

    fn index(self) -> usize {
        self as usize
    }

    /// The column a header cell names (already folded: NFKC, trimmed, ASCII lower case).
    fn from_header(h: &str) -> Option<Col> {
        Some(match h {
            "plan" | "計画" => Col::Plan,
            "indicator" | "指標" => Col::Indicator,
            "period" | "年度" | "期間" => Col::Period,
            "value" | "値" | "実績値" => Col::Value,
            "status" | "状態" => Col::Status,
            "as_of" | "as-of" | "asof" | "as of" | "時点" => Col::AsOf,
            "source" | "出典" | "資料" => Col::Source,
            "note" | "備考" => Col::Note,
            "breakdown" | "内訳" => Col::Breakdown,
            _ => return None,
        })
    }
}

/// Where each known column sits in a row, read from the header.
#[derive(Debug, Clone)]
struct Columns {
    /// By [`Col::index`]: the field index of the column, if the header has it.
    at: [Option<usize>; 9],
    /// Fields in the header; every row must have as many.
    width: usize,
    /// Field indices whose header cell is empty (Excel writes them for formatted cells).
    unnamed: Vec<usize>,
}

impl Columns {
    fn get(&self, c: Col) -> Option<usize> {
        self.at.get(c.index()).copied().flatten()
    }

    /// Reads the header cells; the problem lists everything wrong at once.
    fn from_header(cells: &[String]) -> Result<Columns, CsvProblem> {
        let mut at = [None; 9];
        let mut unnamed = Vec::new();
        let mut unknown: Vec<(String, Option<&'static str>)> = Vec::new();
        let mut twice: Vec<(String, &'static str)> = Vec::new();
        for (i, raw) in cells.iter().enumerate() {
            let folded = normalize(raw.trim_start_matches('\u{FEFF}'))
                .trim()
                .to_ascii_lowercase();
            if folded.is_empty() {
                unnamed.push(i);
                continue;
            }
            match Col::from_header(&folded) {
                Some(c) => match at.get_mut(c.index()) {
                    Some(slot) if slot.is_none() => *slot = Some(i),
                    _ => twice.push((raw.trim().to_owned(), c.name())),
                },
                None => unknown.push((raw.trim().to_owned(), suggest(raw))),
            }
        }
        let missing: Vec<&'static str> = REQUIRED
            .iter()
            .filter(|c| at.get(c.index()).copied().flatten().is_none())
            .map(|c| c.name())
            .collect();
        if missing.is_empty() && unknown.is_empty() && twice.is_empty() {
            return Ok(Columns {
                at,
                width: cells.len(),
                unnamed,
            });
        }
        Err(CsvProblem::Header {
            missing,
            unknown,
            twice,
        })
    }
}

/// The known column an unknown header is most likely a typo of (edit distance ≤ 2).
fn suggest(header: &str) -> Option<&'static str> {
    let h = header.trim().to_ascii_lowercase();
    if h.chars().count() > 24 {
        return None;
    }
    ALL_COLS
        .iter()
        .map(|c| (edit_distance(&h, c.name()), c.name()))
        .filter(|(d, _)| *d <= 2)
        .min_by_key(|(d, _)| *d)
        .map(|(_, n)| n)
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = Vec::with_capacity(b.len() + 1);
        cur.push(i + 1);
        for (j, cb) in b.iter().enumerate() {
            let sub = prev.get(j).copied().unwrap_or(0) + usize::from(ca != *cb);
            let del = prev.get(j + 1).copied().unwrap_or(0) + 1;
            let ins = cur.get(j).copied().unwrap_or(0) + 1;
            cur.push(sub.min(del).min(ins));
        }
        prev = cur;
    }
    prev.last().copied().unwrap_or(0)
}

// ---------------------------------------------------------------------------------------------
// The reader
// ---------------------------------------------------------------------------------------------

/// Reads an Actuals CSV row by row: an iterator of rows and row errors, in file order.
///
/// Reading goes on after a refused row, so one pass gives every error of the file. An I/O
/// error ends the iteration (after it is returned as a [`RowErrorKind::Io`] row error).
pub struct ActualsReader<R: Read> {
    csv: csv::Reader<Decoding<R>>,
    file: String,
    columns: Columns,
    record: csv::ByteRecord,
    pending: VecDeque<RowError>,
    done: bool,
    last_line: u64,
    /// The lines of the file before the first byte read (for a reader of its second half).
    lines_before: u64,
    /// Where to stop, for a reader of a file's first half.
    stop: Option<Stop>,
    /// An I/O error ended the reading.
    failed: bool,
    /// The value cells lately read as text.
    texts: TextValues,
}

/// A byte of the file at which a reader of its first half stops, if a record ends there.
#[derive(Debug, Clone, Copy)]
struct Stop {
    at: u64,
    state: StopState,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum StopState {
    /// Not there yet.
    Ahead,
    /// The records read end at the byte; `line` is the line the next one starts on.
    Reached { line: u64 },
    /// A record runs over the byte (or the text there is no longer the file's bytes): the
    /// reading goes on as if there were no stop.
    Passed,
}

impl<R: Read> fmt::Debug for ActualsReader<R> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ActualsReader")
            .field("file", &self.file)
            .field("encoding", &self.encoding())
            .field("columns", &self.columns)
            .field("last_line", &self.last_line)
            .finish_non_exhaustive()
    }
}

impl<R: Read> ActualsReader<R> {
    /// Opens a file: detects its encoding and reads its header. `file` names it in errors.
    pub fn new(reader: R, file: &str) -> Result<Self, ActualsError> {
        let error = |line: u64, kind, problem: CsvProblem| ActualsError {
            file: file.to_owned(),
            line,
            kind,
            problem,
        };
        let decoding = Decoding::new(reader)
            .map_err(|e| error(1, ActualsErrorKind::Io, CsvProblem::Io(e.to_string())))?;
        if let Some(why) = decoding.not_text() {
            return Err(error(1, ActualsErrorKind::NotText, why));
        }
        let mut csv = csv_reader(decoding);
        let mut record = csv::ByteRecord::new();
        // The header is the first line that is not blank.
        let (line, cells) = loop {
            match csv.read_byte_record(&mut record) {
                Ok(true) => {}
                Ok(false) => return Err(error(1, ActualsErrorKind::Empty, CsvProblem::Empty)),
                Err(e) => {
                    return Err(error(
                        1,
                        ActualsErrorKind::Io,
                        CsvProblem::HeaderIo(e.to_string()),
                    ))
                }
            }
            let line = start_line(&csv, newlines(&record));
            if is_blank(&record) {
                continue;
            }
            let encoding = csv.get_ref().encoding();
            let mut cells = Vec::with_capacity(record.len());
            for (i, bytes) in record.iter().enumerate() {
                match cell_text(bytes, encoding) {
                    Ok(s) => cells.push(s.to_owned()),
                    Err(why) => {
                        return Err(error(
                            line,
                            ActualsErrorKind::NotText,
                            CsvProblem::HeaderCell {
                                cell: i + 1,
                                problem: Box::new(why),
                            },
                        ))
                    }
                }
            }
            break (line, cells);
        };
        let columns = Columns::from_header(&cells)
            .map_err(|why| error(line, ActualsErrorKind::Header, why))?;
        Ok(ActualsReader {
            csv,
            file: file.to_owned(),
            columns,
            record,
            pending: VecDeque::new(),
            done: false,
            last_line: line,
            lines_before: 0,
            stop: None,
            failed: false,
            texts: TextValues::default(),
        })
    }

    /// The encoding the file is read in: `UTF-8`, `UTF-16LE`, `UTF-16BE` or `Shift_JIS`, or
    /// `ASCII` while every byte read so far is ASCII (the decision waits for the first
    /// non-ASCII byte, which may come late in the file).
    pub fn encoding(&self) -> &'static str {
        self.csv.get_ref().encoding()
    }

    /// True when the header has the column (by its English name: `status`, `as_of`, …).
    pub fn has_column(&self, name: &str) -> bool {
        ALL_COLS
            .iter()
            .any(|c| c.name() == name && self.columns.get(*c).is_some())
    }

    /// True while every byte read so far is handed to the CSV parser as it is in the file (the
    /// file is UTF-8, with or without its mark, or ASCII so far): what reading a file in two
    /// halves needs ([`ActualsReader::stop_at`]).
    pub fn passes_bytes(&self) -> bool {
        self.csv.get_ref().decoded_from.is_none()
    }

    /// Reads only the rows before byte `at` of the file (a record boundary, such as
    /// [`split_point`] finds): [`ActualsReader::next_row`] gives `None` once the records read
    /// end exactly there, and [`ActualsReader::continued_by`] then says whether a reader of
    /// the rest ([`ActualsReader::rest`]) gave what this one would have. If a record runs over
    /// `at` instead (it was not a boundary: a quoted value spans it), the stop is forgotten
    /// and this reader reads on to the end, as one that was never stopped.
    pub fn stop_at(&mut self, at: u64) {
        self.stop = Some(Stop {
            at,
            state: StopState::Ahead,
        });
    }

    /// True once the stop set by [`ActualsReader::stop_at`] turned out not to be at a record
    /// boundary: this reader reads the whole file, and a reader of its rest is not needed.
    pub fn passed_stop(&self) -> bool {
        self.stop.is_some_and(|s| s.state == StopState::Passed)
    }

    /// Forgets the stop: reading goes on from where it stopped to the end of the file (what
    /// to do when the rest's reader could not be used).
    pub fn read_on(&mut self) {
        self.stop = None;
    }

    /// What a reader of the same file from a record boundary on needs of this one: the file's
    /// name and its header's columns ([`Rest::reader`]).
    pub fn rest(&self) -> Rest {
        Rest {
            file: self.file.clone(),
            columns: self.columns.clone(),
        }
    }

    /// True when `rest`, read to its end, gave exactly the rows and errors this reader would
    /// have given after its stop: this reader stopped at the record boundary the rest began
    /// at ([`ActualsReader::stop_at`]), on the line the rest counted to it, neither met an
    /// I/O error, the rest's text does not begin with a byte order mark (which the csv
    /// parser drops at the start of its input, as it would at the start of a file), and the
    /// encoding one reader of the whole file would have used for the rest's bytes is the one
    /// the rest used. That last holds when this reader took no
    /// decision before the boundary (every byte before it ASCII: the rest decides at the same
    /// byte from the same bytes as one reader would), or decided UTF-8 and the rest read its
    /// bytes as they are (ASCII, or decided UTF-8 too).
    pub fn continued_by<S: Read>(&self, rest: &ActualsReader<S>) -> bool {
        let Some(Stop {
            at,
            state: StopState::Reached { line },
        }) = self.stop
        else {
            return false;
        };
        let mine = self.csv.get_ref();
        let theirs = rest.csv.get_ref();
        let encoding = match mine.decided_at {
            Some(d) if d < at => matches!(mine.mode, Mode::Utf8) && theirs.decoded_from.is_none(),
            _ => true,
        };
        let mark = theirs.head_len >= 3 && theirs.head == *b"\xEF\xBB\xBF";
        encoding
            && !mark
            && !self.failed
            && !rest.failed
            && rest.done
            && rest.pending.is_empty()
            && theirs.base == at
            && rest.lines_before.checked_add(1) == Some(line)
    }

    /// At the stop: true when the records read end exactly at it (then this reader gives no
    /// more rows until [`ActualsReader::read_on`]).
    fn at_stop(&mut self) -> bool {
        let Some(stop) = self.stop else {
            return false;
        };
        match stop.state {
            StopState::Reached { .. } => true,
            StopState::Passed => false,
            StopState::Ahead => {
                let position = self.csv.position();
                let state = match self.csv.get_ref().file_offset(position.byte()) {
                    Some(o) if o < stop.at => return false,
                    Some(o) if o == stop.at => StopState::Reached {
                        line: position.line().saturating_add(self.lines_before),
                    },
                    _ => StopState::Passed,
                };
                self.stop = Some(Stop { state, ..stop });
                state != StopState::Passed
            }
        }
    }

    fn row_error(
        &self,
        line: u64,
        field: Option<&'static str>,
        kind: RowErrorKind,
        problem: CsvProblem,
    ) -> RowError {
        RowError {
            file: self.file.clone(),
            line,
            field,
            kind,
            problem,
        }
    }
}

/// A reader of a file's rows from a record boundary on, in step with one of the whole file
/// ([`ActualsReader::rest`]): two threads read the two halves of a large file, and the rows
/// they give together are those one reader gives, when
/// [`ActualsReader::continued_by`] says so.
#[derive(Debug, Clone)]
pub struct Rest {
    file: String,
    columns: Columns,
}

impl Rest {
    /// A reader of the rows from byte `at` of the file that `inner` reads from its start
    /// (its first `at` bytes are read here, to count their lines).
    pub fn reader<S: Read>(self, mut inner: S, at: u64) -> io::Result<ActualsReader<S>> {
        let mut lines = 0u64;
        let mut left = at;
        let mut buf = vec![0; BUF];
        while left > 0 {
            let want = usize::try_from(left).map_or(buf.len(), |l| l.min(buf.len()));
            let chunk = buf.get_mut(..want).unwrap_or_default();
            let n = match inner.read(chunk) {
                Ok(0) => return Err(io::ErrorKind::UnexpectedEof.into()),
                Ok(n) => n.min(want),
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            };
            let read = chunk.get(..n).unwrap_or_default();
            lines += read.iter().filter(|&&b| b == b'\n').count() as u64;
            left -= n as u64;
        }
        Ok(ActualsReader {
            csv: csv_reader(Decoding::at(inner, at)),
            file: self.file,
            columns: self.columns,
            record: csv::ByteRecord::new(),
            pending: VecDeque::new(),
            done: false,
            last_line: lines,
            lines_before: lines,
            stop: None,
            failed: false,
            texts: TextValues::default(),
        })
    }
}

/// Where to cut a file of `len` bytes in two for [`ActualsReader::stop_at`]: the start of
/// the first line after the middle whose line before is not empty (the CSV parser skips
/// empty lines, so a record there would not be seen to end at the cut). `None` when no line
/// starts in the 64 KiB after the middle. A quoted value may still span the cut; the first
/// half's reader finds that out and reads on.
pub fn split_point(file: &mut (impl Read + io::Seek), len: u64) -> io::Result<Option<u64>> {
    let from = len / 2;
    file.seek(io::SeekFrom::Start(from.saturating_sub(1)))?;
    let mut buf = vec![0; BUF];
    let mut got = 0;
    while got < buf.len() {
        match file.read(buf.get_mut(got..).unwrap_or_default()) {
            Ok(0) => break,
            Ok(n) => got += n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    let window = buf.get(..got).unwrap_or_default();
    // `window[0]` is the byte before the middle, so every line break looked at has the byte
    // before it in the window.
    let start = from.saturating_sub(1);
    let cut = window
        .windows(2)
        .position(|w| matches!(w, [before, b'\n'] if *before != b'\n'))
        .map(|i| start + i as u64 + 2);
    Ok(cut.filter(|&at| at > 0 && at < len))
}

impl<R: Read> ActualsReader<R> {
    /// The next row, its texts borrowed from the reader, or the next problem; `None` at
    /// the end. What [`Iterator::next`] gives, without copying the texts: the rows and the
    /// errors come in the same order.
    pub fn next_row(&mut self) -> Option<Result<ActualRowRef<'_>, RowError>> {
        if let Some(e) = self.pending.pop_front() {
            return Some(Err(e));
        }
        let line = loop {
            if self.done || self.at_stop() {
                return None;
            }
            match self.csv.read_byte_record(&mut self.record) {
                Ok(true) => {}
                Ok(false) => {
                    self.done = true;
                    continue;
                }
                Err(e) => {
                    self.done = true;
                    self.failed = true;
                    let line = self.last_line;
                    return Some(Err(self.row_error(
                        line,
                        None,
                        RowErrorKind::Io,
                        CsvProblem::IoAfter {
                            line,
                            error: e.to_string(),
                        },
                    )));
                }
            }
            let inside = newlines(&self.record);
            let line = start_line(&self.csv, inside).saturating_add(self.lines_before);
            self.last_line = line;
            if !is_blank(&self.record) {
                break (line, inside > 0);
            }
        };
        let (line, multiline) = line;
        let encoding = self.csv.get_ref().encoding();
        match read_row(
            &self.columns,
            &self.record,
            line,
            multiline,
            encoding,
            &mut self.texts,
        ) {
            Ok(row) => Some(Ok(row)),
            Err(problems) => {
                // A refused row has at least one problem; the first is returned now, the
                // others by the next calls.
                let file = &self.file;
                let mut errors = problems.into_iter().map(|(field, kind, problem)| RowError {
                    file: file.clone(),
                    line,
                    field,
                    kind,
                    problem,
                });
                let first = errors.next().unwrap_or_else(|| RowError {
                    file: file.clone(),
                    line,
                    field: None,
                    kind: RowErrorKind::Missing,
                    problem: CsvProblem::Unreadable,
                });
                self.pending.extend(errors);
                Some(Err(first))
            }
        }
    }
}

impl<R: Read> Iterator for ActualsReader<R> {
    type Item = Result<ActualRow, RowError>;

    fn next(&mut self) -> Option<Self::Item> {
        Some(match self.next_row()? {
            Ok(row) => Ok(row.into_owned()),
            Err(e) => Err(e),
        })
    }
}

/// The csv crate's reader as this module reads with it.
fn csv_reader<R: Read>(decoding: Decoding<R>) -> csv::Reader<Decoding<R>> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        // Only LF ends a record (a CR before it is trimmed with the cell), so a record's last
        // line is counted when the record is read: see `start_line`.
        .terminator(csv::Terminator::Any(b'\n'))
        .buffer_capacity(BUF)
        .from_reader(decoding)
}

/// The line a record starts on: the reader's line count after it, less the line breaks in
/// its cells and the one that ended it (every record ends with one: [`Decoding`] adds what
/// the last record lacks). The csv crate's own record position is taken before the blank
/// lines it skips, so it cannot be used.
fn start_line<R: Read>(csv: &csv::Reader<R>, inside: usize) -> u64 {
    csv.position()
        .line()
        .saturating_sub(u64::try_from(inside).unwrap_or(u64::MAX))
        .saturating_sub(1)
        .max(1)
}

/// The line breaks inside a record's cells (quoted values that span lines).
fn newlines(record: &csv::ByteRecord) -> usize {
    let bytes = record.as_slice();
    if !bytes.contains(&b'\n') {
        return 0;
    }
    bytes.iter().filter(|&&b| b == b'\n').count()
}

/// True for a record of empty or blank cells only (`,,,` as Excel writes for touched rows).
fn is_blank(record: &csv::ByteRecord) -> bool {
    // The records are UTF-8 (`Decoding`), where a byte below 0x80 is always that ASCII
    // character: the usual row is found not blank at its first cell's first byte.
    record.iter().all(|f| {
        !f.first().is_some_and(u8::is_ascii_graphic)
            && (f.iter().all(u8::is_ascii_whitespace)
                || std::str::from_utf8(f).is_ok_and(|s| s.trim().is_empty()))
    })
}

type Problem = (Option<&'static str>, RowErrorKind, CsvProblem);

/// The text of a cell, trimmed, or why it is not text in the file's encoding.
fn cell_text<'a>(bytes: &'a [u8], encoding: &'static str) -> Result<&'a str, CsvProblem> {
    match std::str::from_utf8(bytes) {
        Ok(s) => {
            if !s.is_ascii() && s.contains('\u{FFFD}') {
                let text = shorten(s.trim()).into_owned();
                return Err(if encoding == "UTF-8" || encoding == "ASCII" {
                    CsvProblem::Damaged { text }
                } else {
                    CsvProblem::NotInEncoding { text, encoding }
                });
            }
            Ok(trim(s))
        }
        Err(e) => {
            let at = e.valid_up_to();
            let bad: Vec<String> = bytes
                .get(at..)
                .unwrap_or_default()
                .iter()
                .take(4)
                .map(|b| format!("0x{b:02X}"))
                .collect();
            let lossy = String::from_utf8_lossy(bytes);
            Err(CsvProblem::NotUtf8 {
                text: shorten(lossy.trim()).into_owned(),
                bytes: bad.join(" "),
                at: at + 1,
            })
        }
    }
}

/// `str::trim`, without its walk over Unicode's whitespace for the usual cell, which begins
/// and ends with a visible ASCII character and so is its own trim.
fn trim(s: &str) -> &str {
    match (s.as_bytes().first(), s.as_bytes().last()) {
        (Some(a), Some(z)) if a.is_ascii_graphic() && z.is_ascii_graphic() => s,
        _ => s.trim(),
    }
}

/// At most 40 characters of a text, for messages.
fn shorten(s: &str) -> Cow<'_, str> {
    match s.char_indices().nth(40) {
        Some((i, _)) => Cow::Owned(format!("{}…", s.get(..i).unwrap_or(s))),
        None => Cow::Borrowed(s),
    }
}

/// Reads every cell of a data row; the problems come in column order. `multiline`: some
/// cell holds a line break (else no cell can look like it swallowed further rows).
fn read_row<'r>(
    cols: &Columns,
    record: &'r csv::ByteRecord,
    line: u64,
    multiline: bool,
    encoding: &'static str,
    seen: &mut TextValues,
) -> Result<ActualRowRef<'r>, Vec<Problem>> {
    if record.len() != cols.width {
        return Err(vec![(
            None,
            RowErrorKind::FieldCount,
            CsvProblem::FieldCount {
                found: record.len(),
                expected: cols.width,
            },
        )]);
    }
    let mut problems: Vec<Problem> = Vec::new();
    // Each known column's text; None when the header lacks it or the cell is not text (which
    // has been reported, and is not read further).
    let mut texts: [Option<&str>; 9] = [None; 9];
    // The usual record is ASCII: checked as a whole once, its cells are text as they stand
    // (what `cell_text` finds for each, without looking at each).
    let ascii = std::str::from_utf8(record.as_slice())
        .ok()
        .filter(|all| all.is_ascii());
    for c in ALL_COLS {
        let Some(i) = cols.get(c) else { continue };
        let Some(bytes) = record.get(i) else { continue };
        let cell = match ascii.and_then(|all| all.get(record.range(i)?)) {
            Some(s) => Ok(trim(s)),
            None => cell_text(bytes, encoding),
        };
        match cell {
            Ok(s) => {
                if let Some(why) = multiline.then(|| unclosed_quote(s, cols.width)).flatten() {
                    problems.push((Some(c.name()), RowErrorKind::UnclosedQuote, why));
                }
                if let Some(slot) = texts.get_mut(c.index()) {
                    *slot = Some(s);
                }
            }
            Err(why) => problems.push((Some(c.name()), RowErrorKind::Encoding, why)),
        }
    }
    for &i in &cols.unnamed {
        if record
            .get(i)
            .is_some_and(|b| !b.iter().all(u8::is_ascii_whitespace))
        {
            problems.push((
                None,
                RowErrorKind::UnnamedColumn,
                CsvProblem::UnnamedColumn { field: i + 1 },
            ));
        }
    }
    let text = |c: Col| texts.get(c.index()).copied().flatten();

    let plan = required(text(Col::Plan), Col::Plan, Required::Plan, &mut problems);
    let indicator = required(
        text(Col::Indicator),
        Col::Indicator,
        Required::Indicator,
        &mut problems,
    );

    let period = match text(Col::Period) {
        Some("") => {
            problems.push((
                Some("period"),
                RowErrorKind::Missing,
                CsvProblem::Missing(Required::Period),
            ));
            None
        }
        Some(s) if !s.is_empty() => match read_period(s) {
            Ok(p) => Some(p),
            Err(why) => {
                problems.push((Some("period"), RowErrorKind::Period, why));
                None
            }
        },
        _ => None,
    };

    let value = match text(Col::Value) {
        Some(s) => match seen.read(s) {
            Ok(v) => Some(v),
            Err(why) => {
                problems.push((Some("value"), RowErrorKind::Value, why));
                None
            }
        },
        None => None,
    };

    let status = match text(Col::Status) {
        Some(s) if !s.is_empty() => match read_status(s) {
            Ok(st) => Some(st),
            Err(why) => {
                problems.push((Some("status"), RowErrorKind::Status, why));
                None
            }
        },
        _ => None,
    };

    let as_of = match text(Col::AsOf) {
        Some(s) if !s.is_empty() => match read_period(s) {
            Ok(p) => Some(p),
            Err(why) => {
                problems.push((Some("as_of"), RowErrorKind::Period, why));
                None
            }
        },
        _ => None,
    };

    let optional = |c: Col| text(c).filter(|s| !s.is_empty());
    let source = optional(Col::Source);
    let note = optional(Col::Note);

    let breakdown = match text(Col::Breakdown) {
        Some(s) if !s.is_empty() => match read_breakdown(s) {
            Ok(b) => Some(b),
            Err(why) => {
                problems.push((Some("breakdown"), RowErrorKind::Breakdown, why));
                None
            }
        },
        _ => None,
    };

    if !problems.is_empty() {
        // Column order, as the user reads the row (stable: a column's own problems keep
        // their order).
        problems.sort_by_key(|(f, _, _)| {
            f.and_then(|name| {
                ALL_COLS
                    .iter()
                    .find(|c| c.name() == name)
                    .and_then(|c| cols.get(*c))
            })
            .unwrap_or(usize::MAX)
        });
        return Err(problems);
    }
    match (plan, indicator, period, value) {
        (Some(plan), Some(indicator), Some(period), Some(value)) => Ok(ActualRowRef {
            line,
            plan,
            indicator,
            period,
            value,
            status,
            as_of,
            source,
            note,
            breakdown,
        }),
        // Every None above pushed a problem, or its column is required and present.
        _ => Err(vec![(None, RowErrorKind::Missing, CsvProblem::Unreadable)]),
    }
}

/// A required cell's text; an empty one is a problem.
fn required<'r>(
    text: Option<&'r str>,
    c: Col,
    what: Required,
    problems: &mut Vec<Problem>,
) -> Option<&'r str> {
    match text {
        Some("") => {
            problems.push((
                Some(c.name()),
                RowErrorKind::Missing,
                CsvProblem::Missing(what),
            ));
            None
        }
        Some(s) => Some(s),
        None => None,
    }
}

/// Why a multi-line cell looks like it swallowed further rows, if it does: a line inside it
/// has as many commas as a row has separators.
fn unclosed_quote(s: &str, width: usize) -> Option<CsvProblem> {
    if !s.contains('\n') || width < 2 {
        return None;
    }
    let rows = s
        .lines()
        .skip(1)
        .filter(|l| l.bytes().filter(|&b| b == b',').count() + 1 >= width)
        .count();
    (rows > 0).then(|| CsvProblem::UnclosedQuote {
        lines: s.lines().count(),
        rows,
        sample: shorten(s.lines().nth(1).unwrap_or_default()).into_owned(),
    })
}

/// A period cell: the canonical forms, a bare year (`2023` = FY2023) and the Japanese forms;
/// never a window.
/// A period cell as the Actuals CSV reads it (and `shinchoku record --period`): `FY2023`,
/// `CY2023`, a bare `2023` (FY2023), `2019-08`, `2019-08-31`, or a Japanese form (`令和5年度`,
/// `R5`); never a window. The problem names the input and the forms expected.
pub fn parse_period_cell(s: &str) -> Result<Period, CsvProblem> {
    read_period(s)
}

fn read_period(s: &str) -> Result<Period, CsvProblem> {
    // The usual cell, `FY2023`, read as `any_period` reads it.
    if let [b'F', b'Y', digits @ ..] = s.as_bytes() {
        if let Some(p) = four_digits(digits).and_then(|y| Period::fiscal_year(y).ok()) {
            return Ok(p);
        }
    }
    any_period(s)
}

fn any_period(s: &str) -> Result<Period, CsvProblem> {
    let folded: Cow<'_, str> = if s.is_ascii() {
        Cow::Borrowed(s)
    } else {
        Cow::Owned(normalize(s))
    };
    let f = trim(&folded);
    let parsed = if f.len() == 4 && f.bytes().all(|b| b.is_ascii_digit()) {
        f.parse::<i32>()
            .ok()
            .and_then(|y| Period::fiscal_year(y).ok())
            .ok_or(PeriodErrorKind::YearOutOfRange)
    } else if let Ok(p) = Period::parse(f) {
        Ok(p)
    } else {
        parse_period(s).map_err(|e| e.kind)
    };
    match parsed {
        Ok(p) if p.is_window() => Err(CsvProblem::Window {
            text: shorten(s).into_owned(),
            period: p,
        }),
        Ok(p) => Ok(p),
        Err(kind) => Err(CsvProblem::NotAPeriod {
            text: shorten(s).into_owned(),
            why: match kind {
                PeriodErrorKind::YearOutOfRange => PeriodWhy::YearOutOfRange,
                PeriodErrorKind::InvalidDate => PeriodWhy::NoSuchDate,
                PeriodErrorKind::InvalidWindow => PeriodWhy::BadWindow,
                _ => PeriodWhy::NotAPeriod,
            },
        }),
    }
}

/// The number four ASCII digits write, and nothing else.
fn four_digits(b: &[u8]) -> Option<i32> {
    match b {
        [a, b, c, d] if [a, b, c, d].iter().all(|x| x.is_ascii_digit()) => Some(
            [a, b, c, d]
                .iter()
                .fold(0, |y, &&x| y * 10 + i32::from(x - b'0')),
        ),
        _ => None,
    }
}

/// A value cell as the Actuals CSV reads it (and `shinchoku record --value`): empty, an exact
/// number (`1,234.5`, full-width digits, `△12`), a number with a unit as Excel writes a
/// percentage cell (`22.5%`, `27件`), or text (a milestone state). A number with other marks
/// (`以上`, a window, a note) is refused, asking for the number alone.
pub fn parse_value_cell(s: &str) -> Result<RawValue, CsvProblem> {
    read_value(s.trim())
}

/// A value cell: empty, a plain number, a number with a unit, or text.
fn read_value(s: &str) -> Result<RawValue, CsvProblem> {
    if s.is_empty() {
        return Ok(RawValue::Empty);
    }
    if let Some(d) = plain_number(s) {
        return Ok(RawValue::Number(d));
    }
    let folded: Cow<'_, str> = if s.is_ascii() {
        Cow::Borrowed(s)
    } else {
        Cow::Owned(normalize(s))
    };
    if scientific(&folded) {
        return Err(CsvProblem::Scientific {
            text: shorten(s).into_owned(),
        });
    }
    let has_digit = folded.bytes().any(|b| b.is_ascii_digit());
    match parse_quantity(s) {
        Ok(q) => match q.value {
            Some(v)
                if q.window.is_none()
                    && !q.cumulative
                    && !q.annual
                    && !q.bracketed
                    && q.note.is_none()
                    && q.comparator == Comparator::Exact =>
            {
                if q.unit.is_empty() {
                    Ok(RawValue::Number(v))
                } else {
                    Ok(RawValue::WithUnit(v, q.unit))
                }
            }
            Some(v) => Err(CsvProblem::NotPlain {
                text: shorten(s).into_owned(),
                value: v,
            }),
            None if q.no_value_word => Ok(RawValue::Text(s.to_owned())),
            // A dash: the documents' "no value".
            None => Ok(RawValue::Empty),
        },
        Err(e) => match e.kind {
            QuantityErrorKind::BadNumber => Err(CsvProblem::Malformed {
                text: shorten(s).into_owned(),
            }),
            QuantityErrorKind::OutOfRange => Err(CsvProblem::TooPrecise {
                text: shorten(s).into_owned(),
            }),
            QuantityErrorKind::NoNumber if e.column <= 1 || !has_digit => {
                Ok(RawValue::Text(s.to_owned()))
            }
            _ if has_digit => Err(CsvProblem::NotANumber {
                text: shorten(s).into_owned(),
                column: e.column,
            }),
            _ => Ok(RawValue::Text(s.to_owned())),
        },
    }
}

/// How many value cells read as text [`TextValues`] remembers.
const TEXTS_KEPT: usize = 8;

/// The value cells a reader lately found to be text (a milestone's state: `未着手`,
/// `実施中`), so that the same text on a later row is known without reading it again:
/// [`read_value`] of text goes through the quantity parser (folding the text, looking for a
/// number in it), at about thirty times the cost of a plain number, and a milestone's rows
/// repeat a few states. What [`TextValues::read`] gives is what [`read_value`] gives.
#[derive(Debug, Clone, Default)]
struct TextValues {
    /// The cells, each one that `read_value` read as `RawValue::Text` of itself.
    kept: Vec<String>,
    /// Where the next one goes once `kept` is full.
    next: usize,
}

impl TextValues {
    /// [`read_value`] of `s`.
    fn read(&mut self, s: &str) -> Result<RawValue, CsvProblem> {
        if let Some(d) = plain_number(s) {
            return Ok(RawValue::Number(d));
        }
        if self.kept.iter().any(|k| k == s) {
            return Ok(RawValue::Text(s.to_owned()));
        }
        let value = read_value(s);
        if matches!(&value, Ok(RawValue::Text(t)) if t == s) {
            if self.kept.len() < TEXTS_KEPT {
                self.kept.push(s.to_owned());
            } else if let Some(slot) = self.kept.get_mut(self.next) {
                slot.clear();
                slot.push_str(s);
                self.next = (self.next + 1) % TEXTS_KEPT;
            }
        }
        value
    }
}

/// The common case read without folding: ASCII `-?digits(.digits)?`.
fn plain_number(s: &str) -> Option<Decimal> {
    let b = s.as_bytes();
    let digits = b.strip_prefix(b"-").unwrap_or(b);
    let (int, frac) = match digits.iter().position(|&c| c == b'.') {
        Some(i) => (digits.get(..i)?, Some(digits.get(i + 1..)?)),
        None => (digits, None),
    };
    let ok = |p: &[u8]| !p.is_empty() && p.iter().all(u8::is_ascii_digit);
    // Trailing zeros of a fraction are dropped by the quantity parser; such numbers go there.
    if !ok(int) || frac.is_some_and(|f| !ok(f) || f.ends_with(b"0")) {
        return None;
    }
    Decimal::from_str_exact(s).ok()
}

/// `1.23E+11`, `5e3`: how a spreadsheet writes a number it shows rounded.
fn scientific(s: &str) -> bool {
    let t = s.trim();
    let Some(i) = t.find(['e', 'E']) else {
        return false;
    };
    let (m, e) = (t.get(..i).unwrap_or(""), t.get(i + 1..).unwrap_or(""));
    let m = m.strip_prefix(['-', '+']).unwrap_or(m);
    let e = e.strip_prefix(['-', '+']).unwrap_or(e);
    let mantissa = !m.is_empty()
        && m.bytes().all(|b| b.is_ascii_digit() || b == b'.')
        && m.bytes().any(|b| b.is_ascii_digit());
    mantissa && !e.is_empty() && e.bytes().all(|b| b.is_ascii_digit())
}

fn read_status(s: &str) -> Result<ObservationStatus, CsvProblem> {
    let folded = normalize(s).trim().to_ascii_lowercase();
    ObservationStatus::parse(&folded).ok_or_else(|| CsvProblem::Status {
        text: shorten(s).into_owned(),
    })
}

/// `性別=女性` or `性別=女性;地域=岩国` (full-width `；` and `＝` too).
fn read_breakdown(s: &str) -> Result<Vec<(String, String)>, CsvProblem> {
    let folded = normalize(s);
    let text = || shorten(s).into_owned();
    let mut pairs: Vec<(String, String)> = Vec::new();
    for part in folded.split(';') {
        let part = part.trim();
        if part.is_empty() {
            continue;
        }
        let Some((k, v)) = part.split_once('=') else {
            return Err(CsvProblem::BreakdownNoEquals {
                text: text(),
                part: part.to_owned(),
            });
        };
        let (k, v) = (k.trim(), v.trim());
        if k.is_empty() || v.is_empty() || v.contains('=') {
            return Err(CsvProblem::BreakdownNotAPair {
                text: text(),
                part: part.to_owned(),
            });
        }
        if pairs.iter().any(|(pk, _)| pk == k) {
            return Err(CsvProblem::BreakdownKeyTwice {
                text: text(),
                key: k.to_owned(),
            });
        }
        pairs.push((k.to_owned(), v.to_owned()));
    }
    if pairs.is_empty() {
        return Err(CsvProblem::BreakdownEmpty { text: text() });
    }
    Ok(pairs)
}

// ---------------------------------------------------------------------------------------------
// Decoding
// ---------------------------------------------------------------------------------------------

/// The size of the raw and the decoded buffers, and of the look-ahead the encoding is
/// decided from.
const BUF: usize = 64 * 1024;

/// How bytes become UTF-8.
enum Mode {
    /// All ASCII so far: passed through until the first non-ASCII byte decides.
    Sniff,
    /// Passed through; cells are checked for valid UTF-8 one by one.
    Utf8,
    /// Decoded (Shift_JIS, UTF-16) with replacement; cells holding U+FFFD are refused.
    Decode(Box<Decoder>, &'static str),
    /// A decoder that has seen the end of the input.
    Finished(&'static str),
}

/// A `Read` that yields the file as UTF-8 (or, in UTF-8 mode, as the bytes it has),
/// decoding on the fly.
struct Decoding<R> {
    inner: R,
    /// Raw bytes read from `inner`; `raw[start..end]` is not yet consumed.
    raw: Vec<u8>,
    start: usize,
    end: usize,
    eof: bool,
    mode: Mode,
    /// Decoded bytes; `out[out_start..out_end]` not yet handed out.
    out: Vec<u8>,
    out_start: usize,
    out_end: usize,
    /// What the first bytes say the file is, when it is no CSV text.
    not_text: Option<CsvProblem>,
    /// The last byte of the text handed out.
    last_out: Option<u8>,
    /// Once the text is all handed out: what remains of the bytes added after it.
    tail: Option<&'static [u8]>,
    /// Where the text handed out begins in the file: after the byte order mark, or at the
    /// record a reader of the file's second half starts at ([`Rest::reader`]).
    base: u64,
    /// The offset in the file of the byte after the last one read from `inner`.
    taken: u64,
    /// Where in the file the mode was decided: 0 for a byte order mark, else the first
    /// non-ASCII byte; `None` while every byte so far is ASCII.
    decided_at: Option<u64>,
    /// Where in the file decoding began (Shift_JIS, UTF-16); `None` while every byte is
    /// handed out as it was read, so that the text's offsets are the file's less `base`.
    decoded_from: Option<u64>,
    /// The first bytes handed out (at most three): the csv parser drops a byte order mark
    /// that begins its input, which a reader of a file's second half must know.
    head: [u8; 3],
    head_len: usize,
}

impl<R: Read> Decoding<R> {
    fn new(inner: R) -> io::Result<Self> {
        let mut d = Decoding::at(inner, 0);
        d.fill_up()?;
        let head = d.raw.get(..d.end).unwrap_or_default();
        let (skip, mode) = match encoding::byte_order_mark(head) {
            Some((enc, len)) if enc == UTF_8 => (len, Mode::Utf8),
            Some((enc, len)) => (len, decoder(enc)),
            None => {
                d.not_text = not_text(head);
                (0, Mode::Sniff)
            }
        };
        d.start = skip;
        d.mode = mode;
        let skip = u64::try_from(skip).unwrap_or(0);
        d.base = skip;
        if skip > 0 {
            d.decided_at = Some(0);
        }
        if matches!(d.mode, Mode::Decode(..)) {
            d.out = vec![0; BUF];
            d.decoded_from = Some(skip);
        }
        Ok(d)
    }

    /// A decoder of the bytes of `inner` from here on, which are those from `offset` of a
    /// file; undecided (ASCII so far), with no look at a head: what a reader of the whole
    /// file is at a record boundary there while every byte before it was ASCII.
    fn at(inner: R, offset: u64) -> Self {
        Decoding {
            inner,
            raw: vec![0; BUF],
            start: 0,
            end: 0,
            eof: false,
            mode: Mode::Sniff,
            out: Vec::new(),
            out_start: 0,
            out_end: 0,
            not_text: None,
            last_out: None,
            tail: None,
            base: offset,
            taken: offset,
            decided_at: None,
            decoded_from: None,
            head: [0; 3],
            head_len: 0,
        }
    }

    /// The offset in the file of the byte at offset `text` of the text handed out, while
    /// the bytes up to there were handed out as they were read.
    fn file_offset(&self, text: u64) -> Option<u64> {
        let at = self.base.checked_add(text)?;
        self.decoded_from
            .is_none_or(|from| at <= from)
            .then_some(at)
    }

    fn encoding(&self) -> &'static str {
        match &self.mode {
            Mode::Sniff => "ASCII",
            Mode::Utf8 => "UTF-8",
            Mode::Decode(_, name) | Mode::Finished(name) => name,
        }
    }

    fn not_text(&self) -> Option<CsvProblem> {
        self.not_text.clone()
    }

    /// Moves the unread raw bytes to the front and reads until the buffer is full or the
    /// input ends.
    fn fill_up(&mut self) -> io::Result<()> {
        if self.start > 0 && self.start <= self.end && self.end <= self.raw.len() {
            self.raw.copy_within(self.start..self.end, 0);
            self.end -= self.start;
            self.start = 0;
        }
        while self.end < self.raw.len() && !self.eof {
            self.read_some()?;
        }
        Ok(())
    }

    /// One read into the free end of the raw buffer (which must have room).
    fn read_some(&mut self) -> io::Result<()> {
        if self.start == self.end {
            self.start = 0;
            self.end = 0;
        }
        let Some(free) = self.raw.get_mut(self.end..) else {
            return Ok(());
        };
        if free.is_empty() {
            return Ok(());
        }
        loop {
            match self.inner.read(free) {
                Ok(0) => {
                    self.eof = true;
                    return Ok(());
                }
                Ok(n) => {
                    let n = n.min(free.len());
                    self.end += n;
                    self.taken += n as u64;
                    return Ok(());
                }
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => return Err(e),
            }
        }
    }

    /// One read from `inner` into `dst`, when no raw byte is pending; 0 at the end.
    fn read_direct(&mut self, dst: &mut [u8]) -> io::Result<usize> {
        loop {
            match self.inner.read(dst) {
                Ok(0) => {
                    self.eof = true;
                    return Ok(0);
                }
                Ok(n) => {
                    let n = n.min(dst.len());
                    self.taken += n as u64;
                    return Ok(n);
                }
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => return Err(e),
            }
        }
    }

    /// Copies pending raw bytes `raw[start..start+n]` to `dst`.
    fn hand_out_raw(&mut self, dst: &mut [u8], n: usize) -> usize {
        let n = n.min(dst.len());
        let src = self.raw.get(self.start..self.start + n).unwrap_or_default();
        let n = src.len();
        if let Some(d) = dst.get_mut(..n) {
            d.copy_from_slice(src);
        }
        self.start += n;
        n
    }

    /// At the first non-ASCII byte (at `raw[start]`): decides between UTF-8 and Shift_JIS
    /// from up to 64 KiB from there on.
    fn decide(&mut self) -> io::Result<()> {
        self.fill_up()?;
        let here = self
            .taken
            .saturating_sub(self.end.saturating_sub(self.start) as u64);
        self.decided_at = Some(here);
        let window = self.raw.get(self.start..self.end).unwrap_or_default();
        let legacy = match encoding::sniff(window, self.eof, &[SHIFT_JIS]) {
            Sniffed::Utf8(_) | Sniffed::DamagedUtf8(_) => None,
            Sniffed::Legacy { encoding, .. } => Some(encoding),
            Sniffed::Unreadable { tried, furthest } => tried
                .get(furthest)
                .map(|(enc, _)| *enc)
                .filter(|enc| *enc != UTF_8),
        };
        self.mode = match legacy {
            None => Mode::Utf8,
            Some(enc) => {
                self.out = vec![0; BUF];
                self.decoded_from = Some(here);
                decoder(enc)
            }
        };
        Ok(())
    }
}

fn decoder(enc: &'static Encoding) -> Mode {
    Mode::Decode(Box::new(enc.new_decoder_without_bom_handling()), enc.name())
}

/// Appended to a text that ends with a line break: outside quotes it is a blank record,
/// which is skipped; inside a quote left open it closes the quote and ends the record.
const CLOSE_AFTER_BREAK: &[u8] = b"\"\n";
/// Appended to a text that does not end with a line break.
const CLOSE_NO_BREAK: &[u8] = b"\n\"\n";

impl<R: Read> Read for Decoding<R> {
    /// What [`Decoding::read_out`] hands out, its first bytes noted.
    fn read(&mut self, dst: &mut [u8]) -> io::Result<usize> {
        let n = self.read_out(dst)?;
        if self.head_len < self.head.len() {
            let got = dst.get(..n).unwrap_or_default();
            for &b in got.iter().take(self.head.len() - self.head_len) {
                if let Some(h) = self.head.get_mut(self.head_len) {
                    *h = b;
                }
                self.head_len += 1;
            }
        }
        Ok(n)
    }
}

impl<R: Read> Decoding<R> {
    /// Hands out the text, then [`CLOSE_AFTER_BREAK`] or [`CLOSE_NO_BREAK`], so that every
    /// record ends with a line break of its own, even the last one and one whose closing quote
    /// is missing (see `start_line`).
    fn read_out(&mut self, dst: &mut [u8]) -> io::Result<usize> {
        if dst.is_empty() {
            return Ok(0);
        }
        if self.tail.is_none() {
            let n = self.read_text(dst)?;
            if n > 0 {
                self.last_out = dst.get(n - 1).copied();
                return Ok(n);
            }
            self.tail = Some(match self.last_out {
                None => &[],
                Some(b'\n') => CLOSE_AFTER_BREAK,
                Some(_) => CLOSE_NO_BREAK,
            });
        }
        let tail = self.tail.unwrap_or_default();
        let n = tail.len().min(dst.len());
        if let (Some(d), Some(t)) = (dst.get_mut(..n), tail.get(..n)) {
            d.copy_from_slice(t);
        }
        self.tail = Some(tail.get(n..).unwrap_or_default());
        Ok(n)
    }
}

impl<R: Read> Decoding<R> {
    fn read_text(&mut self, dst: &mut [u8]) -> io::Result<usize> {
        loop {
            let pending = self.end - self.start;
            match self.mode {
                Mode::Utf8 => {
                    if pending > 0 {
                        return Ok(self.hand_out_raw(dst, pending));
                    }
                    if self.eof {
                        return Ok(0);
                    }
                    // Nothing held back: straight into the caller's buffer.
                    return self.read_direct(dst);
                }
                Mode::Sniff => {
                    if pending == 0 {
                        if self.eof {
                            return Ok(0);
                        }
                        // Straight into the caller's buffer; what follows the first
                        // non-ASCII byte is taken back to decide on.
                        let room = dst.len().min(self.raw.len());
                        let dst = dst.get_mut(..room).unwrap_or_default();
                        let n = self.read_direct(dst)?;
                        let got = dst.get(..n).unwrap_or_default();
                        let Some(i) = got.iter().position(|b| !b.is_ascii()) else {
                            return Ok(n);
                        };
                        let rest = got.get(i..).unwrap_or_default();
                        if let Some(to) = self.raw.get_mut(..rest.len()) {
                            to.copy_from_slice(rest);
                            self.start = 0;
                            self.end = rest.len();
                        }
                        if i > 0 {
                            return Ok(i);
                        }
                        continue;
                    }
                    let bytes = self.raw.get(self.start..self.end).unwrap_or_default();
                    match bytes.iter().position(|b| !b.is_ascii()) {
                        None => return Ok(self.hand_out_raw(dst, pending)),
                        Some(0) => self.decide()?,
                        Some(i) => return Ok(self.hand_out_raw(dst, i)),
                    }
                }
                Mode::Finished(_) => return Ok(self.hand_out_decoded(dst)),
                Mode::Decode(..) => {
                    if self.out_start < self.out_end {
                        return Ok(self.hand_out_decoded(dst));
                    }
                    if pending == 0 && !self.eof {
                        self.read_some()?;
                        continue;
                    }
                    if self.out.is_empty() {
                        self.out = vec![0; BUF];
                    }
                    let last = self.eof;
                    let Decoding {
                        mode,
                        raw,
                        start,
                        end,
                        out,
                        out_start,
                        out_end,
                        ..
                    } = self;
                    let Mode::Decode(dec, name) = mode else {
                        continue;
                    };
                    let src = raw.get(*start..*end).unwrap_or_default();
                    let (result, read, written, _) = dec.decode_to_utf8(src, out, last);
                    *start += read;
                    *out_start = 0;
                    *out_end = written;
                    if last && result == CoderResult::InputEmpty {
                        *mode = Mode::Finished(name);
                    }
                }
            }
        }
    }
}

impl<R> Decoding<R> {
    fn hand_out_decoded(&mut self, dst: &mut [u8]) -> usize {
        let src = self
            .out
            .get(self.out_start..self.out_end)
            .unwrap_or_default();
        let n = src.len().min(dst.len());
        if let (Some(d), Some(s)) = (dst.get_mut(..n), src.get(..n)) {
            d.copy_from_slice(s);
        }
        self.out_start += n;
        n
    }
}

/// What the first bytes of a file without a byte order mark say it is, when it is no CSV.
fn not_text(head: &[u8]) -> Option<CsvProblem> {
    Some(match encoding::binary(head)? {
        Binary::Zip => CsvProblem::Zip,
        Binary::OldOffice => CsvProblem::Xls,
        Binary::Nul { at } => CsvProblem::NulByte { at },
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::strategy::Strategy;

    #[test]
    fn the_quick_trim_is_str_trim() {
        for s in [
            "",
            " ",
            "a",
            " a",
            "a ",
            "\u{b}a",
            "a\u{b}",
            "\u{3000}値\u{3000}",
            "FY2023",
            "1,234",
            "x\u{85}",
            "\u{a0}1",
            "\t2\r\n",
        ] {
            assert_eq!(trim(s), s.trim(), "{s:?}");
        }
    }

    proptest::proptest! {
        /// A reader's remembered texts give, cell after cell, what reading each cell afresh
        /// gives: more distinct texts than are kept, texts like numbers, dashes, words.
        #[test]
        fn remembered_texts_read_as_each_cell_read_afresh(
            cells in proptest::collection::vec(
                proptest::prop_oneof![
                    proptest::sample::select(vec![
                        "未着手", "実施中", "完了", "検討中", "未定", "-", "—", "12", "1,234",
                        "△5", "22.5%", "27件", "1.50", "1e3", "約10", "10以上", "x", "",
                        "一", "十", "１２", "a1", "Ⅲ", "状態9", "9状態", "０",
                    ]).prop_map(|c: &str| c.to_owned()),
                    "[0-9a-z未着手実施中完了、．,%-]{0,6}",
                ],
                0..60,
            ),
        ) {
            let mut texts = TextValues::default();
            for c in &cells {
                proptest::prop_assert_eq!(texts.read(c), read_value(c), "{:?}", c);
            }
        }

        #[test]
        fn the_quick_trim_is_str_trim_for_any_text(s in proptest::prelude::any::<String>()) {
            proptest::prop_assert_eq!(trim(&s), s.trim());
        }
    }

    #[test]
    fn plain_numbers_take_the_fast_path_and_agree_with_the_quantity_parser() {
        for s in ["0", "-0", "15", "-5", "1234.05", "007", "0.0001", "-0.5"] {
            let fast = plain_number(s);
            let slow = parse_quantity(s).ok().and_then(|q| q.value);
            assert_eq!(fast, slow, "{s}");
            assert_eq!(
                fast.map(|d| (d.to_string(), d.is_sign_negative())),
                slow.map(|d| (d.to_string(), d.is_sign_negative())),
                "{s}"
            );
            assert!(fast.is_some(), "{s}");
        }
        for s in [
            "", "-", ".5", "5.", "1,234", "+5", "1e5", "1.2.3", "--1", "1.50",
        ] {
            assert_eq!(plain_number(s), None, "{s}");
        }
    }

    #[test]
    fn the_fiscal_year_fast_path_agrees_with_the_general_one() {
        for s in [
            "FY2015",
            "FY0000",
            "FY0001",
            "FY1899",
            "FY1900",
            "FY2100",
            "FY2101",
            "FY9999",
            "FY201",
            "FY20155",
            "FY2O15",
            "Fy2015",
            "fy2015",
            "FY-2015",
            "FY 2015",
            "FY２０１５",
            "CY2015",
            "2015",
            "FY2015-FY2016",
        ] {
            assert_eq!(read_period(s), any_period(s), "{s}");
        }
        for y in 0..10_000 {
            let s = format!("FY{y:04}");
            assert_eq!(read_period(&s), any_period(&s), "{s}");
        }
    }

    #[test]
    fn scientific_notation_is_recognised() {
        assert!(scientific("1.23E+11"));
        assert!(scientific("5e3"));
        assert!(!scientific("1e"));
        assert!(!scientific("e5"));
        assert!(!scientific("15件"));
    }

    #[test]
    fn typos_of_column_names_are_suggested() {
        assert_eq!(suggest("indicater"), Some("indicator"));
        assert_eq!(suggest("peroid"), Some("period"));
        assert_eq!(suggest("地域"), None);
    }
}
