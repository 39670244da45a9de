#!/usr/bin/env bash
# Starts a throw-away PostgreSQL server for the test suite on 127.0.0.1:${GIAMNGHEO_PG_PORT:-54329}
# (installing Debian's postgresql package when it is missing) and prints the URL to use as
# GIAMNGHEO_TEST_PG. Idempotent: a server already answering on that port is reused.
set -euo pipefail
port="${GIAMNGHEO_PG_PORT:-54329}"
dir="${GIAMNGHEO_PG_DIR:-/tmp/giamngheo-pg-$port}"
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
if [ -z "$bin" ]; then
  echo "Installing PostgreSQL…" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2 && apt-get install -y -qq postgresql >&2
  bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
fi
url="postgres://postgres@127.0.0.1:$port/postgres"
if "$bin/pg_isready" -h 127.0.0.1 -p "$port" -q 2>/dev/null; then echo "$url"; exit 0; fi
run() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
if [ ! -f "$dir/PG_VERSION" ]; then
  mkdir -p "$dir"
  [ "$(id -u)" = 0 ] && chown postgres "$dir"
  run "$bin/initdb" -D "$dir" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >/dev/null
fi
run "$bin/pg_ctl" -D "$dir" -l "$dir/server.log" -w -o "-p $port -k /tmp -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" start >&2
echo "$url"
