"""render_pages, import_scans --dry-run --json and bench_ocr, as an operator runs them."""

from __future__ import annotations

import io
import json
from pathlib import Path

import numpy as np
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from PIL import Image

from articles.models import Issue
from articles.scans import pipeline
from articles.scans.sources import find_sources, open_page
from articles.scans.types import OcrLine

from .conftest import FIXTURES

SMALL = ["--paper", "A5", "--dpi", "150", "--seed", "1"]


def run(*args: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command(*args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


@pytest.fixture(scope="module")
def rendered(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("pages")
    run("render_pages", str(FIXTURES / "small_issue.txt"), "--out", str(folder), *SMALL)
    return folder


def test_render_pages_writes_pages_and_ground_truth(rendered, tmp_path):
    pages = sorted(rendered.glob("small_issue-page-*.png"))
    assert [p.name for p in pages] == ["small_issue-page-01.png", "small_issue-page-02.png"]
    assert Image.open(pages[0]).size == (874, 1240)
    truth = json.loads((rendered / "small_issue.truth.json").read_text(encoding="utf-8"))
    assert "不是真实扫描件" in truth["note"]
    lines = truth["pages"][0]["lines"]
    assert {"text", "box", "role", "block", "article"} <= lines[0].keys()
    assert any(line["role"] == "headline" and line["text"] == "川店镇推进春耕备耕工作" for line in lines)
    # Same seed, same pixels; other formats hold the same pages.
    run("render_pages", str(FIXTURES / "small_issue.txt"), "--out", str(tmp_path), *SMALL)
    assert (tmp_path / pages[0].name).read_bytes() == pages[0].read_bytes()
    # A PDF page is rasterised at 300 dpi whatever it was made at (here 150 dpi: twice the size).
    for fmt, name, size in (("pdf", "small_issue.pdf", (1748, 2480)), ("tiff", "small_issue.tif", (874, 1240))):
        run("render_pages", str(FIXTURES / "small_issue.txt"), "--out", str(tmp_path), *SMALL, "--format", fmt)
        (source,) = find_sources([tmp_path / name])
        assert len(source.pages) == 2 and not source.error
        assert open_page(source.pages[1]).size == pytest.approx(size, abs=1)


@pytest.mark.django_db
def test_import_scans_dry_run_json_has_the_import_seeds_contract_plus_pages(rendered, tmp_path):
    folder = tmp_path / "2024-03-18"
    folder.mkdir()
    for page in sorted(rendered.glob("*.png")):
        (folder / page.name).write_bytes(page.read_bytes())
    out, _ = run("import_scans", str(folder), "--dry-run", "--json")
    (issue,) = json.loads(out)["issues"]
    text_report = json.loads(run("import_seeds", str(FIXTURES / "small_issue.txt"), "--dry-run", "--json")[0])
    assert text_report["issues"][0].keys() <= issue.keys()
    assert issue["source"] == "2024-03-18" and issue["outcome"] == "created"
    assert issue["masthead"] == "荆州区新闻" and issue["date"] == "2024-03-18"
    assert [a["headline"] for a in issue["articles"]] == ["川店镇推进春耕备耕工作", "西城街道开展志愿服务进社区活动"]
    assert [a["correspondents"] for a in issue["articles"]] == [["李晓明"], ["王丽华"]]
    assert issue["photos"][0]["photographers"] == ["张伟"]
    assert [(p["number"], p["width"], p["height"]) for p in issue["pages"]] == [(1, 874, 1240), (2, 874, 1240)]
    line = issue["pages"][0]["lines"][0]
    assert set(line) == {"text", "box", "confidence"} and len(line["box"]) == 4
    assert line["text"] == "荆州区新闻"  # reading order: the masthead first


class InkEngine:
    """Stands in for the OCR: one line per page saying how much ink the page has."""

    name = "ink"

    def read(self, image: Image.Image) -> list[OcrLine]:
        ink = float((np.asarray(image.convert("L")) < 128).mean())
        return [OcrLine(f"墨迹{ink:.4f}", (10, 10, 300, 40), 0.9)]


@pytest.mark.django_db
@pytest.mark.parametrize("fmt", ["pdf", "tiff", "jpeg"])
def test_import_scans_reads_pdf_tiff_and_jpeg_pages_in_order(monkeypatch, rendered, tmp_path, fmt):
    run("render_pages", str(FIXTURES / "small_issue.txt"), "--out", str(tmp_path), *SMALL, "--format", fmt)
    monkeypatch.setattr(pipeline, "engine", lambda name: InkEngine())
    target = {"pdf": tmp_path / "small_issue.pdf", "tiff": tmp_path / "small_issue.tif", "jpeg": tmp_path}[fmt]
    (issue,) = json.loads(run("import_scans", str(target), "--dry-run", "--json")[0])["issues"]
    expected = [
        f"墨迹{(np.asarray(Image.open(p).convert('L')) < 128).mean():.4f}"
        for p in sorted(rendered.glob("*.png"))
    ]
    got = [page["lines"][0]["text"] for page in issue["pages"]]
    assert [p["number"] for p in issue["pages"]] == [1, 2]
    # The same two pages, first page first (ink differs a little after JPEG or PDF encoding).
    assert [float(g[2:]) for g in got] == pytest.approx([float(e[2:]) for e in expected], abs=0.01)
    assert float(got[0][2:]) > float(got[1][2:]) - 0.2


@pytest.mark.django_db
def test_import_scans_reports_bad_inputs_for_a_dry_run_and_a_real_import(tmp_path):
    text = tmp_path / "issue.txt"
    text.write_text("不是图像", encoding="utf-8")
    broken = tmp_path / "broken.png"
    broken.write_bytes(b"\x89PNG not really")
    err = io.StringIO()
    with pytest.raises(CommandError, match="2 期无法导入"):
        call_command("import_scans", str(text), str(broken), "--dry-run", "--json", stdout=io.StringIO(), stderr=err)
    assert "不支持的文件类型" in err.getvalue() and "不是可读取的图像" in err.getvalue()
    err = io.StringIO()
    with pytest.raises(CommandError, match="1 期无法导入"):
        call_command("import_scans", str(tmp_path), stdout=io.StringIO(), stderr=err)
    assert "不是可读取的图像" in err.getvalue()
    assert not Issue.objects.exists()
    with pytest.raises(CommandError, match="--json 只能与 --dry-run"):
        call_command("import_scans", str(tmp_path), "--json", stdout=io.StringIO(), stderr=io.StringIO())


def test_bench_ocr_prints_the_figures(tmp_path):
    out, err = run("bench_ocr", str(FIXTURES / "small_issue.txt"), "--paper", "A5", "--dpi", "150", "--no-noise", "--json")
    data = json.loads(out)
    assert data["clean"]["cer"] <= 0.03 and data["clean"]["articles_found"] == 1.0
    assert data["clean"]["titles_right"] == 1.0 and data["seconds_per_page"] > 0
    assert data["peak_rss_mb"] > 0 and len(data["pages"]) == 2
    assert "第1版（干净）" in err
