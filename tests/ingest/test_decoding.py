"""Reading the bytes of an OCR file (no database)."""

import pytest

from articles.ingest.decoding import OcrDecodeError, decode_ocr_bytes

TEXT = "荆州区新闻\n本报讯（通讯员王思奇）近日，区委召开会议。\n"


def test_plain_utf8_is_read_as_is():
    decoded = decode_ocr_bytes(TEXT.encode())
    assert decoded.text == TEXT
    assert decoded.encoding == "utf-8"
    assert decoded.notes == ()


def test_bom_is_removed_and_reported():
    decoded = decode_ocr_bytes(b"\xef\xbb\xbf" + TEXT.encode())
    assert decoded.text == TEXT
    assert any("BOM" in note for note in decoded.notes)


def test_gb18030_is_decoded_and_reported():
    decoded = decode_ocr_bytes(TEXT.encode("gb18030"))
    assert decoded.text == TEXT
    assert decoded.encoding == "gb18030"
    assert any("GB18030" in note for note in decoded.notes)


@pytest.mark.parametrize("newline", ["\r\n", "\r"])
def test_crlf_and_cr_become_lf(newline):
    decoded = decode_ocr_bytes(TEXT.replace("\n", newline).encode())
    assert decoded.text == TEXT


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty"),
        (b"\n \n", "empty"),
        (b"PK\x03\x04\x00\x00binary", "NUL"),
        (bytes(range(1, 32)) * 50, "control characters"),
        (b"\xff\xfe\xfd caf\xe9 ", "not UTF-8"),
        ("。，、\n".encode(), "no text"),
    ],
)
def test_bad_input_names_the_reason(data, reason):
    with pytest.raises(OcrDecodeError, match=reason):
        decode_ocr_bytes(data)
