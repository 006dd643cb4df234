"""Importing scanned pages: the issue, its pages, each line's box and article, the regions."""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from django.core.files.storage import default_storage
from django.core.management import call_command

from articles.ingest.loader import IssueLoader
from articles.ingest.report import Outcome
from articles.ingest.scans import import_scan_issue, iter_import_scans, source_digest
from articles.models import Article, ArticleRegion, Issue, Page, PageLine, Photo
from articles.revisions import build_revision
from articles.scans import pipeline, tiles
from articles.scans.sources import find_sources

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def _key(text: str) -> str:
    return "".join(text.split())


def _import(scan, **options):
    return import_scan_issue(scan=scan, loader=IssueLoader(**options), digest=source_digest(scan.source))


def test_import_stores_the_issue_its_pages_lines_and_regions(small_scan):
    result = _import(small_scan)
    assert result.outcome == Outcome.CREATED
    issue = Issue.objects.get()
    assert issue.source_name == "2024-03-18" and str(issue.issue_date) == "2024-03-18"
    assert [a.headline for a in issue.articles.order_by("position")] == [
        "川店镇推进春耕备耕工作", "西城街道开展志愿服务进社区活动"
    ]
    pages = list(issue.pages.all())
    assert [(p.number, p.width, p.height, p.engine) for p in pages] == [
        (1, 874, 1240, "rapidocr"), (2, 874, 1240, "rapidocr")
    ]
    for page, source_file in zip(pages, sorted(small_scan.source.path.glob("*.png")), strict=True):
        # The image is the uploaded file itself, stored under its hash, with a thumbnail.
        assert page.image.read() == source_file.read_bytes()
        assert page.image_sha256 in page.image.name and page.dpi == 150
        assert default_storage.exists(page.thumbnail.name)
    # Every OCR line is stored, in reading order, with its box and confidence.
    first = small_scan.pages[0]
    stored = list(pages[0].lines.all())
    assert [line.text for line in stored] == [line.text for line in first.lines]
    assert [(s.x, s.y, s.x + s.w, s.y + s.h) for s in stored] == [line.box for line in first.lines]
    assert all(0.5 <= s.confidence <= 1 for s in stored)
    # Each article's lines are its own: all of them in its OCR text, none in the other's.
    one, two = issue.articles.order_by("position")
    for article, other in ((one, two), (two, one)):
        lines = list(article.page_lines.all())
        assert len(lines) >= 10
        assert all(_key(line.text) in _key(article.ocr_text) for line in lines)
        assert not any(_key(line.text) in _key(other.ocr_text) for line in lines if len(line.text) > 4)
    headline = one.page_lines.get(role=PageLine.LineRole.HEADLINE)
    assert headline.text == "川店镇推进春耕备耕工作"
    assert set(one.page_lines.filter(role="body").values_list("paragraph", flat=True)) == {0, 1}
    # Regions: the headline group, the byline, each paragraph and the whole clipping.
    kinds = sorted(one.regions.values_list("kind", "paragraph"), key=str)
    assert kinds == sorted(
        [("article", None), ("byline", None), ("headline_group", None), ("paragraph", 0), ("paragraph", 1)], key=str
    )
    head_region = one.regions.get(kind="headline_group")
    assert (head_region.x, head_region.y, head_region.w, head_region.h) == (
        headline.x, headline.y, headline.w, headline.h
    )
    # The photo's caption lines, and its region, on page 2.
    photo = Photo.objects.get(issue=issue)
    assert photo.page_lines.filter(role="caption", page=pages[1]).exists()
    assert ArticleRegion.objects.filter(photo=photo, kind="photo", page=pages[1]).exists()
    assert result.published == 0 and not Article.objects.filter(is_published=True).exists()


def test_tiles_descriptor_is_valid_and_every_level_has_its_tiles(small_scan):
    _import(small_scan)
    page = Page.objects.get(number=1)
    assert page.tiles == f"pages/tiles/{page.image_sha256[:2]}/{page.image_sha256}/page.dzi"
    assert page.dzi_url.endswith("/page.dzi")
    with default_storage.open(page.tiles) as descriptor:
        root = ET.fromstring(descriptor.read())  # noqa: S314 - our own file
    size = root.find("{http://schemas.microsoft.com/deepzoom/2008}Size")
    assert (int(size.get("Width")), int(size.get("Height"))) == (874, 1240)
    folder = page.tiles.rsplit("/", 1)[0]
    for level in range(tiles.level_count(874, 1240)):
        columns, rows = tiles.tile_grid(*tiles.level_size(874, 1240, level))
        for column in range(columns):
            for row in range(rows):
                assert default_storage.exists(f"{folder}/page_files/{level}/{column}_{row}.jpg"), (level, column, row)


def test_importing_the_same_images_again_changes_nothing_and_runs_no_ocr(small_scan, monkeypatch):
    _import(small_scan)
    lines, regions = PageLine.objects.count(), ArticleRegion.objects.count()

    def no_ocr(*args, **kwargs):
        raise AssertionError("the same images were read again")

    monkeypatch.setattr(pipeline, "engine", no_ocr)
    (done,) = iter_import_scans(sources=find_sources([small_scan.source.path]))
    assert done.result.outcome == Outcome.UNCHANGED and done.pages == 2
    assert Issue.objects.count() == 1 and Page.objects.count() == 2
    assert (PageLine.objects.count(), ArticleRegion.objects.count()) == (lines, regions)


def test_changed_scans_replace_an_untouched_issue_in_place_pages_and_all(small_scan):
    _import(small_scan)
    ids = sorted(Article.objects.values_list("pk", flat=True))
    result = import_scan_issue(scan=small_scan, loader=IssueLoader(), digest="0" * 64)  # "other" images
    assert result.outcome == Outcome.REPLACED
    assert sorted(Article.objects.values_list("pk", flat=True)) == ids
    assert Page.objects.count() == 2
    assert set(PageLine.objects.exclude(article=None).values_list("article_id", flat=True)) == set(ids)


def test_an_editors_correction_survives_changed_scans(small_scan, django_user_model):
    _import(small_scan)
    article = Article.objects.get(position=1)
    article.body = article.body.replace("川店镇", "川店鎮", 1)
    article.version += 1
    article.save()
    editor = django_user_model.objects.create_user("bianji")
    build_revision(article, user=editor, comment="校对").save()

    result = import_scan_issue(scan=small_scan, loader=IssueLoader(), digest="0" * 64)
    assert result.outcome == Outcome.NEW_VERSION
    old, new = Issue.objects.order_by("source_version")
    assert Article.objects.get(pk=article.pk).body.startswith(article.body[:10])
    assert "川店鎮" in Article.objects.get(pk=article.pk).body
    assert old.pages.count() == 2 and new.pages.count() == 2
    assert old.pages.first().image_sha256 == new.pages.first().image_sha256


def test_a_page_that_cannot_be_read_fails_the_whole_issue_and_nothing_is_written(small_pages, tmp_path, settings):
    folder = tmp_path / "2024-03-19"
    folder.mkdir()
    first, second = sorted(small_pages.glob("*.png"))
    (folder / "p1.png").write_bytes(first.read_bytes())
    (folder / "p2.png").write_bytes(second.read_bytes()[:4000])  # cut off: the header reads, the pixels do not
    (done,) = iter_import_scans(sources=find_sources([folder]))
    assert done.result.outcome == Outcome.FAILED and "p2.png" in done.result.message
    assert not Issue.objects.exists() and not Page.objects.exists() and not Article.objects.exists()
    assert not (Path(settings.MEDIA_ROOT) / "pages").exists()


def test_a_failure_while_storing_rolls_the_whole_issue_back(small_scan, monkeypatch):
    import articles.ingest.scans as service

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(service, "regions", broken)
    with pytest.raises(RuntimeError):
        _import(small_scan)
    assert not Issue.objects.exists() and not Page.objects.exists() and not Article.objects.exists()


def test_publish_on_import_publishes_the_articles(small_scan):
    result = _import(small_scan, publish=True)
    assert result.published == 2
    assert Article.objects.filter(is_published=True).count() == 2


def test_import_scans_command_imports_then_skips_the_same_images(small_pages):
    out, err = io.StringIO(), io.StringIO()
    call_command("import_scans", str(small_pages), "--publish", stdout=out, stderr=err)
    assert "2024-03-18: 已导入，2 版，2 篇文章；公开 2 篇" in out.getvalue()
    assert "2024-03-18 第 2/2 版：已识别" in err.getvalue()
    assert Page.objects.count() == 2 and Article.objects.filter(is_published=True).count() == 2
    out = io.StringIO()
    call_command("import_scans", str(small_pages), stdout=out, stderr=io.StringIO())
    assert "2024-03-18: 未改变，跳过，2 版" in out.getvalue()
    assert Issue.objects.count() == 1 and Page.objects.count() == 2
