"""Verify by re-rendering: rendering is deterministic, so the report a payload describes can be
built again and compared with the file. A genuine unsigned report is byte for byte that render;
a signed one starts with it (the signature is an incremental update after it). Anything else —
a page painted over, replaced, removed or added, a draft turned final — shows up here, page by
page."""

from __future__ import annotations

import io

from pypdf import PdfReader

from diagnosis.loading.load import Loaded
from diagnosis.report.source import ReportPayload, Signer, from_payload, renderer


def differences(raw: bytes, data: ReportPayload, loaded: Loaded, previous: Loaded | None) -> list[str]:
    """Why the file is not what its data renders to (empty: it is)."""
    from diagnosis.report.pdf import build_pdf

    source = from_payload(data, loaded, previous)
    signer = Signer.model_validate(data.signer.model_dump()) if data.signer is not None else None
    expected = build_pdf(source, data.lang, signer)
    if raw == expected or raw.startswith(expected):
        return []  # what follows a signed render is the signature, checked on its own
    return [_pages_that_differ(raw, expected)]


def _pages_that_differ(raw: bytes, expected: bytes) -> str:
    got, want = PdfReader(io.BytesIO(raw)), PdfReader(io.BytesIO(expected))
    have, should = len(got.pages), len(want.pages)
    changed = [
        n
        for n, (a, b) in enumerate(zip(got.pages, want.pages, strict=False), start=1)
        if _content(a) != _content(b) or _annotated(a)
    ]
    parts = []
    if changed:
        parts.append(
            f"page(s) {', '.join(map(str, changed[:12]))} differ from what the embedded data renders to"
        )
    if have != should:
        parts.append(f"the file has {have} pages where its data renders {should}")
    if not parts:
        parts.append("the file differs from what its embedded data renders to (outside the pages)")
    return "; ".join(parts)


def _content(page: object) -> bytes:
    try:
        return page.get_contents().get_data()  # type: ignore[attr-defined,no-any-return]
    except Exception:  # a damaged page counts as different
        return b""


def _annotated(page: object) -> bool:
    """An annotation other than a signature widget (ours make none; an overlay might)."""
    try:
        annotations = page.get("/Annots") or []  # type: ignore[attr-defined]
        return any(a.get_object().get("/Subtype") != "/Widget" for a in annotations)
    except Exception:
        return True


def same_renderer(data: ReportPayload) -> bool:
    """Whether this app renders pages the way the one that made the report did."""
    return data.renderer.model_dump() == renderer()
