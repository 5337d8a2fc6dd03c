# Shared by scripts/test.sh and scripts/bench.sh: installs what the machine lacks and starts a
# throw-away PostgreSQL 15 and Redis on free local ports when DATABASE_URL / REDIS_URL are not set,
# stopping them (and removing their files) when the calling script exits.
# Requires: BIN (the virtualenv's bin directory).
# PG_OPTIONS: more settings for the throw-away PostgreSQL server (e.g. `-c shared_buffers=2GB`).

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
# The incoming-mail tests poll a real IMAP server (Dovecot) started below.
if [ -n "${NEED_IMAP:-}" ] && [ -z "${TEST_IMAP_HOST:-}" ] && ! command -v dovecot >/dev/null; then
  missing+=(dovecot-imapd)
fi
ensure_packages "${missing[@]}" "${WEASYPRINT_PACKAGES[@]}" || exit 1

free_port() { "$BIN/python" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

WORK="$(mktemp -d /tmp/portal-test.XXXXXX)"
chmod 755 "$WORK"
PG_DATA=""
REDIS_PID_FILE=""
DOVECOT_PID_FILE=""

as_postgres() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

cleanup() {
  local status=$?
  if [ -n "$PG_DATA" ]; then as_postgres "$PG_BIN/pg_ctl" -D "$PG_DATA" -m immediate stop >/dev/null 2>&1 || true; fi
  if [ -n "$REDIS_PID_FILE" ] && [ -f "$REDIS_PID_FILE" ]; then kill "$(cat "$REDIS_PID_FILE")" 2>/dev/null || true; fi
  if [ -n "$DOVECOT_PID_FILE" ] && [ -f "$DOVECOT_PID_FILE" ]; then
    kill "$(cat "$DOVECOT_PID_FILE")" 2>/dev/null || true
    for _ in $(seq 30); do [ -f "$DOVECOT_PID_FILE" ] || break; sleep 0.1; done
  fi
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
    "-p $PG_PORT -k $WORK/pg -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200 ${PG_OPTIONS:-}" \
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


# --- Dovecot (IMAP, for the incoming-mail tests) -------------------------------------------------------
# A throw-away Dovecot on a free local port: its own config under $WORK, plain-text login allowed
# (localhost only), one passwd-file user, maildir under $WORK. The tests read TEST_IMAP_*; without
# them the IMAP tests are skipped. Dovecot refuses to give mail access to root, so as root the
# mailbox belongs to Dovecot's own system user.
if [ -n "${NEED_IMAP:-}" ] && [ -z "${TEST_IMAP_HOST:-}" ] && command -v dovecot >/dev/null; then
  IMAP_PORT="$(free_port)"
  IMAP_DIR="$WORK/imap"
  mkdir -p "$IMAP_DIR/run" "$IMAP_DIR/state" "$IMAP_DIR/mail"
  if [ "$(id -u)" = 0 ]; then MAIL_UID="$(id -u dovecot)" MAIL_GID="$(id -g dovecot)"; else MAIL_UID="$(id -u)" MAIL_GID="$(id -g)"; fi
  if [ "$(id -u)" = 0 ]; then chown "$MAIL_UID:$MAIL_GID" "$IMAP_DIR/mail"; fi
  IMAP_USER_LINE=""
  if [ "$(id -u)" != 0 ]; then  # unprivileged Dovecot runs every process as the calling user
    IMAP_USER_LINE="default_internal_user = $(id -un)
default_login_user = $(id -un)"
  fi
  cat >"$IMAP_DIR/dovecot.conf" <<EOF
first_valid_uid = 1
$IMAP_USER_LINE
base_dir = $IMAP_DIR/run
state_dir = $IMAP_DIR/state
log_path = $IMAP_DIR/dovecot.log
protocols = imap
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
mail_location = maildir:$IMAP_DIR/mail/%u
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u $IMAP_DIR/users
}
userdb {
  driver = static
  args = uid=$MAIL_UID gid=$MAIL_GID home=$IMAP_DIR/mail/%u
}
service imap-login {
  chroot =
  inet_listener imap {
    address = 127.0.0.1
    port = $IMAP_PORT
  }
  inet_listener imaps {
    port = 0
  }
}
service anvil {
  chroot =
}
EOF
  IMAP_PASSWORD="imap-$(date +%s%N)"
  echo "portal:{PLAIN}$IMAP_PASSWORD::::::" >"$IMAP_DIR/users"
  log "starting Dovecot (IMAP) on 127.0.0.1:$IMAP_PORT"
  dovecot -c "$IMAP_DIR/dovecot.conf"
  DOVECOT_PID_FILE="$IMAP_DIR/run/master.pid"
  for _ in $(seq 50); do
    "$BIN/python" -c "import socket; socket.create_connection(('127.0.0.1', $IMAP_PORT), 1).close()" 2>/dev/null && break
    sleep 0.1
  done
  export TEST_IMAP_HOST=127.0.0.1 TEST_IMAP_PORT="$IMAP_PORT" TEST_IMAP_USER=portal TEST_IMAP_PASSWORD="$IMAP_PASSWORD"
fi
