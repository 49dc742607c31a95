//! [`CliError`], the one error type of the commands: every way a command can fail, sorted by
//! what went wrong rather than by exit code.
//!
//! Commands return `Result<_, CliError>` and use `?`. The libraries' errors convert by `From`
//! (the store's [`StoreError`], the plan file's [`PlanFileErrors`], the Actuals CSV's
//! [`ActualsError`]); the located errors that are shown with the path as the user typed it
//! (the extractor's, a store error inside one imported file) are built with that path. No call
//! site chooses an exit code: `exit_code` in `main.rs` is the one place that maps a
//! `CliError` to DESIGN.md's codes, and `main` the one place that prints it (`{:#}`: the
//! message, then each cause after a colon).
//!
//! Each variant's `Display` is the text the user reads, unchanged from before the errors were
//! typed; where a variant has a `source`, that cause is printed after it
//! (`reading plan.txt: No such file or directory (os error 2)`).

use std::io;

use shinchoku_import::actuals::ActualsError;
use shinchoku_import::extract::ExtractError;
use shinchoku_import::PlanFileErrors;
use shinchoku_store::StoreError;

/// What went wrong in a command.
#[derive(Debug, thiserror::Error)]
pub enum CliError {
    /// The command line is wrong in a way clap cannot see: a value out of range, an ambiguous
    /// name, output that is there already without `--force`.
    #[error("{0}")]
    Usage(String),
    /// A file or a value that cannot be used; the message names it and says what to do.
    #[error("{0}")]
    Input(String),
    /// A file (or directory, or standard input) named on the command line cannot be read.
    #[error("{doing}")]
    Read {
        /// What was being done: `reading plan.txt`, `opening actuals.csv`.
        doing: String,
        /// Why it failed.
        #[source]
        source: io::Error,
    },
    /// Every problem of one plan file, each with its file, line, column and key.
    #[error(transparent)]
    PlanFile(#[from] PlanFileErrors),
    /// An Actuals CSV that cannot be read at all: its encoding, its header.
    #[error(transparent)]
    Actuals(#[from] ActualsError),
    /// A document that is no text, at the line where reading stopped.
    #[error("{file}:{}: {}", .error.line, .error.message)]
    Extract {
        /// The document as the user named it (the extractor names it by its file name).
        file: String,
        /// The extractor's error.
        error: ExtractError,
    },
    /// `extract --strict` found warnings (they were printed before).
    #[error("{file}: {count} warning{} (--strict)", if *.count == 1 { "" } else { "s" })]
    Strict {
        /// The document as the user named it.
        file: String,
        /// How many warnings.
        count: usize,
    },
    /// The store refused or failed; the kind of [`StoreError`] decides the exit code. Not a
    /// `source`: the store's message already carries its cause's words.
    #[error("{0}")]
    Store(StoreError),
    /// The store refused something that came from one file of an import.
    #[error("{}", in_file(.file, .error))]
    StoreIn {
        /// The file as the user named it.
        file: String,
        /// The store's error.
        error: StoreError,
    },
    /// The database of `--db` cannot be opened.
    #[error("{}", opening(.db, .error))]
    Open {
        /// The database, password redacted.
        db: String,
        /// The store's error.
        error: StoreError,
    },
    /// Files the command writes where the command line says (`bench-data --out DIR`) cannot
    /// be made.
    #[error(transparent)]
    Files(anyhow::Error),
    /// The machine failed the command: the async runtime, the demo's temporary directory.
    #[error("{doing}")]
    System {
        /// What was being done.
        doing: String,
        /// Why it failed.
        #[source]
        source: io::Error,
    },
    /// Writing to standard output or standard error failed: a full disk, a closed terminal,
    /// or a reader that stopped reading (a broken pipe, which is no failure).
    #[error("{doing}")]
    Output {
        /// `writing the output`, `writing the warnings`.
        doing: &'static str,
        /// Why it failed.
        #[source]
        source: io::Error,
    },
    /// Acting outside one's rights (exit 5). Nothing produces it yet: it arrives with users
    /// and rights (DESIGN.md → The yearly evaluation round), and has its place in the map of
    /// exit codes already.
    #[allow(dead_code)]
    #[error("{0}")]
    NotPermitted(String),
}

impl From<StoreError> for CliError {
    fn from(e: StoreError) -> Self {
        CliError::Store(e)
    }
}

impl CliError {
    /// A failed write of the command's output to stdout (or of its warnings to stderr).
    pub fn output(doing: &'static str) -> impl FnOnce(io::Error) -> CliError {
        move |source| CliError::Output { doing, source }
    }

    /// A file named on the command line that could not be read.
    pub fn read(doing: String) -> impl FnOnce(io::Error) -> CliError {
        move |source| CliError::Read { doing, source }
    }
}

/// A store error inside one imported file names the file when it is about the file's content
/// (a plan that does not check, a plan or indicator that is not there); refused rows name
/// their file and line each already, and a conflict or a database failure is not the file's.
fn in_file(file: &str, error: &StoreError) -> String {
    match error {
        StoreError::NotFound(_) | StoreError::Invalid(_) => format!("{file}: {error}"),
        _ => error.to_string(),
    }
}

/// A database that cannot be opened is named first; a `--db` value that is no database URL
/// is quoted by the store's own message already.
fn opening(db: &str, error: &StoreError) -> String {
    match error {
        StoreError::Config(_) => error.to_string(),
        _ => format!("{db}: {error}"),
    }
}
