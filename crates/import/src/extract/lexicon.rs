//! The extractor's vocabulary: every word list a recogniser decides by, one list per concern,
//! in one place.
//!
//! A published plan says what a table, a column or a line is in words (`指標名`, `現状値`,
//! `累計`, `増加を目指す`, `工程表`, `委員長`). Those words are data, not logic: each list
//! here says what it recognises and which recogniser reads it, and the recognisers refer to
//! `lexicon::…` instead of carrying their own copies, so a word added here is added
//! everywhere it is meant.
//!
//! **Plain constants, and how they become a setting.** Each list is a
//! `pub const NAME: &[&str]` (or a table of word and meaning). That keeps every call site as
//! simple as it was (`has_any(cell, lexicon::VALUE_WORDS)`), costs nothing at run time, and
//! merges list by list with other work on the vocabulary. To load the lists from a file, the
//! constants become the fields of a `Lexicon` struct of `&'static [&'static str]` (or owned
//! `Vec<String>`) with a `Lexicon::JA` constant built from them, and the `Doc` carries a
//! `&Lexicon` that the recognisers read through; no list is read anywhere but through its
//! name here, so that change is mechanical. Until a second vocabulary exists the struct
//! would be ceremony.
//!
//! **Where the line is drawn.** Here: words, the things a plan's author chooses (header
//! words, kind words, direction words, status words, level nouns, role titles, report
//! words). Not here: the grammar the parsers are written in — brackets and their pairs,
//! list-label characters (`①`, `(1)`, `◆`), arrows (`→`, `⇒`), separators (`:`, `・`),
//! digits and year marks — which stay beside the code that parses them; a single word one
//! condition tests (`c.starts_with("単位")`) stays in its condition; units, which core's
//! quantity parser owns (`shinchoku_core::quantity::KNOWN_UNITS`). Order matters in some
//! lists (the first match wins, or a longer word must come before its prefix): those say so.
//!
//! Every list is matched against text already normalised by core's `text::normalize` (NFKC:
//! `（` is `(`, `：` is `:`), and most against a cell compacted by `fold_printed_name` (no
//! spaces, no note marks), so each word is written in that form.

/// True when `text` contains any of `words`.
pub fn has_any(text: &str, words: &[&str]) -> bool {
    words.iter().any(|w| text.contains(w))
}

// =============================================================================================
// Indicator tables: header words (`indicators/header.rs`).

/// Words that head a column of present or past values in a table of targets, and are rare
/// in prose that has no such table (`現在` and `計画` are not among them): with a target word
/// and enough figures, what `checks::flattened_form` takes for a table flattened to text.
pub const FORM_VALUE_WORDS: &[&str] = &["実績", "現状", "現況", "直近", "基準値", "策定時"];

/// Words that say a header cell heads values rather than names (`現状値`, `基準年度の実績`):
/// a cell with one of them is never the name column, and a data cell with one is no value.
pub const VALUE_WORDS: &[&str] = &[
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

/// A header cell that says its column defines the indicator (`定義`, `算出方法`).
pub const DEFINITION_HEADERS: &[&str] = &["定義", "算出", "算定", "説明", "考え方", "根拠"];

/// A header cell that says its column names the data's source (`出典`, `把握方法`).
pub const SOURCE_HEADERS: &[&str] = &["出典", "資料", "データ", "把握方法"];

/// A header cell whose column the indicator reader passes over (`担当課`, `備考`, `評価`,
/// and how often the figure is measured, `調査周期`, `把握頻度`: its `毎年` and `2年` say
/// nothing of what the indicator counts).
pub const IGNORED_HEADERS: &[&str] = &["担当", "所管", "部局", "備考", "評価", "周期", "頻度"];

/// Names of indicators that hold an [`IGNORED_HEADERS`] word (`重要業績評価指標（KPI）`): a
/// header with one of these heads the names, not an ignored column.
pub const EVALUATION_INDICATOR_HEADERS: &[&str] = &["評価指標"];

/// A header cell that heads the indicators' names (`指標名`, `項目`, `KPI`), unless it also has
/// a [`VALUE_WORDS`] word.
pub const INDICATOR_NAME_HEADERS: &[&str] = &["指標", "項目", "KPI", "名称", "数値目標"];

/// A header cell that heads the project column (`プロジェクト名`), a grouping column.
pub const PROJECT_HEADER: &str = "プロジェクト";

/// A header cell that heads a grouping column (`分野`, `施策`, `基本目標`): its empty cells
/// repeat the one above.
pub const GROUP_HEADERS: &[&str] = &[
    "分野",
    "施策",
    "政策",
    "基本目標",
    "方針",
    "取組",
    "区分",
    "事業名",
    "柱",
];

/// A header cell that heads the targets (`目標値`, `めざす姿`), unless it is a period column.
pub const TARGET_HEADERS: &[&str] = &["目標", "めざ", "目指"];

/// A header cell that heads the baselines (`現状値`, `基準値`, `策定時`, `直近実績`).
pub const BASELINE_HEADERS: &[&str] = &[
    "現状",
    "基準",
    "策定",
    "当初",
    "現況",
    "実績",
    "直近",
    "現在",
    "本市の値",
    "本県の値",
    "本町の値",
    "本村の値",
    "本区の値",
];

/// Words right after a number that make it a change from the baseline rather than a level
/// (`25%増`, `10人減`, `5ポイント向上`), each with whether it is a rise: such a cell is a
/// target in words, with no value.
pub const CHANGE_WORDS: &[(&str, bool)] = &[
    ("増", true),
    ("アップ", true),
    ("向上", true),
    ("上昇", true),
    ("減", false),
    ("ダウン", false),
    ("低下", false),
    ("削減", false),
];

/// The mark that ties a name to a note under its table (`…割合※` and `※ 現状値は…`).
pub const NOTE_MARK: &str = "※";

/// Period-column header words (`基準年度`, `目標年次`, `時点`): with no digit and no `値`, the
/// column holds periods rather than values (a header ending in `年` is one too).
pub const PERIOD_HEADERS: &[&str] = &["年度", "年次", "時点", "年月"];

/// A baseline header that anchors the baseline at the plan's making (`策定時`, `基準値`,
/// `計画時`): beside it, a [`LATER_BASELINE_HEADERS`] column is a later observation.
pub const ANCHORED_BASELINE_HEADERS: &[&str] = &["策定", "基準", "当初", "計画"];

/// A baseline header for the latest figure (`現状`, `直近実績`): a later observation when an
/// [`ANCHORED_BASELINE_HEADERS`] column stands beside it.
pub const LATER_BASELINE_HEADERS: &[&str] = &["現状", "実績", "直近", "現在", "現況"];

/// A baseline header for the figure as the plan states it now (`現状(2023)`, `現況値`): after
/// columns headed only [`ACTUAL_WORDS`] (`2022(実績)`), those are past actuals and this the
/// baseline.
pub const PRESENT_STATE_HEADERS: &[&str] = &["現状", "現況"];

/// The words one of which a table header's cells must hold (a baseline or a target column):
/// the cheap first test of `is_header_start`, which most lines fail.
pub const HEADER_START_WORDS: &[&str] = &[
    "目標",
    "現状",
    "基準",
    "策定",
    "当初",
    "現況",
    "実績",
    "直近",
    "現在",
    "めざ",
    "目指",
    "中間",
    "本市の値",
    "本県の値",
    "本町の値",
    "本村の値",
    "本区の値",
];

/// Words a second header line is made of (`数値`, `基準年/年度`, `目標値`).
pub const SUBHEADER_WORDS: &[&str] = &[
    "数値", "値", "基準", "年度", "年", "目標", "現状", "実績", "単位", "策定", "時点", "指標",
    "項目", "見込", "中間", "最終", "当初",
];

// =============================================================================================
// Indicator values: kind, direction and counting words (`indicators/cells.rs`,
// `indicators/names.rs`, `indicators/table.rs`).

/// A kind cell or a bracketed name tail meaning a running total (`累計`).
pub const CUMULATIVE_MARKS: &[&str] = &["累計", "累積", "累計値"];

/// A kind cell or a bracketed name tail meaning one year's figure (`単年度`, `毎年`).
pub const ANNUAL_MARKS: &[&str] = &[
    "単年",
    "単年度",
    "年間",
    "毎年",
    "毎年度",
    "各年",
    "各年度",
    "単年値",
];

/// A kind cell or a bracketed name tail meaning a total over the plan's period (`期間計`).
pub const PERIOD_TOTAL_MARKS: &[&str] = &[
    "期間計",
    "期間合計",
    "期間累計",
    "計画期間計",
    "計画期間累計",
    "期間中",
];

/// What follows the number of years in a window mark (`3年`, `5年間累計`, `4か年度間`).
pub const WINDOW_MARK_ENDS: &[&str] = &[
    "年",
    "年間",
    "年度",
    "年計",
    "年間計",
    "年累計",
    "年間累計",
    "年度間",
];

/// The characters one of which every kind word above holds: `kind_mark`'s cheap first test,
/// asked of every cell (a test below keeps it true of the lists).
pub const KIND_MARK_CHARS: [char; 7] = ['年', '累', '単', '計', '毎', '各', '期'];

/// A phrase before a number saying it is one year's figure (`1年当たり312人`, `年間120件`).
/// Tried in order, before [`CUMULATIVE_COUNT_PHRASES`]: a longer phrase before its prefix.
pub const ANNUAL_COUNT_PHRASES: &[&str] = &[
    "1年当たり",
    "1年あたり",
    "年当たり",
    "年あたり",
    "年平均",
    "年間",
    "毎年",
    "毎年度",
];

/// What ends a phrase before a number saying what it is counted per (`1日当たり150分`,
/// `1世帯あたり 2.4人`, `児童1人につき3冊`): the number is a rate in its own unit.
pub const RATE_PHRASE_ENDS: &[&str] = &["当たり", "あたり", "につき"];

/// Words by which a sentence above a table names its baseline column's year (`現状は令和5年度`).
pub const CAPTION_BASELINE_ROLES: &[&str] = &["現状", "基準", "策定時"];

/// Words by which a sentence above a table names its target column's year (`目標は令和11年度`).
pub const CAPTION_TARGET_ROLES: &[&str] = &["目標"];

/// A phrase before a number saying it is a running total (`累計1,750人`).
pub const CUMULATIVE_COUNT_PHRASES: &[&str] = &["累計"];

/// What may join `5年間` to its number (`5年間累計1,750人`, `5年間で200人`). Tried in order.
pub const WINDOW_COUNT_JOINERS: &[&str] = &["累計", "合計", "計", "で", "の累計", "の合計", "に"];

/// The total word that ends a bracketed window of years in a name (`R3～R7累計`,
/// `2022～2026年度の合計`). Tried in order: `の累計` before `累計`.
pub const WINDOW_TOTAL_WORDS: &[&str] = &["の累計", "累計", "の合計", "合計", "計", "間"];

/// Words for holding a decline back (`減少の抑制`): an increasing direction, though they hold
/// a [`DECREASE_WORDS`] word. Tested first.
pub const RESTRAINED_DECREASE_WORDS: &[&str] =
    &["減少の抑制", "減少を抑制", "減少抑制", "減少を抑え"];

/// Words (and the arrow) of a decreasing target (`削減`, `以下`, `↓`).
pub const DECREASE_WORDS: &[&str] = &[
    "減少",
    "削減",
    "低減",
    "抑制",
    "下回",
    "以下",
    // A 望ましい方向 cell of a financial table (`低い方がよい`).
    "低い方が",
    "低いほど",
    "小さいほど",
    "少ないほど",
    "縮小",
    "減らす",
    "↓",
    "ゼロ",
];

/// Words (and the arrow) of an increasing or held target (`増加`, `向上`, `維持`, `↑`).
pub const INCREASE_WORDS: &[&str] = &[
    "増加",
    "上回",
    "向上",
    "拡大",
    "増やす",
    "上昇",
    "高い方が",
    "高いほど",
    "大きいほど",
    "多いほど",
    "↑",
    "維持",
];

/// A word after a span of years saying how the value over it was made (`H29～R3平均 45万人`,
/// `R1～R3累計 36件`), each with whether it is an average (`true`) or a total. Tried in order.
pub const SPAN_WORDS: &[(&str, bool)] = &[("平均", true), ("累計", false), ("合計", false)];

/// Words before a target in prose saying it is a yearly figure (`毎年度 120件`); each is
/// removed in turn, in this order.
pub const YEARLY_TARGET_WORDS: &[&str] = &["年間", "毎年度", "毎年"];

/// The label a row of periods may carry in a side column (`時点`, `年度`).
pub const PERIOD_ROW_LABELS: &[&str] = &["時点", "基準時点", "年度", "時期", "年月", "調査年"];

/// The label of the row of values in a 数値/時点 pair (`数値 | 120 | 150` over `時点 | R4 | R9`).
pub const VALUE_ROW_LABELS: &[&str] = &["数値", "値", "実数"];

/// The header the front end gives the column of a 数値/時点 pair's labels when the header
/// printed none (the word the same table written with tabs has there).
pub const PAIR_LABEL_HEAD: &str = "区分";

/// Marks that an indicator is listed again from elsewhere (`【再掲】`), in each bracket the
/// documents use; removed from the name.
pub const RELISTED_MARKS: &[&str] = &[
    "【再掲】",
    "(再掲)",
    "[再掲]",
    "〔再掲〕",
    "<再掲>",
    "《再掲》",
];

/// Words a header names a statistics survey by (`2019工業統計値`): the survey's year is the
/// value's.
pub const SURVEY_WORDS: &[&str] = &["統計", "調査", "センサス"];

/// Words that open a source line under an indicator table (`資料：`, `出典：`). Tried in
/// order. (The series reader's [`SOURCE_MARKS`] also takes `出所`.)
pub const SOURCE_LINE_WORDS: &[&str] = &["資料", "出典"];

// =============================================================================================
// Indicators written on one line with an arrow (`indicators/table.rs`, `arrow_line`).

/// Labels that may open an arrow line (`【KPI】観光入込客数 …→…`). Tried in order.
pub const ARROW_LINE_LABELS: &[&str] = &[
    "【KPI】",
    "[KPI]",
    "<KPI>",
    "KPI:",
    "KPI",
    "【数値目標】",
    "数値目標:",
];

/// A word that labels a target value: the target side of an arrow line (`→ 目標 800人`), a
/// target column among a series' years (`目標値(R7)`). Tried in order.
pub const TARGET_LABELS: &[&str] = &["目標値", "目標"];

/// The word that heads a KPI sheet's year grid and its baseline column (`従前値 (単位) R2 R3
/// … 目標値`, `indicators/kpi_sheet_rows.rs`); the grid ends with a [`TARGET_LABELS`] word.
pub const SHEET_GRID_BASELINE_WORDS: &[&str] = &["従前値", "現状値", "基準値", "策定時", "当初値"];

/// A KPI sheet's label over the indicator's name, alone or with its number (`KPI その2`,
/// `指標 1`; `indicators/kpi_sheet_rows.rs`).
pub const SHEET_NAME_LABELS: &[&str] = &["KPI", "指標", "指標名", "成果指標", "重要業績評価指標"];

/// The words that open a target in running text (`[KPI] 農業産出額 (H26)2,905 億円 → …`).
pub const RUN_ON_MARKERS: &[&str] = &[
    "[KPI]",
    "【KPI】",
    "<KPI>",
    "KPI:",
    "【数値目標】",
    "数値目標:",
];

/// A direction cell of an indicator list (方向性): the words alone fill the cell, so in a list
/// run on in one line such a word after two numbers ends a row's values (`38.2 45.0 増加を目指す`).
pub const DIRECTION_CELLS: &[&str] = &[
    "増加を目指す",
    "減少を目指す",
    "向上を目指す",
    "維持を目指す",
    "上昇を目指す",
    "低下を目指す",
    "上昇を抑制",
    "増加を抑制",
    "減少を抑制",
    "現状維持",
    "増加",
    "減少",
    "向上",
    "維持",
    "↑",
    "↓",
];

/// Header words of an indicator list that end a run-on row's name looking backwards: a name
/// never holds them, so the first row's name starts after the header (`…根拠・理由 特定健診の
/// 受診率 % 38.2 …`).
pub const RUN_ON_HEADER_WORDS: &[&str] = &[
    "指標",
    "単位",
    "現状値",
    "目標値",
    "基準値",
    "方向性",
    "定義",
    "算出",
    "根拠",
    "理由",
];

/// The role a year grid prints in brackets after the year of its latest actual (`令和 3
/// (現状値)`); the target's is a [`TARGET_LABELS`] word (`令和 6 (目標値)`).
pub const GRID_CURRENT_ROLE_WORDS: &[&str] = &["現状値", "現状", "実績値", "実績", "直近値"];

/// Phrases by which the sentence before a year grid names one of its years as the target
/// (`下表の2025年の数値を目標とします`; `indicators/year_grid.rs`).
pub const GRID_TARGET_PHRASES: &[&str] = &["を目標と", "を目標値と"];

/// Name endings of a rate, whose unit is `%` among a caption's several (`(単位:人、%)`).
pub const RATE_NAME_ENDS: &[&str] = &["率", "割合"];

/// Words that may end the name before the baseline of an arrow line (`移住者数：現状 512人`).
/// Tried in order: a longer word before its prefix.
pub const ARROW_BASELINE_WORDS: &[&str] = &["現状値", "現状", "基準値", "基準", "策定時", "当初"];

// =============================================================================================
// Eras and dates, as words (the era parser itself is core's `era`).

/// The eras a plan of today writes its years in; tried in order.
pub const RECENT_ERAS: &[&str] = &["令和", "平成", "昭和"];

/// What a header cell of years may open with: an era or a fiscal or calendar year's mark
/// (`令和4年度`, `FY2022`).
pub const YEAR_PREFIXES: &[&str] = &["令和", "平成", "昭和", "大正", "明治", "FY", "CY"];

/// The eras, as a header cell of years may name them (`令和4年度`, `平成30年`).
pub const ERAS: &[&str] = &["令和", "平成", "昭和", "大正", "明治"];

/// What follows an era-less year (`32年度`, `28年末`) for it to be read in the table's era.
pub const ERALESS_YEAR_ENDS: &[&str] = &["年度", "年", "年度末", "年末"];

/// The units a value's number cannot carry for the value to be a quantity: a date's parts
/// (`2030年`, `12月`), read as a period instead. (`日` is a date's only after a month,
/// `4月1日`; else it counts days.)
pub const DATE_UNITS: &[&str] = &["年", "年度", "月", "時"];

// =============================================================================================
// Progress reports (`progress.rs`).

/// The word that labels an actual value (`実績値 120件`, `R5実績`). Tried in order: `実績値`
/// before `実績`.
pub const ACTUAL_WORDS: &[&str] = &["実績値", "実績"];

/// A header word for a figure as of a day within a year (`令和5年9月30日現在`): an observation,
/// like an actual, never the value a plan started from.
pub const AS_OF_HEADERS: &[&str] = &["現在"];

/// Words in a note that say how final a figure is, each with its status. Tried in order: a
/// longer word before its prefix.
pub const STATUS_WORDS: &[(&str, &str)] = &[
    ("速報値", "provisional"),
    ("速報", "provisional"),
    ("暫定値", "provisional"),
    ("暫定", "provisional"),
    ("見込み", "estimate"),
    ("見込値", "estimate"),
    ("見込", "estimate"),
];

/// A bracketed end of a progress entry's name that says its kind (`(累計)`), each with the
/// kind it gives.
pub const PROGRESS_KIND_TAILS: &[(&str, &str)] = &[
    ("(累計)", "cumulative"),
    ("(単年)", "annual"),
    ("(年間)", "annual"),
];

/// Words that end a date an actual is as of (`9月30日現在`, `9月末時点`); each is removed in
/// turn, in this order.
pub const AS_OF_WORDS: &[&str] = &["現在", "時点", "末", "まで"];

/// The grades a progress report prints as marks (`◎ ○ △`); a `〇` is read as `○`.
pub const GRADE_MARKS: &[char] = &['◎', '○', '△', '▲', '×', '✕', '✖'];

/// The grades a progress report prints as letters, which a sign may refine (`B+`, `A-`).
/// `N` is the national growth strategy's grade for a KPI not yet to be judged (no data yet).
pub const GRADE_LETTERS: &[char] = &['S', 'A', 'B', 'C', 'D', 'E', 'N'];

/// The grades a review prints as small letters (`a`: on course, `b`, `c`), alone or after a
/// capital one (`Ab`).
pub const GRADE_SMALL_LETTERS: &[char] = &['s', 'a', 'b', 'c', 'd', 'e'];

/// The grades a review prints as words, each a whole cell (`順調`, `概ね順調`, `やや遅れている`,
/// `達成`, `未達成`).
pub const GRADE_WORDS: &[&str] = &[
    "順調",
    "概ね順調",
    "おおむね順調",
    "やや遅れ",
    "やや遅れている",
    "遅れ",
    "遅れている",
    "達成",
    "概ね達成",
    "おおむね達成",
    "一部達成",
    "未達成",
    "目標達成",
    "横ばい",
];

/// A progress table's header cell that heads the names (`指標`, `成果`, `取組内容`).
pub const PROGRESS_NAME_HEADERS: &[&str] = &[
    "指標",
    "項目",
    "KPI",
    "名称",
    "成果",
    "内容",
    // A column listing a plan's numeric targets by name (`数値目標 | 基準値 | … | 目標値`).
    "数値目標",
];

/// How a header cell that heads the rows' numbers or labels ends (`指標No.`, `施策番号`): it
/// names no rows, though it holds a name word.
pub const ROW_NUMBER_HEADER_ENDS: &[&str] = &["No.", "No", "番号"];

/// A progress table's header cell that heads the printed grades (`評価`, `達成度`).
pub const GRADE_HEADERS: &[&str] = &["評価", "判定", "達成度", "進捗"];

/// Words after a value that say how its target is met (`860以下`, `91.5以上`): a unit stated
/// elsewhere goes before them.
pub const COMPARATOR_WORDS: &[&str] = &["以上", "以下"];

/// A progress table's header cell that may print the grades when no [`GRADE_HEADERS`] column
/// does (`達成状況` over `○ ×`); beside a 評価 column it holds words (`達成 / 未達成`).
pub const GRADE_STATUS_HEADERS: &[&str] = &["達成状況"];

/// A progress table's header cell of the plan's own baseline (`策定時`, `基準値`, `設定時の値`):
/// beside it, a [`PROGRESS_LATEST_HEADERS`] column is the actual, not the baseline.
pub const PROGRESS_BASELINE_HEADERS: &[&str] = &["策定時", "基準", "当初", "設定時"];

/// The label of a KPI sheet's row of each year's expected value (`期待値`), the yearly targets
/// of a year grid run on in a line (`kpi_sheet_runon.rs`).
pub const GRID_EXPECTED_ROW_WORDS: &[&str] = &["期待値", "計画値"];

/// A line that labels the latest value of a record printed one field per line (`最新の数値`
/// / `2,874` / `億 円`): the actual (`progress/records.rs`).
pub const RECORD_LATEST_LABELS: &[&str] =
    &["最新の数値", "最新の値", "最新値", "直近の数値", "直近値"];

/// What ends a sentence that sets a target (`…を 3,200 億円とする。`).
pub const TARGET_STATEMENT_ENDS: &[&str] = &["とする", "とします", "にする", "にします"];

/// What ends the time part of a sentence that sets a target (`2025 年度までに、…`).
pub const TARGET_STATEMENT_BY: &str = "までに";

/// A progress table's header cell of the latest value (`最新値`, `直近値`, `現況値`): the actual
/// when the table also has a column of the plan's own baseline.
pub const PROGRESS_LATEST_HEADERS: &[&str] = &["最新", "直近", "現況"];

/// The word of a progress table's column of the present value (`現状値`), which stands where
/// the baseline does when the table has no [`PROGRESS_BASELINE_HEADERS`] column.
pub const CURRENT_WORD: &str = "現状";

/// Words that give a year column a role (`R5目標`, `R4実績`, `見込`); a year column with none of
/// them is bare.
pub const YEAR_ROLE_WORDS: &[&str] = &["目標", "実績", "基準", "現状", "見込", "計画"];

/// A names' header of an evaluation sheet's own measures of its work (`活動指標名`,
/// `成果指標名`), as against its subject's (`対象指標`): in a report, their year columns
/// with no role word are the measures' actuals (progress's `read_actuals_grid`).
pub const PERFORMANCE_NAME_HEADS: &[&str] = &["活動指標", "成果指標"];

/// Words of a caption or a document title that say its tables report progress (a 進捗状況,
/// a 点検・評価): year columns there between the baseline and the target, with no role word,
/// hold the actuals of those years (before the target: with no baseline column, the run of
/// years right before it); in a plan they would be the years' targets. `評価` alone is not
/// one: a plan's `評価指標` names its indicators.
pub const PROGRESS_REPORT_WORDS: &[&str] = &[
    "進捗",
    "実績",
    "達成状況",
    "達成度",
    "点検",
    "検証",
    "評価結果",
    "事後評価",
    "中間評価",
    "期末評価",
    // An evaluation sheet of a year's work (事務事業評価シート, 施策評価調書, 行政評価表).
    "評価シート",
    "評価調書",
    "評価表",
];

/// Header cells of an achievement rate: a table with such a column reports progress, whatever
/// its caption says (`基準値 | 令和4年 | 令和5年 | 目標値 | 達成率`).
pub const PROGRESS_RATE_HEADS: &[&str] = &["達成率", "進捗率", "達成度"];

// =============================================================================================
// Results told in sentences (`prose.rs`).

/// What opens a target told before its actual (`目標の1万2千人を上回る…`). Tried in order.
pub const TARGET_OF_WORDS: &[&str] = &["目標の", "目標値の"];

/// What links a target told first to its actual (`目標の B を上回る A`, `目標の B に対し、実績が
/// A`). Tried in order: a longer link before its prefix.
pub const TARGET_TO_ACTUAL_LINKS: &[&str] = &[
    "を上回る",
    "を下回る",
    "を超える",
    "に対し、実績は",
    "に対し、実績が",
    "に対し",
];

/// What may open an actual told with its target in brackets after it (`目標を上回る64件(目標50件)`,
/// `実績は…`). Tried in order.
pub const ACTUAL_PHRASE_OPENERS: &[&str] = &[
    "目標を上回る",
    "目標を下回る",
    "目標を超える",
    "実績は",
    "実績が",
];

/// Words printed after a target or an actual in a list of targets and results that say what
/// kind of figure it is, not what it is of (`50%削減`, `95%以上`, `50%程度`): read past.
pub const FIGURE_QUALIFIERS: &[&str] = &["削減", "以上", "以下", "程度", "未満"];

/// A target written as a word for its number (`ゼロ`), with the number.
pub const WORD_NUMBERS: &[(&str, &str)] = &[("ゼロ", "0")];

/// What may open the actual after `B の目標に対し` (`実績が A`). Tried in order.
pub const ACTUAL_AFTER_TARGET_WORDS: &[&str] = &["実績は", "実績が", "実績"];

// =============================================================================================
// Roadmaps (工程表, `roadmap.rs`).

/// Words in a table header's label cells that name the rows of a roadmap (`取組`, `事業`).
pub const ROADMAP_LABEL_HEADERS: &[&str] = &[
    "取組",
    "取り組",
    "事業",
    "施策",
    "項目",
    "内容",
    "工程",
    "実施計画",
];

/// Words in a heading just above a table that name it a roadmap (`工程表`, `ロードマップ`).
pub const ROADMAP_HEADINGS: &[&str] = &[
    "工程表",
    "工程",
    "ロードマップ",
    "年次計画",
    "年度計画",
    "スケジュール",
    "実施計画",
];

/// A roadmap cell that repeats the one before it (`〃`, `同上`).
pub const DITTO_MARKS: &[&str] = &["〃", "同上", "々", "ゝ"];

/// A roadmap cell that says the work goes on (`継続`, `引き続き実施`): kept as the step's text.
pub const CONTINUE_WORDS: &[&str] = &["継続", "継続実施", "継続して実施", "引き続き実施"];

/// A roadmap cell that only marks the year as one the work is done in (`●`, `○`, `✓`).
pub const ROADMAP_DOT_MARKS: &[&str] = &["●", "○", "◎", "〇", "■", "◆", "✓", "✔"];

/// Words after a roadmap's last year column saying it runs on (`2026年度以降`).
pub const OPEN_END_WORDS: &[&str] = &["以降", "以後"];

// =============================================================================================
// Data series: tables of values by year (`tables/series.rs`).

/// A column header that totals the years (`合計`, `累計(H27~)`); `計` alone counts too.
pub const TOTAL_COLUMN_WORDS: &[&str] = &["合計", "総計", "累計", "全体計"];

/// A year header's first cell that says its years are calendar years (besides a cell ending
/// in `年`).
pub const CALENDAR_YEAR_LABELS: &[&str] = &["暦年", "年次", "年別"];

/// A header cell of an indicator table (`基準値`, `目標年度`): a table headed so is the
/// indicator reader's, not a series, though years stand under it. A cell is one when it is
/// the word, or starts with it and is at most eight characters long.
pub const INDICATOR_COLUMN_HEADERS: &[&str] = &[
    "基準値",
    "現状値",
    "目標値",
    "策定時",
    "基準年",
    "目標年",
    "現状",
    "目標",
];

/// A note after a year in a series header (`2026年度(目標)`, `R3(見込)`), each with whether
/// it makes the column a column of targets. Tried in order: bracketed before bare, longer
/// before shorter.
pub const YEAR_NOTES: &[(&str, bool)] = &[
    ("(目標値)", true),
    ("(目標)", true),
    ("目標値", true),
    ("目標", true),
    ("(計画)", true),
    ("計画", true),
    ("(見込み)", false),
    ("(見込)", false),
    ("見込み", false),
    ("見込", false),
    ("(実績)", false),
    ("実績", false),
    ("(速報値)", false),
    ("(速報)", false),
    ("速報", false),
    ("(推計)", false),
];

/// A series row label that says the row holds targets (`目標`, `期待値`, `見込量`).
pub const SERIES_TARGET_ROWS: &[&str] = &[
    "目標",
    "目標値",
    "目標件数",
    "計画",
    "計画値",
    "見込量",
    "見込み量",
    "計画量",
    "期待値",
];

/// A series row label that says the row holds the actuals (`実績値`).
pub const SERIES_ACTUAL_ROWS: &[&str] = &["実績", "実績値", "実績件数", "実数", "実績量"];

/// A series row label for figures derived from the rows beside it (`達成率`, `対前年比`): no
/// series of its own.
pub const SERIES_DERIVED_ROWS: &[&str] = &[
    "達成率",
    "達成度",
    "進捗率",
    "対前年比",
    "前年比",
    "増減",
    "対前年増減",
];

/// Row labels that name no subject of their own (`件数`, `金額`): the caption gives it.
pub const GENERIC_SERIES_LABELS: &[&str] =
    &["件数", "数", "数値", "値", "人数", "金額", "総数", "計"];

/// Figure and table numbers' words before a caption (`図表3`, `表2`). Tried in order:
/// `図表` before `図`.
pub const FIGURE_PREFIXES: &[&str] = &["図表", "図", "表", "グラフ"];

/// Words of a bracketed dating note after a caption (`(各年12月31日現在)`, `(速報値)`): about
/// the table, not its subject.
pub const CAPTION_DATING_NOTES: &[&str] = &[
    "現在",
    "時点",
    "各年",
    "調べ",
    "速報",
    "見込",
    "年度末",
    "年末",
];

/// Caption endings that say "over time" and are no part of the subject (`観光客数の推移`).
/// Tried in order: `の推移` before `推移`.
pub const CAPTION_ENDINGS: &[&str] = &[
    "の推移",
    "推移",
    "の状況",
    "の実績",
    "の動向",
    "の変化",
    "の比較",
    "実績",
];

/// The last character of a name that ends in a measure (`件数`, `導入率`, `金額`), as opposed
/// to a category (`医療関連分野`).
pub const MEASURE_END_CHARS: &[char] = &[
    '数', '率', '額', '量', '高', '値', '比', '度', '積', '費', '価',
];

/// The unit a name's last word counts in (`誘致件数` → `件`), for tables that print none.
/// Tried in order; a name ending in `率` is a percentage besides.
pub const COUNTER_UNITS: &[(&str, &str)] = &[
    ("件数", "件"),
    ("人数", "人"),
    ("者数", "人"),
    ("社数", "社"),
    ("台数", "台"),
    ("回数", "回"),
    ("箇所数", "箇所"),
    ("か所数", "か所"),
    ("校数", "校"),
    ("店舗数", "店舗"),
    ("施設数", "施設"),
    ("団体数", "団体"),
    ("倍率", "倍"),
    ("割合", "%"),
];

/// Words that open a source line under a data series or matrix (`資料 県商工労働部`,
/// `出典：…`). Tried in order.
pub const SOURCE_MARKS: &[&str] = &["資料", "出典", "出所"];

// =============================================================================================
// Role matrices and member lists (`tables/matrix.rs`, `tables/members.rs`).

/// A matrix cell that marks a role as held (`○`, `◎`, `✓`, `レ`).
pub const ROLE_MARKS: &[&str] = &["○", "◎", "●", "◯", "〇", "△", "✓", "✔", "★", "☆", "レ"];

/// A member list's header cell for the reading of a name (`ふりがな`), the whole cell.
pub const READING_HEADERS: &[&str] = &[
    "ふりがな",
    "フリガナ",
    "よみがな",
    "ヨミガナ",
    "よみ",
    "読み",
    "読み仮名",
];

/// A member list's header cell for the name (`氏名`, `委員名`): the cell starts with one.
pub const MEMBER_NAME_HEADERS: &[&str] =
    &["氏名", "名前", "委員名", "委員氏名", "構成員名", "お名前"];

/// A member list's header cell for the organisation (`所属`, `団体名`), the whole cell.
pub const ORG_HEADERS: &[&str] = &[
    "所属",
    "所属団体",
    "所属団体名",
    "団体名",
    "機関名",
    "所属機関",
    "会社名",
    "企業名",
    "所属等",
    "勤務先",
    "団体",
];

/// A member list's header cell for the position (`役職`, `職名`), the whole cell.
pub const POSITION_HEADERS: &[&str] = &["役職", "職名", "役職名", "役職等", "職"];

/// With a [`ORG_POSITION_POSITION_WORDS`] word, a header cell for organisation and position
/// in one (`所属・役職`).
pub const ORG_POSITION_ORG_WORDS: &[&str] = &["所属", "団体", "機関"];

/// See [`ORG_POSITION_ORG_WORDS`].
pub const ORG_POSITION_POSITION_WORDS: &[&str] = &["役職", "職名"];

/// Morphemes of titles (`代表取締役`, `教授`, `理事長`, `会頭`): a word with one is a position.
pub const POSITION_TITLE_PARTS: &[&str] = &[
    "長", "役", "員", "授", "理事", "代表", "会頭", "頭取", "参与", "顧問", "主任", "主査", "監",
    "官", "委員", "担当", "幹事", "師",
];

/// Words that date a member list (`令和5年4月1日現在`).
pub const AS_OF_MARKS: &[&str] = &["現在", "時点"];

// =============================================================================================
// The node tree (`structure.rs`).

/// Revision words printed before an item (`新`, `修正`): an item added.
pub const REVISION_NEW_WORDS: &[&str] = &["新規", "新", "追加"];

/// Revision words printed before an item: an item changed.
pub const REVISION_MODIFIED_WORDS: &[&str] = &["修正", "変更", "改訂", "拡充", "改"];

/// Titles that name a part of a node (its current state, plan, roadmap, targets), not a node:
/// compared in `fold_printed_name` form with brackets removed.
pub const GENERIC_HEADINGS: &[&str] = &[
    "現状",
    "現状と課題",
    "現状・課題",
    "課題",
    "課題と方向性",
    "現状と課題・今後の方向性",
    "方向性",
    "今後の方向性",
    "取組の方向性",
    "施策の方向性",
    "今後の取組方針",
    "取組方針",
    "今後の取組",
    "取組内容",
    "主な取組",
    "主な取組内容",
    "具体的な取組",
    "具体的取組",
    "主な事業",
    "主要事業",
    "工程表",
    "数値目標",
    "指標",
    "成果指標",
    "目標指標",
    "取組目標",
    "取組目標(指標)",
    "重要業績評価指標",
    "重要業績評価指標(KPI)",
    "KPI",
    "プロジェクトの概要",
    "概要",
    "施策の概要",
    "事業概要",
    "目指す姿",
    "めざす姿",
    "背景",
    "趣旨",
    "これまでの取組",
    "これまでの成果",
    "これまでの成果等",
    "成果と課題",
    "主な成果",
    "参考",
    "用語解説",
    "関連データ",
];

/// Sub-block headings that name the numbered items printed after them (`【取組内容】` → the
/// `①` items are 取組内容).
pub const ITEM_KIND_HEADINGS: &[&str] = &[
    "取組内容",
    "主な取組",
    "主な取組内容",
    "具体的な取組",
    "具体的取組",
    "主な事業",
    "主要事業",
];

/// Nouns that name a level of a plan; a word label (`基本目標1`) and a counted phrase
/// (`5つの基本方向`) must end with one of them.
pub const LEVEL_NOUNS: &[&str] = &[
    "目標",
    "施策",
    "戦略",
    "政策",
    "方針",
    "方向",
    "分野",
    "事業",
    "取組",
    "取組み",
    "プロジェクト",
    "柱",
    "項目",
    "視点",
    "テーマ",
    "プラン",
    "プログラム",
];

/// Counted words that are indicators, not levels (`14の数値目標`): see [`LEVEL_NOUNS`].
pub const NOT_LEVEL_NOUNS: &[&str] = &["数値目標", "指標", "成果指標", "目標値", "KPI"];

/// Words that make a "label" a date or a duration (`2 年度の実績`, `3 か月`).
pub const LABEL_DATE_WORDS: &[&str] = &[
    "年度", "年", "月", "日", "か月", "ヵ月", "ヶ月", "歳", "時間",
];

/// A header cell of a value column, for the structure reader to leave a table of values to the
/// other recognisers (`現状`, `目標値`, `策定時`): the cell starts with one.
pub const VALUE_COLUMN_HEADERS: &[&str] = &[
    "現状",
    "目標",
    "実績",
    "基準",
    "策定時",
    "計画値",
    "見込",
    "達成",
];

/// The word of a links header and a links line that says the linked nodes correspond
/// (`対応する「…プロジェクト」`).
pub const LINK_CORRESPONDS: &str = "対応";

/// The word of a links header and a links line that says the linked nodes are related.
pub const LINK_RELATED: &str = "関連";

/// How a links header opens (`対応・関連する「産業戦略プロジェクト」`).
pub const LINKS_HEADER_OPENS: &[&str] =
    &["対応する", "関連する", "対応・関連する", "対応及び関連する"];

// =============================================================================================
// Titles and issuers (`title.rs`, `issuer.rs`).

/// The kinds of document a plan calls itself.
pub const PLAN_KINDS: &[&str] = &[
    "計画",
    "戦略",
    "プラン",
    "方針",
    "ビジョン",
    "構想",
    "指針",
    "大綱",
];

/// Header words of a column naming who carries an item out (`担当課`, `所管部局`): in a 工程表
/// such a column is no item's title.
pub const OWNER_HEADS: &[&str] = &["担当", "所管", "主管", "実施主体", "関係課", "部署"];

/// Words of a heading that names a report or a list rather than a plan.
pub const REPORT_WORDS: &[&str] = &[
    "について",
    "報告",
    "状況",
    "進捗",
    "結果",
    "評価",
    "実績",
    "名簿",
    "調書",
    "一覧",
];

/// Words that end the subject of a plan (`商工業振興`, `観光の振興`).
pub const POLICY_WORDS: &[&str] = &[
    "振興",
    "推進",
    "促進",
    "活性化",
    "創生",
    "発展",
    "育成",
    "強化",
    "充実",
];

/// Marks of a draft or an edition, printed alone on a cover.
pub const DRAFT_MARKS: &[&str] = &[
    "案",
    "素案",
    "原案",
    "最終案",
    "概要版",
    "概要",
    "本編",
    "資料編",
    "改訂版",
    "骨子",
];

/// Front-matter headings: after them the body has begun, and none is a title.
pub const FRONT_MATTER: &[&str] = &[
    "はじめに",
    "序",
    "序章",
    "序文",
    "まえがき",
    "あいさつ",
    "ごあいさつ",
    "刊行にあたって",
    "策定にあたって",
];

/// Departments that follow the issuer on a cover line (`みなと市 産業振興部 商工観光課`).
pub const DEPARTMENT_ENDS: &[&str] = &["部", "課", "室", "局", "庁", "班", "係", "本部", "事務局"];

/// How a line that states the plan period opens.
pub const PERIOD_OPENERS: &[&str] = &[
    "計画期間",
    "本計画の期間",
    "この計画の期間",
    "計画の期間",
    "本戦略の期間",
    "戦略の期間",
    "推進期間",
];

/// What a plan calls itself in its own text (`本計画`, `この戦略`, `当計画`): one of these, then
/// a [`PLAN_KINDS`] word. (`title.rs` looks for their first characters, `本`, `こ`, `当`.)
pub const SELF_PREFIXES: &[&str] = &["本", "この", "当"];

/// Words inside `(以下「本計画」という。)` around the plan's short name, removed to find it.
pub const DEFINITION_FILLERS: &[&str] = &["という", "と言う", "単に"];

/// A table of contents' heading (`目次`), compared folded and in lower case.
pub const CONTENTS_HEADINGS: &[&str] = &["目次", "もくじ", "contents"];

/// Part names besides those ending in `編` or `部` (`Ⅱ 各論`).
pub const PART_NAMES: &[&str] = &["総論", "各論"];

/// Suffixes of the names of governments, in the order that breaks a tie between speakers.
pub const GOVERNMENT_SUFFIXES: &[char] = &['県', '市', '町', '村', '都', '府', '道'];

/// Characters a name read back from a suffix never crosses (another suffix, `区`).
pub const NAME_BOUNDARIES: &[char] = &['県', '市', '町', '村', '都', '府', '道', '区'];

/// Words before a suffix that make it a word, not a name (`本市`, `各市`, `政令市`).
pub const NOT_NAME_PREFIXES: &[&str] = &[
    "本", "当", "同", "各", "全", "他", "両", "旧", "新", "内", "隣", "近隣", "周辺", "政令",
    "中核", "指定", "特例", "一", "この", "その", "あの", "わが", "我が", "管内", "域内", "県内",
    "府内", "都内", "道内", "関係", "構成", "沿線", "対象", "全国",
];

/// A character after a suffix that makes it part of another word (`市町`, `市場`, `市街地`).
pub const NOT_AFTER_SUFFIX: &[char] = &['町', '村', '場', '街', '況', '井'];

/// Particles a kana run read back from a suffix may start with (`ではみなと市`).
pub const LEADING_PARTICLES: &[&str] = &[
    "では", "には", "とは", "から", "まで", "より", "は", "を", "が", "の",
];

/// A character before a suffix by which the text speaks as that kind of body, strongly
/// (`本市`, `当県`).
pub const SELF_BEFORE_SUFFIX: &[char] = &['本', '当'];

/// A character after a suffix by which the text speaks as that kind of body (`市内`, `県民`,
/// `市政`; `全県` too).
pub const SELF_AFTER_SUFFIX: &[char] = &['内', '民', '政'];

/// A character before a suffix that leaves no name to read (`本市`, `各市`, `両県`).
pub const NOT_NAME_BEFORE_SUFFIX: &[char] = &['本', '当', '全', '各', '同', '他', '両'];

// =============================================================================================
// Table headers as the front end reads them (`layout/`): which kind of column a header word
// heads, to cut a row whose cells are not separated by tabs. Matched against a whole word of
// a header line (`head_word`), not a compacted cell.

/// Arrows printed between a value and the next (`3,100千人（R2）→ 3,500千人（R7）`): the arrow
/// lines' and the token reader's one set.
pub const ARROWS: [char; 4] = ['→', '⇒', '➡', '➔'];

/// Marks a list prints before an item (`・保育所待機児童数`, `○`, `■`): no part of a name.
pub const BULLETS: &[char] = &['・', '･', '○', '●', '◆', '◇', '■', '□', '▪', '◯'];

/// Words printed a space before a number that qualify it and belong to its cell: a total over
/// the period (`延べ 3`), an approximation (`約 120`).
pub const NUMBER_QUALIFIERS: &[&str] = &["延べ", "約", "およそ", "概ね", "累計"];

/// Words that head a column of names: the indicator, the item, the KPI.
pub const NAME_HEADS: &[&str] = &[
    "指標名",
    "成果指標",
    "指標",
    "項目",
    "KPI",
    "名称",
    "数値目標",
    "事業名",
    "施策名",
    "重要業績評価指標",
    "評価指標",
    // A table of each indicator's targets over the years (`指標目標の推移`).
    "指標目標",
    // `目標名` with `(指標)` inside: it starts with the value word `目標`, so [`head_kind`]
    // asks for a name word that is the whole cell first.
    "目標(指標)名",
    "指標項目",
    "目標指標",
];

/// Words that head a column of values: a baseline, an actual, a target, a projection.
pub const VALUE_HEADS: &[&str] = &[
    "現状値",
    "基準値",
    "実績値",
    "目標値",
    "策定時",
    "計画策定時",
    "計画策定",
    "当初値",
    "現況値",
    "直近値",
    "最新値",
    "見込値",
    // A figure beyond the plan's end (`将来値(令和14年度)` beside `目標値(令和9年度)`): a value
    // column, though no indicator's baseline or target.
    "将来値",
    "中間目標",
    "最終目標",
    "目標",
    "現状",
    "基準",
    "実績",
    "現況",
    "達成率",
    "達成度",
    "進捗率",
    // The government's own figure beside others' (`本市の値 | 類似団体平均値`).
    "本市の値",
    "本県の値",
    "本町の値",
    "本村の値",
    "本区の値",
];

/// Words that head a column of periods: the year a baseline or target belongs to.
pub const PERIOD_HEADS: &[&str] = &[
    "基準年度",
    "目標年度",
    "基準年",
    "目標年",
    "実績年度",
    // The year progress is checked in, between the base year and the target year.
    "進捗確認年度",
    "年度",
    "年次",
    "時点",
];

/// The word that heads a column of units.
pub const UNIT_HEADS: &[&str] = &["単位"];

/// Other words a table header is made of, whose column is neither names nor values.
pub const OTHER_HEADS: &[&str] = &[
    "No.",
    "No",
    "番号",
    "区分",
    "分野",
    "方向性",
    "評価",
    "備考",
    "担当課",
    "担当",
    "所管課",
    "出典",
    "定義",
    "指標の説明",
    "指標の定義",
    // `目標(指標)名`'s neighbour: it holds the value word `目標`, and heads no values.
    "目標(指標)の説明",
    "説明",
    "算出方法",
    "算出式",
    "望ましい方向",
    // Comparisons with similar bodies beside the government's own figure.
    "類似団体内順位",
    "類似団体平均値",
    "全国順位",
    "全国平均値",
    "順位",
    // A progress table's mark of the change since the baseline (`○ 改善, △ 維持, × 悪化`).
    "改善・悪化",
];

/// What a header cell says its column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HeadKind {
    /// Names (`指標名`, `項目`).
    Name,
    /// Units (`単位`).
    Unit,
    /// Values (`現状値`, `目標値`, or a year heading a column of a year grid).
    Value,
    /// Periods (`基準年度`, `目標年度`).
    Period,
    /// Anything else a header is made of (`備考`, `区分`).
    Other,
}

/// The kind of column a header cell heads, when the cell starts with a header word; `None`
/// for text that is no header word. Periods are looked up before values, so `基準年度` is a
/// period column and `基準値` a value column.
pub fn head_kind(cell: &str) -> Option<HeadKind> {
    let starts = |words: &[&str]| words.iter().any(|w| cell.starts_with(w));
    if NAME_HEADS.contains(&cell) {
        Some(HeadKind::Name)
    } else if VALUE_HEADS.contains(&cell) && !PERIOD_HEADS.contains(&cell) {
        // `年度目標` starts with the period word `年度` and heads the year's target.
        Some(HeadKind::Value)
    } else if starts(UNIT_HEADS) {
        Some(HeadKind::Unit)
    } else if starts(PERIOD_HEADS) {
        Some(HeadKind::Period)
    } else if starts(NAME_HEADS) && !starts(VALUE_HEADS) {
        Some(HeadKind::Name)
    } else if starts(VALUE_HEADS) {
        Some(HeadKind::Value)
    } else if starts(OTHER_HEADS) {
        Some(HeadKind::Other)
    } else {
        None
    }
}

/// The kind of column a header cell heads when the cell is a header word and nothing else,
/// but for a bracketed part after it (`現状値(R4)`, `目標値【R9】`): `目標達成に向けて` starts
/// with a header word and is none.
pub fn head_word(cell: &str) -> Option<HeadKind> {
    let word = match cell.find(['(', '【', '[']) {
        Some(i) if cell.ends_with([')', '】', ']']) => cell[..i].trim_end(),
        _ => cell,
    };
    let known = [
        NAME_HEADS,
        VALUE_HEADS,
        PERIOD_HEADS,
        UNIT_HEADS,
        OTHER_HEADS,
    ]
    .iter()
    .any(|list| list.contains(&word));
    if OTHER_HEADS.contains(&word) {
        // `指標の説明` starts with `指標` and heads no column of names.
        Some(HeadKind::Other)
    } else if known {
        head_kind(word)
    } else {
        None
    }
}

/// True when `word` (two characters at least) is the start of a header word of
/// [`head_word`]'s lists, but not the whole word: a form's label whose last character wrapped
/// onto the next line (`達成` of `達成率`).
pub fn is_head_word_start(word: &str) -> bool {
    word.chars().nth(1).is_some()
        && [
            NAME_HEADS,
            VALUE_HEADS,
            PERIOD_HEADS,
            UNIT_HEADS,
            OTHER_HEADS,
        ]
        .iter()
        .any(|list| {
            list.iter()
                .any(|w| w.len() > word.len() && w.starts_with(word))
        })
}

/// The most characters a header word of [`head_word`]'s lists has (with room to spare).
pub const MAX_HEAD_WORD_CHARS: usize = 16;

/// `n` cut into header words of [`head_word`]'s lists, from the start, the longest first,
/// when they cover it exactly (`指標基準値目標値` → `指標`, `基準値`, `目標値`); `None` when
/// any part is no header word.
pub fn head_words_cover(n: &str) -> Option<Vec<&str>> {
    let mut parts = Vec::new();
    let mut rest = n;
    while !rest.is_empty() {
        let ends: Vec<usize> = rest
            .char_indices()
            .take(MAX_HEAD_WORD_CHARS)
            .map(|(b, c)| b + c.len_utf8())
            .collect();
        let len = ends
            .into_iter()
            .rfind(|&e| head_word(&rest[..e]).is_some())?;
        parts.push(&rest[..len]);
        rest = &rest[len..];
    }
    Some(parts)
}

/// What a year's figure is, after the year in a form's column heading (`4年度実績`,
/// `5年度計画`, `8年度見込み`). Tried in order: a longer word before its prefix.
pub const YEAR_COLUMN_WORDS: &[&str] = &[
    "実績値",
    "実績",
    "計画値",
    "計画",
    "見込み",
    "見込値",
    "見込",
    "目標値",
    "目標",
    // A hospital plan's figures against its accounts (`H25プラン`, `H25決算`).
    "プラン",
    "決算",
];

/// Words after a year in a header saying its column holds that year's planned or projected
/// figure, a target (`5年度計画`, `8年度見込み`, `H25プラン`).
pub const YEAR_TARGET_WORDS: &[&str] = &["計画", "見込", "プラン"];

/// The heading of a sheet's column of row labels (`指標名 | 区分 | R2 | R3`, the rows 目標値,
/// 実績値, 達成率).
pub const ROW_LABEL_HEADS: &[&str] = &["区分"];

/// A note after a year in a sheet grid's header that marks the baseline's column (`R2（基準）`).
pub const SHEET_YEAR_BASELINE_NOTES: &[&str] = &["基準", "基準値", "基準年度", "策定時"];

/// A note after a year in a sheet grid's header that marks the target's column (`R7（目標）`).
pub const SHEET_YEAR_TARGET_NOTES: &[&str] = &["目標", "目標値", "目標年度"];

/// The heading the front end gives a form's column of names when the form prints it
/// elsewhere (`指標名及び単位` as a field label above).
pub const NAME_COLUMN_HEAD: &str = "指標名";

/// Headings of a column of the difference between two value columns (`比較`: actual minus
/// target), which hold numbers but no indicator's value.
pub const DIFFERENCE_HEADS: &[&str] = &["比較", "差", "差引", "差異", "増減", "対目標"];

/// Words of a column heading of the plan's figure (`目標値`, `R5計画`, `H25プラン`), and of the
/// result's (`実績`, `H25決算`): a header of value headings alone holds one of each.
pub const PLAN_HEAD_WORDS: &[&str] = &["目標", "計画", "プラン"];

/// See [`PLAN_HEAD_WORDS`].
pub const RESULT_HEAD_WORDS: &[&str] = &["実績", "決算", "現状", "現況"];

/// The heading a reader gives a column of printed grades it found with no heading of its own.
pub const GRADE_COLUMN_HEAD: &str = "評価";

/// How the heading of a direction column ends when it is a phrase (`指標数値の目指す方向`,
/// `めざす方向性`), which no list of header words holds whole.
pub const DIRECTION_HEAD_ENDS: &[&str] =
    &["目指す方向", "めざす方向", "目指す方向性", "めざす方向性"];

/// How a cell of a direction column (望ましい方向) ends: `高いほどよい`, `…が望ましい`. In cells
/// glued together with no separator, where such a phrase ends the next row's name begins.
pub const DIRECTION_PHRASE_ENDS: &[&str] = &["望ましい", "よい", "良い"];

/// How a direction phrase starts (`低い方がよい`), to tell it from the formula before it.
pub const DIRECTION_PHRASE_STARTS: &[&str] =
    &["高い", "低い", "大きい", "小さい", "多い", "少ない"];

/// True when `word` is a unit core knows (`shinchoku_core::quantity::KNOWN_UNITS`), alone or
/// per year (`件/年`).
pub fn is_unit(word: &str) -> bool {
    let w = word.strip_suffix("/年").unwrap_or(word);
    shinchoku_core::quantity::KNOWN_UNITS.contains(&w)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_word_holds_a_character_of_the_cheap_test() {
        for w in CUMULATIVE_MARKS
            .iter()
            .chain(ANNUAL_MARKS)
            .chain(PERIOD_TOTAL_MARKS)
            .chain(WINDOW_MARK_ENDS)
        {
            assert!(w.contains(KIND_MARK_CHARS), "{w}");
        }
    }

    #[test]
    fn header_words_say_what_their_column_holds() {
        assert_eq!(head_kind("指標名"), Some(HeadKind::Name));
        assert_eq!(head_kind("単位"), Some(HeadKind::Unit));
        assert_eq!(head_kind("現状値(R4)"), Some(HeadKind::Value));
        assert_eq!(head_kind("目標値"), Some(HeadKind::Value));
        assert_eq!(head_kind("基準年度"), Some(HeadKind::Period));
        assert_eq!(head_kind("基準値"), Some(HeadKind::Value));
        assert_eq!(head_kind("備考"), Some(HeadKind::Other));
        assert_eq!(head_kind("自主防災組織数"), None);
        assert_eq!(head_word("現状値(R4)"), Some(HeadKind::Value));
        assert_eq!(head_word("目標達成に向けて"), None);
        assert_eq!(head_word("指標の説明"), Some(HeadKind::Other));
    }

    #[test]
    fn units_alone_or_per_year() {
        assert!(is_unit("%"));
        assert!(is_unit("件/年"));
        assert!(!is_unit("自主防災組織数"));
    }
}
