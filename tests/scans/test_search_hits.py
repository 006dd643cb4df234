"""A reader's search term marked on the page image where it was printed — also when the
term is wrapped over a line break (its first characters end one printed line, the rest open
the next), which is where a narrow newspaper column breaks words most often."""

from __future__ import annotations

import re

import pytest

from articles.models import PageLine
from articles.search import SearchQuery
from articles.site.pages import hit_boxes
from tests.factories import ArticleFactory, IssueFactory
from tests.scans.pagedata import LineData, make_page

pytestmark = pytest.mark.django_db

HEAD = PageLine.LineRole.HEADLINE


@pytest.fixture(autouse=True)
def _own_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def _wrapped_story():
    """A story whose first paragraph wraps 经济 (经 ends line 1, 济 opens line 2); a body
    character is 50 px wide. The first paragraph ends without a full stop, so only the
    paragraph break stands between 高 and the 合 that opens the next one."""
    issue = IssueFactory()
    story = ArticleFactory(
        issue=issue,
        position=1,
        headline="乡村振兴有新路",
        body="今年全区上下大力发展经济，农民收入稳步提高\n\n合作社带动农户增收。",
    )
    make_page(
        issue,
        lines=[
            LineData("乡村振兴有新路", (100, 100, 700, 80), article=story, role=HEAD),
            LineData("今年全区上下大力发展经", (100, 220, 550, 50), article=story, paragraph=0),
            LineData("济，农民收入稳步提高", (100, 280, 500, 50), article=story, paragraph=0),
            LineData("合作社带动农户增收。", (100, 340, 500, 50), article=story, paragraph=1),
        ],
    )
    return story


def _rects(html: str) -> list[tuple[int, int, int, int]]:
    return [tuple(map(int, m)) for m in re.findall(r'<rect x="(\d+)" y="(\d+)" width="(\d+)" height="(\d+)"/>', html)]


def test_a_term_wrapped_over_a_line_break_is_marked_on_both_lines(client):
    story = _wrapped_story()
    html = client.get(story.get_absolute_url(), {"q": "经济"}).content.decode()
    # Relative to the clipping (which starts at 100,100): 经 is the 11th character of the first
    # body line, 济 the first of the second.
    assert sorted(_rects(html)) == [(0, 180, 50, 50), (500, 120, 50, 50)]
    # The link to the zoomable page carries both boxes, in page pixels.
    assert "hits=600,220,50,50;100,280,50,50" in html


def test_a_term_is_not_joined_across_paragraphs_or_from_the_headline():
    story = _wrapped_story()
    lines = list(PageLine.objects.filter(article=story).order_by("order"))
    # 路今 would be the headline's last and the body's first character; 高合 ends one
    # paragraph and opens the next: neither was ever printed as one word.
    for term in ("路今", "高合"):
        assert all(not boxes for _, boxes in hit_boxes(lines, SearchQuery.parse(term))), term
    # Inside one line nothing changes: 农民 is characters 2–3 of the second body line.
    found = [(line.text, boxes) for line, boxes in hit_boxes(lines, SearchQuery.parse("农民")) if boxes]
    assert [(text, [b.as_list() for b in boxes]) for text, boxes in found] == [
        ("济，农民收入稳步提高", [[200, 280, 100, 50]])
    ]


def test_a_paragraph_running_on_onto_the_next_page_is_one_text(client):
    issue = IssueFactory()
    story = ArticleFactory(issue=issue, position=1, headline="两版连载", body="这篇稿件讲的是苎麻产业。")
    make_page(issue, number=1, lines=[LineData("这篇稿件讲的是苎", (100, 1600, 400, 50), article=story, paragraph=0)])
    make_page(issue, number=2, lines=[LineData("麻产业。", (100, 100, 200, 50), article=story, paragraph=0)])
    html = client.get(story.get_absolute_url(), {"q": "苎麻"}).content.decode()
    assert "hits=450,1600,50,50" in html and "hits=100,100,50,50" in html
