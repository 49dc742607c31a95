-- Version 5 (postgres dialect; sqlite/0005_round_series.sql says the same): a closed round keeps the
-- actual values it was evaluated on (DESIGN.md → The yearly evaluation round: a closed round's
-- report and 評価シート reproduce it unchanged whatever actuals arrive later).
--
-- `series` is JSON, written once when the round closes: every indicator's observations as the
-- round saw them, those it followed from earlier plans included:
-- [{"id": "i1", "observations": [{"period": "FY2023", "value": "12.5", "status": "final"},
--                                {"period": "FY2024", "state": "実施中", "status": "final"}]}].
-- NULL while the round is open.
ALTER TABLE rounds ADD COLUMN series TEXT;
