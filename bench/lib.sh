# Shared helpers for the benchmark scripts (sourced, not run).
#
# Every process a script starts is recorded with `track_pid` and stopped by `cleanup_all`, which the
# scripts install as an EXIT/INT/TERM trap, so nothing outlives a failed or interrupted run.

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_DIR=$(cd "$BENCH_DIR/.." && pwd)
OUT_DIR=${BENCH_OUT:-$BENCH_DIR/out}
RAW_DIR=$OUT_DIR/raw
mkdir -p "$RAW_DIR"

log() { printf '[bench %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "error: $*"; exit 1; }

# ---- process tracking and cleanup ------------------------------------------------------------

TRACKED_PIDS=()
CLEANUP_HOOKS=()

# track_pid PID [GRACE_SECONDS]: stop PID on exit (TERM, then KILL after the grace period).
track_pid() { TRACKED_PIDS+=("$1:${2:-10}"); }
add_cleanup() { CLEANUP_HOOKS+=("$1"); }

untrack_pid() {
    local keep=() entry
    for entry in "${TRACKED_PIDS[@]}"; do [[ ${entry%%:*} == "$1" ]] || keep+=("$entry"); done
    TRACKED_PIDS=("${keep[@]}")
}

# run_tracked [--grace N] CMD...: runs CMD in the background, tracked, and waits for it, so that a
# TERM/INT delivered to this script interrupts the wait at once and the trap stops CMD too.
run_tracked() {
    local grace=5 pid rc=0
    if [[ $1 == --grace ]]; then grace=$2; shift 2; fi
    "$@" &
    pid=$!
    track_pid "$pid" "$grace"
    wait "$pid" || rc=$?
    untrack_pid "$pid"
    return "$rc"
}

# Stops one process we started: TERM, wait up to $2 seconds (default 15), then KILL.
stop_pid() {
    local pid=$1 grace=${2:-15} i
    [[ -n $pid ]] || return 0
    kill -0 "$pid" 2>/dev/null || { wait "$pid" 2>/dev/null || true; return 0; }
    kill -TERM "$pid" 2>/dev/null || true
    for ((i = 0; i < grace * 10; i++)); do
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.1
    done
    if kill -0 "$pid" 2>/dev/null; then
        log "pid $pid did not stop within ${grace}s; sending KILL"
        kill -KILL "$pid" 2>/dev/null || true
    fi
    wait "$pid" 2>/dev/null || true
}

cleanup_all() {
    local rc=$? entry hook
    trap - EXIT INT TERM
    for entry in "${TRACKED_PIDS[@]}"; do stop_pid "${entry%%:*}" "${entry##*:}"; done
    for hook in "${CLEANUP_HOOKS[@]}"; do eval "$hook" || true; done
    exit "$rc"
}

install_cleanup_trap() {
    trap 'log "command failed (status $?) at ${BASH_SOURCE[0]##*/}:$LINENO: $BASH_COMMAND"' ERR
    trap cleanup_all EXIT
    trap 'log "interrupted"; exit 130' INT TERM
}

# ---- build and server ------------------------------------------------------------------------

# Path of the release `steward` binary; builds it unless BENCH_SKIP_BUILD=1 (BENCH_BIN overrides).
steward_binary() {
    local bin
    if [[ -n ${BENCH_BIN:-} ]]; then   # a prebuilt binary (for testing the scripts themselves)
        [[ -x $BENCH_BIN ]] || die "BENCH_BIN=$BENCH_BIN is not executable"
        printf '%s\n' "$BENCH_BIN"
        return
    fi
    if [[ ${BENCH_SKIP_BUILD:-0} != 1 ]]; then
        log "building release binary: swift build -c release --product steward"
        (cd "$REPO_DIR" && swift build -c release --product steward >&2) || die "release build failed"
    fi
    bin=$(cd "$REPO_DIR" && swift build -c release --show-bin-path 2>/dev/null)/steward
    [[ -x $bin ]] || die "no release binary at $bin (run: swift build -c release --product steward)"
    printf '%s\n' "$bin"
}

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

# start_server BIN DATA_DIR LOG [DATABASE_URL]: sets SERVER_PID, SERVER_URL; waits for /readyz.
start_server() {
    local bin=$1 data=$2 logfile=$3 database=${4:-} port i
    port=$(free_port)
    local args=(serve --host 127.0.0.1 --port "$port" --data-dir "$data")
    [[ -n $database ]] && args+=(--database "$database")
    # Per-principal rate limits (STEWARD_RATE_*) would cap exactly what is measured here (one token
    # drives all the load), so they are turned off; every other limit keeps its default.
    # Binaries without rate limits ignore these variables.
    STEWARD_RATE_READS=off STEWARD_RATE_WRITES=off STEWARD_RATE_SEARCH=off STEWARD_RATE_UPLOAD_BYTES=off \
        "$bin" "${args[@]}" >>"$logfile" 2>&1 &
    SERVER_PID=$!
    track_pid "$SERVER_PID" 30
    SERVER_URL=http://127.0.0.1:$port
    for ((i = 0; i < 600; i++)); do
        if curl -fsS --max-time 2 "$SERVER_URL/readyz" >/dev/null 2>&1; then
            log "server pid $SERVER_PID ready at $SERVER_URL"
            return 0
        fi
        kill -0 "$SERVER_PID" 2>/dev/null || { tail -n 30 "$logfile" >&2; die "server exited during start"; }
        sleep 0.1
    done
    tail -n 30 "$logfile" >&2
    die "server did not become ready within 60 s"
}

stop_server() {
    [[ -n ${SERVER_PID:-} ]] || return 0
    stop_pid "$SERVER_PID" 30
    log "server pid $SERVER_PID stopped"
    SERVER_PID=
}

# api METHOD PATH [curl args...]: authenticated JSON call, body to stdout, fails on HTTP >= 400.
api() {
    local method=$1 path=$2
    shift 2
    curl -fsS --max-time 60 -X "$method" -H "Authorization: Bearer $TOKEN" \
        -H 'Content-Type: application/json' "$@" "$SERVER_URL/api/v1$path"
}

# Resident set size of a process in KiB.
rss_kib() { awk '/^VmRSS:/ { print $2 }' "/proc/$1/status"; }

# CPU time (user + system) of a process in clock ticks.
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }

now() { date +%s.%N; }

# Machine description, for the report.
machine_json() {
    python3 - <<'EOF'
import json, os, platform, re, subprocess
mem = open("/proc/meminfo").read()
total = int(re.search(r"MemTotal:\s+(\d+)", mem).group(1)) // 1024
cpu = ""
for line in open("/proc/cpuinfo"):
    if line.startswith("model name"):
        cpu = line.split(":", 1)[1].strip()
        break
try:
    swift = subprocess.run(["swift", "--version"], capture_output=True, text=True, timeout=60).stdout.splitlines()[0]
except Exception:
    swift = "?"
print(json.dumps({"nproc": os.cpu_count(), "mem_mib": total, "cpu": cpu, "kernel": platform.release(),
                  "swift": swift}))
EOF
}
