-- Version 6 (sqlite dialect; postgres/0006_weights_and_ratios.sql says the same): a node's weight in
-- the scores above it, and a ratio indicator's definition (DESIGN.md → Ratios and breakdowns).
--
-- `weight` is decimal text, NULL for the default (1). A ratio indicator names its numerator and
-- denominator by indicator id and keeps its factor as decimal text; all three are NULL for any
-- other indicator. The computed values are not stored: they follow the two operands.
ALTER TABLE nodes ADD COLUMN weight TEXT;
ALTER TABLE indicators ADD COLUMN ratio_numerator TEXT;
ALTER TABLE indicators ADD COLUMN ratio_denominator TEXT;
ALTER TABLE indicators ADD COLUMN ratio_factor TEXT;
