#!/usr/bin/env bash
# `make load` / `make soak`: the HTTP load test (locustfile.py) against gunicorn with the production
# settings (DEBUG=0, gunicorn.conf.py: 2 workers, the app preloaded and gc.freeze()), a throw-away
# PostgreSQL and Redis (scripts/services.sh) seeded with the benchmark's data (bench/seed_load.py:
# LOAD_TICKETS tickets, 50 companies with 4 contacts each, LOAD_ANALYSTS analysts).
#
# LOAD_USERS simulated users (default 50, spawned LOAD_SPAWN_RATE a second) for LOAD_SECONDS
# (default 120; `make soak`: 1800). Prints requests/s, p50/p95/p99, errors, the 5xx answers and the
# resident memory of the gunicorn workers at the start and the end. Exits non-zero on any error.
#
# Each simulated user signs in with its own account. The login limit per address (RATE_LIMIT_LOGIN,
# 30/m/ip by default) would refuse 50 people signing in from one machine within a minute: this
# script raises it for its own throw-away server only (LOAD_RATE_LIMIT_LOGIN); the failed-login
# limits (per address and per account) stay as configured.
set -euo pipefail
cd "$(dirname "$0")/.."

BIN="$PWD/.venv/bin"
# shellcheck source=scripts/services.sh
source scripts/services.sh

LOAD_USERS="${LOAD_USERS:-50}"
LOAD_SECONDS="${LOAD_SECONDS:-120}"
LOAD_SPAWN_RATE="${LOAD_SPAWN_RATE:-10}"
LOAD_TICKETS="${LOAD_TICKETS:-50000}"
LOAD_ANALYSTS="${LOAD_ANALYSTS:-10}"

export PORTAL_VAR_DIR="$WORK/var"
export DEBUG=0 HTTPS_ONLY=0 BEHIND_PROXY=0 LOG_LEVEL="${LOG_LEVEL:-WARNING}"
export SECRET_KEY="load-test-only-$(date +%s%N)"
export ALLOWED_HOSTS="127.0.0.1,localhost"
export RATE_LIMIT_LOGIN="${LOAD_RATE_LIMIT_LOGIN:-1000/m/ip}"
export CELERY_TASK_ALWAYS_EAGER=0
# Production settings want the remote-access key (its own throw-away one here).
export REMOTE_ACCESS_KEY="${REMOTE_ACCESS_KEY:-$("$BIN/python" -c 'from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())')}"

GUNICORN_PID=""
stop_server() {
  if [ -n "$GUNICORN_PID" ] && kill -0 "$GUNICORN_PID" 2>/dev/null; then
    kill -TERM "$GUNICORN_PID" 2>/dev/null || true
    for _ in $(seq 50); do kill -0 "$GUNICORN_PID" 2>/dev/null || break; sleep 0.2; done
  fi
}
on_exit() {
  local status=$?
  stop_server
  (exit "$status")
  cleanup
}
trap on_exit EXIT INT TERM

workers_rss_kb() {  # resident memory of each gunicorn worker (children of the master), in kB
  ps -o rss= --ppid "$GUNICORN_PID" | awk '{ total += $1; n += 1 } END { printf "%d %d\n", total, n }'
}

log "manage.py migrate / collectstatic (PostgreSQL: $DATABASE_URL, Redis: $REDIS_URL)"
"$BIN/python" manage.py migrate --noinput >/dev/null
"$BIN/python" manage.py collectstatic --noinput >/dev/null

log "seeding $LOAD_TICKETS tickets, 200 contacts, $LOAD_ANALYSTS analysts (bench/seed_load.py)"
export LOAD_ACCOUNTS="$WORK/load-accounts.json"
"$BIN/python" bench/seed_load.py --tickets "$LOAD_TICKETS" --analysts "$LOAD_ANALYSTS" --accounts "$LOAD_ACCOUNTS" \
  >"$WORK/seed.log" 2>&1 || { cat "$WORK/seed.log"; exit 1; }
grep -E "seeding total|statuses|load accounts" "$WORK/seed.log" || true

PORT="$(free_port)"
export GUNICORN_BIND="127.0.0.1:$PORT" GUNICORN_ACCESS_LOG="$WORK/access.log"
log "gunicorn -c gunicorn.conf.py portal.wsgi on $GUNICORN_BIND (${GUNICORN_WORKERS:-2} workers)"
"$BIN/gunicorn" -c gunicorn.conf.py portal.wsgi:application >"$WORK/gunicorn.log" 2>&1 &
GUNICORN_PID=$!
for _ in $(seq 100); do  # the login page: /healthz/ also wants a beat, which the load runs none of
  "$BIN/python" -c "import urllib.request; urllib.request.urlopen('http://$GUNICORN_BIND/conta/entrar/', timeout=2)" \
    2>/dev/null && break
  kill -0 "$GUNICORN_PID" 2>/dev/null || { cat "$WORK/gunicorn.log"; exit 1; }
  sleep 0.3
done
grep -h "gc.freeze" "$WORK/gunicorn.log" || true
read -r RSS_READY WORKERS <<<"$(workers_rss_kb)"
# The workers' memory once warmed up (templates compiled, lazy imports done, caches filled): the
# start of the growth a soak measures. LOAD_WARMUP_SECONDS: default a quarter of the run, at most 120 s.
WARMUP="${LOAD_WARMUP_SECONDS:-$(( LOAD_SECONDS / 4 < 120 ? LOAD_SECONDS / 4 : 120 ))}"
( sleep "$WARMUP"; workers_rss_kb >"$WORK/rss-warm" ) &
RSS_SAMPLER=$!
# One sample a minute, to tell a steady climb (a leak) from the warm-up's plateau.
( while sleep 60; do echo "$(date +%s) $(workers_rss_kb)" >>"$WORK/rss-samples"; done ) &
RSS_MINUTES=$!

log "locust: $LOAD_USERS users for ${LOAD_SECONDS}s (locustfile.py)"
set +e
"$BIN/locust" -f locustfile.py --headless --only-summary -u "$LOAD_USERS" -r "$LOAD_SPAWN_RATE" \
  -t "${LOAD_SECONDS}s" --host "http://$GUNICORN_BIND" --csv "$WORK/locust" --exit-code-on-error 1 \
  --loglevel WARNING
LOCUST_STATUS=$?
set -e
read -r RSS_END _ <<<"$(workers_rss_kb)"
wait "$RSS_SAMPLER" 2>/dev/null || true
kill "$RSS_MINUTES" 2>/dev/null || true
if [ -s "$WORK/rss-samples" ]; then
  log "workers' resident memory, one sample a minute (MB):"
  awk '{ printf "%s%.0f", (NR > 1 ? " " : "  "), $2 / 1024 } END { print "" }' "$WORK/rss-samples"
fi
read -r RSS_START _ <"$WORK/rss-warm" || RSS_START="$RSS_READY"

SERVER_ERRORS="$(awk '$9 ~ /^5[0-9][0-9]$/ { n += 1 } END { print n + 0 }' "$WORK/access.log")"
log "Summary"
"$BIN/python" - "$WORK/locust_stats.csv" "$RSS_READY" "$RSS_START" "$RSS_END" "$WORKERS" "$SERVER_ERRORS" "$WARMUP" <<'PY'
import csv
import sys

path, rss_ready, rss_start, rss_end, workers, server_errors, warmup = sys.argv[1:]
rows = list(csv.DictReader(open(path)))
total = next(row for row in rows if row["Name"] == "Aggregated")
for row in rows:
    if row["Name"] != "Aggregated":
        print(f"  {row['Type']:<5} {row['Name']:<22} {int(row['Request Count']):>7} req  "
              f"p50 {row['50%']:>6} ms  p95 {row['95%']:>6} ms  p99 {row['99%']:>6} ms  errors {row['Failure Count']}")
ready, start, end = int(rss_ready) / 1024, int(rss_start) / 1024, int(rss_end) / 1024
growth = (end - start) / start * 100 if start else float("nan")
print(
    f"requests {int(total['Request Count']):,}, {float(total['Requests/s']):.1f} req/s; "
    f"p50 {total['50%']} ms, p95 {total['95%']} ms, p99 {total['99%']} ms; "
    f"errors {total['Failure Count']}; 5xx {server_errors}"
)
print(
    f"gunicorn workers ({workers}) resident memory, all workers together: {ready:.0f} MB when ready, "
    f"{start:.0f} MB after the {warmup} s warm-up, {end:.0f} MB at the end: growth {growth:+.1f} % since the warm-up"
)
PY
if [ "$LOCUST_STATUS" != 0 ] || [ "$SERVER_ERRORS" != 0 ]; then
  log "FAILED: errors during the load (locust exit $LOCUST_STATUS, 5xx $SERVER_ERRORS); gunicorn log:"
  tail -40 "$WORK/gunicorn.log"
  exit 1
fi
