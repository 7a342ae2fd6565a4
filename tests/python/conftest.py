"""Starts a real `steward serve` (SQLite, and PostgreSQL when STEWARD_TEST_POSTGRES_URL is set) and
points the stock mlflow client at it. Every test runs once per database."""
import os
import socket
import subprocess
import tempfile
import time
import urllib.parse
import urllib.request
import uuid

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BINARY = os.path.join(ROOT, ".build", "debug", "steward")

# Fail fast instead of retrying for minutes: a server bug shows up as a failure, not a hang.
os.environ["MLFLOW_HTTP_REQUEST_MAX_RETRIES"] = "0"
os.environ["MLFLOW_HTTP_REQUEST_TIMEOUT"] = "60"
os.environ["MLFLOW_DISABLE_TELEMETRY"] = "true"
os.environ.pop("MLFLOW_TRACKING_USERNAME", None)
os.environ.pop("MLFLOW_TRACKING_PASSWORD", None)


def _databases():
    url = os.environ.get("STEWARD_TEST_POSTGRES_URL", "")
    if url or os.environ.get("STEWARD_TEST_REQUIRE_POSTGRES") == "1":
        return ["sqlite", "postgres"]
    return ["sqlite"]


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _create_postgres_database():
    base = os.environ.get("STEWARD_TEST_POSTGRES_URL", "")
    if not base:
        raise RuntimeError("STEWARD_TEST_REQUIRE_POSTGRES is set but STEWARD_TEST_POSTGRES_URL is not")
    name = "steward_py_" + uuid.uuid4().hex[:16]
    subprocess.run(["psql", base, "-v", "ON_ERROR_STOP=1", "-q", "-c", f"CREATE DATABASE {name}"], check=True)
    parts = urllib.parse.urlsplit(base)
    return name, urllib.parse.urlunsplit(parts._replace(path="/" + name))


class Server:
    def __init__(self, database):
        self.database = database
        self.directory = tempfile.mkdtemp(prefix="steward-pytest-")
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.pg_name = None
        args = [BINARY, "serve", "--port", str(self.port), "--data-dir", self.directory + "/data", "--log-level", "warning"]
        if database == "postgres":
            self.pg_name, url = _create_postgres_database()
            args += ["--database", url]
        self.log = open(self.directory + "/server.log", "w")
        self.process = subprocess.Popen(args, stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.time() + 30
        while True:
            if self.process.poll() is not None:
                raise RuntimeError("steward serve exited early:\n" + open(self.directory + "/server.log").read())
            try:
                urllib.request.urlopen(self.url + "/healthz", timeout=2)
                break
            except OSError:
                if time.time() > deadline:
                    raise
                time.sleep(0.1)
        with open(self.directory + "/data/admin-token") as f:
            self.token = f.read().strip()

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.log.close()
        if self.pg_name:
            base = os.environ["STEWARD_TEST_POSTGRES_URL"]
            subprocess.run(["psql", base, "-q", "-c", f"DROP DATABASE IF EXISTS {self.pg_name} WITH (FORCE)"], check=False)


@pytest.fixture(scope="session", params=_databases())
def server(request):
    import mlflow

    srv = Server(request.param)
    os.environ["MLFLOW_TRACKING_URI"] = srv.url
    os.environ["MLFLOW_TRACKING_TOKEN"] = srv.token
    mlflow.set_tracking_uri(srv.url)
    yield srv
    srv.stop()


@pytest.fixture(autouse=True)
def _tracking(server, monkeypatch):
    """Each test starts with the server's token as MLFLOW_TRACKING_TOKEN and no active run."""
    import mlflow

    monkeypatch.setenv("MLFLOW_TRACKING_TOKEN", server.token)
    monkeypatch.delenv("MLFLOW_TRACKING_USERNAME", raising=False)
    monkeypatch.delenv("MLFLOW_TRACKING_PASSWORD", raising=False)
    mlflow.set_tracking_uri(server.url)
    yield
    while mlflow.active_run():
        mlflow.end_run()


@pytest.fixture
def unique():
    """A short unique suffix for names (tests share one server per database)."""
    return uuid.uuid4().hex[:8]
