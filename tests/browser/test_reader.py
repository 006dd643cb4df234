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
