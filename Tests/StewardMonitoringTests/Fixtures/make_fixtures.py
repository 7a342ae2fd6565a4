#!/usr/bin/env python3
"""Writes the expected values the StewardMonitoring tests compare against (committed JSON).

Run from the repository root with a Python that has numpy, scipy and scikit-learn (the
classification metrics come from sklearn; the regression metrics are computed by hand in numpy):
    .venv-test/bin/python Tests/StewardMonitoringTests/Fixtures/make_fixtures.py

Inputs are either written out (small samples) or described by a "modular" generator that Swift
evaluates with the same IEEE operations: x_i = ((i * mult) % mod) / mod * scale + offset, i = 0..n-1.
That keeps the large asymptotic KS cases out of the JSON while both sides see bit-identical data.
"""
import json
import os

import numpy as np
from scipy import stats
from scipy.spatial import distance

HERE = os.path.dirname(os.path.abspath(__file__))
rng = np.random.default_rng(7)


def modular(n, mult, mod, scale=1.0, offset=0.0):
    spec = {"n": n, "mult": mult, "mod": mod, "scale": scale, "offset": offset}
    values = np.array([((i * mult) % mod) / mod * scale + offset for i in range(n)])
    return spec, values


def rounded(x, digits=4):
    return [round(float(v), digits) for v in x]


def psi(a, b, bins=10, eps=1e-6):
    edges = np.quantile(a, np.linspace(0.0, 1.0, bins + 1))
    edges[0], edges[-1] = -np.inf, np.inf
    p_r = np.clip(np.histogram(a, edges)[0] / a.size, eps, None)
    p_c = np.clip(np.histogram(b, edges)[0] / b.size, eps, None)
    return float(np.sum((p_c - p_r) * np.log(p_c / p_r)))


def numeric_case(name, a, b, spec_a=None, spec_b=None):
    ks = stats.ks_2samp(a, b)  # method='auto', two-sided
    case = {
        "name": name,
        "ks_statistic": float(ks.statistic),
        "ks_pvalue": float(ks.pvalue),
        "wasserstein": float(stats.wasserstein_distance(a, b)),
        "wasserstein_normed": float(stats.wasserstein_distance(a, b) / max(float(np.std(a)), 0.001)),
        "psi10": psi(a, b),
    }
    case["reference"] = {"modular": spec_a} if spec_a else {"values": [float(v) for v in a]}
    case["current"] = {"modular": spec_b} if spec_b else {"values": [float(v) for v in b]}
    return case


def numeric_cases():
    cases = []
    a = np.array(rounded(rng.normal(0, 1, 30)))
    b = np.array(rounded(rng.normal(0.6, 1, 30)))
    cases.append(numeric_case("exact_equal_sizes", a, b))
    a = np.array(rounded(rng.normal(0, 1, 40)))
    b = np.array(rounded(rng.normal(0.3, 1.3, 55)))
    cases.append(numeric_case("exact_unequal_sizes", a, b))
    a = rng.integers(0, 8, 25).astype(float)
    b = rng.integers(1, 9, 35).astype(float)
    cases.append(numeric_case("exact_ties", a, b))
    a = np.array(rounded(rng.lognormal(0, 0.5, 400)))
    b = np.array(rounded(rng.lognormal(0.1, 0.5, 700)))
    cases.append(numeric_case("exact_medium", a, b))
    sa, a = modular(3000, 7919, 3001)
    sb, b = modular(12000, 104729, 12007, 1.0, 0.004)
    cases.append(numeric_case("asymptotic_close", a, b, sa, sb))
    sb, b = modular(12000, 104729, 12007, 1.05, 0.01)
    cases.append(numeric_case("asymptotic_smirnov", a, b, sa, sb))
    sb, b = modular(12000, 104729, 12007, 1.0, 0.3)
    cases.append(numeric_case("asymptotic_far", a, b, sa, sb))
    sa, a = modular(100, 37, 101)
    sb, b = modular(20000, 7919, 20011, 1.0, 0.05)
    cases.append(numeric_case("asymptotic_small_n", a, b, sa, sb))
    sb, b = modular(20000, 7919, 20011, 1.0, 0.25)
    cases.append(numeric_case("asymptotic_small_n_far", a, b, sa, sb))
    sa, a = modular(2003, 1009, 2003)
    sb, b = modular(10007, 7919, 10007, 1.0, 0.003)
    cases.append(numeric_case("asymptotic_durbin", a, b, sa, sb))
    sb, b = modular(10007, 7919, 10007)
    cases.append(numeric_case("asymptotic_ruben_gambino", a, b, sa, sb))
    return cases


def chi_cases():
    tables = [[[30, 10], [20, 25]], [[5, 1], [2, 9]], [[120, 80, 40, 20, 10], [100, 95, 50, 30, 5]],
              [[5000, 3000, 1000, 400, 100, 0], [4000, 3500, 1500, 600, 200, 50]], [[10, 0, 5], [12, 3, 0]]]
    out = []
    for t in tables:
        chi2, p, dof, _ = stats.chi2_contingency(np.array(t))
        out.append({"reference": t[0], "current": t[1], "statistic": float(chi2), "pvalue": float(p), "dof": int(dof)})
    return out


def z_cases():
    out = []
    for h1, n1, h2, n2 in [(30, 100, 45, 100), (300, 1000, 290, 900), (5, 50, 30, 60)]:
        p1, p2 = h1 / n1, h2 / n2
        P = (p1 * n1 + p2 * n2) / (n1 + n2)
        z = (p1 - p2) / np.sqrt(P * (1 - P) * (1.0 / n1 + 1.0 / n2))
        out.append({"ref_hits": h1, "ref_n": n1, "cur_hits": h2, "cur_n": n2, "z": float(z),
                    "pvalue": float(2 * (1 - stats.norm.cdf(abs(z))))})
    return out


def js_cases():
    out = []
    for p, q in [([10, 20, 30], [30, 20, 10]), ([5, 0, 5, 90], [0, 10, 10, 80]), ([1, 1], [1, 1])]:
        p, q = np.array(p, float), np.array(q, float)
        out.append({"p": p.tolist(), "q": q.tolist(), "distance": float(distance.jensenshannon(p, q)),
                    "psi": float(np.sum((np.clip(q / q.sum(), 1e-6, None) - np.clip(p / p.sum(), 1e-6, None))
                                        * np.log(np.clip(q / q.sum(), 1e-6, None) / np.clip(p / p.sum(), 1e-6, None))))})
    return out


def special_cases():
    out = []
    for a, x in [(0.5, 0.1), (1.0, 2.0), (2.5, 10.0), (10.0, 3.0), (4.5, 80.0), (50.0, 45.0)]:
        from scipy import special
        out.append({"a": a, "x": x, "q": float(special.gammaincc(a, x))})
    kstwo = []
    for n, d in [(10, 0.2), (100, 0.08), (200, 0.004), (10, 0.05), (10, 0.3), (10, 0.7), (50, 0.2), (100, 0.15), (141, 0.1), (1000, 0.01),
                 (1000, 0.05), (5000, 0.004), (20000, 0.02), (90909, 0.0045), (90909, 0.096)]:
        kstwo.append({"n": n, "d": d, "sf": float(stats.kstwo.sf(d, n))})
    return out, kstwo


def quality():
    y = rng.integers(0, 2, 60)
    p1 = np.clip(np.round(0.35 * y + rng.uniform(0, 0.65, 60), 3), 0, 1)
    probs = np.vstack([1 - p1, p1]).T
    pred = (p1 >= 0.5).astype(int)
    yc = rng.integers(0, 3, 45)
    raw = rng.uniform(0, 1, (45, 3)) + np.eye(3)[yc] * 0.8
    pc = np.round(raw / raw.sum(axis=1, keepdims=True), 4)
    pc[:, 2] = np.round(1 - pc[:, 0] - pc[:, 1], 4)
    predc = pc.argmax(axis=1)
    yr = np.round(rng.normal(10, 3, 50), 3)
    pr = np.round(yr + rng.normal(0.2, 1.0, 50), 3)
    out = {"binary": {"labels": [str(v) for v in y], "predictions": [str(v) for v in pred], "p1": p1.tolist()},
           "multiclass": {"labels": [str(v) for v in yc], "predictions": [str(v) for v in predc], "probabilities": pc.tolist()},
           "regression": {"labels": yr.tolist(), "predictions": pr.tolist()}}
    err = pr - yr
    out["regression"]["expected"] = {
        "mean_error": float(err.mean()), "mae": float(np.abs(err).mean()), "rmse": float(np.sqrt((err ** 2).mean())),
        "mape": float(100 * np.mean(np.abs(err / yr))), "r2": float(1 - (err ** 2).sum() / ((yr - yr.mean()) ** 2).sum()),
        "max_error": float(np.abs(err).max())}
    try:
        from sklearn import metrics as m
        out["binary"]["expected"] = {
            "accuracy": m.accuracy_score(y, pred), "precision": m.precision_score(y, pred), "recall": m.recall_score(y, pred),
            "f1": m.f1_score(y, pred), "roc_auc": m.roc_auc_score(y, p1), "log_loss": m.log_loss(y, probs)}
        out["multiclass"]["expected"] = {
            "accuracy": m.accuracy_score(yc, predc), "precision": m.precision_score(yc, predc, average="macro"),
            "recall": m.recall_score(yc, predc, average="macro"), "f1": m.f1_score(yc, predc, average="macro"),
            "roc_auc": m.roc_auc_score(yc, pc, multi_class="ovr", average="macro"), "log_loss": m.log_loss(yc, pc)}
        out["source"] = "sklearn"
    except ImportError:
        raise SystemExit("install scikit-learn to regenerate the quality fixtures")
    for section in ("binary", "multiclass"):
        out[section]["expected"] = {k: float(v) for k, v in out[section]["expected"].items()}
    return out


def main():
    special, kstwo = special_cases()
    statistics = {"numeric": numeric_cases(), "chi2": chi_cases(), "z": z_cases(), "js": js_cases(),
                  "gammaincc": special, "kstwo": kstwo}
    with open(os.path.join(HERE, "statistics.json"), "w") as f:
        json.dump(statistics, f, indent=0)
    with open(os.path.join(HERE, "quality.json"), "w") as f:
        json.dump(quality(), f, indent=0)


if __name__ == "__main__":
    main()


def tables():
    """Small CSV/NDJSON tables for the loader and `steward drift` tests (p-value tests: <= 1000 rows)."""
    import csv
    r = np.random.default_rng(11)
    for name, n, shift in (("drift_ref", 300, False), ("drift_cur", 400, True)):
        x = np.round(r.normal(0.8 if shift else 0.0, 1.0, n), 4)
        y = np.round(r.gamma(2.0, 2.0, n), 4)
        grade = r.choice(["A", "B", "C"], n, p=[0.2, 0.3, 0.5] if shift else [0.5, 0.3, 0.2])
        flag = r.integers(0, 2, n)
        pred = np.round(x * 0.5 + r.normal(0, 0.1, n), 4)
        with open(os.path.join(HERE, name + ".csv"), "w", newline="") as f:
            w = csv.writer(f)
            w.writerow(["x", "y", "grade", "flag", "note", "pred"])
            for i in range(n):
                note = f'row {i}, "quoted"' if i % 7 == 0 else f"free text {i}"
                w.writerow([x[i], y[i], grade[i], flag[i], note, pred[i]])
        with open(os.path.join(HERE, name + ".ndjson"), "w") as f:
            for i in range(n):
                f.write(json.dumps({"x": float(x[i]), "y": float(y[i]), "grade": str(grade[i]), "flag": int(flag[i]),
                                    "note": f"free text {i}", "pred": float(pred[i])}) + "\n")


if __name__ == "__main__":
    tables()
