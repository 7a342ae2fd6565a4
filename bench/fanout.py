#!/usr/bin/env python3
"""Event fan-out measurement for bench/fanout.sh.

    fanout.py SERVER_URL TOKEN RECEIVER_URL SUBSCRIBERS MOVES

1. Median latency of MOVES alias moves (PUT /aliases/prod, alternating versions 1 and 2) with no
   subscriber: every move still appends its `alias.moved` event to the outbox in its transaction.
2. Creates SUBSCRIBERS webhook subscriptions to model `fanout` (one receiver URL each, secrets
   registered with the receiver so it verifies every signature).
3. One alias move; time from sending it until the receiver has all SUBSCRIBERS deliveries.
4. Median latency of MOVES alias moves with the subscribers (waiting for each fan-out to drain
   before the next move, so the mutation is timed alone).
Prints one JSON object.
"""
import http.client, json, statistics, sys, time, urllib.parse

server, token, receiver, subscribers, moves = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5])


class Client:
    def __init__(self, base, token=None):
        u = urllib.parse.urlparse(base)
        self.conn = http.client.HTTPConnection(u.hostname, u.port, timeout=60)
        self.headers = {"Content-Type": "application/json"}
        if token:
            self.headers["Authorization"] = f"Bearer {token}"

    def call(self, method, path, body=None, expect=(200, 201, 204)):
        data = None if body is None else (body if isinstance(body, bytes) else json.dumps(body).encode())
        headers = dict(self.headers)
        if isinstance(body, bytes):
            headers["Content-Type"] = "application/octet-stream"
        self.conn.request(method, path, body=data, headers=headers)
        response = self.conn.getresponse()
        text = response.read()
        if response.status not in expect:
            sys.exit(f"{method} {path} -> {response.status} {text[:300]!r}")
        return json.loads(text) if text else {}


api, hook = Client(server, token), Client(receiver)
api.call("POST", "/api/v1/models", {"name": "fanout"})
for number in (1, 2):
    api.call("POST", "/api/v1/models/fanout/versions", {})
    api.call("PUT", f"/api/v1/models/fanout/versions/{number}/files/w.bin", b"weights %d" % number)
    api.call("POST", f"/api/v1/models/fanout/versions/{number}/finalize")
state = {"version": 1}


def move():
    state["version"] = 2 if state["version"] == 1 else 1
    start = time.perf_counter()
    api.call("PUT", "/api/v1/models/fanout/aliases/prod", {"version": state["version"]})
    return (time.perf_counter() - start) * 1000


def wait_for(count, deadline_seconds=120):
    deadline = time.time() + deadline_seconds
    while time.time() < deadline:
        stats = hook.call("GET", "/stats")
        if stats["unique"] >= count:
            return stats
        time.sleep(0.01)
    sys.exit(f"only {hook.call('GET', '/stats')['unique']} of {count} deliveries arrived in {deadline_seconds}s")


move()  # warm up (sets the alias)
baseline = [move() for _ in range(moves)]

secrets = {}
started = time.time()
for i in range(subscribers):
    created = api.call("POST", "/api/v1/subscriptions", {"model": "fanout", "event_types": ["alias.moved"],
                                                        "webhook_url": f"{receiver}/hook/{i}"})
    secrets[f"/hook/{i}"] = created["secret"]
subscribe_seconds = time.time() - started
hook.call("POST", "/secrets", secrets)
hook.call("POST", "/reset")

t0 = time.time()
move()
stats = wait_for(subscribers)
fanout_seconds = stats["last"] - t0
first_seconds = stats["first"] - t0
bad = stats["bad_signatures"]

loaded = []
for n in range(moves):
    hook.call("POST", "/reset")
    loaded.append(move())
    wait_for(subscribers)
    bad += hook.call("GET", "/stats")["bad_signatures"]

print(json.dumps({
    "subscribers": subscribers, "fanout_seconds": round(fanout_seconds, 3), "first_delivery_seconds": round(first_seconds, 3),
    "duplicates": stats["received"] - stats["unique"], "bad_signatures": bad,
    "move_ms_median_0_subscribers": round(statistics.median(baseline), 3),
    "move_ms_median_with_subscribers": round(statistics.median(loaded), 3),
    "moves": moves, "subscribe_seconds": round(subscribe_seconds, 2),
}))
