"""Experiments, runs, params, stepped metrics, datasets and searches through the stock client."""
import numpy as np
import pytest

import mlflow
from mlflow import MlflowClient
from mlflow.exceptions import MlflowException


def test_experiment_with_several_runs(server, unique):
    name = f"churn-{unique}"
    experiment = mlflow.set_experiment(name)
    mlflow.set_experiment_tag("owner", "risk")
    assert mlflow.get_experiment_by_name(name).tags["owner"] == "risk"
    assert mlflow.get_experiment_by_name(f"missing-{unique}") is None
    assert experiment.artifact_location == f"mlflow-artifacts:/{experiment.experiment_id}"

    run_ids = []
    for index, c in enumerate([0.1, 0.5, 1.0]):
        with mlflow.start_run() as run:
            mlflow.log_params({"C": c, "solver": "lbfgs"})
            mlflow.log_param("index", index)
            for step in range(5):
                mlflow.log_metric("loss", 1.0 / (step + 1 + index), step=step)
            mlflow.log_metrics({"accuracy": 0.5 + 0.1 * index})
            mlflow.set_tags({"team": "fraud", "index": str(index)})
            mlflow.set_tag("stage", "dev")
            dataset = mlflow.data.from_numpy(np.arange(10.0).reshape(5, 2), name="train", targets=np.arange(5))
            mlflow.log_input(dataset, context="training")
            run_ids.append(run.info.run_id)

    client = MlflowClient()
    run = client.get_run(run_ids[0])
    assert run.info.status == "FINISHED" and run.info.end_time
    assert run.info.run_name and run.data.tags["mlflow.runName"] == run.info.run_name
    assert run.data.params == {"C": "0.1", "solver": "lbfgs", "index": "0"}
    assert run.data.metrics["loss"] == pytest.approx(0.2)
    assert run.data.tags["team"] == "fraud"
    assert run.inputs.dataset_inputs[0].dataset.name == "train"
    assert run.inputs.dataset_inputs[0].tags[0].value == "training"
    assert run.info.artifact_uri == f"mlflow-artifacts:/{experiment.experiment_id}/{run.info.run_id}/artifacts"

    history = client.get_metric_history(run_ids[0], "loss")
    assert [m.step for m in history] == [0, 1, 2, 3, 4]
    assert [m.value for m in history] == pytest.approx([1.0, 0.5, 1 / 3, 0.25, 0.2])

    client.delete_tag(run_ids[0], "stage")
    assert "stage" not in client.get_run(run_ids[0]).data.tags

    found = mlflow.search_runs([experiment.experiment_id], "metrics.accuracy > 0.65 AND params.C = '1.0'", output_format="list")
    assert [r.info.run_id for r in found] == [run_ids[2]]
    ordered = client.search_runs([experiment.experiment_id], order_by=["metrics.accuracy DESC"])
    assert [r.info.run_id for r in ordered] == run_ids[::-1]
    assert len(client.search_runs([experiment.experiment_id], "tags.index = '1'")) == 1
    assert len(client.search_runs([experiment.experiment_id], "attributes.status = 'FINISHED'")) == 3

    first = client.search_runs([experiment.experiment_id], max_results=2, order_by=["attributes.start_time ASC"])
    assert len(first) == 2 and first.token
    rest = client.search_runs([experiment.experiment_id], max_results=2, order_by=["attributes.start_time ASC"], page_token=first.token)
    assert [r.info.run_id for r in list(first) + list(rest)] == run_ids

    client.delete_run(run_ids[2])
    assert client.get_run(run_ids[2]).info.lifecycle_stage == "deleted"
    assert len(client.search_runs([experiment.experiment_id])) == 2
    client.restore_run(run_ids[2])
    assert len(client.search_runs([experiment.experiment_id])) == 3


def test_named_run_default_experiment_and_lifecycle(server, unique):
    client = MlflowClient()
    default = client.get_experiment("0")
    assert default.name == "Default"
    run = client.create_run("0", run_name=f"named-{unique}")
    assert run.info.run_name == f"named-{unique}"
    client.set_terminated(run.info.run_id, status="KILLED")
    assert client.get_run(run.info.run_id).info.status == "KILLED"

    experiment_id = client.create_experiment(f"lifecycle-{unique}", tags={"a": "b"})
    client.rename_experiment(experiment_id, f"renamed-{unique}")
    assert client.get_experiment(experiment_id).name == f"renamed-{unique}"
    client.delete_experiment(experiment_id)
    assert client.get_experiment(experiment_id).lifecycle_stage == "deleted"
    client.restore_experiment(experiment_id)
    found = client.search_experiments(filter_string=f"name = 'renamed-{unique}'")
    assert [e.experiment_id for e in found] == [experiment_id]


def test_tracking_errors(server, unique):
    client = MlflowClient()
    client.create_experiment(f"dup-{unique}")
    with pytest.raises(MlflowException) as error:
        client.create_experiment(f"dup-{unique}")
    assert error.value.error_code == "RESOURCE_ALREADY_EXISTS"

    with pytest.raises(MlflowException) as error:
        client.get_run("0" * 32)
    assert error.value.error_code == "RESOURCE_DOES_NOT_EXIST"

    run = client.create_run("0")
    client.log_param(run.info.run_id, "lr", "0.1")
    client.log_param(run.info.run_id, "lr", "0.1")  # same value again is fine
    with pytest.raises(MlflowException) as error:
        client.log_param(run.info.run_id, "lr", "0.2")
    assert error.value.error_code == "INVALID_PARAMETER_VALUE"

    with pytest.raises(MlflowException) as error:
        client.search_runs(["0"], filter_string="metrics.loss >>> 1")
    assert error.value.error_code == "INVALID_PARAMETER_VALUE"
