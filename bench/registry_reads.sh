#!/usr/bin/env bash
# Registry reads at 10,000 models / 100,000 versions, on SQLite or PostgreSQL.
#
#   bash bench/registry_reads.sh sqlite
#   bash bench/registry_reads.sh postgres
#
# Scenarios (wrk, one Lua script each under bench/wrk/, random model/version/team per request):
#   resolve_alias  GET /api/v1/models/model-<random>/aliases/production
#   get_version    GET /api/v1/models/model-<random>/versions/<random 1..10>
#   search_tag     GET /api/v1/versions?filter=tag.team = 'team-<random>'&max_results=100  (1% of versions match)
#   search_tag_c1  the same with a single connection: latency without queueing behind a second client
#
# Steps: start the server on an empty data directory (migrations, admin token), upload one small
# blob through the API, stop it, bulk-load the registry with bench/seed_registry.py (bypassing the
# API), start it again, check a few answers, warm up, then run every scenario BENCH_REPS times
# (interleaved) for BENCH_DURATION seconds each.
#
# Environment: BENCH_REPS (3), BENCH_DURATION (10 s), BENCH_WARMUP (3 s), BENCH_THREADS (1),
# BENCH_CONNECTIONS (2), BENCH_MODELS (10000), BENCH_VERSIONS_PER_MODEL (10), BENCH_TEAMS (100),
# BENCH_SCENARIOS ("resolve_alias get_version search_tag search_tag_c1"), BENCH_SKIP_BUILD=1, BENCH_WORK.
# Appends one JSON line per run to bench/out/raw/registry-<backend>.jsonl.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
install_cleanup_trap

BACKEND=${1:-sqlite}
[[ $BACKEND == sqlite || $BACKEND == postgres ]] || die "usage: bench/registry_reads.sh sqlite|postgres"
REPS=${BENCH_REPS:-3}
DURATION=${BENCH_DURATION:-10}
WARMUP=${BENCH_WARMUP:-3}
THREADS=${BENCH_THREADS:-1}
CONNECTIONS=${BENCH_CONNECTIONS:-2}
export BENCH_MODELS=${BENCH_MODELS:-10000}
export BENCH_VERSIONS_PER_MODEL=${BENCH_VERSIONS_PER_MODEL:-10}
export BENCH_TEAMS=${BENCH_TEAMS:-100}
SCENARIOS=${BENCH_SCENARIOS:-resolve_alias get_version search_tag search_tag_c1}
WORK=${BENCH_WORK:-$OUT_DIR/work}/registry-$BACKEND
RESULTS=$RAW_DIR/registry-$BACKEND.jsonl

command -v wrk >/dev/null || die "wrk is not installed (apt-get install wrk)"
BIN=$(steward_binary)
rm -rf "$WORK"
mkdir -p "$WORK"
add_cleanup "rm -rf '$WORK'"
: >"$RESULTS"
DATA=$WORK/data
SERVER_LOG=$WORK/server.log

DATABASE=
if [[ $BACKEND == postgres ]]; then
    # Under /tmp: the cluster runs as user postgres, which must be able to reach the directory.
    PG_PARENT=$(mktemp -d /tmp/steward-bench-pg.XXXXXX)
    PG_DIR=$PG_PARENT/pg
    add_cleanup "'$REPO_DIR/scripts/postgres.sh' stop '$PG_DIR'; rmdir '$PG_PARENT' 2>/dev/null"
    DATABASE=$("$REPO_DIR/scripts/postgres.sh" start "$PG_DIR")
    log "PostgreSQL at $DATABASE"
fi

# 1. Empty server: migrations, token, one real blob.
start_server "$BIN" "$DATA" "$SERVER_LOG" "$DATABASE"
TOKEN=$(tr -d '[:space:]' <"$DATA/admin-token")
api POST /models -d '{"name":"bench-blob"}' >/dev/null
api POST /models/bench-blob/versions -d '{}' >/dev/null
head -c 4096 /dev/urandom >"$WORK/blob.bin"
entry=$(curl -fsS --max-time 60 -T "$WORK/blob.bin" -H 'Expect:' -H "Authorization: Bearer $TOKEN" \
    -H 'Content-Type: application/octet-stream' "$SERVER_URL/api/v1/models/bench-blob/versions/1/files/model.bin")
api POST /models/bench-blob/versions/1/finalize >/dev/null
read -r BLOB_SHA BLOB_SIZE < <(python3 -c 'import json,sys; e = json.loads(sys.argv[1]); print(e["sha256"], e["size"])' "$entry")
stop_server

# 2. Bulk load (API bypassed).
log "seeding $BENCH_MODELS models x $BENCH_VERSIONS_PER_MODEL versions into $BACKEND"
if [[ $BACKEND == sqlite ]]; then
    target=(--sqlite "$DATA/steward.db")
else
    target=(--postgres "$DATABASE")
fi
run_tracked --grace 10 timeout 1800 python3 "$BENCH_DIR/seed_registry.py" "${target[@]}" \
    --blob-sha256 "$BLOB_SHA" --blob-size "$BLOB_SIZE" --models "$BENCH_MODELS" \
    --versions-per-model "$BENCH_VERSIONS_PER_MODEL" --teams "$BENCH_TEAMS" >"$RAW_DIR/seed-$BACKEND.json"
log "seeded: $(cat "$RAW_DIR/seed-$BACKEND.json")"

# 3. Serve the loaded registry and check that it answers what the scenarios ask.
start_server "$BIN" "$DATA" "$SERVER_LOG" "$DATABASE"
last=$((BENCH_MODELS - 1))
api GET "/models/model-$last/aliases/production" | python3 -c '
import json, sys
v = json.load(sys.stdin)
assert v["status"] == "ready" and v["aliases"] == ["production"] and len(v["files"]) == 1, v' \
    || die "resolve alias check failed"
api GET "/models/model-0/versions/$BENCH_VERSIONS_PER_MODEL" | python3 -c '
import json, sys
v = json.load(sys.stdin)
assert v["status"] == "ready" and v["tags"]["team"] == "team-0" and v["manifest_digest"], v' \
    || die "get version check failed"
api GET "/versions?filter=tag.team%20%3D%20%27team-$((7 % BENCH_TEAMS))%27&max_results=100" | python3 -c '
import json, sys
page = json.load(sys.stdin)
models, per_model, teams = (int(a) for a in sys.argv[1:4])
matches = len(range(7 % teams, models, teams)) * per_model
assert len(page["versions"]) == min(100, matches), "expected %d results" % min(100, matches)
assert bool(page.get("next_page_token")) == (matches > 100)
assert all(v["tags"]["team"] == "team-%d" % (7 % teams) for v in page["versions"])
times = [v["created_at"] for v in page["versions"]]
assert times == sorted(times, reverse=True), "not newest first"' "$BENCH_MODELS" "$BENCH_VERSIONS_PER_MODEL" "$BENCH_TEAMS" \
    || die "search check failed"
curl -fsS --max-time 10 -H "Authorization: Bearer $TOKEN" -o /dev/null \
    "$SERVER_URL/api/v1/models/model-0/versions/1/files/model.bin" || die "download of the seeded blob failed"
log "checks passed"

export STEWARD_TOKEN=$TOKEN

# run_wrk SCENARIO SECONDS OUTFILE: prints the BENCH_JSON summary (plus server CPU use) on stdout.
# (Called with stdout redirected to a file, not in $(...), so that signals reach the trap at once.)
# A scenario named NAME_c1 runs NAME with one connection (latency without queueing behind the other).
run_wrk() {
    local scenario=$1 seconds=$2 out=$3 ticks0 ticks1 rss script=${1%_c1} connections=$CONNECTIONS threads=$THREADS
    [[ $scenario == *_c1 ]] && { connections=1; threads=1; }
    ticks0=$(cpu_ticks "$SERVER_PID")
    run_tracked timeout $((seconds + 60)) wrk -t"$threads" -c"$connections" -d"${seconds}s" --timeout 5s --latency \
        -s "$BENCH_DIR/wrk/$script.lua" "$SERVER_URL" >"$out" 2>&1 || { cat "$out" >&2; die "wrk failed ($scenario)"; }
    ticks1=$(cpu_ticks "$SERVER_PID")
    rss=$(rss_kib "$SERVER_PID")
    local summary
    summary=$(sed -n 's/^BENCH_JSON //p' "$out")   # short-lived: fine inside $(...)
    [[ -n $summary ]] || { cat "$out" >&2; die "no summary from wrk ($scenario)"; }
    python3 -c '
import json, os, sys
row = json.loads(sys.argv[1])
ticks = int(sys.argv[2]) - int(sys.argv[3])
hz = os.sysconf("SC_CLK_TCK")
row["server_cpu_s"] = ticks / hz
row["server_rss_kib"] = int(sys.argv[4])
row["threads"], row["connections"] = int(sys.argv[5]), int(sys.argv[6])
print(json.dumps(row))' "$summary" "$ticks1" "$ticks0" "$rss" "$threads" "$connections"
}

log "warm-up: ${WARMUP}s per scenario"
for scenario in $SCENARIOS; do
    run_wrk "$scenario" "$WARMUP" "$WORK/warmup-$scenario.txt" >"$WORK/warmup-$scenario.json"
done

for ((rep = 1; rep <= REPS; rep++)); do
    for scenario in $SCENARIOS; do
        out=$RAW_DIR/wrk-$BACKEND-$scenario-$rep.txt
        run_wrk "$scenario" "$DURATION" "$out" >"$WORK/row.json"
        python3 -c '
import json, sys
row = json.loads(sys.argv[1])
row.update({"backend": sys.argv[2], "scenario": sys.argv[3], "rep": int(sys.argv[4])})
row["rps"] = row["requests"] / (row["duration_us"] / 1e6)
errors = sum(row[k] for k in row if k.startswith("errors_"))
if errors:
    sys.exit("%s: %d failed requests: %s" % (row["scenario"], errors, row))
print(json.dumps(row))' "$(cat "$WORK/row.json")" "$BACKEND" "$scenario" "$rep" >>"$RESULTS" \
            || die "errors during $scenario (see $out)"
        log "$BACKEND $scenario rep $rep: $(tail -n 1 "$RESULTS" | python3 -c '
import json, sys
r = json.load(sys.stdin)
print("%.0f req/s, p50 %.2f ms, p95 %.2f ms, p99 %.2f ms" % (r["rps"], r["p50_us"] / 1000, r["p95_us"] / 1000, r["p99_us"] / 1000))')"
    done
done

stop_server
log "registry results in $RESULTS"
