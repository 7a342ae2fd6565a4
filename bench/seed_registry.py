#!/usr/bin/env python3
"""Bulk-loads a synthetic registry straight into Steward's database, bypassing the HTTP API.

    seed_registry.py (--sqlite PATH | --postgres URL) --blob-sha256 HEX --blob-size N
                     [--models 10000] [--versions-per-model 10] [--teams 100] [--seed 42] [--analyze]

Creating 100,000 versions through the API (create, upload, finalize, each one transaction) takes far
longer than the benchmark itself, so this writes the rows the API would have written, following the
schema of Sources/StewardStorage/Migrations/Migrations.swift (migration 1). The server must have been
started once on the database (so the migrations ran) and be stopped while this runs.

What it writes, for model i in 0..models-1 (name `model-<i>`, owner and tag `team` = `team-<i % teams>`):
  - `versions-per-model` versions, all `ready` (manifest_digest and sealed_at set), each with tags
    `team` (the model's team) and `stage`, params `learning_rate` and `epochs`, metrics `accuracy` and
    `loss`, and one file `model.bin` pointing at the blob given by --blob-sha256/--blob-size (upload
    that blob once through the API so that downloads work);
  - the alias `production` on one of its versions, with its `set` event in alias_events.
With the defaults, a filter `tag.team = 'team-7'` matches 100 models x 10 versions = 1% of versions.

SQLite: the rows go in one transaction; ANALYZE only runs with --analyze (the server itself never runs
it, so by default the planner sees what a real installation would). PostgreSQL: rows go in with psql
`\\copy` (text format) in one transaction, then VACUUM ANALYZE, which autovacuum would do shortly
after any bulk load anyway.
"""
import argparse
import hashlib
import json
import os
import random
import sqlite3
import subprocess
import sys
import tempfile
import time
import uuid

COLUMNS = {
    "models": ["id", "name", "description", "owner", "task", "framework", "card", "tags", "last_version",
               "created_by", "created_at", "updated_at", "revision"],
    "model_tags": ["model_id", "key", "value"],
    "versions": ["id", "model_id", "number", "status", "description", "tags", "params", "metrics", "input_schema",
                 "output_schema", "source", "manifest_digest", "created_by", "created_at", "updated_at", "sealed_at",
                 "deleted_at", "revision"],
    "version_tags": ["version_id", "key", "value"],
    "version_params": ["version_id", "key", "value"],
    "version_metrics": ["version_id", "key", "value"],
    "version_files": ["version_id", "path", "sha256", "size", "updated_at"],
    "aliases": ["model_id", "name", "version", "updated_at", "updated_by"],
    "alias_events": ["model_id", "alias", "action", "from_version", "to_version", "at", "actor"],
}
FILE_PATH = "model.bin"
STAGES = ["experiment", "candidate", "release"]
FRAMEWORKS = ["pytorch", "sklearn", "xgboost", "tensorflow"]


def json_text(value):
    """Compact JSON with sorted keys, as the server stores it."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def manifest_digest(files):
    """Manifest.digest: SHA-256 over `<sha256> <size> <path>\\n` lines in byte order of path."""
    hasher = hashlib.sha256()
    for path, sha, size in sorted(files, key=lambda f: f[0].encode()):
        hasher.update(f"{sha} {size} {path}\n".encode())
    return hasher.hexdigest()


def generate(args):
    """Yields (table, row) tuples, model by model."""
    rng = random.Random(args.seed)
    new_id = lambda: str(uuid.UUID(int=rng.getrandbits(128), version=4))
    models, per_model = args.models, args.versions_per_model
    now = int(time.time() * 1000)
    base = now - 30 * 24 * 3600 * 1000
    versions_start = base + models * 100
    digest = manifest_digest([(FILE_PATH, args.blob_sha256, args.blob_size)])
    for i in range(models):
        model_id = new_id()
        team = f"team-{i % args.teams}"
        created = base + i * 100
        model_tags = {"team": team, "domain": f"domain-{i % 10}"}
        last_updated = versions_start + ((per_model - 1) * models + i) * 1000 + 500
        yield "models", (model_id, f"model-{i}", f"Synthetic benchmark model {i}.", team, "classification",
                         FRAMEWORKS[i % len(FRAMEWORKS)], "{}", json_text(model_tags), per_model, "admin",
                         created, last_updated, 1)
        for key, value in model_tags.items():
            yield "model_tags", (model_id, key, value)
        for number in range(1, per_model + 1):
            version_id = new_id()
            # Versions are created round-robin across models, one a second, so every team's versions
            # are spread over the whole time range (search ordered by created_at has to skip non-matches).
            created_v = versions_start + ((number - 1) * models + i) * 1000
            sealed = created_v + 500
            tags = {"team": team, "stage": STAGES[number % len(STAGES)]}
            params = {"learning_rate": f"{rng.choice([0.1, 0.01, 0.001, 0.0001])}", "epochs": str(number * 5)}
            metrics = {"accuracy": round(rng.uniform(0.70, 0.99), 4), "loss": round(rng.uniform(0.01, 0.9), 4)}
            yield "versions", (version_id, model_id, number, "ready", "", json_text(tags), json_text(params),
                               json_text(metrics), None, None, f"run:{version_id[:8]}", digest, "admin", created_v,
                               sealed, sealed, None, 3)
            for key, value in tags.items():
                yield "version_tags", (version_id, key, value)
            for key, value in params.items():
                yield "version_params", (version_id, key, value)
            for key, value in metrics.items():
                yield "version_metrics", (version_id, key, value)
            yield "version_files", (version_id, FILE_PATH, args.blob_sha256, args.blob_size, created_v + 200)
        production = rng.randint(1, per_model)
        moved_at = last_updated + 1000
        yield "aliases", (model_id, "production", production, moved_at, "admin")
        yield "alias_events", (model_id, "production", "set", None, production, moved_at, "admin")


def seed_sqlite(args):
    connection = sqlite3.connect(args.sqlite, isolation_level=None)
    connection.execute("PRAGMA busy_timeout = 15000")
    connection.execute("PRAGMA synchronous = OFF")
    existing = connection.execute("SELECT COUNT(*) FROM models WHERE name = 'model-0'").fetchone()[0]
    if existing:
        sys.exit("seed_registry: the database already holds model-0; seed a fresh database")
    statements = {table: f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})"
                  for table, cols in COLUMNS.items()}
    buffers = {table: [] for table in COLUMNS}
    counts = {table: 0 for table in COLUMNS}
    connection.execute("BEGIN IMMEDIATE")

    def flush():
        # Parents first, so the rows satisfy the foreign keys at every point.
        for table in COLUMNS:
            if buffers[table]:
                connection.executemany(statements[table], buffers[table])
                counts[table] += len(buffers[table])
                buffers[table].clear()

    for table, row in generate(args):
        buffers[table].append(row)
        if len(buffers["versions"]) >= 5000:
            flush()
    flush()
    connection.execute("COMMIT")
    if args.analyze:
        connection.execute("ANALYZE")
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    connection.close()
    return counts


def copy_escape(value):
    if value is None:
        return "\\N"
    text = str(value)
    return text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


def seed_postgres(args):
    counts = {table: 0 for table in COLUMNS}
    with tempfile.TemporaryDirectory(prefix="steward-seed-") as directory:
        files = {table: open(os.path.join(directory, f"{table}.tsv"), "w") for table in COLUMNS}
        for table, row in generate(args):
            files[table].write("\t".join(copy_escape(v) for v in row) + "\n")
            counts[table] += 1
        for handle in files.values():
            handle.close()
        script = ["\\set ON_ERROR_STOP on", "BEGIN;"]
        for table, cols in COLUMNS.items():
            script.append(f"\\copy {table} ({', '.join(cols)}) FROM '{os.path.join(directory, table + '.tsv')}'")
        script += ["COMMIT;", "VACUUM ANALYZE;"]
        script_path = os.path.join(directory, "load.sql")
        with open(script_path, "w") as handle:
            handle.write("\n".join(script) + "\n")
        subprocess.run(["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", args.postgres, "-f", script_path],
                       check=True, timeout=1800)
    return counts


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    target = parser.add_mutually_exclusive_group(required=True)
    target.add_argument("--sqlite", help="path of the SQLite database file (server stopped)")
    target.add_argument("--postgres", help="postgres:// URL of the database")
    parser.add_argument("--blob-sha256", required=True, help="SHA-256 of a blob already in the blob store")
    parser.add_argument("--blob-size", required=True, type=int)
    parser.add_argument("--models", type=int, default=10000)
    parser.add_argument("--versions-per-model", type=int, default=10)
    parser.add_argument("--teams", type=int, default=100)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--analyze", action="store_true", help="SQLite only: run ANALYZE after loading")
    args = parser.parse_args()
    if len(args.blob_sha256) != 64 or any(c not in "0123456789abcdef" for c in args.blob_sha256):
        parser.error("--blob-sha256 must be 64 lower-case hex characters")
    started = time.monotonic()
    counts = seed_sqlite(args) if args.sqlite else seed_postgres(args)
    print(json.dumps({"seconds": round(time.monotonic() - started, 1), "rows": counts}))


if __name__ == "__main__":
    main()
