"""Coded messages: English where a string is expected, the person's language where one is shown."""

from __future__ import annotations

import pickle
import re
import string
from pathlib import Path

import pytest

from diagnosis.errors import DiagnosisError
from diagnosis.messages import BILINGUAL, Items, Message, bilingual, joined, lang_from_env, msg, render
from diagnosis.messages.catalogue import CATALOGUE
from diagnosis.storage.enterprises import check_uscc

ROOT = Path(__file__).parents[2]


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


@pytest.mark.parametrize("code", sorted(CATALOGUE))
def test_both_languages_take_the_same_parameters(code: str) -> None:
    zh, en = CATALOGUE[code]
    assert zh and en
    if code != BILINGUAL:  # a questionnaire's own text, each language its own parameter
        assert _fields(zh) == _fields(en), code


def test_every_code_the_package_uses_is_catalogued() -> None:
    used = {
        code
        for path in (ROOT / "diagnosis").rglob("*.py")
        for code in re.findall(r"""\bmsg\(\s*["']([a-z0-9_.]+)["']""", path.read_text(encoding="utf-8"))
    }
    assert used and not used - set(CATALOGUE)


def test_a_message_is_its_english_sentence_and_translates_with_its_parameters() -> None:
    with pytest.raises(DiagnosisError) as raised:
        check_uscc("123")
    line = raised.value.lines[0]
    assert isinstance(line, Message)
    assert line == "unified social credit code '123' is not valid: it must have 18 characters"
    assert render(line, "zh") == "统一社会信用代码“123”无效：应为 18 位"
    assert render("plain data", "zh") == "plain data"
    copied = pickle.loads(pickle.dumps(line))
    assert isinstance(copied, Message) and copied.text("zh") == line.text("zh")


def test_sentences_joined_stay_translatable() -> None:
    both = joined([msg("uscc.length"), msg("uscc.checksum")])
    assert both.text("en").startswith("it must have 18 characters; the check character")
    assert both.text("zh") == "应为 18 位；校验码（第 18 位）与前 17 位不符"


@pytest.mark.parametrize(
    ("explicit", "env", "expected"),
    [
        ("zh", {"LANG": "C.UTF-8"}, "zh"),
        (None, {"DIAGNOSIS_LANG": "zh", "LANG": "C"}, "zh"),
        (None, {"LANG": "zh_CN.UTF-8"}, "zh"),
        (None, {"LC_ALL": "en_US.UTF-8", "LANG": "zh_CN.UTF-8"}, "en"),
        (None, {}, "en"),
    ],
)
def test_the_language_comes_from_the_choice_then_the_locale(
    explicit: str | None, env: dict[str, str], expected: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("DIAGNOSIS_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    assert lang_from_env(explicit) == expected


@pytest.mark.parametrize(
    ("args", "env", "expected"),
    [
        ([], {"LANG": "zh_CN.UTF-8"}, "统一社会信用代码“123”无效：应为 18 位"),
        (
            [],
            {"LANG": "C.UTF-8"},
            "unified social credit code '123' is not valid: it must have 18 characters",
        ),
    ],
)
def test_the_command_line_speaks_the_locale(
    args: list[str], env: dict[str, str], expected: str, tmp_path: Path
) -> None:
    import os
    import subprocess
    import sys

    clean = {k: v for k, v in os.environ.items() if k not in ("LC_ALL", "LC_MESSAGES", "DIAGNOSIS_LANG")}
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "diagnosis",
            "enterprise",
            "add",
            "某企业",
            "--uscc",
            "123",
            *args,
            "--db",
            str(tmp_path / "x.db"),
        ],
        capture_output=True,
        text=True,
        env={**clean, **env},
        timeout=60,
    )
    assert result.returncode == 1 and result.stderr.strip() == expected


def test_text_that_comes_in_both_languages() -> None:
    named = msg("effect.not_updated", figures=Items([bilingual("营业收入", "Revenue")]))
    assert "Revenue" in named and "营业收入" in named.text("zh")


def test_no_code_is_defined_by_two_areas() -> None:
    """The catalogue merges the areas' tables: a code defined twice would silently replace the
    other area's sentence."""
    import importlib

    seen: dict[str, str] = {}
    twice = []
    for path in sorted((ROOT / "diagnosis" / "messages").glob("*.py")):
        if path.stem in ("__init__", "catalogue"):
            continue
        table = importlib.import_module(f"diagnosis.messages.{path.stem}").MESSAGES
        twice += [f"{code}: {seen[code]} and {path.stem}" for code in table if code in seen]
        seen.update(dict.fromkeys(table, path.stem))
    assert not twice
    assert set(seen) == set(CATALOGUE)  # and every area is registered
