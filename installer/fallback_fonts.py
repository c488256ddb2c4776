"""Make the fallback fonts for characters Noto Sans SC lacks (a maintainer's tool; needs fontTools).

The report sets text in Noto Sans SC; what that font has no glyph for is set in these, in order:

- FallbackHan: every CJK ideograph of the URO, Extension A, Extension B and the compatibility
  block that Hanazono Mincho (HanaMinA/HanaMinB, GlyphWiki, OFL 1.1 or Hanazono licence) has:
  all of Extension B up to Unicode 10. 42,700 glyphs cost 22 MB as drawn, so the outlines are
  flattened and simplified within 0.6 % of the em (invisible at print sizes) on a 128-unit grid,
  and the file is stored xz-compressed (the frozen app has a size budget).
- FallbackHanRecent: the few ideographs of those blocks encoded after Hanazono's release
  (Unicode 11 to 15, e.g. U+2A6D7..U+2A6DF), from BabelStone Han (Arphic Public License).
- NotoEmoji-Regular: Google's monochrome Noto Emoji (OFL 1.1), subset without its ligatures.

    python installer/fallback_fonts.py HanaMinA.ttf HanaMinB.ttf BabelStoneHan.ttf \
        NotoEmoji_400Regular.ttf resources/fonts

see resources/fonts/README.md for where the sources come from.
"""

from __future__ import annotations

import io
import lzma
import sys
from collections.abc import Iterable
from pathlib import Path

from fontTools import subset
from fontTools.fontBuilder import FontBuilder
from fontTools.pens.basePen import BasePen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTFont

IDEOGRAPHS = (
    *range(0x3400, 0x4DC0),  # Extension A
    *range(0x4E00, 0xA000),  # URO
    *range(0xF900, 0xFB00),  # compatibility ideographs
    *range(0x20000, 0x2A6E0),  # Extension B
)
UPM = 128  # units per em: coordinates on this grid are within 0.4 % of the em
TOLERANCE = 6  # in the source's units (1024 per em)
STEPS = 8  # points per curve segment before simplification

Polygon = list[tuple[float, float]]


class FlattenPen(BasePen):  # type: ignore[misc]
    """Records an outline as closed polygons, curves sampled in STEPS straight pieces."""

    def __init__(self) -> None:
        super().__init__(None)
        self.polygons: list[Polygon] = []

    def _moveTo(self, pt: tuple[float, float]) -> None:
        self.polygons.append([pt])

    def _lineTo(self, pt: tuple[float, float]) -> None:
        self.polygons[-1].append(pt)

    def _qCurveToOne(self, c: tuple[float, float], end: tuple[float, float]) -> None:
        (x0, y0), (cx, cy), (x1, y1) = self._getCurrentPoint(), c, end
        for step in range(1, STEPS + 1):
            t = step / STEPS
            u = 1 - t
            self.polygons[-1].append(
                (u * u * x0 + 2 * u * t * cx + t * t * x1, u * u * y0 + 2 * u * t * cy + t * t * y1)
            )

    def _curveToOne(self, c1: tuple[float, float], c2: tuple[float, float], end: tuple[float, float]) -> None:
        (x0, y0), (ax, ay), (bx, by), (x1, y1) = self._getCurrentPoint(), c1, c2, end
        for step in range(1, STEPS + 1):
            t = step / STEPS
            u = 1 - t
            self.polygons[-1].append(
                (
                    u**3 * x0 + 3 * u * u * t * ax + 3 * u * t * t * bx + t**3 * x1,
                    u**3 * y0 + 3 * u * u * t * ay + 3 * u * t * t * by + t**3 * y1,
                )
            )


def douglas_peucker(points: Polygon, tolerance: float) -> Polygon:
    """The open polyline with only the points that keep it within `tolerance` of the original."""
    keep, stack = {0, len(points) - 1}, [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        (ax, ay), (bx, by) = points[first], points[last]
        dx, dy = bx - ax, by - ay
        length = (dx * dx + dy * dy) ** 0.5
        far, index = -1.0, first
        for i in range(first + 1, last):
            px, py = points[i]
            d = (
                abs(dx * (ay - py) - dy * (ax - px)) / length
                if length
                else ((px - ax) ** 2 + (py - ay) ** 2) ** 0.5
            )
            if d > far:
                far, index = d, i
        if far > tolerance:
            keep.add(index)
            stack += [(first, index), (index, last)]
    return [points[i] for i in sorted(keep)]


def simplified(polygon: Polygon, scale: float) -> list[tuple[int, int]]:
    """A closed polygon simplified (split at its farthest point) and rounded onto the new grid."""
    ax, ay = polygon[0]
    far = max(range(len(polygon)), key=lambda i: (polygon[i][0] - ax) ** 2 + (polygon[i][1] - ay) ** 2)
    loop = (
        douglas_peucker(polygon[: far + 1], TOLERANCE)[:-1]
        + douglas_peucker([*polygon[far:], polygon[0]], TOLERANCE)[:-1]
    )
    out: list[tuple[int, int]] = []
    for x, y in loop:
        point = (round(x * scale), round(y * scale))
        if not out or out[-1] != point:
            out.append(point)
    while len(out) > 1 and out[0] == out[-1]:
        out.pop()
    return out


def build(sources: Iterable[TTFont], wanted: set[int], family: str, notices: dict[int, str]) -> TTFont | None:
    """A new TrueType font with the wanted characters of the first source that has each one."""
    glyphs, metrics, cmap, order = {}, {}, {}, [".notdef"]
    pen = TTGlyphPen(None)
    glyphs[".notdef"], metrics[".notdef"] = pen.glyph(), (UPM, 0)
    ascent = descent = 0
    for font in sources:
        scale = UPM / font["head"].unitsPerEm
        ascent, descent = round(font["hhea"].ascent * scale), round(font["hhea"].descent * scale)
        glyph_set = font.getGlyphSet()
        for code, name in sorted(font.getBestCmap().items()):
            if code not in wanted or code in cmap:
                continue
            flatten = FlattenPen()
            glyph_set[name].draw(flatten)
            pen = TTGlyphPen(None)
            for polygon in flatten.polygons:
                points = simplified(polygon, scale) if len(polygon) > 2 else []
                if len(points) < 3:
                    continue
                pen.moveTo(points[0])
                for point in points[1:]:
                    pen.lineTo(point)
                pen.closePath()
            new = f"uni{code:04X}" if code < 0x10000 else f"u{code:05X}"
            glyph = pen.glyph()
            glyph.recalcBounds(None)
            glyphs[new], cmap[code] = glyph, new
            metrics[new] = (round(font["hmtx"][name][0] * scale), getattr(glyph, "xMin", 0))
            order.append(new)
    if not cmap:
        return None
    builder = FontBuilder(UPM, isTTF=True)
    builder.setupGlyphOrder(order)
    builder.setupCharacterMap(cmap)
    builder.setupGlyf(glyphs)
    builder.setupHorizontalMetrics(metrics)
    builder.setupHorizontalHeader(ascent=ascent, descent=descent)
    builder.setupNameTable({"familyName": family, "styleName": "Regular"})
    for name_id, text in notices.items():
        builder.font["name"].setName(text, name_id, 3, 1, 0x409)
    builder.setupOS2(sTypoAscender=ascent, sTypoDescender=descent, usWinAscent=ascent, usWinDescent=-descent)
    builder.setupPost()
    builder.font["head"].created = builder.font["head"].modified = 0x7C25B080  # 2001, so reruns match
    return builder.font


def save_xz(font: TTFont, target: Path) -> None:
    raw = io.BytesIO()
    font.recalcTimestamp = False  # reruns give the same bytes
    font.save(raw)
    target.write_bytes(lzma.compress(raw.getvalue(), preset=9 | lzma.PRESET_EXTREME))
    size, stored = raw.tell() / 1e6, target.stat().st_size / 1e6
    print(f"{target}: {len(font.getBestCmap())} characters, {size:.1f} MB, stored {stored:.1f} MB")


NOTICE = (
    "Modified by the diagnosis project in 2025: subset to the ideographs Noto Sans SC lacks, "
    "outlines simplified within 0.6 % of the em on a 128-unit grid."
)
HANAZONO = {
    0: "Copyright 2008-2017 GlyphWiki Project. " + NOTICE + " Renamed, as the OFL's Reserved Font Names "
    "(Hanazono Font, HanaMinA, HanaMinB) require.",
    13: "SIL Open Font License 1.1 or Hanazono Font License, see LICENSE-Hanazono.txt",
}
BABELSTONE = {
    0: "(c) Copyright 1994-1999, Arphic Technology Co., Ltd.; (c) Copyright 2009-2023, Andrew West. "
    "Derived from BabelStone Han 15.0.5. " + NOTICE,
    13: "Arphic Public License, see ARPHICPL.TXT",
}


def main() -> None:
    hana_a, hana_b, babelstone, emoji, folder = (Path(a) for a in sys.argv[1:6])
    have = set(TTFont(folder / "NotoSansSC-Regular.ttf").getBestCmap())
    wanted = set(IDEOGRAPHS) - have
    han = build([TTFont(hana_b), TTFont(hana_a)], wanted, "FallbackHan", HANAZONO)
    assert han is not None
    save_xz(han, folder / "FallbackHan.ttf.xz")
    recent = build([TTFont(babelstone)], wanted - set(han.getBestCmap()), "FallbackHanRecent", BABELSTONE)
    assert recent is not None
    save_xz(recent, folder / "FallbackHanRecent.ttf.xz")
    font = TTFont(emoji)
    options = subset.Options()
    options.layout_features = []  # reportlab does not shape: sequences print as their parts
    options.name_IDs = ["*"]
    options.notdef_outline = True
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=set(font.getBestCmap()) - have)
    subsetter.subset(font)
    save_xz(font, folder / "NotoEmoji-Regular.ttf.xz")


if __name__ == "__main__":
    main()
