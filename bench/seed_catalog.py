#!/usr/bin/env python3
"""Bulk-loads a synthetic catalog straight into a migrated Steward SQLite database (issue 8).

    seed_catalog.py --sqlite PATH [--models 100000] [--seed 42]

Writes what the API would have written for `--models` models (migrations 1 and 10): the model rows
with their catalog columns (source, license, lifecycle, card completeness), their tags, and their
search documents in `catalog_documents` (the FTS5 triggers index them). Models get a task, framework,
owning team, license and source from small vocabularies, and 2% are restricted.

Text is topical, as in a real catalog: each model belongs to one of 20 subject families (fraud,
churn, credit, …, ten inflected forms each, which the Porter stemmer folds together) that give its
name and a quarter of its description and card words; one model in ten also mentions another
family; the other words come from a 5,000-word general vocabulary with a Zipf distribution (its
most common word, "model", is in nearly every document). A subject word therefore matches about 5%
of the catalog. (The first version drew every word uniformly from the 200 subject words, so one
query word matched up to 84% of all models: `--uniform` keeps that corpus for comparison.) Alert rules watch every 20th model and every 100th has
an open alert, so all three health values occur. The server must be stopped while this runs.
"""
import argparse
import json
import random
import sqlite3
import time
import uuid

TASKS = ["classification", "regression", "ranking", "forecasting", "generation", "embedding", "detection", "segmentation"]
FRAMEWORKS = ["pytorch", "sklearn", "xgboost", "tensorflow", "lightgbm", "transformers"]
LICENSES = ["Apache-2.0", "MIT", "proprietary", "llama3", "CC-BY-4.0"]
LIFECYCLES = ["active"] * 6 + ["draft", "deprecated", "retired"]
WORDS = [f"{stem}{suffix}" for stem in ["fraud", "churn", "credit", "risk", "sales", "demand", "price", "image", "text", "speech",
                                       "ranking", "search", "ads", "click", "claims", "loan", "supply", "energy", "traffic", "health"]
         for suffix in ["", "s", "er", "ing", "ed", "ness", "ity", "al", "ive", "ly"]]
CARD_FIELDS = ["summary", "intended_use", "out_of_scope_use", "limitations", "training_data", "evaluation_data",
               "evaluation_results", "ethical_considerations", "caveats", "license", "contact"]


FAMILIES = [[word for word in WORDS if word.startswith(stem) and word[len(stem):] in
             ["", "s", "er", "ing", "ed", "ness", "ity", "al", "ive", "ly"]][:10] for stem in
            ["fraud", "churn", "credit", "risk", "sales", "demand", "price", "image", "text", "speech",
             "ranking", "search", "ads", "click", "claims", "loan", "supply", "energy", "traffic", "health"]]
GENERAL = ["model"] + [f"g{n}" for n in range(1, 5000)]
GENERAL_WEIGHTS = [1 / (rank + 1) ** 1.07 for rank in range(len(GENERAL))]


def text(rng, count):
    return " ".join(rng.choice(WORDS) for _ in range(count))


def topical(rng, count, family, other):
    """`count` words: a quarter from the model's family, one from another family if it mentions one, the rest general."""
    words = [rng.choice(family) for _ in range(max(1, count // 4))]
    if other is not None:
        words.append(rng.choice(other))
    words += rng.choices(GENERAL, weights=GENERAL_WEIGHTS, k=count - len(words))
    rng.shuffle(words)
    return " ".join(words)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--sqlite", required=True)
    parser.add_argument("--models", type=int, default=100_000)
    parser.add_argument("--teams", type=int, default=50)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--uniform", action="store_true", help="the first corpus: every word uniform over the 200 subject words")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    db = sqlite3.connect(args.sqlite, isolation_level=None)
    db.execute("PRAGMA synchronous = OFF")
    db.execute("BEGIN")
    now = int(time.time() * 1000)
    for t in range(args.teams):
        db.execute("INSERT INTO teams (id, name, description, created_at) VALUES (?, ?, '', ?)", (f"team-id-{t}", f"team-{t}", now))
    for i in range(args.models):
        model = str(uuid.UUID(int=rng.getrandbits(128), version=4))
        task, framework, owner = TASKS[i % len(TASKS)], FRAMEWORKS[(i // 3) % len(FRAMEWORKS)], f"team-{i % args.teams}"
        third_party = i % 10 == 0
        license = LICENSES[(i // 7) % len(LICENSES)]
        filled = rng.sample(CARD_FIELDS, rng.randint(0, len(CARD_FIELDS)))
        family = FAMILIES[rng.randrange(len(FAMILIES))]
        other = FAMILIES[rng.randrange(len(FAMILIES))] if rng.random() < 0.1 else None
        def words(count):
            return text(rng, count) if args.uniform else topical(rng, count, family, other)
        card = {field: words(8) for field in filled}
        if "license" in card:
            card["license"] = license
        tags = {"domain": f"domain-{i % 20}", "tier": str(i % 3)}
        name = f"{rng.choice(WORDS if args.uniform else family)}-model-{i}"
        description = words(12)
        db.execute("""INSERT INTO models (id, name, description, owner, task, framework, card, tags, visibility, last_version, created_by,
                      created_at, updated_at, revision, source_kind, provider, source_url, source_revision, source_license, terms, license,
                      lifecycle, card_completeness) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 'bench', ?, ?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                   (model, name, description, owner, task, framework, json.dumps(card, sort_keys=True), json.dumps(tags, sort_keys=True),
                    "restricted" if i % 50 == 0 else "internal", now - i * 1000, now - i * 1000,
                    "third_party" if third_party else "internal", "acme" if third_party else None,
                    f"https://hub.example/m/{i}" if third_party else None, "v1" if third_party else None,
                    license if third_party else None, None, license if third_party or "license" in card else None,
                    LIFECYCLES[i % len(LIFECYCLES)], round(len(filled) / len(CARD_FIELDS), 2)))
        for key, value in tags.items():
            db.execute("INSERT INTO model_tags VALUES (?, ?, ?)", (model, key, value))
        keywords = " ".join([task, framework, owner] + (["acme"] if third_party else []) + [p for kv in sorted(tags.items()) for p in kv])
        db.execute("INSERT INTO catalog_documents (model_id, name, keywords, description, card) VALUES (?, ?, ?, ?, ?)",
                   (model, name, keywords, description, "\n".join(card.values())))
        if i % 20 == 0:
            rule = str(uuid.uuid4())
            db.execute("""INSERT INTO alert_rules (id, model_id, name, metric, feature, versions, condition, threshold, windows, clear_windows,
                          cool_down_seconds, severity, enabled, trigger_url, trigger_secret, description, created_by, created_at, updated_at)
                          VALUES (?, ?, 'drift', 'drift_score', NULL, '[]', 'above', 0.2, 1, 1, 0, 'warning', 1, NULL, NULL, '', 'bench', ?, ?)""",
                       (rule, model, now, now))
            if i % 100 == 0:
                db.execute("""INSERT INTO alerts (id, rule_id, rule_name, model_id, version, feature, metric, condition, threshold, reference,
                              severity, state, opened_at, closed_at, opening_windows, closing_windows, last_window_start, acknowledged_by,
                              acknowledged_at, triggered) VALUES (?, ?, 'drift', ?, 1, '', 'drift_score', 'above', 0.2, NULL, 'warning', 'open',
                              ?, NULL, '[]', '[]', ?, NULL, NULL, 0)""", (str(uuid.uuid4()), rule, model, now, now))
    db.execute("COMMIT")
    db.close()


if __name__ == "__main__":
    main()
