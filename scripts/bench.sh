#!/usr/bin/env bash
# `make bench`: the portal's pages and periodic sweeps on a real PostgreSQL (bench/bench_portal.py),
# a partner unit's consultancy statement over 10,000 sessions in the same database
# (bench/bench_consultancy.py; BENCH_CONSULTANCY=0 skips it), the knowledge base's search and
# suggestions over 100,000 articles (bench/bench_knowledge.py; BENCH_KNOWLEDGE=0), Consulta de Soluções
# over 1,000,000 solutions (bench/bench_solutions.py; BENCH_SOLUTIONS=0), then the SLA engine against
# businesstimedelta (bench/bench_sla.py; BENCH_SLA=0 skips it).
#
# When DATABASE_URL / REDIS_URL are not set, scripts/services.sh starts a throw-away PostgreSQL 15
# and Redis on free local ports and stops them (removing their files) when this script exits.
# A DATABASE_URL you set yourself must point to an EMPTY database you can throw away: the benchmark
# writes a million tickets into it (it refuses a database that already holds companies or tickets).
# Extra arguments go to bench_portal.py, e.g. `bash scripts/bench.sh --skip-sweeps --repeat 10`.
set -euo pipefail
cd "$(dirname "$0")/.."

BIN="$PWD/.venv/bin"
# The throw-away PostgreSQL gets the production stack's shared buffers (docker-compose.yml), not the
# 128 MB default, which holds a small part of a million tickets. PG_OPTIONS: other server settings.
export PG_OPTIONS="${PG_OPTIONS:--c shared_buffers=${POSTGRES_SHARED_BUFFERS:-2GB}}"
# shellcheck source=scripts/services.sh
source scripts/services.sh

export PORTAL_VAR_DIR="$WORK/var"
export DEBUG=0

log "manage.py migrate / collectstatic (PostgreSQL: $DATABASE_URL, Redis: $REDIS_URL)"
"$BIN/python" manage.py migrate --noinput >/dev/null
# DEBUG=0 serves static files through the manifest storage, as in production.
"$BIN/python" manage.py collectstatic --noinput >/dev/null

log "bench/bench_portal.py $*"
"$BIN/python" bench/bench_portal.py "$@"

if [ "${BENCH_CONSULTANCY:-1}" != 0 ]; then
  log "bench/bench_consultancy.py (BENCH_CONSULTANCY=0 skips it)"
  "$BIN/python" bench/bench_consultancy.py
fi

if [ "${BENCH_KNOWLEDGE:-1}" != 0 ]; then
  log "bench/bench_knowledge.py (BENCH_KNOWLEDGE=0 skips it)"
  "$BIN/python" bench/bench_knowledge.py
fi

if [ "${BENCH_SOLUTIONS:-1}" != 0 ]; then
  log "bench/bench_solutions.py (BENCH_SOLUTIONS=0 skips it)"
  "$BIN/python" bench/bench_solutions.py
fi

if [ "${BENCH_SLA:-1}" != 0 ]; then
  log "bench/bench_sla.py (BENCH_SLA=0 skips it)"
  "$BIN/python" bench/bench_sla.py
fi
