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

from diagnosis.messages import Message, msg

PageMark = tuple[str, tuple[str, ...]]  # content digest, annotation subtypes
SIGNATURE, VISIBLE_SIGNATURE = "signature", "visible signature"


def describe_changes(before: bytes, after: bytes) -> list[Message]:
    """Short phrases naming what changed from `before` to `after` ("page 3: content changed")."""
    try:
        old, new = PdfReader(io.BytesIO(before)), PdfReader(io.BytesIO(after))
        phrases = _page_changes([_mark(p) for p in old.pages], [_mark(p) for p in new.pages])
        phrases += _attachment_changes(old, new)
        if dict(old.metadata or {}) != dict(new.metadata or {}):
            phrases.append(msg("changes.information"))
    except Exception:  # a damaged update: the caller still says the file was changed
        return []
    return phrases


def foreign_annotations(pdf: bytes) -> list[Message]:
    """Phrases for annotations other than the one invisible signature widget ("page 2: a /Square
    annotation"); a visible signature widget is one too (its appearance is drawn over the page)."""
    try:
        reader = PdfReader(io.BytesIO(pdf))
        found, widgets = [], 0
        for number, page in enumerate(reader.pages, start=1):
            kinds = _annotations(page)
            widgets += kinds.count(SIGNATURE) + kinds.count(VISIBLE_SIGNATURE)
            if widgets > 1 and (SIGNATURE in kinds or VISIBLE_SIGNATURE in kinds):
                found.append(msg("changes.second_signature_field", number=number))
            if VISIBLE_SIGNATURE in kinds:
                found.append(msg("changes.visible_signature", number=number))
            found += [
                msg("changes.annotation", number=number, annotation=_a(kind))
                for kind in sorted(set(kinds) - {SIGNATURE, VISIBLE_SIGNATURE})
            ]
    except Exception:
        return [msg("changes.annotations_unreadable")]
    return found


def _page_changes(old: list[PageMark], new: list[PageMark]) -> list[Message]:
    if len(old) != len(new):
        return _pages_added_or_removed(old, new)
    phrases = []
    for number, ((old_content, old_notes), (new_content, new_notes)) in enumerate(
        zip(old, new, strict=True), 1
    ):
        if old_content != new_content:
            phrases.append(msg("changes.content", number=number))
        added = Counter(new_notes) - Counter(old_notes)
        removed = Counter(old_notes) - Counter(new_notes)
        phrases += [msg("changes.annotation_added", number=number, annotation=_a(k)) for k in sorted(added)]
        phrases += [
            msg("changes.annotation_removed", number=number, annotation=_a(k)) for k in sorted(removed)
        ]
    return phrases


def _pages_added_or_removed(old: list[PageMark], new: list[PageMark]) -> list[Message]:
    old_contents, new_contents = [c for c, _ in old], [c for c, _ in new]
    if len(new) < len(old):
        pages = _pages(_unmatched(old_contents, new_contents))
        return [msg("changes.pages_removed", pages=pages, before=len(old), after=len(new))]
    pages = _pages(_unmatched(new_contents, old_contents))
    return [msg("changes.pages_added", pages=pages, before=len(old), after=len(new))]


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


def _attachment_changes(old: PdfReader, new: PdfReader) -> list[Message]:
    before, after = old.attachments, new.attachments
    phrases = []
    for name in sorted(set(before) | set(after)):
        if name not in after:
            phrases.append(msg("changes.file_removed", name=name))
        elif name not in before:
            phrases.append(msg("changes.file_added", name=name))
        elif before[name] != after[name]:
            phrases.append(msg("changes.file_replaced", name=name))
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
    """Each annotation's kind: SIGNATURE for an invisible signature widget, VISIBLE_SIGNATURE for
    one with an area, else its /Subtype."""
    kinds = []
    for ref in page.get("/Annots") or []:
        annotation = ref.get_object()
        subtype = str(annotation.get("/Subtype", "/Unknown"))
        parent = annotation.get("/Parent")
        field_type = annotation.get("/FT") or (parent.get_object().get("/FT") if parent is not None else None)
        if subtype == "/Widget" and field_type == "/Sig":
            kinds.append(VISIBLE_SIGNATURE if _has_area(annotation.get("/Rect")) else SIGNATURE)
        else:
            kinds.append(subtype)
    return kinds


def _has_area(rect: Any) -> bool:
    try:
        left, bottom, right, top = (float(v) for v in rect)
    except (TypeError, ValueError):
        return True  # a widget whose box cannot be read may be drawn anywhere
    return abs(right - left) > 0 and abs(top - bottom) > 0


def _a(kind: str) -> Message:
    """ "a /Square annotation" ("an /Ink …"): the article in English, none in Chinese."""
    vowel = kind.lstrip("/")[:1].upper() in tuple("AEIOU")
    return msg("changes.an_annotation" if vowel else "changes.a_annotation", kind=kind)


def _pages(numbers: list[int]) -> Message:
    if not numbers:
        return msg("changes.some_pages")
    shown = ", ".join(map(str, numbers[:10])) + ("…" if len(numbers) > 10 else "")
    return msg("changes.one_page" if len(numbers) == 1 else "changes.many_pages", numbers=shown)
