#!/usr/bin/env bash
# The storage benchmark (issue 4, issue 14): import 1,000,000 observation rows from one Actuals
# CSV, side by side in one run with the database shells' own bulk loaders of the same rows into
# a plain table — `sqlite3`'s `.import` and `psql`'s `\copy`; and the step before it, saving the
# plans those rows belong to (`shinchoku import DIR/plans/*.toml`), on both databases, where the
# goal is PostgreSQL within 3× SQLite. Writes bench/import-results.json (DESIGN.md →
# Benchmarks' row form, with each run's peak RSS) and prints it; BENCHMARKS.md quotes the ratios.
#
# What is compared is not the same work, and the ratio says how much ours costs on top:
# the peers copy four text columns into a table with no index; `shinchoku import` decodes and
# checks every row (encoding, period, number, plan and indicator, the value against the
# indicator's kind), stages it, and applies it set-based into `observations` (a unique index,
# a foreign key) with one audit-log row per value (an index), in one transaction.
#
#   bench/import.sh            # needs: the release binary (built here), sqlite3, PostgreSQL
#   ROWS_GOVERNMENTS=100 bench/import.sh   # a quick run (~105,000 rows)
#
# PostgreSQL: uses SHINCHOKU_TEST_POSTGRES if set, else starts a throwaway cluster with
# .ci/postgres.sh (installing Debian's postgresql if needed). For figures worth quoting, give it
# a cluster of its own (`eval "$(.ci/postgres.sh start)"`) and a quiet machine: the script
# prints the load average before it starts.
set -euo pipefail
cd "$(dirname "$0")/.."

GOVS="${ROWS_GOVERNMENTS:-952}"    # 952 × 100 indicators × 12 years, ≤30 % gaps ≈ 1,000,000 rows
. bench/common.sh
bench_setup import
# RESULTS names the file the rows go to.
RESULTS="${RESULTS:-bench/import-results.json}"

"$BIN" bench-data --governments "$GOVS" --indicators-per 100 --years 12 --seed 1 --out "$WORK/data"
CSV="$WORK/data/actuals.csv"
ROWS=$(( $(wc -l < "$CSV") - 1 ))
echo "rows: $ROWS" >&2

# measure NAME CMD… : wall seconds and peak RSS (KiB) of one command, into $WORK/NAME.
measure() {
    local name="$1"; shift
    /usr/bin/time -f "%e %M" -o "$WORK/$name.time" "$@" >"$WORK/$name.out" 2>"$WORK/$name.err" || {
        echo "$name failed:" >&2; cat "$WORK/$name.err" >&2; exit 1; }
    read -r secs rss < "$WORK/$name.time"
    echo "$name: ${secs}s, peak RSS ${rss} KiB" >&2
}
secs() { cut -d' ' -f1 "$WORK/$1.time"; }
rss() { cut -d' ' -f2 "$WORK/$1.time"; }

echo "load average at the start: $(cut -d' ' -f1-3 /proc/loadavg) (nproc $(nproc))" >&2

# --- SQLite -------------------------------------------------------------------------------
measure plans_sqlite "$BIN" import "$WORK"/data/plans/*.toml --db "sqlite:$WORK/ours.db"
measure ours_sqlite "$BIN" import "$CSV" --db "sqlite:$WORK/ours.db"
sqlite3 "$WORK/peer.db" "CREATE TABLE obs (plan TEXT, indicator TEXT, period TEXT, value TEXT);"
measure peer_sqlite sqlite3 "$WORK/peer.db" ".import --csv --skip 1 $CSV obs"

# --- PostgreSQL ---------------------------------------------------------------------------
DBN="shinchoku_bench_$$"
psql -q "$PGADMIN" -c "DROP DATABASE IF EXISTS $DBN" -c "CREATE DATABASE $DBN" >/dev/null
psql -q "$PGADMIN" -c "DROP DATABASE IF EXISTS ${DBN}_peer" -c "CREATE DATABASE ${DBN}_peer" >/dev/null
measure plans_postgres "$BIN" import "$WORK"/data/plans/*.toml --db "$PGBASE/$DBN"
measure ours_postgres "$BIN" import "$CSV" --db "$PGBASE/$DBN"
psql -q "$PGBASE/${DBN}_peer" -c "CREATE TABLE obs (plan TEXT, indicator TEXT, period TEXT, value TEXT)" >/dev/null
measure peer_postgres psql -q "$PGBASE/${DBN}_peer" -c "\\copy obs FROM '$CSV' WITH (FORMAT csv, HEADER true)"

# Every import must have stored every row.
got_pg=$(psql -At "$PGBASE/$DBN" -c "SELECT COUNT(*) FROM observations")
got_sqlite=$(sqlite3 "$WORK/ours.db" "SELECT COUNT(*) FROM observations")
psql -q "$PGADMIN" -c "DROP DATABASE $DBN" -c "DROP DATABASE ${DBN}_peer" >/dev/null
for got in "$got_sqlite" "$got_pg"; do
    [ "$got" = "$ROWS" ] || { echo "an import stored $got of $ROWS rows" >&2; exit 1; }
done

PLANS=$(ls "$WORK"/data/plans/*.toml | wc -l)
python3 - "$WORK" "$ROWS" "$PLANS" > "$RESULTS" <<'PY'
import json, sys
work, rows, plans = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
def t(name):
    s, m = open(f"{work}/{name}.time").read().split()
    return float(s), int(m)
def row(name, ours, peer, peer_s, goal):
    ours_s, ours_kb = ours
    return {
        "name": name,
        "ours_s": ours_s, "peer": peer, "peer_s": peer_s,
        "ratio": round(peer_s / ours_s, 3) if peer_s is not None and ours_s > 0 else None,
        "goal": goal,
        "ours_peak_rss_mb": round(ours_kb / 1024, 1),
        "rss_goal_mb": 300,
    }
out = []
for db, peer in (("sqlite", "sqlite3 .import"), ("postgres", "psql \\copy")):
    out.append(row(f"import {rows} observation rows from CSV ({db})",
                   t(f"ours_{db}"), peer, t(f"peer_{db}")[0], 0.5))
# Saving the plans: no outside peer; PostgreSQL is held to SQLite's time (within 3x).
out.append(row(f"save {plans} plan files (sqlite)", t("plans_sqlite"), None, None, None))
out.append(row(f"save {plans} plan files (postgres)", t("plans_postgres"),
               "the same on SQLite", t("plans_sqlite")[0], 0.333))
json.dump(out, sys.stdout, ensure_ascii=False, indent=2)
print()
PY
cat "$RESULTS"
