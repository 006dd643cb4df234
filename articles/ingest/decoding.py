"""Turn the bytes of an OCR file into text, or say clearly why not."""

from __future__ import annotations

import re
from dataclasses import dataclass

# Control characters but the tab, line and page breaks (U+0009–U+000D), counted by the regex
# engine: a loop in Python over every character cost more than decoding the file.
_CONTROL_RE = re.compile("[\x00-\x08\x0e-\x1f]")


class OcrDecodeError(ValueError):
    """The file cannot be read as text; the message says why, in one line."""


@dataclass(frozen=True, slots=True)
class DecodedText:
    text: str
    encoding: str  # "utf-8", "utf-8-sig", "gb18030"
    notes: tuple[str, ...] = ()


def decode_ocr_bytes(data: bytes) -> DecodedText:
    """Decode UTF-8 (with or without BOM) or GB18030/GBK; normalise line endings."""
    if not data.strip():
        raise OcrDecodeError("文件为空 (empty file)")
    # A NUL almost always means a binary file, and PostgreSQL cannot store one in text: the
    # same rule wherever it is in the file, on every database (the offset helps find it).
    nul = data.find(b"\x00")
    if nul != -1:
        raise OcrDecodeError(f"不是文本文件：第 {nul} 字节处有 NUL 字符 (binary file: NUL byte at offset {nul})")
    notes: list[str] = []
    if data.startswith(b"\xef\xbb\xbf"):
        text, encoding = data[3:].decode("utf-8", errors="strict"), "utf-8-sig"
        notes.append("去掉了 UTF-8 BOM (UTF-8 BOM removed)")
    else:
        try:
            text, encoding = data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError as utf8_error:
            try:
                text, encoding = data.decode("gb18030"), "gb18030"
            except UnicodeDecodeError:
                raise OcrDecodeError(
                    f"既不是 UTF-8 也不是 GB18030 编码 (not UTF-8: {utf8_error.reason} "
                    f"at byte {utf8_error.start}; not GB18030 either)"
                ) from None
            notes.append("按 GB18030/GBK 编码读取 (decoded as GB18030/GBK, not UTF-8)")
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        notes.append("换行符已统一为 LF (CRLF line endings normalised)")
    sample = text[:65536]
    controls = len(_CONTROL_RE.findall(sample))
    if controls > max(8, len(sample) // 100):
        raise OcrDecodeError(f"不是文本文件 (binary file: {controls} control characters)")
    if not any(ch.isalnum() for ch in sample):
        raise OcrDecodeError("文件中没有文字 (no text in file)")
    return DecodedText(text=text, encoding=encoding, notes=tuple(notes))
