#!/usr/bin/env python3
"""Summarises one bench/drift.sh run as JSON: steward's median wall time and max RSS over the
repetitions, the anchor tools' times, the columns each flagged, and the issue 7 goals.

usage: drift_summary.py OUT_DIR REPS BINARY DATA_DIR TOOL...
"""
import json
import re
import statistics
import sys

INJECTED = ["c0", "f00", "f01", "f02", "f03", "f04"]


def time_v(path):
    text = open(path).read()
    wall = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (\S+)", text).group(1)
    seconds = 0.0
    for part in wall.split(":"):
        seconds = seconds * 60 + float(part)
    rss_kb = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", text).group(1))
    cpu = re.search(r"Percent of CPU this job got: (\d+)%", text).group(1)
    return seconds, rss_kb / 1024, int(cpu)


def main():
    out, reps, binary, data, tools = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4], sys.argv[5:]
    runs = [time_v(f"{out}/drift-time-{i}.txt") for i in range(1, reps + 1)]
    report = json.load(open(f"{out}/drift-steward-1.json"))
    flagged = sorted(f["feature"] for f in report["features"] if f["drifted"])
    steward = {
        "seconds": [round(r[0], 3) for r in runs], "median_seconds": round(statistics.median(r[0] for r in runs), 3),
        "max_rss_mb": [round(r[1], 1) for r in runs], "median_max_rss_mb": round(statistics.median(r[1] for r in runs), 1),
        "cpu_percent": [r[2] for r in runs], "flagged": flagged, "dataset_drifted": report["dataset_drifted"],
        "scores": {f["feature"]: {"method": f["method"], "score": f["score"], "psi": f["psi"]} for f in report["features"]},
    }
    result = {"binary": binary, "data": data, "reps": reps, "injected": INJECTED, "steward": steward}
    for tool in tools:
        line = [ln for ln in open(f"{out}/drift-{tool}.txt") if ln.startswith("RESULT ")]
        r = json.loads(line[0][7:])
        entry = {"tool_seconds": round(r["tool_s"], 3), "load_seconds": round(r["load_s"], 3),
                 "total_seconds": round(r["tool_s"] + r["load_s"], 3), "process_peak_mb": round(r["process_peak_mb"], 1)}
        if tool == "evidently":
            entry["flagged"] = r["flagged"]
        else:
            entry["flagged_ks_p05"] = r["flagged_ks_p05"]
            entry["flagged_psi_0.1"] = r["flagged_psi_0.1"]
        result[tool] = entry
    t = steward["median_seconds"]
    goals = {"flags_exactly_injected": flagged == INJECTED, "peak_rss_under_300_mb": steward["median_max_rss_mb"] < 300}
    if "evidently" in result:
        goals["speedup_vs_evidently_total"] = round(result["evidently"]["total_seconds"] / t, 1)
        goals["at_least_20x_faster_than_evidently"] = result["evidently"]["total_seconds"] / t >= 20
        goals["evidently_flags_injected"] = result["evidently"]["flagged"] == INJECTED
    if "baseline" in result:
        goals["not_slower_than_baseline_total"] = t <= result["baseline"]["total_seconds"]
        goals["not_slower_than_baseline_compute_only"] = t <= result["baseline"]["tool_seconds"]
    result["goals"] = goals
    print(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
