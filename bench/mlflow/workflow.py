"""One log-train-register-load workflow with the stock client; prints a JSON line with its wall time.

  python workflow.py --url URL [--token T] --name UNIQUE_MODEL_NAME

Timed (after imports): set_experiment, start_run, log_params, log_metrics (10 steps x 3 metrics),
train a LogisticRegression on iris, mlflow.sklearn.log_model(..., registered_model_name=NAME),
end_run, set_registered_model_alias(NAME, "champion", version),
mlflow.pyfunc.load_model("models:/NAME@champion"), predict.
"""
import argparse
import json
import os
import time


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--url", required=True)
    ap.add_argument("--token", default="")
    ap.add_argument("--name", required=True)
    a = ap.parse_args()
    os.environ["MLFLOW_TRACKING_URI"] = a.url
    if a.token:
        os.environ["MLFLOW_TRACKING_TOKEN"] = a.token
    import mlflow
    import numpy as np
    from sklearn.datasets import load_iris
    from sklearn.linear_model import LogisticRegression

    X, y = load_iris(return_X_y=True)
    phases = {}
    t0 = time.perf_counter()
    mlflow.set_tracking_uri(a.url)
    mlflow.set_experiment("bench-workflow")
    with mlflow.start_run():
        mlflow.log_params({"C": 0.5, "max_iter": 300, "solver": "lbfgs"})
        for step in range(10):
            mlflow.log_metrics({"loss": 1.0 / (step + 1), "acc": 0.9 + step / 100, "f1": 0.8 + step / 100}, step=step)
        model = LogisticRegression(C=0.5, max_iter=300).fit(X, y)
        t1 = time.perf_counter()
        info = mlflow.sklearn.log_model(model, name="model", registered_model_name=a.name, input_example=X[:2])
        phases["log_model_s"] = time.perf_counter() - t1
    mlflow.MlflowClient().set_registered_model_alias(a.name, "champion", info.registered_model_version)
    t2 = time.perf_counter()
    loaded = mlflow.pyfunc.load_model(f"models:/{a.name}@champion")
    pred = loaded.predict(X[:5])
    phases["load_model_s"] = time.perf_counter() - t2
    total = time.perf_counter() - t0
    assert np.array_equal(np.asarray(pred), model.predict(X[:5]))
    print("WORKFLOW_JSON " + json.dumps({"seconds": total, **phases}), flush=True)


if __name__ == "__main__":
    main()
