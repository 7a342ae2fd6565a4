#!/usr/bin/env python3
"""Fairness under a flood (issue 4): one principal floods at 20 times the normal request rate; a
second principal's p99 latency must stay within 2 times its unloaded p99, with no failed requests.

    python3 bench/flood.py [--binary .build/release/steward] [--rate 25] [--seconds 20]

Starts `steward serve` (default limits: the per-principal token buckets are what is measured) on a
fresh SQLite data directory, creates a model and two contributor accounts with tokens, then:
  1. the victim alone: GET /api/v1/models/<m> at --rate requests/s for --seconds (one keep-alive
     connection, fixed schedule, latency from the scheduled send time so a stalled server is not
     hidden by coordinated omission);
  2. the same while the flooder sends 20 x --rate requests/s to the same route from 8 connections.
Prints one JSON object: p50/p99 of both phases, failures, the flooder's status counts and the ratio.
"""
import argparse
import http.client
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request


def serve(binary, data, port):
    env = dict(os.environ)
    for key in [k for k in env if k.startswith("STEWARD_RATE_")]:
        del env[key]
    process = subprocess.Popen([binary, "serve", "--port", str(port), "--data-dir", data, "--log-level", "warning"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    for _ in range(300):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1)
            return process
        except OSError:
            time.sleep(0.1)
    process.kill()
    sys.exit("steward serve did not start")


def call(port, method, path, token, body=None):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
    connection.request(method, path, body=json.dumps(body) if body is not None else None, headers=headers)
    response = connection.getresponse()
    data = response.read()
    connection.close()
    if response.status >= 300:
        sys.exit(f"{method} {path}: {response.status} {data[:200]}")
    return json.loads(data) if data else {}


def paced(port, path, token, rate, seconds, stop=None, statuses=None):
    """Sends requests on a fixed schedule; returns latencies (ms, from the scheduled time) and failures."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    headers = {"Authorization": f"Bearer {token}"}
    latencies, failures = [], 0
    start = time.perf_counter()
    n = 0
    while (stop is None and n < rate * seconds) or (stop is not None and not stop.is_set()):
        scheduled = start + n / rate
        delay = scheduled - time.perf_counter()
        if delay > 0:
            time.sleep(delay)
        try:
            connection.request("GET", path, headers=headers)
            response = connection.getresponse()
            response.read()
            status = response.status
        except (OSError, http.client.HTTPException):
            connection.close()
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            status = 0
        if statuses is not None:
            statuses[status] = statuses.get(status, 0) + 1
        else:
            latencies.append((time.perf_counter() - scheduled) * 1000)
            if status != 200:
                failures += 1
        n += 1
    connection.close()
    return latencies, failures


def pct(values, p):
    values = sorted(values)
    return round(values[min(len(values) - 1, int(len(values) * p))], 2)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", default=".build/release/steward")
    parser.add_argument("--rate", type=float, default=25.0, help="the victim's normal rate, requests/s")
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--port", type=int, default=18931)
    args = parser.parse_args()
    data = os.path.join(tempfile.mkdtemp(prefix="steward-flood-bench-"), "data")
    process = serve(args.binary, data, args.port)
    try:
        admin = open(os.path.join(data, "admin-token")).read().strip()
        call(args.port, "POST", "/api/v1/models", admin, {"name": "m", "description": "flood target"})
        tokens = {}
        for name in ("victim", "flooder"):
            call(args.port, "POST", "/api/v1/accounts", admin, {"name": name, "roles": ["contributor"]})
            tokens[name] = call(args.port, "POST", "/api/v1/tokens", admin, {"name": "t", "account": name, "scopes": ["read"]})["secret"]
        path = "/api/v1/models/m"
        paced(args.port, path, tokens["victim"], args.rate, 2)  # warm-up
        alone, alone_failures = paced(args.port, path, tokens["victim"], args.rate, args.seconds)
        stop = threading.Event()
        flood_statuses = {}
        flooders = [threading.Thread(target=paced, args=(args.port, path, tokens["flooder"], args.rate * 20 / 8, None, stop, flood_statuses))
                    for _ in range(8)]
        for thread in flooders:
            thread.start()
        time.sleep(1)
        loaded, loaded_failures = paced(args.port, path, tokens["victim"], args.rate, args.seconds)
        stop.set()
        for thread in flooders:
            thread.join()
        result = {"victim_rate": args.rate, "flood_rate": args.rate * 20, "seconds": args.seconds,
                  "alone_p50_ms": pct(alone, 0.5), "alone_p99_ms": pct(alone, 0.99), "alone_failures": alone_failures,
                  "flooded_p50_ms": pct(loaded, 0.5), "flooded_p99_ms": pct(loaded, 0.99), "flooded_failures": loaded_failures,
                  "flooder_statuses": {str(k): v for k, v in sorted(flood_statuses.items())}}
        result["p99_ratio"] = round(result["flooded_p99_ms"] / max(result["alone_p99_ms"], 0.001), 2)
        print(json.dumps(result))
    finally:
        process.terminate()
        process.wait()


if __name__ == "__main__":
    main()
