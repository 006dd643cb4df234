"""The article sheet's export: the archive streamed in chunks, from plain values rather than
model instances.

The articles come from one streamed query; for each chunk of ``EXPORT_CHUNK`` rows the issues,
the people and the tags of that chunk are fetched, one query each. So memory stays flat
however large the archive, and the number of queries depends on the number of chunks, never
on how many people or tags an article has. Every row is built whole by one expression (a
function call per cell is a good part of the time for 100,000 rows); a choice of columns is
then picked from it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Sequence
from itertools import islice
from operator import itemgetter
from typing import Any

from django.core.exceptions import EmptyResultSet
from django.db.models import CharField, F, QuerySet
from django.db.models.functions import Cast
from django.db.models.lookups import In

from articles.models import Article, ArticlePerson, Issue
from articles.sheets.base.names import render_credit, render_names
from articles.sheets.base.widgets import PROOFREADING_LABELS
from articles.sheets.refs import Credit, TagRef, by_name

ROLE_COLUMNS = (
    (ArticlePerson.Role.CORRESPONDENT, "correspondents", "作者"),
    (ArticlePerson.Role.PHOTOGRAPHER, "photographers", "摄影"),
    (ArticlePerson.Role.MENTIONED, "people", "提及人物"),
)

#: the article sheet's columns, in the order ArticleExport.export_table builds a row
FULL_ROW = (
    "id", "issue", "source_version", "issue_date", "position", "section", "kicker",
    "headline", "subheadline", "byline", "correspondents", "photographers", "people",
    "tags", "dateline", "dateline_date", "date", "status", "is_published", "body",
    "version",
)
RELATED_COLUMNS = frozenset({"correspondents", "photographers", "people", "tags"})

#: articles per chunk: a few megabytes of text, and 3 queries for their issues, people, tags
EXPORT_CHUNK = 2000


class IsoDate(Cast):
    """A date as ``YYYY-MM-DD`` text, made by the database (SQLite stores it so already)."""

    def __init__(self, expression: str) -> None:
        super().__init__(expression, CharField())

    def as_postgresql(self, compiler: Any, connection: Any, **extra: Any) -> tuple[str, list]:
        # Not a cast: its output would follow the server's DateStyle setting.
        sql, params = compiler.compile(self.source_expressions[0])
        return f"to_char({sql}, 'YYYY-MM-DD')", params


class InIds(In):
    """``column IN (1, 2, …)``, on PostgreSQL with the ids written into the SQL rather than
    sent as parameters.

    There a chunk's 2,000 parameters cost more than its query: psycopg quotes each one in
    Python, client-side, and caches no statement over 50 parameters; it nearly doubled the
    export's CPU time. The ids are integers read from the database and made ``int`` again
    here, so there is nothing to quote. SQLite keeps parameters: its driver binds them
    cheaply and caches the statement, which one text per chunk would fill instead.
    """

    def process_rhs(self, compiler: Any, connection: Any) -> tuple[str, list]:
        if connection.vendor != "postgresql":
            return super().process_rhs(compiler, connection)
        ids = sorted({int(value) for value in self.rhs if value is not None})
        if not ids:
            raise EmptyResultSet
        return "(" + ", ".join(map(str, ids)) + ")", []


class ArticleExport:
    """Export methods of ``ArticleResource`` (mixed in before ``SpreadsheetResource``)."""

    def related_values(self, pks: Any) -> dict[str, dict[int, Any]]:
        """People and tags of the articles ``pks`` as the import compares them: one query
        each. (Loading rows for an import; the export uses :meth:`export_texts`.)"""
        credits: dict[str, dict[int, list[Credit]]] = {f"credits_{r}": defaultdict(list) for r, _, _ in ROLE_COLUMNS}
        for article_id, role, person_id, name, title in (
            ArticlePerson.objects.filter(article_id__in=pks)
            .order_by("article_id", "role", "position", "pk")
            .values_list("article_id", "role", "person_id", "person__name", "title")
        ):
            credits[f"credits_{role}"][article_id].append(Credit(name, title, person_id))
        values: dict[str, dict[int, Any]] = {
            attr: {pk: tuple(items) for pk, items in by_article.items()}
            for attr, by_article in credits.items()
        }
        tags: dict[int, list[TagRef]] = defaultdict(list)
        for article_id, tag_id, name in (
            Article.tags.through.objects.filter(article_id__in=pks)
            .order_by("article_id")
            .values_list("article_id", "tag_id", "tag__name")
        ):
            tags[article_id].append(TagRef(name, tag_id))
        # Sorted here, not by the database: collations order Chinese differently, and the
        # file's order must be the one a re-import compares with.
        values["tags"] = {pk: tuple(sorted(items, key=by_name)) for pk, items in tags.items()}
        return values

    def export_texts(self, pks: Sequence[int]) -> dict[str, dict[int, str]]:
        """The people and tag cells of the articles ``pks``, as the file shows them, in one
        query each: column name → {article id: cell}."""
        credits: dict[str, dict[int, list[str]]] = {role: defaultdict(list) for role, _, _ in ROLE_COLUMNS}
        for article_id, role, name, title in (
            ArticlePerson.objects.filter(InIds(F("article_id"), pks))
            .order_by("article_id", "role", "position", "pk")
            .values_list("article_id", "role", "person__name", "title")
        ):
            credits[role][article_id].append(render_credit(name, title))
        texts = {
            column: {pk: "|".join(names) for pk, names in credits[role].items()}
            for role, column, _ in ROLE_COLUMNS
        }
        tags: dict[int, list[str]] = defaultdict(list)
        for article_id, name in Article.tags.through.objects.filter(
            InIds(F("article_id"), pks)
        ).values_list("article_id", "tag__name"):
            tags[article_id].append(name)
        # Sorted here, as related_values does: the order a re-import compares with.
        texts["tags"] = {pk: render_names(sorted(names)) for pk, names in tags.items()}
        return texts

    def export_table(
        self, queryset: QuerySet | None = None, *, fields: Sequence[str] | None = None
    ) -> tuple[list[str], Iterator[list[Any]]]:
        """Headers and a lazy iterator of rows: one streamed query for the articles, and per
        chunk of :data:`EXPORT_CHUNK` articles one query each for issues, people and tags.

        On PostgreSQL the caller runs this inside a transaction (``services.streamed_reads``):
        outside one the server would copy the whole result before sending the first row.
        """
        export_fields = self.selected_fields(fields)
        names = [self.get_field_name(f) for f in export_fields]
        with_texts = bool(RELATED_COLUMNS & set(names))
        status_labels = PROOFREADING_LABELS
        published = {True: "是", False: "否"}
        # Dates as the database's ISO text: no date objects made and formatted again.
        values = (
            self.export_queryset(queryset)
            .annotate(dateline_text=IsoDate("dateline_date"), date_text=IsoDate("date"))
            .values_list(
                "pk", "issue_id", "position", "section", "kicker", "headline", "subheadline",
                "byline", "dateline", "dateline_text", "date_text", "status", "is_published",
                "body", "version",
            )
        )
        pick = None if names == list(FULL_ROW) else itemgetter(*(FULL_ROW.index(n) for n in names))

        def rows() -> Iterator[list[Any]]:
            stream = values.iterator(chunk_size=EXPORT_CHUNK)
            while chunk := list(islice(stream, EXPORT_CHUNK)):
                issues = {
                    i.pk: (i.source_name, i.source_version, i.date_label)
                    for i in Issue.objects.filter(InIds(F("pk"), [r[1] for r in chunk])).only(
                        "source_name", "source_version", "issue_date", "date_precision"
                    )
                }
                texts = self.export_texts([r[0] for r in chunk]) if with_texts else defaultdict(dict)
                correspondents, photographers, mentioned, tags = (
                    texts[c] for c in ("correspondents", "photographers", "people", "tags")
                )
                for pk, issue_id, position, section, kicker, headline, subheadline, byline, \
                        dateline, dateline_date, date, status, is_published, body, version in chunk:
                    issue = issues[issue_id]
                    row = [
                        pk, issue[0], issue[1], issue[2], position, section, kicker, headline, subheadline,
                        byline, correspondents.get(pk, ""), photographers.get(pk, ""), mentioned.get(pk, ""),
                        tags.get(pk, ""), dateline, dateline_date or "", date or "",
                        status_labels.get(status, status), published[is_published], body, version,
                    ]  # fmt: skip
                    if pick is None:
                        yield row
                    elif len(names) == 1:
                        yield [pick(row)]
                    else:
                        yield list(pick(row))

        return [f.column_name for f in export_fields], rows()
