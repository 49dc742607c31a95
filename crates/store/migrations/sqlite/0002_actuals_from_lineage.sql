-- Version 2 (SQLite dialect; postgres/0002_actuals_from_lineage.sql says the same).
--
-- A plan's setting that its evaluation takes actual values from the same series in other
-- stored plans (DESIGN.md → Plans: `actuals_from_lineage = true` in the plan file). A
-- plan's final years are usually measured in documents published after it: the FY2022–26
-- plan prints the FY2021 values that finish the FY2021–23 plan. The setting belongs to a
-- version like the grading scheme does, so turning it on or off makes a new version.
--
-- 1 on, 0 off; every version stored before this migration is off, as it was evaluated.
ALTER TABLE plan_versions ADD COLUMN actuals_from_lineage INTEGER NOT NULL DEFAULT 0;
