//! Header rows: the words that give each column its role (`classify_header`), and the second
//! header line merged into the first.

use super::cells::{cell_kind, kind_mark, CellKind};
use super::names::trailing_group;
use super::periods::{caption_unit, find_period, survey_year, unit_word, Dated};
use crate::extract::lexicon::{self, has_any};
use crate::extract::text::Line;
use shinchoku_core::era::parse_period;
use shinchoku_core::period::Period;
use shinchoku_core::text::fold_normalized_printed_name;

/// What a column holds, as its header says.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Role {
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
    /// An observation that is not the baseline: 現状 beside a 策定時 / 基準 column, a 実績
    /// column before the 現状 one.
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
    pub(super) fn is_value(&self) -> bool {
        matches!(
            self,
            Role::Baseline | Role::Current | Role::Target | Role::Interim | Role::Year(_)
        )
    }
}

/// One header column: its text (header lines merged) and what it says.
#[derive(Debug, Clone)]
pub(super) struct HeaderCol {
    pub(super) text: String,
    pub(super) role: Role,
    pub(super) period: Option<Dated>,
    pub(super) unit: Option<String>,
    pub(super) source: Option<String>,
}

/// The role a header cell gives its column (the cell compacted).
pub(super) fn classify_header(c: &str) -> Role {
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
    if has_any(c, lexicon::DEFINITION_HEADERS) {
        return Role::Definition;
    }
    if has_any(c, lexicon::SOURCE_HEADERS) {
        return Role::Source;
    }
    // `指標No.`, `施策番号`: the rows' numbers or labels (`成果指標1`), not their names.
    if lexicon::ROW_NUMBER_HEADER_ENDS
        .iter()
        .any(|w| c.ends_with(w))
    {
        return Role::Ignore;
    }
    let value_word = has_any(c, lexicon::VALUE_WORDS);
    if !value_word && has_any(c, lexicon::EVALUATION_INDICATOR_HEADERS) {
        return Role::Name;
    }
    if has_any(c, lexicon::IGNORED_HEADERS) {
        return Role::Ignore;
    }
    if !value_word && has_any(c, lexicon::INDICATOR_NAME_HEADERS) {
        return Role::Name;
    }
    if c.contains(lexicon::PROJECT_HEADER) {
        return Role::Project;
    }
    if !value_word && has_any(c, lexicon::GROUP_HEADERS) {
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
    // A year's plan or projection on a form (`5年度計画`, `8年度見込み`): that year's target.
    if starts_with_year(c) && has_any(c, lexicon::YEAR_TARGET_WORDS) {
        return Role::Target;
    }
    if has_any(c, lexicon::TARGET_HEADERS) {
        return Role::Target;
    }
    if has_any(c, lexicon::BASELINE_HEADERS) {
        return Role::Baseline;
    }
    if let Ok(p) = parse_period(c) {
        return Role::Year(p);
    }
    Role::Other
}

/// True when a header cell opens with a year: its digits, or an era's (`令和5`, `R5`).
fn starts_with_year(c: &str) -> bool {
    let rest = lexicon::ERAS
        .iter()
        .chain(["R", "H"].iter())
        .find_map(|e| c.strip_prefix(e))
        .unwrap_or(c);
    rest.starts_with(|ch: char| ch.is_ascii_digit())
}

/// `基準年/年度`, `目標年度`, `年度`: a column of periods, not of values.
pub(crate) fn is_period_header(c: &str) -> bool {
    !c.chars().any(|ch| ch.is_ascii_digit() || ch == '元')
        && !c.contains('値')
        && (has_any(c, lexicon::PERIOD_HEADERS) || c.ends_with('年'))
}

/// Builds the header columns from the merged texts of its lines.
pub(super) fn header_cols(texts: &[String]) -> Vec<HeaderCol> {
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
        .any(|c| c.role == Role::Baseline && has_any(&c.text, lexicon::ANCHORED_BASELINE_HEADERS));
    if anchored {
        for c in &mut cols {
            if c.role == Role::Baseline
                && !has_any(&c.text, lexicon::ANCHORED_BASELINE_HEADERS)
                && has_any(&c.text, lexicon::LATER_BASELINE_HEADERS)
            {
                c.role = Role::Current;
            }
        }
    }
    earlier_actuals_before_the_present_state(&mut cols);
    start_year_before_actuals(&mut cols);
    targets_named_beside_names(&mut cols);
    cols
}

/// Columns of actuals before a 現状 column (`2022(実績) | 現状(2023) | 2030(目標)`): the 現状
/// is the baseline the plan states, the actuals before it are past observations.
fn earlier_actuals_before_the_present_state(cols: &mut [HeaderCol]) {
    let Some(present) = cols
        .iter()
        .position(|c| c.role == Role::Baseline && has_any(&c.text, lexicon::PRESENT_STATE_HEADERS))
    else {
        return;
    };
    for c in cols.iter_mut().take(present) {
        if c.role == Role::Baseline
            && has_any(&c.text, lexicon::ACTUAL_WORDS)
            && !has_any(&c.text, lexicon::PRESENT_STATE_HEADERS)
            && !has_any(&c.text, lexicon::ANCHORED_BASELINE_HEADERS)
        {
            c.role = Role::Current;
        }
    }
}

/// A names' header that is a target word too (`数値目標`, `目標指標`) beside another names'
/// header with none (`指標`), and no target column: the names are the other's, and this
/// column holds the targets (`指標 | 直近の実績値 | 数値目標`).
fn targets_named_beside_names(cols: &mut [HeaderCol]) {
    let targeted =
        |c: &HeaderCol| c.role == Role::Name && has_any(&c.text, lexicon::TARGET_HEADERS);
    let plain_name = cols
        .iter()
        .any(|c| c.role == Role::Name && !has_any(&c.text, lexicon::TARGET_HEADERS));
    let has_target = cols.iter().any(|c| c.role == Role::Target);
    if !plain_name || has_target || cols.iter().filter(|c| targeted(c)).count() != 1 {
        return;
    }
    if let Some(c) = cols.iter_mut().find(|c| targeted(c)) {
        c.role = Role::Target;
    }
}

/// A bare year column before year columns of actuals (`令和2年 | 令和3年実績 | 令和4年実績 |
/// 5ヵ年目標`), with no column naming a baseline: the bare year is the value the plan started
/// from, the baseline, and the actuals are later observations.
fn start_year_before_actuals(cols: &mut [HeaderCol]) {
    let Some(first) = cols.iter().position(|c| c.role == Role::Baseline) else {
        return;
    };
    let only_actuals = cols.iter().filter(|c| c.role == Role::Baseline).all(|c| {
        has_any(&c.text, lexicon::ACTUAL_WORDS) || has_any(&c.text, lexicon::AS_OF_HEADERS)
    });
    let named = cols[..first].iter().any(|c| {
        matches!(
            c.role,
            Role::Baseline | Role::Current | Role::Target | Role::Interim
        )
    });
    let year = cols[..first]
        .iter()
        .rposition(|c| matches!(c.role, Role::Year(_)));
    let (true, false, Some(y)) = (
        only_actuals && has_any(&cols[first].text, lexicon::ACTUAL_WORDS),
        named,
        year,
    ) else {
        return;
    };
    cols[y].role = Role::Baseline;
    for c in cols.iter_mut().skip(first) {
        if c.role == Role::Baseline {
            c.role = Role::Current;
        }
    }
}

/// True when a cell reads as data rather than a header word.
fn is_data_cell(cell: &str) -> bool {
    if cell.is_empty() || kind_mark(cell).is_some() || parse_period(cell).is_ok() {
        return false;
    }
    let c = fold_normalized_printed_name(cell);
    if has_any(&c, lexicon::VALUE_WORDS) || c.contains("目標") {
        return false;
    }
    matches!(cell_kind(cell), CellKind::Value | CellKind::Dash)
}

/// The first line of a header: a row with at least two labelled cells, no data, and a
/// baseline or target column.
pub(crate) fn is_header_start(line: &Line) -> bool {
    if !line.is_row() || line.cells.iter().filter(|c| !c.is_empty()).count() < 2 {
        return false;
    }
    // Most rows have none of the words a baseline or target column is headed with.
    // Compacted, so a form's labels spaced one character apart (`実 績 値`) are words.
    if !line.cells.iter().any(|c| {
        has_any(
            &fold_normalized_printed_name(c),
            lexicon::HEADER_START_WORDS,
        )
    }) {
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

/// A second header line: a row of header words (or years, or units in brackets) only.
pub(super) fn is_subheader(line: &Line) -> bool {
    if !line.is_row() || line.cells.iter().all(String::is_empty) {
        return false;
    }
    line.cells.iter().filter(|c| !c.is_empty()).all(|c| {
        let k = fold_normalized_printed_name(c);
        !is_data_cell(c)
            && k.chars().count() <= 20
            && (has_any(&k, lexicon::SUBHEADER_WORDS)
                || parse_period(c).is_ok()
                || trailing_group(&k)
                    .is_some_and(|(open, inner)| open == 0 && unit_word(&inner).is_some()))
    })
}
