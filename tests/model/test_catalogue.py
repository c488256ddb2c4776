"""Catalogue, versions side by side, canonical hashes and the compiled cache."""

from __future__ import annotations

import json
import pickle
from pathlib import Path

import pytest

from diagnosis.errors import NotFoundError
from diagnosis.loading import cache
from diagnosis.loading.catalogue import Catalogue, default_catalogue
from diagnosis.loading.load import load_bytes, load_file

MINI = Path(__file__).parent.parent / "fixtures" / "valid" / "mini.yaml"


def _version(text: str, version: str) -> str:
    return text.replace("version: 1.0.0", f"version: {version}", 1)


def test_versions_side_by_side_and_newest_is_default(tmp_path: Path) -> None:
    text = MINI.read_text(encoding="utf-8")
    for version in ("1.0.0", "1.10.0", "1.9.2"):
        (tmp_path / f"{version}.yaml").write_text(_version(text, version), encoding="utf-8")
    catalogue = Catalogue([tmp_path])
    assert [e.key for e in catalogue.all()] == [("mini", "1.10.0"), ("mini", "1.9.2"), ("mini", "1.0.0")]
    assert catalogue.get("mini").key == ("mini", "1.10.0")  # numeric, not string, order
    assert catalogue.get("mini@1.0.0").key == ("mini", "1.0.0")
    with pytest.raises(NotFoundError, match=r"no questionnaire 'mini@2\.0\.0'"):
        catalogue.get("mini@2.0.0")


def test_user_folder_adds_questionnaires_without_code(home: Path) -> None:
    (home / "questionnaires").mkdir(parents=True)
    (home / "questionnaires" / "mine.yaml").write_text(MINI.read_text(encoding="utf-8"), encoding="utf-8")
    ids = {e.key[0] for e in default_catalogue().all()}
    assert {"mini", "dcmm", "sme-digital-2024", "lianghua", "lianghua-upgrade"} <= ids


def test_same_version_with_other_content_is_reported(tmp_path: Path) -> None:
    text = MINI.read_text(encoding="utf-8")
    (tmp_path / "a.yaml").write_text(text, encoding="utf-8")
    (tmp_path / "b.yaml").write_text(text.replace("迷你问卷", "迷你问卷二"), encoding="utf-8")
    catalogue = Catalogue([tmp_path])
    assert len(catalogue.all()) == 1
    assert "is already defined differently" in catalogue.problems[0]


def test_drafts_and_invalid_files_do_not_break_the_catalogue(tmp_path: Path) -> None:
    (tmp_path / "_drafts").mkdir()
    (tmp_path / "_drafts" / "wip.yaml").write_text("not: [valid", encoding="utf-8")
    (tmp_path / "bad.yaml").write_text("id: 1", encoding="utf-8")
    (tmp_path / "ok.yaml").write_text(MINI.read_text(encoding="utf-8"), encoding="utf-8")
    catalogue = Catalogue([tmp_path])
    assert [e.key for e in catalogue.all()] == [("mini", "1.0.0")]
    assert all("bad.yaml" in line for line in catalogue.problems)


def test_hash_ignores_formatting_but_not_content() -> None:
    text = MINI.read_text(encoding="utf-8")
    base = load_bytes("a", text.encode(), use_cache=False).sha256
    reformatted = "# a new comment\n" + text.replace(
        "estimated_minutes: 5", "estimated_minutes:   5  # short"
    )
    assert load_bytes("b", reformatted.encode(), use_cache=False).sha256 == base
    changed = text.replace("points: 3}", "points: 2.5}")
    assert load_bytes("c", changed.encode(), use_cache=False).sha256 != base


def test_cache_returns_the_same_questionnaire(home: Path) -> None:
    raw = MINI.read_bytes()
    first = load_bytes("mini", raw)
    assert cache.get(raw) is not None
    second = load_bytes("mini", raw)
    assert repr(second.questionnaire.model_dump()) == repr(first.questionnaire.model_dump())
    assert second.sha256 == first.sha256


def test_a_cold_load_scores_as_a_cached_one(home: Path) -> None:
    """`scale: 100` in a file validates to 100.0, while a cache entry (defaults left out) gives
    back the default, 100: a report rendered on a cold cache embedded `max_score: 100.0`, one
    rendered again later `100`, so its verification code and pages differed (1 in 10 of the
    intake benchmark's reports were refused)."""
    from diagnosis.scoring.engine import score
    from diagnosis.scoring.sample import sample_answers

    for loaded in default_catalogue().all():
        raw = loaded.raw
        cold = load_bytes("cold", raw, use_cache=False).questionnaire
        load_bytes("warm", raw)
        warm = load_bytes("warm", raw).questionnaire
        assert repr(warm.model_dump()) == repr(cold.model_dump()), loaded.key
    upgrade = default_catalogue().get("lianghua-upgrade")
    answers = sample_answers(upgrade.questionnaire, "max")
    loads = [load_bytes("q", upgrade.raw, use_cache=cached) for cached in (False, True)]
    results = [score(loaded.questionnaire, answers) for loaded in loads]
    assert [repr((r.score, r.max_score)) for r in results] == ["(100.0, 100)"] * 2


@pytest.mark.parametrize(
    "body",
    [
        None,  # no header line either
        b"\x80\x05truncated",
        pickle.dumps({"id": "mini"}),  # a pickle, but not a questionnaire
    ],
)
def test_damaged_cache_entry_falls_back_to_the_file(home: Path, body: bytes | None) -> None:
    raw = MINI.read_bytes()
    sha256 = load_bytes("mini", raw).sha256
    [entry] = (home / "cache" / "questionnaires").glob("*.pickle")
    header = entry.read_bytes().partition(b"\n")[0]
    entry.write_bytes(b"garbage" if body is None else header + b"\n" + body)
    assert cache.get(raw) is None
    again = load_bytes("mini", raw)
    assert again.questionnaire.id == "mini" and again.sha256 == sha256


def test_bundled_questionnaires_all_validate() -> None:
    catalogue = default_catalogue()
    assert catalogue.problems == []
    for loaded in catalogue.all():
        assert load_file(Path(loaded.source), use_cache=False).sha256 == loaded.sha256


def test_newer_versions_come_newest_first() -> None:
    from diagnosis.loading.catalogue import default_catalogue

    catalogue = default_catalogue()
    assert [e.key[1] for e in catalogue.newer("sme-digital-2024", "1.0.0")] == ["1.2.0", "1.1.0"]
    assert [e.key[1] for e in catalogue.newer("sme-digital-2024", "1.1.0")] == ["1.2.0"]
    assert catalogue.newer("sme-digital-2024", "1.2.0") == [] and catalogue.newer("nothing", "1.0.0") == []


def test_what_is_worked_out_from_a_questionnaire_is_kept_between_runs(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The intake's trivial answer set takes seconds to tune for the larger questionnaires: each
    process worked it out again, now the user cache keeps it (by app version and content)."""
    from diagnosis.intake import columns
    from diagnosis.scoring.sample import sample_answers

    loaded = default_catalogue().get("sme-digital-2024")
    first = columns.lowest_answers(loaded)
    assert first == sample_answers(loaded.questionnaire, "min")

    def again(*_: object) -> None:
        raise AssertionError("worked out again")

    monkeypatch.setattr(columns, "sample_answers", again)
    assert columns.lowest_answers(loaded) == first
    [entry] = (home / "cache" / "lowest-answers").glob("*.json")
    entry.write_text("[1, 2", encoding="utf-8")  # damaged: worked out again
    monkeypatch.setattr(columns, "sample_answers", sample_answers)
    assert columns.lowest_answers(loaded) == first
    assert json.loads(entry.read_text(encoding="utf-8")) == first
