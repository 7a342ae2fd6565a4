#!/usr/bin/env python3
"""A local webhook receiver for bench/fanout.sh (and manual checks).

Accepts POST /hook/<n> from Steward, optionally verifies Standard Webhooks signatures (secrets
registered with POST /secrets as {"/hook/<n>": "whsec_..."}), and counts receipts per webhook-id.
GET /stats answers {"received", "unique", "bad_signatures", "first", "last"} (times in epoch
seconds, time.time()); POST /reset clears the counters.
"""
import base64, hashlib, hmac, json, sys, threading, time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

lock = threading.Lock()
state = {"received": 0, "ids": {}, "bad": 0, "first": None, "last": None, "secrets": {}}


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive: Steward reuses connections

    def log_message(self, *args):
        pass

    def reply(self, status, body=b""):
        self.send_response(status)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        with lock:
            stats = {"received": state["received"], "unique": len(state["ids"]), "bad_signatures": state["bad"],
                     "first": state["first"], "last": state["last"]}
        self.reply(200, json.dumps(stats).encode())

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        if self.path == "/reset":
            with lock:
                state.update(received=0, ids={}, bad=0, first=None, last=None)
            return self.reply(204)
        if self.path == "/secrets":
            with lock:
                state["secrets"].update(json.loads(body))
            return self.reply(204)
        now = time.time()
        msg_id = self.headers.get("webhook-id", "")
        ok = True
        secret = state["secrets"].get(self.path)
        if secret:
            key = base64.b64decode(secret[len("whsec_"):])
            signed = f"{msg_id}.{self.headers.get('webhook-timestamp', '')}.".encode() + body
            expected = base64.b64encode(hmac.new(key, signed, hashlib.sha256).digest()).decode()
            ok = any(sig.split(",", 1)[-1] == expected for sig in self.headers.get("webhook-signature", "").split())
        with lock:
            state["received"] += 1
            state["ids"][msg_id] = state["ids"].get(msg_id, 0) + 1
            state["bad"] += 0 if ok else 1
            state["first"] = state["first"] or now
            state["last"] = now
        self.reply(200 if ok else 401)


if __name__ == "__main__":
    port = int(sys.argv[1]) if len(sys.argv) > 1 else 9900
    server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
    server.daemon_threads = True
    server.request_queue_size = 1024
    print(f"listening on {port}", flush=True)
    server.serve_forever()
