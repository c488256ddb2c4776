"""What a signature's own update (the signing revision) changes besides adding the signature.

The signature covers its own update, so the coverage rule cannot see a change made there: a
signer could paint over a page, swap a font or point the document at other pages in the very
update that carries the signature. Every object that update rewrites must therefore be the
catalogue, a page or the document information, changed only where signing changes them; new
objects are reachable only through those (the form, the widget, the signature itself).
"""

from __future__ import annotations

from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.reader import HistoricalResolver, PdfFileReader
from pyhanko.sign.validation.pdf_embedded import EmbeddedPdfSignature

from diagnosis.messages import Message, joined, msg

# What signing may change in objects that were there before: the catalogue gains the form, the
# certification, the XMP metadata and the PDF 2.0 version marks; a page gains the widget.
CATALOGUE_KEYS = frozenset({"/AcroForm", "/Perms", "/Metadata", "/Version", "/Extensions"})
PAGE_KEYS = frozenset({"/Annots"})
FORM_KEYS = frozenset({"/Fields", "/SigFlags"})  # a form already there gains the signature field
MAX_PAGES = 100_000  # a page tree larger than this is not a report

Ref = tuple[int, int]


def signing_update_problems(reader: PdfFileReader, signature: EmbeddedPdfSignature) -> list[Message]:
    """One sentence naming what the signing revision changes beyond the signature (none: nothing)."""
    revision = signature.signed_revision
    if revision < 1:
        return [msg("signing.no_unsigned_revision")]
    before = reader.get_historical_resolver(revision - 1)
    root = _ref(reader.trailer.raw_get("/Root", revision=revision))
    if root != _ref(reader.trailer.raw_get("/Root", revision=revision - 1)):
        return [msg("signing.update_changes", changes=msg("changes.catalogue_replaced"))]
    info = _info(reader, revision)
    form = before.root.raw_get("/AcroForm") if "/AcroForm" in before.root else None
    allowed_in = {root: CATALOGUE_KEYS}
    if isinstance(form, generic.IndirectObject):
        allowed_in[_ref(form)] = FORM_KEYS
    changed: list[tuple[Ref, object]] = []
    for ref in sorted(reader.xrefs.explicit_refs_in_revision(revision), key=lambda r: r.idnum):
        key = (ref.idnum, ref.generation)
        if key == info or reader.xrefs.get_introducing_revision(ref) == revision:
            continue  # the information is not shown; a new object is reached only through checked ones
        then = before.get_object(ref)  # type: ignore[no-untyped-call]
        now = reader.get_object(ref)  # type: ignore[no-untyped-call]
        allowed = allowed_in.get(key) or (PAGE_KEYS if _is_page(then) else None)
        if allowed is None or not _same_except(now, then, allowed):
            changed.append((key, then))
    found = _named(changed, before)
    final_form = reader.root.get("/AcroForm")
    if isinstance(final_form, generic.DictionaryObject) and "/XFA" in final_form:
        found.append(msg("changes.xfa"))  # a form a viewer may show instead of the pages
    return [msg("signing.update_changes", changes=joined(found))] if found else []


def _is_page(value: object) -> bool:
    """A page as that revision had it (whether in the page tree or not: only /Annots may change)."""
    return isinstance(value, generic.DictionaryObject) and value.get("/Type") == "/Page"


def _named(changed: list[tuple[Ref, object]], before: HistoricalResolver) -> list[Message]:
    """The changed objects as a reader would name them: a page by its number, else the object."""
    pages = _page_numbers(before) if any(_is_page(then) for _, then in changed) else {}
    return [
        msg("changes.page", number=pages[key]) if key in pages else msg("changes.object", number=key[0])
        for key, _ in changed
    ]


def _same_except(now: object, then: object, allowed: frozenset[str]) -> bool:
    """Two versions of a dictionary equal in every entry but the `allowed` ones."""
    if not isinstance(now, generic.DictionaryObject) or not isinstance(then, generic.DictionaryObject):
        return False
    return all(now.raw_get(k) == then.raw_get(k) for k in (set(now) | set(then)) - allowed)


def _page_numbers(resolver: HistoricalResolver) -> dict[Ref, int]:
    """Each page object of that revision with its number (1-based), the page tree walked once."""
    numbers: dict[Ref, int] = {}
    seen: set[Ref] = set()
    pending = [resolver.root.raw_get("/Pages")]
    while pending and len(seen) < MAX_PAGES:
        node = pending.pop()
        if not isinstance(node, generic.IndirectObject) or _ref(node) in seen:
            continue
        seen.add(_ref(node))
        value = node.get_object()  # type: ignore[no-untyped-call]
        if not isinstance(value, generic.DictionaryObject):
            continue
        if value.get("/Type") == "/Pages":
            kids = value.raw_get("/Kids") if "/Kids" in value else []
            pending.extend(reversed(list(kids.get_object() if hasattr(kids, "get_object") else kids)))
        else:
            numbers[_ref(node)] = len(numbers) + 1
    return numbers


def _info(reader: PdfFileReader, revision: int) -> Ref | None:
    try:
        return _ref(reader.trailer.raw_get("/Info", revision=revision))
    except (KeyError, AttributeError):
        return None


def _ref(value: object) -> Ref:
    if not isinstance(value, generic.IndirectObject):
        raise ValueError("the trailer does not point to an object")
    return value.idnum, value.generation
