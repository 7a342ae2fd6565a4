#!/usr/bin/env python3
"""Driver of bench/ingest.sh: prepares NDJSON prediction rows and streams them to a server.

    ingest_driver.py prepare --rows N --source cur.csv --out rows.ndjson
    ingest_driver.py run --url URL --token T --rows-file F --batch B --concurrency C --reps R --pid P --out runs.json

`prepare` turns drift_anchor.py's cur.csv (f00..f19 numbers, c0..c4 strings) into rows
{"id", "timestamp", "features", "prediction", "probabilities"}; without the CSV it writes seeded
synthetic rows of the same shape. `run` creates a model version with the 25-column schema per
rep, posts the file in batches of B lines over C keep-alive connections, and records rows/s and
the server's RSS (VmRSS) against rows sent.
"""
import argparse
import csv
import http.client
import json
import os
import random
import statistics
import threading
import time
import urllib.parse

NUMERIC = [f"f{i:02d}" for i in range(20)]
CATEGORICAL = [f"c{i}" for i in range(5)]
BASE = 1718100000  # 2024-06-11T10:00:00Z: 1M rows at 2 ms spacing span ~33 minutes, one or two hourly windows


def prepare(args):
    rng = random.Random(20240611)
    with open(args.out, "w") as out:
        reader = None
        if os.path.exists(args.source):
            handle = open(args.source, newline="")
            reader = csv.DictReader(handle)
        for i in range(args.rows):
            if reader is not None:
                record = next(reader, None)
                if record is None:
                    reader = None
            if reader is not None:
                features = {name: float(record[name]) for name in NUMERIC}
                features.update({name: record[name] for name in CATEGORICAL})
            else:
                features = {name: round(rng.gauss(0, 1), 6) for name in NUMERIC}
                features.update({name: f"k{int(rng.paretovariate(0.8)) % (10 * (j + 1))}" for j, name in enumerate(CATEGORICAL)})
            p = round(rng.random(), 4)
            ts = BASE + i * 0.002
            stamp = time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(ts)) + f".{int(ts * 1000) % 1000:03d}Z"
            row = {"id": f"r{i}", "timestamp": stamp, "features": features, "prediction": "1" if p >= 0.5 else "0",
                   "probabilities": {"1": p, "0": round(1 - p, 4)}}
            out.write(json.dumps(row, separators=(",", ":")) + "\n")


def rss_kib(pid):
    try:
        with open(f"/proc/{pid}/status") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except (FileNotFoundError, TypeError):
        return None
    return None


def request(conn, method, path, token, body=None, content_type="application/json"):
    headers = {"Authorization": f"Bearer {token}"}
    if body is not None:
        headers["Content-Type"] = content_type
    conn.request(method, path, body=body, headers=headers)
    response = conn.getresponse()
    data = response.read()
    if response.status >= 400:
        raise RuntimeError(f"{method} {path}: {response.status} {data[:300]!r}")
    return json.loads(data) if data else None


def batches(path, size):
    with open(path, "rb") as handle:
        lines = []
        for line in handle:
            lines.append(line)
            if len(lines) == size:
                yield len(lines), b"".join(lines)
                lines = []
        if lines:
            yield len(lines), b"".join(lines)


def run(args):
    url = urllib.parse.urlparse(args.url)
    connect = lambda: http.client.HTTPConnection(url.hostname, url.port, timeout=600)
    setup = connect()
    schema = [{"name": n, "type": "double"} for n in NUMERIC] + [{"name": n, "type": "string"} for n in CATEGORICAL]
    request(setup, "POST", "/api/v1/models", args.token, json.dumps({"name": "ingest-bench"}))
    runs = []
    for rep in range(args.reps):
        version = request(setup, "POST", "/api/v1/models/ingest-bench/versions", args.token,
                          json.dumps({"input_schema": schema, "metrics": {"accuracy": 0.5}}))["version"]
        request(setup, "PUT", f"/api/v1/models/ingest-bench/versions/{version}/monitoring", args.token,
                json.dumps({"task": "classification"}))
        path = f"/api/v1/models/ingest-bench/versions/{version}/monitoring/predictions"
        source = batches(args.rows_file, args.batch)
        lock = threading.Lock()
        totals = {"sent": 0, "accepted": 0, "rejected": 0, "batches": 0}
        rss = [(0, rss_kib(args.pid))]
        errors = []

        def worker():
            conn = connect()
            while True:
                with lock:
                    item = next(source, None)
                if item is None or errors:
                    return
                count, body = item
                try:
                    result = request(conn, "POST", path, args.token, body, "application/x-ndjson")
                except Exception as error:  # recorded, the run fails below
                    errors.append(str(error))
                    return
                with lock:
                    totals["sent"] += count
                    totals["accepted"] += result["accepted"]
                    totals["rejected"] += result["rejected_total"]
                    totals["batches"] += 1
                    if totals["batches"] % 10 == 0:
                        rss.append((totals["sent"], rss_kib(args.pid)))

        start = time.monotonic()
        threads = [threading.Thread(target=worker) for _ in range(args.concurrency)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        elapsed = time.monotonic() - start
        if errors:
            raise SystemExit(f"ingest failed: {errors[0]}")
        rss.append((totals["sent"], rss_kib(args.pid)))
        run = {"version": version, "seconds": round(elapsed, 3), "rows_per_second": round(totals["sent"] / elapsed), **totals,
               "rss_by_rows": rss}
        print(json.dumps({k: v for k, v in run.items() if k != "rss_by_rows"}), flush=True)
        runs.append(run)
    median = statistics.median(r["rows_per_second"] for r in runs)
    json.dump({"rows": runs[0]["sent"], "batch_rows": args.batch, "concurrency": args.concurrency, "reps": args.reps,
               "median_rows_per_second": median, "runs": runs}, open(args.out, "w"))


def main():
    parser = argparse.ArgumentParser()
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("prepare")
    p.add_argument("--rows", type=int, required=True)
    p.add_argument("--source", required=True)
    p.add_argument("--out", required=True)
    r = sub.add_parser("run")
    for name in ("--url", "--token", "--rows-file", "--out"):
        r.add_argument(name, required=True)
    r.add_argument("--batch", type=int, default=5000)
    r.add_argument("--concurrency", type=int, default=2)
    r.add_argument("--reps", type=int, default=3)
    r.add_argument("--pid", type=int)
    args = parser.parse_args()
    prepare(args) if args.command == "prepare" else run(args)


if __name__ == "__main__":
    main()
