"""Chinese full-text search: bigram index on SQLite (FTS5) and PostgreSQL (GIN), exact-substring
semantics, headline-first ordering, highlighting. Callers use the names below; the submodules
are the implementation."""

from articles.search.engine import (
    COMMON_ABOVE,
    MAX_QUERY_LENGTH,
    HeadlineFirst,
    SearchQuery,
    annotate_headline_hit,
    bigrams,
    estimate_candidates,
    estimate_count,
    filter_matching,
    highlight,
    install,
    is_common,
    nfkc_sensitive_ranges,
    normalise,
    parsed_sensitive_ranges,
    register_sqlite_functions,
    snippet,
    uninstall,
    vendor_of,
)

__all__ = [
    "COMMON_ABOVE",
    "MAX_QUERY_LENGTH",
    "HeadlineFirst",
    "SearchQuery",
    "annotate_headline_hit",
    "bigrams",
    "estimate_candidates",
    "estimate_count",
    "filter_matching",
    "highlight",
    "install",
    "is_common",
    "nfkc_sensitive_ranges",
    "normalise",
    "parsed_sensitive_ranges",
    "register_sqlite_functions",
    "snippet",
    "uninstall",
    "vendor_of",
]
