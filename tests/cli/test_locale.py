"""The command line speaks the terminal's language: with a Chinese locale every refusal is
Chinese (no English sentence left once data is taken out), with C.UTF-8 the English is as it
always was."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from diagnosis.cli.main import main

FIXTURES = Path(__file__).parent.parent / "fixtures"
LATIN_WORD = re.compile(r"[A-Za-z]{3,}")
# Data in these lines: paths, the commands' own options and values, names of formats.
DATA = re.compile(
    r"(?:[\w.-]*/[^\s，。；：（）()“”]+)|--[\w-]+|'[\w.-]+'|\b[A-Z]{2,}[\w-]*\b|\.\w+\b|\bzip\b"
)


def _key(tmp: Path) -> list[str]:
    """A provider key made here (its password comes from DIAGNOSIS_KEY_PASSWORD)."""
    key = tmp / "provider.p12"
    assert main(["keys", "new", "--provider", "某服务机构", "-o", str(key), "--db", str(tmp / "a.db")]) == 0
    return [str(key)]


# (arguments, what to make first, the English stderr; {tmp} is the test's folder)
CASES: list[tuple[list[str], Callable[[Path], list[str]] | None, str]] = [
    (
        ["enterprise", "add", "某企业", "--uscc", "123"],
        None,
        "unified social credit code '123' is not valid: it must have 18 characters",
    ),
    (["show", "999"], None, "no assessment #999"),
    (["answer", "1"], None, "give a QUESTION (or --from FILE)"),
    (["plan", "1", "--save"], None, "--save goes with --draft"),
    (
        ["score", "{tmp}/none.json"],
        None,
        "{tmp}/none.json: cannot read the file (No such file or directory)",
    ),
    (
        ["validate", str(FIXTURES / "broken" / "syntax.yaml")],
        None,
        "",  # located lines: checked in both languages below, not word for word
    ),
    (
        ["restore", "{tmp}/x.db"],
        lambda tmp: [(tmp / "x.db").write_bytes(b"not a database") and ""],
        "{tmp}/x.db: not a database backup (not an SQLite file); nothing was changed",
    ),
    (
        ["import", "{tmp}/x.diagpkg"],
        lambda tmp: [(tmp / "x.diagpkg").write_bytes(b"PK not a zip") and ""],
        "not a diagnosis package (not a zip file, or a damaged one)",
    ),
    (["sign", "{tmp}/none.pdf", "--key", "{tmp}/k.p12"], None, "{tmp}/none.pdf: no such file"),
    (  # argparse's own refusal: the usage, then the reason (exit 2)
        ["sign", "{tmp}/none.pdf"],
        None,
        "diagnosis sign: error: the following arguments are required: --key",
    ),
    (
        ["sample", "dcmm", "--strategy", "best"],
        None,
        "diagnosis sample: error: argument --strategy: invalid choice: 'best' "
        "(choose from 'max', 'min', 'random')",
    ),
    (
        ["keys", "show", "{tmp}/provider.p12"],
        _key,
        "{tmp}/provider.p12: the password is wrong (or the file was damaged)",
    ),
]


def _run(
    args: list[str], make: Callable[[Path], list[str]] | None, tmp: Path, monkeypatch: pytest.MonkeyPatch
) -> tuple[int, str]:
    import contextlib
    import io

    monkeypatch.setenv("DIAGNOSIS_KEY_PASSWORD", "a long enough password")
    if make is not None:
        make(tmp)
    monkeypatch.setenv("DIAGNOSIS_KEY_PASSWORD", "not the password")
    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        try:
            code = main([arg.replace("{tmp}", str(tmp)) for arg in args] + ["--db", str(tmp / "a.db")])
        except SystemExit as done:  # argparse's refusals exit 2, as they always did
            code = int(done.code or 0)
    return code, err.getvalue()


@pytest.fixture
def locale(monkeypatch: pytest.MonkeyPatch) -> Callable[[str], None]:
    def use(lang: str) -> None:
        for name in ("DIAGNOSIS_LANG", "LC_ALL", "LC_MESSAGES"):
            monkeypatch.delenv(name, raising=False)
        monkeypatch.setenv("LANG", lang)

    return use


@pytest.mark.parametrize(("args", "make", "english"), CASES, ids=[" ".join(c[0][:2]) for c in CASES])
def test_a_chinese_terminal_reads_chinese(
    args: list[str],
    make: Callable[[Path], list[str]] | None,
    english: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    locale: Callable[[str], None],
) -> None:
    locale("zh_CN.UTF-8")
    code, err = _run(args, make, tmp_path, monkeypatch)
    assert code in (1, 2) and err.strip() and "Traceback" not in err
    for line in err.splitlines():
        if line.startswith(("用法：", " ")):
            continue  # the command's synopsis: its options as typed
        line = re.sub(r"^diagnosis(?: [a-z]+)*：", " ", line.replace(str(tmp_path), " "))  # the command
        words = LATIN_WORD.findall(DATA.sub(" ", line))
        assert re.search(r"[\u4e00-\u9fff]", line) and not words, line


@pytest.mark.parametrize(("args", "make", "english"), CASES, ids=[" ".join(c[0][:2]) for c in CASES])
def test_an_english_terminal_reads_the_same_english(
    args: list[str],
    make: Callable[[Path], list[str]] | None,
    english: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    locale: Callable[[str], None],
) -> None:
    locale("C.UTF-8")
    code, err = _run(args, make, tmp_path, monkeypatch)
    assert code in (1, 2) and not re.search(r"[\u4e00-\u9fff]", err.replace("某", ""))
    if english:  # after argparse's usage lines, if any
        assert err.strip().splitlines()[-1] == english.replace("{tmp}", str(tmp_path))
        assert code == 2 or len(err.strip().splitlines()) == 1
