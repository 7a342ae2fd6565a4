#!/usr/bin/env python3
"""Summarises a failed `swift test` log in a few dozen lines.

CI keeps only the tail of a run's output, and a crash's backtrace or a failed expectation is
thousands of lines above it. scripts/test.sh prints this summary last when the Swift phase failed:
the failed tests and their recorded issues, the tests still running when the process died, and the
crashed thread's frames.

    scripts/test-summary.py LOG
"""
import re
import sys
from collections import Counter

START = re.compile(r"^◇ (Test|Suite) (.+?) started\.$")
END = re.compile(r"^[✔✘] (Test|Suite) (.+?)(?: with \d+ test cases?)? (?:passed|failed)\b")
ISSUE = re.compile(r"^✘ Test .+ recorded an issue")
XCTEST_FAIL = re.compile(r"^.*: error: .+ : ")


def summarise(lines):
    """The summary's lines for one log (empty when the log shows no failure)."""
    running, failed, issues, crash = Counter(), [], [], []
    for i, line in enumerate(lines):
        if ISSUE.match(line) or XCTEST_FAIL.match(line):
            issues.append(line)
        elif m := START.match(line):
            if line != "◇ Test run started." and not line.startswith("◇ Test case passing"):
                running[(m[1], m[2])] += 1
        elif m := END.match(line):
            running[(m[1], m[2])] -= 1
            if line.startswith("✘") and m[1] == "Test" and not line.startswith("✘ Test run with"):
                failed.append(line)
        elif line.startswith("*** Program crashed") or line.startswith("Fatal error"):
            crash.append(line)
        elif re.match(r"^Thread \d+ .*crashed:$", line):
            crash.append(line)
            # The crashed thread's frames: after the header's blank line, up to the next blank one.
            frames = lines[i + 1:i + 40]
            while frames and not frames[0].strip():
                frames.pop(0)
            for frame in frames:
                if not frame.strip():
                    break
                crash.append(frame)
    out = []
    if crash:
        out += ["-- the test process crashed:"] + crash[:32]
        still = sorted(name for (kind, name), n in running.items() if n > 0 and kind == "Test")
        out += ["-- tests running when it crashed (%d):" % len(still)] + ["   " + s for s in still[:25]]
    if failed:
        out += ["-- failed tests (%d):" % len(failed)] + failed[:25]
    if issues:
        out += ["-- recorded issues (%d, first 15):" % len(issues)] + [i[:400] for i in issues[:15]]
    return out


def main():
    with open(sys.argv[1], encoding="utf-8", errors="replace") as f:
        lines = [l.rstrip("\n") for l in f]
    out = summarise(lines)
    if not out:
        out = ["-- no crash and no failed test in the log; its last lines:"] + lines[-15:]
    print("\n".join(out))


if __name__ == "__main__":
    main()
