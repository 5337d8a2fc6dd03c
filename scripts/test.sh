#!/usr/bin/env bash
# The whole suite on a real PostgreSQL and a real Redis.
#
# When DATABASE_URL / REDIS_URL are not set, this script starts a throw-away PostgreSQL 15 and
# Redis on free local ports (PostgreSQL as the `postgres` user: it refuses to run as root),
# and a throw-away Dovecot (IMAP) for the incoming-mail tests, installs what the machine lacks
# (redis-server, chromium, dovecot-imapd) with apt-get, and stops everything
# when the run ends, whatever its outcome. Extra arguments go to pytest. Without arguments (or with
# FULLTEXT_SQLITE=1) the full-text cases (marker `fulltext`) run a second time on SQLite.
set -euo pipefail
cd "$(dirname "$0")/.."

BIN="$PWD/.venv/bin"
NEED_CHROMIUM=1 NEED_GETTEXT=1 NEED_IMAP=1
# shellcheck source=scripts/services.sh
source scripts/services.sh

export PORTAL_VAR_DIR="$WORK/var"

if [ -z "${PYTEST_ONLY:-}" ]; then  # PYTEST_ONLY=1: just the tests (while iterating)
  log "mypy (strict on the core, the baseline elsewhere: pyproject.toml)"
  "$BIN/mypy"

  log "ruff"
  "$BIN/ruff" check .
  "$BIN/ruff" format --check .

  log "lint-imports (the architecture contracts of pyproject.toml)"
  "$BIN/lint-imports" --no-logo --no-cache

  log "manage.py check / makemigrations --check"
  "$BIN/python" manage.py check --fail-level WARNING
  "$BIN/python" manage.py makemigrations --check --dry-run
fi

log "pytest (PostgreSQL: $DATABASE_URL, Redis: $REDIS_URL)"
"$BIN/pytest" "$@"

# The full-text cases again on the embedded default (SQLite FTS5), as `make run` searches.
if [ $# -eq 0 ] || [ -n "${FULLTEXT_SQLITE:-}" ]; then
  log "pytest -m fulltext on SQLite (the embedded default's search)"
  DATABASE_URL="sqlite:///$WORK/fulltext.sqlite3" "$BIN/pytest" -q -m fulltext
fi
