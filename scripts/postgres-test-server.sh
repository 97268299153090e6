#!/usr/bin/env bash
# Throw-away PostgreSQL 17 + pgvector for tests, without Docker.
# Bookworm has no pgvector package, so we debootstrap a cached Debian trixie chroot and run postgres in it.
# Usage (as root): postgres-test-server.sh start|stop|status|run -- <command...>
# Env: PG_TEST_PORT (default 54329), PG_TEST_CACHE_DIR (default .cache/postgres-trixie, relative to repo root).
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
ROOT="${PG_TEST_CACHE_DIR:-.cache/postgres-trixie}"
case "$ROOT" in /*) ;; *) ROOT="$REPO_ROOT/$ROOT" ;; esac
ROOT=$(realpath -m "$ROOT")   # canonical: compared against /proc/<pid>/root below
PORT="${PG_TEST_PORT:-54329}"
MARKER=.pg-test-provisioned   # written last: its absence means a partial/failed provision
PGBIN=/usr/lib/postgresql/17/bin
DATA=/var/lib/pg-test/data    # path inside the chroot; recreated on every start
URL="postgres://postgres@127.0.0.1:$PORT/postgres"
export DEBIAN_FRONTEND=noninteractive
STOP_ON_EXIT=0 TMP_ROOT=""

log() { echo "[pg-test] $*" >&2; }
die() { log "ERROR: $*"; exit 1; }
[ "$(id -u)" = 0 ] || die "must run as root (uses chroot and mount)"

# Clean env: host PATH/locale/vars must not leak into the chroot.
in_root() { local r=$1; shift; env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 \
  DEBIAN_FRONTEND=noninteractive chroot "$r" "$@"; }
as_pg() { local r=$1; shift; in_root "$r" runuser -u postgres -- "$@"; }

# Mount points at or below $1, deepest first so nested mounts come off before their parents.
mounts_under() { awk -v p="$1" '$2 == p || index($2, p "/") == 1 {print $2}' /proc/self/mounts | sort -r; }

# Private tmpfs /dev with just the nodes apt/postgres need: nothing from the host /dev is exposed.
mount_root() {
  local r=$1; mountpoint -q "$r/proc" || mount -t proc proc "$r/proc"
  if ! mountpoint -q "$r/dev"; then
    mount -t tmpfs -o mode=755,nosuid pg-test-dev "$r/dev"
    local n name maj min; for n in null:1:3 zero:1:5 full:1:7 random:1:8 urandom:1:9 tty:5:0; do
      IFS=: read -r name maj min <<<"$n"; mknod -m 666 "$r/dev/$name" c "$maj" "$min"; done
    mkdir -m 1777 "$r/dev/shm"   # posix shared memory (dynamic_shared_memory_type=posix)
    ln -s /proc/self/fd "$r/dev/fd"
  fi
}
umount_root() {
  local m; for m in $(mounts_under "$1"); do umount "$m" 2>/dev/null || umount -l "$m"; done
}
# Never rm -rf a tree that still has mounts in it (would delete through into /proc, /dev...).
safe_rm() {
  [ -e "$1" ] || return 0; umount_root "$1"
  [ -z "$(mounts_under "$1")" ] || die "refusing to delete $1: still has mounts"; rm -rf "$1"
}

# Same Debian mirror as the host's apt config (deb822 .sources or one-line .list), never security.
host_mirror() {
  local uris; uris=$( { cat /etc/apt/sources.list.d/*.sources 2>/dev/null |
      awk 'tolower($1)=="uris:" {for (i=2;i<=NF;i++) print $i}'
    cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null |
      awk '$1=="deb" {gsub(/\[[^]]*\]/, ""); print $2}'; } | grep -v security || true)
  { grep -E '/debian/?$' <<<"$uris" || echo "$uris"; } | head -n1
}

provision() {
  [ -f "$ROOT/$MARKER" ] && { log "reusing cached trixie rootfs at $ROOT"; return; }
  local t0=$SECONDS mirror plog="$ROOT.provision.log"; TMP_ROOT="$ROOT.partial"
  safe_rm "$ROOT"; safe_rm "$TMP_ROOT"   # leftovers of an interrupted provision
  if ! command -v debootstrap >/dev/null; then
    log "installing debootstrap on the host"
    apt-get install -y -q debootstrap >/dev/null 2>&1 || { apt-get update -q >/dev/null &&
      apt-get install -y -q debootstrap >/dev/null; }
  fi
  mirror=$(host_mirror); [ -n "$mirror" ] || die "no Debian mirror found in host apt sources"
  log "debootstrap trixie from $mirror (log: $plog)"
  debootstrap --variant=minbase trixie "$TMP_ROOT" "$mirror" >"$plog" 2>&1 ||
    { tail -n 20 "$plog" >&2; die "debootstrap failed"; }
  # Block service starts from maintainer scripts; there is no init in the chroot.
  printf '#!/bin/sh\nexit 101\n' >"$TMP_ROOT/usr/sbin/policy-rc.d"; chmod +x "$TMP_ROOT/usr/sbin/policy-rc.d"
  mount_root "$TMP_ROOT"
  log "installing postgresql-17 + pgvector in the chroot"
  { in_root "$TMP_ROOT" apt-get update -q &&
    in_root "$TMP_ROOT" apt-get install -y -q --no-install-recommends postgresql-common &&
    # we initdb our own cluster, so skip the package's default "main" cluster
    sed -ri 's/^#?\s*create_main_cluster\b.*/create_main_cluster = false/' \
      "$TMP_ROOT/etc/postgresql-common/createcluster.conf" &&
    in_root "$TMP_ROOT" apt-get install -y -q --no-install-recommends postgresql-17 postgresql-17-pgvector &&
    in_root "$TMP_ROOT" apt-get clean && rm -rf "$TMP_ROOT"/var/lib/apt/lists/*; } >>"$plog" 2>&1 ||
    { tail -n 20 "$plog" >&2; die "apt-get in chroot failed"; }
  umount_root "$TMP_ROOT"
  date -u >"$TMP_ROOT/$MARKER"; mv "$TMP_ROOT" "$ROOT"; TMP_ROOT=""
  log "provisioned in $((SECONDS - t0))s"
}
port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; }
server_pid() {  # pid of a postmaster running from our chroot, if any
  local pid; pid=$(head -n1 "$ROOT$DATA/postmaster.pid" 2>/dev/null) || return 1
  [ -n "$pid" ] && [ "$(readlink "/proc/$pid/root" 2>/dev/null)" = "$ROOT" ] && echo "$pid"
}

do_stop() {
  local pid i; if pid=$(server_pid); then
    log "stopping server (pid $pid)"; kill -INT "$pid"   # SIGINT = fast shutdown
    for i in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    kill -0 "$pid" 2>/dev/null && { log "fast shutdown timed out, killing"; kill -KILL "$pid"; sleep 0.5; }
  fi
  [ -d "$ROOT" ] && umount_root "$ROOT"; return 0
}
do_start() {
  local t0=$SECONDS ver; STOP_ON_EXIT=1   # undo everything if start fails halfway
  do_stop
  port_busy && die "port $PORT is in use by something else (set PG_TEST_PORT)"
  provision
  mount_root "$ROOT"
  safe_rm "$ROOT/var/lib/pg-test"   # fresh data dir on every start
  in_root "$ROOT" install -d -o postgres -g postgres -m 700 /var/lib/pg-test "$DATA" /run/postgresql
  as_pg "$ROOT" "$PGBIN/initdb" -D "$DATA" -A trust -U postgres -E UTF8 --locale=C.UTF-8 --no-sync \
    >/dev/null || die "initdb failed"
  # Throw-away data: trade durability for speed.
  cat >>"$ROOT$DATA/postgresql.conf" <<EOF
listen_addresses = '127.0.0.1'
port = $PORT
unix_socket_directories = '/run/postgresql'
fsync = off
synchronous_commit = off
full_page_writes = off
EOF
  # -w -t 30: bounded wait until the server accepts connections; 9>&- so the daemon doesn't hold our lock
  as_pg "$ROOT" "$PGBIN/pg_ctl" -D "$DATA" -l /var/lib/pg-test/server.log -w -t 30 start >/dev/null 9>&- ||
    { tail -n 20 "$ROOT/var/lib/pg-test/server.log" >&2; die "server did not start"; }
  ver=$(as_pg "$ROOT" "$PGBIN/psql" -h 127.0.0.1 -p "$PORT" -U postgres -d postgres -qAt -c \
    "CREATE EXTENSION IF NOT EXISTS vector; SELECT current_setting('server_version') || ', pgvector ' ||
     extversion FROM pg_extension WHERE extname = 'vector'") || die "CREATE EXTENSION vector failed"
  log "ready in $((SECONDS - t0))s: PostgreSQL $ver (log: $ROOT/var/lib/pg-test/server.log)"
}

cmd_status() {
  local pid; [ -f "$ROOT/$MARKER" ] && log "provisioned: $ROOT" || log "not provisioned ($ROOT)"
  if pid=$(server_pid); then log "running: pid $pid, port $PORT"; echo "TEST_DATABASE_URL=$URL"
  else log "not running"; port_busy && log "note: port $PORT is used by another process"; return 3; fi
}

on_exit() {
  local rc=$?; trap - EXIT
  [ "$STOP_ON_EXIT" = 1 ] && do_stop
  [ -n "$TMP_ROOT" ] && umount_root "$TMP_ROOT"
  exit "$rc"
}
trap on_exit EXIT; trap 'exit 130' INT; trap 'exit 143' TERM

mkdir -p "$(dirname "$ROOT")"
exec 9>"$ROOT.lock"; flock 9   # serialise concurrent invocations on the same cache dir
case "${1:-}" in
  start) do_start; STOP_ON_EXIT=0; echo "TEST_DATABASE_URL=$URL" ;;
  stop) do_stop; log "stopped" ;;
  status) cmd_status ;;
  run) shift; [ "${1:-}" = -- ] && shift; [ $# -gt 0 ] || die "usage: $0 run -- <command...>"
    do_start; export TEST_DATABASE_URL=$URL
    export PGHOST=127.0.0.1 PGPORT=$PORT PGUSER=postgres PGDATABASE=postgres   # so bare `psql` works too
    set +e; "$@" 9>&-; rc=$?; set -e
    log "command exited with $rc"; exit "$rc" ;;   # on_exit stops the server
  *) echo "usage: $0 start|stop|status|run -- <command...>" >&2; exit 2 ;;
esac
