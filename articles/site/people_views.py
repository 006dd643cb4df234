"""People pages: who wrote, photographed or was mentioned in the published archive."""

from __future__ import annotations

import datetime as dt
from collections import OrderedDict, defaultdict

from django.core.cache import cache
from django.db.models import Count, Exists, Max, Min, OuterRef, Q
from django.db.models.functions import ExtractYear, Substr
from django.views.generic import DetailView, ListView

from articles.models import Article, ArticlePerson, Photo
from articles.site import display, generation
from articles.site.display import OPENING_LENGTH
from articles.site.filters import (
    clean_text,
    credited_people,
    photographed_people,
    public_articles,
    public_people,
    public_photos,
)
from articles.site.pagination import COUNT_SECONDS, GenerationCountPaginator
from articles.site.views import PublicPageMixin
from people.models import Person, PersonAlias

ROLE_CHOICES = ArticlePerson.Role.choices
# A person page lists this many articles per role; the rest are one click away in the list.
ITEMS_PER_ROLE = 200
# The people list subtracts the credits of up to this many unpublished articles (see below).
DRAFTS_SUBTRACTED = 2000


class PersonListView(PublicPageMixin, ListView):
    template_name = "people/person_list.html"
    context_object_name = "people"
    paginate_by = 60

    def get_queryset(self):
        # Read before the page's own queries: what is cached under it is at least this new.
        self.stamp = generation.current()
        people = public_people()
        self.role = self.request.GET.get("role", "")
        if self.role not in dict(ROLE_CHOICES):
            self.role = ""
        if self.role == ArticlePerson.Role.PHOTOGRAPHER:
            people = Person.objects.filter(credited_people(self.role) | photographed_people())
        elif self.role:
            people = Person.objects.filter(credited_people(self.role))
        self.name = clean_text(self.request.GET.get("name"), 50)
        if self.name:
            people = people.filter(
                Q(name__icontains=self.name)
                | Exists(PersonAlias.objects.filter(person=OuterRef("pk"), name__icontains=self.name))
            )
        return people.order_by("name")

    def get_paginator(self, queryset, per_page, orphans=0, allow_empty_first_page=True, **kwargs):
        # The list is the same for every reader: counted once per publication generation.
        return GenerationCountPaginator(
            queryset, per_page, params={"role": self.role, "name": self.name}, scope="people",
            stamp=self.stamp, orphans=orphans, allow_empty_first_page=allow_empty_first_page, **kwargs,
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        page_people = context["people"]
        counts = _cached_role_counts([p.pk for p in page_people], stamp=self.stamp)
        for person in page_people:
            person.role_counts = counts.get(person.pk, {})
        context.update(role=self.role, name=self.name, roles=ROLE_CHOICES)
        return context


def _cached_role_counts(person_ids: list[int], *, stamp: str) -> dict[int, dict[str, int]]:
    """Each person's published credits by role, kept per person under the publication stamp.

    At a million articles counting a page's credits reads ~100,000 rows of the (person, role)
    index (45 ms idle, 100 under load) for numbers that change only when something is
    published, withdrawn or corrected — and then the stamp, and so the key, changes with it.
    """
    keys = {pk: f"site:person-credits:{stamp}:{pk}" for pk in person_ids}
    found = cache.get_many(list(keys.values()))
    counts = {pk: found[key] for pk, key in keys.items() if key in found}
    missing = [pk for pk in person_ids if pk not in counts]
    if missing:
        fresh = _published_role_counts(missing)
        cache.set_many({keys[pk]: fresh.get(pk, {}) for pk in missing}, COUNT_SECONDS)
        counts.update((pk, fresh.get(pk, {})) for pk in missing)
    return counts


def _published_role_counts(person_ids: list[int]) -> dict[int, dict[str, int]]:
    """Each person's credits in published articles, by role (roles without any left out)."""
    counts: defaultdict[int, dict[str, int]] = defaultdict(dict)
    credits = ArticlePerson.objects.order_by().values("person_id", "role")
    # The complement of Article.objects.published() (is_published=True): drafts are usually
    # few, so the credit totals come from the (person, role) index alone and the drafts'
    # credits are taken off, instead of checking each of a busy page's ~100,000 credits
    # against its article. (Many drafts: the direct count.)
    # (`IN (false)`, not `NOT is_published`: SQLite seeks the (is_published, date) index only so.)
    unpublished = Article.objects.filter(is_published__in=[False])
    drafts = list(unpublished.values_list("pk", flat=True)[: DRAFTS_SUBTRACTED + 1])
    if len(drafts) <= DRAFTS_SUBTRACTED:
        # One credit per (article, person, role) — a unique constraint — so no DISTINCT.
        totals = credits.filter(person__in=person_ids).annotate(n=Count("person_id"))
        hidden = credits.filter(article_id__in=drafts).annotate(n=Count("person_id")) if drafts else []
    else:
        totals = (
            credits.filter(person__in=person_ids)
            .filter(Exists(public_articles().filter(pk=OuterRef("article_id"))))
            .annotate(n=Count("person_id"))
        )
        hidden = []
    for row in totals:
        counts[row["person_id"]][row["role"]] = row["n"]
    for row in hidden:
        role_counts = counts.get(row["person_id"])
        if role_counts and row["role"] in role_counts:
            role_counts[row["role"]] -= row["n"]
            if not role_counts[row["role"]]:
                del role_counts[row["role"]]
    return dict(counts)


def _title_spans(credits) -> list[dict]:
    """Each title the person is given, with the first and last article's date and a count.

    Dates at their precision: a month-precision issue's article counts from "2025年5月", not
    from an invented 1 May. One query; per title, the earliest (latest) date of each precision.
    """
    spans = {
        f"{end}_{precision}": aggregate("article__date", filter=condition)
        for end, aggregate in (("first", Min), ("last", Max))
        for precision, condition in (
            (display.DAY, display.exact_day("article__")),
            (display.MONTH, display.only_to(display.MONTH, "article__")),
            (display.YEAR, display.only_to(display.YEAR, "article__")),
        )
    }
    rows = list(credits.exclude(title="").values("title").annotate(n=Count("pk"), **spans))
    for row in rows:
        for end in ("first", "last"):
            row[end] = display.pick(
                {precision: row.pop(f"{end}_{precision}") for precision in (display.DAY, display.MONTH, display.YEAR)},
                latest=end == "last",
            )
    rows.sort(key=lambda row: (row["first"].value is None, row["first"].value or dt.date.min, row["title"]))
    return rows


class PersonDetailView(PublicPageMixin, DetailView):
    template_name = "people/person_detail.html"
    context_object_name = "person"

    def get_queryset(self):
        return public_people().prefetch_related("aliases")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        person = self.object
        credits = ArticlePerson.objects.filter(person=person, article__in=public_articles())
        titles = _title_spans(credits)
        year_counts: defaultdict[str, OrderedDict[int | None, int]] = defaultdict(OrderedDict)
        for row in (
            credits.annotate(year=ExtractYear("article__date"))
            .values("role", "year")
            .annotate(n=Count("pk"))
            .order_by("role", "-year")
        ):
            year_counts[row["role"]][row["year"]] = row["n"]
        by_role: defaultdict[str, OrderedDict[int | None, list[ArticlePerson]]] = defaultdict(OrderedDict)
        for role, _label in ROLE_CHOICES:
            recent = (
                credits.filter(role=role)
                .select_related("article", "article__issue")
                .only(
                    "role",
                    "title",
                    "article__id",
                    "article__headline",
                    "article__kicker",
                    "article__subheadline",
                    "article__date",
                    "article__dateline_date",
                    "article__section",
                    "article__issue__id",
                    "article__issue__issue_date",
                    "article__issue__date_precision",
                    "article__issue__source_name",
                    "article__issue__masthead",
                )
                # An untitled article is listed by its opening words; the rest of the body stays unread.
                .annotate(opening=Substr("article__body", 1, OPENING_LENGTH * 2))
                .order_by("-article__date", "article_id")[:ITEMS_PER_ROLE]
            )
            for credit in recent:
                year = credit.article.date.year if credit.article.date else None
                by_role[role].setdefault(year, []).append(credit)
        photos = list(
            public_photos()
            .filter(photographers=person)
            .select_related("issue")
            .defer("issue__ocr_text", "issue__unplaced", "issue__import_errors")
            .order_by("-issue__issue_date", "position")[:ITEMS_PER_ROLE]
        )
        photos_by_year: OrderedDict[int | None, list[Photo]] = OrderedDict()
        for photo in photos:
            photos_by_year.setdefault(photo.issue.issue_date.year if photo.issue.issue_date else None, []).append(photo)
        sections = [
            (role, label, list(by_role.get(role, {}).items()), sum(year_counts.get(role, {}).values()))
            for role, label in ROLE_CHOICES
        ]
        context.update(
            titles=titles,
            sections=sections,
            photos_by_year=list(photos_by_year.items()),
            photo_count=len(photos),
            items_per_role=ITEMS_PER_ROLE,
        )
        return context
