#!/usr/bin/env bash
# The storage benchmark (issue 4): import 1,000,000 observation rows from one Actuals CSV,
# side by side in one run with the database shells' own bulk loaders of the same rows into a
# plain table — `sqlite3`'s `.import` and `psql`'s `\copy`. Writes bench/import-results.json
# (DESIGN.md → Benchmarks' row form) and prints a table; BENCHMARKS.md quotes the ratios.
#
# What is compared is not the same work, and the ratio says how much ours costs on top:
# the peers copy four text columns into a table with no index; `shinchoku import` decodes and
# checks every row (encoding, period, number, plan and indicator, the value against the
# indicator's kind), stages it, and applies it set-based into `observations` (a unique index)
# with one audit-log row per value, in one transaction.
#
#   bench/import.sh            # needs: the release binary (built here), sqlite3, PostgreSQL
#   ROWS_GOVERNMENTS=100 bench/import.sh   # a quick run (~105,000 rows)
#
# PostgreSQL: uses SHINCHOKU_TEST_POSTGRES if set, else starts a throwaway cluster with
# .ci/postgres.sh (installing Debian's postgresql if needed).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$PWD"

GOVS="${ROWS_GOVERNMENTS:-952}"    # 952 × 100 indicators × 12 years, ≤30 % gaps ≈ 1,000,000 rows
WORK="$(mktemp -d /tmp/shinchoku-bench-import.XXXXXX)"
trap 'rm -rf "$WORK"; [ -n "${STARTED_PG:-}" ] && .ci/postgres.sh stop >/dev/null 2>&1 || true' EXIT

if ! command -v sqlite3 >/dev/null; then
    echo "installing sqlite3 (Debian)…" >&2
    apt-get update -qq >&2 && apt-get install -y -qq sqlite3 >&2
fi
if [ -z "${SHINCHOKU_TEST_POSTGRES:-}" ]; then
    eval "$(.ci/postgres.sh start)"
    STARTED_PG=1
fi
PGADMIN="$SHINCHOKU_TEST_POSTGRES"
PGBASE="${PGADMIN%/*}"

cargo build --release --quiet -p shinchoku-cli
BIN="$ROOT/target/release/shinchoku"

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

# --- SQLite -------------------------------------------------------------------------------
"$BIN" import "$WORK"/data/plans/*.toml --db "sqlite:$WORK/ours.db" >/dev/null
measure ours_sqlite "$BIN" import "$CSV" --db "sqlite:$WORK/ours.db"
sqlite3 "$WORK/peer.db" "CREATE TABLE obs (plan TEXT, indicator TEXT, period TEXT, value TEXT);"
measure peer_sqlite sqlite3 "$WORK/peer.db" ".import --csv --skip 1 $CSV obs"

# --- PostgreSQL ---------------------------------------------------------------------------
DBN="shinchoku_bench_$$"
psql -q "$PGADMIN" -c "DROP DATABASE IF EXISTS $DBN" -c "CREATE DATABASE $DBN" >/dev/null
psql -q "$PGADMIN" -c "DROP DATABASE IF EXISTS ${DBN}_peer" -c "CREATE DATABASE ${DBN}_peer" >/dev/null
"$BIN" import "$WORK"/data/plans/*.toml --db "$PGBASE/$DBN" >/dev/null
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

python3 - "$WORK" "$ROWS" > bench/import-results.json <<'PY'
import json, sys
work, rows = sys.argv[1], int(sys.argv[2])
def t(name):
    s, m = open(f"{work}/{name}.time").read().split()
    return float(s), int(m)
out = []
for db, peer in (("sqlite", "sqlite3 .import"), ("postgres", "psql \\copy")):
    ours_s, ours_kb = t(f"ours_{db}")
    peer_s, _ = t(f"peer_{db}")
    out.append({
        "name": f"import {rows} observation rows from CSV ({db})",
        "ours_s": ours_s, "peer": peer, "peer_s": peer_s,
        "ratio": round(peer_s / ours_s, 3) if ours_s > 0 else None,
        "goal": 0.5,
        "ours_peak_rss_mb": round(ours_kb / 1024, 1),
        "rss_goal_mb": 300,
    })
json.dump(out, sys.stdout, ensure_ascii=False, indent=2)
print()
PY
cat bench/import-results.json
