"""Two processes writing answers into one database at once (the GUI and a script, say):
every write must wait its turn, none refused, none lost. Prints writes, refused, history rows,
wait percentiles and the integrity check.

    python benchmarks/writers_bench.py [WRITES_PER_PROCESS]
"""

from __future__ import annotations

import sys
import tempfile
import time
from multiprocessing import Process, Queue
from pathlib import Path

from diagnosis.loading.catalogue import default_catalogue
from diagnosis.storage.answers import set_answer
from diagnosis.storage.assessments import new_assessment
from diagnosis.storage.db import open_store
from diagnosis.storage.enterprises import EnterpriseInput, add_enterprise


def writer(path: str, assessment: int, writes: int, out: Queue, tag: str) -> None:  # type: ignore[type-arg]
    store = open_store(Path(path))
    waits, refused = [], 0
    for i in range(writes):
        start = time.perf_counter()
        try:
            set_answer(store, assessment, "base_year", 2016 + i % 10, note=f"{tag}{i}")
        except Exception:  # counted: the figure this benchmark exists for
            refused += 1
        waits.append(time.perf_counter() - start)
    out.put((refused, waits))


def main() -> None:
    writes = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
    path = Path(tempfile.mkdtemp()) / "writers.db"
    store = open_store(path)
    enterprise = add_enterprise(store, EnterpriseInput(name="并发测试企业"))
    loaded = default_catalogue().get("sme-digital-2024")
    assessments = [new_assessment(store, loaded, enterprise) for _ in range(2)]
    out: Queue = Queue()  # type: ignore[type-arg]
    workers = [
        Process(target=writer, args=(str(path), a, writes, out, t))
        for a, t in zip(assessments, "ab", strict=True)
    ]
    began = time.perf_counter()
    for w in workers:
        w.start()
    results = [out.get() for _ in workers]
    for w in workers:
        w.join()
    elapsed = time.perf_counter() - began
    refused = sum(r[0] for r in results)
    waits = sorted(w for r in results for w in r[1])
    history = store.db.execute("SELECT COUNT(*) FROM answer_history").fetchone()[0]
    integrity = store.db.execute("PRAGMA integrity_check").fetchone()[0]
    print(
        f"writes {2 * writes}  refused {refused}  lost {2 * writes - refused - history}  "
        f"p50 {waits[len(waits) // 2] * 1000:.2f} ms  p99 {waits[int(len(waits) * 0.99)] * 1000:.2f} ms  "
        f"max {waits[-1] * 1000:.1f} ms  total {elapsed:.1f} s  integrity {integrity}"
    )


if __name__ == "__main__":
    main()
