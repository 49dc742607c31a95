//! Test support in one place, for the tests and benchmarks of every shinchoku crate: what used
//! to be written once per test file (scratch directories, running the binary) or pulled across
//! crates with `#[path]` (random plans, the made-up large documents).
//!
//! - [`scratch`] — a fresh directory per test, removed when the test ends, pass or fail;
//! - [`bin`] — a binary run as a user runs it, with none of the test's own `SHINCHOKU_*`
//!   settings leaking in;
//! - [`fixtures`] — the repository's example plans and sample documents;
//! - [`http`] — a blocking HTTP/1.1 client for the web application's tests;
//! - [`smtp`] — an SMTP sink on 127.0.0.1 that keeps every message it is sent;
//! - `db` (feature `db`) — the same test body on a fresh SQLite file and a fresh PostgreSQL
//!   database (`SHINCHOKU_TEST_POSTGRES`; skipped with a note locally, a failure under
//!   `CI=true`);
//! - `arb` (feature `arb`) — random sound plans for property tests;
//! - [`synthetic`] — documents of any size in the shapes the extractor reads;
//! - [`renderings`] — the same text with its tables as ` | ` cells or aligned columns;
//! - [`answer_key`] — the answer key's rules for comparing extracted names and numbers.
//!
//! Dev-only: a `[dev-dependencies]` entry of the crates that use it and never a dependency of a
//! shipped crate (`crates/cli/tests/tidy.rs` checks). A helper panics on anything unexpected
//! (a missing file, an unreachable server): that is how a test fails.

// Test support: a panic with its message is how a test reports a broken machine or fixture.
#![allow(clippy::unwrap_used, clippy::expect_used)]

pub mod answer_key;
#[cfg(feature = "arb")]
pub mod arb;
pub mod bin;
#[cfg(feature = "db")]
pub mod db;
pub mod fixtures;
pub mod http;
pub mod renderings;
pub mod scratch;
pub mod smtp;
pub mod synthetic;
