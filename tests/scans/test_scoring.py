"""The measures the OCR benchmark reports: character errors, reading order, articles and titles."""

from __future__ import annotations

from articles.ocr import parse_issue
from articles.scans.scoring import char_errors, edit_distance, reading_order, score_articles
from articles.scans.types import OcrLine, PageTruth, TruthLine


def page(*lines: tuple[str, tuple[int, int, int, int], int]) -> PageTruth:
    return PageTruth(1, 1000, 1000, [TruthLine(t, box, "body", block, article=0) for t, box, block in lines])


def test_edit_distance():
    assert edit_distance("苎麻纺织", "芒麻纺织") == 1
    assert edit_distance("", "朱翊") == 2
    assert edit_distance("朱翊钧", "朱钧") == 1


def test_lines_split_or_joined_by_the_engine_are_compared_whole():
    truth = page(("区委召开会议", (0, 0, 120, 20), 0), ("研究部署工作", (140, 0, 260, 20), 1))
    joined = [OcrLine("区委召开会议研究部署工作", (0, 0, 260, 20), 0.9)]
    split = [OcrLine("区委召", (0, 0, 60, 20), 0.9), OcrLine("开会议", (60, 0, 120, 20), 0.9), OcrLine("研究部署工作", (140, 0, 260, 20), 0.9)]
    assert char_errors(truth, joined).errors == 0
    assert char_errors(truth, split).errors == 0
    wrong = [OcrLine("区委召开会仪", (0, 0, 120, 20), 0.9)]  # and the second line missed
    result = char_errors(truth, wrong)
    assert (result.errors, result.chars) == (7, 12)


def test_width_folding_is_reported_apart_from_strict_errors():
    truth = page(("会议(扩大)召开", (0, 0, 160, 20), 0))
    result = char_errors(truth, [OcrLine("会议（扩大）召开", (0, 0, 160, 20), 0.9)])
    assert result.errors == 2 and result.folded_errors == 0


def test_reading_order_counts_lines_read_one_after_the_other():
    truth = page(*[(f"第{k}行文字", (0, k * 30, 100, k * 30 + 20), 0) for k in range(4)])
    ocr = [OcrLine(line.text, line.box, 1.0) for line in truth.lines]
    assert reading_order(truth, ocr) == 1.0
    assert reading_order(truth, [ocr[0], ocr[2], ocr[1], ocr[3]]) == 0.0


def test_articles_found_and_titles_right():
    body = "本报讯（通讯员王芳）近日，区里召开春季农业生产工作会议，部署当前农业农村重点工作。会议要求各镇做好春耕备耕。"
    reference = parse_issue(f"## 区里召开春耕工作会议\n\n{body}\n")
    same = parse_issue(f"## 区里召开春耕工作会议\n\n{body}\n")
    misread = parse_issue(f"## 区里召开春耕工作会仪\n\n{body}\n")
    assert (score_articles(reference, same).found, score_articles(reference, same).titles_right) == (1, 1)
    score = score_articles(reference, misread)
    assert (score.found, score.titles_right) == (1, 0)
    assert score_articles(reference, parse_issue("无关的文字。\n")).found == 0
