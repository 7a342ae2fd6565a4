#!/usr/bin/env python3
"""Turns the raw measurements in bench/out/raw/ into bench/out/results.md (and prints it).

    python3 bench/report.py [OUT_DIR]

Every figure is the median over the repetitions; MB/s is 10^6 bytes per second; ratios are ratios
of medians measured in the same run.
"""
import json
import os
import statistics
import sys

import report_monitoring  # bench/ is on sys.path when this script runs

OUT = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(os.path.abspath(__file__)), "out")
RAW = os.path.join(OUT, "raw")

STREAM_GOAL_RATIO = 0.60
RSS_GOAL_MIB = 64
SEARCH_P95_GOAL_MS = 20.0


def load(name):
    path = os.path.join(RAW, name)
    if not os.path.exists(path):
        return []
    with open(path) as handle:
        return [json.loads(line) for line in handle if line.strip()]


def load_json(name):
    path = os.path.join(RAW, name)
    if not os.path.exists(path):
        return None
    with open(path) as handle:
        return json.load(handle)


def med(values):
    return statistics.median(values) if values else float("nan")


def verdict(ok):
    return "met" if ok else "**missed**"


def artifact_section(rows, lines):
    if not rows:
        lines += ["_Artifact streaming was not run (or failed); see the log._", ""]
        return {}
    size = rows[0]["bytes"]
    reps = max(r["rep"] for r in rows)
    by_op = {}
    for row in rows:
        by_op.setdefault(row["op"], []).append(row)
    mbps = {op: med([r["bytes"] / r["seconds"] / 1e6 for r in items]) for op, items in by_op.items()}
    lines += [f"File: {size / 2**30:.2f} GiB of random bytes; {reps} repetitions; median shown, every run in brackets.", ""]
    lines += ["| operation | what is timed | MB/s (median) | runs (MB/s) | server RSS growth (median / max) | server CPU s/GiB |",
              "|---|---|---:|---|---:|---:|"]
    described = {
        "cp": "`cp SRC DST` (destination in page cache)",
        "cp_fsync": "`cp SRC DST && sync DST` (durable)",
        "upload": "`curl -T SRC` PUT; server hashes, writes, fsyncs, renames before answering 201",
        "download": "`curl -o DST` GET (destination in page cache)",
        "download_fsync": "the download plus `sync DST` (durable)",
    }
    for op in ["cp", "cp_fsync", "upload", "download", "download_fsync"]:
        items = by_op.get(op)
        if not items:
            continue
        runs = ", ".join(f"{r['bytes'] / r['seconds'] / 1e6:.0f}" for r in sorted(items, key=lambda r: r["rep"]))
        growth = [r["growth_kib"] / 1024 for r in items if "growth_kib" in r]
        rss = f"{med(growth):.1f} / {max(growth):.1f} MiB" if growth else ""
        cpu = [r["server_cpu_s"] / (r["bytes"] / 2**30) for r in items if "server_cpu_s" in r]
        cpu_text = f"{med(cpu):.2f}" if cpu else ""
        lines.append(f"| {op} | {described[op]} | {mbps[op]:.0f} | {runs} | {rss} | {cpu_text} |")
    lines.append("")
    ratios = []
    pairs = [("upload", "cp_fsync", "upload vs durable cp (both end with the bytes on disk)"),
             ("upload", "cp", "upload vs plain cp (strictest)"),
             ("download", "cp", "download vs plain cp (neither fsyncs)"),
             ("download_fsync", "cp_fsync", "durable download vs durable cp")]
    lines += ["| ratio | value | goal ≥ 0.60 |", "|---|---:|---|"]
    summary = {}
    for num, den, label in pairs:
        if num in mbps and den in mbps:
            ratio = mbps[num] / mbps[den]
            summary[f"{num}/{den}"] = ratio
            lines.append(f"| {label} | {ratio:.2f} | {verdict(ratio >= STREAM_GOAL_RATIO)} |")
    lines.append("")
    for op in ["upload", "download"]:
        growth = [r["growth_kib"] / 1024 for r in by_op.get(op, []) if "growth_kib" in r]
        if growth:
            summary[f"rss_{op}_max_mib"] = max(growth)
            lines.append(f"Server RSS growth during {op}: max {max(growth):.1f} MiB over {len(growth)} runs "
                         f"(goal < {RSS_GOAL_MIB} MiB: {verdict(max(growth) < RSS_GOAL_MIB)}); "
                         f"baseline RSS {med([r['baseline_kib'] / 1024 for r in by_op[op]]):.1f} MiB.")
    lines.append("")
    summary["mbps"] = mbps
    return summary


def registry_section(lines):
    backends = {}
    for backend in ["sqlite", "postgres"]:
        rows = load(f"registry-{backend}.jsonl")
        if rows:
            backends[backend] = rows
    if not backends:
        lines += ["_Registry reads were not run (or failed); see the log._", ""]
        return {}
    first = next(iter(backends.values()))[0]
    reps = max(r["rep"] for rows in backends.values() for r in rows)
    duration = med([r["duration_us"] / 1e6 for rows in backends.values() for r in rows])
    lines += [f"wrk, {first['threads']} thread(s), {first['connections']} connections unless the table says otherwise, {duration:.0f} s per run, "
              f"{reps} repetitions (interleaved), medians shown; req/s range over the runs in brackets. "
              "Server CPU is the server process's user+system time per request (the database server's "
              "own CPU is not included for PostgreSQL).", ""]
    lines += ["| backend | scenario | conns | req/s (median) | req/s runs | p50 ms | p95 ms | p99 ms | server CPU ms/req |",
              "|---|---|---:|---:|---|---:|---:|---:|---:|"]
    summary = {}
    names = {"resolve_alias": "(a) resolve alias", "get_version": "(b) get version", "search_tag": "(c) search tag (1%)",
             "search_tag_c1": "(c) search tag, 1 connection"}
    for backend, rows in backends.items():
        by_scenario = {}
        for row in rows:
            by_scenario.setdefault(row["scenario"], []).append(row)
        for scenario in ["resolve_alias", "get_version", "search_tag", "search_tag_c1"]:
            items = by_scenario.get(scenario)
            if not items:
                continue
            rps = [r["rps"] for r in items]
            stats = {
                "rps": med(rps),
                "p50": med([r["p50_us"] / 1000 for r in items]),
                "p95": med([r["p95_us"] / 1000 for r in items]),
                "p99": med([r["p99_us"] / 1000 for r in items]),
                "cpu_ms": med([r["server_cpu_s"] * 1000 / r["requests"] for r in items]),
            }
            summary[(backend, scenario)] = stats
            runs = ", ".join(f"{r['rps']:.0f}" for r in sorted(items, key=lambda r: r["rep"]))
            lines.append(f"| {backend} | {names[scenario]} | {items[0]['connections']} | {stats['rps']:.0f} | {runs} | {stats['p50']:.2f} | "
                         f"{stats['p95']:.2f} | {stats['p99']:.2f} | {stats['cpu_ms']:.2f} |")
    lines.append("")
    if "sqlite" in backends and "postgres" in backends:
        lines += ["| scenario | PostgreSQL / SQLite req/s |", "|---|---:|"]
        for scenario in ["resolve_alias", "get_version", "search_tag", "search_tag_c1"]:
            a, b = summary.get(("postgres", scenario)), summary.get(("sqlite", scenario))
            if a and b:
                lines.append(f"| {names[scenario]} | {a['rps'] / b['rps']:.2f} |")
        lines.append("")
    for backend in backends:
        for scenario, label in [("search_tag", "2 connections"), ("search_tag_c1", "1 connection")]:
            search = summary.get((backend, scenario))
            if search:
                goal = f" (goal < {SEARCH_P95_GOAL_MS:.0f} ms: {verdict(search['p95'] < SEARCH_P95_GOAL_MS)})" if backend == "sqlite" else ""
                lines.append(f"Search p95 on {backend}, {label}: {search['p95']:.2f} ms{goal}.  ")
    lines.append("")
    for backend in backends:
        seed = load_json(f"seed-{backend}.json")
        if seed:
            rows = seed["rows"]
            lines.append(f"Seeded on {backend} in {seed['seconds']} s: {rows['models']} models, {rows['versions']} versions, "
                         f"{rows['version_tags']} version tags, {rows['version_files']} file rows, {rows['aliases']} aliases.")
    lines.append("")
    return summary


def audit_section(lines):
    data = load_json("audit.json")
    if not data:
        lines += ["_The audit benchmark was not run (or failed); see the log._", ""]
        return
    n = data["entries"]
    live, files, export = med(data["verify_live_s"]), med(data["verify_file_s"]), med(data["export_s"])
    scale = 1_000_000 / n if n else float("nan")
    lines += [f"Log of {n:,} entries seeded through the real append path in {data['seed']['seconds']} s "
              f"(SQLite); {len(data['verify_live_s'])} repetitions, median shown, every run in brackets.", "",
              "| measurement | result | goal | verdict |", "|---|---:|---:|---|"]
    for name, key in (("SQLite, on the large log", "append_sqlite"), ("PostgreSQL, fresh log", "append_postgres")):
        a = data.get(key)
        if a:
            lines.append(f"| audit append inside a mutation, {name} (median / p95 of {a['count']}) | "
                         f"{a['append_median_ms']:.3f} / {a['append_p95_ms']:.3f} ms (whole mutation {a['mutation_median_ms']:.3f} ms) "
                         f"| < 1 ms median | {verdict(a['append_median_ms'] < 1.0)} |")
            if "event_median_ms" in a:
                lines.append(f"| outbox event inside the same mutation, {name} (median / p95) | "
                             f"{a['event_median_ms']:.3f} / {a['event_p95_ms']:.3f} ms | < 1 ms median | {verdict(a['event_median_ms'] < 1.0)} |")
    lines += [f"| `steward audit verify` against the live server | {live:.1f} s {data['verify_live_s']} "
              f"(≈ {live * scale:.1f} s per 1M) | < 30 s per 1M | {verdict(live * scale < 30)} |",
              f"| `steward audit verify --file` on the export | {files:.1f} s {data['verify_file_s']} | < 30 s per 1M | {verdict(files * scale < 30)} |",
              f"| `steward audit export` ({data['export_bytes'] / 1e6:.0f} MB JSON Lines) | {export:.1f} s {data['export_s']} | | |"]
    for name, key in (("inclusion", "inclusion_ms"), ("consistency", "consistency_ms")):
        p = data[key]
        lines.append(f"| {name} proof over HTTP, random index (p50 / p99, {p['requests']} requests, 1 connection) | "
                     f"{p['p50']:.2f} / {p['p99']:.2f} ms | < 5 ms | {verdict(p['p99'] < 5)} |")
    lines += ["", "The append is timed inside the transaction (after the model update, before commit), so the figure is "
              "what the audit entry adds to the mutation; the whole mutation (update + entry + commit with fsync) is shown beside it.", ""]


def lineage_section(lines):
    data = load_json("lineage.json")
    if not data:
        lines += ["_The lineage benchmark was not run (or failed); see the log._", ""]
        return
    lines += ["| measurement | median | p95 | goal | verdict |", "|---|---:|---:|---:|---|",
              f"| downstream lineage of one dataset version used by {data['model_versions']:,} model versions "
              f"(`GET /api/v1/datasets/…/lineage`, SQLite) | {data['median_ms']} ms | {data['p95_ms']} ms | < 100 ms | "
              f"{verdict(data['median_ms'] < 100)} |", ""]


def auth_section(lines):
    data = load_json("auth.json")
    if not data:
        lines += ["_The authentication benchmark was not run (or failed); see the log._", ""]
        return
    rows = [("SQLite", data.get("sqlite")), ("PostgreSQL", data.get("postgres"))]
    lines += ["Measured in isolation (`steward-bench auth-check`): resolving a bearer token to its principal "
              "(from the credential cache on SQLite, which every committed credential change empties; a database lookup per "
              "request on PostgreSQL, so a revocation is effective on the next request on every replica) "
              "plus the policy decision on a model.", "",
              "| database | authenticate (median / p95) | authorize (median) | total median | goal | verdict |", "|---|---:|---:|---:|---:|---|"]
    for name, row in rows:
        if row:
            lines.append(f"| {name} | {row['authenticate_median_us']:.1f} / {row['authenticate_p95_us']:.1f} µs | "
                         f"{row['authorize_median_us']:.2f} µs | {row['total_median_us']:.1f} µs | < 50 µs | {verdict(row['total_median_us'] < 50)} |")
    lines.append("")


def flood_section(lines):
    data = load_json("flood.json")
    if not data:
        lines += ["_The flood benchmark was not run (or failed); see the log._", ""]
        return
    ok = data["p99_ratio"] <= 2 and data["flooded_failures"] == 0
    lines += [f"A victim principal sends {data['victim_rate']:g} requests/s (`GET /api/v1/models/m`, fixed schedule, latency "
              f"from the scheduled send time) for {data['seconds']:g} s, alone and then while a flooder sends {data['flood_rate']:g} "
              f"requests/s from 8 connections. Default limits.", "",
              "| phase | victim p50 | victim p99 | victim failures |", "|---|---:|---:|---:|",
              f"| alone | {data['alone_p50_ms']} ms | {data['alone_p99_ms']} ms | {data['alone_failures']} |",
              f"| flooded | {data['flooded_p50_ms']} ms | {data['flooded_p99_ms']} ms | {data['flooded_failures']} |", "",
              f"p99 ratio {data['p99_ratio']} (goal ≤ 2, no failures): {verdict(ok)}. Flooder's answers: {data['flooder_statuses']}.", ""]


def gc_section(lines):
    rows = load("gc.jsonl")
    if not rows:
        lines += ["_The garbage-collection benchmark was not run (or failed); see the log._", ""]
        return
    row = rows[-1]
    lines += ["| measurement | result | goal | verdict |", "|---|---:|---:|---|",
              f"| `steward gc` over {row['versions']:,} versions (half of the blobs garbage) | {row['seconds']} s, "
              f"{row['deleted']:,} blobs deleted | < 60 s | {verdict(row['seconds'] < 60)} |", ""]


def fanout_section(lines):
    rows = load("fanout.jsonl")
    if not rows:
        lines += ["_The fan-out benchmark was not run (or failed); see the log._", ""]
        return
    r = rows[-1]["result"]
    goal = rows[-1]["goal_seconds"]
    ok = r["fanout_seconds"] < goal and r["bad_signatures"] == 0
    lines += ["| measurement | result | goal | verdict |", "|---|---:|---:|---|",
              f"| one alias move delivered to all {r['subscribers']:,} webhook subscribers (end to end, signatures checked) | "
              f"{r['fanout_seconds']} s (first after {r['first_delivery_seconds']} s; {r['duplicates']} duplicates, "
              f"{r['bad_signatures']} bad signatures) | < {goal} s | {verdict(ok)} |",
              f"| alias move latency, median of {r['moves']}: no subscribers vs {r['subscribers']:,} subscribers | "
              f"{r['move_ms_median_0_subscribers']} ms vs {r['move_ms_median_with_subscribers']} ms | outbox adds < 1 ms | "
              f"{verdict(r['move_ms_median_with_subscribers'] - r['move_ms_median_0_subscribers'] < 1)} |", ""]


def ui_section(lines):
    rows = load("ui_page.jsonl")
    if not rows:
        lines += ["_The web UI benchmark was not run (or failed); see the log._", ""]
        return
    r = rows[-1]
    lines += ["| measurement | result | goal | verdict |", "|---|---:|---:|---|",
              f"| `/ui/models/<name>` with {r['versions']:,} versions, {r['requests']} requests ({r['page_bytes']:,} bytes) | "
              f"median {r['median_ms']} ms, p95 {r['p95_ms']} ms | p95 < {r['goal_ms']} ms | {verdict(r['p95_ms'] < r['goal_ms'])} |", ""]


def main():
    lines = ["# Steward benchmark results", ""]
    meta = load_json("meta.json") or {}
    machine = meta.get("machine", {})
    lines += [f"- date: {meta.get('date', '?')} to {meta.get('finished', '?')}", f"- commit: {meta.get('commit', '?')}",
              f"- machine: {machine.get('nproc', '?')} CPUs ({machine.get('cpu', '?')}), "
              f"{machine.get('mem_mib', '?')} MiB RAM, Linux {machine.get('kernel', '?')}",
              f"- toolchain: {machine.get('swift', '?')}; server built with `swift build -c release --product steward`",
              f"- binary: {meta.get('binary', '?')}",
              f"- load generator: {meta.get('wrk', '?')}",
              f"- command: `{meta.get('command', 'make bench')}`",
              f"- machine load at the end (all users): loadavg {meta.get('loadavg', '?')}; "
              f"CPU pressure `{meta.get('cpu_pressure', '?')}`", ""]
    failed = meta.get("failed") or []
    if failed:
        lines += [f"**Parts that failed: {', '.join(failed)}** (see the log).", ""]
    lines += ["## 1. Artifact streaming (`bash bench/artifact_stream.sh`)", ""]
    artifact = artifact_section(load("artifact.jsonl"), lines)
    lines += ["## 2. Registry reads, 10,000 models / 100,000 versions (`bash bench/registry_reads.sh sqlite|postgres`)", ""]
    registry_section(lines)
    lines += ["## 3. Audit trail (`bash bench/audit.sh`)", ""]
    audit_section(lines)
    lines += ["## 4. Lineage (`python3 bench/lineage_downstream.py`)", ""]
    lineage_section(lines)
    lines += ["## 5. Authentication and authorization cost (`bash bench/auth.sh`)", ""]
    auth_section(lines)
    lines += ["## 6. Fairness under a flood (`python3 bench/flood.py`)", ""]
    flood_section(lines)
    lines += ["## 7. Garbage collection (`bash bench/gc.sh`)", ""]
    gc_section(lines)
    lines += ["## 8. Event fan-out (`bash bench/fanout.sh`)", ""]
    fanout_section(lines)
    lines += ["## Web UI: model page with 1,000 versions (`bash bench/ui_page.sh`)", ""]
    ui_section(lines)
    report_monitoring.add_sections(lines, load_json)
    text = "\n".join(lines).rstrip() + "\n"
    with open(os.path.join(OUT, "results.md"), "w") as handle:
        handle.write(text)
    sys.stdout.write(text)
    return 0 if artifact is not None else 1


if __name__ == "__main__":
    sys.exit(main())
