"""Lineage and taint across doors: a run logged with the stock mlflow client (`log_input`) is traced
through the native lineage API, and a taint flagged natively blocks aliases set through MLflow."""
import numpy as np
import pandas as pd
import pytest
import requests
from sklearn.linear_model import LogisticRegression

import mlflow
from mlflow import MlflowClient
from mlflow.exceptions import MlflowException

X = np.array([[0.0, 1.0], [1.0, 0.0], [2.0, 1.0], [3.0, 0.0], [4.0, 1.0], [5.0, 0.0]])
Y = np.array([0, 0, 0, 1, 1, 1])


def test_mlflow_input_is_traced_and_taint_blocks_mlflow_aliases(server, unique):
    headers = {"Authorization": f"Bearer {server.token}"}
    api = f"{server.url}/api/v1"
    model_name, data_name = f"churn-{unique}", f"customers-{unique}"
    frame = pd.DataFrame({"x1": X[:, 0], "x2": X[:, 1], "y": Y})
    dataset = mlflow.data.from_pandas(frame, name=data_name, targets="y")

    mlflow.set_experiment(f"lineage-{unique}")
    with mlflow.start_run() as run:
        mlflow.log_input(dataset, context="training")
        mlflow.log_param("C", 1.0)
        mlflow.sklearn.log_model(LogisticRegression(C=1.0).fit(X, Y), name="model")
    version = mlflow.register_model(f"runs:/{run.info.run_id}/model", model_name)
    # Logging the same data again (another run) finds the same registered dataset version.
    with mlflow.start_run():
        mlflow.log_input(dataset, context="evaluation")

    upstream = requests.get(f"{api}/models/{model_name}/versions/{version.version}/lineage", headers=headers, timeout=30)
    assert upstream.status_code == 200, upstream.text
    body = upstream.json()
    assert [r["run_id"] for r in body["runs"]] == [run.info.run_id]
    assert len(body["inputs"]) == 1 and body["inputs"][0]["context"] == "training"
    data_version = body["inputs"][0]["dataset_version"]
    assert data_version["dataset"] == data_name and data_version["digest"] == "mlflow:" + dataset.digest
    assert data_version["row_count"] == len(frame)
    versions = requests.get(f"{api}/datasets/{data_name}/versions", headers=headers, timeout=30).json()["versions"]
    assert [v["version"] for v in versions] == [data_version["version"]]

    downstream = requests.get(f"{api}/datasets/{data_name}/versions/{data_version['version']}/lineage", headers=headers, timeout=30).json()
    assert [(v["model"], str(v["version"])) for v in downstream["model_versions"]] == [(model_name, version.version)]
    assert len(downstream["runs"]) == 2

    client = MlflowClient()
    client.set_registered_model_alias(model_name, "champion", version.version)

    flagged = requests.put(f"{api}/datasets/{data_name}/versions/{data_version['version']}/taint", headers=headers, timeout=30,
                           json={"reason": "personal_data", "comment": "holds e-mail addresses"})
    assert flagged.status_code == 200, flagged.text
    assert flagged.json()["affected_versions"] == [{"model": model_name, "version": int(version.version)}]

    with pytest.raises(MlflowException) as refused:
        client.set_registered_model_alias(model_name, "challenger", version.version)
    assert "tainted" in str(refused.value)
    with pytest.raises(MlflowException):
        client.transition_model_version_stage(model_name, version.version, "Production")
    # The MLflow door shows the taint rather than hiding it.
    shown = client.get_model_version(model_name, version.version)
    assert shown.tags.get("steward.tainted") == "true" and data_name in shown.tags.get("steward.taint", "")
    native = requests.get(f"{api}/models/{model_name}/versions/{version.version}", headers=headers, timeout=30).json()
    assert native["tainted"] is True and native["taints"][0]["reason"] == "personal_data"

    cleared = requests.delete(f"{api}/datasets/{data_name}/versions/{data_version['version']}/taint", headers=headers, timeout=30)
    assert cleared.status_code == 200, cleared.text
    client.set_registered_model_alias(model_name, "challenger", version.version)
    assert client.get_model_version_by_alias(model_name, "challenger").version == version.version
