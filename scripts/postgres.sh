#!/usr/bin/env bash
# Throwaway PostgreSQL clusters for tests.
#
#   scripts/postgres.sh start DIR          create + start a cluster in DIR, print its URL
#   scripts/postgres.sh createdb DIR NAME  create another database in it, print its URL
#   scripts/postgres.sh stop DIR           stop the cluster (if running) and remove DIR
#
# The cluster listens on 127.0.0.1 only, on a free port, with trust auth for
# the superuser `steward`, and fsync off. Layout of DIR:
#   DIR/data   data directory        DIR/log     server log
#   DIR/port   TCP port              DIR/bindir  PostgreSQL bin dir used
#   DIR/url    URL of steward_test   DIR/.s.PGSQL.PORT  unix socket
#
# When run as root the server runs as the `postgres` user (initdb refuses
# root); the user is created if missing. As non-root it runs as the caller.
# If no PostgreSQL server binaries are found they are installed with apt-get.
# Set PG_BINDIR to force a particular bin directory.
#
# Only the URL goes to stdout; progress and errors go to stderr.
set -euo pipefail

readonly PG_USER=steward
readonly PG_DB=steward_test
readonly MARKER=.steward-postgres   # marks DIR as ours, so `stop` may delete it

unset PGDATA PGHOST PGHOSTADDR PGPORT PGUSER PGDATABASE PGSERVICE PGOPTIONS || true

log() { printf 'postgres.sh: %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

usage() {
    cat >&2 <<'EOF'
usage: scripts/postgres.sh start DIR
       scripts/postgres.sh createdb DIR NAME
       scripts/postgres.sh stop DIR
EOF
    exit 2
}

is_root() { [[ $(id -u) -eq 0 ]]; }

# Run a server-side command as the cluster owner, from a directory it can
# enter (postgres tools complain if the cwd is unreadable, e.g. /root).
as_owner() {
    if is_root; then
        (cd "$DIR" && runuser -u postgres -- "$@")
    else
        (cd "$DIR" && "$@")
    fi
}

abs_path() {
    local d=$1
    [[ -n $d ]] || die "DIR must not be empty"
    [[ $d == /* ]] || d="$PWD/$d"
    # strip trailing slashes (but keep "/")
    while [[ $d == */ && $d != / ]]; do d=${d%/}; done
    [[ $d != / ]] || die "refusing to use / as DIR"
    printf '%s\n' "$d"
}

# Directory holding initdb, pg_ctl, createdb ...; empty if none found.
find_bindir() {
    local c
    if [[ -n ${PG_BINDIR:-} ]]; then
        [[ -x $PG_BINDIR/initdb ]] || die "PG_BINDIR=$PG_BINDIR has no initdb"
        printf '%s\n' "$PG_BINDIR"
        return
    fi
    # Newest versioned Debian/Ubuntu install that has the server tools.
    while IFS= read -r c; do
        if [[ -x $c/initdb && -x $c/pg_ctl ]]; then
            printf '%s\n' "$c"
            return
        fi
    done < <(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -rV || true)
    if c=$(command -v initdb 2>/dev/null); then
        c=$(dirname "$(readlink -f "$c")")
        if [[ -x $c/pg_ctl ]]; then
            printf '%s\n' "$c"
            return
        fi
    fi
}

install_postgres() {
    local sudo=()
    if ! is_root; then
        command -v sudo >/dev/null 2>&1 || die "PostgreSQL is not installed and we are not root (no sudo either)"
        sudo=(sudo -n)
    fi
    command -v apt-get >/dev/null 2>&1 || die "PostgreSQL is not installed and apt-get is unavailable; install it or set PG_BINDIR"
    log "PostgreSQL server binaries not found; installing with apt-get"
    "${sudo[@]}" apt-get update >&2 || die "apt-get update failed"
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y postgresql >&2 \
        || die "apt-get install postgresql failed"
}

ensure_bindir() {
    BINDIR=$(find_bindir)
    [[ -n $BINDIR ]] && return
    # Serialise concurrent installers (two `start`s on a fresh machine).
    local lock=${TMPDIR:-/tmp}/steward-postgres-install.lock
    exec 9>"$lock"
    flock 9
    BINDIR=$(find_bindir)
    [[ -n $BINDIR ]] || install_postgres
    exec 9>&-
    BINDIR=$(find_bindir)
    [[ -n $BINDIR ]] || die "PostgreSQL installed but initdb/pg_ctl still not found"
}

ensure_postgres_user() {
    is_root || return 0
    command -v runuser >/dev/null 2>&1 || die "runuser not found (util-linux)"
    if ! id -u postgres >/dev/null 2>&1; then
        log "creating system user postgres"
        useradd --system --user-group --no-create-home --home-dir /var/lib/postgresql \
            --shell /usr/sbin/nologin postgres 2>/dev/null \
            || id -u postgres >/dev/null 2>&1 \
            || die "could not create user postgres"
    fi
}

# Every ancestor of DIR must be traversable by the postgres user. Private
# temp dirs (e.g. `start "$(mktemp -d)/pg"`, mktemp makes 0700 dirs) get o+x
# (traverse only, not list); anything outside the temp dirs is left alone.
check_traversable() {
    is_root || return 0
    local p=$DIR tmp
    tmp=$(readlink -f "${TMPDIR:-/tmp}")
    while [[ $p != / ]]; do
        p=$(dirname "$p")
        runuser -u postgres -- test -x "$p" && continue
        if [[ $p == /tmp/?* || $p == "$tmp"/?* ]]; then
            log "chmod o+x $p so that user postgres can reach $DIR"
            chmod o+x "$p" && runuser -u postgres -- test -x "$p" && continue
        fi
        die "user postgres cannot enter $p (parent of $DIR); use a DIR under a world-traversable directory such as /tmp, or chmod o+x $p"
    done
}

free_port() {
    if command -v python3 >/dev/null 2>&1; then
        python3 - <<'EOF' 2>/dev/null && return
import socket
s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])
s.close()
EOF
    fi
    # Fallback: a random high port; start() retries if it is taken.
    echo $(( 20000 + RANDOM % 30000 ))
}

show_log() {
    if [[ -f $DIR/log ]]; then
        log "---- last lines of $DIR/log ----"
        tail -n 40 "$DIR/log" >&2 || true
        log "--------------------------------"
    fi
}

server_running() {
    [[ -n ${BINDIR:-} && -d $DIR/data ]] || return 1
    as_owner "$BINDIR/pg_ctl" -D "$DIR/data" status >/dev/null 2>&1
}

cmd_start() {
    # DIR is passed inside pg_ctl's -o string, so no whitespace or quotes.
    [[ $DIR != *[[:space:]\'\"\\]* ]] || die "DIR must not contain whitespace, quotes or backslashes: $DIR"
    # Unix socket path must fit in sun_path (107 bytes).
    (( ${#DIR} + 18 <= 107 )) || die "DIR path too long for a unix socket: $DIR"

    ensure_bindir
    ensure_postgres_user

    if [[ -e $DIR ]]; then
        [[ -d $DIR ]] || die "$DIR exists and is not a directory"
        [[ ! -e $DIR/data ]] || die "$DIR/data already exists; stop it first or use a fresh DIR"
    else
        mkdir -p "$DIR"
    fi
    : >"$DIR/$MARKER"
    printf '%s\n' "$BINDIR" >"$DIR/bindir"
    chmod 755 "$DIR"
    if is_root; then
        chown postgres:postgres "$DIR"
        check_traversable
    fi

    log "initdb in $DIR/data ($BINDIR)"
    if ! as_owner "$BINDIR/initdb" -D "$DIR/data" -A trust -U "$PG_USER" --no-sync \
            -E UTF8 --locale=C >"$DIR/initdb.log" 2>&1; then
        cat "$DIR/initdb.log" >&2
        die "initdb failed"
    fi

    # From here on, stop the server again if anything fails, so a failed
    # `start` never leaves a postmaster behind (DIR stays for inspection).
    trap 'rc=$?; if [[ $rc -ne 0 ]] && server_running; then as_owner "$BINDIR/pg_ctl" -D "$DIR/data" -m immediate stop >/dev/null 2>&1 || true; fi' EXIT

    local port attempt started=0
    for attempt in 1 2 3 4 5; do
        port=$(free_port)
        log "starting server on 127.0.0.1:$port (attempt $attempt)"
        if as_owner "$BINDIR/pg_ctl" -D "$DIR/data" -l "$DIR/log" -w -t 60 \
                -o "-c listen_addresses=127.0.0.1 -p $port -c fsync=off -c unix_socket_directories=$DIR -c max_connections=1000" \
                start >/dev/null 2>"$DIR/pg_ctl.err"; then
            started=1
            break
        fi
        cat "$DIR/pg_ctl.err" >&2 || true
        # Retry only when the port was taken between picking and binding.
        if grep -qiE 'could not bind|address already in use|could not create any TCP/IP sockets' "$DIR/log" 2>/dev/null; then
            log "port $port busy, retrying"
            as_owner "$BINDIR/pg_ctl" -D "$DIR/data" -m immediate stop >/dev/null 2>&1 || true
            mv -f "$DIR/log" "$DIR/log.attempt$attempt" 2>/dev/null || true
            continue
        fi
        break
    done
    if [[ $started -ne 1 ]]; then
        show_log
        die "pg_ctl start failed"
    fi
    printf '%s\n' "$port" >"$DIR/port"

    if ! "$BINDIR/createdb" -h 127.0.0.1 -p "$port" -U "$PG_USER" "$PG_DB" >&2; then
        show_log
        die "createdb $PG_DB failed"
    fi

    local url="postgres://$PG_USER@127.0.0.1:$port/$PG_DB"
    printf '%s\n' "$url" >"$DIR/url"
    chmod 644 "$DIR/url" "$DIR/port" "$DIR/bindir"
    trap - EXIT
    log "ready: $url (data in $DIR)"
    printf '%s\n' "$url"
}

cmd_createdb() {
    local name=$1
    [[ $name =~ ^[A-Za-z_][A-Za-z0-9_]*$ ]] || die "invalid database name: $name"
    [[ -f $DIR/port ]] || die "no running cluster in $DIR (missing $DIR/port)"
    BINDIR=$(cat "$DIR/bindir" 2>/dev/null || find_bindir)
    [[ -n $BINDIR ]] || die "cannot find PostgreSQL binaries"
    local port
    port=$(cat "$DIR/port")
    if ! "$BINDIR/createdb" -h 127.0.0.1 -p "$port" -U "$PG_USER" "$name" >&2; then
        show_log
        die "createdb $name failed"
    fi
    printf 'postgres://%s@127.0.0.1:%s/%s\n' "$PG_USER" "$port" "$name"
}

cmd_stop() {
    if [[ ! -e $DIR ]]; then
        log "$DIR does not exist; nothing to stop"
        return 0
    fi
    BINDIR=$(cat "$DIR/bindir" 2>/dev/null || true)
    [[ -n $BINDIR && -x $BINDIR/pg_ctl ]] || BINDIR=$(find_bindir)

    if [[ -f $DIR/data/postmaster.pid ]]; then
        local pid
        pid=$(head -n 1 "$DIR/data/postmaster.pid" 2>/dev/null || true)
        if [[ -n $BINDIR ]] && server_running; then
            log "stopping server in $DIR"
            as_owner "$BINDIR/pg_ctl" -D "$DIR/data" -m fast -w -t 60 stop >/dev/null 2>&1 \
                || as_owner "$BINDIR/pg_ctl" -D "$DIR/data" -m immediate -w -t 30 stop >/dev/null 2>&1 \
                || true
        fi
        # Last resort: the postmaster from the pid file, if it is still ours.
        if [[ $pid =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null \
                && grep -qF -- "$DIR/data" "/proc/$pid/cmdline" 2>/dev/null; then
            log "postmaster $pid still alive; sending SIGQUIT/SIGKILL"
            kill -QUIT "$pid" 2>/dev/null || true
            sleep 2
            kill -KILL "$pid" 2>/dev/null || true
        fi
    fi

    if [[ -e $DIR/$MARKER ]]; then
        rm -rf -- "$DIR"
    elif rmdir -- "$DIR" 2>/dev/null; then
        :   # empty dir (e.g. start failed before doing anything)
    else
        log "warning: $DIR was not created by postgres.sh start; not removing it"
    fi
}

[[ $# -ge 2 ]] || usage
sub=$1
DIR=$(abs_path "$2")
case $sub in
    start)    [[ $# -eq 2 ]] || usage; cmd_start ;;
    stop)     [[ $# -eq 2 ]] || usage; cmd_stop ;;
    createdb) [[ $# -eq 3 ]] || usage; cmd_createdb "$3" ;;
    *)        usage ;;
esac
