"""Benchmark: per-answer save latency (synchronous FULL against NORMAL in the same run) and
listing 10,000 assessments. Run on demand: `python benchmarks/storage_bench.py`."""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path

from diagnosis.loading.catalogue import default_catalogue
from diagnosis.storage.answers import set_answer
from diagnosis.storage.assessments import new_assessment
from diagnosis.storage.db import open_store
from diagnosis.storage.enterprises import EnterpriseInput, add_enterprise
from diagnosis.storage.reports import list_assessments

ANSWERS = 400
ASSESSMENTS = 10_000


def save_latencies(folder: Path, synchronous: str) -> list[float]:
    store = open_store(folder / f"{synchronous}.db")
    store.db.execute(f"PRAGMA synchronous = {synchronous}")
    loaded = default_catalogue().get("sme-digital-2024")
    assessment = new_assessment(store, loaded, add_enterprise(store, EnterpriseInput(name="基准企业")))
    samples = []
    for i in range(ANSWERS):
        start = time.perf_counter()
        set_answer(store, assessment, "devices_total", i % 1000)
        samples.append((time.perf_counter() - start) * 1000)
    store.close()
    return samples


def listing(folder: Path) -> tuple[float, int]:
    store = open_store(folder / "many.db")
    loaded = default_catalogue().get("sme-digital-2024")
    enterprise = add_enterprise(store, EnterpriseInput(name="基准企业"))
    first = new_assessment(store, loaded, enterprise)
    row = next(store.db.table("assessments").rows_where("id = ?", [first]))
    with store.db.atomic():
        for i in range(ASSESSMENTS - 1):
            store.db.table("assessments").insert(
                {k: v for k, v in row.items() if k != "id"} | {"uid": f"u{i}"}
            )
    start = time.perf_counter()
    rows = list_assessments(store)
    return (time.perf_counter() - start) * 1000, len(rows)


def main() -> None:
    folder = Path(tempfile.mkdtemp(prefix="storage-bench-"))
    for mode in ("NORMAL", "FULL"):
        samples = sorted(save_latencies(folder, mode))
        p99 = samples[int(len(samples) * 0.99) - 1]
        print(
            f"set_answer, synchronous={mode:6}: median {statistics.median(samples):6.2f} ms"
            f"  p99 {p99:6.2f} ms"
            f"  ({ANSWERS} answers, validation + history included)"
        )
    elapsed, count = listing(folder)
    print(f"list_assessments over {count} assessments: {elapsed:7.1f} ms")


if __name__ == "__main__":
    main()
