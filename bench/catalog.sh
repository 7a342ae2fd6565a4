#!/usr/bin/env bash
# Catalog search with facets over 100,000 models (issue 8: p95 under 50 ms): seeds SQLite directly
# (bench/seed_catalog.py), then times GET /api/v1/catalog over varied queries as an administrator and
# as a viewer (bench/catalog_search.py). Writes $RAW_DIR/catalog.json when run from bench/run.sh.
#
#   bash bench/catalog.sh                        # release binary, 100,000 models
#   BENCH_BIN=.build/debug/steward BENCH_CATALOG_MODELS=2000 BENCH_REPS=40 bash bench/catalog.sh
set -euo pipefail
source "$(dirname "$0")/lib.sh"
BIN=$(steward_binary)
OUT=${RAW_DIR:-$(mktemp -d)}
log "catalog: ${BENCH_CATALOG_MODELS:-100000} models, ${BENCH_REPS:-200} requests per principal"
python3 "$BENCH_DIR/catalog_search.py" --binary "$BIN" --models "${BENCH_CATALOG_MODELS:-100000}" --reps "${BENCH_REPS:-200}" \
    --port "$(free_port)" | tee "$OUT/catalog.json"
