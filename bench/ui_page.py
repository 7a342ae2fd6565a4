#!/usr/bin/env python3
"""Times the web UI's model page for a model with N versions (issue 8 goal: p95 < 100 ms).

    python3 bench/ui_page.py SERVER_URL TOKEN [--versions 1000] [--requests 60]

Seeds one model with N versions through the native API (each with metrics and parameters; every
tenth sealed, two aliases, a few alias moves), signs in through the sign-in form like a browser,
then fetches /ui/models/<name> repeatedly (after two warm-up fetches) on one keep-alive
connection and prints one JSON object: median, p95 and max in milliseconds, page size, goal.
"""
import argparse, http.client, json, re, statistics, sys, time, urllib.parse


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("url")
    parser.add_argument("token")
    parser.add_argument("--versions", type=int, default=1000)
    parser.add_argument("--requests", type=int, default=60)
    parser.add_argument("--goal-ms", type=float, default=100.0)
    args = parser.parse_args()
    host = urllib.parse.urlparse(args.url)
    conn = http.client.HTTPConnection(host.hostname, host.port, timeout=120)
    auth = {"Authorization": "Bearer " + args.token, "Content-Type": "application/json"}

    def call(method, path, body=None, headers=None, expect=(200, 201, 204)):
        conn.request(method, path, body=body, headers=headers or auth)
        response = conn.getresponse()
        data = response.read()
        if response.status not in expect:
            sys.exit(f"{method} {path} -> {response.status} {data[:300]!r}")
        return response, data

    name = "ui-bench-model"
    seeded = time.time()
    call("POST", "/api/v1/models", json.dumps({"name": name, "description": "A model with many versions", "task": "classification",
                                               "framework": "sklearn", "card": {"summary": "Benchmark model", "license": "MIT"}}))
    for number in range(1, args.versions + 1):
        call("POST", f"/api/v1/models/{name}/versions",
             json.dumps({"metrics": {"auc": 0.8 + number / 1e5, "f1": 0.7}, "params": {"lr": str(number)}}))
        if number % 10 == 0 or number == args.versions:
            call("PUT", f"/api/v1/models/{name}/versions/{number}/files/model.bin", body=f"w{number}".encode(),
                 headers={"Authorization": "Bearer " + args.token, "Content-Type": "application/octet-stream"})
            call("POST", f"/api/v1/models/{name}/versions/{number}/finalize")
    for alias, number in (("staging", args.versions), ("prod", args.versions - 10), ("prod", args.versions)):
        call("PUT", f"/api/v1/models/{name}/aliases/{alias}", json.dumps({"version": number}))
    seeded = time.time() - seeded

    # Sign in through the form, as a browser does.
    conn.request("GET", "/ui/sign-in")
    response = conn.getresponse()
    page = response.read().decode()
    pre = re.search(r"steward_signin=([^;]+)", response.getheader("Set-Cookie") or "").group(1)
    csrf = re.search(r'name="csrf" value="([^"]+)"', page).group(1)
    form = urllib.parse.urlencode({"csrf": csrf, "token": args.token, "next": "/ui/catalog"})
    response, _ = call("POST", "/ui/sign-in", body=form, expect=(303,),
                       headers={"Content-Type": "application/x-www-form-urlencoded", "Cookie": f"steward_signin={pre}"})
    session = re.search(r"steward_session=([^;]+)", ";".join(v for k, v in response.getheaders() if k.lower() == "set-cookie")).group(1)
    headers = {"Cookie": f"steward_session={session}", "Accept": "text/html"}

    path = f"/ui/models/{name}"
    size = 0
    for _ in range(2):
        _, body = call("GET", path, headers=headers)
        size = len(body)
        if f"v{args.versions}".encode() not in body:
            sys.exit("the model page does not show the newest version")
    times = []
    for _ in range(args.requests):
        start = time.perf_counter()
        call("GET", path, headers=headers)
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    p95 = times[min(len(times) - 1, int(round(0.95 * len(times))) - 1)]
    print(json.dumps({"benchmark": "ui_model_page", "versions": args.versions, "requests": args.requests,
                      "median_ms": round(statistics.median(times), 2), "p95_ms": round(p95, 2), "max_ms": round(times[-1], 2),
                      "page_bytes": size, "seed_seconds": round(seeded, 1), "goal_ms": args.goal_ms}))


if __name__ == "__main__":
    main()
