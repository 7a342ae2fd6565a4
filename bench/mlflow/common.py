"""Shared helpers for the MLflow-vs-Steward benchmark (bench/mlflow/).

Everything talks to a server given by --url (and --token for Steward; stock MLflow runs without auth).
"""
import json
import os
import statistics
import threading
import time
import urllib.parse

import requests

API = "/api/2.0/mlflow"
MODEL_PREFIX = "model-"      # registered models are model-0 .. model-(N-1), one version each
ALIAS = "champion"
SEARCH_RM_FILTER = "name LIKE 'model-1%'"
SEARCH_RUNS_FILTER = "metrics.acc > 0.5"
RUNS_EXPERIMENT = "bench-runs"


def headers(token):
    h = {"User-Agent": "mlflow-python-client/3.17.2", "X-MLflow-Client-Version": "3.17.2"}
    if token:
        h["Authorization"] = "Bearer " + token
    return h


class Rest:
    """A keep-alive session per thread, raising on any non-200 reply."""

    def __init__(self, url, token, timeout=60):
        self.url = url.rstrip("/")
        self.local = threading.local()
        self.token = token
        self.timeout = timeout

    def _session(self):
        s = getattr(self.local, "s", None)
        if s is None:
            s = requests.Session()
            s.headers.update(headers(self.token))
            self.local.s = s
        return s

    def call(self, method, path, body=None, params=None):
        r = self._session().request(method, self.url + API + path, json=body, params=params, timeout=self.timeout)
        if r.status_code != 200:
            raise RuntimeError(f"{method} {path} -> {r.status_code} {r.text[:300]}")
        return r.json() if r.content else {}


def percentile(values, p):
    if not values:
        return float("nan")
    s = sorted(values)
    k = (len(s) - 1) * p / 100.0
    lo = int(k)
    hi = min(lo + 1, len(s) - 1)
    return s[lo] + (s[hi] - s[lo]) * (k - lo)


def median(values):
    return statistics.median(values) if values else float("nan")


# ---- server CPU accounting (the server process and all its descendants, e.g. uvicorn workers) -----

def _children_map():
    m = {}
    for d in os.listdir("/proc"):
        if not d.isdigit():
            continue
        try:
            with open(f"/proc/{d}/stat") as f:
                data = f.read()
        except OSError:
            continue
        rest = data[data.rindex(")") + 2:].split()
        m.setdefault(int(rest[1]), []).append(int(d))
    return m


def tree_pids(root):
    m = _children_map()
    out, todo = [], [root]
    while todo:
        p = todo.pop()
        out.append(p)
        todo.extend(m.get(p, []))
    return out


def cpu_seconds(root):
    """user+system CPU seconds of root and its live descendants."""
    tick = os.sysconf("SC_CLK_TCK")
    total = 0
    for p in tree_pids(root):
        try:
            with open(f"/proc/{p}/stat") as f:
                data = f.read()
        except OSError:
            continue
        rest = data[data.rindex(")") + 2:].split()
        total += int(rest[11]) + int(rest[12])
    return total / tick


def rss_mib(root):
    total = 0
    for p in tree_pids(root):
        try:
            with open(f"/proc/{p}/status") as f:
                for line in f:
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1])
        except OSError:
            pass
    return total / 1024


def append_jsonl(path, record):
    with open(path, "a") as f:
        f.write(json.dumps(record) + "\n")


def search_rm_query():
    """The query string MlflowClient.search_registered_models sends (filter with the prompt clause)."""
    flt = SEARCH_RM_FILTER + " AND tag.`mlflow.prompt.is_prompt` != 'true'"
    return urllib.parse.urlencode({"filter": flt, "max_results": 100}, quote_via=urllib.parse.quote_plus)
