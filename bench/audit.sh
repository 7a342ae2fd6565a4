#!/usr/bin/env bash
# Audit trail benchmark (issue 5): `bash bench/audit.sh` (also a part of `make bench`).
#
#   1. seeds BENCH_AUDIT_ENTRIES (default 1,000,000) entries through the real append path
#      (`steward-bench audit-seed`, SQLite);
#   2. times the audit append inside a mutation transaction (`steward-bench audit-append`), on that
#      large log and on a fresh PostgreSQL database;
#   3. starts `steward serve` on the log and times `steward audit verify` against the live server,
#      `steward audit export`, and `steward audit verify --file` on the export (BENCH_REPS, default 3);
#   4. measures inclusion and consistency proof latency with wrk (1 connection, random indices).
# Writes bench/out/raw/audit.json. Goals: append < 1 ms median; verify of 1M entries < 30 s;
# proofs < 5 ms.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
install_cleanup_trap

ENTRIES=${BENCH_AUDIT_ENTRIES:-1000000}
REPS=${BENCH_REPS:-3}
BIN=$(steward_binary)
BENCH_TOOL=${BENCH_TOOL_BIN:-}
if [[ -z $BENCH_TOOL ]]; then
    if [[ ${BENCH_SKIP_BUILD:-0} != 1 ]]; then
        (cd "$REPO_DIR" && swift build -c release --product steward-bench >&2) || die "release build of steward-bench failed"
    fi
    BENCH_TOOL=$(cd "$REPO_DIR" && swift build -c release --show-bin-path 2>/dev/null)/steward-bench
fi
[[ -x $BENCH_TOOL ]] || die "no steward-bench at $BENCH_TOOL"

WORK=$(mktemp -d "${TMPDIR:-/tmp}/steward-audit-bench.XXXXXX")
add_cleanup "rm -rf '$WORK'"
DATA=$WORK/data
mkdir -p "$DATA"
head -c 32 /dev/urandom | base64 > "$WORK/audit.key"
DB=sqlite:$DATA/steward.db

log "seeding $ENTRIES audit entries (SQLite)"
SEED=$(run_tracked "$BENCH_TOOL" audit-seed --database "$DB" --data-dir "$DATA" --key-file "$WORK/audit.key" --count "$ENTRIES")
log "seeded: $SEED"
APPEND_SQLITE=$(run_tracked "$BENCH_TOOL" audit-append --database "$DB" --data-dir "$DATA" --key-file "$WORK/audit.key" --count 2000)
log "append on SQLite with $ENTRIES entries: $APPEND_SQLITE"

APPEND_PG=null
if [[ ${BENCH_AUDIT_POSTGRES:-1} == 1 ]]; then
    PGDIR=$WORK/pg
    PGURL=$(bash "$REPO_DIR/scripts/postgres.sh" start "$PGDIR")
    add_cleanup "bash '$REPO_DIR/scripts/postgres.sh' stop '$PGDIR' >/dev/null 2>&1"
    APPEND_PG=$(run_tracked "$BENCH_TOOL" audit-append --database "$PGURL" --data-dir "$DATA" --key-file "$WORK/audit.key" --count 2000)
    log "append on PostgreSQL (fresh log): $APPEND_PG"
    bash "$REPO_DIR/scripts/postgres.sh" stop "$PGDIR" >/dev/null 2>&1 || true
fi

STEWARD_AUDIT_SIGNING_KEY=$WORK/audit.key start_server "$BIN" "$DATA" "$WORK/server.log" "$DB"
TOKEN=$(cat "$DATA/admin-token")
export STEWARD_URL=$SERVER_URL STEWARD_TOKEN=$TOKEN

timed() { local t0 t1; t0=$(now); "$@" >/dev/null; t1=$(now); python3 -c "print(round($t1 - $t0, 2))"; }
LIVE=() FILE=() EXPORT=()
for ((rep = 1; rep <= REPS; rep++)); do
    LIVE+=("$(timed "$BIN" audit verify)")
    EXPORT+=("$(timed "$BIN" audit export -o "$WORK/trail.jsonl")")
    FILE+=("$(timed "$BIN" audit verify --file "$WORK/trail.jsonl")")
    log "rep $rep: verify live ${LIVE[-1]} s, export ${EXPORT[-1]} s, verify file ${FILE[-1]} s"
done
EXPORT_BYTES=$(stat -c %s "$WORK/trail.jsonl")
rm -f "$WORK/trail.jsonl"

SIZE=$(curl -fsS -H "Authorization: Bearer $TOKEN" "$SERVER_URL/api/v1/audit/checkpoint" | python3 -c 'import json,sys; print(json.load(sys.stdin)["tree_size"])')
proof_latency() { # proof_latency LUA_KIND -> "p50 p99" in ms
    cat > "$WORK/proof.lua" <<LUA
math.randomseed(42)
request = function()
  local i = math.random(0, $SIZE - 1)
  if "$1" == "inclusion" then
    return wrk.format("GET", "/api/v1/audit/proofs/inclusion?index=" .. i, {["Authorization"] = "Bearer $TOKEN"})
  end
  return wrk.format("GET", "/api/v1/audit/proofs/consistency?first=" .. (i + 1), {["Authorization"] = "Bearer $TOKEN"})
end
done = function(summary, latency, requests)
  io.write(string.format("LAT %.3f %.3f %d\n", latency:percentile(50) / 1000, latency:percentile(99) / 1000, summary.requests))
end
LUA
    wrk -t1 -c1 -d"${BENCH_DURATION:-10}"s -s "$WORK/proof.lua" "$SERVER_URL" | awk '/^LAT/ { print $2, $3, $4 }'
}
read -r INC_P50 INC_P99 INC_N <<<"$(proof_latency inclusion)"
read -r CON_P50 CON_P99 CON_N <<<"$(proof_latency consistency)"
log "inclusion proofs: p50 $INC_P50 ms, p99 $INC_P99 ms ($INC_N requests); consistency: p50 $CON_P50 ms, p99 $CON_P99 ms"
stop_server

python3 - "$RAW_DIR/audit.json" "$SIZE" "$SEED" "$APPEND_SQLITE" "$APPEND_PG" "${LIVE[*]}" "${EXPORT[*]}" "${FILE[*]}" \
    "$EXPORT_BYTES" "$INC_P50 $INC_P99 $INC_N" "$CON_P50 $CON_P99 $CON_N" <<'PY'
import json, sys
size, seed, app_sqlite, app_pg, live, export, files, export_bytes, inc, con = sys.argv[2:]
floats = lambda text: [float(x) for x in text.split()]
def latency(text):
    p50, p99, n = text.split()
    return {"p50": float(p50), "p99": float(p99), "requests": int(n)}
json.dump({"entries": int(size), "seed": json.loads(seed), "append_sqlite": json.loads(app_sqlite), "append_postgres": json.loads(app_pg),
           "verify_live_s": floats(live), "export_s": floats(export), "verify_file_s": floats(files), "export_bytes": int(export_bytes),
           "inclusion_ms": latency(inc), "consistency_ms": latency(con)}, open(sys.argv[1], "w"), indent=1)
PY
log "wrote $RAW_DIR/audit.json"
