"""Hostile and careless input: shared builders. Every test here asserts what a careful user
expects — one sentence, no traceback, nothing stored or written before harmed."""

from __future__ import annotations

import hashlib
import io
import json
import subprocess
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from diagnosis.loading.load import Loaded
from diagnosis.storage.answers import set_answer
from diagnosis.storage.assessments import new_assessment
from diagnosis.storage.db import Store
from diagnosis.storage.evidence import add_evidence
from diagnosis.storage.package import package_bytes
from tests.storage.conftest import (  # noqa: F401 - fixtures and helpers shared with storage tests
    USCC,
    FakeClock,
    dump,
    enterprise,
    finalized,
    mini,
    sme,
    store,
)

Members = dict[str, bytes]


@pytest.fixture
def package(store: Store, sme: Loaded, enterprise: int) -> tuple[int, bytes]:  # noqa: F811
    """A finalized SME assessment with a note and one evidence file, as package bytes."""
    a = new_assessment(store, sme, enterprise, mode="onsite", provider="合肥数智", assessor="张工")
    set_answer(store, a, "network", ["app_network", "control_network"], note="车间 Wi-Fi")
    set_answer(store, a, "devices_total", 120)
    add_evidence(store, a, "network", "网络拓扑图.png", b"\x89PNG fake")
    finalized(store, a)
    return a, package_bytes(store, a)


def members(raw: bytes) -> Members:
    archive = zipfile.ZipFile(io.BytesIO(raw))
    return {i.filename: archive.read(i) for i in archive.infolist()}


def pack(content: Members, *, fix_manifest: bool = True, method: int = zipfile.ZIP_DEFLATED) -> bytes:
    """A zip of these members (the manifest updated to match, unless told otherwise)."""
    content = dict(content)
    if fix_manifest:
        manifest = json.loads(content["manifest.json"])
        manifest["members"] = {
            n: hashlib.sha256(d).hexdigest() for n, d in content.items() if n != "manifest.json"
        }
        content["manifest.json"] = json.dumps(manifest).encode()
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", method) as archive:
        for name, data in content.items():
            archive.writestr(name, data)
    return out.getvalue()


def edit_json(content: Members, name: str, edit: Callable[[object], object]) -> Members:
    data = json.loads(content[name])
    changed = edit(data)
    return content | {name: json.dumps(data if changed is None else changed, ensure_ascii=False).encode()}


def run_cli(
    *args: str, env: dict[str, str] | None = None, stdin: bytes | None = None
) -> subprocess.CompletedProcess[str]:
    """The real command as a process: what a person at a terminal sees."""
    import os

    return subprocess.run(
        [sys.executable, "-m", "diagnosis", *args],
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        input=None if stdin is None else stdin.decode(),
        timeout=120,
    )


def one_sentence(result: subprocess.CompletedProcess[str]) -> str:
    """Exit 1, one line on stderr, no traceback; returns the line."""
    assert result.returncode == 1, (result.returncode, result.stderr)
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]


__all__ = ["Path", "dump"]
