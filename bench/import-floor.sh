#!/usr/bin/env bash
# Where the time of an actuals import goes in the databases, and the least it can take with
# today's schema: bench/import.sh's rows (about 1,000,000) are staged in each database's own
# shell, then the two statements that write them — one audit-log row per value, one
# observation per value — are timed alone, each in a transaction rolled back after; the
# observations once more without their foreign key to `plans`, to show what that check costs.
# Beside them, the shells' own loaders of the same CSV into a plain table (bench/import.sh's
# peers). The sum of the two writes, against the peer, is the best ratio any client could
# reach without changing what is stored.
#
#   bench/import-floor.sh                  # about 1,000,000 rows; ROWS_GOVERNMENTS=100 for ~105,000
#
# PostgreSQL as in bench/import.sh (SHINCHOKU_TEST_POSTGRES, else a throwaway cluster). The
# statements are those of crates/store/src/actuals.rs (`finish`), with constants for the time
# and the actor.
set -euo pipefail
cd "$(dirname "$0")/.."

GOVS="${ROWS_GOVERNMENTS:-952}"
. bench/common.sh
bench_setup floor
"$BIN" bench-data --governments "$GOVS" --indicators-per 100 --years 12 --seed 1 --out "$WORK/data" >&2
CSV="$WORK/data/actuals.csv"
echo "load average at the start: $(cut -d' ' -f1-3 /proc/loadavg) (nproc $(nproc))" >&2

# The staging table as the import fills it, and the statements that apply it.
STAGE_TABLE="CREATE TEMPORARY TABLE import_rows (
    line BIGINT NOT NULL, plan_id BIGINT NOT NULL, indicator_key TEXT NOT NULL,
    period TEXT NOT NULL, breakdown TEXT NOT NULL, value_num TEXT, value_state TEXT,
    status TEXT NOT NULL, as_of TEXT, source TEXT, note TEXT, existing BIGINT);"
STAGE_ROWS="INSERT INTO import_rows (line, plan_id, indicator_key, period, breakdown, value_num,
        value_state, status, as_of, source, note)
    SELECT r.n + 1, p.id, r.indicator, r.period, '', r.value, NULL, 'final', NULL, NULL, NULL
    FROM raw r JOIN plans p ON p.code = r.plan ORDER BY r.n;"
AUDIT="INSERT INTO audit_log (at, actor, source, entity, action, plan_id, indicator_key,
        period, breakdown, old_value, new_value)
    SELECT '2026-12-03T16:12:00Z', 'cli:bench', 'actuals.csv' || ':' || CAST(s.line AS TEXT),
        'observation', 'insert', s.plan_id, s.indicator_key, s.period, NULLIF(s.breakdown, ''),
        NULL, COALESCE(s.value_num, s.value_state) ||
        CASE WHEN s.status = 'final' AND s.as_of IS NULL THEN ''
             WHEN s.as_of IS NULL THEN ' (' || s.status || ')'
             WHEN s.status = 'final' THEN ' (as of ' || s.as_of || ')'
             ELSE ' (' || s.status || ', as of ' || s.as_of || ')' END
    FROM import_rows s WHERE s.existing IS NULL;"
OBSERVATIONS="INSERT INTO observations (plan_id, indicator_key, period, breakdown, value_num,
        value_state, status, as_of, source, note, version, updated_at, updated_by)
    SELECT s.plan_id, s.indicator_key, s.period, s.breakdown, s.value_num, s.value_state,
        s.status, s.as_of, s.source, s.note, 1, '2026-12-03T16:12:00Z', 'cli:bench'
    FROM import_rows s WHERE s.existing IS NULL;"

# --- SQLite: the shell's `.timer` prints each statement's time -----------------------------
"$BIN" import "$WORK"/data/plans/*.toml --db "sqlite:$WORK/ours.db" >/dev/null
sqlite3 "$WORK/ours.db" > "$WORK/sqlite.out" <<SQL
PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA cache_size = -32768;
PRAGMA foreign_keys = ON;
CREATE TEMPORARY TABLE raw0 (plan TEXT, indicator TEXT, period TEXT, value TEXT);
.import --csv --skip 1 $CSV raw0
CREATE TEMPORARY TABLE raw AS SELECT rowid AS n, * FROM raw0;
$STAGE_TABLE
$STAGE_ROWS
.timer on
.print == audit_log
BEGIN IMMEDIATE; $AUDIT ROLLBACK;
.print == observations
BEGIN IMMEDIATE; $OBSERVATIONS ROLLBACK;
.print == observations_without_fk
PRAGMA foreign_keys = OFF;
BEGIN IMMEDIATE; $OBSERVATIONS ROLLBACK;
SQL
sqlite3 "$WORK/peer.db" "CREATE TABLE obs (plan TEXT, indicator TEXT, period TEXT, value TEXT);"
peer_sqlite=$( { /usr/bin/time -f "%e" sqlite3 "$WORK/peer.db" ".import --csv --skip 1 $CSV obs" >/dev/null; } 2>&1 )

# --- PostgreSQL: psql's \timing ----------------------------------------------------------
DBN="shinchoku_floor_$$"
psql -q "$PGADMIN" -c "DROP DATABASE IF EXISTS $DBN" -c "CREATE DATABASE $DBN" >/dev/null
"$BIN" import "$WORK"/data/plans/*.toml --db "$PGBASE/$DBN" >/dev/null
psql -q -v ON_ERROR_STOP=1 "$PGBASE/$DBN" > "$WORK/postgres.out" <<SQL
CREATE TEMPORARY TABLE raw (n BIGSERIAL, plan TEXT, indicator TEXT, period TEXT, value TEXT);
\\copy raw (plan, indicator, period, value) FROM '$CSV' WITH (FORMAT csv, HEADER true)
$STAGE_TABLE
$STAGE_ROWS
ANALYZE import_rows;
\\timing on
\\echo == audit_log
BEGIN; $AUDIT ROLLBACK;
\\echo == observations
BEGIN; $OBSERVATIONS ROLLBACK;
\\echo == observations_without_fk
BEGIN;
ALTER TABLE observations DROP CONSTRAINT observations_plan_id_fkey;
$OBSERVATIONS
ROLLBACK;
SQL
psql -q "$PGBASE/$DBN" -c "CREATE TABLE obs (plan TEXT, indicator TEXT, period TEXT, value TEXT)"
peer_postgres=$( { /usr/bin/time -f "%e" psql -q "$PGBASE/$DBN" \
    -c "\\copy obs FROM '$CSV' WITH (FORMAT csv, HEADER true)" >/dev/null; } 2>&1 )
psql -q "$PGADMIN" -c "DROP DATABASE $DBN" >/dev/null

# Each step's seconds: SQLite prints "Run Time: real S", psql "Time: MS ms"; the INSERT is the
# longest statement after each heading.
python3 - "$WORK" "$peer_sqlite" "$peer_postgres" <<'PY'
import re, sys
work, peers = sys.argv[1], {"sqlite": float(sys.argv[2]), "postgres": float(sys.argv[3])}
for db, pattern, scale in (("sqlite", r"Run Time: real ([0-9.]+)", 1.0),
                           ("postgres", r"Time: ([0-9.]+) ms", 0.001)):
    steps, name = {}, None
    for line in open(f"{work}/{db}.out"):
        if line.startswith("== "):
            name = line[3:].strip()
        elif name and (m := re.search(pattern, line)):
            steps[name] = max(steps.get(name, 0.0), float(m.group(1)) * scale)
    both = steps["audit_log"] + steps["observations"]
    print(f"{db}: audit_log {steps['audit_log']:.2f} s, observations {steps['observations']:.2f} s "
          f"(without the foreign key {steps['observations_without_fk']:.2f} s); both {both:.2f} s; "
          f"peer {peers[db]:.2f} s; best ratio with today's schema {peers[db] / both:.3f}")
PY
