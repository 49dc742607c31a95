#!/usr/bin/env bash
# Every benchmark with a peer or a goal, in one run, into bench/results.json (DESIGN.md →
# Benchmarks): `[{"name", "ours_s", "peer", "peer_s", "ratio", "goal"}]`, ratio = peer_s /
# ours_s (higher is better for us), peer and ratio null where nothing comparable runs here.
# BENCHMARKS.md quotes the ratios of one such run and says how each part is done.
#
#   bench/run.sh                 # everything: about 5 minutes on 2 cores once built
#   bench/run.sh extract         # one part (extract, import, evaluate, web; several may be
#                                # named); the other parts' rows in bench/results.json stay
#   QUICK=1 bench/run.sh         # small sizes, one round: checks the script, not the machine
#
# The parts:
#   extract   divan's medians of the extraction benchmarks (crates/import/benches/extract.rs):
#             the 10 MB document (UTF-8 and Shift_JIS), one huge table and a 5,000-heading
#             document at several sizes. No peer; the huge table's and the headings' rows
#             compare the largest size with the smallest scaled up linearly (goal: at least
#             half as fast per row as the smallest, i.e. linear growth).
#   import    bench/import.sh: a million-row Actuals CSV against `sqlite3 .import` and
#             `psql \copy` (goal ≥ 0.5), and saving the plan files on PostgreSQL against
#             SQLite (goal: within 3×, ratio ≥ 0.333), with peak RSS (goal < 300 MB).
#   evaluate  the national set end to end: `shinchoku evaluate DIR/plans --actuals
#             DIR/actuals.csv --fy 2024 --format csv` against DuckDB (goal ≥ 1) and pandas
#             (goal ≥ 10) computing the same CSV (bench/peers/, installed here from PyPI into a
#             virtualenv), and against the bare scan (`shinchoku bench-scan`, goal: ours within
#             3× of it, ratio ≥ 0.333). The peers' CSVs are compared with ours before any
#             timing; a difference stops the run. Three rounds, the median of each ratio.
#   publish   `shinchoku publish` of 4,000 indicators of 10 years each (50 synthetic bodies of
#             80; as many series of ten years as Open SDG's 1,000 indicators of 10 years ×
#             4 series, each ours with a page in two languages, a CSV and a JSON), against
#             Open SDG's measured build of that size, quoted (DESIGN.md → Benchmarks: 303 s;
#             goal ≥ 100). The median of three rounds, each into a new folder on disk and
#             one in tmpfs; then three rounds again into the first folder (nothing changed).
#             Then the national set (1,788 bodies of 80 indicators), once, timed alone: no
#             peer has been measured at that size.
#   web       bench/web.sh: the national set imported and served, wrk with 64 connections
#             against the dashboard, a plan page and an indicator page, side by side with
#             nginx serving the same pages saved as files (goal: a quarter of its throughput,
#             p99 under 50 ms), and how long `serve` takes to answer (goal: under 2 s).
#
# Needs what installs from the registries only: the Rust toolchain, Python 3 with venv (pip
# installs bench/peers/requirements.txt), sqlite3 and PostgreSQL (Debian; bench/import.sh
# installs and starts them when missing). For figures worth quoting, run it on a quiet machine:
# the load average is printed at the start and the end and recorded in the results.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$PWD"

PARTS=("$@")
[ ${#PARTS[@]} -eq 0 ] && PARTS=(extract import evaluate publish web)
for p in "${PARTS[@]}"; do
    case "$p" in extract|import|evaluate|publish|web) ;; *)
        echo "bench/run.sh: unknown part \"$p\" (extract, import, evaluate, publish, web)" >&2; exit 2 ;;
    esac
done
wants() { local p; for p in "${PARTS[@]}"; do [ "$p" = "$1" ] && return 0; done; return 1; }

QUICK="${QUICK:-}"
VENV="${PEERS_VENV:-/tmp/shinchoku-peers-venv}"
WORK="$(mktemp -d /tmp/shinchoku-bench.XXXXXX)"
trap 'rm -rf "$WORK"' EXIT
load() { cut -d' ' -f1-3 /proc/loadavg; }
LOAD_START="$(load)"
echo "load average at the start: $LOAD_START (nproc $(nproc))" >&2

cargo build --release --quiet -p shinchoku-cli
BIN="$ROOT/target/release/shinchoku"

# Each part writes its rows as a JSON array into $WORK/rows-PART.json.

# --- extraction ---------------------------------------------------------------------------
if wants extract; then
    echo "== extraction (divan)" >&2
    if [ -n "$QUICK" ]; then
        FILTER=(ten_mb huge_table many_headings --sample-count 1)
    else
        FILTER=(ten_mb huge_table many_headings)
    fi
    cargo bench --quiet -p shinchoku-import --bench extract -- "${FILTER[@]}" \
        | tee "$WORK/extract.txt" >&2
    python3 - "$WORK/extract.txt" > "$WORK/rows-extract.json" <<'PY'
import json, re, sys

UNITS = {"ns": 1e-9, "µs": 1e-6, "us": 1e-6, "ms": 1e-3, "s": 1.0, "m": 60.0}

def seconds(cell):
    m = re.fullmatch(r"\s*([0-9.]+)\s*(ns|µs|us|ms|s|m)\s*", cell)
    return float(m.group(1)) * UNITS[m.group(2)] if m else None

# divan's tree: "├─ name  fastest │ slowest │ median │ …", nested by "│  " prefixes.
medians, stack = {}, []
for line in open(sys.argv[1], encoding="utf-8"):
    m = re.match(r"^([│ ]*)[├╰]─ (\S+)(.*)$", line.rstrip("\n"))
    if not m:
        continue
    depth = len(m.group(1)) // 3
    stack = stack[:depth] + [m.group(2)]
    cells = m.group(3).split("│")
    if len(cells) >= 3 and seconds(cells[2]) is not None:
        medians["/".join(stack)] = seconds(cells[2])

def row(name, key, peer=None, peer_s=None, goal=None):
    ours = medians.get(key)
    if ours is None:
        sys.exit(f"bench/run.sh: divan printed no median for {key}")
    return {"name": name, "ours_s": ours, "peer": peer, "peer_s": peer_s,
            "ratio": round(peer_s / ours, 3) if peer_s else None, "goal": goal}

rows = [
    row("extract a 10 MB document (UTF-8)", "ten_mb"),
    row("extract a 10 MB document (Shift_JIS)", "ten_mb_shift_jis"),
]
SHAPES = (("huge_table", "rows", "extract one table of {n:,} rows"),
          ("many_headings", "headings", "extract a document of {n:,} headings"))
for shape, unit, title in SHAPES:
    sizes = sorted(int(k.split("/")[1]) for k in medians if k.startswith(shape + "/"))
    for n in sizes:
        rows.append(row(title.format(n=n), f"{shape}/{n}"))
    if len(sizes) >= 2:
        small, big = sizes[0], sizes[-1]
        linear = medians[f"{shape}/{small}"] * big / small
        rows.append(row(f"{shape}: {big:,} {unit} against {small:,} scaled linearly",
                        f"{shape}/{big}", f"{small:,} {unit} × {big // small}", linear, 0.5))
json.dump(rows, sys.stdout, ensure_ascii=False)
PY
fi

# --- import -------------------------------------------------------------------------------
if wants import; then
    echo "== import (bench/import.sh)" >&2
    govs=952
    [ -n "$QUICK" ] && govs=20
    ROWS_GOVERNMENTS="$govs" SHINCHOKU_BIN="$BIN" RESULTS="$WORK/rows-import.json" \
        bench/import.sh >/dev/null
fi

# --- evaluation of the national set -------------------------------------------------------
if wants evaluate; then
    echo "== evaluation end to end (national set)" >&2
    if [ ! -x "$VENV/bin/python" ]; then
        echo "installing the peers into $VENV (PyPI)…" >&2
        if ! python3 -m venv "$VENV" >&2; then
            echo "installing python3-venv (Debian)…" >&2
            apt-get update -qq >&2 && apt-get install -y -qq python3-venv >&2
            python3 -m venv "$VENV" >&2
        fi
        "$VENV/bin/pip" install --quiet -r bench/peers/requirements.txt >&2
    fi
    PY="$VENV/bin/python"
    if [ -n "$QUICK" ]; then govs=50; rounds=1; else govs=1788; rounds=3; fi
    DATA="$WORK/national"
    "$BIN" bench-data --governments "$govs" --indicators-per 80 --years 10 --seed 1 \
        --out "$DATA" >&2
    ours=("$BIN" evaluate "$DATA/plans" --actuals "$DATA/actuals.csv" --fy 2024 --format csv)
    scan=("$BIN" bench-scan "$DATA/plans" "$DATA/actuals.csv")
    duck=("$PY" bench/peers/evaluate_duckdb.py "$DATA/plans" --actuals "$DATA/actuals.csv" --fy 2024)
    pand=("$PY" bench/peers/evaluate_pandas.py "$DATA/plans" --actuals "$DATA/actuals.csv" --fy 2024)

    # They compute what we compute, or nothing is timed.
    "${ours[@]}" > "$WORK/ours.csv"
    "${duck[@]}" -o "$WORK/duckdb.csv" 2>/dev/null
    "${pand[@]}" -o "$WORK/pandas.csv" 2>/dev/null
    python3 bench/peers/compare.py "$WORK/ours.csv" "$WORK/duckdb.csv" >&2
    python3 bench/peers/compare.py "$WORK/ours.csv" "$WORK/pandas.csv" >&2

    # timed NAME CMD… : wall seconds (from the clock in ns: /usr/bin/time's 10 ms steps would be
    # a seventh of the floor) and peak RSS (KiB), appended to $WORK/eval.times.
    timed() {
        local name="$1"; shift
        local t0 t1
        t0=$(date +%s%N)
        /usr/bin/time -f "%M" -o "$WORK/rss" "$@" >/dev/null 2>"$WORK/err" || {
            echo "$name failed:" >&2; cat "$WORK/err" >&2; exit 1; }
        t1=$(date +%s%N)
        echo "$name $(( (t1 - t0) / 1000 )) $(tail -n1 "$WORK/rss")" | tee -a "$WORK/eval.times" >&2
    }
    # Each round runs ours and the floor before and after the peers, and uses their means,
    # so that a change of load during a round touches both sides of its ratios.
    for r in $(seq 1 "$rounds"); do
        echo "round $r" >> "$WORK/eval.times"
        timed ours "${ours[@]}"
        timed floor "${scan[@]}"
        timed duckdb "${duck[@]}" -o "$WORK/d.csv"
        timed pandas "${pand[@]}" -o "$WORK/p.csv"
        timed ours "${ours[@]}"
        timed floor "${scan[@]}"
    done
    python3 - "$WORK/eval.times" "$DATA" > "$WORK/rows-evaluate.json" <<'PY'
import json, os, statistics, sys

rounds = []
for line in open(sys.argv[1]):
    parts = line.split()
    if parts[0] == "round":
        rounds.append({})
    else:
        # µs, KiB
        rounds[-1].setdefault(parts[0], []).append((int(parts[1]) / 1e6, int(parts[2])))
plans = len(os.listdir(os.path.join(sys.argv[2], "plans")))

def mean(r, name):
    return statistics.fmean(s for s, _ in r[name])

def peak(name):
    return round(max(kb for r in rounds for _, kb in r[name]) / 1024, 1)

def row(name, ours_key, peer, peer_key, goal):
    # The round whose ratio is the median; its own times go with it.
    per = sorted(rounds, key=lambda r: mean(r, peer_key) / mean(r, ours_key))
    mid = per[len(per) // 2]
    ours_s, peer_s = mean(mid, ours_key), mean(mid, peer_key)
    return {"name": name, "ours_s": round(ours_s, 4), "peer": peer,
            "peer_s": round(peer_s, 4), "ratio": round(peer_s / ours_s, 3), "goal": goal,
            "rounds": [round(mean(r, peer_key) / mean(r, ours_key), 3) for r in rounds],
            "ours_peak_rss_mb": peak(ours_key), "peer_peak_rss_mb": peak(peer_key)}

what = f"evaluate {plans:,} plan files and their actuals end to end (FY2024, CSV)"
json.dump([
    row(what, "ours", "DuckDB (bench/peers/evaluate_duckdb.py)", "duckdb", 1),
    row(what, "ours", "pandas (bench/peers/evaluate_pandas.py)", "pandas", 10),
    # Here the floor is the faster: ratio = floor / ours, the goal ours within 3x of it.
    row(what, "ours", "bare scan (shinchoku bench-scan)", "floor", 0.333),
], sys.stdout, ensure_ascii=False)
PY
fi

# --- the public site ------------------------------------------------------------------------
if wants publish; then
    echo "== publish" >&2
    GOVS=50
    [ -n "$QUICK" ] && GOVS=2
    DATA="$WORK/publish-data"
    "$BIN" bench-data --out "$DATA" --governments "$GOVS" --indicators-per 80 --years 10 >/dev/null
    PDB="sqlite:$WORK/publish.db"
    "$BIN" import --db "$PDB" "$DATA"/plans/*.toml "$DATA/actuals.csv" >/dev/null
    # Into a new folder on disk each round, into memory (/dev/shm, tmpfs) where there is one,
    # and again into the first round's folder (nothing changed, so nothing is rewritten). No
    # folder is removed until every round is done: on ext4 without a journal (this machine's
    # disk) a new file is dear for minutes after many files near it were deleted, as the inode
    # allocator steps over every recently freed inode (BENCHMARKS.md → Publishing).
    SHM=""
    [ -d /dev/shm ] && [ -w /dev/shm ] && SHM="/dev/shm/shinchoku-bench-site-$$"
    : > "$WORK/publish-times"
    : > "$WORK/publish-times-shm"
    : > "$WORK/publish-times-again"
    for round in 1 2 3; do
        sync
        start=$(date +%s%N)
        "$BIN" publish --db "$PDB" --out "$WORK/site-$round" >/dev/null
        echo $(( $(date +%s%N) - start )) >> "$WORK/publish-times"
        if [ -n "$SHM" ]; then
            start=$(date +%s%N)
            "$BIN" publish --db "$PDB" --out "$SHM-$round" >/dev/null
            echo $(( $(date +%s%N) - start )) >> "$WORK/publish-times-shm"
        fi
    done
    for round in 1 2 3; do
        sync
        start=$(date +%s%N)
        "$BIN" publish --db "$PDB" --out "$WORK/site-1" >/dev/null
        echo $(( $(date +%s%N) - start )) >> "$WORK/publish-times-again"
    done
    FILES=$(find "$WORK/site-1" -type f | wc -l)
    if [ -n "$SHM" ]; then rm -rf "$SHM"-*; fi
    NATIONAL=""
    if [ -z "$QUICK" ]; then
        ND="$WORK/national"
        "$BIN" bench-data --out "$ND" --governments 1788 --indicators-per 80 --years 10 >/dev/null
        NDB="sqlite:$WORK/national.db"
        "$BIN" import --db "$NDB" "$ND"/plans/*.toml "$ND/actuals.csv" >/dev/null
        start=$(date +%s%N)
        "$BIN" publish --db "$NDB" --out "$WORK/national-site" >/dev/null
        NATIONAL="$(( $(date +%s%N) - start )) $(find "$WORK/national-site" -type f | wc -l)"
        rm -rf "$WORK/national-site" "$ND" "$WORK/national.db"
    fi
    rm -rf "$WORK"/site-*
    python3 - "$WORK/publish-times" "$GOVS" "$FILES" "$NATIONAL" "$WORK/publish-times-shm" "$WORK/publish-times-again" > "$WORK/rows-publish.json" <<'PY'
import json, os, statistics, sys
indicators = int(sys.argv[2]) * 80
rows = []
# The third is a republication with nothing to rewrite: no peer measured that, so no ratio.
for path, where, peer in [(sys.argv[1], "into a new folder on disk", True),
                          (sys.argv[5], "into memory (tmpfs)", True),
                          (sys.argv[6], "again into the same folder, nothing changed", False)]:
    if not os.path.exists(path) or os.path.getsize(path) == 0:
        continue
    times = sorted(int(t) / 1e9 for t in open(path))
    ours = statistics.median(times)
    row = {
        "name": f"publish the site of {indicators:,} indicators of 10 years ({int(sys.argv[3]):,} files), {where}",
        "ours_s": round(ours, 3),
        "peer": None, "peer_s": None, "ratio": None, "goal": None,
        "rounds_s": [round(t, 3) for t in times],
    }
    if peer:
        row.update({
            "peer": "Open SDG build, 1,000 indicators of 10 years x 4 series (quoted)",
            "peer_s": 303, "quoted": True,
            "ratio": round(303 / ours, 1), "goal": 100,
        })
    rows.append(row)
if sys.argv[4]:
    ns, files = sys.argv[4].split()
    rows.append({
        "name": f"publish the national set: 143,040 indicators of 10 years ({int(files):,} files)",
        "ours_s": round(int(ns) / 1e9, 2), "peer": None, "peer_s": None, "ratio": None,
        "goal": None,
    })
json.dump(rows, sys.stdout, ensure_ascii=False)
PY
fi

# --- the web application under load ---------------------------------------------------------
if wants web; then
    echo "== web (bench/web.sh)" >&2
    SHINCHOKU_BIN="$BIN" RESULTS="$WORK/rows-web.json" QUICK="$QUICK" bench/web.sh >/dev/null
fi

# --- bench/results.json ---------------------------------------------------------------------
LOAD_END="$(load)"
echo "load average at the end: $LOAD_END" >&2
# A quick run checks the script; its figures are not the committed ones.
OUT="${RESULTS:-bench/results.json}"
[ -n "$QUICK" ] && OUT="${RESULTS:-/tmp/shinchoku-bench-quick.json}"
python3 - "$WORK" "$LOAD_START" "$LOAD_END" "$OUT" "${PARTS[@]}" > "$WORK/all.json" <<'PY'
import json, os, sys
work, start, end, out, parts = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5:]
# The parts not run this time keep their rows from the last run that did.
rows = []
if os.path.exists(out):
    rows = [r for r in json.load(open(out, encoding="utf-8")) if r.get("part") not in parts]
for p in parts:
    for r in json.load(open(f"{work}/rows-{p}.json", encoding="utf-8")):
        r.setdefault("part", p)
        r["load_average"] = {"start": start, "end": end}
        rows.append(r)
json.dump(rows, sys.stdout, ensure_ascii=False, indent=2)
print()
PY
cp "$WORK/all.json" "$OUT"
python3 - "$OUT" <<'PY' >&2
import json, sys
for r in json.load(open(sys.argv[1], encoding="utf-8")):
    ratio = "—" if r["ratio"] is None else f'{r["ratio"]:.3g}'
    goal = "" if r["goal"] is None else (f' (goal ≥ {r["goal"]})' if isinstance(r["goal"], (int, float)) else f' (goal {r["goal"]})')
    print(f'{r["name"][:70]:70}  {r["ours_s"]:9.4g} s  ratio {ratio}{goal}  vs {r["peer"]}')
PY
echo "wrote $OUT" >&2
