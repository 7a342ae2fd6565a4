"""Protected aliases across doors: the stock mlflow client cannot move or delete a protected alias,
and after a promotion approved through the native API it resolves the promoted version."""
import numpy as np
import pytest
import requests
from sklearn.linear_model import LogisticRegression

import mlflow
from mlflow import MlflowClient
from mlflow.exceptions import MlflowException

X = np.array([[0.0, 1.0], [1.0, 0.0], [2.0, 1.0], [3.0, 0.0], [4.0, 1.0], [5.0, 0.0]])
Y = np.array([0, 0, 0, 1, 1, 1])


def _register(name, c):
    with mlflow.start_run() as run:
        mlflow.log_param("C", c)
        mlflow.sklearn.log_model(LogisticRegression(C=c).fit(X, Y), name="model")
    return mlflow.register_model(f"runs:/{run.info.run_id}/model", name)


def test_protected_alias_refuses_mlflow_and_follows_native_promotion(server, unique):
    admin = {"Authorization": f"Bearer {server.token}"}
    api = f"{server.url}/api/v1"
    name = f"promo-{unique}"
    mlflow.set_experiment(f"promotion-{unique}")
    v1, v2 = _register(name, 1.0), _register(name, 0.5)
    client = MlflowClient()
    client.set_registered_model_alias(name, "production", v1.version)

    protected = requests.put(f"{api}/models/{name}/aliases/production/protection", headers=admin, timeout=30,
                             json={"required_approvals": 1, "approver_roles": ["approver"]})
    assert protected.status_code == 200, protected.text

    with pytest.raises(MlflowException) as refused:
        client.set_registered_model_alias(name, "production", v2.version)
    assert "protected" in str(refused.value)
    with pytest.raises(MlflowException):
        client.delete_registered_model_alias(name, "production")
    assert client.get_model_version_by_alias(name, "production").version == v1.version

    approver = f"approver-{unique}"
    account = requests.post(f"{api}/accounts", headers=admin, timeout=30, json={"name": approver, "roles": ["approver"]})
    assert account.status_code == 201, account.text
    token = requests.post(f"{api}/tokens", headers=admin, timeout=30,
                          json={"name": "review", "account": approver, "scopes": ["read", "write"]}).json()["secret"]

    created = requests.post(f"{api}/models/{name}/promotions", headers=admin, timeout=30,
                            json={"alias": "production", "version": int(v2.version), "comment": "smaller C"})
    assert created.status_code == 201, created.text
    assert created.json()["state"] == "open"
    approved = requests.post(f"{api}/promotions/{created.json()['id']}/approve", timeout=30,
                             headers={"Authorization": f"Bearer {token}"}, json={"comment": "ok"})
    assert approved.status_code == 200, approved.text
    assert approved.json()["state"] == "completed"

    assert client.get_model_version_by_alias(name, "production").version == v2.version
