"""The readers' site in a real browser: search, filters, an article, a person, a phone."""

import re

import pytest

from tests.site.sample import make_sample_archive

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def site(live_server, transactional_db):
    from django.core.cache import cache

    cache.clear()  # the home page caches archive statistics
    make_sample_archive()
    return live_server.url


def test_search_from_the_home_page(page, site, screenshot):
    page.goto(site + "/")
    page.get_by_role("searchbox", name="搜索标题和正文").fill("经济")
    page.get_by_role("button", name="搜索").last.click()
    page.wait_for_url(re.compile(r"/articles/\?q="))
    assert page.locator("h1").inner_text() == "搜索“经济”"
    results = page.locator(".article-list > li h3")
    assert results.count() == 3
    assert results.first.inner_text() == "两区经济形势分析会召开"  # headline hits first
    assert page.locator(".article-list mark").first.inner_text() == "经济"
    screenshot(page, "reader-search")


def test_combine_two_filters_through_facets(page, site, screenshot):
    page.goto(site + "/articles/")
    page.locator(".facets").get_by_role("link", name="2025年").click()
    page.locator(".facets").get_by_role("link", name="防汛").click()
    assert "year=2025" in page.url and "tag=" in page.url
    assert page.locator(".article-list > li h3").all_inner_texts() == ["荆州区开展防汛演练"]
    chips = page.locator(".active-filters .chip").all_inner_texts()
    assert any("2025年" in chip for chip in chips) and any("标签：防汛" in chip for chip in chips)
    screenshot(page, "reader-two-filters")
    # Removing one filter keeps the other.
    page.locator(".active-filters .chip", has_text="标签").click()
    assert "year=2025" in page.url and "tag=" not in page.url
    assert page.locator(".article-list > li").count() == 2


def test_filter_form_combines_section_and_photo(page, site):
    page.goto(site + "/articles/")
    page.locator("summary", has_text="更多筛选").click()
    page.get_by_label("栏目").fill("要闻")
    page.get_by_label("图片", exact=True).select_option("true")
    page.get_by_role("button", name="筛选").click()
    assert page.locator(".article-list > li h3").all_inner_texts() == ["荆州区开展防汛演练"]


def test_open_an_article_see_ocr_and_follow_a_person(page, site, screenshot):
    page.goto(site + "/articles/?q=防汛")
    page.get_by_role("link", name="荆州区开展防汛演练").click()
    assert page.locator("h1").inner_text() == "荆州区开展防汛演练"
    ocr = page.locator("details.ocr pre")
    assert not ocr.is_visible()
    page.locator("details.ocr summary").click()
    assert ocr.is_visible()
    screenshot(page, "reader-article")
    page.locator(".people-mentioned").get_by_role("link", name="朱翊").click()
    assert page.locator("h1").inner_text() == "朱翊"
    assert page.get_by_role("cell", name="区委书记").is_visible()
    screenshot(page, "reader-person")
    page.get_by_role("link", name="两区经济形势分析会召开").click()
    assert page.locator("h1").inner_text() == "两区经济形势分析会召开"


def test_phone_viewport_has_no_sideways_scrolling(phone_page, site, screenshot):
    for path, name in [("/", "phone-home"), ("/articles/?q=经济", "phone-search"), ("/issues/2025-05-12/", "phone-issue")]:
        phone_page.goto(site + path)
        width = phone_page.evaluate("document.documentElement.scrollWidth")
        assert width <= 390, (path, width)
        screenshot(phone_page, name)
    phone_page.goto(site + "/")
    phone_page.get_by_role("searchbox", name="搜索标题和正文").fill("防汛")
    phone_page.keyboard.press("Enter")
    phone_page.wait_for_url(re.compile(r"q="))
    assert phone_page.locator(".article-list > li h3").all_inner_texts() == ["荆州区开展防汛演练"]


MONTH_OCR = "## 推进产业整体转型升级\n本报讯（通讯员邓慕秋）5月24日，荆州区召开产业转型升级推进会。\n#### 会议要求"


@pytest.fixture
def month_site(site):
    """Beside the sample: an issue dated only to May 2023, one article with a dateline, one without."""
    import datetime as dt

    from articles.models import Issue
    from tests.factories import ArticleFactory, IssueFactory

    issue = IssueFactory(issue_date=dt.date(2023, 5, 1), date_precision=Issue.PrecisionChoices.MONTH)
    ArticleFactory(
        issue=issue, position=1, headline="推进产业整体转型升级", dateline="5月24日",
        dateline_date=dt.date(2023, 5, 24), date=dt.date(2023, 5, 24), ocr_text=MONTH_OCR,
        body="本报讯（通讯员邓慕秋）5月24日，荆州区召开产业转型升级推进会。",
    )
    ArticleFactory(issue=issue, position=2, headline="", body="近日，荆州区与多家企业开展合作洽谈，推动项目落地见效。")
    return site


@pytest.mark.parametrize(("width", "height", "name"), [(1366, 900, "desktop"), (390, 844, "phone")])
def test_dates_at_the_precision_known_and_the_ocr_as_printed(browser, month_site, screenshot, width, height, name):
    context = browser.new_context(locale="zh-CN", viewport={"width": width, "height": height})
    page = context.new_page()
    page.set_default_timeout(10_000)
    try:
        page.goto(month_site + "/articles/?year=2023")
        items = page.locator(".article-list > li")
        assert items.count() == 2
        metas = page.locator(".article-list > li .meta").all_inner_texts()
        assert any(re.fullmatch(r"\s*2023年5月24日 · 刊于 2023年5月\s*", meta) for meta in metas), metas
        assert any(re.fullmatch(r"\s*刊于 2023年5月\s*", meta) for meta in metas), metas  # no invented 5月1日
        assert page.locator(".article-list > li h3").last.inner_text().startswith("近日，荆州区与多家企业")
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        screenshot(page, f"reader-month-list-{name}")

        page.get_by_role("link", name="推进产业整体转型升级").click()
        assert page.locator("header .meta").inner_text().strip() == "2023年5月24日 · 刊于《荆州区新闻》2023年5月"
        assert "荆州区新闻, 2023-05-24." in page.locator("#citation").inner_text()
        page.locator("details.ocr summary").click()
        assert page.locator("details.ocr pre").inner_text().splitlines() == [
            "推进产业整体转型升级",
            "本报讯（通讯员邓慕秋）5月24日，荆州区召开产业转型升级推进会。",
            "会议要求",
        ]
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        screenshot(page, f"reader-month-article-{name}")
    finally:
        context.close()
