"""Pages that are the same for every reader, served from the cache.

The unfiltered first page of the article list, the home page and the issue pages cost tens of
milliseconds of queries and rendering each, and are the same for every reader until something
is published or corrected. They are cached under the publication generation
(``articles.site.generation``): a change anywhere gives every process on every web node a new
key the moment it commits, so nothing is ever served stale and no process has to be told.

Works with any Django cache backend (per-process memory by default, Redis or Memcached when
``CACHES`` names one); old generations' entries simply age out.

Never cached: signed-in users (staff see previews of unpublished material), any request with
a query string (filters, searches, later pages), anything but a 200.
"""

from __future__ import annotations

from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.utils.cache import set_response_etag

from articles.site import generation

# Only to let memory go: correctness comes from the generation in the key.
PAGE_SECONDS = 24 * 3600
# Headers a page sets itself; the middleware adds the rest on the way out, hit or miss.
_KEPT_HEADERS = ("Content-Type", "Content-Security-Policy", "Permissions-Policy", "Last-Modified", "ETag")


def _shared(request: HttpRequest) -> bool:
    """Whether this request gets the page every anonymous reader gets."""
    user = getattr(request, "user", None)
    return (
        request.method in ("GET", "HEAD")
        and not request.META.get("QUERY_STRING")
        and not (user is not None and user.is_authenticated)
    )


def _key(request: HttpRequest, generation_now: str) -> str:
    # The host and scheme appear in the page (canonical links); ALLOWED_HOSTS bounds them.
    return f"site:page:{generation_now}:{request.scheme}:{request.get_host()}:{request.path}"


class SharedPageCacheMixin:
    """For a view whose bare URL shows every reader the same page."""

    def dispatch(self, request, *args, **kwargs):
        if not _shared(request):
            return super().dispatch(request, *args, **kwargs)
        # Read before the page's own queries: what is cached is at least this new.
        key = _key(request, generation.current())
        stored = cache.get(key)
        if stored is not None:
            content, headers = stored
            response = HttpResponse(content)
            for name, value in headers:
                response[name] = value
            return response
        response = super().dispatch(request, *args, **kwargs)
        if response.status_code == 200 and not response.streaming and not response.cookies:
            if hasattr(response, "render"):
                response.render()
            set_response_etag(response)  # once, instead of hashing the page on every hit
            headers = [(name, response[name]) for name in _KEPT_HEADERS if response.has_header(name)]
            cache.set(key, (response.content, headers), PAGE_SECONDS)
        return response

