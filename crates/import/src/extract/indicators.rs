//! Indicator tables (数値目標, 取組目標, KPI): every row that states a baseline or a target
//! becomes an indicator, and the same indicator printed in several tables becomes one.
//!
//! Plans print their targets in tables whose columns vary from one government to the next
//! (`指標名 | 現状値 | 目標値`, `KPI | 策定時 | 現状 | 目標(R7)`, `指標 | 単位 | 基準値 | 基準年度 |
//! 目標値 | 目標年度`, `項目 | 【現状】(2021年度) | 【目標値】(2026年度)`, yearly target columns
//! `R3 R4 R5`), so nothing here depends on column positions. The path a table takes:
//!
//! 1. A header row is found by its words (`classify_header`: 指標 / 項目 / KPI name the
//!    indicator, 現状 / 基準 / 策定時 the baseline, 目標 the target, 単位 the unit, 年度 / 時点 a
//!    period column, `R3` a year); a second header line (`\t数値\t基準年/年度\t`, `\t(R4年度)\t
//!    (R9年度)`) is merged into it column by column.
//! 2. The data rows below are profiled column by column (`CellKind`: values, periods, kind
//!    words such as `3年` / `累計`, bare units, text), and the header's roles are laid onto the
//!    data columns (`resolve`): by position where they fit, else in order, so a header cell
//!    that spans two data columns does not shift the table. A name wrapped onto a line of its
//!    own is joined to its row; rows go on across a page break.
//! 3. Each row becomes a `Draft`: the name split into label, `[category]`, definition, unit
//!    and marks (`split_name`); each value cell read by core's one quantity parser
//!    (`read_value`); periods from the cell, the period column (an empty cell is the one
//!    above), the header, a caption, or — for a year without its era (`（32年度）`) — the era
//!    the table wrote last. Grouping columns carry their value down. A line `name baseline →
//!    target` outside any table is a table of one row.
//! 4. Rows of different tables are merged (`merge`): the same normalised name is one indicator
//!    (other numbers are kept as first printed, and warned about), unless some table prints
//!    that name twice (for two projects) and the numbers differ; a summary row (one with a
//!    project column) joins the project's own row, matched by name (one containing the other)
//!    and numbers. An indicator's node is where it is placed, not where a list of all targets
//!    repeats it (`mark_overviews`), nor a `【再掲】` repeat.
//! 5. The kind follows the marks (DESIGN.md → Indicators): a window (`/3年`, `(2022～2026)`,
//!    `（R3～R7累計）`, `5年間で`, kind column `3年`) makes a period total, `累計` a cumulative
//!    count, `単年` / `年間` / `/年` an annual flow; a table without a target column holds monitor
//!    indicators. A period printed for the row beats a header's `年度・年` convention. The
//!    direction is a decrease for `以下` / `未満`, words such as `減少`, a rank (`位`), or a bare
//!    target below its baseline.
//!
//! Guarantees: never panics on any input (no unchecked indexing or slicing); time linear in the
//! document, except that a summary table is compared with the tables it summarises.

use std::collections::{HashMap, HashSet};

use shinchoku_core::era::parse_period;
use shinchoku_core::indicator::{Comparator, Direction, IndicatorKind};
use shinchoku_core::period::{FiscalStart, Period};
use shinchoku_core::quantity::{
    format_decimal, parse_quantity, Quantity, Unit, Window, KNOWN_UNITS,
};
use shinchoku_core::text::fold_normalized_printed_name;
use shinchoku_core::Decimal;

use super::model::{Extraction, IndicatorOut, NodeOut, ValueAt, Warning};
use super::scan::is_hiragana;
use super::text::{Doc, Line};

/// Adds what this recogniser finds in `doc` to `ex`.
pub fn recognize(doc: &Doc, ex: &mut Extraction) {
    let mut tables = read_tables(doc);
    mark_overviews(&mut tables);
    let mut warnings = Vec::new();
    for t in &tables {
        for d in &t.rows {
            for side in [&d.baseline, &d.target] {
                if side.no_value_word {
                    warnings.push(Warning {
                        line: d.line,
                        code: "no_value_word".into(),
                        message: format!(
                            "{}: 値の欄に「なし」などの語があります（値なしとして読みました。0 \
                             なら 0 と書いてください） / a word for no value in a value cell, \
                             read as no value (a count of zero is written 0)",
                            d.name
                        ),
                    });
                }
            }
        }
    }
    let (groups, table_project) = merge(&tables, &mut warnings);
    let plan = ex.plan.period;
    // The nodes by id, for walking up from an indicator's node to its project: once, not a
    // search of every node per indicator.
    let mut nodes: HashMap<&str, &NodeOut> = HashMap::with_capacity(ex.nodes.len());
    for n in &ex.nodes {
        // The first node of an id, as a search would find.
        nodes.entry(n.id.as_str()).or_insert(n);
    }
    let ctx = Finish {
        tables: &tables,
        table_project: &table_project,
        plan,
        doc,
        ex,
        nodes: &nodes,
    };
    let mut out: Vec<IndicatorOut> = groups.iter().map(|g| finish(g, &ctx)).collect();
    out.sort_by_key(|i| i.source_line);
    for (n, ind) in out.iter_mut().enumerate() {
        ind.id = format!("i{}", n + 1);
        if !Unit::new(&ind.unit).is_known() {
            warnings.push(Warning {
                line: ind.source_line,
                code: "unknown_unit".into(),
                message: format!(
                    "{}: 単位「{}」は計画でよく使われる単位の一覧にありません / the unit {:?} is \
                     not one plans use; check it",
                    ind.name, ind.unit, ind.unit
                ),
            });
        }
    }
    ex.indicators.extend(out);
    ex.warnings.extend(warnings);
}

// ---------------------------------------------------------------------------------------------
// Periods in headers, captions and notes.

/// How sure a period is; the surer wins when tables are merged.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Strength {
    /// The plan's period, for a target printed without one.
    Fallback,
    /// A convention: a header's `年度・年` (fiscal unless the row says 年), a bare Western year.
    Convention,
    /// Printed for this value, its column or its table.
    Explicit,
}

/// A period and how it was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Dated {
    period: Period,
    strength: Strength,
}

impl Dated {
    fn explicit(period: Period) -> Self {
        Dated {
            period,
            strength: Strength::Explicit,
        }
    }
}

/// Characters a period is written with (after NFKC).
fn is_period_char(c: char) -> bool {
    c.is_ascii_digit()
        || matches!(
            c,
            '元' | '令'
                | '和'
                | '平'
                | '成'
                | '昭'
                | '大'
                | '正'
                | '明'
                | '治'
                | '年'
                | '度'
                | '月'
                | '日'
                | '.'
                | '・'
                | '('
                | ')'
                | '~'
                | '〜'
                | '～'
                | '-'
                | ' '
                | 'R'
                | 'H'
                | 'S'
                | 'T'
                | 'M'
                | 'F'
                | 'Y'
        )
}

/// The first period written somewhere in `text` (`令和5年度(2023年度)目標値`, `現状値
/// (R元年度・年)`, `全国1位(2026年)`), read by core's period parser.
fn find_period(text: &str) -> Option<Dated> {
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        if !chars.get(i).is_some_and(|&c| is_period_char(c)) {
            i += 1;
            continue;
        }
        let start = i;
        while chars.get(i).is_some_and(|&c| is_period_char(c)) {
            i += 1;
        }
        let run: String = chars.get(start..i).unwrap_or_default().iter().collect();
        if !run.chars().any(|c| c.is_ascii_digit() || c == '元') {
            continue;
        }
        if let Some(d) = period_of_run(&run) {
            return Some(d);
        }
    }
    None
}

/// Trims a run of period characters and drops brackets it does not close: `R7(` → `R7`.
fn tidy_run(run: &str) -> String {
    let mut t = run
        .trim_matches(|c: char| c.is_whitespace() || matches!(c, '・' | '-' | '~' | '.'))
        .to_owned();
    for _ in 0..4 {
        let opens = t.matches('(').count();
        let closes = t.matches(')').count();
        let before = t.clone();
        if let Some(rest) = t.strip_prefix(')') {
            t = rest.to_owned();
        } else if let Some(rest) = t.strip_suffix('(') {
            t = rest.to_owned();
        } else if opens > closes {
            if let Some(rest) = t.strip_prefix('(') {
                t = rest.to_owned();
            } else if let Some(pos) = t.rfind('(') {
                t.truncate(pos);
            }
        } else if closes > opens {
            if let Some(rest) = t.strip_suffix(')') {
                t = rest.to_owned();
            } else if let Some(pos) = t.find(')') {
                t = t.get(pos + 1..).unwrap_or_default().to_owned();
            }
        }
        t = t
            .trim_matches(|c: char| c.is_whitespace() || matches!(c, '・' | '-' | '~'))
            .to_owned();
        if t == before {
            break;
        }
    }
    t
}

fn period_of_run(run: &str) -> Option<Dated> {
    let t = tidy_run(run);
    if t.is_empty() {
        return None;
    }
    if let Ok(p) = parse_period(&t) {
        // `年度・年`: a column of fiscal and calendar years alike, fiscal by convention.
        let strength = if t.contains("年度・年") {
            Strength::Convention
        } else {
            Strength::Explicit
        };
        return Some(Dated {
            period: p,
            strength,
        });
    }
    if let Some(p) = abbreviated_window(&t) {
        return Some(Dated::explicit(p));
    }
    // A bare Western year in brackets beside a value or in a header (`20市町村(2020)`) is a
    // year, not a count: fiscal by convention.
    let digits = t.trim_matches(|c| c == '(' || c == ')');
    if digits.len() == 4 && digits.bytes().all(|b| b.is_ascii_digit()) {
        let y: i32 = digits.parse().ok()?;
        if (1900..=2100).contains(&y) {
            return Period::fiscal_year(y).ok().map(|period| Dated {
                period,
                strength: Strength::Convention,
            });
        }
    }
    None
}

/// `2009~14年` (a Western window with its end abbreviated), which core's parser leaves alone.
fn abbreviated_window(t: &str) -> Option<Period> {
    let t = t.trim_matches(|c| c == '(' || c == ')');
    let sep = t.find(['~', '～', '〜', '-'])?;
    let left = t.get(..sep)?;
    let sep_len = t.get(sep..)?.chars().next()?.len_utf8();
    let right = t.get(sep + sep_len..)?;
    if left.len() != 4 || !left.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let digits: String = right.chars().take_while(char::is_ascii_digit).collect();
    let suffix = right.get(digits.len()..)?;
    if digits.is_empty() || digits.len() > 2 || !matches!(suffix, "" | "年" | "年度") {
        return None;
    }
    let century = left.get(..4 - digits.len())?;
    parse_period(&format!("{left}~{century}{digits}{suffix}")).ok()
}

/// A header that names a statistics survey with its year (`2019工業統計値（現状値）`): the
/// survey's year, a calendar year (surveys are dated by the year they count), and the source
/// as `2019 工業統計`.
fn survey_year(text: &str) -> Option<(Dated, String)> {
    let c = fold_normalized_printed_name(text);
    let chars: Vec<char> = c.chars().collect();
    let mut i = 0;
    while i + 4 <= chars.len() {
        let window = chars.get(i..i + 4)?;
        let before_digit = i > 0 && chars.get(i - 1).is_some_and(char::is_ascii_digit);
        let after_digit = chars.get(i + 4).is_some_and(char::is_ascii_digit);
        if window.iter().all(char::is_ascii_digit) && !before_digit && !after_digit {
            let y: i32 = window.iter().collect::<String>().parse().ok()?;
            let name: String = chars
                .get(i + 4..)?
                .iter()
                .take_while(|&&ch| !matches!(ch, '(' | ')' | '値' | '[' | ']'))
                .collect();
            if (1900..=2100).contains(&y)
                && ["統計", "調査", "センサス"]
                    .iter()
                    .any(|w| name.contains(w))
            {
                let period = Period::calendar_year(y).ok()?;
                return Some((Dated::explicit(period), format!("{y} {name}")));
            }
        }
        i += 1;
    }
    None
}

/// `（単位：人）`, `単位:千円` → the unit.
fn caption_unit(text: &str) -> Option<String> {
    let pos = text.find("単位")?;
    let rest = text.get(pos + "単位".len()..)?;
    let rest = rest.trim_start_matches(|c: char| c.is_whitespace() || matches!(c, ':' | '：'));
    let unit: String = rest
        .chars()
        .take_while(|&c| {
            !c.is_whitespace() && !matches!(c, ')' | '）' | ',' | '、' | ']' | '】' | '」')
        })
        .collect();
    if unit.is_empty() || unit.chars().count() > 8 {
        return None;
    }
    Some(Unit::new(&unit).as_str().to_owned())
}

/// A unit as printed, if it is one: known, or a known unit per year (`ha/年`).
fn unit_word(text: &str) -> Option<(String, bool)> {
    let t = fold_normalized_printed_name(text);
    let t = t.strip_prefix("単位:").unwrap_or(&t);
    let (base, annual) = match t.strip_suffix("/年") {
        Some(b) => (b, true),
        None => (t, false),
    };
    let u = Unit::new(base);
    (!u.is_empty() && known(&u)).then(|| (u.as_str().to_owned(), annual))
}

// ---------------------------------------------------------------------------------------------
// Header rows.

/// What a column holds, as its header says.
#[derive(Debug, Clone, PartialEq)]
enum Role {
    Empty,
    /// The indicator's name (指標名, 項目, KPI).
    Name,
    /// A grouping column (分野, 施策): its empty cells repeat the one above.
    Group,
    /// The project (プロジェクト名), also a grouping column.
    Project,
    Unit,
    Direction,
    Definition,
    Source,
    Ignore,
    /// 現状値, 基準値, 策定時.
    Baseline,
    /// 現状 beside a 策定時 / 基準 column: a later observation, not the baseline.
    Current,
    /// 目標値.
    Target,
    /// 中間目標: a yearly target.
    Interim,
    /// 基準年 / 年度: the baseline's period.
    BaselinePeriod,
    /// 目標年度.
    TargetPeriod,
    /// A column headed by a year (`R3`, `2023年度`).
    Year(Period),
    Other,
}

impl Role {
    fn is_value(&self) -> bool {
        matches!(
            self,
            Role::Baseline | Role::Current | Role::Target | Role::Interim | Role::Year(_)
        )
    }
}

/// One header column: its text (header lines merged) and what it says.
#[derive(Debug, Clone)]
struct HeaderCol {
    text: String,
    role: Role,
    period: Option<Dated>,
    unit: Option<String>,
    source: Option<String>,
}

fn has_any(c: &str, words: &[&str]) -> bool {
    words.iter().any(|w| c.contains(w))
}

/// Words that say a column holds values rather than names.
const VALUE_WORDS: &[&str] = &[
    "現状",
    "基準",
    "策定",
    "当初",
    "現況",
    "実績",
    "直近",
    "目標値",
    "見込",
];

/// The role a header cell gives its column (the cell compacted).
fn classify_header(c: &str) -> Role {
    if c.is_empty() {
        return Role::Empty;
    }
    if c.chars().count() > 40 {
        return Role::Other;
    }
    if c.starts_with("単位") {
        return Role::Unit;
    }
    if c.contains("方向") {
        return Role::Direction;
    }
    if has_any(c, &["定義", "算出", "算定", "説明", "考え方", "根拠"]) {
        return Role::Definition;
    }
    if has_any(c, &["出典", "資料", "データ", "把握方法"]) {
        return Role::Source;
    }
    if has_any(c, &["担当", "所管", "部局", "備考", "評価"]) {
        return Role::Ignore;
    }
    let value_word = has_any(c, VALUE_WORDS);
    if !value_word && has_any(c, &["指標", "項目", "KPI", "名称", "数値目標"]) {
        return Role::Name;
    }
    if c.contains("プロジェクト") {
        return Role::Project;
    }
    if !value_word
        && has_any(
            c,
            &[
                "分野",
                "施策",
                "政策",
                "基本目標",
                "方針",
                "取組",
                "区分",
                "事業名",
                "柱",
            ],
        )
    {
        return Role::Group;
    }
    if is_period_header(c) {
        return if c.contains("目標") {
            Role::TargetPeriod
        } else {
            Role::BaselinePeriod
        };
    }
    if c.contains("中間") {
        return Role::Interim;
    }
    if has_any(c, &["目標", "めざ", "目指"]) {
        return Role::Target;
    }
    if has_any(
        c,
        &[
            "現状", "基準", "策定", "当初", "現況", "実績", "直近", "現在",
        ],
    ) {
        return Role::Baseline;
    }
    if let Ok(p) = parse_period(c) {
        return Role::Year(p);
    }
    Role::Other
}

/// `基準年/年度`, `目標年度`, `年度`: a column of periods, not of values.
fn is_period_header(c: &str) -> bool {
    !c.chars().any(|ch| ch.is_ascii_digit() || ch == '元')
        && !c.contains('値')
        && (has_any(c, &["年度", "年次", "時点", "年月"]) || c.ends_with('年'))
}

/// Builds the header columns from the merged texts of its lines.
fn header_cols(texts: &[String]) -> Vec<HeaderCol> {
    let mut cols: Vec<HeaderCol> = texts
        .iter()
        .map(|t| {
            let role = classify_header(t);
            let survey = survey_year(t);
            let period = match &role {
                Role::Year(p) => Some(Dated::explicit(*p)),
                // A survey's year is its own (`2019工業統計値`), before any bare year.
                r if r.is_value() => survey.as_ref().map(|s| s.0).or_else(|| find_period(t)),
                _ => None,
            };
            let unit = caption_unit(t).or_else(|| {
                trailing_group(t)
                    .and_then(|(_, inner)| unit_word(&inner))
                    .map(|(u, _)| u)
            });
            HeaderCol {
                text: t.clone(),
                role,
                period,
                unit,
                source: survey.map(|s| s.1),
            }
        })
        .collect();
    // 策定時 / 基準 beside 現状: the first is the baseline, the second a later observation.
    let anchored = cols
        .iter()
        .any(|c| c.role == Role::Baseline && has_any(&c.text, &["策定", "基準", "当初", "計画"]));
    if anchored {
        for c in &mut cols {
            if c.role == Role::Baseline
                && !has_any(&c.text, &["策定", "基準", "当初", "計画"])
                && has_any(&c.text, &["現状", "実績", "直近", "現在", "現況"])
            {
                c.role = Role::Current;
            }
        }
    }
    cols
}

/// True when a cell reads as data rather than a header word.
fn is_data_cell(cell: &str) -> bool {
    if cell.is_empty() || kind_mark(cell).is_some() || parse_period(cell).is_ok() {
        return false;
    }
    let c = fold_normalized_printed_name(cell);
    if has_any(&c, VALUE_WORDS) || c.contains("目標") {
        return false;
    }
    matches!(cell_kind(cell), CellKind::Value | CellKind::Dash)
}

/// The first line of a header: a row with at least two labelled cells, no data, and a
/// baseline or target column.
fn is_header_start(line: &Line) -> bool {
    if !line.is_row() || line.cells.iter().filter(|c| !c.is_empty()).count() < 2 {
        return false;
    }
    // Most rows have none of the words a baseline or target column is headed with.
    const HEAD_WORDS: &[&str] = &[
        "目標", "現状", "基準", "策定", "当初", "現況", "実績", "直近", "現在", "めざ", "目指",
        "中間",
    ];
    if !line.cells.iter().any(|c| has_any(c, HEAD_WORDS)) {
        return false;
    }
    if line.cells.iter().any(|c| is_data_cell(c)) {
        return false;
    }
    line.cells.iter().any(|c| {
        matches!(
            classify_header(&fold_normalized_printed_name(c)),
            Role::Baseline | Role::Target | Role::Interim
        )
    })
}

/// Words a second header line is made of (`数値`, `基準年/年度`, `目標値`, `(R1)`).
const SUBHEADER_WORDS: &[&str] = &[
    "数値", "値", "基準", "年度", "年", "目標", "現状", "実績", "単位", "策定", "時点", "指標",
    "項目", "見込", "中間", "最終", "当初",
];

/// A second header line: a row of header words (or years, or units in brackets) only.
fn is_subheader(line: &Line) -> bool {
    if !line.is_row() || line.cells.iter().all(String::is_empty) {
        return false;
    }
    line.cells.iter().filter(|c| !c.is_empty()).all(|c| {
        let k = fold_normalized_printed_name(c);
        !is_data_cell(c)
            && k.chars().count() <= 20
            && (has_any(&k, SUBHEADER_WORDS)
                || parse_period(c).is_ok()
                || trailing_group(&k)
                    .is_some_and(|(open, inner)| open == 0 && unit_word(&inner).is_some()))
    })
}

// ---------------------------------------------------------------------------------------------
// Cells.

/// What a data cell holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum CellKind {
    Empty,
    /// `—`, `- Km`, `なし`.
    Dash,
    Value,
    Period,
    /// `3年`, `累計`, `単年`.
    KindWord,
    /// `兆円`, `万円/人`.
    UnitOnly,
    Text,
}

fn cell_kind(cell: &str) -> CellKind {
    let cell = cell.trim();
    if cell.is_empty() {
        return CellKind::Empty;
    }
    if kind_mark(cell).is_some() {
        return CellKind::KindWord;
    }
    if may_be_period(cell) && parse_period(cell).is_ok() {
        return CellKind::Period;
    }
    if let Ok(q) = parse_quantity(cell) {
        match q.value {
            None => return CellKind::Dash,
            Some(_) if plausible_unit(q.unit.as_str()).is_some() => return CellKind::Value,
            Some(_) => {}
        }
    }
    if cell.chars().count() <= 8 && !cell.chars().any(|c| c.is_ascii_digit()) {
        if let Some(_u) = unit_word(cell) {
            return CellKind::UnitOnly;
        }
    }
    CellKind::Text
}

/// `Unit::is_known`, by a set built once: asked for every cell of every table, the list's
/// linear scan was most of this recogniser's time on a large table.
fn known(unit: &Unit) -> bool {
    static SET: std::sync::OnceLock<HashSet<&'static str>> = std::sync::OnceLock::new();
    unit.is_empty()
        || SET
            .get_or_init(|| KNOWN_UNITS.iter().copied().collect())
            .contains(unit.as_str())
}

/// Cheap test before the period parser: a period is written with a year mark or an era.
fn may_be_period(cell: &str) -> bool {
    cell.contains([
        '年', 'R', 'H', 'S', 'T', 'M', '令', '平', '昭', '大', '明', 'F',
    ])
}

/// The unit a quantity was printed with, split from words that follow it (`万人の維持` →
/// `万人`, `の維持`); `None` when the "unit" is really words (`G基盤展開率`).
fn plausible_unit(u: &str) -> Option<(String, String)> {
    if u.is_empty() {
        return Some((String::new(), String::new()));
    }
    let unit = Unit::new(u);
    if known(&unit) {
        return Some((unit.as_str().to_owned(), String::new()));
    }
    let norm = unit.as_str();
    // A short unit outside the list (`万人泊`, `組織`, `万t-CO2`): kept, and warned about.
    // Words are longer, or written in kana.
    let word_chars = norm
        .chars()
        .filter(|c| !c.is_ascii() && !matches!(c, '万' | '千' | '百' | '億' | '兆'))
        .count();
    if word_chars <= 3 && norm.chars().count() <= 8 && !norm.chars().any(is_hiragana) {
        return Some((norm.to_owned(), String::new()));
    }
    // A known unit followed by words: `万人の維持`.
    let best = KNOWN_UNITS
        .iter()
        .filter(|k| norm.starts_with(**k))
        .max_by_key(|k| k.len())?;
    let rest = norm.get(best.len()..).unwrap_or_default();
    rest.starts_with(is_hiragana)
        .then(|| ((*best).to_owned(), rest.to_owned()))
}

/// A mark of how a value is counted, from a kind column or the name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mark {
    Cumulative,
    Annual,
    /// `3年`: a total over so many years.
    Window(u32),
    /// `期間計`: a total over the plan's period.
    Total,
}

fn kind_mark(cell: &str) -> Option<Mark> {
    if cell.chars().count() > 16 || !cell.contains(['年', '累', '単', '計', '毎', '各', '期'])
    {
        return None;
    }
    let c = fold_normalized_printed_name(cell);
    let c = c.trim_matches(|ch| matches!(ch, '(' | ')' | '[' | ']' | '【' | '】' | '〔' | '〕'));
    match c {
        "累計" | "累積" | "累計値" => return Some(Mark::Cumulative),
        "単年" | "単年度" | "年間" | "毎年" | "毎年度" | "各年" | "各年度" | "単年値" => {
            return Some(Mark::Annual)
        }
        "期間計" | "期間合計" | "期間累計" | "計画期間計" | "計画期間累計" | "期間中" => {
            return Some(Mark::Total)
        }
        _ => {}
    }
    let digits: String = c.chars().take_while(char::is_ascii_digit).collect();
    if digits.is_empty() || digits.len() > 2 {
        return None;
    }
    let rest = c.get(digits.len()..)?;
    let rest = rest.trim_start_matches(['か', 'カ', 'ヵ', 'ヶ', 'ケ', '箇']);
    if !matches!(
        rest,
        "年" | "年間" | "年度" | "年計" | "年間計" | "年累計" | "年間累計" | "年度間"
    ) {
        return None;
    }
    let n: u32 = digits.parse().ok()?;
    match n {
        0 => None,
        1 => Some(Mark::Annual),
        n => Some(Mark::Window(n)),
    }
}

/// The direction words of a cell (`減少を目指す`, `↓`), if any.
fn direction_of(text: &str) -> Option<Direction> {
    let c = fold_normalized_printed_name(text);
    if has_any(&c, &["減少の抑制", "減少を抑制", "減少抑制", "減少を抑え"]) {
        return Some(Direction::Increase);
    }
    if has_any(
        &c,
        &[
            "減少",
            "削減",
            "低減",
            "抑制",
            "下回",
            "以下",
            "縮小",
            "減らす",
            "↓",
            "ゼロ",
        ],
    ) {
        return Some(Direction::Decrease);
    }
    if has_any(
        &c,
        &[
            "増加",
            "上回",
            "向上",
            "拡大",
            "増やす",
            "上昇",
            "↑",
            "維持",
        ],
    ) {
        return Some(Direction::Increase);
    }
    None
}

// ---------------------------------------------------------------------------------------------
// Names.

/// A name cell, taken apart.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct NameParts {
    name: String,
    label: Option<String>,
    category: Option<String>,
    definition: Option<String>,
    unit: Option<String>,
    cumulative: bool,
    annual: bool,
    relisted: bool,
    /// `（R3～R7累計）`: a total over these years.
    window: Option<Period>,
    /// `（5年間累計）`: a total over so many years.
    window_len: Option<u32>,
    /// `（期間計）`: a total over the plan.
    total: bool,
}

/// List labels that NFKC keeps (text.rs protects them): `①`, `⑴`, `❶`, `Ⅱ`.
fn is_label_char(c: char) -> bool {
    matches!(c,
        '\u{2160}'..='\u{217F}'
        | '\u{2460}'..='\u{24FF}'
        | '\u{2776}'..='\u{2793}'
        | '\u{3251}'..='\u{325F}'
        | '\u{32B1}'..='\u{32BF}'
    )
}

/// A leading list label (`①`, `(1)`, `1.`, `1)`, `1 `) and the rest.
fn leading_label(t: &str) -> (Option<String>, &str) {
    let t = t.trim();
    let mut chars = t.chars();
    if let Some(c) = chars.next() {
        if is_label_char(c) {
            return (Some(c.to_string()), chars.as_str().trim_start());
        }
    }
    if let Some(rest) = t.strip_prefix('(') {
        let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
        if (1..=2).contains(&digits.len()) {
            if let Some(after) = rest.get(digits.len()..).and_then(|r| r.strip_prefix(')')) {
                if !after.trim().is_empty() {
                    return (Some(format!("({digits})")), after.trim_start());
                }
            }
        }
    }
    let digits: String = t.chars().take_while(char::is_ascii_digit).collect();
    if (1..=2).contains(&digits.len()) {
        let after = t.get(digits.len()..).unwrap_or_default();
        for sep in ['.', ')', ' '] {
            if let Some(rest) = after.strip_prefix(sep) {
                let next = rest.trim_start().chars().next();
                if next.is_some_and(|c| !c.is_ascii_digit() && !c.is_ascii_punctuation()) {
                    let label = if sep == ' ' {
                        digits.clone()
                    } else {
                        format!("{digits}{sep}")
                    };
                    return (Some(label), rest.trim_start());
                }
            }
        }
    }
    (None, t)
}

/// The bracketed group a text ends with: where it opens (byte index) and what it holds.
fn trailing_group(t: &str) -> Option<(usize, String)> {
    let last = t.chars().last()?;
    let open = match last {
        ')' => '(',
        '】' => '【',
        ']' => '[',
        '〕' => '〔',
        _ => return None,
    };
    let mut depth = 0usize;
    for (i, c) in t.char_indices().rev() {
        if c == last {
            depth += 1;
        } else if c == open {
            depth = depth.saturating_sub(1);
            if depth == 0 {
                let inner = t.get(i + open.len_utf8()..t.len() - last.len_utf8())?;
                return Some((i, inner.to_owned()));
            }
        }
    }
    None
}

/// Splits a name cell: `fold_printed_name`, then a leading label, a `[category]` prefix, `【再掲】`, and
/// trailing marks, units and definitions in brackets.
fn split_name(cell: &str) -> NameParts {
    let mut p = NameParts::default();
    let (label, rest) = leading_label(cell);
    p.label = label;
    let mut c = fold_normalized_printed_name(rest);
    for mark in [
        "【再掲】",
        "(再掲)",
        "[再掲]",
        "〔再掲〕",
        "<再掲>",
        "《再掲》",
    ] {
        if c.contains(mark) {
            p.relisted = true;
            c = c.replace(mark, "");
        }
    }
    if let Some(rest) = c.strip_prefix('[') {
        if let Some(end) = rest.find(']') {
            let cat = rest.get(..end).unwrap_or_default();
            let after = rest.get(end + 1..).unwrap_or_default();
            if !cat.is_empty() && !after.is_empty() {
                p.category = Some(cat.to_owned());
                c = after.to_owned();
            }
        }
    }
    while let Some((open, inner)) = trailing_group(&c) {
        if open == 0 {
            break;
        }
        // A window of years with a total word: `R3～R7累計`, `2022～2026年度の合計`.
        let total_words = ["の累計", "累計", "の合計", "合計", "計", "間"];
        let bare = total_words
            .iter()
            .find_map(|w| inner.strip_suffix(w))
            .filter(|_| inner.chars().count() <= 24);
        let window = bare.and_then(find_period).filter(|d| d.period.is_window());
        match (inner.as_str(), kind_mark(&inner), window) {
            ("再掲", _, _) => p.relisted = true,
            (_, Some(Mark::Cumulative), _) => p.cumulative = true,
            (_, Some(Mark::Annual), _) => p.annual = true,
            (_, Some(Mark::Window(n)), _) => p.window_len = Some(n),
            (_, Some(Mark::Total), _) => p.total = true,
            (_, None, Some(w)) => p.window = Some(w.period),
            _ => {
                if let Some((u, annual)) = unit_word(&inner) {
                    p.unit.get_or_insert(u);
                    p.annual |= annual;
                } else if inner.chars().count() >= 15
                    || inner.contains('、')
                    || inner.contains('。')
                    || inner.starts_with('※')
                {
                    p.definition.get_or_insert(inner);
                } else {
                    break;
                }
            }
        }
        c.truncate(open);
    }
    p.name = c;
    p
}

// ---------------------------------------------------------------------------------------------
// Values.

/// A baseline or target cell as read.
#[derive(Debug, Clone, Default)]
struct Side {
    /// The cell had something in it.
    present: bool,
    value: Option<Decimal>,
    unit: Option<String>,
    period: Option<Dated>,
    /// `/3年`.
    window_len: Option<u32>,
    notes: Vec<String>,
    /// An average over its period (`(24〜26年度平均)`).
    mean: bool,
    comparator: Comparator,
    cumulative: bool,
    annual: bool,
    /// A target in words (`増加を目指す`).
    text: Option<String>,
    direction: Option<Direction>,
    no_value_word: bool,
}

impl Side {
    fn has_content(&self) -> bool {
        self.value.is_some() || self.text.is_some()
    }

    fn note(&mut self, note: &str) {
        let note = note.trim().trim_start_matches('の').trim();
        if !note.is_empty() && !self.notes.iter().any(|n| n == note) {
            self.notes.push(note.to_owned());
        }
    }

    fn absorb_note(&mut self, note: &str) {
        let mean = note.contains("平均");
        if let Some(d) = find_period(&note.replace("平均", "")) {
            self.period = Some(d);
            self.mean |= mean;
        } else {
            self.mean |= mean;
            // `1,200件（増加を目指す）`: the words set the direction, the number stays.
            self.direction = self.direction.or(direction_of(note));
            self.note(note);
        }
        if note.contains("単年") {
            self.annual = true;
        }
    }

    /// Takes a parsed quantity; `None` when its "unit" is really words.
    fn from_quantity(q: &Quantity) -> Option<Side> {
        let mut s = Side {
            present: true,
            value: q.value,
            comparator: q.comparator,
            cumulative: q.cumulative,
            annual: q.annual,
            no_value_word: q.no_value_word,
            ..Side::default()
        };
        let (unit, rest) = plausible_unit(q.unit.as_str())?;
        if !unit.is_empty() {
            s.unit = Some(unit);
        }
        if !rest.is_empty() {
            s.direction = direction_of(&rest);
            s.note(&rest);
        }
        match q.window {
            Some(Window::Years(p)) => s.period = Some(Dated::explicit(p)),
            Some(Window::Length(n)) => s.window_len = Some(n),
            None => {}
        }
        if let Some(n) = &q.note {
            s.absorb_note(n);
            // `未満` and `超` are the strict forms of 以下 and 以上; the model keeps the nearer.
            if s.comparator == Comparator::Exact {
                if n.contains("未満") {
                    s.comparator = Comparator::AtMost;
                } else if n.split(' ').any(|w| w == "超") {
                    s.comparator = Comparator::AtLeast;
                }
            }
        }
        if s.comparator == Comparator::AtMost {
            s.direction = Some(Direction::Decrease);
        }
        Some(s)
    }
}

/// A phrase before the number saying how it is counted: `1年当たり312人`, `年間120件` (a
/// year's figure), `5年間累計1,750人`, `5年間で200人` (a total over five years).
fn leading_count_phrase(cell: &str) -> Option<(&str, Mark)> {
    for (word, mark) in [
        ("1年当たり", Mark::Annual),
        ("1年あたり", Mark::Annual),
        ("年当たり", Mark::Annual),
        ("年あたり", Mark::Annual),
        ("年平均", Mark::Annual),
        ("年間", Mark::Annual),
        ("毎年", Mark::Annual),
        ("毎年度", Mark::Annual),
        ("累計", Mark::Cumulative),
    ] {
        if let Some(rest) = cell.strip_prefix(word) {
            if rest.trim_start().starts_with(|c: char| c.is_ascii_digit()) {
                return Some((rest.trim_start(), mark));
            }
        }
    }
    let digits: String = cell.chars().take_while(char::is_ascii_digit).collect();
    if digits.is_empty() || digits.len() > 2 {
        return None;
    }
    let rest = cell.get(digits.len()..)?;
    let rest = rest.trim_start_matches(['か', 'カ', 'ヵ', 'ヶ', 'ケ', '箇']);
    let rest = rest
        .strip_prefix("年間")
        .or_else(|| rest.strip_prefix("年"))?;
    let rest = ["累計", "合計", "計", "で", "の累計", "の合計", "に"]
        .iter()
        .find_map(|w| rest.strip_prefix(w))
        .unwrap_or(rest)
        .trim_start();
    if !rest.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let n: u32 = digits.parse().ok()?;
    let mark = if n <= 1 {
        Mark::Annual
    } else {
        Mark::Window(n)
    };
    Some((rest, mark))
}

/// Reads a value cell: core's quantity parser, then a number followed by words (`6,308万人の
/// 維持`), then words alone (`増加を目指す`, `全国1位(2026年)`).
fn read_value(cell: &str) -> Side {
    let cell = cell.trim();
    if cell.is_empty() {
        return Side::default();
    }
    if let Some((rest, mark)) = leading_count_phrase(cell) {
        let mut s = read_value(rest);
        match mark {
            Mark::Annual => s.annual = true,
            Mark::Window(n) => s.window_len = s.window_len.or(Some(n)),
            Mark::Cumulative => s.cumulative = true,
            Mark::Total => {}
        }
        return s;
    }
    match parse_quantity(cell) {
        Ok(q) => {
            if let Some(s) = Side::from_quantity(&q) {
                return s;
            }
        }
        Err(e) => {
            let prefix: String = cell.chars().take(e.column.saturating_sub(1)).collect();
            let rest: String = cell.chars().skip(e.column.saturating_sub(1)).collect();
            if let Ok(q) = parse_quantity(&prefix) {
                if q.value.is_some() {
                    if let Some(mut s) = Side::from_quantity(&q) {
                        if s.period.is_none() {
                            s.period = find_period(&rest);
                        }
                        s.direction = s.direction.or(direction_of(&rest));
                        s.note(&rest);
                        return s;
                    }
                }
            }
        }
    }
    Side {
        present: true,
        text: Some(cell.to_owned()),
        direction: direction_of(cell),
        period: find_period(cell),
        ..Side::default()
    }
}

// ---------------------------------------------------------------------------------------------
// Tables.

/// One indicator row as printed.
#[derive(Debug, Clone, Default)]
struct Draft {
    line: usize,
    name: String,
    label: Option<String>,
    category: Option<String>,
    definition: Option<String>,
    project: Option<String>,
    source: Option<String>,
    /// A unit from the name, the unit column, the header or a caption.
    unit: Option<String>,
    relisted: bool,
    cumulative: bool,
    annual: bool,
    window_len: Option<u32>,
    total: bool,
    baseline: Side,
    target: Side,
    yearly: Vec<(Period, Decimal)>,
    direction: Option<Direction>,
    /// The table has no target column: watched, not graded.
    monitor: bool,
}

/// A table of indicators.
#[derive(Debug, Clone, Default)]
struct Table {
    rows: Vec<Draft>,
    /// It has a project column: a summary of other tables.
    project_col: bool,
    /// It lists indicators that other tables place (see [`mark_overviews`]).
    overview: bool,
}

/// How the columns of one table are used (data column indices).
#[derive(Debug, Clone, Default)]
struct Layout {
    name: usize,
    project: Option<usize>,
    groups: Vec<usize>,
    unit: Option<usize>,
    kind: Option<usize>,
    direction: Option<usize>,
    definition: Option<usize>,
    source: Option<usize>,
    baseline: Option<(usize, usize)>,
    target: Option<(usize, usize)>,
    yearly: Vec<(usize, usize)>,
    baseline_period: Option<usize>,
    target_period: Option<usize>,
}

/// What the data of a column look like.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ColClass {
    Empty,
    Value,
    Period,
    Kind,
    Unit,
    Text,
}

fn cell(line: &Line, j: usize) -> &str {
    line.cells.get(j).map(String::as_str).unwrap_or_default()
}

fn profile(rows: &[&Line], width: usize) -> Vec<ColClass> {
    (0..width)
        .map(|j| {
            let mut n = [0usize; 7];
            for r in rows {
                let k = cell_kind(cell(r, j));
                let slot = match k {
                    CellKind::Empty => 0,
                    CellKind::Dash => 1,
                    CellKind::Value => 2,
                    CellKind::Period => 3,
                    CellKind::KindWord => 4,
                    CellKind::UnitOnly => 5,
                    CellKind::Text => 6,
                };
                if let Some(x) = n.get_mut(slot) {
                    *x += 1;
                }
            }
            let [empty, dash, value, period, kind, unit, text] = n;
            let total = rows.len();
            if kind >= 1 && kind + empty == total {
                ColClass::Kind
            } else if period >= 1 && value == 0 && text == 0 && kind == 0 {
                ColClass::Period
            } else if unit >= 1 && unit + empty == total {
                ColClass::Unit
            } else if value + dash >= 1 && value + dash >= text {
                ColClass::Value
            } else if text + kind + unit + period >= 1 {
                ColClass::Text
            } else {
                ColClass::Empty
            }
        })
        .collect()
}

/// Lays the header's roles onto the data columns; `None` when the table has no name column
/// or no value column.
fn resolve(head: &[HeaderCol], rows: &[&Line]) -> Option<Layout> {
    let width = rows
        .iter()
        .map(|r| r.cells.len())
        .max()
        .unwrap_or(0)
        .max(head.len());
    let class = profile(rows, width);
    let class_of = |j: usize| class.get(j).copied().unwrap_or(ColClass::Empty);
    let role_of = |j: usize| head.get(j).map(|h| h.role.clone()).unwrap_or(Role::Empty);
    let mut l = Layout::default();

    // Value columns: by position where the header's value columns hold values, else in order
    // (a header cell spanning two data columns shifts the ones after it).
    let hv: Vec<(usize, Role)> = head
        .iter()
        .enumerate()
        .filter(|(_, h)| h.role.is_value())
        .map(|(i, h)| (i, h.role.clone()))
        .collect();
    let aligned = hv
        .iter()
        .all(|(i, _)| matches!(class_of(*i), ColClass::Value | ColClass::Text) && *i > 0);
    let mapped: Vec<(usize, usize, Role)> = if aligned {
        hv.iter().map(|(i, r)| (*i, *i, r.clone())).collect()
    } else {
        let dv: Vec<usize> = (0..width)
            .filter(|&j| class_of(j) == ColClass::Value)
            .collect();
        hv.iter()
            .zip(dv)
            .map(|((i, r), j)| (j, *i, r.clone()))
            .collect()
    };
    let mut targets: Vec<(usize, usize)> = Vec::new();
    for (j, h, role) in &mapped {
        match role {
            Role::Baseline if l.baseline.is_none() => l.baseline = Some((*j, *h)),
            Role::Target => targets.push((*j, *h)),
            Role::Interim | Role::Year(_) => l.yearly.push((*j, *h)),
            _ => {}
        }
    }
    if l.baseline.is_none() {
        l.baseline = mapped
            .iter()
            .find(|(_, _, r)| *r == Role::Current)
            .map(|(j, h, _)| (*j, *h));
    }
    // Several targets: the latest is the target, the others yearly targets (DESIGN.md).
    let years_after_target = targets
        .last()
        .is_some_and(|t| l.yearly.iter().any(|y| y.0 > t.0));
    if years_after_target {
        l.yearly.append(&mut targets);
        l.yearly.sort_unstable();
    }
    l.target = targets.pop();
    l.yearly.extend(targets);
    if l.target.is_none() {
        l.target = l.yearly.pop();
    }
    // Year columns before the target and no baseline column (`指標 | H30 | R1 | R2 | 目標(R7)`):
    // the years observed so far, the latest of which is the baseline.
    if l.baseline.is_none() {
        if let Some(t) = l.target {
            if let Some(last) = l.yearly.iter().rfind(|y| y.0 < t.0).copied() {
                l.baseline = Some(last);
                l.yearly.retain(|y| y.0 > t.0);
            }
        }
    }
    let used: HashSet<usize> = mapped.iter().map(|m| m.0).collect();

    for (j, h) in head.iter().enumerate() {
        let free = !used.contains(&j);
        match h.role {
            Role::BaselinePeriod | Role::TargetPeriod
                if free && !matches!(class_of(j), ColClass::Kind | ColClass::Unit) =>
            {
                let after_target = l.target.is_some_and(|t| j > t.0)
                    && l.baseline.is_none_or(|b| b.0 < l.target.map_or(0, |t| t.0));
                if h.role == Role::TargetPeriod || after_target {
                    l.target_period.get_or_insert(j);
                } else {
                    l.baseline_period.get_or_insert(j);
                }
            }
            Role::Project if free => l.project = Some(j),
            Role::Group if free => l.groups.push(j),
            Role::Unit if free => l.unit = Some(j),
            Role::Direction if free => l.direction = Some(j),
            Role::Definition if free => l.definition = Some(j),
            Role::Source if free => l.source = Some(j),
            _ => {}
        }
    }
    // Period columns the header does not name belong to the value column before them.
    for j in 0..width {
        if class_of(j) != ColClass::Period
            || used.contains(&j)
            || l.baseline_period == Some(j)
            || l.target_period == Some(j)
        {
            continue;
        }
        match (l.baseline, l.target) {
            (_, Some(t)) if j > t.0 => {
                l.target_period.get_or_insert(j);
            }
            (Some(b), _) if j > b.0 => {
                l.baseline_period.get_or_insert(j);
            }
            _ => {}
        }
    }
    if l.unit.is_none() {
        l.unit = (0..width).find(|&j| class_of(j) == ColClass::Unit && !used.contains(&j));
    }
    l.kind = (0..width).find(|&j| class_of(j) == ColClass::Kind && !used.contains(&j));

    let taken = |j: usize, l: &Layout| {
        used.contains(&j)
            || l.project == Some(j)
            || l.groups.contains(&j)
            || l.unit == Some(j)
            || l.kind == Some(j)
            || l.direction == Some(j)
            || l.definition == Some(j)
            || l.source == Some(j)
            || l.baseline_period == Some(j)
            || l.target_period == Some(j)
    };
    let first_value = mapped.iter().map(|m| m.0).min().unwrap_or(width);
    let by_header = head
        .iter()
        .position(|h| h.role == Role::Name)
        .filter(|&j| matches!(class_of(j), ColClass::Text | ColClass::Value) && !taken(j, &l));
    let by_data = || {
        (0..first_value)
            .find(|&j| class_of(j) == ColClass::Text && !taken(j, &l) && role_of(j) != Role::Other)
            .or_else(|| (0..first_value).find(|&j| class_of(j) == ColClass::Text && !taken(j, &l)))
    };
    l.name = by_header.or_else(by_data)?;
    (l.baseline.is_some() || l.target.is_some()).then_some(l)
}

/// Lines before a header that caption the table: `（単位：人）`, `目標年度：令和7年度`.
fn captions(doc: &Doc, header: usize) -> (Option<String>, Option<Dated>) {
    let mut unit = None;
    let mut target = None;
    let mut seen = 0;
    let mut i = header;
    while i > 0 && seen < 3 {
        i -= 1;
        let Some(l) = doc.lines.get(i) else { break };
        if l.is_blank() {
            continue;
        }
        if l.is_row() {
            break;
        }
        seen += 1;
        unit = unit.or_else(|| caption_unit(&l.text));
        if let Some(pos) = l.text.find("目標年") {
            target = target.or_else(|| find_period(l.text.get(pos..).unwrap_or_default()));
        }
    }
    (unit, target)
}

/// A `資料：` / `出典：` line just after a table.
fn source_after(doc: &Doc, end: usize) -> Option<String> {
    let mut i = end;
    let mut seen = 0;
    while seen < 3 {
        let l = doc.lines.get(i)?;
        i += 1;
        if l.is_blank() {
            continue;
        }
        seen += 1;
        let t = l.text.trim_start_matches(['(', '※', ' ']);
        for w in ["資料", "出典"] {
            if let Some(rest) = t.strip_prefix(w) {
                let rest = rest
                    .trim_start_matches([':', '：', ' '])
                    .trim_end_matches(')');
                if !rest.is_empty() {
                    return Some(rest.trim().to_owned());
                }
            }
        }
        if l.is_row() {
            return None;
        }
    }
    None
}

/// Finds every indicator table of the document.
fn read_tables(doc: &Doc) -> Vec<Table> {
    let mut tables = Vec::new();
    let n = doc.lines.len();
    let mut i = 0;
    while i < n {
        let Some(line) = doc.lines.get(i) else { break };
        if !is_header_start(line) {
            if let Some(d) = arrow_line(line) {
                tables.push(Table {
                    rows: vec![d],
                    ..Table::default()
                });
            }
            i += 1;
            continue;
        }
        match read_table(doc, i) {
            Some((table, end)) => {
                if !table.rows.is_empty() {
                    tables.push(table);
                }
                i = end.max(i + 1);
            }
            None => i += 1,
        }
    }
    tables
}

/// A target written on one line with an arrow, outside any table: `【KPI】観光入込客数
/// 3,100千人（R2）→ 3,500千人（R7）`, `農業産出額 (H25)4,356億円 → (H31)4,380億円`,
/// `移住者数：現状 512人 ⇒ 目標 800人`.
fn arrow_line(line: &Line) -> Option<Draft> {
    if line.is_row() || line.text.chars().count() > 160 {
        return None;
    }
    let t = line.text.as_str();
    let pos = t.find(['→', '⇒', '➡', '➔'])?;
    let left = t.get(..pos)?.trim();
    let arrow_len = t.get(pos..)?.chars().next()?.len_utf8();
    let right = t.get(pos + arrow_len..)?.trim();
    let right = ["目標値", "目標"]
        .iter()
        .find_map(|w| right.strip_prefix(w))
        .unwrap_or(right)
        .trim_start_matches([':', ' ']);
    let left = left
        .trim_start_matches(['・', '○', '●', '◆', '◇', '■', '□', '-', ' '])
        .trim();
    let left = [
        "【KPI】",
        "[KPI]",
        "<KPI>",
        "KPI:",
        "KPI",
        "【数値目標】",
        "数値目標:",
    ]
    .iter()
    .find_map(|w| left.strip_prefix(w))
    .unwrap_or(left)
    .trim();
    // The value starts at the first digit or bracket from which the rest reads as one.
    let (name, baseline) = left
        .char_indices()
        .filter(|(_, c)| c.is_ascii_digit() || *c == '(')
        .find_map(|(k, _)| {
            let name = left.get(..k)?;
            let b = arrow_value(left.get(k..)?)?;
            Some((name, b))
        })?;
    let target = arrow_value(right)?;
    let name = name.trim().trim_end_matches([':', ' ', 'は']);
    let name = ["現状値", "現状", "基準値", "基準", "策定時", "当初"]
        .iter()
        .find_map(|w| name.strip_suffix(w))
        .unwrap_or(name)
        .trim_end_matches([':', ' ']);
    let parts = split_name(name);
    let word_chars = parts
        .name
        .chars()
        .filter(|c| !c.is_ascii_digit() && !c.is_ascii_punctuation())
        .count();
    if word_chars < 2
        || ["令和", "平成", "昭和", "第"]
            .iter()
            .any(|e| parts.name.ends_with(e))
    {
        return None;
    }
    let mut d = Draft {
        line: line.no,
        name: parts.name,
        label: parts.label,
        category: parts.category,
        definition: parts.definition,
        unit: parts.unit,
        relisted: parts.relisted,
        cumulative: parts.cumulative,
        annual: parts.annual,
        window_len: parts.window_len,
        total: parts.total,
        baseline,
        target,
        ..Draft::default()
    };
    if let Some(w) = parts.window {
        d.target.period = Some(Dated::explicit(w));
    }
    if let Some(n) = d.target.window_len.or(d.window_len) {
        if let Some(t) = d.target.period.filter(|t| !t.period.is_window()) {
            d.target.period = window_ending(t.period, n).map(|period| Dated {
                period,
                strength: t.strength,
            });
        }
    }
    Some(d)
}

/// One side of an arrow: an optional period in brackets, then a value (`(H25)4,356億円`,
/// `512人（R1）`); `None` unless it holds a number that is no year.
fn arrow_value(text: &str) -> Option<Side> {
    let text = text.trim();
    let (lead, rest) = match text.strip_prefix('(') {
        Some(r) => {
            let close = r.find(')')?;
            (find_period(r.get(..close)?), r.get(close + 1..)?.trim())
        }
        None => (None, text),
    };
    let mut s = read_value(rest);
    let unit = s.unit.as_deref().unwrap_or_default();
    if s.value.is_none() || s.text.is_some() || matches!(unit, "年" | "年度" | "月" | "日" | "時")
    {
        return None;
    }
    if s.period.is_none() {
        s.period = lead;
    }
    Some(s)
}

/// Reads the table whose header starts at line index `start`; returns it and the index after.
fn read_table(doc: &Doc, start: usize) -> Option<(Table, usize)> {
    let first = doc.lines.get(start)?;
    let mut texts: Vec<String> = first
        .cells
        .iter()
        .map(|c| fold_normalized_printed_name(c))
        .collect();
    let mut i = start + 1;
    while i < start + 3 {
        let Some(l) = doc.lines.get(i) else { break };
        if !is_subheader(l) {
            break;
        }
        for (j, c) in l.cells.iter().enumerate() {
            match texts.get_mut(j) {
                Some(t) => t.push_str(&fold_normalized_printed_name(c)),
                None => texts.push(fold_normalized_printed_name(c)),
            }
        }
        i += 1;
    }
    let head = header_cols(&texts);
    let named = head.iter().any(|h| h.role == Role::Name);
    let unnamed_pair = head.first().is_some_and(|h| h.role == Role::Empty)
        && head.iter().any(|h| h.role == Role::Baseline)
        && head.iter().any(|h| h.role == Role::Target);
    if !named && !unnamed_pair {
        return None;
    }

    // Data rows: consecutive rows, across a page break (blank lines) when the rows go on
    // with the same width.
    let width = texts.len();
    let mut rows: Vec<&Line> = Vec::new();
    // Names wrapped onto a line of their own: the first part before the row (keyed by the
    // row's line number), or a bracketed last part after it.
    let mut wrapped: HashMap<usize, (String, String)> = HashMap::new();
    let mut end = i;
    while let Some(l) = doc.lines.get(i) {
        if !l.is_row() && !l.is_blank() {
            if let Some(next) = doc.lines.get(i + 1).filter(|n| name_wraps_onto(l, n)) {
                wrapped.entry(next.no).or_default().0 = l.text.clone();
                i += 1;
                continue;
            }
            if let Some(prev) = rows.last().filter(|_| is_name_tail(l)) {
                wrapped.entry(prev.no).or_default().1 = l.text.clone();
                i += 1;
                end = i;
                continue;
            }
        }
        if l.is_row() {
            if is_header_start(l) {
                break;
            }
            rows.push(l);
            i += 1;
            end = i;
        } else if l.is_blank() {
            let Some(j) = doc.next_nonblank(i) else { break };
            let Some(next) = doc.lines.get(j) else { break };
            let continues = j - i <= 2
                && next.is_row()
                && !is_header_start(next)
                && next.cells.len() == width
                && !rows.is_empty()
                && next
                    .cells
                    .iter()
                    .skip(1)
                    .any(|c| cell_kind(c) == CellKind::Value);
            if !continues {
                break;
            }
            i = j;
        } else {
            break;
        }
    }
    if rows.is_empty() {
        return None;
    }
    let layout = resolve(&head, &rows)?;
    let (caption_unit, caption_target) = captions(doc, start);
    let after = source_after(doc, end);
    let table_source = head.iter().find_map(|h| h.source.clone()).or(after);
    let monitor = layout.target.is_none() && layout.yearly.is_empty();
    let mut table = Table {
        project_col: layout.project.is_some(),
        ..Table::default()
    };
    let mut carry: Vec<Option<String>> = vec![None; layout_width(&layout)];
    let mut era: Option<String> = None;
    for r in rows {
        // Grouping and period columns: an empty cell is the one above.
        for &j in layout
            .groups
            .iter()
            .chain(layout.project.iter())
            .chain(layout.baseline_period.iter())
            .chain(layout.target_period.iter())
        {
            let c = cell(r, j);
            if !c.is_empty() {
                if let Some(slot) = carry.get_mut(j) {
                    *slot = Some(c.to_owned());
                }
            }
        }
        let ctx = RowContext {
            head: &head,
            layout: &layout,
            carry: &carry,
            caption_unit: caption_unit.as_deref(),
            caption_target,
            source: table_source.as_deref(),
            monitor,
        };
        let wrap = if wrapped.is_empty() {
            None
        } else {
            wrapped.get(&r.no)
        };
        let name = match (wrap, ctx.layout.name) {
            (Some((head, tail)), j) => format!("{head}{}{tail}", cell(r, j)),
            (None, j) => cell(r, j).to_owned(),
        };
        if let Some(d) = read_row(r, &ctx, &name, &mut era) {
            table.rows.push(d);
        }
    }
    // A table of words only (`目標 | 向上`, plans of action) is no table of numeric targets.
    let numeric = table
        .rows
        .iter()
        .any(|d| d.baseline.value.is_some() || d.target.value.is_some() || !d.yearly.is_empty());
    if !numeric {
        table.rows.clear();
    }
    Some((table, end))
}

/// One past the highest column a layout uses.
fn layout_width(l: &Layout) -> usize {
    [
        Some(l.name),
        l.project,
        l.unit,
        l.kind,
        l.direction,
        l.definition,
        l.source,
        l.baseline.map(|b| b.0),
        l.target.map(|t| t.0),
        l.baseline_period,
        l.target_period,
    ]
    .into_iter()
    .flatten()
    .chain(l.groups.iter().copied())
    .chain(l.yearly.iter().map(|y| y.0))
    .max()
    .map_or(0, |m| m + 1)
}

/// A line of text that is the first part of the next row's name: short, no note or heading,
/// and followed by a row with values.
fn name_wraps_onto(l: &Line, next: &Line) -> bool {
    let t = &l.text;
    next.is_row()
        && !is_header_start(next)
        && next
            .cells
            .iter()
            .skip(1)
            .any(|c| matches!(cell_kind(c), CellKind::Value | CellKind::Dash))
        && t.chars().count() <= 40
        && !t.starts_with(['※', '*', '注', '(', '<', '【', '■', '●', '・', '-'])
        && !t.starts_with("資料")
        && !t.starts_with("出典")
        && !t.contains('。')
        && leading_label(t).0.is_none()
}

/// A line holding only the bracketed end of the row above's name: `（累計）`, `（年間）`.
fn is_name_tail(l: &Line) -> bool {
    let t = fold_normalized_printed_name(&l.text);
    trailing_group(&t).is_some_and(|(open, inner)| {
        open == 0 && (kind_mark(&inner).is_some() || unit_word(&inner).is_some() || inner == "再掲")
    })
}

/// What a row needs from its table.
struct RowContext<'a> {
    head: &'a [HeaderCol],
    layout: &'a Layout,
    carry: &'a [Option<String>],
    caption_unit: Option<&'a str>,
    caption_target: Option<Dated>,
    source: Option<&'a str>,
    monitor: bool,
}

/// A period cell (or the one above it): `Some(None)` for a dash, which says there is none.
fn period_cell(ctx: &RowContext, col: Option<usize>) -> Option<Option<Dated>> {
    let c = ctx.carry.get(col?)?.as_ref()?;
    match cell_kind(c) {
        CellKind::Dash => Some(None),
        _ => Some(find_period(c)),
    }
}

fn read_row(
    r: &Line,
    ctx: &RowContext,
    name_cell: &str,
    era: &mut Option<String>,
) -> Option<Draft> {
    let l = ctx.layout;
    if name_cell.is_empty() {
        return None;
    }
    let parts = split_name(name_cell);
    if parts.name.is_empty() {
        return None;
    }
    let mut d = Draft {
        line: r.no,
        name: parts.name,
        label: parts.label,
        category: parts.category,
        definition: parts.definition,
        relisted: parts.relisted,
        cumulative: parts.cumulative,
        annual: parts.annual,
        window_len: parts.window_len,
        total: parts.total,
        monitor: ctx.monitor,
        ..Draft::default()
    };
    let name_window = parts.window;
    d.project = l
        .project
        .and_then(|j| ctx.carry.get(j))
        .and_then(Option::as_ref)
        .map(|p| fold_normalized_printed_name(p));
    if let Some(k) = l.kind.and_then(|j| kind_mark(cell(r, j))) {
        match k {
            Mark::Cumulative => d.cumulative = true,
            Mark::Annual => d.annual = true,
            Mark::Window(n) => d.window_len = Some(n),
            Mark::Total => d.total = true,
        }
    }
    d.direction = l.direction.and_then(|j| direction_of(cell(r, j)));
    if d.definition.is_none() {
        d.definition = l
            .definition
            .map(|j| cell(r, j).to_owned())
            .filter(|s| !s.is_empty());
    }
    d.source = l
        .source
        .map(|j| cell(r, j).to_owned())
        .filter(|s| !s.is_empty())
        .or(ctx.source.map(str::to_owned));
    // A unit column's `件/年` marks an annual flow, as `/年` does everywhere.
    let column_unit =
        l.unit
            .map(|j| cell(r, j))
            .filter(|c| !c.is_empty())
            .map(|c| match unit_word(c) {
                Some((u, annual)) => {
                    d.annual |= annual;
                    u
                }
                None => Unit::new(c).as_str().to_owned(),
            });
    let head_unit = |h: usize| ctx.head.get(h).and_then(|c| c.unit.clone());
    d.unit = parts
        .unit
        .or(column_unit)
        .or_else(|| l.target.and_then(|t| head_unit(t.1)))
        .or_else(|| l.baseline.and_then(|b| head_unit(b.1)))
        .or(ctx.caption_unit.map(str::to_owned));

    // Baseline: the cell's own period, else the period column (a dash there says none),
    // else the header's, which applies only to a value.
    if let Some((j, h)) = l.baseline {
        let mut b = read_value(cell(r, j));
        if b.period.is_none() {
            b.period = match period_cell(ctx, l.baseline_period) {
                Some(p) => p,
                None if b.has_content() => ctx.head.get(h).and_then(|c| c.period),
                None => None,
            };
        }
        d.baseline = b;
    }
    if let Some((j, h)) = l.target {
        let mut t = read_value(cell(r, j));
        if t.period.is_none() {
            t.period = match period_cell(ctx, l.target_period) {
                Some(p) => p,
                None if t.has_content() => ctx
                    .head
                    .get(h)
                    .and_then(|c| c.period)
                    .or(ctx.caption_target),
                None => None,
            };
        }
        d.target = t;
    }
    // A table that writes the era once (`50%（平成28年度）`, then `（28年度）`, `（32年度）`).
    if let Some(e) = r.cells.iter().find_map(|c| era_of(c)) {
        *era = Some(e.to_owned());
    }
    if let Some(e) = era.as_deref() {
        for side in [&mut d.baseline, &mut d.target] {
            if side.period.is_none() {
                side.period = side.notes.iter().find_map(|n| eraless(n, e));
            }
        }
    }
    // A window in the name (`（R3～R7累計）`) is the target's period.
    if let Some(w) = name_window {
        if d.target.period.is_none_or(|t| !t.period.is_window()) {
            d.target.period = Some(Dated::explicit(w));
        }
    }
    for &(j, h) in &l.yearly {
        let y = read_value(cell(r, j));
        let period = y.period.or(ctx.head.get(h).and_then(|c| c.period));
        if let (Some(v), Some(p)) = (y.value, period) {
            d.yearly.push((p.period, v));
        }
        if d.unit.is_none() {
            d.unit = y.unit;
        }
    }
    // A target in words with a number of the baseline's unit in it (`全国1位` beside `2位`).
    if d.target.value.is_none() {
        if let (Some(text), Some(unit)) = (&d.target.text, &d.baseline.unit) {
            if let Some(q) = embedded_quantity(text, unit) {
                d.target.value = q.value;
                d.target.comparator = q.comparator;
            }
        }
    }
    // Prose in the value columns (a plan of action, a note spanning the table) is no target.
    let prose = |s: &Side| s.text.as_ref().is_some_and(|t| t.chars().count() > 30);
    if d.baseline.value.is_none()
        && d.target.value.is_none()
        && (prose(&d.baseline) || prose(&d.target))
    {
        return None;
    }
    if !d.baseline.present && !d.target.present && d.yearly.is_empty() {
        // A heading row inside the table, or a name wrapped onto its own row.
        return None;
    }
    // A length (`/3年`, kind column `3年`) ends in the target's year: `令和5年度` with `/3年` is
    // FY2021-FY2023, `令和5年` CY2021-CY2023.
    if let Some(n) = d.target.window_len.or(d.window_len) {
        if let Some(t) = d.target.period {
            if !t.period.is_window() {
                if let Some(w) = window_ending(t.period, n) {
                    d.target.period = Some(Dated {
                        period: w,
                        strength: t.strength,
                    });
                }
            }
        }
    }
    Some(d)
}

/// The era a cell writes its years in, if it names one.
fn era_of(cell: &str) -> Option<&'static str> {
    ["令和", "平成", "昭和"]
        .into_iter()
        .find(|e| cell.contains(e))
}

/// An era-less year (`32年度`, `28年`) in the era the table wrote before.
fn eraless(note: &str, era: &str) -> Option<Dated> {
    let t = fold_normalized_printed_name(note);
    let digits: String = t.chars().take_while(char::is_ascii_digit).collect();
    let rest = t.get(digits.len()..)?;
    if digits.is_empty() || digits.len() > 2 || !matches!(rest, "年度" | "年" | "年度末" | "年末")
    {
        return None;
    }
    parse_period(&format!("{era}{t}")).ok().map(Dated::explicit)
}

/// The first number in `text` printed with `unit` (`全国1位 (2026年)` → 1 位).
fn embedded_quantity(text: &str, unit: &str) -> Option<Quantity> {
    let start = text.find(|c: char| c.is_ascii_digit())?;
    let rest = text.get(start..)?;
    let end = rest.find(['(', ' ']).unwrap_or(rest.len());
    let q = parse_quantity(rest.get(..end)?).ok()?;
    (q.value.is_some() && q.unit.as_str() == unit).then_some(q)
}

/// The window of `n` years that ends with `end` (fiscal or calendar as `end` is).
fn window_ending(end: Period, n: u32) -> Option<Period> {
    let y = end.end_year(FiscalStart::APRIL);
    let start = y.checked_sub(i32::try_from(n).ok()?.checked_sub(1)?)?;
    if end.is_fiscal() {
        Period::fiscal_years(start, y).ok()
    } else {
        Period::calendar_years(start, y).ok()
    }
}

// ---------------------------------------------------------------------------------------------
// Merging.

/// A row of a table: (table index, row index).
type RowId = (usize, usize);

fn draft(tables: &[Table], id: RowId) -> Option<&Draft> {
    tables.get(id.0).and_then(|t| t.rows.get(id.1))
}

/// Whether two values agree: `None` when either is missing or the units do not compare.
fn agree(a: &Side, ua: &str, b: &Side, ub: &str) -> Option<bool> {
    let (x, y) = (a.value?, b.value?);
    let y = if ua == ub || ub.is_empty() || ua.is_empty() {
        y
    } else {
        Unit::convert(y, &Unit::new(ub), &Unit::new(ua))?
    };
    Some(x == y)
}

fn unit_of(d: &Draft) -> String {
    d.baseline
        .unit
        .clone()
        .or(d.target.unit.clone())
        .or(d.unit.clone())
        .unwrap_or_default()
}

/// Baseline and target agreement of two drafts: (agreeing, disagreeing) counts.
fn compare(a: &Draft, b: &Draft) -> (i32, i32) {
    let (ua, ub) = (unit_of(a), unit_of(b));
    let mut yes = 0;
    let mut no = 0;
    for (x, y) in [(&a.baseline, &b.baseline), (&a.target, &b.target)] {
        match agree(x, &ua, y, &ub) {
            Some(true) => yes += 1,
            Some(false) => no += 1,
            None if !x.has_content() && !y.has_content() => yes += 1,
            None => {}
        }
    }
    (yes, no)
}

/// How well two normalised names match: 2 equal, 1 one contains the other with a few
/// characters more (`県航空宇宙…` in `山口県航空宇宙…`).
fn name_match(a: &str, b: &str) -> u8 {
    if a == b {
        return 2;
    }
    let contains = |a: &str, b: &str| {
        let (la, lb) = (a.chars().count(), b.chars().count());
        let (short, long, ls, ll) = if la <= lb {
            (a, b, la, lb)
        } else {
            (b, a, lb, la)
        };
        ls >= 3 && long.contains(short) && ll - ls <= (ll / 5).max(3)
    };
    u8::from(contains(a, b) || contains(&bare(a), &bare(b)))
}

/// A name without the particles and quotation marks that come and go between two printings
/// of it (`若者の県内定着率` / `若者県内定着率`).
fn bare(s: &str) -> String {
    s.chars()
        .filter(|c| !matches!(c, 'の' | '・' | '「' | '」' | '『' | '』'))
        .collect()
}

/// Marks the lists of targets that other tables place under their headings (a `数値目標`
/// section near the start that lists every target of the plan in one table, which the
/// sections after it print again under their own headings; or a summary table with a
/// project column): an indicator belongs where it is placed, not where a list repeats it. A list's names are spread over two or more other tables, none of which
/// holds them all.
fn mark_overviews(tables: &mut [Table]) {
    // Which tables print each name (tables without a project column), in table order.
    let mut by_name: HashMap<&str, Vec<usize>> = HashMap::new();
    for (ti, t) in tables.iter().enumerate() {
        if t.project_col {
            continue;
        }
        // A `【再掲】` row repeats an indicator placed elsewhere; it does not place it.
        for d in t.rows.iter().filter(|d| !d.relisted) {
            let e = by_name.entry(d.name.as_str()).or_default();
            if e.last() != Some(&ti) {
                e.push(ti);
            }
        }
    }
    let overview: Vec<bool> = tables
        .iter()
        .enumerate()
        .map(|(ti, t)| t.project_col || is_overview(ti, t, &by_name))
        .collect();

    for (t, o) in tables.iter_mut().zip(overview) {
        t.overview = o;
    }
}

/// Whether table `ti` is a list of targets placed elsewhere: two or more of its rows name
/// indicators other tables print, those spread over two or more tables, and no other table
/// prints them all. `by_name` holds, for each name, the tables printing it in order.
///
/// The other tables of a name are not counted one by one (a name printed in every one of
/// thousands of tables would make that quadratic): at most two are looked at for the spread,
/// and "no table prints them all" is asked of the tables of the rarest name only, each
/// checked by binary search and given up at its first missing name.
fn is_overview(ti: usize, t: &Table, by_name: &HashMap<&str, Vec<usize>>) -> bool {
    // The rows whose name some other table prints, by the tables printing it.
    let mut found: Vec<&[usize]> = Vec::new();
    // Up to two of the other tables.
    let mut spread: Vec<usize> = Vec::with_capacity(2);
    for d in &t.rows {
        let Some(list) = by_name.get(d.name.as_str()) else {
            continue;
        };
        let own = usize::from(list.binary_search(&ti).is_ok());
        if list.len() <= own {
            continue;
        }
        found.push(list);
        for &o in list.iter().filter(|&&o| o != ti).take(2) {
            if spread.len() < 2 && !spread.contains(&o) {
                spread.push(o);
            }
        }
    }
    if found.len() < 2 || spread.len() < 2 {
        return false;
    }
    let Some(rarest) = found.iter().min_by_key(|l| l.len()) else {
        return false;
    };
    let holds_all = |o: usize| found.iter().all(|l| l.binary_search(&o).is_ok());
    !rarest.iter().any(|&o| o != ti && holds_all(o))
}

/// Merges the rows of all tables into indicators (lists of rows).
fn merge(
    tables: &[Table],
    warnings: &mut Vec<Warning>,
) -> (Vec<Vec<RowId>>, HashMap<usize, String>) {
    // A name some table prints twice (for two projects, under two categories) names several
    // indicators: rows of that name are one only when their numbers agree.
    let mut ambiguous: HashSet<&str> = HashSet::new();
    for t in tables {
        let mut seen: HashSet<&str> = HashSet::new();
        for d in &t.rows {
            if !seen.insert(d.name.as_str()) {
                ambiguous.insert(d.name.as_str());
            }
        }
    }

    // Tables without a project column: the same name is the same indicator (numbers that
    // differ are warned about), unless the name is ambiguous and the numbers differ.
    let mut groups: Vec<Vec<RowId>> = Vec::new();
    let mut by_key: HashMap<String, Vec<usize>> = HashMap::new();
    // Per group: whether a row of it is a `【再掲】` repeat, and whether one is in an overview
    // list; kept as rows join, so that a name printed in thousands of tables is not rescanned
    // for each of them.
    let mut group_relisted: Vec<bool> = Vec::new();
    let mut group_listed: Vec<bool> = Vec::new();
    for (ti, t) in tables.iter().enumerate() {
        if t.project_col {
            continue;
        }
        for (ri, d) in t.rows.iter().enumerate() {
            let mut candidates = by_key.get(&d.name).cloned().unwrap_or_default();
            // Agreeing numbers first.
            candidates.sort_by_key(|&gi| {
                let no = groups
                    .get(gi)
                    .and_then(|g| g.first())
                    .and_then(|&id| draft(tables, id))
                    .map_or(0, |f| compare(f, d).1);
                (no, gi)
            });
            let mut chosen = None;
            for gi in candidates {
                let Some(g) = groups.get(gi) else { continue };
                // Rows join in table order, so the last row holds the group's latest table.
                if g.last().is_some_and(|id| id.0 == ti) {
                    continue;
                }
                let Some(first) = g.first().and_then(|&id| draft(tables, id)) else {
                    continue;
                };
                if first.category.is_some() && d.category.is_some() && first.category != d.category
                {
                    continue;
                }
                let (_, no) = compare(first, d);
                let relisted = d.relisted || group_relisted.get(gi).copied().unwrap_or(false);
                let listed = t.overview || group_listed.get(gi).copied().unwrap_or(false);
                let unique = !ambiguous.contains(d.name.as_str());
                if no == 0 || relisted || listed || unique {
                    chosen = Some(gi);
                    break;
                }
            }
            match chosen {
                Some(gi) => {
                    if let Some(g) = groups.get_mut(gi) {
                        conflict(tables, g, d, warnings);
                        g.push((ti, ri));
                    }
                    if let Some(r) = group_relisted.get_mut(gi) {
                        *r |= d.relisted;
                    }
                    if let Some(l) = group_listed.get_mut(gi) {
                        *l |= t.overview;
                    }
                }
                None => {
                    by_key.entry(d.name.clone()).or_default().push(groups.len());
                    groups.push(vec![(ti, ri)]);
                    group_relisted.push(d.relisted);
                    group_listed.push(t.overview);
                }
            }
        }
    }

    // Summary tables (with a project column): each row to the best matching indicator of the
    // tables it summarises (those between the summary tables before and after it), by name
    // and numbers; a table once matched to a project stays with it.
    let mut table_project: HashMap<usize, String> = HashMap::new();
    let summaries: Vec<usize> = (0..tables.len())
        .filter(|&ti| tables.get(ti).is_some_and(|t| t.project_col))
        .collect();
    // The groups made above, which start in table order: those of the tables between two
    // summaries are found by binary search, not by a pass over all groups per summary. (The
    // groups a summary row starts, added below, start in a summary table, which no later
    // summary's scope holds.)
    let plain = groups.len();
    for (k, &ti) in summaries.iter().enumerate() {
        let Some(t) = tables.get(ti) else { continue };
        let lo = k.checked_sub(1).and_then(|p| summaries.get(p)).copied();
        let hi = summaries.get(k + 1).copied().unwrap_or(tables.len());
        let start = |g: &Vec<RowId>| g.first().map_or(0, |id| id.0);
        let made = groups.get(..plain).unwrap_or_default();
        let from = lo.map_or(0, |lo| made.partition_point(|g| start(g) <= lo));
        let to = made.partition_point(|g| start(g) < hi);
        let scope: Vec<usize> = (from..to.max(from))
            .filter(|&gi| made.get(gi).is_some_and(|g| start(g) != ti))
            .collect();
        // A summary and its tables are compared row by row; should they be huge, only names
        // equal but for particles are compared, which keeps the work linear.
        let huge = scope.len().saturating_mul(t.rows.len()) > 1_000_000;
        let mut by_bare: HashMap<String, Vec<usize>> = HashMap::new();
        if huge {
            for &gi in &scope {
                if let Some(f) = groups
                    .get(gi)
                    .and_then(|g| g.first())
                    .and_then(|&id| draft(tables, id))
                {
                    by_bare.entry(bare(&f.name)).or_default().push(gi);
                }
            }
        }
        let mut claimed: HashSet<usize> = HashSet::new();
        for (ri, d) in t.rows.iter().enumerate() {
            let mut best: Option<(i32, usize)> = None;
            let candidates: &[usize] = if huge {
                by_bare.get(&bare(&d.name)).map_or(&[], Vec::as_slice)
            } else {
                &scope
            };
            for &gi in candidates {
                if claimed.contains(&gi) {
                    continue;
                }
                let Some(g) = groups.get(gi) else { continue };
                let Some(first) = g.first().and_then(|&id| draft(tables, id)) else {
                    continue;
                };
                let nm = name_match(&first.name, &d.name);
                if nm == 0 {
                    continue;
                }
                if first.project.is_some() && d.project.is_some() && first.project != d.project {
                    continue;
                }
                if first.category.is_some() && d.category.is_some() && first.category != d.category
                {
                    continue;
                }
                let (yes, no) = compare(first, d);
                if nm == 1 && yes == 0 {
                    continue;
                }
                let mut score = 2 * i32::from(nm) + yes - no;
                if let (Some(p), Some(home)) = (
                    &d.project,
                    g.first().and_then(|id| table_project.get(&id.0)),
                ) {
                    score += if p == home { 2 } else { -3 };
                }
                if best.is_none_or(|(s, _)| score > s) {
                    best = Some((score, gi));
                }
            }
            match best {
                Some((_, gi)) => {
                    claimed.insert(gi);
                    if let Some(g) = groups.get_mut(gi) {
                        if let (Some(p), Some(home)) = (&d.project, g.first()) {
                            table_project.entry(home.0).or_insert_with(|| p.clone());
                        }
                        conflict(tables, g, d, warnings);
                        g.push((ti, ri));
                    }
                }
                None => groups.push(vec![(ti, ri)]),
            }
        }
    }
    for g in &mut groups {
        g.sort_by_key(|id| draft(tables, *id).map_or(0, |d| d.line));
        g.dedup();
    }
    (groups, table_project)
}

/// Warns when a row about to be merged prints other numbers than the indicator has.
fn conflict(tables: &[Table], g: &[RowId], d: &Draft, warnings: &mut Vec<Warning>) {
    let Some(first) = g.first().and_then(|&id| draft(tables, id)) else {
        return;
    };
    let (ua, ub) = (unit_of(first), unit_of(d));
    for (what, x, y) in [
        ("現状値 / baseline", &first.baseline, &d.baseline),
        ("目標値 / target", &first.target, &d.target),
    ] {
        if agree(x, &ua, y, &ub) == Some(false) {
            let show = |s: &Side| s.value.map(format_decimal).unwrap_or_default();
            warnings.push(Warning {
                line: d.line,
                code: "conflicting_values".into(),
                message: format!(
                    "{}: {what} が {}行目 ({}) と {}行目 ({}) で異なります / the same indicator \
                     is printed with different numbers on lines {} and {}",
                    d.name,
                    first.line,
                    show(x),
                    d.line,
                    show(y),
                    first.line,
                    d.line
                ),
            });
        }
    }
}

// ---------------------------------------------------------------------------------------------
// The indicator.

/// The surer of two periods (the first among equals).
fn surer(a: Option<Dated>, b: Option<Dated>) -> Option<Dated> {
    match (a, b) {
        (Some(x), Some(y)) if y.strength > x.strength => Some(y),
        (Some(x), _) => Some(x),
        (None, y) => y,
    }
}

/// What [`finish`] needs besides the rows of one indicator.
struct Finish<'a> {
    tables: &'a [Table],
    table_project: &'a HashMap<usize, String>,
    plan: Option<Period>,
    doc: &'a Doc,
    ex: &'a Extraction,
    /// The structure's nodes by id.
    nodes: &'a HashMap<&'a str, &'a NodeOut>,
}

fn finish(g: &[RowId], ctx: &Finish) -> IndicatorOut {
    let Finish {
        tables,
        table_project,
        plan,
        doc,
        ex,
        nodes,
    } = *ctx;
    let drafts: Vec<&Draft> = g.iter().filter_map(|&id| draft(tables, id)).collect();
    let first = |f: &dyn Fn(&Draft) -> Option<String>| drafts.iter().find_map(|d| f(d));
    let name = drafts
        .iter()
        .map(|d| d.name.clone())
        .max_by_key(|n| n.chars().count())
        .unwrap_or_default();
    let unit = first(&|d| d.baseline.unit.clone())
        .or_else(|| first(&|d| d.target.unit.clone()))
        .or_else(|| first(&|d| d.unit.clone()))
        .unwrap_or_default();
    let value_in = |s: &Side, d: &Draft| -> Option<Decimal> {
        let v = s.value?;
        let from = s.unit.clone().or(d.unit.clone()).unwrap_or_default();
        if from.is_empty() || from == unit || unit.is_empty() {
            Some(v)
        } else {
            Unit::convert(v, &Unit::new(&from), &Unit::new(&unit)).or(Some(v))
        }
    };

    let mut baseline = ValueAt::default();
    let mut target = ValueAt::default();
    let mut b_period: Option<Dated> = None;
    let mut t_period: Option<Dated> = None;
    let mut b_notes: Vec<String> = Vec::new();
    let mut t_notes: Vec<String> = Vec::new();
    let mut comparator = Comparator::Exact;
    let mut direction = None;
    let mut window = false;
    let mut cumulative = false;
    let mut annual = false;
    let mut mean = false;
    let mut win_len: Option<u32> = None;
    let mut yearly = Vec::new();
    for d in &drafts {
        baseline.value = baseline.value.or(value_in(&d.baseline, d));
        target.value = target.value.or(value_in(&d.target, d));
        b_period = surer(b_period, d.baseline.period);
        t_period = surer(t_period, d.target.period);
        for n in &d.baseline.notes {
            if !b_notes.contains(n) {
                b_notes.push(n.clone());
            }
        }
        if d.baseline.annual && !b_notes.iter().any(|n| n == "単年") {
            b_notes.push("単年".into());
        }
        if let Some(t) = &d.target.text {
            if !t_notes.contains(t) {
                t_notes.push(t.clone());
            }
        }
        for n in &d.target.notes {
            if !t_notes.contains(n) {
                t_notes.push(n.clone());
            }
        }
        if comparator == Comparator::Exact {
            comparator = d.target.comparator;
        }
        direction = direction.or(d.direction).or(d.target.direction);
        window |= d.window_len.is_some() || d.total || d.target.window_len.is_some();
        win_len = win_len.or(d.target.window_len).or(d.window_len);
        cumulative |= d.cumulative || d.target.cumulative;
        annual |= d.annual || d.target.annual;
        mean |= d.baseline.mean;
        if yearly.is_empty() {
            yearly = d.yearly.clone();
        }
    }
    window |= t_period.is_some_and(|t| t.period.is_window());
    let monitor = drafts.iter().all(|d| d.monitor);
    let kind = if monitor {
        IndicatorKind::Monitor
    } else if window {
        IndicatorKind::PeriodTotal
    } else if cumulative {
        IndicatorKind::Cumulative
    } else if annual || drafts.iter().any(|d| d.baseline.annual) {
        IndicatorKind::Annual
    } else {
        IndicatorKind::Level
    };
    // A target printed without a period is for the plan's end (its whole period for a total).
    if t_period.is_none() && !monitor && (target.value.is_some() || !t_notes.is_empty()) {
        if let Some(p) = plan {
            let y = p.end_year(FiscalStart::APRIL);
            let end = if p.is_fiscal() {
                Period::fiscal_year(y).ok()
            } else {
                Period::calendar_year(y).ok()
            };
            let fallback = match (kind, win_len) {
                (IndicatorKind::PeriodTotal, Some(n)) => end.and_then(|e| window_ending(e, n)),
                (IndicatorKind::PeriodTotal, None) => Some(p),
                _ => end,
            };
            t_period = fallback.map(|period| Dated {
                period,
                strength: Strength::Fallback,
            });
        }
    }
    baseline.period = b_period.map(|d| d.period);
    baseline.note = (!b_notes.is_empty()).then(|| b_notes.join(" "));
    baseline.stat = mean.then(|| "mean".to_owned());
    target.period = t_period.map(|d| d.period);
    target.note = (!t_notes.is_empty()).then(|| t_notes.join(" "));
    let direction = if comparator == Comparator::AtMost {
        Direction::Decrease
    } else {
        // A rank (`位`) is better when lower.
        direction.unwrap_or_else(|| match comparator {
            _ if unit == "位" => Direction::Decrease,
            Comparator::Exact => implied_direction(kind, &baseline, &target, &yearly),
            _ => Direction::Increase,
        })
    };

    // The node: where the indicator is placed, not where a list of all targets repeats it.
    let placed = g
        .iter()
        .filter(|id| !tables.get(id.0).is_some_and(|t| t.overview))
        .filter_map(|&id| draft(tables, id))
        .filter(|d| !d.relisted)
        .map(|d| d.line)
        .min();
    let source_line = drafts.iter().map(|d| d.line).min().unwrap_or(0);
    let node_line = placed.unwrap_or(source_line);
    let node = super::block_node(doc, ex, node_line).map(str::to_owned);
    // The project: from a summary row, else from the summary rows that matched the rest of
    // its table (a project's own table may list more than the summary), else the structure.
    let project = first(&|d| d.project.clone())
        .or_else(|| g.iter().find_map(|id| table_project.get(&id.0).cloned()))
        .or_else(|| project_of(nodes, node.as_deref()));
    let mut also_at: Vec<usize> = drafts
        .iter()
        .map(|d| d.line)
        .filter(|&l| l != source_line)
        .collect();
    also_at.sort_unstable();
    also_at.dedup();
    IndicatorOut {
        id: String::new(),
        name,
        unit,
        kind,
        direction,
        comparator,
        baseline,
        target,
        yearly_targets: yearly,
        node,
        project,
        category: first(&|d| d.category.clone()),
        label: first(&|d| d.label.clone()),
        definition: first(&|d| d.definition.clone()),
        source: first(&|d| d.source.clone()),
        source_line,
        also_at,
    }
}

/// The direction of a target printed as a bare number with no word for it: lower than the
/// baseline (`待機児童数 48人 → 0人`, `耕作放棄地 412ha → 380ha`) is a decrease. Only for stocks
/// and yearly flows, where baseline and target are the same kind of figure; a target written
/// `以上` against a higher baseline is a level to hold (DESIGN.md), not a decrease, and is
/// never seen here (its comparator is not exact).
fn implied_direction(
    kind: IndicatorKind,
    baseline: &ValueAt,
    target: &ValueAt,
    yearly: &[(Period, Decimal)],
) -> Direction {
    let comparable = matches!(kind, IndicatorKind::Level | IndicatorKind::Annual);
    match (baseline.value, target.value) {
        (Some(b), Some(t)) if comparable && t < b => {
            // Yearly targets, where printed, must step down too.
            let mut path: Vec<Decimal> = yearly.iter().map(|y| y.1).collect();
            path.push(t);
            if path.windows(2).all(|w| w.first() >= w.get(1)) {
                Direction::Decrease
            } else {
                Direction::Increase
            }
        }
        _ => Direction::Increase,
    }
}

/// The project a node belongs to, when the structure names one (`…プロジェクト`).
fn project_of(nodes: &HashMap<&str, &NodeOut>, node: Option<&str>) -> Option<String> {
    let mut id = node?;
    for _ in 0..32 {
        let n = nodes.get(id)?;
        let title = fold_normalized_printed_name(&n.title);
        if title.ends_with("プロジェクト") {
            return Some(title);
        }
        id = n.parent.as_deref()?;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::model::NodeOut;
    use shinchoku_core::text::normalize;

    fn period(text: &str) -> Option<String> {
        find_period(text).map(|d| {
            let weak = if d.strength == Strength::Convention {
                " (convention)"
            } else {
                ""
            };
            format!("{}{weak}", d.period)
        })
    }

    #[test]
    fn periods_are_found_in_headers_cells_and_notes() {
        for (text, want) in [
            ("令和5年度(2023年度)目標値", Some("FY2023")),
            ("令和5年(2023年)目標値", Some("CY2023")),
            ("現状値(R元年度・年)", Some("FY2019 (convention)")),
            ("【目標値】 (2026 年度)", Some("FY2026")),
            ("R7(目標)", Some("FY2025")),
            ("目標値R5", Some("FY2023")),
            ("全国1位 (2026年)", Some("CY2026")),
            ("2009~14年", Some("CY2009-CY2014")),
            ("(2020)", Some("FY2020 (convention)")),
            ("(2022～2026)", Some("FY2022-FY2026")),
            ("基準年/年度", None),
            ("研究開発等プロジェクト化件数", None),
        ] {
            assert_eq!(period(text).as_deref(), want, "{text}");
        }
    }

    #[test]
    fn a_survey_year_is_a_calendar_year_with_its_source() {
        let (d, source) = survey_year("2019工業統計値（現状値）").unwrap();
        assert_eq!(d.period.to_string(), "CY2019");
        assert_eq!(source, "2019 工業統計");
        assert!(survey_year("2019年度実績").is_none());
    }

    #[test]
    fn header_words_give_column_roles() {
        for (text, want) in [
            ("指標名", Role::Name),
            ("項目", Role::Name),
            ("KPI", Role::Name),
            ("目標(指標)名", Role::Name),
            ("■数値目標", Role::Name),
            ("全体指標", Role::Name),
            ("プロジェクト名", Role::Project),
            ("重点成長分野等", Role::Group),
            ("単位", Role::Unit),
            ("方向性", Role::Direction),
            ("現状値数値", Role::Baseline),
            ("【現状】(2021年度)", Role::Baseline),
            ("策定時", Role::Baseline),
            ("2019工業統計値(現状値)", Role::Baseline),
            ("令和5年度(2023年度)目標値", Role::Target),
            ("目標(R5年度・年)", Role::Target),
            ("中間目標(R5)", Role::Interim),
            ("基準年/年度", Role::BaselinePeriod),
            ("目標年度", Role::TargetPeriod),
            ("年度", Role::BaselinePeriod),
            ("取組", Role::Group),
        ] {
            assert_eq!(classify_header(text), want, "{text}");
        }
        assert!(matches!(classify_header("R3"), Role::Year(_)));
    }

    #[test]
    fn kind_words_say_how_a_value_is_counted() {
        for (text, want) in [
            ("3年", Some(Mark::Window(3))),
            ("5か年", Some(Mark::Window(5))),
            ("3年間", Some(Mark::Window(3))),
            ("1年", Some(Mark::Annual)),
            ("累計", Some(Mark::Cumulative)),
            ("(累計)", Some(Mark::Cumulative)),
            ("単年", Some(Mark::Annual)),
            ("期間計", Some(Mark::Total)),
            ("2023年", None),
            ("11回", None),
            ("", None),
        ] {
            assert_eq!(kind_mark(text), want, "{text}");
        }
    }

    fn parts(
        name: &str,
        label: Option<&str>,
        category: Option<&str>,
        definition: Option<&str>,
        unit: Option<&str>,
        marks: (bool, bool, bool),
    ) -> NameParts {
        NameParts {
            name: name.into(),
            label: label.map(Into::into),
            category: category.map(Into::into),
            definition: definition.map(Into::into),
            unit: unit.map(Into::into),
            cumulative: marks.0,
            annual: marks.1,
            relisted: marks.2,
            ..NameParts::default()
        }
    }

    #[test]
    fn names_are_split_into_label_category_marks_units_and_definitions() {
        let none = (false, false, false);
        for (cell, want) in [
            (
                "①企業誘致件数",
                parts("企業誘致件数", Some("①"), None, None, None, none),
            ),
            (
                "(1) 認定農業者数",
                parts("認定農業者数", Some("(1)"), None, None, None, none),
            ),
            (
                "2. 森林整備面積(ha/年)",
                parts(
                    "森林整備面積",
                    Some("2."),
                    None,
                    None,
                    Some("ha"),
                    (false, true, false),
                ),
            ),
            (
                "[港湾] 石炭共同輸送の実施回数",
                parts(
                    "石炭共同輸送の実施回数",
                    None,
                    Some("港湾"),
                    None,
                    None,
                    none,
                ),
            ),
            (
                "水中次世代モビリティ関連プロジェクト化件数 (累計)",
                parts(
                    "水中次世代モビリティ関連プロジェクト化件数",
                    None,
                    None,
                    None,
                    None,
                    (true, false, false),
                ),
            ),
            (
                "企業誘致件数【再掲】",
                parts("企業誘致件数", None, None, None, None, (false, false, true)),
            ),
            (
                "中小企業の I o T 導入率【%】",
                parts("中小企業のIoT導入率", None, None, None, Some("%"), none),
            ),
            (
                "経営革新計画*目標達成件数",
                parts("経営革新計画目標達成件数", None, None, None, None, none),
            ),
            (
                "5G基盤展開率 (10Kmメッシュ毎に、基地局(親局)が整備されている地域の割合)",
                parts(
                    "5G基盤展開率",
                    None,
                    None,
                    Some("10Kmメッシュ毎に、基地局(親局)が整備されている地域の割合"),
                    None,
                    none,
                ),
            ),
            (
                "労働生産性（付加価値額/従業者数）",
                parts(
                    "労働生産性(付加価値額/従業者数)",
                    None,
                    None,
                    None,
                    None,
                    none,
                ),
            ),
            (
                "5G基盤展開率",
                parts("5G基盤展開率", None, None, None, None, none),
            ),
        ] {
            // Cells reach the recogniser normalised (text.rs).
            assert_eq!(split_name(&normalize(cell)), want, "{cell}");
        }
    }

    fn value(cell: &str) -> String {
        let s = read_value(cell);
        let mut out = match s.value {
            Some(v) => format_decimal(v),
            None => "-".into(),
        };
        if let Some(u) = &s.unit {
            out.push_str(&format!(" {u}"));
        }
        if let Some(p) = s.period {
            out.push_str(&format!(" @{}", p.period));
        }
        if let Some(n) = s.window_len {
            out.push_str(&format!(" /{n}"));
        }
        if s.comparator != Comparator::Exact {
            out.push_str(&format!(" {}", s.comparator.as_str()));
        }
        if s.cumulative {
            out.push_str(" cumulative");
        }
        if s.annual {
            out.push_str(" annual");
        }
        if s.mean {
            out.push_str(" mean");
        }
        if let Some(d) = s.direction {
            out.push_str(&format!(" {}", d.as_str()));
        }
        if let Some(t) = &s.text {
            out.push_str(&format!(" text={t}"));
        }
        if !s.notes.is_empty() {
            out.push_str(&format!(" note={}", s.notes.join(",")));
        }
        if s.no_value_word {
            out.push_str(" no_value_word");
        }
        out
    }

    #[test]
    fn value_cells_keep_number_unit_window_and_marks() {
        for (cell, want) in [
            ("15件/3年", "15 件 /3"),
            ("21件(単年)", "21 件 annual"),
            ("- Km", "- km"),
            ("—", "-"),
            ("98 %以上", "98 % at_least"),
            ("38,300万円 (2018～2021)", "38300 万円 @FY2018-FY2021"),
            ("4,914人 (令和2年度)", "4914 人 @FY2020"),
            ("93.7 (令和2年度平均)", "93.7 @FY2020 mean"),
            ("45人以下 (2025年)", "45 人 @CY2025 at_most decrease"),
            ("6,308万人の維持", "6308 万人 increase note=維持"),
            ("増加を目指す", "- increase text=増加を目指す"),
            ("なし", "- no_value_word"),
            ("1,072人/年(2019)", "1072 人 @FY2019 annual"),
        ] {
            assert_eq!(value(cell), want, "{cell}");
        }
    }

    #[test]
    fn direction_words() {
        for (text, want) in [
            ("減少を目指す", Some(Direction::Decrease)),
            ("人口減少の抑制", Some(Direction::Increase)),
            ("増加", Some(Direction::Increase)),
            ("↓", Some(Direction::Decrease)),
            ("全国平均を上回る", Some(Direction::Increase)),
            ("1,200件", None),
        ] {
            assert_eq!(direction_of(text), want, "{text}");
        }
    }

    #[test]
    fn names_match_across_printings() {
        assert_eq!(name_match("企業誘致件数", "企業誘致件数"), 2);
        assert_eq!(
            name_match(
                "県航空宇宙クラスターの新規商談件数",
                "山口県航空宇宙クラスターの新規商談件数"
            ),
            1
        );
        assert_eq!(name_match("若者の県内定着率", "若者県内定着率"), 1);
        assert_eq!(name_match("創業数", "関係支援機関の支援による創業数"), 0);
        assert_eq!(
            name_match(
                "関係支援機関の支援による創業数",
                "関係支援機関の支援による女性創業数"
            ),
            0
        );
    }

    fn run(text: &str, nodes: &[(usize, &str)]) -> Extraction {
        let doc = Doc::new("t.txt", text);
        let mut ex = Extraction {
            nodes: nodes
                .iter()
                .enumerate()
                .map(|(i, (line, title))| NodeOut {
                    id: format!("n{}", i + 1),
                    title: (*title).to_owned(),
                    line: *line,
                    ..NodeOut::default()
                })
                .collect(),
            ..Extraction::default()
        };
        recognize(&doc, &mut ex);
        ex
    }

    #[test]
    fn an_empty_base_year_cell_is_the_one_above_and_a_dash_is_none() {
        let ex = run(
            "指標名\t現状値\t\t令和5年度(2023年度)目標値\n\
             \t数値\t基準年/年度\t\n\
             A件数(累計)\t20人\t令和元年度(2019年度)\t40人\n\
             B件数\t—\t—\t210件/3年\n\
             C額\t98.1億円\t\t115億円/3年\n",
            &[],
        );
        let got: Vec<(String, Option<String>, Option<String>)> = ex
            .indicators
            .iter()
            .map(|i| {
                (
                    i.name.clone(),
                    i.baseline.period.map(|p| p.to_string()),
                    i.target.period.map(|p| p.to_string()),
                )
            })
            .collect();
        let p = |s: &str| Some(s.to_owned());
        assert_eq!(
            got,
            [
                ("A件数".to_owned(), p("FY2019"), p("FY2023")),
                ("B件数".to_owned(), None, p("FY2021-FY2023")),
                ("C額".to_owned(), None, p("FY2021-FY2023")),
            ]
        );
    }

    #[test]
    fn an_indicator_belongs_where_it_is_placed_not_where_a_list_repeats_it() {
        let text = "2 数値目標\n\
                    \n\
                    項目\t現状\t目標値\n\
                    ①A件数\t1件\t5件\n\
                    ②B件数\t2件\t6件\n\
                    \n\
                    1 方向一\n\
                    \n\
                    ■ 数値目標\t現状\t目標値\n\
                    A件数\t1件\t5件\n\
                    \n\
                    2 方向二\n\
                    \n\
                    ■ 数値目標\t現状\t目標値\n\
                    B件数\t2件\t6件\n\
                    A件数【再掲】\t1件\t5件\n";
        let ex = run(text, &[(1, "数値目標"), (7, "方向一"), (12, "方向二")]);
        let got: Vec<(&str, Option<&str>, usize)> = ex
            .indicators
            .iter()
            .map(|i| (i.name.as_str(), i.node.as_deref(), i.source_line))
            .collect();
        assert_eq!(got, [("A件数", Some("n2"), 4), ("B件数", Some("n3"), 5)]);
    }

    #[test]
    fn a_project_title_in_the_structure_names_the_project() {
        let ex = run(
            "4 取組目標\n指標名\t現状値\t目標値\nA件数\t1件\t5件\n",
            &[(1, "観光振興プロジェクト")],
        );
        assert_eq!(
            ex.indicators.first().and_then(|i| i.project.as_deref()),
            Some("観光振興プロジェクト")
        );
    }

    #[test]
    fn the_same_name_in_two_sections_with_other_numbers_is_one_indicator_warned_about() {
        let ex = run(
            "指標名\t現状値\t目標値\nA件数\t1件\t5件\n\n1 次\n\n指標名\t現状値\t目標値\nA件数\t1件\t6件\n",
            &[],
        );
        assert_eq!(ex.indicators.len(), 1);
        assert!(ex
            .warnings
            .iter()
            .any(|w| w.code == "conflicting_values" && w.line == 7 && w.message.contains("2")));
    }

    #[test]
    fn a_table_of_words_only_is_no_table_of_targets() {
        let ex = run(
            "項目\t現状\t目標\n人材育成\t研修を実施している\t研修体系を見直し全庁で展開する\n",
            &[],
        );
        assert!(ex.indicators.is_empty());
    }

    #[test]
    fn words_beside_a_target_number_set_only_the_direction() {
        let ex = run(
            "指標名\t現状値\t目標値\nA件数\t900件\t1,200件（増加を目指す）\n",
            &[],
        );
        let i = ex.indicators.first().unwrap();
        assert_eq!(i.target.value, Some(Decimal::from(1200)));
        assert_eq!(i.direction, Direction::Increase);
        let ex = run(
            "指標名\t現状値\t目標値\nB件数\t90件\t80件（減少を目指す）\n",
            &[],
        );
        assert_eq!(
            ex.indicators.first().unwrap().direction,
            Direction::Decrease
        );
    }

    #[test]
    fn tables_without_an_indicator_header_are_left_alone() {
        for text in [
            "年度\tH30\tR1\tR2\n誘致件数\t28\t55\t78\n",
            "取組\t2022\t2023\n企業誘致\t推進\t\n",
            "プロジェクト\t主な取組\t取組目標に対する状況\n①港湾\t整備\t回数：11回/30回\n",
            "所 属\t役 職\t氏 名\n株式会社A\t社長\tあ い\n",
            "経営革新計画目標達成件数\t371件\t530件\n",
        ] {
            assert!(run(text, &[]).indicators.is_empty(), "{text}");
        }
    }

    #[test]
    fn never_panics_on_odd_tables() {
        for text in [
            "",
            "\t\t\n\t",
            "指標名\t現状値\t目標値\n",
            "指標名\t現状値\t目標値\n\t\t\n",
            "指標名\t現状値\t目標値\n(\t)\t【\n",
            "指標名\t現状値\t目標値\nA\t9999999999999999999999999999999件\t1e400\n",
            "指標名\t現状値\t目標値\n①\t①\t①\n",
            "指標\t基準値(R99)\tR100\tR101\n)(\t-\t/0年\n",
            "項目\t【現状】(2021年度)\t【目標値】(9999年度)\nA\t1件/99年\t2件/99年\n",
            "項目\t現状\t目標\nA\t1件\t2件 (0001～0002)\n",
        ] {
            let _ = run(text, &[]);
        }
    }

    /// Which tables of `text` are lists of targets placed elsewhere.
    fn overviews(text: &str) -> Vec<bool> {
        let doc = Doc::new("t.txt", text);
        let mut tables = read_tables(&doc);
        mark_overviews(&mut tables);
        tables.iter().map(|t| t.overview).collect()
    }

    #[test]
    fn a_list_is_an_overview_when_its_names_are_spread_over_tables_none_holding_all() {
        let header = "指標名\t現状値\t目標値\n";
        let table = |rows: &[&str]| {
            let mut t = header.to_owned();
            for r in rows {
                t.push_str(&format!("{r}\t1件\t5件\n"));
            }
            t.push('\n');
            t
        };
        let doc = |tables: &[&[&str]]| tables.iter().map(|t| table(t)).collect::<String>();
        // A and B placed in two tables, listed together in a third.
        assert_eq!(
            overviews(&doc(&[
                &["A件数", "B件数"],
                &["A件数"],
                &["B件数", "C件数"]
            ])),
            [true, false, false]
        );
        // Another table holding both: two printings of one list, neither an overview.
        assert_eq!(
            overviews(&doc(&[
                &["A件数", "B件数"],
                &["A件数", "B件数"],
                &["B件数"]
            ])),
            [false, false, false]
        );
        // Only one of its names printed elsewhere.
        assert_eq!(
            overviews(&doc(&[&["A件数", "D件数"], &["A件数"], &["C件数"]])),
            [false, false, false]
        );
        // A `【再掲】` row places nothing: B is printed in no other table.
        assert_eq!(
            overviews(&doc(&[&["A件数", "B件数"], &["A件数"], &["B件数【再掲】"]])),
            [false, false, false]
        );
    }
}
