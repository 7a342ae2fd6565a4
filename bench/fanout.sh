#!/usr/bin/env bash
# Event fan-out (issue 6 goals: 1,000 subscribers receive an alias move within 5 s end to end; the
# outbox adds under 1 ms median to the mutation), SQLite.
#
#   bash bench/fanout.sh                                            # release build
#   BENCH_BIN=.build/debug/steward bash bench/fanout.sh             # check the script quickly
#
# Starts one local webhook receiver (bench/webhook_receiver.py, verifies every signature) and a
# server allowed to call loopback (--webhooks-allow-private); bench/fanout.py then times alias moves
# with no subscriber, subscribes BENCH_SUBSCRIBERS webhook endpoints (one receiver URL each) to the
# model, times one alias move until every delivery has arrived, and times alias moves again with
# the subscribers (each after the previous fan-out drained). The mutation's outbox cost is the
# event insert in its transaction; fan-out is asynchronous, so the two medians should match.
#
# Environment: BENCH_SUBSCRIBERS (1000), BENCH_MOVES (30), BENCH_GOAL_SECONDS (5), BENCH_BIN,
# BENCH_SKIP_BUILD=1, BENCH_WORK. Appends one JSON line to bench/out/raw/fanout.jsonl.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
install_cleanup_trap

SUBSCRIBERS=${BENCH_SUBSCRIBERS:-1000}
MOVES=${BENCH_MOVES:-30}
GOAL=${BENCH_GOAL_SECONDS:-5}
BIN=$(steward_binary)
WORK=${BENCH_WORK:-$(mktemp -d /tmp/steward-bench-fanout.XXXXXX)}
[[ -n ${BENCH_WORK:-} ]] || add_cleanup "rm -rf '$WORK'"
mkdir -p "$WORK/data"

RECEIVER_PORT=$(free_port)
python3 "$BENCH_DIR/webhook_receiver.py" "$RECEIVER_PORT" >"$WORK/receiver.log" 2>&1 &
track_pid $! 5
RECEIVER_URL=http://127.0.0.1:$RECEIVER_PORT
for ((i = 0; i < 100; i++)); do curl -fsS --max-time 1 "$RECEIVER_URL/stats" >/dev/null 2>&1 && break; sleep 0.1; done
curl -fsS --max-time 1 "$RECEIVER_URL/stats" >/dev/null || die "the webhook receiver did not start"

# The receiver is on loopback: only an administrator's flag lets webhooks go there.
export STEWARD_WEBHOOKS_ALLOW_PRIVATE=1
start_server "$BIN" "$WORK/data" "$WORK/server.log"
TOKEN=$(cat "$WORK/data/admin-token")

log "fan-out to $SUBSCRIBERS subscribers, $MOVES timed moves each way"
RESULT=$(python3 "$BENCH_DIR/fanout.py" "$SERVER_URL" "$TOKEN" "$RECEIVER_URL" "$SUBSCRIBERS" "$MOVES")
log "result: $RESULT"
stop_pid "$SERVER_PID" 30
untrack_pid "$SERVER_PID"

FANOUT=$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["fanout_seconds"])' "$RESULT")
BAD=$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["bad_signatures"])' "$RESULT")
BASE=$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["move_ms_median_0_subscribers"])' "$RESULT")
LOADED=$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["move_ms_median_with_subscribers"])' "$RESULT")
printf '{"benchmark":"fanout","result":%s,"goal_seconds":%s,"binary":"%s","at":"%s"}\n' \
    "$RESULT" "$GOAL" "$BIN" "$(date -u +%FT%TZ)" >>"$RAW_DIR/fanout.jsonl"
log "alias move → $SUBSCRIBERS deliveries: ${FANOUT}s (goal < ${GOAL}s); move median ${BASE} ms without subscribers, ${LOADED} ms with"
[[ $BAD == 0 ]] || die "$BAD deliveries had a bad signature"
if python3 -c "import sys; sys.exit(0 if $FANOUT < $GOAL else 1)"; then
    log "goal met"
else
    log "goal NOT met"
    exit 1
fi
