"""Reports and exports under hostile text: any length renders, verify never crashes, and every
user string in Excel is a text cell."""

from __future__ import annotations

import io
import json
import zipfile
import zlib
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader, PdfWriter
from pypdf.generic import NameObject

from diagnosis.cli.reports_run import demo_input
from diagnosis.loading.load import Loaded
from diagnosis.report.pdf import DIGEST_KEY, PAYLOAD_NAME, QUESTIONNAIRE_NAME, build_pdf
from diagnosis.report.source import canonical, digest
from diagnosis.report.verify import verify_pdf
from diagnosis.report.workbook import assessment_workbook
from diagnosis.storage.answers import set_answer
from diagnosis.storage.assessments import new_assessment
from diagnosis.storage.db import Store
from diagnosis.storage.enterprises import EnterpriseInput, add_enterprise
from diagnosis.storage.evidence import add_evidence
from diagnosis.storage.reports import provider_summary
from diagnosis.storage.xlsx import summary_workbook

FORMULAS = ['=HYPERLINK("http://evil", "点我")', "=cmd|' /C calc'!A0", "+1+1", "-2+3", "@SUM(A1)"]


@pytest.fixture(scope="module")
def demo() -> bytes:
    return build_pdf(demo_input())


def test_text_of_any_length_renders_and_verifies() -> None:
    source = demo_input()
    source.notes = dict(source.notes) | {"network": "车间网络说明。" * 286}  # 2,000 characters
    source.enterprise = dict(source.enterprise) | {"name": "某" * 8000}
    source.evidence = [dict(source.evidence[0]) | {"name": "证" * 251 + ".pdf"}]
    source.answers = dict(source.answers) | {
        "subsector": "other_mfg",
        "subsector_other": "很长的文字回答。" * 625,
    }
    pdf = build_pdf(source)
    verdict = verify_pdf(pdf, require_signature=False)
    assert verdict.ok, verdict.reasons
    assert len(PdfReader(io.BytesIO(pdf)).pages) > 12  # the long texts continue across pages


def _reembed(pdf: bytes, payload: bytes, *, compress: bool = True, digest_of: bytes | None = None) -> bytes:
    reader = PdfReader(io.BytesIO(pdf))
    writer = PdfWriter()
    for page in reader.pages:
        writer.add_page(page)
    writer.add_attachment(PAYLOAD_NAME, payload)
    writer.add_attachment(QUESTIONNAIRE_NAME, reader.attachments[QUESTIONNAIRE_NAME][0])
    declared = digest(json.loads(digest_of)) if digest_of else reader.metadata[DIGEST_KEY]
    writer.add_metadata({DIGEST_KEY: declared})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _payload(pdf: bytes) -> dict[str, object]:
    return json.loads(PdfReader(io.BytesIO(pdf)).attachments[PAYLOAD_NAME][0])  # type: ignore[no-any-return]


def _with(pdf: bytes, change: dict[str, object]) -> bytes:
    data = _payload(pdf) | change
    raw = canonical(data) if all(isinstance(k, str) for k in data) else json.dumps(data).encode()
    return _reembed(pdf, raw, digest_of=raw)


def _flate_bomb(pdf: bytes) -> bytes:
    """The embedded files replaced by 200 MB of zeros, deflated to a few hundred kilobytes."""
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
    compressor = zlib.compressobj()
    bomb = b"".join(compressor.compress(b"\0" * 2**20) for _ in range(200)) + compressor.flush()
    for spec in writer._root_object["/Names"]["/EmbeddedFiles"]["/Names"][1::2]:  # type: ignore[index]
        stream = spec.get_object()["/EF"]["/F"].get_object()
        stream._data = bomb
        stream[NameObject("/Filter")] = NameObject("/FlateDecode")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


HOSTILE_PDFS = {
    "garbage": lambda pdf: b"%PDF-1.7\n" + bytes(range(256)) * 50,
    "truncated": lambda pdf: pdf[: len(pdf) // 2],
    "empty": lambda pdf: b"",
    "not json": lambda pdf: _reembed(pdf, b"{nope"),
    "duplicate keys": lambda pdf: _reembed(pdf, b'{"format": 1, "format": 2}'),
    "bigint score": lambda pdf: _reembed(
        pdf, canonical(_payload(pdf)).replace(b'"score":', b'"score":1' + b"0" * 400 + b',"x":', 1)
    ),
    "score is text": lambda pdf: _with(pdf, {"result": {"score": "高", "max_score": 100, "level": None}}),
    "questionnaire missing": lambda pdf: _with(pdf, {"questionnaire": None}),
    "answers a list": lambda pdf: _with(pdf, {"answers": [1, 2]}),
    "deep nesting": lambda pdf: _reembed(pdf, b"[" * 10000 + b"]" * 10000),
    "unknown field": lambda pdf: _with(pdf, {"admin": True}),
    "flate bomb": _flate_bomb,
}


@pytest.mark.parametrize("case", sorted(HOSTILE_PDFS))
def test_verify_never_crashes(case: str, demo: bytes) -> None:
    verdict = verify_pdf(HOSTILE_PDFS[case](demo))
    assert not verdict.ok and all(isinstance(p, str) and p for p in verdict.problems)


@pytest.mark.parametrize("case", ["garbage", "score is text"])
def test_verify_as_a_command_says_failed(case: str, demo: bytes, tmp_path: Path) -> None:
    from .conftest import run_cli

    path = tmp_path / "hostile.pdf"
    path.write_bytes(HOSTILE_PDFS[case](demo))
    result = run_cli("verify", str(path))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.startswith(f"FAILED {path}\n  "), result.stderr


# -- Excel ----------------------------------------------------------------------------------------


def _cells(path: Path) -> list[tuple[object, str]]:
    book = load_workbook(path)
    return [(cell.value, cell.data_type) for sheet in book for row in sheet.iter_rows() for cell in row]


def _no_formula(path: Path) -> None:
    with zipfile.ZipFile(path) as archive:
        for name in archive.namelist():
            if name.startswith("xl/worksheets/"):
                assert b"<f>" not in archive.read(name), name


def test_user_text_is_never_a_formula_and_control_characters_are_dropped(
    store: Store, sme: Loaded, tmp_path: Path
) -> None:
    enterprise = add_enterprise(
        store, EnterpriseInput(name=FORMULAS[0] + "\x01\x1b", contact_name=FORMULAS[4])
    )
    a = new_assessment(store, sme, enterprise, provider=FORMULAS[1], assessor=FORMULAS[2])
    set_answer(store, a, "network", ["app_network"], note=FORMULAS[3] + "\x07")
    set_answer(store, a, "base_year", 2025, note="=1+1\n第二行")
    add_evidence(store, a, "network", "=evil()\x1b.png", b"png")
    workbook, summary = tmp_path / "a.xlsx", tmp_path / "s.xlsx"
    assessment_workbook(store, a, workbook)
    summary_workbook(provider_summary(store, drafts=True), summary)
    for path in (workbook, summary):
        _no_formula(path)
        texts = [value for value, kind in _cells(path) if isinstance(value, str)]
        assert all(kind == "s" for value, kind in _cells(path) if isinstance(value, str))
        assert any(text.startswith("=HYPERLINK") for text in texts)
        assert not any(ch in text for text in texts for ch in "\x01\x1b\x07")
    assert "=evil().png" in [value for value, _ in _cells(workbook)] or any(
        "=evil().png" in str(value) for value, _ in _cells(workbook)
    )
