#!/usr/bin/env bash
# The web UI's model page for a model with 1,000 versions (issue 8 goal: p95 under 100 ms on the server).
#
#   bash bench/ui_page.sh                                           # release build, 1,000 versions
#   BENCH_BIN=.build/debug/steward bash bench/ui_page.sh            # check the script with a debug build
#
# Steps: start the server on an empty data directory (SQLite); seed one model with N versions through
# the native API; sign in through the sign-in form; fetch /ui/models/<name> BENCH_REQUESTS times on one
# keep-alive connection (loopback, so the time is the server's) and report median and p95.
#
# Environment: BENCH_VERSIONS (1000), BENCH_REQUESTS (60), BENCH_GOAL_MS (100), BENCH_BIN, BENCH_SKIP_BUILD=1, BENCH_WORK.
# Appends one JSON line to bench/out/raw/ui_page.jsonl.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
install_cleanup_trap

VERSIONS=${BENCH_VERSIONS:-1000}
REQUESTS=${BENCH_REQUESTS:-60}
GOAL=${BENCH_GOAL_MS:-100}
BIN=$(steward_binary)
WORK=${BENCH_WORK:-$(mktemp -d /tmp/steward-bench-ui.XXXXXX)}
[[ -n ${BENCH_WORK:-} ]] || add_cleanup "rm -rf '$WORK'"
DATA=$WORK/data
mkdir -p "$DATA" "$RAW_DIR"

start_server "$BIN" "$DATA" "$WORK/server.log"
TOKEN=$(cat "$DATA/admin-token")
log "seeding $VERSIONS versions and timing the model page"
RESULT=$(python3 "$BENCH_DIR/ui_page.py" "$SERVER_URL" "$TOKEN" --versions "$VERSIONS" --requests "$REQUESTS" --goal-ms "$GOAL")
stop_server
log "result: $RESULT"
python3 -c 'import json,sys; r=json.loads(sys.argv[1]); r["binary"]=sys.argv[2]; print(json.dumps(r))' "$RESULT" "$BIN" >>"$RAW_DIR/ui_page.jsonl"
P95=$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["p95_ms"])' "$RESULT")
if python3 -c "import sys; sys.exit(0 if $P95 < $GOAL else 1)"; then
    log "PASS: model page p95 ${P95} ms < ${GOAL} ms with $VERSIONS versions"
else
    die "FAIL: model page p95 ${P95} ms >= ${GOAL} ms with $VERSIONS versions"
fi
