"""A replaced or deleted issue's page files go once nothing names them; shared ones stay."""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

import pytest
from django.core.files.storage import default_storage
from django.db import transaction
from PIL import Image

from articles.ingest.loader import IssueLoader
from articles.ingest.report import Outcome
from articles.ingest.scans import import_scan_issue, source_digest
from articles.models import Article, Issue, Page
from articles.revisions import build_revision
from articles.scans.sources import find_sources
from articles.site import page_images

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def _stored(settings) -> set[str]:
    root = Path(settings.MEDIA_ROOT)
    return {str(p.relative_to(root)) for p in root.rglob("*") if p.is_file()}


def _files_of(page: Page) -> set[str]:
    """Every file of a page: image, thumbnail, tile descriptor and each tile."""
    folder = page.tiles.rsplit("/", 1)[0]
    names = {page.image.name, page.thumbnail.name, page.tiles}
    return names | _walk(folder)


def _walk(folder: str) -> set[str]:
    folders, files = default_storage.listdir(folder)
    out = {f"{folder}/{name}" for name in files}
    for name in folders:
        out |= _walk(f"{folder}/{name}")
    return out


def _import(scan, digest: str | None = None):
    return import_scan_issue(scan=scan, loader=IssueLoader(), digest=digest or source_digest(scan.source))


def _rescanned(scan, tmp_path: Path):
    """The same issue with its second page scanned again (one pixel differs): page one's image
    is the same file, page two's a new one."""
    folder = tmp_path / "again" / scan.source.path.name
    folder.mkdir(parents=True)
    first, second = sorted(scan.source.path.glob("*.png"))
    shutil.copy(first, folder / first.name)
    with Image.open(second) as image:
        changed = image.copy()
    changed.putpixel((0, 0), 0)
    changed.save(folder / second.name)
    (source,) = find_sources([folder])
    return dataclasses.replace(scan, source=source)


def _crops(page: Page) -> list[str]:
    """A clipping and a hint-sized crop of the page, cut and stored as a reader's visit would."""
    return [
        page_images.stored_crop(page, (10, 10, 300, 200)),
        page_images.stored_crop(page, (20, 40, 400, 30)),
    ]


def test_changed_scans_delete_the_replaced_pages_files_and_keep_the_shared_ones(
    small_scan, tmp_path, settings, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        assert _import(small_scan).outcome == Outcome.CREATED
    one, two = Page.objects.order_by("number")
    kept, old_files = _files_of(one), _files_of(two)
    crops = _crops(one) + _crops(two)
    assert all(default_storage.exists(name) for name in crops)

    with django_capture_on_commit_callbacks(execute=True):
        assert _import(_rescanned(small_scan, tmp_path)).outcome == Outcome.REPLACED
    new_one, new_two = Page.objects.order_by("number")
    assert new_one.image_sha256 == one.image_sha256 and new_two.image_sha256 != two.image_sha256
    stored = _stored(settings)
    # The old second page's image, thumbnail and every tile are gone; the first page's, which
    # the new first page uses too, are all there, and so are the new second page's.
    assert not old_files & stored
    assert kept <= stored and _files_of(new_two) <= stored
    # The crops are dropped (the pages were read again: their regions may have moved) and are
    # cut again when asked for.
    assert not any(default_storage.exists(name) for name in crops)
    assert _crops(new_one)[0] == crops[0] and default_storage.exists(crops[0])


def test_deleting_an_issue_keeps_the_files_another_version_shares_then_the_last_delete_removes_them(
    small_scan, settings, django_user_model, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _import(small_scan)
    article = Article.objects.get(position=1)
    article.body += "（校对）"
    article.version += 1
    article.save()
    build_revision(article, user=django_user_model.objects.create_user("bianji"), comment="校对").save()
    with django_capture_on_commit_callbacks(execute=True):
        assert _import(small_scan, digest="0" * 64).outcome == Outcome.NEW_VERSION
    old, new = Issue.objects.order_by("source_version")
    everything = _stored(settings)
    assert any(name.startswith("pages/tiles/") for name in everything)
    _crops(new.pages.get(number=1))

    with django_capture_on_commit_callbacks(execute=True):
        old.delete()
    # The new version's pages are the same images: every page file stays (its crops, a cache,
    # are cut again when asked for).
    assert everything <= _stored(settings)

    with django_capture_on_commit_callbacks(execute=True):
        new.delete()
    assert _stored(settings) == set()
    assert not (Path(settings.MEDIA_ROOT) / "pages" / "tiles").exists() or not any(
        (Path(settings.MEDIA_ROOT) / "pages" / "tiles").iterdir()
    )


def test_a_rolled_back_replacement_keeps_every_old_file_and_leaves_none_of_its_own(
    small_scan, tmp_path, settings, monkeypatch, django_capture_on_commit_callbacks
):
    import articles.ingest.scans as service

    with django_capture_on_commit_callbacks(execute=True):
        _import(small_scan)
    one, two = Page.objects.order_by("number")
    crops = _crops(two)
    before = _stored(settings)

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(service, "regions", broken)
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError):
        _import(_rescanned(small_scan, tmp_path))
    assert list(Page.objects.order_by("number")) == [one, two]
    # Every old file (crops included) is there, and the rescanned page's files are not.
    assert _stored(settings) == before
    assert all(default_storage.exists(name) for name in crops)


def test_a_rolled_back_delete_keeps_every_file(small_scan, settings, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        _import(small_scan)
    _crops(Page.objects.get(number=1))
    before = _stored(settings)
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        Issue.objects.get().delete()
        raise RuntimeError("changed my mind")
    assert not callbacks
    assert Page.objects.count() == 2 and _stored(settings) == before


def test_files_swept_by_another_transaction_during_the_import_are_written_again(
    small_scan, settings, monkeypatch, django_capture_on_commit_callbacks
):
    import articles.ingest.scans as service

    rows = service._page_rows

    def swept_meanwhile(*, files, **kwargs):
        # Another transaction deleting the last older page of these images sweeps them now.
        for stored in files:
            for name in (stored.image, stored.thumbnail, stored.tiles):
                default_storage.delete(name)
        rows(files=files, **kwargs)

    monkeypatch.setattr(service, "_page_rows", swept_meanwhile)
    with django_capture_on_commit_callbacks(execute=True):
        assert _import(small_scan).outcome == Outcome.CREATED
    for page in Page.objects.all():
        assert _files_of(page) <= _stored(settings)
