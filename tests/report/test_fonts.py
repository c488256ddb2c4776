"""The bundled fonts cover what the report sets in them (the fonts are cut down to save space), and
what they lack prints from a fallback font or as a visible placeholder."""

from __future__ import annotations

import io
import json
from functools import cache

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pypdf import PdfReader
from reportlab.pdfbase.ttfonts import TTFontFile
from reportlab.platypus import Paragraph

from diagnosis import paths
from diagnosis.cli.reports_run import demo_input
from diagnosis.loading.catalogue import default_catalogue
from diagnosis.model.index import index_of
from diagnosis.report.fontfiles import FALLBACKS, fallback_data
from diagnosis.report.fonts import BOLD, PLACEHOLDER, REGULAR, drawable, paragraph_markup, runs, string_width
from diagnosis.report.labels import LABELS
from diagnosis.report.pdf import PAYLOAD_NAME, build_pdf
from diagnosis.report.styles import style
from diagnosis.report.verify import verify_pdf


@cache
def covered(font: str) -> frozenset[int]:
    return frozenset(TTFontFile(str(paths.resources() / "fonts" / font)).charToGlyph)


def missing(text: str, cmap: frozenset[int]) -> set[str]:
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


# Rare characters of names: 𠮷 (U+20BB7, Extension B: only the fallback has it), 䶮 (Extension A:
# Noto Sans SC has it), an emoji, and a private-use character that no font can draw.
RARE_NAME = "𠮷野家（䶮）🏭 \ue000有限公司"


def fallback(name: str) -> set[int]:
    return set(TTFontFile(io.BytesIO(fallback_data(name))).charToGlyph)


def test_fallbacks_cover_extension_b_and_emoji_without_duplicating_the_main_font() -> None:
    regular = covered("NotoSansSC-Regular.ttf")
    han, recent, emoji = (fallback(name) for name in FALLBACKS)
    assert set(range(0x20000, 0x2A6E0)) <= regular | han | recent  # all of CJK Extension B
    assert set(range(0x4E00, 0xA000)) | set(range(0x3400, 0x4DC0)) <= regular | han | recent
    assert 0x1F3ED in emoji and 0x1F600 in emoji
    assert not (han | recent | emoji) & regular
    assert 0xE000 not in regular | han | recent | emoji


def test_paragraph_markup_switches_fonts_and_marks_what_nothing_draws() -> None:
    assert paragraph_markup("A<&>\n数字化") == "A&lt;&amp;&gt;<br/>数字化"
    assert paragraph_markup("𠮷野家") == '<font name="FallbackHan">𠮷</font>野家'
    assert paragraph_markup("工厂🏭\ufe0f") == '工厂<font name="NotoEmoji">🏭</font>'  # no shaping: VS16 goes
    assert paragraph_markup("a\ue000\x07b") == f"a{PLACEHOLDER}{PLACEHOLDER}b"
    assert paragraph_markup("龑䶮", BOLD) == '<font name="NotoSansSC">龑䶮</font>'  # Bold has GB2312 only
    assert PLACEHOLDER in {chr(c) for c in covered("NotoSansSC-Bold.ttf")}


def test_canvas_strings() -> None:
    assert drawable("数字化") == "数字化"
    assert drawable("𠮷野家🏭\ue000\n") == f"{PLACEHOLDER}野家{PLACEHOLDER}{PLACEHOLDER} "
    assert runs("𠮷野家🏭") == [("FallbackHan", "𠮷"), (REGULAR, "野家"), ("NotoEmoji", "🏭")]
    assert string_width("𠮷野家", REGULAR, 10) == pytest.approx(30)  # three full-width characters


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_any_text_sets_without_error_and_canvas_text_stays_in_the_font(text: str) -> None:
    Paragraph(paragraph_markup(text, BOLD), style("h2")).wrap(300, 800)
    assert {ord(c) for c in drawable(text)} <= covered("NotoSansSC-Regular.ttf")


@pytest.fixture(scope="module")
def rare_report() -> bytes:
    source = demo_input()
    source.enterprise = dict(source.enterprise) | {"name": RARE_NAME}
    return build_pdf(source)


def test_rare_name_prints_with_embedded_fonts_and_exact_data(rare_report: bytes) -> None:
    reader = PdfReader(io.BytesIO(rare_report))
    fonts = {}
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            fonts[str(font["/BaseFont"]).split("+")[-1]] = font
    assert {"NotoSansSC-Regular", "FallbackHan", "NotoEmoji-Regular"} <= set(fonts)
    for name, font in fonts.items():  # what `pdffonts` calls emb: yes, for every font
        assert "/FontFile2" in font["/FontDescriptor"], name
    text = "".join(page.extract_text() for page in reader.pages)
    printed = RARE_NAME.replace("\ue000", PLACEHOLDER)
    assert printed.replace(" ", "") in text.replace(" ", "")  # the cover, and copyable as text
    assert "\ue000" not in text
    payload = json.loads(reader.attachments[PAYLOAD_NAME][0])
    assert RARE_NAME in json.dumps(payload, ensure_ascii=False)  # the data keeps the exact name
    assert verify_pdf(rare_report, require_signature=False).ok
