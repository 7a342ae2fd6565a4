"""Turns bench/out/mlflow-raw/*.json(l) into bench/out/mlflow-results.md (medians and ratios).

  python report.py RAW_DIR OUT.md
"""
import json
import os
import statistics
import sys

OPS = [("alias", "get_model_version_by_alias", "read"), ("get_rm", "get_registered_model", "read"),
       ("search_rm", "search_registered_models `name LIKE 'model-1%'`, max_results=100", "read"),
       ("search_runs", "search_runs `metrics.acc > 0.5`, max_results=100", "read"),
       ("log_batch", "log_batch (100 metrics + 10 params)", "write")]


def med(xs):
    return statistics.median(xs) if xs else float("nan")


def load_jsonl(path):
    if not os.path.exists(path):
        return []
    return [json.loads(l) for l in open(path) if l.strip()]


def fmt(x, nd=1):
    if x != x:
        return "–"
    return f"{x:,.{nd}f}"


def main():
    raw, out = sys.argv[1], sys.argv[2]
    meta = json.load(open(os.path.join(raw, "meta.json")))
    seeds = {s: json.load(open(os.path.join(raw, f"seed-{s}.json"))) for s in ("mlflow", "steward")
             if os.path.exists(os.path.join(raw, f"seed-{s}.json"))}
    loads = load_jsonl(os.path.join(raw, "load.jsonl"))
    flows = load_jsonl(os.path.join(raw, "workflow.jsonl"))
    L = []
    w = L.append
    w("# Steward vs stock MLflow server: same MLflow client calls, same machine, same run\n")
    w(f"- Date: {meta['date']}; commit {meta['commit']}; command: `{meta['command']}`")
    m = meta["machine"]
    w(f"- Machine: {m['nproc']} CPUs ({m['cpu']}), {m['mem_mib']} MiB RAM, kernel {m['kernel']}; shared and noisy")
    w(f"- Stock MLflow {meta['mlflow_version']}: `{meta['mlflow_cmd']}`")
    w(f"- Steward (release build): `{meta['steward_cmd']}`")
    w(f"- Each figure is the median of {meta['reps']} repetitions ({meta['duration']} s measured after "
      f"{meta['warmup']} s warm-up), servers interleaved within each repetition.")
    if meta.get("failed"):
        w(f"- **Failed steps: {', '.join(meta['failed'])}**")
    w("")
    w("## Seeding (through each server's own REST API, "
      f"{meta['seed_threads']} client threads)\n")
    w("| phase | count | MLflow s | Steward s | speed-up | MLflow server CPU ms/req | Steward server CPU ms/req |")
    w("|---|---:|---:|---:|---:|---:|---:|")
    if len(seeds) == 2:
        M, S = seeds["mlflow"], seeds["steward"]
        for key, label, per in (("models", "registered models (create + version + alias = 3 requests each)", 3),
                                ("runs", "runs (create + log-batch = 2 requests each)", 2)):
            w(f"| {label} | {M[key]:,} / {S[key]:,} | {fmt(M[key + '_s'])} | {fmt(S[key + '_s'])} | "
              f"{fmt((M[key + '_s'] / M[key]) / (S[key + '_s'] / S[key]))}x | "
              f"{fmt(1000 * M[key + '_server_cpu_s'] / (per * M[key]), 2)} | "
              f"{fmt(1000 * S[key + '_server_cpu_s'] / (per * S[key]), 2)} |")
        w(f"\nRetries after a 5xx during seeding: MLflow {M.get('retries', 0)}, Steward {S.get('retries', 0)}. "
          f"Speed-up compares time per item.")
    w("")
    w("## Throughput and latency\n")
    w("`client` = N processes, each with its own `MlflowClient`, calling the public method in a closed loop "
      "(client-side Python cost included, on the same 2 cores). `wire` = wrk with N connections replaying "
      "the exact HTTP request of that call (cheap load generator: closer to the server's capacity). "
      "CPU ms/req = server process-tree CPU time per request (less sensitive to noise and to the client).\n")
    w("| call | mode | N | MLflow req/s | Steward req/s | **ratio** | MLflow p50 / p99 ms | Steward p50 / p99 ms "
      "| MLflow CPU ms/req | Steward CPU ms/req | CPU ratio | goal |")
    w("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|")
    combos = sorted({(r["mode"], r["conc"]) for r in loads}, key=lambda x: (x[0] != "client", x[1]))
    summary = []
    for op, label, kind in OPS:
        goal = 10 if kind == "read" else 3
        for mode, conc in combos:
            sel = {s: [r for r in loads if r["op"] == op and r["mode"] == mode and r["conc"] == conc and r["server"] == s]
                   for s in ("mlflow", "steward")}
            if not sel["mlflow"] or not sel["steward"]:
                continue
            g = {s: {k: med([r[k] for r in sel[s]]) for k in ("rps", "p50_ms", "p99_ms", "cpu_ms_per_req")}
                 for s in sel}
            errs = {s: sum(r["errors"] for r in sel[s]) for s in sel}
            ratio = g["steward"]["rps"] / g["mlflow"]["rps"]
            cpu_ratio = g["mlflow"]["cpu_ms_per_req"] / g["steward"]["cpu_ms_per_req"]
            ok = "met" if ratio >= goal else f"**missed** ({ratio / goal * 100:.0f}% of {goal}x)"
            summary.append((label, mode, conc, ratio, goal))
            err = "" if not (errs["mlflow"] or errs["steward"]) else f" (errors: MLflow {errs['mlflow']}, Steward {errs['steward']})"
            w(f"| {label}{err} | {mode} | {conc} | {fmt(g['mlflow']['rps'])} | {fmt(g['steward']['rps'])} | "
              f"**{fmt(ratio)}x** | {fmt(g['mlflow']['p50_ms'])} / {fmt(g['mlflow']['p99_ms'])} | "
              f"{fmt(g['steward']['p50_ms'], 2)} / {fmt(g['steward']['p99_ms'], 2)} | "
              f"{fmt(g['mlflow']['cpu_ms_per_req'], 2)} | {fmt(g['steward']['cpu_ms_per_req'], 2)} | "
              f"{fmt(cpu_ratio)}x | {goal}x {ok} |")
    w("")
    w("## Whole workflow (log params/metrics, train, `sklearn.log_model(registered_model_name=)`, "
      "set alias, `pyfunc.load_model('models:/name@champion')`, predict)\n")
    w("| server | runs | median wall s | median log_model s | median load_model s |")
    w("|---|---:|---:|---:|---:|")
    wf = {}
    for s in ("mlflow", "steward"):
        rs = [r for r in flows if r["server"] == s]
        if rs:
            wf[s] = med([r["seconds"] for r in rs])
            w(f"| {s} | {len(rs)} | {fmt(wf[s], 2)} | {fmt(med([r['log_model_s'] for r in rs]), 2)} | "
              f"{fmt(med([r['load_model_s'] for r in rs]), 2)} |")
    if len(wf) == 2:
        w(f"\nWorkflow speed-up (MLflow / Steward wall time): **{wf['mlflow'] / wf['steward']:.2f}x**")
    open(out, "w").write("\n".join(L) + "\n")
    print("\n".join(L))


if __name__ == "__main__":
    main()
