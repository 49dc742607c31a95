//! The people who use the application: accounts with a role and, for editors, a department.
//!
//! Only what the first part of the web application needs is here: the demo creates its
//! administrator, and the list of accounts. Passwords arrive hashed (argon2id, by the caller);
//! the store never sees one in the clear. Sign-in, sessions and rights come with part two.

use sqlx::FromRow;

use crate::time::now_utc;
use crate::{Store, StoreError};

/// An account to create.
#[derive(Debug, Clone, Copy)]
pub struct NewUser<'a> {
    /// The sign-in name; unique.
    pub name: &'a str,
    /// `admin`, `planner`, `executive`, `committee`, `editor`, `viewer` (DESIGN.md → The
    /// yearly evaluation round).
    pub role: &'a str,
    /// The department, for an editor.
    pub group: Option<&'a str>,
    /// Where reminders go.
    pub email: Option<&'a str>,
    /// The password's argon2id hash in the PHC string form (`$argon2id$v=19$…`).
    pub password_hash: &'a str,
}

/// An account as listed (no hash).
#[derive(Debug, Clone, PartialEq, Eq, FromRow)]
pub struct UserSummary {
    /// The sign-in name.
    pub name: String,
    /// Its role.
    pub role: String,
    /// Its department.
    #[sqlx(rename = "group_name")]
    pub group: Option<String>,
    /// Its e-mail address.
    pub email: Option<String>,
    /// When it was created (RFC 3339, UTC).
    pub created_at: String,
}

impl Store {
    /// Creates the account `user`; a name that is taken is a [`StoreError::Conflict`].
    pub async fn add_user(&self, user: &NewUser<'_>) -> Result<(), StoreError> {
        sqlx::query(
            "INSERT INTO users (name, role, group_name, email, password_hash, created_at)
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(user.name)
        .bind(user.role)
        .bind(user.group)
        .bind(user.email)
        .bind(user.password_hash)
        .bind(now_utc())
        .execute(self.pool())
        .await?;
        Ok(())
    }

    /// Every account, by name.
    pub async fn users(&self) -> Result<Vec<UserSummary>, StoreError> {
        Ok(sqlx::query_as::<_, UserSummary>(
            "SELECT name, role, group_name, email, created_at FROM users ORDER BY name",
        )
        .fetch_all(self.pool())
        .await?)
    }
}
