"""Where a page's files live in storage, and removing them once no page uses them.

A page's image, its Deep Zoom tiles and its thumbnail are written before the issue's
transaction, named by the image's SHA-256, so one file may serve several pages (the same scan
in two versions of an issue, say). Crops of a page (clippings, hint lines) are cut later, on
demand, into a folder of the same hash. So a file goes only when the last page naming it goes:

- when a page row is deleted (an issue replaced by its changed scans, an issue or a page
  deleted — cascades included), its files are looked at **after the transaction commits**:
  a rolled-back import or delete never loses a file, and a file another page still names
  stays;
- its crops are dropped either way: they are a cache, cut again on demand, and the pages now
  holding that image may have other regions (an issue re-read gives new clippings);
- files an import wrote and then did not use (the import failed) go the same way.

A deleted tile folder loses its descriptor first, so "descriptor there" still means "every
tile there" to an import checking at the same moment; an import whose files were swept while
its own transaction was still open writes them again once it has committed
(:func:`restore_missing`).
"""

from __future__ import annotations

import logging
import os
import posixpath
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.core.files.storage import Storage, default_storage
from django.db import transaction
from django.db.models import Q

from articles.models import Page
from articles.scans import tiles

log = logging.getLogger(__name__)

TILES_ROOT = "pages/tiles"
CROP_ROOT = "pages/crops"


def tiles_path(sha256: str) -> str:
    """The Deep Zoom descriptor of the page image with this hash (its tiles beside it)."""
    return f"{TILES_ROOT}/{sha256[:2]}/{sha256}/{tiles.DESCRIPTOR}"


def crop_folder(sha256: str) -> str:
    """The folder of every crop cut from the page image with this hash."""
    return f"{CROP_ROOT}/{sha256[:2]}/{sha256}"


def crop_key(page: Page) -> str:
    """What a page's crops are filed under: its image's hash (its id if it has none)."""
    return page.image_sha256 or f"page-{page.pk}"


@dataclass(frozen=True, slots=True)
class PageFileNames:
    """The storage names a page row held (kept when the row is gone)."""

    crops: str  # crop_key of the page
    sha256: str = ""
    image: str = ""
    tiles: str = ""
    thumbnail: str = ""

    @classmethod
    def of(cls, page: Page) -> PageFileNames:
        return cls(
            crops=crop_key(page),
            sha256=page.image_sha256,
            image=page.image.name or "",
            tiles=page.tiles or "",
            thumbnail=page.thumbnail.name or "",
        )


def page_deleted(sender: type[Page], instance: Page, using: str, **kwargs: object) -> None:
    """``post_delete`` of a page: sweep its files once the deleting transaction commits."""
    names = PageFileNames.of(instance)
    transaction.on_commit(lambda: sweep([names], using=using), using=using, robust=True)


def sweep(
    gone: Iterable[PageFileNames],
    *,
    using: str = "default",
    drop_crops: bool = True,
    storage: Storage | None = None,
) -> list[str]:
    """Delete the files of these (deleted or never written) pages that no page row names,
    and (``drop_crops``) their crops; returns the storage names deleted."""
    storage = storage or default_storage
    gone = list(gone)
    if not gone:
        return []
    images = {g.image for g in gone if g.image}
    descriptors = {g.tiles for g in gone if g.tiles}
    thumbnails = {g.thumbnail for g in gone if g.thumbnail}
    # One query: which of these names (and hashes) a page still holds, on the database written to.
    used = Page.objects.using(using).filter(
        Q(image__in=images) | Q(tiles__in=descriptors) | Q(thumbnail__in=thumbnails)
    )
    still: set[str] = set()
    for image, descriptor, thumbnail in used.values_list("image", "tiles", "thumbnail"):
        still.update((image, descriptor, thumbnail))
    deleted: list[str] = []
    for name in sorted(images - still):
        _delete(storage, name, deleted)
    for name in sorted(thumbnails - still):
        _delete(storage, name, deleted)
    for descriptor in sorted(descriptors - still):
        _delete(storage, descriptor, deleted)  # first: see the module's note
        _delete_tree(storage, posixpath.dirname(descriptor), deleted)
    if drop_crops:
        for key in sorted({g.crops for g in gone if g.crops}):
            _delete_tree(storage, crop_folder(key), deleted)
    return deleted


def _delete(storage: Storage, name: str, deleted: list[str]) -> None:
    try:
        if storage.exists(name):
            storage.delete(name)
            deleted.append(name)
    except OSError:
        # A file that cannot be removed now stays an orphan; the pages are right either way.
        log.warning("could not delete page file %s", name, exc_info=True)


def _delete_tree(storage: Storage, folder: str, deleted: list[str]) -> None:
    try:
        folders, files = storage.listdir(folder)
    except (FileNotFoundError, NotADirectoryError):
        return
    except OSError:
        log.warning("could not list page files in %s", folder, exc_info=True)
        return
    for name in files:
        _delete(storage, f"{folder}/{name}", deleted)
    for name in folders:
        _delete_tree(storage, f"{folder}/{name}", deleted)
    _remove_empty_folder(storage, folder)


def _remove_empty_folder(storage: Storage, folder: str) -> None:
    """A file system keeps empty folders: remove this one (and its parent, the hash's first
    two digits, if that is empty now). Storages without folders have nothing to remove."""
    try:
        path = storage.path(folder)
    except NotImplementedError:
        return
    for candidate in (path, os.path.dirname(path)):
        try:
            os.rmdir(candidate)
        except OSError:
            return


def restore_missing(files: Iterable[tuple[str, str, str]], store: Callable[[int], object]) -> list[int]:
    """After an import commits: any of its pages whose (image, descriptor, thumbnail) a sweep
    removed meanwhile (another transaction deleting the last older page of the same image)
    is stored again with ``store(index)``; returns the indexes stored again."""
    again = []
    for index, names in enumerate(files):
        if not all(default_storage.exists(name) for name in names if name):
            store(index)
            again.append(index)
    return again
