"""OCR of small rendered pages with the default engine (RapidOCR), offline, and the pieces around it."""

from __future__ import annotations

import socket

import numpy as np
import pytest
from PIL import Image, ImageDraw

from articles.ocr import parse_issue
from articles.scans.engines import RapidOcr, _tesseract_lines, column_pieces, engine, text_rows
from articles.scans.fonts import font
from articles.scans.pipeline import read_page
from articles.scans.scoring import CharErrors, char_errors, score_articles

from .conftest import small_text


@pytest.fixture(scope="module")
def read_small(small_rendering):
    ocr = engine()
    return [read_page(page.image, number=page.truth.number, ocr=ocr) for page in small_rendering.pages]


def test_clean_small_pages_are_read_almost_without_error(small_rendering, read_small):
    total = CharErrors()
    for page, (scan, _) in zip(small_rendering.pages, read_small, strict=True):
        errors = char_errors(page.truth, scan.lines)
        assert errors.chars > 20
        total.add(errors)
    # Nothing read into the picture; full-width brackets read as half-width are the usual slip.
    assert total.rate <= 0.03, (total.errors, total.chars)
    assert total.folded_rate <= 0.015, (total.folded_errors, total.chars)


def test_the_ocr_text_parses_into_the_same_articles_and_photo(read_small):
    text = "\n".join(page_text for _, page_text in read_small)
    parsed = parse_issue(text)
    reference = parse_issue(small_text())
    score = score_articles(reference, parsed)
    assert (score.found, score.titles_right) == (2, 2), score.misses
    assert parsed.masthead == "荆州区新闻"
    assert parsed.date is not None and parsed.date.isoformat() == "2024-03-18"
    assert [p.photographers for p in parsed.photos] == [["张伟"]]


def test_lines_keep_their_boxes_and_confidence(small_rendering, read_small):
    scan, _ = read_small[0]
    assert (scan.width, scan.height) == small_rendering.pages[0].image.size
    for line in scan.lines:
        x0, y0, x1, y1 = line.box
        assert 0 <= x0 < x1 <= scan.width and 0 <= y0 < y1 <= scan.height
        assert 0.0 < line.confidence <= 1.0
    headline = next(line for line in scan.lines if "春耕" in line.text and len(line.text) < 15)
    body = next(line for line in scan.lines if line.text.startswith("本报讯"))
    assert headline.box[3] - headline.box[1] > 1.5 * (body.box[3] - body.box[1])


def test_noisy_small_page_is_still_read(small_noisy_rendering):
    page = small_noisy_rendering.pages[0]
    scan, text = read_page(page.image, number=1, ocr=engine())
    errors = char_errors(page.truth, scan.lines)
    assert errors.rate <= 0.05, (errors.errors, errors.chars)
    assert "川店镇推进春耕备耕工作" in text.replace(" ", "")


def test_no_network_is_used(monkeypatch, small_rendering):
    """A fresh engine loads its models from the wheel and reads a page with sockets refused."""

    def refuse(*args, **kwargs):
        raise OSError("network use during OCR")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    crop = small_rendering.pages[0].image.crop((0, 0, 874, 320))
    lines = RapidOcr().read(crop)
    assert any("荆州区新闻" in line.text for line in lines)


def _strip(*texts: str, gap_em: float, rule: bool = False, dust: bool = False) -> np.ndarray:
    """A detected line as the recogniser gets it: body text at 300 dpi (40 pixels)."""
    f = font("body", 40)
    image = Image.new("L", (1200, 58), 255)
    pen = ImageDraw.Draw(image)
    x = 10.0
    for text in texts:
        pen.text((x, 45), text, font=f, fill=0, anchor="ls")
        x += f.getlength(text) + gap_em * 40
        if rule:  # a vertical rule between the columns, through the whole line and beyond
            pen.line((x - gap_em * 20, 0, x - gap_em * 20, 57), fill=0, width=2)
        if dust:  # a speck in the gutter
            pen.rectangle((x - gap_em * 20, 30, x - gap_em * 20 + 1, 31), fill=0)
    return np.asarray(image.convert("RGB"))


def test_a_line_run_across_a_gutter_is_cut_into_its_columns():
    assert len(column_pieces(_strip("会议强调要压实责任", "推动工作落实见效", gap_em=1.3))) == 2
    assert len(column_pieces(_strip("会议强调要压实责任", "推动工作落实见效", gap_em=1.3, rule=True))) == 2
    assert len(column_pieces(_strip("会议强调要压实责任", "推动工作落实见效", gap_em=1.3, dust=True))) == 2

    # The space after a comma, or between the words of a headline, is no gutter.
    assert len(column_pieces(_strip("会议强调，要压实责任，推动工作落实", gap_em=0))) == 1
    assert len(column_pieces(_strip("紧盯建设时效", "守牢安全底线", gap_em=0.4))) == 1


TSV = "\n".join(
    [
        "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext",
        "5\t1\t1\t1\t1\t1\t10\t10\t40\t30\t96\t区委",
        "5\t1\t1\t1\t1\t2\t52\t10\t40\t30\t90\t召开",
        "5\t1\t1\t1\t1\t3\t140\t10\t40\t30\t88\t会议",  # across a 48-pixel gutter
        "5\t1\t1\t1\t2\t1\t10\t50\t40\t30\t95\t2024",
        "5\t1\t1\t1\t2\t2\t56\t50\t40\t30\t95\tNews",
    ]
)


def test_tesseract_words_become_lines_cut_at_gutters():
    lines = _tesseract_lines(TSV)
    assert [(line.text, line.box) for line in lines] == [
        ("区委召开", (10, 10, 92, 40)),
        ("会议", (140, 10, 180, 40)),
        ("2024 News", (10, 50, 96, 80)),
    ]
    assert lines[0].confidence == pytest.approx(0.93)


def test_the_thin_stroke_of_yi_is_ink_not_a_gutter():
    """一 in a Song face at 300 dpi, smoothed as a scan is, is a line two pixels high: the
    columns it crosses must not count as white space (the line was cut there and 一 lost)."""
    f = font("body", 81)
    image = Image.new("L", (1400, 100), 255)
    ImageDraw.Draw(image).text((20, 78), "下一阶段重点任务", font=f, fill=0, anchor="ls")
    crop = np.asarray(image.resize((700, 50), Image.Resampling.BICUBIC).convert("RGB"))
    assert len(column_pieces(crop)) == 1


def test_two_lines_taken_for_one_are_read_one_by_one():
    f = font("body", 40)
    image = Image.new("L", (700, 120), 255)
    pen = ImageDraw.Draw(image)
    pen.text((10, 48), "会议强调要压实责任", font=f, fill=0, anchor="ls")
    pen.text((10, 106), "推动工作落实见效", font=f, fill=0, anchor="ls")
    pen.line((600, 0, 600, 119), fill=0, width=2)  # a rule down the gutter touches both
    rows = text_rows(np.asarray(image.convert("RGB")))
    assert len(rows) == 2 and rows[0][1] <= 65 <= rows[1][0] + 8
    single = Image.new("L", (700, 60), 255)
    ImageDraw.Draw(single).text((10, 48), "二三三二三二", font=f, fill=0, anchor="ls")
    assert text_rows(np.asarray(single.convert("RGB"))) == [(0, 60)]
