//! Backups (in progress).
