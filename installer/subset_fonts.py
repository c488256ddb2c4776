"""Make the bundled fonts (a maintainer's tool, not run by the app or CI; needs fontTools).

Regular covers every character of GBK (about 21,800 Hanzi, plus Latin and punctuation), every
other CJK ideograph the font has (URO up to U+9FFF, Extensions A to H, compatibility ideographs:
the rare characters of personal and company names, such as those the 2013 Table of General
Standard Chinese Characters added) and Vietnamese Latin (U+1E00..U+1EFF). Bold is only used for
headings built from questionnaire and report wording, so GB2312 (6,763 Hanzi) suffices. Both are
static instances of the variable Noto Sans SC (OFL 1.1); see resources/fonts/README.md for where
that file comes from. What Regular lacks is drawn by the fallback fonts
(installer/fallback_fonts.py, run after this).

    python installer/subset_fonts.py "NotoSansSC[wght].ttf" resources/fonts
"""

from __future__ import annotations

import contextlib
import sys
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont
from fontTools.varLib import instancer

COMMON = (
    *range(0x20, 0x7F),
    *range(0xA0, 0x250),
    *range(0x2000, 0x2BFF),
    *range(0x3000, 0x3040),
    *range(0xFF00, 0xFFF0),
)


def two_byte(encoding: str, first: range, second: range) -> set[int]:
    found = set()
    for hi in first:
        for lo in second:
            with contextlib.suppress(UnicodeDecodeError):
                found.add(ord(bytes([hi, lo]).decode(encoding)))
    return found


def make(variable: Path, weight: int, unicodes: set[int], target: Path) -> None:
    font = instancer.instantiateVariableFont(TTFont(variable), {"wght": weight}, updateFontNames=True)
    options = subset.Options()
    options.layout_features = ["*"]
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.notdef_outline = True
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=unicodes | set(COMMON))
    subsetter.subset(font)
    font.save(target)
    print(f"{target}: {target.stat().st_size / 1e6:.1f} MB")


def main() -> None:
    variable, folder = Path(sys.argv[1]), Path(sys.argv[2])
    gbk = two_byte("gbk", range(0x81, 0xFF), range(0x40, 0xFF))
    gb2312 = two_byte("gb2312", range(0xA1, 0xF8), range(0xA1, 0xFF))
    rare = {
        *range(0x1E00, 0x1F00),  # Latin Extended Additional (Vietnamese)
        *range(0x3400, 0x4DC0),  # CJK Extension A
        *range(0x4E00, 0xA000),  # CJK Unified Ideographs (GBK stops at U+9FA5)
        *range(0xF900, 0xFB00),  # CJK Compatibility Ideographs
        *range(0x20000, 0x323B0),  # CJK Extensions B to H
        *range(0x2F800, 0x2FA20),  # CJK Compatibility Ideographs Supplement
    }
    make(variable, 400, gbk | rare, folder / "NotoSansSC-Regular.ttf")
    make(variable, 700, gb2312, folder / "NotoSansSC-Bold.ttf")


if __name__ == "__main__":
    main()
