"""Scanned pages as files: the page image, its thumbnail, its zoom tiles and crops of it.

Served here rather than straight from the media folder so that a page is shown only when a
reader may see it: the page of an issue with a published article, a crop only of a published
article's clipping (staff: everything, for previews and the correction screen). The files
themselves come from ``default_storage``; crops are cut once and kept (``page_images``).
"""

from __future__ import annotations

from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_safe

from articles.site import page_images
from articles.site.pages import Box, readable_pages, reader_may_crop
from articles.site.views.base import is_staff

# A page image does not change under its URL's page for long; readers' browsers may keep it.
PUBLIC_CACHE = "public, max-age=3600"
PRIVATE_CACHE = "private, max-age=3600"


def _page(request: HttpRequest, pk: int):
    return get_object_or_404(readable_pages(staff=is_staff(request)).only(*page_images_fields()), pk=pk)


def page_images_fields() -> tuple[str, ...]:
    return ("pk", "issue_id", "number", "width", "height", "image", "tiles", "thumbnail", "image_sha256")


def _file(request: HttpRequest, name: str) -> FileResponse:
    try:
        handle = default_storage.open(name, "rb")
    except (FileNotFoundError, OSError):
        raise Http404("文件不存在") from None
    response = FileResponse(handle, content_type=page_images.content_type(name))
    response["Cache-Control"] = PRIVATE_CACHE if is_staff(request) else PUBLIC_CACHE
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require_safe
def page_image(request: HttpRequest, pk: int) -> FileResponse:
    """The whole page as scanned: what the viewer shows when the page has no zoom tiles."""
    page = _page(request, pk)
    if not page.image:
        raise Http404("没有版面图片")
    return _file(request, page.image.name)


@require_safe
def page_thumbnail(request: HttpRequest, pk: int) -> FileResponse:
    page = _page(request, pk)
    if not page.image:
        raise Http404("没有版面图片")
    try:
        name = page_images.thumbnail_name(page)
    except OSError:  # the image file is gone or unreadable: no thumbnail to cut
        raise Http404("版面图片无法读取") from None
    return _file(request, name)


@require_safe
def page_tiles(request: HttpRequest, pk: int, path: str) -> FileResponse:
    """The page's Deep Zoom descriptor (``page.dzi``) and its tiles, by their relative path."""
    page = _page(request, pk)
    name = page_images.tile_name(page, path)
    if name is None:
        raise Http404("没有这个瓦片")
    return _file(request, name)


@require_safe
def page_crop(request: HttpRequest, pk: int, box: str) -> FileResponse:
    """A crop of the page: ``x,y,w,h`` in page pixels (readers: an article's clipping only)."""
    page = _page(request, pk)
    try:
        region = Box(*(int(part) for part in box.split(",")))
    except (TypeError, ValueError):
        raise Http404("区域无效") from None
    if not page.image or not reader_may_crop(page, region, staff=is_staff(request)):
        raise Http404("没有这个区域")
    try:
        name = page_images.stored_crop(page, (region.x, region.y, region.w, region.h))
    except page_images.CropError:
        raise Http404("区域不在版面内") from None
    except OSError:  # the image file is gone or unreadable (Pillow's errors are OSErrors too)
        raise Http404("版面图片无法读取") from None
    return _file(request, name)
