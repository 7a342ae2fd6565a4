#!/usr/bin/env bash
# Steward benchmarks, end to end: `make bench` (or `bash bench/run.sh [PART...]`).
#
# PARTs (default: all, in this order):
#   artifact   upload/download of a 2 GiB file vs cp           bench/artifact_stream.sh
#   sqlite     registry reads at 10k models / 100k versions    bench/registry_reads.sh sqlite
#   postgres   the same on a throwaway PostgreSQL cluster      bench/registry_reads.sh postgres
#   audit      1M-entry audit log: append, verify, proofs      bench/audit.sh
#   lineage    downstream lineage over 10,000 model versions   bench/lineage_downstream.py
#   auth       authentication + authorization cost per request  steward-bench auth-check
#   flood      a second principal's p99 under a 20x flood       bench/flood.py
#   gc         garbage collection over 100,000 versions         bench/gc.sh
#   fanout     an alias move to 1,000 webhook subscribers       bench/fanout.sh
#   drift      steward drift vs Evidently and numpy/scipy       bench/drift.sh
#   sketch     monitoring sketch updates (values/s per core)    bench/sketch.sh
#   ingest     HTTP prediction-log ingest (rows/s, server RSS)  bench/ingest.sh
#   ui         the web UI's model page with 1,000 versions      bench/ui_page.sh
#   catalog    catalog search with facets over 100,000 models   bench/catalog.sh
#
# Builds the release binary once, runs each part with a time limit (BENCH_PART_TIMEOUT seconds,
# default 3600), stops everything it started even when a part fails or the run is interrupted, then
# writes bench/out/results.md (medians and ratios) and prints it. Raw data: bench/out/raw/.
# The knobs of the parts (BENCH_REPS, BENCH_DURATION, BENCH_FILE_MIB, ...) pass through; see the
# header of each script. Needs: curl, python3, wrk (installed with apt-get when missing and root).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
install_cleanup_trap

PARTS=("$@")
[[ ${#PARTS[@]} -gt 0 ]] || PARTS=(artifact sqlite postgres audit lineage auth flood gc fanout sketch ingest drift ui catalog)
for part in "${PARTS[@]}"; do
    case $part in artifact | sqlite | postgres | audit | lineage | auth | flood | gc | fanout | sketch | ingest | drift | ui | catalog) ;; *) die "unknown part '$part' (artifact, sqlite, postgres, audit, lineage, auth, flood, gc, fanout, sketch, ingest, drift, ui, catalog)" ;; esac
done
PART_TIMEOUT=${BENCH_PART_TIMEOUT:-3600}

command -v curl >/dev/null || die "curl is required"
command -v python3 >/dev/null || die "python3 is required"
if ! command -v wrk >/dev/null; then
    if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null; then
        log "installing wrk with apt-get"
        apt-get update >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y wrk >&2 || die "could not install wrk"
    else
        die "wrk is not installed (apt-get install wrk)"
    fi
fi

rm -rf "$RAW_DIR" "$OUT_DIR/results.md"
mkdir -p "$RAW_DIR"
add_cleanup "rmdir '$OUT_DIR/work' 2>/dev/null"
BENCH_ENV=$(env | grep '^BENCH_' | sort | tr '\n' ' ' || true)
BUILT_NOW=$([[ ${BENCH_SKIP_BUILD:-0} == 1 || -n ${BENCH_BIN:-} ]] && echo no || echo yes)
STEWARD_BIN=$(steward_binary)
BINARY_NOTE="$STEWARD_BIN, modified $(date -u -r "$STEWARD_BIN" '+%Y-%m-%d %H:%M UTC'), built by this run: $BUILT_NOW"
# Every part runs this very binary, even if .build/release is rebuilt meanwhile (it is shared).
cp "$STEWARD_BIN" "$OUT_DIR/steward.bench"
add_cleanup "rm -f '$OUT_DIR/steward.bench'"
if [[ ( " ${PARTS[*]} " == *" audit "* || " ${PARTS[*]} " == *" auth "* || " ${PARTS[*]} " == *" sketch "* ) && -z ${BENCH_TOOL_BIN:-} ]]; then
    if [[ $BUILT_NOW == yes ]]; then
        log "building release steward-bench: swift build -c release --product steward-bench"
        (cd "$REPO_DIR" && swift build -c release --product steward-bench >&2) || die "release build of steward-bench failed"
    fi
    cp "$(cd "$REPO_DIR" && swift build -c release --show-bin-path)/steward-bench" "$OUT_DIR/steward-bench.bench"
    add_cleanup "rm -f '$OUT_DIR/steward-bench.bench'"
    export BENCH_TOOL_BIN=$OUT_DIR/steward-bench.bench
fi
export BENCH_BIN=$OUT_DIR/steward.bench BENCH_SKIP_BUILD=1

python3 - "$RAW_DIR/meta.json" "$(machine_json)" "$(cd "$REPO_DIR" && git rev-parse --short HEAD 2>/dev/null || echo '?')" \
    "$(cd "$REPO_DIR" && git status --porcelain 2>/dev/null | grep -q . && echo ' (with uncommitted changes)' || true)" \
    "$(wrk --version 2>&1 | head -n 1 | cut -c1-60)" "${BENCH_ENV}bash bench/run.sh ${PARTS[*]}" "$BINARY_NOTE" <<'EOF'
import datetime, json, sys
path, machine, commit, dirty, wrk, command, binary = sys.argv[1:]
json.dump({"date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
           "machine": json.loads(machine), "commit": commit + dirty, "wrk": wrk.strip(), "command": command,
           "binary": binary, "failed": []}, open(path, "w"))
EOF

FAILED=()
for part in "${PARTS[@]}"; do
    case $part in
        artifact) script=(bash "$BENCH_DIR/artifact_stream.sh") ;;
        sqlite) script=(bash "$BENCH_DIR/registry_reads.sh" sqlite) ;;
        postgres) script=(bash "$BENCH_DIR/registry_reads.sh" postgres) ;;
        audit) script=(bash "$BENCH_DIR/audit.sh") ;;
        lineage) script=(bash -c 'python3 "$0/lineage_downstream.py" --binary "$BENCH_BIN" > "$1/lineage.json"' "$BENCH_DIR" "$RAW_DIR") ;;
        auth) script=(bash "$BENCH_DIR/auth.sh") ;;
        flood) script=(bash -c 'python3 "$0/flood.py" --binary "$BENCH_BIN" > "$1/flood.json"' "$BENCH_DIR" "$RAW_DIR") ;;
        gc) script=(bash "$BENCH_DIR/gc.sh") ;;
        fanout) script=(bash "$BENCH_DIR/fanout.sh") ;;
        drift) script=(bash "$BENCH_DIR/drift.sh") ;;
        sketch) script=(bash "$BENCH_DIR/sketch.sh") ;;
        ingest) script=(bash "$BENCH_DIR/ingest.sh") ;;
        ui) script=(bash "$BENCH_DIR/ui_page.sh") ;;
        catalog) script=(bash "$BENCH_DIR/catalog.sh") ;;
    esac
    log "=== $part ==="
    started=$SECONDS
    # The part gets TERM at the time limit (its own trap then stops its server and database).
    if run_tracked --grace 120 timeout --kill-after=120 "$PART_TIMEOUT" "${script[@]}"; then
        log "=== $part done in $((SECONDS - started)) s ==="
    else
        log "=== $part FAILED after $((SECONDS - started)) s ==="
        FAILED+=("$part")
    fi
done

python3 - "$RAW_DIR/meta.json" "${FAILED[@]}" <<'EOF'
import json, sys
meta = json.load(open(sys.argv[1]))
meta["failed"] = sys.argv[2:]
meta["finished"] = __import__("datetime").datetime.now(__import__("datetime").timezone.utc).strftime("%H:%M UTC")
# How busy the machine was (other users included): load average and CPU pressure (PSI) at the end.
meta["loadavg"] = " ".join(open("/proc/loadavg").read().split()[:3])
try:
    meta["cpu_pressure"] = open("/proc/pressure/cpu").readline().strip()
except OSError:
    meta["cpu_pressure"] = "n/a"
json.dump(meta, open(sys.argv[1], "w"))
EOF
python3 "$BENCH_DIR/report.py" "$OUT_DIR"
log "results written to $OUT_DIR/results.md"
[[ ${#FAILED[@]} -eq 0 ]] || die "failed parts: ${FAILED[*]}"
