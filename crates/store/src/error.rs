//! The store's one error type, sorted so that the command line maps it to DESIGN.md's exit
//! codes (1 bad input, 3 conflict, 4 storage failure) and the web to HTTP statuses, without
//! either ever reading SQL text.

use std::fmt;

use crate::actuals::RowProblem;

/// What went wrong in the store.
#[derive(Debug)]
#[non_exhaustive]
pub enum StoreError {
    /// The `--db` value cannot be used (exit 2: usage).
    Config(String),
    /// The database cannot be reached or opened (exit 4).
    Unavailable {
        /// The database, password redacted.
        db: String,
        /// The driver's words.
        message: String,
    },
    /// A plan, version or indicator that does not exist (exit 1).
    NotFound(String),
    /// Input the store refuses (exit 1): a plan that does not check, a value of the wrong kind.
    Invalid(String),
    /// Rows of an import that were refused, every one with its file and line (exit 1). Nothing
    /// of the import was written.
    Rows(Vec<RowProblem>),
    /// A write based on a stale version, or a unique value taken (exit 3). `what` names the
    /// thing (`observation i1 FY2024`), `expected` and `found` the versions where they apply.
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

impl StoreError {
    /// A short description for a row that was stored in a form this program cannot read back:
    /// the database was changed by hand, or by a newer version.
    pub(crate) fn corrupt(what: impl fmt::Display) -> StoreError {
        StoreError::Invalid(format!(
            "the database holds a value this version cannot read ({what}); was it edited by \
             hand or written by a newer shinchoku?"
        ))
    }
}

impl fmt::Display for StoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StoreError::Config(m) | StoreError::Invalid(m) | StoreError::NotFound(m) => {
                f.write_str(m)
            }
            StoreError::Unavailable { db, message } => {
                write!(f, "cannot open the database {db}: {message}")
            }
            StoreError::Rows(rows) => {
                write!(
                    f,
                    "{} row{} refused; nothing was imported",
                    rows.len(),
                    if rows.len() == 1 { "" } else { "s" }
                )?;
                for r in rows.iter().take(50) {
                    write!(f, "\n  {r}")?;
                }
                if rows.len() > 50 {
                    write!(f, "\n  … and {} more", rows.len() - 50)?;
                }
                Ok(())
            }
            StoreError::Conflict {
                what,
                expected,
                found,
            } => match (expected, found) {
                (Some(e), Some(n)) => write!(
                    f,
                    "conflict: {what} is at version {n}, but the change was based on version \
                     {e}; reload it and apply the change again"
                ),
                (Some(e), None) => write!(
                    f,
                    "conflict: {what} no longer exists, but the change was based on version {e}"
                ),
                _ => write!(f, "conflict: {what}"),
            },
            StoreError::SchemaTooNew { found, known } => write!(
                f,
                "the database's schema is at version {found}, newer than this shinchoku knows \
                 ({known}); use a newer shinchoku"
            ),
            StoreError::Io(e) => write!(f, "{e}"),
            StoreError::Database(e) => write!(f, "database error: {e}"),
        }
    }
}

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
                if let Some(c) = db.constraint() {
                    return StoreError::Conflict {
                        what: format!("{c} is already taken"),
                        expected: None,
                        found: None,
                    };
                }
                return StoreError::Conflict {
                    what: "a unique value is already taken".into(),
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
