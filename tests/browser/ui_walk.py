#!/usr/bin/env python3
"""Drives a real headless Chromium through the Steward web UI, like a person with a keyboard.

    python3 tests/browser/ui_walk.py --url http://127.0.0.1:PORT --token ADMIN_TOKEN --out DIR [--chromium PATH]

Seeds a small scenario through the native API (a dataset and a training run, a model with two
versions, a protected `prod` alias, an approver account, monitoring points with an open alert and a
promotion request), then, in Chromium over the DevTools protocol (on a pipe: no extra packages, no
page JavaScript — the UI has none and its CSP forbids it): signs in through the form by typing and
pressing Enter, searches the catalog, opens the model, compares the two versions, opens the
promotion request and approves it; shows the audit trail and the model page on a 390-pixel-wide
screen; then, as a maintainer, does the README's walkthrough from the browser: registers a model,
creates a version, uploads a file through the file input (DOM.setFileInputFiles), finalizes the
version and points an alias at it. Each step is checked in the DOM and saved as a PNG in DIR.
Prints one JSON summary line and exits non-zero on any failed step.
"""
import argparse, base64, fcntl, json, os, select, subprocess, sys, tempfile, time, urllib.error, urllib.request

TIMEOUT = 90  # seconds per step: generous for a loaded 2-core machine


class Api:
    def __init__(self, url, token):
        self.url, self.token = url, token

    def __call__(self, method, path, body=None, raw=None):
        data = raw if raw is not None else (json.dumps(body).encode() if body is not None else None)
        request = urllib.request.Request(self.url + "/api/v1" + path, data=data, method=method)
        request.add_header("Authorization", "Bearer " + self.token)
        request.add_header("Content-Type", "application/octet-stream" if raw is not None else "application/json")
        try:
            with urllib.request.urlopen(request, timeout=60) as response:
                text = response.read()
                return json.loads(text) if text else {}
        except urllib.error.HTTPError as error:
            raise RuntimeError(f"{method} {path} -> {error.code} {error.read()[:300]!r}") from None


def seed(api):
    api("POST", "/accounts", {"name": "ada", "roles": ["approver", "auditor"], "password": "ada-approves-models"})
    api("POST", "/accounts", {"name": "mia", "roles": ["maintainer"], "password": "mia-maintains-models"})
    api("POST", "/teams", {"name": "risk", "description": "Fraud and credit risk"})
    api("POST", "/datasets", {"name": "transactions", "description": "Card transactions, labelled by the fraud team", "owner": "risk"})
    api("POST", "/datasets/transactions/versions",
        {"uri": "s3://lake/transactions/2026-10.parquet", "digest": "sha256:" + "ab" * 32, "row_count": 1250000})
    api("POST", "/datasets/transactions/versions",
        {"uri": "s3://lake/transactions/2026-11.parquet", "digest": "sha256:" + "cd" * 32, "row_count": 1310000})
    api("POST", "/models", {"name": "fraud-detector", "description": "Scores card transactions for fraud in real time.",
                            "owner": "risk", "task": "classification", "framework": "xgboost", "tags": {"domain": "payments"},
                            "card": {"summary": "Gradient-boosted trees over 42 transaction features.",
                                     "intended_use": "Real-time scoring of card-present and card-not-present payments.",
                                     "limitations": "Not trained on business cards; recalibrate after holiday peaks.",
                                     "license": "internal", "contact": "risk-ml@example.com"}})
    api("POST", "/models", {"name": "churn-predictor", "description": "Predicts which subscribers will cancel next month.",
                            "task": "classification", "framework": "sklearn"})
    api("POST", "/models", {"name": "fraud-explainer", "description": "SHAP explanations for fraud-detector decisions.",
                            "task": "explanation", "framework": "shap"})
    for number, (auc, depth, data) in enumerate([(0.91, "6", 1), (0.94, "8", 2)], start=1):
        run = api("POST", "/runs", {"name": f"train-{number}", "params": {"max_depth": depth},
                                    "inputs": [{"dataset": "transactions", "version": data}]})
        run_id = run.get("id") or run.get("run_id") or (run.get("run") or {}).get("id")
        body = {"description": f"Trained on transactions v{data}", "metrics": {"auc": auc, "precision": 0.8 + number / 100},
                "params": {"max_depth": depth, "eta": "0.1"}}
        if run_id:
            body["run_id"] = run_id
        api("POST", "/models/fraud-detector/versions", body)
        api("PUT", f"/models/fraud-detector/versions/{number}/files/model.json", raw=f"weights {number}".encode())
        api("POST", f"/models/fraud-detector/versions/{number}/finalize")
    api("PUT", "/models/fraud-detector/aliases/prod", {"version": 1})
    api("PUT", "/models/fraud-detector/aliases/prod/protection",
        {"required_approvals": 1, "approver_roles": ["approver"], "allow_self_approval": False})
    try:
        api("POST", "/models/fraud-detector/monitoring/rules",
            {"name": "auc-floor", "metric": "auc", "condition": "below", "threshold": 0.85, "windows": 2, "severity": "warning"})
        points = []
        for hour, value in enumerate([0.93, 0.92, 0.92, 0.9, 0.88, 0.86, 0.84, 0.83]):
            start = f"2026-11-20T{hour:02d}:00:00Z"
            end = f"2026-11-20T{hour + 1:02d}:00:00Z"
            points.append({"metric": "auc", "window_start": start, "window_end": end, "value": value})
            points.append({"metric": "drift_score", "feature": "amount", "window_start": start, "window_end": end, "value": 0.05 + hour * 0.03})
        api("POST", "/models/fraud-detector/versions/2/monitoring/metrics", {"points": points})
    except Exception as error:  # monitoring is optional for this walk
        print(f"note: monitoring seed skipped: {error}", file=sys.stderr)
    request = api("POST", "/models/fraud-detector/promotions",
                  {"alias": "prod", "version": 2, "comment": "v2 beats v1 on AUC (0.94 vs 0.91) on November data."})
    return request["id"]


class Browser:
    """Chromium over --remote-debugging-pipe: JSON messages separated by NUL bytes on fds 3 and 4."""

    def __init__(self, chromium, width=1280, height=900):
        self.profile = tempfile.mkdtemp(prefix="steward-chromium-")
        to_child_r, self.to_child = os.pipe()
        self.from_child, from_child_w = os.pipe()
        # The child must see its pipe ends as fds 3 (commands in) and 4 (replies out): move them
        # out of the way first so neither dup2 can clobber the other, and keep 3 and 4 open.
        high_r = fcntl.fcntl(to_child_r, fcntl.F_DUPFD, 20)
        high_w = fcntl.fcntl(from_child_w, fcntl.F_DUPFD, 20)
        os.close(to_child_r)
        os.close(from_child_w)

        def setup():
            os.dup2(high_r, 3)
            os.dup2(high_w, 4)
        self.process = subprocess.Popen(
            [chromium, "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
             "--disable-extensions", "--disable-background-networking", "--disable-sync", "--hide-scrollbars",
             "--mute-audio", "--remote-debugging-pipe", f"--user-data-dir={self.profile}", f"--window-size={width},{height}",
             "about:blank"],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, preexec_fn=setup, pass_fds=(3, 4))
        os.close(high_r)
        os.close(high_w)
        self.buffer = b""
        self.next_id = 0
        self.events = []
        target = self.call("Target.createTarget", {"url": "about:blank"})["targetId"]
        self.session = self.call("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        self.call("Page.enable", session=True)
        self.call("DOM.enable", session=True)
        self.call("Emulation.setDeviceMetricsOverride", {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False}, session=True)

    def _read_message(self, deadline):
        while b"\0" not in self.buffer:
            if time.time() > deadline:
                raise TimeoutError("no answer from Chromium")
            ready, _, _ = select.select([self.from_child], [], [], 1.0)
            if ready:
                chunk = os.read(self.from_child, 1 << 20)
                if not chunk:
                    raise RuntimeError("Chromium closed the DevTools pipe")
                self.buffer += chunk
        message, self.buffer = self.buffer.split(b"\0", 1)
        return json.loads(message)

    def call(self, method, params=None, session=False):
        self.next_id += 1
        message = {"id": self.next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = self.session
        os.write(self.to_child, json.dumps(message).encode() + b"\0")
        deadline = time.time() + TIMEOUT
        while True:
            reply = self._read_message(deadline)
            if reply.get("id") == self.next_id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply.get("result", {})
            self.events.append(reply)

    def wait_for_load(self, action):
        """Runs `action` (which starts a navigation) and waits for the new page's load event."""
        self.events = [e for e in self.events if e.get("method") != "Page.loadEventFired"]
        action()
        deadline = time.time() + TIMEOUT
        while True:
            if any(e.get("method") == "Page.loadEventFired" for e in self.events):
                self.events = []
                return
            self.events.append(self._read_message(deadline))

    def goto(self, url):
        self.wait_for_load(lambda: self.call("Page.navigate", {"url": url}, session=True))

    def html(self):
        root = self.call("DOM.getDocument", {"depth": -1}, session=True)["root"]["nodeId"]
        return self.call("DOM.getOuterHTML", {"nodeId": root}, session=True)["outerHTML"]

    def url(self):
        return self.call("Page.getNavigationHistory", session=True)["entries"][-1]["url"]

    def node(self, selector):
        root = self.call("DOM.getDocument", {"depth": 0}, session=True)["root"]["nodeId"]
        node = self.call("DOM.querySelector", {"nodeId": root, "selector": selector}, session=True)["nodeId"]
        if not node:
            raise RuntimeError(f"no element matches {selector}")
        return node

    def type_into(self, selector, text):
        self.call("DOM.focus", {"nodeId": self.node(selector)}, session=True)
        self.call("Input.insertText", {"text": text}, session=True)

    def press_enter(self):
        for kind in ("keyDown", "keyUp"):
            self.call("Input.dispatchKeyEvent", {"type": kind, "key": "Enter", "code": "Enter", "windowsVirtualKeyCode": 13,
                                                 "nativeVirtualKeyCode": 13, **({"text": "\r"} if kind == "keyDown" else {})}, session=True)

    def click(self, selector):
        node = self.node(selector)
        self.call("DOM.scrollIntoViewIfNeeded", {"nodeId": node}, session=True)
        quad = self.call("DOM.getBoxModel", {"nodeId": node}, session=True)["model"]["content"]
        x, y = (quad[0] + quad[4]) / 2, (quad[1] + quad[5]) / 2
        for kind in ("mousePressed", "mouseReleased"):
            self.call("Input.dispatchMouseEvent", {"type": kind, "x": x, "y": y, "button": "left", "clickCount": 1}, session=True)

    def screenshot(self, path, full=True):
        params = {"format": "png"}
        if full:
            size = self.call("Page.getLayoutMetrics", session=True)["cssContentSize"]
            params.update({"captureBeyondViewport": True,
                           "clip": {"x": 0, "y": 0, "width": size["width"], "height": min(size["height"], 4000), "scale": 1}})
        data = self.call("Page.captureScreenshot", params, session=True)["data"]
        with open(path, "wb") as handle:
            handle.write(base64.b64decode(data))

    def narrow(self, width, height, mobile=True):
        self.call("Emulation.setDeviceMetricsOverride", {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": mobile}, session=True)

    def choose_files(self, selector, paths):
        """Puts files into an <input type=file>, as choosing them in the file dialog would."""
        self.call("DOM.setFileInputFiles", {"nodeId": self.node(selector), "files": paths}, session=True)

    def close(self):
        try:
            self.call("Browser.close")
        except Exception:
            pass
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        subprocess.run(["rm", "-rf", self.profile], check=False)


def expect(condition, message):
    if not condition:
        raise AssertionError(message)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--url", required=True)
    parser.add_argument("--token", required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--chromium", default="chromium")
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)
    promotion = seed(Api(args.url, args.token))
    shots, steps = [], []
    browser = Browser(args.chromium)

    def shot(name):
        path = os.path.join(args.out, name)
        browser.screenshot(path)
        shots.append(path)

    try:
        browser.goto(args.url + "/ui/catalog")
        expect("/ui/sign-in" in browser.url(), "an anonymous visit goes to the sign-in page")
        shot("01-sign-in.png")
        browser.type_into("#username", "ada")
        browser.type_into("#password", "ada-approves-models")
        browser.wait_for_load(browser.press_enter)
        expect(browser.url().endswith("/ui/catalog"), f"signed in and sent to the catalog, not {browser.url()}")
        expect(">ada<" in browser.html(), "the header names the signed-in user")
        steps.append("sign-in")

        browser.type_into("#q", "fraud")
        browser.wait_for_load(browser.press_enter)
        page = browser.html()
        expect('href="/ui/models/fraud-detector"' in page and "churn-predictor" not in page, "the search finds fraud models only")
        shot("02-catalog-search.png")
        steps.append("search")

        browser.wait_for_load(lambda: browser.click('a[href="/ui/models/fraud-detector"]'))
        page = browser.html()
        expect("<h1>fraud-detector</h1>" in page and "Model card" in page and "@prod" in page, "the model page shows card and aliases")
        shot("03-model.png")
        steps.append("open-model")

        browser.wait_for_load(lambda: browser.click("form.inline button[type=submit]"))
        page = browser.html()
        expect("compared with" in page and "max_depth" in page, "the comparison shows the changed parameter")
        shot("04-compare.png")
        steps.append("compare")

        browser.goto(args.url + "/ui/promotions")
        browser.wait_for_load(lambda: browser.click(f'a[href="/ui/promotions/{promotion}"]'))
        expect('id="approve"' in browser.html(), "the open request offers approval")
        browser.type_into("#approve-comment", "Checked the evidence; approving.")
        shot("05-promotion.png")
        browser.wait_for_load(lambda: browser.click("#approve"))
        page = browser.html()
        expect('<dd id="promotion-state">completed</dd>' in page, "the request completed after the approval")
        shot("06-approved.png")
        steps.append("approve")

        browser.goto(args.url + "/ui/audit")
        expect("Signed tree head valid" in browser.html(), "the audit page shows a valid signed head")
        shot("07-audit.png")
        browser.narrow(390, 844)
        browser.goto(args.url + "/ui/models/fraud-detector")
        shot("08-model-narrow.png")
        steps.append("audit-and-narrow")

        # The README's walkthrough from the browser, as a maintainer.
        browser.narrow(1280, 900, mobile=False)
        browser.wait_for_load(lambda: browser.click(".signout button"))
        expect("/ui/sign-in" in browser.url(), "signing out goes back to the sign-in page")
        browser.type_into("#username", "mia")
        browser.type_into("#password", "mia-maintains-models")
        browser.wait_for_load(browser.press_enter)
        browser.wait_for_load(lambda: browser.click("#new-model"))
        browser.type_into("#m-name", "sentiment-scorer")
        browser.type_into("#m-description", "Scores support tickets by customer sentiment.")
        browser.type_into("#m-task", "classification")
        browser.type_into("#m-framework", "pytorch")
        browser.type_into("#m-tags", "team=support")
        shot("09-new-model.png")
        browser.wait_for_load(lambda: browser.click("#create-model"))
        page = browser.html()
        expect("<h1>sentiment-scorer</h1>" in page and 'id="create-version"' in page, "the new model's page offers a first version")
        browser.type_into("#v-description", "First fine-tune on 2026 tickets")
        browser.type_into("#v-metrics", "auc=0.88")
        browser.type_into("#v-params", "learning_rate=0.0003")
        browser.type_into("#v-source", "runs:/demo")
        browser.wait_for_load(lambda: browser.click("#create-version"))
        expect(browser.url().split("?")[0].endswith("/ui/models/sentiment-scorer/versions/1"), f"the version's page, not {browser.url()}")
        files = tempfile.mkdtemp(prefix="steward-upload-")
        weights = os.path.join(files, "weights.json")
        with open(weights, "w") as handle:
            handle.write('{"weights": [1, 2, 3]}\n')
        browser.type_into("#upload-prefix", "model")
        browser.choose_files("#upload-files", [weights])
        shot("10-upload.png")
        browser.wait_for_load(lambda: browser.click("#upload"))
        page = browser.html()
        expect("Uploaded model/weights.json." in page and "model/weights.json</a>" in page, "the uploaded file is listed with its download link")
        browser.wait_for_load(lambda: browser.click("#finalize"))
        page = browser.html()
        expect("<dd>ready</dd>" in page and 'id="upload"' not in page, "the finalized version is ready and takes no more files")
        shot("11-finalized.png")
        browser.goto(args.url + "/ui/models/sentiment-scorer")
        browser.type_into("#alias-name", "production")
        browser.wait_for_load(lambda: browser.click("#set-alias"))
        page = browser.html()
        expect("@production → v1" in page and "set: – → v1" in page, "the alias points at v1 and its history shows the set")
        shot("12-alias.png")
        subprocess.run(["rm", "-rf", files], check=False)
        steps.append("register-upload-finalize-alias")
    except Exception as error:
        try:
            shot("failure.png")
            with open(os.path.join(args.out, "failure.html"), "w") as handle:
                handle.write(browser.html())
        except Exception:
            pass
        print(json.dumps({"ok": False, "steps": steps, "error": str(error), "screenshots": shots}))
        browser.close()
        return 1
    browser.close()
    print(json.dumps({"ok": True, "steps": steps, "screenshots": shots}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
