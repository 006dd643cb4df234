"""What every reader page shares: security headers, Last-Modified, forgiving pagination."""

from __future__ import annotations

import datetime as dt

from django.core.paginator import Paginator
from django.utils.http import http_date

from articles.site.pagination import forgiving_page

PAGE_SIZE = 20
# Big text columns a list never shows.
LIST_DEFERRED = ("ocr_text", "issue__ocr_text", "issue__unplaced", "issue__import_errors")
ISSUE_DEFERRED = ("ocr_text", "unplaced", "import_errors")

# The one hash is that of an empty <style>: the page viewer's library looks for a style element
# of its own and, finding an empty marker, adds no inline rules (its rule is in pages.css).
EMPTY_STYLE_HASH = "'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='"
CONTENT_SECURITY_POLICY = (
    f"default-src 'self'; img-src 'self' data:; style-src 'self' {EMPTY_STYLE_HASH}; script-src 'self'; "
    "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)


def is_staff(request) -> bool:
    return bool(getattr(request, "user", None) and request.user.is_staff)


class PublicPageMixin:
    """Shared by every reader page: security headers, Last-Modified, forgiving pagination."""

    last_modified: dt.datetime | None = None

    def get_paginator(self, queryset, per_page, **kwargs):
        return Paginator(queryset, per_page, **kwargs)

    def paginate_queryset(self, queryset, page_size):
        paginator = self.get_paginator(queryset, page_size)
        page = forgiving_page(paginator, self.request.GET.get("page"))
        return paginator, page, page.object_list, page.has_other_pages()

    def render_to_response(self, context, **response_kwargs):
        response = super().render_to_response(context, **response_kwargs)
        response["Content-Security-Policy"] = CONTENT_SECURITY_POLICY
        response["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()"
        if self.last_modified:
            # ConditionalGetMiddleware answers If-Modified-Since (and If-None-Match on its ETag).
            response["Last-Modified"] = http_date(self.last_modified.timestamp())
        if is_staff(self.request):
            response["Cache-Control"] = "private"
        return response
