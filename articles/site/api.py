"""A read-only JSON API for researchers: articles, issues and people, with the pages' filters.

Every endpoint is paginated (``page``, ``page_size`` ≤ 100) and returns
``{"count", "count_exact", "page", "pages", "next", "previous", "results"}`` (a search's
``next`` / ``previous`` also carry ``after`` / ``before``, see :func:`_page`). Invalid parameters are a 400
with ``{"errors": {...}}``; unknown ids a 404. Only published content is visible.
"""

from __future__ import annotations

import datetime as dt

from django.core.paginator import EmptyPage, InvalidPage, Paginator
from django.db.models import Exists, OuterRef, Prefetch, Q
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.views.decorators.http import require_safe

from articles import search
from articles.models import Article, ArticlePerson, Issue
from articles.site import display
from articles.site.filters import (
    MAX_YEAR,
    MIN_YEAR,
    ArticleFilter,
    credited_people,
    public_articles,
    public_issues,
    public_people,
)
from articles.site.pagination import SearchPaginator
from people.models import Person, PersonAlias

DEFAULT_PAGE_SIZE = 20
MAX_PAGE_SIZE = 100
ISSUE_DEFERRED = ("ocr_text", "unplaced", "import_errors")


class BadRequest(Exception):
    def __init__(self, errors: dict[str, list[str]]):
        super().__init__(errors)
        self.errors = errors


def _json(data, status: int = 200) -> JsonResponse:
    response = JsonResponse(data, status=status, json_dumps_params={"ensure_ascii": False})
    response["Access-Control-Allow-Origin"] = "*"
    return response


def _positive_int(request, name: str, default: int, maximum: int) -> int:
    raw = request.GET.get(name)
    if raw in (None, ""):
        return default
    if not (raw.isascii() and raw.isdigit()) or not 1 <= int(raw) <= maximum:
        raise BadRequest({name: [f"须为 1 到 {maximum} 之间的整数。"]})
    return int(raw)


def _page(request, queryset, serialise, *, filterset: ArticleFilter | None = None) -> dict:
    """One page of a list, with links to its neighbours.

    A search pages like the site's list (``articles.site.pagination``): ``next`` / ``previous``
    carry the place of the page's last / first row (``after`` / ``before``), so following them
    reaches every match at the cost of the first page; ``count`` is exact when ``count_exact``,
    else a lower bound, and ``pages`` is then ``null``.
    """
    page_size = _positive_int(request, "page_size", DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE)
    number = _positive_int(request, "page", 1, 10**6)
    if filterset is not None and filterset.search_query:
        for name in ("after", "before"):
            raw = request.GET.get(name)
            if raw and (search.Cursor.decode(raw) is None or number < 2):
                raise BadRequest({name: ["翻页位置无效：请使用上一页/下一页链接。"]})
        paginator = SearchPaginator(queryset, page_size, filterset=filterset, params=request.GET)
        try:
            page = paginator.requested_page(number, forgiving=False)
        except InvalidPage:
            raise Http404("页码超出范围：更靠后的结果请沿 next 链接翻页") from None
        if not page.object_list and number > 1:
            raise Http404("页码超出范围")
        links = {direction: page.link_params(direction) for direction in ("next", "previous")}
        exact, pages = paginator.exact, paginator.pages
    else:
        paginator = Paginator(queryset, page_size)
        try:
            page = paginator.page(number)
        except EmptyPage:
            raise Http404("页码超出范围") from None
        links = {
            "next": {"page": str(number + 1)},
            "previous": {"page": str(number - 1)},
        }
        exact, pages = True, paginator.num_pages

    def link(changes: dict[str, str | None]) -> str:
        params = request.GET.copy()
        for key, value in changes.items():
            if value is None:
                params.pop(key, None)
            else:
                params[key] = value
        return request.build_absolute_uri(f"{request.path}?{params.urlencode()}")

    return {
        "count": paginator.count,
        "count_exact": exact,
        "page": page.number,
        "pages": pages,
        "next": link(links["next"]) if page.has_next() else None,
        "previous": link(links["previous"]) if page.has_previous() else None,
        "results": [serialise(request, item) for item in page.object_list],
    }


def api_view(function):
    """GET/HEAD only; BadRequest → 400 JSON, Http404 → 404 JSON."""

    @require_safe
    def wrapper(request, *args, **kwargs):
        try:
            return _json(function(request, *args, **kwargs))
        except BadRequest as error:
            return _json({"errors": error.errors}, status=400)
        except Http404 as error:
            return _json({"detail": str(error) or "未找到"}, status=404)

    wrapper.__name__ = function.__name__
    wrapper.__doc__ = function.__doc__
    return wrapper


# --- Serialisers ---------------------------------------------------------------------------

def _date(value) -> str | None:
    return value.isoformat() if value else None


def _partial_date(date: display.PartialDate) -> dict:
    """``date_precision`` (day/month/year), ``date_text`` (2025-05-24 / 2025-05 / 2025), ``date_label``."""
    return {
        "date_precision": date.precision if date else None,
        "date_text": date.iso or None,
        "date_label": date.label or None,
    }


def issue_summary(request, issue: Issue) -> dict:
    return {
        "id": issue.pk,
        "url": request.build_absolute_uri(reverse("api:issue_detail", args=[issue.pk])),
        "html_url": request.build_absolute_uri(issue.get_absolute_url()),
        "masthead": issue.masthead,
        "date": _date(issue.issue_date),
        "date_precision": issue.date_precision,
        "date_text": display.issue_date(issue).iso or None,
        "date_label": issue.date_label,
        "lunar_date": issue.lunar_date,
        "number": issue.number,
        "page": issue.page,
    }


def _person_ref(request, credit: ArticlePerson) -> dict:
    return {
        "id": credit.person_id,
        "name": credit.person.name,
        "role": credit.role,
        "title": credit.title,
        "url": request.build_absolute_uri(reverse("api:person_detail", args=[credit.person_id])),
    }


def article_summary(request, article: Article) -> dict:
    return {
        "id": article.pk,
        "url": request.build_absolute_uri(reverse("api:article_detail", args=[article.pk])),
        "html_url": request.build_absolute_uri(article.get_absolute_url()),
        "kicker": article.kicker,
        "headline": article.headline,
        "subheadline": article.subheadline,
        "section": article.section,
        "date": _date(article.date),
        # "date" stays a full YYYY-MM-DD; these say how much of it the archive knows.
        **_partial_date(display.article_date(article)),
        "issue": {
            "id": article.issue_id,
            "date": _date(article.issue.issue_date),
            "date_label": article.issue.date_label,
            "date_precision": article.issue.date_precision,
        },
        "people": [_person_ref(request, credit) for credit in article.credits.all()],
        "tags": [tag.name for tag in article.tags.all()],
    }


def article_full(request, article: Article) -> dict:
    data = article_summary(request, article)
    data.update(
        byline=article.byline,
        dateline=article.dateline,
        body=article.body,
        ocr_text=article.ocr_text,
        issue=issue_summary(request, article.issue),
        photos=[
            {
                "title": photo.title,
                "caption": photo.caption,
                "photographers": [person.name for person in photo.photographers.all()],
                "image": request.build_absolute_uri(photo.image.url) if photo.image else None,
            }
            for photo in article.photos.all()
        ],
        updated_at=article.updated_at.isoformat(),
    )
    return data


def person_summary(request, person: Person) -> dict:
    return {
        "id": person.pk,
        "url": request.build_absolute_uri(reverse("api:person_detail", args=[person.pk])),
        "html_url": request.build_absolute_uri(person.get_absolute_url()),
        "name": person.name,
        "aliases": [alias.name for alias in person.aliases.all()],
    }


# --- Endpoints -----------------------------------------------------------------------------

def _article_queryset():
    return (
        public_articles()
        .select_related("issue")
        .defer("ocr_text", "issue__ocr_text", "issue__unplaced", "issue__import_errors")
        .prefetch_related(
            Prefetch("credits", queryset=ArticlePerson.objects.select_related("person").order_by("role", "position")),
            "tags",
        )
    )


@api_view
def index(request):
    """What the API offers."""
    return {
        "articles": request.build_absolute_uri(reverse("api:article_list")),
        "issues": request.build_absolute_uri(reverse("api:issue_list")),
        "people": request.build_absolute_uri(reverse("api:person_list")),
        "filters": {
            "articles": ["q", "date_from", "date_to", "year", "issue", "section", "tag", "person", "role", "has_photo", "sort"],
            "issues": ["year", "date_from", "date_to"],
            "people": ["name", "role"],
            "pagination": ["page", f"page_size (≤ {MAX_PAGE_SIZE})", "after / before (from next / previous links)"],
        },
    }


@api_view
def article_list(request):
    filterset = ArticleFilter(request.GET or None, queryset=_article_queryset())
    if filterset.is_bound and not filterset.is_valid():
        raise BadRequest({key: list(messages) for key, messages in filterset.errors.items()})
    return _page(request, filterset.ordered(), article_summary, filterset=filterset)


@api_view
def article_detail(request, pk: int):
    queryset = _article_queryset().defer(None).select_related("issue").prefetch_related("photos__photographers")
    return article_full(request, get_object_or_404(queryset, pk=pk))


def _date_param(request, name: str) -> dt.date | None:
    raw = request.GET.get(name)
    if not raw:
        return None
    try:
        value = dt.date.fromisoformat(raw)
    except ValueError:
        raise BadRequest({name: ["日期格式应为 YYYY-MM-DD。"]}) from None
    if not MIN_YEAR <= value.year <= MAX_YEAR:
        raise BadRequest({name: ["日期超出范围。"]})
    return value


@api_view
def issue_list(request):
    issues = public_issues().defer(*ISSUE_DEFERRED)
    if request.GET.get("year"):
        year = _positive_int(request, "year", 0, MAX_YEAR)
        if year < MIN_YEAR:
            raise BadRequest({"year": ["年份超出范围。"]})
        issues = issues.filter(issue_date__gte=dt.date(year, 1, 1), issue_date__lt=dt.date(year + 1, 1, 1))
    if date_from := _date_param(request, "date_from"):
        issues = issues.filter(issue_date__gte=date_from)
    if date_to := _date_param(request, "date_to"):
        issues = issues.filter(issue_date__lte=date_to)
    return _page(request, issues.order_by("issue_date", "pk"), issue_summary)


@api_view
def issue_detail(request, pk: int):
    issue = get_object_or_404(public_issues().defer(*ISSUE_DEFERRED), pk=pk)
    data = issue_summary(request, issue)
    articles = _article_queryset().filter(issue=issue).order_by("position")
    data["articles"] = [article_summary(request, article) for article in articles]
    return data


@api_view
def person_list(request):
    people = public_people().prefetch_related("aliases")
    name = request.GET.get("name", "").replace("\x00", "").strip()
    if len(name) > 50:
        raise BadRequest({"name": ["最多 50 个字符。"]})
    if name:
        people = people.filter(
            Q(name__icontains=name) | Exists(PersonAlias.objects.filter(person=OuterRef("pk"), name__icontains=name))
        )
    role = request.GET.get("role", "")
    if role:
        if role not in ArticlePerson.Role.values:
            raise BadRequest({"role": [f"可选值：{', '.join(ArticlePerson.Role.values)}。"]})
        people = people.filter(credited_people(role))
    return _page(request, people.order_by("name"), person_summary)


@api_view
def person_detail(request, pk: int):
    person = get_object_or_404(public_people().prefetch_related("aliases"), pk=pk)
    data = person_summary(request, person)
    credits = ArticlePerson.objects.filter(person=person, article__in=public_articles())
    data["titles"] = sorted(set(credits.exclude(title="").values_list("title", flat=True)))
    data["articles"] = request.build_absolute_uri(reverse("api:article_list") + f"?person={person.pk}")
    data["counts"] = {
        role: credits.filter(role=role).count() for role in ArticlePerson.Role.values
    }
    return data
