"""The bundled font files and their bytes, without reportlab (the GUI registers the same files)."""

from __future__ import annotations

import lzma

from diagnosis import paths

# Tried in this order for characters Noto Sans SC lacks. Stored xz-compressed: FallbackHan is
# 15 MB unpacked, 4.8 MB packed, and the frozen app has a size budget.
FALLBACKS = {
    "FallbackHan": "FallbackHan.ttf.xz",  # CJK Extension B and other rare ideographs (Hanazono)
    "FallbackHanRecent": "FallbackHanRecent.ttf.xz",  # ideographs encoded after Hanazono (Unicode 11+)
    "NotoEmoji": "NotoEmoji-Regular.ttf.xz",  # monochrome emoji
}


def fallback_data(name: str) -> bytes:
    """The TrueType file of a fallback font (unpacking FallbackHan takes about half a second)."""
    return lzma.decompress((paths.resources() / "fonts" / FALLBACKS[name]).read_bytes())
