#!/usr/bin/env bash
# Garbage collection over 100,000 versions (issue 6 goal: under one minute), SQLite.
#
#   bash bench/gc.sh                                   # release build, 100,000 versions
#   BENCH_BIN=.build/debug/steward BENCH_VERSIONS=2000 bash bench/gc.sh   # check the script quickly
#
# Steps: start the server on an empty data directory (migrations, admin token) and stop it; seed
# N versions straight into SQLite with bench/seed_gc.py (one unique blob each: a quarter retired,
# a quarter deleted, so half the blobs are garbage); start the server again; time
# `steward gc --grace-seconds 0` end to end (the CLI's mark + batched sweeps over the REST API);
# check that exactly the garbage was deleted, every live blob is still on disk and no marks remain.
#
# Environment: BENCH_VERSIONS (100000), BENCH_GOAL_SECONDS (60), BENCH_BIN, BENCH_SKIP_BUILD=1, BENCH_WORK.
# Appends one JSON line to bench/out/raw/gc.jsonl.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
install_cleanup_trap

VERSIONS=${BENCH_VERSIONS:-100000}
GOAL=${BENCH_GOAL_SECONDS:-60}
BIN=$(steward_binary)
WORK=${BENCH_WORK:-$(mktemp -d /tmp/steward-bench-gc.XXXXXX)}
[[ -n ${BENCH_WORK:-} ]] || add_cleanup "rm -rf '$WORK'"
DATA=$WORK/data
SERVER_LOG=$WORK/server.log
mkdir -p "$DATA"

log "preparing an empty data directory"
start_server "$BIN" "$DATA" "$SERVER_LOG"
stop_pid "$SERVER_PID" 30
untrack_pid "$SERVER_PID"

log "seeding $VERSIONS versions into SQLite"
SEED=$(python3 "$BENCH_DIR/seed_gc.py" "$DATA" "$VERSIONS")
GARBAGE=$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["garbage"])' "$SEED")
LIVE=$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["live"])' "$SEED")
log "seeded: $SEED"

start_server "$BIN" "$DATA" "$SERVER_LOG"
TOKEN=$(cat "$DATA/admin-token")
START=$(python3 -c 'import time; print(time.time())')
REPORT=$(STEWARD_URL=$SERVER_URL STEWARD_TOKEN=$TOKEN "$BIN" gc --grace-seconds 0 --format json)
END=$(python3 -c 'import time; print(time.time())')
stop_pid "$SERVER_PID" 30
untrack_pid "$SERVER_PID"

SECONDS_TAKEN=$(python3 -c "print(round($END - $START, 2))")
ON_DISK=$(find "$DATA/blobs/sha256" -type f | wc -l)
MARKS=$(python3 -c 'import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute("SELECT COUNT(*) FROM gc_candidates").fetchone()[0])' "$DATA/steward.db")
DELETED=$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["deleted"])' "$REPORT")
BYTES=$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["bytes_reclaimed"])' "$REPORT")
log "gc report: $(tr -d '\n ' <<<"$REPORT")"
log "gc over $VERSIONS versions: ${SECONDS_TAKEN}s, deleted $DELETED blobs ($BYTES bytes); $ON_DISK blobs left, $MARKS marks left"

[[ $DELETED == "$GARBAGE" ]] || die "deleted $DELETED blobs, expected $GARBAGE"
[[ $ON_DISK == "$LIVE" ]] || die "$ON_DISK blobs left on disk, expected the $LIVE live ones"
[[ $MARKS == 0 ]] || die "$MARKS marks left"
printf '{"benchmark":"gc","versions":%s,"deleted":%s,"bytes_reclaimed":%s,"seconds":%s,"goal_seconds":%s,"binary":"%s","at":"%s"}\n' \
    "$VERSIONS" "$DELETED" "$BYTES" "$SECONDS_TAKEN" "$GOAL" "$BIN" "$(date -u +%FT%TZ)" >>"$RAW_DIR/gc.jsonl"
if python3 -c "import sys; sys.exit(0 if $SECONDS_TAKEN < $GOAL else 1)"; then
    log "PASS: ${SECONDS_TAKEN}s < ${GOAL}s"
else
    die "FAIL: ${SECONDS_TAKEN}s >= ${GOAL}s"
fi
