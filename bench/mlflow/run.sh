#!/usr/bin/env bash
# Steward vs the stock MLflow tracking server, with the same MLflow client calls, in one run:
#
#   bash bench/mlflow/run.sh            -> bench/out/mlflow-results.md (raw data: bench/out/mlflow-raw/)
#
# 1. Uses the release binary .build/release/steward (builds it with `swift build -c release --product
#    steward` only when it is missing or older than Sources/ or Package.swift) and the virtual
#    environment bench/.venv-mlflow (created with mlflow==3.17.2, scikit-learn, requests when missing).
# 2. Starts, on loopback and on fresh temporary directories, both servers side by side:
#      mlflow server --backend-store-uri sqlite:///<tmp>/mlflow.db --artifacts-destination <tmp>/artifacts
#                    --host 127.0.0.1 --port <p>   (MLflow defaults: 4 uvicorn workers, proxied artifacts)
#      steward serve --host 127.0.0.1 --port <p> --data-dir <tmp>/steward (SQLite) with its per-principal
#                    rate limits switched off (stock MLflow has none; the limits would turn load into 429s)
# 3. Seeds each through its own REST API (bench/mlflow/seed.py): BENCH_MODELS registered models with
#    one version and an alias each, then runs (create + log-batch) until BENCH_RUNS or, on MLflow,
#    BENCH_RUNS_BUDGET seconds; Steward then gets exactly the count MLflow reached.
# 4. For each repetition, call, mode and concurrency, measures both servers back to back, each once
#    both are idle (so one server's backlog does not run in the other's window; order
#    alternating between repetitions) with bench/mlflow/load.py; then times BENCH_WORKFLOW_REPS whole
#    workflows per server (bench/mlflow/workflow.py), alternating.
# 5. Writes the report (bench/mlflow/report.py). Every server is stopped by pid on exit, error or ^C.
#
# Knobs (environment): BENCH_MODELS (10000), BENCH_RUNS (50000), BENCH_RUNS_BUDGET (1200 s),
# BENCH_SEED_THREADS (8), BENCH_REPS (3), BENCH_DURATION (5 s), BENCH_WARMUP (1 s),
# BENCH_OPS ("alias get_rm search_rm search_runs log_batch"), BENCH_CLIENT_CONC ("2 4"),
# BENCH_WIRE_CONC ("4 16"), BENCH_WORKFLOW_REPS (3), BENCH_MLFLOW_WORKERS (empty = MLflow's default).
# Needs: python3, curl, wrk.
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
OUT=${BENCH_OUT:-$REPO/bench/out}
RAW=$OUT/mlflow-raw
VENV=$REPO/bench/.venv-mlflow
PY=$VENV/bin/python
BIN=${BENCH_BIN:-$REPO/.build/release/steward} # BENCH_BIN: a prebuilt binary (not rebuilt)

MODELS=${BENCH_MODELS:-10000}
RUNS=${BENCH_RUNS:-50000}
RUNS_BUDGET=${BENCH_RUNS_BUDGET:-1200}
SEED_THREADS=${BENCH_SEED_THREADS:-8}
REPS=${BENCH_REPS:-3}
DURATION=${BENCH_DURATION:-5}
WARMUP=${BENCH_WARMUP:-1}
OPS=${BENCH_OPS:-alias get_rm search_rm search_runs log_batch}
CLIENT_CONC=${BENCH_CLIENT_CONC:-2 4}
WIRE_CONC=${BENCH_WIRE_CONC:-4 16}
WORKFLOW_REPS=${BENCH_WORKFLOW_REPS:-3}
MLFLOW_WORKERS=${BENCH_MLFLOW_WORKERS:-}

log() { printf '[mlflow-bench %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "error: $*"; exit 1; }

# ---- cleanup: every process we start is stopped by pid (and its descendants, for mlflow's workers) ----
PIDS=()
WORK=
descendants() { local p; for p in $(ps -o pid= --ppid "$1" 2>/dev/null); do echo "$p"; descendants "$p"; done; }
stop_tree() {
    local pid=$1 kids i
    kill -0 "$pid" 2>/dev/null || return 0
    kids=$(descendants "$pid")
    kill -TERM "$pid" 2>/dev/null || true
    for ((i = 0; i < 150; i++)); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
    sleep 0.5
    for k in $kids; do kill -0 "$k" 2>/dev/null && kill -KILL "$k" 2>/dev/null || true; done
}
cleanup() {
    local rc=$? p
    trap - EXIT INT TERM
    for p in "${PIDS[@]}"; do stop_tree "$p"; done
    [[ -n $WORK && -d $WORK ]] && rm -rf "$WORK"
    exit "$rc"
}
trap cleanup EXIT
trap 'log "interrupted"; exit 130' INT TERM

command -v curl >/dev/null || die "curl is required"
command -v wrk >/dev/null || die "wrk is required (apt-get install wrk)"

# ---- release binary ------------------------------------------------------------------------------
if [[ -z ${BENCH_BIN:-} ]] && { [[ ! -x $BIN ]] || [[ -n $(find "$REPO/Sources" "$REPO/Package.swift" -newer "$BIN" -print -quit 2>/dev/null) ]]; }; then
    log "building release binary (swift build -c release --product steward; waits for another build's lock)"
    (cd "$REPO" && timeout 3600 swift build -c release --product steward >&2) || die "release build failed"
fi
[[ -x $BIN ]] || die "no release binary at $BIN"

# ---- benchmark virtual environment -------------------------------------------------------------
if [[ ! -x $PY ]] || ! "$PY" -c 'import mlflow, sklearn, requests; assert mlflow.__version__ == "3.17.2"' 2>/dev/null; then
    log "creating $VENV (mlflow==3.17.2, scikit-learn, requests)"
    python3 -m venv "$VENV"
    timeout 1800 "$VENV/bin/pip" install -q mlflow==3.17.2 scikit-learn requests >&2 || die "pip install failed"
fi
export MLFLOW_DISABLE_TELEMETRY=true MLFLOW_HTTP_REQUEST_MAX_RETRIES=0 MLFLOW_HTTP_REQUEST_TIMEOUT=120
unset MLFLOW_TRACKING_URI MLFLOW_TRACKING_TOKEN MLFLOW_TRACKING_USERNAME MLFLOW_TRACKING_PASSWORD

rm -rf "$RAW"
mkdir -p "$RAW"
WORK=$(mktemp -d /tmp/steward-mlflow-bench.XXXXXX)
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'; }
wait_http() { # URL PID SECONDS LOG
    local i
    for ((i = 0; i < $3 * 10; i++)); do
        curl -fsS --max-time 2 "$1" >/dev/null 2>&1 && return 0
        kill -0 "$2" 2>/dev/null || { tail -n 30 "$4" >&2; die "server exited during start"; }
        sleep 0.1
    done
    tail -n 30 "$4" >&2
    die "$1 not ready within $3 s"
}

# ---- servers -------------------------------------------------------------------------------------
MPORT=$(free_port)
MLFLOW_ARGS=(server --backend-store-uri "sqlite:///$WORK/mlflow.db" --artifacts-destination "$WORK/artifacts"
    --host 127.0.0.1 --port "$MPORT")
[[ -n $MLFLOW_WORKERS ]] && MLFLOW_ARGS+=(--workers "$MLFLOW_WORKERS")
"$VENV/bin/mlflow" "${MLFLOW_ARGS[@]}" >"$WORK/mlflow.log" 2>&1 &
MPID=$!
PIDS+=("$MPID")
MURL=http://127.0.0.1:$MPORT
SPORT=$(free_port)
STEWARD_ARGS=(serve --host 127.0.0.1 --port "$SPORT" --data-dir "$WORK/steward" --log-level warning
    --rate-reads off --rate-writes off --rate-search off --rate-ingest off)
"$BIN" "${STEWARD_ARGS[@]}" >"$WORK/steward.log" 2>&1 &
SPID=$!
PIDS+=("$SPID")
SURL=http://127.0.0.1:$SPORT
wait_http "$SURL/readyz" "$SPID" 60 "$WORK/steward.log"
wait_http "$MURL/health" "$MPID" 180 "$WORK/mlflow.log"
TOKEN=$(tr -d '[:space:]' <"$WORK/steward/admin-token")
log "mlflow server pid $MPID at $MURL; steward pid $SPID at $SURL"

python3 - "$RAW/meta.json" <<EOF
import datetime, json, os, platform, re, subprocess, sys
mem = open("/proc/meminfo").read()
cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
commit = subprocess.run(["git", "-C", "$REPO", "rev-parse", "--short", "HEAD"], capture_output=True, text=True).stdout.strip()
dirty = subprocess.run(["git", "-C", "$REPO", "status", "--porcelain"], capture_output=True, text=True).stdout.strip()
json.dump({"date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
  "commit": commit + (" (with uncommitted changes)" if dirty else ""),
  "command": "bash bench/mlflow/run.sh" + "".join(f" {k}={v}" for k, v in sorted(os.environ.items()) if k.startswith("BENCH_")),
  "machine": {"nproc": os.cpu_count(), "cpu": cpu, "mem_mib": int(re.search(r"MemTotal:\s+(\d+)", mem).group(1)) // 1024,
              "kernel": platform.release()},
  "mlflow_version": "3.17.2", "mlflow_cmd": "mlflow ${MLFLOW_ARGS[*]}".replace("$WORK", "<tmp>"),
  "steward_cmd": ".build/release/steward ${STEWARD_ARGS[*]}".replace("$WORK", "<tmp>"),
  "reps": $REPS, "duration": $DURATION, "warmup": $WARMUP, "seed_threads": $SEED_THREADS, "failed": []},
  open(sys.argv[1], "w"))
EOF
FAILED=()
fail() { FAILED+=("$1"); log "FAILED: $1"; }

# ---- seeding -------------------------------------------------------------------------------------
log "seeding MLflow: $MODELS models, up to $RUNS runs or ${RUNS_BUDGET}s of runs"
timeout 7200 "$PY" "$HERE/seed.py" --url "$MURL" --state "$RAW/seed-mlflow.json" --models "$MODELS" \
    --runs "$RUNS" --runs-budget "$RUNS_BUDGET" --threads "$SEED_THREADS" --server-pid "$MPID" \
    2> >(grep -v -i -E 'warning|warn\(|^\s*$|View (run|experiment)' >&2) || die "seeding MLflow failed"
MRUNS=$(python3 -c "import json; print(json.load(open('$RAW/seed-mlflow.json'))['runs'])")
log "seeding Steward: $MODELS models, $MRUNS runs (the count MLflow reached)"
timeout 7200 "$PY" "$HERE/seed.py" --url "$SURL" --token "$TOKEN" --state "$RAW/seed-steward.json" --models "$MODELS" \
    --runs "$MRUNS" --threads "$SEED_THREADS" --server-pid "$SPID" \
    2> >(grep -v -i -E 'warning|warn\(|^\s*$|View (run|experiment)' >&2) || die "seeding Steward failed"

# ---- load ----------------------------------------------------------------------------------------
load() { # SERVER OP MODE CONC REP
    local state pid tok=()
    if [[ $1 == mlflow ]]; then state=$RAW/seed-mlflow.json pid=$MPID; else state=$RAW/seed-steward.json pid=$SPID tok=(--token "$TOKEN"); fi
    timeout $((${DURATION%.*} + ${WARMUP%.*} + 180)) "$PY" "$HERE/load.py" --state "$state" --server "$1" --server-pid "$pid" "${tok[@]}" \
        --op "$2" --mode "$3" --conc "$4" --duration "$DURATION" --warmup "$WARMUP" --rep "$5" --out "$RAW/load.jsonl" \
        --idle-pids "$MPID $SPID" \
        || fail "load $1 $2 $3 c=$4 rep $5"
}
for ((rep = 1; rep <= REPS; rep++)); do
    if ((rep % 2)); then ORDER=(mlflow steward); else ORDER=(steward mlflow); fi
    for op in $OPS; do
        for c in $CLIENT_CONC; do for s in "${ORDER[@]}"; do load "$s" "$op" client "$c" "$rep"; done; done
        for c in $WIRE_CONC; do for s in "${ORDER[@]}"; do load "$s" "$op" wire "$c" "$rep"; done; done
    done
done

# ---- workflow ------------------------------------------------------------------------------------
for ((rep = 1; rep <= WORKFLOW_REPS; rep++)); do
    if ((rep % 2)); then ORDER=(mlflow steward); else ORDER=(steward mlflow); fi
    for s in "${ORDER[@]}"; do
        if [[ $s == mlflow ]]; then url=$MURL tok=(); else url=$SURL tok=(--token "$TOKEN"); fi
        line=$(timeout 600 "$PY" "$HERE/workflow.py" --url "$url" "${tok[@]}" --name "wf-$s-$rep" 2>"$WORK/wf.err" \
            | grep '^WORKFLOW_JSON ') || { tail -n 20 "$WORK/wf.err" >&2; fail "workflow $s rep $rep"; continue; }
        python3 -c "import json, sys; d = json.loads(sys.argv[1]); d.update(server=sys.argv[2], rep=int(sys.argv[3])); print(json.dumps(d))" \
            "${line#WORKFLOW_JSON }" "$s" "$rep" >>"$RAW/workflow.jsonl"
        log "workflow $s rep $rep: ${line#WORKFLOW_JSON }"
    done
done

# ---- report --------------------------------------------------------------------------------------
python3 - "$RAW/meta.json" "${FAILED[@]}" <<'EOF'
import json, sys
meta = json.load(open(sys.argv[1])); meta["failed"] = sys.argv[2:]; json.dump(meta, open(sys.argv[1], "w"))
EOF
python3 "$HERE/report.py" "$RAW" "$OUT/mlflow-results.md" >/dev/null
log "results written to $OUT/mlflow-results.md"
cat "$OUT/mlflow-results.md"
[[ ${#FAILED[@]} -eq 0 ]] || die "failed steps: ${FAILED[*]}"
