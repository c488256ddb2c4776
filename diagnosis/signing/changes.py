"""What a PDF update did, page by page, and which annotations a signed report may carry.

Used to say *where* a report was changed after it was signed: the signed revision (the bytes the
signature covers) is compared with the whole file. Best effort: a phrase list, never an exception.
"""

from __future__ import annotations

import hashlib
import io
from collections import Counter
from typing import Any

from pypdf import PdfReader
from pypdf.generic import DictionaryObject

PageMark = tuple[str, tuple[str, ...]]  # content digest, annotation subtypes


def describe_changes(before: bytes, after: bytes) -> list[str]:
    """Short phrases naming what changed from `before` to `after` ("page 3: content changed")."""
    try:
        old, new = PdfReader(io.BytesIO(before)), PdfReader(io.BytesIO(after))
        phrases = _page_changes([_mark(p) for p in old.pages], [_mark(p) for p in new.pages])
        phrases += _attachment_changes(old, new)
        if dict(old.metadata or {}) != dict(new.metadata or {}):
            phrases.append("the document information was changed")
    except Exception:  # a damaged update: the caller still says the file was changed
        return []
    return phrases


def foreign_annotations(pdf: bytes) -> list[str]:
    """Phrases for annotations other than the one signature widget ("page 2: a /Square annotation")."""
    try:
        reader = PdfReader(io.BytesIO(pdf))
        found, widgets = [], 0
        for number, page in enumerate(reader.pages, start=1):
            kinds = _annotations(page)
            widgets += kinds.count("signature")
            if widgets > 1 and "signature" in kinds:
                found.append(f"page {number}: a second signature field")
            found += [f"page {number}: {_a(kind)} annotation" for kind in sorted(set(kinds) - {"signature"})]
    except Exception:
        return ["the annotations of its pages cannot be read"]
    return found


def _page_changes(old: list[PageMark], new: list[PageMark]) -> list[str]:
    if len(old) != len(new):
        return _pages_added_or_removed(old, new)
    phrases = []
    for number, ((old_content, old_notes), (new_content, new_notes)) in enumerate(
        zip(old, new, strict=True), 1
    ):
        if old_content != new_content:
            phrases.append(f"page {number}: content changed")
        added = Counter(new_notes) - Counter(old_notes)
        removed = Counter(old_notes) - Counter(new_notes)
        phrases += [f"page {number}: {_a(kind)} annotation added" for kind in sorted(added)]
        phrases += [f"page {number}: {_a(kind)} annotation removed" for kind in sorted(removed)]
    return phrases


def _pages_added_or_removed(old: list[PageMark], new: list[PageMark]) -> list[str]:
    counts = f"— {len(old)} pages when signed, {len(new)} now"
    old_contents, new_contents = [c for c, _ in old], [c for c, _ in new]
    if len(new) < len(old):
        return [f"{_pages(_unmatched(old_contents, new_contents))} removed {counts}"]
    return [f"{_pages(_unmatched(new_contents, old_contents))} added {counts}"]


def _unmatched(pages: list[str], others: list[str]) -> list[int]:
    """Numbers of the pages whose content has no counterpart among `others`."""
    remaining = Counter(others)
    numbers = []
    for number, content in enumerate(pages, start=1):
        if remaining[content]:
            remaining[content] -= 1
        else:
            numbers.append(number)
    return numbers


def _attachment_changes(old: PdfReader, new: PdfReader) -> list[str]:
    before, after = old.attachments, new.attachments
    phrases = []
    for name in sorted(set(before) | set(after)):
        if name not in after:
            phrases.append(f"the embedded file {name} was removed")
        elif name not in before:
            phrases.append(f"the embedded file {name} was added")
        elif before[name] != after[name]:
            phrases.append(f"the embedded file {name} was replaced")
    return phrases


def _mark(page: DictionaryObject) -> PageMark:
    """A digest of what the page shows (its content and the images/forms it draws) and its notes."""
    digest = hashlib.sha256()
    contents = page.get_contents()  # type: ignore[attr-defined]
    digest.update(contents.get_data() if contents is not None else b"")
    resources = page.get("/Resources")
    xobjects = resources.get_object().get("/XObject") if resources is not None else None
    for name, ref in sorted((xobjects.get_object() if xobjects is not None else {}).items()):
        digest.update(str(name).encode() + _raw(ref.get_object()))
    return digest.hexdigest(), tuple(_annotations(page))


def _raw(stream: Any) -> bytes:
    data = getattr(stream, "_data", b"")
    return data if isinstance(data, bytes) else b""


def _annotations(page: DictionaryObject) -> list[str]:
    """Each annotation's kind: "signature" for a signature widget, else its /Subtype."""
    kinds = []
    for ref in page.get("/Annots") or []:
        annotation = ref.get_object()
        subtype = str(annotation.get("/Subtype", "/Unknown"))
        parent = annotation.get("/Parent")
        field_type = annotation.get("/FT") or (parent.get_object().get("/FT") if parent is not None else None)
        kinds.append("signature" if subtype == "/Widget" and field_type == "/Sig" else subtype)
    return kinds


def _a(kind: str) -> str:
    return f"an {kind}" if kind[1:2].upper() in "AEIOU" else f"a {kind}"


def _pages(numbers: list[int]) -> str:
    if not numbers:
        return "pages"
    shown = ", ".join(map(str, numbers[:10])) + ("…" if len(numbers) > 10 else "")
    return f"page {shown}" if len(numbers) == 1 else f"pages {shown}"
