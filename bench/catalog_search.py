#!/usr/bin/env python3
"""Catalog search with facets over 100,000 models (issue 8: p95 under 50 ms).

    python3 bench/catalog_search.py [--binary .build/release/steward] [--models 100000] [--reps 200]

Starts `steward serve` on a fresh SQLite data directory (so the migrations run), stops it, seeds the
catalog with bench/seed_catalog.py, starts the server again and times `GET /api/v1/catalog` with
facets over a varied mix of queries: no text, one common word, two words, a rare word, text with
facet selections, a filter, other orders and a second page; as the administrator and as a viewer (whose
visibility condition is part of every query). One warm-up pass, then `--reps` requests round-robin.
Prints p50/p95 per principal and overall, in milliseconds, as one JSON object.
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
QUERIES = [
    {},
    {"q": "fraud"},
    {"q": "churn risk"},
    {"q": "energyness"},
    {"q": "credit", "facet": ["task:classification"]},
    {"facet": ["framework:pytorch", "framework:sklearn", "lifecycle:active"]},
    {"q": "sales", "facet": ["source:third_party"], "order_by": "updated"},
    {"facet": ["health:alerting"]},
    {"filter": "tags.domain = 'domain-3'", "order_by": "name"},
    {"q": "image", "filter": "owner = 'team-7'"},
    {"q": "demand price", "facet": ["license:MIT", "owner:team-1", "owner:team-2"]},
    {"order_by": "updated", "max_results": "50"},
]


def serve(binary, data, port):
    process = subprocess.Popen([binary, "serve", "--port", str(port), "--data-dir", data, "--log-level", "warning"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(300):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1)
            return process
        except OSError:
            time.sleep(0.1)
    process.kill()
    sys.exit("steward serve did not start")


def call(port, token, path, method="GET", body=None):
    request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", method=method, data=body,
                                     headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"})
    return json.load(urllib.request.urlopen(request))


def percentile(times, share):
    ordered = sorted(times)
    return round(ordered[max(0, int(len(ordered) * share + 0.5) - 1)], 1)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", default=os.path.join(ROOT, ".build", "release", "steward"))
    parser.add_argument("--models", type=int, default=100_000)
    parser.add_argument("--reps", type=int, default=200)
    parser.add_argument("--port", type=int, default=18441)
    parser.add_argument("--uniform", action="store_true", help="seed the first, uniform 200-word corpus (see seed_catalog.py)")
    args = parser.parse_args()
    work = tempfile.mkdtemp(prefix="steward-catalog-bench-")
    data = os.path.join(work, "data")
    process = serve(args.binary, data, args.port)
    process.terminate()
    process.wait()
    started = time.perf_counter()
    subprocess.run([sys.executable, os.path.join(ROOT, "bench", "seed_catalog.py"), "--sqlite", os.path.join(data, "steward.db"),
                    "--models", str(args.models)] + (["--uniform"] if args.uniform else []), check=True)
    seed_seconds = round(time.perf_counter() - started, 1)
    process = serve(args.binary, data, args.port)
    try:
        admin = open(os.path.join(data, "admin-token")).read().strip()
        call(args.port, admin, "/api/v1/accounts", "POST", json.dumps({"name": "reader", "roles": ["viewer"]}).encode())
        viewer = call(args.port, admin, "/api/v1/tokens", "POST",
                      json.dumps({"name": "bench", "account": "reader", "scopes": ["read"]}).encode())["secret"]
        everything = call(args.port, admin, "/api/v1/catalog?max_results=1")
        assert everything["total"] == args.models, everything["total"]
        assert len(everything["facets"]["task"]) == 8 and len(everything["facets"]["health"]) == 3, everything["facets"]
        visible = call(args.port, viewer, "/api/v1/catalog?max_results=1")["total"]
        assert visible == args.models - (args.models + 49) // 50, visible  # restricted models never count
        paths = []
        for query in QUERIES:
            paths.append("/api/v1/catalog?" + urllib.parse.urlencode(query, doseq=True))
        page = call(args.port, admin, paths[1])
        if page.get("next_page_token"):
            paths.append(paths[1] + "&page_token=" + page["next_page_token"])
        results = {}
        by_query = {path: [] for path in paths}
        matches = {path: call(args.port, admin, path)["total"] for path in paths}
        for label, token in [("admin", admin), ("viewer", viewer)]:
            for path in paths:
                call(args.port, token, path)  # warm-up
            times = []
            for rep in range(args.reps):
                request = urllib.request.Request(f"http://127.0.0.1:{args.port}{paths[rep % len(paths)]}",
                                                 headers={"Authorization": f"Bearer {token}"})
                start = time.perf_counter()
                urllib.request.urlopen(request).read()
                times.append((time.perf_counter() - start) * 1000)
                by_query[paths[rep % len(paths)]].append(times[-1])
            results[label] = times
        overall = results["admin"] + results["viewer"]
        # Worst case, reported apart: a word in nearly every document ranks every match.
        broad_path = "/api/v1/catalog?q=model"
        broad_total = call(args.port, admin, broad_path)["total"]
        broad = []
        for _ in range(20):
            request = urllib.request.Request(f"http://127.0.0.1:{args.port}{broad_path}", headers={"Authorization": f"Bearer {admin}"})
            start = time.perf_counter()
            urllib.request.urlopen(request).read()
            broad.append((time.perf_counter() - start) * 1000)
        print(json.dumps({"models": args.models, "queries": len(paths), "requests": len(overall), "seed_seconds": seed_seconds,
                          "admin_p50_ms": percentile(results["admin"], 0.5), "admin_p95_ms": percentile(results["admin"], 0.95),
                          "viewer_p50_ms": percentile(results["viewer"], 0.5), "viewer_p95_ms": percentile(results["viewer"], 0.95),
                          "p50_ms": round(statistics.median(overall), 1), "p95_ms": percentile(overall, 0.95), "goal_p95_ms": 50,
                          "corpus": "uniform" if args.uniform else "topical",
                          "broad_word": {"q": "model", "matches": broad_total, "median_ms": round(statistics.median(broad), 1)},
                          "per_query": {urllib.parse.unquote_plus(path.split("?", 1)[1]) or "(everything)":
                                        {"median_ms": round(statistics.median(t), 1), "matches": matches[path]} for path, t in by_query.items()}}))
    finally:
        process.terminate()
        process.wait()


if __name__ == "__main__":
    main()
