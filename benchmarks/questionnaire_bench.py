"""Benchmark: load+validate and scoring of a 500-question questionnaire, and `diagnosis score`
as a process against bare `import diagnosis`. Run on demand: `python benchmarks/questionnaire_bench.py`.

Targets (issue 2): load+validate ≤ 50 ms, scoring ≤ 5 ms.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import yaml

from diagnosis.loading.load import load_bytes
from diagnosis.scoring.engine import score
from diagnosis.scoring.sample import sample_answers

AREAS, ITEMS, PER_LEVEL, LEVELS = 10, 5, 2, 5  # 10 × 5 × 2 × 5 = 500 criteria


def synthetic() -> bytes:
    """A DCMM-shaped questionnaire with 500 criteria."""
    text = {"zh": "条款", "en": "Criterion"}
    areas = []
    for a in range(AREAS):
        items = []
        for i in range(ITEMS):
            questions = [
                {
                    "id": f"a{a}.i{i}.l{lv}.{n}",
                    "kind": "single",
                    "answers": "conformity",
                    "level": lv,
                    "text": text,
                    "evidence": text,
                }
                for lv in range(1, LEVELS + 1)
                for n in range(PER_LEVEL)
            ]
            items.append(
                {
                    "id": f"a{a}.i{i}",
                    "name": text,
                    "scoring": {"method": "ladder"},
                    "levels": "five",
                    "questions": questions,
                }
            )
        areas.append(
            {"id": f"a{a}", "name": text, "scoring": {"method": "mean"}, "levels": "five", "children": items}
        )
    doc = {
        "format": "diagnosis-questionnaire/1",
        "id": "bench",
        "version": "1.0.0",
        "title": text,
        "standard": {"name": text, "edition": "1"},
        "disclaimer": text,
        "answer_sets": {
            "conformity": {
                "options": [
                    {"id": "full", "label": text, "points": 1},
                    {"id": "large", "label": text, "points": 0.8},
                    {"id": "partly", "label": text, "points": 0.5},
                    {"id": "not", "label": text, "points": 0},
                    {"id": "na", "label": text, "not_applicable": True},
                ]
            }
        },
        "level_sets": {
            "five": [
                {"id": f"L{n}", "value": n, "name": text, "when": {"score": {"gte": n}}}
                for n in range(1, LEVELS + 1)
            ]
        },
        "dimensions": areas,
        "scoring": {"method": "mean"},
        "levels": "five",
    }
    return yaml.safe_dump(doc, allow_unicode=True, sort_keys=False).encode()


def timed(fn: Callable[[], object], repeat: int) -> float:
    """Median wall time in milliseconds."""
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)


def main() -> None:
    raw = synthetic()
    home = tempfile.mkdtemp(prefix="bench-home-")
    os.environ["DIAGNOSIS_HOME"] = home
    cold = timed(lambda: load_bytes("bench.yaml", raw, use_cache=False), 7)
    load_bytes("bench.yaml", raw)
    warm = timed(lambda: load_bytes("bench.yaml", raw), 21)
    questionnaire = load_bytes("bench.yaml", raw).questionnaire
    answers = sample_answers(questionnaire, "random", 1)
    scoring = timed(lambda: score(questionnaire, answers), 21)
    print(f"questions: {sum(1 for _ in answers)}  yaml: {len(raw) / 1024:.0f} KiB")
    print(f"load+validate, no cache (YAML parse + checks): {cold:7.1f} ms")
    print(f"load+validate, compiled cache:                 {warm:7.1f} ms   (target ≤ 50 ms)")
    print(f"score (with gaps and improvements):            {scoring:7.1f} ms   (target ≤ 5 ms)")

    folder = Path(home) / "questionnaires"
    folder.mkdir(parents=True)
    (folder / "bench.yaml").write_bytes(raw)
    answers_file = Path(home) / "answers.json"
    answers_file.write_text(
        json.dumps({"format": "diagnosis-answers/1", "questionnaire": {"id": "bench"}, "answers": answers})
    )
    env = os.environ | {"DIAGNOSIS_HOME": home}
    bare = timed(lambda: subprocess.run([sys.executable, "-c", "import diagnosis"], check=True, env=env), 7)
    full = timed(
        lambda: subprocess.run(
            [sys.executable, "-m", "diagnosis", "score", str(answers_file), "--json"],
            check=True,
            env=env,
            capture_output=True,
        ),
        7,
    )
    print(f"python -c 'import diagnosis':                  {bare:7.1f} ms")
    print(f"diagnosis score (process, 4 questionnaires):   {full:7.1f} ms   ({full / bare:.1f}x bare import)")


if __name__ == "__main__":
    main()
