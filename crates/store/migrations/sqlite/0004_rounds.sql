-- Version 4 (sqlite dialect; postgres/0004_rounds.sql says the same): the yearly evaluation round
-- (DESIGN.md → The yearly evaluation round).
--
-- A round is one plan's fiscal year under review: its stages in order (`self,first`), its due
-- date, the plan version it reviews, open or closed. Its items are the `evaluations` rows of
-- 0001 (one per indicator: stage, state, the people's words, and the computed figures frozen when
-- the item is confirmed or the round closed). `evaluation_comments` gains a kind: a review's
-- comment, or the reason an item was returned.
CREATE TABLE rounds (
    plan_id      INTEGER NOT NULL REFERENCES plans (id),
    fy           INTEGER NOT NULL,
    -- `open` or `closed`.
    state        TEXT   NOT NULL,
    -- YYYY-MM-DD.
    due          TEXT   NOT NULL,
    stages       TEXT   NOT NULL,
    plan_version INTEGER NOT NULL,
    opened_at    TEXT   NOT NULL,
    opened_by    TEXT   NOT NULL,
    closed_at    TEXT,
    closed_by    TEXT,
    -- The items not confirmed when the round was closed with --force, one id a line.
    unconfirmed  TEXT,
    PRIMARY KEY (plan_id, fy)
);

-- `comment` (a review's words) or `return` (why the item was sent back).
ALTER TABLE evaluation_comments ADD COLUMN kind TEXT NOT NULL DEFAULT 'comment';
