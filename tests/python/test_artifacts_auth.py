"""Artifact logging and downloads through the proxy, and authentication."""
import json
import os

import pytest
import requests

import mlflow
from mlflow import MlflowClient
from mlflow.exceptions import MlflowException


def test_log_and_download_artifacts(server, unique, tmp_path):
    mlflow.set_experiment(f"artifacts-{unique}")
    source = tmp_path / "plots"
    (source / "nested").mkdir(parents=True)
    (source / "a.bin").write_bytes(bytes(range(256)) * 1000)
    (source / "nested" / "b.txt").write_text("deep")
    with mlflow.start_run() as run:
        mlflow.log_dict({"auc": 0.9}, "reports/metrics.json")
        mlflow.log_text("hello", "notes.txt")
        mlflow.log_artifacts(str(source), "plots")
    client = MlflowClient()
    listing = {f.path: f for f in client.list_artifacts(run.info.run_id)}
    assert set(listing) == {"notes.txt", "plots", "reports"}
    assert listing["plots"].is_dir and listing["notes.txt"].file_size == 5
    assert [f.path for f in client.list_artifacts(run.info.run_id, "plots")] == ["plots/a.bin", "plots/nested"]
    assert client.list_artifacts(run.info.run_id, "missing") == []

    path = mlflow.artifacts.download_artifacts(run_id=run.info.run_id, artifact_path="reports/metrics.json", dst_path=str(tmp_path / "one"))
    assert json.load(open(path)) == {"auc": 0.9}
    assert mlflow.artifacts.load_text(f"runs:/{run.info.run_id}/notes.txt") == "hello"
    directory = mlflow.artifacts.download_artifacts(run_id=run.info.run_id, artifact_path="plots", dst_path=str(tmp_path / "all"))
    assert open(os.path.join(directory, "a.bin"), "rb").read() == bytes(range(256)) * 1000
    assert open(os.path.join(directory, "nested", "b.txt")).read() == "deep"

    headers = {"Authorization": f"Bearer {server.token}"}
    bad = requests.get(f"{server.url}/api/2.0/mlflow-artifacts/artifacts/0/../../etc/passwd", headers=headers, timeout=10)
    assert bad.status_code in (400, 404)
    bad = requests.get(f"{server.url}/api/2.0/mlflow-artifacts/artifacts", params={"path": "0/../x"}, headers=headers, timeout=10)
    assert bad.status_code == 400 and bad.json()["error_code"] == "INVALID_PARAMETER_VALUE"
    missing = requests.get(f"{server.url}/api/2.0/mlflow-artifacts/artifacts/0/nothing/here", headers=headers, timeout=10)
    assert missing.status_code == 404 and missing.json()["error_code"] == "RESOURCE_DOES_NOT_EXIST"


def test_authentication(server, unique, monkeypatch):
    # Username and password (the password is a Steward token); Basic wins over a wrong bearer token.
    monkeypatch.setenv("MLFLOW_TRACKING_TOKEN", "wrong")
    monkeypatch.setenv("MLFLOW_TRACKING_USERNAME", "alice")
    monkeypatch.setenv("MLFLOW_TRACKING_PASSWORD", server.token)
    client = MlflowClient()
    experiment_id = client.create_experiment(f"basic-{unique}")
    assert client.get_experiment(experiment_id).name == f"basic-{unique}"

    monkeypatch.setenv("MLFLOW_TRACKING_PASSWORD", "not-a-token")
    with pytest.raises(MlflowException) as error:
        client.get_experiment(experiment_id)
    assert error.value.error_code == "UNAUTHENTICATED"

    monkeypatch.delenv("MLFLOW_TRACKING_USERNAME")
    monkeypatch.delenv("MLFLOW_TRACKING_PASSWORD")
    with pytest.raises(MlflowException) as error:
        client.get_experiment(experiment_id)
    assert error.value.error_code == "UNAUTHENTICATED"
    monkeypatch.setenv("MLFLOW_TRACKING_TOKEN", server.token)
    assert client.get_experiment(experiment_id).experiment_id == experiment_id

    anonymous = requests.get(f"{server.url}/api/2.0/mlflow/experiments/get", params={"experiment_id": "0"}, timeout=10)
    assert anonymous.status_code == 401 and anonymous.json()["error_code"] == "UNAUTHENTICATED"
    assert requests.get(f"{server.url}/health", timeout=10).text == "OK"


def test_large_artifact_goes_up_in_parts(server, unique, tmp_path, monkeypatch):
    # server-info advertises multipart uploads; the client uses them from this size on (500 MiB by
    # default, lowered here), sending parts in parallel to the URLs the server hands out.
    monkeypatch.setenv("MLFLOW_MULTIPART_UPLOAD_MINIMUM_FILE_SIZE", str(1024 * 1024))
    monkeypatch.setenv("MLFLOW_MULTIPART_UPLOAD_CHUNK_SIZE", str(256 * 1024))
    monkeypatch.delenv("MLFLOW_ENABLE_PROXY_MULTIPART_UPLOAD", raising=False)
    payload = os.urandom(5 * 256 * 1024 - 1000)  # five parts, the last one short
    (tmp_path / f"weights-{unique}.bin").write_bytes(payload)
    (tmp_path / "small.txt").write_text("plain put")
    mlflow.set_experiment(f"multipart-{unique}")
    with mlflow.start_run() as run:
        mlflow.log_artifact(str(tmp_path / f"weights-{unique}.bin"), "model")
        mlflow.log_artifact(str(tmp_path / "small.txt"), "model")
    local = mlflow.artifacts.download_artifacts(run_id=run.info.run_id, artifact_path="model", dst_path=str(tmp_path / "down"))
    assert open(os.path.join(local, f"weights-{unique}.bin"), "rb").read() == payload
    assert open(os.path.join(local, "small.txt")).read() == "plain put"

    # The audit trail shows the upload went in five parts (and the small file in one plain PUT).
    headers = {"Authorization": f"Bearer {server.token}"}
    entries = requests.get(f"{server.url}/api/v1/audit/entries", params={"limit": 100}, headers=headers, timeout=10).json()["entries"]
    mine = [e["entry"] for e in entries if f"weights-{unique}.bin" in json.dumps(e["entry"].get("target", {}))]
    actions = sorted(e["action"] for e in mine)
    assert actions.count("artifact.upload_part") == 5, actions
    assert "artifact.upload_start" in actions and "artifact.upload" in actions, actions
