#!/usr/bin/env bash
# Artifact streaming: upload and download of one large file through the HTTP API, against `cp` of the
# same file on the same disk, in the same run.
#
#   bash bench/artifact_stream.sh
#
# Environment: BENCH_FILE_MIB (default 2048 = 2 GiB), BENCH_REPS (default 3), BENCH_SKIP_BUILD=1 to
# reuse the release binary, BENCH_WORK (scratch directory; default bench/out/work, same disk as the
# repository). Appends one JSON line per measurement to bench/out/raw/artifact.jsonl.
#
# Page cache: nothing is dropped (that would disturb the other users of this machine). Instead every
# operation runs once untimed first (a warm-up round), the source of every copy is read right before
# it is timed (`cat FILE >/dev/null`), so every operation starts with its source in the page cache,
# and `sync` runs (untimed) before each one so no operation pays for an earlier one's dirty pages.
#
# Operations per repetition, each timed separately:
#   cp          cp SRC DST                              (destination left in the page cache)
#   cp_fsync    cp SRC DST && sync DST                  (destination durable on disk)
#   upload      curl -T SRC PUT .../files/model.bin     (the server hashes, writes and fsyncs before 201)
#   download    curl -o DST GET .../files/model.bin     (destination left in the page cache)
#   download_fsync  the same download followed by `sync DST`
# During upload and download the server's VmRSS is sampled every 100 ms.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
install_cleanup_trap

FILE_MIB=${BENCH_FILE_MIB:-2048}
REPS=${BENCH_REPS:-3}
WORK=${BENCH_WORK:-$OUT_DIR/work}/artifact
RESULTS=$RAW_DIR/artifact.jsonl
WARMUP_RESULTS=$RAW_DIR/artifact-warmup.jsonl
MODEL=bench-artifact
TRANSFER_TIMEOUT=900   # seconds, per curl transfer

BIN=$(steward_binary)
rm -rf "$WORK"
mkdir -p "$WORK"
add_cleanup "rm -rf '$WORK'"
: >"$RESULTS"
: >"$WARMUP_RESULTS"

SRC=$WORK/src.bin
DST=$WORK/dst.bin
DATA=$WORK/data
BYTES=$((FILE_MIB * 1024 * 1024))

log "writing ${FILE_MIB} MiB of random bytes to $SRC"
run_tracked sh -c 'head -c "$1" /dev/urandom >"$2"' sh "$BYTES" "$SRC"
[[ $(stat -c %s "$SRC") -eq $BYTES ]] || die "short source file"

start_server "$BIN" "$DATA" "$WORK/server.log"
TOKEN=$(tr -d '[:space:]' <"$DATA/admin-token")
api POST /models -d "{\"name\":\"$MODEL\"}" >/dev/null

record() { # op rep seconds [extra json fields]
    python3 -c '
import json, sys
op, rep, seconds, extra = sys.argv[1], int(sys.argv[2]), float(sys.argv[3]), sys.argv[4]
row = {"op": op, "rep": rep, "seconds": seconds, "bytes": int(sys.argv[5])}
row.update(json.loads(extra or "{}"))
print(json.dumps(row))' "$1" "$2" "$3" "${4:-}" "$BYTES" >>"$([[ $2 -eq 0 ]] && echo "$WARMUP_RESULTS" || echo "$RESULTS")"
}

# The sampler's JSON plus the server's CPU seconds between ticks0 and ticks1.
with_cpu() {
    python3 -c '
import json, os, sys
row = json.load(open(sys.argv[1]))
row["server_cpu_s"] = (int(sys.argv[3]) - int(sys.argv[2])) / os.sysconf("SC_CLK_TCK")
print(json.dumps(row))' "$1" "$ticks0" "$ticks1"
}

elapsed() { python3 -c "print(f'{$2 - $1:.6f}')"; }

# Starts the RSS sampler on the server; sets SAMPLER_PID. Waits until the baseline is taken.
start_sampler() {
    rm -f "$WORK/sampler.ready" "$1"
    python3 "$BENCH_DIR/rss_sampler.py" "$SERVER_PID" "$1" --interval 0.1 --ready "$WORK/sampler.ready" &
    SAMPLER_PID=$!
    track_pid "$SAMPLER_PID"
    local i
    for ((i = 0; i < 100; i++)); do [[ -e $WORK/sampler.ready ]] && return 0; sleep 0.05; done
    die "RSS sampler did not start"
}
stop_sampler() { stop_pid "$SAMPLER_PID" 5; }

prepare() { # warm the source, flush earlier dirty pages, remove the destination
    rm -f "$DST"
    cat "$1" >/dev/null
    sync
}

SHA=
# Round 0 is an untimed warm-up of every operation (first-touch page allocation, the server's
# first large request); it is recorded in artifact-warmup.jsonl and left out of the report.
for ((rep = 0; rep <= REPS; rep++)); do
    if ((rep == 0)); then log "warm-up round"; else log "repetition $rep/$REPS"; fi

    prepare "$SRC"
    t0=$(now); cp "$SRC" "$DST"; t1=$(now)
    record cp "$rep" "$(elapsed "$t0" "$t1")"

    prepare "$SRC"
    t0=$(now); cp "$SRC" "$DST"; sync "$DST"; t1=$(now)
    record cp_fsync "$rep" "$(elapsed "$t0" "$t1")"

    # Upload into a fresh pending version (a version takes files until it is finalized).
    number=$(api POST "/models/$MODEL/versions" -d '{}' | python3 -c 'import json,sys; print(json.load(sys.stdin)["version"])')
    url="$SERVER_URL/api/v1/models/$MODEL/versions/$number/files/model.bin"
    prepare "$SRC"
    start_sampler "$WORK/rss-upload.json"
    ticks0=$(cpu_ticks "$SERVER_PID")
    # -T streams the file from disk (no --data-binary, which would read it into memory first);
    # an empty Expect header stops curl waiting for a `100 Continue`.
    run_tracked curl -sS --max-time "$TRANSFER_TIMEOUT" -T "$SRC" -H 'Expect:' -H 'Content-Type: application/octet-stream' \
        -H "Authorization: Bearer $TOKEN" -o "$WORK/upload-response.json" \
        -w '%{http_code} %{time_total} %{size_upload}\n' "$url" >"$WORK/curl.out"
    ticks1=$(cpu_ticks "$SERVER_PID")
    stop_sampler
    read -r code seconds sent <"$WORK/curl.out"
    [[ $code == 201 || $code == 200 ]] || { cat "$WORK/upload-response.json" >&2; die "upload answered $code"; }
    [[ $sent -eq $BYTES ]] || die "upload sent $sent bytes, expected $BYTES"
    SHA=$(python3 -c 'import json,sys; e = json.load(open(sys.argv[1])); assert e["size"] == int(sys.argv[2]); print(e["sha256"])' \
        "$WORK/upload-response.json" "$BYTES")
    record upload "$rep" "$seconds" "$(with_cpu "$WORK/rss-upload.json")"

    blob="$DATA/blobs/sha256/${SHA:0:2}/${SHA:2:2}/$SHA"
    [[ -f $blob ]] || die "blob $blob missing after upload"
    prepare "$blob"
    start_sampler "$WORK/rss-download.json"
    ticks0=$(cpu_ticks "$SERVER_PID")
    run_tracked curl -sS --max-time "$TRANSFER_TIMEOUT" -H "Authorization: Bearer $TOKEN" -o "$DST" \
        -w '%{http_code} %{time_total} %{size_download}\n' "$url" >"$WORK/curl.out"
    ticks1=$(cpu_ticks "$SERVER_PID")
    t0=$(now); sync "$DST"; t1=$(now)
    stop_sampler
    read -r code seconds received <"$WORK/curl.out"
    [[ $code == 200 ]] || die "download answered $code"
    [[ $received -eq $BYTES && $(stat -c %s "$DST") -eq $BYTES ]] || die "download received $received bytes, expected $BYTES"
    record download "$rep" "$seconds" "$(with_cpu "$WORK/rss-download.json")"
    record download_fsync "$rep" "$(python3 -c "print($seconds + $t1 - $t0)")"
    if [[ $rep -eq 0 ]]; then
        run_tracked cmp -s "$SRC" "$DST" || die "downloaded file differs from the source"
        log "download verified byte for byte"
    fi
    rm -f "$DST"
done

stop_server
log "artifact results in $RESULTS"
