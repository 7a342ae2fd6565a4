"""Logged models, registration, aliases, stages, searches and model loading through the stock client."""
import hashlib
import os

import numpy as np
import pytest
import requests
from sklearn.linear_model import LogisticRegression

import mlflow
from mlflow import MlflowClient
from mlflow.exceptions import MlflowException

X = np.array([[0.0, 1.0], [1.0, 0.0], [2.0, 1.0], [3.0, 0.0], [4.0, 1.0], [5.0, 0.0]])
Y = np.array([0, 0, 0, 1, 1, 1])


def test_log_register_alias_load_download(server, unique, tmp_path):
    name = f"fraud-{unique}"
    mlflow.set_experiment(f"models-{unique}")
    with mlflow.start_run() as run1:
        mlflow.log_param("C", 1.0)
        first = LogisticRegression(C=1.0).fit(X, Y)
        info = mlflow.sklearn.log_model(first, name="model", registered_model_name=name, input_example=X[:2])
    assert info.registered_model_version == "1"
    assert info.model_uri == f"models:/{info.model_id}"

    client = MlflowClient()
    logged = client.get_logged_model(info.model_id)
    assert logged.status == "READY" and logged.source_run_id == run1.info.run_id
    assert client.get_run(run1.info.run_id).outputs.model_outputs[0].model_id == info.model_id

    with mlflow.start_run() as run2:
        second = LogisticRegression(C=0.01).fit(X, Y)
        mlflow.sklearn.log_model(second, name="model")
    version = mlflow.register_model(f"runs:/{run2.info.run_id}/model", name)
    assert version.version == "2" and version.status == "READY" and version.run_id == run2.info.run_id

    client.set_registered_model_alias(name, "champion", "2")
    assert client.get_model_version_by_alias(name, "champion").version == "2"
    assert client.get_registered_model(name).aliases == {"champion": "2"}
    # Latest versions in a search carry their aliases too (read from the model's alias map).
    [found] = client.search_registered_models(f"name = '{name}'")
    assert found.aliases == {"champion": "2"}
    assert {v.version: v.aliases for v in found.latest_versions} == {"2": ["champion"]}

    by_alias = mlflow.pyfunc.load_model(f"models:/{name}@champion")
    assert list(by_alias.predict(X)) == list(second.predict(X))
    by_number = mlflow.sklearn.load_model(f"models:/{name}/1")
    assert list(by_number.predict(X)) == list(first.predict(X))
    by_id = mlflow.pyfunc.load_model(info.model_uri)
    assert list(by_id.predict(X)) == list(first.predict(X))

    # The same version through the native API: sealed, and byte for byte what MLflow downloads.
    local = mlflow.artifacts.download_artifacts(f"models:/{name}/1", dst_path=str(tmp_path / "mlflow"))
    headers = {"Authorization": f"Bearer {server.token}"}
    native = requests.get(f"{server.url}/api/v1/models/{name}/versions/1", headers=headers, timeout=30).json()
    assert native["status"] == "ready" and native["manifest_digest"]
    files = {f["path"]: f for f in native["files"]}
    assert "MLmodel" in files
    for path, entry in files.items():
        body = requests.get(f"{server.url}/api/v1/models/{name}/versions/1/files/{path}", headers=headers, timeout=30).content
        with open(os.path.join(local, path), "rb") as f:
            assert body == f.read(), path
        assert hashlib.sha256(body).hexdigest() == entry["sha256"]

    client.delete_registered_model_alias(name, "champion")
    with pytest.raises(MlflowException) as error:
        client.get_model_version_by_alias(name, "champion")
    assert error.value.error_code == "INVALID_PARAMETER_VALUE"


def _register(client, name, count, tmp_path):
    """Registers `count` versions of `name` from small artifact directories (no sklearn needed)."""
    client.create_registered_model(name)
    with mlflow.start_run() as run:
        for index in range(count):
            directory = tmp_path / f"v{index}"
            directory.mkdir()
            (directory / "weights.txt").write_text(f"weights {index}")
            mlflow.log_artifacts(str(directory), f"model{index}")
            client.create_model_version(name, f"runs:/{run.info.run_id}/model{index}", run_id=run.info.run_id)
    return run.info.run_id


def test_tags_descriptions_stages_and_searches(server, unique, tmp_path):
    client = MlflowClient()
    name = f"search-{unique}"
    mlflow.set_experiment(f"search-{unique}")
    run_id = _register(client, name, 3, tmp_path)

    client.update_registered_model(name, description="Scores transactions")
    client.set_registered_model_tag(name, "team", "fraud-ml")
    client.set_registered_model_tag(name, "temp", "x")
    client.delete_registered_model_tag(name, "temp")
    client.update_model_version(name, "1", description="baseline")
    client.set_model_version_tag(name, "1", "validation_status", "approved")
    client.set_model_version_tag(name, "1", "temp", "x")
    client.delete_model_version_tag(name, "1", "temp")
    model = client.get_registered_model(name)
    assert model.description == "Scores transactions" and model.tags == {"team": "fraud-ml"}
    v1 = client.get_model_version(name, "1")
    assert v1.description == "baseline" and v1.tags == {"validation_status": "approved"}

    assert [m.name for m in client.search_registered_models(f"name LIKE 'search-{unique}%'")] == [name]
    assert [m.name for m in client.search_registered_models(f"name = '{name}' AND tags.team = 'fraud-ml'")] == [name]
    assert client.search_registered_models(f"name = '{name}' AND tags.team = 'other'") == []
    assert [v.version for v in client.search_model_versions(f"name = '{name}'", order_by=["version_number DESC"])] == ["3", "2", "1"]
    assert len(client.search_model_versions(f"run_id = '{run_id}'")) == 3
    assert [v.version for v in client.search_model_versions(f"name = '{name}' AND tags.validation_status = 'approved'")] == ["1"]
    page = client.search_registered_models(max_results=1)
    assert len(page) == 1 and page.token
    assert len(client.search_registered_models(max_results=1, page_token=page.token)) == 1

    client.transition_model_version_stage(name, "1", "Staging")
    client.transition_model_version_stage(name, "2", "production")
    assert [v.version for v in client.get_latest_versions(name, stages=["Staging"])] == ["1"]
    client.transition_model_version_stage(name, "3", "Staging", archive_existing_versions=True)
    assert client.get_model_version(name, "1").current_stage == "Archived"
    latest = {v.current_stage: v.version for v in client.get_latest_versions(name)}
    assert latest == {"Archived": "1", "Production": "2", "Staging": "3"}
    # A model's latest versions (newest per stage) read in one query for a search page and for a get.
    [found] = client.search_registered_models(f"name = '{name}'")
    assert {v.current_stage: v.version for v in found.latest_versions} == latest
    assert {v.current_stage: v.version for v in client.get_registered_model(name).latest_versions} == latest
    loaded = mlflow.artifacts.download_artifacts(f"models:/{name}/Production", dst_path=str(tmp_path / "prod"))
    assert open(os.path.join(loaded, "weights.txt")).read() == "weights 1"
    with pytest.raises(MlflowException) as error:
        client.transition_model_version_stage(name, "1", "Limbo")
    assert error.value.error_code == "INVALID_PARAMETER_VALUE"


def test_rename_delete_and_errors(server, unique, tmp_path):
    client = MlflowClient()
    name = f"old-{unique}"
    mlflow.set_experiment(f"rename-{unique}")
    _register(client, name, 2, tmp_path)
    with pytest.raises(MlflowException) as error:
        client.create_registered_model(name)
    assert error.value.error_code == "RESOURCE_ALREADY_EXISTS"
    with pytest.raises(MlflowException) as error:
        client.get_registered_model(f"missing-{unique}")
    assert error.value.error_code == "RESOURCE_DOES_NOT_EXIST"
    with pytest.raises(MlflowException) as error:
        client.get_model_version(name, "99")
    assert error.value.error_code == "RESOURCE_DOES_NOT_EXIST"

    client.rename_registered_model(name, f"new-{unique}")
    with pytest.raises(MlflowException):
        client.get_registered_model(name)
    assert client.get_model_version(f"new-{unique}", "2").version == "2"

    client.delete_model_version(f"new-{unique}", "2")
    assert [v.version for v in client.search_model_versions(f"name = 'new-{unique}'")] == ["1"]
    version = client.create_model_version(f"new-{unique}", client.get_model_version_download_uri(f"new-{unique}", "1"))
    assert version.version == "3", "version numbers are never reused"
    client.delete_registered_model(f"new-{unique}")
    with pytest.raises(MlflowException) as error:
        client.get_registered_model(f"new-{unique}")
    assert error.value.error_code == "RESOURCE_DOES_NOT_EXIST"
