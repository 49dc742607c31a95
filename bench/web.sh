#!/usr/bin/env bash
# The web application's load benchmark (issue 15): the national set (`bench-data --governments
# 1788 --indicators-per 80 --years 10`) imported into SQLite and served by `shinchoku serve`,
# side by side in one run with nginx serving the same pages saved as files. wrk (64
# connections, 2 threads, on loopback) asks each for the dashboard, a plan page and an
# indicator page, ours then nginx, page by page. Also: how long `serve` takes from its start
# until the dashboard answers (goal under 2 s).
#
# Rows (DESIGN.md → Benchmarks' form) into $RESULTS (default bench/web-results.json):
#   "serve PAGE: throughput"  ours_s = 1 / our requests per second, peer_s = nginx's;
#                             ratio = ours / nginx requests per second (goal ≥ 0.25)
#   "serve PAGE: p99 latency" ours_s = our 99th percentile, no peer (goal: under 0.05 s)
#   "serve: start until the dashboard answers"  ours_s, no peer (goal: under 2 s)
#
#   bench/web.sh                 # about 3 minutes once the data is imported
#   QUICK=1 bench/web.sh         # 50 governments, 3 s per page: checks the script
#
# Needs what installs from the registries: wrk and nginx (Debian; installed here when missing),
# curl, python3.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$PWD"

QUICK="${QUICK:-}"
RESULTS="${RESULTS:-bench/web-results.json}"
if [ -n "$QUICK" ]; then GOVS=50; DURATION=3s; else GOVS=1788; DURATION=10s; fi

for tool in wrk nginx curl; do
    if ! command -v "$tool" >/dev/null; then
        echo "installing wrk, nginx and curl (Debian)…" >&2
        apt-get update -qq >&2 && apt-get install -y -qq wrk nginx curl >&2
        break
    fi
done

if [ -n "${SHINCHOKU_BIN:-}" ]; then
    BIN="$SHINCHOKU_BIN"
else
    cargo build --release --quiet -p shinchoku-cli
    BIN="$ROOT/target/release/shinchoku"
fi

WORK="$(mktemp -d /tmp/shinchoku-bench-web.XXXXXX)"
chmod 755 "$WORK"   # nginx's workers read the saved pages
SERVER_PID=""
cleanup() {
    [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null || true
    [ -f "$WORK/nginx.pid" ] && kill "$(cat "$WORK/nginx.pid")" 2>/dev/null || true
    rm -rf "$WORK"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

echo "load average at the start: $(cut -d' ' -f1-3 /proc/loadavg) (nproc $(nproc))" >&2
"$BIN" bench-data --governments "$GOVS" --indicators-per 80 --years 10 --seed 1 --out "$WORK/data" >&2
DB="sqlite:$WORK/national.db"
echo "importing $GOVS plans and their actuals…" >&2
"$BIN" import "$WORK"/data/plans/*.toml --db "$DB" >/dev/null
"$BIN" import "$WORK/data/actuals.csv" --db "$DB" >/dev/null

# --- start: from the process's start until the dashboard answers ----------------------------
PORT="$(free_port)"
T0=$(date +%s%N)
"$BIN" serve --db "$DB" --bind "127.0.0.1:$PORT" --quiet >/dev/null 2>"$WORK/serve.err" &
SERVER_PID=$!
until curl -fs -o /dev/null "http://127.0.0.1:$PORT/"; do
    kill -0 "$SERVER_PID" 2>/dev/null || { cat "$WORK/serve.err" >&2; exit 1; }
    sleep 0.01
done
T1=$(date +%s%N)
START_S=$(python3 -c "print(($T1 - $T0) / 1e9)")
echo "serve answered the dashboard after ${START_S}s" >&2

# --- the pages, saved as files for nginx ----------------------------------------------------
OURS="http://127.0.0.1:$PORT"
PLAN_PATH="/plans/bench-0001"
IND_PATH="$(curl -fs "$OURS$PLAN_PATH" | grep -o 'href="/plans/bench-0001/indicators/[^"]*"' | head -n1 | cut -d'"' -f2)"
[ -n "$IND_PATH" ] || { echo "no indicator link on $PLAN_PATH" >&2; exit 1; }
PAGES=("dashboard /" "plan $PLAN_PATH" "indicator $IND_PATH")
mkdir -p "$WORK/site"
for p in "${PAGES[@]}"; do
    path="${p#* }"
    mkdir -p "$WORK/site$path"
    curl -fs "$OURS$path" -o "$WORK/site$path/index.html"
done
NGINX_PORT="$(free_port)"
cat > "$WORK/nginx.conf" <<CONF
worker_processes 2;
pid $WORK/nginx.pid;
error_log $WORK/nginx.err;
events { worker_connections 1024; }
http {
    access_log off;
    default_type text/html;
    server {
        listen 127.0.0.1:$NGINX_PORT;
        root $WORK/site;
        location / { try_files \$uri \$uri/index.html =404; }
    }
}
CONF
nginx -c "$WORK/nginx.conf"
PEER="http://127.0.0.1:$NGINX_PORT"
for p in "${PAGES[@]}"; do
    path="${p#* }"
    cmp -s <(curl -fs "$OURS$path") <(curl -fs "$PEER$path") \
        || { echo "nginx does not serve the same $path" >&2; exit 1; }
done

# --- load, page by page, ours then nginx ----------------------------------------------------
for p in "${PAGES[@]}"; do
    name="${p%% *}"; path="${p#* }"
    for side in ours peer; do
        base="$OURS"; [ "$side" = peer ] && base="$PEER"
        wrk -t2 -c64 -d"$DURATION" --latency "$base$path" > "$WORK/wrk-$name-$side.txt"
        echo "$name $side: $(grep -E 'Requests/sec| 99%' "$WORK/wrk-$name-$side.txt" | tr -s ' ' | tr '\n' ' ')" >&2
    done
done

python3 - "$WORK" "$START_S" "$GOVS" > "$RESULTS" <<'PY'
import json, re, sys
work, start_s, govs = sys.argv[1], float(sys.argv[2]), int(sys.argv[3])
UNITS = {"us": 1e-6, "ms": 1e-3, "s": 1.0}

def wrk(name, side):
    text = open(f"{work}/wrk-{name}-{side}.txt").read()
    rps = float(re.search(r"Requests/sec:\s+([0-9.]+)", text).group(1))
    m = re.search(r"^\s+99%\s+([0-9.]+)(us|ms|s)\s*$", text, re.M)
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
    if errors:
        sys.exit(f"bench/web.sh: {name} ({side}) answered {errors.group(1)} errors")
    return rps, float(m.group(1)) * UNITS[m.group(2)]

rows = []
for name in ("dashboard", "plan", "indicator"):
    ours_rps, ours_p99 = wrk(name, "ours")
    peer_rps, _ = wrk(name, "peer")
    what = f"serve the {name} page of the national set ({govs:,} plans), wrk 64 connections"
    rows.append({"name": f"{what}: throughput", "ours_s": round(1 / ours_rps, 7),
                 "peer": "nginx serving the same page saved as a file",
                 "peer_s": round(1 / peer_rps, 7), "ratio": round(ours_rps / peer_rps, 3),
                 "goal": 0.25, "ours_rps": round(ours_rps), "peer_rps": round(peer_rps)})
    rows.append({"name": f"{what}: p99 latency", "ours_s": round(ours_p99, 5), "peer": None,
                 "peer_s": None, "ratio": None, "goal": "under 0.05 s"})
rows.append({"name": f"serve the national set ({govs:,} plans): start until the dashboard answers",
             "ours_s": round(start_s, 3), "peer": None, "peer_s": None, "ratio": None,
             "goal": "under 2 s"})
json.dump(rows, sys.stdout, ensure_ascii=False, indent=2)
print()
PY
cat "$RESULTS"
