#!/usr/bin/env bash
# The JSON API against its own OpenAPI description, with schemathesis (PyPI): it reads
# /api/openapi.json, generates requests for every operation from the schema (valid ones and
# invalid ones, alone and chained along the links between operations) and checks every
# answer with all of its checks: among them no 5xx (`not_a_server_error`), a body that fits
# the schema documented for its status (`response_schema_conformance`), only documented
# statuses and content types, invalid input refused and valid input accepted, and writes
# refused without credentials (`ignored_auth`). The version is pinned, so "all" is a fixed
# set. It runs twice: without credentials (every write must answer 401), then with a bearer
# token of the demo's administrator (`shinchoku token add`), so the writes are generated with
# the right to write too and meet real plans, wrong ones, bad fields and stale versions.
#
# The server is `shinchoku demo` on a temporary SQLite database (the bundled sample plans, so
# generated codes and ids meet real plans as well as missing ones), on 127.0.0.1 and a port
# the system picks, stopped when this script ends. schemathesis is installed at a pinned
# version into a virtualenv under /tmp (SCHEMATHESIS_VENV to choose another). Python 3 with
# venv is installed from Debian when missing; without it the check is skipped, except under
# CI=true, where it fails.
#
# Usage: .ci/schemathesis.sh [more schemathesis options]   (e.g. --max-examples 20)
set -euo pipefail
cd "$(dirname "$0")/.."

SCHEMATHESIS_VERSION=4.32.5
VENV="${SCHEMATHESIS_VENV:-/tmp/shinchoku-schemathesis-venv}"

missing() {
    if [ "${CI:-}" = true ]; then
        echo "schemathesis: $1 (required under CI=true)" >&2
        exit 1
    fi
    echo "schemathesis: $1; skipped" >&2
    exit 0
}

if ! python3 -c 'import venv, ensurepip' 2>/dev/null; then
    if command -v apt-get >/dev/null && [ "$(id -u)" = 0 ]; then
        echo "installing python3 and python3-venv (Debian)…" >&2
        apt-get update -qq >&2 && apt-get install -y -qq python3 python3-venv >&2 || true
    fi
    python3 -c 'import venv, ensurepip' 2>/dev/null || missing "python3 with venv is not installed"
fi
if [ "$("$VENV/bin/schemathesis" --version 2>/dev/null)" != "schemathesis, version $SCHEMATHESIS_VERSION" ]; then
    python3 -m venv "$VENV" >&2 || missing "cannot make a virtualenv at $VENV"
    "$VENV/bin/pip" install --quiet "schemathesis==$SCHEMATHESIS_VERSION" >&2 ||
        missing "pip cannot install schemathesis==$SCHEMATHESIS_VERSION"
fi

cargo build --quiet -p shinchoku-cli
target="${CARGO_TARGET_DIR:-target}"
case "$target" in /*) ;; *) target="$(pwd)/$target" ;; esac
bin="$target/debug/shinchoku"

tmp="$(mktemp -d /tmp/shinchoku-schemathesis.XXXXXX)"
server=""
cleanup() {
    if [ -n "$server" ]; then
        kill "$server" 2>/dev/null || true
        wait "$server" 2>/dev/null || true
    fi
    rm -rf "$tmp"
}
trap cleanup EXIT

"$bin" demo --db "sqlite:$tmp/api.db" --bind 127.0.0.1:0 --quiet >"$tmp/out" 2>"$tmp/err" &
server=$!
# The first line names the address (`http://127.0.0.1:PORT/`) once the server listens.
base=""
for _ in $(seq 1 600); do
    base="$(grep -o 'http://127\.0\.0\.1:[0-9]*' "$tmp/out" | head -n1 || true)"
    [ -n "$base" ] && break
    if ! kill -0 "$server" 2>/dev/null; then
        cat "$tmp/err" >&2
        echo "schemathesis: the demo server stopped before it answered" >&2
        exit 1
    fi
    sleep 0.1
done
[ -n "$base" ] || { cat "$tmp/err" >&2; echo "schemathesis: no address after 60 s" >&2; exit 1; }
echo "API at $base/api/openapi.json"

# A fixed seed: the same cases on every run, so a failure reproduces. Run from the temporary
# directory, so that schemathesis's own cache (.schemathesis/) stays out of the work tree.
token="$("$bin" token add --user admin --label schemathesis --db "sqlite:$tmp/api.db")"
cd "$tmp"
echo "== without credentials =="
"$VENV/bin/schemathesis" run "$base/api/openapi.json" \
    --wait-for-schema 30 \
    --checks all \
    --seed 15 \
    --workers 2 \
    "$@"
echo "== with the administrator's bearer token =="
# With the right to write, one check is left out: `positive_data_acceptance` expects every
# request that fits the schema to succeed, but whether a write can succeed depends on the
# stored data (a CSV's rows must name stored plans and indicators, a year must be in the plan),
# which no schema can say: such a write is refused with 422 naming the field, as it should be.
"$VENV/bin/schemathesis" run "$base/api/openapi.json" \
    --wait-for-schema 30 \
    --checks all \
    --exclude-checks positive_data_acceptance \
    --seed 15 \
    --workers 2 \
    -H "Authorization: Bearer $token" \
    "$@"
