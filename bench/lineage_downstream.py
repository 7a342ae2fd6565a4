#!/usr/bin/env python3
"""Downstream lineage of one dataset version used by 10,000 model versions (issue 5: under 100 ms).

    python3 bench/lineage_downstream.py [--binary .build/release/steward] [--models 1000] [--versions-per-model 10] [--reps 20]

Starts `steward serve` on a fresh SQLite data directory (so the migrations run), stops it, bulk-loads
straight into the database what the API would have written -- one dataset version `customers` v1, one
run per model version that read it (run_dataset_versions), the versions (version_tracking links each
to its run), a `production` alias per model and one consumer's daily resolution counts on it -- then
starts the server again and times `GET /api/v1/datasets/customers/versions/1/lineage` (after one
warm-up request). Prints the median and p95 in milliseconds and checks the answer holds every version.
"""
import argparse
import json
import os
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
import uuid

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


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


def seed(path, models, per_model):
    db = sqlite3.connect(path)
    now = int(time.time() * 1000)
    empty = "{}"
    dataset, dataset_version = str(uuid.uuid4()), str(uuid.uuid4())
    db.execute("INSERT INTO registered_datasets VALUES (?, 'customers', '', NULL, NULL, NULL, ?, 1, 'bench', ?, ?)",
               (dataset, empty, now, now))
    db.execute("INSERT INTO dataset_versions VALUES (?, ?, 1, 's3://lake/customers', 'md5:1', NULL, 1000, NULL, NULL, NULL, ?, 'bench', ?)",
               (dataset_version, dataset, empty, now))
    db.execute("INSERT INTO accounts (id, name, kind, roles, tier, password_hash, disabled, created_at, created_by) "
               "VALUES ('consumer-1', 'checkout', 'consumer', '[\"viewer\"]', 'normal', NULL, 0, ?, 'bench')", (now,))
    for m in range(models):
        model = str(uuid.uuid4())
        db.execute("INSERT INTO models (id, name, description, owner, task, framework, card, tags, visibility, last_version, "
                   "created_by, created_at, updated_at, revision) VALUES (?, ?, '', NULL, NULL, NULL, '{}', '{}', 'internal', ?, 'bench', ?, ?, 1)",
                   (model, f"model-{m}", per_model, now, now))
        for n in range(1, per_model + 1):
            version, run = str(uuid.uuid4()), uuid.uuid4().hex
            db.execute("INSERT INTO runs VALUES (?, 0, ?, 'bench', 'FINISHED', ?, ?, ?, 'active')",
                       (run, f"run-{m}-{n}", now, now, f"mlflow-artifacts:/0/{run}/artifacts"))
            db.execute("INSERT INTO run_dataset_versions VALUES (?, ?, 'training')", (run, dataset_version))
            db.execute("INSERT INTO versions (id, model_id, number, status, description, tags, params, metrics, created_by, "
                       "created_at, updated_at, sealed_at, revision, manifest_digest) VALUES (?, ?, ?, 'ready', '', '{}', '{}', '{}', 'bench', ?, ?, ?, 2, 'x')",
                       (version, model, n, now, now, now))
            db.execute("INSERT INTO version_tracking (version_id, stage, run_id) VALUES (?, 'None', ?)", (version, run))
            if n == per_model:
                db.execute("INSERT INTO aliases VALUES (?, 'production', ?, ?, 'bench')", (model, n, now))
                db.execute("INSERT INTO version_consumption VALUES (?, 'consumer-1', '2026-01-01', 42, ?)", (version, now))
    db.commit()
    db.close()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", default=os.path.join(ROOT, ".build", "release", "steward"))
    parser.add_argument("--models", type=int, default=1000)
    parser.add_argument("--versions-per-model", type=int, default=10)
    parser.add_argument("--reps", type=int, default=20)
    parser.add_argument("--port", type=int, default=18431)
    args = parser.parse_args()
    work = tempfile.mkdtemp(prefix="steward-lineage-bench-")
    data = os.path.join(work, "data")
    process = serve(args.binary, data, args.port)
    process.terminate()
    process.wait()
    seed(os.path.join(data, "steward.db"), args.models, args.versions_per_model)
    process = serve(args.binary, data, args.port)
    try:
        token = open(os.path.join(data, "admin-token")).read().strip()
        request = urllib.request.Request(f"http://127.0.0.1:{args.port}/api/v1/datasets/customers/versions/1/lineage",
                                         headers={"Authorization": f"Bearer {token}"})
        body = json.load(urllib.request.urlopen(request))
        expected = args.models * args.versions_per_model
        assert len(body["model_versions"]) == expected, len(body["model_versions"])
        assert sum(1 for v in body["model_versions"] if v["aliases"] == ["production"]) == args.models
        times = []
        for _ in range(args.reps):
            start = time.perf_counter()
            urllib.request.urlopen(request).read()
            times.append((time.perf_counter() - start) * 1000)
        times.sort()
        print(json.dumps({"model_versions": expected, "median_ms": round(statistics.median(times), 1),
                          "p95_ms": round(times[int(len(times) * 0.95) - 1], 1), "goal_ms": 100}))
    finally:
        process.terminate()
        process.wait()


if __name__ == "__main__":
    main()
