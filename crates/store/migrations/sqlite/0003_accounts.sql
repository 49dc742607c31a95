-- Version 3 (sqlite dialect; postgres/0003_accounts.sql says the same): what signing in needs.
--
-- Bearer tokens for scripts (`shinchoku token add --user NAME`): only a hash of the token is
-- kept (BLAKE2b-256 of its text, hex; a token is 32 random bytes, so a fast hash suffices where
-- a password needs argon2), so a copy of the database signs nobody in. Sessions (0001's table)
-- are kept the same way: `sessions.id` holds the hash of the cookie's value.
CREATE TABLE api_tokens (
    id           INTEGER PRIMARY KEY,
    user_id      INTEGER NOT NULL REFERENCES users (id),
    token_hash   TEXT   NOT NULL CONSTRAINT api_tokens_hash_key UNIQUE,
    label        TEXT,
    created_at   TEXT   NOT NULL
);

-- Failed sign-ins, for throttling per account and per address (several server processes share
-- them, as they share sessions). Rows older than the throttling window are deleted as new ones
-- come in; a successful sign-in deletes its account's.
CREATE TABLE login_failures (
    id       INTEGER PRIMARY KEY,
    account  TEXT   NOT NULL,
    address  TEXT   NOT NULL,
    at       TEXT   NOT NULL
);
CREATE INDEX login_failures_account ON login_failures (account, at);
CREATE INDEX login_failures_address ON login_failures (address, at);
