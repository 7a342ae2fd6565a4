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

# The web UI's browser test drives a real headless Chromium (Debian's package). Installed once
# when missing (we run as root in CI); with it required, a missing browser fails the test.
if ! command -v chromium >/dev/null 2>&1; then
    if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null 2>&1; then
        echo "== installing chromium (apt-get; once)"
        { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; } >/dev/null 2>&1 \
            || echo "test.sh: warning: could not install chromium" >&2
    else
        echo "test.sh: warning: chromium is not installed and cannot be installed here" >&2
    fi
fi
export STEWARD_TEST_REQUIRE_BROWSER=1

status=0

echo "== swift tests (SQLite + PostgreSQL at $STEWARD_TEST_POSTGRES_URL)"
# No --parallel: swift-testing already runs tests concurrently in-process, and
# XCTest's parallel mode would spawn duplicate worker processes.
# The output is also kept in .build/swift-test.log: when this phase fails, a summary of it (the
# crash's frames, the tests then running, the failed ones) is printed last, where CI's tail shows it.
swift_log=.build/swift-test.log
swift_status=0
run_phase swift test --skip-build "$@" > >(tee "$swift_log") 2>&1 || swift_status=$?
status=$swift_status

# ---------------------------------------------------------------------------
# Python client tests (tests/python): the stock `mlflow` client against a real
# `steward serve` on SQLite and on this PostgreSQL cluster (each run creates its
# own database). The virtual environment is created once and reused; it is
# reinstalled when tests/python/requirements.txt changes.
if [[ -d tests/python ]]; then
    echo "== python client tests (tests/python; SQLite + PostgreSQL)"
    venv=.venv-test
    stamp="$venv/.requirements.sha256"
    want=$(sha256sum tests/python/requirements.txt | cut -d' ' -f1)
    if [[ ! -x $venv/bin/python || ! -f $stamp || $(cat "$stamp") != "$want" ]]; then
        echo "== installing $venv (mlflow, scikit-learn, pytest; takes a few minutes the first time)"
        python3 -m venv "$venv"
        "$venv/bin/pip" install -q -r tests/python/requirements.txt
        echo "$want" > "$stamp"
    fi
    # Bounded: a server bug must fail the run, not hang it. pytest's exit 5
    # ("no tests collected") is non-zero and so counts as a failure too.
    py_status=0
    run_phase timeout --kill-after=30 1500 "$venv/bin/python" -m pytest -q -p no:cacheprovider tests/python || py_status=$?
    if [[ $py_status -ne 0 ]]; then
        echo "== python client tests FAILED (exit status $py_status)" >&2
        status=$py_status
    fi
fi
# ---------------------------------------------------------------------------

if [[ $swift_status -ne 0 ]]; then
    sleep 1 # let tee write the log's end
    echo "== swift tests FAILED (exit status $swift_status); summary of $swift_log:" >&2
    python3 scripts/test-summary.py "$swift_log" >&2 || true
fi
if [[ $status -eq 0 ]]; then
    echo "== all tests passed"
else
    echo "== tests FAILED (exit status $status)" >&2
fi
exit "$status"
