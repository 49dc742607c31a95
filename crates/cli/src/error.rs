//! [`CliError`], the one error type of the commands: every way a command can fail, sorted by
//! what went wrong rather than by exit code, and told in the user's language.
//!
//! Commands return `Result<_, CliError>` and use `?`. The libraries' errors convert by `From`
//! (the store's [`StoreError`], the plan file's [`PlanFileErrors`], the Actuals CSV's
//! [`ActualsError`]); the located errors that are shown with the path as the user typed it
//! (the extractor's, a store error inside one imported file) are built with that path. No call
//! site chooses an exit code: `exit_code` in `main.rs` is the one place that maps a
//! `CliError` to DESIGN.md's codes, and `main` the one place that prints it.
//!
//! No call site writes the message either: each variant carries what was found ([`Usage`],
//! [`Input`], the libraries' own typed errors), and [`Localize`] tells it in Japanese (the
//! default) or English (`--lang en`); the location (`FILE:LINE:COLUMN`) is the same in both.
//! Where a variant has a `source` (the operating system's error), `main` prints it after a
//! colon (`x.txt を読めません: ファイルが見つかりません (os error 2)`), through [`io_words`].

use std::fmt;
use std::io;

use shinchoku_core::actuals::Refusal;
use shinchoku_core::lang::{Lang, Localize};
use shinchoku_import::actuals::{ActualsError, CsvProblem};
use shinchoku_import::extract::ExtractError;
use shinchoku_import::PlanFileErrors;
use shinchoku_store::StoreError;

/// What went wrong in a command.
#[derive(Debug)]
pub enum CliError {
    /// The command line is wrong in a way clap cannot see: a value out of range, an ambiguous
    /// name, output that is there already without `--force`.
    Usage(Usage),
    /// A file or a value that cannot be used; the message names it and says what to do.
    Input(Input),
    /// A file (or directory, or standard input) named on the command line cannot be read.
    Read {
        /// What was being read.
        what: Reading,
        /// Why it failed.
        source: io::Error,
    },
    /// Every problem of one plan file, each with its file, line, column and key.
    PlanFile(PlanFileErrors),
    /// An Actuals CSV that cannot be read at all: its encoding, its header.
    Actuals(ActualsError),
    /// Rows of an Actuals CSV that `evaluate --actuals` refused, every one with its file and
    /// line; nothing was evaluated.
    Refused(Vec<RefusedRow>),
    /// A document that is no text, at the line where reading stopped.
    Extract {
        /// The document as the user named it (the extractor names it by its file name).
        file: String,
        /// The extractor's error.
        error: ExtractError,
    },
    /// `extract --strict` found warnings (they were printed before).
    Strict {
        /// The document as the user named it.
        file: String,
        /// How many warnings.
        count: usize,
    },
    /// The store refused or failed; the kind of [`StoreError`] decides the exit code. Not a
    /// `source`: the store's message already carries its cause's words.
    Store(StoreError),
    /// The store refused something that came from one file of an import.
    StoreIn {
        /// The file as the user named it.
        file: String,
        /// The store's error.
        error: StoreError,
    },
    /// The database of `--db` cannot be opened.
    Open {
        /// The database, password redacted.
        db: String,
        /// The store's error.
        error: StoreError,
    },
    /// Files the command writes where the command line says (`bench-data --out DIR`) cannot
    /// be made; the chain names the file and the system's reason.
    Files(anyhow::Error),
    /// The machine failed the command: the async runtime, the demo's temporary directory.
    System {
        /// What was being done.
        doing: Doing,
        /// Why it failed.
        source: io::Error,
    },
    /// Writing to standard output or standard error failed: a full disk, a closed terminal,
    /// or a reader that stopped reading (a broken pipe, which is no failure).
    Output {
        /// What was being written.
        doing: Writing,
        /// Why it failed.
        source: io::Error,
    },
    /// A round's rule refused the action: a confirmed item or a closed round (exit 3), acting
    /// outside one's stage or department (exit 5), a missing explanation (exit 1).
    Round(shinchoku_core::round::RoundError),
    /// Acting outside one's rights (exit 5). Nothing produces it yet: it arrives with users
    /// and rights (DESIGN.md → The yearly evaluation round), and has its place in the map of
    /// exit codes already; its message will be typed like the others then.
    #[allow(dead_code)]
    NotPermitted(String),
}

/// A command line that is wrong in a way clap cannot see (exit 2).
#[derive(Debug)]
#[non_exhaustive]
pub enum Usage {
    /// `evaluate` without `--fy` over plans that have no observation.
    NoObservations(Vec<String>),
    /// `--as ""`.
    EmptyActor,
    /// No `--as` and an account without a name.
    NoAccount,
    /// `--status` that is none of the words.
    Status(String),
    /// `record` with neither `--value` nor `--delete`.
    ValueOrDelete,
    /// `record --value ""`.
    EmptyValue,
    /// A flag's value that the Actuals CSV's cell reader refuses (`--period`, `--value`).
    Flag {
        /// The flag.
        flag: &'static str,
        /// What the reader found.
        problem: CsvProblem,
    },
    /// `history --indicator ID` matching several stored plans.
    AmbiguousIndicator {
        /// The id.
        indicator: String,
        /// The plans that have it.
        plans: Vec<String>,
    },
    /// `lineage NAME` matching several series.
    AmbiguousSeries {
        /// The name.
        name: String,
        /// The series keys.
        keys: Vec<String>,
    },
    /// A `bench-data` number out of range.
    OutOfRange {
        /// The flag, without `--`.
        flag: &'static str,
        /// The value given.
        value: u32,
        /// The largest allowed.
        max: u32,
    },
    /// A `bench-data` output directory that holds files, without `--force`.
    DirNotEmpty(String),
    /// A `bench-data` output file that exists, without `--force`.
    FileExists(String),
    /// `import --title/--code` with other than one plan document or plan file.
    OnePlanToName(usize),
    /// `remind` with neither `--smtp` nor `--dry-run`.
    NoSmtp,
    /// `report --format xlsx` without `-o FILE`.
    XlsxNeedsOutput,
}

/// A file or value that cannot be used (exit 1).
#[derive(Debug)]
#[non_exhaustive]
pub enum Input {
    /// A `round` argument that does not read (stages, a due date): its message.
    Round(String),
    /// No round of this plan and year was opened.
    NoRound {
        /// The plan's code.
        plan: String,
        /// The fiscal year.
        fy: i32,
    },
    /// The round has no such item.
    NoItem {
        /// The plan's code.
        plan: String,
        /// The fiscal year.
        fy: i32,
        /// The item asked for.
        item: String,
    },
    /// `round close` without `--force` while items are not confirmed.
    Unconfirmed(Vec<String>),
    /// `user add` with an empty name.
    EmptyName,
    /// `user add --role editor` without `--group`, or `assign` without a department.
    EditorNeedsGroup,
    /// A new password that is too short or too common: the web crate's words.
    WeakPassword(String),
    /// The password typed twice differently.
    PasswordsDiffer,
    /// `assign --node ID` or `sheet --node ID` that the plan does not have.
    NoNode {
        /// The plan's code.
        plan: String,
        /// The node asked for.
        node: String,
    },
    /// An Excel workbook of the old binary format (`.xls`) given to `import`.
    Excel(String),
    /// A directory without plan files.
    NoPlanFiles(String),
    /// `history --indicator ID` that no stored plan has.
    NoPlanWithIndicator(String),
    /// `lineage NAME` that names no stored indicator.
    NoIndicatorNamed(String),
    /// A path that should be a directory and is a file.
    NotADirectory(String),
    /// `evaluate --actuals` over two plan files of one plan code.
    SamePlan {
        /// The code.
        code: String,
        /// The first file.
        first: String,
        /// The second.
        second: String,
    },
    /// A plan file that was not read (a reading thread stopped).
    NotRead(String),
    /// A document whose code, made from its title, a stored plan of another title holds.
    CodeTaken {
        /// The document.
        file: String,
        /// The code made from its title.
        code: String,
        /// Its title.
        title: String,
        /// The stored plan's title.
        stored: String,
    },
    /// An Actuals CSV that the bare scan (`bench-scan`, a benchmark's floor) cannot read;
    /// `why` is the CSV reader's English.
    Scan {
        /// The file.
        file: String,
        /// Why.
        why: String,
    },
}

/// A row of an Actuals CSV that `evaluate --actuals` refused: where, which column, and why.
/// Shown as `import` shows one (`actuals.csv:3: column "value": …`).
#[derive(Debug)]
pub struct RefusedRow {
    /// The file as the user named it.
    pub file: String,
    /// The line (the header is line 1).
    pub line: u64,
    /// The column (`indicator`, `value`); `None` for the row as a whole.
    pub field: Option<&'static str>,
    /// Why.
    pub why: RowWhy,
}

/// Why `evaluate --actuals` refused a row.
#[derive(Debug)]
#[non_exhaustive]
pub enum RowWhy {
    /// What the CSV reader found (a bad period, a missing cell).
    Read(CsvProblem),
    /// Core's rule, as `import` refuses the row; where the plan has no such indicator, the
    /// plan file that lists the ones it has.
    Rule {
        /// Core's refusal.
        refusal: Refusal,
        /// The file of the row's plan, once the plan is known.
        plan_file: Option<String>,
    },
    /// A plan that none of the plan files given is.
    NoPlanFile(String),
    /// Parts and totals that disagree, or a rate's parts without their total.
    Breakdown(shinchoku_core::breakdown::BreakdownProblem),
}

/// What was being read when reading failed.
#[derive(Debug)]
pub enum Reading {
    /// A file.
    File(String),
    /// A file being opened.
    Opening(String),
    /// A directory's list of files.
    Directory(String),
    /// Standard input.
    Stdin,
}

/// What the machine was doing when it failed.
#[derive(Debug)]
pub enum Doing {
    /// Starting the async runtime.
    Runtime,
    /// Creating a directory.
    CreateDir(String),
    /// Reading a new password from standard input or the terminal.
    ReadPassword,
    /// Sending mail through the SMTP relay at this address.
    Smtp(String),
    /// Listening for HTTP on an address.
    Bind(String),
}

/// What was being written when writing failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Writing {
    /// The command's output, to stdout.
    Output,
    /// The warnings, to stderr.
    Warnings,
    /// The extraction, as JSON.
    Json,
}

impl From<StoreError> for CliError {
    fn from(e: StoreError) -> Self {
        CliError::Store(e)
    }
}

impl From<PlanFileErrors> for CliError {
    fn from(e: PlanFileErrors) -> Self {
        CliError::PlanFile(e)
    }
}

impl From<ActualsError> for CliError {
    fn from(e: ActualsError) -> Self {
        CliError::Actuals(e)
    }
}

impl CliError {
    /// A failed write of the command's output to stdout (or of its warnings to stderr).
    pub fn output(doing: Writing) -> impl FnOnce(io::Error) -> CliError {
        move |source| CliError::Output { doing, source }
    }

    /// A file named on the command line that could not be read.
    pub fn read(what: Reading) -> impl FnOnce(io::Error) -> CliError {
        move |source| CliError::Read { what, source }
    }
}

impl Localize for Usage {
    fn localize(&self, lang: Lang, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let q = |s: &str| lang.quote(s).to_string();
        match (lang, self) {
            (Lang::En, Usage::NoObservations(named)) => write!(
                f,
                "no observations in {}: give the year to evaluate with --fy YEAR",
                named.join(", ")
            ),
            (Lang::Ja, Usage::NoObservations(named)) => write!(
                f,
                "{} には実績値がありません。評価する年度を --fy YEAR で指定してください",
                named.join("、")
            ),
            (Lang::En, Usage::EmptyActor) => {
                f.write_str("--as is empty: give the name the audit log should record")
            }
            (Lang::Ja, Usage::EmptyActor) => {
                f.write_str("--as が空です。変更履歴に記録する名前を書いてください")
            }
            (Lang::En, Usage::NoAccount) => f.write_str(
                "cannot tell who runs this command: the account has no name in the system's \
                 user database and USER is not set; say who acts with --as NAME",
            ),
            (Lang::Ja, Usage::NoAccount) => f.write_str(
                "このコマンドを誰が実行しているか分かりません。アカウントにシステムの利用者名が\
                 なく、USER も設定されていません。--as NAME で実行者を指定してください",
            ),
            (Lang::En, Usage::Status(s)) => write!(
                f,
                "--status {s:?}: expected final (確定), provisional (速報) or estimate (見込)"
            ),
            (Lang::Ja, Usage::Status(s)) => write!(
                f,
                "--status {}: final（確定）、provisional（速報）、estimate（見込）のいずれかを\
                 書いてください",
                q(s)
            ),
            (Lang::En, Usage::ValueOrDelete) => f.write_str("give --value VALUE or --delete"),
            (Lang::Ja, Usage::ValueOrDelete) => {
                f.write_str("--value VALUE か --delete を指定してください")
            }
            (Lang::En, Usage::EmptyValue) => {
                f.write_str("--value is empty: give a number or a state, or --delete")
            }
            (Lang::Ja, Usage::EmptyValue) => f.write_str(
                "--value が空です。数値か段階を書くか、削除するなら --delete を指定してください",
            ),
            (_, Usage::Flag { flag, problem }) => {
                write!(f, "{flag}: {}", problem.in_lang(lang))
            }
            (Lang::En, Usage::AmbiguousIndicator { indicator, plans }) => write!(
                f,
                "{} plans have an indicator {indicator:?} ({}): say which with --plan CODE",
                plans.len(),
                plans.join(", ")
            ),
            (Lang::Ja, Usage::AmbiguousIndicator { indicator, plans }) => write!(
                f,
                "指標{}は{}つの計画にあります（{}）。--plan CODE でどれかを指定してください",
                q(indicator),
                plans.len(),
                plans.join("、")
            ),
            (Lang::En, Usage::AmbiguousSeries { name, keys }) => write!(
                f,
                "{name:?} is the name of several series (different units): give one of {}",
                keys.join(", ")
            ),
            (Lang::Ja, Usage::AmbiguousSeries { name, keys }) => write!(
                f,
                "{}は単位の違う複数の系列の名前です。{} のいずれかを指定してください",
                q(name),
                keys.join("、")
            ),
            (Lang::En, Usage::OutOfRange { flag, value, max }) => write!(
                f,
                "--{flag} {value} is out of range: give a number from 1 to {max}"
            ),
            (Lang::Ja, Usage::OutOfRange { flag, value, max }) => write!(
                f,
                "--{flag} {value} は範囲の外です。1から{max}までの数を指定してください"
            ),
            (Lang::En, Usage::DirNotEmpty(dir)) => write!(
                f,
                "{dir} already holds files: add --force to replace the directory, or choose \
                 another --out"
            ),
            (Lang::Ja, Usage::DirNotEmpty(dir)) => write!(
                f,
                "{dir} には既にファイルがあります。置き換えるなら --force を付けるか、別の --out を\
                 指定してください"
            ),
            (Lang::En, Usage::FileExists(file)) => write!(
                f,
                "{file} already exists: add --force to replace it, or choose another --out"
            ),
            (Lang::Ja, Usage::FileExists(file)) => write!(
                f,
                "{file} は既にあります。置き換えるなら --force を付けるか、別の --out を指定して\
                 ください"
            ),
            (Lang::En, Usage::XlsxNeedsOutput) => {
                f.write_str("an xlsx workbook is written to a file: give -o FILE.xlsx")
            }
            (Lang::Ja, Usage::XlsxNeedsOutput) => f.write_str(
                "xlsx はファイルに書き出します。-o ファイル名.xlsx を指定してください",
            ),
            (Lang::En, Usage::NoSmtp) => f.write_str(
                "give the relay with --smtp HOST:PORT (or SHINCHOKU_SMTP), or --dry-run to print the messages",
            ),
            (Lang::Ja, Usage::NoSmtp) => f.write_str(
                "送信に使うメールサーバーを --smtp HOST:PORT（または SHINCHOKU_SMTP）で指定するか、--dry-run で内容を表示してください",
            ),
            (Lang::En, Usage::OnePlanToName(n)) => write!(
                f,
                "--title and --code name one plan: give them with one plan document or plan \
                 file ({n} given)"
            ),
            (Lang::Ja, Usage::OnePlanToName(n)) => write!(
                f,
                "--title と --code は1つの計画に名前を付けます。計画の文書か計画ファイルを1つだけ\
                 指定してください（{n}個指定されています）"
            ),
        }
    }
}

impl Localize for Input {
    fn localize(&self, lang: Lang, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let q = |s: &str| lang.quote(s).to_string();
        match (lang, self) {
            (Lang::En, Input::Excel(path)) => write!(
                f,
                "{path}: an Excel file of the old format (.xls) cannot be read; save the \
                 workbook as .xlsx (or the sheet as CSV, UTF-8 or Shift_JIS) and import that"
            ),
            (Lang::Ja, Input::Excel(path)) => write!(
                f,
                "{path}: 古い形式の Excel ファイル（.xls）は読めません。.xlsx で保存し直すか、\
                 シートを CSV（UTF-8 か Shift_JIS）で保存して、それを取り込んでください"
            ),
            (Lang::En, Input::NoPlanFiles(dir)) => {
                write!(f, "{dir}: no plan files (*.toml) in this directory")
            }
            (Lang::Ja, Input::NoPlanFiles(dir)) => {
                write!(
                    f,
                    "{dir}: このフォルダには計画ファイル（*.toml）がありません"
                )
            }
            (Lang::En, Input::NoPlanWithIndicator(id)) => {
                write!(f, "no stored plan has an indicator {id:?}")
            }
            (Lang::Ja, Input::NoPlanWithIndicator(id)) => {
                write!(f, "指標{}のある計画は登録されていません", q(id))
            }
            (
                Lang::En,
                Input::SamePlan {
                    code,
                    first,
                    second,
                },
            ) => write!(
                f,
                "{first} and {second} are both plan {}: with --actuals, give each plan once",
                q(code)
            ),
            (
                Lang::Ja,
                Input::SamePlan {
                    code,
                    first,
                    second,
                },
            ) => write!(
                f,
                "{first} と {second} はどちらも計画{}です。--actuals を使うときは、1つの計画を\
                 1回だけ指定してください",
                q(code)
            ),
            (
                Lang::En,
                Input::CodeTaken {
                    file,
                    code,
                    title,
                    stored,
                },
            ) => write!(
                f,
                "{file}: its title {title:?} gives the code {code}, which the stored plan \
                 {stored:?} has: if the document is a new version of that plan, import it with \
                 --code {code}; if it is another plan, give it a code of its own with --code"
            ),
            (
                Lang::Ja,
                Input::CodeTaken {
                    file,
                    code,
                    title,
                    stored,
                },
            ) => write!(
                f,
                "{file}: 題名「{title}」から作るコード {code} は、登録済みの計画「{stored}」の\
                 ものです。その計画の新しい版なら --code {code} を付けて、別の計画なら --code で\
                 別のコードを付けて取り込んでください"
            ),
            (Lang::En, Input::Scan { file, why }) => write!(f, "{file}: {why}"),
            (Lang::Ja, Input::Scan { file, why }) => write!(f, "{file} を読めません（{why}）"),
            (Lang::En, Input::NotRead(path)) => write!(f, "{path}: the plan file was not read"),
            (Lang::Ja, Input::NotRead(path)) => {
                write!(f, "{path}: 計画ファイルを読み終えられませんでした")
            }
            (Lang::En, Input::NoIndicatorNamed(name)) => {
                write!(f, "no stored indicator is named {name:?}")
            }
            (Lang::Ja, Input::NoIndicatorNamed(name)) => {
                write!(f, "{}という名前の指標は登録されていません", q(name))
            }
            (_, Input::Round(message)) => f.write_str(message),
            (Lang::En, Input::NoRound { plan, fy }) => write!(
                f,
                "no round of {plan} for FY{fy} is open: `shinchoku round open --plan {plan} --fy {fy} --due YYYY-MM-DD` opens one"
            ),
            (Lang::Ja, Input::NoRound { plan, fy }) => write!(
                f,
                "{plan} の{fy}年度の評価は開始されていません。`shinchoku round open --plan {plan} --fy {fy} --due YYYY-MM-DD` で開始します"
            ),
            (Lang::En, Input::NoItem { plan, fy, item }) => write!(
                f,
                "the round of {plan} for FY{fy} has no item {item}; `shinchoku round status` lists them"
            ),
            (Lang::Ja, Input::NoItem { plan, fy, item }) => write!(
                f,
                "{plan} の{fy}年度の評価に項目 {item} はありません。`shinchoku round status` で一覧できます"
            ),
            (Lang::En, Input::Unconfirmed(items)) => write!(
                f,
                "items not confirmed yet: {}; confirm them, or close with --force (recorded)",
                items.join(", ")
            ),
            (Lang::Ja, Input::Unconfirmed(items)) => write!(
                f,
                "まだ確定していない項目があります: {}。確定させるか、--force で締め切ってください（未確定として記録します）",
                items.join("、")
            ),
            (Lang::En, Input::EmptyName) => f.write_str("the account's name is empty"),
            (Lang::Ja, Input::EmptyName) => f.write_str("アカウント名が空です"),
            (Lang::En, Input::EditorNeedsGroup) => {
                f.write_str("give the department with --group (a department editor needs one)")
            }
            (Lang::Ja, Input::EditorNeedsGroup) => {
                f.write_str("担当課を --group で指定してください（担当課の役割には必要です）")
            }
            (_, Input::WeakPassword(message)) => f.write_str(message),
            (Lang::En, Input::PasswordsDiffer) => f.write_str("the two passwords differ"),
            (Lang::Ja, Input::PasswordsDiffer) => {
                f.write_str("2回入力したパスワードが一致しません")
            }
            (Lang::En, Input::NoNode { plan, node }) => write!(
                f,
                "plan {plan} has no node {node}; `shinchoku extract` or the plan page lists them"
            ),
            (Lang::Ja, Input::NoNode { plan, node }) => write!(
                f,
                "計画 {plan} に施策 {node} はありません。計画のページで ID を確かめてください"
            ),
            (Lang::En, Input::NotADirectory(path)) => write!(
                f,
                "{path} exists and is not a directory: move it away or choose another --out"
            ),
            (Lang::Ja, Input::NotADirectory(path)) => write!(
                f,
                "{path} はフォルダではないファイルとして既にあります。移動するか、別の --out を\
                 指定してください"
            ),
        }
    }
}

impl Localize for Reading {
    fn localize(&self, lang: Lang, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (lang, self) {
            (Lang::En, Reading::File(p)) => write!(f, "reading {p}"),
            (Lang::Ja, Reading::File(p)) => write!(f, "{p} を読めません"),
            (Lang::En, Reading::Opening(p)) => write!(f, "opening {p}"),
            (Lang::Ja, Reading::Opening(p)) => write!(f, "{p} を開けません"),
            (Lang::En, Reading::Directory(p)) => write!(f, "reading the directory {p}"),
            (Lang::Ja, Reading::Directory(p)) => write!(f, "フォルダ {p} を読めません"),
            (Lang::En, Reading::Stdin) => f.write_str("reading standard input"),
            (Lang::Ja, Reading::Stdin) => f.write_str("標準入力を読めません"),
        }
    }
}

impl Localize for Doing {
    fn localize(&self, lang: Lang, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (lang, self) {
            (Lang::En, Doing::Runtime) => f.write_str("starting the async runtime"),
            (Lang::Ja, Doing::Runtime) => f.write_str("非同期処理の実行環境を起動できません"),
            (Lang::En, Doing::CreateDir(p)) => write!(f, "creating {p}"),
            (Lang::Ja, Doing::CreateDir(p)) => write!(f, "{p} を作れません"),
            (Lang::En, Doing::Bind(a)) => write!(f, "listening on {a}"),
            (Lang::Ja, Doing::Bind(a)) => write!(f, "{a} で接続を待ち受けできません"),
            (Lang::En, Doing::ReadPassword) => f.write_str("reading the password"),
            (Lang::En, Doing::Smtp(a)) => write!(f, "sending mail through {a}"),
            (Lang::Ja, Doing::Smtp(a)) => write!(f, "{a} 経由でメールを送れません"),
            (Lang::Ja, Doing::ReadPassword) => f.write_str("パスワードを読み取れません"),
        }
    }
}

impl Localize for Writing {
    fn localize(&self, lang: Lang, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match (lang, self) {
            (Lang::En, Writing::Output) => "writing the output",
            (Lang::Ja, Writing::Output) => "出力を書けません",
            (Lang::En, Writing::Warnings) => "writing the warnings",
            (Lang::Ja, Writing::Warnings) => "警告を書けません",
            (Lang::En, Writing::Json) => "writing the extraction as JSON",
            (Lang::Ja, Writing::Json) => "抽出結果を JSON で書けません",
        })
    }
}

impl Localize for RowWhy {
    fn localize(&self, lang: Lang, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let q = |s: &str| lang.quote(s).to_string();
        match (lang, self) {
            (_, RowWhy::Read(p)) => p.localize(lang, f),
            (
                _,
                RowWhy::Rule {
                    refusal: r @ Refusal::NoIndicator { .. },
                    plan_file: Some(plan_file),
                },
            ) => {
                r.localize(lang, f)?;
                match lang {
                    Lang::En => write!(f, "; its plan file {plan_file} lists them"),
                    Lang::Ja => write!(f, "。指標は計画ファイル {plan_file} で確かめられます"),
                }
            }
            (_, RowWhy::Rule { refusal, .. }) => refusal.localize(lang, f),
            (_, RowWhy::Breakdown(p)) => p.localize(lang, f),
            (Lang::En, RowWhy::NoPlanFile(code)) => write!(
                f,
                "no plan {} among the plan files given; name its plan file (or its directory) \
                 before --actuals",
                q(code)
            ),
            (Lang::Ja, RowWhy::NoPlanFile(code)) => write!(
                f,
                "計画{}は指定された計画ファイルにありません。その計画ファイル（かフォルダ）も\
                 指定してください",
                q(code)
            ),
        }
    }
}

impl Localize for RefusedRow {
    /// `FILE:LINE: column "value": message`, the location the same in every language.
    fn localize(&self, lang: Lang, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: ", self.file, self.line)?;
        if let Some(field) = self.field {
            write!(f, "{}", lang.column(field))?;
        }
        self.why.localize(lang, f)
    }
}

/// The count of refused rows, then the first 50 problems, one a line, as the store lists an
/// import's.
fn refused(rows: &[RefusedRow], lang: Lang, f: &mut fmt::Formatter<'_>) -> fmt::Result {
    // Rows, not problems: a row with three bad cells is one refused row.
    let mut lines: Vec<(&str, u64)> = rows.iter().map(|p| (p.file.as_str(), p.line)).collect();
    lines.sort_unstable();
    lines.dedup();
    let n = lines.len();
    match lang {
        Lang::En => write!(
            f,
            "{n} row{} refused; nothing was evaluated",
            if n == 1 { "" } else { "s" }
        )?,
        Lang::Ja => write!(f, "{n}行を受け付けられないため、何も評価していません")?,
    }
    for r in rows.iter().take(50) {
        write!(f, "\n  {}", r.in_lang(lang))?;
    }
    if rows.len() > 50 {
        let more = rows.len() - 50;
        match lang {
            Lang::En => write!(f, "\n  … and {more} more")?,
            Lang::Ja => write!(f, "\n  …ほか{more}件")?,
        }
    }
    Ok(())
}

impl Localize for CliError {
    /// The message without the system's cause (`main` adds that after a colon).
    fn localize(&self, lang: Lang, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CliError::Usage(u) => u.localize(lang, f),
            CliError::Input(i) => i.localize(lang, f),
            CliError::Read { what, .. } => what.localize(lang, f),
            CliError::PlanFile(e) => e.localize(lang, f),
            CliError::Actuals(e) => e.localize(lang, f),
            CliError::Refused(rows) => refused(rows, lang, f),
            // The extractor's message is its own (bilingual or English); the place is ours.
            CliError::Extract { file, error } => {
                write!(f, "{file}:{}: {}", error.line, error.message)
            }
            CliError::Strict { file, count } => match lang {
                Lang::En => write!(
                    f,
                    "{file}: {count} warning{} (--strict)",
                    if *count == 1 { "" } else { "s" }
                ),
                Lang::Ja => write!(f, "{file}: 警告が{count}件あります（--strict）"),
            },
            CliError::Store(e) => e.localize(lang, f),
            CliError::Round(e) => e.localize(lang, f),
            // A store error inside one imported file names the file when it is about the
            // file's content (a plan that does not check, a plan or indicator that is not
            // there); refused rows name their file and line each already, and a conflict or
            // a database failure is not the file's.
            CliError::StoreIn { file, error } => match error {
                StoreError::NotFound(_) | StoreError::Invalid(_) => {
                    write!(f, "{file}: {}", error.in_lang(lang))
                }
                _ => error.localize(lang, f),
            },
            // A database that cannot be opened is named first; a `--db` value that is no
            // database URL is quoted by the store's own message already.
            CliError::Open { db, error } => match error {
                StoreError::Config(_) => error.localize(lang, f),
                _ => write!(f, "{db}: {}", error.in_lang(lang)),
            },
            CliError::Files(e) => match lang {
                Lang::En => write!(f, "{e:#}"),
                Lang::Ja => write!(f, "ファイルを書けません（{e:#}）"),
            },
            CliError::System { doing, .. } => doing.localize(lang, f),
            CliError::Output { doing, .. } => doing.localize(lang, f),
            CliError::NotPermitted(m) => f.write_str(m),
        }
    }
}

impl fmt::Display for CliError {
    /// The English text, without the cause.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.localize(Lang::En, f)
    }
}

impl std::error::Error for CliError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            CliError::Read { source, .. }
            | CliError::System { source, .. }
            | CliError::Output { source, .. } => Some(source),
            _ => None,
        }
    }
}

/// The operating system's reason, as the user reads it: in Japanese, the common kinds in
/// Japanese words with the system's code kept (`ファイルが見つかりません (os error 2)`); the
/// system's own words otherwise.
pub fn io_words(lang: Lang, e: &io::Error) -> String {
    let ja = match e.kind() {
        io::ErrorKind::NotFound => Some("ファイルが見つかりません"),
        io::ErrorKind::PermissionDenied => Some("アクセスが許可されていません"),
        io::ErrorKind::AlreadyExists => Some("既にあります"),
        io::ErrorKind::StorageFull => Some("ディスクがいっぱいです"),
        io::ErrorKind::BrokenPipe => Some("読み手が出力を閉じました"),
        io::ErrorKind::IsADirectory => Some("フォルダです（ファイルではありません）"),
        io::ErrorKind::NotADirectory => Some("フォルダではありません"),
        io::ErrorKind::InvalidData => Some("データが正しくありません"),
        _ => None,
    };
    match (lang, ja, e.raw_os_error()) {
        (Lang::Ja, Some(words), Some(code)) => format!("{words} (os error {code})"),
        (Lang::Ja, Some(words), None) => format!("{words}（{e}）"),
        _ => e.to_string(),
    }
}

/// The whole message `main` prints after `shinchoku: `: the error in `lang`, then each
/// cause after a colon, as `{:#}` would.
pub fn report(e: &CliError, lang: Lang) -> String {
    let mut s = e.message(lang);
    let mut cause = std::error::Error::source(e);
    while let Some(c) = cause {
        s.push_str(": ");
        match c.downcast_ref::<io::Error>() {
            Some(io) => s.push_str(&io_words(lang, io)),
            None => s.push_str(&c.to_string()),
        }
        cause = c.source();
    }
    s
}
