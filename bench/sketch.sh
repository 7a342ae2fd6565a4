#!/usr/bin/env bash
# Sketch update throughput (issue 7: at least 10 million values per second per core):
# `bash bench/sketch.sh`. Runs `steward-bench sketch-update` BENCH_REPS times (default 5) over
# BENCH_SKETCH_MILLIONS million generated values (default 10), prints the median of each rate as one
# JSON line and writes raw/sketch.json (medians plus every run).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
install_cleanup_trap
TOOL=${BENCH_TOOL_BIN:-$(cd "$REPO_DIR" && swift build -c release --show-bin-path)/steward-bench}
[[ -x $TOOL ]] || die "no steward-bench at $TOOL (swift build -c release --product steward-bench)"
REPS=${BENCH_REPS:-5}
MILLIONS=${BENCH_SKETCH_MILLIONS:-10}
RUNS=()
for ((i = 1; i <= REPS; i++)); do
    RUNS+=("$(run_tracked "$TOOL" sketch-update --millions "$MILLIONS")")
    log "sketch run $i/$REPS: ${RUNS[-1]}"
done
python3 - "$RAW_DIR/sketch.json" "${RUNS[@]}" <<'PY'
import json, statistics, sys
runs = [json.loads(r) for r in sys.argv[2:]]
rates = [k for k in runs[0] if k.endswith("_per_second")]
medians = {k: statistics.median(r[k] for r in runs) for k in rates}
json.dump({**medians, "values": runs[0]["values"], "reps": len(runs), "runs": runs}, open(sys.argv[1], "w"))
print(json.dumps(medians))
PY
