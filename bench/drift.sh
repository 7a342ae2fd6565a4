#!/usr/bin/env bash
# `steward drift` vs Evidently's DataDriftPreset and the exact numpy/scipy baseline (issue 7 goal:
# flag exactly the injected columns, >= 20x faster than Evidently, no slower than the baseline,
# peak RSS < 300 MB), on the data of drift_anchor.py (100k reference + 1M current rows, 25 columns).
#
#   bash bench/drift.sh                                          # release build, full data
#   BENCH_BIN=.build/debug/steward BENCH_DRIFT_ROWS=20000 BENCH_DRIFT_REPS=1 bash bench/drift.sh
#
# Steps: set up bench/.venv-drift (numpy, scipy, pandas 2.3.3, evidently 0.7.23), generate the data
# once under bench/out/drift-data with drift_anchor.py (seeded, so always the same files), then in
# one run: `steward drift ref.csv cur.csv --format json` BENCH_DRIFT_REPS times (fresh process each,
# wall time and max RSS from /usr/bin/time -v), and drift_anchor.py's own `run baseline` and
# `run evidently` tasks (fresh processes; their timings exclude the pandas CSV load, which is
# reported separately). BENCH_DRIFT_ROWS=N keeps the first N current rows (and N/10 reference
# rows), for checking the script quickly with a debug binary.
#
# Environment: BENCH_DRIFT_REPS (3), BENCH_DRIFT_ROWS (all), BENCH_DRIFT_ANCHOR (path of
# drift_anchor.py, default bench/drift_anchor.py: a copy of the shared anchor script), BENCH_DRIFT_SKIP_EVIDENTLY=1, BENCH_BIN.
# Writes bench/out/drift.json (and a copy in bench/out/raw/drift.json for the report).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
install_cleanup_trap

REPS=${BENCH_DRIFT_REPS:-3}
ANCHOR=${BENCH_DRIFT_ANCHOR:-$REPO_DIR/bench/drift_anchor.py}
[[ -f $ANCHOR ]] || die "drift_anchor.py not found at $ANCHOR (set BENCH_DRIFT_ANCHOR)"
[[ -x /usr/bin/time ]] || die "/usr/bin/time is required (apt-get install time)"
BIN=$(steward_binary)
VENV=$BENCH_DIR/.venv-drift
PY=$VENV/bin/python

if [[ ! -x $PY ]] || ! "$PY" -c 'import numpy, scipy, pandas, evidently' 2>/dev/null; then
    log "setting up $VENV (numpy, scipy, pandas 2.3.3, evidently 0.7.23)"
    python3 -m venv "$VENV"
    "$PY" -m pip install --quiet --upgrade pip >&2
    # evidently 0.7.23 cannot import pandas 3 (see the anchors), hence the pin.
    "$PY" -m pip install --quiet numpy scipy "pandas==2.3.3" "evidently==0.7.23" >&2
fi

FULL=$OUT_DIR/drift-data
if [[ ! -f $FULL/cur.csv || ! -f $FULL/ref.csv ]]; then
    log "generating the data into $FULL (drift_anchor.py gen)"
    DRIFT_DATA_DIR=$FULL "$PY" "$ANCHOR" gen >&2
fi
DATA=$FULL
if [[ -n ${BENCH_DRIFT_ROWS:-} ]]; then
    DATA=$OUT_DIR/drift-data-$BENCH_DRIFT_ROWS
    mkdir -p "$DATA"
    head -n $((BENCH_DRIFT_ROWS + 1)) "$FULL/cur.csv" >"$DATA/cur.csv"
    head -n $((BENCH_DRIFT_ROWS / 10 + 1)) "$FULL/ref.csv" >"$DATA/ref.csv"
fi

log "steward drift: $REPS runs on $DATA"
for ((i = 1; i <= REPS; i++)); do
    /usr/bin/time -v -o "$OUT_DIR/drift-time-$i.txt" "$BIN" drift "$DATA/ref.csv" "$DATA/cur.csv" --format json \
        >"$OUT_DIR/drift-steward-$i.json"
done

TOOLS=(baseline)
[[ ${BENCH_DRIFT_SKIP_EVIDENTLY:-0} == 1 ]] || TOOLS+=(evidently)
for tool in "${TOOLS[@]}"; do
    log "drift_anchor.py run $tool"
    DRIFT_DATA_DIR=$DATA DRIFT_RESULTS=$OUT_DIR/drift-anchor-unused.json \
        run_tracked "$PY" "$ANCHOR" run "$tool" >"$OUT_DIR/drift-$tool.txt"
done

python3 "$BENCH_DIR/drift_summary.py" "$OUT_DIR" "$REPS" "$BIN" "$DATA" "${TOOLS[@]}" >"$OUT_DIR/drift.json"
cp "$OUT_DIR/drift.json" "$RAW_DIR/drift.json"
cat "$OUT_DIR/drift.json"
