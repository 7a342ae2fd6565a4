#!/usr/bin/env bash
# Runs the whole test suite against SQLite and a throwaway PostgreSQL.
# Expects the tests to be built already (`make test` runs `make build` first).
#
#   scripts/test.sh [extra `swift test` args, e.g. --filter RegistryTests]
#
# If STEWARD_TEST_POSTGRES_URL is already set, that server is used and no
# throwaway cluster is started.
set -euo pipefail

cd "$(dirname "$(readlink -f "$0")")/.."

pg_dir=""
child=""
cleanup() {
    # Interrupted while a test phase runs: stop it before PostgreSQL goes away.
    if [[ -n $child ]] && kill -0 "$child" 2>/dev/null; then
        echo "test.sh: interrupted; stopping pid $child" >&2
        kill -TERM "$child" 2>/dev/null || true
        for _ in $(seq 1 20); do kill -0 "$child" 2>/dev/null || break; sleep 0.5; done
        kill -KILL "$child" 2>/dev/null || true
        wait "$child" 2>/dev/null || true
    fi
    child=""
    if [[ -n $pg_dir ]]; then
        scripts/postgres.sh stop "$pg_dir" \
            || echo "test.sh: warning: could not stop PostgreSQL in $pg_dir" >&2
        pg_dir=""
    fi
}
trap 'rc=$?; trap - EXIT; cleanup; exit $rc' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP

# Runs a test phase in the background and waits for it, so that INT/TERM
# reach our traps immediately (bash defers traps while a foreground child
# runs). Returns the phase's exit status.
run_phase() {
    local rc=0
    "$@" &
    child=$!
    wait "$child" || rc=$?
    child=""
    return "$rc"
}

if [[ -n ${STEWARD_TEST_POSTGRES_URL:-} ]]; then
    echo "== using externally provided PostgreSQL: $STEWARD_TEST_POSTGRES_URL"
else
    echo "== starting throwaway PostgreSQL"
    pg_dir=$(mktemp -d "${TMPDIR:-/tmp}/steward-pg.XXXXXX")
    STEWARD_TEST_POSTGRES_URL=$(scripts/postgres.sh start "$pg_dir")
fi
export STEWARD_TEST_POSTGRES_URL
export STEWARD_TEST_REQUIRE_POSTGRES=1

status=0

echo "== swift tests (SQLite + PostgreSQL at $STEWARD_TEST_POSTGRES_URL)"
# No --parallel: swift-testing already runs tests concurrently in-process, and
# XCTest's parallel mode would spawn duplicate worker processes.
run_phase swift test --skip-build "$@" || status=$?

# ---------------------------------------------------------------------------
# HOOK: Python client tests (tests/python) -- not implemented yet.
# Planned shape, reusing the same PostgreSQL cluster:
#
#   if [[ -d tests/python ]]; then
#       echo "== python client tests (tests/python, PostgreSQL at $STEWARD_TEST_POSTGRES_URL)"
#       python3 -m venv .venv-tests
#       .venv-tests/bin/pip install -q -r tests/python/requirements.txt
#       # a separate database keeps it isolated from the Swift suites:
#       # py_url=$(scripts/postgres.sh createdb "$pg_dir" steward_pytest)
#       run_phase .venv-tests/bin/python -m pytest tests/python || status=$?
#   fi
# ---------------------------------------------------------------------------

if [[ $status -eq 0 ]]; then
    echo "== all tests passed"
else
    echo "== tests FAILED (exit status $status)" >&2
fi
exit "$status"
