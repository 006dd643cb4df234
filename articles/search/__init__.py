"""Chinese full-text search over article headlines and bodies, on SQLite and PostgreSQL.

Callers use the names below; the submodules are the implementation.

The scheme (Lucene's CJK bigrams, measured on 200,000 articles to give the same results as
``LIKE '%q%'`` at a fraction of the cost) — :mod:`.text`, :mod:`.query`:

* Text is NFKC-normalised (full-width ５月 becomes 5月), ASCII letters are lower-cased and
  whitespace is dropped (OCR breaks lines and columns inside words: 招商引 资 is 招商引资).
* What is left is split into runs of "word characters" (CJK, kana, hangul, Latin letters,
  digits — punctuation ends a run) and every run becomes its overlapping bigrams plus its last
  character alone: 经济发展 → 经济 济发 发展 展, 5月11日 → 5月 月1 11 1日 日.
* A query is cut the same way. A one-character term is a prefix query (经*: every bigram that
  starts with 经, or a run ending in 经); a longer term is the phrase of its bigrams. So a
  query for 经济 never matches 经 … 济 scattered apart, and 5月11日 finds the date.

Where the index lives, and how it stays in sync on *every* write path (admin save, QuerySet
.update(), bulk_update, the importer's bulk_create) without anybody calling this package
(:mod:`.schema` installs it from a migration):

* SQLite (:mod:`.sqlite`): a contentless FTS5 table ``articles_search`` (rowid = article id;
  columns ``title`` and ``body`` holding the bigram text) maintained by triggers on
  ``articles_article``. The triggers call ``newsroom_search_text()``, a deterministic SQL
  function registered on every Django connection (see :func:`register_sqlite_functions`); a
  client without it (the sqlite3 shell) cannot write articles rather than silently leave the
  index stale.
* PostgreSQL (:mod:`.postgres`): a GIN expression index on ``newsroom_search_vector(kicker,
  headline, subheadline, body)`` — an immutable SQL function producing the same bigrams as a
  tsvector ('#'-prefixed copies of the headline bigrams make "headline hit" an index lookup
  too). PostgreSQL computes it on every write itself: nothing to keep in sync, nothing stored
  twice. The index has no positions, so a term of three or more characters is an AND of its
  bigrams rechecked with ``strpos`` on the normalised text (exact substring semantics); a term
  of one or two characters needs no recheck (its bigram or prefix is in the vector exactly
  when the text contains it).

How a list page searches (:mod:`.matching`, :mod:`.ordering`, ``articles.site.filters``): when
the index would hand over more than :data:`COMMON_ABOVE` candidates (PostgreSQL's planner
estimate, or FTS5's count on SQLite), the page walks the newest articles with the exact
substring test (:mod:`.nfkc` keeps it cheap) and stops at a page of matches; otherwise it goes
through the index. Either way the matches are the same; the estimate only chooses the faster
path. Pages after the first few are reached by keyset (:class:`Cursor`), so every match is
reachable and a far page costs what the first does. Highlighting and snippets:
:mod:`.highlight`.

Changing the tokenisation means a migration that rebuilds the index
(``sqlite.rebuild_sqlite_index``; on PostgreSQL ``CREATE OR REPLACE`` the functions and
``REINDEX``), and the PostgreSQL functions in ``postgres.POSTGRES_INSTALL_SQL`` must change
with it (``tests/site/test_search.py`` and ``tests/ingest/test_search_vectors.py`` compare the
two). A faster definition that computes the same vectors needs no ``REINDEX``: migration 0011
replaced the functions in place.
"""

from articles.search.highlight import highlight, snippet
from articles.search.matching import (
    COMMON_ABOVE,
    UNCOUNTED_ABOVE,
    annotate_headline_hit,
    count_at_most,
    estimate_candidates,
    estimate_count,
    filter_matching,
    is_common,
    vendor_of,
    walk_is_cheaper,
)
from articles.search.nfkc import nfkc_sensitive_ranges, parsed_sensitive_ranges
from articles.search.ordering import Cursor, HeadlineFirst, InOrder, KeysetPage, SearchResults
from articles.search.query import SearchQuery
from articles.search.schema import install, uninstall
from articles.search.sqlite import register_sqlite_functions
from articles.search.text import MAX_QUERY_LENGTH, bigrams, normalise

__all__ = [
    "COMMON_ABOVE",
    "MAX_QUERY_LENGTH",
    "UNCOUNTED_ABOVE",
    "Cursor",
    "HeadlineFirst",
    "InOrder",
    "KeysetPage",
    "SearchQuery",
    "SearchResults",
    "annotate_headline_hit",
    "bigrams",
    "count_at_most",
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
    "walk_is_cheaper",
]
