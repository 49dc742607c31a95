#!/usr/bin/env bash
# Starts a throwaway PostgreSQL cluster on 127.0.0.1 for the storage tests and prints the URL
# the tests read from SHINCHOKU_TEST_POSTGRES. Installs Debian's `postgresql` when it is not
# there (CI: a fresh machine). The cluster lives in a temporary directory, owned by the
# `postgres` system user (initdb refuses to run as root), listens on 127.0.0.1 only, trusts
# local connections (it holds nothing but test data), is sized like a small server rather than
# PostgreSQL's defaults (shared_buffers 256 MB: the benchmark writes a million rows in one
# transaction), and is stopped by `.ci/postgres.sh stop`.
#
#   eval "$(.ci/postgres.sh start)"   # exports SHINCHOKU_TEST_POSTGRES and PG_TEST_DIR
#   .ci/postgres.sh stop
set -euo pipefail

# The first free port from 55432 (or PG_TEST_PORT): a developer may run a cluster already.
port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
PORT="${PG_TEST_PORT:-55432}"
while ! port_free "$PORT"; do PORT=$((PORT + 1)); done

pg_bin() {
    local d
    d="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
    [ -n "$d" ] && [ -x "$d/initdb" ] && echo "$d"
}

as_postgres() {
    if [ "$(id -u)" = 0 ]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

case "${1:-start}" in
start)
    if [ -z "$(pg_bin)" ]; then
        echo "installing postgresql (Debian)…" >&2
        export DEBIAN_FRONTEND=noninteractive
        apt-get update -qq >&2
        apt-get install -y -qq postgresql >&2
    fi
    BIN="$(pg_bin)"
    DIR="$(mktemp -d /tmp/shinchoku-pg.XXXXXX)"
    if [ "$(id -u)" = 0 ]; then chown postgres "$DIR"; fi
    as_postgres "$BIN/initdb" -D "$DIR/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >&2
    as_postgres "$BIN/pg_ctl" -D "$DIR/data" -l "$DIR/log" -w \
        -o "-c listen_addresses=127.0.0.1 -p $PORT -k $DIR -c fsync=off -c max_connections=200 -c shared_buffers=256MB -c work_mem=32MB -c max_wal_size=2GB" start >&2
    echo "export PG_TEST_DIR=$DIR"
    echo "export SHINCHOKU_TEST_POSTGRES=postgres://postgres@127.0.0.1:$PORT/postgres"
    ;;
stop)
    DIR="${PG_TEST_DIR:?PG_TEST_DIR is not set: eval the output of start first}"
    as_postgres "$(pg_bin)/pg_ctl" -D "$DIR/data" -m fast stop >&2 || true
    rm -rf "$DIR"
    ;;
*)
    echo "usage: .ci/postgres.sh start|stop" >&2
    exit 2
    ;;
esac
