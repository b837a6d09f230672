#!/usr/bin/env bash
# Runs the whole suite on SQLite, then on PostgreSQL, with the browser (e2e) tests.
#
# PostgreSQL: TEST_DATABASE_URL, or the local server (postgres://postgres@127.0.0.1:5432/).
# Chromium: Debian's /usr/bin/chromium, installed with apt-get when missing and possible.
# Outside CI, a missing PostgreSQL or Chromium is reported loudly and only those parts are
# skipped; with CI=true both are mandatory (a stopped local PostgreSQL is started).
set -uo pipefail
cd "$(dirname "$0")/.."
BIN=.venv/bin
CI=${CI:-false}
status=0

banner() { printf '\n\033[1;33m==== %s ====\033[0m\n' "$*" >&2; }

# ---- Chromium for the browser tests
if [ ! -x /usr/bin/chromium ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    banner "Installing Debian's chromium for the browser tests"
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium) >&2 \
      || true
  elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
    (sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium) >&2 || true
  fi
fi
if [ -x /usr/bin/chromium ]; then
  export MAILLAGE_CHROMIUM=/usr/bin/chromium
elif [ "$CI" = true ]; then
  banner "FAIL: Debian's chromium is required in CI and could not be installed"
  exit 2
else
  banner "WARNING: no Debian chromium (apt-get install chromium): browser tests SKIPPED"
  export MAILLAGE_SKIP_E2E=1
fi

# ---- PostgreSQL
PG_URL=${TEST_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/maillage}
pg_ready() { "$BIN/python" scripts/pg_ready.py "$PG_URL" >/dev/null 2>&1; }
if ! pg_ready && [ -z "${TEST_DATABASE_URL:-}" ] && [ -d /etc/postgresql ]; then
  banner "Starting the local PostgreSQL"
  pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | sort -V | tail -n1)" main start \
    >&2 2>&1 || service postgresql start >&2 2>&1 || true
  for _ in 1 2 3 4 5 6 7 8 9 10; do pg_ready && break; sleep 1; done
fi
have_pg=false
if pg_ready; then have_pg=true
elif [ "$CI" = true ]; then
  banner "FAIL: PostgreSQL is required in CI and is not reachable at $PG_URL"
  exit 2
else
  banner "WARNING: PostgreSQL not reachable at $PG_URL: the PostgreSQL run is SKIPPED"
fi

# ---- quality gate: migrations in sync
"$BIN/maillage" makemigrations --check --dry-run >/dev/null \
  || { banner "FAIL: models changed without a migration (maillage makemigrations)"; status=1; }

banner "Test suite on SQLite"
env -u TEST_DATABASE_URL "$BIN/pytest" -q "$@" || status=1

if [ "$have_pg" = true ]; then
  banner "Test suite on PostgreSQL ($PG_URL)"
  TEST_DATABASE_URL="$PG_URL" "$BIN/pytest" -q --create-db "$@" || status=1
fi
exit $status
