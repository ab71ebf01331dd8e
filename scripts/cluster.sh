#!/usr/bin/env bash
# A fleet on this machine, on loopback only (README, "Deploying"): PostgreSQL (the machine's own, on 5432), a
# private Redis, two gunicorn instances of this clone, one tasks worker for them all and nginx in front as the one
# public address.
#
#   scripts/cluster.sh up          start everything, then wait; Ctrl+C stops what it started (make cluster)
#   scripts/cluster.sh start       start everything and return (tests, bench)
#   scripts/cluster.sh stop        stop exactly what start started, from its pid files (make cluster-stop)
#   scripts/cluster.sh stop-app PORT | start-app PORT | stop-redis | start-redis | status
#
# Everything lives under $CLUSTER_DIR (var/cluster): the environment file the instances read (ottawa.env, as
# /etc/ottawa/env for the systemd units), the nginx configuration made from deploy/nginx.conf, pid files, logs.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

PROXY_PORT="${CLUSTER_PORT:-8080}"
APP_PORTS="${CLUSTER_APP_PORTS:-8081 8082}"
REDIS_PORT="${CLUSTER_REDIS_PORT:-6392}"
DB_NAME="${CLUSTER_DB:-ottawa_cluster}"
PG="${CLUSTER_PG:-postgres://postgres@127.0.0.1:5432}"
DIR="${CLUSTER_DIR:-$ROOT/var/cluster}"
PY="$ROOT/.venv/bin/python"
GUNICORN="$ROOT/.venv/bin/gunicorn"
RUN="$DIR/run" LOG="$DIR/log"
ENV_FILE="$DIR/ottawa.env"

say() { printf 'cluster: %s\n' "$*"; }
die() { printf 'cluster: %s\n' "$*" >&2; exit 1; }

answers() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

wait_for() {  # wait_for PORT WHAT [PATH]: until the port answers (and PATH gives 200)
  local port=$1 what=$2 path=${3:-}
  for _ in $(seq 1 150); do
    if [ -n "$path" ]; then
      "$PY" - "$port" "$path" <<'PY' && return 0
import http.client, sys
try:
    c = http.client.HTTPConnection("127.0.0.1", int(sys.argv[1]), timeout=2)
    c.request("GET", sys.argv[2])
    sys.exit(c.getresponse().status != 200)
except OSError:
    sys.exit(1)
PY
    elif answers "$port"; then return 0
    fi
    sleep 0.2
  done
  die "$what did not answer on 127.0.0.1:$port (see $LOG/)"
}

alive() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

stop_pidfile() {  # stop_pidfile FILE WHAT: TERM, then KILL after 20 s; only the process the file names
  local file=$1 what=$2 pid
  alive "$file" || { rm -f "$file"; return 0; }
  pid=$(cat "$file")
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
  kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null || true
  rm -f "$file"
  say "stopped $what (pid $pid)"
}

nginx_bin() {
  command -v nginx 2>/dev/null || { [ -x /usr/sbin/nginx ] && echo /usr/sbin/nginx; } || return 1
}

write_env() {
  mkdir -p "$RUN" "$LOG" "$DIR/media" "$DIR/nginx/temp"
  if [ ! -f "$ENV_FILE" ]; then
    local key
    key=$("$PY" -c 'import secrets; print(secrets.token_urlsafe(50))')
    cat >"$ENV_FILE" <<ENV
# The environment of every instance of the local fleet (scripts/cluster.sh), as /etc/ottawa/env is for
# deploy/systemd/ottawa@.service. Plain HTTP on loopback: the HTTPS-only settings are relaxed here only.
DJANGO_READ_DOT_ENV=false
DJANGO_SECRET_KEY=$key
DJANGO_DEBUG=false
DJANGO_ALLOWED_HOSTS=127.0.0.1,localhost
DJANGO_SECURE_SSL_REDIRECT=false
DJANGO_SECURE_HSTS_SECONDS=0
DJANGO_SECURE_COOKIES=false
DJANGO_SECURE_PROXY_SSL_HEADER=true
DJANGO_SERVE_MEDIA=false
DJANGO_MEDIA_ROOT=$DIR/media
DATABASE_URL=$PG/$DB_NAME
CACHE_URL=redis://127.0.0.1:$REDIS_PORT/0
LOG_FORMAT=json
ENV
  fi
  if [ -n "${DJANGO_MEDIA_STORAGE_URL:-}" ] && ! grep -q '^DJANGO_MEDIA_STORAGE_URL=' "$ENV_FILE"; then
    echo "DJANGO_MEDIA_STORAGE_URL=$DJANGO_MEDIA_STORAGE_URL" >>"$ENV_FILE"
  fi
}

with_env() { (set -a && . "$ENV_FILE" && set +a && exec "$@"); }

ensure_database() {
  "$PY" - "$PG" "$DB_NAME" <<'PY' || die "PostgreSQL does not answer at $PG (start it as .ci/run does)"
import sys
import psycopg
from psycopg import sql
with psycopg.connect(sys.argv[1] + "/postgres", autocommit=True, connect_timeout=3) as conn:
    if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [sys.argv[2]]).fetchone():
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(sys.argv[2])))
        print(f"cluster: created database {sys.argv[2]}")
PY
}

start_redis() {
  alive "$RUN/redis.pid" && return 0
  answers "$REDIS_PORT" && die "port $REDIS_PORT is taken by something this script did not start"
  mkdir -p "$DIR/redis"
  # Pages are only ever copies: a memory bound and any-key eviction (README, "Caching"); nothing persisted.
  redis-server --bind 127.0.0.1 --port "$REDIS_PORT" --save "" --appendonly no \
    --maxmemory 256mb --maxmemory-policy allkeys-lru \
    --dir "$DIR/redis" --pidfile "$RUN/redis.pid" --logfile "$LOG/redis.log" --daemonize yes
  wait_for "$REDIS_PORT" Redis
  say "Redis on 127.0.0.1:$REDIS_PORT (pid $(cat "$RUN/redis.pid"))"
}

stop_redis() { stop_pidfile "$RUN/redis.pid" Redis; }

start_app() {
  local port=$1
  alive "$RUN/app-$port.pid" && return 0
  answers "$port" && die "port $port is taken by something this script did not start"
  # The same command as deploy/systemd/ottawa@.service: gunicorn with gunicorn.conf.py, bound by GUNICORN_BIND.
  GUNICORN_BIND="127.0.0.1:$port" with_env setsid "$GUNICORN" --config gunicorn.conf.py \
    --pid "$RUN/app-$port.pid" >>"$LOG/app-$port.log" 2>&1 </dev/null &
  wait_for "$port" "instance $port" /healthz
  say "instance on 127.0.0.1:$port (pid $(cat "$RUN/app-$port.pid"))"
}

stop_app() { stop_pidfile "$RUN/app-$1.pid" "instance $1"; }

start_worker() {
  alive "$RUN/worker.pid" && return 0
  # The tasks worker (large imports, exports.imports), as `make run` starts one beside gunicorn: one for the whole
  # fleet, since the queue is a table in the database every instance shares. bash writes its own pid, then becomes
  # the worker (exec), so the pid file names the worker itself.
  rm -f "$RUN/worker.pid"
  with_env setsid bash -c 'echo $$ >"$0" && exec "$@"' "$RUN/worker.pid" \
    "$PY" manage.py db_worker --interval 1 >>"$LOG/worker.log" 2>&1 </dev/null &
  for _ in $(seq 1 50); do [ -s "$RUN/worker.pid" ] && break; sleep 0.1; done
  sleep 1  # a worker that cannot start (settings, database) exits at once
  alive "$RUN/worker.pid" || die "the tasks worker did not start (see $LOG/worker.log)"
  say "tasks worker (pid $(cat "$RUN/worker.pid"))"
}

stop_worker() { stop_pidfile "$RUN/worker.pid" "tasks worker"; }

start_nginx() {
  alive "$RUN/nginx.pid" && return 0
  local nginx conf servers="" port mime=/etc/nginx/mime.types
  nginx=$(nginx_bin) || die "nginx is not installed (apt-get install nginx)"
  answers "$PROXY_PORT" && die "port $PROXY_PORT is taken by something this script did not start"
  for port in $APP_PORTS; do servers+="        server 127.0.0.1:$port max_fails=1 fail_timeout=5s;"$'\n'; done
  conf=$(<deploy/nginx.conf)
  conf=${conf//@RUN@/$RUN}
  conf=${conf//@LOG@/$LOG}
  conf=${conf//@TEMP@/$DIR/nginx/temp}
  conf=${conf//@MIME_TYPES@/$mime}
  conf=${conf//@UPSTREAM_SERVERS@/${servers%$'\n'}}
  conf=${conf//@LISTEN@/127.0.0.1:$PROXY_PORT}
  if [ "$(id -u)" = 0 ]; then conf=${conf//@USER@/user $(id -un) $(id -gn);}; else conf=${conf//@USER@/}; fi
  conf=${conf//@STATIC_ROOT@/$ROOT/var/static}
  conf=${conf//@MEDIA_ROOT@/$DIR/media}
  printf '%s\n' "$conf" >"$DIR/nginx/nginx.conf"
  "$nginx" -t -q -p "$DIR/nginx" -e "$LOG/nginx-error.log" -c "$DIR/nginx/nginx.conf"
  setsid "$nginx" -p "$DIR/nginx" -e "$LOG/nginx-error.log" -c "$DIR/nginx/nginx.conf" \
    >>"$LOG/nginx.log" 2>&1 </dev/null &
  wait_for "$PROXY_PORT" nginx /healthz
  say "nginx on http://127.0.0.1:$PROXY_PORT/ (pid $(cat "$RUN/nginx.pid"))"
}

stop_nginx() { stop_pidfile "$RUN/nginx.pid" nginx; }

start_all() {
  [ -x "$GUNICORN" ] || die "no $GUNICORN: run 'make prepare' (or make cluster) first"
  nginx_bin >/dev/null || die "nginx is not installed (apt-get install nginx)"
  write_env
  ensure_database
  start_redis
  say "release step: deploy/release.sh (migrate once, seed, collectstatic)"
  with_env deploy/release.sh
  start_worker
  for port in $APP_PORTS; do start_app "$port"; done
  start_nginx
}

stop_all() {
  stop_nginx
  for port in $APP_PORTS; do stop_app "$port"; done
  stop_worker
  stop_redis
}

status() {
  local name
  for name in nginx redis worker $(for p in $APP_PORTS; do echo "app-$p"; done); do
    if alive "$RUN/$name.pid"; then echo "$name: running (pid $(cat "$RUN/$name.pid"))"; else echo "$name: stopped"; fi
  done
}

case "${1:-up}" in
  up)
    trap 'echo; stop_all; exit 0' INT TERM
    start_all || { stop_all; exit 1; }
    say "the fleet is at http://127.0.0.1:$PROXY_PORT/ — Ctrl+C stops it (logs in $LOG/)"
    while true; do sleep 1 & wait $!; done
    ;;
  start) start_all || { stop_all; exit 1; } ;;
  stop) stop_all ;;
  stop-app) stop_app "$2" ;;
  start-app) write_env; start_app "$2" ;;
  stop-redis) stop_redis ;;
  start-redis) start_redis ;;
  status) status ;;
  *) die "unknown command ${1}: up, start, stop, stop-app PORT, start-app PORT, stop-redis, start-redis, status" ;;
esac
