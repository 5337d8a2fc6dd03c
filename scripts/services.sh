# Shared by scripts/test.sh and scripts/bench.sh: installs what the machine lacks and starts a
# throw-away PostgreSQL 15 and Redis on free local ports when DATABASE_URL / REDIS_URL are not set,
# stopping them (and removing their files) when the calling script exits.
# Requires: BIN (the virtualenv's bin directory).

PG_BIN="${PG_BIN:-/usr/lib/postgresql/15/bin}"

log() { printf '\033[1m== %s\033[0m\n' "$*"; }

# shellcheck source=scripts/packages.sh
source "$(dirname "${BASH_SOURCE[0]}")/packages.sh"

# --- Machine packages ---------------------------------------------------------------------------
missing=()
if [ -z "${REDIS_URL:-}" ] && ! command -v redis-server >/dev/null; then missing+=(redis-server); fi
if [ -z "${DATABASE_URL:-}" ] && [ ! -x "$PG_BIN/postgres" ]; then missing+=(postgresql-15); fi
if [ -n "${NEED_CHROMIUM:-}" ] && [ ! -x /usr/bin/chromium ]; then missing+=(chromium); fi
# The browser journeys look at a PDF as a picture with poppler's pdftoppm.
if [ -n "${NEED_CHROMIUM:-}" ] && ! command -v pdftoppm >/dev/null; then missing+=(poppler-utils); fi
if [ -n "${NEED_GETTEXT:-}" ] && ! command -v msgfmt >/dev/null; then missing+=(gettext); fi
ensure_packages "${missing[@]}" "${WEASYPRINT_PACKAGES[@]}" || exit 1

free_port() { "$BIN/python" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

WORK="$(mktemp -d /tmp/portal-test.XXXXXX)"
chmod 755 "$WORK"
PG_DATA=""
REDIS_PID_FILE=""

as_postgres() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

cleanup() {
  local status=$?
  if [ -n "$PG_DATA" ]; then as_postgres "$PG_BIN/pg_ctl" -D "$PG_DATA" -m immediate stop >/dev/null 2>&1 || true; fi
  if [ -n "$REDIS_PID_FILE" ] && [ -f "$REDIS_PID_FILE" ]; then kill "$(cat "$REDIS_PID_FILE")" 2>/dev/null || true; fi
  rm -rf "$WORK"
  exit $status
}
trap cleanup EXIT INT TERM

# --- PostgreSQL -----------------------------------------------------------------------------------
if [ -z "${DATABASE_URL:-}" ]; then
  PG_PORT="$(free_port)"
  mkdir -p "$WORK/pg"
  if [ "$(id -u)" = 0 ]; then chown postgres "$WORK/pg"; fi
  PG_DATA="$WORK/pg/data"
  log "starting PostgreSQL on 127.0.0.1:$PG_PORT"
  as_postgres "$PG_BIN/initdb" -D "$PG_DATA" -U postgres -A trust -E UTF8 --locale=C.UTF-8 --no-sync >/dev/null
  as_postgres "$PG_BIN/pg_ctl" -D "$PG_DATA" -l "$WORK/pg/server.log" -w -o \
    "-p $PG_PORT -k $WORK/pg -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
    start >/dev/null
  as_postgres "$PG_BIN/createdb" -h 127.0.0.1 -p "$PG_PORT" -U postgres portal
  export DATABASE_URL="postgres://postgres@127.0.0.1:$PG_PORT/portal"
fi

# --- Redis ------------------------------------------------------------------------------------------
if [ -z "${REDIS_URL:-}" ]; then
  REDIS_PORT="$(free_port)"
  REDIS_PID_FILE="$WORK/redis.pid"
  log "starting Redis on 127.0.0.1:$REDIS_PORT"
  redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save '' --appendonly no --daemonize yes \
    --pidfile "$REDIS_PID_FILE" --logfile "$WORK/redis.log" --dir "$WORK"
  for _ in $(seq 50); do redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1 && break; sleep 0.1; done
  export REDIS_URL="redis://127.0.0.1:$REDIS_PORT/0"
fi

