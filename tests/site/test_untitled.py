"""An article the paper printed without a headline is shown by its opening words, not a placeholder."""

import re

import pytest

from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

OPENING = "近日，荆州区委书记万玲玲主持召开两区经济形势分析会议，分析研判当前经济形势。"


def test_untitled_article_is_named_by_its_opening_words(client):
    article = ArticleFactory(headline="", kicker="", subheadline="", body=OPENING)

    page = client.get(article.get_absolute_url()).content.decode()
    heading = re.search(r"<h1>(.*?)</h1>", page, re.S).group(1)
    assert heading.startswith(OPENING[:20])
    assert len(heading) < len(OPENING)  # shortened, not the whole first paragraph
    assert "无标题" not in page

    for url in ("/articles/", article.issue.get_absolute_url()):
        assert OPENING[:20] in client.get(url).content.decode()
