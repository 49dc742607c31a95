//! The store's one error type, sorted so that the command line maps it to DESIGN.md's exit
//! codes (1 bad input, 3 conflict, 4 storage failure) and the web to HTTP statuses, without
//! either ever reading SQL text.
//!
//! What the store refuses is data ([`Missing`], [`Refusal`], [`ValueRefusal`],
//! [`RowRefusal`]), told in the reader's language through [`Localize`]: Japanese and English
//! side by side in one `match` each. `Display` is the English text. The database driver's and
//! the operating system's own words (a connection refused, a disk full) are quoted as they
//! come.

use std::fmt;
use std::sync::Arc;

use shinchoku_core::lang::{Lang, Localize};
use shinchoku_core::plan::PlanProblem;

use crate::actuals::RowProblem;

/// Why a value does not fit its indicator: core's one rule ([`shinchoku_core::actuals`]),
/// here under the store's name too, since `record` and imports refuse with it.
pub use shinchoku_core::actuals::ValueRefusal;

/// What went wrong in the store.
#[derive(Debug)]
#[non_exhaustive]
pub enum StoreError {
    /// The `--db` value cannot be used (exit 2: usage).
    Config(ConfigProblem),
    /// The database cannot be reached or opened (exit 4).
    Unavailable {
        /// The database, password redacted.
        db: String,
        /// The driver's words.
        message: String,
    },
    /// A plan, version or indicator that does not exist (exit 1).
    NotFound(Missing),
    /// Input the store refuses (exit 1): a plan that does not check, a value of the wrong kind.
    Invalid(Refusal),
    /// Rows of an import that were refused, every one with its file and line (exit 1). Nothing
    /// of the import was written.
    Rows(Vec<RowProblem>),
    /// A write based on a stale version, or a unique value taken (exit 3). With `expected`,
    /// `what` names the observation (`plan i1 FY2024`) and `found` its version now (`None`:
    /// deleted); without, `what` is a unique constraint whose value is taken.
    Conflict {
        /// What the conflict is about.
        what: String,
        /// The version the writer based the change on.
        expected: Option<i64>,
        /// The version stored now.
        found: Option<i64>,
    },
    /// The schema in the database is newer than this program knows (exit 4).
    SchemaTooNew {
        /// The newest migration applied there.
        found: i64,
        /// The newest this program has.
        known: i64,
    },
    /// A file the store reads or writes itself (backups).
    Io(std::io::Error),
    /// The database failed (exit 4).
    Database(sqlx::Error),
}

/// Why a `--db` value is no database.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ConfigProblem {
    /// An empty value.
    Empty,
    /// `sqlite:` with no path.
    NoFile(String),
    /// A scheme other than `sqlite:` and `postgres://`.
    Scheme(String),
    /// A value the driver cannot parse; its words.
    NotAUrl {
        /// The value.
        db: String,
        /// The driver's words.
        error: String,
    },
}

/// What is not there.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Missing {
    /// No plan with this code is stored.
    Plan(String),
    /// The plan has no such version.
    Version {
        /// The plan's code.
        plan: String,
        /// The version asked for.
        version: i64,
    },
    /// The plan's current version has no such indicator.
    Indicator {
        /// The plan's code.
        plan: String,
        /// The indicator's id.
        indicator: String,
    },
    /// No backup file at this path.
    BackupFile(String),
    /// No account of this name.
    User(String),
}

/// Input the store refuses (exit 1).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Refusal {
    /// A plan whose [`shinchoku_core::plan::Plan::check`] found problems.
    PlanInconsistent {
        /// The plan's code.
        plan: String,
        /// Every problem.
        problems: Vec<PlanProblem>,
    },
    /// A plan with a NUL character in a text.
    PlanNul {
        /// The plan's code.
        plan: String,
        /// Where (`indicators[i1].name`).
        field: String,
    },
    /// A progress report's values that do not all fit the stored plan (`import --plan`).
    Attach {
        /// The stored plan's code.
        plan: String,
        /// Each entry that does not fit.
        problems: Vec<AttachProblem>,
    },
    /// A value that does not fit its indicator (`record`).
    Value(ValueRefusal),
    /// An edit whose source, note or breakdown holds a NUL character.
    EditNul,
    /// A stored value this version cannot read: the database was edited by hand or by a
    /// newer shinchoku.
    Corrupt(String),
    /// The directory of a backup does not exist.
    BackupDirMissing {
        /// The backup.
        out: String,
        /// Its directory.
        dir: String,
    },
    /// The backup file exists and `--force` was not given.
    BackupExists(String),
    /// The backup would overwrite the live database.
    BackupIsDatabase(String),
    /// The backup path names no file.
    BackupNoFileName(String),
    /// A path that is not UTF-8.
    PathNotUtf8(String),
    /// A file that is no shinchoku backup.
    NotABackup {
        /// The file.
        path: String,
        /// Why: the driver's words, or what is missing.
        why: String,
    },
    /// A database to restore into that holds data.
    NotEmpty {
        /// The tables that hold rows.
        tables: Vec<String>,
    },
    /// Tables or columns that differ from this version's schema.
    SchemaDiffers {
        /// Whose schema.
        side: SchemaSide,
        /// Each difference, in the schema's own terms (`plans.title is missing`).
        problems: Vec<String>,
    },
}

/// Whose tables a schema check looked at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SchemaSide {
    /// The backup file.
    Backup,
    /// The database restored into.
    ThisDatabase,
    /// The PostgreSQL database a backup is copied from.
    Database,
    /// A database made by the migrations alone (a self-check).
    Migrations,
}

/// One entry of a progress report that does not fit the stored plan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AttachProblem {
    /// The indicator's name in the report.
    pub name: String,
    /// Its unit.
    pub unit: String,
    /// The period, when the problem is one value's.
    pub period: Option<String>,
    /// The value's problem; `None`: the name matches no single indicator of the plan.
    pub value: Option<ValueRefusal>,
}

/// Why one row of an actuals import is refused.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum RowRefusal {
    /// What the file's reader found (a bad period, a missing column), told by the reader.
    Read(ReadProblem),
    /// No plan with this code is stored.
    NoPlan(String),
    /// Refused by core's rule for a row of actuals (a NUL, an indicator that is not the
    /// plan's, a value that does not fit it, a row given twice): core's words, and where an
    /// indicator is not the plan's, how to list the plan's indicators.
    Row(shinchoku_core::actuals::Refusal),
}

/// A problem a file's reader found, kept as the reader tells it (the store does not know the
/// file's format). Compared by its English text.
#[derive(Clone)]
pub struct ReadProblem(Arc<dyn Localize + Send + Sync>);

impl ReadProblem {
    /// Wraps what the reader found.
    pub fn new(problem: impl Localize + Send + Sync + 'static) -> Self {
        ReadProblem(Arc::new(problem))
    }
}

impl Localize for ReadProblem {
    fn localize(&self, lang: Lang, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.localize(lang, f)
    }
}

impl fmt::Debug for ReadProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "ReadProblem({:?})", self.message(Lang::En))
    }
}

impl PartialEq for ReadProblem {
    fn eq(&self, other: &Self) -> bool {
        self.message(Lang::En) == other.message(Lang::En)
    }
}

impl Eq for ReadProblem {}

impl StoreError {
    /// A short description for a row that was stored in a form this program cannot read back:
    /// the database was changed by hand, or by a newer version.
    pub(crate) fn corrupt(what: impl fmt::Display) -> StoreError {
        StoreError::Invalid(Refusal::Corrupt(what.to_string()))
    }
}

impl Localize for ConfigProblem {
    fn localize(&self, lang: Lang, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use ConfigProblem as C;
        match (lang, self) {
            (Lang::En, C::Empty) => f.write_str(
                "the database is empty: give --db sqlite:PATH, --db postgres://USER@HOST/DB or \
                 a path",
            ),
            (Lang::Ja, C::Empty) => f.write_str(
                "データベースの指定が空です。--db sqlite:PATH、--db postgres://USER@HOST/DB \
                 またはファイルのパスを書いてください",
            ),
            (Lang::En, C::NoFile(db)) => write!(f, "{db:?} names no file: give --db sqlite:PATH"),
            (Lang::Ja, C::NoFile(db)) => write!(
                f,
                "{}はファイルを指していません。--db sqlite:PATH のように書いてください",
                lang.quote(db)
            ),
            (Lang::En, C::Scheme(s)) => write!(
                f,
                "{s}:// is not a database shinchoku stores in: use sqlite:PATH or postgres://…"
            ),
            (Lang::Ja, C::Scheme(s)) => write!(
                f,
                "{s}:// は shinchoku が使えるデータベースではありません。sqlite:PATH か \
                 postgres://… を使ってください"
            ),
            (Lang::En, C::NotAUrl { db, error }) => {
                write!(f, "{db:?} is not a database URL: {error}")
            }
            (Lang::Ja, C::NotAUrl { db, error }) => write!(
                f,
                "{}はデータベースの URL として読めません: {error}",
                lang.quote(db)
            ),
        }
    }
}

impl Localize for Missing {
    fn localize(&self, lang: Lang, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let q = |s: &str| lang.quote(s).to_string();
        match (lang, self) {
            (Lang::En, Missing::Plan(code)) => write!(
                f,
                "no plan {} is stored; `shinchoku plans` lists the stored ones",
                q(code)
            ),
            (Lang::Ja, Missing::Plan(code)) => write!(
                f,
                "計画{}は登録されていません。登録済みの計画は `shinchoku plans` で一覧できます",
                q(code)
            ),
            (Lang::En, Missing::Version { plan, version }) => {
                write!(f, "plan {} has no version {version}", q(plan))
            }
            (Lang::Ja, Missing::Version { plan, version }) => {
                write!(f, "計画{}に第{version}版はありません", q(plan))
            }
            (Lang::En, Missing::Indicator { plan, indicator }) => {
                write!(f, "plan {} has no indicator {}", q(plan), q(indicator))
            }
            (Lang::Ja, Missing::Indicator { plan, indicator }) => {
                write!(f, "計画{}に指標{}はありません", q(plan), q(indicator))
            }
            (Lang::En, Missing::BackupFile(path)) => {
                write!(f, "there is no backup file {path}")
            }
            (Lang::Ja, Missing::BackupFile(path)) => {
                write!(f, "バックアップファイル {path} がありません")
            }
            (Lang::En, Missing::User(name)) => write!(
                f,
                "there is no account {}; `shinchoku user list` lists them",
                q(name)
            ),
            (Lang::Ja, Missing::User(name)) => write!(
                f,
                "アカウント{}はありません。`shinchoku user list` で一覧できます",
                q(name)
            ),
        }
    }
}

impl Localize for RowRefusal {
    fn localize(&self, lang: Lang, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use shinchoku_core::actuals::Refusal as Core;
        use RowRefusal as R;
        let q = |s: &str| lang.quote(s).to_string();
        match (lang, self) {
            (_, R::Read(p)) => p.localize(lang, f),
            (Lang::En, R::NoPlan(plan)) => write!(
                f,
                "no plan {} is stored; import its plan file or document first (`shinchoku \
                 plans` lists the stored ones)",
                q(plan)
            ),
            (Lang::Ja, R::NoPlan(plan)) => write!(
                f,
                "計画{}は登録されていません。先にその計画ファイルか文書を取り込んでください\
                 （登録済みの計画は `shinchoku plans` で一覧できます）",
                q(plan)
            ),
            (_, R::Row(r @ Core::NoIndicator { plan, .. })) => {
                r.localize(lang, f)?;
                match lang {
                    Lang::En => write!(f, "; `shinchoku evaluate --plan {plan}` lists them"),
                    Lang::Ja => write!(
                        f,
                        "。指標は `shinchoku evaluate --plan {plan}` で確かめられます"
                    ),
                }
            }
            (_, R::Row(r)) => r.localize(lang, f),
        }
    }
}

impl Localize for AttachProblem {
    fn localize(&self, lang: Lang, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (&self.value, &self.period) {
            (Some(v), Some(p)) => write!(f, "{} {p}: {}", self.name, v.in_lang(lang)),
            (Some(v), None) => write!(f, "{}: {}", self.name, v.in_lang(lang)),
            (None, _) => match lang {
                Lang::En => write!(
                    f,
                    "{:?} ({}) matches no single indicator of the plan",
                    self.name, self.unit
                ),
                Lang::Ja => write!(
                    f,
                    "「{}」（{}）に当たる指標が計画に1つに決まりません",
                    self.name, self.unit
                ),
            },
        }
    }
}

impl Localize for Refusal {
    fn localize(&self, lang: Lang, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use Refusal as R;
        let q = |s: &str| lang.quote(s).to_string();
        match (lang, self) {
            (_, R::Value(v)) => v.localize(lang, f),
            (_, R::PlanInconsistent { plan, problems }) => {
                let list: Vec<String> = problems.iter().map(|p| p.message(lang)).collect();
                match lang {
                    Lang::En => write!(f, "plan {plan} is not consistent: {}", list.join("; ")),
                    Lang::Ja => write!(f, "計画 {plan} に矛盾があります: {}", list.join("、")),
                }
            }
            (Lang::En, R::PlanNul { plan, field }) => write!(
                f,
                "plan {plan}: {field} holds a NUL character (U+0000), which no database text \
                 can hold; remove it from the file"
            ),
            (Lang::Ja, R::PlanNul { plan, field }) => write!(
                f,
                "計画 {plan}: {field} に NUL 文字（U+0000）があり、データベースに保存できません。\
                 ファイルから取り除いてください"
            ),
            (_, R::Attach { plan, problems }) => {
                match lang {
                    Lang::En => write!(
                        f,
                        "the document's observations cannot all be attached to plan {}; \
                         nothing was imported (import it without --plan to keep it as a plan \
                         of its own):",
                        q(plan)
                    )?,
                    Lang::Ja => write!(
                        f,
                        "文書の実績値をすべては計画{}に付けられないため、何も取り込んでいません\
                         （--plan を付けずに取り込めば、独立した計画として残せます）:",
                        q(plan)
                    )?,
                }
                for p in problems {
                    write!(f, "\n  {}", p.in_lang(lang))?;
                }
                Ok(())
            }
            (Lang::En, R::EditNul) => {
                f.write_str("the value's source, note or breakdown holds a NUL character (U+0000)")
            }
            (Lang::Ja, R::EditNul) => {
                f.write_str("値の出典・備考・内訳に NUL 文字（U+0000）があります")
            }
            (Lang::En, R::Corrupt(what)) => write!(
                f,
                "the database holds a value this version cannot read ({what}); was it edited \
                 by hand or written by a newer shinchoku?"
            ),
            (Lang::Ja, R::Corrupt(what)) => write!(
                f,
                "データベースに、この版の shinchoku では読めない値があります（{what}）。手で\
                 編集されたか、新しい shinchoku で書かれたものではありませんか"
            ),
            (Lang::En, R::BackupDirMissing { out, dir }) => write!(
                f,
                "cannot write the backup {out}: the directory {dir} does not exist"
            ),
            (Lang::Ja, R::BackupDirMissing { out, dir }) => write!(
                f,
                "バックアップ {out} を書けません。フォルダ {dir} がありません"
            ),
            (Lang::En, R::BackupExists(out)) => write!(
                f,
                "{out} already exists; a backup replaces a file only when forced to (--force)"
            ),
            (Lang::Ja, R::BackupExists(out)) => write!(
                f,
                "{out} は既にあります。既にあるファイルをバックアップで置き換えるのは --force を\
                 付けたときだけです"
            ),
            (Lang::En, R::BackupIsDatabase(out)) => write!(
                f,
                "{out} is the database itself; a backup goes to another file"
            ),
            (Lang::Ja, R::BackupIsDatabase(out)) => write!(
                f,
                "{out} はデータベースそのものです。バックアップは別のファイルに書いてください"
            ),
            (Lang::En, R::BackupNoFileName(out)) => {
                write!(f, "{out} names no file for the backup")
            }
            (Lang::Ja, R::BackupNoFileName(out)) => {
                write!(f, "{out} はバックアップのファイル名になっていません")
            }
            (Lang::En, R::PathNotUtf8(path)) => {
                write!(f, "{path} is not valid UTF-8; give the backup another name")
            }
            (Lang::Ja, R::PathNotUtf8(path)) => write!(
                f,
                "{path} は UTF-8 として正しい名前ではありません。バックアップに別の名前を付けて\
                 ください"
            ),
            (Lang::En, R::NotABackup { path, why }) => {
                write!(f, "{path} is not a shinchoku backup: {why}")
            }
            (Lang::Ja, R::NotABackup { path, why }) => {
                write!(f, "{path} は shinchoku のバックアップではありません: {why}")
            }
            (Lang::En, R::NotEmpty { tables }) => write!(
                f,
                "this database is not empty (it holds {}); a backup is restored only into a \
                 new, empty database, so nothing was changed: create one (a new SQLite file, or \
                 `createdb` on the PostgreSQL server), point --db at it and restore again",
                tables.join(", ")
            ),
            (Lang::Ja, R::NotEmpty { tables }) => write!(
                f,
                "このデータベースは空ではありません（{} にデータがあります）。バックアップは\
                 新しい空のデータベースにだけ復元するので、何も変えていません。新しいデータベース\
                 （新しい SQLite ファイルか、PostgreSQL サーバーで `createdb`）を作り、--db で\
                 指定して復元し直してください",
                tables.join("、")
            ),
            (_, R::SchemaDiffers { side, problems }) => {
                match (lang, side) {
                    (Lang::En, s) => write!(
                        f,
                        "{} does not have the tables this shinchoku copies, so nothing was \
                         copied (was the schema changed by hand, or by a newer shinchoku?):",
                        match s {
                            SchemaSide::Backup => "the backup",
                            SchemaSide::ThisDatabase => "this database",
                            SchemaSide::Database => "the database",
                            SchemaSide::Migrations => "the migrations",
                        }
                    )?,
                    (Lang::Ja, s) => write!(
                        f,
                        "{}のテーブルがこの shinchoku の写すものと違うため、何も写していません\
                         （スキーマが手で、または新しい shinchoku で変えられていませんか）:",
                        match s {
                            SchemaSide::Backup => "バックアップ",
                            SchemaSide::ThisDatabase => "このデータベース",
                            SchemaSide::Database => "データベース",
                            SchemaSide::Migrations => "マイグレーションで作ったデータベース",
                        }
                    )?,
                }
                for p in problems {
                    write!(f, "\n  {p}")?;
                }
                Ok(())
            }
        }
    }
}

impl Localize for StoreError {
    fn localize(&self, lang: Lang, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (lang, self) {
            (_, StoreError::Config(c)) => c.localize(lang, f),
            (_, StoreError::NotFound(m)) => m.localize(lang, f),
            (_, StoreError::Invalid(r)) => r.localize(lang, f),
            (Lang::En, StoreError::Unavailable { db, message }) => {
                write!(f, "cannot open the database {db}: {message}")
            }
            (Lang::Ja, StoreError::Unavailable { db, message }) => {
                write!(f, "データベース {db} を開けません: {message}")
            }
            (_, StoreError::Rows(problems)) => {
                // Rows, not problems: a row with three bad cells is one refused row.
                let mut lines: Vec<(&str, u64)> =
                    problems.iter().map(|p| (p.file.as_str(), p.line)).collect();
                lines.sort_unstable();
                lines.dedup();
                let n = lines.len();
                match lang {
                    Lang::En => write!(
                        f,
                        "{n} row{} refused; nothing was imported",
                        if n == 1 { "" } else { "s" }
                    )?,
                    Lang::Ja => write!(f, "{n}行を受け付けられないため、何も取り込んでいません")?,
                }
                for p in problems.iter().take(50) {
                    write!(f, "\n  {}", p.in_lang(lang))?;
                }
                if problems.len() > 50 {
                    let more = problems.len() - 50;
                    match lang {
                        Lang::En => write!(f, "\n  … and {more} more")?,
                        Lang::Ja => write!(f, "\n  …ほか{more}件")?,
                    }
                }
                Ok(())
            }
            (
                _,
                StoreError::Conflict {
                    what,
                    expected,
                    found,
                },
            ) => match (lang, expected, found) {
                (Lang::En, Some(e), Some(n)) => write!(
                    f,
                    "conflict: observation {what} is at version {n}, but the change was based \
                     on version {e}; reload it and apply the change again"
                ),
                (Lang::Ja, Some(e), Some(n)) => write!(
                    f,
                    "競合: 実績値 {what} は今は第{n}版ですが、変更は第{e}版をもとにしています。\
                     読み込み直してから変更し直してください"
                ),
                (Lang::En, Some(e), None) => write!(
                    f,
                    "conflict: observation {what} no longer exists, but the change was based on \
                     version {e}"
                ),
                (Lang::Ja, Some(e), None) => write!(
                    f,
                    "競合: 実績値 {what} はもうありませんが、変更は第{e}版をもとにしています"
                ),
                (Lang::En, None, _) => write!(f, "conflict: {what} is already taken"),
                (Lang::Ja, None, _) => write!(f, "競合: {what} は既に使われています"),
            },
            (Lang::En, StoreError::SchemaTooNew { found, known }) => write!(
                f,
                "the database's schema is at version {found}, newer than this shinchoku knows \
                 ({known}); use a newer shinchoku"
            ),
            (Lang::Ja, StoreError::SchemaTooNew { found, known }) => write!(
                f,
                "データベースのスキーマは第{found}版で、この shinchoku が知る版（{known}）より\
                 新しいものです。新しい shinchoku を使ってください"
            ),
            (_, StoreError::Io(e)) => write!(f, "{e}"),
            (Lang::En, StoreError::Database(e)) => write!(f, "database error: {e}"),
            (Lang::Ja, StoreError::Database(e)) => write!(f, "データベースのエラー: {e}"),
        }
    }
}

impl fmt::Display for StoreError {
    /// The English text.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.localize(Lang::En, f)
    }
}

macro_rules! english_display {
    ($($t:ty),*) => {$(
        impl fmt::Display for $t {
            /// The English text.
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.localize(Lang::En, f)
            }
        }
    )*};
}

english_display!(ConfigProblem, Missing, Refusal, RowRefusal, AttachProblem);

impl std::error::Error for StoreError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            StoreError::Database(e) => Some(e),
            StoreError::Io(e) => Some(e),
            _ => None,
        }
    }
}

impl From<sqlx::Error> for StoreError {
    fn from(e: sqlx::Error) -> Self {
        // A unique constraint that a concurrent writer got to first is a conflict, named by
        // the constraint (the same names on both databases), never SQL text.
        if let sqlx::Error::Database(db) = &e {
            if db.is_unique_violation() {
                return StoreError::Conflict {
                    what: db.constraint().unwrap_or("a unique value").to_owned(),
                    expected: None,
                    found: None,
                };
            }
        }
        StoreError::Database(e)
    }
}

impl From<std::io::Error> for StoreError {
    fn from(e: std::io::Error) -> Self {
        StoreError::Io(e)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use shinchoku_core::actuals::Refusal as Core;
    use shinchoku_core::indicator::IndicatorKind;
    use shinchoku_core::plan::PlanProblemKind;
    use shinchoku_core::quantity::Unit;
    use shinchoku_core::Decimal;

    fn check(what: &dyn Localize, en: &str, ja: &str) {
        let (english, japanese) = (what.message(Lang::En), what.message(Lang::Ja));
        assert!(
            english.starts_with(en),
            "{english}\nshould start with\n{en}"
        );
        assert!(
            japanese.starts_with(ja),
            "{japanese}\nshould start with\n{ja}"
        );
    }

    /// Every refusal of the store, in both languages: the facts (codes, ids, files, units)
    /// in both, and what to do.
    #[test]
    fn every_refusal_is_told_in_japanese_and_in_english() {
        let s = |s: &str| s.to_owned();
        let u = Unit::new;
        let table: Vec<(StoreError, &str, &str)> = vec![
            (StoreError::Config(ConfigProblem::Empty), "the database is empty: give --db", "データベースの指定が空です"),
            (StoreError::Config(ConfigProblem::NoFile(s("sqlite:"))), "\"sqlite:\" names no file", "「sqlite:」はファイルを指していません"),
            (StoreError::Config(ConfigProblem::Scheme(s("mysql"))), "mysql:// is not a database", "mysql:// は shinchoku が使えるデータベースではありません"),
            (StoreError::NotFound(Missing::Plan(s("p"))), "no plan \"p\" is stored; `shinchoku plans`", "計画「p」は登録されていません。登録済みの計画は `shinchoku plans`"),
            (StoreError::NotFound(Missing::Version { plan: s("p"), version: 3 }), "plan \"p\" has no version 3", "計画「p」に第3版はありません"),
            (StoreError::NotFound(Missing::BackupFile(s("b.db"))), "there is no backup file b.db", "バックアップファイル b.db がありません"),
            (StoreError::NotFound(Missing::User(s("sato"))), "there is no account \"sato\"; `shinchoku user list` lists them", "アカウント「sato」はありません。`shinchoku user list` で一覧できます"),
            (
                StoreError::Invalid(Refusal::PlanInconsistent {
                    plan: s("p"),
                    problems: vec![PlanProblem { field: s("nodes[a].parent"), kind: PlanProblemKind::NoSuchNode(s("z")) }],
                }),
                "plan p is not consistent: nodes[a].parent: no node has the id \"z\"",
                "計画 p に矛盾があります: nodes[a].parent: id が「z」のノードはありません",
            ),
            (StoreError::Invalid(Refusal::PlanNul { plan: s("p"), field: s("title") }), "plan p: title holds a NUL", "計画 p: title に NUL 文字"),
            (
                StoreError::Invalid(Refusal::Attach {
                    plan: s("p"),
                    problems: vec![
                        AttachProblem { name: s("来場者数"), unit: s("人"), period: None, value: None },
                        AttachProblem {
                            name: s("整備"),
                            unit: s(""),
                            period: Some(s("FY2019")),
                            value: Some(ValueRefusal::NumberForMilestone(Decimal::from(3))),
                        },
                    ],
                }),
                "the document's observations cannot all be attached to plan \"p\"; nothing was imported (import it without --plan to keep it as a plan of its own):\n  \"来場者数\" (人) matches no single indicator of the plan\n  整備 FY2019: 3 is a number",
                "文書の実績値をすべては計画「p」に付けられないため、何も取り込んでいません（--plan を付けずに取り込めば、独立した計画として残せます）:\n  「来場者数」（人）に当たる指標が計画に1つに決まりません\n  整備 FY2019: 3 は数値ですが",
            ),
            (StoreError::Invalid(Refusal::EditNul), "the value's source, note or breakdown", "値の出典・備考・内訳に NUL 文字"),
            (StoreError::Invalid(Refusal::Corrupt(s("period \"x\""))), "the database holds a value this version cannot read (period \"x\")", "データベースに、この版の shinchoku では読めない値があります（period \"x\"）"),
            (StoreError::Invalid(Refusal::BackupDirMissing { out: s("d/b.db"), dir: s("d") }), "cannot write the backup d/b.db: the directory d does not exist", "バックアップ d/b.db を書けません。フォルダ d がありません"),
            (StoreError::Invalid(Refusal::BackupExists(s("b.db"))), "b.db already exists; a backup replaces a file only when forced to (--force)", "b.db は既にあります。既にあるファイルをバックアップで置き換えるのは --force"),
            (StoreError::Invalid(Refusal::BackupIsDatabase(s("x.db"))), "x.db is the database itself", "x.db はデータベースそのものです"),
            (StoreError::Invalid(Refusal::BackupNoFileName(s(".."))), ".. names no file for the backup", ".. はバックアップのファイル名になっていません"),
            (StoreError::Invalid(Refusal::PathNotUtf8(s("b?.db"))), "b?.db is not valid UTF-8", "b?.db は UTF-8 として正しい名前ではありません"),
            (StoreError::Invalid(Refusal::NotABackup { path: s("x"), why: s("file is not a database") }), "x is not a shinchoku backup: file is not a database", "x は shinchoku のバックアップではありません: file is not a database"),
            (StoreError::Invalid(Refusal::NotEmpty { tables: vec![s("plans"), s("users")] }), "this database is not empty (it holds plans, users)", "このデータベースは空ではありません（plans、users にデータがあります）"),
            (
                StoreError::Invalid(Refusal::SchemaDiffers { side: SchemaSide::Backup, problems: vec![s("plans.title is missing")] }),
                "the backup does not have the tables this shinchoku copies, so nothing was copied (was the schema changed by hand, or by a newer shinchoku?):\n  plans.title is missing",
                "バックアップのテーブルがこの shinchoku の写すものと違うため、何も写していません（スキーマが手で、または新しい shinchoku で変えられていませんか）:\n  plans.title is missing",
            ),
            (StoreError::Invalid(Refusal::Value(ValueRefusal::NotAState { state: s("着工"), states: vec![s("未着手"), s("実現")] })), "\"着工\" is not a state of this milestone; expected one of 未着手, 実現", "「着工」はこのマイルストーンの段階ではありません。未着手、実現 のいずれかを書いてください"),
            (StoreError::Invalid(Refusal::Value(ValueRefusal::TextForNumber { text: s("未定"), kind: IndicatorKind::Level })), "\"未定\" is not a number (a level indicator takes numbers)", "「未定」は数値として読めません。種別「水準」の指標には数値を書いてください"),
            (StoreError::Invalid(Refusal::Value(ValueRefusal::UnitOutOfRange { value: Decimal::MAX, written: u("兆円"), own: u("円") })), "\"79228162514264337593543950335兆円\" in \"円\" does not fit an exact decimal: write it in \"円\"", "「79228162514264337593543950335兆円」を単位「円」に直すと、正確に扱える桁数を超えます。「円」で書いてください"),
            (
                StoreError::Rows(vec![
                    RowProblem { file: s("a.csv"), line: 3, field: s("plan"), problem: RowRefusal::NoPlan(s("p")) },
                    RowProblem { file: s("a.csv"), line: 3, field: s("indicator"), problem: RowRefusal::Row(Core::AmbiguousName { name: s("n"), plan: s("p") }) },
                    RowProblem { file: s("a.csv"), line: 4, field: s("indicator"), problem: RowRefusal::Row(Core::NoIndicator { plan: s("p"), indicator: s("x") }) },
                    RowProblem { file: s("a.csv"), line: 5, field: s(""), problem: RowRefusal::Row(Core::Nul) },
                    RowProblem { file: s("a.csv"), line: 9, field: s(""), problem: RowRefusal::Row(Core::Repeated { indicator: s("i1"), period: s("FY2024"), first: 2 }) },
                ]),
                "4 rows refused; nothing was imported\n  a.csv:3: column \"plan\": no plan \"p\" is stored; import its plan file or document first (`shinchoku plans` lists the stored ones)\n  a.csv:3: column \"indicator\": \"n\" names more than one indicator of plan \"p\": use the id\n  a.csv:4: column \"indicator\": plan \"p\" has no indicator \"x\" (neither an id nor a name); `shinchoku evaluate --plan p` lists them\n  a.csv:5: the row holds a NUL character (U+0000); remove it\n  a.csv:9: indicator \"i1\" FY2024 is also on line 2: give each indicator and period once per file",
                "4行を受け付けられないため、何も取り込んでいません\n  a.csv:3: 列「plan」: 計画「p」は登録されていません。先にその計画ファイルか文書を取り込んでください（登録済みの計画は `shinchoku plans` で一覧できます）\n  a.csv:3: 列「indicator」: 「n」は計画「p」の複数の指標の名前です。指標の id で指定してください\n  a.csv:4: 列「indicator」: 計画「p」に指標「x」はありません（id とも名前とも一致しません）。指標は `shinchoku evaluate --plan p` で確かめられます\n  a.csv:5: 行に NUL 文字（U+0000）があります。取り除いてください\n  a.csv:9: 指標「i1」の FY2024 は2行目にもあります。1つのファイルには指標と年度の組を1回ずつ書いてください",
            ),
            (StoreError::Conflict { what: s("plans_code_key"), expected: None, found: None }, "conflict: plans_code_key is already taken", "競合: plans_code_key は既に使われています"),
            (StoreError::Conflict { what: s("p i1 FY2024"), expected: Some(1), found: None }, "conflict: observation p i1 FY2024 no longer exists, but the change was based on version 1", "競合: 実績値 p i1 FY2024 はもうありませんが、変更は第1版をもとにしています"),
        ];
        for (e, en, ja) in &table {
            check(e, en, ja);
            assert_eq!(e.to_string(), e.message(Lang::En));
        }
    }
}
