//! The people who use the application: accounts with a role and, for editors, a department;
//! their web sessions, their scripts' bearer tokens, failed sign-ins for throttling, and the
//! departments' ownership of a plan's nodes (DESIGN.md → The yearly evaluation round).
//!
//! Secrets arrive hashed: a password as its argon2id PHC string, a session id or a token as
//! the hex of a hash the web crate computes. The store never sees one in the clear, so a copy
//! of the database signs nobody in. Sessions and throttling live here, not in a server's
//! memory, so several server processes behind a load balancer share them.

use sqlx::FromRow;

use crate::error::Missing;
use crate::plans::{no_plan, plan_id};
use crate::time::{now_utc, offset_utc};
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

/// An account as signing in needs it.
#[derive(Debug, Clone, PartialEq, Eq, FromRow)]
pub struct User {
    /// Its row id.
    pub id: i64,
    /// The sign-in name.
    pub name: String,
    /// Its role.
    pub role: String,
    /// Its department.
    #[sqlx(rename = "group_name")]
    pub group: Option<String>,
    /// The argon2id hash of its password (none: it cannot sign in with one).
    pub password_hash: Option<String>,
}

/// A live session: whose it is and the token its forms must carry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Session {
    /// The signed-in account.
    pub user: User,
    /// The anti-forgery token of this session's forms.
    pub csrf: String,
    /// When it ends (RFC 3339, UTC).
    pub expires_at: String,
}

#[derive(FromRow)]
struct SessionRow {
    #[sqlx(flatten)]
    user: User,
    data: String,
    expires_at: String,
}

/// A department's ownership of a node of a plan (or of the whole plan: `node` is `None`).
#[derive(Debug, Clone, PartialEq, Eq, FromRow)]
pub struct Assignment {
    /// The plan's code.
    pub plan: String,
    /// The node's id; `None` for every node of the plan.
    pub node: Option<String>,
    /// The department.
    #[sqlx(rename = "group_name")]
    pub group: String,
}

#[derive(FromRow)]
struct AssignmentRow {
    code: String,
    node_key: String,
    group_name: String,
}

/// How many sign-ins failed lately, for one account and for one address.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Failures {
    /// Failures naming the account.
    pub account: i64,
    /// Failures from the address, whatever account they named.
    pub address: i64,
}

/// The node key an assignment of a whole plan is stored under (no node has an empty id).
const WHOLE_PLAN: &str = "";

const USER_COLUMNS: &str = "u.id, u.name, u.role, u.group_name, u.password_hash";

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

    /// The account named `name`, if there is one.
    pub async fn user(&self, name: &str) -> Result<Option<User>, StoreError> {
        Ok(sqlx::query_as::<_, User>(&format!(
            "SELECT {USER_COLUMNS} FROM users u WHERE u.name = $1"
        ))
        .bind(name)
        .fetch_optional(self.pool())
        .await?)
    }

    /// Removes the account `name` with its sessions and tokens (its entries in the audit log
    /// stay: they name it as text). One transaction; no such account is
    /// [`StoreError::NotFound`].
    pub async fn remove_user(&self, name: &str) -> Result<(), StoreError> {
        let mut tx = self.begin().await?;
        let id: Option<i64> = sqlx::query_scalar("SELECT id FROM users WHERE name = $1")
            .bind(name)
            .fetch_optional(tx.conn())
            .await?;
        let Some(id) = id else {
            return Err(StoreError::NotFound(Missing::User(name.to_owned())));
        };
        for sql in [
            "DELETE FROM sessions WHERE user_id = $1",
            "DELETE FROM api_tokens WHERE user_id = $1",
            "DELETE FROM users WHERE id = $1",
        ] {
            sqlx::query(sql).bind(id).execute(tx.conn()).await?;
        }
        tx.commit().await
    }

    /// Starts a session for account `user_id` under `id_hash` (the hash of the cookie's
    /// value) with the forms' token `csrf`, lasting `ttl_secs`.
    pub async fn create_session(
        &self,
        id_hash: &str,
        user_id: i64,
        csrf: &str,
        ttl_secs: i64,
    ) -> Result<(), StoreError> {
        let data = serde_json::json!({ "csrf": csrf }).to_string();
        sqlx::query("INSERT INTO sessions (id, user_id, data, expires_at) VALUES ($1, $2, $3, $4)")
            .bind(id_hash)
            .bind(user_id)
            .bind(data)
            .bind(offset_utc(ttl_secs))
            .execute(self.pool())
            .await?;
        Ok(())
    }

    /// The live session stored under `id_hash`, with its account; `None` when there is none
    /// or it has expired.
    pub async fn session(&self, id_hash: &str) -> Result<Option<Session>, StoreError> {
        let row = sqlx::query_as::<_, SessionRow>(&format!(
            "SELECT {USER_COLUMNS}, s.data, s.expires_at FROM sessions s
             JOIN users u ON u.id = s.user_id
             WHERE s.id = $1 AND s.expires_at > $2"
        ))
        .bind(id_hash)
        .bind(now_utc())
        .fetch_optional(self.pool())
        .await?;
        Ok(row.map(|r| {
            let csrf = serde_json::from_str::<serde_json::Value>(&r.data)
                .ok()
                .and_then(|v| v.get("csrf").and_then(|c| c.as_str()).map(str::to_owned))
                .unwrap_or_default();
            Session {
                user: r.user,
                csrf,
                expires_at: r.expires_at,
            }
        }))
    }

    /// Ends the session stored under `id_hash` (nothing when there is none), and every
    /// expired session with it.
    pub async fn end_session(&self, id_hash: &str) -> Result<(), StoreError> {
        sqlx::query("DELETE FROM sessions WHERE id = $1 OR expires_at <= $2")
            .bind(id_hash)
            .bind(now_utc())
            .execute(self.pool())
            .await?;
        Ok(())
    }

    /// Adds a bearer token for account `user`, stored as `token_hash`.
    pub async fn add_token(
        &self,
        user: &str,
        token_hash: &str,
        label: Option<&str>,
    ) -> Result<(), StoreError> {
        let id: Option<i64> = sqlx::query_scalar("SELECT id FROM users WHERE name = $1")
            .bind(user)
            .fetch_optional(self.pool())
            .await?;
        let id = id.ok_or_else(|| StoreError::NotFound(Missing::User(user.to_owned())))?;
        sqlx::query(
            "INSERT INTO api_tokens (user_id, token_hash, label, created_at)
             VALUES ($1, $2, $3, $4)",
        )
        .bind(id)
        .bind(token_hash)
        .bind(label)
        .bind(now_utc())
        .execute(self.pool())
        .await?;
        Ok(())
    }

    /// The account whose token hashes to `token_hash`, if any.
    pub async fn token_user(&self, token_hash: &str) -> Result<Option<User>, StoreError> {
        Ok(sqlx::query_as::<_, User>(&format!(
            "SELECT {USER_COLUMNS} FROM api_tokens t JOIN users u ON u.id = t.user_id
             WHERE t.token_hash = $1"
        ))
        .bind(token_hash)
        .fetch_optional(self.pool())
        .await?)
    }

    /// Records a failed sign-in naming `account` from `address`, and forgets failures older
    /// than `window_secs`.
    pub async fn record_login_failure(
        &self,
        account: &str,
        address: &str,
        window_secs: i64,
    ) -> Result<(), StoreError> {
        let mut tx = self.begin().await?;
        sqlx::query("DELETE FROM login_failures WHERE at <= $1")
            .bind(offset_utc(-window_secs))
            .execute(tx.conn())
            .await?;
        sqlx::query("INSERT INTO login_failures (account, address, at) VALUES ($1, $2, $3)")
            .bind(account)
            .bind(address)
            .bind(now_utc())
            .execute(tx.conn())
            .await?;
        tx.commit().await
    }

    /// How many sign-ins failed in the last `window_secs` naming `account`, and from
    /// `address`.
    pub async fn login_failures(
        &self,
        account: &str,
        address: &str,
        window_secs: i64,
    ) -> Result<Failures, StoreError> {
        let since = offset_utc(-window_secs);
        let mut counts = [0i64; 2];
        for (n, (sql, value)) in [
            (
                "SELECT COUNT(*) FROM login_failures WHERE account = $1 AND at > $2",
                account,
            ),
            (
                "SELECT COUNT(*) FROM login_failures WHERE address = $1 AND at > $2",
                address,
            ),
        ]
        .into_iter()
        .enumerate()
        {
            let c: i64 = sqlx::query_scalar(sql)
                .bind(value)
                .bind(&since)
                .fetch_one(self.pool())
                .await?;
            if let Some(slot) = counts.get_mut(n) {
                *slot = c;
            }
        }
        Ok(Failures {
            account: counts[0],
            address: counts[1],
        })
    }

    /// Forgets the failed sign-ins naming `account` (after it signs in).
    pub async fn clear_login_failures(&self, account: &str) -> Result<(), StoreError> {
        sqlx::query("DELETE FROM login_failures WHERE account = $1")
            .bind(account)
            .execute(self.pool())
            .await?;
        Ok(())
    }

    /// Makes department `group` the owner of node `node` of plan `code` (of the whole plan
    /// when `node` is `None`); its children and their indicators inherit it. Replaces the
    /// node's owner, if it had one.
    pub async fn assign(
        &self,
        code: &str,
        node: Option<&str>,
        group: &str,
    ) -> Result<(), StoreError> {
        let mut tx = self.begin().await?;
        let (plan_id, _) = plan_id(tx.conn(), code)
            .await?
            .ok_or_else(|| no_plan(code))?;
        let key = node.unwrap_or(WHOLE_PLAN);
        sqlx::query("DELETE FROM assignments WHERE plan_id = $1 AND node_key = $2")
            .bind(plan_id)
            .bind(key)
            .execute(tx.conn())
            .await?;
        sqlx::query("INSERT INTO assignments (plan_id, node_key, group_name) VALUES ($1, $2, $3)")
            .bind(plan_id)
            .bind(key)
            .bind(group)
            .execute(tx.conn())
            .await?;
        tx.commit().await
    }

    /// Takes node `node` of plan `code` (the whole plan when `None`) from its department;
    /// whether it had one.
    pub async fn unassign(&self, code: &str, node: Option<&str>) -> Result<bool, StoreError> {
        let mut tx = self.begin().await?;
        let (plan_id, _) = plan_id(tx.conn(), code)
            .await?
            .ok_or_else(|| no_plan(code))?;
        let done = sqlx::query("DELETE FROM assignments WHERE plan_id = $1 AND node_key = $2")
            .bind(plan_id)
            .bind(node.unwrap_or(WHOLE_PLAN))
            .execute(tx.conn())
            .await?
            .rows_affected();
        tx.commit().await?;
        Ok(done > 0)
    }

    /// Every assignment, of every plan (`plan` `None`) or of plan `plan`, by plan and node.
    pub async fn assignments(&self, plan: Option<&str>) -> Result<Vec<Assignment>, StoreError> {
        let rows = sqlx::query_as::<_, AssignmentRow>(
            "SELECT p.code, a.node_key, a.group_name FROM assignments a
             JOIN plans p ON p.id = a.plan_id
             WHERE $1 IS NULL OR p.code = $1
             ORDER BY p.code, a.node_key",
        )
        .bind(plan)
        .fetch_all(self.pool())
        .await?;
        Ok(rows
            .into_iter()
            .map(|r| Assignment {
                plan: r.code,
                node: (r.node_key != WHOLE_PLAN).then_some(r.node_key),
                group: r.group_name,
            })
            .collect())
    }
}
