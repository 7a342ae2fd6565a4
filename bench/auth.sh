#!/usr/bin/env bash
# Authentication + authorization cost per request (issue 4), in isolation: `bash bench/auth.sh`.
# Runs `steward-bench auth-check` on SQLite and on a throwaway PostgreSQL; writes raw/auth.json.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
install_cleanup_trap
TOOL=${BENCH_TOOL_BIN:-$(cd "$REPO_DIR" && swift build -c release --show-bin-path)/steward-bench}
[[ -x $TOOL ]] || die "no steward-bench at $TOOL (swift build -c release --product steward-bench)"
WORK=$(mktemp -d "${TMPDIR:-/tmp}/steward-auth-bench.XXXXXX")
add_cleanup "rm -rf '$WORK'"
head -c 32 /dev/urandom | base64 > "$WORK/key"
SQLITE=$(run_tracked "$TOOL" auth-check --database "sqlite:$WORK/s.db" --data-dir "$WORK" --key-file "$WORK/key")
log "SQLite: $SQLITE"
PGURL=$(bash "$REPO_DIR/scripts/postgres.sh" start "$WORK/pg")
add_cleanup "bash '$REPO_DIR/scripts/postgres.sh' stop '$WORK/pg' >/dev/null 2>&1"
POSTGRES=$(run_tracked "$TOOL" auth-check --database "$PGURL" --data-dir "$WORK" --key-file "$WORK/key")
log "PostgreSQL: $POSTGRES"
bash "$REPO_DIR/scripts/postgres.sh" stop "$WORK/pg" >/dev/null 2>&1 || true
printf '{"sqlite": %s, "postgres": %s}\n' "$SQLITE" "$POSTGRES" > "$RAW_DIR/auth.json"
