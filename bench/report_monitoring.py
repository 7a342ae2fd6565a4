"""Sections of `bench/out/results.md` for the monitoring and catalog parts (issues 7 and 8).

Kept apart from report.py so each file stays small; report.py calls `add_sections(lines, load_json)`.
"""


def _verdict(ok):
    return "met" if ok else "**missed**"


def _missing(lines, what):
    lines += [f"_The {what} benchmark was not run (or failed); see the log._", ""]


def sketch_section(lines, load_json):
    data = load_json("sketch.json")
    if not data:
        return _missing(lines, "sketch")
    rate = data["numeric_values_per_second"]
    lines += ["| measurement (one thread, median of runs) | values/s | goal | verdict |", "|---|---:|---:|---|",
              f"| numeric column: moments + KLL (k = 1024) + HyperLogLog, one value at a time | {rate:,} | ≥ 10,000,000 | {_verdict(rate >= 10_000_000)} |",
              f"| numeric column, bulk | {data['numeric_bulk_values_per_second']:,} | | |",
              f"| categorical column: HyperLogLog + frequent items | {data['categorical_values_per_second']:,} | | |", ""]


def drift_section(lines, load_json):
    data = load_json("drift.json")
    if not data:
        return _missing(lines, "drift")
    steward, goals = data["steward"], data["goals"]
    base, evid = data.get("baseline") or {}, data.get("evidently") or {}
    lines += ["| tool (100k reference + 1M current rows, 25 columns; CSV reading included) | seconds | peak MB | flagged |",
              "|---|---:|---:|---|",
              f"| `steward drift` (median of {data['reps']}) | {steward['median_seconds']} | {steward['median_max_rss_mb']} | {', '.join(steward['flagged'])} |"]
    if base:
        lines.append(f"| numpy/scipy exact baseline (compute only {base['tool_seconds']} s) | {base['total_seconds']} | "
                     f"{base['process_peak_mb']} | KS: {', '.join(base['flagged_ks_p05'])} |")
    if evid:
        lines.append(f"| Evidently `DataDriftPreset` | {evid['total_seconds']} | {evid['process_peak_mb']} | {', '.join(evid['flagged'])} |")
    ok = all(v for k, v in goals.items() if isinstance(v, bool))
    lines += ["", f"Injected: {', '.join(data['injected'])}. Speed-up over Evidently {goals.get('speedup_vs_evidently_total', '?')}× "
              f"(goal ≥ 20×), not slower than the baseline, peak < 300 MB, exact flags: {_verdict(ok)}.", ""]


def ingest_section(lines, load_json):
    data = load_json("ingest.json")
    if not data:
        return _missing(lines, "ingest")
    rate = data["median_rows_per_second"]
    runs = ", ".join(f"{r['rows_per_second']:,}" for r in data.get("runs", []))
    rss = data.get("rss", {})
    lines += ["| measurement | result | goal | verdict |", "|---|---:|---:|---|",
              f"| HTTP ingest of {data['rows']:,} rows, {data['batch_rows']:,}-row NDJSON batches over {data['concurrency']} connections "
              f"(median of {data['reps']}: {runs}) | {rate:,} rows/s | ≥ 100,000 rows/s | {_verdict(rate >= 100_000)} |",
              f"| server RSS: start / max / end | {rss.get('baseline_kib', 0) // 1024} / {rss.get('max_kib', 0) // 1024} / "
              f"{rss.get('final_kib', 0) // 1024} MiB | flat | see the per-row samples in raw/ingest.json |", ""]


def catalog_section(lines, load_json):
    data = load_json("catalog.json")
    if not data:
        return _missing(lines, "catalog")
    lines += ["| measurement | p50 | p95 | goal | verdict |", "|---|---:|---:|---:|---|",
              f"| catalog search with facets over {data['models']:,} models, {data['queries']} queries, {data['requests']} requests "
              f"(admin and viewer) | {data['p50_ms']} ms | {data['p95_ms']} ms | p95 < {data['goal_p95_ms']} ms | "
              f"{_verdict(data['p95_ms'] < data['goal_p95_ms'])} |", ""]
    if data.get("per_query"):
        lines += [f"Corpus: {data.get('corpus', 'topical')} (see bench/seed_catalog.py). Median per query, both principals:", "",
                  "| query | matches | median |", "|---|---:|---:|"]
        lines += [f"| `{query}` | {item['matches']:,} | {item['median_ms']} ms |" for query, item in data["per_query"].items()]
        lines += [""]
    if data.get("broad_word"):
        broad = data["broad_word"]
        lines += [f"Worst case, outside the p95: `q={broad['q']}` matches {broad['matches']:,} models and takes "
                  f"{broad['median_ms']} ms (every match is ranked with BM25).", ""]


def add_sections(lines, load_json):
    """Appends the monitoring and catalog sections, numbered after report.py's own."""
    for title, section in [("9. Sketch updates (`bash bench/sketch.sh`)", sketch_section),
                           ("10. Drift between two files (`bash bench/drift.sh`)", drift_section),
                           ("11. Prediction-log ingest (`bash bench/ingest.sh`)", ingest_section),
                           ("12. Catalog search (`bash bench/catalog.sh`)", catalog_section)]:
        lines += [f"## {title}", ""]
        section(lines, load_json)
