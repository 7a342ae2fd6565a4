"""One load measurement against one server: requests/s, p50/p99 latency, server CPU per request.

  python load.py --state STATE.json --server NAME --server-pid PID --op OP --mode client|wire
                 --conc N --duration S --warmup S --rep R --out RESULTS.jsonl [--token T]

OPs: alias (get_model_version_by_alias), get_rm (get_registered_model), search_rm
(search_registered_models "name LIKE 'model-1%'", max_results=100), search_runs (search_runs
"metrics.acc > 0.5", max_results=100), log_batch (100 metrics + 10 new params per call).

mode client: N worker processes (forked after importing mlflow, so no shared GIL), each with its own
  MlflowClient, calling the public client method in a closed loop: what a Python user sees,
  client-side cost included (the client shares the 2 cores with the server).
mode wire: wrk with N connections replaying the exact HTTP request the client sends for that call
  (bench/mlflow/wrk/mlflow.lua): the server's capacity with a load generator that costs little CPU.
Both are bounded: --duration seconds after --warmup seconds, and at most 200,000 calls per worker.
Server CPU = user+system time of the server process tree (stock MLflow: uvicorn and its workers; the
huey job-runner processes, which poll while idle, are excluded) during the measured window.
"""
import argparse
import json
import multiprocessing as mp
import os
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import common  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
MAX_CALLS = 200_000


def server_cpu(pid):
    total = 0.0
    tick = os.sysconf("SC_CLK_TCK")
    for p in common.tree_pids(pid):
        try:
            cmd = open(f"/proc/{p}/cmdline", "rb").read()
            if b"huey" in cmd or b"_job_runner" in cmd:
                continue
            data = open(f"/proc/{p}/stat").read()
        except OSError:
            continue
        rest = data[data.rindex(")") + 2:].split()
        total += (int(rest[11]) + int(rest[12])) / tick
    return total


def wait_idle(pids, cores=0.05, window=0.5, timeout=20.0):
    """Waits until the servers' process trees (`server_cpu`) together use less than `cores` over
    `window` seconds, so that one server's backlog (stock MLflow keeps answering queued requests
    after a c=16 run ends) does not run during the other's measurement. Returns the seconds waited."""
    start = time.time()
    while time.time() - start < timeout:
        before = sum(server_cpu(p) for p in pids)
        time.sleep(window)
        if sum(server_cpu(p) for p in pids) - before < cores * window:
            break
    return time.time() - start


def make_call(client, op, state, worker):
    import random

    from mlflow.entities import Metric, Param

    models = state["models"]
    exp = state["runs_experiment_id"]
    run_ids = state["batch_run_ids"]
    rng = random.Random(os.getpid() * 7919 + worker)
    counter = [0]
    prefix = f"c{os.getpid()}x{int(time.time()) % 100000}"

    if op == "alias":
        return lambda: client.get_model_version_by_alias(f"model-{rng.randrange(models)}", common.ALIAS)
    if op == "get_rm":
        return lambda: client.get_registered_model(f"model-{rng.randrange(models)}")
    if op == "search_rm":
        return lambda: client.search_registered_models(filter_string=common.SEARCH_RM_FILTER, max_results=100)
    if op == "search_runs":
        return lambda: client.search_runs([exp], common.SEARCH_RUNS_FILTER, max_results=100)
    if op == "log_batch":
        def call():
            counter[0] += 1
            c = counter[0]
            ts = int(time.time() * 1000)
            client.log_batch(rng.choice(run_ids),
                             metrics=[Metric(f"m{k}", rng.random(), ts, c) for k in range(100)],
                             params=[Param(f"{prefix}_{c}_{k}", f"v{k}") for k in range(10)],
                             synchronous=True)
        return call
    raise SystemExit(f"unknown op {op}")


def client_worker(args):
    url, token, op, state, worker, start_at, end_at = args
    os.environ["MLFLOW_TRACKING_URI"] = url
    if token:
        os.environ["MLFLOW_TRACKING_TOKEN"] = token
    from mlflow import MlflowClient

    client = MlflowClient(tracking_uri=url)
    call = make_call(client, op, state, worker)
    while time.time() < start_at:  # warm-up, not recorded
        call()
    lat, n, errors = [], 0, 0
    t0 = time.time()
    while n < MAX_CALLS:
        s = time.perf_counter()
        if s and time.time() >= end_at:
            break
        try:
            call()
        except Exception:
            errors += 1
        lat.append(time.perf_counter() - s)
        n += 1
    return {"n": n, "errors": errors, "seconds": time.time() - t0, "lat": lat}


def run_client(a, state):
    import mlflow  # noqa: F401  (imported before forking so workers start fast)

    ctx = mp.get_context("fork")
    start_at = time.time() + 1.0 + a.warmup
    end_at = start_at + a.duration
    jobs = [(a.url, a.token, a.op, state, w, start_at, end_at) for w in range(a.conc)]
    with ctx.Pool(a.conc) as pool:
        res = pool.map_async(client_worker, jobs)
        time.sleep(max(0.0, start_at - time.time()))
        c0 = server_cpu(a.server_pid)
        time.sleep(max(0.0, end_at - time.time()))
        c1 = server_cpu(a.server_pid)
        out = res.get(timeout=a.duration + a.warmup + 120)
    lat = [x for r in out for x in r["lat"]]
    n = sum(r["n"] for r in out)
    secs = max(r["seconds"] for r in out)
    return {"requests": n, "seconds": secs, "rps": n / secs, "p50_ms": common.percentile(lat, 50) * 1000,
            "p99_ms": common.percentile(lat, 99) * 1000, "errors": sum(r["errors"] for r in out),
            "server_cpu_s": c1 - c0}


def run_wire(a, state):
    env = dict(os.environ, OP=a.op, TOKEN=a.token, MODELS=str(state["models"]),
               EXPERIMENT_ID=state["runs_experiment_id"], BATCH_RUN_IDS=",".join(state["batch_run_ids"]),
               SEARCH_RM_QS=common.search_rm_query())
    threads = min(a.conc, 2)
    script = os.path.join(HERE, "wrk", "mlflow.lua")
    base = ["wrk", "-t", str(threads), "-c", str(a.conc), "--timeout", "30s", "-s", script]
    if a.warmup > 0:
        subprocess.run(base + ["-d", f"{a.warmup:g}s", a.url], env=env, capture_output=True, timeout=a.warmup + 60)
    c0 = server_cpu(a.server_pid)
    p = subprocess.run(base + ["-d", f"{a.duration:g}s", a.url], env=env, capture_output=True, text=True,
                       timeout=a.duration + 60)
    c1 = server_cpu(a.server_pid)
    line = next((l for l in p.stdout.splitlines() if l.startswith("BENCH_JSON ")), None)
    if line is None:
        raise SystemExit(f"wrk failed: {p.stdout}\n{p.stderr}")
    j = json.loads(line[len("BENCH_JSON "):])
    secs = j["duration_us"] / 1e6
    errors = j["errors_connect"] + j["errors_read"] + j["errors_write"] + j["errors_status"] + j["errors_timeout"]
    return {"requests": j["requests"], "seconds": secs, "rps": j["requests"] / secs, "p50_ms": j["p50_us"] / 1000,
            "p99_ms": j["p99_us"] / 1000, "errors": errors, "server_cpu_s": c1 - c0}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--state", required=True)
    ap.add_argument("--server", required=True)
    ap.add_argument("--server-pid", type=int, required=True)
    ap.add_argument("--token", default="")
    ap.add_argument("--op", required=True)
    ap.add_argument("--mode", choices=["client", "wire"], required=True)
    ap.add_argument("--conc", type=int, default=2)
    ap.add_argument("--duration", type=float, default=5)
    ap.add_argument("--warmup", type=float, default=1)
    ap.add_argument("--rep", type=int, default=1)
    ap.add_argument("--out", required=True)
    ap.add_argument("--idle-pids", default="", help="server pids (space-separated) to wait idle for first")
    a = ap.parse_args()
    state = json.load(open(a.state))
    a.url = state["url"]
    waited = wait_idle([int(p) for p in a.idle_pids.split()]) if a.idle_pids.strip() else 0.0
    r = run_client(a, state) if a.mode == "client" else run_wire(a, state)
    r.update(server=a.server, op=a.op, mode=a.mode, conc=a.conc, rep=a.rep, idle_wait_s=round(waited, 2),
             cpu_ms_per_req=1000 * r["server_cpu_s"] / max(1, r["requests"]))
    common.append_jsonl(a.out, r)
    print(f"{a.server:8} {a.op:12} {a.mode:6} c={a.conc} rep={a.rep}: {r['rps']:8.1f} req/s  "
          f"p50 {r['p50_ms']:7.2f} ms  p99 {r['p99_ms']:7.2f} ms  cpu {r['cpu_ms_per_req']:.2f} ms/req  "
          f"errors {r['errors']}", file=sys.stderr, flush=True)


if __name__ == "__main__":
    main()
