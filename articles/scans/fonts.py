"""Find Debian's Noto CJK fonts (package ``fonts-noto-cjk``) and open their Simplified Chinese face.

The .ttc files hold one face per region (JP, KR, SC, TC, HK); the glyph shapes differ between
them (e.g. 骨, 直), so the face is chosen by name, never by a fixed index.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from PIL import ImageFont

FONT_DIRS = (Path("/usr/share/fonts"), Path("/usr/local/share/fonts"))
# Body text is set in a Song (serif) face, headlines in a bold Hei (sans) face, as papers do.
FACES = {
    "body": "NotoSerifCJK-Regular.ttc",
    "body_bold": "NotoSerifCJK-Bold.ttc",
    "head": "NotoSansCJK-Bold.ttc",
    "label": "NotoSansCJK-Regular.ttc",
}


class FontMissing(FileNotFoundError):
    """The Noto CJK fonts are not installed."""


@cache
def font_file(name: str) -> Path:
    for base in FONT_DIRS:
        if base.is_dir():
            found = sorted(base.rglob(name))
            if found:
                return found[0]
    raise FontMissing(f"找不到字体 {name}（需要安装 fonts-noto-cjk）")


@cache
def _sc_index(path: Path) -> int:
    for index in range(8):
        try:
            family = ImageFont.truetype(str(path), 12, index=index).getname()[0] or ""
        except OSError:
            break
        if family.endswith(" SC"):
            return index
    return 0


@cache
def font(kind: str, size: int) -> ImageFont.FreeTypeFont:
    """The face for ``kind`` (body, body_bold, head, label) at ``size`` pixels."""
    path = font_file(FACES[kind])
    return ImageFont.truetype(str(path), max(6, size), index=_sc_index(path))
