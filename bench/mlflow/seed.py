"""Seeds a server (stock MLflow or Steward) through its own MLflow REST API, many threads at once.

  python seed.py --url URL [--token T] --state OUT.json [--models 10000] [--runs 50000]
                 [--runs-budget SECONDS] [--threads 8] [--server-pid PID]

1. Logs one scikit-learn model with the stock client (mlflow.sklearn.log_model) into experiment
   "bench-source", then clones it through the REST API into ceil(M/100) logged models (POST
   logged-models, PUT of each artifact file, PATCH status READY), so that each logged model backs at
   most 100 registered versions: stock MLflow appends every new version to a JSON tag on its logged
   model, and 10,000 versions of one logged model would be an artefact of this seeding only.
2. Registered models model-0 .. model-(M-1): per model POST registered-models/create,
   POST model-versions/create {name, source: models:/<model_id>, model_id} (what
   MlflowClient.create_model_version("models:/<id>") sends), POST registered-models/alias
   {alias: champion, version: 1}.
3. Runs in experiment "bench-runs": per run POST runs/create and POST runs/log-batch with metrics
   acc (uniform 0..1, so about half match `metrics.acc > 0.5`) and loss, and one param. Stops
   submitting when --runs is reached or --runs-budget seconds have passed (the count reached is
   reported, so the other server can be seeded with the same count).
Writes OUT.json: ids needed by the load generator, counts, seconds and server CPU seconds per phase.
A 5xx reply (e.g. SQLite "database is locked" on MLflow) is retried up to 5 times; retries are counted.
"""
import argparse
import itertools
import json
import os
import random
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import common  # noqa: E402


class Seeder:
    def __init__(self, rest):
        self.rest = rest
        self.retries = 0
        self.lock = threading.Lock()

    def call(self, method, path, body, ok_codes=()):
        for attempt in range(6):
            try:
                return self.rest.call(method, path, body)
            except RuntimeError as e:
                msg = str(e)
                if attempt > 0 and any(c in msg for c in ok_codes):
                    return {}
                if " -> 5" not in msg or attempt == 5:
                    raise
            except Exception:  # connection reset under load
                if attempt == 5:
                    raise
            with self.lock:
                self.retries += 1
            time.sleep(0.2 * (attempt + 1))

    def run_parallel(self, count, threads, task, budget=None):
        started = time.monotonic()
        counter = itertools.count()
        lock = threading.Lock()
        done = [0]
        errors = []

        def worker():
            while not errors:
                with lock:
                    i = next(counter)
                if i >= count or (budget is not None and time.monotonic() - started > budget):
                    return
                try:
                    task(i)
                except Exception as e:  # stop everyone at the first hard error
                    errors.append(e)
                    return
                with lock:
                    done[0] += 1

        with ThreadPoolExecutor(threads) as pool:
            for f in [pool.submit(worker) for _ in range(threads)]:
                f.result()
        if errors:
            raise errors[0]
        return done[0], time.monotonic() - started


def log_source_model(url, token):
    os.environ["MLFLOW_TRACKING_URI"] = url
    if token:
        os.environ["MLFLOW_TRACKING_TOKEN"] = token
    import mlflow
    from sklearn.datasets import load_iris
    from sklearn.linear_model import LogisticRegression

    mlflow.set_tracking_uri(url)
    mlflow.set_experiment("bench-source")
    X, y = load_iris(return_X_y=True)
    model = LogisticRegression(max_iter=300).fit(X, y)
    with mlflow.start_run() as run:
        info = mlflow.sklearn.log_model(model, name="model", input_example=X[:2])
    return info.model_id, run.info.run_id


def _artifact_path(uri):
    # mlflow-artifacts:/1/models/m-x/artifacts or mlflow-artifacts://host:port/1/models/...
    rest = uri.split(":", 1)[1]
    if rest.startswith("//"):
        rest = rest[2:].split("/", 1)[1]
    return rest.strip("/")


def clone_logged_model(url, token, rest, model_id, run_id, count):
    """count logged models with the same artifact files as model_id (the first is model_id itself)."""
    import requests

    s = requests.Session()
    s.headers.update(common.headers(token))
    art = url.rstrip("/") + "/api/2.0/mlflow-artifacts/artifacts"
    src = rest.call("GET", f"/logged-models/{model_id}")["model"]["info"]
    base = _artifact_path(src["artifact_uri"])
    files = {}

    def walk(rel):
        r = s.get(art, params={"path": base + ("/" + rel if rel else "")}, timeout=60)
        r.raise_for_status()
        for f in r.json().get("files", []):
            child = f["path"].rsplit("/", 1)[-1]
            child = (rel + "/" + child) if rel else child
            if f.get("is_dir"):
                walk(child)
            else:
                g = s.get(f"{art}/{base}/{child}", timeout=60)
                g.raise_for_status()
                files[child] = g.content

    walk("")
    if not files:
        raise RuntimeError("the source logged model has no artifact files")
    ids = [model_id]
    for _ in range(count - 1):
        m = rest.call("POST", "/logged-models", {"experiment_id": src["experiment_id"], "name": "model",
                                                  "source_run_id": run_id})["model"]["info"]
        dest = _artifact_path(m["artifact_uri"])
        for rel, data in files.items():
            r = s.put(f"{art}/{dest}/{rel}", data=data, timeout=60)
            if r.status_code != 200:
                raise RuntimeError(f"PUT artifact -> {r.status_code} {r.text[:200]}")
        rest.call("PATCH", f"/logged-models/{m['model_id']}", {"model_id": m["model_id"], "status": "LOGGED_MODEL_READY"})
        ids.append(m["model_id"])
    return ids


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--url", required=True)
    ap.add_argument("--token", default="")
    ap.add_argument("--state", required=True)
    ap.add_argument("--models", type=int, default=10000)
    ap.add_argument("--runs", type=int, default=50000)
    ap.add_argument("--runs-budget", type=float, default=None)
    ap.add_argument("--threads", type=int, default=8)
    ap.add_argument("--server-pid", type=int, default=0)
    a = ap.parse_args()

    rest = common.Rest(a.url, a.token)
    seeder = Seeder(rest)
    cpu = (lambda: common.cpu_seconds(a.server_pid)) if a.server_pid else (lambda: 0.0)
    state = {"url": a.url}

    t0 = time.monotonic()
    model_id, source_run = log_source_model(a.url, a.token)
    state.update(source=f"models:/{model_id}", source_run_id=source_run,
                 log_source_model_s=time.monotonic() - t0)
    print(f"seed: source model {model_id} logged in {state['log_source_model_s']:.1f}s", file=sys.stderr, flush=True)

    clones = clone_logged_model(a.url, a.token, rest, model_id, source_run, max(1, (a.models + 99) // 100))
    state["source_models"] = len(clones)
    print(f"seed: {len(clones)} logged models ready", file=sys.stderr, flush=True)

    def seed_model(i):
        name = f"{common.MODEL_PREFIX}{i}"
        mid = clones[i % len(clones)]
        seeder.call("POST", "/registered-models/create", {"name": name}, ok_codes=("RESOURCE_ALREADY_EXISTS",))
        mv = seeder.call("POST", "/model-versions/create",
                         {"name": name, "source": f"models:/{mid}", "model_id": mid})
        seeder.call("POST", "/registered-models/alias",
                    {"name": name, "alias": common.ALIAS, "version": mv.get("model_version", {}).get("version", "1")})

    c0 = cpu()
    n, secs = seeder.run_parallel(a.models, a.threads, seed_model)
    state.update(models=n, models_s=secs, models_requests=3 * n, models_server_cpu_s=cpu() - c0)
    print(f"seed: {n} registered models (+version, alias) in {secs:.1f}s", file=sys.stderr, flush=True)

    exp = rest.call("POST", "/experiments/create", {"name": common.RUNS_EXPERIMENT})["experiment_id"]
    state["runs_experiment_id"] = exp
    now_ms = int(time.time() * 1000)

    def seed_run(j):
        rng = random.Random(j)
        run = seeder.call("POST", "/runs/create",
                          {"experiment_id": exp, "run_name": f"run-{j}", "start_time": now_ms + j})["run"]
        rid = run["info"]["run_id"]
        seeder.call("POST", "/runs/log-batch", {
            "run_id": rid,
            "metrics": [{"key": "acc", "value": rng.random(), "timestamp": now_ms, "step": 0},
                        {"key": "loss", "value": rng.random(), "timestamp": now_ms, "step": 0}],
            "params": [{"key": "lr", "value": str(rng.choice([0.1, 0.01, 0.001]))}],
        })

    c0 = cpu()
    n, secs = seeder.run_parallel(a.runs, a.threads, seed_run, budget=a.runs_budget)
    state.update(runs=n, runs_target=a.runs, runs_s=secs, runs_requests=2 * n, runs_server_cpu_s=cpu() - c0)
    print(f"seed: {n} runs (create + log-batch) in {secs:.1f}s", file=sys.stderr, flush=True)

    # Runs that log_batch load writes into (one per load worker, created once; unique param keys per call).
    state["batch_run_ids"] = [
        rest.call("POST", "/runs/create", {"experiment_id": exp, "run_name": f"batch-{k}",
                                            "start_time": now_ms})["run"]["info"]["run_id"] for k in range(16)]
    state["retries"] = seeder.retries
    with open(a.state, "w") as f:
        json.dump(state, f, indent=1)


if __name__ == "__main__":
    main()
