# The set-up the storage benchmarks share (bench/import.sh, bench/import-floor.sh), sourced
# after `cd` to the repository: a scratch directory removed on exit, `sqlite3` (installed from
# Debian when missing), a PostgreSQL server (SHINCHOKU_TEST_POSTGRES, else a throwaway cluster
# from .ci/postgres.sh, stopped on exit), and the binary under test (SHINCHOKU_BIN, else the
# release build of this tree).
#
#   bench_setup NAME   # sets WORK, PGADMIN, PGBASE, BIN
bench_setup() {
    WORK="$(mktemp -d "/tmp/shinchoku-bench-$1.XXXXXX")"
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
    # SHINCHOKU_BIN measures another build (an older commit's, for a before-and-after) with
    # the same steps.
    if [ -n "${SHINCHOKU_BIN:-}" ]; then
        BIN="$SHINCHOKU_BIN"
    else
        cargo build --release --quiet -p shinchoku-cli
        BIN="$PWD/target/release/shinchoku"
    fi
}
