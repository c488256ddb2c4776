"""Verify by re-rendering: rendering is deterministic, so the report a payload describes can be
built again and compared with the file. A genuine unsigned report is byte for byte that render;
a signed one is that render followed by exactly one update, the signature's (whose content the
signature check inspects). Anything else — a page painted over, replaced, removed or added, an
update appended, a draft turned final — shows up here, page by page.

The render is never skipped because the data *says* another version of the app made it: the
report is rendered again as that renderer (its versions are data in the payload), and if this
version does not give the same bytes, the report is not OK — its pages cannot be checked here.
"""

from __future__ import annotations

import io
from collections.abc import Callable

from pypdf import PdfReader

from diagnosis.loading.load import Loaded
from diagnosis.messages import Message, joined, msg
from diagnosis.report.source import ReportPayload, Signer, from_payload, renderer


def differences(
    raw: bytes,
    data: ReportPayload,
    loaded: Loaded,
    previous: Loaded | None,
    signed_revision: Callable[[], int | None],
) -> list[Message]:
    """Why the file is not what its data renders to (empty: it is). `signed_revision` says the
    revision the signature is in (None: the file carries no signature that could be checked),
    asked only when the file is more than its render (the check may still be under way)."""
    from diagnosis.report.pdf import build_pdf

    source = from_payload(data, loaded, previous)
    signer = Signer.model_validate(data.signer.model_dump()) if data.signer is not None else None
    ours = same_renderer(data)
    expected = build_pdf(source, data.lang, signer, None if ours else data.renderer)
    if raw == expected:
        return []
    if raw.startswith(expected):
        revision = signed_revision()
        if revision is not None and revision == _revisions(expected):
            return []  # the render, then the signature's own update (checked with the signature)
        return [_appended(expected, raw)]
    if not ours:
        return [_other_renderer(data)]
    return [_pages_that_differ(raw, expected)]


def same_renderer(data: ReportPayload) -> bool:
    """Whether the report names this app's renderer (its versions and fonts)."""
    return data.renderer.model_dump() == renderer()


def _other_renderer(data: ReportPayload) -> Message:
    made, ours = data.renderer, renderer()
    return msg(
        "verify.other_renderer",
        app=made.app,
        reportlab=made.reportlab,
        our_app=ours["app"],
        our_reportlab=ours["reportlab"],
    )


def _appended(expected: bytes, raw: bytes) -> Message:
    """What was added after the rendered bytes, named page by page where it can be."""
    from diagnosis.signing.changes import describe_changes

    phrases = describe_changes(expected, raw) or [msg("verify.bytes_added")]
    return msg("verify.appended", changes=joined(phrases))


def _revisions(pdf: bytes) -> int:
    """How many revisions (cross-reference sections) a PDF has: one for a fresh render."""
    from pyhanko.pdf_utils.reader import PdfFileReader

    return int(PdfFileReader(io.BytesIO(pdf), strict=False).total_revisions)


def _pages_that_differ(raw: bytes, expected: bytes) -> Message:
    got, want = PdfReader(io.BytesIO(raw)), PdfReader(io.BytesIO(expected))
    have, should = len(got.pages), len(want.pages)
    changed = [
        n
        for n, (a, b) in enumerate(zip(got.pages, want.pages, strict=False), start=1)
        if _content(a) != _content(b) or _annotated(a)
    ]
    parts = []
    if changed:
        parts.append(msg("verify.pages_differ", pages=", ".join(map(str, changed[:12]))))
    if have != should:
        parts.append(msg("verify.page_count", have=have, should=should))
    if not parts:
        parts.append(msg("verify.outside_pages"))
    return joined(parts)


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
