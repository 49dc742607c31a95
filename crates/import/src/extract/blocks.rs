//! The block classifier: one pass over the document that says, once, what each run of table
//! rows holds, and hands each recogniser its blocks.
//!
//! A plan prints several kinds of table, and each recogniser knows its own kind by its header:
//! an indicator table by its 現状値 / 目標値 columns (`indicators`' `is_header_start`), a
//! progress list by 実績 beside 目標 (`progress::is_table_header`), a roadmap by year
//! columns over rows of work named 取組 or under a 工程表 heading (`roadmap::is_header`,
//! `roadmap::is_roadmap_table`), a data series by years across its header or down its first
//! column (`tables::is_year_header`, `tables::has_years_down`), a role matrix by a header of
//! role words over marks (`tables::is_role_header`), a member list by its 氏名 column
//! (`tables::is_member_header`). Here each of those tests runs once on each row, and the
//! recognisers read only the [`Block`]s labelled theirs, instead of each walking the whole
//! document with its own test.
//!
//! **Extent.** A block runs from its header to the next header of its own kind in the same
//! run of rows ([`RowBlock`]), or to the run's end; the runs are cut by blank lines and lines
//! of text. Two kinds say more: a data series' header under a row that heads an indicator's
//! columns (`基準値 | 目標値` over `R2 | R7`) is the indicator table's second header line, not
//! a series; and a member list is one block from its first header to the end of its run. The
//! indicator reader may carry its table on past the run, across a page break, when the rows
//! go on with the same width: reading, not labelling, decides that.
//!
//! **Precedence.** A row may pass the tests of more than one kind: the header tests are
//! quick, and reading a table is what confirms it. Overlaps are resolved in this order, once:
//!
//! 1. A row that heads blocks of several kinds is labelled by the first of
//!    [`Kind::PRECEDENCE`] — indicator table, progress list, roadmap, data series, member
//!    list, role matrix — and handed to that kind's recogniser only; except that an indicator
//!    table shares its rows with a progress list and with a data series
//!    ([`Kind::shares_rows_with`]): those readers have always read such a table each its own
//!    way, and the tests hold both readings (`指標名 | 基準値 | 目標値 | 実績値 | 評価` gives
//!    indicators and progress entries; `項目 | 区分 | 基準値[R2] | R3 | … | 目標値[R7]`
//!    over 期待値 / 実績値 rows gives indicators and series).
//! 2. A row inside the body of a member list or a roadmap heads nothing else: both read their
//!    body to its end (a member's `所属 | 役職` cells are short words, as a role matrix's
//!    header is; a roadmap's step may hold 策定, as a baseline header does).
//! 3. A header of years under a row that heads an indicator table's columns is that table's
//!    second header line, no data series (rule 1's sharing does not reach it).
//! 4. A run read down its first column (years down, series across) is a reading of the whole
//!    run, offered to the series reader whatever its first row is labelled; the series reader
//!    takes it only when no table of years across in the run gave a series.
//!
//! Any other overlap — a header inside an indicator table's, a progress list's, a data
//! series' or a matrix's body — is handed to both recognisers, as before the classifier:
//! those bodies are not confirmed until read (an indicator header may read no table), so
//! taking their rows from another kind could lose what it reads.
//!
//! **Prose.** Lines of text outside the runs of rows are [`Kind::Prose`] blocks (maximal runs
//! of non-blank lines that are no table row): the structure reader, arrow lines
//! (`現状 512人 ⇒ 目標 800人`) and progress entries written in sentences read them.
//!
//! Guarantees: never panics; linear in the document (each header test runs once per row).

use super::indicators;
use super::progress;
use super::roadmap;
use super::tables;
use super::text::{Doc, RowBlock};

/// What a block holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    /// An indicator table: names with baselines and targets.
    Indicators,
    /// A progress list: actuals against targets, perhaps with a grade.
    Progress,
    /// A roadmap (工程表): work under year columns.
    Roadmap,
    /// A data series: values by year, across the header or down the first column.
    Series,
    /// A member list (委員名簿).
    Members,
    /// A role matrix: institutions against roles, `○` where one plays a role.
    Matrix,
    /// Lines of text.
    Prose,
}

impl Kind {
    /// The order in which a row claimed by several kinds is labelled: the first that claims
    /// it. The more a header's words say, the earlier: 現状値 / 目標値 columns before 実績 and
    /// 目標, those before year columns, a 氏名 column before a header of short words.
    pub const PRECEDENCE: [Kind; 6] = [
        Kind::Indicators,
        Kind::Progress,
        Kind::Roadmap,
        Kind::Series,
        Kind::Members,
        Kind::Matrix,
    ];

    /// Kinds that read the same rows each their own way, so a header both claim is handed to
    /// both. A table headed `指標名 | 基準値 | 目標値 | 実績値 | 評価` is an indicator table (each
    /// indicator's baseline and target) and a progress list (its actual and grade) at once; a
    /// table headed `項目 | 区分 | 基準値[R2] | R3 | … | 目標値[R7]` over 期待値 / 実績値 rows
    /// is an indicator table (baseline, yearly and final targets) and data series (expected
    /// and actual values by year) at once.
    pub fn shares_rows_with(self, other: Kind) -> bool {
        matches!(
            (self, other),
            (Kind::Indicators, Kind::Progress | Kind::Series)
                | (Kind::Progress | Kind::Series, Kind::Indicators)
        )
    }

    fn bit(self) -> u8 {
        match self {
            Kind::Indicators => 1,
            Kind::Progress => 1 << 1,
            Kind::Roadmap => 1 << 2,
            Kind::Series => 1 << 3,
            Kind::Members => 1 << 4,
            Kind::Matrix => 1 << 5,
            Kind::Prose => 1 << 6,
        }
    }
}

/// One labelled block: a header line and the body under it, by index into `Doc::lines`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Block {
    /// What the block holds.
    pub kind: Kind,
    /// The header line (for prose, the first line).
    pub header: usize,
    /// One past the block's last line; the body is `header + 1..end`.
    pub end: usize,
    /// The run of rows the block is in (for prose, the block itself).
    pub rows: RowBlock,
    /// A data series with its years down the first column (`header` is then the row of
    /// series names).
    pub down: bool,
}

/// Every block of a document, labelled, in document order, and the kinds whose header test
/// each line passes.
#[derive(Debug, Clone, Default)]
pub struct Blocks {
    /// The blocks, by header line, then by [`Kind::PRECEDENCE`]: at each header, the first is
    /// its label, and the others are those its label shares the rows with
    /// ([`Kind::shares_rows_with`]).
    pub list: Vec<Block>,
    /// Per line, the kinds whose header test it passes (a bit per kind).
    heads: Vec<u8>,
}

impl Blocks {
    /// The blocks handed to the recogniser of `kind`, in document order.
    pub fn of(&self, kind: Kind) -> impl Iterator<Item = &Block> + '_ {
        self.list.iter().filter(move |b| b.kind == kind)
    }

    /// True when line `i` passes the header test of `kind`, whatever it is labelled (the
    /// indicator reader asks where a table ends; a data series' body where the next header
    /// of years is).
    pub fn is_header(&self, i: usize, kind: Kind) -> bool {
        self.heads.get(i).is_some_and(|h| h & kind.bit() != 0)
    }

    /// The label of the block headed at line `i`, if one is.
    pub fn label(&self, i: usize) -> Option<Kind> {
        let from = self.list.partition_point(|b| b.header < i);
        let here = self.list.get(from..).unwrap_or_default();
        let here = here.iter().take_while(|b| b.header == i);
        let mut down = None;
        for b in here {
            if !b.down {
                return Some(b.kind);
            }
            down = Some(b.kind);
        }
        down
    }
}

/// Labels every block of `doc`.
pub fn classify(doc: &Doc) -> Blocks {
    let mut heads = vec![0u8; doc.lines.len()];
    let mut list = Vec::new();
    for rows in doc.row_blocks() {
        let lines = doc.lines.get(rows.start..rows.end).unwrap_or_default();
        for (k, line) in lines.iter().enumerate() {
            let mut h = 0;
            if indicators::is_header_start(line) {
                h |= Kind::Indicators.bit();
            }
            let at = rows.start + k;
            if progress::is_table_header(doc, at, progress::reported(doc, at)) {
                h |= Kind::Progress.bit();
            }
            if roadmap::is_header(line) {
                h |= Kind::Roadmap.bit();
            }
            if tables::is_year_header(&line.cells) {
                h |= Kind::Series.bit();
            }
            if tables::is_member_header(line) {
                h |= Kind::Members.bit();
            }
            if tables::is_role_header(line) {
                h |= Kind::Matrix.bit();
            }
            if let Some(slot) = heads.get_mut(rows.start + k) {
                *slot = h;
            }
        }
        let head = |i: usize, kind: Kind| heads.get(i).is_some_and(|h| h & kind.bit() != 0);
        // The end of a block of `kind` headed at `i`: the next header of its kind, or the run's.
        let end_of = |i: usize, kind: Kind| {
            (i + 1..rows.end)
                .find(|&j| head(j, kind))
                .unwrap_or(rows.end)
        };
        let mut members = false;
        for i in rows.start..rows.end {
            let block = |kind: Kind, end: usize| Block {
                kind,
                header: i,
                end,
                rows,
                down: false,
            };
            if head(i, Kind::Indicators) {
                list.push(block(Kind::Indicators, end_of(i, Kind::Indicators)));
            }
            if head(i, Kind::Progress) {
                list.push(block(Kind::Progress, end_of(i, Kind::Progress)));
            }
            if head(i, Kind::Roadmap) {
                let end = end_of(i, Kind::Roadmap);
                let body = RowBlock { start: i + 1, end };
                if roadmap::is_roadmap_table(doc, i, body) {
                    list.push(block(Kind::Roadmap, end));
                }
            }
            if i == rows.start && tables::has_years_down(lines) {
                list.push(Block {
                    down: true,
                    ..block(Kind::Series, rows.end)
                });
            }
            // Years on a second header line under 基準値 / 目標値 are the periods of an
            // indicator table's baselines and targets: the indicator recogniser's.
            let under_indicator_head = || {
                i > rows.start
                    && doc
                        .lines
                        .get(i - 1)
                        .is_some_and(|l| tables::heads_indicator_columns(&l.cells))
            };
            if head(i, Kind::Series) && !under_indicator_head() {
                list.push(block(Kind::Series, end_of(i, Kind::Series)));
            }
            if head(i, Kind::Members) && !members {
                members = true;
                list.push(block(Kind::Members, rows.end));
            }
            if head(i, Kind::Matrix) {
                list.push(block(Kind::Matrix, end_of(i, Kind::Matrix)));
            }
        }
    }
    list.extend(prose(doc));
    list.sort_by_key(|b| (b.header, precedence(b.kind)));
    // One label per header: the first kind by precedence, and a kind it shares its rows with.
    // A run read down its first column is a reading of the whole run, offered to the series
    // reader whatever its first row is labelled (it takes it only when no table of years
    // across gave a series, as it always did).
    let mut label: Option<(usize, Kind)> = None;
    list.retain(|b| match label {
        _ if b.down => true,
        Some((h, k)) if h == b.header => k.shares_rows_with(b.kind),
        _ => {
            label = Some((b.header, b.kind));
            true
        }
    });
    // A row inside the body of a member list or a roadmap is that block's: both are read
    // to the end of their body (a member list row by row, a roadmap found so by its text
    // cells), so a row there that passes another kind's test (a member's `所属 | 役職`
    // cells are short words, as a matrix header's are) heads nothing.
    let mut body: Option<(usize, usize, Kind)> = None;
    list.retain(|b| {
        if let Some((header, end, kind)) = body {
            if b.header > header && b.header < end && !b.down && !kind.shares_rows_with(b.kind) {
                return false;
            }
        }
        if matches!(b.kind, Kind::Members | Kind::Roadmap) {
            body = Some((b.header, b.end, b.kind));
        }
        true
    });
    Blocks { list, heads }
}

fn precedence(kind: Kind) -> usize {
    Kind::PRECEDENCE
        .iter()
        .position(|k| *k == kind)
        .unwrap_or(Kind::PRECEDENCE.len())
}

/// Maximal runs of non-blank lines that are no table row.
fn prose(doc: &Doc) -> Vec<Block> {
    let mut out = Vec::new();
    let mut start = None;
    let text = |i: usize| {
        doc.lines
            .get(i)
            .is_some_and(|l| !l.is_blank() && !l.is_row())
    };
    for i in 0..=doc.lines.len() {
        match (text(i), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push(Block {
                    kind: Kind::Prose,
                    header: s,
                    end: i,
                    rows: RowBlock { start: s, end: i },
                    down: false,
                });
                start = None;
            }
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One of each kind, each table under a line of text.
    const MIXED: &str = "\
成果指標
指標名\t単位\t基準値\t目標値
企業誘致件数\t件\t25\t125

進捗状況
指標\t目標値\t実績値\t評価
創業者数\t150人\t170人\t◎

工程表
取組\t2022\t2023\t2024
企業誘致の推進\t戦略的な企業誘致活動の実施\t\t

企業の誘致件数
年度\tH30\tR1\tR2
誘致件数\t28\t55\t78

委員名簿
氏名\t所属\t役職
山田 太郎\t北浜大学\t教授

支援機関の役割
支援機関\t資金\t販路\t人材
北浜商工会議所\t○\t\t○
";

    #[test]
    fn each_block_of_a_mixed_document_is_labelled_once() {
        assert_eq!(
            labels(MIXED),
            [
                (1, 1, Kind::Prose),
                (2, 3, Kind::Indicators),
                (5, 5, Kind::Prose),
                // A progress list is an indicator table too: labelled so, and handed to both.
                (6, 7, Kind::Indicators),
                (9, 9, Kind::Prose),
                (10, 11, Kind::Roadmap),
                (13, 13, Kind::Prose),
                (14, 15, Kind::Series),
                (17, 17, Kind::Prose),
                (18, 19, Kind::Members),
                (21, 21, Kind::Prose),
                (22, 23, Kind::Matrix),
            ]
        );
    }

    #[test]
    fn each_recogniser_is_handed_its_blocks_and_no_other() {
        let doc = Doc::new("t.txt", MIXED);
        let blocks = classify(&doc);
        let headers = |kind| {
            blocks
                .of(kind)
                .map(|b: &Block| b.header + 1)
                .collect::<Vec<_>>()
        };
        assert_eq!(headers(Kind::Indicators), [2, 6]);
        assert_eq!(headers(Kind::Progress), [6]);
        // The roadmap's header of years is no data series: the roadmap comes first.
        assert_eq!(headers(Kind::Roadmap), [10]);
        assert_eq!(headers(Kind::Series), [14]);
        assert_eq!(headers(Kind::Members), [18]);
        // The short words over the indicator and member headers claim no matrix.
        assert_eq!(headers(Kind::Matrix), [22]);
    }

    /// The labels of a document's blocks, as `(first line number, last line number, kind)`.
    fn labels(text: &str) -> Vec<(usize, usize, Kind)> {
        let doc = Doc::new("t.txt", text);
        let blocks = classify(&doc);
        let mut seen = Vec::new();
        let mut out = Vec::new();
        for b in &blocks.list {
            if seen.contains(&b.header) {
                continue;
            }
            seen.push(b.header);
            if let Some(kind) = blocks.label(b.header) {
                out.push((b.header + 1, b.end, kind));
            }
        }
        out
    }
}
