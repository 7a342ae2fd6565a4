#!/usr/bin/env python3
"""Samples a process's resident memory (VmRSS from /proc/<pid>/status) until told to stop.

    rss_sampler.py PID OUT.json [--interval 0.1] [--max-seconds 900] [--ready FILE]

Takes one sample at once (the baseline), then one every interval until SIGTERM/SIGINT, the process
exits, or max-seconds pass; then writes {"baseline_kib", "max_kib", "growth_kib", "samples"} to OUT.json.
"""
import argparse
import json
import signal
import sys
import time


def rss_kib(pid):
    try:
        with open(f"/proc/{pid}/status") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except FileNotFoundError:
        return None
    return None


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("pid", type=int)
    parser.add_argument("out")
    parser.add_argument("--interval", type=float, default=0.1)
    parser.add_argument("--max-seconds", type=float, default=900)
    parser.add_argument("--ready", help="file to create once the baseline is taken")
    args = parser.parse_args()

    stop = False

    def on_signal(_signum, _frame):
        nonlocal stop
        stop = True

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)

    baseline = rss_kib(args.pid)
    if baseline is None:
        sys.exit(f"rss_sampler: no process {args.pid}")
    peak, count = baseline, 1
    if args.ready:
        open(args.ready, "w").close()
    deadline = time.monotonic() + args.max_seconds
    while not stop and time.monotonic() < deadline:
        time.sleep(args.interval)
        value = rss_kib(args.pid)
        if value is None:
            break
        peak = max(peak, value)
        count += 1
    # One last sample: the end state.
    final = rss_kib(args.pid)
    if final is not None:
        peak = max(peak, final)
        count += 1
    with open(args.out, "w") as out:
        json.dump({"baseline_kib": baseline, "max_kib": peak, "growth_kib": peak - baseline,
                   "final_kib": final, "samples": count}, out)


if __name__ == "__main__":
    main()
