#!/usr/bin/env python3
"""Seeds a Steward SQLite database (already migrated, server stopped) for the GC benchmark.

Writes one model `gc-bench` with N ready versions, each with one file whose small, unique blob is
written to the content-addressed store; then makes a quarter of the versions retired (file rows
moved to retired_version_files, as retention does) and a quarter deleted, so half of the blobs are
garbage. Blob modification times are set an hour back (outside any grace period). Direct SQL is
used because 100,000 versions through the REST API would take far longer than what is measured;
the rows are exactly those the API writes (audit entries are not written: the benchmark does not
verify the trail).

    python3 bench/seed_gc.py DATA_DIR N   -> prints {"versions": N, "garbage": G, "live": L}
"""
import hashlib, json, os, sqlite3, sys, time, uuid

data, n = sys.argv[1], int(sys.argv[2])
db = sqlite3.connect(os.path.join(data, "steward.db"))
db.execute("PRAGMA journal_mode=WAL")
now = int(time.time() * 1000)
old = time.time() - 7200
model_id = str(uuid.uuid4())
db.execute("""INSERT INTO models (id, name, description, owner, task, framework, card, tags, visibility, last_version,
              created_by, created_at, updated_at, revision) VALUES (?, 'gc-bench', '', NULL, NULL, NULL, '', '{}', 'internal', ?,
              'bench', ?, ?, 1)""", (model_id, n, now, now))
versions, files, retired_files, lifecycle = [], [], [], []
garbage = live = 0
for i in range(1, n + 1):
    vid = str(uuid.uuid4())
    content = f"gc-bench blob {i}\n".encode()
    sha = hashlib.sha256(content).hexdigest()
    path = os.path.join(data, "blobs", "sha256", sha[:2], sha[2:4])
    os.makedirs(path, exist_ok=True)
    blob = os.path.join(path, sha)
    with open(blob, "wb") as f:
        f.write(content)
    os.utime(blob, (old, old))
    kind = i % 4  # 0: retired, 1: deleted, 2-3: live
    digest = hashlib.sha256(f"manifest {i}".encode()).hexdigest()
    versions.append((vid, model_id, i, digest, now - (n - i) * 1000, now, now if kind == 1 else None))
    if kind == 0:
        retired_files.append((vid, "model.bin", sha, len(content), now))
        lifecycle.append((vid, now, "bench"))
        garbage += 1
    else:
        files.append((vid, "model.bin", sha, len(content), now))
        if kind == 1:
            garbage += 1
        else:
            live += 1
db.executemany("""INSERT INTO versions (id, model_id, number, status, description, tags, params, metrics, input_schema,
                  output_schema, source, manifest_digest, created_by, created_at, updated_at, sealed_at, deleted_at, revision)
                  VALUES (?, ?, ?, 'ready', '', '{}', '{}', '{}', NULL, NULL, NULL, ?, 'bench', ?, ?, NULL, ?, 2)""",
               [(v[0], v[1], v[2], v[3], v[4], v[5], v[6]) for v in versions])
db.executemany("INSERT INTO version_files (version_id, path, sha256, size, updated_at) VALUES (?, ?, ?, ?, ?)", files)
db.executemany("INSERT INTO retired_version_files (version_id, path, sha256, size, retired_at) VALUES (?, ?, ?, ?, ?)", retired_files)
db.executemany("INSERT INTO version_lifecycle (version_id, retired_at, retired_by) VALUES (?, ?, ?)", lifecycle)
db.commit()
print(json.dumps({"versions": n, "garbage": garbage, "live": live}))
