//! What can be wrong in an Actuals CSV, as data, and how each problem is told in Japanese
//! and in English ([`Localize`]).
//!
//! The reader finds a problem and records what it found ([`CsvProblem`]: the cell as
//! written, the counts, the column); the words come only when a person reads it, in their
//! language. Both languages sit side by side in one `match`, so a message and its
//! translation change together. Every message says what was found and how to fix it.

use std::fmt;

use shinchoku_core::lang::{Lang, Localize};
use shinchoku_core::period::Period;
use shinchoku_core::Decimal;

/// One problem of an Actuals CSV: of the file ([`super::ActualsError`]) or of one row
/// ([`super::RowError`]). Texts from the file are kept shortened to 40 characters.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum CsvProblem {
    /// Reading the file failed; the system's words.
    Io(String),
    /// Reading the header failed; the CSV reader's words.
    HeaderIo(String),
    /// Reading failed after this line; the system's words.
    IoAfter {
        /// The last line read.
        line: u64,
        /// What failed.
        error: String,
    },
    /// The file is a ZIP archive: an xlsx workbook.
    Zip,
    /// The file is an old Excel workbook (xls).
    Xls,
    /// A NUL byte: a binary file or UTF-16 without its byte order mark.
    NulByte {
        /// The byte offset.
        at: usize,
    },
    /// No header: the file is empty or blank.
    Empty,
    /// A header cell that is not text in the file's encoding.
    HeaderCell {
        /// The cell, from 1.
        cell: usize,
        /// What is wrong with it ([`CsvProblem::Damaged`] or a `NotIn…` problem).
        problem: Box<CsvProblem>,
    },
    /// The header lacks required columns, names unknown ones, or names one twice.
    Header {
        /// Required columns it lacks.
        missing: Vec<&'static str>,
        /// Unknown headers, each with the known column it is likely a typo of.
        unknown: Vec<(String, Option<&'static str>)>,
        /// Headers that name a column already named: (as written, the column).
        twice: Vec<(String, &'static str)>,
    },
    /// A row with more or fewer fields than the header.
    FieldCount {
        /// Fields in the row.
        found: usize,
        /// Fields in the header.
        expected: usize,
    },
    /// A cell holding U+FFFD, the mark of a character lost before the file was written.
    Damaged {
        /// The cell.
        text: String,
    },
    /// A cell with bytes that are not in the encoding the file is read in.
    NotInEncoding {
        /// The cell, with the bad bytes shown as U+FFFD.
        text: String,
        /// The encoding (`Shift_JIS`, `UTF-16LE`).
        encoding: &'static str,
    },
    /// A cell with bytes that are not UTF-8, in a file read as UTF-8.
    NotUtf8 {
        /// The cell, with the bad bytes shown as U+FFFD.
        text: String,
        /// The first bad bytes (`0xFF 0xFE`).
        bytes: String,
        /// The byte of the cell they start at, from 1.
        at: usize,
    },
    /// A quoted value that took in what look like further rows.
    UnclosedQuote {
        /// Lines the value runs over.
        lines: usize,
        /// Lines inside it that look like rows.
        rows: usize,
        /// The first such line.
        sample: String,
    },
    /// A value under a column whose header cell is empty.
    UnnamedColumn {
        /// The field, from 1.
        field: usize,
    },
    /// A required cell is empty.
    Missing(Required),
    /// A required cell could not be read (its problem has been reported already).
    Unreadable,
    /// A period cell that names a window of years.
    Window {
        /// The cell.
        text: String,
        /// The window it names.
        period: Period,
    },
    /// A period cell that is no period.
    NotAPeriod {
        /// The cell.
        text: String,
        /// Why.
        why: PeriodWhy,
    },
    /// A number in scientific notation (`1.23E+11`): Excel's rounded display.
    Scientific {
        /// The cell.
        text: String,
    },
    /// A number with marks that belong elsewhere (`98%以上`, `15件/3年`, `約100`).
    NotPlain {
        /// The cell.
        text: String,
        /// The number in it.
        value: Decimal,
    },
    /// A malformed number (`1,2,3`, `1.2.3`).
    Malformed {
        /// The cell.
        text: String,
    },
    /// A number too large or too precise to hold exactly.
    TooPrecise {
        /// The cell.
        text: String,
    },
    /// Digits that do not make a number.
    NotANumber {
        /// The cell.
        text: String,
        /// The column of the cell (in characters, from 1) where reading stopped.
        column: usize,
    },
    /// A status that is none of the known words.
    Status {
        /// The cell.
        text: String,
    },
    /// A breakdown part without `=`.
    BreakdownNoEquals {
        /// The cell.
        text: String,
        /// The part.
        part: String,
    },
    /// A breakdown part that is not one key and one value.
    BreakdownNotAPair {
        /// The cell.
        text: String,
        /// The part.
        part: String,
    },
    /// A breakdown that names a key twice.
    BreakdownKeyTwice {
        /// The cell.
        text: String,
        /// The key.
        key: String,
    },
    /// A breakdown with no pair at all.
    BreakdownEmpty {
        /// The cell.
        text: String,
    },
}

/// The required cells of a row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Required {
    /// `plan`.
    Plan,
    /// `indicator`.
    Indicator,
    /// `period`.
    Period,
}

/// Why a period cell is no period.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PeriodWhy {
    /// A year outside 1000–9999.
    YearOutOfRange,
    /// A month or day that does not exist.
    NoSuchDate,
    /// A window that is not valid.
    BadWindow,
    /// Not a period at all.
    NotAPeriod,
}

const EXCEL_SAVE_EN: &str = "in Excel use Save As → CSV UTF-8 (comma delimited)";
const EXCEL_SAVE_JA: &str =
    "Excel で「名前を付けて保存」→「CSV UTF-8 (コンマ区切り)」を選んで保存してください";
const BREAKDOWN_HINT_EN: &str =
    "expected key=value pairs separated by ; such as 性別=女性 or 性別=女性;地域=岩国";
const BREAKDOWN_HINT_JA: &str =
    "性別=女性 や 性別=女性;地域=岩国 のように「キー=値」を ; で区切って書いてください";
const PERIOD_FORMS_EN: &str =
    "expected FY2023, CY2023, 2023 for FY2023, 2019-08, 2019-08-31 or 令和5年度, R5, 2023年度";
const PERIOD_FORMS_JA: &str = "FY2023、CY2023、2023（FY2023 のこと）、2019-08、2019-08-31、\
                               令和5年度、R5、2023年度 のように書いてください";

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

/// `"a", "b"` in English, `「a」、「b」` in Japanese.
fn quoted_list<'a>(lang: Lang, items: impl Iterator<Item = &'a str>) -> String {
    let sep = match lang {
        Lang::Ja => "、",
        Lang::En => ", ",
    };
    items
        .map(|s| match lang {
            Lang::Ja => format!("「{s}」"),
            Lang::En => format!("\"{s}\""),
        })
        .collect::<Vec<_>>()
        .join(sep)
}

impl Localize for CsvProblem {
    fn localize(&self, lang: Lang, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use CsvProblem as P;
        let q = |s: &str| lang.quote(s).to_string();
        match lang {
            Lang::En => match self {
                P::Io(e) => write!(f, "cannot read the file: {e}"),
                P::HeaderIo(e) => write!(f, "cannot read the header: {e}"),
                P::IoAfter { line, error } => {
                    write!(f, "cannot read the file after line {line}: {error}")
                }
                P::Zip => write!(
                    f,
                    "this is a ZIP archive (an xlsx workbook?), not CSV: {EXCEL_SAVE_EN}"
                ),
                P::Xls => write!(
                    f,
                    "this is an old Excel workbook (xls), not CSV: {EXCEL_SAVE_EN}"
                ),
                P::NulByte { at } => write!(
                    f,
                    "a NUL byte at byte offset {at}: this is a binary file or UTF-16 saved \
                     without a byte order mark, not CSV text; save it as CSV UTF-8"
                ),
                P::Empty => f.write_str(
                    "the file is empty: it must start with a header line such as \
                     plan,indicator,period,value",
                ),
                P::HeaderCell { cell, problem } => {
                    write!(f, "header cell {cell}: {}", problem.in_lang(lang))
                }
                P::Header {
                    missing,
                    unknown,
                    twice,
                } => {
                    let mut problems = Vec::new();
                    if !missing.is_empty() {
                        problems.push(format!(
                            "missing required column{} {}",
                            plural(missing.len()),
                            quoted_list(lang, missing.iter().copied())
                        ));
                    }
                    if !unknown.is_empty() {
                        let named: Vec<String> = unknown
                            .iter()
                            .map(|(u, s)| match s {
                                Some(s) => format!("{u:?} (did you mean \"{s}\"?)"),
                                None => format!("{u:?}"),
                            })
                            .collect();
                        problems.push(format!(
                            "unknown column{} {}",
                            plural(unknown.len()),
                            named.join(", ")
                        ));
                    }
                    if !twice.is_empty() {
                        let named: Vec<String> =
                            twice.iter().map(|(h, c)| format!("{h:?} ({c})")).collect();
                        problems.push(format!(
                            "column{} named twice: {}",
                            plural(twice.len()),
                            named.join(", ")
                        ));
                    }
                    write!(
                        f,
                        "the header has {}; it must name plan, indicator, period and value \
                         (計画, 指標, 年度, 値) and may add status, as_of, source, note and \
                         breakdown (状態, 時点, 出典, 備考, 内訳), in any order",
                        problems.join("; ")
                    )
                }
                P::FieldCount { found, expected } => write!(
                    f,
                    "{found} fields where the header has {expected}: a missing or extra \
                     comma, or a value with a comma that needs quotes (\"1,234\")"
                ),
                P::Damaged { text } => write!(
                    f,
                    "{} holds U+FFFD (�), the mark a converter leaves for a character it \
                     could not read: the text was damaged before it got here; correct it \
                     and save the file again",
                    q(text)
                ),
                P::NotInEncoding { text, encoding } => write!(
                    f,
                    "{} holds bytes that are not {encoding} (shown as �): the file mixes \
                     encodings or is damaged; save it again as UTF-8",
                    q(text)
                ),
                P::NotUtf8 { text, bytes, at } => write!(
                    f,
                    "{} holds bytes that are not UTF-8 ({bytes} at byte {at} of the cell); \
                     the file was read as UTF-8 from its first non-ASCII characters, so it \
                     mixes encodings or is damaged; save it again as UTF-8",
                    q(text)
                ),
                P::UnclosedQuote {
                    lines,
                    rows,
                    sample,
                } => write!(
                    f,
                    "a quoted value that runs over {lines} lines and takes in {rows} line{} \
                     that look like rows ({}): its closing quote (\") is probably missing",
                    plural(*rows),
                    q(sample)
                ),
                P::UnnamedColumn { field } => write!(
                    f,
                    "a value in field {field}, whose header cell is empty: name the column in \
                     the header or delete it"
                ),
                P::Missing(Required::Plan) => {
                    f.write_str("empty: every row needs the code of its plan")
                }
                P::Missing(Required::Indicator) => {
                    f.write_str("empty: every row needs an indicator id or name")
                }
                P::Missing(Required::Period) => f.write_str(
                    "empty: every row needs the year it is for, such as FY2023 or 令和5年度",
                ),
                P::Unreadable => f.write_str("a required cell could not be read"),
                P::Window { text, period } => write!(
                    f,
                    "{} is a window of years ({period}); a value is for one year (FY2023), \
                     month (2019-08) or day: give the year it was counted in",
                    q(text)
                ),
                P::NotAPeriod { text, why } => {
                    let why = match why {
                        PeriodWhy::YearOutOfRange => "has a year out of range (1000-9999)",
                        PeriodWhy::NoSuchDate => "names a month or day that does not exist",
                        PeriodWhy::BadWindow => "is not a valid window (nor one year)",
                        PeriodWhy::NotAPeriod => "is not a period",
                    };
                    write!(f, "{} {why} ({PERIOD_FORMS_EN})", q(text))
                }
                P::Scientific { text } => write!(
                    f,
                    "{} is in scientific notation, which is how Excel shows a number it has \
                     rounded: format the column as a number (or as text) and save the file \
                     again",
                    q(text)
                ),
                P::NotPlain { text, value } => write!(
                    f,
                    "{} is not a plain number: write the number alone ({value}), bare or \
                     with the indicator's own unit (22.5 or 22.5% for a % indicator); \
                     以上/以下, windows, brackets and notes belong to the indicator or the \
                     note column",
                    q(text)
                ),
                P::Malformed { text } => write!(
                    f,
                    "{} is a malformed number: thousands separators go between groups of \
                     three digits (1,234.5), a number has at most one decimal point and \
                     digits on both sides of it, and a minus is -, − or △",
                    q(text)
                ),
                P::TooPrecise { text } => write!(
                    f,
                    "{} is too large or too precise: at most 28 significant digits are held \
                     exactly",
                    q(text)
                ),
                P::NotANumber { text, column } => write!(
                    f,
                    "{} is not a number (from column {column} of the cell on): expected a \
                     number such as 1234, 1,234.5, -5 or △5, or a milestone state such as \
                     実施中",
                    q(text)
                ),
                P::Status { text } => write!(
                    f,
                    "{} is not a status: expected final (確定), provisional (速報) or \
                     estimate (見込), or an empty cell",
                    q(text)
                ),
                P::BreakdownNoEquals { text, part } => write!(
                    f,
                    "{} has no \"=\" in {}: {BREAKDOWN_HINT_EN}",
                    q(text),
                    q(part)
                ),
                P::BreakdownNotAPair { text, part } => write!(
                    f,
                    "{} has {}, which is not one key and one value: {BREAKDOWN_HINT_EN}",
                    q(text),
                    q(part)
                ),
                P::BreakdownKeyTwice { text, key } => write!(
                    f,
                    "{} names {} twice: a breakdown gives each key once",
                    q(text),
                    q(key)
                ),
                P::BreakdownEmpty { text } => {
                    write!(f, "{} has no pair: {BREAKDOWN_HINT_EN}", q(text))
                }
            },
            Lang::Ja => match self {
                P::Io(e) => write!(f, "ファイルを読めません: {e}"),
                P::HeaderIo(e) => write!(f, "見出し行を読めません: {e}"),
                P::IoAfter { line, error } => {
                    write!(f, "{line}行目より後を読めません: {error}")
                }
                P::Zip => write!(
                    f,
                    "これは ZIP 形式のファイル（xlsx のブック？）で、CSV ではありません。\
                     {EXCEL_SAVE_JA}"
                ),
                P::Xls => write!(
                    f,
                    "これは古い形式の Excel ブック（xls）で、CSV ではありません。{EXCEL_SAVE_JA}"
                ),
                P::NulByte { at } => write!(
                    f,
                    "{at}バイト目に NUL バイトがあります。バイナリファイルか、BOM なしで保存した \
                     UTF-16 で、CSV のテキストではありません。CSV UTF-8 で保存し直してください"
                ),
                P::Empty => f.write_str(
                    "ファイルが空です。1行目に plan,indicator,period,value（計画,指標,年度,値）\
                     のような見出し行が必要です",
                ),
                P::HeaderCell { cell, problem } => {
                    write!(f, "見出しの{cell}番目の欄: {}", problem.in_lang(lang))
                }
                P::Header {
                    missing,
                    unknown,
                    twice,
                } => {
                    let mut problems = Vec::new();
                    if !missing.is_empty() {
                        problems.push(format!(
                            "必須の列{}がありません",
                            quoted_list(lang, missing.iter().copied())
                        ));
                    }
                    if !unknown.is_empty() {
                        let named: Vec<String> = unknown
                            .iter()
                            .map(|(u, s)| match s {
                                Some(s) => format!("「{u}」（「{s}」の誤り？）"),
                                None => format!("「{u}」"),
                            })
                            .collect();
                        problems.push(format!("知らない列{}があります", named.join("、")));
                    }
                    if !twice.is_empty() {
                        let named: Vec<String> = twice
                            .iter()
                            .map(|(h, c)| format!("「{h}」（{c}）"))
                            .collect();
                        problems.push(format!("同じ列が2回あります: {}", named.join("、")));
                    }
                    write!(
                        f,
                        "見出し行に問題があります（{}）。見出しには plan, indicator, period, \
                         value（計画, 指標, 年度, 値）が必要で、status, as_of, source, note, \
                         breakdown（状態, 時点, 出典, 備考, 内訳）を順不同で加えられます",
                        problems.join("。")
                    )
                }
                P::FieldCount { found, expected } => write!(
                    f,
                    "欄の数が{found}個ですが、見出しは{expected}個です。コンマが多いか少ないか、\
                     コンマを含む値に引用符（\"1,234\"）が必要です"
                ),
                P::Damaged { text } => write!(
                    f,
                    "{}に U+FFFD（�）があります。変換できなかった文字の跡で、このファイルに\
                     なる前に文字が壊れています。正しい文字に直して保存し直してください",
                    q(text)
                ),
                P::NotInEncoding { text, encoding } => write!(
                    f,
                    "{}に {encoding} ではないバイトがあります（�と表示）。文字コードが混在して\
                     いるか、ファイルが壊れています。UTF-8 で保存し直してください",
                    q(text)
                ),
                P::NotUtf8 { text, bytes, at } => write!(
                    f,
                    "{}に UTF-8 ではないバイトがあります（欄の{at}バイト目から {bytes}）。最初の\
                     ASCII 以外の文字から UTF-8 として読んでいるので、文字コードが混在して\
                     いるか、ファイルが壊れています。UTF-8 で保存し直してください",
                    q(text)
                ),
                P::UnclosedQuote {
                    lines,
                    rows,
                    sample,
                } => write!(
                    f,
                    "引用符で囲んだ値が{lines}行にわたり、行のように見える{rows}行（{}）を含んで\
                     います。閉じる引用符（\"）が抜けているようです",
                    q(sample)
                ),
                P::UnnamedColumn { field } => write!(
                    f,
                    "{field}番目の欄に値がありますが、その列の見出しが空です。見出しに列名を\
                     書くか、列を削除してください"
                ),
                P::Missing(Required::Plan) => {
                    f.write_str("空欄です。どの行にも計画のコードが必要です")
                }
                P::Missing(Required::Indicator) => {
                    f.write_str("空欄です。どの行にも指標の id か名前が必要です")
                }
                P::Missing(Required::Period) => {
                    f.write_str("空欄です。どの行にも値の年度（FY2023、令和5年度など）が必要です")
                }
                P::Unreadable => f.write_str("必須の欄を読めませんでした"),
                P::Window { text, period } => write!(
                    f,
                    "{}は複数年の期間（{period}）です。値は1つの年度（FY2023）、月（2019-08）\
                     または日のものです。集計した年度を書いてください",
                    q(text)
                ),
                P::NotAPeriod { text, why } => {
                    let why = match why {
                        PeriodWhy::YearOutOfRange => "年が範囲（1000～9999）の外です",
                        PeriodWhy::NoSuchDate => "存在しない月か日です",
                        PeriodWhy::BadWindow => {
                            "正しい期間ではありません（1つの年度でもありません）"
                        }
                        PeriodWhy::NotAPeriod => "年度として読めません",
                    };
                    write!(f, "{}は{why}。{PERIOD_FORMS_JA}", q(text))
                }
                P::Scientific { text } => write!(
                    f,
                    "{}は指数表記です。Excel が丸めた数値を表示する形です。列の書式を数値\
                     （または文字列）にして保存し直してください",
                    q(text)
                ),
                P::NotPlain { text, value } => write!(
                    f,
                    "{}は数値だけではありません。数値だけ（{value}）を、単位を付けるならその\
                     指標の単位で（% の指標なら 22.5 か 22.5%）書いてください。以上・以下、期間、\
                     括弧、注記は指標の定義か備考の列に書きます",
                    q(text)
                ),
                P::Malformed { text } => write!(
                    f,
                    "{}は数値の書き方が正しくありません。桁区切りのコンマは3桁ごと（1,234.5）、\
                     小数点は1つまでで両側に数字が要ります。マイナスは -、− か △ です",
                    q(text)
                ),
                P::TooPrecise { text } => write!(
                    f,
                    "{}は大きすぎるか桁が多すぎます。正確に扱えるのは有効数字28桁までです",
                    q(text)
                ),
                P::NotANumber { text, column } => write!(
                    f,
                    "{}は数値として読めません（欄の{column}文字目から）。1234、1,234.5、-5、△5 \
                     のような数値か、実施中 のようなマイルストーンの段階を書いてください",
                    q(text)
                ),
                P::Status { text } => write!(
                    f,
                    "{}は状態として読めません。final（確定）、provisional（速報）、estimate\
                     （見込）のいずれかを書くか、空欄にしてください",
                    q(text)
                ),
                P::BreakdownNoEquals { text, part } => write!(
                    f,
                    "{}の{}に「=」がありません。{BREAKDOWN_HINT_JA}",
                    q(text),
                    q(part)
                ),
                P::BreakdownNotAPair { text, part } => write!(
                    f,
                    "{}の{}は1つのキーと1つの値ではありません。{BREAKDOWN_HINT_JA}",
                    q(text),
                    q(part)
                ),
                P::BreakdownKeyTwice { text, key } => write!(
                    f,
                    "{}はキー{}を2回書いています。内訳ではキーを1回ずつ書きます",
                    q(text),
                    q(key)
                ),
                P::BreakdownEmpty { text } => {
                    write!(f, "{}には組がありません。{BREAKDOWN_HINT_JA}", q(text))
                }
            },
        }
    }
}

impl fmt::Display for CsvProblem {
    /// The English text.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.localize(Lang::En, f)
    }
}
