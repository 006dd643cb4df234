"""robots.txt: keep crawlers to the canonical pages."""

from __future__ import annotations

from django.http import HttpResponse


def robots_txt(request) -> HttpResponse:
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        # Filtered and searched lists are endless permutations of the same articles.
        "Disallow: /articles/?",
        "Disallow: /api/",
        # A scanned page's zoom tiles: thousands of small images, nothing to index.
        "Disallow: /pages/*/tiles/",
        f"Sitemap: {request.build_absolute_uri('/sitemap.xml')}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
