"""The bundled fonts cover what the report sets in them (the fonts are cut down to save space)."""

from __future__ import annotations

from reportlab.pdfbase.ttfonts import TTFontFile

from diagnosis import paths
from diagnosis.loading.catalogue import default_catalogue
from diagnosis.model.index import index_of
from diagnosis.report.labels import LABELS


def covered(font: str) -> set[int]:
    return set(TTFontFile(str(paths.resources() / "fonts" / font)).charToGlyph)


def missing(text: str, cmap: set[int]) -> set[str]:
    return {ch for ch in text if not ch.isspace() and ord(ch) not in cmap}


def test_bold_covers_every_heading() -> None:
    bold = covered("NotoSansSC-Bold.ttf")
    headings = [zh for zh, _ in LABELS.values()]
    for entry in default_catalogue().all():
        index = index_of(entry.questionnaire)
        headings.append(entry.questionnaire.title.zh)
        headings += [d.name.zh for d in index.dimensions.values()]
        headings += [level.name.zh for d in index.walk() for level in index.levels(d)]
    assert missing("".join(headings), bold) == set()


def test_regular_covers_all_questionnaire_text_and_common_names() -> None:
    regular = covered("NotoSansSC-Regular.ttf")
    texts = "".join(entry.raw.decode("utf-8") for entry in default_catalogue().all())
    assert missing(texts, regular) == set()
    assert missing("䶮堃喆昇犇淼焱鑫垚彧甄翀", regular) == set()  # characters common in Chinese names
