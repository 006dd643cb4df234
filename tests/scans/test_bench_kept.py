"""bench_ocr --keep, then --from-kept: the scores again from the kept OCR lines, without OCR."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from .conftest import FIXTURES

SMALL = [str(FIXTURES / "small_issue.txt"), "--paper", "A5", "--dpi", "150", "--no-noise"]


def run(*args: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("bench_ocr", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_the_kept_ocr_scores_again_the_same_without_ocr(tmp_path, monkeypatch):
    kept = tmp_path / "kept"
    first = json.loads(run(*SMALL, "--json", "--keep", str(kept))[0])
    pages = sorted(kept.glob("*.json"))
    assert [p.name for p in pages] == ["small_issue-clean-1.json", "small_issue-clean-2.json"]
    record = json.loads(pages[0].read_text(encoding="utf-8"))
    assert record["lines"] and record["truth"]["lines"]  # what was read, and what was drawn

    # No engine may be loaded and no page rendered: the kept lines are all it reads.
    from articles.scans import benchmark

    def no_ocr(*args, **kwargs):
        raise AssertionError("OCR or rendering was run")

    monkeypatch.setattr(benchmark, "engine", no_ocr)
    monkeypatch.setattr(benchmark, "render_issue", no_ocr)
    again = json.loads(run(*SMALL, "--json", "--from-kept", str(kept))[0])
    for key in ("cer", "chars", "reading_order", "articles_found", "titles_right", "ideal_titles_right"):
        assert again["clean"][key] == first["clean"][key], key
    assert again["clean"]["chars"] > 0 and len(again["pages"]) == 2

    text, _ = run(*SMALL, "--from-kept", str(kept))
    assert "重新评分" in text and "标题正确" in text


def test_kept_pages_from_an_older_run_get_their_ground_truth_back(tmp_path):
    kept = tmp_path / "kept"
    first = json.loads(run(*SMALL, "--json", "--keep", str(kept))[0])
    for path in kept.glob("*.json"):  # as an older run wrote them: lines and text only
        record = json.loads(path.read_text(encoding="utf-8"))
        del record["truth"]
        path.write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
    again = json.loads(run(*SMALL, "--json", "--from-kept", str(kept))[0])
    assert again["clean"]["cer"] == first["clean"]["cer"]
    assert all("truth" in json.loads(p.read_text(encoding="utf-8")) for p in kept.glob("*.json"))


def test_a_folder_without_the_kept_pages_is_an_error(tmp_path):
    with pytest.raises(CommandError, match="没有 small_issue"):
        run(*SMALL, "--from-kept", str(tmp_path))
